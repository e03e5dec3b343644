//! `<meta>` tags' contents, read by the metadata and byline readers alike. (Moved
//! out of meta.rs, which byline.rs read it from while meta.rs reads byline.rs;
//! unchanged but for calling `patterns::selector` without meta.rs's `sel` wrapper.)

use scraper::Html;

use super::blocks::collapse;

/// Every non-empty `content` of `<meta property|name|itemprop=KEY>`, in document order.
pub(super) fn meta_contents(doc: &Html, key: &str) -> Vec<String> {
    let s = crate::patterns::selector(&format!(
        "meta[property=\"{key}\" i], meta[name=\"{key}\" i], meta[itemprop=\"{key}\" i]"
    ));
    doc.select(&s)
        .filter_map(|m| m.value().attr("content"))
        .map(collapse)
        .filter(|c| !c.is_empty())
        .collect()
}
