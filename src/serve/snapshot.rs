//! The opened index a server answers from, re-opened when `gisa index` commits.
//!
//! A [`Snapshot`] is one consistent view: the index with its analyzer, a reader on one
//! commit and the story groups written with it. [`Archive::current`] hands out the latest
//! one; at most every [`CHECK_EVERY`] it compares the modification times and sizes of
//! tantivy's `meta.json`, gisa's `gisa.json` and the story groups with those the snapshot
//! was opened with. A new commit reloads the reader and the story groups; a changed
//! `gisa.json` (a `--full` rebuild, another analyzer) re-opens the whole index. Requests in
//! flight keep the snapshot they started with. When the new state cannot be opened (a
//! rebuild half done), the old snapshot keeps serving and the error is said once on stderr.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Result;
use tantivy::IndexReader;

use crate::dict::KoDict;
use crate::index::stories::{GROUPS, STORIES_DIR, StoryIndex};
use crate::index::{GisaIndex, META_FILE};

/// How often the index folder is looked at for a new commit.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// What the files of an index folder looked like: (modified, length) of each.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    tantivy: Option<(SystemTime, u64)>,
    gisa: Option<(SystemTime, u64)>,
    stories: Option<(SystemTime, u64)>,
}

fn file_stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl Stamp {
    fn of(dir: &Path) -> Stamp {
        Stamp {
            tantivy: file_stamp(&dir.join("meta.json")),
            gisa: file_stamp(&dir.join(META_FILE)),
            stories: file_stamp(&dir.join(STORIES_DIR).join(GROUPS)),
        }
    }
}

/// One consistent view of the index.
pub struct Snapshot {
    pub ix: Arc<GisaIndex>,
    pub reader: IndexReader,
    pub stories: StoryIndex,
    /// `gisa stats` of this commit, counted on the first ask (a pass over every document's
    /// fast fields: a quarter of a second for 100,000 articles, for each page load otherwise).
    pub stats: OnceLock<serde_json::Value>,
    stamp: Stamp,
}

impl Snapshot {
    fn open(dir: &Path, dict: Arc<KoDict>) -> Result<Snapshot> {
        let stamp = Stamp::of(dir);
        let ix = GisaIndex::open(dir, dict)?;
        let reader = ix.reader()?;
        let stories = StoryIndex::open(dir)?;
        Ok(Snapshot { ix: Arc::new(ix), reader, stories, stats: OnceLock::new(), stamp })
    }

    /// The same index on its latest commit: the reader reloaded, the story groups read again.
    fn reloaded(&self, dir: &Path, dict: Arc<KoDict>, stamp: Stamp) -> Result<Snapshot> {
        if stamp.gisa != self.stamp.gisa {
            return Snapshot::open(dir, dict);
        }
        // Searchers already handed out keep their commit; new ones see the new one.
        self.reader.reload()?;
        Ok(Snapshot {
            ix: Arc::clone(&self.ix),
            reader: self.reader.clone(),
            stories: StoryIndex::open(dir)?,
            stats: OnceLock::new(),
            stamp,
        })
    }
}

/// The index folder a server serves, and its latest snapshot.
pub struct Archive {
    dir: PathBuf,
    dict: Arc<KoDict>,
    current: RwLock<Arc<Snapshot>>,
    checked: Mutex<(Instant, Option<String>)>,
}

impl Archive {
    /// Opens the index (an error names the folder, as `gisa search` would).
    pub fn open(dir: PathBuf, dict: Arc<KoDict>) -> Result<Archive> {
        let snap = Snapshot::open(&dir, Arc::clone(&dict))?;
        Ok(Archive { dir, dict, current: RwLock::new(Arc::new(snap)), checked: Mutex::new((Instant::now(), None)) })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The latest snapshot, re-opened first if the index has changed since the last look
    /// (blocking: call it from the blocking pool).
    pub fn current(&self) -> Arc<Snapshot> {
        let snap = self.current.read().map(|s| Arc::clone(&s)).unwrap_or_else(|e| Arc::clone(&e.into_inner()));
        let Ok(mut checked) = self.checked.try_lock() else {
            // Another request is looking at the folder right now.
            return snap;
        };
        if checked.0.elapsed() < CHECK_EVERY {
            return snap;
        }
        checked.0 = Instant::now();
        let stamp = Stamp::of(&self.dir);
        if stamp == snap.stamp {
            return snap;
        }
        match snap.reloaded(&self.dir, Arc::clone(&self.dict), stamp) {
            Ok(new) => {
                let new = Arc::new(new);
                if let Ok(mut slot) = self.current.write() {
                    *slot = Arc::clone(&new);
                }
                checked.1 = None;
                new
            }
            Err(e) => {
                let msg = crate::commands::one_line(&e);
                if checked.1.as_deref() != Some(msg.as_str()) {
                    eprintln!("gisa: serve: still serving the previous state of {}: {msg}", self.dir.display());
                    checked.1 = Some(msg);
                }
                snap
            }
        }
    }
}
