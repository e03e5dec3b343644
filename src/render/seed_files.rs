//! Links between seeds, and the files beside them.
//!
//! A Markdown seed links other seeds as files (`../other.md#x`, `./dir/index.md`,
//! `dir/_index.md`, Zola's `@/docs/x.md` from the seeds folder, Hugo's `ref`, which
//! the cleaner turned into one of those) and shows files beside it (`./images/a.png`,
//! a page bundle's `post/index.md` + `post/a.png`). Each link the cleaner listed in
//! [`Article::links`](crate::model::Article) is resolved here, in this order:
//!
//! 1. A seed's path (from the linking seed's folder, or from the seeds folder for
//!    `@/`): the link becomes that article's page, `../../articles/<slug>/#x`.
//!    A folder stands for its `index.md` or `_index.md`; a bare `x.md` that is no
//!    file there is looked up as Hugo's `ref` does, by the end of its path, when
//!    exactly one seed ends so.
//! 2. A file in the seed's folder or below it (not a seed): copied next to the
//!    article's page under the same relative path, so the link works as written.
//!    Only files some article links are copied; files that climb out of the seed's
//!    folder (`../x.png`) or out of the seeds folder are not.
//! 3. Anything else stays as written, and `check` reports it as a broken link.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::discover;
use crate::model::Article;
use crate::site::Site;

/// What a link written in a seed leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Article index in the site, and the `#anchor` (with the `#`), if any.
    Article(usize, String),
    /// A file to copy: (output path, file on disk).
    File(String, PathBuf),
}

/// The site's seeds by source path, to resolve links between them.
pub struct SeedLinks<'s> {
    by_source: HashMap<&'s str, usize>,
    /// Article indexes by their seed's file name, for Hugo's `ref "x.md"` lookup.
    by_name: HashMap<&'s str, Vec<(usize, &'s str)>>,
    /// The seeds folder, relative to the project root ("seeds").
    seeds_rel: String,
    seeds_dir: PathBuf,
}

