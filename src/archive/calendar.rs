//! Periods of the KST calendar: days, ISO weeks (Monday to Sunday), months and years, as the
//! buckets of trends and the time facets.
//!
//! Days are counted as [`crate::search::tally`] counts them: days since 1970-01-01 in KST.
//! A period is identified by its first day, so a day maps to its period with
//! [`Interval::start_of`] and periods follow each other with [`Interval::next`].

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Day,
    /// An ISO week: Monday to Sunday, numbered as ISO 8601 does (`2024-W25`).
    Week,
    Month,
    Year,
}

impl Interval {
    pub const ALL: [Interval; 4] = [Interval::Day, Interval::Week, Interval::Month, Interval::Year];

    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    /// The first day of the period holding `date`.
    pub fn start_of(self, date: NaiveDate) -> NaiveDate {
        match self {
            Interval::Day => date,
            Interval::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
            Interval::Month => date.with_day(1).unwrap_or(date),
            Interval::Year => date.with_ordinal(1).unwrap_or(date),
        }
    }

    /// The first day of the next period (`None` past the end of the calendar).
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Interval::Day => start.succ_opt(),
            Interval::Week => start.checked_add_signed(Duration::days(7)),
            Interval::Month => {
                let (y, m) =
                    if start.month() == 12 { (start.year() + 1, 1) } else { (start.year(), start.month() + 1) };
                NaiveDate::from_ymd_opt(y, m, 1)
            }
            Interval::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1),
        }
    }

    /// The last day of the period starting at `start`.
    pub fn end_of(self, start: NaiveDate) -> NaiveDate {
        self.next(start).and_then(|n| n.pred_opt()).unwrap_or(start)
    }

    /// The period's label: `2024-06-18`, `2024-W25`, `2024-06`, `2024`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.format("%Y-%m-%d").to_string(),
            Interval::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Interval::Month => start.format("%Y-%m").to_string(),
            Interval::Year => start.format("%Y").to_string(),
        }
    }

    /// Periods from the one holding `first` to the one holding `last`, counted without
    /// building them (for a bound check before anything is allocated).
    pub fn count(self, first: NaiveDate, last: NaiveDate) -> u64 {
        if last < first {
            return 0;
        }
        let (a, b) = (self.start_of(first), self.start_of(last));
        let n = match self {
            Interval::Day => (b - a).num_days(),
            Interval::Week => (b - a).num_days() / 7,
            Interval::Month => i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month()),
            Interval::Year => i64::from(b.year() - a.year()),
        };
        u64::try_from(n).unwrap_or(0) + 1
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Interval {
    type Err = String;

    fn from_str(s: &str) -> Result<Interval, String> {
        Interval::ALL
            .into_iter()
            .find(|i| i.name() == s)
            .ok_or_else(|| format!("{s:?} is not a period: use day, week, month or year"))
    }
}

pub use crate::search::tally::date_of_day;

/// A period: its label and its first and last day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub label: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn new(interval: Interval, start: NaiveDate) -> Period {
        Period { label: interval.label(start), start, end: interval.end_of(start) }
    }
}

/// The periods from the one holding `first` to the one holding `last`, in order.
pub fn periods(interval: Interval, first: NaiveDate, last: NaiveDate) -> Vec<Period> {
    let mut out = Vec::new();
    let mut at = Some(interval.start_of(first));
    while let Some(start) = at.filter(|s| *s <= last) {
        out.push(Period::new(interval, start));
        at = interval.next(start);
    }
    out
}

/// Whether a weekday is a weekend day (for charts that shade them).
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weeks_are_iso_weeks_starting_on_monday() {
        // 2024-06-18 is a Tuesday.
        assert_eq!(Interval::Week.start_of(d("2024-06-18")), d("2024-06-17"));
        assert_eq!(Interval::Week.start_of(d("2024-06-23")), d("2024-06-17"), "Sunday ends the week");
        assert_eq!(Interval::Week.start_of(d("2024-06-24")), d("2024-06-24"));
        assert_eq!(Interval::Week.label(d("2024-06-17")), "2024-W25");
        // 2024-12-30 (Monday) starts ISO week 1 of 2025; 2021-01-03 (Sunday) is in 2020-W53.
        assert_eq!(Interval::Week.label(Interval::Week.start_of(d("2024-12-31"))), "2025-W01");
        assert_eq!(Interval::Week.label(Interval::Week.start_of(d("2021-01-03"))), "2020-W53");
        assert_eq!(Interval::Week.end_of(d("2024-06-17")), d("2024-06-23"));
    }

    #[test]
    fn months_and_years() {
        assert_eq!(Interval::Month.start_of(d("2024-02-29")), d("2024-02-01"));
        assert_eq!(Interval::Month.end_of(d("2024-02-01")), d("2024-02-29"));
        assert_eq!(Interval::Month.next(d("2024-12-01")), Some(d("2025-01-01")));
        assert_eq!(Interval::Month.label(d("2024-06-01")), "2024-06");
        assert_eq!(Interval::Year.start_of(d("2024-06-18")), d("2024-01-01"));
        assert_eq!(Interval::Year.end_of(d("2024-01-01")), d("2024-12-31"));
    }

    #[test]
    fn periods_cover_the_range_with_every_period() {
        let p = periods(Interval::Month, d("2023-11-14"), d("2024-02-03"));
        let labels: Vec<&str> = p.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["2023-11", "2023-12", "2024-01", "2024-02"]);
        assert_eq!(Interval::Month.count(d("2023-11-14"), d("2024-02-03")), 4);
        assert_eq!(Interval::Day.count(d("2024-02-28"), d("2024-03-01")), 3, "leap day");
        assert_eq!(periods(Interval::Day, d("2024-02-28"), d("2024-03-01")).len(), 3);
        assert_eq!(Interval::Week.count(d("2024-06-23"), d("2024-06-24")), 2, "Sunday and Monday");
        assert_eq!(Interval::Day.count(d("2024-06-02"), d("2024-06-01")), 0);
        assert_eq!(Interval::Day.count(d("2000-01-01"), d("2019-12-31")), 7305, "20 years of days");
    }

    #[test]
    fn day_numbers_are_days_since_1970() {
        assert_eq!(date_of_day(0), Some(d("1970-01-01")));
        assert_eq!(date_of_day(19_892), Some(d("2024-06-18")));
        assert_eq!(date_of_day(-1), Some(d("1969-12-31")));
        assert_eq!(date_of_day(i64::MAX), None);
    }
}
