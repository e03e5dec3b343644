//! Where the article body is: the run of prose with the most text.

use super::headings::{
    is_apparatus_heading, is_comments_heading, is_other_stories_heading, is_taxonomy_label,
    is_terminator,
};
use super::{Label, Line};
use crate::clean::endings;
use crate::clean::lines::words_at_most;

/// Non-body lines allowed between two prose lines of one article: a subheading,
/// a duplicated caption pair and an inline widget fit; a teaser block does not.
const MAX_BODY_GAP: usize = 4;

/// A longer gap is still inside the article when it is only a furniture list
/// (a "Most Read" box of numbered headlines): up to this many lines.
const MAX_LIST_GAP: usize = 16;

/// (first, last) line index of the body, inclusive.
pub(super) fn body_span(lines: &[Line], labels: &[Label]) -> Option<(usize, usize)> {
    let listed = data_list_under_dateline(lines, labels);
    let text = |i: usize| labels[i] == Label::Prose || listed.contains(&i);
    let prose: Vec<usize> = (0..labels.len()).filter(|&i| text(i)).collect();
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
    let first_seen = first_occurrences(lines);
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for run in runs {
        if let Some(last) = joined.last_mut() {
            if run.0 - last.1 <= MAX_LIST_GAP + 1
                && is_furniture_list(labels, last.1 + 1, run.0)
                && !stops_between(lines, labels, last.1, run.0)
                && !is_page_footer(lines, &first_seen, last.0, last.1 + 1..run.0)
                && prose_in(labels, run) >= 2
                && prose_in(labels, *last) >= 2
            {
                last.1 = run.1;
                continue;
            }
        }
        joined.push(run);
    }
    let joined = join_across_soft_gaps(lines, labels, joined);
    // Prose printed twice on the page is furniture (a disclaimer in header and footer).
    // Characters of such text up to each line, so that a run's size is one subtraction
    // (runs are sized once per comments heading and thrice when picked).
    let mut chars_before = Vec::with_capacity(lines.len() + 1);
    chars_before.push(0usize);
    for (i, l) in lines.iter().enumerate() {
        let own = if text(i) && l.repeats < 2 {
            l.text.chars().count()
        } else {
            0
        };
        chars_before.push(chars_before[i] + own);
    }
    let size = |r: &(usize, usize)| -> usize { chars_before[r.1 + 1] - chars_before[r.0] };
    // Reader comments are prose too: once an article-sized run stands above a
    // comments heading, the runs below that heading are the thread, not the article.
    let comments_from = (0..lines.len())
        .filter(|&i| is_comments_heading(lines[i].text))
        .find(|&h| {
            joined
                .iter()
                .any(|r| r.1 < h && size(r) >= MIN_ARTICLE_CHARS)
        })
        .unwrap_or(usize::MAX);
    let joined: Vec<(usize, usize)> = joined.into_iter().filter(|r| r.0 < comments_from).collect();
    let (mut start, end) = pick_run(&joined, size)?;
    // A live blog's first entry opens with "timestamp / entry headline" above its prose.
    if start >= 2
        && super::timestamps::is_timestamp(lines[start - 2].text)
        && labels[start - 1] == Label::Other
    {
        start -= 1;
    }
    let (start, end) = cut_at_end_marker(lines, labels, (start, end));
    let end = cut_at_other_stories(lines, labels, (start, end));
    let end = end_of_embedded_posts(lines, labels, end);
    Some((start, end_of_trailing_list(lines, labels, end)))
}

/// Most lines of one embedded post's text above its signature.
const MAX_POST_LINES: usize = 3;

/// Social-media posts quoted at the end of an article ("See tweets:", then each
/// post's text and its "— Name (@handle) date" signature) are the article's: carry
/// the body on over every post whose signature follows within a few lines.
fn end_of_embedded_posts(lines: &[Line], labels: &[Label], mut end: usize) -> usize {
    'posts: loop {
        for j in end + 1..=(end + MAX_POST_LINES + 1).min(lines.len().saturating_sub(1)) {
            if is_hard_boilerplate(lines, labels, j) && labels[j] != Label::Date {
                break 'posts;
            }
            if super::is_embedded_post_signature(lines[j].text) {
                end = j;
                continue 'posts;
            }
        }
        break;
    }
    end
}

