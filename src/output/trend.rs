//! Printers of trends (`gisa trend`): a bar chart for the terminal (one row per period, the
//! searches side by side, each in its own colour on a terminal), CSV, JSON and a
//! self-contained SVG chart.
//!
//! - CSV: `period,start,end,<query>,<query>…` — one row per period, zeros included, a
//!   column per search headed by its query;
//! - JSON: `{interval, counting, start, end, periods: [{label, start, end}], series: [{query,
//!   total, counts, undated, ignored}]}` (see `crate::archive::trend::Trend`), `counts`
//!   aligned with `periods`;
//! - SVG: one polyline per search over the periods (bars for a single search), axes, period
//!   labels and a legend; Korean text in a font stack of Korean fonts, nothing external.

use std::fmt::Write as _;
use std::io::{self, Write};

use termcolor::{Color, ColorSpec, WriteColor};
use unicode_width::UnicodeWidthStr;

use super::facets::{bar, pad};
use crate::archive::trend::Trend;

/// Series colours: terminal and SVG (the SVG's first is the digest chart's blue).
const TERM: [Color; 6] = [Color::Blue, Color::Red, Color::Green, Color::Magenta, Color::Cyan, Color::Yellow];
const SVG: [&str; 6] = ["#3b6fb6", "#d1495b", "#2e933c", "#8e44ad", "#00a6a6", "#e08e0b"];

