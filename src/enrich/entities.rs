//! People and organisations the articles mention.
//!
//! 1. Candidates: runs of 2-4 capitalised words in body sentences (hyphenated
//!    given names, "al-", "van", "de" allowed), not starting a sentence with
//!    a function word, not months, days or places.
//! 2. Kind: an organisation ends in an institution word ("University",
//!    "Institute", "Ministry", ...); a person needs a signal somewhere in the
//!    corpus: a title before it ("President", "Prime Minister", "analyst"),
//!    a reporting verb beside it ("said", "explains", "according to"), or an
//!    apposition after it (", a professor at").
//! 3. Variants merge on the set of their name parts, so "Lee Jae-myung" and
//!    "Lee Jae Myung", "Ishiba Shigeru" and "Shigeru Ishiba" are one person.
//! 4. A person quoted with a reporting verb is an expert source; article
//!    authors are kept apart (`site` marks them).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::name_words::*;
use super::sentences;
use crate::model::{Article, BlockKind};
pub use crate::model::{Candidate, EntityKind};

/// One mention of an entity in one sentence of an article.
#[derive(Debug, Clone)]
pub struct Mention {
    /// Index of the article in the slice given to [`extract`].
    pub article: usize,
    /// Index into that article's `derived.mention_sentences` (not a copy: a
    /// much-quoted person is mentioned in thousands of sentences).
    pub sentence: u32,
    /// The name as written here.
    pub written: String,
    /// Quoted or paraphrased as a source ("said", "explains", "according to").
    pub quoted: bool,
}

#[derive(Debug, Clone)]
pub struct Entity {
    pub kind: EntityKind,
    /// The most frequent spelling.
    pub name: String,
    pub variants: Vec<String>,
    pub mentions: Vec<Mention>,
}

static REPORTING: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)(?-u:\b)(?:said|says|told|explains|explained|argues|argued|noted|notes|points out|pointed out|warned|warns|according to|describes|described|wrote|writes)(?-u:\b)",
    )
});

/// A run of capitalised words: the candidate name.
static NAME_RUN: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?:\p{Lu}[\p{Ll}'’]+(?:-\p{L}[\p{Ll}]+)?|\p{Lu}{2,}(?:-\p{Lu}?\p{Ll}+)?)(?:\s+(?:\p{Lu}[\p{Ll}'’]+(?:-\p{L}[\p{Ll}]+)?|\p{Lu}{2,})){1,6}",
    )
});

/// Institution names, which may join capitalised words with "of", "for", "and":
/// "Asan Institute for Policy Studies", "Center for Strategic and International Studies".
static ORG_RUN: LazyLock<Regex> = LazyLock::new(|| {
    let ends = ORG_WORDS.join("|");
    crate::patterns::regex(&format!(
        r"(?:\p{{Lu}}[\p{{L}}'’.-]*\s+(?:(?:for|and|&)\s+)?){{0,6}}(?:{ends})(?-u:\b)(?:\s+(?:of|for|on)\s+(?:\p{{Lu}}[\p{{L}}'’.-]*\s?){{1,4}})?"
    ))
});

fn trim_org(run: &str) -> Option<String> {
    let raw: Vec<&str> = run.split_whitespace().collect();
    // "Japan's Waseda University" -> "Waseda University": a possessive is not part of the name.
    let after_possessive = raw
        .iter()
        .rposition(|w| w.ends_with("’s") || w.ends_with("'s"))
        .map_or(0, |i| i + 1);
    let words: Vec<&str> = raw[after_possessive..].to_vec();
    let start = words.iter().position(|w| !NOT_ORG_START.contains(w))?;
    let name = words[start..].join(" ");
    (words.len() - start >= 2).then_some(name)
}

/// Parts of a name that identify it whatever the order or hyphenation.
pub fn name_key(name: &str) -> String {
    let mut parts: Vec<String> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|p| !p.is_empty())
        .map(|p| p.to_lowercase())
        .collect();
    parts.sort();
    parts.join(" ")
}

