//! Building a fixture site and checking its pages, links and indexes.

use crate::helpers::*;

fn built(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let project = project_from("site");
    build(project.path(), extra);
    let out = project.path().join("public");
    (project, out)
}

#[test]
fn builds_article_and_index_pages_at_the_documented_urls() {
    let (_p, out) = built(&[]);
    for rel in [
        "index.html",
        "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html",
        "articles/tariff-talks-resume-in-washington/index.html",
        "articles/gas-pipeline-plans-revived/index.html",
        "authors/index.html",
        "authors/min-ji-park/index.html",
        "authors/jane-doe/index.html",
        "topics/index.html",
        "topics/tariffs/index.html",
        "topics/energy/index.html",
        "dates/index.html",
        "dates/2025/05/index.html",
        "dates/2025/03/index.html",
        "dates/2024/11/index.html",
        "dates/undated/index.html",
    ] {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
}

#[test]
fn every_page_links_home_and_no_internal_link_is_broken() {
    let (_p, out) = built(&[]);
    let pages = html_pages(&out);
    assert!(pages.len() >= 15, "{pages:?}");
    for p in &pages {
        if p == "404.html" {
            // Served at any depth, so it links through the absolute base URL.
            let hrefs = hrefs(&page(&out, p));
            assert!(
                hrefs.contains(&"https://example.github.io/briefing/".to_string()),
                "{hrefs:?}"
            );
            continue;
        }
        assert!(
            links_from(&out, p).contains("index.html"),
            "{p} does not link home"
        );
    }
    assert_eq!(broken_links(&out), Vec::<(String, String)>::new());
}

#[test]
fn indexes_link_every_article_they_list() {
    let (_p, out) = built(&[]);
    let column = "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html";
    let pipeline = "articles/gas-pipeline-plans-revived/index.html";
    let talks = "articles/tariff-talks-resume-in-washington/index.html";
    let author = links_from(&out, "authors/min-ji-park/index.html");
    assert!(
        author.contains(column) && author.contains(pipeline),
        "{author:?}"
    );
    assert!(!author.contains(talks));
    let energy = links_from(&out, "topics/energy/index.html");
    assert!(
        energy.contains(column) && energy.contains(pipeline),
        "{energy:?}"
    );
    let tariffs = links_from(&out, "topics/tariffs/index.html");
    assert!(
        tariffs.contains(column) && tariffs.contains(talks),
        "{tariffs:?}"
    );
    assert!(links_from(&out, "dates/2024/11/index.html").contains(pipeline));
    let archive = links_from(&out, "dates/index.html");
    for month in [
        "dates/2025/05/index.html",
        "dates/2025/03/index.html",
        "dates/2024/11/index.html",
        "dates/undated/index.html",
    ] {
        assert!(archive.contains(month), "archive misses {month}");
    }
    let home = links_from(&out, "index.html");
    for a in [column, pipeline, talks] {
        assert!(home.contains(a), "home misses {a}");
    }
}

#[test]
fn article_page_shows_cleaned_text_and_linked_metadata() {
    let (_p, out) = built(&[]);
    let rel = "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html";
    let doc = page(&out, rel);
    assert_eq!(
        select_texts(&doc, "h1"),
        ["Seoul and Tokyo should buy American gas together"]
    );
    assert_eq!(select_texts(&doc, "a[rel=author]"), ["Min-ji Park"]);
    assert_eq!(
        select_texts(&doc, ".bio"),
        ["The author is a senior fellow at the Asia Energy Institute."]
    );
    assert_eq!(select_texts(&doc, ".publication"), ["Fixture Daily"]);
    assert_eq!(
        select_texts(&doc, ".body h2"),
        ["What a joint deal would require"]
    );
    assert_eq!(
        select_texts(&doc, "figure figcaption"),
        ["A tanker carrying liquefied natural gas arrives at a terminal in Incheon on March 2. [YONHAP]"]
    );
    let links = links_from(&out, rel);
    assert!(
        links.contains("dates/2025/03/index.html"),
        "date not linked to its month"
    );
    assert!(
        links.contains("topics/energy/index.html") && links.contains("topics/tariffs/index.html")
    );
    // Inferred dates are marked wherever shown.
    assert!(select_texts(&doc, ".byline .date")
        .iter()
        .any(|t| t.starts_with('≈')));
    let body = select_texts(&doc, ".body").join(" ");
    for leak in [
        "Home > Opinion",
        "Log in to Twitter",
        "To write comments",
        "[YONHAP]",
        "Translated using generative AI",
    ] {
        assert!(!body.contains(leak), "body leaks {leak:?}");
    }
}

#[test]
fn markdown_seeds_keep_front_matter_and_highlight_code() {
    let (_p, out) = built(&[]);
    let doc = page(
        &out,
        "articles/tariff-talks-resume-in-washington/index.html",
    );
    assert_eq!(select_texts(&doc, "a[rel=author]"), ["Jane Doe"]);
    assert_eq!(select_texts(&doc, ".byline time"), ["May 20, 2025"]);
    assert_eq!(select_texts(&doc, ".body h2"), ["What is on the table"]);
    assert!(
        !select_texts(&doc, ".body pre.code span[class^=hl-]").is_empty(),
        "code not highlighted"
    );
    let hugo = page(&out, "articles/gas-pipeline-plans-revived/index.html");
    assert_eq!(
        select_texts(&hugo, ".body blockquote"),
        ["Supply security matters more than price, one official said."]
    );
    assert_eq!(select_texts(&hugo, ".body li").len(), 2);
}

#[test]
fn article_pages_link_older_and_newer_articles() {
    let (_p, out) = built(&[]);
    let doc = page(
        &out,
        "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html",
    );
    assert_eq!(
        select_texts(&doc, "a[rel=prev]"),
        ["← Older: Gas pipeline plans revived"]
    );
    assert_eq!(
        select_texts(&doc, "a[rel=next]"),
        ["Newer: Tariff talks resume in Washington →"]
    );
}

#[test]
fn adding_a_seed_adds_its_page_and_updates_every_index() {
    let project = project_from("site");
    build(project.path(), &[]);
    let out = project.path().join("public");
    std::fs::write(
        project.path().join("seeds/new-arrival.md"),
        "---\ntitle: \"A new arrival on LNG\"\ndate: 2025-07-01\nauthor: Sam Lee\n---\n\nLNG buyers in Seoul signed a natural gas contract this week, the first since spring.\n\nThe LNG deal covers natural gas deliveries for ten years.\n",
    )
    .unwrap();
    build(project.path(), &[]);
    let article = "articles/a-new-arrival-on-lng/index.html";
    assert!(out.join(article).is_file());
    assert!(links_from(&out, "index.html").contains(article));
    assert!(links_from(&out, "authors/index.html").contains("authors/sam-lee/index.html"));
    assert!(links_from(&out, "authors/sam-lee/index.html").contains(article));
    assert!(links_from(&out, "topics/energy/index.html").contains(article));
    assert!(links_from(&out, "dates/index.html").contains("dates/2025/07/index.html"));
    assert!(links_from(&out, "dates/2025/07/index.html").contains(article));
    assert_eq!(broken_links(&out), Vec::<(String, String)>::new());
}

#[test]
fn links_work_under_a_project_subpath() {
    let (_p, out) = built(&["--base-url", "https://example.github.io/briefing/"]);
    // Links are relative, so resolving them from /briefing/<page> stays under /briefing/.
    for p in html_pages(&out) {
        for href in hrefs(&page(&out, &p)) {
            assert!(
                !href.starts_with('/'),
                "{p}: root-absolute link {href} breaks under a subpath"
            );
            if href.contains("://") {
                assert!(
                    href.starts_with("https://example.github.io/briefing/")
                        || !href.contains("example.github.io"),
                    "{p}: {href}"
                );
            }
        }
    }
}

#[test]
fn seed_markup_is_escaped_on_every_page() {
    let project = project_from("site");
    std::fs::write(
        project.path().join("seeds/hostile.txt"),
        "<script>alert('title')</script> Headline with markup\n\nThe <script>alert(1)</script> body has an <img src=x onerror=alert(2)> inside a long enough sentence to count as prose.\n\nAnother sentence of prose follows here so that the body is long enough to be found.\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("seeds/hostile.md"),
        "+++\ntitle = \"Markdown <b>bold</b> title\"\n+++\n\nText <script>alert(3)</script> and <a href=\"javascript:alert(4)\" onclick=\"x()\">a link</a> in a paragraph.\n",
    )
    .unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    for p in html_pages(&out) {
        assert_eq!(
            live_script_problems(&page(&out, &p)),
            Vec::<String>::new(),
            "{p}"
        );
    }
    // The markup is still there for the reader, as text.
    let shown = html_pages(&out)
        .iter()
        .filter(|p| p.starts_with("articles/"))
        .any(|p| {
            select_texts(&page(&out, p), ".body")
                .join(" ")
                .contains("<script>alert(1)</script>")
        });
    assert!(shown, "the seed's markup should appear as escaped text");
}

#[test]
fn a_folder_with_only_seeds_builds_with_embedded_defaults() {
    let project = tempfile::tempdir().unwrap();
    std::fs::create_dir(project.path().join("seeds")).unwrap();
    std::fs::copy(
        fixture("site/seeds/alliance-column.txt"),
        project.path().join("seeds/a.txt"),
    )
    .unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    for topic in ["tariffs", "taiwan", "north-korea", "usfk"] {
        assert!(
            out.join(format!("topics/{topic}/index.html")).is_file(),
            "default topic {topic}"
        );
    }
    assert!(out.join("static/style.css").is_file());
}

#[test]
fn user_templates_and_static_files_win_file_by_file() {
    let project = project_from("site");
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::create_dir_all(project.path().join("static")).unwrap();
    std::fs::write(
        project.path().join("templates/list.html"),
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">{{ heading }}</h1>{% for a in articles %}<a href=\"{{ root }}{{ a.url }}\">{{ a.title }}</a>{% endfor %}{% endblock main %}",
    )
    .unwrap();
    std::fs::write(
        project.path().join("static/style.css"),
        "body { color: red; }",
    )
    .unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    assert_eq!(
        select_texts(&page(&out, "authors/jane-doe/index.html"), "h1.custom"),
        ["Jane Doe"]
    );
    // Templates the user did not override still come from the built-ins.
    assert_eq!(
        select_texts(&page(&out, "authors/index.html"), "h1"),
        ["Authors"]
    );
    assert_eq!(
        std::fs::read_to_string(out.join("static/style.css")).unwrap(),
        "body { color: red; }"
    );
}

#[test]
fn same_inputs_give_byte_identical_output() {
    let project = project_from("site");
    // Absolute: a relative --out is taken from the working directory (the repository here).
    let (a, b) = (project.path().join("one"), project.path().join("two"));
    build(project.path(), &["--out", a.to_str().unwrap()]);
    build(project.path(), &["--out", b.to_str().unwrap()]);
    let pages = html_pages(&a);
    assert_eq!(pages, html_pages(&b));
    for p in pages {
        assert_eq!(
            std::fs::read(a.join(&p)).unwrap(),
            std::fs::read(b.join(&p)).unwrap(),
            "{p} differs"
        );
    }
}

#[test]
fn build_prints_a_one_line_summary() {
    let project = project_from("site");
    let out = build(project.path(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("built 4 articles, "), "{stdout}");
    assert!(stdout.contains("0 warnings"), "{stdout}");
}

/// A project of `count` short notes by one author, note n dated `date(n)` (YYYY-MM-DD).
fn notes_by_jane_doe(count: usize, date: fn(usize) -> String) -> tempfile::TempDir {
    let project = tempfile::tempdir().unwrap();
    let seeds = project.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    for n in 1..=count {
        std::fs::write(
            seeds.join(format!("note-{n:03}.md")),
            format!(
                "---\ntitle: Note {n}\nauthor: Jane Doe\ndate: {}\n---\n\nA short note number {n} on the alliance and its future.\n",
                date(n)
            ),
        )
        .unwrap();
    }
    project
}

#[test]
fn long_lists_continue_on_numbered_pages() {
    // One more article than fits on a page (PER_PAGE = 50), all by one author in one month.
    let project = notes_by_jane_doe(51, |n| format!("2025-03-{:02}", n % 28 + 1));
    build(project.path(), &[]);
    let out = project.path().join("public");
    for list in ["authors/jane-doe/", "dates/2025/03/"] {
        let first = page(&out, &format!("{list}index.html"));
        let second = page(&out, &format!("{list}page/2/index.html"));
        assert_eq!(select_texts(&first, ".article-item").len(), 50, "{list}");
        assert_eq!(select_texts(&second, ".article-item").len(), 1, "{list}");
        assert_eq!(select_texts(&second, "h1").len(), 1);
        assert!(links_from(&out, &format!("{list}index.html"))
            .contains(&format!("{list}page/2/index.html")));
        assert!(links_from(&out, &format!("{list}page/2/index.html"))
            .contains(&format!("{list}index.html")));
    }
    assert!(!out.join("authors/jane-doe/page/3").exists());
    assert_eq!(broken_links(&out), Vec::<(String, String)>::new());
}

#[test]
fn a_long_list_links_a_window_of_pages_and_reaches_every_page() {
    // 8 pages of 50 for one author: page 1 links pages 2, 3 and the last, not all eight;
    // following the links from page 1 still reaches every page.
    let project = notes_by_jane_doe(351, |n| format!("2025-{:02}-{:02}", n % 12 + 1, n % 28 + 1));
    build(project.path(), &[]);
    let out = project.path().join("public");
    let list = "authors/jane-doe/";
    let pages_linked = |path: &str| -> std::collections::BTreeSet<String> {
        links_from(&out, path)
            .into_iter()
            .filter(|l| l.starts_with(list))
            .collect()
    };
    let first = pages_linked(&format!("{list}index.html"));
    // (Page 1 links itself too: the breadcrumb trail ends at the list.)
    let expected: std::collections::BTreeSet<String> = [1, 2, 3, 8]
        .iter()
        .map(|n| match n {
            1 => format!("{list}index.html"),
            n => format!("{list}page/{n}/index.html"),
        })
        .collect();
    assert_eq!(first, expected);
    let mut seen = std::collections::BTreeSet::from([format!("{list}index.html")]);
    let mut todo: Vec<String> = seen.iter().cloned().collect();
    while let Some(p) = todo.pop() {
        for l in pages_linked(&p) {
            if seen.insert(l.clone()) {
                todo.push(l);
            }
        }
    }
    assert_eq!(seen.len(), 8, "{seen:?}");
    assert!(!out.join(format!("{list}page/9")).exists());
}

#[test]
fn article_page_with_one_section_has_no_contents_list() {
    let (_p, out) = built(&[]);
    let doc = page(
        &out,
        "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html",
    );
    // One section only: no contents list.
    assert!(select_texts(&doc, ".toc").is_empty());
    assert_eq!(select_texts(&doc, "h1").len(), 1);
}

#[test]
fn long_pieces_get_a_contents_list_linking_each_section() {
    let project = project_from("contents");
    build(project.path(), &[]);
    let out = project.path().join("public");
    let doc = page(&out, "articles/three-questions-for-the-alliance/index.html");
    assert_eq!(
        select_texts(&doc, ".toc li"),
        ["Who pays?", "Who decides?", "Who & what comes next?"]
    );
    let hrefs: Vec<String> = hrefs(&doc)
        .into_iter()
        .filter(|h| h.starts_with('#') && h != "#main")
        .collect();
    assert_eq!(hrefs, ["#who-pays", "#who-decides", "#who-what-comes-next"]);
    for id in ["who-pays", "who-decides", "who-what-comes-next"] {
        assert_eq!(
            select_texts(&doc, &format!(".body h2#{id}")).len(),
            1,
            "{id}"
        );
    }
}

#[test]
fn robots_txt_names_the_sitemap_only_by_an_absolute_url() {
    let (_p, out) = built(&["--base-url", "/"]);
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("User-agent: *"), "{robots}");
    assert!(
        !robots.contains("Sitemap:"),
        "a relative Sitemap line makes robots.txt invalid: {robots}"
    );
    let (_p, out) = built(&["--base-url", "https://example.github.io/briefing/"]);
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(
        robots.contains("Sitemap: https://example.github.io/briefing/sitemap.xml\n"),
        "{robots}"
    );
}

#[test]
fn search_meta_lists_the_term_shards_and_the_stop_words_left_out() {
    let (_p, out) = built(&[]);
    let read = |f: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(out.join(f)).unwrap()).unwrap()
    };
    let meta = read("search/meta.json");
    let shards: Vec<&str> = meta["shards"].as_str().unwrap().split(' ').collect();
    assert!(!shards.is_empty());
    let mut on_disk: Vec<String> = std::fs::read_dir(out.join("search/terms"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    on_disk.sort();
    let mut named: Vec<String> = shards
        .iter()
        .map(|s| {
            dossier::render::search::shard_file(s)
                .trim_start_matches("search/terms/")
                .to_string()
        })
        .collect();
    named.sort();
    assert_eq!(named, on_disk, "meta.json shards = the files written");
    let stop: Vec<&str> = meta["stop_words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(stop.contains(&"the"), "{stop:?}");
    // Every key lives in the shard of its longest listed prefix; stop words are in none.
    let mut keys = Vec::new();
    for s in &shards {
        let terms = read(&dossier::render::search::shard_file(s));
        for k in terms.as_object().unwrap().keys() {
            let home = shards
                .iter()
                .filter(|p| k.starts_with(*p))
                .max_by_key(|p| p.len());
            assert_eq!(home, Some(s), "{k} is in shard {s}");
            keys.push(k.clone());
        }
    }
    assert!(
        !keys.iter().any(|k| k == "the"),
        "stop words are not indexed"
    );
    // Stems: "tariff" holds the articles saying "tariffs".
    assert!(keys.iter().any(|k| k == "tariff"), "{keys:?}");
    assert!(!keys.iter().any(|k| k == "tariffs"), "{keys:?}");
    // Each topic carries its palette slot, for the results' badges; one fragment an article.
    assert_eq!(meta["topics"][0].as_array().unwrap().len(), 3);
    let docs = meta["docs"].as_u64().unwrap();
    assert!(docs > 0);
    let first = read("search/f/0.json");
    assert!(
        first["url"].as_str().unwrap().starts_with("articles/"),
        "{first}"
    );
    assert!(out.join(format!("search/f/{}.json", docs - 1)).is_file());
    assert!(!out.join(format!("search/f/{docs}.json")).exists());
}
