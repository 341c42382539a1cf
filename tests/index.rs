//! `gisa index`, `gisa stats` and `gisa show` on real fixtures: the seed page's fields, every
//! bad-input case, incremental add/change/delete, duplicates, rebuilds, concurrency and a
//! kill -9 in the middle of indexing.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::corpus::{many_articles, n, scratch};
use common::gisa;
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn indexes_the_corpus_and_the_seed_page_comes_out_right() {
    let s = scratch();
    let (code, sum) = s.index(&[]);
    assert_eq!(code, 0, "{sum}");
    assert_eq!(n(&sum, "files_seen"), 13);
    assert_eq!(n(&sum, "articles_added"), 14, "15 articles, one saved twice");
    assert_eq!(n(&sum, "duplicates"), 1);
    assert_eq!(n(&sum, "articles_in_index"), 14);

    let seed = s.show("daum/kukinews-2024-06-18-lee-jaeyong.txt");
    assert_eq!(seed["title"], "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용");
    assert_eq!(seed["press"], "쿠키뉴스");
    assert_eq!(seed["reporter"], "이소연");
    assert_eq!(seed["email"], "soyeon@kukinews.com");
    assert_eq!(seed["date_source"], "inferred_year");
    assert!(seed["date"].as_str().unwrap()[4..].starts_with("-06-18"), "{}", seed["date"]);
    let body = seed["body"].as_str().unwrap();
    assert!(body.starts_with("이재용 삼성전자 회장이 미국 출장에서"));
    assert!(body.ends_with("진화할 것으로 예상된다."));
    for junk in ["컨텐츠 바로가기", "댓글 1", "주소복사", "이미지를 클릭", "soyeon@", "카테고리"]
    {
        assert!(!body.contains(junk), "body keeps {junk:?}");
    }

    // A JSON record keeps its own id; a feed line is path:line.
    let feed = s.show("feeds/newsfeed_2024-2025.jsonl:2");
    assert_eq!(feed["line"], 2);
    assert_eq!(feed["press"], "뉴시스");

    let stats = s.stats();
    assert_eq!(n(&stats, "articles"), 14);
    assert_eq!(stats["files"]["indexed"], 12);
    assert_eq!(stats["files"]["duplicate"], 1);
    assert!(stats["by_press"].as_array().unwrap().iter().any(|p| p[0] == "쿠키뉴스" && p[1] == 1));
    assert!(stats["first_date"].as_str().unwrap() < stats["last_date"].as_str().unwrap());
    assert_eq!(stats["dictionary"]["version"], "2.1.1-20180720");
    assert!(n(&stats, "size_bytes") > 0);
    s.gisa().arg("stats").assert().success().stdout(predicate::str::contains("쿠키뉴스"));
    s.gisa()
        .args(["show", "daum/kukinews-2024-06-18-lee-jaeyong.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("year inferred"));
}

#[test]
fn rerun_with_nothing_changed_reads_nothing() {
    let s = scratch();
    s.index(&[]);
    let (code, sum) = s.index(&[]);
    assert_eq!(code, 0);
    assert_eq!(n(&sum, "files_unchanged"), 13);
    assert_eq!(n(&sum, "bytes_read"), 0, "unchanged files are not even opened");
    assert_eq!(n(&sum, "articles_added") + n(&sum, "articles_removed"), 0);
    // A new modification time with the same content: read, found unchanged, not re-indexed.
    let seed = s.corpus.join("daum/kukinews-2024-06-18-lee-jaeyong.txt");
    filetime::set_file_mtime(&seed, filetime::FileTime::from_unix_time(1_900_000_000, 0)).unwrap();
    let (_, sum) = s.index(&[]);
    assert_eq!(n(&sum, "files_unchanged"), 13);
    assert_eq!(n(&sum, "files_updated"), 0);
    assert!(n(&sum, "bytes_read") > 0);
    let (_, sum) = s.index(&[]);
    assert_eq!(n(&sum, "bytes_read"), 0, "the new time was recorded");
}

#[test]
fn incremental_add_change_delete() {
    let s = scratch();
    s.index(&[]);
    // Add a file.
    std::fs::write(
        s.corpus.join("new.json"),
        r#"{"id": "own-1", "title": "새로 저장한 기사", "body": "서울시가 새 정책을 발표했다.", "press": "테스트일보", "date": "2024-09-01T10:00:00+09:00"}"#,
    )
    .unwrap();
    let (_, sum) = s.index(&[]);
    assert_eq!((n(&sum, "files_added"), n(&sum, "articles_added")), (1, 1));
    assert_eq!(s.show("own-1")["title"], "새로 저장한 기사");
    // Change it.
    std::fs::write(
        s.corpus.join("new.json"),
        r#"{"id": "own-1", "title": "고쳐 쓴 기사", "body": "부산시가 다른 정책을 발표했다.", "press": "테스트일보"}"#,
    )
    .unwrap();
    let (_, sum) = s.index(&[]);
    assert_eq!((n(&sum, "files_updated"), n(&sum, "articles_added"), n(&sum, "articles_removed")), (1, 1, 1), "{sum}");
    assert_eq!(s.show("own-1")["title"], "고쳐 쓴 기사");
    assert_eq!(n(&sum, "articles_in_index"), 15);
    // Delete it.
    std::fs::remove_file(s.corpus.join("new.json")).unwrap();
    let (_, sum) = s.index(&[]);
    assert_eq!((n(&sum, "files_removed"), n(&sum, "articles_removed")), (1, 1));
    assert_eq!(n(&sum, "articles_in_index"), 14);
    s.gisa().args(["show", "own-1"]).assert().code(1).stderr(predicate::str::contains("no article"));
}

#[test]
fn a_later_run_knows_the_articles_already_indexed() {
    let s = scratch();
    s.index(&[]);
    // A second copy of the seed page (same title and body) and a record with the URL of an
    // indexed article (with tracking parameters) arrive in a later run: both are duplicates
    // of what the index holds.
    std::fs::create_dir_all(s.corpus.join("later")).unwrap();
    std::fs::copy(s.corpus.join("daum/kukinews-2024-06-18-lee-jaeyong.txt"), s.corpus.join("later/seed-copy.txt"))
        .unwrap();
    std::fs::write(
        s.corpus.join("later/same-url.json"),
        r#"{"title": "같은 기사의 다른 저장본", "body": "주소가 같은 기사는 한 번만 색인된다.",
            "url": "https://biz.chosun.com/international/international_economy/2024/06/13/7Q3XKZ2M5BGRHPLWT4A6N3YEUI/?utm_source=feed"}"#,
    )
    .unwrap();
    let (_, sum) = s.index(&[]);
    assert_eq!((n(&sum, "files_added"), n(&sum, "articles_added"), n(&sum, "duplicates")), (2, 0, 2), "{sum}");
    assert_eq!(n(&sum, "articles_in_index"), 14);
}

#[test]
fn a_duplicate_takes_over_when_its_original_goes() {
    let s = scratch();
    let (_, sum) = s.index(&[]);
    assert_eq!(n(&sum, "duplicates"), 1);
    // The HTML page and the JSON record are the same article; the first in path order
    // (html/…) is indexed.
    let html = std::fs::read_dir(s.corpus.join("html"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("GPT-4o"))
        .unwrap();
    std::fs::remove_file(&html).unwrap();
    let (_, sum) = s.index(&[]);
    assert_eq!(n(&sum, "articles_in_index"), 14, "{sum}");
    let json = s.show("json/hankyung_20240520_0004985123.json");
    assert!(json["title"].as_str().unwrap().contains("GPT-4o"));
}

#[test]
fn bad_files_are_reported_and_the_run_goes_on() {
    let s = scratch();
    let bad = s.corpus.join("bad");
    std::fs::create_dir(&bad).unwrap();
    std::fs::write(bad.join("empty.txt"), b"").unwrap();
    std::fs::write(bad.join("image.txt"), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00").unwrap();
    std::fs::write(bad.join("broken.json"), b"{\"title\": \"\xea\xb9\xa8\xec\xa7\x84\", ").unwrap();
    std::fs::write(bad.join("big.txt"), "큰 파일 ".repeat(200_000)).unwrap();
    std::fs::write(bad.join("feed.jsonl"), "{\"title\": \"좋은 줄\", \"body\": \"본문입니다.\"}\nnot json\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(bad.join("missing-target.txt"), bad.join("dangling.txt")).unwrap();
    std::fs::write(bad.join("notes.md"), "not an article format: ignored").unwrap();

    let out = s.gisa().arg("index").arg(&s.corpus).args(["--max-size", "1"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "some files were skipped or failed");
    let err = String::from_utf8(out.stderr).unwrap();
    for (file, reason) in [
        ("bad/empty.txt", "empty"),
        ("bad/image.txt", "binary"),
        ("bad/broken.json", "malformed"),
        ("bad/big.txt", "size limit"),
        ("bad/feed.jsonl:2", "malformed"),
    ] {
        let line = err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not reported:\n{err}"));
        assert!(line.to_lowercase().contains(reason), "{line}");
    }
    #[cfg(unix)]
    assert!(err.contains("bad/dangling.txt"), "{err}");
    assert!(!err.contains("notes.md"));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "one summary line: {stdout}");
    assert!(stdout.contains("15 articles in the index"), "{stdout}");
    // The good line of the feed went in.
    assert_eq!(s.show("bad/feed.jsonl:1")["title"], "좋은 줄");
    // Skipped files are not read again until they change.
    let (_, sum) = s.index(&["--max-size", "1"]);
    assert_eq!(n(&sum, "bytes_read"), 0, "{sum}");
}

#[test]
fn runs_that_cannot_do_their_job_exit_2() {
    let s = scratch();
    s.gisa()
        .args(["index", "/nonexistent/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/folder"));
    // An index folder that is something else.
    std::fs::create_dir_all(&s.index).unwrap();
    std::fs::write(s.index.join("precious.txt"), "mine").unwrap();
    s.gisa().arg("index").arg(&s.corpus).assert().code(2).stderr(predicate::str::contains("not a gisa index"));
    std::fs::remove_dir_all(&s.index).unwrap();
    // No index yet.
    s.gisa().arg("stats").assert().code(2).stderr(predicate::str::contains("gisa index"));
}

#[test]
fn analyzer_changes_need_a_full_rebuild() {
    let s = scratch();
    s.index(&[]);
    s.gisa()
        .arg("index")
        .arg(&s.corpus)
        .arg("--hanja-reading")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--full"));
    let (code, sum) = s.index(&["--hanja-reading", "--full"]);
    assert_eq!(code, 0);
    assert_eq!(sum["full"], true);
    assert_eq!(n(&sum, "articles_in_index"), 14);
    assert_eq!(s.stats()["analyzer"]["hanja_reading"], true);
    // Later runs keep the index's options without repeating them.
    let (code, _) = s.index(&[]);
    assert_eq!(code, 0);
    // Indexing another folder into the same index is refused too.
    let other = tempfile::tempdir().unwrap();
    s.gisa().arg("index").arg(other.path()).assert().code(2).stderr(predicate::str::contains("holds the articles of"));
}

#[test]
fn a_second_writer_is_refused_and_readers_keep_working() {
    let s = scratch();
    s.index(&[]);
    let _held = gisa::index::build::IndexLock::acquire(&s.index).unwrap();
    s.gisa()
        .arg("index")
        .arg(&s.corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("another `gisa index` is writing"));
    assert_eq!(n(&s.stats(), "articles"), 14, "reading is not blocked by a writer");
}

#[test]
fn exclude_and_index_location_from_the_environment() {
    let s = scratch();
    let out = gisa()
        .env("GISA_INDEX", &s.index)
        .arg("index")
        .arg(&s.corpus)
        .args(["--exclude", "html", "--exclude", "*.jsonl", "--format", "json"])
        .output()
        .unwrap();
    let sum: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(n(&sum, "files_seen"), 9, "{sum}");
    assert!(s.index.join("gisa.json").is_file());
}

#[test]
fn a_kill_during_indexing_leaves_a_readable_index_and_the_next_run_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("many");
    let index = dir.path().join("ix");
    let total = 600;
    many_articles(&corpus, total);
    // --throttle-ms makes the run last seconds (600 files × 5 ms at least) so that the kill
    // lands in the middle of it however fast the machine is; a commit every second.
    let bin = assert_cmd::cargo::cargo_bin("gisa");
    let mut child = Command::new(&bin)
        .arg("--index")
        .arg(&index)
        .args(["index", "--commit-every", "1", "--threads", "1", "--throttle-ms", "5", "--format", "json"])
        .arg(&corpus)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as the first commit has landed: tantivy's meta.json names the file
    // records of the commit in its payload.
    let start = Instant::now();
    let committed = || std::fs::read_to_string(index.join("meta.json")).is_ok_and(|m| m.contains("state-"));
    while !committed() {
        assert!(start.elapsed() < Duration::from_secs(120), "no commit after two minutes");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(child.try_wait().unwrap().is_none(), "the run ended before the kill");
    Command::new("kill").args(["-9", &child.id().to_string()]).status().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.stdout.is_empty(),
        "the run printed its summary, so it finished: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    // The killed process leaves its lock files behind; they do not block anyone (they are
    // flock locks, which the kernel released with the process).
    assert!(index.join(".gisa-index.lock").exists() && index.join(".tantivy-writer.lock").exists());

    // The last commit is readable, and partial.
    let out = gisa().arg("--index").arg(&index).args(["stats", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stats: Value = serde_json::from_slice(&out.stdout).unwrap();
    let partial = n(&stats, "articles");
    assert!(partial > 0 && partial < total as u64, "the kill landed mid-run: {partial} of {total} committed");
    assert_eq!(n(&stats["files"], "indexed"), partial, "records and index describe the same commit");
    // The next run completes the work.
    let out = gisa().arg("--index").arg(&index).args(["index", "--format", "json"]).arg(&corpus).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sum: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(n(&sum, "articles_in_index"), total as u64, "{sum}");
    assert_eq!(n(&sum, "articles_added") + partial, total as u64, "nothing indexed twice: {sum}");
    assert_eq!(n(&sum, "files_unchanged"), partial, "what was committed is not read again: {sum}");
}

#[test]
fn lock_files_left_behind_do_not_block_a_run() {
    let s = scratch();
    s.index(&[]);
    // What a crash leaves: both lock files, no process holding them.
    for lock in [".gisa-index.lock", ".tantivy-writer.lock", ".tantivy-meta.lock"] {
        std::fs::write(s.index.join(lock), b"").unwrap();
    }
    std::fs::write(s.corpus.join("new.json"), r#"{"title": "잠금 뒤의 기사", "body": "잠금 파일이 남아도 색인된다."}"#)
        .unwrap();
    let (code, sum) = s.index(&[]);
    assert_eq!((code, n(&sum, "articles_added")), (0, 1), "{sum}");
    s.gisa().args(["search", "잠금", "--count"]).assert().success().stdout("1\n");
}
