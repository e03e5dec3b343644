//! Site model: the cross-linked indexes built from the cleaned articles.
//!
//! 1. Order articles newest first (undated last), ties by slug.
//! 2. Group them by author, topic and month (plus an "undated" group).
//! 3. Link each article to its chronological neighbours.
//!
//! Everything here is plain data with indexes into `articles`; rendering
//! turns it into view structs.

use std::collections::BTreeMap;

use crate::config::Config;
use crate::model::{Article, DateBasis};
use crate::slug::slugify;

#[derive(Debug)]
pub struct AuthorIndex {
    pub name: String,
    pub slug: String,
    pub bio: Option<String>,
    pub articles: Vec<usize>,
}

#[derive(Debug)]
pub struct TopicIndex {
    pub id: String,
    pub label: String,
    pub description: String,
    pub articles: Vec<usize>,
}

#[derive(Debug)]
pub struct MonthIndex {
    pub year: i32,
    pub month: u32,
    pub articles: Vec<usize>,
}

#[derive(Debug)]
pub struct Site {
    /// Newest first.
    pub articles: Vec<Article>,
    pub authors: Vec<AuthorIndex>,
    pub topics: Vec<TopicIndex>,
    /// Newest month first.
    pub months: Vec<MonthIndex>,
    pub undated: Vec<usize>,
    /// For each article: (older neighbour, newer neighbour).
    pub neighbours: Vec<(Option<usize>, Option<usize>)>,
}

/// Sort key: dated before undated, newest first, then slug.
fn order(a: &Article, b: &Article) -> std::cmp::Ordering {
    let key = |x: &Article| x.date.value.map(|d| (d.year, d.month, d.day.unwrap_or(0)));
    match (key(a), key(b)) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
    .then_with(|| a.slug.cmp(&b.slug))
}

impl Site {
    pub fn new(config: &Config, mut articles: Vec<Article>) -> Site {
        articles.sort_by(order);
        let mut authors: BTreeMap<String, AuthorIndex> = BTreeMap::new();
        let mut months: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
        let mut undated = Vec::new();
        for (i, a) in articles.iter().enumerate() {
            for name in &a.authors {
                let slug = slugify(name);
                let entry = authors.entry(slug.clone()).or_insert_with(|| AuthorIndex {
                    name: name.clone(),
                    slug,
                    bio: None,
                    articles: Vec::new(),
                });
                if entry.bio.is_none() && a.authors.len() == 1 {
                    entry.bio = a.author_bio.clone();
                }
                entry.articles.push(i);
            }
            match a.date.value {
                Some(d) if a.date.basis != DateBasis::Unknown => {
                    months.entry((d.year, d.month)).or_default().push(i)
                }
                _ => undated.push(i),
            }
        }
        let topics = config
            .topics
            .iter()
            .map(|t| TopicIndex {
                id: t.id.clone(),
                label: t.label.clone(),
                description: t.description.clone(),
                articles: (0..articles.len())
                    .filter(|&i| articles[i].topics.iter().any(|x| x.id == t.id))
                    .collect(),
            })
            .collect();
        let n = articles.len();
        let neighbours = (0..n)
            .map(|i| {
                let older = (i + 1 < n).then_some(i + 1);
                let newer = i.checked_sub(1);
                (older, newer)
            })
            .collect();
        Site {
            articles,
            authors: authors.into_values().collect(),
            topics,
            months: months
                .into_iter()
                .rev()
                .map(|((year, month), articles)| MonthIndex {
                    year,
                    month,
                    articles,
                })
                .collect(),
            undated,
            neighbours,
        }
    }
}
