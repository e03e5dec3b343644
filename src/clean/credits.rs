//! Credit lines and publication names: "originally published by X", "edited by
//! X staff", copyright lines, "connect with X" mastheads, and the tidying of the
//! names they carry.

use regex::Regex;
use std::sync::LazyLock;

use super::phrases::Phrases;

/// Credit-line patterns: (regex, is the original publisher, words the line must contain
/// for the regex to be worth running; "^word": the line must start with it, any ASCII
/// case). The capture group `pub` holds a publication.
const CREDIT_PATTERNS: &[(&str, bool, &[&str])] = &[
    (
        r"(?i)(?-u:\b)originally (?:published|appeared) (?:by|in|on|at) (?:the )?(?P<pub>[^,.;]+)",
        true,
        &["originally "],
    ),
    (
        r"(?i)(?-u:\b)first (?:published|appeared) (?:by|in|on|at) (?:the )?(?P<pub>[^,.;]+)",
        true,
        &["first published", "first appeared"],
    ),
    (
        r"(?i)(?-u:\b)republished (?:with permission )?from (?:the )?(?P<pub>[^,.;]+)",
        true,
        &["republished "],
    ),
    (
        r"(?i)(?-u:\b)edited by (?:the )?(?P<pub>[^,.;]+?) staff(?-u:\b)",
        false,
        &["edited by "],
    ),
    (
        r"(?i)(?-u:\b)translated (?:from|using|by)(?-u:\b)",
        false,
        &["translated "],
    ),
    (
        r"(?i)(?-u:\b)republished with permission(?-u:\b)",
        false,
        &["republished with"],
    ),
    (
        r"(?i)^(?:reporting|additional reporting|writing|editing|compiled) by(?-u:\b)",
        false,
        &[
            "^reporting ",
            "^additional ",
            "^writing ",
            "^editing ",
            "^compiled ",
        ],
    ),
    (
        r"(?i)^(?:copyright\s*(?:©|ⓒ|\(c\))?|©|ⓒ|\(c\))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*[.,]?\s*)?(?P<pub>[^,.;|]+?)\s*(?:[.,;|]|$)",
        false,
        &["^copyright", "^©", "^ⓒ", "^(c)"],
    ),
    (
        r"(?i)(?-u:\b)(?:appears|appeared) in the .*(?-u:\b)edition(?-u:\b)",
        false,
        &["edition"],
    ),
    (
        r"(?i)(?-u:\b)has been (?:edited|condensed) for (?:length|clarity)",
        false,
        &["has been "],
    ),
    (
        r"(?i)^\(?(?:(?:photo|photos|photograph|photographs|photography|image|images|illustration|graphic|video) (?:by|courtesy of)(?-u:\b)|(?:photo |image )?credits?\s*:)",
        false,
        &[
            "^photo",
            "^image ",
            "^video ",
            "^illustration ",
            "^graphic ",
            "^credit",
            "^(",
        ],
    ),
    (
        r"(?i)(?-u:\b)contributed (?:to this )?report",
        false,
        &["contributed "],
    ),
    (
        r"(?i)^this (?:article|story|piece|post),? (?:(?:was|has been|first|originally) )+(?:re)?(?:published|appeared|printed|posted)(?-u:\b)",
        false,
        &["^this "],
    ),
];

// `credit` keeps its candidate patterns in a 32-bit set.
const _: () = assert!(CREDIT_PATTERNS.len() <= 32);

/// The compiled credit patterns, one phrase list of all their gate words (phrase
/// index -> index into [`CREDIT_PATTERNS`]), and the "^" gate words without their
/// mark (with the index of their pattern).
struct CreditMatcher {
    regexes: Vec<Regex>,
    gate: Phrases,
    gate_owner: Vec<usize>,
    prefixes: Vec<(&'static str, usize)>,
}

static CREDIT_MATCHER: LazyLock<CreditMatcher> = LazyLock::new(|| {
    let (mut words, mut gate_owner, mut prefixes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (_, _, gate)) in CREDIT_PATTERNS.iter().enumerate() {
        for w in gate.iter() {
            match w.strip_prefix('^') {
                Some(prefix) => prefixes.push((prefix, i)),
                None => {
                    words.push(*w);
                    gate_owner.push(i);
                }
            }
        }
    }
    CreditMatcher {
        regexes: CREDIT_PATTERNS
            .iter()
            .map(|(p, _, _)| crate::patterns::regex(p))
            .collect(),
        gate: Phrases::new(words),
        gate_owner,
        prefixes,
    }
});

/// Most words of a credit line (see [`credit`]).
pub const MAX_CREDIT_WORDS: usize = 40;

/// A credit line, and the publication it names (with whether that is the original publisher).
pub fn credit(line: &str) -> Option<(Option<String>, bool)> {
    if !super::lines::words_at_most(line, MAX_CREDIT_WORDS) {
        return None;
    }
    credit_of_short_line(line)
}

/// [`credit`] for a line already known to have at most [`MAX_CREDIT_WORDS`] words.
pub fn credit_of_short_line(line: &str) -> Option<(Option<String>, bool)> {
    let m = &*CREDIT_MATCHER;
    // Patterns whose gate words occur in the line, as a bit set (list order: the
    // first pattern that matches wins).
    let mut candidates = 0u32;
    m.gate
        .for_each(line, |i, _| candidates |= 1 << m.gate_owner[i]);
    // The first byte tells most prefixes apart without a call to compare slices.
    if let Some(first) = line.as_bytes().first().map(u8::to_ascii_lowercase) {
        for &(prefix, i) in &m.prefixes {
            if prefix.as_bytes().first() == Some(&first)
                && super::lines::starts_with_ignore_case(line, prefix)
            {
                candidates |= 1 << i;
            }
        }
    }
    (0..CREDIT_PATTERNS.len())
        .filter(|i| candidates & (1 << i) != 0)
        .find_map(|i| {
            m.regexes[i].captures(line).map(|c| {
                let name = c
                    .name("pub")
                    .map(|m| m.as_str().trim().to_string())
                    .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 6);
                (name, CREDIT_PATTERNS[i].1 && c.name("pub").is_some())
            })
        })
}

