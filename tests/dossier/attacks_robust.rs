//! Issue 15's attacks on robustness, each with the repro: no panic on any
//! input (1), loud front matter errors (6), no impossible dates (11), and output that
//! does not depend on how `--root` is spelled (12). Items 7 and 8 (valid feeds,
//! citations, export) are in `attacks_output.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::helpers::*;

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn assert_no_panic(o: &Output) {
    let e = stderr(o);
    assert!(
        !e.contains("panicked") && !e.contains("RUST_BACKTRACE") && o.status.code() != Some(101),
        "exit {:?}: {e}",
        o.status.code()
    );
}

/// A project of its own: `book.toml` with one topic, and the given seeds.
pub(crate) fn project(seeds: &[(&str, &str)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("seeds")).unwrap();
    std::fs::write(
        tmp.path().join("book.toml"),
        "[book]\ntitle = \"Attack Briefing\"\n\n\
         [[topics]]\nid = \"trade\"\nlabel = \"Trade\"\ndescription = \"Trade.\"\nphrases = [\"tariff\", \"GDP\"]\n",
    )
    .unwrap();
    for (name, text) in seeds {
        let path = tmp.path().join("seeds").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    tmp
}

pub(crate) fn run(root: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.extend_from_slice(&["--root", root.to_str().unwrap()]);
    dossier(&all)
}

/// The `dossier` binary with an environment variable set.
fn dossier_env(args: &[&str], var: (&str, &str)) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env(var.0, var.1)
        .output()
        .expect("running dossier")
}

/// A paragraph of ordinary prose, so a seed is an article whatever else it holds.
pub(crate) const PROSE: &str =
    "Officials in Seoul and Tokyo met on Tuesday to talk about the tariff \
    schedule and the wider trade relationship between the two neighbours, which has \
    improved over the past year after a long period of tension over history.";

/// A page-text dump whose "Published:" line (line 5) states a date that does not exist.
pub(crate) fn february_30_dump() -> String {
    let more = "The talks, the third this year, ended without a joint statement, but both \
        sides said they would meet again in the autumn to settle the remaining questions \
        about export controls and investment.";
    format!("A February story\n\nBy Kim Lee\n\nPublished: February 30, 2025\n\n{PROSE}\n\n{more}\n\n{PROSE} {more}\n")
}

// ---- item 1: one sentence stops every build --------------------------------------

const KOREA: &str = "Korea and Japan\n\nSouth Koréa's GDP is large.\n";

#[test]
fn a_name_with_an_accent_before_a_possessive_no_longer_stops_the_build() {
    let p = project(&[
        ("a.md", KOREA),
        ("lee.md", &format!("# Mr Lee’s DPK wins\n\nMr Lee’s DPK won the vote, analysts said. {PROSE}\n")),
        ("dakota.txt", &format!("North Dakota’s Bakken field\n\nNorth Dakota’s Bakken field is large, Kim Min-ji said. {PROSE}\n\n{PROSE}\n")),
    ]);
    let out = run(p.path(), &["build"]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = p.path().join("public");
    let texts: Vec<String> = html_pages(&site)
        .iter()
        .filter(|p| p.starts_with("articles/"))
        .flat_map(|p| select_texts(&page(&site, p), "main p"))
        .collect();
    for sentence in [
        "South Koréa's GDP is large.",
        "Mr Lee’s DPK won the vote",
        "North Dakota’s Bakken field is large",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(sentence)),
            "{sentence}: {texts:?}"
        );
    }
    // check, export and inspect ran the same code and stopped the same way.
    let check = run(p.path(), &["check"]);
    assert_no_panic(&check);
    assert!(check.status.success(), "{}", stdout(&check));
    let export = run(p.path(), &["export", "--format", "jsonl"]);
    assert_no_panic(&export);
    assert_eq!(stdout(&export).lines().count(), 3, "{}", stdout(&export));
}

