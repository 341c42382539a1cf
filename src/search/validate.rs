//! One validation step for every request: what a user asked ([`Params`], as typed on the
//! command line, in a report file or in a URL) checked into a [`Request`] the searcher can
//! run without surprises, or an [`Invalid`] that names the parameter.
//!
//! - The query is parsed with its [`Syntax`], at most [`Limits::max_query_chars`] characters
//!   and [`Limits::max_words`] words; groups nest at most [`MAX_DEPTH`] deep (counted
//!   without recursion before any tree is built, see [`super::query`]).
//! - Dates (`--since`, `--until`) are parsed with checked arithmetic ([`super::dates`]):
//!   `1000000000d` is an error, not a panic; `--since` after `--until` is an error.
//! - `limit`, `offset` and `fragments` are any numbers by default: the collector never asks
//!   for more than the index holds (`--limit 18446744073709551615` means every hit), and
//!   offset + limit cannot overflow. A server sets [`Limits::max_hits`] and
//!   [`Limits::max_fragments`] to bound what one request may cost.
//!
//! `gisa search`, `gisa report` and anything that takes a request later (a server, trends)
//! call [`validate`]; command-line types never reach the library.

use std::fmt;

use chrono::{DateTime, FixedOffset};

use super::dates::{self, Bound};
use super::query::{MAX_DEPTH, Query, Syntax};
use super::{Request, Sort};

/// What a request may ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Characters of the query.
    pub max_query_chars: usize,
    /// Words and phrases of the query.
    pub max_words: usize,
    /// Hits of one request (`limit`); offset + limit for paging.
    pub max_hits: usize,
    /// Fragments per hit.
    pub max_fragments: usize,
}

impl Limits {
    /// The limits of the command line and report files: queries up to 100,000 characters
    /// and 1,000 words, any number of hits and fragments.
    pub const DEFAULT: Limits =
        Limits { max_query_chars: 100_000, max_words: 1_000, max_hits: usize::MAX, max_fragments: usize::MAX };
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// A parameter of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    Query,
    Since,
    Until,
    Limit,
    Offset,
    Fragments,
}

impl Param {
    /// The parameter's name, as a report file and a URL spell it.
    pub fn name(self) -> &'static str {
        match self {
            Param::Query => "query",
            Param::Since => "since",
            Param::Until => "until",
            Param::Limit => "limit",
            Param::Offset => "offset",
            Param::Fragments => "fragments",
        }
    }

    /// The command-line option (`QUERY` for the query argument).
    pub fn flag(self) -> &'static str {
        match self {
            Param::Query => "QUERY",
            Param::Since => "--since",
            Param::Until => "--until",
            Param::Limit => "--limit",
            Param::Offset => "--offset",
            Param::Fragments => "--fragments",
        }
    }
}

/// A request that cannot run: which parameter and why (one line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub param: Param,
    pub message: String,
}

impl Invalid {
    /// The message for a command line: `bad query …` for the query (it names itself),
    /// `--since: …` for an option.
    pub fn for_command_line(&self) -> String {
        match self.param {
            Param::Query => self.message.clone(),
            p => format!("{}: {}", p.flag(), self.message),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.param {
            Param::Query => f.write_str(&self.message),
            p => write!(f, "{}: {}", p.name(), self.message),
        }
    }
}

impl std::error::Error for Invalid {}

/// A search as asked for, before any check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    pub query: String,
    pub syntax: Syntax,
    /// At least one word must match instead of all.
    pub any: bool,
    /// `--since` / `--until` as typed: `2024-06-01`, `7d`, `yesterday`, … (see [`dates`]).
    pub since: Option<String>,
    pub until: Option<String>,
    pub press: Vec<String>,
    pub sort: Sort,
    /// Hits to return (0: only count them).
    pub limit: usize,
    pub offset: usize,
    /// Fragments per hit (0: none).
    pub fragments: usize,
}

