//! `dossier check`: build in memory, write nothing, and report what a reader
//! would trip over.
//!
//! 1. Every internal link and asset reference of every page resolves to a
//!    file of the site, and every `#anchor` to an `id` on its page.
//! 2. Feed and sitemap URLs under the base URL resolve too.
//! 3. Articles with uncertain metadata (no author, inferred or no date) and
//!    seeds that produced no article are listed.
//! 4. With `external`, external links are listed (never fetched).

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use scraper::Html;

use crate::base::output::OutputFile;
use crate::config::Config;
use crate::model::{DateBasis, PartialDate};

#[derive(Debug, Default)]
pub struct CheckReport {
    /// (page, link) pairs that point nowhere.
    pub broken: Vec<(String, String)>,
    pub uncertain: Vec<String>,
    pub skipped_seeds: Vec<String>,
    /// Problems with seeds that still became articles (front matter, dates, cleaning).
    pub warnings: Vec<String>,
    pub external: BTreeSet<String>,
    pub pages: usize,
}

/// Resolve `href` found on `from` (a path like "articles/x/index.html") to a site path.
pub fn resolve(from: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, anchor) = match href.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.contains("://")
        || path.starts_with("mailto:")
        || path.starts_with("data:")
        || path.starts_with("//")
    {
        return None;
    }
    // The page path is normalised like the href (empty and "." segments dropped, ".."
    // climbs but never above the root): whatever `from` is, the target stays a
    // site-relative path with no "..", "//" or leading "/".
    if path.is_empty() {
        let mut page = Vec::new();
        push_segments(&mut page, from);
        return Some((page.join("/"), anchor));
    }
    let mut parts: Vec<&str> = Vec::new();
    if !path.starts_with('/') {
        push_segments(&mut parts, from.rsplit_once('/').map_or("", |(dir, _)| dir));
    }
    push_segments(&mut parts, path);
    let mut target = parts.join("/");
    if path.ends_with('/') || !target.rsplit('/').next().unwrap_or("").contains('.') {
        if !target.is_empty() {
            target.push('/');
        }
        target.push_str("index.html");
    }
    Some((target, anchor))
}

/// Push the segments of `path` onto `parts`: "" and "." are skipped, ".." pops.
fn push_segments<'a>(parts: &mut Vec<&'a str>, path: &'a str) {
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
}

fn ids_of(doc: &Html) -> BTreeSet<String> {
    let s = crate::patterns::selector("[id]");
    doc.select(&s)
        .filter_map(|e| e.value().attr("id").map(str::to_string))
        .collect()
}

/// Check a rendered site held in memory.
pub fn check_files(config: &Config, files: &[OutputFile], external: bool) -> CheckReport {
    let by_path: BTreeMap<&str, &OutputFile> = files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut report = CheckReport::default();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let link_sel = crate::patterns::selector("a[href], link[href], script[src], img[src]");
    let mut pending: Vec<(String, String, String, Option<String>)> = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        report.pages += 1;
        let doc = Html::parse_document(&String::from_utf8_lossy(&f.bytes));
        ids.insert(f.path.clone(), ids_of(&doc));
        for e in doc.select(&link_sel) {
            let Some(href) = e.value().attr("href").or_else(|| e.value().attr("src")) else {
                continue;
            };
            // 404.html links from the base path on purpose; canonical links are absolute.
            // Either way what follows the base URL is a path from the site's root.
            let under_base = href
                .strip_prefix(config.base_url.as_str())
                .filter(|_| config.base_url != "/")
                .map(|rest| format!("/{rest}"));
            match resolve(&f.path, under_base.as_deref().unwrap_or(href)) {
                Some((target, anchor)) => {
                    pending.push((f.path.clone(), href.to_string(), target, anchor))
                }
                None if href.contains("://") && external => {
                    report.external.insert(href.to_string());
                }
                None => {}
            }
        }
    }
    for f in files.iter().filter(|f| f.path.ends_with(".xml")) {
        let text = String::from_utf8_lossy(&f.bytes);
        for url in text
            .split(['"', '<', '>'])
            .filter(|s| s.starts_with(config.base_url.as_str()) && config.base_url != "/")
        {
            let rel = format!("/{}", &url[config.base_url.len()..]);
            if let Some((target, _)) = resolve("", &rel) {
                pending.push((f.path.clone(), url.to_string(), target, None));
            }
        }
    }
    for (page, href, target, anchor) in pending {
        let exists = by_path.contains_key(target.as_str());
        let anchor_ok = match &anchor {
            Some(a) if !a.is_empty() => ids.get(&target).is_some_and(|set| set.contains(a)),
            _ => true,
        };
        if !exists || !anchor_ok {
            report.broken.push((page, href));
        }
    }
    report.broken.sort();
    report.broken.dedup();
    report
}

