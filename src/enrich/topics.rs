//! Topics with evidence.
//!
//! 1. Normalise text and phrases alike: lowercase, "U.S." -> "us",
//!    hyphens and dashes -> spaces, curly apostrophes -> straight.
//! 2. Match each topic's phrases on word boundaries (plural "-s"/"-es"
//!    accepted), longest phrase first so "Taiwan Strait" is not also "Taiwan".
//! 3. Score per sentence: the weights of its distinct hits, capped so one
//!    sentence that lists a topic several times still counts as one mention;
//!    a subheading naming the topic counts double. `exclude` phrases are
//!    blanked out before matching.
//! 4. Tag when the score reaches the topic's threshold in at least two
//!    sentences: a single passing mention is not substance. Keep the score and
//!    the 1-3 strongest sentences as evidence.

use aho_corasick::{AhoCorasick, MatchKind};

use super::sentences;
use crate::config::TopicDef;
use crate::model::{Article, BlockKind, TopicTag};

/// One sentence contributes at most this much to a topic (about two strong phrases).
const SENTENCE_CAP: f64 = 3.0;
/// A topic needs hits in this many sentences: one passing mention is not a tag.
const MIN_SENTENCES: usize = 2;

/// A topic ready to match: phrases normalised, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct TopicMatcher {
    pub id: String,
    phrases: Vec<(String, f64)>,
    /// Leftmost-longest, so "taiwan strait" wins over "taiwan" at the same place.
    automaton: AhoCorasick,
    exclude: Vec<String>,
    threshold: f64,
    /// Per phrase: written in a script matched without word boundaries (see [`is_unspaced`]).
    unspaced: Vec<bool>,
}

/// One sentence of an article's body, normalised once for every topic.
pub struct Sentence<'a> {
    pub text: &'a str,
    norm: String,
    /// Subheadings count double: a section titled after a topic is substance.
    boost: f64,
}

/// Split an article's body into sentences and normalise them.
pub fn sentences_of(article: &Article) -> Vec<Sentence<'_>> {
    let mut out = Vec::new();
    for block in &article.blocks {
        let boost = if block.kind == BlockKind::Heading {
            2.0
        } else {
            1.0
        };
        for s in sentences::split(&block.text) {
            out.push(Sentence {
                text: s,
                norm: format!(" {} ", normalise(s)),
                boost,
            });
        }
    }
    out
}

impl TopicMatcher {
    pub fn new(def: &TopicDef) -> TopicMatcher {
        let mut phrases: Vec<(String, f64)> = def
            .phrases
            .iter()
            .map(|(p, w)| (normalise(p), *w))
            .filter(|(p, _)| !p.is_empty())
            .collect();
        phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        phrases.dedup_by(|a, b| a.0 == b.0);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(phrases.iter().map(|(p, _)| p))
            .expect("phrases validated by config::resolve_topic"); // ok: checked when book.toml is loaded
        let unspaced = phrases
            .iter()
            .map(|(p, _)| p.chars().any(is_unspaced))
            .collect();
        TopicMatcher {
            unspaced,
            id: def.id.clone(),
            phrases,
            automaton,
            exclude: def.exclude.iter().map(|e| normalise(e)).collect(),
            threshold: def.threshold,
        }
    }

    /// Score one normalised sentence (padded with spaces).
    fn score_sentence(&self, norm: &str) -> f64 {
        let blanked;
        let mut text = norm;
        if self.exclude.iter().any(|ex| norm.contains(ex.as_str())) {
            let mut t = norm.to_string();
            for ex in &self.exclude {
                t = t.replace(&format!(" {ex} "), " # ");
            }
            blanked = t;
            text = &blanked;
        }
        let bytes = text.as_bytes();
        let mut seen: Vec<usize> = Vec::new();
        let mut score = 0.0;
        for m in self.automaton.find_iter(text) {
            // Phrases in scripts written without spaces (Chinese, Japanese) or with
            // particles attached to nouns (Korean "관세를") match inside words.
            let unspaced = self.unspaced[m.pattern().as_usize()];
            let before_ok =
                unspaced || m.start() == 0 || !bytes[m.start() - 1].is_ascii_alphanumeric();
            let rest = &text[m.end()..];
            let phrase = &self.phrases[m.pattern().as_usize()].0;
            let rest = rest
                .strip_prefix("es")
                .filter(|_| !phrase.ends_with('s'))
                .or_else(|| rest.strip_prefix('s'))
                .unwrap_or(rest);
            let after_ok = unspaced || rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
            let id = m.pattern().as_usize();
            if before_ok && after_ok && !seen.contains(&id) {
                seen.push(id);
                score += self.phrases[id].1;
            }
        }
        score.min(SENTENCE_CAP)
    }

