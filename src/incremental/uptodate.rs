//! Up to date: a build whose inputs are those the output was last built from, with
//! that output still whole, has nothing to do (like `make` with nothing newer).
//!
//! The inputs, hashed into one key: the renderer's fingerprint (this binary, the
//! templates, `book.toml`, the site settings and flags), every seed's path and
//! [`Stamp`](crate::cache::Stamp) (size and modification time, its sidecar's too), and
//! the same for the user's `static/` files. After each successful build the key is
//! saved beside the output's manifest with what the build reported and each output
//! file's size and modification time; a build whose key matches, whose output has
//! no unfinished-rebuild marker and still holds every file the manifest lists with
//! the bytes it lists (see [`verify_output`]), reports that and stops. Every build
//! verifies the output so: a file changed by hand is written again. Without this, a build with nothing
//! changed still decoded the whole cache and re-derived the site model to find that
//! no page differs (0.7-0.9 s at 10,000 articles, 10 s at 100,000).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::stamp::{stamp, Stamp};
use crate::base::warning::Warning;
use crate::config::Config;
use crate::discover::SeedFile;

/// What a build reported, saved with its inputs' key.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub key: u64,
    pub articles: usize,
    pub pages: usize,
    /// Files in the output (all of them unchanged by a build that finds nothing to do).
    pub files: usize,
    /// Per-seed warnings, reported again by a build that finds nothing to do.
    pub warnings: Vec<(PathBuf, String)>,
    /// Each output file's size and modification time (ns) once the build had
    /// written it, by path: what tells a file changed since (see [`verify_output`]).
    pub stamps: HashMap<String, [u64; 2]>,
}

fn record_path(config: &Config) -> PathBuf {
    super::cache::manifest_path(config).with_extension("inputs.bin")
}

/// The key of everything a build of `config` reads (see the module notes); `None`
/// when some of it cannot be listed (the full build then says what is wrong).
pub fn inputs_key(
    config: &Config,
    fingerprint: u64,
    (seeds, found_warnings): (&[SeedFile], &[Warning]),
    stamps: &[Stamp],
    others: &[std::path::PathBuf],
) -> Option<u64> {
    let mut bytes: Vec<u8> = fingerprint.to_le_bytes().to_vec();
    // What discovery warned about (files it skipped): the build reports those too.
    for w in found_warnings {
        bytes.extend_from_slice(w.to_string().as_bytes());
        bytes.push(0);
    }
    let mut add = |path: &Path, stamp: &Stamp| {
        bytes.extend_from_slice(path.as_os_str().as_encoded_bytes());
        bytes.push(0);
        stamp
            .words()
            .iter()
            .for_each(|x| bytes.extend_from_slice(&x.to_le_bytes()));
    };
    for (seed, stamp) in seeds.iter().zip(stamps) {
        add(&seed.path, stamp);
    }
    // Files beside the seeds: an article's images are copied from there.
    add(Path::new("\0others"), &Stamp::NONE);
    for path in others {
        add(path, &stamp(path, false));
    }
    add(Path::new("\0static"), &Stamp::NONE);
    let static_dir = config.root.join("static");
    for path in crate::discover::user_static_files(&static_dir).ok()? {
        add(&path, &stamp(&path, false));
    }
    Some(crate::base::hash::hash_bytes(&[&bytes]))
}

/// Size and modification time (ns) of the file `meta` describes.
fn file_stamp(meta: &std::fs::Metadata) -> [u64; 2] {
    let ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    [meta.len(), ns]
}

