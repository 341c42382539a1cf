//! `gisa report FILE`: saved searches as one digest; exit 0 when there is something to
//! report, 1 when not, 2 on an error.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};

use crate::flags::{Cli, ReportArgs};
use crate::report::{self, Format, ReportFile, RunOptions, render};
use crate::search::validate::{self, Param};
use crate::time::kst;

pub fn run(cli: &Cli, args: &ReportArgs) -> Result<ExitCode> {
    // The report file is checked before anything else is opened.
    let file = ReportFile::load(&args.file)?;
    let now = chrono::Utc::now().with_timezone(&kst());
    let since = validate::date(args.since.as_deref(), Param::Since, now).map_err(|e| anyhow!(e.for_command_line()))?;
    let ix = super::open_index(cli)?;
    let opts = RunOptions { new: args.new, since, limit: args.limit, now };
    let (digest, state) = report::run(&ix, &file, &args.file, &opts)?;

    // Render completely before writing, write and flush, and only then remember what was
    // shown: a run that fails or is killed before this point shows the same articles again.
    let mut buf = Vec::new();
    let source = &ix.meta.source;
    match args.format.map(Format::from).or(file.format).unwrap_or(Format::Text) {
        Format::Text => render::text(&digest, source, &mut buf)?,
        Format::Markdown => render::markdown(&digest, source, &mut buf)?,
        Format::Html => render::html(&digest, source, &mut buf)?,
        Format::Json => render::json(&digest, &mut buf)?,
    }
    let mut out = std::io::stdout().lock();
    out.write_all(&buf)?;
    out.flush()?;
    if args.new {
        state.save(&report::state_path(&ix.dir, &args.file))?;
    }
    Ok(if digest.has_hits() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
