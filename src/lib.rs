//! dossier: seeds -> cleaned articles -> a cross-linked static briefing site.
//!
//! The crate's face. Its modules, bottom layer first (imports only go down this
//! list; `scripts/check-layers` checks it, and the README's Architecture section
//! draws it):
//! - leaf types: [`base`], [`patterns`], [`slug`], [`checksum`]; then [`model`],
//!   [`config`], [`front_matter`] and [`bodies`];
//! - the stages, in order: [`discover`] -> [`load`] (with [`overrides`]) -> [`clean`]
//!   -> [`enrich`] -> [`site`] (with [`aliases`]) -> [`render`] -> [`write`];
//! - [`incremental`]: the article cache, the body store, stamps, the up-to-date check;
//! - [`pipeline`]: `build` runs the stages over the incremental layer; the commands
//!   ([`cli`], [`serve`], [`check`], [`export`], [`inspect`], [`init`]) run it.
//!
//! [`process`] is one seed's work (clean, override, enrich), and [`process_guarded`]
//! the same with its last line of defence, [`guard`]. They stay here rather than in
//! `pipeline` because the fault-injection test pins the panic's place as `src/lib.rs`
//! (tests/dossier/attacks_robust.rs); nothing here imports the pipeline, so the crate
//! root is not part of any circle.

pub(crate) mod base;
pub(crate) mod checksum;
pub(crate) mod patterns;
pub mod slug;

pub(crate) mod bodies;
pub mod config;
pub(crate) mod front_matter;
pub mod model;

pub mod clean;
pub(crate) mod discover;
pub mod enrich;
pub mod load;
pub(crate) mod overrides;
pub mod render;
pub(crate) mod site;
pub(crate) mod write;

pub(crate) mod aliases;
pub(crate) mod incremental;
pub(crate) mod pipeline;

pub mod check;
pub mod cli;
pub(crate) mod export;
pub(crate) mod init;
pub mod inspect;
pub mod serve;

use model::Article;

pub use base::hash::hash_bytes;
pub use base::warning::Warning;

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
