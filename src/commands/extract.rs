//! `gisa extract PATH…`: what gisa reads out of saved article files, without indexing them —
//! for checking a new layout, and for scoring extraction against ground truth.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;

use crate::flags::{Cli, ExtractArgs, ExtractFormat};
use crate::ingest::{self, filename, walk};
use crate::output::machine;
use crate::time;

pub fn run(cli: &Cli, args: &ExtractArgs) -> Result<ExitCode> {
    let exclude = walk::excludes(&args.exclude)?;
    let opts = super::ingest_options(cli, args.json_fields.as_ref())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut failed = 0usize;
    for root in &args.paths {
        let found = walk::walk(root, &exclude)?;
        for p in &found.problems {
            eprintln!("gisa: {}: {}", filename::display_of_key(&p.path), p.reason);
            failed += 1;
        }
        for f in &found.files {
            let bytes = match std::fs::read(&f.path) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("gisa: {}: {e}", filename::display_of_key(&f.rel));
                    failed += 1;
                    continue;
                }
            };
            let name = filename::display_name(&f.path);
            // A time no date can hold is unknown: said once, and the file is read all the same.
            let modified = f.modified.and_then(|t| {
                time::file_time(t).map_err(|e| eprintln!("gisa: {}: {e}", filename::display_of_key(&f.rel))).ok()
            });
            match ingest::extract_with(&opts, f.format, &name, &bytes, modified) {
                Err(e) => {
                    eprintln!("gisa: {}: {e}", filename::display_of_key(&f.rel));
                    failed += 1;
                }
                Ok(x) => {
                    for (line, reason) in &x.bad_lines {
                        eprintln!("gisa: {}:{line}: {reason}", filename::display_of_key(&f.rel));
                        failed += 1;
                    }
                    for a in &x.articles {
                        match args.format {
                            ExtractFormat::Jsonl => {
                                let v = json!({
                                    "path": f.rel, "line": a.line, "format": f.format, "encoding": x.encoding,
                                    "layout": a.layout, "id": a.id, "title": a.title, "subtitles": a.subtitles,
                                    "date": a.date.map(|d| d.datetime.to_rfc3339()),
                                    "date_source": a.date.map(|d| d.source),
                                    "press": a.press, "reporter": a.reporter, "reporters": a.reporters, "email": a.email,
                                    "url": a.url,
                                    "category": a.category, "body": a.body,
                                });
                                let mut v = v;
                                machine::set_path(&mut v, &f.rel);
                                writeln!(out, "{v}")?;
                            }
                            ExtractFormat::Text => {
                                let line = a.line.map(|l| format!(":{l}")).unwrap_or_default();
                                writeln!(
                                    out,
                                    "== {}{line} ({:?}, {}, {})",
                                    filename::display_of_key(&f.rel),
                                    f.format,
                                    x.encoding,
                                    a.layout
                                )?;
                                writeln!(out, "title     {}", a.title)?;
                                let date = a.date.map(|d| format!("{} ({:?})", d.datetime.to_rfc3339(), d.source));
                                for (k, v) in [
                                    ("date", date),
                                    ("press", a.press.clone()),
                                    (
                                        "reporter",
                                        (a.reporters.len() > 1)
                                            .then(|| a.reporters.join(", "))
                                            .or_else(|| a.reporter.clone()),
                                    ),
                                    ("email", a.email.clone()),
                                    ("url", a.url.clone()),
                                    ("category", a.category.clone()),
                                    ("id", a.id.clone()),
                                ] {
                                    writeln!(out, "{k:<9} {}", v.unwrap_or_else(|| "-".into()))?;
                                }
                                for s in &a.subtitles {
                                    writeln!(out, "subtitle  {s}")?;
                                }
                                writeln!(out, "\n{}\n", a.body)?;
                            }
                        }
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
