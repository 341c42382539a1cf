//! Writing an index: open or create it under gisa's lock, add and delete articles, and commit
//! them together with the file records that describe them.
//!
//! [`Writer::open`] checks that the folder is a gisa index of the same source, built by the
//! same analyzer (or refuses, naming `--full`), and for a `--full` rebuild writes into a
//! staging folder beside the index that [`Writer::finish`] swaps in with two renames, so
//! searches keep working on the old index meanwhile. Every commit writes the file records
//! ([`State`]) first and names them in the commit's payload: a crash or a full disk at any
//! moment leaves the last commit and its records intact, and the next run goes on from there.

use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use tantivy::{Index, IndexSettings, Term};

use super::document::ArticleDocument;
use super::reanalyze::{self, Affected};
use super::schema::{self, Fields, Origin};
use super::state::{FileRecord, FileStatus, Lexicon, State};
use super::{DictionaryIdentity, IndexMeta, META_FILE, incompatibility, register_writing_analyzer};
use crate::analysis::{Analyzer, AnalyzerOptions};
use crate::dict::KoDict;
use crate::ingest::Article;

/// Name of gisa's writer lock inside an index folder.
pub const LOCK_FILE: &str = ".gisa-index.lock";

/// How to open an index for writing.
#[derive(Debug, Clone)]
pub struct WriterOptions {
    /// The folder whose articles the index holds (as given; it is made absolute).
    pub source: PathBuf,
    pub index_dir: PathBuf,
    /// Rebuild from scratch (into a staging folder, swapped in by [`Writer::finish`]).
    pub full: bool,
    /// Analyzer options given on the command line (`None`: the index's, or the defaults).
    pub analyzer: Option<AnalyzerOptions>,
    pub threads: usize,
    pub memory_bytes: usize,
    /// [`Writer::commit_if_due`] commits when this much time passed since the last commit.
    pub commit_interval: Duration,
}

/// Holds gisa's writer lock on an index folder for the life of the value.
///
/// It is an advisory lock on `.gisa-index.lock` (`flock`), which the kernel releases when the
/// process ends in any way, `kill -9` included: the file left behind does not block the next
/// run. (tantivy's own `.tantivy-writer.lock` works the same way.)
pub struct IndexLock {
    _file: fs::File,
}

impl IndexLock {
    pub fn acquire(dir: &Path) -> Result<IndexLock> {
        let path = dir.join(LOCK_FILE);
        let file = match fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path) {
            Ok(f) => f,
            Err(e) if matches!(e.kind(), ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied) => bail!(
                "cannot write to the index at {}: the folder is read-only ({e}); searching it still works",
                dir.display()
            ),
            Err(e) => return Err(e).with_context(|| format!("cannot create {}", path.display())),
        };
        match file.try_lock() {
            Ok(()) => Ok(IndexLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) => bail!(
                "another `gisa index` is writing to {} (it holds {}); wait for it to finish",
                dir.display(),
                LOCK_FILE
            ),
            Err(fs::TryLockError::Error(e)) => Err(e).with_context(|| format!("cannot lock {}", path.display())),
        }
    }
}

/// An index open for writing.
pub struct Writer {
    /// The index folder as the user named it.
    dir: PathBuf,
    /// Where this run writes: `dir`, or the staging folder of a rebuild.
    work_dir: PathBuf,
    staging: PathBuf,
    /// `dir` made absolute, to keep the index out of the walk of its own source.
    dir_abs: PathBuf,
    source: PathBuf,
    rebuild: bool,
    /// Created by this run (new or rebuilt): nothing in it yet.
    fresh: bool,
    index: Index,
    fields: Fields,
    writer: tantivy::IndexWriter<ArticleDocument>,
    state: State,
    /// The user dictionary changed since the last commit: what to re-analyze with.
    lexicon_change: Option<LexiconChange>,
    /// `gisa.json` to write after the last commit (the user dictionary changed).
    meta: Option<IndexMeta>,
    /// Something changed since the last commit.
    dirty: bool,
    commits: u64,
    last_commit: Instant,
    commit_interval: Duration,
    _lock: IndexLock,
}

