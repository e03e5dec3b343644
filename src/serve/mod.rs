//! `dossier serve`: a local preview that rebuilds on change and reloads open tabs.
//!
//! 1. Bind the address; the site's base URL is one a browser can open (a
//!    wildcard address becomes loopback, with a warning that the site is open
//!    to the network).
//! 2. Build the site in memory (nothing is written to disk).
//! 3. A rebuild thread waits for changes to `seeds/`, `templates/`, `static/`
//!    and `book.toml` ([`watch`]), compares the inputs' key (`pipeline::inputs_key`,
//!    the one `build`'s up-to-date check uses: paths, sizes and mtimes, templates,
//!    `book.toml`) with the last rebuild's, and rebuilds in memory through the
//!    pipeline. Seeds whose bytes did not change are not cleaned again (the last
//!    build's articles are kept in a `pipeline::Memory`, moved, not copied); a
//!    `book.toml` change invalidates them all.
//! 4. A rebuild that fails, or panics, keeps serving the last good site, prints
//!    the error, and shows it on every page until the next good build; the
//!    thread lives on and rebuilds at the next change.
//! 5. The HTTP server ([`http`]) serves the site; pages get a small script that
//!    polls `/__dossier/version` and reloads the tab when it changes.
//!
//! The server state is passed explicitly (an `Arc`), and the rebuild thread's
//! ([`Rebuilds`]) is its own; nothing is global.

pub mod http;
pub mod target;
pub(crate) mod watch;

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::{Arc, RwLock};

use anyhow::{anyhow, Context, Result};
use bytes::Bytes;

use crate::config::Config;

/// What the server shows: the last good site, and the last error if the newest build failed.
#[derive(Default)]
pub struct ServedSite {
    pub files: HashMap<String, Bytes>,
    pub error: Option<String>,
    pub version: u64,
}

fn load_config(root: &Path, base_url: &str) -> Result<Config> {
    let mut config = Config::load(root)?;
    config.base_url = base_url.to_string();
    Ok(config)
}

/// What the rebuild thread keeps from one rebuild to the next, passed to each
/// (never global): the last build's articles, and the key of the inputs it read.
#[derive(Default)]
pub struct Rebuilds {
    memory: crate::pipeline::Memory,
    /// `pipeline::inputs_key` when the last rebuild started (`None`: unreadable).
    inputs: Option<u64>,
}

/// A built site: (path, bytes) of every file, and the article count.
type Built = (Vec<(String, Bytes)>, usize);

/// Build the site in memory through the pipeline, reusing the articles of seeds
/// whose bytes did not change.
fn build(root: &Path, base_url: &str, memory: &mut crate::pipeline::Memory) -> Result<Built> {
    let config = load_config(root, base_url)?;
    let loaded = crate::pipeline::load_in_memory(&config, memory)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let (files, n) = crate::pipeline::render_in_memory(&config, loaded, memory)?;
    let files = files
        .into_iter()
        .map(|f| (f.path, Bytes::from(f.bytes)))
        .collect();
    Ok((files, n))
}

/// Rebuild into `state`; on an error or a panic keep the old files and record the error.
pub fn rebuild(root: &Path, base_url: &str, memory: &mut Rebuilds, state: &RwLock<ServedSite>) {
    rebuild_with(memory, state, |memory| build(root, base_url, memory));
}

