//! Pages saved as text: Naver, Daum and press-site layouts, and anything else.
//!
//! A saved page is read line by line (no DOM): the layout is recognized from its chrome
//! (`NAVER 뉴스` / `X 구독` / `입력… 기사원문` for Naver; `컨텐츠 바로가기`, the year-less
//! `06.18 (화)` and `주소복사가 완료되었습니다` for Daum; `X 로고`, `전체메뉴 버튼` and the
//! share-button row for press sites), which says where the headline, date, press and the
//! start of the body are. The body runs to the first byline, copyright line or section note
//! after it; inside, captions (a line before `<이미지를 클릭하시면 …>`, `… /사진=…`, `▲ …`),
//! image notes, the press name on its own line, menus and buttons are dropped and summary
//! bullets become subtitles. A page in no known layout is read by the generic reader: the
//! densest block of paragraph lines is the body, a labeled date line the date, the line that
//! matches the file name (or precedes the date) the title — unless the text opens with
//! labeled lines (`제목: …`, `날짜: …`, `언론사: …`, as notes and scraper exports write
//! them), which then give those fields ([`labeled_header`]).

use super::ExtractError;
use super::body::para_like;
use super::boilerplate::{
    self as bp, ends_sentence, is_caption, is_chrome, is_copyright, is_end_marker, is_image_note, section_note,
};
use super::byline::{parse_byline_line, parse_byline_value};
use super::candidate::{Body, BodyHints, Candidates, DateKind, DeferredBody, Line, Source};
use super::date::{self, Found, MonthDay};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Naver,
    Daum,
    Press,
    Generic,
}

impl Layout {
    fn name(self) -> &'static str {
        match self {
            Layout::Naver => "naver",
            Layout::Daum => "daum",
            Layout::Press => "press",
            Layout::Generic => "generic",
        }
    }
}

/// What the header of a page gave.
#[derive(Debug, Default)]
struct Header {
    title: Option<usize>,
    press: Option<String>,
    category: Option<String>,
    subtitles: Vec<String>,
    dates: Vec<Found>,
    month_day: Option<MonthDay>,
    reporter: Option<String>,
    /// Where the body may start.
    start: usize,
}

