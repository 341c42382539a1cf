//! Hanja readings (like Nori's `nori_readingform`): index `韓國` as `한국`, so a Hangul query
//! finds text written in Hanja. The reading comes from the dictionary entry; a Hanja word the
//! dictionary does not know is read character by character.

use std::borrow::Cow;

use super::Context;
use crate::analysis::token::Token;

/// Whether `c` is a CJK ideograph (Hanja).
pub fn is_hanja(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn is_hangul_text(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F))
}

pub fn apply<'a>(enabled: bool, ctx: &Context<'a>, tokens: &mut [Token<'a>]) {
    if !enabled {
        return;
    }
    for t in tokens {
        if !t.text.chars().any(is_hanja) {
            continue;
        }
        let reading = ctx.features(t).reading;
        if t.text == ctx.text[t.start..t.end] && is_hangul_text(reading) {
            t.text = Cow::Borrowed(reading);
            continue;
        }
        let mut out = String::with_capacity(t.text.len());
        for c in t.text.chars() {
            match ctx.lexicon.system().hanja_reading(c) {
                Some(r) if is_hanja(c) => out.push_str(r),
                _ => out.push(c),
            }
        }
        t.text = Cow::Owned(out);
    }
}
