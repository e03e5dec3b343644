//! Front matter: `+++` TOML (Zola, Hugo) or `---` YAML (Hugo, Jekyll), read into
//! the keys dossier knows; what does not parse is an error naming its line.
//!
//! A model-layer module rather than part of the Markdown cleaner, because two stages
//! read it: `discover` (is a page bundle headless?) and `clean::markdown` (the page's
//! title, date, authors, ...). Below both, neither reaches up to the other.

use crate::model::PartialDate;

/// Front matter values dossier reads, whatever format they came in.
#[derive(Debug, Default, PartialEq)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub date: Option<PartialDate>,
    pub authors: Vec<String>,
    pub publication: Option<String>,
    pub description: Option<String>,
    pub topics: Vec<String>,
    /// `slug` (Zola, Hugo) and `aliases` (old URLs or slugs), as written.
    pub slug: Option<String>,
    pub aliases: Vec<String>,
    /// Hugo's headless bundle: `headless: true`, or `render: never` in `build` or
    /// `_build`, on the page or in its `cascade` (see [`crate::discover`]).
    pub headless: bool,
    /// Values that were there but rejected, with their line: the seed's warnings.
    pub notes: Vec<String>,
}

/// Split `text` into (front matter, body). `Err` is front matter that cannot be
/// read at all, with the line of the problem (1-based, in the whole file); a value
/// dossier rejects while the rest reads (an impossible date) is a note in
/// [`FrontMatter::notes`] instead.
pub fn split_front_matter(text: &str) -> Result<(FrontMatter, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, is_toml) in [("+++", true), ("---", false)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        let close = rest
            .match_indices(fence)
            .find(|(i, _)| *i == 0 || rest[..*i].ends_with('\n'))
            .map(|(i, _)| i)
            .ok_or_else(|| format!("line 1: front matter opened with `{fence}` is never closed"))?;
        let head = &rest[..close];
        let body = rest[close + fence.len()..].trim_start_matches(['\r', '\n']);
        if let Some(line) = too_deep_brackets(head) {
            let kind = if is_toml { "TOML" } else { "YAML" };
            return Err(format!(
                "{kind} front matter at line {}: `[` and `{{` nested deeper than {MAX_NESTING}",
                // The fence is line 1; `head` starts on line 2.
                line + 2
            ));
        }
        let mut notes = Vec::new();
        let value = if is_toml {
            parse_toml_front_matter(head, &mut notes)?
        } else {
            let v: serde_yaml::Value = serde_yaml::from_str(head).map_err(|e| {
                // serde_yaml's lines are 1-based within the front matter; the fence is line 1.
                let line = e.location().map_or(1, |l| l.line() + 1);
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg);
                format!("line {line}: YAML front matter does not parse: {msg}")
            })?;
            serde_json::to_value(v).map_err(|e| format!("line 2: YAML front matter: {e}"))?
        };
        let mut fm = read_front_matter(&value);
        if let (None, Some(raw)) = (fm.date, value.get("date").and_then(date_string)) {
            let line = crate::config::line_of_key(head, "date").map_or(1, |n| n + 1);
            notes.push(format!(
                "line {line}: date `{}` is not a real date (expected YYYY-MM-DD); ignored",
                raw.trim()
            ));
        }
        fm.notes = notes;
        return Ok((fm, body));
    }
    Ok((FrontMatter::default(), text))
}

/// TOML front matter as JSON. TOML itself rejects an impossible date written bare
/// (`date = 2025-02-30`): then only that line is dropped, with a note, and the rest
/// of the front matter still counts.
fn parse_toml_front_matter(
    head: &str,
    notes: &mut Vec<String>,
) -> Result<serde_json::Value, String> {
    let first = match toml::from_str::<toml::Value>(head) {
        Ok(v) => return serde_json::to_value(v).map_err(|e| e.to_string()),
        Err(e) => e,
    };
    // Lines within the front matter; the fence is line 1 of the file.
    let line = first.span().map_or(2, |s| {
        head.get(..s.start).unwrap_or(head).matches('\n').count() + 2
    });
    let why = format!(
        "line {line}: TOML front matter does not parse: {}",
        first.message().trim_end()
    );
    // Only a bare date TOML refused (`date = 2025-02-30`) is dropped alone; any other
    // error, on the date line too (`date = = 3`), leaves the front matter unread.
    let written = head
        .lines()
        .nth(line.saturating_sub(2))
        .unwrap_or("")
        .trim();
    let bare_date = written
        .split_once('=')
        .map(|(_, v)| v.trim().as_bytes())
        .is_some_and(|v| v.len() >= 10 && v[..4].iter().all(u8::is_ascii_digit) && v[4] == b'-');
    if crate::config::line_of_key(head, "date").map(|n| n + 1) != Some(line) || !bare_date {
        return Err(why);
    }
    let without: String = head
        .split_inclusive('\n')
        .enumerate()
        .filter(|&(i, _)| i + 2 != line)
        .map(|(_, l)| l)
        .collect();
    let v: toml::Value = toml::from_str(&without).map_err(|_| why.clone())?;
    notes.push(format!(
        "line {line}: `{written}` is not a real date (expected YYYY-MM-DD); ignored"
    ));
    serde_json::to_value(v).map_err(|e| e.to_string())
}

