//! Scratch corpora and index folders for the indexing tests, and a tmpfs for the tests that
//! need a file system of their own (a full disk, a read-only mount, file times that ext4
//! cannot store).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{gisa, repo};

/// A scratch copy of the demo corpus and an index folder beside it.
pub struct Scratch {
    pub dir: tempfile::TempDir,
    pub corpus: PathBuf,
    pub index: PathBuf,
}

pub fn copy_dir(from: &Path, to: &Path) {
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

/// The demo corpus (13 files, 14 articles once the one saved twice is counted once).
pub fn scratch() -> Scratch {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news");
    copy_dir(&repo().join("corpus"), &corpus);
    std::fs::remove_file(corpus.join("README.md")).ok();
    let index = dir.path().join("ix");
    Scratch { dir, corpus, index }
}

impl Scratch {
    /// `gisa --index INDEX`, without `RUST_BACKTRACE` (which makes gisa print Rust's own panic
    /// report besides its one line).
    pub fn gisa(&self) -> assert_cmd::Command {
        let mut c = gisa();
        c.env_remove("RUST_BACKTRACE").arg("--index").arg(&self.index);
        c
    }

    /// Runs `gisa index` with a JSON summary; returns (exit code, summary).
    pub fn index(&self, extra: &[&str]) -> (i32, Value) {
        let out = self.gisa().arg("index").arg(&self.corpus).args(["--format", "json"]).args(extra).output().unwrap();
        let code = out.status.code().unwrap_or(-1);
        assert!(code == 0 || code == 1, "gisa index failed: {}", String::from_utf8_lossy(&out.stderr));
        (code, serde_json::from_slice(&out.stdout).expect("JSON summary"))
    }

    pub fn stats(&self) -> Value {
        let out = self.gisa().args(["stats", "--format", "json"]).assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }

    pub fn show(&self, id: &str) -> Value {
        let out = self.gisa().args(["show", "--format", "json", id]).assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out).unwrap()
    }
}

pub fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("{key} missing in {v}"))
}

/// Writes `count` distinct articles (variations of the demo corpus texts) under `dir`.
pub fn many_articles(dir: &Path, count: usize) {
    let truth = std::fs::read_to_string(repo().join("tests/fixtures/corpus-truth.jsonl")).unwrap();
    let bodies: Vec<Value> = truth.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for i in 0..count {
        let t = &bodies[i % bodies.len()];
        let sub = dir.join(format!("{:03}", i / 200));
        std::fs::create_dir_all(&sub).unwrap();
        let rec = serde_json::json!({
            "title": format!("{} ({i}번째 사본)", t["title"].as_str().unwrap()),
            "body": format!("{}\n사본 번호 {i}.", t["body"].as_str().unwrap()),
            "press": t["press"], "date": "2024-05-01T09:00:00+09:00",
        });
        std::fs::write(sub.join(format!("a{i:05}.json")), rec.to_string()).unwrap();
    }
}

/// A tmpfs mounted for one test, unmounted when dropped.
pub struct Tmpfs {
    pub path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (`2m`, …). Needs root (CI runs as root); elsewhere `None`,
    /// after printing why the test cannot run.
    pub fn mount(size: &str, test: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fs");
        std::fs::create_dir(&path).unwrap();
        let out =
            Command::new("mount").args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"]).arg(&path).output();
        match out {
            Ok(o) if o.status.success() => Some(Tmpfs { path, _dir: dir }),
            Ok(o) => {
                eprintln!("note: {test} not run: cannot mount a tmpfs ({})", String::from_utf8_lossy(&o.stderr).trim());
                None
            }
            Err(e) => {
                eprintln!("note: {test} not run: cannot run mount ({e})");
                None
            }
        }
    }

    /// Remounts with other options (`size=200m`, `ro`, `rw`).
    pub fn remount(&self, options: &str) {
        let st = Command::new("mount").args(["-o", &format!("remount,{options}")]).arg(&self.path).status().unwrap();
        assert!(st.success(), "remount {options} failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}
