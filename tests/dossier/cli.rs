//! The command-line contract: inspect output, overrides, warnings, errors.

use crate::helpers::*;

fn json_lines(out: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn inspect_json_prints_one_object_per_file_with_the_documented_keys() {
    let seeds = manifest_dir().join("seeds");
    let a = seeds.join("000_6ac1ba55e0846edf.txt");
    let b = seeds.join("003_a55aec949da40c90.txt");
    let out = dossier(&[
        "inspect",
        "--json",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = json_lines(&out);
    assert_eq!(records.len(), 2);
    for key in [
        "source",
        "slug",
        "title",
        "author",
        "author_bio",
        "publication",
        "date",
        "date_basis",
        "topics",
        "blocks",
        "captions",
        "credits",
        "word_count",
    ] {
        assert!(records[0].get(key).is_some(), "missing key {key}");
    }
    assert_eq!(records[1]["author"], "Kimiya Tadashi");
    assert_eq!(records[1]["date"], "2024-12");
    assert_eq!(records[1]["date_basis"], "inferred");
    assert_eq!(records[0]["blocks"][1]["type"], "heading");
}

#[test]
fn inspect_explain_lists_dropped_lines_with_reasons() {
    let seed = manifest_dir().join("seeds/002_b3f9054b4274edf2.txt");
    let out = dossier(&["inspect", "--explain", seed.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("# Recommitting to Japan-South Korea cooperation amid uncertainty\n"),
        "{text}"
    );
    assert!(
        text.contains("line 7: contact e-mail in site header <- hello@global-herald.net"),
        "{text}"
    );
    assert!(
        text.contains(
            "line 1: site-header date (used as an upper bound) <- Thursday, June 12, 2025"
        ),
        "{text}"
    );
    assert!(text.contains("<- Source link"), "{text}");
}

#[test]
fn sidecar_overrides_win_and_inspect_says_so() {
    let project = project_from("site");
    let seed = project.path().join("seeds/alliance-column.txt");
    std::fs::write(
        project.path().join("seeds/alliance-column.toml"),
        "title = \"Buy gas together\"\nauthor = \"M. Park\"\ndate = \"2025-02\"\nremove_topics = [\"tariffs\"]\ndrop = [\"Negotiators would need\"]\n",
    )
    .unwrap();
    let out = dossier(&[
        "inspect",
        "--json",
        "--root",
        project.path().to_str().unwrap(),
        seed.to_str().unwrap(),
    ]);
    let r = &json_lines(&out)[0];
    assert_eq!(r["title"], "Buy gas together");
    assert_eq!(r["author"], "M. Park");
    assert_eq!(r["date"], "2025-02");
    assert_eq!(r["date_basis"], "override");
    let topics: Vec<&str> = r["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(topics, ["energy"]);
    let body: Vec<&str> = r["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["text"].as_str().unwrap())
        .collect();
    assert!(!body.iter().any(|t| t.starts_with("Negotiators would need")));
    // And the build uses it: the page moves to the overridden title and month.
    build(project.path(), &[]);
    let doc = page(
        &project.path().join("public"),
        "articles/buy-gas-together/index.html",
    );
    assert_eq!(select_texts(&doc, "h1"), ["Buy gas together"]);
    assert!(
        links_from(&project.path().join("public"), "dates/2025/02/index.html")
            .contains("articles/buy-gas-together/index.html")
    );
}

#[test]
fn a_bad_sidecar_stops_the_build_naming_file_and_line() {
    let project = project_from("site");
    build(project.path(), &[]);
    let before = std::fs::read(project.path().join("public/index.html")).unwrap();
    std::fs::write(
        project.path().join("seeds/undated-note.toml"),
        "title = \"ok\"\ndatee = \"2025-01\"\n",
    )
    .unwrap();
    let out = dossier(&["build", "--root", project.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("undated-note.toml: TOML parse error at line 2"),
        "{err}"
    );
    assert!(err.contains("unknown field `datee`"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The previous site is untouched.
    assert_eq!(
        std::fs::read(project.path().join("public/index.html")).unwrap(),
        before
    );
}

#[test]
fn legacy_encodings_are_decoded_with_a_warning_naming_the_file() {
    let project = project_from("site");
    std::fs::copy(
        fixture("clean/07_cp1252_regional.txt"),
        project.path().join("seeds/regional.txt"),
    )
    .unwrap();
    let out = build(project.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("regional.txt: not UTF-8; decoded as windows-1252"),
        "{err}"
    );
    let out_dir = project.path().join("public");
    let doc = page(&out_dir, &article_titled(&out_dir, "Island car dealers brace for sticker shock as auto tariffs hit Japanese, Korean imports"));
    assert!(select_texts(&doc, ".body").join(" ").contains("Hawai‘i"));
}

#[test]
fn saved_html_pages_build_into_articles() {
    let project = project_from("site");
    std::fs::copy(
        fixture("clean/06_saved_page.html"),
        project.path().join("seeds/saved.html"),
    )
    .unwrap();
    build(project.path(), &[]);
    let doc = page(
        &project.path().join("public"),
        "articles/lee-and-ishiba-pledge-to-keep-ties-on-track-before-trump-summit/index.html",
    );
    assert_eq!(select_texts(&doc, "a[rel=author]"), ["Rachel Moon"]);
    assert_eq!(
        select_texts(&doc, ".body h2"),
        [
            "A relationship reset, again",
            "Comparing notes on Washington"
        ]
    );
    assert!(!select_texts(&doc, ".body")
        .join(" ")
        .contains("Related stories"));
}

#[test]
fn a_build_waits_while_another_holds_the_project_lock() {
    let project = project_from("site");
    build(project.path(), &[]);
    // Hold the lock a running build would hold.
    let lock = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(project.path().join(".dossier-cache/lock"))
        .unwrap();
    lock.lock().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root", project.path().to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the build did not wait"
    );
    drop(lock);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("waiting for another dossier build of"),
        "{err}"
    );
}

#[test]
fn inspect_json_explain_adds_the_dropped_lines_to_the_record() {
    let seed = manifest_dir().join("seeds/002_b3f9054b4274edf2.txt");
    let seed = seed.to_str().unwrap();
    let explained = dossier(&["inspect", "--json", "--explain", seed]);
    let r = &json_lines(&explained)[0];
    let dropped = r["dropped"].as_array().expect("a `dropped` list");
    assert!(
        dropped.iter().any(|d| d["line"] == 7
            && d["text"] == "hello@global-herald.net"
            && d["reason"] == "contact e-mail in site header"),
        "{dropped:?}"
    );
    for d in dropped {
        assert!(d["line"].is_u64() || d["line"].is_null(), "{d}");
    }
    // Without --explain the record is as before: no `dropped` key.
    let plain = dossier(&["inspect", "--json", seed]);
    assert!(json_lines(&plain)[0].get("dropped").is_none());
}

#[test]
fn a_missing_root_folder_is_named_as_such() {
    let tmp = tempfile::tempdir().unwrap();
    let nope = tmp.path().join("nope");
    for cmd in ["build", "check"] {
        let out = dossier(&[cmd, "--root", nope.to_str().unwrap()]);
        assert!(!out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("error: root folder {} not found\n", nope.display()),
            "{cmd}"
        );
    }
}

#[test]
fn version_names_the_version_and_the_commit() {
    let out = dossier(&["--version"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let prefix = format!("dossier {} (commit ", env!("CARGO_PKG_VERSION"));
    let commit = text
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(")\n"))
        .unwrap_or_else(|| panic!("{text:?}"));
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(manifest_dir())
            .args(args)
            .output()
            .ok()
    };
    let in_git = git(&["rev-parse", "--show-toplevel"]).is_some_and(|o| o.status.success());
    if !in_git {
        assert_eq!(commit, "unknown");
        return;
    }
    // The commit the binary was built from: HEAD, or one before it when a commit was
    // made after the build.
    assert!(
        commit.len() == 12 && commit.bytes().all(|b| b.is_ascii_hexdigit()),
        "{commit}"
    );
    let ancestor = git(&["merge-base", "--is-ancestor", commit, "HEAD"]).unwrap();
    assert!(
        ancestor.status.success(),
        "{commit} is not HEAD or before it"
    );
}
