//! Highlights and snippets: why each hit matched, shown on its own text.
//!
//! A match is shown wherever the index found it: `삼성` inside `삼성전자` (a compound part),
//! `만났다` for `만나` (a stem, whose range covers the inflected word), `서울` in `서울은` (the
//! particle is a separate, unmatched token). A phrase or a compound's parts highlight only
//! where the terms stand next to each other. The terms come from the index itself when it
//! keeps an offsets table ([`Highlighter::highlight_found`]: positions from the postings,
//! ranges from the table, every occurrence in the text); an index made before the table
//! existed has its stored text analyzed again ([`Highlighter::highlight`], which analyzes
//! only the sentences that promise the most matches). Fragments of about 100–150
//! characters are cut on word boundaries around the densest matches. All offsets are
//! character offsets into the stored text, exact; fragment text has line breaks shown as
//! spaces (one character for one), so offsets stay valid.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::analysis::Analyzer;

/// What to highlight: a term, or terms that must stand at consecutive positions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Matcher {
    pub terms: Vec<String>,
}

/// A highlighted range, in characters.
pub type Range = (usize, usize);

/// Highlighted ranges, each with the matcher it came from.
pub type Marked = Vec<(Range, usize)>;

/// A wanted term found in a text: the term, its range (start, end) and its position.
pub type Found<'t> = (&'t str, usize, usize, u32);

/// One fragment of a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fragment {
    /// The fragment, line breaks shown as spaces.
    pub text: String,
    /// Character offsets of the fragment in the stored text.
    pub start: usize,
    pub end: usize,
    /// Highlighted ranges, character offsets relative to `start`.
    pub highlights: Vec<Range>,
}

impl Fragment {
    /// The marks that show a fragment was cut from a longer text: `…` before it unless it
    /// starts the text, `…` after it unless it ends it (`len`: the text's length in characters).
    pub fn ellipses(&self, len: usize) -> (&'static str, &'static str) {
        (if self.start > 0 { "…" } else { "" }, if self.end < len { "…" } else { "" })
    }
}

/// Target fragment length in characters.
const WIDTH: usize = 130;
/// Characters of context shown before the first match of a fragment.
const LEAD: usize = 30;

/// The matchers of one field of a query, with what finding them needs prepared once for all
/// the hits: the wanted terms and the substrings each sentence is probed for.
pub struct Highlighter<'m> {
    matchers: &'m [Matcher],
    wanted: HashSet<&'m str>,
    /// Per wanted term, the substrings that promise it (the term, and a stem also by its form
    /// without the last syllable, as in 만나 → 만났).
    probes: Vec<Vec<String>>,
}

