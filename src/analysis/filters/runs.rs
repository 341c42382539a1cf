//! Pieces that stand together: a word the dictionary knows only in pieces is also indexed
//! whole.
//!
//! mecab-ko-dic dates from 2018 and reads a newer name as pieces of older words: `딥시크가` is
//! 딥 + 시크 + 가, `어도어와` is 어 (an interjection, a stop tag) + 도어 + 와. Indexed as pieces
//! only, `어도어` finds every article about car doors and `딥시크` every article that has 딥
//! and 시크 anywhere. This filter finds such *runs* — two or more morphemes written together
//! inside one word, none of them a particle, ending or suffix, the last one a noun — in the
//! segmentation, and after the other filters adds the run's exact surface as a whole term,
//! the way a compound's whole word is indexed: at the position of its first remaining piece,
//! spanning all of them, with role [`Role::Joined`]. The pieces stay as they are (`시크`
//! still finds `딥시크`); a query word that is itself a run then needs its whole term — or,
//! when its remaining pieces spell it, those pieces as a phrase (`반도체 시장` for
//! `반도체시장`, as `삼성 전자` for the compound `삼성전자`) — so the pieces must stand together.
//!
//! A word the dictionary (or the user dictionary) knows is one morpheme and no run: nothing
//! changes for it. Runs are found on the raw segmentation, before the stop tags drop the
//! interjection of 어도어, so the whole term is the text as written.

use std::borrow::Cow;

use crate::analysis::token::{Role, Token};
use crate::dict::WordKind;

/// Tags a morpheme of a run may have: nouns, foreign and Chinese characters, roots,
/// pronouns, numerals, determiners, interjections, prefixes and — between nouns — verb and
/// adjective stems (챗 + 지피/VV + 티). Particles, endings, suffixes, bound nouns, adverbs,
/// digits and punctuation end a run.
fn in_run(tag: &str) -> bool {
    matches!(tag, "NNG" | "NNP" | "NP" | "NR" | "SL" | "SH" | "XR" | "IC" | "MM" | "XPN" | "VV" | "VA" | "UNKNOWN")
}

/// Tags a run may end with (the whole term is a noun).
fn ends_run(tag: &str) -> bool {
    matches!(tag, "NNG" | "NNP" | "NR" | "SL" | "SH" | "XR" | "UNKNOWN")
}