impl Params {
    /// The defaults of `gisa search` for `query` (strict syntax: `gisa search` reads
    /// leniently, report files strictly).
    pub fn new(query: impl Into<String>) -> Params {
        Params {
            query: query.into(),
            syntax: Syntax::Strict,
            any: false,
            since: None,
            until: None,
            press: Vec::new(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            fragments: 3,
        }
    }
}

/// Checks a whole request; relative dates count back from `now`.
pub fn validate(p: &Params, now: DateTime<FixedOffset>, limits: &Limits) -> Result<Request, Invalid> {
    validate_with(query(&p.query, p.syntax, limits)?, p, now, limits)
}

/// Checks a request around a query parsed already (or built by code with
/// [`Query::from_tree`]): the parameters but `query` and `syntax`, and the query's size.
pub fn validate_with(
    query: Query,
    p: &Params,
    now: DateTime<FixedOffset>,
    limits: &Limits,
) -> Result<Request, Invalid> {
    let words = query.tree().leaves().count();
    if words > limits.max_words {
        return Err(Invalid {
            param: Param::Query,
            message: format!("bad query: {words} words and phrases; a query may have {}", limits.max_words),
        });
    }
    let since = date(p.since.as_deref(), Param::Since, now)?;
    let until = date(p.until.as_deref(), Param::Until, now)?;
    if let (Some(s), Some(u)) = (since, until)
        && s > u
    {
        return Err(Invalid {
            param: Param::Since,
            message: format!("{} comes after the until date {}: nothing can match", s.to_rfc3339(), u.to_rfc3339()),
        });
    }
    let too_many = |param, what: &str, max: usize| Invalid { param, message: format!("at most {max} {what}") };
    if p.limit > limits.max_hits {
        return Err(too_many(Param::Limit, "hits per request", limits.max_hits));
    }
    if p.offset.saturating_add(p.limit) > limits.max_hits {
        return Err(too_many(Param::Offset, "hits with the offset included", limits.max_hits));
    }
    if p.fragments > limits.max_fragments {
        return Err(too_many(Param::Fragments, "fragments per hit", limits.max_fragments));
    }
    Ok(Request {
        query,
        any: p.any,
        since,
        until,
        press: p.press.clone(),
        sort: p.sort,
        limit: p.limit,
        offset: p.offset,
        fragments: p.fragments,
        exclude_ids: Vec::new(),
    })
}

/// Checks the length of a query and parses it (its number of words is checked with the
/// rest of the request).
pub fn query(text: &str, syntax: Syntax, limits: &Limits) -> Result<Query, Invalid> {
    let bad = |message: String| Invalid { param: Param::Query, message };
    let chars = text.chars().count();
    if chars > limits.max_query_chars {
        return Err(bad(format!("bad query: {chars} characters; a query may have {}", limits.max_query_chars)));
    }
    let q = Query::parse(text, syntax).map_err(|e| bad(format!("{e} (near {:?})", e.near())))?;
    debug_assert!(q.tree().depth() <= super::query::MAX_TREE_DEPTH, "groups nest at most {MAX_DEPTH} deep");
    Ok(q)
}

/// Checks an optional date parameter.
pub fn date(
    value: Option<&str>,
    param: Param,
    now: DateTime<FixedOffset>,
) -> Result<Option<DateTime<FixedOffset>>, Invalid> {
    let bound = if param == Param::Until { Bound::Until } else { Bound::Since };
    dates::parse_option(value, bound, now).map_err(|message| Invalid { param, message })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-06-18T15:12:00+09:00").unwrap()
    }

    fn check(f: impl FnOnce(&mut Params)) -> Result<Request, Invalid> {
        let mut p = Params::new("삼성전자 반도체");
        f(&mut p);
        validate(&p, now(), &Limits::DEFAULT)
    }

    #[test]
    fn a_good_request_passes_through() {
        let r = check(|p| {
            p.since = Some("7d".into());
            p.limit = 5;
            p.press = vec!["연합뉴스".into()];
        })
        .unwrap();
        assert_eq!(r.query.text(), "삼성전자 반도체");
        assert_eq!(r.since.unwrap().to_rfc3339(), "2024-06-11T15:12:00+09:00");
        assert_eq!((r.limit, r.offset, r.fragments), (5, 0, 3));
        assert_eq!(r.press, ["연합뉴스"]);
    }

