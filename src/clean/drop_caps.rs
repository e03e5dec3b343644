//! Drop caps: a paragraph's first letter printed on its own ("T" then "urkey, Poland
//! and…"), because the page styles it in a separate element. Both the page-text dump
//! and the HTML reader see two pieces; the article has one word.

use std::borrow::Cow;

use crate::model::{Block, BlockKind};

/// Whether `cap` is a drop cap of `next`: one capital letter (after an opening quote,
/// if any), and `next` goes on with a lowercase letter.
pub fn is_drop_cap(cap: &str, next: &str) -> bool {
    let mut chars = cap.trim().chars();
    let first = chars.next();
    let letter = match first {
        Some('"' | '“' | '‘' | '\'') => chars.next(),
        other => other,
    };
    letter.is_some_and(char::is_uppercase)
        && chars.next().is_none()
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// Page-text lines (number, text) with each drop cap joined to the line after it.
pub fn join_lines(lines: Vec<(usize, Cow<'_, str>)>) -> Vec<(usize, Cow<'_, str>)> {
    if !lines.windows(2).any(|w| is_drop_cap(&w[0].1, &w[1].1)) {
        return lines;
    }
    let mut out: Vec<(usize, Cow<str>)> = Vec::with_capacity(lines.len());
    let mut rest = lines.into_iter().peekable();
    while let Some((no, text)) = rest.next() {
        match rest.peek() {
            Some((_, next)) if is_drop_cap(&text, next) => {
                if let Some((_, next)) = rest.next() {
                    out.push((no, Cow::Owned(format!("{}{next}", text.trim()))));
                }
            }
            _ => out.push((no, text)),
        }
    }
    out
}

/// Body blocks with each drop-cap paragraph joined to the paragraph after it.
pub fn join_blocks(blocks: &mut Vec<Block>) {
    let mut i = 0;
    while i + 1 < blocks.len() {
        let (cap, next) = (&blocks[i], &blocks[i + 1]);
        if cap.kind == BlockKind::Paragraph
            && next.kind == BlockKind::Paragraph
            && is_drop_cap(&cap.text, &next.text)
        {
            let joined = format!("{}{}", cap.text.trim(), next.text);
            blocks[i + 1].text = joined;
            blocks.remove(i);
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_a_capital_printed_apart_to_its_word() {
        let lines = vec![
            (1, Cow::from("Headline")),
            (3, Cow::from("T")),
            (5, Cow::from("urkey and Poland were removed from the list.")),
            (7, Cow::from("A")),
            (9, Cow::from("B-list item")),
        ];
        let joined = join_lines(lines);
        let texts: Vec<&str> = joined.iter().map(|(_, t)| t.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "Headline",
                "Turkey and Poland were removed from the list.",
                "A",
                "B-list item"
            ]
        );
        assert_eq!(joined[1].0, 3);
        assert!(is_drop_cap("“W", "hen the talks began"));
        assert!(!is_drop_cap("Tu", "rkey"));
        assert!(!is_drop_cap("t", "urkey"));
    }

    #[test]
    fn joins_drop_cap_blocks() {
        let p = |t: &str| Block {
            kind: BlockKind::Paragraph,
            text: t.to_string(),
        };
        let mut blocks = vec![p("T"), p("urkey was removed."), p("Next paragraph.")];
        join_blocks(&mut blocks);
        assert_eq!(blocks, vec![p("Turkey was removed."), p("Next paragraph.")]);
    }
}
