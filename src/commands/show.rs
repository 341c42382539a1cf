//! `gisa show ID`: one stored article in full.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::flags::{Cli, OutputFormat, ShowArgs};

pub fn run(cli: &Cli, args: &ShowArgs) -> Result<ExitCode> {
    let ix = super::open_index(cli)?;
    let reader = ix.reader()?;
    let Some(a) = ix.find(&reader.searcher(), &args.id)? else {
        eprintln!("gisa: no article with id or path {:?} in {}", args.id, ix.dir.display());
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        OutputFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&a)?)?,
        OutputFormat::Text => {
            writeln!(out, "{}\n", a.title)?;
            let date = a.date.as_ref().map(|d| match a.date_source.as_deref() {
                Some("inferred_year") => format!("{d} (year inferred from the file's date)"),
                Some("file_time") => format!("{d} (the file's date; none on the page)"),
                _ => d.clone(),
            });
            let line = a.line.map(|l| format!("{}:{l}", a.path));
            for (k, v) in [
                ("id", Some(a.id.clone())),
                ("date", date),
                ("press", a.press.clone()),
                ("reporter", (a.reporters.len() > 1).then(|| a.reporters.join(", ")).or_else(|| a.reporter.clone())),
                ("email", a.email.clone()),
                ("category", a.category.clone()),
                ("url", a.url.clone()),
                ("file", Some(line.unwrap_or_else(|| a.path.clone()))),
                ("format", Some(format!("{} {} {}", opt(&a.format), opt(&a.layout), opt(&a.encoding)))),
            ] {
                writeln!(out, "{k:<9} {}", v.unwrap_or_else(|| "-".into()))?;
            }
            for s in &a.subtitles {
                writeln!(out, "summary   {s}")?;
            }
            writeln!(out, "\n{}", a.body)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}
