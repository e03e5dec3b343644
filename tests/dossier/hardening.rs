//! Bad input never crashes dossier, loses data, or reaches a reader's browser.
//! Each case asserts the message, the exit code, that the other articles were
//! built, and (for fatal problems) that the previous site is untouched.

use std::path::Path;

use crate::helpers::*;

fn run_build(root: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    dossier(&args)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_no_panic(o: &std::process::Output) {
    let e = stderr(o);
    assert!(
        !e.contains("panicked") && !e.contains("RUST_BACKTRACE"),
        "{e}"
    );
}

/// The fixture's four articles are still there.
fn assert_fixture_articles_built(out: &Path) {
    for a in [
        "seoul-and-tokyo-should-buy-american-gas-together",
        "tariff-talks-resume-in-washington",
        "gas-pipeline-plans-revived",
    ] {
        assert!(
            out.join(format!("articles/{a}/index.html")).is_file(),
            "{a} missing"
        );
    }
}

#[test]
fn bad_seeds_are_warnings_and_the_rest_still_builds() {
    let project = project_from("site");
    let seeds = project.path().join("seeds");
    std::fs::write(seeds.join("empty.txt"), "").unwrap();
    std::fs::write(seeds.join("blank.txt"), "  \n\t\n   \n").unwrap();
    std::fs::write(
        seeds.join("binary.txt"),
        [
            0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3, 0, 0, 0xff, 0,
        ],
    )
    .unwrap();
    std::fs::write(
        seeds.join("truncated.md"),
        "+++\ntitle = \"never closed\"\n",
    )
    .unwrap();
    std::fs::write(seeds.join("no-prose.txt"), "Home\nNews\nLogin\n").unwrap();
    let out = run_build(project.path(), &[]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("empty.txt: empty file, skipped"), "{err}");
    assert!(err.contains("blank.txt: empty file, skipped"), "{err}");
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(
        err.contains("no-prose.txt: no article text found, skipped"),
        "{err}"
    );
    assert_fixture_articles_built(&project.path().join("public"));
    // --strict turns the warnings into a failing exit for CI.
    let strict = run_build(project.path(), &["--strict"]);
    assert!(!strict.status.success());
    assert_no_panic(&strict);
}

#[test]
fn enormous_seeds_and_single_huge_lines_do_not_stop_the_build() {
    let project = project_from("site");
    let seeds = project.path().join("seeds");
    // One 5 MB line with no breaks, and a 25 MB page of repeated prose.
    let sentence = "The alliance faces tariff pressure and troop questions this year. ";
    std::fs::write(
        seeds.join("one-line.txt"),
        sentence.repeat(5 * 1024 * 1024 / sentence.len()),
    )
    .unwrap();
    let para = format!("{}\n\n", sentence.repeat(20));
    std::fs::write(
        seeds.join("huge.txt"),
        format!(
            "Huge page title here\n\n{}",
            para.repeat(25 * 1024 * 1024 / para.len() + 1)
        ),
    )
    .unwrap();
    let out = run_build(project.path(), &[]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("huge.txt: 25 MB of text, only the first 20 MB were used"),
        "{}",
        stderr(&out)
    );
    assert_fixture_articles_built(&project.path().join("public"));
}

#[test]
fn file_names_with_spaces_non_ascii_and_dots_are_handled() {
    let project = project_from("site");
    let seeds = project.path().join("seeds");
    let text = std::fs::read_to_string(seeds.join("undated-note.txt")).unwrap();
    std::fs::write(
        seeds.join("a note with spaces.txt"),
        text.replace("A note on alliance management", "Spaces in the name"),
    )
    .unwrap();
    std::fs::write(
        seeds.join("한국 메모.txt"),
        text.replace("A note on alliance management", "Hangul file name"),
    )
    .unwrap();
    std::fs::write(
        seeds.join(".hidden.txt"),
        text.replace("A note on alliance management", "Hidden file"),
    )
    .unwrap();
    std::fs::create_dir(seeds.join(".git")).unwrap();
    std::fs::write(
        seeds.join(".git/junk.txt"),
        text.replace("A note on alliance management", "Inside dot folder"),
    )
    .unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    article_titled(&out, "Spaces in the name without dates");
    article_titled(&out, "Hangul file name without dates");
    let titles: Vec<String> = html_pages(&out)
        .iter()
        .filter(|p| p.starts_with("articles/"))
        .flat_map(|p| select_texts(&page(&out, p), "h1"))
        .collect();
    assert!(
        !titles
            .iter()
            .any(|t| t.starts_with("Hidden file") || t.starts_with("Inside dot folder")),
        "{titles:?}"
    );
}

#[test]
fn two_seeds_with_one_title_get_distinct_stable_slugs() {
    let project = project_from("site");
    let seeds = project.path().join("seeds");
    let text = std::fs::read_to_string(seeds.join("undated-note.txt")).unwrap();
    std::fs::write(
        seeds.join("copy-b.txt"),
        text.replace("well-timed", "x").replace(
            "regular meetings",
            "frequent meetings between envoys and ministers",
        ),
    )
    .unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    assert!(out
        .join("articles/a-note-on-alliance-management-without-dates/index.html")
        .is_file());
    assert!(out
        .join("articles/a-note-on-alliance-management-without-dates-2/index.html")
        .is_file());
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_seeds_is_reported_not_followed_forever() {
    let project = project_from("site");
    std::os::unix::fs::symlink(
        project.path().join("seeds"),
        project.path().join("seeds/loop"),
    )
    .unwrap();
    let out = run_build(project.path(), &[]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("symlink loop, not followed"),
        "{}",
        stderr(&out)
    );
}

/// Every file under `dir` (hidden ones too), with its bytes, in path order.
fn assert_fatal_keeps_previous_site(project: &Path, expect: &[&str], extra: &[&str]) {
    let out = run_build(project, extra);
    assert_no_panic(&out);
    assert!(!out.status.success(), "build should fail");
    let err = stderr(&out);
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in {err}");
    }
    // One message, from main: no backtrace, no warning noise before it.
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.matches("error: ").count(), 1, "{err}");
}

