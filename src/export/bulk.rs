//! Bulk NDJSON files of at most a given size: `{"index":{"_id":…}}` + document pairs and
//! `{"delete":{"_id":…}}` lines, never an action apart from its document.
//!
//! Files are numbered `00001.ndjson`, `00002.ndjson`, … in the folder given (the export's
//! staging folder, published as a whole when the export is done). A pair larger than the
//! limit gets a file of its own and a warning: a cluster refuses requests over
//! `http.max_content_length` (100 MB by default), and the limit (10 MB by default) keeps each
//! request well under it.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

/// One bulk file written.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct BulkFile {
    /// Path relative to the export folder (`bulk/00001.ndjson`).
    pub name: String,
    pub bytes: u64,
    /// `index` actions (each followed by its document).
    pub index: u64,
    /// `delete` actions.
    pub delete: u64,
}

struct Open {
    path: PathBuf,
    out: BufWriter<File>,
    file: BulkFile,
}

/// Writes bulk files into a folder.
pub struct BulkWriter {
    dir: PathBuf,
    /// Name prefix of the files relative to the export folder (`bulk/`).
    prefix: String,
    limit: u64,
    current: Option<Open>,
    files: Vec<BulkFile>,
    /// Documents over the limit (id, bytes).
    pub oversized: Vec<(String, u64)>,
}

/// The action line of an `index` or `delete` of `id`, newline included.
fn action(kind: &str, id: &str) -> Result<Vec<u8>> {
    let mut line = format!(r#"{{"{kind}":{{"_id":"#).into_bytes();
    serde_json::to_writer(&mut line, id)?;
    line.extend_from_slice(b"}}\n");
    Ok(line)
}

impl BulkWriter {
    /// Files go to `dir` and are named `prefix` + number in the summary.
    pub fn new(dir: &Path, prefix: &str, limit: u64) -> Result<BulkWriter> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(BulkWriter {
            dir: dir.to_path_buf(),
            prefix: prefix.to_owned(),
            limit: limit.max(1),
            current: None,
            files: Vec::new(),
            oversized: Vec::new(),
        })
    }

    fn close(&mut self) -> Result<()> {
        if let Some(mut open) = self.current.take() {
            open.out.flush().with_context(|| format!("cannot write {}", open.path.display()))?;
            let f = open.out.into_inner().map_err(|e| e.into_error())?;
            f.sync_all().with_context(|| format!("cannot write {}", open.path.display()))?;
            self.files.push(open.file);
        }
        Ok(())
    }

    fn open(&mut self) -> Result<&mut Open> {
        if self.current.is_none() {
            let n = self.files.len() + 1;
            let base = format!("{n:05}.ndjson");
            let path = self.dir.join(&base);
            let f = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let file = BulkFile { name: format!("{}{base}", self.prefix), bytes: 0, index: 0, delete: 0 };
            self.current = Some(Open { path, out: BufWriter::with_capacity(1 << 20, f), file });
        }
        // Just set above when it was empty.
        self.current.as_mut().ok_or_else(|| anyhow::anyhow!("no open bulk file"))
    }

    /// Writes `parts` (lines, newlines included) into one file, starting a new file when
    /// they do not fit in the current one.
    fn push(&mut self, parts: &[&[u8]], id: &str, is_index: bool) -> Result<()> {
        let len: u64 = parts.iter().map(|p| p.len() as u64).sum();
        let used = self.current.as_ref().map_or(0, |o| o.file.bytes);
        if used > 0 && used + len > self.limit {
            self.close()?;
        }
        let alone = len > self.limit;
        if alone {
            self.oversized.push((id.to_owned(), len));
        }
        let open = self.open()?;
        for p in parts {
            open.out.write_all(p).with_context(|| format!("cannot write {}", open.path.display()))?;
        }
        open.file.bytes += len;
        if is_index {
            open.file.index += 1;
        } else {
            open.file.delete += 1;
        }
        if alone {
            self.close()?;
        }
        Ok(())
    }

    /// An `index` action and its document (one JSON line, without its newline).
    pub fn index(&mut self, id: &str, document: &[u8]) -> Result<()> {
        self.push(&[&action("index", id)?, document, b"\n"], id, true)
    }

    /// A `delete` action.
    pub fn delete(&mut self, id: &str) -> Result<()> {
        self.push(&[&action("delete", id)?], id, false)
    }

    /// Closes the last file; returns every file written, in order.
    pub fn finish(mut self) -> Result<Vec<BulkFile>> {
        self.close()?;
        Ok(self.files)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_stay_together_under_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = BulkWriter::new(dir.path(), "bulk/", 120).unwrap();
        let doc = r#"{"id":"a","title":"삼성전자"}"#.as_bytes(); // 33 bytes
        for i in 0..5 {
            w.index(&format!("a{i}"), doc).unwrap();
        }
        w.delete("gone").unwrap();
        let big = format!(r#"{{"body":"{}"}}"#, "가".repeat(100));
        w.index("big", big.as_bytes()).unwrap();
        w.index("after", doc).unwrap();
        let oversized = w.oversized.clone();
        let files = w.finish().unwrap();
        assert_eq!(oversized.len(), 1);
        assert_eq!(oversized[0].0, "big");
        let mut total_index = 0;
        for f in &files {
            let text = std::fs::read_to_string(dir.path().join(f.name.trim_start_matches("bulk/"))).unwrap();
            assert_eq!(text.len() as u64, f.bytes);
            if f.index + f.delete > 1 {
                assert!(f.bytes <= 120, "{f:?}");
            }
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(lines.len() as u64, 2 * f.index + f.delete);
            total_index += f.index;
        }
        assert_eq!(total_index, 7);
        assert_eq!(files.iter().map(|f| f.delete).sum::<u64>(), 1);
        assert!(files.iter().any(|f| f.index == 1 && f.bytes > 120), "the big one alone");
        assert_eq!(files[0].name, "bulk/00001.ndjson");
    }
}
