//! A gisa query as OpenSearch / Elasticsearch Query DSL against the exported template — the
//! future `gisa search QUERY --dsl opensearch`.
//!
//! The input is a small analyzed query of its own ([`DslRequest`]: a [`Clause`] tree whose
//! words already carry gisa's terms, plus filters, sort, size/from), so that any query tree
//! that knows its analyzed words can be turned into DSL by a thin adapter; [`from_node`] is
//! the adapter for today's [`crate::search::query::Node`], analyzing the words as `gisa
//! search` does. [`request`] mirrors gisa's query compiler clause for clause, on the
//! exact-terms fields ([`super::document`]):
//! - a term: `term` on `gisa_text` (and on `gisa_title` with the title's extra weight);
//! - a compound: `dis_max` of `term` on `gisa_text_compounds` (the whole word) and
//!   `match_phrase` of its parts on `gisa_text`, tie-breaker as gisa's;
//! - a word of several terms: `bool`, main terms `must`, minor ones `should`, and the whole
//!   sequence as a boosted `match_phrase`;
//! - a word with two readings: `dis_max` of both;
//! - `"a phrase"`: `match_phrase` of its terms (compounds by their parts, as gisa's phrases);
//! - AND / OR / `-`: `bool` `must` / `should` / `must_not`; neighbouring words add gisa's
//!   proximity boost as a `match_phrase` with slop;
//! - `press:`/`reporter:`/`category:` and `--press`: `term`/`terms` on the keyword fields;
//!   `--since`/`--until`: `range` on `date`; sort by date; highlight on the (Nori-analyzed)
//!   title and body with the words as typed.
//!
//! Matching is gisa's by construction; scores are BM25 like gisa's but not equal to the
//! digit (the compound wholes sit in a field of their own, and Lucene rounds field lengths
//! differently from tantivy).

use chrono::{DateTime, FixedOffset};
use serde_json::{Map, Value, json};

use super::document::{EXACT_TEXT, EXACT_TEXT_COMPOUNDS, EXACT_TITLE, EXACT_TITLE_COMPOUNDS};
use crate::analysis::Analyzer;
use crate::search::query::{Field, Node};
use crate::search::{COMPOUND_TIE, PROXIMITY_BOOST, PROXIMITY_SLOP, SEQUENCE_BOOST, Sort, TITLE_BOOST};

/// Text a query word is searched in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// Title, summary lines and body (the default).
    Text,
    Title,
    Body,
}

/// A field matched by exact value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExactField {
    Press,
    Reporter,
    Category,
}

impl ExactField {
    fn name(self) -> &'static str {
        match self {
            ExactField::Press => "press",
            ExactField::Reporter => "reporter",
            ExactField::Category => "category",
        }
    }
}

/// A search unit of a word: a term, or a compound with its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    Term(String),
    Compound { whole: String, parts: Vec<String> },
}

impl Unit {
    fn sequence(&self) -> Vec<String> {
        match self {
            Unit::Term(t) => vec![t.clone()],
            Unit::Compound { parts, .. } => parts.clone(),
        }
    }
}

/// A unit and whether it is minor (a bound noun or the copula inside a longer word: it adds
/// to the score but is not required).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub unit: Unit,
    pub minor: bool,
}

impl Piece {
    pub fn term(t: &str) -> Piece {
        Piece { unit: Unit::Term(t.to_owned()), minor: false }
    }

    pub fn compound(whole: &str, parts: &[&str]) -> Piece {
        Piece {
            unit: Unit::Compound { whole: whole.to_owned(), parts: parts.iter().map(|p| (*p).to_owned()).collect() },
            minor: false,
        }
    }
}

fn sequence(pieces: &[Piece]) -> Vec<String> {
    pieces.iter().flat_map(|p| p.unit.sequence()).collect()
}

/// An analyzed query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// A word as typed and its readings (each a list of units); no reading: the word holds no
    /// indexed term and is left out.
    Word {
        field: TextField,
        text: String,
        readings: Vec<Vec<Piece>>,
    },
    /// A phrase as typed and its readings.
    Phrase {
        field: TextField,
        text: String,
        readings: Vec<Vec<Piece>>,
    },
    Exact {
        field: ExactField,
        value: String,
    },
    Not(Box<Clause>),
    And(Vec<Clause>),
    Or(Vec<Clause>),
}

