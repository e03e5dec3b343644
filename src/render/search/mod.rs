//! Client-side full-text search over a sharded index (no monolithic file, no server).
//!
//! Steps, in order:
//! 1. Every vocabulary word gets its index key: Snowball English stem for words of
//!    ASCII letters ("tariffs", "tariff" -> "tariff"; `static/search.js` carries a
//!    port of the same stemmer, checked against this one on `tests/fixtures/search/stems.tsv`),
//!    the word itself for numbers, mixed words and CJK two-letter grams.
//! 2. Postings: for every key, every article holding it (no cap: filters and counts
//!    cover all matches), in id order, each with a weight 1-15 (BM25's term-frequency
//!    part, quantised, +4 when the key is in the title); see [`postings`]. An
//!    article's id is its place in site order counted from the end (oldest first):
//!    "sort by date" is id order reversed, a year is a run of ids, and a new article,
//!    usually the newest, takes a new id instead of shifting every other.
//! 3. Shards: keys grouped by their first two characters, a group over
//!    [`SHARD_BYTES`] split by one more character, and so on, so a one-word query
//!    moves one small file whatever the corpus size. A shard whose postings are
//!    those the previous build wrote it from is kept, not encoded again.
//! 4. Filter sets (topic, author, publication), each a file fetched only when that
//!    filter is chosen (kept like shards); years are id ranges in `meta.json`.
//! 5. One fragment per article (title, URL, date, authors, topics, body text),
//!    fetched only for the results shown: the excerpt with the matched
//!    words marked, and the check of a quoted phrase. A fragment made from the same
//!    inputs as one of the previous build's is kept without reading its body back,
//!    even when its article's id moved (an article added or removed before it).
//!
//! Layout under `search/`: `meta.json`, `terms/<prefix>_.json` (see [`shard_file`]),
//! `filters/<kind>-<n>.json`, `f/<id>.json`.
//!
//! Postings are strings of base64url digits (see [`Varints`]): `s` then, per
//! article, `(id gap) * 16 + weight` as a varint; or, for a key in many articles,
//! `b` + a bitmap of all of them (6 ids a digit) + `.` + the best [`DENSE_TOP`] as
//! above; the rest weigh 1.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::views::topic_hue;
use super::OutputFile;
use crate::base::output::Sink;
use crate::bodies::Bodies;
use crate::clean::lines::STOP_WORDS;
use crate::config::Config;
use crate::model::{Article, DateBasis};
use crate::site::Site;

mod fragment;
mod postings;
mod varint;

use fragment::{fragment, fragment_key};
use postings::{keys, postings};
use varint::*;

/// A shard is split by one more character above this size. 24 KB: one request
/// well under the 100 KB a query may move, and ~3,000 shard names at 100,000
/// articles in `meta.json` (measured in docs/search.md).
const SHARD_BYTES: usize = 24 * 1024;

/// The article with search id `id`.
fn article(site: &Site, id: u32) -> &Article {
    &site.articles[site.articles.len() - 1 - id as usize]
}

/// Group sorted `(key, bytes)` under `prefix` into shards (module docs, step 3):
/// returns each shard's prefix and the range of `keys` it holds.
fn shards(
    keys: &[(&str, usize)],
    prefix_len: usize,
    out: &mut Vec<(String, usize, usize)>,
    start: usize,
) {
    let mut i = 0;
    while i < keys.len() {
        let p: String = keys[i].0.chars().take(prefix_len).collect();
        let mut j = i;
        let mut bytes = 0;
        while j < keys.len() && keys[j].0.starts_with(p.as_str()) {
            bytes += keys[j].1;
            j += 1;
        }
        let group = &keys[i..j];
        // Within a call every key has at least `prefix_len` characters (the key
        // equal to the parent's prefix stayed with the parent).
        let longer = group.iter().any(|k| k.0.chars().count() > prefix_len);
        if bytes <= SHARD_BYTES || !longer {
            out.push((p, start + i, start + j));
        } else {
            // The key that is the prefix itself stays in the prefix's shard.
            let mut first = i;
            if keys[i].0 == p {
                out.push((p, start + i, start + i + 1));
                first = i + 1;
            }
            shards(&keys[first..j], prefix_len + 1, out, start + first);
        }
        i = j;
    }
}

