//! Printers of facet counts (`gisa search --facets`): a text table per facet, the `facets`
//! object of the JSON document, and rows for CSV/TSV and JSON Lines.
//!
//! The JSON object is keyed by facet name (text tables come in the order asked for); each facet is
//! `{values: [{value, count}], other, other_values, missing}` (see
//! `crate::archive::facets::Facet`). The rows are `facet, value, count, kind` with `kind`
//! one of `value`, `other` (the values beyond `--facet-limit`, summed) and `missing`
//! (matching articles without a value), so every facet's counts add up to the total.

use std::io::{self, Write};

use serde_json::{Value, json};
use termcolor::{ColorSpec, WriteColor};
use unicode_width::UnicodeWidthStr;

use crate::archive::facets::{Facet, Facets};

/// The `facets` value of the JSON document.
pub fn json_value(f: &Facets) -> Value {
    serde_json::to_value(f).unwrap_or(Value::Null)
}

/// One row of a facet: (value, count, kind).
fn rows(f: &Facet) -> Vec<(String, u64, &'static str)> {
    let mut out: Vec<(String, u64, &'static str)> =
        f.values.iter().map(|v| (v.value.clone(), v.count, "value")).collect();
    if f.other > 0 {
        out.push((String::new(), f.other, "other"));
    }
    if f.missing > 0 {
        out.push((String::new(), f.missing, "missing"));
    }
    out
}

/// `facet,value,count,kind` rows (CSV or TSV).
pub fn delimited(f: &Facets, delimiter: u8, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
    let clean = |s: &str| if delimiter == b'\t' { s.replace(['\t', '\n', '\r'], " ") } else { s.to_owned() };
    w.write_record(["facet", "value", "count", "kind"])?;
    for facet in &f.facets {
        for (value, count, kind) in rows(facet) {
            w.write_record([facet.dimension.name(), &clean(&value), &count.to_string(), kind])?;
        }
    }
    w.flush()
}

/// One JSON object per row: `{facet, value, count, kind}`.
pub fn jsonl(f: &Facets, out: &mut dyn Write) -> io::Result<()> {
    for facet in &f.facets {
        for (value, count, kind) in rows(facet) {
            writeln!(
                out,
                "{}",
                json!({"facet": facet.dimension.name(), "value": value, "count": count, "kind": kind})
            )?;
        }
    }
    Ok(())
}

/// Pads `s` to `width` terminal columns (Hangul is two columns wide).
pub fn pad(s: &str, width: usize) -> String {
    let w = UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// A bar of `n` against `max` in `width` cells, in eighths.
pub fn bar(n: u64, max: u64, width: usize) -> String {
    if max == 0 || n == 0 {
        return String::new();
    }
    let eighths = (n as f64 / max as f64 * width as f64 * 8.0).round().max(1.0) as usize;
    let mut s = "█".repeat(eighths / 8);
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    s.push_str(PARTS[eighths % 8]);
    s
}

/// The text tables: per facet a heading, then value, count and a bar, largest first (time
/// facets in order), then the rest and the articles without a value.
pub fn text(f: &Facets, out: &mut dyn WriteColor) -> io::Result<()> {
    let mut bold = ColorSpec::new();
    bold.set_bold(true);
    let mut dim = ColorSpec::new();
    dim.set_dimmed(true);
    let noun = if f.counting == "articles" { "matching articles" } else { "matching stories" };
    for facet in &f.facets {
        writeln!(out)?;
        out.set_color(&bold)?;
        write!(out, "{}", facet.dimension.name())?;
        out.reset()?;
        out.set_color(&dim)?;
        writeln!(out, " ({} {noun})", f.total)?;
        out.reset()?;
        let rows = rows(facet);
        let label = |value: &str, kind: &str| match kind {
            "other" => format!("({} more)", facet.other_values),
            "missing" => format!("(no {})", facet.dimension.name()),
            _ => value.to_owned(),
        };
        let width =
            rows.iter().map(|(v, _, k)| UnicodeWidthStr::width(label(v, k).as_str())).max().unwrap_or(0).min(40);
        let digits = rows.iter().map(|(_, n, _)| n.to_string().len()).max().unwrap_or(1);
        let max = facet.values.iter().map(|v| v.count).max().unwrap_or(0);
        for (value, count, kind) in &rows {
            let l = label(value, kind);
            if *kind == "value" {
                writeln!(out, "  {}  {count:>digits$}  {}", pad(&l, width), bar(*count, max, 30))?;
            } else {
                out.set_color(&dim)?;
                write!(out, "  {}  {count:>digits$}", pad(&l, width))?;
                out.reset()?;
                writeln!(out)?;
            }
        }
        if rows.is_empty() {
            writeln!(out, "  (nothing)")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_in_eighths_and_show_any_count() {
        assert_eq!(bar(0, 10, 10), "");
        assert_eq!(bar(10, 10, 10), "██████████");
        assert_eq!(bar(5, 10, 10), "█████");
        assert_eq!(bar(1, 1000, 10), "▏", "a count is never drawn as nothing");
        assert_eq!(pad("한겨레", 8), "한겨레  ");
    }
}
