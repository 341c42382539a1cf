//! The other ways people keep a page, read back field by field against the demo corpus's
//! truth: MHTML archives as Chromium writes them (tests/fixtures/saved/*.mhtml, made by
//! scripts/make_fixtures.py), PDFs printed by Debian's headless Chromium (made here, from the
//! corpus's HTML pages), a "web page, complete" save with its frames, scripts and images
//! (one article, not three), a SingleFile page over 20 MB (its inlined images do not count
//! against `--max-size`), crawler JSON records, `--json-fields`, and the user's press table.
//!
//! Needs `chromium` with a Korean font for the PDFs; `make test` installs them
//! (scripts/ci-deps.sh).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{gisa, repo};
use serde_json::Value;

fn truth() -> Vec<Value> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/corpus-truth.jsonl")).unwrap();
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn truth_of(path: &str) -> Value {
    truth().into_iter().find(|t| t["path"] == path).unwrap_or_else(|| panic!("no truth for {path}"))
}

/// `gisa extract --format jsonl` on `paths`: the articles.
fn extract(paths: &[&Path], extra: &[&str]) -> Vec<Value> {
    let out = gisa().arg("extract").args(["--format", "jsonl"]).args(extra).args(paths).output().unwrap();
    assert!(out.status.success(), "gisa extract failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn same(got: &Value, want: &Value, fields: &[&str]) -> Vec<String> {
    fields.iter().filter(|f| got[**f] != want[**f]).map(|f| format!("{f}: got {} want {}", got[*f], want[*f])).collect()
}

/// Dates to the minute, in KST.
fn minute(v: &Value) -> String {
    v.as_str().unwrap_or("").chars().take(16).collect()
}

const HTML_PAGES: &[(&str, &str)] = &[
    ("html/mk_20240705_110592.html", "mk_20240705_110592"),
    ("html/khan_20231114_20231114090512874.html", "khan_20231114_daum"),
    (
        "html/오픈AI GPT-4o 공개 일주일…국내 AI 업계 ‘음성비서’ 경쟁 불붙었다 _ 네이버 뉴스.html",
        "오픈AI GPT-4o 공개 일주일 _ 네이버 뉴스",
    ),
];

#[test]
fn mhtml_saved_by_chromium_reads_like_the_page() {
    for (page, mhtml) in HTML_PAGES {
        let file = repo().join(format!("tests/fixtures/saved/{mhtml}.mhtml"));
        let head = std::fs::read_to_string(&file).unwrap();
        assert!(head.starts_with("From: <Saved by Blink>"), "{mhtml}: not as Chromium writes it");
        let got = extract(&[&file], &[]);
        assert_eq!(got.len(), 1, "{mhtml}");
        let a = &got[0];
        let want = truth_of(page);
        let miss = same(a, &want, &["title", "press", "reporter", "email", "url", "category", "subtitles", "body"]);
        assert!(miss.is_empty(), "{mhtml}: {miss:?}");
        assert_eq!(minute(&a["date"]), minute(&want["date"]), "{mhtml}");
        assert_eq!(a["format"], "mhtml");
    }
}

fn chromium() -> PathBuf {
    for c in [std::env::var("CHROMIUM").unwrap_or_default().as_str(), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    {
        if !c.is_empty() && Path::new(c).is_file() {
            return PathBuf::from(c);
        }
    }
    panic!(
        "this test needs Debian's chromium and a Korean font: apt-get install chromium fonts-nanum (`make test` does)"
    );
}

/// Prints `page` to PDF with headless Chromium (header and footer included, as "Save as PDF"
/// does by default).
fn print_to_pdf(page: &Path, pdf: &Path, profile: &Path) {
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() && pdf.is_file(), "chromium could not print {}", page.display());
}

#[test]
fn pdf_printed_by_chromium_reads_like_the_page() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (page, _)) in HTML_PAGES.iter().enumerate() {
        let html = dir.path().join(format!("page{i}.html"));
        std::fs::copy(repo().join("corpus").join(page), &html).unwrap();
        let pdf = dir.path().join(format!("page{i}.pdf"));
        print_to_pdf(&html, &pdf, &dir.path().join("profile"));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
        let got = extract(&[&pdf], &[]);
        assert_eq!(got.len(), 1, "{page}");
        let a = &got[0];
        let want = truth_of(page);
        let miss = same(a, &want, &["title", "press", "reporter", "email"]);
        assert!(miss.is_empty(), "{page}: {miss:?}");
        assert_eq!(minute(&a["date"]), minute(&want["date"]), "{page}");
        assert_eq!(a["date_source"], "page", "{page}");
        // Lines wrapped to the page width are joined back: the same paragraphs, the same
        // characters (a space lost at a wrap between two Hangul syllables cannot be told).
        let squeeze = |v: &Value| v.as_str().unwrap().replace(' ', "");
        assert_eq!(squeeze(&a["body"]), squeeze(&want["body"]), "{page}: {}", a["body"]);
        assert_eq!(a["format"], "pdf");
    }
}