/// Months an article's date may lie from the median of its folder's other dates: a
/// folder of seeds is usually one collection (an issue, a month's clippings), and an
/// article a year away from all the others is more likely misdated than misfiled.
const NEIGHBOUR_MONTHS: i32 = 12;

/// Articles dated after the build date, or more than [`NEIGHBOUR_MONTHS`] from the
/// median date of the other articles in their folder (at least two of them dated).
fn implausible_dates(articles: &[crate::model::Article], today: PartialDate) -> Vec<String> {
    let months = |d: PartialDate| d.year * 12 + d.month as i32;
    let folder =
        |a: &crate::model::Article| a.source.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let dated: Vec<(String, i32, &crate::model::Article)> = articles
        .iter()
        .filter(|a| a.date.basis != DateBasis::Unknown)
        .filter_map(|a| a.date.value.map(|d| (folder(a), months(d), a)))
        .collect();
    let mut out = Vec::new();
    for (dir, m, a) in &dated {
        if *m > months(today) {
            out.push(format!(
                "{}: dated in the future ({})",
                a.source, a.date.reason
            ));
            continue;
        }
        let mut others: Vec<i32> = dated
            .iter()
            .filter(|(d, _, b)| d == dir && !std::ptr::eq(*b, *a))
            .map(|(_, m, _)| *m)
            .collect();
        if others.len() < 2 {
            continue;
        }
        others.sort_unstable();
        let median = others[others.len() / 2];
        if (m - median).abs() > NEIGHBOUR_MONTHS {
            out.push(format!(
                "{}: dated more than a year from the other articles in its folder ({})",
                a.source, a.date.reason
            ));
        }
    }
    out
}

/// `dossier check`: the full report for a project.
pub fn check(config: &Config, external: bool) -> Result<CheckReport> {
    let mut memory = crate::pipeline::Memory::default();
    let loaded = crate::pipeline::load_in_memory(config, &mut memory)?;
    let warnings = loaded.warnings.clone();
    let built: std::collections::HashSet<&std::path::Path> =
        loaded.articles.iter().map(|a| a.path.as_path()).collect();
    let (noted, skipped): (Vec<_>, Vec<_>) = warnings
        .iter()
        .partition(|w| built.contains(w.path.as_path()));
    let noted: Vec<String> = noted.iter().map(|w| w.to_string()).collect();
    let skipped: Vec<String> = skipped.iter().map(|w| w.to_string()).collect();
    let mut uncertain = Vec::new();
    for a in &loaded.articles {
        if a.authors.is_empty() {
            uncertain.push(format!("{}: no author found", a.source));
        }
        match a.date.basis {
            DateBasis::Inferred => {
                uncertain.push(format!("{}: date inferred ({})", a.source, a.date.reason))
            }
            DateBasis::Unknown => uncertain.push(format!("{}: undated", a.source)),
            _ => {}
        }
    }
    uncertain.extend(implausible_dates(
        &loaded.articles,
        crate::enrich::date_bounds::build_date(),
    ));
    let (files, _) = crate::pipeline::render_in_memory(config, loaded, &mut memory)?;
    let mut report = check_files(config, &files, external);
    report.uncertain = uncertain;
    report.skipped_seeds = skipped;
    report.warnings = noted;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleDate;

    fn dated(source: &str, date: &str) -> crate::model::Article {
        let mut a = crate::enrich::test_article(&["Text."]);
        a.source = source.into();
        a.date = ArticleDate {
            value: crate::config::parse_config_date(date).ok(),
            basis: DateBasis::Inferred,
            reason: "test".into(),
        };
        a
    }

    #[test]
    fn flags_future_dates_and_dates_far_from_the_folder() {
        let today = PartialDate::new(2026, 3, Some(1)).unwrap();
        let articles = vec![
            dated("seeds/jan/a.txt", "2026-01"),
            dated("seeds/jan/b.txt", "2026-01"),
            dated("seeds/jan/c.txt", "2010-02"),
            dated("seeds/jan/d.txt", "2054-12"),
            dated("seeds/other/e.txt", "2010-02"),
        ];
        let flagged = implausible_dates(&articles, today);
        assert_eq!(flagged.len(), 2, "{flagged:?}");
        assert!(flagged[0].starts_with("seeds/jan/c.txt: dated more than a year"));
        assert!(flagged[1].starts_with("seeds/jan/d.txt: dated in the future"));
    }
}
