//! Site model: the cross-linked indexes built from the cleaned articles.
//!
//! 1. Order articles newest first (undated last), ties by slug.
//! 2. Group them by author, topic and month (plus an "undated" group).
//! 3. Link each article to its chronological neighbours.
//! 4. Fold near-duplicates (the same piece from two outlets) into one entry
//!    that lists every source; find related articles by text similarity.
//! 5. Index the people, organisations and publications the articles name.
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
pub struct PublicationIndex {
    pub name: String,
    pub slug: String,
    /// Articles it published or republished.
    pub articles: Vec<usize>,
}

/// A person or organisation, with every mention (article index, sentence, quoted?).
#[derive(Debug)]
pub struct EntityIndex {
    pub kind: crate::enrich::entities::EntityKind,
    pub name: String,
    pub slug: String,
    pub variants: Vec<String>,
    /// (article, sentence in its `derived.mention_sentences`, quoted?).
    pub mentions: Vec<(usize, u32, bool)>,
    /// Wrote at least one of the articles.
    pub is_author: bool,
}

/// Another outlet's copy of an article that is shown once.
#[derive(Debug, Clone)]
pub struct OtherSource {
    pub publication: Option<String>,
    pub source: String,
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
    /// For each article: up to three related articles.
    pub related: Vec<Vec<usize>>,
    /// For each article: copies of it from other outlets (folded into it).
    pub other_sources: Vec<Vec<OtherSource>>,
    pub publications: Vec<PublicationIndex>,
    pub entities: Vec<EntityIndex>,
    /// For each article: the entities it mentions (indexes into `entities`, in their order).
    pub article_entities: Vec<Vec<usize>>,
    /// What the articles' term ids (`derived.terms`) refer to.
    pub vocab: crate::enrich::vocab::Vocab,
    /// For each article: its citation key, unique over every article before
    /// near-duplicates were folded (so `export` gives the same keys).
    pub cite_keys: Vec<String>,
    /// Old article URLs and where they lead now (see [`crate::aliases`]): set by
    /// the caller, which knows the project's slug history.
    pub redirects: Vec<crate::aliases::Redirect>,
    /// The near-duplicates folded into their originals (shown only as
    /// `other_sources`), kept so a caller can take every article back
    /// ([`Site::into_articles`]).
    pub folded: Vec<Article>,
}

/// Fold each group of near-duplicates into its original (the copy that names no
/// other original publisher, else the first by source path). Returns the kept
/// articles with their other sources, and the folded copies.
fn fold_duplicates(articles: Vec<Article>) -> (Vec<Article>, Vec<Vec<OtherSource>>, Vec<Article>) {
    let groups = crate::enrich::duplicates::duplicate_groups(&articles);
    let mut folded_into: Vec<Option<usize>> = vec![None; articles.len()];
    for g in &groups {
        let primary = g
            .iter()
            .copied()
            .find(|&i| articles[i].republisher.is_none() && articles[i].publication.is_some())
            .unwrap_or(g[0]);
        for &i in g {
            if i != primary {
                folded_into[i] = Some(primary);
            }
        }
    }
    let mut others: Vec<Vec<OtherSource>> = vec![Vec::new(); articles.len()];
    for (i, p) in folded_into.iter().enumerate() {
        if let Some(p) = p {
            let a = &articles[i];
            others[*p].push(OtherSource {
                publication: a.republisher.clone().or_else(|| a.publication.clone()),
                source: a.source.clone(),
            });
        }
    }
    let mut kept = Vec::new();
    let mut kept_others = Vec::new();
    let mut folded = Vec::new();
    for ((a, o), f) in articles.into_iter().zip(others).zip(folded_into) {
        if f.is_none() {
            kept.push(a);
            kept_others.push(o);
        } else {
            folded.push(a);
        }
    }
    (kept, kept_others, folded)
}

/// The articles (with their other sources) newest first (see [`order`]). Sorted as
/// positions, then each article moved once: sorting the articles themselves moved
/// every one of them log n times (an article is ~700 bytes).
fn newest_first(
    articles: Vec<Article>,
    others: Vec<Vec<OtherSource>>,
) -> (Vec<Article>, Vec<Vec<OtherSource>>) {
    let mut positions: Vec<usize> = (0..articles.len()).collect();
    positions.sort_by(|&i, &j| order(&articles[i], &articles[j]));
    let mut slots: Vec<Option<(Article, Vec<OtherSource>)>> =
        articles.into_iter().zip(others).map(Some).collect();
    positions
        .into_iter()
        .filter_map(|i| slots[i].take())
        .unzip()
}

/// Each month's articles (positions, newest first), by (year, month).
type Months = BTreeMap<(i32, u32), Vec<usize>>;

/// The author index (by slug; an author's bio from their first single-author
/// article that has one), the articles of each month, and the undated ones.
fn by_author_and_month(
    articles: &[Article],
) -> (BTreeMap<String, AuthorIndex>, Months, Vec<usize>) {
    let mut authors: BTreeMap<String, AuthorIndex> = BTreeMap::new();
    let mut months: Months = BTreeMap::new();
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
    (authors, months, undated)
}

