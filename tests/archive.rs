//! Reading an archive: `gisa search --facets` and `gisa trend` on the fixture corpus (real
//! Korean articles from several presses, 2023–2025), in every output format; the SVG chart
//! in a real browser.

mod common;

use std::path::PathBuf;

use common::browser::{assert_korean_glyphs, count_color, screenshot};
use common::{gisa, repo};
use serde_json::Value;

struct Ix {
    dir: tempfile::TempDir,
    index: PathBuf,
}

fn fixture_index() -> Ix {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(repo().join("corpus")).assert().success();
    Ix { dir, index }
}

impl Ix {
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = gisa().arg("--index").arg(&self.index).args(args).env("COLUMNS", "100").output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    fn json(&self, args: &[&str]) -> Value {
        let (code, out, err) = self.run(args);
        assert!(code == 0 || code == 1, "{err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }
}

fn values(facet: &Value) -> Vec<(String, u64)> {
    facet["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["value"].as_str().unwrap().to_owned(), v["count"].as_u64().unwrap()))
        .collect()
}

#[test]
fn facets_count_every_match_not_only_the_shown_page() {
    let ix = fixture_index();
    // 반도체 matches six articles (삼성 반도체 in 매일경제, 반도체특별법 in 연합뉴스, …);
    // one hit is shown, all six are counted.
    let v = ix.json(&["search", "반도체", "-n", "1", "--facets", "press,month,category", "--format", "json"]);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    let total = v["total"].as_u64().unwrap();
    assert_eq!(total, 6);
    let f = &v["facets"];
    assert_eq!(f.as_object().unwrap().len(), 3, "{f}");
    let press = values(&f["press"]);
    assert!(press.contains(&("매일경제".to_owned(), 1)) && press.contains(&("연합뉴스".to_owned(), 1)), "{press:?}");
    for facet in ["press", "month", "category"] {
        let sum: u64 = values(&f[facet]).iter().map(|(_, n)| n).sum::<u64>()
            + f[facet]["other"].as_u64().unwrap()
            + f[facet]["missing"].as_u64().unwrap();
        assert_eq!(sum, total, "{facet}: values + other + missing = total");
    }
    // Months are chronological, in KST: the 매일경제 article of 2024-07-05 and the
    // etnews one of the same day make July's two.
    let months = values(&f["month"]);
    assert_eq!(
        months,
        [
            ("2023-04".into(), 1),
            ("2024-04".into(), 1),
            ("2024-06".into(), 1),
            ("2024-07".into(), 2),
            ("2025-02".into(), 1)
        ]
    );
    // 경제 is the largest category; one article has none.
    assert_eq!(values(&f["category"])[0], ("경제".to_owned(), 4));
    assert_eq!(f["category"]["missing"], 1);

    // The cap sums the rest: two presses kept, four more.
    let v = ix.json(&["search", "반도체", "--facets", "press", "--facet-limit", "2", "--format", "json"]);
    assert_eq!(values(&v["facets"]["press"]).len(), 2);
    assert_eq!(v["facets"]["press"]["other"], 4);
    assert_eq!(v["facets"]["press"]["other_values"], 4);

    // A filter narrows the counts like the hits: 매일경제 only.
    let v = ix.json(&["search", "반도체", "--press", "매일경제", "--facets", "press", "--format", "json"]);
    assert_eq!(values(&v["facets"]["press"]), [("매일경제".to_owned(), 1)]);
}

#[test]
fn facets_in_text_csv_and_json_lines() {
    let ix = fixture_index();
    let (code, out, _) = ix.run(&["search", "반도체", "-n", "1", "--facets", "category,press", "--color", "never"]);
    assert_eq!(code, 0);
    let table = out.split("hits for 반도체").nth(1).unwrap();
    assert!(table.contains("category (6 matching articles)"), "{out}");
    assert!(
        table.contains("경제") && table.contains("(no category)") && table.contains("press (6 matching articles)"),
        "{out}"
    );
    // Counted without hits too (-c).
    let (_, out, _) = ix.run(&["search", "폭염 OR 열대야", "-c", "--facets", "press", "--color", "never"]);
    assert!(out.starts_with("3\n") || out.starts_with("2\n"), "{out}");
    assert!(out.contains("press ("), "{out}");

    let (code, out, _) = ix.run(&["search", "반도체", "--facets", "month", "--format", "csv"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "facet,value,count,kind");
    assert!(lines.contains(&"month,2024-07,2,value"), "{out}");
    let (_, out, _) = ix.run(&["search", "반도체", "--facets", "category", "--format", "jsonl"]);
    let rows: Vec<Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rows.iter().any(|r| r["kind"] == "missing" && r["count"] == 1), "{out}");
    assert_eq!(rows.iter().map(|r| r["count"].as_u64().unwrap()).sum::<u64>(), 6);
}

#[test]
fn a_bad_facet_fails_before_the_index_is_read() {
    let ix = fixture_index();
    let (code, _, err) = ix.run(&["search", "반도체", "--facets", "press,pres"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown facet \"pres\""), "{err}");
    let (code, _, err) = ix.run(&["search", "반도체", "--facets", "press", "--format", "paths"]);
    assert_eq!(code, 2, "{err}");
    // Korean names of the facets are understood.
    let v = ix.json(&["search", "반도체", "--facets", "언론사,기자", "--format", "json"]);
    assert!(v["facets"]["reporter"]["values"].as_array().unwrap().iter().any(|r| r["value"] == "한서진"), "{v}");
}

#[test]
fn trends_count_every_period_with_zeros_and_queries_side_by_side() {
    let ix = fixture_index();
    let v = ix.json(&[
        "trend",
        "반도체",
        "폭염 OR 열대야",
        "--by",
        "month",
        "--since",
        "2024-03-01",
        "--until",
        "2024-09-30",
        "--format",
        "json",
    ]);
    let labels: Vec<&str> = v["periods"].as_array().unwrap().iter().map(|p| p["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"]);
    let counts = |i: usize| -> Vec<u64> {
        v["series"][i]["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect()
    };
    assert_eq!(counts(0), [0, 1, 0, 1, 2, 0, 0], "반도체 per month");
    assert_eq!(v["series"][0]["total"], 4);
    assert_eq!(v["series"][1]["query"], "폭염 OR 열대야");
    let heat = counts(1);
    assert_eq!(heat.iter().sum::<u64>(), v["series"][1]["total"].as_u64().unwrap());
    assert!(heat[4] + heat[5] >= 1, "the heat wave is in July/August: {heat:?}");

    // CSV: a row per ISO week, zeros included, a column per query.
    let (code, out, _) = ix.run(&[
        "trend",
        "반도체",
        "--by",
        "week",
        "--since",
        "2024-06-10",
        "--until",
        "2024-07-07",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "period,start,end,반도체\n2024-W24,2024-06-10,2024-06-16,0\n2024-W25,2024-06-17,2024-06-23,1\n2024-W26,2024-06-24,2024-06-30,0\n2024-W27,2024-07-01,2024-07-07,2\n"
    );

    // Text: one row per period, every period shown, a bar where something matched.
    let (_, out, _) = ix.run(&["trend", "반도체", "삼성전자", "--by", "year", "--color", "never"]);
    assert!(out.contains("■ 반도체  6 articles") && out.contains("■ 삼성전자"), "{out}");
    let rows: Vec<&str> = out.lines().filter(|l| l.starts_with("20")).collect();
    assert_eq!(rows.len(), 3, "2023, 2024, 2025: {out}");
    assert!(rows[1].starts_with("2024  █"), "{out}");
    // The range chooses the interval: 678 days of matches are counted by week, a few
    // months by day.
    let v = ix.json(&["trend", "반도체", "--format", "json"]);
    assert_eq!(v["interval"], "week");
    let v = ix.json(&["trend", "반도체", "--since", "2024-06-01", "--until", "2024-07-31", "--format", "json"]);
    assert_eq!(v["interval"], "day");
    assert_eq!(v["periods"].as_array().unwrap().len(), 61);
}

#[test]
fn a_trend_with_nothing_exits_1_and_bad_input_exits_2() {
    let ix = fixture_index();
    let (code, out, _) = ix.run(&["trend", "존재하지않는낱말", "--by", "day", "--color", "never"]);
    assert_eq!(code, 1);
    assert!(out.contains("no matching articles"), "{out}");
    let (code, _, err) = ix.run(&["trend", "반도체", "--by", "fortnight"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = ix.run(&["trend", "반도체", "--since", "2000-01-01", "--until", "2030-12-31", "--by", "day"]);
    assert_eq!(code, 2);
    assert!(err.contains("a trend has at most 7305 periods") && err.contains("count by week"), "{err}");
}

#[test]
fn the_svg_trend_renders_with_korean_labels() {
    let ix = fixture_index();
    let (code, svg, _) = ix.run(&["trend", "반도체", "--by", "month", "--format", "svg"]);
    assert_eq!(code, 0);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("반도체"), "{svg}");
    assert!(!svg.contains("href"), "self-contained: nothing external");
    let page = ix.dir.path().join("trend.svg");
    std::fs::write(&page, &svg).unwrap();
    let (_, _, rgb) = screenshot(&page, 800, 400);
    let bars = count_color(&rgb, [0x3b, 0x6f, 0xb6], 12);
    assert!(bars > 300, "the bars are drawn ({bars} pixels)");
    let family = svg.split("font-family:").nth(1).unwrap().split(';').next().unwrap();
    assert_korean_glyphs(family, ["반", "도", "체", "폭", "염", "삼", "성", "건"]);

    // Several queries: one line each, in its own colour.
    let (_, svg, _) = ix.run(&["trend", "반도체", "폭염", "--by", "month", "--format", "svg"]);
    assert_eq!(svg.matches("<polyline").count(), 2);
    std::fs::write(&page, &svg).unwrap();
    let (_, _, rgb) = screenshot(&page, 800, 400);
    assert!(count_color(&rgb, [0xd1, 0x49, 0x5b], 20) > 50, "the second series is drawn");
}
