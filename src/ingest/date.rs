//! Korean news date-time forms → [`DateTime<FixedOffset>`] (KST, +09:00, when no offset is given).
//!
//! Forms read (anywhere in a string, several per string):
//!
//! - Naver: `2024.06.18. 오후 3:12`, `입력2024.06.18. 오전 10:42  수정2024.06.18. 오전 11:20`
//! - Daum: `입력 2024. 6. 18. 15:12수정 2024. 6. 18. 15:40` (labels glued to the numbers)
//! - press sites: `기사입력 2024-06-18 15:12 | 최종수정 …`, `승인 2024.06.18 15:12`,
//!   `입력 : 2024-06-18 15:12:05 수정 : …`
//! - `2024년 6월 18일 (오후) 3시 12분`, `2024년 6월 18일` (date only: 00:00)
//! - ISO 8601 with or without offset (`2024-06-18T15:12:00+09:00`, `…Z`, `2024-06-18 15:12:05`)
//! - RFC 2822 (`Tue, 18 Jun 2024 15:12:00 +0900`) and the compact `20240618151200` of
//!   `og:regDate` (through [`parse_value`], for metadata fields)
//!
//! When a string holds both a published (`입력`, `기사입력`, `등록`, `승인` …) and a modified
//! (`수정`, `최종수정`, `업데이트` …) date, the published one is the article date.
//!
//! Daum's year-less *viewing* date line `06.18 (화)` gives a month and day only
//! ([`parse_month_day`]); the year is inferred from the file's modification time
//! ([`infer_year`], [`infer_year_weekday`]).

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use regex::Regex;

use super::{ArticleDate, DateSource};
use crate::time::{self, kst};

/// What a label before a date says the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// `입력`, `기사입력`, `등록`, `게재`, `승인`, `발행`, `송고`, `작성`, `published`
    Published,
    /// `수정`, `최종수정`, `업데이트`, `갱신`, `modified`, `updated`
    Modified,
    /// No label.
    None,
}

/// One date-time found in a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub datetime: DateTime<FixedOffset>,
    pub label: Label,
    /// False for a date without a time of day (`2024년 6월 18일`): 00:00 is assumed.
    pub has_time: bool,
    /// Byte range of the date in the string (label excluded).
    pub start: usize,
    pub end: usize,
}

/// A date, with a time of day if one follows.
const DATE_PATTERN: &str = r"(?x)
        (?P<y>(?:19|20)\d{2}) \s* (?:[.\-/]|년) \s* (?P<m>\d{1,2}) \s* (?:[.\-/]|월) \s* (?P<d>\d{1,2})
        (?: \s*일 | \. )?
        (?: \s* (?: \(\s*[월화수목금토일]\s*\) | [월화수목금토일]요일 ) )?
        (?:
            (?: \s* | T )
            (?: \(? (?P<ap>오전|오후|AM|PM|am|pm) \)? \s* )?
            (?P<h>\d{1,2})
            (?:
                \s*:\s*(?P<mi>\d{2}) (?: :(?P<s>\d{2}) (?:[.,]\d+)? )?
              | \s*시 (?: \s*(?P<mi2>\d{1,2})\s*분 )? (?: \s*(?P<s2>\d{1,2})\s*초 )?
            )
            (?: \s* (?P<ap2>AM|PM|am|pm) \b )?
            (?: \s* (?P<tz>Z|[+\-]\d{2}:?\d{2}|KST|UTC|GMT)\b )?
        )?";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(DATE_PATTERN).expect("date regex"));

/// [`DATE_RE`] without its two word boundaries (after `ap2` and `tz`). A Unicode `\b` keeps
/// the regex engine off its DFA on any non-ASCII text (every Korean line), which made a date
/// line's parse cost tens of thousands of instructions. Without them the regex accepts more
/// paths, never fewer, in the same order: a match whose `ap2` and `tz` are not followed by a
/// word character is the one `DATE_RE` finds (its `\b`s hold there, and every path it
/// prefers failed without them already); the others are found again with `DATE_RE`.
static DATE_FAST_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&DATE_PATTERN.replace(r"\b", "")).expect("date regex"));

