//! File names as Korean users have them: a Windows zip unpacked on Linux leaves names in
//! CP949, not UTF-8. The index, `--format paths`, `show` and the file records keep the real
//! bytes; people see the names decoded (text, JSON `path`, titles taken from file names).
#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use base64::Engine;
use common::corpus::n;
use common::gisa;
use serde_json::Value;

/// `s` in CP949, as Windows writes file names.
fn cp949(s: &str) -> Vec<u8> {
    let (b, _, bad) = encoding_rs::EUC_KR.encode(s);
    assert!(!bad, "{s} has no CP949 form");
    b.into_owned()
}

/// A path under `dir` whose last part is `name` in CP949.
fn cp949_path(dir: &Path, name: &str) -> PathBuf {
    dir.join(OsStr::from_bytes(&cp949(name)))
}

struct Archive {
    _tmp: tempfile::TempDir,
    news: PathBuf,
    index: PathBuf,
    /// `2024/삼성전자 실적.txt`, its name in CP949.
    samsung: PathBuf,
    weather: PathBuf,
}

/// An archive unpacked from a Windows zip: a UTF-8 folder holding CP949-named files — a
/// text save with no title line (one long paragraph), a JSON record with a title, and a file
/// whose name is UTF-8.
fn archive() -> Archive {
    let tmp = tempfile::tempdir().unwrap();
    let news = tmp.path().join("news");
    let dir = news.join("2024");
    std::fs::create_dir_all(&dir).unwrap();
    let samsung = cp949_path(&dir, "삼성전자 실적.txt");
    let para = "삼성전자가 3분기 실적을 발표했다. 반도체 부문 영업이익이 크게 늘었고 투자자들은 \
                서울은 물론 해외에서도 설명회에서 만났다. "
        .repeat(6);
    std::fs::write(&samsung, format!("{para}\n")).unwrap();
    let weather = cp949_path(&dir, "서울 날씨.json");
    let rec = serde_json::json!({
        "title": "서울은 맑고 부산은 흐렸다",
        "body": "서울은 맑았다. 시민들이 공원에서 만났다. 부산은 흐렸다.",
        "date": "2024-05-01T09:00:00+09:00",
        "press": "테스트일보",
    });
    std::fs::write(&weather, rec.to_string()).unwrap();
    let utf8 = serde_json::json!({
        "title": "삼성전자 주가 올라",
        "body": "삼성전자 주가가 올랐다. 반도체 업황이 좋아졌다.",
        "date": "2024-05-02T09:00:00+09:00",
    });
    std::fs::write(dir.join("주가.json"), utf8.to_string()).unwrap();
    let index = tmp.path().join("ix");
    Archive { _tmp: tmp, news, index, samsung, weather }
}

impl Archive {
    fn gisa(&self) -> assert_cmd::Command {
        let mut c = gisa();
        c.env_remove("RUST_BACKTRACE").arg("--index").arg(&self.index);
        c
    }

