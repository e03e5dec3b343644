//! Built-in regular expressions and CSS selectors. They are constants of the
//! program, never built from user input, so failing to compile one is a bug in
//! dossier caught by the first test that touches it; this is the one place that
//! says so.

use regex::Regex;

/// Compile a built-in regular expression.
pub fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?} is invalid: {e}"))
}

/// Parse a built-in CSS selector.
pub fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css)
        .unwrap_or_else(|e| panic!("built-in selector {css:?} is invalid: {e}"))
}