#[test]
fn inspect_of_the_dev_page_that_panicked_gives_its_record() {
    let Some(page) = shared("devset/tf-villagevoice.com-Party.html") else {
        return;
    };
    let out = dossier(&["inspect", "--json", page.to_str().unwrap()]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let record: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert!(record["word_count"].as_u64().unwrap() > 100, "{record}");
}

#[test]
fn a_panic_in_one_seed_is_its_warning_and_its_text_is_kept() {
    let p = project(&[
        ("good.md", &format!("# A good article\n\n{PROSE}\n")),
        (
            "bad.txt",
            &format!("Line one of a bad seed TRIGGER-FAULT\n\n{PROSE}\n"),
        ),
    ]);
    let root = p.path().to_str().unwrap();
    let var = ("DOSSIER_INJECT_PANIC", "TRIGGER-FAULT");
    let out = dossier_env(&["build", "--root", root], var);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let bad = p.path().join("seeds/bad.txt");
    assert!(
        err.contains(&format!(
            "warning: {}: cleaning failed (internal error: injected fault (DOSSIER_INJECT_PANIC) at src/lib.rs:",
            bad.display()
        )) && err.contains("the text is kept as it was, not cleaned"),
        "{err}"
    );
    // Nothing lost: the seed is an article titled after its file, with all its text.
    let site = p.path().join("public");
    let page = std::fs::read_to_string(site.join("articles/bad/index.html")).unwrap();
    assert!(
        page.contains("Line one of a bad seed TRIGGER-FAULT"),
        "{page}"
    );
    assert!(page.contains("wider trade relationship"), "{page}");
    assert!(site.join("articles/a-good-article/index.html").is_file());
    // --strict fails on it; a rebuild that takes the article from the cache says it again.
    let strict = dossier_env(&["build", "--root", root, "--strict"], var);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(
        stderr(&strict).contains("cleaning failed"),
        "{}",
        stderr(&strict)
    );
    std::fs::write(
        p.path().join("seeds/new.md"),
        format!("# New one\n\n{PROSE}\n"),
    )
    .unwrap();
    let again = dossier_env(&["build", "--root", root], var);
    assert!(
        stderr(&again).contains("bad.txt: cleaning failed"),
        "{}",
        stderr(&again)
    );

    // inspect: every file's record is printed; the failing one's warning goes to stderr.
    let good = p.path().join("seeds/good.md");
    let files = [bad.to_str().unwrap(), good.to_str().unwrap()];
    let out = dossier_env(&["inspect", "--json", files[0], files[1]], var);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    let titles: Vec<String> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].to_string())
        .collect();
    assert_eq!(titles, ["\"bad\"", "\"A good article\""]);
    assert!(
        stderr(&out).contains("bad.txt: cleaning failed"),
        "{}",
        stderr(&out)
    );
    // check and export: the same warning, every article still there.
    let check = dossier_env(&["check", "--root", root], var);
    assert!(check.status.success(), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("warning: ") && stdout(&check).contains("bad.txt: cleaning failed"),
        "{}",
        stdout(&check)
    );
    let export = dossier_env(&["export", "--root", root, "--format", "jsonl"], var);
    assert!(export.status.success());
    assert_eq!(stdout(&export).lines().count(), 3);
    assert!(
        stderr(&export).contains("bad.txt: cleaning failed"),
        "{}",
        stderr(&export)
    );
}

