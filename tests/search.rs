//! `gisa search` on the demo corpus: every query form, filter, output format and exit status;
//! Korean highlighting (a compound's part, an inflected form, particles left out), multi-byte
//! safety of offsets, and an empty index. On a generated corpus: pasted headlines, `-F`,
//! hostile arguments (deep nesting, huge limits and dates) and a closed pipe with far more
//! output than a pipe buffers.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;

use common::{gisa, repo};
use predicates::prelude::*;
use serde_json::Value;

/// The demo corpus indexed once for all tests of this file.
fn index() -> &'static PathBuf {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let index = dir.path().join("ix");
            let out = gisa()
                .arg("--index")
                .arg(&index)
                .args(["index", "--quiet"])
                .arg(repo().join("corpus"))
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            (dir, index)
        })
        .1
}

fn search(args: &[&str]) -> assert_cmd::assert::Assert {
    gisa().arg("--index").arg(index()).arg("search").args(args).assert()
}

/// Runs a search with `--format json`; returns (exit code, document).
fn json(args: &[&str]) -> (i32, Value) {
    let out = gisa().arg("--index").arg(index()).arg("search").args(args).args(["--format", "json"]).output().unwrap();
    let code = out.status.code().unwrap();
    assert!(code != 2, "{}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).unwrap())
}

fn titles(v: &Value) -> Vec<String> {
    v["hits"].as_array().unwrap().iter().map(|h| h["title"].as_str().unwrap().to_owned()).collect()
}

fn total(v: &Value) -> u64 {
    v["total"].as_u64().unwrap()
}

/// The highlighted strings of a hit: title highlights and snippet highlights.
fn highlighted(hit: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let title: Vec<char> = hit["title"].as_str().unwrap().chars().collect();
    for r in hit["title_highlights"].as_array().unwrap() {
        let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
        out.push(title[s..e].iter().collect());
    }
    for snip in hit["snippets"].as_array().unwrap() {
        let text: Vec<char> = snip["text"].as_str().unwrap().chars().collect();
        for r in snip["highlights"].as_array().unwrap() {
            let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
            out.push(text[s..e].iter().collect());
        }
    }
    out
}

#[test]
fn words_must_all_match_or_any_with_any() {
    let (code, all) = json(&["삼성전자 퀄컴"]);
    assert_eq!(code, 0);
    assert_eq!(titles(&all), ["메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용"]);
    let (_, any) = json(&["삼성전자 퀄컴", "--any"]);
    assert!(total(&any) > total(&all));
    assert_eq!(titles(&any)[0], "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용", "both words rank first");
}

#[test]
fn particles_and_inflections_are_analyzed_like_the_index() {
    // 삼성전자의 반도체 means 삼성전자 + 반도체.
    let (_, a) = json(&["삼성전자의 반도체를"]);
    let (_, b) = json(&["삼성전자 반도체"]);
    assert_eq!(titles(&a), titles(&b));
    assert!(total(&a) >= 2);
    // 만났습니다 finds 만났다.
    let (_, v) = json(&["만났습니다"]);
    assert!(titles(&v).iter().any(|t| t.contains("만났다")));
}

#[test]
fn a_last_word_reads_as_it_does_inside_an_article() {
    // Alone, MeCab-ko reads 강남구의 as 강남+구의; in the article's sentence ("서울 강남구의
    // 한 …") it is 강남구+의. Requiring 강남 and 구의 would find nothing.
    let (code, v) = json(&["강남구의"]);
    assert_eq!(code, 0, "{v}");
    assert!(titles(&v).iter().any(|t| t.contains("음성비서")), "{:?}", titles(&v));
    let hit = &v["hits"][0];
    assert!(highlighted(hit).iter().any(|h| h == "강남구"), "{:?}", highlighted(hit));
    // Each reading must match as a whole: 강남역의 (강남+역의, or the compound 강남역) finds
    // nothing, though 강남 alone would.
    assert_eq!(json(&["강남역의"]).0, 1);
    assert_eq!(json(&["강남"]).0, 0);
}

#[test]
fn a_compound_finds_itself_first_and_its_parts_find_it() {
    let (_, v) = json(&["삼성"]);
    let with_compound = titles(&v);
    assert!(with_compound.iter().any(|t| t.starts_with("삼성전자")), "삼성 finds 삼성전자: {with_compound:?}");
    // Highlight 삼성 inside 삼성전자, not the whole compound.
    let hit =
        v["hits"].as_array().unwrap().iter().find(|h| h["title"].as_str().unwrap().starts_with("삼성전자")).unwrap();
    let hl = highlighted(hit);
    assert!(hl.iter().all(|h| h == "삼성"), "{hl:?}");
    // A word the analyzer splits into parts is not silently a failing phrase.
    let (code, v) = json(&["반도체시장"]);
    assert_eq!(code, 0, "반도체시장 matches articles with 반도체 and 시장: {v}");
}

#[test]
fn highlights_mark_stems_and_leave_particles_out() {
    let (_, v) = json(&["만나다"]);
    let seed = v["hits"].as_array().unwrap().iter().find(|h| h["title"].as_str().unwrap().contains("이재용")).unwrap();
    let hl = highlighted(seed);
    assert!(hl.contains(&"만났다".to_owned()), "the inflected form is highlighted: {hl:?}");
    let (_, v) = json(&["서울"]);
    for hit in v["hits"].as_array().unwrap() {
        for h in highlighted(hit) {
            assert_eq!(h, "서울", "only the noun, not its particle: {h}");
        }
    }
}

#[test]
fn snippet_offsets_are_exact_characters_of_the_body() {
    let (_, v) = json(&["AI", "-n", "20"]);
    assert!(total(&v) > 2);
    for hit in v["hits"].as_array().unwrap() {
        let id = hit["id"].as_str().unwrap();
        let out = gisa().arg("--index").arg(index()).args(["show", "--format", "json", id]).output().unwrap();
        let article: Value = serde_json::from_slice(&out.stdout).unwrap();
        let body: Vec<char> = article["body"].as_str().unwrap().chars().collect();
        for snip in hit["snippets"].as_array().unwrap() {
            let (s, e) = (snip["start"].as_u64().unwrap() as usize, snip["end"].as_u64().unwrap() as usize);
            let text: String = body[s..e].iter().map(|&c| if c == '\n' { ' ' } else { c }).collect();
            assert_eq!(text, snip["text"].as_str().unwrap());
            assert!(e - s <= 160, "fragments are about 100-150 characters: {}", e - s);
            for r in snip["highlights"].as_array().unwrap() {
                let (hs, he) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
                assert_eq!(body[s + hs..s + he].iter().collect::<String>().to_lowercase(), "ai");
            }
        }
    }
}

#[test]
fn phrases_exclusions_or_groups_and_fields() {
    let (_, v) = json(&["\"광폭행보\""]);
    assert_eq!(total(&v), 1);
    let (_, with) = json(&["반도체"]);
    let (_, without) = json(&["반도체 -HBM"]);
    assert!(total(&without) < total(&with));
    assert!(titles(&without).iter().all(|t| !t.contains("HBM")));
    let (_, or) = json(&["퀄컴 OR 쪽방촌"]);
    assert_eq!(total(&or), 2);
    let (_, group) = json(&["(퀄컴 OR 쪽방촌) 폭염"]);
    assert_eq!(titles(&group), ["[르포] 36도 폭염 속 쪽방촌…“선풍기 하나로 여름 버텨요”"]);
    let (_, title) = json(&["title:이재용"]);
    assert_eq!(total(&title), 1);
    let (_, press) = json(&["press:연합뉴스"]);
    assert_eq!(titles(&press), ["與野, 민생법안 27건 본회의 처리 합의…반도체특별법은 추후 논의"]);
    let (_, reporter) = json(&["reporter:이소연"]);
    assert_eq!(total(&reporter), 1);
    let (_, cat) = json(&["category:경제 삼성전자"]);
    assert!(total(&cat) >= 2);
}

#[test]
fn filters_sort_and_paging() {
    let (_, all) = json(&["삼성전자", "-n", "100"]);
    let (_, since) = json(&["삼성전자", "--since", "2024-01-01"]);
    assert!(total(&since) < total(&all));
    for h in since["hits"].as_array().unwrap() {
        assert!(h["date"].as_str().unwrap() >= "2024-01-01");
    }
    let (_, until) = json(&["삼성전자", "--until", "2023-12-31"]);
    assert_eq!(total(&since) + total(&until), total(&all));
    let (_, press) = json(&["삼성전자", "--press", "매일경제", "--press", "전자신문"]);
    assert_eq!(total(&press), 2);
    let (_, newest) = json(&["삼성전자", "--sort", "-date"]);
    let dates: Vec<&str> = newest["hits"].as_array().unwrap().iter().map(|h| h["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let (_, oldest) = json(&["삼성전자", "--sort", "date"]);
    assert_eq!(oldest["hits"][0]["date"], *dates.last().unwrap());
    let (_, page1) = json(&["삼성전자", "--limit", "2"]);
    let (_, page2) = json(&["삼성전자", "--limit", "2", "--offset", "2"]);
    assert_eq!(page1["hits"].as_array().unwrap().len(), 2);
    assert_eq!(page2["hits"][0]["rank"], 3);
    assert_ne!(page1["hits"][0]["id"], page2["hits"][0]["id"]);
    search(&["삼성전자", "--count"]).success().stdout(format!("{}\n", total(&all)));
    search(&["삼성전자", "--since", "7d", "--until", "today", "--count"]).code(1).stdout("0\n");
    search(&["삼성전자", "--since", "yesterday"]).code(1);
}

#[test]
fn machine_formats() {
    let out = search(&["삼성전자", "--format", "jsonl"]).success().get_output().stdout.clone();
    let lines: Vec<Value> = String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(lines.len() >= 3);
    for key in
        ["id", "path", "url", "title", "date", "press", "reporter", "score", "snippets", "rank", "title_highlights"]
    {
        assert!(lines[0].get(key).is_some(), "jsonl hit has {key}");
    }
    let (_, doc) = json(&["삼성전자"]);
    for key in ["query", "total", "took_ms", "hits"] {
        assert!(doc.get(key).is_some(), "json has {key}");
    }
    let csv =
        String::from_utf8(search(&["삼성전자", "--format", "csv"]).success().get_output().stdout.clone()).unwrap();
    let mut rdr = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["rank", "score", "id", "date", "press", "reporter", "category", "title", "url", "path", "snippet"]
    );
    assert_eq!(rdr.records().count(), lines.len());
    let tsv =
        String::from_utf8(search(&["삼성전자", "--format", "tsv"]).success().get_output().stdout.clone()).unwrap();
    assert!(tsv.lines().all(|l| l.split('\t').count() == 11), "no stray tabs or newlines in TSV");
    let paths =
        String::from_utf8(search(&["삼성전자", "--format", "paths"]).success().get_output().stdout.clone()).unwrap();
    for p in paths.lines() {
        assert!(std::path::Path::new(p).is_file(), "{p}");
    }
}

#[test]
fn text_output_colours_only_when_asked() {
    let plain = search(&["삼성전자"]).success().get_output().stdout.clone();
    assert!(!plain.contains(&0x1b), "no colour when piped");
    let coloured = search(&["삼성전자", "--color", "always"]).success().get_output().stdout.clone();
    assert!(coloured.contains(&0x1b));
    let out = gisa()
        .env("NO_COLOR", "1")
        .arg("--index")
        .arg(index())
        .args(["search", "삼성전자"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!out.contains(&0x1b));
    let text = String::from_utf8(plain).unwrap();
    assert!(text.contains("삼성전자") && text.contains("hits for 삼성전자"));
}

#[test]
fn exit_status_like_grep() {
    search(&["삼성전자"]).code(0);
    search(&["존재하지않는단어xyz"]).code(1);
    // A query of words that are never indexed: no hits, and a note why.
    search(&["그리고"]).code(1).stderr(predicate::str::contains("그리고"));
    // What does not parse is read as plain text, with one note saying how.
    for (q, note) in [
        ("\"삼성 전자", "read as plain text: \" at column 1 (never closed)"),
        ("삼성 (반도체", "read as plain text: ( at column 4 (never closed)"),
        ("삼성 OR", "read as plain text: OR at column 4 (nothing on one side)"),
        ("writer:김 삼성", "read as plain text: writer: at column 1 (not a field)"),
    ] {
        let out = gisa().arg("--index").arg(index()).arg("search").arg(q).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.code() != Some(2), "{q}: {err}");
        assert_eq!(err.lines().next(), Some(format!("gisa: {note}").as_str()), "{q}");
        assert_eq!(err.lines().filter(|l| l.contains("read as")).count(), 1, "one note: {err}");
    }
    search(&["삼성", "--since", "soon"]).code(2).stderr(predicate::str::contains("--since"));
    search(&["삼성", "--sort", "popularity"]).code(2);
}

/// A generated corpus: the pasted-headline articles and 400 articles about 삼성전자 반도체,
/// indexed once.
fn generated() -> &'static PathBuf {
    static INDEX: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &INDEX
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let corpus = dir.path().join("news");
            std::fs::create_dir(&corpus).unwrap();
            let write = |name: &str, title: &str, body: &str| {
                let rec = serde_json::json!({"title": title, "body": body, "press": "테스트일보",
                                             "date": "2024-05-01T09:00:00+09:00"});
                std::fs::write(corpus.join(format!("{name}.json")), rec.to_string()).unwrap();
            };
            for (name, title, body) in HEADLINES {
                write(name, title, body);
            }
            common::samsung_articles(&corpus, 400);
            let index = dir.path().join("ix");
            let out = gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(&corpus).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            (dir, index)
        })
        .1
}

