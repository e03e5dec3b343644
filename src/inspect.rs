//! `dossier inspect`: one seed through clean + enrich, shown as JSON (one object
//! per line, a stable contract) or as a person reads it, optionally with every
//! dropped line and why.

use std::path::Path;

use anyhow::{bail, Result};
use serde::Serialize;

use crate::base::warning::Warning;
use crate::config::Config;
use crate::discover::{format_for, relative, SeedFile};
use crate::model::{Article, Block, TopicTag};
use crate::render::views::basis_name;

/// The `inspect --json` record. Field names and meanings are a contract: add, never rename.
#[derive(Serialize)]
pub struct InspectRecord<'a> {
    pub source: &'a str,
    pub slug: &'a str,
    pub title: &'a str,
    pub author: Option<String>,
    pub authors: &'a [String],
    pub author_bio: Option<&'a str>,
    pub publication: Option<&'a str>,
    pub republisher: Option<&'a str>,
    pub dek: Option<&'a str>,
    /// The rubric above the headline (Markdown), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kicker: Option<&'a str>,
    pub date: Option<String>,
    pub date_basis: &'static str,
    pub date_reason: &'a str,
    pub topics: &'a [TopicTag],
    pub blocks: &'a [Block],
    pub captions: &'a [String],
    pub credits: &'a [String],
    pub word_count: usize,
    /// With `--explain` only: every line the cleaner dropped, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<Vec<DroppedView<'a>>>,
}

/// A dropped line in the `inspect --json --explain` record: `line` is the seed's line
/// (1-based), or null for what has no line of its own (an HTML element, a block a
/// sidecar dropped).
#[derive(Serialize)]
pub struct DroppedView<'a> {
    pub line: Option<usize>,
    pub text: &'a str,
    pub reason: &'a str,
}

impl<'a> InspectRecord<'a> {
    pub fn new(a: &'a Article) -> InspectRecord<'a> {
        InspectRecord {
            source: &a.source,
            slug: &a.slug,
            title: &a.title,
            author: a.author_line(),
            authors: &a.authors,
            author_bio: a.author_bio.as_deref(),
            publication: a.publication.as_deref(),
            republisher: a.republisher.as_deref(),
            dek: a.dek.as_deref(),
            kicker: a.kicker.as_deref(),
            date: a.date.value.map(|d| d.to_string()),
            date_basis: basis_name(a.date.basis),
            date_reason: &a.date.reason,
            topics: &a.topics,
            blocks: &a.blocks,
            captions: &a.captions,
            credits: &a.credits,
            word_count: a.word_count(),
            dropped: None,
        }
    }

    /// The record with the dropped lines (`inspect --json --explain`).
    pub fn explained(a: &'a Article) -> InspectRecord<'a> {
        let dropped = a
            .dropped
            .iter()
            .map(|d| DroppedView {
                line: (d.line > 0).then_some(d.line),
                text: &d.text,
                reason: &d.reason,
            })
            .collect();
        InspectRecord {
            dropped: Some(dropped),
            ..InspectRecord::new(a)
        }
    }
}

/// Clean and enrich one file as the build would.
pub fn inspect_file(config: &Config, path: &Path) -> Result<Article> {
    inspect_file_warned(config, path).map(|(a, _)| a)
}

/// [`inspect_file`], and the warnings a build would give for the file (its encoding,
/// its front matter, cleaning that failed: see [`crate::process_guarded`]).
pub fn inspect_file_warned(config: &Config, path: &Path) -> Result<(Article, Vec<Warning>)> {
    let Some(format) = format_for(path) else {
        bail!(
            "{}: not a seed (expected .txt, .md or .html)",
            path.display()
        );
    };
    let seed = SeedFile {
        path: path.to_path_buf(),
        rel: relative(&config.root, path),
        format,
        sidecar: crate::overrides::sidecar_path(path).is_file(),
    };
    let (loaded, note) = match crate::load::load(&seed) {
        Ok(l) => l,
        Err(w) => bail!("{w}"),
    };
    let topic_ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    let sidecar = crate::overrides::Overrides::for_seed(path, &topic_ids)?;
    let mut article = crate::process_guarded(
        &loaded,
        sidecar.as_ref(),
        &crate::enrich::Enricher::new(config),
    );
    article.slug = article
        .pinned_slug
        .clone()
        .unwrap_or_else(|| crate::slug::slugify(&article.title));
    let notes = article.notes.iter().map(|n| Warning::new(path, n.clone()));
    let warnings = note.into_iter().chain(notes).collect();
    Ok((article, warnings))
}

/// The record as one line of JSON; with `explain`, with the dropped lines.
pub fn to_json_line(a: &Article, explain: bool) -> Result<String> {
    let record = match explain {
        true => InspectRecord::explained(a),
        false => InspectRecord::new(a),
    };
    Ok(serde_json::to_string(&record)?)
}

/// The article as a person reads it; with `explain`, every dropped line and why.
pub fn to_text(a: &Article, explain: bool) -> String {
    let mut out = String::new();
    let r = InspectRecord::new(a);
    if let Some(k) = &a.kicker {
        out.push_str(&format!("[{k}]\n"));
    }
    out.push_str(&format!("# {}\n", a.title));
    if let Some(d) = &a.dek {
        out.push_str(&format!("{d}\n"));
    }
    out.push_str(&format!(
        "author:      {}\n",
        r.author.as_deref().unwrap_or("-")
    ));
    out.push_str(&format!(
        "bio:         {}\n",
        a.author_bio.as_deref().unwrap_or("-")
    ));
    out.push_str(&format!(
        "publication: {}{}\n",
        a.publication.as_deref().unwrap_or("-"),
        a.republisher
            .as_ref()
            .map(|r| format!(" (republished by {r})"))
            .unwrap_or_default()
    ));
    out.push_str(&format!(
        "date:        {} ({}{})\n",
        r.date.as_deref().unwrap_or("undated"),
        r.date_basis,
        if a.date.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", a.date.reason)
        }
    ));
    let topics: Vec<String> = a
        .topics
        .iter()
        .map(|t| format!("{} ({})", t.id, t.score))
        .collect();
    out.push_str(&format!(
        "topics:      {}\n\n",
        if topics.is_empty() {
            "-".into()
        } else {
            topics.join(", ")
        }
    ));
    for c in &a.captions {
        out.push_str(&format!("[caption] {c}\n"));
    }
    for b in &a.blocks {
        match b.kind {
            crate::model::BlockKind::Heading => out.push_str(&format!("\n## {}\n\n", b.text)),
            crate::model::BlockKind::List => out.push_str(&format!("- {}\n", b.text)),
            crate::model::BlockKind::Quote => out.push_str(&format!("> {}\n\n", b.text)),
            crate::model::BlockKind::Paragraph => out.push_str(&format!("{}\n\n", b.text)),
        }
    }
    for c in &a.credits {
        out.push_str(&format!("[credit] {c}\n"));
    }
    if explain {
        out.push_str("\n--- dropped ---\n");
        for d in &a.dropped {
            let loc = if d.line > 0 {
                format!("line {}", d.line)
            } else {
                "html".into()
            };
            out.push_str(&format!("{loc}: {} <- {}\n", d.reason, d.text));
        }
    }
    out
}