impl<'s> SeedLinks<'s> {
    pub fn new(config: &Config, site: &'s Site) -> SeedLinks<'s> {
        let mut by_source = HashMap::new();
        let mut by_name: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
        for (i, a) in site.articles.iter().enumerate() {
            by_source.insert(a.source.as_str(), i);
            let name = a.source.rsplit('/').next().unwrap_or("");
            by_name
                .entry(name)
                .or_default()
                .push((i, a.source.as_str()));
        }
        SeedLinks {
            by_source,
            by_name,
            seeds_rel: discover::relative(&config.root, &config.seeds_dir),
            seeds_dir: config
                .seeds_dir
                .canonicalize()
                .unwrap_or_else(|_| config.seeds_dir.clone()),
        }
    }

    /// What `link`, written in article `a`, leads to (see the module notes).
    pub fn resolve(&self, a: &Article, link: &str) -> Option<Target> {
        let (path, anchor) = match link.find('#') {
            Some(i) => (&link[..i], &link[i..]),
            None => (link, ""),
        };
        let path = percent_decode(path.split('?').next().unwrap_or(""));
        if path.is_empty() {
            return None;
        }
        let dir = a.source.rsplit_once('/').map_or("", |(d, _)| d);
        let (from, rest) = match path.strip_prefix("@/") {
            Some(rest) => (self.seeds_rel.as_str(), rest),
            None => (dir, path.as_str()),
        };
        if let Some(target) = normalise(&format!("{from}/{rest}")) {
            let seed = self.seed_at(&target).or_else(|| {
                let bare = rest.trim_start_matches("./");
                (bare.ends_with(".md") && !bare.starts_with("../"))
                    .then(|| self.by_suffix(bare))
                    .flatten()
            });
            if let Some(j) = seed {
                return Some(Target::Article(j, anchor.to_string()));
            }
        }
        if path.starts_with("@/") || discover::format_for(Path::new(&path)).is_some() {
            return None;
        }
        // A file in the seed's folder or below it.
        let rel = normalise(&path)?;
        if rel.is_empty() || rel.starts_with("../") || rel == ".." {
            return None;
        }
        let src = a.path.parent()?.join(&rel);
        let real = src.canonicalize().ok()?;
        if !real.is_file() || !real.starts_with(&self.seeds_dir) {
            return None;
        }
        Some(Target::File(
            format!("{}{rel}", super::views::article_url(a)),
            src,
        ))
    }

    fn seed_at(&self, target: &str) -> Option<usize> {
        if let Some(&j) = self.by_source.get(target) {
            return Some(j);
        }
        // A folder (`./post/`, `post`) stands for its page bundle or section file.
        let dir = target.trim_end_matches('/');
        ["index.md", "_index.md"].iter().find_map(|name| {
            self.by_source
                .get(format!("{dir}/{name}").as_str())
                .copied()
        })
    }

    /// The one seed whose path ends with `/{path}`, as Hugo's `ref` finds pages.
    fn by_suffix(&self, path: &str) -> Option<usize> {
        let name = path.rsplit('/').next()?;
        let candidates = self.by_name.get(name)?;
        let suffix = format!("/{path}");
        let mut found = candidates
            .iter()
            .filter(|(_, source)| source.ends_with(&suffix))
            .map(|(j, _)| *j);
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// Each link of article `i` and where it leads, for the page's cache key.
    pub fn key_parts(&self, site: &Site, i: usize) -> Vec<String> {
        let a = &site.articles[i];
        a.links
            .iter()
            .map(|l| match self.resolve(a, l) {
                Some(Target::Article(j, _)) => format!("{l}\0{}", site.articles[j].slug),
                Some(Target::File(out, _)) => format!("{l}\0{out}"),
                None => format!("{l}\0"),
            })
            .collect()
    }

    /// The files article `a` links that are copied next to its page.
    pub fn files(&self, a: &Article) -> Vec<(String, PathBuf)> {
        let mut files: Vec<(String, PathBuf)> = a
            .links
            .iter()
            .filter_map(|l| match self.resolve(a, l) {
                Some(Target::File(out, src)) => Some((out, src)),
                _ => None,
            })
            .collect();
        files.sort();
        files.dedup_by(|x, y| x.0 == y.0);
        files
    }

    /// `html` (article `a`'s body) with its links to seeds pointing at their articles.
    pub fn rewrite(&self, site: &Site, a: &Article, html: &str) -> String {
        let mut urls: HashMap<&str, String> = HashMap::new();
        for l in &a.links {
            if let Some(Target::Article(j, anchor)) = self.resolve(a, l) {
                let url = format!(
                    "../../{}{anchor}",
                    super::views::article_url(&site.articles[j])
                );
                urls.insert(l.as_str(), url);
            }
        }
        if urls.is_empty() {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find(" href=\"") {
            let start = at + " href=\"".len();
            let Some(len) = rest[start..].find('"') else {
                break;
            };
            out.push_str(&rest[..start]);
            let value = &rest[start..start + len];
            let written = super::unescape_html(value);
            match urls.get(written.as_str()) {
                Some(url) => out.push_str(&super::escape_html(url)),
                None => out.push_str(value),
            }
            rest = &rest[start + len..];
        }
        out.push_str(rest);
        out
    }
}

/// `a/./b/../c` -> `a/c`; `None` when `..` climbs above the start (a leading `..`
/// of a relative path is kept, so callers can tell a path that climbs).
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut climbs = 0usize;
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    climbs += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = "../".repeat(climbs);
    out.push_str(&parts.join("/"));
    (!path.starts_with('/') || climbs == 0).then_some(out)
}

/// `%20` -> ` ` (invalid escapes and non-UTF-8 results are left as written).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_paths_and_keeps_leading_climbs() {
        assert_eq!(
            normalise("seeds/a/./b/../c.md").as_deref(),
            Some("seeds/a/c.md")
        );
        assert_eq!(normalise("seeds/../../x").as_deref(), Some("../x"));
        assert_eq!(normalise("images/x.png").as_deref(), Some("images/x.png"));
    }

    #[test]
    fn decodes_percent_escapes_without_panicking_on_bad_ones() {
        assert_eq!(percent_decode("my%20file.png"), "my file.png");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
        assert_eq!(percent_decode("%e2%82%ac"), "€");
        assert_eq!(percent_decode("%ff"), "%ff");
    }
}
