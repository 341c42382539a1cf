//! Search: a query string in, ranked hits with highlighted snippets out.
//!
//! The query ([`query`]) is analyzed with the index's own analyzer, as the sentence the user
//! typed, so `삼성전자의 반도체` means 삼성전자 + 반도체 and `만났다` means the stem 만나.
//! Each query word becomes a query over the article text (title, summary lines and body in
//! one field) plus the title (an extra [`TITLE_BOOST`]):
//! - a plain term;
//! - a compound (`삼성전자`) — its whole term *or* its parts as a phrase (`삼성 전자`), the
//!   better of the two counting, so documents with the word itself rank first and spaced
//!   spellings still match;
//! - a word the analyzer splits into several terms (`반도체산업`, `김을동씨가`) — its main terms
//!   must all match (bound nouns and the copula only add to the score), and in sequence they
//!   score extra. tantivy's own query parser would make such a word a phrase, which silently
//!   misses reorderings and spacing.
//!
//! MeCab reads a word by its context, and the last word of a query stands where a sentence
//! ends while in an article it is followed by more text (`김경준의`: 김경+준의 at the end,
//! 김경준+의 inside a sentence). A word whose two readings differ matches either (see
//! [`CONTINUATION`]).
//!
//! Words combine with AND (or OR with `--any`), `OR`, `-`, parentheses and fields; neighbouring
//! words found close together in the text add a proximity boost. Filters (dates, press)
//! restrict without scoring; hits are ranked by BM25 or by date. Every hit gets up to three
//! highlighted fragments from [`snippet`].

pub mod dates;
pub mod histogram;
pub mod query;
pub mod snippet;

use std::ops::Bound;
use std::time::Instant;

use anyhow::{Result, anyhow};
use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, DisjunctionMaxQuery, EmptyQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery, TermSetQuery,
};
use tantivy::schema::{Field as TField, IndexRecordOption};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::analysis::{Analyzer, Role, Term as AnalyzedTerm};
use crate::index::GisaIndex;
use crate::index::schema::{Fields, StoredArticle, from_document};
use query::{Field, Node};
use snippet::{Fragment, Matcher, Range};

/// Extra weight of a title match: the title is part of the text field, and its own field adds
/// this on top. Tuned on the KorQuAD dev questions (0, 0.25, 0.5, 1, 2 tried).
pub const TITLE_BOOST: f32 = 0.5;
/// Weight of two neighbouring query words found close together in the text, and how close
/// (positions between them). Tuned on the KorQuAD dev questions.
pub(crate) const PROXIMITY_BOOST: f32 = 0.2;
pub(crate) const PROXIMITY_SLOP: u32 = 3;
/// How much the weaker of a compound's two matches (whole word, parts) adds to the stronger.
pub(crate) const COMPOUND_TIE: f32 = 0.2;
/// Extra weight of a multi-term word found with its parts in sequence.
pub(crate) const SEQUENCE_BOOST: f32 = 0.25;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
pub enum Sort {
    /// By BM25 score
    Relevance,
    /// Oldest first
    Date,
    /// Newest first
    #[value(name = "-date")]
    #[serde(rename = "-date")]
    NewestFirst,
}

/// A search to run.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    /// At least one unit must match instead of all.
    pub any: bool,
    pub since: Option<DateTime<FixedOffset>>,
    pub until: Option<DateTime<FixedOffset>>,
    pub press: Vec<String>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// Fragments per hit (0: none).
    pub fragments: usize,
    /// Articles (by id) to leave out — those a report has already shown.
    pub exclude_ids: Vec<String>,
}

impl Request {
    /// A request with the defaults of `gisa search` for `query`.
    pub fn new(query: impl Into<String>) -> Request {
        Request {
            query: query.into(),
            any: false,
            since: None,
            until: None,
            press: Vec::new(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            fragments: 3,
            exclude_ids: Vec::new(),
        }
    }
}

/// One hit.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub rank: usize,
    pub score: f32,
    #[serde(flatten)]
    pub article: StoredArticle,
    /// Highlighted ranges of the title, character offsets.
    pub title_highlights: Vec<Range>,
    pub snippets: Vec<Fragment>,
}

/// The outcome of a search.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    pub query: String,
    /// Query words left out because they hold no indexed term.
    pub ignored: Vec<String>,
    pub total: usize,
    pub took_ms: f64,
    pub hits: Vec<Hit>,
}

