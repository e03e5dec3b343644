//! Near-duplicates: the same piece republished by two outlets.
//!
//! 1. Shingle each body into overlapping 5-word windows.
//! 2. MinHash: 64 seeded hashes keep the minimum per seed (a signature whose
//!    agreement rate estimates Jaccard similarity of the shingle sets).
//! 3. LSH: 16 bands of 4 rows; articles sharing a band bucket are candidates,
//!    so only likely pairs are compared.
//! 4. Candidates agreeing on >= 80% of the signature are the same piece;
//!    groups form by union-find.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::model::Article;

const SHINGLE: usize = 5;
/// Shorter bodies are notes, not pieces an outlet republishes; their few
/// shingles would make unrelated short notes look alike.
const MIN_WORDS: usize = 60;
const HASHES: usize = 64;
const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;
/// Republished copies differ by a credit line or a trimmed paragraph; unrelated
/// pieces on one subject stay far below this (measured on the seeds: < 0.05).
const SAME_PIECE: f64 = 0.8;

fn hash_with(seed: u64, item: &[&str]) -> u64 {
    // DefaultHasher::new() is SipHash with fixed keys: the same on every run.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    item.hash(&mut h);
    h.finish()
}

fn signature(article: &Article) -> Option<[u64; HASHES]> {
    let words = super::related::words(article);
    if words.len() < SHINGLE.max(MIN_WORDS) {
        return None;
    }
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut sig = [u64::MAX; HASHES];
    for window in refs.windows(SHINGLE) {
        let base = hash_with(0, window);
        for (k, slot) in sig.iter_mut().enumerate() {
            // Derive the k-th hash from one base hash (Kirsch-Mitzenmacher style mixing).
            let h = base.rotate_left(k as u32 * 7) ^ (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
            *slot = (*slot).min(h ^ (h >> 33));
        }
    }
    Some(sig)
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    parent[x] = r;
    r
}

/// Groups of article indexes that are the same piece (only groups of two or more).
pub fn duplicate_groups(articles: &[Article]) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    let sigs: Vec<Option<[u64; HASHES]>> = articles.par_iter().map(signature).collect();
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, sig) in sigs.iter().enumerate() {
        let Some(sig) = sig else { continue };
        for b in 0..BANDS {
            let band = &sig[b * ROWS..(b + 1) * ROWS];
            let mut h = std::collections::hash_map::DefaultHasher::new();
            band.hash(&mut h);
            buckets.entry((b, h.finish())).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    let mut keys: Vec<_> = buckets.keys().copied().collect();
    keys.sort_unstable();
    for key in keys {
        // Compare each member with one representative per group found so far in this
        // bucket, not with every other member: a piece copied 400 times stays linear.
        let mut reps: Vec<usize> = Vec::new();
        for &i in &buckets[&key] {
            let Some(a) = &sigs[i] else { continue };
            let same = reps.iter().copied().find(|&r| {
                sigs[r].as_ref().is_some_and(|b| {
                    let agree = a.iter().zip(b).filter(|(p, q)| p == q).count();
                    agree as f64 / HASHES as f64 >= SAME_PIECE
                })
            });
            match same {
                Some(r) => {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, r));
                    parent[ri.max(rj)] = ri.min(rj);
                }
                None => reps.push(i),
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..articles.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    out.sort();
    out
}
