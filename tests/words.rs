//! New words (issue 10) on the labeled set of `tests/fixtures/new-words/` — 135 post-2018
//! names placed in real news sentences, articles that use their pieces as ordinary words, and
//! plain news: the pieces of a word the dictionary reads only in pieces must stand together
//! in `gisa search`, words the dictionary knows search as before, and `gisa words` finds the
//! names and adds them to a user dictionary.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{gisa, repo};
use serde_json::Value;

struct Fixture {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    /// Built by this gisa, and with `--pieces-apart` (as indexes were before).
    joined: PathBuf,
    apart: PathBuf,
    docs: Vec<Value>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("news");
        std::fs::create_dir(&corpus).unwrap();
        let text = std::fs::read_to_string(repo().join("tests/fixtures/new-words/labeled.jsonl")).unwrap();
        let docs: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let feed: String = docs
            .iter()
            .map(|d| serde_json::json!({"id": d["id"], "title": d["title"], "body": d["body"]}).to_string() + "\n")
            .collect();
        std::fs::write(corpus.join("labeled.jsonl"), feed).unwrap();
        let build = |name: &str, extra: &[&str]| {
            let ix = dir.path().join(name);
            let out =
                gisa().arg("--index").arg(&ix).args(["index", "--quiet"]).args(extra).arg(&corpus).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            ix
        };
        let joined = build("joined", &[]);
        let apart = build("apart", &["--pieces-apart"]);
        Fixture { corpus, joined, apart, docs, _dir: dir }
    })
}

