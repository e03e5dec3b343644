//! What rendering produces and where it puts it: an [`OutputFile`] into a [`Sink`].
//! The sinks themselves (a staging folder, memory) are `write`'s; the renderer sees
//! only this trait, so it never reaches up into the stage that writes.

use anyhow::Result;

/// A file of the finished site: path relative to the output root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
    /// The hash of what the page was rendered from (see `render::Renderer::page`).
    pub key: Option<u64>,
    /// Not rendered: the previous build's file, from the same inputs, stays (`bytes` is empty).
    pub kept: bool,
}

/// Where rendered files go: a staging folder on disk, or memory (check, serve).
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<()> {
        self.put_keyed(file, None)
    }
    /// Put a file rendered from inputs whose hash is `key` (see [`Sink::keep`]).
    fn put_keyed(&self, file: OutputFile, key: Option<u64>) -> Result<()>;
    /// Keep `path` as the previous build wrote it if that build rendered it from
    /// inputs with the same hash `key`; false (render it) when there is no such file.
    fn keep(&self, _path: &str, _key: u64) -> Result<bool> {
        Ok(false)
    }
    /// [`Sink::keep`], or else put at `path` the previous build's file of another
    /// path rendered from inputs with the same hash `key` (a file that moved).
    fn keep_moved(&self, path: &str, key: u64) -> Result<bool> {
        self.keep(path, key)
    }
    /// Paths of the HTML pages put so far (for the sitemap).
    fn html_paths(&self) -> Vec<String>;
}
