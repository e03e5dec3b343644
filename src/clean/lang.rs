//! The page's language and the prose measures that follow from it.
//!
//! 1. [`PageLanguage::detect`] asks `whatlang` for the language of the page's
//!    longer lines (menus are short, paragraphs are long, so the sample is prose).
//! 2. Spaced languages get that language's stop-word list (`stop-words` crate,
//!    ISO lists); English keeps the small built-in list and its fast path.
//! 3. Scripts written without spaces between words (Chinese, Japanese, Thai...)
//!    and Korean (whose particles cling to the word, so no stop word stands
//!    alone) are measured in characters and sentence ends, not in words.

use rustc_hash::FxHashSet;

pub use super::dense_scripts::is_dense_letter;
use super::lines::{ends_sentence, stop_word_ratio, words_at_least, MIN_PROSE_WORDS};
use super::words::{stop_word_counts, StopWordCounts};

/// How many characters of long lines to hand the detector: more changes nothing
/// on the dev set and costs time on long pages.
const SAMPLE_CHARS: usize = 6000;

/// Lines shorter than this (in characters) are left out of the sample: menus, labels.
const SAMPLE_MIN_LINE_CHARS: usize = 40;

/// Fewest letters of a prose line in a script without spaces: about two short
/// Japanese sentences or one Korean one (a 10-word English sentence is ~50 letters,
/// a CJK character carries roughly two Latin letters' worth).
const MIN_DENSE_PROSE_LETTERS: usize = 25;

/// Fewest letters of a short sentence inside the body in such a script.
const MIN_DENSE_SHORT_LETTERS: usize = 8;

/// Stop-word share of a prose line with a language's ISO list. The ISO lists are
/// longer than the built-in English one (hundreds of words), so prose clears this
/// easily; the same 0.15 as English keeps menus and headlines out.
const MIN_STOP_RATIO: f64 = 0.15;

/// English stop-word share above which a sample is taken as English without asking
/// the detector: English prose runs at 0.3-0.5 with the built-in list; German,
/// Italian, Portuguese or Indonesian prose shares only loanwords and names with it.
const ENGLISH_STOP_RATIO: f64 = 0.25;

/// What we know about the page's language.
#[derive(Debug, Default)]
pub struct PageLanguage {
    /// ISO 639-1 code when detected ("en", "de", "ko").
    pub code: Option<&'static str>,
    /// The language's stop words (lowercase); `None` for English (built-in list)
    /// and for languages without a list.
    stops: Option<FxHashSet<&'static str>>,
    /// The page is mostly in a script written without word spaces (or Korean).
    /// Only the tests read it now that `clean` is private to the crate: they pin
    /// what detection decided.
    #[cfg_attr(not(test), allow(dead_code))]
    pub dense: bool,
}

impl PageLanguage {
    /// Detect the language from the page's lines. Also returns the English stop-word
    /// counts of the lines the sample read (indexed like `lines`): the prose test
    /// needs the same counts of the same lines, and counting twice was a tenth of a
    /// page's cleaning time.
    pub fn detect(lines: &[&str]) -> (Self, Vec<Option<StopWordCounts>>) {
        let mut counted = vec![None; lines.len()];
        // The sample's lines, joined only if the detector is asked.
        let mut sampled: Vec<&str> = Vec::new();
        let mut sample_len = 0;
        let mut sample_counts = StopWordCounts::default();
        for (i, l) in lines.iter().enumerate() {
            // (A char is 1-4 bytes: most lines are decided by their length alone.)
            let long_enough = l.len() > 4 * SAMPLE_MIN_LINE_CHARS
                || (l.len() > SAMPLE_MIN_LINE_CHARS
                    && l.chars().nth(SAMPLE_MIN_LINE_CHARS).is_some());
            if !long_enough {
                continue;
            }
            let c = stop_word_counts(l);
            counted[i] = Some(c);
            sample_counts += c;
            sampled.push(l);
            sample_len += l.len() + 1;
            if sample_len >= SAMPLE_CHARS {
                break;
            }
        }
        // English prose, the common case, is plain from its stop words alone (a
        // quarter of its words; other languages' prose shares few of them): the
        // detector, which costs three quarters of a text dump's cleaning time, is
        // asked only about the rest. (Words never run across the joining newlines, so
        // the lines' counts summed are the sample's.)
        if sample_counts.ratio() >= ENGLISH_STOP_RATIO {
            let english = Self {
                code: Some("en"),
                stops: None,
                dense: false,
            };
            return (english, counted);
        }
        let mut sample = String::with_capacity(sample_len);
        for l in sampled {
            sample.push_str(l);
            sample.push('\n');
        }
        let Some(info) = whatlang::detect(&sample) else {
            return (Self::default(), counted);
        };
        let code = iso_639_1(info.lang());
        let dense = is_dense_lang(info.lang());
        let stops = match code {
            Some("en") | None => None,
            Some(_) if dense => None,
            Some(c) => stop_words::lookup(c).map(|ws| ws.iter().copied().collect()),
        };
        (Self { code, stops, dense }, counted)
    }

