//! Running a compiled query: the request's filters, collection (the top hits in the
//! requested order, or only their number, and whatever another collector gathers in the same
//! pass: facet counts), the stored articles and their snippets.
//!
//! The collector never asks for more hits than the index holds: `--limit 18446744073709551615`
//! means every hit and allocates for the index's articles, not for 2⁶⁴, and offset + limit
//! cannot overflow.

use std::collections::BTreeMap;
use std::ops::Bound;
use std::time::Instant;

use anyhow::{Result, anyhow};
use chrono::{DateTime, FixedOffset, NaiveDate};
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::compile::Compiled;
use super::tally::{Counting, Group, Tallied, Tally};
use super::{Hit, Request, Results, Sort, snippet};
use crate::index::GisaIndex;
use crate::index::offsets::Offsets;
use crate::index::schema::{Fields, StoredArticle, from_document, full_text_spans};

/// Seconds since the epoch that tantivy's dates (nanoseconds in an `i64`) can hold; a
/// filter date beyond them (`--since 1000-01-01`) is clamped, which matches the same
/// articles since no stored date lies beyond them.
const TANTIVY_SECONDS: i64 = i64::MAX / 1_000_000_000;

/// The compiled query restricted by the request's filters (dates, press, articles already
/// shown); the query itself when there are none.
pub fn filtered(fields: &Fields, compiled: &Compiled, req: &Request) -> Box<dyn Query> {
    let f = fields;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiled.query.box_clone())];
    if req.since.is_some() || req.until.is_some() {
        let term = |d: &DateTime<FixedOffset>| {
            let secs = d.timestamp().clamp(-TANTIVY_SECONDS, TANTIVY_SECONDS);
            Term::from_field_date(f.date, tantivy::DateTime::from_timestamp_secs(secs))
        };
        let lo = req.since.as_ref().map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
        let hi = req.until.as_ref().map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
        clauses.push((Occur::Must, Box::new(RangeQuery::new(lo, hi))));
    }
    if !req.press.is_empty() {
        let mut qs: Vec<Box<dyn Query>> = req
            .press
            .iter()
            .map(|p| {
                Box::new(TermQuery::new(Term::from_field_text(f.press, p.trim()), IndexRecordOption::Basic))
                    as Box<dyn Query>
            })
            .collect();
        let press: Box<dyn Query> = if qs.len() == 1 {
            qs.remove(0)
        } else {
            Box::new(BooleanQuery::new(qs.into_iter().map(|q| (Occur::Should, q)).collect()))
        };
        clauses.push((Occur::Must, press));
    }
    if !req.exclude_ids.is_empty() {
        let terms = req.exclude_ids.iter().map(|id| Term::from_field_text(f.id, id));
        clauses.push((Occur::MustNot, Box::new(TermSetQuery::new(terms))));
    }
    if clauses.len() == 1 { clauses.remove(0).1 } else { Box::new(BooleanQuery::new(clauses)) }
}

/// The number of articles the request matches (all of them, whatever its limit).
pub fn count(ix: &GisaIndex, searcher: &Searcher, compiled: &Compiled, req: &Request) -> Result<usize> {
    Ok(searcher.search(&filtered(&ix.fields, compiled, req), &Count)?)
}

/// Matching articles per day (KST) of a request, all of them (not only the top hits).
pub fn histogram(
    ix: &GisaIndex,
    searcher: &Searcher,
    compiled: &Compiled,
    req: &Request,
) -> Result<BTreeMap<NaiveDate, u64>> {
    let fruit =
        searcher.search(&filtered(&ix.fields, compiled, req), &Tally::new(vec![Group::Day], Counting::Articles))?;
    let Some(Tallied::Day(days)) = fruit.groups.first() else { return Ok(BTreeMap::new()) };
    Ok(days.days().into_iter().filter_map(|(d, n)| super::tally::date_of_day(d).map(|d| (d, n))).collect())
}

/// The hits to collect: `(limit, offset)` within the index's articles, `None` for a count.
fn window(req: &Request, articles: usize) -> Option<(usize, usize)> {
    if req.limit == 0 || req.offset >= articles {
        return None;
    }
    Some((req.limit.min(articles - req.offset), req.offset))
}

/// Runs a compiled query: the top hits of the request with their snippets, and the total.
pub fn run(ix: &GisaIndex, searcher: &Searcher, compiled: &Compiled, req: &Request) -> Result<Results> {
    Ok(run_with(ix, searcher, compiled, req, None::<Count>)?.0)
}

