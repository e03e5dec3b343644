//! Arbitrary text through the Markdown front-matter split and the Markdown cleaner.

#![no_main]

use dossier::clean::markdown::{clean, split_front_matter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok((_fm, body)) = split_front_matter(text) {
        // The body is always the tail of the input, never a copy or a rewrite.
        assert!(text.ends_with(body), "body is not a suffix of the input");
    }
    let cleaned = clean(text);
    if let Some(html) = &cleaned.body_html {
        assert!(!html.to_ascii_lowercase().contains("<script"), "{html}");
    }
});
