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

use super::sentences;
use crate::config::TopicDef;
use crate::model::{Article, BlockKind, TopicTag};

/// One sentence contributes at most this much to a topic (about two strong phrases).
const SENTENCE_CAP: f64 = 3.0;
/// A topic needs hits in this many sentences: one passing mention is not a tag.
const MIN_SENTENCES: usize = 2;

/// A topic ready to match: phrases normalised, longest first.
#[derive(Debug, Clone)]
pub struct TopicMatcher {
    pub id: String,
    phrases: Vec<(String, f64)>,
    exclude: Vec<String>,
    threshold: f64,
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
        TopicMatcher {
            id: def.id.clone(),
            phrases,
            exclude: def.exclude.iter().map(|e| normalise(e)).collect(),
            threshold: def.threshold,
        }
    }

    /// Score one sentence (already normalised).
    fn score_sentence(&self, norm: &str) -> f64 {
        let mut text = format!(" {norm} ");
        for ex in &self.exclude {
            text = text.replace(&format!(" {ex} "), " # ");
        }
        let mut seen = Vec::new();
        let mut score = 0.0;
        for (phrase, weight) in &self.phrases {
            if let Some(at) = find_word(&text, phrase) {
                // Blank the hit so shorter phrases inside it don't count again.
                let end = at + phrase.len();
                text.replace_range(at..end, &"#".repeat(phrase.len()));
                if !seen.contains(phrase) {
                    seen.push(phrase.clone());
                    score += weight;
                }
            }
        }
        score.min(SENTENCE_CAP)
    }

    /// Tag an article's body, or `None` when it does not discuss the topic.
    pub fn tag(&self, article: &Article) -> Option<TopicTag> {
        let mut scored: Vec<(f64, &str)> = Vec::new();
        for block in &article.blocks {
            let boost = if block.kind == BlockKind::Heading {
                2.0
            } else {
                1.0
            };
            for s in sentences::split(&block.text) {
                let score = self.score_sentence(&normalise(s)) * boost;
                if score > 0.0 {
                    scored.push((score, s));
                }
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

/// Find `phrase` in `text` on word boundaries, allowing a plural "s"/"es" after it.
fn find_word(text: &str, phrase: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(phrase) {
        let at = from + i;
        let before_ok = at == 0 || !text.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = &text[at + phrase.len()..];
        let rest = rest
            .strip_prefix("es")
            .filter(|_| !phrase.ends_with('s'))
            .or_else(|| rest.strip_prefix('s'))
            .unwrap_or(rest);
        let after_ok = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + phrase.len().max(1);
    }
    None
}

/// Lowercase, "U.S." -> "us", hyphens/dashes/punctuation -> spaces, one space between words.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '.' {
            // A full stop between two letters is an abbreviation: "U.S." -> "us".
            let prev_letter = i > 0 && chars[i - 1].is_alphabetic();
            let single_letter_before = prev_letter && (i < 2 || !chars[i - 2].is_alphanumeric());
            if single_letter_before {
                continue;
            }
            out.push(' ');
        } else if c.is_alphanumeric() || c == '$' || c == '%' {
            out.extend(c.to_lowercase());
        } else if c == '\'' || c == '’' {
            // Possessive "Korea's" -> "korea s"; keeps "Korea" a whole word.
            out.push(' ');
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let mut c = crate::clean::Cleaned::default();
        for p in paragraphs {
            c.push_block(BlockKind::Paragraph, p);
        }
        let seed = crate::load::LoadedSeed {
            path: "x.txt".into(),
            rel: "x.txt".into(),
            stem: "x".into(),
            format: SourceFormat::Text,
            text: String::new(),
        };
        crate::clean::into_article(&seed, c)
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
        assert!(t.tag(&a).is_none());
    }

    #[test]
    fn substantive_discussion_is_a_topic_with_evidence() {
        let t = topic("taiwan", &[("Taiwan", 1.5), ("Taiwan Strait", 2.0)]);
        let a = article(&[
            "Rising tensions in the Taiwan Strait present a grave concern.",
            "China has increased military activity near Taiwan this year.",
            "Any conflict there would have immediate consequences.",
        ]);
        let tag = t.tag(&a).unwrap();
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
        let tag = t.tag(&a).unwrap();
        assert_eq!(tag.score, 4.0);
        let u = topic("usfk", &[("U.S. Forces Korea", 3.0), ("USFK", 3.0)]);
        let b = article(&[
            "The US Forces Korea command moved.",
            "USFK is shifting its focus to China.",
        ]);
        assert!(u.tag(&b).is_some());
    }
}