/// A compiled query: what tantivy runs and what the highlighter looks for.
pub struct Compiled {
    pub query: Box<dyn Query>,
    /// Matchers for the title and for the body.
    pub title_matchers: Vec<Matcher>,
    pub body_matchers: Vec<Matcher>,
    /// Query words that hold no indexed term (particles, adverbs, punctuation): they match
    /// nothing and were left out.
    pub ignored: Vec<String>,
}

struct Compiler<'a> {
    f: &'a Fields,
    /// `--any`: at least one unit must match, at every level.
    any: bool,
    /// The term sequence of the word compiled last (for proximity boosts between words).
    last_seq: Vec<String>,
    /// The readings (term lists, see [`analyze_words`]) of every analyzed word and phrase
    /// of the query, in query order.
    word_terms: Vec<Vec<Vec<AnalyzedTerm>>>,
    next_word: usize,
    title_matchers: Vec<Matcher>,
    body_matchers: Vec<Matcher>,
    ignored: Vec<String>,
}

/// The search terms of one query word, grouped into units.
pub(crate) enum Unit {
    Term(String),
    /// A compound: its whole term and its parts in order.
    Compound {
        whole: String,
        parts: Vec<String>,
    },
}

/// Tags of terms that carry little on their own inside a longer word: bound nouns
/// (`김을동씨` → 씨, `3개` → 개), the copula and auxiliaries (`누구인가` → 이).
fn is_minor(pos: &str) -> bool {
    matches!(pos, "NNB" | "NNBC" | "VCP" | "VCN" | "VX")
}

impl Unit {
    fn sequence(&self) -> Vec<String> {
        match self {
            Unit::Term(t) => vec![t.clone()],
            Unit::Compound { parts, .. } => parts.clone(),
        }
    }
}

/// The terms of a word's units in text order (a compound by its parts).
fn sequence(units: &[(Unit, bool)]) -> Vec<String> {
    units.iter().flat_map(|(u, _)| u.sequence()).collect()
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
    one_or(qs, |qs| Box::new(BooleanQuery::new(qs.into_iter().map(|q| (Occur::Should, q)).collect())))
}

