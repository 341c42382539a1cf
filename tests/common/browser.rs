//! A real headless browser (Debian's chromium) for the tests of what gisa draws: HTML digests
//! and SVG charts must render, and Korean must come out as glyphs, not tofu boxes.
//!
//! Needs `chromium` and a Korean font; `make test` installs them (scripts/ci-deps.sh).

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn chromium() -> PathBuf {
    for c in [std::env::var("CHROMIUM").unwrap_or_default().as_str(), "/usr/bin/chromium", "/usr/bin/chromium-browser"]
    {
        if !c.is_empty() && Path::new(c).is_file() {
            return PathBuf::from(c);
        }
    }
    panic!(
        "this test needs Debian's chromium and a Korean font: apt-get install chromium fonts-nanum (`make test` does)"
    );
}

/// Screenshots `page` and decodes it: (width, height, RGB bytes).
pub fn screenshot(page: &Path, width: u32, height: u32) -> (usize, usize, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("shot.png");
    let status = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--window-size={width},{height}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success() && png.is_file(), "chromium could not take a screenshot");
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let rgb: Vec<u8> = buf[..info.buffer_size()].chunks(channels).flat_map(|p| [p[0], p[1], p[2]]).collect();
    (info.width as usize, info.height as usize, rgb)
}

pub fn count_color(rgb: &[u8], target: [u8; 3], tolerance: i32) -> usize {
    rgb.chunks(3).filter(|p| (0..3).all(|i| (p[i] as i32 - target[i] as i32).abs() <= tolerance)).count()
}

/// Asserts that `syllables` (eight) come out as eight different glyphs in the CSS font stack
/// `font_family`: tofu would draw eight identical boxes (or nothing).
pub fn assert_korean_glyphs(font_family: &str, syllables: [&str; 8]) {
    let dir = tempfile::tempdir().unwrap();
    let cells: String = syllables.iter().map(|s| format!("<div>{s}</div>")).collect();
    let probe = dir.path().join("probe.html");
    std::fs::write(
        &probe,
        format!(
            "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><style>body{{margin:0;padding:0;font-family:{font_family}}}.g{{display:grid;grid-template-columns:repeat(8,80px)}}.g div{{height:80px;font-size:56px;line-height:80px;text-align:center;color:#000}}</style></head><body><div class=\"g\">{cells}</div></body></html>"
        ),
    )
    .unwrap();
    let (w, _, rgb) = screenshot(&probe, 640, 200);
    let mut shapes = Vec::new();
    for (cell, syllable) in syllables.iter().enumerate() {
        let mut bits = Vec::with_capacity(80 * 80);
        for y in 0..80 {
            for x in cell * 80..cell * 80 + 80 {
                let p = &rgb[(y * w + x) * 3..(y * w + x) * 3 + 3];
                bits.push(p.iter().map(|&c| c as u32).sum::<u32>() < 384);
            }
        }
        let ink = bits.iter().filter(|&&b| b).count();
        assert!(ink > 150, "syllable {syllable} left no ink ({ink} pixels)");
        shapes.push(bits);
    }
    shapes.sort();
    shapes.dedup();
    assert_eq!(shapes.len(), 8, "eight different syllables must give eight different glyphs, not tofu boxes");
}
