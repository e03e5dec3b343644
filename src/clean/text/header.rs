//! Above the body: headline, dek, byline, role line, dates, photo credits.
//!
//! The headline is found from its neighbours first: pages print a metadata
//! block (byline, job line, date) right under the headline and its dek, so
//! the line(s) above the first such block are the headline (and dek). Pages
//! without one fall back to scoring headline-shaped lines (repetition,
//! closeness to the body).

use super::body::is_photo_credit;
use super::{drop_line, reason_for, take_bio, take_credit, Label, Line};
use crate::clean::lines::*;
use crate::clean::meta::{self, Bio};
use crate::clean::Cleaned;

/// How far above its headline a date may sit and still be the article's own
/// ("Press Release / September 10, 2025 / Headline"); further up it is a site widget.
const DATE_ABOVE_TITLE: usize = 2;

fn is_name_line(lines: &[Line], labels: &[Label], i: usize) -> bool {
    if !meta::is_person_name(lines[i].text) {
        return false;
    }
    match labels.get(i + 1) {
        Some(Label::Bio(Bio::Anonymous) | Label::Date | Label::Prose) => true,
        Some(_) => meta::is_role_line(lines[i + 1].text),
        None => false,
    }
}

/// A headline: 3-30 words, no closing full stop, not shouting, not furniture.
fn title_shaped(lines: &[Line], labels: &[Label], i: usize) -> bool {
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
    !shouting && !is_photo_credit(t) && !meta::is_person_name(t) && !meta::is_role_line(t)
}

fn dek_shaped(lines: &[Line], labels: &[Label], i: usize) -> bool {
    let wc = word_count(lines[i].text);
    matches!(labels[i], Label::Other | Label::Prose)
        && (5..=60).contains(&wc)
        && !is_photo_credit(lines[i].text)
}

/// Lines that belong to an article's metadata block.
fn is_metadata(lines: &[Line], labels: &[Label], i: usize) -> bool {
    matches!(labels[i], Label::Byline | Label::Date)
        || is_name_line(lines, labels, i)
        || meta::issue_month(lines[i].text).is_some()
}

/// When the body's first prose line is a dek (standfirst) set apart from the
/// story by metadata or a picture, record it and return where the story starts.
pub(super) fn standfirst(
    lines: &[Line],
    labels: &[Label],
    start: usize,
    end: usize,
    out: &mut Cleaned,
) -> usize {
    if word_count(lines[start].text) > 45 {
        return start;
    }
    let Some(next) = (start + 1..=end).find(|&i| labels[i] == Label::Prose) else {
        return start;
    };
    let between = start + 1..next;
    let strong = between.clone().any(|i| {
        is_metadata(lines, labels, i)
            || meta::is_role_line(lines[i].text)
            || is_photo_credit(lines[i].text)
            || lines[i].repeats >= 2
    });
    let all_furniture = between.clone().all(|i| {
        is_metadata(lines, labels, i)
            || meta::is_role_line(lines[i].text)
            || is_photo_credit(lines[i].text)
            || lines[i].repeats >= 2
            || meta::is_person_name(lines[i].text)
            || matches!(
                labels[i],
                Label::Widget(_) | Label::Fragment | Label::Navigation | Label::Credit
            )
            || (labels[i] == Label::Other && word_count(lines[i].text) <= 4)
    });
    if strong && all_furniture {
        out.dek = Some(lines[start].text.to_string());
        out.claim(lines[start].no);
        next
    } else {
        start
    }
}

/// Pick the headline (and a dek above the metadata block) among lines `[0, start)`.
fn pick_title(lines: &[Line], labels: &[Label], start: usize) -> (Option<usize>, Option<usize>) {
    for a in 1..start {
        if !is_metadata(lines, labels, a) {
            continue;
        }
        let above1 = a - 1;
        let above2 = a.checked_sub(2);
        if let Some(t) =
            above2.filter(|&t| title_shaped(lines, labels, t) && dek_shaped(lines, labels, above1))
        {
            return (Some(t), Some(above1));
        }
        if title_shaped(lines, labels, above1) {
            return (Some(above1), None);
        }
    }
    (score_title(lines, labels, start), None)
}

/// No metadata block: score headline-shaped lines (repetition, closeness to the body).
fn score_title(lines: &[Line], labels: &[Label], start: usize) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for i in 0..start {
        if !title_shaped(lines, labels, i) {
            continue;
        }
        let distance = (start - i) as f64;
        let mut score = 1.0 / distance.max(1.0);
        score += 0.5 * (lines[i].repeats.min(3) as f64 - 1.0);
        if word_count(lines[i].text) >= 5 {
            score += 0.5;
        }
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    let (_, i) = best?;
    // Headline then dek: when the winner sits right under a Title Case headline,
    // or under a shorter headline-shaped line, the line above is the headline.
    if i > 0 && title_shaped(lines, labels, i - 1) && lines[i].repeats < 2 {
        let above = lines[i - 1].text;
        if looks_like_title_case(above) || word_count(lines[i].text) > word_count(above) + 4 {
            return Some(i - 1);
        }
    }
    Some(i)
}

