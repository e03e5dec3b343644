//! dossier: seeds -> cleaned articles -> a cross-linked static briefing site.
//!
//! The pipeline, one module per stage, in order:
//! [`discover`] -> [`load`] -> [`clean`] -> [`enrich`] -> [`site`] -> [`render`] -> [`write`].
//! [`build`] runs it; [`inspect`] runs it up to `enrich` for one file.

pub mod base;
pub mod bodies;
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

pub mod aliases;
pub mod articles;
pub mod cache;
pub mod checksum;

pub mod check;
pub mod export;
pub mod init;
pub mod inspect;
pub mod overrides;
pub mod serve;
pub mod uptodate;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

use config::Config;
use model::Article;
use write::Sink;

pub use base::warning::Warning;

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

pub use base::hash::hash_bytes;

pub use articles::{load_articles, load_articles_cached, ArticleCache, Loaded};

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

/// [`process`], with a panic in that seed's work caught as a last line of defence:
/// the seed still becomes an article, its text kept whole and marked as not cleaned
/// (see [`clean::uncleaned`]), and the article carries a note saying so, which every
/// build reports as that seed's warning. Nothing of the seed is lost, and no other
/// seed is affected.
pub fn process_guarded(
    loaded: &load::LoadedSeed,
    sidecar: Option<&overrides::Overrides>,
    enricher: &enrich::Enricher,
) -> Article {
    let failure = match guard::catch(|| {
        guard::inject_fault(&loaded.text);
        process(loaded, sidecar, enricher)
    }) {
        Ok(article) => return article,
        Err(failure) => failure,
    };
    let mut article = clean::uncleaned(loaded);
    article.notes.push(format!(
        "cleaning failed ({failure}); the text is kept as it was, not cleaned"
    ));
    if let Some(o) = sidecar {
        // Guarded too: nothing in this fallback may panic a second time.
        if let Ok(a) = guard::catch(|| {
            let mut a = article.clone();
            o.apply_before_enrich(&mut a);
            a
        }) {
            article = a;
        }
    }
    match guard::catch(|| {
        let mut a = article.clone();
        enricher.enrich(&mut a);
        if let Some(o) = sidecar {
            o.apply_after_enrich(&mut a);
        }
        a
    }) {
        Ok(a) => article = a,
        Err(_) => {
            // Dates and topics stay unknown; the body is still counted and searchable.
            if let Ok(d) = guard::catch(|| enrich::derive::derive(&article)) {
                article.derived = d;
            }
        }
    }
    article
}

/// Panics in one seed's work, caught and described (see [`process_guarded`]).
pub mod guard {
    use std::cell::{Cell, RefCell};
    use std::panic::{catch_unwind, AssertUnwindSafe};

    thread_local! {
        /// Set while guarded work runs on this thread: the panic hook then records
        /// the panic's message and place here instead of printing them.
        static GUARDED: Cell<bool> = const { Cell::new(false) };
        static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    /// Fault injection for the tests of this last line of defence (debug builds
    /// only, so a release binary has no such switch): a seed whose text holds the
    /// value of `DOSSIER_INJECT_PANIC` panics in its per-seed work, as a bug would.
    #[cfg(debug_assertions)]
    pub fn inject_fault(text: &str) {
        static MARKER: std::sync::LazyLock<Option<String>> =
            std::sync::LazyLock::new(|| std::env::var("DOSSIER_INJECT_PANIC").ok());
        if let Some(m) = MARKER.as_deref().filter(|m| !m.is_empty()) {
            if text.contains(m) {
                panic!("injected fault (DOSSIER_INJECT_PANIC)");
            }
        }
    }

    #[cfg(not(debug_assertions))]
    #[inline(always)]
    pub fn inject_fault(_text: &str) {}

    /// Run `f`; a panic in it becomes `Err` with its message and source location.
    pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
        install_hook();
        let was = GUARDED.with(|g| g.replace(true));
        let result = catch_unwind(AssertUnwindSafe(f));
        GUARDED.with(|g| g.set(was));
        result.map_err(|payload| {
            CAUGHT
                .with(|c| c.borrow_mut().take())
                .unwrap_or_else(|| payload_message(payload.as_ref()))
        })
    }

    fn payload_message(payload: &(dyn std::any::Any + Send)) -> String {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error: {msg}")
    }

