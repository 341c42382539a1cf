//! gisa's analyzer options as Nori settings: the closest `nori_tokenizer` +
//! `nori_part_of_speech` + `nori_readingform` + `lowercase` chain Lucene's Korean module
//! allows, and an honest list of what it cannot reproduce.
//!
//! Nori's part-of-speech tags depend on the Lucene version the engine runs:
//! - Lucene 10 (Elasticsearch 9, OpenSearch 3) has mecab-ko-dic's own tags (`JKS`, `EP`, …;
//!   apache/lucene#11778): gisa's stop tags go over one to one, and `E` or `J` would make
//!   the cluster refuse the index;
//! - Lucene 8–9 (Elasticsearch 7–8, OpenSearch 1–2) folds the particles (`JKS`, `JKO`, …
//!   `JX`, `JC`) into `J` and the endings (`EP`, `EF`, `EC`, `ETN`, `ETM`) into `E`, and reads
//!   any tag starting with J or E as those. A folded tag is stopped only when gisa stops
//!   *every* tag folded into it; a group gisa stops in part is kept (Nori cannot drop `JKS`
//!   and keep `JKG`) and reported.
//!
//! Nori's user dictionary takes nouns only, as `word` or `word part part…` whose parts spell
//! the word; other gisa user entries are reported and left out.

use serde::Serialize;

use crate::analysis::{AnalyzerOptions, DecompoundMode};
use crate::dict::tags::TAGS;

/// Lucene 8–9's `POS.Tag` enum, the tags `nori_part_of_speech` accepts there.
pub const FOLDED_TAGS: &[&str] = &[
    "E", "IC", "J", "MAG", "MAJ", "MM", "NA", "NNB", "NNBC", "NNG", "NNP", "NP", "NR", "SC", "SE", "SF", "SH", "SL",
    "SN", "SP", "SSC", "SSO", "SY", "UNA", "UNKNOWN", "VA", "VCN", "VCP", "VSV", "VV", "VX", "XPN", "XR", "XSA", "XSN",
    "XSV",
];

/// Which tag set the engine's Nori has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TagSet {
    /// Lucene 10: mecab-ko-dic's tags.
    Detailed,
    /// Lucene 8–9: particles as `J`, endings as `E`.
    Folded,
}

/// The Lucene 8–9 tag a mecab-ko-dic tag is folded into (`None` for a tag gisa does not
/// know).
pub fn folded_tag(tag: &str) -> Option<&'static str> {
    Some(match tag {
        "JKS" | "JKC" | "JKG" | "JKO" | "JKB" | "JKV" | "JKQ" | "JX" | "JC" => "J",
        "EP" | "EF" | "EC" | "ETN" | "ETM" => "E",
        other => return FOLDED_TAGS.iter().copied().find(|t| *t == other),
    })
}

/// A Nori tag that gisa's stop tags cover only in part: Nori keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartialTag {
    pub nori: &'static str,
    /// gisa tags folded into it that gisa drops…
    pub stopped: Vec<&'static str>,
    /// …and those it keeps.
    pub kept: Vec<&'static str>,
}

/// gisa's stop tags in Nori's tag set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StopTags {
    /// `nori_part_of_speech` stoptags, in the order of gisa's (detailed) or Lucene 9's
    /// (folded) tag list.
    pub stoptags: Vec<&'static str>,
    pub partial: Vec<PartialTag>,
}

/// Maps gisa's stop tags (mecab-ko-dic tags) to Nori's.
pub fn stop_tags(gisa: &[String], set: TagSet) -> StopTags {
    let stopped = |t: &str| gisa.iter().any(|g| g == t);
    let mut out = StopTags { stoptags: Vec::new(), partial: Vec::new() };
    if set == TagSet::Detailed {
        out.stoptags = TAGS.iter().copied().filter(|t| stopped(t)).collect();
        return out;
    }
    for &nori in FOLDED_TAGS {
        let members: Vec<&'static str> = TAGS.iter().copied().filter(|t| folded_tag(t) == Some(nori)).collect();
        let (on, off): (Vec<_>, Vec<_>) = members.iter().partition(|t| stopped(t));
        match (on.is_empty(), off.is_empty()) {
            (false, true) => out.stoptags.push(nori),
            (false, false) => out.partial.push(PartialTag { nori, stopped: on, kept: off }),
            _ => {}
        }
    }
    out
}

