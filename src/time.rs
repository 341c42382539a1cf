//! Time: Korea Standard Time, defined once, and every conversion into a date gisa keeps.
//!
//! Korean news is dated in KST (+09:00, no daylight saving), so every date gisa stores or
//! prints is a `DateTime<FixedOffset>` in KST unless it came with an offset of its own. The
//! index stores dates as tantivy dates, nanoseconds since the epoch in an `i64`: only
//! 1677-09-21 to 2262-04-11 fit (see [`storable`]). Anything outside that range — a
//! file's modification time from an odd tar file or a tmpfs (`touch -d @9000000000000000`
//! is allowed there), a garbled JSON date — is not a date gisa can keep, and is treated as
//! unknown here, with checks, instead of panicking later in chrono
//! (`DateTime::<Utc>::from(SystemTime)` panics outside chrono's range) or wrapping silently
//! in tantivy (`from_timestamp_secs` multiplies without a check).
//!
//! Date arithmetic goes through the checked helpers ([`add_days`]): a date near the end of
//! the range plus a day is `None`, not a panic.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, TimeZone, Utc};

/// Korea Standard Time, +09:00 (checked at compile time).
pub const KST: FixedOffset = match FixedOffset::east_opt(9 * 3600) {
    Some(offset) => offset,
    None => panic!("+09:00 is a valid offset"),
};

/// KST, for call sites that want a function.
pub const fn kst() -> FixedOffset {
    KST
}

/// Now, in KST.
pub fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&KST)
}

/// The first and last second the index can store (tantivy dates are `i64` nanoseconds).
const MIN_SECS: i64 = i64::MIN / 1_000_000_000 + 1;
const MAX_SECS: i64 = i64::MAX / 1_000_000_000 - 1;

/// Whether a date fits the index (1677-09-21 … 2262-04-11, tantivy's nanosecond dates).
pub fn storable(d: &DateTime<FixedOffset>) -> bool {
    (MIN_SECS..=MAX_SECS).contains(&d.timestamp())
}

/// Seconds since the epoch as a date in KST; `None` outside the storable range.
pub fn from_timestamp(secs: i64) -> Option<DateTime<FixedOffset>> {
    if !(MIN_SECS..=MAX_SECS).contains(&secs) {
        return None;
    }
    DateTime::from_timestamp(secs, 0).map(|utc| utc.with_timezone(&KST))
}

/// A wall-clock date-time in `offset` (the constructor every parser uses); `None` when it is
/// not a real time or outside the storable range.
pub fn at(offset: FixedOffset, naive: &NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    offset.from_local_datetime(naive).single().filter(storable)
}

/// `d` plus `days` (negative: minus), checked.
pub fn add_days(d: DateTime<FixedOffset>, days: i64) -> Option<DateTime<FixedOffset>> {
    d.checked_add_signed(Duration::try_days(days)?).filter(storable)
}

/// A file time that is no date gisa can keep (outside 1677–2262).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfRange {
    /// Whole seconds from the epoch (saturated), for the message.
    pub secs: i128,
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A year is 31,556,952 s on average (Gregorian): close enough to say how far off it is.
        let year = 1970 + self.secs.div_euclid(31_556_952);
        write!(f, "modification time out of range (about the year {year}); the file's time is taken as unknown")
    }
}

impl std::error::Error for OutOfRange {}

/// Signed seconds and nanoseconds of a system time relative to the epoch, without panicking.
fn since_epoch(t: SystemTime) -> (i128, u32) {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (i128::from(d.as_secs()), d.subsec_nanos()),
        Err(e) => {
            let d = e.duration();
            let (s, n) = (i128::from(d.as_secs()), d.subsec_nanos());
            if n == 0 { (-s, 0) } else { (-s - 1, 1_000_000_000 - n) }
        }
    }
}

/// A file's modification time in KST, checked: outside the storable range it is an error
/// (which callers report once and treat as "no file time").
pub fn file_time(t: SystemTime) -> Result<DateTime<FixedOffset>, OutOfRange> {
    let (secs, nanos) = since_epoch(t);
    i64::try_from(secs)
        .ok()
        .filter(|s| (MIN_SECS..=MAX_SECS).contains(s))
        .and_then(|s| DateTime::from_timestamp(s, nanos))
        .map(|utc| utc.with_timezone(&KST))
        .ok_or(OutOfRange { secs })
}

