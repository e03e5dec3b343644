//! Metadata around the body: JSON-LD, `<meta>`, `<time>`, figure captions and
//! author boxes, read from the whole page.

use scraper::{ElementRef, Html, Selector};

use super::blocks::collapse;
use super::meta_tags::meta_contents;
use crate::clean::Cleaned;

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}

pub(super) fn meta_content(doc: &Html, key: &str) -> Option<String> {
    meta_contents(doc, key).into_iter().next()
}

/// Date keys of `<meta>`, most specific first: Open Graph's article time, then the
/// Dublin Core, PRISM, citation and Parse.ly keys other publishers use.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "citation_publication_date",
    "citation_date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "prism.publicationDate",
    "parsely-pub-date",
    "sailthru.date",
    "datePublished",
    "pubdate",
    "publish-date",
    "date",
];

pub(super) fn read_meta(doc: &Html, ld: LdArticle, out: &mut Cleaned) {
    let site_names: Vec<String> = meta_content(doc, "og:site_name")
        .into_iter()
        .chain(meta_content(doc, "application-name"))
        .chain(ld.publisher.clone())
        .chain(host_name(doc))
        .collect();
    if out.title.is_none() {
        let meta_titles = [
            meta_content(doc, "og:title"),
            meta_content(doc, "twitter:title"),
            meta_content(doc, "parsely-title"),
            meta_content(doc, "citation_title"),
        ];
        out.title = super::headline::choose(doc, ld.headline, &meta_titles, &site_names);
    }
    if out.authors.is_empty() {
        out.authors = super::byline::authors(doc, ld.authors, &site_names);
    }
    if out.stated_date.is_none() {
        let time_sel = sel("time[datetime]");
        let when = ld
            .date
            .into_iter()
            .chain(DATE_KEYS.iter().flat_map(|k| meta_contents(doc, k)))
            .chain(
                doc.select(&time_sel)
                    .filter_map(|t| t.value().attr("datetime").map(str::to_string)),
            );
        out.stated_date = when
            .filter_map(|w| crate::clean::markdown::parse_date_prefix(&w))
            .next();
    }
    out.credited_publication = out.credited_publication.take().or(ld.publisher);
    if out.masthead.is_none() {
        out.masthead = meta_content(doc, "og:site_name");
    }
    if out.dek.is_none() {
        out.dek = ld
            .description
            .or_else(|| meta_content(doc, "og:description"))
            .or_else(|| meta_content(doc, "description"));
    }
}

/// The page's host from its canonical link or og:url ("https://www.example.org/x" ->
/// "example.org"): a site name of last resort for stripping " - Example" off titles.
fn host_name(doc: &Html) -> Option<String> {
    let url = doc
        .select(&sel("link[rel=canonical]"))
        .find_map(|l| l.value().attr("href").map(str::to_string))
        .or_else(|| meta_content(doc, "og:url"))?;
    let rest = url.split("://").nth(1)?;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    // The registered name: "example" of "news.example.co.uk".
    let labels: Vec<&str> = host.split('.').collect();
    let name = labels.iter().rev().find(|l| {
        l.len() > 3
            || !matches!(
                **l,
                "com" | "org" | "net" | "co" | "uk" | "edu" | "gov" | "ac"
            )
    })?;
    Some((*name).to_string())
}

/// What a page's JSON-LD says about its article.
#[derive(Debug, Default)]
pub(super) struct LdArticle {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub description: Option<String>,
}

fn is_article_type(ty: Option<&serde_json::Value>) -> bool {
    let is = |t: &str| {
        t.ends_with("Article") || matches!(t, "BlogPosting" | "LiveBlogPosting" | "Report")
    };
    match ty {
        Some(serde_json::Value::String(t)) => is(t),
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|t| t.as_str()).any(is),
        _ => false,
    }
}

