//! Search: a request in, ranked hits with highlighted snippets out, in four stages —
//! **parse → validate → compile → run**:
//!
//! 1. [`query`] parses the query string into a syntax tree ([`Query`]), strictly, leniently
//!    (pasted text: what does not parse is text) or as fixed words;
//! 2. [`validate`] checks a whole request as typed ([`Params`]: query, dates, limits) into a
//!    [`Request`], or says which parameter is wrong ([`Invalid`]);
//! 3. [`readings`] analyzes the query's words with the index's analyzer and attaches their
//!    readings to the tree ([`readings::Analyzed`]: what an exporter to another engine
//!    walks); [`compile`] turns that tree into the tantivy query and the highlighter's
//!    matchers ([`Compiled`]), where a word searched alone counts less as a piece of a new
//!    name ([`pieces`]) and a word's alternatives skip ahead one by one ([`alternatives`]);
//! 4. [`run`] applies the filters, collects the top hits or counts them, and cuts the
//!    snippets ([`snippet`]); [`tally`] counts matches per value of a fast field (per day,
//!    per press, …) in the same pass or alone; [`collapse`] marks each hit's story and keeps
//!    one hit per story; [`similar`] finds related coverage; [`bm25`] gives the ranking
//!    statistics of the documents alone (the same after an incremental run as after `--full`).
//!
//! [`search`] does 3 and 4 for a validated request. Printers live apart, in
//! `crate::output`.

pub mod alternatives;
pub mod bm25;
pub mod collapse;
pub mod compile;
pub mod dates;
pub mod keyboard;
pub mod pieces;
pub mod positions;
pub mod query;
pub mod readings;
pub mod run;
pub mod similar;
pub mod snippet;
pub mod tally;
pub mod validate;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::Instant;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use tantivy::Searcher;

pub use compile::{Compiled, TITLE_BOOST};
pub use query::{Query, Syntax};
pub use validate::{Invalid, Limits, Param, Params};

use crate::index::GisaIndex;
use crate::index::schema::StoredArticle;
use snippet::{Fragment, Range};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Sort {
    /// By BM25 score.
    #[serde(rename = "relevance")]
    Relevance,
    /// Oldest first.
    #[serde(rename = "date")]
    Date,
    /// Newest first.
    #[serde(rename = "-date")]
    NewestFirst,
}

impl Sort {
    /// Every order, by its name.
    pub const ALL: [Sort; 3] = [Sort::Relevance, Sort::Date, Sort::NewestFirst];

    /// The name: `relevance`, `date` or `-date`.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Date => "date",
            Sort::NewestFirst => "-date",
        }
    }
}

impl fmt::Display for Sort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        Sort::ALL
            .into_iter()
            .find(|o| o.name() == s)
            .ok_or_else(|| format!("sort must be relevance, date or -date, not {s:?}"))
    }
}

