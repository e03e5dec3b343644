//! Page-text dumps (`.txt`): the text a browser copies from a whole web page.
//!
//! 1. Split into non-empty lines and label each on its own signals
//!    ([`super::lines`], [`super::meta`]): navigation, widgets, teasers,
//!    credits, bios, dates, prose.
//! 2. Find the article body: the run of prose lines with the most text,
//!    allowing short gaps (subheadings, captions, an inline "Related Article").
//! 3. Inside the body, decide what each line is: paragraph, subheading,
//!    caption (a repeated line, or one carrying a photo credit), list item,
//!    or furniture to drop.
//! 4. Above the body, find the headline, dek, byline, bio and dates; below
//!    it, the bio and credit lines. Everything else is dropped, with a reason.

use std::collections::HashMap;

use super::lines::*;
use super::meta::{self, Bio};
use super::Cleaned;
use crate::model::{BlockKind, DroppedLine};

/// Non-body lines allowed between two prose lines of one article: a subheading,
/// a duplicated caption pair and an inline widget fit; a teaser block does not.
const MAX_BODY_GAP: usize = 4;

/// One non-empty line of the dump.
#[derive(Debug)]
struct Line<'a> {
    /// 1-based line number in the file.
    no: usize,
    text: &'a str,
    /// How many times this exact text occurs in the page.
    repeats: usize,
}

/// What step 1 decided a line is, before we know where the body is.
#[derive(Debug, Clone, PartialEq)]
enum Label {
    Prose,
    Navigation,
    Widget(&'static str),
    Teaser,
    Credit,
    Bio(Bio),
    Date,
    Fragment,
    Other,
}

pub fn clean(text: &str) -> Cleaned {
    let normalised: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, normalise_spaces(l)))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let all: Vec<(usize, &str)> = normalised.iter().map(|(n, l)| (*n, l.as_str())).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (_, l) in &all {
        *counts.entry(l).or_default() += 1;
    }
    let lines: Vec<Line> = all
        .iter()
        .map(|&(no, text)| Line {
            no,
            text,
            repeats: counts[text],
        })
        .collect();
    let labels: Vec<Label> = lines.iter().map(|l| label(l.text)).collect();

    let mut out = Cleaned::default();
    let Some((mut start, end)) = body_span(&labels) else {
        // No prose at all: keep the first line as a title so the page is not lost.
        if let Some(first) = lines.first() {
            out.title = Some(first.text.to_string());
        }
        for l in lines.iter().skip(1) {
            drop_line(&mut out, l, "no article body found on the page");
        }
        return out;
    };
    if let Some(next) = standfirst(&lines, &labels, start, end) {
        // The first "paragraph" is a dek set apart from the story by a picture.
        out.dek = Some(lines[start].text.to_string());
        out.claim(lines[start].no);
        start = next;
    }
    let title_idx = header(&lines, &labels, start, &mut out);
    body(&lines, &labels, start, end, &out.title.clone(), &mut out);
    tail(&lines, &labels, end, &mut out);
    // Anything above the body that header() did not claim is page furniture.
    let claimed = out.claimed_lines.clone();
    for (i, l) in lines.iter().enumerate().take(start) {
        if !claimed.contains(&l.no) && Some(i) != title_idx {
            let reason = reason_for(&labels[i], "page header above the headline/body");
            drop_line(&mut out, l, &reason);
        }
    }
    out.dropped.sort_by_key(|d| d.line);
    out
}

