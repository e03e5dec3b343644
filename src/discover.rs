//! Discover: the only place that lists files.
//!
//! 1. Walk `seeds/`, following symlinks that stay inside the project root (or the
//!    seeds folder); a link that leads outside is reported and not followed, so no
//!    file from elsewhere on the machine is published. Loops are reported too.
//! 2. Skip dot-files and dot-folders, sidecar `.toml` files and unknown extensions.
//! 3. Leave out Hugo's headless bundles: a folder whose `index.md` or `_index.md`
//!    says `headless: true`, or `render: never` in its `build`/`_build` settings
//!    (itself or through `cascade`, as hugoDocs' `_common/` does), holds fragments
//!    other pages include, not articles.
//! 4. Sort by path so every run sees the same order.
//!
//! The other files under `seeds/` (images beside a seed, a page bundle's files, the
//! headless bundles) are listed too, in [`Found::others`]: the build copies the ones
//! articles link to, and a change to any of them is a change to the build's inputs.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use walkdir::WalkDir;

use crate::base::warning::Warning;
use crate::model::SourceFormat;

/// A seed file found on disk.
#[derive(Debug, Clone)]
pub struct SeedFile {
    pub path: PathBuf,
    /// Path relative to the project root, with forward slashes (for display and JSON).
    pub rel: String,
    pub format: SourceFormat,
    /// A sidecar (`<name>.toml`, see `overrides`) was listed beside it: the build
    /// then stats it too, and never looks for the sidecars of the seeds without one.
    pub sidecar: bool,
}

pub fn format_for(path: &Path) -> Option<SourceFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(SourceFormat::Text),
        "md" | "markdown" => Some(SourceFormat::Markdown),
        "html" | "htm" => Some(SourceFormat::Html),
        _ => None,
    }
}

/// Path relative to `root` with `/` separators; the path itself when outside `root`.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A Hugo/Zola section file (`_index.md`): the section's own page.
pub fn is_section_file(path: &Path) -> bool {
    path.file_stem().is_some_and(|s| s == "_index")
        && format_for(path) == Some(SourceFormat::Markdown)
}

/// The front matter of `dir/index.md` or `dir/_index.md` marks `dir` headless.
fn is_headless_bundle(dir: &Path) -> bool {
    ["index.md", "_index.md"].iter().any(|name| {
        let Ok(text) = std::fs::read_to_string(dir.join(name)) else {
            return false;
        };
        crate::front_matter::is_headless(&text)
    })
}

/// The sidecar path for a seed: `seeds/a/b.txt` -> `seeds/a/b.toml`.
pub fn sidecar_path(seed: &Path) -> PathBuf {
    seed.with_extension("toml")
}

/// What [`discover_all`] found under the seeds folder.
#[derive(Debug, Default)]
pub struct Found {
    pub seeds: Vec<SeedFile>,
    pub warnings: Vec<Warning>,
    /// Every other file (not a seed, a sidecar or a dot-file), sorted.
    pub others: Vec<PathBuf>,
}

/// All seeds under `seeds_dir`, sorted by path, warnings for what could not be read,
/// and the other files under the seeds folder (see the module notes).
pub fn discover_all(root: &Path, seeds_dir: &Path) -> Result<Found> {
    if !seeds_dir.is_dir() {
        bail!(
            "{}: seeds folder not found (put your articles there, or set [site] seeds in book.toml)",
            seeds_dir.display()
        );
    }
    let mut seeds = Vec::new();
    let mut tomls = std::collections::HashSet::new();
    let (entries, warnings) = walk_inside(root, seeds_dir, usize::MAX, true);
    let mut others = Vec::new();
    let mut headless: Vec<PathBuf> = Vec::new();
    for entry in entries {
        if entry.file_type().is_dir() && entry.depth() > 0 && is_headless_bundle(entry.path()) {
            headless.push(entry.path().to_path_buf());
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if headless.iter().any(|h| path.starts_with(h)) {
            others.push(path.to_path_buf());
            continue;
        }
        if path.extension().is_some_and(|e| e == "toml") {
            tomls.insert(path.to_path_buf());
        }
        if let Some(format) = format_for(path) {
            seeds.push(SeedFile {
                rel: relative(root, path),
                path: path.to_path_buf(),
                format,
                sidecar: false,
            });
        } else if path.extension().is_none_or(|e| e != "toml") {
            others.push(path.to_path_buf());
        }
    }
    for seed in &mut seeds {
        seed.sidecar = tomls.contains(&sidecar_path(&seed.path));
    }
    seeds.sort_by(|a, b| a.rel.cmp(&b.rel));
    others.sort();
    Ok(Found {
        seeds,
        warnings,
        others,
    })
}

/// Walk `dir` (to `max_depth`, in name order), following the symlinks that resolve
/// inside `root` or `dir`. A link that leads outside both is not followed and comes
/// back as a warning naming it, as do loops and entries that cannot be read.
/// `hidden`: leave out dot-names (and what is under dot-folders).
pub fn walk_inside(
    root: &Path,
    dir: &Path,
    max_depth: usize,
    hidden: bool,
) -> (Vec<walkdir::DirEntry>, Vec<Warning>) {
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let (root_c, dir_c) = (canonical(root), canonical(dir));
    let mut outside = Vec::new();
    let mut warnings = Vec::new();
    let mut entries = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .max_depth(max_depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if hidden && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            if !e.path_is_symlink() {
                return true;
            }
            // A dangling link passes here: the walk reports it.
            match e.path().canonicalize() {
                Ok(target) if !target.starts_with(&root_c) && !target.starts_with(&dir_c) => {
                    outside.push(Warning::new(
                        e.path(),
                        "symbolic link to a path outside the project root: not followed"
                            .to_string(),
                    ));
                    false
                }
                _ => true,
            }
        });
    for entry in walker {
        match entry {
            Ok(e) => entries.push(e),
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                let why = if err.loop_ancestor().is_some() {
                    "symlink loop, not followed".to_string()
                } else {
                    err.to_string()
                };
                warnings.push(Warning::new(&path, why));
            }
        }
    }
    warnings.extend(outside);
    warnings.sort_by(|a, b| a.path.cmp(&b.path));
    (entries, warnings)
}

/// The user's static files under `dir` (`<root>/static`) that a build copies (files,
/// not dot-names), in name order; none when there is no such folder. Symlinks are
/// followed only where they stay inside the project root (see
/// [`walk_inside`]; `render::asset_warnings` reports the others). Listed here, with
/// the seeds, because the renderer copies them and `uptodate` stamps them.
pub fn user_static_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let root = dir.parent().unwrap_or(dir);
    let (entries, _) = walk_inside(root, dir, usize::MAX, false);
    Ok(entries
        .into_iter()
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.into_path())
        .collect())
}