fn index_json(dir: &Path, index: &Path, extra: &[&str]) -> (i32, Value) {
    let out =
        gisa().arg("--index").arg(index).arg("index").arg(dir).args(["--format", "json"]).args(extra).output().unwrap();
    let code = out.status.code().unwrap_or(-1);
    assert!(code == 0 || code == 1, "gisa index failed: {}", String::from_utf8_lossy(&out.stderr));
    (code, serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn a_complete_save_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    common::corpus::copy_dir(&repo().join("tests/fixtures/saved/complete"), &news);
    let files: Vec<_> = std::fs::read_dir(&news).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files.len(), 2, "the page and its _files folder");
    let resources = news.join("美 AI 투자 붐에 삼성 반도체 ‘훈풍’…HBM 공급 협상 속도 - 매일경제_files");
    assert!(resources.join("comments.html").is_file() && resources.join("ad_frame.html").is_file());

    let (code, summary) = index_json(&news, &dir.path().join("ix"), &[]);
    assert_eq!(code, 0, "{summary}");
    assert_eq!(summary["files_seen"], 1, "the frames, scripts and images are the page's: {summary}");
    assert_eq!(summary["articles_added"], 1, "{summary}");

    let got = extract(&[&news], &[]);
    assert_eq!(got.len(), 1);
    let want = truth_of("html/mk_20240705_110592.html");
    let miss = same(&got[0], &want, &["title", "press", "reporter", "email", "category", "subtitles", "body"]);
    assert!(miss.is_empty(), "{miss:?}");
    // The address the page was saved from (`<!-- saved from url=… -->`, also its og:url).
    assert_eq!(got[0]["url"], want["url"]);
    // The same resource folder, saved by another browser as `NAME.files`.
    std::fs::rename(&resources, news.join("美 AI 투자 붐에 삼성 반도체 ‘훈풍’…HBM 공급 협상 속도 - 매일경제.files"))
        .unwrap();
    assert_eq!(extract(&[&news], &[]).len(), 1);
}

/// A SingleFile-style save of a corpus page: every image inlined as a `data:` URI.
fn single_file_page(images_mb: usize) -> String {
    let page = std::fs::read_to_string(repo().join("corpus/html/mk_20240705_110592.html")).unwrap();
    let mut png =
        String::from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg");
    // Padding so each image weighs 1 MB, as photos do.
    png.push_str(&"A".repeat(1_000_000 - png.len()));
    let imgs: String = (0..images_mb).map(|_| format!("<img src=\"data:image/png;base64,{png}\" alt=\"\">")).collect();
    let page = page.replacen("<body>", &format!("<body>{imgs}"), 1);
    format!(
        "<!--\n Page saved with SingleFile \n url: https://www.mk.co.kr/news/articleView.html?idxno=110592 \n-->\n{page}"
    )
}

#[test]
fn a_single_file_page_over_20_mb_is_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let page = single_file_page(25);
    assert!(page.len() > 25_000_000);
    std::fs::write(news.join("singlefile.html"), &page).unwrap();
    // A page as large without inlined data is still over the limit.
    std::fs::write(
        news.join("huge.html"),
        format!("<html><body><p>{}</p></body></html>", "아주 긴 본문이다. ".repeat(1_200_000)),
    )
    .unwrap();

    let (code, summary) = index_json(&news, &dir.path().join("ix"), &[]);
    assert_eq!(code, 1, "huge.html is skipped: {summary}");
    assert_eq!(summary["articles_added"], 1, "{summary}");
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{summary}");
    assert_eq!(skipped[0]["path"], "huge.html");
    assert!(skipped[0]["reason"].as_str().unwrap().contains("size limit"), "{summary}");

    let got = extract(&[&news.join("singlefile.html")], &[]);
    let want = truth_of("html/mk_20240705_110592.html");
    let miss = same(&got[0], &want, &["title", "press", "reporter", "body"]);
    assert!(miss.is_empty(), "{miss:?}");
}

#[test]
fn crawler_records_with_their_own_field_names() {
    let dir = repo().join("tests/fixtures/records");
    // Nested `data.article` with article_title, content_text, reg_date, writer, media, …
    let a = &extract(&[&dir.join("crawler_nested.json")], &[])[0];
    let want = truth_of("html/mk_20240705_110592.html");
    let miss = same(a, &want, &["title", "press", "reporter", "email", "url", "category", "subtitles", "body"]);
    assert!(miss.is_empty(), "{miss:?}");
    assert_eq!(minute(&a["date"]), "2024-07-05T14:20");
    assert_eq!(a["id"], "110592");
    // news_title, news_content (HTML, byline at its end), press_name, reporter_name, input_date (UTC).
    let feed = extract(&[&dir.join("naver_crawl.jsonl")], &[]);
    assert_eq!(feed.len(), 2);
    for (a, path, date) in [
        (&feed[0], "press/hani_20240807_1152364.txt", "2024-08-07T15:12"),
        (&feed[1], "euc-kr/seoul_20230407_500123.txt", "2023-04-07T16:31"),
    ] {
        let want = truth_of(path);
        let miss = same(a, &want, &["title", "press", "reporter", "email", "body"]);
        assert!(miss.is_empty(), "{path}: {miss:?}");
        assert_eq!(minute(&a["date"]), date);
    }
}

