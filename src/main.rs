//! Parse the command line, run, print the error chain, pick the exit code.

use std::process::ExitCode;

use clap::Parser;

// Cleaning and rendering allocate many small strings on every core at once; glibc's
// allocator serialises on its arenas there (13% of a 10,000-article build, measured).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = dossier::cli::Cli::parse();
    match dossier::cli::run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
