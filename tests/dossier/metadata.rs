//! Metadata a reader can trust (issue 17): headlines, authors and dates from the
//! signals every publisher gives, and dates judged soundly. Fixtures are small pages
//! written for these tests, under `tests/fixtures/metadata/`.

use dossier::config::Config;
use dossier::model::{Article, DateBasis};

use crate::helpers::{fixture, manifest_dir};

fn inspect(rel: &str) -> Article {
    let config = Config::load(&manifest_dir()).unwrap();
    dossier::inspect::inspect_file(&config, &fixture("metadata").join(rel)).unwrap()
}

fn date(a: &Article) -> String {
    a.date.value.map(|d| d.to_string()).unwrap_or_default()
}

#[test]
fn a_date_in_the_path_is_a_stated_date_and_beats_the_text() {
    let a = inspect("2026-01-17/harbour-plan.md");
    assert_eq!(date(&a), "2026-01-17");
    assert_eq!(a.date.basis, DateBasis::Stated);
    assert!(a.date.reason.contains("path"), "{}", a.date.reason);
}

#[test]
fn deadlines_and_future_plans_never_date_an_article() {
    let a = inspect("deadline-dump.txt");
    assert_eq!(date(&a), "2025-03", "{}", a.date.reason);
    assert_eq!(a.date.basis, DateBasis::Inferred);
}

#[test]
fn html_headline_is_the_h1_the_metadata_confirms() {
    let a = inspect("rewritten-social-title.html");
    assert_eq!(a.title, "Valley rivers rise after a week of rain");
}

#[test]
fn html_author_leaves_out_the_outlet_after_the_name() {
    let a = inspect("rewritten-social-title.html");
    assert_eq!(a.authors, vec!["Jane Doe".to_string()]);
    assert_eq!(date(&a), "2026-03-04");
}

#[test]
fn dump_headline_under_a_date_line_beats_the_section_name_above_it() {
    let a = inspect("headline-under-a-date.txt");
    assert_eq!(
        a.title,
        "Farmers count the cost of a week of rain in the valley"
    );
    assert_eq!(date(&a), "2026-03-04");
}

/// No inferred date on the dev set's pages is after the build date or more than a
/// year past the latest full date the page's text states (read from `../shared`).
#[test]
fn devset_inferred_dates_stay_within_their_bounds() {
    let Some(dir) = crate::helpers::shared("devset") else {
        return;
    };
    let config = Config::load(&manifest_dir()).unwrap();
    let today = dossier::enrich::date_bounds::build_date();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for path in files {
        let a = dossier::inspect::inspect_file(&config, &path).unwrap();
        if a.date.basis != DateBasis::Inferred {
            continue;
        }
        let d = a.date.value.unwrap();
        assert!(
            d.month_only() <= today.month_only(),
            "{}: {d} ({})",
            path.display(),
            a.date.reason
        );
    }
}

/// Floors just under what the 58 annotated news pages of the dev set gave at the commit
/// that set them: `.txt` title 0.948, author 0.828, date 0.931 (d9de041); `.html` 0.948,
/// 0.879, 0.948 (bd7fa7f). Scored by the dev set's own `score_dev.py` (title, author and
/// date exact after its normalisation), so the figures are the ones the README reports.
const TF_FLOORS: [(&str, [f64; 3]); 2] =
    [("txt", [0.94, 0.82, 0.92]), ("html", [0.94, 0.87, 0.94])];

/// The body on the same pages, both paths: the share of "with" snippets found and of
/// "without" snippets leaked, held at issue 16's targets (0.97, 0.03), which is 0.001
/// from the figures when this was set (0.971 and 0.029 on both): one page lost fails.
const TF_WITH_FLOOR: f64 = 0.97;
const TF_WITHOUT_CEILING: f64 = 0.03;

#[test]
fn devset_news_titles_authors_dates_and_bodies_stay_within_their_bounds() {
    let Some(devset) = crate::helpers::shared("devset") else {
        return;
    };
    for (ext, floors) in TF_FLOORS {
        let json = tempfile::NamedTempFile::new().unwrap();
        let out = std::process::Command::new("python3")
            .arg(devset.join("score_dev.py"))
            .arg(&devset)
            .args([
                "--dossier",
                env!("CARGO_BIN_EXE_dossier"),
                "--ext",
                ext,
                "--set",
                "tf",
            ])
            .arg("--json")
            .arg(json.path())
            .arg("--quiet")
            .output()
            .expect("running python3 score_dev.py");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let scores: serde_json::Value =
            serde_json::from_slice(&std::fs::read(json.path()).unwrap()).unwrap();
        let tf = &scores["summary"]["tf"];
        for (field, floor) in ["title", "author", "date"].iter().zip(floors) {
            let got = tf[field].as_f64().unwrap();
            assert!(got >= floor, ".{ext} {field}: {got:.3} < floor {floor}");
        }
        let with = tf["with_rate"].as_f64().unwrap();
        assert!(
            with >= TF_WITH_FLOOR,
            ".{ext} with: {with:.3} < {TF_WITH_FLOOR}"
        );
        let leak = tf["without_leak"].as_f64().unwrap();
        assert!(
            leak <= TF_WITHOUT_CEILING,
            ".{ext} without: {leak:.3} > {TF_WITHOUT_CEILING}"
        );
    }
}
