//! `bodies.bin`: article bodies (what only an article's own page shows), appended
//! with a checksum each, read back from any thread, compacted when mostly garbage.

use std::borrow::Cow;
use std::fs::File;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::{bodies_path, dir, fresh_id, ArticleCache};
use crate::bodies::Bodies;
use crate::config::Config;
use crate::model::{Article, Block};

pub use crate::model::BodyRef;

/// An article's body: what only its own page (and people's pages) show.
#[derive(Serialize, Deserialize, Default)]
struct Body {
    blocks: Vec<Block>,
    body_html: Option<String>,
    captions: Vec<String>,
    credits: Vec<String>,
    /// The sentences naming people (see `Derived::mention_sentences`).
    mention_sentences: Vec<String>,
}

/// `bodies.bin`, open for appending bodies and reading them back (from any thread).
pub struct BodyStore {
    path: PathBuf,
    file: File,
    pub(super) id: u64,
    /// Bytes written so far (the next body's offset).
    end: Mutex<u64>,
    /// Cleans an article's seed again when its stored body is damaged (see [`BodyStore::recover_with`]).
    recover: Option<Recover>,
    /// A damaged body was found (and noted): the cache is dropped after the build.
    damaged: std::sync::atomic::AtomicBool,
}

/// Cleans an article's seed again: what a damaged body is rebuilt from.
pub type Recover = Box<dyn Fn(&Article) -> Option<Article> + Send + Sync>;

/// Bytes after each body in `bodies.bin`: its checksum.
const BODY_SUM: u64 = 8;

/// Bytes at the start of `bodies.bin`: its id.
const BODIES_HEADER: u64 = 8;

impl BodyStore {
    /// Open `bodies.bin` if it is the one `cache` refers to, else start a new one
    /// (and drop `cache`'s articles, whose bodies would be lost).
    pub fn open(
        config: &Config,
        cache: &mut ArticleCache,
        cache_bodies_id: u64,
    ) -> Result<BodyStore> {
        let dir = dir(config);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = bodies_path(config);
        if let Some(store) = Self::reopen(&path, cache_bodies_id) {
            // A store cut short (a full disk, a crash) would fail pages later: check it holds every body.
            let end = *store.end.lock().unwrap_or_else(|p| p.into_inner());
            let fits = cache.articles.values().all(|c| {
                c.article.stashed.is_none_or(|BodyRef { offset, len }| {
                    offset >= BODIES_HEADER && offset + len as u64 + BODY_SUM <= end
                })
            });
            if fits {
                return Ok(store);
            }
        }
        cache.articles.clear();
        Self::create(&path)
    }