    /// A line of running prose in this page's language.
    /// `counted`: the line's English stop-word counts when already known.
    pub fn is_prose(&self, line: &str, counted: Option<StopWordCounts>) -> bool {
        let whole = line;
        let line = without_signoff(line);
        // Counts of the whole line say nothing of it without its signature.
        let english_ratio = || match counted {
            Some(c) if line.len() == whole.len() => c.ratio(),
            _ => stop_word_ratio(line),
        };
        // Both kinds of prose end a sentence: the cheapest test first.
        if !ends_sentence(line) {
            return false;
        }
        if is_dense_line(line) {
            return dense_letters(line) >= MIN_DENSE_PROSE_LETTERS;
        }
        if !words_at_least(line, MIN_PROSE_WORDS) {
            return false;
        }
        match &self.stops {
            // English, or a language without a list: the English list still
            // catches English lines; a language without one is judged by shape.
            None if self.code.is_none_or(|c| c == "en") => english_ratio() >= 0.15,
            None => true,
            Some(set) => stop_ratio_in(line, set) >= MIN_STOP_RATIO || english_ratio() >= 0.15,
        }
    }
}

impl PageLanguage {
    /// Whether a short line is written in another language than the page: none of its
    /// words is a stop word of the page's language, and a third or more of them are stop
    /// words of another language (at least two). Undecided (false) for scripts without
    /// spaces and for pages whose language has no stop-word list. (The detector alone
    /// cannot tell: on five words of English headline style it may answer Turkish.)
    pub fn is_foreign(&self, line: &str) -> bool {
        let own_stop_word = match (&self.stops, self.code) {
            (_, None) => return false,
            _ if self.dense => return false,
            (None, Some("en")) => stop_word_counts(line).stops > 0,
            (None, Some(_)) => return false,
            (Some(set), Some(_)) => stop_ratio_in(line, set) > 0.0,
        };
        if own_stop_word {
            return false;
        }
        let words: Vec<String> = line
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        whatlang::Lang::all()
            .iter()
            .filter_map(|&l| iso_639_1(l))
            .filter(|&code| Some(code) != self.code)
            .filter_map(stop_words::lookup)
            .any(|list| {
                let hits = words.iter().filter(|w| list.contains(&w.as_str())).count();
                hits >= 2 && hits * 3 >= words.len()
            })
    }
}

/// Most words of a letter's capitalised signature ("-- BEATEN UP IN CALIFORNIA").
const MAX_SIGNOFF_WORDS: usize = 6;
/// Bytes at a line's end looked at for the signature: six capitalised words and a dash.
const MAX_SIGNOFF_BYTES: usize = 80;

/// A reader's letter printed with its signature after a dash ("… Should I have? --
/// BEATEN UP IN CALIFORNIA"): the sentence is what comes before it.
fn without_signoff(line: &str) -> &str {
    // Only the line's end can hold a signature: look there, not through the paragraph.
    let (tail_start, tail) = super::words::tail_bytes(line, MAX_SIGNOFF_BYTES);
    // Most lines have no dash at their end: a byte scan rules them out ('—' is E2 80 94).
    let bytes = tail.as_bytes();
    if memchr::memchr2(b'-', 0x94, bytes).is_none()
        || (!bytes.windows(4).any(|w| w == b" -- ")
            && !bytes.windows(5).any(|w| w == " — ".as_bytes()))
    {
        return line;
    }
    let Some((before, name)) = tail.rsplit_once(" -- ").or_else(|| tail.rsplit_once(" — "))
    else {
        return line;
    };
    let text = &line[..tail_start + before.len()];
    let signature = name.chars().any(char::is_alphabetic)
        && !name.chars().any(char::is_lowercase)
        && super::lines::words_at_most(name, MAX_SIGNOFF_WORDS);
    if signature {
        text
    } else {
        line
    }
}

/// A short sentence that is still prose once we know we are inside the body.
pub fn is_short_prose(line: &str) -> bool {
    let line = without_signoff(line);
    if is_dense_line(line) {
        return dense_letters(line) >= MIN_DENSE_SHORT_LETTERS && ends_sentence(line);
    }
    super::lines::is_short_prose(line)
}

/// Share of a line's words found in `stops` (words: runs of letters and digits, lowercased).
fn stop_ratio_in(line: &str, stops: &FxHashSet<&'static str>) -> f64 {
    let (mut total, mut hits) = (0usize, 0usize);
    let mut buf = String::new();
    for w in line.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        total += 1;
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        hits += usize::from(stops.contains(buf.as_str()));
    }
    if total == 0 {
        0.0
    } else {
        hits as f64 / total as f64
    }
}

/// How many letters of the line are in a dense script.
pub fn dense_letters(line: &str) -> usize {
    line.chars().filter(|&c| is_dense_letter(c)).count()
}

