//! Fuzz target: report files. Any text either loads — every saved search valid, its lines
//! inside the file — or is one error line that starts with the line it is about.

#![no_main]

use gisa::report::ReportFile;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.matches('\n').count() + 1;
    match ReportFile::parse(text) {
        Ok(file) => {
            assert!(!file.searches.is_empty());
            for s in &file.searches {
                for line in [s.lines.name, s.lines.query] {
                    assert!((1..=lines).contains(&line), "{s:?}");
                }
            }
        }
        Err(e) => {
            let message = e.to_string();
            assert!(!message.contains('\n'), "{message}");
            let line: usize = message
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("no line in {message:?}"));
            assert!((1..=lines).contains(&line), "{message} ({lines} lines)");
        }
    }
});