    fn reopen(path: &Path, id: u64) -> Option<BodyStore> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .ok()?;
        let mut head = [0u8; BODIES_HEADER as usize];
        file.read_exact_at(&mut head, 0).ok()?;
        let end = file.metadata().ok()?.len();
        (u64::from_le_bytes(head) == id && id != 0).then(|| BodyStore {
            path: path.to_path_buf(),
            file,
            id,
            end: Mutex::new(end),
            recover: None,
            damaged: Default::default(),
        })
    }

    fn create(path: &Path) -> Result<BodyStore> {
        let id = fresh_id();
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(path)
            .with_context(|| format!("creating {}", path.display()))?;
        file.write_all_at(&id.to_le_bytes(), 0)
            .with_context(|| format!("writing {}", path.display()))?;
        Ok(BodyStore {
            path: path.to_path_buf(),
            file,
            id,
            end: Mutex::new(BODIES_HEADER),
            recover: None,
            damaged: Default::default(),
        })
    }

    /// Clean an article's seed again with `recover` when its stored body is damaged.
    pub fn recover_with(&mut self, recover: Recover) {
        self.recover = Some(recover);
    }

    /// Whether a damaged body was found (the cache is then not to be trusted).
    pub fn damaged(&self) -> bool {
        self.damaged.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Move `a`'s body into the store, leaving `a.stashed` pointing at it.
    pub fn stash(&self, a: &mut Article) -> Result<()> {
        let blocks = std::mem::take(&mut a.blocks);
        let body = Body {
            // A Markdown page shows its HTML; its blocks were only for cleaning and enriching.
            blocks: if a.body_html.is_some() {
                Vec::new()
            } else {
                blocks
            },
            body_html: a.body_html.take(),
            captions: std::mem::take(&mut a.captions),
            credits: std::mem::take(&mut a.credits),
            mention_sentences: std::mem::take(&mut a.derived.mention_sentences),
        };
        let bytes = bincode::serialize(&body)?;
        let len = u32::try_from(bytes.len()).context("an article body over 4 GB")?;
        let sum = crate::checksum::sum(&bytes).to_le_bytes();
        let offset = {
            let mut end = self.end.lock().unwrap_or_else(|p| p.into_inner());
            let offset = *end;
            *end += bytes.len() as u64 + BODY_SUM;
            offset
        };
        self.file
            .write_all_at(&bytes, offset)
            .and_then(|()| self.file.write_all_at(&sum, offset + bytes.len() as u64))
            .with_context(|| format!("writing {}", self.path.display()))?;
        a.stashed = Some(BodyRef { offset, len });
        Ok(())
    }

    /// The body stored at `(offset, len)`, when it reads back whole with its checksum.
    fn read_stored(&self, BodyRef { offset, len }: BodyRef) -> Option<Body> {
        let mut bytes = vec![0u8; len as usize + BODY_SUM as usize];
        self.file.read_exact_at(&mut bytes, offset).ok()?;
        let (body, sum) = bytes.split_at(len as usize);
        (crate::checksum::sum(body).to_le_bytes() == sum).then_some(())?;
        bincode::deserialize(body).ok()
    }

    /// `a`'s body: from the store, or, when what is stored there is damaged, from its
    /// seed cleaned again (noted once per build).
    fn read(&self, a: &Article, r: BodyRef) -> Result<Body> {
        if let Some(body) = self.read_stored(r) {
            return Ok(body);
        }
        if !self
            .damaged
            .swap(true, std::sync::atomic::Ordering::Relaxed)
        {
            crate::checksum::note(&self.path);
        }
        let full = self
            .recover
            .as_ref()
            .and_then(|recover| recover(a))
            .with_context(|| {
                format!(
                    "reading the body of {} from {} (damaged; delete the folder to rebuild it)",
                    a.source,
                    self.path.display()
                )
            })?;
        Ok(Body {
            blocks: full.blocks,
            body_html: full.body_html,
            captions: full.captions,
            credits: full.credits,
            mention_sentences: full.derived.mention_sentences,
        })
    }

    /// Rewrite the store with only the bodies of `articles` when dead bodies (of
    /// edited or removed seeds) take more room than live ones.
    /// True when it did (every body reference changed).
    pub(super) fn compact(&mut self, articles: &mut [Article]) -> Result<bool> {
        let live: u64 = articles
            .iter()
            .filter_map(|a| a.stashed)
            .map(|r| r.len as u64)
            .sum();
        let end = *self.end.lock().unwrap_or_else(|p| p.into_inner());
        if end - BODIES_HEADER <= 2 * (live + BODY_SUM * articles.len() as u64) + (1 << 20) {
            return Ok(false);
        }
        let tmp = self.path.with_extension("bin.tmp");
        let fresh = BodyStore::create(&tmp)?;
        for a in articles.iter_mut() {
            if let Some(BodyRef { offset, len }) = a.stashed {
                // With its checksum, damaged or not: a damaged body stays one.
                let mut bytes = vec![0u8; len as usize + BODY_SUM as usize];
                self.file.read_exact_at(&mut bytes, offset)?;
                let mut end = fresh.end.lock().unwrap_or_else(|p| p.into_inner());
                fresh.file.write_all_at(&bytes, *end)?;
                a.stashed = Some(BodyRef { offset: *end, len });
                *end += bytes.len() as u64;
            }
        }
        std::fs::rename(&tmp, &self.path)
            .with_context(|| format!("writing {}", self.path.display()))?;
        *self = BodyStore {
            path: self.path.clone(),
            recover: self.recover.take(),
            damaged: std::sync::atomic::AtomicBool::new(self.damaged()),
            ..fresh
        };
        Ok(true)
    }
}

impl Bodies for BodyStore {
    /// `a` with its body back (a copy, when the body was stashed).
    fn restore<'a>(&self, a: &'a Article) -> Result<Cow<'a, Article>> {
        let Some(r) = a.stashed else {
            return Ok(Cow::Borrowed(a));
        };
        let body = self.read(a, r)?;
        let mut full = a.clone();
        full.blocks = body.blocks;
        full.body_html = body.body_html;
        full.captions = body.captions;
        full.credits = body.credits;
        full.derived.mention_sentences = body.mention_sentences;
        full.stashed = None;
        Ok(Cow::Owned(full))
    }

    /// The sentences naming people of `a` (read back when its body is stashed).
    fn mention_sentences<'a>(&self, a: &'a Article) -> Result<Cow<'a, [String]>> {
        match a.stashed {
            Some(r) => Ok(Cow::Owned(self.read(a, r)?.mention_sentences)),
            None => Ok(Cow::Borrowed(&a.derived.mention_sentences)),
        }
    }
}