/// Alternatives of which the best-scoring one counts.
fn best_of(qs: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    one_or(qs, |qs| Box::new(DisjunctionMaxQuery::new(qs)))
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

    /// The units of each reading of the next word or phrase of the query (readings without
    /// terms left out), in the order the words were collected (see [`compile`]); `None`, and
    /// `text` noted as ignored, when no reading has a term (a lone particle, punctuation).
    fn next_readings(&mut self, text: &str) -> Option<Vec<Vec<(Unit, bool)>>> {
        let readings = self.word_terms.get(self.next_word).cloned().unwrap_or_default();
        self.next_word += 1;
        let readings: Vec<_> = readings.iter().map(|terms| units(terms)).filter(|u| !u.is_empty()).collect();
        if readings.is_empty() {
            self.ignored.push(text.to_owned());
            return None;
        }
        Some(readings)
    }

    fn remember(&mut self, field: Field, m: Matcher) {
        if field != Field::Body && !self.title_matchers.contains(&m) {
            self.title_matchers.push(m.clone());
        }
        if field != Field::Title && !self.body_matchers.contains(&m) {
            self.body_matchers.push(m);
        }
    }

    fn unit_query(&self, unit: &Unit, fields: &[(TField, f32)]) -> Box<dyn Query> {
        let per_field = fields
            .iter()
            .map(|&(f, w)| {
                let q = match unit {
                    Unit::Term(t) => term_query(f, t),
                    // Either the whole word or its parts in sequence; the best of the two
                    // counts (a compound is one word, not two), and the whole word a little
                    // more, so that 삼성전자 ranks above 삼성 전자.
                    Unit::Compound { whole, parts } => Box::new(DisjunctionMaxQuery::with_tie_breaker(
                        vec![term_query(f, whole), phrase(f, parts)],
                        COMPOUND_TIE,
                    )),
                };
                boost(q, w)
            })
            .collect();
        should(per_field)
    }

    /// A word: `None` when it holds no search term at all (a lone particle, punctuation).
    /// A word with two readings matches either, the better one counting.
    fn word(&mut self, field: Field, text: &str, positive: bool) -> Option<Box<dyn Query>> {
        if field.is_exact() {
            return Some(self.exact(field, text));
        }
        let readings = self.next_readings(text)?;
        let fields = self.text_fields(field);
        self.last_seq = if field == Field::Text { sequence(&readings[0]) } else { Vec::new() };
        let mut qs = Vec::with_capacity(readings.len());
        for units in &readings {
            if positive {
                for (u, _) in units {
                    match u {
                        Unit::Term(t) => self.remember(field, Matcher { terms: vec![t.clone()] }),
                        Unit::Compound { whole, parts } => {
                            self.remember(field, Matcher { terms: vec![whole.clone()] });
                            self.remember(field, Matcher { terms: parts.clone() });
                        }
                    }
                }
            }
            qs.push(self.reading_query(units, &fields));
        }
        Some(best_of(qs))
    }

    /// The query of one reading of a word.
    fn reading_query(&self, units: &[(Unit, bool)], fields: &[(TField, f32)]) -> Box<dyn Query> {
        if units.len() == 1 {
            return self.unit_query(&units[0].0, fields);
        }
        // Several units from one word (`반도체산업`, `김을동씨가`): its main units must match
        // (with --any, any of them), minor ones (bound nouns, the copula) only add to the
        // score, and the whole sequence scores extra.
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = units
            .iter()
            .map(|(u, minor)| {
                (if self.any || *minor { Occur::Should } else { Occur::Must }, self.unit_query(u, fields))
            })
            .collect();
        if clauses.iter().all(|(o, _)| *o == Occur::Should) && !self.any {
            // Only minor units: they are what the user typed, so they must match.
            for c in &mut clauses {
                c.0 = Occur::Must;
            }
        }
        let seq = sequence(units);
        let seq_q = should(fields.iter().map(|&(f, w)| boost(phrase(f, &seq), w * SEQUENCE_BOOST)).collect());
        clauses.push((Occur::Should, seq_q));
        Box::new(BooleanQuery::new(clauses))
    }

    fn phrase(&mut self, field: Field, text: &str, positive: bool) -> Option<Box<dyn Query>> {
        if field.is_exact() {
            return Some(self.exact(field, text));
        }
        let readings = self.next_readings(text)?;
        let fields = self.text_fields(field);
        let mut qs = Vec::with_capacity(readings.len());
        for units in &readings {
            let seq = sequence(units);
            if positive {
                self.remember(field, Matcher { terms: seq.clone() });
            }
            qs.push(should(fields.iter().map(|&(f, w)| boost(phrase(f, &seq), w)).collect()));
        }
        Some(best_of(qs))
    }

    fn exact(&self, field: Field, text: &str) -> Box<dyn Query> {
        let f = match field {
            Field::Press => self.f.press,
            Field::Reporter => self.f.reporter,
            _ => self.f.category,
        };
        Box::new(TermQuery::new(Term::from_field_text(f, text.trim()), IndexRecordOption::Basic))
    }

    /// Compiles a node; `None` when it holds nothing searchable.
    fn node(&mut self, n: &Node, any: bool, positive: bool) -> Option<Box<dyn Query>> {
        match n {
            Node::Word { field, text } => self.word(*field, text, positive),
            Node::Phrase { field, text } => self.phrase(*field, text, positive),
            Node::Not(inner) => self.node(inner, false, !positive),
            Node::Or(items) => {
                let qs: Vec<Box<dyn Query>> = items.iter().filter_map(|i| self.node(i, false, positive)).collect();
                if qs.is_empty() { None } else { Some(should(qs)) }
            }
            Node::And(items) => {
                let mut clauses = Vec::new();
                let mut positives = 0;
                // Term sequences of consecutive plain words, for the proximity boost.
                let mut seqs: Vec<Option<Vec<String>>> = Vec::new();
                for item in items {
                    if let Node::Not(inner) = item {
                        if let Some(q) = self.node(inner, false, !positive) {
                            clauses.push((Occur::MustNot, q));
                        }
                        seqs.push(None);
                    } else {
                        self.last_seq.clear();
                        let q = self.node(item, false, positive);
                        let plain = matches!(item, Node::Word { field: Field::Text, .. }) && !self.last_seq.is_empty();
                        seqs.push(plain.then(|| std::mem::take(&mut self.last_seq)));
                        if let Some(q) = q {
                            clauses.push((if any { Occur::Should } else { Occur::Must }, q));
                            positives += 1;
                        }
                    }
                }
                // Words that stand next to each other in the query score extra where they
                // stand close together in the text (a sequential-dependence boost).
                if positive {
                    for pair in seqs.windows(2) {
                        if let [Some(a), Some(b)] = pair
                            && let (Some(x), Some(y)) = (a.last(), b.first())
                        {
                            let terms = vec![
                                (0, Term::from_field_text(self.f.text, x)),
                                (1, Term::from_field_text(self.f.text, y)),
                            ];
                            let q = Box::new(PhraseQuery::new_with_offset_and_slop(terms, PROXIMITY_SLOP));
                            clauses.push((Occur::Should, boost(q, PROXIMITY_BOOST)));
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
    }
}

/// Groups a word's terms into units: compounds with their parts, other terms alone.
pub(crate) fn units(terms: &[AnalyzedTerm]) -> Vec<(Unit, bool)> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        let t = &terms[i];
        if t.role == Role::Compound {
            let end = t.position + t.position_length;
            let mut parts = Vec::new();
            let mut j = i + 1;
            while j < terms.len() && terms[j].role == Role::Part && terms[j].position < end {
                parts.push(terms[j].text.clone());
                j += 1;
            }
            let unit = if parts.len() > 1 {
                Unit::Compound { whole: t.text.clone(), parts }
            } else {
                Unit::Term(t.text.clone())
            };
            units.push((unit, false));
            i = j;
        } else {
            units.push((Unit::Term(t.text.clone()), is_minor(&t.pos)));
            i += 1;
        }
    }
    units
}

/// The words and phrases of the query to analyze, in the order the compiler visits them.
pub(crate) fn analyzed_texts<'n>(n: &'n Node, out: &mut Vec<&'n str>) {
    match n {
        Node::Word { field, text } | Node::Phrase { field, text } => {
            if !field.is_exact() {
                out.push(text);
            }
        }
        Node::Not(inner) => analyzed_texts(inner, out),
        Node::And(items) | Node::Or(items) => items.iter().for_each(|i| analyzed_texts(i, out)),
    }
}

/// What the query sentence is analyzed again with, after it: a continuation that makes
/// the last word read as it does inside a sentence of an article rather than at the end of
/// one. MeCab segments a word by its context: `김경준의` alone is 김경+준의, followed by more
/// text it is 김경준+의, as in the article that contains it. Measured on 37,060 word
/// occurrences of the shared kit's news text, the reading alone reproduces a word's terms in
/// context for 92.0% of them, this continuation for 96.0%, and the two together for 97.3%.
const CONTINUATION: &str = " 하고";

/// Analyzes the query's words together, as the sentence the user typed (MeCab segments a
/// word differently alone and in context: `정성공의` alone is 정성+공의, in `정성공의 아버지는`
/// it is 정성공+의), and hands each word the terms that fall inside it — its readings: the
/// terms of the sentence as typed and, when they differ, those of the sentence followed by
/// [`CONTINUATION`].
pub(crate) fn analyze_words(analyzer: &Analyzer, texts: &[&str]) -> Vec<Vec<Vec<AnalyzedTerm>>> {
    let mut sentence = String::new();
    let mut spans = Vec::with_capacity(texts.len());
    for t in texts {
        if !sentence.is_empty() {
            sentence.push(' ');
        }
        let start = sentence.len();
        sentence.push_str(t);
        spans.push((start, sentence.len()));
    }
    let typed = analyzer.analyze(&sentence);
    let continued = if sentence.is_empty() { Vec::new() } else { analyzer.analyze(&(sentence.clone() + CONTINUATION)) };
    let within = |terms: &[AnalyzedTerm], s: usize, e: usize| {
        let mut mine: Vec<AnalyzedTerm> = terms.iter().filter(|t| t.start >= s && t.end <= e).cloned().collect();
        // Positions relative to the word.
        if let Some(first) = mine.first().map(|t| t.position) {
            for t in &mut mine {
                t.position -= first;
            }
        }
        mine
    };
    let same = |a: &[AnalyzedTerm], b: &[AnalyzedTerm]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| x.text == y.text && x.role == y.role && x.position == y.position)
    };
    spans
        .iter()
        .map(|&(s, e)| {
            let a = within(&typed, s, e);
            let b = within(&continued, s, e);
            if same(&a, &b) { vec![a] } else { vec![a, b] }
        })
        .collect()
}

