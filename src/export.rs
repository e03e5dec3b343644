//! `dossier export --format jsonl|md|bibtex|csl-json`: the cleaned corpus for analysis.
//!
//! - `jsonl`: one `inspect --json` record per article, one per line.
//! - `md`: one Markdown file per article with TOML front matter that Zola and
//!   Hugo both read (`title`, `date`, `authors`, `[taxonomies]` and `[extra]`).
//! - `bibtex`, `csl-json`: citations for reference managers.

use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::config::Config;
use crate::model::{Article, BlockKind, DateBasis, PartialDate};

pub const FORMATS: &[&str] = &["jsonl", "md", "bibtex", "csl-json"];

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// An article as Markdown with TOML front matter.
pub fn to_markdown(a: &Article) -> String {
    let mut fm = format!("+++\ntitle = {}\n", toml_string(&a.title));
    // A TOML local date must exist: checked again here, whatever built the article.
    let date = a
        .date
        .value
        .filter(|_| a.date.basis != DateBasis::Unknown)
        .and_then(|d| PartialDate::new(d.year, d.month, Some(d.day.unwrap_or(1))));
    if let Some(d) = date {
        let day = d.day.unwrap_or(1);
        fm.push_str(&format!("date = {:04}-{:02}-{day:02}\n", d.year, d.month));
    }
    if let Some(dek) = &a.dek {
        fm.push_str(&format!("description = {}\n", toml_string(dek)));
    }
    let list = |xs: &[String]| {
        xs.iter()
            .map(|x| toml_string(x))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let topics: Vec<String> = a.topics.iter().map(|t| t.id.clone()).collect();
    fm.push_str(&format!(
        "\n[taxonomies]\nauthors = [{}]\ntopics = [{}]\n",
        list(&a.authors),
        list(&topics)
    ));
    fm.push_str("\n[extra]\n");
    if let Some(p) = &a.publication {
        fm.push_str(&format!("publication = {}\n", toml_string(p)));
    }
    if let Some(b) = &a.author_bio {
        fm.push_str(&format!("author_bio = {}\n", toml_string(b)));
    }
    fm.push_str(&format!(
        "date_basis = {}\nsource = {}\n+++\n\n",
        toml_string(crate::render::views::basis_name(a.date.basis)),
        toml_string(&a.source)
    ));
    for b in &a.blocks {
        let text = b.text.replace('<', "&lt;");
        match b.kind {
            BlockKind::Heading => fm.push_str(&format!("## {text}\n\n")),
            BlockKind::Quote => fm.push_str(&format!("> {text}\n\n")),
            BlockKind::List => fm.push_str(&format!("- {text}\n")),
            BlockKind::Paragraph => fm.push_str(&format!("{text}\n\n")),
        }
    }
    fm
}

/// Export every article of the project. `out`: a file for the single-stream
/// formats (stdout when `None`), a folder for `md` (default `export/`).
pub fn export(config: &Config, format: &str, out: Option<&Path>) -> Result<String> {
    if !FORMATS.contains(&format) {
        bail!(
            "unknown export format `{format}` (formats: {})",
            FORMATS.join(", ")
        );
    }
    let loaded = crate::pipeline::load_articles(config)?;
    let (mut articles, warnings) = (loaded.articles, loaded.warnings);
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    articles.sort_by(|a, b| a.source.cmp(&b.source));
    let text = match format {
        "jsonl" => {
            let mut s = String::new();
            for a in &articles {
                s.push_str(&crate::inspect::to_json_line(a, false)?);
                s.push('\n');
            }
            s
        }
        "bibtex" => articles
            .iter()
            .zip(crate::site::cite_keys(&articles))
            .map(|(a, key)| crate::render::publish::citation(config, a, &key).bibtex)
            .collect::<Vec<_>>()
            .join("\n"),
        "csl-json" => {
            let items: Vec<serde_json::Value> = articles
                .iter()
                .zip(crate::site::cite_keys(&articles))
                .filter_map(|(a, key)| {
                    let csl = crate::render::publish::citation(config, a, &key).csl_json;
                    serde_json::from_str(&csl).ok()
                })
                .collect();
            format!("{}\n", serde_json::to_string_pretty(&items)?)
        }
        _ => {
            let dir = out
                .map(Path::to_path_buf)
                .unwrap_or_else(|| config.root.join("export"));
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            for a in &articles {
                let path = dir.join(format!("{}.md", a.slug));
                std::fs::write(&path, to_markdown(a))
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            return Ok(format!(
                "exported {} articles as Markdown to {}",
                articles.len(),
                dir.display()
            ));
        }
    };
    match out {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?;
            Ok(format!(
                "exported {} articles as {format} to {}",
                articles.len(),
                path.display()
            ))
        }
        None => Ok(text),
    }
}
