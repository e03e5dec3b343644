//! The build cache in `<root>/.dossier-cache/`: what lets a rebuild after one
//! new seed clean only that seed and rewrite only the pages whose bytes change.
//!
//! - `articles.bin`: every cleaned and enriched article without its body, with
//!   the hash of its seed's (and sidecar's) bytes, their sizes and modification
//!   times, and where its body is in `bodies.bin`, in chunks of [`CHUNK`]
//!   (each read and written on its own core); then the term vocabulary. In
//!   bincode; valid only for the same dossier binary and `book.toml` (both go
//!   into the header) and the same `bodies.bin` (its id goes there too).
//! - `articles.log`: what builds since `articles.bin` was written changed (the
//!   records of seeds cleaned or re-stamped, the seeds removed, new vocabulary),
//!   appended in order and applied on load; `articles.bin` is written afresh
//!   only when the log reaches half its size (see [`save`]).
//! - `bodies.bin`: article bodies (blocks, Markdown HTML, captions, credits,
//!   the sentences naming people),
//!   appended as seeds are cleaned and read back only for pages being rendered,
//!   so a build's memory holds metadata, not text. Rewritten without dead bodies
//!   when they outweigh the live ones.
//! - `manifest-<hash of the output path>.json`: the hash of every file of the
//!   last output written there (see `write::Staging`); beside it, `.spare/` holds
//!   the emptied files the last rebuild replaced, for the next one to write over.
//! - `lock`: locked by a build while it runs (see [`lock`]).
//!
//! Every record carries a checksum (see [`crate::checksum`]): the header, each
//! chunk and the vocabulary of `articles.bin`, each change in `articles.log`, each
//! body in `bodies.bin` (its sum stored after it). A damaged file is a cache miss,
//! with a note: `articles.bin` or `articles.log` is not used (everything is cleaned
//! again), and a damaged body is cleaned again from its seed when its page is
//! rendered, after which the whole cache is dropped so the next build starts afresh.
//!
//! A missing, stale or unreadable cache is never an error: the build just
//! cleans everything, as a first build does.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::base::warning::Warning;
use crate::config::Config;
use crate::enrich::vocab::Vocab;
use crate::model::Article;

mod bodies;

pub use bodies::{BodyRef, BodyStore};

fn dir(config: &Config) -> PathBuf {
    config.root.join(".dossier-cache")
}

fn articles_path(config: &Config) -> PathBuf {
    dir(config).join("articles.bin")
}

fn log_path(config: &Config) -> PathBuf {
    dir(config).join("articles.log")
}

fn bodies_path(config: &Config) -> PathBuf {
    dir(config).join("bodies.bin")
}

/// Hold the project's build lock until the returned file is dropped: two builds of
/// one project at once would interleave their cache appends and their temporary
/// files in the output. A second build waits, saying so, as cargo does.
pub fn lock(config: &Config) -> Result<File> {
    let dir = dir(config);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = dir.join("lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("opening {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => eprintln!(
            "waiting for another dossier build of {} to finish (lock: {})",
            config.root.display(),
            path.display()
        ),
        Err(std::fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("locking {}", path.display()))
        }
    }
    file.lock()
        .with_context(|| format!("locking {}", path.display()))?;
    Ok(file)
}

/// The manifest of the output folder this config writes to.
pub fn manifest_path(config: &Config) -> PathBuf {
    // The same name before the first build (no output folder yet) as after it: the
    // folder's parent is canonical then, with the folder's name added.
    let given = &config.output_dir;
    let out = given
        .canonicalize()
        .or_else(|e| match (given.parent(), given.file_name()) {
            (Some(parent), Some(name)) => {
                let parent = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                parent.canonicalize().map(|p| p.join(name))
            }
            _ => Err(e),
        })
        .unwrap_or_else(|_| given.clone());
    let h = crate::base::hash::hash_bytes(&[out.to_string_lossy().as_bytes()]);
    dir(config).join(format!("manifest-{h:016x}.json"))
}

