//! Any bytes saved as a `.txt` file: extraction returns articles or an error, never panics.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gisa_fuzz::extract(gisa::ingest::Format::Txt, "fuzz.txt", data));
