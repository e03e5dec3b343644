//! Waiting for a change to what a build reads, through `notify` (inotify on
//! Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows).
//!
//! 1. [`Watch::sync`]: watch the project root without recursion (`book.toml`,
//!    folders that appear) and `seeds/`, `templates/`, `static/` recursively,
//!    those that exist; drop watches on folders that went or were replaced.
//! 2. [`Watch::wait`]: block until an event other than an open or a read (the
//!    build's own reads of the seeds make those), then until [`DEBOUNCE`] passes
//!    with no further event (an editor's save or a `cp -r` is a burst), at most
//!    [`MAX_DELAY`] after the first.
//!
//! The caller then compares fingerprints (sizes and mtimes) to decide whether
//! anything changed. Where the OS watcher cannot be had (inotify's watch limit,
//! say) it says so once and [`Watch::wait`] falls back to a [`POLL`] interval.
//!
//! notify-debouncer-mini would do step 2, but it drops the event kind, so the
//! opens of every rebuild would wake it again without end.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

/// Quiet time that ends a burst of events: below what a person notices, above
/// the gap between the writes of one save.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// A steady stream of events (a long copy) still rebuilds this often.
pub const MAX_DELAY: Duration = Duration::from_millis(1000);
/// The fallback when no OS watcher can be had.
pub const POLL: Duration = Duration::from_millis(500);

type Events = Receiver<notify::Result<notify::Event>>;

pub struct Watch {
    watcher: Option<notify::RecommendedWatcher>,
    events: Events,
    /// Folder -> recursive.
    watched: BTreeMap<PathBuf, bool>,
    /// Watched folders that were removed or renamed: watched again at the next sync.
    stale: BTreeSet<PathBuf>,
    /// A watch could not be added: poll instead.
    polling: bool,
}

impl Watch {
    pub fn new() -> Watch {
        let (tx, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
            // The receiver is gone only when the server is stopping.
            let _ = tx.send(e);
        });
        let watcher = match watcher {
            Ok(w) => Some(w),
            Err(e) => {
                eprintln!(
                    "warning: cannot watch files ({e}); checking for changes every {POLL:?} instead"
                );
                None
            }
        };
        let polling = watcher.is_none();
        Watch {
            watcher,
            events,
            watched: BTreeMap::new(),
            stale: BTreeSet::new(),
            polling,
        }
    }

    /// Watch exactly those of `dirs` (folder, recursive) that exist.
    pub fn sync(&mut self, dirs: &[(PathBuf, bool)]) {
        let Some(watcher) = &mut self.watcher else {
            return;
        };
        let wanted: BTreeMap<PathBuf, bool> =
            dirs.iter().filter(|(d, _)| d.is_dir()).cloned().collect();
        let current: Vec<(PathBuf, bool)> =
            self.watched.iter().map(|(d, r)| (d.clone(), *r)).collect();
        for (dir, recursive) in current {
            if wanted.get(&dir) != Some(&recursive) || self.stale.contains(&dir) {
                // Fails when the folder is gone, which removed the watch anyway.
                let _ = watcher.unwatch(&dir);
                self.watched.remove(&dir);
            }
        }
        self.stale.clear();
        for (dir, recursive) in wanted {
            if self.watched.contains_key(&dir) {
                continue;
            }
            let mode = if recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            match watcher.watch(&dir, mode) {
                Ok(()) => {
                    self.watched.insert(dir, recursive);
                }
                Err(e) if !self.polling => {
                    eprintln!(
                        "warning: cannot watch {} ({e}); checking for changes every {POLL:?} instead",
                        dir.display()
                    );
                    self.polling = true;
                }
                Err(_) => {}
            }
        }
    }

    /// Block until something changed (or, when polling, for [`POLL`]).
    pub fn wait(&mut self) {
        if self.polling {
            std::thread::sleep(POLL);
            while self.events.try_recv().is_ok() {}
            return;
        }
        loop {
            match self.events.recv() {
                Ok(event) => {
                    if self.is_change(event) {
                        break;
                    }
                }
                Err(_) => {
                    // The watcher's thread is gone: nothing will arrive again.
                    self.polling = true;
                    return;
                }
            }
        }
        let first = Instant::now();
        loop {
            let left = MAX_DELAY.saturating_sub(first.elapsed());
            if left.is_zero() {
                return;
            }
            match self.events.recv_timeout(DEBOUNCE.min(left)) {
                Ok(event) => {
                    self.is_change(event);
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    /// Whether `event` may be a change; notes watched folders that went.
    fn is_change(&mut self, event: notify::Result<notify::Event>) -> bool {
        let event = match event {
            Ok(e) => e,
            // An overflowed queue and the like: something may have changed.
            Err(_) => return true,
        };
        if matches!(
            event.kind,
            EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(_))
        ) {
            for p in &event.paths {
                if self.watched.contains_key(p) {
                    self.stale.insert(p.clone());
                }
            }
        }
        is_change_kind(&event.kind)
    }
}

impl Default for Watch {
    fn default() -> Self {
        Watch::new()
    }
}

/// Opens, reads and closes without writing change nothing.
fn is_change_kind(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// What a build reads: (folder, recursive) pairs for [`Watch::sync`].
pub fn watched_dirs(root: &Path, seeds_dir: Option<&Path>) -> Vec<(PathBuf, bool)> {
    let mut dirs = vec![
        (root.to_path_buf(), false),
        (root.join("templates"), true),
        (root.join("static"), true),
    ];
    // book.toml names the seeds folder; until it loads, the default.
    let seeds = seeds_dir.map_or_else(|| root.join("seeds"), Path::to_path_buf);
    dirs.push((seeds, true));
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_not_changes_but_writes_are() {
        use notify::event::{CreateKind, DataChange};
        assert!(!is_change_kind(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change_kind(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change_kind(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change_kind(&EventKind::Create(CreateKind::File)));
        assert!(is_change_kind(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
    }

    #[test]
    fn wakes_on_a_new_file_and_not_on_reading_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "a").unwrap();
        let mut watch = Watch::new();
        if watch.polling {
            return; // no OS watcher on this machine: nothing to test
        }
        watch.sync(&[(dir.path().to_path_buf(), true)]);
        // Reading is not a change: wait() must not return within a second.
        let (done_tx, done_rx) = mpsc::channel();
        std::fs::read(dir.path().join("a.md")).unwrap();
        let path = dir.path().to_path_buf();
        let handle = std::thread::spawn(move || {
            watch.wait();
            done_tx.send(Instant::now()).unwrap();
            watch
        });
        assert!(
            done_rx.recv_timeout(Duration::from_millis(800)).is_err(),
            "a read woke the watcher"
        );
        let written = Instant::now();
        std::fs::write(path.join("b.md"), "b").unwrap();
        let woke = done_rx
            .recv_timeout(Duration::from_secs(5))
            .expect("a new file did not wake the watcher");
        assert!(woke.duration_since(written) >= DEBOUNCE);
        handle.join().unwrap();
    }
}
