//! Charts drawn at build time as inline SVG (no JavaScript): a topic's
//! articles per month, and the home page's topic x month overview.
//! Every label is XML-escaped; the output is well-formed XML.

use super::escape_html;
use super::views::month_name;

/// (year, month) as a single counter for spans.
fn ym_index(y: i32, m: u32) -> i32 {
    y * 12 + m as i32 - 1
}

fn ym_label(i: i32) -> String {
    format!(
        "{} {}",
        &month_name((i.rem_euclid(12) + 1) as u32)[..3],
        i.div_euclid(12)
    )
}

/// Articles per month as bars, every month of the span shown (gaps are zero).
/// `css_class` colours the bars (the topic's colour in the theme).
pub fn timeline_svg(title: &str, counts: &[((i32, u32), usize)], css_class: &str) -> String {
    let Some(first) = counts.iter().map(|((y, m), _)| ym_index(*y, *m)).min() else {
        return String::new();
    };
    let last = counts
        .iter()
        .map(|((y, m), _)| ym_index(*y, *m))
        .max()
        .unwrap_or(first);
    let months = (last - first + 1) as usize;
    let max = counts.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
    let (bar, gap, height, base) = (18usize, 6usize, 80usize, 100usize);
    // 34 px for the axis labels on the left; 40 px on the right so the last
    // month's label ("Aug 2025", about 45 px at 10 px) is not clipped.
    let width = 34 + months * (bar + gap) + 40;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline {cls}\" viewBox=\"0 0 {width} 130\" width=\"{width}\" height=\"130\" role=\"img\" aria-labelledby=\"tl-title\"><title id=\"tl-title\">{t}</title>",
        cls = escape_html(css_class),
        t = escape_html(title)
    );
    let axis_end = 34 + months * (bar + gap);
    svg.push_str(&format!("<line x1=\"30\" y1=\"{base}\" x2=\"{axis_end}\" y2=\"{base}\" class=\"axis\" stroke=\"currentColor\" stroke-width=\"1\"/>"));
    for k in 0..months {
        let i = first + k as i32;
        let count = counts
            .iter()
            .filter(|((y, m), _)| ym_index(*y, *m) == i)
            .map(|(_, c)| *c)
            .sum::<usize>();
        let h = count * height / max;
        let x = 34 + k * (bar + gap);
        svg.push_str(&format!(
            "<rect class=\"bar\" x=\"{x}\" y=\"{}\" width=\"{bar}\" height=\"{h}\" fill=\"currentColor\"><title>{}: {count}</title></rect>",
            base - h,
            escape_html(&ym_label(i))
        ));
        if k == 0 || k + 1 == months || i.rem_euclid(12) == 0 {
            svg.push_str(&format!(
                "<text class=\"label\" x=\"{x}\" y=\"{}\" font-size=\"10\" fill=\"currentColor\">{}</text>",
                base + 14,
                escape_html(&ym_label(i))
            ));
        }
    }
    svg.push_str(&format!(
        "<text class=\"label\" x=\"0\" y=\"{}\" font-size=\"10\" fill=\"currentColor\">{max}</text></svg>",
        base - height + 4
    ));
    svg
}

/// Articles per (year, month).
pub type MonthCounts = Vec<((i32, u32), usize)>;

/// One row of the overview: a topic and its articles per month.
pub struct OverviewRow {
    pub id: String,
    pub label: String,
    /// Palette slot (`hue-N` in the theme), as for the topic's badges.
    pub hue: usize,
    pub counts: MonthCounts,
}

