//! Write: the only module that writes the output tree, atomically and incrementally.
//!
//! 1. Refuse output paths that would destroy user data: the project root,
//!    the seeds folder (or anything inside it), `/`, a path that is a file, or a
//!    non-empty folder dossier did not write (no manifest of its own for it) unless
//!    the build is forced ([`check_ownership`]).
//! 2. Sweep what killed builds left beside the output (`.<name>.dossier-*`).
//! 3. Stage: the new site is built whole in a hidden sibling folder,
//!    `<parent>/.<name>.dossier-stage-<pid>`, made from the folder tree the last
//!    build swapped out (`.<name>.dossier-back`, emptied of files). Pages stream to it as they are
//!    rendered (memory stays bounded). The manifest of the previous build records
//!    each file's hash and the hash of what it was rendered from: a page rendered
//!    from the same inputs is not rendered again ([`Sink::keep`]), and a file whose
//!    bytes equal the previous build's is hard-linked from the live folder rather
//!    than written, so a rebuild costs the files that changed plus one link per file.
//!    Files in the output that dossier did not write (no manifest lists them) are
//!    linked into the stage too: a build replaces only what dossier wrote.
//! 4. Commit: the new manifest is saved as pending, the stage and the live folder
//!    swap names in one `renameat2(RENAME_EXCHANGE)` (where the file system lacks
//!    it: two renames, with a moment in which the output folder does not exist),
//!    the pending manifest becomes the manifest, and the previous site (now under
//!    the stage's name) is kept as `.<name>.dossier-back` for the next build.
//!
//! So the output folder is at every instant the whole previous site or the whole
//! new one, and no work file is ever inside it. A build killed at any moment
//! leaves at most a hidden sibling folder, which the next build sweeps; one killed
//! between the swap and the manifest's rename leaves the pending manifest, and the
//! next build then trusts neither manifest for reuse and writes every file afresh
//! (`scripts/kill-test` kills rebuilds at random moments and checks all of this).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

pub use crate::base::output::{OutputFile, Sink};

mod fs;
mod manifest;

use fs::{
    back_name, exchange, exchange_unsupported, link_or_copy, live_path, prune_empty,
    relative_files, remove_tree, reuse_back, sweep,
};
use manifest::{is_work_file, pending_path};
pub(crate) use manifest::{read_manifest, write_manifest, ManifestEntry, MARKER};

/// Collects files in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Vec<OutputFile>>,
}

impl MemorySink {
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for MemorySink {
    fn put_keyed(&self, file: OutputFile, _key: Option<u64>) -> Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(file);
        Ok(())
    }
    fn html_paths(&self) -> Vec<String> {
        let files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files
            .iter()
            .filter(|f| f.path.ends_with(".html"))
            .map(|f| f.path.clone())
            .collect()
    }
}

/// Check that `out` is a folder dossier may replace wholesale.
pub fn check_output_path(out: &Path, root: &Path, seeds: &Path) -> Result<()> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve `..` and symlinks where the path exists, so `seeds/../seeds` is caught.
        p.canonicalize().unwrap_or_else(|_| normalise(&p))
    };
    let (o, r, s) = (abs(out), abs(root), abs(seeds));
    if o.parent().is_none() {
        bail!(
            "{}: refusing to use the filesystem root as the output folder",
            out.display()
        );
    }
    if o == r {
        bail!(
            "{}: refusing to use the project root as the output folder (it would be replaced)",
            out.display()
        );
    }
    if o.starts_with(&s) || s.starts_with(&o) {
        bail!(
            "{}: the output folder must not contain or be inside the seeds folder {}",
            out.display(),
            seeds.display()
        );
    }
    if out.exists() && !out.is_dir() {
        bail!("{}: output path exists and is not a folder", out.display());
    }
    Ok(())
}

