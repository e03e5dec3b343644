//! Date lines: "Published: 2025-06-12", "Thursday, June 12, 2025", "12 June 2025",
//! "From the October 2025 issue". Used by the cleaners to tell a stated date
//! from a site widget, and by date inference.

use regex::Regex;
use std::sync::LazyLock;

use crate::model::PartialDate;

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

pub fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    MONTHS.iter().find(|(m, _)| *m == n).map(|(_, v)| *v)
}

/// Month names of the other languages sources come in, as a day-first date writes
/// them (Portuguese, Spanish, Italian, French, German, Dutch, Indonesian, Russian in
/// the genitive): January to December, one row per month.
const OTHER_MONTHS: [&[&str]; 12] = [
    &[
        "janeiro",
        "enero",
        "gennaio",
        "janvier",
        "januar",
        "januari",
        "января",
    ],
    &[
        "fevereiro",
        "febrero",
        "febbraio",
        "février",
        "februar",
        "februari",
        "февраля",
    ],
    &["março", "marzo", "mars", "märz", "maart", "maret", "марта"],
    &["abril", "aprile", "avril", "april", "апреля"],
    &["maio", "mayo", "maggio", "mai", "mei", "мая"],
    &["junho", "junio", "giugno", "juin", "juni", "июня"],
    &["julho", "julio", "luglio", "juillet", "juli", "июля"],
    &["agosto", "août", "august", "augustus", "agustus", "августа"],
    &[
        "setembro",
        "septiembre",
        "setiembre",
        "settembre",
        "septembre",
        "september",
        "сентября",
    ],
    &[
        "outubro",
        "octubre",
        "ottobre",
        "octobre",
        "oktober",
        "октября",
    ],
    &["novembro", "noviembre", "novembre", "november", "ноября"],
    &[
        "dezembro",
        "diciembre",
        "dicembre",
        "décembre",
        "dezember",
        "december",
        "desember",
        "декабря",
    ],
];

fn other_month_number(name: &str) -> Option<u32> {
    let n = name.to_lowercase();
    (1..=12u32).find(|&m| OTHER_MONTHS[m as usize - 1].contains(&n.as_str()))
}

/// "22 de janeiro de 2018", "22. Januar 2018", "22 января 2018 г.": a day-first date
/// with the month's name in another language.
static OTHER_LANGUAGE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?-u:\b)(?P<d>\d{1,2})(?:\.|º)?\s+(?:de\s+)?(?P<mon>\p{L}{3,10})\s+(?:de\s+|del\s+)?(?P<y>(?:19|20)\d{2})(?-u:\b)",
    )
});

static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?-u:\b)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?-u:\b)",
    )
});
static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)(?-u:\b)(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})(?-u:\b)",
    )
});
static DAY_FIRST_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)(?-u:\b)(?P<d>\d{1,2})\s+(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?,?\s+(?P<y>(?:19|20)\d{2})(?-u:\b)",
    )
});
/// "12/30/2019", "01.21.2020", "30/12/2019": numeric dates with a four-digit year.
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?-u:\b)(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d{2})(?-u:\b)",
    )
});

/// "2025년 6월 12일", "2025年6月12日": Korean, Japanese and Chinese dates.
static CJK_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?P<y>(?:19|20)\d{2})\s*[년年]\s*(?P<m>\d{1,2})\s*[월月]\s*(?P<d>\d{1,2})\s*[일日]",
    )
});

/// Whether `line` has "19dd" or "20dd" somewhere (a cheap test before date regexes).
pub fn has_year(line: &str) -> bool {
    let b = line.as_bytes();
    // Jump between the '1' and '2' bytes instead of looking at every window.
    crate::clean::simd::any_position_of(b, b"12", |i| {
        b.get(i..i + 4).is_some_and(|w| {
            (w[0] == b'1' && w[1] == b'9' || w[0] == b'2' && w[1] == b'0')
                && w[2].is_ascii_digit()
                && w[3].is_ascii_digit()
        })
    })
}

