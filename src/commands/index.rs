//! `gisa index DIR`: index a folder of saved articles; print a one-line summary.
//!
//! The command drives the stages of [`crate::index::build`]: plan, then round after round
//! read a batch of files on every core (rayon), apply each to the index in path order, and
//! commit when the commit interval has passed. The progress bar is drawn here, on a
//! terminal only.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::analysis::AnalyzerOptions;
use crate::dict::KoDict;
use crate::flags::{Cli, IndexArgs, OutputFormat};
use crate::index::build::{Build, BuildOptions, Summary};
use crate::index::read::FileRead;
use crate::ingest::filename;

/// Files read per batch: big enough to keep every core busy, small enough to commit often.
const BATCH: usize = 256;

fn progress_bar(show: bool) -> ProgressBar {
    if !show || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Runs the stages of one indexing run.
fn build(opts: &BuildOptions, dict: Arc<KoDict>, show_progress: bool, throttle: Option<Duration>) -> Result<Summary> {
    let mut build = Build::open(opts, dict)?;
    let walk = build.walk()?;
    let mut plan = build.plan(&walk)?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.threads.max(1)).build()?;
    let bar = progress_bar(show_progress);
    while let Some(round) = build.next_round(&mut plan) {
        bar.inc_length(round.len() as u64);
        for batch in round.chunks(BATCH) {
            let reader = build.reader();
            let reads: Vec<FileRead> = pool.install(|| batch.par_iter().map(|t| reader.read(t)).collect());
            for (task, read) in batch.iter().zip(reads) {
                build.apply(task, read)?;
                bar.inc(1);
                if let Some(pause) = throttle {
                    std::thread::sleep(pause);
                    build.commit_if_due()?;
                }
            }
            bar.set_message(format!("{} articles", build.summary().articles_added));
            build.commit_if_due()?;
        }
    }
    bar.finish_and_clear();
    build.finish()
}

pub fn run(cli: &Cli, args: &IndexArgs) -> Result<ExitCode> {
    let dict = Arc::new(KoDict::open_default(cli.dict.as_deref())?);
    let options = args.analyzer.options();
    let threads = args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let opts = BuildOptions {
        source: args.dir.clone(),
        index_dir: crate::index::resolve_dir(cli.index.as_deref()),
        full: args.full,
        exclude: args.exclude.clone(),
        max_file_size: args.max_size.saturating_mul(1_000_000),
        threads,
        memory_bytes: args.memory.saturating_mul(1_000_000),
        commit_interval: Duration::from_secs(args.commit_every.max(1)),
        analyzer: (options != AnalyzerOptions::default()).then_some(options),
        ingest: super::ingest_options(cli, args.json_fields.as_ref())?,
    };
    let summary = build(&opts, dict, !args.quiet, args.throttle_ms.map(Duration::from_millis))?;
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?,
        OutputFormat::Text => {
            if !args.quiet {
                let lines = summary.skipped.iter().map(|p| (p, " (skipped)"));
                let lines = lines.chain(summary.failed.iter().map(|p| (p, " (failed)")));
                for (p, what) in lines.chain(summary.notes.iter().map(|p| (p, ""))) {
                    eprintln!("gisa: {}: {}{what}", filename::display_of_key(&p.path), p.reason);
                }
            }
            writeln!(out, "{}", one_line(&summary))?;
        }
    }
    Ok(if summary.skipped.is_empty() && summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `indexed corpus → index: 13 files (13 new, 0 changed, 0 removed, 0 unchanged); …`, and
/// after a change of the user dictionary `; user dictionary: 2 words added, …`.
pub fn one_line(s: &Summary) -> String {
    let mut line = format!(
        "{} {} → {}: {} files seen ({} new, {} changed, {} removed, {} unchanged); {} articles added, {} removed, {} duplicates; {} skipped, {} failed; {} articles in the index ({:.1} s)",
        if s.full { "rebuilt" } else { "indexed" },
        s.source,
        s.index,
        s.files_seen,
        s.files_added,
        s.files_updated,
        s.files_removed,
        s.files_unchanged,
        s.articles_added,
        s.articles_removed,
        s.duplicates,
        s.skipped.len(),
        s.failed.len(),
        s.articles_in_index,
        s.elapsed_ms as f64 / 1000.0
    );
    if let Some(r) = &s.reanalysis {
        line.push_str(&format!(
            "; user dictionary: {} added, {} removed, {} changed; {} of {} articles re-analyzed ({:.1} s)",
            if r.words_added == 1 { "1 word".to_owned() } else { format!("{} words", r.words_added) },
            r.words_removed,
            r.words_changed,
            r.articles_reanalyzed,
            r.articles_searched,
            r.elapsed_ms as f64 / 1000.0
        ));
    }
    line
}