/// What `--dsl` turns into a search request body.
#[derive(Debug, Clone)]
pub struct DslRequest {
    pub query: Clause,
    /// `--any`: at least one unit must match, at every level.
    pub any: bool,
    pub since: Option<DateTime<FixedOffset>>,
    pub until: Option<DateTime<FixedOffset>>,
    pub press: Vec<String>,
    pub sort: Sort,
    pub size: usize,
    pub from: usize,
    /// Snippet fragments of the body to highlight (0: no highlight).
    pub fragments: usize,
}

/// The analyzed clause of today's query tree: every word and phrase analyzed together, as
/// the sentence typed, with the readings `gisa search` uses.
pub fn from_node(node: &Node, analyzer: &Analyzer) -> Clause {
    let mut texts = Vec::new();
    crate::search::analyzed_texts(node, &mut texts);
    let mut readings = crate::search::analyze_words(analyzer, &texts).into_iter();
    convert(node, &mut readings)
}

fn convert(n: &Node, readings: &mut impl Iterator<Item = Vec<Vec<crate::analysis::Term>>>) -> Clause {
    let text_field = |f: Field| match f {
        Field::Title => TextField::Title,
        Field::Body => TextField::Body,
        _ => TextField::Text,
    };
    let exact_field = |f: Field| match f {
        Field::Press => ExactField::Press,
        Field::Reporter => ExactField::Reporter,
        _ => ExactField::Category,
    };
    let pieces = |readings: &mut dyn Iterator<Item = Vec<Vec<crate::analysis::Term>>>| -> Vec<Vec<Piece>> {
        readings
            .next()
            .unwrap_or_default()
            .iter()
            .map(|terms| {
                crate::search::units(terms)
                    .into_iter()
                    .map(|(u, minor)| Piece {
                        unit: match u {
                            crate::search::Unit::Term(t) => Unit::Term(t),
                            crate::search::Unit::Compound { whole, parts } => Unit::Compound { whole, parts },
                        },
                        minor,
                    })
                    .collect::<Vec<_>>()
            })
            .filter(|r| !r.is_empty())
            .collect()
    };
    match n {
        Node::Word { field, text } | Node::Phrase { field, text } if field.is_exact() => {
            Clause::Exact { field: exact_field(*field), value: text.trim().to_owned() }
        }
        Node::Word { field, text } => {
            Clause::Word { field: text_field(*field), text: text.clone(), readings: pieces(readings) }
        }
        Node::Phrase { field, text } => {
            Clause::Phrase { field: text_field(*field), text: text.clone(), readings: pieces(readings) }
        }
        Node::Not(inner) => Clause::Not(Box::new(convert(inner, readings))),
        Node::And(items) => Clause::And(items.iter().map(|i| convert(i, readings)).collect()),
        Node::Or(items) => Clause::Or(items.iter().map(|i| convert(i, readings)).collect()),
    }
}

/// (exact field, compounds field, weight) of a text field.
fn fields(f: TextField) -> Vec<(&'static str, &'static str, f32)> {
    match f {
        TextField::Title => vec![(EXACT_TITLE, EXACT_TITLE_COMPOUNDS, 1.0)],
        TextField::Body => vec![(EXACT_TEXT, EXACT_TEXT_COMPOUNDS, 1.0)],
        TextField::Text => {
            vec![(EXACT_TEXT, EXACT_TEXT_COMPOUNDS, 1.0), (EXACT_TITLE, EXACT_TITLE_COMPOUNDS, TITLE_BOOST)]
        }
    }
}

/// A boost as JSON, rounded to what f32 means (0.125 rather than 0.125000001).
fn boost_value(b: f32) -> Value {
    json!((b as f64 * 1e6).round() / 1e6)
}

/// Adds `"boost"` to a query's innermost object when it is not 1.
fn boosted(mut inner: Map<String, Value>, b: f32) -> Value {
    if (b - 1.0).abs() >= f32::EPSILON {
        inner.insert("boost".into(), boost_value(b));
    }
    Value::Object(inner)
}

