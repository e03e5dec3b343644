//! Saved web pages (`.html`): two proven extractors for the body, dossier's own
//! readers for the metadata around it.
//!
//! 1. Metadata from the head: JSON-LD `NewsArticle` (headline, author,
//!    datePublished, publisher), `<meta>` (og:title, author,
//!    article:published_time, og:site_name), `<time datetime>`, `<title>`/`<h1>`.
//! 2. The body: `rs-trafilatura` (a port of trafilatura) and `dom_smoothie` (a port of
//!    Mozilla Readability) each extract it; [`agree`] picks one (see there why).
//!    A page nested deeper than [`MAX_DEPTH`] skips them (their parsers and walks
//!    are quadratic or recursive in depth) and is read as flat text, with a warning.
//! 3. The chosen body HTML is read into typed blocks in document order
//!    ([`blocks_of`]): paragraphs, subheadings, quotes, list items; widget lines,
//!    bios and credits are recognised as in page dumps.
//! 4. Figure captions and author bios are looked for in the whole page (lead
//!    images and author boxes sit outside the body).
//! 5. Nothing lost: when neither extractor finds a body, every block of the page
//!    is kept.

use scraper::{ElementRef, Html, Node};

use super::lines::{widget_phrase, word_count};
use super::Cleaned;
use crate::model::{BlockKind, DroppedLine};

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}
use scraper::Selector;

/// Deeper nesting than any real page has (the dev set's 225 pages stay under 60 open
/// elements); beyond it the extractors' per-element work grows with depth.
pub const MAX_DEPTH: usize = 512;

/// More elements than an article page has (the dev set's largest of 225 has about
/// 10,000): the extractors' cost grows faster than the page (a 1 MB page of 100,000
/// tiny paragraphs took them 4 s), so such a page is read as flat text instead.
pub const MAX_ELEMENTS: usize = 40_000;

/// Start tags in the page, counted without parsing it.
fn element_count(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes())
        .filter(|&i| {
            html.as_bytes()
                .get(i + 1)
                .is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
}

pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let depth = nesting_depth(text);
    let elements = element_count(text);
    if depth > MAX_DEPTH || elements > MAX_ELEMENTS {
        out.notes.push(if depth > MAX_DEPTH {
            format!("HTML nested {depth} elements deep (limit {MAX_DEPTH}); read as plain text")
        } else {
            format!("HTML of {elements} elements (limit {MAX_ELEMENTS}); read as plain text")
        });
        for para in flat_text(text) {
            out.push_block(BlockKind::Paragraph, &para);
        }
        return out;
    }
    let doc = Html::parse_document(text);
    read_json_ld(&doc, &mut out);
    read_meta(&doc, &mut out);
    match agree(text) {
        Some(body) => {
            out.blocks = body.blocks;
            out.dropped = body.dropped;
            out.credits = body.credits;
            if out.author_bio.is_none() {
                out.author_bio = body.author_bio;
            }
            if out.authors.is_empty() {
                out.authors = body.authors;
            }
        }
        None => {
            if let Some(body) = doc.select(&sel("body")).next() {
                blocks_of(body, &mut out);
            }
        }
    }
    figure_captions(&doc, &mut out);
    if out.author_bio.is_none() {
        find_bio(&doc, &mut out);
    }
    let title = out.title.clone();
    let captions = out.captions.clone();
    out.blocks
        .retain(|b| Some(&b.text) != title.as_ref() && !captions.contains(&b.text));
    out
}

