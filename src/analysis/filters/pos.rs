//! Part-of-speech stop tags: particles, endings, affixes and the like carry no search
//! meaning on their own (서울은 → 서울). A multi-morpheme entry (`NNG+JX`) is judged by its
//! first tag, as Nori does.

use std::collections::HashSet;

use crate::analysis::token::Token;

/// Elasticsearch Nori's default stop tags (E, IC, J, MAG, MAJ, MM, SP, SSC, SSO, SC, SE, XPN,
/// XSA, XSN, XSV, UNA, NA, VSV) in mecab-ko-dic's tag set.
pub const DEFAULT_STOP_TAGS: &[&str] = &[
    "EP", "EF", "EC", "ETN", "ETM", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "IC", "MAG", "MAJ",
    "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN", "XSV",
];

/// Every tag mecab-ko-dic uses (plus `UNKNOWN` for unknown Hangul words), for validation.
pub const KNOWN_TAGS: &[&str] = &[
    "NNG", "NNP", "NNB", "NNBC", "NR", "NP", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC", "JKS", "JKC",
    "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV", "XSA", "XR",
    "SF", "SE", "SSO", "SSC", "SC", "SY", "SL", "SH", "SN", "SP", "UNKNOWN",
];

pub fn apply(stop: &HashSet<String>, tokens: &mut Vec<Token<'_>>) {
    if stop.is_empty() {
        return;
    }
    tokens.retain(|t| !stop.contains(t.first_tag()));
}
