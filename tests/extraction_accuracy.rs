//! Extraction accuracy on a freshly generated corpus, scored against its ground truth.
//!
//! Needs the shared benchmark kit (its generator `bench/gen_corpus.py` and its real Korean
//! sentences): set `GISA_SHARED` to the kit folder (`make test` does when `../shared`
//! exists). Without it the test says so and does nothing.

mod common;

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

#[test]
fn generated_corpus_is_extracted_exactly() {
    let Some(shared) = std::env::var_os("GISA_SHARED").filter(|v| !v.is_empty()).map(PathBuf::from) else {
        eprintln!("skipped: set GISA_SHARED to the shared benchmark kit to score extraction on a generated corpus");
        return;
    };
    let generator = shared.join("bench/gen_corpus.py");
    assert!(generator.is_file(), "GISA_SHARED={} has no bench/gen_corpus.py", shared.display());
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news");
    let status = Command::new("python3")
        .arg(&generator)
        .args(["--articles", "600", "--seed", "11", "--jobs", "1", "--out"])
        .arg(&corpus)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "gen_corpus.py failed");
    let out = Command::new("python3")
        .arg(common::repo().join("scripts/score_extraction.py"))
        .arg(&corpus)
        .arg(dir.path().join("news.truth.jsonl"))
        .arg("--gisa")
        .arg(assert_cmd::cargo::cargo_bin("gisa"))
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let score: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(score["missing"], 0, "{score}");
    for field in ["title", "date", "press", "reporter", "email"] {
        let share = score["fields"][field].as_f64().unwrap();
        assert!(share >= 0.99, "{field}: {share} exact, goal 0.99 ({score})");
    }
    let f1 = score["body_token_f1"].as_f64().unwrap();
    assert!(f1 >= 0.98, "body token F1 {f1}, goal 0.98");
}