fn read_front_matter(v: &serde_json::Value) -> FrontMatter {
    let s = |key: &str| v.get(key).and_then(|x| x.as_str()).map(str::to_string);
    let list = |x: Option<&serde_json::Value>| -> Vec<String> {
        match x {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let taxonomies = v.get("taxonomies");
    let extra = v.get("extra").or_else(|| v.get("params"));
    let mut authors = list(v.get("authors"));
    authors.extend(list(v.get("author")));
    authors.extend(list(extra.and_then(|e| e.get("author"))));
    authors.extend(list(extra.and_then(|e| e.get("authors"))));
    authors.extend(list(taxonomies.and_then(|t| t.get("authors"))));
    let mut topics = list(v.get("topics"));
    topics.extend(list(v.get("tags")));
    topics.extend(list(taxonomies.and_then(|t| t.get("topics"))));
    topics.extend(list(taxonomies.and_then(|t| t.get("tags"))));
    FrontMatter {
        title: s("title"),
        date: v
            .get("date")
            .and_then(date_string)
            .and_then(|d| parse_date_prefix(&d)),
        authors,
        publication: s("publication").or_else(|| s("publisher")).or_else(|| {
            v.get("extra")
                .and_then(|e| e.get("publication"))
                .and_then(|x| x.as_str())
                .map(str::to_string)
        }),
        description: s("description").or_else(|| s("summary")),
        topics,
        slug: s("slug"),
        aliases: list(v.get("aliases")),
        headless: headless(v),
        notes: Vec::new(),
    }
}

fn headless(v: &serde_json::Value) -> bool {
    let never = |b: Option<&serde_json::Value>| {
        b.and_then(|b| b.get("render")).is_some_and(|r| {
            r.as_str().is_some_and(|s| s.eq_ignore_ascii_case("never"))
                || r.as_bool() == Some(false)
        })
    };
    let builds_never = |x: &serde_json::Value| never(x.get("build")) || never(x.get("_build"));
    let cascade = match v.get("cascade") {
        Some(serde_json::Value::Array(items)) => items.iter().any(builds_never),
        Some(c) => builds_never(c),
        None => false,
    };
    v.get("headless").and_then(|h| h.as_bool()) == Some(true) || builds_never(v) || cascade
}

/// The front matter of `text` marks its page bundle headless (see [`FrontMatter::headless`]).
pub fn is_headless(text: &str) -> bool {
    split_front_matter(text).is_ok_and(|(fm, _)| fm.headless)
}

/// A date value as text: YAML and TOML strings, or TOML's native datetime
/// (which serialises as a one-field table).
fn date_string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(m) if m.len() == 1 => m.values().next().and_then(date_string),
        _ => None,
    }
}

/// "2025-06-12", "2025-06-12T09:15:00+09:00", "2025-06" -> a date. A full date
/// must be a real one: "2025-02-30" is no date, not February 2025.
pub fn parse_date_prefix(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if s.as_bytes().get(7) == Some(&b'-') {
        return s
            .get(..10)
            .and_then(|d| crate::config::parse_config_date(d).ok());
    }
    s.get(..7)
        .and_then(|d| crate::config::parse_config_date(d).ok())
}

/// Deepest nesting of block quotes and lists (in a line of the body) and of
/// brackets (in front matter) dossier reads: far beyond what prose uses (the
/// CommonMark spec's examples stop at 3 or 4 levels), low enough that the work per
/// line stays small whatever a file holds.
pub const MAX_NESTING: usize = 32;

/// The line (counted from 0) of `head` where `[`/`{` nesting passes [`MAX_NESTING`]
/// (outside quoted strings), if it does.
fn too_deep_brackets(head: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<u8> = None;
    let mut line = 0;
    let mut escaped = false;
    for &b in head.as_bytes() {
        if b == b'\n' {
            line += 1;
            // Neither YAML nor TOML basic strings span lines unescaped; a stray quote must
            // not hide the brackets after it.
            quote = None;
        }
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if b == b'\\' && q == b'"' {
                    escaped = true;
                } else if b == q {
                    quote = None;
                }
            }
            None => match b {
                b'"' | b'\'' => quote = Some(b),
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(line);
                    }
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
    }
    None
}
