//! Sentence splitting for dating and tagging: good enough for news prose,
//! aware of the abbreviations that would otherwise cut it ("U.S.", "Jan.", "Dr.").

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sen", "rep", "gov", "st", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "etc", "inc", "corp", "co", "ltd", "u.s", "u.k", "u.n", "e.g", "i.e", "approx",
];

/// Split text into sentences (trimmed, non-empty).
pub fn split<'a>(text: &'a str) -> Vec<&'a str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let push = |out: &mut Vec<&'a str>, s: &'a str| {
        let s = s.trim();
        if !s.is_empty() {
            out.push(s);
        }
    };
    let (mut start, mut i) = (0, 0);
    // Only a sentence mark can end a sentence: the scan skips to the next byte that
    // can begin one (topics, names and figures each split every body).
    while let Some(skip) = bytes[i..]
        .iter()
        .position(|&b| MAY_END_SENTENCE[usize::from(b)])
    {
        i += skip;
        match sentence_end(text, start, i) {
            Some(end) => {
                push(&mut out, &text[start..end]);
                (start, i) = (end, end);
            }
            None => i += 1,
        }
    }
    push(&mut out, &text[start..]);
    out
}

/// Bytes a sentence mark begins with: `.`, `!`, `?`, and the first bytes of the
/// UTF-8 of `。` (E3) and of `！` and `？` (EF).
static MAY_END_SENTENCE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Where the sentence begun at `start` ends when a sentence mark sits at byte `i`
/// (past its closing quotes and brackets), or `None`.
fn sentence_end(text: &str, start: usize, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Full-width enders (Chinese, Japanese) end a sentence with no space after.
    // Compared as bytes: a match starts on a character boundary.
    if let Some(mark) = ["。", "！", "？"]
        .iter()
        .find(|m| bytes[i..].starts_with(m.as_bytes()))
    {
        let mut end = i + mark.len();
        for closing in ["」", "』", "）"] {
            if bytes[end..].starts_with(closing.as_bytes()) {
                end += closing.len();
            }
        }
        return Some(end);
    }
    let b = bytes[i];
    if !matches!(b, b'.' | b'!' | b'?') {
        return None;
    }
    // Include closing quotes/brackets in the sentence.
    let mut end = i + 1;
    while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
        end += 1;
    }
    for closing in ["”", "’"] {
        if text[end..].starts_with(closing) {
            end += closing.len();
        }
    }
    let next_starts_sentence = text[end..]
        .strip_prefix(' ')
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| {
            // Scripts without case (Hangul, kana, Han, Arabic...) start sentences too.
            let uncased = c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase();
            c.is_uppercase() || uncased || matches!(c, '"' | '“' | '‘' | '\'')
        });
    (end >= bytes.len() || next_starts_sentence && !is_abbreviation(&text[start..i], b))
        .then_some(end)
}

fn is_abbreviation(before: &str, mark: u8) -> bool {
    if mark != b'.' {
        return false;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("")
        .to_lowercase();
    // A single capital letter ("U.S", "Kim J.") or a known abbreviation.
    word.len() == 1
        || ABBREVIATIONS.contains(&word.as_str())
        || word.chars().filter(|&c| c == '.').count() >= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_japanese_chinese_and_korean_sentences() {
        assert_eq!(
            split("日本は関税を上げた。韓国は反発した。"),
            ["日本は関税を上げた。", "韓国は反発した。"]
        );
        assert_eq!(
            split("미국이 관세를 올렸다. 한국은 반발했다."),
            ["미국이 관세를 올렸다.", "한국은 반발했다."]
        );
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        let s =
            split("The U.S. President met Kim. He left on Jan. 22 for Seoul. “Really?” she asked.");
        assert_eq!(
            s,
            [
                "The U.S. President met Kim.",
                "He left on Jan. 22 for Seoul.",
                "“Really?” she asked."
            ]
        );
    }
}
