//! A piece searched alone: `시크` ranks the articles where 시크 is a word above those where it
//! is only a piece of a new name (딥시크).
//!
//! The index marks each piece of a run that reads as one new name — each that is a word of
//! its own, two characters or more — with a second term, its piece mark (`\u{1f}시크`, see
//! [`crate::analysis::filters::runs`]), at the same position.
//! [`PieceTermQuery`] scores a term `t` as
//!
//! ```text
//! BM25(t) − (1 − PIECE_WEIGHT) · idf(t) / idf(mark) · BM25(mark)
//! ```
//!
//! In an article where every occurrence of `t` is a piece, the two BM25s share the term
//! frequency and the field length, so the score is `PIECE_WEIGHT · BM25(t)`; where `t` is
//! only a word, it is `BM25(t)`; in between, the piece occurrences are taken off what BM25
//! gives. The query matches the same articles as the plain term — a piece still finds the
//! name — and an index without marks (built before them, or with `--pieces-equal`) has no
//! mark postings, so there the query is the plain term.
//!
//! Hand-written because tantivy has no query that subtracts: a negative boost inside a
//! boolean query would break tantivy's block-max pruning, which takes every clause's best
//! score as an upper bound.

use tantivy::query::{Bm25StatisticsProvider, EnableScoring, Explanation, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

use crate::analysis::filters::runs::piece_mark;

/// What an occurrence of a term as a piece of a new name counts for, against one as a word.
/// On the labeled new-words set (`scripts/bench_new_words.py`, pieces as words first, with
/// every piece marked): 0 → 0.592, 0.2 → 0.591, 0.4 → 0.579, 0.6 → 0.434. 0.4 keeps nearly
/// all of the gain while a piece still counts for something (a name is about its pieces too).
pub const PIECE_WEIGHT: Score = 0.4;

/// A term whose occurrences as a piece of a new name count [`PIECE_WEIGHT`] of one as a word.
#[derive(Debug, Clone)]
pub struct PieceTermQuery {
    term: Term,
    mark: Term,
}

impl PieceTermQuery {
    /// The query of `text` in `field`.
    pub fn new(field: tantivy::schema::Field, text: &str) -> PieceTermQuery {
        PieceTermQuery {
            term: Term::from_field_text(field, text),
            mark: Term::from_field_text(field, &piece_mark(text)),
        }
    }
}

/// BM25's inverse document frequency, as tantivy computes it.
fn idf(doc_freq: u64, docs: u64) -> Score {
    let x = (docs.saturating_sub(doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// How much of the mark's BM25 is taken off the term's: 0 without marks.
fn coefficient(stats: &dyn Bm25StatisticsProvider, term: &Term, mark: &Term) -> tantivy::Result<Score> {
    let marked = stats.doc_freq(mark)?;
    if marked == 0 {
        return Ok(0.0);
    }
    let docs = stats.total_num_docs()?;
    let (t, m) = (idf(stats.doc_freq(term)?, docs), idf(marked, docs));
    Ok(if m > 0.0 { (1.0 - PIECE_WEIGHT) * t / m } else { 0.0 })
}

impl Query for PieceTermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let word = TermQuery::new(self.term.clone(), IndexRecordOption::WithFreqs).weight(enable_scoring)?;
        let coefficient = match enable_scoring {
            EnableScoring::Enabled { statistics_provider, .. } => {
                coefficient(statistics_provider, &self.term, &self.mark)?
            }
            EnableScoring::Disabled { .. } => 0.0,
        };
        if coefficient <= 0.0 {
            // No marks (or no scores): the plain term, with tantivy's own pruning.
            return Ok(word);
        }
        let mark = TermQuery::new(self.mark.clone(), IndexRecordOption::WithFreqs).weight(enable_scoring)?;
        Ok(Box::new(PieceTermWeight { word, mark, coefficient }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct PieceTermWeight {
    word: Box<dyn Weight>,
    mark: Box<dyn Weight>,
    coefficient: Score,
}

impl Weight for PieceTermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let word = self.word.scorer(reader, boost)?;
        let mark = self.mark.scorer(reader, boost * self.coefficient)?;
        Ok(Box::new(PieceTermScorer { word, mark }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut e = self.word.explain(reader, doc)?;
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) == doc {
            let score = scorer.score();
            let taken = e.value() - score;
            if taken > 0.0 {
                e.add_detail(Explanation::new("minus its occurrences as a piece of a new name", -taken));
            }
            let mut out = Explanation::new("term, pieces of new names counted less", score);
            out.add_detail(e);
            return Ok(out);
        }
        Ok(e)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.word.count(reader)
    }
}

struct PieceTermScorer {
    word: Box<dyn Scorer>,
    mark: Box<dyn Scorer>,
}

impl DocSet for PieceTermScorer {
    fn advance(&mut self) -> DocId {
        self.word.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.word.seek(target)
    }

    fn doc(&self) -> DocId {
        self.word.doc()
    }

    fn size_hint(&self) -> u32 {
        self.word.size_hint()
    }
}

impl Scorer for PieceTermScorer {
    fn score(&mut self) -> Score {
        let doc = self.word.doc();
        let mut score = self.word.score();
        if doc != TERMINATED {
            if self.mark.doc() < doc {
                self.mark.seek(doc);
            }
            if self.mark.doc() == doc {
                score -= self.mark.score();
            }
        }
        score.max(0.0)
    }
}

#[cfg(test)]
mod tests {
    //! On an in-memory index of whitespace-separated terms, the marks written by hand.

    use tantivy::collector::TopDocs;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    use super::*;

    /// Ids (the body's first term) of the hits for `word`, best first, with scores.
    fn search(docs: &[&str], word: &str) -> Vec<(String, Score)> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT | tantivy::schema::STORED);
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(
            "default",
            tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::WhitespaceTokenizer::default()).build(),
        );
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(body, d);
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let hits =
            searcher.search(&PieceTermQuery::new(body, word), &TopDocs::with_limit(100).order_by_score()).unwrap();
        hits.into_iter()
            .map(|(score, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).unwrap();
                let text = tantivy::schema::document::Value::as_str(&doc.get_first(body).unwrap()).unwrap().to_owned();
                (text.split(' ').next().unwrap().to_owned(), score)
            })
            .collect()
    }

    #[test]
    fn a_piece_counts_less_than_the_word_and_still_matches() {
        let m = piece_mark("시크");
        let name = format!("name 딥 시크 {m} 모델 공개");
        let docs = ["word 시크 한 옷차림 유행", name.as_str(), "other 모델 공개 발표 행사"];
        let hits = search(&docs, "시크");
        assert_eq!(hits.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(), ["word", "name"]);
        // With the same length and frequency, the piece scores PIECE_WEIGHT of the word
        // (the mark is rarer than the term: its idf ratio scales the subtraction back).
        let (word, piece) = (hits[0].1, hits[1].1);
        assert!(piece > 0.0 && piece < word * 0.7, "{word} {piece}");
    }

    #[test]
    fn without_marks_it_is_the_plain_term() {
        let docs = ["a 시크 b c d", "b 딥 시크 c d", "c e f g h"];
        let plain = {
            let hits = search(&docs, "시크");
            hits.iter().map(|h| h.1).collect::<Vec<_>>()
        };
        assert_eq!(plain.len(), 2);
        assert!((plain[0] - plain[1]).abs() < 1e-6, "equal length and frequency, equal score: {plain:?}");
        // A word as well as a piece in one article: only the piece occurrence is taken off,
        // so it ranks between the word alone and the piece alone (equal lengths).
        let m = piece_mark("시크");
        let both = format!("both 시크 딥 시크 {m}");
        let piece = format!("piece 딥 시크 {m} x");
        let hits = search(&[piece.as_str(), both.as_str(), "word 시크 x y z", "other x y z w"], "시크");
        assert_eq!(hits.iter().map(|h| h.0.as_str()).collect::<Vec<_>>(), ["word", "both", "piece"], "{hits:?}");
    }
}
