//! What every fuzz target checks, beyond "no panic": the invariants gisa's callers rely on.
//!
//! One function per kind of input; a target is one line calling it, so a new reader (mhtml,
//! pdf) is one more target file.

use std::sync::OnceLock;

use gisa::ingest::{self, Format, date};
use gisa::time;

/// The file time the extractors get (2024-06-18, KST), for year inference.
const MODIFIED: i64 = 1_718_690_000;

/// Extracts `data` as a file of `format`: any result but a panic; every date it gives can
/// be stored, every byte range is inside its string.
pub fn extract(format: Format, name: &str, data: &[u8]) {
    // The last byte decides whether the file has a time, so both paths are fuzzed.
    let modified = match data.last() {
        Some(b) if b % 2 == 1 => None,
        _ => time::from_timestamp(MODIFIED),
    };
    let Ok(x) = ingest::extract(format, name, data, modified) else { return };
    for a in &x.articles {
        if let Some(d) = a.date {
            assert!(time::storable(&d.datetime), "unstorable date {:?} from {name}", d.datetime);
        }
        let _ = gisa::index::schema::content_key(a);
        let _ = a.url.as_deref().and_then(gisa::index::schema::normalize_url);
    }
}

/// Parses `data` as a user dictionary (either form, any lines) against the installed
/// mecab-ko-dic: a dictionary or an error naming a line, never a panic; the words it holds
/// can be looked up.
pub fn user_dict(data: &[u8]) {
    static DICT: OnceLock<Option<gisa::dict::KoDict>> = OnceLock::new();
    let Some(dict) = DICT.get_or_init(|| gisa::dict::KoDict::open_default(None).ok()) else {
        panic!("the user_dict target needs the Korean dictionary: run `gisa dict install`");
    };
    let text = String::from_utf8_lossy(data);
    let Ok(ud) = gisa::dict::user::UserDictionary::parse(&text, dict) else { return };
    let chars: Vec<char> = text.chars().collect();
    for start in 0..chars.len().min(64) {
        for &idx in ud.lookup(&chars[start..]) {
            let _ = ud.entry(idx).info();
        }
    }
}

/// The Korean date parser on any text: every date found can be stored, its byte range is a
/// slice of the text; year inference from any file time is checked arithmetic.
pub fn date(data: &[u8]) {
    let (secs, text) = match data.split_first_chunk::<8>() {
        Some((head, rest)) => (i64::from_le_bytes(*head), String::from_utf8_lossy(rest)),
        None => (MODIFIED, String::from_utf8_lossy(data)),
    };
    let text: &str = &text;
    for f in date::find_dates(text) {
        assert!(time::storable(&f.datetime), "{:?}", f.datetime);
        assert!(text.get(f.start..f.end).is_some(), "range {}..{} of {text:?}", f.start, f.end);
    }
    for d in [date::parse_value(text), date::parse_article_date(text), date::from_epoch(secs)].into_iter().flatten() {
        assert!(time::storable(&d), "{d:?}");
    }
    let _ = date::is_date_line(text);
    let modified = time::from_timestamp(secs);
    if let (Some(md), Some(m)) = (date::parse_month_day(text), modified) {
        if let Some(d) = date::infer_year_weekday(md, m) {
            assert!(time::storable(&d), "{d:?}");
        }
    }
    if let Some(m) = modified {
        for (month, day) in [(2, 29), (12, 31), (1, 1)] {
            let _ = date::infer_year(month, day, m);
        }
    }
}
