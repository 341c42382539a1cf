//! `gisa serve` over HTTP on loopback: every route and every error, the HIT schema of
//! `gisa search --format json` exactly, the OpenAPI document checked against real
//! responses, reloading after `gisa index`, the bind and token rules, time limits, and a
//! clean stop on SIGTERM.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::server::{Server, enc, gisa_bin};
use common::{gisa, repo};
use serde_json::{Value, json};

fn index_corpus(dir: &Path) -> PathBuf {
    let index = dir.join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(repo().join("corpus")).assert().success();
    index
}

fn openapi() -> Value {
    serde_json::from_str(gisa::serve::assets::OPENAPI).unwrap()
}

/// The validator of one route's 200 response (or its error response), built from the
/// OpenAPI document itself so that its `$ref`s resolve.
fn validator(doc: &Value, route: &str, status: &str) -> jsonschema::Validator {
    let responses = &doc["paths"][route]["get"]["responses"];
    let resp = if responses[status].is_null() { &responses["default"] } else { &responses[status] };
    let schema = &resp["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{route} {status} has a schema");
    let mut root = doc.clone();
    root["$schema"] = json!("https://json-schema.org/draft/2020-12/schema");
    for (k, v) in schema.as_object().unwrap() {
        root[k] = v.clone();
    }
    jsonschema::validator_for(&root).unwrap_or_else(|e| panic!("the schema of {route} {status}: {e}"))
}

