//! Shared test helpers: run the binary, copy fixtures, read and query pages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `sub` (e.g. "gold", "devset") in the team's shared data: `../shared` beside the
/// project, or `$DOSSIER_SHARED`. Someone outside the team has no such folder: then
/// `None`, and the test says it is skipped and why. Under CI (`CI` set, as GitHub
/// Actions and most CI services set it) a missing folder fails the test instead, so
/// CI never passes by skipping.
pub fn shared(sub: &str) -> Option<PathBuf> {
    let base = std::env::var_os("DOSSIER_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("../shared"));
    let path = base.join(sub);
    if path.exists() {
        return Some(path);
    }
    let why = format!(
        "{} not found: the team's shared data (gold annotations, the cleaning dev set) \
         sits in ../shared beside the project, or where DOSSIER_SHARED points",
        path.display()
    );
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{why}; CI is set, so this fails instead of skipping");
    }
    eprintln!("skipped: {why}");
    None
}

pub fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
}

/// Copy a fixture project into a fresh temp folder, so tests can change it.
pub fn project_from(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), tmp.path());
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` (hidden ones too), relative to it, in path order.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    files.sort();
    files
}

pub fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("running dossier")
}

pub fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let out = dossier(&args);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub fn page(out: &Path, rel: &str) -> Html {
    let path = out.join(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    Html::parse_document(&text)
}

pub fn select_texts(doc: &Html, css: &str) -> Vec<String> {
    let s = Selector::parse(css).unwrap();
    doc.select(&s)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

pub fn hrefs(doc: &Html) -> Vec<String> {
    let s = Selector::parse("a[href], link[href]").unwrap();
    doc.select(&s)
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

/// Every HTML page of a built site, as paths relative to `out`.
pub fn html_pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    pages.sort();
    pages
}

/// Resolve a relative href found on page `from` (e.g. "articles/x/index.html")
/// to a path under the site root, or None for external links and anchors.
pub fn resolve(from: &str, href: &str) -> Option<String> {
    if href.starts_with('#') || href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    let href = href.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || href.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// All internal links of a site that point nowhere: (page, href).
pub fn broken_links(out: &Path) -> Vec<(String, String)> {
    let mut broken = Vec::new();
    for p in html_pages(out) {
        for href in hrefs(&page(out, &p)) {
            if let Some(target) = resolve(&p, &href) {
                if !out.join(&target).is_file() {
                    broken.push((p.clone(), href));
                }
            }
        }
    }
    broken
}

/// The set of pages a page links to.
pub fn links_from(out: &Path, rel: &str) -> BTreeSet<String> {
    hrefs(&page(out, rel))
        .iter()
        .filter_map(|h| resolve(rel, h))
        .collect()
}

/// Everything on a page that could run script: `<script>` elements (dossier's own
/// pages have none from seeds), `on*` handlers, `javascript:` URLs.
pub fn live_script_problems(doc: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    let all = Selector::parse("*").unwrap();
    for e in doc.select(&all) {
        let v = e.value();
        if v.name() == "script"
            && v.attr("src").is_none()
            && v.attr("type") != Some("application/ld+json")
        {
            problems.push(format!("inline <script>: {}", e.html()));
        }
        for (name, value) in v.attrs() {
            if name.starts_with("on") {
                problems.push(format!("handler {name}={value}"));
            }
            if matches!(name, "href" | "src" | "action" | "formaction")
                && value.trim().to_lowercase().starts_with("javascript:")
            {
                problems.push(format!("{name}={value}"));
            }
        }
    }
    problems
}

/// The page of the article whose `<h1>` is `title`.
pub fn article_titled(out: &Path, title: &str) -> String {
    html_pages(out)
        .into_iter()
        .filter(|p| p.starts_with("articles/"))
        .find(|p| select_texts(&page(out, p), "h1") == [title])
        .unwrap_or_else(|| panic!("no article page titled {title:?}"))
}

/// Pages that the elements matching `css` on page `rel` link to.
pub fn links_from_selector(out: &Path, rel: &str, css: &str) -> Vec<String> {
    let doc = page(out, rel);
    let s = Selector::parse(css).unwrap();
    doc.select(&s)
        .filter_map(|e| e.value().attr("href"))
        .filter_map(|h| resolve(rel, h))
        .collect()
}

/// The output of `project` is the same tree, byte for byte, as a clean build of the same inputs.
pub fn assert_same_as_a_clean_build(project: &Path) {
    let clean = tempfile::tempdir().unwrap();
    copy_dir(&project.join("seeds"), &clean.path().join("seeds"));
    std::fs::copy(project.join("book.toml"), clean.path().join("book.toml")).unwrap();
    // The slug history is an input: old URLs redirect in both builds or neither.
    if project.join("slugs.toml").is_file() {
        std::fs::copy(project.join("slugs.toml"), clean.path().join("slugs.toml")).unwrap();
    }
    for dir in ["templates", "static"] {
        if project.join(dir).is_dir() {
            copy_dir(&project.join(dir), &clean.path().join(dir));
        }
    }
    build(clean.path(), &[]);
    let fresh = clean.path().join("public");
    let incremental = project.join("public");
    assert_eq!(files_under(&incremental), files_under(&fresh));
    for f in files_under(&fresh) {
        assert_eq!(
            std::fs::read(incremental.join(&f)).unwrap(),
            std::fs::read(fresh.join(&f)).unwrap(),
            "{} differs",
            f.display()
        );
    }
}

/// Every file under `dir` (hidden ones too) with its bytes.
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}
