//! A request target (`/articles/x/?q=1`) to what it names in the served site.
//!
//! 1. Drop the query and the fragment.
//! 2. Percent-decode strictly: a `%` without two hex digits after it is an
//!    error, and so are decoded bytes that are not UTF-8 (`%C3`, `%C0%AE`).
//! 3. Split on `/`; empty and `.` segments go.
//! 4. Refuse a `..` segment, a backslash (a Windows separator: `..\`) and any
//!    control character, in every spelling (`%2e%2e`, `.%2E`, `%5c`, `%00`).
//!    The server only looks names up in the in-memory site, so a `..` could
//!    never leave it; refusing is clearer than a 404 and keeps a future
//!    disk-backed lookup safe.
//!
//! A pure function of the target's text, with no I/O: the fuzz target
//! `fuzz/fuzz_targets/serve_request.rs` runs it on arbitrary input.

/// The part of the server that live reload polls; never a file of the site.
pub const VERSION_PATH: &str = "/__dossier/version";
pub const RELOAD_SCRIPT_PATH: &str = "/__dossier/reload.js";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The build counter the reload script polls.
    Version,
    /// The reload script itself.
    ReloadScript,
    /// A path relative to the site root ("" for the root itself), its segments
    /// joined by `/`, none of them empty, `.` or `..`. `dir` when the target
    /// ended in `/` (so it names the folder's `index.html`).
    Site { path: String, dir: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTarget {
    /// Not an origin-form path (`*`, or no leading `/`).
    NotAPath,
    /// A `%` not followed by two hex digits.
    BadPercent,
    /// The decoded bytes are not UTF-8.
    NotUtf8,
    /// A `..` segment, a backslash or a control character.
    Refused,
}

impl BadTarget {
    /// The HTTP status to answer with.
    pub fn status(self) -> u16 {
        match self {
            BadTarget::Refused => 403,
            _ => 400,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            BadTarget::NotAPath => "the request target is not a path",
            BadTarget::BadPercent => "the path has a % that is not followed by two hex digits",
            BadTarget::NotUtf8 => "the decoded path is not UTF-8",
            BadTarget::Refused => {
                "the path leaves the site (..), or holds a backslash or a control character"
            }
        }
    }
}

/// What `target` (the path and query of a request line) names.
pub fn resolve(target: &str) -> Result<Target, BadTarget> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') {
        return Err(BadTarget::NotAPath);
    }
    // Compared before decoding: `/__dossier/%76ersion` is a site path like any other.
    if path == VERSION_PATH {
        return Ok(Target::Version);
    }
    if path == RELOAD_SCRIPT_PATH {
        return Ok(Target::ReloadScript);
    }
    let decoded = percent_decode(path)?;
    let decoded = String::from_utf8(decoded).map_err(|_| BadTarget::NotUtf8)?;
    if decoded.chars().any(|c| c == '\\' || c.is_control()) {
        return Err(BadTarget::Refused);
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Err(BadTarget::Refused),
            s => segments.push(s),
        }
    }
    let dir = decoded.ends_with('/') || decoded.ends_with("/.");
    Ok(Target::Site {
        path: segments.join("/"),
        dir,
    })
}

