//! Saved web pages (`.html`): a readability-style extractor.
//!
//! 1. Metadata from the head: JSON-LD `NewsArticle` (headline, author,
//!    datePublished, publisher), `<meta>` (og:title, author,
//!    article:published_time, og:site_name), `<time datetime>`, `<title>`/`<h1>`.
//! 2. The body container: the element whose own paragraphs hold the most
//!    prose, discounting text inside links (link density).
//! 3. Walk the container in document order, skipping page furniture (nav,
//!    header, footer, aside, forms, and elements whose class or id says
//!    share/related/comment/newsletter/cookie/ad), emitting paragraphs,
//!    subheadings, quotes, list items and figure captions.

use std::collections::HashMap;

use scraper::{ElementRef, Html, Selector};

use super::lines::{widget_phrase, word_count};
use super::Cleaned;
use crate::model::{BlockKind, DroppedLine};

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}

/// Tags whose subtrees are never article text.
const SKIP_TAGS: &[&str] = &[
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "button", "select",
    "svg", "iframe", "template", "dialog",
];

/// Class/id fragments that mark furniture (the same vocabulary Readability uses).
const SKIP_HINTS: &[&str] = &[
    "share",
    "social",
    "related",
    "comment",
    "newsletter",
    "cookie",
    "consent",
    "promo",
    "advert",
    "subscribe",
    "sidebar",
    "footer",
    "breadcrumb",
    "menu",
    "popular",
    "most-read",
    "recommend",
    "paywall",
    "signup",
    "banner",
    "byline",
    "author-bio",
    "tags",
];

pub fn clean(text: &str) -> Cleaned {
    let doc = Html::parse_document(text);
    let mut out = Cleaned::default();
    read_json_ld(&doc, &mut out);
    read_meta(&doc, &mut out);
    if let Some(root) = body_container(&doc) {
        walk(root, &mut out);
    }
    figure_captions(&doc, &mut out);
    if out.author_bio.is_none() {
        find_bio(&doc, &mut out);
    }
    let title = out.title.clone();
    out.blocks.retain(|b| Some(&b.text) != title.as_ref());
    out
}

fn meta_content(doc: &Html, key: &str) -> Option<String> {
    let s = sel(&format!("meta[property=\"{key}\"], meta[name=\"{key}\"]"));
    doc.select(&s)
        .filter_map(|m| m.value().attr("content"))
        .map(|c| c.trim().to_string())
        .find(|c| !c.is_empty())
}

fn read_meta(doc: &Html, out: &mut Cleaned) {
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
        out.stated_date = when.and_then(|w| super::markdown::parse_date_prefix(&w));
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

fn read_json_ld(doc: &Html, out: &mut Cleaned) {
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
            text(a.get("datePublished")).and_then(|d| super::markdown::parse_date_prefix(&d))
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

fn is_furniture(e: &ElementRef) -> bool {
    let v = e.value();
    if SKIP_TAGS.contains(&v.name()) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    let hints = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_lowercase();
    let role = v.attr("role").unwrap_or("");
    matches!(
        role,
        "navigation" | "banner" | "contentinfo" | "complementary" | "dialog"
    ) || SKIP_HINTS.iter().any(|h| hints.contains(h))
}

fn inside_furniture(e: &ElementRef) -> bool {
    e.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_furniture(&a))
}

/// Text and the share of it inside links.
fn text_and_link_density(e: &ElementRef) -> (String, f64) {
    let text = collapse(&e.text().collect::<String>());
    let linked: usize = e
        .select(&sel("a"))
        .map(|a| collapse(&a.text().collect::<String>()).len())
        .sum();
    let density = if text.is_empty() {
        1.0
    } else {
        linked as f64 / text.len() as f64
    };
    (text, density)
}

/// The element whose paragraphs hold the most prose: each `<p>` credits its parent
/// fully and its grandparent half (Readability's scoring, simplified).
fn body_container(doc: &Html) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<ego_tree::NodeId, (f64, ElementRef)> = HashMap::new();
    for p in doc.select(&sel("p")) {
        if inside_furniture(&p) {
            continue;
        }
        let (text, density) = text_and_link_density(&p);
        if word_count(&text) < 8 {
            continue;
        }
        let score =
            (1.0 + text.matches([',', '.']).count() as f64 + (text.len() as f64 / 100.0).min(3.0))
                * (1.0 - density);
        let mut parents = p.ancestors().filter_map(ElementRef::wrap);
        for share in [1.0, 0.5] {
            if let Some(a) = parents.next() {
                scores.entry(a.id()).or_insert((0.0, a)).0 += score * share;
            }
        }
    }
    scores
        .into_values()
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, e)| e)
        .or_else(|| doc.select(&sel("body")).next())
}

fn walk(root: ElementRef, out: &mut Cleaned) {
    let blocks = sel("p, h2, h3, h4, blockquote, li");
    for e in root.select(&blocks) {
        // Nested matches (a <p> inside a <blockquote> or <li>) are handled by the outer one.
        let nested = e
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.id() != root.id())
            .any(|a| matches!(a.value().name(), "blockquote" | "li" | "figure"));
        if nested {
            continue;
        }
        let furniture = e
            .ancestors()
            .filter_map(ElementRef::wrap)
            .take_while(|a| a.id() != root.id())
            .any(|a| is_furniture(&a))
            || is_furniture(&e);
        let (text, density) = text_and_link_density(&e);
        if text.is_empty() {
            continue;
        }
        let drop = |out: &mut Cleaned, why: &str| {
            out.dropped.push(DroppedLine {
                line: 0,
                text: text.clone(),
                reason: why.to_string(),
            });
        };
        if furniture {
            drop(
                out,
                "inside page furniture (nav/aside/share/related/comments)",
            );
            continue;
        }
        if let Some(w) = widget_phrase(&text) {
            drop(out, w);
            continue;
        }
        if density > 0.5 {
            drop(out, "mostly links (link density > 0.5)");
            continue;
        }
        match e.value().name() {
            "h2" | "h3" | "h4" => out.push_block(BlockKind::Heading, &text),
            "blockquote" => out.push_block(BlockKind::Quote, &text),
            "li" => out.push_block(BlockKind::List, &text),
            _ => {
                if let Some(bio) = super::meta::bio(&text) {
                    if out.author_bio.is_none() {
                        out.author_bio = Some(text.clone());
                    }
                    if let (super::meta::Bio::Named(n), true) = (bio, out.authors.is_empty()) {
                        out.authors.push(n);
                    }
                } else if super::meta::credit(&text).is_some() {
                    out.credits.push(text);
                } else {
                    out.push_block(BlockKind::Paragraph, &text);
                }
            }
        }
    }
}

/// Captions of figures anywhere in the page (lead images sit outside the body
/// container); a credit inside the caption (`<span class="credit">`) is a credit.
fn figure_captions(doc: &Html, out: &mut Cleaned) {
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
fn find_bio(doc: &Html, out: &mut Cleaned) {
    for p in doc.select(&sel("p, div")) {
        let text = collapse(&p.text().collect::<String>());
        if text.split_whitespace().count() > 80 {
            continue;
        }
        if let Some(bio) = super::meta::bio(&text) {
            let named = match &bio {
                super::meta::Bio::Named(n) => Some(n.clone()),
                super::meta::Bio::Anonymous => None,
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

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
