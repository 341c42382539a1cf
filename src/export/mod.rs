//! Export: an index out to an OpenSearch or Elasticsearch cluster, with the same Korean
//! analysis — the way to go when one machine is not enough.
//!
//! `gisa export opensearch|elasticsearch OUT_DIR` writes into OUT_DIR ([`outdir`]):
//! - `template.json`, the `_index_template` body ([`template`]): a Nori analyzer as close to
//!   gisa's options as Nori allows ([`nori`]), and exact-terms fields carrying gisa's own
//!   terms under a whitespace analyzer ([`document`]), so a query built from gisa's analysis
//!   ([`dsl`]) finds what gisa finds;
//! - `bulk/NNNNN.ndjson`, `_bulk` request bodies of at most `bulk_bytes` each ([`bulk`]): an
//!   `index` action and its document per article, `delete` actions for articles gone since
//!   the last export to the same folder and engine ([`state`]);
//! - `manifest.json`: files, counts, gisa version, dictionary and analyzer.
//!
//! Every article is read from the index's document store and re-analyzed with the index's
//! own analyzer, in parallel chunks (rayon), written in index order: memory stays at one
//! chunk of documents whatever the size of the index. `--changed` exports only articles
//! whose content differs from what the last export to that target held; `--since DATE` only
//! articles dated from DATE on.

pub mod bulk;
pub mod document;
pub mod dsl;
pub mod nori;
pub mod outdir;
pub mod state;
pub mod template;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;

use crate::analysis::AnalyzerOptions;
use crate::dict::user::UserDictionary;
use crate::index::schema::from_document;
use crate::index::{DictionaryIdentity, GisaIndex};
use crate::time::kst;
use document::Base;
use outdir::{BULK_DIR, MANIFEST_FILE, OutDir, TEMPLATE_FILE};
use state::{Previous, StateWriter, id_hash};

/// Version of the export layout (documents, exact fields, template); a new version makes
/// every article count as changed.
pub const EXPORT_FORMAT: u32 = 1;
/// Default size limit of a bulk file.
pub const DEFAULT_BULK_BYTES: u64 = 10_000_000;
/// Articles analyzed per parallel chunk.
const CHUNK: usize = 512;

/// The engine an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Target {
    OpenSearch,
    Elasticsearch,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::OpenSearch => "opensearch",
            Target::Elasticsearch => "elasticsearch",
        }
    }

    /// How the Nori plugin is installed on a node.
    pub fn plugin_install(self) -> &'static str {
        match self {
            Target::OpenSearch => "bin/opensearch-plugin install analysis-nori",
            Target::Elasticsearch => "bin/elasticsearch-plugin install analysis-nori",
        }
    }

    /// The engine's current major version, the default of `--engine-version`.
    pub fn default_version(self) -> u32 {
        match self {
            Target::OpenSearch => 3,
            Target::Elasticsearch => 9,
        }
    }

    /// The Nori tag set of a major version: Lucene 10 (OpenSearch 3, Elasticsearch 9) has
    /// mecab-ko-dic's tags, earlier versions fold particles and endings into `J` and `E`.
    pub fn tag_set(self, major: u32) -> nori::TagSet {
        let lucene10 = match self {
            Target::OpenSearch => major >= 3,
            Target::Elasticsearch => major >= 9,
        };
        if lucene10 { nori::TagSet::Detailed } else { nori::TagSet::Folded }
    }

    /// How a fresh single-node install of the engine is reached with curl: Elasticsearch 8
    /// enables TLS with its own CA and the `elastic` user; OpenSearch 2.12+ its demo
    /// certificates and the `admin` user.
    pub fn curl_defaults(self) -> (&'static str, &'static str) {
        match self {
            Target::OpenSearch => ("https://localhost:9200", "-k -u admin:$OPENSEARCH_INITIAL_ADMIN_PASSWORD"),
            Target::Elasticsearch => ("https://localhost:9200", "--cacert http_ca.crt -u elastic:$ELASTIC_PASSWORD"),
        }
    }
}

/// Which articles to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every article (and deletions of articles the last export had and the index lost).
    Full,
    /// Articles added or changed since the last export to the target, and deletions.
    Changed,
    /// Articles dated from this moment on (no deletions).
    Since(DateTime<FixedOffset>),
}

