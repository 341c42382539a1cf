//! The `/api/…` routes: the CLI's requests over HTTP, answered with the CLI's own JSON.
//!
//! Every route reads its parameters from the URL's query string ([`Pairs`]: an unknown
//! parameter is a 400 that names it, not silently ignored), validates them with the same
//! [`validate`] step as `gisa search` (with the server's [`ServeLimits`]) before any index
//! work, then runs on the blocking pool through the [`Gate`]. Hits are
//! `output::machine::hit_json` — exactly the `HIT` schema of `gisa search --format json` —
//! and facets `output::facets::json_value`; nothing here serializes a hit a second way.
//!
//! Article ids are looked up as terms of the index's `id` field, never joined to a path: an
//! id like `../x` or `/etc/passwd` is simply not an article (404).

use std::str::FromStr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use serde_json::{Value, json};

use super::app::AppState;
use super::limits::ApiError;
use super::snapshot::Snapshot;
use crate::archive::Counting;
use crate::archive::calendar::Interval;
use crate::archive::facets::Spec;
use crate::archive::trend::{self, Search};
use crate::index::schema::{StoredArticle, from_document};
use crate::output;
use crate::report::{self, ReportFile, RunOptions};
use crate::search::collapse::{self, Story};
use crate::search::{self, Params, Request, Sort, Syntax, validate};

type ApiResult = Result<Json<Value>, ApiError>;

/// The most queries one trend compares.
pub const MAX_TREND_QUERIES: usize = 5;
/// The longest id looked up (longer: 404 without a lookup).
const MAX_ID_BYTES: usize = 1_024;

/// A query string's parameters, in order (a name may repeat: `press=KBS&press=SBS`).
pub struct Pairs(Vec<(String, String)>);

impl Pairs {
    /// Decodes a query string, refusing names outside `known`.
    pub fn parse(raw: Option<&str>, known: &[&str]) -> Result<Pairs, ApiError> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
            .map_err(|e| ApiError::bad_request(format!("the query string cannot be read: {e}")))?;
        if let Some((k, _)) = pairs.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            return Err(ApiError::bad_request(format!("unknown parameter {k:?} (parameters: {})", known.join(", "))));
        }
        Ok(Pairs(pairs))
    }

    /// The value of a parameter given once (the last one when repeated); empty is absent.
    pub fn one(&self, name: &str) -> Option<String> {
        self.0.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone()).filter(|v| !v.trim().is_empty())
    }

    /// Every value of a parameter, a comma-separated value split.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned))
            .collect()
    }

    pub fn required(&self, name: &str) -> Result<String, ApiError> {
        self.one(name).ok_or_else(|| ApiError::bad_request(format!("missing parameter {name:?}")))
    }

    /// A number parameter.
    pub fn number(&self, name: &str) -> Result<Option<usize>, ApiError> {
        self.one(name)
            .map(|v| {
                v.trim().parse::<usize>().map_err(|_| ApiError::bad_request(format!("{name}: {v:?} is not a number")))
            })
            .transpose()
    }

    /// A yes/no parameter: `1`, `true`, `yes` or `0`, `false`, `no`; absent is no.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.one(name).as_deref().map(str::trim) {
            None | Some("0" | "false" | "no") => Ok(false),
            Some("1" | "true" | "yes") => Ok(true),
            Some(v) => Err(ApiError::bad_request(format!("{name}: {v:?} is not 1/true/yes or 0/false/no"))),
        }
    }

    /// A parameter read by its type's `FromStr`.
    pub fn parsed<T: FromStr<Err = String>>(&self, name: &str) -> Result<Option<T>, ApiError> {
        self.one(name).map(|v| v.parse::<T>().map_err(|e| ApiError::bad_request(format!("{name}: {e}")))).transpose()
    }
}

/// The search parameters shared by `/api/search` and `/api/trend`.
const FILTERS: [&str; 6] = ["q", "since", "until", "press", "any", "fixed"];

