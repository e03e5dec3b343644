//! Markdown seeds with Hugo/Zola front matter.
//!
//! 1. Split off front matter: `+++` TOML (Zola, Hugo) or `---` YAML (Hugo, Jekyll).
//! 2. Read the keys dossier knows (title, date, author/authors, publication,
//!    description/summary, topics/tags, Zola's `[taxonomies]`); others are ignored
//!    so content from Hugo or Zola builds unchanged.
//! 3. Render the body with pulldown-cmark: fenced code through syntect
//!    (class-based CSS), raw HTML sanitised with ammonia.
//! 4. Collect body blocks (paragraph, heading, quote, list) for topics and `inspect`.
//!
//! Nesting is bounded before parsing: a line opening more than [`MAX_NESTING`]
//! block quotes or list items keeps that many (see [`limit_nesting`]; the build
//! warns), and YAML front matter nesting `[`/`{` deeper than [`MAX_NESTING`] is an
//! error. Unbounded, 100,000 `>` took 57 s (the sanitiser walks its stack of open
//! elements for each one) and 100,000 `[` in YAML 36 s.

use std::sync::LazyLock;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::Cleaned;
use crate::model::{BlockKind, PartialDate};

/// Front matter values dossier reads, whatever format they came in.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub description: Option<String>,
    pub topics: Vec<String>,
    /// Values that were there but rejected, with their line: the seed's warnings.
    pub notes: Vec<String>,
}

/// Split `text` into (front matter, body). `Err` is front matter that cannot be
/// read at all, with the line of the problem (1-based, in the whole file); a value
/// dossier rejects while the rest reads (an impossible date) is a note in
/// [`FrontMatter::notes`] instead.
pub fn split_front_matter(text: &str) -> Result<(FrontMatter, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, is_toml) in [("+++", true), ("---", false)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let close = rest
            .match_indices(fence)
            .find(|(i, _)| *i == 0 || rest[..*i].ends_with('\n'))
            .map(|(i, _)| i)
            .ok_or_else(|| format!("line 1: front matter opened with `{fence}` is never closed"))?;
        let head = &rest[..close];
        let body = rest[close + fence.len()..].trim_start_matches(['\r', '\n']);
        if let Some(line) = too_deep_brackets(head) {
            let kind = if is_toml { "TOML" } else { "YAML" };
            return Err(format!(
                "{kind} front matter at line {}: `[` and `{{` nested deeper than {MAX_NESTING}",
                // The fence is line 1; `head` starts on line 2.
                line + 2
            ));
        }
        let mut notes = Vec::new();
        let value = if is_toml {
            parse_toml_front_matter(head, &mut notes)?
        } else {
            let v: serde_yaml::Value = serde_yaml::from_str(head).map_err(|e| {
                // serde_yaml's lines are 1-based within the front matter; the fence is line 1.
                let line = e.location().map_or(1, |l| l.line() + 1);
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg);
                format!("line {line}: YAML front matter does not parse: {msg}")
            })?;
            serde_json::to_value(v).map_err(|e| format!("line 2: YAML front matter: {e}"))?
        };
        let mut fm = read_front_matter(&value);
        if let (None, Some(raw)) = (fm.date, value.get("date").and_then(date_string)) {
            let line = crate::config::line_of_key(head, "date").map_or(1, |n| n + 1);
            notes.push(format!(
                "line {line}: date `{}` is not a real date (expected YYYY-MM-DD); ignored",
                raw.trim()
            ));
        }
        fm.notes = notes;
        return Ok((fm, body));
    }
    Ok((FrontMatter::default(), text))
}

