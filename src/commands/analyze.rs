//! `gisa analyze`: what the analyzer makes of a text — Elasticsearch's `_analyze` for gisa.

use std::io::{BufRead, Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context, Result};
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use crate::analysis::Analyzer;
use crate::dict::KoDict;
use crate::flags::{AnalyzeArgs, AnalyzeFormat, Cli};

pub fn run(cli: &Cli, args: &AnalyzeArgs) -> Result<ExitCode> {
    let dict = Arc::new(KoDict::open_default(cli.dict.as_deref())?);
    let analyzer = Analyzer::new(dict, args.analyzer.options())?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match &args.text {
        Some(text) if !args.each_line => render(&analyzer, args, text, &mut out)?,
        Some(text) => {
            for line in text.lines() {
                render(&analyzer, args, line, &mut out)?;
            }
        }
        None if args.each_line => {
            for line in std::io::stdin().lock().lines() {
                let line = line.context("cannot read standard input")?;
                render(&analyzer, args, &line, &mut out)?;
            }
        }
        None => {
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).context("cannot read standard input (is it UTF-8?)")?;
            render(&analyzer, args, &text, &mut out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn render(analyzer: &Analyzer, args: &AnalyzeArgs, text: &str, out: &mut impl Write) -> Result<()> {
    if args.morphemes {
        let morphemes = analyzer.morphemes(text);
        match args.format {
            AnalyzeFormat::Json => {
                let list: Vec<_> = morphemes
                    .iter()
                    .map(|m| {
                        json!({
                            "surface": m.surface, "pos": m.pos, "start": m.start, "end": m.end,
                            "char_start": char_offset(text, m.start), "char_end": char_offset(text, m.end),
                            "type": m.kind, "reading": m.reading, "expression": m.expression, "source": m.source,
                        })
                    })
                    .collect();
                writeln!(out, "{}", json!({ "text": text, "morphemes": list }))?;
            }
            AnalyzeFormat::Table => {
                let rows: Vec<Vec<String>> = morphemes
                    .iter()
                    .map(|m| {
                        vec![
                            m.surface.clone(),
                            m.pos.clone(),
                            format!("{}..{}", m.start, m.end),
                            m.kind.clone(),
                            m.expression.clone(),
                            m.source.to_owned(),
                        ]
                    })
                    .collect();
                table(out, &["SURFACE", "POS", "BYTES", "TYPE", "EXPRESSION", "SOURCE"], &rows)?;
            }
        }
        return Ok(());
    }
    let terms = analyzer.analyze(text);
    match args.format {
        AnalyzeFormat::Json => {
            let list: Vec<_> = terms
                .iter()
                .map(|t| {
                    json!({
                        "token": t.text, "pos": t.pos, "role": t.role,
                        "position": t.position, "position_length": t.position_length,
                        "start": t.start, "end": t.end,
                        "char_start": char_offset(text, t.start), "char_end": char_offset(text, t.end),
                        "surface": &text[t.start..t.end],
                    })
                })
                .collect();
            writeln!(out, "{}", json!({ "text": text, "analyzer": analyzer.fingerprint(), "tokens": list }))?;
        }
        AnalyzeFormat::Table => {
            let rows: Vec<Vec<String>> = terms
                .iter()
                .map(|t| {
                    vec![
                        t.text.clone(),
                        t.pos.clone(),
                        format!("{:?}", t.role).to_lowercase(),
                        t.position.to_string(),
                        t.position_length.to_string(),
                        format!("{}..{}", t.start, t.end),
                        text[t.start..t.end].to_owned(),
                    ]
                })
                .collect();
            table(out, &["TERM", "POS", "ROLE", "POSITION", "LENGTH", "BYTES", "SURFACE"], &rows)?;
        }
    }
    Ok(())
}

/// Writes an aligned table; widths count display columns, so Hangul lines up.
fn table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>, out: &mut dyn Write| -> std::io::Result<()> {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            s.push_str(cell);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(header.to_vec(), out)?;
    for row in rows {
        line(row.iter().map(String::as_str).collect(), out)?;
    }
    Ok(())
}
