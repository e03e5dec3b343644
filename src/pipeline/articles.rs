//! Every seed to a cleaned, enriched article, through the build cache: the
//! discover -> load -> clean -> enrich stages run only for seeds that changed.
//!
//! 1. Discover the seeds; `stat` each seed and its sidecar. A seed whose size and
//!    modification time (and its sidecar's) are those the cache recorded is taken
//!    from the cache unread, as make, git and cargo decide; otherwise its bytes are
//!    hashed, and only a seed whose bytes changed is cleaned again.
//! 2. Changed seeds are cleaned and enriched in parallel, in batches; with a
//!    [`BodyStore`] each body goes to disk as soon as its article is done, so a
//!    build holds only the articles' metadata, whatever the corpus size.
//! 3. Term words are interned in the build's vocabulary; slugs are assigned in
//!    source-path order (stable as seeds are added).

use std::path::PathBuf;

use anyhow::Result;
use rayon::prelude::*;

use crate::base::warning::Warning;
use crate::config::Config;
use crate::incremental::cache::{ArticleCache, BodyStore, CachedArticle, Loaded, SeedState};
use crate::incremental::stamp::{stamp, Stamp};
use crate::model::Article;
use crate::{discover, enrich, load, overrides};

/// Seeds cleaned per batch when bodies go to disk: enough to keep both cores busy,
/// few enough that the batch's bodies are a small part of the build's memory.
const BATCH: usize = 2048;

/// Discover, load, clean and enrich every seed (no cache; bodies stay in memory).
pub fn load_articles(config: &Config) -> Result<Loaded> {
    load_articles_cached(config, &mut ArticleCache::default(), None)
}

enum Plan {
    /// From the cache (boxed: an article is large and most seeds are hits).
    Hit {
        article: Box<Article>,
        /// Hash of the seed's and its sidecar's bytes.
        key: u64,
        stamp: Stamp,
        /// The seed's stamp changed though its bytes did not.
        restamped: bool,
    },
    /// To clean (the seed is read then): its stamp.
    Clean(Stamp),
}

impl Plan {
    fn restamped(&self) -> bool {
        matches!(
            self,
            Plan::Hit {
                restamped: true,
                ..
            }
        )
    }
}

/// Discover, load, clean and enrich every seed, reusing `cache` where the seed is
/// unchanged. With `store`, the bodies of articles cleaned now are written there.
pub fn load_articles_cached(
    config: &Config,
    cache: &mut ArticleCache,
    store: Option<&BodyStore>,
) -> Result<Loaded> {
    let found = discover::discover_all(&config.root, &config.seeds_dir)?;
    let stamps = stamps(&found.seeds);
    load_discovered(config, found.seeds, found.warnings, stamps, cache, store)
}

/// Each seed's [`Stamp`], in order.
pub fn stamps(seeds: &[discover::SeedFile]) -> Vec<Stamp> {
    seeds
        .par_iter()
        .map(|s| stamp(&s.path, s.sidecar))
        .collect()
}

/// [`load_articles_cached`] for seeds already discovered (with the discovery's
/// warnings) and stamped.
pub fn load_discovered(
    config: &Config,
    seeds: Vec<discover::SeedFile>,
    mut warnings: Vec<Warning>,
    stamps: Vec<Stamp>,
    cache: &mut ArticleCache,
    store: Option<&BodyStore>,
) -> Result<Loaded> {
    let entries: Vec<Option<CachedArticle>> = seeds
        .iter()
        .map(|s| cache.articles.remove(&s.path))
        .collect();
    let plans = plan(&seeds, stamps, entries);
    let cleaned = plans
        .iter()
        .filter(|p| matches!(p, Plan::Clean(..)))
        .count();
    let restamped = plans.iter().filter(|p| p.restamped()).count();
    let enricher = enrich::Enricher::new(config);
    let topic_ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    let mut vocab = std::mem::take(&mut cache.vocab);
    let mut articles = Vec::new();
    let mut states = Vec::new();
    let mut plans = plans.into_iter().zip(&seeds).peekable();
    while plans.peek().is_some() {
        let batch: Vec<_> = plans.by_ref().take(BATCH).collect();
        let done: Vec<Result<Outcome, Warning>> = batch
            .into_par_iter()
            .map(|(plan, seed)| carry_out(plan, seed, &topic_ids, &enricher, store))
            .collect::<Result<_>>()?;
        for r in done {
            match r {
                Ok(Outcome::Kept {
                    article: mut a,
                    key,
                    stamp,
                    fresh,
                    note,
                }) => {
                    warnings.extend(note);
                    // Cached with the article, so a build that reuses it says them again.
                    warnings.extend(a.notes.iter().map(|n| Warning::new(&a.path, n.clone())));
                    if !a.derived.term_words.is_empty() {
                        vocab.intern_article(&mut a.derived);
                    }
                    states.push(SeedState {
                        path: a.path.clone(),
                        key,
                        stamp,
                        fresh,
                    });
                    articles.push(*a);
                }
                Ok(Outcome::Empty(path, notes)) => {
                    warnings.extend(notes);
                    // A Hugo/Zola section file with nothing but front matter (or a list
                    // shortcode) is the section's page, not an article: skipped silently.
                    if !discover::is_section_file(&path) {
                        warnings.push(Warning::new(&path, "no article text found, skipped".into()));
                    }
                }
                Err(w) => warnings.push(w),
            }
        }
    }
    let (articles, states) = assign_slugs(articles, states);
    warnings.extend(shortcode_warnings(&articles));
    Ok(Loaded {
        articles,
        seeds: states,
        warnings,
        cleaned,
        restamped,
        vocab,
    })
}

