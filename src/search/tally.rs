//! Tallies of matching articles over fast fields: a tantivy collector that counts the
//! articles a query matches per value of a string column (press, reporter, category) and per
//! KST day of their date, in the same pass as the top hits or alone.
//!
//! Facets, trends and the charts of reports all count this way (see `crate::archive`). A
//! custom collector rather than tantivy's aggregations: it reads the columns directly (an
//! ordinal per document, counted in a dense array per segment and turned into strings once
//! per segment, only for the ordinals seen), and it counts days in KST, which tantivy's
//! date histogram (fixed intervals in UTC) cannot. `benches/facets.rs` measures both.
//!
//! [`Counting::DistinctBy`] counts distinct values of a `u64` fast field instead of articles
//! — a story group, so that ten syndicated copies of a wire story count once — per value and
//! per day; rolled up to weeks or months ([`DayTally::rolled`]), a story counts once per
//! period, not once per day.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The KST day (days since 1970-01-01) of a timestamp in seconds.
pub fn kst_day(secs: i64) -> i64 {
    (secs.saturating_add(i64::from(crate::time::KST.local_minus_utc()))).div_euclid(86_400)
}

/// The date of a KST day number (days since 1970-01-01).
pub fn date_of_day(day: i64) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?.checked_add_signed(chrono::Duration::try_days(day)?)
}

/// What a tally groups matching articles by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// The value of a string fast field (`press`, `reporter`, `category`).
    Text(&'static str),
    /// The KST day of the `date` field.
    Day,
}

/// What a tally counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Counting {
    /// Matching articles.
    #[default]
    Articles,
    /// Distinct values of this `u64` fast field among the matching articles (articles
    /// without a value count one each): stories instead of articles, once the index keeps a
    /// story group per article.
    DistinctBy(String),
}

impl Counting {
    /// The name of what is counted: `articles`, or the field counted distinct.
    pub fn name(&self) -> &str {
        match self {
            Counting::Articles => "articles",
            Counting::DistinctBy(field) => field,
        }
    }
}

/// Counts per key. Distinct counting keeps the (key, group) pairs until the end, so pairs
/// from different segments and days that roll up into one period are counted once.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Counts<K: std::hash::Hash + Eq> {
    Articles(FxHashMap<K, u64>),
    Distinct(FxHashSet<(K, u64)>),
}

impl<K: std::hash::Hash + Eq + Clone> Counts<K> {
    fn new(counting: &Counting) -> Counts<K> {
        match counting {
            Counting::Articles => Counts::Articles(FxHashMap::default()),
            Counting::DistinctBy(_) => Counts::Distinct(FxHashSet::default()),
        }
    }

    fn merge(&mut self, other: Counts<K>) {
        match (self, other) {
            (Counts::Articles(a), Counts::Articles(b)) => {
                for (k, n) in b {
                    *a.entry(k).or_insert(0) += n;
                }
            }
            (Counts::Distinct(a), Counts::Distinct(b)) => a.extend(b),
            // Every part of one tally counts the same way.
            _ => {}
        }
    }

    /// The counts with every key mapped by `f` (keys that map to one count together; a
    /// group counts once per mapped key).
    fn rolled<M: Ord + Clone + std::hash::Hash>(&self, f: impl Fn(&K) -> M) -> BTreeMap<M, u64> {
        let mut out = BTreeMap::new();
        match self {
            Counts::Articles(m) => {
                for (k, n) in m {
                    *out.entry(f(k)).or_insert(0) += n;
                }
            }
            Counts::Distinct(pairs) => {
                let seen: FxHashSet<(M, u64)> = pairs.iter().map(|(k, g)| (f(k), *g)).collect();
                for (m, _) in seen {
                    *out.entry(m).or_insert(0) += 1;
                }
            }
        }
        out
    }
}

/// The counts of a string column: per value, and the matching articles without one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTally {
    counts: Counts<Option<String>>,
}

impl TextTally {
    /// Count per value.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        let mut out = self.counts.rolled(Clone::clone);
        out.remove(&None);
        out.into_iter().filter_map(|(k, n)| k.map(|k| (k, n))).collect()
    }

    /// Matching articles (or groups) without a value.
    pub fn missing(&self) -> u64 {
        self.counts.rolled(Option::is_none).get(&true).copied().unwrap_or(0)
    }
}

