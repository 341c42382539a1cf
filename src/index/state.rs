//! What the index knows about every file it has seen, for incremental runs.
//!
//! Each file under the indexed folder has a record: size, modification time, content hash
//! and what became of it (indexed, a duplicate of another file, skipped or failed, and why).
//! A re-run compares the folder with these records and reads only files whose size or
//! modification time changed (and of those re-indexes only the ones whose content hash
//! changed). The records are written to a new file in `gisa-state/` before every commit and
//! the commit's payload names that file, so records and index always describe the same
//! commit: a crash leaves at worst an orphan file, never records that disagree with the
//! index. Without a readable record file the state is rebuilt from the index itself. The
//! record file also holds the commit's [`Lexicon`].

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Folder inside the index that holds the record files.
pub const STATE_DIR: &str = "gisa-state";

/// What became of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileStatus {
    /// Its articles are in the index (`duplicates` more were the same as articles of
    /// other files).
    Indexed { articles: u32, duplicates: u32 },
    /// Every article in it was already indexed from another file.
    Duplicate,
    /// Not an article (empty, binary, too large); not retried until it changes.
    Skipped { reason: String },
    /// Could not be read or parsed; not retried until it changes.
    Failed { reason: String },
}

/// The record of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
    /// xxh3 of the content.
    pub hash: u64,
    #[serde(flatten)]
    pub status: FileStatus,
    /// Files whose articles this one duplicated: if one of them goes away or changes, this
    /// file is read again so that its articles get indexed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicate_of: Vec<String>,
}

/// Records of every file, by path relative to the indexed folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub files: BTreeMap<String, FileRecord>,
    /// The analysis the committed documents were made with (absent in indexes from before
    /// gisa kept it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<Lexicon>,
    /// Lexicons of runs that re-analyzed for a changed user dictionary and had not made
    /// their last commit: documents of the commit may have been analyzed with them too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Lexicon>,
}

/// The analysis of a commit: the analyzer's fingerprint and a copy of its user dictionary,
/// so that the next run can tell what a change of the user dictionary touches (see
/// [`super::reanalyze`]). It is saved with the commit it describes, never ahead of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    pub analyzer_fingerprint: String,
    /// The user dictionary's text (`None`: the index has no user dictionary).
    pub user_dictionary: Option<String>,
}

/// The commit payload: which record file belongs to the commit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub state: String,
}

impl State {
    /// Reads the record file named by a commit payload; `None` if it is missing or damaged.
    pub fn load(index_dir: &Path, payload: Option<&str>) -> Option<State> {
        let payload: Payload = serde_json::from_str(payload?).ok()?;
        if payload.state.contains('/') || payload.state.contains("..") {
            return None;
        }
        let bytes = fs::read(index_dir.join(STATE_DIR).join(&payload.state)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Writes the records to a new file (fsynced) and returns the payload naming it.
    pub fn save(&self, index_dir: &Path, seq: u64) -> Result<String> {
        let dir = index_dir.join(STATE_DIR);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let name = format!("state-{}-{seq}.json", std::process::id());
        let path = dir.join(&name);
        let mut file = fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        let mut w = std::io::BufWriter::new(&mut file);
        serde_json::to_writer(&mut w, self)?;
        w.flush()?;
        drop(w);
        file.sync_all()?;
        Ok(serde_json::to_string(&Payload { state: name })?)
    }

    /// Deletes record files other than the one named by `payload`.
    pub fn remove_others(index_dir: &Path, payload: &str) {
        let keep = serde_json::from_str::<Payload>(payload).map(|p| p.state).unwrap_or_default();
        let Ok(entries) = fs::read_dir(index_dir.join(STATE_DIR)) else { return };
        for e in entries.flatten() {
            if e.file_name().to_string_lossy() != keep {
                let _ = fs::remove_file(e.path());
            }
        }
    }

    /// Counts of files by status: (indexed, duplicate, skipped, failed).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in self.files.values() {
            match r.status {
                FileStatus::Indexed { .. } => c.0 += 1,
                FileStatus::Duplicate => c.1 += 1,
                FileStatus::Skipped { .. } => c.2 += 1,
                FileStatus::Failed { .. } => c.3 += 1,
            }
        }
        c
    }
}

/// The path of the state folder of an index.
pub fn state_dir(index_dir: &Path) -> PathBuf {
    index_dir.join(STATE_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_load_and_cleanup() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = State::default();
        s.files.insert(
            "2024/06/a.txt".into(),
            FileRecord {
                size: 10,
                mtime_ns: 5,
                hash: 7,
                status: FileStatus::Indexed { articles: 1, duplicates: 0 },
                duplicate_of: vec![],
            },
        );
        s.files.insert(
            "b.txt".into(),
            FileRecord {
                size: 0,
                mtime_ns: 1,
                hash: 0,
                status: FileStatus::Skipped { reason: "empty file".into() },
                duplicate_of: vec![],
            },
        );
        let p1 = s.save(dir.path(), 1).unwrap();
        let p2 = s.save(dir.path(), 2).unwrap();
        assert_eq!(State::load(dir.path(), Some(&p1)), Some(s.clone()));
        State::remove_others(dir.path(), &p2);
        assert_eq!(State::load(dir.path(), Some(&p1)), None, "older record files are removed");
        assert_eq!(State::load(dir.path(), Some(&p2)), Some(s));
        assert_eq!(State::load(dir.path(), Some("{\"state\":\"../../etc/passwd\"}")), None);
        assert_eq!(State::load(dir.path(), None), None);
    }
}
