//! Digest renderers: text for a terminal or a plain mail, Markdown for chat and mail, HTML
//! (one self-contained file: inline CSS, an inline SVG chart per search, no network
//! fetches), and JSON with the same hit schema as `gisa search --format json`.

use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::words::Lang;
use super::{Digest, Section};
use crate::output::machine::hit_json;
use crate::search::Hit;
use crate::search::snippet::Range;

fn mode_line(d: &Digest) -> &'static str {
    d.lang.mode(d.mode)
}

fn counts(s: &Section, d: &Digest) -> String {
    d.lang.counts(d.mode, s.new, s.total)
}

fn nothing(d: &Digest) -> &'static str {
    d.lang.nothing(d.mode)
}

/// When the digest was made, for the reader.
fn generated(d: &Digest) -> String {
    d.lang.stored(&d.generated)
}

/// A section's keywords line (`주요어: HBM, 엔비디아, 퀄 테스트`), if it has any.
fn keywords_line(s: &Section, d: &Digest) -> Option<String> {
    let k = s.keywords.as_ref().filter(|k| !k.is_empty())?;
    Some(format!("{}: {}", d.lang.keywords(), k.iter().map(|k| k.text.as_str()).collect::<Vec<_>>().join(", ")))
}

fn date_of(h: &Hit, lang: Lang) -> String {
    h.article.date.as_deref().map(|d| lang.stored(d)).unwrap_or_default()
}

fn meta(h: &Hit, lang: Lang) -> String {
    let more = h.story.as_ref().and_then(|s| s.more());
    [Some(date_of(h, lang)).filter(|d| !d.is_empty()), h.article.press.clone(), h.article.reporter.clone(), more]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Where a hit can be opened: its URL, else its file.
fn link(h: &Hit, source: &Path) -> String {
    h.article.url.clone().unwrap_or_else(|| {
        let p = source.join(&h.article.path).display().to_string();
        match h.article.line {
            Some(l) => format!("{p}:{l}"),
            None => p,
        }
    })
}

/// Splits text into (piece, highlighted) by character ranges.
fn pieces<'a>(text: &'a str, ranges: &[Range]) -> Vec<(&'a str, bool)> {
    let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let byte = |c: usize| bounds[c.min(bounds.len() - 1)];
    let mut out = Vec::new();
    let mut at = 0;
    let mut ranges = ranges.iter().copied().filter(|&(s, e)| s < e).peekable();
    while let Some((s, mut e)) = ranges.next() {
        if s < at {
            continue;
        }
        // Touching ranges (`오픈` + `AI` in 오픈AI) are one marked piece: `**오픈****AI**` is
        // not bold in Markdown.
        while let Some(&(ns, ne)) = ranges.peek()
            && ns <= e
        {
            e = e.max(ne);
            ranges.next();
        }
        out.push((&text[byte(at)..byte(s)], false));
        out.push((&text[byte(s)..byte(e)], true));
        at = e;
    }
    out.push((&text[byte(at)..], false));
    out.retain(|(p, _)| !p.is_empty());
    out
}

/// The first fragment of a hit: its text, highlights, and the marks before and after it.
fn snippet_of(h: &Hit) -> Option<(&str, &[Range], (&'static str, &'static str))> {
    let len = h.article.body.chars().count();
    h.snippets.first().map(|s| (s.text.trim_end(), s.highlights.as_slice(), s.ellipses(len)))
}

