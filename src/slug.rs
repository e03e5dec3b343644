//! Slugs: ASCII-safe, lowercase, hyphenated, never empty, never a path.

/// "Japan–South Korea: Relations!" -> "japan-south-korea-relations".
///
/// Non-ASCII text is transliterated (deunicode), so "이재명" and "石破茂" still give
/// readable, safe slugs. Long titles are cut at a word boundary near 80 characters.
pub fn slugify(text: &str) -> String {
    let mut slug = hyphenate(text);
    if slug.len() > 80 {
        let cut = slug[..80].rfind('-').unwrap_or(80);
        slug.truncate(cut);
    }
    or_untitled(slug)
}

/// A slug that came out empty (a title of punctuation) as "untitled".
fn or_untitled(slug: String) -> String {
    if slug.is_empty() {
        "untitled".to_string()
    } else {
        slug
    }
}

/// Text as a slug's characters (transliterated, lowercase, hyphens between words),
/// at any length.
fn hyphenate(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// A slug written by hand (`slug =`, `aliases = [...]`): a bare slug, or an article's
/// URL as the site showed it ("articles/old-title/", "/brief/articles/old-title/"),
/// whose last segment is the slug. Slugified, so it is always one safe path segment.
pub fn slug_of_path(written: &str) -> String {
    let last = written
        .trim()
        .trim_end_matches("index.html")
        .split('/')
        .rfind(|s| !s.is_empty())
        .unwrap_or("");
    // Not cut to a title's length: a slug the site used (a long title's slug with "-2"
    // added, as the history records it) must read back as itself, or it becomes a
    // new old slug and a redirect page on the next build.
    or_untitled(hyphenate(last))
}

/// Give each wanted slug a unique form, in input order: "a", "a-2", "a-3".
pub fn uniquify(wanted: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    wanted
        .iter()
        .map(|w| {
            let mut candidate = w.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{w}-{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_safe() {
        assert_eq!(
            slugify("South Korea’s next gov't must cooperate with Japan"),
            "south-korea-s-next-gov-t-must-cooperate-with-japan"
        );
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("이재명"), "ijaemyeong");
        assert_eq!(slugify("!!!"), "untitled");
        assert!(slugify(&"word ".repeat(100)).len() <= 80);
    }

    #[test]
    fn a_written_slug_may_be_a_url_and_stays_one_segment() {
        assert_eq!(slug_of_path("old-title"), "old-title");
        assert_eq!(slug_of_path("/brief/articles/Old-Title/"), "old-title");
        assert_eq!(slug_of_path("articles/old-title/index.html"), "old-title");
        assert_eq!(slug_of_path("../.."), "untitled");
    }

    #[test]
    fn a_long_numbered_slug_reads_back_as_itself() {
        let title =
            "Pyongyang's missiles and trust between the two capitals beyond the next election";
        let slug = slugify(title);
        assert!(slug.len() <= 80, "{slug}");
        let numbered = format!("{slug}-2");
        assert!(numbered.len() > 80);
        assert_eq!(slug_of_path(&numbered), numbered);
        assert_eq!(slug_of_path(&format!("articles/{numbered}/")), numbered);
    }

    #[test]
    fn duplicate_slugs_get_numbered() {
        let w = vec!["a".to_string(), "a".to_string(), "a-2".to_string()];
        assert_eq!(uniquify(&w), ["a", "a-2", "a-2-2"]);
    }
}
