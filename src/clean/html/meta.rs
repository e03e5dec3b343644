//! Metadata around the body: JSON-LD, `<meta>`, `<time>`, figure captions and
//! author boxes, read from the whole page.

use scraper::{ElementRef, Html, Selector};

use super::blocks::collapse;
use crate::clean::Cleaned;

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}

fn meta_content(doc: &Html, key: &str) -> Option<String> {
    let s = sel(&format!("meta[property=\"{key}\"], meta[name=\"{key}\"]"));
    doc.select(&s)
        .filter_map(|m| m.value().attr("content"))
        .map(|c| c.trim().to_string())
        .find(|c| !c.is_empty())
}

pub(super) fn read_meta(doc: &Html, out: &mut Cleaned) {
    if out.title.is_none() {
        out.title = meta_content(doc, "og:title")
            .or_else(|| meta_content(doc, "twitter:title"))
            .or_else(|| first_text(doc, "h1"))
            .or_else(|| first_text(doc, "title"));
    }
    if out.authors.is_empty() {
        if let Some(a) = meta_content(doc, "author").or_else(|| meta_content(doc, "article:author"))
        {
            if !a.starts_with("http") {
                out.authors.push(a);
            }
        }
    }
    if out.stated_date.is_none() {
        let when = meta_content(doc, "article:published_time")
            .or_else(|| meta_content(doc, "date"))
            .or_else(|| {
                doc.select(&sel("time[datetime]"))
                    .find_map(|t| t.value().attr("datetime").map(str::to_string))
            });
        out.stated_date = when.and_then(|w| crate::clean::markdown::parse_date_prefix(&w));
    }
    if out.masthead.is_none() {
        out.masthead = meta_content(doc, "og:site_name");
    }
    if out.dek.is_none() {
        out.dek = meta_content(doc, "og:description").or_else(|| meta_content(doc, "description"));
    }
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    doc.select(&sel(css))
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

pub(super) fn read_json_ld(doc: &Html, out: &mut Cleaned) {
    for script in doc.select(&sel("script[type=\"application/ld+json\"]")) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) else {
            continue;
        };
        let mut nodes = Vec::new();
        collect_nodes(&value, &mut nodes);
        let article = nodes.into_iter().find(|n| {
            let ty = n.get("@type");
            let is = |t: &str| t.ends_with("Article") || t == "BlogPosting" || t == "Report";
            match ty {
                Some(serde_json::Value::String(t)) => is(t),
                Some(serde_json::Value::Array(a)) => a.iter().filter_map(|t| t.as_str()).any(is),
                _ => false,
            }
        });
        let Some(a) = article else { continue };
        let text = |v: Option<&serde_json::Value>| {
            v.and_then(|x| x.as_str()).map(|s| s.trim().to_string())
        };
        out.title = out.title.take().or_else(|| text(a.get("headline")));
        out.stated_date = out.stated_date.or_else(|| {
            text(a.get("datePublished")).and_then(|d| crate::clean::markdown::parse_date_prefix(&d))
        });
        if out.authors.is_empty() {
            out.authors = names(a.get("author"));
        }
        let publisher = a.get("publisher").and_then(|p| match p {
            serde_json::Value::Array(items) => items.first().and_then(|i| text(i.get("name"))),
            other => text(other.get("name")),
        });
        out.credited_publication = out.credited_publication.take().or(publisher);
        out.dek = out.dek.take().or_else(|| text(a.get("description")));
    }
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

fn names(v: Option<&serde_json::Value>) -> Vec<String> {
    match v {
        Some(serde_json::Value::String(s)) => vec![s.trim().to_string()],
        Some(serde_json::Value::Object(m)) => m
            .get("name")
            .and_then(|n| n.as_str())
            .map(|n| vec![n.trim().to_string()])
            .unwrap_or_default(),
        Some(serde_json::Value::Array(a)) => a.iter().flat_map(|i| names(Some(i))).collect(),
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
