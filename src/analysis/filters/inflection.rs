//! Inflected forms: index the stem, so 만났다, 만나서, 만났습니다 and 만나다 meet.
//!
//! mecab-ko-dic stores many inflected forms as single entries (`만났` = `만나/VV+았/EP`,
//! type `Inflect`; contracted forms as `Preanalysis`). This filter splits such an entry into
//! the morphemes of its expression — the stem and the endings, which the part-of-speech
//! filter then drops. A stem of a verb or adjective has no text of its own in `만났`, so its
//! offsets cover the whole inflected form, extended over the endings that directly follow
//! (`만났다`): a highlight of `만나` then marks the word a reader sees.

use super::{Context, align_parts, expand};
use crate::analysis::token::{Role, Token};
use crate::dict::WordKind;
use crate::dict::features::expression_parts;

/// Tags of predicate stems, whose span is extended over the endings after them.
fn is_predicate(tag: &str) -> bool {
    matches!(tag, "VV" | "VA" | "VX" | "VCP" | "VCN" | "XSV" | "XSA")
}

fn is_ending(tag: &str) -> bool {
    matches!(tag, "EP" | "EF" | "EC" | "ETN" | "ETM")
}

pub fn apply<'a>(enabled: bool, ctx: &Context<'a>, tokens: &mut Vec<Token<'a>>) {
    if !enabled {
        return;
    }
    let splits = |t: &Token| {
        t.role == Role::Word
            && matches!(t.kind, WordKind::Inflect | WordKind::Preanalysis)
            && !super::decompound::is_compound(t)
    };
    if tokens.iter().any(splits) {
        expand(tokens, |t, out| {
            let parts = if splits(&t) { expression_parts(t.expression) } else { Vec::new() };
            if parts.len() < 2 {
                out.push(t);
                return;
            }
            let spans = align_parts(&ctx.text[t.start..t.end], t.start, &parts);
            // A predicate's stem is worth recovering from any contraction (만났 → 만나). A
            // contracted noun is not, unless its parts spell the surface: 뉘 (누구의) is far
            // more often a piece of a foreign name (뉘르부르크링) than the archaic pronoun.
            let exact = spans.windows(2).all(|w| w[0].1 <= w[1].0);
            if !is_predicate(parts[0].1) && !exact {
                out.push(t);
                return;
            }
            for (i, (&(surface, tag), span)) in parts.iter().zip(spans).enumerate() {
                let role = if is_predicate(tag) { Role::Stem } else { Role::Part };
                out.push(t.piece(surface, tag, span, role, if i == 0 { t.pos_inc } else { 1 }));
            }
        });
    }
    // Unsplit predicates are stems too.
    for t in tokens.iter_mut() {
        if t.role == Role::Word && is_predicate(t.first_tag()) {
            t.role = Role::Stem;
        }
    }
    // A stem's span reaches over the endings that follow it without a gap.
    for i in 0..tokens.len() {
        if tokens[i].role != Role::Stem {
            continue;
        }
        let mut end = tokens[i].end;
        for next in &tokens[i + 1..] {
            if next.start > end || !is_ending(next.first_tag()) {
                break;
            }
            end = end.max(next.end);
        }
        tokens[i].end = end;
    }
}
