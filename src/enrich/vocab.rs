//! The build's term vocabulary: every search term gets a small integer id, so
//! per-article term lists are compact (two `u32`s a term) and corpus-wide passes
//! (document frequencies, postings) index arrays instead of hashing strings.
//!
//! Ids are assigned in the order terms are first seen and kept in the build
//! cache, so cached articles' term lists stay valid. Nothing a page shows
//! depends on an id's value: outputs order terms by their words.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Vocab {
    words: Vec<Box<str>>,
    #[serde(skip)]
    ids: FxHashMap<Box<str>, u32>,
}

impl Vocab {
    /// The vocabulary of `words`, ids in that order (a cache being read back).
    pub fn from_words(words: Vec<Box<str>>) -> Vocab {
        let ids = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        Vocab { words, ids }
    }

    pub fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// The id of `word`, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        let boxed: Box<str> = word.into();
        self.words.push(boxed.clone());
        self.ids.insert(boxed, id);
        id
    }

    /// The id of `word`, if any article used it.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    pub fn word(&self, id: u32) -> &str {
        self.words.get(id as usize).map_or("", |w| w)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Replace `article`'s term words by ids (sorted by id).
    pub fn intern_article(&mut self, derived: &mut crate::model::Derived) {
        let words = std::mem::take(&mut derived.term_words);
        let mut terms: Vec<(u32, u32)> = words.iter().map(|(w, c)| (self.intern(w), *c)).collect();
        terms.sort_unstable();
        derived.terms = crate::model::TermCounts::new(&terms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_survive_a_round_trip() {
        let mut v = Vocab::default();
        assert_eq!(v.intern("tariff"), 0);
        assert_eq!(v.intern("taiwan"), 1);
        assert_eq!(v.intern("tariff"), 0);
        let mut back = Vocab::from_words(v.words().to_vec());
        assert_eq!(back.intern("taiwan"), 1);
        assert_eq!(back.intern("usfk"), 2);
        assert_eq!(back.word(2), "usfk");
    }
}
