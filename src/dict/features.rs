//! The feature fields of a mecab-ko-dic entry, read once: [`Features`] borrows the eight
//! fields after `surface,left,right,cost` (part of speech, semantic class, final consonant,
//! reading, type, first and last part of speech, expression) and answers what the rest of gisa
//! asks of them — the first tag, the kind, the parts of the expression. Every reader of
//! features goes through it: the converter writing the side table, the user dictionary, the
//! analyzer and its filters. (Splitting a raw feature string into fields is
//! [`super::mecab::feature_fields`]; lindera hands the analyzer the fields already split.)

use super::tags::{self, WordKind};

/// Number of feature fields of a mecab-ko-dic entry.
pub const FIELD_COUNT: usize = 8;

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

impl<'a> Features<'a> {
    /// Builds from fields in dictionary order; missing fields read as `*`.
    #[inline]
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

    /// The fields in dictionary order.
    pub fn fields(&self) -> [&'a str; FIELD_COUNT] {
        [
            self.pos,
            self.semantic,
            self.jongseong,
            self.reading,
            self.kind,
            self.first_pos,
            self.last_pos,
            self.expression,
        ]
    }

    /// The first tag of the part of speech (`VV` for `VV+EP`).
    pub fn first_tag(&self) -> &'a str {
        tags::first_tag(self.pos)
    }

    /// Number of the (first) tag in [`tags::TAGS`]; `None` for a tag mecab-ko-dic lacks.
    pub fn tag_id(&self) -> Option<u8> {
        tags::tag_id(self.pos)
    }

    /// The entry's kind, from the `type` field.
    pub fn word_kind(&self) -> WordKind {
        WordKind::from_field(self.kind)
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

/// Owned feature fields (a user word's), in the order of [`Features`].
#[derive(Debug, Clone, Default)]
pub struct OwnedFeatures {
    pub pos: String,
    pub semantic: String,
    pub jongseong: String,
    pub reading: String,
    pub kind: String,
    pub first_pos: String,
    pub last_pos: String,
    pub expression: String,
}

impl OwnedFeatures {
    /// The fields, borrowed.
    pub fn borrow(&self) -> Features<'_> {
        Features {
            pos: &self.pos,
            semantic: &self.semantic,
            jongseong: &self.jongseong,
            reading: &self.reading,
            kind: &self.kind,
            first_pos: &self.first_pos,
            last_pos: &self.last_pos,
            expression: &self.expression,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_read_in_order_and_missing_ones_as_stars() {
        let f = Features::from_fields(["VV+EP", "*", "T", "만났", "Inflect", "VV", "EP", "만나/VV/*+았/EP/*"]);
        assert_eq!(f.first_tag(), "VV");
        assert_eq!(f.tag_id(), tags::tag_id("VV"));
        assert_eq!(f.word_kind(), WordKind::Inflect);
        assert_eq!(f.expression_parts(), vec![("만나", "VV"), ("았", "EP")]);
        assert_eq!(Features::from_fields(f.fields()), f);
        let short = Features::from_fields(["UNKNOWN"]);
        assert_eq!((short.pos, short.reading, short.expression), ("UNKNOWN", "*", "*"));
        assert_eq!(short.word_kind(), WordKind::Plain);
        assert!(short.expression_parts().is_empty());
    }
}
