//! The Markdown cleaner on made-up documents.

use super::limits::limit_html_depth;
use super::limits::MAX_HTML_DEPTH;
use super::*;
use crate::model::PartialDate;

#[test]
fn html_nested_beyond_the_limit_loses_the_deeper_tags_not_the_text() {
    let n = MAX_HTML_DEPTH + 10;
    let html = format!(
        "{}deep text{}<p>after</p>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let limited = limit_html_depth(&html);
    assert_eq!(limited.matches("<div>").count(), MAX_HTML_DEPTH);
    assert_eq!(limited.matches("</div>").count(), MAX_HTML_DEPTH);
    assert!(limited.contains("deep text") && limited.ends_with("<p>after</p>"));
    // Within the limit, nothing changes.
    let fine = "<div class=\"a>b\"><br><img src=x /><p>t</p></div>";
    assert!(matches!(
        limit_html_depth(fine),
        std::borrow::Cow::Borrowed(_)
    ));
}

#[test]
fn reads_zola_toml_front_matter_with_taxonomies() {
    let text = "+++\ntitle = \"Tariffs bite\"\ndate = 2025-04-03\n[taxonomies]\nauthors = [\"Jane Doe\"]\ntopics = [\"Tariffs\"]\n+++\nBody text.\n";
    let (fm, body) = split_front_matter(text).unwrap();
    assert_eq!(fm.title.as_deref(), Some("Tariffs bite"));
    assert_eq!(
        fm.date,
        Some(PartialDate {
            year: 2025,
            month: 4,
            day: Some(3)
        })
    );
    assert_eq!(fm.authors, ["Jane Doe"]);
    assert_eq!(fm.topics, ["Tariffs"]);
    assert_eq!(body, "Body text.\n");
}

#[test]
fn reads_hugo_yaml_front_matter() {
    let text = "---\ntitle: \"USFK after the summit\"\ndate: 2025-08-26T10:00:00+09:00\nauthor: Min-ji Park\ntags: [usfk]\n---\n\n## Heading\n\nText.\n";
    let (fm, body) = split_front_matter(text).unwrap();
    assert_eq!(
        fm.date,
        Some(PartialDate {
            year: 2025,
            month: 8,
            day: Some(26)
        })
    );
    assert_eq!(fm.authors, ["Min-ji Park"]);
    assert!(body.starts_with("## Heading"));
}

#[test]
fn front_matter_error_names_the_line() {
    let err = split_front_matter("+++\ntitle = \"x\"\ndate = = 3\n+++\n").unwrap_err();
    assert!(err.contains("line 3"), "{err}");
}

#[test]
fn strips_script_and_highlights_code() {
    let c = clean("# T\n\n<script>alert(1)</script><a href=\"javascript:alert(1)\" onclick=\"x()\">l</a>\n\n```rust\nfn main() {}\n```\n");
    let html = c.body_html.unwrap();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("onclick"), "{html}");
    assert!(html.contains("class=\"hl-"), "{html}");
    assert_eq!(c.title.as_deref(), Some("T"));
}

#[test]
fn closing_bio_and_sign_off_leave_the_body_and_the_page() {
    let c = clean("---\ntitle: T\n---\n\nThe alliance is under strain from tariffs and troop talk.\n\n---\n\nMina Clarke teaches political economy at Beppu.\n\nThanks for reading! Comments are open below.\n");
    assert_eq!(
        c.author_bio.as_deref(),
        Some("Mina Clarke teaches political economy at Beppu.")
    );
    assert_eq!(c.authors, ["Mina Clarke"]);
    let html = c.body_html.unwrap();
    assert!(
        !html.contains("Mina Clarke") && !html.contains("Thanks for reading"),
        "{html}"
    );
    assert!(html.contains("under strain"));
}

#[test]
fn shortcodes_are_removed_and_their_captions_kept() {
    let c = clean("Text before.\n\n{{< figure src=\"/img/a.jpg\" caption=\"Cranes at Busan.\" >}}\n\n{{ youtube(id=\"x\", caption=\"Drill footage\") }}\n\nText after.\n");
    assert_eq!(c.captions, ["Cranes at Busan.", "Drill footage"]);
    assert_eq!(c.shortcodes, ["youtube"]);
    let html = c.body_html.unwrap();
    assert!(!html.contains("{{"), "{html}");
    // A figure is its image (root-relative, so made site-relative).
    assert!(html.contains("src=\"../../img/a.jpg\""), "{html}");
}

