//! Write: the only module that writes the output tree, atomically and incrementally.
//!
//! 1. Refuse output paths that would destroy user data: the project root,
//!    the seeds folder (or anything inside it), `/`, or a path that is a file.
//! 2. Pages stream to disk as they are rendered (memory stays bounded: no page
//!    is kept once written). The manifest of the previous build records each
//!    file's hash and the hash of what it was rendered from: a page rendered from
//!    the same inputs is kept without being rendered ([`Sink::keep`]), and one
//!    whose bytes equal the previous build's is not written again.
//! 3. Commit. First build (or no usable manifest): the whole site is written to a
//!    staging folder beside the output, which is then renamed into place.
//!    Rebuild: each changed file is written beside the one it replaces, under a
//!    hidden temporary name (`.index.html.dossier-new`); at the commit each file
//!    replaced or removed is renamed aside (`.dossier-old`), the new ones are
//!    renamed in, and the set-aside files are emptied and kept in the build cache
//!    as spares, which the next rebuild renames into place and writes over.
//!    Renames create no folders and allocate no inodes, so a rebuild costs the
//!    files that changed, not a copy of their folder tree (nor ext4's long search
//!    for a free inode after thousands were freed); any failure renames everything back.
//!    Either way, a failure before the commit leaves the previous site exactly as
//!    it was (the temporary files and any folder made for them are removed), files
//!    removed from the site leave nothing stale (nor empty folders), and the
//!    manifest is saved last. A rebuild killed (or failed) mid-commit leaves its
//!    marker, and the next build replaces that output whole, as a first build does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

use crate::render::OutputFile;

/// Where rendered files go: a staging folder on disk, or memory (check, serve).
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.put_keyed(file, None)
    }
    /// Put a file rendered from inputs whose hash is `key` (see [`Sink::keep`]).
    fn put_keyed(&self, file: OutputFile, key: Option<u64>) -> Result<()>;
    /// Keep `path` as the previous build wrote it if that build rendered it from
    /// inputs with the same hash `key`; false (render it) when there is no such file.
    fn keep(&self, _path: &str, _key: u64) -> Result<bool> {
        Ok(false)
    }
    /// Paths of the HTML pages put so far (for the sitemap).
    fn html_paths(&self) -> Vec<String>;
}

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

/// What the manifest records per file: the hash of its bytes and of the inputs it was
/// rendered from (0: not recorded).
pub(crate) type ManifestEntry = (u64, u64);

/// The manifest at `path` (file -> [`ManifestEntry`]); `None` when absent or
/// unreadable, and when its checksum fails (noted: a manifest with one path
/// damaged would leave that file in the output for good), so the output is then
/// replaced whole, as on a first build.
pub(crate) fn read_manifest(path: &Path) -> Option<HashMap<String, ManifestEntry>> {
    let sealed = std::fs::read(path).ok()?;
    let Some(json) = crate::checksum::open(&sealed) else {
        crate::checksum::note(path);
        return None;
    };
    serde_json::from_slice(json).ok()
}

/// Save the manifest at `path`, sealed with its checksum (see [`read_manifest`]).
pub(crate) fn write_manifest(
    path: &Path,
    manifest: &std::collections::BTreeMap<String, ManifestEntry>,
) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
    }
    let sealed = crate::checksum::seal(serde_json::to_vec(manifest)?);
    std::fs::write(path, sealed).with_context(|| format!("writing {}", path.display()))
}

/// A build in progress: files stream into a staging folder beside the output (first
/// build) or beside the files they replace (rebuild).
pub struct Staging {
    out: PathBuf,
    /// First build: the staging folder that becomes the output.
    dir: PathBuf,
    manifest_path: PathBuf,
    previous: HashMap<String, ManifestEntry>,
    /// The previous build's input hashes of the files still in the output.
    prior: HashMap<String, u64>,
    /// Rebuild in place: only changed files are written, under temporary names.
    in_place: bool,
    entries: Mutex<Vec<(String, ManifestEntry)>>,
    /// In place: the files written under temporary names, to rename in at the commit.
    staged: Mutex<Vec<String>>,
    /// In place: files whose folder is a file in the output now (a file replaced by a
    /// folder of the same name), written to the staging folder and moved in at the
    /// commit, once that file is out of the way.
    deferred: Mutex<Vec<String>>,
    /// In place: folders made for new files (removed again if the build fails).
    made: Mutex<Vec<PathBuf>>,
    /// Files replaced by earlier rebuilds, kept in the build cache to be written
    /// over as this build's temporary files (see [`Staging::temporary_file`]).
    spare_dir: PathBuf,
    spares: Mutex<Vec<PathBuf>>,
    html: Mutex<Vec<String>>,
    pub written: AtomicUsize,
    pub unchanged: AtomicUsize,
}