/// The byte spans (in the normalized text) of the runs among raw segmenter tokens.
pub fn find(enabled: bool, tokens: &[Token<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !enabled {
        return out;
    }
    let mut i = 0;
    while i < tokens.len() {
        // A multi-morpheme entry (`NNG+JKS`, `VV+EP`) carries a particle or an ending.
        let member = |t: &Token| !t.tag.contains('+') && in_run(t.tag);
        if !member(&tokens[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len() && member(&tokens[j]) && tokens[j].start == tokens[j - 1].end {
            j += 1;
        }
        // Trim to the last noun.
        let mut k = j;
        while k > i && !ends_run(tokens[k - 1].tag) {
            k -= 1;
        }
        if k >= i + 2 {
            out.push((tokens[i].start, tokens[k - 1].end));
        }
        i = j;
    }
    out
}

/// The first character of a piece mark: a control character no text term holds (the
/// analyzer drops punctuation and control characters as terms of their own).
pub const PIECE_MARK: char = '\u{1f}';

/// The mark term of a piece (`\u{1f}시크` for 시크 as a piece of 딥시크).
pub fn piece_mark(term: &str) -> String {
    let mut s = String::with_capacity(term.len() + 1);
    s.push(PIECE_MARK);
    s.push_str(term);
    s
}

/// Whether `term` is a piece mark (never a query word, a candidate or a keyword).
pub fn is_piece_mark(term: &str) -> bool {
    term.starts_with(PIECE_MARK)
}

/// Tags of a piece that is a word in its own right; a run with a piece of another tag (a
/// verb stem, a root, a determiner, an interjection) reads as one new name.
fn word_like(tag: &str) -> bool {
    matches!(tag, "NNG" | "NNP" | "NR" | "NP" | "SL" | "SH")
}

/// A run whose whole term is in `tokens[whole]` and whose pieces follow it, up to the end.
struct OpenRun {
    whole: usize,
    span: (usize, usize),
}

/// Adds the whole term of each run (spans from [`find`]) before its first remaining piece.
/// Runs after every other filter, so the whole term is lower-cased like the rest.
///
/// With `marks`, the pieces of a run that reads as one new name — a piece of one character
/// (딥 of 딥시크, 엔 of 엔비디아), a piece that is not a noun (지피/VV of 챗지피티), or pieces
/// that no longer spell the whole (어도어 without its interjection 어) — that are words of
/// their own (nouns of two characters or more: 시크, 비디아, 도어) are each followed by their
/// [`piece_mark`] at the same position. A run of ordinary words written together
/// (`반도체시장`, `평창올림픽`) gets none: there a piece *is* the word a reader searches for.
pub fn apply<'a>(runs: &[(usize, usize)], text: &'a str, lowercase: bool, marks: bool, tokens: &mut Vec<Token<'a>>) {
    if runs.is_empty() {
        return;
    }
    let input = std::mem::take(tokens);
    tokens.reserve(input.len() + runs.len());
    let mut r = 0;
    let mut open: Option<OpenRun> = None;
    for mut t in input {
        while r < runs.len() && t.start >= runs[r].1 {
            r += 1;
            if let Some(o) = open.take() {
                close(&o, marks, tokens);
            }
        }
        let Some(&(s, e)) = runs.get(r) else {
            tokens.push(t);
            continue;
        };
        if t.start < s || t.end > e {
            tokens.push(t);
            continue;
        }
        match &open {
            Some(o) => tokens[o.whole].pos_len += t.pos_inc,
            None => {
                let surface = &text[s..e];
                let whole_text = if lowercase && surface.chars().any(char::is_uppercase) {
                    Cow::Owned(surface.to_lowercase())
                } else {
                    Cow::Borrowed(surface)
                };
                open = Some(OpenRun { whole: tokens.len(), span: (s, e) });
                tokens.push(Token {
                    text: whole_text,
                    start: s,
                    end: e,
                    role: Role::Joined,
                    pos_len: 1,
                    kind: WordKind::Plain,
                    expression: "*",
                    ..t.clone()
                });
                t.pos_inc = 0;
            }
        }
        tokens.push(t);
    }
    if let Some(o) = open {
        close(&o, marks, tokens);
    }
}

/// Ends a run: with `marks`, and if the run reads as one new name, follows each of its
/// pieces by its mark.
fn close(run: &OpenRun, marks: bool, tokens: &mut Vec<Token<'_>>) {
    if !marks {
        return;
    }
    let (s, e) = run.span;
    let inside = |t: &Token| t.start >= s && t.end <= e;
    // The run's morphemes: a compound counts as its whole word (반도체 of 반도체시장, not 반 +
    // 도체), as the segmenter found it.
    let pieces = || tokens[run.whole + 1..].iter().filter(|t| inside(t) && t.role != Role::Part);
    let mut spelled = String::new();
    let mut new_name = false;
    for p in pieces() {
        spelled.push_str(&p.text);
        new_name |= p.text.chars().nth(1).is_none() || !word_like(p.first_tag());
    }
    if !new_name && spelled != tokens[run.whole].text {
        new_name = true;
    }
    if !new_name {
        return;
    }
    // Only a piece that is a word of its own (시크, not 딥) is ever searched alone; marking
    // the others would only lengthen the article.
    let searchable = |t: &Token| t.text.chars().nth(1).is_some() && word_like(t.first_tag());
    let tail = tokens.split_off(run.whole + 1);
    for p in tail {
        let mark = (inside(&p) && searchable(&p)).then(|| Token {
            text: Cow::Owned(piece_mark(&p.text)),
            pos_inc: 0,
            pos_len: 1,
            ..p.clone()
        });
        tokens.push(p);
        tokens.extend(mark);
    }
}

#[cfg(test)]
mod tests {
    use super::{is_piece_mark, piece_mark};
    use crate::analysis::{Analyzer, AnalyzerOptions, DecompoundMode, Role};

    fn analyzer(f: impl FnOnce(&mut AnalyzerOptions)) -> Analyzer {
        let mut o = AnalyzerOptions::default();
        f(&mut o);
        Analyzer::open_default(None).and_then(|a| a.with_options(o)).expect("the Korean dictionary (`make test`)")
    }

    /// (term, role, position, position length)
    fn terms(a: &Analyzer, text: &str) -> Vec<(String, Role, u32, u32)> {
        a.analyze(text).into_iter().map(|t| (t.text, t.role, t.position, t.position_length)).collect()
    }

    #[test]
    fn a_run_of_pieces_is_indexed_whole_beside_them() {
        let a = analyzer(|_| {});
        let t = terms(&a, "딥시크가 공개한 모델");
        assert_eq!(t[0], ("딥시크".into(), Role::Joined, 0, 2));
        assert_eq!(t[1].0, "딥");
        assert_eq!((t[1].2, t[2].0.as_str(), t[2].2), (0, "시크", 1));
        // The whole term is the text as written, with the interjection the stop tags drop.
        let t = terms(&a, "하이브와 어도어");
        assert!(t.contains(&("어도어".into(), Role::Joined, 1, 1)), "{t:?}");
        assert!(!t.iter().any(|x| x.0 == "어"), "{t:?}");
        // Offsets cover the run; Latin is lower-cased like every term.
        let all = a.analyze("AI반도체 시장");
        assert_eq!((all[0].text.as_str(), all[0].start, all[0].end), ("ai반도체", 0, "AI반도체".len()));
    }

    #[test]
    fn words_the_dictionary_knows_and_inflected_words_are_no_runs() {
        let a = analyzer(|_| {});
        for text in ["삼성전자는 퀄컴과 만났다", "서울은 공부했다", "3개월 2024년에", "김을동씨가"]
        {
            assert!(a.analyze(text).iter().all(|t| t.role != Role::Joined), "{text}: {:?}", terms(&a, text));
        }
    }

    /// The indexed terms: (term, position).
    fn indexed(a: &Analyzer, text: &str) -> Vec<(String, u32)> {
        let mut out = Vec::new();
        a.for_each_indexed_term(text, |t, _, _, pos, _, _, _| out.push((t.to_owned(), pos)));
        out
    }

    #[test]
    fn the_pieces_of_a_new_name_are_marked_in_the_index_only() {
        let a = analyzer(|_| {});
        // 딥 has one character: 딥시크 reads as one new name, and its piece that is a word of
        // its own gets a mark at its position (딥, never searched alone, none).
        let t = indexed(&a, "딥시크가 공개한 모델");
        assert_eq!(
            t[..4],
            [("딥시크".to_owned(), 0), ("딥".to_owned(), 0), ("시크".to_owned(), 1), (piece_mark("시크"), 1)]
        );
        // 어도어 without its interjection: the pieces no longer spell the whole.
        assert!(indexed(&a, "하이브와 어도어").contains(&(piece_mark("도어"), 1)));
        // The analyzer's own terms (queries, snippets, `gisa analyze`) have no marks.
        assert!(a.analyze("딥시크가 어도어와").iter().all(|t| !is_piece_mark(&t.text)));
        // Ordinary words written together are no new name: 반도체 and 시장 are words there.
        let t = indexed(&a, "반도체시장 평창올림픽");
        assert!(t.iter().any(|x| x.0 == "반도체시장"), "{t:?}");
        assert!(t.iter().all(|x| !is_piece_mark(&x.0)), "{t:?}");
        // Words the dictionary knows and particles: nothing.
        assert!(indexed(&a, "삼성전자는 시크한 옷을").iter().all(|x| !is_piece_mark(&x.0)));
        // Without the option, no marks.
        let plain = analyzer(|o| o.mark_pieces = false);
        assert!(indexed(&plain, "딥시크가 어도어와").iter().all(|x| !is_piece_mark(&x.0)));
        assert_ne!(plain.fingerprint(), a.fingerprint());
    }

    #[test]
    fn off_without_mixed_decompounding_or_with_pieces_apart() {
        for a in [analyzer(|o| o.join_pieces = false), analyzer(|o| o.decompound = DecompoundMode::Discard)] {
            assert!(a.analyze("딥시크가 엔비디아는").iter().all(|t| t.role != Role::Joined));
        }
        // Pieces apart hashes as the options did before the option existed.
        assert_ne!(analyzer(|o| o.join_pieces = false).fingerprint(), analyzer(|_| {}).fingerprint());
    }
}
