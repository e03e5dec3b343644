//! Page-text dumps (`.txt`): the text a browser copies from a whole web page.
//!
//! 1. Split into non-empty lines (spaces normalised) and label each on its
//!    own signals ([`super::lines`], [`super::meta`]): navigation, widgets,
//!    teasers, credits, bios, dates, prose.
//! 2. Find the article body ([`span`]): runs of prose lines allowing short
//!    gaps, joined across furniture lists ("Most Read 1..5") and cut at end
//!    markers ("###", "Notes"); the run with the most text wins.
//! 3. Above the body ([`header`]): headline, dek, byline, role line, dates.
//! 4. Inside and below the body ([`body`]): paragraphs, subheadings,
//!    captions, list items; bios and credits kept as metadata; the rest dropped.
//!
//! Every dropped line is recorded with the rule that dropped it.

mod body;
mod captions;
mod credits;
mod header;
mod headings;
mod headline;
mod hover_cards;
mod span;
mod tables;
mod teasers;
#[cfg(test)]
mod tests;
mod timestamps;

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::lang::PageLanguage;
use super::lines::*;
use super::meta::{self, Bio};
use super::words::StopWordCounts;
use super::Cleaned;
use crate::model::DroppedLine;

/// The note a page gets when no article body was found and its whole text was kept.
pub const NOT_CLEANED: &str = "no article body found: the whole text is kept, not cleaned";

/// Fewest words a page without an article body must hold to be kept whole: a
/// paragraph's worth; fewer is a menu stub.
const MIN_KEPT_WORDS: usize = 50;

/// One non-empty line of the dump.
#[derive(Debug)]
struct Line<'a> {
    /// 1-based line number in the file.
    no: usize,
    text: &'a str,
    /// How many times this exact text occurs in the page.
    repeats: usize,
}

impl Line<'_> {
    /// `next` follows with no blank line between: the dump (a browser's innerText)
    /// printed both from one block, as a figure prints its caption and credit; a
    /// paragraph or heading is set off by blank lines from whatever surrounds it.
    fn same_block_as(&self, next: &Line) -> bool {
        next.no == self.no + 1
    }
}

/// What a line is on its own, before we know where the body is.
#[derive(Debug, Clone, PartialEq)]
enum Label {
    Prose,
    Navigation,
    Widget(&'static str),
    Teaser,
    /// Furniture of a figure or photo gallery inside the article ("Image 3 of 5",
    /// "(Image credit: NASA)"): not text, but it does not end the body either.
    Figure(&'static str),
    Credit,
    Bio(Bio),
    Date,
    Byline,
    Fragment,
    Other,
}

pub fn clean(text: &str) -> Cleaned {
    // One pass over the dump's lines: each is normalised, and a line that states a
    // date which does not exist ("Published: February 30, 2025") is noted for the
    // seed's warnings (the cleaner ignores the date).
    let mut impossible_dates = Vec::new();
    let normalised: Vec<(usize, Cow<str>)> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            if let Some(date) = super::dateline::impossible_date(l) {
                impossible_dates.push(format!(
                    "line {}: `{date}` is not a real date; ignored",
                    i + 1
                ));
            }
            let line = hover_cards::strip(normalise_spaces(l));
            (!line.is_empty()).then_some((i + 1, line))
        })
        .collect();
    let mut out = clean_lines(normalised);
    out.notes.extend(impossible_dates);
    out
}

