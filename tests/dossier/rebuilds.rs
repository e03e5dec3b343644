//! Rebuilds and the build cache: a rebuild after an edit, an addition, a removal, a
//! template change, a damaged cache or a kill gives what a clean build gives, and
//! cleans only what changed. (Moved from site.rs, assertions unchanged.)

use crate::helpers::*;

#[test]
fn incremental_rebuild_cleans_one_seed_and_equals_a_clean_build() {
    let project = project_from("site");
    let root = project.path().to_str().unwrap().to_string();
    build(project.path(), &[]);
    let add = project.path().join("seeds/late-arrival.md");
    std::fs::write(&add, "---\ntitle: \"Late arrival on LNG\"\ndate: 2025-07-02\nauthor: Sam Lee\n---\n\nLNG buyers in Seoul signed a natural gas contract, the first since spring, covering LNG for ten years.\n").unwrap();
    let out = dossier(&["build", "--root", &root]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("(1 cleaned,"), "{summary}");
    // Unchanged pages were kept, not rewritten.
    assert!(!summary.contains(" 0 unchanged"), "{summary}");
    // Remove a seed: its page must not linger.
    std::fs::remove_file(project.path().join("seeds/undated-note.txt")).unwrap();
    let out = dossier(&["build", "--root", &root]);
    assert!(out.status.success());
    let incremental = project.path().join("public");
    assert!(!incremental
        .join("articles/a-note-on-alliance-management-without-dates/index.html")
        .exists());
    assert!(!incremental.join("dates/undated/index.html").exists());
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn a_rebuild_killed_before_its_commit_leaves_no_temporary_file_behind() {
    let project = project_from("site");
    build(project.path(), &[]);
    let out = project.path().join("public");
    // What a rebuild killed mid-way leaves: its marker and files under temporary names
    // (here beside files the next build does not change, so only replacing the output
    // whole removes them).
    std::fs::write(out.join(".dossier-incomplete"), b"").unwrap();
    std::fs::write(out.join(".robots.txt.dossier-new"), b"half a file").unwrap();
    std::fs::copy(out.join("404.html"), out.join(".404.html.dossier-old")).unwrap();
    build(project.path(), &[]);
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn the_cache_appends_changes_and_never_brings_back_a_dropped_article() {
    let project = project_from("site");
    let root = project.path().to_str().unwrap().to_string();
    build(project.path(), &[]);
    let cache = project.path().join(".dossier-cache");
    let base = std::fs::read(cache.join("articles.bin")).unwrap();
    // One seed added: its record is appended to the log; the base is not rewritten.
    let late = project.path().join("seeds/late-arrival.md");
    std::fs::write(&late, "---\ntitle: \"Late arrival on LNG\"\ndate: 2025-07-02\nauthor: Sam Lee\n---\n\nLNG buyers in Seoul signed a contract.\n").unwrap();
    build(project.path(), &[]);
    assert_eq!(std::fs::read(cache.join("articles.bin")).unwrap(), base);
    assert!(cache.join("articles.log").is_file());
    // A seed edited into one with no article text: its old record must not come back.
    let note = project.path().join("seeds/undated-note.txt");
    let page = project
        .path()
        .join("public/articles/a-note-on-alliance-management-without-dates/index.html");
    assert!(page.is_file());
    std::fs::write(&note, "\n").unwrap();
    for _ in 0..2 {
        let out = dossier(&["build", "--root", &root]);
        assert!(out.status.success());
        assert!(!page.exists());
    }
    std::fs::remove_file(&late).unwrap();
    build(project.path(), &[]);
    assert_same_as_a_clean_build(project.path());
    // A damaged log (a length claiming exabytes) costs a full clean, not a crash.
    let mut log = std::fs::OpenOptions::new()
        .append(true)
        .open(cache.join("articles.log"))
        .unwrap();
    std::io::Write::write_all(&mut log, &[1, 0, 0, 0, 255, 255, 255, 255, 255, 255, 0, 0]).unwrap();
    drop(log);
    let out = dossier(&["build", "--root", &root]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_same_as_a_clean_build(project.path());
    // Rebuilds stage the new site beside the output and swap it in: nothing of
    // theirs is left in the output, beside it (but the folder tree kept for the
    // next stage), or in the cache (the in-place design this replaced kept spare
    // files there).
    assert!(files_under(&cache)
        .iter()
        .all(|f| f.parent().unwrap().extension() != Some("spare".as_ref())));
    let work: Vec<std::path::PathBuf> = std::fs::read_dir(project.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".public.") && name != ".public.dossier-back"
        })
        .chain(
            files_under(&project.path().join("public"))
                .into_iter()
                .filter(|p| p.to_string_lossy().contains(".dossier-")),
        )
        .collect();
    assert!(work.is_empty(), "{work:?}");
}

#[test]
fn a_static_file_replaced_by_a_folder_of_its_name_and_back_rebuilds_cleanly() {
    let project = project_from("site");
    let fonts = project.path().join("static/fonts");
    std::fs::create_dir_all(project.path().join("static")).unwrap();
    std::fs::write(&fonts, "a file called fonts").unwrap();
    build(project.path(), &[]);
    std::fs::remove_file(&fonts).unwrap();
    std::fs::create_dir_all(&fonts).unwrap();
    std::fs::write(fonts.join("a.woff"), "a font").unwrap();
    build(project.path(), &[]);
    assert_same_as_a_clean_build(project.path());
    std::fs::remove_dir_all(&fonts).unwrap();
    std::fs::write(&fonts, "a file again").unwrap();
    build(project.path(), &[]);
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn rebuild_after_an_edit_a_list_template_change_and_a_damaged_cache_equals_a_clean_build() {
    let project = project_from("site");
    let root = project.path().to_str().unwrap().to_string();
    build(project.path(), &[]);
    // Edit a seed in place: new title, one more paragraph.
    let seed = project.path().join("seeds/undated-note.txt");
    let text = std::fs::read_to_string(&seed).unwrap();
    let edited = text.replacen(
        "A note on alliance management without dates",
        "A revised note on alliance management",
        1,
    );
    assert_ne!(
        edited, text,
        "the fixture's title changed; update this test"
    );
    std::fs::write(
        &seed,
        format!(
            "{edited}\nA paragraph added in the edit, about tariffs on steel and the alliance.\n"
        ),
    )
    .unwrap();
    let out = dossier(&["build", "--root", &root]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("(1 cleaned,"), "{summary}");
    let public = project.path().join("public");
    assert!(public
        .join("articles/a-revised-note-on-alliance-management/index.html")
        .exists());
    // The old URL no longer holds the article: it redirects to the new one (stable URLs).
    let old = page(
        &public,
        "articles/a-note-on-alliance-management-without-dates/index.html",
    );
    assert!(select_texts(&old, "main, article, h1").is_empty());
    let refresh = scraper::Selector::parse("meta[http-equiv=refresh]").unwrap();
    let targets: Vec<&str> = old
        .select(&refresh)
        .filter_map(|m| m.value().attr("content"))
        .collect();
    assert_eq!(
        targets,
        ["0; url=../../articles/a-revised-note-on-alliance-management/"]
    );
    assert_same_as_a_clean_build(project.path());
    // A list template changes: every list page is rendered again, not kept.
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    let list = dossier::render::BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "list.html")
        .unwrap()
        .1
        .replace(
            "<h1>{{ heading }}</h1>",
            "<h1 class=\"custom\">{{ heading }}</h1>",
        );
    std::fs::write(project.path().join("templates/list.html"), list).unwrap();
    build(project.path(), &[]);
    assert_eq!(
        select_texts(&page(&public, "topics/tariffs/index.html"), "h1.custom").len(),
        1
    );
    assert_same_as_a_clean_build(project.path());
    // The cache's body store is damaged: the build notices, starts afresh, and is still right.
    let bodies = project.path().join(".dossier-cache/bodies.bin");
    assert!(bodies.exists());
    std::fs::write(&bodies, b"garbage").unwrap();
    build(project.path(), &[]);
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn rebuild_after_a_template_change_renders_every_article_page_again() {
    // Unchanged article pages are kept without rendering only while their inputs,
    // templates included, are the same.
    let project = project_from("site");
    build(project.path(), &[]);
    let out = project.path().join("public");
    let article = "articles/a-note-on-alliance-management-without-dates/index.html";
    assert!(select_texts(&page(&out, article), "h1.custom").is_empty());
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(
        project.path().join("templates/article.html"),
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ page.article.title }}</h1>{% endblock main %}",
    )
    .unwrap();
    build(project.path(), &[]);
    assert_eq!(
        select_texts(&page(&out, article), "h1.custom"),
        ["A note on alliance management without dates"]
    );
}

