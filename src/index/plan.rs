//! Planning a run: which records to delete, which files to read, and — round after round —
//! which files to read again because the article they duplicated went away.
//!
//! The plan compares the walk of the folder with the file records of the last commit:
//!
//! - a record whose file is gone is removed ([`Plan::removed`]), with its articles;
//! - a file that is new, or whose size or modification time differs from its record, is read
//!   (and re-extracted only if its content hash changed too);
//! - every other file is not even opened.
//!
//! The *dependents* rule: a file all or some of whose articles were duplicates of another
//! file's (its record's `duplicate_of`) is read again, and extracted afresh, when that other
//! file was dropped — gone, or re-read so that its old articles were deleted — so that its
//! own copy takes the place of the one that went. Each round's reading can drop more files,
//! so [`Plan::next_round`] is asked again until it has nothing left. Everything here is pure:
//! the caller says which paths are dropped.

use std::cell::OnceCell;
use std::collections::HashMap;

use super::state::State;
use crate::ingest::walk::FoundFile;
use crate::time;

/// One file to read.
#[derive(Debug, Clone, Copy)]
pub struct Task<'w> {
    pub file: &'w FoundFile,
    /// Extract it even if its content is unchanged: it is read because an article it
    /// duplicated went away.
    pub reextract: bool,
}

/// The plan of a run over one walk.
#[derive(Debug)]
pub struct Plan<'w> {
    files: &'w [FoundFile],
    /// Walk position of every path, made when a round first needs it (a run where no
    /// duplicated file went away never does).
    by_path: OnceCell<HashMap<&'w str, u32>>,
    /// By walk position: already handed out in a round.
    queued: Vec<bool>,
    /// The first round (new and changed files), until it is handed out.
    first: Option<Vec<u32>>,
    /// Records whose file is gone, in path order.
    pub removed: Vec<String>,
    /// Files neither read so far nor to be read: their record stands.
    pub unchanged: usize,
}

impl<'w> Plan<'w> {
    /// Plans a run over `files` (the walk) against `records` (the last commit's).
    pub fn new(files: &'w [FoundFile], records: &State) -> Plan<'w> {
        let mut known = 0;
        let first: Vec<u32> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| match records.files.get(&f.rel) {
                Some(r) => {
                    known += 1;
                    r.size != f.size || r.mtime_ns != time::file_time_ns(f.modified)
                }
                None => true,
            })
            .map(|(i, _)| i as u32)
            .collect();
        // The walk's paths are distinct: when each record was found, none is gone.
        let removed: Vec<String> = if known == records.files.len() {
            Vec::new()
        } else {
            let walked: std::collections::HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
            records.files.keys().filter(|k| !walked.contains(k.as_str())).cloned().collect()
        };
        let mut queued = vec![false; files.len()];
        for &i in &first {
            queued[i as usize] = true;
        }
        let unchanged = files.len() - first.len();
        Plan { files, by_path: OnceCell::new(), queued, first: Some(first), removed, unchanged }
    }

    /// Whether the run changes anything: records to remove or files to read.
    pub fn has_work(&self) -> bool {
        !self.removed.is_empty() || self.first.as_ref().is_some_and(|f| !f.is_empty())
    }

    /// The next files to read, in path order: the new and changed files first, with every
    /// file (not read yet) whose record names a dropped file in `duplicate_of`; `None` when
    /// there is nothing left to read. `records` are the file records as they stand now.
    pub fn next_round(&mut self, records: &State, dropped: impl Fn(&str) -> bool) -> Option<Vec<Task<'w>>> {
        let mut tasks: Vec<Task<'w>> = self
            .first
            .take()
            .unwrap_or_default()
            .into_iter()
            .map(|i| Task { file: &self.files[i as usize], reextract: false })
            .collect();
        for (path, rec) in &records.files {
            if rec.duplicate_of.is_empty() || !rec.duplicate_of.iter().any(|d| dropped(d)) {
                continue;
            }
            let files = self.files;
            let by_path = self
                .by_path
                .get_or_init(|| files.iter().enumerate().map(|(i, f)| (f.rel.as_str(), i as u32)).collect());
            let Some(&i) = by_path.get(path.as_str()) else { continue };
            if !std::mem::replace(&mut self.queued[i as usize], true) {
                self.unchanged = self.unchanged.saturating_sub(1);
                tasks.push(Task { file: &self.files[i as usize], reextract: true });
            }
        }
        if tasks.is_empty() {
            return None;
        }
        tasks.sort_by(|a, b| a.file.rel.cmp(&b.file.rel));
        Some(tasks)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::path::PathBuf;
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::index::state::{FileRecord, FileStatus};
    use crate::ingest::Format;

    fn file(rel: &str, size: u64, secs: u64) -> FoundFile {
        FoundFile {
            path: PathBuf::from("/news").join(rel),
            rel: rel.to_owned(),
            format: Format::Txt,
            size,
            modified: Some(UNIX_EPOCH + Duration::from_secs(secs)),
        }
    }