/// [`run`], with `extra` collecting over the same matches in the same pass (facet counts
/// beside the top hits): its fruit comes back with the results.
pub fn run_with<C: Collector>(
    ix: &GisaIndex,
    searcher: &Searcher,
    compiled: &Compiled,
    req: &Request,
    extra: Option<C>,
) -> Result<(Results, Option<C::Fruit>)> {
    let started = Instant::now();
    let query = filtered(&ix.fields, compiled, req);
    let f = &ix.fields;
    let articles = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let top: Vec<(f32, DocAddress)>;
    let total;
    let fruit;
    match window(req, articles) {
        None => {
            (total, fruit) = searcher.search(&query, &(Count, extra))?;
            top = Vec::new();
        }
        Some((limit, offset)) => {
            let collector = TopDocs::with_limit(limit).and_offset(offset);
            match req.sort {
                Sort::Relevance => {
                    let stats = super::bm25::Statistics::new(searcher);
                    (top, total, fruit) = searcher.search_with_statistics_provider(
                        &query,
                        &(collector.order_by_score(), Count, extra),
                        &stats,
                    )?;
                }
                Sort::Date | Sort::NewestFirst => {
                    let order = if req.sort == Sort::Date { Order::Asc } else { Order::Desc };
                    let by_date = collector.order_by_fast_field::<tantivy::DateTime>("date", order);
                    let hits;
                    (hits, total, fruit) = searcher.search(&query, &(by_date, Count, extra))?;
                    // Scores are not computed for a date order.
                    top = hits.into_iter().map(|(_, addr): (Option<tantivy::DateTime>, _)| (0.0, addr)).collect();
                }
            }
        }
    }

    let mut hits = Vec::with_capacity(top.len());
    let docs = top
        .iter()
        .map(|(_, addr)| searcher.doc::<TantivyDocument>(*addr).map_err(|e| anyhow!("cannot read a hit: {e}")))
        .collect::<Result<Vec<_>>>()?;
    let mut highlights = Highlights::new(compiled);
    if req.fragments > 0 {
        highlights.locate(ix, searcher, &top, &docs)?;
    }
    for (i, ((score, _), doc)) in top.into_iter().zip(docs).enumerate() {
        let article = from_document(f, &doc);
        let (title_highlights, snippets) = if req.fragments > 0 {
            let (th, bh) = highlights.of(i, ix, &article);
            (th.into_iter().map(|(r, _)| r).collect(), snippet::fragments(&article.body, &bh, req.fragments))
        } else {
            (Vec::new(), Vec::new())
        };
        // The offset is below the number of articles, so the rank cannot overflow.
        hits.push(Hit { rank: req.offset + i + 1, score, article, title_highlights, snippets, story: None });
    }
    let results = Results {
        query: req.query.text().to_owned(),
        ignored: compiled.ignored.clone(),
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
    };
    Ok((results, fruit))
}

/// The highlights of a request's hits: from the index's positions and each article's
/// offsets table, or by analyzing the stored text again for an article without a table.
struct Highlights<'c> {
    title: snippet::Highlighter<'c>,
    body: snippet::Highlighter<'c>,
    /// Every term either highlighter looks for.
    terms: Vec<&'c str>,
    /// Per hit, the wanted terms found in its text, when its document has a table.
    found: Vec<Option<Vec<snippet::Found<'c>>>>,
}

impl<'c> Highlights<'c> {
    fn new(compiled: &'c Compiled) -> Highlights<'c> {
        let title = snippet::Highlighter::new(&compiled.title_matchers);
        let body = snippet::Highlighter::new(&compiled.body_matchers);
        let mut terms: Vec<&str> = title.terms().chain(body.terms()).collect();
        terms.sort_unstable();
        terms.dedup();
        Highlights { title, body, terms, found: Vec::new() }
    }

    /// Finds the wanted terms of every hit that has an offsets table.
    fn locate(
        &mut self,
        ix: &GisaIndex,
        searcher: &Searcher,
        top: &[(f32, DocAddress)],
        docs: &[TantivyDocument],
    ) -> Result<()> {
        let tables: Vec<Option<Offsets>> = docs
            .iter()
            .map(|d| {
                ix.fields.offsets.and_then(|f| d.get_first(f)).and_then(|v| v.as_bytes()).and_then(Offsets::decode)
            })
            .collect();
        let addrs: Vec<DocAddress> = top.iter().map(|(_, a)| *a).collect();
        let with_table: Vec<DocAddress> =
            addrs.iter().zip(&tables).filter(|(_, t)| t.is_some()).map(|(a, _)| *a).collect();
        let mut positions = super::positions::of_hits(searcher, ix.fields.text, &self.terms, &with_table)?.into_iter();
        self.found = tables
            .iter()
            .map(|table| {
                let table = table.as_ref()?;
                let at = positions.next()?;
                Some(
                    at.into_iter()
                        .filter_map(|(t, p)| table.range(p, self.terms[t]).map(|(s, e)| (self.terms[t], s, e, p)))
                        .collect(),
                )
            })
            .collect();
        Ok(())
    }

    /// The title's and the body's highlights of hit `i`.
    fn of(&self, i: usize, ix: &GisaIndex, article: &StoredArticle) -> (snippet::Marked, snippet::Marked) {
        let Some(Some(found)) = self.found.get(i) else {
            return (
                self.title.highlight(&ix.analyzer, &article.title),
                self.body.highlight(&ix.analyzer, &article.body),
            );
        };
        let (title, body) = full_text_spans(&article.title, &article.subtitles, &article.body);
        (self.title.highlight_found(found, title), self.body.highlight_found(found, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Limits, Params, validate};

    fn req(limit: usize, offset: usize) -> Request {
        let p = Params { limit, offset, ..Params::new("삼성") };
        validate::validate(&p, chrono::Utc::now().fixed_offset(), &Limits::DEFAULT).unwrap()
    }

    #[test]
    fn the_window_never_exceeds_the_index() {
        assert_eq!(window(&req(10, 0), 100), Some((10, 0)));
        assert_eq!(window(&req(usize::MAX, 0), 100), Some((100, 0)));
        assert_eq!(window(&req(usize::MAX, 95), 100), Some((5, 95)));
        assert_eq!(window(&req(10, usize::MAX), 100), None);
        assert_eq!(window(&req(10, 100), 100), None);
        assert_eq!(window(&req(0, 0), 100), None, "limit 0 counts");
        assert_eq!(window(&req(10, 0), 0), None, "an empty index");
    }
}
