//! Lower-casing: `iPhone`, `IPHONE` and `iphone` are one term.

use std::borrow::Cow;

use crate::analysis::token::Token;

pub fn apply(enabled: bool, tokens: &mut [Token<'_>]) {
    if !enabled {
        return;
    }
    for t in tokens {
        if t.text.chars().any(char::is_uppercase) {
            t.text = Cow::Owned(t.text.to_lowercase());
        }
    }
}