/// The body two extractors agree on, read into blocks.
///
/// trafilatura and Readability fail differently: each now and then keeps a block of
/// furniture around the article (a comment thread, a list of other stories) that the
/// other leaves out, and now and then one keeps only a piece of the article. So when
/// the shorter extraction is (almost) all inside the longer one, the longer one's extra
/// text is what only one of them took for the body, and the shorter is taken, unless
/// it is a fragment: under a tenth of the longer, under 40 words, or much less prose
/// than the longer (a table or a list of names that both kept, where only one kept
/// the article around it). When they disagree, trafilatura's is taken (the better of
/// the two alone). On the dev set's 167 benchmark pages: trafilatura alone 0.960
/// benchmark F1 (6 pages under token F1 0.8), Readability alone 0.952 (2), this rule
/// 0.970 (2).
fn agree(html: &str) -> Option<Cleaned> {
    let traf = rs_trafilatura::extract(html)
        .ok()
        .and_then(|r| r.content_html)
        .map(|h| read_fragment(&h))
        .filter(|c| !c.blocks.is_empty());
    let readability = dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .ok()
        .map(|a| read_fragment(&a.content))
        .filter(|c| !c.blocks.is_empty());
    let (t, r) = match (traf, readability) {
        (Some(t), Some(r)) => (t, r),
        (t, r) => return t.or(r),
    };
    let (tw, rw) = (tokens_of(&t), tokens_of(&r));
    let traf_shorter = tw.len() <= rw.len();
    let (sw, lw) = if traf_shorter { (&tw, &rw) } else { (&rw, &tw) };
    let contained = shared_tokens(sw, lw) as f64 >= 0.9 * sw.len() as f64;
    if !contained {
        return Some(t);
    }
    let (short, long) = if traf_shorter { (t, r) } else { (r, t) };
    let fragment =
        sw.len() < 40 || sw.len() * 10 < lw.len() || prose_share(&short) * 2.0 < prose_share(&long);
    Some(if fragment { long } else { short })
}

fn read_fragment(html: &str) -> Cleaned {
    let mut c = Cleaned::default();
    blocks_of(Html::parse_fragment(html).root_element(), &mut c);
    c
}

/// The share of words in prose: blocks of a sentence or more (15 words) that end
/// sentences at least once every 80 words (a table or list flattened into one run of
/// text is long but ends no sentences).
fn prose_share(c: &Cleaned) -> f64 {
    let (mut total, mut prose) = (0, 0);
    for b in &c.blocks {
        let words = super::words::measure(&b.text).0;
        let ends = b
            .text
            .split_whitespace()
            .filter(|w| w.ends_with(['.', '!', '?', '。', '！', '？', '"', '”']))
            .count()
            + b.text.matches(['。', '！', '？']).count();
        total += words;
        if words >= 15 && ends * 80 >= words {
            prose += words;
        }
    }
    prose as f64 / total.max(1) as f64
}