/// Options of one export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub target: Target,
    /// Major version of the engine (decides Nori's tag set).
    pub engine_version: u32,
    pub out_dir: PathBuf,
    /// Name of the cluster index (the template matches `name` and `name-*`).
    pub name: String,
    pub bulk_bytes: u64,
    pub mode: Mode,
    pub threads: usize,
}

/// What an export did.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub target: Target,
    pub index: String,
    pub out_dir: String,
    pub name: String,
    pub mode: &'static str,
    pub since: Option<String>,
    pub articles_in_index: u64,
    /// Articles written as `index` actions.
    pub indexed: u64,
    /// `delete` actions.
    pub deleted: u64,
    /// Articles in the index not written (unchanged, or outside `--since`).
    pub skipped: u64,
    pub files: Vec<bulk::BulkFile>,
    pub bytes: u64,
    pub elapsed_ms: u64,
    /// What the cluster side will not reproduce or the user should know, one line each.
    pub warnings: Vec<String>,
}

/// `manifest.json`.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    /// [`outdir::MANIFEST_MARK`]: the format of the export.
    gisa_export: u32,
    gisa_version: &'static str,
    target: Target,
    engine_version: u32,
    created: &'a str,
    source_index: String,
    name: &'a str,
    template: &'static str,
    template_request: String,
    bulk_request: String,
    /// How to load the export into a fresh single-node install of the engine.
    load: serde_json::Value,
    mode: &'static str,
    since: Option<String>,
    counts: serde_json::Value,
    files: &'a [bulk::BulkFile],
    dictionary: &'a DictionaryIdentity,
    analyzer: &'a AnalyzerOptions,
    analyzer_fingerprint: &'a str,
    nori: &'a nori::NoriChain,
    fields: serde_json::Value,
}

/// The user dictionary's words, as Nori rules.
fn user_rules(ix: &GisaIndex) -> Result<nori::UserRules> {
    let Some(path) = &ix.meta.analyzer.user_dictionary else { return Ok(nori::UserRules::default()) };
    // Opening the index checked that this file still gives the fingerprint it was built with.
    let user = UserDictionary::load(path, ix.analyzer.dict())?;
    let entries: Vec<_> = (0..user.len() as u32).map(|i| user.entry(i)).collect();
    Ok(nori::user_rules(entries.iter().map(|e| nori::UserWord {
        surface: &e.surface,
        pos: &e.features.pos,
        kind: &e.features.kind,
        expression: &e.features.expression,
    })))
}

/// One article, read and (when it is to be written) analyzed.
struct Item {
    id: String,
    id_hash: u64,
    hash: u64,
    /// The document line, when the article is exported.
    doc: Option<Vec<u8>>,
}

fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Full => "full",
        Mode::Changed => "changed",
        Mode::Since(_) => "since",
    }
}

