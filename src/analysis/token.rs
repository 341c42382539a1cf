//! The token that flows through the filter chain, and the term that comes out of it.

use std::borrow::Cow;

use serde::Serialize;

use crate::dict::{WordKind, WordRef};

/// What a token stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A morpheme as the segmenter found it.
    Word,
    /// A whole compound noun, indexed beside its parts.
    Compound,
    /// A part of a compound noun or of an inflected form.
    Part,
    /// The stem of a verb or adjective (its span covers the endings that follow).
    Stem,
    /// A word the dictionary reads only in pieces, indexed whole beside them (`딥시크` beside
    /// 딥 and 시크; see [`crate::analysis::filters::runs`]).
    Joined,
}

/// A token inside the filter chain. Offsets are byte offsets into the *normalized* text;
/// the analyzer maps them back to the original text when the chain is done.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: Cow<'a, str>,
    pub start: usize,
    pub end: usize,
    /// Part-of-speech tag (`NNP`, or `VV+EP` for an unsplit multi-morpheme entry).
    pub tag: &'a str,
    /// Number of the (first) tag, see [`crate::dict::tags::TAGS`].
    pub tag_id: u8,
    pub role: Role,
    /// Positions advanced by this token (0 = same position as the previous token).
    pub pos_inc: u32,
    /// Positions this token spans (a compound spans its parts).
    pub pos_len: u32,
    /// The dictionary entry the token came from (filters that need more of its features
    /// read them with `Context::features`).
    pub word: WordRef,
    pub kind: WordKind,
    /// The entry's expression (`삼성/NNP/*+전자/NNG/*`) for compounds, inflected and
    /// pre-analyzed entries, else `*`.
    pub expression: &'a str,
}

impl<'a> Token<'a> {
    /// The first tag of a multi-tag entry (`VV` for `VV+EP`), by which filters judge it.
    pub fn first_tag(&self) -> &str {
        crate::dict::tags::first_tag(self.tag)
    }

    /// One morpheme of this token's expression (a compound's part, an inflected form's stem
    /// or ending) at byte offsets `start..end`, from the same dictionary entry.
    pub fn piece(
        &self,
        surface: &'a str,
        tag: &'a str,
        (start, end): (usize, usize),
        role: Role,
        pos_inc: u32,
    ) -> Self {
        Token {
            text: Cow::Borrowed(surface),
            start,
            end,
            tag,
            tag_id: crate::dict::tags::tag_id(tag).unwrap_or(self.tag_id),
            role,
            pos_inc,
            pos_len: 1,
            word: self.word,
            kind: self.kind,
            expression: self.expression,
        }
    }
}

/// An analyzed term: what goes into the index, with exact byte offsets into the original
/// text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Term {
    pub text: String,
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub position: u32,
    pub position_length: u32,
    pub pos: String,
    pub role: Role,
}
