//! `gisa report`: digests over a fixture corpus in every format, `--new` across runs with
//! articles added in between, an interrupted run, a closed pipe, and malformed report files
//! (saved searches are strict: a typo is an error at load time, with its line).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{gisa, repo};
use predicates::prelude::*;
use serde_json::Value;

const REPORT: &str = r#"
title = "아침 뉴스 브리핑"
limit = 10

[[search]]
name = "반도체"
query = "삼성전자 반도체"

[[search]]
name = "날씨"
query = "폭염 OR 열대야"
sort = "-date"
"#;

struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    corpus: PathBuf,
    index: PathBuf,
    report: PathBuf,
}

fn setup(report: &str) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let corpus = root.join("news");
    std::fs::create_dir_all(&corpus).unwrap();
    let index = root.join("ix");
    let path = root.join("watch.toml");
    std::fs::write(&path, report).unwrap();
    Setup { _dir: dir, root, corpus, index, report: path }
}

impl Setup {
    fn add(&self, from: &str) {
        let src = repo().join("corpus").join(from);
        let to = self.corpus.join(Path::new(from).file_name().unwrap());
        std::fs::copy(src, to).unwrap();
    }

    fn index(&self) {
        gisa().arg("--index").arg(&self.index).args(["index", "--quiet"]).arg(&self.corpus).assert().success();
    }

    fn report(&self, args: &[&str]) -> (i32, String) {
        let out = gisa().arg("--index").arg(&self.index).arg("report").arg(&self.report).args(args).output().unwrap();
        let code = out.status.code().unwrap();
        assert!(code != 2, "{}", String::from_utf8_lossy(&out.stderr));
        (code, String::from_utf8(out.stdout).unwrap())
    }

    fn report_json(&self, args: &[&str]) -> (i32, Value) {
        let mut a = args.to_vec();
        a.extend(["--format", "json"]);
        let (code, out) = self.report(&a);
        (code, serde_json::from_str(&out).unwrap())
    }
}

fn ids(v: &Value, search: &str) -> Vec<String> {
    let s = v["searches"].as_array().unwrap().iter().find(|s| s["name"] == search).unwrap();
    s["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
}

const ALL: [&str; 6] = [
    "naver/etnews_20240705_0003211457.txt",
    "html/mk_20240705_110592.html",
    "euc-kr/seoul_20230407_500123.txt",
    "daum/kukinews-2024-06-18-lee-jaeyong.txt",
    "press/hani_20240807_1152364.txt",
    "feeds/newsfeed_2024-2025.jsonl",
];

#[test]
fn every_format_over_the_fixture_corpus() {
    let s = setup(REPORT);
    for f in ALL {
        s.add(f);
    }
    s.index();
    let (code, v) = s.report_json(&[]);
    assert_eq!(code, 0);
    assert_eq!(v["title"], "아침 뉴스 브리핑");
    assert_eq!(v["mode"], "all");
    let chip = &v["searches"][0];
    assert_eq!(chip["name"], "반도체");
    assert!(chip["total"].as_u64().unwrap() >= 4);
    assert_eq!(chip["hits"].as_array().unwrap().len() as u64, chip["total"].as_u64().unwrap());
    for key in ["id", "title", "date", "press", "url", "snippets", "title_highlights"] {
        assert!(chip["hits"][0].get(key).is_some(), "hit has {key}");
    }
    let hist = chip["histogram"].as_array().unwrap();
    assert_eq!(hist.len(), 30);
    assert!(hist.iter().map(|d| d["count"].as_u64().unwrap()).sum::<u64>() >= 2, "the chart counts articles per day");

    let (_, text) = s.report(&[]);
    assert!(text.contains("■ 반도체") && text.contains("■ 날씨"), "{text}");
    let (_, md) = s.report(&["--format", "markdown"]);
    assert!(md.starts_with("# 아침 뉴스 브리핑"));
    assert!(md.contains("## 반도체") && md.contains("**삼성전자**"), "highlights in bold: {md}");
    assert!(md.contains("](<https://"), "links: {md}");
    let (_, html) = s.report(&["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg") && html.contains("<mark>삼성전자</mark>"));
    assert!(html.contains("<style>") && !html.contains("<link") && !html.contains("<script"), "self-contained");
    assert!(!html.contains("src=\"http") && !html.contains("url(http"), "no network fetches");
}

#[test]
fn new_shows_each_article_exactly_once_across_runs() {
    let s = setup(REPORT);
    s.add(ALL[0]);
    s.add(ALL[1]);
    s.index();
    let mut seen: Vec<String> = Vec::new();
    let (code, v) = s.report_json(&["--new"]);
    assert_eq!(code, 0);
    assert_eq!(v["mode"], "new");
    let first = ids(&v, "반도체");
    assert_eq!(first.len(), 2);
    seen.extend(first);

    // Nothing new: status 1, empty sections.
    let (code, v) = s.report_json(&["--new"]);
    assert_eq!(code, 1);
    assert!(ids(&v, "반도체").is_empty());
    assert_eq!(v["searches"][0]["new"], 0);

    // New articles arrive.
    s.add(ALL[2]);
    s.add(ALL[3]);
    s.index();
    let (code, v) = s.report_json(&["--new"]);
    assert_eq!(code, 0);
    let second = ids(&v, "반도체");
    assert_eq!(second.len(), 2, "{second:?}");
    seen.extend(second);

    s.add(ALL[5]);
    s.index();
    let (_, v) = s.report_json(&["--new"]);
    let third = ids(&v, "반도체");
    assert!(!third.is_empty());
    seen.extend(third);

    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "an article was shown twice: {seen:?}");
    let (_, all) = s.report_json(&[]);
    assert_eq!(all["searches"][0]["total"].as_u64().unwrap() as usize, seen.len(), "every article was shown once");
}

