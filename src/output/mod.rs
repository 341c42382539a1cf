//! Printers: search results rendered for people and for scripts.
//!
//! Kept apart from the searcher (ripgrep's split): the searcher produces [`Results`], a
//! printer writes them. The machine formats — JSON, JSON Lines, CSV/TSV and paths — have a
//! stable schema documented in the README; the text format is for people and may change.

pub mod facets;
pub mod machine;
pub mod text;
pub mod trend;

use std::io;
use std::path::Path;

use termcolor::WriteColor;

use crate::search::Results;

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A readable list, highlights in colour on a terminal
    Text,
    /// One JSON document: query, total, took_ms, hits
    Json,
    /// One JSON object per hit
    Jsonl,
    /// Comma-separated, with a header
    Csv,
    /// Tab-separated, with a header
    Tsv,
    /// The path of each hit's file, once (like `rg -l`)
    Paths,
}

/// Writes `results` in `format`; `source` is the indexed folder (for full paths).
pub fn print(results: &Results, format: Format, source: &Path, out: &mut dyn WriteColor) -> io::Result<()> {
    match format {
        Format::Text => text::print(results, source, out),
        Format::Json => machine::json(results, out),
        Format::Jsonl => machine::jsonl(results, out),
        Format::Csv => machine::delimited(results, b',', out),
        Format::Tsv => machine::delimited(results, b'\t', out),
        Format::Paths => machine::paths(results, source, out),
    }
}
