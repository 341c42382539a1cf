//! gisa — full-text search for Korean news archives.
//!
//! The crate is laid out as the pipeline it runs: [`dict`] provisions the mecab-ko-dic
//! dictionary, [`analysis`] turns Korean text into search terms, and [`commands`] holds one
//! file per subcommand of the thin `gisa` binary. [`time`] is the one place dates are made:
//! KST, and checked conversions of file times and timestamps.

pub mod analysis;
pub mod archive;
pub mod commands;
pub mod dict;
pub mod export;
pub mod flags;
pub mod index;
pub mod ingest;
pub mod output;
pub mod report;
pub mod search;
pub mod serve;
pub mod time;
pub mod words;
