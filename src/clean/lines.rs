//! Line-level signals for page-text dumps: what a single line looks like on its own.
//!
//! Every test here is general (shape, punctuation, word statistics) except
//! [`widget_phrase`], a short documented list of phrases that page furniture uses
//! on every kind of site (share/print buttons, login and comment boxes,
//! subscription pitches, cookie banners, teaser headings).

use regex::Regex;
use std::sync::LazyLock;

use super::phrases::Phrases;

// The word-level primitives live in `words`; detectors here and in other modules
// reach them through this module, as before the split.
pub use super::words::*;

/// Ends like a sentence does (allowing closing quotes and brackets).
pub fn ends_sentence(line: &str) -> bool {
    let t = strip_footnote_markers(line.trim_end());
    // A quotation the page opens after the full stop and continues in the next element
    // ("… Director of the Branch. “").
    let t = t
        .strip_suffix(" “")
        .or_else(|| t.strip_suffix(" ‘"))
        .unwrap_or(t);
    // End marks after an article's last sentence ("...that book.” ❖", "■") are
    // typography, not a sentence left open.
    let t = t.trim_end_matches([
        '"', '”', '’', '\'', ')', ']', '»', ' ', '」', '』', '）', '〕', '■', '□', '❖', '◆', '◇',
        '♦', '∎', '▪',
    ]);
    t.ends_with(['.', '!', '?', ':', ';', '。', '！', '？', '．']) && !ends_with_ellipsis(line)
}

/// "...a sobering read.[2]" -> "...a sobering read.": footnote markers after the full stop.
fn strip_footnote_markers(line: &str) -> &str {
    let mut t = line;
    while let Some(rest) = t.strip_suffix(']') {
        match rest.rfind('[') {
            Some(open)
                if rest[open + 1..].chars().all(|c| c.is_ascii_digit())
                    && open + 1 < rest.len() =>
            {
                t = &rest[..open];
            }
            _ => break,
        }
    }
    t
}

/// "... in..." or "…": a cut-off teaser snippet, not a finished sentence.
pub fn ends_with_ellipsis(line: &str) -> bool {
    let t = line.trim_end();
    // "[…]": WordPress's excerpt mark; "….": an excerpt cut with its full stop added.
    t.ends_with("...")
        || t.ends_with('…')
        || t.ends_with("….")
        || t.ends_with("[…]")
        || t.ends_with("[...]")
}

/// Share of words that start with a capital letter (ignoring short function words).
pub fn capitalised_ratio(line: &str) -> f64 {
    let ws: Vec<&str> = line
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(|w| !is_stop_word(&w.to_lowercase()))
        .collect();
    if ws.is_empty() {
        return 0.0;
    }
    let caps = ws
        .iter()
        .filter(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        .count();
    caps as f64 / ws.len() as f64
}

/// Fewest words of a line of running prose (see [`is_prose`]).
pub const MIN_PROSE_WORDS: usize = 10;

/// Most words of a widget label (see [`widget_phrase`]).
pub const MAX_WIDGET_WORDS: usize = 12;

/// Most words of a call to the reader (see [`is_reader_call`]).
pub const MAX_READER_CALL_WORDS: usize = 40;

/// A line of running prose: long enough, sentence-final punctuation, function words.
///
/// 10 words / 0.15 stop-word share: the shortest paragraphs in news prose clear both,
/// menus and teaser headlines do not (checked against the seeds and the fixtures).
pub fn is_prose(line: &str) -> bool {
    words_at_least(line, MIN_PROSE_WORDS) && ends_sentence(line) && stop_word_ratio(line) >= 0.15
}

/// A short sentence that is still prose once we know we are inside the body.
pub fn is_short_prose(line: &str) -> bool {
    words_at_least(line, 3) && ends_sentence(line) && !ends_with_ellipsis(line)
}

/// "Home > Opinion > Columns", "News | World | Asia": 2-7 short segments between separators.
fn is_breadcrumb(line: &str) -> bool {
    // 2 to 7 segments, each of at most 40 bytes and 5 words (checked as they come).
    let mut segments = 0;
    for s in line.split(['>', '»', '›', '|', '/']).map(str::trim) {
        segments += 1;
        if segments > 7 || s.is_empty() || s.len() > 40 || !words_at_most(s, 5) {
            return false;
        }
    }
    segments >= 2
}

static GLUED_MENU: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::regex(r"^(Home|HOME)\p{Lu}\p{Ll}+\p{Lu}"));