#[test]
fn a_run_that_is_killed_shows_its_articles_again() {
    // The 400 articles are near-copies of one another: not collapsed, so that they fill the pipe.
    let s = setup(&format!("collapse = false\n{}", REPORT.replace("limit = 10", "limit = 1000")));
    // Enough articles that the digest fills the pipe and the run blocks on writing it.
    common::samsung_articles(&s.corpus, 400);
    s.index();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("gisa"))
        .arg("--index")
        .arg(&s.index)
        .arg("report")
        .arg(&s.report)
        .args(["--new", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Never read: the write blocks once the pipe is full; then kill -9.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the report finished before it could be interrupted");
    Command::new("kill").args(["-9", &child.id().to_string()]).status().unwrap();
    let _ = child.wait();
    let (code, v) = s.report_json(&["--new"]);
    assert_eq!(code, 0);
    assert_eq!(ids(&v, "반도체").len(), 400, "the interrupted run did not count as shown");
    let (code, _) = s.report_json(&["--new"]);
    assert_eq!(code, 1, "the completed run did");
}

#[test]
fn since_window_and_limits() {
    let s = setup(REPORT);
    for f in ALL {
        s.add(f);
    }
    s.index();
    let (code, v) = s.report_json(&["--since", "2024-07-01"]);
    assert_eq!(code, 0);
    assert_eq!(v["mode"], "window");
    for h in v["searches"][0]["hits"].as_array().unwrap() {
        assert!(h["date"].as_str().unwrap() >= "2024-07-01");
    }
    let (_, v) = s.report_json(&["--limit", "1"]);
    assert_eq!(v["searches"][0]["hits"].as_array().unwrap().len(), 1);
    gisa().arg("--index").arg(&s.index).arg("report").arg(&s.report).args(["--new", "--since", "1d"]).assert().code(2);
}

#[test]
fn malformed_report_files_name_the_line() {
    let s = setup(REPORT);
    s.index();
    let deep = format!("{}삼성{}", "(".repeat(20_000), ")".repeat(20_000));
    let deep =
        format!("[[search]]\nname = \"a\"\nquery = \"삼성\"\n\n[[search]]\nname = \"깊은\"\nquery = \"{deep}\"\n");
    for (text, line, what) in [
        ("title = \"x\"\n[[search]]\nname = \"a\"\nquery = \"삼성\nlimit = 3\n", 4, ""),
        ("[[search]]\nname = \"a\"\nquery = \"(삼성\"\n", 3, "never closed"),
        ("[[search]]\nname = \"a\"\nquery = \"x\"\nlimit = \"many\"\n", 4, "invalid type"),
        ("title = \"only a title\"\n", 1, "no [[search]]"),
        // What `gisa search` reads leniently is an error in a saved search, at its line.
        (
            "title = \"x\"\n\n[[search]]\nname = \"책\"\nquery = \"Domination: 무엇인가\"\n",
            5,
            "search \"책\": bad query at column 1: unknown field \"Domination\"",
        ),
        (
            "[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"b\"\nsort = \"-date\"\nquery = \"\\\"광폭 행보\"\n",
            7,
            "search \"b\": bad query at column 1: this quote is never closed",
        ),
        (&deep, 7, "search \"깊은\": bad query at column 33: groups nested 20000 deep; a query may nest them 32 deep"),
        (
            "[[search]]\nname = \"a\"\nquery = \"x\"\nany = true\nsince = \"1000000000d\"\n",
            5,
            "search \"a\": since: \"1000000000d\" reaches back beyond the dates gisa can handle",
        ),
        (
            "[[search]]\nname = \"a\"\nuntil = \"2024-01-01\"\nquery = \"x\"\nsince = \"2024-02-01\"\n",
            5,
            "comes after the until date",
        ),
        (
            "[[search]]\nname = \"a\"\nquery = \"x\"\n\nsort = \"popularity\"\n",
            5,
            "sort must be relevance, date or -date",
        ),
        (
            "a = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
            1,
            "recursion",
        ),
    ] {
        std::fs::write(&s.report, text).unwrap();
        let out = gisa().arg("--index").arg(&s.index).arg("report").arg(&s.report).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{text}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(&format!("watch.toml:{line}: ")), "{text:?} → {err}");
        assert!(err.contains(what), "{err}");
    }
    gisa()
        .arg("--index")
        .arg(&s.index)
        .args(["report"])
        .arg(s.root.join("missing.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn a_closed_pipe_is_not_an_error_and_marks_nothing_shown() {
    // The 400 articles are near-copies of one another: not collapsed.
    let s = setup(&format!("collapse = false\n{}", REPORT.replace("limit = 10", "limit = 1000")));
    common::samsung_articles(&s.corpus, 400);
    s.index();
    let args = ["--new", "--format", "json"];
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("gisa"));
    cmd.arg("--index").arg(&s.index).arg("report").arg(&s.report).args(args);
    let out = common::with_closed_pipe(cmd);
    assert_eq!(out.status.code(), Some(0), "{:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "quiet: {}", String::from_utf8_lossy(&out.stderr));
    // The digest that could not be written was not marked as shown; it is far more than a
    // pipe buffers (64 KiB), so the closed pipe was met while writing.
    let (code, whole) = s.report(&args);
    assert_eq!(code, 0);
    assert!(whole.len() > 128 * 1024, "only {} bytes", whole.len());
    let v: Value = serde_json::from_str(&whole).unwrap();
    assert_eq!(ids(&v, "반도체").len(), 400);
}

/// Four wire-style articles of one September week on Samsung's HBM and Nvidia's
/// qualification test, over a background of the fixture corpus and 30 other 삼성전자
/// articles: what is new about 삼성전자 that week is HBM, 엔비디아, 퀄 테스트.
fn hbm_week(s: &Setup) {
    for f in ALL {
        s.add(f);
    }
    common::samsung_articles(&s.corpus, 30);
    let bodies = [
        "삼성전자가 5세대 고대역폭메모리 HBM3E 12단 제품의 엔비디아 퀄 테스트를 통과한 것으로 알려졌다. 업계에 따르면 엔비디아는 최근 삼성전자에 HBM 품질 검증 결과를 통보했다.",
        "엔비디아 퀄 테스트 통과 소식에 삼성전자 주가가 장중 4% 넘게 올랐다. 증권가는 HBM 공급이 본격화되면 4분기 실적이 개선될 것으로 내다봤다.",
        "삼성전자는 엔비디아에 HBM 공급을 앞두고 평택 라인 증설을 검토하고 있다. 퀄 테스트 이후 양산 일정이 구체화될 전망이다. SK하이닉스와의 HBM 경쟁도 다시 불붙었다.",
        "외신은 삼성전자가 엔비디아의 퀄 테스트를 마치고 HBM 납품 계약을 앞두고 있다고 보도했다. 삼성전자 측은 고객사 관련 사안은 확인해 줄 수 없다고 밝혔다.",
    ];
    let presses = ["연합뉴스", "뉴스1", "한겨레", "경향신문"];
    for (i, body) in bodies.iter().enumerate() {
        let rec = serde_json::json!({
            "title": format!("삼성전자 HBM, 엔비디아 퀄 테스트 {}보", i + 1),
            "body": body,
            "press": presses[i],
            "date": format!("2024-09-{:02}T10:00:00+09:00", 2 + i),
        });
        std::fs::write(s.corpus.join(format!("hbm{i}.json")), rec.to_string()).unwrap();
    }
    s.index();
}

#[test]
fn keywords_say_what_is_new_about_a_topic() {
    let s = setup(
        "title = \"주간 브리핑\"\n[[search]]\nname = \"삼성\"\nquery = \"삼성전자\"\nsince = \"2024-09-01\"\nuntil = \"2024-09-30\"\nkeywords = true\n[[search]]\nname = \"날씨\"\nquery = \"폭염 OR 열대야\"\n",
    );
    hbm_week(&s);
    let (code, v) = s.report_json(&[]);
    assert_eq!(code, 0);
    let k: Vec<&str> =
        v["searches"][0]["keywords"].as_array().unwrap().iter().map(|k| k["text"].as_str().unwrap()).collect();
    for want in ["HBM", "엔비디아", "퀄 테스트"] {
        assert!(k[..4.min(k.len())].contains(&want), "{want} among the first keywords: {k:?}");
    }
    assert!(!k.contains(&"삼성전자"), "the query's own word is not news: {k:?}");
    assert!(!k.iter().any(|w| w.contains("메모리 시장")), "background words are not significant: {k:?}");
    let first = &v["searches"][0]["keywords"][0];
    assert!(first["articles"].as_u64().unwrap() >= 3 && first["score"].as_f64().unwrap() > 0.0, "{first}");
    assert!(v["searches"][1].get("keywords").is_none(), "only where asked for");
    // Every format says them before the list.
    let (_, text) = s.report(&[]);
    let line = text.lines().find(|l| l.trim_start().starts_with("주요어:")).unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("HBM") && line.contains("엔비디아"), "{line}");
    assert!(text.find("주요어:").unwrap() < text.find("1. ").unwrap(), "{text}");
    let (_, md) = s.report(&["--format", "markdown"]);
    assert!(md.contains("**주요어: "), "{md}");
    let (_, html) = s.report(&["--format", "html"]);
    assert!(html.contains("<p class=\"keywords\">주요어: "), "{html}");
}

#[test]
fn digests_speak_korean_by_default_and_english_on_request() {
    let s = setup(REPORT);
    for f in ALL {
        s.add(f);
    }
    s.index();
    let (_, text) = s.report(&[]);
    assert!(text.contains("(검색된 모든 기사)"), "{text}");
    assert!(text.contains("[삼성전자 반도체]: ") && text.contains("건\n"), "{text}");
    // Dates as Korean readers write them, with the weekday: the 매일경제 article of Friday
    // 2024-07-05 14:20.
    assert!(text.contains("2024년 7월 5일 (금) 14:20 · 매일경제"), "{text}");
    let (_, html) = s.report(&["--format", "html"]);
    assert!(
        html.contains("일별 기사 수") && html.contains("월 ") && html.contains("건</title>"),
        "chart labels: {html}"
    );
    let (_, md) = s.report(&["--format", "markdown", "--new"]);
    assert!(md.contains("지난번 이후 새 기사") && md.contains("새 기사 "), "{md}");
    let (_, again) = s.report(&["--new"]);
    assert!(again.contains("(새 기사 없음)"), "{again}");

    // lang = "en" keeps the English digest; the JSON is the same in both.
    let en = setup(&format!("lang = \"en\"\n{REPORT}"));
    for f in ALL {
        en.add(f);
    }
    en.index();
    let (_, text) = en.report(&[]);
    assert!(text.contains("(all matching articles)") && text.contains(" matching\n"), "{text}");
    assert!(text.contains("2024-07-05 14:20 · 매일경제"), "{text}");
    let (_, ko_json) = s.report_json(&[]);
    let (_, en_json) = en.report_json(&[]);
    let keys = |v: &Value| v["searches"][0].as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&ko_json), keys(&en_json));
    assert_eq!(ko_json["searches"][0]["hits"][0]["date"], en_json["searches"][0]["hits"][0]["date"]);
    assert!(ko_json.get("lang").is_none(), "the JSON schema does not change");
    // A language gisa does not speak is an error with its line.
    let bad = setup(&format!("lang = \"fr\"\n{REPORT}"));
    let out = gisa().arg("--index").arg(&s.index).arg("report").arg(&bad.report).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(":1: unknown variant"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
