//! A word's few alternatives (its fields, a compound's whole term and its parts as a phrase,
//! its readings) as one query that matches where any of them does, scored by their sum or by
//! the best of them plus a tie share of the others — and that, asked to skip ahead, moves each
//! alternative only to the document asked for.
//!
//! Hand-written because tantivy's union (what `BooleanQuery` of `Should` clauses and
//! `DisjunctionMaxQuery` become) buffers a window of 4,096 documents on every skip: under a
//! conjunction that a rare word drives, each skip into `이번`'s union evaluated the phrase
//! `이 번` in every document of the window that holds both parts, which made `이번 이다갈리`
//! (79 matches in a million articles) read the positions of two of the commonest terms across
//! the archive. Here a skip costs one seek per alternative, and a phrase alternative checks
//! positions only where it lands. Scores are tantivy's, added in the same order.
//!
//! Meant for a handful of alternatives: each step looks at all of them, where tantivy's
//! union pays per window. An OR of many words stays a `BooleanQuery`.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// How the scores of the alternatives that match a document combine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Combine {
    /// Their sum (a `BooleanQuery` of `Should` clauses).
    Sum,
    /// The best, plus `tie` times the others (a `DisjunctionMaxQuery` with that tie breaker).
    Best { tie: Score },
}

impl Combine {
    fn of(self, scores: impl Iterator<Item = Score>) -> Score {
        let (mut sum, mut max) = (0.0, 0.0);
        for s in scores {
            sum += s;
            max = Score::max(s, max);
        }
        match self {
            Combine::Sum => sum,
            Combine::Best { tie } => max + (sum - max) * tie,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Combine::Sum => "sum of the alternatives that match",
            Combine::Best { tie: 0.0 } => "best of the alternatives that match",
            Combine::Best { .. } => "best of the alternatives that match, plus a share of the others",
        }
    }
}

/// Documents any of `alternatives` matches, scored by `combine`.
#[derive(Debug)]
pub struct Alternatives {
    alternatives: Vec<Box<dyn Query>>,
    combine: Combine,
}

impl Clone for Alternatives {
    fn clone(&self) -> Self {
        Alternatives { alternatives: self.alternatives.iter().map(|q| q.box_clone()).collect(), combine: self.combine }
    }
}

impl Alternatives {
    pub fn new(alternatives: Vec<Box<dyn Query>>, combine: Combine) -> Alternatives {
        Alternatives { alternatives, combine }
    }
}

impl Query for Alternatives {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self.alternatives.iter().map(|q| q.weight(enable_scoring)).collect::<tantivy::Result<_>>()?;
        Ok(Box::new(AlternativesWeight { weights, combine: self.combine }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for q in &self.alternatives {
            q.query_terms(visitor);
        }
    }
}

struct AlternativesWeight {
    weights: Vec<Box<dyn Weight>>,
    combine: Combine,
}

impl Weight for AlternativesWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for w in &self.weights {
            let s = w.scorer(reader, boost)?;
            if s.doc() != TERMINATED {
                scorers.push(s);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(EmptyScorer),
            // One alternative: its own score either way (the best, and no others to share).
            1 => scorers.remove(0),
            _ => Box::new(AlternativesScorer::new(scorers, self.combine)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!("Document #({doc}) does not match")));
        }
        let mut e = Explanation::new(self.combine.describe(), scorer.score());
        // An alternative that does not match the document explains nothing here.
        for w in &self.weights {
            if let Ok(detail) = w.explain(reader, doc) {
                e.add_detail(detail);
            }
        }
        Ok(e)
    }
}

/// Positioned on the least document of its alternatives; the alternatives on it are the ones
/// whose scores count.
struct AlternativesScorer {
    scorers: Vec<Box<dyn Scorer>>,
    combine: Combine,
    doc: DocId,
}

impl AlternativesScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>, combine: Combine) -> AlternativesScorer {
        let mut s = AlternativesScorer { scorers, combine, doc: TERMINATED };
        s.doc = s.least();
        s
    }

    fn least(&self) -> DocId {
        self.scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED)
    }
}

impl DocSet for AlternativesScorer {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for s in &mut self.scorers {
            if s.doc() == doc {
                s.advance();
            }
        }
        self.doc = self.least();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for s in &mut self.scorers {
            if s.doc() < target {
                s.seek(target);
            }
        }
        self.doc = self.least();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|s| s.size_hint()).fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).fold(0u64, u64::saturating_add)
    }
}

impl Scorer for AlternativesScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.combine.of(self.scorers.iter_mut().filter(|s| s.doc() == doc).map(|s| s.score()))
    }
}

#[cfg(test)]
mod tests {
    //! Against tantivy's own union and disjunction-max on an in-memory index of
    //! whitespace-separated terms: the same documents, the same scores, under a conjunction
    //! as well as alone.

    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, DisjunctionMaxQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
    use tantivy::{DocAddress, Index, IndexWriter, TantivyDocument};

