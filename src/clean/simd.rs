//! Sixteen bytes of a line at a time: the two scans every line of every page goes
//! through, written once with SSE2 (on x86-64 targets that enable it, which is all but
//! the bare-metal ones) and once byte by byte for other processors. The only `unsafe`
//! of the cleaner is here.
//!
//! - [`word_byte_mask`]: which bytes are word bytes (the stop-word count's scan).
//! - [`any_position_of`]: where any of a few bytes occurs, for the line detectors'
//!   cheap tests. memchr's iterators start their vector loop anew at every hit, which
//!   pays for rare bytes; the detectors look for common ones ("w", "g", ".", digits,
//!   the first byte of curly quotes), a hit every few dozen bytes of prose, and the
//!   restarts cost more than the search (memchr's three-byte search took 6% of the
//!   cleaner's time on the benchmark's generated pages, against 1% of its
//!   instructions). Here every hit among sixteen bytes is read from one bit mask.

/// Bytes read at a time.
pub const CHUNK: usize = 16;

/// The chunk as two little-endian halves (the way SSE2 loads it from registers).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn halves(chunk: &[u8; CHUNK]) -> (i64, i64) {
    let mut half = [0u8; 8];
    half.copy_from_slice(&chunk[..8]);
    let lo = i64::from_le_bytes(half);
    half.copy_from_slice(&chunk[8..]);
    (lo, i64::from_le_bytes(half))
}

/// Bit k set when byte k of the chunk is a word byte: a letter, digit, `'` or `-`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
pub fn word_byte_mask(chunk: &[u8; CHUNK]) -> u32 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_cmplt_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x, _mm_sub_epi8,
    };
    let (lo, hi) = halves(chunk);
    // SAFETY: compiled only where the target enables SSE2 (every x86-64 target but the
    // bare-metal ones); the instructions read and write registers only.
    let mask = unsafe {
        let x = _mm_set_epi64x(hi, lo);
        // `b - lo < n` as signed bytes after shifting the range to start at -128: the
        // unsigned range test `b.wrapping_sub(lo) < n` in one compare.
        let in_range = |v, lo: i8, n: i8| {
            let shifted = _mm_sub_epi8(v, _mm_set1_epi8(lo.wrapping_add(i8::MIN)));
            _mm_cmplt_epi8(shifted, _mm_set1_epi8(i8::MIN.wrapping_add(n)))
        };
        let letter = in_range(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a' as i8, 26);
        let digit = in_range(x, b'0' as i8, 10);
        let mark = _mm_or_si128(
            _mm_cmpeq_epi8(x, _mm_set1_epi8(b'\'' as i8)),
            _mm_cmpeq_epi8(x, _mm_set1_epi8(b'-' as i8)),
        );
        _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), mark))
    };
    mask as u32 & 0xFFFF
}

/// The same, byte by byte, where SSE2 is not there to do it.
#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
pub fn word_byte_mask(chunk: &[u8; CHUNK]) -> u32 {
    let mut mask = 0u32;
    for (k, &c) in chunk.iter().enumerate() {
        let letter = (c | 0x20).wrapping_sub(b'a') < 26;
        let digit = c.wrapping_sub(b'0') < 10;
        let word = letter | digit | (c == b'\'') | (c == b'-');
        mask |= u32::from(word) << k;
    }
    mask
}

/// Bit k set when byte k of the chunk is one of `needles`.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn needle_mask(chunk: &[u8; CHUNK], needles: &[u8]) -> u32 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8, _mm_set_epi64x,
        _mm_setzero_si128,
    };
    let (lo, hi) = halves(chunk);
    // SAFETY: as in `word_byte_mask`: SSE2 instructions on registers only.
    let mask = unsafe {
        let x = _mm_set_epi64x(hi, lo);
        let mut m = _mm_setzero_si128();
        for &n in needles {
            m = _mm_or_si128(m, _mm_cmpeq_epi8(x, _mm_set1_epi8(n as i8)));
        }
        _mm_movemask_epi8(m)
    };
    mask as u32 & 0xFFFF
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn needle_mask(chunk: &[u8; CHUNK], needles: &[u8]) -> u32 {
    let mut mask = 0u32;
    for (k, c) in chunk.iter().enumerate() {
        mask |= u32::from(needles.contains(c)) << k;
    }
    mask
}

