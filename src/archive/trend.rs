//! Trends: matching articles per day, ISO week, month or year (KST) for one or more
//! searches side by side, every period of the range included (zeros too).
//!
//! The range is `since`/`until` where the requests give them, else the first and last
//! matching article of any of the searches; a `since` without an `until` runs to today (or
//! to a later article), so the periods since the last match show as zeros. Without an
//! interval, the finest one that shows the range in at most about a hundred periods is
//! chosen ([`Interval`] day up to 92 days, week up to two years, month up to 50 years).
//! A range of more than [`MAX_PERIODS`] periods is refused ([`TooLong`]): 20 years by day
//! is a screen nobody reads and a chart nobody can draw.

use std::collections::BTreeMap;
use std::fmt;

use anyhow::Result;
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use tantivy::Searcher;

use super::calendar::{Interval, Period, date_of_day, periods};
use crate::index::GisaIndex;
use crate::search::tally::{Counting, Group, Tallied, Tally};
use crate::search::{Compiled, Request, run};

/// The most periods a trend may have: 20 years of days.
pub const MAX_PERIODS: u64 = 7_305;

/// One search of a trend: its label (the query as typed), compiled query and request.
pub struct Search<'a> {
    pub label: String,
    pub compiled: &'a Compiled,
    pub request: &'a Request,
}

/// One search's counts, aligned with the trend's periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    pub query: String,
    /// Matching articles (or stories) within the range.
    pub total: u64,
    pub counts: Vec<u64>,
    /// Matching articles without a date (not in any period).
    pub undated: u64,
    /// Query words left out (no indexed term in them).
    pub ignored: Vec<String>,
}

/// A trend: the periods and one series per search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trend {
    pub interval: Interval,
    /// What is counted: `articles`, or the field counted distinct (stories).
    pub counting: String,
    /// First and last day of the range (`None` when nothing matched and no bounds were given).
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub periods: Vec<Period>,
    pub series: Vec<Series>,
}

impl Trend {
    /// Whether any search matched anything in the range.
    pub fn has_matches(&self) -> bool {
        self.series.iter().any(|s| s.total > 0)
    }

    /// The largest count of any period of any series.
    pub fn peak(&self) -> u64 {
        self.series.iter().flat_map(|s| s.counts.iter().copied()).max().unwrap_or(0)
    }
}

/// A range with more periods than a trend may have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub interval: Interval,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub periods: u64,
}

impl fmt::Display for TooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let coarser: Vec<&str> =
            Interval::ALL.iter().filter(|i| **i > self.interval).map(|i| i.name()).take(2).collect();
        write!(
            f,
            "{} to {} is {} {}s; a trend has at most {MAX_PERIODS} periods: narrow it with --since/--until{}",
            self.start,
            self.end,
            self.periods,
            self.interval,
            if coarser.is_empty() { String::new() } else { format!(" or count by {}", coarser.join(" or ")) }
        )
    }
}

impl std::error::Error for TooLong {}

/// The finest interval that shows `days` days in a readable number of periods.
pub fn auto_interval(days: i64) -> Interval {
    if days <= 92 {
        Interval::Day
    } else if days <= 731 {
        Interval::Week
    } else if days <= 18_263 {
        Interval::Month
    } else {
        Interval::Year
    }
}

/// The KST day of a request bound.
fn day(d: &DateTime<FixedOffset>) -> NaiveDate {
    d.with_timezone(&crate::time::KST).date_naive()
}

/// Counts the searches per period. `interval`: `None` chooses one for the range; `now`
/// ends a range that has a `since` and no `until`.
pub fn trend(
    ix: &GisaIndex,
    searcher: &Searcher,
    searches: &[Search],
    interval: Option<Interval>,
    counting: Counting,
    now: DateTime<FixedOffset>,
) -> Result<Trend> {
    let tally = Tally::new(vec![Group::Day], counting.clone());
    let mut per_search = Vec::with_capacity(searches.len());
    for s in searches {
        let fruit = searcher.search(&run::filtered(&ix.fields, s.compiled, s.request), &tally)?;
        match fruit.groups.into_iter().next() {
            Some(Tallied::Day(days)) => per_search.push(days),
            _ => anyhow::bail!("the date column could not be read"),
        }
    }

    // The range: the requests' bounds, else the matches'.
    let since = searches.iter().filter_map(|s| s.request.since.as_ref()).map(day).min();
    let until = searches.iter().filter_map(|s| s.request.until.as_ref()).map(day).max();
    let all_since = searches.iter().all(|s| s.request.since.is_some());
    let all_until = searches.iter().all(|s| s.request.until.is_some());
    let first = per_search.iter().filter_map(|t| t.days().keys().next().copied()).min().and_then(date_of_day);
    let last = per_search.iter().filter_map(|t| t.days().keys().next_back().copied()).max().and_then(date_of_day);
    let start = if all_since { since } else { first.into_iter().chain(since).min() };
    let end = if all_until {
        until
    } else if since.is_some() {
        // From a date on: up to today, or to an article dated later.
        Some(last.map_or(day(&now), |l| l.max(day(&now))))
    } else {
        last.into_iter().chain(until).max()
    };
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) if s <= e => (Some(s), Some(e)),
        (Some(s), Some(_)) => (Some(s), Some(s)),
        _ => (None, None),
    };

    let interval = match (interval, start, end) {
        (Some(i), _, _) => i,
        (None, Some(s), Some(e)) => auto_interval((e - s).num_days() + 1),
        (None, _, _) => Interval::Day,
    };
    let periods = match (start, end) {
        (Some(s), Some(e)) => {
            let n = interval.count(s, e);
            if n > MAX_PERIODS {
                return Err(TooLong { interval, start: s, end: e, periods: n }.into());
            }
            periods(interval, s, e)
        }
        _ => Vec::new(),
    };

    let series = searches
        .iter()
        .zip(&per_search)
        .map(|(s, days)| {
            let in_range = |d: &NaiveDate| start.is_some_and(|s| *d >= s) && end.is_some_and(|e| *d <= e);
            let by_period: BTreeMap<Option<NaiveDate>, u64> =
                days.rolled(|d| date_of_day(d).filter(in_range).map(|d| interval.start_of(d)));
            let counts: Vec<u64> =
                periods.iter().map(|p| by_period.get(&Some(p.start)).copied().unwrap_or(0)).collect();
            // A story counts once in the total even when its copies fall in two periods.
            let total = days.rolled(|d| date_of_day(d).is_some_and(|d| in_range(&d))).get(&true).copied().unwrap_or(0);
            Series {
                query: s.label.clone(),
                total,
                counts,
                undated: days.missing(),
                ignored: s.compiled.ignored.clone(),
            }
        })
        .collect();
    Ok(Trend { interval, counting: counting.name().to_owned(), start, end, periods, series })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_fits_the_range() {
        assert_eq!(auto_interval(1), Interval::Day);
        assert_eq!(auto_interval(92), Interval::Day);
        assert_eq!(auto_interval(93), Interval::Week);
        assert_eq!(auto_interval(731), Interval::Week);
        assert_eq!(auto_interval(732), Interval::Month);
        assert_eq!(auto_interval(40 * 366), Interval::Month);
        assert_eq!(auto_interval(60 * 366), Interval::Year);
    }

    #[test]
    fn too_long_says_what_to_do() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let e = TooLong { interval: Interval::Day, start: d("2000-01-01"), end: d("2024-12-31"), periods: 9_132 };
        assert_eq!(
            e.to_string(),
            "2000-01-01 to 2024-12-31 is 9132 days; a trend has at most 7305 periods: narrow it with --since/--until or count by week or month"
        );
    }
}