/// For each of `n` articles, the entities it mentions (indexes into `entities`, in their order).
fn entities_by_article(entities: &[EntityIndex], n: usize) -> Vec<Vec<usize>> {
    let mut article_entities: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, entity) in entities.iter().enumerate() {
        for &(i, _, _) in &entity.mentions {
            if article_entities[i].last() != Some(&e) {
                article_entities[i].push(e);
            }
        }
    }
    article_entities
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
    pub fn new(
        config: &Config,
        articles: Vec<Article>,
        vocab: crate::enrich::vocab::Vocab,
    ) -> Site {
        let mut keys_by_slug: std::collections::HashMap<String, String> = articles
            .iter()
            .map(|a| a.slug.clone())
            .zip(cite_keys(&articles))
            .collect();
        let (articles, others, folded) = fold_duplicates(articles);
        let (articles, other_sources) = newest_first(articles, others);
        let (authors, months, undated) = by_author_and_month(&articles);
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
        let related = crate::enrich::related::related(&articles, &vocab, 3);
        let publications = publication_index(&articles, &other_sources);
        let author_keys: std::collections::BTreeSet<String> = articles
            .iter()
            .flat_map(|a| {
                a.authors
                    .iter()
                    .map(|n| crate::enrich::entities::name_key(n))
            })
            .collect();
        let entities = entity_index(&articles, &author_keys);
        let article_entities = entities_by_article(&entities, articles.len());
        let cite_keys = articles
            .iter()
            .map(|a| keys_by_slug.remove(&a.slug).unwrap_or_default())
            .collect();
        Site {
            redirects: Vec::new(),
            folded,
            vocab,
            cite_keys,
            article_entities,
            related,
            other_sources,
            publications,
            entities,
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

    /// Every article the site was made from, the folded near-duplicates too (in no
    /// particular order), and its vocabulary: what `serve` keeps for its next rebuild.
    pub fn into_articles(self) -> (Vec<Article>, crate::enrich::vocab::Vocab) {
        let mut articles = self.articles;
        articles.extend(self.folded);
        (articles, self.vocab)
    }
}

fn publication_index(articles: &[Article], others: &[Vec<OtherSource>]) -> Vec<PublicationIndex> {
    let mut map: BTreeMap<String, PublicationIndex> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let names = a
            .publication
            .iter()
            .chain(a.republisher.iter())
            .chain(others[i].iter().filter_map(|o| o.publication.as_ref()));
        for name in names {
            let slug = slugify(name);
            let entry = map.entry(slug.clone()).or_insert_with(|| PublicationIndex {
                name: name.clone(),
                slug,
                articles: Vec::new(),
            });
            if !entry.articles.contains(&i) {
                entry.articles.push(i);
            }
        }
    }
    map.into_values().collect()
}

fn entity_index(
    articles: &[Article],
    author_keys: &std::collections::BTreeSet<String>,
) -> Vec<EntityIndex> {
    let mut seen_slugs = std::collections::BTreeSet::new();
    crate::enrich::entities::merge(articles.iter().map(|a| &a.derived.mentions[..]))
        .into_iter()
        .filter_map(|e| {
            let slug = slugify(&e.name);
            // Two entities can slug alike ("Lee" variants); the first keeps the page.
            if !seen_slugs.insert(slug.clone()) {
                return None;
            }
            let is_author = author_keys.contains(&crate::enrich::entities::name_key(&e.name));
            Some(EntityIndex {
                kind: e.kind,
                name: e.name,
                slug,
                variants: e.variants,
                mentions: e
                    .mentions
                    .into_iter()
                    .map(|m| (m.article, m.sentence, m.quoted))
                    .collect(),
                is_author,
            })
        })
        .collect()
}

// Citation keys are worked out here, with the rest of the site model, because the
// model holds them (`Site::cite_keys`); `render::publish` and `export` read them.
/// The key of an article before it is made unique: its slug's first three words and
/// its year ("japankoreaties2025").
fn base_cite_key(a: &Article) -> String {
    format!(
        "{}{}",
        a.slug.split('-').take(3).collect::<Vec<_>>().join(""),
        (a.date.basis != DateBasis::Unknown)
            .then_some(a.date.value)
            .flatten()
            .map_or(0, |d| d.year)
    )
}

/// Each article's citation key (BibTeX key, CSL id), in the order of `articles`:
/// unique across them. Articles sharing a base key ("Japan Korea ties improve" and
/// "... worsen" are both `japankoreaties2025`) get a, b, c, ... in slug order, so the
/// keys depend only on the set of articles, not on the order they come in; the
/// build and `export` give every article the same key.
pub fn cite_keys(articles: &[Article]) -> Vec<String> {
    let bases: Vec<String> = articles.iter().map(base_cite_key).collect();
    let mut groups: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, b) in bases.iter().enumerate() {
        groups.entry(b.as_str()).or_default().push(i);
    }
    let mut keys = bases.clone();
    for (base, mut members) in groups {
        if members.len() < 2 {
            continue;
        }
        members.sort_by(|&i, &j| articles[i].slug.cmp(&articles[j].slug).then(i.cmp(&j)));
        for (n, &i) in members.iter().enumerate() {
            keys[i] = format!("{base}{}", letters_suffix(n));
        }
    }
    keys
}

/// 0 -> "a", 25 -> "z", 26 -> "aa", 27 -> "ab", ...
pub(crate) fn letters_suffix(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}
