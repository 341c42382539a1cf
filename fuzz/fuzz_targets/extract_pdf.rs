//! Any bytes saved as a `.pdf` file (a page printed to PDF): extraction returns articles or
//! an error, never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gisa_fuzz::extract(gisa::ingest::Format::Pdf, "fuzz.pdf", data));
