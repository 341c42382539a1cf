//! Re-analysis of only what a change of the user dictionary touches.
//!
//! Every commit keeps a copy of the user dictionary it was analyzed with
//! ([`super::state::Lexicon`]). When the user dictionary changes — entries added, removed or
//! changed, by hand or by `gisa words --add` — the next run diffs the two copies
//! ([`affected`]): the surfaces whose entries differ are the only places where the analysis
//! can differ, because a dictionary entry enters MeCab's lattice only where its surface occurs
//! in the (NFKC-normalized) text; where it does not occur, the lattice and so every term are
//! what they were. The articles to re-analyze are therefore exactly those whose analyzed text
//! contains an affected surface.
//!
//! They are found in the index's own stored text ([`for_each_touched`]: one pass over the
//! document store with an Aho–Corasick automaton of the surfaces, checked on the text as the
//! analyzer sees it), not by re-reading the folder. Looking the surfaces up as terms first
//! cannot be exact: the old analysis of a surface in context is not its analysis alone
//! (`챗지피티를` and `챗지피티` give other pieces) and the stop tags drop pieces altogether (the
//! 어 of `어도어`), so a term lookup misses articles or needs a scan to confirm anyway.
//!
//! A found article is rebuilt from what the index stores ([`document`]): every stored field as
//! stored (title, summary lines and body are stored whole, which is all the analyzed fields
//! are made of), the analyzed text from them, and the dedup key and file size and hash that
//! are not stored from the text and the fast fields. So the rebuilt document is the one
//! `--full` makes from the file — `tests/words.rs` compares the terms and scores of both.

use std::collections::{BTreeMap, BTreeSet};

use aho_corasick::AhoCorasick;
use anyhow::{Result, anyhow};
use tantivy::schema::{OwnedValue, Value};
use tantivy::{Index, TantivyDocument};

use super::document::ArticleDocument;
use super::schema::{self, Fields};
use crate::analysis::normalize;
use crate::dict::user::UserDictionary;

/// The surfaces whose entries differ between two user dictionaries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Affected {
    /// Surfaces only the new dictionary has.
    pub added: Vec<String>,
    /// Surfaces only the old dictionary has.
    pub removed: Vec<String>,
    /// Surfaces both have, with other entries.
    pub changed: Vec<String>,
    /// Other surfaces a run cut short may have re-analyzed for.
    pub interrupted: Vec<String>,
}

impl Affected {
    /// Every affected surface.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        self.added.iter().chain(&self.removed).chain(&self.changed).chain(&self.interrupted).map(String::as_str)
    }

    /// Adds the surfaces of `other` (what a run cut short changed) that are not here yet.
    pub fn include(&mut self, other: Affected) {
        let known: BTreeSet<String> = self.surfaces().map(str::to_owned).collect();
        let new: BTreeSet<String> = other.surfaces().filter(|s| !known.contains(*s)).map(str::to_owned).collect();
        self.interrupted.extend(new);
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty() && self.interrupted.is_empty()
    }
}

/// Surface → the keys of its entries (see [`crate::dict::user::UserEntry::key`]).
fn entries(dict: Option<&UserDictionary>) -> BTreeMap<&str, BTreeSet<String>> {
    let mut out: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for e in dict.map(UserDictionary::entries).unwrap_or_default() {
        out.entry(e.surface.as_str()).or_default().insert(e.key());
    }
    out
}

/// What changed from the `old` user dictionary to the `new` one (`None`: none at all).
pub fn affected(old: Option<&UserDictionary>, new: Option<&UserDictionary>) -> Affected {
    let (old, new) = (entries(old), entries(new));
    let mut out = Affected::default();
    for (surface, keys) in &new {
        match old.get(surface) {
            None => out.added.push((*surface).to_owned()),
            Some(k) if k != keys => out.changed.push((*surface).to_owned()),
            Some(_) => {}
        }
    }
    out.removed = old.keys().filter(|s| !new.contains_key(*s)).map(|s| (*s).to_owned()).collect();
    out
}

/// A stored article whose text holds an affected surface.
pub struct Touched {
    pub id: String,
    /// Its document, rebuilt to be analyzed anew.
    pub document: ArticleDocument,
}

