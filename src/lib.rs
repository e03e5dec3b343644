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

pub mod cache;

pub mod check;
pub mod export;
pub mod init;
pub mod inspect;
pub mod overrides;
pub mod serve;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Result;
use rayon::prelude::*;

use config::Config;
use model::Article;
use write::Sink;

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
    /// Seeds cleaned this build (the rest came from the cache).
    pub cleaned: usize,
    /// Files written, and files kept from the previous build because their bytes did not change.
    pub written: usize,
    pub unchanged: usize,
    /// (stage, time) in pipeline order.
    pub stages: Vec<(&'static str, Duration)>,
}

/// Cleaned and enriched articles from earlier builds, keyed by seed path, with
/// the hash of the seed's and its sidecar's bytes. Entries are moved out when
/// used, so holding a cache never doubles the corpus in memory.
#[derive(Default)]
pub struct ArticleCache {
    pub articles: HashMap<PathBuf, (u64, Article)>,
    /// The vocabulary the cached articles' term ids refer to.
    pub vocab: enrich::vocab::Vocab,
}

pub fn hash_bytes(parts: &[&[u8]]) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() is SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// Articles, the cache key of each (same order), warnings, and how many seeds were cleaned.
pub struct Loaded {
    pub articles: Vec<Article>,
    pub keys: Vec<(PathBuf, u64)>,
    pub warnings: Vec<Warning>,
    pub cleaned: usize,
    /// What the articles' term ids refer to.
    pub vocab: enrich::vocab::Vocab,
}

/// A seed's bytes (or why they could not be read), its sidecar, and its cache key.
type SeedRead = (Result<Vec<u8>, Warning>, Option<overrides::Overrides>, u64);

/// Discover, load, clean and enrich every seed (no cache).
pub fn load_articles(config: &Config) -> Result<Loaded> {
    load_articles_cached(config, &mut ArticleCache::default())
}

