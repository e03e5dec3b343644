//! A `dossier serve` child process for one test, and raw HTTP against it.
//! Every wait is bounded; only 127.0.0.1 is ever connected to.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn project_from(name: &str) -> tempfile::TempDir {
    let from = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&from, tmp.path());
    tmp
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A running `dossier serve --port 0`, killed when dropped (also when a test fails).
pub struct Server {
    child: Child,
    pub port: u16,
    /// The URL it printed ("serving ROOT at URL").
    pub url: String,
    logs: tempfile::TempDir,
}

impl Server {
    /// Start serving `root` (extra args such as `--host`) and wait, at most
    /// 60 s, for the first build to finish.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let logs = tempfile::tempdir().unwrap();
        let out = std::fs::File::create(logs.path().join("stdout")).unwrap();
        let err = std::fs::File::create(logs.path().join("stderr")).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
            .args(extra)
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .spawn()
            .unwrap();
        let mut server = Server {
            child,
            port: 0,
            url: String::new(),
            logs,
        };
        let started = Instant::now();
        loop {
            let stdout = server.stdout();
            if let Some(url) = stdout.lines().find_map(|l| {
                l.strip_prefix("serving ")
                    .and_then(|l| l.rsplit(" at ").next())
            }) {
                server.url = url.trim_end_matches(" (Ctrl-C to stop)").to_string();
                break;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("serve exited with {status}: {}", server.stderr());
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "serve did not start: {}",
                server.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let port = server.url.rsplit(':').next().unwrap().trim_end_matches('/');
        server.port = port.parse().unwrap();
        server
    }

    pub fn stdout(&self) -> String {
        std::fs::read_to_string(self.logs.path().join("stdout")).unwrap_or_default()
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(self.logs.path().join("stderr")).unwrap_or_default()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// `GET path` with `Connection: close`: (status, body), or None if the
    /// server did not answer within 10 s.
    pub fn get(&self, path: &str) -> Option<(u16, String)> {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        raw(self.port, request.as_bytes())
    }

    /// Poll `GET path` every 50 ms until `ok(status, body)` or `limit` passes.
    pub fn wait_for(&self, path: &str, limit: Duration, ok: impl Fn(u16, &str) -> bool) -> bool {
        let started = Instant::now();
        while started.elapsed() < limit {
            if self.get(path).is_some_and(|(s, b)| ok(s, &b)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Send `request` as is; (status, body) of the answer, None if there was none
/// within 10 s.
pub fn raw(port: u16, request: &[u8]) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    s.write_all(request).ok()?;
    read_response(&mut s)
}

pub fn read_response(s: &mut TcpStream) -> Option<(u16, String)> {
    let mut bytes = Vec::new();
    // A reset after the answer (the server closing on unread input) still
    // leaves the answer in `bytes`.
    let _ = s.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// The process's peak resident memory in KiB (Linux `VmHWM`).
pub fn peak_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}