/// A word character (as `\b` sees it) at the start.
static WORD_START_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w").expect("word regex"));

/// True if `c`, a match of [`DATE_FAST_RE`] in `s`, is `DATE_RE`'s match too.
fn fast_match_holds(s: &str, c: &regex::Captures<'_>) -> bool {
    ["ap2", "tz"].iter().all(|g| c.name(g).is_none_or(|m| !WORD_START_RE.is_match(&s[m.end()..])))
}

/// Year-less Daum viewing date: `06.18 (화)`.
static MONTH_DAY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})\s*[./]\s*(\d{1,2})\.?\s*\(\s*([월화수목금토일])\s*\)$").expect("month-day regex")
});

const PUBLISHED_LABELS: &[&str] =
    &["입력", "등록", "게재", "승인", "발행", "송고", "작성", "배포", "published", "Published", "posted", "Posted"];
const MODIFIED_LABELS: &[&str] =
    &["수정", "업데이트", "갱신", "변경", "modified", "Modified", "updated", "Updated", "edited", "Edited"];

/// The label closest to the end of `before` (the text between the previous date and this one).
fn label_of(before: &str) -> Label {
    // Searchers built once: `rfind` builds one per call, and this runs for every date found
    // with all 22 labels (it was a quarter of the date parsing).
    static LABELS: LazyLock<Vec<(memchr::memmem::FinderRev<'static>, usize, Label)>> = LazyLock::new(|| {
        let of = |list: &[&'static str], kind| {
            list.iter().map(move |l| (memchr::memmem::FinderRev::new(l.as_bytes()), l.len(), kind)).collect::<Vec<_>>()
        };
        let mut v = of(PUBLISHED_LABELS, Label::Published);
        v.extend(of(MODIFIED_LABELS, Label::Modified));
        v
    });
    if before.is_empty() {
        return Label::None;
    }
    let mut best: Option<(usize, Label)> = None;
    for (finder, len, kind) in LABELS.iter() {
        if let Some(p) = finder.rfind(before.as_bytes()) {
            let end = p + len;
            if best.is_none_or(|(b, _)| end > b) {
                best = Some((end, *kind));
            }
        }
    }
    best.map_or(Label::None, |(_, k)| k)
}

fn num(c: Option<regex::Match<'_>>) -> Option<u32> {
    c.and_then(|m| m.as_str().parse().ok())
}

fn offset_of(tz: Option<&str>) -> Option<FixedOffset> {
    let Some(tz) = tz else { return Some(kst()) };
    match tz {
        "Z" | "UTC" | "GMT" => FixedOffset::east_opt(0),
        "KST" => Some(kst()),
        _ => {
            let sign = if tz.starts_with('-') { -1 } else { 1 };
            let digits: String = tz[1..].chars().filter(char::is_ascii_digit).collect();
            if digits.len() != 4 {
                return None;
            }
            let h: i32 = digits[..2].parse().ok()?;
            let m: i32 = digits[2..].parse().ok()?;
            if h > 14 || m > 59 {
                return None;
            }
            FixedOffset::east_opt(sign * (h * 3600 + m * 60))
        }
    }
}

/// Builds a date-time in `offset` from its parts, if they make a real date and time.
pub fn make(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, mo, d)?;
    let naive = date.and_hms_opt(h, mi, s.min(59))?;
    time::at(offset, &naive)
}

/// How many recent lines [`find_dates`] remembers (per thread).
const RECENT: usize = 16;

/// Recent lines and their dates, and where the next one goes.
type Recent = (usize, Vec<(String, Vec<Found>)>);

