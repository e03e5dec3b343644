//! The headline of a saved page: the `<h1>` a reader sees, checked against what the
//! page's metadata calls the article.
//!
//! Publishers write several titles: JSON-LD `headline`, `og:title`, `twitter:title`,
//! `<title>` (usually with " - Site Name" after it) and the visible `<h1>`. The social
//! and search titles are often rewritten for sharing ("What we learned from ...") while
//! the `<h1>` is the article's own; but a page has other `<h1>`s too (the logo, ads,
//! "Newsletter"). So:
//!
//! 1. Each `<h1>`, in document order, that some metadata title confirms is the headline:
//!    the same text, or one sharing most of its words (a rewritten social title).
//!    An `<h1>` that ends with a metadata title has a section label or kicker glued
//!    before it ("Local News | Headline"): the metadata title is the headline.
//! 2. No `<h1>` confirmed: the metadata titles in order (JSON-LD, og, twitter,
//!    `<title>`), each without a trailing site name, then the first `<h1>`.

use scraper::{Html, Selector};

use super::blocks::collapse;

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}

/// Separators publishers put between a title and the site's name.
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// Fewest shared words that confirm an `<h1>` by overlap: fewer, and "Politico" in the
/// `<h1>` would be confirmed by "Headline - Politico" in `<title>`.
const MIN_SHARED_WORDS: usize = 4;

/// The headline of the page. `ld_headline` is JSON-LD's, `site_names` what the page
/// calls itself (og:site_name, publisher), used to strip a title's " - Site" tail.
pub(super) fn choose(
    doc: &Html,
    ld_headline: Option<String>,
    meta: &[Option<String>],
    site_names: &[String],
) -> Option<String> {
    let document_title = doc
        .select(&sel("title"))
        .map(|t| collapse(&t.text().collect::<String>()))
        .find(|t| !t.is_empty());
    let titles: Vec<String> = ld_headline
        .into_iter()
        .chain(meta.iter().flatten().cloned())
        .chain(document_title)
        .map(|t| decode_entities(&t))
        .filter(|t| !t.is_empty())
        .collect();
    let candidates: Vec<String> = titles
        .iter()
        .cloned()
        .chain(titles.iter().filter_map(|t| strip_site_name(t, site_names)))
        .collect();

    let h1s: Vec<String> = doc
        .select(&sel("h1"))
        .map(|h| collapse(&h.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect();
    for h1 in &h1s {
        let key = fold(h1);
        if candidates.iter().any(|c| fold(c) == key) {
            return Some(h1.clone());
        }
        if let Some(c) = candidates
            .iter()
            .find(|c| c.chars().count() >= 12 && key.ends_with(&fold(c)))
        {
            return Some(c.clone());
        }
        if candidates.iter().any(|c| similar(h1, c)) {
            return Some(h1.clone());
        }
    }
    // Metadata titles in their order of trust, without a site name where one was found.
    titles
        .first()
        .map(|t| strip_site_name(t, site_names).unwrap_or_else(|| t.clone()))
        .or_else(|| h1s.into_iter().next())
}

/// Case- and space-insensitive text with typographic quotes made plain.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn words(s: &str) -> Vec<String> {
    let mut w: Vec<String> = fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    w.sort();
    w.dedup();
    w
}

/// Two titles of the same article: they share at least [`MIN_SHARED_WORDS`] words and
/// 60% of the shorter one's.
fn similar(a: &str, b: &str) -> bool {
    let (wa, wb) = (words(a), words(b));
    let shared = wa.iter().filter(|w| wb.binary_search(w).is_ok()).count();
    let shorter = wa.len().min(wb.len());
    shared >= MIN_SHARED_WORDS && shared * 10 >= shorter * 6
}

/// "Headline - Site Name" -> "Headline", when the tail is the site's name (as the page
/// states it) or, with no name stated, the last of at least two short segments.
pub(super) fn strip_site_name(title: &str, site_names: &[String]) -> Option<String> {
    let (at, sep) = SITE_SEPARATORS
        .iter()
        .filter_map(|s| title.rfind(s).map(|i| (i, *s)))
        .max_by_key(|(i, _)| *i)?;
    let (head, tail) = (title[..at].trim(), title[at + sep.len()..].trim());
    let tail_key = compact(tail);
    let named = site_names.iter().any(|n| {
        let n = compact(n);
        !n.is_empty() && (tail_key.starts_with(&n) || n.starts_with(&tail_key))
    });
    // A site name is a few words; the headline in front of it is longer.
    let short_tail = tail.split_whitespace().count() <= 4;
    let long_head = head.split_whitespace().count() >= 4;
    (long_head && (named || (site_names.is_empty() && short_tail))).then(|| head.to_string())
}

/// Letters and digits only, lower-cased: "Harper's Magazine" -> "harpersmagazine".
fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Character references left in metadata text ("Arnault&#8217;s"): some sites escape
/// their JSON-LD twice.
pub(super) fn decode_entities(s: &str) -> String {
    let s = s.trim();
    if !s.contains('&') {
        return s.to_string();
    }
    let fragment = Html::parse_fragment(s);
    collapse(&fragment.root_element().text().collect::<String>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> Html {
        Html::parse_document(&format!(
            "<html><head>{head}</head><body>{body}</body></html>"
        ))
    }

    #[test]
    fn the_visible_headline_beats_a_rewritten_social_title() {
        let doc = page(
            r#"<meta property="og:title" content="What we learned from the long interview">"#,
            "<h1>Logo</h1><h1>The split, the family and 11 things we learned from the long interview</h1>",
        );
        let og = Some("What we learned from the long interview".to_string());
        assert_eq!(
            choose(&doc, None, &[og], &[]).as_deref(),
            Some("The split, the family and 11 things we learned from the long interview")
        );
    }

    #[test]
    fn a_section_label_glued_before_the_headline_is_not_part_of_it() {
        let doc = page(
            "",
            "<h1>Local News | Council approves the new bridge plan</h1>",
        );
        let og = Some("Council approves the new bridge plan".to_string());
        assert_eq!(
            choose(&doc, None, &[og], &[]).as_deref(),
            Some("Council approves the new bridge plan")
        );
    }

    #[test]
    fn an_unconfirmed_h1_loses_to_the_metadata_title_without_its_site_name() {
        let doc = page(
            "<title>Rivers rise after a week of rain - Valley Courier</title>",
            "<h1>Donate</h1>",
        );
        let names = vec!["Valley Courier".to_string()];
        assert_eq!(
            choose(&doc, None, &[], &names).as_deref(),
            Some("Rivers rise after a week of rain")
        );
    }

    #[test]
    fn a_dash_inside_a_headline_is_kept_without_a_site_name_to_match() {
        let names = vec!["Valley Courier".to_string()];
        assert_eq!(
            strip_site_name("Floods - what the new maps show about risk", &names),
            None
        );
    }

    #[test]
    fn decodes_escaped_quotes() {
        assert_eq!(decode_entities("Arnault&#8217;s gift"), "Arnault’s gift");
    }
}
