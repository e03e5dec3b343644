//! What publishing needs beyond pages: Atom feeds (site, per topic, per author),
//! `sitemap.xml`, `robots.txt`, `404.html`, `.nojekyll` (GitHub Pages must not run
//! Jekyll over `_`-prefixed files), an optional `CNAME`, and the citation formats.
//!
//! Feeds and the sitemap use absolute URLs under the configured base URL; dates come
//! from the articles (never the clock), so the same inputs give the same bytes.

use serde::Serialize;

use super::views::article_url;
use super::{escape_html, OutputFile};
use crate::base::urls;
use crate::config::Config;
use crate::model::{Article, DateBasis, PartialDate};

#[cfg(test)]
use crate::site::letters_suffix;
use crate::site::Site;

/// `base_url` + a site-relative path.
pub fn absolute(config: &Config, rel: &str) -> String {
    format!("{}{}", config.base_url, rel.trim_start_matches('/'))
}

fn rfc3339(d: Option<PartialDate>) -> String {
    match d {
        Some(d) => format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            d.year,
            d.month,
            d.day.unwrap_or(1)
        ),
        None => "1970-01-01T00:00:00Z".to_string(),
    }
}

fn dated(a: &Article) -> Option<PartialDate> {
    (a.date.basis != DateBasis::Unknown)
        .then_some(a.date.value)
        .flatten()
}

/// Text for an XML document (feeds, sitemap): escaped, and without the characters
/// XML 1.0 forbids anywhere (C0 controls other than tab, newline and carriage return;
/// U+FFFE, U+FFFF), which a seed's title or author can hold and which make feed
/// readers reject the whole feed.
pub fn xml_text(s: &str) -> String {
    if s.chars().any(xml_illegal) {
        escape_html(&s.chars().filter(|&c| !xml_illegal(c)).collect::<String>())
    } else {
        escape_html(s)
    }
}

fn xml_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// An Atom feed of `idx` (newest first; the first `feed_limit`) at `path` (e.g. "topics/taiwan/feed.xml").
pub fn atom_feed(
    config: &Config,
    site: &Site,
    title: &str,
    page: &str,
    path: &str,
    idx: &[usize],
) -> OutputFile {
    let idx = match config.feed_limit {
        0 => idx,
        limit => &idx[..idx.len().min(limit)],
    };
    let updated = idx.iter().filter_map(|&i| dated(&site.articles[i])).max();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!("<title>{}</title>\n", xml_text(title)));
    xml.push_str(&format!(
        "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml_text(&absolute(config, page))
    ));
    xml.push_str(&format!(
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml_text(&absolute(config, path))
    ));
    xml.push_str(&format!(
        "<id>{}</id>\n<updated>{}</updated>\n",
        xml_text(&absolute(config, path)),
        rfc3339(updated)
    ));
    xml.push_str("<generator>dossier</generator>\n");
    for &i in idx {
        let a = &site.articles[i];
        let url = absolute(config, &article_url(a));
        xml.push_str("<entry>\n");
        xml.push_str(&format!("<title>{}</title>\n", xml_text(&a.title)));
        xml.push_str(&format!(
            "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml_text(&url)
        ));
        xml.push_str(&format!(
            "<id>{}</id>\n<updated>{}</updated>\n",
            xml_text(&url),
            rfc3339(dated(a))
        ));
        if a.authors.is_empty() {
            xml.push_str("<author><name>Unknown</name></author>\n");
        }
        for name in &a.authors {
            xml.push_str(&format!(
                "<author><name>{}</name></author>\n",
                xml_text(name)
            ));
        }
        for t in &a.topics {
            let label = config
                .topic(&t.id)
                .map_or(t.id.as_str(), |d| d.label.as_str());
            xml.push_str(&format!(
                "<category term=\"{}\" label=\"{}\"/>\n",
                xml_text(&t.id),
                xml_text(label)
            ));
        }
        xml.push_str(&format!(
            "<summary>{}</summary>\n</entry>\n",
            xml_text(&a.derived.lead)
        ));
    }
    xml.push_str("</feed>\n");
    OutputFile {
        path: path.to_string(),
        bytes: xml.into_bytes(),
        ..Default::default()
    }
}