/// One warning per kind of shortcode dropped with nothing kept, on the first seed
/// (by path) that uses it: a site converted from Hugo has hundreds of each.
fn shortcode_warnings(articles: &[Article]) -> Vec<Warning> {
    let mut kinds: std::collections::BTreeMap<&str, (&std::path::Path, usize)> = Default::default();
    for a in articles {
        for k in &a.shortcodes {
            kinds.entry(k).or_insert((&a.path, 0)).1 += 1;
        }
    }
    kinds
        .into_iter()
        .map(|(kind, (path, n))| {
            let more = match n {
                1 => String::new(),
                2 => " (and in 1 other seed)".to_string(),
                n => format!(" (and in {} other seeds)", n - 1),
            };
            Warning::new(
                path,
                format!("shortcode `{kind}` is not rendered by dossier: dropped{more}"),
            )
        })
        .collect()
}

/// A seed's bytes (or why they could not be read) and its cache key: the hash of
/// its bytes and its sidecar's.
fn read_seed(path: &std::path::Path) -> (Result<Vec<u8>, Warning>, u64) {
    let bytes = std::fs::read(path).map_err(|e| Warning::io(path, format!("cannot read: {e}")));
    let sidecar = std::fs::read(overrides::sidecar_path(path)).unwrap_or_default();
    let key = crate::base::hash::hash_bytes(&[bytes.as_deref().unwrap_or_default(), &sidecar]);
    (bytes, key)
}

/// `a`'s seed cleaned and enriched again as a build would (for a body the cache
/// lost): `None` when the seed can no longer be read or cleaned.
pub fn clean_again(config: &Config, a: &Article) -> Option<Article> {
    let format = a.format;
    let seed = discover::SeedFile {
        path: a.path.clone(),
        rel: a.source.clone(),
        format,
        sidecar: overrides::sidecar_path(&a.path).is_file(),
    };
    let topic_ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    let sidecar = overrides::Overrides::for_seed(&seed.path, &topic_ids).ok()?;
    let (bytes, _) = read_seed(&seed.path);
    let enricher = enrich::Enricher::new(config);
    match clean_one(&seed, bytes, sidecar.as_ref(), &enricher, None).ok()? {
        Made::Article(a, _) => Some(*a),
        Made::Empty(_) => None,
    }
}

/// Each seed's plan: from the cache when its stamp, or else its bytes, are those the
/// cache recorded (`entries`, in the order of `seeds`); to clean otherwise.
fn plan(
    seeds: &[discover::SeedFile],
    stamps: Vec<Stamp>,
    entries: Vec<Option<CachedArticle>>,
) -> Vec<Plan> {
    seeds
        .par_iter()
        .zip(stamps)
        .zip(entries)
        .map(|((seed, stamp), entry)| match entry {
            Some(e) if e.stamp == stamp => Plan::Hit {
                article: Box::new(e.article),
                key: e.key,
                stamp,
                restamped: false,
            },
            // Not in the cache: read when its batch is cleaned (holding every new seed's
            // bytes at once would cost a first build of 100,000 seeds 0.8 GB).
            None => Plan::Clean(stamp),
            Some(e) => {
                let (_, key) = read_seed(&seed.path);
                if e.key == key {
                    Plan::Hit {
                        article: Box::new(e.article),
                        key,
                        stamp,
                        restamped: true,
                    }
                } else {
                    Plan::Clean(stamp)
                }
            }
        })
        .collect()
}

