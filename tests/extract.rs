//! Article extraction over the demo corpus, checked field by field against
//! `tests/fixtures/corpus-truth.jsonl`, with the files' real modification times.
//! (Throughput is measured by `cargo bench --bench extract`, not here.)

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, FixedOffset};
use gisa::ingest::{self, Article, DateSource, Format};
use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn kst_mtime(path: &Path) -> Option<DateTime<FixedOffset>> {
    gisa::time::file_time(std::fs::metadata(path).ok()?.modified().ok()?).ok()
}

/// Extracts one corpus file as `gisa extract` does.
fn extract_file(rel: &str) -> ingest::Extracted {
    let path = root().join("corpus").join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let format = Format::from_path(&path).unwrap_or_else(|| panic!("{rel}: not an article format"));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    ingest::extract(format, &name, &bytes, kst_mtime(&path)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn truth() -> Vec<Value> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/corpus-truth.jsonl")).expect("corpus truth");
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("truth line")).collect()
}

fn opt(v: &Value, k: &str) -> Option<String> {
    v.get(k).and_then(Value::as_str).map(str::to_owned)
}

#[test]
fn demo_corpus_matches_the_truth() {
    let truth = truth();
    assert_eq!(truth.len(), 15, "the demo corpus has 15 articles");
    let mut failures = Vec::new();
    for t in &truth {
        let rel = opt(t, "path").expect("path");
        let line = t.get("line").and_then(Value::as_u64);
        let x = extract_file(&rel);
        let Some(a) = x.articles.iter().find(|a| a.line == line) else {
            failures.push(format!("{rel}:{line:?}: article not extracted"));
            continue;
        };
        let mut check = |field: &str, want: &dyn std::fmt::Debug, got: &dyn std::fmt::Debug, ok: bool| {
            if !ok {
                failures.push(format!("{rel}:{line:?} {field}\n   want {want:?}\n   got  {got:?}"));
            }
        };
        check("title", &opt(t, "title"), &a.title, opt(t, "title").as_deref() == Some(a.title.as_str()));
        for (field, got) in [
            ("press", &a.press),
            ("reporter", &a.reporter),
            ("email", &a.email),
            ("url", &a.url),
            ("category", &a.category),
        ] {
            let want = opt(t, field);
            check(field, &want, got, &want == got);
        }
        let want_subs: Vec<String> = t["subtitles"]
            .as_array()
            .map(|v| v.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        check("subtitles", &want_subs, &a.subtitles, want_subs == a.subtitles);
        let want_body = opt(t, "body").expect("body");
        check("body", &want_body, &a.body, want_body == a.body);
        if let Some(s) = opt(t, "body_starts_with") {
            check("body_starts_with", &s, &a.body, a.body.starts_with(&s));
        }
        if let Some(s) = opt(t, "body_ends_with") {
            check("body_ends_with", &s, &a.body, a.body.ends_with(&s));
        }
        if let Some(enc) = opt(t, "encoding") {
            check("encoding", &enc, &x.encoding, enc == x.encoding);
        }
        check_date(t, a, &rel, &mut failures);
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

fn check_date(t: &Value, a: &Article, rel: &str, failures: &mut Vec<String>) {
    let Some(d) = a.date else {
        failures.push(format!("{rel}: no date"));
        return;
    };
    match (opt(t, "date"), opt(t, "date_month_day")) {
        (Some(want), _) => {
            let want = DateTime::parse_from_rfc3339(&want).expect("truth date");
            if d.datetime != want || d.source != DateSource::Page {
                failures.push(format!("{rel}: date want {want} (page), got {} ({:?})", d.datetime, d.source));
            }
        }
        (None, Some(md)) => {
            let got = format!("{:02}-{:02}", d.datetime.month(), d.datetime.day());
            if got != md || d.source != DateSource::InferredYear {
                failures.push(format!("{rel}: date want {md} (inferred year), got {} ({:?})", d.datetime, d.source));
            }
        }
        (None, None) => {
            if d.source != DateSource::FileTime {
                failures.push(format!("{rel}: date want file time, got {:?}", d.source));
            }
        }
    }
}

#[test]
fn the_seed_page() {
    let x = extract_file("daum/kukinews-2024-06-18-lee-jaeyong.txt");
    assert_eq!(x.encoding, "utf-8");
    assert_eq!(x.articles.len(), 1);
    let a = &x.articles[0];
    assert_eq!(a.layout, "daum");
    assert_eq!(a.title, "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용");
    assert_eq!(a.press.as_deref(), Some("쿠키뉴스"));
    assert_eq!(a.reporter.as_deref(), Some("이소연"));
    assert_eq!(a.email.as_deref(), Some("soyeon@kukinews.com"));
    assert_eq!(a.url, None);
    assert_eq!(a.category, None);
    assert_eq!(
        a.subtitles,
        [
            "이재용 삼성전자 회장, 글로벌 빅테크와 네트워크 강화 주력",
            "아마존·퀄컴 CEO 회동부터 저커버그 자택서 단독 미팅",
            "AI에 방점 둔 출장…글로벌 전략회의서도 반영될 듯"
        ]
    );
    let d = a.date.expect("a date");
    assert_eq!(d.source, DateSource::InferredYear);
    assert_eq!((d.datetime.month(), d.datetime.day()), (6, 18));
    let paras: Vec<&str> = a.body.split('\n').collect();
    // The page prints nine body paragraphs (the truth file agrees).
    assert_eq!(paras.len(), 9);
    assert!(paras[0].starts_with("이재용 삼성전자 회장이 미국 출장에서"));
    assert!(paras[8].ends_with("진화할 것으로 예상된다."));
    for p in &paras {
        assert!(!p.contains("쿠키뉴스"), "press line in body: {p}");
        assert!(!p.contains("이미지를 클릭하시면"), "image note in body: {p}");
        assert!(!p.contains("기념 사진을 촬영하는 모습"), "caption in body: {p}");
    }
}

#[test]
fn every_corpus_file_extracts() {
    let mut n = 0;
    for entry in walk(&root().join("corpus")) {
        if Format::from_path(&entry).is_none() {
            continue;
        }
        let rel = entry.strip_prefix(root().join("corpus")).expect("under corpus").to_string_lossy().replace('\\', "/");
        let x = extract_file(&rel);
        assert!(x.bad_lines.is_empty(), "{rel}: {:?}", x.bad_lines);
        for a in &x.articles {
            assert!(!a.title.is_empty() && !a.body.is_empty(), "{rel}: empty title or body");
        }
        n += x.articles.len();
    }
    assert_eq!(n, 15);
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