#[test]
fn fatal_problems_stop_cleanly_and_leave_the_previous_site() {
    let project = project_from("site");
    build(project.path(), &[]);
    let index = project.path().join("public/index.html");
    let before = std::fs::read(&index).unwrap();
    let count_before = html_pages(&project.path().join("public")).len();

    // A misspelt key names the file, the line and the valid keys.
    let book = project.path().join("book.toml");
    let good = std::fs::read_to_string(&book).unwrap();
    std::fs::write(&book, good.replace("[book]\ntitle", "[book]\ntitel")).unwrap();
    assert_fatal_keeps_previous_site(
        project.path(),
        &[
            "book.toml: TOML parse error at line 2",
            "unknown field `titel`",
            "`title`",
        ],
        &[],
    );
    std::fs::write(&book, "[book\ntitle = 1").unwrap();
    assert_fatal_keeps_previous_site(
        project.path(),
        &["book.toml: TOML parse error at line 1"],
        &[],
    );
    std::fs::write(&book, &good).unwrap();

    // A template syntax error names the template.
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(
        project.path().join("templates/list.html"),
        "{% extends \"base.html\" %}{% block main %}{{ x(}}{% endblock main %}",
    )
    .unwrap();
    assert_fatal_keeps_previous_site(project.path(), &["list.html"], &[]);
    // A template render error (unknown variable) names the page and template, and
    // leaves every file of the output as it was (a rebuild writes changed pages beside
    // the old ones until its commit: none may remain).
    let tree_before = tree(&project.path().join("public"));
    // A new seed too, so that the build has new pages written before the failing one.
    let late = project.path().join("seeds/late.md");
    std::fs::write(
        &late,
        "---\ntitle: Late\ndate: 2025-07-02\n---\n\nA late note.\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("templates/list.html"),
        "{% extends \"base.html\" %}{% block main %}{{ no_such_variable }}{% endblock main %}",
    )
    .unwrap();
    assert_fatal_keeps_previous_site(
        project.path(),
        &["with template list.html", "no_such_variable"],
        &[],
    );
    assert!(
        tree(&project.path().join("public")) == tree_before,
        "output changed"
    );
    std::fs::remove_file(&late).unwrap();
    std::fs::remove_file(project.path().join("templates/list.html")).unwrap();

    // Output paths that would destroy data are refused.
    let root = project.path().to_str().unwrap().to_string();
    let seeds = project.path().join("seeds").to_str().unwrap().to_string();
    let inside = project
        .path()
        .join("seeds/out")
        .to_str()
        .unwrap()
        .to_string();
    assert_fatal_keeps_previous_site(
        project.path(),
        &["refusing to use the project root"],
        &["--out", &root],
    );
    assert_fatal_keeps_previous_site(
        project.path(),
        &["must not contain or be inside the seeds folder"],
        &["--out", &seeds],
    );
    assert_fatal_keeps_previous_site(
        project.path(),
        &["must not contain or be inside the seeds folder"],
        &["--out", &inside],
    );
    assert_fatal_keeps_previous_site(
        project.path(),
        &["refusing to use the filesystem root"],
        &["--out", "/"],
    );
    let file = project.path().join("a-file");
    std::fs::write(&file, "keep me").unwrap();
    assert_fatal_keeps_previous_site(
        project.path(),
        &["output path exists and is not a folder"],
        &["--out", file.to_str().unwrap()],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");

    assert_eq!(
        std::fs::read(&index).unwrap(),
        before,
        "previous site changed"
    );
    assert_eq!(
        html_pages(&project.path().join("public")).len(),
        count_before
    );
    assert!(
        project.path().join("seeds/alliance-column.txt").is_file(),
        "seeds touched"
    );
}

#[cfg(unix)]
#[test]
fn an_unwritable_output_folder_fails_with_its_name() {
    use std::os::unix::fs::PermissionsExt;
    let project = project_from("site");
    let parent = project.path().join("locked");
    std::fs::create_dir(&parent).unwrap();
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o500)).unwrap();
    let target = parent.join("site");
    let out = run_build(project.path(), &["--out", target.to_str().unwrap()]);
    std::fs::set_permissions(&parent, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert_no_panic(&out);
    // Root ignores permissions; only assert the failure where permissions apply.
    if !out.status.success() {
        assert!(stderr(&out).contains("locked"), "{}", stderr(&out));
    }
}

