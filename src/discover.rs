//! Discover: the only place that lists files.
//!
//! 1. Walk `seeds/` (following symlinks; loops are reported, not followed).
//! 2. Skip dot-files and dot-folders, sidecar `.toml` files and unknown extensions.
//! 3. Sort by path so every run sees the same order.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use walkdir::WalkDir;

use crate::model::SourceFormat;
use crate::Warning;

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

/// All seeds under `seeds_dir`, sorted by path, plus warnings for what could not be read.
pub fn discover(root: &Path, seeds_dir: &Path) -> Result<(Vec<SeedFile>, Vec<Warning>)> {
    if !seeds_dir.is_dir() {
        bail!(
            "{}: seeds folder not found (put your articles there, or set [site] seeds in book.toml)",
            seeds_dir.display()
        );
    }
    let mut seeds = Vec::new();
    let mut warnings = Vec::new();
    let mut tomls = std::collections::HashSet::new();
    let walker = WalkDir::new(seeds_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| seeds_dir.to_path_buf());
                let why = if err.loop_ancestor().is_some() {
                    "symlink loop, not followed".to_string()
                } else {
                    err.to_string()
                };
                warnings.push(Warning::new(&path, why));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
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
        }
    }
    for seed in &mut seeds {
        seed.sidecar = tomls.contains(&crate::overrides::sidecar_path(&seed.path));
    }
    seeds.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok((seeds, warnings))
}