pub fn text(d: &Digest, source: &Path, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{} — {} ({})", d.title, generated(d), mode_line(d))?;
    for s in &d.sections {
        writeln!(out, "\n■ {} [{}]: {}", s.name, s.query, counts(s, d))?;
        if let Some(k) = keywords_line(s, d) {
            writeln!(out, "  {k}")?;
        }
        for h in &s.hits {
            writeln!(out, "  {}. {}", h.rank, h.article.title)?;
            writeln!(out, "     {} · {}", meta(h, d.lang), link(h, source))?;
            if let Some((text, _, (before, after))) = snippet_of(h) {
                writeln!(out, "     {before}{text}{after}")?;
            }
        }
        if s.hits.is_empty() {
            writeln!(out, "  ({})", nothing(d))?;
        }
    }
    Ok(())
}

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub fn markdown(d: &Digest, source: &Path, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", md_escape(&d.title))?;
    writeln!(out, "_{} · {}_", generated(d), mode_line(d))?;
    for s in &d.sections {
        writeln!(out, "\n## {} — {}\n", md_escape(&s.name), counts(s, d))?;
        writeln!(out, "`{}`\n", s.query.replace('`', "'"))?;
        if let Some(k) = keywords_line(s, d) {
            writeln!(out, "**{}**\n", md_escape(&k))?;
        }
        if s.hits.is_empty() {
            writeln!(out, "_{}_", nothing(d))?;
        }
        for h in &s.hits {
            let target = link(h, source);
            let title = md_escape(&h.article.title);
            if target.starts_with("http://") || target.starts_with("https://") {
                writeln!(out, "{}. [{}](<{}>) — {}", h.rank, title, target, md_escape(&meta(h, d.lang)))?;
            } else {
                writeln!(out, "{}. **{}** — {} — `{}`", h.rank, title, md_escape(&meta(h, d.lang)), target)?;
            }
            if let Some((text, hl, (before, after))) = snippet_of(h) {
                let mut line = String::new();
                for (p, strong) in pieces(text, hl) {
                    if strong {
                        let _ = write!(line, "**{}**", md_escape(p));
                    } else {
                        line.push_str(&md_escape(p));
                    }
                }
                writeln!(out, "   > {before}{line}{after}")?;
            }
        }
    }
    Ok(())
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn highlighted_html(text: &str, ranges: &[Range]) -> String {
    pieces(text, ranges)
        .into_iter()
        .map(|(p, hl)| if hl { format!("<mark>{}</mark>", esc(p)) } else { esc(p) })
        .collect()
}

/// An inline SVG bar chart of articles per day.
pub fn chart_svg(s: &Section, lang: Lang) -> String {
    let (w, h, top, bottom, left) = (640.0f64, 120.0f64, 14.0f64, 22.0f64, 30.0f64);
    let n = s.histogram.len().max(1) as f64;
    let max = s.histogram.iter().map(|(_, c)| *c).max().unwrap_or(0).max(1) as f64;
    let bar_w = (w - left) / n;
    let plot_h = h - top - bottom;
    let mut svg = String::new();
    let total: u64 = s.histogram.iter().map(|(_, c)| c).sum();
    let _ = write!(
        svg,
        r##"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"##,
        esc(&lang.chart(&s.name, total))
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{}" x2="{w}" y2="{}" stroke="#999" stroke-width="1"/>"##,
        h - bottom,
        h - bottom
    );
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#555">{}</text>"##,
        left - 4.0,
        top + 4.0,
        max as u64
    );
    let _ = write!(
        svg,
        r##"<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#555">0</text>"##,
        left - 4.0,
        h - bottom
    );
    for (i, (day, count)) in s.histogram.iter().enumerate() {
        let bh = (*count as f64 / max) * plot_h;
        let x = left + i as f64 * bar_w + bar_w * 0.15;
        let y = h - bottom - bh;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{bh:.1}" fill="#3b6fb6"><title>{}</title></rect>"##,
            bar_w * 0.7,
            esc(&lang.bar(*day, *count))
        );
    }
    if let (Some((first, _)), Some((last, _))) = (s.histogram.first(), s.histogram.last()) {
        let _ = write!(
            svg,
            r##"<text x="{left}" y="{}" font-size="11" fill="#555">{}</text>"##,
            h - 6.0,
            lang.axis_day(*first)
        );
        let _ = write!(
            svg,
            r##"<text x="{w}" y="{}" font-size="11" text-anchor="end" fill="#555">{}</text>"##,
            h - 6.0,
            lang.axis_day(*last)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The digest's style sheet (inline in the HTML); its font stack prefers Korean fonts.
pub const CSS: &str = r#"body{font-family:"Noto Sans CJK KR","Noto Sans KR","Apple SD Gothic Neo","Malgun Gothic","NanumGothic","Nanum Gothic",sans-serif;max-width:760px;margin:0 auto;padding:16px;color:#1d1d1f;line-height:1.55;background:#fff}
h1{font-size:1.5em;margin:.2em 0}
h2{font-size:1.15em;margin:1.6em 0 .2em;border-bottom:2px solid #3b6fb6;padding-bottom:.2em}
.meta,.count{color:#666;font-size:.9em;margin:.2em 0}
code{background:#f2f4f7;padding:1px 4px;border-radius:3px}
ol{padding-left:1.4em}
li{margin:.7em 0}
li a{color:#1a4f9c;text-decoration:none;font-weight:600}
.snippet{margin:.2em 0;color:#333}
mark{background:#ffe48a;color:inherit;padding:0 1px}
.chart{max-width:100%;height:auto;display:block;margin:.4em 0}
.empty{color:#888;font-style:italic}
.keywords{font-weight:600;color:#1a4f9c;margin:.3em 0}"#;

pub fn html(d: &Digest, source: &Path, out: &mut dyn Write) -> io::Result<()> {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n",
        esc(&d.title)
    );
    let _ = writeln!(o, "<h1>{}</h1>", esc(&d.title));
    let _ = writeln!(o, "<p class=\"meta\">{} · {}</p>", esc(&generated(d)), mode_line(d));
    for s in &d.sections {
        let _ = writeln!(o, "<section>\n<h2>{}</h2>", esc(&s.name));
        let _ = writeln!(o, "<p class=\"count\"><code>{}</code> · {}</p>", esc(&s.query), counts(s, d));
        if let Some(k) = keywords_line(s, d) {
            let _ = writeln!(o, "<p class=\"keywords\">{}</p>", esc(&k));
        }
        o.push_str(&chart_svg(s, d.lang));
        o.push('\n');
        if s.hits.is_empty() {
            let _ = writeln!(o, "<p class=\"empty\">{}</p>", nothing(d));
        } else {
            o.push_str("<ol>\n");
            for h in &s.hits {
                let target = link(h, source);
                let href = if target.starts_with("http://") || target.starts_with("https://") {
                    target.clone()
                } else {
                    format!("file://{}", target.split(':').next().unwrap_or(&target))
                };
                let _ = write!(
                    o,
                    "<li value=\"{}\"><a href=\"{}\">{}</a><div class=\"meta\">{}</div>",
                    h.rank,
                    esc(&href),
                    highlighted_html(&h.article.title, &h.title_highlights),
                    esc(&meta(h, d.lang))
                );
                if let Some((text, hl, (before, after))) = snippet_of(h) {
                    let _ = write!(o, "<p class=\"snippet\">{before}{}{after}</p>", highlighted_html(text, hl));
                }
                o.push_str("</li>\n");
            }
            o.push_str("</ol>\n");
        }
        o.push_str("</section>\n");
    }
    o.push_str("</body>\n</html>\n");
    out.write_all(o.as_bytes())
}

/// The JSON digest (stable schema, see the README).
pub fn json_value(d: &Digest) -> Value {
    json!({
        "title": d.title,
        "generated": d.generated,
        "mode": d.mode,
        "index": d.index,
        "searches": d.sections.iter().map(|s| section_json(s, json!({
            "name": s.name,
            "query": s.query,
            "total": s.total,
            "new": s.new,
            "collapsed": s.collapsed,
            "ignored": s.ignored,
            "histogram": s.histogram.iter().map(|(day, n)| json!({"date": day.format("%Y-%m-%d").to_string(), "count": n})).collect::<Vec<_>>(),
            "hits": s.hits.iter().map(hit_json).collect::<Vec<_>>(),
        }))).collect::<Vec<_>>(),
    })
}

/// A search's JSON object, with `keywords: [{text, articles, archive, score}]` when the
/// search asked for them.
fn section_json(s: &Section, mut v: Value) -> Value {
    if let Some(k) = &s.keywords {
        v["keywords"] = json!(k);
    }
    v
}

pub fn json(d: &Digest, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", serde_json::to_string_pretty(&json_value(d))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_on_character_ranges() {
        assert_eq!(
            pieces("삼성전자가 만났다", &[(0, 2), (6, 9)]),
            vec![("삼성", true), ("전자가 ", false), ("만났다", true)]
        );
        assert_eq!(pieces("abc", &[]), vec![("abc", false)]);
        assert_eq!(pieces("오픈AI가", &[(0, 2), (2, 4)]), vec![("오픈AI", true), ("가", false)]);
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(md_escape("a*b_[c]"), "a\\*b\\_\\[c\\]");
    }
}