/// Most words of a breadcrumb line (a menu glued to "Home" may be longer): the text
/// cleaner's `label` asks [`is_navigation`] only of such lines, from its word count.
pub const MAX_NAVIGATION_WORDS: usize = 45;

/// Navigation: "Home > Opinion > Columns", "News | World | Asia", glued menus.
pub fn is_navigation(line: &str) -> bool {
    // Cheap gates first: a separator, and at most 7 segments of 5 words plus 6
    // free-standing separators.
    let b = line.as_bytes();
    let has_separator = memchr::memchr3(b'>', b'|', b'/', b).is_some() || has_angle_quote(line);
    (has_separator
        && words_at_most(line, MAX_NAVIGATION_WORDS)
        && is_breadcrumb(line)
        // At most 14 words as `words` counts them, without its lowercased copies.
        && stop_word_counts(line).words <= 14
        && !ends_sentence(line))
        || (line.starts_with(['H']) && GLUED_MENU.is_match(line))
}

/// Whether the line has a "»" or "›" (breadcrumb separators), found by their last
/// UTF-8 byte (no searcher built per line, as `memmem::find` does).
fn has_angle_quote(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr2_iter(0xBB, 0xBA, b)
        .any(|i| b[..=i].ends_with("»".as_bytes()) || b[..=i].ends_with("›".as_bytes()))
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::regex(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"));

pub fn find_email(line: &str) -> Option<&str> {
    // No '@', no address: skip the regex.
    memchr::memchr(b'@', line.as_bytes())?;
    EMAIL.find(line).map(|m| m.as_str())
}

/// A line that is only an e-mail address (site headers, contact boxes).
pub fn is_bare_email(line: &str) -> bool {
    memchr::memchr(b'@', line.as_bytes()).is_some()
        && EMAIL.find(line).is_some_and(|m| m.as_str() == line.trim())
}

/// Universal widget phrases, matched on short lines only (a paragraph that merely
/// mentions "comments" is not a widget). Each entry: (phrase, what it is).
const WIDGET_PHRASES: &[(&str, &str)] = &[
    ("print", "print/share widget"),
    ("share this", "print/share widget"),
    ("share on", "print/share widget"),
    ("share your thoughts", "comment call-to-action"),
    // A share button's accessible label ("Click to email this to a friend (Opens in
    // new window)").
    ("opens in new window", "print/share widget"),
    ("opens in a new window", "print/share widget"),
    ("in the comments", "comment call-to-action"),
    ("leave a comment", "comment box"),
    ("write comments", "comment box"),
    ("comment?", "comment box"),
    ("comments", "comment box"),
    ("log in", "login box"),
    ("logged in", "login box"),
    ("login", "login box"),
    ("sign in", "login box"),
    ("sign up", "subscription pitch"),
    ("subscribe", "subscription pitch"),
    ("subscription", "subscription pitch"),
    ("newsletter", "subscription pitch"),
    ("get notified", "subscription pitch"),
    ("exclusive access", "subscription pitch"),
    ("paid subscribers", "paywall notice"),
    ("cookie", "cookie banner"),
    ("accept all", "cookie banner"),
    ("privacy policy", "site footer"),
    ("terms of use", "site footer"),
    ("all rights reserved", "site footer"),
    ("advertisement", "advertisement"),
    ("sponsored", "advertisement"),
    ("related article", "teaser for other stories"),
    ("related stories", "teaser for other stories"),
    ("related content", "teaser for other stories"),
    ("read more", "teaser for other stories"),
    ("continue reading", "teaser for other stories"),
    ("most popular", "teaser for other stories"),
    ("most read", "teaser for other stories"),
    ("recommended", "teaser for other stories"),
    ("you may also like", "teaser for other stories"),
    ("recent features", "teaser for other stories"),
    // Headings of other stories' lists, as sites across the dev set word them
    // (and in the dev set's other languages: Korean, Japanese, Chinese, German,
    // Italian, Portuguese, Russian, Indonesian).
    ("related links", "teaser for other stories"),
    ("top stories", "teaser for other stories"),
    ("more stories", "teaser for other stories"),
    ("keep reading", "teaser for other stories"),
    ("you might also like", "teaser for other stories"),
    ("editor's picks", "teaser for other stories"),
    ("trending now", "teaser for other stories"),
    ("latest stories", "teaser for other stories"),
    ("read next", "teaser for other stories"),
    ("관련기사", "teaser for other stories"),
    ("関連記事", "teaser for other stories"),
    ("相关新闻", "teaser for other stories"),
    ("leia também", "teaser for other stories"),
    ("leggi anche", "teaser for other stories"),
    ("читайте также", "teaser for other stories"),
    ("baca juga", "teaser for other stories"),
    ("weitere artikel", "teaser for other stories"),
    ("successfully subscribed", "subscription pitch"),
    ("succesfully subscribed", "subscription pitch"),
    ("activation link", "subscription pitch"),
    ("thank you for subscribing", "subscription pitch"),
    ("source link", "aggregator link"),
    ("choose your language", "language picker"),
    ("select language", "language picker"),
    ("skip to content", "navigation"),
    ("back to top", "navigation"),
    ("show more", "navigation"),
    ("back to", "navigation"),
    ("listen to this article", "audio player"),
    ("enter your email", "subscription pitch"),
    ("email address", "subscription pitch"),
    // The consent line under a newsletter form ("You may occasionally receive
    // promotional content from the Times.").
    ("receive promotional", "subscription pitch"),
    ("reader-supported", "subscription pitch"),
    ("report this ad", "advertisement"),
    ("scroll to continue", "advertisement"),
    ("load more", "navigation"),
    ("icon", "widget label"),
    ("image", "widget label"),
    ("spot_img", "widget label"),
    ("drag and drop", "site template text"),
    ("create a website", "site template text"),
];

/// The widget a short line belongs to, if it uses one of the universal phrases.
///
/// Only lines of at most 12 words are considered: widget text is terse, and a
/// real paragraph that happens to say "subscribe" is longer than that.
pub fn widget_phrase(line: &str) -> Option<&'static str> {
    if !words_at_most(line, MAX_WIDGET_WORDS) {
        return None;
    }
    widget_phrase_of_short_line(line)
}

/// [`widget_phrase`] for a line already known to have at most [`MAX_WIDGET_WORDS`] words.
pub fn widget_phrase_of_short_line(line: &str) -> Option<&'static str> {
    let bytes = line.as_bytes();
    // The earliest phrase of the list that matches wins (the list is ordered by precedence).
    let mut first: Option<usize> = None;
    WIDGET_AUTOMATON.for_each(line, |i, at| {
        let (phrase, _) = WIDGET_PHRASES[i];
        if first.is_some_and(|f| f <= i) {
            return;
        }
        if phrase.contains(' ') || !phrase.chars().all(char::is_alphanumeric) {
            first = Some(i);
            return;
        }
        // Single words must be whole words ("print" but not "blueprint"), a plural
        // "-s" allowed ("comments"), hyphen-joined allowed ("help-image").
        let before = at.start.checked_sub(1).map(|i| bytes[i]);
        let rest = &bytes[at.end..];
        let rest = match rest.first() {
            Some(b's' | b'S') => &rest[1..],
            _ => rest,
        };
        let after = rest.first().copied();
        let boundary = |b: Option<u8>| b.is_none_or(|b| !b.is_ascii_alphanumeric());
        if boundary(before) && boundary(after) {
            first = Some(i);
        }
    });
    first.map(|i| WIDGET_PHRASES[i].1)
}

