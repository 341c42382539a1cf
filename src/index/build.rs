//! `gisa index DIR`: walk, read, extract, deduplicate and index — incrementally, in parallel,
//! and so that a crash at any moment leaves the last commit intact.
//!
//! The run compares the folder with the file records of the last commit ([`super::state`]):
//! files that are gone have their articles deleted, new files and files whose size or
//! modification time changed are read (on all cores, with rayon) and, if their content hash
//! changed, re-extracted; everything else is not even opened. Extracted articles are fed, in
//! path order, to tantivy's writer, whose own worker threads run the Korean analyzer. An
//! article whose URL or title+body is already indexed is recorded as a duplicate instead.
//! The run commits every `commit_interval` and at the end; each commit carries the file
//! records that describe it. `--full` rebuilds into a staging folder beside the index and
//! swaps it in at the end, so searches keep working on the old index meanwhile.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use rayon::prelude::*;
use serde::Serialize;
use tantivy::{Index, IndexSettings, IndexWriter, TantivyDocument, Term};

use super::schema::{self, Origin};
use super::state::{FileRecord, FileStatus, State, mtime_ns};
use super::{DictionaryIdentity, IndexMeta, META_FILE, incompatibility, register_analyzer};
use crate::analysis::{Analyzer, AnalyzerOptions};
use crate::commands::extract::modified_kst;
use crate::ingest::walk::{self, FoundFile};
use crate::ingest::{self, ExtractError, Format};

/// Name of gisa's writer lock inside an index folder.
pub const LOCK_FILE: &str = ".gisa-index.lock";
/// Files read per batch: big enough to keep every core busy, small enough to commit often.
const BATCH: usize = 256;

/// Options of one run.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub source: PathBuf,
    pub index_dir: PathBuf,
    pub full: bool,
    pub exclude: Vec<String>,
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    pub threads: usize,
    pub memory_bytes: usize,
    pub commit_interval: Duration,
    /// Analyzer options given on the command line (`None`: the index's, or the defaults).
    pub analyzer: Option<AnalyzerOptions>,
    pub progress: bool,
    /// How files are read (press table, JSON field mapping).
    pub ingest: ingest::Options,
}

/// A file that did not go in, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

/// What a run did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub index: String,
    pub source: String,
    pub full: bool,
    pub files_seen: usize,
    pub files_added: usize,
    pub files_updated: usize,
    pub files_removed: usize,
    pub files_unchanged: usize,
    pub articles_added: usize,
    pub articles_removed: usize,
    pub duplicates: usize,
    pub skipped: Vec<Problem>,
    pub failed: Vec<Problem>,
    pub articles_in_index: u64,
    pub bytes_read: u64,
    pub elapsed_ms: u64,
}

/// What reading one file gave.
enum FileOutcome {
    /// Same content as recorded (only the modification time moved).
    Unchanged {
        hash: u64,
    },
    Extracted {
        hash: u64,
        extracted: ingest::Extracted,
    },
    Skipped {
        hash: u64,
        reason: String,
    },
    Failed {
        hash: u64,
        reason: String,
    },
}

fn read_and_extract(
    f: &FoundFile,
    max: u64,
    previous: Option<&FileRecord>,
    opts: &ingest::Options,
) -> (FileOutcome, u64) {
    let too_big = |size: u64| format!("larger than the size limit ({} MB > {} MB)", size / 1_000_000, max / 1_000_000);
    if !ingest::may_fit_limit(f.format, f.size, max) {
        return (FileOutcome::Skipped { hash: 0, reason: too_big(f.size) }, 0);
    }
    let bytes = match fs::read(&f.path) {
        Ok(b) => b,
        Err(e) => return (FileOutcome::Failed { hash: 0, reason: format!("cannot read: {e}") }, 0),
    };
    let n = bytes.len() as u64;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    // A saved page counts without its inlined images (SingleFile, MHTML).
    if n > max {
        let counted = ingest::size_for_limit(f.format, &bytes);
        if counted > max {
            return (FileOutcome::Skipped { hash, reason: too_big(counted) }, n);
        }
    }
    if let Some(p) = previous
        && p.hash == hash
        && p.size == n
    {
        return (FileOutcome::Unchanged { hash }, n);
    }
    let name = f.path.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let outcome = match ingest::extract_with(opts, f.format, &name, &bytes, modified_kst(f.modified)) {
        Ok(x) if x.articles.is_empty() => {
            let reason = x.bad_lines.first().map_or_else(
                || "no article in it".to_owned(),
                |(line, why)| format!("line {line}: {why} (and {} more bad lines)", x.bad_lines.len() - 1),
            );
            FileOutcome::Failed { hash, reason }
        }
        Ok(extracted) => FileOutcome::Extracted { hash, extracted },
        Err(e @ (ExtractError::Empty | ExtractError::Binary)) => FileOutcome::Skipped { hash, reason: e.to_string() },
        Err(e) => FileOutcome::Failed { hash, reason: e.to_string() },
    };
    (outcome, n)
}

