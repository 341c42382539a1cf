//! Any text as a user dictionary (`--user-dict FILE`): a dictionary or an error, never a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| gisa_fuzz::user_dict(data));
