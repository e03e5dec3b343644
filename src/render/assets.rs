//! Static assets: the built-in CSS and scripts embedded in the binary, syntect's
//! highlighting CSS, then the user's `static/` files, which win file by file.

use anyhow::{Context, Result};

use super::{OutputFile, Renderer};
use crate::discover::user_static_files;

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
