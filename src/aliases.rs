//! Stable URLs: an article's old addresses keep working after its title (and so
//! its slug) changes, as Hugo's and Zola's aliases do.
//!
//! 1. `slugs.toml` at the project root records every slug each seed's article has
//!    had (seed path -> slugs). A build reads it, and after writing the site adds
//!    this build's slugs to it. It lives beside `book.toml` rather than in the
//!    output or the cache because a build from a fresh clone (the Pages workflow)
//!    has neither: committed with the seeds, like a lockfile, it is what the
//!    published site's history is.
//! 2. A sidecar or front matter may pin `slug = "..."` and list `aliases = [...]`
//!    (see [`crate::overrides`]); an alias counts as a slug the article had.
//! 3. Every slug an article had that no article uses now becomes
//!    `articles/<old>/index.html`, a redirect page: `<meta http-equiv="refresh">`,
//!    a link and `rel=canonical` to the article. A redirect page is not an article:
//!    it is in no list, feed, sitemap or search index.
//!
//! The output is a function of the inputs and the history: the history a build
//! writes back only adds the slugs the articles have now, which redirect nowhere,
//! so the site built from either history is the same.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::base::urls;
use crate::model::Article;

/// The file, at the project root.
pub const FILE: &str = "slugs.toml";

const HEADER: &str = "\
# Every slug each seed's article has had, written by `dossier build` so that an
# article's old URL redirects to its new one after its title changes. Commit it
# with your seeds. Remove a line to retire that article's old URLs.
";

/// Seed path (as the site shows it: `seeds/a.md`) -> every slug its article has had.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SlugHistory {
    slugs: BTreeMap<String, BTreeSet<String>>,
}

/// An old article URL and where it now leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old slug: the page is `articles/<from>/index.html`.
    pub from: String,
    /// The article's slug now, and its title (the link's text).
    pub to: String,
    pub title: String,
}

impl Redirect {
    /// The redirect page's path in the output.
    pub fn path(&self) -> String {
        urls::index_html(&urls::article(&self.from))
    }
}

pub fn history_path(root: &Path) -> PathBuf {
    root.join(FILE)
}

impl SlugHistory {
    /// The project's history; empty when it has none. A file that does not parse
    /// is a hard error naming it (a silently lost history would break old URLs).
    pub fn read(root: &Path) -> Result<SlugHistory> {
        let path = history_path(root);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
        };
        Self::parse(&text).map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e))
    }

    fn parse(text: &str) -> Result<SlugHistory, String> {
        let raw: BTreeMap<String, Vec<String>> =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().to_string())?;
        let slugs = raw
            .into_iter()
            .map(|(seed, slugs)| {
                let slugs = slugs.iter().map(|s| crate::slug::slug_of_path(s)).collect();
                (seed, slugs)
            })
            .collect();
        Ok(SlugHistory { slugs })
    }

    /// The file's text: sorted, so the same history always gives the same bytes.
    pub fn to_text(&self) -> String {
        let mut out = HEADER.to_string();
        for (seed, slugs) in &self.slugs {
            let list: Vec<String> = slugs.iter().map(|s| quote(s)).collect();
            out.push_str(&format!("{} = [{}]\n", quote(seed), list.join(", ")));
        }
        out
    }

    /// A hash of the history, for the build's inputs key (see [`crate::uptodate`]).
    pub fn key(&self, inputs: u64) -> u64 {
        crate::base::hash::hash_bytes(&[&inputs.to_le_bytes(), self.to_text().as_bytes()])
    }

    /// This history with the articles' current slugs and aliases added.
    pub fn with_slugs_of(&self, articles: &[Article]) -> SlugHistory {
        let mut next = self.clone();
        for a in articles {
            let slugs = next.slugs.entry(a.source.clone()).or_default();
            slugs.insert(a.slug.clone());
            slugs.extend(a.aliases.iter().cloned());
        }
        next
    }

    /// Write the history to the project root, if it differs from what is there.
    pub fn save(&self, root: &Path, previous: &SlugHistory) -> Result<()> {
        if self == previous {
            return Ok(());
        }
        let path = history_path(root);
        std::fs::write(&path, self.to_text()).with_context(|| format!("writing {}", path.display()))
    }

    /// The redirects for `articles`: every slug an article had (or lists as an
    /// alias) that no article has now. An old slug two articles had goes to the one
    /// whose seed path sorts first, so the choice never depends on build order.
    pub fn redirects(&self, articles: &[Article]) -> Vec<Redirect> {
        let current: HashSet<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
        let mut by_source: Vec<&Article> = articles.iter().collect();
        by_source.sort_by(|a, b| a.source.cmp(&b.source));
        let mut out: BTreeMap<&str, Redirect> = BTreeMap::new();
        for a in by_source {
            let had = self.slugs.get(&a.source).into_iter().flatten();
            for old in had.chain(&a.aliases) {
                if current.contains(old.as_str()) {
                    continue;
                }
                out.entry(old).or_insert_with(|| Redirect {
                    from: old.clone(),
                    to: a.slug.clone(),
                    title: a.title.clone(),
                });
            }
        }
        out.into_values().collect()
    }
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(source: &str, slug: &str) -> Article {
        let mut a = crate::enrich::test_article(&["Text."]);
        a.source = source.into();
        a.slug = slug.into();
        a.title = format!("Now {slug}");
        a
    }

    #[test]
    fn old_slugs_no_article_has_redirect_to_the_article_that_had_them() {
        let history = SlugHistory::parse(
            "\"seeds/a.md\" = [\"old-a\", \"new-a\"]\n\"seeds/b.md\" = [\"b\", \"taken\"]\n",
        )
        .unwrap();
        let articles = [
            article("seeds/a.md", "new-a"),
            article("seeds/b.md", "b"),
            article("seeds/c.md", "taken"),
        ];
        let redirects = history.redirects(&articles);
        assert_eq!(
            redirects,
            [Redirect {
                from: "old-a".into(),
                to: "new-a".into(),
                title: "Now new-a".into()
            }]
        );
    }

    #[test]
    fn the_history_written_back_reads_the_same_and_redirects_the_same() {
        let history = SlugHistory::parse("\"seeds/a.md\" = [\"old\"]\n").unwrap();
        let articles = [article("seeds/a.md", "new"), article("seeds/\"q\".md", "q")];
        let next = history.with_slugs_of(&articles);
        let text = next.to_text();
        assert!(
            text.contains("\"seeds/a.md\" = [\"new\", \"old\"]\n"),
            "{text}"
        );
        assert_eq!(SlugHistory::parse(&text).unwrap(), next);
        assert_eq!(next.redirects(&articles), history.redirects(&articles));
    }

    #[test]
    fn errors_on_a_history_that_does_not_parse() {
        let err = SlugHistory::parse("\"seeds/a.md\" = \"old\"\n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
    }
}