/// Discover, load, clean and enrich every seed; seeds whose bytes (and sidecar)
/// are unchanged are taken from `cache` instead of being cleaned again.
pub fn load_articles_cached(config: &Config, cache: &mut ArticleCache) -> Result<Loaded> {
    let (seeds, mut warnings) = discover::discover(&config.root, &config.seeds_dir)?;
    let enricher = enrich::Enricher::new(config);
    let topic_ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    // Read and hash in parallel; a bad sidecar is a hard error (the user wrote it to fix something).
    let read: Vec<SeedRead> = seeds
        .par_iter()
        .map(|seed| {
            let bytes = std::fs::read(&seed.path)
                .map_err(|e| Warning::new(&seed.path, format!("cannot read: {e}")));
            let sidecar_bytes =
                std::fs::read(overrides::sidecar_path(&seed.path)).unwrap_or_default();
            let key = hash_bytes(&[bytes.as_deref().unwrap_or_default(), &sidecar_bytes]);
            let sidecar = overrides::Overrides::for_seed(&seed.path, &topic_ids)?;
            Ok((bytes, sidecar, key))
        })
        .collect::<Result<_>>()?;
    let cached: Vec<Option<Article>> = seeds
        .iter()
        .zip(&read)
        .map(
            |(seed, (_, _, key))| match cache.articles.remove(&seed.path) {
                Some((k, a)) if k == *key => Some(a),
                _ => None,
            },
        )
        .collect();
    let cleaned = cached.iter().filter(|c| c.is_none()).count();
    let seed_keys: Vec<u64> = read.iter().map(|r| r.2).collect();
    let results: Vec<Result<(Article, Option<Warning>), Warning>> = seeds
        .par_iter()
        .zip(read.into_par_iter())
        .zip(cached.into_par_iter())
        .map(|((seed, (bytes, sidecar, _)), hit)| match hit {
            Some(a) => Ok((a, None)),
            None => {
                let (loaded, note) = load::load_bytes(seed, bytes?)?;
                Ok((process(&loaded, sidecar.as_ref(), &enricher), note))
            }
        })
        .collect();
    let mut articles = Vec::new();
    let mut keys = Vec::new();
    let mut vocab = std::mem::take(&mut cache.vocab);
    for ((r, seed), key) in results.into_iter().zip(&seeds).zip(seed_keys) {
        match r {
            Ok((mut a, note)) => {
                if !a.derived.term_words.is_empty() {
                    vocab.intern_article(&mut a.derived);
                }
                warnings.extend(note);
                if a.blocks.is_empty() && a.body_html.as_deref().is_none_or(|h| h.trim().is_empty())
                {
                    warnings.push(Warning::new(
                        &a.path,
                        "no article text found, skipped".into(),
                    ));
                } else {
                    // Only `inspect --explain` reads dropped lines; a site of 100,000 articles need not carry them.
                    a.dropped = Vec::new();
                    keys.push((seed.path.clone(), key));
                    articles.push(a);
                }
            }
            Err(w) => warnings.push(w),
        }
    }
    // Seeds come sorted by path and slugs are assigned in that order, so `keys` stays aligned.
    assign_slugs(&mut articles);
    Ok(Loaded {
        articles,
        keys,
        warnings,
        cleaned,
        vocab,
    })
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

/// Render the whole site in memory (check, serve).
pub fn render_site(config: &Config) -> Result<(Vec<render::OutputFile>, usize, Vec<Warning>)> {
    let loaded = load_articles(config)?;
    let warnings = loaded.warnings.clone();
    render_articles(config, loaded).map(|(files, count, _)| (files, count, warnings))
}

/// Render already-loaded articles in memory: (files, article count, no warnings).
pub fn render_articles(
    config: &Config,
    loaded: Loaded,
) -> Result<(Vec<render::OutputFile>, usize, Vec<Warning>)> {
    let count = loaded.articles.len();
    let renderer = render::Renderer::new(config)?;
    let site = site::Site::new(config, loaded.articles, loaded.vocab);
    let sink = write::MemorySink::default();
    renderer.render_all(&site, &sink)?;
    Ok((sink.into_files(), count, Vec::new()))
}

/// Build the site into `config.output_dir`: atomically, reusing the article
/// cache and the previous output where nothing changed.
pub fn build(config: &Config, progress: &dyn Fn(&str)) -> Result<BuildReport> {
    let start = Instant::now();
    let mut stages = Vec::new();
    let mut lap = Instant::now();
    let mut stage = |name: &'static str, stages: &mut Vec<(&'static str, Duration)>| {
        stages.push((name, lap.elapsed()));
        lap = Instant::now();
        progress(name);
    };
    write::check_output_path(&config.output_dir, &config.root, &config.seeds_dir)?;
    let renderer = render::Renderer::new(config)?;
    let mut cache = cache::load(config);
    progress("clean");
    let loaded = load_articles_cached(config, &mut cache)?;
    drop(cache);
    stage("clean", &mut stages);
    if loaded.cleaned > 0 || loaded.keys.len() != cache::len_on_disk(config) {
        cache::save(config, &loaded.keys, &loaded.articles, &loaded.vocab)?;
    }
    let count = loaded.articles.len();
    let seed_keys: render::SeedKeys = loaded.keys.into_iter().collect();
    let site = site::Site::new(config, loaded.articles, loaded.vocab);
    stage("index", &mut stages);
    let staging = write::Staging::new(&config.output_dir, &cache::manifest_path(config))?;
    if let Err(e) = renderer.render_all_keyed(&site, &staging, &seed_keys) {
        staging.abandon();
        return Err(e);
    }
    stage("render", &mut stages);
    let pages = staging.html_paths().len();
    let written = staging.written.load(std::sync::atomic::Ordering::Relaxed);
    let unchanged = staging.unchanged.load(std::sync::atomic::Ordering::Relaxed);
    staging.commit()?;
    stage("write", &mut stages);
    Ok(BuildReport {
        articles: count,
        pages,
        warnings: loaded.warnings,
        elapsed: start.elapsed(),
        output: config.output_dir.clone(),
        cleaned: loaded.cleaned,
        written,
        unchanged,
        stages,
    })
}
