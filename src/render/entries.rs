//! The entries of the index pages (the lists of authors, topics, months,
//! publications, people and organisations) as borrowed view structs: what those
//! templates see, field by field, and nothing of the site model (house habit 4).

use serde::Serialize;

use super::views::{month_name, topic_hue};
use crate::base::urls;
use crate::config::Config;
use crate::site::{AuthorIndex, EntityIndex, MonthIndex, PublicationIndex, TopicIndex};

/// A named list with its page and length: an author on the home page, a
/// publication, a month of the archive.
#[derive(Serialize)]
pub struct Counted<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
}

impl<'a> Counted<'a> {
    pub fn author(a: &'a AuthorIndex) -> Counted<'a> {
        Counted {
            name: &a.name,
            url: urls::author(&a.slug),
            count: a.articles.len(),
        }
    }

    pub fn publication(p: &'a PublicationIndex) -> Counted<'a> {
        Counted {
            name: &p.name,
            url: urls::publication(&p.slug),
            count: p.articles.len(),
        }
    }

    pub fn month(m: &MonthIndex) -> Counted<'static> {
        Counted {
            name: month_name(m.month),
            url: urls::month(m.year, m.month),
            count: m.articles.len(),
        }
    }
}

/// An author on the authors page.
#[derive(Serialize)]
pub struct AuthorEntry<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: usize,
    pub bio: Option<&'a str>,
}

impl<'a> AuthorEntry<'a> {
    pub fn new(a: &'a AuthorIndex) -> AuthorEntry<'a> {
        AuthorEntry {
            name: &a.name,
            url: urls::author(&a.slug),
            count: a.articles.len(),
            bio: a.bio.as_deref(),
        }
    }
}

/// A topic on the home page and the topics page.
#[derive(Serialize)]
pub struct TopicEntry<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub description: &'a str,
    pub url: String,
    pub count: usize,
    pub hue: usize,
}

impl<'a> TopicEntry<'a> {
    pub fn new(config: &Config, t: &'a TopicIndex) -> TopicEntry<'a> {
        TopicEntry {
            id: &t.id,
            label: &t.label,
            description: &t.description,
            url: urls::topic(&t.id),
            count: t.articles.len(),
            hue: topic_hue(config, &t.id),
        }
    }
}

/// A year of the archive, with its months, newest first.
#[derive(Serialize)]
pub struct YearEntry {
    pub year: i32,
    pub months: Vec<Counted<'static>>,
}

/// A person or an organisation on the people page.
#[derive(Serialize)]
pub struct EntityEntry<'a> {
    pub name: &'a str,
    pub url: String,
    /// Sentences naming them, and the articles those are in.
    pub mentions: usize,
    pub articles: usize,
    pub quoted: bool,
    pub is_author: bool,
}

impl<'a> EntityEntry<'a> {
    pub fn new(e: &'a EntityIndex) -> EntityEntry<'a> {
        let articles: std::collections::BTreeSet<usize> = e.mentions.iter().map(|m| m.0).collect();
        EntityEntry {
            name: &e.name,
            url: urls::person(&e.slug),
            mentions: e.mentions.len(),
            articles: articles.len(),
            quoted: e.mentions.iter().any(|m| m.2),
            is_author: e.is_author,
        }
    }
}
