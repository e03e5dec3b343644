//! Picture captions whose credit the dump ran on: "Rep. Omar speaks at the Capitol on
//! July 25, 2019.J. Scott Applewhite / AP file". The caption and credit are two
//! elements of one figure; innerText glues them, so the line reads as a long
//! sentence that would otherwise pass for a paragraph or a subheading.

/// Picture agencies and the words credits put after them.
const AGENCIES: &[&str] = &[
    "ap",
    "ap photo",
    "reuters",
    "afp",
    "afp via getty images",
    "getty images",
    "getty",
    "epa",
    "epa-efe",
    "bloomberg",
    "xinhua",
    "yonhap",
    "kyodo",
    "nurphoto",
    "sipa",
    "shutterstock",
    "alamy",
    "pool",
    "handout",
    "nbc news",
];

/// Longest credit after the last slash ("Getty Images file").
const MAX_CREDIT_CHARS: usize = 32;

/// The line ends in "Photographer / Agency" (optionally "file"): a caption and its credit.
pub(super) fn ends_with_agency_credit(text: &str) -> bool {
    let text = text.trim_end();
    // Every line is asked: look for the slash only where the credit can be.
    let (from, tail) = crate::clean::words::tail_bytes(text, MAX_CREDIT_CHARS + 3);
    if from == 0 {
        return false;
    }
    // (A byte search rules out most lines before a substring searcher is built.)
    if memchr::memchr(b'/', tail.as_bytes()).is_none() {
        return false;
    }
    let Some((_, agency)) = tail.rsplit_once(" / ") else {
        return false;
    };
    let agency = agency.to_lowercase();
    let agency = agency.strip_suffix(" file").unwrap_or(&agency);
    AGENCIES.contains(&agency)
}

/// What only a caption carries: a credit ("Credit: ESA", "(Photo: Reuters)", "… in an
/// hour.Photograph: Getty Images", "… / AP file") or "(pictured)".
pub(super) fn looks_like_caption(text: &str) -> bool {
    ends_with_agency_credit(text)
        || [
            "Credit:",
            "(pictured)",
            "Photo:",
            "Photograph:",
            "Image:",
            "Getty Images",
            "(Photo",
            "/ Reuters",
            "/ AP",
        ]
        .iter()
        .any(|mark| text.contains(mark))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_a_caption_by_its_agency_credit() {
        assert!(ends_with_agency_credit(
            "Rep. Omar speaks at the Capitol on July 25, 2019.J. Scott Applewhite / AP file"
        ));
        assert!(ends_with_agency_credit(
            "The house where he was born, in Braunau am Inn.Leonhard Foeger / Reuters file"
        ));
        assert!(ends_with_agency_credit(
            "Crowds in Seoul on Saturday.Jane Doe / Getty Images"
        ));
        assert!(!ends_with_agency_credit("Seoul / Tokyo"));
        assert!(looks_like_caption(
            "The lander will carry 100 tons to the moon, far more than needed. Credit: SpaceX"
        ));
        assert!(looks_like_caption(
            "Through films such as Alien (pictured), sleep may one day"
        ));
        assert!(!looks_like_caption(
            "Chelsea have this morning paid the fee to the league"
        ));
        assert!(!ends_with_agency_credit(
            "Prices rose 3 percent / year, the ministry said, faster than wages."
        ));
    }
}