thread_local! {
    /// The last lines parsed and their dates: the readers ask about the same header lines
    /// several times (for the label of each line, the date block, the header's end), and a
    /// parse with captures costs thousands of instructions. Keyed by content, so it is only
    /// a cache of a pure function.
    static RECENT_DATES: std::cell::RefCell<Recent> =
        const { std::cell::RefCell::new((0, Vec::new())) };
}

/// Every date-time in `s`, in order, with the label in front of it.
pub fn find_dates(s: &str) -> Vec<Found> {
    // Cheap reject: a date needs a 4-digit year.
    if !s.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit)) {
        return Vec::new();
    }
    // Long strings (a whole body, a script) are not lines asked about again.
    if s.len() > 300 {
        return parse_dates(s);
    }
    if let Some(hit) = RECENT_DATES.with_borrow(|(_, v)| v.iter().find(|(k, _)| k == s).map(|(_, f)| f.clone())) {
        return hit;
    }
    let found = parse_dates(s);
    RECENT_DATES.with_borrow_mut(|(next, v)| {
        if v.len() < RECENT {
            v.push((s.to_owned(), found.clone()));
        } else {
            v[*next] = (s.to_owned(), found.clone());
        }
        *next = (*next + 1) % RECENT;
    });
    found
}

fn parse_dates(s: &str) -> Vec<Found> {
    let fast: Vec<regex::Captures<'_>> = DATE_FAST_RE.captures_iter(s).collect();
    if fast.iter().all(|c| fast_match_holds(s, c)) { dates_of(s, fast) } else { dates_of(s, DATE_RE.captures_iter(s)) }
}

fn dates_of<'h>(s: &'h str, matches: impl IntoIterator<Item = regex::Captures<'h>>) -> Vec<Found> {
    let mut out = Vec::new();
    let mut prev_end = 0;
    for c in matches {
        let Some(whole) = c.get(0) else { continue };
        let (Some(y), Some(mo), Some(d)) = (num(c.name("y")), num(c.name("m")), num(c.name("d"))) else { continue };
        let has_time = c.name("h").is_some();
        let (mut h, mi, sec) = if has_time {
            let h = num(c.name("h")).unwrap_or(0);
            let mi = num(c.name("mi")).or_else(|| num(c.name("mi2"))).unwrap_or(0);
            let sec = num(c.name("s")).or_else(|| num(c.name("s2"))).unwrap_or(0);
            (h, mi, sec)
        } else {
            (0, 0, 0)
        };
        let ampm = c.name("ap").or_else(|| c.name("ap2")).map(|m| m.as_str());
        match ampm {
            Some("오후" | "PM" | "pm") if h < 12 => h += 12,
            Some("오전" | "AM" | "am") if h == 12 => h = 0,
            _ => {}
        }
        let Some(offset) = offset_of(c.name("tz").map(|m| m.as_str())) else { continue };
        let Some(dt) = make(y as i32, mo, d, h, mi, sec, offset) else { continue };
        let label = label_of(&s[prev_end..whole.start()]);
        let end = whole.end();
        out.push(Found { datetime: dt, label, has_time, start: whole.start(), end });
        prev_end = end;
    }
    out
}

/// The article date in `s`: the first published (`입력`) date, else the first unlabeled one,
/// else the first modified one.
pub fn parse_article_date(s: &str) -> Option<DateTime<FixedOffset>> {
    pick(&find_dates(s)).map(|f| f.datetime)
}

/// The published date among `found` (see [`parse_article_date`]).
pub fn pick(found: &[Found]) -> Option<Found> {
    found
        .iter()
        .find(|f| f.label == Label::Published)
        .or_else(|| found.iter().find(|f| f.label == Label::None))
        .or_else(|| found.first())
        .copied()
}

