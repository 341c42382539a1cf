//! The `gisa serve` page in a real browser: Debian's chromium driven by chromedriver over
//! the W3C WebDriver HTTP API (raw JSON, one session). Type `삼성전자 반도체`, see
//! highlighted hits, filter by a press, open an article, go back; Korean renders as glyphs,
//! not tofu; an article whose title, body, press and URL carry script payloads renders
//! inert (no dialog, nothing run, the payloads shown as text).
//!
//! Needs `chromium`, `chromium-driver` and a Korean font; `make test` installs them
//! (scripts/ci-deps.sh).

mod common;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use common::browser::{assert_korean_glyphs, chromium, count_color};
use common::server::{Server, enc};
use common::{gisa, repo};
use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn chromedriver() -> &'static str {
    for c in ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"] {
        if Path::new(c).is_file() {
            return c;
        }
    }
    panic!("this test needs chromedriver: apt-get install chromium-driver (`make test` does)");
}

/// A chromedriver process and one browser session in it.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new(chromedriver())
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let agent = common::server::agent();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while agent.get(format!("{base}/status")).call().is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {
                "binary": chromium(),
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--hide-scrollbars", "--force-device-scale-factor=1",
                         "--window-size=1200,1400", format!("--user-data-dir={}", profile.path().display())],
            },
        }}});
        let mut b = Browser { driver, base, session: String::new(), agent, _profile: profile };
        let v = b.call("POST", "/session", Some(caps)).expect("a browser session");
        b.session = v["sessionId"].as_str().unwrap().to_owned();
        b
    }

    /// One WebDriver command: `Ok(value)`, or `Err(error name)`.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = if path == "/session" {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.session)
        };
        let mut resp = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
        }
        .map_err(|e| e.to_string())?;
        let v: Value =
            serde_json::from_str(&resp.body_mut().with_config().limit(64 << 20).read_to_string().unwrap()).unwrap();
        let value = v["value"].clone();
        if resp.status().as_u16() >= 400 {
            return Err(value["error"].as_str().unwrap_or("error").to_owned());
        }
        Ok(value)
    }

    /// A command that must succeed; an open alert (a payload that ran) fails it.
    fn must(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, path, body.clone()).unwrap_or_else(|e| panic!("{method} {path} {body:?}: {e}"))
    }

    fn go(&self, url: &str) {
        self.must("POST", "/url", Some(json!({"url": url})));
    }

    fn js(&self, script: &str) -> Value {
        self.must("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    fn find(&self, css: &str) -> String {
        let v = self.must("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        v[ELEMENT].as_str().unwrap().to_owned()
    }

    fn click(&self, css: &str) {
        let e = self.find(css);
        self.must("POST", &format!("/element/{e}/click"), None);
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.must("POST", &format!("/element/{e}/value"), Some(json!({"text": text})));
    }

    /// Waits until `script` returns true.
    fn wait(&self, what: &str, script: &str) {
        let started = Instant::now();
        while self.js(script) != json!(true) {
            if started.elapsed() > Duration::from_secs(20) {
                let page = self.js("return location.href + ' | ' + document.getElementById('status').textContent + ' | ' + document.querySelector('main').textContent.slice(0, 400)");
                panic!("timed out waiting for {what}: {page}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The page as RGB pixels.
    fn screenshot(&self) -> (usize, usize, Vec<u8>) {
        let b64 = self.must("GET", "/screenshot", None);
        let bytes = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let channels = info.color_type.samples();
        let rgb = buf[..info.buffer_size()].chunks(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
        (info.width as usize, info.height as usize, rgb)
    }

    /// No dialog is open (a payload that ran `alert` would leave one).
    fn assert_no_alert(&self) {
        assert_eq!(self.call("GET", "/alert/text", None).err().as_deref(), Some("no such alert"), "a dialog opened");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", "", None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The archive: the repository's corpus and one hostile article.
fn archive(dir: &Path) -> std::path::PathBuf {
    let src = dir.join("articles");
    common::corpus::copy_dir(&repo().join("corpus"), &src);
    // (Ingest keeps only http(s) addresses, so a `javascript:` URL never reaches the index;
    // the page would show one as text. The address below carries markup instead.)
    let hostile = json!({
        "title": "<script>window.__xss=1;alert(1)</script>삼성전자 반도체 \"><svg onload=\"window.__xss=2;alert(2)\">",
        "body": "삼성전자 반도체 공장에서 <img src=x onerror=\"window.__xss=3;alert(3)\"> 문제가 생겼다.\n\"><svg onload=alert(4)> 회사는 <a href=\"javascript:alert(5)\">해명</a>했다.",
        "source": "\"><svg onload=alert(6)>뉴스",
        "url": "https://example.com/news?id=1&x=\"><script>window.__xss=8;alert(8)</script>",
        "date": "2024-06-03T10:00:00+09:00",
    });
    std::fs::write(src.join("hostile.json"), hostile.to_string()).unwrap();
    let index = dir.join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(&src).assert().success();
    index
}

#[test]
fn the_page_searches_filters_opens_an_article_goes_back_and_keeps_hostile_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let index = archive(dir.path());
    let report = repo().join("examples/watch.toml");
    let server = Server::start(&index, &["--report", report.to_str().unwrap()]);
    let b = Browser::start();

    // Type the query, see highlighted hits.
    b.go(&format!("{}/", server.base));
    b.wait("the page script", "return document.getElementById('status').textContent.length > 0");
    b.type_into("#q", "삼성전자 반도체");
    b.click("#search button[type=submit]");
    b.wait("hits", "return document.querySelectorAll('#hits .hit').length > 1");
    b.wait("the chart", "return document.querySelectorAll('#trend svg rect.bar').length > 0");
    b.wait("the saved searches", "return !document.getElementById('reports').hidden");
    assert_eq!(
        b.js("return new URLSearchParams(location.search).get('q')"),
        json!("삼성전자 반도체"),
        "the query is in the URL"
    );
    let marks = b.js("return Array.from(document.querySelectorAll('#hits mark')).map(m => m.textContent)");
    let marks: Vec<&str> = marks.as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    assert!(marks.contains(&"삼성전자") || marks.contains(&"삼성"), "the query's words are marked: {marks:?}");
    assert!(marks.iter().any(|m| m.contains("반도체")), "{marks:?}");
    let total = b.js("return document.querySelectorAll('#hits .hit').length").as_u64().unwrap();
    let (_, _, rgb) = b.screenshot();
    let yellow = count_color(&rgb, [0xff, 0xe4, 0x8a], 10);
    assert!(yellow > 300, "highlights are drawn ({yellow} highlight pixels)");
    let bars = count_color(&rgb, [0x3b, 0x6f, 0xb6], 12);
    assert!(bars > 100, "the facet bars and the trend chart are drawn ({bars} pixels)");
    let family = gisa::serve::assets::STYLE.split("font-family:").nth(1).unwrap().split(';').next().unwrap();
    assert_korean_glyphs(family.trim(), ["삼", "성", "전", "자", "반", "도", "체", "검"]);

    // The hostile article is among the hits: everything it carries is text.
    b.assert_no_alert();
    assert_eq!(b.js("return window.__xss === undefined"), json!(true), "no payload ran");
    assert_eq!(b.js("return document.scripts.length"), json!(1), "only app.js");
    assert_eq!(b.js("return document.querySelectorAll('main img, main b, main svg:not(.chart), main a[href^=\"javascript\"]').length"), json!(0));
    let titles = b.js("return Array.from(document.querySelectorAll('.hit-title')).map(a => a.textContent)");
    assert!(
        titles.as_array().unwrap().iter().any(|t| t.as_str().unwrap().starts_with("<script>window.__xss=1")),
        "{titles}"
    );

    // Filter by a press from the counts by press.
    let press = b.js("return document.querySelector('#by-press .facet-value').textContent");
    let press = press.as_str().unwrap().to_owned();
    b.click("#by-press .facet-value");
    b.wait("the press filter", &format!("return new URLSearchParams(location.search).get('press') === {press:?} && document.getElementById('press').value === {press:?}"));
    b.wait("filtered hits", &format!("const h = Array.from(document.querySelectorAll('#hits .hit .press')); return h.length > 0 && h.length < {total} && h.every(p => p.textContent === {press:?})"));

    // Open an article, then go back.
    let title = b.js("return document.querySelector('#hits .hit-title').textContent");
    b.click("#hits .hit-title");
    b.wait(
        "the article",
        "return !document.getElementById('article').hidden && !!document.querySelector('#article .article-title')",
    );
    assert_eq!(b.js("return document.querySelector('#article .article-title').textContent"), title);
    assert!(b.js("return new URLSearchParams(location.search).has('article')") == json!(true));
    assert!(b.js("return document.querySelector('#article .body').textContent.length").as_u64().unwrap() > 100);
    b.must("POST", "/back", None);
    b.wait("the results again", &format!("return !document.getElementById('results').hidden && document.getElementById('article').hidden && !new URLSearchParams(location.search).has('article') && document.querySelectorAll('#hits .hit').length > 0 && document.getElementById('press').value === {press:?}"));

    // The hostile article opened: every field shown as text, the URL not a link.
    b.go(&format!("{}/?q={}", server.base, enc("삼성전자 반도체 공장")));
    b.wait(
        "the hostile hit",
        "return Array.from(document.querySelectorAll('.hit-title')).some(a => a.textContent.startsWith('<script>'))",
    );
    b.js("Array.from(document.querySelectorAll('.hit-title')).find(a => a.textContent.startsWith('<script>')).click(); return true");
    b.wait("the hostile article", "return !!document.querySelector('#article .article-title')");
    b.assert_no_alert();
    assert_eq!(b.js("return window.__xss === undefined"), json!(true), "no payload ran");
    assert_eq!(b.js("return document.scripts.length"), json!(1));
    assert_eq!(
        b.js(
            "return document.querySelector('#article .article-title').textContent.startsWith('<script>window.__xss=1')"
        ),
        json!(true)
    );
    assert_eq!(b.js("return document.querySelectorAll('#article img, #article svg, #article b, #article a[href^=\"javascript\"]').length"), json!(0));
    let fields = b.js("return document.querySelector('#article .fields').textContent");
    let fields = fields.as_str().unwrap();
    assert!(fields.contains("\"><svg onload=alert(6)>뉴스"), "the press as text: {fields}");
    let link =
        b.js("const a = document.querySelector('#article .fields a'); return [a.protocol, a.rel, a.textContent]");
    assert_eq!(link[0], "https:");
    assert_eq!(link[1], "noopener noreferrer");
    assert!(link[2].as_str().unwrap().contains("<script>window.__xss=8"), "the address as text: {link}");
    let body = b.js("return document.querySelector('#article .body').textContent");
    assert!(body.as_str().unwrap().contains("<img src=x onerror=\"window.__xss=3;alert(3)\">"));
    // A real http(s) URL is a link that gives the target no opener and no referrer.
    // (a deep link straight to an article, as a bookmark would open it)
    b.go(&format!("{}/?q={}&article=kbs-7935214", server.base, enc("삼성전자")));
    b.wait("the article with a link", "return !!document.querySelector('#article .fields a')");
    let rel = b.js("const a = document.querySelector('#article .fields a'); return [a.protocol, a.rel, a.target]");
    assert_eq!(rel, json!(["https:", "noopener noreferrer", "_blank"]));
    b.assert_no_alert();
}