    /// Wrap the process's panic hook once: outside guarded work it runs as before.
    fn install_hook() {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| {
            let previous = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if GUARDED.with(Cell::get) {
                    let msg = payload_message(info.payload());
                    let place = info
                        .location()
                        .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
                        .unwrap_or_default();
                    CAUGHT.with(|c| *c.borrow_mut() = Some(format!("{msg}{place}")));
                } else {
                    previous(info);
                }
            }));
        });
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn catch_turns_a_panic_into_its_message_and_place() {
            let err = super::catch(|| -> u8 { panic!("boom {}", 1) }).unwrap_err();
            assert!(
                err.starts_with("internal error: boom 1 at src/lib.rs:"),
                "{err}"
            );
            assert_eq!(super::catch(|| 7), Ok(7));
        }
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
    let history = aliases::SlugHistory::read(&config.root)?;
    let mut site = site::Site::new(config, loaded.articles, loaded.vocab);
    site.redirects = history.redirects(&site.articles);
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
    let _lock = cache::lock(config)?;
    write::check_ownership(
        &config.output_dir,
        &cache::manifest_path(config),
        config.force,
    )?;
    let mut renderer = render::Renderer::new(config)?;
    let all = discover::discover_all(&config.root, &config.seeds_dir)?;
    let others = all.others;
    let mut found = (all.seeds, all.warnings);
    found.1.extend(render::asset_warnings(&config.root));
    let stamps = articles::stamps(&found.0);
    let history = aliases::SlugHistory::read(&config.root)?;
    // The slug history is an input too; the key is made of both parts so the key of
    // the history this build writes back can be worked out at the end.
    let seeds_key = uptodate::inputs_key(
        config,
        renderer.fingerprint(),
        (&found.0, &found.1),
        &stamps,
        &others,
    );
    let inputs = seeds_key.map(|k| history.key(k));
    if let Some(done) = uptodate::check(config, inputs) {
        stage("check", &mut stages);
        return Ok(BuildReport {
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
        });
    }
    let (mut cache, bodies_id) = cache::load(config);
    let mut store = cache::BodyStore::open(config, &mut cache, bodies_id)?;
    let recover_config = config.clone();
    store.recover_with(Box::new(move |a| articles::clean_again(&recover_config, a)));
    progress("clean");
    let mut loaded = articles::load_discovered(config, found, stamps, &mut cache, Some(&store))?;
    // Entries left in the cache are seeds that are gone.
    let removed: Vec<PathBuf> = cache.articles.keys().cloned().collect();
    let saved = cache.saved.take();
    drop(cache);
    stage("clean", &mut stages);
    if loaded.cleaned + loaded.restamped + removed.len() > 0 {
        cache::save(config, &mut loaded, &mut store, &removed, saved)?;
    }
    let count = loaded.articles.len();
    let seed_keys: render::SeedKeys = loaded
        .seeds
        .iter()
        .map(|s| (s.path.clone(), s.key))
        .collect();
    let mut site = site::Site::new(config, loaded.articles, loaded.vocab);
    site.redirects = history.redirects(&site.articles);
    let next_history = history.with_slugs_of(&site.articles);
    stage("index", &mut stages);
    let staging = write::Staging::new(&config.output_dir, &cache::manifest_path(config))?;
    renderer.remember(staging.prior());
    if let Err(e) = renderer.render_all_keyed(&site, &staging, &seed_keys, &store) {
        staging.abandon();
        return Err(e);
    }
    stage("render", &mut stages);
    if store.damaged() {
        // The damaged bodies were cleaned again for this build's pages; the next
        // build starts from a fresh cache rather than meet them again.
        cache::discard(config);
    }
    // Freeing tens of thousands of articles' strings takes a while and nothing
    // waits for it: it happens beside the commit (or not at all, if the process
    // exits first).
    std::thread::spawn(move || drop(site));
    let pages = staging.html_paths().len();
    let written = staging.written.load(std::sync::atomic::Ordering::Relaxed);
    let unchanged = staging.unchanged.load(std::sync::atomic::Ordering::Relaxed);
    uptodate::forget(config);
    staging.commit()?;
    // Recorded once the site that uses these slugs is out, and keyed as what the
    // next build reads: the site it builds from it is this one (see `aliases`).
    next_history.save(&config.root, &history)?;
    let inputs = seeds_key.map(|k| next_history.key(k));
    // A seed that could not be read is read again next time, whatever its stamp says.
    if let Some(key) = inputs.filter(|_| !loaded.warnings.iter().any(|w| w.io)) {
        uptodate::save(
            config,
            key,
            [count, pages, written + unchanged],
            &loaded.warnings,
        );
    }
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
        up_to_date: false,
    })
}