/// A request's `Params` from the shared parameters, the press names made canonical.
fn params(st: &AppState, p: &Pairs, query: String) -> Result<Params, ApiError> {
    Ok(Params {
        syntax: if p.flag("fixed")? { Syntax::Fixed } else { Syntax::Lenient },
        any: p.flag("any")?,
        since: p.one("since"),
        until: p.one("until"),
        press: p.all("press").iter().map(|s| st.press.canonical_or_same(s)).collect(),
        ..Params::new(query)
    })
}

fn checked(st: &AppState, params: &Params) -> Result<Request, ApiError> {
    validate::validate(params, crate::time::now(), &st.limits.request())
        .map_err(|e| ApiError::bad_request(e.to_string()))
}

/// The request with Latin words typed in English mode read as Hangul, and the note saying so.
fn keyboard(snap: &Snapshot, searcher: &tantivy::Searcher, req: Request) -> Result<(Request, Value), ApiError> {
    match search::keyboard_fixes(&snap.ix, searcher, &req).map_err(|e| ApiError::internal(&e))? {
        Some((fixed, fixes)) => {
            let note = json!({
                "note": crate::commands::search::keyboard_note(&fixes),
                "fixes": fixes.iter().map(|(typed, read)| json!({"typed": typed, "read": read})).collect::<Vec<_>>(),
            });
            Ok((fixed, note))
        }
        None => Ok((req, Value::Null)),
    }
}

/// `GET /api/search`: a page of hits in the `HIT` schema, the total, and (with `facets`)
/// counts by press, month, … of every match.
pub async fn search(State(st): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    let mut known = FILTERS.to_vec();
    known.extend(["sort", "limit", "offset", "fragments", "facets", "facet_limit", "collapse"]);
    let p = Pairs::parse(raw.as_deref(), &known)?;
    let limit = p.number("limit")?.unwrap_or(10);
    if limit > st.limits.max_limit {
        return Err(ApiError::bad_request(format!(
            "limit: at most {} hits per page, not {limit}",
            st.limits.max_limit
        )));
    }
    let offset = p.number("offset")?.unwrap_or(0);
    if offset > st.limits.max_offset {
        return Err(ApiError::bad_request(format!("offset: paging stops at {}, not {offset}", st.limits.max_offset)));
    }
    let params = Params {
        sort: p.parsed::<Sort>("sort")?.unwrap_or(Sort::Relevance),
        limit,
        offset,
        fragments: p.number("fragments")?.unwrap_or(2),
        ..params(&st, &p, p.required("q")?)?
    };
    let req = checked(&st, &params)?;
    let spec = match p.all("facets") {
        f if f.is_empty() => None,
        f => Some(
            Spec::parse(&f, p.number("facet_limit")?.unwrap_or(crate::archive::facets::DEFAULT_LIMIT))
                .map_err(|e| ApiError::bad_request(format!("facets: {e}")))?,
        ),
    };
    let collapsed = p.flag("collapse")?;
    let state = Arc::clone(&st);
    st.gate
        .run(move || {
            let snap = state.archive.current();
            let searcher = snap.reader.searcher();
            let reading_note = req.query.reading_note();
            let (req, keyboard) = keyboard(&snap, &searcher, req)?;
            let tally = spec.as_ref().map(|s| s.collector(Counting::Articles));
            let internal = |e: anyhow::Error| ApiError::internal(&e);
            let (results, fruit) = if collapsed {
                let results = collapse::search(&snap.ix, &searcher, &req, &snap.stories).map_err(internal)?;
                let fruit = match &tally {
                    Some(t) => search::search_with(&snap.ix, &searcher, &req, Some(t.clone())).map_err(internal)?.1,
                    None => None,
                };
                (results, fruit)
            } else {
                let (mut results, fruit) =
                    search::search_with(&snap.ix, &searcher, &req, tally.clone()).map_err(internal)?;
                collapse::annotate(&mut results.hits, &snap.stories);
                (results, fruit)
            };
            let mut doc = output::machine::document(&results);
            doc["offset"] = json!(req.offset);
            doc["limit"] = json!(req.limit);
            doc["ignored"] = json!(results.ignored);
            doc["reading_note"] = json!(reading_note);
            doc["keyboard"] = keyboard;
            if let (Some(spec), Some(tally), Some(fruit)) = (&spec, &tally, &fruit) {
                doc["facets"] = output::facets::json_value(&spec.facets(tally, fruit));
            }
            Ok(Json(doc))
        })
        .await
}

