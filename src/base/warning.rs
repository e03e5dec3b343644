//! A per-seed problem: reported with the file name, never fatal to the build.

use std::path::{Path, PathBuf};

/// A per-seed problem: reported with the file name, never fatal to the build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub path: PathBuf,
    pub message: String,
    /// The file could not be read or stored (permissions, a full disk): not something
    /// its size and modification time tell, so a build with such a warning is never
    /// taken as up to date by the next (see `uptodate`).
    pub io: bool,
}

impl Warning {
    pub fn new(path: &Path, message: String) -> Warning {
        Warning {
            path: path.to_path_buf(),
            message,
            io: false,
        }
    }

    /// A warning for a file that could not be read or stored.
    pub fn io(path: &Path, message: String) -> Warning {
        Warning {
            io: true,
            ..Warning::new(path, message)
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}
