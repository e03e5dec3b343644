//! The synthetic corpus behind `examples/gen_corpus.rs` and `benches/clean.rs`.
//!
//! 1. Article `i` is built from its own PRNG stream seeded by `(seed, i)`: the corpus is
//!    deterministic and article `i` is the same whatever the corpus size.
//! 2. An article: one of 50 authors (with a "The author is ..." bio), a date spread over
//!    2022-2025, 1-3 of the default topics discussed through their phrases, 800-1,200
//!    words of prose from the templates in `corpus_vocab.rs`, 1-3 subheadings and 0-2
//!    captions.
//! 3. [`Generator::txt`] renders it as a page-text dump shaped like `shared/seeds`
//!    (breadcrumb, "print dictionary print", byline, "Published:" line, bio, captions
//!    doubled with an agency credit, "Related Article", comment-box lines);
//!    [`Generator::md`] as its Markdown twin with Hugo YAML front matter.

#[path = "corpus_vocab.rs"]
mod vocab;

use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

pub use vocab::AUTHORS;

/// splitmix64: tiny, fast and good enough to pick words; no dependency needed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Rng {
        let mut r = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

pub const TOPIC_IDS: [&str; 4] = ["tariffs", "taiwan", "north-korea", "usfk"];
const TOPIC_BANKS: [&[&str]; 4] = [
    vocab::TARIFFS,
    vocab::TAIWAN,
    vocab::NORTH_KOREA,
    vocab::USFK,
];

/// One piece of an article body, in reading order.
enum Part {
    Para(String),
    Heading(String),
    /// Caption text and its agency credit.
    Caption(String, &'static str),
    /// "Related Article" and the teaser headlines under it.
    Related(Vec<&'static str>),
}

pub struct Article {
    title: String,
    author: usize,
    date: NaiveDate,
    topics: Vec<usize>,
    parts: Vec<Part>,
    pub words: usize,
}

/// Fills templates for one article: leaders and dates depend on the article's date.
struct Writer<'a> {
    rng: Rng,
    slots: &'a HashMap<&'static str, &'static [&'static str]>,
    date: NaiveDate,
}

impl Writer<'_> {
    fn context(&mut self, slot: &str) -> Option<String> {
        let d = self.date;
        let ymd = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("valid date");
        Some(match slot {
            "kr" => if d < ymd(2022, 5, 10) {
                "President Moon Jae-in"
            } else if d < ymd(2024, 12, 14) {
                "President Yoon Suk Yeol"
            } else if d < ymd(2025, 6, 4) {
                "Acting President Han Duck-soo"
            } else {
                "President Lee Jae Myung"
            }
            .to_string(),
            "jp" => if d < ymd(2024, 10, 1) {
                "Prime Minister Kishida Fumio"
            } else if d < ymd(2025, 10, 21) {
                "Prime Minister Ishiba Shigeru"
            } else {
                "Prime Minister Takaichi Sanae"
            }
            .to_string(),
            "us" => if d < ymd(2025, 1, 20) {
                "President Joe Biden"
            } else {
                "President Donald Trump"
            }
            .to_string(),
            "year" => (d.year() - self.rng.range(0, 3) as i32).to_string(),
            "day" => {
                let shot = d - chrono::Days::new(self.rng.range(0, 3) as u64);
                format!("{} {}", shot.format("%B"), shot.day())
            }
            "pct" => self.rng.range(18, 74).to_string(),
            "bn" => self.rng.range(12, 95).to_string(),
            _ => return None,
        })
    }

    /// Replace every `{slot}` (recursively) and capitalise the first letter.
    fn fill(&mut self, template: &str) -> String {
        let text = self.expand(template);
        capitalise(&text)
    }

    fn expand(&mut self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("unclosed slot in template");
            let name = &rest[open + 1..close];
            let value = match self.context(name) {
                Some(v) => v,
                None => {
                    let list = self
                        .slots
                        .get(name)
                        .unwrap_or_else(|| panic!("unknown slot {{{name}}}"));
                    let choice = *self.rng.pick(list);
                    self.expand(choice)
                }
            };
            out.push_str(&value);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    /// Pick a template not used yet in this article (a few tries, then allow repeats).
    fn sentence(&mut self, bank: &'static [&'static str], used: &mut Vec<&'static str>) -> String {
        let mut t = *self.rng.pick(bank);
        for _ in 0..6 {
            if !used.contains(&t) {
                break;
            }
            t = *self.rng.pick(bank);
        }
        used.push(t);
        self.fill(t)
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_lowercase() => f.to_uppercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// Builds articles of one corpus (one seed).
pub struct Generator {
    seed: u64,
    slots: HashMap<&'static str, &'static [&'static str]>,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            seed,
            slots: vocab::SLOTS.iter().copied().collect(),
        }
    }

    /// Article `index` of this corpus.
    pub fn article(&self, index: u64) -> Article {
        generate(self.seed, index, &self.slots)
    }

    /// Article `index` as a page-text dump.
    pub fn txt(&self, a: &Article, index: u64) -> String {
        to_txt(a, &mut Rng::new(self.seed ^ 0x7478_7400, index))
    }

    /// Article `index` as Markdown with Hugo front matter.
    pub fn md(&self, a: &Article, index: u64) -> String {
        to_md(a, index)
    }

    /// Article `index` as Markdown without front matter, laid out as a news archive
    /// exports it: a rubric heading over the `#` headline, the byline and dateline under
    /// it, then the text.
    pub fn md_plain(&self, a: &Article) -> String {
        to_md_plain(a)
    }
}