fn assert_valid(doc: &Value, route: &str, status: u16, body: &Value) {
    let v = validator(doc, route, &status.to_string());
    let errors: Vec<String> = v.iter_errors(body).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{route} {status} does not match the OpenAPI document: {errors:?}\n{body}");
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

#[test]
fn every_route_answers_in_the_documented_schema_and_every_error_is_json() {
    let dir = tempfile::tempdir().unwrap();
    let index = index_corpus(dir.path());
    let report = repo().join("examples/watch.toml");
    let server = Server::start(&index, &["--report", report.to_str().unwrap()]);
    let doc = openapi();

    // /api/search: the hits are exactly those of `gisa search --format json`.
    let (status, body) = server.get(&format!("/api/search?q={}&limit=5&fragments=3", enc("삼성전자 반도체")));
    assert_eq!(status, 200, "{body}");
    assert_valid(&doc, "/api/search", 200, &body);
    let cli = gisa()
        .arg("--index")
        .arg(&index)
        .args(["search", "삼성전자 반도체", "--format", "json", "--limit", "5", "--fragments", "3"])
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    assert!(body["total"].as_u64().unwrap() >= 2);
    assert_eq!(body["total"], cli["total"]);
    assert_eq!(body["hits"], cli["hits"], "the API's hits are the CLI's, field for field");
    let first = &body["hits"][0];
    assert!(first["title"].as_str().unwrap().contains("삼성전자"));
    assert!(!first["title_highlights"].as_array().unwrap().is_empty(), "the title is highlighted");
    assert!(!first["snippets"][0]["highlights"].as_array().unwrap().is_empty(), "snippets are highlighted");

    // Particles and inflections: 서울은 finds 서울, 만났다 finds 만나다 — as on the CLI.
    for q in ["반도체가", "만났다"] {
        let (status, body) = server.get(&format!("/api/search?q={}", enc(q)));
        assert_eq!(status, 200);
        assert!(body["total"].as_u64().unwrap() > 0, "{q} finds something");
    }

    // Filters, order, paging and facets.
    let press = first["press"].as_str().unwrap().to_owned();
    let (status, filtered) =
        server.get(&format!("/api/search?q={}&press={}&facets=press,month", enc("삼성전자 반도체"), enc(&press)));
    assert_eq!(status, 200);
    assert_valid(&doc, "/api/search", 200, &filtered);
    assert!(filtered["hits"].as_array().unwrap().iter().all(|h| h["press"] == press.as_str()));
    assert_eq!(filtered["facets"]["press"]["values"][0]["value"], press.as_str());
    assert_eq!(filtered["facets"]["press"]["values"][0]["count"], filtered["total"]);
    assert!(!filtered["facets"]["month"]["values"].as_array().unwrap().is_empty());
    let (_, newest) = server.get(&format!("/api/search?q={}&sort=-date&limit=20", enc("삼성전자")));
    let dates: Vec<&str> = newest["hits"].as_array().unwrap().iter().filter_map(|h| h["date"].as_str()).collect();
    assert!(dates.len() >= 2 && dates.windows(2).all(|w| w[0] >= w[1]), "newest first: {dates:?}");
    let (_, page2) = server.get(&format!("/api/search?q={}&sort=-date&limit=1&offset=1", enc("삼성전자")));
    assert_eq!(page2["hits"][0]["id"], newest["hits"][1]["id"]);
    assert_eq!(page2["hits"][0]["rank"], 2);
    let (_, since) = server.get(&format!("/api/search?q={}&since=2024-07-01&until=2024-07-31", enc("삼성전자")));
    assert!(since["hits"].as_array().unwrap().iter().all(|h| h["date"].as_str().unwrap().starts_with("2024-07")));

    // Korean typed in English mode is read as Hangul, and said so.
    let (_, typed) = server.get("/api/search?q=tkatjdwjswk");
    assert_valid(&doc, "/api/search", 200, &typed);
    assert!(typed["total"].as_u64().unwrap() > 0);
    assert_eq!(typed["keyboard"]["fixes"][0]["read"], "삼성전자");

    // /api/articles/{id}: every field and the whole body, and its copies when it has some.
    let id = first["id"].as_str().unwrap();
    let (status, article) = server.get(&format!("/api/articles/{}", enc(id)));
    assert_eq!(status, 200, "{article}");
    assert_valid(&doc, "/api/articles/{id}", 200, &article);
    let shown = gisa().arg("--index").arg(&index).args(["show", id, "--format", "json"]).output().unwrap();
    let shown: Value = serde_json::from_slice(&shown.stdout).unwrap();
    for (k, v) in shown.as_object().unwrap() {
        assert_eq!(&article[k], v, "field {k} as `gisa show` prints it");
    }
    let (_, copied) = server.get(&format!("/api/search?q={}&limit=50", enc("삼성전자 OR 반도체 OR 금리 OR 날씨")));
    if let Some(with_copies) =
        copied["hits"].as_array().unwrap().iter().find(|h| h["copies"].as_array().is_some_and(|c| !c.is_empty()))
    {
        let (_, a) = server.get(&format!("/api/articles/{}", enc(with_copies["id"].as_str().unwrap())));
        assert_valid(&doc, "/api/articles/{id}", 200, &a);
        assert_eq!(a["copies"].as_array().unwrap().len(), with_copies["copies"].as_array().unwrap().len());
        assert!(a["copies"][0]["title"].is_string());
    }

    // /api/stats, /api/trend, /api/reports, /api/openapi.json.
    let (status, stats) = server.get("/api/stats");
    assert_eq!(status, 200);
    assert_valid(&doc, "/api/stats", 200, &stats);
    assert_eq!(stats["articles"], 14);
    let (status, trend) = server.get(&format!("/api/trend?q={}&q={}&by=month", enc("삼성전자"), enc("날씨")));
    assert_eq!(status, 200, "{trend}");
    assert_valid(&doc, "/api/trend", 200, &trend);
    assert_eq!(trend["interval"], "month");
    assert_eq!(trend["series"].as_array().unwrap().len(), 2);
    let sum: u64 = trend["series"][0]["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).sum();
    assert_eq!(sum, trend["series"][0]["total"].as_u64().unwrap());
    let (status, reports) = server.get("/api/reports");
    assert_eq!(status, 200, "{reports}");
    assert_valid(&doc, "/api/reports", 200, &reports);
    let searches = reports["searches"].as_array().unwrap();
    assert_eq!(searches[0]["name"], "반도체");
    assert!(searches[0]["total"].as_u64().unwrap() > 0);
    assert_eq!(searches[0]["new"], searches[0]["total"], "without a last visit, everything is new");
    let (status, later) = server.get("/api/reports?since=2024-07-01");
    assert_eq!(status, 200);
    assert_valid(&doc, "/api/reports", 200, &later);
    let s0 = &later["searches"][0];
    assert!(s0["new"].as_u64().unwrap() < s0["total"].as_u64().unwrap(), "fewer are new since July: {s0}");
    assert!(s0["hits"].as_array().unwrap().iter().all(|h| h["date"].as_str().unwrap() >= "2024-07-01"));
    let (status, served) = server.get("/api/openapi.json");
    assert_eq!((status, &served), (200, &doc));

    // The page and its files, with the security headers.
    let (status, headers, page) = server.get_raw("/", None);
    assert_eq!(status, 200);
    assert!(page.contains("<html lang=\"ko\">"));
    assert_eq!(header(&headers, "content-security-policy"), Some(gisa::serve::app::CSP));
    assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&headers, "referrer-policy"), Some("no-referrer"));
    for (path, ct) in [("/app.js", "text/javascript"), ("/app.css", "text/css"), ("/favicon.svg", "image/svg+xml")] {
        let (status, headers, _) = server.get_raw(path, None);
        assert_eq!(status, 200, "{path}");
        assert!(header(&headers, "content-type").unwrap().starts_with(ct), "{path}");
    }
    let (_, headers, _) = server.get_raw("/api/stats", None);
    assert_eq!(header(&headers, "content-security-policy"), Some(gisa::serve::app::CSP));
    assert_eq!(header(&headers, "cache-control"), Some("no-store"));

    // Errors: JSON `{error, status}` with the right code, each documented.
    let long = "가".repeat(1_001);
    let cases: Vec<(String, u16, &str)> = vec![
        ("/api/search".into(), 400, "missing parameter"),
        ("/api/search?q=".into(), 400, "missing parameter"),
        (format!("/api/search?q={}", enc(&long)), 400, "1000"),
        ("/api/search?q=x&sort=best".into(), 400, "sort"),
        ("/api/search?q=x&limit=101".into(), 400, "limit"),
        ("/api/search?q=x&limit=ten".into(), 400, "not a number"),
        ("/api/search?q=x&offset=10001".into(), 400, "offset"),
        ("/api/search?q=x&fragments=6".into(), 400, "fragments"),
        ("/api/search?q=x&since=soon".into(), 400, "since"),
        ("/api/search?q=x&since=2024-02-01&until=2024-01-01".into(), 400, "since"),
        ("/api/search?q=x&facets=colour".into(), 400, "facets"),
        ("/api/search?q=x&any=maybe".into(), 400, "any"),
        ("/api/search?q=x&qq=1".into(), 400, "unknown parameter \\\"qq\\\""),
        ("/api/trend".into(), 400, "missing parameter"),
        ("/api/trend?q=x&by=hour".into(), 400, "by"),
        ("/api/trend?q=a&q=b&q=c&q=d&q=e&q=f".into(), 400, "at most 5"),
        ("/api/trend?q=x&by=day&since=1990-01-01&until=2024-01-01".into(), 400, "periods"),
        ("/api/reports?since=later".into(), 400, "since"),
        ("/api/stats?verbose=1".into(), 400, "unknown parameter"),
        ("/api/articles/no-such-id".into(), 404, "no article"),
        (format!("/api/articles/{}", enc("../../../etc/passwd")), 404, "no article"),
        (format!("/api/articles/{}", enc("/etc/passwd")), 404, "no article"),
        (format!("/api/articles/{}", enc("feeds/newsfeed_2024-2025.jsonl")), 404, "no article"),
        (format!("/api/articles/{}", "x".repeat(2_000)), 404, "no article"),
        ("/api/nothing".into(), 404, "no such route"),
        ("/etc/passwd".into(), 404, "no such route"),
    ];
    for (path, code, says) in &cases {
        let (status, body) = server.get(path);
        assert_eq!(status, *code, "GET {path}: {body}");
        assert_eq!(body["status"], *code, "GET {path}: {body}");
        assert!(body["error"].to_string().contains(says), "GET {path}: {body} should say {says:?}");
        assert!(!body["error"].as_str().unwrap().contains('\n'));
        let route =
            if path.starts_with("/api/articles/") { "/api/articles/{id}" } else { path.split('?').next().unwrap() };
        if doc["paths"][route].is_object() {
            assert_valid(&doc, route, *code, &body);
        }
    }
    // A path that article lookups could mistake for a file, written raw (no client
    // normalizes it), and percent-encoded dots and slashes.
    for path in [
        "/api/articles/../../etc/passwd",
        "/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/articles/%2Fetc%2Fpasswd",
        "/api/articles//etc/passwd",
        "/api/articles/..%5C..%5Cwindows",
    ] {
        let (status, body) = server.raw(&format!("GET {path} HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n\r\n"));
        assert_eq!(status, 404, "{path}: {body}");
        assert!(body.contains("\"status\":404"), "{path}: {body}");
    }
    // Only GET; a body larger than the limit is refused before anything reads it.
    let (status, body) =
        server.raw("POST /api/search?q=x HTTP/1.1\r\nHost: HOST\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 405, "{body}");
    assert!(body.contains("\"status\":405"));
    let (status, body) = server
        .raw("GET /api/search?q=x HTTP/1.1\r\nHost: HOST\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("\"status\":413"));

    // The document catches a renamed field.
    let mut renamed = body_with_renamed_field(&filtered);
    assert!(validator(&doc, "/api/search", "200").iter_errors(&renamed).next().is_some(), "a renamed field fails");
    renamed = filtered.clone();
    renamed["hits"][0]["score"] = json!("high");
    assert!(!validator(&doc, "/api/search", "200").is_valid(&renamed), "a field of another type fails");

    assert!(server.terminate(), "SIGTERM stops the server cleanly (exit 0)");
}

