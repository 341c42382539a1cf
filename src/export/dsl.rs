//! A gisa search as OpenSearch / Elasticsearch Query DSL against the exported template:
//! `gisa search QUERY --dsl opensearch`.
//!
//! The input is what `gisa search` itself runs: a validated [`Request`] and its analyzed
//! tree ([`Tree`] of [`Word`]s, see [`crate::search::readings`]), whose words already carry
//! gisa's terms. [`request`] mirrors gisa's query compiler ([`crate::search::compile`])
//! clause for clause, on the exact-terms fields ([`super::document`]):
//! - a term: `term` on `gisa_text` (and on `gisa_title` with the title's extra weight);
//! - a compound: `dis_max` of `term` on `gisa_text_compounds` (the whole word) and
//!   `match_phrase` of its parts on `gisa_text`, tie-breaker as gisa's;
//! - a word of several terms: `bool`, main terms `must`, minor ones `should`, and the whole
//!   sequence as a boosted `match_phrase`;
//! - a word with two readings: `dis_max` of both;
//! - `"a phrase"`: `match_phrase` of its terms (compounds by their parts, as gisa's phrases);
//! - AND / OR / `-`: `bool` `must` / `should` / `must_not` (an exclusion inside a group
//!   excludes from the group, as in gisa and Lucene); neighbouring words add gisa's
//!   proximity boost as a `match_phrase` with slop;
//! - the top level's boosts (its proximity boosts, and the sequence boost of each of its
//!   words with one reading), which gisa scores on its best hits only: a `rescore` of the
//!   same window, their `bool` `should` added to the score (`score_mode` `total`), as gisa
//!   adds them (not with a sort by date, which gisa does not score and the engines refuse);
//! - `press:`/`reporter:`/`category:` and `--press`: `term`/`terms` on the keyword fields;
//!   `--since`/`--until`: `range` on `date`; sort by date; articles a report has shown:
//!   `ids` in `must_not`; highlight on the (Nori-analyzed) title and body with the words as
//!   typed.
//!
//! Matching is gisa's by construction; scores are BM25 like gisa's but not equal to the
//! digit (the compound wholes sit in a field of their own, and Lucene rounds field lengths
//! differently from tantivy). Recursion follows the tree, which a checked query bounds to
//! [`crate::search::query::MAX_TREE_DEPTH`] levels.

use serde_json::{Map, Value, json};

use super::document::{EXACT_TEXT, EXACT_TEXT_COMPOUNDS, EXACT_TITLE, EXACT_TITLE_COMPOUNDS};
use crate::search::compile::{
    COMPOUND_TIE, PROXIMITY_BOOST, PROXIMITY_SLOP, RESCORE_WINDOW, SEQUENCE_BOOST, TITLE_BOOST,
};
use crate::search::query::{Field, Kind, Tree};
use crate::search::readings::{Reading, Unit, Word, is_plain_word};
use crate::search::{Request, Sort};

/// (exact field, compounds field, weight) of a text field, as gisa's compiler weighs them.
fn fields(f: Field) -> Vec<(&'static str, &'static str, f32)> {
    match f {
        Field::Title => vec![(EXACT_TITLE, EXACT_TITLE_COMPOUNDS, 1.0)],
        Field::Body => vec![(EXACT_TEXT, EXACT_TEXT_COMPOUNDS, 1.0)],
        _ => vec![(EXACT_TEXT, EXACT_TEXT_COMPOUNDS, 1.0), (EXACT_TITLE, EXACT_TITLE_COMPOUNDS, TITLE_BOOST)],
    }
}

