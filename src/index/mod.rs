//! The index: a tantivy index plus what gisa needs to keep it honest.
//!
//! An index folder holds tantivy's files, `gisa.json` (the folder it indexes, the analyzer
//! options and dictionary it was built with) and `gisa-state/` (the record of every file,
//! see [`state`]). Terms only mean something with the analyzer that made them, so opening
//! an index rebuilds that analyzer from `gisa.json` and refuses, with a clear message, when
//! the installed dictionary or the user dictionary no longer gives the same fingerprint (a
//! changed user dictionary needs only a plain `gisa index`, which re-analyzes the articles
//! it touches: [`reanalyze`]).
//!
//! Writing is a pipeline of small stages, each in its own file, that `gisa index` drives:
//! [`plan`] (which files to read, which records to delete), [`read`] (one file's bytes →
//! articles), [`dedup`] (the same article saved twice), [`writer`] (add, delete and commit
//! with the file records), [`reanalyze`] (the articles a changed user dictionary touches);
//! [`build`] ties them into one run with its summary. [`check`]
//! tells a damaged index from a bug; [`stats`] answers `gisa stats`. Readers open an index
//! through [`directory`], which also reads one on a read-only file system.

pub mod build;
pub mod check;
pub mod dedup;
pub mod directory;
pub mod document;
pub mod fingerprint;
pub mod groups;
pub mod offsets;
pub mod plan;
pub mod read;
pub mod reanalyze;
pub mod schema;
pub mod state;
pub mod stats;
pub mod stories;
pub mod writer;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use tantivy::Index;
use tantivy::tokenizer::TextAnalyzer;

use crate::analysis::tokenizer::{KoreanTokenizer, TOKENIZER_NAME};
use crate::analysis::{Analyzer, AnalyzerOptions};
use crate::dict::KoDict;
use schema::Fields;

/// gisa's metadata file inside an index folder.
pub const META_FILE: &str = "gisa.json";
/// Environment variable naming the index folder.
pub const INDEX_ENV: &str = "GISA_INDEX";
/// Default index folder.
pub const DEFAULT_INDEX: &str = "index";

/// The dictionary an index was built with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DictionaryIdentity {
    pub name: String,
    pub version: String,
    pub fingerprint: String,
}

/// Analyzer options added after the first indexes were built; an index whose `gisa.json`
/// lacks one was built without it.
const LATER_OPTIONS: &[&str] = &["join_pieces", "mark_pieces"];

fn later_option(o: &AnalyzerOptions, key: &str) -> bool {
    match key {
        "join_pieces" => o.join_pieces,
        "mark_pieces" => o.mark_pieces,
        _ => false,
    }
}

fn set_later_option(o: &mut AnalyzerOptions, key: &str, on: bool) {
    match key {
        "join_pieces" => o.join_pieces = on,
        "mark_pieces" => o.mark_pieces = on,
        _ => {}
    }
}

/// Contents of `gisa.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexMeta {
    pub schema_version: u32,
    pub gisa_version: String,
    /// The folder this index holds the articles of (absolute).
    pub source: PathBuf,
    pub analyzer: AnalyzerOptions,
    pub analyzer_fingerprint: String,
    pub dictionary: DictionaryIdentity,
    /// When the index was created (RFC 3339).
    pub created: String,
    /// Analyzer options `gisa.json` does not record: the index was built before they existed
    /// and reads them as off (see [`IndexMeta::rebuild_options`]).
    #[serde(skip)]
    pub unrecorded: Vec<&'static str>,
}

impl IndexMeta {
    pub fn read(dir: &Path) -> Result<IndexMeta> {
        let path = dir.join(META_FILE);
        let bytes = fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let value: serde_json::Value =
            serde_json::from_slice(&bytes).with_context(|| format!("{} is damaged", path.display()))?;
        let recorded = |key: &str| value.get("analyzer").and_then(|a| a.get(key)).is_some();
        let unrecorded = LATER_OPTIONS.iter().copied().filter(|k| !recorded(k)).collect();
        let meta: IndexMeta =
            serde_json::from_value(value).with_context(|| format!("{} is damaged", path.display()))?;
        Ok(IndexMeta { unrecorded, ..meta })
    }

    /// The analyzer options a `--full` rebuild without options on the command line uses:
    /// the index's own, with the options it predates at this gisa's defaults (an index built
    /// before runs were joined or pieces marked gets them; one built with `--pieces-apart` or
    /// `--pieces-equal` keeps its choice).
    pub fn rebuild_options(&self) -> AnalyzerOptions {
        let defaults = AnalyzerOptions::default();
        let mut o = self.analyzer.clone();
        for key in &self.unrecorded {
            set_later_option(&mut o, key, later_option(&defaults, key));
        }
        o
    }

