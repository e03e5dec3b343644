//! What `dossier inspect` and the article page do to one seed, shared by the
//! three cleaner targets (one target per format, so each format gets its own
//! corpus and its own fuzzing time): decode, clean, enrich, the JSON record,
//! the explained text and the article body HTML.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dossier::config::Config;
use dossier::enrich::Enricher;
use dossier::load::{decode, LoadedSeed};
use dossier::model::SourceFormat;

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    // An empty book.toml: the built-in default topics and events.
    CONFIG.get_or_init(|| {
        Config::from_str(Path::new("."), "", Path::new("book.toml")).expect("default config")
    })
}

/// Compiled once, as a build does, so each run measures cleaning rather than setup.
fn enricher() -> &'static Enricher<'static> {
    static ENRICHER: OnceLock<Enricher<'static>> = OnceLock::new();
    ENRICHER.get_or_init(|| Enricher::new(config()))
}

/// Cleans `data` as a seed of `format` (file extension `ext`) and checks what
/// every page and record made from it must hold.
pub fn run(data: &[u8], format: SourceFormat, ext: &str) {
    let Ok((text, _note)) = decode(data) else {
        return;
    };
    // load() skips these before cleaning.
    if text.trim().is_empty() {
        return;
    }
    let config = config();
    let enricher = enricher();
    let seed = LoadedSeed {
        path: PathBuf::from(format!("seeds/fuzz.{ext}")),
        rel: format!("seeds/fuzz.{ext}"),
        stem: "fuzz".into(),
        format,
        text,
    };
    let mut article = dossier::clean::clean(&seed);
    enricher.enrich(&mut article);
    article.slug = dossier::slug::slugify(&article.title);
    assert!(!article.title.trim().is_empty(), "empty title");
    assert!(!article.slug.is_empty());

    let line = dossier::inspect::to_json_line(&article, true).expect("record serialises");
    assert!(!line.contains('\n'), "JSON record spans lines");
    let value: serde_json::Value = serde_json::from_str(&line).expect("record parses back");
    assert_eq!(value["title"].as_str(), Some(article.title.as_str()));

    let _ = dossier::inspect::to_text(&article, true);

    let body = dossier::render::views::body_html(&article);
    assert!(
        !body.to_ascii_lowercase().contains("<script"),
        "live script in body ({format:?}): {body}"
    );
    let (anchored, _toc) = dossier::render::views::anchor_headings(&body);
    assert!(!anchored.to_ascii_lowercase().contains("<script"));
    let _ = dossier::render::views::article_view(config, &article);
}