/// The keyword field of an exact query field.
fn keyword_field(f: Field) -> &'static str {
    match f {
        Field::Press => "press",
        Field::Reporter => "reporter",
        _ => "category",
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
    if let [one] = terms {
        return term(field, one, b);
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

/// Every document but those `q` matches.
fn all_but(q: Value) -> Value {
    boolean(vec![json!({"match_all": {}})], Vec::new(), vec![q])
}

struct Builder {
    any: bool,
    /// Positive words and phrases as typed, for highlighting: (field, text, kind).
    highlight: Vec<(Field, String, Kind)>,
    /// The top level's boosts, for the rescore.
    boosts: Vec<Value>,
}

/// Where optional boosts go (gisa's compiler decides the same way).
#[derive(Clone, Copy, PartialEq)]
enum Boosts {
    /// Into the group's or the word's `bool`, as `should` clauses.
    Inline,
    /// Into the rescore.
    Apart,
}

impl Builder {
    fn unit_query(&self, unit: &Unit, fields: &[(&str, &str, f32)]) -> Value {
        should(
            fields
                .iter()
                .map(|&(exact, compounds, w)| match unit {
                    Unit::Term { text, .. } => term(exact, text, w),
                    Unit::Compound { whole, parts } if parts.is_empty() => term(compounds, whole, w),
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

    fn reading_query(&mut self, reading: &Reading, fields: &[(&str, &str, f32)], boosts: Boosts) -> Value {
        let together = if self.any { &[][..] } else { &reading.together[..] };
        if let ([unit], []) = (reading.units.as_slice(), together) {
            return self.unit_query(unit, fields);
        }
        let minor = |u: &Unit| matches!(u, Unit::Term { minor: true, .. });
        let all_minor = reading.units.iter().all(minor);
        let (mut must, mut opt) = (Vec::new(), Vec::new());
        for u in &reading.units {
            let q = self.unit_query(u, fields);
            if self.any || (minor(u) && !all_minor) { opt.push(q) } else { must.push(q) }
        }
        must.extend(together.iter().map(|u| self.unit_query(u, fields)));
        if reading.units.len() > 1 {
            let seq = reading.sequence();
            let seq_q = should(fields.iter().map(|&(exact, _, w)| phrase(exact, &seq, w * SEQUENCE_BOOST)).collect());
            match boosts {
                Boosts::Inline => opt.push(seq_q),
                Boosts::Apart => self.boosts.push(seq_q),
            }
        }
        boolean(must, opt, Vec::new())
    }

    /// A word or phrase; `None` when it holds no search term (a lone particle).
    fn leaf(&mut self, w: &Word, positive: bool, boosts: Boosts) -> Option<Value> {
        let field = w.leaf.field;
        if field.is_exact() {
            return Some(term(keyword_field(field), w.leaf.text.trim(), 1.0));
        }
        if w.readings.is_empty() {
            return None;
        }
        if positive {
            self.highlight.push((field, w.leaf.text.clone(), w.leaf.kind));
        }
        let f = fields(field);
        let boosts = if w.readings.len() == 1 { boosts } else { Boosts::Inline };
        Some(best_of(
            w.readings
                .iter()
                .map(|r| match w.leaf.kind {
                    Kind::Word => self.reading_query(r, &f, boosts),
                    Kind::Phrase => {
                        let seq = r.sequence();
                        should(f.iter().map(|&(exact, _, w)| phrase(exact, &seq, w)).collect())
                    }
                })
                .collect(),
        ))
    }

    fn node(&mut self, n: &Tree<Word>, any: bool, positive: bool) -> Option<Value> {
        match n {
            Tree::Leaf(w) => self.leaf(w, positive, Boosts::Inline),
            Tree::Not(inner) => self.node(inner, false, !positive).map(all_but),
            Tree::Or(items) => {
                let (mut alternatives, mut excluded) = (Vec::new(), Vec::new());
                for item in items {
                    if let Tree::Not(inner) = item {
                        excluded.extend(self.node(inner, false, !positive));
                    } else {
                        alternatives.extend(self.node(item, false, positive));
                    }
                }
                match (alternatives.is_empty(), excluded.is_empty()) {
                    (true, true) => None,
                    (false, true) => Some(should(alternatives)),
                    (true, false) => Some(boolean(vec![json!({"match_all": {}})], Vec::new(), excluded)),
                    (false, false) => Some(boolean(Vec::new(), alternatives, excluded)),
                }
            }
            Tree::And(items) => self.and(items, any, positive, Boosts::Inline),
        }
    }

    /// Highlight queries on the Nori-analyzed title and body: the positive words as typed.
    fn and(&mut self, items: &[Tree<Word>], any: bool, positive: bool, boosts: Boosts) -> Option<Value> {
        let (mut must, mut opt, mut must_not) = (Vec::new(), Vec::new(), Vec::new());
        let mut seqs: Vec<Option<Vec<String>>> = Vec::with_capacity(items.len());
        for item in items {
            if let Tree::Not(inner) = item {
                must_not.extend(self.node(inner, false, !positive));
                seqs.push(None);
                continue;
            }
            let q = match item {
                Tree::Leaf(w) => self.leaf(w, positive, boosts),
                _ => self.node(item, false, positive),
            };
            seqs.push(match item {
                Tree::Leaf(w) if is_plain_word(&w.leaf) => w.readings.first().map(Reading::sequence),
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
                    let q = json!({"match_phrase": {EXACT_TEXT: {
                        "query": format!("{x} {y}"), "slop": PROXIMITY_SLOP, "boost": boost_value(PROXIMITY_BOOST),
                    }}});
                    match boosts {
                        Boosts::Inline => opt.push(q),
                        Boosts::Apart => self.boosts.push(q),
                    }
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

    fn highlight_query(&self, field: &str) -> Option<Value> {
        let qs: Vec<Value> = self
            .highlight
            .iter()
            .filter(|(f, _, _)| match field {
                "title" => *f != Field::Body,
                _ => *f != Field::Title,
            })
            .map(|(_, text, kind)| match kind {
                Kind::Phrase => json!({"match_phrase": {field: text}}),
                Kind::Word => json!({"match": {field: text}}),
            })
            .collect();
        (!qs.is_empty()).then(|| should(qs))
    }
}

/// The search request body (`POST NAME/_search`) of a validated request whose query
/// analyzed to `tree` (`readings::analyze(analyzer, &req.query).tree()`).
pub fn request(tree: &Tree<Word>, req: &Request) -> Value {
    let mut b = Builder { any: req.any, highlight: Vec::new(), boosts: Vec::new() };
    let top = match tree {
        Tree::And(items) => b.and(items, req.any, true, Boosts::Apart),
        Tree::Leaf(w) => b.leaf(w, true, Boosts::Apart),
        tree => b.node(tree, req.any, true),
    };
    let query = top.unwrap_or_else(|| json!({"match_none": {}}));
    let mut filters = Vec::new();
    if req.since.is_some() || req.until.is_some() {
        let mut range = Map::new();
        if let Some(d) = req.since {
            range.insert("gte".into(), json!(d.to_rfc3339()));
        }
        if let Some(d) = req.until {
            range.insert("lte".into(), json!(d.to_rfc3339()));
        }
        filters.push(json!({"range": {"date": range}}));
    }
    if !req.press.is_empty() {
        let press: Vec<&str> = req.press.iter().map(|p| p.trim()).collect();
        filters.push(json!({"terms": {"press": press}}));
    }
    let query = if filters.is_empty() && req.exclude_ids.is_empty() {
        query
    } else {
        let mut b = Map::new();
        b.insert("must".into(), json!([query]));
        if !filters.is_empty() {
            b.insert("filter".into(), Value::Array(filters));
        }
        if !req.exclude_ids.is_empty() {
            b.insert("must_not".into(), json!([{"ids": {"values": req.exclude_ids}}]));
        }
        json!({ "bool": b })
    };
    let mut body = json!({
        "query": query,
        "size": req.limit,
        "from": req.offset,
        "track_total_hits": true,
        "_source": {"excludes": ["gisa_*"]},
    });
    match req.sort {
        Sort::Relevance if !b.boosts.is_empty() && req.limit > 0 => {
            body["rescore"] = json!({
                "window_size": RESCORE_WINDOW,
                "query": {
                    "rescore_query": should(std::mem::take(&mut b.boosts)),
                    "query_weight": 1,
                    "rescore_query_weight": 1,
                    "score_mode": "total",
                },
            });
        }
        Sort::Relevance => {}
        Sort::Date => body["sort"] = json!([{"date": {"order": "asc"}}]),
        Sort::NewestFirst => body["sort"] = json!([{"date": {"order": "desc"}}]),
    }
    if req.fragments > 0 && req.limit > 0 {
        let mut fields = Map::new();
        if let Some(q) = b.highlight_query("title") {
            fields.insert("title".into(), json!({"number_of_fragments": 0, "highlight_query": q}));
        }
        if let Some(q) = b.highlight_query("body") {
            fields.insert(
                "body".into(),
                json!({"number_of_fragments": req.fragments, "fragment_size": 150, "highlight_query": q}),
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
    //! The builder on hand-made analyzed trees (the readings are what the analyzer gives
    //! these words); tests/export.rs checks real queries, analyzed, against `gisa search`.

    use chrono::{DateTime, FixedOffset};

    use super::*;
    use crate::search::query::{Leaf, Query, Syntax};

    fn t_(text: &str) -> Unit {
        Unit::Term { text: text.into(), minor: false }
    }

    fn compound(whole: &str, parts: &[&str]) -> Unit {
        Unit::Compound { whole: whole.into(), parts: parts.iter().map(|p| (*p).to_owned()).collect() }
    }

    fn leaf(leaf: Leaf, readings: Vec<Vec<Unit>>) -> Tree<Word> {
        Tree::Leaf(Word {
            leaf,
            readings: readings.into_iter().map(|units| Reading { units, ..Default::default() }).collect(),
        })
    }

    fn word(text: &str, units: Vec<Unit>) -> Tree<Word> {
        leaf(Leaf::word(Field::Text, text), vec![units])
    }

    fn not(t: Tree<Word>) -> Tree<Word> {
        Tree::Not(Box::new(t))
    }

    fn req() -> Request {
        Request {
            query: Query::parse("x", Syntax::Strict).unwrap(),
            any: false,
            since: None,
            until: None,
            press: Vec::new(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            fragments: 0,
            exclude_ids: Vec::new(),
        }
    }

    fn q(tree: Tree<Word>) -> Value {
        request(&tree, &req())["query"].clone()
    }

    fn t(field: &str, v: &str) -> Value {
        json!({"term": {field: {"value": v}}})
    }

    fn tb(field: &str, v: &str, boost: f64) -> Value {
        json!({"term": {field: {"value": v, "boost": boost}}})
    }

    /// A one-term word on text and title.
    fn plain(v: &str) -> Value {
        json!({"bool": {"should": [t("gisa_text", v), tb("gisa_title", v, 0.5)]}})
    }

    #[test]
    fn one_word() {
        assert_eq!(q(word("반도체", vec![t_("반도체")])), plain("반도체"));
    }

    #[test]
    fn a_compound_is_its_whole_or_its_parts_in_sequence() {
        let got = q(word("삼성전자", vec![compound("삼성전자", &["삼성", "전자"])]));
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
    fn and_of_two_words_with_the_proximity_boost_in_a_rescore_of_gisas_window() {
        let two = || Tree::And(vec![word("삼성", vec![t_("삼성")]), word("반도체", vec![t_("반도체")])]);
        let body = request(&two(), &req());
        assert_eq!(body["query"], json!({"bool": {"must": [plain("삼성"), plain("반도체")]}}));
        let near = json!({"match_phrase": {"gisa_text": {"query": "삼성 반도체", "slop": 3, "boost": 0.2}}});
        assert_eq!(
            body["rescore"],
            json!({"window_size": 100, "query": {
                "rescore_query": near, "query_weight": 1, "rescore_query_weight": 1, "score_mode": "total",
            }})
        );
        // In a group the boost stays a clause of the group, as in gisa's compiler.
        let grouped = q(Tree::Or(vec![two(), word("퀄컴", vec![t_("퀄컴")])]));
        assert_eq!(
            grouped["bool"]["should"][0],
            json!({"bool": {"must": [plain("삼성"), plain("반도체")], "should": [near]}})
        );
        // A sort by date is not scored (and the engines refuse a rescore with a sort).
        let by_date = request(&two(), &Request { sort: Sort::NewestFirst, ..req() });
        assert_eq!(by_date.get("rescore"), None);
        assert_eq!(request(&two(), &Request { limit: 0, ..req() }).get("rescore"), None, "a count");
    }

    #[test]
    fn or_and_any() {
        let got = q(Tree::Or(vec![word("퀄컴", vec![t_("퀄컴")]), word("아마존", vec![t_("아마존")])]));
        assert_eq!(got, json!({"bool": {"should": [plain("퀄컴"), plain("아마존")]}}));
        let tree = Tree::And(vec![word("퀄컴", vec![t_("퀄컴")]), word("아마존", vec![t_("아마존")])]);
        let got = request(&tree, &Request { any: true, ..req() })["query"].clone();
        assert_eq!(got["bool"].get("must"), None, "--any: nothing is required");
        assert_eq!(got["bool"]["should"][0], plain("퀄컴"));
    }

    #[test]
    fn exclusions_in_a_group_alone_and_inside_or() {
        let got = q(Tree::And(vec![word("반도체", vec![t_("반도체")]), not(word("중국", vec![t_("중국")]))]));
        assert_eq!(got, json!({"bool": {"must": [plain("반도체")], "must_not": [plain("중국")]}}));
        let got = q(not(word("중국", vec![t_("중국")])));
        assert_eq!(got, json!({"bool": {"must": [{"match_all": {}}], "must_not": [plain("중국")]}}));
        // (퀄컴 OR -중국): 퀄컴 without 중국, as gisa's compiler and Lucene read it.
        let got = q(Tree::Or(vec![word("퀄컴", vec![t_("퀄컴")]), not(word("중국", vec![t_("중국")]))]));
        assert_eq!(got, json!({"bool": {"should": [plain("퀄컴")], "must_not": [plain("중국")]}}));
    }

    #[test]
    fn phrase_runs_over_parts() {
        let got = q(leaf(
            Leaf::phrase(Field::Text, "삼성전자 반도체"),
            vec![vec![compound("삼성전자", &["삼성", "전자"]), t_("반도체")]],
        ));
        let want = json!({"bool": {"should": [
            {"match_phrase": {"gisa_text": {"query": "삼성 전자 반도체"}}},
            {"match_phrase": {"gisa_title": {"query": "삼성 전자 반도체", "boost": 0.5}}},
        ]}});
        assert_eq!(got, want);
    }

    #[test]
    fn fields_title_body_and_exact() {
        assert_eq!(q(leaf(Leaf::word(Field::Title, "이재용"), vec![vec![t_("이재용")]])), t("gisa_title", "이재용"));
        assert_eq!(q(leaf(Leaf::word(Field::Body, "퀄컴"), vec![vec![t_("퀄컴")]])), t("gisa_text", "퀄컴"));
        assert_eq!(q(leaf(Leaf::word(Field::Reporter, " 이소연 "), vec![])), t("reporter", "이소연"));
    }

    #[test]
    fn a_word_of_several_terms_requires_its_main_terms() {
        let minor = Unit::Term { text: "씨".into(), minor: true };
        let alone = request(&word("김을동씨", vec![t_("김을동"), minor.clone()]), &req());
        let sequence = json!({"bool": {"should": [
            {"match_phrase": {"gisa_text": {"query": "김을동 씨", "boost": 0.25}}},
            {"match_phrase": {"gisa_title": {"query": "김을동 씨", "boost": 0.125}}},
        ]}});
        assert_eq!(alone["query"], json!({"bool": {"must": [plain("김을동")], "should": [plain("씨")]}}));
        assert_eq!(alone["rescore"]["query"]["rescore_query"], sequence, "a word alone is the top level");
        // Inside a group, its sequence boost is one of its clauses.
        let got = q(Tree::Or(vec![word("김을동씨", vec![t_("김을동"), minor]), word("퀄컴", vec![t_("퀄컴")])]));
        let want = json!({"bool": {
            "must": [plain("김을동")],
            "should": [plain("씨"), sequence],
        }});
        assert_eq!(got["bool"]["should"][0], want);
    }

    #[test]
    fn two_readings_are_a_dis_max() {
        let got = q(leaf(Leaf::word(Field::Title, "김경준의"), vec![vec![t_("김경")], vec![t_("김경준")]]));
        assert_eq!(got, json!({"dis_max": {"queries": [t("gisa_title", "김경"), t("gisa_title", "김경준")]}}));
    }

    #[test]
    fn a_word_without_terms_is_left_out_and_nothing_left_matches_nothing() {
        let got = q(Tree::And(vec![word("반도체", vec![t_("반도체")]), leaf(Leaf::word(Field::Text, "을"), vec![])]));
        assert_eq!(got, json!({"bool": {"must": [plain("반도체")]}}));
        assert_eq!(q(leaf(Leaf::word(Field::Text, "을"), vec![])), json!({"match_none": {}}));
    }

    #[test]
    fn filters_sort_paging_shown_articles_and_highlight() {
        let kst = FixedOffset::east_opt(9 * 3600).unwrap();
        let r = Request {
            since: Some(DateTime::parse_from_rfc3339("2024-06-01T00:00:00+09:00").unwrap().with_timezone(&kst)),
            until: Some(DateTime::parse_from_rfc3339("2024-06-30T23:59:59+09:00").unwrap().with_timezone(&kst)),
            press: vec!["연합뉴스".into(), " KBS ".into()],
            sort: Sort::NewestFirst,
            limit: 20,
            offset: 40,
            fragments: 3,
            exclude_ids: vec!["a1".into()],
            ..req()
        };
        let tree = word("반도체", vec![t_("반도체")]);
        let want = json!({
            "query": {"bool": {"must": [plain("반도체")], "filter": [
                {"range": {"date": {"gte": "2024-06-01T00:00:00+09:00", "lte": "2024-06-30T23:59:59+09:00"}}},
                {"terms": {"press": ["연합뉴스", "KBS"]}},
            ], "must_not": [{"ids": {"values": ["a1"]}}]}},
            "size": 20, "from": 40, "track_total_hits": true, "_source": {"excludes": ["gisa_*"]},
            "sort": [{"date": {"order": "desc"}}],
            "highlight": {"fields": {
                "title": {"number_of_fragments": 0, "highlight_query": {"match": {"title": "반도체"}}},
                "body": {"number_of_fragments": 3, "fragment_size": 150, "highlight_query": {"match": {"body": "반도체"}}},
            }},
        });
        assert_eq!(request(&tree, &r), want);
        assert_eq!(request(&tree, &Request { sort: Sort::Date, ..r })["sort"], json!([{"date": {"order": "asc"}}]));
    }
}
