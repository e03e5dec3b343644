//! The HTML extractors dossier builds on, run alone, for `scripts/eval-cleaning`:
//! `cargo run --release --example extractors -- rs-trafilatura|dom_smoothie FILE...`
//! prints one `inspect --json`-shaped line per file (`source`, `title`, `blocks`),
//! the body split into paragraphs at line breaks, as the scorer reads it.

use std::io::Write;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for path in args {
        let html = std::fs::read_to_string(&path).unwrap_or_default();
        let (title, text) = match which.as_str() {
            "dom_smoothie" => {
                let cfg = dom_smoothie::Config {
                    text_mode: dom_smoothie::TextMode::Formatted,
                    ..Default::default()
                };
                dom_smoothie::Readability::new(html.as_str(), None, Some(cfg))
                    .and_then(|mut r| r.parse())
                    .map(|a| (a.title, a.text_content.to_string()))
                    .unwrap_or_default()
            }
            "rs-trafilatura" => rs_trafilatura::extract(&html)
                .map(|r| (r.metadata.title.unwrap_or_default(), r.content_text))
                .unwrap_or_default(),
            other => anyhow::bail!("unknown extractor {other:?}: rs-trafilatura or dom_smoothie"),
        };
        let blocks: Vec<_> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::json!({"type": "paragraph", "text": l}))
            .collect();
        let record = serde_json::json!({"source": path, "title": title, "blocks": blocks});
        writeln!(out, "{record}")?;
    }
    Ok(())
}