    #[test]
    fn each_violation_names_its_parameter() {
        let e = check(|p| p.since = Some("1000000000d".into())).unwrap_err();
        assert_eq!(e.param, Param::Since);
        assert!(e.for_command_line().starts_with("--since: \"1000000000d\" reaches back"), "{e}");
        let e = check(|p| p.until = Some("someday".into())).unwrap_err();
        assert_eq!((e.param, e.to_string().starts_with("until: ")), (Param::Until, true), "{e}");
        let e = check(|p| {
            p.since = Some("2024-06-10".into());
            p.until = Some("2024-06-01".into());
        })
        .unwrap_err();
        assert_eq!(e.param, Param::Since);
        assert!(e.message.contains("after the until date"), "{e}");
        let e = check(|p| p.query = "(삼성".into()).unwrap_err();
        assert_eq!(e.for_command_line(), "bad query at column 1: this parenthesis is never closed (near \"(삼성\")");
        let deep = format!("{}삼성{}", "(".repeat(4_000), ")".repeat(4_000));
        let e = check(|p| p.query = deep).unwrap_err();
        assert!(e.message.starts_with("bad query at column 33: groups nested 4000 deep"), "{e}");
    }

    #[test]
    fn queries_have_a_length_and_a_word_limit() {
        let long = "가".repeat(100_001);
        assert!(check(|p| p.query = long).unwrap_err().message.contains("100001 characters; a query may have 100000"));
        let many = "삼성 ".repeat(1_001);
        assert!(check(|p| p.query = many).unwrap_err().message.contains("1001 words"));
        assert!(check(|p| p.query = "삼성 ".repeat(1_000)).is_ok());
    }

    #[test]
    fn any_limit_and_offset_by_default_and_bounds_for_a_server() {
        let r = check(|p| {
            p.limit = usize::MAX;
            p.offset = usize::MAX;
            p.fragments = usize::MAX;
        })
        .unwrap();
        assert_eq!((r.limit, r.offset), (usize::MAX, usize::MAX));
        let server = Limits { max_hits: 1_000, max_fragments: 5, ..Limits::DEFAULT };
        let mut p = Params::new("삼성");
        p.limit = 1_001;
        assert_eq!(
            validate(&p, now(), &server).unwrap_err().for_command_line(),
            "--limit: at most 1000 hits per request"
        );
        p.limit = 10;
        p.offset = usize::MAX;
        assert_eq!(validate(&p, now(), &server).unwrap_err().param, Param::Offset, "no overflow");
        p.offset = 0;
        p.fragments = 6;
        assert_eq!(validate(&p, now(), &server).unwrap_err().param, Param::Fragments);
    }

    #[test]
    fn a_tree_built_by_code_is_checked_like_a_parsed_one() {
        use crate::search::query::{Field, Leaf, Tree};
        let many = Tree::And((0..1_001).map(|i| Tree::Leaf(Leaf::word(Field::Text, format!("w{i}")))).collect());
        let q = Query::from_tree("built", many).unwrap();
        let e = validate_with(q, &Params::new(""), now(), &Limits::DEFAULT).unwrap_err();
        assert_eq!(e.message, "bad query: 1001 words and phrases; a query may have 1000");
        let q = Query::from_tree("title:삼성", Tree::Leaf(Leaf::word(Field::Title, "삼성"))).unwrap();
        let p = Params { limit: 3, until: Some("yesterday".into()), ..Params::new("not read") };
        let r = validate_with(q, &p, now(), &Limits::DEFAULT).unwrap();
        assert_eq!((r.query.text(), r.limit), ("title:삼성", 3));
        assert_eq!(r.until.unwrap().to_rfc3339(), "2024-06-17T23:59:59+09:00");
    }

    #[test]
    fn syntax_is_the_callers_choice() {
        assert!(check(|p| p.query = "Domination: 무엇인가".into()).is_err(), "strict");
        let r = check(|p| {
            p.query = "Domination: 무엇인가".into();
            p.syntax = Syntax::Lenient;
        })
        .unwrap();
        assert!(r.query.reading_note().unwrap().contains("Domination: at column 1 (not a field)"));
    }
}
