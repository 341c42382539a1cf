//! Structured data in a page: JSON-LD (`NewsArticle`, `Article`, `ReportageNewsArticle` …:
//! headline, dates, authors, publisher, section, URL, `articleBody`) and article payloads
//! that pages render from scripts (Next.js `__NEXT_DATA__`, Arc XP `Fusion.globalContent`,
//! `window.__INITIAL_STATE__`, `__PRELOADED_STATE__`, `__APOLLO_STATE__` …). A payload's
//! article is the object of its JSON tree that reads most like one — Arc's `content_elements`
//! with `headlines`, or any object with a headline-like and a long body-like field (read by
//! the JSON record reader, so the same field names apply).

use serde_json::{Map, Value};

use super::boilerplate::{lines, squash};
use super::byline::{find_email, parse_byline_value};
use super::candidate::{Body, Candidates, DateKind, Source};
use super::{date, flatten, json};

/// Parses JSON that pages ship slightly broken: HTML comments or CDATA around it, raw line
/// breaks inside strings, trailing commas.
fn lenient_json(text: &str) -> Option<Value> {
    let t = text.trim().trim_start_matches("<!--").trim_end_matches("-->").trim();
    let t = t.trim_start_matches("//<![CDATA[").trim_end_matches("//]]>").trim();
    if let Ok(v) = serde_json::from_str(t) {
        return Some(v);
    }
    // Raw control characters inside strings (a common CMS template bug) and trailing commas.
    let mut fixed = String::with_capacity(t.len());
    let mut in_str = false;
    let mut esc = false;
    for c in t.chars() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            } else if c.is_control() {
                fixed.push(' ');
                continue;
            }
        } else if c == '"' {
            in_str = true;
        } else if c == '}' || c == ']' {
            let trimmed = fixed.trim_end();
            if trimmed.ends_with(',') {
                let cut = trimmed.len() - 1;
                fixed.truncate(cut);
            }
        }
        fixed.push(c);
    }
    serde_json::from_str(&fixed).ok()
}

fn is_article_type(t: &Value) -> bool {
    let one = |s: &str| s.ends_with("Article") || s == "Report" || s == "BlogPosting" || s == "LiveBlogPosting";
    match t {
        Value::String(s) => one(s),
        Value::Array(a) => a.iter().any(|x| x.as_str().is_some_and(one)),
        _ => false,
    }
}

/// The article objects of a JSON-LD value (in arrays and `@graph` too).
fn ld_articles<'a>(v: &'a Value, depth: usize, out: &mut Vec<&'a Map<String, Value>>) {
    if depth > 5 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| ld_articles(x, depth + 1, out)),
        Value::Object(o) => {
            if o.get("@type").is_some_and(is_article_type) {
                out.push(o);
            } else if let Some(g) = o.get("@graph") {
                ld_articles(g, depth + 1, out);
            }
        }
        _ => {}
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(squash(&flatten::decode_entities(s))).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| text(Some(x))),
        Value::Object(o) => text(o.get("name")),
        _ => None,
    }
}

fn ld_date(c: &mut Candidates, v: Option<&Value>, kind: DateKind, source: Source) {
    if let Some(s) = text(v)
        && let Some(dt) = date::parse_value(&s)
    {
        c.date(dt, kind, s.contains(':'), source);
    }
}

/// Authors of a JSON-LD or payload object: names (bylines parsed) and e-mails.
fn authors(c: &mut Candidates, v: &Value, source: Source) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| authors(c, x, source)),
        Value::Object(o) => {
            if let Some(Value::String(e)) = o.get("email")
                && let Some(e) = find_email(e)
            {
                c.email(e, source);
            }
            if o.get("@type").and_then(Value::as_str) == Some("Organization") {
                if let Some(n) = text(o.get("name")) {
                    c.press(n, source);
                }
                return;
            }
            if let Some(n) = o.get("name") {
                authors(c, n, source);
            }
        }
        Value::String(s) => {
            let b = parse_byline_value(&flatten::decode_entities(s));
            for n in b.names {
                c.reporter(n, source);
            }
            if let Some(e) = b.email {
                c.email(e, source);
            }
            if let Some(o) = b.org {
                c.press(o, Source::Credit);
            }
        }
        _ => {}
    }
}