/// A metadata value (`article:published_time`, a JSON `date` field): RFC 3339 / ISO 8601,
/// RFC 2822, a compact `YYYYMMDD[HHMM[SS]]`, epoch seconds or milliseconds, or any Korean form.
pub fn parse_value(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return time::storable(&dt).then_some(dt);
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return parse_compact(s);
    }
    if s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && let Ok(dt) = DateTime::parse_from_rfc2822(s)
    {
        return time::storable(&dt).then_some(dt);
    }
    parse_article_date(s)
}

/// `YYYYMMDD`, `YYYYMMDDHHMM`, `YYYYMMDDHHMMSS` (KST), or epoch seconds / milliseconds.
fn parse_compact(s: &str) -> Option<DateTime<FixedOffset>> {
    let n = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    match s.len() {
        8 | 12 | 14 => {
            let y = n(0..4)? as i32;
            let (mo, d) = (n(4..6)?, n(6..8)?);
            let (h, mi) = if s.len() >= 12 { (n(8..10)?, n(10..12)?) } else { (0, 0) };
            let sec = if s.len() == 14 { n(12..14)? } else { 0 };
            make(y, mo, d, h, mi, sec, kst())
        }
        10 | 13 => {
            let v: i64 = s.parse().ok()?;
            let secs = if s.len() == 13 { v / 1000 } else { v };
            time::from_timestamp(secs)
        }
        _ => None,
    }
}

/// Epoch seconds or milliseconds (a JSON number) in KST.
pub fn from_epoch(v: i64) -> Option<DateTime<FixedOffset>> {
    let secs = if v.unsigned_abs() >= 100_000_000_000 { v / 1000 } else { v };
    let dt = time::from_timestamp(secs)?;
    (1990..=2100).contains(&dt.year()).then_some(dt)
}

/// A month and day without a year, as Daum prints the viewing date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
    pub weekday: Option<Weekday>,
}

/// `06.18 (화)` (a whole line) → month 6, day 18, Tuesday.
pub fn parse_month_day(line: &str) -> Option<MonthDay> {
    let line = line.trim();
    if line.len() > 24 || !line.as_bytes().first().is_some_and(u8::is_ascii_digit) || !line.ends_with(')') {
        return None;
    }
    let c = MONTH_DAY_RE.captures(line)?;
    let (month, day) = (num(c.get(1))?, num(c.get(2))?);
    // 2000 is a leap year, so 02.29 is accepted.
    NaiveDate::from_ymd_opt(2000, month, day)?;
    let weekday = match c.get(3).map(|m| m.as_str()) {
        Some("월") => Some(Weekday::Mon),
        Some("화") => Some(Weekday::Tue),
        Some("수") => Some(Weekday::Wed),
        Some("목") => Some(Weekday::Thu),
        Some("금") => Some(Weekday::Fri),
        Some("토") => Some(Weekday::Sat),
        Some("일") => Some(Weekday::Sun),
        _ => None,
    };
    Some(MonthDay { month, day, weekday })
}

/// The latest year in which `month`-`day` (00:00 KST) is not after `modified` plus one day of
/// slack for time zones, as a date-time at 00:00 KST.
pub fn infer_year(month: u32, day: u32, modified: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    let bound = time::add_days(modified, 1)?;
    let start = bound.with_timezone(&kst()).year();
    // Feb 29 may need up to 8 years back; stop well before that would be absurd.
    (start - 8..=start).rev().filter_map(|y| make(y, month, day, 0, 0, 0, kst())).find(|d| *d <= bound)
}

/// [`infer_year`], refined by the weekday printed beside the date: when the year it gives has
/// another weekday for that month-day (the file was copied or checked out later than the page
/// was saved), the latest earlier year (up to 11 years back) whose weekday matches is taken.
pub fn infer_year_weekday(md: MonthDay, modified: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    let first = infer_year(md.month, md.day, modified)?;
    let Some(wd) = md.weekday else { return Some(first) };
    if first.weekday() == wd {
        return Some(first);
    }
    let y = first.year();
    (y - 11..y)
        .rev()
        .filter_map(|y| make(y, md.month, md.day, 0, 0, 0, kst()))
        .find(|d| d.weekday() == wd)
        .or(Some(first))
}