/// Whether `found` holds for some position of `hay` whose byte is one of `needles`
/// (asked in order, up to the first that holds): `memchr::memchr3_iter(..).any(found)`
/// for common bytes.
#[inline(always)]
pub fn any_position_of(hay: &[u8], needles: &[u8], mut found: impl FnMut(usize) -> bool) -> bool {
    let mut at = 0;
    let mut chunks = hay.chunks_exact(CHUNK);
    for chunk in &mut chunks {
        let mut sixteen = [0u8; CHUNK];
        sixteen.copy_from_slice(chunk);
        let mut mask = needle_mask(&sixteen, needles);
        while mask != 0 {
            if found(at + mask.trailing_zeros() as usize) {
                return true;
            }
            mask &= mask - 1;
        }
        at += CHUNK;
    }
    chunks
        .remainder()
        .iter()
        .enumerate()
        .any(|(k, c)| needles.contains(c) && found(at + k))
}

/// Whether `found` holds for some position `i` of `hay` where `hay[i]` is one of
/// `firsts` and `hay[i + 1]` one of `seconds` (asked in order, up to the first that
/// holds): for a phrase whose first byte alone is common ("g" of "Getty") but whose
/// first two together are not.
#[inline(always)]
pub fn any_pair_position_of(
    hay: &[u8],
    firsts: &[u8],
    seconds: &[u8],
    mut found: impl FnMut(usize) -> bool,
) -> bool {
    let mut at = 0;
    while let Some(window) = hay.get(at..at + CHUNK + 1) {
        let (mut first, mut second) = ([0u8; CHUNK], [0u8; CHUNK]);
        first.copy_from_slice(&window[..CHUNK]);
        second.copy_from_slice(&window[1..]);
        let mut mask = needle_mask(&first, firsts) & needle_mask(&second, seconds);
        while mask != 0 {
            if found(at + mask.trailing_zeros() as usize) {
                return true;
            }
            mask &= mask - 1;
        }
        at += CHUNK;
    }
    (at..hay.len().saturating_sub(1))
        .any(|i| firsts.contains(&hay[i]) && seconds.contains(&hay[i + 1]) && found(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_byte_mask_marks_letters_digits_apostrophes_and_hyphens() {
        for c in 0u8..=0xFF {
            let word = c.is_ascii_alphanumeric() || c == b'\'' || c == b'-';
            for k in 0..CHUNK {
                let mut sixteen = [b' '; CHUNK];
                sixteen[k] = c;
                let expected = u32::from(word) << k;
                assert_eq!(word_byte_mask(&sixteen), expected, "{c:#x} at {k}");
            }
        }
    }

    #[test]
    fn pair_positions_are_where_both_bytes_are_in_the_same_order() {
        let hay = "Getty Images gets ©2024; go get it, GETTY, g".repeat(3);
        for len in 0..hay.len() {
            let b = &hay.as_bytes()[..len];
            let (firsts, seconds) = (&[b'g', b'G', 0xC2][..], &[b'e', b'E', 0xA9][..]);
            let expected: Vec<usize> = (0..len.saturating_sub(1))
                .filter(|&i| firsts.contains(&b[i]) && seconds.contains(&b[i + 1]))
                .collect();
            let mut seen = Vec::new();
            assert!(!any_pair_position_of(b, firsts, seconds, |i| {
                seen.push(i);
                false
            }));
            assert_eq!(seen, expected, "{len} bytes");
        }
    }

    #[test]
    fn positions_are_those_of_memchr_in_the_same_order() {
        let hay = "Growing wages—we’re told—will grow; ©2024 Getty Images, 12/03. w-w-w".repeat(3);
        for len in 0..hay.len() {
            let b = &hay.as_bytes()[..len];
            for needles in [&b"wW-"[..], &[0xC2, b'g', b'G'], &[0xE2], b"/."] {
                let expected: Vec<usize> = b
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| needles.contains(c))
                    .map(|(i, _)| i)
                    .collect();
                let mut seen = Vec::new();
                let none = !any_position_of(b, needles, |i| {
                    seen.push(i);
                    false
                });
                assert!(none);
                assert_eq!(seen, expected, "{needles:?} in {len} bytes");
                // It stops at the first position that holds.
                if let Some(&last) = expected.last() {
                    let mut asked = 0;
                    assert!(any_position_of(b, needles, |i| {
                        asked += 1;
                        i == last
                    }));
                    assert_eq!(asked, expected.len());
                }
            }
        }
    }
}
