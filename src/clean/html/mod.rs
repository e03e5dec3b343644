//! Saved web pages (`.html`): two proven extractors for the body, dossier's own
//! readers for the metadata around it.
//!
//! 1. Metadata: JSON-LD `NewsArticle` (headline, author, datePublished,
//!    publisher), `<meta>` (og:, article:, Dublin Core, citation, Parse.ly),
//!    `<time datetime>`; the headline is the `<h1>` the metadata confirms
//!    ([`headline`]), the authors the first source that names people ([`byline`]).
//! 2. The body: `rs-trafilatura` (a port of trafilatura) and `dom_smoothie` (a port of
//!    Mozilla Readability) each extract it; [`agree`] picks one (see there why).
//!    A page nested deeper than [`MAX_DEPTH`] skips them (their parsers and walks
//!    are quadratic or recursive in depth) and is read as flat text, with a warning.
//! 3. The chosen body HTML is read into typed blocks in document order
//!    ([`blocks_of`]): paragraphs, subheadings, quotes, list items; widget lines,
//!    bios and credits are recognised as in page dumps.
//! 4. Figure captions and author bios are looked for in the whole page (lead
//!    images and author boxes sit outside the body).
//! 5. Nothing lost: when neither extractor finds a body, every block of the page
//!    is kept.

mod blocks;
mod byline;
mod headline;
mod limits;
mod meta;
mod meta_tags;
mod visible;

use scraper::{Html, Selector};

use super::Cleaned;
use crate::model::BlockKind;
use blocks::blocks_of;
use limits::{element_count, flat_text};
pub use limits::{nesting_depth, MAX_DEPTH, MAX_ELEMENTS};
use meta::{figure_captions, find_bio, read_json_ld, read_meta};

fn sel(s: &str) -> Selector {
    crate::patterns::selector(s)
}

pub fn clean(text: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let depth = nesting_depth(text);
    let elements = element_count(text);
    if depth > MAX_DEPTH || elements > MAX_ELEMENTS {
        out.notes.push(if depth > MAX_DEPTH {
            format!("HTML nested {depth} elements deep (limit {MAX_DEPTH}); read as plain text")
        } else {
            format!("HTML of {elements} elements (limit {MAX_ELEMENTS}); read as plain text")
        });
        for para in flat_text(text) {
            out.push_block(BlockKind::Paragraph, &para);
        }
        return out;
    }
    let doc = Html::parse_document(text);
    // The date the page shows its reader by the headline comes first (see [`visible`]);
    // the metadata's fills in when it shows none.
    let as_text = super::text::clean(&visible::visible_text(&doc));
    out.stated_date = as_text.stated_date;
    let ld = read_json_ld(&doc);
    read_meta(&doc, ld, &mut out);
    match agree(text) {
        Some(body) => {
            out.blocks = body.blocks;
            out.dropped = body.dropped;
            out.credits = body.credits;
            if out.author_bio.is_none() {
                out.author_bio = body.author_bio;
            }
            if out.authors.is_empty() {
                out.authors = body.authors;
            }
        }
        None => {
            if let Some(body) = doc.select(&sel("body")).next() {
                blocks_of(body, &mut out);
            }
        }
    }
    super::drop_caps::join_blocks(&mut out.blocks);
    foreign_note_above_body(&as_text, &mut out);
    figure_captions(&doc, &mut out);
    if out.author_bio.is_none() {
        find_bio(&doc, &mut out);
    }
    let title = out.title.clone();
    let captions = out.captions.clone();
    out.blocks
        .retain(|b| Some(&b.text) != title.as_ref() && !captions.contains(&b.text));
    out
}

