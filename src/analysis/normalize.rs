//! Unicode normalization (NFKC) that remembers where every piece came from.
//!
//! Saved news pages mix full-width Latin (ＡＩ), compatibility characters (㈜, ①, …) and
//! decomposed Hangul; NFKC makes them the characters the dictionary knows. Snippets and
//! highlights need offsets into the original text, so the normalized text is built from
//! independently normalized segments and keeps a map from each normalized segment back to
//! its original bytes. A segment starts at every character that cannot combine with what
//! precedes it; Hangul jamo (which compose into syllables) stay with their neighbours.

use std::borrow::Cow;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// One run of the normalized text and the original bytes it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    norm_start: usize,
    orig_start: usize,
    /// Unchanged runs map byte for byte; changed runs map only as a whole.
    changed: bool,
}

/// Normalized text plus the way back to the original.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    pub text: Cow<'a, str>,
    runs: Vec<Run>,
    orig_len: usize,
}

/// ASCII and Hangul syllables: NFKC leaves them alone and they combine with nothing before.
#[inline]
fn is_plain(c: char) -> bool {
    c.is_ascii() || ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Hangul jamo and compatibility jamo can compose with the character before them.
fn may_compose_backwards(c: char) -> bool {
    !is_plain(c)
        && (matches!(c as u32, 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xD7B0..=0xD7FF | 0xFFA0..=0xFFDF)
            || canonical_combining_class(c) != 0)
}

/// Whether `text` is already in NFKC, checking the common case (ASCII and Hangul syllables,
/// which NFKC never changes) without the general quick-check tables.
fn already_nfkc(text: &str) -> bool {
    for c in text.chars() {
        if is_plain(c) {
            continue;
        }
        if canonical_combining_class(c) != 0 {
            // Combining marks: the order of marks matters, so check the whole text.
            return is_nfkc_quick(text.chars()) == IsNormalized::Yes;
        }
        if is_nfkc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return false;
        }
    }
    true
}

/// Normalizes `text` with NFKC when `enabled`, else passes it through.
pub fn normalize(text: &str, enabled: bool) -> Normalized<'_> {
    let identity =
        |text| Normalized { text, runs: vec![Run { norm_start: 0, orig_start: 0, changed: false }], orig_len: 0 };
    if !enabled || already_nfkc(text) {
        let mut n = identity(Cow::Borrowed(text));
        n.orig_len = text.len();
        return n;
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut runs: Vec<Run> = Vec::new();
    let push_segment = |seg_start: usize, seg: &str, out: &mut String, runs: &mut Vec<Run>| {
        let norm_start = out.len();
        if seg.chars().all(is_plain) || is_nfkc_quick(seg.chars()) == IsNormalized::Yes {
            out.push_str(seg);
            match runs.last() {
                Some(r) if !r.changed => {}
                _ => runs.push(Run { norm_start, orig_start: seg_start, changed: false }),
            }
        } else {
            out.extend(seg.nfkc());
            runs.push(Run { norm_start, orig_start: seg_start, changed: true });
        }
    };
    let mut seg_start = 0;
    for (i, c) in text.char_indices() {
        if i > seg_start && !may_compose_backwards(c) {
            push_segment(seg_start, &text[seg_start..i], &mut out, &mut runs);
            seg_start = i;
        }
    }
    push_segment(seg_start, &text[seg_start..], &mut out, &mut runs);
    // An unchanged run following a changed one must start a new run: the push above only
    // merges into an unchanged predecessor, so runs alternate correctly.
    Normalized { text: Cow::Owned(out), runs, orig_len: text.len() }
}

impl Normalized<'_> {
    fn run_index(&self, off: usize) -> usize {
        self.runs.partition_point(|r| r.norm_start <= off).saturating_sub(1)
    }

    fn run_end(&self, i: usize) -> (usize, usize) {
        match self.runs.get(i + 1) {
            Some(next) => (next.norm_start, next.orig_start),
            None => (self.text.len(), self.orig_len),
        }
    }

    /// Original byte offset where the text at normalized offset `off` starts.
    pub fn map_start(&self, off: usize) -> usize {
        let i = self.run_index(off);
        let r = self.runs[i];
        if !r.changed {
            return r.orig_start + (off - r.norm_start);
        }
        let (norm_end, orig_end) = self.run_end(i);
        if off >= norm_end { orig_end } else { r.orig_start }
    }

    /// Original byte offset where the text ending at normalized offset `off` ends.
    pub fn map_end(&self, off: usize) -> usize {
        if off == 0 {
            return 0;
        }
        // The run that holds the byte just before `off`.
        let i = self.run_index(off - 1);
        let r = self.runs[i];
        if !r.changed {
            return r.orig_start + (off - r.norm_start);
        }
        self.run_end(i).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(orig: &str, expect: &str) {
        let n = normalize(orig, true);
        assert_eq!(n.text, expect);
        // Every normalized char boundary maps to an original char boundary, monotonically.
        let mut last = 0;
        for (i, _) in n.text.char_indices().chain([(n.text.len(), ' ')]) {
            let s = n.map_start(i);
            let e = n.map_end(i);
            assert!(orig.is_char_boundary(s) && orig.is_char_boundary(e), "{orig:?} @ {i}");
            assert!(s >= last || s == 0, "monotonic");
            last = s;
        }
        assert_eq!(n.map_start(0), 0);
        assert_eq!(n.map_end(n.text.len()), orig.len());
    }

    #[test]
    fn fullwidth_and_compatibility() {
        check("ＡＩ 반도체", "AI 반도체");
        check("㈜삼성", "(주)삼성");
        check("가격 ①번…", "가격 1번...");
        check("순수 한글", "순수 한글");
        check("emoji 😀 ok", "emoji 😀 ok");
    }

    #[test]
    fn offsets_of_a_changed_piece_cover_the_original() {
        let orig = "㈜삼성";
        let n = normalize(orig, true);
        // "주" inside "(주)" maps to the whole "㈜".
        let start = n.text.find('주').unwrap();
        assert_eq!(&orig[n.map_start(start)..n.map_end(start + '주'.len_utf8())], "㈜");
        let s = n.text.find('삼').unwrap();
        assert_eq!(&orig[n.map_start(s)..n.map_end(n.text.len())], "삼성");
    }

    #[test]
    fn decomposed_hangul_composes() {
        let orig = "\u{1112}\u{1161}\u{11AB}국"; // 한 as conjoining jamo, then 국
        let n = normalize(orig, true);
        assert_eq!(n.text, "한국");
        assert_eq!(&orig[n.map_start(0)..n.map_end(3)], "\u{1112}\u{1161}\u{11AB}");
        assert_eq!(&orig[n.map_start(3)..n.map_end(6)], "국");
    }

    #[test]
    fn disabled_is_identity() {
        let n = normalize("ＡＩ", false);
        assert_eq!(n.text, "ＡＩ");
        assert_eq!(n.map_end(3), 3);
    }
}
