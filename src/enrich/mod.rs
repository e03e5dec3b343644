//! Enrich: what the cleaned text tells us beyond its fields.
//!
//! 1. Dates ([`dates`]): stated, inferred to the month, or unknown.
//! 2. Topics ([`topics`]): configured phrases scored by substance, with evidence;
//!    topics declared in front matter or sidecars are added.

pub mod date_bounds;
pub(crate) mod dates;
pub(crate) mod derive;
pub(crate) mod duplicates;
pub mod entities;
pub(crate) mod figures;
mod name_words;
pub(crate) mod related;
pub(crate) mod sentences;
pub(crate) mod topics;
pub(crate) mod vocab;

use crate::config::Config;
use crate::model::{Article, TopicTag};
use topics::TopicMatcher;

/// Compiled once per build and shared by every article.
pub struct Enricher<'a> {
    config: &'a Config,
    matchers: Vec<TopicMatcher>,
}

impl<'a> Enricher<'a> {
    pub fn new(config: &'a Config) -> Enricher<'a> {
        Enricher {
            config,
            matchers: config.topics.iter().map(TopicMatcher::new).collect(),
        }
    }

    pub fn enrich(&self, article: &mut Article) {
        dates::date_article(article, &self.config.events);
        let sentences = topics::sentences_of(article);
        let mut tags: Vec<TopicTag> = self
            .matchers
            .iter()
            .filter_map(|m| m.tag(&sentences))
            .collect();
        drop(sentences);
        for id in &article.declared_topics {
            if self.config.topic(id).is_some() && !tags.iter().any(|t| &t.id == id) {
                tags.push(TopicTag {
                    id: id.clone(),
                    score: 0.0,
                    evidence: vec!["declared in the article's front matter".into()],
                });
            }
        }
        // Config order, so every page lists topics the same way.
        tags.sort_by_key(|t| self.config.topics.iter().position(|d| d.id == t.id));
        article.topics = tags;
        article.derived = derive::derive(article);
    }
}

/// An article whose body is the given paragraphs, for the enrichers' unit tests.
#[cfg(test)]
pub(crate) fn test_article(paragraphs: &[&str]) -> crate::model::Article {
    let mut c = crate::clean::Cleaned::default();
    for p in paragraphs {
        c.push_block(crate::model::BlockKind::Paragraph, p);
    }
    let seed = crate::load::LoadedSeed {
        path: "x.txt".into(),
        rel: "x.txt".into(),
        stem: "x".into(),
        format: crate::model::SourceFormat::Text,
        text: String::new(),
    };
    crate::clean::into_article(&seed, c)
}

/// Articles with their derived facts and one vocabulary, for the site-wide enrichers' tests.
#[cfg(test)]
pub(crate) fn test_corpus(
    mut articles: Vec<crate::model::Article>,
) -> (Vec<crate::model::Article>, vocab::Vocab) {
    let mut vocab = vocab::Vocab::default();
    for a in &mut articles {
        a.derived = derive::derive(a);
        vocab.intern_article(&mut a.derived);
    }
    (articles, vocab)
}