/// The ids `gisa search` returns (all of them).
fn ids(ix: &Path, query: &str) -> Vec<String> {
    let out =
        gisa().arg("--index").arg(ix).args(["search", query, "--limit", "10000", "--format", "json"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().rsplit(':').next().unwrap().to_owned())
        .collect()
}

fn text_of(f: &Fixture, id: &str) -> String {
    let d = f.docs.iter().find(|d| d["id"] == id).unwrap();
    format!("{}\n{}", d["title"].as_str().unwrap(), d["body"].as_str().unwrap())
}

/// Ids of the articles whose text holds `s`.
fn holding(f: &Fixture, s: &str) -> BTreeSet<String> {
    f.docs
        .iter()
        .filter(|d| text_of(f, d["id"].as_str().unwrap()).contains(s))
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_pieces_of_a_new_name_must_stand_together() {
    let f = fixture();
    // 어도어 is 어 (a stop tag) + 도어 to mecab-ko-dic: with pieces apart it finds the
    // articles where 도어 is a door; now only those with 어도어 itself.
    let before: BTreeSet<String> = ids(&f.apart, "어도어").into_iter().collect();
    let after: BTreeSet<String> = ids(&f.joined, "어도어").into_iter().collect();
    let with_it = holding(f, "어도어");
    assert!(before.iter().any(|id| !with_it.contains(id)), "the distractors matched before: {before:?}");
    assert_eq!(after, with_it, "exactly the articles with 어도어");
    // 딥시크 = 딥 + 시크: the articles that use 딥 and 시크 as words no longer match.
    let after = ids(&f.joined, "딥시크");
    assert!(!after.is_empty());
    for id in &after {
        assert!(text_of(f, id).contains("딥시크"), "{id}: {}", text_of(f, id));
    }
    assert!(ids(&f.apart, "딥시크").iter().any(|id| id.starts_with("dis-")), "distractors matched before");
    // A piece still finds the name (시크 finds 딥시크, 도어 finds 어도어).
    let doors = ids(&f.joined, "도어");
    assert!(doors.iter().any(|id| text_of(f, id).contains("어도어")), "{doors:?}");
    assert!(doors.iter().any(|id| !text_of(f, id).contains("어도어")), "{doors:?}");
}

#[test]
fn words_the_dictionary_knows_search_as_before() {
    let f = fixture();
    // (평창올림픽 or 연구팀 are not such words: the dictionary reads them 평창+올림픽, 연구+팀.)
    for q in ["북한", "대통령은", "개발했다", "삼성", "만났다", "\"고위급 대표단\""] {
        let a: BTreeSet<String> = ids(&f.apart, q).into_iter().collect();
        let b: BTreeSet<String> = ids(&f.joined, q).into_iter().collect();
        assert_eq!(a, b, "{q}");
    }
}

#[test]
fn gisa_words_finds_the_names_with_counts_and_examples() {
    let f = fixture();
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--min-count", "3", "--limit", "400", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cands = v["candidates"].as_array().unwrap();
    let words: Vec<&str> = cands.iter().map(|c| c["word"].as_str().unwrap()).collect();
    for name in ["딥시크", "엔비디아", "뉴진스", "어도어", "르세라핌", "블랙핑크"] {
        assert!(words.contains(&name), "{name} not among {words:?}");
    }
    let names = std::fs::read_to_string(repo().join("tests/fixtures/new-words/names.txt")).unwrap();
    let found = names.lines().filter(|n| words.contains(n)).count();
    assert!(found >= 80, "only {found} of the 135 names");
    let d = cands.iter().find(|c| c["word"] == "딥시크").unwrap();
    assert_eq!(d["pieces"], serde_json::json!(["딥", "시크"]));
    assert!(d["count"].as_u64().unwrap() >= d["articles"].as_u64().unwrap() && d["articles"].as_u64().unwrap() >= 3);
    assert!(d["example"].as_str().unwrap().contains("딥시크"), "{d}");
    assert!(text_of(f, d["example_id"].as_str().unwrap()).contains("딥시크"));
    for k in ["cohesion", "left_entropy", "right_entropy", "particle_ratio", "score"] {
        assert!(d[k].as_f64().unwrap() > 0.0, "{k}: {d}");
    }
    // Scores are in order; a piece of a name (비디아 of 엔비디아) is no candidate.
    assert!(cands.windows(2).all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64()));
    assert!(!words.contains(&"비디아") && !words.contains(&"시크"));
    // CSV and text carry the same first candidate.
    let csv = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--min-count", "3", "-n", "3", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("rank,word,pieces,score,count,articles,cohesion,"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let first = csv.lines().nth(1).unwrap().split(',').nth(1).unwrap().to_owned();
    assert_eq!(first, words[0]);
    let text = gisa().arg("--index").arg(&f.joined).args(["words", "--min-count", "3", "-n", "2"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().contains(words[0]), "{text}");
}

#[test]
fn gisa_words_add_appends_proper_nouns_and_the_index_then_reads_them_whole() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let udict = dir.path().join("user.txt");
    std::fs::write(&udict, "# 내 사전\n하이브\n").unwrap();
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--add", "딥시크", "어도어", "하이브", "--user-dict"])
        .arg(&udict)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("added 2 words"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&udict).unwrap(), "# 내 사전\n하이브\n딥시크,NNP\n어도어,NNP\n");
    // The discovered candidates too (the top 5).
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--min-count", "3", "-n", "5", "--add", "--user-dict"])
        .arg(&udict)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&udict).unwrap().lines().count() >= 6);
    // A new index with the user dictionary reads the names as one word.
    let ix = dir.path().join("ix");
    let out = gisa()
        .arg("--index")
        .arg(&ix)
        .args(["index", "--quiet", "--user-dict"])
        .arg(&udict)
        .arg(&f.corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a =
        gisa().args(["analyze", "--format", "json", "딥시크가 어도어와", "--user-dict"]).arg(&udict).output().unwrap();
    let v: Value = serde_json::from_slice(&a.stdout).unwrap();
    let terms: Vec<&str> = v["tokens"].as_array().unwrap().iter().map(|t| t["token"].as_str().unwrap()).collect();
    assert_eq!(terms, ["딥시크", "어도어"]);
    let with_it = holding(f, "딥시크");
    assert_eq!(ids(&ix, "딥시크").into_iter().collect::<BTreeSet<_>>(), with_it);
}

#[test]
fn gisa_words_errors_are_one_line() {
    let f = fixture();
    // An index built with the pieces apart holds no whole runs to discover.
    let out = gisa().arg("--index").arg(&f.apart).args(["words"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--full") && err.lines().count() == 1, "{err}");
    // --add without a user dictionary, and a word no dictionary line can hold.
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--add", "딥시크"])
        .env_remove("GISA_USER_DICT")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--user-dict"), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = tempfile::tempdir().unwrap();
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--add", "딥 시크", "--user-dict"])
        .arg(dir.path().join("u.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("u.txt").exists());
}
