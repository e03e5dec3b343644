//! Static assets: the built-in CSS and scripts embedded in the binary, syntect's
//! highlighting CSS, then the user's `static/` files, which win file by file.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{OutputFile, Renderer};

/// Built-in static files: (path under the output, bytes).
pub const BUILTIN_STATIC: &[(&str, &str)] = &[
    ("static/style.css", include_str!("../../static/style.css")),
    ("static/search.js", include_str!("../../static/search.js")),
    ("static/theme.js", include_str!("../../static/theme.js")),
    (
        "static/favicon.svg",
        include_str!("../../static/favicon.svg"),
    ),
];

/// The user's static files under `dir` (`<root>/static`) that a build copies (files,
/// not dot-names), in name order; none when there is no such folder. Symlinks are
/// followed only where they stay inside the project root (see
/// [`crate::discover::walk_inside`]; [`super::asset_warnings`] reports the others).
pub fn user_static_files(dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let root = dir.parent().unwrap_or(dir);
    let (entries, _) = crate::discover::walk_inside(root, dir, usize::MAX, false);
    Ok(entries
        .into_iter()
        .filter(|e| e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.into_path())
        .collect())
}

impl Renderer<'_> {
    /// Built-in assets, then syntect's CSS, then the user's `static/` (which wins).
    pub(super) fn static_files(&self) -> Result<Vec<OutputFile>> {
        let mut files: Vec<OutputFile> = BUILTIN_STATIC
            .iter()
            .map(|(p, s)| OutputFile {
                path: p.to_string(),
                bytes: s.as_bytes().to_vec(),
                ..Default::default()
            })
            .collect();
        files.push(OutputFile {
            path: "static/syntax.css".into(),
            bytes: syntax_css().into_bytes(),
            ..Default::default()
        });
        let dir = self.config.root.join("static");
        for path in user_static_files(&dir)? {
            let rel = format!("static/{}", crate::discover::relative(&dir, &path));
            let bytes =
                std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
            files.retain(|f| f.path != rel);
            files.push(OutputFile {
                path: rel,
                bytes,
                ..Default::default()
            });
        }
        Ok(files)
    }
}

/// Class-based highlighting CSS for fenced code (light theme; dark mode inverts in style.css).
/// Computed once per process: loading syntect's theme set is slow, and `serve` rebuilds often.
fn syntax_css() -> String {
    static CSS: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let themes = syntect::highlighting::ThemeSet::load_defaults();
        themes
            .themes
            .get("InspiredGitHub")
            .and_then(|t| {
                syntect::html::css_for_theme_with_class_style(
                    t,
                    syntect::html::ClassStyle::SpacedPrefixed { prefix: "hl-" },
                )
                .ok()
            })
            .unwrap_or_default()
    });
    CSS.clone()
}