/// Index of each line text's first occurrence on the page.
fn first_occurrences<'a>(lines: &[Line<'a>]) -> rustc_hash::FxHashMap<&'a str, usize> {
    let mut first = rustc_hash::FxHashMap::default();
    for (i, l) in lines.iter().enumerate() {
        if l.repeats >= 2 {
            first.entry(l.text).or_insert(i);
        }
    }
    first
}

/// Lines of site chrome (menu, social and sign-up links) a gap must repeat from the
/// page header to be the page footer.
const FOOTER_CHROME_LINES: usize = 2;

/// A gap that prints again what the page header printed above the article (social
/// links, "Join our newsletter", menu entries) is the page footer: the prose after
/// it is the site's fine print, not more of the article. A box inside an article
/// ("Most Read", an advertisement) does not repeat the header. Advertisement labels
/// are left out: sites print them everywhere.
fn is_page_footer(
    lines: &[Line],
    first_seen: &rustc_hash::FxHashMap<&str, usize>,
    article_start: usize,
    gap: std::ops::Range<usize>,
) -> bool {
    gap.filter(|&i| {
        first_seen
            .get(lines[i].text)
            .is_some_and(|&f| f < article_start)
            && !lines[i].text.eq_ignore_ascii_case("advertisement")
    })
    .count()
        >= FOOTER_CHROME_LINES
}

/// Fewest items of a list that is a page's whole article.
const MIN_DATA_LIST_ITEMS: usize = 5;
/// How far below the page's date line such a list may start (a share bar, a
/// repeated heading between).
const DATA_LIST_BELOW_DATE: usize = 6;

/// A calendar or results page is a list, not prose: a stretch of list lines (most
/// dated or numbered, three words or more each) starting just under the article's
/// date line counts as text when the body is looked for. Its line indices.
fn data_list_under_dateline(lines: &[Line], labels: &[Label]) -> std::ops::Range<usize> {
    let item = |j: usize| {
        labels[j] == Label::Other && lines[j].repeats < 2 && !words_at_most(lines[j].text, 2)
    };
    for d in (0..labels.len()).filter(|&d| labels[d] == Label::Date) {
        let Some(from) = (d + 1..(d + DATA_LIST_BELOW_DATE).min(labels.len())).find(|&j| {
            item(j) && (j..j + MIN_DATA_LIST_ITEMS).all(|k| k < labels.len() && item(k))
        }) else {
            continue;
        };
        let to = (from..labels.len())
            .take_while(|&j| item(j))
            .last()
            .unwrap_or(from);
        if to + 1 - from >= MIN_DATA_LIST_ITEMS && is_list_stretch(lines, from, to) {
            return from..to + 1;
        }
    }
    0..0
}

/// Most lines of a list that closes an article (tour dates, a table of results).
const MAX_TRAILING_LIST: usize = 80;

/// An article may end in a list ("Tour dates:" and one line per date): carry the
/// body on over it when it is introduced by a colon or is a list of dated or
/// numbered items (most lines carry a digit), stopping at the first furniture.
fn end_of_trailing_list(lines: &[Line], labels: &[Label], end: usize) -> usize {
    let mut j = end + 1;
    let mut items = 0usize;
    while j < lines.len() && j - end <= MAX_TRAILING_LIST {
        if labels[j] != Label::Other
            || lines[j].repeats >= 2
            || is_hard_boilerplate(lines, labels, j)
        {
            break;
        }
        items += 1;
        j += 1;
    }
    if items >= 2 && is_list_stretch(lines, end + 1, j - 1) {
        j - 1
    } else {
        end
    }
}

/// Whether lines `from..=to` read as a list: introduced by a colon ("Tour dates:",
/// on the line above or as the first line) or mostly dated/numbered items (three
/// quarters carry a digit), rather than a stack of other stories' headlines.
pub(super) fn is_list_stretch(lines: &[Line], from: usize, to: usize) -> bool {
    let colon = |j: usize| {
        let t = lines[j].text.trim_end();
        t.ends_with(':') && !is_taxonomy_label(t)
    };
    let introduced = (from > 0 && colon(from - 1)) || (from < to && colon(from));
    let items = to + 1 - from;
    let with_digit = (from..=to)
        .filter(|&j| lines[j].text.contains(|c: char| c.is_ascii_digit()))
        .count();
    introduced || (items >= 3 && with_digit * 4 >= items * 3)
}

