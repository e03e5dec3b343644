//! The search index's encodings and text on made-up input.

use super::fragment::html_text;
use super::postings::key;
use super::*;

/// The client's reading of a postings string (static/search.js `decode`).
fn decode(s: &str) -> Vec<(u32, u8)> {
    let digit = |c: u8| DIGITS.iter().position(|&d| d == c).unwrap() as u64;
    let sparse = |s: &[u8]| {
        let (mut out, mut id, mut n, mut shift) = (Vec::new(), 0u64, 0u64, 0);
        for &c in s {
            let v = digit(c);
            n += (v & 31) << shift;
            if v & 32 != 0 {
                shift += 5;
                continue;
            }
            id += n / 16;
            out.push((id as u32, (n % 16) as u8));
            id += 1;
            (n, shift) = (0, 0);
        }
        out
    };
    let b = s.as_bytes();
    if b[0] == b's' {
        return sparse(&b[1..]);
    }
    let dot = s.find('.').unwrap();
    let top = sparse(&b[dot + 1..]);
    let mut out = Vec::new();
    for (i, &c) in b[1..dot].iter().enumerate() {
        for bit in 0..6 {
            if digit(c) & (1 << bit) != 0 {
                let id = (i * 6 + bit) as u32;
                let w = top.iter().find(|p| p.0 == id).map_or(1, |p| p.1);
                out.push((id, w));
            }
        }
    }
    out
}

#[test]
fn sparse_postings_round_trip_with_their_weights() {
    let p = vec![(0, 3), (1, 15), (40, 1), (1_000, 7), (99_999, 2)];
    let s = encode(&p, 100_000);
    assert!(s.starts_with('s'), "{s}");
    assert_eq!(decode(&s), p);
    // Neighbours with small weights take one digit each.
    assert_eq!(encode(&[(0, 1), (1, 2), (2, 3)], 10), "sBCD");
}

#[test]
fn a_key_in_most_articles_is_a_bitmap_with_its_best_weights() {
    let p: Vec<Posting> = (0..10_000u32)
        .filter(|i| i % 3 != 0)
        .map(|i| (i, if i % 997 == 1 { 15 } else { 2 }))
        .collect();
    let s = encode(&p, 10_000);
    assert!(s.starts_with('b'), "{}", &s[..20]);
    assert!(s.len() < 10_000 / 6 + 3 * DENSE_TOP, "{}", s.len());
    let back = decode(&s);
    assert_eq!(
        back.iter().map(|p| p.0).collect::<Vec<_>>(),
        p.iter().map(|p| p.0).collect::<Vec<_>>()
    );
    // The heavy ones keep their weight; the rest of the best 500 keep 2, others read 1.
    assert!(back.iter().filter(|p| p.0 % 997 == 1).all(|p| p.1 == 15));
}

#[test]
fn shards_split_by_one_more_character_when_too_big() {
    let big = SHARD_BYTES / 3 + 1;
    let keys = [
        ("ta", 10),
        ("tar", big),
        ("tari", big),
        ("tax", big),
        ("to", 10),
        ("의원", 10),
    ];
    let mut out = Vec::new();
    shards(&keys, 1, &mut out, 0);
    let names: Vec<(&str, usize, usize)> =
        out.iter().map(|(p, a, b)| (p.as_str(), *a, *b)).collect();
    // "t*" is too big: by two characters, then "ta*" by three ("ta" stays in "ta").
    assert_eq!(
        names,
        [
            ("ta", 0, 1),
            ("tar", 1, 3),
            ("tax", 3, 4),
            ("to", 4, 5),
            ("의", 5, 6)
        ]
    );
}

#[test]
fn body_html_becomes_text_a_block_a_line() {
    let html = "<h2 id=\"x\">Steel &amp; <em>tariffs</em></h2>\n<p>Rates rose &gt; 25%&#8212;again.<br>Then&nbsp;fell.</p><ul><li>A &#x3c;b&#x3e;</li><li>&bogus; & more</li></ul>";
    assert_eq!(
        html_text(html),
        "Steel & tariffs\n\nRates rose > 25%\u{2014}again.\nThen\u{a0}fell.\nA <b>\n&bogus; & more"
    );
}

#[test]
fn shard_files_spell_other_characters_as_hex() {
    assert_eq!(shard_file("ta"), "search/terms/ta_.json");
    assert_eq!(shard_file("con"), "search/terms/con_.json");
    assert_eq!(shard_file("관세"), "search/terms/_ad00__c138__.json");
}

/// tests/fixtures/search/stems.tsv is rust-stemmers' word -> stem table over the
/// seeds', the fixtures' and the generated corpus's words; the browser suite checks
/// the client's stemmer against the same file. DOSSIER_UPDATE_STEMS=1 rewrites it
/// from its own words.
#[test]
fn stem_table_is_rust_stemmers_english() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/search/stems.tsv"
    );
    let table = std::fs::read_to_string(path).unwrap();
    let stemmer = Stemmer::create(Algorithm::English);
    if std::env::var_os("DOSSIER_UPDATE_STEMS").is_some() {
        let out: String = table
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .filter(|w| !w.is_empty())
            .map(|w| format!("{w}\t{}\n", key(&stemmer, w)))
            .collect();
        std::fs::write(path, out).unwrap();
        return;
    }
    let mut n = 0;
    for line in table.lines() {
        let (word, stem) = line.split_once('\t').unwrap();
        assert_eq!(key(&stemmer, word), stem, "{word}");
        n += 1;
    }
    assert!(n > 20_000, "{n} words");
}

#[test]
fn encoded_len_is_exact_for_varints_and_near_for_bitmaps() {
    let pack =
        |p: &[Posting]| -> Vec<u32> { p.iter().map(|&(id, w)| id << 4 | u32::from(w)).collect() };
    let sparse: Vec<Posting> = vec![(0, 3), (1, 15), (40, 1), (1_000, 7), (99_999, 2)];
    assert_eq!(
        encoded_len(&pack(&sparse), 100_000),
        encode(&sparse, 100_000).len()
    );
    let dense: Vec<Posting> = (0..10_000u32).map(|i| (i, 1 + (i % 5) as u8)).collect();
    let (len, real) = (
        encoded_len(&pack(&dense), 10_000),
        encode(&dense, 10_000).len(),
    );
    assert!(real.abs_diff(len) <= DENSE_TOP, "{len} vs {real}");
}
