//! The build cache in `<root>/.dossier-cache/`: what lets a rebuild after one
//! new seed clean only that seed and rewrite only the pages whose bytes change.
//!
//! - `articles.bin`: every cleaned and enriched article with the hash of its
//!   seed's (and sidecar's) bytes, in bincode. Valid only for the same
//!   dossier version and `book.toml`: both go into the file's header.
//! - `manifest-<hash of the output path>.json`: the hash of every file of the
//!   last output written there (see `write::Staging`).
//!
//! A missing, stale or unreadable cache is never an error: the build just
//! cleans everything, as a first build does.

use std::io::{BufReader, BufWriter};
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::model::Article;
use crate::{hash_bytes, ArticleCache};

fn dir(config: &Config) -> PathBuf {
    config.root.join(".dossier-cache")
}

fn articles_path(config: &Config) -> PathBuf {
    dir(config).join("articles.bin")
}

/// The manifest of the output folder this config writes to.
pub fn manifest_path(config: &Config) -> PathBuf {
    let out = config
        .output_dir
        .canonicalize()
        .unwrap_or_else(|_| config.output_dir.clone());
    let h = hash_bytes(&[out.to_string_lossy().as_bytes()]);
    dir(config).join(format!("manifest-{h:016x}.json"))
}

/// What the articles were cleaned with: dossier's version and the configuration.
fn fingerprint(config: &Config) -> u64 {
    let book = std::fs::read(config.root.join("book.toml")).unwrap_or_default();
    hash_bytes(&[env!("CARGO_PKG_VERSION").as_bytes(), &book])
}

#[derive(Serialize, Deserialize)]
struct Header {
    fingerprint: u64,
    count: usize,
}

/// Load the article cache; empty when absent, stale or unreadable.
pub fn load(config: &Config) -> ArticleCache {
    let read = || -> Option<ArticleCache> {
        let file = std::fs::File::open(articles_path(config)).ok()?;
        let mut reader = BufReader::new(file);
        let header: Header = bincode::deserialize_from(&mut reader).ok()?;
        if header.fingerprint != fingerprint(config) {
            return None;
        }
        let words: Vec<Box<str>> = bincode::deserialize_from(&mut reader).ok()?;
        let mut cache = ArticleCache {
            articles: std::collections::HashMap::with_capacity(header.count),
            vocab: crate::enrich::vocab::Vocab::from_words(words),
        };
        for _ in 0..header.count {
            let (path, key, article): (PathBuf, u64, Article) =
                bincode::deserialize_from(&mut reader).ok()?;
            cache.articles.insert(path, (key, article));
        }
        Some(cache)
    };
    read().unwrap_or_default()
}

/// How many articles the cache on disk holds (0 when absent or stale).
pub fn len_on_disk(config: &Config) -> usize {
    let file = std::fs::File::open(articles_path(config)).ok();
    file.and_then(|f| bincode::deserialize_from::<_, Header>(BufReader::new(f)).ok())
        .filter(|h| h.fingerprint == fingerprint(config))
        .map_or(0, |h| h.count)
}

/// Save the cache: streamed, one article at a time, written to a temporary file and renamed.
pub fn save(
    config: &Config,
    keys: &[(PathBuf, u64)],
    articles: &[Article],
    vocab: &crate::enrich::vocab::Vocab,
) -> Result<()> {
    let dir = dir(config);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let path = articles_path(config);
    let tmp = dir.join(format!("articles.bin.tmp-{}", std::process::id()));
    let write = || -> Result<()> {
        let file =
            std::fs::File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
        let mut w = BufWriter::new(file);
        bincode::serialize_into(
            &mut w,
            &Header {
                fingerprint: fingerprint(config),
                count: articles.len(),
            },
        )?;
        bincode::serialize_into(&mut w, vocab.words())?;
        for ((p, key), a) in keys.iter().zip(articles) {
            bincode::serialize_into(&mut w, &(p, key, a))?;
        }
        std::io::Write::flush(&mut w).with_context(|| format!("writing {}", tmp.display()))?;
        Ok(())
    };
    write()?;
    std::fs::rename(&tmp, &path).with_context(|| format!("writing {}", path.display()))
}