    fn record(size: u64, secs: i64, status: FileStatus, duplicate_of: &[&str]) -> FileRecord {
        FileRecord {
            size,
            mtime_ns: secs * 1_000_000_000,
            hash: 7,
            status,
            duplicate_of: duplicate_of.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn indexed() -> FileStatus {
        FileStatus::Indexed { articles: 1, duplicates: 0 }
    }

    fn paths(tasks: &[Task]) -> Vec<(String, bool)> {
        tasks.iter().map(|t| (t.file.rel.clone(), t.reextract)).collect()
    }

    #[test]
    fn new_changed_gone_and_unchanged_files() {
        let walk = vec![
            file("daum/kukinews.txt", 100, 1000), // unchanged
            file("naver/etnews.txt", 120, 1000),  // size changed
            file("naver/hankyung.txt", 90, 2000), // time changed
            file("press/new.txt", 50, 3000),      // new
        ];
        let mut state = State::default();
        state.files.insert("daum/kukinews.txt".into(), record(100, 1000, indexed(), &[]));
        state.files.insert("naver/etnews.txt".into(), record(110, 1000, indexed(), &[]));
        state.files.insert("naver/hankyung.txt".into(), record(90, 1000, indexed(), &[]));
        state.files.insert("old/gone.txt".into(), record(10, 1, FileStatus::Skipped { reason: "x".into() }, &[]));
        let mut plan = Plan::new(&walk, &state);
        assert!(plan.has_work());
        assert_eq!(plan.removed, vec!["old/gone.txt".to_owned()]);
        assert_eq!(plan.unchanged, 1);
        let round = plan.next_round(&state, |_| false).unwrap();
        assert_eq!(
            paths(&round),
            vec![
                ("naver/etnews.txt".into(), false),
                ("naver/hankyung.txt".into(), false),
                ("press/new.txt".into(), false)
            ]
        );
        assert!(plan.next_round(&state, |_| false).is_none(), "nothing is read twice");
        assert_eq!(plan.unchanged, 1);
        // The same folder against records that match it: nothing to do.
        let mut state = State::default();
        for f in &walk {
            state.files.insert(f.rel.clone(), record(f.size, 1000, indexed(), &[]));
        }
        state.files.get_mut("naver/hankyung.txt").unwrap().mtime_ns = 2000 * 1_000_000_000;
        state.files.get_mut("press/new.txt").unwrap().mtime_ns = 3000 * 1_000_000_000;
        let mut plan = Plan::new(&walk, &state);
        assert!(!plan.has_work());
        assert!(plan.next_round(&state, |_| false).is_none());
    }

    #[test]
    fn a_first_run_reads_everything_in_path_order() {
        let walk = vec![file("b.txt", 1, 1), file("a/c.txt", 1, 1), file("a-b.txt", 1, 1)];
        let mut plan = Plan::new(&walk, &State::default());
        assert!(plan.removed.is_empty());
        assert_eq!(plan.unchanged, 0);
        let round = plan.next_round(&State::default(), |_| false).unwrap();
        let order: Vec<_> = paths(&round).into_iter().map(|(p, _)| p).collect();
        assert_eq!(order, ["a-b.txt", "a/c.txt", "b.txt"]);
    }

    #[test]
    fn dependents_of_a_dropped_file_are_read_again_round_after_round() {
        // copy.txt duplicated original.txt, copy2.txt duplicated copy.txt (after an earlier
        // run), other.txt duplicated nothing.
        let walk = vec![file("copy.txt", 5, 5), file("copy2.txt", 5, 5), file("other.txt", 5, 5)];
        let mut state = State::default();
        state.files.insert("original.txt".into(), record(5, 5, indexed(), &[]));
        state.files.insert("copy.txt".into(), record(5, 5, FileStatus::Duplicate, &["original.txt"]));
        state.files.insert("copy2.txt".into(), record(5, 5, FileStatus::Duplicate, &["copy.txt"]));
        state.files.insert("other.txt".into(), record(5, 5, indexed(), &[]));
        let mut plan = Plan::new(&walk, &state);
        assert_eq!(plan.removed, ["original.txt"]);
        assert_eq!(plan.unchanged, 3);
        // The caller removed original.txt: it is dropped.
        state.files.remove("original.txt");
        let mut dropped: HashSet<String> = HashSet::from(["original.txt".to_owned()]);
        let round = plan.next_round(&state, |p| dropped.contains(p)).unwrap();
        assert_eq!(paths(&round), [("copy.txt".to_owned(), true)], "extracted afresh, not found unchanged");
        assert_eq!(plan.unchanged, 2);
        // Reading copy.txt deleted its record's articles: it is dropped in turn.
        dropped.insert("copy.txt".to_owned());
        let round = plan.next_round(&state, |p| dropped.contains(p)).unwrap();
        assert_eq!(paths(&round), [("copy2.txt".to_owned(), true)]);
        assert!(plan.next_round(&state, |p| dropped.contains(p)).is_none());
        assert_eq!(plan.unchanged, 1, "other.txt alone was never read");
    }

    #[test]
    fn a_changed_file_that_is_also_a_dependent_is_read_once() {
        let walk = vec![file("copy.txt", 6, 5)];
        let mut state = State::default();
        state.files.insert("copy.txt".into(), record(5, 5, FileStatus::Duplicate, &["gone.txt"]));
        state.files.insert("gone.txt".into(), record(5, 5, indexed(), &[]));
        let mut plan = Plan::new(&walk, &state);
        state.files.remove("gone.txt");
        let round = plan.next_round(&state, |p| p == "gone.txt").unwrap();
        assert_eq!(paths(&round), [("copy.txt".to_owned(), false)]);
        assert!(plan.next_round(&state, |p| p == "gone.txt" || p == "copy.txt").is_none());
    }

    #[test]
    fn a_dependent_whose_file_is_gone_is_not_read() {
        let walk = vec![file("other.txt", 5, 5)];
        let mut state = State::default();
        state.files.insert("other.txt".into(), record(5, 5, indexed(), &[]));
        state.files.insert("copy.txt".into(), record(5, 5, FileStatus::Duplicate, &["x.txt"]));
        let mut plan = Plan::new(&walk, &state);
        assert_eq!(plan.removed, ["copy.txt"]);
        assert!(plan.next_round(&state, |_| true).is_none());
    }
}