/// A change of the user dictionary since the last commit.
pub struct LexiconChange {
    /// The surfaces whose entries differ.
    pub affected: Affected,
    /// Whether the analyzer normalizes (NFKC) the text it segments.
    pub normalize: bool,
    /// This run's analysis, recorded with the commit that holds the re-analysis.
    pub new: Lexicon,
}

/// Analyzer options as compared between runs: the user dictionary may change (its articles
/// are re-analyzed), nothing else may.
fn without_user_dictionary(options: &AnalyzerOptions) -> AnalyzerOptions {
    AnalyzerOptions { user_dictionary: None, ..options.clone() }
}

/// Sibling folders used while a `--full` rebuild swaps an index.
fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "index".into());
    dir.with_file_name(format!(".{name}.gisa-{suffix}"))
}

/// Finishes a swap that a crash interrupted between its two renames.
pub fn recover_interrupted_swap(dir: &Path) {
    let old = sibling(dir, "old");
    if !dir.exists() && old.join(META_FILE).is_file() {
        let _ = fs::rename(&old, dir);
    } else if old.exists() && dir.join(META_FILE).is_file() {
        let _ = fs::remove_dir_all(&old);
    }
}

/// One line for a failed write: what failed, the index, and — when the disk is full — that
/// the last commit is intact and what to do.
pub(crate) fn write_error(dir: &Path, what: &str, detail: &str) -> anyhow::Error {
    let full = detail.contains("No space left on device") || detail.contains("os error 28") || out_of_space(dir);
    if full {
        anyhow!(
            "{what} the index at {}: the disk is full (No space left on device); the last commit is intact: free some space and run `gisa index` again",
            dir.display()
        )
    } else {
        anyhow!("{what} the index at {}: {detail}", dir.display())
    }
}

/// Whether the filesystem of `dir` (or of its nearest existing folder) has less than a
/// mebibyte left: a write that failed there failed for space. tantivy's indexing threads
/// report such a failure as "An index writer was killed", without the error under it.
fn out_of_space(dir: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        let Some(existing) = dir.ancestors().find(|p| p.exists()) else { return false };
        rustix::fs::statvfs(existing).is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) < 1 << 20)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        false
    }
}

/// Creates an empty index in `dir` (the caller registers the analyzer it writes with).
fn create_index(dir: &Path, meta: &IndexMeta) -> Result<Index> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create the index folder {}", dir.display()))?;
    let (schema, _) = schema::build();
    let index = Index::builder()
        .schema(schema)
        .settings(IndexSettings::default())
        .create_in_dir(dir)
        .map_err(|e| write_error(dir, "cannot create", &e.to_string()))?;
    meta.write(dir).map_err(|e| write_error(dir, "cannot create", &format!("{e:#}")))?;
    Ok(index)
}

/// Rebuilds file records from the documents of the index (when the record file is gone).
fn state_from_index(index: &Index) -> Result<State> {
    let mut state = State::default();
    let reader = index.reader()?;
    let searcher = reader.searcher();
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let Some(path) = ff.str("path")? else { continue };
        let size = ff.u64("file_size")?;
        let hash = ff.u64("file_hash")?;
        let paths = super::strings_by_ord(&path)?;
        for doc in seg.doc_ids_alive() {
            let p = path.term_ords(doc).next().and_then(|o| paths.get(o as usize)).cloned().unwrap_or_default();
            let rec = state.files.entry(p).or_insert(FileRecord {
                size: size.first(doc).unwrap_or(0),
                mtime_ns: 0,
                hash: hash.first(doc).unwrap_or(0),
                status: FileStatus::Indexed { articles: 0, duplicates: 0 },
                duplicate_of: Vec::new(),
            });
            if let FileStatus::Indexed { articles, .. } = &mut rec.status {
                *articles += 1;
            }
        }
    }
    Ok(state)
}

