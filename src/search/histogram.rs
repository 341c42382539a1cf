//! A collector that counts matching articles per day (KST), for the charts of reports.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::time::kst;

/// Counts matching documents per KST day of their `date` field.
pub struct DayHistogram;

pub struct DaySegmentHistogram {
    dates: Column<tantivy::DateTime>,
    /// Per day number (days since the Unix epoch, KST).
    counts: BTreeMap<i64, u64>,
}

const KST_SECONDS: i64 = 9 * 3600;

impl Collector for DayHistogram {
    type Fruit = BTreeMap<NaiveDate, u64>;
    type Child = DaySegmentHistogram;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<DaySegmentHistogram> {
        Ok(DaySegmentHistogram { dates: segment.fast_fields().date("date")?, counts: BTreeMap::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, u64>>) -> tantivy::Result<BTreeMap<NaiveDate, u64>> {
        let mut out = BTreeMap::new();
        for f in fruits {
            for (day, n) in f {
                if let Some(date) =
                    DateTime::from_timestamp(day * 86_400, 0).map(|d| d.with_timezone(&kst()).date_naive())
                {
                    *out.entry(date).or_insert(0) += n;
                }
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for DaySegmentHistogram {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(d) = self.dates.first(doc) {
            let day = (d.into_timestamp_secs() + KST_SECONDS).div_euclid(86_400);
            *self.counts.entry(day).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> BTreeMap<i64, u64> {
        self.counts
    }
}
