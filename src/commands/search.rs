//! `gisa search QUERY`: ranked hits with snippets; exit status like grep (0 found, 1 none,
//! 2 error).
//!
//! The query is read leniently (pasted text always searches; what was read as text is said
//! in one note on stderr) or, with `-F`, as plain words; the whole request is validated
//! before the index is opened.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use termcolor::{BufferWriter, ColorChoice as TermColor};

use crate::export::dsl;
use crate::flags::{Cli, ColorChoice, SearchArgs};
use crate::index::stories::StoryIndex;
use crate::output::{self, Format};
use crate::search::{self, Limits, Params, Syntax, collapse, readings, validate};
use crate::time::kst;

/// Whether to colour: `--color`, `NO_COLOR`, and only on a terminal for `auto`.
pub(crate) fn color(choice: ColorChoice) -> TermColor {
    match choice {
        ColorChoice::Always => TermColor::Always,
        ColorChoice::Never => TermColor::Never,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            if !no_color && std::io::stdout().is_terminal() { TermColor::Auto } else { TermColor::Never }
        }
    }
}

/// The request as typed on the command line.
fn params(args: &SearchArgs) -> Params {
    Params {
        query: args.query.clone(),
        syntax: if args.fixed_strings { Syntax::Fixed } else { Syntax::Lenient },
        any: args.any,
        since: args.since.clone(),
        until: args.until.clone(),
        press: args.press.clone(),
        sort: args.sort.into(),
        limit: if args.count { 0 } else { args.limit },
        offset: args.offset,
        fragments: if matches!(args.format, Format::Paths) { 0 } else { args.fragments },
    }
}

pub fn run(cli: &Cli, args: &SearchArgs) -> Result<ExitCode> {
    // Check everything the user typed before touching the index, so a typo fails fast.
    let now = chrono::Utc::now().with_timezone(&kst());
    let req = validate::validate(&params(args), now, &Limits::DEFAULT).map_err(|e| anyhow!(e.for_command_line()))?;
    if let Some(note) = req.query.reading_note() {
        eprintln!("gisa: {note}");
    }

    let ix = super::open_index(cli)?;
    if args.dsl.is_some() {
        // The same analysis as the search would run (the index's analyzer and user
        // dictionary), compiled to the engine's DSL instead of tantivy's queries. OpenSearch
        // and Elasticsearch take the same body.
        let analyzed = readings::analyze(&ix.analyzer, &req.query);
        let ignored = analyzed.ignored();
        if !ignored.is_empty() {
            eprintln!("gisa: left out of the search (no indexed word in them): {}", ignored.join(", "));
        }
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", serde_json::to_string_pretty(&dsl::request(analyzed.tree(), &req))?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let stories = StoryIndex::open(&ix.dir)?;
    let results = if args.collapse {
        collapse::search(&ix, &searcher, &req, &stories)?
    } else {
        let mut results = search::search(&ix, &searcher, &req)?;
        collapse::annotate(&mut results.hits, &stories);
        results
    };
    if !results.ignored.is_empty() {
        eprintln!(
            "gisa: left out of the search (no indexed word in them: particles, endings, adverbs and punctuation are not indexed): {}",
            results.ignored.join(", ")
        );
    }
    let writer = BufferWriter::stdout(if args.format == Format::Text { color(args.color) } else { TermColor::Never });
    let mut buf = writer.buffer();
    if args.count && args.collapse {
        // Stories among every matching article.
        let compiled = search::compile(&ix, &req.query, req.any);
        let query = search::run::filtered(&ix.fields, &compiled, &req);
        writeln!(buf, "{}", collapse::count_stories(&searcher, &*query, &stories)?)?;
    } else if args.count {
        writeln!(buf, "{}", results.total)?;
    } else {
        output::print(&results, args.format, &ix.meta.source, &mut buf)?;
    }
    writer.print(&buf)?;
    Ok(if results.total > 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
