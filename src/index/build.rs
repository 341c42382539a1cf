//! One `gisa index` run as stages: plan → read → dedup → write/commit.
//!
//! [`Build`] ties the stages together and keeps the run's [`Summary`]; the caller drives the
//! loop (the command does, with its thread pool and progress bar):
//!
//! ```text
//! let mut build = Build::open(&opts, dict)?;     // lock, checks, writer, file records
//! let walk = build.walk()?;                      // the folder, minus the index's own folders
//! let mut plan = build.plan(&walk)?;             // dedup keys; deletes the files that are gone
//! while let Some(round) = build.next_round(&mut plan) {
//!     for batch in round.chunks(N) {
//!         let reads = /* in parallel */ batch.map(|t| build.reader().read(t));
//!         for (task, read) in batch.zip(reads) { build.apply(task, read)?; }
//!         build.commit_if_due()?;
//!     }
//! }
//! let summary = build.finish()?;                 // last commit, merges, swap of a rebuild
//! ```
//!
//! [`Build::apply`] is where a file's outcome becomes index changes: the file's previous
//! articles are deleted, each extracted article goes through [`Dedup::admit`] and is added
//! or counted as a duplicate, and the file's record is replaced. Extracted articles arrive
//! complete (ingest applies its own date and title fallbacks); tantivy's worker threads run
//! the Korean analyzer, whose terms also make each article's offsets table
//! ([`ArticleDocument`](super::document)).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;

use super::dedup::{Dedup, Verdict};
use super::plan::{Plan, Task};
use super::read::{self, FileRead, Outcome};
use super::reanalyze;
use super::schema::Origin;
use super::state::{FileRecord, FileStatus, State};
use super::stories::Stories;
use super::writer::{Writer, WriterOptions};
use crate::analysis::AnalyzerOptions;
use crate::ingest::walk::{self, Walk};
use crate::ingest::{self, Format};
use crate::time;

pub use super::writer::{IndexLock, LOCK_FILE};

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
    /// How files are read (press table, JSON field mapping).
    pub ingest: ingest::Options,
}

/// A file that did not go in (or went in with a remark), and why.
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
    /// Files indexed all the same, with something to know about them (a modification time
    /// out of range, taken as unknown).
    pub notes: Vec<Problem>,
    pub articles_in_index: u64,
    pub bytes_read: u64,
    pub elapsed_ms: u64,
    /// The re-analysis for a change of the user dictionary (`None`: it did not change).
    pub reanalysis: Option<Reanalysis>,
}

/// What the re-analysis for a changed user dictionary did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Reanalysis {
    /// Surfaces added to, removed from and changed in the user dictionary.
    pub words_added: usize,
    pub words_removed: usize,
    pub words_changed: usize,
    /// Articles of the index whose stored text was searched for them.
    pub articles_searched: u64,
    /// Articles that contain one and were analyzed anew.
    pub articles_reanalyzed: usize,
    /// The whole re-analysis: search, analysis, commit and the merge that drops the old
    /// documents.
    pub elapsed_ms: u64,
}

/// Reads files for a run; shareable across threads.
#[derive(Clone, Copy)]
pub struct Reader<'a> {
    records: &'a State,
    max_file_size: u64,
    ingest: &'a ingest::Options,
}

impl Reader<'_> {
    /// Reads one planned file (see [`read::read`]).
    pub fn read(&self, task: &Task) -> FileRead {
        read::read(task, self.max_file_size, self.records.files.get(&task.file.rel), self.ingest)
    }
}

