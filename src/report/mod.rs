//! Reports: saved searches run together, as one digest of what is new since the last run.
//!
//! People script gisa into cron: re-index the folder where articles land, then mail
//! themselves what is new for the topics they follow. A report file (TOML) names the
//! searches; `gisa report FILE --new` runs them all in one process (one index open, one
//! dictionary load) and shows, per search, only articles that no earlier run of this report
//! has shown. What was shown is kept per report and per search in the index folder
//! (`gisa-reports/`), written atomically and only after the whole digest was written: a
//! failed or interrupted run shows the same articles again next time. Rendering is in
//! [`render`].

pub mod render;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use crate::index::GisaIndex;
use crate::search::{self, Hit, Request, Sort, dates};
use crate::time::kst;

/// Folder inside the index that keeps what each report has shown.
pub const STATE_DIR: &str = "gisa-reports";

/// Digest formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

/// One saved search of a report file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SavedSearch {
    /// Name of the search (unique in the file): the heading of its section.
    pub name: String,
    /// The query, in `gisa search`'s language.
    pub query: String,
    #[serde(default)]
    pub any: bool,
    /// One press name or a list of them.
    #[serde(default, deserialize_with = "one_or_many")]
    pub press: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Option<String>,
    /// Hits shown (default: the report's `limit`).
    pub limit: Option<usize>,
}

/// A report file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReportFile {
    /// Title of the digest.
    pub title: Option<String>,
    /// Default format (the command line wins).
    pub format: Option<Format>,
    /// Default number of hits per search.
    pub limit: Option<usize>,
    /// Days covered by the chart of each search (default 30).
    pub chart_days: Option<u32>,
    #[serde(rename = "search", default)]
    pub searches: Vec<SavedSearch>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

impl ReportFile {
    /// Reads and checks a report file; errors name the file and the line.
    pub fn load(path: &Path) -> Result<ReportFile> {
        let text = fs::read_to_string(path).with_context(|| format!("cannot read report file {}", path.display()))?;
        Self::parse(&text).map_err(|e| anyhow!("{}:{e}", path.display()))
    }

    /// Parses report text; errors read `LINE: message`.
    pub fn parse(text: &str) -> Result<ReportFile> {
        let file: ReportFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            anyhow!("{line}: {}", e.message().replace('\n', " "))
        })?;
        let line_of = |needle: &str| text.find(needle).map_or(1, |at| text[..at].matches('\n').count() + 1);
        if file.searches.is_empty() {
            bail!("1: the report has no [[search]] sections");
        }
        let mut names = BTreeSet::new();
        for s in &file.searches {
            let line = line_of(&format!("\"{}\"", s.name));
            if s.name.trim().is_empty() {
                bail!("{line}: a search needs a name");
            }
            if !names.insert(s.name.clone()) {
                bail!("{line}: two searches are named {:?}", s.name);
            }
            if let Err(e) = search::query::parse(&s.query) {
                bail!("{}: search {:?}: {e}", line_of(&s.query), s.name);
            }
            let now = chrono::Utc::now().with_timezone(&kst());
            for (what, v, bound) in [("since", &s.since, dates::Bound::Since), ("until", &s.until, dates::Bound::Until)]
            {
                if let Some(v) = v
                    && let Err(e) = dates::parse(v, bound, now)
                {
                    bail!("{line}: search {:?}: {what}: {e}", s.name);
                }
            }
            if let Some(sort) = &s.sort
                && parse_sort(sort).is_none()
            {
                bail!("{line}: search {:?}: sort must be relevance, date or -date, not {sort:?}", s.name);
            }
        }
        Ok(file)
    }
}

fn parse_sort(s: &str) -> Option<Sort> {
    match s {
        "relevance" => Some(Sort::Relevance),
        "date" => Some(Sort::Date),
        "-date" => Some(Sort::NewestFirst),
        _ => None,
    }
}

/// What a report run is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Only articles no earlier run of this report has shown.
    New,
    /// Articles from a time window (`--since`).
    Window,
    /// The saved searches as they are.
    All,
}

/// Options of one run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub new: bool,
    /// `--since`: a window for every search (overrides their own `since`).
    pub since: Option<DateTime<FixedOffset>>,
    pub limit: Option<usize>,
    pub now: DateTime<FixedOffset>,
}

/// One search's part of the digest.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub name: String,
    pub query: String,
    /// Articles matching the search (within its filters).
    pub total: usize,
    /// Of those, not shown by an earlier run (`--new`), else equal to `total`.
    pub new: usize,
    pub hits: Vec<Hit>,
    /// Matching articles per day over the chart window, oldest first, zeros included.
    pub histogram: Vec<(NaiveDate, u64)>,
    /// Query words left out (no indexed term in them).
    pub ignored: Vec<String>,
}

/// A whole digest.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub title: String,
    pub generated: String,
    pub mode: Mode,
    pub index: String,
    pub sections: Vec<Section>,
}

impl Digest {
    /// Whether anything was reported (the exit status: 0 if so, 1 if not).
    pub fn has_hits(&self) -> bool {
        self.sections.iter().any(|s| !s.hits.is_empty())
    }
}

/// What a report has shown, per search: article ids.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReportState {
    pub report: String,
    pub searches: BTreeMap<String, BTreeSet<String>>,
    pub last_run: Option<String>,
}

/// Where the state of a report file lives in an index.
pub fn state_path(index_dir: &Path, report: &Path) -> PathBuf {
    let canonical = report.canonicalize().unwrap_or_else(|_| report.to_path_buf());
    let hash = hex::encode(&Sha256::digest(canonical.to_string_lossy().as_bytes())[..8]);
    let stem = report.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "report".into());
    let stem: String =
        stem.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    index_dir.join(STATE_DIR).join(format!("{stem}-{hash}.json"))
}