impl<'m> Highlighter<'m> {
    pub fn new(matchers: &'m [Matcher]) -> Highlighter<'m> {
        let wanted: HashSet<&str> = matchers.iter().flat_map(|m| m.terms.iter().map(String::as_str)).collect();
        let probes = wanted
            .iter()
            .map(|t| {
                let mut p = vec![t.to_string()];
                let n = t.chars().count();
                if n >= 2 {
                    p.push(t.chars().take(n - 1).collect());
                }
                p
            })
            .collect();
        Highlighter { matchers, wanted, probes }
    }

    /// The terms the matchers look for.
    pub fn terms(&self) -> impl Iterator<Item = &'m str> + '_ {
        self.wanted.iter().copied()
    }

    /// The character ranges of `span` (character offsets) that the matchers match, merged and
    /// relative to the span's start, with the matcher each came from, given the wanted terms
    /// `found` in the whole text the span is part of (term, character range, position).
    pub fn highlight_found(&self, found: &[Found], span: Range) -> Marked {
        let inside: Vec<Found> = found
            .iter()
            .filter(|(_, s, e, _)| *s >= span.0 && *e <= span.1)
            .map(|&(t, s, e, p)| (t, s - span.0, e - span.0, p))
            .collect();
        self.matches(&inside)
    }

    /// The character ranges of `text` that the matchers match (merged, in order), with the
    /// matcher each came from, from analyzing `text` again.
    pub fn highlight(&self, analyzer: &Analyzer, text: &str) -> Marked {
        let (matchers, wanted, probes) = (self.matchers, &self.wanted, &self.probes);
        if matchers.is_empty() || text.is_empty() {
            return Vec::new();
        }
        // Terms of the text: (text, byte start, byte end, position). Analyzing a whole body for
        // every hit is too slow for a command people type, so the text is cut into sentences,
        // each sentence is probed for the wanted terms by plain substring search, and only the
        // sentences that promise the most matches are analyzed.
        let mut scored: Vec<(usize, usize, &str)> = Vec::new(); // (score, byte start, sentence)
        for (start, chunk) in chunks(text) {
            let lower;
            let hay = if needs_folding(chunk) {
                lower = chunk.to_lowercase().nfkc_like();
                lower.as_str()
            } else {
                chunk
            };
            let score = probes.iter().filter(|ps| ps.iter().any(|p| hay.contains(p.as_str()))).count();
            if score > 0 {
                scored.push((score, start, chunk));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(MAX_SENTENCES);
        scored.sort_by_key(|s| s.1);
        let mut terms: Vec<(String, usize, usize, u32)> = Vec::new();
        let mut position_base = 0u32;
        for (_, chunk_start, chunk) in scored {
            let mut last = 0;
            analyzer.for_each_term(chunk, |t, s, e, pos, _, _, _| {
                last = pos;
                if wanted.contains(t) {
                    terms.push((t.to_owned(), chunk_start + s, chunk_start + e, position_base + pos));
                }
            });
            // Sentences never make a phrase together.
            position_base += last + 2;
        }
        let found: Vec<Found> = terms.iter().map(|(t, s, e, p)| (t.as_str(), *s, *e, *p)).collect();
        // Bytes to characters.
        let mut out = self.matches(&found);
        let mut chars_before = 0;
        let mut byte_at = 0;
        for ((s, e), _) in &mut out {
            chars_before += text[byte_at..*s].chars().count();
            let len = text[*s..*e].chars().count();
            byte_at = *e;
            (*s, *e) = (chars_before, chars_before + len);
            chars_before += len;
        }
        out
    }

    /// The ranges the matchers match among `found` (in whatever unit its ranges are),
    /// overlapping ones merged, in order, with the matcher each came from.
    fn matches(&self, found: &[Found]) -> Marked {
        let mut by_pos: HashMap<(u32, &str), (usize, usize)> = HashMap::new();
        for &(t, s, e, p) in found {
            by_pos.insert((p, t), (s, e));
        }
        let mut ranges: Vec<((usize, usize), usize)> = Vec::new();
        for (mi, m) in self.matchers.iter().enumerate() {
            let Some(first) = m.terms.first() else { continue };
            for &(t, s, e, p) in found {
                if t != first {
                    continue;
                }
                let (mut start, mut end) = (s, e);
                let mut ok = true;
                for (k, next) in m.terms.iter().enumerate().skip(1) {
                    match by_pos.get(&(p + k as u32, next.as_str())) {
                        Some(&(s2, e2)) => {
                            start = start.min(s2);
                            end = end.max(e2);
                        }
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    ranges.push(((start, end), mi));
                }
            }
        }
        ranges.sort();
        // Merge overlapping ranges (a compound and its parts), keeping the first matcher.
        let mut merged: Vec<((usize, usize), usize)> = Vec::new();
        for (r, mi) in ranges {
            match merged.last_mut() {
                Some((last, _)) if r.0 < last.1 => last.1 = last.1.max(r.1),
                _ => merged.push((r, mi)),
            }
        }
        merged
    }
}

/// Whether a sentence must be lowercased (and full-width Latin folded) before it is probed:
/// the same answer as `char::is_uppercase` or full-width Latin, with Hangul and ASCII — nearly
/// every character of a Korean article — answered without the Unicode tables.
fn needs_folding(chunk: &str) -> bool {
    chunk.chars().any(|c| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            false
        } else {
            c.is_uppercase() || ('\u{FF01}'..='\u{FF5E}').contains(&c)
        }
    })
}

/// Sentences analyzed at most per text when highlighting.
const MAX_SENTENCES: usize = 5;

/// Full-width Latin as ASCII (what NFKC does to it before analysis).
trait NfkcLike {
    fn nfkc_like(self) -> String;
}

impl NfkcLike for String {
    fn nfkc_like(self) -> String {
        self.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect()
    }
}

/// Sentences of `text` (cut after `.`, `?`, `!` and a space, and at line ends), with their
/// byte offsets.
fn chunks(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let cut = match bytes[i] {
            b'\n' => Some(i + 1),
            b'.' | b'?' | b'!' if bytes.get(i + 1) == Some(&b' ') && i + 1 - start >= 20 => Some(i + 2),
            _ => None,
        };
        if let Some(end) = cut {
            out.push((start, &text[start..end]));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < text.len() {
        out.push((start, &text[start..]));
    }
    out
}

fn is_break(c: char) -> bool {
    c.is_whitespace()
}

/// Picks up to `max` fragments of `text` around its highlights (or its beginning when there
/// are none).
pub fn fragments(text: &str, highlights: &[(Range, usize)], max: usize) -> Vec<Fragment> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n == 0 || max == 0 {
        return Vec::new();
    }
    let snap_start = |mut i: usize| {
        // Back to the start of the word (at most 12 characters).
        let limit = i.saturating_sub(12);
        while i > limit && i > 0 && !is_break(chars[i - 1]) {
            i -= 1;
        }
        if i > 0 && !is_break(chars[i - 1]) { i.max(limit) } else { i }
    };
    let snap_end = |mut i: usize, must_reach: usize| {
        if i >= n {
            return n;
        }
        let floor = must_reach.max(i.saturating_sub(20));
        let orig = i;
        while i > floor && !is_break(chars[i]) {
            i -= 1;
        }
        if i == floor && !is_break(chars.get(i).copied().unwrap_or(' ')) { orig.max(must_reach) } else { i }
    };
    let make = |start: usize, end: usize| {
        let text: String = chars[start..end].iter().map(|&c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
        let hl = highlights
            .iter()
            .filter(|((s, e), _)| *s >= start && *e <= end)
            .map(|((s, e), _)| (s - start, e - start))
            .collect();
        Fragment { text, start, end, highlights: hl }
    };
    if highlights.is_empty() {
        let end = snap_end(WIDTH.min(n), 1);
        return vec![make(0, end.max(1).min(n))];
    }
    // Candidate windows, one per highlight, scored by distinct matchers then by matches.
    let mut candidates: Vec<(usize, usize, usize, usize)> = Vec::new(); // (score, start, end, first hl)
    for (i, ((s, _), _)) in highlights.iter().enumerate() {
        let start = snap_start(s.saturating_sub(LEAD));
        let raw_end = (start + WIDTH).min(n);
        // Never cut a highlight in two.
        let must = highlights
            .iter()
            .filter(|((hs, he), _)| *hs < raw_end && *he > raw_end)
            .map(|((_, he), _)| *he)
            .max()
            .unwrap_or(highlights[i].0.1.min(n));
        let end = snap_end(raw_end.max(must), must);
        let inside: Vec<&(Range, usize)> =
            highlights.iter().filter(|((hs, he), _)| *hs >= start && *he <= end).collect();
        let mut distinct: Vec<usize> = inside.iter().map(|(_, m)| *m).collect();
        distinct.sort_unstable();
        distinct.dedup();
        candidates.push((distinct.len() * 100 + inside.len(), start, end, i));
    }
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    for (_, start, end, _) in candidates {
        if chosen.len() == max {
            break;
        }
        if chosen.iter().any(|(s, e)| start < *e && end > *s) {
            continue;
        }
        // Only worth showing if it adds a highlight not yet shown.
        let adds = highlights
            .iter()
            .any(|((hs, he), _)| *hs >= start && *he <= end && !chosen.iter().any(|(s, e)| hs >= s && he <= e));
        if adds {
            chosen.push((start, end));
        }
    }
    chosen.sort();
    chosen.into_iter().map(|(s, e)| make(s, e)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ellipses_mark_only_the_sides_that_were_cut() {
        let short = "폭염이 이어졌다.";
        let len = short.chars().count();
        let whole = &fragments(short, &[((0, 2), 0)], 3)[0];
        assert_eq!((whole.start, whole.end), (0, len));
        assert_eq!(whole.ellipses(len), ("", ""));
        let cut = Fragment { text: "이어졌".into(), start: 4, end: 7, highlights: Vec::new() };
        assert_eq!(cut.ellipses(len), ("…", "…"));
        let tail = Fragment { end: len, ..cut };
        assert_eq!(tail.ellipses(len), ("…", ""));
    }

    #[test]
    fn fragments_cut_on_word_boundaries_and_keep_offsets() {
        let text =
            "첫 문장은 여기에 있습니다. ".repeat(10) + "삼성전자가 반도체를 만들었다. " + &"끝 문장입니다. ".repeat(10);
        let chars: Vec<char> = text.chars().collect();
        let at = text[..text.find("삼성전자").unwrap()].chars().count();
        let hl = vec![((at, at + 4), 0)];
        let f = fragments(&text, &hl, 3);
        assert_eq!(f.len(), 1);
        let frag = &f[0];
        assert!(frag.end - frag.start <= WIDTH + 20);
        assert_eq!(chars[frag.start..frag.end].iter().collect::<String>().replace('\n', " "), frag.text);
        let (hs, he) = frag.highlights[0];
        assert_eq!(frag.text.chars().skip(hs).take(he - hs).collect::<String>(), "삼성전자");
        assert!(frag.start == 0 || chars[frag.start - 1] == ' ', "starts at a word");
    }

    #[test]
    fn the_folding_check_answers_as_the_unicode_tables_do() {
        let reference = |c: char| c.is_uppercase() || ('\u{FF01}'..='\u{FF5E}').contains(&c);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(needs_folding(c.encode_utf8(&mut [0; 4])), reference(c), "{c:?}");
        }
        assert!(!needs_folding("삼성전자가 반도체를 만들었다."));
        assert!(needs_folding("삼성전자 HBM 양산"));
        assert!(needs_folding("ＡＩ 반도체"));
    }

    #[test]
    fn terms_found_in_the_index_highlight_as_analysis_does() {
        let analyzer = Analyzer::open_default(None).expect("the Korean dictionary (`make test` installs it)");
        let title = "삼성전자, 반도체 공장에서 총리 만났다";
        let body = "삼성전자가 평택 반도체 공장을 공개했다. 이재용 회장은 총리를 만났다.\n삼성 전자 계열사도 왔다.";
        let text = format!("{title}\n요약 한 줄\n{body}");
        let matchers = [
            Matcher { terms: vec!["삼성전자".into()] },
            Matcher { terms: vec!["삼성".into(), "전자".into()] },
            Matcher { terms: vec!["만나".into()] },
            Matcher { terms: vec!["반도체".into(), "공장".into()] },
        ];
        let h = Highlighter::new(&matchers);
        let wanted: HashSet<&str> = h.terms().collect();
        let mut owned = Vec::new();
        analyzer.for_each_term(&text, |t, s, e, p, _, _, _| {
            if wanted.contains(t) {
                let cs = text[..s].chars().count();
                owned.push((t.to_owned(), cs, cs + text[s..e].chars().count(), p));
            }
        });
        let found: Vec<Found> = owned.iter().map(|(t, s, e, p)| (t.as_str(), *s, *e, *p)).collect();
        let title_len = title.chars().count();
        let body_start = title_len + "요약 한 줄".chars().count() + 2;
        let from_index = h.highlight_found(&found, (body_start, body_start + body.chars().count()));
        assert_eq!(from_index, h.highlight(&analyzer, body));
        assert_eq!(h.highlight_found(&found, (0, title_len)), h.highlight(&analyzer, title));
        let shown: Vec<String> =
            from_index.iter().map(|((s, e), _)| body.chars().skip(*s).take(e - s).collect()).collect();
        // (반도체 is a compound of two positions, so 공장 is not at the next one.)
        assert_eq!(shown, ["삼성전자", "만났다", "삼성 전자"]);
    }

    #[test]
    fn no_highlight_shows_the_beginning() {
        let f = fragments("짧은 본문.", &[], 3);
        assert_eq!(f, vec![Fragment { text: "짧은 본문.".into(), start: 0, end: 6, highlights: vec![] }]);
    }
}