    /// `options` (from the command line) for an update of this index: the options it
    /// predates stay off, as it was built, so that an update (a new user dictionary) needs
    /// no rebuild; `--full` turns them on.
    pub fn update_options(&self, mut options: AnalyzerOptions) -> AnalyzerOptions {
        for key in &self.unrecorded {
            set_later_option(&mut options, key, false);
        }
        options
    }

    /// The options of [`IndexMeta::unrecorded`] still off in `options`: what the updated
    /// index still predates.
    pub fn still_unrecorded(&self, options: &AnalyzerOptions) -> Vec<&'static str> {
        self.unrecorded.iter().copied().filter(|k| !later_option(options, k)).collect()
    }

    /// Writes `gisa.json` atomically (temp file, fsync, rename), still without the options
    /// the index predates.
    pub fn write(&self, dir: &Path) -> Result<()> {
        let tmp = dir.join(format!(".{META_FILE}.tmp"));
        let mut value = serde_json::to_value(self)?;
        if let Some(analyzer) = value.get_mut("analyzer").and_then(|a| a.as_object_mut()) {
            for key in &self.unrecorded {
                analyzer.remove(*key);
            }
        }
        {
            let mut f = fs::File::create(&tmp)?;
            std::io::Write::write_all(&mut f, &serde_json::to_vec_pretty(&value)?)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, dir.join(META_FILE))?;
        Ok(())
    }
}

