//! English stop words in a line: the prose test's and the language sample's measure.
//!
//! Every long line of every page is counted, so this is the cleaner's hottest loop:
//! sixteen ASCII bytes at a time, and a collision-free table of the stop words packed as
//! integers.

use std::sync::LazyLock;

use super::simd::{word_byte_mask, CHUNK};

/// Common English function words: their density separates prose from menus and labels.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "if", "in", "into", "is", "it", "its", "may", "more", "most", "must",
    "no", "not", "of", "on", "one", "or", "our", "over", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to",
    "under", "up", "was", "we", "were", "what", "when", "which", "while", "who", "will", "with",
    "would", "you", "your",
];

/// Whether `w` is one of [`STOP_WORDS`], exactly (case included): its bytes packed
/// as they are and looked up in the stop table (the search index asks for every word
/// of every body).
pub fn is_stop_word(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return false;
    }
    let mut buf = [0u8; 8];
    buf[..b.len()].copy_from_slice(b);
    let key = u64::from_le_bytes(buf);
    let table = &*STOP_TABLE;
    // A stop word's key is its bytes, so its length is where the zero bytes begin; a
    // word with a NUL byte at its end would otherwise pack like a shorter one.
    let stop_len = 8 - key.leading_zeros() as usize / 8;
    table.slots[stop_slot(key, table.multiplier)] == key && stop_len == b.len()
}

/// A word of at most 8 bytes of letters, digits, `'` and `-` packed into an integer,
/// lowercased: stop words compare as integers in the hot loop. Setting bit 0x20 lowercases
/// ASCII capitals and leaves digits, `'` and `-` as they are (they already have it).
fn pack_lower(w: &[u8]) -> u64 {
    debug_assert!(w.len() <= 8);
    let mut buf = [0u8; 8];
    buf[..w.len()].copy_from_slice(w);
    let mask = if w.len() == 8 {
        u64::MAX
    } else {
        (1u64 << (8 * w.len())) - 1
    };
    u64::from_le_bytes(buf) | (0x2020_2020_2020_2020 & mask)
}

/// [`STOP_WORDS`] packed by [`pack_lower`], each in its own slot of a table indexed by
/// a multiplicative hash (0 = empty slot): one multiply, one load and one compare per
/// word, with no branch on the answer (the hottest loop meets a word every six bytes,
/// and a stop word is too common to predict).
struct StopTable {
    multiplier: u64,
    slots: [u64; STOP_TABLE_SIZE],
}

/// The first multiplier (of a fixed sequence) under which no two stop words share a
/// slot: the same table on every run. The sequence starts at the one that fits the list
/// (found from 0x9E37_79B9_7F4A_7C15 after some 1,300 tries, a millisecond at start-up);
/// a changed list makes the search go on from there.
static STOP_TABLE: LazyLock<StopTable> = LazyLock::new(|| {
    let mut multiplier = 0x3886_6EF2_436B_1A35u64;
    loop {
        let mut slots = [0u64; STOP_TABLE_SIZE];
        let collision_free = STOP_WORDS.iter().all(|w| {
            let key = pack_lower(w.as_bytes());
            let slot = stop_slot(key, multiplier);
            let free = slots[slot] == 0;
            slots[slot] = key;
            free
        });
        if collision_free {
            return StopTable { multiplier, slots };
        }
        multiplier = multiplier
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407)
            | 1;
    }
});

const STOP_TABLE_SIZE: usize = 512;

#[inline(always)]
fn stop_slot(key: u64, multiplier: u64) -> usize {
    (key.wrapping_mul(multiplier) >> (64 - STOP_TABLE_SIZE.trailing_zeros())) as usize
}

/// Share of words that are function words.
///
/// Words are runs of alphanumeric characters, apostrophes and hyphens (as in
/// [`super::words::words`]); the hot path walks ASCII bytes and decodes only non-ASCII characters.
pub fn stop_word_ratio(line: &str) -> f64 {
    stop_word_counts(line).ratio()
}

/// Words of a line (runs of letters, digits, `'`, `’` and `-`) and how many of them
/// are English function words: what [`stop_word_ratio`] divides. Sums of these over
/// lines give the ratio of the lines joined.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StopWordCounts {
    pub words: usize,
    pub stops: usize,
}

impl StopWordCounts {
    /// The share of words that are stop words (0 for no words).
    pub fn ratio(self) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            self.stops as f64 / self.words as f64
        }
    }
}

impl std::ops::AddAssign for StopWordCounts {
    fn add_assign(&mut self, o: Self) {
        self.words += o.words;
        self.stops += o.stops;
    }
}

