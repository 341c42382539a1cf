//! Extraction on real saved pages of Korean news sites, scored by the shared kit's
//! `bench/score_pages.py` against its truth: at least 97% of fields right, and every page's
//! body clean (its first and last sentences in, none of the page's boilerplate).
//!
//! Needs the shared benchmark kit: set `GISA_SHARED` to the kit folder (`make test` does
//! when `../shared` exists). Without it the test says so and does nothing.

use std::path::PathBuf;
use std::process::Command;

#[test]
fn real_pages_score_97_percent_with_clean_bodies() {
    let Some(shared) = std::env::var_os("GISA_SHARED").filter(|v| !v.is_empty()).map(PathBuf::from) else {
        eprintln!("skipped: set GISA_SHARED to the shared benchmark kit to score extraction on its real pages");
        return;
    };
    let script = shared.join("bench/score_pages.py");
    let pages = shared.join("real-pages");
    assert!(script.is_file(), "GISA_SHARED={} has no bench/score_pages.py", shared.display());
    let out = Command::new("python3")
        .arg(&script)
        .arg(assert_cmd::cargo::cargo_bin("gisa"))
        .arg(&pages)
        .arg(pages.join("truth.json"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    // `fields: title 33/33, date 33/33, … | all 165/165 (100.0%)`
    let last = report.lines().last().unwrap_or_default();
    let all = last.rsplit("all ").next().and_then(|s| s.split(' ').next()).unwrap_or_default();
    let (ok, total) = all.split_once('/').unwrap_or_else(|| panic!("no totals in {last:?}"));
    let (ok, total): (f64, f64) = (ok.parse().unwrap(), total.parse().unwrap());
    assert!(total >= 150.0, "{last}");
    assert!(ok / total >= 0.97, "{:.1}% of fields, goal 97%:\n{report}", 100.0 * ok / total);
    let dirty: Vec<&str> = report.lines().filter(|l| l.contains("body:") || l.contains("NOTHING EXTRACTED")).collect();
    assert!(dirty.is_empty(), "bodies not clean:\n{}", dirty.join("\n"));
}