fn strip_possessive(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

/// Drop leading words that cannot begin a name ("The Trump administration" -> none,
/// "President Lee Jae-myung" -> "Lee Jae-myung"): the name, and its byte range in
/// `run` (a possessive "’s" on the last word left out).
fn trim_candidate(run: &str) -> Option<(String, std::ops::Range<usize>)> {
    // Each word with its byte range in `run`: the name is not always a substring of
    // the run ("Koréa’s GDP" -> "Koréa GDP"), so its place is taken from the words.
    let spans: Vec<(&str, std::ops::Range<usize>)> = run
        .split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - run.as_ptr() as usize;
            let kept = strip_possessive(w);
            (kept, at..at + kept.len())
        })
        .collect();
    let skip = |w: &str| NOT_NAMES.contains(&w) || TITLE_WORDS.contains(&w.trim_end_matches('.'));
    let start = spans.iter().position(|&(w, _)| !skip(w))?;
    let spans = &spans[start..];
    let end = spans
        .iter()
        .position(|(w, _)| NOT_NAMES.contains(w) || TITLE_WORDS.contains(w))
        .unwrap_or(spans.len());
    let spans = &spans[..end];
    let words: Vec<&str> = spans.iter().map(|(w, _)| *w).collect();
    let name = words.join(" ");
    let range = spans.first()?.1.start..spans.last()?.1.end;
    ((2..=4).contains(&words.len()) && kind_of(&name).is_none()).then_some((name, range))
}

fn kind_of(name: &str) -> Option<EntityKind> {
    let last = name.split_whitespace().last()?;
    ORG_WORDS
        .contains(&last)
        .then_some(EntityKind::Organisation)
}

/// Evidence in one sentence that the name at bytes `at` is a person, and whether it is quoted.
fn person_signals(sentence: &str, at: std::ops::Range<usize>) -> (bool, bool) {
    // `at` comes from a regex match on `sentence`: on char boundaries; `get` keeps a
    // mistake there a missed signal rather than a panic.
    let before = sentence.get(..at.start).unwrap_or("").trim_end();
    let after = sentence.get(at.end..).unwrap_or("").trim_start();
    let titled = PERSON_TITLES.iter().any(|t| before.ends_with(t));
    let apposition = after.starts_with(", a ")
        || after.starts_with(", an ")
        || after.starts_with(", the ")
        || after.starts_with(", who ");
    let near = |s: &str| REPORTING.is_match(s);
    let window_after: String = after.chars().take(30).collect();
    let window_before: String = before
        .chars()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let quoted =
        near(&window_after) || near(&window_before) || (before.ends_with("As") && apposition);
    (titled || apposition || quoted, quoted)
}

/// The candidate names of one article, and the sentences they are in (per-article
/// work, done in parallel and cached; [`merge`] is the cheap corpus-wide part).
pub fn candidates(article: &Article) -> (Vec<String>, Vec<Candidate>) {
    let mut sentences_out: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for block in article
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
    {
        for s in sentences::split(&block.text) {
            let sentence = sentences_out.len() as u32;
            let before = out.len();
            let mut org_spans = Vec::new();
            for m in ORG_RUN.find_iter(s) {
                let Some(name) = trim_org(m.as_str()) else {
                    continue;
                };
                org_spans.push(m.range());
                out.push(Candidate {
                    written: name,
                    org: true,
                    kind: Some(EntityKind::Organisation),
                    person: false,
                    quoted: false,
                    sentence,
                });
            }
            for m in NAME_RUN.find_iter(s) {
                if org_spans
                    .iter()
                    .any(|r| r.start <= m.start() && m.start() < r.end)
                {
                    continue;
                }
                let Some((name, range)) = trim_candidate(m.as_str()) else {
                    continue;
                };
                let at = m.start() + range.start..m.start() + range.end;
                let (person, quoted) = person_signals(s, at);
                out.push(Candidate {
                    kind: kind_of(&name),
                    written: name,
                    org: false,
                    person,
                    quoted,
                    sentence,
                });
            }
            if out.len() > before {
                sentences_out.push(s.to_string());
            }
        }
    }
    (sentences_out, out)
}

