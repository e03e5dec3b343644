//! Near-duplicates: the same piece republished by two outlets.
//!
//! 1. Shingle each body into overlapping 5-word windows (of its search terms of
//!    three or more letters, hashed by [`super::derive`]).
//! 2. MinHash: 64 seeded hashes keep the minimum per seed (a signature whose
//!    agreement rate estimates Jaccard similarity of the shingle sets).
//! 3. LSH: 13 bands of 4-5 rows; articles sharing a band bucket are candidates,
//!    so only likely pairs are compared. Two signatures that agree on the 52 of 64
//!    values the same-piece test needs differ in at most 12 places, so at least one
//!    of 13 bands agrees whole: every pair that passes the test shares a bucket.
//!    (In a bucket each article is compared with one representative per group found
//!    so far, so a chain of copies each 52 values from the next can still split.)
//! 4. Candidates agreeing on >= 52 of 64 values (81%) are the same piece;
//!    groups form by union-find.

use std::collections::HashMap;

use crate::model::Article;

const SHINGLE: usize = 5;
/// Shorter bodies are notes, not pieces an outlet republishes; their few
/// shingles would make unrelated short notes look alike.
const MIN_WORDS: usize = 60;
const HASHES: usize = 64;
/// Signature values two copies of one piece agree on, at least (81%). Republished copies
/// differ by a credit line or a trimmed paragraph; unrelated pieces on one subject stay
/// far below this (measured on the seeds: < 5%).
const SAME_PIECE: usize = 52;
/// As many bands as a same-piece pair can have disagreeing values, plus one (see the
/// module notes). More, shorter bands would find no more pieces, only more unrelated
/// candidates: with 16 bands of 4, articles on one subject sharing stock phrases (a fifth
/// of their 5-word shingles) collided often enough to make this step quadratic, 1.7 s of
/// a 100,000-article build.
const BANDS: usize = HASHES - SAME_PIECE + 1;

/// The signature values band `b` covers.
fn band(b: usize) -> std::ops::Range<usize> {
    b * HASHES / BANDS..(b + 1) * HASHES / BANDS
}

/// The 64 hash functions: h_k(x) = a_k * x + b_k (mod 2^32), a_k odd. One 32-bit
/// hash per shingle, then 64 multiply-adds that the compiler turns into eight
/// vector operations: a tenth of the cost of 64 separately seeded 64-bit hashes.
const fn coefficients() -> [(u32, u32); HASHES] {
    let mut out = [(0u32, 0u32); HASHES];
    // splitmix64: fixed, well-spread constants (the same in every build).
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut k = 0;
    while k < HASHES {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out[k] = ((z as u32) | 1, (z >> 32) as u32);
        k += 1;
    }
    out
}
const COEFFICIENTS: [(u32, u32); HASHES] = coefficients();
/// One side of [`COEFFICIENTS`] (0: multipliers, 1: offsets) as a fixed-size array, so
/// the 64-lane loop below has no bounds checks and vectorises.
const fn column(side: usize) -> [u32; HASHES] {
    let mut out = [0u32; HASHES];
    let mut k = 0;
    while k < HASHES {
        out[k] = if side == 0 {
            COEFFICIENTS[k].0
        } else {
            COEFFICIENTS[k].1
        };
        k += 1;
    }
    out
}
const MULTIPLIERS: [u32; HASHES] = column(0);
const OFFSETS: [u32; HASHES] = column(1);

/// A word's hash (FNV-1a over its bytes, then a final mix).
pub fn word_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }
    h ^ (h >> 29)
}

/// The MinHash signature of a body's shingles, from its words' hashes in order
/// ([`word_hash`]; `None` for a short body).
pub fn signature(words: &[u64]) -> Option<Vec<u32>> {
    if words.len() < SHINGLE.max(MIN_WORDS) {
        return None;
    }
    let (a, b) = (&MULTIPLIERS, &OFFSETS);
    let mut sig = [u32::MAX; HASHES];
    for window in words.windows(SHINGLE) {
        let mut h: u64 = 0;
        for &w in window {
            h = (h.rotate_left(23) ^ w).wrapping_mul(0xff51_afd7_ed55_8ccd);
        }
        let x = (h ^ (h >> 32)) as u32;
        for k in 0..HASHES {
            sig[k] = sig[k].min(a[k].wrapping_mul(x).wrapping_add(b[k]));
        }
    }
    Some(sig.to_vec())
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
    let sigs: Vec<Option<&[u32]>> = articles
        .iter()
        .map(|a| (a.derived.minhash.len() == HASHES).then_some(a.derived.minhash.as_slice()))
        .collect();
    // (band, band hash, article), sorted: each bucket is then a run of equal
    // (band, hash), visited in a fixed order (a sort beats a hash map of vectors here).
    let mut entries: Vec<(u32, u64, u32)> = Vec::with_capacity(sigs.len() * BANDS);
    for (i, sig) in sigs.iter().enumerate() {
        let Some(sig) = sig else { continue };
        for b in 0..BANDS {
            let h = sig[band(b)].iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &x| {
                (h ^ x as u64).wrapping_mul(0x0100_0000_01b3)
            });
            entries.push((b as u32, h ^ (h >> 31), i as u32));
        }
    }
    entries.sort_unstable();
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    for bucket in entries.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        if bucket.len() < 2 {
            continue;
        }
        // Compare each member with one representative per group found so far in this
        // bucket, not with every other member: a piece copied 400 times stays linear.
        let mut reps: Vec<usize> = Vec::new();
        for &(_, _, i) in bucket {
            let i = i as usize;
            let Some(a) = sigs[i] else { continue };
            let same = reps.iter().copied().find(|&r| {
                sigs[r]
                    .is_some_and(|b| a.iter().zip(b).filter(|(p, q)| p == q).count() >= SAME_PIECE)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with_signature(sig: Vec<u32>) -> Article {
        let mut a = crate::enrich::test_article(&["A note."]);
        a.derived.minhash = sig;
        a
    }

    /// A signature like `base` but differing at the first value of each of the first
    /// `spread` bands: disagreements placed to dodge as many bands as they can.
    fn spread_disagreements(base: &[u32], spread: usize, mask: u32) -> Vec<u32> {
        let mut sig = base.to_vec();
        for b in 0..spread {
            sig[band(b).start] ^= mask;
        }
        sig
    }

    #[test]
    fn bands_partition_the_signature() {
        let covered: Vec<usize> = (0..BANDS).flat_map(band).collect();
        assert_eq!(covered, (0..HASHES).collect::<Vec<_>>());
        assert!((0..BANDS).all(|b| !band(b).is_empty()));
    }

    #[test]
    fn finds_every_pair_at_the_threshold_however_its_differences_fall() {
        let base: Vec<u32> = (0..HASHES as u32)
            .map(|x| x.wrapping_mul(2_654_435_761))
            .collect();
        // 12 differences, one in each of 12 bands: 52 of 64 agree, the same piece.
        let near = spread_disagreements(&base, HASHES - SAME_PIECE, 0xdead_beef);
        // 13 differences from each, one in every band: 51 agree, not the same piece.
        let far = spread_disagreements(&base, BANDS, 0x0bad_cafe);
        let articles = vec![
            with_signature(base.clone()),
            with_signature(near),
            with_signature(far),
        ];
        assert_eq!(duplicate_groups(&articles), vec![vec![0, 1]]);
    }
}
