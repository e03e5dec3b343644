//! Steps 1 and 2 of the index (see [`super`]): every vocabulary word's key, and
//! every key's postings with their weights.
//!
//! No sort over the postings: articles are weighed a batch at a time in parallel
//! (their keys summed in a per-thread array indexed by key, not sorted), then
//! appended to the lists in id order, so every list comes out in id order.

use std::cell::RefCell;

use rayon::prelude::*;
use rust_stemmers::Stemmer;

use super::article;
use crate::enrich::derive::search_terms;
use crate::model::Article;
use crate::site::Site;

/// Articles weighed in one go, per core: bounds what is in flight.
const RUN: usize = 2048;
/// BM25's usual constants.
const K1: f64 = 1.2;
const B: f64 = 0.75;
/// Added to a key's weight when the title has it: a title naming the word is the
/// best evidence an article is about it.
const TITLE_BONUS: u32 = 4;

/// The index key of a vocabulary word (module docs of [`super`], step 1).
pub(super) fn key(stemmer: &Stemmer, word: &str) -> String {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase()) {
        stemmer.stem(word).into_owned()
    } else {
        word.to_string()
    }
}

/// Keys (sorted) and each vocabulary id's key index.
pub(super) fn keys(site: &Site, stemmer: &Stemmer) -> (Vec<String>, Vec<u32>) {
    let of_word: Vec<String> = site
        .vocab
        .words()
        .par_iter()
        .map(|w| key(stemmer, w))
        .collect();
    let mut keys = of_word.clone();
    keys.par_sort_unstable();
    keys.dedup();
    let index = of_word
        .par_iter()
        .map(|k| keys.binary_search(k).map_or(u32::MAX, |i| i as u32))
        .collect();
    (keys, index)
}

/// Postings of every key, by key index, in id order (module docs of [`super`], step 2),
/// each packed as `id << 4 | weight` (4 bytes: at 100,000 articles there are ~50 million).
pub(super) fn postings(site: &Site, key_of: &[u32], nkeys: usize) -> Vec<Vec<u32>> {
    let n = site.articles.len();
    let avg = site
        .articles
        .iter()
        .map(|a| a.derived.word_count as f64)
        .sum::<f64>()
        / n.max(1) as f64;
    let avg = avg.max(1.0);
    let mut lists: Vec<Vec<u32>> = vec![Vec::new(); nkeys];
    let batch = RUN * rayon::current_num_threads().max(1);
    for first in (0..n).step_by(batch) {
        let ids = first as u32..(first + batch).min(n) as u32;
        let weighed: Vec<Vec<(u32, u8)>> = ids
            .clone()
            .into_par_iter()
            .map(|id| weigh(article(site, id), site, key_of, nkeys, avg))
            .collect();
        for (id, keys) in ids.zip(weighed) {
            for (k, w) in keys {
                lists[k as usize].push(id << 4 | u32::from(w));
            }
        }
    }
    lists
}

thread_local! {
    /// Per key, one plus the occurrences summed so far for the article being
    /// weighed; zero for a key it has not shown (all zero between articles).
    static SUMS: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// `a`'s keys with their weights 1-15 (module docs of [`super`], step 2), in no order.
fn weigh(a: &Article, site: &Site, key_of: &[u32], nkeys: usize, avg: f64) -> Vec<(u32, u8)> {
    let title = title_keys(a, site, key_of);
    let norm = K1 * (1.0 - B + B * a.derived.word_count as f64 / avg);
    SUMS.with_borrow_mut(|sums| {
        if sums.len() < nkeys {
            sums.resize(nkeys, 0);
        }
        let mut seen: Vec<u32> = Vec::new();
        for (t, c) in a.derived.terms.iter() {
            let Some(&k) = key_of.get(t as usize) else {
                continue;
            };
            if k == u32::MAX {
                continue;
            }
            // Stored plus one, so that a key seen is never zero.
            let sum = &mut sums[k as usize];
            if *sum == 0 {
                seen.push(k);
                *sum = 1;
            }
            *sum += c;
        }
        seen.into_iter()
            .map(|k| {
                let tf = (std::mem::take(&mut sums[k as usize]) - 1) as f64;
                let part = tf * (K1 + 1.0) / (tf + norm);
                let mut w = 1 + (part / (K1 + 1.0) * 10.0).round() as u32;
                if title.binary_search(&k).is_ok() {
                    w += TITLE_BONUS;
                }
                (k, w.min(15) as u8)
            })
            .collect()
    })
}

/// Key indexes of `a`'s title (sorted).
fn title_keys(a: &Article, site: &Site, key_of: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = search_terms(&a.title)
        .filter_map(|w| match site.vocab.id(&w) {
            Some(id) => key_of.get(id as usize).copied(),
            None => None,
        })
        .filter(|&k| k != u32::MAX)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}
