//! Proof that a built lindera dictionary says exactly what its MeCab source says.
//!
//! A conversion that silently drops an entry or shifts a cost shows up only as slightly worse
//! search results, so gisa checks every part of the built dictionary against the decoded
//! source before installing it: every lexicon entry (surface, word id = token index,
//! connection ids, cost and every feature field), every connection-matrix cell, the category
//! set of every code point, and every unknown-word entry.

use anyhow::{Result, bail, ensure};
use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::character_definition::CategoryId;
use serde::{Deserialize, Serialize};

use super::mecab::{CHAR_TABLE_LEN, Entry, Source, feature_fields};

/// What was checked, for `gisa dict info` and the install summary.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Report {
    pub entries: usize,
    pub surfaces: usize,
    pub matrix_cells: usize,
    pub code_points: usize,
    pub unknown_entries: usize,
}

fn describe(e: &Entry) -> String {
    format!("{},{},{},{},{}", e.surface, e.left_id, e.right_id, e.cost, e.feature)
}

/// Checks `dict` (built from `src`) entry by entry; the first difference is an error.
pub fn verify(src: &Source, dict: &Dictionary) -> Result<Report> {
    let map = dict.metadata.context_id_map.as_ref();
    let left = |id: u16| map.map_or(id, |m| m.map_left(id));
    let right = |id: u16| map.map_or(id, |m| m.map_right(id));

    // Lexicon, one key at a time. lindera trims the surface column, so the few mecab-ko-dic
    // surfaces that end in a space ("내셔날 ") share the key of their trimmed form; gisa's
    // side table records the trimmed suffix so the segmenter still matches them exactly.
    let entries = &src.lexicon.entries;
    ensure!(
        dict.prefix_dictionary.word_count() == entries.len(),
        "built dictionary holds {} words, source {}",
        dict.prefix_dictionary.word_count(),
        entries.len()
    );
    let mut by_key: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut key_index = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let key = e.surface.trim();
        let slot = *key_index.entry(key).or_insert_with(|| {
            by_key.push((key, Vec::new()));
            by_key.len() - 1
        });
        by_key[slot].1.push(i);
    }
    for (key, indices) in &by_key {
        let built: Vec<_> = dict.prefix_dictionary.find_surface_iter(key).collect();
        ensure!(
            built.len() == indices.len(),
            "surface {key:?}: built dictionary has {} entries, source {}",
            built.len(),
            indices.len()
        );
        for (w, &i) in built.iter().zip(indices) {
            let e = &entries[i];
            let fields: Vec<&str> = dict.word_details_iter(w.word_id().id() as usize).collect();
            let ok = w.word_id().id() as usize == i
                && w.left_id() == left(e.left_id) as u32
                && w.right_id() == right(e.right_id) as u32
                && w.word_cost() == e.cost
                && fields == feature_fields(&e.feature);
            if !ok {
                bail!(
                    "entry {i} differs: source {} / built id {} ids {} {} cost {} fields {:?}",
                    describe(e),
                    w.word_id().id(),
                    w.left_id(),
                    w.right_id(),
                    w.word_cost(),
                    fields
                );
            }
        }
    }
    let surfaces = src.lexicon.key_count;

    // Connection matrix, every cell.
    let m = &src.matrix;
    for l in 0..m.left_size {
        for r in 0..m.right_size {
            let built = dict.connection_cost_matrix.cost(right(l as u16) as u32, left(r as u16) as u32);
            ensure!(built == m.cost(l, r) as i32, "matrix cell ({l}, {r}) is {built}, source {}", m.cost(l, r));
        }
    }

    // Character categories of every code point MeCab describes.
    let cd = &dict.character_definition;
    let names = &src.chars.category_names;
    ensure!(cd.categories() == names.as_slice(), "category names differ: {:?} vs {names:?}", cd.categories());
    let mut code_points = 0;
    for cp in 0..CHAR_TABLE_LEN as u32 {
        let Some(c) = char::from_u32(cp) else { continue };
        let info = src.chars.chars[cp as usize];
        let cats = cd.lookup_categories(c);
        let bits = cats.iter().fold(0u32, |acc, CategoryId(id)| acc | (1 << id));
        ensure!(
            cats.first() == Some(&CategoryId(info.default_type as usize)) && bits == info.types,
            "code point U+{cp:04X}: categories {cats:?}, source default {} types {:b}",
            info.default_type,
            info.types
        );
        let data = cd.lookup_definition(CategoryId(info.default_type as usize));
        ensure!(
            data.invoke == info.invoke && data.group == info.group && data.length == info.length as u32,
            "code point U+{cp:04X}: category flags differ"
        );
        code_points += 1;
    }

    // Unknown-word entries per category, in order.
    let unk = &dict.unknown_dictionary;
    let mut unknown_entries = 0;
    for (cat, name) in names.iter().enumerate() {
        let source: Vec<&Entry> = src.unknown.entries.iter().filter(|e| &e.surface == name).collect();
        let ids = unk.lookup_word_ids(CategoryId(cat));
        ensure!(ids.len() == source.len(), "unknown category {name}: {} entries, source {}", ids.len(), source.len());
        for (&id, e) in ids.iter().zip(&source) {
            let w = unk.word_entry(id);
            let fields: Vec<&str> = unk.word_details_iter(id).map(Iterator::collect).unwrap_or_default();
            ensure!(
                w.left_id() == left(e.left_id) as u32
                    && w.right_id() == right(e.right_id) as u32
                    && w.word_cost() == e.cost
                    && fields == feature_fields(&e.feature),
                "unknown entry {} differs",
                describe(e)
            );
            unknown_entries += 1;
        }
    }
    ensure!(unknown_entries == src.unknown.entries.len(), "unknown entries of no category");

    Ok(Report {
        entries: entries.len(),
        surfaces,
        matrix_cells: m.left_size * m.right_size,
        code_points,
        unknown_entries,
    })
}