/// TOML front matter as JSON. TOML itself rejects an impossible date written bare
/// (`date = 2025-02-30`): then only that line is dropped, with a note, and the rest
/// of the front matter still counts.
fn parse_toml_front_matter(
    head: &str,
    notes: &mut Vec<String>,
) -> Result<serde_json::Value, String> {
    let first = match toml::from_str::<toml::Value>(head) {
        Ok(v) => return serde_json::to_value(v).map_err(|e| e.to_string()),
        Err(e) => e,
    };
    // Lines within the front matter; the fence is line 1 of the file.
    let line = first.span().map_or(2, |s| {
        head.get(..s.start).unwrap_or(head).matches('\n').count() + 2
    });
    let why = format!(
        "line {line}: TOML front matter does not parse: {}",
        first.message().trim_end()
    );
    // Only a bare date TOML refused (`date = 2025-02-30`) is dropped alone; any other
    // error, on the date line too (`date = = 3`), leaves the front matter unread.
    let written = head
        .lines()
        .nth(line.saturating_sub(2))
        .unwrap_or("")
        .trim();
    let bare_date = written
        .split_once('=')
        .map(|(_, v)| v.trim().as_bytes())
        .is_some_and(|v| v.len() >= 10 && v[..4].iter().all(u8::is_ascii_digit) && v[4] == b'-');
    if crate::config::line_of_key(head, "date").map(|n| n + 1) != Some(line) || !bare_date {
        return Err(why);
    }
    let without: String = head
        .split_inclusive('\n')
        .enumerate()
        .filter(|&(i, _)| i + 2 != line)
        .map(|(_, l)| l)
        .collect();
    let v: toml::Value = toml::from_str(&without).map_err(|_| why.clone())?;
    notes.push(format!(
        "line {line}: `{written}` is not a real date (expected YYYY-MM-DD); ignored"
    ));
    serde_json::to_value(v).map_err(|e| e.to_string())
}

/// Deepest nesting of block quotes and lists (in a line of the body) and of
/// brackets (in front matter) dossier reads: far beyond what prose uses (the
/// CommonMark spec's examples stop at 3 or 4 levels), low enough that the work per
/// line stays small whatever a file holds.
pub const MAX_NESTING: usize = 32;