/// Reads the JSON-LD scripts of a page.
pub fn linked_data(scripts: impl Iterator<Item = String>, c: &mut Candidates) {
    for s in scripts {
        let Some(v) = lenient_json(&s) else { continue };
        let mut arts = Vec::new();
        ld_articles(&v, 0, &mut arts);
        let Some(o) = arts.first() else { continue };
        let src = Source::LinkedData;
        if let Some(h) = text(o.get("headline")).filter(|h| h.chars().count() <= 300) {
            c.title(h, src);
        }
        ld_date(c, o.get("datePublished"), DateKind::Published, src);
        ld_date(c, o.get("dateCreated"), DateKind::Published, src);
        ld_date(c, o.get("dateModified"), DateKind::Modified, src);
        if let Some(a) = o.get("author") {
            authors(c, a, src);
        }
        if let Some(p) = o.get("publisher").and_then(|p| text(Some(p))) {
            c.press(p, src);
        }
        if let Some(s) = text(o.get("articleSection")) {
            c.category(s, src);
        }
        let url = match o.get("mainEntityOfPage") {
            Some(Value::Object(m)) => text(m.get("@id")).or_else(|| text(m.get("url"))),
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        }
        .or_else(|| text(o.get("url")));
        if let Some(u) = url.filter(|u| u.starts_with("http")) {
            c.url(u, src);
        }
        if let Some(Value::String(b)) = o.get("articleBody") {
            let lines = if flatten::looks_like_markup(b) {
                flatten::markup_lines(b)
            } else {
                lines(b).map(|l| squash(&flatten::decode_entities(l))).filter(|l| !l.is_empty()).collect()
            };
            if !lines.is_empty() {
                c.bodies.push(Body::from_lines(src, lines));
            }
        }
        return;
    }
}

/// Script variables pages keep their data in.
const MARKERS: &[&str] = &[
    "Fusion.globalContent",
    "__INITIAL_STATE__",
    "__PRELOADED_STATE__",
    "__APOLLO_STATE__",
    "__INITIAL_DATA__",
    "__NEXT_DATA__",
    "__NUXT_DATA__",
    "__DATA__",
    "__STATE__",
    "__ARTICLE__",
    "articleData",
];

/// The JSON value assigned after `marker` in a script (`window.X = {…};`).
fn assigned_json(script: &str, marker: &str) -> Option<Value> {
    let at = script.find(marker)?;
    let rest = &script[at + marker.len()..];
    let rest = rest.trim_start().trim_start_matches(['"', '\'', ']']).trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    if !rest.starts_with(['{', '[']) {
        return None;
    }
    let mut de = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    de.next()?.ok()
}