/// [`clean`] on the dump's normalised lines (number, text).
fn clean_lines(normalised: Vec<(usize, Cow<'_, str>)>) -> Cleaned {
    let normalised = crate::clean::drop_caps::join_lines(tables::join_rows(normalised));
    let mut counts: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(normalised.len(), Default::default());
    for (_, l) in &normalised {
        *counts.entry(l).or_default() += 1;
    }
    let lines: Vec<Line> = normalised
        .iter()
        .map(|(no, text)| Line {
            no: *no,
            text,
            repeats: counts[text.as_ref()],
        })
        .collect();
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let (lang, counted) = PageLanguage::detect(&texts);
    let mut labels: Vec<Label> = texts
        .iter()
        .zip(counted)
        .map(|(text, counted)| label(text, counted, &lang))
        .collect();
    absorb_widget_boxes(&lines, &mut labels);
    teasers::mark_glued_teasers(&lines, &mut labels);
    keep_truncated_paragraphs(&lines, &mut labels);

    let mut out = Cleaned::default();
    let Some((start, end)) = span::body_span(&lines, &labels) else {
        // No prose at all: keep the first line as a title and, so that nothing is
        // lost, every other line as text, marked as not cleaned. A stub of a few
        // menu words ("Home / News / Login") is no text: the seed is skipped.
        if let Some(first) = lines.first() {
            out.title = Some(first.text.to_string());
        }
        let words: usize = lines.iter().skip(1).map(|l| word_count(l.text)).sum();
        for l in lines.iter().skip(1) {
            if words >= MIN_KEPT_WORDS {
                out.push_block(crate::model::BlockKind::Paragraph, l.text);
            } else {
                drop_line(&mut out, l, "no article body found on the page");
            }
        }
        if words >= MIN_KEPT_WORDS {
            out.dropped.push(DroppedLine {
                line: 0,
                text: String::new(),
                reason: NOT_CLEANED.to_string(),
            });
        }
        return out;
    };
    let lead = span::lead_under_dateline(&lines, &labels, start);
    for label in &mut labels[lead..start] {
        *label = Label::Prose;
    }
    let start = lead;
    let opening = header::opening_of_span(&lines, &labels, start, end);
    let start = match &opening {
        Some(o) => o.story,
        None => header::standfirst(&lines, &labels, start, end, &mut out),
    };
    let title_idx = header::header(&lines, &labels, start, opening.as_ref(), &mut out);
    body::body(&lines, &labels, start, end, &mut out);
    foreign_dek_into_body(&lang, &mut out);
    drop_closing_pitches(&lines, &mut out);
    drop_company_boilerplate(&lines, &mut out);
    body::tail(&lines, &labels, end, &mut out);
    for (i, l) in lines.iter().enumerate().take(start) {
        if !out.claimed_lines.contains(&l.no) && Some(i) != title_idx {
            let reason = reason_for(&labels[i], "page header above the headline/body");
            drop_line(&mut out, l, &reason);
        }
    }
    for l in &lines {
        if let Some(name) = meta::masthead_name(l.text) {
            out.masthead.get_or_insert(name);
        }
    }
    if out.stated_date.is_none() {
        out.stated_date = out.updated_date;
    }
    out.dropped.sort_by_key(|d| d.line);
    out
}

/// A standfirst is written in the article's language. A sentence in another language
/// under the headline ("Bu yazının Türkçe’sini buradan okuyabilirsiniz.", a link to the
/// article's translation) is a note to the reader printed with the article: its first
/// paragraph, as the extraction benchmarks' golds have it, not its summary.
fn foreign_dek_into_body(lang: &PageLanguage, out: &mut Cleaned) {
    let foreign = out
        .dek
        .as_deref()
        .is_some_and(|d| words_at_least(d, 4) && ends_sentence(d) && lang.is_foreign(d));
    if !foreign {
        return;
    }
    if let Some(dek) = out.dek.take() {
        out.opens_with_foreign_note = true;
        out.blocks.insert(
            0,
            crate::model::Block {
                kind: crate::model::BlockKind::Paragraph,
                text: dek,
            },
        );
    }
}

/// A newsletter pitch printed as the article's last paragraph ("Stay on top of
/// American politics with …, our weekly newsletter") is the publisher's, not the text.
fn drop_closing_pitches(lines: &[Line], out: &mut Cleaned) {
    while let Some(last) = out.blocks.last() {
        if last.kind != crate::model::BlockKind::Paragraph
            || !super::endings::is_newsletter_pitch(&last.text)
        {
            break;
        }
        let text = out.blocks.pop().map(|b| b.text).unwrap_or_default();
        let no = closing_line_no(lines, &text);
        out.dropped.push(DroppedLine {
            line: no,
            text,
            reason: "newsletter pitch closing the article".to_string(),
        });
    }
}

/// The line number of a closing block's text: its last occurrence on the page.
fn closing_line_no(lines: &[Line], text: &str) -> usize {
    lines
        .iter()
        .rev()
        .find(|l| l.text == text)
        .map_or(0, |l| l.no)
}

/// A press release's closing self-description without its "About" heading
/// ([`super::endings::company_boilerplate_start`]) is the company's, not the news.
fn drop_company_boilerplate(lines: &[Line], out: &mut Cleaned) {
    let tail = out
        .blocks
        .iter()
        .rev()
        .take_while(|b| b.kind == crate::model::BlockKind::Paragraph)
        .count();
    let first = out.blocks.len() - tail;
    let texts: Vec<&str> = out.blocks[first..]
        .iter()
        .map(|b| b.text.as_str())
        .collect();
    // Something must stay: a release that is all self-description is kept.
    let Some(from) = super::endings::company_boilerplate_start(&texts).filter(|f| first + f > 0)
    else {
        return;
    };
    for block in out.blocks.split_off(first + from) {
        out.dropped.push(DroppedLine {
            line: closing_line_no(lines, &block.text),
            text: block.text,
            reason: "company description closing a press release".to_string(),
        });
    }
}

/// A line sandwiched between two widget lines is part of the widget box
/// ("Sign up for our newsletter / The Brief: our weekly guide... / Enter your email").
/// 25 words: the longest blurb such boxes carry in the fixtures and seeds.
fn absorb_widget_boxes(lines: &[Line], labels: &mut [Label]) {
    fn widget(labels: &[Label], j: usize) -> bool {
        matches!(labels.get(j), Some(Label::Widget(_)))
    }
    for i in 1..labels.len().saturating_sub(1) {
        // A newsletter form's e-mail field may sit between the blurb and the fine print.
        let below =
            widget(labels, i + 1) || (is_email_field(lines[i + 1].text) && widget(labels, i + 2));
        // A blurb printed in one block with the sign-up button under it ("Get breaking
        // news alerts… / SUBSCRIBE").
        let blurb_of_button = lines[i].same_block_as(&lines[i + 1])
            && labels[i + 1] == Label::Widget("subscription pitch");
        let boxed = (widget(labels, i - 1) && below) || blurb_of_button;
        if boxed
            && matches!(labels[i], Label::Prose | Label::Other)
            && words_at_most(lines[i].text, 25)
        {
            labels[i] = Label::Widget("text inside a widget box");
        }
    }
}

/// "Email", "Your email": the label of a sign-up form's only field.
fn is_email_field(text: &str) -> bool {
    // Asked of every line: compared in place, no lowercase copy of a paragraph.
    let t = text.trim();
    [
        "email",
        "e-mail",
        "your email",
        "email address",
        "your email address",
    ]
    .iter()
    .any(|f| t.eq_ignore_ascii_case(f))
}

/// Most words of a poll's heading, option or total line.
const MAX_POLL_LINE_WORDS: usize = 20;

/// A reader poll's lines: its heading ("Polls"), an option with its votes ("Yes, the
/// game is cool (29%, 1,186 Votes)") and the total ("Total Voters: 4,145").
fn is_poll_line(text: &str) -> bool {
    let t = text.trim();
    if matches!(t, "Poll" | "Polls") || starts_with_ignore_case(t, "total voters:") {
        return true;
    }
    // "(29%, 1,186 Votes)"
    let Some(inner) = t
        .strip_suffix(')')
        .and_then(|x| x.rfind('(').map(|o| &x[o + 1..]))
    else {
        return false;
    };
    let Some((share, votes)) = inner.split_once(", ") else {
        return false;
    };
    share.ends_with('%')
        && share[..share.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && votes
            .strip_suffix(" Votes")
            .or_else(|| votes.strip_suffix(" votes"))
            .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit() || b == b','))
}