/// The line (counted from 0) of `head` where `[`/`{` nesting passes [`MAX_NESTING`]
/// (outside quoted strings), if it does.
fn too_deep_brackets(head: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut line = 0;
    let mut escaped = false;
    for &b in head.as_bytes() {
        if b == b'\n' {
            line += 1;
            // Neither YAML nor TOML basic strings span lines unescaped; a stray quote must
            // not hide the brackets after it.
            quote = None;
        }
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if b == b'\\' && q == b'"' {
                    escaped = true;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(line);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    None
}

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
const MAX_HTML_DEPTH: usize = 256;

/// Elements that never hold others (no end tag, no depth).
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `html` without the start tags (and their end tags) that would nest elements
/// deeper than [`MAX_HTML_DEPTH`]; text is kept. One linear pass over the tags.
/// The sanitiser still sees everything that is left, so removing tags can make
/// nothing unsafe.
fn limit_html_depth(html: &str) -> std::borrow::Cow<'_, str> {
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

fn read_front_matter(v: &serde_json::Value) -> FrontMatter {
    let s = |key: &str| v.get(key).and_then(|x| x.as_str()).map(str::to_string);
    let list = |x: Option<&serde_json::Value>| -> Vec<String> {
        match x {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let taxonomies = v.get("taxonomies");
    let extra = v.get("extra").or_else(|| v.get("params"));
    let mut authors = list(v.get("authors"));
    authors.extend(list(v.get("author")));
    authors.extend(list(extra.and_then(|e| e.get("author"))));
    authors.extend(list(extra.and_then(|e| e.get("authors"))));
    authors.extend(list(taxonomies.and_then(|t| t.get("authors"))));
    let mut topics = list(v.get("topics"));
    topics.extend(list(v.get("tags")));
    topics.extend(list(taxonomies.and_then(|t| t.get("topics"))));
    topics.extend(list(taxonomies.and_then(|t| t.get("tags"))));
    FrontMatter {
        title: s("title"),
        date: v
            .get("date")
            .and_then(date_string)
            .and_then(|d| parse_date_prefix(&d)),
        authors,
        publication: s("publication").or_else(|| s("publisher")).or_else(|| {
            v.get("extra")
                .and_then(|e| e.get("publication"))
                .and_then(|x| x.as_str())
                .map(str::to_string)
        }),
        description: s("description").or_else(|| s("summary")),
        topics,
        notes: Vec::new(),
    }
}

/// A date value as text: YAML and TOML strings, or TOML's native datetime
/// (which serialises as a one-field table).
fn date_string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(m) if m.len() == 1 => m.values().next().and_then(date_string),
        _ => None,
    }
}

/// "2025-06-12", "2025-06-12T09:15:00+09:00", "2025-06" -> a date. A full date
/// must be a real one: "2025-02-30" is no date, not February 2025.
pub fn parse_date_prefix(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.as_bytes().get(7) == Some(&b'-') {
        return s
            .get(..10)
            .and_then(|d| crate::config::parse_config_date(d).ok());
    }
    s.get(..7)
        .and_then(|d| crate::config::parse_config_date(d).ok())
}

pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let (mut fm, body) = match split_front_matter(text) {
        Ok(x) => x,
        Err(why) => {
            // Keep the page: treat the whole file as body, and say why, loudly (a
            // warning on every build, an error with --strict) and in --explain.
            out.notes.push(format!(
                "{why}; the front matter is ignored and the file is read as text"
            ));
            out.dropped.push(crate::model::DroppedLine {
                line: 1,
                text: String::new(),
                reason: format!("front matter ignored: {why}"),
            });
            (FrontMatter::default(), text)
        }
    };
    out.notes.append(&mut fm.notes);
    let (body, flattened) = limit_nesting(body);
    if flattened {
        out.notes.push(format!(
            "block quotes or lists nested deeper than {MAX_NESTING} levels: the deeper levels were flattened"
        ));
    }
    let (body, shortcode_captions) = strip_shortcodes(&body);
    out.captions = shortcode_captions;
    let (mut html, mut blocks, first_heading) = render(&body);
    if let Some(cut) = trim_closing_furniture(&mut blocks, &mut out) {
        // Render again without the bio/sign-off so the page does not show them either.
        html = render(&body[..cut]).0;
    }
    out.title = fm.title.or(first_heading);
    out.stated_date = fm.date;
    if out.authors.is_empty() {
        out.authors = fm.authors;
    }
    out.credited_publication = fm.publication;
    out.dek = fm.description;
    out.declared_topics = fm.topics.iter().map(|t| crate::slug::slugify(t)).collect();
    for (kind, text, _) in blocks {
        out.push_block(kind, &text);
    }
    out.body_html = Some(html);
    out
}

static SHORTCODE: LazyLock<regex::Regex> = LazyLock::new(|| {
    // Hugo `{{< name ... >}}` / `{{% name ... %}}` and Zola `{{ name(...) }}` / `{% name(...) %}`.
    crate::patterns::regex(
        r"(?s)\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{\s*[A-Za-z_]\w*\(.*?\)\s*\}\}|\{%\s*(?:end|[A-Za-z_]\w*\(.*?\))\s*%\}",
    )
});
static CAPTION_ATTR: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::patterns::regex(r#"(?-u:\b)(?:caption|title)\s*=\s*"([^"]*)""#));

/// Remove Hugo/Zola shortcodes (they are templates, not text); keep their captions.
fn strip_shortcodes(md: &str) -> (String, Vec<String>) {
    let mut captions = Vec::new();
    let body = SHORTCODE.replace_all(md, |c: &regex::Captures| {
        if let Some(cap) = CAPTION_ATTR.captures(&c[0]) {
            let text = cap[1].trim().to_string();
            if !text.is_empty() {
                captions.push(text);
            }
        }
        ""
    });
    (body.into_owned(), captions)
}

/// A closing author bio becomes the bio; sign-offs ("Thanks for reading!") are dropped.
/// Returns the source offset where the removed closing blocks begin.
fn trim_closing_furniture(
    blocks: &mut Vec<(BlockKind, String, usize)>,
    out: &mut Cleaned,
) -> Option<usize> {
    let mut cut = None;
    while let Some((kind, text, offset)) = blocks.last() {
        if *kind != BlockKind::Paragraph {
            break;
        }
        if let Some(bio) = super::meta::bio(text) {
            out.author_bio = Some(text.clone());
            if let super::meta::Bio::Named(name) = bio {
                out.authors.push(name);
            }
        } else if super::lines::is_reader_call(text) || super::lines::widget_phrase(text).is_some()
        {
            out.dropped.push(crate::model::DroppedLine {
                line: 0,
                text: text.clone(),
                reason: "sign-off addressed to the reader".into(),
            });
        } else {
            break;
        }
        cut = Some(*offset);
        blocks.pop();
    }
    cut
}

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Markdown -> (sanitised HTML, blocks, a leading `# Heading` used as a fallback title).
type Blocks = Vec<(BlockKind, String, usize)>;

fn render(md: &str) -> (String, Blocks, Option<String>) {
    let mut events = Vec::new();
    let mut blocks: Blocks = Vec::new();
    let mut current: Option<(BlockKind, String, usize)> = None;
    let mut quote_depth = 0usize;
    let mut list_depth = 0usize;
    let mut code: Option<(String, String)> = None;
    let mut first_heading: Option<String> = None;
    let mut in_h1 = false;
    let mut skip_h1 = false;
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for (ev, range) in Parser::new_ext(md, options).into_offset_iter() {
        let ev = site_relative_links(ev);
        match &ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split(',').next().unwrap_or("").trim().to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, src)) = code.take() {
                    events.push(Event::Html(highlight(&lang, &src).into()));
                }
                continue;
            }
            Event::Text(t) if code.is_some() => {
                if let Some((_, src)) = code.as_mut() {
                    src.push_str(t);
                }
                continue;
            }
            Event::Start(Tag::Heading { level, .. }) => {
                if *level == HeadingLevel::H1 && first_heading.is_none() && blocks.is_empty() {
                    in_h1 = true;
                    skip_h1 = true;
                }
                current = Some((BlockKind::Heading, String::new(), range.start));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((k, t, at)) = current.take() {
                    if in_h1 {
                        first_heading = Some(t.trim().to_string());
                        in_h1 = false;
                    } else if !t.trim().is_empty() {
                        blocks.push((k, t.trim().to_string(), at));
                    }
                }
            }
            Event::Start(Tag::BlockQuote(_)) => quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote_depth = quote_depth.saturating_sub(1),
            Event::Start(Tag::List(_)) => list_depth += 1,
            Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) if current.is_none() => {
                let kind = if list_depth > 0 {
                    BlockKind::List
                } else if quote_depth > 0 {
                    BlockKind::Quote
                } else {
                    BlockKind::Paragraph
                };
                current = Some((kind, String::new(), range.start));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                if let Some((k, t, at)) = current.take() {
                    if !t.trim().is_empty() {
                        blocks.push((k, t.trim().to_string(), at));
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, buf, _)) = current.as_mut() {
                    buf.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, buf, _)) = current.as_mut() {
                    buf.push(' ');
                }
            }
            _ => {}
        }
        events.push(ev);
    }
    if skip_h1 {
        // The leading `# Title` is shown as the page headline, not repeated in the body.
        if let Some(start) = events.iter().position(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                })
            )
        }) {
            if let Some(len) = events[start..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(HeadingLevel::H1))))
            {
                events.drain(start..=start + len);
            }
        }
    }
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    (sanitise(&html), blocks, first_heading)
}

