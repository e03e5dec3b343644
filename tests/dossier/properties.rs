//! Property tests (proptest): slugs, URL resolution and HTML escaping hold their
//! promises for arbitrary input, not just the examples in the unit tests.

use dossier::check::resolve;
use dossier::render::{escape_html, unescape_html};
use dossier::slug::{slugify, uniquify};
use proptest::prelude::*;

/// Titles: arbitrary Unicode, plus the characters that make slugs and paths go wrong.
fn title() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 ./\\\\:!?'’–-]{0,200}",
        "(\\.\\.|/|\\\\|-| |[a-z]{1,12}|이재명|石破茂){0,40}",
    ]
}

/// Site paths and hrefs built from the segments that matter ("..", ".", "", files, folders).
fn path_like() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "(\\.\\.|\\.|[a-z]{1,6}|index\\.html|x\\.css|/|#[a-z]{0,4}|\\?q=1){0,12}",
        prop::collection::vec("(\\.\\.|\\.|[a-z]{1,6}|a\\.html|)", 0..8).prop_map(|s| s.join("/")),
    ]
}

/// Text with every kind of Unicode whitespace between words, for the byte-level word counter.
fn spaced_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "([a-zé’]{0,6}|이재명|[ \t\n\r\u{0b}\u{0c}\u{85}\u{a0}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff}]){0,40}",
    ]
}

proptest! {
    #[test]
    fn word_count_agrees_with_split_whitespace(t in spaced_text()) {
        prop_assert_eq!(dossier::clean::lines::word_count(&t), t.split_whitespace().count());
    }

    #[test]
    fn contains_ignore_case_agrees_with_lowercasing(t in spaced_text(), needle in "[a-z ]{0,4}") {
        prop_assert_eq!(
            dossier::clean::lines::contains_ignore_case(&t, &needle),
            t.to_ascii_lowercase().contains(&needle)
        );
    }

    #[test]
    fn space_normal_means_nothing_to_normalise(t in spaced_text()) {
        let normalised = t.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assert_eq!(dossier::clean::lines::is_space_normal(&t), t == normalised);
    }

    #[test]
    fn slugify_gives_a_safe_nonempty_ascii_slug(t in title()) {
        let s = slugify(&t);
        prop_assert!(!s.is_empty());
        prop_assert!(s.len() <= 80, "{} chars: {s}", s.len());
        prop_assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{s}");
        prop_assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"), "{s}");
        prop_assert!(!s.contains("..") && !s.contains('/') && !s.contains('\\'), "{s}");
    }

    #[test]
    fn uniquify_gives_distinct_slugs_stable_for_an_input_order(
        titles in prop::collection::vec(prop_oneof!["[ab]{1,2}(-[23])?", title()], 0..30)
    ) {
        let wanted: Vec<String> = titles.iter().map(|t| slugify(t)).collect();
        let got = uniquify(&wanted);
        prop_assert_eq!(got.len(), wanted.len());
        let distinct: std::collections::HashSet<&String> = got.iter().collect();
        prop_assert_eq!(distinct.len(), got.len(), "{:?} -> {:?}", wanted, got);
        for (w, g) in wanted.iter().zip(&got) {
            prop_assert!(g.starts_with(w.as_str()), "{w} -> {g}");
        }
        prop_assert_eq!(uniquify(&wanted), got.clone());
        // Adding seeds at the end never renames the earlier ones.
        let mut more = wanted.clone();
        more.extend(wanted.iter().cloned());
        prop_assert_eq!(&uniquify(&more)[..got.len()], &got[..]);
    }

    #[test]
    fn resolve_stays_inside_the_site(from in path_like(), href in path_like()) {
        if let Some((target, _anchor)) = resolve(&from, &href) {
            prop_assert!(!target.starts_with('/'), "{from} + {href} -> {target}");
            prop_assert!(!target.split('/').any(|s| s == ".."), "{from} + {href} -> {target}");
            prop_assert!(!target.contains("//"), "{from} + {href} -> {target}");
        }
    }

    #[test]
    fn escape_html_leaves_no_markup_and_unescapes_back(s in prop_oneof![
        any::<String>(),
        "([<>\"'&;#a-z0-9]|&amp;|&lt;|&gt;|&quot;|&#39;|&#x27;){0,40}",
    ]) {
        let e = escape_html(&s);
        prop_assert!(!e.contains(['<', '>', '"', '\'']), "{e}");
        prop_assert_eq!(unescape_html(&e), s);
    }
}

#[test]
fn resolve_normalises_odd_page_paths() {
    assert_eq!(
        resolve("/articles/x/index.html", "../y/"),
        Some(("articles/y/index.html".into(), None))
    );
    assert_eq!(
        resolve("../../a.html", "b.css"),
        Some(("b.css".into(), None))
    );
    assert_eq!(
        resolve("a//b.html", "#top"),
        Some(("a/b.html".into(), Some("top".into())))
    );
    assert_eq!(
        resolve("articles/x/index.html", "../../style.css"),
        Some(("style.css".into(), None))
    );
}
