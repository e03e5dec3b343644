//! Plain data that flows through the pipeline: no I/O, no behaviour beyond
//! small accessors. Every stage after `clean` reads and extends an [`Article`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// What kind of file a seed was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    /// A page-text dump: the text of a web page as a browser copies it.
    Text,
    /// Markdown with optional TOML (`+++`) or YAML (`---`) front matter.
    Markdown,
    /// A saved web page.
    Html,
}

/// One block of cleaned body text, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    #[serde(rename = "type")]
    pub kind: BlockKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    List,
}

/// A date known to the day, or only to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
}

impl PartialDate {
    /// A date that exists on the calendar (checked with chrono: no February 30), with
    /// a four-digit year, as TOML, RFC 3339 (Atom) and `<time datetime>` require.
    /// Every date dossier builds goes through here.
    pub fn new(year: i32, month: u32, day: Option<u32>) -> Option<PartialDate> {
        let real = (1..=9999).contains(&year)
            && chrono::NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1)).is_some();
        real.then_some(PartialDate { year, month, day })
    }

    pub fn month_only(self) -> PartialDate {
        PartialDate { day: None, ..self }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, d),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

/// Where an article's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateBasis {
    /// The page states it (dateline, "Published" line, front matter, `<meta>`).
    Stated,
    /// Worked out from the text to month precision; `reason` says how.
    Inferred,
    /// Set by a sidecar override file.
    Override,
    /// Nothing to go on: the article is "undated".
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    pub value: Option<PartialDate>,
    pub basis: DateBasis,
    pub reason: String,
}

impl ArticleDate {
    pub fn unknown() -> ArticleDate {
        ArticleDate {
            value: None,
            basis: DateBasis::Unknown,
            reason: "no date stated or inferable".into(),
        }
    }
}

/// A topic assigned to an article, with why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicTag {
    pub id: String,
    pub score: f64,
    pub evidence: Vec<String>,
}

/// A line the cleaner removed, and the rule that removed it (for `inspect --explain`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedLine {
    pub line: usize,
    pub text: String,
    pub reason: String,
}

/// A cleaned article: the unit every later stage works on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Path of the seed, relative to the project root (forward slashes).
    pub source: String,
    pub format: SourceFormat,
    pub slug: String,
    pub title: String,
    /// A rubric or kicker printed above the headline (Markdown seeds).
    #[serde(default)]
    pub kicker: Option<String>,
    pub dek: Option<String>,
    pub authors: Vec<String>,
    pub author_bio: Option<String>,
    pub publication: Option<String>,
    /// The site that republished the piece, when it says it was "originally published by" another.
    pub republisher: Option<String>,
    pub date: ArticleDate,
    /// A date printed in the site header (a portal's "today"): an upper bound for inference.
    pub page_date: Option<PartialDate>,
    pub blocks: Vec<Block>,
    pub captions: Vec<String>,
    pub credits: Vec<String>,
    /// Topic ids given in front matter or a sidecar; added to the tagger's results.
    pub declared_topics: Vec<String>,
    /// A slug set in front matter or a sidecar (`slug = "..."`), used instead of the
    /// title's, so a title can change without moving the article.
    #[serde(default)]
    pub pinned_slug: Option<String>,
    /// Old slugs listed in front matter or a sidecar (`aliases = [...]`): each becomes
    /// a page that redirects here (see [`crate::aliases`]).
    #[serde(default)]
    pub aliases: Vec<String>,
    pub topics: Vec<TopicTag>,
    /// Rendered HTML of a Markdown body (sanitised); text and HTML seeds render from `blocks`.
    pub body_html: Option<String>,
    /// Links and images of a Markdown body that name files of the project, as
    /// written (`../other.md#x`, `@/docs/x.md`, `./images/a.png`): the render stage
    /// resolves them to articles' pages or copies the files (see `render::seed_files`).
    #[serde(default)]
    pub links: Vec<String>,
    /// Kinds of Hugo/Zola shortcodes dropped from a Markdown body (the build names
    /// each kind once).
    #[serde(default)]
    pub shortcodes: Vec<String>,
    pub dropped: Vec<DroppedLine>,
    /// Problems with the seed the reader should hear about (front matter that does not
    /// parse, an impossible date, cleaning that failed): every build reports each as the
    /// seed's warning, whether the article was cleaned now or came from the cache.
    #[serde(default)]
    pub notes: Vec<String>,
    /// Absolute path of the seed on disk (for messages).
    pub path: PathBuf,
    /// What the site-wide stages need from the body, worked out once per seed
    /// (in parallel, and cached with the article), so they never re-read bodies.
    #[serde(default)]
    pub derived: Derived,
    /// Where the body (blocks, `body_html`, captions, credits) went when the build
    /// moved it to the cache's body store; those fields are empty meanwhile.
    #[serde(skip)]
    pub stashed: Option<BodyRef>,
}

