//! The pipeline: runs the stages in order, with the incremental layer under them.
//!
//! [`build`] is the list of stages it runs, each a function of its inputs:
//! 1. [`discover_inputs`]: the seeds, the files beside them, the static files' and
//!    templates' warnings, each seed's stamp.
//! 2. The up-to-date check (`incremental::uptodate`): nothing changed, nothing built.
//! 3. [`load_articles_into`]: load -> clean -> enrich every seed the cache cannot answer
//!    for ([`articles`]), bodies to the body store, the cache saved.
//! 4. [`index_site`]: the site model (indexes by author, date, topic; redirects).
//! 5. [`render_site_into`]: every page into the staging folder.
//! 6. [`publish`]: the staging folder becomes the output; the up-to-date record is kept.
//!
//! `check` and `serve` run the same stages in memory ([`load_in_memory`],
//! [`render_in_memory`]), with a [`Memory`] of the last build's articles in place
//! of the cache on disk; [`inputs_key`] is the one change detector (`build`'s
//! up-to-date check, `serve`'s trigger to rebuild).

pub(crate) mod articles;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

use crate::aliases::SlugHistory;
use crate::base::output::{OutputFile, Sink};
use crate::base::warning::Warning;
use crate::config::Config;
use crate::discover::SeedFile;
use crate::incremental::cache::{self, BodyStore, Loaded};
use crate::incremental::stamp::Stamp;
use crate::incremental::uptodate;
use crate::{discover, render, site, write};

pub use articles::{load_articles, load_articles_cached};

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
    /// Nothing was built: the inputs are those of the output's last build (see [`uptodate`]).
    pub up_to_date: bool,
}

/// What an in-memory build (`check`, `serve`) keeps for the next one: the articles
/// of the last one by seed path (a seed whose bytes did not change is not cleaned
/// again) and the `book.toml` they were made with. `serve` holds one across
/// rebuilds; `check` starts from an empty one. (`build` keeps the same on disk:
/// `incremental::cache`.)
#[derive(Default)]
pub struct Memory {
    pub(crate) cache: cache::ArticleCache,
    /// `Config::source_hash` of the `book.toml` the articles were made with.
    pub(crate) made_with: u64,
}

impl Memory {
    /// Keep `articles` (moved, not copied) for the next build, each with its seed's
    /// state from `seeds`.
    fn keep(&mut self, articles: Vec<crate::model::Article>, seeds: &[cache::SeedState]) {
        let states: std::collections::HashMap<&std::path::Path, &cache::SeedState> =
            seeds.iter().map(|s| (s.path.as_path(), s)).collect();
        for article in articles {
            if let Some(s) = states.get(article.path.as_path()) {
                let entry = cache::CachedArticle {
                    key: s.key,
                    stamp: s.stamp,
                    article,
                };
                self.cache.articles.insert(s.path.clone(), entry);
            }
        }
    }
}

/// Stages 1 and 3 in memory: discover, load, clean and enrich every seed, taking
/// from `memory` the articles of seeds whose bytes it knows (none when `book.toml`
/// changed: topics and events shape every article).
pub fn load_in_memory(config: &Config, memory: &mut Memory) -> Result<Loaded> {
    if memory.made_with != config.source_hash {
        *memory = Memory {
            made_with: config.source_hash,
            ..Memory::default()
        };
    }
    let loaded = load_articles_cached(config, &mut memory.cache, None)?;
    // What is left are the articles of seeds that are gone: not kept (the old serve
    // cache kept them for the server's lifetime).
    memory.cache.articles.clear();
    Ok(loaded)
}

/// Stages 4 and 5 in memory, for articles from [`load_in_memory`]: the files, and
/// the article count. The articles then go back to `memory` (whether rendering
/// worked or not) for the next build.
pub fn render_in_memory(
    config: &Config,
    loaded: Loaded,
    memory: &mut Memory,
) -> Result<(Vec<OutputFile>, usize)> {
    let count = loaded.articles.len();
    let prepared =
        render::Renderer::new(config).and_then(|r| Ok((r, SlugHistory::read(&config.root)?)));
    let (renderer, history) = match prepared {
        Ok(x) => x,
        Err(e) => {
            memory.cache.vocab = loaded.vocab;
            memory.keep(loaded.articles, &loaded.seeds);
            return Err(e);
        }
    };
    let (site, _) = index_site(
        config,
        &history,
        loaded.articles,
        &loaded.seeds,
        loaded.vocab,
    );
    let sink = write::MemorySink::default();
    let rendered = renderer.render_all(&site, &sink);
    let (articles, vocab) = site.into_articles();
    memory.cache.vocab = vocab;
    memory.keep(articles, &loaded.seeds);
    rendered?;
    Ok((sink.into_files(), count))
}