#[test]
fn a_touched_but_unchanged_seed_is_not_cleaned_again() {
    let project = project_from("site");
    let root = project.path().to_str().unwrap().to_string();
    build(project.path(), &[]);
    // A new modification time, the same bytes (an editor saving without changes, a checkout).
    let seed = project.path().join("seeds/alliance-column.txt");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&seed)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let out = dossier(&["build", "--root", &root]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("(0 cleaned,"), "{summary}");
    assert!(summary.contains(" 0 files written"), "{summary}");
    // The new stamp is in the cache now: the next build has nothing at all to do.
    let out = dossier(&["build", "--root", &root]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("(up to date: nothing changed"),
        "{summary}"
    );
    // Same size, new bytes: the hash, not the size, decides.
    let text = std::fs::read_to_string(&seed).unwrap();
    let swapped = text.replacen("Seoul", "Tokyo", 1);
    assert_eq!(swapped.len(), text.len());
    assert_ne!(swapped, text);
    std::fs::write(&seed, swapped).unwrap();
    let out = dossier(&["build", "--root", &root]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(summary.contains("(1 cleaned,"), "{summary}");
    assert_same_as_a_clean_build(project.path());
}

/// The search index's files after a rebuild: `(inode, bytes)` of a fragment.
fn fragment(out: &std::path::Path, id: usize) -> (u64, Vec<u8>) {
    use std::os::unix::fs::MetadataExt;
    let path = out.join(format!("search/f/{id}.json"));
    let ino = std::fs::metadata(&path).unwrap().ino();
    (ino, std::fs::read(&path).unwrap())
}