fn body_with_renamed_field(body: &Value) -> Value {
    let mut b = body.clone();
    let hit = b["hits"][0].as_object_mut().unwrap();
    let title = hit.remove("title").unwrap();
    hit.insert("headline".into(), title);
    b
}

#[test]
fn a_reindex_shows_up_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("articles");
    std::fs::create_dir_all(&src).unwrap();
    let article = |name: &str, title: &str, body: &str| {
        let rec = json!({"title": title, "body": body, "press": "테스트일보", "date": "2024-05-01T09:00:00+09:00"});
        std::fs::write(src.join(name), rec.to_string()).unwrap();
    };
    article("a.json", "삼성전자 반도체 투자", "삼성전자가 평택에 반도체 공장을 짓는다고 밝혔다.");
    let index = dir.path().join("ix");
    let reindex = || gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(&src).assert().success();
    reindex();
    let server = Server::start(&index, &[]);
    let (_, before) = server.get(&format!("/api/search?q={}", enc("태풍")));
    assert_eq!(before["total"], 0);
    let (_, stats) = server.get("/api/stats");
    assert_eq!(stats["articles"], 1);

    article("b.json", "태풍 북상에 비상", "태풍이 제주를 지나 남해안으로 북상하고 있다고 기상청이 밝혔다.");
    reindex();
    let started = Instant::now();
    let found = loop {
        let (status, r) = server.get(&format!("/api/search?q={}", enc("태풍")));
        assert_eq!(status, 200);
        if r["total"] == 1 {
            break r;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the new article never showed up: {r}");
        std::thread::sleep(Duration::from_millis(200));
    };
    let id = found["hits"][0]["id"].as_str().unwrap();
    let (status, a) = server.get(&format!("/api/articles/{}", enc(id)));
    assert_eq!(status, 200);
    assert!(a["body"].as_str().unwrap().contains("기상청"));
    let (_, stats) = server.get("/api/stats");
    assert_eq!(stats["articles"], 2, "stats follow the new commit too");

    // A removed file disappears as well.
    std::fs::remove_file(src.join("a.json")).unwrap();
    reindex();
    let started = Instant::now();
    loop {
        let (_, r) = server.get(&format!("/api/search?q={}", enc("평택")));
        if r["total"] == 0 {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the removed article is still found");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn serve_fails(args: &[&str], env: &[(&str, &str)], says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(gisa_bin());
    cmd.arg("--index").arg(dir.path().join("none")).arg("serve").args(args).env_remove("GISA_SERVE_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "serve {args:?}: {err}");
    assert!(err.contains(says), "serve {args:?} says {says:?}: {err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn binding_beyond_loopback_needs_the_flag_and_a_token_and_the_token_is_checked() {
    serve_fails(&["--addr", "0.0.0.0:7700"], &[], "--allow-remote");
    serve_fails(&["--addr", "192.168.0.10:7700"], &[], "not a loopback address");
    serve_fails(&["--addr", "[::]:7700"], &[], "--allow-remote");
    serve_fails(&["--addr", "0.0.0.0:7700", "--allow-remote"], &[], "token");
    serve_fails(&["--addr", "0.0.0.0:7700", "--allow-remote", "--token", "abc"], &[], "16 characters");
    serve_fails(&["--addr", "somewhere"], &[], "not an address");
    serve_fails(&["--addr", "127.0.0.1:0"], &[], "no index at");
    serve_fails(&["--addr", "127.0.0.1:0", "--timeout", "0"], &[], "--timeout");

    let dir = tempfile::tempdir().unwrap();
    let index = index_corpus(dir.path());
    let token = "s3cret-token-0123456789";
    for server in
        [Server::start(&index, &["--token", token]), Server::start_with(&index, &[], &[("GISA_SERVE_TOKEN", token)])]
    {
        let (status, body) = server.get("/api/stats");
        assert_eq!((status, body["status"].as_u64()), (401, Some(401)), "{body}");
        let (_, headers, _) = server.get_raw("/api/search?q=x", None);
        assert!(header(&headers, "www-authenticate").unwrap().starts_with("Bearer"));
        let (status, body) = server.get_token("/api/stats", Some("s3cret-token-0123456780"));
        assert_eq!(status, 401, "a wrong token: {body}");
        assert!(body["error"].as_str().unwrap().contains("wrong token"));
        let (status, body) = server.get_token(&format!("/api/search?q={}", enc("삼성전자")), Some(token));
        assert_eq!(status, 200, "{body}");
        assert!(body["total"].as_u64().unwrap() > 0);
        // The page itself holds no data and loads without the token (it asks for one).
        let (status, _, page) = server.get_raw("/", None);
        assert_eq!(status, 200);
        assert!(page.contains("id=\"login\""));
    }
    // A bad report file is refused at start, naming the file.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[search]]\nname = \"a\"\nquery = \"(x\"\n").unwrap();
    let out = std::process::Command::new(gisa_bin())
        .arg("--index")
        .arg(&index)
        .args(["serve", "--addr", "127.0.0.1:0", "--report"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:3"));
}

#[test]
fn a_request_over_time_is_504_and_one_without_a_turn_is_503() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("articles");
    std::fs::create_dir_all(&src).unwrap();
    common::samsung_articles(&src, 400);
    let index = dir.path().join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(&src).assert().success();
    // One slot, one millisecond: a page of 100 hits with 5 snippets each takes longer.
    let server = Server::start(&index, &["--timeout", "0.001", "--max-concurrent", "1"]);
    let path = format!("/api/search?q={}&limit=100&fragments=5&facets=press,day", enc("삼성전자 반도체 메모리"));
    let statuses: Vec<(u16, Value)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..6).map(|_| s.spawn(|| server.get(&path))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let doc = openapi();
    for (status, body) in &statuses {
        assert!(matches!(status, 503 | 504), "{status}: {body}");
        assert_eq!(body["status"], *status);
        assert_valid(&doc, "/api/search", *status, body);
    }
    assert!(statuses.iter().any(|(s, _)| *s == 504), "one ran and outran the limit");
    assert!(statuses.iter().any(|(s, _)| *s == 503), "the others found no turn");
    // A 503 says when to try again.
    let busy = (0..100).map(|_| server.get_raw(&path, None)).find(|r| r.0 == 503).expect("a 503 in 100 tries");
    assert_eq!(header(&busy.1, "retry-after"), Some("1"));
}
