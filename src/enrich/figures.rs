//! Key figures: sentences that cite numbers an analyst quotes ("$350 billion",
//! "42.7 percent", "24% and 25%", "28,500 troops").

use regex::Regex;
use std::sync::LazyLock;

use super::sentences;

static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)(?:[$€£¥₩]\s?\d[\d,.]*(?:\s?(?:billion|million|trillion|bn|m))?|(?-u:\b)\d[\d,.]*\s?(?:%|percent|per cent)|(?-u:\b)\d{1,3}(?:,\d{3})+(?:\s+(?:\p{L}\.){2,})?(?:\s+\p{L}+)?|(?-u:\b)\d[\d,.]*\s(?:billion|million|trillion)(?-u:\b))",
    )
});

/// The figures a sentence cites, as written.
pub fn figures_in(sentence: &str) -> Vec<String> {
    FIGURE
        .find_iter(sentence)
        .map(|m| m.as_str().trim().to_string())
        .collect()
}

/// Sentences of `text` that cite at least one figure.
pub fn figure_sentences(text: &str) -> Vec<(String, Vec<String>)> {
    sentences::split(text)
        .into_iter()
        .filter_map(|s| {
            let f = figures_in(s);
            (!f.is_empty()).then(|| (s.to_string(), f))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_money_percentages_and_counts() {
        assert_eq!(
            figures_in("Over $350 billion in pledged investments."),
            ["$350 billion"]
        );
        assert_eq!(
            figures_in("Approximately 42.7 percent of trade passes the strait."),
            ["42.7 percent"]
        );
        assert_eq!(
            figures_in("Reciprocal tariffs of 24% and 25% respectively."),
            ["24%", "25%"]
        );
        assert_eq!(figures_in("The 28,500 troops stay."), ["28,500 troops"]);
        // An abbreviation is part of the noun phrase, not its end.
        assert_eq!(
            figures_in("The 30,000 U.S. troops stationed there."),
            ["30,000 U.S. troops"]
        );
        assert!(figures_in("In 2025 the two met twice.").is_empty());
    }
}