/// A shard's file name, as `static/search.js` spells it: ASCII letters and digits
/// kept, any other character as `_<hex>_`; then `_.json` (so no name is one
/// Windows reserves, like `con`).
pub fn shard_file(prefix: &str) -> String {
    let mut name = String::new();
    for c in prefix.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}_", c as u32));
        }
    }
    format!("search/terms/{name}_.json")
}

#[derive(Serialize)]
struct Meta {
    docs: usize,
    /// (id, label, palette slot): the slot gives results' topic badges their colour.
    topics: Vec<(String, String, usize)>,
    authors: Vec<String>,
    publications: Vec<String>,
    /// (year, id ranges [start, end)), newest year first.
    years: Vec<(i32, Vec<(u32, u32)>)>,
    /// The shard prefixes written, space-separated.
    shards: String,
    /// Words never indexed (the tokeniser drops them).
    stop_words: Vec<&'static str>,
}

fn year(a: &Article) -> Option<i32> {
    (a.date.basis != DateBasis::Unknown)
        .then_some(a.date.value)
        .flatten()
        .map(|d| d.year)
}

fn file(path: String, bytes: Vec<u8>) -> OutputFile {
    OutputFile {
        path,
        bytes,
        ..Default::default()
    }
}

/// A file with the hash of what it was made from (see [`Sink::keep`]).
fn keyed(path: String, bytes: Vec<u8>, key: u64) -> OutputFile {
    OutputFile {
        key: Some(key),
        ..file(path, bytes)
    }
}

/// The start of an index file's input hash: this binary (the encoding is its),
/// the file, and a bitmap's length (the only way the corpus size shows in it).
fn inputs_hash(stamp: &str, path: &str, docs: usize) -> Xxh3 {
    let mut h = Xxh3::new();
    for part in [stamp, path, &docs.div_ceil(6).to_string()] {
        h.update(part.as_bytes());
        h.update(&[0]);
    }
    h
}

fn update_u32s(h: &mut Xxh3, xs: &[u32]) {
    let bytes: Vec<u8> = xs.iter().flat_map(|x| x.to_le_bytes()).collect();
    h.update(&bytes);
}

/// Filter files for one kind: the ids of the articles whose `values` include each
/// name; each kept as the previous build wrote it when its ids are the same.
fn filter_files<'a>(
    kind: &str,
    names: &[String],
    site: &'a Site,
    sink: &dyn Sink,
    stamp: &str,
    values: impl Fn(&'a Article) -> Vec<&'a str> + Sync,
) -> anyhow::Result<Vec<OutputFile>> {
    let slot: rustc_hash::FxHashMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(n, x)| (x.as_str(), n))
        .collect();
    let mut sets: Vec<Vec<u32>> = vec![Vec::new(); names.len()];
    for id in 0..site.articles.len() as u32 {
        for v in values(article(site, id)) {
            if let Some(&n) = slot.get(v) {
                if sets[n].last() != Some(&id) {
                    sets[n].push(id);
                }
            }
        }
    }
    let docs = site.articles.len();
    let mut out = Vec::new();
    for (n, ids) in sets.iter().enumerate() {
        let path = format!("search/filters/{kind}-{n}.json");
        let mut h = inputs_hash(stamp, &path, docs);
        update_u32s(&mut h, ids);
        let key = h.digest().max(1);
        if !sink.keep(&path, key)? {
            let body = serde_json::to_vec(&encode_set(ids, docs)).unwrap_or_default();
            out.push(keyed(path, body, key));
        }
    }
    Ok(out)
}

