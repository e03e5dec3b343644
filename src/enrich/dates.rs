//! Dates: stated, else inferred to the month from the text, else unknown.
//!
//! 1. A stated date (from the cleaner, front matter or a dateline at the
//!    start of the body: "SEOUL, March 4 (Yonhap) -") wins.
//! 2. Otherwise collect every dated mention in sentences that speak of the
//!    past (sentences with future markers - "will", "as early as",
//!    "planned" - are skipped): full dates, "Month YYYY", "Month D" (year
//!    from context), "for the past N months since Month YYYY", and the
//!    configured `[[events]]` the text mentions.
//! 3. The latest mention, at month precision, is the inferred date. It is
//!    bounded ([`super::date_bounds`]): never after the build date, a site-header
//!    date (a portal's "today") or a year past the latest full date the text
//!    states; a date after "by"/"until" is a deadline, not a past event. No
//!    mention within the bounds: undated. The reason names the mention it came
//!    from, and the bound that set later ones aside.

use regex::Regex;
use std::sync::LazyLock;

use super::date_bounds::{build_date, is_deadline, upper_bound};
use super::sentences;
use crate::clean::meta::{full_date, month_number};
use crate::config::EventDef;
use crate::model::{Article, ArticleDate, DateBasis, PartialDate};

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(&format!(
        r"(?i)(?-u:\b)(?P<mon>{MONTH})\.?,?\s+(?P<y>(?:19|20)\d{{2}})(?-u:\b)"
    ))
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(&format!(
        r"(?-u:\b)(?P<mon>(?i:{MONTH}))\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?P<tail>,?\s+(?:19|20)\d{{2}})?"
    ))
});
static BARE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(r"(?-u:\b)(?:in|since|of|during) (?P<y>(?:19|20)\d{2})(?-u:\b)")
});
static SINCE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(&format!(
        r"(?i)(?-u:\b)(?:past|last) (?P<n>\w+) (?P<unit>months|years) since(?-u:\b).*?(?-u:\b)(?P<mon>{MONTH})\.?,?\s+(?P<y>(?:19|20)\d{{2}})"
    ))
});
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)(?-u:\b)(?:will|shall|would|could|is expected to|are expected to|as early as|plans? to|planned|scheduled|upcoming|ahead of|awaits|prepares? for|is set to|are set to|next|forecasts?|projected|projections?|targets?|aims? to|goal|deadline)(?-u:\b)",
    )
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(&format!(
        r"^[\p{{Lu}}][\p{{Lu}} .,'-]{{1,40}},\s+(?P<mon>(?i:{MONTH}))\.?\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<y>(?:19|20)\d{{2}}))?\s*(?:\([^)]*\))?\s*[-–—]"
    ))
});

/// A dated mention found in the text.
#[derive(Debug, Clone)]
struct Mention {
    date: PartialDate,
    what: String,
}

pub fn date_article(article: &mut Article, events: &[EventDef]) {
    if article.date.basis != DateBasis::Unknown {
        return;
    }
    let texts: Vec<&str> = article
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .chain(article.captions.iter().map(String::as_str))
        .collect();
    if let Some(d) = article
        .blocks
        .first()
        .and_then(|b| dateline(&b.text, &texts, events))
    {
        article.date = ArticleDate {
            value: Some(d),
            basis: DateBasis::Stated,
            reason: "dateline at the start of the story".into(),
        };
        return;
    }
    article.date = infer(&texts, events, article.page_date, build_date());
}

fn dateline(first: &str, texts: &[&str], events: &[EventDef]) -> Option<PartialDate> {
    let c = DATELINE.captures(first)?;
    let month = month_number(&c["mon"])?;
    let day: u32 = c["d"].parse().ok()?;
    let year = match c.name("y") {
        Some(y) => y.as_str().parse().ok()?,
        None => {
            let sentences = all_sentences(texts);
            reference_year(&sentences, &event_mentions(&sentences, events))?
        }
    };
    PartialDate::new(year, month, Some(day))
}

