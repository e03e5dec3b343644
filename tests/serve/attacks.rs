//! Issue 15, item 9: what an attacker (or an unlucky edit) does to `serve`.
//! Each test starts its own server on 127.0.0.1 and bounds every wait.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::{peak_rss_kib, project_from, raw, read_response, Server};

fn started() -> (tempfile::TempDir, Server) {
    let project = project_from("site");
    let server = Server::start(project.path(), &[]);
    assert!(
        server.wait_for("/", Duration::from_secs(20), |s, b| s == 200
            && b.contains("Tariff talks resume")),
        "server did not serve the site: {}",
        server.stderr()
    );
    (project, server)
}

fn request(target: &[u8]) -> Vec<u8> {
    let mut r = b"GET ".to_vec();
    r.extend_from_slice(target);
    r.extend_from_slice(b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    r
}

#[test]
fn malformed_percent_escapes_are_a_400_and_the_server_lives_on() {
    let (_project, mut server) = started();
    for target in [
        &b"/%\xe2\x82\xac"[..], // `GET /%€`: panicked at serve.rs:249 before
        b"/%",
        b"/%4",
        b"/a%zz",
        b"/%C3",    // a lone UTF-8 lead byte
        b"/%e2%82", // a cut-off character
    ] {
        let shown = String::from_utf8_lossy(target);
        let answer = raw(server.port, &request(target));
        assert_eq!(answer.map(|(s, _)| s), Some(400), "{shown}");
    }
    assert!(server.is_running(), "{}", server.stderr());
    assert_eq!(server.get("/").map(|(s, _)| s), Some(200));
    assert!(!server.stderr().contains("panicked"), "{}", server.stderr());
}

#[test]
fn path_traversal_is_refused_in_every_spelling() {
    let (project, server) = started();
    let book = std::fs::read_to_string(project.path().join("book.toml")).unwrap();
    assert!(book.contains("[[topics]]"));
    for target in [
        "/../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E%2Fbook.toml",
        "/.%2e/book.toml",
        "/%2e./book.toml",
        "/articles/..%2f..%2fbook.toml",
        "/..%5cbook.toml",
        "/..\\book.toml",
        "/a/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/index.html%00.txt",
        "/%c0%ae%c0%ae/book.toml", // overlong UTF-8 for `.`
        "http://localhost/../book.toml",
    ] {
        let (status, body) = raw(server.port, &request(target.as_bytes()))
            .unwrap_or_else(|| panic!("no answer to {target}"));
        assert!(status == 400 || status == 403, "{target}: {status}\n{body}");
        assert!(!body.contains("[[topics]]"), "{target} showed book.toml");
    }
    // Names that only look odd are still looked up, and are simply not there.
    for target in [
        "//etc/passwd",
        "/%252e%252e/book.toml",
        "/seeds/hugo-post.md",
    ] {
        let (status, body) = server.get(target).unwrap();
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("root:x:0:0") && !body.contains("[[topics]]"));
    }
}

#[test]
fn a_folder_without_its_slash_redirects_and_other_methods_are_refused() {
    let (_project, server) = started();
    let article = "/articles/tariff-talks-resume-in-washington";
    let (status, _) = server.get(article).unwrap();
    assert_eq!(status, 301);
    assert_eq!(
        server.get(&format!("{article}/")).map(|(s, _)| s),
        Some(200)
    );
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {article} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut head = String::new();
    let _ = s.read_to_string(&mut head);
    assert!(
        head.contains(&format!("location: {article}/\r\n")),
        "{head}"
    );
    let answer = raw(
        server.port,
        b"DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(answer.map(|(s, _)| s), Some(405));
}

#[test]
fn an_oversized_request_line_is_refused_and_memory_stays_bounded() {
    let (_project, mut server) = started();
    let before = peak_rss_kib(server.pid());
    // 32 MiB of request line, in 64 KiB writes; the server stops reading
    // after its head limit (64 KiB), so the writes soon fail.
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let sending = Instant::now();
    let mut sent = 0usize;
    let _ = s.write_all(b"GET /");
    while sent < 32 << 20 && sending.elapsed() < Duration::from_secs(20) {
        if s.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    // An answer, if the server managed to send one before closing, is a
    // refusal; a closed connection is also fine.
    if let Some((status, _)) = read_response(&mut s) {
        assert!(matches!(status, 400 | 414 | 431), "{status}");
    }
    assert!(
        sent < 32 << 20,
        "the server read all {sent} bytes of a 32 MiB request line"
    );
    // Too many headers is refused as well.
    let mut many = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n".to_vec();
    for i in 0..500 {
        many.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
    }
    many.extend_from_slice(b"\r\n");
    assert_eq!(raw(server.port, &many).map(|(s, _)| s), Some(431));
    assert!(server.is_running());
    assert_eq!(server.get("/").map(|(s, _)| s), Some(200));
    if let (Some(before), Some(after)) = (before, peak_rss_kib(server.pid())) {
        // Before, the request line was read into one String: 32 MiB and more.
        assert!(
            after.saturating_sub(before) < 16 * 1024,
            "peak memory grew from {before} KiB to {after} KiB"
        );
    }
}

#[test]
fn idle_connections_neither_exhaust_the_server_nor_stay_open() {
    let (_project, server) = started();
    // The attack of issue 15: 200 connections that never send a byte held 200 threads.
    let opened = Instant::now();
    let idle: Vec<TcpStream> = (0..200)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    // And one that sends half a request head, then nothing (slowloris).
    let mut slow = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
    let asked = Instant::now();
    let answer = server.get("/");
    assert_eq!(answer.map(|(s, _)| s), Some(200));
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "a request behind 200 idle connections took {:?}",
        asked.elapsed()
    );
    // The server closes idle connections after its header timeout (5 s).
    for mut s in idle.into_iter().take(3).chain([slow]) {
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut buf = [0u8; 256];
        let closed = loop {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => break opened.elapsed(),
                Ok(_) => {}
            }
        };
        assert!(
            closed < Duration::from_secs(15),
            "an idle connection stayed open {closed:?}"
        );
    }
}

