//! Nesting bounded before parsing: block quotes and list items per line, raw HTML
//! depth (see the module notes of `markdown`); brackets in front matter are bounded
//! in `crate::front_matter`, which owns [`MAX_NESTING`].

pub use crate::front_matter::MAX_NESTING;

/// The leading container markers of `line` (`>`, `-`/`+`/`*` or `1.`/`1)` items,
/// with the spaces around them): how many, and the byte offset after each one.
fn container_markers(line: &str, stop_after: usize) -> Vec<usize> {
    let b = line.as_bytes();
    let mut ends = Vec::new();
    let mut i = 0;
    let space = |i: usize| i >= b.len() || matches!(b[i], b' ' | b'\t' | b'\r');
    while ends.len() <= stop_after {
        while i < b.len() && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        let next = match b.get(i) {
            Some(b'>') => i + 1,
            Some(b'-' | b'+' | b'*') if space(i + 1) => i + 1,
            Some(c) if c.is_ascii_digit() => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let j = i + digits;
                if digits <= 9 && matches!(b.get(j), Some(b'.' | b')')) && space(j + 1) {
                    j + 1
                } else {
                    break;
                }
            }
            _ => break,
        };
        ends.push(next);
        i = next;
    }
    ends
}

/// `md` with each line's block quote and list markers beyond [`MAX_NESTING`]
/// removed (the text after them kept, one level deeper than the limit at most),
/// and whether any line had to be cut.
pub fn limit_nesting(md: &str) -> (std::borrow::Cow<'_, str>, bool) {
    // Lines inside fenced code are code: left alone.
    let mut fence = false;
    let mut cut = |line: &str| {
        let t = line.trim_start_matches(' ');
        if line.len() - t.len() < 4 && (t.starts_with("```") || t.starts_with("~~~")) {
            fence = !fence;
        }
        !fence && container_markers(line, MAX_NESTING).len() > MAX_NESTING
    };
    let cuts: Vec<bool> = md.split('\n').map(&mut cut).collect();
    if !cuts.contains(&true) {
        return (std::borrow::Cow::Borrowed(md), false);
    }
    let mut out = String::with_capacity(md.len());
    for (n, (line, cut)) in md.split('\n').zip(cuts).enumerate() {
        if n > 0 {
            out.push('\n');
        }
        if cut {
            let ends = container_markers(line, MAX_NESTING);
            let keep = ends[MAX_NESTING - 1];
            // Skip every further marker: a cheap scan, as each is a byte or a few.
            let all = container_markers(line, usize::MAX - 1);
            let rest = line[*all.last().unwrap_or(&keep)..].trim_start_matches([' ', '\t']);
            out.push_str(&line[..keep]);
            out.push(' ');
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    (std::borrow::Cow::Owned(out), true)
}

/// Deepest nesting of HTML elements kept before sanitising. The sanitiser's HTML
/// parser (html5ever) walks its stack of open elements for each start tag, so raw
/// HTML nested n deep costs n² (20,000 `<ul><li>` in a Markdown file: 42 s); this
/// bounds the walk. Far above what Markdown and hand-written HTML nest (pulldown-cmark
/// closes every element it opens; [`MAX_NESTING`] bounds its own quotes and lists).
pub(super) const MAX_HTML_DEPTH: usize = 256;

/// Elements that never hold others (no end tag, no depth).
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` without the start tags (and their end tags) that would nest elements
/// deeper than [`MAX_HTML_DEPTH`]; text is kept. One linear pass over the tags.
/// The sanitiser still sees everything that is left, so removing tags can make
/// nothing unsafe.
pub(super) fn limit_html_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    // Open elements: (name, kept).
    let mut open: Vec<(&str, bool)> = Vec::new();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = memchr::memchr(b'<', &b[i..]) {
        let start = i + lt;
        let rest = &html[start..];
        let closing = rest.starts_with("</");
        let name_at = start + if closing { 2 } else { 1 };
        let name_len = b[name_at..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
            // A comment, doctype or a bare `<`: not an element.
            i = start + 1;
            continue;
        }
        // The tag ends at the first `>` outside quoted attribute values.
        let mut quote = None;
        let mut end = None;
        for (k, &c) in b[name_at + name_len..].iter().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(c),
                (None, b'>') => {
                    end = Some(name_at + name_len + k + 1);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { break };
        let name = &html[name_at..name_at + name_len];
        let drop = if closing {
            // Only the innermost elements are searched, so stray end tags cost a
            // bounded walk each (html5ever's own walk is bounded by the kept depth).
            let from = open.len().saturating_sub(2 * MAX_HTML_DEPTH);
            let found = open[from..]
                .iter()
                .rposition(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|at| at + from);
            match found {
                Some(at) => {
                    let dropped = !open[at].1;
                    depth -= open[at..].iter().filter(|(_, kept)| *kept).count();
                    open.truncate(at);
                    dropped
                }
                None => false,
            }
        } else if VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) || b[end - 2] == b'/' {
            false
        } else {
            let keep = depth < MAX_HTML_DEPTH;
            depth += keep as usize;
            open.push((name, keep));
            !keep
        };
        if drop {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}