/// The key of everything a build of `config` reads (see `incremental::uptodate`):
/// what `build`'s up-to-date check compares, and `serve`'s change detector. `None`
/// when some of it cannot be read.
pub fn inputs_key(config: &Config) -> Option<u64> {
    let inputs = discover_inputs(config).ok()?;
    let fingerprint = render::fingerprint(config).ok()?;
    let history = SlugHistory::read(&config.root).ok()?;
    seeds_key(config, fingerprint, &inputs).map(|k| history.key(k))
}

/// [`inputs_key`] of inputs already discovered, without the slug history's part:
/// the key is made of both so the key of the history a build writes back can be
/// worked out at its end.
fn seeds_key(config: &Config, fingerprint: u64, inputs: &Inputs) -> Option<u64> {
    uptodate::inputs_key(
        config,
        fingerprint,
        (&inputs.seeds, &inputs.warnings),
        &inputs.stamps,
        &inputs.others,
    )
}

/// The stage timings of a build, and its progress line.
struct Timings<'a> {
    stages: Vec<(&'static str, Duration)>,
    lap: Instant,
    progress: &'a dyn Fn(&str),
}

impl Timings<'_> {
    /// The stage `name` is done: its time since the last one ends.
    fn done(&mut self, name: &'static str) {
        self.stages.push((name, self.lap.elapsed()));
        self.lap = Instant::now();
        (self.progress)(name);
    }
}

/// What the build reads, as found on disk.
struct Inputs {
    seeds: Vec<SeedFile>,
    /// Discovery's warnings, then those of the user's static files and templates.
    warnings: Vec<Warning>,
    /// Files beside the seeds (an article's images are copied from there).
    others: Vec<PathBuf>,
    /// Each seed's stamp, in the order of `seeds`.
    stamps: Vec<Stamp>,
}

/// Build the site into `config.output_dir`: atomically, reusing the article
/// cache and the previous output where nothing changed.
pub fn build(config: &Config, progress: &dyn Fn(&str)) -> Result<BuildReport> {
    let start = Instant::now();
    let mut timings = Timings {
        stages: Vec::new(),
        lap: Instant::now(),
        progress,
    };
    write::check_output_path(&config.output_dir, &config.root, &config.seeds_dir)?;
    let _lock = cache::lock(config)?;
    write::check_ownership(
        &config.output_dir,
        &cache::manifest_path(config),
        config.force,
    )?;
    let mut renderer = render::Renderer::new(config)?;
    let inputs = discover_inputs(config)?;
    let history = SlugHistory::read(&config.root)?;
    // The slug history is an input too (see `seeds_key`).
    let seeds_key = seeds_key(config, renderer.fingerprint(), &inputs);
    if let Some(done) = uptodate::check(config, seeds_key.map(|k| history.key(k))) {
        timings.done("check");
        return Ok(up_to_date(config, done, start, timings.stages));
    }
    progress("clean");
    let (loaded, store) = load_articles_into(config, inputs)?;
    timings.done("clean");
    let count = loaded.articles.len();
    let (site, seed_keys) = index_site(
        config,
        &history,
        loaded.articles,
        &loaded.seeds,
        loaded.vocab,
    );
    let next_history = history.with_slugs_of(&site.articles);
    timings.done("index");
    let staging = write::Staging::new(&config.output_dir, &cache::manifest_path(config))?;
    renderer.remember(staging.prior());
    let staging = render_site_into(config, &renderer, &site, staging, &seed_keys, &store)?;
    timings.done("render");
    // Freeing tens of thousands of articles' strings takes a while and nothing
    // waits for it: it happens beside the commit (or not at all, if the process
    // exits first).
    std::thread::spawn(move || drop(site));
    let written = publish(
        config,
        staging,
        (&history, next_history),
        seeds_key,
        count,
        &loaded.warnings,
    )?;
    timings.done("write");
    Ok(BuildReport {
        articles: count,
        pages: written.pages,
        warnings: loaded.warnings,
        elapsed: start.elapsed(),
        output: config.output_dir.clone(),
        cleaned: loaded.cleaned,
        written: written.written,
        unchanged: written.unchanged,
        stages: timings.stages,
        up_to_date: false,
    })
}