/// Runs an export; `progress` is called with the number of articles done so far.
pub fn run(ix: &GisaIndex, opts: &ExportOptions, progress: &(dyn Fn(u64) + Sync)) -> Result<Summary> {
    let started = Instant::now();
    let out = OutDir::prepare(&opts.out_dir)?;
    let created = chrono::Utc::now().with_timezone(&kst()).to_rfc3339();
    let chain = nori::chain(&ix.meta.analyzer, user_rules(ix)?, opts.target.tag_set(opts.engine_version));
    let mut warnings = Vec::new();
    if !chain.user.rejected.is_empty() {
        let list: Vec<String> = chain.user.rejected.iter().map(|r| format!("{} ({})", r.word, r.reason)).collect();
        warnings.push(format!(
            "{} user dictionary entries left out of Nori's user_dictionary_rules: {}",
            list.len(),
            list.join("; ")
        ));
    }
    for p in &chain.stop.partial {
        warnings.push(format!(
            "Nori cannot drop {} without {}: its tag {} is kept",
            p.stopped.join(" "),
            p.kept.join(" "),
            p.nori
        ));
    }
    let meta = json!({
        "gisa_version": env!("CARGO_PKG_VERSION"),
        "analyzer_fingerprint": ix.meta.analyzer_fingerprint,
        "dictionary": ix.meta.dictionary,
    });
    let template = template::template(opts.target, opts.engine_version, &opts.name, &chain, meta);
    out.write(TEMPLATE_FILE, &serde_json::to_vec_pretty(&template)?)?;

    let state_file = state::state_path(&ix.dir, out.root(), opts.target);
    let mut previous = Previous::load(&state_file)?;
    let header = state::Header {
        gisa_export_state: state::FORMAT,
        target: opts.target.name().to_owned(),
        out_dir: out.root().canonicalize().unwrap_or_else(|_| out.root().to_path_buf()).display().to_string(),
        created: created.clone(),
    };
    let mut new_state = StateWriter::create(&state_file, &header)?;
    let mut writer = bulk::BulkWriter::new(&out.staging().join(BULK_DIR), &format!("{BULK_DIR}/"), opts.bulk_bytes)?;
    let seed =
        xxhash_rust::xxh3::xxh3_64(format!("gisa-export-{EXPORT_FORMAT}:{}", ix.analyzer.fingerprint()).as_bytes());

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.max(1))
        .build()
        .map_err(|e| anyhow!("cannot start worker threads: {e}"))?;
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let since_secs = match opts.mode {
        Mode::Since(d) => Some(d.timestamp()),
        _ => None,
    };
    let (mut indexed, mut skipped, mut done) = (0u64, 0u64, 0u64);
    for (seg_ord, seg) in searcher.segment_readers().iter().enumerate() {
        let dates = seg.fast_fields().date("date")?;
        // Articles outside --since are not read from the store: their id comes from the
        // id column.
        let ids = match since_secs {
            Some(_) => {
                let col = seg.fast_fields().str("id")?.ok_or_else(|| anyhow!("index without an id column"))?;
                let table = crate::index::strings_by_ord(&col)?;
                Some((col, table))
            }
            None => None,
        };
        let docs: Vec<u32> = seg.doc_ids_alive().collect();
        for chunk in docs.chunks(CHUNK) {
            let previous_ref = &previous;
            let items: Vec<Result<Item>> = pool.install(|| {
                chunk
                    .par_iter()
                    .map(|&doc| {
                        if let (Some(s), Some((col, table))) = (since_secs, &ids)
                            && dates.first(doc).is_none_or(|d| d.into_timestamp_secs() < s)
                        {
                            let id = col.term_ords(doc).next().and_then(|o| table.get(o as usize)).cloned();
                            let id = id.ok_or_else(|| anyhow!("an article without an id"))?;
                            return Ok(Item { id_hash: id_hash(&id), id, hash: 0, doc: None });
                        }
                        let addr = tantivy::DocAddress::new(seg_ord as u32, doc);
                        let stored: tantivy::TantivyDocument =
                            searcher.doc(addr).map_err(|e| anyhow!("cannot read a stored article: {e}"))?;
                        let article = from_document(&ix.fields, &stored);
                        let base = Base::of(&article);
                        let hash = document::content_hash(&serde_json::to_vec(&base)?, seed);
                        let key = id_hash(&article.id);
                        let wanted = match opts.mode {
                            Mode::Changed => previous_ref.get(key) != Some(hash),
                            Mode::Full | Mode::Since(_) => true,
                        };
                        let doc = wanted.then(|| document::document_json(&ix.analyzer, &article, &base)).transpose()?;
                        Ok(Item { id: article.id.clone(), id_hash: key, hash, doc })
                    })
                    .collect()
            });
            for item in items {
                let item = item?;
                let old = previous.take(item.id_hash);
                match &item.doc {
                    Some(doc) => {
                        writer.index(&item.id, doc)?;
                        new_state.push(&item.id, item.hash)?;
                        indexed += 1;
                    }
                    None => {
                        skipped += 1;
                        // Outside --since: the cluster keeps what the last export gave it.
                        let kept = if since_secs.is_some() { old } else { Some(item.hash) };
                        if let Some(h) = kept {
                            new_state.push(&item.id, h)?;
                        }
                    }
                }
            }
            done += chunk.len() as u64;
            progress(done);
        }
    }
    let mut deleted = 0u64;
    previous.for_each_remaining(|id, hash| {
        if since_secs.is_some() {
            new_state.push(id, hash)
        } else {
            deleted += 1;
            writer.delete(id)
        }
    })?;
    let oversized = std::mem::take(&mut writer.oversized);
    let files = writer.finish()?;
    for (id, bytes) in oversized {
        warnings.push(format!(
            "article {id} is {bytes} bytes with its action, over --bulk-bytes {}: it has a file of its own",
            opts.bulk_bytes
        ));
    }
    let bytes = files.iter().map(|f| f.bytes).sum();
    let since = match opts.mode {
        Mode::Since(d) => Some(d.to_rfc3339()),
        _ => None,
    };
    let counts = json!({
        "articles_in_index": searcher.num_docs(), "indexed": indexed, "deleted": deleted,
        "skipped": skipped, "bytes": bytes,
    });
    let manifest = Manifest {
        gisa_export: EXPORT_FORMAT,
        gisa_version: env!("CARGO_PKG_VERSION"),
        target: opts.target,
        engine_version: opts.engine_version,
        created: &created,
        source_index: ix.dir.canonicalize().unwrap_or_else(|_| ix.dir.clone()).display().to_string(),
        name: &opts.name,
        template: TEMPLATE_FILE,
        template_request: format!("PUT _index_template/{}", opts.name),
        bulk_request: format!("POST {}/_bulk", opts.name),
        load: load_commands(opts.target, &opts.name),
        mode: mode_name(opts.mode),
        since: since.clone(),
        counts,
        files: &files,
        dictionary: &ix.meta.dictionary,
        analyzer: &ix.meta.analyzer,
        analyzer_fingerprint: &ix.meta.analyzer_fingerprint,
        nori: &chain,
        fields: json!({
            "title, subtitles, body": "Nori analysis (gisa_nori)",
            document::EXACT_TEXT: "gisa's terms of title, summary lines and body without compound wholes, in gisa's positions (gisa_exact)",
            document::EXACT_TEXT_COMPOUNDS: "gisa's compound wholes of the same text (gisa_exact)",
            document::EXACT_TITLE: "gisa's terms of the title without compound wholes (gisa_exact)",
            document::EXACT_TITLE_COMPOUNDS: "gisa's compound wholes of the title (gisa_exact)",
        }),
    };
    let mut manifest_json = serde_json::to_vec_pretty(&manifest)?;
    manifest_json.push(b'\n');
    out.write(MANIFEST_FILE, &manifest_json)?;
    let root = out.root().to_path_buf();
    out.publish()?;
    new_state.commit(&state_file).context("the export is written but its state could not be saved")?;
    Ok(Summary {
        target: opts.target,
        index: ix.dir.display().to_string(),
        out_dir: root.display().to_string(),
        name: opts.name.clone(),
        mode: mode_name(opts.mode),
        since,
        articles_in_index: searcher.num_docs(),
        indexed,
        deleted,
        skipped,
        files,
        bytes,
        elapsed_ms: started.elapsed().as_millis() as u64,
        warnings,
    })
}

