//! Incremental builds: a layer under the pipeline, beside the stages. No stage
//! imports it; the pipeline asks it what can be reused and stores what stages made.
//!
//! - [`stamp`]: a seed's size and modification time (and its sidecar's).
//! - [`cache`]: the article cache (`.dossier-cache/articles.bin` + `articles.log`),
//!   the body store (`bodies.bin`, read by the renderer through [`crate::bodies::Bodies`])
//!   and the build lock.
//! - [`uptodate`]: the record of the inputs of the output's last build, so a build
//!   with nothing changed does nothing.

pub(crate) mod cache;
pub(crate) mod stamp;
pub(crate) mod uptodate;
