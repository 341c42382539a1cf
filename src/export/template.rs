//! The index template (`PUT _index_template/NAME`): index patterns, the two analyzers and the
//! mappings that mirror gisa's schema ([`crate::index::schema`]).
//!
//! - `gisa_nori`: `nori_tokenizer` (gisa's decompound mode, punctuation, user nouns) →
//!   `nori_part_of_speech` (gisa's stop tags in the engine version's Nori tag set) → `nori_readingform` (when
//!   gisa reads Hanja) → `lowercase`; on `title`, `subtitles` and `body`;
//! - `gisa_exact`: a whitespace tokenizer and nothing else, on the exact-terms fields that
//!   carry gisa's own terms ([`super::document`]), so a query built from gisa's analysis
//!   matches what gisa matches.
//!
//! Both engines take the same body for the same Lucene: OpenSearch forked from
//! Elasticsearch 7.10, after composable templates (`_index_template`), typeless mappings (no
//! `_doc` in the mapping) and `nori_tokenizer`'s `discard_punctuation` and
//! `user_dictionary_rules`. What differs is the Lucene version under each major version of
//! each engine (Nori's tag set, see [`super::nori`]) and how a cluster is reached (see
//! [`super::Target`]).
//! BM25 is set to k1 1.2, b 0.75, tantivy's parameters, so the exact fields score like gisa.

use serde_json::{Value, json};

use super::Target;
use super::document::{EXACT_TEXT, EXACT_TEXT_COMPOUNDS, EXACT_TITLE, EXACT_TITLE_COMPOUNDS};
use super::nori::NoriChain;

/// Analyzer names in the template.
pub const NORI_ANALYZER: &str = "gisa_nori";
pub const EXACT_ANALYZER: &str = "gisa_exact";
/// Longest term the whitespace tokenizer keeps whole, in characters: Lucene refuses terms
/// over 32,766 bytes, and 8,191 characters of up to 4 bytes stay under that.
const MAX_TERM_CHARS: u32 = 8191;
/// Above the built-in templates of Elasticsearch (100), so ours wins on its own pattern.
const PRIORITY: u32 = 200;

/// The analysis settings.
fn analysis(chain: &NoriChain) -> Value {
    let mut tokenizer = json!({
        "type": "nori_tokenizer",
        "decompound_mode": chain.decompound_mode,
        "discard_punctuation": chain.discard_punctuation,
    });
    if !chain.user.rules.is_empty() {
        tokenizer["user_dictionary_rules"] = json!(chain.user.rules);
    }
    let mut filters = vec!["gisa_pos_stop"];
    if chain.reading_form {
        filters.push("nori_readingform");
    }
    if chain.lowercase {
        filters.push("lowercase");
    }
    json!({
        "tokenizer": {
            "gisa_nori_tokenizer": tokenizer,
            "gisa_terms": {"type": "whitespace", "max_token_length": MAX_TERM_CHARS},
        },
        "filter": {
            "gisa_pos_stop": {"type": "nori_part_of_speech", "stoptags": chain.stop.stoptags},
        },
        "analyzer": {
            NORI_ANALYZER: {"type": "custom", "tokenizer": "gisa_nori_tokenizer", "filter": filters},
            EXACT_ANALYZER: {"type": "custom", "tokenizer": "gisa_terms"},
        },
    })
}

/// The mappings: gisa's schema, field for field.
fn mappings(meta: &Value) -> Value {
    let nori = |stored: bool| json!({"type": "text", "analyzer": NORI_ANALYZER, "store": stored});
    let exact = || json!({"type": "text", "analyzer": EXACT_ANALYZER});
    let keyword = |stored: bool| json!({"type": "keyword", "store": stored});
    json!({
        "dynamic": "strict",
        "_meta": meta,
        "properties": {
            "id": keyword(true),
            "path": keyword(true),
            "line": {"type": "long"},
            "title": nori(true),
            "subtitles": nori(false),
            "body": nori(true),
            "date": {"type": "date", "format": "strict_date_optional_time||epoch_second"},
            "date_source": keyword(false),
            "press": keyword(false),
            "reporter": keyword(false),
            "email": keyword(false),
            "url": keyword(true),
            "category": keyword(false),
            "format": keyword(false),
            "layout": keyword(false),
            "encoding": keyword(false),
            EXACT_TEXT: exact(),
            EXACT_TEXT_COMPOUNDS: exact(),
            EXACT_TITLE: exact(),
            EXACT_TITLE_COMPOUNDS: exact(),
        },
    })
}