/// (file, title, body) of articles whose headlines are pasted as queries below.
const HEADLINES: [(&str, &str, &str); 4] = [
    (
        "esa",
        "ESA 과학자들은 “좋은 징후가 아니다”라면서도 관측을 이어가기로 했다",
        "유럽우주국(ESA) 과학자들은 “좋은 징후가 아니다”라면서도 소행성 관측을 이어가기로 했다. 관측팀은 내년 봄 다시 보고서를 낸다.",
    ),
    (
        "intel",
        "인텔은 4일(현지시간) ‘슈팅스타(Shooting Star)’ 드론 군집 비행을 선보였다",
        "인텔은 4일(현지시간) 드론 500대가 밤하늘에 그림을 그리는 ‘슈팅스타(Shooting Star)’ 군집 비행을 선보였다. 조종사는 한 명이다.",
    ),
    (
        "domination",
        "Domination: 무엇인가 지배의 조건을 묻는 전시",
        "전시 제목은 Domination: 무엇인가. 작가는 지배의 조건을 묻는 설치 작품 열두 점을 내놓았다.",
    ),
    (
        "prison",
        "박 씨는 “수감돼 있던 어느 날 편지를 받았다”고 말했다",
        "출소한 박 씨는 “수감돼 있던 어느 날 편지를 받았다”고 말했다. 편지는 어머니가 보낸 것이었다.",
    ),
];

