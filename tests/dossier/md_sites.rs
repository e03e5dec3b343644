//! Markdown from Hugo and Zola sites (issue 17): `tests/fixtures/hugo-docs/` has
//! nested folders, section files (`_index.md`), a page bundle with images, headless
//! bundles, shortcodes in and out of code, `ref`/`relref`, relative and Zola `@/`
//! links, GitHub alerts, and a news page whose rubric comes before its headline.

use std::path::Path;

use crate::helpers::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf, String) {
    let project = project_from("hugo-docs");
    let out = build(project.path(), &["--strict"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let site = project.path().join("public");
    (project, site, stderr)
}

fn titles(site: &Path) -> Vec<String> {
    let mut titles: Vec<String> = html_pages(site)
        .iter()
        .filter(|p| p.starts_with("articles/"))
        .flat_map(|p| select_texts(&page(site, p), "article h1"))
        .collect();
    titles.sort();
    titles
}

#[test]
fn md_hugo_docs_build_strict_with_sections_and_bundles_as_articles_and_no_headless_pages() {
    let (_project, site, stderr) = built();
    assert!(!stderr.contains("warning"), "{stderr}");
    assert_eq!(
        titles(&site),
        [
            "A page bundle",
            "Busan bets on automated cranes",
            "Configuration",
            "Getting started",
            "How content is organised",
            "Quick start",
        ]
    );
    // Headless bundles and _common/ fragments are not articles.
    let all: String = html_pages(&site)
        .iter()
        .map(|p| std::fs::read_to_string(site.join(p)).unwrap())
        .collect();
    assert!(!all.contains("shared by several pages"));
    assert!(!all.contains("A snippet that other pages include"));
}

#[test]
fn md_check_finds_no_broken_link_among_the_seeds() {
    let project = project_from("hugo-docs");
    let out = dossier(&["check", "--root", project.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains(" 0 broken links"), "{text}");
    assert!(!text.contains("no article:"), "{text}");
}

#[test]
fn md_links_between_seeds_lead_to_the_articles_pages() {
    let (_project, site, _) = built();
    let links: Vec<String> = hrefs(&page(&site, "articles/quick-start/index.html"));
    for want in [
        "../../articles/configuration/#output-folder",
        "../../articles/a-page-bundle/",
        "../../articles/configuration/",
        "../../articles/how-content-is-organised/",
        "../../articles/getting-started/",
    ] {
        assert!(links.iter().any(|l| l == want), "{want} not in {links:?}");
    }
    let organise: Vec<String> = hrefs(&page(&site, "articles/how-content-is-organised/index.html"));
    for want in [
        "../../articles/getting-started/",
        "../../articles/quick-start/",
        "../../articles/a-page-bundle/",
    ] {
        assert!(
            organise.iter().any(|l| l == want),
            "{want} not in {organise:?}"
        );
    }
    assert_eq!(broken_links(&site), Vec::<(String, String)>::new());
}

#[test]
fn md_unresolvable_seed_links_stay_as_written_and_check_reports_them() {
    let project = project_from("hugo-docs");
    std::fs::write(
        project.path().join("seeds/content/stray.md"),
        "---\ntitle: Stray\ndate: 2025-03-08\n---\n\nA link to [a page that does not exist](missing-page.md#top) and to [a file above](../../outside.png).\n",
    )
    .unwrap();
    let out = dossier(&["check", "--root", project.path().to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(
        text.contains("broken link: articles/stray/index.html -> missing-page.md#top"),
        "{text}"
    );
    assert!(text.contains(" 2 broken links"), "{text}");
}

#[test]
fn md_bundle_images_are_copied_next_to_the_page_and_listed_in_the_manifest() {
    let (project, site, _) = built();
    let png = std::fs::read(project.path().join("seeds/content/bundle/port.png")).unwrap();
    assert_eq!(
        std::fs::read(site.join("articles/a-page-bundle/port.png")).unwrap(),
        png
    );
    assert!(site
        .join("articles/a-page-bundle/images/diagram.svg")
        .is_file());
    // Only what a seed links is copied.
    assert!(!site.join("articles/a-page-bundle/unused.jpg").exists());
    let doc = page(&site, "articles/a-page-bundle/index.html");
    let srcs: Vec<String> = select_attr(&doc, "main img", "src");
    assert_eq!(
        srcs,
        ["port.png", "./images/diagram.svg", "images/diagram.svg"]
    );
    // The copies are the build's own: a file removed from the seeds leaves the site too.
    std::fs::remove_file(project.path().join("seeds/content/bundle/port.png")).unwrap();
    std::fs::write(
        project.path().join("seeds/content/bundle/index.md"),
        "---\ntitle: A page bundle\ndate: 2025-03-07\n---\n\nNo pictures any more, only this sentence about bundles.\n",
    )
    .unwrap();
    build(project.path(), &[]);
    assert!(!site.join("articles/a-page-bundle/port.png").exists());
    assert!(!site
        .join("articles/a-page-bundle/images/diagram.svg")
        .exists());
}

#[test]
fn md_an_image_changed_beside_an_unchanged_seed_is_copied_again() {
    let (project, site, _) = built();
    let png = project.path().join("seeds/content/bundle/port.png");
    std::fs::write(&png, b"new bytes, same name").unwrap();
    build(project.path(), &[]);
    assert_eq!(
        std::fs::read(site.join("articles/a-page-bundle/port.png")).unwrap(),
        b"new bytes, same name"
    );
}

#[test]
fn md_shortcodes_in_code_stay_as_written_and_render_to_content_outside() {
    let (_project, site, _) = built();
    let doc = page(&site, "articles/quick-start/index.html");
    let code = select_texts(&doc, "main pre").join("\n");
    assert!(
        code.contains(r#"{{< figure src="port.png" caption="Cranes" >}}"#),
        "{code}"
    );
    assert!(
        code.contains(r#"{{< relref "quick-start.md" >}}"#),
        "{code}"
    );
    assert!(code.contains("{{< youtube w7Ft2ymGmfc >}}"), "{code}");
    let body = select_texts(&doc, "article .body").join(" ");
    assert!(
        body.contains("Building twice in a row writes nothing"),
        "{body}"
    );
    assert!(!body.contains("{{% note"), "{body}");
    let zola = page(&site, "articles/configuration/index.html");
    let code = select_texts(&zola, "main pre").join("\n");
    assert!(
        code.contains(r#"{{ youtube(id="dQw4w9WgXcQ") }}"#),
        "{code}"
    );
    assert!(code.contains("{% note() %}inside code{% end %}"), "{code}");
    let text = select_texts(&zola, "article .body > p").join(" ");
    assert!(text.contains("Keep the output folder out of version control."));
    assert!(!text.contains("{% end %}"), "{text}");
}

#[test]
fn md_each_dropped_shortcode_kind_is_one_warning_per_build() {
    let project = project_from("hugo-docs");
    for name in ["a", "b", "c"] {
        std::fs::write(
            project.path().join(format!("seeds/video-{name}.md")),
            format!("---\ntitle: Video {name}\ndate: 2025-03-09\n---\n\nThe launch, filmed from the quay.\n\n{{{{< youtube id{name} >}}}}\n\n{{{{< tweet user=\"x\" id=\"1\" >}}}}\n"),
        )
        .unwrap();
    }
    let out = dossier(&["build", "--root", project.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 2, "{stderr}");
    assert!(warnings[0].ends_with(
        "seeds/video-a.md: shortcode `tweet` is not rendered by dossier: dropped (and in 2 other seeds)"
    ), "{stderr}");
    assert!(warnings[1].contains("shortcode `youtube`"), "{stderr}");
}

#[test]
fn md_alerts_render_as_asides() {
    let (_project, site, _) = built();
    let doc = page(&site, "articles/quick-start/index.html");
    assert_eq!(
        select_texts(&doc, "aside.alert.alert-note"),
        ["Note The first build takes longer than the ones after it."]
    );
    assert_eq!(
        select_texts(&doc, "aside.alert-warning .alert-title"),
        ["Warning"]
    );
    assert!(!select_texts(&doc, "main").join(" ").contains("[!NOTE]"));
}

#[test]
fn md_rubric_before_the_headline_end_mark_and_newsletter_pitch() {
    let (_project, site, _) = built();
    let doc = page(&site, "articles/busan-bets-on-automated-cranes/index.html");
    assert_eq!(select_texts(&doc, ".kicker"), ["Asia | Harbours"]);
    assert_eq!(
        select_texts(&doc, ".dek"),
        ["The port wants to be the fastest in Asia by the end of the decade"]
    );
    let time = select_attr(&doc, "article header time", "datetime");
    assert_eq!(time.first().map(String::as_str), Some("2026-01-15"));
    let body = select_texts(&doc, "article .body > p").join("\n");
    assert!(
        body.ends_with("say they will resist any plan that cuts jobs at the terminals."),
        "{body}"
    );
    for gone in ["■", "Stay on top", "Jan 15th 2026", "Asia | Harbours"] {
        assert!(!body.contains(gone), "{gone} in {body}");
    }
}

fn select_attr(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    let s = scraper::Selector::parse(css).unwrap();
    doc.select(&s)
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