/// [`StopWordCounts`] of a line, in one pass. The language sample and the prose test
/// count every long line of a page, so this is the cleaner's hottest loop. Sixteen ASCII
/// bytes at a time become a bit mask of word bytes, and words are found from where the
/// mask turns on and off; a non-ASCII character is decoded on its own. A word's
/// lowercase key (see [`pack_lower`]) is read in one load once its length shows it
/// could be a stop word.
pub fn stop_word_counts(line: &str) -> StopWordCounts {
    let b = line.as_bytes();
    let mut words = WordRun::default();
    let mut i = 0;
    while let Some(chunk) = b.get(i..i + CHUNK) {
        let mut sixteen = [0u8; CHUNK];
        sixteen.copy_from_slice(chunk);
        if u128::from_le_bytes(sixteen) & 0x8080_8080_8080_8080_8080_8080_8080_8080 != 0 {
            // Up to and through the first non-ASCII character, byte by byte.
            let stop = i + chunk.iter().position(|&c| c >= 0x80).unwrap_or(CHUNK);
            while i < stop {
                words.ascii_byte(b, i);
                i += 1;
            }
            i += words.non_ascii_char(line, i);
            continue;
        }
        words.ascii_chunk(b, i, word_byte_mask(&sixteen));
        i += CHUNK;
    }
    while i < b.len() {
        if b[i] < 0x80 {
            words.ascii_byte(b, i);
            i += 1;
        } else {
            i += words.non_ascii_char(line, i);
        }
    }
    words.finish(b, b.len());
    words.counts
}

/// The state of [`stop_word_counts`]' scan: the word it is inside, if any.
#[derive(Default)]
struct WordRun {
    counts: StopWordCounts,
    in_word: bool,
    /// Where the current word started.
    start: usize,
}

impl WordRun {
    #[inline(always)]
    fn begin(&mut self, at: usize) {
        self.in_word = true;
        self.start = at;
    }

    /// The current word, if any, ends before byte `end`.
    #[inline(always)]
    fn finish(&mut self, b: &[u8], end: usize) {
        if !self.in_word {
            return;
        }
        self.in_word = false;
        self.counts.words += 1;
        let len = end - self.start;
        self.counts.stops += usize::from(is_stop_word_at(b, self.start, len));
    }

    #[inline(always)]
    fn ascii_byte(&mut self, b: &[u8], at: usize) {
        match (WORD_BYTE_CLASS[usize::from(b[at])] == WORD, self.in_word) {
            (true, false) => self.begin(at),
            (false, true) => self.finish(b, at),
            _ => {}
        }
    }

    /// The non-ASCII character at byte `at`; returns its length in bytes.
    fn non_ascii_char(&mut self, line: &str, at: usize) -> usize {
        let (is_word, len) = non_ascii_word_char_at(line, at);
        if is_word {
            if !self.in_word {
                self.begin(at);
            }
        } else {
            self.finish(line.as_bytes(), at);
        }
        len
    }

    /// [`CHUNK`] ASCII bytes from `at`; bit k of `mask` says byte `at + k` is a word byte.
    #[inline(always)]
    fn ascii_chunk(&mut self, b: &[u8], at: usize, mask: u32) {
        let before = (mask << 1) | u32::from(self.in_word);
        let mut starts = mask & !before;
        // Bit k: byte k is no word byte but the byte before it was.
        let mut ends = !mask & before & ((1 << CHUNK) - 1);
        while ends != 0 {
            let end = at + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            if !self.in_word {
                // The word that ends here started in this chunk: the first start left.
                self.start = at + starts.trailing_zeros() as usize;
                starts &= starts - 1;
            }
            let len = end - self.start;
            self.in_word = false;
            self.counts.words += 1;
            self.counts.stops += usize::from(is_stop_word_at(b, self.start, len));
        }
        // A word still open at the chunk's end started at the last start, if any.
        if mask & (1 << (CHUNK - 1)) != 0 {
            if starts != 0 {
                self.start = at + starts.trailing_zeros() as usize;
            }
            self.in_word = true;
        }
    }
}

