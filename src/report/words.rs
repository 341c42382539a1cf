//! The digest's own words in the reader's language: Korean by default (`lang = "ko"`),
//! English on request (`lang = "en"`), and dates as Korean readers write them
//! (`2024년 7월 5일 (금) 14:20`).
//!
//! Only what gisa itself says is translated — headings, counts, "nothing new", chart labels;
//! titles, names and snippets are the articles' own. The JSON digest is for scripts and does
//! not change with the language.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike, Weekday};
use serde::{Deserialize, Serialize};

use super::Mode;

/// The language of a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ko,
    En,
}

/// 월 … 일: the one-syllable weekday names of Korean dates.
fn weekday_ko(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "월",
        Weekday::Tue => "화",
        Weekday::Wed => "수",
        Weekday::Thu => "목",
        Weekday::Fri => "금",
        Weekday::Sat => "토",
        Weekday::Sun => "일",
    }
}

impl Lang {
    /// What a run is about, after the title.
    pub fn mode(self, mode: Mode) -> &'static str {
        match (self, mode) {
            (Lang::Ko, Mode::New) => "지난번 이후 새 기사",
            (Lang::Ko, Mode::Window) => "요청한 기간의 기사",
            (Lang::Ko, Mode::All) => "검색된 모든 기사",
            (Lang::En, Mode::New) => "new since the last run",
            (Lang::En, Mode::Window) => "articles in the requested window",
            (Lang::En, Mode::All) => "all matching articles",
        }
    }

    /// A search's counts: `3 new of 5 matching` / `새 기사 3건 (전체 5건)`.
    pub fn counts(self, mode: Mode, new: usize, total: usize) -> String {
        match (self, mode) {
            (Lang::Ko, Mode::New) => format!("새 기사 {new}건 (전체 {total}건)"),
            (Lang::Ko, _) => format!("{total}건"),
            (Lang::En, Mode::New) => format!("{new} new of {total} matching"),
            (Lang::En, _) => format!("{total} matching"),
        }
    }

    /// A section without hits.
    pub fn nothing(self, mode: Mode) -> &'static str {
        match (self, mode) {
            (Lang::Ko, Mode::New) => "새 기사 없음",
            (Lang::Ko, _) => "검색된 기사 없음",
            (Lang::En, Mode::New) => "nothing new",
            (Lang::En, _) => "nothing matching",
        }
    }

    /// The label of a section's significant terms.
    pub fn keywords(self) -> &'static str {
        match self {
            Lang::Ko => "주요어",
            Lang::En => "keywords",
        }
    }

    /// The chart's description: `일별 기사 수, 모두 12건`.
    pub fn chart(self, name: &str, total: u64) -> String {
        match self {
            Lang::Ko => format!("{name}: 일별 기사 수, 모두 {total}건"),
            Lang::En => format!("{name}: articles per day, {total} in all"),
        }
    }

    /// A bar's tooltip: `2024년 7월 5일 (금): 2건`.
    pub fn bar(self, day: NaiveDate, count: u64) -> String {
        match self {
            Lang::Ko => format!("{}: {count}건", self.day(day)),
            Lang::En => format!("{}: {count}", day.format("%Y-%m-%d")),
        }
    }

    /// A day on a chart axis: `7월 5일` / `07-05`.
    pub fn axis_day(self, day: NaiveDate) -> String {
        match self {
            Lang::Ko => format!("{}월 {}일", day.month(), day.day()),
            Lang::En => day.format("%m-%d").to_string(),
        }
    }

    /// A day: `2024년 7월 5일 (금)` / `2024-07-05`.
    pub fn day(self, day: NaiveDate) -> String {
        match self {
            Lang::Ko => format!("{}년 {}월 {}일 ({})", day.year(), day.month(), day.day(), weekday_ko(day.weekday())),
            Lang::En => day.format("%Y-%m-%d").to_string(),
        }
    }

    /// A date and time as the article gives it (its own offset): `2024년 7월 5일 (금) 14:20` /
    /// `2024-07-05 14:20`.
    pub fn datetime(self, d: &DateTime<FixedOffset>) -> String {
        match self {
            Lang::Ko => format!("{} {:02}:{:02}", self.day(d.date_naive()), d.hour(), d.minute()),
            Lang::En => d.format("%Y-%m-%d %H:%M").to_string(),
        }
    }

    /// A stored RFC 3339 date (`2024-07-05T14:20:00+09:00`) for the reader; what does not
    /// parse is shown as it is, cut to the minute.
    pub fn stored(self, s: &str) -> String {
        match DateTime::parse_from_rfc3339(s) {
            Ok(d) => self.datetime(&d),
            Err(_) => s.chars().take(16).collect::<String>().replace('T', " "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_dates_have_the_weekday() {
        assert_eq!(Lang::Ko.stored("2024-07-05T14:20:00+09:00"), "2024년 7월 5일 (금) 14:20");
        assert_eq!(Lang::En.stored("2024-07-05T14:20:00+09:00"), "2024-07-05 14:20");
        assert_eq!(Lang::Ko.stored("2024-06-18T09:05:00+09:00"), "2024년 6월 18일 (화) 09:05");
        assert_eq!(Lang::Ko.stored("garbled date"), "garbled date");
        let d = NaiveDate::from_ymd_opt(2025, 2, 16).unwrap();
        assert_eq!(Lang::Ko.day(d), "2025년 2월 16일 (일)");
        assert_eq!(Lang::Ko.axis_day(d), "2월 16일");
        assert_eq!(Lang::Ko.counts(Mode::New, 3, 5), "새 기사 3건 (전체 5건)");
        assert_eq!(Lang::En.counts(Mode::All, 3, 5), "5 matching");
    }
}