/// Strict percent-decoding over bytes (a `&str` is never sliced, so no
/// multi-byte character can be cut).
fn percent_decode(s: &str) -> Result<Vec<u8>, BadTarget> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).and_then(|b| hex(*b));
            let lo = bytes.get(i + 2).and_then(|b| hex(*b));
            match (hi, lo) {
                (Some(hi), Some(lo)) => out.push((hi << 4) | lo),
                _ => return Err(BadTarget::BadPercent),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Ok(out)
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// The inverse of [`resolve`] for a site path: the characters that would
/// change its meaning in a target (`%`, `?`, `#`, and anything outside
/// printable ASCII) percent-encoded. Used for redirects.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_graphic() && !matches!(b, b'%' | b'?' | b'#') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    // A site file at `__dossier/reload.js` (reachable as `//__dossier/reload.js`)
    // must not be sent to the reserved path of the same spelling: escape its first
    // byte, a spelling only the site path has. Found by the serve_request fuzzer.
    if [VERSION_PATH, RELOAD_SCRIPT_PATH].contains(&format!("/{out}").as_str()) {
        out.replace_range(..1, "%5F");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, dir: bool) -> Result<Target, BadTarget> {
        Ok(Target::Site {
            path: path.to_string(),
            dir,
        })
    }

    #[test]
    fn a_site_file_named_like_a_reserved_path_keeps_its_own_spelling() {
        // The serve_request fuzzer's input (fuzz/regressions/serve_request/).
        let bytes = include_bytes!("../../tests/fixtures/fuzz-regressions/serve-reserved-path");
        let target = std::str::from_utf8(bytes).unwrap();
        let resolved = resolve(target);
        assert_eq!(resolved, site("__dossier/reload.js", false));
        let again = resolve(&format!("/{}", encode("__dossier/reload.js")));
        assert_eq!(again, resolved);
        assert_eq!(resolve(RELOAD_SCRIPT_PATH), Ok(Target::ReloadScript));
    }

    #[test]
    fn resolves_site_paths_and_drops_the_query() {
        assert_eq!(resolve("/"), site("", true));
        assert_eq!(resolve("/articles/x/?q=1#top"), site("articles/x", true));
        assert_eq!(resolve("/style.css"), site("style.css", false));
        assert_eq!(resolve("//a/./b"), site("a/b", false));
        assert_eq!(resolve("/a/."), site("a", true));
        assert_eq!(resolve("/caf%C3%A9/"), site("café", true));
        assert_eq!(resolve(VERSION_PATH), Ok(Target::Version));
        assert_eq!(resolve("/__dossier/reload.js?x"), Ok(Target::ReloadScript));
    }

    #[test]
    fn refuses_path_traversal_in_every_spelling() {
        for t in [
            "/..",
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/.%2e/x",
            "/%2e./x",
            "/a/..%2f..%2fx",
            "/..\\x",
            "/a%5c..%5cx",
            "/a%00.html",
            "/a%0d%0aSet-Cookie:x",
        ] {
            assert_eq!(resolve(t), Err(BadTarget::Refused), "{t}");
        }
        // Decoded once only: `%252e` is the literal name `%2e`, not `.`.
        assert_eq!(resolve("/%252e%252e/x"), site("%2e%2e/x", false));
        // Overlong UTF-8 for `.` is not UTF-8 at all.
        assert_eq!(resolve("/%c0%ae%c0%ae/x"), Err(BadTarget::NotUtf8));
    }

    #[test]
    fn rejects_bad_percent_escapes_and_non_utf8_without_panicking() {
        assert_eq!(resolve("/%"), Err(BadTarget::BadPercent));
        assert_eq!(resolve("/%4"), Err(BadTarget::BadPercent));
        assert_eq!(resolve("/%zz"), Err(BadTarget::BadPercent));
        // The attack of issue 15: a `%` followed by a multi-byte character.
        assert_eq!(resolve("/%€"), Err(BadTarget::BadPercent));
        assert_eq!(resolve("/%e2%82"), Err(BadTarget::NotUtf8));
        assert_eq!(resolve("/%C3"), Err(BadTarget::NotUtf8));
        assert_eq!(resolve("*"), Err(BadTarget::NotAPath));
        assert_eq!(resolve(""), Err(BadTarget::NotAPath));
    }

    #[test]
    fn encode_round_trips_through_resolve() {
        for path in ["a b/c%20d", "q?x#y", "café/ü", "100%"] {
            let target = format!("/{}", encode(path));
            assert!(target.is_ascii());
            assert_eq!(resolve(&target), site(path, false), "{target}");
        }
    }

    proptest::proptest! {
        /// Targets built from the characters traversal is spelt with.
        #[test]
        fn a_resolved_path_never_leaves_the_site(target in "/[a./%25eEcC0-9\\\\?#é]{0,24}") {
            if let Ok(Target::Site { path, .. }) = resolve(&target) {
                proptest::prop_assert!(!path.starts_with('/'));
                proptest::prop_assert!(!path.contains('\\'));
                if !path.is_empty() {
                    proptest::prop_assert!(path.split('/').all(|s| !matches!(s, "" | "." | "..")), "{}", path);
                }
                // Encoding and resolving again gives the same path.
                let again = resolve(&format!("/{}", encode(&path)));
                proptest::prop_assert_eq!(again, Ok(Target::Site { path: path.clone(), dir: path.is_empty() }));
            }
        }
    }
}
