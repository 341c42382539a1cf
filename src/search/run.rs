//! Running a compiled query: the request's filters, collection (the top hits in the
//! requested order, or only their number, and whatever another collector gathers in the same
//! pass: facet counts), the rescoring of the best hits by the query's top-level boosts
//! ([`rescored`]), the stored articles and their snippets.
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
use tantivy::query::{
    Bm25StatisticsProvider, BooleanQuery, EnableScoring, Occur, Query, RangeQuery, Scorer, TermQuery, TermSetQuery,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::compile::{Compiled, RESCORE_WINDOW};
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
                Sort::Relevance if !compiled.boosts.is_empty() => {
                    // The best hits of the query, the window of them rescored, then the page.
                    let stats = super::bm25::Statistics::new(searcher);
                    let mut depth = offset.saturating_add(limit).max(RESCORE_WINDOW).min(articles);
                    let mut best;
                    (best, total, fruit) = searcher.search_with_statistics_provider(
                        &query,
                        &(TopDocs::with_limit(depth).order_by_score(), Count, extra),
                        &stats,
                    )?;
                    // Hits tied with the window's last one up to the end of those collected:
                    // collect more, until the window ends.
                    let window = loop {
                        match rescore_window(&best, total) {
                            Some(w) => break w,
                            None => {
                                depth = depth.saturating_mul(2).min(articles);
                                best = searcher.search_with_statistics_provider(
                                    &query,
                                    &TopDocs::with_limit(depth).order_by_score(),
                                    &stats,
                                )?;
                            }
                        }
                    };
                    top = rescored(searcher, &stats, &compiled.boosts, best, window)?
                        .into_iter()
                        .skip(offset)
                        .take(limit)
                        .collect();
                }
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

/// How many of `hits` (best first, of `total` matches) the rescoring window holds: the first
/// [`RESCORE_WINDOW`] and every hit after them that scores as the last of them does, to a
/// rounding step (tantivy's sums of the same article differ by one in segments of other
/// sizes). So which hits are rescored depends on their scores alone, not on the order of
/// the index that breaks ties: an index built in one run and one grown run by run rescore
/// the same articles. `None` when the ties run to the end of `hits` and more matches exist.
pub fn rescore_window(hits: &[(f32, DocAddress)], total: usize) -> Option<usize> {
    let Some(&(last, _)) = hits.get(RESCORE_WINDOW.saturating_sub(1)) else { return Some(hits.len()) };
    let floor = last - last.abs() * TIE;
    let window = RESCORE_WINDOW + hits[RESCORE_WINDOW..].iter().take_while(|(s, _)| *s >= floor).count();
    if window == hits.len() && hits.len() < total { None } else { Some(window) }
}

/// Scores this close (relative) count as tied at the end of the rescoring window.
const TIE: f32 = 1e-6;

/// Hits best first with the first `window` of them rescored ([`rescore_window`]): each boost
/// that matches a hit adds its score (what it would add as an optional clause of the query),
/// and the window is ordered again. Hits past the window keep their order and score, which
/// are below any in the window, so the order is the same whatever page is asked for.
pub fn rescored(
    searcher: &Searcher,
    stats: &dyn Bm25StatisticsProvider,
    boosts: &[Box<dyn Query>],
    mut hits: Vec<(f32, DocAddress)>,
    window: usize,
) -> Result<Vec<(f32, DocAddress)>> {
    let window = window.min(hits.len());
    if boosts.is_empty() || window == 0 {
        return Ok(hits);
    }
    let scoring = EnableScoring::enabled_from_statistics_provider(stats, searcher);
    // The window in index order: each boost's scorer moves forward through a segment once.
    let mut order: Vec<usize> = (0..window).collect();
    order.sort_unstable_by_key(|&i| hits[i].1);
    for boost in boosts {
        let weight = boost.weight(scoring)?;
        let mut scorer: Option<(u32, Box<dyn Scorer>)> = None;
        for &i in &order {
            let DocAddress { segment_ord, doc_id } = hits[i].1;
            if scorer.as_ref().is_none_or(|(ord, _)| *ord != segment_ord) {
                scorer = Some((segment_ord, weight.scorer(searcher.segment_reader(segment_ord), 1.0)?));
            }
            let Some((_, s)) = scorer.as_mut() else { continue };
            if s.doc() < doc_id {
                s.seek(doc_id);
            }
            if s.doc() == doc_id {
                hits[i].0 += s.score();
            }
        }
    }
    // Best first; equal scores in index order, as tantivy's top hits.
    hits[..window].sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(hits)
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
    fn the_window_is_rescored_and_what_is_past_it_keeps_its_place() {
        use tantivy::collector::TopDocs;
        use tantivy::query::{BoostQuery, PhraseQuery};
        use tantivy::schema::{Schema, TEXT};
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = tantivy::Index::create_in_ram(schema.build());
        index.tokenizers().register(
            "default",
            tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::WhitespaceTokenizer::default()).build(),
        );
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // The fewer `a`s, the lower the score; `a z` stands in one article inside the window
        // and in one past it.
        for i in 0..150usize {
            let mut words = vec!["a"; 150 - i];
            if i == 5 || i == 120 {
                words.push("z");
            }
            let mut doc = TantivyDocument::default();
            doc.add_text(body, words.join(" "));
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let base = searcher
            .search(
                &TermQuery::new(Term::from_field_text(body, "a"), IndexRecordOption::WithFreqs),
                &TopDocs::with_limit(150).order_by_score(),
            )
            .unwrap();
        let near: Box<dyn Query> = Box::new(BoostQuery::new(
            Box::new(PhraseQuery::new(vec![Term::from_field_text(body, "a"), Term::from_field_text(body, "z")])),
            10.0,
        ));
        let boosts = [near];
        assert_eq!(rescore_window(&base, base.len()), Some(RESCORE_WINDOW), "no ties: the first 100");
        let out = rescored(&searcher, &searcher, &boosts, base.clone(), RESCORE_WINDOW).unwrap();
        let doc = |i: u32| DocAddress::new(0, i);
        assert_eq!(out[0].1, doc(5), "lifted to the top of the window");
        assert!(out[0].0 > base[0].0);
        let at = |v: &[(f32, DocAddress)], d| v.iter().position(|(_, a)| *a == d).unwrap();
        assert!(at(&base, doc(120)) >= RESCORE_WINDOW);
        assert_eq!(at(&out, doc(120)), at(&base, doc(120)), "past the window: not rescored");
        assert_eq!(out[RESCORE_WINDOW..], base[RESCORE_WINDOW..]);
        assert!(out.windows(2).all(|p| p[0].0 >= p[1].0), "scores still fall");
        // A shorter list rescored is the start of the longer one: pages agree.
        assert_eq!(rescored(&searcher, &searcher, &boosts, base[..110].to_vec(), RESCORE_WINDOW).unwrap(), out[..110]);
        assert_eq!(rescored(&searcher, &searcher, &[], base.clone(), RESCORE_WINDOW).unwrap(), base, "no boosts");
    }

    #[test]
    fn the_rescoring_window_takes_in_every_hit_tied_with_its_last() {
        let hit = |s: f32, d: u32| (s, DocAddress::new(0, d));
        let mut hits: Vec<(f32, DocAddress)> = (0..RESCORE_WINDOW as u32).map(|i| hit(200.0 - i as f32, i)).collect();
        let last = hits[RESCORE_WINDOW - 1].0;
        // Two hits tied with the 100th (one a rounding step below it), then a lower one.
        hits.extend([hit(last, 500), hit(last - last * 1e-7, 501), hit(last - 0.5, 502)]);
        assert_eq!(rescore_window(&hits, 1000), Some(RESCORE_WINDOW + 2));
        assert_eq!(rescore_window(&hits[..RESCORE_WINDOW + 2], 1000), None, "ties to the end: collect more");
        assert_eq!(rescore_window(&hits[..RESCORE_WINDOW + 2], RESCORE_WINDOW + 2), Some(RESCORE_WINDOW + 2), "all");
        assert_eq!(rescore_window(&hits[..7], 7), Some(7), "fewer hits than the window");
        assert_eq!(rescore_window(&[], 0), Some(0));
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
