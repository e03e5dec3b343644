//! The five seeds against the careful annotations in `../shared/gold/`.

use std::collections::{BTreeSet, HashMap};

use dossier::config::Config;
use dossier::model::{Article, BlockKind};
use serde_json::Value;

use crate::helpers::{manifest_dir, shared};

/// The seeds with their gold; none (each test then passes having checked nothing,
/// with the note [`shared`] prints) when the shared gold is not there.
fn seeds_with_gold() -> Vec<(Value, Article)> {
    let Some(gold_dir) = shared("gold") else {
        return Vec::new();
    };
    let config = Config::load(&manifest_dir()).unwrap();
    let mut out = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&gold_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for g in files {
        let gold: Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        let seed = manifest_dir().join(gold["source"]["path"].as_str().unwrap());
        let article = dossier::inspect::inspect_file(&config, &seed).unwrap();
        out.push((gold, article));
    }
    assert_eq!(out.len(), 5, "expected the five gold annotations");
    out
}

fn s(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

fn accepts(list: &Value, got: Option<&str>) -> bool {
    list.as_array().unwrap().iter().any(|v| v.as_str() == got)
}

fn paragraphs(a: &Article) -> Vec<&str> {
    a.blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
        .map(|b| b.text.as_str())
        .collect()
}

#[test]
fn seeds_match_gold_title_author_bio_publication() {
    for (gold, a) in seeds_with_gold() {
        let id = gold["id"].as_str().unwrap();
        assert_eq!(Some(a.title.clone()), s(&gold["title"]), "{id}: title");
        assert!(
            accepts(&gold["author_accept"], a.author_line().as_deref()),
            "{id}: author {:?}",
            a.author_line()
        );
        assert_eq!(
            a.author_bio.as_deref().map(str::trim),
            gold["author_bio"].as_str().map(str::trim),
            "{id}: bio"
        );
        assert!(
            accepts(&gold["publication_accept"], a.publication.as_deref()),
            "{id}: publication {:?}",
            a.publication
        );
    }
}

#[test]
fn seeds_match_gold_first_and_last_paragraph() {
    for (gold, a) in seeds_with_gold() {
        let id = gold["id"].as_str().unwrap();
        let ps = paragraphs(&a);
        assert_eq!(
            ps.first().copied(),
            gold["first_body_paragraph"].as_str(),
            "{id}: first paragraph"
        );
        assert_eq!(
            ps.last().copied(),
            gold["last_body_paragraph"].as_str(),
            "{id}: last paragraph"
        );
    }
}

#[test]
fn seeds_match_gold_subheadings_and_captions() {
    for (gold, a) in seeds_with_gold() {
        let id = gold["id"].as_str().unwrap();
        let heads: Vec<&str> = a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str())
            .collect();
        let want: Vec<&str> = gold["subheadings"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(heads, want, "{id}: subheadings");
        let caps: Vec<&str> = gold["captions"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(a.captions, caps, "{id}: captions");
    }
}

#[test]
fn seeds_match_gold_topics() {
    for (gold, a) in seeds_with_gold() {
        let id = gold["id"].as_str().unwrap();
        let got: BTreeSet<&str> = a.topics.iter().map(|t| t.id.as_str()).collect();
        let must: BTreeSet<&str> = gold["topics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let may: BTreeSet<&str> = gold["topics_borderline"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert!(
            must.is_subset(&got),
            "{id}: missing topics {:?} (got {got:?})",
            must.difference(&got).collect::<Vec<_>>()
        );
        let extra: Vec<_> = got
            .difference(&must)
            .filter(|t| !may.contains(*t))
            .collect();
        assert!(extra.is_empty(), "{id}: wrong topics {extra:?}");
        for t in &a.topics {
            assert!(
                !t.evidence.is_empty(),
                "{id}: topic {} has no evidence",
                t.id
            );
        }
    }
}

#[test]
fn seeds_match_gold_date_month_and_basis() {
    for (gold, a) in seeds_with_gold() {
        let id = gold["id"].as_str().unwrap();
        let month = a.date.value.map(|d| d.month_only().to_string());
        assert_eq!(
            month.as_deref(),
            gold["date"].as_str(),
            "{id}: date ({})",
            a.date.reason
        );
        let basis = dossier::render::views::basis_name(a.date.basis);
        assert_eq!(Some(basis), gold["date_basis"].as_str(), "{id}: date basis");
    }
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// Bag-of-tokens F1, the measure extraction benchmarks report.
pub fn token_f1(got: &str, want: &str) -> f64 {
    let (g, w) = (tokens(got), tokens(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(*w.get(k).unwrap_or(&0)))
        .sum();
    let (gn, wn): (usize, usize) = (g.values().sum(), w.values().sum());
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / gn as f64, common as f64 / wn as f64);
    2.0 * p * r / (p + r)
}

#[test]
fn seed_bodies_reach_token_f1_and_leak_no_boilerplate() {
    for (gold, a) in seeds_with_gold() {
        let id = gold["id"].as_str().unwrap();
        let body = a.body_text();
        let f1 = token_f1(&body, gold["body_text"].as_str().unwrap());
        assert!(f1 >= 0.98, "{id}: body token F1 {f1:.4} < 0.98");
        for bad in gold["body_must_not_contain"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
        {
            assert!(!body.contains(bad), "{id}: body leaks {bad:?}");
        }
    }
}

#[test]
fn without_the_shared_gold_a_test_is_skipped_with_a_note_but_fails_under_ci() {
    let empty = tempfile::tempdir().unwrap();
    let run = |ci: Option<&str>| {
        let mut cmd = std::process::Command::new(std::env::current_exe().unwrap());
        cmd.args(["gold::seeds_match_gold_topics", "--exact", "--nocapture"])
            .env("DOSSIER_SHARED", empty.path())
            .env_remove("CI");
        if let Some(v) = ci {
            cmd.env("CI", v);
        }
        let out = cmd.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };
    let gold = empty.path().join("gold");
    let (passed, text) = run(None);
    assert!(passed, "{text}");
    assert!(
        text.contains(&format!(
            "skipped: {} not found: the team's shared data",
            gold.display()
        )),
        "{text}"
    );
    let (passed, text) = run(Some("true"));
    assert!(!passed, "{text}");
    assert!(
        text.contains("CI is set, so this fails instead of skipping"),
        "{text}"
    );
}
