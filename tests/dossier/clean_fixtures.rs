//! Golden tests for the cleaner on layouts beyond the seeds: wire stories, op-eds
//! with end bios, live blogs, cookie walls, saved HTML, legacy encodings, Markdown.
//! Each `tests/fixtures/clean/NAME.EXT` has its annotation in `NAME.gold.json`.

use std::collections::BTreeSet;

use dossier::config::Config;
use dossier::model::{Article, BlockKind};
use serde_json::Value;

use crate::gold::token_f1;
use crate::helpers::{fixture, manifest_dir};

fn fixtures() -> Vec<(String, Value, Article)> {
    let dir = fixture("clean");
    let config = Config::load(&manifest_dir()).unwrap();
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".gold.json") || !path.is_file() || name == "README.md" {
            continue;
        }
        let stem = name.split('.').next().unwrap().to_string();
        let gold_path = dir.join(format!("{stem}.gold.json"));
        let gold: Value =
            serde_json::from_str(&std::fs::read_to_string(&gold_path).unwrap()).unwrap();
        let article = dossier::inspect::inspect_file(&config, &path).unwrap();
        out.push((stem, gold, article));
    }
    assert!(
        out.len() >= 10,
        "expected at least ten cleaning fixtures, found {}",
        out.len()
    );
    out
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Every mismatch for one fixture, as readable lines.
fn mismatches(gold: &Value, a: &Article) -> Vec<String> {
    let mut bad = Vec::new();
    let mut check = |what: &str, ok: bool, got: String| {
        if !ok {
            bad.push(format!("{what}: got {got}"));
        }
    };
    check(
        "title",
        gold["title"].as_str() == Some(a.title.as_str()),
        format!("{:?}", a.title),
    );
    let authors = strs(&gold["authors"]);
    check(
        "authors",
        authors == a.authors,
        format!("{:?} want {authors:?}", a.authors),
    );
    check(
        "bio",
        gold["author_bio"].as_str() == a.author_bio.as_deref(),
        format!("{:?}", a.author_bio),
    );
    let pubs = strs(&gold["publication_accept"]);
    let pub_ok = match a.publication.as_deref() {
        Some(p) => pubs.iter().any(|x| x == p) || gold["publication"].as_str() == Some(p),
        None => {
            gold["publication"].is_null()
                || gold["publication_accept"]
                    .as_array()
                    .is_some_and(|l| l.iter().any(Value::is_null))
        }
    };
    check(
        "publication",
        pub_ok,
        format!("{:?} want {:?}", a.publication, gold["publication"]),
    );
    let want_date = gold["date"].as_str();
    let got_date = a.date.value.map(|d| d.to_string());
    let date_ok = match (want_date, got_date.as_deref()) {
        (Some(w), Some(g)) => w == g || (w.len() == 7 && g.starts_with(w)),
        (None, None) => true,
        _ => false,
    };
    check(
        "date",
        date_ok,
        format!("{got_date:?} want {want_date:?} ({})", a.date.reason),
    );
    let basis = dossier::render::views::basis_name(a.date.basis);
    check(
        "date_basis",
        gold["date_basis"].as_str() == Some(basis),
        basis.to_string(),
    );
    let paras: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect();
    check(
        "first paragraph",
        paras.first().copied() == gold["first_body_paragraph"].as_str(),
        format!("{:?}", paras.first()),
    );
    check(
        "last paragraph",
        paras.last().copied() == gold["last_body_paragraph"].as_str(),
        format!("{:?}", paras.last()),
    );
    let heads: Vec<String> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| b.text.clone())
        .collect();
    let want_heads = strs(&gold["subheadings"]);
    check(
        "subheadings",
        heads == want_heads,
        format!("{heads:?} want {want_heads:?}"),
    );
    let want_caps = strs(&gold["captions"]);
    check(
        "captions",
        a.captions == want_caps,
        format!("{:?} want {want_caps:?}", a.captions),
    );
    let body = a.body_text();
    let f1 = token_f1(&body, gold["body_text"].as_str().unwrap_or(""));
    check("body F1 >= 0.97", f1 >= 0.97, format!("{f1:.3}"));
    for leak in strs(&gold["body_must_not_contain"]) {
        check("leak", !body.contains(&leak), leak.clone());
    }
    let got: BTreeSet<String> = a.topics.iter().map(|t| t.id.clone()).collect();
    let must: BTreeSet<String> = strs(&gold["topics"]).into_iter().collect();
    let may: BTreeSet<String> = strs(&gold["topics_borderline"]).into_iter().collect();
    let topics_ok = must.is_subset(&got) && got.iter().all(|t| must.contains(t) || may.contains(t));
    check(
        "topics",
        topics_ok,
        format!("{got:?} want {must:?} (+ maybe {may:?})"),
    );
    bad
}

#[test]
fn cleaning_fixtures_match_their_gold_annotations() {
    let mut report = Vec::new();
    for (name, gold, article) in fixtures() {
        for m in mismatches(&gold, &article) {
            report.push(format!("{name}: {m}"));
        }
    }
    assert!(
        report.is_empty(),
        "{} mismatches:\n{}",
        report.len(),
        report.join("\n")
    );
}
