//! Headings and markers that tell where an article's text stops: end marks ("###"),
//! apparatus ("Notes", "About the author"), a press release's "About Acme", comment
//! threads, boxes of other stories, and taxonomy labels ("Tags:").

use std::sync::LazyLock;

use crate::clean::lines::{starts_with_ignore_case, words_at_most};

/// Lines that end an article wherever they appear: press-release terminators.
pub(super) fn is_terminator(text: &str) -> bool {
    matches!(
        text.trim(),
        "###" | "# # #" | "-30-" | "- 30 -" | "—30—" | "–30–" | "-###-" | "***END***" | "(END)"
    )
}

/// Section headings after which only apparatus follows (notes, author box).
pub(super) fn is_apparatus_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    // The longest name below is 17 bytes: longer lines need only the "about the" test.
    if t.len() <= 20 {
        let t = t.to_lowercase();
        if matches!(
            t.as_str(),
            "notes"
                | "footnotes"
                | "endnotes"
                | "references"
                | "sources"
                | "bibliography"
                | "about the author"
                | "about the authors"
                | "about the writer"
                // The previous/next links blogs print under a post (WordPress's
                // screen-reader heading, which a dump keeps).
                | "post navigation"
                | "posts navigation"
        ) {
            return true;
        }
    }
    (starts_with_ignore_case(t, "about the ") && words_at_most(text, 8) && !text.ends_with('.'))
        || is_about_heading(t)
}

/// "About Acme", "About Acme Corp.": the company boilerplate that closes a press
/// release (a short Title Case heading that starts with "About").
fn is_about_heading(t: &str) -> bool {
    // "About" in the dev set's languages: Portuguese/Spanish, German, French.
    let Some(rest) = ["About ", "Sobre ", "Über ", "À propos de "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
    else {
        return false;
    };
    words_at_most(rest, 3)
        && rest.split(' ').all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        })
}

/// "Tags:", "Filed under:", "Categories:": the label of a page's taxonomy links,
/// which introduces no list of the article's.
pub(super) fn is_taxonomy_label(text: &str) -> bool {
    let t = text.trim_end_matches(':').trim().to_lowercase();
    matches!(
        t.as_str(),
        "tags"
            | "tagged"
            | "tagged with"
            | "filed under"
            | "categories"
            | "category"
            | "topics"
            | "related topics"
            | "share"
            | "share this"
            | "labels"
    )
}

/// The heading over reader comments: "Comments", "12 Responses", "댓글", "コメント",
/// "Kommentare" (comment sections in the dev set's languages). Not "Leave a comment":
/// newsletters print that button between paragraphs.
pub(super) fn is_comments_heading(text: &str) -> bool {
    if text.ends_with('.') || !words_at_most(text, 6) || !may_be_comments_heading(text) {
        return false;
    }
    with_lowercase(text, |t| is_lowercase_comments_heading(text, t))
}

/// Whether an ASCII line could pass [`is_lowercase_comments_heading`] (other lines
/// might: their lowercase can differ in more than ASCII case), from its ends: the
/// tests below want a word that starts with "c", "r", "d" or "k" after any count and
/// brackets, or a last word ending in "s". Asked of every short line of a page.
fn may_be_comments_heading(text: &str) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let start =
        text.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '(' | '['));
    let end = text.trim_end_matches([' ', ']', ')', ':']);
    start
        .bytes()
        .next()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'c' | b'r' | b'd' | b'k'))
        || end.ends_with(['s', 'S'])
}

fn is_lowercase_comments_heading(text: &str, t: &str) -> bool {
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ' ' | '(' | '['));
    let first = t.split([' ', ':', '(']).next().unwrap_or("");
    // "Top Rated Comments", "Reader Comments": the last word names the thread. Not
    // with a count ("New, 6 comments"): that is a link, printed in the header too.
    let last = t
        .trim_end_matches([' ', ']', ')', ':'])
        .rsplit(' ')
        .next()
        .unwrap_or("");
    matches!(
        first,
        "comment" | "comments" | "responses" | "replies" | "reactions" | "discussion"
    ) || (words_at_most(text, 4)
        && !text.contains(|c: char| c.is_ascii_digit())
        && matches!(last, "comments" | "responses" | "replies"))
        || [
            "댓글",
            "コメント",
            "评论",
            "kommentare",
            "comentários",
            "comentarios",
            "commenti",
            "commentaires",
            "комментари",
            "komentar",
        ]
        .iter()
        .any(|w| t.starts_with(w))
}

