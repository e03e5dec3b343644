//! Where the renderer reads an article's body from: the article itself, or the
//! cache's body store (which implements [`Bodies`] in `cache::bodies`). The renderer
//! sees only this trait, so rendering never depends on the cache.

use std::borrow::Cow;

use anyhow::Result;

use crate::model::Article;

/// An article's body (blocks, `body_html`, captions, credits, the sentences naming
/// people), wherever it is kept while the site is rendered.
pub trait Bodies: Sync {
    /// `a` with its body (a copy, when the body was kept elsewhere).
    fn restore<'a>(&self, a: &'a Article) -> Result<Cow<'a, Article>>;
    /// The sentences naming people of `a`.
    fn mention_sentences<'a>(&self, a: &'a Article) -> Result<Cow<'a, [String]>>;
}

/// Bodies kept in the articles themselves: `check`, `serve`, and the tests.
pub struct InMemory;

impl Bodies for InMemory {
    fn restore<'a>(&self, a: &'a Article) -> Result<Cow<'a, Article>> {
        Ok(Cow::Borrowed(a))
    }
    fn mention_sentences<'a>(&self, a: &'a Article) -> Result<Cow<'a, [String]>> {
        Ok(Cow::Borrowed(&a.derived.mention_sentences))
    }
}