static WIDGET_AUTOMATON: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(WIDGET_PHRASES.iter().map(|(p, _)| *p)));

/// Calls to the reader that close many posts ("Share your thoughts in the comments
/// below!"). They run longer than widget labels, so they get their own check (up to 40 words).
const READER_CALLS: &[&str] = &[
    "by signing up",
    "agree to our terms",
    "unsubscribe at any time",
    "whatsapp channel",
    "telegram channel",
    "thanks for reading",
    "reader-supported publication",
    "in the comments",
    "share your thoughts",
    "let us know what you think",
    "let us know in",
    "join the conversation",
    "sign up for our",
    "subscribe to our",
    "follow us on",
    // Pleas and notices in the article's column, as sites word them everywhere.
    "ad-blocker",
    "ad blocker",
    "adblocker",
    "protected by recaptcha",
    "submit a letter to the editor",
    "never miss our",
    "never miss a story",
    "straight to your inbox",
    "straight to your phone",
    "delivered to your inbox",
    // A sign-up form's confirmation, printed with the form.
    "activation link",
    "activate your subscription",
    // Appeals for money or membership under an article.
    "click here to support",
    "support our journalism",
    "support independent journalism",
    "support our work",
    "make a difference for readers",
    "become a supporter",
];

pub fn is_reader_call(line: &str) -> bool {
    words_at_most(line, MAX_READER_CALL_WORDS) && is_reader_call_of_short_line(line)
}

