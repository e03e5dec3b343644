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

const END_MARKS: &[&str] = &[
    "■", "□", "❖", "◆", "◼", "∎", "###", "# # #", "-30-", "—30—", "–30–", "(END)", "[END]", "END",
    "(end)", "- END -",
];
/// Glyphs that end an article when glued to its last sentence.
const GLUED_MARKS: &[char] = &['■', '□', '❖', '◆', '◼', '∎'];

/// A block that is only an end mark (spaces and emphasis markers aside).
fn is_end_mark(src: &str) -> bool {
    let t: String = src
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '\\'))
        .collect();
    let squeezed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let tight: String = t.split_whitespace().collect();
    END_MARKS.contains(&squeezed.as_str()) || END_MARKS.contains(&tight.as_str())
}

/// `text` without an end mark glued to its end ("...that book. ■", "...said. (END)").
pub fn without_glued_mark(text: &str) -> Option<&str> {
    cut_glued_mark(text).filter(|rest| !rest.is_empty())
}

/// `text` without the end mark at its end, which may leave nothing (a mark set
/// apart from the sentence by emphasis: `*...book.* ■`).
pub fn cut_glued_mark(text: &str) -> Option<&str> {
    let t = text.trim_end();
    Some(
        t.strip_suffix(GLUED_MARKS)
            .or_else(|| t.strip_suffix("(END)"))?
            .trim_end(),
    )
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

/// Most words of a newsletter pitch: a sentence or two selling the newsletter.
const MAX_PITCH_WORDS: usize = 80;

/// A closing paragraph that sells a newsletter or asks the reader to sign up
/// ("Stay on top of ... with our daily newsletter", "Subscribe to our newsletter ...",
/// "Sign up to ... in your inbox"): it names a newsletter or a sign-up, and speaks to
/// the reader (an imperative opening, or "our"/"your"/"you").
pub fn is_newsletter_pitch(text: &str) -> bool {
    if !words::words_at_most(text, MAX_PITCH_WORDS) {
        return false;
    }
    let about = ["newsletter", "sign up", "sign-up", "subscribe", "inbox"]
        .iter()
        .any(|w| words::contains_ignore_case(text, w));
    if !about {
        return false;
    }
    let opening = [
        "stay on top",
        "stay informed",
        "stay up to date",
        "sign up",
        "subscribe",
        "get ",
        "want ",
        "don't miss",
        "don’t miss",
        "never miss",
        "join ",
        "for more",
        "enjoyed",
        "like this",
        "to receive",
        "keep up",
    ]
    .iter()
    .any(|w| words::starts_with_ignore_case(text.trim_start(), w));
    let to_reader = [" our ", " your ", " you "]
        .iter()
        .any(|w| words::contains_ignore_case(&format!(" {text} "), w));
    opening || to_reader
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_marks_alone_and_glued() {
        for m in ["■", "###", "# # #", "—30—", "- 30 -", "(END)", "**END**"] {
            assert!(is_end_mark(m), "{m}");
        }
        assert!(!is_end_mark("The end of an era"));
        assert_eq!(
            without_glued_mark("That was the book. ■"),
            Some("That was the book.")
        );
        assert_eq!(without_glued_mark("Seoul said. (END)"), Some("Seoul said."));
        assert_eq!(without_glued_mark("■"), None);
        assert_eq!(without_glued_mark("No mark here."), None);
    }

    #[test]
    fn newsletter_pitches_are_told_from_prose_about_newsletters() {
        assert!(is_newsletter_pitch("Stay on top of American politics with The US in Brief, our daily newsletter with fast analysis of the most important political news."));
        assert!(is_newsletter_pitch(
            "Subscribe to our newsletter for the week's best reads."
        ));
        assert!(is_newsletter_pitch(
            "Sign up to get the morning briefing in your inbox."
        ));
        assert!(!is_newsletter_pitch("The ministry said subscribers to the state newsletter fell by a third in 2025, a decline officials blamed on the war."));
    }
}
