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

/// `dossier build` as a user that file permissions apply to: root reads any file, so
/// under root the build runs as `nobody` (through util-linux's `setpriv`).
fn build_as_user(root: &Path) -> std::process::Output {
    use std::os::unix::fs::PermissionsExt;
    let uid = std::process::Command::new("id").arg("-u").output().unwrap();
    // A copy of the binary beside the project: the checkout may be in a folder that
    // `nobody` cannot enter.
    let exe = root.join("dossier-bin");
    if !exe.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_dossier"), &exe).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let root = root.to_str().unwrap();
    let out = if String::from_utf8_lossy(&uid.stdout).trim() == "0" {
        std::process::Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args(["build", "--root", root])
            .output()
            .unwrap()
    } else {
        dossier(&["build", "--root", root])
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn a_seed_that_could_not_be_read_is_read_again_once_it_can_be() {
    use std::os::unix::fs::PermissionsExt;
    let project = project_from("site");
    let root = project.path();
    // Everything open to the build's user (the temporary folder is private to its owner).
    let mut paths = vec![root.to_path_buf(), root.join("seeds")];
    paths.extend(files_under(root).into_iter().map(|f| root.join(f)));
    for p in &paths {
        let mode = if p.is_dir() { 0o777 } else { 0o666 };
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let seed = root.join("seeds/hugo-post.md");
    std::fs::set_permissions(&seed, std::fs::Permissions::from_mode(0o000)).unwrap();
    let first = build_as_user(root);
    assert!(
        summary(&first).starts_with("built 3 articles"),
        "{}",
        summary(&first)
    );
    assert!(String::from_utf8_lossy(&first.stderr).contains("hugo-post.md"));
    // Readable again, with the same size and modification time.
    std::fs::set_permissions(&seed, std::fs::Permissions::from_mode(0o644)).unwrap();
    let second = build_as_user(root);
    assert!(!up_to_date(&second), "{}", summary(&second));
    assert!(
        summary(&second).starts_with("built 4 articles, 23 pages, 0 warnings"),
        "{}",
        summary(&second)
    );
}

#[test]
fn a_relative_output_folder_is_up_to_date_on_the_second_build() {
    let project = project_from("site");
    let dir = project.path().to_str().unwrap();
    let run = || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
            .current_dir(dir)
            .args(["build", "--root", ".", "--out", "site-out"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    assert!(!up_to_date(&run()));
    assert!(up_to_date(&run()));
    // One manifest: the first build's is the one the second found.
    let manifests = std::fs::read_dir(project.path().join(".dossier-cache"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with("manifest-") && name.ends_with(".json") && !name.contains("inputs")
        })
        .count();
    assert_eq!(manifests, 1);
}
