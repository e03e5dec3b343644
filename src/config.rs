//! `book.toml`: raw serde structs -> validated [`Config`].
//!
//! 1. Read `book.toml` from the project root, or use the built-in defaults
//!    (embedded from `src/default_book.toml`) when there is none.
//! 2. Parse into the `Raw*` types (`deny_unknown_fields`: a typo names its line
//!    and the valid keys).
//! 3. Resolve: paths against the root, base URL normalised, topics and events
//!    checked (unique ids, parsable dates). Sections the user leaves out take
//!    the built-in defaults.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

use crate::model::PartialDate;

/// Entries per feed unless `[site] feed-limit` says otherwise: a feed tells readers
/// what is new, and a feed of every article in a large briefing (90 MB at 100,000
/// articles) is more than feed readers fetch. Zola and Hugo offer the same limit.
pub const DEFAULT_FEED_LIMIT: usize = 50;

/// The configuration every new project starts from, and what a folder with only `seeds/` builds with.
pub const DEFAULT_BOOK_TOML: &str = include_str!("default_book.toml");

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    book: RawBook,
    site: RawSite,
    topics: Option<Vec<RawTopic>>,
    events: Option<Vec<RawEvent>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawBook {
    title: Option<String>,
    description: Option<String>,
    authors: Vec<String>,
    language: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
struct RawSite {
    base_url: Option<String>,
    seeds: Option<PathBuf>,
    output: Option<PathBuf>,
    cname: Option<String>,
    feed_limit: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawTopic {
    id: String,
    label: String,
    #[serde(default)]
    description: String,
    phrases: Vec<RawPhrase>,
    #[serde(default)]
    exclude: Vec<String>,
    threshold: Option<f64>,
}

/// A phrase is either `"tariff"` or `{ text = "tariff", weight = 2.0 }`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawPhrase {
    Plain(String),
    Weighted { text: String, weight: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEvent {
    date: String,
    label: String,
    phrases: Vec<String>,
}

/// A validated topic definition.
#[derive(Debug, Clone)]
pub struct TopicDef {
    pub id: String,
    pub label: String,
    pub description: String,
    pub phrases: Vec<(String, f64)>,
    pub exclude: Vec<String>,
    pub threshold: f64,
}

/// A dated event the briefing's subject knows about; an article that mentions
/// one as past dates itself no earlier than the event (see `enrich::dates`).
#[derive(Debug, Clone)]
pub struct EventDef {
    pub date: PartialDate,
    pub label: String,
    pub phrases: Vec<String>,
}

/// Everything a build needs to know, validated.
#[derive(Debug, Clone)]
pub struct Config {
    pub root: PathBuf,
    pub title: String,
    pub description: String,
    pub authors: Vec<String>,
    pub language: String,
    /// Absolute site URL, always ending in `/` ("/" when unknown).
    pub base_url: String,
    pub seeds_dir: PathBuf,
    pub output_dir: PathBuf,
    /// Build into a non-empty output folder dossier did not write (`build --force`;
    /// see `write::check_ownership`): never set from `book.toml`.
    pub force: bool,
    pub cname: Option<String>,
    /// Entries per Atom feed, newest first (0: every article).
    pub feed_limit: usize,
    pub topics: Vec<TopicDef>,
    pub events: Vec<EventDef>,
    /// A hash of the `book.toml` text this was parsed from (0: none): what builds key
    /// on, so a file edited while a build waits for the lock is not taken for the one
    /// it was built from.
    pub source_hash: u64,
}

/// Default score an article needs before it is tagged with a topic: about two
/// substantive mentions (see `enrich::topics` for the scoring).
const DEFAULT_TOPIC_THRESHOLD: f64 = 3.0;

impl Config {
    /// Load `book.toml` from `root` (or the defaults when it is absent).
    pub fn load(root: &Path) -> Result<Config> {
        if !root.is_dir() {
            match root.exists() {
                true => bail!("root folder {} is not a folder", root.display()),
                false => bail!("root folder {} not found", root.display()),
            }
        }
        let path = root.join("book.toml");
        let text = if path.exists() {
            std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?
        } else {
            String::new()
        };
        Config::from_str(root, &text, &path)
    }

    /// Parse config text as if read from `path` (which only names it in errors).
    pub fn from_str(root: &Path, text: &str, path: &Path) -> Result<Config> {
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.to_string().trim_end()))?;
        let defaults: RawConfig = toml::from_str(DEFAULT_BOOK_TOML)
            .context("the built-in default book.toml is invalid (a bug in dossier)")?;
        let mut config = resolve(root, raw, defaults, path)?;
        config.source_hash = if text.is_empty() {
            0
        } else {
            crate::base::hash::hash_bytes(&[text.as_bytes()])
        };
        Ok(config)
    }

    pub fn topic(&self, id: &str) -> Option<&TopicDef> {
        self.topics.iter().find(|t| t.id == id)
    }
}

fn resolve(root: &Path, raw: RawConfig, defaults: RawConfig, path: &Path) -> Result<Config> {
    let book = raw.book;
    let site = raw.site;
    let base_url = normalise_base_url(site.base_url.as_deref().unwrap_or("/"));
    let topics = raw
        .topics
        .or(defaults.topics)
        .unwrap_or_default()
        .into_iter()
        .map(resolve_topic)
        .collect::<Result<Vec<_>>>()
        .with_context(|| format!("{}: invalid [[topics]]", path.display()))?;
    let mut seen = std::collections::BTreeSet::new();
    for t in &topics {
        if !seen.insert(t.id.clone()) {
            bail!("{}: topic id `{}` is defined twice", path.display(), t.id);
        }
    }
    let events = raw
        .events
        .or(defaults.events)
        .unwrap_or_default()
        .into_iter()
        .map(|e| {
            let date = parse_config_date(&e.date).with_context(|| {
                format!(
                    "{}: event `{}` has date `{}`",
                    path.display(),
                    e.label,
                    e.date
                )
            })?;
            Ok(EventDef {
                date,
                label: e.label,
                phrases: e.phrases,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Config {
        source_hash: 0,
        root: root.to_path_buf(),
        title: book
            .title
            .unwrap_or_else(|| "Research briefing".to_string()),
        description: book.description.unwrap_or_default(),
        authors: book.authors,
        language: book.language.unwrap_or_else(|| "en".to_string()),
        base_url,
        seeds_dir: root.join(site.seeds.unwrap_or_else(|| PathBuf::from("seeds"))),
        output_dir: root.join(site.output.unwrap_or_else(|| PathBuf::from("public"))),
        force: false,
        cname: site.cname,
        feed_limit: site.feed_limit.unwrap_or(DEFAULT_FEED_LIMIT),
        topics,
        events,
    })
}

fn resolve_topic(t: RawTopic) -> Result<TopicDef> {
    let valid_id = !t.id.is_empty()
        && t.id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid_id {
        bail!(
            "topic id `{}` must be lowercase ASCII letters, digits and hyphens (it becomes a URL)",
            t.id
        );
    }
    if t.phrases.is_empty() {
        bail!("topic `{}` has no phrases", t.id);
    }
    // The tagger compiles phrases into one automaton; refuse what it cannot build.
    let texts: Vec<&str> = t
        .phrases
        .iter()
        .map(|p| match p {
            RawPhrase::Plain(s) => s.as_str(),
            RawPhrase::Weighted { text, .. } => text.as_str(),
        })
        .collect();
    if let Err(e) = aho_corasick::AhoCorasick::new(&texts) {
        bail!("topic `{}`: its phrases cannot be compiled: {e}", t.id);
    }
    let phrases = t
        .phrases
        .into_iter()
        .map(|p| match p {
            RawPhrase::Plain(s) => (s, 1.0),
            RawPhrase::Weighted { text, weight } => (text, weight),
        })
        .collect();
    Ok(TopicDef {
        id: t.id,
        label: t.label,
        description: t.description,
        phrases,
        exclude: t.exclude,
        threshold: t.threshold.unwrap_or(DEFAULT_TOPIC_THRESHOLD),
    })
}

/// `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_config_date(s: &str) -> Result<PartialDate> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let parsed = match parts.as_slice() {
        [y, m] => num(y).zip(num(m)).map(|(y, m)| (y, m, None)),
        [y, m, d] => num(y)
            .zip(num(m))
            .zip(num(d))
            .map(|((y, m), d)| (y, m, Some(d))),
        _ => None,
    };
    let Some((year, month, day)) = parsed.filter(|&(y, _, _)| y <= 9999) else {
        bail!("expected a date as YYYY-MM or YYYY-MM-DD, found `{s}`");
    };
    PartialDate::new(year as i32, month, day).ok_or_else(|| {
        anyhow::anyhow!(
            "`{}` is not a real date (expected YYYY-MM or YYYY-MM-DD)",
            s.trim()
        )
    })
}

/// The 1-based line of the first `key = ...` (TOML) or `key: ...` (YAML) in `text`,
/// to name in an error about the key's value.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(['=', ':']))
        })
        .map(|i| i + 1)
}

