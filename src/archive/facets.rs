//! Counts by facet: how many of the articles a search matches — all of them, not only the
//! shown page — come from each press, reporter or category, or fall in each year, month,
//! ISO week or day (KST).
//!
//! A [`Spec`] names the facets in the order they are shown and caps each one: the `limit`
//! largest values are kept, the rest are summed in `other` (with how many values they
//! were), and articles without a value are `missing`, so `sum(values) + other + missing`
//! is the total. Press, reporter and category are listed by count (largest first, then by
//! value); time facets chronologically. Counting runs in the same pass as the hits
//! ([`Spec::collector`] beside the top-hits collector, see `search::run::run_with`) or alone
//! ([`facets`]).

use std::fmt;
use std::str::FromStr;

use anyhow::Result;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use tantivy::Searcher;

use super::calendar::{Interval, date_of_day};
use crate::index::GisaIndex;
use crate::search::tally::{self, Counting, Group, Tallied, Tally};
use crate::search::{Compiled, Request, run};

/// What articles are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Press,
    Reporter,
    Category,
    Year,
    Month,
    Week,
    Day,
}

impl Dimension {
    pub const ALL: [Dimension; 7] = [
        Dimension::Press,
        Dimension::Reporter,
        Dimension::Category,
        Dimension::Year,
        Dimension::Month,
        Dimension::Week,
        Dimension::Day,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Press => "press",
            Dimension::Reporter => "reporter",
            Dimension::Category => "category",
            Dimension::Year => "year",
            Dimension::Month => "month",
            Dimension::Week => "week",
            Dimension::Day => "day",
        }
    }

    /// The calendar period of a time facet (`None` for press, reporter and category).
    pub fn interval(self) -> Option<Interval> {
        match self {
            Dimension::Year => Some(Interval::Year),
            Dimension::Month => Some(Interval::Month),
            Dimension::Week => Some(Interval::Week),
            Dimension::Day => Some(Interval::Day),
            _ => None,
        }
    }

    fn group(self) -> Group {
        match self {
            Dimension::Press => Group::Text("press"),
            Dimension::Reporter => Group::Text("reporter"),
            Dimension::Category => Group::Text("category"),
            _ => Group::Day,
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Dimension {
    type Err = String;

    fn from_str(s: &str) -> Result<Dimension, String> {
        let t = s.trim().to_ascii_lowercase();
        let korean = match t.as_str() {
            "언론사" => Some(Dimension::Press),
            "기자" => Some(Dimension::Reporter),
            "분류" => Some(Dimension::Category),
            "section" => Some(Dimension::Category),
            _ => None,
        };
        korean.or_else(|| Dimension::ALL.into_iter().find(|d| d.name() == t)).ok_or_else(|| {
            let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.name()).collect();
            format!("unknown facet {s:?} (facets: {})", names.join(", "))
        })
    }
}

/// Which facets to count, in the order they are shown, and how many values each keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub dimensions: Vec<Dimension>,
    /// Values kept per facet (0: all).
    pub limit: usize,
}

/// The values kept per facet by default.
pub const DEFAULT_LIMIT: usize = 10;

impl Spec {
    /// The facets of a comma-separated list (`press,month`; the names may also be given as
    /// several items), checked: each one known and named once.
    pub fn parse<S: AsRef<str>>(items: &[S], limit: usize) -> Result<Spec, String> {
        let mut dimensions = Vec::new();
        for item in items {
            for name in item.as_ref().split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let d: Dimension = name.parse()?;
                if dimensions.contains(&d) {
                    return Err(format!("the facet {d} is named twice"));
                }
                dimensions.push(d);
            }
        }
        if dimensions.is_empty() {
            return Err("no facet named (facets: press, reporter, category, year, month, week, day)".into());
        }
        Ok(Spec { dimensions, limit })
    }

    /// The collector that counts these facets (one column read per distinct group).
    pub fn collector(&self, counting: Counting) -> Tally {
        let mut groups: Vec<Group> = Vec::new();
        for d in &self.dimensions {
            if !groups.contains(&d.group()) {
                groups.push(d.group());
            }
        }
        Tally::new(groups, counting)
    }

    /// The facets out of what [`Spec::collector`] collected.
    pub fn facets(&self, tally: &Tally, fruit: &tally::Fruit) -> Facets {
        let facets = self
            .dimensions
            .iter()
            .map(|d| {
                let at = tally.groups.iter().position(|g| *g == d.group());
                let tallied = at.and_then(|i| fruit.groups.get(i));
                facet(*d, tallied, self.limit)
            })
            .collect();
        Facets { counting: tally.counting.name().to_owned(), total: fruit.total, facets }
    }
}

