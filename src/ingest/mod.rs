//! Ingest: saved article files in, [`Article`]s out.
//!
//! People save news in whatever form their browser or crawler gives them: pages saved as text
//! from Naver, Daum or a press site (with the site's menus, buttons and footers), saved HTML
//! pages ("web page, complete" or HTML only, SingleFile pages with inlined images), MHTML
//! archives, pages printed to PDF, JSON records and JSONL feeds, in UTF-8 or EUC-KR. This
//! stage reads one file's bytes and returns the articles in it with their fields — title,
//! date, press, reporters, URL, category and a clean body — or says why it could not. It
//! knows nothing of the index.
//!
//! Readers → candidates → one resolver: each format's reader ([`txt`], [`html`], [`json`],
//! [`mhtml`], [`pdf`]) proposes candidate values for each field with where it found them
//! ([`candidate`]); [`resolve`] picks, cleans the body ([`body`]) and applies the fallbacks
//! (title from the file name, date from the file's time) the same way for every format.
//!
//! - [`decode`]: bytes → text (BOM, UTF-8, EUC-KR/CP949; binary detection)
//! - [`flatten`]: the tag table; markup → lines; entities
//! - [`dom`], [`layouts`], [`readability`], [`structured`]: the HTML reader's parts
//! - [`boilerplate`], [`byline`], [`date`]: what news pages print around an article
//! - [`press`]: the press table (canonical outlet names)
//! - [`walk`]: the directory walk that finds the files

pub mod body;
pub mod boilerplate;
pub mod byline;
pub mod candidate;
pub mod date;
pub mod decode;
pub mod dom;
pub mod flatten;
pub mod html;
pub mod json;
pub mod layouts;
pub mod mhtml;
pub mod pdf;
pub mod press;
pub mod readability;
pub mod resolve;
pub mod structured;
pub mod txt;
pub mod walk;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use json::JsonFields;
pub use press::PressTable;

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
    /// In KST (+09:00): Korean news is dated in Korea time; dates given in another offset
    /// (`Z`, `+00:00`) are converted, dates without one are read as KST.
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
    /// MHTML (`.mhtml`, `.mht`): a browser's single-file save, MIME multipart.
    Mhtml,
    /// A page printed to PDF.
    Pdf,
}

impl Format {
    /// The format a file name's extension says, if gisa reads it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" => Some(Format::Txt),
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "mhtml" | "mht" => Some(Format::Mhtml),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }

    /// True for the formats whose files may hold inlined `data:` payloads that do not count
    /// toward the size limit.
    pub fn may_inline_data(self) -> bool {
        matches!(self, Format::Html | Format::Mhtml)
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
    /// The outlet, by its canonical name in the press table (`SBS`, not `SBS NEWS`).
    pub press: Option<String>,
    /// The first of `reporters`.
    pub reporter: Option<String>,
    /// Every reporter named, in order.
    #[serde(default)]
    pub reporters: Vec<String>,
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

/// How files are read: the press table (the built-in one, or extended by the user's file)
/// and the user's JSON field mapping.
#[derive(Debug, Clone)]
pub struct Options {
    pub press: Arc<PressTable>,
    pub json_fields: Option<JsonFields>,
}

impl Default for Options {
    fn default() -> Options {
        Options { press: PressTable::builtin(), json_fields: None }
    }
}

/// Extracts the articles of one file with the default [`Options`].
pub fn extract(
    format: Format,
    name: &str,
    bytes: &[u8],
    modified: Option<DateTime<FixedOffset>>,
) -> Result<Extracted, ExtractError> {
    extract_with(&Options::default(), format, name, bytes, modified)
}

/// Extracts the articles of one file. `name` is the file name (the title when the file has
/// none, and layout hints); `modified` is the file's modification time (year inference, and
/// the date when the file has none). A pure function of its arguments.
pub fn extract_with(
    opts: &Options,
    format: Format,
    name: &str,
    bytes: &[u8],
    modified: Option<DateTime<FixedOffset>>,
) -> Result<Extracted, ExtractError> {
    let ctx = resolve::Context { press: &opts.press, name, modified };
    let one = |c: candidate::Candidates| resolve::resolve(c, &ctx);
    match format {
        Format::Mhtml => {
            let page = mhtml::read(bytes, name)?;
            Ok(Extracted { encoding: page.encoding, articles: vec![one(page.candidates)?], bad_lines: Vec::new() })
        }
        Format::Pdf => {
            Ok(Extracted { encoding: "pdf", articles: vec![one(pdf::read(bytes, name)?)?], bad_lines: Vec::new() })
        }
        Format::Txt | Format::Html | Format::Json | Format::Jsonl => {
            let text = decode::decode(bytes)?;
            let mut out = Extracted { encoding: text.encoding, ..Default::default() };
            let fields = opts.json_fields.as_ref();
            match format {
                Format::Txt => out.articles.push(one(txt::read(&text.text, name)?)?),
                Format::Html => out.articles.push(one(html::read(&text.text, name)?)?),
                Format::Json => {
                    let mut first_err = None;
                    for c in json::read_json(&text.text, fields, name)? {
                        match one(c) {
                            Ok(a) => out.articles.push(a),
                            Err(e) => {
                                first_err.get_or_insert(e);
                            }
                        }
                    }
                    if out.articles.is_empty()
                        && let Some(e) = first_err
                    {
                        return Err(e);
                    }
                }
                _ => {
                    let (cands, bad) = json::read_jsonl(&text.text, fields, name)?;
                    out.bad_lines = bad;
                    for c in cands {
                        let line = c.line.unwrap_or(0);
                        match one(c) {
                            Ok(a) => out.articles.push(a),
                            Err(e) => out.bad_lines.push((line, e.to_string())),
                        }
                    }
                    out.bad_lines.sort_by_key(|(l, _)| *l);
                }
            }
            Ok(out)
        }
    }
}

/// The size a file counts for against a size limit: its length, less the inlined `data:`
/// payloads of an HTML or MHTML save (a SingleFile page of 25 MB is mostly its images).
pub fn size_for_limit(format: Format, bytes: &[u8]) -> u64 {
    if !format.may_inline_data() {
        return bytes.len() as u64;
    }
    // Payloads are ASCII: count them on the bytes, whatever the encoding.
    let text = String::from_utf8_lossy(bytes);
    (bytes.len().saturating_sub(html::data_uri_bytes(&text))) as u64
}

/// The first article of `text` read as `format` (for the readers' unit tests).
#[cfg(test)]
pub(crate) fn first_article(
    format: Format,
    text: &str,
    name: &str,
    modified: Option<DateTime<FixedOffset>>,
) -> Result<Article, ExtractError> {
    let mut x = extract(format, name, text.as_bytes(), modified)?;
    if x.articles.is_empty() {
        return Err(ExtractError::NoArticle(format!("{:?}", x.bad_lines)));
    }
    Ok(x.articles.swap_remove(0))
}
