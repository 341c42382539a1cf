//! The tantivy schema of a gisa index, and the conversion between [`Article`]s and
//! tantivy documents.
//!
//! The article's text — title, summary lines and body, in one field — and the title alone are
//! analyzed by the Korean analyzer with positions (phrases); title, summary lines and body are
//! stored for display and snippets. One field for the whole text ranks better than summing
//! separate title and body scores (BM25 normalizes each field by its own length, so a short
//! title match swamps the body); the title field adds its weight on top. `offsets` stores
//! where each term of the text stands, so that snippets need no second analysis. The date
//! is a fast, indexed date; press, reporter and category are exact-match fast fields
//! (filters, counts). `path` identifies the file a document came from (incremental updates
//! delete by it) and `id` the document itself.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use tantivy::schema::{
    DateOptions, DateTimePrecision, FAST, Field, INDEXED, IndexRecordOption, OwnedValue, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions, Value,
};
use tantivy::{DateTime as TDateTime, TantivyDocument};

use super::document::ArticleDocument;

use crate::analysis::tokenizer::TOKENIZER_NAME;
use crate::ingest::{Article, DateSource};
use crate::time;

/// Version of the schema below; an index with another one must be rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// Handles of every field.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub path: Field,
    pub line: Field,
    pub title: Field,
    pub subtitles: Field,
    pub body: Field,
    /// Title, summary lines and body, analyzed (not stored).
    pub text: Field,
    pub date: Field,
    pub date_source: Field,
    pub press: Field,
    pub reporter: Field,
    pub email: Field,
    pub url: Field,
    pub category: Field,
    pub format: Field,
    pub layout: Field,
    pub encoding: Field,
    /// xxh3 of normalized title + body, for finding the same article saved twice.
    pub content_key: Field,
    /// Size and xxh3 of the file the article came from, so the file state can be rebuilt
    /// from the index alone.
    pub file_size: Field,
    pub file_hash: Field,
    /// Where each term of `text` stands ([`offsets`](super::offsets)), for highlighting;
    /// `None` in an index made before it was kept.
    pub offsets: Option<Field>,
}

/// Builds the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let korean = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let exact = STRING | STORED | FAST;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        path: b.add_text_field("path", STRING | STORED | FAST),
        line: b.add_u64_field("line", STORED),
        title: b.add_text_field("title", korean.clone().set_stored()),
        subtitles: b.add_text_field("subtitles", STORED),
        body: b.add_text_field("body", STORED),
        text: b.add_text_field("text", korean),
        date: b.add_date_field(
            "date",
            DateOptions::default().set_indexed().set_stored().set_fast().set_precision(DateTimePrecision::Seconds),
        ),
        date_source: b.add_text_field("date_source", STRING | STORED),
        press: b.add_text_field("press", exact.clone()),
        reporter: b.add_text_field("reporter", exact.clone()),
        email: b.add_text_field("email", STRING | STORED),
        url: b.add_text_field("url", STRING | STORED | FAST),
        category: b.add_text_field("category", exact),
        format: b.add_text_field("format", STORED),
        layout: b.add_text_field("layout", STORED),
        encoding: b.add_text_field("encoding", STORED),
        content_key: b.add_u64_field("content_key", INDEXED | FAST),
        file_size: b.add_u64_field("file_size", FAST),
        file_hash: b.add_u64_field("file_hash", FAST),
        offsets: Some(b.add_bytes_field("offsets", STORED)),
    };
    (b.build(), fields)
}

/// Looks the fields up in an opened index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        id: f("id")?,
        path: f("path")?,
        line: f("line")?,
        title: f("title")?,
        subtitles: f("subtitles")?,
        body: f("body")?,
        text: f("text")?,
        date: f("date")?,
        date_source: f("date_source")?,
        press: f("press")?,
        reporter: f("reporter")?,
        email: f("email")?,
        url: f("url")?,
        category: f("category")?,
        format: f("format")?,
        layout: f("layout")?,
        encoding: f("encoding")?,
        content_key: f("content_key")?,
        file_size: f("file_size")?,
        file_hash: f("file_hash")?,
        offsets: f("offsets").ok(),
    })
}