/// Article pages live two levels down (`articles/<slug>/`). A root-relative link
/// written in Markdown ("/topics/taiwan/") would escape a project subpath on
/// GitHub Pages, so it becomes relative to the site root ("../../topics/taiwan/").
fn fix_root_relative(url: pulldown_cmark::CowStr<'_>) -> pulldown_cmark::CowStr<'_> {
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("../../{rest}").into(),
        _ => url,
    }
}

fn site_relative_links(ev: Event<'_>) -> Event<'_> {
    let fix = fix_root_relative;
    match ev {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: fix(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: fix(dest_url),
            title,
            id,
        }),
        other => other,
    }
}

fn highlight(lang: &str, src: &str) -> String {
    let syntax = SYNTAXES
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| SYNTAXES.find_syntax_plain_text());
    let mut gen = ClassedHTMLGenerator::new_with_class_style(
        syntax,
        &SYNTAXES,
        ClassStyle::SpacedPrefixed { prefix: "hl-" },
    );
    for line in LinesWithEndings::from(src) {
        if gen
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return format!(
                "<pre><code>{}</code></pre>",
                crate::render::escape_html(src)
            );
        }
    }
    format!("<pre class=\"code\"><code>{}</code></pre>", gen.finalize())
}

/// Allow what Markdown produces (and syntect's classes); strip scripts, handlers, `javascript:`.
pub fn sanitise(html: &str) -> String {
    let html = limit_html_depth(html);
    ammonia::Builder::default()
        .add_generic_attributes(["class", "id"])
        .add_tags(["figure", "figcaption"])
        .link_rel(Some("noopener noreferrer"))
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_nested_beyond_the_limit_loses_the_deeper_tags_not_the_text() {
        let n = MAX_HTML_DEPTH + 10;
        let html = format!(
            "{}deep text{}<p>after</p>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let limited = limit_html_depth(&html);
        assert_eq!(limited.matches("<div>").count(), MAX_HTML_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_HTML_DEPTH);
        assert!(limited.contains("deep text") && limited.ends_with("<p>after</p>"));
        // Within the limit, nothing changes.
        let fine = "<div class=\"a>b\"><br><img src=x /><p>t</p></div>";
        assert!(matches!(
            limit_html_depth(fine),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn reads_zola_toml_front_matter_with_taxonomies() {
        let text = "+++\ntitle = \"Tariffs bite\"\ndate = 2025-04-03\n[taxonomies]\nauthors = [\"Jane Doe\"]\ntopics = [\"Tariffs\"]\n+++\nBody text.\n";
        let (fm, body) = split_front_matter(text).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Tariffs bite"));
        assert_eq!(
            fm.date,
            Some(PartialDate {
                year: 2025,
                month: 4,
                day: Some(3)
            })
        );
        assert_eq!(fm.authors, ["Jane Doe"]);
        assert_eq!(fm.topics, ["Tariffs"]);
        assert_eq!(body, "Body text.\n");
    }

    #[test]
    fn reads_hugo_yaml_front_matter() {
        let text = "---\ntitle: \"USFK after the summit\"\ndate: 2025-08-26T10:00:00+09:00\nauthor: Min-ji Park\ntags: [usfk]\n---\n\n## Heading\n\nText.\n";
        let (fm, body) = split_front_matter(text).unwrap();
        assert_eq!(
            fm.date,
            Some(PartialDate {
                year: 2025,
                month: 8,
                day: Some(26)
            })
        );
        assert_eq!(fm.authors, ["Min-ji Park"]);
        assert!(body.starts_with("## Heading"));
    }

    #[test]
    fn front_matter_error_names_the_line() {
        let err = split_front_matter("+++\ntitle = \"x\"\ndate = = 3\n+++\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
    }

    #[test]
    fn strips_script_and_highlights_code() {
        let c = clean("# T\n\n<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">l</a>\n\n```rust\nfn main() {}\n```\n");
        let html = c.body_html.unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert_eq!(c.title.as_deref(), Some("T"));
    }

    #[test]
    fn closing_bio_and_sign_off_leave_the_body_and_the_page() {
        let c = clean("---\ntitle: T\n---\n\nThe alliance is under strain from tariffs and troop talk.\n\n---\n\nMina Clarke teaches political economy at Beppu.\n\nThanks for reading! Comments are open below.\n");
        assert_eq!(
            c.author_bio.as_deref(),
            Some("Mina Clarke teaches political economy at Beppu.")
        );
        assert_eq!(c.authors, ["Mina Clarke"]);
        let html = c.body_html.unwrap();
        assert!(
            !html.contains("Mina Clarke") && !html.contains("Thanks for reading"),
            "{html}"
        );
        assert!(html.contains("under strain"));
    }

    #[test]
    fn shortcodes_are_removed_and_their_captions_kept() {
        let c = clean("Text before.\n\n{{< figure src=\"/img/a.jpg\" caption=\"Cranes at Busan.\" >}}\n\n{{ youtube(id=\"x\", caption=\"Drill footage\") }}\n\nText after.\n");
        assert_eq!(c.captions, ["Cranes at Busan.", "Drill footage"]);
        let html = c.body_html.unwrap();
        assert!(
            !html.contains("{{") && !html.contains("/img/a.jpg"),
            "{html}"
        );
    }

    #[test]
    fn root_relative_markdown_links_become_site_relative() {
        let c = clean("See [Taiwan](/topics/taiwan/), [the web](https://example.org/x) and [protocol-relative](//cdn.example/x).\n");
        let html = c.body_html.unwrap();
        assert!(html.contains("href=\"../../topics/taiwan/\""), "{html}");
        assert!(html.contains("href=\"https://example.org/x\""), "{html}");
        assert!(html.contains("href=\"//cdn.example/x\""), "{html}");
    }
}
