//! Compound nouns: index the whole word, its parts, or both.
//!
//! mecab-ko-dic marks compounds (`Compound`) and pre-analyzed names (`Preanalysis` whose
//! parts are all nouns) with an expression such as `삼성/NNP/*+전자/NNG/*`. In `mixed` mode
//! (the default, like Nori's) the whole word takes the first position and spans all of them,
//! and each part takes its own position, so `삼성` and `전자` find `삼성전자` while phrase
//! queries over the parts still line up with the words around the compound.

use serde::{Deserialize, Serialize};

use super::{Context, align_parts, expand};
use crate::analysis::token::{Role, Token};
use crate::dict::WordKind;
use crate::dict::features::expression_parts;

/// How compounds are indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DecompoundMode {
    /// Keep the compound whole.
    None,
    /// Replace the compound by its parts.
    Discard,
    /// The whole compound and its parts.
    #[default]
    Mixed,
}

/// Whether a token is a noun compound this filter splits.
pub fn is_compound(t: &Token) -> bool {
    match t.kind {
        WordKind::Compound => true,
        WordKind::Preanalysis => {
            let parts = expression_parts(t.expression);
            parts.len() > 1 && parts.iter().all(|(_, tag)| tag.starts_with('N'))
        }
        _ => false,
    }
}

pub fn apply<'a>(mode: DecompoundMode, ctx: &Context<'a>, tokens: &mut Vec<Token<'a>>) {
    if mode == DecompoundMode::None || !tokens.iter().any(is_compound) {
        return;
    }
    expand(tokens, |t, out| {
        if t.role != Role::Word || !is_compound(&t) {
            out.push(t);
            return;
        }
        let parts = expression_parts(t.expression);
        if parts.len() < 2 {
            out.push(t);
            return;
        }
        let spans = align_parts(&ctx.text[t.start..t.end], t.start, &parts);
        let inc = t.pos_inc;
        if mode == DecompoundMode::Mixed {
            out.push(Token { role: Role::Compound, pos_len: parts.len() as u32, ..t.clone() });
        }
        for (i, (&(surface, tag), span)) in parts.iter().zip(spans).enumerate() {
            let pos_inc = match (i == 0, mode) {
                (true, DecompoundMode::Mixed) => 0,
                (true, _) => inc,
                (false, _) => 1,
            };
            out.push(t.piece(surface, tag, span, Role::Part, pos_inc));
        }
    });
}
