//! Index pages: one per author, per topic and per month, each paginated
//! ([`PER_PAGE`] articles a page), plus the lists of authors, topics and months.

use anyhow::Result;

use super::entries::{AuthorEntry, Counted, TopicEntry, YearEntry};
use super::views::*;
use super::{par_pages, OutputFile, Renderer, PER_PAGE};
use crate::base::output::Sink;
use crate::base::urls;
use crate::site::Site;

impl Renderer<'_> {
    pub(super) fn author_pages(&self, site: &Site, sink: &dyn Sink) -> Result<Vec<OutputFile>> {
        let mut out = Vec::new();
        let entries: Vec<_> = site.authors.iter().map(AuthorEntry::new).collect();
        out.push(self.page(
            "authors.html",
            &urls::index_html(urls::AUTHORS),
            "Authors",
            &[("Authors", "")],
            |ctx| ctx.insert("authors", &entries),
        )?);
        out.extend(par_pages(&site.authors, sink, |a| {
            let base = urls::author(&a.slug);
            self.list_pages(
                site,
                sink,
                &base,
                &a.name,
                &[("Authors", urls::AUTHORS)],
                &a.articles,
                None,
                &|ctx, _| {
                    ctx.insert("heading", &a.name);
                    ctx.insert("kind", "author");
                    ctx.insert("intro", &a.bio);
                },
            )
        })?);
        Ok(out)
    }

    pub(super) fn topic_pages(&self, site: &Site, sink: &dyn Sink) -> Result<Vec<OutputFile>> {
        let mut out = Vec::new();
        let entries: Vec<_> = site
            .topics
            .iter()
            .map(|t| TopicEntry::new(self.config, t))
            .collect();
        out.push(self.page(
            "topics.html",
            &urls::index_html(urls::TOPICS),
            "Topics",
            &[("Topics", "")],
            |ctx| ctx.insert("topics", &entries),
        )?);
        out.extend(par_pages(&site.topics, sink, |t| {
            let digest = self.digest(site, &t.id, &t.label, &t.articles);
            let base = urls::topic(&t.id);
            let hue = topic_hue(self.config, &t.id);
            self.list_pages(
                site,
                sink,
                &base,
                &t.label,
                &[("Topics", urls::TOPICS)],
                &t.articles,
                Some(&t.id),
                &|ctx, n| {
                    ctx.insert("heading", &t.label);
                    ctx.insert("kind", "topic");
                    ctx.insert("topic_id", &t.id);
                    // The briefing opens the topic; later pages continue its list.
                    if n == 1 {
                        ctx.insert("digest", &digest);
                    }
                    ctx.insert("topic_hue", &hue);
                    ctx.insert("intro", &t.description);
                },
            )
        })?);
        Ok(out)
    }

    pub(super) fn date_pages(&self, site: &Site, sink: &dyn Sink) -> Result<Vec<OutputFile>> {
        let mut out = Vec::new();
        let mut by_year: std::collections::BTreeMap<i32, Vec<Counted>> = Default::default();
        for m in &site.months {
            by_year.entry(m.year).or_default().push(Counted::month(m));
        }
        let years: Vec<YearEntry> = by_year
            .into_iter()
            .rev()
            .map(|(year, months)| YearEntry { year, months })
            .collect();
        let undated = (!site.undated.is_empty()).then_some(site.undated.len());
        out.push(self.page(
            "dates.html",
            &urls::index_html(urls::ARCHIVE),
            "Archive by date",
            &[("Archive", "")],
            |ctx| {
                ctx.insert("years", &years);
                ctx.insert("undated_count", &undated);
            },
        )?);
        out.extend(par_pages(&site.months, sink, |m| {
            let title = format!("{} {}", month_name(m.month), m.year);
            let base = urls::month(m.year, m.month);
            self.list_pages(
                site,
                sink,
                &base,
                &title,
                &[("Archive", urls::ARCHIVE)],
                &m.articles,
                None,
                &|ctx, _| {
                    ctx.insert("heading", &title);
                    ctx.insert("kind", "month");
                },
            )
        })?);
        if !site.undated.is_empty() {
            out.extend(self.list_pages(
                site,
                sink,
                urls::UNDATED,
                "Undated",
                &[("Archive", urls::ARCHIVE)],
                &site.undated,
                None,
                &|ctx, _| {
                    ctx.insert("heading", "Undated");
                    ctx.insert("kind", "month");
                    ctx.insert(
                        "intro",
                        "Articles with no stated date and nothing in the text to date them by.",
                    );
                },
            )?);
        }
        Ok(out)
    }

    /// A list page at `base` ("authors/x/"), split into pages of [`PER_PAGE`] articles:
    /// page 1 at `base`, page n at `base` + "page/n/". `crumbs` lead up to the list;
    /// `fill` adds the list's own fields to page n's context. The page's key is the
    /// hash of those fields as serialized, its place in the list and its entries' views
    /// ([`Renderer::view_keys`]): kept unrendered when they are unchanged.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn list_pages(
        &self,
        site: &Site,
        sink: &dyn Sink,
        base: &str,
        title: &str,
        crumbs: &[(&str, &str)],
        idx: &[usize],
        evidence_topic: Option<&str>,
        fill: &(dyn Fn(&mut tera::Context, usize) + Sync),
    ) -> Result<Vec<OutputFile>> {
        let chunks: Vec<&[usize]> = if idx.is_empty() {
            vec![idx]
        } else {
            idx.chunks(PER_PAGE).collect()
        };
        let total = chunks.len();
        let numbered: Vec<(usize, &[usize])> = (1..).zip(chunks).collect();
        let view_keys = self.view_keys(site);
        par_pages(&numbered, sink, |&(n, chunk)| {
            // Everything the page shows: its entries, its place in the list, the list's own
            // fields (as `fill` gives them: a field added there is in the key).
            let mut own = tera::Context::new();
            fill(&mut own, n);
            let own = serde_json::to_vec(&own.into_json()).unwrap_or_default();
            let own = crate::base::hash::hash_bytes(&[&own]);
            let mut parts: Vec<u64> = vec![n as u64, total as u64, idx.len() as u64, own];
            parts.extend(chunk.iter().map(|&i| view_keys[i]));
            let evidence: Vec<&[String]> = match evidence_topic {
                Some(topic) => chunk
                    .iter()
                    .filter_map(|&i| site.articles[i].topics.iter().find(|x| x.id == topic))
                    .map(|t| t.evidence.as_slice())
                    .collect(),
                None => Vec::new(),
            };
            let inputs = crate::base::hash::hash_bytes(&[
                &parts
                    .iter()
                    .flat_map(|p| p.to_le_bytes())
                    .collect::<Vec<u8>>(),
                format!("{base}\0{evidence:?}").as_bytes(),
            ]);
            let path = format!("{}index.html", page_url(base, n));
            let page_label = format!("Page {n} of {total}");
            let mut trail = crumbs.to_vec();
            let page_title = if n == 1 {
                trail.push((title, ""));
                title.to_string()
            } else {
                trail.push((title, base));
                trail.push((&page_label, ""));
                format!("{title}, page {n} of {total}")
            };
            Ok(vec![self.page_keyed(
                "list.html",
                &path,
                &page_title,
                &trail,
                Some(inputs),
                |ctx| {
                    let mut list = self.list(site, chunk);
                    if let Some(topic) = evidence_topic {
                        // On a topic page each entry shows the sentences that earned it the topic.
                        for (view, &i) in list.iter_mut().zip(chunk) {
                            if let Some(tag) =
                                site.articles[i].topics.iter().find(|x| x.id == topic)
                            {
                                view.topic_evidence = tag.evidence.clone();
                            }
                        }
                    }
                    fill(ctx, n);
                    ctx.insert("articles", &list);
                    ctx.insert("article_count", &idx.len());
                    ctx.insert(
                        "pagination",
                        &(total > 1).then(|| Pagination::new(base, n, total)),
                    );
                    Ok(())
                },
            )?])
        })
    }
}
