//! Build script: the commit `dossier --version` prints, as `DOSSIER_COMMIT`.
//!
//! From `git` when the source is a git checkout of its own (not a tarball unpacked
//! inside some other repository); "unknown" otherwise, so a build from a tarball,
//! or on a machine without git, still works.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    (out.status.success() && !text.trim().is_empty()).then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let own_checkout = git(&manifest, &["rev-parse", "--show-toplevel"])
        .and_then(|top| Path::new(&top).canonicalize().ok())
        .is_some_and(|top| manifest.canonicalize().is_ok_and(|m| m == top));
    let commit = own_checkout
        .then(|| git(&manifest, &["rev-parse", "--short=12", "HEAD"]))
        .flatten();
    if commit.is_some() {
        // Run again when HEAD moves: HEAD itself (a checkout) and the branch it names
        // (a commit). Only paths that exist, or cargo would run this on every build.
        let resolve = |p: &str| git(&manifest, &["rev-parse", "--git-path", p]);
        let mut watched: Vec<String> = vec!["HEAD".into()];
        watched.extend(git(&manifest, &["symbolic-ref", "-q", "HEAD"]));
        watched.push("packed-refs".into());
        for rel in watched {
            if let Some(path) = resolve(&rel) {
                let path = manifest.join(path);
                if path.exists() {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
        }
    }
    println!(
        "cargo:rustc-env=DOSSIER_COMMIT={}",
        commit.as_deref().unwrap_or("unknown")
    );
}
