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
//! [`Counting::Stories`] counts distinct story groups instead of articles — so that ten
//! syndicated copies of a wire story count once — per value and per day; rolled up to weeks
//! or months ([`DayTally::rolled`]), a story counts once per period, not once per day. The
//! groups live beside the index (`gisa-stories/`, see [`StoryIndex`]), keyed by article id:
//! a segment keeps the documents it matched and, when it is done, reads their ids in one
//! sorted pass over the `id` column's dictionary (as it turns press ordinals into names).

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::index::stories::StoryIndex;

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
#[derive(Debug, Clone, Default)]
pub enum Counting {
    /// Matching articles.
    #[default]
    Articles,
    /// Distinct stories among the matching articles: the copies of one story group count
    /// once, an article without copies is a story of its own.
    Stories(Arc<StoryIndex>),
}

impl PartialEq for Counting {
    fn eq(&self, other: &Counting) -> bool {
        match (self, other) {
            (Counting::Articles, Counting::Articles) => true,
            (Counting::Stories(a), Counting::Stories(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Counting {}

impl Counting {
    /// The name of what is counted: `articles` or `stories`.
    pub fn name(&self) -> &'static str {
        match self {
            Counting::Articles => "articles",
            Counting::Stories(_) => "stories",
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
            Counting::Stories(_) => Counts::Distinct(FxHashSet::default()),
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

/// Counting stories in one segment: the groups, the `id` column, the documents matched.
struct SegmentStories {
    stories: Arc<StoryIndex>,
    ids: Option<StrColumn>,
    docs: Vec<DocId>,
}

pub struct SegmentTally {
    groups: Vec<SegmentGroup>,
    /// `None`: counting articles.
    stories: Option<SegmentStories>,
    /// The distinct stories seen, for the total.
    seen: FxHashSet<u64>,
    articles: u64,
    /// First story number of the segment's articles without copies, so they count one each:
    /// document ids shifted past the numbers of the groups.
    solo_base: u64,
}

impl SegmentTally {
    /// The story number of every matched document, in the order matched: its group's
    /// number, or a number of its own when it has no copies (or no readable id).
    fn story_numbers(&self, s: &SegmentStories) -> Vec<u64> {
        let solo = |doc: DocId| self.solo_base.wrapping_add(u64::from(doc));
        let Some(col) = &s.ids else { return s.docs.iter().map(|&d| solo(d)).collect() };
        let ords: Vec<Option<u64>> = s.docs.iter().map(|&d| col.term_ords(d).next()).collect();
        let mut sorted: Vec<u64> = ords.iter().flatten().copied().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let mut number: FxHashMap<u64, u64> = FxHashMap::default();
        let mut at = sorted.iter();
        // A damaged dictionary leaves those articles stories of their own.
        let _ = col.dictionary().sorted_ords_to_term_cb(&sorted, |bytes| {
            if let Some(o) = at.next()
                && let Some(n) = std::str::from_utf8(bytes).ok().and_then(|id| s.stories.number(id))
            {
                number.insert(*o, n as u64);
            }
        });
        s.docs
            .iter()
            .zip(ords)
            .map(|(&d, o)| o.and_then(|o| number.get(&o).copied()).unwrap_or_else(|| solo(d)))
            .collect()
    }

    /// Counts one document, `story` its story number when counting stories.
    fn count(&mut self, doc: DocId, story: Option<u64>) {
        if let Some(g) = story {
            self.seen.insert(g);
        }
        for sg in &mut self.groups {
            match sg {
                SegmentGroup::Text { column, by_ord, missing, pairs } => {
                    let ord = column.as_ref().and_then(|c| c.ords().first(doc));
                    match story {
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
                    match (counts, story) {
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
        let stories = match &self.counting {
            Counting::Articles => None,
            Counting::Stories(stories) => {
                Some(SegmentStories { stories: stories.clone(), ids: ff.str("id")?, docs: Vec::new() })
            }
        };
        // Articles without copies count one each: give them numbers no group takes (the top
        // bit set, then the segment and the document).
        let solo_base = (1u64 << 63) | (u64::from(ord) << 32);
        Ok(SegmentTally { groups, stories, seen: FxHashSet::default(), articles: 0, solo_base })
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
        match &mut self.stories {
            // Stories are counted at the end, once the ids can be read in one pass.
            Some(s) => s.docs.push(doc),
            None => self.count(doc, None),
        }
    }

    fn harvest(mut self) -> SegmentFruit {
        if let Some(stories) = self.stories.take() {
            let numbers = self.story_numbers(&stories);
            for (&doc, n) in stories.docs.iter().zip(numbers) {
                self.count(doc, Some(n));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::stories::{Group as Story, Member};
    use tantivy::schema::{FAST, STRING, Schema};
    use tantivy::{DateTime, Index, doc, query::AllQuery};

    /// An index of (id, press, KST day) in two segments.
    fn index(segments: &[&[(&str, &str, i64)]]) -> Index {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING | FAST);
        let press = schema.add_text_field("press", STRING | FAST);
        let date = schema.add_date_field("date", FAST);
        let index = Index::create_in_ram(schema.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for seg in segments {
            for (i, p, day) in *seg {
                let secs = day * 86_400 + 3_600; // 10:00 KST
                w.add_document(doc!(id => *i, press => *p, date => DateTime::from_timestamp_secs(secs))).unwrap();
            }
            w.commit().unwrap();
        }
        index
    }

    fn story(ids: &[(&str, &str)]) -> Story {
        Story {
            story: ids[0].0.to_owned(),
            members: ids.iter().map(|(i, p)| Member { id: (*i).to_owned(), press: Some((*p).to_owned()) }).collect(),
        }
    }

    #[test]
    fn stories_count_once_across_segments_days_and_press() {
        // a, b, c are copies of one story (a and b the same day, c two days later, c in
        // another segment); d and e stand alone.
        let ix = index(&[
            &[("a", "연합뉴스", 100), ("b", "뉴스1", 100), ("d", "연합뉴스", 101)],
            &[("c", "한겨레", 102), ("e", "뉴스1", 102)],
        ]);
        let stories =
            Arc::new(StoryIndex::of_groups(vec![story(&[("a", "연합뉴스"), ("b", "뉴스1"), ("c", "한겨레")])]));
        let searcher = ix.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let groups = vec![Group::Text("press"), Group::Day];

        let articles = searcher.search(&AllQuery, &Tally::new(groups.clone(), Counting::Articles)).unwrap();
        assert_eq!(articles.total, 5);
        let fruit = searcher.search(&AllQuery, &Tally::new(groups, Counting::Stories(stories))).unwrap();
        assert_eq!(fruit.total, 3, "one story and two articles on their own");
        let [Tallied::Text(press), Tallied::Day(days)] = &fruit.groups[..] else { panic!("{:?}", fruit.groups) };
        // Per press the story counts once for each outlet that ran it.
        let want: BTreeMap<String, u64> =
            [("연합뉴스", 2), ("뉴스1", 2), ("한겨레", 1)].map(|(p, n)| (p.to_owned(), n)).into();
        assert_eq!(press.counts(), want);
        // Per day once; rolled up to one period, once.
        assert_eq!(days.days(), BTreeMap::from([(100, 1), (101, 1), (102, 2)]));
        assert_eq!(days.rolled(|_| ()), BTreeMap::from([((), 3)]));
        assert_eq!(days.rolled(|d| d >= 101), BTreeMap::from([(false, 1), (true, 3)]));
    }
}
