//! One exported document: the stored article under the field names gisa's JSON reader
//! knows, plus gisa's own terms in the exact-terms fields.
//!
//! **Why four exact fields.** gisa indexes a compound's whole word at the position of its
//! first part (`삼성전자` and `삼성` at 0, `전자` at 1), so that phrases run over the parts and
//! the whole word still matches itself. A whitespace-joined field gives every token its own
//! position and cannot express a shared one. So the terms are split in two:
//! - `gisa_text` / `gisa_title`: every term except compound wholes, in order — the parts of
//!   compounds, plain words, stems. Their positions are exactly gisa's, so `match_phrase` on
//!   them is gisa's phrase (gisa's phrases run over parts) and the proximity boost is the same;
//! - `gisa_text_compounds` / `gisa_title_compounds`: the compound wholes, a bag of terms (gisa
//!   only ever matches a whole word as a single term).
//!
//! A query word that is a compound is then `dis_max(term on *_compounds, match_phrase of its
//! parts on gisa_text)`, which is what gisa runs (see [`super::dsl`]). Inserting the wholes
//! into the same field would shift every later position by one per compound and break
//! phrases; indexing parts only would lose "the whole word ranks first".
//! (One case the split cannot keep: a custom stop list that drops a compound's *first* part
//! leaves a position gap in gisa that a whitespace-joined field closes.)
//!
//! `gisa_text` analyzes the same string as gisa's `text` field ([`full_text`]: title, summary
//! lines, body), and `gisa_title` the title alone, as gisa's `title` field.

use serde::Serialize;

use crate::analysis::{Analyzer, Role};
use crate::index::schema::{StoredArticle, full_text};

/// Names of the exact-terms fields (the JSON reader ignores them).
pub const EXACT_TEXT: &str = "gisa_text";
pub const EXACT_TEXT_COMPOUNDS: &str = "gisa_text_compounds";
pub const EXACT_TITLE: &str = "gisa_title";
pub const EXACT_TITLE_COMPOUNDS: &str = "gisa_title_compounds";

/// The article's own fields, as the JSON reader reads them back (`id`, `title`, `subtitles`,
/// `body`, `date`, `press`, `reporter`, `email`, `url`, `category`), and what else gisa knows
/// of it (`path`, `line`, `date_source`, `format`, `layout`, `encoding`: ignored by the
/// reader, kept for the cluster's users).
#[derive(Debug, Serialize)]
pub struct Base<'a> {
    pub id: &'a str,
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub title: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub subtitles: &'a [String],
    pub body: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub press: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reporter: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'a str>,
}

impl<'a> Base<'a> {
    pub fn of(a: &'a StoredArticle) -> Base<'a> {
        Base {
            id: &a.id,
            path: &a.path,
            line: a.line,
            title: &a.title,
            subtitles: &a.subtitles,
            body: &a.body,
            date: a.date.as_deref(),
            date_source: a.date_source.as_deref(),
            press: a.press.as_deref(),
            reporter: a.reporter.as_deref(),
            email: a.email.as_deref(),
            url: a.url.as_deref(),
            category: a.category.as_deref(),
            format: a.format.as_deref(),
            layout: a.layout.as_deref(),
            encoding: a.encoding.as_deref(),
        }
    }
}

/// gisa's terms of one text: compound wholes apart from everything else.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ExactTerms {
    /// Every term but compound wholes, in position order, space-separated.
    pub terms: String,
    /// Compound wholes, space-separated.
    pub compounds: String,
}

fn push_term(out: &mut String, term: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    // gisa's terms hold no whitespace (the segmenter skips it); a character the whitespace
    // tokenizer would split on must not cut a term in two.
    if term.chars().any(char::is_whitespace) {
        out.extend(term.chars().map(|c| if c.is_whitespace() { '_' } else { c }));
    } else {
        out.push_str(term);
    }
}

/// Analyzes `text` with gisa's analyzer into the two exact fields.
pub fn exact_terms(analyzer: &Analyzer, text: &str) -> ExactTerms {
    let mut out = ExactTerms::default();
    analyzer.for_each_term(text, |term, _, _, _, _, _, role| {
        // A joined run is a whole word like a compound's (not a position of its own).
        let whole = matches!(role, Role::Compound | Role::Joined);
        push_term(if whole { &mut out.compounds } else { &mut out.terms }, term);
    });
    out
}

#[derive(Serialize)]
struct Document<'a> {
    #[serde(flatten)]
    base: &'a Base<'a>,
    gisa_text: &'a str,
    gisa_text_compounds: &'a str,
    gisa_title: &'a str,
    gisa_title_compounds: &'a str,
}

/// The whole document (base fields and exact fields) as one JSON line, without the newline.
pub fn document_json(analyzer: &Analyzer, a: &StoredArticle, base: &Base) -> serde_json::Result<Vec<u8>> {
    let text = exact_terms(analyzer, &full_text(&a.title, &a.subtitles, &a.body));
    let title = exact_terms(analyzer, &a.title);
    serde_json::to_vec(&Document {
        base,
        gisa_text: &text.terms,
        gisa_text_compounds: &text.compounds,
        gisa_title: &title.terms,
        gisa_title_compounds: &title.compounds,
    })
}

/// Hash of an article's exported content, for `--changed`: the base fields' JSON under a
/// seed that also covers the analyzer and the export format (either changing makes every
/// article count as changed).
pub fn content_hash(base_json: &[u8], seed: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(base_json, seed)
}