/// A modification time as signed nanoseconds since the epoch, saturating at the ends of
/// `i64` (for the file records, which only compare it): 0 when unknown.
pub fn file_time_ns(t: Option<SystemTime>) -> i64 {
    let Some(t) = t else { return 0 };
    let (secs, nanos) = since_epoch(t);
    let ns = secs.saturating_mul(1_000_000_000).saturating_add(i128::from(nanos));
    i64::try_from(ns).unwrap_or(if ns < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration as StdDuration;

    #[test]
    fn kst_is_nine_hours_east() {
        assert_eq!(KST.local_minus_utc(), 9 * 3600);
        assert_eq!(now().offset().local_minus_utc(), 9 * 3600);
    }

    #[test]
    fn file_times_in_range_convert_exactly() {
        let t = UNIX_EPOCH + StdDuration::new(1_718_690_000, 5);
        let d = file_time(t).unwrap();
        assert_eq!(d.to_rfc3339(), "2024-06-18T14:53:20.000000005+09:00");
        assert_eq!(file_time_ns(Some(t)), 1_718_690_000_000_000_005);
        // Before the epoch (old archives): negative, with the nanoseconds carried right.
        let old = UNIX_EPOCH - StdDuration::new(10, 250_000_000);
        assert_eq!(file_time(old).unwrap().timestamp(), -11);
        assert_eq!(file_time(old).unwrap().timestamp_subsec_nanos(), 750_000_000);
        assert_eq!(file_time_ns(Some(old)), -10_250_000_000);
        assert_eq!(file_time_ns(None), 0);
    }

    #[test]
    fn impossible_file_times_are_errors_not_panics() {
        // What `touch -d @9000000000000000` leaves on a tmpfs: year ~285 million.
        let far = UNIX_EPOCH + StdDuration::from_secs(9_000_000_000_000_000);
        let e = file_time(far).unwrap_err();
        assert!(e.to_string().contains("out of range (about the year 285200"), "{e}");
        assert_eq!(file_time_ns(Some(far)), i64::MAX, "saturates for the records");
        // Inside chrono's range but beyond what the index stores (year 2300).
        let y2300 = UNIX_EPOCH + StdDuration::from_secs(10_413_792_000);
        assert!(file_time(y2300).is_err());
        let early = UNIX_EPOCH - StdDuration::from_secs(9_300_000_000);
        assert!(file_time(early).is_err());
        let earliest = UNIX_EPOCH.checked_sub(StdDuration::from_secs(i64::MAX as u64 / 2)).unwrap();
        assert_eq!(file_time_ns(Some(earliest)), i64::MIN);
        assert!(file_time(earliest).is_err());
    }

    #[test]
    fn storable_range_and_checked_arithmetic() {
        let last = from_timestamp(MAX_SECS).unwrap();
        assert!(last.to_rfc3339().starts_with("2262-04-1"), "{last}");
        assert!(storable(&last) && last.timestamp_nanos_opt().is_some());
        assert_eq!(add_days(last, 1), None);
        assert_eq!(from_timestamp(MAX_SECS + 1), None);
        assert_eq!(from_timestamp(i64::MIN), None);
        let d = from_timestamp(1_718_690_000).unwrap();
        assert_eq!(add_days(d, -1).map(|x| x.timestamp()), Some(1_718_690_000 - 86_400));
        assert_eq!(add_days(d, i64::MAX), None);
        let far = DateTime::parse_from_rfc3339("9999-12-31T00:00:00Z").unwrap();
        assert!(!storable(&far));
        let naive = chrono::NaiveDate::from_ymd_opt(2024, 6, 18).unwrap().and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(at(KST, &naive).map(|d| d.timestamp()), Some(1_718_668_800));
        let naive = chrono::NaiveDate::from_ymd_opt(3000, 1, 1).unwrap().and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(at(KST, &naive), None);
    }
}