/// The `_index_template` body for indexes named `name` or `name-*`; `meta` (gisa version,
/// analyzer, dictionary) goes into the mapping's and the template's `_meta`.
pub fn template(target: Target, engine_version: u32, name: &str, chain: &NoriChain, meta: Value) -> Value {
    json!({
        "index_patterns": [name, format!("{name}-*")],
        "priority": PRIORITY,
        "_meta": {"gisa": meta.clone(), "target": target.name(), "engine_version": engine_version},
        "template": {
            "settings": {
                "index": {
                    "similarity": {"default": {"type": "BM25", "k1": 1.2, "b": 0.75}},
                    "analysis": analysis(chain),
                },
            },
            "mappings": mappings(&meta),
        },
    })
}

/// The fields a document may carry (the mapping is strict: anything else is refused).
pub fn mapped_fields() -> Vec<String> {
    match mappings(&Value::Null)["properties"].as_object() {
        Some(p) => p.keys().cloned().collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::AnalyzerOptions;
    use crate::export::nori::{self, UserRules};

    #[test]
    fn template_has_both_analyzers_and_the_schema() {
        let opts = AnalyzerOptions { hanja_reading: true, ..Default::default() };
        let user = UserRules { rules: vec!["카카오뱅크 카카오 뱅크".into()], rejected: Vec::new() };
        let chain = nori::chain(&opts, user, nori::TagSet::Detailed);
        let t = template(Target::OpenSearch, 3, "news", &chain, json!({"gisa_version": "x"}));
        assert_eq!(t["index_patterns"], json!(["news", "news-*"]));
        let a = &t["template"]["settings"]["index"]["analysis"];
        assert_eq!(a["tokenizer"]["gisa_nori_tokenizer"]["decompound_mode"], "mixed");
        assert_eq!(a["tokenizer"]["gisa_nori_tokenizer"]["user_dictionary_rules"], json!(["카카오뱅크 카카오 뱅크"]));
        assert_eq!(a["analyzer"]["gisa_nori"]["filter"], json!(["gisa_pos_stop", "nori_readingform", "lowercase"]));
        assert_eq!(a["analyzer"]["gisa_exact"], json!({"type": "custom", "tokenizer": "gisa_terms"}));
        let stop = a["filter"]["gisa_pos_stop"]["stoptags"].as_array().unwrap();
        assert!(stop.contains(&json!("JKS")) && !stop.contains(&json!("J")));
        let p = &t["template"]["mappings"]["properties"];
        assert_eq!(p["date"]["type"], "date");
        assert_eq!(p["press"]["type"], "keyword");
        assert_eq!(p["body"]["store"], true);
        assert_eq!(p["gisa_text"]["analyzer"], "gisa_exact");
        assert!(mapped_fields().contains(&"gisa_title_compounds".to_owned()));
    }

    #[test]
    fn no_user_rules_no_key_no_readingform() {
        let chain = nori::chain(&AnalyzerOptions::default(), UserRules::default(), nori::TagSet::Folded);
        let t = template(Target::Elasticsearch, 8, "gisa", &chain, json!({}));
        let a = &t["template"]["settings"]["index"]["analysis"];
        assert!(a["tokenizer"]["gisa_nori_tokenizer"].get("user_dictionary_rules").is_none());
        assert_eq!(a["analyzer"]["gisa_nori"]["filter"], json!(["gisa_pos_stop", "lowercase"]));
        let stop = a["filter"]["gisa_pos_stop"]["stoptags"].as_array().unwrap();
        assert!(stop.contains(&json!("J")) && stop.contains(&json!("E")) && !stop.contains(&json!("JKS")));
    }
}
