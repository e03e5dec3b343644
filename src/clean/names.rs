//! Bylines and the names in them: "By A and B", "A in Seoul", "Name, Job" lines,
//! organisation credits, person-name shape and house style for names. Shared by the
//! page-text, HTML and Markdown cleaners (through [`super::meta`]).

use regex::Regex;
use std::sync::LazyLock;

use super::dateline::month_number;
/// Job words that follow or precede a name in a byline ("Staff Writer", "Reporter").
const BYLINE_ROLES: &[&str] = &[
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "contributor",
    "photographer",
    "senior",
    "chief",
    "bureau",
    "special",
    "regional",
    "political",
    "diplomatic",
    "economics",
    "defense",
    "defence",
    "associate",
    "deputy",
    "managing",
];

static BY_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::regex(r"^(?i:by|words by|written by|story by)[:\s]+"));
static NAME_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| crate::patterns::regex(r"\s*(?:,|;|(?-u:\b)(?i:and)(?-u:\b)|&)\s*"));

/// "By …", "Written by …": a line that opens as a byline does.
pub fn opens_with_by(line: &str) -> bool {
    // Asked of every short line: the first letter rules out most before the regex.
    matches!(
        line.as_bytes().first(),
        Some(b'B' | b'b' | b'W' | b'w' | b'S' | b's')
    ) && BY_PREFIX.is_match(line)
}

/// Most words of a byline line (see [`byline_names`]).
pub const MAX_BYLINE_WORDS: usize = 16;

/// Names from a byline: "By A and B", "By A in Seoul", "A in Gyeongju and B in Seoul",
/// "Reporter A", "By A Tribune Staff Writer". `None` when the line is not a byline.
pub fn byline_names(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    if !super::lines::words_at_most(line, MAX_BYLINE_WORDS)
        || line.ends_with('.') && !line.ends_with("Jr.")
    {
        return None;
    }
    // (Every match of BY_PREFIX opens with one of these, 'ſ' folding to 's': most lines
    // are ruled out without running it.)
    let by_prefix = if line.starts_with(['b', 'B', 'w', 'W', 's', 'S', 'ſ']) {
        BY_PREFIX.find(line)
    } else {
        None
    };
    let (rest, explicit) = match by_prefix {
        Some(m) => (&line[m.end()..], true),
        // "ByJane Doe": a page that sets "By" and the name in separate elements, copied
        // without a space between them.
        None if line.starts_with("By") && line[2..].starts_with(char::is_uppercase) => {
            (&line[2..], true)
        }
        None => (line, false),
    };
    let role_prefixed = BYLINE_ROLES.iter().any(|r| {
        super::lines::starts_with_ignore_case(rest, r)
            && rest.as_bytes().get(r.len()) == Some(&b' ')
    });
    let located = rest.contains(" in ");
    let looks_like_byline = explicit || role_prefixed || (located && located_names_only(rest));
    if !looks_like_byline {
        return None;
    }
    // "By A•15 January 2020", "By A|Staff": separators glued to the name.
    let spaced;
    let rest = if rest.contains(['•', '|', '·']) {
        spaced = rest.replace(['•', '|', '·'], " | ");
        spaced.as_str()
    } else {
        rest
    };
    let mut names = Vec::new();
    for part in NAME_SPLIT.split(rest) {
        // "A in Seoul" -> "A"; "Reporter A" -> "A"; "A Tribune Staff Writer" -> "A".
        let part = part.split(" in ").next().unwrap_or("").trim();
        // "A Thursday, November 9, 2023": a byline element that also holds the date.
        let tokens: Vec<&str> = part
            .split_whitespace()
            .skip_while(|t| BYLINE_ROLES.contains(&t.to_lowercase().as_str()))
            .take_while(|t| !(is_date_word(t) || (explicit && ends_byline_names(t))))
            .map(without_glued_role)
            .map(without_glued_handle)
            .collect();
        let role_at = tokens
            .iter()
            .position(|t| BYLINE_ROLES.contains(&t.to_lowercase().as_str()));
        let take = match role_at {
            // One word before the role is usually the outlet ("Tribune Staff Writer").
            Some(k) => k.min(2.max(k.saturating_sub(1))),
            None => tokens.len(),
        };
        let name = tokens[..take.min(tokens.len())].join(" ");
        if is_person_name(&name) {
            names.push(normalise_name(&name));
        } else if !name.is_empty() && !explicit {
            return None;
        }
    }
    if names.is_empty() && explicit {
        return organisation_credit(rest).map(|credit| vec![credit]);
    }
    (!names.is_empty()).then_some(names)
}

/// "By Wikimedia Foundation", "By TOI staff", "By Staff and news service reports": a
/// byline that credits an organisation or a desk, not people. Taken as written, up to
/// a date or separator after it; at most six words, the first capitalised, no digits.
fn organisation_credit(rest: &str) -> Option<String> {
    let credit: Vec<&str> = rest
        .split_whitespace()
        .take_while(|t| !is_date_word(t) && !ends_byline_names(t))
        .collect();
    let desk = credit.iter().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "staff" | "reports" | "wires" | "agencies"
        )
    });
    let capitalised = credit
        .iter()
        .all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "of" | "and" | "the" | "&"));
    let ok = (1..=6).contains(&credit.len())
        && credit[0].starts_with(char::is_uppercase)
        && (desk || capitalised);
    ok.then(|| credit.join(" ").trim_end_matches([',', ':']).to_string())
}

