//! JSON records (`.json`: one object, an array of objects, or an object holding such an
//! array) and JSONL feeds (one object per line) → candidates.
//!
//! Field names are matched case-insensitively, in the record and in the objects nested under
//! `article`, `data`, `news`, `item`, `parsed_data`, `_source` … (crawlers wrap their fields);
//! for each field the first name of its list that the record has wins, after the user's own
//! mapping (`--json-fields title=…,body=…`). A value may be a list (`{"title": ["…"]}`), and a
//! body a string, a list of paragraphs or of objects with a text field, or HTML. A record that
//! holds the whole page it was crawled from (`raw_response.content`, `html`, …) is read
//! through the HTML reader first: the page's own fields come before the crawler's.
//!
//! | field | names (besides the user's) |
//! |---|---|
//! | title | `title`, `headline`, `제목`, `subject`, `article_title`, `news_title`, `articleTitle`, … |
//! | body | `body`, `content`, `text`, `본문`, `article`, `contents`, `articleBody`, `content_text`, `sentences`, `paragraphs`, … |
//! | date | `date`, `published`, `published_at`, `publishedAt`, `pubDate`, `datePublished`, `reg_date`, `regDate`, `입력`, `작성일`, `등록일`, … |
//! | press | `press`, `source`, `publisher`, `media`, `언론사`, `site_name`, `press_name`, `media_name`, `office_name`, … |
//! | reporter | `reporter`, `author`, `byline`, `writer`, `기자`, `authors`, `reporters`, `writer_name`, `creator`, … |
//! | url | `url`, `link`, `href`, `canonical`, `originallink`, `news_url`, `article_url`, … or `source.url` |
//! | category | `category`, `section`, `categories`, `분류`, `섹션`, `section_name`, … |
//! | id | `id`, `_id`, `article_id`, `uuid`, `aid`, `news_id`, `idxno`, … (numbers become strings) |

use std::str::FromStr;

use serde_json::{Map, Value};

use super::boilerplate::{lines, squash};
use super::byline::{find_email, parse_byline_value};
use super::candidate::{Body, Candidates, DateKind, Source};
use super::{ExtractError, date, flatten};

const TITLE: &[&str] = &[
    "title",
    "headline",
    "제목",
    "subject",
    "article_title",
    "articleTitle",
    "news_title",
    "newsTitle",
    "art_title",
    "name_of_article",
    "heading",
    "기사제목",
    "tit",
];
const BODY: &[&str] = &[
    "body",
    "content",
    "text",
    "본문",
    "article",
    "contents",
    "articleBody",
    "article_body",
    "내용",
    "content_text",
    "contentText",
    "news_content",
    "newsContent",
    "article_content",
    "articleContent",
    "body_text",
    "bodyText",
    "full_text",
    "fulltext",
    "기사내용",
    "기사본문",
    "sentences",
    "paragraphs",
    "content_html",
    "body_html",
    "html_content",
];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedAt",
    "datetime",
    "pubDate",
    "date_published",
    "입력",
    "작성일",
    "datePublished",
    "published_time",
    "pub_date",
    "publish_date",
    "publication_date",
    "first_publish_date",
    "display_date",
    "reg_date",
    "regDate",
    "regdate",
    "reg_dt",
    "write_date",
    "writeDate",
    "wdate",
    "input_date",
    "service_date",
    "serviceDate",
    "news_date",
    "article_date",
    "created_at",
    "createdAt",
    "created",
    "time",
    "timestamp",
    "날짜",
    "등록일",
    "등록일시",
    "입력일",
    "기사입력",
    "작성일시",
];
const MODIFIED: &[&str] = &[
    "modified",
    "dateModified",
    "updated",
    "updated_at",
    "updatedAt",
    "mod_date",
    "update_date",
    "수정일",
    "last_updated_date",
];
const PRESS: &[&str] = &[
    "press",
    "source",
    "publisher",
    "media",
    "언론사",
    "site_name",
    "siteName",
    "outlet",
    "provider",
    "press_name",
    "pressName",
    "media_name",
    "mediaName",
    "office_name",
    "officeName",
    "publisher_name",
    "newspaper",
    "source_name",
    "매체",
    "매체명",
    "cp_name",
];
const REPORTER: &[&str] = &[
    "reporter",
    "author",
    "byline",
    "writer",
    "기자",
    "authors",
    "reporters",
    "기자명",
    "작성자",
    "reporter_name",
    "reporterName",
    "writer_name",
    "writerName",
    "author_name",
    "authorName",
    "creator",
    "journalist",
    "credits",
];
const EMAIL: &[&str] = &["email", "reporter_email", "reporterEmail", "author_email", "writer_email", "mail", "이메일"];
const URL: &[&str] = &[
    "url",
    "link",
    "href",
    "canonical",
    "canonical_url",
    "originallink",
    "permalink",
    "article_url",
    "articleUrl",
    "news_url",
    "newsUrl",
    "source_url",
    "origin_url",
    "original_url",
    "web_url",
    "링크",
];
const CATEGORY: &[&str] = &[
    "category",
    "section",
    "categories",
    "sections",
    "section_name",
    "sectionName",
    "category_name",
    "categoryName",
    "분류",
    "섹션",
    "카테고리",
];
const ID: &[&str] =
    &["id", "_id", "article_id", "articleId", "uuid", "aid", "news_id", "newsId", "doc_id", "docId", "idxno", "기사id"];
