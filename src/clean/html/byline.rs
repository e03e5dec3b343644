//! Authors of a saved page, from the signals any publisher uses, most explicit first:
//!
//! 1. JSON-LD `author` (people only; see [`super::meta::read_json_ld`]).
//! 2. `<meta>` author keys: `author`, `article:author`, Dublin Core, citation,
//!    Parse.ly and Sailthru.
//! 3. The visible byline: `rel=author`, `itemprop=author`, and elements whose class or
//!    test id says byline or author name, read as a byline line is in a page dump.
//!
//! A name that is the site's own ("CNN", "The Economist") is the publisher, not an
//! author; a profile URL or a `@handle` is no name.

use scraper::{ElementRef, Html, Selector};

use super::blocks::collapse;
use super::meta_tags::meta_contents;
use crate::clean::meta::{byline_names, is_person_name, normalise_name};

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}

const META_KEYS: &[&str] = &[
    "author",
    "article:author",
    "og:article:author",
    "article:author_name",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "parsely-author",
    "sailthru.author",
    "byl",
];

/// Elements that hold a visible byline.
const BYLINE_CSS: &str = "[rel=author], [itemprop=author], [class*=byline], [class*=Byline], \
     [data-testid*=byline], [class*=author-name], [class*=authorname], [class*=author__name], \
     [class*=full-name], [class*=contributors--author]";

/// Longest byline element text read: more is an author box with a bio, or a container.
const MAX_BYLINE_CHARS: usize = 120;

pub(super) fn authors(doc: &Html, ld: Vec<String>, site_names: &[String]) -> Vec<String> {
    let mut sources = vec![clean_names(ld, site_names)];
    sources.extend(
        META_KEYS
            .iter()
            .map(|key| clean_names(meta_contents(doc, key), site_names)),
    );
    sources.push(visible_byline(doc, site_names));
    sources.retain(|s| !s.is_empty());
    // A source another one confirms wins: a CMS's JSON-LD author is now and then the
    // producer who posted the story, while the byline and the analytics tags agree on
    // the reporters. Unconfirmed, the first that names people, then any.
    let confirmed = (0..sources.len()).find(|&i| {
        sources
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && sources[i].iter().any(|n| other.contains(n)))
    });
    let chosen = confirmed
        .or_else(|| {
            sources
                .iter()
                .position(|s| s.iter().any(|n| is_person_name(n)))
        })
        .or((!sources.is_empty()).then_some(0));
    chosen.map(|i| sources.swap_remove(i)).unwrap_or_default()
}

/// Names from author strings: URLs, handles and the site's own name dropped; a list
/// ("A, B and C") split; an outlet after the names ("Jane Doe, CNN") left out.
fn clean_names(raw: Vec<String>, site_names: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in raw {
        let r = collapse(&r);
        if r.is_empty() || r.contains("://") || r.starts_with('@') || is_site(&r, site_names) {
            continue;
        }
        let parts: Vec<String> = r
            .split([',', ';', '&'])
            .flat_map(|p| p.split(" and "))
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let people: Vec<String> = parts
            .iter()
            .filter(|p| is_person_name(p) && !is_site(p, site_names))
            .map(|p| normalise_name(p))
            .collect();
        // Nobody in it reads as a person: an agency or desk credit ("AFP/The Local").
        let names = if people.is_empty() { vec![r] } else { people };
        for n in names {
            if !out.contains(&n) {
                out.push(n);
            }
        }
    }
    out
}

/// Whether `name` is what the site calls itself (letters and digits compared).
fn is_site(name: &str, site_names: &[String]) -> bool {
    let key = compact(name.trim_start_matches("The ").trim_start_matches("the "));
    !key.is_empty()
        && site_names.iter().any(|s| {
            let s = compact(s.trim_start_matches("The ").trim_start_matches("the "));
            !s.is_empty() && (s == key || s.starts_with(&key) && key.len() >= 3)
        })
}

fn compact(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn visible_byline(doc: &Html, site_names: &[String]) -> Vec<String> {
    for e in doc.select(&sel(BYLINE_CSS)) {
        if inside_teaser(&e) {
            continue;
        }
        let text = collapse(&e.text().collect::<String>());
        if text.is_empty() || text.chars().count() > MAX_BYLINE_CHARS {
            continue;
        }
        let names = byline_names(&text).or_else(|| {
            let bare = text.trim_end_matches([',', '|']).trim();
            is_person_name(bare).then(|| vec![normalise_name(bare)])
        });
        let names: Vec<String> = names
            .unwrap_or_default()
            .into_iter()
            .filter(|n| !is_site(n, site_names))
            .collect();
        if !names.is_empty() {
            return names;
        }
    }
    Vec::new()
}

/// Bylines in navigation, asides and footers belong to other stories.
fn inside_teaser(e: &ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(a.value().name(), "nav" | "aside" | "footer")
            || matches!(
                a.value().attr("role"),
                Some("navigation" | "complementary" | "contentinfo")
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str, ld: &[&str], site: &[&str]) -> Vec<String> {
        let doc = Html::parse_document(html);
        let site: Vec<String> = site.iter().map(|s| s.to_string()).collect();
        authors(&doc, ld.iter().map(|s| s.to_string()).collect(), &site)
    }

    #[test]
    fn an_outlet_after_the_name_is_not_an_author() {
        let page = r#"<meta name="author" content="Jane Doe, Metro Wire">"#;
        assert_eq!(names(page, &[], &["Metro Wire"]), vec!["Jane Doe"]);
    }

    #[test]
    fn the_site_as_author_is_no_byline() {
        let page = r#"<meta name="author" content="The Weekly Ledger">"#;
        assert!(names(page, &[], &["Weekly Ledger"]).is_empty());
    }

    #[test]
    fn reads_the_visible_byline_when_metadata_names_nobody() {
        let page = r#"<h1>Storm closes the harbour</h1>
            <div class="article-byline"><span>By</span> <a href="/staff/jr">J.R. Stone</a></div>"#;
        assert_eq!(names(page, &[], &[]), vec!["J.R. Stone"]);
    }

    #[test]
    fn profile_links_and_handles_are_no_names() {
        let page = r#"<meta property="article:author" content="https://social.example/desk">
            <meta name="dc.creator" content="Ana Sandoval">"#;
        assert_eq!(names(page, &[], &[]), vec!["Ana Sandoval"]);
    }
}
