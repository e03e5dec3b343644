//! Page-text dumps of real pages: the dev set's `sh-*` dumps (`../shared/devset`)
//! through `inspect --json`, scored as `score_dev.py` scores them (bag of
//! lower-cased `\w+` tokens, per-page F1, then the mean). The floors sit just
//! under what the cleaner reaches, so a regression fails here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::helpers::dossier;

/// Mean token F1 over the 167 `sh-*` dumps (0.957 reached when this was set; issue 16
/// asks 0.95).
const FLOOR_ALL: f64 = 0.95;
/// Mean token F1 over the 20 dumps not in English (0.907 reached; issue 16 asks 0.90).
const FLOOR_NON_ENGLISH: f64 = 0.90;

/// Block types the scorer leaves out of the body.
const NOT_BODY: &[&str] = &["caption", "figure", "bio", "credit", "byline", "meta"];

fn devset() -> Option<PathBuf> {
    crate::helpers::shared("devset/index.json").map(|index| index.with_file_name(""))
}

fn tokens(text: &str) -> HashMap<String, usize> {
    let word = regex::Regex::new(r"\w+").unwrap();
    let mut bag = HashMap::new();
    for m in word.find_iter(text) {
        *bag.entry(m.as_str().to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Token F1 of a predicted body against the gold body (1.0 when both are empty).
pub fn token_f1(pred: &str, gold: &str) -> f64 {
    let (p, g) = (tokens(pred), tokens(gold));
    let (np, ng): (usize, usize) = (p.values().sum(), g.values().sum());
    if np == 0 && ng == 0 {
        return 1.0;
    }
    let tp: usize = p
        .iter()
        .map(|(w, n)| (*n).min(g.get(w).copied().unwrap_or(0)))
        .sum();
    if tp == 0 {
        return 0.0;
    }
    let (precision, recall) = (tp as f64 / np as f64, tp as f64 / ng as f64);
    2.0 * precision * recall / (precision + recall)
}

fn body_of(record: &serde_json::Value) -> String {
    let blocks = record["blocks"].as_array().cloned().unwrap_or_default();
    blocks
        .iter()
        .filter(|b| !NOT_BODY.contains(&b["type"].as_str().unwrap_or("")))
        .filter_map(|b| b["text"].as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn cleans_real_page_dumps_in_every_language() {
    let Some(dir) = devset() else {
        return;
    };
    let index = read_json(&dir.join("index.json"));
    let cases: Vec<(String, bool)> = index
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["set"] == "sh")
        .map(|e| {
            let name = e["name"].as_str().unwrap().to_string();
            (name, e["lang_guess"] == "en")
        })
        .collect();
    let paths: Vec<String> = cases
        .iter()
        .map(|(n, _)| dir.join(format!("{n}.txt")).display().to_string())
        .collect();
    let mut args = vec!["inspect", "--json"];
    args.extend(paths.iter().map(String::as_str));
    let out = dossier(&args);
    assert!(
        out.status.success(),
        "inspect failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut bodies: HashMap<String, String> = HashMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let record: serde_json::Value = serde_json::from_str(line).unwrap();
        let source = record["source"].as_str().unwrap_or("");
        let stem = Path::new(source).file_stem().unwrap().to_string_lossy();
        bodies.insert(stem.to_string(), body_of(&record));
    }
    let (mut all, mut other) = (Vec::new(), Vec::new());
    for (name, english) in &cases {
        let gold = read_json(&dir.join(format!("{name}.gold.json")));
        let gold = gold["body_text"].as_str().unwrap_or("");
        let f1 = token_f1(bodies.get(name).map_or("", String::as_str), gold);
        all.push(f1);
        if !english {
            other.push(f1);
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let (mean_all, mean_other) = (mean(&all), mean(&other));
    eprintln!(
        "dev set dumps: token F1 {mean_all:.3} on {} pages, {mean_other:.3} on {} not in English",
        all.len(),
        other.len()
    );
    assert!(
        mean_all >= FLOOR_ALL,
        "token F1 {mean_all:.3} < {FLOOR_ALL}"
    );
    assert!(
        mean_other >= FLOOR_NON_ENGLISH,
        "non-English token F1 {mean_other:.3} < {FLOOR_NON_ENGLISH}"
    );
}

#[test]
fn token_f1_counts_a_bag_of_lowercased_words() {
    assert_eq!(token_f1("The cat", "the CAT"), 1.0);
    assert_eq!(token_f1("", ""), 1.0);
    assert_eq!(token_f1("dog", "cat"), 0.0);
    let f1 = token_f1("a b", "a b c d");
    assert!((f1 - 2.0 / 3.0).abs() < 1e-9);
}
