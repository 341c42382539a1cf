//! Any bytes saved as a `.mhtml` file (a browser's single-file archive): extraction returns
//! articles or an error, never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gisa_fuzz::extract(gisa::ingest::Format::Mhtml, "fuzz.mhtml", data));
