//! The statistics BM25 ranks by, as a function of the documents alone.
//!
//! tantivy's [`Searcher`] gives BM25 each segment's own count of the tokens of a field. That
//! count is exact for a segment written in one go, but a segment merged from segments that
//! had deletions gets an estimate — the sum of the quantized length (fieldnorm) of each
//! document it keeps. So the same articles score differently after an incremental run
//! (a re-analysis for a changed user dictionary, a changed file) and after `--full`, and
//! near-equal hits change places. [`Statistics`] sums the quantized length of every document
//! in every segment instead: the very lengths BM25 normalizes each document by, the same
//! however the index was built. Document counts and frequencies are tantivy's.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// BM25 statistics over one searcher, with the tokens of a field counted from the lengths of
/// its documents (computed once per field).
pub struct Statistics<'a> {
    searcher: &'a Searcher,
    tokens: Mutex<HashMap<Field, u64>>,
}

impl<'a> Statistics<'a> {
    pub fn new(searcher: &'a Searcher) -> Statistics<'a> {
        Statistics { searcher, tokens: Mutex::new(HashMap::new()) }
    }
}

impl Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&n) = self.tokens.lock().ok().as_ref().and_then(|t| t.get(&field)) {
            return Ok(n);
        }
        let mut total = 0u64;
        for segment in self.searcher.segment_readers() {
            match segment.fieldnorms_readers().get_field(field)? {
                Some(norms) => {
                    let mut count = [0u64; 256];
                    for doc in 0..segment.max_doc() {
                        count[norms.fieldnorm_id(doc) as usize] += 1;
                    }
                    total += count
                        .iter()
                        .enumerate()
                        .map(|(id, n)| n * u64::from(FieldNormReader::id_to_fieldnorm(id as u8)))
                        .sum::<u64>();
                }
                None => total += segment.inverted_index(field)?.total_num_tokens(),
            }
        }
        if let Ok(mut t) = self.tokens.lock() {
            t.insert(field, total);
        }
        Ok(total)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.searcher.doc_freq(term)
    }
}