#[test]
fn inspect_prints_every_other_record_when_one_file_fails() {
    let p = project(&[
        ("good.md", &format!("# Good\n\n{PROSE}\n")),
        ("empty.txt", ""),
    ]);
    let seeds = p.path().join("seeds");
    let (empty, good) = (seeds.join("empty.txt"), seeds.join("good.md"));
    let out = dossier(&[
        "inspect",
        "--json",
        empty.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_no_panic(&out);
    // Documented: 1 when a file gave no record; the others' records are printed.
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 1, "{}", stdout(&out));
    assert!(
        stderr(&out).contains("empty.txt: empty file, skipped"),
        "{}",
        stderr(&out)
    );
}

// ---- item 6: malformed front matter is silent -------------------------------------

#[test]
fn front_matter_that_does_not_parse_is_a_warning_naming_file_and_line() {
    let p = project(&[
        (
            "unterminated.md",
            "+++\ntitle = \"Unterminated\n+++\n\nBody words here.\n",
        ),
        (
            "yaml.md",
            &format!("---\ntitle: Good\nauthor: [unclosed\n---\n\n{PROSE}\n"),
        ),
        ("good.md", &format!("# Good\n\n{PROSE}\n")),
    ]);
    let out = run(p.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let seeds = p.path().join("seeds");
    assert!(
        err.contains(&format!(
            "warning: {}: line 2: TOML front matter does not parse: ",
            seeds.join("unterminated.md").display()
        )) && err.contains("the front matter is ignored and the file is read as text"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {}: line 4: YAML front matter does not parse: ",
            seeds.join("yaml.md").display()
        )),
        "{err}"
    );
    assert!(
        err.contains("2 warnings") || stdout(&out).contains("2 warnings"),
        "{}",
        stdout(&out)
    );
    let strict = run(p.path(), &["build", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert!(stderr(&strict).contains("TOML front matter does not parse"));
}

#[test]
fn an_impossible_front_matter_date_is_rejected_and_the_rest_kept() {
    let p = project(&[
        ("bare.md", &format!("+++\ntitle = \"Bare date\"\ndate = 2025-02-30\nauthors = [\"Jane Roe\"]\n+++\n\n{PROSE}\n")),
        ("quoted.md", &format!("---\ntitle: Quoted date\nauthor: John Doe\ndate: \"2025-02-30\"\n---\n\n{PROSE}\n")),
    ]);
    let out = run(p.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let seeds = p.path().join("seeds");
    assert!(
        err.contains(&format!(
            "warning: {}: line 3: `date = 2025-02-30` is not a real date (expected YYYY-MM-DD); ignored",
            seeds.join("bare.md").display()
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {}: line 4: date `2025-02-30` is not a real date (expected YYYY-MM-DD); ignored",
            seeds.join("quoted.md").display()
        )),
        "{err}"
    );
    // The other keys still count: titles and authors from the front matter.
    let site = p.path().join("public");
    for (slug, author) in [("bare-date", "Jane Roe"), ("quoted-date", "John Doe")] {
        let page =
            std::fs::read_to_string(site.join(format!("articles/{slug}/index.html"))).unwrap();
        assert!(page.contains(author), "{slug}");
        assert!(!page.contains("2025-02-30"), "{slug}");
    }
}

// ---- item 11: impossible dates accepted --------------------------------------------

#[test]
fn february_30_never_becomes_a_date() {
    let p = project(&[("feb.txt", &february_30_dump())]);
    let out = run(p.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "warning: {}: line 5: `February 30, 2025` is not a real date; ignored",
            p.path().join("seeds/feb.txt").display()
        )),
        "{err}"
    );
    let site = p.path().join("public");
    for rel in files_under(&site) {
        let text = std::fs::read(site.join(&rel)).unwrap();
        let text = String::from_utf8_lossy(&text);
        assert!(!text.contains("2025-02-30"), "{}", rel.display());
    }
    let json = run(p.path(), &["export", "--format", "jsonl"]);
    let record: serde_json::Value = serde_json::from_str(stdout(&json).trim()).unwrap();
    assert!(record["date"].is_null(), "{record}");
}

#[test]
fn an_impossible_sidecar_date_stops_the_build_naming_file_and_line() {
    let p = project(&[
        ("a.md", &format!("# A\n\n{PROSE}\n")),
        ("a.toml", "title = \"Fixed\"\ndate = \"2025-02-30\"\n"),
    ]);
    let out = run(p.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}, line 2: key `date`: `2025-02-30` is not a real date (expected YYYY-MM or YYYY-MM-DD)",
            p.path().join("seeds/a.toml").display()
        )),
        "{err}"
    );
    assert!(!p.path().join("public").exists());
}

// ---- item 12: output depends on how --root is spelled -------------------------------

