//! What the site-wide stages need from an article's body, worked out once per
//! seed while it is cleaned (in parallel, and cached with the article): word
//! count, lead, search summary and terms, near-duplicate signature, candidate
//! names, figure sentences. Index pages, feeds, search, related articles,
//! duplicates, people and digests then never re-read a body, which is what
//! keeps a rebuild after one new seed from touching the other 9,999.

use rustc_hash::FxHashMap;

use super::{duplicates, entities, figures};
use crate::model::{Article, BlockKind, Derived};

/// Key figures kept per article: as many as one topic digest shows.
pub const MAX_FIGURES: usize = 8;

/// Characters of the first block kept as a search result's summary.
pub const SEARCH_SUMMARY_CHARS: usize = 200;

/// Minutes to read the body: 230 words a minute (the usual adult speed for
/// non-fiction) and 500 characters a minute for Chinese and Japanese text (their
/// usual reading speed is 400-600), at least one.
fn reading_minutes(blocks: &[crate::model::Block]) -> usize {
    let (words, cjk) = blocks
        .iter()
        .map(|b| crate::clean::words::measure(&b.text))
        .fold((0, 0), |a, m| (a.0 + m.0, a.1 + m.1));
    let seconds = (words - cjk) * 60 / 230 + cjk * 60 / 500;
    seconds.div_ceil(60).max(1)
}

pub fn derive(article: &Article) -> Derived {
    let (mention_sentences, mentions) = entities::candidates(article);
    let (term_words, shingle_words) = tokenise(article);
    Derived {
        word_count: article
            .blocks
            .iter()
            .map(|b| crate::clean::words::measure(&b.text).0)
            .sum(),
        reading_minutes: reading_minutes(&article.blocks),
        lead: article
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Paragraph)
            .map(|b| b.text.clone())
            .unwrap_or_default(),
        search_summary: article
            .blocks
            .first()
            .map(|b| summary(&b.text, SEARCH_SUMMARY_CHARS))
            .unwrap_or_default(),
        minhash: duplicates::signature(&shingle_words).unwrap_or_default(),
        terms: Default::default(),
        term_words,
        mention_sentences,
        mentions,
        figures: figure_sentences(article),
    }
}

/// One pass over the words: the search terms of the title, body blocks and authors
/// with their occurrences, and the hashes of the body's terms of three or more
/// letters in order (the words near-duplicates are shingled from).
fn tokenise(article: &Article) -> (Vec<(String, u32)>, Vec<u64>) {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let mut shingle_words: Vec<u64> = Vec::new();
    // One buffer for every word: a string is allocated only for a term seen first.
    let mut buf = String::new();
    let mut count = |text: &str, shingles: Option<&mut Vec<u64>>| {
        let mut shingles = shingles;
        for w in text.split(|c: char| !c.is_alphanumeric()) {
            if !search_term(w, &mut buf) {
                continue;
            }
            match counts.get_mut(buf.as_str()) {
                Some(c) => *c += 1,
                None => {
                    counts.insert(buf.clone(), 1);
                }
            }
            if let Some(s) = shingles.as_deref_mut() {
                if buf.len() >= 3 {
                    s.push(duplicates::word_hash(&buf));
                }
            }
        }
    };
    count(&article.title, None);
    for b in &article.blocks {
        count(&b.text, Some(&mut shingle_words));
    }
    for a in &article.authors {
        count(a, None);
    }
    (counts.into_iter().collect(), shingle_words)
}

fn figure_sentences(article: &Article) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for b in article
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
    {
        for f in figures::figure_sentences(&b.text) {
            if out.len() == MAX_FIGURES {
                return out;
            }
            out.push(f);
        }
    }
    out
}

/// Lowercase ASCII-folded words of 2+ characters, as the search client tokenises queries.
pub fn search_terms(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut buf = String::new();
    text.split(|c: char| !c.is_alphanumeric())
        .filter_map(move |w| {
            if search_term(w, &mut buf) {
                Some(buf.clone())
            } else {
                None
            }
        })
}

/// Put `word` (a run of alphanumerics) folded into `buf`; false when it is no
/// search term (under two characters, a stop word, or not ASCII once folded).
fn search_term(word: &str, buf: &mut String) -> bool {
    buf.clear();
    if word.is_ascii() {
        if word.len() < 2 {
            return false;
        }
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        if word.chars().count() < 2 {
            return false;
        }
        // ASCII words, the vast majority, skip deunicode.
        buf.push_str(&deunicode::deunicode(word).to_lowercase());
    }
    !crate::clean::lines::is_stop_word(buf) && buf.bytes().all(|c| c.is_ascii_alphanumeric())
}

/// The first `max` characters of `text`, cut at a word boundary with "…" when shortened.
pub fn summary(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    // One character more than kept: if it is a space, the last word is whole.
    let cut: String = text.chars().take(max + 1).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(i) if i > 0 => &cut[..i],
        _ => {
            let end = cut.char_indices().nth(max).map_or(cut.len(), |(i, _)| i);
            &cut[..end]
        }
    };
    format!(
        "{}…",
        kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_end_at_a_word_with_an_ellipsis() {
        assert_eq!(summary("Short text.", 200), "Short text.");
        let long = "These aren’t distant threats; they’re the immediate pressures";
        assert_eq!(summary(long, 36), "These aren’t distant threats…");
        assert_eq!(summary(long, 37), "These aren’t distant threats; they’re…");
        assert_eq!(summary("abcdefghij", 4), "abcd…");
    }

    #[test]
    fn query_terms_are_folded_like_the_client_folds_them() {
        let t: Vec<String> = search_terms("The Café in Gangnam-gu, 2025: Taiwan’s").collect();
        assert_eq!(t, ["cafe", "gangnam", "gu", "2025", "taiwan"]);
    }

    #[test]
    fn derives_counts_lead_terms_and_figures_from_the_body() {
        let mut a = crate::enrich::test_article(&[
            "Tariffs rose 25% on steel, and tariffs on cars followed.",
            "Seoul answered.",
        ]);
        a.title = "Tariff talk".into();
        let d = derive(&a);
        assert_eq!(d.word_count, 12);
        let (_, shingled) = tokenise(&a);
        // "Tariffs rose steel tariffs cars followed Seoul answered": 3+ letters, no stop words.
        assert_eq!(shingled.len(), 8);
        assert_eq!(
            d.lead,
            "Tariffs rose 25% on steel, and tariffs on cars followed."
        );
        let tariffs = d.term_words.iter().find(|(w, _)| w == "tariffs");
        assert_eq!(tariffs.map(|t| t.1), Some(2));
        assert!(d.term_words.iter().any(|(w, c)| w == "tariff" && *c == 1));
        assert_eq!(d.figures.len(), 1);
        assert!(
            d.minhash.is_empty(),
            "two sentences are too short to compare"
        );
    }
}
