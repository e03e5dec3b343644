//! Templates: the built-ins embedded in the binary, the user's `templates/*.html`
//! winning file by file, and the fingerprint of them (with the binary, `book.toml`
//! and the site settings) that every page's key and the build's inputs' key hold.

use std::path::Path;

use anyhow::{Context, Result};
use tera::Tera;

use crate::config::Config;

/// Built-in templates: (name, source).
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("list.html", include_str!("../../templates/list.html")),
    ("authors.html", include_str!("../../templates/authors.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("dates.html", include_str!("../../templates/dates.html")),
    ("people.html", include_str!("../../templates/people.html")),
    ("person.html", include_str!("../../templates/person.html")),
    (
        "publications.html",
        include_str!("../../templates/publications.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    (
        "redirect.html",
        include_str!("../../templates/redirect.html"),
    ),
];

/// Load built-in templates, then the user's, each file replacing its built-in namesake.
pub fn load_templates(root: &Path) -> Result<Tera> {
    load_templates_hashed(root).map(|(t, _)| t)
}

/// [`load_templates`], and a hash of every template's name and source.
pub(super) fn load_templates_hashed(root: &Path) -> Result<(Tera, u64)> {
    let sources = template_sources(root)?;
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| anyhow::anyhow!("{}", error_chain(&e)))
        .with_context(|| format!("in templates ({})", root.join("templates").display()))?;
    Ok((tera, hash_sources(&sources)))
}

/// Every template's (name, source): the built-ins, each replaced by the user's
/// namesake in `templates/`, then the user's others, sorted.
fn template_sources(root: &Path) -> Result<Vec<(String, String)>> {
    let mut sources: Vec<(String, String)> = BUILTIN_TEMPLATES
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        let mut user = Vec::new();
        // Symlinks that lead outside the project are not followed (see `asset_warnings`).
        for entry in crate::discover::walk_inside(root, &dir, 1, false).0 {
            let path = entry.path();
            if entry.depth() == 1
                && entry.file_type().is_file()
                && path.extension().is_some_and(|e| e == "html")
            {
                let name = entry.file_name().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("reading {}", path.display()))?;
                user.push((name, text));
            }
        }
        user.sort();
        for (name, text) in user {
            sources.retain(|(n, _)| *n != name);
            sources.push((name, text));
        }
    }
    Ok(sources)
}

fn hash_sources(sources: &[(String, String)]) -> u64 {
    let parts: Vec<&[u8]> = sources
        .iter()
        .flat_map(|(n, s)| [n.as_bytes(), s.as_bytes()])
        .collect();
    crate::base::hash::hash_bytes(&parts)
}

/// A hash of what every page depends on besides its data: this binary, the
/// templates' sources, `book.toml` and the site settings (see [`Renderer::fingerprint`]).
/// Reads the templates without parsing them: a broken template still has a
/// fingerprint, so `serve` notices when it is fixed.
pub fn fingerprint(config: &Config) -> Result<u64> {
    Ok(fingerprint_with(
        config,
        hash_sources(&template_sources(&config.root)?),
    ))
}

pub(super) fn fingerprint_with(c: &Config, templates: u64) -> u64 {
    let settings = format!(
        "{:?}",
        (
            &c.title,
            &c.description,
            &c.authors,
            &c.language,
            &c.base_url,
            &c.cname
        )
    );
    crate::base::hash::hash_bytes(&[
        crate::base::hash::binary_stamp().as_bytes(),
        &templates.to_le_bytes(),
        &c.source_hash.to_le_bytes(),
        settings.as_bytes(),
    ])
}

/// Tera nests the useful message (file, line, what went wrong) in its sources.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut cur = e.source();
    while let Some(s) = cur {
        parts.push(s.to_string());
        cur = s.source();
    }
    parts.join(": ")
}
