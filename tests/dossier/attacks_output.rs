//! Issue 15's attacks on output validity, each with the repro: valid XML feeds
//! (7), parseable citations and Markdown export (8). The project builders are
//! `attacks_robust.rs`'s.

use std::path::{Path, PathBuf};

use super::attacks_robust::{february_30_dump, project, run, stderr, stdout, PROSE};
use crate::helpers::*;

// ---- item 7: feeds become invalid XML ---------------------------------------------

#[test]
fn feeds_and_sitemap_stay_xml_with_control_characters_in_titles_and_authors() {
    let p = project(&[
        ("ctl.md", &format!("+++\ntitle = \"Bell\\u0001 and tab\\u000b title\"\nauthors = [\"Ann\\u0001 Lee\"]\ndate = 2025-03-04\n+++\n\n{PROSE}\n")),
        ("og.html", &format!("<html><head><meta property=\"og:title\" content=\"Open\u{1} graph\u{b} title\"><meta name=\"author\" content=\"Bo\u{b} Kim\"></head><body><article><h1>Open\u{1} graph\u{b} title</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>")),
    ]);
    let out = run(p.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = p.path().join("public");
    let mut feeds = 0;
    let mut titles = Vec::new();
    for rel in files_under(&site) {
        let name = rel.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".xml") {
            continue;
        }
        let text = std::fs::read_to_string(site.join(&rel)).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        feeds += usize::from(name.ends_with("feed.xml"));
        for n in doc
            .descendants()
            .filter(|n| n.has_tag_name("title") || n.has_tag_name("name"))
        {
            titles.push(n.text().unwrap_or("").to_string());
        }
    }
    // The site feed, the topic's, and one per author (two) at least; plus the sitemap.
    assert!(feeds >= 3, "{feeds}");
    assert!(site.join("sitemap.xml").is_file());
    assert!(
        titles.iter().any(|t| t == "Bell and tab title"),
        "{titles:?}"
    );
    assert!(titles.iter().any(|t| t == "Ann Lee"), "{titles:?}");
    assert!(
        titles.iter().any(|t| t.contains("Open graph")),
        "{titles:?}"
    );
}

// ---- item 8: citations --------------------------------------------------------------

fn citation_project() -> tempfile::TempDir {
    let dated = |title: &str, day: u32| {
        format!("+++\ntitle = \"{title}\"\ndate = 2025-05-{day:02}\nauthors = [\"Jane Doe\"]\n+++\n\n{PROSE}\n")
    };
    project(&[
        ("improve.md", &dated("Japan Korea ties improve", 1)),
        ("worsen.md", &dated("Japan Korea ties worsen", 2)),
        ("stall.md", &dated("Japan Korea ties stall", 3)),
        (
            "braces.md",
            &dated("Closing } and opening { and \\\\ a % sign_", 4),
        ),
        ("open.md", &dated("Only an opening { brace & $5", 5)),
    ])
}

#[test]
fn bibtex_keys_are_unique_and_every_entry_parses() {
    let p = citation_project();
    let out = run(p.path(), &["export", "--format", "bibtex"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bib = stdout(&out);
    let parsed = biblatex::Bibliography::parse(&bib).unwrap_or_else(|e| panic!("{e:?}\n{bib}"));
    let mut keys: Vec<String> = parsed.iter().map(|e| e.key.clone()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "closingandopening2025",
            "japankoreaties2025a",
            "japankoreaties2025b",
            "japankoreaties2025c",
            "onlyanopening2025",
        ]
    );
    // In slug order: improve, stall, worsen.
    let title_of = |key: &str| {
        let e = parsed.get(key).unwrap();
        let chunks = e.title().unwrap();
        chunks
            .iter()
            .map(|c| c.v.get().to_string())
            .collect::<String>()
    };
    assert!(title_of("japankoreaties2025a").ends_with("improve"));
    assert!(title_of("japankoreaties2025c").ends_with("worsen"));
    assert!(bib.contains("title = {Closing {\\textbraceright} and opening {\\textbraceleft} and {\\textbackslash} a \\% sign\\_},"), "{bib}");
    // The article page cites with the same key as the export.
    let built = run(p.path(), &["build"]);
    assert!(built.status.success());
    let page = std::fs::read_to_string(
        p.path()
            .join("public/articles/japan-korea-ties-worsen/index.html"),
    )
    .unwrap();
    assert!(page.contains("@article{japankoreaties2025c,"), "{page}");
}

#[test]
fn csl_ids_are_unique() {
    let p = citation_project();
    let out = run(p.path(), &["export", "--format", "csl-json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let items: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let mut ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 5);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "{ids:?}");
}

/// The TOML between the `+++` fences of an exported Markdown file.
fn export_front_matter(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("+++\n").unwrap();
    let (head, _) = rest.split_once("\n+++\n").unwrap();
    toml::from_str(head).unwrap_or_else(|e| panic!("{}: {e}\n{head}", path.display()))
}

#[test]
fn markdown_export_front_matter_parses_as_toml_for_every_article() {
    let p = citation_project();
    std::fs::write(p.path().join("seeds/feb.txt"), february_30_dump()).unwrap();
    std::fs::write(
        p.path().join("seeds/ctl.md"),
        format!("+++\ntitle = \"Quote \\\" and \\u0001 bell\"\n+++\n\n{PROSE}\n"),
    )
    .unwrap();
    let dir = p.path().join("md");
    let out = run(
        p.path(),
        &["export", "--format", "md", "--out", dir.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let files: Vec<PathBuf> = files_under(&dir).into_iter().map(|f| dir.join(f)).collect();
    assert_eq!(files.len(), 7);
    for f in &files {
        let fm = export_front_matter(f);
        assert!(fm.contains_key("title"), "{}", f.display());
        if let Some(d) = fm.get("date") {
            assert!(d.is_datetime(), "{}: {d}", f.display());
        }
    }
    let feb = export_front_matter(&dir.join("a-february-story.md"));
    assert!(feb.get("date").is_none(), "{feb:?}");
}
