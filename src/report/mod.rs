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
pub mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use toml::Spanned;

use crate::archive::keywords::{self, Keyword};
use crate::index::GisaIndex;
use crate::index::stories::StoryIndex;
use crate::search::collapse;
use crate::search::validate::{self, Limits, Param, Params};
use crate::search::{self, Hit, Request, Sort, Syntax};
use crate::time::kst;

/// Folder inside the index that keeps what each report has shown.
pub const STATE_DIR: &str = "gisa-reports";

/// Digest formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

/// One saved search of a report file, checked when the file was loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedSearch {
    /// Name of the search (unique in the file): the heading of its section.
    pub name: String,
    /// The query, in `gisa search`'s language, read strictly.
    pub query: String,
    pub any: bool,
    /// One press name or a list of them.
    pub press: Vec<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub sort: Option<Sort>,
    /// Hits shown (default: the report's `limit`).
    pub limit: Option<usize>,
    /// Whether the section says which words are unusually frequent in its hits.
    pub keywords: bool,
    /// One hit per story (default: the report's `collapse`).
    pub collapse: Option<bool>,
    /// Lines of the file (1-based) where the search's name and its parameters stand, for
    /// messages.
    pub lines: Lines,
}

/// Where a saved search's keys stand in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Lines {
    pub name: usize,
    pub query: usize,
    pub since: Option<usize>,
    pub until: Option<usize>,
}

impl Lines {
    /// The line of a parameter (the name's line for one the file does not give).
    pub fn of(&self, param: Param) -> usize {
        match param {
            Param::Query => self.query,
            Param::Since => self.since.unwrap_or(self.name),
            Param::Until => self.until.unwrap_or(self.name),
            _ => self.name,
        }
    }
}

impl SavedSearch {
    /// The search's request parameters: its query read strictly (a typo in a saved search
    /// is an error, not plain text), its own filters, order and limit.
    pub fn params(&self, sort: Sort, limit: usize) -> Params {
        Params {
            query: self.query.clone(),
            syntax: Syntax::Strict,
            any: self.any,
            since: self.since.clone(),
            until: self.until.clone(),
            press: self.press.clone(),
            sort: self.sort.unwrap_or(sort),
            limit,
            offset: 0,
            fragments: 1,
        }
    }
}

/// A report file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportFile {
    /// Title of the digest.
    pub title: Option<String>,
    /// Default format (the command line wins).
    pub format: Option<Format>,
    /// Default number of hits per search.
    pub limit: Option<usize>,
    /// Days covered by the chart of each search (default 30).
    pub chart_days: Option<u32>,
    /// The digest's own words and dates: Korean unless `lang = "en"`.
    pub lang: words::Lang,
    /// One hit per story, its other copies named (default true; `collapse = false` lists
    /// every copy).
    pub collapse: Option<bool>,
    pub searches: Vec<SavedSearch>,
}

/// A report file as TOML holds it, with the places of the values messages point at.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    title: Option<String>,
    format: Option<Format>,
    limit: Option<usize>,
    chart_days: Option<u32>,
    #[serde(default)]
    lang: words::Lang,
    /// The default of every search's `keywords`.
    #[serde(default)]
    keywords: bool,
    collapse: Option<bool>,
    #[serde(rename = "search", default)]
    searches: Vec<RawSearch>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSearch {
    name: Spanned<String>,
    query: Spanned<String>,
    #[serde(default)]
    any: bool,
    #[serde(default, deserialize_with = "one_or_many")]
    press: Vec<String>,
    since: Option<Spanned<String>>,
    until: Option<Spanned<String>>,
    sort: Option<Spanned<String>>,
    limit: Option<usize>,
    keywords: Option<bool>,
    collapse: Option<bool>,
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

    /// Parses report text and checks every saved search as a request (query, dates, sort),
    /// as [`validate`] does for `gisa search`, but strictly; errors read `LINE: message`.
    pub fn parse(text: &str) -> Result<ReportFile> {
        let line_at = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(1, |s| line_at(s.start));
            anyhow!("{line}: {}", e.message().replace('\n', " "))
        })?;
        if raw.searches.is_empty() {
            bail!("1: the report has no [[search]] sections");
        }
        let now = chrono::Utc::now().with_timezone(&kst());
        let mut names = BTreeSet::new();
        let mut searches = Vec::with_capacity(raw.searches.len());
        for r in raw.searches {
            let lines = Lines {
                name: line_at(r.name.span().start),
                query: line_at(r.query.span().start),
                since: r.since.as_ref().map(|s| line_at(s.span().start)),
                until: r.until.as_ref().map(|s| line_at(s.span().start)),
            };
            let name = r.name.into_inner();
            if name.trim().is_empty() {
                bail!("{}: a search needs a name", lines.name);
            }
            if !names.insert(name.clone()) {
                bail!("{}: two searches are named {name:?}", lines.name);
            }
            let sort = match r.sort {
                Some(s) => {
                    let line = line_at(s.span().start);
                    Some(s.into_inner().parse::<Sort>().map_err(|e| anyhow!("{line}: search {name:?}: {e}"))?)
                }
                None => None,
            };
            let search = SavedSearch {
                name,
                query: r.query.into_inner(),
                any: r.any,
                press: r.press,
                since: r.since.map(Spanned::into_inner),
                until: r.until.map(Spanned::into_inner),
                sort,
                limit: r.limit,
                keywords: r.keywords.unwrap_or(raw.keywords),
                collapse: r.collapse,
                lines,
            };
            search.check(now)?;
            searches.push(search);
        }
        Ok(ReportFile {
            title: raw.title,
            format: raw.format,
            limit: raw.limit,
            chart_days: raw.chart_days,
            lang: raw.lang,
            collapse: raw.collapse,
            searches,
        })
    }
}

