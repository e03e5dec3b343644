//! The top and the tail of a Markdown body: what is page furniture, not body.
//!
//! Head (see [`split_head`]): without a front matter title, the headline is the first
//! `#` heading near the top, or, with no `#` there, the last of two or more leading
//! headings (a `## Rubric` then `## Headline`). Short lines before it are the rubric
//! (kicker); after it, date lines, bylines and one short standfirst (the dek) are
//! metadata, up to the first line of body text. A front matter title keeps the file's
//! own order, except that a leading `# Title` (the headline again) leaves the body.
//!
//! Tail (see [`split_tail`]): an end mark ("■", "###", "—30—", "(END)") ends the body:
//! what follows it goes, and a mark glued to the last sentence is cut from it (the
//! sentence stays). Then, from the end: a closing author bio becomes the bio, and
//! sign-offs, widgets and newsletter pitches go.

use std::collections::BTreeSet;

use super::Parsed;
use crate::clean::endings::{is_end_mark, is_newsletter_pitch, without_glued_mark};
use crate::clean::{lines, meta, words, Cleaned};
use crate::model::{BlockKind, DroppedLine, PartialDate};

/// Most blocks read for a headline: a rubric, headline, dek, byline and dateline
/// fit in five; three more allow for a photo credit or a "Share" line among them.
const HEAD_WINDOW: usize = 8;
/// A rubric or kicker is a label, not a sentence ("Leaders", "The Americas | Brazil").
const MAX_KICKER_WORDS: usize = 12;
/// A standfirst is a sentence or two; the Economist's run to 30 words, tabloids' less.
const MAX_DEK_WORDS: usize = 45;
/// End marks close the last paragraph or stand just after it: only the last few
/// top-level blocks are searched, so a "■" used as a section break elsewhere stays.
const TAIL_WINDOW: usize = 8;

/// What [`split_head`] found.
#[derive(Debug, Default)]
pub struct Head {
    pub title: Option<String>,
    pub kicker: Option<String>,
    pub dek: Option<String>,
    pub date: Option<PartialDate>,
    pub authors: Vec<String>,
    /// Top-level blocks that are headline, rubric, dek or metadata.
    pub omit: BTreeSet<usize>,
}

/// The leading blocks of `r` that are headline and metadata (see the module notes).
pub fn split_head(r: &Parsed, titled: bool) -> Head {
    let mut head = Head::default();
    let blocks: Vec<&super::MdBlock> = r.blocks.iter().take(HEAD_WINDOW).collect();
    let h1 = blocks.iter().position(|b| b.level == 1);
    if titled {
        if let Some(b) = blocks.first().filter(|b| b.level == 1) {
            head.omit.insert(b.top);
            head.title = Some(b.text.clone());
        }
        return head;
    }
    let body_like = |b: &super::MdBlock| {
        b.level == 0 && b.kind != BlockKind::Quote && !words::words_at_most(&b.text, MAX_DEK_WORDS)
    };
    // Before the first line of body text: the headline's candidates.
    let lead = blocks
        .iter()
        .position(|b| body_like(b))
        .unwrap_or(blocks.len());
    let at = match h1 {
        Some(i) if i <= lead => i,
        _ => {
            let headings: Vec<usize> = (0..lead).filter(|&i| blocks[i].level > 0).collect();
            match headings.as_slice() {
                [.., a, b] if *b == a + 1 && blocks[*b].level <= 3 => *b,
                _ => return head,
            }
        }
    };
    let before = &blocks[..at];
    if before
        .iter()
        .any(|b| !words::words_at_most(&b.text, MAX_KICKER_WORDS) || b.text.ends_with('.'))
    {
        // Prose before the heading: it is not the page's headline.
        return head;
    }
    head.title = Some(blocks[at].text.clone());
    head.omit.insert(blocks[at].top);
    head.kicker = before
        .iter()
        .map(|b| b.text.clone())
        .find(|t| !t.is_empty());
    head.omit.extend(before.iter().map(|b| b.top));
    for b in &blocks[at + 1..] {
        let text = b.text.trim();
        if let Some(date) = date_of_line(text) {
            head.date = head.date.or(Some(date));
        } else if let Some(names) = meta::byline_names(text) {
            head.authors.extend(names);
        } else if head.dek.is_none()
            && b.kind != BlockKind::List
            && words::words_at_most(text, MAX_DEK_WORDS)
            && (b.level > 1 || !lines::ends_sentence(text) || b.emphasised)
            && head.date.is_none()
            && head.authors.is_empty()
        {
            head.dek = Some(text.to_string());
        } else {
            break;
        }
        head.omit.insert(b.top);
    }
    head
}

