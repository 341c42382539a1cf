//! `gisa index DIR`: index a folder of saved articles; print a one-line summary.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

use crate::analysis::AnalyzerOptions;
use crate::dict::KoDict;
use crate::flags::{Cli, IndexArgs, OutputFormat};
use crate::index::build::{self, BuildOptions, Summary};

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
        progress: !args.quiet,
        ingest: super::ingest_options(cli, args.json_fields.as_ref())?,
    };
    let summary = build::run(&opts, dict)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?,
        OutputFormat::Text => {
            if !args.quiet {
                for p in
                    summary.skipped.iter().map(|p| (p, "skipped")).chain(summary.failed.iter().map(|p| (p, "failed")))
                {
                    eprintln!("gisa: {}: {} ({})", p.0.path, p.0.reason, p.1);
                }
            }
            writeln!(out, "{}", one_line(&summary))?;
        }
    }
    Ok(if summary.skipped.is_empty() && summary.failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// `indexed corpus → index: 13 files (13 new, 0 changed, 0 removed, 0 unchanged); …`
pub fn one_line(s: &Summary) -> String {
    format!(
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
    )
}