/// The index folder: `--index`, else `GISA_INDEX`, else `./index`.
pub fn resolve_dir(arg: Option<&Path>) -> PathBuf {
    arg.map(Path::to_path_buf)
        .or_else(|| std::env::var_os(INDEX_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

/// An opened index with its analyzer.
pub struct GisaIndex {
    pub dir: PathBuf,
    pub index: Index,
    pub fields: Fields,
    pub meta: IndexMeta,
    pub analyzer: Analyzer,
}

/// Registers the Korean analyzer on a tantivy index.
pub fn register_analyzer(index: &Index, analyzer: &Analyzer) {
    index.tokenizers().register(TOKENIZER_NAME, TextAnalyzer::from(KoreanTokenizer::new(analyzer.clone())));
}

/// Registers the Korean analyzer on an index being written: with `keep_offsets`, every text
/// it analyzes leaves its offsets table for the document being indexed
/// ([`document::record`]).
pub fn register_writing_analyzer(index: &Index, analyzer: &Analyzer, keep_offsets: bool) {
    let tokenizer = KoreanTokenizer::new(analyzer.clone());
    let tokenizer = if keep_offsets { tokenizer.with_hook(document::record) } else { tokenizer };
    index.tokenizers().register(TOKENIZER_NAME, TextAnalyzer::from(tokenizer));
}

/// Why an index whose user dictionary changed cannot be searched until `gisa index` ran.
const USER_DICTIONARY_CHANGED: &str = "its user dictionary has changed since it was indexed";

/// Explains why the index and the installed analysis do not match, or `None` if they do.
pub fn incompatibility(meta: &IndexMeta, analyzer: &Analyzer) -> Option<String> {
    if meta.analyzer_fingerprint == analyzer.fingerprint() {
        return None;
    }
    let dict = &analyzer.dict().manifest;
    if meta.dictionary.fingerprint != dict.fingerprint {
        return Some(format!(
            "it was built with {} {} (fingerprint {}) but the installed dictionary is {} {} (fingerprint {})",
            meta.dictionary.name,
            meta.dictionary.version,
            meta.dictionary.fingerprint,
            dict.name,
            dict.version,
            dict.fingerprint
        ));
    }
    if meta.analyzer.user_dictionary.is_some() {
        return Some(USER_DICTIONARY_CHANGED.to_owned());
    }
    Some(format!(
        "it was built by an analyzer with fingerprint {}, this gisa's is {}",
        meta.analyzer_fingerprint,
        analyzer.fingerprint()
    ))
}

impl GisaIndex {
    /// Opens an existing index for reading (search, stats, show).
    pub fn open(dir: &Path, dict: Arc<KoDict>) -> Result<GisaIndex> {
        if !dir.join(META_FILE).is_file() {
            if dir.is_dir() && fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(false) {
                bail!("{} is not a gisa index (no {META_FILE})", dir.display());
            }
            bail!("no index at {}: run `gisa index DIR` first (or point --index / {INDEX_ENV} at one)", dir.display());
        }
        let meta = IndexMeta::read(dir).map_err(|e| {
            anyhow!("{e:#}; rebuild the index with `gisa index --full DIR` (DIR: the folder of saved articles)")
        })?;
        if meta.schema_version != schema::SCHEMA_VERSION {
            bail!(
                "the index at {} was made by another gisa version (schema {}); rebuild it with `gisa index --full {}`",
                dir.display(),
                meta.schema_version,
                meta.source.display()
            );
        }
        let analyzer = Analyzer::new(dict, meta.analyzer.clone())
            .with_context(|| format!("cannot rebuild the analyzer of the index at {}", dir.display()))?;
        if let Some(why) = incompatibility(&meta, &analyzer) {
            if why == USER_DICTIONARY_CHANGED {
                bail!(
                    "the index at {} cannot be searched with this analyzer: {why}; run `gisa index {}` to re-analyze the articles the change touches",
                    dir.display(),
                    meta.source.display()
                );
            }
            bail!(
                "the index at {} cannot be searched with this analyzer: {why}; rebuild it with `gisa index --full {}`",
                dir.display(),
                meta.source.display()
            );
        }
        let mut index = directory::ReadDirectory::open(dir)
            .map_err(tantivy::TantivyError::from)
            .and_then(Index::open)
            .map_err(|e| anyhow!("cannot open the index at {}: {e}", dir.display()))?;
        // A search runs over the segments on every core: a common word's postings in a
        // million articles take tens of milliseconds on one. Where no threads can be started
        // the index keeps its executor, which searches on this thread.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if cores > 1 {
            let _ = index.set_multithread_executor(cores);
        }
        register_analyzer(&index, &analyzer);
        let fields = schema::fields_of(&index.schema()).map_err(|e| anyhow!("the index at {}: {e}", dir.display()))?;
        Ok(GisaIndex { dir: dir.to_path_buf(), index, fields, meta, analyzer })
    }

    /// A reader on the last commit.
    pub fn reader(&self) -> Result<tantivy::IndexReader> {
        self.index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| anyhow!("cannot read the index at {}: {e}", self.dir.display()))
    }

    /// Finds an article by its id (or by the path of its file, `path:line` for a feed).
    /// [`GisaIndex::find`] for a command-line argument: an id, a path relative to the
    /// indexed folder, or a path under it as `--format paths` prints it — in the name's own
    /// bytes (a CP949 name as it is on disk) or decoded.
    pub fn find_arg(
        &self,
        searcher: &tantivy::Searcher,
        arg: &std::ffi::OsStr,
    ) -> Result<Option<schema::StoredArticle>> {
        let path = std::path::Path::new(arg);
        if let Ok(rel) = path.strip_prefix(&self.meta.source)
            && !rel.as_os_str().is_empty()
            && let Some(a) = self.find(searcher, &crate::ingest::walk::rel_path(std::path::Path::new(""), rel))?
        {
            return Ok(Some(a));
        }
        // An id or a key as printed (valid UTF-8, escapes included), else the name's bytes.
        if let Some(s) = arg.to_str()
            && let Some(a) = self.find(searcher, s)?
        {
            return Ok(Some(a));
        }
        self.find(searcher, &crate::ingest::filename::key_of(arg))
    }

    pub fn find(&self, searcher: &tantivy::Searcher, key: &str) -> Result<Option<schema::StoredArticle>> {
        use tantivy::collector::TopDocs;
        use tantivy::query::TermQuery;
        use tantivy::schema::IndexRecordOption;
        let f = &self.fields;
        // A path typed composed finds a file named decomposed (macOS), and the other way.
        use unicode_normalization::UnicodeNormalization;
        let (nfc, nfd): (String, String) = (key.nfc().collect(), key.nfd().collect());
        let mut tries = vec![(f.id, key.to_owned()), (f.path, key.to_owned()), (f.path, nfc), (f.path, nfd)];
        if let Some((path, line)) = key.rsplit_once(':')
            && line.parse::<u64>().is_ok()
        {
            tries.push((f.path, path.to_owned()));
        }
        for (field, value) in tries {
            let q = TermQuery::new(tantivy::Term::from_field_text(field, &value), IndexRecordOption::Basic);
            let hits = searcher.search(&q, &TopDocs::with_limit(1000).order_by_score())?;
            let mut docs = Vec::new();
            for (_, addr) in hits {
                let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
                docs.push(schema::from_document(f, &doc));
            }
            docs.sort_by_key(|d| d.line);
            let wanted_line = key.rsplit_once(':').and_then(|(_, l)| l.parse::<u64>().ok());
            let pick = match wanted_line {
                Some(l) if field == f.path && docs.len() > 1 => docs.into_iter().find(|d| d.line == Some(l)),
                _ => docs.into_iter().next(),
            };
            if pick.is_some() {
                return Ok(pick);
            }
        }
        Ok(None)
    }
}

/// Total size of the files in a folder (not following links).
/// Every string of a segment's string column, by term ordinal, decoded in one pass over the
/// column's dictionary. (`ord_to_str` per document decompresses a dictionary block on every
/// call: reading the paths of 100,000 documents that way took seconds.)
pub fn strings_by_ord(col: &tantivy::columnar::StrColumn) -> std::io::Result<Vec<String>> {
    let mut out = Vec::with_capacity(col.num_terms());
    let mut terms = col.dictionary().stream()?;
    while terms.advance() {
        out.push(String::from_utf8_lossy(terms.key()).into_owned());
    }
    Ok(out)
}

pub fn dir_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}