fn search_generated(args: &[&str]) -> std::process::Output {
    gisa().arg("--index").arg(generated()).arg("search").args(args).output().unwrap()
}

#[test]
fn pasted_headlines_always_search_and_find_their_article() {
    // Balanced quotes are a phrase: no note. (The word glued to the closing quote,
    // 라면서도, reads as 라면 on its own: the query searches, but misses its article.)
    let out = search_generated(&["ESA 과학자들은 “좋은 징후가 아니다”라면서도"]);
    assert!(out.status.code() != Some(2) && !String::from_utf8_lossy(&out.stderr).contains("read as"));
    let out = search_generated(&["ESA 과학자들은 “좋은 징후가 아니다”", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["hits"][0]["path"], "esa.json");
    for (query, file, note) in [
        (
            "인텔은 4일(현지시간) ‘슈팅스타(Shooting",
            "intel.json",
            Some("‘ at column 14 (never closed), ( at column 19 (never closed)"),
        ),
        ("Domination: 무엇인가", "domination.json", Some("Domination: at column 1 (not a field)")),
        ("박 씨는 “수감돼 있던 어느", "prison.json", Some("“ at column 6 (never closed)")),
    ] {
        let out = search_generated(&[query, "--format", "json"]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(0), "{query}: {err}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["hits"][0]["path"], file, "{query}: its own article first");
        let notes: Vec<&str> = err.lines().filter(|l| l.contains("read as plain text")).collect();
        match note {
            Some(n) => assert_eq!(notes, [format!("gisa: read as plain text: {n}")], "{query}: {err}"),
            None => assert!(notes.is_empty(), "balanced quotes are a phrase: {err}"),
        }
    }
    // Balanced curly quotes are phrase quotes: the words must stand together.
    let phrase = search_generated(&["‘슈팅스타 드론’", "--count"]);
    assert_eq!(phrase.status.code(), Some(1), "not a phrase of the article");
    let words = search_generated(&["슈팅스타 드론", "--count"]);
    assert_eq!(String::from_utf8_lossy(&words.stdout), "1\n");
}

#[test]
fn fixed_strings_take_the_whole_query_as_words() {
    let count = |args: &[&str]| -> u64 {
        let out = gisa().arg("--index").arg(index()).arg("search").args(args).arg("--count").output().unwrap();
        assert!(out.status.code() != Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("read as plain text"), "-F reads nothing as syntax");
        String::from_utf8(out.stdout).unwrap().trim().parse().unwrap()
    };
    // -HBM is a word to find, not an exclusion; "광폭 행보" two words, not a phrase;
    // OR a word, not an operator (and no article has it).
    assert_eq!(count(&["-F", "반도체 -HBM"]), count(&["반도체 HBM"]));
    assert_eq!(count(&["반도체 -HBM"]) + count(&["반도체 HBM"]), count(&["반도체"]));
    assert!(count(&["반도체 -HBM"]) > 0 && count(&["반도체 HBM"]) > 0);
    assert_eq!(count(&["--fixed-strings", "\"광폭 행보\""]), count(&["광폭 행보"]));
    assert_eq!(count(&["-F", "퀄컴 OR 쪽방촌"]), 0);
    assert_eq!(count(&["퀄컴 OR 쪽방촌"]), 2);
    // Brackets and field names are text: (삼성 is 삼성, title:이재용 needs the word title.
    assert_eq!(count(&["-F", "(삼성"]), count(&["삼성"]));
    assert_eq!(count(&["-F", "title:이재용"]), 0);
}

/// Runs a search that must fail: status 2 and exactly one line, returned.
fn error_line(args: &[&str]) -> String {
    let out = search_generated(args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    err.trim_end().to_owned()
}

#[test]
fn hostile_arguments_are_one_line_errors() {
    let deep = format!("{}삼성{}", "(".repeat(20_000), ")".repeat(20_000));
    assert_eq!(
        error_line(&[&deep]),
        "gisa: bad query at column 33: groups nested 20000 deep; a query may nest them 32 deep (near \"((((((((((((\")"
    );
    let negated = format!("삼성 {}전자{}", "-(".repeat(20_000), ")".repeat(20_000));
    assert!(error_line(&[&negated]).contains("groups nested 20000 deep"));
    assert_eq!(
        error_line(&["삼성", "--since", "1000000000d"]),
        "gisa: --since: \"1000000000d\" reaches back beyond the dates gisa can handle"
    );
    assert!(
        error_line(&["삼성", "--until", "99999999999m"]).starts_with("gisa: --until: \"99999999999m\" reaches back")
    );
    assert!(error_line(&["삼성", "--since", "4294967296y"]).starts_with("gisa: --since:"));
    assert_eq!(
        error_line(&["삼성", "--since", "2024-06-10", "--until", "2024-06-01"]),
        "gisa: --since: 2024-06-10T00:00:00+09:00 comes after the until date 2024-06-01T23:59:59+09:00: nothing can match"
    );
    assert_eq!(error_line(&[&"a".repeat(100_001)]), "gisa: bad query: 100001 characters; a query may have 100000");
    assert_eq!(error_line(&[&"삼성 ".repeat(1_001)]), "gisa: bad query: 1001 words and phrases; a query may have 1000");
    assert_eq!(error_line(&["   "]), "gisa: bad query at column 4: nothing to search for (near \"\")");
}

#[test]
fn inputs_found_by_fuzzing_stay_fixed() {
    // Each was refused even by the lenient reading (status 2) before its fix; see
    // fuzz/fuzz_targets/query.rs.
    for q in ["title:press:연egoess:연egory4\u{1}\0\u{88}경쀜".replace('\0', ""), "title:press:연합뉴스".into()]
    {
        let out = search_generated(&[&q]);
        assert!(out.status.code() != Some(2), "{q:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn huge_limits_offsets_and_fragments_mean_all() {
    const MAX: &str = "18446744073709551615";
    let json = |args: &[&str]| -> Value {
        let out = search_generated(&[&["삼성전자", "--format", "json"], args].concat());
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let all = json(&["--limit", MAX, "--fragments", "0"]);
    assert_eq!(all["total"], 400);
    assert_eq!(all["hits"].as_array().unwrap().len(), 400, "--limit 2^64-1 is every hit");
    let paged = json(&["--limit", MAX, "--offset", "395", "--fragments", "0"]);
    assert_eq!(paged["hits"].as_array().unwrap().len(), 5);
    assert_eq!(paged["hits"][0]["rank"], 396);
    let beyond = json(&["--limit", MAX, "--offset", MAX]);
    assert_eq!((beyond["total"].as_u64(), beyond["hits"].as_array().unwrap().len()), (Some(400), 0), "no overflow");
    let frags = json(&["--limit", "1", "--fragments", MAX]);
    assert!(!frags["hits"][0]["snippets"].as_array().unwrap().is_empty());
    // Dates beyond what the index stores are clamped, not wrapped around.
    for range in [["--since", "1000-01-01"], ["--until", "9999-12-31"]] {
        assert_eq!(json(&[range[0], range[1], "--fragments", "0"])["total"], 400, "{range:?}");
    }
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    for format in ["jsonl", "text"] {
        let args = ["search", "삼성전자 반도체", "--format", format, "-n", "1000"];
        // The whole output is far more than a pipe buffers (64 KiB), so gisa is still
        // writing when the reader goes away: the broken-pipe path runs.
        let whole = gisa().arg("--index").arg(generated()).args(args).output().unwrap();
        assert!(whole.stdout.len() > 128 * 1024, "{format}: only {} bytes", whole.stdout.len());
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("gisa"));
        cmd.arg("--index").arg(generated()).args(args);
        let out = common::with_closed_pipe(cmd);
        assert_eq!(out.status.code(), Some(0), "{format}: {:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{format}: quiet: {}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn an_empty_index_has_no_hits() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let index = dir.path().join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(&empty).assert().success();
    gisa().arg("--index").arg(&index).args(["search", "삼성"]).assert().code(1);
    let out = gisa()
        .arg("--index")
        .arg(&index)
        .args(["search", "삼성", "--format", "json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["total"], 0);
    gisa()
        .arg("--index")
        .arg(&index)
        .args(["stats"])
        .assert()
        .success()
        .stdout(predicate::str::contains("articles    0"));
}

#[test]
fn search_works_while_an_index_run_holds_the_writer() {
    let _lock = gisa::index::build::IndexLock::acquire(index()).unwrap();
    search(&["삼성전자"]).code(0);
}
