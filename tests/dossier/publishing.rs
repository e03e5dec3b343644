//! Publishing: subpath base URLs, feeds, sitemap, check, export, init, serve.

use crate::helpers::*;

const BASE: &str = "https://example.github.io/briefing/";

/// Every URL a built site refers to (HTML hrefs/srcs, feed and sitemap links),
/// resolved as a browser would from the page's own URL under `BASE`.
fn all_urls(out: &std::path::Path) -> Vec<(String, String)> {
    let mut urls = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry
            .path()
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let page_url = format!("{BASE}{rel}");
        if rel.ends_with(".html") {
            let doc = page(out, &rel);
            let sel = scraper::Selector::parse("[href], [src], [action]").unwrap();
            for e in doc.select(&sel) {
                for attr in ["href", "src", "action"] {
                    if let Some(v) = e.value().attr(attr) {
                        urls.push((rel.clone(), join(&page_url, v)));
                    }
                }
            }
        } else if rel.ends_with(".xml") {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
            for n in doc.descendants() {
                if let Some(h) = n.attribute("href") {
                    urls.push((rel.clone(), join(&page_url, h)));
                }
                if n.has_tag_name("loc") || n.has_tag_name("id") {
                    urls.push((rel.clone(), join(&page_url, n.text().unwrap_or(""))));
                }
            }
        }
    }
    urls
}

/// Resolve `href` against `base` like a browser (enough for our URLs).
fn join(base: &str, href: &str) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    if href.starts_with('#') || href.is_empty() {
        return base.to_string();
    }
    let (scheme_host, path) = base.split_at(
        base.find("://")
            .map(|i| i + 3 + base[i + 3..].find('/').unwrap_or(0))
            .unwrap(),
    );
    if let Some(abs) = href.strip_prefix('/') {
        return format!("{scheme_host}/{abs}");
    }
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for seg in href.split(['?', '#']).next().unwrap_or("").split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("{scheme_host}{}", parts.join("/"));
    if href.ends_with('/') {
        out.push('/');
    }
    out
}

#[test]
fn every_internal_url_resolves_under_the_project_subpath() {
    let project = project_from("site");
    build(project.path(), &["--base-url", BASE]);
    let out = project.path().join("public");
    let urls = all_urls(&out);
    assert!(urls.len() > 100);
    for (from, url) in urls {
        if !url.starts_with("https://example.github.io") {
            continue;
        }
        assert!(url.starts_with(BASE), "{from}: {url} escapes {BASE}");
        let rel = url[BASE.len()..]
            .split(['#', '?'])
            .next()
            .unwrap()
            .to_string();
        let file = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.clone()
        };
        assert!(
            out.join(&file).is_file() || out.join(&rel).join("index.html").is_file(),
            "{from}: {url} does not resolve"
        );
    }
}

#[test]
fn feeds_keep_the_newest_entries_up_to_the_feed_limit() {
    let project = project_from("site");
    let book = project.path().join("book.toml");
    let text = std::fs::read_to_string(&book).unwrap();
    let text = if text.contains("[site]") {
        text.replacen("[site]", "[site]\nfeed-limit = 2", 1)
    } else {
        format!("{text}\n[site]\nfeed-limit = 2\n")
    };
    std::fs::write(&book, text).unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    let titles = |path: &str| -> Vec<String> {
        let xml = std::fs::read_to_string(out.join(path)).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("entry"))
            .filter_map(|e| e.children().find(|n| n.has_tag_name("title")))
            .filter_map(|t| t.text().map(str::to_string))
            .collect()
    };
    let feed = titles("feed.xml");
    assert_eq!(feed.len(), 2, "{feed:?}");
    // The newest two: the first two entries of the home page's list.
    let home = page(&out, "index.html");
    let latest = select_texts(&home, ".article-list .item-title");
    assert_eq!(feed, latest[..2], "{latest:?}");
}

#[test]
fn feeds_and_sitemap_are_xml_with_one_entry_per_article() {
    let project = project_from("site");
    build(project.path(), &["--base-url", BASE]);
    let out = project.path().join("public");
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4);
    for e in &entries {
        let link = e
            .children()
            .find(|n| n.has_tag_name("link"))
            .and_then(|l| l.attribute("href"))
            .unwrap();
        assert!(link.starts_with(&format!("{BASE}articles/")), "{link}");
        assert!(e.children().any(|n| n.has_tag_name("summary")));
        assert!(e.children().any(|n| n.has_tag_name("author")));
    }
    let energy = std::fs::read_to_string(out.join("topics/energy/feed.xml")).unwrap();
    let energy = roxmltree::Document::parse(&energy).unwrap();
    assert_eq!(
        energy
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        2
    );
    assert!(energy
        .descendants()
        .any(|n| n.has_tag_name("category") && n.attribute("term") == Some("energy")));
    let author = std::fs::read_to_string(out.join("authors/min-ji-park/feed.xml")).unwrap();
    assert_eq!(
        roxmltree::Document::parse(&author)
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count(),
        2
    );
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(
        locs.iter()
            .filter(|l| l.starts_with(&format!("{BASE}articles/")))
            .count(),
        4
    );
    for f in [".nojekyll", "404.html", "robots.txt"] {
        assert!(out.join(f).is_file(), "missing {f}");
    }
}

