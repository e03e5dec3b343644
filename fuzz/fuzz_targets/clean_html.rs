//! Arbitrary bytes cleaned as a saved web page (`.html`), then enriched and rendered as
//! `dossier inspect` and the article page do.

#![no_main]

#[path = "clean_common.rs"]
mod clean_common;

use dossier::model::SourceFormat;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| clean_common::run(data, SourceFormat::Html, "html"));
