//! Any text through the Korean date parser, with any file time for year inference.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gisa_fuzz::date(data));
