//! Briefing features: topic digests and timelines, related articles,
//! people and publication pages, near-duplicates shown once.

use scraper::Selector;

use crate::helpers::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let project = project_from("site");
    build(project.path(), &[]);
    let out = project.path().join("public");
    (project, out)
}

#[test]
fn topic_pages_open_with_a_digest_and_a_well_formed_svg_timeline() {
    let (_p, out) = built();
    let doc = page(&out, "topics/energy/index.html");
    let digest = select_texts(&doc, ".digest").join(" ");
    assert!(
        digest.contains("2 articles, November 2024 – March 2025."),
        "{digest}"
    );
    assert!(digest.contains("Min-ji Park"), "{digest}");
    let svg = doc
        .select(&Selector::parse(".digest svg").unwrap())
        .next()
        .expect("timeline svg");
    let svg_text = svg.html();
    let xml = roxmltree::Document::parse(&svg_text).expect("well-formed SVG");
    // November 2024 through March 2025: five months, five bars.
    assert_eq!(
        xml.descendants().filter(|n| n.has_tag_name("rect")).count(),
        5
    );
    // Each listed article shows the sentences that earned it the tag.
    assert!(!select_texts(&doc, ".article-item .evidence").is_empty());
}

#[test]
fn home_page_shows_the_topic_by_month_overview() {
    let (_p, out) = built();
    let doc = page(&out, "index.html");
    let svg = doc
        .select(&Selector::parse(".overview svg").unwrap())
        .next()
        .expect("overview svg");
    roxmltree::Document::parse(&svg.html()).expect("well-formed SVG");
}

#[test]
fn every_article_links_a_related_article() {
    let (_p, out) = built();
    for p in html_pages(&out)
        .iter()
        .filter(|p| p.starts_with("articles/"))
    {
        let related = links_from_selector(&out, p, ".related a");
        assert!(!related.is_empty(), "{p} has no related article");
        assert!(!related.contains(p), "{p} relates to itself");
    }
}

#[test]
fn people_and_publication_pages_exist_and_are_cross_linked() {
    let (_p, out) = built();
    let column = "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html";
    let links = links_from(&out, column);
    assert!(
        links.contains("publications/fixture-daily/index.html"),
        "{links:?}"
    );
    assert!(links_from(&out, "publications/fixture-daily/index.html").contains(column));
    assert!(links_from(&out, "publications/index.html")
        .contains("publications/fixture-daily/index.html"));
    let people = links_from_selector(&out, column, ".named a");
    assert!(
        people.iter().any(|p| p.starts_with("people/")),
        "{people:?}"
    );
    for person in &people {
        assert!(
            links_from(&out, person).contains(column),
            "{person} does not link back"
        );
    }
    assert_eq!(broken_links(&out), Vec::<(String, String)>::new());
}

#[test]
fn a_republished_copy_is_shown_once_with_both_sources() {
    let project = project_from("site");
    let original =
        std::fs::read_to_string(project.path().join("seeds/alliance-column.txt")).unwrap();
    let copy = format!(
        "Tuesday, April 1, 2025\nhello@asia-wire.example\n{}\nThis article, originally published by Fixture Daily, is republished with permission.\n",
        original.replace("Translated using generative AI and edited by Fixture Daily staff.", "")
    );
    std::fs::write(project.path().join("seeds/zz-republished.txt"), copy).unwrap();
    build(project.path(), &[]);
    let out = project.path().join("public");
    let articles: Vec<String> = html_pages(&out)
        .into_iter()
        .filter(|p| p.starts_with("articles/"))
        .collect();
    assert_eq!(
        articles.len(),
        4,
        "the copy must not get its own page: {articles:?}"
    );
    let doc = page(
        &out,
        "articles/seoul-and-tokyo-should-buy-american-gas-together/index.html",
    );
    let sources = select_texts(&doc, ".other-sources li").join(" | ");
    assert!(sources.contains("seeds/zz-republished.txt"), "{sources}");
}

#[test]
fn a_person_page_lists_the_newest_hundred_mentions_and_counts_them_all() {
    let project = tempfile::tempdir().unwrap();
    let seeds = project.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    // Three different articles, newest last by date, each quoting the same minister 50 times.
    let subjects = [
        ["steel", "tariffs", "quotas", "smelters", "ports"],
        ["troops", "drills", "bases", "carriers", "radars"],
        ["chips", "wafers", "lithography", "fabs", "export licences"],
    ];
    for (n, day) in [(1, "2025-03-01"), (2, "2025-03-02"), (3, "2025-03-03")] {
        let mut body = String::new();
        for k in 0..50 {
            let words = &subjects[n - 1];
            body.push_str(&format!(
                "Minister Kim Sung-han said {} and {} matter for year {} of piece {n}. ",
                words[k % 5],
                words[(k / 5) % 5],
                2000 + k
            ));
            if k % 5 == 4 {
                body.push_str("\n\n");
            }
        }
        std::fs::write(
            seeds.join(format!("piece-{n}.md")),
            format!("---\ntitle: \"Piece {n}\"\ndate: {day}\nauthor: Sam Lee\n---\n\n{body}\n"),
        )
        .unwrap();
    }
    build(project.path(), &[]);
    let doc = page(
        &project.path().join("public"),
        "people/kim-sung-han/index.html",
    );
    let count = select_texts(&doc, ".count").join(" ");
    assert!(
        count.contains("150 mentions (the 100 newest below)"),
        "{count}"
    );
    let items = select_texts(&doc, ".mentions li");
    assert_eq!(items.len(), 100);
    assert!(items[0].contains("Piece 3"), "newest first: {}", items[0]);
    assert!(
        items.iter().all(|i| !i.contains("Piece 1")),
        "the oldest piece's mentions are left out"
    );
}
