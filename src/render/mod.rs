//! Render: site model -> pages (bytes in memory, written by `write`).
//!
//! 1. Load templates: the built-ins embedded in the binary, then the user's
//!    `templates/*.html`, which win file by file ([`templates`]).
//! 2. Build a view struct per page ([`views`]) and render it with tera
//!    (autoescaping on: everything from a seed is escaped).
//! 3. Add the static assets: built-in CSS, syntect's class CSS, then the
//!    user's `static/` files, which win file by file.
//!
//! Pages link relatively (`root` is "../../" on an article page), so a site
//! works under any subpath and from disk; `base_url` is for absolute links.

mod assets;
mod briefing;
pub(crate) mod charts;
mod entries;
mod indexes;
pub(crate) mod publish;
pub mod search;
pub(crate) mod seed_files;
mod templates;
pub mod views;

pub use crate::discover::user_static_files;
pub use assets::BUILTIN_STATIC;
pub use templates::{error_chain, fingerprint, load_templates, BUILTIN_TEMPLATES};
use templates::{fingerprint_with, load_templates_hashed};

use std::path::Path;

use anyhow::{Context, Result};
use serde::Serialize;
use tera::Tera;

use crate::base::urls;
use crate::config::Config;
use crate::site::Site;
use views::*;

use crate::base::output::Sink;
use crate::bodies::Bodies;

/// The hash of each seed's bytes (and sidecar's), by the seed's path: what the
/// article cache keys on, reused to tell which pages need rendering again.
pub type SeedKeys = std::collections::HashMap<std::path::PathBuf, u64>;

/// Lists longer than this (an author's, a topic's, a month's) continue on `page/2/`, ...:
/// about a screenful of a year's output for a busy desk, and light enough for a phone.
pub const PER_PAGE: usize = 50;

pub use crate::base::html::{escape_html, unescape_html};
pub use crate::base::output::OutputFile;

pub struct Renderer<'a> {
    tera: Tera,
    config: &'a Config,
    /// What every page's bytes depend on besides its own data: the dossier binary,
    /// the templates and the configuration (see [`Renderer::article_key`]).
    fingerprint: u64,
    /// The input hash each file of the previous build was rendered from, for the
    /// files still in the output: a page whose inputs hash the same is not rendered.
    prior: std::collections::HashMap<String, u64>,
    /// See [`Renderer::view_keys`].
    view_keys: std::sync::OnceLock<Vec<u64>>,
}

/// What the walks of the user's `static/` and `templates/` left out: symlinks that
/// lead outside the project root (never followed, so nothing from elsewhere on the
/// machine is published), loops and unreadable entries. A build reports them with
/// the seeds' warnings.
pub fn asset_warnings(root: &Path) -> Vec<crate::base::warning::Warning> {
    let mut warnings = Vec::new();
    for (name, depth) in [("static", usize::MAX), ("templates", 1)] {
        let dir = root.join(name);
        if dir.is_dir() {
            warnings.extend(crate::discover::walk_inside(root, &dir, depth, false).1);
        }
    }
    warnings
}

#[derive(Serialize)]
struct Breadcrumb {
    title: String,
    url: String,
}

