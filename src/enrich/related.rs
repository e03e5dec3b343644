//! Related articles by text similarity, without comparing every pair.
//!
//! 1. TF-IDF over the title and body terms each article carries from
//!    [`super::derive`] (ids into the build's vocabulary; function words and
//!    terms under three letters dropped): document frequencies in one pass over
//!    those lists, then each article's term weights.
//! 2. Each article keeps its strongest terms as a sparse unit vector.
//! 3. An inverted index from term to articles yields candidates: only
//!    articles sharing a strong term are ever compared, terms that most of a
//!    large corpus shares are skipped, and each term's postings keep only the
//!    [`MAX_POSTINGS`] articles that weigh it most, so the work per article is
//!    bounded whatever the corpus size (impact-ordered pruning).
//! 4. The summed products (cosine over the kept postings) rank the candidates;
//!    the top `k` win. Where no term is shared by more than `MAX_POSTINGS`
//!    articles, this is the exact cosine ranking.

use rayon::prelude::*;

use super::vocab::Vocab;
use crate::model::Article;

/// Terms kept per article: enough to characterise a 1,000-word piece.
const SIGNATURE_TERMS: usize = 40;

/// Articles kept per term in the inverted index. Without a cap, a term a third of a
/// 10,000-article corpus shares makes every article score ~3,000 candidates through
/// it (22 s of a 10,000-article build, measured); with it, at most 40 x 128 per
/// article. An article that truly resembles another shares several strong terms with
/// it, so it is still found through the terms where it ranks among the strongest.
pub const MAX_POSTINGS: usize = 128;

/// For each article, up to `k` related articles (most similar first), from the
/// term counts each article carries (`derived.terms`, ids into `vocab`).
pub fn related(articles: &[Article], vocab: &Vocab, k: usize) -> Vec<Vec<usize>> {
    let (vectors, df) = signatures(articles, vocab);
    let postings = inverted_index(&vectors, df, vocab.len());
    rank(&vectors, &postings, k)
}

/// Steps 1 and 2: each article's strongest terms as a unit vector (weights in order,
/// strongest first), and each term's document frequency.
// 86 lines: the frequencies and the weights both read each article's own counts
// (`own_counts`, a closure over the bylines), worked out twice rather than kept.
fn signatures(articles: &[Article], vocab: &Vocab) -> (Vec<Vec<(u32, f64)>>, Vec<u32>) {
    let n = articles.len();
    // Two-letter terms are mostly abbreviations and fragments: search keeps them, similarity does not.
    let usable: Vec<bool> = vocab.words().iter().map(|w| w.len() >= 3).collect();
    let usable = |t: u32| usable.get(t as usize).copied().unwrap_or(false);
    // The terms carry the byline's words too (search wants them); similarity is about
    // the text, so an article's own author names come off its counts.
    let bylines: Vec<Vec<u32>> = articles
        .par_iter()
        .map(|a| {
            let mut byline: Vec<u32> = a
                .authors
                .iter()
                .flat_map(|n| super::derive::search_terms(n).collect::<Vec<_>>())
                .filter_map(|w| vocab.id(&w))
                .collect();
            byline.sort_unstable();
            byline
        })
        .collect();
    // Article i's own term counts, worked out where they are used (twice) rather than
    // kept: kept, they and the weighted copies were ~8 KB an article (0.8 GB at 100,000).
    let own_counts = |i: usize| {
        let byline = &bylines[i];
        articles[i]
            .derived
            .terms
            .iter()
            .filter(move |&(t, _)| usable(t))
            .filter_map(move |(t, c)| {
                let own = byline.iter().filter(|&&b| b == t).count() as u32;
                (c > own).then_some((t, c - own))
            })
    };
    let df = (0..n)
        .into_par_iter()
        .fold(
            || vec![0u32; vocab.len()],
            |mut df, i| {
                for (t, _) in own_counts(i) {
                    df[t as usize] += 1;
                }
                df
            },
        )
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        })
        .unwrap_or_default();
    // Strongest first; ties go by the word, so an id's value never decides anything.
    let stronger = |a: &(u32, f64), b: &(u32, f64)| {
        b.1.total_cmp(&a.1)
            .then_with(|| vocab.word(a.0).cmp(vocab.word(b.0)))
    };
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| ((n as f64 + 1.0) / (d.max(1) as f64)).ln())
        .collect();
    // Each article's weights go into a buffer reused from article to article; only
    // the kept signature is allocated.
    let vectors: Vec<Vec<(u32, f64)>> = (0..n)
        .into_par_iter()
        .map_init(Vec::new, |v: &mut Vec<(u32, f64)>, i| {
            v.clear();
            v.extend(
                own_counts(i)
                    .map(|(t, c)| (t, c as f64 * idf[t as usize]))
                    .filter(|(_, x)| *x > 0.0),
            );
            if v.len() > SIGNATURE_TERMS {
                v.select_nth_unstable_by(SIGNATURE_TERMS - 1, stronger);
                v.truncate(SIGNATURE_TERMS);
            }
            v.sort_by(stronger);
            let norm = v
                .iter()
                .map(|(_, x)| x * x)
                .sum::<f64>()
                .sqrt()
                .max(f64::EPSILON);
            v.iter().map(|&(t, x)| (t, x / norm)).collect()
        })
        .collect();
    (vectors, df)
}

