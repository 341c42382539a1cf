//! Morphemes and their dictionary features.
//!
//! The segmenter returns morphemes as (byte span, reference to a dictionary entry). The
//! features of the entry — part of speech, reading, type, expression — are read only when a
//! filter asks for them, from whichever dictionary (system, unknown-word, user) holds it.

use super::user_dict::UserDictionary;
use crate::dict::KoDict;

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

/// The eight feature fields of a mecab-ko-dic entry, borrowed from the dictionary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Features<'a> {
    /// Part of speech, `+`-joined for multi-morpheme entries (`VV+EP`).
    pub pos: &'a str,
    /// Semantic class (`인명`, `지명`, …) or `*`.
    pub semantic: &'a str,
    /// Whether the last syllable has a final consonant: `T`, `F` or `*`.
    pub jongseong: &'a str,
    /// Reading (Hangul for Hanja entries).
    pub reading: &'a str,
    /// `Inflect`, `Compound`, `Preanalysis` or `*`.
    pub kind: &'a str,
    pub first_pos: &'a str,
    pub last_pos: &'a str,
    /// `part/POS/semantic+part/POS/semantic…` for the three kinds above, else `*`.
    pub expression: &'a str,
}

/// An entry's kind, from the `type` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plain,
    /// A compound noun: the expression lists its parts.
    Compound,
    /// An inflected form: the expression lists stem and endings.
    Inflect,
    /// A pre-analyzed sequence (names split into parts, contracted forms).
    Preanalysis,
}

impl<'a> Features<'a> {
    /// Builds from fields in dictionary order; missing fields read as `*`.
    pub fn from_fields(fields: impl IntoIterator<Item = &'a str>) -> Features<'a> {
        let mut it = fields.into_iter();
        let mut next = || it.next().unwrap_or("*");
        Features {
            pos: next(),
            semantic: next(),
            jongseong: next(),
            reading: next(),
            kind: next(),
            first_pos: next(),
            last_pos: next(),
            expression: next(),
        }
    }

    /// The first tag of the part of speech (`VV` for `VV+EP`).
    pub fn first_tag(&self) -> &'a str {
        self.pos.split('+').next().unwrap_or(self.pos)
    }

    pub fn kind(&self) -> Kind {
        match self.kind {
            "Compound" => Kind::Compound,
            "Inflect" => Kind::Inflect,
            "Preanalysis" => Kind::Preanalysis,
            _ => Kind::Plain,
        }
    }

    /// The parts of the expression field as (surface, tag) pairs; empty when there is none.
    pub fn expression_parts(&self) -> Vec<(&'a str, &'a str)> {
        expression_parts(self.expression)
    }
}

/// The parts of an expression (`삼성/NNP/*+전자/NNG/*`) as (surface, tag) pairs; empty for `*`.
pub fn expression_parts(expression: &str) -> Vec<(&str, &str)> {
    if expression == "*" || expression.is_empty() {
        return Vec::new();
    }
    expression
        .split('+')
        .filter_map(|part| {
            let mut f = part.split('/');
            let surface = f.next()?;
            let tag = f.next()?;
            (!surface.is_empty() && !tag.is_empty()).then_some((surface, tag))
        })
        .collect()
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
