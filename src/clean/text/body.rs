//! Inside and below the body: what each line is.

use super::credits::{is_photo_credit, photo_credit};
use super::timestamps::is_timestamp;
use super::{drop_line, reason_for, take_bio, take_closing_note, take_credit, Label, Line};
use crate::clean::lines::*;
use crate::clean::meta;
use crate::clean::Cleaned;
use crate::model::BlockKind;

/// Questions this short are subheadings ("A coalition of the willing, but who
/// leads?"); longer ones are the writer asking the reader, a paragraph.
const MAX_QUESTION_HEADING_WORDS: usize = 8;

static GALLERY_COUNTER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::regex(
        r"^(?i:image|photo|picture|slide|gallery|foto|bild|imagen|immagine)\s+\d{1,3}\s*(?i:of|/|von|de|di)\s*\d{1,3}$",
    )
});

/// "Image 3 of 5", "Photo 2/10", "Foto 1 von 8": a gallery's position, printed
/// above each of its pictures (what the picture shows is on the next line).
pub(super) fn is_gallery_counter(text: &str) -> bool {
    GALLERY_COUNTER.is_match(text.trim())
}

static GALLERY_MARK: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| crate::patterns::regex(r"^(?:Item \d+ of \d+\s+|\[\d+/\d+\]\s*)"));
static AGENCY_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    crate::patterns::regex(
        r"\s*(?-u:\b)\p{Lu}[\w.&-]*(?:/[\p{L}][\p{L} .'-]*)+/(?:File Photo|Pool Photo|Pool|Handout|Photo)(?-u:\b)",
    )
});

/// A photo-gallery caption ("Item 1 of 2 ...", "[1/2]..."): (caption, agency credit).
/// Wire sites print the caption, then "Agency/Photographer/File Photo", then a licensing link.
pub(super) fn gallery_caption(text: &str) -> Option<(String, Option<String>)> {
    let mark = GALLERY_MARK.find(text)?;
    let rest = &text[mark.end()..];
    match AGENCY_CREDIT.find(rest) {
        Some(m) => Some((
            rest[..m.start()].trim().to_string(),
            Some(m.as_str().trim().to_string()),
        )),
        None => Some((rest.trim().to_string(), None)),
    }
}

/// A caption carries its credit in brackets at the end: "... on April 17. [YONHAP/REUTERS]".
fn ends_with_bracket_credit(text: &str) -> bool {
    let t = text.trim_end();
    let Some(inner) = t
        .strip_suffix(']')
        .and_then(|x| x.rfind('[').map(|o| &x[o + 1..]))
    else {
        return false;
    };
    // Letters, all capitals: an agency name, not a footnote marker like "[3]".
    inner.chars().any(char::is_alphabetic) && !inner.chars().any(char::is_lowercase)
}

pub(super) fn body(lines: &[Line], labels: &[Label], start: usize, end: usize, out: &mut Cleaned) {
    let title = out.title.clone();
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
        } else if is_photo_credit(l.text) {
            photo_credit(lines, i, out);
        } else if ends_with_bracket_credit(l.text)
            || next.is_some_and(|n| l.same_block_as(n) && i < end && is_photo_credit(n.text))
        {
            out.captions.push(l.text.to_string());
        } else {
            body_line(lines, labels, i, start, out);
        }
        i += 1;
    }
}

fn body_line(lines: &[Line], labels: &[Label], i: usize, start: usize, out: &mut Cleaned) {
    let l = &lines[i];
    match &labels[i] {
        // "…the book. ■": the end mark is not text; the sentence it closes is.
        Label::Prose => out.push_block(
            BlockKind::Paragraph,
            crate::clean::endings::without_glued_mark(l.text).unwrap_or(l.text),
        ),
        Label::Bio(b) => take_bio(out, b, l.text),
        Label::Credit if out.has_paragraph() && meta::is_republication_note(l.text) => {
            take_closing_note(out, l.text)
        }
        Label::Credit => take_credit(out, l.text),
        Label::Byline => {
            if let Some(names) = super::byline_names(l.text).filter(|_| out.authors.is_empty()) {
                out.authors.extend(names);
            }
            drop_line(out, l, "byline");
        }
        Label::Date => {
            if out.stated_date.is_none() && out.blocks.is_empty() && !meta::is_updated_line(l.text)
            {
                out.stated_date = meta::full_date(l.text);
            }
            drop_line(out, l, "date line");
        }
        Label::Fragment if l.text.starts_with("http://") || l.text.starts_with("https://") => {
            short_line(lines, labels, i, start, out)
        }
        Label::Navigation
        | Label::Widget(_)
        | Label::Teaser
        | Label::Fragment
        | Label::Figure(_) => {
            let r = reason_for(&labels[i], "");
            drop_line(out, l, &r)
        }
        Label::Other => {
            if let Some(d) = meta::issue_month(l.text) {
                out.stated_date = out.stated_date.or(Some(d));
                drop_line(out, l, "issue date (taken as the stated month)");
            } else {
                short_line(lines, labels, i, start, out)
            }
        }
    }
}

