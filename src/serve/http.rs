//! The HTTP side of `dossier serve`: hyper (HTTP/1.1) on a small tokio runtime.
//!
//! 1. Accept a connection once one of [`MAX_CONNECTIONS`] permits is free
//!    (until then it waits in the kernel's backlog).
//! 2. hyper reads the request head: at most [`MAX_HEAD_BYTES`] (431 past that,
//!    414 for an over-long target) and [`MAX_HEADERS`] headers, within
//!    [`HEADER_TIMEOUT`]; the same timeout closes an idle keep-alive connection.
//! 3. A connection open for [`CONNECTION_LIFETIME`] finishes the request in
//!    hand and is closed, so no client holds a permit for ever.
//! 4. The target is resolved ([`super::target`]) and looked up in the
//!    in-memory site; only `GET` and `HEAD` are served.
//! 5. HTML pages get the reload script and, after a failed rebuild, the error.

use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{HeaderValue, ALLOW, CACHE_CONTROL, CONTENT_TYPE, LOCATION};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};

use super::target::{self, Target};
use super::ServedSite;

/// A browser opens at most 6 connections to a host; a few tabs with their reload
/// pollers need a few dozen. Connections are tasks, not threads, so this bounds
/// memory (at most this many head buffers of [`MAX_HEAD_BYTES`]: 16 MiB).
pub const MAX_CONNECTIONS: usize = 256;
/// The request line and headers together. hyper's default is about 400 KiB;
/// the site's longest URL is under 1 KiB and a local browser sends a few
/// hundred bytes of headers.
pub const MAX_HEAD_BYTES: usize = 64 * 1024;
/// hyper's default is 100.
pub const MAX_HEADERS: usize = 64;
/// hyper's default is 30 s; a client on this machine sends its head at once.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// Then the connection is closed after its current request (browsers reconnect
/// transparently); [`SHUTDOWN_GRACE`] bounds that last request.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

const RELOAD_JS: &str = "(function(){var v=null;function poll(){fetch('/__dossier/version',{cache:'no-store'}).then(function(r){return r.text()}).then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){}).finally(function(){setTimeout(poll,400)})}poll()})();";

/// Serve `state` on `listener` until the process ends.
pub fn run(listener: std::net::TcpListener, state: Arc<RwLock<ServedSite>>) -> anyhow::Result<()> {
    use anyhow::Context;
    listener
        .set_nonblocking(true)
        .context("making the listening socket non-blocking")?;
    // Two workers: the machine's cores belong to the rebuilds.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("dossier-http")
        .enable_all()
        .build()
        .context("starting the HTTP runtime")?;
    runtime.block_on(async {
        let listener =
            tokio::net::TcpListener::from_std(listener).context("registering the listener")?;
        accept_loop(listener, state).await
    })
}

async fn accept_loop(
    listener: tokio::net::TcpListener,
    state: Arc<RwLock<ServedSite>>,
) -> anyhow::Result<()> {
    let permits = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_headers(MAX_HEADERS);
    loop {
        let permit = Arc::clone(&permits).acquire_owned().await?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors and the like: the next accept may work.
                eprintln!("serve: accepting a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let state = Arc::clone(&state);
        let service = hyper::service::service_fn(move |req: Request<hyper::body::Incoming>| {
            let response = respond(req.method(), req.uri().path(), &state);
            async move { Ok::<_, Infallible>(response) }
        });
        let conn = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = tokio::time::sleep(CONNECTION_LIFETIME) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(SHUTDOWN_GRACE, conn).await;
                }
            }
            drop(permit);
        });
    }
}