/// (term id, occurrences) pairs, stored as two arrays: five bytes a term rather than
/// eight, which is a fifth of what a 100,000-article build holds in memory. Counts
/// saturate at 255 (a weight that high is decided by then).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermCounts {
    ids: Vec<u32>,
    counts: Vec<u8>,
}

impl TermCounts {
    pub fn new(pairs: &[(u32, u32)]) -> TermCounts {
        TermCounts {
            ids: pairs.iter().map(|p| p.0).collect(),
            counts: pairs.iter().map(|p| p.1.min(255) as u8).collect(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.ids
            .iter()
            .zip(&self.counts)
            .map(|(&t, &c)| (t, c as u32))
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// Facts about an article's body that index pages, feeds, search, related
/// articles, near-duplicates, people and digests use. See [`crate::enrich::derive`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Derived {
    pub word_count: usize,
    /// See [`crate::enrich::derive::measure`]: CJK text is read by characters.
    #[serde(default)]
    pub reading_minutes: usize,
    /// The first paragraph's text (list summaries, feed entries).
    pub lead: String,
    /// The first block's text, cut to a search result's length.
    pub search_summary: String,
    /// MinHash signature of the body's word shingles; empty for bodies too short to compare.
    pub minhash: Vec<u32>,
    /// Search terms of the title, body and authors with their occurrences, by vocabulary id
    /// (see [`crate::enrich::vocab::Vocab`]), sorted by id.
    pub terms: TermCounts,
    /// The same terms as words, between deriving and interning (never cached).
    #[serde(skip)]
    pub term_words: Vec<(String, u32)>,
    /// Sentences naming a candidate person or organisation, and the candidates.
    pub mention_sentences: Vec<String>,
    pub mentions: Vec<Candidate>,
    /// The first sentences citing figures, with the figures (topic digests).
    pub figures: Vec<(String, Vec<String>)>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
}

/// A name found in one sentence of one article: merged across the corpus by
/// `enrich::entities::merge`. Defined here, with [`EntityKind`], because [`Derived`] holds it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// The name as written here.
    pub written: String,
    /// Found as an organisation (an institution word ends it).
    pub org: bool,
    /// For other names: the kind the name itself shows, if any.
    pub kind: Option<EntityKind>,
    /// A person signal beside it (title, reporting verb, apposition).
    pub person: bool,
    pub quoted: bool,
    /// Index into the article's `mention_sentences`.
    pub sentence: u32,
}

/// Where a body is in the cache's body store (`bodies.bin`): offset and length.
/// (Named fields; bincode writes them as it wrote the `(u64, u32)` this was, so the
/// cache files of earlier builds still read.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BodyRef {
    pub offset: u64,
    pub len: u32,
}

impl Article {
    /// The byline as shown: "A", "A and B", "A, B and C".
    pub fn author_line(&self) -> Option<String> {
        match self.authors.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [init @ .., last] => Some(format!("{} and {}", init.join(", "), last)),
        }
    }

    pub fn word_count(&self) -> usize {
        self.derived.word_count
    }

    /// The body as plain text, blocks separated by blank lines.
    pub fn body_text(&self) -> String {
        let texts: Vec<&str> = self.blocks.iter().map(|b| b.text.as_str()).collect();
        texts.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::PartialDate;

    #[test]
    fn rejects_dates_that_do_not_exist() {
        assert_eq!(PartialDate::new(2025, 2, Some(30)), None);
        assert_eq!(PartialDate::new(2025, 2, Some(29)), None);
        assert!(PartialDate::new(2024, 2, Some(29)).is_some());
        assert_eq!(PartialDate::new(2025, 13, None), None);
        assert_eq!(PartialDate::new(2025, 0, None), None);
        assert_eq!(PartialDate::new(12025, 1, None), None);
        assert_eq!(
            PartialDate::new(2025, 6, None).map(|d| d.to_string()),
            Some("2025-06".to_string())
        );
    }
}
