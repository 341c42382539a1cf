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

use crate::archive::Counting;
use crate::archive::facets::Spec;
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
        since: args.filters.since.clone(),
        until: args.filters.until.clone(),
        press: args.filters.press.clone(),
        sort: args.sort.into(),
        limit: if args.count { 0 } else { args.limit },
        offset: args.offset,
        fragments: if matches!(Format::from(args.format), Format::Paths) { 0 } else { args.fragments },
    }
}

/// The note for words read as Hangul: `searched tkatjdwjswk as 삼성전자 (typed in English mode)`.
pub(crate) fn keyboard_note(fixes: &[(String, String)]) -> String {
    let list: Vec<String> = fixes.iter().map(|(typed, read)| format!("{typed} as {read}")).collect();
    format!("no hits for Latin letters typed in English mode; searched {} (두벌식 keyboard)", list.join(", "))
}

/// The facets asked for, checked before the index is opened.
fn facet_spec(args: &SearchArgs) -> Result<Option<Spec>> {
    if args.facets.is_empty() {
        return Ok(None);
    }
    if Format::from(args.format) == Format::Paths {
        return Err(anyhow!("--facets: the paths format has no place for counts (use text, json, jsonl, csv or tsv)"));
    }
    Spec::parse(&args.facets, args.facet_limit).map(Some).map_err(|e| anyhow!("--facets: {e}"))
}

pub fn run(cli: &Cli, args: &SearchArgs) -> Result<ExitCode> {
    // Check everything the user typed before touching the index, so a typo fails fast.
    let now = chrono::Utc::now().with_timezone(&kst());
    // The index keeps canonical press names: `--press "SBS NEWS"` is SBS.
    let mut params = params(args);
    // (Loading the table costs a quarter of a small search's instructions: only when asked.)
    if !params.press.is_empty() {
        let table = super::press_table(cli)?;
        params.press = params.press.iter().map(|p| table.canonical_or_same(p)).collect();
    }
    let req = validate::validate(&params, now, &Limits::DEFAULT).map_err(|e| anyhow!(e.for_command_line()))?;
    if let Some(note) = req.query.reading_note() {
        eprintln!("gisa: {note}");
    }

    let spec = facet_spec(args)?;

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
    let req = match search::keyboard_fixes(&ix, &searcher, &req)? {
        Some((fixed, fixes)) => {
            eprintln!("gisa: {}", keyboard_note(&fixes));
            fixed
        }
        None => req,
    };
    let stories = std::sync::Arc::new(StoryIndex::open(&ix.dir)?);
    let tally = spec.as_ref().map(|s| s.collector(Counting::Articles));
    let (results, fruit) = if args.collapse {
        let results = collapse::search(&ix, &searcher, &req, &stories)?;
        // Facets count every matching article, in a pass of their own.
        let fruit = match &tally {
            Some(t) => search::search_with(&ix, &searcher, &req, Some(t.clone()))?.1,
            None => None,
        };
        (results, fruit)
    } else {
        let (mut results, fruit) = search::search_with(&ix, &searcher, &req, tally.clone())?;
        collapse::annotate(&mut results.hits, &stories);
        (results, fruit)
    };
    let facets = match (&spec, &tally, &fruit) {
        (Some(spec), Some(tally), Some(fruit)) => Some(spec.facets(tally, fruit)),
        _ => None,
    };
    if !results.ignored.is_empty() {
        eprintln!(
            "gisa: left out of the search (no indexed word in them: particles, endings, adverbs and punctuation are not indexed): {}",
            results.ignored.join(", ")
        );
    }
    let writer = BufferWriter::stdout(if Format::from(args.format) == Format::Text {
        color(args.color)
    } else {
        TermColor::Never
    });
    let mut buf = writer.buffer();
    match (&facets, Format::from(args.format)) {
        (None, _) if args.count && args.collapse => {
            // Stories among every matching article.
            let compiled = search::compile(&ix, &req.query, req.any);
            let query = search::run::filtered(&ix.fields, &compiled, &req);
            writeln!(buf, "{}", collapse::count_stories(&searcher, &*query, &stories)?)?;
        }
        (None, _) if args.count => writeln!(buf, "{}", results.total)?,
        (None, format) => output::print(&results, format, &ix.meta.source, &mut buf)?,
        (Some(f), Format::Json) => {
            let mut doc = output::machine::document(&results);
            doc["facets"] = output::facets::json_value(f);
            writeln!(buf, "{doc}")?;
        }
        (Some(f), Format::Csv) => output::facets::delimited(f, b',', &mut buf)?,
        (Some(f), Format::Tsv) => output::facets::delimited(f, b'\t', &mut buf)?,
        (Some(f), Format::Jsonl) => output::facets::jsonl(f, &mut buf)?,
        (Some(f), _) => {
            if args.count {
                writeln!(buf, "{}", results.total)?;
            } else {
                output::print(&results, Format::Text, &ix.meta.source, &mut buf)?;
            }
            output::facets::text(f, &mut buf)?;
        }
    }
    writer.print(&buf)?;
    Ok(if results.total > 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
