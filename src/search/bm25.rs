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
//!
//! A segment's lengths never change once it is written (deleting a document leaves its
//! length behind, and the sum counts it as tantivy's own count does), so each segment's sum
//! is computed once per process and kept by segment id: a long-running `gisa serve` pays the
//! pass over every document's length once, not on every request.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::SegmentId;
use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader, Term};

/// Segment sums kept at most (a server's segments come and go with merges; past this many
/// the cache starts over).
const KEPT_SUMS: usize = 4096;

/// The token count of a field in a segment, by segment id, for the process.
static SEGMENT_SUMS: LazyLock<Mutex<HashMap<(SegmentId, Field), u64>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// The tokens of `field` in one segment: the sum of its documents' quantized lengths.
fn segment_tokens(segment: &SegmentReader, field: Field) -> tantivy::Result<u64> {
    let key = (segment.segment_id(), field);
    if let Some(&n) = SEGMENT_SUMS.lock().ok().as_ref().and_then(|m| m.get(&key)) {
        return Ok(n);
    }
    let total = match segment.fieldnorms_readers().get_field(field)? {
        Some(norms) => {
            let mut count = [0u64; 256];
            for doc in 0..segment.max_doc() {
                count[norms.fieldnorm_id(doc) as usize] += 1;
            }
            count.iter().enumerate().map(|(id, n)| n * u64::from(FieldNormReader::id_to_fieldnorm(id as u8))).sum()
        }
        None => segment.inverted_index(field)?.total_num_tokens(),
    };
    if let Ok(mut m) = SEGMENT_SUMS.lock() {
        if m.len() >= KEPT_SUMS {
            m.clear();
        }
        m.insert(key, total);
    }
    Ok(total)
}

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
            total += segment_tokens(segment, field)?;
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
