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
//! - [`filename`]: file names kept losslessly (CP949 names from Windows zips) and decoded for people

pub mod body;
pub mod boilerplate;
pub mod byline;
pub mod candidate;
pub mod date;
pub mod decode;
pub mod dom;
pub mod filename;
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

/// How far beyond a size limit a file is still read to measure it: an HTML or MHTML save
/// whose inlined images may make up most of it.
const INLINE_SLACK: u64 = 20;

/// True if a file of `size` bytes may be within a size limit of `max` bytes once its inlined
/// `data:` payloads are not counted (HTML and MHTML saves up to 20 × `max`), so it is worth
/// reading; other files count by their size alone.
pub fn may_fit_limit(format: Format, size: u64, max: u64) -> bool {
    size <= max || (format.may_inline_data() && size <= max.saturating_mul(INLINE_SLACK))
}

/// The size a file counts for against a size limit: its length — for an HTML save, less its
/// inlined `data:` payloads (a SingleFile page of 25 MB is mostly its images); for an MHTML
/// archive, its page part (the other parts are the page's resources).
pub fn size_for_limit(format: Format, bytes: &[u8]) -> u64 {
    match format {
        Format::Html => {
            // Payloads are ASCII: count them on the bytes, whatever the encoding.
            let text = String::from_utf8_lossy(bytes);
            (bytes.len().saturating_sub(html::data_uri_bytes(&text))) as u64
        }
        Format::Mhtml => mhtml::page_size(bytes).unwrap_or(bytes.len() as u64),
        _ => bytes.len() as u64,
    }
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

#[cfg(test)]
mod robustness {
    //! Every reader is a pure function of bytes (+ name and time): fed random and truncated
    //! bytes, each returns an article or an error, never a panic.

    use super::*;

    /// A small deterministic generator (xorshift64*): no dependency, the same bytes every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// A minimal PDF with one line of text (Helvetica), as a seed for mutations.
    pub(crate) fn tiny_pdf(text: &str) -> Vec<u8> {
        let stream = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        let objs = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
                .to_owned(),
            format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
            "<< /Title (Tiny) >>".to_owned(),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objs.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!("trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1)
                .as_bytes(),
        );
        out
    }

    fn seeds() -> Vec<(Format, Vec<u8>)> {
        let html = "<html><head><title>제목 - 매일경제</title><meta property=\"og:site_name\" content=\"SBS NEWS\">\
            <script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"제목\",\"datePublished\":\"2024-06-18T06:12:00Z\",\"author\":[{\"name\":\"김민수 기자\"}]}</script>\
            <script>Fusion.globalContent={\"headlines\":{\"basic\":\"제목\"},\"content_elements\":[{\"type\":\"text\",\"content\":\"본문 문단이다. 충분히 길게 쓴 문단이다. 정말로 길다.\"}]};</script></head>\
            <body><div id=\"article-view-content-div\"><p>(서울=연합뉴스) 김민수 기자 = 본문 첫 문단이다.</p><table><tr><td>삼성</td><td>전자</td></tr></table>\
            <p>끝 문단이다. 김민수기자 minsoo@yna.co.kr</p></div><p>Copyright ⓒ 연합뉴스</p></body></html>";
        let mhtml = format!(
            "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://x.kr/1\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"--b--\"\r\n\r\n----b--\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: https://x.kr/1\r\n\r\n{}\r\n----b--\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n----b----\r\n",
            html.replace('=', "=3D")
        );
        let json = r#"[{"data":{"article":{"article_title":"제목","content_text":"<p>본문이다.</p>","reg_date":"2024-06-18","writer":["김민수 기자"],"media":{"name":"KBS"}}}},{"raw_response":{"content":"<html><head><title>x</title></head><body><p>본문</p></body></html>"}}]"#;
        let txt = "본문 바로가기\nNAVER 뉴스\n\n연합뉴스\n연합뉴스 구독\n\n제목이다\n\n기사입력 2025.02.12. 오후 3:12\n\n(서울=연합뉴스) 김민수 기자 = 본문이다. 충분히 길다.\n\nminsoo@yna.co.kr\n";
        vec![
            (Format::Html, html.as_bytes().to_vec()),
            (Format::Mhtml, mhtml.into_bytes()),
            (Format::Json, json.as_bytes().to_vec()),
            (Format::Jsonl, format!("{}\n{}\n", &json[1..json.len() - 1], "{\"title\": 1}").into_bytes()),
            (Format::Txt, txt.as_bytes().to_vec()),
            (Format::Pdf, tiny_pdf("Hello gisa")),
        ]
    }

    fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
        let mut b = seed.to_vec();
        match rng.below(4) {
            // Truncated.
            0 => b.truncate(rng.below(b.len() + 1)),
            // Bytes flipped.
            1 => {
                for _ in 0..1 + rng.below(8) {
                    let i = rng.below(b.len());
                    if let Some(x) = b.get_mut(i) {
                        *x = rng.next() as u8;
                    }
                }
            }
            // A slice repeated (nesting, long runs).
            2 => {
                let (i, j) = (rng.below(b.len()), rng.below(b.len()));
                let (i, j) = (i.min(j), i.max(j));
                let piece = b[i..j.min(i + 200)].to_vec();
                for _ in 0..rng.below(50) {
                    b.splice(i..i, piece.iter().copied());
                }
            }
            // Random bytes behind the format's header.
            _ => {
                b.truncate(16.min(b.len()));
                b.extend((0..rng.below(2000)).map(|_| rng.next() as u8));
            }
        }
        b
    }

    #[test]
    fn readers_survive_hostile_bytes() {
        let when = DateTime::parse_from_rfc3339("2024-06-19T09:00:00+09:00").ok();
        for (format, seed) in seeds() {
            // The seed itself reads.
            assert!(extract(format, "x", &seed, when).is_ok(), "{format:?} seed");
        }
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let rounds: usize = std::env::var("GISA_ROBUSTNESS_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
        for _ in 0..rounds {
            for (format, seed) in seeds() {
                let bytes = mutate(&mut rng, &seed);
                // Any outcome but a panic.
                let _ = extract(format, "x", &bytes, when);
                // Every reader also takes every other format's bytes.
                let other =
                    [Format::Txt, Format::Html, Format::Json, Format::Jsonl, Format::Mhtml, Format::Pdf][rng.below(6)];
                let _ = extract(other, "x", &bytes, when);
            }
        }
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
        let x = extract(Format::Json, "2024 속보.json", r#"{"title": "", "body": "본문."}"#.as_bytes(), None).unwrap();
        assert_eq!((x.articles[0].title.as_str(), x.articles[0].date), ("2024 속보", None));
    }
}
