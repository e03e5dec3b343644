//! Clean: one loaded seed -> one structured [`Article`].
//!
//! 1. Pick the cleaner for the format: page-text dump ([`text`]), Markdown
//!    with front matter ([`markdown`]) or saved HTML ([`html`]).
//! 2. The cleaner fills a [`Cleaned`]: body blocks, captions, credits, the
//!    metadata it found and every line it dropped (with the reason).
//! 3. [`into_article`] settles the publication (original vs. republisher) and
//!    the stated date; later stages infer dates and topics.

pub(crate) mod cjk;
pub(crate) mod credits;
pub(crate) mod dateline;
pub(crate) mod dense_scripts;
pub(crate) mod drop_caps;
pub(crate) mod endings;
pub(crate) mod html;
pub(crate) mod lang;
pub mod lines;
pub mod markdown;
pub(crate) mod meta;
pub(crate) mod names;
pub(crate) mod phrases;
pub(crate) mod simd;
pub(crate) mod stop_words;
pub(crate) mod text;
pub(crate) mod words;

use std::collections::BTreeSet;

use crate::load::LoadedSeed;
use crate::model::{
    Article, ArticleDate, Block, BlockKind, DateBasis, DroppedLine, PartialDate, SourceFormat,
};

/// What a cleaner found in one seed, before dates and topics.
#[derive(Debug, Default)]
pub struct Cleaned {
    pub title: Option<String>,
    /// A rubric or kicker above the headline ("Leaders", "The Americas | Brazil").
    pub kicker: Option<String>,
    pub dek: Option<String>,
    pub authors: Vec<String>,
    pub author_bio: Option<String>,
    pub blocks: Vec<Block>,
    pub captions: Vec<String>,
    pub credits: Vec<String>,
    pub dropped: Vec<DroppedLine>,
    /// A date the page states for the article (dateline, "Published", front matter).
    pub stated_date: Option<PartialDate>,
    /// "Updated March 14, 2021" under the headline: the article's date when the page
    /// states no other (the page says no earlier one, and the update is its newest form).
    pub updated_date: Option<PartialDate>,
    /// A date printed in the site header ("today" on a portal): an upper bound only.
    pub page_date: Option<PartialDate>,
    /// Publication named as the original ("originally published by X").
    pub original_publication: Option<String>,
    /// Publication named by a credit line ("edited by X staff", "© X").
    pub credited_publication: Option<String>,
    /// Publication named by site furniture ("connect with the X", og:site_name).
    pub masthead: Option<String>,
    /// Domain of a contact address in the site header: the site's identity of last resort.
    pub site_email_domain: Option<String>,
    pub declared_topics: Vec<String>,
    /// `slug` and `aliases` from front matter (slugified).
    pub pinned_slug: Option<String>,
    pub aliases: Vec<String>,
    pub body_html: Option<String>,
    /// Links and images of a Markdown body that name files of the project, as written.
    pub links: Vec<String>,
    /// Kinds of Hugo/Zola shortcodes dropped from a Markdown body.
    pub shortcodes: Vec<String>,
    /// Line numbers some rule has accounted for (text dumps).
    pub claimed_lines: BTreeSet<usize>,
    /// Problems to report as the seed's warnings (see [`Article::notes`]).
    pub notes: Vec<String>,
    /// The body's first paragraph is a sentence in another language that stood under the
    /// headline (text dumps; see the text cleaner's `foreign_dek_into_body`).
    pub opens_with_foreign_note: bool,
}

impl Cleaned {
    pub fn push_block(&mut self, kind: BlockKind, text: &str) {
        self.blocks.push(Block {
            kind,
            text: text.to_string(),
        });
    }

    /// Whether the body has a paragraph yet (a republication note above the first one
    /// is the header's credit, below it the article's closing sentence).
    pub fn has_paragraph(&self) -> bool {
        self.blocks.iter().any(|b| b.kind == BlockKind::Paragraph)
    }

    pub fn claim(&mut self, line: usize) {
        self.claimed_lines.insert(line);
    }
}