/// The counts per KST day (days since 1970-01-01), and the matching articles without a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayTally {
    counts: Counts<Option<i64>>,
}

impl DayTally {
    /// Count per day.
    pub fn days(&self) -> BTreeMap<i64, u64> {
        self.rolled(|d| d)
    }

    /// Count per period, the period of a day given by `f` (a week's Monday, a month): a
    /// group counts once per period.
    pub fn rolled<M: Ord + Clone + std::hash::Hash>(&self, f: impl Fn(i64) -> M) -> BTreeMap<M, u64> {
        self.counts.rolled(|d| d.map(&f)).into_iter().filter_map(|(k, n)| k.map(|k| (k, n))).collect()
    }

    /// Matching articles (or groups) without a date.
    pub fn missing(&self) -> u64 {
        self.counts.rolled(Option::is_none).get(&true).copied().unwrap_or(0)
    }
}

/// One group's counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tallied {
    Text(TextTally),
    Day(DayTally),
}

/// What a tally found: per group (in the order asked for), and the matching articles (or
/// distinct groups) in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fruit {
    pub groups: Vec<Tallied>,
    pub total: u64,
}

/// The collector: counts matching articles per value of each group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    pub groups: Vec<Group>,
    pub counting: Counting,
}

impl Tally {
    pub fn new(groups: Vec<Group>, counting: Counting) -> Tally {
        Tally { groups, counting }
    }
}

/// A group's column in one segment, and its counts so far.
enum SegmentGroup {
    Text { column: Option<StrColumn>, by_ord: Vec<u64>, missing: u64, pairs: FxHashSet<(Option<u64>, u64)> },
    Day { column: Option<Column<tantivy::DateTime>>, counts: Counts<Option<i64>> },
}

pub struct SegmentTally {
    groups: Vec<SegmentGroup>,
    /// The distinct-by column (`None`: counting articles).
    distinct: Option<Option<Column<u64>>>,
    /// The distinct groups seen, for the total.
    seen: FxHashSet<u64>,
    articles: u64,
    /// First id of the segment's own ids for articles without a group value, so they count
    /// one each (see [`Counting::DistinctBy`]): document ids shifted past the group values.
    solo_base: u64,
}

impl SegmentTally {
    /// The distinct-counting value of a document: its group, or its own id when it has none.
    fn group_of(&self, doc: DocId) -> Option<u64> {
        self.distinct.as_ref().map(|col| match col.as_ref().and_then(|c| c.first(doc)) {
            Some(g) => g,
            None => self.solo_base.wrapping_add(u64::from(doc)),
        })
    }
}

impl Collector for Tally {
    type Fruit = Fruit;
    type Child = SegmentTally;