/// What the articles were cleaned with: the configuration and this dossier binary
/// (its version, and its size and modification time: a rebuilt or upgraded binary
/// may clean differently or lay the cache out differently, so it starts afresh).
fn fingerprint(config: &Config) -> u64 {
    crate::base::hash::hash_bytes(&[binary_stamp().as_bytes(), &config.source_hash.to_le_bytes()])
}

pub use crate::base::hash::binary_stamp;

pub use super::stamp::Stamp;

/// A cached article and what it was made from.
pub struct CachedArticle {
    /// Hash of the seed's and its sidecar's bytes.
    pub key: u64,
    pub stamp: Stamp,
    pub article: Article,
}

/// Articles from earlier builds, keyed by seed path. Entries are moved out when
/// used, so holding a cache never doubles the corpus in memory.
#[derive(Default)]
pub struct ArticleCache {
    pub articles: std::collections::HashMap<PathBuf, CachedArticle>,
    /// The vocabulary the cached articles' term ids refer to.
    pub vocab: Vocab,
    /// What the cache on disk holds, when it was loaded from there (see `cache::save`).
    pub saved: Option<Saved>,
}

/// A seed as this build found it: what the cache records about it.
#[derive(Debug, Clone)]
pub struct SeedState {
    pub path: PathBuf,
    pub key: u64,
    pub stamp: Stamp,
    /// Cleaned or re-stamped by this build: the cache on disk lacks its record.
    pub fresh: bool,
}

/// Articles (sorted by source path), the state of each one's seed (same order),
/// warnings, how many seeds were cleaned, and the vocabulary.
pub struct Loaded {
    pub articles: Vec<Article>,
    pub seeds: Vec<SeedState>,
    pub warnings: Vec<Warning>,
    pub cleaned: usize,
    /// Seeds whose stamp changed though their bytes did not (the cache is saved for them too).
    pub restamped: usize,
    pub vocab: Vocab,
}

#[derive(Serialize, Deserialize)]
struct Header {
    fingerprint: u64,
    /// The id of the `bodies.bin` the body references point into.
    bodies_id: u64,
    /// This `articles.bin`'s id: `articles.log` names the one it follows.
    id: u64,
    count: usize,
}

/// What the cache on disk holds: `articles.bin` (its id and size), what
/// `articles.log` appends to it (size), and how many words the two hold.
#[derive(Debug, Clone, Copy)]
pub struct Saved {
    id: u64,
    bodies_id: u64,
    base_len: u64,
    log_len: u64,
    words: usize,
}

/// A change `articles.log` records since `articles.bin` was written (for reading).
#[derive(Deserialize)]
enum Change {
    Put(Box<Record>),
    Remove(PathBuf),
    Words(Vec<Box<str>>),
}

/// [`Change`], borrowing what it writes.
#[derive(Serialize)]
enum ChangeRef<'a> {
    Put((&'a PathBuf, u64, Stamp, Option<BodyRef>, &'a Article)),
    Remove(&'a PathBuf),
    Words(&'a [Box<str>]),
}

/// An id for a file of the cache that differs from earlier ones': the time will do.
fn fresh_id() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        .max(1)
}

/// Articles per chunk of `articles.bin`: chunks are encoded and decoded in parallel.
const CHUNK: usize = 1024;

/// Chunks read or written together (one per core and then some).
const CHUNKS_AT_ONCE: usize = 8;

/// One article's cache record.
type Record = (PathBuf, u64, Stamp, Option<BodyRef>, Article);

/// Load the article cache and the id of the body store it refers to; empty when
/// absent, stale, unreadable or damaged (a damaged file is noted).
pub fn load(config: &Config) -> (ArticleCache, u64) {
    let damaged: Mutex<Option<PathBuf>> = Mutex::new(None);
    let loaded = read_cache(config, &damaged);
    if let Some(path) = damaged.into_inner().unwrap_or_else(|p| p.into_inner()) {
        crate::checksum::note(&path);
    }
    loaded.unwrap_or_default()
}

