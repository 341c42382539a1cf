//! Main-content extraction compared on real pages (a benchmark, not a test): gisa's whole
//! HTML reader, its content scorer alone (src/ingest/readability.rs, no layout table, no
//! structured data), and the `dom_smoothie` crate (a Rust port of Mozilla's Readability), raw
//! and followed by gisa's body cleaning — each scored as `bench/score_pages.py` scores bodies:
//! the truth's first and last sentences in, none of its boilerplate strings.
//!
//!     cargo bench --bench main_content -- ../shared/real-pages
//!
//! Without a folder it looks for `$GISA_SHARED/real-pages`.

use std::path::PathBuf;
use std::time::Instant;

use gisa::ingest::{self, Format, body, candidate};
use serde_json::Value;

fn norm(s: &str) -> String {
    s.replace('\u{a0}', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clean_body(lines: Vec<String>) -> String {
    let b = candidate::Body::from_lines(candidate::Source::Page, lines);
    body::clean(&b, None).paras.join("\n")
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("GISA_SHARED").map(|s| PathBuf::from(s).join("real-pages")))
        .unwrap_or_else(|| PathBuf::from("../shared/real-pages"));
    let Ok(truth_text) = std::fs::read_to_string(dir.join("truth.json")) else {
        println!("no truth.json in {}: pass the real-pages folder", dir.display());
        return;
    };
    let truth: Vec<Value> = serde_json::from_str(&truth_text).unwrap_or_default();
    let names = ["gisa reader", "gisa scorer", "dom_smoothie", "dom_smoothie+clean"];
    let mut ok = [0usize; 4];
    let mut secs = [0f64; 4];
    let mut n = 0;
    println!("{:<22} {:>12} {:>12} {:>12} {:>18}", "page", names[0], names[1], names[2], names[3]);
    for t in &truth {
        let file = t["file"].as_str().unwrap_or_default();
        if !file.ends_with(".html") && !file.ends_with(".htm") {
            continue;
        }
        let Ok(bytes) = std::fs::read(dir.join(file)) else { continue };
        let text = match std::str::from_utf8(&bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => encoding_rs::EUC_KR.decode(&bytes).0.into_owned(),
        };
        n += 1;
        let mut bodies: Vec<String> = Vec::new();
        let t0 = Instant::now();
        bodies.push(
            ingest::extract(Format::Html, file, &bytes, None)
                .ok()
                .and_then(|x| x.articles.into_iter().next())
                .map(|a| a.body)
                .unwrap_or_default(),
        );
        secs[0] += t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        bodies.push(clean_body(ingest::html::main_content_lines(&text)));
        secs[1] += t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        let smoothie = dom_smoothie::Readability::new(text.as_str(), t["url"].as_str(), None)
            .ok()
            .and_then(|mut r| r.parse().ok());
        bodies.push(smoothie.as_ref().map(|a| a.text_content.to_string()).unwrap_or_default());
        secs[2] += t0.elapsed().as_secs_f64();
        let t0 = Instant::now();
        bodies.push(clean_body(smoothie.map(|a| ingest::flatten::markup_lines(&a.content)).unwrap_or_default()));
        secs[3] += t0.elapsed().as_secs_f64();
        let first = norm(t["body_first"].as_str().unwrap_or_default());
        let last = norm(t["body_last"].as_str().unwrap_or_default());
        let junk: Vec<String> = t["boilerplate"]
            .as_array()
            .map(|a| a.iter().filter_map(|b| b.as_str()).map(norm).collect())
            .unwrap_or_default();
        let verdicts: Vec<String> = bodies
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let b = norm(b);
                let mut why = Vec::new();
                if !b.contains(&first) {
                    why.push("start");
                }
                if !b.contains(&last) {
                    why.push("end");
                }
                if junk.iter().any(|j| !j.is_empty() && b.contains(j.as_str())) {
                    why.push("junk");
                }
                if why.is_empty() {
                    ok[i] += 1;
                    "ok".to_owned()
                } else {
                    why.join("+")
                }
            })
            .collect();
        println!("{file:<22} {:>12} {:>12} {:>12} {:>18}", verdicts[0], verdicts[1], verdicts[2], verdicts[3]);
    }
    println!(
        "clean bodies of {n}:    {:>12} {:>12} {:>12} {:>18}",
        format!("{}/{n}", ok[0]),
        format!("{}/{n}", ok[1]),
        format!("{}/{n}", ok[2]),
        format!("{}/{n}", ok[3])
    );
    println!(
        "time per page (ms):    {:>12.2} {:>12.2} {:>12.2} {:>18.2}",
        secs[0] * 1e3 / n.max(1) as f64,
        secs[1] * 1e3 / n.max(1) as f64,
        secs[2] * 1e3 / n.max(1) as f64,
        (secs[2] + secs[3]) * 1e3 / n.max(1) as f64
    );
}
