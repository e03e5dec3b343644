//! `dossier init [DIR]`: a new briefing project that builds at once, asking nothing.
//!
//! 1. Pick the `book.toml`: by default a neutral one titled after the folder, with
//!    an example topic set to replace; `--preset japan-korea` is the Korea briefing
//!    dossier's own seeds use. `--title` sets the title of either.
//! 2. Refuse if any file it would write exists (never overwrites).
//! 3. Write `book.toml`, `seeds/` with one example article, the GitHub Pages
//!    workflow and a `.gitignore`.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::config::DEFAULT_BOOK_TOML;

const EXAMPLE_SEED: &str = include_str!("../../tests/fixtures/site/seeds/zola-post.md");
const PAGES_WORKFLOW: &str = include_str!("../../.github/workflows/pages.yml");
const NEUTRAL_BOOK: &str = include_str!("neutral_book.toml");

/// The presets `--preset` takes: (name, book.toml).
pub const PRESETS: &[(&str, &str)] = &[("japan-korea", DEFAULT_BOOK_TOML)];

/// What `init` writes besides the fixed files.
#[derive(Debug, Default, Clone)]
pub struct InitOptions {
    /// The site title; default: the folder's name ("my-brief" -> "My brief").
    pub title: Option<String>,
    /// One of [`PRESETS`]; default: the neutral project.
    pub preset: Option<String>,
}

/// "my_brief-2025" -> "My brief 2025": a folder name as a title.
fn title_from_folder(dir: &Path) -> String {
    let name = std::fs::canonicalize(dir)
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let words = name.replace(['-', '_'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Research briefing".to_string(),
    }
}

/// The `book.toml` `init` writes for `options` in `dir`.
pub fn book_toml(dir: &Path, options: &InitOptions) -> Result<String> {
    let title = options
        .title
        .clone()
        .unwrap_or_else(|| title_from_folder(dir));
    // A TOML basic string: quotes and backslashes in a title stay text.
    let quoted = toml::Value::String(title).to_string();
    let Some(preset) = &options.preset else {
        return Ok(NEUTRAL_BOOK.replace("\"{{title}}\"", &quoted));
    };
    let Some((_, text)) = PRESETS.iter().find(|(name, _)| name == preset) else {
        let names: Vec<&str> = PRESETS.iter().map(|(n, _)| *n).collect();
        bail!("unknown preset `{preset}` (presets: {})", names.join(", "));
    };
    if options.title.is_none() {
        return Ok(text.to_string());
    }
    // The preset's own title line, replaced.
    let mut done = false;
    let lines: Vec<String> = text
        .lines()
        .map(|l| match l.starts_with("title = ") && !done {
            true => {
                done = true;
                format!("title = {quoted}")
            }
            false => l.to_string(),
        })
        .collect();
    Ok(lines.join("\n") + "\n")
}

pub fn init(dir: &Path, options: &InitOptions) -> Result<Vec<String>> {
    let book = book_toml(dir, options)?;
    let files: [(&str, &str); 4] = [
        ("book.toml", &book),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn config_of(text: &str) -> Config {
        Config::from_str(Path::new("p"), text, Path::new("p/book.toml")).unwrap()
    }

    #[test]
    fn the_default_project_is_neutral_and_titled_after_its_folder() {
        let text = book_toml(Path::new("/nowhere/my_brief-2025"), &InitOptions::default()).unwrap();
        let config = config_of(&text);
        assert_eq!(config.title, "My brief 2025");
        let ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["economy", "energy", "security"]);
        assert!(!text.contains("Korea"), "{text}");
    }

    #[test]
    fn a_title_and_the_japan_korea_preset_are_taken_as_given() {
        let options = InitOptions {
            title: Some("Seoul \"desk\" notes".into()),
            preset: Some("japan-korea".into()),
        };
        let config = config_of(&book_toml(Path::new("x"), &options).unwrap());
        assert_eq!(config.title, "Seoul \"desk\" notes");
        assert!(config.topics.iter().any(|t| t.id == "north-korea"));
        let preset = InitOptions {
            preset: Some("japan-korea".into()),
            ..Default::default()
        };
        let config = config_of(&book_toml(Path::new("x"), &preset).unwrap());
        assert_eq!(config.title, "Japan–South Korea Relations Briefing");
    }

    #[test]
    fn errors_on_an_unknown_preset() {
        let options = InitOptions {
            preset: Some("japan".into()),
            ..Default::default()
        };
        let err = book_toml(Path::new("x"), &options).unwrap_err().to_string();
        assert_eq!(err, "unknown preset `japan` (presets: japan-korea)");
    }
}
