//! Throughput of the cleaning stage, single-threaded (`cargo bench --bench clean`).
//!
//! 1. Inputs: the five real page dumps in `../shared/seeds` (or the project's `seeds/`
//!    when shared/ is not beside it), and a few articles from the benchmark corpus
//!    (`bench/corpus.rs`) as page dumps and as Markdown.
//! 2. `clean/*`: `dossier::clean::clean` on each input set, bytes of input per second.
//! 3. `clean+enrich/*`: the same followed by `Enricher::enrich` (dates and topics) with
//!    the default configuration, which is what the build does per seed.
//!
//! Criterion runs one thread, so the MB/s it prints are per core.

// Shared with examples/gen_corpus.rs, which uses the parts this bench does not.
#[allow(dead_code, unused_imports)]
#[path = "../bench/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use dossier::clean::clean;
use dossier::config::Config;
use dossier::enrich::Enricher;
use dossier::load::LoadedSeed;
use dossier::model::SourceFormat;

/// How many generated articles each generated set holds.
const GENERATED: u64 = 8;

fn seed(path: PathBuf, format: SourceFormat, text: String) -> LoadedSeed {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    LoadedSeed {
        rel: path.display().to_string(),
        path,
        stem,
        format,
        text,
    }
}

/// The real seeds: shared/seeds beside the project, else the project's own seeds/.
fn real_seeds() -> Vec<LoadedSeed> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/seeds");
    let dir = if shared.is_dir() {
        shared
    } else {
        root.join("seeds")
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no .txt seeds in {}", dir.display());
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .unwrap_or_else(|e| panic!("reading {}: {e}", p.display()));
            seed(p, SourceFormat::Text, text)
        })
        .collect()
}

fn generated(format: SourceFormat) -> Vec<LoadedSeed> {
    let g = corpus::Generator::new(1);
    (0..GENERATED)
        .map(|i| {
            let a = g.article(i);
            let (text, ext) = match format {
                SourceFormat::Markdown => (g.md(&a, i), "md"),
                _ => (g.txt(&a, i), "txt"),
            };
            seed(PathBuf::from(format!("seeds/{i:05}.{ext}")), format, text)
        })
        .collect()
}

fn bench_clean(c: &mut Criterion) {
    // The project's book.toml: the default topics and events (as a build would use).
    let config = Config::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("book.toml loads");
    let enricher = Enricher::new(&config);
    let sets = [
        ("shared-seeds-txt", real_seeds()),
        ("generated-txt", generated(SourceFormat::Text)),
        ("generated-md", generated(SourceFormat::Markdown)),
    ];
    let mut group = c.benchmark_group("clean");
    for (name, seeds) in &sets {
        let bytes: usize = seeds.iter().map(|s| s.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for s in seeds {
                    std::hint::black_box(clean(std::hint::black_box(s)));
                }
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("clean+enrich");
    for (name, seeds) in &sets {
        let bytes: usize = seeds.iter().map(|s| s.text.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                for s in seeds {
                    let mut a = clean(std::hint::black_box(s));
                    enricher.enrich(&mut a);
                    std::hint::black_box(a);
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_clean);
criterion_main!(benches);
