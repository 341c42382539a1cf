//! The candidates: whole terms of runs of pieces, read from the index's term dictionary.

use std::collections::HashMap;

use anyhow::{Result, anyhow};

use crate::analysis::Role;
use crate::analysis::filters::runs::is_piece_mark;
use crate::index::GisaIndex;

/// A whole term the analyzer reads as a run of pieces, with the articles it occurs in.
#[derive(Debug, Clone)]
pub struct Found {
    pub word: String,
    pub pieces: Vec<String>,
    pub articles: u64,
}

/// Every term of the text field in at least `min_count` articles (counted over all
/// segments) that the index's analyzer reads, alone, as a run of pieces: its first term is
/// a [`Role::Joined`] whole equal to the term itself. Words with a digit are left out (`3분기`
/// and the like are counts, not names).
pub fn collect(ix: &GisaIndex, min_count: u64) -> Result<Vec<Found>> {
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let mut df: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(ix.fields.text).map_err(|e| anyhow!("cannot read the index: {e}"))?;
        let mut stream = inverted.terms().stream().map_err(|e| anyhow!("cannot read the index: {e}"))?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else { continue };
            // A run has at least two characters; one letter is never a candidate, nor a
            // piece mark.
            if term.chars().nth(1).is_none() || term.chars().any(|c| c.is_ascii_digit()) || is_piece_mark(term) {
                continue;
            }
            *df.entry(term.to_owned()).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    let mut out: Vec<Found> = df
        .into_iter()
        .filter(|&(_, n)| n >= min_count)
        .filter_map(|(word, articles)| {
            let terms = ix.analyzer.analyze(&word);
            let first = terms.first()?;
            if first.role != Role::Joined || first.text != word {
                return None;
            }
            let end = first.position + first.position_length;
            let pieces = terms[1..]
                .iter()
                .take_while(|t| t.position < end)
                .filter(|t| t.role != Role::Compound)
                .map(|t| t.text.clone())
                .collect();
            Some(Found { word, pieces, articles })
        })
        .collect();
    out.sort_by(|a, b| a.word.cmp(&b.word));
    Ok(out)
}
