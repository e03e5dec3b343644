//! Where the article body is: the run of prose with the most text.

use super::{Label, Line};
use crate::clean::lines::{starts_with_ignore_case, words_at_most};

/// Non-body lines allowed between two prose lines of one article: a subheading,
/// a duplicated caption pair and an inline widget fit; a teaser block does not.
const MAX_BODY_GAP: usize = 4;

/// A longer gap is still inside the article when it is only a furniture list
/// (a "Most Read" box of numbered headlines): up to this many lines.
const MAX_LIST_GAP: usize = 16;

/// Lines that end an article wherever they appear: press-release terminators.
fn is_terminator(text: &str) -> bool {
    matches!(
        text.trim(),
        "###" | "# # #" | "-30-" | "- 30 -" | "-###-" | "***END***"
    )
}

/// Section headings after which only apparatus follows (notes, author box).
pub(super) fn is_apparatus_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    // The longest name below is 17 bytes: longer lines need only the "about the" test.
    if t.len() <= 20 {
        let t = t.to_lowercase();
        if matches!(
            t.as_str(),
            "notes"
                | "footnotes"
                | "endnotes"
                | "references"
                | "sources"
                | "bibliography"
                | "about the author"
                | "about the authors"
                | "about the writer"
        ) {
            return true;
        }
    }
    starts_with_ignore_case(t, "about the ") && words_at_most(text, 8) && !text.ends_with('.')
}

/// (first, last) line index of the body, inclusive.
pub(super) fn body_span(lines: &[Line], labels: &[Label]) -> Option<(usize, usize)> {
    let prose: Vec<usize> = (0..labels.len())
        .filter(|&i| labels[i] == Label::Prose)
        .collect();
    let first = *prose.first()?;
    // Runs of prose with small gaps.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let (mut run_start, mut prev) = (first, first);
    for &i in &prose[1..] {
        if i - prev > MAX_BODY_GAP + 1 || stops_between(lines, labels, prev, i) {
            runs.push((run_start, prev));
            run_start = i;
        }
        prev = i;
    }
    runs.push((run_start, prev));
    // Join runs separated only by a furniture list.
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for run in runs {
        if let Some(last) = joined.last_mut() {
            if run.0 - last.1 <= MAX_LIST_GAP + 1
                && is_furniture_list(labels, last.1 + 1, run.0)
                && !stops_between(lines, labels, last.1, run.0)
                && prose_in(labels, run) >= 2
                && prose_in(labels, *last) >= 2
            {
                last.1 = run.1;
                continue;
            }
        }
        joined.push(run);
    }
    let size = |r: &(usize, usize)| -> usize {
        (r.0..=r.1)
            .filter(|&i| labels[i] == Label::Prose)
            .map(|i| lines[i].text.len())
            .sum()
    };
    let (mut start, end) = joined.iter().max_by_key(|r| size(r)).copied()?;
    // A live blog's first entry opens with "timestamp / entry headline" above its prose.
    if start >= 2
        && super::body::is_timestamp(lines[start - 2].text)
        && labels[start - 1] == Label::Other
    {
        start -= 1;
    }
    Some(cut_at_end_marker(lines, labels, (start, end)))
}

fn prose_in(labels: &[Label], run: (usize, usize)) -> usize {
    (run.0..=run.1)
        .filter(|&i| labels[i] == Label::Prose)
        .count()
}

/// A bio, a terminator or an apparatus heading between two prose lines ends the article.
fn stops_between(lines: &[Line], labels: &[Label], a: usize, b: usize) -> bool {
    (a + 1..b).any(|i| {
        matches!(labels[i], Label::Bio(_))
            || is_terminator(lines[i].text)
            || is_apparatus_heading(lines[i].text)
    })
}

/// Only short labels, numbers, headlines and widgets: the shape of a sidebar list.
fn is_furniture_list(labels: &[Label], from: usize, to: usize) -> bool {
    (from..to).all(|i| {
        matches!(
            labels[i],
            Label::Widget(_) | Label::Teaser | Label::Fragment | Label::Other | Label::Navigation
        )
    })
}

/// Shorten the span at a terminator or an apparatus heading inside it.
fn cut_at_end_marker(
    lines: &[Line],
    labels: &[Label],
    (start, end): (usize, usize),
) -> (usize, usize) {
    let marker = lines[start + 1..=end]
        .iter()
        .position(|l| is_terminator(l.text) || is_apparatus_heading(l.text))
        .map(|k| start + 1 + k);
    match marker {
        Some(m) => {
            let last = (start..m)
                .rev()
                .find(|&j| labels[j] == Label::Prose)
                .unwrap_or(start);
            (start, last)
        }
        None => (start, end),
    }
}
