//! Sidecar overrides: `seeds/<stem>.toml` beside a seed corrects what the
//! cleaner got wrong, and survives every regeneration.
//!
//! 1. Read and validate the sidecar (`deny_unknown_fields`: a typo is an error
//!    naming the file, line and valid keys; a bad sidecar stops the build).
//! 2. Before enrichment: replace title/author/bio/publication/date, drop lines.
//! 3. After enrichment: add or remove topics.
//!
//! ```toml
//! title = "Corrected headline"
//! authors = ["Jane Doe"]          # or author = "Jane Doe"
//! author_bio = "Jane Doe is ..."
//! publication = "Pacific Forum"
//! date = "2025-06"                # or "2025-06-12"; date_basis becomes "override"
//! add_topics = ["usfk"]
//! remove_topics = ["taiwan"]
//! drop = ["A paragraph that is really an advert."]   # body blocks to remove (exact text or prefix)
//! slug = "seoul-tokyo-gas"        # the article's URL, whatever its title becomes
//! aliases = ["old-title"]         # old slugs (or URLs) that redirect to it
//! ```

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::Deserialize;

use crate::config::parse_config_date;
use crate::model::{Article, ArticleDate, DateBasis, DroppedLine, PartialDate};

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct RawOverrides {
    title: Option<String>,
    author: Option<String>,
    authors: Option<Vec<String>>,
    author_bio: Option<String>,
    publication: Option<String>,
    date: Option<String>,
    add_topics: Vec<String>,
    remove_topics: Vec<String>,
    drop: Vec<String>,
    slug: Option<String>,
    aliases: Vec<String>,
}

/// A validated sidecar.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub path: PathBuf,
    title: Option<String>,
    authors: Option<Vec<String>>,
    author_bio: Option<String>,
    publication: Option<String>,
    date: Option<PartialDate>,
    add_topics: Vec<String>,
    remove_topics: Vec<String>,
    drop: Vec<String>,
    slug: Option<String>,
    aliases: Vec<String>,
}

/// The sidecar of `a` as pages name it: relative to the project root, like the
/// article's `source` (`seeds/a/b.toml`), never the path the build was given
/// (`./p/seeds/...`, `/home/...`), so output does not depend on how `--root` is spelled
/// and publishes no local path.
fn shown_path(a: &Article) -> String {
    match a.source.rsplit_once('.') {
        Some((stem, _)) if !stem.ends_with('/') && !stem.is_empty() => format!("{stem}.toml"),
        _ => format!("{}.toml", a.source),
    }
}

pub use crate::discover::sidecar_path;

impl Overrides {
    /// Load the sidecar of `seed`, if it has one.
    pub fn for_seed(seed: &Path, topic_ids: &[&str]) -> Result<Option<Overrides>> {
        let path = sidecar_path(seed);
        if !path.is_file() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Overrides::parse(&path, &text, topic_ids).map(Some)
    }

    pub fn parse(path: &Path, text: &str, topic_ids: &[&str]) -> Result<Overrides> {
        let raw: RawOverrides = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.to_string().trim_end()))?;
        let date = match &raw.date {
            Some(d) => Some(parse_config_date(d).with_context(|| {
                let line = crate::config::line_of_key(text, "date")
                    .map(|n| format!(", line {n}"))
                    .unwrap_or_default();
                format!("{}{line}: key `date`", path.display())
            })?),
            None => None,
        };
        for id in raw.add_topics.iter().chain(&raw.remove_topics) {
            if !topic_ids.contains(&id.as_str()) {
                bail!(
                    "{}: unknown topic `{id}` (topics are: {})",
                    path.display(),
                    topic_ids.join(", ")
                );
            }
        }
        let authors = match (raw.authors, raw.author) {
            (Some(_), Some(_)) => bail!("{}: give `author` or `authors`, not both", path.display()),
            (Some(list), None) => Some(list),
            (None, Some(one)) => Some(vec![one]),
            (None, None) => None,
        };
        Ok(Overrides {
            path: path.to_path_buf(),
            title: raw.title,
            authors,
            author_bio: raw.author_bio,
            publication: raw.publication,
            date,
            add_topics: raw.add_topics,
            remove_topics: raw.remove_topics,
            drop: raw.drop,
            slug: raw.slug.as_deref().map(crate::slug::slug_of_path),
            aliases: raw
                .aliases
                .iter()
                .map(|a| crate::slug::slug_of_path(a))
                .collect(),
        })
    }

    /// Field overrides and dropped lines: before dates and topics are worked out.
    pub fn apply_before_enrich(&self, a: &mut Article) {
        if let Some(t) = &self.title {
            a.title = t.clone();
        }
        if let Some(list) = &self.authors {
            a.authors = list.clone();
        }
        if let Some(b) = &self.author_bio {
            a.author_bio = Some(b.clone());
        }
        if let Some(p) = &self.publication {
            a.publication = Some(p.clone());
        }
        if let Some(s) = &self.slug {
            a.pinned_slug = Some(s.clone());
        }
        a.aliases.extend(self.aliases.iter().cloned());
        if let Some(d) = self.date {
            a.date = ArticleDate {
                value: Some(d),
                basis: DateBasis::Override,
                reason: format!("set in {}", shown_path(a)),
            };
        }
        if !self.drop.is_empty() {
            let reason = format!("dropped by {}", shown_path(a));
            let drop = &self.drop;
            let mut dropped = Vec::new();
            a.blocks.retain(|b| {
                let hit = drop
                    .iter()
                    .any(|d| b.text == *d || b.text.starts_with(d.as_str()));
                if hit {
                    dropped.push(DroppedLine {
                        line: 0,
                        text: b.text.clone(),
                        reason: reason.clone(),
                    });
                }
                !hit
            });
            a.dropped.extend(dropped);
        }
    }

    /// Topic additions and removals: after the tagger has run.
    pub fn apply_after_enrich(&self, a: &mut Article) {
        a.topics.retain(|t| !self.remove_topics.contains(&t.id));
        let shown = shown_path(a);
        for id in &self.add_topics {
            if !a.topics.iter().any(|t| &t.id == id) {
                a.topics.push(crate::model::TopicTag {
                    id: id.clone(),
                    score: 0.0,
                    evidence: vec![format!("added in {shown}")],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_on_unknown_sidecar_key_naming_file_and_line() {
        let err = Overrides::parse(
            Path::new("seeds/a.toml"),
            "title = \"x\"\nauthr = \"y\"\n",
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("seeds/a.toml: "), "{err}");
        assert!(err.contains("line 2"), "{err}");
        assert!(err.contains("unknown field `authr`"), "{err}");
    }

    #[test]
    fn errors_on_unknown_topic() {
        let err = Overrides::parse(
            Path::new("s.toml"),
            "add_topics = [\"tarifs\"]\n",
            &["tariffs"],
        )
        .unwrap_err()
        .to_string();
        assert_eq!(err, "s.toml: unknown topic `tarifs` (topics are: tariffs)");
    }
}