impl ReportState {
    pub fn load(path: &Path) -> Result<ReportState> {
        match fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is damaged; delete it to start over", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ReportState::default()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Writes the state atomically: a temporary file, fsynced, renamed over the old one.
    pub fn save(&self, path: &Path) -> Result<()> {
        let dir = path.parent().ok_or_else(|| anyhow!("bad state path {}", path.display()))?;
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let tmp = dir.join(format!(
            ".{}.tmp-{}",
            path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(),
            std::process::id()
        ));
        {
            let mut f = fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
            std::io::Write::write_all(&mut f, &serde_json::to_vec_pretty(self)?)?;
            f.sync_all()?;
        }
        fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
        Ok(())
    }
}

/// Runs every search of a report. With `--new`, returns the state to save once the digest
/// has been written.
pub fn run(ix: &GisaIndex, file: &ReportFile, report_path: &Path, opts: &RunOptions) -> Result<(Digest, ReportState)> {
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let state_file = state_path(&ix.dir, report_path);
    let mut state = if opts.new { ReportState::load(&state_file)? } else { ReportState::default() };
    state.report = report_path.display().to_string();
    let chart_days = file.chart_days.unwrap_or(30).clamp(1, 366) as i64;
    let mut sections = Vec::with_capacity(file.searches.len());
    for s in &file.searches {
        let mut req = Request::new(s.query.clone());
        req.any = s.any;
        req.press = s.press.clone();
        let date = |v: &Option<String>, bound| {
            dates::parse_option(v.as_deref(), bound, opts.now).map_err(|e| anyhow!("{}: {e}", s.name))
        };
        // The command line's --since wins over the search's own.
        req.since = match opts.since {
            Some(d) => Some(d),
            None => date(&s.since, dates::Bound::Since)?,
        };
        req.until = date(&s.until, dates::Bound::Until)?;
        req.sort = s.sort.as_deref().and_then(parse_sort).unwrap_or(if opts.new {
            Sort::NewestFirst
        } else {
            Sort::Relevance
        });
        req.limit = opts.limit.or(s.limit).or(file.limit).unwrap_or(5);
        req.fragments = 1;
        // All matches, for the counts.
        let total = search::search(ix, &searcher, &Request { limit: 0, ..req.clone() })?.total;
        let seen = state.searches.entry(s.name.clone()).or_default();
        if opts.new {
            req.exclude_ids = seen.iter().cloned().collect();
        }
        let results = search::search(ix, &searcher, &req)?;
        if opts.new {
            seen.extend(results.hits.iter().map(|h| h.article.id.clone()));
        }
        // The chart: every matching article per day, over the `chart_days` days up to the
        // latest matching article (today at the latest), or from the search's `since`.
        let counts = search::histogram(ix, &searcher, &Request { exclude_ids: Vec::new(), ..req.clone() })?;
        let today = req.until.unwrap_or(opts.now).date_naive();
        let end = counts.keys().next_back().copied().map_or(today, |last| last.min(today));
        let mut start = end - Duration::days(chart_days - 1);
        if let Some(since) = req.since {
            start = start.max(since.date_naive()).min(end);
        }
        let chart_days = (end - start).num_days() + 1;
        let histogram = (0..chart_days)
            .map(|i| {
                let day = start + Duration::days(i);
                (day, counts.get(&day).copied().unwrap_or(0))
            })
            .collect();
        sections.push(Section {
            name: s.name.clone(),
            query: s.query.clone(),
            total,
            new: if opts.new { results.total } else { total },
            hits: results.hits,
            histogram,
            ignored: results.ignored,
        });
    }
    state.last_run = Some(opts.now.to_rfc3339());
    let mode = if opts.new {
        Mode::New
    } else if opts.since.is_some() {
        Mode::Window
    } else {
        Mode::All
    };
    let digest = Digest {
        title: file.title.clone().unwrap_or_else(|| {
            report_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "gisa report".into())
        }),
        generated: opts.now.to_rfc3339(),
        mode,
        index: ix.dir.display().to_string(),
        sections,
    };
    Ok((digest, state))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_files_parse_and_errors_carry_the_line() {
        let ok = r#"
title = "아침 브리핑"
limit = 3

[[search]]
name = "반도체"
query = "삼성전자 반도체"
press = "연합뉴스"

[[search]]
name = "AI"
query = "AI OR 인공지능"
press = ["한겨레", "KBS"]
since = "7d"
sort = "-date"
"#;
        let f = ReportFile::parse(ok).unwrap();
        assert_eq!(f.searches.len(), 2);
        assert_eq!(f.searches[0].press, ["연합뉴스"]);
        assert_eq!(f.searches[1].press, ["한겨레", "KBS"]);
        for (text, line, what) in [
            ("[[search]]\nname = \"a\"\nquery = \"x\"\nlimit = \"many\"\n", 4, "invalid type"),
            ("title = \"x\"\n[[search]]\nname = \"a\"\nquery = \"x\" \"y\"\n", 4, ""),
            ("[[search]]\nname = \"a\"\nquery = \"(x\"\n", 3, "never closed"),
            ("[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"a\"\nquery = \"y\"\n", 2, "two searches"),
            ("[[search]]\nname = \"a\"\nquery = \"x\"\nsince = \"soon\"\n", 2, "not a date"),
            ("[[search]]\nname = \"a\"\nqeury = \"x\"\n", 3, "unknown field"),
            ("title = \"x\"\n", 1, "no [[search]]"),
        ] {
            let e = ReportFile::parse(text).expect_err(text).to_string();
            assert!(e.starts_with(&format!("{line}:")), "{text:?} → {e}");
            assert!(e.contains(what), "{text:?} → {e}");
            assert!(!e.contains('\n'));
        }
    }
}
