//! The text format: a readable list for a terminal, highlights in colour.

use std::io;
use std::path::Path;

use termcolor::{Color, ColorSpec, WriteColor};

use crate::ingest::filename;
use crate::search::snippet::Range;
use crate::search::{Hit, Results};

fn write_highlighted(out: &mut dyn WriteColor, text: &str, ranges: &[Range], base: &ColorSpec) -> io::Result<()> {
    let mut hl = ColorSpec::new();
    hl.set_fg(Some(Color::Red)).set_bold(true);
    let mut at = 0;
    let chars: Vec<char> = text.chars().collect();
    for &(s, e) in ranges {
        let (s, e) = (s.min(chars.len()), e.min(chars.len()));
        if s < at {
            continue;
        }
        out.set_color(base)?;
        write!(out, "{}", chars[at..s].iter().collect::<String>())?;
        out.set_color(&hl)?;
        write!(out, "{}", chars[s..e].iter().collect::<String>())?;
        at = e;
    }
    out.set_color(base)?;
    write!(out, "{}", chars[at..].iter().collect::<String>())?;
    out.reset()
}

fn hit(out: &mut dyn WriteColor, h: &Hit, source: &Path) -> io::Result<()> {
    let a = &h.article;
    let mut title = ColorSpec::new();
    title.set_bold(true);
    let mut dim = ColorSpec::new();
    dim.set_dimmed(true);
    write!(out, "{:>3}. ", h.rank)?;
    write_highlighted(out, &a.title, &h.title_highlights, &title)?;
    writeln!(out)?;
    let date = a.date.as_deref().map(|d| d.chars().take(16).collect::<String>().replace('T', " "));
    let mut meta: Vec<String> = [date, a.press.clone(), a.reporter.clone()].into_iter().flatten().collect();
    let location = a.url.clone().unwrap_or_else(|| {
        let p = source.join(filename::display_of_key(&a.path).as_ref()).display().to_string();
        match a.line {
            Some(l) => format!("{p}:{l}"),
            None => p,
        }
    });
    meta.push(location);
    out.set_color(&dim)?;
    write!(out, "     {}", meta.join(" · "))?;
    out.reset()?;
    writeln!(out)?;
    if let Some(more) = h.story.as_ref().and_then(|s| s.more()) {
        writeln!(out, "     {more}")?;
    }
    let len = h.article.body.chars().count();
    for s in &h.snippets {
        let (before, after) = s.ellipses(len);
        write!(out, "     {before}")?;
        write_highlighted(out, s.text.trim_end(), &s.highlights, &ColorSpec::new())?;
        writeln!(out, "{after}")?;
    }
    writeln!(out)
}

pub fn print(r: &Results, source: &Path, out: &mut dyn WriteColor) -> io::Result<()> {
    for h in &r.hits {
        hit(out, h, source)?;
    }
    let first = r.hits.first().map_or(0, |h| h.rank);
    let last = r.hits.last().map_or(0, |h| h.rank);
    let mut dim = ColorSpec::new();
    dim.set_dimmed(true);
    out.set_color(&dim)?;
    if r.hits.is_empty() {
        write!(out, "no hits for {} ({} in total, {:.1} ms)", r.query, r.total, r.took_ms)?;
    } else {
        write!(out, "{first}–{last} of {} hits for {} ({:.1} ms)", r.total, r.query, r.took_ms)?;
    }
    out.reset()?;
    writeln!(out)
}