/// One value of a facet and its count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Value {
    pub value: String,
    pub count: u64,
}

/// One facet's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    #[serde(skip)]
    pub dimension: Dimension,
    /// The kept values: press, reporter, category by count (largest first, then value);
    /// time facets chronologically.
    pub values: Vec<Value>,
    /// Articles with a value beyond the cap.
    pub other: u64,
    /// How many values were beyond the cap.
    pub other_values: usize,
    /// Matching articles without a value (no press, no date, …).
    pub missing: u64,
}

/// The counts of every facet of a [`Spec`], in its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facets {
    /// What was counted: `articles`, or the field counted distinct (stories).
    pub counting: String,
    /// Matching articles (or distinct stories) in all.
    pub total: u64,
    pub facets: Vec<Facet>,
}

/// A JSON object keyed by facet name, in the order the facets were asked for.
impl Serialize for Facets {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.facets.len()))?;
        for f in &self.facets {
            map.serialize_entry(f.dimension.name(), f)?;
        }
        map.end()
    }
}

fn facet(dimension: Dimension, tallied: Option<&Tallied>, limit: usize) -> Facet {
    let (mut values, missing): (Vec<(String, u64)>, u64) = match (dimension.interval(), tallied) {
        (None, Some(Tallied::Text(t))) => (t.counts().into_iter().collect(), t.missing()),
        (Some(interval), Some(Tallied::Day(t))) => {
            let periods = t.rolled(|day| date_of_day(day).map(|d| interval.start_of(d)));
            let values = periods.iter().filter_map(|(p, n)| p.map(|p| (interval.label(p), *n))).collect();
            // Days beyond the calendar (none in practice) count as missing.
            let beyond = periods.get(&None).copied().unwrap_or(0);
            (values, t.missing() + beyond)
        }
        _ => (Vec::new(), 0),
    };
    // Largest first, then by value; the cap keeps the largest.
    values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let kept = if limit == 0 { values.len() } else { limit.min(values.len()) };
    let rest = values.split_off(kept);
    if dimension.interval().is_some() {
        // Labels of one interval sort chronologically.
        values.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Facet {
        dimension,
        values: values.into_iter().map(|(value, count)| Value { value, count }).collect(),
        other: rest.iter().map(|(_, n)| n).sum(),
        other_values: rest.len(),
        missing,
    }
}

/// Counts the facets of a request's matches in a pass of their own.
pub fn facets(
    ix: &GisaIndex,
    searcher: &Searcher,
    compiled: &Compiled,
    req: &Request,
    spec: &Spec,
    counting: Counting,
) -> Result<Facets> {
    let tally = spec.collector(counting);
    let fruit = searcher.search(&run::filtered(&ix.fields, compiled, req), &tally)?;
    Ok(spec.facets(&tally, &fruit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_in_order_and_refuse_unknown_or_repeated_facets() {
        let s = Spec::parse(&["press,month", "언론사"], 5).unwrap_err();
        assert_eq!(s, "the facet press is named twice");
        let s = Spec::parse(&["month, press", "category"], 5).unwrap();
        assert_eq!(s.dimensions, [Dimension::Month, Dimension::Press, Dimension::Category]);
        let e = Spec::parse(&["press,pres"], 5).unwrap_err();
        assert_eq!(e, "unknown facet \"pres\" (facets: press, reporter, category, year, month, week, day)");
        assert!(Spec::parse(&[" , "], 5).is_err());
        let s = Spec::parse(&["기자,분류,Year"], 0).unwrap();
        assert_eq!(s.dimensions, [Dimension::Reporter, Dimension::Category, Dimension::Year]);
        // Month and day read one column: one group.
        let s = Spec::parse(&["month,press,day"], 0).unwrap();
        assert_eq!(s.collector(Counting::Articles).groups, [Group::Day, Group::Text("press")]);
    }
}
