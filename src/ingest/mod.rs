//! Ingest: saved article files in, [`Article`]s out.
//!
//! People save news in whatever form their browser or crawler gives them: pages saved as text
//! from Naver, Daum or a press site (with the site's menus, buttons and footers), saved HTML
//! pages, JSON records and JSONL feeds, in UTF-8 or EUC-KR. This stage reads one file's
//! bytes and returns the articles in it with their fields — title, date, press, reporter,
//! URL, category and a clean body — or says why it could not. It knows nothing of the index.
//!
//! - [`boilerplate`]: menus, captions, bylines, copyright lines (shared by the extractors)
//! - [`decode`]: bytes → text (BOM, UTF-8, EUC-KR/CP949; binary detection)
//! - [`date`]: Korean date-time forms
//! - [`txt`], [`html`], [`json`]: one extractor per format
//! - [`walk`]: the directory walk that finds the files

pub mod boilerplate;
pub mod date;
pub mod decode;
pub mod html;
pub mod json;
pub mod txt;
pub mod walk;

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How an article's date was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A full date (with year) printed on the page or in the record.
    Page,
    /// Month and day from the page; the year inferred from the file's modification time.
    InferredYear,
    /// No date on the page: the file's modification time.
    FileTime,
}

/// The publication date-time of an article, with where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    /// Korean news is dated in KST; dates without an offset are read as +09:00.
    pub datetime: DateTime<FixedOffset>,
    pub source: DateSource,
}

/// File format of the saved article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Txt,
    Html,
    Json,
    Jsonl,
}

impl Format {
    /// The format a file name's extension says, if gisa reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Txt),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }
}

/// One article and its fields, as extracted from a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Article {
    /// The record's own id (JSON `id` field), when it has one.
    pub id: Option<String>,
    /// 1-based line of a JSONL feed.
    pub line: Option<u64>,
    pub title: String,
    /// Summary bullets / sub-headlines printed above the body (not part of it).
    pub subtitles: Vec<String>,
    /// Body paragraphs as printed, joined by `\n`, without captions, bylines or boilerplate.
    pub body: String,
    pub date: Option<ArticleDate>,
    pub press: Option<String>,
    pub reporter: Option<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
    /// Page layout recognized (`naver`, `daum`, `press`, `generic`, `schema-a`, …).
    pub layout: String,
}

/// Why a file gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("empty file")]
    Empty,
    #[error("binary file, not text")]
    Binary,
    #[error("not valid UTF-8 or EUC-KR text")]
    Encoding,
    #[error("malformed {0}")]
    Malformed(String),
    #[error("no article found: {0}")]
    NoArticle(String),
}

/// What one file holds: its encoding and its articles (a JSONL line that fails is reported
/// by line, and the other lines still count).
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub encoding: &'static str,
    pub articles: Vec<Article>,
    /// (1-based line, reason) for feed lines that could not be read.
    pub bad_lines: Vec<(u64, String)>,
}

/// Extracts the articles of one file. `name` is the file name (used as a last-resort title
/// and for layout hints); `modified` is the file's modification time (for year inference,
/// and the date of an article that prints none).
pub fn extract(
    format: Format,
    name: &str,
    bytes: &[u8],
    modified: Option<DateTime<FixedOffset>>,
) -> Result<Extracted, ExtractError> {
    let text = decode::decode(bytes)?;
    let mut out = Extracted { encoding: text.encoding, ..Default::default() };
    match format {
        Format::Txt => out.articles.push(txt::extract(&text.text, name, modified)?),
        Format::Html => out.articles.push(html::extract(&text.text, name, modified)?),
        Format::Json => out.articles.extend(json::extract_json(&text.text)?),
        Format::Jsonl => {
            let (articles, bad) = json::extract_jsonl(&text.text)?;
            out.articles = articles;
            out.bad_lines = bad;
        }
    }
    for a in &mut out.articles {
        complete(a, name, modified);
    }
    Ok(out)
}

/// The fallbacks of every reader, applied after it: an article without a date takes the
/// file's modification time (recorded as such), one without a title the file's name
/// without its extension.
fn complete(a: &mut Article, name: &str, modified: Option<DateTime<FixedOffset>>) {
    if a.date.is_none() {
        a.date = modified.map(|datetime| ArticleDate { datetime, source: DateSource::FileTime });
    }
    if a.title.trim().is_empty() {
        a.title = Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reader_gets_the_date_and_title_fallbacks() {
        let modified = crate::time::from_timestamp(1_718_690_000);
        // A record without a date takes the file's time; one with a date keeps it.
        let x = extract(Format::Json, "a.json", r#"{"title": "제목", "body": "본문."}"#.as_bytes(), modified).unwrap();
        let d = x.articles[0].date.expect("the file's time");
        assert_eq!((d.datetime, d.source), (modified.unwrap(), DateSource::FileTime));
        let x = extract(
            Format::Json,
            "a.json",
            r#"{"title": "제목", "body": "본문.", "date": "2024-06-01"}"#.as_bytes(),
            modified,
        )
        .unwrap();
        assert_eq!(x.articles[0].date.map(|d| d.source), Some(DateSource::Page));
        // Without a file time there is no date to fall back on.
        let x =
            extract(Format::Jsonl, "f.jsonl", "{\"title\": \"제목\", \"body\": \"본문.\"}\n".as_bytes(), None).unwrap();
        assert_eq!(x.articles[0].date, None);
        // An article left without a title by its reader is titled by the file name.
        let mut a = Article { title: " ".into(), body: "본문.".into(), ..Default::default() };
        complete(&mut a, "2024 속보.html", None);
        assert_eq!((a.title.as_str(), a.date), ("2024 속보", None));
    }
}