/// Fewest words of a paragraph cut short by a paywall ("… Mr. Garrett, who was the
/// first pick of the 2017 draft, has been…"): a teaser's blurb is shorter.
const MIN_TRUNCATED_WORDS: usize = 25;

/// A paywall cuts the article's last visible paragraph with an ellipsis: right under
/// a paragraph of prose, and not followed by another cut line (a list of teasers
/// prints one blurb after another), it is the article's text, not a teaser.
fn keep_truncated_paragraphs(lines: &[Line], labels: &mut [Label]) {
    for i in 1..labels.len() {
        let cut = |j: usize| labels[j] == Label::Teaser && ends_with_ellipsis(lines[j].text);
        if cut(i)
            && labels[i - 1] == Label::Prose
            && !(i + 1 < labels.len() && cut(i + 1))
            && !words_at_most(lines[i].text, MIN_TRUNCATED_WORDS - 1)
            && lines[i].repeats == 1
        {
            labels[i] = Label::Prose;
        }
    }
}

/// Non-breaking and repeated spaces become one plain space; the line is trimmed.
fn normalise_spaces(line: &str) -> Cow<'_, str> {
    if is_space_normal(line) {
        return Cow::Borrowed(line);
    }
    let mut spaced = String::with_capacity(line.len());
    for word in line.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(word);
    }
    Cow::Owned(spaced)
}

