//! Issue 15, items 2-4: atomic publishing (no work file inside the output, leftovers
//! of killed builds swept), `--out` never replacing files dossier did not write, and
//! symlinks out of the project never followed. The kill test itself is
//! `scripts/kill-test` (it needs a release binary and a thousand seeds).

use std::path::{Path, PathBuf};

use crate::helpers::{assert_same_as_a_clean_build, build, dossier, files_under, project_from};

/// Names a build in progress uses for its work (inside or beside the output).
fn is_work_name(name: &str) -> bool {
    name.contains(".dossier-") || name == ".dossier-incomplete"
}

/// Work files inside `out`, and work folders beside it (not the folder tree kept for
/// the next build, `.<name>.dossier-back`).
fn work_files(out: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = files_under(out)
        .into_iter()
        .filter(|f| f.iter().any(|c| is_work_name(&c.to_string_lossy())))
        .collect();
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    for entry in std::fs::read_dir(out.parent().unwrap()).unwrap() {
        let entry = entry.unwrap();
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&format!(".{name}.dossier-"))
            && file_name != format!(".{name}.dossier-back")
        {
            found.push(entry.path());
        }
    }
    found
}

/// The one build manifest in the project's cache.
fn manifest(project: &Path) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(project.join(".dossier-cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("manifest-") && name.ends_with(".json") && !name.contains("inputs")
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_rebuild_swaps_in_a_whole_site_and_leaves_no_work_file_inside_or_beside_it() {
    let project = project_from("publish");
    let out = project.path().join("public");
    build(project.path(), &[]);
    let before = std::fs::metadata(&out).unwrap();
    let seed = project.path().join("seeds/lng-deal.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text.replace("six months", "nine months")).unwrap();
    std::fs::remove_file(project.path().join("seeds/port-strike.txt")).unwrap();
    build(project.path(), &[]);
    // The output is a new folder swapped in whole, not the old one edited file by file.
    let after = std::fs::metadata(&out).unwrap();
    assert_ne!(
        std::os::unix::fs::MetadataExt::ino(&before),
        std::os::unix::fs::MetadataExt::ino(&after)
    );
    assert_eq!(work_files(&out), Vec::<PathBuf>::new());
    assert!(!out
        .join("articles/port-strike-ends-after-nine-days/index.html")
        .exists());
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn a_build_sweeps_what_killed_builds_left_inside_and_beside_the_output() {
    let project = project_from("publish");
    let out = project.path().join("public");
    build(project.path(), &[]);
    // A stage of a killed build, a previous site set aside by the two-rename
    // fallback, an older version's first-build folder, and its in-place work files.
    for left in [
        ".public.dossier-stage-4242/articles/x",
        ".public.dossier-stage-4243-old/static",
        ".public.dossier-new-77/feed",
    ] {
        let dir = project.path().join(left);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), "half a site").unwrap();
    }
    std::fs::write(out.join(".dossier-incomplete"), b"").unwrap();
    std::fs::write(out.join(".robots.txt.dossier-new"), b"half a file").unwrap();
    std::fs::write(project.path().join("seeds/late.md"), "---\ntitle: \"Late note\"\ndate: 2025-07-01\n---\n\nA late note on natural gas prices in Seoul, written after the others.\n").unwrap();
    build(project.path(), &[]);
    assert_eq!(work_files(&out), Vec::<PathBuf>::new());
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn a_build_killed_between_its_swap_and_its_manifest_is_followed_by_a_correct_one() {
    // A kill after the swap but before the manifest is renamed leaves the new site
    // live, the old manifest in place and the new one pending. A page whose bytes
    // the old manifest records must then not be taken from the live folder, which
    // holds the other site's version of it.
    let project = project_from("publish");
    let seed = project.path().join("seeds/lng-deal.md");
    let a = std::fs::read_to_string(&seed).unwrap();
    build(project.path(), &[]);
    let manifest = manifest(project.path());
    let manifest_a = std::fs::read(&manifest).unwrap();
    std::fs::write(&seed, a.replace("six months", "nine months")).unwrap();
    build(project.path(), &[]);
    let mut pending = manifest.clone().into_os_string();
    pending.push(".pending");
    std::fs::rename(&manifest, &pending).unwrap();
    std::fs::write(&manifest, manifest_a).unwrap();
    std::fs::write(&seed, &a).unwrap();
    build(project.path(), &[]);
    assert!(!Path::new(&pending).exists());
    assert_same_as_a_clean_build(project.path());
}

#[test]
fn refuses_to_build_into_a_folder_of_someone_elses_files() {
    let project = project_from("publish");
    let mydocs = project.path().join("mydocs");
    std::fs::create_dir(&mydocs).unwrap();
    std::fs::write(mydocs.join("thesis.txt"), "draft").unwrap();
    let root = project.path().to_str().unwrap();
    let out = dossier(&["build", "--root", root, "--out", mydocs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim_end(),
        format!(
            "error: {}: the output folder is not empty and dossier did not build it (no \
             manifest for it in this project's .dossier-cache); refusing to replace its \
             files. Use an empty or new folder, or pass --force to build into it (files the \
             site does not write are kept)",
            mydocs.display()
        )
    );
    assert_eq!(files_under(&mydocs), [PathBuf::from("thesis.txt")]);
    assert_eq!(std::fs::read(mydocs.join("thesis.txt")).unwrap(), b"draft");
    assert_eq!(work_files(&mydocs), Vec::<PathBuf>::new());
}

#[test]
fn force_builds_into_a_folder_of_someone_elses_files_and_keeps_them_through_rebuilds() {
    let project = project_from("publish");
    let mydocs = project.path().join("mydocs");
    std::fs::create_dir_all(mydocs.join("notes")).unwrap();
    std::fs::write(mydocs.join("thesis.txt"), "draft").unwrap();
    std::fs::write(mydocs.join("notes/ch1.md"), "chapter one").unwrap();
    let out = mydocs.to_str().unwrap();
    build(project.path(), &["--out", out, "--force"]);
    assert!(mydocs.join("index.html").is_file());
    // Now the folder has a manifest: no --force needed; a rebuild that removes a page
    // removes it, and still keeps what dossier did not write.
    std::fs::remove_file(project.path().join("seeds/port-strike.txt")).unwrap();
    build(project.path(), &["--out", out]);
    assert!(!mydocs
        .join("articles/port-strike-ends-after-nine-days/index.html")
        .exists());
    assert_eq!(std::fs::read(mydocs.join("thesis.txt")).unwrap(), b"draft");
    assert_eq!(
        std::fs::read(mydocs.join("notes/ch1.md")).unwrap(),
        b"chapter one"
    );
    assert_eq!(work_files(&mydocs), Vec::<PathBuf>::new());
}

#[test]
fn a_file_added_to_a_built_site_by_hand_survives_rebuilds() {
    let project = project_from("publish");
    let out = project.path().join("public");
    build(project.path(), &[]);
    std::fs::write(out.join("google1234.html"), "verification").unwrap();
    let seed = project.path().join("seeds/tariff-talks.md");
    let text = std::fs::read_to_string(&seed).unwrap();
    std::fs::write(&seed, text.replace("summer", "autumn")).unwrap();
    build(project.path(), &[]);
    assert_eq!(
        std::fs::read(out.join("google1234.html")).unwrap(),
        b"verification"
    );
}

#[test]
fn refuses_to_build_into_another_project_and_its_seeds_survive() {
    let project = project_from("publish");
    let other = project_from("site");
    let before: Vec<(PathBuf, Vec<u8>)> = crate::helpers::tree(other.path());
    let out = dossier(&[
        "build",
        "--root",
        project.path().to_str().unwrap(),
        "--out",
        other.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("dossier did not build it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(crate::helpers::tree(other.path()), before);
}

#[test]
fn builds_into_an_empty_existing_folder() {
    let project = project_from("publish");
    let empty = tempfile::tempdir().unwrap();
    let site = empty.path().join("site");
    std::fs::create_dir(&site).unwrap();
    build(project.path(), &["--out", site.to_str().unwrap()]);
    assert!(site.join("index.html").is_file());
    assert_eq!(work_files(&site), Vec::<PathBuf>::new());
}

/// Every byte of every file under `out`, as text.
fn all_text(out: &Path) -> String {
    files_under(out)
        .into_iter()
        .map(|f| String::from_utf8_lossy(&std::fs::read(out.join(f)).unwrap()).into_owned())
        .collect()
}

#[test]
fn symlinks_that_leave_the_project_are_not_followed_and_are_named() {
    use std::os::unix::fs::symlink;
    let project = project_from("publish");
    let root = project.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = "Outside secret: the vault code is 7741";
    let secret_md = |what: &str| {
        format!("---\ntitle: \"{what} {secret}\"\nauthor: Eve Outsider\n---\n\n{secret}, and more text about natural gas in {what}.\n")
    };
    std::fs::write(outside.path().join("secret.md"), secret_md("file")).unwrap();
    std::fs::create_dir(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/inner.md"), secret_md("folder")).unwrap();
    std::fs::write(outside.path().join("style.css"), secret).unwrap();
    std::fs::write(outside.path().join("base.html"), secret).unwrap();
    symlink(outside.path().join("secret.md"), root.join("seeds/pw.md")).unwrap();
    symlink(outside.path().join("dir"), root.join("seeds/etcdir")).unwrap();
    std::fs::create_dir_all(root.join("static")).unwrap();
    std::fs::create_dir_all(root.join("templates")).unwrap();
    symlink(
        outside.path().join("style.css"),
        root.join("static/style.css"),
    )
    .unwrap();
    symlink(
        outside.path().join("base.html"),
        root.join("templates/base.html"),
    )
    .unwrap();
    // Links that stay inside the project root are followed.
    std::fs::create_dir(root.join("notes")).unwrap();
    std::fs::write(root.join("notes/inside.md"), "---\ntitle: \"Inside note on shipping\"\nauthor: Sam Lee\n---\n\nShipping rates out of Busan fell for a third week as new vessels arrived.\n").unwrap();
    symlink("../notes/inside.md", root.join("seeds/inside.md")).unwrap();
    std::fs::write(root.join("notes/extra.css"), "body { margin: 0 }").unwrap();
    symlink("../notes/extra.css", root.join("static/extra.css")).unwrap();

    let run = build(root, &[]);
    let err = stderr(&run);
    for link in [
        "seeds/etcdir",
        "seeds/pw.md",
        "static/style.css",
        "templates/base.html",
    ] {
        assert!(
            err.contains(&format!(
                "warning: {}: symbolic link to a path outside the project root: not followed",
                root.join(link).display()
            )),
            "{link}: {err}"
        );
    }
    let out = root.join("public");
    let published = all_text(&out);
    assert!(
        !published.contains("7741"),
        "the outside secret was published"
    );
    assert!(!published.contains("Eve Outsider"));
    // Checked where they would show: the feed and the search index are in `all_text`.
    assert!(out.join("feed.xml").is_file());
    assert!(files_under(&out).iter().any(|f| f.starts_with("search")));
    assert!(published.contains("Inside note on shipping"));
    assert_eq!(
        std::fs::read(out.join("static/extra.css")).unwrap(),
        b"body { margin: 0 }"
    );
    // The built-in stylesheet and template, not the outside ones.
    assert!(
        std::fs::read_to_string(out.join("static/style.css"))
            .unwrap()
            .len()
            > secret.len()
    );
    // Strict builds fail on them, as on any warning.
    let strict = dossier(&["build", "--root", root.to_str().unwrap(), "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}