fn term(field: &str, t: &str, b: f32) -> Value {
    let mut inner = Map::new();
    inner.insert("value".into(), json!(t));
    json!({"term": {field: boosted(inner, b)}})
}

fn phrase(field: &str, terms: &[String], b: f32) -> Value {
    if terms.len() == 1 {
        return term(field, &terms[0], b);
    }
    let mut inner = Map::new();
    inner.insert("query".into(), json!(terms.join(" ")));
    json!({"match_phrase": {field: boosted(inner, b)}})
}

fn one_or(mut qs: Vec<Value>, join: impl FnOnce(Vec<Value>) -> Value) -> Value {
    if qs.len() == 1 { qs.remove(0) } else { join(qs) }
}

fn should(qs: Vec<Value>) -> Value {
    one_or(qs, |qs| json!({"bool": {"should": qs}}))
}

fn best_of(qs: Vec<Value>) -> Value {
    one_or(qs, |qs| json!({"dis_max": {"queries": qs}}))
}

/// A `bool` with only its non-empty occurrence lists.
fn boolean(must: Vec<Value>, should: Vec<Value>, must_not: Vec<Value>) -> Value {
    let mut b = Map::new();
    for (k, v) in [("must", must), ("should", should), ("must_not", must_not)] {
        if !v.is_empty() {
            b.insert(k.into(), Value::Array(v));
        }
    }
    json!({ "bool": b })
}

struct Builder {
    any: bool,
    /// Positive words and phrases as typed, for highlighting: (field, text, is phrase).
    highlight: Vec<(TextField, String, bool)>,
}

impl Builder {
    fn unit_query(&self, unit: &Unit, fields: &[(&str, &str, f32)]) -> Value {
        should(
            fields
                .iter()
                .map(|&(exact, compounds, w)| match unit {
                    Unit::Term(t) => term(exact, t, w),
                    Unit::Compound { whole, parts } => {
                        let mut inner = Map::new();
                        inner.insert("queries".into(), json!([term(compounds, whole, 1.0), phrase(exact, parts, 1.0)]));
                        inner.insert("tie_breaker".into(), boost_value(COMPOUND_TIE));
                        json!({ "dis_max": boosted(inner, w) })
                    }
                })
                .collect(),
        )
    }

    fn reading_query(&self, pieces: &[Piece], fields: &[(&str, &str, f32)]) -> Value {
        if pieces.len() == 1 {
            return self.unit_query(&pieces[0].unit, fields);
        }
        let all_minor = pieces.iter().all(|p| p.minor);
        let (mut must, mut opt) = (Vec::new(), Vec::new());
        for p in pieces {
            let q = self.unit_query(&p.unit, fields);
            if self.any || (p.minor && !all_minor) { opt.push(q) } else { must.push(q) }
        }
        let seq = sequence(pieces);
        opt.push(should(fields.iter().map(|&(exact, _, w)| phrase(exact, &seq, w * SEQUENCE_BOOST)).collect()));
        boolean(must, opt, Vec::new())
    }

