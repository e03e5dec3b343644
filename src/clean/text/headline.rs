//! The header's lines, and which one is the headline.
//!
//! The headline is found from its neighbours first: pages print a metadata block
//! (byline, job line, date) right under the headline and its dek, so the line(s)
//! above the first such block are the headline (and dek). Pages without one fall
//! back to scoring headline-shaped lines (repetition, closeness to the body). What
//! the header block's lines are (name lines, "By" over names, deks, captions, pull
//! quotes) is told here too; [`super::header`] claims them.

use super::credits::is_photo_credit;
use super::{Label, Line};
use crate::clean::lines::*;
use crate::clean::meta::{self, Bio};

pub(super) fn is_name_line(lines: &[Line], labels: &[Label], i: usize) -> bool {
    if !meta::is_person_name(lines[i].text) {
        return false;
    }
    match labels.get(i + 1) {
        Some(Label::Bio(Bio::Anonymous) | Label::Date | Label::Prose) => true,
        Some(_) => meta::is_role_line(lines[i + 1].text),
        None => false,
    }
}

/// Most lines a byline split over lines spans after its "By": two names and a handle.
const BY_LINE_SPAN: usize = 4;

/// "By" on a line of its own, the names on the lines after it (pages that set "By" and
/// the name in separate elements): the names, else nothing.
pub(super) fn names_after_by(lines: &[Line], i: usize) -> Vec<String> {
    let t = lines[i].text.trim_end_matches(':');
    let lone_by = ["by", "written by", "words by", "story by"]
        .iter()
        .any(|b| t.eq_ignore_ascii_case(b));
    if !lone_by {
        return Vec::new();
    }
    let mut names = Vec::new();
    for l in lines.iter().skip(i + 1).take(BY_LINE_SPAN) {
        let text = l.text.trim_end_matches([',', '|']).trim();
        if meta::is_person_name(text) {
            names.push(meta::normalise_name(text));
        } else if !(text.starts_with('@') || matches!(text, "and" | "&" | "," | "-" | "|")) {
            break;
        }
    }
    names
}

/// A headline: 3-30 words, no closing full stop, not shouting, not furniture.
pub(super) fn title_shaped(lines: &[Line], labels: &[Label], i: usize) -> bool {
    let t = lines[i].text;
    // Cheapest tests first: this runs on every line above the body.
    if !matches!(labels[i], Label::Other | Label::Prose)
        || t.trim_end().ends_with('.')
        || !(3..=30).contains(&word_count(t))
    {
        return false;
    }
    let (mut letters, mut all_upper) = (0usize, true);
    for c in t.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        all_upper &= c.is_uppercase();
    }
    let shouting = letters > 3 && all_upper;
    !shouting
        && !is_photo_credit(t)
        && !ends_with_credit(t)
        && !meta::is_person_name(t)
        && !meta::is_role_line(t)
        && !is_name_and_role(t)
}

/// "'The most important thing is that I not be the last'": a line wholly in quotation
/// marks, the pull quote or kicker printed over a headline. ("'Pure evil': police
/// say …" opens with a quote and is a headline.)
fn is_pull_quote(text: &str) -> bool {
    const OPEN: &[char] = &['\'', '"', '‘', '“', '«', '「'];
    const CLOSE: &[char] = &['\'', '"', '’', '”', '»', '」'];
    let t = text.trim();
    let inner = t
        .strip_prefix(OPEN)
        .and_then(|t| t.strip_suffix(CLOSE))
        .unwrap_or("");
    // One quotation, not two quoted phrases ("'A' and 'B'").
    !inner.is_empty() && !inner.contains(OPEN)
}

/// "Amazon delivery vans. (Photo: Twitter)", "… near the airport (Getty/Kevork
/// Djansezian)": a caption whose credit closes it in parentheses. Headlines do not
/// end in "(Agency/Photographer)".
pub(super) fn ends_with_credit(text: &str) -> bool {
    let Some(inner) = text
        .trim_end()
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|at| &t[at + 1..]))
    else {
        return false;
    };
    let agencies = inner.contains('/')
        && inner
            .split('/')
            .all(|part| part.trim().starts_with(char::is_uppercase));
    words_at_most(inner, 6) && (is_photo_credit(inner) || agencies)
}

/// "Sarah Hinger, Staff Attorney, ACLU Racial Justice Program", "& Jane Doe, Senior
/// Fellow": an author with their job, one of a byline block's lines.
pub(super) fn is_name_and_role(text: &str) -> bool {
    text.contains(", ") && meta::name_before_role(text).is_some()
}

/// Most words of a dek (standfirst).
pub(super) const DEK_WORDS: usize = 60;

