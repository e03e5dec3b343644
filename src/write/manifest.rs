//! The manifest: which output files dossier wrote, with the hash of each file's
//! bytes and of its inputs, sealed with a checksum; and the names of old work files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// What the manifest records per file: the hash of its bytes and of the inputs it was
/// rendered from (0: not recorded).
pub(crate) type ManifestEntry = (u64, u64);

/// Left inside the output by dossier versions that rebuilt in place, with their
/// `.<file>.dossier-new` and `.<file>.dossier-old` files: never written now, and
/// never carried into a new site (see [`is_work_file`]).
pub(crate) const MARKER: &str = ".dossier-incomplete";

/// Names of work files older dossier versions left inside the output.
pub(super) fn is_work_file(name: &str) -> bool {
    name == MARKER
        || (name.starts_with('.')
            && (name.ends_with(".dossier-new") || name.ends_with(".dossier-old")))
}

/// The manifest a commit saves before its swap: renamed over the manifest after it.
pub(super) fn pending_path(manifest_path: &Path) -> PathBuf {
    let mut p = manifest_path.as_os_str().to_os_string();
    p.push(".pending");
    PathBuf::from(p)
}

pub(crate) fn read_manifest(path: &Path) -> Option<HashMap<String, ManifestEntry>> {
    let sealed = std::fs::read(path).ok()?;
    let Some(json) = crate::checksum::open(&sealed) else {
        crate::checksum::note(path);
        return None;
    };
    serde_json::from_slice(json).ok()
}

/// Save the manifest at `path`, sealed with its checksum (see [`read_manifest`]).
pub(crate) fn write_manifest(
    path: &Path,
    manifest: &std::collections::BTreeMap<String, ManifestEntry>,
) -> Result<()> {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).with_context(|| format!("creating {}", p.display()))?;
    }
    let sealed = crate::checksum::seal(serde_json::to_vec(manifest)?);
    std::fs::write(path, sealed).with_context(|| format!("writing {}", path.display()))
}
