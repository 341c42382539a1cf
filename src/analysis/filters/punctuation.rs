//! Punctuation and symbols: a token with no letter or digit in it (`.`, `…`, `·`, `😀`) is
//! not a search term. Lucene's Korean tokenizer drops them the same way by default.

use crate::analysis::token::Token;

pub fn apply(discard: bool, tokens: &mut Vec<Token<'_>>) {
    if discard {
        tokens.retain(|t| {
            t.text
                .chars()
                .any(|c| c.is_ascii_alphanumeric() || ('\u{AC00}'..='\u{D7A3}').contains(&c) || c.is_alphanumeric())
        });
    }
}
