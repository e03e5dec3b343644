//! `dossier serve` end to end. A test binary of its own (not a module of
//! `tests/dossier`): its 2-second bound must not compete for the CPU with the
//! dozens of builds the other integration tests run in parallel.

mod attacks;
mod support;

use std::time::{Duration, Instant};

use support::{project_from, Server};

#[test]
fn serve_shows_a_new_seed_on_the_home_page_within_two_seconds() {
    let project = project_from("site");
    let server = Server::start(project.path(), &[]);
    assert!(
        server.wait_for("/", Duration::from_secs(20), |_, b| b
            .contains("Tariff talks resume")),
        "server did not start: {}",
        server.stderr()
    );
    std::fs::write(
        project.path().join("seeds/breaking.md"),
        "---\ntitle: \"Breaking: summit moved to Busan\"\ndate: 2025-09-01\n---\n\nThe summit was moved to Busan, officials said on Monday.\n",
    )
    .unwrap();
    let added = Instant::now();
    let seen = loop {
        if server
            .get("/")
            .is_some_and(|(_, b)| b.contains("Breaking: summit moved to Busan"))
        {
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
    let error_shown = server.wait_for("/", Duration::from_secs(4), |_, b| {
        b.contains("dossier-build-error") && b.contains("Breaking: summit moved to Busan")
    });
    assert!(
        seen <= Duration::from_secs(2),
        "new seed appeared after {seen:?}"
    );
    assert!(
        error_shown,
        "template error not shown while serving the last good site"
    );
}
