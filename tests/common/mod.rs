//! Shared helpers for the integration tests.
//!
//! Tests that analyze Korean need the installed mecab-ko-dic dictionary. The test command in
//! the README (`make test`) installs it first; run alone, a test without it fails with the
//! command that fixes it rather than skipping.
#![allow(dead_code)]

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

/// Copies a folder recursively (a scratch copy of the demo corpus).
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A `gisa` command for the binary under test.
pub fn gisa() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("gisa").expect("gisa binary")
}