/// Topic x month grid: one row per topic, one cell per month, shade by count.
/// Cells are coloured by the theme through `topic-<id> hue-<n>` and currentColor.
pub fn overview_svg(rows: &[OverviewRow]) -> String {
    let all: Vec<i32> = rows
        .iter()
        .flat_map(|r| r.counts.iter().map(|((y, m), _)| ym_index(*y, *m)))
        .collect();
    let (Some(first), Some(last)) = (all.iter().min().copied(), all.iter().max().copied()) else {
        return String::new();
    };
    let months = (last - first + 1) as usize;
    let max = rows
        .iter()
        .flat_map(|r| r.counts.iter().map(|(_, n)| *n))
        .max()
        .unwrap_or(1)
        .max(1);
    let (cell, label_w, top) = (20usize, 140usize, 8usize);
    let width = label_w + months * cell + 10;
    let height = top + rows.len() * (cell + 4) + 20;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart overview\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"ov-title\"><title id=\"ov-title\">Articles per topic per month, {} to {}</title>",
        escape_html(&ym_label(first)),
        escape_html(&ym_label(last))
    );
    for (r, row) in rows.iter().enumerate() {
        let (id, label, counts) = (&row.id, &row.label, &row.counts);
        let y = top + r * (cell + 4);
        svg.push_str(&format!(
            "<text class=\"label\" x=\"0\" y=\"{}\" font-size=\"12\" fill=\"currentColor\">{}</text>",
            y + cell - 6,
            escape_html(label)
        ));
        for k in 0..months {
            let i = first + k as i32;
            let n: usize = counts
                .iter()
                .filter(|((yy, m), _)| ym_index(*yy, *m) == i)
                .map(|(_, c)| *c)
                .sum();
            let opacity = if n == 0 {
                0.08
            } else {
                0.25 + 0.75 * n as f64 / max as f64
            };
            svg.push_str(&format!(
                "<rect class=\"cell topic-{} hue-{}\" x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{cell}\" fill=\"currentColor\" fill-opacity=\"{opacity:.2}\"><title>{}, {}: {n}</title></rect>",
                escape_html(id),
                row.hue,
                label_w + k * cell,
                cell - 2,
                escape_html(label),
                escape_html(&ym_label(i))
            ));
        }
    }
    let base = top + rows.len() * (cell + 4) + 12;
    svg.push_str(&format!(
        "<text class=\"label\" x=\"{label_w}\" y=\"{base}\" font-size=\"11\" fill=\"currentColor\">{}</text>",
        escape_html(&ym_label(first))
    ));
    svg.push_str(&format!(
        "<text class=\"label\" x=\"{}\" y=\"{base}\" font-size=\"11\" fill=\"currentColor\" text-anchor=\"end\">{}</text></svg>",
        label_w + months * cell,
        escape_html(&ym_label(last))
    ));
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_is_well_formed_xml_with_a_bar_per_month() {
        let svg = timeline_svg(
            "Taiwan <&> \"articles\"",
            &[((2024, 11), 2), ((2025, 2), 1)],
            "topic-taiwan",
        );
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let bars = doc.descendants().filter(|n| n.has_tag_name("rect")).count();
        assert_eq!(bars, 4, "Nov, Dec, Jan, Feb");
        assert!(doc
            .descendants()
            .any(|n| n.text() == Some("Taiwan <&> \"articles\"")));
    }

    #[test]
    fn overview_is_well_formed_xml_with_a_cell_per_topic_month() {
        let rows = vec![
            OverviewRow {
                id: "tariffs".to_string(),
                label: "Tariffs & trade".to_string(),
                hue: 0,
                counts: vec![((2025, 1), 3)],
            },
            OverviewRow {
                id: "usfk".to_string(),
                label: "U.S. Forces <Korea>".to_string(),
                hue: 3,
                counts: vec![((2025, 3), 1)],
            },
        ];
        let svg = overview_svg(&rows);
        let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
        let cells: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .collect();
        assert_eq!(cells.len(), 2 * 3);
        // Colour comes from the theme: the topic's class and palette slot.
        assert_eq!(
            cells[0].attribute("class"),
            Some("cell topic-tariffs hue-0")
        );
        assert_eq!(cells[5].attribute("class"), Some("cell topic-usfk hue-3"));
    }
}