#[test]
fn article_pages_carry_canonical_open_graph_and_json_ld() {
    let project = project_from("site");
    build(project.path(), &["--base-url", BASE]);
    let out = project.path().join("public");
    let rel = "articles/tariff-talks-resume-in-washington/index.html";
    let doc = page(&out, rel);
    let attr = |css: &str, a: &str| {
        let s = scraper::Selector::parse(css).unwrap();
        doc.select(&s)
            .next()
            .and_then(|e| e.value().attr(a))
            .map(str::to_string)
    };
    assert_eq!(
        attr("link[rel=canonical]", "href").as_deref(),
        Some("https://example.github.io/briefing/articles/tariff-talks-resume-in-washington/")
    );
    assert_eq!(
        attr("meta[property='og:type']", "content").as_deref(),
        Some("article")
    );
    let ld = select_texts(&doc, "script[type='application/ld+json']");
    let v: serde_json::Value = serde_json::from_str(&ld[0]).unwrap();
    assert_eq!(v["@type"], "NewsArticle");
    assert_eq!(v["author"][0]["name"], "Jane Doe");
    assert_eq!(v["datePublished"], "2025-05-20");
    // "Cite this" offers the three formats.
    assert!(select_texts(&doc, ".cite").join(" ").contains("@article{"));
}

#[test]
fn check_fails_on_a_broken_link_and_passes_on_the_seeds() {
    let broken = project_from("broken-link");
    let out = dossier(&["check", "--root", broken.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("broken link: articles/tariff-talks-resume-in-washington/index.html -> ../../articles/no-such-article/"), "{text}");
    assert!(text.contains("#missing-anchor"), "{text}");
    let seeds = dossier(&["check", "--root", manifest_dir().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&seeds.stdout);
    assert!(seeds.status.success(), "{text}");
    assert!(text.contains(" 0 broken links"), "{text}");
    assert!(
        text.contains("uncertain: seeds/004_0b12affa1a3745eb.txt: no author found"),
        "{text}"
    );
}

#[test]
fn export_writes_jsonl_markdown_and_citations() {
    let project = project_from("site");
    let root = project.path().to_str().unwrap();
    let jsonl = dossier(&["export", "--root", root, "--format", "jsonl"]);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&jsonl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(lines
        .iter()
        .all(|l| l.get("blocks").is_some() && l.get("date_basis").is_some()));
    let bib =
        String::from_utf8_lossy(&dossier(&["export", "--root", root, "--format", "bibtex"]).stdout)
            .into_owned();
    assert_eq!(bib.matches("@article{").count(), 4);
    let csl: serde_json::Value = serde_json::from_slice(
        &dossier(&["export", "--root", root, "--format", "csl-json"]).stdout,
    )
    .unwrap();
    assert_eq!(csl.as_array().unwrap().len(), 4);
    let md_dir = project.path().join("md-out");
    let md = dossier(&[
        "export",
        "--root",
        root,
        "--format",
        "md",
        "--out",
        md_dir.to_str().unwrap(),
    ]);
    assert!(md.status.success());
    // The Markdown export is itself a dossier project that builds.
    let again = tempfile::tempdir().unwrap();
    copy_dir(&md_dir, &again.path().join("seeds"));
    build(again.path(), &[]);
    assert!(again
        .path()
        .join("public/articles/tariff-talks-resume-in-washington/index.html")
        .is_file());
    let bad = dossier(&["export", "--root", root, "--format", "docx"]);
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("unknown export format `docx` (formats: jsonl, md, bibtex, csl-json)"));
}

#[test]
fn init_creates_a_project_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("briefing");
    let out = dossier(&["init", project.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(project.join(".github/workflows/pages.yml").is_file());
    build(&project, &[]);
    assert!(project.join("public/index.html").is_file());
    let again = dossier(&["init", project.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
}

#[test]
fn init_asks_nothing_and_titles_a_neutral_project_after_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("my-brief");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["init", project.to_str().unwrap()])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    build(&project, &[]);
    let home = page(&project.join("public"), "index.html");
    assert_eq!(select_texts(&home, "head > title"), ["My brief"]);
    assert!(project.join("public/topics/economy/index.html").is_file());
    assert!(!project.join("public/topics/north-korea").exists());
    // The Pages workflow says what to set when it has to build dossier.
    let workflow = std::fs::read_to_string(project.join(".github/workflows/pages.yml")).unwrap();
    assert!(
        workflow.contains("Set the repository variable DOSSIER_GIT"),
        "{workflow}"
    );
}

#[test]
fn init_takes_a_title_and_the_japan_korea_preset() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("brief");
    let p = project.to_str().unwrap();
    let out = dossier(&[
        "init",
        p,
        "--title",
        "Desk <notes>",
        "--preset",
        "japan-korea",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    build(&project, &[]);
    let home = page(&project.join("public"), "index.html");
    assert_eq!(select_texts(&home, "head > title"), ["Desk <notes>"]);
    assert!(project
        .join("public/topics/north-korea/index.html")
        .is_file());
    let bad = dossier(&[
        "init",
        dir.path().join("other").to_str().unwrap(),
        "--preset",
        "korea",
    ]);
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "error: unknown preset `korea` (presets: japan-korea)\n"
    );
}

#[test]
fn check_passes_on_a_site_with_an_absolute_base_url() {
    // The fixture's base URL is https://example.github.io/briefing/: canonical links,
    // feed and sitemap URLs are absolute and must resolve from the site's root.
    let project = project_from("site");
    let out = dossier(&["check", "--root", project.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains(": 0 broken links,"), "{text}");
}