#[test]
fn the_rebuild_loop_survives_a_broken_config_and_recovers_once_it_is_fixed() {
    let (project, server) = started();
    let book = project.path().join("book.toml");
    let good = std::fs::read_to_string(&book).unwrap();
    std::fs::write(&book, format!("{good}\n[site\n")).unwrap();
    assert!(
        server.wait_for("/", Duration::from_secs(10), |s, b| s == 200
            && b.contains("dossier-build-error")
            && b.contains("book.toml")
            && b.contains("Tariff talks resume")),
        "the config error was not shown over the last good site: {}",
        server.stderr()
    );
    assert!(server.stderr().contains("error: "), "{}", server.stderr());
    std::fs::write(&book, &good).unwrap();
    std::fs::write(
        project.path().join("seeds/after-fix.md"),
        "---\ntitle: \"Ports reopen after the fix\"\ndate: 2025-09-02\n---\n\nThe ports reopened on Tuesday.\n",
    )
    .unwrap();
    assert!(
        server.wait_for("/", Duration::from_secs(10), |_, b| b
            .contains("Ports reopen after the fix")
            && !b.contains("dossier-build-error")),
        "no recovery after the fix: {}",
        server.stderr()
    );
}

#[test]
fn a_seed_that_panics_a_rebuild_does_not_stop_later_rebuilds() {
    let (project, server) = started();
    let version = |s: &Server| s.get("/__dossier/version").map(|(_, b)| b);
    let v0 = version(&server);
    // Issue 15, item 1: this sentence panicked the entity pass (a byte index
    // inside "é"). If that is fixed, the rebuild simply succeeds; either way
    // the rebuild thread must go on.
    std::fs::write(
        project.path().join("seeds/korea.md"),
        "Korea and Japan\n\nSouth Koréa's GDP is large.\n",
    )
    .unwrap();
    assert!(
        server.wait_for("/__dossier/version", Duration::from_secs(10), |_, b| Some(
            b.to_string()
        )
            != v0),
        "no rebuild after the seed was added"
    );
    let stderr = server.stderr();
    if stderr.contains("panicked at") {
        assert!(stderr.contains("error: the rebuild panicked: "), "{stderr}");
        assert!(server.wait_for("/", Duration::from_secs(5), |_, b| b
            .contains("the rebuild panicked")));
    }
    std::fs::write(
        project.path().join("seeds/korea.md"),
        "Korea and Japan\n\nSouth Korea's economy grew.\n",
    )
    .unwrap();
    std::fs::write(
        project.path().join("seeds/later.md"),
        "---\ntitle: \"A later seed still appears\"\ndate: 2025-09-03\n---\n\nIt does.\n",
    )
    .unwrap();
    assert!(
        server.wait_for("/", Duration::from_secs(10), |_, b| b
            .contains("A later seed still appears")
            && !b.contains("dossier-build-error")),
        "the rebuild thread did not go on: {}",
        server.stderr()
    );
}

#[test]
fn a_wildcard_host_warns_and_links_to_loopback() {
    let project = project_from("site");
    // Listens on every interface for the few seconds of the test; the test
    // itself only connects to 127.0.0.1.
    let server = Server::start(project.path(), &["--host", "0.0.0.0"]);
    let url = format!("http://127.0.0.1:{}/", server.port);
    assert_eq!(server.url, url, "{}", server.stdout());
    assert!(
        server
            .stderr()
            .contains(&format!("warning: serving on 0.0.0.0:{}", server.port)),
        "{}",
        server.stderr()
    );
    let (status, feed) = server.get("/feed.xml").unwrap();
    assert_eq!(status, 200);
    assert!(feed.contains(&url), "{feed}");
    assert!(!feed.contains("0.0.0.0"), "{feed}");
    let (_, home) = server.get("/").unwrap();
    assert!(!home.contains("0.0.0.0"), "{home}");
}
