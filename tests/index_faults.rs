//! Hostile conditions for the index, each through the command line: file times no date can
//! hold, a disk that fills up during a build, a read-only index folder, damaged index files.
//! Tests that need a file system of their own mount a tmpfs (as root, as CI runs them) and
//! say so when they cannot.

mod common;

use std::path::Path;
use std::time::{Duration, UNIX_EPOCH};

use common::corpus::{Tmpfs, many_articles, n, scratch};
use common::gisa;
use predicates::prelude::*;

const SEED: &str = "daum/kukinews-2024-06-18-lee-jaeyong.txt";
const SEED_TITLE: &str = "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용";

/// A JSON record without a date, whose date would be its file's time.
const DATELESS: &str = r#"{"title": "날짜 없는 기사", "body": "저장된 파일의 시각이 날짜가 된다."}"#;

fn set_mtime(path: &Path, secs: i64) {
    filetime::set_file_mtime(path, filetime::FileTime::from_unix_time(secs, 0)).unwrap();
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `gisa extract` and `gisa index` on a corpus where `seed` and `dateless` have an impossible
/// modification time: both read everything, and say so once per file.
fn check_out_of_range_times(corpus: &Path, index: &Path, seed: &Path, dateless: &Path) {
    // extract: the article, one note naming the file, status 0.
    let out = gisa().env_remove("RUST_BACKTRACE").arg("extract").arg(seed).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(SEED_TITLE));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("kukinews-2024-06-18-lee-jaeyong.txt: modification time out of range"), "{err}");
    // The seed's date is year-less (06.18 (화)): without a file time there is no year to
    // infer, so no date; the record's date would have been the file time: none either.
    let out = gisa().arg("extract").arg(dateless).args(["--format", "jsonl"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let rec: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((rec["title"].as_str(), rec["date"].as_str()), (Some("날짜 없는 기사"), None), "{rec}");

    // index: every file goes in, one note per bad file, status 0 (nothing was skipped).
    let run =
        || gisa().env_remove("RUST_BACKTRACE").arg("--index").arg(index).arg("index").arg(corpus).output().unwrap();
    let out = run();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(err.lines().count(), 2, "one line per file: {err}");
    for name in ["kukinews-2024-06-18-lee-jaeyong.txt", "dateless.json"] {
        assert!(err.lines().any(|l| l.contains(name) && l.contains("time out of range")), "{name}: {err}");
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("15 articles in the index"), "{:?}", out);
    let show = |id: &str| {
        let out = gisa().arg("--index").arg(index).args(["show", "--format", "json", id]).output().unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let seed_doc = show(SEED);
    assert_eq!(seed_doc["title"], SEED_TITLE);
    assert_eq!(seed_doc["date"], serde_json::Value::Null);
    assert_eq!(show("extra/dateless.json")["date"], serde_json::Value::Null);
    gisa().arg("--index").arg(index).args(["search", "퀄컴 이재용", "--count"]).assert().success();
    // Said once: the next run reads nothing and says nothing.
    let out = run();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr_of(&out), "", "reported once");
}

#[test]
fn a_file_time_beyond_what_the_index_stores_is_unknown() {
    // Year 2300: ext4 and most file systems store it; chrono does too, tantivy's dates
    // (i64 nanoseconds) end in 2262.
    let s = scratch();
    std::fs::create_dir(s.corpus.join("extra")).unwrap();
    let dateless = s.corpus.join("extra/dateless.json");
    std::fs::write(&dateless, DATELESS).unwrap();
    let seed = s.corpus.join(SEED);
    for f in [&seed, &dateless] {
        set_mtime(f, 10_413_792_000);
    }
    check_out_of_range_times(&s.corpus, &s.index, &seed, &dateless);
}

#[test]
fn a_file_time_beyond_chronos_range_does_not_crash_extract_or_index() {
    // tmpfs stores any 64-bit time: `touch -d @9000000000000000` (year ~285 million) made
    // chrono panic in `gisa extract`, and abort every `gisa index` run.
    let Some(fs) = Tmpfs::mount("20m", "a_file_time_beyond_chronos_range…") else { return };
    let s = scratch();
    let corpus = fs.path.join("news");
    common::corpus::copy_dir(&s.corpus, &corpus);
    std::fs::create_dir(corpus.join("extra")).unwrap();
    let dateless = corpus.join("extra/dateless.json");
    std::fs::write(&dateless, DATELESS).unwrap();
    let seed = corpus.join(SEED);
    for f in [&seed, &dateless] {
        let t = UNIX_EPOCH + Duration::from_secs(9_000_000_000_000_000);
        std::fs::File::options().write(true).open(f).unwrap().set_modified(t).unwrap();
        assert_eq!(std::fs::metadata(f).unwrap().modified().unwrap(), t, "the tmpfs keeps the time");
    }
    check_out_of_range_times(&corpus, &s.index, &seed, &dateless);
}

#[test]
fn a_full_disk_stops_the_build_and_keeps_the_last_commit() {
    let Some(fs) = Tmpfs::mount("2m", "a_full_disk_stops_the_build…") else { return };
    let mut s = scratch();
    s.index = fs.path.join("ix");
    let (index, ix) = (&s.index, || s.gisa());
    // The demo corpus fits.
    ix().arg("index").arg(&s.corpus).assert().success();
    let count = |q: &str| {
        let out = ix().args(["search", q, "--count"]).output().unwrap();
        assert!(out.status.code().is_some_and(|c| c <= 1), "{}", stderr_of(&out));
        String::from_utf8_lossy(&out.stdout).trim().parse::<u64>().unwrap()
    };
    let before = count("삼성전자");
    assert!(before > 0);
    // 3,000 more articles do not fit in 2 MB.
    many_articles(&s.corpus.join("many"), 3000);
    let out = ix().arg("index").arg(&s.corpus).args(["--commit-every", "1"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(&index.display().to_string()) && err.contains("disk is full"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // The last commit is still readable.
    assert_eq!(count("삼성전자"), before);
    let stats = ix().args(["stats", "--format", "json"]).output().unwrap();
    assert!(stats.status.success(), "{}", stderr_of(&stats));
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    let committed = n(&stats, "articles");
    assert!((14..3014).contains(&committed), "{committed}");
    // With space, the next run completes, indexing nothing twice.
    fs.remount("size=200m");
    let out = ix().arg("index").arg(&s.corpus).args(["--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let sum: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(n(&sum, "articles_in_index"), 3014, "{sum}");
    assert_eq!(n(&sum, "articles_added") + committed, 3014, "{sum}");
    assert_eq!(count("사본"), 3000);
}

#[test]
fn a_read_only_index_is_searched_but_not_written() {
    let Some(fs) = Tmpfs::mount("20m", "a_read_only_index…") else { return };
    let mut s = scratch();
    s.index = fs.path.join("ix");
    let (index, ix) = (&s.index, || s.gisa());
    ix().arg("index").arg(&s.corpus).assert().success();
    fs.remount("ro");
    let out = ix().arg("index").arg(&s.corpus).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(&format!("cannot write to the index at {}: the folder is read-only", index.display())),
        "{err}"
    );
    ix().args(["search", "삼성전자", "--count"]).assert().success();
    ix().args(["show", SEED]).assert().success().stdout(predicate::str::contains(SEED_TITLE));
    ix().arg("stats").assert().success();
    fs.remount("rw");
}

/// The segment file of `ext` with the most bytes in an index folder.
fn biggest(index: &Path, ext: &str) -> std::path::PathBuf {
    let mut files: Vec<_> = std::fs::read_dir(index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort_by_key(|p| std::fs::metadata(p).unwrap().len());
    files.pop().unwrap_or_else(|| panic!("no .{ext} file in {}", index.display()))
}

/// Every reading command, and an incremental run, on a damaged index: one line naming the
/// damaged file and `gisa index --full`, status 2, never a panic; `--full` repairs it.
fn check_damage(s: &common::corpus::Scratch, damaged: &str, commands: &[&[&str]]) {
    for args in commands {
        let out = s.gisa().args(*args).output().unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains("is damaged") && err.contains(damaged), "{args:?}: {err}");
        assert!(err.contains(&format!("gisa index --full {}", s.corpus.canonicalize().unwrap().display())), "{err}");
        assert!(!err.contains("panicked") && !err.contains("internal error"), "{args:?}: {err}");
    }
    let (code, sum) = s.index(&["--full"]);
    assert_eq!((code, n(&sum, "articles_in_index")), (0, 14), "{sum}");
    s.gisa().args(["search", "삼성전자", "--count"]).assert().success();
}

const READERS: &[&[&str]] = &[&["search", "삼성전자"], &["search", "반도체", "--count"], &["stats"], &["show", SEED]];

#[test]
fn a_truncated_segment_file_names_gisa_index_full() {
    for ext in ["store", "term", "fast"] {
        let s = scratch();
        s.index(&[]);
        let f = biggest(&s.index, ext);
        let len = std::fs::metadata(&f).unwrap().len();
        std::fs::OpenOptions::new().write(true).open(&f).unwrap().set_len(len / 2).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let mut commands = READERS.to_vec();
        let index_args = ["index", s.corpus.to_str().unwrap()];
        commands.push(&index_args);
        check_damage(&s, &format!("{name}: truncated"), &commands);
    }
}

#[test]
fn overwritten_segment_bytes_name_gisa_index_full_instead_of_panicking() {
    // tantivy does not check checksums when it reads: garbage in the term dictionary, the
    // postings or the document store made its decoders panic.
    for (ext, commands) in [
        ("term", &[&["search", "삼성전자"][..], &["search", "반도체", "--count"]][..]),
        ("idx", &[&["search", "삼성전자"][..]][..]),
        ("store", &[&["search", "반도체"][..], &["show", SEED]][..]),
        ("fast", &[&["stats"][..]][..]),
    ] {
        let s = scratch();
        // One indexing thread: one segment, the same bytes every time, so the damage lands
        // where the commands below read.
        let (_, sum) = s.index(&["--threads", "1"]);
        assert_eq!(s.stats()["segments"], 1, "{sum}");
        let f = biggest(&s.index, ext);
        let mut bytes = std::fs::read(&f).unwrap();
        let len = bytes.len();
        for b in &mut bytes[len / 4..len * 3 / 4] {
            *b = b.wrapping_mul(7).wrapping_add(13);
        }
        std::fs::write(&f, bytes).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        check_damage(&s, &format!("{name}: its checksum is wrong"), commands);
    }
}

#[test]
fn damaged_metadata_names_gisa_index_full() {
    let s = scratch();
    s.index(&[]);
    std::fs::write(s.index.join("meta.json"), "{\"segments\": [").unwrap();
    check_damage(&s, "meta.json: unreadable", READERS);

    // gisa's own gisa.json: the source is unknown then, and --full still rebuilds.
    std::fs::write(s.index.join("gisa.json"), "not json").unwrap();
    for args in READERS {
        s.gisa().args(*args).assert().code(2).stderr(
            predicate::str::contains("gisa.json is damaged").and(predicate::str::contains("gisa index --full")),
        );
    }
    s.gisa().arg("index").arg(&s.corpus).assert().code(2).stderr(predicate::str::contains("gisa index --full"));
    let (code, sum) = s.index(&["--full"]);
    assert_eq!((code, n(&sum, "articles_in_index")), (0, 14), "{sum}");
    assert_eq!(s.show(SEED)["title"], SEED_TITLE);
}
