//! The bottom layer: small types and helpers every stage may use, importing nothing
//! of the pipeline (see `scripts/check-layers` and the README's Architecture section).
//!
//! - [`warning`]: a per-seed problem, reported with its file name.
//! - [`hash`]: the stable content hash every key and manifest is made of.
//! - [`html`]: escaping text for HTML.
//! - [`output`]: a file of the finished site, and the sink rendering puts files into.
//! - [`urls`]: the URL scheme (`articles/<slug>/`, `authors/<slug>/`, ...).

pub mod hash;
pub mod html;
pub mod output;
pub mod urls;
pub mod warning;