const SUBTITLES: &[&str] = &[
    "subtitles",
    "subtitle",
    "sub_title",
    "subheadline",
    "subheadlines",
    "subheadings",
    "subheading",
    "부제",
    "부제목",
];
/// Fields of a wrapper object that hold the records (`{"articles": […]}`).
const WRAPPERS: &[&str] =
    &["articles", "items", "data", "results", "docs", "documents", "news", "records", "entries", "list", "hits"];
/// Objects whose fields are the record's (crawler and search-engine wrappers).
const NESTED: &[&str] = &[
    "article",
    "data",
    "news",
    "item",
    "post",
    "document",
    "doc",
    "parsed_data",
    "parsedData",
    "result",
    "payload",
    "_source",
    "fields",
    "record",
    "attributes",
    "info",
    "meta",
    "metadata",
];
/// Fields that may hold the whole page a record was crawled from.
const PAGE: &[&str] =
    &["raw_response", "response", "raw_html", "html", "page", "page_html", "source_html", "raw", "content"];

/// A field a `--json-fields` mapping names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Body,
    Date,
    Press,
    Reporter,
    Email,
    Url,
    Category,
    Id,
    Subtitles,
}

impl Field {
    const ALL: &[(&str, Field)] = &[
        ("title", Field::Title),
        ("body", Field::Body),
        ("date", Field::Date),
        ("press", Field::Press),
        ("reporter", Field::Reporter),
        ("email", Field::Email),
        ("url", Field::Url),
        ("category", Field::Category),
        ("id", Field::Id),
        ("subtitles", Field::Subtitles),
    ];
}

/// The user's field mapping: `title=headline,body=article.text,date=meta.reg_date` (a dotted
/// key is a path through nested objects).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonFields(Vec<(Field, Vec<String>)>);

impl FromStr for JsonFields {
    type Err = String;

    fn from_str(s: &str) -> Result<JsonFields, String> {
        let mut v = Vec::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((k, path)) = part.split_once('=') else {
                return Err(format!("{part:?} is not FIELD=KEY"));
            };
            let k = k.trim().to_ascii_lowercase();
            let Some(&(_, f)) = Field::ALL.iter().find(|(n, _)| *n == k) else {
                let names: Vec<&str> = Field::ALL.iter().map(|(n, _)| *n).collect();
                return Err(format!("unknown field {k:?} (fields: {})", names.join(", ")));
            };
            let path: Vec<String> = path.trim().split('.').map(|p| p.trim().to_owned()).collect();
            if path.iter().any(String::is_empty) {
                return Err(format!("{part:?}: empty key"));
            }
            v.push((f, path));
        }
        if v.is_empty() {
            return Err("no FIELD=KEY given".to_owned());
        }
        Ok(JsonFields(v))
    }
}

impl JsonFields {
    fn get<'a>(&self, obj: &'a Map<String, Value>, f: Field) -> Option<&'a Value> {
        self.0.iter().filter(|(g, _)| *g == f).find_map(|(_, path)| {
            let mut v: Option<&Value> = None;
            let mut cur = obj;
            for (i, k) in path.iter().enumerate() {
                let x = cur
                    .get(k.as_str())
                    .or_else(|| cur.iter().find(|(n, _)| n.eq_ignore_ascii_case(k)).map(|(_, x)| x))?;
                if i + 1 == path.len() {
                    v = Some(x);
                } else {
                    cur = x.as_object()?;
                }
            }
            v.filter(|x| !x.is_null())
        })
    }
}

