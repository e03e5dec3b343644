//! One small file per article for its search result: what the result shows and the
//! text a quoted phrase is checked in.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use crate::model::{Article, DateBasis};
use crate::render::views::article_url;

#[derive(Serialize)]
struct Fragment<'a> {
    title: &'a str,
    url: String,
    date: Option<String>,
    authors: &'a [String],
    publication: Option<&'a str>,
    topics: Vec<&'a str>,
    text: String,
}

/// The fragment's fields but its text.
fn head(a: &Article) -> Fragment<'_> {
    let date = (a.date.basis != DateBasis::Unknown)
        .then_some(a.date.value)
        .flatten()
        .map(|d| match d.day {
            Some(day) => format!("{:04}-{:02}-{day:02}", d.year, d.month),
            None => format!("{:04}-{:02}", d.year, d.month),
        });
    Fragment {
        title: &a.title,
        url: article_url(a),
        date,
        authors: &a.authors,
        publication: a.publication.as_deref(),
        topics: a.topics.iter().map(|t| t.id.as_str()).collect(),
        text: String::new(),
    }
}

/// The hash of what `a`'s fragment is made from: its fields, and `body_key` for its
/// body (its seed's, cleaned by this binary with this configuration), so that it
/// can be kept without reading the body back. Never 0 (no key).
pub(super) fn fragment_key(a: &Article, body_key: u64) -> u64 {
    let mut h = Xxh3::new();
    h.update(&body_key.to_le_bytes());
    h.update(&serde_json::to_vec(&head(a)).unwrap_or_default());
    for part in [&a.dek, &a.author_bio] {
        h.update(format!("{part:?}").as_bytes());
    }
    h.digest().max(1)
}

pub(super) fn fragment(a: &Article) -> Vec<u8> {
    // A Markdown article's text is its HTML's: the body store keeps only the HTML, so
    // the blocks are there or not depending on the path the body came by (a damaged
    // store re-cleans the seed), and the fragment must not depend on that.
    let body = match &a.body_html {
        Some(html) => html_text(html),
        _ => {
            let blocks: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
            blocks.join("\n")
        }
    };
    let text: Vec<&str> = [
        a.dek.as_deref(),
        Some(body.as_str()),
        a.author_bio.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|t| !t.is_empty())
    .collect();
    let f = Fragment {
        text: text.join("\n"),
        ..head(a)
    };
    serde_json::to_vec(&f).unwrap_or_default()
}

/// The text of sanitised body HTML: tags dropped, a line break after each block,
/// entities decoded. (A hand-written pass: an HTML parser costs ~10x at 10,000 articles.)
pub(super) fn html_text(html: &str) -> String {
    const BLOCKS: [&str; 12] = [
        "/p",
        "/li",
        "/h1",
        "/h2",
        "/h3",
        "/h4",
        "/h5",
        "/h6",
        "/blockquote",
        "/pre",
        "br",
        "/tr",
    ];
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        decode_entities(&rest[..i], &mut out);
        let Some(j) = rest[i..].find('>') else {
            rest = "";
            break;
        };
        let tag = rest[i + 1..i + j].trim_end_matches('/').trim();
        let name = tag.split_whitespace().next().unwrap_or("");
        if BLOCKS.contains(&name.to_ascii_lowercase().as_str()) && !out.ends_with('\n') {
            out.push('\n');
        }
        rest = &rest[i + j + 1..];
    }
    decode_entities(rest, &mut out);
    out.trim().to_string()
}

/// `text` with HTML's character references decoded, onto `out`.
fn decode_entities(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                "nbsp" => '\u{a0}',
                _ => {
                    let num = name.strip_prefix('#')?;
                    let n = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(n)?
                }
            };
            Some((c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}
