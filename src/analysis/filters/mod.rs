//! The token filters, applied in order after segmentation — Lucene Nori's design: each filter
//! does one thing and has explicit options.
//!
//! 1. [`decompound`] — compound nouns: whole word, parts, or both (`mixed`);
//! 2. [`inflection`] — inflected forms: split into stem and endings, stem spans the endings;
//! 3. [`pos`] — drop tokens whose (first) part-of-speech tag is a stop tag;
//! 4. [`punctuation`] — drop tokens made only of punctuation and symbols;
//! 5. [`reading`] — replace Hanja by its Hangul reading (optional);
//! 6. [`lowercase`] — lower-case Latin letters;
//! 7. [`runs`] — a word the dictionary reads only in pieces, indexed whole beside them (its
//!    runs are found on the raw segmentation, before the first filter).

pub mod decompound;
pub mod inflection;
pub mod lowercase;
pub mod pos;
pub mod punctuation;
pub mod reading;
pub mod runs;

use super::token::Token;
use crate::dict::{Features, Lexicon};

/// What filters may consult besides the tokens.
pub struct Context<'a> {
    /// The dictionaries the tokens' entries come from.
    pub lexicon: &'a Lexicon,
    /// The normalized text the token offsets point into.
    pub text: &'a str,
}

impl<'a> Context<'a> {
    /// The complete features of a token's dictionary entry.
    pub fn features(&self, t: &Token<'a>) -> Features<'a> {
        self.lexicon.features(t.word)
    }
}

/// Splits `surface` (the text of `[start, end)`) into spans for `parts`, exactly where a part
/// spells the text that follows, else giving the part (and every later one) the rest of the
/// span — so `삼성전자` → `삼성`+`전자` cut exactly, and `만났` → `만나`+`았` both cover `만났`.
pub fn align_parts(surface: &str, start: usize, parts: &[(&str, &str)]) -> Vec<(usize, usize)> {
    let end = start + surface.len();
    let mut cursor = 0;
    let mut exact = true;
    parts
        .iter()
        .map(|(part, _)| {
            if exact && surface[cursor..].starts_with(part) {
                let span = (start + cursor, start + cursor + part.len());
                cursor += part.len();
                span
            } else {
                exact = false;
                (start + cursor.min(surface.len()), end)
            }
        })
        .map(|(s, e)| if s == e { (start, end) } else { (s, e) })
        .collect()
}

/// Helper for filters that replace one token by several.
pub fn expand<'a>(tokens: &mut Vec<Token<'a>>, mut f: impl FnMut(Token<'a>, &mut Vec<Token<'a>>)) {
    let input = std::mem::take(tokens);
    tokens.reserve(input.len());
    for t in input {
        f(t, tokens);
    }
}

#[cfg(test)]
mod tests {
    use super::align_parts;

    #[test]
    fn exact_and_inexact_parts() {
        let s = "삼성전자";
        assert_eq!(align_parts(s, 10, &[("삼성", "NNP"), ("전자", "NNG")]), vec![(10, 16), (16, 22)]);
        let s = "만났";
        assert_eq!(align_parts(s, 0, &[("만나", "VV"), ("았", "EP")]), vec![(0, 6), (0, 6)]);
        let s = "가가라강";
        assert_eq!(align_parts(s, 0, &[("가가라", "NNP"), ("강", "NNG")]), vec![(0, 9), (9, 12)]);
        // A later part that does not match takes what is left.
        let s = "갔었";
        assert_eq!(align_parts(s, 0, &[("가", "VV"), ("았", "EP"), ("었", "EP")]), vec![(0, 6), (0, 6), (0, 6)]);
    }
}