/// Merge every article's candidates (in the order given: mentions keep it) into entities.
pub fn merge<'a>(per_article: impl IntoIterator<Item = &'a [Candidate]>) -> Vec<Entity> {
    struct Acc {
        kind: Option<EntityKind>,
        person_signal: bool,
        spellings: BTreeMap<String, usize>,
        mentions: Vec<Mention>,
    }
    // Variants merge on `name_key` of what is written: worked out once per spelling
    // here rather than stored with every mention.
    let mut keys: std::collections::HashMap<&str, String> = std::collections::HashMap::new();
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for (ai, cands) in per_article.into_iter().enumerate() {
        for c in cands {
            let key = keys
                .entry(c.written.as_str())
                .or_insert_with(|| name_key(&c.written));
            if !acc.contains_key(key.as_str()) {
                acc.insert(
                    key.clone(),
                    Acc {
                        kind: c.org.then_some(EntityKind::Organisation),
                        person_signal: false,
                        spellings: BTreeMap::new(),
                        mentions: Vec::new(),
                    },
                );
            }
            let Some(e) = acc.get_mut(key.as_str()) else {
                continue;
            };
            if !c.org {
                e.kind = e.kind.or(c.kind);
                e.person_signal |= c.person;
            }
            *e.spellings.entry(c.written.clone()).or_default() += 1;
            e.mentions.push(Mention {
                article: ai,
                sentence: c.sentence,
                written: c.written.clone(),
                quoted: c.quoted,
            });
        }
    }
    let mut out: Vec<Entity> = acc
        .into_values()
        .filter_map(|a| {
            let kind = match (a.kind, a.person_signal) {
                (Some(k), _) => k,
                (None, true) => EntityKind::Person,
                (None, false) => return None,
            };
            let name = a
                .spellings
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                .map(|(n, _)| n.clone())?;
            Some(Entity {
                kind,
                name,
                variants: a.spellings.into_keys().collect(),
                mentions: a.mentions,
            })
        })
        .collect();
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then(a.name.cmp(&b.name)));
    out
}

/// Entities of `articles` (candidates found afresh; the build uses the derived ones).
pub fn extract(articles: &[Article]) -> Vec<Entity> {
    let found: Vec<(Vec<String>, Vec<Candidate>)> = articles.iter().map(candidates).collect();
    merge(found.iter().map(|(_, c)| c.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        crate::enrich::test_article(&[text])
    }

    #[test]
    fn finds_names_beside_possessives_after_multibyte_letters() {
        // Issue 15, item 1: each of these sliced a sentence inside a character.
        for text in [
            "South Koréa's GDP is large.",
            "Mr Lee’s DPK won the vote.",
            "North Dakota’s Bakken field is large.",
            "If so, the Washington Post’s Fact Checker team documented 39,573 falsehoods.",
        ] {
            candidates(&article(text));
        }
        let (_, found) = candidates(&article(
            "North Dakota’s Bakken field is large, Kim Min-ji said.",
        ));
        let kim = found.iter().find(|c| c.written == "Kim Min-ji").unwrap();
        assert!(kim.person && kim.quoted, "{found:?}");
    }

    #[test]
    fn merges_name_variants_and_finds_quoted_experts() {
        let a = article("President Lee Jae-myung met Prime Minister Ishiba Shigeru. As Victor Cha, the Korea chair at the Center for Strategic and International Studies, points out, trade matters.");
        let b = article("Lee Jae Myung flew home. Shigeru Ishiba said little.");
        let people = extract(&[a, b]);
        let lee = people.iter().find(|e| e.name.starts_with("Lee")).unwrap();
        assert_eq!(lee.mentions.len(), 2, "{:?}", lee.variants);
        assert_eq!(lee.kind, EntityKind::Person);
        let ishiba = people
            .iter()
            .find(|e| name_key(&e.name) == "ishiba shigeru")
            .unwrap();
        assert_eq!(ishiba.variants.len(), 2);
        let names: Vec<_> = people.iter().map(|e| (&e.name, e.kind)).collect();
        let cha = people
            .iter()
            .find(|e| e.name == "Victor Cha")
            .unwrap_or_else(|| panic!("{names:?}"));
        assert!(cha.mentions[0].quoted);
        assert!(people.iter().any(
            |e| e.kind == EntityKind::Organisation && e.name.contains("International Studies")
        ));
    }
}