/// Claim the header lines: returns the headline's index.
pub(super) fn header(
    lines: &[Line],
    labels: &[Label],
    start: usize,
    out: &mut Cleaned,
) -> Option<usize> {
    let (title_idx, dek_idx) = pick_title(lines, labels, start);
    if let Some(t) = title_idx {
        out.title = Some(lines[t].text.to_string());
    }
    if let Some(d) = dek_idx {
        if out.dek.is_none() {
            out.dek = Some(lines[d].text.to_string());
        }
        out.claim(lines[d].no);
    }
    let title_text = title_idx.map(|t| lines[t].text);
    for i in 0..start {
        let l = &lines[i];
        if Some(i) == title_idx || Some(i) == dek_idx {
            continue;
        }
        if Some(l.text) == title_text {
            out.claim(l.no);
            drop_line(out, l, "repeated headline");
            continue;
        }
        let below_title = title_idx.is_some_and(|t| i > t);
        let near_title = title_idx.is_some_and(|t| i + DATE_ABOVE_TITLE >= t);
        match &labels[i] {
            Label::Bio(b) => {
                out.claim(l.no);
                take_bio(out, b, l.text);
            }
            Label::Credit if !is_photo_credit(l.text) => {
                out.claim(l.no);
                take_credit(out, l.text);
            }
            Label::Date => {
                out.claim(l.no);
                header_date(out, l, below_title || near_title);
            }
            Label::Byline if below_title || title_idx.is_none() => {
                out.claim(l.no);
                if let Some(names) = super::byline_names(l.text) {
                    if out.authors.is_empty() {
                        out.authors.extend(names);
                    }
                }
                drop_line(out, l, "byline");
            }
            _ if below_title => after_title(lines, labels, i, start, out),
            _ => {
                if let Some(e) = find_email(l.text) {
                    out.site_email_domain = e.split('@').nth(1).map(str::to_string);
                }
            }
        }
    }
    title_idx
}

fn header_date(out: &mut Cleaned, l: &Line, articles_own: bool) {
    let date = meta::full_date(l.text);
    if !articles_own {
        // Far above the headline: a site-wide "today" widget, not the byline date.
        out.page_date = out.page_date.or(date);
        drop_line(out, l, "site-header date (used as an upper bound)");
    } else if meta::is_updated_line(l.text) {
        drop_line(out, l, "update timestamp");
    } else {
        out.stated_date = out.stated_date.or(date);
        drop_line(out, l, "dateline (taken as the stated date)");
    }
}

/// A line between the headline and the body: name, job line, dek, photo credit.
fn after_title(lines: &[Line], labels: &[Label], i: usize, start: usize, out: &mut Cleaned) {
    let l = &lines[i];
    if let Some(d) = meta::issue_month(l.text) {
        out.claim(l.no);
        out.stated_date = out.stated_date.or(Some(d));
        drop_line(out, l, "issue date (taken as the stated month)");
        return;
    }
    if out.authors.is_empty()
        && meta::is_person_name(l.text)
        && (is_name_line(lines, labels, i) || i + 1 == start)
    {
        out.claim(l.no);
        out.authors.push(meta::normalise_name(l.text));
        drop_line(out, l, "byline");
        return;
    }
    if meta::is_role_line(l.text) && !dek_shaped(lines, labels, i) {
        out.claim(l.no);
        drop_line(out, l, "byline job title");
        return;
    }
    if is_photo_credit(l.text) {
        out.claim(l.no);
        photo_credit(lines, i, out);
        return;
    }
    if let Some((caption, credit)) = super::body::gallery_caption(l.text) {
        out.claim(l.no);
        if !out.captions.contains(&caption) {
            out.captions.push(caption);
        }
        out.credits
            .extend(credit.filter(|c| !out.credits.contains(c)));
        drop_line(out, l, "photo gallery caption (kept as a caption)");
        return;
    }
    if lines.get(i + 1).is_some_and(|n| is_photo_credit(n.text)) && word_count(l.text) >= 4 {
        out.claim(l.no);
        out.captions.push(l.text.to_string());
        return;
    }
    let sentence_like = word_count(l.text) >= 5 && (ends_sentence(l.text) || l.text.ends_with('?'));
    if out.dek.is_none() && sentence_like && matches!(labels[i], Label::Other | Label::Prose) {
        out.claim(l.no);
        out.dek = Some(l.text.to_string());
    } else {
        let r = reason_for(&labels[i], "page furniture between headline and body");
        out.claim(l.no);
        drop_line(out, l, &r);
    }
}

/// A photo credit under a caption is a credit; standing alone (after alt text) it is the caption.
pub(super) fn photo_credit(lines: &[Line], i: usize, out: &mut Cleaned) {
    let text = lines[i].text.to_string();
    let after_caption = i > 0 && out.captions.last().is_some_and(|c| c == lines[i - 1].text);
    if after_caption {
        out.credits.push(text);
    } else {
        out.captions.push(text);
    }
}