/// A short line inside the body: subheading, list item, short paragraph, or furniture.
fn short_line(lines: &[Line], labels: &[Label], i: usize, start: usize, out: &mut Cleaned) {
    let text = lines[i].text;
    // "Related" over another story's headline, set between two paragraphs.
    if i > start && super::headings::is_other_stories_heading(lines[i - 1].text) {
        drop_line(
            out,
            &lines[i],
            "link to another story under a 'Related' label",
        );
        return;
    }
    // The signature of an embedded post, and the post's text right above it.
    if super::is_embedded_post_signature(text)
        || lines
            .get(i + 1)
            .is_some_and(|next| super::is_embedded_post_signature(next.text))
    {
        out.push_block(BlockKind::Paragraph, text);
        return;
    }
    if let Some(item) = list_item(text) {
        out.push_block(BlockKind::List, item);
        return;
    }
    let next_is_prose = matches!(labels.get(i + 1), Some(Label::Prose));
    // A subheading follows text (or opens the body); after a widget it is a teaser headline.
    let after_text = i == start
        || matches!(labels[i - 1], Label::Prose)
        || is_timestamp(lines[i - 1].text)
        || lines[i - 1].repeats >= 2
        || ends_with_bracket_credit(lines[i - 1].text)
        || is_photo_credit(lines[i - 1].text);
    let wc = word_count(text);
    let question =
        text.ends_with('?') && (looks_like_title_case(text) || wc <= MAX_QUESTION_HEADING_WORDS);
    let interview_turn = ["Q:", "A:", "Q.", "A."].iter().any(|p| text.starts_with(p));
    // One-word headings ("Welcome") only where a live blog's timestamp vouches for them.
    let min_words = if i > 0 && is_timestamp(lines[i - 1].text) {
        1
    } else {
        2
    };
    let heading_shape = (min_words..=20).contains(&wc)
        && (!ends_sentence(text) || question)
        && !text.ends_with(':')
        && !interview_turn;
    if heading_shape && next_is_prose && after_text {
        out.push_block(BlockKind::Heading, text);
    } else if crate::clean::lang::is_short_prose(text) {
        let text = crate::clean::endings::without_glued_mark(text).unwrap_or(text);
        out.push_block(BlockKind::Paragraph, text);
    } else if is_unmarked_item(&lines[i], lines, labels, i) {
        out.push_block(BlockKind::List, text);
    } else {
        drop_line(
            out,
            &lines[i],
            "short line inside the body that is neither text nor a subheading",
        );
    }
}

/// A short line between paragraphs that is not furniture: an item of a list the
/// dump printed without its bullets (table rows, product specs, tour dates).
fn is_unmarked_item(line: &Line, lines: &[Line], labels: &[Label], i: usize) -> bool {
    // A bare link is an item too ("1) Product name / https://..."): the dump keeps
    // the address an article printed, with too few letters to be labelled text.
    let link = |t: &str| t.starts_with("http://") || t.starts_with("https://");
    let item =
        |j: usize| (labels[j] == Label::Other || link(lines[j].text)) && lines[j].repeats < 2;
    if !item(i)
        || !(words_at_least(line.text, 2)
            || link(line.text)
            || crate::clean::lang::dense_letters(line.text) >= 4)
    {
        return false;
    }
    // The stretch of such lines around this one (bounded: lists are short).
    let from = (i.saturating_sub(MAX_LIST_ITEMS)..i)
        .rev()
        .take_while(|&j| item(j))
        .last()
        .unwrap_or(i);
    let to = (i + 1..lines.len().min(i + MAX_LIST_ITEMS))
        .take_while(|&j| item(j))
        .last()
        .unwrap_or(i);
    super::span::is_list_stretch(lines, from, to)
        || is_list_between_paragraphs(lines, labels, from, to)
}

/// Fewest lines of a list without markers or digits between two paragraphs: one or
/// two short lines there are more often a link to another story or a button.
const MIN_PLAIN_LIST_ITEMS: usize = 3;

/// jusText's rule, for lists: a stretch of short lines with body text on both sides
/// (product specs, an event's details) is body, unless it is a box of other stories
/// or a picture's caption.
fn is_list_between_paragraphs(lines: &[Line], labels: &[Label], from: usize, to: usize) -> bool {
    from > 0
        && labels[from - 1] == Label::Prose
        && labels.get(to + 1) == Some(&Label::Prose)
        && to + 1 - from >= MIN_PLAIN_LIST_ITEMS
        && (from..=to).all(|j| {
            let t = lines[j].text;
            !super::headings::is_other_stories_heading(t)
                && !super::headline::ends_with_credit(t)
                && !ends_with_bracket_credit(t)
                && !super::captions::looks_like_caption(t)
        })
}

