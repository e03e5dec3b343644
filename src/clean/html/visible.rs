//! The page as its reader sees it: the visible text, laid out as a browser's
//! innerText lays it out (a blank line around paragraphs and headings, a line break
//! after other blocks), so the page-dump cleaner can read the header a reader sees.
//!
//! Used for the date: a page states its date to the reader next to the headline, in
//! the publisher's own time zone, while `<meta>` timestamps are often in UTC (an
//! evening article in New York is "tomorrow" there) or the first-published time of a
//! page that shows its update. Reading both inputs the same way also gives a saved
//! page and a dump of it the same date.

use scraper::{ElementRef, Html, Node};

/// Elements whose text a reader never sees.
const HIDDEN: &[&str] = &[
    "head", "script", "style", "noscript", "template", "svg", "iframe", "select", "option",
];

/// Elements set off by blank lines, as innerText sets off `<p>` and headings.
const SPACED: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"];

/// The visible text of `doc`, one block a line.
pub(super) fn visible_text(doc: &Html) -> String {
    let mut out = String::new();
    walk(doc.root_element(), &mut out);
    out
}

fn walk(el: ElementRef, out: &mut String) {
    let name = el.value().name();
    if HIDDEN.contains(&name) || el.value().attr("hidden").is_some() {
        return;
    }
    let spaced = SPACED.contains(&name);
    let block = spaced || super::blocks::BLOCK_TAGS.contains(&name) || name == "br";
    if spaced {
        out.push_str("\n\n");
    } else if block {
        out.push('\n');
    }
    for child in el.children() {
        match child.value() {
            Node::Text(t) => {
                // Runs of whitespace are one space, as the browser renders them.
                let mut last_space = out.ends_with([' ', '\n']);
                for c in t.chars() {
                    if c.is_whitespace() {
                        if !last_space {
                            out.push(' ');
                            last_space = true;
                        }
                    } else {
                        out.push(c);
                        last_space = false;
                    }
                }
            }
            Node::Element(_) => {
                if let Some(e) = ElementRef::wrap(child) {
                    walk(e, out);
                }
            }
            _ => {}
        }
    }
    if spaced {
        out.push_str("\n\n");
    } else if block {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lays_out_blocks_and_hides_scripts() {
        let doc = Html::parse_document(
            "<html><head><title>T</title><script>var x = 1;</script></head><body>\
             <nav><a>Home</a><a>News</a></nav><h1>Headline here</h1>\
             <div class=byline>By Jane Doe</div><time>March 3, 2025</time>\
             <p>First   paragraph.</p><style>p{}</style><p>Second.</p></body></html>",
        );
        let text = visible_text(&doc);
        assert!(!text.contains("var x") && !text.contains("p{}"));
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "HomeNews",
                "Headline here",
                "By Jane Doe",
                "March 3, 2025",
                "First paragraph.",
                "Second."
            ]
        );
        assert!(text.contains("\n\nFirst paragraph.\n\n"));
    }
}
