//! The walk of a no-change run (a benchmark, not a test): `gisa::ingest::walk::walk` over a
//! folder — listing every folder, then the size and time of every file — timed over a few
//! passes with the folder's metadata warm in the kernel's caches, as a cron run finds it.
//!
//!     cargo bench --bench walk -- DIR [PASSES]   # DIR: e.g. a gen_corpus.py folder
//!
//! Without DIR it walks `corpus/` (tiny: a smoke run, not a figure to quote). Run it under
//! `/usr/bin/time` for its CPU: the kernel's share (`sys`) is most of it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gisa::ingest::walk;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let dir = args.first().map(PathBuf::from).unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    let passes: usize = args.get(1).and_then(|p| p.parse().ok()).unwrap_or(3);
    let exclude = walk::excludes(&[]).expect("no patterns");
    let mut times = Vec::new();
    let mut found = (0, 0);
    // One pass first so that every pass finds the metadata cached.
    for pass in 0..=passes {
        let t = Instant::now();
        let w = walk::walk(&dir, &exclude).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let elapsed = t.elapsed();
        found = (w.files.len(), w.problems.len());
        if pass > 0 {
            times.push(elapsed);
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{}: {} files, {} problems; walk best {:.0} ms, median {:.0} ms over {} passes",
        dir.display(),
        found.0,
        found.1,
        ms(times[0]),
        ms(times[times.len() / 2]),
        times.len()
    );
}
