//! dossier: seeds -> cleaned articles -> a cross-linked static briefing site.
//!
//! The pipeline, one module per stage, in order:
//! [`discover`] -> [`load`] -> [`clean`] -> [`enrich`] -> [`site`] -> [`render`] -> [`write`].
//! [`build`] runs it; [`inspect`] runs it up to `enrich` for one file.

pub mod cli;
pub mod config;
pub mod model;
pub mod patterns;
pub mod slug;

pub mod clean;
pub mod discover;
pub mod enrich;
pub mod load;
pub mod render;
pub mod site;
pub mod write;

pub mod check;
pub mod export;
pub mod init;
pub mod inspect;
pub mod overrides;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use config::Config;
use model::Article;

/// A per-seed problem: reported with the file name, never fatal to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
}

impl Warning {
    pub fn new(path: &Path, message: String) -> Warning {
        Warning {
            path: path.to_path_buf(),
            message,
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// What a build did, for the one-line summary.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    pub pages: usize,
    pub warnings: Vec<Warning>,
    pub elapsed: Duration,
    pub output: PathBuf,
}

/// Discover, load, clean and enrich every seed; slugs assigned. Warnings for seeds skipped.
pub fn load_articles(config: &Config) -> Result<(Vec<Article>, Vec<Warning>)> {
    let (seeds, mut warnings) = discover::discover(&config.root, &config.seeds_dir)?;
    let enricher = enrich::Enricher::new(config);
    let topic_ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    // A bad sidecar is a hard error: the user wrote it to fix something.
    let sidecars: Vec<Option<overrides::Overrides>> = seeds
        .iter()
        .map(|s| overrides::Overrides::for_seed(&s.path, &topic_ids))
        .collect::<Result<_>>()?;
    let results: Vec<_> = seeds
        .par_iter()
        .zip(sidecars.par_iter())
        .map(|(seed, sidecar)| {
            load::load(seed)
                .map(|(loaded, note)| (process(&loaded, sidecar.as_ref(), &enricher), note))
        })
        .collect();
    let mut articles = Vec::new();
    for r in results {
        match r {
            Ok((a, note)) => {
                warnings.extend(note);
                if a.blocks.is_empty() && a.body_html.as_deref().is_none_or(|h| h.trim().is_empty())
                {
                    warnings.push(Warning::new(
                        &a.path,
                        "no article text found, skipped".into(),
                    ));
                } else {
                    articles.push(a);
                }
            }
            Err(w) => warnings.push(w),
        }
    }
    assign_slugs(&mut articles);
    Ok((articles, warnings))
}

/// Cleaned and enriched articles kept between builds (the dev server), keyed by
/// seed path and the hash of the seed's and its sidecar's bytes. A change of
/// configuration clears it: topics and events affect every article.
#[derive(Default)]
pub struct ArticleCache {
    config_hash: u64,
    entries: std::collections::HashMap<PathBuf, (u64, Article)>,
}

fn hash_bytes(parts: &[&[u8]]) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() is SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// Like [`load_articles`], but seeds whose bytes are unchanged come from `cache`.
pub fn load_articles_cached(
    config: &Config,
    cache: &mut ArticleCache,
) -> Result<(Vec<Article>, Vec<Warning>)> {
    let config_text = std::fs::read(config.root.join("book.toml")).unwrap_or_default();
    let config_hash = hash_bytes(&[&config_text]);
    if config_hash != cache.config_hash {
        cache.entries.clear();
        cache.config_hash = config_hash;
    }
    let (seeds, mut warnings) = discover::discover(&config.root, &config.seeds_dir)?;
    let enricher = enrich::Enricher::new(config);
    let topic_ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    let mut articles = Vec::new();
    let mut fresh = std::collections::HashMap::new();
    for seed in &seeds {
        let bytes = std::fs::read(&seed.path).unwrap_or_default();
        let sidecar_bytes = std::fs::read(overrides::sidecar_path(&seed.path)).unwrap_or_default();
        let key = hash_bytes(&[&bytes, &sidecar_bytes]);
        let article = match cache.entries.remove(&seed.path) {
            Some((k, a)) if k == key => a,
            _ => {
                let sidecar = overrides::Overrides::for_seed(&seed.path, &topic_ids)?;
                match load::load(seed) {
                    Ok((loaded, note)) => {
                        warnings.extend(note);
                        process(&loaded, sidecar.as_ref(), &enricher)
                    }
                    Err(w) => {
                        warnings.push(w);
                        continue;
                    }
                }
            }
        };
        fresh.insert(seed.path.clone(), (key, article.clone()));
        if article.blocks.is_empty()
            && article
                .body_html
                .as_deref()
                .is_none_or(|h| h.trim().is_empty())
        {
            warnings.push(Warning::new(
                &article.path,
                "no article text found, skipped".into(),
            ));
        } else {
            articles.push(article);
        }
    }
    cache.entries = fresh;
    assign_slugs(&mut articles);
    Ok((articles, warnings))
}

/// Clean, override and enrich one loaded seed.
pub fn process(
    loaded: &load::LoadedSeed,
    sidecar: Option<&overrides::Overrides>,
    enricher: &enrich::Enricher,
) -> Article {
    let mut article = clean::clean(loaded);
    if let Some(o) = sidecar {
        o.apply_before_enrich(&mut article);
    }
    enricher.enrich(&mut article);
    if let Some(o) = sidecar {
        o.apply_after_enrich(&mut article);
    }
    article
}

/// Slugs from titles, made unique in source-path order (stable as seeds are added).
fn assign_slugs(articles: &mut [Article]) {
    articles.sort_by(|a, b| a.source.cmp(&b.source));
    let wanted: Vec<String> = articles.iter().map(|a| slug::slugify(&a.title)).collect();
    for (a, s) in articles.iter_mut().zip(slug::uniquify(&wanted)) {
        a.slug = s;
    }
}

/// Render the whole site in memory.
pub fn render_site(config: &Config) -> Result<(Vec<render::OutputFile>, usize, Vec<Warning>)> {
    let (articles, warnings) = load_articles(config)?;
    render_articles(config, articles).map(|(files, count, _)| (files, count, warnings))
}

/// Render already-loaded articles in memory: (files, article count, no warnings).
pub fn render_articles(
    config: &Config,
    articles: Vec<Article>,
) -> Result<(Vec<render::OutputFile>, usize, Vec<Warning>)> {
    let count = articles.len();
    let renderer = render::Renderer::new(config)?;
    let site = site::Site::new(config, articles);
    let files = renderer.render_all(&site)?;
    Ok((files, count, Vec::new()))
}

/// Build the site into `config.output_dir`, atomically.
pub fn build(config: &Config) -> Result<BuildReport> {
    let start = Instant::now();
    write::check_output_path(&config.output_dir, &config.root, &config.seeds_dir)?;
    let (files, articles, warnings) = render_site(config)?;
    write::write_site(&config.output_dir, &files)?;
    Ok(BuildReport {
        articles,
        pages: files.iter().filter(|f| f.path.ends_with(".html")).count(),
        warnings,
        elapsed: start.elapsed(),
        output: config.output_dir.clone(),
    })
}
