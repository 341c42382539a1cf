//! One pass over the stored text: where and how each candidate occurs.
//!
//! All candidates are found at once with an Aho-Corasick automaton over every article's
//! title, summary lines and body (overlapping matches, so `엔비디아` and `엔비디아코리아` are
//! both counted). For each occurrence the pass notes what stands before and after it — the
//! neighbouring character when it is written together with the word, else the character
//! across the space — whether a particle follows, and whether the occurrence begins a word.
//! It also counts how many words begin with each candidate's first character, for cohesion.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use anyhow::{Result, anyhow};

use super::candidates::Found;
use crate::index::GisaIndex;
use crate::index::schema;

/// Particles whose following a word marks it as a noun (soynlp's noun extractors use the
/// same evidence).
pub const PARTICLES: &[char] = &['이', '가', '은', '는', '을', '를', '의', '에', '와', '과', '도', '로'];

/// A neighbour of an occurrence: the character, and whether it is written together with the
/// word (no space between).
pub type Neighbour = (bool, char);

/// What the pass learned about one candidate.
#[derive(Debug, Clone, Default)]
pub struct WordStats {
    pub count: u64,
    pub articles: u64,
    /// Occurrences that begin a word.
    pub word_initial: u64,
    pub followed_by_particle: u64,
    pub left: HashMap<Neighbour, u32>,
    pub right: HashMap<Neighbour, u32>,
    /// Words of the text that begin with the candidate's first character.
    pub first_char_words: u64,
    /// The word as first written in the text (the index term is lower-cased: `k팝` → `K팝`).
    pub surface: String,
    pub example_id: String,
    pub example: String,
}

/// The stats of every candidate, in the order given, and the articles read.
pub struct Measured {
    pub per_word: Vec<WordStats>,
    pub articles: u64,
}

/// A sentence boundary for examples.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '\n' | '。')
}

/// The sentence around `text[start..end]`, at most about 60 characters either side.
fn sentence_around(text: &str, start: usize, end: usize) -> String {
    let before: Vec<(usize, char)> = text[..start].char_indices().rev().take(60).collect();
    let s = before
        .iter()
        .find(|&&(_, c)| ends_sentence(c))
        .map_or_else(|| before.last().map_or(start, |&(i, _)| i), |&(i, c)| i + c.len_utf8());
    let after = text[end..].char_indices().take(60);
    let mut e = end;
    for (i, c) in after {
        e = end + i + c.len_utf8();
        if ends_sentence(c) {
            break;
        }
    }
    text[s..e].split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric()
}

/// The neighbour before `start`: the character written together with it, else the last
/// letter before the space (`None` at the start of the text).
fn left_of(text: &str, start: usize) -> Option<Neighbour> {
    let mut it = text[..start].chars().rev();
    let c = it.next()?;
    if is_letter(c) {
        return Some((true, c));
    }
    it.find(|&c| is_letter(c)).map(|c| (false, c))
}

fn right_of(text: &str, end: usize) -> Option<Neighbour> {
    let mut it = text[end..].chars();
    let c = it.next()?;
    if is_letter(c) {
        return Some((true, c));
    }
    it.find(|&c| is_letter(c)).map(|c| (false, c))
}

/// Reads every stored article once and measures the candidates.
pub fn measure(ix: &GisaIndex, found: &[Found]) -> Result<Measured> {
    let mut per_word = vec![WordStats::default(); found.len()];
    if found.is_empty() {
        return Ok(Measured { per_word, articles: 0 });
    }
    let ac: AhoCorasick = AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(found.iter().map(|f| f.word.as_str()))
        .map_err(|e| anyhow!("cannot search for {} candidates: {e}", found.len()))?;
    let firsts: HashSet<char> = found.iter().filter_map(|f| f.word.chars().next()).collect();
    let mut initial_counts: HashMap<char, u64> = HashMap::new();
    let mut last_doc = vec![u64::MAX; found.len()];
    let reader = ix.reader()?;
    let searcher = reader.searcher();
    let mut articles = 0u64;
    for segment in searcher.segment_readers() {
        let store = segment.get_store_reader(64).map_err(|e| anyhow!("cannot read the stored articles: {e}"))?;
        for doc in store.iter::<tantivy::TantivyDocument>(segment.alive_bitset()) {
            let doc = doc.map_err(|e| anyhow!("cannot read a stored article: {e}"))?;
            let a = schema::from_document(&ix.fields, &doc);
            let text = schema::full_text(&a.title, &a.subtitles, &a.body);
            for w in text.split_whitespace() {
                if let Some(c) = w.chars().find(|&c| is_letter(c))
                    && firsts.contains(&c)
                {
                    *initial_counts.entry(c).or_default() += 1;
                }
            }
            for m in ac.find_overlapping_iter(&text) {
                let i = m.pattern().as_usize();
                let s = &mut per_word[i];
                s.count += 1;
                if last_doc[i] != articles {
                    last_doc[i] = articles;
                    s.articles += 1;
                }
                let left = left_of(&text, m.start());
                let right = right_of(&text, m.end());
                if !matches!(left, Some((true, _))) {
                    s.word_initial += 1;
                }
                if let Some((true, c)) = right
                    && PARTICLES.contains(&c)
                {
                    s.followed_by_particle += 1;
                }
                *s.left.entry(left.unwrap_or((false, ' '))).or_default() += 1;
                *s.right.entry(right.unwrap_or((false, ' '))).or_default() += 1;
                if s.example.is_empty() {
                    s.example_id = a.id.clone();
                    s.surface = text[m.start()..m.end()].to_owned();
                    s.example = sentence_around(&text, m.start(), m.end());
                }
            }
            articles += 1;
        }
    }
    for (s, f) in per_word.iter_mut().zip(found) {
        s.first_char_words = f.word.chars().next().and_then(|c| initial_counts.get(&c)).copied().unwrap_or(0);
    }
    Ok(Measured { per_word, articles })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_are_glued_characters_or_across_the_space() {
        let t = "중국 딥시크가 공개한 (딥시크)";
        let s = t.find("딥시크").unwrap();
        let e = s + "딥시크".len();
        assert_eq!(left_of(t, s), Some((false, '국')));
        assert_eq!(right_of(t, e), Some((true, '가')));
        let s2 = t.rfind("딥시크").unwrap();
        assert_eq!(left_of(t, s2), Some((false, '한')));
        assert_eq!(right_of(t, s2 + "딥시크".len()), None);
        assert_eq!(left_of(t, 0), None);
    }

    #[test]
    fn examples_are_the_sentence_around() {
        let t = "첫 문장이다. 중국 딥시크가 모델을 공개했다. 다음 문장.";
        let s = t.find("딥시크").unwrap();
        assert_eq!(sentence_around(t, s, s + "딥시크".len()), "중국 딥시크가 모델을 공개했다.");
    }
}