/// [`load`]'s work: `None` on any miss, with `damaged` naming a file whose checksum failed.
fn read_cache(config: &Config, damaged: &Mutex<Option<PathBuf>>) -> Option<(ArticleCache, u64)> {
    use rayon::prelude::*;
    let path = articles_path(config);
    let file = File::open(&path).ok()?;
    // A damaged length must not make us allocate more than the file holds.
    let size = file.metadata().ok()?.len();
    let mut file = std::io::BufReader::new(file);
    let mark = |p: &Path| {
        *damaged.lock().unwrap_or_else(|e| e.into_inner()) = Some(p.to_path_buf());
    };
    // A record whose checksum holds (bincode then reads it as written).
    let frame = |file: &mut std::io::BufReader<File>| -> Option<Vec<u8>> {
        crate::checksum::read_framed(file, size)
            .map_err(|_| mark(&path))
            .ok()
    };
    let header: Header = bincode::deserialize(&frame(&mut file)?).ok()?;
    if header.fingerprint != fingerprint(config) || header.count as u64 > size {
        return None;
    }
    let mut articles = std::collections::HashMap::with_capacity(header.count);
    let insert = |articles: &mut std::collections::HashMap<PathBuf, CachedArticle>,
                  (path, key, stamp, stashed, mut article): Record| {
        article.stashed = stashed;
        article.path = path.clone();
        articles.insert(
            path,
            CachedArticle {
                key,
                stamp,
                article,
            },
        );
    };
    let mut left = header.count.div_ceil(CHUNK);
    // A few chunks at a time: read in turn, decoded in parallel, so the encoded
    // bytes in memory stay a few chunks' worth whatever the corpus size.
    let mut count = 0;
    while left > 0 {
        let group = left.min(CHUNKS_AT_ONCE);
        left -= group;
        let raw: Vec<Vec<u8>> = (0..group)
            .map(|_| frame(&mut file))
            .collect::<Option<_>>()?;
        let decoded: Vec<Vec<Record>> = raw
            .par_iter()
            .map(|c| bincode::deserialize(c).ok())
            .collect::<Option<_>>()?;
        for record in decoded.into_iter().flatten() {
            count += 1;
            insert(&mut articles, record);
        }
    }
    (count == header.count).then_some(())?;
    let mut words: Vec<Box<str>> = bincode::deserialize(&frame(&mut file)?).ok()?;
    // Then what later builds appended (a log that follows another base, or that a
    // killed build left half-written or that is damaged, makes the whole cache unusable).
    let log_file = log_path(config);
    let log = std::fs::read(&log_file).unwrap_or_default();
    if !log.is_empty() {
        let mut rest = &log[..];
        let frame = |rest: &mut &[u8]| -> Option<Vec<u8>> {
            crate::checksum::read_framed(rest, log.len() as u64)
                .map_err(|_| mark(&log_file))
                .ok()
        };
        let base: u64 = bincode::deserialize(&frame(&mut rest)?).ok()?;
        (base == header.id).then_some(())?;
        while !rest.is_empty() {
            match bincode::deserialize(&frame(&mut rest)?).ok()? {
                Change::Put(record) => insert(&mut articles, *record),
                Change::Remove(path) => {
                    articles.remove(&path);
                }
                Change::Words(more) => words.extend(more),
            }
        }
    }
    let saved = Saved {
        id: header.id,
        bodies_id: header.bodies_id,
        base_len: size,
        log_len: log.len() as u64,
        words: words.len(),
    };
    let vocab = Vocab::from_words(words);
    Some((
        ArticleCache {
            articles,
            vocab,
            saved: Some(saved),
        },
        header.bodies_id,
    ))
}

/// Drop the article cache (its records and the bodies they point to): the next
/// build cleans every seed again. For a cache found damaged during a build.
pub fn discard(config: &Config) {
    for path in [log_path(config), articles_path(config), bodies_path(config)] {
        let _ = std::fs::remove_file(path);
    }
}

