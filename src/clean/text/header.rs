//! Above the body: headline, dek, byline, role line, dates, photo credits. Which line
//! is the headline, and what each header line is, is [`super::headline`]'s; this
//! module claims the lines and reads the byline, dates and credits from them.

use super::credits::{is_photo_credit, photo_credit};
use super::headline::*;
use super::{drop_line, reason_for, take_bio, take_credit, Label, Line};
use crate::clean::lines::*;
use crate::clean::meta;
use crate::clean::Cleaned;
use crate::model::PartialDate;

/// How far above its headline a date may sit and still be the article's own
/// ("Press Release / September 10, 2025 / Headline"); further up it is a site widget.
const DATE_ABOVE_TITLE: usize = 2;

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
    // A repeated line is site furniture that sets a dek apart (a share bar), but an
    // advertisement label repeats between the paragraphs of the article too.
    let strong = between.clone().any(|i| {
        is_metadata(lines, labels, i)
            || meta::is_role_line(lines[i].text)
            || is_photo_credit(lines[i].text)
            || (lines[i].repeats >= 2 && labels[i] != Label::Widget("advertisement"))
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
    // Under the page's date or byline, the first paragraph is the lead: a name alone
    // between it and the next one captions a picture; only a byline or date there
    // makes it a dek set between two parts of the metadata.
    let metadata_above =
        (start.saturating_sub(2)..start).any(|i| matches!(labels[i], Label::Date | Label::Byline));
    let metadata_between = between
        .clone()
        .any(|i| matches!(labels[i], Label::Date | Label::Byline));
    if metadata_above && !metadata_between {
        return start;
    }
    if strong && all_furniture {
        out.dek = Some(lines[start].text.to_string());
        out.claim(lines[start].no);
        next
    } else {
        start
    }
}

/// How many lines above the body the headline is looked for: menus above it are long,
/// and a page's own header block (headline, dek, picture, byline, share buttons) is
/// Most words of a headline that opens the body span (see [`opening_of_span`]).
const SPAN_HEADLINE_WORDS: usize = 25;

/// What the body span's first line turned out to be: the headline or its dek, and
/// where the story starts after the metadata under it.
pub(super) struct Opening {
    /// `None`: the first line is the dek, under a headline just above the span.
    pub headline: Option<usize>,
    pub dek: Option<usize>,
    pub story: usize,
}

/// The body span opens with header text when the page sets it as prose-like lines:
/// a headline ("…a century. Now, it's being reborn.", a question) or the dek under a
/// headline, with the article's byline or date right under it, past at most a dek.
pub(super) fn opening_of_span(
    lines: &[Line],
    labels: &[Label],
    start: usize,
    end: usize,
) -> Option<Opening> {
    // A headline right above the span: its first line is the dek.
    let under_headline = start > 0 && title_shaped(lines, labels, start - 1);
    let most_words = if under_headline {
        DEK_WORDS
    } else {
        SPAN_HEADLINE_WORDS
    };
    let wc = word_count(lines[start].text);
    if !(3..=most_words).contains(&wc) || ends_with_credit(lines[start].text) {
        return None;
    }
    let meta = (start + 1..=(start + 2).min(end)).find(|&m| {
        matches!(labels[m], Label::Byline | Label::Date) || !names_after_by(lines, m).is_empty()
    })?;
    // Between the first line and the metadata: nothing, or one dek.
    if meta == start + 2 && !dek_shaped(lines, labels, start + 1) {
        return None;
    }
    let story = (meta + 1..=end).find(|&i| labels[i] == Label::Prose)?;
    Some(if under_headline {
        Opening {
            headline: None,
            dek: Some(start),
            story,
        }
    } else {
        Opening {
            headline: Some(start),
            dek: Some(start + 1).filter(|&d| d < meta),
            story,
        }
    })
}

/// Claim the header lines: returns the headline's index. `opening`: what the body
/// span opened with ([`opening_of_span`]); a headline found there wins.
pub(super) fn header(
    lines: &[Line],
    labels: &[Label],
    start: usize,
    opening: Option<&Opening>,
    out: &mut Cleaned,
) -> Option<usize> {
    let (title_idx, dek_idx) = match opening {
        Some(Opening {
            headline: Some(t),
            dek,
            ..
        }) => (Some(*t), *dek),
        Some(Opening {
            headline: None,
            dek,
            ..
        }) => (pick_title(lines, labels, start).0, *dek),
        None => pick_title(lines, labels, start),
    };
    if let Some(t) = title_idx {
        out.title = Some(lines[t].text.to_string());
    }
    if let Some(d) = dek_idx {
        if out.dek.is_none() {
            out.dek = Some(lines[d].text.to_string());
        }
        out.claim(lines[d].no);
        // "…the secret to its recovery?Monday, 6 January 2020": the date element
        // printed right after the dek, copied onto its line.
        if ends_with_year(lines[d].text) {
            out.stated_date = out.stated_date.or(meta::full_date(lines[d].text));
        }
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
            _ if below_title && is_name_and_role(l.text) => {
                after_title(lines, labels, i, start, out)
            }
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
                // "By A | Published November 8, 2023": the byline element's date.
                if !meta::is_updated_line(l.text) {
                    take_header_date(out, meta::full_date(l.text));
                }
                drop_line(out, l, "byline");
            }
            _ if below_title && !names_after_by(lines, i).is_empty() => {
                let names = names_after_by(lines, i);
                out.claim(l.no);
                drop_line(out, l, "byline");
                // The name lines are claimed as the loop reaches them (after_title).
                if out.authors.is_empty() {
                    out.authors = names;
                }
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

/// A date under the headline: the one nearest the body wins. Between a wrongly
/// picked headline and the body sit other stories' teasers with their dates; the
/// article's own byline and date are the last lines before its text.
fn take_header_date(out: &mut Cleaned, date: Option<PartialDate>) {
    if date.is_some() {
        out.stated_date = date;
    }
}

fn header_date(out: &mut Cleaned, l: &Line, articles_own: bool) {
    let date = meta::full_date(l.text);
    if !articles_own {
        // Far above the headline: a site-wide "today" widget, not the byline date.
        out.page_date = out.page_date.or(date);
        drop_line(out, l, "site-header date (used as an upper bound)");
    } else if meta::is_updated_line(l.text) {
        out.updated_date = out.updated_date.or(date);
        drop_line(
            out,
            l,
            "update timestamp (the date, when no other is stated)",
        );
    } else {
        take_header_date(out, date);
        if out.authors.is_empty() {
            out.authors
                .extend(meta::name_before_date(l.text).map(|(name, _)| name));
        }
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
    let name_and_date = meta::name_before_date(l.text)
        .and_then(|(name, rest)| meta::full_date(rest).map(|date| (name, date)));
    if let Some((name, date)) = name_and_date {
        // "Shana Nys DambrotNovember 6, 2023": name and date elements side by side.
        out.claim(l.no);
        if out.authors.is_empty() {
            out.authors.push(name);
        }
        take_header_date(out, Some(date));
        drop_line(out, l, "byline with its date");
        return;
    }
    if let Some(names) = authors_of_line(l.text) {
        out.claim(l.no);
        // "Sarah Hinger, Staff Attorney / & Sylvia Torres-Guillén, Director": a
        // byline block of one author a line.
        let block = out.authors.is_empty() || l.text.starts_with(['&', ',']);
        if block {
            for name in names {
                if !out.authors.contains(&name) {
                    out.authors.push(name);
                }
            }
        }
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

/// The line's last word is a year ("… 6 January 2020").
fn ends_with_year(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or("");
    last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit())
}

/// The authors a line under the headline names: "Name, Job", "Name Job editor",
/// "Name, Name" (names only).
fn authors_of_line(text: &str) -> Option<Vec<String>> {
    meta::name_before_role(text)
        .map(|n| vec![n])
        .or_else(|| meta::names_only(text).filter(|n| n.len() >= 2))
}