/// Non-breaking and repeated spaces become one plain space; the line is trimmed.
fn normalise_spaces(line: &str) -> String {
    line.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A dek (standfirst) opens the span when a short first line is followed by
/// picture furniture (a repeated headline as alt text, a photo credit) before
/// the prose resumes. Returns where the story itself starts.
fn standfirst(lines: &[Line], labels: &[Label], start: usize, end: usize) -> Option<usize> {
    let first = &lines[start];
    if word_count(first.text) > 35 || start == 0 || lines[start - 1].repeats < 2 {
        return None;
    }
    let next_prose = (start + 1..=end).find(|&i| labels[i] == Label::Prose)?;
    let between = &lines[start + 1..next_prose];
    let picture = !between.is_empty()
        && between
            .iter()
            .any(|l| is_photo_credit(l.text) || l.repeats >= 2);
    picture.then_some(next_prose)
}

fn label(text: &str) -> Label {
    if is_navigation(text) {
        return Label::Navigation;
    }
    if let Some(b) = meta::bio(text) {
        return Label::Bio(b);
    }
    if meta::credit(text).is_some() {
        return Label::Credit;
    }
    if ends_with_ellipsis(text) {
        return Label::Teaser;
    }
    if meta::is_date_line(text) {
        return Label::Date;
    }
    if let Some(w) = widget_phrase(text) {
        return Label::Widget(w);
    }
    if is_reader_call(text) {
        return Label::Widget("call to the reader (comments, sharing, subscribing)");
    }
    if is_bare_email(text) {
        return Label::Widget("contact e-mail in site header");
    }
    if is_prose(text) {
        return Label::Prose;
    }
    if is_fragment(text) {
        return Label::Fragment;
    }
    Label::Other
}

fn reason_for(label: &Label, fallback: &str) -> String {
    match label {
        Label::Navigation => "navigation (breadcrumb or menu)".into(),
        Label::Widget(w) => w.to_string(),
        Label::Teaser => "teaser for another story (ends in \"...\")".into(),
        Label::Fragment => "fragment with too few letters to be text".into(),
        Label::Date => "site-header date".into(),
        _ => fallback.into(),
    }
}

/// The densest run of prose: (first, last) line index, inclusive.
fn body_span(labels: &[Label]) -> Option<(usize, usize)> {
    let prose: Vec<usize> = (0..labels.len())
        .filter(|&i| labels[i] == Label::Prose)
        .collect();
    let first = *prose.first()?;
    let mut best = (first, first, 0usize);
    let mut run_start = first;
    let mut run_len = 0usize;
    let mut prev = first;
    for &i in &prose {
        if i - prev > MAX_BODY_GAP + 1 {
            run_start = i;
            run_len = 0;
        }
        run_len += 1;
        prev = i;
        if run_len > best.2 {
            best = (run_start, i, run_len);
        }
    }
    Some((best.0, best.1))
}

/// Lines above the body: headline, dek, byline, bio, dates. Returns the headline's index.
fn header(lines: &[Line], labels: &[Label], start: usize, out: &mut Cleaned) -> Option<usize> {
    let title_idx = pick_title(lines, labels, start);
    if let Some(t) = title_idx {
        out.title = Some(lines[t].text.to_string());
    }
    let title_text = title_idx.map(|t| lines[t].text);
    let after_title = title_idx.map_or(0, |t| t + 1);
    for i in 0..start {
        let l = &lines[i];
        if Some(i) == title_idx {
            continue;
        }
        if Some(l.text) == title_text {
            out.claim(l.no);
            drop_line(out, l, "repeated headline");
            continue;
        }
        match &labels[i] {
            Label::Bio(b) => {
                out.claim(l.no);
                take_bio(out, b, l.text);
            }
            Label::Credit => {
                out.claim(l.no);
                take_credit(out, l.text);
            }
            Label::Date => {
                out.claim(l.no);
                let date = meta::full_date(l.text);
                if i < after_title {
                    // Above the headline: a site-wide "today" widget, not the byline date.
                    out.page_date = out.page_date.or(date);
                    drop_line(out, l, "site-header date (used as an upper bound)");
                } else if !meta::is_updated_line(l.text) {
                    out.stated_date = out.stated_date.or(date);
                    drop_line(out, l, "dateline (taken as the stated date)");
                } else {
                    drop_line(out, l, "update timestamp");
                }
            }
            _ if i >= after_title => header_after_title(lines, labels, i, start, out),
            _ => {
                if let Some(e) = find_email(l.text) {
                    out.site_email_domain = e.split('@').nth(1).map(str::to_string);
                }
            }
        }
    }
    title_idx
}

/// A line between the headline and the body: byline, dek, photo credit or caption.
fn header_after_title(lines: &[Line], labels: &[Label], i: usize, start: usize, out: &mut Cleaned) {
    let l = &lines[i];
    if let Some(names) = meta::byline_names(l.text) {
        out.claim(l.no);
        out.authors.extend(names);
        drop_line(out, l, "byline");
        return;
    }
    let next_is_bio = matches!(labels.get(i + 1), Some(Label::Bio(Bio::Anonymous)));
    if out.authors.is_empty()
        && meta::is_person_name(l.text)
        && (next_is_bio || i + 1 == start || i == 0 || labels[i] == Label::Other)
    {
        out.claim(l.no);
        out.authors.push(meta::normalise_name(l.text));
        drop_line(out, l, "byline");
        return;
    }
    if is_photo_credit(l.text) {
        out.claim(l.no);
        out.captions.push(l.text.to_string());
        return;
    }
    let sentence_like = word_count(l.text) >= 5 && (ends_sentence(l.text) || l.text.ends_with('?'));
    if out.dek.is_none() && sentence_like && matches!(labels[i], Label::Other | Label::Prose) {
        out.claim(l.no);
        out.dek = Some(l.text.to_string());
    }
}

/// Score every line above the body as a headline; the best one wins.
///
/// A headline is 3-30 words without a final full stop; repetition (pages
/// print it in the title bar, the breadcrumb and above the story) and
/// closeness to the body raise the score; short section labels lower it.
fn pick_title(lines: &[Line], labels: &[Label], start: usize) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for i in 0..start {
        let l = &lines[i];
        let wc = word_count(l.text);
        let shaped = (3..=30).contains(&wc) && !l.text.trim_end().ends_with('.');
        let eligible = matches!(labels[i], Label::Other | Label::Prose)
            && shaped
            && !is_photo_credit(l.text)
            && meta::byline_names(l.text).is_none()
            && !meta::is_person_name(l.text);
        if !eligible {
            continue;
        }
        let distance = (start - i) as f64;
        let mut score = 1.0 / distance.max(1.0);
        score += 0.5 * (l.repeats.min(3) as f64 - 1.0);
        if wc >= 5 {
            score += 0.5;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    best.map(|(_, i)| i)
}

/// "Credit: ...", "Photo: ...", "Image: ... / Getty Images".
fn is_photo_credit(text: &str) -> bool {
    let l = text.to_lowercase();
    [
        "credit:",
        "photo:",
        "photograph:",
        "image:",
        "illustration:",
        "photo by",
        "photo credit",
    ]
    .iter()
    .any(|p| l.starts_with(p))
        || (word_count(text) <= 14 && (l.contains("©") || l.contains("getty images")))
}

/// A caption carries its credit in brackets at the end: "... on April 17. [YONHAP/REUTERS]".
fn ends_with_bracket_credit(text: &str) -> bool {
    let t = text.trim_end();
    if !t.ends_with(']') {
        return false;
    }
    match t.rfind('[') {
        Some(open) => {
            let inner = &t[open + 1..t.len() - 1];
            !inner.is_empty() && inner.chars().all(|c| !c.is_lowercase())
        }
        None => false,
    }
}

fn body(
    lines: &[Line],
    labels: &[Label],
    start: usize,
    end: usize,
    title: &Option<String>,
    out: &mut Cleaned,
) {
    let mut i = start;
    while i <= end {
        let l = &lines[i];
        let next = lines.get(i + 1);
        out.claim(l.no);
        if next.is_some_and(|n| n.text == l.text) && i < end {
            // A line printed twice in a row is an image's alt text and caption.
            out.captions.push(l.text.to_string());
            drop_line(out, &lines[i + 1], "duplicated caption");
            out.claim(lines[i + 1].no);
            i += 2;
            continue;
        }
        if title.as_deref() == Some(l.text) {
            drop_line(out, l, "repeated headline");
        } else if ends_with_bracket_credit(l.text) || is_photo_credit(l.text) {
            out.captions.push(l.text.to_string());
        } else {
            match &labels[i] {
                Label::Prose => out.push_block(BlockKind::Paragraph, l.text),
                Label::Bio(b) => take_bio(out, b, l.text),
                Label::Credit => take_credit(out, l.text),
                Label::Navigation | Label::Widget(_) | Label::Teaser | Label::Fragment => {
                    let r = reason_for(&labels[i], "");
                    drop_line(out, l, &r)
                }
                Label::Date | Label::Other => body_short_line(lines, labels, i, out),
            }
        }
        i += 1;
    }
}

/// A short line inside the body: subheading, list item, short paragraph, or furniture.
fn body_short_line(lines: &[Line], labels: &[Label], i: usize, out: &mut Cleaned) {
    let text = lines[i].text;
    if let Some(item) = list_item(text) {
        out.push_block(BlockKind::List, item);
        return;
    }
    let next_is_prose = matches!(labels.get(i + 1), Some(Label::Prose));
    let wc = word_count(text);
    let heading_shape = (2..=20).contains(&wc)
        && (!ends_sentence(text) || (text.ends_with('?') && looks_like_title_case(text)));
    if heading_shape && next_is_prose && !text.ends_with(':') {
        out.push_block(BlockKind::Heading, text);
    } else if is_short_prose(text) {
        out.push_block(BlockKind::Paragraph, text);
    } else {
        drop_line(
            out,
            &lines[i],
            "short line inside the body that is neither text nor a subheading",
        );
    }
}

fn list_item(text: &str) -> Option<&str> {
    for marker in ["• ", "· ", "- ", "* ", "– "] {
        if let Some(rest) = text.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    None
}

/// Lines below the body: bios and credits are kept as metadata, the rest dropped.
fn tail(lines: &[Line], labels: &[Label], end: usize, out: &mut Cleaned) {
    for (i, l) in lines.iter().enumerate().skip(end + 1) {
        out.claim(l.no);
        match &labels[i] {
            Label::Bio(b) if out.author_bio.is_none() => take_bio(out, b, l.text),
            Label::Credit => take_credit(out, l.text),
            other => {
                if let Some(name) = meta::masthead_name(l.text) {
                    out.masthead.get_or_insert(name);
                }
                let r = reason_for(other, "page footer below the article body");
                drop_line(out, l, &r);
            }
        }
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
    if let Some((Some(name), original)) = meta::credit(text) {
        if original {
            out.original_publication.get_or_insert(name);
        } else {
            out.credited_publication.get_or_insert(name);
        }
    }
    out.credits.push(text.to_string());
}

fn drop_line(out: &mut Cleaned, l: &Line, reason: &str) {
    out.dropped.push(DroppedLine {
        line: l.no,
        text: l.text.to_string(),
        reason: reason.to_string(),
    });
}