/// A run in progress.
pub struct Build {
    writer: Writer,
    /// The dedup keys (`None` until a plan with work loads them from the index).
    dedup: Option<Dedup>,
    /// The fingerprints of the story groups (`None` until a plan with work loads them).
    stories: Option<Stories>,
    exclude: Vec<String>,
    /// The folder as given (for messages).
    source_arg: PathBuf,
    max_file_size: u64,
    ingest: ingest::Options,
    summary: Summary,
    started: Instant,
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

impl Build {
    /// Opens the index for writing.
    pub fn open(opts: &BuildOptions, dict: std::sync::Arc<crate::dict::KoDict>) -> Result<Build> {
        let started = Instant::now();
        // A bad --exclude is an error before anything is touched.
        walk::excludes(&opts.exclude)?;
        let writer = Writer::open(
            &WriterOptions {
                source: opts.source.clone(),
                index_dir: opts.index_dir.clone(),
                full: opts.full,
                analyzer: opts.analyzer.clone(),
                threads: opts.threads,
                memory_bytes: opts.memory_bytes,
                commit_interval: opts.commit_interval,
            },
            dict,
        )?;
        // The keys of what the index holds are loaded by `plan`, when there is work to do.
        let dedup = writer.is_fresh().then(Dedup::new);
        let stories = writer.is_fresh().then(|| Stories::in_dir(writer.work_dir()));
        let summary = Summary {
            index: writer.dir().display().to_string(),
            source: writer.source().display().to_string(),
            full: writer.rebuilding(),
            ..Default::default()
        };
        Ok(Build {
            writer,
            dedup,
            stories,
            exclude: opts.exclude.clone(),
            source_arg: opts.source.clone(),
            max_file_size: opts.max_file_size,
            ingest: opts.ingest.clone(),
            summary,
            started,
        })
    }

    /// Walks the indexed folder, leaving out the index's own folders when they lie inside it.
    pub fn walk(&self) -> Result<Walk> {
        let mut found = walk::walk(self.writer.source(), &walk::excludes(&self.exclude)?)?;
        // Only an index folder inside the walked one (or around it) can be walked into.
        if self.writer.overlaps(self.writer.source()) {
            found.files.retain(|f| !self.writer.is_own(&f.path));
        }
        Ok(found)
    }

    /// The error for an index whose own records cannot be read.
    fn unreadable(&self, e: impl std::fmt::Display) -> anyhow::Error {
        anyhow::anyhow!(
            "cannot read the index at {}: {e}; run `gisa index --full {}` to rebuild it",
            self.writer.dir().display(),
            self.source_arg.display()
        )
    }

