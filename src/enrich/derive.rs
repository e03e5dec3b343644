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

/// Minutes to read a body of `words` words, `cjk` of them Han or kana characters: 230
/// words a minute (the usual adult speed for non-fiction) and 500 characters a minute
/// for Chinese and Japanese text (their usual reading speed is 400-600), at least one.
fn reading_minutes(words: usize, cjk: usize) -> usize {
    let seconds = (words - cjk) * 60 / 230 + cjk * 60 / 500;
    seconds.div_ceil(60).max(1)
}

pub fn derive(article: &Article) -> Derived {
    let (mention_sentences, mentions) = entities::candidates(article);
    let (term_words, shingle_words) = tokenise(article);
    let (words, cjk) = article
        .blocks
        .iter()
        .map(|b| crate::clean::words::measure(&b.text))
        .fold((0, 0), |a, m| (a.0 + m.0, a.1 + m.1));
    Derived {
        word_count: words,
        reading_minutes: reading_minutes(words, cjk),
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
            if !w.is_ascii() && w.chars().any(is_cjk) {
                cjk_terms(w, &mut buf, &mut |t| bump(&mut counts, t));
                // Shingles keep the word's folded spelling, as before CJK text was
                // indexed by grams, so near-duplicates are found as they were.
                if let Some(s) = shingles.as_deref_mut() {
                    if search_term(w, &mut buf) && buf.len() >= 3 {
                        s.push(duplicates::word_hash(&buf));
                    }
                }
                continue;
            }
            if !search_term(w, &mut buf) {
                continue;
            }
            bump(&mut counts, &buf);
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
    // What the article page shows around the body is searchable too: the dek, the
    // byline and the author's bio, the publication.
    for extra in [&article.dek, &article.author_bio, &article.publication]
        .into_iter()
        .flatten()
    {
        count(extra, None);
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

fn bump(counts: &mut FxHashMap<String, u32>, term: &str) {
    match counts.get_mut(term) {
        Some(c) => *c += 1,
        None => {
            counts.insert(term.to_string(), 1);
        }
    }
}

/// Korean, Japanese and Chinese letters (Hangul syllables, kana, Han ideographs,
/// half-width katakana). Chinese and Japanese put no spaces between words and
/// Korean glues particles to them, so their text is indexed as overlapping
/// two-character grams ([`cjk_terms`]); `static/search.js` cuts queries alike.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{ff66}'..='\u{ff9f}')
}

/// The terms of a word holding CJK letters: each run of them gives its
/// overlapping two-letter grams ("관세를" -> "관세", "세를"; a lone letter is a
/// term of its own), each run of other letters its folded word.
fn cjk_terms(word: &str, buf: &mut String, f: &mut dyn FnMut(&str)) {
    let chars: Vec<char> = word.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let cjk = is_cjk(chars[i]);
        let end = chars[i..]
            .iter()
            .position(|&c| is_cjk(c) != cjk)
            .map_or(chars.len(), |n| i + n);
        let run = &chars[i..end];
        if !cjk {
            let w: String = run.iter().collect();
            if search_term(&w, buf) {
                f(buf);
            }
        } else if run.len() == 1 {
            f(&run[0].to_string());
        } else {
            for pair in run.windows(2) {
                f(&pair.iter().collect::<String>());
            }
        }
        i = end;
    }
}

/// The search terms of `text` in order, as the search client cuts queries:
/// lowercase ASCII-folded words of 2+ characters without stop words, and the
/// two-letter grams of Korean, Japanese and Chinese text.
pub fn search_terms(text: &str) -> impl Iterator<Item = String> + '_ {
    let mut buf = String::new();
    text.split(|c: char| !c.is_alphanumeric())
        .flat_map(move |w| {
            let mut out = Vec::new();
            if !w.is_ascii() && w.chars().any(is_cjk) {
                cjk_terms(w, &mut buf, &mut |t| out.push(t.to_string()));
            } else if search_term(w, &mut buf) {
                out.push(buf.clone());
            }
            out
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
    fn cjk_text_is_cut_into_overlapping_two_letter_grams() {
        let t: Vec<String> = search_terms("관세를 인상 関税を USFK의 日").collect();
        assert_eq!(
            t,
            ["관세", "세를", "인상", "関税", "税を", "usfk", "의", "日"]
        );
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
