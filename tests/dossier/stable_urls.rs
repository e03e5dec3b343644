//! Stable URLs: a title change moves an article, and its old URL redirects.

use std::path::Path;

use crate::helpers::*;

const OLD: &str = "articles/tariff-talks-resume-in-washington/index.html";
const NEW: &str = "articles/tariff-talks-stall-in-washington/index.html";

fn retitle(root: &Path) {
    let seed = root.join("seeds/zola-post.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text.replace("talks resume in", "talks stall in")).unwrap();
}

fn attr(doc: &scraper::Html, css: &str, name: &str) -> Vec<String> {
    let s = scraper::Selector::parse(css).unwrap();
    doc.select(&s)
        .filter_map(|e| e.value().attr(name).map(str::to_string))
        .collect()
}

/// The old URL's page sends the reader, and search engines, to `target`.
fn assert_redirects(out: &Path, from: &str, target: &str) {
    let doc = page(out, from);
    assert_eq!(
        attr(&doc, "meta[http-equiv=refresh]", "content"),
        [format!("0; url=../../{target}")]
    );
    assert_eq!(attr(&doc, "body a", "href"), [format!("../../{target}")]);
    assert_eq!(
        attr(&doc, "link[rel=canonical]", "href"),
        [format!("https://example.org/brief/{target}")]
    );
}

#[test]
fn a_retitled_article_leaves_a_redirect_at_its_old_url_that_check_accepts() {
    let project = project_from("site");
    let root = project.path();
    let base = ["--base-url", "https://example.org/brief/"];
    build(root, &base);
    let out = root.join("public");
    assert!(out.join(OLD).is_file());
    retitle(root);
    build(root, &base);
    assert!(out.join(NEW).is_file());
    assert_redirects(&out, OLD, "articles/tariff-talks-stall-in-washington/");
    assert_eq!(
        select_texts(&page(&out, OLD), "body a"),
        ["Tariff talks stall in Washington"]
    );
    // Not an article: in no list, feed, sitemap or search index.
    let old_slug = "tariff-talks-resume-in-washington";
    for f in [
        "index.html",
        "dates/index.html",
        "sitemap.xml",
        "feed.xml",
        "search/index.json",
    ] {
        let text = std::fs::read_to_string(out.join(f)).unwrap_or_default();
        assert!(!text.contains(old_slug), "{f} names the old slug");
    }
    let check = dossier(&["check", "--root", root.to_str().unwrap()]);
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(report.contains(": 0 broken links,"), "{report}");
    // The history is recorded: it survives later builds, and the output is that of
    // a clean build from the same seeds and history.
    let history = std::fs::read_to_string(root.join("slugs.toml")).unwrap();
    assert!(
        history.contains(
            "\"seeds/zola-post.md\" = [\"tariff-talks-resume-in-washington\", \"tariff-talks-stall-in-washington\"]"
        ),
        "{history}"
    );
    std::fs::write(
        root.join("seeds/late.md"),
        "---\ntitle: Late note\ndate: 2025-07-02\n---\n\nA late note on LNG.\n",
    )
    .unwrap();
    build(root, &base);
    assert_redirects(&out, OLD, "articles/tariff-talks-stall-in-washington/");
    // The title changed back: the article is at its first URL again, and the second redirects there.
    let seed = root.join("seeds/zola-post.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text.replace("talks stall in", "talks resume in")).unwrap();
    build(root, &base);
    assert!(page(&out, OLD).root_element().html().contains("<main"));
    assert_redirects(&out, NEW, "articles/tariff-talks-resume-in-washington/");
}

#[test]
fn the_output_with_a_slug_history_is_that_of_a_clean_build_from_the_same_history() {
    let project = project_from("site");
    build(project.path(), &[]);
    retitle(project.path());
    build(project.path(), &[]);
    assert!(project.path().join("public").join(OLD).is_file());
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn a_sidecar_pins_the_slug_and_lists_aliases() {
    let project = project_from("site");
    let root = project.path();
    std::fs::write(
        root.join("seeds/zola-post.toml"),
        "slug = \"tariff-talks\"\naliases = [\"articles/talks-in-dc/\", \"Old Talks\"]\n",
    )
    .unwrap();
    build(root, &["--base-url", "https://example.org/brief/"]);
    retitle(root);
    build(root, &["--base-url", "https://example.org/brief/"]);
    let out = root.join("public");
    assert!(out.join("articles/tariff-talks/index.html").is_file());
    assert!(!out.join(OLD).exists() && !out.join(NEW).exists());
    for old in ["talks-in-dc", "old-talks"] {
        assert_redirects(
            &out,
            &format!("articles/{old}/index.html"),
            "articles/tariff-talks/",
        );
    }
}

#[test]
fn front_matter_pins_the_slug() {
    let project = project_from("site");
    let root = project.path();
    let seed = root.join("seeds/zola-post.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(
        &seed,
        text.replacen(
            "+++\n",
            "+++\nslug = \"talks\"\naliases = [\"dc-talks\"]\n",
            1,
        ),
    )
    .unwrap();
    build(root, &[]);
    let out = root.join("public");
    assert!(out.join("articles/talks/index.html").is_file());
    assert!(out.join("articles/dc-talks/index.html").is_file());
    assert!(!out.join(OLD).exists());
}

#[test]
fn errors_on_a_slug_history_that_does_not_parse() {
    let project = project_from("site");
    let root = project.path();
    std::fs::write(root.join("slugs.toml"), "\"seeds/a.md\" = \"old\"\n").unwrap();
    let out = dossier(&["build", "--root", root.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("slugs.toml: ") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn two_articles_with_one_long_title_keep_their_urls_and_history_across_builds() {
    // The second one's slug is the title's (cut near 80 characters) with "-2": past 80.
    let title = "Pyongyang's missiles and trust between the two capitals beyond the next election";
    let project = tempfile::tempdir().unwrap();
    let root = project.path();
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    for (name, day) in [("a.md", "12"), ("b.md", "13")] {
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = 2025-06-{day}\n+++\n\nOfficials in Seoul and Tokyo \
             met on Tuesday to talk about trust, missiles and the next election.\n"
        );
        std::fs::write(root.join("seeds").join(name), text).unwrap();
    }
    build(root, &[]);
    let history = std::fs::read_to_string(root.join("slugs.toml")).unwrap();
    assert!(history.contains("-election-2\"]"), "{history}");
    // A build from nothing but the seeds and that history (a fresh clone) writes the
    // same site and the same history: no slug read back as a new old one.
    let fresh = root.join("fresh");
    build(root, &["--out", fresh.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(root.join("slugs.toml")).unwrap(),
        history
    );
    assert_eq!(tree(&root.join("public")), tree(&fresh));
}
