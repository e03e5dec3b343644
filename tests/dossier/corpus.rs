//! A generated corpus with known titles, authors and dates (`bench/corpus.rs`, the
//! benchmarks' generator), cleaned from each input shape a user brings: page-text
//! dumps, Markdown with front matter, and Markdown without it (rubric over the
//! headline, byline and dateline under it). Every article must come back with its own
//! title, author and stated date; none dated in the future or years off.

#[allow(dead_code, unused_imports)]
#[path = "../../bench/corpus.rs"]
mod generator;

use crate::helpers::dossier;

/// Enough articles to meet every author, topic and month shape the generator makes.
const ARTICLES: u64 = 120;

#[test]
fn a_generated_corpus_keeps_its_titles_authors_and_dates_in_every_shape() {
    let g = generator::Generator::new(7);
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut truth = Vec::new();
    for i in 0..ARTICLES {
        let a = g.article(i);
        let shapes = [
            (format!("{i:04}.txt"), g.txt(&a, i)),
            (format!("{i:04}-fm.md"), g.md(&a, i)),
            (format!("{i:04}-plain.md"), g.md_plain(&a)),
        ];
        for (name, text) in shapes {
            let path = dir.path().join(&name);
            std::fs::write(&path, text).unwrap();
            files.push(path.to_str().unwrap().to_string());
            truth.push((name, a.title().to_string(), a.author(), a.date()));
        }
    }
    let mut args = vec!["inspect", "--json"];
    args.extend(files.iter().map(String::as_str));
    let out = dossier(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), truth.len());
    let mut wrong = Vec::new();
    for (r, (name, title, author, date)) in records.iter().zip(&truth) {
        let want_date = date.format("%Y-%m-%d").to_string();
        if r["title"] != title.as_str() {
            wrong.push(format!("{name}: title {} (want {title:?})", r["title"]));
        }
        if r["authors"] != serde_json::json!([author]) {
            wrong.push(format!(
                "{name}: authors {} (want [{author:?}])",
                r["authors"]
            ));
        }
        if r["date"] != want_date.as_str() || r["date_basis"] != "stated" {
            wrong.push(format!(
                "{name}: date {} ({}) (want {want_date}, stated)",
                r["date"], r["date_basis"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