/// The date a dateline states ("Jan 15th 2026 | WASHINGTON", "Published 2026-01-15").
fn date_of_line(line: &str) -> Option<PartialDate> {
    if crate::clean::dateline::is_date_line(line) {
        return crate::clean::dateline::full_date(line);
    }
    // A dateline with a place: "Jan 15th 2026 | WASHINGTON, DC", "March 3, 2026 — SEOUL".
    let (date, place) = line.split_once(['|', '—', '·'])?;
    let place_ok = words::words_at_most(place, 6) && !place.trim_end().ends_with('.');
    let date = date.trim();
    (place_ok && crate::clean::dateline::is_date_line(date))
        .then(|| crate::clean::dateline::full_date(date))
        .flatten()
}

/// What [`split_tail`] found.
#[derive(Debug, Default)]
pub struct Tail {
    pub omit: BTreeSet<usize>,
    /// The top-level block whose closing end mark is cut (the text before it stays).
    pub strip_mark: Option<usize>,
}

/// The closing blocks of `r` that are not body (see the module notes); `first` is
/// the first top-level block the tail may take (the head ends before it).
pub fn split_tail(md: &str, r: &Parsed, first: usize, out: &mut Cleaned) -> Tail {
    let mut tail = Tail::default();
    let tops: Vec<usize> = (first..r.tops.len())
        .filter(|&t| !r.tops[t].footnote)
        .collect();
    let mut end = tops.len();
    let window = tops.len().saturating_sub(TAIL_WINDOW);
    for k in (window..tops.len()).rev() {
        let t = tops[k];
        let src = md.get(r.tops[t].range.clone()).unwrap_or("").trim();
        if is_end_mark(src) {
            end = k;
            break;
        }
        let text = r.text_of(t);
        if r.single_paragraph(t) && without_glued_mark(&text).is_some() {
            tail.strip_mark = Some(t);
            end = k + 1;
            break;
        }
    }
    for &t in &tops[end..] {
        out.dropped.push(DroppedLine {
            line: line_of(md, r.tops[t].range.start),
            text: md
                .get(r.tops[t].range.clone())
                .unwrap_or("")
                .trim()
                .to_string(),
            reason: "after the article's end mark".into(),
        });
        tail.omit.insert(t);
    }
    while end > 0 {
        let t = tops[end - 1];
        if !r.single_paragraph(t) || Some(t) == tail.strip_mark {
            break;
        }
        let text = r.text_of(t);
        let reason = if let Some(bio) = meta::bio(&text) {
            out.author_bio = Some(text.clone());
            if let meta::Bio::Named(name) = bio {
                out.authors.push(name);
            }
            None
        } else if lines::is_reader_call(&text) || lines::widget_phrase(&text).is_some() {
            Some("sign-off addressed to the reader")
        } else if is_newsletter_pitch(&text) {
            Some("newsletter pitch")
        } else {
            break;
        };
        if let Some(reason) = reason {
            out.dropped.push(DroppedLine {
                line: line_of(md, r.tops[t].range.start),
                text,
                reason: reason.into(),
            });
        }
        tail.omit.insert(t);
        end -= 1;
    }
    tail
}

/// 1-based line of byte `at` in `md`.
fn line_of(md: &str, at: usize) -> usize {
    md.as_bytes()[..at.min(md.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