/// The first full date (day, month, year) written in a line.
pub fn full_date(line: &str) -> Option<PartialDate> {
    // Every form below has a four-digit year: skip the regexes for lines without one.
    if !has_year(line) {
        return None;
    }
    let mk = |y: &str, m: u32, d: &str| {
        let year = y.parse().ok()?;
        let day: u32 = d.parse().ok()?;
        // "February 30, 2025" is no date at all.
        PartialDate::new(year, m, Some(day))
    };
    if let Some(c) = ISO_DATE.captures(line) {
        let m: u32 = c["m"].parse().ok()?;
        return mk(&c["y"], m, &c["d"]);
    }
    if let Some(c) = CJK_DATE.captures(line) {
        let m: u32 = c["m"].parse().ok()?;
        return mk(&c["y"], m, &c["d"]);
    }
    for re in [&*LONG_DATE, &*DAY_FIRST_DATE] {
        if let Some(c) = re.captures(line) {
            return mk(&c["y"], month_number(&c["mon"])?, &c["d"]);
        }
    }
    if let Some(c) = OTHER_LANGUAGE_DATE.captures(line) {
        if let Some(m) = other_month_number(&c["mon"]) {
            return mk(&c["y"], m, &c["d"]);
        }
    }
    if !has_numeric_separator(line) {
        return None;
    }
    let c = NUMERIC_DATE.captures(line)?;
    let (a, b): (u32, u32) = (c["a"].parse().ok()?, c["b"].parse().ok()?);
    // Month first (12/30/2019) or day first (30/12/2019) only where the numbers say
    // which: "02/10/2020" is February in one country and October in another.
    match (a > 12, b > 12) {
        (false, true) => mk(&c["y"], a, &c["b"]),
        (true, false) => mk(&c["y"], b, &c["a"]),
        _ if a == b => mk(&c["y"], a, &c["b"]),
        _ => None,
    }
}

/// The date written in a line that states one ("Published: February 30, 2025") when
/// that date does not exist: what [`full_date`] refused, for a warning.
pub fn impossible_date(line: &str) -> Option<String> {
    if !has_year(line)
        || !super::lines::words_at_most(line, MAX_DATE_LINE_WORDS)
        || full_date(line).is_some()
    {
        return None;
    }
    let found = ISO_DATE
        .captures(line)
        .map(|c| (c.get(0), c["m"].parse().ok()));
    let found = found.or_else(|| {
        [&*LONG_DATE, &*DAY_FIRST_DATE].iter().find_map(|re| {
            re.captures(line)
                .map(|c| (c.get(0), month_number(&c["mon"])))
        })
    });
    match found? {
        (Some(m), Some(month)) if (1..=12).contains(&month) => Some(m.as_str().to_string()),
        _ => None,
    }
}

static DATE_LINE_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)^(?:(?:published|posted|updated|last updated|first published|date|on)\s*:?\s*)?(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?",
    )
});

/// Most words of a date line (the text cleaner's `label` asks [`is_date_line`] only of
/// lines this short, from the word count it has).
pub const MAX_DATE_LINE_WORDS: usize = 20;

/// A line that is essentially a date (with "Published:"/weekday/time decorations).
pub fn is_date_line(line: &str) -> bool {
    // Cheapest test first: a date line has a four-digit year and at most 20 words.
    if !has_year(line)
        || !super::lines::words_at_most(line, MAX_DATE_LINE_WORDS)
        || full_date(line).is_none()
    {
        return false;
    }
    let rest = DATE_LINE_WORDS.replace(line.trim(), "");
    let letters = rest.chars().filter(|c| c.is_alphabetic()).count();
    // What is left after the date is at most a month name, a time zone and "Updated".
    letters <= 32
}

static ISSUE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?i)^(?:from|in) the (?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)(?:[/–-]\w+)? (?P<y>(?:19|20)\d{2}) (?:issue|edition)(?-u:\b)",
    )
});

/// "From the October 2025 issue": a magazine states only its issue month.
pub fn issue_month(line: &str) -> Option<PartialDate> {
    let line = line.trim();
    let starts = |p: &str| super::lines::starts_with_ignore_case(line, p);
    if !(starts("from the ") || starts("in the ")) {
        return None;
    }
    let c = ISSUE_MONTH.captures(line)?;
    PartialDate::new(c["y"].parse().ok()?, month_number(&c["mon"])?, None)
}

