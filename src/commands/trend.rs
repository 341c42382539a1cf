//! `gisa trend QUERY [QUERY…]`: matching articles per period for each query, side by side;
//! exit 0 when something matched, 1 when nothing did, 2 on an error.
//!
//! Every query is validated (with the shared dates and press) before the index is opened.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, anyhow};
use termcolor::{BufferWriter, ColorChoice as TermColor};

use crate::archive::Counting;
use crate::archive::trend::{self, Search};
use crate::flags::{Cli, TrendArgs, TrendFormat};
use crate::index::stories::StoryIndex;
use crate::output;
use crate::search::{self, Limits, Params, Syntax, validate};

/// The terminal's width: `COLUMNS`, else 100.
fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse().ok()).filter(|w| *w >= 20).unwrap_or(100)
}

pub fn run(cli: &Cli, args: &TrendArgs) -> Result<ExitCode> {
    let now = crate::time::now();
    let mut requests: Vec<crate::search::Request> = Vec::with_capacity(args.queries.len());
    for q in &args.queries {
        let params = Params {
            syntax: if args.fixed_strings { Syntax::Fixed } else { Syntax::Lenient },
            any: args.any,
            since: args.filters.since.clone(),
            until: args.filters.until.clone(),
            press: args.filters.press.clone(),
            limit: 0,
            fragments: 0,
            ..Params::new(q.clone())
        };
        let req = validate::validate(&params, now, &Limits::DEFAULT).map_err(|e| anyhow!(e.for_command_line()))?;
        if let Some(note) = req.query.reading_note() {
            eprintln!("gisa: {q}: {note}");
        }
        requests.push(req);
    }

    let ix = super::open_index(cli)?;
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    for req in &mut requests {
        if let Some((fixed, fixes)) = search::keyboard_fixes(&ix, &searcher, req)? {
            eprintln!("gisa: {}", super::search::keyboard_note(&fixes));
            *req = fixed;
        }
    }
    let compiled: Vec<_> = requests.iter().map(|r| search::compile(&ix, &r.query, r.any)).collect();
    let searches: Vec<Search> = args
        .queries
        .iter()
        .zip(&requests)
        .zip(&compiled)
        .map(|((q, request), compiled)| Search { label: q.clone(), compiled, request })
        .collect();
    for s in &searches {
        if !s.compiled.ignored.is_empty() {
            eprintln!(
                "gisa: {}: left out of the search (no indexed word in them): {}",
                s.label,
                s.compiled.ignored.join(", ")
            );
        }
    }
    let counting = if args.collapse {
        let stories = StoryIndex::open(&ix.dir)?;
        if !stories.present {
            eprintln!(
                "gisa: {} keeps no story groups yet (it was made before gisa kept them): run `gisa index` on its folder again; counting articles as stories of their own",
                ix.dir.display()
            );
        }
        Counting::Stories(Arc::new(stories))
    } else {
        Counting::Articles
    };
    let t = trend::trend(&ix, &searcher, &searches, args.by.map(Into::into), counting, now)?;

    let colour = if args.format == TrendFormat::Text { super::search::color(args.color) } else { TermColor::Never };
    let writer = BufferWriter::stdout(colour);
    let mut buf = writer.buffer();
    match args.format {
        TrendFormat::Text => output::trend::text(&t, width(), &mut buf)?,
        TrendFormat::Csv => output::trend::csv(&t, &mut buf)?,
        TrendFormat::Json => output::trend::json(&t, &mut buf)?,
        TrendFormat::Svg => output::trend::svg(&t, &mut buf)?,
    }
    buf.flush()?;
    writer.print(&buf)?;
    Ok(if t.has_matches() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