/// The value of the first of `names` the object has (ASCII case-insensitive), skipping nulls.
fn own_field<'a>(obj: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    own_field_in(obj, u64::MAX, names)
}

/// The lengths of an object's keys, one bit each (63 for 63 bytes and more): a key equal to a
/// name but for ASCII case has the name's length, so the other keys need not be compared.
fn key_lengths(obj: &Map<String, Value>) -> u64 {
    obj.keys().fold(0, |m, k| m | 1 << k.len().min(63))
}

/// Whether an object with these [`key_lengths`] may have `name` as a key, in any ASCII case.
fn may_have(lengths: u64, name: &str) -> bool {
    (lengths >> name.len().min(63)) & 1 == 1
}

/// [`own_field`] with the object's [`key_lengths`].
fn own_field_in<'a>(obj: &'a Map<String, Value>, lengths: u64, names: &[&str]) -> Option<&'a Value> {
    for n in names {
        // No key of the name's length: neither an exact nor a case-insensitive match.
        if !may_have(lengths, n) {
            continue;
        }
        if let Some(v) = obj.get(*n)
            && !v.is_null()
        {
            return Some(v);
        }
        for (k, v) in obj {
            if !v.is_null() && k.eq_ignore_ascii_case(n) {
                return Some(v);
            }
        }
    }
    None
}

/// A record: its own object and the objects nested in it that hold its fields.
struct Record<'a> {
    layers: Vec<&'a Map<String, Value>>,
    /// Each layer's [`key_lengths`].
    lengths: Vec<u64>,
    fields: Option<&'a JsonFields>,
}

impl<'a> Record<'a> {
    fn new(obj: &'a Map<String, Value>, fields: Option<&'a JsonFields>) -> Record<'a> {
        let mut layers = vec![obj];
        let mut i = 0;
        while i < layers.len() && layers.len() < 8 {
            let o = layers[i];
            let lengths = key_lengths(o);
            for n in NESTED.iter().filter(|n| may_have(lengths, n)) {
                let nested = o.get(*n).or_else(|| o.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)).map(|(_, v)| v));
                match nested {
                    Some(Value::Object(x)) if !layers.iter().any(|l| std::ptr::eq(*l, x)) => layers.push(x),
                    // `{"parsed_data": [{…}]}`
                    Some(Value::Array(a)) if a.len() == 1 => {
                        if let Some(Value::Object(x)) = a.first() {
                            layers.push(x);
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
        let lengths = layers.iter().map(|o| key_lengths(o)).collect();
        Record { layers, lengths, fields }
    }

    fn get(&self, f: Field, names: &[&str]) -> Option<&'a Value> {
        if let Some(m) = self.fields
            && let Some(v) = m.get(self.layers[0], f)
        {
            return Some(v);
        }
        // A nested record (`{"article": {…}}`) is a layer of fields, not a field's value.
        let layer = |v: &Value| matches!(v, Value::Object(x) if self.layers.iter().any(|l| std::ptr::eq(*l, x)));
        self.layers.iter().zip(&self.lengths).find_map(|(o, &len)| {
            names.iter().find_map(|n| own_field_in(o, len, &[n]).filter(|v| !is_page(v) && !layer(v)))
        })
    }

    /// Every key of the record, dotted through nested objects (for the error message).
    fn keys(&self) -> Vec<String> {
        fn walk(o: &Map<String, Value>, prefix: &str, out: &mut Vec<String>, depth: usize) {
            for (k, v) in o {
                let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                match v {
                    Value::Object(x) if depth < 2 => walk(x, &key, out, depth + 1),
                    _ => out.push(key),
                }
                if out.len() > 40 {
                    return;
                }
            }
        }
        let mut out = Vec::new();
        walk(self.layers[0], "", &mut out, 0);
        out
    }
}

/// A scalar as text (numbers become strings), entities decoded, whitespace collapsed.
fn scalar(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => squash(&flatten::decode_entities(s)),
        Value::Number(n) => n.to_string(),
        Value::Bool(_) | Value::Null | Value::Array(_) | Value::Object(_) => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A string, the first string of a list, or an object's `name` (or `text`/`title`/`value`).
fn name_like(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => a.iter().find_map(name_like),
        Value::Object(o) => own_field(o, &["name", "이름", "title", "text", "value", "label", "display_name", "basic"])
            .and_then(name_like),
        _ => scalar(v),
    }
}

/// Every name of a value that may list several (`["김민수", "이소연"]`, `[{"name": …}]`).
fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().flat_map(names_of).collect(),
        Value::Object(o) => {
            if let Some(by) = own_field(o, &["by"]) {
                return names_of(by);
            }
            own_field(o, &["name", "이름", "byline", "display_name", "text", "value"]).map(names_of).unwrap_or_default()
        }
        _ => scalar(v).into_iter().collect(),
    }
}

