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
    [
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
    .any(|p| starts_with_ignore_case(text, p))
        || ((text.contains('©')
            || contains_ignore_case(text, "getty images")
            || ends_with_ignore_case(text, "file photo"))
            && words_at_most(text, 14))
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