#[test]
fn output_is_byte_identical_however_root_is_spelled_and_names_no_local_path() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("p");
    std::fs::create_dir_all(root.join("seeds")).unwrap();
    copy_dir(&fixture("site"), &root);
    std::fs::write(
        root.join("seeds/zola-post.toml"),
        "add_topics = [\"energy\"]\ndate = \"2025-06-12\"\n",
    )
    .unwrap();
    let abs = root.canonicalize().unwrap();
    let build_in = |cwd: &Path, root: &str, out: &str| {
        let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root", root, "--out", out])
            .current_dir(cwd)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    };
    let outs = [
        tmp.path().join("o1"),
        tmp.path().join("o2"),
        tmp.path().join("o3"),
    ];
    build_in(tmp.path(), "./p", "o1");
    build_in(tmp.path(), abs.to_str().unwrap(), outs[1].to_str().unwrap());
    build_in(&root, ".", "../o3");
    let visible = |dir: &Path| -> Vec<PathBuf> {
        files_under(dir)
            .into_iter()
            .filter(|f| {
                !f.components().any(|c| {
                    c.as_os_str().to_string_lossy().starts_with('.') && c.as_os_str() != ".nojekyll"
                })
            })
            .collect()
    };
    let first = visible(&outs[0]);
    assert!(first.len() > 20);
    let abs_text = abs.to_string_lossy().into_owned();
    let tmp_text = tmp.path().to_string_lossy().into_owned();
    for f in &first {
        let bytes = std::fs::read(outs[0].join(f)).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(&abs_text) && !text.contains(&tmp_text),
            "{}",
            f.display()
        );
        assert!(
            !text.contains("./p/") && !text.contains("./seeds/"),
            "{}",
            f.display()
        );
        for other in &outs[1..] {
            assert_eq!(
                bytes,
                std::fs::read(other.join(f)).unwrap(),
                "{}",
                f.display()
            );
        }
    }
    for other in &outs[1..] {
        assert_eq!(visible(other), first);
    }
    // The sidecar's topic evidence names it relative to the project root.
    let naming: Vec<String> = first
        .iter()
        .map(|f| {
            String::from_utf8_lossy(&std::fs::read(outs[0].join(f)).unwrap()).replace("&#x2F;", "/")
        })
        .filter(|t| t.contains("added in "))
        .collect();
    assert!(!naming.is_empty());
    for t in &naming {
        assert!(t.contains("added in seeds/zola-post.toml"), "{t}");
    }
}

// ---- no panic on any input: clean + enrich on text built to break byte slicing -----

/// Pieces that make byte-indexed code go wrong: multi-byte letters next to possessives,
/// capitals and punctuation, curly quotes, dates (real and impossible), Markdown and
/// HTML syntax, front matter fences, control characters.
fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        Just("Koréa's ".to_string()),
        Just("Mr Lee’s DPK ".to_string()),
        Just("North Dakota’s Bakken ".to_string()),
        Just("İstanbul’s ".to_string()),
        Just("Lee Jae-myung said ".to_string()),
        Just("University of Tōkyō ".to_string()),
        Just("President Ébène Çağ ".to_string()),
        Just("이재명 ".to_string()),
        Just("石破茂. ".to_string()),
        Just("🇰🇷 ".to_string()),
        Just("February 30, 2025 ".to_string()),
        Just("Published: 2025-02-30\n".to_string()),
        Just("the past 99999999999 years since March 2024 ".to_string()),
        Just("SEOUL, March 4 (Yonhap) — ".to_string()),
        Just("U.S. ".to_string()),
        Just("“Quoted.” ".to_string()),
        Just("[1] ".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("- ".to_string()),
        Just("> ".to_string()),
        Just("# ".to_string()),
        Just("+++\n".to_string()),
        Just("---\n".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<h1>".to_string()),
        Just("&amp; &#1; ".to_string()),
        Just("\u{1}\u{b}\u{feff}\u{200b}".to_string()),
        Just("Inc. Co. Ltd. © ".to_string()),
        "[A-Za-zéü’' .,:;!?()\\[\\]0-9-]{1,12}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn config() -> dossier::config::Config {
    dossier::config::Config::from_str(Path::new("."), "", Path::new("book.toml")).unwrap()
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 300, ..Default::default() })]
    #[test]
    fn cleaning_and_enriching_never_panics_on_hostile_text(text in hostile_text(), format in 0..3u8) {
        let config = config();
        let format = [
            dossier::model::SourceFormat::Text,
            dossier::model::SourceFormat::Markdown,
            dossier::model::SourceFormat::Html,
        ][usize::from(format)];
        let seed = dossier::load::LoadedSeed {
            path: "seeds/x".into(),
            rel: "seeds/x".into(),
            stem: "x".into(),
            format,
            text,
        };
        // Unguarded: a panic here fails the property rather than becoming a warning.
        let a = dossier::process(&seed, None, &dossier::enrich::Enricher::new(&config));
        proptest::prop_assert!(a.date.value.is_none_or(|d| dossier::model::PartialDate::new(d.year, d.month, d.day).is_some()));
        let _ = dossier::enrich::entities::candidates(&a);
    }
}
