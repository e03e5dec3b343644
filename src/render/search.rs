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

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::views::{article_url, topic_hue};
use super::OutputFile;
use crate::clean::lines::STOP_WORDS;
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

/// Articles indexed in one go by one core.
const RUN: usize = 2048;

/// Postings order: most occurrences first, then document id.
fn by_rank(a: &(u32, u32), b: &(u32, u32)) -> std::cmp::Ordering {
    b.1.cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Term -> the ids of the documents containing it, the [`MAX_POSTINGS`] best in rank
/// order, by term. Built from the term counts each article carries (`derived.terms`),
/// so no body is tokenised here.
fn postings(site: &Site) -> Vec<(&str, Vec<u32>)> {
    use rayon::prelude::*;
    // The best MAX_POSTINGS of a list are the best of its best MAX_POSTINGS plus what
    // came after, so pruning along the way changes nothing and keeps a common term's
    // list from growing with the corpus; for the same reason, lists built over
    // separate runs of articles (on separate cores) merge into the same result.
    let prune = |list: &mut Vec<(u32, u32)>| {
        if list.len() >= 2 * MAX_POSTINGS {
            list.sort_by(by_rank);
            list.truncate(MAX_POSTINGS);
        }
    };
    // Each core folds its runs of articles into one set of lists, pruned as they
    // grow, so memory is a set of lists per core, whatever the corpus size.
    let empty = || vec![Vec::new(); site.vocab.len()];
    let postings: Vec<Vec<(u32, u32)>> = site
        .articles
        .par_chunks(RUN)
        .enumerate()
        .fold(empty, |mut postings, (run, articles)| {
            for (i, a) in articles.iter().enumerate() {
                let id = (run * RUN + i) as u32;
                for (t, c) in a.derived.terms.iter() {
                    if let Some(list) = postings.get_mut(t as usize) {
                        list.push((id, c));
                        prune(list);
                    }
                }
            }
            postings
        })
        .reduce_with(|mut postings, more| {
            postings.iter_mut().zip(more).for_each(|(list, more)| {
                list.extend(more);
                prune(list);
            });
            postings
        })
        .unwrap_or_else(empty);
    let mut out: Vec<(&str, Vec<u32>)> = postings
        .into_par_iter()
        .enumerate()
        .filter(|(_, list)| !list.is_empty())
        .map(|(t, mut list)| {
            list.sort_by(by_rank);
            list.truncate(MAX_POSTINGS);
            (
                site.vocab.word(t as u32),
                list.into_iter().map(|(d, _)| d).collect(),
            )
        })
        .collect();
    out.par_sort_by(|a, b| a.0.cmp(b.0));
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
                summary: a.derived.search_summary.clone(),
            }
        })
        .collect();
    let mut shards: BTreeMap<String, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    for (term, ids) in postings(site) {
        shards.entry(shard_of(term)).or_default().insert(term, ids);
    }
    let shard_names: Vec<String> = shards.keys().cloned().collect();
    // Shards and document chunks are independent files: encode them in parallel.
    let shards: Vec<(String, BTreeMap<&str, Vec<u32>>)> = shards.into_iter().collect();
    let mut out: Vec<OutputFile> = shards
        .par_iter()
        .map(|(prefix, terms)| OutputFile {
            path: format!("search/terms/{prefix}.json"),
            bytes: serde_json::to_vec(terms).unwrap_or_default(),
            ..Default::default()
        })
        .collect();
    let chunks: Vec<(usize, &[DocRecord])> = docs.chunks(DOC_CHUNK).enumerate().collect();
    out.par_extend(chunks.par_iter().map(|(n, chunk)| OutputFile {
        path: format!("search/docs/{n}.json"),
        bytes: serde_json::to_vec(chunk).unwrap_or_default(),
        ..Default::default()
    }));
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
        ..Default::default()
    });
    out
}