/// Every feed of the site: the whole site, each topic, each author.
pub fn feeds(config: &Config, site: &Site) -> Vec<OutputFile> {
    let all: Vec<usize> = (0..site.articles.len()).collect();
    let mut out = vec![atom_feed(config, site, &config.title, "", "feed.xml", &all)];
    for t in &site.topics {
        let title = format!("{} · {}", t.label, config.title);
        out.push(atom_feed(
            config,
            site,
            &title,
            &urls::topic(&t.id),
            &urls::feed(&urls::topic(&t.id)),
            &t.articles,
        ));
    }
    for a in &site.authors {
        let title = format!("{} · {}", a.name, config.title);
        out.push(atom_feed(
            config,
            site,
            &title,
            &urls::author(&a.slug),
            &urls::feed(&urls::author(&a.slug)),
            &a.articles,
        ));
    }
    out
}

/// `sitemap.xml` over every HTML page, `robots.txt` pointing at it, `.nojekyll`, `CNAME`.
pub fn site_files(config: &Config, pages: &[String]) -> Vec<OutputFile> {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for p in pages.iter().filter(|p| p.ends_with("index.html")) {
        let rel = p.trim_end_matches("index.html");
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            xml_text(&absolute(config, rel))
        ));
    }
    xml.push_str("</urlset>\n");
    let mut out = vec![
        OutputFile {
            path: "sitemap.xml".into(),
            bytes: xml.into_bytes(),
            ..Default::default()
        },
        OutputFile {
            path: "robots.txt".into(),
            bytes: robots_txt(config).into_bytes(),
            ..Default::default()
        },
        OutputFile {
            path: ".nojekyll".into(),
            bytes: Vec::new(),
            ..Default::default()
        },
    ];
    if let Some(cname) = &config.cname {
        out.push(OutputFile {
            path: "CNAME".into(),
            bytes: format!("{}\n", cname.trim()).into_bytes(),
            ..Default::default()
        });
    }
    out
}

/// `robots.txt`: allow everything; name the sitemap only when the base URL is
/// absolute, since a `Sitemap:` line must hold a full URL (a relative one makes
/// the whole file invalid to crawlers).
pub fn robots_txt(config: &Config) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if config.base_url.starts_with("http://") || config.base_url.starts_with("https://") {
        text.push_str(&format!("Sitemap: {}\n", absolute(config, "sitemap.xml")));
    }
    text
}

/// Citation data for one article, in the forms reference managers read.
#[derive(Serialize)]
pub struct Citation {
    pub bibtex: String,
    pub csl_json: String,
    pub chicago: String,
}

/// A BibTeX field value, to go between braces: LaTeX's special characters escaped
/// and braces written as commands in a group of their own (`{\textbraceright}`), so
/// a title holding an unbalanced `{` or `}` still gives an entry parsers accept
/// (BibTeX counts braces whatever precedes them: `\}` ends the field).
fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '{' => out.push_str("{\\textbraceleft}"),
            '}' => out.push_str("{\\textbraceright}"),
            '\\' => out.push_str("{\\textbackslash}"),
            '~' => out.push_str("{\\textasciitilde}"),
            '^' => out.push_str("{\\textasciicircum}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Citations of article `a`, whose key `key` comes from [`crate::site::cite_keys`].
pub fn citation(config: &Config, a: &Article, key: &str) -> Citation {
    let url = absolute(config, &article_url(a));
    let date = dated(a);
    let year = date
        .map(|d| d.year.to_string())
        .unwrap_or_else(|| "n.d.".into());
    let mut bib = format!(
        "@article{{{key},\n  title = {{{}}},\n",
        bibtex_escape(&a.title)
    );
    if !a.authors.is_empty() {
        bib.push_str(&format!(
            "  author = {{{}}},\n",
            bibtex_escape(&a.authors.join(" and "))
        ));
    }
    if let Some(p) = &a.publication {
        bib.push_str(&format!("  journal = {{{}}},\n", bibtex_escape(p)));
    }
    if let Some(d) = date {
        bib.push_str(&format!(
            "  year = {{{}}},\n  month = {{{}}},\n",
            d.year, d.month
        ));
    }
    // A URL field is verbatim: braces (from a base URL) percent-encoded, not escaped.
    let bib_url = url.replace('{', "%7B").replace('}', "%7D");
    bib.push_str(&format!("  url = {{{bib_url}}}\n}}\n"));
    let mut parts = vec![d_parts(date)];
    parts.retain(|p| !p.is_empty());
    let csl = Csl {
        url: &url,
        author: a.authors.iter().map(|n| CslName { literal: n }).collect(),
        container_title: a.publication.as_deref(),
        id: key,
        issued: CslDate { date_parts: parts },
        title: &a.title,
        kind: "article-newspaper",
    };
    let authors = if a.authors.is_empty() {
        String::new()
    } else {
        format!("{}. ", a.authors.join(" and "))
    };
    let when = match date {
        Some(d) => match d.day {
            Some(day) => format!("{} {day}, {}", super::views::month_name(d.month), d.year),
            None => format!("{} {}", super::views::month_name(d.month), d.year),
        },
        None => year,
    };
    let chicago = format!(
        "{authors}“{}.” {}{when}. {url}.",
        a.title.trim_end_matches('.'),
        a.publication
            .as_ref()
            .map(|p| format!("{p}, "))
            .unwrap_or_default()
    );
    Citation {
        bibtex: bib,
        csl_json: serde_json::to_string_pretty(&csl).unwrap_or_default(),
        chicago,
    }
}

/// CSL-JSON of an article. Fields in byte order of their names, the order the
/// `serde_json::json!` map this replaced wrote them in: the output is unchanged.
#[derive(Serialize)]
struct Csl<'a> {
    #[serde(rename = "URL")]
    url: &'a str,
    author: Vec<CslName<'a>>,
    #[serde(rename = "container-title")]
    container_title: Option<&'a str>,
    id: &'a str,
    issued: CslDate,
    title: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: Vec<Vec<u32>>,
}

