//! A seed's stamp: what `stat` says of it and of its sidecar. A seed whose stamp is
//! the one the cache recorded is taken from the cache unread (as make, git and cargo
//! decide); the up-to-date check stamps every input the same way.

use std::path::Path;

use serde::{Deserialize, Serialize};

/// Size and modification time (ns since the epoch) of one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileStamp {
    pub len: u64,
    pub modified_ns: u64,
}

impl FileStamp {
    /// A file that is not there (or could not be read).
    pub const ABSENT: FileStamp = FileStamp {
        len: u64::MAX,
        modified_ns: u64::MAX,
    };

    pub fn of(path: &Path) -> FileStamp {
        match std::fs::metadata(path) {
            Ok(m) => FileStamp {
                len: m.len(),
                modified_ns: m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64),
            },
            Err(_) => FileStamp::ABSENT,
        }
    }
}

/// The stamps of a seed and of its sidecar ([`FileStamp::ABSENT`] when it has none).
/// (Two named pairs; bincode writes them as it wrote the `[u64; 4]` this was.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub seed: FileStamp,
    pub sidecar: FileStamp,
}

impl Stamp {
    /// Nothing on disk: a marker between the groups of files the up-to-date key hashes.
    pub const NONE: Stamp = Stamp {
        seed: FileStamp {
            len: 0,
            modified_ns: 0,
        },
        sidecar: FileStamp {
            len: 0,
            modified_ns: 0,
        },
    };

    /// The four numbers, in the order the up-to-date key hashes them.
    pub fn words(&self) -> [u64; 4] {
        [
            self.seed.len,
            self.seed.modified_ns,
            self.sidecar.len,
            self.sidecar.modified_ns,
        ]
    }
}

/// The [`Stamp`] of the seed at `path`, and of its sidecar if the seeds listing had one.
pub fn stamp(path: &Path, sidecar: bool) -> Stamp {
    Stamp {
        seed: FileStamp::of(path),
        sidecar: if sidecar {
            FileStamp::of(&crate::discover::sidecar_path(path))
        } else {
            FileStamp::ABSENT
        },
    }
}