    fn for_segment(&self, ord: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let ff = segment.fast_fields();
        let mut groups = Vec::with_capacity(self.groups.len());
        for g in &self.groups {
            groups.push(match g {
                Group::Text(field) => {
                    let column = ff.str(field)?;
                    let terms = column.as_ref().map_or(0, |c| c.num_terms());
                    let by_ord = if self.counting == Counting::Articles { vec![0; terms] } else { Vec::new() };
                    SegmentGroup::Text { column, by_ord, missing: 0, pairs: FxHashSet::default() }
                }
                Group::Day => SegmentGroup::Day { column: ff.date("date").ok(), counts: Counts::new(&self.counting) },
            });
        }
        let distinct = match &self.counting {
            Counting::Articles => None,
            Counting::DistinctBy(field) => Some(ff.u64(field).ok()),
        };
        // Articles without a group value count one each: give them ids no group value is
        // likely to take (the top bit set, then the segment and the document).
        let solo_base = (1u64 << 63) | (u64::from(ord) << 32);
        Ok(SegmentTally { groups, distinct, seen: FxHashSet::default(), articles: 0, solo_base })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Fruit> {
        let mut groups: Vec<Tallied> = self
            .groups
            .iter()
            .map(|g| match g {
                Group::Text(_) => Tallied::Text(TextTally { counts: Counts::new(&self.counting) }),
                Group::Day => Tallied::Day(DayTally { counts: Counts::new(&self.counting) }),
            })
            .collect();
        let mut articles = 0;
        let mut seen = FxHashSet::default();
        for fruit in fruits {
            articles += fruit.articles;
            seen.extend(fruit.seen);
            for (into, part) in groups.iter_mut().zip(fruit.groups) {
                match (into, part) {
                    (Tallied::Text(a), Tallied::Text(b)) => a.counts.merge(b.counts),
                    (Tallied::Day(a), Tallied::Day(b)) => a.counts.merge(b.counts),
                    _ => {}
                }
            }
        }
        let total = if self.counting == Counting::Articles { articles } else { seen.len() as u64 };
        Ok(Fruit { groups, total })
    }
}

/// A segment's part of the tally.
pub struct SegmentFruit {
    groups: Vec<Tallied>,
    articles: u64,
    seen: FxHashSet<u64>,
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.articles += 1;
        let group = self.group_of(doc);
        if let Some(g) = group {
            self.seen.insert(g);
        }
        for sg in &mut self.groups {
            match sg {
                SegmentGroup::Text { column, by_ord, missing, pairs } => {
                    let ord = column.as_ref().and_then(|c| c.ords().first(doc));
                    match group {
                        Some(g) => {
                            pairs.insert((ord, g));
                        }
                        None => match ord {
                            // The ordinal is below the column's number of terms.
                            Some(o) => {
                                if let Some(n) = by_ord.get_mut(o as usize) {
                                    *n += 1;
                                }
                            }
                            None => *missing += 1,
                        },
                    }
                }
                SegmentGroup::Day { column, counts } => {
                    let day = column.as_ref().and_then(|c| c.first(doc)).map(|d| kst_day(d.into_timestamp_secs()));
                    match (counts, group) {
                        (Counts::Articles(m), _) => *m.entry(day).or_insert(0) += 1,
                        (Counts::Distinct(s), Some(g)) => {
                            s.insert((day, g));
                        }
                        (Counts::Distinct(_), None) => {}
                    }
                }
            }
        }
    }

    fn harvest(self) -> SegmentFruit {
        let groups = self
            .groups
            .into_iter()
            .map(|sg| match sg {
                SegmentGroup::Text { column, by_ord, missing, pairs } => {
                    Tallied::Text(TextTally { counts: text_counts(column.as_ref(), by_ord, missing, pairs) })
                }
                SegmentGroup::Day { counts, .. } => Tallied::Day(DayTally { counts }),
            })
            .collect();
        SegmentFruit { groups, articles: self.articles, seen: self.seen }
    }
}

/// A segment's string counts by value: the ordinals seen turned into their strings in one
/// sorted pass over the column's dictionary.
fn text_counts(
    column: Option<&StrColumn>,
    by_ord: Vec<u64>,
    missing: u64,
    pairs: FxHashSet<(Option<u64>, u64)>,
) -> Counts<Option<String>> {
    let mut ords: Vec<u64> = if pairs.is_empty() {
        by_ord.iter().enumerate().filter(|(_, n)| **n > 0).map(|(o, _)| o as u64).collect()
    } else {
        pairs.iter().filter_map(|(o, _)| *o).collect()
    };
    ords.sort_unstable();
    ords.dedup();
    let mut strings: FxHashMap<u64, String> = FxHashMap::default();
    if let Some(col) = column {
        let mut at = ords.iter();
        // A damaged dictionary leaves the values it cannot read out of the counts.
        let _ = col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
            if let Some(o) = at.next() {
                strings.insert(*o, String::from_utf8_lossy(bytes).into_owned());
            }
        });
    }
    if pairs.is_empty() {
        let mut counts: FxHashMap<Option<String>, u64> = FxHashMap::default();
        for o in ords {
            if let (Some(s), Some(n)) = (strings.get(&o), by_ord.get(o as usize)) {
                *counts.entry(Some(s.clone())).or_insert(0) += n;
            }
        }
        if missing > 0 {
            counts.insert(None, missing);
        }
        Counts::Articles(counts)
    } else {
        Counts::Distinct(pairs.into_iter().map(|(o, g)| (o.and_then(|o| strings.get(&o).cloned()), g)).collect())
    }
}