/// "A in Gyeongju and B in Seoul" with no "By": every part is a name, or a name and
/// " in " one to three capitalised words (a place). A headline also says "X in Y"
/// ("Scientists Confirm 2023 as Hottest Year Ever in the Making"), and its words
/// before the place are no name.
fn located_names_only(rest: &str) -> bool {
    NAME_SPLIT.split(rest).all(|part| {
        // "…, 12 June 2025": the date a byline element also holds.
        if part.split_whitespace().next().is_some_and(is_date_word) {
            return true;
        }
        let mut halves = part.trim().splitn(2, " in ");
        let name = halves.next().unwrap_or("").trim();
        let place_ok = halves.next().is_none_or(|place| {
            let words: Vec<&str> = place.split_whitespace().collect();
            (1..=3).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase))
        });
        place_ok && is_person_name(name)
    })
}

/// A word after a "By" line's names where the element beside them begins: "By A B
/// Last updated Nov 8", "By A B Published …", "By A B | Share".
fn ends_byline_names(token: &str) -> bool {
    const AFTER_NAMES: &[&str] = &[
        "last",
        "updated",
        "published",
        "posted",
        "share",
        "follow",
        "email",
        "on",
        "for",
        "|",
        "-",
        "–",
        "—",
        "•",
        "·",
    ];
    AFTER_NAMES.contains(&token.to_lowercase().as_str())
}

/// "Shana Nys Dambrot November 6, 2023", "Shana Nys DambrotNovember 6, 2023" (name and
/// date set in two elements, copied without a space): the name, and the rest of the
/// line from where the date begins.
pub fn name_before_date(line: &str) -> Option<(String, &str)> {
    let mut name_end = 0;
    let mut date_at = None;
    for (at, token) in tokens_with_offsets(line) {
        if is_date_word(token) {
            date_at = Some(at);
            break;
        }
        // A month glued to the surname: "DambrotNovember".
        let glued = token
            .char_indices()
            .skip(1)
            .find(|&(k, c)| c.is_uppercase() && is_date_word(&token[k..]))
            .map(|(k, _)| k);
        if let Some(k) = glued {
            name_end = at + k;
            date_at = Some(at + k);
            break;
        }
        name_end = at + token.len();
    }
    let name = line[..name_end].trim();
    let date = &line[date_at?..];
    is_person_name(name).then(|| (normalise_name(name), date))
}

/// The whitespace-separated tokens of `text` with their byte offsets.
fn tokens_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |t| (t.as_ptr() as usize - text.as_ptr() as usize, t))
}

/// "Richard Adams Education editor", "Jane Doe, Senior Fellow": the name at the head
/// of a byline's job line.
pub fn name_before_role(line: &str) -> Option<String> {
    let line = line.trim_start_matches(['&', ' ']);
    let line = line.strip_prefix("and ").unwrap_or(line);
    if let Some((name, role)) = line.split_once(", ") {
        let first_role = role.split(", ").next().unwrap_or(role);
        if is_person_name(name) && is_role_line(first_role) {
            return Some(normalise_name(name));
        }
    }
    // Without a comma the job must read as one ("Education editor", "Staff Writer"):
    // ending in a job noun set in lower case, or opening with a byline role word.
    // "Donald Trump Names New Fed Chair" is a headline.
    let tokens: Vec<&str> = line.split_whitespace().collect();
    // The shortest name first: "Richard Adams Education editor" is Richard Adams.
    (2..=3.min(tokens.len().saturating_sub(1))).find_map(|n| {
        let name = tokens[..n].join(" ");
        let role = &tokens[n..];
        let last = role[role.len() - 1];
        let reads_as_job = role.len() <= 3
            && ((last.starts_with(char::is_lowercase) && ROLE_NOUNS.contains(&last))
                || BYLINE_ROLES.contains(&role[0].to_lowercase().as_str()));
        (reads_as_job && is_person_name(&name)).then(|| normalise_name(&name))
    })
}

/// "Ibtisam Mahdi, Ruwaida Kamal Amer", "Jane Doe and Min-ji Park": a line of names only.
pub fn names_only(line: &str) -> Option<Vec<String>> {
    let names: Vec<String> = NAME_SPLIT
        .split(line.trim())
        .filter(|p| !p.is_empty())
        .map(|p| is_person_name(p).then(|| normalise_name(p)))
        .collect::<Option<_>>()?;
    (!names.is_empty()).then_some(names)
}

/// "Levitz@EricLevitz" -> "Levitz": the author's handle printed right after the name.
fn without_glued_handle(token: &str) -> &str {
    match token.find('@') {
        Some(at) if at > 0 => &token[..at],
        _ => token,
    }
}

