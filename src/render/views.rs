//! View structs: what templates see. Built from the site model, never the
//! domain types themselves, so templates stay stable as the model grows.

use std::collections::HashSet;

use serde::Serialize;

use crate::base::urls;
use crate::config::Config;
use crate::model::{Article, BlockKind, DateBasis, PartialDate};
use crate::render::{escape_html, unescape_html};
use crate::site::Site;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub fn month_name(m: u32) -> &'static str {
    MONTH_NAMES[(m.clamp(1, 12) - 1) as usize]
}

#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub language: String,
    pub base_url: String,
}

impl SiteView {
    pub fn new(c: &Config) -> SiteView {
        SiteView {
            title: c.title.clone(),
            description: c.description.clone(),
            language: c.language.clone(),
            base_url: c.base_url.clone(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub title: String,
    /// Relative to the site root, ending in `/` ("articles/slug/").
    pub url: String,
}

#[derive(Serialize, Clone)]
pub struct TopicBadge {
    pub id: String,
    pub label: String,
    pub url: String,
    pub score: f64,
    pub evidence: Vec<String>,
    /// Palette slot for the topic's colour ([`topic_hue`]).
    pub hue: usize,
}

/// Topic colours cycle through this many palette slots (`.hue-0` .. `.hue-7` in style.css).
/// Topics are user-configurable, so a topic's colour comes from its position in
/// `book.toml`; the built-in topics also have rules keyed by id (`.topic-<id>`).
pub const TOPIC_HUES: usize = 8;

pub fn topic_hue(config: &Config, id: &str) -> usize {
    config.topics.iter().position(|t| t.id == id).unwrap_or(0) % TOPIC_HUES
}

#[derive(Serialize, Clone)]
pub struct DateView {
    /// "June 12, 2025", "≈ June 2025" (inferred), "Undated".
    pub display: String,
    /// ISO form for `<time datetime>`; empty when undated.
    pub iso: String,
    pub basis: &'static str,
    pub reason: String,
    pub url: String,
    /// The archive page the date belongs to: "June 2025" or "Undated" (breadcrumbs).
    pub month: String,
}

/// One article as a list entry (index pages) or as the page itself.
#[derive(Serialize, Clone)]
pub struct ArticleView {
    pub title: String,
    pub url: String,
    /// The rubric above the headline (article pages only).
    pub kicker: Option<String>,
    pub dek: Option<String>,
    pub authors: Vec<Link>,
    pub author_bio: Option<String>,
    pub publication: Option<String>,
    pub publication_url: Option<String>,
    pub republisher: Option<String>,
    pub republisher_url: Option<String>,
    pub date: DateView,
    pub topics: Vec<TopicBadge>,
    pub summary: String,
    pub word_count: usize,
    pub reading_minutes: usize,
    pub source: String,
    /// On a topic page: the sentences that earned this article the topic.
    pub topic_evidence: Vec<String>,
}

#[derive(Serialize)]
pub struct SourceView {
    pub publication: Option<String>,
    pub source: String,
}

#[derive(Serialize)]
pub struct ArticlePage {
    pub article: ArticleView,
    pub related: Vec<Link>,
    /// Other outlets' copies of this piece, folded into this page.
    pub other_sources: Vec<SourceView>,
    /// People and organisations the article names (links to their pages).
    pub people: Vec<Link>,
    pub organisations: Vec<Link>,
    pub captions: Vec<String>,
    pub credits: Vec<String>,
    /// Safe HTML: built from escaped blocks, or sanitised Markdown.
    pub body_html: String,
    pub older: Option<Link>,
    pub newer: Option<Link>,
    /// On-page contents (links to the body's h2s); empty for short pieces.
    pub toc: Vec<Link>,
}

/// Page n of a long list: the first page keeps the list's own URL, later ones are `page/<n>/`.
#[derive(Serialize)]
pub struct Pagination {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbered links: the first and last pages and a window around the current one
    /// ([`PAGE_WINDOW`] each side), with a gap entry where numbers are left out.
    pub pages: Vec<PageLink>,
}

/// Page numbers linked on each side of the current page. Linking every page made a
/// 1,000-page list (a topic of a 100,000-article briefing) write a million links, and
/// a bar of a thousand numbers helps nobody; prev/next and first/last reach them all.
pub const PAGE_WINDOW: usize = 2;

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Stands for the pages left out here ("…"); `number` and `url` are then empty.
    pub gap: bool,
}

impl Pagination {
    pub fn new(base: &str, current: usize, total: usize) -> Pagination {
        let low = current.saturating_sub(PAGE_WINDOW).max(1);
        let high = (current + PAGE_WINDOW).min(total);
        // A gap hides at least two numbers: one number would take no more room than "…".
        let mut numbers: Vec<usize> = Vec::new();
        numbers.push(1);
        numbers.extend(if low <= 3 { 2..low } else { 0..0 });
        numbers.extend(low.max(2)..=high);
        numbers.extend(if high + 2 >= total {
            high + 1..total
        } else {
            0..0
        });
        if total > 1 {
            numbers.push(total);
        }
        numbers.dedup();
        let mut pages = Vec::with_capacity(numbers.len() + 2);
        for (k, &n) in numbers.iter().enumerate() {
            if k > 0 && n > numbers[k - 1] + 1 {
                pages.push(PageLink {
                    number: 0,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
            pages.push(PageLink {
                number: n,
                url: page_url(base, n),
                current: n == current,
                gap: false,
            });
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| page_url(base, current - 1)),
            next: (current < total).then(|| page_url(base, current + 1)),
            pages,
        }
    }
}

/// URL of page `n` (1-based) of the list at `base` ("authors/x/").
pub fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

pub fn date_view(a: &Article) -> DateView {
    match (a.date.value, a.date.basis) {
        (Some(d), basis) if basis != DateBasis::Unknown => {
            let inferred = basis == DateBasis::Inferred;
            let text = match d.day {
                Some(day) if !inferred => format!("{} {}, {}", month_name(d.month), day, d.year),
                _ => format!("{} {}", month_name(d.month), d.year),
            };
            DateView {
                display: if inferred {
                    format!("≈ {text}")
                } else {
                    text
                },
                iso: d.to_string(),
                basis: basis_name(basis),
                reason: a.date.reason.clone(),
                url: month_url(d),
                month: format!("{} {}", month_name(d.month), d.year),
            }
        }
        _ => DateView {
            display: "Undated".into(),
            iso: String::new(),
            basis: "unknown",
            reason: a.date.reason.clone(),
            url: urls::UNDATED.into(),
            month: "Undated".into(),
        },
    }
}

pub fn basis_name(b: DateBasis) -> &'static str {
    match b {
        DateBasis::Stated => "stated",
        DateBasis::Inferred => "inferred",
        DateBasis::Override => "override",
        DateBasis::Unknown => "unknown",
    }
}

pub fn month_url(d: PartialDate) -> String {
    urls::month(d.year, d.month)
}

pub fn article_url(a: &Article) -> String {
    urls::article(&a.slug)
}

/// The view of an article's own page: its list entry plus the author's bio and the
/// sentences that earned each topic.
pub fn article_view(config: &Config, a: &Article) -> ArticleView {
    let mut view = list_entry(config, a);
    view.author_bio = a.author_bio.clone();
    view.kicker = a.kicker.clone();
    for badge in &mut view.topics {
        if let Some(tag) = a.topics.iter().find(|t| t.id == badge.id) {
            badge.evidence = tag.evidence.clone();
        }
    }
    view
}

/// An article as a list shows it: no author bio and no evidence sentences on its
/// badges (fifty entries' worth of them made up most of a list page's context).
pub fn list_entry(config: &Config, a: &Article) -> ArticleView {
    let summary = clip_words(&a.derived.lead, 45);
    let words = a.word_count();
    ArticleView {
        title: a.title.clone(),
        url: article_url(a),
        kicker: None,
        dek: a.dek.clone(),
        authors: a
            .authors
            .iter()
            .map(|n| Link {
                title: n.clone(),
                url: urls::author(&crate::slug::slugify(n)),
            })
            .collect(),
        author_bio: None,
        publication: a.publication.clone(),
        publication_url: a
            .publication
            .as_ref()
            .map(|p| urls::publication(&crate::slug::slugify(p))),
        republisher: a.republisher.clone(),
        republisher_url: a
            .republisher
            .as_ref()
            .map(|p| urls::publication(&crate::slug::slugify(p))),
        date: date_view(a),
        topics: a
            .topics
            .iter()
            .filter_map(|t| {
                config.topic(&t.id).map(|def| TopicBadge {
                    id: t.id.clone(),
                    label: def.label.clone(),
                    url: urls::topic(&t.id),
                    score: t.score,
                    evidence: Vec::new(),
                    hue: topic_hue(config, &t.id),
                })
            })
            .collect(),
        summary,
        word_count: words,
        reading_minutes: a.derived.reading_minutes.max(1),
        source: a.source.clone(),
        topic_evidence: Vec::new(),
    }
}

fn clip_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= n {
        text.to_string()
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

/// The page of article `i`; `a` is that article with its body (see `cache::BodyStore`).
pub fn article_page(config: &Config, site: &Site, i: usize, a: &Article) -> ArticlePage {
    let (older, newer) = site.neighbours[i];
    let link = |j: usize| Link {
        title: site.articles[j].title.clone(),
        url: article_url(&site.articles[j]),
    };
    let entity_links = |kind| -> Vec<Link> {
        site.article_entities[i]
            .iter()
            .map(|&e| &site.entities[e])
            .filter(|e| e.kind == kind)
            .map(|e| Link {
                title: e.name.clone(),
                url: urls::person(&e.slug),
            })
            .collect()
    };
    let (body_html, mut toc) = anchor_headings(&body_html(a));
    if toc.len() < TOC_MIN_SECTIONS {
        toc.clear();
    }
    ArticlePage {
        article: article_view(config, a),
        related: site.related[i].iter().map(|&j| link(j)).collect(),
        other_sources: site.other_sources[i]
            .iter()
            .map(|o| SourceView {
                publication: o.publication.clone(),
                source: o.source.clone(),
            })
            .collect(),
        people: entity_links(crate::enrich::entities::EntityKind::Person),
        organisations: entity_links(crate::enrich::entities::EntityKind::Organisation),
        captions: a.captions.clone(),
        credits: a.credits.clone(),
        body_html,
        older: older.map(link),
        newer: newer.map(link),
        toc,
    }
}

/// A contents list pays off from three sections up; shorter pieces read top to bottom.
pub const TOC_MIN_SECTIONS: usize = 3;

/// Ids the templates use on an article page; body headings never take them.
const RESERVED_IDS: &[&str] = &["main", "contents-h", "topics-h", "theme-toggle"];

/// Give each body heading (`<h2>` to `<h6>`) a unique slug id, so links between
/// seeds (`other.md#section`) find it, and list the `<h2>`s for the contents.
/// The page's headline is its only h1, so a body `<h1>` (Markdown `#`) becomes an h2.
pub fn anchor_headings(html: &str) -> (String, Vec<Link>) {
    let html = html.replace("<h1", "<h2").replace("</h1>", "</h2>");
    let mut used: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut out = String::with_capacity(html.len() + 256);
    let mut toc = Vec::new();
    let mut rest = html.as_str();
    while let Some((start, level)) = next_heading(rest) {
        let open = format!("<h{level}>");
        let close = format!("</h{level}>");
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(&close) else {
            break;
        };
        let inner = &after[..end];
        let title = unescape_html(&strip_tags(inner)).trim().to_string();
        let base = crate::slug::slugify(&title);
        let mut id = base.clone();
        let mut n = 1;
        while !used.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        out.push_str(&rest[..start]);
        out.push_str(&format!("<h{level} id=\"{id}\">{inner}{close}"));
        if level == '2' {
            toc.push(Link {
                title,
                url: format!("#{id}"),
            });
        }
        rest = &after[end + close.len()..];
    }
    out.push_str(rest);
    (out, toc)
}

/// Where the next `<h2>`..`<h6>` without attributes opens in `html`, and its level.
fn next_heading(html: &str) -> Option<(usize, char)> {
    let b = html.as_bytes();
    let mut from = 0;
    while let Some(at) = html[from..].find("<h") {
        let i = from + at;
        if let (Some(&d), Some(b'>')) = (b.get(i + 2), b.get(i + 3)) {
            if (b'2'..=b'6').contains(&d) {
                return Some((i, d as char));
            }
        }
        from = i + 2;
    }
    None
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The body as HTML: Markdown seeds bring sanitised HTML; other seeds are built from blocks, escaped.
pub fn body_html(a: &Article) -> String {
    if let Some(html) = &a.body_html {
        return html.clone();
    }
    let mut out = String::new();
    let mut in_list = false;
    for b in &a.blocks {
        if in_list && b.kind != BlockKind::List {
            out.push_str("</ul>\n");
            in_list = false;
        }
        let text = escape_html(&b.text);
        match b.kind {
            BlockKind::Paragraph => out.push_str(&format!("<p>{text}</p>\n")),
            BlockKind::Heading => out.push_str(&format!("<h2>{text}</h2>\n")),
            BlockKind::Quote => out.push_str(&format!("<blockquote><p>{text}</p></blockquote>\n")),
            BlockKind::List => {
                if !in_list {
                    out.push_str("<ul>\n");
                    in_list = true;
                }
                out.push_str(&format!("<li>{text}</li>\n"));
            }
        }
    }
    if in_list {
        out.push_str("</ul>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers a pagination bar shows, 0 for a gap.
    fn bar(current: usize, total: usize) -> Vec<usize> {
        Pagination::new("topics/x/", current, total)
            .pages
            .iter()
            .map(|p| if p.gap { 0 } else { p.number })
            .collect()
    }

    #[test]
    fn pagination_links_first_last_and_a_window_around_the_current_page() {
        assert_eq!(bar(1, 1), vec![1]);
        assert_eq!(bar(2, 3), vec![1, 2, 3]);
        assert_eq!(bar(1, 1000), vec![1, 2, 3, 0, 1000]);
        assert_eq!(bar(500, 1000), vec![1, 0, 498, 499, 500, 501, 502, 0, 1000]);
        assert_eq!(bar(1000, 1000), vec![1, 0, 998, 999, 1000]);
        // A gap never hides a single number: "1 … 3" would be as long as "1 2 3".
        assert_eq!(bar(5, 9), vec![1, 2, 3, 4, 5, 6, 7, 8, 9]);
        assert_eq!(bar(6, 20), vec![1, 0, 4, 5, 6, 7, 8, 0, 20]);
        // Bounded whatever the list's length, and every link is to the right page.
        for total in [1, 2, 7, 50, 100_000] {
            for current in [1, 2.min(total), total / 2 + 1, total] {
                let p = Pagination::new("topics/x/", current, total);
                assert!(p.pages.len() <= 2 * PAGE_WINDOW + 5, "{current}/{total}");
                assert_eq!(p.pages.iter().filter(|l| l.current).count(), 1);
                for l in p.pages.iter().filter(|l| !l.gap) {
                    assert_eq!(l.url, page_url("topics/x/", l.number));
                }
            }
        }
    }

    #[test]
    fn anchors_body_h2s_with_unique_slugs_and_lists_them() {
        let (html, toc) = anchor_headings(
            "<p>x</p>\n<h2>Why &amp; how</h2>\n<p>y</p>\n<h2>Why &amp; how</h2>\n<h2>Main</h2>\n",
        );
        assert_eq!(
            html,
            "<p>x</p>\n<h2 id=\"why-how\">Why &amp; how</h2>\n<p>y</p>\n\
             <h2 id=\"why-how-2\">Why &amp; how</h2>\n<h2 id=\"main-2\">Main</h2>\n"
        );
        let toc: Vec<_> = toc
            .iter()
            .map(|l| (l.title.as_str(), l.url.as_str()))
            .collect();
        assert_eq!(
            toc,
            [
                ("Why & how", "#why-how"),
                ("Why & how", "#why-how-2"),
                ("Main", "#main-2")
            ]
        );
    }

    #[test]
    fn demotes_body_h1_to_h2_and_strips_inline_markup_from_contents() {
        let (html, toc) = anchor_headings("<h1>A <em>big</em> idea</h1>");
        assert_eq!(html, "<h2 id=\"a-big-idea\">A <em>big</em> idea</h2>");
        assert_eq!(toc[0].title, "A big idea");
    }

    #[test]
    fn paginates_with_first_page_at_the_list_url() {
        let p = Pagination::new("authors/x/", 2, 3);
        assert_eq!(p.prev.as_deref(), Some("authors/x/"));
        assert_eq!(p.next.as_deref(), Some("authors/x/page/3/"));
        let urls: Vec<_> = p.pages.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(
            urls,
            ["authors/x/", "authors/x/page/2/", "authors/x/page/3/"]
        );
        assert!(p.pages[1].current && !p.pages[0].current);
    }
}
