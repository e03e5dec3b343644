//! Hugo and Zola shortcodes: templates in the text, not text.
//!
//! 1. Find the code in the Markdown (fenced and indented blocks, inline code spans):
//!    a shortcode there is an example someone is showing, left exactly as written.
//! 2. Elsewhere, Hugo's `ref`/`relref` become the path they name (`{{< ref "x.md" >}}`
//!    -> `x.md`, `"/x.md"` -> `@/x.md`, Zola's spelling of "from the content root"),
//!    which the render stage resolves like any link between seeds.
//! 3. Hugo's escaped form (`{{</* x */>}}`, used to show a shortcode) becomes the
//!    shortcode as written (`{{< x >}}`).
//! 4. Hugo's `figure` becomes the image it shows (`![alt](src)`), its caption kept
//!    as a caption, so a page bundle's image is shown and copied like any other.
//! 5. Every other shortcode tag is dropped: a pair's opening and closing tags go and
//!    its inner content stays (nothing is lost); a tag on its own (a video, a tweet)
//!    goes, its `caption`/`title` kept as a caption. The kinds lost that way are
//!    named in [`Shortcodes::kinds`], which the build reports once per kind.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// What [`process`] made of a Markdown body.
#[derive(Debug, Default, PartialEq)]
pub struct Shortcodes {
    pub body: String,
    pub captions: Vec<String>,
    /// Names of the shortcodes dropped with nothing kept (outside code), sorted.
    pub kinds: Vec<String>,
}