/// The article date from what a page gave: a full date, else a month-day with the year
/// inferred from `modified`, else `modified` itself.
pub fn resolve(
    full: Option<DateTime<FixedOffset>>,
    month_day: Option<MonthDay>,
    modified: Option<DateTime<FixedOffset>>,
) -> Option<ArticleDate> {
    if let Some(dt) = full {
        return Some(ArticleDate { datetime: dt, source: DateSource::Page });
    }
    if let (Some(md), Some(m)) = (month_day, modified)
        && let Some(dt) = infer_year_weekday(md, m)
    {
        return Some(ArticleDate { datetime: dt, source: DateSource::InferredYear });
    }
    modified.map(|m| ArticleDate { datetime: m, source: DateSource::FileTime })
}

/// What may stand before the date of a date line.
const HEAD_LABELS: &[&str] = &[
    "입력",
    "기사입력",
    "최초입력",
    "입력시간",
    "입력일",
    "입력일시",
    "등록",
    "등록일",
    "등록일시",
    "최초등록",
    "기사등록",
    "게재",
    "게재일",
    "승인",
    "기사승인",
    "발행",
    "발행일",
    "송고",
    "송고시간",
    "기사전송",
    "작성",
    "작성일",
    "작성일시",
    "수정",
    "최종수정",
    "수정일",
    "수정시간",
    "수정일시",
    "업데이트",
    "최종업데이트",
    "갱신",
    "변경",
    "Posted",
    "Postedon",
    "Published",
    "Publishedon",
    "Updated",
    "Updatedon",
    "Modified",
    "posted",
    "published",
    "updated",
    "modified",
];

/// Buttons a portal prints after its dateline (`2024.05.20. 오전 7:31 기사원문`).
const TAIL_BUTTONS: &[&str] = &["기사원문", "기사원문 스크랩", "원문보기", "원문 보기"];

/// True if `line` is a date line of a page header (a labeled date, or a line that is little
/// more than a date), as opposed to a sentence that mentions a date.
pub fn is_date_line(line: &str) -> bool {
    date_line_label(line).is_some()
}

