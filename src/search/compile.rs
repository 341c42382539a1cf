//! The compiler: an analyzed query ([`Analyzed`]) → the tantivy query that runs and the
//! matchers the highlighter looks for.
//!
//! Each word becomes a query over the article text (title, summary lines and body in one
//! field) plus the title (an extra [`TITLE_BOOST`]):
//! - a plain term;
//! - a compound (`삼성전자`) — its whole term *or* its parts as a phrase (`삼성 전자`), the
//!   better of the two counting, so documents with the word itself rank first and spaced
//!   spellings still match;
//! - a word the analyzer splits into several terms (`반도체산업`, `김을동씨가`) — its main terms
//!   must all match (bound nouns and the copula only add to the score), and in sequence they
//!   score extra. tantivy's own query parser would make such a word a phrase, which silently
//!   misses reorderings and spacing;
//! - a word with two readings (see [`super::readings`]) — either, the better one counting;
//! - a word the dictionary reads only in pieces (`딥시크`, `어도어`): besides its pieces, its
//!   whole term must match — or its pieces as a phrase where they spell it — so the pieces
//!   stand together (not with `--any`);
//! - a word searched alone (`시크`) counts its occurrences as a piece of a new name (딥시크)
//!   less than those as a word ([`super::pieces`]).
//!
//! A phrase is its terms in sequence. Words combine with AND (or OR with `--any`), `OR`,
//! `-` and parentheses; inside a group, `-x` excludes `x` from the group (`(a OR -b)` is `a`
//! without `b`, as in Lucene), and a group of exclusions only is everything but them.
//! Neighbouring plain words found close together in the text add a proximity boost.
//!
//! The top level's boosts (its proximity boosts, and the sequence boost of each of its words
//! with one reading) are not clauses of the query: they come back apart
//! ([`Compiled::boosts`]) and [`super::run`] scores them on the best [`RESCORE_WINDOW`] hits
//! only, where they add what they would add as clauses. Each reads positions in every
//! article that holds its terms, which for common words (`그는`, `이었던`) cost more than
//! the rest of the query; on the KorQuAD questions the top ten are the same either way.
//! A word's few alternatives are [`Alternatives`], which skip ahead one by one.
//!
//! The compiler recurses over the tree, which is at most [`super::query::MAX_TREE_DEPTH`]
//! levels deep (every [`Analyzed`] comes from a checked [`super::query::Query`]).

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field as TField, IndexRecordOption};

use super::alternatives::{Alternatives, Combine};
use super::pieces::PieceTermQuery;
use super::query::{Field, Kind, Tree};
use super::readings::{Analyzed, Reading, Unit, Word, is_plain_word};
use super::snippet::Matcher;
use crate::index::schema::Fields;

/// Extra weight of a title match: the title is part of the text field, and its own field adds
/// this on top. Tuned on the KorQuAD dev questions (0, 0.25, 0.5, 1, 2 tried).
pub const TITLE_BOOST: f32 = 0.5;
/// Weight of two neighbouring query words found close together in the text, and how close
/// (positions between them). Tuned on the KorQuAD dev questions.
pub const PROXIMITY_BOOST: f32 = 0.2;
pub const PROXIMITY_SLOP: u32 = 3;
/// How many of the best hits the top level's boosts (proximity, a word's terms in sequence)
/// are scored on (a rescoring window, as Elasticsearch's `rescore`): the rest keep their
/// score without them.
pub const RESCORE_WINDOW: usize = 100;
/// How much the weaker of a compound's two matches (whole word, parts) adds to the stronger.
pub const COMPOUND_TIE: f32 = 0.2;
/// Extra weight of a multi-term word found with its parts in sequence.
pub const SEQUENCE_BOOST: f32 = 0.25;
/// Up to how many alternatives (a word's fields, readings, a compound's two matches, the
/// words of an OR) are one [`Alternatives`] query, which skips ahead alternative by
/// alternative; more are tantivy's union, which pays per window of documents instead of per
/// alternative at each step.
const FEW_ALTERNATIVES: usize = 8;

