//! The command line: a contract users' scripts rely on. Extend it, never rename.

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::config::{normalise_base_url, Config};

/// `dossier --version`: the version and the commit it was built from ("unknown"
/// when built outside a git checkout, e.g. from a source tarball; see build.rs).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("DOSSIER_COMMIT"),
    ")"
);

#[derive(Parser)]
#[command(
    name = "dossier",
    version = VERSION,
    about = "Turn raw page dumps of research articles into a cleaned, cross-linked static briefing site"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site from seeds/ into the output folder.
    Build(BuildArgs),
    /// Show how dossier cleans and tags files.
    Inspect(InspectArgs),
    /// Serve the site locally, rebuilding on change.
    Serve(ServeArgs),
    /// Build without writing and report broken links and uncertain metadata.
    Check(CheckArgs),
    /// Export the cleaned corpus.
    Export(ExportArgs),
    /// Create a new briefing project.
    Init(InitArgs),
}

#[derive(Args)]
pub struct RootArgs {
    /// Project folder (holds book.toml and seeds/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Output folder (default: [site] output in book.toml, "public").
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Absolute URL the site will be served from, e.g. https://user.github.io/repo/
    #[arg(long)]
    pub base_url: Option<String>,
    /// Exit non-zero when any seed produced a warning.
    #[arg(long)]
    pub strict: bool,
    /// Build into a non-empty output folder that dossier did not build (its files
    /// are kept, except those the site writes).
    #[arg(long)]
    pub force: bool,
    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args)]
pub struct InspectArgs {
    /// One JSON object per file, one per line.
    #[arg(long)]
    pub json: bool,
    /// List every dropped line and the reason (with --json: the record's `dropped` field).
    #[arg(long)]
    pub explain: bool,
    /// Project folder whose book.toml (topics, events) to use.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
}

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// Also list external links (they are never fetched).
    #[arg(long)]
    pub external: bool,
}

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub root: RootArgs,
    /// jsonl, md, bibtex or csl-json
    #[arg(long)]
    pub format: String,
    /// Output file (jsonl, bibtex, csl-json; default: standard output) or folder (md; default: export/).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Args)]
pub struct InitArgs {
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Site title (default: the folder's name).
    #[arg(long)]
    pub title: Option<String>,
    /// Start from a preset book.toml instead of the neutral example: japan-korea.
    #[arg(long)]
    pub preset: Option<String>,
}

/// Run a command; `Ok(false)` means "finished, but exit non-zero" (e.g. --strict warnings).
pub fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Build(args) => build(args),
        Command::Inspect(args) => inspect(args),
        Command::Serve(args) => {
            crate::serve::serve(&args.root.root, &args.host, args.port)?;
            Ok(true)
        }
        Command::Check(args) => check(args),
        Command::Export(args) => {
            let config = Config::load(&args.root.root)?;
            let text = crate::export::export(&config, &args.format, args.out.as_deref())?;
            if args.out.is_some() || args.format == "md" {
                eprintln!("{text}");
            } else {
                print!("{text}");
            }
            Ok(true)
        }
        Command::Init(args) => {
            let options = crate::init::InitOptions {
                title: args.title,
                preset: args.preset,
            };
            for path in crate::init::init(&args.dir, &options)? {
                println!("created {path}");
            }
            let cd = match args.dir.as_os_str() == "." {
                true => String::new(),
                false => format!("cd {} && ", args.dir.display()),
            };
            println!("next: {cd}dossier build (or dossier serve, to preview it as you edit)");
            Ok(true)
        }
    }
}

fn check(args: CheckArgs) -> Result<bool> {
    let config = Config::load(&args.root.root)?;
    let report = crate::check::check(&config, args.external)?;
    for (page, href) in &report.broken {
        println!("broken link: {page} -> {href}");
    }
    for u in &report.uncertain {
        println!("uncertain: {u}");
    }
    for s in &report.skipped_seeds {
        println!("no article: {s}");
    }
    for w in &report.warnings {
        println!("warning: {w}");
    }
    for e in &report.external {
        println!("external: {e}");
    }
    println!(
        "checked {} pages: {} broken link{}, {} uncertain, {} seed{} without an article",
        report.pages,
        report.broken.len(),
        if report.broken.len() == 1 { "" } else { "s" },
        report.uncertain.len(),
        report.skipped_seeds.len(),
        if report.skipped_seeds.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    Ok(report.broken.is_empty())
}

fn build(args: BuildArgs) -> Result<bool> {
    let mut config = Config::load(&args.root.root)?;
    if let Some(out) = args.out {
        config.output_dir = out;
    }
    config.force = args.force;
    if let Some(url) = args.base_url {
        config.base_url = normalise_base_url(&url);
    }
    // A spinner with the stage name, on a terminal only, and only once a build
    // has run for a second (small sites finish before it would appear).
    let bar = (!args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr())).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        bar
    });
    let started = std::time::Instant::now();
    let progress = |stage: &str| {
        if let Some(bar) = &bar {
            if started.elapsed() > std::time::Duration::from_secs(1) && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                bar.enable_steady_tick(std::time::Duration::from_millis(120));
            }
            bar.set_message(format!("dossier: {stage}"));
        }
    };
    let report = crate::pipeline::build(&config, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let report = report?;
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    if !args.quiet {
        let stages: Vec<String> = report
            .stages
            .iter()
            .map(|(n, d)| format!("{n} {:.2?}", d))
            .collect();
        let detail = if report.up_to_date {
            format!(
                "up to date: nothing changed since the last build, {} files kept; {}",
                report.unchanged,
                stages.join(", ")
            )
        } else {
            format!(
                "{} cleaned, {} files written, {} unchanged; {}",
                report.cleaned,
                report.written,
                report.unchanged,
                stages.join(", ")
            )
        };
        println!(
            "built {} article{}, {} page{}, {} warning{} in {:.2?} -> {} ({detail})",
            report.articles,
            if report.articles == 1 { "" } else { "s" },
            report.pages,
            if report.pages == 1 { "" } else { "s" },
            report.warnings.len(),
            if report.warnings.len() == 1 { "" } else { "s" },
            report.elapsed,
            report.output.display(),
        );
    }
    Ok(!args.strict || report.warnings.is_empty())
}

fn inspect(args: InspectArgs) -> Result<bool> {
    let config = Config::load(&args.root)?;
    let mut ok = true;
    // One file's problem never costs another file its record: a file that cannot be
    // read or recognised is an error (exit 1 at the end), a warning is only printed.
    for file in &args.files {
        match crate::inspect::inspect_file_warned(&config, file) {
            Ok((a, warnings)) => {
                for w in &warnings {
                    eprintln!("warning: {w}");
                }
                match args.json {
                    true => println!("{}", crate::inspect::to_json_line(&a, args.explain)?),
                    false => print!("{}", crate::inspect::to_text(&a, args.explain)),
                }
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ok = false;
            }
        }
    }
    Ok(ok)
}