/// The article with this id, if the index holds one (the id field only: never a path).
fn article_by_id(snap: &Snapshot, searcher: &tantivy::Searcher, id: &str) -> anyhow::Result<Option<StoredArticle>> {
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::IndexRecordOption;
    let q = TermQuery::new(tantivy::Term::from_field_text(snap.ix.fields.id, id), IndexRecordOption::Basic);
    let Some((_, addr)) = searcher.search(&q, &TopDocs::with_limit(1).order_by_score())?.into_iter().next() else {
        return Ok(None);
    };
    let doc: tantivy::TantivyDocument = searcher.doc(addr)?;
    Ok(Some(from_document(&snap.ix.fields, &doc)))
}

/// `GET /api/articles/{id}`: every stored field, the whole body, and the article's story
/// group (`story`, `copies`: the other members with title, date, press, path and url,
/// earliest first) when the index keeps story groups.
pub async fn article(State(st): State<Arc<AppState>>, Path(id): Path<String>, RawQuery(raw): RawQuery) -> ApiResult {
    Pairs::parse(raw.as_deref(), &[])?;
    if id.len() > MAX_ID_BYTES || id.is_empty() {
        return Err(ApiError::not_found("no article with this id"));
    }
    let state = Arc::clone(&st);
    st.gate
        .run(move || {
            let snap = state.archive.current();
            let searcher = snap.reader.searcher();
            let internal = |e: anyhow::Error| ApiError::internal(&e);
            let Some(a) = article_by_id(&snap, &searcher, &id).map_err(internal)? else {
                return Err(ApiError::not_found(format!("no article with id {id:?}")));
            };
            let mut v = serde_json::to_value(&a).map_err(|e| internal(e.into()))?;
            // The decoded name, and the exact bytes when it is not UTF-8 (as `gisa show`).
            crate::output::machine::set_path(&mut v, &a.path);
            let story = snap.stories.present.then(|| Story::of(&snap.stories, &a.id));
            let mut copies = Vec::new();
            if let Some(group) = snap.stories.group(&a.id) {
                for m in group.members.iter().filter(|m| m.id != a.id) {
                    if let Some(c) = article_by_id(&snap, &searcher, &m.id).map_err(internal)? {
                        let mut copy =
                            json!({"id": c.id, "title": c.title, "date": c.date, "press": c.press, "url": c.url});
                        crate::output::machine::set_path(&mut copy, &c.path);
                        copies.push(copy);
                    }
                }
            }
            v["story"] = json!(story.map(|s| s.id));
            v["copies"] = json!(copies);
            Ok(Json(v))
        })
        .await
}

/// `GET /api/stats`: what `gisa stats --format json` says (counted once per commit).
pub async fn stats(State(st): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    Pairs::parse(raw.as_deref(), &[])?;
    let state = Arc::clone(&st);
    st.gate
        .run(move || {
            let snap = state.archive.current();
            if let Some(v) = snap.stats.get() {
                return Ok(Json(v.clone()));
            }
            let s = crate::index::stats::collect(&snap.ix).map_err(|e| ApiError::internal(&e))?;
            let v = serde_json::to_value(&s).map_err(|e| ApiError::internal(&e.into()))?;
            Ok(Json(snap.stats.get_or_init(|| v).clone()))
        })
        .await
}