#[test]
fn a_note_with_labeled_lines_takes_its_fields_from_them() {
    // An article kept as a note: `제목:`, `날짜:`, `출처:`, `작성자:`, an empty `URL:`, `분류:`,
    // then the body's paragraphs.
    let a = &extract(&[&repo().join("tests/fixtures/records/labeled_note.txt")], &[])[0];
    let want = truth_of("press/hani_20240807_1152364.txt");
    let miss = same(a, &want, &["title", "press", "reporter", "category", "body"]);
    assert!(miss.is_empty(), "{miss:?}");
    assert_eq!(minute(&a["date"]), "2024-08-07T15:12");
    assert_eq!(a["date_source"], "page", "{a}");
}

#[test]
fn json_fields_map_the_names_gisa_does_not_know() {
    let file = repo().join("tests/fixtures/records/unknown_fields.json");
    // Unmapped: one line naming the keys it saw.
    let out = gisa().args(["extract", "--format", "jsonl"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("unknown_fields.json") && err.contains("keys: hdr, meta.org, meta.when, meta.who, txt"),
        "{err}"
    );
    assert!(err.contains("--json-fields"), "{err}");
    let a =
        &extract(&[&file], &["--json-fields", "title=hdr,body=txt,date=meta.when,reporter=meta.who,press=meta.org"])[0];
    let want = truth_of("html/khan_20231114_20231114090512874.html");
    let miss = same(a, &want, &["title", "press", "reporter", "body"]);
    assert!(miss.is_empty(), "{miss:?}");
    assert_eq!(minute(&a["date"]), "2023-11-14T09:05");
    // The same mapping for `gisa index`.
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::copy(&file, news.join("x.json")).unwrap();
    let (code, s) = index_json(&news, &dir.path().join("ix"), &["--json-fields", "title=hdr,body=txt"]);
    assert_eq!((code, s["articles_added"].as_u64()), (0, Some(1)), "{s}");
    // A mapping that names no field is refused.
    let out = gisa().args(["extract", "--json-fields", "headline=hdr"]).arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field \"headline\""));
}

#[test]
fn the_users_press_table_names_the_press() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    std::fs::write(
        news.join("local.html"),
        "<html><head><meta property=\"og:site_name\" content=\"우동신 뉴스\"><title>구청, 여름철 무더위쉼터 40곳 운영</title></head>\
         <body><article><p>구청은 이달부터 경로당과 주민센터 40곳을 무더위쉼터로 운영한다고 밝혔다. 쉼터는 오후 9시까지 문을 연다.</p>\
         <p>구청 관계자는 \"폭염특보가 내려지면 운영 시간을 늘리겠다\"고 말했다.</p></article></body></html>",
    )
    .unwrap();
    let table = dir.path().join("press.toml");
    std::fs::write(&table, "[[press]]\nname = \"우리동네신문\"\nkind = \"regional\"\naliases = [\"우동신\"]\n")
        .unwrap();
    // Without the table the site name is kept as printed; with it, the canonical name.
    assert_eq!(extract(&[&news], &[])[0]["press"], "우동신 뉴스");
    assert_eq!(extract(&[&news], &["--press-table", table.to_str().unwrap()])[0]["press"], "우리동네신문");
    let out =
        gisa().env("GISA_PRESS_TABLE", &table).args(["extract", "--format", "jsonl"]).arg(&news).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"press\":\"우리동네신문\""));
    // A broken table stops with one line naming it.
    std::fs::write(&table, "[[press]]\nnam = \"x\"\n").unwrap();
    let out = gisa().args(["extract"]).arg(&news).arg("--press-table").arg(&table).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("gisa: press table") && err.contains("press.toml"), "{err}");
}

#[test]
fn press_filters_take_any_name_the_table_knows() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    let (code, _) = index_json(&repo().join("corpus"), &index, &[]);
    assert_eq!(code, 0);
    let hits = |press: &str| -> Vec<Value> {
        let out = gisa()
            .arg("--index")
            .arg(&index)
            .args(["search", "삼성전자", "--format", "jsonl", "--press", press])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let kbs = hits("KBS");
    assert!(!kbs.is_empty() && kbs.iter().all(|h| h["press"] == "KBS"));
    assert_eq!(hits("KBS 뉴스"), kbs, "a site label of KBS filters as KBS");
    assert_eq!(hits("한국방송"), kbs);
}