/// Compiles a query string for an index.
pub fn compile(ix: &GisaIndex, q: &str, any: bool) -> Result<Compiled> {
    let node = query::parse(q)?;
    let mut texts = Vec::new();
    analyzed_texts(&node, &mut texts);
    let mut c = Compiler {
        word_terms: analyze_words(&ix.analyzer, &texts),
        next_word: 0,
        f: &ix.fields,
        any,
        last_seq: Vec::new(),
        title_matchers: Vec::new(),
        body_matchers: Vec::new(),
        ignored: Vec::new(),
    };
    let query = match &node {
        Node::Not(inner) => c.node(inner, false, false).map(|q| {
            Box::new(BooleanQuery::new(vec![(Occur::Must, Box::new(AllQuery) as Box<dyn Query>), (Occur::MustNot, q)]))
                as Box<dyn Query>
        }),
        n => c.node(n, any, true),
    };
    // A query of only unindexed words matches nothing (and says so).
    let query = query.unwrap_or_else(|| Box::new(EmptyQuery));
    Ok(Compiled { query, title_matchers: c.title_matchers, body_matchers: c.body_matchers, ignored: c.ignored })
}

/// Runs a search.
/// The whole query of a request — the compiled query string with its filters — and what to
/// highlight.
pub fn build(ix: &GisaIndex, req: &Request) -> Result<(Box<dyn Query>, Compiled)> {
    let mut compiled = compile(ix, &req.query, req.any)?;
    let f = &ix.fields;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Must, std::mem::replace(&mut compiled.query, Box::new(EmptyQuery)))];
    if req.since.is_some() || req.until.is_some() {
        let term = |d: &DateTime<FixedOffset>| {
            Term::from_field_date(f.date, tantivy::DateTime::from_timestamp_secs(d.timestamp()))
        };
        let lo = req.since.as_ref().map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
        let hi = req.until.as_ref().map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
    }
    if !req.press.is_empty() {
        let qs = req
            .press
            .iter()
            .map(|p| {
                Box::new(TermQuery::new(Term::from_field_text(f.press, p.trim()), IndexRecordOption::Basic))
                    as Box<dyn Query>
            })
            .collect();
        clauses.push((Occur::Must, should(qs)));
    }
    if !req.exclude_ids.is_empty() {
        let terms = req.exclude_ids.iter().map(|id| Term::from_field_text(f.id, id));
        clauses.push((Occur::MustNot, Box::new(TermSetQuery::new(terms))));
    }
    let query: Box<dyn Query> =
        if clauses.len() == 1 { clauses.remove(0).1 } else { Box::new(BooleanQuery::new(clauses)) };
    Ok((query, compiled))
}