fn d_parts(d: Option<PartialDate>) -> Vec<u32> {
    match d {
        Some(PartialDate {
            year,
            month,
            day: Some(day),
        }) => vec![year as u32, month, day],
        Some(PartialDate {
            year,
            month,
            day: None,
        }) => vec![year as u32, month],
        None => Vec::new(),
    }
}

/// Schema.org's `NewsArticle`. Fields in byte order of their names, as in [`Csl`].
#[derive(Serialize)]
struct JsonLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Vec<Agent<'a>>,
    #[serde(rename = "datePublished")]
    date_published: Option<String>,
    headline: &'a str,
    publisher: Option<Agent<'a>>,
    url: String,
    #[serde(rename = "wordCount")]
    word_count: usize,
}

/// A schema.org `Person` or `Organization`, by name.
#[derive(Serialize)]
struct Agent<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// JSON-LD `NewsArticle` for an article page, safe inside `<script>`.
pub fn json_ld(config: &Config, a: &Article) -> String {
    let v = JsonLd {
        context: "https://schema.org",
        kind: "NewsArticle",
        author: a
            .authors
            .iter()
            .map(|n| Agent {
                kind: "Person",
                name: n,
            })
            .collect(),
        date_published: dated(a).map(|d| d.to_string()),
        headline: &a.title,
        publisher: a.publication.as_deref().map(|p| Agent {
            kind: "Organization",
            name: p,
        }),
        url: absolute(config, &article_url(a)),
        word_count: a.word_count(),
    };
    // "</script>" or "<!--" inside a string must not end the block.
    serde_json::to_string(&v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::cite_keys;

    fn article(slug: &str, year: i32) -> Article {
        let mut a = crate::enrich::test_article(&["Text."]);
        a.slug = slug.to_string();
        a.date = crate::model::ArticleDate {
            value: PartialDate::new(year, 5, Some(1)),
            basis: DateBasis::Stated,
            reason: String::new(),
        };
        a
    }

    #[test]
    fn cite_keys_are_unique_whatever_the_order() {
        let slugs = [
            "japan-korea-ties-worsen",
            "japan-korea-ties-improve",
            "other-story",
            "japan-korea-ties-stall",
        ];
        let articles: Vec<Article> = slugs.iter().map(|s| article(s, 2025)).collect();
        let keys = cite_keys(&articles);
        assert_eq!(
            keys,
            [
                "japankoreaties2025c",
                "japankoreaties2025a",
                "otherstory2025",
                "japankoreaties2025b"
            ]
        );
        let reversed: Vec<Article> = articles.iter().rev().cloned().collect();
        let mut again = cite_keys(&reversed);
        again.reverse();
        assert_eq!(again, keys);
        assert_eq!(letters_suffix(25), "z");
        assert_eq!(letters_suffix(26), "aa");
        assert_eq!(letters_suffix(27), "ab");
    }

    #[test]
    fn xml_text_drops_characters_xml_forbids() {
        assert_eq!(xml_text("a\u{1}b\u{b}c\td\ne<\u{fffe}"), "abc\td\ne&lt;");
        assert_eq!(
            bibtex_escape("a}b{c\\d%"),
            "a{\\textbraceright}b{\\textbraceleft}c{\\textbackslash}d\\%"
        );
    }
}
