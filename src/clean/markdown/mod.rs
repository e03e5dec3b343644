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

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

mod head;
mod limits;
mod markup;
mod shortcodes;

use super::Cleaned;
pub use crate::front_matter::{parse_date_prefix, split_front_matter, FrontMatter};
use crate::model::BlockKind;
pub use limits::{limit_nesting, MAX_NESTING};
pub use markup::sanitise;
use markup::{alert_open, highlight, site_relative_links};

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
    let sc = shortcodes::process(&body);
    out.captions = sc.captions;
    out.shortcodes = sc.kinds;
    let md = sc.body.as_str();
    let parsed = parse(md);
    let top = head::split_head(&parsed, fm.title.is_some());
    let from = top.omit.last().map_or(0, |t| t + 1);
    let tail = head::split_tail(md, &parsed, from, &mut out);
    let edits = Edits {
        omit: top.omit.iter().chain(&tail.omit).copied().collect(),
        strip_mark: tail.strip_mark,
    };
    // The page shows the body without the furniture the head and tail took.
    let r = finish(parsed, &edits);
    out.title = fm.title.or(top.title);
    out.kicker = top.kicker;
    out.stated_date = fm.date.or(top.date);
    if out.authors.is_empty() {
        out.authors = if fm.authors.is_empty() {
            top.authors
        } else {
            fm.authors
        };
    }
    out.credited_publication = fm.publication;
    out.dek = fm.description.or(top.dek);
    out.declared_topics = fm.topics.iter().map(|t| crate::slug::slugify(t)).collect();
    out.pinned_slug = fm.slug.as_deref().map(crate::slug::slug_of_path);
    out.aliases = fm
        .aliases
        .iter()
        .map(|a| crate::slug::slug_of_path(a))
        .collect();
    for b in &r.blocks {
        out.push_block(b.kind, &b.text);
    }
    out.links = r.links;
    out.body_html = Some(r.html);
    out
}

/// The Markdown extensions dossier reads: tables, footnotes, strikethrough and
/// GitHub's alerts (`> [!NOTE]`).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
}

/// One block of text (paragraph, heading, list item, quoted paragraph).
#[derive(Debug)]
pub struct MdBlock {
    pub kind: BlockKind,
    pub text: String,
    /// The top-level block it is in (an index into [`Parsed::tops`]).
    pub top: usize,
    /// Heading level, 0 for other blocks.
    pub level: u8,
    /// The whole paragraph is emphasised (`*An italic standfirst*`).
    pub emphasised: bool,
}

/// A top-level block of the Markdown: its source and whether it is a footnote.
#[derive(Debug)]
pub struct Top {
    pub range: std::ops::Range<usize>,
    pub footnote: bool,
    pub paragraph: bool,
}

/// Markdown parsed: the events to render (code already highlighted) with the
/// top-level block each is in, text blocks, top-level blocks, and the local links
/// and images (as written: relative paths, `@/` paths) with their top-level block.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    events: Vec<(usize, Event<'a>)>,
    pub blocks: Vec<MdBlock>,
    pub tops: Vec<Top>,
    refs: Vec<(usize, String)>,
}

/// What the page shows of a [`Parsed`] body once the furniture is out.
struct Rendered {
    html: String,
    blocks: Vec<MdBlock>,
    links: Vec<String>,
}

impl Parsed<'_> {
    /// The text of top-level block `t`.
    pub fn text_of(&self, t: usize) -> String {
        let texts: Vec<&str> = self
            .blocks
            .iter()
            .filter(|b| b.top == t)
            .map(|b| b.text.as_str())
            .collect();
        texts.join(" ")
    }

    /// Top-level block `t` is one paragraph.
    pub fn single_paragraph(&self, t: usize) -> bool {
        self.tops.get(t).is_some_and(|x| x.paragraph)
    }
}

/// What to leave out of a render: top-level blocks, and an end mark to cut.
#[derive(Debug, Default)]
struct Edits {
    omit: std::collections::BTreeSet<usize>,
    strip_mark: Option<usize>,
}