/// The label of a date line's first date (`Label::None` for an unlabeled one), or `None` if
/// `line` is not a date line (see [`is_date_line`]): one parse of the line for both answers.
pub fn date_line_label(line: &str) -> Option<Label> {
    let t = line.trim();
    if t.is_empty() || t.len() > 160 {
        return None;
    }
    // Cheap gate: a date line starts with a digit or a label (possibly bracketed).
    let lead = t.trim_start_matches(['[', '(', '<', '|', ' ', '·']);
    let c = lead.chars().next()?;
    let labeled = "입기최등게승발송작수업갱변PpUuMm".contains(c) && HEAD_LABELS.iter().any(|l| lead.starts_with(l));
    if !(c.is_ascii_digit() || labeled) {
        return None;
    }
    // Unlabeled, the date opens the line and has a time (`:` or `시` in it): one match without
    // captures tells most sentences that start with a number or a date from date lines
    // before the full parse (no label starts with a digit, so such a line has no other way
    // to be one).
    // (`DATE_FAST_RE` finds the match `DATE_RE` would, at the same start, or one that only
    // adds an `AM`/`PM` or a time zone to its time of day — which has its `:` or `시` already.)
    if !labeled && DATE_FAST_RE.find(t).is_none_or(|m| m.start() != 0 || !m.as_str().contains([':', '시'])) {
        return None;
    }
    let found = find_dates(t);
    let first = found.first()?;
    let head = t[..first.start].trim();
    if first.label != Label::None {
        // Only a label in front: `입력`, `기사입력 :`, `승인`, `최종수정`, `[입력]`, `Posted on`.
        let bare: String = head.chars().filter(|c| !c.is_whitespace() && !":|[]()·,.-".contains(*c)).collect();
        return HEAD_LABELS.contains(&bare.as_str()).then_some(first.label);
    }
    // Unlabeled: the date must be the whole line (`2024.06.18. 오후 3:12`), or dates with labels
    // between them (`2024.06.18 15:12 | 수정 2024.06.18 16:01`).
    let last = found.last()?;
    let tail = t[last.end..].trim_matches(|c: char| c.is_whitespace() || "|·,.()[]".contains(c));
    (head.is_empty()
        && first.has_time
        && (tail.is_empty() || HEAD_LABELS.contains(&tail) || TAIL_BUTTONS.contains(&tail)))
    .then_some(Label::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        parse_article_date(s).map(|d| d.to_rfc3339()).unwrap_or_default()
    }

    #[test]
    fn naver_12_hour() {
        assert_eq!(at("2024.06.18. 오후 3:12"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("2024.06.18. 오전 12:05"), "2024-06-18T00:05:00+09:00");
        assert_eq!(at("2024.06.18. 오후 12:05"), "2024-06-18T12:05:00+09:00");
        assert_eq!(at("입력2024.06.18. 오전 10:42"), "2024-06-18T10:42:00+09:00");
        assert_eq!(at("입력2024.07.05. 오전 10:42  수정2024.07.05. 오전 11:20  기사원문"), "2024-07-05T10:42:00+09:00");
        assert_eq!(at("기사입력 2025.02.12. 오후 3:12"), "2025-02-12T15:12:00+09:00");
    }

    #[test]
    fn daum_glued_modified() {
        assert_eq!(at("입력 2024. 6. 18. 15:12"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("입력 2024. 6. 18. 15:12수정 2024. 6. 18. 15:40"), "2024-06-18T15:12:00+09:00");
        // The modified date first: still the published one.
        assert_eq!(at("수정 2024. 6. 18. 15:40 입력 2024. 6. 18. 15:12"), "2024-06-18T15:12:00+09:00");
        let f = find_dates("입력 2024. 6. 18. 15:12수정 2024. 6. 18. 15:40");
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].label, f[1].label), (Label::Published, Label::Modified));
    }

    #[test]
    fn press_sites() {
        assert_eq!(at("기사입력 2024-06-18 15:12 | 최종수정 2024-06-18 16:01"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("승인 2024.06.18 15:12"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("입력 : 2024-06-18 15:12:05 수정 : 2024-06-18 16:30:00"), "2024-06-18T15:12:05+09:00");
        assert_eq!(at("입력 2024.07.05 14:20"), "2024-07-05T14:20:00+09:00");
        assert_eq!(at("등록 2023-11-14 09:05:33"), "2023-11-14T09:05:33+09:00");
    }

    #[test]
    fn korean_words() {
        assert_eq!(at("2024년 6월 18일 (오후) 3시 12분"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("2024년 6월 18일 오후 3시"), "2024-06-18T15:00:00+09:00");
        assert_eq!(at("2024년 6월 18일 화요일 15:12"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("2024년 6월 18일"), "2024-06-18T00:00:00+09:00");
        let f = find_dates("2024년 6월 18일");
        assert!(!f[0].has_time);
    }

    #[test]
    fn iso_and_rfc() {
        assert_eq!(at("2024-06-18T15:12:00+09:00"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("2024-06-18T06:12:00Z"), "2024-06-18T06:12:00+00:00");
        assert_eq!(at("2024-06-18T15:12:00.123+0900"), "2024-06-18T15:12:00+09:00");
        assert_eq!(at("2024-06-18 15:12:05"), "2024-06-18T15:12:05+09:00");
        assert_eq!(at("2024-06-18T15:12"), "2024-06-18T15:12:00+09:00");
        let v = |s| parse_value(s).map(|d| d.to_rfc3339()).unwrap_or_default();
        assert_eq!(v("2024-06-18T15:12:00+09:00"), "2024-06-18T15:12:00+09:00");
        assert_eq!(v("Tue, 18 Jun 2024 15:12:00 +0900"), "2024-06-18T15:12:00+09:00");
        assert_eq!(v("20231114090500"), "2023-11-14T09:05:00+09:00");
        assert_eq!(v("1718691120"), "2024-06-18T15:12:00+09:00");
        assert_eq!(v("2024-06-13 17:05:00"), "2024-06-13T17:05:00+09:00");
        assert_eq!(v(""), "");
        assert_eq!(v("어제"), "");
    }

    #[test]
    fn invalid_dates_rejected() {
        assert_eq!(at("2024.02.30. 오후 3:12"), "");
        assert_eq!(at("입력 2024-13-01 10:00"), "");
        assert_eq!(at("전화 02-724-5114"), "");
        assert_eq!(at("본문 없음"), "");
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("입력2024.07.05. 오전 10:42  수정2024.07.05. 오전 11:20  기사원문"));
        assert!(is_date_line("기사입력 2023-09-23 21:48 | 최종수정 2023-09-23 22:10"));
        assert!(is_date_line("최종수정 2025.02.12. 오후 4:05"));
        assert!(is_date_line("2024.06.18. 오후 3:12"));
        assert!(!is_date_line("2010년 10월 29일부터 30일간 베트남 하노이에서 열린 회의에 참석했다."));
        assert!(!is_date_line("06.18 (화)"));
    }

    #[test]
    fn month_day_and_year_inference() {
        let md = parse_month_day("06.18 (화)").expect("month-day");
        assert_eq!((md.month, md.day, md.weekday), (6, 18, Some(Weekday::Tue)));
        assert!(parse_month_day("2024.06.18").is_none());
        assert!(parse_month_day("13.01 (월)").is_none());
        let m = |s: &str| DateTime::parse_from_rfc3339(s).expect("rfc3339");
        // Saved the same week: that year.
        let d = infer_year(6, 18, m("2024-06-20T10:00:00+09:00")).expect("year");
        assert_eq!(d.to_rfc3339(), "2024-06-18T00:00:00+09:00");
        // Saved before June 18th: the year before.
        assert_eq!(infer_year(6, 18, m("2025-03-01T10:00:00+09:00")).map(|d| d.year()), Some(2024));
        // A day of slack: a UTC mtime just before KST midnight still counts.
        assert_eq!(infer_year(6, 18, m("2024-06-17T16:00:00+00:00")).map(|d| d.year()), Some(2024));
        // Feb 29 goes back to a leap year.
        assert_eq!(infer_year(2, 29, m("2026-03-01T00:00:00+09:00")).map(|d| d.year()), Some(2024));
        // Weekday refinement: checked out in 2026, 06.18 (화) is 2024's.
        let r = infer_year_weekday(md, m("2026-07-01T00:00:00+09:00")).expect("year");
        assert_eq!((r.year(), r.month(), r.day()), (2024, 6, 18));
        // Consistent mtime: same as infer_year.
        let r = infer_year_weekday(md, m("2024-06-19T00:00:00+09:00")).expect("year");
        assert_eq!(r.year(), 2024);
    }

    #[test]
    fn resolve_sources() {
        let m = DateTime::parse_from_rfc3339("2024-06-19T08:00:00+09:00").ok();
        let md = parse_month_day("06.18 (화)");
        let full = parse_article_date("입력 2024. 6. 18. 15:12");
        assert_eq!(resolve(full, md, m).map(|d| d.source), Some(DateSource::Page));
        assert_eq!(resolve(None, md, m).map(|d| d.source), Some(DateSource::InferredYear));
        assert_eq!(resolve(None, None, m).map(|d| d.source), Some(DateSource::FileTime));
        assert_eq!(resolve(None, md, None), None);
    }
}
