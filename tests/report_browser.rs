//! The HTML digest in a real headless browser (Debian's chromium): the screenshot must show
//! the chart and the highlights, and Korean must render as glyphs, not tofu boxes.
//!
//! Needs `chromium` and a Korean font; `make test` installs them (scripts/ci-deps.sh).

mod common;

use common::browser::{assert_korean_glyphs, count_color, screenshot};
use common::{gisa, repo};

#[test]
fn the_digest_renders_its_chart_highlights_and_korean_text() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    gisa().arg("--index").arg(&index).args(["index", "--quiet"]).arg(repo().join("corpus")).assert().success();
    let report = dir.path().join("watch.toml");
    std::fs::write(
        &report,
        "title = \"아침 뉴스 브리핑\"\n[[search]]\nname = \"반도체\"\nquery = \"삼성전자 반도체\"\n",
    )
    .unwrap();
    let out = gisa().arg("--index").arg(&index).arg("report").arg(&report).args(["--format", "html"]).output().unwrap();
    assert!(out.status.success());
    let page = dir.path().join("digest.html");
    std::fs::write(&page, &out.stdout).unwrap();

    let (_, _, rgb) = screenshot(&page, 800, 1200);
    let bars = count_color(&rgb, [0x3b, 0x6f, 0xb6], 12);
    assert!(bars > 150, "the chart's bars are drawn ({bars} bar pixels)");
    let marks = count_color(&rgb, [0xff, 0xe4, 0x8a], 10);
    assert!(marks > 500, "highlights are drawn ({marks} highlight pixels)");

    // Korean glyphs, not tofu, in the digest's own font stack.
    let family = gisa::report::render::CSS.split("font-family:").nth(1).unwrap().split(';').next().unwrap();
    assert_korean_glyphs(family, ["뉴", "스", "브", "리", "핑", "삼", "성", "반"]);
}