/// The file an indexed article came from, and whether it was added by this run (older
/// articles of a file that this run deleted no longer count).
#[derive(Debug, Clone)]
struct Holder {
    path: String,
    fresh: bool,
    /// The record's own id (a JSON `id`), when it had one.
    own_id: Option<String>,
}

/// Whether an indexed id is a record's own rather than derived from the path.
fn explicit_id(id: &str, path: &str) -> bool {
    id != path && !id.strip_prefix(path).is_some_and(|rest| rest.starts_with(':'))
}

/// Where an article with a given key already lives.
#[derive(Default)]
struct Seen {
    content: HashMap<u64, Holder>,
    url: HashMap<String, Holder>,
    id: HashMap<String, Holder>,
}

impl Seen {
    /// Reads the keys of every live document, skipping those of `dropped` files.
    fn load(index: &Index) -> Result<Seen> {
        let mut seen = Seen::default();
        let reader = index.reader()?;
        let searcher = reader.searcher();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let path = ff.str("path")?.ok_or_else(|| anyhow!("index without a path column"))?;
            let url = ff.str("url")?;
            let id = ff.str("id")?;
            let content = ff.u64("content_key")?;
            let paths = super::strings_by_ord(&path)?;
            let ids = id.as_ref().map(super::strings_by_ord).transpose()?.unwrap_or_default();
            let urls = url.as_ref().map(super::strings_by_ord).transpose()?.unwrap_or_default();
            let first = |col: &Option<tantivy::columnar::StrColumn>, table: &[String], doc| {
                col.as_ref().and_then(|c| c.term_ords(doc).next()).and_then(|o| table.get(o as usize)).cloned()
            };
            for doc in seg.doc_ids_alive() {
                let p = path.term_ords(doc).next().and_then(|o| paths.get(o as usize)).cloned().unwrap_or_default();
                let s = first(&id, &ids, doc).unwrap_or_default();
                let own_id = explicit_id(&s, &p).then(|| s.clone());
                let holder = Holder { path: p, fresh: false, own_id };
                if !s.is_empty() {
                    seen.id.insert(s, holder.clone());
                }
                if let Some(k) = content.first(doc) {
                    seen.content.insert(k, holder.clone());
                }
                if let Some(u) = first(&url, &urls, doc).and_then(|u| schema::normalize_url(&u)) {
                    seen.url.insert(u, holder);
                }
            }
        }
        Ok(seen)
    }
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

/// Holds gisa's writer lock on an index folder for the life of the value.
pub struct IndexLock {
    _file: fs::File,
}

