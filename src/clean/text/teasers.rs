//! Teaser lists whose headline and blurb the dump glued together.
//!
//! A box of other stories prints each story as a headline element and a blurb
//! element side by side; a browser's innerText puts no space between them, so the
//! dump reads "Customers Leave Without Paying At SteakhouseThe party of six left...".
//! Each such line is long enough to pass for prose, and a list of them can outweigh
//! the article. One glued line can also be a name ("Michael McDonald"), so only a
//! line with a glued neighbour is taken as a teaser.

use super::{Label, Line};

/// Shortest and longest headline (bytes) in front of the glue point.
const HEADLINE_BYTES: std::ops::RangeInclusive<usize> = 12..=160;

/// Words of a headline that stay lowercase in Title Case.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "by", "from", "as",
    "is", "vs", "but", "into", "over", "after",
];

/// Label every line that is a glued headline and blurb next to another one.
pub(super) fn mark_glued_teasers(lines: &[Line], labels: &mut [Label]) {
    // Each line is tested when first asked (most never are: only a glued prose or
    // other line asks about its neighbours), and the labels are changed afterwards.
    let glued: Vec<std::cell::OnceCell<bool>> = vec![std::cell::OnceCell::new(); lines.len()];
    let glued_at = |j: usize| {
        glued
            .get(j)
            .is_some_and(|g| *g.get_or_init(|| is_glued_headline(lines[j].text)))
    };
    // A teaser's own time line ("1 hour ago") may sit between two of them.
    let timed = |j: usize| labels[j] == Label::Date || is_relative_time(lines[j].text);
    let teasers: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            matches!(labels[i], Label::Prose | Label::Other)
                && glued_at(i)
                && ((i > 0 && glued_at(i - 1))
                    || glued_at(i + 1)
                    || (i > 1 && glued_at(i - 2) && timed(i - 1))
                    || (glued_at(i + 2) && timed(i + 1)))
        })
        .collect();
    for i in teasers {
        labels[i] = Label::Teaser;
    }
}

/// A Title Case headline with a sentence glued on ("...At Troy SteakhouseThe party").
fn is_glued_headline(text: &str) -> bool {
    // Only the first HEADLINE_BYTES can hold the glue point: every line of a page
    // is asked, so long paragraphs are not walked to their end. The glued word starts
    // with an ASCII capital, so the bytes are scanned for one and a character is
    // decoded only where one follows a letter, digit or closing mark.
    let b = text.as_bytes();
    let end = b.len().min(*HEADLINE_BYTES.end() + 1);
    for at in ascii_capitals(b, *HEADLINE_BYTES.start(), end) {
        let c = b[at];
        let p = b[at - 1];
        // (A byte >= 0x80 ends a multi-byte character: a letter, ’ or ” perhaps.)
        if !(p.is_ascii_alphanumeric() || p >= 0x80 || b")?!'\"".contains(&p)) {
            continue;
        }
        let glue_before = text[..at].chars().next_back().is_some_and(|b: char| {
            b.is_alphanumeric() || matches!(b, ')' | '?' | '!' | '’' | '\'' | '"' | '”')
        });
        if !glue_before {
            continue;
        }
        // The glued word: a capital, lowercase letters, then a space. A lone "A"
        // only after a lowercase letter and before a lowercase word or a number
        // ("Student-AthleteA 24-year-old", "SteakhouseA party"): after a capital or
        // digit it is part of a name or model number ("Model 3A", "Type-CA").
        let rest = &text[at + 1..];
        let lower = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        let glued_word = if lower >= 1 {
            rest[lower..].starts_with([' ', ',', ':', ';'])
        } else {
            c == b'A'
                && before_lowercase(&text[..at])
                && rest
                    .strip_prefix(' ')
                    .and_then(|r| r.bytes().next())
                    .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        };
        if glued_word && is_title_case(&text[..at]) {
            return true;
        }
    }
    false
}

/// Positions of the ASCII capitals in `b[from..to]` (`from` >= 1), found eight bytes
/// at a time: most of a line's bytes are no capital, and every line is scanned.
fn ascii_capitals(b: &[u8], from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let from = from.max(1);
    (from..to.max(from)).step_by(8).flat_map(move |chunk| {
        let n = (to - chunk).min(8);
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(&b[chunk..chunk + n]);
        let x = u64::from_le_bytes(buf);
        // Per byte, without carries between bytes (each is below 0x80 once masked):
        // the high bit of y + (0x80 - 'A') says >= 'A', of y + (0x80 - '[') says > 'Z';
        // bytes with their own high bit set (non-ASCII) are left out.
        let y = x & LOW7;
        let at_least_a = y + 0x3F3F_3F3F_3F3F_3F3F;
        let past_z = y + 0x2525_2525_2525_2525;
        let mut capitals = at_least_a & !past_z & !x & HIGH;
        std::iter::from_fn(move || {
            if capitals == 0 {
                return None;
            }
            let k = capitals.trailing_zeros() as usize / 8;
            capitals &= capitals - 1;
            Some(chunk + k)
        })
    })
}

/// Longest teaser age ("12 seconds ago" is 14 bytes).
const MAX_RELATIVE_TIME_BYTES: usize = 20;

