//! The machine formats: JSON, JSON Lines, CSV/TSV and paths, with a stable schema.
//!
//! A hit is `{rank, score, id, path, line, url, title, date, press, reporter, reporters, category,
//! title_highlights, snippets: [{text, start, end, highlights}], story, copies: [{id, press}]}`
//! (`story` and `copies` when the index keeps story groups; `path_bytes` after `path` when the
//! file's name is not UTF-8, see [`set_path`]); offsets are character
//! offsets (Unicode scalar values): `title_highlights` into the title, a snippet's
//! `start`/`end` into the stored body, its `highlights` into the snippet's `text`.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use crate::ingest::filename;
use crate::search::{Hit, Results};

/// Sets a JSON object's `path` from a path key ([`filename`]): the name as people read it
/// (JSON strings are Unicode), and — only when that is not the name itself (a CP949 name) —
/// `path_bytes`, the name's exact bytes in base64, which is what opens the file (ripgrep's
/// JSON carries non-UTF-8 paths the same way).
pub fn set_path(v: &mut Value, key: &str) {
    if let Value::Object(o) = v {
        o.insert("path".into(), json!(filename::display_of_key(key)));
        if !filename::is_plain(key) {
            use base64::Engine;
            let b64 = base64::engine::general_purpose::STANDARD.encode(filename::bytes_of_key(key));
            o.insert("path_bytes".into(), json!(b64));
        }
    }
}

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
    set_path(&mut v, &a.path);
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
            clean(&filename::display_of_key(&a.path)),
            clean(&snippet_text(h)),
        ])?;
    }
    w.flush()
}

/// The file of each hit, once, as its exact bytes (a CP949 name is written as it is on disk,
/// so `| xargs cat` opens it), one a line.
pub fn paths(r: &Results, source: &Path, out: &mut dyn Write) -> io::Result<()> {
    let mut seen = HashSet::new();
    for h in &r.hits {
        if seen.insert(h.article.path.as_str()) {
            let path = filename::path_of_key(source, &h.article.path);
            out.write_all(&filename::os_bytes(path.as_os_str()))?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
