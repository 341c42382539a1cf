//! Dates for `--since` / `--until`: absolute (`2024-06-01`, `2024.06.01`, `2024-06-01T09:00`,
//! `2024-06`, `2024`) and relative (`7d`, `2w`, `3m`, `1y`, `12h`, `today`, `yesterday`).
//! Times are KST, the zone Korean news is dated in. All arithmetic is checked: a relative
//! date that reaches past what chrono can represent (`1000000000d`, `99999999999m`) is an
//! error, never a panic or a wrapped-around year.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

use crate::time::kst;

/// Which end of a range a date is for: a day given as `--until 2024-06-30` includes that
/// whole day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Since,
    Until,
}

fn at(date: NaiveDate, bound: Bound) -> Option<DateTime<FixedOffset>> {
    let time = match bound {
        Bound::Since => NaiveTime::MIN,
        Bound::Until => NaiveTime::from_hms_opt(23, 59, 59)?,
    };
    kst().from_local_datetime(&date.and_time(time)).single()
}

/// An optional date (a `--since`/`--until` option, a report's `since`): parsed when given.
pub fn parse_option(
    s: Option<&str>,
    bound: Bound,
    now: DateTime<FixedOffset>,
) -> Result<Option<DateTime<FixedOffset>>, String> {
    s.map(|s| parse(s, bound, now)).transpose()
}

/// Parses a date argument relative to `now`; `Err` explains the accepted forms.
pub fn parse(s: &str, bound: Bound, now: DateTime<FixedOffset>) -> Result<DateTime<FixedOffset>, String> {
    let t = s.trim().to_ascii_lowercase();
    let bad = || {
        format!(
            "{s:?} is not a date: use 2024-06-01, 2024-06-01T09:00, 2024-06, 2024, or 7d / 2w / 3m / 1y / 12h, today, yesterday"
        )
    };
    let today = now.date_naive();
    match t.as_str() {
        "today" | "오늘" => return at(today, bound).ok_or_else(bad),
        "yesterday" | "어제" => return today.pred_opt().and_then(|d| at(d, bound)).ok_or_else(bad),
        "now" => return Ok(now),
        _ => {}
    }
    // Relative: a number and a unit.
    if let Some(unit) = t.chars().last().filter(|c| c.is_ascii_alphabetic())
        && let Ok(n) = t[..t.len() - 1].parse::<i64>()
        && n >= 0
    {
        let too_far = || format!("{s:?} reaches back beyond the dates gisa can handle");
        let back = |d: Option<Duration>| d.and_then(|d| now.checked_sub_signed(d)).ok_or_else(too_far);
        let on_day = |y: Option<i32>, m: u32, day: u32| {
            y.and_then(|y| NaiveDate::from_ymd_opt(y, m, day.min(days_in_month(y, m))))
                .and_then(|d| kst().from_local_datetime(&d.and_time(now.time())).single())
                .ok_or_else(too_far)
        };
        return match unit {
            'h' => back(Duration::try_hours(n)),
            'd' => back(Duration::try_days(n)),
            'w' => back(Duration::try_weeks(n)),
            'm' => {
                let months = i64::from(today.year()) * 12 + i64::from(today.month0()) - n;
                let year = i32::try_from(months.div_euclid(12)).ok();
                on_day(year, months.rem_euclid(12) as u32 + 1, today.day())
            }
            'y' => on_day(
                i32::try_from(n).ok().and_then(|n| today.year().checked_sub(n)),
                today.month(),
                today.day().min(28),
            ),
            _ => Err(bad()),
        };
    }
    // Absolute.
    let norm = t.replace(['.', '/'], "-");
    let norm = norm.trim_end_matches('-');
    if let Ok(dt) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(dt);
    }
    for fmt in ["%Y-%m-%dt%H:%M:%S", "%Y-%m-%dt%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(norm, fmt) {
            return kst().from_local_datetime(&dt).single().ok_or_else(bad);
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(norm, "%Y-%m-%d") {
        return at(d, bound).ok_or_else(bad);
    }
    let parts: Vec<&str> = norm.split('-').collect();
    match parts.as_slice() {
        [y, m] => {
            let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            let day = if bound == Bound::Since { 1 } else { days_in_month(y, m) };
            NaiveDate::from_ymd_opt(y, m, day).and_then(|d| at(d, bound)).ok_or_else(bad)
        }
        [y] if y.len() == 4 => {
            let y: i32 = y.parse().map_err(|_| bad())?;
            let d = if bound == Bound::Since {
                NaiveDate::from_ymd_opt(y, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(y, 12, 31)
            };
            d.and_then(|d| at(d, bound)).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    let next = if m == 12 {
        y.checked_add(1).and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(28, |d| d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-06-18T15:12:00+09:00").unwrap()
    }

    fn p(s: &str, b: Bound) -> String {
        parse(s, b, now()).unwrap().to_rfc3339()
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(p("2024-06-01", Bound::Since), "2024-06-01T00:00:00+09:00");
        assert_eq!(p("2024-06-30", Bound::Until), "2024-06-30T23:59:59+09:00");
        assert_eq!(p("2024.06.01", Bound::Since), "2024-06-01T00:00:00+09:00");
        assert_eq!(p("2024-06-01T09:30", Bound::Since), "2024-06-01T09:30:00+09:00");
        assert_eq!(p("2024-02", Bound::Until), "2024-02-29T23:59:59+09:00");
        assert_eq!(p("2023", Bound::Since), "2023-01-01T00:00:00+09:00");
        assert_eq!(p("2024-06-01T00:00:00Z", Bound::Since), "2024-06-01T00:00:00+00:00");
    }

    #[test]
    fn relative_dates() {
        assert_eq!(p("7d", Bound::Since), "2024-06-11T15:12:00+09:00");
        assert_eq!(p("2w", Bound::Since), "2024-06-04T15:12:00+09:00");
        assert_eq!(p("12h", Bound::Since), "2024-06-18T03:12:00+09:00");
        assert_eq!(p("3m", Bound::Since), "2024-03-18T15:12:00+09:00");
        assert_eq!(p("1y", Bound::Since), "2023-06-18T15:12:00+09:00");
        assert_eq!(p("yesterday", Bound::Since), "2024-06-17T00:00:00+09:00");
        assert_eq!(p("yesterday", Bound::Until), "2024-06-17T23:59:59+09:00");
        assert_eq!(p("today", Bound::Since), "2024-06-18T00:00:00+09:00");
    }

    #[test]
    fn nonsense_is_refused() {
        for s in ["soon", "2024-13-01", "7x", "-3d", "", "2024-02-30", "2147483647-13"] {
            assert!(parse(s, Bound::Since, now()).is_err(), "{s}");
        }
    }

    #[test]
    fn relative_dates_beyond_chrono_are_errors_not_panics() {
        for s in [
            "1000000000d",
            "9223372036854775807d",
            "9223372036854775807h",
            "9223372036854775807w",
            "99999999999m",
            "9223372036854775807m",
            "4294967296y",
            "300000y",
        ] {
            let e = parse(s, Bound::Since, now()).unwrap_err();
            assert!(e.contains("beyond the dates"), "{s}: {e}");
        }
        // The far ends that chrono does represent are fine.
        assert_eq!(p("2000y", Bound::Since), "0024-06-18T15:12:00+09:00");
        assert!(parse("2147483647-12", Bound::Until, now()).is_err(), "no year after it: no panic");
    }
}
