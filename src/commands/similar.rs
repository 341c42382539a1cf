//! `gisa similar ID`: the related coverage of one article — its own copies apart, then the
//! articles about the same thing, one per story, in any output format of `gisa search`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde_json::json;
use termcolor::{BufferWriter, ColorChoice as TermColor};

use crate::flags::{Cli, SimilarArgs};
use crate::index::stories::StoryIndex;
use crate::output::{self, Format, machine};
use crate::search::similar::{self, SimilarOptions};
use crate::time::kst;

pub fn run(cli: &Cli, args: &SimilarArgs) -> Result<ExitCode> {
    let ix = super::open_index(cli)?;
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let Some(article) = ix.find_arg(&searcher, &args.id)? else {
        eprintln!("gisa: no article with id or path {:?} in {}", args.id.to_string_lossy(), ix.dir.display());
        return Ok(ExitCode::from(1));
    };
    let stories = StoryIndex::open(&ix.dir)?;
    let format = Format::from(args.format);
    let opts = SimilarOptions {
        terms: args.terms,
        limit: args.limit,
        offset: args.offset,
        fragments: if format == Format::Paths { 0 } else { args.fragments },
        since: args.filters.since.clone(),
        until: args.filters.until.clone(),
        press: args.filters.press.clone(),
    };
    let now = chrono::Utc::now().with_timezone(&kst());
    let found = similar::similar(&ix, &searcher, &article, &stories, &opts, now)?;
    let writer =
        BufferWriter::stdout(if format == Format::Text { super::search::color(args.color) } else { TermColor::Never });
    let mut buf = writer.buffer();
    match format {
        Format::Json => {
            let r = &found.results;
            let v = json!({
                "id": article.id,
                "title": article.title,
                "story": found.story.id,
                "copies": found.story.copies,
                "terms": found.terms.iter().map(|(t, w)| json!({"term": t, "weight": (w * 1000.0).round() / 1000.0})).collect::<Vec<_>>(),
                "total": r.total,
                "took_ms": (r.took_ms * 1000.0).round() / 1000.0,
                "hits": r.hits.iter().map(machine::hit_json).collect::<Vec<_>>(),
            });
            writeln!(buf, "{v}")?;
        }
        Format::Text => {
            writeln!(buf, "Related to: {} ({})", article.title, article.id)?;
            if !found.story.copies.is_empty() {
                writeln!(buf, "Its own copies ({}), not listed below:", found.story.copies.len())?;
                for c in &found.story.copies {
                    writeln!(buf, "     {} · {}", c.id, c.press.as_deref().unwrap_or("-"))?;
                }
            }
            let terms: Vec<&str> = found.terms.iter().map(|(t, _)| t.as_str()).collect();
            writeln!(buf, "Searched for: {}\n", terms.join(" "))?;
            output::print(&found.results, format, &ix.meta.source, &mut buf)?;
        }
        _ => output::print(&found.results, format, &ix.meta.source, &mut buf)?,
    }
    writer.print(&buf)?;
    Ok(if found.results.hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
