//! Client-side full-text search over a chunked index (no monolithic file, no server).
//!
//! Layout under `search/`:
//! - `meta.json`: document count, chunk size, the filter values (topics with
//!   their palette slot, authors, publications, years), the term shards that
//!   exist (so a query never asks for a missing file) and the stop words the
//!   index leaves out (so a query ignores them instead of matching nothing).
//! - `docs/<n>.json`: document records in chunks of [`DOC_CHUNK`] (title, URL,
//!   authors, publication, year, topics, summary).
//! - `terms/<prefix>.json`: for every term whose first two characters are
//!   `<prefix>`, the ids of the documents containing it, most occurrences first.
//!
//! A query fetches one small term file per word and only the doc chunks its
//! top results live in, so the bytes a search moves stay flat as the corpus
//! grows to 100,000 articles. `static/search.js` is the client.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::views::{article_url, topic_hue};
use super::OutputFile;
use crate::clean::lines::{is_stop_word, STOP_WORDS};
use crate::config::Config;
use crate::model::DateBasis;
use crate::site::Site;

/// Documents per chunk file: 500 records is about 150 KB, one request.
pub const DOC_CHUNK: usize = 500;
/// Postings kept per term: more than anyone pages through, and bounds shard size.
const MAX_POSTINGS: usize = 2000;

#[derive(Serialize)]
struct DocRecord {
    id: usize,
    title: String,
    url: String,
    authors: Vec<String>,
    publication: Option<String>,
    year: Option<i32>,
    topics: Vec<String>,
    summary: String,
}

#[derive(Serialize)]
struct Meta {
    docs: usize,
    chunk: usize,
    /// (id, label, palette slot): the slot gives results' topic badges their colour.
    topics: Vec<(String, String, usize)>,
    authors: Vec<String>,
    publications: Vec<String>,
    years: Vec<i32>,
    /// The `terms/<prefix>.json` files written.
    shards: Vec<String>,
    /// Words never indexed ([`terms`] drops them).
    stop_words: Vec<&'static str>,
}

/// Characters of the first block kept as a result's summary.
const SUMMARY_CHARS: usize = 200;

/// The first `max` characters of `text`, cut at a word boundary with "…" when shortened.
fn summary(text: &str, max: usize) -> String {
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

/// Lowercase ASCII-folded words of 2+ characters, as the client tokenises queries.
pub fn terms(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(fold)
        .filter(|w| !is_stop_word(w) && w.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// ASCII-fold and lowercase one word (ASCII words, the vast majority, skip deunicode).
fn fold(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        deunicode::deunicode(w).to_lowercase()
    }
}

/// An article's searchable text: title, body blocks, authors.
fn search_text(a: &crate::model::Article) -> String {
    let mut text = a.title.clone();
    for b in &a.blocks {
        text.push(' ');
        text.push_str(&b.text);
    }
    text.push(' ');
    text.push_str(&a.authors.join(" "));
    text
}

/// Postings order: most occurrences first, then document id.
fn by_rank(a: &(u32, u32), b: &(u32, u32)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Articles tokenised per batch: the batch's term counts are merged and dropped
/// before the next, so memory does not grow with every article's vocabulary.
const BATCH: usize = 1024;

/// Term -> (doc id, occurrences), each list cut to the [`MAX_POSTINGS`] best, in rank order.
fn postings(site: &Site) -> Vec<(String, Vec<u32>)> {
    use rayon::prelude::*;
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (b, batch) in site.articles.chunks(BATCH).enumerate() {
        let counts: Vec<HashMap<String, u32>> = batch
            .par_iter()
            .map(|a| {
                let mut tf: HashMap<String, u32> = HashMap::new();
                for t in terms(&search_text(a)) {
                    *tf.entry(t).or_default() += 1;
                }
                tf
            })
            .collect();
        for (k, tf) in counts.into_iter().enumerate() {
            let id = (b * BATCH + k) as u32;
            for (term, c) in tf {
                let list = postings.entry(term).or_default();
                list.push((id, c));
                // The best MAX_POSTINGS of a list are the best of its best MAX_POSTINGS
                // plus what came after, so pruning along the way changes nothing.
                if list.len() >= 2 * MAX_POSTINGS {
                    list.sort_by(by_rank);
                    list.truncate(MAX_POSTINGS);
                }
            }
        }
    }
    let mut out: Vec<(String, Vec<u32>)> = postings
        .into_par_iter()
        .map(|(term, mut list)| {
            list.sort_by(by_rank);
            list.truncate(MAX_POSTINGS);
            (term, list.into_iter().map(|(d, _)| d).collect())
        })
        .collect();
    out.par_sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The shard a term lives in: its first two characters.
pub fn shard_of(term: &str) -> String {
    term.chars().take(2).collect()
}

pub fn index(config: &Config, site: &Site) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let docs: Vec<DocRecord> = site
        .articles
        .par_iter()
        .enumerate()
        .map(|(id, a)| {
            let date = (a.date.basis != DateBasis::Unknown)
                .then_some(a.date.value)
                .flatten();
            DocRecord {
                id,
                title: a.title.clone(),
                url: article_url(a),
                authors: a.authors.clone(),
                publication: a.publication.clone(),
                year: date.map(|d| d.year),
                topics: a.topics.iter().map(|t| t.id.clone()).collect(),
                summary: a
                    .blocks
                    .first()
                    .map(|b| summary(&b.text, SUMMARY_CHARS))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (term, ids) in postings(site) {
        shards.entry(shard_of(&term)).or_default().insert(term, ids);
    }
    let shard_names: Vec<String> = shards.keys().cloned().collect();
    let mut out = Vec::new();
    for (prefix, terms) in shards {
        out.push(OutputFile {
            path: format!("search/terms/{prefix}.json"),
            bytes: serde_json::to_vec(&terms).unwrap_or_default(),
        });
    }
    for (n, chunk) in docs.chunks(DOC_CHUNK).enumerate() {
        out.push(OutputFile {
            path: format!("search/docs/{n}.json"),
            bytes: serde_json::to_vec(chunk).unwrap_or_default(),
        });
    }
    let meta = Meta {
        docs: site.articles.len(),
        chunk: DOC_CHUNK,
        topics: config
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.label.clone(), topic_hue(config, &t.id)))
            .collect(),
        authors: site.authors.iter().map(|a| a.name.clone()).collect(),
        publications: site.publications.iter().map(|p| p.name.clone()).collect(),
        years: site
            .months
            .iter()
            .map(|m| m.year)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .rev()
            .collect(),
        shards: shard_names,
        stop_words: STOP_WORDS.to_vec(),
    };
    out.push(OutputFile {
        path: "search/meta.json".into(),
        bytes: serde_json::to_vec(&meta).unwrap_or_default(),
    });
    out
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
        let t: Vec<String> = terms("The Café in Gangnam-gu, 2025: Taiwan’s").collect();
        assert_eq!(t, ["cafe", "gangnam", "gu", "2025", "taiwan"]);
    }
}
