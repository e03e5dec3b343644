//! Scripts written without spaces between words (Chinese, Japanese, Thai, ...) and
//! Hangul. Read by `lang` (language detection) and `lines` (short lines); in a file
//! of its own because those two read each other otherwise. (Moved out of lang.rs,
//! unchanged.)

/// A letter of a script written without spaces between words, or Hangul.
pub fn is_dense_letter(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // Hangul Jamo
        | 0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3130..=0x318F     // Hangul compatibility Jamo
        | 0x31F0..=0x31FF     // Katakana extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0xFF66..=0xFF9F     // half-width Katakana
        | 0x0E00..=0x0E7F     // Thai
        | 0x0E80..=0x0EFF     // Lao
        | 0x1000..=0x109F     // Myanmar
        | 0x1780..=0x17FF     // Khmer
        | 0x20000..=0x2FFFF // CJK extensions B-F
    )
}