pub(super) fn read_json_ld(doc: &Html) -> LdArticle {
    let mut ld = LdArticle::default();
    for script in doc.select(&sel("script[type=\"application/ld+json\"]")) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) else {
            continue;
        };
        let mut nodes = Vec::new();
        collect_nodes(&value, &mut nodes);
        let article = nodes.iter().find(|n| is_article_type(n.get("@type")));
        // No article node: a WebPage's author and date are still the page's own.
        let Some(a) = article.or_else(|| {
            nodes
                .iter()
                .find(|n| n.get("@type").and_then(|t| t.as_str()) == Some("WebPage"))
        }) else {
            continue;
        };
        if article.is_none() {
            if ld.authors.is_empty() {
                ld.authors = people(a.get("author"), &nodes);
            }
            ld.date = ld.date.take().or_else(|| {
                a.get("datePublished")
                    .and_then(|d| d.as_str())
                    .map(str::to_string)
            });
            continue;
        }
        let text = |v: Option<&serde_json::Value>| {
            v.and_then(|x| x.as_str())
                .map(super::headline::decode_entities)
                .filter(|s| !s.is_empty())
        };
        ld.headline = ld.headline.take().or_else(|| text(a.get("headline")));
        ld.date = ld.date.take().or_else(|| text(a.get("datePublished")));
        if ld.authors.is_empty() {
            ld.authors = people(a.get("author"), &nodes);
        }
        let publisher = a.get("publisher").and_then(|p| match p {
            serde_json::Value::Array(items) => items.first().and_then(|i| text(i.get("name"))),
            other => text(resolve(other, &nodes).get("name")),
        });
        ld.publisher = ld.publisher.take().or(publisher);
        ld.description = ld.description.take().or_else(|| text(a.get("description")));
    }
    ld
}

fn collect_nodes<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a serde_json::Value>) {
    match v {
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_nodes(i, out)),
        serde_json::Value::Object(m) => {
            out.push(v);
            if let Some(g) = m.get("@graph") {
                collect_nodes(g, out);
            }
        }
        _ => {}
    }
}

/// `{"@id": "..."}` points at a node elsewhere in the graph (Yoast writes authors so).
fn resolve<'a>(v: &'a serde_json::Value, nodes: &[&'a serde_json::Value]) -> &'a serde_json::Value {
    match v.as_object() {
        Some(m) if m.len() == 1 && m.contains_key("@id") => nodes
            .iter()
            .find(|n| n.get("@id") == m.get("@id") && n.get("name").is_some())
            .copied()
            .unwrap_or(v),
        _ => v,
    }
}

/// Author names, people only: an Organization as author is the publisher, not a byline.
fn people(v: Option<&serde_json::Value>, nodes: &[&serde_json::Value]) -> Vec<String> {
    let Some(v) = v else { return Vec::new() };
    match resolve(v, nodes) {
        serde_json::Value::String(s) => vec![s.trim().to_string()],
        serde_json::Value::Object(m) => {
            let ty = m.get("@type").and_then(|t| t.as_str()).unwrap_or("Person");
            if ty != "Person" {
                return Vec::new();
            }
            m.get("name")
                .and_then(|n| n.as_str())
                .map(|n| vec![n.trim().to_string()])
                .unwrap_or_default()
        }
        serde_json::Value::Array(a) => a.iter().flat_map(|i| people(Some(i), nodes)).collect(),
        _ => Vec::new(),
    }
}

/// Captions of figures anywhere in the page (lead images sit outside the body
/// container); a credit inside the caption (`<span class="credit">`) is a credit.
pub(super) fn figure_captions(doc: &Html, out: &mut Cleaned) {
    let credit_sel = sel("[class*=credit], [class*=copyright], [class*=byline], small");
    for cap in doc.select(&sel("figure figcaption")) {
        if inside_furniture(&cap) {
            continue;
        }
        let credits: Vec<String> = cap
            .select(&credit_sel)
            .map(|c| collapse(&c.text().collect::<String>()))
            .filter(|c| !c.is_empty())
            .collect();
        let mut text = collapse(&cap.text().collect::<String>());
        for c in &credits {
            text = collapse(&text.replace(c.as_str(), ""));
        }
        if !text.is_empty() && !out.captions.contains(&text) {
            out.captions.push(text);
        }
        out.credits.extend(credits);
    }
}

/// Author boxes live in footers and asides that the body walk skips.
pub(super) fn find_bio(doc: &Html, out: &mut Cleaned) {
    for p in doc.select(&sel("p, div")) {
        let text = collapse(&p.text().collect::<String>());
        if text.split_whitespace().count() > 80 {
            continue;
        }
        if let Some(bio) = crate::clean::meta::bio(&text) {
            let named = match &bio {
                crate::clean::meta::Bio::Named(n) => Some(n.clone()),
                crate::clean::meta::Bio::Anonymous => None,
            };
            if out.authors.is_empty() || named.as_ref().is_none_or(|n| out.authors.contains(n)) {
                out.author_bio = Some(text);
                if out.authors.is_empty() {
                    out.authors.extend(named);
                }
                return;
            }
        }
    }
}

/// Captions inside navigation, asides and footers belong to other stories.
fn inside_furniture(e: &ElementRef) -> bool {
    e.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(a.value().name(), "nav" | "aside" | "footer" | "header")
            || matches!(
                a.value().attr("role"),
                Some("navigation" | "complementary" | "contentinfo")
            )
    })
}