/// One user dictionary entry, as gisa compiled it.
#[derive(Debug, Clone, Copy)]
pub struct UserWord<'a> {
    pub surface: &'a str,
    /// Part of speech (`NNP`, `NNG+JX`, …).
    pub pos: &'a str,
    /// `Compound`, `Inflect`, `Preanalysis` or `*`.
    pub kind: &'a str,
    /// `삼성/NNP/*+전자/NNG/*` or `*`.
    pub expression: &'a str,
}

/// A user entry Nori cannot take, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    pub word: String,
    pub reason: String,
}

/// `user_dictionary_rules` and the entries left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UserRules {
    pub rules: Vec<String>,
    pub rejected: Vec<Rejected>,
}

fn is_noun(tag: &str) -> bool {
    matches!(tag, "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP")
}

/// Converts user words to Nori rules (`word` or `word part part…`), in order, first entry
/// of a word winning.
pub fn user_rules<'a>(words: impl IntoIterator<Item = UserWord<'a>>) -> UserRules {
    let mut out = UserRules::default();
    let mut seen = std::collections::HashSet::new();
    for w in words {
        let reject = |reason: String| Rejected { word: w.surface.to_owned(), reason };
        let rule = if w.pos.contains('+') || !is_noun(w.pos) {
            Err(format!("part of speech {}: Nori's user dictionary takes nouns only", w.pos))
        } else {
            match w.kind {
                "Compound" => {
                    let parts = crate::dict::features::expression_parts(w.expression);
                    if let Some((p, t)) = parts.iter().find(|(_, t)| !is_noun(t)) {
                        Err(format!("its part {p}/{t} is not a noun"))
                    } else if parts.iter().map(|(p, _)| *p).collect::<String>() != w.surface || parts.len() < 2 {
                        Err(format!("its parts ({}) do not spell the word", w.expression))
                    } else {
                        let mut r = w.surface.to_owned();
                        for (p, _) in &parts {
                            r.push(' ');
                            r.push_str(p);
                        }
                        Ok(r)
                    }
                }
                "Inflect" | "Preanalysis" => Err(format!("type {}: Nori's user dictionary takes nouns only", w.kind)),
                _ => Ok(w.surface.to_owned()),
            }
        };
        match rule {
            Ok(_) if !seen.insert(w.surface.to_owned()) => {
                out.rejected.push(reject("an earlier entry has the same word (Nori takes one per word)".into()))
            }
            Ok(r) => out.rules.push(r),
            Err(why) => out.rejected.push(reject(why)),
        }
    }
    out
}

/// The Nori analysis chain for gisa's options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoriChain {
    pub tag_set: TagSet,
    pub decompound_mode: &'static str,
    pub discard_punctuation: bool,
    pub stop: StopTags,
    pub reading_form: bool,
    pub lowercase: bool,
    pub user: UserRules,
    /// What of gisa's analysis the chain does not reproduce, one sentence each.
    pub differences: Vec<String>,
}