/// [`is_reader_call`] for a line known to have at most [`MAX_READER_CALL_WORDS`] words.
pub fn is_reader_call_of_short_line(line: &str) -> bool {
    READER_CALL_AUTOMATON.is_match(line)
}

static READER_CALL_AUTOMATON: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(READER_CALLS.iter().copied()));

/// A line with almost no letters: counters, stray glyphs, "(0/250자)".
pub fn is_fragment(line: &str) -> bool {
    // (Counted only as far as the answer needs: paragraphs reach here too.)
    let letters = line.chars().filter(|c| c.is_alphabetic()).take(3).count();
    // Scripts without case (Hangul, kana, Han) have no capitals to look for.
    letters < 3
        || (words_at_most(line, 2)
            && !line
                .chars()
                .any(|c| c.is_uppercase() || super::dense_scripts::is_dense_letter(c)))
}

/// Title-case share of a line's content words, for headings and headlines.
pub fn looks_like_title_case(line: &str) -> bool {
    capitalised_ratio(line) >= 0.75
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
/// Affiliate disclosures run to four sentences ("… Terms apply to the offers listed on
/// this page. For an explanation of our Advertising Policy, visit this page."), and
/// their phrases are no article's.
const MAX_DISCLOSURE_WORDS: usize = 60;

/// Longest disclaimer paragraph: legal boilerplate runs to several sentences.
const MAX_DISCLAIMER_WORDS: usize = 150;

pub fn site_notice(text: &str) -> Option<&'static str> {
    site_notice_of_counted(text, count_words_upto(text, MAX_DISCLOSURE_WORDS))
}

/// [`site_notice`] of a line whose words are counted (exactly, or up to past
/// [`MAX_DISCLOSURE_WORDS`]).
pub fn site_notice_of_counted(text: &str, words: usize) -> Option<&'static str> {
    if is_disclaimer(text) {
        return Some("disclaimer");
    }
    if words > MAX_DISCLOSURE_WORDS {
        return None;
    }
    if words > MAX_NOTICE_WORDS {
        // Past notice length only a disclosure's phrases count: any one will do (a
        // plain search, not every overlapping match of every phrase in a paragraph).
        return AFFILIATE_AUTOMATON
            .is_match(text)
            .then_some("affiliate disclosure");
    }
    // The earliest phrase of the list that matches wins, as it is ordered by precedence.
    let mut first: Option<usize> = None;
    SITE_NOTICE_AUTOMATON.for_each(text, |i, _| {
        first = Some(first.map_or(i, |f| f.min(i)));
    });
    first.map(|i| SITE_NOTICES[i].1)
}

static SITE_NOTICE_AUTOMATON: LazyLock<Phrases> =
    LazyLock::new(|| Phrases::new(SITE_NOTICES.iter().map(|(p, _)| *p)));

static AFFILIATE_AUTOMATON: LazyLock<Phrases> = LazyLock::new(|| {
    Phrases::new(
        SITE_NOTICES
            .iter()
            .filter(|(_, kind)| *kind == "affiliate disclosure")
            .map(|(p, _)| *p),
    )
});

/// "Disclaimer: The responses below are not…", "Editorial Disclaimer: Opinions
/// expressed here…", "Disclaimer (varies by section): …": a paragraph labelled as the
/// site's disclaimer. An article about disclaimers does not open a paragraph that way.
pub fn is_disclaimer(text: &str) -> bool {
    let t = text.trim_start_matches(['*', ' ']);
    let t = strip_prefix_ignore_case(t, "editorial ").unwrap_or(t);
    strip_prefix_ignore_case(t, "disclaimer")
        .is_some_and(|rest| rest.starts_with([':', '(']) || rest.starts_with(" ("))
        && words_at_most(text, MAX_DISCLAIMER_WORDS)
}

