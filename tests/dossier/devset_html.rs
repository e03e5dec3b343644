//! Saved web pages of the dev set (`../shared/devset/*.html`, real pages nobody here
//! wrote) cleaned as the build cleans them, scored the way `score_dev.py` scores them:
//! per page, token precision/recall/F1 over lower-cased `\w+` tokens of the body
//! against the annotated body. Floors sit just under what the cleaner reaches, so a
//! regression fails here (`scripts/eval-cleaning` prints the full table).

use std::path::{Path, PathBuf};

use dossier::config::Config;
use rayon::prelude::*;
use serde_json::Value;

use crate::clean_dumps::token_f1;
use crate::helpers::{manifest_dir, shared};

/// The dev set's pages of one kind (`sh`, `tf`) with their gold, or None (and a note)
/// when `../shared/devset` is not there.
pub fn dev_cases(kind: &str, ext: &str) -> Option<Vec<(PathBuf, Value)>> {
    let dir = shared("devset")?;
    let mut cases: Vec<(PathBuf, Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(&format!("{kind}-")) && name.ends_with(".gold.json")
        })
        .map(|g| {
            let name = g.file_name().unwrap().to_string_lossy().into_owned();
            let page = dir.join(format!("{}.{ext}", name.trim_end_matches(".gold.json")));
            let gold = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
            (page, gold)
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    Some(cases)
}

/// The body as the scorer reads it: the blocks joined by blank lines.
pub fn cleaned_body(config: &Config, page: &Path) -> String {
    let article = dossier::inspect::inspect_file(config, page)
        .unwrap_or_else(|e| panic!("{}: {e:#}", page.display()));
    article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn html_dev_set_bodies_match_the_annotations() {
    let Some(cases) = dev_cases("sh", "html") else {
        return;
    };
    let config = Config::load(&manifest_dir()).unwrap();
    let f1s: Vec<(String, f64)> = cases
        .par_iter()
        .map(|(page, gold)| {
            let body = cleaned_body(&config, page);
            let f1 = token_f1(&body, gold["body_text"].as_str().unwrap_or(""));
            (page.display().to_string(), f1)
        })
        .collect();
    let mean = f1s.iter().map(|(_, f)| f).sum::<f64>() / f1s.len() as f64;
    let low: Vec<_> = f1s.iter().filter(|(_, f)| *f < 0.8).collect();
    eprintln!(
        "html: {} pages, mean token F1 {mean:.3}, {} below 0.8",
        f1s.len(),
        low.len()
    );
    assert_eq!(
        f1s.len(),
        167,
        "the dev set has 167 annotated benchmark pages"
    );
    assert!(mean >= FLOOR_MEAN, "mean token F1 {mean:.3} < {FLOOR_MEAN}");
    assert!(
        low.len() <= FLOOR_LOW,
        "{} pages below 0.8: {low:?}",
        low.len()
    );
}

#[test]
fn html_dev_set_keeps_body_snippets_and_leaves_out_boilerplate() {
    let Some(cases) = dev_cases("tf", "html") else {
        return;
    };
    let config = Config::load(&manifest_dir()).unwrap();
    // As score_dev.py: whitespace collapsed, case kept, a per-page share averaged.
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let share = |snippets: &Value, body: &str, empty: f64| {
        let list: Vec<String> = snippets
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| flat(s.as_str().unwrap_or("")))
            .collect();
        if list.is_empty() {
            return empty;
        }
        list.iter().filter(|s| body.contains(s.as_str())).count() as f64 / list.len() as f64
    };
    let rates: Vec<(f64, f64)> = cases
        .par_iter()
        .map(|(page, gold)| {
            let body = flat(&cleaned_body(&config, page));
            (
                share(&gold["with"], &body, 1.0),
                share(&gold["without"], &body, 0.0),
            )
        })
        .collect();
    let n = rates.len() as f64;
    let w = rates.iter().map(|r| r.0).sum::<f64>() / n;
    let wo = rates.iter().map(|r| r.1).sum::<f64>() / n;
    eprintln!("html tf: with {w:.3}, without leaked {wo:.3}");
    assert!(
        w >= FLOOR_WITH,
        "\"with\" snippets found {w:.3} < {FLOOR_WITH}"
    );
    assert!(
        wo <= CEILING_WITHOUT,
        "\"without\" snippets leaked {wo:.3} > {CEILING_WITHOUT}"
    );
}

// Floors just under the figures at the commits that set them (mean token F1 0.971, 2
// pages below 0.8); tf "with" and "without" at issue 16's targets, 0.001 from the
// figures (0.971 and 0.029) since the note in another language above the article is
// read as in dumps.
const FLOOR_MEAN: f64 = 0.965;
const FLOOR_LOW: usize = 3;
const FLOOR_WITH: f64 = 0.97;
const CEILING_WITHOUT: f64 = 0.03;
