//! Built-in phrase lists searched for in lines of a page, ignoring ASCII case: the
//! gates of the line detectors (widget labels, site notices, calls to the reader,
//! credit lines).
//!
//! Nearly every line holds none of a list's phrases, and saying so is what a list
//! costs. An aho-corasick automaton steps each byte through its states and pays a
//! setup per search, dear for lines of a few dozen bytes (about 20 instructions a
//! byte in the overlapping search the detectors need); its SIMD prefilter needs a
//! case-sensitive search of a lowercased copy and still verifies many candidates.
//! A [`Phrases`] instead looks at each byte once in three tables: every phrase has
//! an anchor, its rarest three bytes, and a position is a candidate only where the
//! three bytes ending there are some phrase's anchor (either ASCII case). Only a
//! candidate is compared with its phrases, so the search is exact: every occurrence
//! of every phrase (overlapping ones too) and nothing else.

use std::ops::Range;

/// Bytes of a phrase's anchor (every phrase is at least this long).
const ANCHOR: usize = 3;

/// English text's bytes from commonest to rarest: an anchor is chosen with the
/// fewest common bytes. Bytes not listed (digits, punctuation, other scripts) are
/// rarer still.
const COMMON_BYTES: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";

/// A list of built-in phrases (see the module docs).
pub struct Phrases {
    phrases: Vec<&'static [u8]>,
    /// Offset of each phrase's anchor in the phrase.
    anchor_at: Vec<usize>,
    /// Phrase `j` is bit `j % 64`; the phrases sharing a bit, by bit.
    by_bit: Vec<Vec<usize>>,
    /// `tables[r][b]`: the bits of the phrases whose anchor has byte `b` (either
    /// ASCII case) at offset `r`.
    tables: Box<[[u64; 256]; ANCHOR]>,
}

impl Phrases {
    pub fn new(phrases: impl IntoIterator<Item = &'static str>) -> Phrases {
        let phrases: Vec<&'static [u8]> = phrases.into_iter().map(str::as_bytes).collect();
        let mut tables = Box::new([[0u64; 256]; ANCHOR]);
        let mut by_bit = vec![Vec::new(); 64];
        let mut anchor_at = Vec::new();
        for (j, p) in phrases.iter().enumerate() {
            // A phrase shorter than an anchor is a bug in the list.
            if p.len() < ANCHOR {
                panic!("built-in phrase {p:?} is shorter than {ANCHOR} bytes");
            }
            let commonness = |b: &u8| {
                let b = b.to_ascii_lowercase();
                COMMON_BYTES
                    .iter()
                    .position(|&c| c == b)
                    .map_or(0, |i| COMMON_BYTES.len() - i)
            };
            let at = (0..=p.len() - ANCHOR)
                .min_by_key(|&k| p[k..k + ANCHOR].iter().map(commonness).sum::<usize>())
                .unwrap_or(0);
            for (r, &b) in p[at..at + ANCHOR].iter().enumerate() {
                tables[r][usize::from(b.to_ascii_lowercase())] |= 1 << (j % 64);
                tables[r][usize::from(b.to_ascii_uppercase())] |= 1 << (j % 64);
            }
            by_bit[j % 64].push(j);
            anchor_at.push(at);
        }
        Phrases {
            phrases,
            anchor_at,
            by_bit,
            tables,
        }
    }

    /// Whether `line` holds one of the phrases, ignoring ASCII case.
    pub fn is_match(&self, line: &str) -> bool {
        self.search(line, |_, _| true)
    }

    /// Every occurrence in `line` of a phrase (ignoring ASCII case), overlapping ones
    /// included, in no particular order: the phrase's index in the list, and where it is.
    pub fn for_each(&self, line: &str, mut f: impl FnMut(usize, Range<usize>)) {
        self.search(line, |j, at| {
            f(j, at);
            false
        });
    }

