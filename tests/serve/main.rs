//! `dossier serve` end to end. A test binary of its own (not a module of
//! `tests/dossier`): its 2-second bound must not compete for the CPU with the
//! dozens of builds the other integration tests run in parallel.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn project_from(name: &str) -> tempfile::TempDir {
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn get(port: u16, path: &str) -> Option<String> {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut body = String::new();
    s.read_to_string(&mut body).ok()?;
    Some(body)
}

#[test]
fn serve_shows_a_new_seed_on_the_home_page_within_two_seconds() {
    let project = project_from("site");
    let port = free_port();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "serve",
            "--root",
            project.path().to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while get(port, "/").is_none_or(|b| !b.contains("Tariff talks resume")) {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::write(
        project.path().join("seeds/breaking.md"),
        "---\ntitle: \"Breaking: summit moved to Busan\"\ndate: 2025-09-01\n---\n\nThe summit was moved to Busan, officials said on Monday.\n",
    )
    .unwrap();
    let added = Instant::now();
    let seen = loop {
        if get(port, "/").is_some_and(|b| b.contains("Breaking: summit moved to Busan")) {
            break added.elapsed();
        }
        if added.elapsed() > Duration::from_secs(2) {
            break added.elapsed();
        }
        std::thread::sleep(Duration::from_millis(25));
    };
    // A bad template shows the error in the page and the server keeps running.
    std::fs::create_dir_all(project.path().join("templates")).unwrap();
    std::fs::write(
        project.path().join("templates/index.html"),
        "{% extends \"base.html\" %}{% block main %}{{ oops(}}{% endblock main %}",
    )
    .unwrap();
    let mut error_shown = false;
    for _ in 0..80 {
        if get(port, "/").is_some_and(|b| {
            b.contains("dossier-build-error") && b.contains("Breaking: summit moved to Busan")
        }) {
            error_shown = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen <= Duration::from_secs(2),
        "new seed appeared after {seen:?}"
    );
    assert!(
        error_shown,
        "template error not shown while serving the last good site"
    );
}
