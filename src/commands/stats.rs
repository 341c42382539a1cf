//! `gisa stats`: what is in the index.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::flags::{Cli, OutputFormat, StatsArgs};
use crate::index::stats;

pub fn run(cli: &Cli, args: &StatsArgs) -> Result<ExitCode> {
    let ix = super::open_index(cli)?;
    let s = stats::collect(&ix)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&s)?)?,
        OutputFormat::Text => {
            let day = |d: &Option<String>| d.as_deref().map_or("-".to_owned(), |d| d.chars().take(10).collect());
            writeln!(out, "index       {} ({:.1} MB, {} segments)", s.index, s.size_bytes as f64 / 1e6, s.segments)?;
            writeln!(out, "source      {}", s.source)?;
            writeln!(
                out,
                "articles    {} from {} files ({} indexed, {} duplicates, {} skipped, {} failed)",
                s.articles, s.files.tracked, s.files.indexed, s.files.duplicate, s.files.skipped, s.files.failed
            )?;
            writeln!(
                out,
                "dates       {} … {} ({} with an inferred year or the file's date)",
                day(&s.first_date),
                day(&s.last_date),
                s.inferred_dates
            )?;
            writeln!(
                out,
                "dictionary  {} {} (fingerprint {}); analyzer {}",
                s.dictionary.name, s.dictionary.version, s.dictionary.fingerprint, s.analyzer_fingerprint
            )?;
            writeln!(out, "created     {}", s.created)?;
            writeln!(out, "updated     {}", s.updated.as_deref().unwrap_or("-"))?;
            writeln!(out, "\nby press")?;
            for (press, n) in &s.by_press {
                writeln!(out, "  {n:>8}  {press}")?;
            }
            writeln!(out, "\nby month")?;
            for (month, n) in &s.by_month {
                writeln!(out, "  {month}  {n:>8}")?;
            }
            writeln!(out, "\nby category")?;
            for (cat, n) in &s.by_category {
                writeln!(out, "  {n:>8}  {cat}")?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
