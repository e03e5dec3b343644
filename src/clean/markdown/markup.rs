//! From Markdown events to safe HTML: highlighted code (syntect, class-based), GitHub
//! alerts as asides, root-relative links made relative to the page, and the
//! sanitiser every rendered body goes through.

use std::sync::LazyLock;

use pulldown_cmark::{Event, Tag};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::limits::limit_html_depth;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// `<aside class="alert alert-note">` and its title, for GitHub's `> [!NOTE]`.
pub(super) fn alert_open(kind: pulldown_cmark::BlockQuoteKind) -> String {
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

pub(super) fn site_relative_links(ev: Event<'_>) -> Event<'_> {
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

pub(super) fn highlight(lang: &str, src: &str) -> String {
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
                crate::base::html::escape_html(src)
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
