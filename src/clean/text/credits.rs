//! Photo credits ("Photo: Reuters", "(Image credit: NASA)"): told apart and claimed
//! here, where the body, the header and the headline pick all read them. (Moved out
//! of body.rs and header.rs, which needed each other's halves; unchanged.)

use super::Line;
use crate::clean::lines::*;
use crate::clean::Cleaned;

/// "Credit: ...", "Photo: ...", "Image: ... / Getty Images", and the same in
/// brackets: "(Image credit: NASA)", "(Photo: Reuters)".
pub(super) fn is_photo_credit(text: &str) -> bool {
    let text = text.strip_prefix('(').unwrap_or(text);
    // The labels start with "c", "p" or "i": most lines are told apart by a byte.
    let labelled = text
        .bytes()
        .next()
        .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'c' | b'p' | b'i'))
        && [
            "credit:",
            "photo:",
            "photograph:",
            "image:",
            "illustration:",
            "photo by",
            "photo credit",
            "photos:",
            "image credit",
        ]
        .iter()
        .any(|p| starts_with_ignore_case(text, p));
    labelled
        || ((has_copyright_or_getty(text) || ends_with_ignore_case(text, "file photo"))
            && words_at_most(text, 14))
}

/// Whether the text has a "©" or "Getty Images" (ASCII case ignored): one pass over
/// the bytes that can start either (every line of a page is asked).
fn has_copyright_or_getty(text: &str) -> bool {
    let b = text.as_bytes();
    // "©" is C2 A9 in UTF-8; C2 always leads a character.
    // (Where a "g" is followed by an "e": "g" alone is every few dozen bytes.)
    crate::clean::simd::any_pair_position_of(b, &[0xC2, b'g', b'G'], &[0xA9, b'e', b'E'], |i| {
        match b[i] {
            0xC2 => b.get(i + 1) == Some(&0xA9),
            _ => b
                .get(i..i + 12)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"getty images")),
        }
    })
}

/// A photo credit under a caption is a credit; standing alone (after alt text) it is the caption.
pub(super) fn photo_credit(lines: &[Line], i: usize, out: &mut Cleaned) {
    let text = lines[i].text.to_string();
    let after_caption = i > 0 && out.captions.last().is_some_and(|c| c == lines[i - 1].text);
    if after_caption {
        out.credits.push(text);
    } else {
        out.captions.push(text);
    }
}