/// [`rebuild`] with the build as a parameter (a test passes one that panics).
fn rebuild_with(
    rebuilds: &mut Rebuilds,
    state: &RwLock<ServedSite>,
    build: impl FnOnce(&mut crate::pipeline::Memory) -> Result<Built>,
) {
    // The last line of defence: a bug in one stage must not end the thread
    // that every later rebuild runs on. The default hook has already printed
    // where it panicked.
    let result =
        catch_unwind(AssertUnwindSafe(|| build(&mut rebuilds.memory))).unwrap_or_else(|panic| {
            // The articles kept may be half-updated: start afresh.
            rebuilds.memory = crate::pipeline::Memory::default();
            Err(anyhow!("the rebuild panicked: {}", panic_message(&*panic)))
        });
    let mut s = match state.write() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    s.version += 1;
    match result {
        Ok((files, n)) => {
            s.files = files.into_iter().collect();
            s.error = None;
            eprintln!("rebuilt: {n} articles");
        }
        Err(e) => {
            let msg = format!("{e:#}");
            eprintln!("error: {msg}");
            s.error = Some(msg);
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

/// The URL a browser on this machine opens for a server bound to `addr`: a
/// wildcard address (`0.0.0.0`, `::`) is not one to browse to, so it becomes
/// loopback.
pub fn browse_url(addr: SocketAddr) -> String {
    match addr {
        SocketAddr::V4(a) if a.ip().is_unspecified() => format!("http://127.0.0.1:{}/", a.port()),
        SocketAddr::V6(a) if a.ip().is_unspecified() => format!("http://[::1]:{}/", a.port()),
        a => format!("http://{a}/"),
    }
}

/// The warning for an address other machines can reach, if it is one.
pub fn exposure_warning(addr: SocketAddr) -> Option<String> {
    if addr.ip().is_loopback() {
        return None;
    }
    let which = if addr.ip().is_unspecified() {
        "every network interface of this machine"
    } else {
        "a network address"
    };
    Some(format!(
        "warning: serving on {addr}, {which}: anyone who can reach this machine can read the site \
         (including unpublished seeds); use --host 127.0.0.1 to keep it local"
    ))
}

pub fn serve(root: &Path, host: &str, port: u16) -> Result<()> {
    let listener =
        TcpListener::bind((host, port)).with_context(|| format!("binding {host}:{port}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    if let Some(w) = exposure_warning(addr) {
        eprintln!("{w}");
    }
    let base_url = browse_url(addr);
    let state = Arc::new(RwLock::new(ServedSite::default()));
    // Watches and the inputs' key before the first build: a change made while it
    // runs (or before the rebuild thread starts) must still trigger a rebuild.
    let mut watch = watch::Watch::new();
    let config = load_config(root, &base_url).ok();
    watch.sync(&watch::watched_dirs(
        root,
        config.as_ref().map(|c| c.seeds_dir.as_path()),
    ));
    let mut rebuilds = Rebuilds {
        inputs: config.and_then(|c| crate::pipeline::inputs_key(&c)),
        ..Rebuilds::default()
    };
    rebuild(root, &base_url, &mut rebuilds, &state);
    println!("serving {} at {base_url} (Ctrl-C to stop)", root.display());
    let rebuild_state = Arc::clone(&state);
    let rebuild_root = root.to_path_buf();
    let rebuild_base = base_url.clone();
    std::thread::Builder::new()
        .name("dossier-rebuild".into())
        .spawn(move || loop {
            watch.wait();
            let config = load_config(&rebuild_root, &rebuild_base).ok();
            // Watch again first: a folder created since is then watched before
            // the inputs are read, so nothing written in between is missed.
            watch.sync(&watch::watched_dirs(
                &rebuild_root,
                config.as_ref().map(|c| c.seeds_dir.as_path()),
            ));
            let now = config.and_then(|c| crate::pipeline::inputs_key(&c));
            if now != rebuilds.inputs {
                rebuilds.inputs = now;
                rebuild(&rebuild_root, &rebuild_base, &mut rebuilds, &rebuild_state);
            }
        })
        .context("starting the rebuild thread")?;
    http::run(listener, state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    fn site(files: &[(&str, &str)]) -> Result<Built> {
        let files = files
            .iter()
            .map(|(p, b)| (p.to_string(), Bytes::from(b.to_string())))
            .collect();
        Ok((files, 1))
    }

    #[test]
    fn a_panicking_rebuild_keeps_the_last_site_shows_the_error_and_the_next_one_recovers() {
        let state = RwLock::new(ServedSite::default());
        let mut cache = Rebuilds::default();
        rebuild_with(&mut cache, &state, |_| site(&[("index.html", "first")]));
        cache.memory.made_with = 7;
        rebuild_with(&mut cache, &state, |_| -> Result<Built> {
            panic!("byte index 10 is not a char boundary")
        });
        {
            let s = state.read().unwrap();
            assert_eq!(s.files["index.html"], "first");
            assert_eq!(
                s.error.as_deref(),
                Some("the rebuild panicked: byte index 10 is not a char boundary")
            );
            assert_eq!(s.version, 2);
        }
        assert_eq!(
            cache.memory.made_with, 0,
            "the cache was not reset after a panic"
        );
        rebuild_with(&mut cache, &state, |_| site(&[("index.html", "fixed")]));
        let s = state.read().unwrap();
        assert_eq!(s.files["index.html"], "fixed");
        assert_eq!(s.error, None);
        assert_eq!(s.version, 3);
    }

    #[test]
    fn a_failing_rebuild_keeps_the_last_site_and_records_the_error_chain() {
        let state = RwLock::new(ServedSite::default());
        let mut cache = Rebuilds::default();
        rebuild_with(&mut cache, &state, |_| site(&[("index.html", "good")]));
        rebuild_with(&mut cache, &state, |_| {
            Err(anyhow!("line 3").context("parsing book.toml"))
        });
        let s = state.read().unwrap();
        assert_eq!(s.files["index.html"], "good");
        assert_eq!(s.error.as_deref(), Some("parsing book.toml: line 3"));
    }

    #[test]
    fn wildcard_addresses_browse_on_loopback_and_warn() {
        let any4 = SocketAddr::from((Ipv4Addr::UNSPECIFIED, 8080));
        assert_eq!(browse_url(any4), "http://127.0.0.1:8080/");
        assert!(exposure_warning(any4)
            .unwrap()
            .contains("every network interface"));
        let any6 = SocketAddr::from((Ipv6Addr::UNSPECIFIED, 8080));
        assert_eq!(browse_url(any6), "http://[::1]:8080/");
        let lo = SocketAddr::from((Ipv4Addr::LOCALHOST, 1111));
        assert_eq!(browse_url(lo), "http://127.0.0.1:1111/");
        assert_eq!(exposure_warning(lo), None);
        let lan = SocketAddr::from((Ipv4Addr::new(192, 168, 1, 5), 1111));
        assert_eq!(browse_url(lan), "http://192.168.1.5:1111/");
        assert!(exposure_warning(lan).unwrap().contains("a network address"));
    }
}