/// Whether the word `b[start..start + len]` is a stop word. A longer word is read as
/// its first eight bytes, which no stop word's key matches (stop words have at most
/// seven letters, so their keys' top byte is 0); nor does a word with a non-ASCII byte
/// (every byte of a stop word's key is ASCII).
#[inline(always)]
fn is_stop_word_at(b: &[u8], start: usize, len: usize) -> bool {
    const LEN_MASK: [u64; 9] = {
        let mut t = [u64::MAX; 9];
        let mut n = 0;
        while n < 8 {
            t[n] = (1u64 << (8 * n)) - 1;
            n += 1;
        }
        t
    };
    let len = len.min(8);
    let key = match b.get(start..start + 8) {
        Some(eight) => {
            let mut buf = [0u8; 8];
            buf.copy_from_slice(eight);
            (u64::from_le_bytes(buf) | 0x2020_2020_2020_2020) & LEN_MASK[len]
        }
        None => pack_lower(&b[start..start + len]),
    };
    let table = &*STOP_TABLE;
    table.slots[stop_slot(key, table.multiplier)] == key
}

/// What a byte starts in [`stop_word_counts`]: an ASCII word character (letter, digit,
/// apostrophe, hyphen), an ASCII separator, or a non-ASCII character to decode.
const SEPARATOR: u8 = 0;
const WORD: u8 = 1;
const NON_ASCII: u8 = 2;
static WORD_BYTE_CLASS: [u8; 256] = {
    let mut t = [NON_ASCII; 256];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        let word = b.is_ascii_alphanumeric() || b == b'\'' || b == b'-';
        t[c] = if word { WORD } else { SEPARATOR };
        c += 1;
    }
    t
};

#[inline(never)]
fn non_ascii_word_char_at(line: &str, i: usize) -> (bool, usize) {
    let c = line[i..].chars().next().unwrap_or(' ');
    (c.is_alphanumeric() || c == '’', c.len_utf8())
}
#[cfg(test)]
mod stop_word_tests {
    use super::{is_stop_word, stop_word_counts, StopWordCounts, STOP_WORDS};

    /// The definition the fast loop must keep: words are runs of alphanumerics, `'`,
    /// `’` and `-`; a stop word is an all-ASCII word found in the list, any case.
    fn by_definition(line: &str) -> StopWordCounts {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| !w.is_empty())
            .collect();
        let stops = words
            .iter()
            .filter(|w| w.is_ascii() && STOP_WORDS.contains(&w.to_ascii_lowercase().as_str()))
            .count();
        StopWordCounts {
            words: words.len(),
            stops,
        }
    }

    #[test]
    fn is_stop_word_is_exact_membership_of_the_list() {
        for w in STOP_WORDS {
            assert!(is_stop_word(w), "{w}");
            let capital = w[..1].to_uppercase() + &w[1..];
            assert!(!is_stop_word(&capital), "{capital}");
            assert!(!is_stop_word(&format!("{w}\0")), "{w} and NUL");
            assert!(!is_stop_word(&format!("{w}s")) || STOP_WORDS.contains(&&*format!("{w}s")));
            assert!(!is_stop_word(&w[..w.len() - 1]) || STOP_WORDS.contains(&&w[..w.len() - 1]));
        }
        for w in [
            "",
            "\0",
            "\0\0",
            "thee",
            "whichever",
            "shoulder",
            "théir",
            "aaaaaaaaa",
            "Seoul",
        ] {
            assert!(!is_stop_word(w), "{w:?}");
        }
    }

    #[test]
    fn counts_words_and_stop_words_as_defined_on_awkward_lines() {
        let lines = [
            "",
            " ",
            "The",
            "THE talks IN Seoul, and-then THEIR",
            "which should",
            "whichever shoulder",
            "Mr Lee’s DPK — it’s over; the end.",
            "Ünter den Linden is in Berlin: über alles, à la carte",
            "–the—of…and",
            "그는 the 관세를 of 올렸다.",
            "日本はthe関税を",
            "an 12 it's they're 'the' -the- 2025-06-12",
            "under",
            "x under",
            "Éthe é the",
        ];
        for line in lines {
            assert_eq!(stop_word_counts(line), by_definition(line), "{line:?}");
        }
    }

    #[test]
    fn counts_words_and_stop_words_as_defined_on_generated_lines() {
        // Pieces that cross the scan's eight-byte chunks at every offset: stop words of
        // every length, long words, apostrophes, hyphens and non-ASCII letters and marks.
        let pieces = [
            "a",
            "The",
            "of",
            "should",
            "their",
            "whichever",
            "x",
            " ",
            " ",
            ", ",
            "’",
            "'",
            "-",
            "é",
            "Ünter",
            "—",
            "“",
            "관세",
            "日本",
            "2025",
            "it’s",
            "don't",
            ".",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            let mut line = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                line.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            assert_eq!(stop_word_counts(&line), by_definition(&line), "{line:?}");
        }
    }
}