impl SavedSearch {
    /// The search's request, validated (errors read `LINE: search "name": message`).
    fn request(&self, sort: Sort, limit: usize, now: DateTime<FixedOffset>) -> Result<Request> {
        validate::validate(&self.params(sort, limit), now, &Limits::DEFAULT)
            .map_err(|e| anyhow!("{}: search {:?}: {e}", self.lines.of(e.param), self.name))
    }

    fn check(&self, now: DateTime<FixedOffset>) -> Result<()> {
        self.request(Sort::Relevance, 0, now).map(|_| ())
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
    /// Articles matching the search (within its filters) — stories, when `collapsed`.
    pub total: usize,
    /// Of those, not shown by an earlier run (`--new`), else equal to `total`.
    pub new: usize,
    /// One hit per story: `total` and `new` count stories, a story shown once is not new
    /// again in a later copy.
    pub collapsed: bool,
    pub hits: Vec<Hit>,
    /// Matching articles per day over the chart window, oldest first, zeros included.
    pub histogram: Vec<(NaiveDate, u64)>,
    /// Query words left out (no indexed term in them).
    pub ignored: Vec<String>,
    /// The words unusually frequent in the reported articles against the whole archive
    /// (`keywords = true`; `None` when not asked for).
    pub keywords: Option<Vec<Keyword>>,
}

/// A whole digest.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub title: String,
    pub generated: String,
    pub mode: Mode,
    pub index: String,
    /// The language of the digest's own words (not in the JSON digest).
    #[serde(skip)]
    pub lang: words::Lang,
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
    let stories = std::sync::Arc::new(StoryIndex::open(&ix.dir)?);
    let mut sections = Vec::with_capacity(file.searches.len());
    for s in &file.searches {
        let default_sort = if opts.new { Sort::NewestFirst } else { Sort::Relevance };
        let limit = opts.limit.or(s.limit).or(file.limit).unwrap_or(5);
        let mut req =
            s.request(default_sort, limit, opts.now).map_err(|e| anyhow!("{}: {e}", report_path.display()))?;
        // The command line's --since wins over the search's own.
        if opts.since.is_some() {
            req.since = opts.since;
        }
        let compiled = search::compile(ix, &req.query, req.any);
        let collapsed = s.collapse.or(file.collapse).unwrap_or(true) && stories.present;
        // All matches, for the counts.
        let total = if collapsed {
            collapse::count_stories(&searcher, &*search::run::filtered(&ix.fields, &compiled, &req), &stories)?
        } else {
            search::run::count(ix, &searcher, &compiled, &req)?
        };
        let seen = state.searches.entry(s.name.clone()).or_default();
        if opts.new {
            // A story shown once, in any copy, is not new again.
            req.exclude_ids = if collapsed {
                collapse::with_copies(seen.iter().cloned(), &stories)
            } else {
                seen.iter().cloned().collect()
            };
        }
        let (results, new) = if collapsed {
            let results = collapse::search(ix, &searcher, &req, &stories)?;
            let filtered = search::run::filtered(&ix.fields, &compiled, &req);
            let new = if opts.new { collapse::count_stories(&searcher, &*filtered, &stories)? } else { total };
            (results, new)
        } else {
            let mut results = search::run::run(ix, &searcher, &compiled, &req)?;
            collapse::annotate(&mut results.hits, &stories);
            let new = if opts.new { results.total } else { total };
            (results, new)
        };
        let keywords = if s.keywords { Some(section_keywords(ix, &searcher, &compiled, &req)?) } else { None };
        if opts.new {
            seen.extend(results.hits.iter().map(|h| h.article.id.clone()));
        }
        // The chart: every matching article per day, over the `chart_days` days up to the
        // latest matching article (today at the latest), or from the search's `since`.
        let counts =
            search::run::histogram(ix, &searcher, &compiled, &Request { exclude_ids: Vec::new(), ..req.clone() })?;
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
            new,
            collapsed,
            hits: results.hits,
            histogram,
            ignored: results.ignored,
            keywords,
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
        lang: file.lang,
        sections,
    };
    Ok((digest, state))
}

/// The significant words of what a section reports: the first [`keywords::SAMPLE`] of its
/// matching articles (the new ones with `--new`), in the section's order, against the whole
/// archive, the query's own words left out.
fn section_keywords(
    ix: &GisaIndex,
    searcher: &tantivy::Searcher,
    compiled: &search::Compiled,
    req: &Request,
) -> Result<Vec<Keyword>> {
    let sample = Request { limit: keywords::SAMPLE, offset: 0, fragments: 0, ..req.clone() };
    let hits = search::run::run(ix, searcher, compiled, &sample)?.hits;
    let articles: Vec<_> = hits.iter().map(|h| &h.article).collect();
    let exclude = ix.analyzer.analyze(req.query.text()).into_iter().map(|t| t.text).collect();
    keywords::significant(ix, searcher, &articles, &exclude, keywords::MAX_KEYWORDS)
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
            ("[[search]]\nname = \"a\"\nquery = \"x\"\n[[search]]\nname = \"a\"\nquery = \"y\"\n", 5, "two searches"),
            ("[[search]]\nname = \"a\"\nquery = \"x\"\nsince = \"soon\"\n", 4, "not a date"),
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
