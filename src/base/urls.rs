//! The site's URL scheme: every page's folder, relative to the site root, is spelled
//! here and nowhere else. Each is a folder with an `index.html` (and pages 2, 3, ...
//! under `page/N/`, see `render::views::page_url`); README "URL layout" lists them.

/// The folder of all dated lists: `dates/`.
pub const ARCHIVE: &str = "dates/";
/// Articles with no date: `dates/undated/`.
pub const UNDATED: &str = "dates/undated/";
/// The list of authors: `authors/`.
pub const AUTHORS: &str = "authors/";
/// The list of topics: `topics/`.
pub const TOPICS: &str = "topics/";
/// The list of people named in the articles: `people/`.
pub const PEOPLE: &str = "people/";
/// The list of publications: `publications/`.
pub const PUBLICATIONS: &str = "publications/";

/// An article's page: `articles/<slug>/`.
pub fn article(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// An author's page: `authors/<slug>/`.
pub fn author(slug: &str) -> String {
    format!("authors/{slug}/")
}

/// A topic's page: `topics/<id>/`.
pub fn topic(id: &str) -> String {
    format!("topics/{id}/")
}

/// A month of the archive: `dates/<yyyy>/<mm>/`.
pub fn month(year: i32, month: u32) -> String {
    format!("dates/{year:04}/{month:02}/")
}

/// A person's page: `people/<slug>/`.
pub fn person(slug: &str) -> String {
    format!("people/{slug}/")
}

/// A publication's page: `publications/<slug>/`.
pub fn publication(slug: &str) -> String {
    format!("publications/{slug}/")
}

/// The page file of a folder: `<folder>index.html`.
pub fn index_html(folder: &str) -> String {
    format!("{folder}index.html")
}

/// The Atom feed of a folder: `<folder>feed.xml`.
pub fn feed(folder: &str) -> String {
    format!("{folder}feed.xml")
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_zero_padded() {
        assert_eq!(super::month(2025, 6), "dates/2025/06/");
        assert_eq!(super::month(987, 12), "dates/0987/12/");
    }
}
