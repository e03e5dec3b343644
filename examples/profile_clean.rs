//! Profiling harness for the cleaner: clean every `.txt`/`.md` file of the given
//! folders N times on one thread and print the throughput. With `--enrich` first, each
//! cleaned article is also enriched with the project's `book.toml` (as the bench's
//! `clean+enrich/*` and the build do).
//!
//!     cargo build --release --example profile_clean
//!     target/release/examples/profile_clean 300 ../shared/seeds
//!     target/release/examples/profile_clean --enrich 300 ../shared/seeds
//!     valgrind --tool=callgrind target/release/examples/profile_clean 40 ../shared/seeds
//!
//! Criterion (`cargo bench --bench clean`) is the measurement of record; this exists
//! because callgrind's instruction counts do not move when the machine is shared.

use std::path::PathBuf;

use dossier::clean::clean;
use dossier::config::Config;
use dossier::enrich::Enricher;
use dossier::load::LoadedSeed;
use dossier::model::SourceFormat;

fn main() {
    let mut args = std::env::args().skip(1).peekable();
    let enrich = args.next_if(|a| a == "--enrich").is_some();
    let Some(rounds) = args.next().and_then(|n| n.parse::<usize>().ok()) else {
        eprintln!("usage: profile_clean [--enrich] ROUNDS DIR...");
        std::process::exit(2);
    };
    let mut seeds = Vec::new();
    for dir in args {
        let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                eprintln!("{dir}: {e}");
                std::process::exit(1);
            }
        };
        paths.sort();
        for path in paths {
            let format = match path.extension().and_then(|x| x.to_str()) {
                Some("txt") => SourceFormat::Text,
                Some("md") => SourceFormat::Markdown,
                _ => continue,
            };
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            seeds.push(LoadedSeed {
                rel: path.display().to_string(),
                stem: String::new(),
                path,
                format,
                text,
            });
        }
    }
    let config =
        Config::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap_or_else(|e| {
            eprintln!("book.toml: {e:#}");
            std::process::exit(1);
        });
    let enricher = Enricher::new(&config);
    let bytes: usize = seeds.iter().map(|s| s.text.len()).sum();
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for s in &seeds {
            let mut article = clean(std::hint::black_box(s));
            if enrich {
                enricher.enrich(&mut article);
            }
            std::hint::black_box(article);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} files, {bytes} bytes x {rounds}: {:.1} MB/s",
        seeds.len(),
        (bytes * rounds) as f64 / secs / 1e6
    );
}
