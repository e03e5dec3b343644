//! What the HTML path does before parsing: how deep and how large a page is, read
//! from its tags alone, and the flat reading of a page too deep or large to parse.

use super::blocks::{collapse, BLOCK_TAGS};

/// Deeper nesting than any real page has (the dev set's 225 pages stay under 60 open
/// elements); beyond it the extractors' per-element work grows with depth.
pub const MAX_DEPTH: usize = 512;

/// More elements than an article page has (the dev set's largest of 225 has about
/// 10,000): the extractors' cost grows faster than the page (a 1 MB page of 100,000
/// tiny paragraphs took them 4 s), so such a page is read as flat text instead.
pub const MAX_ELEMENTS: usize = 40_000;

/// Start tags in the page, counted without parsing it.
pub(super) fn element_count(html: &str) -> usize {
    memchr::memchr_iter(b'<', html.as_bytes())
        .filter(|&i| {
            html.as_bytes()
                .get(i + 1)
                .is_some_and(u8::is_ascii_alphabetic)
        })
        .count()
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
pub(super) fn flat_text(html: &str) -> Vec<String> {
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