/// A compiled query: what tantivy runs and what the highlighter looks for.
pub struct Compiled {
    /// What matches, and the score of a match before [`Compiled::boosts`].
    pub query: Box<dyn Query>,
    /// The top level's optional boosts, each already weighted: its neighbouring words found
    /// close together, and each of its words of several terms found with them in sequence.
    /// They match nothing of their own and add to the score of a hit, and are scored on the
    /// best [`RESCORE_WINDOW`] hits of [`Compiled::query`] only ([`super::run`]): both read
    /// positions, which for a common pair costs more than the rest of the query.
    pub boosts: Vec<Box<dyn Query>>,
    /// Matchers for the title and for the body.
    pub title_matchers: Vec<Matcher>,
    pub body_matchers: Vec<Matcher>,
    /// Query words that hold no indexed term (particles, adverbs, punctuation): they match
    /// nothing and were left out.
    pub ignored: Vec<String>,
}

/// Compiles an analyzed query for an index's `fields`. `any`: at least one word of the top
/// level (and one unit of each word) must match instead of all.
pub fn compile(fields: &Fields, analyzed: &Analyzed, any: bool) -> Compiled {
    let mut c = Compiler { f: fields, any, title_matchers: Vec::new(), body_matchers: Vec::new(), boosts: Vec::new() };
    // The top level's boosts are scored apart, on the best hits: what they add there is what
    // they add as optional clauses, since every score above them is a sum. A group's stay in
    // its query (they count only where the group matches), and so do those of a word with
    // two readings (only the better reading counts).
    let top = match analyzed.tree() {
        Tree::And(items) => c.and(items, any, true, Boosts::Apart),
        Tree::Leaf(w) => c.leaf(w, true, Boosts::Apart),
        tree => c.node(tree, any, true),
    };
    // A query of only unindexed words matches nothing (and says so).
    let query = top.unwrap_or_else(|| Box::new(EmptyQuery));
    Compiled {
        query,
        boosts: c.boosts,
        title_matchers: c.title_matchers,
        body_matchers: c.body_matchers,
        ignored: analyzed.ignored(),
    }
}

/// Where optional boosts go: an AND group's proximity boosts, a word's sequence boost.
#[derive(Clone, Copy, PartialEq)]
enum Boosts {
    /// Into the group's or the word's query, as optional clauses.
    Inline,
    /// Into [`Compiled::boosts`], scored on the best hits.
    Apart,
}

struct Compiler<'a> {
    f: &'a Fields,
    /// `--any`: at least one unit of a word must match.
    any: bool,
    title_matchers: Vec<Matcher>,
    body_matchers: Vec<Matcher>,
    /// The top level's boosts.
    boosts: Vec<Box<dyn Query>>,
}

fn term_query(field: TField, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqsAndPositions))
}

fn phrase(field: TField, terms: &[String]) -> Box<dyn Query> {
    if terms.len() == 1 {
        return term_query(field, &terms[0]);
    }
    Box::new(PhraseQuery::new(terms.iter().map(|t| Term::from_field_text(field, t)).collect()))
}

fn boost(q: Box<dyn Query>, b: f32) -> Box<dyn Query> {
    if (b - 1.0).abs() < f32::EPSILON { q } else { Box::new(BoostQuery::new(q, b)) }
}

/// One query as itself, several joined by `join`.
fn one_or(mut qs: Vec<Box<dyn Query>>, join: impl FnOnce(Vec<Box<dyn Query>>) -> Box<dyn Query>) -> Box<dyn Query> {
    if qs.len() == 1 { qs.remove(0) } else { join(qs) }
}

/// Alternatives whose scores add up.
fn should(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    one_or(qs, |qs| {
        if qs.len() <= FEW_ALTERNATIVES {
            Box::new(Alternatives::new(qs, Combine::Sum))
        } else {
            Box::new(BooleanQuery::new(qs.into_iter().map(|q| (Occur::Should, q)).collect()))
        }
    })
}

/// Alternatives of which the best-scoring one counts, plus `tie` times the others.
fn best_of(qs: Vec<Box<dyn Query>>, tie: f32) -> Box<dyn Query> {
    one_or(qs, |qs| {
        if qs.len() <= FEW_ALTERNATIVES {
            Box::new(Alternatives::new(qs, Combine::Best { tie }))
        } else {
            Box::new(DisjunctionMaxQuery::with_tie_breaker(qs, tie))
        }
    })
}