/// "https://x.github.io/repo" -> "https://x.github.io/repo/"; "" -> "/".
pub fn normalise_base_url(url: &str) -> String {
    let trimmed = url.trim();
    if trimmed.is_empty() {
        return "/".to_string();
    }
    if trimmed.ends_with('/') {
        trimmed.to_string()
    } else {
        format!("{trimmed}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_have_the_four_topics() {
        let c = Config::from_str(Path::new("."), "", Path::new("book.toml")).unwrap();
        let ids: Vec<_> = c.topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["tariffs", "taiwan", "north-korea", "usfk"]);
        assert_eq!(c.base_url, "/");
        assert!(c.output_dir.ends_with("public"));
    }

    #[test]
    fn errors_on_unknown_config_key_with_line_and_valid_keys() {
        let text = "[book]\ntitle = \"x\"\ntitel = \"y\"\n";
        let err = Config::from_str(Path::new("."), text, Path::new("book.toml"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("book.toml: "), "{err}");
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("unknown field `titel`"), "{err}");
        assert!(err.contains("`title`"), "{err}");
    }

    #[test]
    fn user_topics_replace_defaults() {
        let text = "[[topics]]\nid = \"energy\"\nlabel = \"Energy\"\nphrases = [\"LNG\", { text = \"natural gas\", weight = 2.0 }]\n";
        let c = Config::from_str(Path::new("."), text, Path::new("book.toml")).unwrap();
        assert_eq!(c.topics.len(), 1);
        assert_eq!(c.topics[0].phrases[1], ("natural gas".to_string(), 2.0));
    }

    #[test]
    fn base_url_gets_trailing_slash() {
        assert_eq!(
            normalise_base_url("https://u.github.io/briefing"),
            "https://u.github.io/briefing/"
        );
    }
}
