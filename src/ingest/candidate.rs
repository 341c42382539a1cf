//! What a format reader proposes: candidate values for each field, each with where it was
//! found, and the body text as lines. Readers only look; the resolver ([`super::resolve`])
//! picks, cleans and falls back, the same way for every format.

use chrono::{DateTime, FixedOffset};

use super::date::MonthDay;

/// Where a candidate value was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// Printed on the page where its layout puts it: the headline element, the `입력 …`
    /// dateline, the header byline, the press line of a saved-as-text layout.
    Page,
    /// `<meta>` tags (`og:*`, `article:*`, `twitter:*`, `dable:*`, `author`).
    Meta,
    /// JSON-LD (`NewsArticle`, `Article`, `ReportageNewsArticle` …).
    LinkedData,
    /// An article payload in a script (`__NEXT_DATA__`, Arc `Fusion.globalContent`,
    /// `window.__INITIAL_STATE__` …).
    Script,
    /// A field of a JSON record.
    Record,
    /// The document's `<title>` (a site suffix may remain), or a PDF's metadata title.
    TitleTag,
    /// The first heading or headline-like line of a text (PDF, a page saved as text with no
    /// known layout).
    Heading,
    /// A wire or credit dateline in the body: `(서울=뉴스1) 홍길동 기자 =`, `[매경 홍길동 기자]`.
    Credit,
    /// A byline line in or after the body (`홍길동 기자 hong@…`), glued to a paragraph, or to
    /// the headline.
    Byline,
    /// A broadcast sign-off or anchor introduction (`KBS 뉴스 김수연입니다.`).
    SignOff,
    /// A copyright line.
    Copyright,
    /// The domain of the page's own URL (`og:url`, canonical, `Snapshot-Content-Location`).
    Url,
    /// The domain of a reporter's e-mail address.
    Email,
    /// A Naver News office id in the URL (`oid=015`, `/article/015/…`).
    NaverOffice,
    /// The file's name.
    FileName,
}

/// A candidate value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cand {
    pub value: String,
    pub source: Source,
}

/// What a date's label says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKind {
    /// `입력`, `송고`, `등록`, `승인`, `datePublished`, `article:published_time` …
    Published,
    /// `수정`, `dateModified`, `article:modified_time` …
    Modified,
    /// No label.
    Unlabeled,
}

/// A candidate date-time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateCand {
    pub datetime: DateTime<FixedOffset>,
    pub kind: DateKind,
    /// False for a date without a time of day.
    pub has_time: bool,
    pub source: Source,
}

/// One line of body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    /// All of its text is the text of links (a related-article headline in the body).
    pub link: bool,
}

impl Line {
    pub fn text(s: impl Into<String>) -> Line {
        Line { text: s.into(), link: false }
    }
}

/// How the reader's layout prints its body (what the general rules should also expect).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyHints {
    /// The press name printed on its own line inside the body (Daum's saved pages).
    pub press_line: Option<String>,
    /// Naver's unbulleted summary lines at the top, apart by a blank line.
    pub naver_summary: bool,
    /// `▲ …` lines before the first paragraph are captions (press sites; on portals they are text).
    pub arrow_captions: bool,
    /// The headline may be printed again above the body.
    pub repeated_title: bool,
    /// The press name follows the byline that ends the article (Daum's saved pages).
    pub press_after_byline: bool,
    /// Short lines opening the body before its first paragraph are sub-headlines (a page's
    /// article element holds them).
    pub lead_subtitles: bool,
}

/// A body as a reader found it: lines (blank lines kept where the format has them), and how
/// far the article can run (`limit`: lines after it are only read for a byline).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    pub source: Option<Source>,
    pub lines: Vec<Line>,
    pub limit: Option<usize>,
    pub hints: BodyHints,
    /// The layout this body was read as, when it is not the page's (a fallback reading).
    pub layout: Option<String>,
    /// A fallback reading's own headline and dates, used only when the page's are missing.
    pub title: Option<String>,
    pub dates: Vec<DateCand>,
}

impl Body {
    pub fn from_lines<S: Into<String>>(source: Source, lines: impl IntoIterator<Item = S>) -> Body {
        Body { source: Some(source), lines: lines.into_iter().map(|l| Line::text(l)).collect(), ..Body::default() }
    }

    /// Characters of text.
    pub fn chars(&self) -> usize {
        self.lines.iter().filter(|l| !l.link).map(|l| l.text.chars().count()).sum()
    }
}

/// A body alternative read only when the ones before it are thin (most pages never need
/// it): the text reader's generic reading of a page in a known layout, in case the layout's
/// landmarks were not where expected (see [`super::txt::fallback_body`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeferredBody {
    pub text: String,
    pub name: String,
    pub press_line: Option<String>,
}

/// Everything a reader proposes for one article.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub titles: Vec<Cand>,
    /// Summary lines printed above the body, as the page marks them.
    pub subtitles: Vec<String>,
    pub dates: Vec<DateCand>,
    /// A year-less viewing date (`06.18 (화)`), for year inference.
    pub month_day: Option<MonthDay>,
    pub presses: Vec<Cand>,
    pub reporters: Vec<Cand>,
    pub emails: Vec<Cand>,
    pub urls: Vec<Cand>,
    pub categories: Vec<Cand>,
    /// Body alternatives, best first (the page's article text, then structured copies).
    pub bodies: Vec<Body>,
    /// One more alternative after `bodies`, read only when they are thin.
    pub deferred: Option<DeferredBody>,
    pub id: Option<String>,
    pub line: Option<u64>,
    pub layout: String,
}

impl Candidates {
    pub fn title(&mut self, value: impl Into<String>, source: Source) {
        push(&mut self.titles, value, source);
    }
    pub fn press(&mut self, value: impl Into<String>, source: Source) {
        push(&mut self.presses, value, source);
    }
    pub fn reporter(&mut self, value: impl Into<String>, source: Source) {
        push(&mut self.reporters, value, source);
    }
    pub fn email(&mut self, value: impl Into<String>, source: Source) {
        push(&mut self.emails, value, source);
    }
    pub fn url(&mut self, value: impl Into<String>, source: Source) {
        push(&mut self.urls, value, source);
    }
    pub fn category(&mut self, value: impl Into<String>, source: Source) {
        push(&mut self.categories, value, source);
    }
    pub fn date(&mut self, datetime: DateTime<FixedOffset>, kind: DateKind, has_time: bool, source: Source) {
        self.dates.push(DateCand { datetime, kind, has_time, source });
    }

    /// Adds what another reader found (a page embedded in a record) after this one's own.
    pub fn extend(&mut self, other: Candidates) {
        self.titles.extend(other.titles);
        if self.subtitles.is_empty() {
            self.subtitles = other.subtitles;
        }
        self.dates.extend(other.dates);
        self.month_day = self.month_day.or(other.month_day);
        self.presses.extend(other.presses);
        self.reporters.extend(other.reporters);
        self.emails.extend(other.emails);
        self.urls.extend(other.urls);
        self.categories.extend(other.categories);
        self.bodies.extend(other.bodies);
        if self.deferred.is_none() {
            self.deferred = other.deferred;
        }
        if self.id.is_none() {
            self.id = other.id;
        }
    }
}

fn push(v: &mut Vec<Cand>, value: impl Into<String>, source: Source) {
    let value = value.into();
    if !value.trim().is_empty() {
        v.push(Cand { value, source });
    }
}
