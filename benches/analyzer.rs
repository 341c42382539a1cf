//! Analyzer throughput on one core (a benchmark, not a test): MB/s of UTF-8 input for raw
//! MeCab-ko segmentation and for the whole analysis chain, over the news text of the shared
//! kit (`$GISA_SHARED/data`, default `../shared/data`): the soynlp Naver news blob and the
//! 50 sci-news articles, one paragraph/line per input. Also the cost of opening the
//! dictionary and building an analyzer, which every `gisa search` process pays.
//!
//!     cargo bench --bench analyzer            # prints figures; --json for a machine line
//!
//! Run `scripts/bench_analyzer.py` to compare with MeCab-ko on the same lines.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gisa::analysis::{Analyzer, AnalyzerOptions};
use gisa::dict::KoDict;

fn news_lines(shared: &std::path::Path) -> Option<Vec<String>> {
    let blob = std::fs::read_to_string(shared.join("soynlp_news_blob/news.dat")).ok()?;
    let mut lines: Vec<String> = Vec::new();
    // The blob is one 690 KB line; cut it at its two-space sentence gaps into ~paragraphs.
    let mut cur = String::new();
    for sentence in blob.split("  ") {
        cur.push_str(sentence);
        cur.push_str("  ");
        if cur.len() > 2000 {
            lines.push(std::mem::take(&mut cur));
        }
    }
    lines.push(cur);
    let sci = std::fs::read_to_string(shared.join("sci_news_sum_kr50/articles.jsonl")).ok()?;
    for line in sci.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).ok()?;
        for field in ["title", "body"] {
            if let Some(s) = v[field].as_str() {
                lines.extend(s.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned));
            }
        }
    }
    Some(lines)
}

/// Best of `runs` passes, each on a fresh thread: the analyzer's per-thread buffers start
/// empty every time, so nothing learned from the text in an earlier pass makes a later one
/// faster (a real index build sees most of its text once).
fn best_of<F: Fn() -> usize + Sync>(runs: usize, f: F) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut out = 0;
    for _ in 0..runs {
        let (elapsed, n) = std::thread::scope(|s| {
            s.spawn(|| {
                let t = Instant::now();
                let n = f();
                (t.elapsed(), n)
            })
            .join()
            .expect("bench thread")
        });
        best = best.min(elapsed);
        out = n;
    }
    (best, out)
}

fn main() {
    let json = std::env::args().any(|a| a == "--json");
    let shared = std::env::var_os("GISA_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"))
        .join("data");
    let Some(lines) = news_lines(&shared) else {
        println!("skipped: no news text at {} (set GISA_SHARED to the shared kit)", shared.display());
        return;
    };
    let mut lines = lines;
    if let Some(n) = std::env::var("GISA_BENCH_LINES").ok().and_then(|v| v.parse().ok()) {
        lines.truncate(n);
    }
    let bytes: usize = lines.iter().map(String::len).sum();

    let t = Instant::now();
    let dict = Arc::new(KoDict::open_default(None).expect("dictionary (run `gisa dict install`)"));
    let open_dict = t.elapsed();
    let t = Instant::now();
    let analyzer = Analyzer::new(dict, AnalyzerOptions::default()).unwrap();
    let new_analyzer = t.elapsed();
    let t = Instant::now();
    let first = analyzer.analyze("서울");
    let first_term = t.elapsed();
    assert_eq!(first[0].text, "서울");

    // Warm up the page cache (the dictionary's mapped files).
    for l in &lines {
        analyzer.segment(l);
    }
    let (seg, morphemes) = best_of(3, || lines.iter().map(|l| analyzer.segment(l).len()).sum());
    let (full, terms) = best_of(3, || {
        let mut n = 0;
        for l in &lines {
            analyzer.for_each_term(l, |_, _, _, _, _, _, _| n += 1);
        }
        n
    });
    let mbps = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    if json {
        println!(
            "{}",
            serde_json::json!({
                "lines": lines.len(), "bytes": bytes,
                "segment_s": seg.as_secs_f64(), "segment_mb_s": mbps(seg), "morphemes": morphemes,
                "analyze_s": full.as_secs_f64(), "analyze_mb_s": mbps(full), "terms": terms,
                "open_dictionary_ms": open_dict.as_secs_f64() * 1e3,
                "new_analyzer_ms": new_analyzer.as_secs_f64() * 1e3,
                "first_term_ms": first_term.as_secs_f64() * 1e3,
            })
        );
    } else {
        println!("input: {} lines, {:.2} MB of news text", lines.len(), bytes as f64 / 1e6);
        println!(
            "segment (MeCab-ko lattice): {:.3} s  {:.2} MB/s  {:.0} morphemes/s",
            seg.as_secs_f64(),
            mbps(seg),
            morphemes as f64 / seg.as_secs_f64()
        );
        println!(
            "analyze (whole chain):      {:.3} s  {:.2} MB/s  {:.0} terms/s",
            full.as_secs_f64(),
            mbps(full),
            terms as f64 / full.as_secs_f64()
        );
        println!(
            "start-up: open dictionary {:.2} ms, build analyzer {:.2} ms, first term {:.2} ms",
            open_dict.as_secs_f64() * 1e3,
            new_analyzer.as_secs_f64() * 1e3,
            first_term.as_secs_f64() * 1e3
        );
    }
}