/// Lower-cased word tokens of the blocks' text.
fn tokens_of(c: &Cleaned) -> Vec<String> {
    c.blocks
        .iter()
        .flat_map(|b| b.text.split(|ch: char| !ch.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many of `short`'s tokens `long` also has (as a multiset).
fn shared_tokens(short: &[String], long: &[String]) -> usize {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in long {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    short
        .iter()
        .filter(|w| match counts.get_mut(w.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// Elements that start a new block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "hr",
    "address",
    "details",
    "summary",
];

/// Subtrees that are never text a reader sees.
const HIDDEN_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "button", "select", "iframe", "head",
];

/// Read a subtree as a person does: text runs split at block elements and `<br>`,
/// each run typed by the nearest block around it. Iterative, so depth costs nothing.
fn blocks_of(root: ElementRef, out: &mut Cleaned) {
    let mut run = String::new();
    let mut kinds: Vec<Option<BlockKind>> = Vec::new();
    let mut kind_now = BlockKind::Paragraph;
    let mut in_caption = 0usize;
    let mut stack = vec![(root.id(), false)];
    let tree = root.tree();
    while let Some((id, leaving)) = stack.pop() {
        let Some(node) = tree.get(id) else { continue };
        match node.value() {
            // Caption text is read by `figure_captions`, not as body.
            Node::Text(t) if in_caption == 0 => run.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                let block = BLOCK_TAGS.contains(&name);
                if leaving {
                    if block {
                        flush(&mut run, kind_now, out);
                        kinds.pop();
                        kind_now = kinds
                            .iter()
                            .rev()
                            .flatten()
                            .next()
                            .copied()
                            .unwrap_or(BlockKind::Paragraph);
                    }
                    if name == "figcaption" {
                        in_caption = in_caption.saturating_sub(1);
                    }
                    continue;
                }
                if HIDDEN_TAGS.contains(&name) || e.attr("hidden").is_some() {
                    continue;
                }
                if name == "br" {
                    flush(&mut run, kind_now, out);
                    continue;
                }
                if block {
                    flush(&mut run, kind_now, out);
                    let kind = match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
                        "li" | "dt" | "dd" => Some(BlockKind::List),
                        "blockquote" => Some(BlockKind::Quote),
                        "p" | "td" | "th" | "pre" => Some(BlockKind::Paragraph),
                        _ => None,
                    };
                    kinds.push(kind);
                    if let Some(k) = kind {
                        kind_now = k;
                    }
                }
                if name == "figcaption" {
                    in_caption += 1;
                }
                stack.push((id, true));
                let children: Vec<_> = node.children().map(|c| c.id()).collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().map(|c| c.id()).collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    flush(&mut run, kind_now, out);
}

/// End a run of text: a block unless it is a widget label, a bio or a credit.
fn flush(run: &mut String, kind: BlockKind, out: &mut Cleaned) {
    let text = collapse(run);
    run.clear();
    if text.is_empty() {
        return;
    }
    if let Some(why) = widget_phrase(&text) {
        out.dropped.push(DroppedLine {
            line: 0,
            text,
            reason: why.to_string(),
        });
        return;
    }
    if let Some(why) = site_notice(&text) {
        out.dropped.push(DroppedLine {
            line: 0,
            text,
            reason: why.to_string(),
        });
        return;
    }
    if kind == BlockKind::Paragraph {
        if let Some(bio) = super::meta::bio(&text) {
            if out.author_bio.is_none() {
                out.author_bio = Some(text.clone());
            }
            if let (super::meta::Bio::Named(n), true) = (bio, out.authors.is_empty()) {
                out.authors.push(n);
            }
            return;
        }
        if word_count(&text) < 40 && super::meta::credit(&text).is_some() {
            out.credits.push(text);
            return;
        }
    }
    out.push_block(kind, &text);
}

/// Notices that sites put inside the article's container, longer than the widget
/// labels [`widget_phrase`] knows: each names a kind of notice found on many sites,
/// never one site's wording. (phrase, kind); a block is dropped when it has at most
/// [`MAX_NOTICE_WORDS`] words and contains the phrase (ASCII case ignored).
const SITE_NOTICES: &[(&str, &str)] = &[
    ("previous article", "link to another article"),
    ("next article", "link to another article"),
    ("straight to your phone", "app promotion"),
    ("download our app", "app promotion"),
    ("download the app", "app promotion"),
    ("letter to the editor", "letters-to-the-editor prompt"),
    ("may receive compensation", "affiliate disclosure"),
    ("may earn a commission", "affiliate disclosure"),
    ("may earn commission", "affiliate disclosure"),
    ("affiliate link", "affiliate disclosure"),
    ("references to products from", "affiliate disclosure"),
];

/// Notices are a sentence or two; an article paragraph that mentions "next article"
/// is longer.
const MAX_NOTICE_WORDS: usize = 30;

fn site_notice(text: &str) -> Option<&'static str> {
    if !super::lines::words_at_most(text, MAX_NOTICE_WORDS) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    SITE_NOTICES
        .iter()
        .find(|(phrase, _)| lower.contains(phrase))
        .map(|(_, kind)| *kind)
}

/// How deep elements nest, read from the tags alone (linear, before any parse).
/// Elements that HTML closes implicitly when a sibling opens (`p`, `li`, table
/// cells, ...) and void elements do not count, so sloppy markup is not "deep".
pub fn nesting_depth(html: &str) -> usize {
    const FLAT: &[&str] = &[
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "br", "img", "hr", "meta", "link",
        "input", "area", "base", "col", "embed", "param", "source", "track", "wbr",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        if bytes[i..].starts_with(b"!--") {
            i = match memchr::memmem::find(&bytes[i..], b"-->") {
                Some(end) => i + end + 3,
                None => bytes.len(),
            };
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let name_len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let tag_end = memchr::memchr(b'>', &bytes[start..]).map(|e| start + e);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        if FLAT.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
            if name == "script" || name == "style" {
                // Raw text: skip to the closing tag without counting what is inside.
                let close = format!("</{name}");
                let rest = &html[start..];
                let lower_end = rest.to_ascii_lowercase().find(&close);
                i = lower_end.map_or(bytes.len(), |e| start + e);
            }
        }
    }
    max
}

/// A page too deep to parse, read as text: tags dropped, blocks split at block tags.
fn flat_text(html: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut cur = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        cur.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) || name == "br" {
            let t = collapse(&cur);
            if !t.is_empty() {
                paras.push(t);
            }
            cur.clear();
        }
        rest = &after[end..];
    }
    cur.push_str(rest);
    let t = collapse(&cur);
    if !t.is_empty() {
        paras.push(t);
    }
    paras
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page_nested_past_the_limit_as_flat_text_with_a_warning() {
        let depth = 100_000;
        let page = format!(
            "<html><body>{}<p>Deep text survives.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert!(nesting_depth(&page) > MAX_DEPTH);
        let c = clean(&page);
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(c.blocks[0].text, "Deep text survives.");
        assert!(c.notes[0].contains("nested"), "{:?}", c.notes);
    }

    #[test]
    fn reads_a_page_of_too_many_elements_as_flat_text_with_a_note() {
        let page = format!(
            "<html><body>{}</body></html>",
            "<p>a b</p>".repeat(MAX_ELEMENTS)
        );
        let c = clean(&page);
        assert_eq!(c.blocks.len(), MAX_ELEMENTS);
        assert!(c.notes[0].contains("elements (limit"), "{:?}", c.notes);
    }

    #[test]
    fn sloppy_markup_is_not_deep() {
        // Unclosed paragraphs and list items, void elements, comments and scripts.
        let page = format!(
            "<div>{}<!-- <div><div> --><script>if (a<b) {{ '<div>' }}</script></div>",
            "<p>para<li>item<br><img src=x>".repeat(5_000)
        );
        assert_eq!(nesting_depth(&page), 2);
    }

    #[test]
    fn keeps_the_article_when_one_extractor_takes_only_a_list_both_kept() {
        // A body of prose with a long list of names inside it: an extractor that
        // keeps only the list is not agreeing on the article.
        let prose = "The committee met on Tuesday and agreed that the new rules would \
                     take effect next spring, after a long consultation with members. ";
        let names: String = (0..60)
            .map(|i| format!("<li>Member Number{i}</li>"))
            .collect();
        let page = format!(
            "<html><body><article><h1>Rules agreed</h1>{}<ul>{names}</ul>{}</article></body></html>",
            format!("<p>{prose}</p>").repeat(6),
            format!("<p>{prose}</p>").repeat(4),
        );
        let c = clean(&page);
        let paragraphs = c
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        assert!(paragraphs >= 10, "{:?}", c.blocks);
    }

    #[test]
    fn body_blocks_keep_their_kinds() {
        let page = "<html><head><title>T</title></head><body><article>\
            <p>First paragraph of a real article with enough words to count as prose here.</p>\
            <h2>A subheading</h2>\
            <p>Second paragraph, also long enough to be read as part of the article body.</p>\
            <blockquote>A quoted passage from someone important in the story.</blockquote>\
            <ul><li>One listed point</li><li>Another listed point</li></ul>\
            <p>Third paragraph closes the article with a final sentence of some length.</p>\
            </article></body></html>";
        let c = clean(page);
        let kinds: Vec<BlockKind> = c.blocks.iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&BlockKind::Heading), "{:?}", c.blocks);
        assert!(kinds.contains(&BlockKind::List), "{:?}", c.blocks);
        assert!(c.blocks.iter().any(|b| b.text == "A subheading"));
    }
}