/// Everything known about the file an article came from.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    pub id: &'a str,
    pub path: &'a str,
    pub format: &'a str,
    pub encoding: &'a str,
    pub file_size: u64,
    pub file_hash: u64,
}

fn date_source_name(s: DateSource) -> &'static str {
    match s {
        DateSource::Page => "page",
        DateSource::InferredYear => "inferred_year",
        DateSource::FileTime => "file_time",
    }
}

/// The dedup key of an article: its normalized title and body.
pub fn content_key(a: &Article) -> u64 {
    content_key_of(&a.title, &a.body)
}

/// The dedup key of a title and body.
pub fn content_key_of(title: &str, body: &str) -> u64 {
    let mut norm = String::with_capacity(title.len() + body.len() + 1);
    for w in title.split_whitespace() {
        norm.push_str(w);
        norm.push(' ');
    }
    norm.push('\n');
    for w in body.split_whitespace() {
        norm.push_str(w);
        norm.push(' ');
    }
    xxhash_rust::xxh3::xxh3_64(norm.as_bytes())
}

/// A URL reduced to what identifies a page: no fragment, no trailing slash, lower-case
/// scheme and host, no tracking parameters.
pub fn normalize_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let url = url.split('#').next().unwrap_or(url);
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
            let host = host.to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
            format!("{}://{}/{}", scheme.to_ascii_lowercase(), host, path)
        }
        None => base.to_owned(),
    };
    while out.ends_with('/') {
        out.pop();
    }
    if let Some(q) = query {
        let kept: Vec<&str> = q
            .split('&')
            .filter(|p| !p.is_empty())
            .filter(|p| {
                let k = p.split('=').next().unwrap_or("").to_ascii_lowercase();
                !(k.starts_with("utm_") || matches!(k.as_str(), "fbclid" | "gclid" | "ref" | "from" | "sid1" | "sid2"))
            })
            .collect();
        if !kept.is_empty() {
            out.push('?');
            out.push_str(&kept.join("&"));
        }
    }
    Some(out)
}

/// The tantivy date of an article date, to the second; `None` outside what tantivy stores.
fn to_tantivy_date(d: &DateTime<FixedOffset>) -> Option<TDateTime> {
    time::from_timestamp(d.timestamp()).map(|_| TDateTime::from_timestamp_secs(d.timestamp()))
}

/// The analyzed text of an article, as the `text` field holds it: title, summary lines and
/// body, one per line (`gisa export` analyzes the same string for its exact-terms field).
pub fn full_text(title: &str, subtitles: &[String], body: &str) -> String {
    let mut text = String::with_capacity(title.len() + body.len() + 2);
    text.push_str(title);
    for s in subtitles {
        text.push('\n');
        text.push_str(s);
    }
    text.push('\n');
    text.push_str(body);
    text
}

/// Where the title and the body stand in [`full_text`] of the same parts, as character ranges.
pub fn full_text_spans(title: &str, subtitles: &[String], body: &str) -> ((usize, usize), (usize, usize)) {
    let title_len = title.chars().count();
    let body_start = title_len + subtitles.iter().map(|s| s.chars().count() + 1).sum::<usize>() + 1;
    ((0, title_len), (body_start, body_start + body.chars().count()))
}

/// The tantivy document of an article.
pub fn to_document(f: &Fields, a: &Article, origin: &Origin) -> ArticleDocument {
    let mut values: Vec<(Field, OwnedValue)> = Vec::with_capacity(24);
    let mut text = |field: Field, v: &str| values.push((field, OwnedValue::Str(v.to_owned())));
    text(f.id, origin.id);
    text(f.path, origin.path);
    text(f.title, &a.title);
    for s in &a.subtitles {
        text(f.subtitles, s);
    }
    text(f.body, &a.body);
    let mut opt = |field: Field, v: &Option<String>| {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            text(field, v);
        }
    };
    opt(f.press, &a.press);
    // Every reporter, the first first (`reporter:` finds any of them; the stored first value
    // is `reporter`).
    let first = a.reporters.first().cloned().or_else(|| a.reporter.clone());
    opt(f.reporter, &first);
    for r in a.reporters.iter().skip(1) {
        opt(f.reporter, &Some(r.clone()));
    }
    opt(f.email, &a.email);
    opt(f.url, &a.url);
    opt(f.category, &a.category);
    text(f.format, origin.format);
    text(f.layout, &a.layout);
    text(f.encoding, origin.encoding);
    if let Some(line) = a.line {
        values.push((f.line, OwnedValue::U64(line)));
    }
    if let Some((d, date)) = a.date.as_ref().and_then(|d| Some((d, to_tantivy_date(&d.datetime)?))) {
        values.push((f.date, OwnedValue::Date(date)));
        values.push((f.date_source, OwnedValue::Str(date_source_name(d.source).to_owned())));
    }
    values.push((f.content_key, OwnedValue::U64(content_key(a))));
    values.push((f.file_size, OwnedValue::U64(origin.file_size)));
    values.push((f.file_hash, OwnedValue::U64(origin.file_hash)));
    ArticleDocument::new(values, f.text, full_text(&a.title, &a.subtitles, &a.body), f.offsets)
}

