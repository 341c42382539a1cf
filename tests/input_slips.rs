//! Korean input slips: Latin letters typed with the keyboard in English mode (두벌식
//! keystrokes of Hangul) and decomposed (NFD) Hangul from macOS file names and pasted text.

mod common;

use std::path::PathBuf;

use common::{gisa, repo};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn index_of(corpus: &std::path::Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(corpus).assert().success();
    (dir, index)
}

fn run(index: &PathBuf, args: &[&str]) -> (i32, String, String) {
    let out = gisa().arg("--index").arg(index).args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn ids(out: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(out).unwrap();
    v["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn latin_keystrokes_of_hangul_are_searched_as_hangul_with_a_note() {
    let (_d, ix) = index_of(&repo().join("corpus"));
    let (_, korean, _) = run(&ix, &["search", "삼성전자", "--format", "json"]);
    let (code, typed, err) = run(&ix, &["search", "tkatjdwjswk", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!ids(&korean).is_empty());
    assert_eq!(ids(&typed), ids(&korean), "tkatjdwjswk finds what 삼성전자 finds");
    assert!(err.contains("searched tkatjdwjswk as 삼성전자"), "{err}");
    assert_eq!(err.lines().count(), 1, "one note: {err}");

    // Among other words: the Latin word with hits (HBM) stays, the slip (qksehcp) is read.
    let (code, out, err) = run(&ix, &["search", "qksehcp HBM", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(err.contains("qksehcp as 반도체") && !err.contains("HBM as"), "{err}");
    let (_, both, _) = run(&ix, &["search", "반도체 HBM", "--format", "json"]);
    assert_eq!(ids(&out), ids(&both));

    // Latin words that are words stay as they are: no hits, no note.
    let (code, _, err) = run(&ix, &["search", "hello", "-c"]);
    assert_eq!(code, 1);
    assert!(!err.contains("searched"), "{err}");
    // A Latin word with hits is never read as Hangul, even when its reading has hits too.
    let (_, _, err) = run(&ix, &["search", "AI", "-c"]);
    assert!(err.is_empty(), "{err}");

    // trend reads them too.
    let (code, out, err) = run(&ix, &["trend", "qksehcp", "--by", "year", "--format", "csv"]);
    assert_eq!(code, 0);
    assert!(err.contains("qksehcp as 반도체"), "{err}");
    assert!(out.contains("2024,2024-01-01,2024-12-31,4"), "{out}");
}

#[test]
fn decomposed_hangul_matches_composed_text_in_queries_filters_and_file_names() {
    let corpus = tempfile::tempdir().unwrap();
    let name = "서울 사흘째 열대야…내일도 낮 최고 35도 ‘찜통더위’.txt";
    let nfd_name: String = name.nfd().collect();
    assert_ne!(nfd_name, name);
    std::fs::copy(repo().join("corpus/daum").join(name), corpus.path().join(&nfd_name)).unwrap();
    std::fs::copy(
        repo().join("corpus/press/hani_20240807_1152364.txt"),
        corpus.path().join("hani_20240807_1152364.txt"),
    )
    .unwrap();
    let (_d, ix) = index_of(corpus.path());

    // A query pasted decomposed finds and highlights what the composed one does.
    let nfd = |s: &str| s.nfd().collect::<String>();
    let (code, composed, _) = run(&ix, &["search", "열대야 기상청", "--format", "json"]);
    assert_eq!(code, 0);
    let (code, decomposed, _) = run(&ix, &["search", &nfd("열대야 기상청"), "--format", "json"]);
    assert_eq!(code, 0);
    let (a, b): (Value, Value) = (serde_json::from_str(&composed).unwrap(), serde_json::from_str(&decomposed).unwrap());
    assert_eq!(a["hits"][0]["id"], b["hits"][0]["id"]);
    assert_eq!(a["hits"][0]["snippets"], b["hits"][0]["snippets"], "the same highlights");
    assert!(!b["hits"][0]["snippets"][0]["highlights"].as_array().unwrap().is_empty());
    // Exact-match filters too: press:뉴스1 and --press typed decomposed.
    let (code, out, _) = run(&ix, &["search", &format!("press:{} 열대야", nfd("뉴스1")), "-c"]);
    assert_eq!((code, out.trim()), (0, "1"));
    let (code, out, _) = run(&ix, &["search", "폭염", "--press", &nfd("한겨레"), "-c"]);
    assert_eq!((code, out.trim()), (0, "1"));

    // A file named decomposed (macOS) is found by the name typed composed.
    let (code, out, err) = run(&ix, &["show", name, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["title"].as_str().unwrap().contains("열대야"), "{v}");
}