/// True if a string value is a whole page (a crawler's saved response), not a field.
fn is_page(v: &Value) -> bool {
    match v {
        Value::String(s) => {
            // `<html`, `<!doctype html` or `<head` in the first 4 KiB, in any case (without a
            // lower-cased copy: this is asked of every long field value, bodies included).
            let head = super::boilerplate::prefix(s, 4096).as_bytes();
            let at = |i: usize, tag: &[u8]| head.get(i..i + tag.len()).is_some_and(|x| x.eq_ignore_ascii_case(tag));
            s.len() > 300
                && memchr::memchr_iter(b'<', head)
                    .any(|i| at(i, b"<html") || at(i, b"<!doctype html") || at(i, b"<head"))
        }
        _ => false,
    }
}

/// The page a record holds (`raw_response.content`, `html`, …), if any.
fn embedded_page<'a>(r: &Record<'a>) -> Option<&'a str> {
    for o in &r.layers {
        for n in PAGE {
            match own_field(o, &[n]) {
                Some(v @ Value::String(s)) if is_page(v) => return Some(s),
                Some(Value::Object(x)) => {
                    if let Some(v @ Value::String(s)) = own_field(x, &["content", "body", "html", "text"])
                        && is_page(v)
                    {
                        return Some(s);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// Paragraph texts of a body value.
fn body_paragraphs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            if flatten::looks_like_markup(s) {
                out.extend(flatten::markup_lines(s));
            } else {
                out.extend(lines(s).map(|l| squash(&flatten::decode_entities(l))).filter(|p| !p.is_empty()));
            }
        }
        Value::Array(a) => {
            for item in a {
                body_paragraphs(item, out);
            }
        }
        Value::Object(o) => {
            // Arc's content elements: only the text ones.
            if let Some(Value::String(t)) = o.get("type")
                && !matches!(t.as_str(), "text" | "paragraph" | "p" | "list")
            {
                return;
            }
            if let Some(t) = own_field(o, &["text", "content", "body", "paragraph", "value", "p", "items"]) {
                body_paragraphs(t, out);
            }
        }
        _ => {}
    }
}

fn string_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(name_like).collect(),
        Value::Object(_) => name_like(v).into_iter().collect(),
        _ => scalar(v).map(|s| lines(&s).map(squash).filter(|l| !l.is_empty()).collect()).unwrap_or_default(),
    }
}