#[test]
fn search_index_rebuilt_after_an_addition_an_edit_and_a_removal_equals_a_clean_build() {
    let project = project_from("search");
    build(project.path(), &[]);
    let out = project.path().join("public");
    let seeds = project.path().join("seeds");
    // Ids count from the oldest article: the newest of nine is 8.
    let newest = fragment(&out, 8);
    // An article older than most: every newer article's id moves up by one, and its
    // fragment moves with it, not written again.
    std::fs::write(
        seeds.join("older-quota.md"),
        "---\ntitle: \"Quotas on steel widened\"\ndate: 2024-01-05\nauthor: Aiko Tanaka\n---\n\nSteel quotas were widened for a year.\n",
    )
    .unwrap();
    build(project.path(), &[]);
    assert_eq!(fragment(&out, 9), newest);
    assert_same_as_a_clean_build(project.path());
    let edited = std::fs::read_to_string(seeds.join("quota-regime.md"))
        .unwrap()
        .replace("rice and beef", "rice, beef and steel");
    std::fs::write(seeds.join("quota-regime.md"), edited).unwrap();
    build(project.path(), &[]);
    assert_same_as_a_clean_build(project.path());
    std::fs::remove_file(seeds.join("energy-note.md")).unwrap();
    build(project.path(), &[]);
    assert_eq!(fragment(&out, 8), newest);
    assert_same_as_a_clean_build(project.path());
}
