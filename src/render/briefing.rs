//! Briefing pages: topic digests, the home overview chart, people and
//! organisations, publications.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::Result;
use serde::Serialize;

use super::charts::{overview_svg, timeline_svg, OverviewRow};
use super::views::{article_url, month_name, topic_hue, Link};
use super::{OutputFile, Renderer};
use crate::base::urls;
use crate::bodies::Bodies;
use crate::enrich::entities::EntityKind;
use crate::model::DateBasis;
use crate::site::Site;

/// Key figures shown per topic digest: enough to brief, few enough to read.
const MAX_FIGURES: usize = crate::enrich::derive::MAX_FIGURES;

#[derive(Serialize)]
pub struct FigureView {
    pub sentence: String,
    pub figures: Vec<String>,
    pub article: Link,
}

#[derive(Serialize)]
pub struct Digest {
    pub count: usize,
    /// "January 2025 – August 2025"; empty when no article is dated.
    pub span: String,
    pub authors: Vec<Link>,
    pub publications: Vec<Link>,
    pub figures: Vec<FigureView>,
    pub timeline_svg: String,
}

/// Mentions listed on a person's page, newest first: a much-quoted official is named
/// in thousands of sentences, and a page of all of them is too long to read or load.
const MAX_MENTIONS_SHOWN: usize = 100;

#[derive(Serialize)]
struct MentionView {
    sentence: String,
    quoted: bool,
    article: Link,
}

/// The mentions `shown` with their sentences: from each article, or from the body
/// store for articles whose body (sentences included) the build moved there
/// (read once per article, however many of its mentions are shown).
fn mention_views(
    site: &Site,
    shown: &[(usize, u32, bool)],
    bodies: &dyn Bodies,
) -> Result<Vec<MentionView>> {
    let mut loaded: BTreeMap<usize, std::borrow::Cow<'_, [String]>> = BTreeMap::new();
    let mut out = Vec::with_capacity(shown.len());
    for &(i, s, quoted) in shown {
        let a = &site.articles[i];
        let sentences = match loaded.entry(i) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(bodies.mention_sentences(a)?),
        };
        out.push(MentionView {
            sentence: sentences.get(s as usize).cloned().unwrap_or_default(),
            quoted,
            article: Link {
                title: a.title.clone(),
                url: article_url(a),
            },
        });
    }
    Ok(out)
}

/// Articles per (year, month) among `idx`.
pub fn month_counts(site: &Site, idx: &[usize]) -> Vec<((i32, u32), usize)> {
    let mut m: BTreeMap<(i32, u32), usize> = BTreeMap::new();
    for &i in idx {
        let a = &site.articles[i];
        if let (Some(d), false) = (a.date.value, a.date.basis == DateBasis::Unknown) {
            *m.entry((d.year, d.month)).or_default() += 1;
        }
    }
    m.into_iter().collect()
}