static SHORTCODE: LazyLock<regex::Regex> = LazyLock::new(|| {
    // Hugo `{{< name ... >}}` / `{{% name ... %}}` (and the escaped `{{</* ... */>}}`),
    // Zola `{{ name(...) }}` / `{% name(...) %}` / `{% end %}`.
    crate::patterns::regex(
        r"(?s)\{\{<\s*/\*.*?\*/\s*>\}\}|\{\{%\s*/\*.*?\*/\s*%\}\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}|\{\{\s*[A-Za-z_]\w*\(.*?\)\s*\}\}|\{%\s*(?:end|[A-Za-z_]\w*\(.*?\))\s*%\}",
    )
});
static CAPTION_ATTR: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::patterns::regex(r#"(?-u:\b)(?:caption|title)\s*=\s*"([^"]*)""#));
static NAME: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::patterns::regex(r"^[{][{%][<%]?\s*/?\s*([A-Za-z_][\w.-]*)"));
static REF_ARG: LazyLock<regex::Regex> =
    LazyLock::new(|| crate::patterns::regex(r#"^\s*(?:"([^"]*)"|'([^']*)'|(\S+))"#));

/// Byte ranges of `md` that are code: fenced and indented blocks and inline code.
fn code_ranges(md: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut open: Option<usize> = None;
    for (ev, range) in Parser::new_ext(md, super::options()).into_offset_iter() {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => open = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = open.take() {
                    ranges.push(start..range.end.max(start));
                }
            }
            Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Apply the rules in the module notes to `md`.
pub fn process(md: &str) -> Shortcodes {
    if !md.contains("{{") && !md.contains("{%") {
        return Shortcodes {
            body: md.to_string(),
            ..Default::default()
        };
    }
    let code = code_ranges(md);
    let in_code = |m: &regex::Match| code.iter().any(|r| m.start() < r.end && r.start < m.end());
    let mut out = Shortcodes::default();
    let mut kinds = BTreeSet::new();
    // Kinds used as pairs (a closing tag somewhere, or Zola's block form): their
    // content stays, so dropping their tags loses nothing.
    let mut paired = BTreeSet::new();
    let mut body = String::with_capacity(md.len());
    let mut copied = 0;
    for m in SHORTCODE.find_iter(md) {
        if in_code(&m) {
            continue;
        }
        body.push_str(&md[copied..m.start()]);
        copied = m.end();
        body.push_str(&replacement(m.as_str(), &mut out.captions, &mut kinds));
    }
    body.push_str(&md[copied..]);
    out.body = body;
    for m in SHORTCODE.find_iter(md) {
        let tag = m.as_str();
        if let Some(name) = NAME.captures(tag).and_then(|c| c.get(1)) {
            let closing = tag
                .trim_start_matches(['{', '<', '%', ' '])
                .starts_with('/');
            if closing || tag.starts_with("{%") {
                paired.insert(name.as_str().to_string());
            }
        }
    }
    out.kinds = kinds.difference(&paired).cloned().collect();
    out
}

/// The value of `name="..."` in a shortcode tag. Read by hand: a regex built per
/// call cost more than the rest of a Markdown seed's cleaning.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(k) = tag[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        let starts_word = at == 0 || tag[..at].ends_with(char::is_whitespace);
        let rest = tag[from..].trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        if !starts_word {
            continue;
        }
        let value = value.strip_prefix('"')?;
        let end = value.find(['"', '<', '>', '\n'])?;
        if !value[end..].starts_with('"') {
            return None;
        }
        return Some(value[..end].trim().to_string());
    }
    None
}

/// What one shortcode tag becomes (see the module notes).
fn replacement(tag: &str, captions: &mut Vec<String>, kinds: &mut BTreeSet<String>) -> String {
    for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] {
        let inner = tag
            .strip_prefix(open)
            .and_then(|t| t.strip_suffix(close))
            .map(str::trim);
        if let Some(escaped) = inner
            .and_then(|t| t.strip_prefix("/*"))
            .and_then(|t| t.strip_suffix("*/"))
        {
            return format!("{open} {} {close}", escaped.trim());
        }
    }
    let name = NAME
        .captures(tag)
        .map_or("", |c| c.get(1).map_or("", |m| m.as_str()));
    if name == "ref" || name == "relref" {
        let after = &tag[tag.find(name).map_or(0, |i| i + name.len())..];
        if let Some(c) = REF_ARG.captures(after) {
            let arg = c
                .get(1)
                .or(c.get(2))
                .or(c.get(3))
                .map_or("", |m| m.as_str());
            let arg = arg.trim_end_matches(['>', '%', '}']);
            return match arg.strip_prefix('/') {
                Some(rest) => format!("@/{rest}"),
                None => arg.to_string(),
            };
        }
    }
    if let Some(cap) = CAPTION_ATTR.captures(tag) {
        let text = cap[1].trim().to_string();
        if !text.is_empty() {
            captions.push(text);
        }
    }
    if name == "figure" {
        if let Some(src) = attr(tag, "src") {
            let alt = attr(tag, "alt")
                .or_else(|| attr(tag, "caption"))
                .unwrap_or_default();
            let alt: String = alt.chars().filter(|c| !matches!(c, '[' | ']')).collect();
            return format!("![{alt}](<{src}>)");
        }
    }
    // Closing tags (`{{< /x >}}`, `{% end %}`) name a kind already counted at its opening.
    let closing = tag
        .trim_start_matches(['{', '<', '%', ' '])
        .starts_with('/')
        || name == "end";
    if !closing && !name.is_empty() {
        kinds.insert(name.to_string());
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_in_fenced_indented_and_inline_code_stay_as_written() {
        let md = "Use it like this:\n\n```go-html-template\n{{< figure src=\"a.png\" >}}\n{{% note %}}x{{% /note %}}\n```\n\n    {{ youtube(id=\"x\") }}\n\nor `{{< ref \"a.md\" >}}` inline.\n";
        let s = process(md);
        assert_eq!(s.body, md);
        assert!(s.kinds.is_empty());
    }

    #[test]
    fn paired_shortcodes_keep_their_inner_content_and_lose_nothing() {
        let s = process("{{% note %}}Read *this*.{{% /note %}}\n\n{{< note >}}Twice.{{< /note >}}\n\n{% quote(author=\"A\") %}Q{% end %}\n");
        assert_eq!(s.body, "Read *this*.\n\nTwice.\n\nQ\n");
        assert!(s.kinds.is_empty(), "{:?}", s.kinds);
    }

    #[test]
    fn ref_and_relref_become_the_paths_they_name() {
        let s = process("[a]({{< ref \"other.md\" >}}) [b]({{< relref \"/docs/x.md#top\" >}}) [c]({{% relref 'y.md' %}})");
        assert_eq!(s.body, "[a](other.md) [b](@/docs/x.md#top) [c](y.md)");
        assert!(s.kinds.is_empty());
    }

    #[test]
    fn only_kinds_whose_content_is_lost_are_reported() {
        let s = process("{{< youtube abc >}}\n\n{{< youtube def >}}\n\n{{< details summary=\"x\" >}}Kept.{{< /details >}}\n");
        assert_eq!(s.kinds, ["youtube"]);
        assert!(s.body.contains("Kept.") && !s.body.contains("youtube"));
    }

    #[test]
    fn attributes_are_read_by_whole_name() {
        let tag = r#"{{< figure data-src="no" src = "a.png" caption="Alt text, src=x" >}}"#;
        assert_eq!(attr(tag, "src").as_deref(), Some("a.png"));
        assert_eq!(attr(tag, "caption").as_deref(), Some("Alt text, src=x"));
        assert_eq!(attr(tag, "alt"), None);
        assert_eq!(attr(r#"{{< x src="unclosed >}}"#, "src"), None);
    }

    #[test]
    fn hugo_figures_become_images_with_their_captions() {
        let s = process(
            "{{< figure src=\"img/port.png\" alt=\"Cranes\" caption=\"Busan at dawn.\" >}}",
        );
        assert_eq!(s.body, "![Cranes](<img/port.png>)");
        assert_eq!(s.captions, ["Busan at dawn."]);
        assert!(s.kinds.is_empty());
    }

    #[test]
    fn escaped_hugo_shortcodes_are_shown_as_shortcodes() {
        let s = process("Write {{</* figure src=\"x\" */>}} to add one.");
        assert_eq!(s.body, "Write {{< figure src=\"x\" >}} to add one.");
        assert!(s.kinds.is_empty());
    }
}
