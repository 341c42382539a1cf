//! `gisa search QUERY`: ranked hits with snippets; exit status like grep (0 found, 1 none,
//! 2 error).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use termcolor::{BufferWriter, ColorChoice as TermColor};

use crate::flags::{Cli, ColorChoice, SearchArgs};
use crate::index::schema::kst;
use crate::output::{self, Format};
use crate::search::{self, Request, dates};

/// Whether to colour: `--color`, `NO_COLOR`, and only on a terminal for `auto`.
fn color(choice: ColorChoice) -> TermColor {
    match choice {
        ColorChoice::Always => TermColor::Always,
        ColorChoice::Never => TermColor::Never,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if !no_color && std::io::stdout().is_terminal() { TermColor::Auto } else { TermColor::Never }
        }
    }
}

pub fn run(cli: &Cli, args: &SearchArgs) -> Result<ExitCode> {
    let query = args.query.clone();
    // Parse everything the user typed before touching the index, so a typo fails fast.
    if let Err(e) = search::query::parse(&query) {
        let near: String = query.chars().skip(e.column).take(12).collect();
        return Err(anyhow!("{e} (near {near:?})"));
    }
    let now = chrono::Utc::now().with_timezone(&kst());
    let since =
        dates::parse_option(args.since.as_deref(), dates::Bound::Since, now).map_err(|e| anyhow!("--since: {e}"))?;
    let until =
        dates::parse_option(args.until.as_deref(), dates::Bound::Until, now).map_err(|e| anyhow!("--until: {e}"))?;

    let ix = super::open_index(cli)?;
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let req = Request {
        query,
        any: args.any,
        since,
        until,
        // The index keeps canonical press names: `--press "SBS NEWS"` is SBS.
        press: {
            let table = super::press_table(cli)?;
            args.press.iter().map(|p| table.canonical_or_same(p)).collect()
        },
        sort: args.sort,
        limit: if args.count { 0 } else { args.limit },
        offset: args.offset,
        fragments: if matches!(args.format, Format::Paths) { 0 } else { args.fragments },
        exclude_ids: Vec::new(),
    };
    let results = search::search(&ix, &searcher, &req)?;
    if !results.ignored.is_empty() {
        eprintln!(
            "gisa: left out of the search (no indexed word in them: particles, endings, adverbs and punctuation are not indexed): {}",
            results.ignored.join(", ")
        );
    }
    let writer = BufferWriter::stdout(if args.format == Format::Text { color(args.color) } else { TermColor::Never });
    let mut buf = writer.buffer();
    if args.count {
        writeln!(buf, "{}", results.total)?;
    } else {
        output::print(&results, args.format, &ix.meta.source, &mut buf)?;
    }
    writer.print(&buf)?;
    Ok(if results.total > 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
