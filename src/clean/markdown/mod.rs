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

mod front_matter;
mod limits;

use super::Cleaned;
use crate::model::BlockKind;
pub use front_matter::{parse_date_prefix, split_front_matter, FrontMatter};
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
    out.pinned_slug = fm.slug.as_deref().map(crate::slug::slug_of_path);
    out.aliases = fm
        .aliases
        .iter()
        .map(|a| crate::slug::slug_of_path(a))
        .collect();
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
