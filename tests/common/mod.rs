//! Shared helpers for the integration tests.
//!
//! Tests that analyze Korean need the installed mecab-ko-dic dictionary. The test command in
//! the README (`make test`) installs it first; run alone, a test without it fails with the
//! command that fixes it rather than skipping.
#![allow(dead_code)]

pub mod browser;
pub mod corpus;
pub mod server;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use gisa::analysis::{Analyzer, AnalyzerOptions};
use gisa::dict::KoDict;

/// The installed dictionary (`GISA_DICT` or gisa's data folder), loaded once per test binary.
pub fn dict() -> Arc<KoDict> {
    static DICT: OnceLock<Arc<KoDict>> = OnceLock::new();
    DICT.get_or_init(|| match KoDict::open_default(None) {
        Ok(d) => Arc::new(d),
        Err(e) => panic!("these tests need the Korean dictionary: {e:#} (`make test` installs it)"),
    })
    .clone()
}

/// The analyzer with default options.
pub fn analyzer() -> Analyzer {
    Analyzer::new(dict(), AnalyzerOptions::default()).expect("default analyzer")
}

pub fn analyzer_with(f: impl FnOnce(&mut AnalyzerOptions)) -> Analyzer {
    let mut options = AnalyzerOptions::default();
    f(&mut options);
    Analyzer::new(dict(), options).expect("analyzer")
}

/// The terms of `text`, checking on the way that every term's offsets slice `text` exactly.
pub fn terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
    analyzer
        .analyze(text)
        .into_iter()
        .map(|t| {
            assert!(t.start < t.end && t.end <= text.len(), "bad span {t:?} in {text:?}");
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end), "span {t:?} cuts a character");
            t.text
        })
        .collect()
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `gisa` command for the binary under test.
pub fn gisa() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("gisa").expect("gisa binary")
}

/// Writes `n` JSON articles about 삼성전자 반도체 (about 1.3 KB each) into `dir`: enough that
/// a search or a report over them prints far more than a pipe buffers.
pub fn samsung_articles(dir: &std::path::Path, n: usize) {
    for i in 0..n {
        let rec = serde_json::json!({
            "title": format!("삼성전자 반도체 소식 {i}번"),
            "body": format!("삼성전자가 반도체 {i}번째 계획을 발표했다. {}", "메모리 시장 전망도 함께 밝혔다. ".repeat(20)),
            "press": "테스트일보",
            "date": "2024-05-01T09:00:00+09:00",
        });
        std::fs::write(dir.join(format!("a{i:03}.json")), rec.to_string()).unwrap();
    }
}

/// Runs `cmd` as `cmd | head -c 8` would: reads 8 bytes of its output, closes the pipe, and
/// returns how it ended (stderr captured).
pub fn with_closed_pipe(mut cmd: std::process::Command) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 8];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    child.wait_with_output().unwrap()
}
