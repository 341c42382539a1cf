//! `gisa show ID`: one stored article in full; `--copies`: its story group.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use serde_json::json;

use super::EXIT_ERROR;
use crate::flags::{Cli, OutputFormat, ShowArgs};
use crate::index::GisaIndex;
use crate::index::schema::StoredArticle;
use crate::index::stories::StoryIndex;
use crate::ingest::filename;
use crate::output::machine;
use crate::search::collapse::Story;

pub fn run(cli: &Cli, args: &ShowArgs) -> Result<ExitCode> {
    let ix = super::open_index(cli)?;
    let reader = ix.reader()?;
    let Some(a) = ix.find_arg(&reader.searcher(), &args.id)? else {
        eprintln!("gisa: no article with id or path {:?} in {}", args.id.to_string_lossy(), ix.dir.display());
        return Ok(ExitCode::from(1));
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.copies {
        return copies(&ix, &a, args.format, &mut out);
    }
    match args.format {
        OutputFormat::Json => {
            let mut v = serde_json::to_value(&a)?;
            machine::set_path(&mut v, &a.path);
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?
        }
        OutputFormat::Text => {
            writeln!(out, "{}\n", a.title)?;
            let date = a.date.as_ref().map(|d| match a.date_source.as_deref() {
                Some("inferred_year") => format!("{d} (year inferred from the file's date)"),
                Some("file_time") => format!("{d} (the file's date; none on the page)"),
                _ => d.clone(),
            });
            let file = filename::display_of_key(&a.path);
            let line = a.line.map(|l| format!("{file}:{l}"));
            for (k, v) in [
                ("id", Some(a.id.clone())),
                ("date", date),
                ("press", a.press.clone()),
                ("reporter", (a.reporters.len() > 1).then(|| a.reporters.join(", ")).or_else(|| a.reporter.clone())),
                ("email", a.email.clone()),
                ("category", a.category.clone()),
                ("url", a.url.clone()),
                ("file", Some(line.unwrap_or_else(|| file.clone().into_owned()))),
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

/// `--copies`: the article's story group, earliest first (exit 1 when it has no copies).
fn copies(ix: &GisaIndex, a: &StoredArticle, format: OutputFormat, out: &mut dyn Write) -> Result<ExitCode> {
    let stories = StoryIndex::open(&ix.dir)?;
    if !stories.present {
        eprintln!(
            "gisa: the index at {} has no story groups yet: run `gisa index {}` to make them",
            ix.dir.display(),
            ix.meta.source.display()
        );
        return Ok(ExitCode::from(EXIT_ERROR));
    }
    let story = Story::of(&stories, &a.id);
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    // The whole group, this article in its place, each with its title and date.
    let mut members = Vec::new();
    for id in
        stories.group(&a.id).map_or_else(|| vec![a.id.clone()], |g| g.members.iter().map(|m| m.id.clone()).collect())
    {
        if let Some(m) = ix.find(&searcher, &id)? {
            members.push(m);
        }
    }
    match format {
        OutputFormat::Json => {
            let list: Vec<_> = members
                .iter()
                .map(|m| {
                    let mut v = json!({"id": m.id, "title": m.title, "date": m.date, "press": m.press, "url": m.url});
                    machine::set_path(&mut v, &m.path);
                    v
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&json!({"id": a.id, "story": story.id, "copies": list}))?
            )?;
        }
        OutputFormat::Text => {
            writeln!(
                out,
                "story {} · {} article{}",
                story.id,
                members.len(),
                if members.len() == 1 { "" } else { "s" }
            )?;
            for m in &members {
                let date = m.date.as_deref().map(|d| d.chars().take(16).collect::<String>().replace('T', " "));
                let mark = if m.id == a.id { "*" } else { " " };
                writeln!(
                    out,
                    "{mark} {:<16} {:<10} {}  ({})",
                    date.unwrap_or_else(|| "-".into()),
                    opt(&m.press),
                    m.title,
                    m.id
                )?;
            }
        }
    }
    out.flush()?;
    Ok(if story.copies.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn opt(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("-")
}