/// Most lines of a lead set without a full stop.
const MAX_UNSTOPPED_LEAD: usize = 3;
/// Fewest words of such a line: a sentence, not a label.
const MIN_UNSTOPPED_LEAD_WORDS: usize = 8;

/// Blogs print the first lines of a story without their full stop ("Chelsea have this
/// morning paid the £71.6m fee to secure the keeper"), so they read as furniture.
/// Right under the article's date or byline, sentence-shaped lines (eight words or
/// more, not Title Case) above the first paragraph are the lead.
pub(super) fn lead_under_dateline(lines: &[Line], labels: &[Label], start: usize) -> usize {
    // "Filed Under: …", "Tags: …": a label and its links.
    let labelled = |t: &str| t.split(' ').take(3).any(|w| w.contains(':'));
    let lead_line = |i: usize| {
        labels[i] == Label::Other
            && lines[i].repeats < 2
            && !labelled(lines[i].text)
            && !super::captions::looks_like_caption(lines[i].text)
            && !words_at_most(lines[i].text, MIN_UNSTOPPED_LEAD_WORDS - 1)
            && !crate::clean::lines::looks_like_title_case(lines[i].text)
    };
    let mut first = start;
    while first > 0 && start - first < MAX_UNSTOPPED_LEAD && lead_line(first - 1) {
        first -= 1;
    }
    if first < start && first > 0 && matches!(labels[first - 1], Label::Date | Label::Byline) {
        first
    } else {
        start
    }
}

/// Share of the page's largest run that the first run must reach to be the article:
/// pages print the article before reader comments and other stories' blurbs, which
/// can outweigh it. Dev-set .txt token F1: 0.917 at 0.25 and at 0.4, 0.915 at 0.6,
/// 0.907 when the largest run always wins.
const FIRST_RUN_SHARE: f64 = 0.4;

/// The first run holding a good share of the largest run's text.
fn pick_run(
    runs: &[(usize, usize)],
    size: impl Fn(&(usize, usize)) -> usize,
) -> Option<(usize, usize)> {
    let best = runs.iter().map(&size).max()?;
    runs.iter()
        .find(|r| {
            size(r) as f64 >= FIRST_RUN_SHARE * best as f64
                && size(r) >= MIN_ARTICLE_CHARS.min(best)
        })
        .copied()
}

/// Text (characters of unrepeated prose) of the shortest article a comment thread
/// can sit under: a two-paragraph post.
const MIN_ARTICLE_CHARS: usize = 300;

/// Longest stretch of short lines (list items, table rows, product specs, tour
/// dates) that can sit between two paragraphs of one article: jusText's rule that a
/// short line between body paragraphs is body, as long as no furniture intervenes.
const MAX_SOFT_GAP: usize = 80;

/// Join prose runs whose gap holds only short lines that are not furniture.
fn join_across_soft_gaps(
    lines: &[Line],
    labels: &[Label],
    runs: Vec<(usize, usize)>,
) -> Vec<(usize, usize)> {
    let mut joined: Vec<(usize, usize)> = Vec::new();
    for run in runs {
        if let Some(last) = joined.last_mut() {
            let embedded = |i: usize| is_embedded_story_byline(lines, labels, *last, i, run.0);
            if run.0 - last.1 <= MAX_SOFT_GAP + 1
                && (last.1 + 1..run.0)
                    .all(|i| !is_hard_boilerplate(lines, labels, i) || embedded(i))
            {
                last.1 = run.1;
                continue;
            }
        }
        joined.push(run);
    }
    joined
}

/// How far below the article's own byline or date its first paragraph may start.
const BYLINE_ABOVE_RUN: usize = 12;

