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

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

mod front_matter;
mod head;
mod limits;
mod shortcodes;

use super::Cleaned;
use crate::model::BlockKind;
pub use front_matter::{is_headless, parse_date_prefix, split_front_matter, FrontMatter};
use limits::limit_html_depth;
pub use limits::{limit_nesting, MAX_NESTING};

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

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

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

/// `<aside class="alert alert-note">` and its title, for GitHub's `> [!NOTE]`.
fn alert_open(kind: pulldown_cmark::BlockQuoteKind) -> String {
    use pulldown_cmark::BlockQuoteKind as K;
    let (class, title) = match kind {
        K::Note => ("note", "Note"),
        K::Tip => ("tip", "Tip"),
        K::Important => ("important", "Important"),
        K::Warning => ("warning", "Warning"),
        K::Caution => ("caution", "Caution"),
    };
    format!("<aside class=\"alert alert-{class}\">\n<p class=\"alert-title\">{title}</p>\n")
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
    use super::limits::MAX_HTML_DEPTH;
    use super::*;
    use crate::model::PartialDate;

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
        assert_eq!(c.shortcodes, ["youtube"]);
        let html = c.body_html.unwrap();
        assert!(!html.contains("{{"), "{html}");
        // A figure is its image (root-relative, so made site-relative).
        assert!(html.contains("src=\"../../img/a.jpg\""), "{html}");
    }

    #[test]
    fn headline_after_a_rubric_with_dek_and_dateline_as_metadata() {
        let c = clean("## Leaders | The Americas\n\n# Brazil's quiet boom\n\n*Lula's last budget is better than it looks*\n\nJan 15th 2026|BRASÍLIA\n\nBrazil's economy grew faster than anyone expected last year, and the government now wants the credit for it.\n");
        assert_eq!(c.title.as_deref(), Some("Brazil's quiet boom"));
        assert_eq!(c.kicker.as_deref(), Some("Leaders | The Americas"));
        assert_eq!(
            c.dek.as_deref(),
            Some("Lula's last budget is better than it looks")
        );
        assert_eq!(c.stated_date, PartialDate::new(2026, 1, Some(15)));
        assert_eq!(c.blocks.len(), 1, "{:?}", c.blocks);
        let html = c.body_html.unwrap();
        assert!(
            !html.contains("Leaders") && !html.contains("quiet boom") && !html.contains("2026"),
            "{html}"
        );
    }

    #[test]
    fn two_leading_headings_are_rubric_and_headline() {
        let c = clean("## Science\n\n## Why octopuses dream\n\nResearchers in Okinawa filmed sleeping octopuses changing colour, and think the animals may be replaying the day.\n");
        assert_eq!(c.title.as_deref(), Some("Why octopuses dream"));
        assert_eq!(c.kicker.as_deref(), Some("Science"));
    }

    #[test]
    fn a_heading_after_prose_is_not_the_headline() {
        let c = clean("This report opens with a full sentence of prose, which is no rubric at all.\n\n# Findings\n\nMore text.\n");
        assert_eq!(c.title, None);
        assert!(c.body_html.unwrap().contains("Findings"));
    }

    #[test]
    fn end_marks_end_the_body_and_keep_the_line_they_end() {
        let c = clean("# T\n\nFirst paragraph of the story.\n\nThe last paragraph ends here. ■\n\nSubscribe to our newsletter for more.\n");
        let html = c.body_html.unwrap();
        assert!(html.contains("The last paragraph ends here.</p>"), "{html}");
        assert!(!html.contains('■') && !html.contains("Subscribe"), "{html}");
        let c = clean("# T\n\nOnly paragraph, then a mark on its own line.\n\n###\n\nAbout the agency: it sells things.\n");
        let html = c.body_html.unwrap();
        assert!(html.contains("its own line."), "{html}");
        assert!(
            !html.contains("About the agency") && !html.contains("<h3"),
            "{html}"
        );
    }

    #[test]
    fn a_front_matter_title_keeps_the_body_as_written_but_the_repeated_headline() {
        let c = clean("---\ntitle: T\n---\n\n# T\n\n## Short label\n\nBody text.\n");
        assert_eq!(c.title.as_deref(), Some("T"));
        assert_eq!(c.kicker, None);
        let html = c.body_html.unwrap();
        assert!(
            !html.contains("<h1>") && html.contains("Short label"),
            "{html}"
        );
    }

    #[test]
    fn local_links_and_images_are_listed_as_written() {
        let c = clean("[a](../other.md#x) [b](@/docs/y.md) ![c](./img/p.png) [d](https://example.org) [e](#top) [f](/topics/x/) [g](mailto:a@b.c)\n");
        assert_eq!(c.links, ["../other.md#x", "@/docs/y.md", "./img/p.png"]);
    }

    #[test]
    fn odd_bodies_clean_without_panicking_and_keep_their_text() {
        for md in [
            "",
            "■",
            "###",
            "# ■",
            "## a\n\n## b",
            "{{<",
            "{{< x",
            "{{% /x %}}",
            "{% end %}",
            "{{</* */>}}",
            "> [!NOTE]",
            "[a](é%ZZ#é)",
            "[a](@/)",
            "# T\n\n(END)\n\n(END)",
            "## К\n\n# Заголовок\n\n26 февраля 2026\n\nТекст. ■",
        ] {
            let c = clean(md);
            assert!(c.body_html.is_some(), "{md}");
        }
        let c = clean("# T\n\nText with a mark in the middle ■ and more after it.\n");
        assert!(c.body_html.unwrap().contains("and more after it."));
    }

    #[test]
    fn github_alerts_become_asides() {
        let c = clean("> [!TIP]\n> Use **both** hands.\n\n> A plain quote.\n");
        let html = c.body_html.unwrap();
        assert!(
            html.contains("<aside class=\"alert alert-tip\">\n<p class=\"alert-title\">Tip</p>"),
            "{html}"
        );
        assert!(
            html.contains("<blockquote>") && !html.contains("[!TIP]"),
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