/// Whether the output is as its last build left it: a manifest whose checksum holds,
/// no marker of an unfinished rebuild, and every file the manifest lists there with
/// the bytes it lists. A file whose size and modification time are those recorded
/// after the last build (`stamps`) is taken as it was written; any other is hashed
/// and compared with the manifest (a `touch` changes nothing). A file changed since
/// (a page cut short by hand, an overwritten `style.css`) is noted and its manifest
/// entry made one that matches no file, so the build writes it again; a damaged
/// manifest is removed (and noted), so the build replaces the output whole.
/// Checked in parallel; the cost is a `stat` per file when nothing was touched.
pub fn verify_output(config: &Config, stamps: Option<&HashMap<String, [u64; 2]>>) -> bool {
    use rayon::prelude::*;
    let out = &config.output_dir;
    let manifest_path = super::cache::manifest_path(config);
    if out.join(crate::write::MARKER).exists() || !manifest_path.exists() {
        // The build replaces an unfinished rebuild's output whole (see `write`).
        return false;
    }
    let Some(manifest) = crate::write::read_manifest(&manifest_path) else {
        // Left in place: the build then replaces the output whole (`write::Staging`).
        return false;
    };
    let mut missing = false;
    let mut changed: Vec<String> = manifest
        .par_iter()
        .filter_map(|(rel, &(hash, _))| {
            let path = out.join(rel);
            let meta = match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => m,
                // A missing file is written again by the build (`write::Staging` checks).
                _ => return Some((rel, None)),
            };
            let recorded = stamps.and_then(|s| s.get(rel));
            if recorded == Some(&file_stamp(&meta)) {
                return None;
            }
            let same =
                std::fs::read(&path).is_ok_and(|b| crate::base::hash::hash_bytes(&[&b]) == hash);
            (!same).then_some((rel, Some(())))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|(rel, there)| {
            missing |= there.is_none();
            there.map(|()| rel.clone())
        })
        .collect();
    if changed.is_empty() {
        return !missing && !manifest.is_empty();
    }
    changed.sort();
    const SHOWN: usize = 10;
    for rel in changed.iter().take(SHOWN) {
        eprintln!(
            "note: {}: changed since dossier wrote it, writing it again",
            out.join(rel).display()
        );
    }
    if changed.len() > SHOWN {
        eprintln!(
            "note: and {} more output files changed since dossier wrote them",
            changed.len() - SHOWN
        );
    }
    // Hash 0 with no input key: never the bytes of a page, never a page to keep, and
    // still listed, so a file the build no longer makes is removed.
    let mut manifest: std::collections::BTreeMap<_, _> = manifest.into_iter().collect();
    for rel in changed {
        manifest.insert(rel, (0, 0));
    }
    if crate::write::write_manifest(&manifest_path, &manifest).is_err() {
        let _ = std::fs::remove_file(&manifest_path);
    }
    false
}

/// The last build's record, when its checksum holds (a damaged one is noted).
fn read_record(config: &Config) -> Option<Record> {
    let path = record_path(config);
    let sealed = std::fs::read(&path).ok()?;
    let Some(bytes) = crate::checksum::open(&sealed) else {
        crate::checksum::note(&path);
        return None;
    };
    bincode::deserialize(bytes).ok()
}

/// Verify the output (see [`verify_output`], which prepares the build to repair
/// it), then the last build's record when its key is `key` and its output is whole.
pub fn check(config: &Config, key: Option<u64>) -> Option<Record> {
    let record = read_record(config);
    let whole = verify_output(config, record.as_ref().map(|r| &r.stamps));
    let record = record?;
    (whole && Some(record.key) == key).then_some(record)
}

/// What a build made, as its one-line summary reports it.
#[derive(Debug, Clone, Copy)]
pub struct Counts {
    pub articles: usize,
    pub pages: usize,
    /// Files in the output, written or kept.
    pub files: usize,
}

/// Forget the last build's record: called before a commit changes the output, so a
/// build killed from then on cannot leave a record that describes another output.
pub fn forget(config: &Config) {
    let _ = std::fs::remove_file(record_path(config));
}

/// Save a successful build's record (best effort: without it the next build runs in
/// full and hashes every output file to verify it). Called once the output is
/// committed: the stamps of its files are taken now.
pub fn save(config: &Config, key: u64, counts: Counts, warnings: &[Warning]) {
    use rayon::prelude::*;
    let Counts {
        articles,
        pages,
        files,
    } = counts;
    let Some(manifest) = crate::write::read_manifest(&super::cache::manifest_path(config)) else {
        return;
    };
    let out = &config.output_dir;
    let stamps = manifest
        .into_par_iter()
        .filter_map(|(rel, _)| {
            let meta = std::fs::metadata(out.join(&rel)).ok()?;
            Some((rel, file_stamp(&meta)))
        })
        .collect();
    let record = Record {
        key,
        articles,
        pages,
        files,
        warnings: warnings
            .iter()
            .map(|w| (w.path.clone(), w.message.clone()))
            .collect(),
        stamps,
    };
    if let Ok(bytes) = bincode::serialize(&record) {
        let _ = std::fs::write(record_path(config), crate::checksum::seal(bytes));
    }
}