/// A sentence in another language than the article printed under its headline ("Bu
/// yazının Türkçe’sini buradan okuyabilirsiniz.", a link to a translation) is the
/// body's first paragraph, as the page's text dump has it (the text cleaner's
/// `foreign_dek_into_body`); the extractors leave it out when it sits above the
/// article's element. Taken from the page's visible text cleaned as a dump, only where
/// that rule put it first and the dump's article then opens as the extracted one does,
/// so both paths give the same article.
fn foreign_note_above_body(as_text: &Cleaned, out: &mut Cleaned) {
    let (Some(note), Some(dump_opening), Some(opening)) = (
        as_text.blocks.first(),
        as_text.blocks.get(1),
        out.blocks.first(),
    ) else {
        return;
    };
    let placed = as_text.opens_with_foreign_note && dump_opening.text == opening.text;
    if !placed || out.blocks.iter().any(|b| b.text.contains(&note.text)) {
        return;
    }
    out.blocks.insert(
        0,
        crate::model::Block {
            kind: BlockKind::Paragraph,
            text: note.text.clone(),
        },
    );
}

/// The body two extractors agree on, read into blocks.
///
/// trafilatura and Readability fail differently: each now and then keeps a block of
/// furniture around the article (a comment thread, a list of other stories) that the
/// other leaves out, and now and then one keeps only a piece of the article. So when
/// the shorter extraction is (almost) all inside the longer one, the longer one's extra
/// text is what only one of them took for the body, and the shorter is taken, unless
/// it is a fragment: under a tenth of the longer, under 40 words, or much less prose
/// than the longer (a table or a list of names that both kept, where only one kept
/// the article around it). When they disagree, trafilatura's is taken (the better of
/// the two alone). On the dev set's 167 benchmark pages: trafilatura alone 0.960
/// benchmark F1 (6 pages under token F1 0.8), Readability alone 0.952 (2), this rule
/// 0.970 (2).
fn agree(html: &str) -> Option<Cleaned> {
    let traf = rs_trafilatura::extract(html)
        .ok()
        .and_then(|r| r.content_html)
        .map(|h| read_fragment(&h))
        .filter(|c| !c.blocks.is_empty());
    let readability = dom_smoothie::Readability::new(html, None, None)
        .and_then(|mut r| r.parse())
        .ok()
        .map(|a| read_fragment(&a.content))
        .filter(|c| !c.blocks.is_empty());
    let (t, r) = match (traf, readability) {
        (Some(t), Some(r)) => (t, r),
        (t, r) => return t.or(r),
    };
    let (tw, rw) = (tokens_of(&t), tokens_of(&r));
    let traf_shorter = tw.len() <= rw.len();
    let (sw, lw) = if traf_shorter { (&tw, &rw) } else { (&rw, &tw) };
    let contained = shared_tokens(sw, lw) as f64 >= 0.9 * sw.len() as f64;
    if !contained {
        return Some(t);
    }
    let (short, long) = if traf_shorter { (t, r) } else { (r, t) };
    let fragment =
        sw.len() < 40 || sw.len() * 10 < lw.len() || prose_share(&short) * 2.0 < prose_share(&long);
    Some(if fragment || lost_opening(&short, &long) {
        long
    } else {
        short
    })
}

/// Least prose, in paragraphs and words, before the shorter body's first paragraph
/// that says the shorter one lost the article's opening.
const MIN_LOST_OPENING: (usize, usize) = (2, 60);

/// Whether the longer extraction opens with paragraphs of prose the shorter one
/// lacks, before the first one they share: a body printed in sibling containers
/// (one per ad slot) of which the shorter kept all but the first. Furniture that only
/// one extractor keeps sits around the article or after it, rarely as running prose
/// right above its first shared paragraph.
fn lost_opening(short: &Cleaned, long: &Cleaned) -> bool {
    let Some(first_shared) = short.blocks.iter().find(|b| b.kind == BlockKind::Paragraph) else {
        return false;
    };
    let Some(at) = long.blocks.iter().position(|b| b.text == first_shared.text) else {
        return false;
    };
    let (mut paragraphs, mut words) = (0, 0);
    for b in &long.blocks[..at] {
        let n = crate::clean::words::measure(&b.text).0;
        if b.kind == BlockKind::Paragraph && n >= 15 && crate::clean::lines::ends_sentence(&b.text)
        {
            paragraphs += 1;
            words += n;
        }
    }
    paragraphs >= MIN_LOST_OPENING.0 && words >= MIN_LOST_OPENING.1
}