fn clean(l: &str) -> &str {
    l.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

fn nchars(s: &str) -> usize {
    s.chars().count()
}

/// `정태윤 기자` on its own line (a header byline).
fn reporter_only(l: &str) -> Option<String> {
    if l.len() > 60 {
        return None;
    }
    match parse_byline_line(l) {
        Some(b) if b.email.is_none() => b.names.into_iter().next(),
        _ => None,
    }
}

fn detect(lines: &[&str]) -> Layout {
    let head = &lines[..lines.len().min(60)];
    let (mut naver, mut daum, mut press) = (0, 0, 0);
    let mut prev = "";
    for (i, &l) in head.iter().enumerate() {
        if l.is_empty() {
            continue;
        }
        match l {
            "NAVER 뉴스" | "네이버 뉴스" => naver += 3,
            "NAVER" | "알고리즘 안내" | "정정보도 모음" => naver += 2,
            "본문 요약봇" | "기사원문 스크랩" | "텍스트 음성 변환 서비스 사용하기" => {
                naver += 2
            }
            "컨텐츠 바로가기" => daum += 3,
            "주소복사가 완료되었습니다" => daum += 2,
            "전체메뉴 버튼" => press += 2,
            _ => {}
        }
        if let Some(p) = l.strip_suffix(" 구독")
            && p == prev
        {
            naver += 3;
        }
        if (l.starts_with("입력") || l.starts_with("기사입력")) && l.contains("기사원문") {
            naver += 2;
        }
        if i < 12 && date::parse_month_day(l).is_some() {
            daum += 3;
        }
        if i < 5 && l.ends_with(" 로고") {
            press += 3;
        }
        if l.contains("페이스북") && bp::is_button_row(l) {
            press += 2;
        }
        if l.contains("  ") && bp::is_menu_row(l) {
            press += 1;
        }
        prev = l;
    }
    // The head is usually enough; the tail's notes settle the rest.
    let top = naver.max(daum).max(press);
    let clear = top >= 3 && [naver, daum, press].iter().filter(|&&x| x == top).count() == 1;
    for &l in lines.iter().rev().take(if clear { 0 } else { 80 }) {
        if l.starts_with("이 기사는 언론사에서") || l == "기사 섹션 분류 안내" {
            naver += 2;
        } else if l.starts_with("기사가 속한 카테고리는") || is_image_note(l) {
            daum += 1;
        }
    }
    let best = naver.max(daum).max(press);
    if best < 3 {
        Layout::Generic
    } else if best == naver {
        Layout::Naver
    } else if best == daum {
        Layout::Daum
    } else {
        Layout::Press
    }
}

/// Skips the header chrome after a title or date line: blank lines, buttons, counters,
/// date lines and bylines without e-mail.
fn skip_header(lines: &[&str], from: usize) -> usize {
    let mut i = from;
    while i < lines.len() {
        let l = lines[i];
        if l.is_empty() || is_chrome(l) || is_labeled_date_line(l) || reporter_only(l).is_some() {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// Consecutive date lines from `i` (Naver's `기사입력` / `최종수정`, hani's `입력` / `수정`).
fn date_block(lines: &[&str], i: usize) -> (Vec<Found>, usize) {
    let mut found = Vec::new();
    let mut j = i;
    while j < lines.len() && date::is_date_line(lines[j]) {
        found.extend(date::find_dates(lines[j]));
        j += 1;
    }
    (found, j)
}

/// `입력 …`, `최종수정 …`: a date line with a label (a bare date may be a summary line).
fn is_labeled_date_line(l: &str) -> bool {
    date::date_line_label(l).is_some_and(|label| label != date::Label::None)
}

/// The first date line in `from..to`, preferring a labeled one (`입력 …`): a headline may
/// look like a date (`2015년 11월 22일 0시`).
fn first_date_line(lines: &[&str], from: usize, to: usize) -> Option<usize> {
    let mut unlabeled = None;
    for (i, l) in lines.iter().enumerate().take(to).skip(from) {
        match date::date_line_label(l) {
            Some(date::Label::None) => {
                unlabeled.get_or_insert(i);
            }
            Some(_) => return Some(i),
            None => {}
        }
    }
    unlabeled
}

/// A line where the layout puts the headline (after the press block, under the viewing date,
/// under the section label): anything but chrome, bylines and notes.
fn is_anchored_title(l: &str) -> bool {
    !l.is_empty()
        && !is_chrome(l)
        && reporter_only(l).is_none()
        && !is_image_note(l)
        && date::parse_month_day(l).is_none()
        && nchars(l) <= 300
        && !l.ends_with(" 언론사 이미지")
}

fn is_title_candidate(l: &str) -> bool {
    !l.is_empty()
        && !is_chrome(l)
        && !date::is_date_line(l)
        && date::parse_month_day(l).is_none()
        && reporter_only(l).is_none()
        && !is_image_note(l)
        && nchars(l) >= 2
        && nchars(l) <= 300
}

fn naver_header(lines: &[&str]) -> Header {
    let mut h = Header::default();
    let n = lines.len().min(120);
    // `전자신문` / `전자신문 구독`
    let mut after = 0;
    let mut prev: Option<usize> = None;
    for i in 0..n {
        let l = lines[i];
        if l.is_empty() {
            continue;
        }
        if let (Some(p), Some(j)) = (l.strip_suffix(" 구독"), prev)
            && p == lines[j]
        {
            h.press = Some(p.to_owned());
            after = i + 1;
            break;
        }
        prev = Some(i);
    }
    let date_i = first_date_line(lines, after, n);
    // Title: the first line after the press block, or the line before the date.
    let anchored =
        (after..date_i.unwrap_or(n)).find(|&i| is_anchored_title(lines[i]) && !bp::is_section_label(lines[i]));
    let first = (after..date_i.unwrap_or(n)).find(|&i| is_headline_candidate(lines[i]));
    h.title = match (first, date_i) {
        _ if after > 0 && anchored.is_some() => anchored,
        (Some(t), _) if after > 0 => Some(t),
        (_, Some(d)) => (after..d).rev().find(|&i| is_headline_candidate(lines[i])),
        (t, None) => t,
    };
    if let Some(d) = date_i {
        let (found, end) = date_block(lines, d);
        h.dates = found;
        h.start = end;
    } else {
        h.start = h.title.map_or(after, |t| t + 1);
    }
    // The header byline (`정태윤 기자`), up to the first blank line and just after it.
    for &l in &lines[h.start..(h.start + 14).min(lines.len())] {
        if let Some(r) = reporter_only(l) {
            h.reporter = Some(r);
            break;
        }
    }
    h.start = skip_header(lines, h.start);
    h
}

fn daum_header(lines: &[&str]) -> Header {
    let mut h = Header::default();
    let n = lines.len().min(80);
    let md_i = (0..n.min(15)).find(|&i| date::parse_month_day(lines[i]).is_some());
    h.month_day = md_i.and_then(|i| date::parse_month_day(lines[i]));
    let from = md_i.map_or(0, |i| i + 1);
    let date_i = first_date_line(lines, from, n);
    h.title = match (md_i, date_i) {
        // The saved-page layout: the headline right under the viewing date.
        (Some(_), _) => (from..date_i.unwrap_or(n)).find(|&i| is_anchored_title(lines[i])),
        // Otherwise the headline is the last line above the date (and its byline).
        (None, Some(d)) => (from..d).rev().find(|&i| is_headline_candidate(lines[i])),
        (None, None) => None,
    }
    .or_else(|| (from..n).find(|&i| is_headline_candidate(lines[i])));
    let t = h.title.unwrap_or(from);
    let mut i = t + 1;
    // `이소연 기자` / `입력 2024. 6. 18. 15:12` / `댓글 1` / `주소복사가 완료되었습니다`
    while i < lines.len() && i < t + 12 {
        let l = lines[i];
        if let Some(r) = reporter_only(l) {
            h.reporter.get_or_insert(r);
        } else if date::is_date_line(l) {
            h.dates.extend(date::find_dates(l));
        } else if !(l.is_empty() || is_chrome(l)) {
            break;
        }
        i += 1;
    }
    h.start = skip_header(lines, i);
    h
}

fn press_header(lines: &[&str]) -> Header {
    let mut h = Header::default();
    let n = lines.len().min(100);
    let mut top = 0;
    if let Some((i, p)) = lines.iter().take(6).enumerate().find_map(|(i, l)| l.strip_suffix(" 로고").map(|p| (i, p)))
    {
        h.press = Some(p.trim().to_owned());
        top = i + 1;
    }
    // Past the menu: `전체메뉴 버튼`, the section row.
    let mut i = top;
    while i < n && (lines[i].is_empty() || is_chrome(lines[i])) {
        i += 1;
    }
    let date_i = first_date_line(lines, i, n);
    let header_end = date_i
        .or_else(|| (i..n).find(|&k| reporter_only(lines[k]).is_some() || bp::is_button_row(lines[k])))
        .unwrap_or(i);
    let mut heads: Vec<usize> = (i..header_end).filter(|&k| is_anchored_title(lines[k])).collect();
    if heads.len() >= 2 && (bp::is_section_label(lines[heads[0]]) || short_label(lines[heads[0]])) {
        h.category = Some(lines[heads[0]].to_owned());
        heads.remove(0);
    }
    if let Some((&t, subs)) = heads.split_first() {
        h.title = Some(t);
        h.subtitles = subs.iter().map(|&k| lines[k].to_owned()).collect();
    }
    let mut s = header_end;
    if let Some(d) = date_i {
        let (found, end) = date_block(lines, d);
        h.dates = found;
        s = end;
    }
    for &l in &lines[s..(s + 4).min(lines.len())] {
        if let Some(r) = reporter_only(l) {
            h.reporter = Some(r);
            break;
        }
    }
    h.start = skip_header(lines, s);
    h
}

/// A headline candidate that is not a menu entry (`정치`, `IT/과학`).
fn is_headline_candidate(l: &str) -> bool {
    is_title_candidate(l) && !bp::is_section_label(l) && !l.ends_with(" 언론사 이미지")
}

/// A one-word section label such as `사회` or `IT/과학` (not a headline).
fn short_label(l: &str) -> bool {
    nchars(l) <= 6 && !l.contains(' ') && !ends_sentence(l) && !l.chars().any(|c| c.is_ascii_digit())
}

/// The file name without extension, a trailing `_0001234` and a browser's `_ 네이버 뉴스`.
pub fn file_stem(name: &str) -> String {
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    let mut s = stem.trim();
    for suffix in [" _ 네이버 뉴스", " : 네이버 뉴스", " - 네이버 뉴스", " _ 다음뉴스", " - 다음뉴스", " | 다음뉴스"]
    {
        if let Some(x) = s.strip_suffix(suffix) {
            s = x;
        }
    }
    if let Some(i) = s.rfind('_') {
        let tail = &s[i + 1..];
        if !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit()) && i > 0 {
            s = &s[..i];
        }
    }
    s.trim().to_owned()
}

/// Characters a browser cannot put in a file name, replaced the way browsers do.
fn filename_char(c: char) -> char {
    if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') { '_' } else { c }
}

fn filename_form(s: &str) -> String {
    s.chars().map(filename_char).collect()
}

/// `filename_form(line).starts_with(prefix)`, without building the line's form.
fn starts_with_filename_form(line: &str, prefix: &str) -> bool {
    let mut l = line.chars().map(filename_char);
    prefix.chars().all(|p| l.next() == Some(p))
}

fn generic_header(lines: &[&str], name: &str) -> Header {
    let mut h = Header::default();
    let n = lines.len().min(150);
    let stem = file_stem(name);
    let stem_f = filename_form(&stem);
    let labels: Vec<Option<date::Label>> = lines[..n].iter().map(|l| date::date_line_label(l)).collect();
    let date_i = labels.iter().position(|l| l.is_some_and(|l| l != date::Label::Modified));
    // Else the first labeled date line, else the first date line (as `first_date_line`).
    let date_i = date_i
        .or_else(|| labels.iter().position(|l| l.is_some_and(|l| l != date::Label::None)))
        .or_else(|| labels.iter().position(Option::is_some));
    // Title: the line the file is named after, else the line before the date line, else the
    // first line that reads like a headline.
    if nchars(&stem_f) >= 8 {
        h.title = (0..n).find(|&i| {
            let l = lines[i];
            !l.is_empty() && nchars(l) <= 300 && starts_with_filename_form(l, &stem_f)
        });
    }
    if h.title.is_none()
        && let Some(d) = date_i
    {
        h.title = (d.saturating_sub(8)..d).rev().find(|&i| is_title_candidate(lines[i]) && !para_like(lines[i]));
    }
    if h.title.is_none() {
        let ok = |l: &str| {
            is_title_candidate(l)
                && !bp::is_menu_row(l)
                && !is_copyright(l)
                && !is_caption(l)
                && !l.contains(" > ")
                && !l.contains(" › ")
        };
        h.title = (0..n)
            .find(|&i| ok(lines[i]) && !para_like(lines[i]) && nchars(lines[i]) >= 4)
            .or_else(|| (0..n).find(|&i| ok(lines[i])));
    }
    if let Some(d) = date_i {
        let (found, _) = date_block(lines, d);
        h.dates = found;
    }
    if h.dates.is_empty() {
        // A published date printed after other words on a short line (`서지원 기자입력 2023. 11.
        // 14. 09:05수정 …`, spans run together when a page was printed or copied).
        h.dates = (0..n)
            .filter(|&i| !lines[i].is_empty() && nchars(lines[i]) <= 100)
            .map(|i| date::find_dates(lines[i]))
            .find(|f| f.iter().any(|d| d.label == date::Label::Published && d.has_time))
            .unwrap_or_default();
    }
    h.month_day = (0..n.min(15)).find_map(|i| date::parse_month_day(lines[i]));
    h.start = h.title.map_or(0, |t| t + 1);
    h
}

/// A field a labeled header line gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Published,
    Modified,
    Press,
    Reporter,
    Url,
    Category,
}

/// Labels of the header lines of notes and scraper exports (`제목: …`), lower-cased.
const FIELD_LABELS: &[(&str, Field)] = &[
    ("제목", Field::Title),
    ("기사제목", Field::Title),
    ("헤드라인", Field::Title),
    ("title", Field::Title),
    ("headline", Field::Title),
    ("날짜", Field::Published),
    ("일자", Field::Published),
    ("일시", Field::Published),
    ("입력", Field::Published),
    ("기사입력", Field::Published),
    ("작성일", Field::Published),
    ("등록일", Field::Published),
    ("발행일", Field::Published),
    ("보도일", Field::Published),
    ("date", Field::Published),
    ("published", Field::Published),
    ("수정", Field::Modified),
    ("수정일", Field::Modified),
    ("최종수정", Field::Modified),
    ("updated", Field::Modified),
    ("언론사", Field::Press),
    ("매체", Field::Press),
    ("신문사", Field::Press),
    ("출처", Field::Press),
    ("press", Field::Press),
    ("source", Field::Press),
    ("publisher", Field::Press),
    ("기자", Field::Reporter),
    ("작성자", Field::Reporter),
    ("글쓴이", Field::Reporter),
    ("reporter", Field::Reporter),
    ("author", Field::Reporter),
    ("byline", Field::Reporter),
    ("url", Field::Url),
    ("주소", Field::Url),
    ("링크", Field::Url),
    ("원문", Field::Url),
    ("link", Field::Url),
    ("분류", Field::Category),
    ("섹션", Field::Category),
    ("카테고리", Field::Category),
    ("category", Field::Category),
    ("section", Field::Category),
];

/// `label: value` (also `：` and `label : value`) with a known label: the field and value
/// (empty when the field was left blank).
fn labeled_line(l: &str) -> Option<(Field, &str)> {
    let (label, value) = l.split_once([':', '：'])?;
    let label = label.trim().trim_start_matches(['[', '■', '▶', '-', '*']).trim_end_matches(']').trim();
    let value = value.trim();
    if label.chars().count() > 12 {
        return None;
    }
    let lower = label.to_lowercase();
    FIELD_LABELS.iter().find(|(name, _)| *name == lower).map(|&(_, f)| (f, value))
}

/// The fields of a text that opens with labeled lines (`제목: …` then `날짜: …` …): the
/// lines and where the body may start. Only a block at the very top counts, holding the
/// title or at least two fields: a `기자: …` line further down is an interview's question.
fn labeled_header<'a>(lines: &[&'a str]) -> Option<(Vec<(Field, &'a str)>, usize)> {
    let first = lines.iter().position(|l| !l.is_empty())?;
    let mut fields = Vec::new();
    let (mut end, mut labeled) = (first, 0);
    for (i, l) in lines.iter().enumerate().skip(first).take(20) {
        if l.is_empty() {
            continue;
        }
        let Some(f) = labeled_line(l) else { break };
        if !f.1.is_empty() {
            fields.push(f);
        }
        (end, labeled) = (i + 1, labeled + 1);
    }
    let has_title = fields.iter().any(|(f, _)| *f == Field::Title);
    (has_title || labeled >= 2).then_some((fields, end))
}

/// The densest block of paragraph lines from `from`: (start, end).
fn densest_block(lines: &[&str], from: usize) -> Option<(usize, usize)> {
    let (mut best, mut cur) = (0i64, 0i64);
    let mut cur_start = from;
    let mut range = None;
    for (i, &l) in lines.iter().enumerate().skip(from) {
        let score = if l.is_empty() {
            0
        } else if is_copyright(l) || is_end_marker(l) || is_chrome(l) {
            -80
        } else if is_caption(l) || is_image_note(l) {
            -5
        } else if para_like(l) {
            nchars(l) as i64
        } else {
            -(15 + nchars(l) as i64 / 4)
        };
        cur += score;
        if cur <= 0 {
            cur = 0;
            cur_start = i + 1;
        } else if cur > best {
            best = cur;
            range = Some((cur_start, i + 1));
        }
    }
    range
}

/// The date lines a header found, as candidates.
fn push_dates(c: &mut Candidates, found: &[Found]) {
    for f in found {
        let kind = match f.label {
            date::Label::Published => DateKind::Published,
            date::Label::Modified => DateKind::Modified,
            date::Label::None => DateKind::Unlabeled,
        };
        c.date(f.datetime, kind, f.has_time, Source::Page);
    }
}

/// The body of `lines` from `start` (to `limit`, when the article cannot run past it).
fn body_of(
    lines: &[&str],
    start: usize,
    limit: Option<usize>,
    layout: Layout,
    press_line: Option<String>,
    fallback: bool,
) -> Body {
    let start = start.min(lines.len());
    Body {
        source: Some(Source::Page),
        lines: lines[start..].iter().map(|l| Line::text(*l)).collect(),
        limit: limit.map(|l| l.saturating_sub(start)),
        hints: BodyHints {
            press_line,
            naver_summary: layout == Layout::Naver,
            arrow_captions: matches!(layout, Layout::Press | Layout::Generic),
            repeated_title: matches!(layout, Layout::Press | Layout::Generic),
            press_after_byline: layout == Layout::Daum,
            lead_subtitles: false,
        },
        layout: fallback.then(|| layout.name().to_owned()),
        ..Body::default()
    }
}

/// Reads a page saved as text.
pub fn read(text: &str, name: &str) -> Result<Candidates, ExtractError> {
    let lines: Vec<&str> = super::boilerplate::lines(text).map(clean).collect();
    if lines.iter().all(|l| l.is_empty()) {
        return Err(ExtractError::Empty);
    }
    let layout = detect(&lines);
    let mut h = match layout {
        Layout::Naver => naver_header(&lines),
        Layout::Daum => daum_header(&lines),
        Layout::Press => press_header(&lines),
        Layout::Generic => generic_header(&lines, name),
    };
    let mut c = Candidates { layout: layout.name().to_owned(), ..Candidates::default() };
    let labeled = if layout == Layout::Generic { labeled_header(&lines) } else { None };
    if let Some((fields, end)) = &labeled {
        h.start = h.start.max(*end);
        for &(field, value) in fields {
            match field {
                Field::Title => c.title(bp::squash(value), Source::Page),
                Field::Published | Field::Modified => {
                    let kind = if field == Field::Modified { DateKind::Modified } else { DateKind::Published };
                    for f in date::find_dates(value) {
                        c.date(f.datetime, kind, f.has_time, Source::Page);
                    }
                }
                Field::Press => c.press(value, Source::Page),
                // A byline field's value, as a record's `reporter` is read.
                Field::Reporter => {
                    let b = parse_byline_value(value);
                    for n in b.names {
                        c.reporter(n, Source::Page);
                    }
                    if let Some(e) = b.email {
                        c.email(e, Source::Page);
                    }
                }
                Field::Url => c.url(value, Source::Page),
                Field::Category => c.category(value, Source::Page),
            }
        }
        // What the labels gave wins over the generic guesses, and no labeled line is a
        // headline (a template's blank `제목:` leaves the title to the file name).
        if fields.iter().any(|(f, _)| *f == Field::Title) || h.title.is_some_and(|t| t < *end) {
            h.title = None;
        }
        if fields.iter().any(|(f, _)| matches!(f, Field::Published | Field::Modified)) {
            h.dates.clear();
        }
    }
    if let Some(i) = h.title {
        c.title(bp::squash(lines[i]), Source::Page);
    }
    c.subtitles = h.subtitles.clone();
    push_dates(&mut c, &h.dates);
    c.month_day = h.month_day;
    let repeated = if layout == Layout::Daum { repeated_short_line(&lines) } else { None };
    if let Some(p) = &h.press {
        c.press(p.clone(), Source::Page);
    }
    if let Some(p) = &repeated {
        c.press(p.clone(), Source::Page);
    }
    if let Some(r) = &h.reporter {
        c.reporter(r.clone(), Source::Page);
    }
    if let Some(cat) = &h.category {
        c.category(cat.clone(), Source::Page);
    } else if let Some(cat) = lines.iter().rev().take(120).find_map(|l| section_note(l)) {
        c.category(cat, Source::Page);
    }
    let press_line = h.press.clone().or(repeated);
    // The layout's body; a page in no known layout: the densest block of prose.
    if layout == Layout::Generic {
        if let Some((s, e)) = densest_block(&lines, h.start) {
            c.bodies.push(body_of(&lines, s, Some(e), layout, press_line.clone(), false));
        }
    } else {
        c.bodies.push(body_of(&lines, h.start, None, layout, press_line.clone(), false));
        // Where the layout's landmarks were not where expected: the page as a generic one,
        // read only if the layout's body is thin.
        c.deferred = Some(DeferredBody { text: text.to_owned(), name: name.to_owned(), press_line });
    }
    if c.titles.is_empty() && c.bodies.is_empty() {
        return Err(ExtractError::NoArticle("no headline or paragraphs found".to_owned()));
    }
    Ok(c)
}

/// A page in a known layout read as a generic one (its headline and dates count only if the
/// layout gave none): the body alternative [`read`] defers.
pub fn fallback_body(d: &DeferredBody) -> Option<Body> {
    let lines: Vec<&str> = super::boilerplate::lines(&d.text).map(clean).collect();
    let (s, e) = densest_block(&lines, 0)?;
    let g = generic_header(&lines, &d.name);
    let mut b = body_of(&lines, s, Some(e), Layout::Generic, d.press_line.clone(), true);
    b.title = g.title.map(|i| bp::squash(lines[i]));
    let mut dc = Candidates::default();
    push_dates(&mut dc, &g.dates);
    b.dates = dc.dates;
    Some(b)
}

/// A short line (a press name) that stands alone at least twice in the page.
fn repeated_short_line(lines: &[&str]) -> Option<String> {
    // (count, first position): the most frequent, then the earliest, for a stable answer.
    let mut counts: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
    for (i, &l) in lines.iter().enumerate() {
        let alone = i > 0 && lines[i - 1].is_empty() && lines.get(i + 1).is_none_or(|n| n.is_empty());
        if !alone || l.is_empty() || nchars(l) > 15 || ends_sentence(l) || is_chrome(l) || l.contains(' ') {
            continue;
        }
        counts.entry(l).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .filter(|&(_, (c, _))| c >= 2)
        .max_by_key(|&(_, (c, first))| (c, std::cmp::Reverse(first)))
        .map(|(s, _)| s.to_owned())
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};

    use crate::ingest::{Article, DateSource, ExtractError, Format};

    fn kst(s: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(s).ok()
    }

    fn extract(text: &str, name: &str, modified: Option<DateTime<FixedOffset>>) -> Result<Article, ExtractError> {
        crate::ingest::first_article(Format::Txt, text, name, modified)
    }

    fn run(text: &str, name: &str) -> Article {
        match extract(text, name, kst("2024-06-19T09:00:00+09:00")) {
            Ok(a) => a,
            Err(e) => panic!("{name}: {e}"),
        }
    }

    fn date(a: &Article) -> String {
        a.date.map(|d| d.datetime.to_rfc3339()).unwrap_or_default()
    }

    const DAUM_SEED: &str = "컨텐츠 바로가기

06.18 (화)

메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용

댓글 1
주소복사가 완료되었습니다

- 이재용 삼성전자 회장, 글로벌 빅테크와 네트워크 강화 주력

- 아마존·퀄컴 CEO 회동부터 저커버그 자택서 단독 미팅

쿠키뉴스

11일(현지시간) 이재용 삼성전자 회장이 마크 저커버그 메타 CEO 자택에서 기념 사진을 촬영하는 모습. 삼성전자

<이미지를 클릭하시면 크게 보실 수 있습니다>



이재용 삼성전자 회장이 미국 출장에서 글로벌 빅테크 CEO들과 만나 미래 산업 분야 협력 방안을 논의했다.

15일 업계에 따르면 이 회장은 2년 연속 미국 출장을 통해 글로벌 빅테크와 네트워크 강화에 주력하고 있다.

쿠키뉴스

10일(현지시간) 미국 새너제이에 있는 삼성전자 DSA에서 기념 사진을 촬영하는 모습. 삼성전자

<이미지를 클릭하시면 크게 보실 수 있습니다>



삼성의 오랜 동반자인 퀄컴과도 만나 협력을 다졌다.

이소연 기자 soyeon@kukinews.com

쿠키뉴스


기사가 속한 카테고리는 언론사가 분류합니다.
언론사는 한 기사를 두 개 이상의 카테고리로 분류할 수 있습니다.";

    #[test]
    fn daum_seed_layout() {
        let a = run(DAUM_SEED, "kukinews-2024-06-18-lee-jaeyong.txt");
        assert_eq!(a.layout, "daum");
        assert_eq!(a.title, "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용");
        assert_eq!(a.press.as_deref(), Some("쿠키뉴스"));
        assert_eq!(a.reporter.as_deref(), Some("이소연"));
        assert_eq!(a.email.as_deref(), Some("soyeon@kukinews.com"));
        assert_eq!(
            a.subtitles,
            [
                "이재용 삼성전자 회장, 글로벌 빅테크와 네트워크 강화 주력",
                "아마존·퀄컴 CEO 회동부터 저커버그 자택서 단독 미팅"
            ]
        );
        assert_eq!(
            a.body,
            "이재용 삼성전자 회장이 미국 출장에서 글로벌 빅테크 CEO들과 만나 미래 산업 분야 협력 방안을 논의했다.\n\
             15일 업계에 따르면 이 회장은 2년 연속 미국 출장을 통해 글로벌 빅테크와 네트워크 강화에 주력하고 있다.\n\
             삼성의 오랜 동반자인 퀄컴과도 만나 협력을 다졌다."
        );
        let d = a.date.expect("date");
        assert_eq!(d.source, DateSource::InferredYear);
        assert_eq!(date(&a), "2024-06-18T00:00:00+09:00");
        assert_eq!(a.url, None);
        assert_eq!(a.category, None);
        // Without the byline, the press line is still known (it stands alone three times).
        let b = run(&DAUM_SEED.replace("이소연 기자 soyeon@kukinews.com\n", ""), "x.txt");
        assert_eq!(b.press.as_deref(), Some("쿠키뉴스"));
        assert_eq!(b.body, a.body);
    }

    #[test]
    fn daum_generated_layout() {
        let t = "컨텐츠 바로가기\n\n12.18 (수)\n\n장학금 규모도 처음에 논의되던 정책보다 이번 자치구\n\n이희호 기자\n입력 2019. 12. 17. 13:13\n\n\
                 댓글 149\n주소복사가 완료되었습니다\n\n경향신문\n\n이 대표단은 아시아 뿐만 아니라 선진 7개국 이외 국가중 대통령. 뉴시스\n\n\
                 <이미지를 클릭하시면 크게 보실 수 있습니다>\n\n\n\n장학금 규모도 처음에 논의되던 정책보다 이번 자치구 축소된 것으로 드러났다.\n\n\
                 이 정두병은 경축사를 통해 공정한 사회와 친서민정책을 강조했다.\n\n이희호 기자 heeho.lee@khan.co.kr\n\n경향신문\n\n\n\
                 기사가 속한 카테고리는 언론사가 분류합니다.\n언론사는 한 기사를 두 개 이상의 카테고리로 분류할 수 있습니다.\n";
        let a = run(t, "khan_20191217_0000844.txt");
        assert_eq!(a.title, "장학금 규모도 처음에 논의되던 정책보다 이번 자치구");
        assert_eq!(date(&a), "2019-12-17T13:13:00+09:00");
        assert_eq!(a.date.map(|d| d.source), Some(DateSource::Page));
        assert_eq!(a.press.as_deref(), Some("경향신문"));
        assert_eq!(a.reporter.as_deref(), Some("이희호"));
        assert_eq!(a.email.as_deref(), Some("heeho.lee@khan.co.kr"));
        assert_eq!(
            a.body,
            "장학금 규모도 처음에 논의되던 정책보다 이번 자치구 축소된 것으로 드러났다.\n이 정두병은 경축사를 통해 공정한 사회와 친서민정책을 강조했다."
        );
        // The glued 입력/수정 form.
        let t2 = t.replace("이희호 기자\n입력 2019. 12. 17. 13:13", "입력 2019. 12. 17. 13:13수정 2019. 12. 17. 13:50");
        assert_eq!(date(&run(&t2, "x.txt")), "2019-12-17T13:13:00+09:00");
    }

    const NAVER_NEW: &str = "본문 바로가기\nNAVER 뉴스\n뉴스홈\n정치\n경제\n\n전자신문\n전자신문 구독\n\n\
삼성전자, AI 서버 수요에 HBM 출하 ‘껑충’…2분기 메모리 흑자 폭 커진다\n\n\
입력2024.07.05. 오전 10:42  수정2024.07.05. 오전 11:20  기사원문\n정태윤 기자\n추천\n댓글12\n본문 요약봇\n\
텍스트 음성 변환 서비스 사용하기\n글자 크기 변경하기\nSNS 보내기\n인쇄하기\n\n\
HBM3E 12단 고객사 검증 속도…평택 D램 라인 일부 전환\n증권가 “메모리 영업이익 4조원 안팎”\n\n\
삼성전자 평택캠퍼스 전경 /사진=삼성전자\n\n\
삼성전자가 인공지능(AI) 서버용 고대역폭메모리(HBM) 출하를 크게 늘리면서 2분기 메모리 사업 수익성이 시장 예상을 웃돌 것으로 보인다.\n\n\
삼성전자는 이달 말 2분기 확정 실적을 발표한다.\n\n정태윤 기자 taeyun@etnews.com\n\n\
Copyright ⓒ 전자신문. All rights reserved. 무단 전재 및 재배포 금지.\n\n이 기사는 언론사에서 경제 섹션으로 분류했습니다.\n\
기사 섹션 분류 안내\n닫기\n\n전자신문 헤드라인\n더보기\nLG전자, 2분기 매출 역대 최대…B2B·구독 사업 ‘쌍끌이’\n";

    #[test]
    fn a_text_opening_with_labeled_lines_takes_its_fields_from_them() {
        let t = "제목: 삼성전자, 평택에 반도체 새 라인 짓는다\n날짜: 2024-06-01 09:30\n언론사 : 연합뉴스\n\
                 기자：김민수 기자 (minsoo@yna.co.kr)\nURL: https://www.yna.co.kr/view/AKR20240601000100003\n분류: 경제\n\n\
                 삼성전자가 반도체 투자를 크게 늘리기로 했다. 회사는 평택 공장에 새 라인을 짓는다고 1일 밝혔다.\n\n\
                 업계는 이번 투자가 메모리 시장의 회복을 앞당길 것으로 본다고 전했다.\n";
        let a = run(t, "메모.txt");
        assert_eq!(a.title, "삼성전자, 평택에 반도체 새 라인 짓는다");
        assert_eq!(date(&a), "2024-06-01T09:30:00+09:00");
        assert_eq!(a.press.as_deref(), Some("연합뉴스"));
        assert_eq!(a.reporter.as_deref(), Some("김민수"));
        assert_eq!(a.email.as_deref(), Some("minsoo@yna.co.kr"));
        assert_eq!(a.url.as_deref(), Some("https://www.yna.co.kr/view/AKR20240601000100003"));
        assert_eq!(a.category.as_deref(), Some("경제"));
        assert!(a.body.starts_with("삼성전자가 반도체 투자를") && !a.body.contains("제목"), "{}", a.body);
        // English labels, and a date only.
        let t = "Title: 한은, 기준금리 동결\nDate: 2024년 7월 11일\n\n\
                 한국은행이 기준금리를 연 3.5%로 동결했다. 금융통화위원회는 11일 회의에서 이같이 결정했다.\n";
        let a = run(t, "note.txt");
        assert_eq!((a.title.as_str(), date(&a).as_str()), ("한은, 기준금리 동결", "2024-07-11T00:00:00+09:00"));
        // A template left blank: no labeled line becomes the headline.
        let t = "제목:\n날짜:\n\n본문이 이어진다. 충분히 긴 문장으로 이루어진 본문이다. 두 번째 문장도 있다.\n";
        let a = run(t, "빈 양식.txt");
        assert!(!a.title.contains("제목"), "{}", a.title);
        assert!(a.body.starts_with("본문이 이어진다."), "{}", a.body);
    }

    #[test]
    fn an_interview_s_labeled_lines_are_not_a_header() {
        // The headline first: a `기자:` question below it is the interview's.
        let t = "“반도체 겨울은 끝났다” 업계 원로가 본 시장\n\n기자: 올해 시장을 어떻게 보십니까?\n\n\
                 답: 메모리 가격이 바닥을 지나 오르기 시작했다. 하반기에는 공급이 빠듯해질 것으로 본다.\n";
        let a = run(t, "인터뷰.txt");
        assert_eq!(a.title, "“반도체 겨울은 끝났다” 업계 원로가 본 시장");
        assert_eq!(a.reporter, None);
        // One labeled line that is not a title, at the top: not a header either.
        let t = "기자: 올해 시장을 어떻게 보십니까?\n\n답: 메모리 가격이 바닥을 지나 오르기 시작했다. 하반기에는 공급이 빠듯해질 것이다.\n";
        assert_eq!(super::labeled_header(&t.lines().collect::<Vec<_>>()), None);
    }

    #[test]
    fn naver_layouts() {
        let a = run(NAVER_NEW, "etnews_20240705_0003211457.txt");
        assert_eq!(a.layout, "naver");
        assert_eq!(a.title, "삼성전자, AI 서버 수요에 HBM 출하 ‘껑충’…2분기 메모리 흑자 폭 커진다");
        assert_eq!(date(&a), "2024-07-05T10:42:00+09:00");
        assert_eq!(a.press.as_deref(), Some("전자신문"));
        assert_eq!(a.reporter.as_deref(), Some("정태윤"));
        assert_eq!(a.email.as_deref(), Some("taeyun@etnews.com"));
        assert_eq!(a.category.as_deref(), Some("경제"));
        assert_eq!(
            a.subtitles,
            ["HBM3E 12단 고객사 검증 속도…평택 D램 라인 일부 전환", "증권가 “메모리 영업이익 4조원 안팎”"]
        );
        assert_eq!(
            a.body,
            "삼성전자가 인공지능(AI) 서버용 고대역폭메모리(HBM) 출하를 크게 늘리면서 2분기 메모리 사업 수익성이 시장 예상을 웃돌 것으로 보인다.\n\
             삼성전자는 이달 말 2분기 확정 실적을 발표한다."
        );

        let old = "본문 바로가기\nNAVER 뉴스\n\n연합뉴스\n연합뉴스 구독\n\n\
與野, 민생법안 27건 본회의 처리 합의…반도체특별법은 추후 논의\n\n기사입력 2025.02.12. 오후 3:12\n최종수정 2025.02.12. 오후 4:05\n\
기사원문 스크랩\n본문듣기 설정\n글자 크기 변경\n공유하기\n\n김민수 기자\n\n\
여야 원내대표 회동 (서울=연합뉴스) 12일 오전 서울 여의도 국회의장실에서 여야 원내대표가 회동하고 있다. [공동취재]\n\n\
(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 오는 20일 본회의에서 처리하기로 합의했다.\n\n\
여야는 국정협의체 실무회의도 다음 주 중 열기로 했다.\n\nminsoo@yna.co.kr\n\n\
<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>\n\n이 기사는 언론사에서 정치 섹션으로 분류했습니다.\n";
        let a = run(old, "x.txt");
        assert_eq!(a.title, "與野, 민생법안 27건 본회의 처리 합의…반도체특별법은 추후 논의");
        assert_eq!(date(&a), "2025-02-12T15:12:00+09:00");
        assert_eq!(a.press.as_deref(), Some("연합뉴스"));
        assert_eq!(a.reporter.as_deref(), Some("김민수"));
        assert_eq!(a.email.as_deref(), Some("minsoo@yna.co.kr"));
        assert_eq!(a.category.as_deref(), Some("정치"));
        assert!(a.subtitles.is_empty());
        assert_eq!(
            a.body,
            "(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 오는 20일 본회의에서 처리하기로 합의했다.\n\
             여야는 국정협의체 실무회의도 다음 주 중 열기로 했다."
        );
    }

    #[test]
    fn press_layouts() {
        let t = "한겨레 로고\n전체메뉴 버튼\n전체기사  정치  경제  사회  국제  문화  스포츠  연예  오피니언  포토  영상\n\n사회\n\
[르포] 36도 폭염 속 쪽방촌…“선풍기 하나로 여름 버텨요”\n서울 돈의동 쪽방촌 가보니…창문 없는 1평 방 ‘찜통’\n\
입력 2024-08-07 15:12\n수정 2024-08-07 18:30\n윤다혜 기자\n페이스북 트위터 카카오톡 URL복사 글씨키우기 글씨줄이기 인쇄\n\n\
▲ 6일 오후 서울 종로구 돈의동 쪽방촌 골목에서 한 주민이 부채질을 하고 있다. 윤다혜 기자\n\n\
서울 낮 최고기온이 36도까지 오른 지난 6일 오후, 쪽방촌 골목은 숨이 턱턱 막혔다.\n\
그는 “그래도 찾아와 주는 사람들이 있으니 견딘다”고 했다.\n윤다혜 기자 dahye@hani.co.kr\n\n\
ⓒ 한겨레신문사 : 무단전재 및 재배포 금지\n\n관련기사\n· 온열질환 사망자 벌써 20명…지난해보다 빨라\n";
        let a = run(t, "hani_20240807_1152364.txt");
        assert_eq!(a.layout, "press");
        assert_eq!(a.title, "[르포] 36도 폭염 속 쪽방촌…“선풍기 하나로 여름 버텨요”");
        assert_eq!(a.category.as_deref(), Some("사회"));
        assert_eq!(a.subtitles, ["서울 돈의동 쪽방촌 가보니…창문 없는 1평 방 ‘찜통’"]);
        assert_eq!(date(&a), "2024-08-07T15:12:00+09:00");
        assert_eq!(a.press.as_deref(), Some("한겨레"));
        assert_eq!(a.reporter.as_deref(), Some("윤다혜"));
        assert_eq!(a.email.as_deref(), Some("dahye@hani.co.kr"));
        assert_eq!(
            a.body,
            "서울 낮 최고기온이 36도까지 오른 지난 6일 오후, 쪽방촌 골목은 숨이 턱턱 막혔다.\n\
             그는 “그래도 찾아와 주는 사람들이 있으니 견딘다”고 했다."
        );
        for (line, want) in [
            ("기사입력 2023-09-23 21:48 | 최종수정 2023-09-23 22:10", "2023-09-23T21:48:00+09:00"),
            ("승인 2018.02.18 15:15", "2018-02-18T15:15:00+09:00"),
            ("입력 : 2023-04-07 16:31:05 수정 : 2023-04-07 17:02:44", "2023-04-07T16:31:05+09:00"),
        ] {
            let t2 = t.replace("입력 2024-08-07 15:12\n수정 2024-08-07 18:30", line);
            assert_eq!(date(&run(&t2, "x.txt")), want, "{line}");
        }
        // A bracket dateline stays in the body.
        let t3 = t.replace("서울 낮 최고기온이", "[한겨레 윤다혜 기자] 서울 낮 최고기온이");
        assert!(run(&t3, "x.txt").body.starts_with("[한겨레 윤다혜 기자] 서울 낮"));
    }

    #[test]
    fn generic_page() {
        let t = "홈 > 뉴스 > 경제\n\n반도체 수출 8개월 연속 증가…6월 134억달러\n2024년 7월 1일 오전 9시 30분\n\n\
반도체 수출이 8개월 연속 늘었다. 산업통상자원부는 1일 6월 반도체 수출이 134억달러를 기록했다고 밝혔다.\n\
메모리 가격이 오르고 AI 서버 수요가 늘어난 덕분이다. 정부는 하반기에도 증가세가 이어질 것으로 내다봤다.\n\
김민수 기자 minsoo@example.co.kr\n\n많이 본 뉴스\n코스피, 외국인 순매수에 2860선 회복\n";
        let a = run(t, "반도체 수출 8개월 연속 증가…6월 134억달러.txt");
        assert_eq!(a.layout, "generic");
        assert_eq!(a.title, "반도체 수출 8개월 연속 증가…6월 134억달러");
        assert_eq!(date(&a), "2024-07-01T09:30:00+09:00");
        assert_eq!(a.reporter.as_deref(), Some("김민수"));
        assert_eq!(a.email.as_deref(), Some("minsoo@example.co.kr"));
        assert_eq!(a.body.lines().count(), 2);
        assert!(a.body.starts_with("반도체 수출이 8개월"));
    }

    #[test]
    fn no_date_uses_file_time() {
        let a = run("그냥 메모\n\n오늘 읽은 기사의 요약이다. 내용은 길지 않다.\n", "memo.txt");
        assert_eq!(a.date.map(|d| d.source), Some(DateSource::FileTime));
        assert!(!a.body.is_empty());
    }

    #[test]
    fn naver_copied_without_blank_lines() {
        // The current Naver page selected and copied: no blank lines, counts on their own lines,
        // the press and `구독` apart, the byline twice.
        let t = "본문 바로가기\nNAVER\n뉴스\n엔터\n스포츠\n정치\n경제\n알고리즘 안내\n정정보도 모음\n연합뉴스\n연합뉴스\n구독\n\
연합뉴스 언론사 이미지\n與野, 민생법안 27건 본회의 처리 합의\n입력2025.02.12. 오후 3:12  수정2025.02.12. 오후 4:05 기사원문\n\
김민수 기자\n김민수 기자\n 추천\n 3\n 댓글\n 12\n본문 요약봇\n텍스트 음성 변환 서비스 사용하기\n글자 크기 변경하기\nSNS 보내기\n인쇄하기\n\
여야 원내대표 회동\n(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 처리하기로 합의했다.\n\
여야는 국정협의체 실무회의도 다음 주 중 열기로 했다.\nminsoo@yna.co.kr\n\
저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지\n김민수 기자\n연합뉴스 구독\n";
        let a = run(t, "x.txt");
        assert_eq!(a.layout, "naver");
        assert_eq!(a.title, "與野, 민생법안 27건 본회의 처리 합의");
        assert_eq!(date(&a), "2025-02-12T15:12:00+09:00");
        assert_eq!(a.press.as_deref(), Some("연합뉴스"));
        assert_eq!(a.reporter.as_deref(), Some("김민수"));
        assert_eq!(a.email.as_deref(), Some("minsoo@yna.co.kr"));
        assert_eq!(
            a.body,
            "(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 처리하기로 합의했다.\n\
             여야는 국정협의체 실무회의도 다음 주 중 열기로 했다."
        );
    }

    #[test]
    fn daum_without_viewing_date() {
        let t = "컨텐츠 바로가기\n메뉴 바로가기\n다음뉴스\n홈\n사회\n정치\n\n쿠키뉴스\n\
메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용\n이소연 기자\n입력 2024. 6. 18. 09:00\n댓글 1\n번역 설정\n\
글씨크기 조절하기\n인쇄하기\n\n- 이재용 삼성전자 회장, 글로벌 빅테크와 네트워크 강화 주력\n\n쿠키뉴스\n\n\
이재용 삼성전자 회장이 미국 출장에서 글로벌 빅테크 CEO들과 만나 협력 방안을 논의했다.\n\n\
삼성의 오랜 동반자인 퀄컴과도 만나 협력을 다졌다.\n\n이소연 기자 soyeon@kukinews.com\n\n쿠키뉴스\n";
        let a = run(t, "x.txt");
        assert_eq!(a.layout, "daum");
        assert_eq!(a.title, "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용");
        assert_eq!(date(&a), "2024-06-18T09:00:00+09:00");
        assert_eq!(a.press.as_deref(), Some("쿠키뉴스"));
        assert_eq!(a.subtitles, ["이재용 삼성전자 회장, 글로벌 빅테크와 네트워크 강화 주력"]);
        assert_eq!(a.body.lines().count(), 2);
    }

    #[test]
    fn subtitle_and_paragraph_lookalikes() {
        // A Naver summary line that looks like a date, and one that equals the headline.
        let t = NAVER_NEW.replace(
            "HBM3E 12단 고객사 검증 속도…평택 D램 라인 일부 전환\n증권가 “메모리 영업이익 4조원 안팎”",
            "1990년 10월 4일 오후 6시 40분쯤\n삼성전자, AI 서버 수요에 HBM 출하 ‘껑충’…2분기 메모리 흑자 폭 커진다",
        );
        let a = run(&t, "x.txt");
        assert_eq!(
            a.subtitles,
            ["1990년 10월 4일 오후 6시 40분쯤", "삼성전자, AI 서버 수요에 HBM 출하 ‘껑충’…2분기 메모리 흑자 폭 커진다"]
        );
        assert!(a.body.starts_with("삼성전자가 인공지능(AI)"));
        // A first paragraph that opens with `- ` and ends like a sentence stays in the body.
        let d = DAUM_SEED.replace(
            "이재용 삼성전자 회장이 미국 출장에서",
            "- 움직임 재현과 함께 공간의 차이 인지. 이재용 삼성전자 회장이 미국 출장에서",
        );
        let b = run(&d, "x.txt");
        assert_eq!(b.subtitles.len(), 2);
        assert!(b.body.starts_with("- 움직임 재현과 함께"));
        // A `▲` line inside a Daum body is text, not a caption.
        let e = DAUM_SEED.replace("15일 업계에 따르면", "▲ 15일 업계에 따르면");
        assert!(run(&e, "x.txt").body.contains("\n▲ 15일 업계에 따르면"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in [
            "\n\n\n",
            "가",
            "- \n- \n",
            "06.18 (화)\n",
            "NAVER 뉴스\nX\nX 구독\n",
            "전체메뉴 버튼\n",
            "a 로고\n\n입력 2024-01-01 10:00\n",
        ] {
            let _ = extract(t, "", None);
        }
    }
}