/// "HalperStaff" -> "Halper": a job title set in its own element right after the name,
/// copied without a space between them.
fn without_glued_role(token: &str) -> &str {
    let glued_at = token
        .char_indices()
        .zip(token.chars().skip(1))
        .find(|((_, a), b)| a.is_lowercase() && b.is_uppercase())
        .map(|((i, a), _)| i + a.len_utf8());
    match glued_at {
        Some(at) if BYLINE_ROLES.contains(&token[at..].to_lowercase().as_str()) => &token[..at],
        _ => token,
    }
}

/// A weekday or month name ("Thursday", "Nov."), or a token with a digit: where the
/// date after a byline's names begins.
fn is_date_word(token: &str) -> bool {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let word = token.trim_end_matches([',', '.']).to_lowercase();
    token.chars().any(|c| c.is_ascii_digit())
        || WEEKDAYS.contains(&word.as_str())
        || word.len() >= 3 && month_number(&word).is_some() && word != "may"
}

/// "Regional Correspondent", "Senior Fellow, Korea Program": a byline's job line.
pub fn is_role_line(line: &str) -> bool {
    // Asked of many lines: the cheap tests first, and no lowercased copies of ASCII words.
    if line.trim_end().ends_with(['.', '?', '!']) {
        return false;
    }
    let words = || {
        line.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    };
    // A job title names a job ("Correspondent", "Senior Fellow"), not just an
    // adjective that also qualifies jobs ("regional stability" is a headline).
    (1..=8).contains(&words().take(9).count()) && words().any(|w| in_lowercase_list(w, ROLE_NOUNS))
}

/// Nouns that make a short line a byline's job title.
const ROLE_NOUNS: &[&str] = &[
    "staff",
    "writer",
    "reporter",
    "correspondent",
    "editor",
    "columnist",
    "contributor",
    "photographer",
    "fellow",
    "professor",
    "analyst",
    "director",
    "researcher",
    "chair",
    "chairman",
    "chairwoman",
    "lecturer",
    "scholar",
    "adviser",
    "advisor",
    "economist",
    "journalist",
    "ambassador",
    "president",
    "dean",
    "officer",
    "diplomat",
    "specialist",
    "producer",
    "presenter",
    "chief",
];

/// Words that make a capitalised two-word line a label rather than a person.
const NOT_NAME_WORDS: &[&str] = &[
    "report",
    "features",
    "news",
    "opinion",
    "columns",
    "column",
    "home",
    "world",
    "politics",
    "asia",
    "business",
    "analysis",
    "editorial",
    "commentary",
    "blog",
    "live",
    "latest",
    "video",
    "menu",
    "search",
    "more",
    "the",
    "of",
    "and",
    "for",
    "in",
    "on",
    "daily",
    "times",
    "post",
    "herald",
    "journal",
    "review",
    "forum",
    "institute",
    "university",
    "center",
    "centre",
    "korea",
    "japan",
    "china",
    "united",
    "states",
    "south",
    "north",
    "east",
    "west",
    "tokyo",
    "seoul",
    "washington",
    "beijing",
    "global",
    "international",
    "policy",
    "security",
    "relations",
    "update",
    "updated",
    "published",
    "share",
    "print",
    "subscribe",
    "photo",
    // Words of places, organisations and page furniture that read like names in
    // title case ("New York", "Wikimedia Foundation", "About Us", "Open Future").
    "new",
    "foundation",
    "association",
    "agency",
    "press",
    "staff",
    "media",
    "group",
    "council",
    "society",
    "about",
    "contact",
    "us",
    "open",
];

/// "Shin Kak-soo", "KIMIYA Tadashi", "Kristi Govella": 2-4 capitalised tokens, no digits.
pub fn is_person_name(s: &str) -> bool {
    // Asked of many lines: the length tests first, and no allocation for ASCII words.
    if s.len() > 48 || !(2..=4).contains(&s.split_whitespace().take(5).count()) {
        return false;
    }
    s.split_whitespace().all(|t| {
        let first = t.chars().next();
        first.is_some_and(char::is_uppercase)
            && t.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
            && !is_not_name_word(t)
    })
}

/// Whether a token, lowercased and without its closing dots, is in [`NOT_NAME_WORDS`]
/// (all lowercase ASCII).
fn is_not_name_word(token: &str) -> bool {
    in_lowercase_list(token.trim_end_matches('.'), NOT_NAME_WORDS)
}

/// Whether `word`, lowercased, is in `list` (lowercase ASCII words): ASCII words are
/// compared without a lowercased copy; others are lowercased in full first.
fn in_lowercase_list(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter().any(|w| w.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word.to_lowercase().as_str())
    }
}

/// House style for names: keep the order written, fix ALL-CAPS surnames ("KIMIYA" -> "Kimiya").
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace()
        .map(|t| {
            let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
            // Initials ("J.R.") stay as written.
            let initials = t.contains('.');
            if letters.len() > 1 && !initials && letters.iter().all(|c| c.is_uppercase()) {
                let lower = t.to_lowercase();
                let mut cs = lower.chars();
                match cs.next() {
                    Some(f) => f.to_uppercase().chain(cs).collect(),
                    None => String::new(),
                }
            } else {
                t.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