/// Most of the line's letters are in a dense script.
pub fn is_dense_line(line: &str) -> bool {
    // Every dense letter takes three or four bytes, so a line with no lead byte of such
    // characters (ASCII lines, the common case) or fewer than half its ASCII letters
    // cannot be dense (a paragraph with a few curly quotes, the usual reason a line of
    // English is not ASCII). The letters are counted only until there are too many: a
    // few quotes allow a few letters.
    let wide_leads = wide_lead_bytes(line.as_bytes());
    if wide_leads == 0 {
        return false;
    }
    let more_letters_than_twice_the_leads = line
        .bytes()
        .filter(u8::is_ascii_alphabetic)
        .nth(2 * wide_leads)
        .is_some();
    if more_letters_than_twice_the_leads {
        return false;
    }
    let (mut letters, mut dense) = (0usize, 0usize);
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        dense += usize::from(is_dense_letter(c));
    }
    letters > 0 && dense * 2 >= letters
}

/// How many bytes are 0xE0 or above (the first bytes of three- and four-byte
/// characters), eight at a time: such a byte has its top three bits set, and shifting
/// the word left by one and two brings bits 6 and 5 of each byte under its bit 7.
fn wide_lead_bytes(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        n += (x & (x << 1) & (x << 2) & HIGH).count_ones() as usize;
    }
    n + chunks.remainder().iter().filter(|&&c| c >= 0xE0).count()
}

fn is_dense_lang(l: whatlang::Lang) -> bool {
    use whatlang::Lang::*;
    matches!(l, Cmn | Jpn | Kor | Tha | Khm | Mya)
}

/// ISO 639-1 code of a detected language (the codes `stop-words` uses).
fn iso_639_1(l: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match l {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Pol => "pl",
        Kor => "ko",
        Nob => "no",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Mar => "mr",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Ind => "id",
        Pes => "fa",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_lead_bytes_counts_the_first_bytes_of_three_and_four_byte_characters() {
        let pieces = [
            "a", "é", "’", "관", "日", "𠀀", " ", "ÿ", "\u{7FF}", "\u{800}",
        ];
        let mut line = String::new();
        for i in 0..200usize {
            line.push_str(pieces[i * 7 % pieces.len()]);
            let expected = line.bytes().filter(|&b| b >= 0xE0).count();
            assert_eq!(wide_lead_bytes(line.as_bytes()), expected, "{line:?}");
        }
    }

    #[test]
    fn a_letter_signed_in_capitals_is_prose() {
        let english = PageLanguage::detect(&["The talks in Seoul went on for a week."]).0;
        let letter = "The manager did not care, and the offender has left town. Should I have \
                      pressed charges? -- BEATEN UP IN CALIFORNIA";
        assert!(english.is_prose(letter, None));
        // Counts of the whole line (signature and all) are not used for the sentence.
        assert!(english.is_prose(letter, Some(stop_word_counts(letter))));
        assert_eq!(
            without_signoff("He said yes -- and then no."),
            "He said yes -- and then no."
        );
    }

    #[test]
    fn detects_german_and_finds_its_prose() {
        let para = "Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für alle Unternehmen gelten sollen, die in Deutschland tätig sind.";
        let lang = PageLanguage::detect(&[para, para]).0;
        assert_eq!(lang.code, Some("de"));
        assert!(lang.is_prose(para, None));
        assert!(!lang.is_prose(
            "Startseite Politik Wirtschaft Kultur Sport Reisen Wetter Mehr",
            None
        ));
    }

    #[test]
    fn korean_and_japanese_prose_counts_characters() {
        let ko = "한미 양국은 12일 서울에서 열린 회의에서 관세 문제를 논의했으며, 다음 달 추가 협상을 갖기로 합의했다.";
        let ja = "日米両政府は十二日、東京で開いた協議で関税の問題を話し合い、来月にも追加の協議を行うことで合意した。";
        for (text, code) in [(ko, "ko"), (ja, "ja")] {
            let lang = PageLanguage::detect(&[text, text]).0;
            assert_eq!(lang.code, Some(code));
            assert!(lang.dense);
            assert!(lang.is_prose(text, None), "{text}");
        }
        let lang = PageLanguage::detect(&[ja]).0;
        assert!(!lang.is_prose("政治経済国際", None));
        assert!(is_short_prose("来月にも協議を行う。"));
    }

    #[test]
    fn the_samples_counts_are_the_lines_counts() {
        let prose = "The talks in Seoul went on for a week, and the two sides agreed on a hotline.";
        let menu = "Home News Politics World Business Opinion Sport Culture Weather Video";
        let (lang, counted) = PageLanguage::detect(&["Home", prose, menu]);
        assert_eq!(lang.code, Some("en"));
        assert_eq!(counted[0], None);
        assert_eq!(counted[1], Some(stop_word_counts(prose)));
        for (line, c) in [(prose, counted[1]), (menu, counted[2])] {
            assert_eq!(lang.is_prose(line, c), lang.is_prose(line, None), "{line}");
        }
    }

    #[test]
    fn empty_page_has_no_language() {
        let lang = PageLanguage::detect(&[""]).0;
        assert_eq!(lang.code, None);
        assert!(!lang.is_prose("", None));
    }
}