fn read_fragment(html: &str) -> Cleaned {
    let mut c = Cleaned::default();
    blocks_of(Html::parse_fragment(html).root_element(), &mut c);
    c
}

/// The share of words in prose: blocks of a sentence or more (15 words) that end
/// sentences at least once every 80 words (a table or list flattened into one run of
/// text is long but ends no sentences).
fn prose_share(c: &Cleaned) -> f64 {
    let (mut total, mut prose) = (0, 0);
    for b in &c.blocks {
        let words = crate::clean::words::measure(&b.text).0;
        let ends = b
            .text
            .split_whitespace()
            .filter(|w| w.ends_with(['.', '!', '?', '。', '！', '？', '"', '”']))
            .count()
            + b.text.matches(['。', '！', '？']).count();
        total += words;
        if words >= 15 && ends * 80 >= words {
            prose += words;
        }
    }
    prose as f64 / total.max(1) as f64
}

/// Lower-cased word tokens of the blocks' text.
fn tokens_of(c: &Cleaned) -> Vec<String> {
    c.blocks
        .iter()
        .flat_map(|b| b.text.split(|ch: char| !ch.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How many of `short`'s tokens `long` also has (as a multiset).
fn shared_tokens(short: &[String], long: &[String]) -> usize {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for w in long {
        *counts.entry(w.as_str()).or_default() += 1;
    }
    short
        .iter()
        .filter(|w| match counts.get_mut(w.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_page_nested_past_the_limit_as_flat_text_with_a_warning() {
        let depth = 100_000;
        let page = format!(
            "<html><body>{}<p>Deep text survives.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert!(nesting_depth(&page) > MAX_DEPTH);
        let c = clean(&page);
        assert_eq!(c.blocks.len(), 1);
        assert_eq!(c.blocks[0].text, "Deep text survives.");
        assert!(c.notes[0].contains("nested"), "{:?}", c.notes);
    }

    #[test]
    fn reads_a_page_of_too_many_elements_as_flat_text_with_a_note() {
        let page = format!(
            "<html><body>{}</body></html>",
            "<p>a b</p>".repeat(MAX_ELEMENTS)
        );
        let c = clean(&page);
        assert_eq!(c.blocks.len(), MAX_ELEMENTS);
        assert!(c.notes[0].contains("elements (limit"), "{:?}", c.notes);
    }

    #[test]
    fn a_sentence_in_another_language_above_the_article_opens_the_body() {
        let page = |note: &str| {
            let prose = "<p>The two governments agreed on Tuesday to open a military hotline, \
                         officials in both capitals said, after a year of talks that had \
                         stalled twice over the wording and the cost.</p>";
            format!(
                "<html><body><header><h1>Seoul and Tokyo Agree on a Hotline</h1>\
                 <p class=\"byline\">By Jane Doe</p><h3>{note}</h3></header>\
                 <article>{}</article></body></html>",
                prose.repeat(5)
            )
        };
        let translated = clean(&page("Diesen Artikel gibt es auch auf Deutsch."));
        assert_eq!(
            translated.blocks.first().map(|b| b.text.as_str()),
            Some("Diesen Artikel gibt es auch auf Deutsch.")
        );
        // A standfirst in the article's language stays out of the body.
        let dek = "Ministers hail breakthrough after months of talks.";
        assert!(clean(&page(dek)).blocks.iter().all(|b| b.text != dek));
        // A note the extractors already kept (inside the article) is not added twice.
        let note = "Diesen Artikel gibt es auch auf Deutsch.";
        let inside = page("").replace("<article>", &format!("<article><p>{note}</p>"));
        let kept = clean(&inside);
        assert_eq!(kept.blocks.iter().filter(|b| b.text == note).count(), 1);
    }

    #[test]
    fn a_republication_note_under_the_last_paragraph_is_body_and_above_it_a_credit() {
        let prose = "<p>The committee met on Tuesday and agreed that the new rules would take \
                     effect next spring, after a long consultation with its members.</p>";
        let note = "<p>Originally published on East Asia Weekly.</p>";
        let closing = format!(
            "<html><body><article><h1>Rules agreed</h1>{}{note}</article></body></html>",
            prose.repeat(4)
        );
        let c = clean(&closing);
        assert_eq!(
            c.blocks.last().map(|b| b.text.as_str()),
            Some("Originally published on East Asia Weekly.")
        );
        let heading = format!(
            "<html><body><article><h1>Rules agreed</h1>{note}{}</article></body></html>",
            prose.repeat(4)
        );
        let c = clean(&heading);
        assert!(c.blocks.iter().all(|b| !b.text.contains("Originally")));
        assert_eq!(c.credits, ["Originally published on East Asia Weekly."]);
    }

    #[test]
    fn a_body_whose_opening_one_extractor_lost_is_read_whole() {
        let para = |i: usize| {
            format!(
                "<p>Paragraph {i} of the story: the committee met on Tuesday and agreed that \
                 the new rules would take effect next spring, after a consultation. Members \
                 who had opposed them said they would not appeal.</p>"
            )
        };
        let block = |r: std::ops::Range<usize>| r.map(para).collect::<String>();
        let short = read_fragment(&block(2..12));
        let long = read_fragment(&block(0..12));
        assert!(lost_opening(&short, &long));
        // One paragraph more above (a dek, a summary) is not a lost opening.
        let long = read_fragment(&block(1..12));
        assert!(!lost_opening(&short, &long));
        // Nor are lines of furniture above it.
        let menu = "<p>Home</p><p>Politics</p><p>Share on Facebook</p><p>Sign up now</p>";
        let long = read_fragment(&format!("{menu}{}", block(2..12)));
        assert!(!lost_opening(&short, &long));
    }

    #[test]
    fn sloppy_markup_is_not_deep() {
        // Unclosed paragraphs and list items, void elements, comments and scripts.
        let page = format!(
            "<div>{}<!-- <div><div> --><script>if (a<b) {{ '<div>' }}</script></div>",
            "<p>para<li>item<br><img src=x>".repeat(5_000)
        );
        assert_eq!(nesting_depth(&page), 2);
    }

    #[test]
    fn keeps_the_article_when_one_extractor_takes_only_a_list_both_kept() {
        // A body of prose with a long list of names inside it: an extractor that
        // keeps only the list is not agreeing on the article.
        let prose = "The committee met on Tuesday and agreed that the new rules would \
                     take effect next spring, after a long consultation with members. ";
        let names: String = (0..60)
            .map(|i| format!("<li>Member Number{i}</li>"))
            .collect();
        let page = format!(
            "<html><body><article><h1>Rules agreed</h1>{}<ul>{names}</ul>{}</article></body></html>",
            format!("<p>{prose}</p>").repeat(6),
            format!("<p>{prose}</p>").repeat(4),
        );
        let c = clean(&page);
        let paragraphs = c
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        assert!(paragraphs >= 10, "{:?}", c.blocks);
    }

    #[test]
    fn body_blocks_keep_their_kinds() {
        let page = "<html><head><title>T</title></head><body><article>\
            <p>First paragraph of a real article with enough words to count as prose here.</p>\
            <h2>A subheading</h2>\
            <p>Second paragraph, also long enough to be read as part of the article body.</p>\
            <blockquote>A quoted passage from someone important in the story.</blockquote>\
            <ul><li>One listed point</li><li>Another listed point</li></ul>\
            <p>Third paragraph closes the article with a final sentence of some length.</p>\
            </article></body></html>";
        let c = clean(page);
        let kinds: Vec<BlockKind> = c.blocks.iter().map(|b| b.kind).collect();
        assert!(kinds.contains(&BlockKind::Heading), "{:?}", c.blocks);
        assert!(kinds.contains(&BlockKind::List), "{:?}", c.blocks);
        assert!(c.blocks.iter().any(|b| b.text == "A subheading"));
    }
}
