//! Bounds on an inferred date: what a mention in the text may not be to date the article.
//!
//! An article is not written after the day it is built, nor long after the latest date
//! it states outright ("On March 3, 2025, ..."): a later month-year in it is a plan, a
//! forecast or a typo. A date introduced by "by", "until" or "before" is a deadline,
//! which is about the future even without "will" ("emissions must fall by 2054").

use chrono::{Datelike, TimeZone, Utc};

use crate::model::PartialDate;

/// Months an inferred date may run past the latest full date the text states: an
/// article cites events up to its own day, and its "last month" or "this spring" can
/// lie a little past the last day it spells out; a year is the tolerance.
const PAST_LATEST_STATED_MONTHS: i32 = 12;

/// Words that make the date right after them a deadline.
const DEADLINE_WORDS: &[&str] = &["by", "until", "till", "before", "through"];

/// Today (UTC) as the build's date, or the day `SOURCE_DATE_EPOCH` names, so that a
/// reproducible build gives the same bytes on any day.
pub fn build_date() -> PartialDate {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| Utc.timestamp_opt(secs, 0).single());
    let now = epoch.unwrap_or_else(Utc::now);
    PartialDate {
        year: now.year(),
        month: now.month(),
        day: Some(now.day()),
    }
}

/// Whether the mention at byte `at` of `sentence` follows a deadline word
/// ("by December 2054", "until 2030").
pub fn is_deadline(sentence: &str, at: usize) -> bool {
    let before = sentence[..at].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    DEADLINE_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

/// The latest month an inferred date may have: the build's month, the month of a
/// site-header date, and [`PAST_LATEST_STATED_MONTHS`] past the latest full date the
/// text states, whichever is earliest, with what set it.
pub fn upper_bound(
    page_date: Option<PartialDate>,
    latest_stated: Option<PartialDate>,
    build: PartialDate,
) -> (PartialDate, &'static str) {
    let mut bound = (build.month_only(), "the build date");
    if let Some(p) = page_date.map(PartialDate::month_only) {
        if p < bound.0 {
            bound = (p, "the date in the site header");
        }
    }
    if let Some(s) = latest_stated {
        let months = s.year * 12 + s.month as i32 - 1 + PAST_LATEST_STATED_MONTHS;
        let limit = PartialDate {
            year: months / 12,
            month: (months % 12) as u32 + 1,
            day: None,
        };
        if limit < bound.0 {
            bound = (limit, "a year past the latest full date the text states");
        }
    }
    bound
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i32, m: u32) -> PartialDate {
        PartialDate {
            year: y,
            month: m,
            day: None,
        }
    }

    #[test]
    fn deadlines_are_the_future() {
        let s = "Emissions must reach net zero by December 2054, the plan says.";
        assert!(is_deadline(s, s.find("December").unwrap()));
        let s = "The law passed in December 2024.";
        assert!(!is_deadline(s, s.find("December").unwrap()));
    }

    #[test]
    fn the_earliest_bound_wins_and_says_which() {
        let build = PartialDate::new(2026, 12, Some(5)).unwrap();
        assert_eq!(
            upper_bound(None, None, build),
            (month(2026, 12), "the build date")
        );
        let stated = PartialDate::new(2024, 3, Some(1));
        let (b, why) = upper_bound(None, stated, build);
        assert_eq!(b, month(2025, 3));
        assert!(why.contains("latest full date"), "{why}");
        let (b, _) = upper_bound(Some(month(2025, 1)), stated, build);
        assert_eq!(b, month(2025, 1));
    }
}