/// Calls `f` with every live article of the last commit of `index` whose text, as the
/// analyzer sees it (NFKC-normalized when `normalize` is on), contains one of `surfaces`.
/// Returns how many articles were read.
pub fn for_each_touched<'s>(
    index: &Index,
    fields: &Fields,
    surfaces: impl IntoIterator<Item = &'s str>,
    normalize: bool,
    mut f: impl FnMut(Touched) -> Result<()>,
) -> Result<u64> {
    let surfaces: Vec<&str> = surfaces.into_iter().filter(|s| !s.is_empty()).collect();
    if surfaces.is_empty() {
        return Ok(0);
    }
    let ac = AhoCorasick::new(&surfaces).map_err(|e| anyhow!("cannot search for {} words: {e}", surfaces.len()))?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut read = 0u64;
    for segment in searcher.segment_readers() {
        let ff = segment.fast_fields();
        let (size, hash) = (ff.u64("file_size")?, ff.u64("file_hash")?);
        let store = segment.get_store_reader(64).map_err(|e| anyhow!("cannot read the stored articles: {e}"))?;
        // Both go through the live documents in order.
        let docs = store.iter::<TantivyDocument>(segment.alive_bitset());
        for (doc_id, stored) in segment.doc_ids_alive().zip(docs) {
            let stored = stored.map_err(|e| anyhow!("cannot read a stored article: {e}"))?;
            read += 1;
            let text = analyzed_text(fields, &stored);
            if !ac.is_match(normalize::normalize(&text, normalize).text.as_ref()) {
                continue;
            }
            let id = stored.get_first(fields.id).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
            let (size, hash) = (size.first(doc_id).unwrap_or(0), hash.first(doc_id).unwrap_or(0));
            f(Touched { id, document: document(fields, &stored, size, hash) })?;
        }
    }
    Ok(read)
}

/// The text the analyzed `text` field is made of, from a stored document.
fn analyzed_text(fields: &Fields, stored: &TantivyDocument) -> String {
    let text = |field| stored.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
    let subtitles: Vec<String> =
        stored.get_all(fields.subtitles).filter_map(|v| v.as_str().map(str::to_owned)).collect();
    schema::full_text(text(fields.title), &subtitles, text(fields.body))
}

/// The document of a stored article as [`schema::to_document`] made it: every stored value
/// as stored but the offsets table, then the fields that are not stored — the dedup key, the
/// file's size and hash — and the analyzed text, whose analysis makes the offsets table again.
pub fn document(fields: &Fields, stored: &TantivyDocument, file_size: u64, file_hash: u64) -> ArticleDocument {
    let mut values: Vec<(tantivy::schema::Field, OwnedValue)> = stored
        .field_values()
        .filter(|(field, _)| Some(*field) != fields.offsets)
        .map(|(field, value)| (field, OwnedValue::from(value)))
        .collect();
    let text = |field| stored.get_first(field).and_then(|v| v.as_str()).unwrap_or_default();
    values.push((fields.content_key, OwnedValue::U64(schema::content_key_of(text(fields.title), text(fields.body)))));
    values.push((fields.file_size, OwnedValue::U64(file_size)));
    values.push((fields.file_hash, OwnedValue::U64(file_hash)));
    ArticleDocument::new(values, fields.text, analyzed_text(fields, stored), fields.offsets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::schema::{Origin, build, to_document};
    use crate::ingest::Article;
    use tantivy::schema::document::Document;

    #[test]
    fn a_stored_article_rebuilds_the_document_it_was_made_from() {
        let (schema, fields) = build();
        let article = Article {
            id: Some("a-1".into()),
            line: Some(3),
            title: "딥시크가 공개한 모델".into(),
            subtitles: vec!["요약 한 줄".into(), "요약 두 줄".into()],
            body: "중국 딥시크가 새 모델을 공개했다.\n엔비디아 주가가 흔들렸다.".into(),
            press: Some("연합뉴스".into()),
            reporter: Some("홍길동".into()),
            reporters: vec!["홍길동".into(), "김철수".into()],
            url: Some("https://example.com/1".into()),
            layout: "schema-a".into(),
            ..Default::default()
        };
        let origin =
            Origin { id: "a-1", path: "feed.jsonl", format: "jsonl", encoding: "utf-8", file_size: 99, file_hash: 7 };
        let made = to_document(&fields, &article, &origin);
        // Every value of every field, in order, field by field.
        let values = |d: &ArticleDocument, stored_only: bool| {
            let mut by_field: BTreeMap<u32, Vec<String>> = BTreeMap::new();
            for (f, v) in
                d.iter_fields_and_values().filter(|(f, _)| !stored_only || schema.get_field_entry(*f).is_stored())
            {
                by_field.entry(f.field_id()).or_default().push(format!("{v:?}"));
            }
            by_field
        };
        // What the store keeps of it: the stored fields only.
        let mut stored = TantivyDocument::default();
        for (f, v) in made.iter_fields_and_values().filter(|(f, _)| schema.get_field_entry(*f).is_stored()) {
            stored.add_field_value(f, v);
        }
        // The stored table is the old analysis's: the rebuilt document leaves it out and gets
        // the table of its own analysis when tantivy indexes it.
        stored.add_bytes(fields.offsets.unwrap(), &[1, 2, 3]);
        let rebuilt = document(&fields, &stored, 99, 7);
        assert_eq!(values(&rebuilt, false), values(&made, false));
        assert!(values(&made, false).len() > values(&made, true).len(), "some fields are not stored");
    }
}
