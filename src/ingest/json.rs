//! JSON records (`.json`: one object, an array of objects, or an object holding such an array)
//! and JSONL feeds (one object per line).
//!
//! Field names are matched case-insensitively; for each field the first name of its list that
//! the record has wins:
//!
//! | field | names |
//! |---|---|
//! | title | `title`, `headline`, `제목`, `subject` |
//! | body | `body`, `content`, `text`, `본문`, `article`, `contents` — a string, an array of paragraph strings, or an array of objects with a text field |
//! | date | `date`, `published`, `published_at`, `publishedAt`, `datetime`, `pubDate`, `date_published`, `입력`, `작성일`, … |
//! | press | `press`, `source`, `publisher`, `media`, `언론사`, `site_name` — a string or an object with `name` |
//! | reporter | `reporter`, `author`, `byline`, `writer`, `기자` — a string, a list, or an object with `name`; a byline `김민수 기자 (minsoo@yna.co.kr)` gives the name and the e-mail |
//! | url | `url`, `link`, `href`, `canonical`, or `source.url` |
//! | category | `category`, `section`, `categories` |
//! | id | `id`, `_id`, `article_id`, `uuid` (numbers become strings) |

use serde_json::{Map, Value};

use super::boilerplate::{self, find_email, parse_byline_line, parse_byline_value};
use super::{Article, ArticleDate, DateSource, ExtractError, date};

const TITLE: &[&str] = &["title", "headline", "제목", "subject", "name_of_article", "heading"];
const BODY: &[&str] =
    &["body", "content", "text", "본문", "article", "contents", "articleBody", "article_body", "내용"];
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
    "created_at",
    "createdAt",
    "created",
    "time",
    "timestamp",
    "날짜",
    "등록일",
    "입력일",
];
const PRESS: &[&str] =
    &["press", "source", "publisher", "media", "언론사", "site_name", "siteName", "outlet", "provider"];
const REPORTER: &[&str] =
    &["reporter", "author", "byline", "writer", "기자", "authors", "reporters", "기자명", "작성자"];
const EMAIL: &[&str] = &["email", "reporter_email", "author_email", "mail", "이메일"];
const URL: &[&str] = &["url", "link", "href", "canonical", "originallink", "permalink", "article_url", "source_url"];
const CATEGORY: &[&str] = &["category", "section", "categories", "sections", "분류", "섹션", "카테고리"];
const ID: &[&str] = &["id", "_id", "article_id", "uuid", "aid", "articleId", "doc_id", "기사id"];
const SUBTITLES: &[&str] =
    &["subtitles", "subtitle", "sub_title", "subheadline", "subheadings", "subheading", "부제", "부제목"];
/// Fields of a wrapper object that hold the records (`{"articles": […]}`).
const WRAPPERS: &[&str] =
    &["articles", "items", "data", "results", "docs", "documents", "news", "records", "entries", "list"];

/// The value of the first of `names` the object has (ASCII case-insensitive), skipping nulls.
fn field<'a>(obj: &'a Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    for n in names {
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

/// A scalar as text (numbers become strings), trimmed and whitespace-collapsed.
fn scalar(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => boilerplate::squash(s),
        Value::Number(n) => n.to_string(),
        Value::Bool(_) | Value::Null | Value::Array(_) | Value::Object(_) => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// A string, the first string of a list, or an object's `name` (or `text`/`title`/`value`).
fn name_like(v: &Value) -> Option<String> {
    match v {
        Value::Array(a) => a.iter().find_map(name_like),
        Value::Object(o) => {
            field(o, &["name", "이름", "title", "text", "value", "label", "display_name"]).and_then(name_like)
        }
        _ => scalar(v),
    }
}

fn looks_like_html(s: &str) -> bool {
    s.contains("<br") || s.contains("<p>") || s.contains("<p ") || s.contains("</p>") || s.contains("</div>")
}

/// Paragraph texts of a body value.
fn body_paragraphs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => {
            let owned;
            let s = if looks_like_html(s) {
                owned = boilerplate::html_to_text(s);
                owned.as_str()
            } else {
                s.as_str()
            };
            out.extend(s.split('\n').map(boilerplate::squash).filter(|p| !p.is_empty()));
        }
        Value::Array(a) => {
            for item in a {
                body_paragraphs(item, out);
            }
        }
        Value::Object(o) => {
            if let Some(t) = field(o, &["text", "content", "body", "paragraph", "value", "p"]) {
                body_paragraphs(t, out);
            }
        }
        _ => {}
    }
}

fn string_list(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(name_like).collect(),
        _ => scalar(v)
            .map(|s| s.split('\n').map(boilerplate::squash).filter(|l| !l.is_empty()).collect())
            .unwrap_or_default(),
    }
}

