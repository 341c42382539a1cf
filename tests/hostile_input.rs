//! Regression tests for the parsers of untrusted input, from fuzzing (`scripts/fuzz.sh`) and
//! from reading their arithmetic: each case once crashed or produced a date the index could
//! not store.

use gisa::ingest::{self, Format, date};
use gisa::time;

#[test]
fn dates_beyond_what_the_index_stores_are_no_dates() {
    // RFC 3339 and RFC 2822 accept years up to 9999; tantivy's dates end in 2262, and such a
    // date was stored wrapped around, as another date (9999-12-31 became 1816-03-29).
    for v in
        ["9999-12-31T00:00:00Z", "2300-01-01T00:00:00+09:00", "1600-01-01T00:00:00Z", "Fri, 31 Dec 9999 00:00:00 +0000"]
    {
        assert_eq!(date::parse_value(v), None, "{v}");
    }
    assert!(date::parse_value("2024-06-18T15:12:00+09:00").is_some());
    // Epoch numbers at the ends of i64 (`i64::MIN.abs()` overflows).
    for v in [i64::MIN, i64::MAX, -1 - i64::MAX / 2] {
        assert_eq!(date::from_epoch(v), None, "{v}");
    }
    // A record with such a date is kept, without a date (there is no file time here).
    let rec = r#"{"title": "먼 미래의 기사", "body": "본문.", "date": "9999-12-31T00:00:00Z"}"#;
    let x = ingest::extract(Format::Json, "a.json", rec.as_bytes(), None).unwrap();
    assert_eq!(x.articles[0].date, None);
}

#[test]
fn year_inference_at_the_end_of_the_range_is_checked() {
    // `modified + 1 day` panicked in chrono for a file time at the end of its range; now the
    // last storable second is the latest file time there is, and a day after it is none.
    let last = time::from_timestamp(i64::MAX / 1_000_000_000 - 1).unwrap();
    assert_eq!(date::infer_year(6, 18, last), None, "no year 1900–2100 within reach of 2262");
    let md = date::parse_month_day("06.18 (화)").unwrap();
    assert_eq!(date::infer_year_weekday(md, last), None);
    let d = date::resolve(None, Some(md), Some(last)).unwrap();
    assert_eq!(d.source, ingest::DateSource::FileTime, "falls back to the file time itself");
}