/// Lexically resolve `.` and `..` (for paths that do not exist yet).
fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Refuse an output folder that holds files but that dossier never built (it has no
/// manifest in this project's cache): building there would replace someone's files.
/// `force` takes such a folder over: its files are kept, except those the site
/// itself writes.
pub fn check_ownership(out: &Path, manifest_path: &Path, force: bool) -> Result<()> {
    let out = live_path(out);
    let non_empty = match std::fs::read_dir(&out) {
        Ok(mut entries) => entries.next().is_some(),
        Err(_) => false,
    };
    let ours = manifest_path.exists() || pending_path(manifest_path).exists();
    if non_empty && !ours && !force {
        bail!(
            "{}: the output folder is not empty and dossier did not build it (no manifest \
             for it in this project's .dossier-cache); refusing to replace its files. Use an \
             empty or new folder, or pass --force to build into it (files the site does not \
             write are kept)",
            out.display()
        );
    }
    Ok(())
}

/// A build in progress: the new site is staged whole in a sibling of the output.
pub struct Staging {
    out: PathBuf,
    /// `<parent>/.<name>.dossier-stage-<pid>`: the new site, then (after the swap) the old.
    stage: PathBuf,
    /// Where the previous site's folders wait for the next build (see [`reuse_back`]).
    back: PathBuf,
    manifest_path: PathBuf,
    /// The previous build's manifest, when it describes the live folder for sure.
    previous: HashMap<String, ManifestEntry>,
    /// Every file a build of dossier's may have left in the live folder (both
    /// manifests, after a kill between the swap and the manifest's rename).
    owned: std::collections::HashSet<String>,
    /// The previous build's input hashes of the files still in the output.
    prior: HashMap<String, u64>,
    /// `prior` by input hash (made on the first [`Sink::keep_moved`]).
    prior_by_key: std::sync::OnceLock<HashMap<u64, String>>,
    entries: Mutex<Vec<(String, ManifestEntry)>>,
    html: Mutex<Vec<String>>,
    pub written: AtomicUsize,
    pub unchanged: AtomicUsize,
}

impl Staging {
    /// Start a build of `out`; `manifest_path` records each file's hashes between builds.
    pub fn new(out: &Path, manifest_path: &Path) -> Result<Staging> {
        let out = live_path(out);
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("creating {}", parent.display()))?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        sweep(&parent, &name)?;
        // The spare files of the in-place rebuilds of older versions.
        let _ = std::fs::remove_dir_all(manifest_path.with_extension("spare"));
        let stage = parent.join(format!(".{name}.dossier-stage-{}", std::process::id()));
        let back = parent.join(back_name(&name));
        if !reuse_back(&back, &stage) {
            remove_tree(&back).with_context(|| format!("removing {}", back.display()))?;
            std::fs::create_dir(&stage).with_context(|| format!("creating {}", stage.display()))?;
        }
        let read = read_manifest(manifest_path);
        // A manifest that is there but fails its checksum no longer says which files
        // are dossier's. The folder had one, so dossier built it: everything in it is
        // taken as dossier's (a file added by hand is lost in this one case, rather
        // than deleted articles staying published), and nothing is reused.
        let damaged = read.is_none() && manifest_path.exists();
        let manifest = read.unwrap_or_default();
        // A pending manifest: the last build was killed around its swap, so which of
        // the two manifests describes the live folder is unknown. Trust neither for
        // reuse (every file is written afresh), but both say which files are dossier's.
        let pending = read_manifest(&pending_path(manifest_path));
        let mut owned: std::collections::HashSet<String> = manifest.keys().cloned().collect();
        if damaged {
            owned.extend(relative_files(&out));
        }
        let previous = match pending {
            Some(p) => {
                owned.extend(p.into_keys());
                HashMap::new()
            }
            None if out.is_dir() && !damaged => manifest,
            None => HashMap::new(),
        };
        let prior = {
            use rayon::prelude::*;
            previous
                .par_iter()
                .filter(|(_, e)| e.1 != 0)
                .filter(|(p, _)| checked(p).is_ok_and(|rel| out.join(rel).is_file()))
                .map(|(p, e)| (p.clone(), e.1))
                .collect()
        };
        Ok(Staging {
            out,
            stage,
            back,
            manifest_path: manifest_path.to_path_buf(),
            previous,
            owned,
            prior,
            prior_by_key: std::sync::OnceLock::new(),
            entries: Mutex::new(Vec::new()),
            html: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// The input hash of each file the previous build recorded one for and that is
    /// still in the output (empty on a first build): see `render::Renderer::remember`.
    pub fn prior(&self) -> HashMap<String, u64> {
        self.prior.clone()
    }

    /// Carry the files dossier did not write over, swap the new site in, save the
    /// manifest and remove the previous site.
    pub fn commit(self) -> Result<()> {
        prune_empty(&self.stage);
        if let Err(e) = self.carry_over() {
            self.abandon();
            return Err(e);
        }
        let mut entries = std::mem::take(&mut *lock(&self.entries));
        entries.sort();
        let manifest: std::collections::BTreeMap<String, ManifestEntry> =
            entries.into_iter().collect();
        let pending = pending_path(&self.manifest_path);
        let saved = write_manifest(&pending, &manifest);
        if let Err(e) = saved.and_then(|()| self.swap()) {
            let _ = std::fs::remove_file(&pending);
            self.abandon();
            return Err(e);
        }
        std::fs::rename(&pending, &self.manifest_path).with_context(|| {
            format!(
                "moving {} to {}",
                pending.display(),
                self.manifest_path.display()
            )
        })?;
        // The previous site, now under the stage's name, becomes the next build's
        // stage. The new one is live by now, so a failure here is not the build's.
        self.set_back();
        Ok(())
    }

    /// Discard what this build wrote (it failed): the previous site is as it was.
    pub fn abandon(self) {
        self.set_back();
    }

    /// Keep the stage's folders for the next build, or remove it (the next build
    /// sweeps it if that fails too).
    fn set_back(&self) {
        if std::fs::rename(&self.stage, &self.back).is_err() {
            let _ = remove_tree(&self.stage);
        }
    }

    /// Link into the stage every file of the live folder that dossier did not write
    /// and that the new site does not replace.
    fn carry_over(&self) -> Result<()> {
        if !self.out.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&self.out)
            .follow_links(false)
            .sort_by_file_name()
            .min_depth(1)
        {
            let entry = entry.with_context(|| format!("reading {}", self.out.display()))?;
            if entry.file_type().is_dir() {
                continue;
            }
            let rel = crate::discover::relative(&self.out, entry.path());
            if self.owned.contains(&rel) || is_work_file(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let to = self.stage.join(&rel);
            if to.symlink_metadata().is_ok() {
                continue;
            }
            if let Some(p) = to.parent() {
                // A folder of the new site's where the user has a file: the site wins.
                if std::fs::create_dir_all(p).is_err() {
                    continue;
                }
            }
            if entry.file_type().is_symlink() {
                let target = std::fs::read_link(entry.path())
                    .with_context(|| format!("reading {}", entry.path().display()))?;
                std::os::unix::fs::symlink(&target, &to)
                    .with_context(|| format!("linking {}", to.display()))?;
            } else {
                link_or_copy(entry.path(), &to)?;
            }
        }
        Ok(())
    }

    /// The whole new site is in the stage: swap it with the live folder.
    fn swap(&self) -> Result<()> {
        let named = || {
            format!(
                "moving the new site {} into {}",
                self.stage.display(),
                self.out.display()
            )
        };
        if self.out.symlink_metadata().is_err() {
            return std::fs::rename(&self.stage, &self.out).with_context(named);
        }
        match exchange(&self.stage, &self.out) {
            Ok(()) => Ok(()),
            Err(e) if exchange_unsupported(&e) => {
                // Two renames: the output folder is missing between them.
                let mut aside = self.stage.as_os_str().to_os_string();
                aside.push("-old");
                let aside = PathBuf::from(aside);
                std::fs::rename(&self.out, &aside).with_context(|| {
                    format!("moving the previous site {} aside", self.out.display())
                })?;
                if let Err(e) = std::fs::rename(&self.stage, &self.out) {
                    let _ = std::fs::rename(&aside, &self.out);
                    return Err(e).with_context(named);
                }
                // Where the commit looks for the previous site.
                std::fs::rename(&aside, &self.stage).with_context(named)
            }
            Err(e) => Err(e).with_context(named),
        }
    }

    fn record(&self, path: String, entry: ManifestEntry) {
        if path.ends_with(".html") {
            lock(&self.html).push(path.clone());
        }
        lock(&self.entries).push((path, entry));
    }

    /// Put the live folder's `rel` into the stage unchanged (a hard link).
    fn link_live(&self, rel: &Path) -> Result<()> {
        self.link_live_to(rel, rel)
    }

    /// Put the live folder's `from` into the stage at `rel` (a hard link).
    fn link_live_to(&self, from: &Path, rel: &Path) -> Result<()> {
        let to = self.stage.join(rel);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        link_or_copy(&self.out.join(from), &to)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Refuse paths that would leave the output folder.
fn checked(path: &str) -> Result<&Path> {
    let rel = Path::new(path);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        bail!("refusing to write {path}: path leaves the output folder (a bug in dossier)");
    }
    Ok(rel)
}

impl Sink for Staging {
    fn put_keyed(&self, file: OutputFile, key: Option<u64>) -> Result<()> {
        let rel = checked(&file.path)?;
        let hash = crate::base::hash::hash_bytes(&[&file.bytes]);
        let same = self.previous.get(&file.path).map(|e| e.0) == Some(hash);
        // A file whose bytes did not change is linked from the live folder.
        if same && self.out.join(rel).is_file() && self.link_live(rel).is_ok() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            let path = self.stage.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
            }
            std::fs::write(&path, &file.bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.record(file.path, (hash, key.unwrap_or(0)));
        Ok(())
    }

    fn keep(&self, path: &str, key: u64) -> Result<bool> {
        // `prior` holds only the files still in the output, with their recorded input hash.
        if key == 0 || self.prior.get(path) != Some(&key) {
            return Ok(false);
        }
        let Some(&(hash, _)) = self.previous.get(path) else {
            return Ok(false);
        };
        if self.link_live(checked(path)?).is_err() {
            return Ok(false);
        }
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.record(path.to_string(), (hash, key));
        Ok(true)
    }

    fn keep_moved(&self, path: &str, key: u64) -> Result<bool> {
        if self.keep(path, key)? {
            return Ok(true);
        }
        if key == 0 {
            return Ok(false);
        }
        let by_key = self.prior_by_key.get_or_init(|| {
            let mut m: HashMap<u64, String> = HashMap::new();
            for (p, &k) in &self.prior {
                // Files with one key have the same bytes; the first path, for a stable pick.
                m.entry(k)
                    .and_modify(|q| {
                        if p < q {
                            q.clone_from(p)
                        }
                    })
                    .or_insert_with(|| p.clone());
            }
            m
        });
        let Some(from) = by_key.get(&key) else {
            return Ok(false);
        };
        let Some(&(hash, _)) = self.previous.get(from) else {
            return Ok(false);
        };
        if self.link_live_to(checked(from)?, checked(path)?).is_err() {
            return Ok(false);
        }
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.record(path.to_string(), (hash, key));
        Ok(true)
    }

    fn html_paths(&self) -> Vec<String> {
        lock(&self.html).clone()
    }
}
