//! Words of a line: counting, whitespace and ASCII-case tests (stop words: [`super::stop_words`]).
//!
//! The cleaner asks these of every line of every seed, so they walk bytes,
//! stop early when the answer is known and never allocate on the common path.

use std::sync::LazyLock;

pub use super::stop_words::{
    is_stop_word, stop_word_counts, stop_word_ratio, StopWordCounts, STOP_WORDS,
};

/// Words of a line, lowercased, letters/digits only.
pub fn words(line: &str) -> Vec<String> {
    line.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// Words separated by whitespace: the same count as `split_whitespace().count()`.
///
/// The hottest function of the cleaner (every detector asks it), so it walks bytes:
/// ASCII whitespace directly, and the few multi-byte whitespace characters (NBSP,
/// the U+2000 block, ideographic space...) by their UTF-8 lead bytes.
pub fn word_count(line: &str) -> usize {
    count_words_upto(line, usize::MAX - 1)
}

/// Whether the line has at most `n` words; stops counting past `n` (most detectors
/// only look at short lines, and most lines of a page are long paragraphs).
pub fn words_at_most(line: &str, n: usize) -> bool {
    count_words_upto(line, n) <= n
}

/// Whether the line has at least `n` words; stops counting at `n`.
pub fn words_at_least(line: &str, n: usize) -> bool {
    n == 0 || !words_at_most(line, n - 1)
}

/// Words in `line`, counting no further than `cap + 1`.
pub fn count_words_upto(line: &str, cap: usize) -> usize {
    let b = line.as_bytes();
    let (mut count, mut in_word, mut i) = (0usize, false, 0usize);
    while i < b.len() {
        let ws = match BYTE_CLASS[usize::from(b[i])] {
            ByteClass::Other => 0,
            ByteClass::Space => 1,
            ByteClass::MaybeSpace => multibyte_whitespace_len(b, i),
        };
        if ws > 0 {
            in_word = false;
            i += ws;
        } else {
            if !in_word {
                count += 1;
                if count > cap {
                    return count;
                }
            }
            in_word = true;
            i += 1;
        }
    }
    count
}

/// What a byte says about whitespace: ASCII whitespace, the lead byte of a character
/// that may be multi-byte whitespace (U+0085, U+00A0, U+1680, U+2000.., U+3000), or neither.
#[derive(Clone, Copy)]
enum ByteClass {
    Other,
    Space,
    MaybeSpace,
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut t = [ByteClass::Other; 256];
    t[b' ' as usize] = ByteClass::Space;
    t[b'\t' as usize] = ByteClass::Space;
    t[b'\n' as usize] = ByteClass::Space;
    t[b'\r' as usize] = ByteClass::Space;
    t[0x0B] = ByteClass::Space;
    t[0x0C] = ByteClass::Space;
    t[0xC2] = ByteClass::MaybeSpace;
    t[0xE1] = ByteClass::MaybeSpace;
    t[0xE2] = ByteClass::MaybeSpace;
    t[0xE3] = ByteClass::MaybeSpace;
    t
};

/// Length in bytes of the whitespace character at `b[i]` when its lead byte is one of
/// [`ByteClass::MaybeSpace`], else 0. `b` is valid UTF-8; continuation bytes are never
/// whitespace, so stepping one byte at a time through a multi-byte letter is safe.
#[inline(never)]
fn multibyte_whitespace_len(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        // U+0085, U+00A0
        0xC2 if matches!(at(1), 0x85 | 0xA0) => 2,
        // U+1680
        0xE1 if at(1) == 0x9A && at(2) == 0x80 => 3,
        // U+2000..U+200A, U+2028, U+2029, U+202F, U+205F
        0xE2 if at(1) == 0x80 && matches!(at(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) => 3,
        0xE2 if at(1) == 0x81 && at(2) == 0x9F => 3,
        // U+3000
        0xE3 if at(1) == 0x80 && at(2) == 0x80 => 3,
        _ => 0,
    }
}

/// Two spaces, searched for in every line (the searcher built once).
static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// Whether the line's whitespace is already single plain spaces between words
/// (nothing to normalise): the common case, checked without allocating.
pub fn is_space_normal(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if DOUBLE_SPACE.find(b).is_some() {
        return false;
    }
    // Tab, line feed, vertical tab, form feed, carriage return (a fold without early
    // exit, so the compiler can vectorise it).
    if b.iter()
        .fold(false, |acc, &c| acc | (c.wrapping_sub(9) < 5))
    {
        return false;
    }
    // Multi-byte whitespace starts with one of four lead bytes; 0xE2 also starts
    // curly quotes and dashes, so each hit is checked.
    !super::simd::any_position_of(b, &[0xC2, 0xE1, 0xE2, 0xE3], |i| {
        multibyte_whitespace_len(b, i) > 0
    })
}

/// Whether `line` starts with `prefix`, ignoring ASCII case (`prefix` is lowercase ASCII).
pub fn starts_with_ignore_case(line: &str, prefix: &str) -> bool {
    line.len() >= prefix.len()
        && line.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Where the last `n` bytes of `text` start (moved forward to a character boundary), and
/// those bytes: tests that can only match at a line's end look there, not through it.
pub fn tail_bytes(text: &str, n: usize) -> (usize, &str) {
    let mut start = text.len().saturating_sub(n);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    (start, &text[start..])
}

/// The first `n` bytes of `text` at most, cut back to a char boundary.
pub fn head_bytes(text: &str, n: usize) -> &str {
    if text.len() <= n {
        return text;
    }
    let mut end = n;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Whether `line` contains `needle`, ignoring ASCII case (`needle` is lowercase ASCII).
pub fn contains_ignore_case(line: &str, needle: &str) -> bool {
    let (hay, n) = (line.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    // At each occurrence of the first byte (either case), compare.
    let cases = [first.to_ascii_lowercase(), first.to_ascii_uppercase()];
    super::simd::any_position_of(hay, &cases, |i| {
        hay.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

/// Whether `line` ends with `suffix`, ignoring ASCII case (`suffix` is lowercase ASCII).
pub fn ends_with_ignore_case(line: &str, suffix: &str) -> bool {
    line.len() >= suffix.len()
        && line.as_bytes()[line.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Words as word processors count them: runs between spaces, except that each Han
/// ideograph or kana counts as a word (Chinese and Japanese set no spaces between
/// words); also how many of those were such characters.
pub fn measure(text: &str) -> (usize, usize) {
    let (mut words, mut cjk) = (0, 0);
    for run in text.split_whitespace() {
        if run.is_ascii() {
            words += usize::from(run.bytes().any(|b| b.is_ascii_alphanumeric()));
            continue;
        }
        let ideographs = run.chars().filter(|&c| is_ideograph_or_kana(c)).count();
        let rest = run
            .chars()
            .any(|c| c.is_alphanumeric() && !is_ideograph_or_kana(c));
        words += ideographs + usize::from(rest && ideographs == 0);
        cjk += ideographs;
    }
    (words, cjk)
}

fn is_ideograph_or_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

#[cfg(test)]
mod measure_tests {
    use super::measure;

    #[test]
    fn counts_han_and_kana_characters_as_words_and_hangul_by_spaces() {
        assert_eq!(measure("Seoul and Tokyo agreed."), (4, 0));
        assert_eq!(measure("日本は関税を上げた。"), (9, 9));
        assert_eq!(measure("미국이 관세를 올렸다."), (3, 0));
        assert_eq!(measure("Trump の関税"), (4, 3));
    }
}
