//! Related articles by text similarity, without comparing every pair.
//!
//! 1. TF-IDF over body words (function words and short tokens dropped).
//! 2. Each article keeps its strongest terms as a sparse unit vector.
//! 3. An inverted index from term to articles yields candidates: only
//!    articles sharing a strong term are ever compared, and terms that most
//!    of a large corpus shares are skipped.
//! 4. Cosine over the sparse vectors ranks the candidates; the top `k` win.

use std::collections::HashMap;

use crate::clean::lines::is_stop_word;
use crate::model::Article;

/// Terms kept per article: enough to characterise a 1,000-word piece.
const SIGNATURE_TERMS: usize = 40;

/// Word ids per article (after stop-word removal), for TF-IDF and shingling.
pub fn words(article: &Article) -> Vec<String> {
    article
        .blocks
        .iter()
        .flat_map(|b| b.text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !is_stop_word(w))
        .collect()
}

/// For each article, up to `k` related articles (most similar first).
pub fn related(articles: &[Article], k: usize) -> Vec<Vec<usize>> {
    let n = articles.len();
    let docs: Vec<Vec<String>> = articles.iter().map(words).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for d in &docs {
        let mut seen: Vec<&str> = d.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for w in seen {
            *df.entry(w).or_default() += 1;
        }
    }
    let vectors: Vec<Vec<(&str, f64)>> = docs
        .iter()
        .map(|d| {
            let mut tf: HashMap<&str, f64> = HashMap::new();
            for w in d {
                *tf.entry(w.as_str()).or_default() += 1.0;
            }
            let mut v: Vec<(&str, f64)> = tf
                .into_iter()
                .map(|(w, c)| (w, c * ((n as f64 + 1.0) / (df[w] as f64)).ln()))
                .filter(|(_, x)| *x > 0.0)
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
            v.truncate(SIGNATURE_TERMS);
            let norm = v
                .iter()
                .map(|(_, x)| x * x)
                .sum::<f64>()
                .sqrt()
                .max(f64::EPSILON);
            v.iter_mut().for_each(|(_, x)| *x /= norm);
            v
        })
        .collect();
    // Inverted index over signature terms; in a large corpus, skip terms half of it shares.
    let mut postings: HashMap<&str, Vec<(usize, f64)>> = HashMap::new();
    for (i, v) in vectors.iter().enumerate() {
        for &(w, x) in v {
            postings.entry(w).or_default().push((i, x));
        }
    }
    let common = |w: &str| n >= 20 && df[w] * 2 > n;
    (0..n)
        .map(|i| {
            let mut scores: HashMap<usize, f64> = HashMap::new();
            for &(w, x) in &vectors[i] {
                if common(w) {
                    continue;
                }
                for &(j, y) in &postings[w] {
                    if j != i {
                        *scores.entry(j).or_default() += x * y;
                    }
                }
            }
            let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            ranked.into_iter().take(k).map(|(j, _)| j).collect()
        })
        .collect()
}