impl IndexLock {
    pub fn acquire(dir: &Path) -> Result<IndexLock> {
        let path = dir.join(LOCK_FILE);
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create {}", path.display()))?;
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

fn create_index(dir: &Path, meta: &IndexMeta, analyzer: &Analyzer) -> Result<Index> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create the index folder {}", dir.display()))?;
    let (schema, _) = schema::build();
    let index = Index::builder()
        .schema(schema)
        .settings(IndexSettings::default())
        .create_in_dir(dir)
        .map_err(|e| anyhow!("cannot create an index in {}: {e}", dir.display()))?;
    register_analyzer(&index, analyzer);
    meta.write(dir)?;
    Ok(index)
}

/// Runs `gisa index`.
pub fn run(opts: &BuildOptions, dict: std::sync::Arc<crate::dict::KoDict>) -> Result<Summary> {
    let started = Instant::now();
    let source = fs::canonicalize(&opts.source).with_context(|| format!("cannot read {}", opts.source.display()))?;
    if !source.is_dir() {
        bail!("{} is not a folder", opts.source.display());
    }
    let exclude = walk::excludes(&opts.exclude)?;
    let dir = opts.index_dir.clone();
    recover_interrupted_swap(&dir);
    let existing = dir.join(META_FILE).is_file();
    if !existing && dir.is_dir() && fs::read_dir(&dir)?.next().is_some() {
        bail!("{} exists and is not a gisa index; choose another --index folder", dir.display());
    }
    fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let _lock = IndexLock::acquire(&dir)?;

    // Which analyzer, and whether the index must be rebuilt.
    let old_meta = if existing { Some(IndexMeta::read(&dir)?) } else { None };
    let options = match (&opts.analyzer, &old_meta) {
        (Some(o), _) => o.clone(),
        (None, Some(m)) => m.analyzer.clone(),
        (None, None) => AnalyzerOptions::default(),
    };
    let analyzer = Analyzer::new(dict, options.clone())?;
    let mut rebuild = opts.full;
    if let Some(m) = &old_meta {
        let why = if m.schema_version != schema::SCHEMA_VERSION {
            Some(format!("it was made by another gisa version (schema {})", m.schema_version))
        } else if m.source != source {
            Some(format!("it holds the articles of {}", m.source.display()))
        } else if m.analyzer != options {
            Some("it was built with other analyzer options".to_owned())
        } else {
            incompatibility(m, &analyzer)
        };
        if let Some(why) = why
            && !opts.full
        {
            bail!(
                "cannot update the index at {}: {why}; run `gisa index --full {}` to rebuild it (or use another --index)",
                dir.display(),
                opts.source.display()
            );
        }
    } else {
        // Nothing to rebuild: this run creates the index.
        rebuild = false;
    }
    let meta = IndexMeta {
        schema_version: schema::SCHEMA_VERSION,
        gisa_version: env!("CARGO_PKG_VERSION").to_owned(),
        source: source.clone(),
        analyzer: options,
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
            .unwrap_or_else(|| chrono::Utc::now().with_timezone(&schema::kst()).to_rfc3339()),
    };

    // Where this run writes: the index itself, or a staging folder for a rebuild.
    let staging = sibling(&dir, "building");
    let work_dir = if rebuild {
        if staging.exists() {
            fs::remove_dir_all(&staging).with_context(|| format!("cannot clear {}", staging.display()))?;
        }
        staging.clone()
    } else {
        dir.clone()
    };
    let index = if rebuild || !existing {
        create_index(&work_dir, &meta, &analyzer)?
    } else {
        let index =
            Index::open_in_dir(&work_dir).map_err(|e| anyhow!("cannot open the index at {}: {e}", dir.display()))?;
        register_analyzer(&index, &analyzer);
        index
    };
    let fields = schema::fields_of(&index.schema()).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    let threads = opts.threads.max(1);
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(threads, opts.memory_bytes.max(threads * 16_000_000)).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow!("another process is writing to the index at {}; wait for it to finish", dir.display())
            }
            e => anyhow!("cannot write to the index at {}: {e}", dir.display()),
        })?;

    let mut state = if rebuild || !existing {
        State::default()
    } else {
        let payload = index.load_metas()?.payload;
        match State::load(&work_dir, payload.as_deref()) {
            Some(s) => s,
            None => state_from_index(&index)?,
        }
    };
    let mut seen = if rebuild || !existing { Seen::default() } else { Seen::load(&index)? };

    // The walk, minus the index folder itself when it lives inside the indexed folder.
    let mut found = walk::walk(&source, &exclude)?;
    let index_abs = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    found.files.retain(|f| !f.path.starts_with(&index_abs) && !f.path.starts_with(&staging));
    let mut summary = Summary {
        index: dir.display().to_string(),
        source: source.display().to_string(),
        full: rebuild,
        files_seen: found.files.len(),
        ..Default::default()
    };
    for p in &found.problems {
        summary.failed.push(Problem { path: p.path.clone(), reason: p.reason.clone() });
    }

    // Files that are gone.
    let present: HashSet<&str> = found.files.iter().map(|f| f.rel.as_str()).collect();
    let removed: Vec<String> = state.files.keys().filter(|k| !present.contains(k.as_str())).cloned().collect();
    let mut dropped: HashSet<String> = HashSet::new();
    for path in &removed {
        if let Some(rec) = state.files.remove(path) {
            if let FileStatus::Indexed { articles, .. } = rec.status {
                writer.delete_term(Term::from_field_text(fields.path, path));
                summary.articles_removed += articles as usize;
            }
            dropped.insert(path.clone());
            summary.files_removed += 1;
        }
    }

    // Files to read: new ones, and those whose size or modification time changed.
    let by_rel: HashMap<&str, &FoundFile> = found.files.iter().map(|f| (f.rel.as_str(), f)).collect();
    let mut queue: Vec<&FoundFile> = found
        .files
        .iter()
        .filter(|f| match state.files.get(&f.rel) {
            Some(r) => r.size != f.size || r.mtime_ns != mtime_ns(f.modified),
            None => true,
        })
        .collect();
    summary.files_unchanged = found.files.len() - queue.len();
    let mut state_changed = !removed.is_empty() || rebuild || !existing;
    let mut queued: HashSet<String> = queue.iter().map(|f| f.rel.clone()).collect();

    let progress = if opts.progress && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = indicatif::ProgressBar::new(queue.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {msg} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    let mut last_commit = Instant::now();
    let mut commits = 0u64;
    let max = opts.max_file_size;

    loop {
        // Files that duplicated an article of a file that is gone or changed are read again,
        // so that their articles take its place.
        let dependents: Vec<&FoundFile> = state
            .files
            .iter()
            .filter(|(path, rec)| !queued.contains(*path) && rec.duplicate_of.iter().any(|d| dropped.contains(d)))
            .filter_map(|(path, _)| by_rel.get(path.as_str()).copied())
            .collect();
        for f in dependents {
            // Forget the content hash so the file is extracted afresh.
            if let Some(rec) = state.files.get_mut(&f.rel) {
                rec.hash = 0;
            }
            queued.insert(f.rel.clone());
            summary.files_unchanged = summary.files_unchanged.saturating_sub(1);
            queue.push(f);
        }
        if queue.is_empty() {
            break;
        }
        progress.set_length(progress.position() + queue.len() as u64);
        queue.sort_by(|a, b| a.rel.cmp(&b.rel));
        let round = std::mem::take(&mut queue);
        for batch in round.chunks(BATCH) {
            let results: Vec<(FileOutcome, u64)> = pool.install(|| {
                batch.par_iter().map(|f| read_and_extract(f, max, state.files.get(&f.rel), &opts.ingest)).collect()
            });
            for (f, (outcome, nbytes)) in batch.iter().zip(results) {
                summary.bytes_read += nbytes;
                let previous = state.files.get(&f.rel).cloned();
                let mtime = mtime_ns(f.modified);
                let status_hash = match &outcome {
                    FileOutcome::Unchanged { hash } => {
                        if let Some(rec) = state.files.get_mut(&f.rel) {
                            rec.mtime_ns = mtime;
                            rec.hash = *hash;
                            state_changed = true;
                        }
                        summary.files_unchanged += 1;
                        progress.inc(1);
                        continue;
                    }
                    FileOutcome::Extracted { hash, .. }
                    | FileOutcome::Skipped { hash, .. }
                    | FileOutcome::Failed { hash, .. } => *hash,
                };
                state_changed = true;
                // The file's previous articles go first.
                if let Some(prev) = &previous {
                    if let FileStatus::Indexed { articles, .. } = prev.status {
                        writer.delete_term(Term::from_field_text(fields.path, &f.rel));
                        summary.articles_removed += articles as usize;
                    }
                    dropped.insert(f.rel.clone());
                    summary.files_updated += 1;
                } else {
                    summary.files_added += 1;
                }
                let mut record = FileRecord {
                    size: f.size,
                    mtime_ns: mtime,
                    hash: status_hash,
                    status: FileStatus::Duplicate,
                    duplicate_of: Vec::new(),
                };
                match outcome {
                    FileOutcome::Unchanged { .. } => unreachable!("handled above"),
                    FileOutcome::Skipped { reason, .. } => {
                        summary.skipped.push(Problem { path: f.rel.clone(), reason: reason.clone() });
                        record.status = FileStatus::Skipped { reason };
                    }
                    FileOutcome::Failed { reason, .. } => {
                        summary.failed.push(Problem { path: f.rel.clone(), reason: reason.clone() });
                        record.status = FileStatus::Failed { reason };
                    }
                    FileOutcome::Extracted { hash, extracted } => {
                        for (line, why) in &extracted.bad_lines {
                            summary.failed.push(Problem { path: format!("{}:{line}", f.rel), reason: why.clone() });
                        }
                        let (mut added, mut dups) = (0u32, 0u32);
                        for mut article in extracted.articles {
                            if article.date.is_none() {
                                article.date = schema::fallback_date(modified_kst(f.modified));
                            }
                            if article.title.trim().is_empty() {
                                article.title =
                                    f.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                            }
                            let key = schema::content_key(&article);
                            let url = article.url.as_deref().and_then(schema::normalize_url);
                            let live = |h: &&Holder| h.fresh || !dropped.contains(&h.path);
                            // Same title and body is the same article — unless both records
                            // carry their own, different ids (a dataset, not a saved page).
                            let own = article.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
                            let distinct_records = |h: &&Holder| match (&h.own_id, own) {
                                (Some(a), Some(b)) => a != b,
                                _ => false,
                            };
                            let other = seen
                                .content
                                .get(&key)
                                .filter(live)
                                .filter(|h| !distinct_records(h))
                                .or_else(|| url.as_ref().and_then(|u| seen.url.get(u)).filter(live))
                                .map(|h| h.path.clone());
                            if let Some(other) = other {
                                dups += 1;
                                summary.duplicates += 1;
                                if other != f.rel && !record.duplicate_of.contains(&other) {
                                    record.duplicate_of.push(other);
                                }
                                continue;
                            }
                            let path_id = match article.line {
                                Some(line) if f.format == Format::Jsonl => format!("{}:{line}", f.rel),
                                _ => f.rel.clone(),
                            };
                            let id = match article.id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                                Some(own) if seen.id.get(own).is_none_or(|h| !live(&h)) => own.to_owned(),
                                _ => path_id,
                            };
                            let origin = Origin {
                                id: &id,
                                path: &f.rel,
                                format: format_name(f.format),
                                encoding: extracted.encoding,
                                file_size: f.size,
                                file_hash: hash,
                            };
                            writer.add_document(schema::to_document(&fields, &article, &origin))?;
                            let holder = Holder {
                                path: f.rel.clone(),
                                fresh: true,
                                own_id: explicit_id(&id, &f.rel).then(|| id.clone()),
                            };
                            seen.content.insert(key, holder.clone());
                            if let Some(u) = url {
                                seen.url.insert(u, holder.clone());
                            }
                            seen.id.insert(id, holder);
                            added += 1;
                        }
                        summary.articles_added += added as usize;
                        record.status = if added > 0 {
                            FileStatus::Indexed { articles: added, duplicates: dups }
                        } else {
                            FileStatus::Duplicate
                        };
                    }
                }
                state.files.insert(f.rel.clone(), record);
                progress.inc(1);
                progress.set_message(format!("{} articles", summary.articles_added));
            }
            if last_commit.elapsed() >= opts.commit_interval {
                commits += 1;
                commit(&mut writer, &state, &work_dir, commits)?;
                last_commit = Instant::now();
            }
        }
    }
    progress.finish_and_clear();

    if state_changed {
        commits += 1;
        commit(&mut writer, &state, &work_dir, commits)?;
    }
    writer.wait_merging_threads().map_err(|e| anyhow!("merging index segments: {e}"))?;
    let reader = index.reader()?;
    summary.articles_in_index = reader.searcher().num_docs();

    if rebuild {
        swap_in(&staging, &dir)?;
    }
    summary.elapsed_ms = started.elapsed().as_millis() as u64;
    Ok(summary)
}

fn format_name(f: Format) -> &'static str {
    match f {
        Format::Txt => "txt",
        Format::Html => "html",
        Format::Json => "json",
        Format::Jsonl => "jsonl",
        Format::Mhtml => "mhtml",
        Format::Pdf => "pdf",
    }
}

/// Commits everything added and deleted so far, with the file records that describe it.
fn commit(writer: &mut IndexWriter<TantivyDocument>, state: &State, dir: &Path, seq: u64) -> Result<()> {
    let payload = state.save(dir, seq)?;
    let mut prepared = writer.prepare_commit().map_err(|e| anyhow!("cannot commit: {e}"))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(|e| anyhow!("cannot commit: {e}"))?;
    State::remove_others(dir, &payload);
    Ok(())
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