/// The index's files: fragments put into `sink` as they are made, the rest returned.
/// `body_key(i)`: a hash of what article `i`'s body is made from (none: unknown).
pub fn index(
    config: &Config,
    site: &Site,
    bodies: &dyn Bodies,
    sink: &dyn Sink,
    body_key: &(dyn Fn(usize) -> Option<u64> + Sync),
) -> anyhow::Result<Vec<OutputFile>> {
    let started = std::time::Instant::now();
    let stemmer = Stemmer::create(Algorithm::English);
    let docs = site.articles.len();
    let (keys, key_of) = keys(site, &stemmer);
    let lists = postings(site, &key_of, keys.len());
    let present: Vec<(&str, &[u32])> = keys
        .iter()
        .zip(&lists)
        .filter(|(_, l)| !l.is_empty())
        .map(|(k, l)| (k.as_str(), l.as_slice()))
        .collect();
    let sizes: Vec<(&str, usize)> = present
        .iter()
        .map(|(k, l)| (*k, k.len() + 6 + encoded_len(l, docs)))
        .collect();
    let mut groups = Vec::new();
    shards(&sizes, 1, &mut groups, 0);
    // A shard is encoded only when its postings differ from those the previous
    // build wrote it from (the key below covers every byte it holds).
    let stamp = crate::base::hash::binary_stamp();
    let rendered: Vec<Option<OutputFile>> = groups
        .par_iter()
        .map(|(prefix, from, to)| {
            let path = shard_file(prefix);
            let terms = &present[*from..*to];
            let mut h = inputs_hash(&stamp, &path, docs);
            for (k, l) in terms {
                h.update(k.as_bytes());
                update_u32s(&mut h, &[l.len() as u32]);
                update_u32s(&mut h, l);
            }
            let key = h.digest().max(1);
            if sink.keep(&path, key)? {
                return Ok(None);
            }
            let terms: BTreeMap<&str, String> = terms
                .iter()
                .map(|(k, l)| {
                    let l: Vec<Posting> = l.iter().map(|&p| unpack(p)).collect();
                    (*k, encode(&l, docs))
                })
                .collect();
            let body = serde_json::to_vec(&terms).unwrap_or_default();
            Ok(Some(keyed(path, body, key)))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut out: Vec<OutputFile> = rendered.into_iter().flatten().collect();
    // Fragments go to the sink one by one: together they are the size of the bodies.
    // One made from the same inputs as a fragment of the previous build (see
    // [`fragment_key`]) is kept without reading its body back, even from another
    // path (ids shift when an article is added or removed before others).
    (0..docs).into_par_iter().try_for_each(|id| {
        let path = format!("search/f/{id}.json");
        let a = article(site, id as u32);
        let key = body_key(docs - 1 - id).map(|k| fragment_key(a, k));
        if let Some(k) = key {
            if sink.keep_moved(&path, k)? {
                return Ok(());
            }
        }
        let bytes = fragment(&*bodies.restore(a)?);
        sink.put_keyed(file(path, bytes), key)
    })?;

    let topic_ids: Vec<String> = config.topics.iter().map(|t| t.id.clone()).collect();
    let authors: Vec<String> = site.authors.iter().map(|a| a.name.clone()).collect();
    let publications: Vec<String> = site.publications.iter().map(|p| p.name.clone()).collect();
    out.extend(filter_files(
        "topic",
        &topic_ids,
        site,
        sink,
        &stamp,
        |a| a.topics.iter().map(|t| t.id.as_str()).collect(),
    )?);
    out.extend(filter_files("author", &authors, site, sink, &stamp, |a| {
        a.authors.iter().map(String::as_str).collect()
    })?);
    out.extend(filter_files(
        "publication",
        &publications,
        site,
        sink,
        &stamp,
        |a| a.publication.as_deref().into_iter().collect(),
    )?);

    let mut years: BTreeMap<i32, Vec<(u32, u32)>> = BTreeMap::new();
    for id in 0..docs as u32 {
        let Some(y) = year(article(site, id)) else {
            continue;
        };
        let ranges = years.entry(y).or_default();
        match ranges.last_mut() {
            Some(last) if last.1 == id => last.1 += 1,
            _ => ranges.push((id, id + 1)),
        }
    }
    let meta = Meta {
        docs,
        topics: config
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.label.clone(), topic_hue(config, &t.id)))
            .collect(),
        authors,
        publications,
        years: years.into_iter().rev().collect(),
        shards: groups
            .iter()
            .map(|g| g.0.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        stop_words: STOP_WORDS.to_vec(),
    };
    out.push(file(
        "search/meta.json".into(),
        serde_json::to_vec(&meta).unwrap_or_default(),
    ));
    // For bench/search.sh: the index's own time (it runs beside other pages).
    if std::env::var_os("DOSSIER_SEARCH_TIMING").is_some() {
        eprintln!("search index: {:.3} s", started.elapsed().as_secs_f64());
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