    /// Plans the run over `walk`, and deletes the articles and records of files that are gone.
    /// Loads the dedup keys of the index when there is anything to do (a run that finds
    /// nothing changed does not read them).
    pub fn plan<'w>(&mut self, walk: &'w Walk) -> Result<Plan<'w>> {
        // Before anything else changes the index: the re-analysis reads its last commit.
        self.reanalyze()?;
        let plan = Plan::new(&walk.files, self.writer.records());
        if plan.has_work() && self.dedup.is_none() {
            let dedup = Dedup::load(self.writer.index()).map_err(|e| self.unreadable(e))?;
            self.dedup = Some(dedup);
        }
        // The story files are checked against the index (and made, for an index from before
        // gisa kept them) whenever there is work, or when they are missing.
        let no_stories = !Stories::exist(self.writer.work_dir());
        if self.stories.is_none() && (plan.has_work() || no_stories) {
            let mut stories = Stories::load(self.writer.work_dir());
            let fields = super::schema::fields_of(&self.writer.index().schema())?;
            stories.reconcile(self.writer.index(), &fields).map_err(|e| self.unreadable(e))?;
            self.stories = Some(stories);
        }
        let dedup = self.dedup.get_or_insert_with(Dedup::new);
        self.summary.files_seen = walk.files.len();
        self.summary.files_unchanged = plan.unchanged;
        for p in &walk.problems {
            self.summary.failed.push(Problem { path: p.path.clone(), reason: p.reason.clone() });
        }
        for path in &plan.removed {
            if let Some(rec) = self.writer.remove_file(path) {
                if let FileStatus::Indexed { articles, .. } = rec.status {
                    self.summary.articles_removed += articles as usize;
                }
                dedup.drop_file(path);
                if let Some(stories) = &mut self.stories {
                    stories.drop_file(path);
                }
                self.summary.files_removed += 1;
            }
        }
        Ok(plan)
    }

    /// Re-analyzes the articles that contain a word whose user-dictionary entry changed
    /// since the last commit (see [`reanalyze`]), commits them and merges away the documents
    /// they replace. Their file records, dedup keys and story groups stay as they are: the
    /// text is the same.
    fn reanalyze(&mut self) -> Result<()> {
        let Some(change) = self.writer.lexicon_change() else { return Ok(()) };
        let started = Instant::now();
        let a = &change.affected;
        let mut done = Reanalysis {
            words_added: a.added.len(),
            words_removed: a.removed.len(),
            words_changed: a.changed.len(),
            ..Default::default()
        };
        let surfaces: Vec<String> = a.surfaces().map(str::to_owned).collect();
        let normalize = change.normalize;
        let (index, fields) = (self.writer.index().clone(), *self.writer.fields());
        let writer = &mut self.writer;
        let mut touched = 0usize;
        // A failed write is said as such (a full disk), not as an unreadable index.
        let mut write_error = None;
        let searched =
            reanalyze::for_each_touched(&index, &fields, surfaces.iter().map(String::as_str), normalize, |t| {
                let wrote = writer.replace(&t.id, t.document).and_then(|()| writer.commit_if_due().map(|_| ()));
                touched += 1;
                if let Err(e) = wrote {
                    let stop = anyhow::anyhow!("{e:#}");
                    write_error = Some(e);
                    return Err(stop);
                }
                Ok(())
            });
        if let Some(e) = write_error {
            return Err(e);
        }
        done.articles_searched = searched.map_err(|e| self.unreadable(e))?;
        if touched > 0 {
            self.writer.commit()?;
            self.writer.purge_deleted()?;
        }
        done.articles_reanalyzed = touched;
        done.elapsed_ms = started.elapsed().as_millis() as u64;
        self.summary.reanalysis = Some(done);
        Ok(())
    }

    /// The next round of files to read (see [`Plan::next_round`]).
    pub fn next_round<'w>(&mut self, plan: &mut Plan<'w>) -> Option<Vec<Task<'w>>> {
        let dedup = &self.dedup;
        let before = plan.unchanged;
        let round = plan.next_round(self.writer.records(), |p| dedup.as_ref().is_some_and(|d| d.is_dropped(p)));
        // Files read again as dependents were counted unchanged by the plan.
        self.summary.files_unchanged -= before - plan.unchanged;
        round
    }

    /// What reads files for this run.
    pub fn reader(&self) -> Reader<'_> {
        Reader { records: self.writer.records(), max_file_size: self.max_file_size, ingest: &self.ingest }
    }

    /// The summary so far.
    pub fn summary(&self) -> &Summary {
        &self.summary
    }

    /// Applies what reading a file gave: deletes its previous articles, adds the new ones that
    /// are not duplicates, replaces its record.
    pub fn apply(&mut self, task: &Task, read: FileRead) -> Result<()> {
        let f = task.file;
        let s = &mut self.summary;
        s.bytes_read += read.bytes;
        let mtime_ns = time::file_time_ns(f.modified);
        if let Some(note) = read.note {
            s.notes.push(Problem { path: f.rel.clone(), reason: note });
        }
        if let Outcome::Unchanged = read.outcome {
            self.writer.update_record(&f.rel, |r| {
                r.mtime_ns = mtime_ns;
                r.hash = read.hash;
            });
            s.files_unchanged += 1;
            return Ok(());
        }
        // The file's previous articles go first.
        let previous = self.writer.record(&f.rel).map(|r| match r.status {
            FileStatus::Indexed { articles, .. } => Some(articles),
            _ => None,
        });
        match previous {
            Some(indexed) => {
                if let Some(articles) = indexed {
                    self.writer.delete_articles(&f.rel);
                    s.articles_removed += articles as usize;
                }
                self.dedup.get_or_insert_with(Dedup::new).drop_file(&f.rel);
                self.stories.get_or_insert_with(|| Stories::in_dir(self.writer.work_dir())).drop_file(&f.rel);
                s.files_updated += 1;
            }
            None => s.files_added += 1,
        }
        let mut record = FileRecord {
            size: f.size,
            mtime_ns,
            hash: read.hash,
            status: FileStatus::Duplicate,
            duplicate_of: Vec::new(),
        };
        match read.outcome {
            Outcome::Unchanged => {}
            Outcome::Skipped(reason) => {
                s.skipped.push(Problem { path: f.rel.clone(), reason: reason.clone() });
                record.status = FileStatus::Skipped { reason };
            }
            Outcome::Failed(reason) => {
                s.failed.push(Problem { path: f.rel.clone(), reason: reason.clone() });
                record.status = FileStatus::Failed { reason };
            }
            Outcome::Extracted(extracted) => {
                for (line, why) in &extracted.bad_lines {
                    s.failed.push(Problem { path: format!("{}:{line}", f.rel), reason: why.clone() });
                }
                record.status = self.add_articles(task, read.hash, extracted, &mut record.duplicate_of)?;
            }
        }
        self.writer.set_record(f.rel.clone(), record);
        Ok(())
    }

    /// Adds the articles of one file that are not duplicates; returns the file's status and
    /// fills `duplicate_of` with the files that hold the others.
    fn add_articles(
        &mut self,
        task: &Task,
        hash: u64,
        extracted: ingest::Extracted,
        duplicate_of: &mut Vec<String>,
    ) -> Result<FileStatus> {
        let f = task.file;
        let (mut added, mut dups) = (0u32, 0u32);
        for article in &extracted.articles {
            let path_id = match article.line {
                Some(line) if f.format == Format::Jsonl => format!("{}:{line}", f.rel),
                _ => f.rel.clone(),
            };
            match self.dedup.get_or_insert_with(Dedup::new).admit(&f.rel, path_id, article) {
                Verdict::Duplicate { of } => {
                    dups += 1;
                    if of != f.rel && !duplicate_of.contains(&of) {
                        duplicate_of.push(of);
                    }
                }
                Verdict::New { id } => {
                    let origin = Origin {
                        id: &id,
                        path: &f.rel,
                        format: format_name(f.format),
                        encoding: extracted.encoding,
                        file_size: f.size,
                        file_hash: hash,
                    };
                    self.writer.add(article, &origin)?;
                    self.stories
                        .get_or_insert_with(|| Stories::in_dir(self.writer.work_dir()))
                        .add(&id, &f.rel, article);
                    added += 1;
                }
            }
        }
        self.summary.articles_added += added as usize;
        self.summary.duplicates += dups as usize;
        Ok(if added > 0 { FileStatus::Indexed { articles: added, duplicates: dups } } else { FileStatus::Duplicate })
    }

    /// Commits if the commit interval has passed since the last commit.
    pub fn commit_if_due(&mut self) -> Result<bool> {
        self.writer.commit_if_due()
    }

    /// Commits what is left, waits for merges, swaps a rebuild in; the run's summary.
    pub fn finish(mut self) -> Result<Summary> {
        // The story files go in before the last commit (a crash between the two is repaired
        // by the next run's reconciliation).
        if let Some(stories) = &mut self.stories {
            let dir = self.writer.work_dir();
            stories
                .save(dir)
                .map_err(|e| super::writer::write_error(dir, "cannot save the story groups of", &format!("{e:#}")))?;
        }
        let mut summary = self.summary;
        summary.articles_in_index = self.writer.finish()?;
        summary.elapsed_ms = self.started.elapsed().as_millis() as u64;
        Ok(summary)
    }
}