/// A date in a file's path: "2026-01-17/World/slug.md", "2026/01/17/slug.md",
/// "20260117-slug.txt". Digits around it make it part of a longer number (an id), not
/// a date.
static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    crate::patterns::regex(
        r"(?:^|[^0-9])(?:(?P<y>(?:19|20)\d{2})[-/_.](?P<m>\d{1,2})[-/_.](?P<d>\d{1,2})|(?P<cy>(?:19|20)\d{2})(?P<cm>0[1-9]|1[0-2])(?P<cd>0[1-9]|[12]\d|3[01]))(?:[^0-9]|$)",
    )
});

/// A digit, then '/' or '.', then a digit: the cheap test before [`NUMERIC_DATE`] runs
/// on a line of prose that names a year.
fn has_numeric_separator(line: &str) -> bool {
    let b = line.as_bytes();
    crate::clean::simd::any_position_of(b, b"/.", |i| {
        i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    })
}

/// The date a seed's path states (see [`PATH_DATE`]); the last one when the path
/// names several (the file's own name is the most specific).
pub fn path_date(path: &str) -> Option<PartialDate> {
    if !has_year(path) {
        return None;
    }
    let path = path.replace('\\', "/");
    let mut found = None;
    let mut at = 0;
    // Matches overlap at their boundary characters: step one character at a time.
    while let Some(c) = PATH_DATE.captures_at(&path, at) {
        let whole = c.get(0)?;
        let part = |a: &str, b: &str| c.name(a).or_else(|| c.name(b)).map(|m| m.as_str());
        let (y, m, d) = (part("y", "cy")?, part("m", "cm")?, part("d", "cd")?);
        let date = PartialDate::new(y.parse().ok()?, m.parse().ok()?, Some(d.parse().ok()?));
        found = date.or(found);
        at = whole.start()
            + path[whole.start()..]
                .chars()
                .next()
                .map_or(1, char::len_utf8);
    }
    found
}

/// "Updated" lines carry a later date than publication; callers prefer the other.
pub fn is_updated_line(line: &str) -> bool {
    let l = line.trim_start().to_lowercase();
    l.starts_with("updated") || l.starts_with("last updated") || l.starts_with("modified")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_korean_and_japanese_dates() {
        let d = Some(PartialDate {
            year: 2025,
            month: 6,
            day: Some(12),
        });
        assert_eq!(full_date("2025년 6월 12일"), d);
        assert_eq!(full_date("2025年6月12日 15時24分"), d);
        assert!(is_date_line("입력 2025년 6월 12일 오후 3:24"));
    }

    #[test]
    fn reads_day_first_dates_in_other_languages() {
        let d = PartialDate::new(2018, 1, Some(22));
        assert_eq!(full_date("segunda-feira, 22 de janeiro de 2018 às 0:13"), d);
        assert_eq!(full_date("22 de enero de 2018"), d);
        assert_eq!(full_date("22 gennaio 2018"), d);
        assert_eq!(full_date("Montag, 22. Januar 2018"), d);
        assert_eq!(full_date("22 января 2018 г."), d);
        assert_eq!(full_date("22 Januari 2018"), d);
        assert!(is_date_line("segunda-feira, 22 de janeiro de 2018 às 0:13"));
        // A number and a year around another word are no date.
        assert_eq!(full_date("12 players 2018"), None);
    }

    #[test]
    fn reads_numeric_dates_only_where_the_order_is_plain() {
        let d = PartialDate::new(2019, 12, Some(30));
        assert_eq!(full_date("12/30/2019 05:03 AM EST"), d);
        assert_eq!(full_date("30.12.2019"), d);
        assert_eq!(full_date("02/10/2020"), None);
    }

    #[test]
    fn reads_dates_in_paths() {
        let d = PartialDate::new(2026, 1, Some(17));
        assert_eq!(path_date("2026-01-17/United States/slug.md"), d);
        assert_eq!(path_date("news/2026/01/17/slug.md"), d);
        assert_eq!(path_date("20260117-slug.txt"), d);
        assert_eq!(path_date("000_6ac1ba55e0846edf.txt"), None);
        assert_eq!(path_date("id-120260117.txt"), None);
        assert_eq!(path_date("2026-02-30/slug.md"), None);
    }
}
