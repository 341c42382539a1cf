//! Extraction throughput on one core (a benchmark, not a test): MB/s of raw saved-article
//! files turned into `Article`s by `gisa::ingest::extract`, per format, with every file read
//! into memory first (no walk, no analysis, no output). For HTML it also times html5ever's
//! DOM building alone, the floor under the HTML extractor.
//!
//!     cargo bench --bench extract -- DIR      # DIR: saved articles, e.g. from gen_corpus.py
//!
//! Without DIR it measures `corpus/` (tiny: a smoke run, not a figure to quote).

use std::path::{Path, PathBuf};
use std::time::Instant;

use gisa::ingest::{self, Format};

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let mut files: Vec<(Format, String, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().flatten() {
        let p = entry.path();
        let Some(f) = Format::from_path(p) else { continue };
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Ok(b) = std::fs::read(p) {
            files.push((f, name, b));
        }
    }
    println!("{}: {} article files", dir.display(), files.len());
    for fmt in [Format::Txt, Format::Html, Format::Json, Format::Jsonl] {
        let set: Vec<_> = files.iter().filter(|(f, _, _)| *f == fmt).collect();
        if set.is_empty() {
            continue;
        }
        let mb = set.iter().map(|(_, _, b)| b.len()).sum::<usize>() as f64 / 1e6;
        let mut best = f64::MAX;
        let mut articles = 0;
        for _ in 0..3 {
            let t = Instant::now();
            articles = 0;
            for (f, name, b) in &set {
                if let Ok(x) = ingest::extract(*f, name, b, None) {
                    articles += x.articles.len();
                }
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{fmt:?}: {} files, {articles} articles, {mb:.1} MB in {best:.3} s = {:.1} MB/s (one core, best of 3)",
            set.len(),
            mb / best
        );
        if fmt == Format::Html {
            let t = Instant::now();
            for (_, _, b) in &set {
                std::hint::black_box(scraper::Html::parse_document(&String::from_utf8_lossy(b)));
            }
            let s = t.elapsed().as_secs_f64();
            println!("  html5ever DOM alone (scraper::Html::parse_document): {s:.3} s = {:.1} MB/s", mb / s);
        }
    }
    // A page nested far too deep for a DOM (50,000 <div>s) is read as flat text: how long that
    // takes (it was a timed assertion in html.rs's unit tests).
    let deep =
        format!("{}<p>깊이 묻힌 본문이다. 그래도 읽혀야 한다.</p>{}", "<div>".repeat(50_000), "</div>".repeat(50_000));
    let t = Instant::now();
    let x = ingest::extract(Format::Html, "deep.html", deep.as_bytes(), None);
    let layout = x.ok().and_then(|x| x.articles.first().map(|a| a.layout.clone())).unwrap_or_default();
    println!(
        "Html, 50,000 nested <div>s ({:.1} KB): {:.3} s, layout {layout}",
        deep.len() as f64 / 1e3,
        t.elapsed().as_secs_f64()
    );
}