    fn node(&mut self, c: &Clause, any: bool, positive: bool) -> Option<Value> {
        match c {
            Clause::Exact { field, value } => Some(term(field.name(), value, 1.0)),
            Clause::Word { field, text, readings } => {
                if readings.is_empty() {
                    return None;
                }
                if positive {
                    self.highlight.push((*field, text.clone(), false));
                }
                let f = fields(*field);
                Some(best_of(readings.iter().map(|r| self.reading_query(r, &f)).collect()))
            }
            Clause::Phrase { field, text, readings } => {
                if readings.is_empty() {
                    return None;
                }
                if positive {
                    self.highlight.push((*field, text.clone(), true));
                }
                let f = fields(*field);
                Some(best_of(
                    readings
                        .iter()
                        .map(|r| {
                            let seq = sequence(r);
                            should(f.iter().map(|&(exact, _, w)| phrase(exact, &seq, w)).collect())
                        })
                        .collect(),
                ))
            }
            Clause::Not(inner) => self.node(inner, false, !positive),
            Clause::Or(items) => {
                let qs: Vec<Value> = items.iter().filter_map(|i| self.node(i, false, positive)).collect();
                if qs.is_empty() { None } else { Some(should(qs)) }
            }
            Clause::And(items) => {
                let (mut must, mut opt, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
                let mut seqs: Vec<Option<Vec<String>>> = Vec::new();
                for item in items {
                    if let Clause::Not(inner) = item {
                        if let Some(q) = self.node(inner, false, !positive) {
                            must_not.push(q);
                        }
                        seqs.push(None);
                        continue;
                    }
                    let q = self.node(item, false, positive);
                    seqs.push(match item {
                        Clause::Word { field: TextField::Text, readings, .. } if q.is_some() => {
                            Some(sequence(&readings[0]))
                        }
                        _ => None,
                    });
                    if let Some(q) = q {
                        if any { opt.push(q) } else { must.push(q) }
                    }
                }
                let positives = must.len() + opt.len();
                if positive {
                    for pair in seqs.windows(2) {
                        if let [Some(a), Some(b)] = pair
                            && let (Some(x), Some(y)) = (a.last(), b.first())
                        {
                            opt.push(json!({"match_phrase": {EXACT_TEXT: {
                                "query": format!("{x} {y}"), "slop": PROXIMITY_SLOP, "boost": boost_value(PROXIMITY_BOOST),
                            }}}));
                        }
                    }
                }
                if positives == 0 {
                    if must_not.is_empty() && opt.is_empty() {
                        return None;
                    }
                    must.push(json!({"match_all": {}}));
                }
                Some(boolean(must, opt, must_not))
            }
        }
    }

    /// Highlight queries on the Nori-analyzed title and body: the positive words as typed.
    fn highlight_query(&self, field: &str) -> Option<Value> {
        let qs: Vec<Value> = self
            .highlight
            .iter()
            .filter(|(f, _, _)| match field {
                "title" => *f != TextField::Body,
                _ => *f != TextField::Title,
            })
            .map(
                |(_, text, is_phrase)| {
                    if *is_phrase { json!({"match_phrase": {field: text}}) } else { json!({"match": {field: text}}) }
                },
            )
            .collect();
        (!qs.is_empty()).then(|| should(qs))
    }
}

/// The search request body (`POST NAME/_search`) of a request.
pub fn request(r: &DslRequest) -> Value {
    let mut b = Builder { any: r.any, highlight: Vec::new() };
    let query = match &r.query {
        Clause::Not(inner) => {
            b.node(inner, false, false).map(|q| boolean(vec![json!({"match_all": {}})], Vec::new(), vec![q]))
        }
        c => b.node(c, r.any, true),
    }
    .unwrap_or_else(|| json!({"match_none": {}}));
    let mut filters = Vec::new();
    if r.since.is_some() || r.until.is_some() {
        let mut range = Map::new();
        if let Some(d) = r.since {
            range.insert("gte".into(), json!(d.to_rfc3339()));
        }
        if let Some(d) = r.until {
            range.insert("lte".into(), json!(d.to_rfc3339()));
        }
        filters.push(json!({"range": {"date": range}}));
    }
    if !r.press.is_empty() {
        let press: Vec<&str> = r.press.iter().map(|p| p.trim()).collect();
        filters.push(json!({"terms": {"press": press}}));
    }
    let query = if filters.is_empty() { query } else { json!({"bool": {"must": [query], "filter": filters}}) };
    let mut body = json!({
        "query": query,
        "size": r.size,
        "from": r.from,
        "track_total_hits": true,
        "_source": {"excludes": ["gisa_*"]},
    });
    match r.sort {
        Sort::Relevance => {}
        Sort::Date => body["sort"] = json!([{"date": {"order": "asc"}}]),
        Sort::NewestFirst => body["sort"] = json!([{"date": {"order": "desc"}}]),
    }
    if r.fragments > 0 && r.size > 0 {
        let mut fields = Map::new();
        if let Some(q) = b.highlight_query("title") {
            fields.insert("title".into(), json!({"number_of_fragments": 0, "highlight_query": q}));
        }
        if let Some(q) = b.highlight_query("body") {
            fields.insert(
                "body".into(),
                json!({"number_of_fragments": r.fragments, "fragment_size": 150, "highlight_query": q}),
            );
        }
        if !fields.is_empty() {
            body["highlight"] = json!({"fields": fields});
        }
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, pieces: Vec<Piece>) -> Clause {
        Clause::Word { field: TextField::Text, text: text.into(), readings: vec![pieces] }
    }

    fn req(query: Clause) -> DslRequest {
        DslRequest {
            query,
            any: false,
            since: None,
            until: None,
            press: Vec::new(),
            sort: Sort::Relevance,
            size: 10,
            from: 0,
            fragments: 0,
        }
    }

    fn q(query: Clause) -> Value {
        request(&req(query))["query"].clone()
    }

    fn t(field: &str, v: &str) -> Value {
        json!({"term": {field: {"value": v}}})
    }

    fn tb(field: &str, v: &str, boost: f64) -> Value {
        json!({"term": {field: {"value": v, "boost": boost}}})
    }

    /// `반도체` on text and title.
    fn plain(v: &str) -> Value {
        json!({"bool": {"should": [t("gisa_text", v), tb("gisa_title", v, 0.5)]}})
    }

    #[test]
    fn one_word() {
        assert_eq!(q(word("반도체", vec![Piece::term("반도체")])), plain("반도체"));
    }

    #[test]
    fn a_compound_is_its_whole_or_its_parts_in_sequence() {
        let got = q(word("삼성전자", vec![Piece::compound("삼성전자", &["삼성", "전자"])]));
        let want = json!({"bool": {"should": [
            {"dis_max": {"queries": [t("gisa_text_compounds", "삼성전자"),
                                     {"match_phrase": {"gisa_text": {"query": "삼성 전자"}}}],
                         "tie_breaker": 0.2}},
            {"dis_max": {"queries": [t("gisa_title_compounds", "삼성전자"),
                                     {"match_phrase": {"gisa_title": {"query": "삼성 전자"}}}],
                         "tie_breaker": 0.2, "boost": 0.5}},
        ]}});
        assert_eq!(got, want);
    }

    #[test]
    fn and_of_two_words_with_the_proximity_boost() {
        let got =
            q(Clause::And(vec![word("삼성", vec![Piece::term("삼성")]), word("반도체", vec![Piece::term("반도체")])]));
        let want = json!({"bool": {
            "must": [plain("삼성"), plain("반도체")],
            "should": [{"match_phrase": {"gisa_text": {"query": "삼성 반도체", "slop": 3, "boost": 0.2}}}],
        }});
        assert_eq!(got, want);
    }

    #[test]
    fn or_and_any() {
        let got =
            q(Clause::Or(vec![word("퀄컴", vec![Piece::term("퀄컴")]), word("아마존", vec![Piece::term("아마존")])]));
        assert_eq!(got, json!({"bool": {"should": [plain("퀄컴"), plain("아마존")]}}));
        let mut r = req(Clause::And(vec![
            word("퀄컴", vec![Piece::term("퀄컴")]),
            word("아마존", vec![Piece::term("아마존")]),
        ]));
        r.any = true;
        let got = request(&r)["query"].clone();
        assert_eq!(got["bool"].get("must"), None, "--any: nothing is required");
        assert_eq!(got["bool"]["should"][0], plain("퀄컴"));
    }

    #[test]
    fn exclusion_and_a_lone_exclusion() {
        let got = q(Clause::And(vec![
            word("반도체", vec![Piece::term("반도체")]),
            Clause::Not(Box::new(word("중국", vec![Piece::term("중국")]))),
        ]));
        assert_eq!(got, json!({"bool": {"must": [plain("반도체")], "must_not": [plain("중국")]}}));
        let got = q(Clause::Not(Box::new(word("중국", vec![Piece::term("중국")]))));
        assert_eq!(got, json!({"bool": {"must": [{"match_all": {}}], "must_not": [plain("중국")]}}));
    }

    #[test]
    fn phrase_runs_over_parts() {
        let got = q(Clause::Phrase {
            field: TextField::Text,
            text: "삼성전자 반도체".into(),
            readings: vec![vec![Piece::compound("삼성전자", &["삼성", "전자"]), Piece::term("반도체")]],
        });
        let want = json!({"bool": {"should": [
            {"match_phrase": {"gisa_text": {"query": "삼성 전자 반도체"}}},
            {"match_phrase": {"gisa_title": {"query": "삼성 전자 반도체", "boost": 0.5}}},
        ]}});
        assert_eq!(got, want);
    }

    #[test]
    fn fields_title_body_and_exact() {
        let got = q(Clause::Word {
            field: TextField::Title,
            text: "이재용".into(),
            readings: vec![vec![Piece::term("이재용")]],
        });
        assert_eq!(got, t("gisa_title", "이재용"));
        let got =
            q(Clause::Word {
                field: TextField::Body, text: "퀄컴".into(), readings: vec![vec![Piece::term("퀄컴")]]
            });
        assert_eq!(got, t("gisa_text", "퀄컴"));
        let got = q(Clause::Exact { field: ExactField::Reporter, value: "이소연".into() });
        assert_eq!(got, t("reporter", "이소연"));
    }

    #[test]
    fn a_word_of_several_terms_requires_its_main_terms() {
        let minor = Piece { unit: Unit::Term("씨".into()), minor: true };
        let got = q(word("김을동씨", vec![Piece::term("김을동"), minor]));
        let want = json!({"bool": {
            "must": [plain("김을동")],
            "should": [plain("씨"), {"bool": {"should": [
                {"match_phrase": {"gisa_text": {"query": "김을동 씨", "boost": 0.25}}},
                {"match_phrase": {"gisa_title": {"query": "김을동 씨", "boost": 0.125}}},
            ]}}],
        }});
        assert_eq!(got, want);
    }

    #[test]
    fn two_readings_are_a_dis_max() {
        let got = q(Clause::Word {
            field: TextField::Title,
            text: "김경준의".into(),
            readings: vec![vec![Piece::term("김경")], vec![Piece::term("김경준")]],
        });
        assert_eq!(got, json!({"dis_max": {"queries": [t("gisa_title", "김경"), t("gisa_title", "김경준")]}}));
    }

    #[test]
    fn a_word_without_terms_is_left_out_and_nothing_left_matches_nothing() {
        let got = q(Clause::And(vec![
            word("반도체", vec![Piece::term("반도체")]),
            Clause::Word { field: TextField::Text, text: "을".into(), readings: vec![] },
        ]));
        assert_eq!(got, json!({"bool": {"must": [plain("반도체")]}}));
        assert_eq!(
            q(Clause::Word { field: TextField::Text, text: "을".into(), readings: vec![] }),
            json!({"match_none": {}})
        );
    }

    #[test]
    fn filters_sort_paging_and_highlight() {
        let kst = FixedOffset::east_opt(9 * 3600).unwrap();
        let mut r = req(word("반도체", vec![Piece::term("반도체")]));
        r.since = Some(DateTime::parse_from_rfc3339("2024-06-01T00:00:00+09:00").unwrap().with_timezone(&kst));
        r.until = Some(DateTime::parse_from_rfc3339("2024-06-30T23:59:59+09:00").unwrap().with_timezone(&kst));
        r.press = vec!["연합뉴스".into(), " KBS ".into()];
        r.sort = Sort::NewestFirst;
        r.size = 20;
        r.from = 40;
        r.fragments = 3;
        let got = request(&r);
        let want = json!({
            "query": {"bool": {"must": [plain("반도체")], "filter": [
                {"range": {"date": {"gte": "2024-06-01T00:00:00+09:00", "lte": "2024-06-30T23:59:59+09:00"}}},
                {"terms": {"press": ["연합뉴스", "KBS"]}},
            ]}},
            "size": 20, "from": 40, "track_total_hits": true, "_source": {"excludes": ["gisa_*"]},
            "sort": [{"date": {"order": "desc"}}],
            "highlight": {"fields": {
                "title": {"number_of_fragments": 0, "highlight_query": {"match": {"title": "반도체"}}},
                "body": {"number_of_fragments": 3, "fragment_size": 150, "highlight_query": {"match": {"body": "반도체"}}},
            }},
        });
        assert_eq!(got, want);
        r.sort = Sort::Date;
        assert_eq!(request(&r)["sort"], json!([{"date": {"order": "asc"}}]));
    }
}
