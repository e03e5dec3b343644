//! `dossier serve`: a local preview that rebuilds on change and reloads open tabs.
//!
//! 1. Build the site in memory (nothing is written to disk), with the base URL
//!    set to the local address.
//! 2. A watcher thread polls `seeds/`, `templates/`, `static/` and `book.toml`
//!    for changes (modification times and sizes; portable, no OS watcher) and
//!    rebuilds. Seeds whose bytes did not change are not cleaned again (an
//!    in-memory cache keyed by content hash); config or template changes
//!    invalidate everything.
//! 3. A failed rebuild keeps serving the last good site, prints the error, and
//!    shows it on every page until the next good build.
//! 4. Pages get a small script that polls `/__dossier/version` and reloads the
//!    tab when it changes.
//!
//! The server state is passed explicitly (an `Arc`), never global.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

use crate::config::Config;

const RELOAD_JS: &str = "(function(){var v=null;function poll(){fetch('/__dossier/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){}).finally(function(){setTimeout(poll,400)})}poll()})();";

/// What the server shows: the last good site, and the last error if the newest build failed.
#[derive(Default)]
pub struct ServedSite {
    pub files: HashMap<String, Vec<u8>>,
    pub error: Option<String>,
    pub version: u64,
}

/// A fingerprint of everything a build reads: paths with size and mtime.
fn fingerprint(root: &Path, config: &Config) -> BTreeMap<PathBuf, (u64, Option<SystemTime>)> {
    let mut out = BTreeMap::new();
    let dirs = [
        config.seeds_dir.clone(),
        root.join("templates"),
        root.join("static"),
    ];
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for e in walkdir::WalkDir::new(dir)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
        {
            if let Ok(m) = e.metadata() {
                if m.is_file() {
                    out.insert(e.path().to_path_buf(), (m.len(), m.modified().ok()));
                }
            }
        }
    }
    let book = root.join("book.toml");
    if let Ok(m) = std::fs::metadata(&book) {
        out.insert(book, (m.len(), m.modified().ok()));
    }
    out
}

fn load_config(root: &Path, base_url: &str) -> Result<Config> {
    let mut config = Config::load(root)?;
    config.base_url = base_url.to_string();
    Ok(config)
}

/// Rebuild into `state`; on failure keep the old files and record the error.
/// Articles kept between rebuilds, and the `book.toml` they were made with.
#[derive(Default)]
pub struct ServeCache {
    config_hash: u64,
    articles: crate::ArticleCache,
}

pub fn rebuild(root: &Path, base_url: &str, cache: &mut ServeCache, state: &RwLock<ServedSite>) {
    let result = load_config(root, base_url).and_then(|config| {
        // Topics and events shape every article: a config change invalidates them all.
        let config_hash = config.source_hash;
        if config_hash != cache.config_hash {
            cache.articles = crate::ArticleCache::default();
            cache.config_hash = config_hash;
        }
        let loaded = crate::load_articles_cached(&config, &mut cache.articles, None)?;
        for w in &loaded.warnings {
            eprintln!("warning: {w}");
        }
        for (s, a) in loaded.seeds.iter().zip(&loaded.articles) {
            let entry = crate::articles::CachedArticle {
                key: s.key,
                stamp: s.stamp,
                article: a.clone(),
            };
            cache.articles.articles.insert(s.path.clone(), entry);
        }
        cache.articles.vocab =
            crate::enrich::vocab::Vocab::from_words(loaded.vocab.words().to_vec());
        crate::render_articles(&config, loaded).map(|(files, n, _)| (files, n))
    });
    let mut s = match state.write() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    s.version += 1;
    match result {
        Ok((files, n)) => {
            s.files = files.into_iter().map(|f| (f.path, f.bytes)).collect();
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

pub fn serve(root: &Path, host: &str, port: u16) -> Result<()> {
    let listener =
        TcpListener::bind((host, port)).with_context(|| format!("binding {host}:{port}"))?;
    let addr = listener.local_addr().context("reading the bound address")?;
    let base_url = format!("http://{addr}/");
    let state = Arc::new(RwLock::new(ServedSite::default()));
    let mut cache = ServeCache::default();
    // Snapshot before the first build: a change made while it runs (or before the
    // watcher thread starts) must still trigger a rebuild.
    let first = load_config(root, &base_url)
        .map(|c| fingerprint(root, &c))
        .unwrap_or_default();
    rebuild(root, &base_url, &mut cache, &state);
    println!("serving {} at {base_url} (Ctrl-C to stop)", root.display());
    let watch_state = Arc::clone(&state);
    let watch_root = root.to_path_buf();
    let watch_base = base_url.clone();
    std::thread::spawn(move || {
        let mut last = first;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = load_config(&watch_root, &watch_base)
                .map(|c| fingerprint(&watch_root, &c))
                .unwrap_or_default();
            if now != last {
                last = now;
                rebuild(&watch_root, &watch_base, &mut cache, &watch_state);
            }
        }
    });
    for stream in listener.incoming().flatten() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let _ = handle(stream, &state);
        });
    }
    Ok(())
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn handle(mut stream: TcpStream, state: &RwLock<ServedSite>) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let raw = request.split_whitespace().nth(1).unwrap_or("/");
    let path = raw.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let s = match state.read() {
        Ok(s) => s,
        Err(p) => p.into_inner(),
    };
    let (status, ctype, body): (&str, &str, Vec<u8>) = if path == "/__dossier/version" {
        ("200 OK", "text/plain", s.version.to_string().into_bytes())
    } else if path == "/__dossier/reload.js" {
        ("200 OK", "text/javascript", RELOAD_JS.as_bytes().to_vec())
    } else {
        let rel = path.trim_start_matches('/');
        let candidates = [
            rel.to_string(),
            format!("{}/index.html", rel.trim_end_matches('/'))
                .trim_start_matches('/')
                .to_string(),
        ];
        match candidates
            .iter()
            .find_map(|c| s.files.get(c).map(|b| (c, b)))
        {
            Some((name, bytes)) => ("200 OK", content_type(name), bytes.clone()),
            None => (
                "404 Not Found",
                "text/html; charset=utf-8",
                s.files.get("404.html").cloned().unwrap_or_default(),
            ),
        }
    };
    let body = if ctype.starts_with("text/html") {
        decorate(body, s.error.as_deref())
    } else {
        body
    };
    drop(s);
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(&body)?;
    stream.flush()
}

/// Add the reload script, and the build error (escaped) when the last build failed.
fn decorate(body: Vec<u8>, error: Option<&str>) -> Vec<u8> {
    let html = String::from_utf8_lossy(&body);
    let mut inject = String::from("<script src=\"/__dossier/reload.js\"></script>");
    if let Some(e) = error {
        inject.push_str(&format!(
            "<div role=\"alert\" class=\"dossier-build-error\" style=\"position:fixed;inset:auto 0 0 0;background:#7a1010;color:#fff;padding:1rem;font:14px monospace;white-space:pre-wrap;z-index:99\">dossier: the last rebuild failed; showing the previous site.\n{}</div>",
            crate::render::escape_html(e)
        ));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{inject}{}", &html[..i], &html[i..]).into_bytes(),
        None => format!("{html}{inject}").into_bytes(),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