fn date_of(v: &Value) -> Option<(chrono::DateTime<chrono::FixedOffset>, bool)> {
    match v {
        Value::String(s) => {
            let s = s.trim();
            let dt = date::parse_value(s)?;
            // A bare `2024-06-18` has no time of day.
            let has_time = s.contains(':') || (s.len() > 8 && s.bytes().all(|b| b.is_ascii_digit()));
            Some((dt, has_time))
        }
        Value::Number(n) => n.as_i64().and_then(date::from_epoch).map(|d| (d, true)),
        Value::Array(a) => a.iter().find_map(date_of),
        Value::Object(o) => own_field(o, &["published", "date", "created", "value"]).and_then(date_of),
        _ => None,
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// One record → its candidates, or why it holds no article.
pub fn record_candidates(
    obj: &Map<String, Value>,
    source: Source,
    fields: Option<&JsonFields>,
    name: &str,
) -> Result<Candidates, String> {
    let r = Record::new(obj, fields);
    let mut c = Candidates::default();
    if let Some(page) = embedded_page(&r) {
        // The page the crawler saved: its own fields first.
        if let Ok(p) = super::html::read(page, name) {
            c = p;
        }
    }
    let mut paras = Vec::new();
    if let Some(b) = r.get(Field::Body, BODY) {
        body_paragraphs(b, &mut paras);
    }
    let title = r.get(Field::Title, TITLE).and_then(name_like);
    if title.is_none() && paras.is_empty() && c.bodies.is_empty() && c.titles.is_empty() {
        let keys = r.keys();
        return Err(format!(
            "no title or body (keys: {}{}; name them with --json-fields title=KEY,body=KEY)",
            keys.iter().take(30).cloned().collect::<Vec<_>>().join(", "),
            if keys.len() > 30 { ", …" } else { "" }
        ));
    }
    if let Some(t) = title {
        c.title(t, source);
    }

    // Press: a string (not a URL), or an object with a name (and perhaps the URL).
    let press_v = r.get(Field::Press, PRESS);
    if let Some(p) = press_v.and_then(name_like).filter(|p| !is_url(p)) {
        c.press(p, source);
    }
    if let Some(u) = r.get(Field::Url, URL).and_then(name_like) {
        c.url(u, source);
    }
    match press_v {
        Some(Value::Object(o)) => {
            if let Some(u) = own_field(o, URL).and_then(scalar) {
                c.url(u, source);
            }
        }
        Some(Value::String(s)) if is_url(s) => c.url(s.clone(), source),
        _ => {}
    }

    // Reporters and e-mail.
    if let Some(v) = r.get(Field::Email, EMAIL).and_then(name_like) {
        c.email(find_email(&v).map_or(v.clone(), str::to_owned), source);
    }
    if let Some(rv) = r.get(Field::Reporter, REPORTER) {
        if let Value::Object(o) = rv
            && let Some(e) = own_field(o, EMAIL).and_then(scalar)
        {
            c.email(e, source);
        }
        if let Value::Array(a) = rv {
            for x in a {
                if let Value::Object(o) = x
                    && let Some(e) = own_field(o, EMAIL).and_then(scalar)
                {
                    c.email(e, source);
                }
            }
        }
        for raw in names_of(rv) {
            let b = parse_byline_value(&raw);
            if let Some(e) = b.email {
                c.email(e, source);
            }
            for n in b.names {
                c.reporter(n, source);
            }
            if let Some(o) = b.org {
                c.press(o, Source::Credit);
            }
        }
    }

    if let Some((dt, has_time)) = r.get(Field::Date, DATE).and_then(date_of) {
        c.date(dt, DateKind::Published, has_time, source);
    }
    if let Some((dt, has_time)) =
        r.layers.iter().zip(&r.lengths).find_map(|(o, &len)| own_field_in(o, len, MODIFIED)).and_then(date_of)
    {
        c.date(dt, DateKind::Modified, has_time, source);
    }
    if let Some(cat) = r.get(Field::Category, CATEGORY).and_then(name_like) {
        c.category(cat, source);
    }
    c.id = r.get(Field::Id, ID).and_then(scalar);
    if c.subtitles.is_empty() {
        c.subtitles = r.get(Field::Subtitles, SUBTITLES).map(string_list).unwrap_or_default();
        for s in &mut c.subtitles {
            if let Some(t) = s.strip_prefix("- ") {
                *s = t.trim().to_owned();
            }
        }
    }
    if !paras.is_empty() {
        c.bodies.push(Body::from_lines(source, paras));
    }
    let has = |k: &str| obj.keys().any(|x| x.eq_ignore_ascii_case(k));
    if c.layout.is_empty() {
        c.layout = if has("headline") || matches!(press_v, Some(Value::Object(_))) {
            "schema-b".to_owned()
        } else if has("title") && has("body") {
            "schema-a".to_owned()
        } else {
            "json".to_owned()
        };
    } else {
        c.layout = format!("json+{}", c.layout);
    }
    Ok(c)
}

/// The records of a parsed JSON value: an object, an array, or a wrapper object.
fn records(v: &Value, fields: Option<&JsonFields>, name: &str) -> Result<Vec<Candidates>, String> {
    match v {
        Value::Object(o) => match record_candidates(o, Source::Record, fields, name) {
            Ok(c) => Ok(vec![c]),
            Err(why) => {
                if let Some(inner) = own_field(o, WRAPPERS).filter(|x| x.is_array() || x.is_object())
                    && let Ok(list) = records(inner, fields, name)
                {
                    return Ok(list);
                }
                Err(why)
            }
        },
        Value::Array(items) => {
            let mut out = Vec::new();
            let mut first_err = None;
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Object(o) => match record_candidates(o, Source::Record, fields, name) {
                        Ok(c) => out.push(c),
                        Err(e) => {
                            first_err.get_or_insert_with(|| format!("record {}: {e}", i + 1));
                        }
                    },
                    _ => {
                        first_err.get_or_insert_with(|| format!("record {} is not an object", i + 1));
                    }
                }
            }
            if out.is_empty() { Err(first_err.unwrap_or_else(|| "empty array".to_owned())) } else { Ok(out) }
        }
        _ => Err("not a JSON object".to_owned()),
    }
}