fn all_sentences<'a>(texts: &[&'a str]) -> Vec<&'a str> {
    texts.iter().flat_map(|t| sentences::split(t)).collect()
}

/// Whether the mention at byte `at` of `sentence` is spoken of as future: a
/// future marker earlier in the same clause ("will celebrate ... in 2025",
/// "as early as October 2025"). Markers after it govern something else
/// ("made clear in February 2025 that allies will face...").
fn is_future(sentence: &str, at: usize) -> bool {
    if is_deadline(sentence, at) {
        return true;
    }
    let before = &sentence[..at];
    let clause_start = before.rfind([',', ';', ':', '(', '—', '–']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    FUTURE.is_match(&before[clause_start..])
}

/// The year that bare "Month D" mentions belong to: the latest year the text names as past.
fn reference_year(sentences: &[&str], events_found: &[Mention]) -> Option<i32> {
    let mut years: Vec<i32> = Vec::new();
    for s in sentences {
        for c in MONTH_YEAR
            .captures_iter(s)
            .chain(BARE_YEAR.captures_iter(s))
        {
            let Some(y) = c.name("y") else { continue };
            if !is_future(s, c.get(0).map_or(0, |m| m.start())) {
                years.extend(y.as_str().parse::<i32>().ok());
            }
        }
        if let Some(d) = full_date(s) {
            years.push(d.year);
        }
    }
    years.extend(events_found.iter().map(|m| m.date.year));
    years.into_iter().max()
}

fn event_mentions(sentences: &[&str], events: &[EventDef]) -> Vec<Mention> {
    // ASCII lowercasing keeps byte offsets equal to the original's (for is_future).
    let lower: Vec<String> = sentences.iter().map(|s| s.to_ascii_lowercase()).collect();
    let whole = lower.join("\n");
    let mut out = Vec::new();
    for e in events {
        // Most articles mention few events: test each phrase's first part against the
        // whole text once before looking sentence by sentence.
        let anywhere = e.phrases.iter().any(|p| {
            let first = p
                .split("...")
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            whole.contains(&first) || whole.contains(&first.replace('\'', "’"))
        });
        if !anywhere {
            continue;
        }
        let hit = sentences.iter().zip(&lower).find(|(s, l)| {
            e.phrases
                .iter()
                .any(|p| phrase_at(p, l).is_some_and(|at| !is_future(s, at)))
        });
        if let Some((s, _)) = hit {
            out.push(Mention {
                date: e.date,
                what: format!("mentions {} ({}): \"{}\"", e.label, e.date, clip(s)),
            });
        }
    }
    out
}

/// Case-insensitive phrase match; "A ... B" means A then B in the same sentence.
/// Returns the byte offset of the match in `sentence`.
/// `lower` is the sentence already ASCII-lowercased.
pub fn phrase_at(phrase: &str, lower: &str) -> Option<usize> {
    let s = lower;
    let mut from = 0;
    let mut first = None;
    for part in phrase.split("...") {
        let part = part.trim().to_ascii_lowercase().replace('\'', "’");
        let alt = part.replace('’', "'");
        // Step past what matched: `part` and `alt` differ in length ("’" is 3 bytes,
        // "'" one), and stepping by the wrong one slices past the end or mid-character.
        let (i, len) = s[from..]
            .find(&part)
            .map(|i| (i, part.len()))
            .or_else(|| s[from..].find(&alt).map(|i| (i, alt.len())))?;
        first.get_or_insert(from + i);
        from += i + len;
    }
    first
}

fn infer(
    texts: &[&str],
    events: &[EventDef],
    page_date: Option<PartialDate>,
    build: PartialDate,
) -> ArticleDate {
    let sentences = all_sentences(texts);
    let (bound, bound_why) = upper_bound(page_date, latest_stated(&sentences), build);
    let cap = Some(bound);
    let mut mentions = event_mentions(&sentences, events);
    let ref_year = reference_year(&sentences, &mentions);
    for s in &sentences {
        let past = |m: &regex::Captures| !is_future(s, m.get(0).map_or(0, |x| x.start()));
        for c in MONTH_YEAR.captures_iter(s).filter(past) {
            let date = month_number(&c["mon"])
                .zip(c["y"].parse().ok())
                .and_then(|(m, y)| PartialDate::new(y, m, None));
            if let Some(date) = date {
                mentions.push(Mention {
                    date,
                    what: format!("\"{}\"", &c[0]),
                });
            }
        }
        for c in MONTH_DAY.captures_iter(s).filter(past) {
            let (Some(m), Ok(d)) = (month_number(&c["mon"]), c["d"].parse::<u32>()) else {
                continue;
            };
            if !(1..=31).contains(&d) {
                continue;
            }
            let year = match c.name("tail") {
                Some(t) => t
                    .as_str()
                    .trim_start_matches([',', ' '])
                    .trim()
                    .parse()
                    .ok(),
                None => ref_year.map(|y| {
                    // A "Month D" later than the page's own date belongs to the year before.
                    let candidate = PartialDate {
                        year: y,
                        month: m,
                        day: Some(d),
                    };
                    if cap.is_some_and(|c| candidate > c) {
                        y - 1
                    } else {
                        y
                    }
                }),
            };
            // "February 30" names no day: not a mention to date by.
            if let Some(date) = year.and_then(|y| PartialDate::new(y, m, Some(d))) {
                mentions.push(Mention {
                    date,
                    what: format!("\"{}\"", c[0].trim()),
                });
            }
        }
        for c in SINCE.captures_iter(s).filter(past) {
            let n = number_word(&c["n"]);
            let (Some(n), Some(m), Ok(y)) = (n, month_number(&c["mon"]), c["y"].parse::<i32>())
            else {
                continue;
            };
            // "the past 4294967295 years since ..." would overflow below; no text
            // counts a span of more than a few centuries.
            if n > 1200 {
                continue;
            }
            let months = if c["unit"].eq_ignore_ascii_case("years") {
                n * 12
            } else {
                n
            };
            let total = y * 12 + (m as i32 - 1) + months as i32;
            let Some(date) = PartialDate::new(total / 12, (total % 12) as u32 + 1, None) else {
                continue;
            };
            mentions.push(Mention {
                date,
                what: format!("\"{}\"", clip(&c[0])),
            });
        }
    }
    let before = mentions.len();
    mentions.retain(|m| m.date.month_only() <= bound);
    let set_aside = match before - mentions.len() {
        0 => String::new(),
        n => format!(" ({n} later mention(s) set aside: after {bound_why}, {bound})"),
    };
    match mentions.into_iter().max_by_key(|m| m.date.month_only()) {
        Some(m) => ArticleDate {
            value: Some(m.date.month_only()),
            basis: DateBasis::Inferred,
            reason: format!("latest dated mention: {}{set_aside}", m.what),
        },
        None => match page_date.filter(|p| p.month_only() <= bound) {
            Some(c) => ArticleDate {
                value: Some(c.month_only()),
                basis: DateBasis::Inferred,
                reason: "the date printed in the site header; the text names no later date".into(),
            },
            None if !set_aside.is_empty() => ArticleDate {
                reason: format!("no dated mention to go by{set_aside}"),
                ..ArticleDate::unknown()
            },
            None => ArticleDate::unknown(),
        },
    }
}

/// The latest full date (day, month and year) the text states of the past.
fn latest_stated(sentences: &[&str]) -> Option<PartialDate> {
    sentences
        .iter()
        .filter_map(|s| {
            let d = full_date(s)?;
            // full_date reads the first date of the sentence; find where it sits to
            // ask whether it is spoken of as future.
            let at = MONTH_DAY.find(s).map_or(0, |m| m.start());
            (!is_future(s, at)).then_some(d)
        })
        .max()
}

fn number_word(w: &str) -> Option<u32> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    w.parse().ok().or_else(|| {
        WORDS
            .iter()
            .position(|x| x.eq_ignore_ascii_case(w))
            .map(|i| i as u32 + 1)
    })
}