fn date_of(v: &Value) -> Option<ArticleDate> {
    let dt = match v {
        Value::String(s) => date::parse_value(s),
        Value::Number(n) => n.as_i64().and_then(date::from_epoch),
        Value::Object(o) => return field(o, &["published", "date", "created", "value"]).and_then(date_of),
        _ => None,
    }?;
    Some(ArticleDate { datetime: dt, source: DateSource::Page })
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// One record → an article, or why not.
fn article_of(obj: &Map<String, Value>) -> Result<Article, String> {
    let mut a = Article { title: field(obj, TITLE).and_then(name_like).unwrap_or_default(), ..Article::default() };
    let mut paras = Vec::new();
    if let Some(b) = field(obj, BODY) {
        body_paragraphs(b, &mut paras);
    }
    if a.title.is_empty() && paras.is_empty() {
        return Err("no title or body".to_owned());
    }

    // Press: a string (not a URL), or an object with a name (and perhaps the URL).
    let press_v = field(obj, PRESS);
    a.press = press_v.and_then(name_like).filter(|p| !is_url(p));
    a.url = field(obj, URL).and_then(scalar).or_else(|| match press_v {
        Some(Value::Object(o)) => field(o, URL).and_then(scalar),
        Some(Value::String(s)) if is_url(s) => Some(s.clone()),
        _ => None,
    });

    // Reporter and e-mail.
    if let Some(r) = field(obj, REPORTER) {
        let (raw, email) = match r {
            Value::Object(o) => {
                (field(o, &["name", "이름", "display_name"]).and_then(name_like), field(o, EMAIL).and_then(scalar))
            }
            _ => (name_like(r), None),
        };
        if let Some(raw) = raw {
            let b = parse_byline_value(&raw);
            a.reporter = b.name;
            a.email = email.or(b.email);
        } else {
            a.email = email;
        }
    }
    if let Some(e) = field(obj, EMAIL).and_then(scalar) {
        a.email = find_email(&e).map(str::to_owned).or(Some(e));
    }

    if a.reporter.is_some() && a.reporter == a.press {
        // `author: "KBS"`: the press, not a person.
        a.reporter = None;
    }
    a.date = field(obj, DATE).and_then(date_of);
    a.category = field(obj, CATEGORY).and_then(name_like);
    a.id = field(obj, ID).and_then(scalar);
    a.subtitles = field(obj, SUBTITLES).map(string_list).unwrap_or_default();
    for s in &mut a.subtitles {
        if let Some(t) = s.strip_prefix("- ") {
            *s = t.trim().to_owned();
        }
    }

    // A byline or copyright pasted at the end of a crawled body is not body.
    while let Some(last) = paras.last() {
        if boilerplate::is_copyright(last) || boilerplate::is_image_note(last) {
            paras.pop();
        } else if let Some(b) = parse_byline_line(last) {
            if a.reporter.is_none() {
                a.reporter = b.name;
            }
            if a.email.is_none() {
                a.email = b.email;
            }
            paras.pop();
        } else {
            break;
        }
    }
    if a.reporter.is_none()
        && let Some(d) = paras.first().and_then(|p| boilerplate::parse_dateline(p))
    {
        a.reporter = d.reporter;
        if a.press.is_none() {
            a.press = d.press;
        }
    }
    a.body = boilerplate::join_paragraphs(&paras);
    if a.title.is_empty() {
        // A title-less record: the first words of its body.
        a.title = paras.first().map(|p| p.chars().take(60).collect()).unwrap_or_default();
    }
    let has = |k: &str| obj.keys().any(|x| x.eq_ignore_ascii_case(k));
    a.layout = if has("headline") || matches!(press_v, Some(Value::Object(_))) {
        "schema-b".to_owned()
    } else if has("title") && has("body") {
        "schema-a".to_owned()
    } else {
        "json".to_owned()
    };
    Ok(a)
}

/// The records of a parsed JSON value: an object, an array, or a wrapper object.
fn records(v: &Value) -> Result<Vec<Article>, String> {
    match v {
        Value::Object(o) => match article_of(o) {
            Ok(a) => Ok(vec![a]),
            Err(why) => {
                if let Some(inner) = field(o, WRAPPERS).filter(|x| x.is_array() || x.is_object()) {
                    return records(inner);
                }
                Err(why)
            }
        },
        Value::Array(items) => {
            let mut out = Vec::new();
            let mut first_err = None;
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::Object(o) => match article_of(o) {
                        Ok(a) => out.push(a),
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
pub fn extract_json(text: &str) -> Result<Vec<Article>, ExtractError> {
    let v: Value = serde_json::from_str(text).map_err(|e| {
        ExtractError::Malformed(format!("JSON at line {} column {}: {}", e.line(), e.column(), message(&e)))
    })?;
    records(&v).map_err(ExtractError::NoArticle)
}

/// Articles, and the (1-based line, reason) of lines that could not be read.
pub type Lines = (Vec<Article>, Vec<(u64, String)>);

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
pub fn extract_jsonl(text: &str) -> Result<Lines, ExtractError> {
    let mut articles = Vec::new();
    let mut bad = Vec::new();
    let mut first_content = true;
    let mut action_id: Option<String> = None;
    for (i, line) in text.split('\n').enumerate() {
        let n = i as u64 + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(v) => match bulk_action(&v) {
                Some(BulkAction::Document(id)) => action_id = id,
                Some(BulkAction::Delete) => action_id = None,
                None => match (records(&v), action_id.take()) {
                    (Ok(list), id) => articles.extend(list.into_iter().map(|mut a| {
                        a.line = Some(n);
                        if id.is_some() {
                            a.id.clone_from(&id);
                        }
                        a
                    })),
                    (Err(why), _) => bad.push((n, why)),
                },
            },
            Err(e) => {
                // An action's document that cannot be read does not pass its id on.
                action_id = None;
                // A pretty-printed JSON document saved as .jsonl.
                if first_content && let Ok(list) = extract_json(text) {
                    return Ok((list, Vec::new()));
                }
                bad.push((n, format!("malformed JSON at column {}: {}", e.column(), message(&e))));
            }
        }
        first_content = false;
    }
    Ok((articles, bad))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(bad[1], (5, "no title or body".to_owned()));
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
