//! Generate a synthetic corpus for benchmarks (issue 6).
//!
//! `cargo run --release --example gen_corpus -- N DIR [--seed S] [--format txt|md|both] [--first K]`
//!
//! 1. Build articles `K..K+N` with `bench/corpus.rs` (deterministic per seed and index, so
//!    `--first` extends an existing corpus with new articles).
//! 2. `txt`: page-text dumps in `DIR/txt/seeds/NNNNN.txt`.
//! 3. `md`: Markdown twins with Hugo YAML front matter in `DIR/md/seeds/NNNNN.md`, copied
//!    to `DIR/hugo/content/posts/`, plus a Hugo site (`bench/hugo/`: config, layouts for
//!    single, list, taxonomy and term pages, dossier's CSS, topic and author index pages).
//!    `both` (the default) writes all of it.

// Shared with benches/clean.rs and tests/dossier/corpus.rs, which use parts this does not.
#[allow(dead_code)]
#[path = "../bench/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use corpus::{Generator, AUTHORS, TOPIC_IDS};

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

fn mkdir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).with_context(|| format!("creating {}", path.display()))
}

/// Hugo site skeleton: config, layouts and CSS (content is written per article).
fn write_hugo_site(dir: &Path) -> Result<()> {
    const FILES: &[(&str, &str)] = &[
        ("config.toml", include_str!("../bench/hugo/config.toml")),
        (
            "layouts/_default/baseof.html",
            include_str!("../bench/hugo/layouts/_default/baseof.html"),
        ),
        (
            "layouts/_default/single.html",
            include_str!("../bench/hugo/layouts/_default/single.html"),
        ),
        (
            "layouts/_default/list.html",
            include_str!("../bench/hugo/layouts/_default/list.html"),
        ),
        (
            "layouts/_default/taxonomy.html",
            include_str!("../bench/hugo/layouts/_default/taxonomy.html"),
        ),
        (
            "layouts/_default/term.html",
            include_str!("../bench/hugo/layouts/_default/term.html"),
        ),
        (
            "layouts/index.html",
            include_str!("../bench/hugo/layouts/index.html"),
        ),
        (
            "layouts/partials/item.html",
            include_str!("../bench/hugo/layouts/partials/item.html"),
        ),
        ("static/css/style.css", include_str!("../static/style.css")),
    ];
    for (rel, text) in FILES {
        let path = dir.join(rel);
        mkdir(path.parent().expect("file has a parent"))?;
        write(&path, text)?;
    }
    // Topic labels and descriptions, and author bios, as dossier shows them.
    let labels = [
        ("Tariffs & trade", "Tariffs, trade deals and economic pressure between Washington, Seoul and Tokyo."),
        ("Taiwan", "Taiwan, the Taiwan Strait and a possible cross-strait conflict."),
        ("North Korea", "North Korea's nuclear and missile programmes, deterrence and diplomacy with Pyongyang."),
        ("U.S. Forces Korea", "U.S. troops stationed in South Korea, their role, cost sharing and posture."),
    ];
    for (id, (label, description)) in TOPIC_IDS.iter().zip(labels) {
        let d = dir.join("content/topics").join(id);
        mkdir(&d)?;
        write(
            &d.join("_index.md"),
            &format!("---\ntitle: {label:?}\ndescription: {description:?}\n---\n"),
        )?;
    }
    for (i, name) in AUTHORS.iter().enumerate() {
        let d = dir
            .join("content/authors")
            .join(dossier::slug::slugify(name));
        mkdir(&d)?;
        write(
            &d.join("_index.md"),
            &format!(
                "---\ntitle: {name:?}\ndescription: {:?}\n---\n",
                corpus::bio(i)
            ),
        )?;
    }
    Ok(())
}

struct Args {
    n: u64,
    dir: PathBuf,
    seed: u64,
    txt: bool,
    md: bool,
    first: u64,
}

fn parse_args() -> Result<Args> {
    const USAGE: &str = "usage: gen_corpus N DIR [--seed S] [--format txt|md|both] [--first K]";
    let mut pos = Vec::new();
    let (mut seed, mut format, mut first) = (1u64, "both".to_string(), 0u64);
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .with_context(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--seed" => seed = value("--seed")?.parse().context("--seed: not a number")?,
            "--format" => format = value("--format")?,
            "--first" => first = value("--first")?.parse().context("--first: not a number")?,
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ if a.starts_with("--") => bail!("unknown option {a}\n{USAGE}"),
            _ => pos.push(a),
        }
    }
    let [n, dir] = <[String; 2]>::try_from(pos).map_err(|_| anyhow::anyhow!(USAGE))?;
    let (txt, md) = match format.as_str() {
        "txt" => (true, false),
        "md" => (false, true),
        "both" => (true, true),
        other => bail!("--format {other}: expected txt, md or both"),
    };
    Ok(Args {
        n: n.parse()
            .with_context(|| format!("N: {n:?} is not a number\n{USAGE}"))?,
        dir: PathBuf::from(dir),
        seed,
        txt,
        md,
        first,
    })
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let generator = Generator::new(args.seed);
    let (txt_dir, md_dir, hugo_dir) = (
        args.dir.join("txt/seeds"),
        args.dir.join("md/seeds"),
        args.dir.join("hugo"),
    );
    let posts = hugo_dir.join("content/posts");
    if args.txt {
        mkdir(&txt_dir)?;
    }
    if args.md {
        mkdir(&md_dir)?;
        mkdir(&posts)?;
        write_hugo_site(&hugo_dir)?;
    }
    let (mut min_w, mut max_w, mut sum_w, mut bytes) = (usize::MAX, 0, 0, 0);
    for i in args.first..args.first + args.n {
        let a = generator.article(i);
        (min_w, max_w, sum_w) = (min_w.min(a.words), max_w.max(a.words), sum_w + a.words);
        if args.txt {
            let text = generator.txt(&a, i);
            bytes += text.len();
            write(&txt_dir.join(format!("{i:05}.txt")), &text)?;
        }
        if args.md {
            let text = generator.md(&a, i);
            bytes += text.len();
            write(&md_dir.join(format!("{i:05}.md")), &text)?;
            write(&posts.join(format!("{i:05}.md")), &text)?;
        }
    }
    if args.n > 0 {
        eprintln!(
            "gen_corpus: {} articles into {} ({:.1} MB of seeds; body words min {min_w}, mean {}, max {max_w})",
            args.n,
            args.dir.display(),
            bytes as f64 / 1e6,
            sum_w / args.n as usize,
        );
    }
    Ok(())
}