impl Writer {
    /// Opens (or creates) the index for writing, holding gisa's lock until the writer is
    /// dropped. Refuses an index of another folder, schema or analyzer unless `full`.
    pub fn open(opts: &WriterOptions, dict: std::sync::Arc<KoDict>) -> Result<Writer> {
        let source =
            fs::canonicalize(&opts.source).with_context(|| format!("cannot read {}", opts.source.display()))?;
        if !source.is_dir() {
            bail!("{} is not a folder", opts.source.display());
        }
        let dir = opts.index_dir.clone();
        recover_interrupted_swap(&dir);
        let existing = dir.join(META_FILE).is_file();
        if !existing && dir.is_dir() && fs::read_dir(&dir)?.next().is_some() {
            bail!("{} exists and is not a gisa index; choose another --index folder", dir.display());
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let lock = IndexLock::acquire(&dir)?;
        let rebuild_hint = || format!("run `gisa index --full {}` to rebuild it", opts.source.display());

        // Which analyzer, and whether the index must be rebuilt. A damaged gisa.json is no
        // obstacle to a rebuild, which replaces it.
        let old_meta = match existing.then(|| IndexMeta::read(&dir)) {
            None => None,
            Some(Ok(m)) => Some(m),
            Some(Err(_)) if opts.full => None,
            Some(Err(e)) => return Err(anyhow!("{e:#}; {}", rebuild_hint())),
        };
        let options = match (&opts.analyzer, &old_meta) {
            // An index made before joined runs or piece marks is updated without them (a new
            // user dictionary needs no rebuild); `--full` adds them.
            (Some(o), Some(m)) if !opts.full => m.update_options(o.clone()),
            (Some(o), _) => o.clone(),
            (None, Some(m)) if opts.full => m.rebuild_options(),
            (None, Some(m)) => m.analyzer.clone(),
            (None, None) => AnalyzerOptions::default(),
        };
        let analyzer = Analyzer::new(dict.clone(), options.clone())?;
        let refuse = |why: &str| {
            anyhow!("cannot update the index at {}: {why}; {} (or use another --index)", dir.display(), rebuild_hint())
        };
        if let Some(m) = &old_meta {
            // Everything but the user dictionary must be as built; a user dictionary that
            // changed is re-analyzed where it matters, once the file records are read.
            let why = if m.schema_version != schema::SCHEMA_VERSION {
                Some(format!("it was made by another gisa version (schema {})", m.schema_version))
            } else if m.source != source {
                Some(format!("it holds the articles of {}", m.source.display()))
            } else if without_user_dictionary(&m.analyzer) != without_user_dictionary(&options) {
                Some("it was built with other analyzer options".to_owned())
            } else if m.dictionary.fingerprint != analyzer.dict().manifest.fingerprint {
                incompatibility(m, &analyzer)
            } else {
                None
            };
            if let Some(why) = why
                && !opts.full
            {
                return Err(refuse(&why));
            }
        }
        // A rebuild replaces an index that exists; a new index is simply created in place.
        let rebuild = opts.full && existing;
        let meta = IndexMeta {
            schema_version: schema::SCHEMA_VERSION,
            gisa_version: env!("CARGO_PKG_VERSION").to_owned(),
            source: source.clone(),
            analyzer: options.clone(),
            analyzer_fingerprint: analyzer.fingerprint().to_owned(),
            dictionary: DictionaryIdentity {
                name: analyzer.dict().manifest.name.clone(),
                version: analyzer.dict().manifest.version.clone(),
                fingerprint: analyzer.dict().manifest.fingerprint.clone(),
            },
            created: old_meta
                .as_ref()
                .filter(|_| !rebuild)
                .map(|m| m.created.clone())
                .unwrap_or_else(|| crate::time::now().to_rfc3339()),
            unrecorded: match &old_meta {
                Some(m) if !opts.full => m.still_unrecorded(&options),
                _ => Vec::new(),
            },
        };

        let staging = sibling(&dir, "building");
        let work_dir = if rebuild {
            if staging.exists() {
                fs::remove_dir_all(&staging).with_context(|| format!("cannot clear {}", staging.display()))?;
            }
            staging.clone()
        } else {
            dir.clone()
        };
        let fresh = rebuild || !existing;
        let index = if fresh {
            create_index(&work_dir, &meta)?
        } else {
            Index::open_in_dir(&work_dir)
                .map_err(|e| anyhow!("cannot open the index at {}: {e}; {}", dir.display(), rebuild_hint()))?
        };
        let fields = schema::fields_of(&index.schema()).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
        // The terms tantivy indexes make the offsets tables, when the index keeps them.
        register_writing_analyzer(&index, &analyzer, fields.offsets.is_some());
        let threads = opts.threads.max(1);
        let writer = index.writer_with_num_threads(threads, opts.memory_bytes.max(threads * 16_000_000)).map_err(
            |e| match e {
                tantivy::TantivyError::LockFailure(..) => {
                    anyhow!("another process is writing to the index at {}; wait for it to finish", dir.display())
                }
                e => write_error(&dir, "cannot write to", &e.to_string()),
            },
        )?;
        let mut state = if fresh {
            State::default()
        } else {
            let payload = index.load_metas()?.payload;
            match State::load(&work_dir, payload.as_deref()) {
                Some(s) => s,
                None => state_from_index(&index)
                    .map_err(|e| anyhow!("cannot read the index at {}: {e}; {}", dir.display(), rebuild_hint()))?,
            }
        };
        let current = Lexicon {
            analyzer_fingerprint: analyzer.fingerprint().to_owned(),
            user_dictionary: analyzer.user_dictionary().map(|u| u.text.clone()),
        };
        // What the committed documents were analyzed with, against this run's analyzer.
        let mut lexicon_change = None;
        let mut meta_stale = false;
        // An index from before gisa kept its lexicon gets it with this run's commit.
        let lexicon_missing = !fresh && state.lexicon.is_none();
        match old_meta.as_ref().filter(|_| !fresh) {
            None => state.lexicon = Some(current),
            Some(m) => {
                let committed = state.lexicon.clone().or_else(|| {
                    // An index from before gisa kept its lexicon: without a user dictionary
                    // there is nothing to keep.
                    m.analyzer.user_dictionary.is_none().then(|| Lexicon {
                        analyzer_fingerprint: m.analyzer_fingerprint.clone(),
                        user_dictionary: None,
                    })
                });
                let committed_fingerprint =
                    committed.as_ref().map_or(&m.analyzer_fingerprint, |l| &l.analyzer_fingerprint);
                // A run cut short while re-analyzing committed documents of its own lexicon
                // (`pending`): those must be re-analyzed too, whatever the lexicon is now.
                let interrupted: Vec<Lexicon> = state
                    .pending
                    .iter()
                    .filter(|p| p.analyzer_fingerprint != current.analyzer_fingerprint)
                    .cloned()
                    .collect();
                if *committed_fingerprint == current.analyzer_fingerprint && interrupted.is_empty() {
                    // The same analysis (a run cut short after its last commit may have left
                    // gisa.json behind: it is brought up to date).
                    meta_stale = m.analyzer_fingerprint != current.analyzer_fingerprint || m.analyzer != options;
                    state.lexicon = Some(current);
                    state.pending.clear();
                } else {
                    let Some(committed) = committed else {
                        return Err(refuse(
                            "its user dictionary has changed, and it was built before gisa kept a copy of it to tell which articles the change touches",
                        ));
                    };
                    // The analyzer each lexicon stands for, checked against its fingerprint: a
                    // mismatch is not the user dictionary alone but another analyzer.
                    let rebuilt = |l: &Lexicon| {
                        Analyzer::with_user_text(dict.clone(), options.clone(), l.user_dictionary.as_deref())
                            .ok()
                            .filter(|a| a.fingerprint() == l.analyzer_fingerprint)
                            .ok_or_else(|| {
                                refuse(&format!(
                                    "it was built by an analyzer with fingerprint {}, this gisa's is {}",
                                    l.analyzer_fingerprint, current.analyzer_fingerprint
                                ))
                            })
                    };
                    let old = rebuilt(&committed)?;
                    let mut affected = reanalyze::affected(old.user_dictionary(), analyzer.user_dictionary());
                    for p in &interrupted {
                        let cut_short = rebuilt(p)?;
                        affected.include(reanalyze::affected(cut_short.user_dictionary(), analyzer.user_dictionary()));
                    }
                    // Until the run's last commit, its commits hold documents of either lexicon.
                    if !state.pending.iter().any(|p| p.analyzer_fingerprint == current.analyzer_fingerprint) {
                        state.pending.push(current.clone());
                    }
                    lexicon_change = Some(LexiconChange { affected, normalize: options.normalize, new: current });
                    meta_stale = true;
                }
            }
        }
        let dir_abs = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
        Ok(Writer {
            dir,
            work_dir,
            staging,
            dir_abs,
            source,
            rebuild,
            fresh,
            index,
            fields,
            writer,
            state,
            lexicon_change,
            meta: meta_stale.then_some(meta),
            dirty: fresh || lexicon_missing,
            commits: 0,
            last_commit: Instant::now(),
            commit_interval: opts.commit_interval,
            _lock: lock,
        })
    }

    /// The index folder as named by the user.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where this run writes: the index folder, or the staging folder of a rebuild.
    pub fn work_dir(&self) -> &Path {
        &self.work_dir
    }

    /// The indexed folder (absolute).
    pub fn source(&self) -> &Path {
        &self.source
    }

    /// Whether this run rebuilds an existing index (`--full`).
    pub fn rebuilding(&self) -> bool {
        self.rebuild
    }

    /// Whether the index was created by this run and holds nothing from before.
    pub fn is_fresh(&self) -> bool {
        self.fresh
    }

    /// The tantivy index being written (for reading what the last commit holds).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Whether `path` lies in the index's own folders (an index kept inside its source).
    pub fn is_own(&self, path: &Path) -> bool {
        path.starts_with(&self.dir_abs) || path.starts_with(&self.staging)
    }

    /// Whether the index's folders lie inside `folder` or around it: only then can a walk of
    /// `folder` meet them ([`Writer::is_own`]).
    pub fn overlaps(&self, folder: &Path) -> bool {
        [&self.dir_abs, &self.staging].iter().any(|d| d.starts_with(folder) || folder.starts_with(d))
    }

    /// The file records as they will be committed.
    pub fn records(&self) -> &State {
        &self.state
    }

    /// One file's record.
    pub fn record(&self, path: &str) -> Option<&FileRecord> {
        self.state.files.get(path)
    }

    /// Sets a file's record.
    pub fn set_record(&mut self, path: String, record: FileRecord) {
        self.state.files.insert(path, record);
        self.dirty = true;
    }

    /// Changes a file's record in place.
    pub fn update_record(&mut self, path: &str, f: impl FnOnce(&mut FileRecord)) {
        if let Some(r) = self.state.files.get_mut(path) {
            f(r);
            self.dirty = true;
        }
    }

    /// Forgets a file, deleting its articles from the index; returns its record.
    pub fn remove_file(&mut self, path: &str) -> Option<FileRecord> {
        let rec = self.state.files.remove(path)?;
        if let FileStatus::Indexed { .. } = rec.status {
            self.delete_articles(path);
        }
        self.dirty = true;
        Some(rec)
    }

    /// Deletes every article of a file from the index (its record stays as it is).
    pub fn delete_articles(&mut self, path: &str) {
        self.writer.delete_term(Term::from_field_text(self.fields.path, path));
        self.dirty = true;
    }

    /// The change of the user dictionary this run re-analyzes for, if any.
    pub fn lexicon_change(&self) -> Option<&LexiconChange> {
        self.lexicon_change.as_ref()
    }

    /// The field handles of the index.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Replaces the document with this id by `doc` (the same article analyzed anew).
    pub fn replace(&mut self, id: &str, doc: ArticleDocument) -> Result<()> {
        self.writer.delete_term(Term::from_field_text(self.fields.id, id));
        self.writer.add_document(doc).map_err(|e| write_error(&self.dir, "cannot write to", &e.to_string()))?;
        self.dirty = true;
        Ok(())
    }

    /// Merges every segment that holds deleted documents, so that the index's statistics
    /// (document frequencies, field lengths) are those of its live documents alone, as after
    /// a rebuild: re-analyzed documents then score exactly as `--full` would score them.
    pub fn purge_deleted(&mut self) -> Result<()> {
        let reader =
            self.index.reader().map_err(|e| anyhow!("cannot read the index at {}: {e}", self.dir.display()))?;
        let with_deletes: Vec<tantivy::index::SegmentId> = reader
            .searcher()
            .segment_readers()
            .iter()
            .filter(|s| s.num_deleted_docs() > 0)
            .map(|s| s.segment_id())
            .collect();
        if with_deletes.is_empty() {
            return Ok(());
        }
        // (A single segment is rewritten alone, without its deleted documents.)
        self.writer
            .merge(&with_deletes)
            .wait()
            .map_err(|e| write_error(&self.dir, "cannot merge the segments of", &e.to_string()))?;
        Ok(())
    }

    /// Adds one article.
    pub fn add(&mut self, article: &Article, origin: &Origin) -> Result<()> {
        self.writer
            .add_document(schema::to_document(&self.fields, article, origin))
            .map_err(|e| write_error(&self.dir, "cannot write to", &e.to_string()))?;
        self.dirty = true;
        Ok(())
    }

    /// Commits everything added and deleted so far, with the file records that describe it.
    pub fn commit(&mut self) -> Result<()> {
        self.commits += 1;
        let seq = self.commits;
        let attempt = (|| -> Result<()> {
            let payload = self.state.save(&self.work_dir, seq)?;
            let mut prepared = self.writer.prepare_commit()?;
            prepared.set_payload(&payload);
            prepared.commit()?;
            State::remove_others(&self.work_dir, &payload);
            Ok(())
        })();
        attempt.map_err(|e| write_error(&self.dir, "cannot commit", &format!("{e:#}")))?;
        self.dirty = false;
        self.last_commit = Instant::now();
        Ok(())
    }

    /// Commits if something changed and the commit interval has passed; returns whether it did.
    pub fn commit_if_due(&mut self) -> Result<bool> {
        if self.dirty && self.last_commit.elapsed() >= self.commit_interval {
            self.commit()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// The last commit, waiting for merges; a rebuild is swapped in. Returns the number of
    /// articles the index holds.
    pub fn finish(mut self) -> Result<u64> {
        // The new lexicon goes in with the last commit, which holds the whole re-analysis
        // (commits before it keep the old one, with the new one pending: a run cut short is
        // re-analyzed again by the next).
        if let Some(change) = self.lexicon_change.take() {
            self.state.lexicon = Some(change.new);
            self.state.pending.clear();
            self.dirty = true;
        }
        if self.dirty {
            self.commit()?;
        }
        let dir = self.dir.clone();
        if let Some(meta) = self.meta.take() {
            meta.write(&self.work_dir).map_err(|e| write_error(&dir, "cannot update", &format!("{e:#}")))?;
        }
        self.writer
            .wait_merging_threads()
            .map_err(|e| write_error(&dir, "cannot merge the segments of", &e.to_string()))?;
        let reader = self.index.reader().map_err(|e| anyhow!("cannot read the index at {}: {e}", dir.display()))?;
        let articles = reader.searcher().num_docs();
        if self.rebuild {
            swap_in(&self.staging, &dir)?;
        }
        Ok(articles)
    }
}

/// Replaces the index folder by the rebuilt one, with renames only.
fn swap_in(staging: &Path, dir: &Path) -> Result<()> {
    let old = sibling(dir, "old");
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    fs::rename(dir, &old).with_context(|| format!("cannot move {} aside", dir.display()))?;
    if let Err(e) = fs::rename(staging, dir) {
        let _ = fs::rename(&old, dir);
        return Err(e).with_context(|| format!("cannot move the rebuilt index to {}", dir.display()));
    }
    let _ = fs::remove_dir_all(&old);
    Ok(())
}
