//! Metadata lines: author bios here; bylines and names ([`super::names`]), credit
//! lines and publication names ([`super::credits`]) and date lines
//! ([`super::dateline`]) are re-exported. Shared by the page-text and HTML cleaners.

use regex::Regex;
use std::sync::LazyLock;

pub use super::credits::{
    credit, credit_of_short_line, is_republication_note, masthead_name, publication_name,
    MAX_CREDIT_WORDS,
};
pub use super::dateline::{
    full_date, is_date_line, is_updated_line, issue_month, month_number, MAX_DATE_LINE_WORDS,
};
pub use super::names::*;

/// Role words that make "NAME is a ..." a contributor bio rather than a sentence of the story.
const BIO_ROLES: &[&str] = &[
    "professor",
    "fellow",
    "director",
    "researcher",
    "research",
    "analyst",
    "editor",
    "correspondent",
    "journalist",
    "reporter",
    "ambassador",
    "chair",
    "chairman",
    "chairwoman",
    "lecturer",
    "scholar",
    "writer",
    "columnist",
    "adviser",
    "advisor",
    "member",
    "former",
    "senior",
    "associate",
    "assistant",
    "visiting",
    "head",
    "founder",
    "president",
    "dean",
    "student",
    "candidate",
    "author",
    "contributor",
    "officer",
    "diplomat",
    "economist",
    "specialist",
    "expert",
    "manager",
    "partner",
    "vice",
    "chief",
    "bureau",
];

static NAME_IS_A: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"^(?P<name>(?:[\p{Lu}][\p{L}'’.-]*\s+){1,3}[\p{Lu}][\p{L}'’.-]*)\s*(?:\((?P<paren>[^)]*)\))?,?\s+(?P<verb>is|was|serves as|covers|writes about|writes on|reports on|teaches|leads|directs|heads)\s+(?:a|an|the)?\s*(?P<role>.*)$",
    )
});

/// "The author is ...", "The writer is ..." (the bio's own subject is the byline).
static THE_AUTHOR_IS: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(r"^(?i)the (author|writer|columnist|contributor)s? (is|are|was) ")
});

/// What a bio line says about its subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bio {
    /// "The author is ..." - the subject is the byline.
    Anonymous,
    /// "NAME (email) is a professor ..." - the subject is named.
    Named(String),
}

/// Recognise a contributor bio line.
/// Bytes of a line's opening that [`bio`] reads: a name, a verb and a role's eight words.
const BIO_HEAD_BYTES: usize = 240;

