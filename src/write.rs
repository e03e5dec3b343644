//! Write: the only module that writes the output tree, and it does so atomically.
//!
//! 1. Refuse output paths that would destroy user data: the project root,
//!    the seeds folder (or anything inside it), `/`, or a path that is a file.
//! 2. Write every page into a fresh temporary folder beside the output.
//! 3. Swap: move the old output aside, move the new one in, delete the old.
//!    A failure before the swap leaves the previous site exactly as it was.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::render::OutputFile;

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

/// Write `files` as the new contents of `out`, atomically.
pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.dossier-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.dossier-old-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)
            .with_context(|| format!("removing stale {}", staging.display()))?;
    }
    let result = write_tree(&staging, files).and_then(|()| swap(out, &staging, &retired));
    if result.is_err() && staging.exists() {
        // Best effort: the previous site is untouched either way.
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<()> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for f in files {
        let rel = Path::new(&f.path);
        if rel.is_absolute()
            || rel
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            bail!(
                "refusing to write {}: path leaves the output folder (a bug in dossier)",
                f.path
            );
        }
        let path = dir.join(rel);
        if let Some(p) = path.parent() {
            std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
        }
        std::fs::write(&path, &f.bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn swap(out: &Path, staging: &Path, retired: &Path) -> Result<()> {
    if out.exists() {
        std::fs::rename(out, retired)
            .with_context(|| format!("moving the previous site {} aside", out.display()))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if retired.exists() {
            let _ = std::fs::rename(retired, out);
        }
        return Err(e).with_context(|| format!("moving the new site into {}", out.display()));
    }
    if retired.exists() {
        std::fs::remove_dir_all(retired)
            .with_context(|| format!("removing the previous site {}", retired.display()))?;
    }
    Ok(())
}