    use super::*;

    fn index(docs: &[String]) -> (Index, Field) {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        index.tokenizers().register(
            "default",
            tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::WhitespaceTokenizer::default()).build(),
        );
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(body, d);
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        (index, body)
    }

    fn term(f: Field, t: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(f, t), IndexRecordOption::WithFreqsAndPositions))
    }

    fn phrase(f: Field, ts: &[&str]) -> Box<dyn Query> {
        Box::new(PhraseQuery::new(ts.iter().map(|t| Term::from_field_text(f, t)).collect()))
    }

    fn hits(index: &Index, q: &dyn Query) -> Vec<(DocAddress, Score)> {
        let searcher = index.reader().unwrap().searcher();
        let mut hits: Vec<(DocAddress, Score)> = searcher
            .search(q, &TopDocs::with_limit(10_000).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(s, a)| (a, s))
            .collect();
        hits.sort_by_key(|(a, _)| *a);
        hits
    }

    /// Three thousand documents: `a b` together, apart or not at all, `rare` in a few, so
    /// that a conjunction with `rare` skips far between its documents.
    fn corpus() -> Vec<String> {
        (0..3000)
            .map(|i| {
                let mut words = vec!["x"];
                match i % 5 {
                    0 => words.extend(["a", "b"]),
                    1 => words.extend(["b", "z", "a"]),
                    2 => words.extend(["ab", "a", "b", "a", "b"]),
                    3 => words.push("ab"),
                    _ => {}
                }
                if i % 97 == 0 {
                    words.push("rare");
                }
                words.join(" ")
            })
            .collect()
    }

    #[test]
    fn the_best_of_a_whole_and_its_parts_scores_as_tantivys_disjunction_max() {
        let (ix, f) = index(&corpus());
        let mine = Alternatives::new(vec![term(f, "ab"), phrase(f, &["a", "b"])], Combine::Best { tie: 0.2 });
        let theirs = DisjunctionMaxQuery::with_tie_breaker(vec![term(f, "ab"), phrase(f, &["a", "b"])], 0.2);
        let got = hits(&ix, &mine);
        assert_eq!(got.len(), 1800, "documents 0, 2 and 3 of every five");
        assert_eq!(got, hits(&ix, &theirs));
    }

    #[test]
    fn a_sum_scores_as_tantivys_should_clauses_under_a_conjunction_too() {
        let (ix, f) = index(&corpus());
        let alts = || vec![phrase(f, &["a", "b"]), term(f, "z")];
        let mine = Alternatives::new(alts(), Combine::Sum);
        let theirs = BooleanQuery::new(alts().into_iter().map(|q| (Occur::Should, q)).collect());
        assert_eq!(hits(&ix, &mine), hits(&ix, &theirs));
        let and = |q: Box<dyn Query>| BooleanQuery::new(vec![(Occur::Must, term(f, "rare")), (Occur::Must, q)]);
        let got = hits(&ix, &and(Box::new(mine)));
        assert!(!got.is_empty() && got.len() < 31, "{}", got.len());
        assert_eq!(got, hits(&ix, &and(Box::new(theirs))));
        let searcher = ix.reader().unwrap().searcher();
        assert_eq!(
            searcher.search(&and(Box::new(Alternatives::new(alts(), Combine::Sum))), &Count).unwrap(),
            got.len()
        );
    }

    #[test]
    fn alternatives_that_match_nothing_match_nothing_and_one_is_itself() {
        let (ix, f) = index(&corpus());
        assert!(
            hits(&ix, &Alternatives::new(vec![term(f, "none"), phrase(f, &["b", "a", "z"])], Combine::Sum)).is_empty()
        );
        assert!(hits(&ix, &Alternatives::new(Vec::new(), Combine::Sum)).is_empty());
        let one = Alternatives::new(vec![term(f, "none"), term(f, "z")], Combine::Best { tie: 0.2 });
        assert_eq!(hits(&ix, &one), hits(&ix, term(f, "z").as_ref()));
    }

    #[test]
    fn a_match_is_explained_and_a_miss_is_an_error() {
        let (ix, f) = index(&corpus());
        let q = Alternatives::new(vec![term(f, "ab"), phrase(f, &["a", "b"])], Combine::Best { tie: 0.2 });
        let searcher = ix.reader().unwrap().searcher();
        let e = q.explain(&searcher, DocAddress::new(0, 2)).unwrap();
        let score = hits(&ix, &q).into_iter().find(|(a, _)| *a == DocAddress::new(0, 2)).unwrap().1;
        assert!((e.value() - score).abs() < 1e-6, "{} vs {score}", e.value());
        assert!(q.explain(&searcher, DocAddress::new(0, 4)).is_err());
    }
}
