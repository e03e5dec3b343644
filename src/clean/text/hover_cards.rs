//! Name cards that news sites print inside a paragraph: hovering over a politician's
//! name opens a box with the full name and their latest headlines, closed by "MORE".
//! innerText prints the box in the middle of the sentence, glued to the name:
//! "Rep. Alexandria Ocasio-CortezAlexandria Ocasio-CortezSanders doubles down on …
//! MORE (D-N.Y.) said". The box starts where the name is printed again glued to
//! itself, and ends at "MORE".

use std::borrow::Cow;

/// Longest card (bytes) between the name and "MORE": a full name and a few headlines.
const MAX_CARD_BYTES: usize = 1200;

/// The line without the name cards printed inside it.
pub(super) fn strip(line: Cow<'_, str>) -> Cow<'_, str> {
    // Every line of a dump is asked: a searcher built once, not one per line.
    static MORE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(" MORE"));
    if MORE.find(line.as_bytes()).is_none() {
        return line;
    }
    let mut text = line.into_owned();
    while let Some((from, to)) = card(&text) {
        text.replace_range(from..to, "");
    }
    Cow::Owned(text)
}

/// Byte range of the first card: from the glue point to the end of "MORE".
fn card(text: &str) -> Option<(usize, usize)> {
    let mut search = 0;
    while let Some(at) = text[search..].find(" MORE").map(|i| i + search) {
        let end = at + " MORE".len();
        search = end;
        // "MORE" as a word of its own.
        if text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let window_start = floor_char_boundary(text, at.saturating_sub(MAX_CARD_BYTES));
        if let Some(glue) = glued_repeat(&text[window_start..at]) {
            return Some((window_start + glue, end));
        }
    }
    None
}

/// Where a name is printed again glued to itself ("…Ocasio-CortezAlexandria…",
/// "…Kristi NoemKristi Lynn Noem…"): the offset of the repeat.
fn glued_repeat(text: &str) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c.is_uppercase() && prev.is_some_and(char::is_lowercase) {
            let repeat = &text[i..];
            let first = repeat.split([' ', '-']).next().unwrap_or("");
            // The name before the glue point starts with the same first name.
            let before = &text[..i];
            if first.chars().count() >= 2
                && before
                    .rsplit(' ')
                    .take(4)
                    .any(|w| w == first && w.chars().next().is_some_and(char::is_uppercase))
            {
                return Some(i);
            }
        }
        prev = Some(c);
    }
    None
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn takes_the_card_out_of_the_sentence() {
        let line = "Rep. Alexandria Ocasio-CortezAlexandria Ocasio-CortezSanders doubles down on \
                    Bolivia 'coup' Hillicon Valley: Senators call for a coordinator MORE (D-N.Y.) \
                    linked the incident to a host's comments.";
        assert_eq!(
            strip(Cow::Borrowed(line)),
            "Rep. Alexandria Ocasio-Cortez (D-N.Y.) linked the incident to a host's comments."
        );
        let line = "South Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota drops pipeline \
                    bill MORE (R) doubled down on Monday.";
        assert_eq!(
            strip(Cow::Borrowed(line)),
            "South Dakota Gov. Kristi Noem (R) doubled down on Monday."
        );
    }

    #[test]
    fn leaves_other_lines_alone() {
        for line in [
            "READ MORE about the talks in Seoul.",
            "The minister said MORE than once that the talks would go on.",
            "McDonald said the ONE MORE round was planned.",
        ] {
            assert_eq!(strip(Cow::Borrowed(line)), line);
        }
    }
}