/// The terminal chart: a row per period, a bar and count per search. `width` is the
/// terminal's width in columns.
pub fn text(t: &Trend, width: usize, out: &mut dyn WriteColor) -> io::Result<()> {
    let mut dim = ColorSpec::new();
    dim.set_dimmed(true);
    let noun = if t.counting == "articles" { "articles" } else { "stories" };
    if t.periods.is_empty() {
        out.set_color(&dim)?;
        writeln!(out, "no matching {noun} for {}", queries(t))?;
        return out.reset();
    }
    let label_w = t.periods.iter().map(|p| p.label.len()).max().unwrap_or(0);
    let digits = t.peak().to_string().len();
    let n = t.series.len().max(1);
    // Each search: a bar, a space and its count, two spaces between searches.
    let room = width.saturating_sub(label_w + 2);
    let cell = (room / n).saturating_sub(2).max(digits + 4);
    let bar_w = (cell - digits - 1).min(50);
    let peak = t.peak();

    // The legend: each search's colour, query and total.
    for (i, s) in t.series.iter().enumerate() {
        let mut c = ColorSpec::new();
        c.set_fg(Some(TERM[i % TERM.len()])).set_bold(true);
        out.set_color(&c)?;
        write!(out, "{}", if n > 1 { "■ " } else { "" })?;
        write!(out, "{}", s.query)?;
        out.reset()?;
        out.set_color(&dim)?;
        let one = if t.counting == "articles" { "article" } else { "story" };
        write!(out, "  {} {}", s.total, if s.total == 1 { one } else { noun })?;
        if s.undated > 0 {
            write!(out, " (+{} undated)", s.undated)?;
        }
        out.reset()?;
        writeln!(out)?;
    }
    out.set_color(&dim)?;
    if let (Some(a), Some(b)) = (t.start, t.end) {
        writeln!(out, "per {}, {a} to {b}", t.interval)?;
    }
    out.reset()?;
    for (row, p) in t.periods.iter().enumerate() {
        write!(out, "{}  ", pad(&p.label, label_w))?;
        for (i, s) in t.series.iter().enumerate() {
            let count = s.counts.get(row).copied().unwrap_or(0);
            let mut c = ColorSpec::new();
            c.set_fg(Some(TERM[i % TERM.len()]));
            let b = bar(count, peak, bar_w);
            out.set_color(&c)?;
            write!(out, "{b}")?;
            out.reset()?;
            let used = UnicodeWidthStr::width(b.as_str());
            let gap = if i + 1 < t.series.len() { bar_w.saturating_sub(used) + 2 } else { 0 };
            if count == 0 {
                out.set_color(&dim)?;
            }
            write!(out, " {count:>digits$}")?;
            out.reset()?;
            write!(out, "{}", " ".repeat(gap))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn queries(t: &Trend) -> String {
    t.series.iter().map(|s| s.query.as_str()).collect::<Vec<_>>().join(", ")
}

/// One row per period: `period,start,end`, then a column per search.
pub fn csv(t: &Trend, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["period".to_owned(), "start".to_owned(), "end".to_owned()];
    header.extend(t.series.iter().map(|s| s.query.clone()));
    w.write_record(&header)?;
    for (row, p) in t.periods.iter().enumerate() {
        let mut r = vec![p.label.clone(), p.start.to_string(), p.end.to_string()];
        r.extend(t.series.iter().map(|s| s.counts.get(row).copied().unwrap_or(0).to_string()));
        w.write_record(&r)?;
    }
    w.flush()
}

pub fn json(t: &Trend, out: &mut dyn Write) -> io::Result<()> {
    let v = serde_json::to_string(t).map_err(io::Error::other)?;
    writeln!(out, "{v}")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The font stack of the SVG's text: Korean fonts first.
pub const FONTS: &str =
    "'Noto Sans CJK KR','Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic','NanumGothic','Nanum Gothic',sans-serif";

/// A self-contained SVG chart.
pub fn svg(t: &Trend, out: &mut dyn Write) -> io::Result<()> {
    let (w, h) = (800.0f64, 360.0f64);
    let (left, right, top, bottom) = (56.0f64, 16.0f64, 24.0 + 20.0 * t.series.len() as f64, 48.0f64);
    let plot_w = w - left - right;
    let plot_h = (h - top - bottom).max(40.0);
    let h = top + plot_h + bottom;
    let n = t.periods.len().max(1);
    let peak = t.peak().max(1) as f64;
    let step = plot_w / n as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    let y = |c: u64| top + plot_h - c as f64 / peak * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{}"><style>text{{font-family:{FONTS};font-size:12px;fill:#333}}.title{{font-size:14px;font-weight:bold}}</style><rect width="{w}" height="{h}" fill="#fff"/>"##,
        esc(&format!("{} per {}", queries(t), t.interval))
    );
    // Legend.
    for (i, series) in t.series.iter().enumerate() {
        let ly = 18.0 + 20.0 * i as f64;
        let _ = write!(
            s,
            r##"<rect x="{left}" y="{}" width="14" height="10" fill="{}"/><text class="title" x="{}" y="{ly}">{} <tspan style="font-weight:normal" fill="#666">{}건</tspan></text>"##,
            ly - 10.0,
            SVG[i % SVG.len()],
            left + 20.0,
            esc(&series.query),
            series.total
        );
    }
    // Axes and the peak.
    let base = top + plot_h;
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#999"/><line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="#999"/><text x="{}" y="{}" text-anchor="end">{}</text><text x="{}" y="{base}" text-anchor="end">0</text>"##,
        w - right,
        left - 6.0,
        top + 4.0,
        t.peak(),
        left - 6.0
    );
    // Period labels: at most about twelve.
    let every = n.div_ceil(12).max(1);
    for (i, p) in t.periods.iter().enumerate().filter(|(i, _)| i % every == 0) {
        let _ =
            write!(s, r##"<text x="{:.1}" y="{}" text-anchor="middle">{}</text>"##, x(i), base + 18.0, esc(&p.label));
    }
    if t.series.len() == 1 {
        let bw = (step * 0.7).max(1.0);
        for (i, c) in t.series[0].counts.iter().enumerate() {
            let _ = write!(
                s,
                r##"<rect x="{:.1}" y="{:.1}" width="{bw:.1}" height="{:.1}" fill="{}"><title>{} — {c}건</title></rect>"##,
                x(i) - bw / 2.0,
                y(*c),
                base - y(*c),
                SVG[0],
                esc(&t.periods.get(i).map(|p| p.label.clone()).unwrap_or_default())
            );
        }
    } else {
        for (k, series) in t.series.iter().enumerate() {
            let points: Vec<String> =
                series.counts.iter().enumerate().map(|(i, c)| format!("{:.1},{:.1}", x(i), y(*c))).collect();
            let _ = write!(
                s,
                r##"<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"><title>{}</title></polyline>"##,
                SVG[k % SVG.len()],
                points.join(" "),
                esc(&series.query)
            );
        }
    }
    s.push_str("</svg>\n");
    out.write_all(s.as_bytes())
}
