//! Where the terms to highlight stand in each hit, read from the index: their positions in
//! the postings of the analyzed `text` field. With the offsets table stored beside each
//! article ([`crate::index::offsets`]) they give the highlighted ranges without analyzing the
//! hit's text again.
//!
//! The hits of one segment are visited in document order, so each term's postings are opened
//! once per segment and only move forward (a skip-list seek per hit).

use anyhow::{Result, anyhow};
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, DocSet, Searcher, TERMINATED, Term};

/// For each of `hits`, in their order, the `(term index, position)` of every occurrence of
/// `terms` in its `field`, by term and then position.
pub fn of_hits(
    searcher: &Searcher,
    field: Field,
    terms: &[&str],
    hits: &[DocAddress],
) -> Result<Vec<Vec<(usize, u32)>>> {
    let mut out = vec![Vec::new(); hits.len()];
    if terms.is_empty() {
        return Ok(out);
    }
    let unreadable = |e: &dyn std::fmt::Display| anyhow!("cannot read the positions of a hit: {e}");
    // Hit numbers by segment, then document.
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| (hits[i].segment_ord, hits[i].doc_id));
    let mut positions = Vec::new();
    for group in order.chunk_by(|&a, &b| hits[a].segment_ord == hits[b].segment_ord) {
        let segment = searcher.segment_reader(hits[group[0]].segment_ord);
        let inverted = segment.inverted_index(field).map_err(|e| unreadable(&e))?;
        for (t, term) in terms.iter().enumerate() {
            let Some(info) = inverted.get_term_info(&Term::from_field_text(field, term)).map_err(|e| unreadable(&e))?
            else {
                continue;
            };
            let mut postings = inverted
                .read_postings_from_terminfo(&info, IndexRecordOption::WithFreqsAndPositions)
                .map_err(|e| unreadable(&e))?;
            for &i in group {
                let doc = hits[i].doc_id;
                if postings.doc() == TERMINATED {
                    break;
                }
                if postings.doc() > doc || postings.seek(doc) != doc {
                    continue;
                }
                positions.clear();
                postings.positions(&mut positions);
                out[i].extend(positions.iter().map(|&p| (t, p)));
            }
        }
    }
    Ok(out)
}