impl Renderer<'_> {
    pub(super) fn digest(&self, site: &Site, topic_id: &str, label: &str, idx: &[usize]) -> Digest {
        let counts = month_counts(site, idx);
        let span = match (counts.first(), counts.last()) {
            (Some(((y1, m1), _)), Some(((y2, m2), _))) => {
                format!("{} {y1} – {} {y2}", month_name(*m1), month_name(*m2))
            }
            _ => String::new(),
        };
        let mut authors = BTreeSet::new();
        let mut pubs = BTreeSet::new();
        let mut figures = Vec::new();
        for &i in idx {
            let a = &site.articles[i];
            authors.extend(a.authors.iter().cloned());
            pubs.extend(a.publication.iter().cloned());
            // Figures fill up from the first articles (each carries its first few).
            for (sentence, figs) in &a.derived.figures {
                if figures.len() < MAX_FIGURES {
                    figures.push(FigureView {
                        sentence: sentence.clone(),
                        figures: figs.clone(),
                        article: Link {
                            title: a.title.clone(),
                            url: article_url(a),
                        },
                    });
                }
            }
        }
        let link = |kind: &str, name: &String| Link {
            title: name.clone(),
            url: format!("{kind}/{}/", crate::slug::slugify(name)),
        };
        Digest {
            count: idx.len(),
            span,
            authors: authors.iter().map(|n| link("authors", n)).collect(),
            publications: pubs.iter().map(|n| link("publications", n)).collect(),
            figures,
            timeline_svg: timeline_svg(
                &format!("{label}: articles per month"),
                &counts,
                &format!("topic-{topic_id} hue-{}", topic_hue(self.config, topic_id)),
            ),
        }
    }

    pub(super) fn overview(&self, site: &Site) -> String {
        let rows: Vec<_> = site
            .topics
            .iter()
            .map(|t| OverviewRow {
                id: t.id.clone(),
                label: t.label.clone(),
                hue: topic_hue(self.config, &t.id),
                counts: month_counts(site, &t.articles),
            })
            .collect();
        overview_svg(&rows)
    }

    pub(super) fn entity_pages(
        &self,
        site: &Site,
        sink: &dyn crate::base::output::Sink,
        bodies: &dyn Bodies,
        seed_keys: &super::SeedKeys,
    ) -> Result<Vec<OutputFile>> {
        let mut out = Vec::new();
        let entry = super::entries::EntityEntry::new;
        let people: Vec<_> = site
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(entry)
            .collect();
        let orgs: Vec<_> = site
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organisation)
            .map(entry)
            .collect();
        out.push(self.page(
            "people.html",
            &urls::index_html(urls::PEOPLE),
            "People and organisations",
            &[("People", "")],
            |ctx| {
                ctx.insert("people", &people);
                ctx.insert("organisations", &orgs);
            },
        )?);
        let view_keys = self.view_keys(site);
        out.extend(super::par_pages(&site.entities, sink, |e| {
            let shown = &e.mentions[..e.mentions.len().min(MAX_MENTIONS_SHOWN)];
            let kind = match e.kind {
                EntityKind::Person if e.is_author => "author",
                EntityKind::Person if e.mentions.iter().any(|m| m.2) => "quoted expert",
                EntityKind::Person => "person",
                EntityKind::Organisation => "organisation",
            };
            let author_url = e.is_author.then(|| urls::author(&e.slug));
            // A sentence is known by its article's seed hash and its place there: with
            // those, an unchanged page is kept without reading any sentence back.
            let inputs = shown
                .iter()
                .map(|&(i, s, q)| {
                    let seed = seed_keys.get(&site.articles[i].path)?;
                    Some([*seed, view_keys[i], s as u64, q as u64])
                })
                .collect::<Option<Vec<[u64; 4]>>>()
                .map(|parts| {
                    let head = format!(
                        "{}\0{kind}\0{:?}\0{}\0{author_url:?}",
                        e.name,
                        e.variants,
                        e.mentions.len()
                    );
                    let bytes: Vec<u8> = parts
                        .iter()
                        .flatten()
                        .flat_map(|p| p.to_le_bytes())
                        .collect();
                    crate::base::hash::hash_bytes(&[head.as_bytes(), &bytes])
                });
            let path = urls::index_html(&urls::person(&e.slug));
            Ok(vec![self.page_keyed(
                "person.html",
                &path,
                &e.name,
                &[("People", urls::PEOPLE), (&e.name, "")],
                inputs,
                |ctx| {
                    let mentions = mention_views(site, shown, bodies)?;
                    ctx.insert("name", &e.name);
                    ctx.insert("kind", kind);
                    ctx.insert("variants", &e.variants);
                    ctx.insert("mentions", &mentions);
                    ctx.insert("mention_count", &e.mentions.len());
                    ctx.insert("author_url", &author_url);
                    Ok(())
                },
            )?])
        })?);
        Ok(out)
    }

    pub(super) fn publication_pages(
        &self,
        site: &Site,
        sink: &dyn crate::base::output::Sink,
    ) -> Result<Vec<OutputFile>> {
        let mut out = Vec::new();
        let entries: Vec<_> = site
            .publications
            .iter()
            .map(super::entries::Counted::publication)
            .collect();
        out.push(self.page(
            "publications.html",
            &urls::index_html(urls::PUBLICATIONS),
            "Publications",
            &[("Publications", "")],
            |ctx| ctx.insert("publications", &entries),
        )?);
        out.extend(super::par_pages(&site.publications, sink, |p| {
            let base = urls::publication(&p.slug);
            self.list_pages(
                site,
                sink,
                &base,
                &p.name,
                &[("Publications", urls::PUBLICATIONS)],
                &p.articles,
                None,
                &|ctx, _| {
                    ctx.insert("heading", &p.name);
                    ctx.insert("kind", "publication");
                    ctx.insert("intro", "Articles published or republished by this outlet.");
                },
            )
        })?);
        Ok(out)
    }
}
