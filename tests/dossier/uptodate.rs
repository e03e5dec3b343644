//! Up to date: a build with nothing changed since the last one does nothing; a change
//! to anything a build reads builds again.

use std::path::Path;

use crate::helpers::*;

fn summary(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn up_to_date(out: &std::process::Output) -> bool {
    summary(out).contains("(up to date: nothing changed")
}

#[test]
fn a_build_with_nothing_changed_keeps_the_output_and_reports_the_last_build() {
    let project = project_from("site");
    // An empty seed: a warning, which the build with nothing to do repeats.
    std::fs::write(project.path().join("seeds/empty.txt"), "").unwrap();
    let first = build(project.path(), &[]);
    let out = project.path().join("public");
    let before = tree(&out);
    let second = build(project.path(), &[]);
    assert!(up_to_date(&second), "{}", summary(&second));
    assert!(!up_to_date(&first));
    // "built 4 articles, 23 pages, 1 warning": the same as the build it stands for.
    let counts = |o: &std::process::Output| summary(o).split(" in ").next().unwrap().to_string();
    assert_eq!(counts(&second), counts(&first));
    assert!(
        counts(&first).ends_with(", 1 warning"),
        "{}",
        counts(&first)
    );
    assert_eq!(
        String::from_utf8_lossy(&second.stderr),
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(tree(&out), before);
}

#[test]
fn a_change_to_anything_a_build_reads_builds_again() {
    let project = project_from("site");
    let root = project.path();
    build(root, &[]);
    type Change = Box<dyn Fn(&Path)>;
    let write = |rel: &'static str, text: &'static str| -> Change {
        Box::new(move |root: &Path| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        })
    };
    let changes: Vec<(&str, Change)> = vec![
        (
            "a seed edited",
            Box::new(|root: &Path| {
                let seed = root.join("seeds/zola-post.md");
                let text = std::fs::read_to_string(&seed).unwrap();
                std::fs::write(seed, text + "\nOne more line on the alliance.\n").unwrap();
            }),
        ),
        (
            "a seed added",
            write(
                "seeds/late.md",
                "---\ntitle: Late note\ndate: 2025-07-02\n---\n\nA late note on LNG.\n",
            ),
        ),
        (
            "a seed removed",
            Box::new(|root: &Path| {
                std::fs::remove_file(root.join("seeds/undated-note.txt")).unwrap()
            }),
        ),
        (
            "a sidecar added",
            write(
                "seeds/alliance-column.toml",
                "title = \"Buy gas together\"\n",
            ),
        ),
        (
            "book.toml edited",
            Box::new(|root: &Path| {
                let book = root.join("book.toml");
                let text = std::fs::read_to_string(&book).unwrap();
                std::fs::write(book, text.replace("Fixture Briefing", "Another Briefing")).unwrap();
            }),
        ),
        (
            "a template added",
            write(
                "templates/404.html",
                "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% endblock main %}",
            ),
        ),
        (
            "a static file added",
            write("static/notes/read-me.txt", "one"),
        ),
        (
            "a static file edited",
            write("static/notes/read-me.txt", "one more"),
        ),
        (
            "an output file deleted",
            Box::new(|root: &Path| std::fs::remove_file(root.join("public/404.html")).unwrap()),
        ),
    ];
    for (what, change) in changes {
        change(root);
        let out = build(root, &[]);
        assert!(!up_to_date(&out), "{what}: {}", summary(&out));
        assert_same_as_a_clean_build(root);
        assert!(up_to_date(&build(root, &[])), "{what}, then nothing");
    }
    // A seed the build cannot read: warned about on the build, and on the next, which
    // has nothing to do.
    std::os::unix::fs::symlink(root.join("seeds/missing"), root.join("seeds/dangling.md")).unwrap();
    for pass in ["built", "up to date"] {
        let out = build(root, &[]);
        assert_eq!(up_to_date(&out), pass == "up to date");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("dangling.md"),
            "{pass}"
        );
    }
    std::fs::remove_file(root.join("seeds/dangling.md")).unwrap();
    assert!(!up_to_date(&build(root, &[])));
    // Flags are inputs too.
    let flag = ["--base-url", "https://example.org/brief/"];
    assert!(!up_to_date(&build(root, &flag)));
    assert!(up_to_date(&build(root, &flag)));
    assert!(!up_to_date(&build(root, &[])));
}
