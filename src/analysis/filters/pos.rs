//! Part-of-speech stop tags: particles, endings, affixes and the like carry no search
//! meaning on their own (서울은 → 서울). A multi-morpheme entry (`NNG+JX`) is judged by its
//! first tag, as Nori does.

use crate::dict::tags::TagSet;

use crate::analysis::token::Token;

/// Elasticsearch Nori's default stop tags (E, IC, J, MAG, MAJ, MM, SP, SSC, SSO, SC, SE, XPN,
/// XSA, XSN, XSV, UNA, NA, VSV) in mecab-ko-dic's tag set.
pub const DEFAULT_STOP_TAGS: &[&str] = &[
    "EP", "EF", "EC", "ETN", "ETM", "JKS", "JKC", "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "IC", "MAG", "MAJ",
    "MM", "SP", "SSC", "SSO", "SC", "SE", "XPN", "XSA", "XSN", "XSV", "UNA", "NA", "VSV",
];

/// Every tag mecab-ko-dic uses (plus `UNKNOWN` for unknown Hangul words), for validation.
pub use crate::dict::tags::TAGS as KNOWN_TAGS;

pub fn apply(stop: TagSet, tokens: &mut Vec<Token<'_>>) {
    if stop.is_empty() {
        return;
    }
    tokens.retain(|t| !stop.contains(t.tag_id));
}