fn label(text: &str, counted: Option<StopWordCounts>, lang: &PageLanguage) -> Label {
    // Counted once: most detectors below look only at short lines, and asking each of
    // them to count the words of every paragraph was the cleaner's main cost. Lines are
    // normalised (single spaces between words), so counting spaces is counting words.
    let words = memchr::memchr_iter(b' ', text.as_bytes()).count() + usize::from(!text.is_empty());
    debug_assert_eq!(words, word_count(text), "line not normalised: {text:?}");
    if is_embedded_post_signature(text) {
        return Label::Other;
    }
    if words <= 6 && body::is_gallery_counter(text) {
        return Label::Figure("photo gallery counter");
    }
    if words <= MAX_FIGURE_CREDIT_WORDS && text.starts_with('(') && credits::is_photo_credit(text) {
        return Label::Figure("photo credit");
    }
    if captions::ends_with_agency_credit(text) {
        return Label::Figure("picture caption with its credit");
    }
    // "By A | a@paper.com", "By A • 11/08/23 5:19pm", "By A 8 January 2020": a byline
    // element that also holds a date or separators is a byline, not a date line or menu.
    if words <= meta::MAX_BYLINE_WORDS && meta::opens_with_by(text) && byline_names(text).is_some()
    {
        return Label::Byline;
    }
    // (The word bounds below are the detectors' own, asked first from the count at hand:
    // a date line is short, and so is a breadcrumb unless it is a menu glued to "Home".)
    if words <= meta::MAX_DATE_LINE_WORDS && meta::is_date_line(text) {
        return Label::Date;
    }
    if (words <= MAX_NAVIGATION_WORDS || text.starts_with('H')) && is_navigation(text) {
        return Label::Navigation;
    }
    if let Some(b) = meta::bio(text) {
        return Label::Bio(b);
    }
    if words <= meta::MAX_CREDIT_WORDS && meta::credit_of_short_line(text).is_some() {
        return Label::Credit;
    }
    if ends_with_ellipsis(text) {
        return Label::Teaser;
    }
    if words <= meta::MAX_BYLINE_WORDS && byline_names(text).is_some() {
        return Label::Byline;
    }
    if words <= MAX_WIDGET_WORDS {
        if let Some(w) = widget_phrase_of_short_line(text) {
            return Label::Widget(w);
        }
    }
    // "This post contains references to products from one or more of our advertisers…",
    // "Disclaimer: …": the affiliate disclosures and disclaimers saved pages are cleaned
    // of. (The other site notices name things prose also says, "the next article in
    // this series", and need the page's markup to tell them apart.)
    if words <= 60 {
        if let Some(kind @ ("affiliate disclosure" | "disclaimer")) =
            site_notice_of_counted(text, words)
        {
            return Label::Widget(kind);
        }
    } else if words <= 150 && is_disclaimer(text) {
        return Label::Widget("disclaimer");
    }
    if words <= MAX_READER_CALL_WORDS && is_reader_call_of_short_line(text) {
        return Label::Widget("call to the reader (comments, sharing, subscribing)");
    }
    if words <= MAX_POLL_LINE_WORDS && is_poll_line(text) {
        return Label::Widget("poll");
    }
    if is_bare_email(text) {
        return Label::Widget("contact e-mail in site header");
    }
    if lang.is_prose(text, counted) {
        return Label::Prose;
    }
    if is_fragment(text) {
        return Label::Fragment;
    }
    Label::Other
}