/// How much an object looks like an article: the length of its body-like text, 0 if it has no
/// headline-like field.
fn article_score(o: &Map<String, Value>) -> usize {
    const TITLES: &[&str] =
        &["title", "headline", "headlines", "articleTitle", "article_title", "newsTitle", "news_title", "subject"];
    const BODIES: &[&str] = &[
        "content_elements",
        "content",
        "body",
        "articleBody",
        "article_body",
        "text",
        "contents",
        "html",
        "newsContent",
        "articleContent",
        "content_html",
        "body_html",
    ];
    let titled = TITLES.iter().any(|k| match o.get(*k) {
        Some(Value::String(s)) => (2..=300).contains(&s.chars().count()),
        Some(Value::Object(h)) => h.get("basic").is_some_and(Value::is_string),
        _ => false,
    });
    if !titled {
        return 0;
    }
    BODIES
        .iter()
        .map(|k| match o.get(*k) {
            Some(Value::String(s)) => s.len(),
            Some(Value::Array(a)) => a
                .iter()
                .map(|x| match x {
                    Value::Object(e) => e.get("content").and_then(Value::as_str).map_or(0, str::len),
                    Value::String(s) => s.len(),
                    _ => 0,
                })
                .sum(),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
}

/// The most article-like object of a JSON tree (a body of 200 bytes at least).
fn find_article(v: &Value) -> Option<&Map<String, Value>> {
    let mut best: Option<(&Map<String, Value>, usize)> = None;
    let mut stack = vec![(v, 0usize)];
    let mut budget = 200_000usize;
    while let Some((v, depth)) = stack.pop() {
        budget = budget.checked_sub(1)?;
        match v {
            Value::Object(o) => {
                let s = article_score(o);
                if s >= 200 && best.is_none_or(|(_, b)| s > b) {
                    best = Some((o, s));
                }
                if depth < 24 {
                    stack.extend(o.values().map(|x| (x, depth + 1)));
                }
            }
            Value::Array(a) if depth < 24 => stack.extend(a.iter().map(|x| (x, depth + 1))),
            _ => {}
        }
    }
    best.map(|(o, _)| o)
}

/// A Korean name written given-name first (`선민 박`) → `박선민`.
fn western_name(n: &str) -> String {
    let parts: Vec<&str> = n.split_whitespace().collect();
    match parts.as_slice() {
        [given, family] if family.chars().count() == 1 && given.chars().count() <= 3 => format!("{family}{given}"),
        _ => n.to_owned(),
    }
}

/// Arc XP's article form (ANS): `headlines.basic`, `content_elements`, `credits.by`, …
fn arc_article(o: &Map<String, Value>, c: &mut Candidates) -> bool {
    let Some(Value::Array(elements)) = o.get("content_elements") else { return false };
    let src = Source::Script;
    if let Some(h) = o.get("headlines").and_then(|h| text(h.get("basic"))) {
        c.title(h, src);
    }
    if let Some(s) = o.get("subheadlines").and_then(|h| text(h.get("basic"))) {
        c.subtitles.extend(lines(&s).map(squash).filter(|x| !x.is_empty()));
    }
    let mut lines = Vec::new();
    for e in elements {
        let Value::Object(e) = e else { continue };
        match e.get("type").and_then(Value::as_str) {
            Some("text") | Some("header") => {
                if let Some(Value::String(t)) = e.get("content") {
                    lines.extend(flatten::markup_lines(t));
                }
            }
            Some("list") => {
                if let Some(Value::Array(items)) = e.get("items") {
                    for i in items {
                        if let Some(Value::String(t)) = i.get("content") {
                            lines.extend(flatten::markup_lines(t));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(Value::Object(cr)) = o.get("credits")
        && let Some(Value::Array(a)) = cr.get("by")
    {
        for p in a {
            let original = p.get("additional_properties").and_then(|x| x.get("original"));
            let byline = original
                .and_then(|o| o.get("byline"))
                .or_else(|| p.get("byline"))
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
                .map(str::to_owned)
                // Arc keeps Korean names in Western order (`선민 박`).
                .or_else(|| p.get("name").and_then(Value::as_str).map(western_name));
            if let Some(b) = byline {
                authors(c, &Value::String(b), src);
            }
            if let Some(e) = original.and_then(|o| o.get("email")).or_else(|| p.get("email")).and_then(Value::as_str)
                && let Some(e) = find_email(e)
            {
                c.email(e, src);
            }
        }
    }
    for (k, kind) in [
        ("first_publish_date", DateKind::Published),
        ("display_date", DateKind::Published),
        ("last_updated_date", DateKind::Modified),
    ] {
        ld_date(c, o.get(k), kind, src);
    }
    if let Some(sec) = o.get("taxonomy").and_then(|t| t.get("primary_section")).and_then(|s| text(s.get("name"))) {
        c.category(sec, src);
    }
    if !lines.is_empty() {
        c.bodies.push(Body::from_lines(src, lines));
    }
    true
}

/// Reads the article payloads of a page's scripts.
pub fn payloads(scripts: impl Iterator<Item = (Option<String>, String)>, c: &mut Candidates) {
    for (id, s) in scripts {
        if s.len() < 200 {
            continue;
        }
        let value = if id.as_deref() == Some("__NEXT_DATA__") || id.as_deref() == Some("__NUXT_DATA__") {
            lenient_json(&s)
        } else {
            MARKERS.iter().filter(|m| s.contains(*m)).find_map(|m| assigned_json(&s, m))
        };
        let Some(v) = value else { continue };
        let Some(o) = find_article(&v) else { continue };
        if arc_article(o, c) {
            continue;
        }
        if let Ok(x) = json::record_candidates(o, Source::Script, None, "") {
            let mut x = x;
            for d in &mut x.dates {
                d.source = Source::Script;
            }
            c.extend(x);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_json_ld() {
        let v = lenient_json("<!--\n{\"@type\": \"NewsArticle\", \"headline\": \"줄\n바꿈\", \"x\": [1, 2,],}\n-->");
        assert_eq!(
            v.and_then(|v| v.get("headline").and_then(Value::as_str).map(str::to_owned)).as_deref(),
            Some("줄 바꿈")
        );
    }

    #[test]
    fn next_data_and_assignments() {
        let body = "첫 문단이다. ".repeat(30);
        let script = format!(
            "window.__INITIAL_STATE__ = {{\"page\": {{\"article\": {{\"title\": \"제목이다\", \"content\": \"<p>{body}</p><p>둘째.</p>\", \"reporter\": \"김민수 기자\", \"reg_date\": \"2024-06-18 15:12\"}}}}}};var x=1;"
        );
        let mut c = Candidates::default();
        payloads(std::iter::once((None, script)), &mut c);
        assert_eq!(c.titles.first().map(|t| t.value.as_str()), Some("제목이다"));
        assert_eq!(c.reporters.first().map(|t| t.value.as_str()), Some("김민수"));
        assert_eq!(c.bodies.first().map(|b| b.lines.len()), Some(2));
        assert_eq!(c.dates.first().map(|d| d.datetime.to_rfc3339()).as_deref(), Some("2024-06-18T15:12:00+09:00"));
    }

    #[test]
    fn odd_scripts_do_not_panic() {
        for s in ["Fusion.globalContent=", "Fusion.globalContent={", "__NEXT_DATA__ = [", "x".repeat(300).as_str()] {
            let mut c = Candidates::default();
            payloads(std::iter::once((None, format!("{s}{}", " ".repeat(200)))), &mut c);
            payloads(std::iter::once((Some("__NEXT_DATA__".to_owned()), format!("{s}{}", " ".repeat(200)))), &mut c);
        }
    }
}