/// serde_json's message without its ` at line L column C` suffix.
fn message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// A `.json` file: one object, an array of objects, or `{"articles": […]}`.
pub fn read_json(text: &str, fields: Option<&JsonFields>, name: &str) -> Result<Vec<Candidates>, ExtractError> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        ExtractError::Malformed(format!("JSON at line {} column {}: {}", e.line(), e.column(), message(&e)))
    })?;
    records(&v, fields, name).map_err(ExtractError::NoArticle)
}

/// Candidates by line, and the (1-based line, reason) of lines that could not be read.
pub type Lines = (Vec<Candidates>, Vec<(u64, String)>);

/// What a line of an OpenSearch/Elasticsearch `_bulk` file (as `gisa export` writes) says
/// when it is an action rather than a document: `{"index": {"_id": …}}` (or `create`) is
/// followed by its document, whose id it gives; `{"delete": {…}}` stands alone.
enum BulkAction {
    Document(Option<String>),
    Delete,
}

fn bulk_action(v: &Value) -> Option<BulkAction> {
    let obj = v.as_object().filter(|o| o.len() == 1)?;
    let (kind, meta) = obj.iter().next()?;
    let meta = meta.as_object()?;
    match kind.as_str() {
        "index" | "create" => Some(BulkAction::Document(meta.get("_id").and_then(scalar))),
        "delete" => Some(BulkAction::Delete),
        _ => None,
    }
}

/// A JSONL feed: one object per line; a bad line is reported and the others still count.
/// Bulk action lines are skipped, and an `index` action's `_id` is its document's id.
pub fn read_jsonl(text: &str, fields: Option<&JsonFields>, name: &str) -> Result<Lines, ExtractError> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut first_content = true;
    let mut action_id: Option<String> = None;
    for (i, line) in lines(text).enumerate() {
        let n = i as u64 + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match bulk_action(&v) {
                Some(BulkAction::Document(id)) => action_id = id,
                Some(BulkAction::Delete) => action_id = None,
                None => match (records(&v, fields, name), action_id.take()) {
                    (Ok(list), id) => out.extend(list.into_iter().map(|mut c| {
                        c.line = Some(n);
                        if id.is_some() {
                            c.id.clone_from(&id);
                        }
                        c
                    })),
                    (Err(why), _) => bad.push((n, why)),
                },
            },
            Err(e) => {
                // An action's document that cannot be read does not pass its id on.
                action_id = None;
                // A pretty-printed JSON document saved as .jsonl.
                if first_content && let Ok(list) = read_json(text, fields, name) {
                    return Ok((list, Vec::new()));
                }
                bad.push((n, format!("malformed JSON at column {}: {}", e.column(), message(&e))));
            }
        }
        first_content = false;
    }
    Ok((out, bad))
}

#[cfg(test)]
mod tests {
    use crate::ingest::{Article, DateSource, ExtractError, Format};

    fn extract_json(text: &str) -> Result<Vec<Article>, ExtractError> {
        crate::ingest::extract(Format::Json, "x.json", text.as_bytes(), None).map(|x| x.articles)
    }

    type Feed = (Vec<Article>, Vec<(u64, String)>);

    fn extract_jsonl(text: &str) -> Result<Feed, ExtractError> {
        crate::ingest::extract(Format::Jsonl, "x.jsonl", text.as_bytes(), None).map(|x| (x.articles, x.bad_lines))
    }