    /// Tag an article from its prepared sentences, or `None` when it does not discuss the topic.
    pub fn tag(&self, sentences: &[Sentence]) -> Option<TopicTag> {
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for s in sentences {
            let score = self.score_sentence(&s.norm) * s.boost;
            if score > 0.0 {
                scored.push((score, s.text));
            }
        }
        let total: f64 = scored.iter().map(|(s, _)| s).sum();
        if total < self.threshold || scored.len() < MIN_SENTENCES {
            return None;
        }
        let mut best = scored.clone();
        best.sort_by(|a, b| b.0.total_cmp(&a.0));
        let evidence = best
            .iter()
            .filter(|(_, s)| s.split_whitespace().count() >= 5)
            .take(3)
            .map(|(_, s)| s.to_string())
            .collect();
        Some(TopicTag {
            id: self.id.clone(),
            score: (total * 10.0).round() / 10.0,
            evidence,
        })
    }
}

/// Hangul, kana and CJK ideographs: scripts whose words are not set off by spaces
/// (or, in Korean, carry attached particles), so phrases in them match anywhere.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11FF}' | '\u{3040}'..='\u{30FF}' | '\u{3130}'..='\u{318F}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Lowercase, "U.S." -> "us", hyphens/dashes/punctuation -> spaces, one space between words.
///
/// One pass that writes each word's characters and a single space before every word
/// but the first: every sentence of every body is normalised.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space_due = false;
    // The two characters before the current one (a full stop looks back at them).
    let (mut prev, mut prev2): (Option<char>, Option<char>) = (None, None);
    for c in text.chars() {
        let keep = c.is_alphanumeric() || c == '$' || c == '%';
        if keep {
            if space_due && !out.is_empty() {
                out.push(' ');
            }
            space_due = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            // A full stop after a single letter is an abbreviation's: "U.S." -> "us".
            // Anything else that is no letter, digit, `$` or `%` (apostrophes too:
            // "Korea's" -> "korea s" keeps "Korea" a whole word) separates words.
            let abbreviation = c == '.'
                && prev.is_some_and(char::is_alphabetic)
                && prev2.is_none_or(|p| !p.is_alphanumeric());
            if !abbreviation {
                space_due = true;
            }
        }
        (prev2, prev) = (prev, Some(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn topic(id: &str, phrases: &[(&str, f64)]) -> TopicMatcher {
        TopicMatcher::new(&TopicDef {
            id: id.into(),
            label: id.into(),
            description: String::new(),
            phrases: phrases.iter().map(|(p, w)| (p.to_string(), *w)).collect(),
            exclude: vec!["tariff-free".into()],
            threshold: 3.0,
        })
    }

    fn article(paragraphs: &[&str]) -> Article {
        crate::enrich::test_article(paragraphs)
    }

    #[test]
    fn tags_korean_japanese_and_chinese_phrases_inside_words() {
        let config = crate::config::Config::from_str(
            std::path::Path::new("."),
            "",
            std::path::Path::new("book.toml"),
        )
        .unwrap();
        let tariffs = config.topics.iter().find(|t| t.id == "tariffs").unwrap();
        let m = TopicMatcher::new(tariffs);
        // Korean particle attached ("관세를"), Japanese and Chinese with no spaces at all.
        for s in [
            "미국이 관세를 올렸다",
            "米国は関税を引き上げた",
            "美国提高了关税",
        ] {
            assert!(
                m.score_sentence(&format!(" {} ", normalise(s))) >= 2.0,
                "{s}"
            );
        }
        // A Latin phrase still needs its word boundaries.
        assert_eq!(m.score_sentence(" tariffication "), 0.0);
    }

    #[test]
    fn normalises_abbreviations_and_hyphens() {
        assert_eq!(
            normalise("U.S. Forces Korea's host-nation support."),
            "us forces korea s host nation support"
        );
    }

    #[test]
    fn a_passing_mention_is_not_a_topic() {
        let t = topic("taiwan", &[("Taiwan", 1.5), ("Taiwan Strait", 2.0)]);
        let a = article(&[
            "Hot spots such as Taiwan, the South China Sea and the East China Sea are volatile.",
        ]);
        assert!(t.tag(&sentences_of(&a)).is_none());
    }

    #[test]
    fn substantive_discussion_is_a_topic_with_evidence() {
        let t = topic("taiwan", &[("Taiwan", 1.5), ("Taiwan Strait", 2.0)]);
        let a = article(&[
            "Rising tensions in the Taiwan Strait present a grave concern.",
            "China has increased military activity near Taiwan this year.",
            "Any conflict there would have immediate consequences.",
        ]);
        let tag = t.tag(&sentences_of(&a)).unwrap();
        assert_eq!(tag.evidence.len(), 2);
        assert!(tag.evidence[0].contains("Taiwan Strait"));
    }

    #[test]
    fn variants_and_exclusions() {
        let t = topic("tariffs", &[("tariff", 2.0)]);
        let a = article(&[
            "Seoul faces new tariffs on steel.",
            "The tariff-free quota ended.",
            "Tariffs on autos rose.",
        ]);
        let tag = t.tag(&sentences_of(&a)).unwrap();
        assert_eq!(tag.score, 4.0);
        let u = topic("usfk", &[("U.S. Forces Korea", 3.0), ("USFK", 3.0)]);
        let b = article(&[
            "The US Forces Korea command moved.",
            "USFK is shifting its focus to China.",
        ]);
        assert!(u.tag(&sentences_of(&b)).is_some());
    }
}
