//! The machine formats: JSON, JSON Lines, CSV/TSV and paths, with a stable schema.
//!
//! A hit is `{rank, score, id, path, line, url, title, date, press, reporter, reporters, category,
//! title_highlights, snippets: [{text, start, end, highlights}], story, copies: [{id, press}]}`
//! (`story` and `copies` when the index keeps story groups); offsets are character
//! offsets (Unicode scalar values): `title_highlights` into the title, a snippet's
//! `start`/`end` into the stored body, its `highlights` into the snippet's `text`.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use crate::search::{Hit, Results};

/// The JSON object of one hit (the stable schema).
pub fn hit_json(h: &Hit) -> Value {
    let a = &h.article;
    let mut v = json!({
        "rank": h.rank,
        "score": h.score,
        "id": a.id,
        "path": a.path,
        "line": a.line,
        "url": a.url,
        "title": a.title,
        "date": a.date,
        "press": a.press,
        "reporter": a.reporter,
        "reporters": a.reporters,
        "category": a.category,
        "title_highlights": h.title_highlights,
        "snippets": h.snippets,
    });
    if let (Some(story), Value::Object(o)) = (&h.story, &mut v) {
        o.insert("story".into(), json!(story.id));
        o.insert("copies".into(), json!(story.copies));
    }
    v
}

/// The JSON document of a search: `{query, total, took_ms, hits}` (and `facets` when
/// counted, added by the caller).
pub fn document(r: &Results) -> Value {
    json!({
        "query": r.query,
        "total": r.total,
        "took_ms": (r.took_ms * 1000.0).round() / 1000.0,
        "hits": r.hits.iter().map(hit_json).collect::<Vec<_>>(),
    })
}

pub fn json(r: &Results, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", document(r))
}

pub fn jsonl(r: &Results, out: &mut dyn Write) -> io::Result<()> {
    for h in &r.hits {
        writeln!(out, "{}", hit_json(h))?;
    }
    Ok(())
}

/// Snippet texts joined with ` … `.
fn snippet_text(h: &Hit) -> String {
    h.snippets.iter().map(|s| s.text.trim()).collect::<Vec<_>>().join(" … ")
}

pub fn delimited(r: &Results, delimiter: u8, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
    let clean = |s: &str| if delimiter == b'\t' { s.replace(['\t', '\n', '\r'], " ") } else { s.to_owned() };
    w.write_record([
        "rank", "score", "id", "date", "press", "reporter", "category", "title", "url", "path", "snippet",
    ])?;
    for h in &r.hits {
        let a = &h.article;
        let opt = |v: &Option<String>| clean(v.as_deref().unwrap_or(""));
        w.write_record([
            h.rank.to_string(),
            format!("{:.4}", h.score),
            clean(&a.id),
            opt(&a.date),
            opt(&a.press),
            opt(&a.reporter),
            opt(&a.category),
            clean(&a.title),
            opt(&a.url),
            clean(&a.path),
            clean(&snippet_text(h)),
        ])?;
    }
    w.flush()
}

pub fn paths(r: &Results, source: &Path, out: &mut dyn Write) -> io::Result<()> {
    let mut seen = HashSet::new();
    for h in &r.hits {
        if seen.insert(h.article.path.as_str()) {
            writeln!(out, "{}", source.join(&h.article.path).display())?;
        }
    }
    Ok(())
}