/// Longest list without markers looked at around a line.
const MAX_LIST_ITEMS: usize = 80;

fn list_item(text: &str) -> Option<&str> {
    ["• ", "· ", "- ", "* ", "– ", "▪ "]
        .iter()
        .find_map(|m| text.strip_prefix(m))
        .map(str::trim)
}

/// How far under the body's last line a republication note still closes the article.
const CLOSING_NOTE_REACH: usize = 6;

/// Lines below the body: bios and credits are kept as metadata, the rest dropped.
pub(super) fn tail(lines: &[Line], labels: &[Label], end: usize, out: &mut Cleaned) {
    for (i, l) in lines.iter().enumerate().skip(end + 1) {
        out.claim(l.no);
        match &labels[i] {
            Label::Bio(b) if out.author_bio.is_none() => take_bio(out, b, l.text),
            // "Originally published on Live Science." a few lines under the last
            // paragraph (past a list of related-story links, no prose between): the
            // article's closing sentence.
            Label::Credit
                if i <= end + CLOSING_NOTE_REACH
                    && !labels[end + 1..i].iter().any(|l| matches!(l, Label::Prose))
                    && out.has_paragraph()
                    && meta::is_republication_note(l.text) =>
            {
                take_closing_note(out, l.text)
            }
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

#[cfg(test)]
mod tests {
    use crate::model::BlockKind;

    fn body_of(dump: &str) -> Vec<(BlockKind, String)> {
        super::super::clean(dump)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    const PARA: &str = "The ministers met in Seoul on Tuesday and agreed to keep talking about the tariffs that both countries face this year.";

    #[test]
    fn an_end_mark_ends_the_article_and_keeps_its_sentence() {
        let para = format!("{PARA} {PARA}");
        for mark in [" ■", ""] {
            let dump = format!(
                "Tariff talks resume\n\n{para}\n\n{para}\n\n{para}\n\nThe talks resume next week.{mark}\n\nStay on top of trade news with The Brief, our weekly newsletter on the deals that matter to you.\n"
            );
            let blocks = body_of(&dump);
            let last = blocks.last().map(|(_, t)| t.as_str());
            assert_eq!(
                last,
                Some("The talks resume next week."),
                "mark {mark:?}: {blocks:?}"
            );
        }
    }

    #[test]
    fn a_photo_gallery_inside_the_article_does_not_end_it() {
        let gallery: String = (1..=4)
            .map(|k| {
                format!("Image {k} of 4\n\nA concept drawing of lander number {k} on the surface.\n(Image credit: Agency {k})\n")
            })
            .collect();
        let dump = format!(
            "Moon landers picked\n\n{PARA}\n\n{PARA} Again.\n\n{gallery}\nAfter the gallery, the article goes on with more text about the landers and what they will carry.\n"
        );
        let blocks = body_of(&dump);
        assert!(
            blocks
                .iter()
                .any(|(_, t)| t.starts_with("After the gallery")),
            "{blocks:?}"
        );
        assert!(!blocks.iter().any(|(_, t)| t.contains("Image 2 of 4")));
        assert!(!blocks.iter().any(|(_, t)| t.contains("A concept drawing")));
    }

    #[test]
    fn a_paragraph_followed_by_a_credit_in_its_own_block_is_not_a_caption() {
        let dump = format!(
            "Grid report\n\n{PARA}\n\nThe same cannot be said of cars and furnaces, which look locked in.\n\n(Credit: Jane Roe / Agency)\n\n{PARA} More.\n"
        );
        let blocks = body_of(&dump);
        assert!(blocks.iter().any(|(_, t)| t.starts_with("The same cannot")));
    }

    #[test]
    fn a_box_of_other_stories_under_the_article_ends_it() {
        let blurbs = "Top stories\nMinisters agree to meet again\nThe ministers of both countries said on Monday that they would meet again in the spring to talk.\nPort strike ends after a week\nThe dockworkers of the southern port returned to work on Sunday after a week of talks with owners.\n";
        let dump = format!(
            "Talks resume\n\n{PARA}\n\n{PARA} Two.\n\n{PARA} Three.\n\nRelated links:\n{blurbs}"
        );
        let blocks = body_of(&dump);
        assert!(
            blocks.iter().any(|(_, t)| t.ends_with("Three.")),
            "{blocks:?}"
        );
        assert!(
            !blocks.iter().any(|(_, t)| t.contains("dockworkers")),
            "{blocks:?}"
        );
        // The same box between two paragraphs of the story leaves the story whole.
        let dump = format!("Talks resume\n\n{PARA}\n\n{PARA} Two.\n\nRelated articles\n\nMinisters agree to meet again\nPort strike ends after a week\n\n{PARA} Three.\n\n{PARA} Four.\n");
        let blocks = body_of(&dump);
        assert!(
            blocks.iter().any(|(_, t)| t.ends_with("Four.")),
            "{blocks:?}"
        );
    }
}