/// Most words of a bracketed photo credit under an image ("(Image credit: NASA/JPL)").
const MAX_FIGURE_CREDIT_WORDS: usize = 16;

/// Names from an English byline ("By A and B") or a Korean/Japanese/Chinese one ("홍길동 기자").
fn byline_names(text: &str) -> Option<Vec<String>> {
    meta::byline_names(text).or_else(|| super::cjk::byline_names(text))
}

/// "— Jane Doe (@janedoe) November 18, 2019": the signature under an embedded
/// social-media post, part of the article that quotes it (not a dateline).
pub(super) fn is_embedded_post_signature(text: &str) -> bool {
    text.starts_with(['—', '–', '-']) && text.contains("(@") && words_at_most(text, 16)
}

fn reason_for(label: &Label, fallback: &str) -> String {
    match label {
        Label::Navigation => "navigation (breadcrumb or menu)".into(),
        Label::Widget(w) => w.to_string(),
        Label::Teaser => "teaser for another story (ends in \"...\")".into(),
        Label::Figure(what) => what.to_string(),
        Label::Fragment => "fragment with too few letters to be text".into(),
        Label::Date => "date line".into(),
        Label::Byline => "byline".into(),
        _ => fallback.into(),
    }
}

fn take_bio(out: &mut Cleaned, bio: &Bio, text: &str) {
    if out.author_bio.is_none() {
        out.author_bio = Some(text.to_string());
    }
    if let Bio::Named(name) = bio {
        if out.authors.is_empty() {
            out.authors.push(name.clone());
        }
    }
}

fn take_credit(out: &mut Cleaned, text: &str) {
    read_credit(out, text);
    out.credits.push(text.to_string());
}

/// A republication note after the article's last paragraph: the article's closing
/// sentence (kept as its last paragraph), which also names the original publisher.
fn take_closing_note(out: &mut Cleaned, text: &str) {
    read_credit(out, text);
    out.push_block(crate::model::BlockKind::Paragraph, text);
}

/// The publication a credit line names, kept as the original or the crediting one.
fn read_credit(out: &mut Cleaned, text: &str) {
    if let Some((Some(name), original)) = meta::credit(text) {
        if let Some(name) = meta::publication_name(&name) {
            if original {
                out.original_publication.get_or_insert(name);
            } else {
                out.credited_publication.get_or_insert(name);
            }
        }
    }
}

fn drop_line(out: &mut Cleaned, l: &Line, reason: &str) {
    out.dropped.push(DroppedLine {
        line: l.no,
        text: l.text.to_string(),
        reason: reason.to_string(),
    });
}