/// The response to `method path` from the current site.
pub fn respond(method: &Method, path: &str, state: &RwLock<ServedSite>) -> Response<Full<Bytes>> {
    if *method != Method::GET && *method != Method::HEAD {
        let mut r = plain(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut()
            .insert(ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let target = match target::resolve(path) {
        Ok(t) => t,
        Err(bad) => {
            let status = StatusCode::from_u16(bad.status()).unwrap_or(StatusCode::BAD_REQUEST);
            return plain(status, &format!("{}\n", bad.message()));
        }
    };
    let site = match state.read() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    let (path, dir) = match target {
        Target::Version => return plain(StatusCode::OK, &site.version.to_string()),
        Target::ReloadScript => {
            return with_type(
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                RELOAD_JS.into(),
            )
        }
        Target::Site { path, dir } => (path, dir),
    };
    let name = if path.is_empty() || dir {
        format!("{path}/index.html")
            .trim_start_matches('/')
            .to_string()
    } else {
        path.clone()
    };
    if let Some(bytes) = site.files.get(&name) {
        let body = decorate_if_html(&name, bytes.clone(), site.error.as_deref());
        return with_type(StatusCode::OK, content_type(&name), body);
    }
    // A folder named without its slash: relative links in its index.html only
    // work from `/folder/`, so send the browser there.
    if !dir && site.files.contains_key(&format!("{path}/index.html")) {
        let mut r = plain(StatusCode::MOVED_PERMANENTLY, "");
        let location = format!("/{}/", target::encode(&path));
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(LOCATION, v);
        }
        return r;
    }
    let page = match site.files.get("404.html") {
        Some(page) => page.clone(),
        None if site.files.is_empty() => Bytes::from_static(NO_SITE_YET.as_bytes()),
        None => {
            Bytes::from_static(b"<!doctype html><title>Not found</title><body>Not found</body>")
        }
    };
    let body = decorate(&page, site.error.as_deref());
    with_type(StatusCode::NOT_FOUND, "text/html; charset=utf-8", body)
}

/// What every path shows when no build has succeeded yet (the error follows).
const NO_SITE_YET: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>dossier: no site yet</title></head><body><p>dossier: no build has succeeded yet.</p></body></html>";

fn plain(status: StatusCode, text: &str) -> Response<Full<Bytes>> {
    with_type(
        status,
        "text/plain; charset=utf-8",
        Bytes::copy_from_slice(text.as_bytes()),
    )
}

fn with_type(status: StatusCode, ctype: &'static str, body: Bytes) -> Response<Full<Bytes>> {
    let mut r = Response::new(Full::new(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(ctype));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn decorate_if_html(name: &str, body: Bytes, error: Option<&str>) -> Bytes {
    if content_type(name).starts_with("text/html") {
        decorate(&body, error)
    } else {
        body
    }
}

/// Add the reload script, and the build error (escaped) when the last build failed:
/// a banner at the top of the page, styled by the theme's stylesheet
/// (`.dossier-build-error` in `static/style.css`), since the pages' Content-Security-Policy
/// (`style-src 'self'`) blocks inline styles. The message is in a `<pre>`, so the
/// caret lines under the offending line stay lined up even with no stylesheet at all.
pub fn decorate(body: &[u8], error: Option<&str>) -> Bytes {
    let html = String::from_utf8_lossy(body);
    let script = "<script src=\"/__dossier/reload.js\"></script>";
    // `rfind` gives the start of an ASCII match: always a char boundary.
    let mut out = match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    };
    if let Some(e) = error {
        let banner = format!(
            "<div role=\"alert\" class=\"dossier-build-error\"><p><strong>dossier: the last rebuild failed; showing the previous site.</strong> Fix the file named below and save it: this page reloads by itself.</p><pre>{}</pre></div>",
            crate::base::html::escape_html(e)
        );
        let at = body_start(&out).unwrap_or(0);
        out.insert_str(at, &banner);
    }
    Bytes::from(out)
}

/// Where the content of `<body>` starts: just after its start tag (ASCII, so a char
/// boundary). `None` for a page with no `<body>` tag.
fn body_start(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<body") {
        let tag = from + i;
        let after = lower.as_bytes().get(tag + 5).copied();
        if matches!(after, Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')) {
            return lower[tag..].find('>').map(|end| tag + end + 1);
        }
        from = tag + 5;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_banner_opens_the_body_with_a_class_and_no_inline_style() {
        let page =
            b"<html><head><title>t</title></head><body class=\"x\"><main>m</main></body></html>";
        let out = decorate(
            page,
            Some("book.toml: line 3\n  |\n3 | [site\n  |  ^ <bad>"),
        );
        let out = String::from_utf8(out.to_vec()).unwrap();
        assert!(
            out.contains("<body class=\"x\"><div role=\"alert\" class=\"dossier-build-error\">"),
            "{out}"
        );
        assert!(out.contains("<pre>book.toml: line 3\n  |\n3 | [site\n  |  ^ &lt;bad&gt;</pre>"));
        assert!(!out.contains("style="), "{out}");
        assert!(out.contains("<script src=\"/__dossier/reload.js\"></script></body>"));
    }

    #[test]
    fn a_page_without_a_body_tag_gets_the_banner_first() {
        let out = decorate(b"<p>bare</p>", Some("e"));
        assert!(out.starts_with(b"<div role=\"alert\" class=\"dossier-build-error\">"));
        assert_eq!(body_start("<bodyguard><body>"), Some(17));
    }
}