/// Spare files kept at most (see [`Staging::retire`]).
const SPARES: usize = 4096;

/// Marks an output whose rebuild has not committed yet (see the module docs).
pub(crate) const MARKER: &str = ".dossier-incomplete";

/// `rel`'s temporary name beside it: `tag` "new" (the file to move in) or "old" (set aside).
fn beside(out: &Path, rel: &str, tag: &str) -> PathBuf {
    let path = out.join(rel);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.dossier-{tag}"))
}

impl Staging {
    /// Start a build of `out`; `manifest_path` records each file's hashes between builds.
    pub fn new(out: &Path, manifest_path: &Path) -> Result<Staging> {
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
        let dir = parent.join(format!(".{name}.dossier-new-{}", std::process::id()));
        // Beside the manifest, in the build cache: the output folder stays clean.
        let spare_dir = manifest_path.with_extension("spare");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("removing stale {}", dir.display()))?;
        }
        // A manifest only describes the output it was written with, and not one that
        // a killed or failed rebuild may have left half-updated (its marker is still
        // there): that output is replaced whole, as on a first build.
        let interrupted = out.join(MARKER).exists();
        let previous: HashMap<String, ManifestEntry> = if out.is_dir() && !interrupted {
            read_manifest(manifest_path).unwrap_or_default()
        } else {
            HashMap::new()
        };
        let in_place = !previous.is_empty();
        if in_place {
            std::fs::write(out.join(MARKER), b"")
                .with_context(|| format!("writing {}", out.join(MARKER).display()))?;
        } else {
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let spares: Vec<PathBuf> = match (in_place, std::fs::read_dir(&spare_dir)) {
            (true, Ok(entries)) => entries
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                .map(|e| e.path())
                .collect(),
            _ => Vec::new(),
        };
        let prior = if in_place {
            use rayon::prelude::*;
            previous
                .par_iter()
                .filter(|(_, e)| e.1 != 0)
                .filter(|(p, _)| checked(p).is_ok_and(|rel| out.join(rel).is_file()))
                .map(|(p, e)| (p.clone(), e.1))
                .collect()
        } else {
            HashMap::new()
        };
        Ok(Staging {
            out: out.to_path_buf(),
            in_place,
            dir,
            manifest_path: manifest_path.to_path_buf(),
            previous,
            prior,
            entries: Mutex::new(Vec::new()),
            staged: Mutex::new(Vec::new()),
            deferred: Mutex::new(Vec::new()),
            made: Mutex::new(Vec::new()),
            spare_dir,
            spares: Mutex::new(spares),
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

    /// Move the new files in and save the manifest.
    pub fn commit(self) -> Result<()> {
        let mut entries = std::mem::take(&mut *lock(&self.entries));
        // In place: whether the output holds nothing of this build's but the site (a
        // first build's staging folder never leaves anything behind).
        let tidy = if self.in_place {
            match self.update_in_place(&entries) {
                Ok(tidy) => tidy,
                Err((e, undone)) => {
                    self.remove_staged();
                    // Put back as it was: the manifest still describes it. If not, the
                    // marker stays and the next build replaces the output whole.
                    if undone {
                        let _ = std::fs::remove_file(self.out.join(MARKER));
                    }
                    return Err(e);
                }
            }
        } else {
            let result = self.swap();
            let _ = std::fs::remove_dir_all(&self.dir);
            result?;
            true
        };
        let _ = std::fs::remove_dir_all(&self.dir);
        entries.sort();
        let manifest: std::collections::BTreeMap<String, ManifestEntry> =
            entries.into_iter().collect();
        write_manifest(&self.manifest_path, &manifest)?;
        if tidy {
            let _ = std::fs::remove_file(self.out.join(MARKER));
        }
        Ok(())
    }

    /// Discard what this build wrote (it failed): the previous site is as it was.
    pub fn abandon(self) {
        if self.in_place {
            self.remove_staged();
            let _ = std::fs::remove_file(self.out.join(MARKER));
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// In place: delete the temporary files written and the folders made for them.
    fn remove_staged(&self) {
        for rel in lock(&self.staged).iter() {
            let _ = std::fs::remove_file(beside(&self.out, rel, "new"));
        }
        let mut made = std::mem::take(&mut *lock(&self.made));
        // Deepest first, so a folder is empty by the time it is removed.
        made.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
        for d in made {
            let _ = std::fs::remove_dir(d);
        }
    }

    /// The whole new site is in the staging folder: swap it in.
    fn swap(&self) -> Result<()> {
        let mut retired = self.dir.clone().into_os_string();
        retired.push("-retired");
        let retired = PathBuf::from(retired);
        if retired.exists() {
            std::fs::remove_dir_all(&retired)
                .with_context(|| format!("removing stale {}", retired.display()))?;
        }
        if self.out.exists() {
            std::fs::rename(&self.out, &retired).with_context(|| {
                format!("moving the previous site {} aside", self.out.display())
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if retired.exists() {
                let _ = std::fs::rename(&retired, &self.out);
            }
            return Err(e)
                .with_context(|| format!("moving the new site into {}", self.out.display()));
        }
        if retired.exists() {
            std::fs::remove_dir_all(&retired)
                .with_context(|| format!("removing the previous site {}", retired.display()))?;
        }
        Ok(())
    }

    /// Only changed files were written, each beside the file it replaces: rename the
    /// files replaced or removed aside, rename the new ones in; on any failure, undo.
    /// True when nothing set aside is left in the output (see [`Staging::retire`]).
    /// On failure: the error, and whether every rename was undone.
    fn update_in_place(
        &self,
        entries: &[(String, ManifestEntry)],
    ) -> std::result::Result<bool, (anyhow::Error, bool)> {
        let mut staged = lock(&self.staged).clone();
        staged.sort();
        let mut deferred = lock(&self.deferred).clone();
        deferred.sort();
        let kept: std::collections::HashSet<&str> =
            entries.iter().map(|(p, _)| p.as_str()).collect();
        let mut removed: Vec<&String> = self
            .previous
            .keys()
            .filter(|p| !kept.contains(p.as_str()))
            .collect();
        removed.sort();
        // (from, to) of every rename made, to undo them in reverse on failure.
        let mut moves: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut run = || -> Result<()> {
            for rel in staged
                .iter()
                .chain(&deferred)
                .chain(removed.iter().copied())
            {
                let old = self.out.join(rel);
                if old.symlink_metadata().is_ok() {
                    let aside = beside(&self.out, rel, "old");
                    rename(&old, &aside)?;
                    moves.push((old, aside));
                }
            }
            for rel in &staged {
                let (from, to) = (beside(&self.out, rel, "new"), self.out.join(rel));
                rename(&from, &to)?;
                moves.push((from, to));
            }
            for rel in &deferred {
                let (from, to) = (self.dir.join(rel), self.out.join(rel));
                if let Some(p) = to.parent() {
                    std::fs::create_dir_all(p)
                        .with_context(|| format!("creating {}", p.display()))?;
                }
                rename(&from, &to)?;
                moves.push((from, to));
            }
            Ok(())
        };
        if let Err(e) = run() {
            let mut undone = true;
            for (from, to) in moves.iter().rev() {
                undone &= std::fs::rename(to, from).is_ok();
            }
            return Err((e, undone));
        }
        let tidy = self.retire(
            staged
                .iter()
                .chain(&deferred)
                .chain(removed.iter().copied())
                .map(|rel| beside(&self.out, rel, "old")),
        );
        // Folders a removed page leaves empty go too, as a clean build would not have them.
        for rel in &removed {
            let mut dir = self.out.join(rel.as_str());
            while dir.pop() && dir != self.out && std::fs::remove_dir(&dir).is_ok() {}
        }
        Ok(tidy)
    }

    /// Delete the files set aside by the commit, or keep up to [`SPARES`] of them
    /// in the build cache for the next rebuild to write over: creating a file costs
    /// ext4 an inode, and it searches long for one when thousands were freed in the
    /// last minute (a rebuild every few seconds, as `serve` or a script does).
    /// The new site is in place by now, so a failure here is not the build's: the
    /// result says whether every set-aside file left the output (if not, the
    /// marker stays and the next build sweeps them).
    fn retire(&self, aside: impl Iterator<Item = PathBuf>) -> bool {
        let mut spares = lock(&self.spares);
        let mut room = SPARES.saturating_sub(spares.len());
        let mut n = 0usize;
        let mut tidy = true;
        for old in aside {
            if old.symlink_metadata().is_err() {
                continue;
            }
            if room > 0 && !old.is_dir() && std::fs::create_dir_all(&self.spare_dir).is_ok() {
                // A free name: spares are numbered, and some may still be there.
                let spare = loop {
                    n += 1;
                    let p = self.spare_dir.join(n.to_string());
                    if p.symlink_metadata().is_err() {
                        break p;
                    }
                };
                if std::fs::rename(&old, &spare).is_ok() {
                    // Emptied, so spares cost inodes, not disk space.
                    let _ = std::fs::File::options()
                        .write(true)
                        .open(&spare)
                        .and_then(|f| f.set_len(0));
                    room -= 1;
                    spares.push(spare);
                    continue;
                }
            }
            // A folder set aside (a file took its place) goes whole.
            let removed = if old.is_dir() {
                std::fs::remove_dir_all(&old)
            } else {
                std::fs::remove_file(&old)
            };
            tidy &= removed.is_ok();
        }
        tidy
    }

    /// A file to write `rel`'s new bytes to (in place): a spare renamed there if
    /// there is one (its inode reused: the write truncates it), else a new file.
    fn temporary_file(&self, rel: &str) -> Result<PathBuf> {
        let path = beside(&self.out, rel, "new");
        if let Some(p) = path.parent() {
            self.make_dir(p)?;
        }
        let spare = lock(&self.spares).pop();
        if let Some(spare) = spare {
            // A spare that cannot be moved (another file system, gone) is just not used.
            let _ = std::fs::rename(&spare, &path);
        }
        Ok(path)
    }

    fn record(&self, path: String, entry: ManifestEntry) {
        if path.ends_with(".html") {
            lock(&self.html).push(path.clone());
        }
        lock(&self.entries).push((path, entry));
    }

    /// In place: make `dir` (and any missing parents), noting each folder made.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        if dir.is_dir() {
            return Ok(());
        }
        let mut missing = dir.to_path_buf();
        let mut made = Vec::new();
        while !missing.exists() && missing != self.out {
            made.push(missing.clone());
            if !missing.pop() {
                break;
            }
        }
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        lock(&self.made).extend(made);
        Ok(())
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Rename `from` to `to` (in the same folder).
fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to)
        .with_context(|| format!("moving {} to {}", from.display(), to.display()))
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
        let hash = crate::hash_bytes(&[&file.bytes]);
        let same = self.previous.get(&file.path).map(|e| e.0) == Some(hash);
        // In place, a file whose bytes did not change stays where it is.
        if self.in_place && same && self.out.join(rel).is_file() {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            let beside_old = if self.in_place {
                self.temporary_file(&file.path).ok()
            } else {
                None
            };
            let path = if let Some(path) = beside_old {
                lock(&self.staged).push(file.path.clone());
                path
            } else {
                if self.in_place {
                    lock(&self.deferred).push(file.path.clone());
                }
                let path = self.dir.join(rel);
                if let Some(p) = path.parent() {
                    std::fs::create_dir_all(p)
                        .with_context(|| format!("creating {}", p.display()))?;
                }
                path
            };
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
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.record(path.to_string(), (hash, key));
        Ok(true)
    }

    fn html_paths(&self) -> Vec<String> {
        lock(&self.html).clone()
    }
}