    /// Calls `stop` with the occurrences until it says to stop; whether it did.
    fn search(&self, line: &str, mut stop: impl FnMut(usize, Range<usize>) -> bool) -> bool {
        let h = line.as_bytes();
        let [t0, t1, t2] = &*self.tables;
        // Bits of the anchors whose first byte, and first two bytes, end at the
        // previous byte.
        let (mut one, mut two, mut i) = (0u64, 0u64, 0usize);
        loop {
            // Four bytes a step while no anchor ends among them (nearly always),
            // with one test for the four.
            while let Some(&[a, b, c, d]) = h.get(i..i + 4) {
                let [a, b, c, d] = [a, b, c, d].map(usize::from);
                let ends = (two & t2[a])
                    | (one & t1[a] & t2[b])
                    | (t0[a] & t1[b] & t2[c])
                    | (t0[b] & t1[c] & t2[d]);
                if ends != 0 {
                    break;
                }
                (one, two) = (t0[d], t0[c] & t1[d]);
                i += 4;
            }
            // Then a byte a step through the four that hold an anchor's end, and
            // the last few bytes.
            let Some(&b) = h.get(i) else {
                return false;
            };
            let b = usize::from(b);
            let three = two & t2[b];
            two = one & t1[b];
            one = t0[b];
            i += 1;
            if three != 0 && self.verify(h, i - ANCHOR, three, &mut stop) {
                return true;
            }
        }
    }

    /// Compares with the line the phrases of `bits` whose anchor starts at `anchor`.
    #[inline(never)]
    fn verify(
        &self,
        h: &[u8],
        anchor: usize,
        mut bits: u64,
        stop: &mut impl FnMut(usize, Range<usize>) -> bool,
    ) -> bool {
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            for &j in &self.by_bit[bit] {
                let (p, at) = (self.phrases[j], self.anchor_at[j]);
                let Some(start) = anchor.checked_sub(at) else {
                    continue;
                };
                let found = h
                    .get(start..start + p.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(p));
                if found && stop(j, start..start + p.len()) {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_occurrence_in_either_case() {
        let phrases = Phrases::new(["republished ", "republished with", "edition", "ⓒ x"]);
        let mut found = Vec::new();
        phrases.for_each("REPUBLISHED With permission, Edition ⓒ X", |j, at| {
            found.push((j, at))
        });
        found.sort_by_key(|(j, at)| (at.start, *j));
        assert_eq!(
            found,
            vec![(0, 0..12), (1, 0..16), (2, 29..36), (3, 37..42)]
        );
        assert!(!phrases.is_match("republishe edit"));
    }

    /// What the detectors searched with before: an ASCII-case-insensitive
    /// aho-corasick automaton's overlapping matches.
    #[test]
    fn finds_what_an_overlapping_automaton_finds() {
        let list = [
            "in the comments",
            "comments",
            "comment?",
            "ad-blocker",
            "ad blocker",
            "print",
            "sign up",
            "sign in",
            "log in",
            "login",
            "관련기사",
            "leia também",
            "e e",
            "eee",
        ];
        let phrases = Phrases::new(list);
        let automaton = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(list)
            .unwrap_or_else(|e| panic!("{e}"));
        // Lines glued from pieces of the phrases, in both cases, by a fixed generator.
        let pieces = [
            "in ", "the ", "COM", "comments", "Ment?", "ad", "-", " ", "blocker", "PRINT", "sign ",
            "up", "IN", "log", "관련", "기사", "tambÉm", "também", "leia ", "e", "E",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..2000 {
            let line: String = (0..=next(12)).map(|_| pieces[next(pieces.len())]).collect();
            let mut ours = Vec::new();
            phrases.for_each(&line, |j, at| ours.push((at.start, j, at.end)));
            ours.sort_unstable();
            let mut theirs: Vec<_> = automaton
                .find_overlapping_iter(&line)
                .map(|m| (m.start(), m.pattern().as_usize(), m.end()))
                .collect();
            theirs.sort_unstable();
            assert_eq!(ours, theirs, "{line:?}");
            assert_eq!(
                phrases.is_match(&line),
                automaton.is_match(&line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn phrases_past_64_share_bits_and_are_still_told_apart() {
        let list: Vec<&'static str> = (0..100)
            .map(|i| &*String::leak(format!("w{i:02}x")))
            .collect();
        let phrases = Phrases::new(list.iter().copied());
        for (i, p) in list.iter().enumerate() {
            let mut found = Vec::new();
            phrases.for_each(&format!("a {} b", p.to_uppercase()), |j, at| {
                found.push((j, at))
            });
            assert_eq!(found, vec![(i, 2..6)]);
        }
    }
}
