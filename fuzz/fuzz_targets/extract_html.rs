//! Any bytes saved as a `.html` file: extraction returns articles or an error, never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gisa_fuzz::extract(gisa::ingest::Format::Html, "fuzz.html", data));