pub(super) fn dek_shaped(lines: &[Line], labels: &[Label], i: usize) -> bool {
    let wc = word_count(lines[i].text);
    matches!(labels[i], Label::Other | Label::Prose)
        && (5..=DEK_WORDS).contains(&wc)
        && !is_photo_credit(lines[i].text)
        && !is_name_and_role(lines[i].text)
}

/// Lines that belong to an article's metadata block.
pub(super) fn is_metadata(lines: &[Line], labels: &[Label], i: usize) -> bool {
    matches!(labels[i], Label::Byline | Label::Date)
        || is_name_line(lines, labels, i)
        || is_name_and_role(lines[i].text)
        || !names_after_by(lines, i).is_empty()
        || meta::issue_month(lines[i].text).is_some()
}

/// rarely more than 40 lines.
const TITLE_WINDOW: usize = 40;

/// How far below a headline its metadata block (byline, date) may start: past a dek,
/// a picture's caption and credit, a "By" line and the name.
const METADATA_BELOW: usize = 6;

/// The first lines of a page: a date among them is the site header's "today".
const SITE_HEADER_LINES: usize = 3;

/// Lines between a headline and its body on most pages: a dek, a picture with caption
/// and credit, byline, date and a few share buttons.
const NEAR_BODY: usize = 10;

/// Pick the headline, and a dek between it and the metadata block, among lines
/// `[0, start)`: the headline-shaped line with the most of the signals every
/// publisher gives a headline (see [`title_score`]); on a tie the one nearer the body,
/// then up through a headline and dek printed one above the other.
pub(super) fn pick_title(
    lines: &[Line],
    labels: &[Label],
    start: usize,
) -> (Option<usize>, Option<usize>) {
    let from = start.saturating_sub(TITLE_WINDOW);
    // Whether each line of the window is metadata, asked once: every candidate looks
    // at the six lines below it.
    let meta = Metadata {
        from,
        lines: (from..start)
            .map(|i| is_metadata(lines, labels, i))
            .collect(),
    };
    let candidates: Vec<usize> = (from..start)
        .filter(|&i| title_shaped(lines, labels, i))
        .collect();
    let mut best: Option<(f64, usize)> = None;
    for &i in &candidates {
        // "Home Issues Headline": a breadcrumb glued to the headline it ends with.
        let breadcrumb = candidates.iter().any(|&j| {
            j != i
                && lines[i].text.len() > lines[j].text.len()
                && lines[i].text.ends_with(lines[j].text)
        });
        if breadcrumb {
            continue;
        }
        let score = title_score(lines, labels, &meta, i, start);
        if best.is_none_or(|(s, _)| score >= s) {
            best = Some((score, i));
        }
    }
    let mut t = best.map(|(_, i)| i);
    // Headline above its dek: both sit over the same metadata block. Copies elsewhere
    // on the page and nearness to the body do not count here: a section name printed
    // in the menu, the breadcrumb and above the headline is not a headline, and the
    // dek is always the nearer.
    let own = |i: usize| header_score(lines, labels, &meta, i, start, false);
    while let Some(i) = t.filter(|&i| i > from) {
        let above = i - 1;
        let glued_breadcrumb = lines[above].text.ends_with(lines[i].text);
        if title_shaped(lines, labels, above)
            && !glued_breadcrumb
            && !is_pull_quote(lines[above].text)
            && own(above) >= own(i)
        {
            t = Some(above);
        } else {
            break;
        }
    }
    // A dek right under the headline, with the metadata block right under the dek.
    let dek = t
        .map(|i| i + 1)
        .filter(|&d| d < start && dek_shaped(lines, labels, d))
        .filter(|&d| meta.at(d + 1));
    (t, dek)
}

/// What makes a headline-shaped line the headline:
/// - the article's metadata block (byline, date) just below it (2);
/// - a date line just above it ("October 22, 2019 / Headline") (1.5), unless that
///   date opens the page (a site header's "today");
/// - five words or more (section names and menu entries are shorter) (1);
/// - near the body, within [`NEAR_BODY`] lines (0.25: a tie-break);
/// - printed again on the page (share text, breadcrumbs) (0.5 per copy, at most 1).
fn title_score(lines: &[Line], labels: &[Label], meta: &Metadata, i: usize, start: usize) -> f64 {
    let near = if start - i <= NEAR_BODY { 0.25 } else { 0.0 };
    header_score(lines, labels, meta, i, start, true) + near + copies_bonus(lines, i)
}

/// [`is_metadata`] for the lines `[from, start)` of the headline window.
struct Metadata {
    from: usize,
    lines: Vec<bool>,
}

