//! Write: the only module that writes the output tree, atomically and incrementally.
//!
//! 1. Refuse output paths that would destroy user data: the project root,
//!    the seeds folder (or anything inside it), `/`, or a path that is a file.
//! 2. Pages stream into a fresh staging folder beside the output as they are
//!    rendered (memory stays bounded: no page is kept once written). A page
//!    whose bytes equal the previous build's (same hash in the manifest) is
//!    hard-linked from the previous output instead of written again.
//! 3. Swap: move the old output aside, move the staging folder in, delete the
//!    old one, save the manifest. A failure before the swap leaves the previous
//!    site exactly as it was; files removed from the site leave nothing stale.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{bail, Context, Result};

use crate::render::OutputFile;

/// Where rendered files go: a staging folder on disk, or memory (check, serve).
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()>;
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
    fn put(&self, file: OutputFile) -> Result<()> {
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

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    // DefaultHasher::new() is SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// A build in progress: files stream into a staging folder beside the output.
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    retired: PathBuf,
    manifest_path: PathBuf,
    previous: HashMap<String, u64>,
    entries: Mutex<Vec<(String, u64)>>,
    html: Mutex<Vec<String>>,
    pub written: AtomicUsize,
    pub unchanged: AtomicUsize,
}

impl Staging {
    /// Start a build of `out`; `manifest_path` records each file's hash between builds.
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
        let retired = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .with_context(|| format!("removing stale {}", dir.display()))?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        // A manifest only describes the output it was written with.
        let previous = if out.is_dir() {
            std::fs::read(manifest_path)
                .ok()
                .and_then(|b| serde_json::from_slice::<HashMap<String, u64>>(&b).ok())
                .unwrap_or_default()
        } else {
            HashMap::new()
        };
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            retired,
            manifest_path: manifest_path.to_path_buf(),
            previous,
            entries: Mutex::new(Vec::new()),
            html: Mutex::new(Vec::new()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
        })
    }

    /// Swap the staging folder in and save the manifest.
    pub fn commit(self) -> Result<()> {
        let result = self.swap();
        if result.is_err() && self.dir.exists() {
            // Best effort: the previous site is untouched either way.
            let _ = std::fs::remove_dir_all(&self.dir);
            return result;
        }
        let mut entries = self.entries.into_inner().unwrap_or_else(|p| p.into_inner());
        entries.sort();
        let manifest: std::collections::BTreeMap<String, u64> = entries.into_iter().collect();
        if let Some(p) = self.manifest_path.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        std::fs::write(&self.manifest_path, serde_json::to_vec(&manifest)?)
            .with_context(|| format!("writing {}", self.manifest_path.display()))
    }

    /// Discard the staging folder (the build failed).
    pub fn abandon(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    fn swap(&self) -> Result<()> {
        if self.out.exists() {
            std::fs::rename(&self.out, &self.retired).with_context(|| {
                format!("moving the previous site {} aside", self.out.display())
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            if self.retired.exists() {
                let _ = std::fs::rename(&self.retired, &self.out);
            }
            return Err(e)
                .with_context(|| format!("moving the new site into {}", self.out.display()));
        }
        if self.retired.exists() {
            std::fs::remove_dir_all(&self.retired).with_context(|| {
                format!("removing the previous site {}", self.retired.display())
            })?;
        }
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) -> Result<()> {
        let rel = Path::new(&file.path);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            bail!(
                "refusing to write {}: path leaves the output folder (a bug in dossier)",
                file.path
            );
        }
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        let hash = content_hash(&file.bytes);
        let old = self.out.join(rel);
        let same = self.previous.get(&file.path) == Some(&hash);
        // Unchanged bytes: link the previous file instead of writing it again.
        if !(same && std::fs::hard_link(&old, &path).is_ok()) {
            std::fs::write(&path, &file.bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        } else {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        }
        if file.path.ends_with(".html") {
            self.html
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(file.path.clone());
        }
        self.entries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((file.path, hash));
        Ok(())
    }

    fn html_paths(&self) -> Vec<String> {
        self.html.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