/// Clean one seed. Never fails: a page with nothing usable still yields an
/// article (titled after its file) so the problem is visible on the site.
pub fn clean(seed: &LoadedSeed) -> Article {
    let cleaned = match seed.format {
        // (A dump's impossible dates are among its cleaner's notes.)
        SourceFormat::Text => text::clean(&seed.text),
        SourceFormat::Markdown => markdown::clean(&seed.text),
        SourceFormat::Html => html::clean(&seed.text),
    };
    into_article(seed, cleaned)
}

/// Settle publication and stated date, and fill the article's fields.
pub fn into_article(seed: &LoadedSeed, c: Cleaned) -> Article {
    // A blog's copyright holder is its author, not its title.
    let credited = c
        .credited_publication
        .clone()
        .filter(|p| !c.authors.contains(p));
    let site_identity = credited
        .or_else(|| c.masthead.clone())
        .or_else(|| c.site_email_domain.clone());
    let (publication, republisher) = match c.original_publication {
        Some(original) => {
            let republisher = site_identity.filter(|s| *s != original);
            (Some(original), republisher)
        }
        None => (site_identity, None),
    };
    // The page's own date first; a date in the file's path is stated too (archives
    // file articles under their day), and beats anything inferred from the text.
    // The last four parts of the path: "yyyy/mm/dd/slug" at most, never the folders
    // above the project that a file given to `inspect` may sit in.
    let parts: Vec<&str> = seed.rel.rsplit('/').take(4).collect();
    let tail: Vec<&str> = parts.into_iter().rev().collect();
    let date = match (c.stated_date, dateline::path_date(&tail.join("/"))) {
        (Some(d), _) => ArticleDate {
            value: Some(d),
            basis: DateBasis::Stated,
            reason: "stated on the page".into(),
        },
        (None, Some(d)) => ArticleDate {
            value: Some(d),
            basis: DateBasis::Stated,
            reason: format!("stated in the file's path ({d})"),
        },
        (None, None) => ArticleDate::unknown(),
    };
    let title = c
        .title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| seed.stem.clone());
    Article {
        source: seed.rel.clone(),
        format: seed.format,
        slug: String::new(),
        title,
        kicker: c.kicker,
        dek: c.dek,
        authors: dedupe(c.authors),
        author_bio: c.author_bio,
        publication,
        republisher,
        date,
        page_date: c.page_date,
        blocks: c.blocks,
        captions: dedupe(c.captions),
        credits: c.credits,
        declared_topics: c.declared_topics,
        pinned_slug: c.pinned_slug,
        aliases: c.aliases,
        topics: Vec::new(),
        body_html: c.body_html,
        links: c.links,
        shortcodes: c.shortcodes,
        dropped: c.dropped,
        notes: c.notes,
        path: seed.path.clone(),
        derived: Default::default(),
        stashed: None,
    }
}

/// The seed's text kept whole, as paragraphs, titled after its file: what is left
/// when cleaning failed ([`crate::process_guarded`]). HTML loses its tags (a plain
/// scan, nothing that could fail the same way); nothing is dropped or reordered.
pub fn uncleaned(seed: &LoadedSeed) -> Article {
    let text = match seed.format {
        SourceFormat::Html => strip_tags(&seed.text),
        SourceFormat::Text | SourceFormat::Markdown => seed.text.clone(),
    };
    let mut c = Cleaned::default();
    let mut paragraph = String::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.is_empty() {
            if !paragraph.is_empty() {
                c.push_block(BlockKind::Paragraph, &paragraph);
                paragraph.clear();
            }
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line);
        }
    }
    into_article(seed, c)
}

/// Text outside `<...>` tags, and outside `<script>` and `<style>` elements.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag = &rest[open..];
        let skip_to = ["script", "style"].iter().find_map(|name| {
            let head = tag.get(1..1 + name.len())?;
            if !head.eq_ignore_ascii_case(name) {
                return None;
            }
            tag.match_indices("</").map(|(i, _)| i).find(|&i| {
                tag.as_bytes()
                    .get(i + 2..i + 2 + name.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()))
            })
        });
        let from = skip_to.unwrap_or(0);
        match tag[from..].find('>') {
            Some(close) => {
                out.push('\n');
                rest = &tag[from + close + 1..];
            }
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn dedupe(items: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|s| seen.insert(s.clone()))
        .collect()
}
