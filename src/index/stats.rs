//! `gisa stats`: what is in an index — the first thing to check after indexing, and a cron
//! health check. Counts come from the fast fields of every live document.

use std::collections::BTreeMap;

use anyhow::Result;
use serde::Serialize;

use super::state::State;
use super::{DictionaryIdentity, GisaIndex, dir_size};
use crate::analysis::AnalyzerOptions;
use crate::time;

/// Files known to the index, by what became of them.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileCounts {
    pub tracked: usize,
    pub indexed: usize,
    pub duplicate: usize,
    pub skipped: usize,
    pub failed: usize,
}

/// Everything `gisa stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub index: String,
    pub source: String,
    pub articles: u64,
    pub files: FileCounts,
    /// First and last article date (RFC 3339, KST).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Articles whose year was inferred or whose date is the file's time.
    pub inferred_dates: u64,
    /// Articles per press, most first.
    pub by_press: Vec<(String, u64)>,
    /// Articles per month (`YYYY-MM`, KST), in order.
    pub by_month: Vec<(String, u64)>,
    pub by_category: Vec<(String, u64)>,
    pub size_bytes: u64,
    pub segments: usize,
    pub dictionary: DictionaryIdentity,
    pub analyzer_fingerprint: String,
    pub analyzer: AnalyzerOptions,
    pub created: String,
    /// When the last commit was written (RFC 3339, KST).
    pub updated: Option<String>,
}

fn sorted_desc(map: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Collects the statistics of an index.
pub fn collect(ix: &GisaIndex) -> Result<Stats> {
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let mut by_press = BTreeMap::new();
    let mut by_month = BTreeMap::new();
    let mut by_category = BTreeMap::new();
    let (mut first, mut last): (Option<i64>, Option<i64>) = (None, None);
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let date = ff.date("date")?;
        let press = ff.str("press")?;
        let category = ff.str("category")?;
        let slots = |c: &Option<tantivy::columnar::StrColumn>| vec![0u64; c.as_ref().map_or(0, |c| c.num_terms()) + 1];
        let (mut press_counts, mut category_counts) = (slots(&press), slots(&category));
        for doc in seg.doc_ids_alive() {
            if let Some(d) = date.first(doc) {
                let secs = d.into_timestamp_secs();
                first = Some(first.map_or(secs, |f| f.min(secs)));
                last = Some(last.map_or(secs, |l| l.max(secs)));
                if let Some(t) = time::from_timestamp(secs) {
                    *by_month.entry(t.format("%Y-%m").to_string()).or_insert(0u64) += 1;
                }
            }
            for (col, counts) in [(&press, &mut press_counts), (&category, &mut category_counts)] {
                let ord = col.as_ref().and_then(|c| c.term_ords(doc).next());
                // The last slot counts documents without a value.
                let slot = ord.map_or(counts.len() - 1, |o| (o as usize).min(counts.len() - 1));
                counts[slot] += 1;
            }
        }
        for (col, counts, map) in
            [(&press, &press_counts, &mut by_press), (&category, &category_counts, &mut by_category)]
        {
            let names = col.as_ref().map(super::strings_by_ord).transpose()?.unwrap_or_default();
            for (i, &n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                let name = names.get(i).map_or("-", String::as_str);
                *map.entry(name.to_owned()).or_insert(0u64) += n;
            }
        }
    }
    let mut inferred = 0u64;
    for source in ["inferred_year", "file_time"] {
        let term = tantivy::Term::from_field_text(ix.fields.date_source, source);
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        inferred += searcher.search(&query, &tantivy::collector::Count)? as u64;
    }
    let payload = ix.index.load_metas()?.payload;
    // The counts at the head of the record file; the records themselves only from a file of
    // an earlier version.
    let (tracked, (indexed, duplicate, skipped, failed)) = State::load_counts(&ix.dir, payload.as_deref())
        .unwrap_or_else(|| {
            let state = State::load(&ix.dir, payload.as_deref()).unwrap_or_default();
            (state.files.len(), state.counts())
        });
    let updated = std::fs::metadata(ix.dir.join("meta.json"))
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| time::file_time(t).ok())
        .map(|t| t.to_rfc3339());
    let to_rfc = |secs: i64| time::from_timestamp(secs).map(|t| t.to_rfc3339());
    Ok(Stats {
        index: ix.dir.display().to_string(),
        source: ix.meta.source.display().to_string(),
        articles: searcher.num_docs(),
        files: FileCounts { tracked, indexed, duplicate, skipped, failed },
        first_date: first.and_then(to_rfc),
        last_date: last.and_then(to_rfc),
        inferred_dates: inferred,
        by_press: sorted_desc(by_press),
        by_month: by_month.into_iter().collect(),
        by_category: sorted_desc(by_category),
        size_bytes: dir_size(&ix.dir),
        segments: searcher.segment_readers().len(),
        dictionary: ix.meta.dictionary.clone(),
        analyzer_fingerprint: ix.meta.analyzer_fingerprint.clone(),
        analyzer: ix.meta.analyzer.clone(),
        created: ix.meta.created.clone(),
        updated,
    })
}