/// The commands that load an export (run in OUT_DIR) into a fresh install of `target`.
fn load_commands(target: Target, name: &str) -> serde_json::Value {
    let (url, auth) = target.curl_defaults();
    json!({
        "plugin": format!("{} (on every node, then restart it)", target.plugin_install()),
        "template": format!(
            "curl -fsS {auth} -X PUT {url}/_index_template/{name} -H 'Content-Type: application/json' --data-binary @{TEMPLATE_FILE}"
        ),
        "bulk": format!(
            "for f in {BULK_DIR}/*.ndjson; do [ -e \"$f\" ] || continue; curl -fsS {auth} -X POST {url}/{name}/_bulk -H 'Content-Type: application/x-ndjson' --data-binary \"@$f\" | grep -q '\"errors\" *: *false' || echo \"some actions of $f failed\" >&2; done"
        ),
    })
}

/// Checks a cluster index name as both engines do: lower case, no `\ / * ? " < > | , #`,
/// spaces or `:`, not starting with `-`, `_` or `+`, not `.` or `..`, at most 255 bytes.
pub fn check_index_name(name: &str) -> Result<()> {
    let bad = |why: &str| Err(anyhow!("--name {name:?}: {why}"));
    if name.is_empty() || name == "." || name == ".." {
        return bad("not a valid index name");
    }
    if name.len() > 255 {
        return bad("longer than 255 bytes");
    }
    if name.starts_with(['-', '_', '+']) {
        return bad("an index name cannot start with -, _ or +");
    }
    if let Some(c) = name.chars().find(|c| c.is_uppercase() || "\\/*?\"<>|,# :".contains(*c)) {
        return bad(&format!("an index name cannot contain {c:?} (lower case, no \\ / * ? \" < > | , # : or spaces)"));
    }
    Ok(())
}