fn clip(s: &str) -> String {
    if s.chars().count() <= 120 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(119).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed build date, so that the tests do not depend on the day they run.
    fn built() -> PartialDate {
        PartialDate::new(2026, 12, Some(5)).unwrap()
    }

    fn ev(date: &str, phrase: &str) -> EventDef {
        EventDef {
            date: crate::config::parse_config_date(date).unwrap(),
            label: phrase.into(),
            phrases: vec![phrase.into()],
        }
    }

    #[test]
    fn infers_latest_past_mention_and_skips_future() {
        let texts = [
            "Yoon was impeached on December 14 by the assembly, after events in November 2024.",
            "The two countries will celebrate 60 years of ties in 2025.",
        ];
        let d = infer(&texts, &[], None, built());
        assert_eq!(d.value.map(|v| v.to_string()).as_deref(), Some("2024-12"));
        assert_eq!(d.basis, DateBasis::Inferred);
        assert!(d.reason.contains("December 14"), "{}", d.reason);
    }

    #[test]
    fn counts_months_since_a_date() {
        let texts = ["The country has been in limbo for the past six months since the crisis in December 2024."];
        assert_eq!(
            infer(&texts, &[], None, built()).value.unwrap().to_string(),
            "2025-06"
        );
    }

    #[test]
    fn events_set_a_floor_and_a_year_for_bare_days() {
        let texts = [
            "The Trump 2.0 era has officially begun.",
            "Ministers met on Jan. 22 in Washington.",
        ];
        let d = infer(&texts, &[ev("2025-01-20", "Trump 2.0")], None, built());
        assert_eq!(d.value.unwrap().to_string(), "2025-01");
    }

    #[test]
    fn reads_a_dateline() {
        let texts = ["SEOUL, March 4 (Yonhap) - Officials met in 2025 to talk."];
        let d = dateline(texts[0], &texts, &[]).unwrap();
        assert_eq!(d.to_string(), "2025-03-04");
    }

    #[test]
    fn site_header_date_caps_inference() {
        let texts = ["It happened in July 2025, and the summit in March 2025 went well."];
        let cap = Some(PartialDate {
            year: 2025,
            month: 6,
            day: Some(12),
        });
        assert_eq!(
            infer(&texts, &[], cap, built()).value.unwrap().to_string(),
            "2025-03"
        );
    }

    #[test]
    fn a_deadline_or_the_future_never_dates_an_article() {
        let texts = [
            "The commission met in March 2025 to adopt the plan.",
            "Emissions must fall to zero by December 2054.",
            "The rules take effect in 2030, and the next review is due in January 2031.",
        ];
        let d = infer(&texts, &[], None, built());
        assert_eq!(d.value.unwrap().to_string(), "2025-03");
    }

    #[test]
    fn an_inferred_date_is_never_after_the_build_date() {
        let texts = ["The treaty was signed in February 2027, officials said."];
        let d = infer(&texts, &[], None, built());
        assert_eq!(d.basis, DateBasis::Unknown, "{d:?}");
        assert!(d.reason.contains("after the build date"), "{}", d.reason);
    }

    #[test]
    fn an_inferred_date_stays_within_a_year_of_the_latest_stated_day() {
        let texts = [
            "The council voted on March 3, 2019, to close the plant.",
            "Workers recalled the strike of May 2024 as a turning point.",
        ];
        let d = infer(&texts, &[], None, built());
        assert_eq!(d.value.unwrap().to_string(), "2019-03");
    }

    #[test]
    fn phrase_with_apostrophe_before_ellipsis_steps_past_the_straight_quote() {
        // "Trump’s" (curly, 9 bytes) was stepped over when "trump's" (7 bytes) matched:
        // past the end of the sentence, or into the middle of "é".
        assert_eq!(phrase_at("Trump’s ... term", "it was trump's."), None);
        assert_eq!(phrase_at("Trump's ... term", "trump's é term"), Some(0));
        assert_eq!(phrase_at("Trump's ... term", "so trump’s term"), Some(3));
    }
}