pub fn bio(line: &str) -> Option<Bio> {
    if super::lines::starts_with_ignore_case(line, "the ") && THE_AUTHOR_IS.is_match(line) {
        return Some(Bio::Anonymous);
    }
    // NAME_IS_A starts with two capitalised words: a cheap test that rules out most
    // lines of running text before the regex runs.
    let mut first_two = line.split_whitespace();
    let capitalised = |w: Option<&str>| {
        w.and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    if !(capitalised(first_two.next()) && capitalised(first_two.next())) {
        return None;
    }
    // The name and verb open the line and only the role's first words are read: the
    // regex (whose role runs to the end) is given the line's opening, not a paragraph.
    let head = crate::clean::words::head_bytes(line, BIO_HEAD_BYTES);
    // (Most such lines are no bio: a yes/no search costs far less than captures.)
    if !NAME_IS_A.is_match(head) {
        return None;
    }
    let caps = NAME_IS_A.captures(head)?;
    let role = caps.name("role")?.as_str().to_lowercase();
    let role_words: Vec<&str> = role.split(|c: char| !c.is_alphabetic()).take(8).collect();
    // "covers", "teaches"... describe a contributor by themselves; "is a" needs a job word.
    let descriptive_verb = !matches!(caps.name("verb").map(|v| v.as_str()), Some("is" | "was"));
    if !descriptive_verb && !role_words.iter().any(|w| BIO_ROLES.contains(w)) {
        return None;
    }
    let name = caps.name("name")?.as_str();
    if !is_person_name(name) {
        return None;
    }
    Some(Bio::Named(normalise_name(name)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    #[test]
    fn reads_named_and_anonymous_bios() {
        assert_eq!(
            bio("Kristi Govella (kristi.govella@nissan.ox.ac.uk) is an associate professor of Japanese politics."),
            Some(Bio::Named("Kristi Govella".into()))
        );
        assert_eq!(
            bio("KIMIYA Tadashi is a professor at the University of Tokyo."),
            Some(Bio::Named("Kimiya Tadashi".into()))
        );
        assert_eq!(
            bio("The author is a visiting professor at Keio University"),
            Some(Bio::Anonymous)
        );
        // A sentence of the story about a quoted person is not a bio.
        assert_eq!(
            bio("Victor Cha is keenly focused on trade imbalances."),
            None
        );
    }

    #[test]
    fn job_titles_need_a_job_noun() {
        assert!(is_role_line("Regional Correspondent"));
        assert!(is_role_line("Senior Fellow, Korea Program"));
        assert!(!is_role_line("The Taiwan Strait and regional stability"));
        assert!(!is_role_line("A chief concern for Seoul?"));
    }

    #[test]
    fn reads_bylines() {
        assert_eq!(
            byline_names("By Jane Doe and Min-ji Park"),
            Some(vec!["Jane Doe".to_string(), "Min-ji Park".to_string()])
        );
        assert_eq!(
            byline_names("By the way, this is a sentence that is not a byline at all."),
            None
        );
        // The names end where the element printed beside them begins.
        assert_eq!(
            byline_names("By Alejandro Villamor Last updated Nov 8, 2023 Share with new partner:"),
            Some(vec!["Alejandro Villamor".to_string()])
        );
        // Without "By", "X in Y" is a byline only when X is names and Y a place.
        assert_eq!(
            byline_names("Jane Doe in Seoul and Min-ji Park in Tokyo"),
            Some(vec!["Jane Doe".to_string(), "Min-ji Park".to_string()])
        );
        // A desk or an organisation credited instead of people, as written.
        assert_eq!(
            byline_names("By Wikimedia Foundation•15 January 2020"),
            Some(vec!["Wikimedia Foundation".to_string()])
        );
        assert_eq!(
            byline_names("By Staff and news service reports"),
            Some(vec!["Staff and news service reports".to_string()])
        );
        assert_eq!(
            byline_names("By Glen Owen And Brendan Carlin For The Mail On Sunday"),
            Some(vec!["Glen Owen".to_string(), "Brendan Carlin".to_string()])
        );
        assert_eq!(
            byline_names("Written by Ana Sandoiu on July 27, 2017"),
            Some(vec!["Ana Sandoiu".to_string()])
        );
        for headline in [
            "Scientists Confirm 2023 as Hottest Year Ever in the Making",
            "U.S. Attorneys Prosecute 110.5K Illegal Aliens in 2019, Highest Level in History",
        ] {
            assert_eq!(byline_names(headline), None, "{headline}");
        }
    }

    #[test]
    fn reads_names_beside_dates_and_jobs() {
        assert_eq!(
            name_before_date("Shana Nys DambrotNovember 6, 2023").map(|(n, d)| (n, d.to_string())),
            Some((
                "Shana Nys Dambrot".to_string(),
                "November 6, 2023".to_string()
            ))
        );
        assert_eq!(name_before_date("New York November 6, 2023"), None);
        assert_eq!(
            name_before_role("Richard Adams Education editor").as_deref(),
            Some("Richard Adams")
        );
        assert_eq!(
            name_before_role("Sarah Hinger, Staff Attorney, ACLU Racial Justice Program")
                .as_deref(),
            Some("Sarah Hinger")
        );
        assert_eq!(name_before_role("Donald Trump Names New Fed Chair"), None);
        assert_eq!(
            names_only("Ibtisam Mahdi, Ruwaida Kamal Amer"),
            Some(vec![
                "Ibtisam Mahdi".to_string(),
                "Ruwaida Kamal Amer".to_string()
            ])
        );
        assert_eq!(names_only("Seoul, Tokyo and the price of steel"), None);
    }

    #[test]
    fn reads_credit_publications() {
        assert_eq!(
            credit("This article, originally published by Pacific Forum, is republished with permission."),
            Some((Some("Pacific Forum".into()), true))
        );
        assert_eq!(
            credit("Translated using generative AI and edited by Korea JoongAng Daily staff."),
            Some((Some("Korea JoongAng Daily".into()), false))
        );
    }

    #[test]
    fn reads_dates_in_common_forms() {
        let d = PartialDate {
            year: 2025,
            month: 6,
            day: Some(12),
        };
        assert_eq!(full_date("Thursday, June 12, 2025"), Some(d));
        assert_eq!(full_date("Published: 2025-06-12 09:15"), Some(d));
        assert_eq!(full_date("12 June 2025"), Some(d));
        assert!(is_date_line("Thursday, June 12, 2025"));
        assert!(!is_date_line("On June 12, 2025, the two leaders met in Tokyo to discuss a wide range of regional issues."));
    }
}