/// A byline between two runs of prose, under its own headline and right above the
/// second run, when the first run already sits under the page's byline or date: the
/// page embeds another story (a linked article's headline, byline and text) inside
/// this one, and the article goes on after it.
fn is_embedded_story_byline(
    lines: &[Line],
    labels: &[Label],
    first_run: (usize, usize),
    i: usize,
    next_run: usize,
) -> bool {
    let own_byline = (first_run.0.saturating_sub(BYLINE_ABOVE_RUN)..first_run.0)
        .any(|j| matches!(labels[j], Label::Byline | Label::Date));
    labels[i] == Label::Byline
        && own_byline
        && next_run - i <= 2
        && i >= 1
        && labels[i - 1] == Label::Other
        && !lines[i - 1].text.ends_with('.')
}

/// A line that cannot be inside an article's text: site furniture, a bio, a date
/// line (reader comments and teaser lists carry them), an end marker.
fn is_hard_boilerplate(lines: &[Line], labels: &[Label], i: usize) -> bool {
    matches!(
        labels[i],
        Label::Navigation
            | Label::Widget(_)
            | Label::Teaser
            | Label::Bio(_)
            | Label::Date
            | Label::Byline
            | Label::Credit
    ) || is_terminator(lines[i].text)
        || is_apparatus_heading(lines[i].text)
        || is_comments_heading(lines[i].text)
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
            || is_comments_heading(lines[i].text)
    })
}

/// Only short labels, numbers, headlines and widgets: the shape of a sidebar list.
fn is_furniture_list(labels: &[Label], from: usize, to: usize) -> bool {
    (from..to).all(|i| {
        matches!(
            labels[i],
            Label::Widget(_)
                | Label::Teaser
                | Label::Fragment
                | Label::Figure(_)
                | Label::Other
                | Label::Navigation
        )
    })
}

/// A prose line the dump set apart with blank lines on both sides: a browser's
/// innerText puts blank lines around `<p>` and headings, and single line breaks
/// between the lines of menus, lists and teaser boxes.
fn set_apart(lines: &[Line], i: usize) -> bool {
    let before = i == 0 || !lines[i - 1].same_block_as(&lines[i]);
    let after = lines.get(i + 1).is_none_or(|n| !lines[i].same_block_as(n));
    before && after
}

/// End the span above a box of other stories ("Related links:" and headlines with
/// their blurbs) when no paragraph follows it: in a dump whose article paragraphs
/// are set apart by blank lines, lines under such a heading printed without blank
/// lines are the box, not the article. A box between two paragraphs ("Related
/// articles" and two headlines, then the story goes on) is left to the line rules.
fn cut_at_other_stories(lines: &[Line], labels: &[Label], (start, end): (usize, usize)) -> usize {
    let prose = |r: std::ops::Range<usize>| -> Vec<usize> {
        r.filter(|&i| labels[i] == Label::Prose).collect()
    };
    for h in start + 1..=end {
        if !is_other_stories_heading(lines[h].text) {
            continue;
        }
        let above = prose(start..h);
        let paragraphs_above = above.iter().filter(|&&i| set_apart(lines, i)).count();
        let paragraph_below = prose(h + 1..end + 1).iter().any(|&i| set_apart(lines, i));
        // Two thirds of the article's lines set apart: the dump keeps paragraph breaks.
        if above.len() >= 2 && paragraphs_above * 3 >= above.len() * 2 && !paragraph_below {
            return above.last().copied().unwrap_or(end);
        }
    }
    end
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
        None => (start, end_at_glued_mark(lines, labels, (start, end))),
    }
}

/// "…the book. ■": a sentence closed by an end mark is the article's last, and a
/// lone "■" line ends it too. Only in the span's second half: a glyph higher up is a
/// section break.
fn end_at_glued_mark(lines: &[Line], labels: &[Label], (start, end): (usize, usize)) -> usize {
    let half = start + (end - start) / 2;
    for i in half..end {
        if endings::is_end_mark(lines[i].text) {
            return (start..i)
                .rev()
                .find(|&j| labels[j] == Label::Prose)
                .unwrap_or(start);
        }
        let closed = endings::without_glued_mark(lines[i].text)
            .is_some_and(crate::clean::lines::ends_sentence);
        if closed && matches!(labels[i], Label::Prose | Label::Other) {
            return i;
        }
    }
    end
}
