//! `gisa export opensearch|elasticsearch OUT_DIR`: the index as an index template, bulk NDJSON
//! files and a manifest, for a cluster; warnings on stderr, a one-line summary on stdout.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use crate::export::{self, ExportOptions, Mode, Summary};
use crate::flags::{Cli, ExportArgs, OutputFormat};
use crate::search::dates;
use crate::time::kst;

pub fn run(cli: &Cli, args: &ExportArgs) -> Result<ExitCode> {
    export::check_index_name(&args.name)?;
    let now = chrono::Utc::now().with_timezone(&kst());
    let mode = match (&args.since, args.changed) {
        (Some(_), _) => Mode::Since(
            dates::parse_option(args.since.as_deref(), dates::Bound::Since, now)
                .map_err(|e| anyhow!("--since: {e}"))?
                .ok_or_else(|| anyhow!("--since needs a date"))?,
        ),
        (None, true) => Mode::Changed,
        (None, false) => Mode::Full,
    };
    if args.out_dir.is_file() {
        return Err(anyhow!("{} is a file, not a folder", args.out_dir.display()));
    }
    let ix = super::open_index(cli)?;
    let target = args.target.target();
    let opts = ExportOptions {
        target,
        engine_version: args.engine_version.unwrap_or_else(|| target.default_version()),
        out_dir: args.out_dir.clone(),
        name: args.name.clone(),
        bulk_bytes: args.bulk_bytes,
        mode,
        threads: args.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
    };
    let bar = if !args.quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(ix.reader()?.searcher().num_docs());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} articles {wide_bar} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let summary = export::run(&ix, &opts, &|done| bar.set_position(done))?;
    bar.finish_and_clear();
    for w in &summary.warnings {
        eprintln!("gisa: {w}");
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&summary)?)?,
        OutputFormat::Text => writeln!(out, "{}", one_line(&summary))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `exported index → out (opensearch, full): 14 articles, 0 deletions, 0 skipped; …`
pub fn one_line(s: &Summary) -> String {
    let secs = s.elapsed_ms as f64 / 1000.0;
    format!(
        "exported {} → {} ({}, {}): {} articles, {} deletions, {} not exported; {} bulk files, {:.1} MB; template {}/template.json ({:.1} s, {:.0} articles/s)",
        s.index,
        s.out_dir,
        s.target.name(),
        s.mode,
        s.indexed,
        s.deleted,
        s.skipped,
        s.files.len(),
        s.bytes as f64 / 1e6,
        s.out_dir,
        secs,
        s.indexed as f64 / secs.max(0.001)
    )
}
