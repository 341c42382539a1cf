//! Reading one file for the index: its bytes, their hash and — unless the content is the one
//! its record describes — the articles ingest extracts from it.
//!
//! [`read`] touches nothing but the file, so a run calls it on many files at once (the
//! command does, with rayon). The file's modification time is converted here, with checks
//! ([`crate::time::file_time`]): a time no date can hold is "unknown", and the returned
//! [`FileRead::note`] says so once, naming nothing but the reason (the caller knows the file).

use std::fs;

use super::plan::Task;
use super::state::FileRecord;
use crate::ingest::{self, ExtractError};
use crate::time;

/// What reading a file gave.
#[derive(Debug)]
pub enum Outcome {
    /// The same content as recorded (only the modification time moved).
    Unchanged,
    Extracted(ingest::Extracted),
    /// Not an article (empty, binary, too large): not retried until it changes.
    Skipped(String),
    /// Unreadable or without an article: not retried until it changes.
    Failed(String),
}

/// One file, read.
#[derive(Debug)]
pub struct FileRead {
    /// xxh3 of the content (0 when it was not read).
    pub hash: u64,
    /// Bytes read from the disk.
    pub bytes: u64,
    pub outcome: Outcome,
    /// Something to tell the user about a file that was read all the same (its
    /// modification time is out of range).
    pub note: Option<String>,
}

/// Reads and extracts one file. `previous` is its record, if any: a file whose content hash
/// matches it is [`Outcome::Unchanged`], unless the task asks for a fresh extraction.
pub fn read(task: &Task, max_size: u64, previous: Option<&FileRecord>, opts: &ingest::Options) -> FileRead {
    let f = task.file;
    let done = |hash, bytes, outcome| FileRead { hash, bytes, outcome, note: None };
    let too_big =
        |size: u64| format!("larger than the size limit ({} MB > {} MB)", size / 1_000_000, max_size / 1_000_000);
    if !ingest::may_fit_limit(f.format, f.size, max_size) {
        return done(0, 0, Outcome::Skipped(too_big(f.size)));
    }
    let bytes = match fs::read(&f.path) {
        Ok(b) => b,
        Err(e) => return done(0, 0, Outcome::Failed(format!("cannot read: {e}"))),
    };
    let n = bytes.len() as u64;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    // A saved page counts without its inlined images (SingleFile, MHTML).
    if n > max_size {
        let counted = ingest::size_for_limit(f.format, &bytes);
        if counted > max_size {
            return done(hash, n, Outcome::Skipped(too_big(counted)));
        }
    }
    if !task.reextract
        && let Some(p) = previous
        && p.hash == hash
        && p.size == n
    {
        return done(hash, n, Outcome::Unchanged);
    }
    let (modified, note) = match f.modified.map(time::file_time) {
        None => (None, None),
        Some(Ok(t)) => (Some(t), None),
        Some(Err(e)) => (None, Some(e.to_string())),
    };
    // Decoded for people (a CP949 name titles a file without a title in Korean).
    let name = ingest::filename::display_name(&f.path);
    let outcome = match ingest::extract_with(opts, f.format, &name, &bytes, modified) {
        Ok(x) if x.articles.is_empty() => Outcome::Failed(x.bad_lines.first().map_or_else(
            || "no article in it".to_owned(),
            |(line, why)| format!("line {line}: {why} (and {} more bad lines)", x.bad_lines.len() - 1),
        )),
        Ok(extracted) => Outcome::Extracted(extracted),
        Err(e @ (ExtractError::Empty | ExtractError::Binary)) => Outcome::Skipped(e.to_string()),
        Err(e) => Outcome::Failed(e.to_string()),
    };
    FileRead { hash, bytes: n, outcome, note }
}
