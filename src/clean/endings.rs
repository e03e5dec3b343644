//! How articles end: end marks ("■", "###", "—30—", "(END)") and the newsletter pitch
//! some publishers print as a last paragraph. Shared by every input's cleaner.

use crate::clean::words;

const END_MARKS: &[&str] = &[
    "■", "□", "❖", "◆", "◼", "∎", "###", "# # #", "-30-", "—30—", "–30–", "(END)", "[END]", "END",
    "(end)", "- END -",
];
/// Glyphs that end an article when glued to its last sentence.
const GLUED_MARKS: &[char] = &['■', '□', '❖', '◆', '◼', '∎'];

/// A block that is only an end mark (spaces and emphasis markers aside).
pub fn is_end_mark(src: &str) -> bool {
    // The longest mark with emphasis and spaces around it is under 24 bytes; most
    // lines asked are paragraphs.
    if src.len() > 24 {
        return false;
    }
    let t: String = src
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '\\'))
        .collect();
    let squeezed: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let tight: String = t.split_whitespace().collect();
    END_MARKS.contains(&squeezed.as_str()) || END_MARKS.contains(&tight.as_str())
}

/// `text` without an end mark glued to its end ("...that book. ■", "...said. (END)").
pub fn without_glued_mark(text: &str) -> Option<&str> {
    cut_glued_mark(text).filter(|rest| !rest.is_empty())
}

/// `text` without the end mark at its end, which may leave nothing (a mark set
/// apart from the sentence by emphasis: `*...book.* ■`).
pub fn cut_glued_mark(text: &str) -> Option<&str> {
    let t = text.trim_end();
    Some(
        t.strip_suffix(GLUED_MARKS)
            .or_else(|| t.strip_suffix("(END)"))?
            .trim_end(),
    )
}

/// Most words of a newsletter pitch: a sentence or two selling the newsletter.
const MAX_PITCH_WORDS: usize = 80;

/// A closing paragraph that sells a newsletter or asks the reader to sign up
/// ("Stay on top of ... with our daily newsletter", "Subscribe to our newsletter ...",
/// "Sign up to ... in your inbox"): it names a newsletter or a sign-up, and speaks to
/// the reader (an imperative opening, or "our"/"your"/"you").
pub fn is_newsletter_pitch(text: &str) -> bool {
    if !words::words_at_most(text, MAX_PITCH_WORDS) {
        return false;
    }
    let about = ["newsletter", "sign up", "sign-up", "subscribe", "inbox"]
        .iter()
        .any(|w| words::contains_ignore_case(text, w));
    if !about {
        return false;
    }
    let opening = [
        "stay on top",
        "stay informed",
        "stay up to date",
        "sign up",
        "subscribe",
        "get ",
        "want ",
        "don't miss",
        "don’t miss",
        "never miss",
        "join ",
        "for more",
        "enjoyed",
        "like this",
        "to receive",
        "keep up",
    ]
    .iter()
    .any(|w| words::starts_with_ignore_case(text.trim_start(), w));
    let to_reader = [" our ", " your ", " you "]
        .iter()
        .any(|w| words::contains_ignore_case(&format!(" {text} "), w));
    opening || to_reader
}

/// Most paragraphs of a company's self-description closing a press release.
const MAX_BOILERPLATE_PARAGRAPHS: usize = 3;

/// Where a press release's company boilerplate starts among its closing paragraphs,
/// when it is printed without an "About Acme" heading: two or more last paragraphs
/// that open with the same company name, the first saying what it is ("Acme is a
/// global provider of …", then "Acme is headquartered in …").
pub fn company_boilerplate_start(paragraphs: &[&str]) -> Option<usize> {
    let n = paragraphs.len();
    let last = *paragraphs.last()?;
    let subject = subject_of(last)?;
    let from = (n.saturating_sub(MAX_BOILERPLATE_PARAGRAPHS)..n).find(|&i| {
        paragraphs[i..]
            .iter()
            .all(|p| subject_of(p) == Some(subject))
    })?;
    let defines = ["is a ", "is an ", "is the ", "is one of "]
        .iter()
        .any(|v| {
            paragraphs[from][subject.len()..]
                .trim_start()
                .starts_with(v)
        });
    (n - from >= 2 && defines).then_some(from)
}

/// The subject a paragraph opens with: one to three capitalised words before "is",
/// "has", "was" or "’s"/"'s" ("Ascom", "Acme Health Systems").
fn subject_of(paragraph: &str) -> Option<&str> {
    let mut end = 0;
    for (count, word) in paragraph.split(' ').enumerate() {
        let bare = word.trim_end_matches("’s").trim_end_matches("'s");
        if count > 0 && matches!(word, "is" | "has" | "was" | "employs" | "offers") {
            return Some(paragraph[..end].trim_end());
        }
        if count >= 3 || !bare.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        end += word.len() + 1;
        if bare.len() != word.len() {
            return Some(&paragraph[..end - 1 - (word.len() - bare.len())]);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_press_release_company_boilerplate() {
        let release = [
            "Acme and Globex announce a partnership in Europe, the companies said on Monday.",
            "The partnership covers intensive care units in twelve countries.",
            "Acme is a global provider of healthcare software. Its vision is to close gaps.",
            "Acme is headquartered in Baar, Switzerland, and employs 1,300 people.",
        ];
        assert_eq!(company_boilerplate_start(&release), Some(2));
        // One paragraph about the company, or paragraphs that say other things, stay.
        assert_eq!(company_boilerplate_start(&release[..3]), None);
        let story = [
            "The talks went on all night.",
            "Seoul is a city of ten million people and has a new mayor.",
            "Tokyo is the capital of Japan.",
        ];
        assert_eq!(company_boilerplate_start(&story), None);
    }

    #[test]
    fn end_marks_alone_and_glued() {
        for m in ["■", "###", "# # #", "—30—", "- 30 -", "(END)", "**END**"] {
            assert!(is_end_mark(m), "{m}");
        }
        assert!(!is_end_mark("The end of an era"));
        assert_eq!(
            without_glued_mark("That was the book. ■"),
            Some("That was the book.")
        );
        assert_eq!(without_glued_mark("Seoul said. (END)"), Some("Seoul said."));
        assert_eq!(without_glued_mark("■"), None);
        assert_eq!(without_glued_mark("No mark here."), None);
    }

    #[test]
    fn newsletter_pitches_are_told_from_prose_about_newsletters() {
        assert!(is_newsletter_pitch("Stay on top of American politics with The US in Brief, our daily newsletter with fast analysis of the most important political news."));
        assert!(is_newsletter_pitch(
            "Subscribe to our newsletter for the week's best reads."
        ));
        assert!(is_newsletter_pitch(
            "Sign up to get the morning briefing in your inbox."
        ));
        assert!(!is_newsletter_pitch("The ministry said subscribers to the state newsletter fell by a third in 2025, a decline officials blamed on the war."));
    }
}