impl<'a> Renderer<'a> {
    pub fn new(config: &'a Config) -> Result<Renderer<'a>> {
        let (tera, templates) = load_templates_hashed(&config.root)?;
        let fingerprint = fingerprint_with(config, templates);
        Ok(Renderer {
            tera,
            config,
            fingerprint,
            prior: Default::default(),
            view_keys: Default::default(),
        })
    }

    /// A hash of what every page depends on besides its data: the binary, the
    /// templates, `book.toml` and the site settings.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Tell the renderer what the previous build's files were rendered from
    /// (path -> input hash; see `write::Staging::prior`).
    pub fn remember(&mut self, prior: std::collections::HashMap<String, u64>) {
        self.prior = prior;
    }

    /// A hash of everything article page `i` is rendered from: the article itself
    /// (its seed's hash from `seed_keys`, which the cache already computed, its
    /// slug, and where its seed is: the page shows its source path, which a renamed
    /// seed changes without changing its bytes), the articles it links (related, older, newer: their titles and slugs),
    /// the people it names, its other outlets, and the [`Renderer`]'s fingerprint.
    /// `None` when the seed's hash is unknown (the page is then always rendered).
    fn article_key(
        &self,
        site: &Site,
        i: usize,
        seed_keys: &SeedKeys,
        links: &seed_files::SeedLinks,
    ) -> Option<u64> {
        let a = &site.articles[i];
        let seed = *seed_keys.get(&a.path)?;
        let mut parts: Vec<String> = vec![
            format!("{seed:x}"),
            a.slug.clone(),
            site.cite_keys[i].clone(),
            a.source.clone(),
            a.path.to_string_lossy().into_owned(),
        ];
        let (older, newer) = site.neighbours[i];
        let linked = site.related[i].iter().copied().chain([usize::MAX]);
        for j in linked.chain(older).chain([usize::MAX]).chain(newer) {
            match site.articles.get(j) {
                Some(b) => {
                    parts.push(b.title.clone());
                    parts.push(b.slug.clone());
                }
                None => parts.push("\0".into()),
            }
        }
        for &e in &site.article_entities[i] {
            let e = &site.entities[e];
            parts.push(format!("{:?}\0{}\0{}", e.kind, e.name, e.slug));
        }
        for o in &site.other_sources[i] {
            parts.push(format!("{:?}\0{}", o.publication, o.source));
        }
        // Links to other seeds show those articles' slugs.
        parts.extend(links.key_parts(site, i));
        let fp = self.fingerprint.to_le_bytes();
        let bytes: Vec<&[u8]> = std::iter::once(&fp[..])
            .chain(parts.iter().map(|p| p.as_bytes()))
            .collect();
        Some(crate::base::hash::hash_bytes(&bytes))
    }

    /// Render `template` at `path` (e.g. "articles/x/index.html") with `fill` adding page fields.
    fn page(
        &self,
        template: &str,
        path: &str,
        title: &str,
        crumbs: &[(&str, &str)],
        fill: impl FnOnce(&mut tera::Context),
    ) -> Result<OutputFile> {
        self.page_keyed(template, path, title, crumbs, None, |ctx| {
            fill(ctx);
            Ok(())
        })
    }

    /// [`Renderer::page`], for a caller that knows a hash of everything `fill` adds
    /// (`inputs`): the page's key is then worked out without building its context,
    /// and `fill` (which may read from disk, and fail) runs only for a page rendered.
    fn page_keyed(
        &self,
        template: &str,
        path: &str,
        title: &str,
        crumbs: &[(&str, &str)],
        inputs: Option<u64>,
        fill: impl FnOnce(&mut tera::Context) -> Result<()>,
    ) -> Result<OutputFile> {
        // What the page is rendered from: the templates and settings, its place and
        // trail, and its data. An unchanged page is kept as the previous build wrote it.
        let key_of = |data: &[u8]| {
            let crumbs = format!("{crumbs:?}");
            crate::base::hash::hash_bytes(&[
                &self.fingerprint.to_le_bytes(),
                template.as_bytes(),
                path.as_bytes(),
                title.as_bytes(),
                crumbs.as_bytes(),
                data,
            ])
        };
        let kept = |key: u64| OutputFile {
            path: path.to_string(),
            key: Some(key),
            kept: true,
            ..Default::default()
        };
        let early = inputs.map(|h| key_of(&h.to_le_bytes()));
        if let Some(key) = early.filter(|k| self.prior.get(path) == Some(k)) {
            return Ok(kept(key));
        }
        let depth = path.matches('/').count();
        let mut ctx = tera::Context::new();
        ctx.insert("site", &SiteView::new(self.config));
        ctx.insert("root", &"../".repeat(depth));
        ctx.insert("page_title", title);
        let page_path = path.trim_end_matches("index.html");
        ctx.insert("page_path", page_path);
        ctx.insert("page_url", &publish::absolute(self.config, page_path));
        let trail: Vec<Breadcrumb> = crumbs
            .iter()
            .map(|(t, u)| Breadcrumb {
                title: t.to_string(),
                url: u.to_string(),
            })
            .collect();
        ctx.insert("breadcrumbs", &trail);
        ctx.insert("topics_all", &self.topic_links());
        fill(&mut ctx)?;
        let key = match early {
            Some(key) => key,
            // Hashing the context costs a fraction of rendering it.
            None => {
                let key = key_of(&serde_json::to_vec(&ctx.clone().into_json()).unwrap_or_default());
                if self.prior.get(path) == Some(&key) {
                    return Ok(kept(key));
                }
                key
            }
        };
        let html = self.tera.render(template, &ctx).map_err(|e| {
            anyhow::anyhow!(
                "rendering {path} with template {template}: {}",
                error_chain(&e)
            )
        })?;
        Ok(OutputFile {
            path: path.to_string(),
            bytes: html.into_bytes(),
            key: Some(key),
            kept: false,
        })
    }

    /// The hash of each article's list entry as serialized (the [`ArticleView`]
    /// list pages show, and whose title and URL person pages show), computed once per
    /// build: list and person pages are keyed by their entries' hashes, so a field
    /// the view gains is in the key without anyone listing it.
    fn view_keys(&self, site: &Site) -> &[u64] {
        self.view_keys.get_or_init(|| {
            use rayon::prelude::*;
            site.articles
                .par_iter()
                .map(|a| {
                    let view = list_entry(self.config, a);
                    crate::base::hash::hash_bytes(&[&bincode::serialize(&view).unwrap_or_default()])
                })
                .collect()
        })
    }

    fn topic_links(&self) -> Vec<Link> {
        self.config
            .topics
            .iter()
            .map(|t| Link {
                title: t.label.clone(),
                url: urls::topic(&t.id),
            })
            .collect()
    }

    fn list(&self, site: &Site, idx: &[usize]) -> Vec<ArticleView> {
        idx.iter()
            .map(|&i| list_entry(self.config, &site.articles[i]))
            .collect()
    }

    /// Render every file of the site into `sink`. Article pages render in
    /// parallel and go to the sink one by one, so memory does not grow with them.
    pub fn render_all(&self, site: &Site, sink: &dyn Sink) -> Result<()> {
        self.render_all_keyed(site, sink, &SeedKeys::new(), &crate::bodies::InMemory)
    }

    /// [`Renderer::render_all`], skipping the article pages whose inputs (see
    /// [`Renderer::article_key`]) are those the sink's previous build rendered them from.
    /// Article bodies are read through `bodies` (the build's body store, or the
    /// articles themselves) for the pages rendered.
    pub fn render_all_keyed(
        &self,
        site: &Site,
        sink: &dyn Sink,
        seed_keys: &SeedKeys,
        bodies: &dyn Bodies,
    ) -> Result<()> {
        use rayon::prelude::*;
        let links = seed_files::SeedLinks::new(self.config, site);
        self.article_pages(site, sink, seed_keys, bodies, &links)?;
        // Index pages, feeds and the search index: independent groups, rendered in
        // parallel, each put as soon as it is done (no group waits for another).
        type Group<'g> = Box<dyn Fn() -> Result<Vec<OutputFile>> + Send + Sync + 'g>;
        let groups: Vec<Group> = vec![
            Box::new(|| Ok(vec![self.home(site)?])),
            Box::new(|| self.author_pages(site, sink)),
            Box::new(|| self.topic_pages(site, sink)),
            Box::new(|| self.date_pages(site, sink)),
            Box::new(|| self.entity_pages(site, sink, bodies, seed_keys)),
            Box::new(|| self.publication_pages(site, sink)),
            Box::new(|| {
                Ok(vec![self.page(
                    "search.html",
                    "search/index.html",
                    "Search",
                    &[("Search", "")],
                    |_| {},
                )?])
            }),
            // 404.html is served at any depth, so it links from the site's base path.
            Box::new(|| {
                Ok(vec![self.page(
                    "404.html",
                    "404.html",
                    "Page not found",
                    &[],
                    |ctx| ctx.insert("root", &self.config.base_url),
                )?])
            }),
            Box::new(|| self.redirect_pages(site)),
            Box::new(|| Ok(publish::feeds(self.config, site))),
            Box::new(|| {
                // What a search fragment shows besides the article's own fields:
                // its body, as this binary and `book.toml` clean its seed.
                search::index(self.config, site, bodies, sink, &|i| {
                    let seed = seed_keys.get(&site.articles[i].path)?;
                    let parts = [seed.to_le_bytes(), self.fingerprint.to_le_bytes()];
                    Some(crate::base::hash::hash_bytes(&[&parts[0], &parts[1]]))
                })
            }),
            Box::new(|| self.static_files()),
        ];
        groups.par_iter().try_for_each(|g| {
            for f in g()? {
                put(sink, f)?;
            }
            Ok::<(), anyhow::Error>(())
        })?;
        let mut pages = sink.html_paths();
        // Redirect pages are old addresses, not pages of the site: not in the sitemap.
        let moved: std::collections::HashSet<String> =
            site.redirects.iter().map(|r| r.path()).collect();
        pages.retain(|p| !moved.contains(p));
        pages.sort();
        for f in publish::site_files(self.config, &pages) {
            sink.put(f)?;
        }
        Ok(())
    }

    /// Every article page into `sink` in parallel, with the files each one links;
    /// a page whose key (see [`Renderer::article_key`]) the sink's previous build
    /// rendered is kept.
    fn article_pages(
        &self,
        site: &Site,
        sink: &dyn Sink,
        seed_keys: &SeedKeys,
        bodies: &dyn Bodies,
        links: &seed_files::SeedLinks,
    ) -> Result<()> {
        use rayon::prelude::*;
        (0..site.articles.len()).into_par_iter().try_for_each(|i| {
            // The files the article links (an image beside its seed) go next to its
            // page, whether the page is rendered again or kept.
            for (path, src) in links.files(&site.articles[i]) {
                let bytes =
                    std::fs::read(&src).with_context(|| format!("reading {}", src.display()))?;
                sink.put(OutputFile {
                    path,
                    bytes,
                    ..Default::default()
                })?;
            }
            let key = self.article_key(site, i, seed_keys, links);
            let path = format!("{}index.html", article_url(&site.articles[i]));
            if let Some(k) = key {
                if sink.keep(&path, k)? {
                    return Ok(());
                }
            }
            sink.put_keyed(self.article(site, i, bodies, links)?, key)
        })
    }

    fn article(
        &self,
        site: &Site,
        i: usize,
        bodies: &dyn Bodies,
        links: &seed_files::SeedLinks,
    ) -> Result<OutputFile> {
        let mut a = bodies.restore(&site.articles[i])?;
        if !a.links.is_empty() {
            if let Some(html) = &a.body_html {
                let html = links.rewrite(site, &a, html);
                a.to_mut().body_html = Some(html);
            }
        }
        let a = a.as_ref();
        let page = article_page(self.config, site, i, a);
        let path = format!("{}index.html", article_url(a));
        let cite = publish::citation(self.config, a, &site.cite_keys[i]);
        let json_ld = publish::json_ld(self.config, a);
        let date = &page.article.date;
        self.page(
            "article.html",
            &path,
            &a.title,
            &[
                ("Archive", urls::ARCHIVE),
                (&date.month, &date.url),
                (&a.title, ""),
            ],
            |ctx| {
                ctx.insert("page", &page);
                ctx.insert("cite", &cite);
                ctx.insert("json_ld", &json_ld);
            },
        )
    }

    /// A page at each old article URL that sends the reader to the article (see
    /// [`crate::aliases`]).
    fn redirect_pages(&self, site: &Site) -> Result<Vec<OutputFile>> {
        site.redirects
            .iter()
            .map(|r| {
                let target = urls::article(&r.to);
                self.page("redirect.html", &r.path(), &r.title, &[], |ctx| {
                    ctx.insert("target_url", &publish::absolute(self.config, &target));
                    ctx.insert("target", &target);
                })
            })
            .collect()
    }

    fn home(&self, site: &Site) -> Result<OutputFile> {
        let latest = self.list(site, &(0..site.articles.len().min(20)).collect::<Vec<_>>());
        let topics: Vec<_> = site
            .topics
            .iter()
            .map(|t| entries::TopicEntry::new(self.config, t))
            .collect();
        let authors: Vec<_> = site.authors.iter().map(entries::Counted::author).collect();
        let title = self.config.title.clone();
        let overview = self.overview(site);
        self.page("index.html", "index.html", &title, &[], |ctx| {
            ctx.insert("overview_svg", &overview);
            ctx.insert("latest", &latest);
            ctx.insert("topics", &topics);
            ctx.insert("authors", &authors);
            ctx.insert("article_count", &site.articles.len());
        })
    }
}

/// Put a rendered file into `sink`, or keep the previous build's (see [`Renderer::page`]).
fn put(sink: &dyn Sink, f: OutputFile) -> Result<()> {
    match f.key {
        Some(key) if f.kept => {
            if !sink.keep(&f.path, key)? {
                anyhow::bail!(
                    "{}: the previous build's file vanished during the build",
                    f.path
                );
            }
            Ok(())
        }
        key => sink.put_keyed(f, key),
    }
}

/// Pages for each of `items`, rendered in parallel and put into `sink` as each item's
/// are done (a first build of 100,000 articles has ~7,000 list pages: held until the
/// end, they would be half a gigabyte). Returns nothing left to put (an empty list),
/// so callers can treat it like any group of pages.
pub(crate) fn par_pages<T: Sync>(
    items: &[T],
    sink: &dyn Sink,
    f: impl Fn(&T) -> Result<Vec<OutputFile>> + Sync + Send,
) -> Result<Vec<OutputFile>> {
    use rayon::prelude::*;
    items.par_iter().try_for_each(|item| {
        for page in f(item)? {
            put(sink, page)?;
        }
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(Vec::new())
}