/// Stage 1: the seeds and the other inputs, and each seed's stamp.
fn discover_inputs(config: &Config) -> Result<Inputs> {
    let all = discover::discover_all(&config.root, &config.seeds_dir)?;
    let mut warnings = all.warnings;
    warnings.extend(render::asset_warnings(&config.root));
    let stamps = articles::stamps(&all.seeds);
    Ok(Inputs {
        seeds: all.seeds,
        warnings,
        others: all.others,
        stamps,
    })
}

/// The report of a build that found the output up to date.
fn up_to_date(
    config: &Config,
    done: uptodate::Record,
    start: Instant,
    stages: Vec<(&'static str, Duration)>,
) -> BuildReport {
    BuildReport {
        articles: done.articles,
        pages: done.pages,
        warnings: done
            .warnings
            .into_iter()
            .map(|(path, message)| Warning::new(&path, message))
            .collect(),
        elapsed: start.elapsed(),
        output: config.output_dir.clone(),
        cleaned: 0,
        written: 0,
        unchanged: done.files,
        stages,
        up_to_date: true,
    }
}

/// Stage 3: every seed to an article, through the article cache; the bodies of the
/// articles cleaned now go to the body store, and the cache is saved.
fn load_articles_into(config: &Config, inputs: Inputs) -> Result<(Loaded, BodyStore)> {
    let (mut cache, bodies_id) = cache::load(config);
    let mut store = BodyStore::open(config, &mut cache, bodies_id)?;
    let recover_config = config.clone();
    store.recover_with(Box::new(move |a| articles::clean_again(&recover_config, a)));
    let mut loaded = articles::load_discovered(
        config,
        inputs.seeds,
        inputs.warnings,
        inputs.stamps,
        &mut cache,
        Some(&store),
    )?;
    // Entries left in the cache are seeds that are gone.
    let removed: Vec<PathBuf> = cache.articles.keys().cloned().collect();
    let saved = cache.saved.take();
    drop(cache);
    if loaded.cleaned + loaded.restamped + removed.len() > 0 {
        cache::save(config, &mut loaded, &mut store, &removed, saved)?;
    }
    Ok((loaded, store))
}

/// Stage 4: the site model, with the redirects of renamed articles, and each seed's key.
fn index_site(
    config: &Config,
    history: &SlugHistory,
    articles: Vec<crate::model::Article>,
    seeds: &[cache::SeedState],
    vocab: crate::enrich::vocab::Vocab,
) -> (site::Site, render::SeedKeys) {
    let seed_keys: render::SeedKeys = seeds.iter().map(|s| (s.path.clone(), s.key)).collect();
    let mut site = site::Site::new(config, articles, vocab);
    site.redirects = history.redirects(&site.articles);
    (site, seed_keys)
}

/// Stage 5: every page into the staging folder (abandoned on an error), bodies read
/// back from the store.
fn render_site_into(
    config: &Config,
    renderer: &render::Renderer,
    site: &site::Site,
    staging: write::Staging,
    seed_keys: &render::SeedKeys,
    store: &BodyStore,
) -> Result<write::Staging> {
    if let Err(e) = renderer.render_all_keyed(site, &staging, seed_keys, store) {
        staging.abandon();
        return Err(e);
    }
    if store.damaged() {
        // The damaged bodies were cleaned again for this build's pages; the next
        // build starts from a fresh cache rather than meet them again.
        cache::discard(config);
    }
    Ok(staging)
}

/// What the write stage did.
struct Written {
    pages: usize,
    written: usize,
    unchanged: usize,
}

/// Stage 6: the staging folder becomes the output, the slug history is saved, and
/// the inputs of this build are recorded for the next one's up-to-date check.
fn publish(
    config: &Config,
    staging: write::Staging,
    (history, next_history): (&SlugHistory, SlugHistory),
    seeds_key: Option<u64>,
    count: usize,
    warnings: &[Warning],
) -> Result<Written> {
    let pages = staging.html_paths().len();
    let written = staging.written.load(std::sync::atomic::Ordering::Relaxed);
    let unchanged = staging.unchanged.load(std::sync::atomic::Ordering::Relaxed);
    uptodate::forget(config);
    staging.commit()?;
    // Recorded once the site that uses these slugs is out, and keyed as what the
    // next build reads: the site it builds from it is this one (see `aliases`).
    next_history.save(&config.root, history)?;
    let inputs = seeds_key.map(|k| next_history.key(k));
    // A seed that could not be read is read again next time, whatever its stamp says.
    if let Some(key) = inputs.filter(|_| !warnings.iter().any(|w| w.io)) {
        uptodate::save(
            config,
            key,
            uptodate::Counts {
                articles: count,
                pages,
                files: written + unchanged,
            },
            warnings,
        );
    }
    Ok(Written {
        pages,
        written,
        unchanged,
    })
}
