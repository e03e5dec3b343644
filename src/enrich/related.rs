//! Related articles by text similarity, without comparing every pair.
//!
//! 1. TF-IDF over body words (function words and short tokens dropped):
//!    document frequencies in one parallel pass, then each article's term
//!    weights in a second, keeping only its strongest terms, so no pass holds
//!    every article's words at once (memory stays flat at 100,000 articles).
//! 2. Each article keeps its strongest terms as a sparse unit vector.
//! 3. An inverted index from term to articles yields candidates: only
//!    articles sharing a strong term are ever compared, terms that most of a
//!    large corpus shares are skipped, and each term's postings keep only the
//!    [`MAX_POSTINGS`] articles that weigh it most, so the work per article is
//!    bounded whatever the corpus size (impact-ordered pruning).
//! 4. The summed products (cosine over the kept postings) rank the candidates;
//!    the top `k` win. Where no term is shared by more than `MAX_POSTINGS`
//!    articles, this is the exact cosine ranking.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;

use crate::clean::lines::is_stop_word;
use crate::model::Article;

/// Terms kept per article: enough to characterise a 1,000-word piece.
const SIGNATURE_TERMS: usize = 40;

/// Articles kept per term in the inverted index. Without a cap, a term a third of a
/// 10,000-article corpus shares makes every article score ~3,000 candidates through
/// it (22 s of a 10,000-article build, measured); with it, at most 40 x 128 per
/// article. An article that truly resembles another shares several strong terms with
/// it, so it is still found through the terms where it ranks among the strongest.
pub const MAX_POSTINGS: usize = 128;

/// Word ids per article (after stop-word removal), for TF-IDF and shingling.
pub fn words(article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(article, |w| out.push(w.to_string()));
    out
}

/// Call `f` with each body word of `article`, lowercased, that is not a stop
/// word or shorter than three bytes (the words [`words`] returns), without
/// allocating a string per word.
pub fn for_each_word(article: &Article, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    for b in &article.blocks {
        for w in b.text.split(|c: char| !c.is_alphanumeric()) {
            if w.len() < 3 {
                continue;
            }
            buf.clear();
            if w.is_ascii() {
                buf.push_str(w);
                buf.make_ascii_lowercase();
            } else {
                buf.push_str(&w.to_lowercase());
            }
            if !is_stop_word(&buf) {
                f(&buf);
            }
        }
    }
}

fn term_hash(w: &str) -> u64 {
    // DefaultHasher::new() is SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    w.hash(&mut h);
    h.finish()
}

/// For each article, up to `k` related articles (most similar first).
pub fn related(articles: &[Article], k: usize) -> Vec<Vec<usize>> {
    let n = articles.len();
    // Document frequency by term hash (64-bit: collisions are negligible at any vocabulary size).
    let df: HashMap<u64, u32> = articles
        .par_iter()
        .fold(HashMap::new, |mut df: HashMap<u64, u32>, a| {
            let mut seen: Vec<u64> = Vec::new();
            for_each_word(a, |w| seen.push(term_hash(w)));
            seen.sort_unstable();
            seen.dedup();
            for h in seen {
                *df.entry(h).or_default() += 1;
            }
            df
        })
        .reduce(HashMap::new, |mut a, b| {
            let (mut big, small) = if a.len() >= b.len() {
                (std::mem::take(&mut a), b)
            } else {
                (b, a)
            };
            for (h, c) in small {
                *big.entry(h).or_default() += c;
            }
            big
        });
    let vectors: Vec<Vec<(u64, f64)>> = articles
        .par_iter()
        .map(|a| {
            let mut tf: HashMap<String, f64> = HashMap::new();
            for_each_word(a, |w| match tf.get_mut(w) {
                Some(c) => *c += 1.0,
                None => {
                    tf.insert(w.to_string(), 1.0);
                }
            });
            let mut v: Vec<(String, f64)> = tf
                .into_iter()
                .map(|(w, c)| {
                    let d = df.get(&term_hash(&w)).copied().unwrap_or(1).max(1);
                    let x = c * ((n as f64 + 1.0) / (d as f64)).ln();
                    (w, x)
                })
                .filter(|(_, x)| *x > 0.0)
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            v.truncate(SIGNATURE_TERMS);
            let norm = v
                .iter()
                .map(|(_, x)| x * x)
                .sum::<f64>()
                .sqrt()
                .max(f64::EPSILON);
            v.into_iter()
                .map(|(w, x)| (term_hash(&w), x / norm))
                .collect()
        })
        .collect();
    // Inverted index over signature terms; in a large corpus, skip terms half of it shares.
    let common = |t: u64| n >= 20 && df.get(&t).map_or(0, |&d| d as usize) * 2 > n;
    let mut postings: HashMap<u64, Vec<(usize, f64)>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for &(t, x) in v {
            if !common(t) {
                postings.entry(t).or_default().push((i, x));
            }
        }
    }
    drop(df);
    postings.par_iter_mut().for_each(|(_, p)| {
        if p.len() > MAX_POSTINGS {
            p.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            p.truncate(MAX_POSTINGS);
            p.sort_by_key(|e| e.0);
        }
    });
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f64; n], vec![false; n], Vec::new()),
            |(scores, touched, list), i| {
                for &(t, x) in &vectors[i] {
                    for &(j, y) in postings.get(&t).map_or(&[][..], Vec::as_slice) {
                        if j != i {
                            if !touched[j] {
                                touched[j] = true;
                                list.push(j);
                            }
                            scores[j] += x * y;
                        }
                    }
                }
                let mut ranked: Vec<(usize, f64)> = list.iter().map(|&j| (j, scores[j])).collect();
                for j in list.drain(..) {
                    scores[j] = 0.0;
                    touched[j] = false;
                }
                ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                ranked.into_iter().take(k).map(|(j, _)| j).collect()
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        crate::enrich::test_article(&[text])
    }

    #[test]
    fn relates_articles_that_share_strong_terms() {
        let a = article("Semiconductor export controls tighten on lithography machines.");
        let b = article("Lithography machines and semiconductor export controls again.");
        let c = article("Fisheries talks over squid quotas stalled in the harbour.");
        let d = article("Squid quotas and fisheries talks in the harbour resumed.");
        let r = related(&[a, b, c, d], 1);
        assert_eq!(r, vec![vec![1], vec![0], vec![3], vec![2]]);
    }

    #[test]
    fn words_are_lowercased_without_stop_words_or_short_tokens() {
        let a = article("The Café in Seoul is OK, and the Ministry said so.");
        assert_eq!(words(&a), ["café", "seoul", "ministry", "said"]);
    }
}