#[test]
fn no_seed_markup_runs_in_a_browser_on_any_page() {
    let project = project_from("site");
    let seeds = project.path().join("seeds");
    std::fs::write(
        seeds.join("evil.md"),
        "+++\ntitle = \"</title><script>alert(1)</script>\"\nauthors = [\"<img src=x onerror=alert(2)>\"]\npublication = \"\\\"><svg onload=alert(3)>\"\ntags = [\"<b>x</b>\"]\n+++\n\n<script>alert(4)</script>\n\n<iframe src=\"javascript:alert(5)\"></iframe> [click](javascript:alert(6)) <a href=\"JaVaScRiPt:alert(7)\">x</a> <div onmouseover=\"alert(8)\">hover</div>\n\n<style>body{display:none}</style> Tariff talk in a paragraph about the tariff.\n",
    )
    .unwrap();
    std::fs::write(
        seeds.join("evil.html"),
        "<html><head><title>Evil page</title><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"</script><script>alert(9)</script>\"}</script></head><body><article><h1>Evil <script>alert(10)</script></h1><p onclick=\"alert(11)\">A paragraph long enough to be the body of this article, with words and more words in it.</p><p>Another paragraph with enough words to count as prose for the extractor here.</p></article></body></html>",
    )
    .unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    for p in html_pages(&out) {
        let doc = page(&out, &p);
        let problems: Vec<String> = live_script_problems(&doc)
            .into_iter()
            .filter(|pr| !pr.contains("inline <script>: <script type=\"application/ld+json\">"))
            .collect();
        assert_eq!(problems, Vec::<String>::new(), "{p}");
    }
    // Feeds escape too: they stay well-formed XML with the markup as text.
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    roxmltree::Document::parse(&feed).expect("feed is well-formed XML");
}
