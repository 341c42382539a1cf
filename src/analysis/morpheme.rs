//! Morphemes: what the segmenter returns.
//!
//! A morpheme is a byte span of the analyzed text and the dictionary entry it is
//! ([`WordRef`]). The features of the entry — part of speech, reading, type, expression — are
//! read only when a filter asks for them, from the [`crate::dict::Lexicon`] that holds it.

use crate::dict::WordRef;

/// One morpheme: a span of the analyzed text (byte offsets) and its dictionary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Morpheme {
    pub start: usize,
    pub end: usize,
    pub word: WordRef,
}