impl Article {
    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn author(&self) -> &'static str {
        vocab::AUTHORS[self.author]
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }
}

fn generate(
    seed: u64,
    index: u64,
    slots: &HashMap<&'static str, &'static [&'static str]>,
) -> Article {
    let mut rng = Rng::new(seed, index);
    let start = NaiveDate::from_ymd_opt(2022, 1, 1).expect("valid date");
    let date = start + chrono::Days::new(rng.below(1461) as u64); // 2022-01-01 ..= 2025-12-31
    let author = rng.below(vocab::AUTHORS.len());
    let mut topics: Vec<usize> = Vec::new();
    let n_topics = rng.range(1, 3);
    while topics.len() < n_topics {
        let t = rng.below(TOPIC_IDS.len());
        if !topics.contains(&t) {
            topics.push(t);
        }
    }
    topics.sort_unstable();
    let target = rng.range(820, 1140);
    let mut w = Writer { rng, slots, date };

    let title = if w.rng.chance(0.5) {
        let topic = topics[w.rng.below(topics.len())];
        let t = *w.rng.pick(vocab::TOPIC_TITLES[topic]);
        w.fill(t)
    } else {
        let t = *w.rng.pick(vocab::TITLES);
        w.fill(t)
    };

    // Paragraphs: topic paragraphs first (so every chosen topic is discussed), then
    // general ones up to the word budget, shuffled between an opener and a closer.
    let mut used = Vec::new();
    let mut topic_paras: Vec<(Option<usize>, String)> = Vec::new();
    for &t in &topics {
        for _ in 0..w.rng.range(2, if topics.len() == 3 { 2 } else { 3 }) {
            let mut p = Vec::new();
            for k in 0..w.rng.range(4, 6) {
                let bank = if k % 2 == 0 || w.rng.chance(0.3) {
                    TOPIC_BANKS[t]
                } else {
                    vocab::GENERAL
                };
                p.push(w.sentence(bank, &mut used));
            }
            topic_paras.push((Some(t), p.join(" ")));
        }
    }
    let opener = {
        let mut p = vec![w.sentence(vocab::OPENERS, &mut used)];
        for _ in 0..w.rng.range(2, 4) {
            p.push(w.sentence(vocab::GENERAL, &mut used));
        }
        p.join(" ")
    };
    let closer = {
        let mut p = Vec::new();
        for _ in 0..w.rng.range(1, 3) {
            p.push(w.sentence(vocab::GENERAL, &mut used));
        }
        p.push(w.sentence(vocab::CLOSERS, &mut used));
        p.join(" ")
    };
    let mut total =
        words(&opener) + words(&closer) + topic_paras.iter().map(|(_, p)| words(p)).sum::<usize>();
    let mut middle = topic_paras;
    while total < target {
        let n = if target - total < 60 {
            2
        } else {
            w.rng.range(3, 6)
        };
        let p: Vec<String> = (0..n)
            .map(|_| w.sentence(vocab::GENERAL, &mut used))
            .collect();
        let p = p.join(" ");
        total += words(&p);
        middle.push((None, p));
    }
    for i in (1..middle.len()).rev() {
        let j = w.rng.below(i + 1);
        middle.swap(i, j);
    }

    // Subheadings before 1-3 middle paragraphs (a topic paragraph gets a topic heading).
    let mut heading_at = Vec::new();
    let n_headings = w.rng.range(1, 3).min(middle.len());
    while heading_at.len() < n_headings {
        let i = w.rng.below(middle.len());
        if !heading_at.contains(&i) {
            heading_at.push(i);
        }
    }
    let caption_after: Vec<usize> = (0..w.rng.range(0, 2))
        .map(|_| w.rng.below(middle.len().min(4)))
        .collect();
    let related_after = w.rng.chance(0.6).then(|| w.rng.below(middle.len()));

    let mut parts = vec![Part::Para(opener)];
    for (i, (topic, p)) in middle.into_iter().enumerate() {
        if heading_at.contains(&i) {
            let h = match topic {
                Some(t) if w.rng.chance(0.7) => *w.rng.pick(vocab::TOPIC_HEADINGS[t]),
                _ => *w.rng.pick(vocab::HEADINGS),
            };
            parts.push(Part::Heading(w.fill(h)));
        }
        parts.push(Part::Para(p));
        for _ in caption_after.iter().filter(|&&c| c == i) {
            let c = *w.rng.pick(vocab::CAPTIONS);
            let agency = *w.rng.pick(vocab::AGENCIES);
            parts.push(Part::Caption(w.fill(c), agency));
        }
        if related_after == Some(i) {
            let n = w.rng.range(0, 2);
            parts.push(Part::Related(
                (0..n).map(|_| *w.rng.pick(vocab::TEASERS)).collect(),
            ));
        }
    }
    parts.push(Part::Para(closer));
    let words = parts
        .iter()
        .map(|p| match p {
            Part::Para(s) | Part::Heading(s) => words(s),
            _ => 0,
        })
        .sum();
    Article {
        title,
        author,
        date,
        topics,
        parts,
        words,
    }
}

/// "The author is a senior fellow at the Sejong Institute." Fixed per author.
pub fn bio(author: usize) -> String {
    let role = vocab::ROLES[(author * 7 + 3) % vocab::ROLES.len()];
    let inst = vocab::INSTITUTIONS[(author * 11 + 5) % vocab::INSTITUTIONS.len()];
    format!("The author is {}.", role.replace("{inst}", inst))
}

/// The page as a browser's select-all would copy it (shaped like `shared/seeds`).
fn to_txt(a: &Article, rng: &mut Rng) -> String {
    let mut s = String::with_capacity(a.words * 7 + 1024);
    let blank = |rng: &mut Rng| if rng.chance(0.5) { " \n" } else { "\n" };
    let _ = write!(s, "{}\n\n", a.title);
    let section = *rng.pick(&[
        "Columns",
        "Columns",
        "Columns",
        "Editorials",
        "Guest Column",
    ]);
    let _ = write!(
        s,
        "Home > Opinion > {section}\n\nprint dictionary print\n\n"
    );
    let _ = write!(s, "{}\n\n{}\n", a.title, vocab::AUTHORS[a.author]);
    let _ = writeln!(s, "Published: {}", a.date.format("%Y-%m-%d"));
    let _ = write!(s, " \n{} \n \n", bio(a.author));
    for part in &a.parts {
        match part {
            Part::Para(p) => {
                s.push_str(p);
                s.push('\n');
                s.push_str(blank(rng));
            }
            // Subheadings sit directly on their paragraph, as in the seeds.
            Part::Heading(h) => {
                s.push_str(h);
                s.push('\n');
            }
            Part::Caption(c, agency) => {
                let _ = write!(s, "{c} [{agency}]\n\n{c} [{agency}]\n\n");
            }
            Part::Related(teasers) => {
                s.push_str("Related Article\n");
                for t in teasers {
                    s.push_str(t);
                    s.push('\n');
                }
                s.push_str("\n \n");
            }
        }
    }
    if rng.chance(0.5) {
        s.push_str("Translated from the JoongAng Ilbo using generative AI and edited by Korea JoongAng Daily staff.\n");
    }
    s.push_str(
        "Log in to Twitter or Facebook account to connect\nwith the Korea JoongAng Daily\n\
         help-image Social comment?\ns\nlock icon\n\n\
         To write comments, please log in to one of the accounts.\n\n\
         Standards Board Policy (0/250자)",
    );
    s
}

/// The Markdown twin, as a Hugo content file.
fn to_md_plain(a: &Article) -> String {
    let mut s = String::with_capacity(a.words * 7 + 256);
    let rubric = TOPIC_IDS[a.topics[0]].replace('-', " ").to_uppercase();
    let _ = write!(
        s,
        "## {rubric}\n\n# {}\n\nBy {}\n\n{}\n\n",
        a.title,
        vocab::AUTHORS[a.author],
        a.date.format("%B %-d, %Y"),
    );
    for part in &a.parts {
        match part {
            Part::Para(p) => {
                let _ = write!(s, "{p}\n\n");
            }
            Part::Heading(h) => {
                let _ = write!(s, "## {h}\n\n");
            }
            Part::Caption(..) | Part::Related(_) => {}
        }
    }
    s
}

fn to_md(a: &Article, index: u64) -> String {
    let mut s = String::with_capacity(a.words * 7 + 1024);
    let q = |v: &str| serde_json::to_string(v).expect("string serialises");
    let author = vocab::AUTHORS[a.author];
    let topics: Vec<String> = a.topics.iter().map(|&t| q(TOPIC_IDS[t])).collect();
    let _ = write!(
        s,
        "---\ntitle: {}\ndate: {}T09:00:00+09:00\nauthor: {}\nauthors: [{}]\ntopics: [{}]\narchives: [\"{}\"]\n---\n\n",
        q(&a.title),
        a.date.format("%Y-%m-%d"),
        q(author),
        q(author),
        topics.join(", "),
        a.date.format("%Y-%m"),
    );
    let mut figure = 0;
    for part in &a.parts {
        match part {
            Part::Para(p) => {
                let _ = write!(s, "{p}\n\n");
            }
            Part::Heading(h) => {
                let _ = write!(s, "## {h}\n\n");
            }
            Part::Caption(c, agency) => {
                figure += 1;
                let _ = write!(
                    s,
                    "{{{{< figure src=\"/img/{index:05}-{figure}.jpg\" caption=\"{} [{agency}]\" >}}}}\n\n",
                    c.replace('"', "&quot;")
                );
            }
            Part::Related(_) => {}
        }
    }
    let _ = writeln!(s, "*{}*", bio(a.author));
    s
}