/// The closest Nori chain to `options` (`user`: the compiled user dictionary's words).
pub fn chain(options: &AnalyzerOptions, user: UserRules, tag_set: TagSet) -> NoriChain {
    let stop = stop_tags(&options.stop_tags, tag_set);
    let mut differences = vec![match tag_set {
        TagSet::Detailed => "Lucene 10's Nori ships the same mecab-ko-dic (2.1.1-20180720) as gisa, but its own lattice (whitespace, unknown words, ties): segmentations differ (scripts/nori_parity.py measures it)".to_owned(),
        TagSet::Folded => "Older Nori (Lucene 8-9) has its own lattice and, depending on the version, an older mecab-ko-dic (2.0.3-20170922): segmentations differ more".to_owned(),
    }];
    if options.decompound == DecompoundMode::Mixed {
        differences.push(
            "Nori's mixed mode also keeps inflected forms whole (만났 beside 만나); gisa indexes the stem only"
                .to_owned(),
        );
    }
    for p in &stop.partial {
        differences.push(format!(
            "gisa drops {} but keeps {}; Nori folds them all into {}, which is kept",
            p.stopped.join(" "),
            p.kept.join(" "),
            p.nori
        ));
    }
    if options.normalize {
        differences.push("gisa applies Unicode NFKC first (ＡＩ → AI, ㈜ → (주)); Nori has no normalization of its own (the analysis-icu plugin's icu_normalizer would add it)".to_owned());
    }
    if !options.stem_inflections {
        differences.push("gisa keeps inflected forms whole (--no-stem); Nori has no such switch".to_owned());
    }
    if !user.rejected.is_empty() {
        differences.push(format!(
            "{} user dictionary entries are not nouns Nori can take (see user_dictionary.rejected)",
            user.rejected.len()
        ));
    }
    if options.user_dictionary.is_some() {
        differences.push(
            "Nori's user words are common nouns (NNG) of a fixed cost; gisa's keep their own part of speech and cost"
                .to_owned(),
        );
    }
    NoriChain {
        tag_set,
        decompound_mode: match options.decompound {
            DecompoundMode::Mixed => "mixed",
            DecompoundMode::Discard => "discard",
            DecompoundMode::None => "none",
        },
        discard_punctuation: options.discard_punctuation,
        stop,
        reading_form: options.hanja_reading,
        lowercase: options.lowercase,
        user,
        differences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gisa_tag_has_a_folded_tag() {
        for t in TAGS {
            assert!(folded_tag(t).is_some(), "{t}");
        }
        assert_eq!(folded_tag("JKG"), Some("J"));
        assert_eq!(folded_tag("ETM"), Some("E"));
        assert_eq!(folded_tag("NNBC"), Some("NNBC"));
        assert_eq!(folded_tag("XYZ"), None);
    }

    #[test]
    fn detailed_tags_go_over_one_to_one() {
        let gisa = AnalyzerOptions::default().stop_tags;
        let s = stop_tags(&gisa, TagSet::Detailed);
        assert_eq!(s.stoptags.len(), gisa.len());
        assert!(s.stoptags.contains(&"JKS") && s.stoptags.contains(&"EP") && !s.stoptags.contains(&"J"));
        let s = stop_tags(&["JKS".to_owned()], TagSet::Detailed);
        assert_eq!((s.stoptags, s.partial.len()), (vec!["JKS"], 0));
    }

    #[test]
    fn default_stop_tags_fold_to_older_nori_defaults() {
        let s = stop_tags(&AnalyzerOptions::default().stop_tags, TagSet::Folded);
        // Elasticsearch 7–8's documented nori_part_of_speech defaults.
        let mut es = vec![
            "E", "IC", "J", "MAG", "MAJ", "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN", "XSV", "UNA",
            "NA", "VSV",
        ];
        es.sort_unstable();
        let mut got = s.stoptags.clone();
        got.sort_unstable();
        assert_eq!(got, es);
        assert!(s.partial.is_empty());
    }

    #[test]
    fn a_group_stopped_in_part_is_kept_and_reported() {
        let s = stop_tags(
            &[
                "JKS".to_owned(),
                "JKO".to_owned(),
                "EF".to_owned(),
                "EP".to_owned(),
                "EC".to_owned(),
                "ETN".to_owned(),
                "ETM".to_owned(),
            ],
            TagSet::Folded,
        );
        assert_eq!(s.stoptags, vec!["E"]);
        assert_eq!(s.partial.len(), 1);
        assert_eq!(s.partial[0].nori, "J");
        assert_eq!(s.partial[0].stopped, vec!["JKS", "JKO"]);
        assert!(s.partial[0].kept.contains(&"JKG"));
    }

    #[test]
    fn user_words_nouns_only() {
        let w = |surface, pos, kind, expression| UserWord { surface, pos, kind, expression };
        let r = user_rules([
            w("뉴진스", "NNP", "*", "*"),
            w("카카오뱅크", "NNP", "Compound", "카카오/NNP/*+뱅크/NNG/*"),
            w("힙하다", "VA", "*", "*"),
            w("갓생을", "NNG+JKO", "*", "*"),
            w("먹방했", "VV+EP", "Inflect", "먹방하/VV/*+았/EP/*"),
            w("뉴진스", "NNG", "*", "*"),
            w("삼성바이오", "NNP", "Compound", "삼성/NNP/*+바이오로직스/NNG/*"),
        ]);
        assert_eq!(r.rules, vec!["뉴진스", "카카오뱅크 카카오 뱅크"]);
        let rejected: Vec<&str> = r.rejected.iter().map(|x| x.word.as_str()).collect();
        assert_eq!(rejected, vec!["힙하다", "갓생을", "먹방했", "뉴진스", "삼성바이오"]);
        assert!(r.rejected[0].reason.contains("nouns only"), "{:?}", r.rejected[0]);
        assert!(r.rejected[4].reason.contains("do not spell"), "{:?}", r.rejected[4]);
    }
}
