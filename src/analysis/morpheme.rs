//! Morphemes and their dictionary features.
//!
//! The segmenter returns morphemes as (byte span, reference to a dictionary entry). The
//! features of the entry — part of speech, reading, type, expression — are read only when a
//! filter asks for them, from whichever dictionary (system, unknown-word, user) holds it.

use crate::dict::user::UserDictionary;
use crate::dict::{Features, KoDict};

/// Which dictionary entry a morpheme is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordRef {
    /// Beginning of sentence (lattice bookkeeping only).
    Bos,
    /// A mecab-ko-dic lexicon entry, by lindera word id.
    System(u32),
    /// An unknown-word entry (`unk.def`), by id.
    Unknown(u32),
    /// A user dictionary entry, by index.
    User(u32),
}

/// One morpheme: a span of the analyzed text (byte offsets) and its dictionary entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Morpheme {
    pub start: usize,
    pub end: usize,
    pub word: WordRef,
}

/// The side-table facts of `word`: part-of-speech id, first tag and kind.
pub fn info(dict: &KoDict, user: Option<&UserDictionary>, word: WordRef) -> crate::dict::WordInfo {
    use crate::dict::{WordInfo, WordKind, tags};
    match word {
        WordRef::System(id) => dict.word_info(id),
        WordRef::Unknown(id) => dict.unknown_info(id),
        WordRef::User(idx) => match user {
            Some(u) => u.entry(idx).info(),
            None => WordInfo { posid: 0, tag: tags::tag_id("UNKNOWN").unwrap_or(0), kind: WordKind::Plain },
        },
        WordRef::Bos => WordInfo { posid: 0, tag: 0, kind: WordKind::Plain },
    }
}

/// Reads the features of `word`.
pub fn features<'a>(dict: &'a KoDict, user: Option<&'a UserDictionary>, word: WordRef) -> Features<'a> {
    match word {
        WordRef::System(id) => Features::from_fields(dict.lindera.word_details_iter(id as usize)),
        WordRef::Unknown(id) => match dict.lindera.unknown_dictionary.word_details_iter(id) {
            Some(fields) => Features::from_fields(fields),
            None => Features::from_fields(["UNKNOWN"]),
        },
        WordRef::User(idx) => match user {
            Some(u) => u.entry(idx).features(),
            None => Features::from_fields(["UNKNOWN"]),
        },
        WordRef::Bos => Features::from_fields(["BOS/EOS"]),
    }
}