/// An article read back from the index, for display.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct StoredArticle {
    pub id: String,
    pub path: String,
    pub line: Option<u64>,
    pub title: String,
    pub subtitles: Vec<String>,
    pub body: String,
    /// RFC 3339 in KST.
    pub date: Option<String>,
    pub date_source: Option<String>,
    pub press: Option<String>,
    pub reporter: Option<String>,
    /// Every reporter named (the first is `reporter`).
    #[serde(default)]
    pub reporters: Vec<String>,
    pub email: Option<String>,
    pub url: Option<String>,
    pub category: Option<String>,
    pub format: Option<String>,
    pub layout: Option<String>,
    pub encoding: Option<String>,
}

/// Reads a stored document back.
pub fn from_document(f: &Fields, doc: &TantivyDocument) -> StoredArticle {
    let text = |field: Field| doc.get_first(field).and_then(|v| v.as_str()).map(str::to_owned);
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(|d| time::from_timestamp(d.into_timestamp_secs()).map(|d| d.to_rfc3339()));
    StoredArticle {
        id: text(f.id).unwrap_or_default(),
        path: text(f.path).unwrap_or_default(),
        line: doc.get_first(f.line).and_then(|v| v.as_u64()),
        title: text(f.title).unwrap_or_default(),
        subtitles: doc.get_all(f.subtitles).filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        body: text(f.body).unwrap_or_default(),
        date,
        date_source: text(f.date_source),
        press: text(f.press),
        reporter: text(f.reporter),
        reporters: doc.get_all(f.reporter).filter_map(|v| v.as_str().map(str::to_owned)).collect(),
        email: text(f.email),
        url: text(f.url),
        category: text(f.category),
        format: text(f.format),
        layout: text(f.layout),
        encoding: text(f.encoding),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_normalize_to_the_page() {
        let n = |u| normalize_url(u).unwrap();
        assert_eq!(n("https://WWW.Example.com/news/1/"), "https://example.com/news/1");
        assert_eq!(n("https://example.com/news/1?utm_source=x&id=5#top"), "https://example.com/news/1?id=5");
        // Naver's article address keeps its `sid` (not a tracking parameter) and loses the
        // rest: the same page saved from a share link and from the section list is one page.
        assert_eq!(
            n("HTTPS://N.News.Naver.com/mnews/article/015/0004985123/?sid=105&utm_medium=share&fbclid=x#comment"),
            "https://n.news.naver.com/mnews/article/015/0004985123?sid=105"
        );
        assert_ne!(n("https://example.com/news?id=5"), n("https://example.com/news?id=6"));
        assert_eq!(n("/relative/path/"), "/relative/path");
        assert_eq!(normalize_url("  "), None);
    }

    #[test]
    fn content_key_ignores_whitespace_layout() {
        let a =
            Article { title: "제목 하나".into(), body: "첫 문단\n둘째  문단".into(), ..Default::default() };
        let b = Article {
            title: " 제목  하나".into(), body: "첫 문단 둘째 문단\n".into(), ..Default::default()
        };
        assert_eq!(content_key(&a), content_key(&b));
        let c = Article { title: "제목 둘".into(), ..a.clone() };
        assert_ne!(content_key(&a), content_key(&c));
    }
}