/// Matching articles per day (KST) of a request, all of them (not only the top hits).
pub fn histogram(
    ix: &GisaIndex,
    searcher: &Searcher,
    req: &Request,
) -> Result<std::collections::BTreeMap<chrono::NaiveDate, u64>> {
    let (query, _) = build(ix, req)?;
    Ok(searcher.search(&query, &histogram::DayHistogram)?)
}

/// Runs a search.
pub fn search(ix: &GisaIndex, searcher: &Searcher, req: &Request) -> Result<Results> {
    let started = Instant::now();
    let (query, compiled) = build(ix, req)?;
    let f = &ix.fields;
    let limit = req.limit;
    let top: Vec<(f32, DocAddress)>;
    let total;
    if limit == 0 {
        total = searcher.search(&query, &Count)?;
        top = Vec::new();
    } else {
        let collector = TopDocs::with_limit(limit).and_offset(req.offset);
        match req.sort {
            Sort::Relevance => {
                let (hits, n) = searcher.search(&query, &(collector.order_by_score(), Count))?;
                top = hits;
                total = n;
            }
            Sort::Date | Sort::NewestFirst => {
                let order = if req.sort == Sort::Date { Order::Asc } else { Order::Desc };
                let (hits, n) = searcher
                    .search(&query, &(collector.order_by_fast_field::<tantivy::DateTime>("date", order), Count))?;
                // Scores are not computed for a date order.
                top = hits.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                total = n;
            }
        }
    }

    let mut hits = Vec::with_capacity(top.len());
    for (i, (score, addr)) in top.into_iter().enumerate() {
        let doc: TantivyDocument = searcher.doc(addr).map_err(|e| anyhow!("cannot read a hit: {e}"))?;
        let article = from_document(f, &doc);
        let (title_highlights, snippets) = if req.fragments > 0 {
            let th = snippet::highlight(&ix.analyzer, &article.title, &compiled.title_matchers);
            let bh = snippet::highlight(&ix.analyzer, &article.body, &compiled.body_matchers);
            (th.into_iter().map(|(r, _)| r).collect(), snippet::fragments(&article.body, &bh, req.fragments))
        } else {
            (Vec::new(), Vec::new())
        };
        hits.push(Hit { rank: req.offset + i + 1, score, article, title_highlights, snippets });
    }
    Ok(Results {
        query: req.query.clone(),
        ignored: compiled.ignored,
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
    })
}