/// "1 hour ago", "25 mins ago", "yesterday": the age a teaser box prints under each story.
fn is_relative_time(text: &str) -> bool {
    // Every line is asked: the longest form ("59 minutes ago", "yesterday") is short.
    let t = text.trim();
    if t.len() > MAX_RELATIVE_TIME_BYTES {
        return false;
    }
    let t = t.to_lowercase();
    if matches!(t.as_str(), "yesterday" | "just now" | "today") {
        return true;
    }
    let mut words = t.split(' ');
    let (Some(n), Some(unit), Some("ago"), None) =
        (words.next(), words.next(), words.next(), words.next())
    else {
        return false;
    };
    (n.bytes().all(|b| b.is_ascii_digit()) || n == "an" || n == "a")
        && [
            "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes", "hr", "hrs",
            "hour", "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
        ]
        .contains(&unit)
}

/// The headline in front of the glue point ends in a lowercase letter.
fn before_lowercase(headline: &str) -> bool {
    headline.chars().next_back().is_some_and(char::is_lowercase)
}

/// Three to twenty words, nearly all capitalised or small words, half capitalised.
fn is_title_case(headline: &str) -> bool {
    let words: Vec<&str> = headline
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '’' | '\'' | '-')))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .collect();
    if !(3..=20).contains(&words.len()) {
        return false;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let capitals = words.iter().filter(|w| capital(w)).count();
    let small = words
        .iter()
        .filter(|w| !capital(w) && SMALL_WORDS.contains(&w.to_lowercase().as_str()))
        .count();
    (capitals + small) * 5 >= words.len() * 4 && capitals * 2 >= words.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_capitals_are_the_capital_bytes_of_the_range() {
        let text = "ÀB cD Ünter EF—G xyz [Z]@ A".repeat(3);
        let b = text.as_bytes();
        for (from, to) in [
            (1, b.len()),
            (3, 17),
            (9, 9),
            (12, 30),
            (1, 8),
            (40, b.len()),
        ] {
            let naive: Vec<usize> = (from..to).filter(|&i| b[i].is_ascii_uppercase()).collect();
            assert_eq!(
                ascii_capitals(b, from, to).collect::<Vec<_>>(),
                naive,
                "{from}..{to}"
            );
        }
    }

    #[test]
    fn finds_a_headline_glued_to_its_blurb() {
        assert!(is_glued_headline(
            "Customers Leave Without Paying $690 Bill At Troy SteakhouseThe party of six left without paying."
        ));
        assert!(is_glued_headline(
            "Mayor: ‘Despicable’ Move For Health Benefits Won’t StandWarren Mayor Jim Fouts says it was wrong."
        ));
        assert!(!is_glued_headline(
            "The ministers met in Seoul on Tuesday and agreed to keep talking about tariffs."
        ));
        assert!(!is_glued_headline("Ok."));
        // A lone "A" opening the blurb, after a lowercase letter only.
        assert!(is_glued_headline(
            "Police: 2 In Custody After Death Of Student-AthleteA 24-year-old woman was arrested."
        ));
        assert!(is_glued_headline(
            "Customers Leave Without Paying At Troy SteakhouseA party of six left without paying."
        ));
        assert!(!is_glued_headline(
            "The New Galaxy Phone Comes In Model 3A and 3B with more memory and a bigger screen."
        ));
        // No panic on any char boundary.
        assert!(!is_glued_headline(
            "Ünïcödé Wörds Hère ÀndÀ thére ünd mörë wörds hërë."
        ));
    }

    /// Consecutive dump lines, each printed once.
    fn lines_of<'a>(texts: &[&'a str]) -> Vec<Line<'a>> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: t,
                repeats: 1,
            })
            .collect()
    }

    #[test]
    fn reads_a_teaser_age() {
        assert!(is_relative_time("1 hour ago"));
        assert!(is_relative_time("25 mins ago"));
        assert!(is_relative_time("an hour ago"));
        assert!(!is_relative_time("Ten years ago"));
        assert!(!is_relative_time("1 hour ago, the minister said"));
    }

    #[test]
    fn only_a_glued_line_beside_another_is_a_teaser() {
        let texts = [
            "Talks Resume In Seoul After A Long BreakMinisters of both countries met on Monday to talk.",
            "Port Strike Ends After A Week Of TalksThe dockworkers returned to work on Sunday morning.",
            "The band toured with Michael McDonald for years and played every summer festival there.",
        ];
        let lines = lines_of(&texts);
        let mut labels = vec![Label::Prose; 3];
        mark_glued_teasers(&lines[..2], &mut labels[..2]);
        assert_eq!(labels[..2], [Label::Teaser, Label::Teaser]);
        let mut alone = vec![Label::Prose];
        mark_glued_teasers(&lines[2..], &mut alone);
        assert_eq!(alone, [Label::Prose]);
    }

    #[test]
    fn a_teaser_age_between_two_glued_lines_keeps_them_neighbours() {
        let texts = [
            "Talks Resume In Seoul After A Long BreakMinisters of both countries met on Monday to talk.",
            "1 hour ago",
            "First Snowfall In Metro DetroitOfficially, winter starts in December, but not always.",
        ];
        let lines = lines_of(&texts);
        let mut labels = vec![Label::Prose, Label::Other, Label::Prose];
        mark_glued_teasers(&lines, &mut labels);
        assert_eq!(labels, [Label::Teaser, Label::Other, Label::Teaser]);
    }
}