    fn index(&self) -> Value {
        let out = self.gisa().arg("index").arg(&self.news).args(["--format", "json"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    fn search(&self, query: &str, format: &str) -> Vec<u8> {
        let out = self.gisa().args(["search", query, "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    }
}

#[test]
fn paths_print_the_real_bytes_and_open_the_files() {
    let a = archive();
    let sum = a.index();
    assert_eq!(n(&sum, "articles_added"), 3, "{sum}");
    // The bytes of `--format paths`, one path a line, are the names on disk: each opens.
    let out = a.search("실적", "paths");
    let lines: Vec<&[u8]> = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    let samsung_abs = std::fs::canonicalize(&a.samsung).unwrap();
    assert_eq!(lines, [samsung_abs.as_os_str().as_bytes()], "{}", String::from_utf8_lossy(&out));
    assert!(!out.windows(3).any(|w| w == "\u{fffd}".as_bytes()), "no replacement characters");
    // What `xargs cat` does: open the path read from stdout.
    let text = std::fs::read_to_string(Path::new(OsStr::from_bytes(lines[0]))).unwrap();
    assert!(text.starts_with("삼성전자가 3분기 실적을 발표했다."));
    // Several hits: every path opens.
    let out = a.search("서울", "paths");
    let lines: Vec<&[u8]> = out.split(|&b| b == b'\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2);
    for l in lines {
        assert!(Path::new(OsStr::from_bytes(l)).is_file(), "{}", String::from_utf8_lossy(l));
    }
}

#[test]
fn people_see_the_names_decoded_and_titles_from_them() {
    let a = archive();
    a.index();
    let v: Value = serde_json::from_slice(&a.search("실적", "json")).unwrap();
    let hit = &v["hits"][0];
    // The text save has no title line: its title is its file name, decoded (서울은 → 서울 is
    // in the body, the title is the name's).
    assert_eq!(hit["title"], "삼성전자 실적");
    assert_eq!(hit["path"], "2024/삼성전자 실적.txt");
    let bytes = base64::engine::general_purpose::STANDARD.decode(hit["path_bytes"].as_str().unwrap()).unwrap();
    assert_eq!(bytes, [b"2024/".to_vec(), cp949("삼성전자 실적.txt")].concat());
    // A UTF-8 name needs no bytes.
    let v: Value = serde_json::from_slice(&a.search("주가", "json")).unwrap();
    assert_eq!(v["hits"][0]["path"], "2024/주가.json");
    assert!(v["hits"][0].get("path_bytes").is_none());
    // Text and CSV show the decoded name.
    let text = String::from_utf8(a.search("부산", "text")).unwrap();
    assert!(text.contains("2024/서울 날씨.json"), "{text}");
    let csv = String::from_utf8(a.search("서울", "csv")).unwrap();
    assert!(csv.contains("2024/서울 날씨.json") && csv.contains("2024/삼성전자 실적.txt"), "{csv}");
    // A search for a word of the decoded title finds the file (the title is analyzed Korean).
    let v: Value = serde_json::from_slice(&a.search("title:실적", "json")).unwrap();
    assert_eq!(v["total"], 1);
}

#[test]
fn a_second_run_changes_nothing() {
    let a = archive();
    a.index();
    let sum = a.index();
    assert_eq!(n(&sum, "files_unchanged"), 3, "{sum}");
    assert_eq!(n(&sum, "bytes_read"), 0, "CP949 names are not read again");
    assert_eq!(n(&sum, "articles_added") + n(&sum, "articles_removed"), 0);
    // Removing one CP949 file removes its article only.
    std::fs::remove_file(&a.weather).unwrap();
    let sum = a.index();
    assert_eq!((n(&sum, "files_removed"), n(&sum, "articles_removed")), (1, 1), "{sum}");
    assert_eq!(n(&sum, "files_unchanged"), 2);
}

#[test]
fn show_takes_the_raw_path() {
    let a = archive();
    a.index();
    let out = a.search("실적", "paths");
    let abs = OsStr::from_bytes(out.strip_suffix(b"\n").unwrap());
    // As `--format paths` printed it (absolute, CP949 bytes) …
    let shown = a.gisa().arg("show").arg(abs).output().unwrap();
    assert!(shown.status.success(), "{}", String::from_utf8_lossy(&shown.stderr));
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.starts_with("삼성전자 실적\n"), "{text}");
    assert!(text.contains("file      2024/삼성전자 실적.txt"), "{text}");
    // … relative to the folder in its bytes, or decoded as people type it.
    let rel = [b"2024/".to_vec(), cp949("서울 날씨.json")].concat();
    let v: Value = serde_json::from_slice(
        &a.gisa()
            .arg("show")
            .arg(OsStr::from_bytes(&rel))
            .args(["--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["title"], "서울은 맑고 부산은 흐렸다");
    assert_eq!(v["path"], "2024/서울 날씨.json");
    assert!(v["path_bytes"].is_string());
    // The id (the lossless key) finds it too.
    let id = v["id"].as_str().unwrap().to_owned();
    a.gisa().args(["show", &id]).assert().success();
}

#[test]
fn extract_reads_a_cp949_named_file() {
    let a = archive();
    let out = gisa().arg("extract").arg(&a.samsung).args(["--format", "jsonl"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["title"], "삼성전자 실적");
    assert_eq!(v["path"], "삼성전자 실적.txt");
    assert!(v["path_bytes"].is_string());
    // `--exclude` globs are typed as people read names.
    let out = gisa().arg("extract").arg(&a.news).args(["--format", "jsonl", "--exclude", "서울*"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(!text.contains("서울 날씨"));
}