/// A validated search to run, made by [`validate::validate`] (or [`validate::validate_with`]
/// for a query parsed already).
#[derive(Debug, Clone)]
pub struct Request {
    pub query: Query,
    /// At least one word must match instead of all.
    pub any: bool,
    pub since: Option<DateTime<FixedOffset>>,
    pub until: Option<DateTime<FixedOffset>>,
    pub press: Vec<String>,
    pub sort: Sort,
    /// Hits to return (0: only count them). Any number: the collector never asks for more
    /// than the index holds.
    pub limit: usize,
    pub offset: usize,
    /// Fragments per hit (0: none).
    pub fragments: usize,
    /// Articles (by id) to leave out — those a report has already shown.
    pub exclude_ids: Vec<String>,
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
    /// The story the article belongs to and its other copies, when the index keeps story
    /// groups ([`collapse`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<collapse::Story>,
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

/// Analyzes and compiles a query for an index (stage 3).
pub fn compile(ix: &GisaIndex, query: &Query, any: bool) -> Compiled {
    compile::compile(&ix.fields, &readings::analyze(&ix.analyzer, query), any)
}

/// Runs a request: compile, then run (stages 3 and 4).
pub fn search(ix: &GisaIndex, searcher: &Searcher, req: &Request) -> Result<Results> {
    let started = Instant::now();
    let compiled = compile(ix, &req.query, req.any);
    let mut results = run::run(ix, searcher, &compiled, req)?;
    results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok(results)
}

/// [`search`], with `extra` collecting over every match in the same pass (facet counts):
/// its fruit comes back beside the results.
pub fn search_with<C: tantivy::collector::Collector>(
    ix: &GisaIndex,
    searcher: &Searcher,
    req: &Request,
    extra: Option<C>,
) -> Result<(Results, Option<C::Fruit>)> {
    let started = Instant::now();
    let compiled = compile(ix, &req.query, req.any);
    let (mut results, fruit) = run::run_with(ix, searcher, &compiled, req, extra)?;
    results.took_ms = started.elapsed().as_secs_f64() * 1000.0;
    Ok((results, fruit))
}

/// Words read as Hangul: `(typed, read)`.
pub type Fixes = Vec<(String, String)>;

/// Korean typed in the wrong keyboard mode: the Latin words of `req`'s query (two letters
/// or more, in a text field) that match nothing in the index, with the request's filters,
/// while their 두벌식 reading ([`keyboard::hangul`]) matches something (`tkatjdwjswk` →
/// 삼성전자). Returns the request with those words read as Hangul and the `(typed, read)`
/// pairs, or `None` when no word needs it. A Latin word with hits (`HBM`, `AI`) is never
/// touched.
pub fn keyboard_fixes(ix: &GisaIndex, searcher: &Searcher, req: &Request) -> Result<Option<(Request, Fixes)>> {
    let mut fixes: Vec<(String, String)> = Vec::new();
    let hits = |text: &str| -> Result<usize> {
        let Ok(q) = Query::parse(text, Syntax::Fixed) else { return Ok(0) };
        let probe = Request { query: q, limit: 0, offset: 0, ..req.clone() };
        run::count(ix, searcher, &compile(ix, &probe.query, false), &probe)
    };
    for leaf in req.query.tree().leaves() {
        if leaf.kind != query::Kind::Word
            || leaf.field.is_exact()
            || leaf.text.chars().count() < 2
            || !leaf.text.chars().all(|c| c.is_ascii_alphabetic())
            || fixes.iter().any(|(typed, _)| *typed == leaf.text)
        {
            continue;
        }
        let Some(reading) = keyboard::hangul(&leaf.text) else { continue };
        if hits(&leaf.text)? == 0 && hits(&reading)? > 0 {
            fixes.push((leaf.text.clone(), reading));
        }
    }
    if fixes.is_empty() {
        return Ok(None);
    }
    let read = |t: &str| fixes.iter().find(|(typed, _)| typed == t).map(|(_, r)| r.clone());
    let tree = req.query.tree().map(|leaf| match (leaf.kind, read(&leaf.text)) {
        (query::Kind::Word, Some(r)) if !leaf.field.is_exact() => query::Leaf { text: r, ..leaf.clone() },
        _ => leaf.clone(),
    });
    let text: Vec<String> = req.query.text().split(' ').map(|w| read(w).unwrap_or_else(|| w.to_owned())).collect();
    let query = Query::from_tree(text.join(" "), tree).map_err(|e| anyhow::anyhow!("{}", e.message))?;
    Ok(Some((Request { query, ..req.clone() }, fixes)))
}

/// Matching articles per day (KST) of a request, all of them (not only the top hits).
pub fn histogram(ix: &GisaIndex, searcher: &Searcher, req: &Request) -> Result<BTreeMap<NaiveDate, u64>> {
    run::histogram(ix, searcher, &compile(ix, &req.query, req.any), req)
}