/// `GET /api/trend?q=…[&q=…]&by=day|week|month|year`: matching articles per period, the
/// JSON of `gisa trend --format json`.
pub async fn trend(State(st): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    let mut known = FILTERS.to_vec();
    known.push("by");
    let p = Pairs::parse(raw.as_deref(), &known)?;
    let queries: Vec<String> =
        p.0.iter().filter(|(k, _)| k == "q").map(|(_, v)| v.clone()).filter(|v| !v.trim().is_empty()).collect();
    if queries.is_empty() {
        return Err(ApiError::bad_request("missing parameter \"q\""));
    }
    if queries.len() > MAX_TREND_QUERIES {
        return Err(ApiError::bad_request(format!("q: at most {MAX_TREND_QUERIES} queries side by side")));
    }
    let by = match p.one("by").as_deref() {
        None | Some("auto") => None,
        Some(b) => Some(Interval::from_str(b).map_err(|e| ApiError::bad_request(format!("by: {e}")))?),
    };
    let mut requests = Vec::with_capacity(queries.len());
    for q in &queries {
        requests.push(checked(&st, &Params { limit: 0, fragments: 0, ..params(&st, &p, q.clone())? })?);
    }
    let state = Arc::clone(&st);
    st.gate
        .run(move || {
            let snap = state.archive.current();
            let searcher = snap.reader.searcher();
            let mut fixed = Vec::with_capacity(requests.len());
            for r in requests {
                fixed.push(keyboard(&snap, &searcher, r)?.0);
            }
            let compiled: Vec<_> = fixed.iter().map(|r| search::compile(&snap.ix, &r.query, r.any)).collect();
            let searches: Vec<Search> = queries
                .iter()
                .zip(&fixed)
                .zip(&compiled)
                .map(|((q, request), compiled)| Search { label: q.clone(), compiled, request })
                .collect();
            let t = trend::trend(&snap.ix, &searcher, &searches, by, Counting::Articles, crate::time::now()).map_err(
                |e| match e.downcast_ref::<trend::TooLong>() {
                    Some(long) => ApiError::bad_request(long.to_string()),
                    None => ApiError::internal(&e),
                },
            )?;
            serde_json::to_value(&t).map(Json).map_err(|e| ApiError::internal(&e.into()))
        })
        .await
}

/// Hits per saved search in `/api/reports`.
const REPORT_HITS: usize = 5;

/// `GET /api/reports[?since=…]`: the saved searches of `--report FILE` (read again on every
/// request, so edits show), each with its total, how many of its articles are dated since
/// `since` (the page passes its last visit) and the newest of those — the JSON digest of
/// `gisa report --format json`, with `total` over all time and `new` since `since`.
pub async fn reports(State(st): State<Arc<AppState>>, RawQuery(raw): RawQuery) -> ApiResult {
    let p = Pairs::parse(raw.as_deref(), &["since"])?;
    let Some(path) = st.report.clone() else {
        return Ok(Json(json!({"report": null, "since": null, "searches": []})));
    };
    let now = crate::time::now();
    let since = p
        .one("since")
        .map(|s| {
            search::dates::parse(&s, search::dates::Bound::Since, now)
                .map_err(|e| ApiError::bad_request(format!("since: {e}")))
        })
        .transpose()?;
    let state = Arc::clone(&st);
    st.gate
        .run(move || {
            let snap = state.archive.current();
            let file = ReportFile::load(&path).map_err(|e| ApiError::internal(&e))?;
            digest(&snap, &file, &path, since, now).map(Json).map_err(|e| ApiError::internal(&e))
        })
        .await
}

fn digest(
    snap: &Snapshot,
    file: &ReportFile,
    path: &std::path::Path,
    since: Option<chrono::DateTime<chrono::FixedOffset>>,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> anyhow::Result<Value> {
    let opts = RunOptions { new: false, since: None, limit: Some(REPORT_HITS), now };
    let (all, _) = report::run(&snap.ix, file, path, &opts)?;
    let mut v = report::render::json_value(&all);
    if let Some(since) = since {
        let opts = RunOptions { since: Some(since), ..opts };
        let (window, _) = report::run(&snap.ix, file, path, &opts)?;
        let fresh = report::render::json_value(&window);
        if let (Some(searches), Some(new)) = (v["searches"].as_array_mut(), fresh["searches"].as_array()) {
            for (s, n) in searches.iter_mut().zip(new) {
                s["new"] = n["total"].clone();
                s["hits"] = n["hits"].clone();
            }
        }
    }
    v["report"] = json!(path.display().to_string());
    v["since"] = json!(since.map(|s| s.to_rfc3339()));
    Ok(v)
}