    const SCHEMA_A: &str = r#"{"id": "art-0000012", "title": "올해 서울 벚꽃 4월 3일 핀다…평년보다 닷새 빨라", "date": "2025-03-11T11:20:00+09:00", "press": "뉴스1", "reporter": "장예린", "email": "yerin@news1.kr", "url": "https://www.news1.kr/society/weather/5712345", "category": "생활/문화", "body": "(서울=뉴스1) 장예린 기자 = 올해 서울의 벚꽃은 다음 달 3일쯤 피기 시작할 것으로 예상된다.\n업체 관계자는 “3월 하순에 꽃샘추위가 찾아오면 개화가 며칠 늦어질 수 있다”고 말했다."}"#;

    const SCHEMA_B: &str = r#"{
      "headline": "中 전기차, EU ‘관세 폭탄’ 앞두고 현지 생산 속도…韓 배터리 업계 촉각",
      "published": "2024-06-13 17:05:00",
      "source": {"name": "조선비즈", "url": "https://biz.chosun.com/international/2024/06/13/7Q3XKZ2M5B/"},
      "byline": "최윤서 기자 (yunseo@chosun.com)",
      "section": "국제",
      "content": ["유럽연합(EU)이 중국산 전기차에 추가 관세를 물리겠다고 예고했다.", " 중국 상무부는 대응 조치를 예고했다. "],
      "images": [{"caption": "수출용 차량이 선적을 기다리고 있다. /로이터 연합뉴스"}]
    }"#;

    #[test]
    fn schema_a() {
        let v = extract_json(SCHEMA_A).expect("schema a");
        assert_eq!(v.len(), 1);
        let a = &v[0];
        assert_eq!(a.id.as_deref(), Some("art-0000012"));
        assert_eq!(a.title, "올해 서울 벚꽃 4월 3일 핀다…평년보다 닷새 빨라");
        assert_eq!(a.date.map(|d| d.datetime.to_rfc3339()).as_deref(), Some("2025-03-11T11:20:00+09:00"));
        assert_eq!(a.date.map(|d| d.source), Some(DateSource::Page));
        assert_eq!(a.press.as_deref(), Some("뉴스1"));
        assert_eq!(a.reporter.as_deref(), Some("장예린"));
        assert_eq!(a.email.as_deref(), Some("yerin@news1.kr"));
        assert_eq!(a.url.as_deref(), Some("https://www.news1.kr/society/weather/5712345"));
        assert_eq!(a.category.as_deref(), Some("생활/문화"));
        assert!(a.body.starts_with("(서울=뉴스1) 장예린 기자 = 올해"));
        assert_eq!(a.body.lines().count(), 2);
        assert_eq!(a.layout, "schema-a");
    }

    #[test]
    fn schema_b() {
        let a = &extract_json(SCHEMA_B).expect("schema b")[0];
        assert_eq!(a.title, "中 전기차, EU ‘관세 폭탄’ 앞두고 현지 생산 속도…韓 배터리 업계 촉각");
        assert_eq!(a.date.map(|d| d.datetime.to_rfc3339()).as_deref(), Some("2024-06-13T17:05:00+09:00"));
        assert_eq!(a.press.as_deref(), Some("조선비즈"));
        assert_eq!(a.url.as_deref(), Some("https://biz.chosun.com/international/2024/06/13/7Q3XKZ2M5B/"));
        assert_eq!(a.reporter.as_deref(), Some("최윤서"));
        assert_eq!(a.email.as_deref(), Some("yunseo@chosun.com"));
        assert_eq!(a.category.as_deref(), Some("국제"));
        assert_eq!(
            a.body,
            "유럽연합(EU)이 중국산 전기차에 추가 관세를 물리겠다고 예고했다.\n중국 상무부는 대응 조치를 예고했다."
        );
        assert_eq!(a.layout, "schema-b");
    }

    #[test]
    fn other_field_names() {
        let t = r#"[{"Headline": "제목 하나", "Contents": [{"text": "첫 문단이다."}, {"text": "둘째 문단이다."}],
                     "publishedAt": 1718691120, "publisher": "KBS", "author": {"name": "정민혁", "email": "mhjung@kbs.co.kr"},
                     "link": "https://news.kbs.co.kr/x", "categories": ["경제", "산업"], "_id": 42},
                    {"meta": "not an article"},
                    {"제목": "둘째 기사", "본문": "<p>문단 <b>하나</b>.</p><p>문단&nbsp;둘.</p>", "언론사": "연합뉴스", "기자": "김민수 기자 (minsoo@yna.co.kr)"}]"#;
        let v = extract_json(t).expect("array");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].title, "제목 하나");
        assert_eq!(v[0].body, "첫 문단이다.\n둘째 문단이다.");
        assert_eq!(v[0].date.map(|d| d.datetime.to_rfc3339()).as_deref(), Some("2024-06-18T15:12:00+09:00"));
        assert_eq!(v[0].reporter.as_deref(), Some("정민혁"));
        assert_eq!(v[0].email.as_deref(), Some("mhjung@kbs.co.kr"));
        assert_eq!(v[0].category.as_deref(), Some("경제"));
        assert_eq!(v[0].id.as_deref(), Some("42"));
        assert_eq!(v[1].body, "문단 하나.\n문단 둘.");
        assert_eq!(v[1].reporter.as_deref(), Some("김민수"));
        assert_eq!(v[1].email.as_deref(), Some("minsoo@yna.co.kr"));
        // A wrapper object.
        let w = extract_json(r#"{"articles": [{"title": "가", "body": "나."}]}"#).expect("wrapper");
        assert_eq!(w[0].title, "가");
    }

    #[test]
    fn errors() {
        match extract_json("{\n  \"title\": \"가\",\n  \"body\": \n}") {
            Err(ExtractError::Malformed(m)) => assert!(m.starts_with("JSON at line 4 column 1: "), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(extract_json(r#"{"press": "KBS"}"#), Err(ExtractError::NoArticle(_))));
        assert!(matches!(extract_json("[1, 2]"), Err(ExtractError::NoArticle(_))));
        assert!(matches!(extract_json("\"text\""), Err(ExtractError::NoArticle(_))));
    }

    #[test]
    fn jsonl_with_a_bad_line() {
        let feed = format!(
            "{SCHEMA_A}\n{{\"title\": \"깨진 줄\", \"body\": \n\n{}\n{{\"press\": \"KBS\"}}\n",
            SCHEMA_B.replace('\n', " ")
        );
        let (arts, bad) = extract_jsonl(&feed).expect("feed");
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].line, Some(1));
        assert_eq!(arts[1].line, Some(4));
        assert_eq!(arts[1].press.as_deref(), Some("조선비즈"));
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].0, 2);
        assert!(bad[0].1.contains("malformed JSON"), "{}", bad[0].1);
        assert_eq!(bad[1].0, 5);
        assert!(bad[1].1.starts_with("no title or body (keys: press;"), "{}", bad[1].1);
    }

    #[test]
    fn bulk_files_read_as_feeds() {
        let bulk = format!(
            "{{\"index\":{{\"_id\":\"daum/a.txt\"}}}}\n{SCHEMA_A}\n{{\"delete\":{{\"_id\":\"gone\"}}}}\n{{\"create\":{{\"_id\":7}}}}\n{}\n",
            SCHEMA_B.replace('\n', " ")
        );
        let (arts, bad) = extract_jsonl(&bulk).expect("bulk");
        assert_eq!(bad, Vec::new());
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].id.as_deref(), Some("daum/a.txt"), "the action's _id wins");
        assert_eq!(arts[0].line, Some(2));
        assert_eq!(arts[1].id.as_deref(), Some("7"));
        assert_eq!(arts[1].press.as_deref(), Some("조선비즈"));
        // A document that cannot be read does not hand its action's id to the next one.
        let broken = format!("{{\"index\":{{\"_id\":\"x\"}}}}\n{{\"title\": \n{SCHEMA_A}\n");
        let (arts, bad) = extract_jsonl(&broken).expect("bulk");
        assert_eq!(bad.len(), 1);
        assert_eq!(arts[0].id.as_deref(), Some("art-0000012"));
    }

    #[test]
    fn pretty_json_in_a_jsonl_file() {
        let (arts, bad) = extract_jsonl(SCHEMA_B).expect("pretty");
        assert_eq!((arts.len(), bad.len()), (1, 0));
    }
}