/// Save the cache for `loaded` (whose bodies are in `store`), `removed` being the
/// seeds gone since the cache `saved` was loaded. Usually only the changes are
/// appended to `articles.log` (adding one seed to 10,000 would otherwise rewrite
/// 50 MB); the whole of `articles.bin` is written afresh, chunks encoded in
/// parallel, when there is no cache to append to, when the body store was
/// compacted (every body reference moved), or when the log has grown to half
/// the size of `articles.bin`.
pub fn save(
    config: &Config,
    loaded: &mut Loaded,
    store: &mut BodyStore,
    removed: &[PathBuf],
    saved: Option<Saved>,
) -> Result<()> {
    let compacted = store.compact(&mut loaded.articles)?;
    if let Some(saved) = saved.filter(|s| !compacted && s.bodies_id == store.id) {
        let mut log: Vec<u8> = Vec::new();
        let mut put = |bytes: Vec<u8>| crate::checksum::write_framed(&mut log, &bytes);
        if saved.log_len == 0 {
            put(bincode::serialize(&saved.id)?)?;
        }
        let words = loaded.vocab.words();
        if words.len() > saved.words {
            put(bincode::serialize(&ChangeRef::Words(
                &words[saved.words..],
            ))?)?;
        }
        for path in removed {
            put(bincode::serialize(&ChangeRef::Remove(path))?)?;
        }
        for (s, a) in loaded.seeds.iter().zip(&loaded.articles) {
            if s.fresh {
                let record = (&s.path, s.key, s.stamp, a.stashed, a);
                put(bincode::serialize(&ChangeRef::Put(record))?)?;
            }
        }
        if 2 * (saved.log_len + log.len() as u64) < saved.base_len {
            let path = log_path(config);
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .with_context(|| format!("writing {}", path.display()))?;
            return file
                .write_all(&log)
                .with_context(|| format!("writing {}", path.display()));
        }
    }
    write_base(config, loaded, store)
}

/// Write `articles.bin` afresh (and drop the log that followed the old one).
fn write_base(config: &Config, loaded: &Loaded, store: &BodyStore) -> Result<()> {
    use rayon::prelude::*;
    let path = articles_path(config);
    let tmp = dir(config).join(format!("articles.bin.tmp-{}", std::process::id()));
    let pairs: Vec<(&SeedState, &Article)> = loaded.seeds.iter().zip(&loaded.articles).collect();
    let encode = |c: &[(&SeedState, &Article)]| {
        let records: Vec<_> = c
            .iter()
            .map(|(s, a)| (&s.path, s.key, s.stamp, a.stashed, *a))
            .collect();
        bincode::serialize(&records)
    };
    let write = || -> Result<()> {
        let file = File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
        let mut w = BufWriter::new(file);
        let header = Header {
            fingerprint: fingerprint(config),
            bodies_id: store.id,
            id: fresh_id(),
            count: pairs.len(),
        };
        crate::checksum::write_framed(&mut w, &bincode::serialize(&header)?)?;
        // A few chunks at a time, encoded in parallel and written in order.
        for group in pairs.chunks(CHUNK * CHUNKS_AT_ONCE) {
            let chunks: Vec<Vec<u8>> = group
                .par_chunks(CHUNK)
                .map(encode)
                .collect::<Result<_, _>>()?;
            for c in &chunks {
                crate::checksum::write_framed(&mut w, c)?;
            }
        }
        crate::checksum::write_framed(&mut w, &bincode::serialize(loaded.vocab.words())?)?;
        w.flush()
            .with_context(|| format!("writing {}", tmp.display()))?;
        Ok(())
    };
    write()?;
    // The old log goes first: a log beside a base it does not follow is never read.
    let log = log_path(config);
    if log.exists() {
        std::fs::remove_file(&log).with_context(|| format!("removing {}", log.display()))?;
    }
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))
}
