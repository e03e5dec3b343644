//! Integration tests: one binary, one module per feature. Each feature builds a
//! small fixture site of its own (under `tests/fixtures/`) into a temp folder
//! and queries the HTML.

mod attacks_inputs;
mod attacks_output;
mod attacks_publish;
mod attacks_robust;
mod briefing;
mod clean_dumps;
mod clean_fixtures;
mod cli;
mod corpus;
mod devset_html;
mod gold;
mod hardening;
mod helpers;
mod md_sites;
mod metadata;
mod properties;
mod publishing;
mod rebuilds;
mod site;
mod stable_urls;
mod uptodate;