/// Step 3: the inverted index from term to (article, weight) over the signatures.
fn inverted_index(vectors: &[Vec<(u32, f64)>], df: Vec<u32>, terms: usize) -> Vec<Vec<(u32, f32)>> {
    let n = vectors.len();
    // Inverted index over signature terms; in a large corpus, skip terms half of it shares.
    let common = |t: u32| n >= 20 && df[t as usize] as usize * 2 > n;
    // (article, weight) as u32/f32: half the bytes per posting, and the scoring loop below
    // is memory-bound.
    // Each list allocated once at its final length (counted first), not grown by doubling.
    let mut sizes = vec![0usize; terms];
    for &(t, _) in vectors.iter().flatten() {
        sizes[t as usize] += usize::from(!common(t));
    }
    let mut postings: Vec<Vec<(u32, f32)>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (i, v) in vectors.iter().enumerate() {
        for &(t, x) in v {
            if !common(t) {
                postings[t as usize].push((i as u32, x as f32));
            }
        }
    }
    drop(df);
    postings.par_iter_mut().for_each(|p| {
        if p.len() > MAX_POSTINGS {
            p.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            p.truncate(MAX_POSTINGS);
            p.sort_by_key(|e| e.0);
        }
    });
    postings
}

/// Step 4: for each article, the `k` best-scoring others through the index.
fn rank(vectors: &[Vec<(u32, f64)>], postings: &[Vec<(u32, f32)>], k: usize) -> Vec<Vec<usize>> {
    let n = vectors.len();
    // Per thread: a score per article and the lists of those touched, reused
    // from article to article (allocating them per article costs more than scoring).
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0.0f32; n], Vec::new(), Vec::new()),
            |(scores, list, ranked), i| {
                // Candidates are listed without a branch: each is written at the end of
                // the list, which grows only when it was not seen yet (weights are
                // positive, so a zero score means "not seen"). A branch there, taken at
                // random, cost more than the scoring.
                let room: usize = vectors[i]
                    .iter()
                    .map(|&(t, _)| postings[t as usize].len())
                    .sum();
                list.resize(room + 1, 0usize);
                let mut len = 0;
                for &(t, x) in &vectors[i] {
                    let x = x as f32;
                    for &(j, y) in &postings[t as usize] {
                        let j = j as usize;
                        list[len] = j;
                        len += usize::from(scores[j] == 0.0);
                        scores[j] += x * y;
                    }
                }
                ranked.clear();
                ranked.extend(
                    list[..len]
                        .iter()
                        .filter(|&&j| j != i)
                        .map(|&j| (j, scores[j])),
                );
                for &j in &list[..len] {
                    scores[j] = 0.0;
                }
                // Only the best k are wanted: select them, then order those few.
                let better =
                    |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
                if ranked.len() > k && k > 0 {
                    ranked.select_nth_unstable_by(k - 1, better);
                }
                let keep = k.min(ranked.len());
                let best = &mut ranked[..keep];
                best.sort_by(better);
                best.iter().map(|&(j, _)| j).collect::<Vec<usize>>()
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
        let (articles, vocab) = crate::enrich::test_corpus(vec![a, b, c, d]);
        let r = related(&articles, &vocab, 1);
        assert_eq!(r, vec![vec![1], vec![0], vec![3], vec![2]]);
    }
}
