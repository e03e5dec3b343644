//! `dossier init [DIR]`: a new briefing project that builds at once: `book.toml`
//! with the default topics, `seeds/` with one example article, the GitHub Pages
//! workflow and a `.gitignore`. Never overwrites an existing file.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::config::DEFAULT_BOOK_TOML;

const EXAMPLE_SEED: &str = include_str!("../tests/fixtures/site/seeds/zola-post.md");
const PAGES_WORKFLOW: &str = include_str!("../.github/workflows/pages.yml");

pub fn init(dir: &Path) -> Result<Vec<String>> {
    let files: [(&str, &str); 4] = [
        ("book.toml", DEFAULT_BOOK_TOML),
        ("seeds/example.md", EXAMPLE_SEED),
        (".github/workflows/pages.yml", PAGES_WORKFLOW),
        (".gitignore", "/public/\n/export/\n/.dossier-cache/\n"),
    ];
    for (rel, _) in &files {
        let path = dir.join(rel);
        if path.exists() {
            bail!(
                "{}: already exists; dossier init never overwrites files",
                path.display()
            );
        }
    }
    let mut created = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("creating {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        created.push(path.display().to_string());
    }
    Ok(created)
}
