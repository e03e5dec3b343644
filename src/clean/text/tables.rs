//! Tables in page-text dumps.
//!
//! A browser's innerText prints a table cell by cell, one cell per line and a blank
//! line after each row, so a league table or a price list arrives as hundreds of
//! one-word lines ("1", "Kyle Busch", "5040", …) that no line-by-line test can read
//! as text. Rows are recognised by their shape (several blocks in a row with the same
//! number of short lines, most holding a number) and each is joined back into one line.

use std::borrow::Cow;

/// Fewest rows that make a table.
const MIN_ROWS: usize = 3;
/// Cells per row: two-cell blocks are too often a label and its value in a menu.
const CELLS: std::ops::RangeInclusive<usize> = 3..=12;
/// Longest cell (characters): cells are names, numbers and short labels.
const MAX_CELL_CHARS: usize = 40;

/// Join each table row's cells into one line (numbered as the row's first cell).
pub(super) fn join_rows(lines: Vec<(usize, Cow<'_, str>)>) -> Vec<(usize, Cow<'_, str>)> {
    // Blocks: lines with no blank line between them (consecutive line numbers).
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::new();
    for i in 0..lines.len() {
        match blocks.last_mut() {
            Some(b) if lines[i].0 == lines[i - 1].0 + 1 => b.end = i + 1,
            _ => blocks.push(i..i + 1),
        }
    }
    let row_shaped = |b: &std::ops::Range<usize>| {
        CELLS.contains(&b.len())
            && lines[b.clone()]
                .iter()
                .all(|(_, t)| t.chars().count() <= MAX_CELL_CHARS)
    };
    let has_number = |b: &std::ops::Range<usize>| {
        lines[b.clone()]
            .iter()
            .any(|(_, t)| t.bytes().any(|c| c.is_ascii_digit()))
    };
    let mut is_row = vec![false; blocks.len()];
    let mut at = 0;
    while at < blocks.len() {
        let mut to = at;
        while to < blocks.len() && row_shaped(&blocks[to]) && blocks[to].len() == blocks[at].len() {
            to += 1;
        }
        let rows = to - at;
        let numbered = blocks[at..to].iter().filter(|b| has_number(b)).count();
        if rows >= MIN_ROWS && numbered * 2 >= rows {
            is_row[at..to].iter_mut().for_each(|r| *r = true);
        }
        at = to.max(at + 1);
    }
    if !is_row.contains(&true) {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    let mut cells = lines.into_iter();
    for (block, row) in blocks.iter().zip(is_row) {
        let block_lines: Vec<_> = cells.by_ref().take(block.len()).collect();
        if row {
            let no = block_lines[0].0;
            let text: Vec<&str> = block_lines.iter().map(|(_, t)| t.as_ref()).collect();
            out.push((no, Cow::Owned(text.join(" "))));
        } else {
            out.extend(block_lines);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(text: &str) -> Vec<(usize, Cow<'_, str>)> {
        text.lines()
            .enumerate()
            .map(|(i, l)| (i + 1, Cow::Borrowed(l)))
            .filter(|(_, l)| !l.is_empty())
            .collect()
    }

    #[test]
    fn joins_the_cells_of_each_row() {
        let text = "Standings after 36 races:\n\nPos.\nDriver\nPoints\n\n1\nKyle Busch\n5040\n\n\
                    2\nMartin Truex Jr.\n5035\n\n3\nKevin Harvick\n5033\n\nNotes follow here.\n";
        let joined = join_rows(dump(text));
        let texts: Vec<&str> = joined.iter().map(|(_, t)| t.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "Standings after 36 races:",
                "Pos. Driver Points",
                "1 Kyle Busch 5040",
                "2 Martin Truex Jr. 5035",
                "3 Kevin Harvick 5033",
                "Notes follow here."
            ]
        );
        assert_eq!(joined[2].0, 7);
    }

    #[test]
    fn leaves_menus_and_text_alone() {
        // Blocks of menu links: no numbers, or not the same size.
        let menu = "Sports\nLions\nTigers\n\nNews\nLocal\nPolitics\n\nWeather\nRadar\nClosings\n\n\
                    Video\nLive\n";
        let joined = join_rows(dump(menu));
        assert_eq!(joined.len(), dump(menu).len());
        let prose = "The first paragraph of the article.\n\nThe second one.\n";
        assert_eq!(join_rows(dump(prose)).len(), 2);
    }
}