impl Metadata {
    fn at(&self, i: usize) -> bool {
        i.checked_sub(self.from)
            .and_then(|k| self.lines.get(k))
            .copied()
            .unwrap_or(false)
    }
}

/// The signals of [`title_score`] that the header block itself gives. `graded`: the
/// metadata block counts less the further below it starts (a headline sits right on
/// its byline, or on a dek over it; a caption or share button a few lines further up
/// is also "above" it). Between a headline and its own dek it is not graded: the dek
/// is always the nearer.
fn header_score(
    lines: &[Line],
    labels: &[Label],
    meta: &Metadata,
    i: usize,
    start: usize,
    graded: bool,
) -> f64 {
    let mut score = 0.0;
    if let Some(m) = (i + 1..start.min(i + 1 + METADATA_BELOW)).find(|&m| meta.at(m)) {
        let far = if graded { (m - i).saturating_sub(2) } else { 0 };
        score += 2.0 - 0.25 * far as f64;
    }
    // A date just above, unless it closes a byline block: then it is the previous
    // headline's ("By A, CNN / Updated March 14 / video title").
    let date_above =
        (i.saturating_sub(2)..i).find(|&d| d >= SITE_HEADER_LINES && labels[d] == Label::Date);
    if date_above.is_some_and(|d| !(d.saturating_sub(2)..d).any(|b| labels[b] == Label::Byline)) {
        score += 1.5;
    }
    if word_count(lines[i].text) >= 5 {
        score += 1.0;
    }
    score
}

/// Copies of the headline elsewhere on the page: printed again (share text), or inside
/// a longer line (a breadcrumb "Home > News > Headline", a comment header "20
/// thoughts on “Headline”"). 0.5 a copy, at most 1.
fn copies_bonus(lines: &[Line], i: usize) -> f64 {
    let text = lines[i].text;
    let mut copies = lines[i].repeats - 1;
    if copies < 2 && word_count(text) >= 4 {
        copies += lines
            .iter()
            // Breadcrumbs and comment headers are the headline and a few words: long
            // lines (paragraphs, which quote headlines too) are not searched.
            .filter(|l| {
                (text.len() + 1..=2 * text.len() + 60).contains(&l.text.len())
                    && contains_at_its_first_byte(l.text, text)
            })
            .take(2)
            .count();
    }
    0.5 * copies.min(2) as f64
}

/// Whether `needle` (not empty) occurs in `hay`: each occurrence of its first byte is
/// compared. The lines searched are short, where setting up a substring searcher
/// (thousands of instructions) costs more than the search.
fn contains_at_its_first_byte(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    needle.first().is_some_and(|&first| {
        crate::clean::simd::any_position_of(hay, &[first], |i| hay[i..].starts_with(needle))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_headline_inside_a_breadcrumb() {
        let title = "Seoul and Tokyo Agree";
        assert!(contains_at_its_first_byte(
            "Home > News > Seoul and Tokyo Agree",
            title
        ));
        assert!(contains_at_its_first_byte("Seoul and Tokyo Agree", title));
        assert!(!contains_at_its_first_byte(
            "Home > Seoul > Seoul and Tokyo",
            title
        ));
        assert!(!contains_at_its_first_byte("Seoul", title));
        assert!(!contains_at_its_first_byte("Seoul and Tokyo Agree", ""));
    }

    #[test]
    fn captions_closed_by_a_credit_are_no_headlines() {
        assert!(ends_with_credit("Amazon delivery vans. (Photo: Twitter)"));
        assert!(ends_with_credit(
            "Traffic on the freeway near Los Angeles (Getty/Kevork Djansezian)"
        ));
        assert!(!ends_with_credit(
            "Seoul and Tokyo agree on a swap line (update)"
        ));
        assert!(!ends_with_credit("What the DPK wants (and what it gets)"));
    }

    #[test]
    fn pull_quotes_are_wholly_quoted() {
        assert!(is_pull_quote(
            "'The most important thing is that I not be the last'"
        ));
        assert!(is_pull_quote("“We will not back down”"));
        assert!(!is_pull_quote("'Pure evil': police name the suspect"));
        assert!(!is_pull_quote("“Yes” and “no” in Seoul"));
    }

    #[test]
    fn names_with_their_jobs_are_byline_lines() {
        assert!(is_name_and_role(
            "Sarah Hinger, Staff Attorney, ACLU Racial Justice Program"
        ));
        assert!(is_name_and_role(
            "& Sylvia Torres-Guillén, Director of Education Equity"
        ));
        assert!(!is_name_and_role("Seoul, Tokyo and the price of steel"));
    }
}