/// A note that the article first ran elsewhere ("This article was originally published
/// by Futurism.", "Originally published on Live Science."): printed after the last
/// paragraph it is the article's own closing sentence, which readers and extraction
/// benchmarks count as body; above the article it is a credit (see the cleaners).
/// "First published on November 19, 2019" is a date line, not a note.
pub fn is_republication_note(line: &str) -> bool {
    let original = matches!(credit(line), Some((_, true)));
    let this_article =
        super::lines::words_at_most(line, MAX_CREDIT_WORDS) && THIS_ARTICLE_WAS.is_match(line);
    (original || this_article) && super::dateline::full_date(line).is_none()
}

static THIS_ARTICLE_WAS: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)^this (?:article|story|piece|post),? (?:(?:was|has been|first|originally) )+(?:re)?(?:published|appeared|printed|posted)(?-u:\b)",
    )
});

static CONNECT_WITH: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?-u:\b)(?i:connect with|welcome to) (?:the )?(?P<pub>(?:\p{Lu}[\p{L}&'-]*\s?){1,5})|^(?P<pub2>(?:\p{Lu}[\p{L}&'-]*\s?){1,5}) is a reader-supported publication",
    )
});

/// Whether the line has one of the literal words every [`CONNECT_WITH`] match
/// contains ("connect with", "welcome to", "reader-supported publication", ASCII case
/// ignored): a cheap test before the regex, asked of every line of a page. Each has,
/// at a known offset, "wi", "we" or "-s": pairs far rarer in prose than their first
/// bytes alone.
fn has_masthead_words(line: &str) -> bool {
    let b = line.as_bytes();
    let has = |start: Option<usize>, words: &[u8]| {
        start
            .and_then(|s| b.get(s..s + words.len()))
            .is_some_and(|w| w.eq_ignore_ascii_case(words))
    };
    crate::clean::simd::any_pair_position_of(b, b"wW-", b"iIeEsS", |i| match b[i] {
        b'-' => has(i.checked_sub(6), b"reader-supported publication"),
        _ => has(i.checked_sub(8), b"connect with") || has(Some(i), b"welcome to"),
    })
}

/// A publication named by site furniture: "connect with the Korea JoongAng Daily".
pub fn masthead_name(line: &str) -> Option<String> {
    if !has_masthead_words(line) {
        return None;
    }
    CONNECT_WITH
        .captures(line)
        .and_then(|c| c.name("pub").or_else(|| c.name("pub2")))
        .map(|m| m.as_str().trim().to_string())
        .filter(|s| s.split_whitespace().count() >= 2)
}

/// Company suffixes that a masthead drops: "Latitude Media Ltd" -> "Latitude".
const COMPANY_SUFFIXES: &[&str] = &[
    "ltd",
    "limited",
    "inc",
    "corp",
    "corporation",
    "co",
    "llc",
    "plc",
    "group",
    "media",
    "holdings",
    "company",
    "all rights reserved",
];

/// `text` ends with " " + `word`.
fn ends_with_word(text: &str, word: &str) -> bool {
    text.strip_suffix(word)
        .is_some_and(|rest| rest.ends_with(' '))
}

/// Tidy a publication name from a credit or copyright line.
pub fn publication_name(raw: &str) -> Option<String> {
    let mut name = raw.trim().trim_end_matches(['.', ',']).to_string();
    loop {
        let lower = name.to_lowercase();
        let Some(suffix) = COMPANY_SUFFIXES.iter().find(|s| {
            ends_with_word(&lower, s)
                || lower
                    .strip_suffix('.')
                    .is_some_and(|l| ends_with_word(l, s))
        }) else {
            break;
        };
        let cut = name.len() - suffix.len() - 1 - usize::from(lower.ends_with('.'));
        name = name[..cut].trim_end_matches([',', ' ']).to_string();
    }
    let words = name.split_whitespace().count();
    if name.is_empty() || words > 6 {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod publication_name_tests {
    use super::publication_name;

    #[test]
    fn company_suffixes_come_off_the_publication_name() {
        let name = |raw: &str| publication_name(raw);
        assert_eq!(
            name("Korea JoongAng Daily."),
            Some("Korea JoongAng Daily".into())
        );
        assert_eq!(name("Pacific Forum Ltd"), Some("Pacific Forum".into()));
        assert_eq!(name("Nikkei Inc. "), Some("Nikkei".into()));
        assert_eq!(name("Incheon"), Some("Incheon".into()));
        assert_eq!(name("The Zinc"), Some("The Zinc".into()));
        assert_eq!(name("Inc."), Some("Inc".into()));
        assert_eq!(name("A B C D E F G"), None);
    }
}