/// Carry out one seed's plan: its article from the cache, or the seed cleaned now
/// (an `Err` is a hard error: a bad sidecar).
fn carry_out(
    plan: Plan,
    seed: &discover::SeedFile,
    topic_ids: &[&str],
    enricher: &enrich::Enricher,
    store: Option<&BodyStore>,
) -> Result<Result<Outcome, Warning>> {
    match plan {
        Plan::Hit {
            article,
            key,
            stamp,
            restamped,
        } => Ok(Ok(Outcome::Kept {
            article,
            key,
            stamp,
            fresh: restamped,
            note: None,
        })),
        Plan::Clean(stamp) => {
            let (bytes, key) = read_seed(&seed.path);
            // A bad sidecar is a hard error (the user wrote it to fix something).
            let sidecar = overrides::Overrides::for_seed(&seed.path, topic_ids)?;
            Ok(
                clean_one(seed, bytes, sidecar.as_ref(), enricher, store).map(|c| match c {
                    Made::Article(article, note) => Outcome::Kept {
                        article,
                        key,
                        stamp,
                        fresh: true,
                        note,
                    },
                    Made::Empty(notes) => Outcome::Empty(seed.path.clone(), notes),
                }),
            )
        }
    }
}

/// What became of one seed.
enum Outcome {
    /// An article, from the cache or cleaned now.
    Kept {
        article: Box<Article>,
        /// Hash of the seed's and its sidecar's bytes.
        key: u64,
        stamp: Stamp,
        /// Cleaned or re-stamped now (see [`SeedState`]).
        fresh: bool,
        /// What loading the seed warned about (its encoding, say).
        note: Option<Warning>,
    },
    /// Nothing of the page was article text (and the warnings about it).
    Empty(PathBuf, Vec<Warning>),
}

/// Load, clean and enrich one seed; with `store`, its body goes there.
fn clean_one(
    seed: &discover::SeedFile,
    bytes: Result<Vec<u8>, Warning>,
    sidecar: Option<&overrides::Overrides>,
    enricher: &enrich::Enricher,
    store: Option<&BodyStore>,
) -> Result<Made, Warning> {
    let (loaded, note) = load::load_bytes(seed, bytes?)?;
    let mut a = crate::process_guarded(&loaded, sidecar, enricher);
    if a.blocks.is_empty() && a.body_html.as_deref().is_none_or(|h| h.trim().is_empty()) {
        let notes = a.notes.iter().map(|n| Warning::new(&seed.path, n.clone()));
        return Ok(Made::Empty(note.into_iter().chain(notes).collect()));
    }
    // Only `inspect --explain` reads dropped lines; a site of 100,000 articles need not carry them.
    a.dropped = Vec::new();
    if let Some(store) = store {
        store
            .stash(&mut a)
            .map_err(|e| Warning::io(&seed.path, format!("{e:#}")))?;
    }
    Ok(Made::Article(Box::new(a), note))
}

/// What [`clean_one`] made of a seed.
enum Made {
    /// The article, and a note from loading it (its own notes are in the article).
    Article(Box<Article>, Option<Warning>),
    /// No article text: the warnings to report.
    Empty(Vec<Warning>),
}

/// Sort by source path and give slugs from titles (or the slug a sidecar or front
/// matter pins), made unique in that order (stable as seeds are added); `states`
/// follow their articles.
fn assign_slugs(articles: Vec<Article>, states: Vec<SeedState>) -> (Vec<Article>, Vec<SeedState>) {
    let mut paired: Vec<(Article, SeedState)> = articles.into_iter().zip(states).collect();
    paired.sort_by(|a, b| a.0.source.cmp(&b.0.source));
    let wanted: Vec<String> = paired
        .iter()
        .map(|(a, _)| {
            a.pinned_slug
                .clone()
                .unwrap_or_else(|| crate::slug::slugify(&a.title))
        })
        .collect();
    for ((a, _), s) in paired.iter_mut().zip(crate::slug::uniquify(&wanted)) {
        a.slug = s;
    }
    paired.into_iter().unzip()
}
