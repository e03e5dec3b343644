//! Reading extracted HTML into typed blocks, as a person reads it.

use scraper::{ElementRef, Node};

use crate::clean::lines::{widget_phrase, word_count};
use crate::clean::Cleaned;
use crate::model::{BlockKind, DroppedLine};

/// Elements that start a new block of text.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "nav",
    "form",
    "hr",
    "address",
    "details",
    "summary",
];

/// Subtrees that are never text a reader sees.
const HIDDEN_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "button", "select", "iframe", "head",
];

/// Read a subtree as a person does: text runs split at block elements and `<br>`,
/// each run typed by the nearest block around it. Iterative, so depth costs nothing.
pub(super) fn blocks_of(root: ElementRef, out: &mut Cleaned) {
    let mut run = String::new();
    let mut kinds: Vec<Option<BlockKind>> = Vec::new();
    let mut kind_now = BlockKind::Paragraph;
    let mut in_caption = 0usize;
    let mut stack = vec![(root.id(), false)];
    let tree = root.tree();
    while let Some((id, leaving)) = stack.pop() {
        let Some(node) = tree.get(id) else { continue };
        match node.value() {
            // Caption text is read by `figure_captions`, not as body.
            Node::Text(t) if in_caption == 0 => run.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                let block = BLOCK_TAGS.contains(&name);
                if leaving {
                    if block {
                        flush(&mut run, kind_now, out);
                        kinds.pop();
                        kind_now = kinds
                            .iter()
                            .rev()
                            .flatten()
                            .next()
                            .copied()
                            .unwrap_or(BlockKind::Paragraph);
                    }
                    if name == "figcaption" {
                        in_caption = in_caption.saturating_sub(1);
                    }
                    continue;
                }
                if HIDDEN_TAGS.contains(&name) || e.attr("hidden").is_some() {
                    continue;
                }
                if name == "br" {
                    flush(&mut run, kind_now, out);
                    continue;
                }
                if block {
                    flush(&mut run, kind_now, out);
                    let kind = match name {
                        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
                        "li" | "dt" | "dd" => Some(BlockKind::List),
                        "blockquote" => Some(BlockKind::Quote),
                        "p" | "td" | "th" | "pre" => Some(BlockKind::Paragraph),
                        _ => None,
                    };
                    kinds.push(kind);
                    if let Some(k) = kind {
                        kind_now = k;
                    }
                }
                if name == "figcaption" {
                    in_caption += 1;
                }
                stack.push((id, true));
                let children: Vec<_> = node.children().map(|c| c.id()).collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().map(|c| c.id()).collect();
                stack.extend(children.into_iter().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    flush(&mut run, kind_now, out);
}

/// End a run of text: a block unless it is a widget label, a bio or a credit.
fn flush(run: &mut String, kind: BlockKind, out: &mut Cleaned) {
    let text = collapse(run);
    run.clear();
    if text.is_empty() {
        return;
    }
    if let Some(why) = widget_phrase(&text) {
        out.dropped.push(DroppedLine {
            line: 0,
            text,
            reason: why.to_string(),
        });
        return;
    }
    if let Some(why) = crate::clean::lines::site_notice(&text) {
        out.dropped.push(DroppedLine {
            line: 0,
            text,
            reason: why.to_string(),
        });
        return;
    }
    if kind == BlockKind::Paragraph {
        if let Some(bio) = crate::clean::meta::bio(&text) {
            if out.author_bio.is_none() {
                out.author_bio = Some(text.clone());
            }
            if let (crate::clean::meta::Bio::Named(n), true) = (bio, out.authors.is_empty()) {
                out.authors.push(n);
            }
            return;
        }
        if word_count(&text) < 40 && crate::clean::meta::credit(&text).is_some() {
            // A republication note under the last paragraph is the article's closing
            // sentence (the text cleaner's rule); anywhere else a credit line.
            let closing = out.has_paragraph() && crate::clean::meta::is_republication_note(&text);
            if !closing {
                out.credits.push(text);
                return;
            }
        }
    }
    out.push_block(kind, &text);
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