/// A link or image destination that names a file of the project: no scheme, not
/// root-relative, not only an `#anchor`.
fn is_local_ref(url: &str) -> bool {
    let scheme = url.find(':').is_some_and(|i| {
        url[..i]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
            && i > 0
    });
    !url.is_empty() && !scheme && !url.starts_with(['/', '#', '?'])
}

/// Parse `md` once: everything [`finish`] and the head and tail rules need.
fn parse(md: &str) -> Parsed<'_> {
    let mut r = Parsed::default();
    let mut current: Option<MdBlock> = None;
    let mut quote_depth = 0usize;
    let mut list_depth = 0usize;
    let mut depth = 0usize;
    let mut code: Option<(String, String)> = None;
    for (ev, range) in Parser::new_ext(md, options()).into_offset_iter() {
        let at_top = depth == 0;
        match &ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if at_top {
            r.tops.push(Top {
                range: range.clone(),
                footnote: matches!(ev, Event::Start(Tag::FootnoteDefinition(_))),
                paragraph: matches!(ev, Event::Start(Tag::Paragraph)),
            });
        }
        let top = r.tops.len().saturating_sub(1);
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &ev {
            if is_local_ref(dest_url) {
                r.refs.push((top, dest_url.to_string()));
            }
        }
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
                    r.events
                        .push((top, Event::Html(highlight(&lang, &src).into())));
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
                current = Some(block(BlockKind::Heading, top, *level as u8, md, &range));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut b) = current.take() {
                    b.text = b.text.trim().to_string();
                    if !b.text.is_empty() {
                        r.blocks.push(b);
                    }
                }
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                quote_depth += 1;
                if let Some(kind) = kind {
                    r.events.push((top, Event::Html(alert_open(*kind).into())));
                    continue;
                }
            }
            Event::End(TagEnd::BlockQuote(kind)) => {
                quote_depth = quote_depth.saturating_sub(1);
                if kind.is_some() {
                    r.events.push((top, Event::Html("</aside>\n".into())));
                    continue;
                }
            }
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
                current = Some(block(kind, top, 0, md, &range));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                if let Some(mut b) = current.take() {
                    b.text = b.text.trim().to_string();
                    if !b.text.is_empty() {
                        r.blocks.push(b);
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = current.as_mut() {
                    b.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.text.push(' ');
                }
            }
            _ => {}
        }
        r.events.push((top, ev));
    }
    r
}

/// Render `p` without the top-level blocks `edits` leaves out, and with its end
/// mark cut: sanitised HTML, the text blocks and the local links that are left.
fn finish(p: Parsed<'_>, edits: &Edits) -> Rendered {
    let kept = |top: &usize| !edits.omit.contains(top);
    let marked = |top: usize| edits.strip_mark == Some(top);
    let events = p
        .events
        .into_iter()
        .filter(|(t, _)| kept(t))
        .filter_map(|(t, ev)| match ev {
            Event::Text(text) if marked(t) => match crate::clean::endings::cut_glued_mark(&text) {
                Some("") => None,
                Some(rest) => Some(Event::Text(rest.to_string().into())),
                None => Some(Event::Text(text)),
            },
            ev => Some(ev),
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    let blocks = p
        .blocks
        .into_iter()
        .filter(|b| kept(&b.top))
        .filter_map(|mut b| {
            if marked(b.top) {
                if let Some(rest) = crate::clean::endings::cut_glued_mark(&b.text) {
                    b.text = rest.to_string();
                }
            }
            (!b.text.is_empty()).then_some(b)
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    let links = p
        .refs
        .into_iter()
        .filter(|(t, l)| kept(t) && seen.insert(l.clone()))
        .map(|(_, l)| l)
        .collect();
    Rendered {
        html: sanitise(&html),
        blocks,
        links,
    }
}

fn block(
    kind: BlockKind,
    top: usize,
    level: u8,
    md: &str,
    range: &std::ops::Range<usize>,
) -> MdBlock {
    let src = md.get(range.clone()).unwrap_or("").trim();
    let emphasised = src.len() > 2
        && (src.starts_with('*') && src.ends_with('*')
            || src.starts_with('_') && src.ends_with('_'));
    MdBlock {
        kind,
        text: String::new(),
        top,
        level,
        emphasised,
    }
}

#[cfg(test)]
mod tests;