#[test]
fn headline_after_a_rubric_with_dek_and_dateline_as_metadata() {
    let c = clean("## Leaders | The Americas\n\n# Brazil's quiet boom\n\n*Lula's last budget is better than it looks*\n\nJan 15th 2026|BRASÍLIA\n\nBrazil's economy grew faster than anyone expected last year, and the government now wants the credit for it.\n");
    assert_eq!(c.title.as_deref(), Some("Brazil's quiet boom"));
    assert_eq!(c.kicker.as_deref(), Some("Leaders | The Americas"));
    assert_eq!(
        c.dek.as_deref(),
        Some("Lula's last budget is better than it looks")
    );
    assert_eq!(c.stated_date, PartialDate::new(2026, 1, Some(15)));
    assert_eq!(c.blocks.len(), 1, "{:?}", c.blocks);
    let html = c.body_html.unwrap();
    assert!(
        !html.contains("Leaders") && !html.contains("quiet boom") && !html.contains("2026"),
        "{html}"
    );
}

#[test]
fn two_leading_headings_are_rubric_and_headline() {
    let c = clean("## Science\n\n## Why octopuses dream\n\nResearchers in Okinawa filmed sleeping octopuses changing colour, and think the animals may be replaying the day.\n");
    assert_eq!(c.title.as_deref(), Some("Why octopuses dream"));
    assert_eq!(c.kicker.as_deref(), Some("Science"));
}

#[test]
fn a_heading_after_prose_is_not_the_headline() {
    let c = clean("This report opens with a full sentence of prose, which is no rubric at all.\n\n# Findings\n\nMore text.\n");
    assert_eq!(c.title, None);
    assert!(c.body_html.unwrap().contains("Findings"));
}

#[test]
fn end_marks_end_the_body_and_keep_the_line_they_end() {
    let c = clean("# T\n\nFirst paragraph of the story.\n\nThe last paragraph ends here. ■\n\nSubscribe to our newsletter for more.\n");
    let html = c.body_html.unwrap();
    assert!(html.contains("The last paragraph ends here.</p>"), "{html}");
    assert!(!html.contains('■') && !html.contains("Subscribe"), "{html}");
    let c = clean("# T\n\nOnly paragraph, then a mark on its own line.\n\n###\n\nAbout the agency: it sells things.\n");
    let html = c.body_html.unwrap();
    assert!(html.contains("its own line."), "{html}");
    assert!(
        !html.contains("About the agency") && !html.contains("<h3"),
        "{html}"
    );
}

#[test]
fn a_front_matter_title_keeps_the_body_as_written_but_the_repeated_headline() {
    let c = clean("---\ntitle: T\n---\n\n# T\n\n## Short label\n\nBody text.\n");
    assert_eq!(c.title.as_deref(), Some("T"));
    assert_eq!(c.kicker, None);
    let html = c.body_html.unwrap();
    assert!(
        !html.contains("<h1>") && html.contains("Short label"),
        "{html}"
    );
}

#[test]
fn local_links_and_images_are_listed_as_written() {
    let c = clean("[a](../other.md#x) [b](@/docs/y.md) ![c](./img/p.png) [d](https://example.org) [e](#top) [f](/topics/x/) [g](mailto:a@b.c)\n");
    assert_eq!(c.links, ["../other.md#x", "@/docs/y.md", "./img/p.png"]);
}

#[test]
fn odd_bodies_clean_without_panicking_and_keep_their_text() {
    for md in [
        "",
        "■",
        "###",
        "# ■",
        "## a\n\n## b",
        "{{<",
        "{{< x",
        "{{% /x %}}",
        "{% end %}",
        "{{</* */>}}",
        "> [!NOTE]",
        "[a](é%ZZ#é)",
        "[a](@/)",
        "# T\n\n(END)\n\n(END)",
        "## К\n\n# Заголовок\n\n26 февраля 2026\n\nТекст. ■",
    ] {
        let c = clean(md);
        assert!(c.body_html.is_some(), "{md}");
    }
    let c = clean("# T\n\nText with a mark in the middle ■ and more after it.\n");
    assert!(c.body_html.unwrap().contains("and more after it."));
}

#[test]
fn github_alerts_become_asides() {
    let c = clean("> [!TIP]\n> Use **both** hands.\n\n> A plain quote.\n");
    let html = c.body_html.unwrap();
    assert!(
        html.contains("<aside class=\"alert alert-tip\">\n<p class=\"alert-title\">Tip</p>"),
        "{html}"
    );
    assert!(
        html.contains("<blockquote>") && !html.contains("[!TIP]"),
        "{html}"
    );
}

#[test]
fn root_relative_markdown_links_become_site_relative() {
    let c = clean("See [Taiwan](/topics/taiwan/), [the web](https://example.org/x) and [protocol-relative](//cdn.example/x).\n");
    let html = c.body_html.unwrap();
    assert!(html.contains("href=\"../../topics/taiwan/\""), "{html}");
    assert!(html.contains("href=\"https://example.org/x\""), "{html}");
    assert!(html.contains("href=\"//cdn.example/x\""), "{html}");
}