/// Every article but those `q` matches.
fn all_but(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery) as Box<dyn Query>), (Occur::MustNot, q)]))
}

/// The term sequence of an item of an AND group that takes part in proximity boosts: a
/// plain word of the default field, by its first reading.
fn proximity_sequence(item: &Tree<Word>) -> Option<Vec<String>> {
    match item {
        Tree::Leaf(w) if is_plain_word(&w.leaf) => w.readings.first().map(Reading::sequence),
        _ => None,
    }
}

impl Compiler<'_> {
    /// Text fields a word is searched in, with their weights.
    fn text_fields(&self, field: Field) -> Vec<(TField, f32)> {
        match field {
            Field::Title => vec![(self.f.title, 1.0)],
            // The text field holds the title too; the title field adds its extra weight.
            Field::Body => vec![(self.f.text, 1.0)],
            _ => vec![(self.f.text, 1.0), (self.f.title, TITLE_BOOST)],
        }
    }

    fn remember(&mut self, field: Field, m: Matcher) {
        if field != Field::Body && !self.title_matchers.contains(&m) {
            self.title_matchers.push(m.clone());
        }
        if field != Field::Title && !self.body_matchers.contains(&m) {
            self.body_matchers.push(m);
        }
    }

    /// The query of one unit. `alone`: the unit is a word of its own, not a piece of a run
    /// the query word is (`시크` typed alone, not in `딥시크`), so its occurrences as a piece of
    /// a new name count less ([`PieceTermQuery`]).
    fn unit_query(&self, unit: &Unit, fields: &[(TField, f32)], alone: bool) -> Box<dyn Query> {
        let word = |f: TField, text: &str| -> Box<dyn Query> {
            if alone { Box::new(PieceTermQuery::new(f, text)) } else { term_query(f, text) }
        };
        let per_field = fields
            .iter()
            .map(|&(f, w)| {
                let q = match unit {
                    Unit::Term { text, .. } => word(f, text),
                    // Either the whole word or its parts in sequence; the best of the two
                    // counts (a compound is one word, not two), and the whole word a little
                    // more, so that 삼성전자 ranks above 삼성 전자.
                    // A run whose pieces do not spell it (`어도어`): the whole term only.
                    Unit::Compound { whole, parts } if parts.is_empty() => word(f, whole),
                    Unit::Compound { whole, parts } => best_of(vec![word(f, whole), phrase(f, parts)], COMPOUND_TIE),
                };
                boost(q, w)
            })
            .collect();
        should(per_field)
    }

    /// The query of one reading of a word.
    fn reading_query(&mut self, reading: &Reading, fields: &[(TField, f32)], boosts: Boosts) -> Box<dyn Query> {
        let units = &reading.units;
        // Runs of pieces must stand together (not with --any, where any unit is enough).
        let together = if self.any { &[][..] } else { &reading.together[..] };
        // The units of a query word that is itself a run of pieces are its pieces: they
        // count fully (with --any too).
        let alone = reading.together.is_empty();
        if units.len() == 1 && together.is_empty() {
            return self.unit_query(&units[0], fields, alone);
        }
        // Several units from one word (`반도체산업`, `김을동씨가`): its main units must match
        // (with --any, any of them), minor ones (bound nouns, the copula) only add to the
        // score, and the whole sequence scores extra.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = units
            .iter()
            .map(|u| {
                let minor = matches!(u, Unit::Term { minor: true, .. });
                (if self.any || minor { Occur::Should } else { Occur::Must }, self.unit_query(u, fields, alone))
            })
            .collect();
        if clauses.iter().all(|(o, _)| *o == Occur::Should) && !self.any {
            // Only minor units: they are what the user typed, so they must match.
            for c in &mut clauses {
                c.0 = Occur::Must;
            }
        }
        clauses.extend(together.iter().map(|u| (Occur::Must, self.unit_query(u, fields, false))));
        if units.len() > 1 {
            let seq = reading.sequence();
            let seq_q = should(fields.iter().map(|&(f, w)| boost(phrase(f, &seq), w * SEQUENCE_BOOST)).collect());
            match boosts {
                Boosts::Inline => clauses.push((Occur::Should, seq_q)),
                Boosts::Apart => self.boosts.push(seq_q),
            }
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// A word or phrase: `None` when it holds no search term (a lone particle, punctuation).
    /// `boosts`: where its sequence boost goes, when it has one reading (of two, only the
    /// better one counts, so each keeps its own inline).
    fn leaf(&mut self, w: &Word, positive: bool, boosts: Boosts) -> Option<Box<dyn Query>> {
        let field = w.leaf.field;
        if field.is_exact() {
            let f = match field {
                Field::Press => self.f.press,
                Field::Reporter => self.f.reporter,
                _ => self.f.category,
            };
            let term = Term::from_field_text(f, w.leaf.text.trim());
            return Some(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
        }
        if w.readings.is_empty() {
            return None;
        }
        let fields = self.text_fields(field);
        let mut qs = Vec::with_capacity(w.readings.len());
        for reading in &w.readings {
            match w.leaf.kind {
                Kind::Word => {
                    if positive {
                        for u in &reading.together {
                            if let Unit::Compound { whole, .. } = u {
                                self.remember(field, Matcher { terms: vec![whole.clone()] });
                            }
                        }
                        for u in &reading.units {
                            match u {
                                Unit::Term { text, .. } => self.remember(field, Matcher { terms: vec![text.clone()] }),
                                Unit::Compound { whole, parts } => {
                                    self.remember(field, Matcher { terms: vec![whole.clone()] });
                                    self.remember(field, Matcher { terms: parts.clone() });
                                }
                            }
                        }
                    }
                    let boosts = if w.readings.len() == 1 { boosts } else { Boosts::Inline };
                    qs.push(self.reading_query(reading, &fields, boosts));
                }
                Kind::Phrase => {
                    let seq = reading.sequence();
                    if positive {
                        self.remember(field, Matcher { terms: seq.clone() });
                    }
                    qs.push(should(fields.iter().map(|&(f, w)| boost(phrase(f, &seq), w)).collect()));
                }
            }
        }
        Some(best_of(qs, 0.0))
    }

    /// Compiles a node; `None` when it holds nothing searchable. `any` applies to an AND
    /// node (the top level with `--any`); `positive` is false under an exclusion (its words
    /// are not highlighted).
    fn node(&mut self, n: &Tree<Word>, any: bool, positive: bool) -> Option<Box<dyn Query>> {
        match n {
            Tree::Leaf(w) => self.leaf(w, positive, Boosts::Inline),
            // An exclusion that is not an item of a group (the whole query, or `-(-x)`).
            Tree::Not(inner) => self.node(inner, false, !positive).map(all_but),
            Tree::Or(items) => self.or(items, positive),
            Tree::And(items) => self.and(items, any, positive, Boosts::Inline),
        }
    }

    /// An item `-x` of a group: the clause that excludes `x` (`None`: `x` has no term).
    fn exclusion(&mut self, inner: &Tree<Word>, positive: bool) -> Option<(Occur, Box<dyn Query>)> {
        self.node(inner, false, !positive).map(|q| (Occur::MustNot, q))
    }

    fn or(&mut self, items: &[Tree<Word>], positive: bool) -> Option<Box<dyn Query>> {
        let mut alternatives = Vec::new();
        let mut excluded = Vec::new();
        for item in items {
            if let Tree::Not(inner) = item {
                excluded.extend(self.exclusion(inner, positive));
            } else if let Some(q) = self.node(item, false, positive) {
                alternatives.push(q);
            }
        }
        if excluded.is_empty() {
            return if alternatives.is_empty() { None } else { Some(should(alternatives)) };
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = alternatives.into_iter().map(|q| (Occur::Should, q)).collect();
        if clauses.is_empty() {
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        clauses.extend(excluded);
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    fn and(&mut self, items: &[Tree<Word>], any: bool, positive: bool, boosts: Boosts) -> Option<Box<dyn Query>> {
        let mut clauses = Vec::new();
        let mut positives = 0;
        // Term sequences of consecutive plain words, for the proximity boost.
        let mut seqs: Vec<Option<Vec<String>>> = Vec::with_capacity(items.len());
        for item in items {
            if let Tree::Not(inner) = item {
                clauses.extend(self.exclusion(inner, positive));
                seqs.push(None);
            } else {
                let q = match item {
                    // A word of this group: its sequence boost goes where the group's do.
                    Tree::Leaf(w) => self.leaf(w, positive, boosts),
                    _ => self.node(item, false, positive),
                };
                seqs.push(proximity_sequence(item));
                if let Some(q) = q {
                    clauses.push((if any { Occur::Should } else { Occur::Must }, q));
                    positives += 1;
                }
            }
        }
        // Words that stand next to each other in the query score extra where they stand
        // close together in the text (a sequential-dependence boost).
        if positive {
            for pair in seqs.windows(2) {
                if let [Some(a), Some(b)] = pair
                    && let (Some(x), Some(y)) = (a.last(), b.first())
                {
                    let terms =
                        vec![(0, Term::from_field_text(self.f.text, x)), (1, Term::from_field_text(self.f.text, y))];
                    let q =
                        boost(Box::new(PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP)), PROXIMITY_BOOST);
                    match boosts {
                        Boosts::Inline => clauses.push((Occur::Should, q)),
                        Boosts::Apart => self.boosts.push(q),
                    }
                }
            }
        }
        if positives == 0 {
            if clauses.is_empty() {
                return None;
            }
            // Only exclusions left (their words were all particles): exclude from all.
            clauses.push((Occur::Must, Box::new(AllQuery)));
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }
}

#[cfg(test)]
mod tests {
    //! The compiler on real Korean queries, run against a small in-memory index analyzed by
    //! the installed dictionary: which articles match, in which order, what is highlighted.

    use tantivy::collector::TopDocs;
    use tantivy::{Index, TantivyDocument};

    use super::*;
    use crate::analysis::Analyzer;
    use crate::index::schema;
    use crate::search::query::{Query, Syntax};
    use crate::search::readings;

    /// (id, title, body, press)
    const DOCS: &[(&str, &str, &str, &str)] = &[
        (
            "chip",
            "삼성전자 실적 발표",
            "삼성전자가 실적을 발표했다. 반도체 시장 점유율이 올랐다. 중국 수요도 늘었다.",
            "연합뉴스",
        ),
        (
            "spaced",
            "삼성 전자 실적 발표",
            "삼성 전자가 실적을 발표했다. 시장의 반도체 점유율이 올랐다. 미국 수요도 늘었다.",
            "한겨레",
        ),
        (
            "meet",
            "이재용, 퀄컴 만났다",
            "이재용 회장은 퀄컴과 아마존 경영진을 만났다. 광폭 행보를 이어갔다.",
            "쿠키뉴스",
        ),
        ("amazon", "아마존 물류 확대", "아마존은 물류센터를 늘렸다. 행보가 광폭하다.", "연합뉴스"),
        ("heat", "폭염 속 쪽방촌", "폭염이 이어지며 쪽방촌 주민들이 선풍기 하나로 버텼다. 수요도 늘었다.", "한겨레"),
    ];

    struct Fixture {
        analyzer: Analyzer,
        fields: Fields,
        index: Index,
    }

    fn fixture() -> &'static Fixture {
        static F: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
        F.get_or_init(|| {
            let analyzer = Analyzer::open_default(None).expect("the Korean dictionary (`make test` installs it)");
            let (schema, fields) = schema::build();
            let index = Index::create_in_ram(schema);
            crate::index::register_analyzer(&index, &analyzer);
            let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
            for (id, title, body, press) in DOCS {
                let mut doc = TantivyDocument::default();
                doc.add_text(fields.id, id);
                doc.add_text(fields.title, title);
                doc.add_text(fields.body, body);
                doc.add_text(fields.text, format!("{title}\n{body}"));
                doc.add_text(fields.press, press);
                w.add_document(doc).unwrap();
            }
            w.commit().unwrap();
            Fixture { analyzer, fields, index }
        })
    }

    fn compiled(q: &str, any: bool) -> Compiled {
        let f = fixture();
        let query = Query::parse(q, Syntax::Strict).unwrap_or_else(|e| panic!("{q}: {e}"));
        compile(&f.fields, &readings::analyze(&f.analyzer, &query), any)
    }

    /// Ids of the matching articles, best first.
    fn ids(q: &str, any: bool) -> Vec<String> {
        let f = fixture();
        let c = compiled(q, any);
        let searcher = f.index.reader().unwrap().searcher();
        let hits = searcher.search(&c.query, &TopDocs::with_limit(10).order_by_score()).unwrap();
        let window = hits.len();
        let hits = crate::search::run::rescored(&searcher, &searcher, &c.boosts, hits, window).unwrap();
        hits.into_iter()
            .map(|(_, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).unwrap();
                schema::from_document(&f.fields, &doc).id
            })
            .collect()
    }

    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }

    #[test]
    fn particles_and_inflections_are_analyzed_away() {
        assert_eq!(ids("삼성전자의 반도체를", false), ids("삼성전자 반도체", false));
        assert_eq!(ids("삼성전자 반도체", false), ["chip", "spaced"]);
        assert_eq!(ids("만났습니다", false), ["meet"], "만났습니다 finds 만났다");
        assert_eq!(ids("만나다", false), ["meet"]);
        assert_eq!(sorted(ids("늘었다", false)), ["chip", "heat", "spaced"], "늘렸다 is another verb");
    }

    #[test]
    fn a_compound_finds_itself_first_and_its_parts() {
        assert_eq!(ids("삼성전자", false), ["chip", "spaced"], "the word itself ranks above 삼성 전자");
        assert_eq!(sorted(ids("삼성", false)), ["chip", "spaced"], "a part finds the compound");
        let c = compiled("삼성전자", false);
        let whole = Matcher { terms: vec!["삼성전자".into()] };
        let parts = Matcher { terms: vec!["삼성".into(), "전자".into()] };
        assert_eq!(c.body_matchers, [whole.clone(), parts.clone()]);
        assert_eq!(c.title_matchers, [whole, parts]);
    }

    #[test]
    fn a_word_of_several_terms_needs_its_terms_in_any_order() {
        // 반도체시장: 반도체 + 시장, both required — and, as the dictionary reads it only in
        // pieces, standing together: `반도체 시장` (spaced) matches, `시장의 반도체` does not.
        assert_eq!(ids("반도체시장", false), ["chip"]);
        assert_eq!(sorted(ids("반도체시장", true)), ["chip", "spaced"], "--any: any piece");
        assert_eq!(ids("물류센터", false), ["amazon"]);
    }

    #[test]
    fn phrases_need_their_terms_together() {
        assert_eq!(ids("\"광폭 행보\"", false), ["meet"]);
        assert_eq!(ids("‘광폭 행보’", false), ["meet"], "curly single quotes make a phrase too");
        assert_eq!(sorted(ids("광폭 행보", false)), ["amazon", "meet"]);
        assert_eq!(ids("\"반도체 시장\"", false), ["chip"]);
        let c = compiled("\"광폭 행보\"", false);
        assert_eq!(c.body_matchers, [Matcher { terms: vec!["광폭".into(), "행보".into()] }]);
    }

    #[test]
    fn fields_restrict_and_exact_fields_match_as_typed() {
        assert_eq!(ids("title:퀄컴", false), ["meet"]);
        assert_eq!(ids("title:아마존", false), ["amazon"], "the body of `meet` names 아마존, its title does not");
        assert_eq!(sorted(ids("body:아마존", false)), ["amazon", "meet"]);
        assert_eq!(sorted(ids("press:연합뉴스", false)), ["amazon", "chip"]);
        assert_eq!(ids("press:연합", false), Vec::<String>::new(), "exact, not analyzed");
        assert_eq!(ids("press:연합뉴스 반도체", false), ["chip"]);
        let c = compiled("title:퀄컴 body:아마존", false);
        assert_eq!(c.title_matchers, [Matcher { terms: vec!["퀄컴".into()] }]);
        assert_eq!(c.body_matchers, [Matcher { terms: vec!["아마존".into()] }]);
    }

    #[test]
    fn not_or_and_groups() {
        assert_eq!(ids("반도체 -중국", false), ["spaced"]);
        assert_eq!(sorted(ids("퀄컴 OR 쪽방촌", false)), ["heat", "meet"]);
        assert_eq!(ids("(퀄컴 OR 쪽방촌) 선풍기", false), ["heat"]);
        assert_eq!(ids("(아마존 OR 퀄컴) -이재용", false), ["amazon"]);
        // Inside a group, -x excludes x from the group (as Lucene and Elasticsearch read it).
        assert_eq!(ids("(반도체 OR -중국) 수요", false), ["spaced"]);
        assert_eq!(ids("(-중국 OR -폭염) 늘었다", false), ["spaced"]);
        // -(-x) is x.
        assert_eq!(ids("반도체 -(-중국)", false), ["chip"]);
        // Excluded words are not highlighted.
        let c = compiled("반도체 -중국", false);
        assert!(c.body_matchers.iter().all(|m| !m.terms.contains(&"중국".to_owned())), "{:?}", c.body_matchers);
    }

    #[test]
    fn any_needs_one_word_and_ranks_all_words_first() {
        assert_eq!(ids("삼성전자 퀄컴", false), Vec::<String>::new());
        assert_eq!(sorted(ids("삼성전자 퀄컴", true)), ["chip", "meet", "spaced"]);
        let both = ids("퀄컴 아마존", true);
        assert_eq!(sorted(both.clone()), ["amazon", "meet"]);
        assert_eq!(both[0], "meet", "the article with both words first");
        // --any reaches into a word of several terms: one of them is enough.
        assert_eq!(sorted(ids("물류시장", true)), ["amazon", "chip", "spaced"]);
        assert_eq!(ids("물류시장", false), Vec::<String>::new());
    }

    /// Scores of every match, by id.
    fn scores(q: &dyn tantivy::query::Query) -> Vec<(String, f32)> {
        let f = fixture();
        let searcher = f.index.reader().unwrap().searcher();
        let mut out: Vec<(String, f32)> = searcher
            .search(q, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(s, addr)| (schema::from_document(&f.fields, &searcher.doc(addr).unwrap()).id, s))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }

    #[test]
    fn the_top_levels_boosts_are_apart_and_add_what_they_would_add_inline() {
        // 광폭 행보: the two words close together (a proximity boost); 반도체시장: its two
        // terms in sequence (a sequence boost).
        let c = compiled("광폭 행보 반도체시장", true);
        assert_eq!(c.boosts.len(), 3, "광폭~행보, 행보~반도체, 반도체 시장 in sequence");
        let f = fixture();
        let searcher = f.index.reader().unwrap().searcher();
        let hits = searcher.search(&c.query, &TopDocs::with_limit(10).order_by_score()).unwrap();
        let window = hits.len();
        let mut rescored: Vec<(String, f32)> =
            crate::search::run::rescored(&searcher, &searcher, &c.boosts, hits, window)
                .unwrap()
                .into_iter()
                .map(|(s, addr)| (schema::from_document(&f.fields, &searcher.doc(addr).unwrap()).id, s))
                .collect();
        rescored.sort_by(|a, b| a.0.cmp(&b.0));
        let mut clauses = vec![(Occur::Should, c.query.box_clone())];
        clauses.extend(c.boosts.iter().map(|b| (Occur::Should, b.box_clone())));
        let inline = scores(&BooleanQuery::new(clauses));
        assert_eq!(rescored.len(), inline.len());
        for ((a, x), (b, y)) in rescored.iter().zip(&inline) {
            assert_eq!(a, b);
            assert!((x - y).abs() < 1e-4, "{a}: {x} rescored, {y} inline");
        }
        assert!(
            rescored.iter().zip(scores(c.query.as_ref())).any(|((_, x), (_, y))| *x > y + 1e-3),
            "something boosted"
        );
        // In a group, and for a word of two readings, the boosts stay in the query.
        assert!(compiled("(광폭 행보) OR 퀄컴", false).boosts.is_empty());
        assert_eq!(compiled("반도체시장", false).boosts.len(), 1, "a word alone is the top level");
    }

    #[test]
    fn words_without_terms_are_left_out_and_said() {
        let c = compiled("그리고 쪽방촌", false);
        assert_eq!(c.ignored, ["그리고"]);
        assert_eq!(ids("그리고 쪽방촌", false), ["heat"]);
        assert!(ids("그리고", false).is_empty(), "only unindexed words match nothing");
        assert_eq!(compiled("그리고 -그러나", false).ignored, ["그리고", "그러나"]);
        assert_eq!(ids("쪽방촌 -그러나", false), ["heat"], "an exclusion of nothing excludes nothing");
    }
}