/// `text` after an ASCII `prefix`, ignoring ASCII case.
fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    starts_with_ignore_case(text, prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_mark_is_an_ellipsis() {
        assert!(ends_with_ellipsis(
            "Sometimes people ask me why this location […]"
        ));
        assert!(ends_with_ellipsis("Another feature that I [...]"));
        assert!(ends_with_ellipsis("The talks went on..."));
        assert!(ends_with_ellipsis("The ban was…."));
        assert!(!ends_with_ellipsis("See the notes [1]"));
    }

    #[test]
    fn an_end_mark_closes_a_sentence() {
        assert!(ends_sentence("She replied, “I never read that book.” ❖"));
        assert!(ends_sentence("And that was the end of it. ■"));
        assert!(!ends_sentence("A line that stops ■"));
        assert!(ends_sentence("said Jane Doe, director of the branch. “"));
        assert!(!ends_sentence("and then he said “"));
    }

    #[test]
    fn knows_pleas_and_notices_in_the_column() {
        for line in [
            "If you're running an ad-blocker it's costing us money. Please turn it off.",
            "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
            "We want to hear what you think. Submit a letter to the editor or write to us.",
            "Get our Daily Edition by email and never miss our top stories",
            "Get the latest news straight to your phone with our app.",
            "Do you rely on our reporting? Click here to support it.",
            "Support the Herald and make a difference for readers everywhere.",
            "An email with an activation link has just been sent to your email address.",
        ] {
            assert!(is_reader_call(line), "{line}");
        }
        assert!(!is_reader_call(
            "He never missed a vote and wrote a letter to the editor of the local paper in 1990."
        ));
    }

    #[test]
    fn stop_words_sorted_without_duplicates() {
        // Sorted for readers; a duplicate would share a slot of the stop table under
        // every multiplier, and its search would never end.
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn recognises_breadcrumbs_and_glued_menus() {
        assert!(is_navigation("Home > Opinion > Columns"));
        assert!(is_navigation("News | World | Asia-Pacific"));
        assert!(is_navigation("Home » Politics » Asia"));
        assert!(is_navigation("Home › Politics › Asia"));
        assert!(!has_angle_quote("Quotes « and the ¾ of it"));
        assert!(is_navigation(
            "HomePoliticsAsiaRecommitting to Japan-South..."
        ));
        assert!(!is_navigation(
            "U.S. isolationism and potential weakening of Western unity"
        ));
    }

    #[test]
    fn widget_phrases_only_on_short_lines() {
        assert_eq!(
            widget_phrase("print dictionary print"),
            Some("print/share widget")
        );
        assert_eq!(
            widget_phrase("Related Article"),
            Some("teaser for other stories")
        );
        assert_eq!(widget_phrase("The blueprint for the alliance"), None);
        let long = "Readers who subscribe to the paper's print edition know that the alliance has been tested many times before.";
        assert_eq!(widget_phrase(long), None);
    }

    #[test]
    fn prose_needs_sentence_shape() {
        assert!(is_prose("The return of Donald Trump to the White House for a second term is shaking the foundations of the global order."));
        assert!(!is_prose(
            "The Trump administration on Thursday launched a website for those interested in..."
        ));
        assert!(!is_prose(
            "The Future of U.S. Forces Korea: A Shifting Focus"
        ));
    }

    #[test]
    fn site_notices_are_told_from_prose_that_names_them() {
        let disclosure = "This post contains references to products from one or more of our \
             advertisers. We may receive compensation when you click on links to those products. \
             Terms apply to the offers listed on this page. For an explanation of our Advertising \
             Policy, visit this page.";
        assert_eq!(site_notice(disclosure), Some("affiliate disclosure"));
        assert_eq!(
            site_notice("Previous article"),
            Some("link to another article")
        );
        // A long paragraph that mentions the next article is text.
        let prose = "Read about that topic in the next article in this series, where we look at \
             how the leaders of online businesses think about the markets they enter, the \
             people they hire and the products they decide to build first.";
        assert_eq!(site_notice(prose), None);
        for notice in [
            "Disclaimer: The responses below are not provided or commissioned by the bank.",
            "Editorial Disclaimer: Opinions expressed here are the author’s alone.",
            "Disclaimer (varies by section): News articles on this site may contain opinions.",
        ] {
            assert_eq!(site_notice(notice), Some("disclaimer"), "{notice}");
        }
        assert_eq!(
            site_notice("Disclaimers on drug packages grew longer after the ruling."),
            None
        );
    }
}