/// A line that is only the heading of a box of other stories ("Related links:",
/// "Top stories", "More from Politics", "관련기사"). Not "Read more" or "Continue
/// reading": those are buttons, which sites also print between paragraphs.
pub(super) fn is_other_stories_heading(text: &str) -> bool {
    if text.ends_with('.') || !words_at_most(text, 5) {
        return false;
    }
    let t = text.trim().trim_end_matches(':').trim();
    // An ASCII line's first word, lowercased, is a heading's first word: a test on a
    // few bytes before a lowercased copy is compared with every heading. (Other lines
    // can change more than ASCII case when lowercased.)
    if t.is_ascii() {
        let first = t.split(' ').next().unwrap_or("");
        if !STORIES_FIRST_WORDS
            .iter()
            .any(|w| w.eq_ignore_ascii_case(first))
        {
            return false;
        }
    }
    with_lowercase(t, is_lowercase_stories_heading)
}

fn is_lowercase_stories_heading(t: &str) -> bool {
    STORIES_HEADINGS
        .iter()
        .any(|h| t == *h || (t.starts_with(h) && t[h.len()..].starts_with(' ')))
}

/// The first words of [`STORIES_HEADINGS`].
static STORIES_FIRST_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = STORIES_HEADINGS
        .iter()
        .filter_map(|h| h.split(' ').next())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
});

/// Headings of boxes of other stories, lowercase (see [`is_other_stories_heading`]).
const STORIES_HEADINGS: &[&str] = &[
    "related",
    "related links",
    "related stories",
    "related articles",
    "related content",
    "related news",
    "top stories",
    "more stories",
    "more news",
    "more from",
    "latest news",
    "latest stories",
    "most popular",
    "most read",
    "recommended",
    "you may also like",
    "you might also like",
    "editor's picks",
    "editors' picks",
    "trending now",
    "read next",
    "관련기사",
    "관련 기사",
    "関連記事",
    "相关新闻",
    "leia também",
    "leggi anche",
    "читайте также",
    "baca juga",
    "weitere artikel",
    "das könnte sie auch interessieren",
];

/// Longest short line lowercased on the stack (headings of six words or fewer).
const STACK_LOWERCASE_BYTES: usize = 96;

/// `f` of the text lowercased: ASCII lines that fit are lowercased on the stack, as
/// the heading tests ask this of every short line, several times per page.
fn with_lowercase<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    if text.is_ascii() && text.len() <= STACK_LOWERCASE_BYTES {
        let mut buf = [0u8; STACK_LOWERCASE_BYTES];
        let lower = &mut buf[..text.len()];
        lower.copy_from_slice(text.as_bytes());
        lower.make_ascii_lowercase();
        // ASCII in, ASCII out: always valid UTF-8.
        match std::str::from_utf8(lower) {
            Ok(t) => f(t),
            Err(_) => f(&text.to_lowercase()),
        }
    } else {
        f(&text.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taxonomy_label_introduces_no_list() {
        assert!(is_taxonomy_label("Tags:"));
        assert!(is_taxonomy_label("Filed under:"));
        assert!(!is_taxonomy_label("Tour dates:"));
    }

    #[test]
    fn knows_comment_headings_in_several_languages() {
        for h in [
            "Comments",
            "12 Comments",
            "댓글",
            "Kommentare (3)",
            "Top Rated Comments",
            "Reader Comments",
        ] {
            assert!(is_comments_heading(h), "{h}");
        }
        for h in [
            "Commentary",
            "Leave a comment",
            "Comments are welcome on the draft rules.",
            "New, 6 comments",
        ] {
            assert!(!is_comments_heading(h), "{h}");
        }
    }

    #[test]
    fn about_heading_closes_a_press_release() {
        assert!(is_apparatus_heading("About Acme Corp"));
        assert!(is_apparatus_heading("Sobre Carlos Nadalim"));
        assert!(!is_apparatus_heading(
            "About 300 people gathered in the square."
        ));
        assert!(!is_apparatus_heading("About half of the members"));
    }
}
