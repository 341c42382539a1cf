//! Significant terms: the words unusually frequent in a set of articles (the hits of a saved
//! search) against the whole archive — what a digest says about a topic before its list
//! ("HBM, 엔비디아, 퀄 테스트").
//!
//! tantivy keeps no term vectors, so the articles' stored text is analyzed again (the
//! index's analyzer: the same terms the index holds), which costs about a millisecond per
//! article; the archive side is the index's document frequency of each term. Each word is
//! scored by JLH (Elasticsearch's default for significant terms): with `fg` the share of the
//! articles holding it and `bg` its share of the archive, `(fg − bg) · fg / bg`, for words
//! in at least [`min_articles`] of them.
//!
//! Words are shown as readers know them, not as index terms: the terms of one written word
//! (`엔비디아` is indexed as 엔 + 비디아, `HBM3E` as hbm + 3 + e) are one keyword spelled as
//! the text spells it most often (`HBM`, not `hbm`); a compound is its whole word, never its
//! parts; verbs and adjectives (indexed by their stem, `만나`) and numbers alone are left out,
//! and so are the query's own words. A one-syllable fragment that is followed (or preceded)
//! by the same word in two thirds of its occurrences takes it along: `퀄 테스트`, not `퀄`;
//! a word of its own stays itself (`엔비디아`, not `엔비디아 퀄`).

use std::collections::{HashMap, HashSet};

use anyhow::Result;
use serde::Serialize;
use tantivy::{Searcher, Term as TTerm};

use crate::analysis::{Analyzer, Role, Term};
use crate::index::GisaIndex;
use crate::index::schema::StoredArticle;

/// Articles analyzed per set by default (the first ones in the set's order).
pub const SAMPLE: usize = 100;
/// Keywords returned by default.
pub const MAX_KEYWORDS: usize = 8;
/// Share of a keyword's occurrences that must have the same neighbour to take it along.
const NEIGHBOUR_SHARE: f64 = 2.0 / 3.0;

/// One significant word.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// As the articles spell it most often (`HBM`, `엔비디아`, `퀄 테스트`).
    pub text: String,
    /// Articles of the set holding it.
    pub articles: u64,
    /// Articles of the whole archive holding it (its rarest index term's document frequency).
    pub archive: u64,
    /// JLH score.
    pub score: f64,
}

/// The fewest articles of a set of `n` a word must appear in: 2, and 5% of a large set.
pub fn min_articles(n: usize) -> usize {
    if n <= 1 { 1 } else { (n / 20).max(2) }
}

/// A written word of an article: the terms that touch one another in the text.
#[derive(Debug, Clone)]
struct Unit {
    /// The index terms (compounds whole), for the archive's frequencies.
    terms: Vec<String>,
    /// Every term the word holds, compound parts included (to leave out the query's words).
    all: Vec<String>,
    start: usize,
    end: usize,
    /// Whether it can be a keyword (no stem, not only numbers or a single Latin letter).
    eligible: bool,
}

impl Unit {
    fn key(&self) -> String {
        self.terms.join("\u{1f}")
    }
}

/// Groups an article's terms into written words.
fn units(terms: &[Term]) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::new();
    for t in terms {
        if t.role == Role::Part {
            if let Some(u) = out.last_mut().filter(|u| t.start >= u.start && t.end <= u.end) {
                u.all.push(t.text.clone());
            }
            continue;
        }
        let fits = |t: &Term| {
            matches!(t.pos.split('+').next().unwrap_or(""), "NNG" | "NNP" | "SL" | "SH" | "SN" | "UNKNOWN" | "NR")
                && t.role != Role::Stem
        };
        match out.last_mut() {
            Some(u) if u.end == t.start => {
                u.terms.push(t.text.clone());
                u.all.push(t.text.clone());
                u.end = t.end;
                u.eligible &= fits(t);
            }
            _ => out.push(Unit {
                terms: vec![t.text.clone()],
                all: vec![t.text.clone()],
                start: t.start,
                end: t.end,
                eligible: fits(t),
            }),
        }
    }
    for u in &mut out {
        let only_numbers = u.terms.iter().all(|t| t.chars().all(|c| c.is_numeric() || c == '.' || c == ','));
        let one_letter = u.terms.len() == 1 && u.terms[0].chars().count() == 1 && u.terms[0].is_ascii();
        u.eligible &= !only_numbers && !one_letter;
    }
    out
}

/// What is known about one word across the set.
#[derive(Default)]
struct Stats {
    /// The word's index terms.
    terms: Vec<String>,
    /// Every term it holds, compound parts included.
    all: HashSet<String>,
    docs: HashSet<usize>,
    occurrences: usize,
    surfaces: HashMap<String, usize>,
    /// The next (previous) word when only spaces stand between: its key and the text of the
    /// pair.
    next: HashMap<String, (usize, HashMap<String, usize>)>,
    prev: HashMap<String, (usize, HashMap<String, usize>)>,
}

fn most_common(m: &HashMap<String, usize>) -> Option<&String> {
    m.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))).map(|(s, _)| s)
}

/// The text of an article as the index analyzes it (title, summary lines, body).
fn text_of(a: &StoredArticle) -> String {
    let mut text = a.title.clone();
    for s in &a.subtitles {
        text.push('\n');
        text.push_str(s);
    }
    text.push('\n');
    text.push_str(&a.body);
    text
}

/// The significant words of `articles` against the index, best first, at most `max`;
/// words made only of `exclude`d terms (the query's) are left out.
pub fn significant(
    ix: &GisaIndex,
    searcher: &Searcher,
    articles: &[&StoredArticle],
    exclude: &HashSet<String>,
    max: usize,
) -> Result<Vec<Keyword>> {
    let n = articles.len();
    if n == 0 || max == 0 {
        return Ok(Vec::new());
    }
    let stats = gather(&ix.analyzer, articles);
    let min = min_articles(n);
    let archive = searcher.num_docs().max(1) as f64;
    let mut df_cache: HashMap<String, u64> = HashMap::new();
    let mut doc_freq = |t: &str| -> Result<u64> {
        if let Some(n) = df_cache.get(t) {
            return Ok(*n);
        }
        let df = searcher.doc_freq(&TTerm::from_field_text(ix.fields.text, t))?;
        df_cache.insert(t.to_owned(), df);
        Ok(df)
    };
    let mut scored: Vec<(f64, &String, &Stats, u64)> = Vec::new();
    for (key, s) in &stats {
        let fg_n = s.docs.len();
        if fg_n < min {
            continue;
        }
        let mut bg_n = u64::MAX;
        for t in &s.terms {
            bg_n = bg_n.min(doc_freq(t)?);
        }
        // The set is part of the archive (a word newer than the reader's view is as rare).
        let bg_n = bg_n.max(fg_n as u64);
        let fg = fg_n as f64 / n as f64;
        let bg = bg_n as f64 / archive;
        if fg <= bg {
            continue;
        }
        scored.push(((fg - bg) * fg / bg, key, s, bg_n));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| b.2.docs.len().cmp(&a.2.docs.len())).then(a.1.cmp(b.1)));

    let excluded = |s: &Stats| s.all.iter().all(|t| exclude.contains(t));
    let mut taken: HashSet<&String> = HashSet::new();
    // Where each word already shown stands in `out`, for a fragment that joins it later.
    let mut placed: HashMap<&String, usize> = HashMap::new();
    let mut out: Vec<Keyword> = Vec::new();
    // Only a fragment (one syllable: 퀄) takes a neighbour along: a word of its own
    // (엔비디아) stays itself even where a fragment follows it.
    let short = |st: &Stats| most_common(&st.surfaces).is_some_and(|t| t.chars().count() == 1);
    for (score, key, s, bg_n) in &scored {
        if taken.contains(key) || excluded(s) {
            continue;
        }
        if out.len() >= max && !short(s) {
            continue;
        }
        taken.insert(key);
        let mut text = most_common(&s.surfaces).cloned().unwrap_or_default();
        // A neighbour written beside it in most of its occurrences goes with it.
        let beside = |m: &HashMap<String, (usize, HashMap<String, usize>)>| {
            m.iter()
                .filter(|(k, (c, _))| *c >= 2 && *c as f64 >= NEIGHBOUR_SHARE * s.occurrences as f64 && k != key)
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
                .map(|(k, (_, texts))| (k.clone(), most_common(texts).cloned()))
        };
        let mut joined = Vec::new();
        if short(s) {
            if let Some((k, Some(pair))) = beside(&s.next) {
                text = pair;
                joined.push(k);
            } else if let Some((k, Some(pair))) = beside(&s.prev) {
                text = pair;
                joined.push(k);
            }
        }
        let mut at = None;
        for k in &joined {
            if let Some((k, _)) = stats.get_key_value(k) {
                taken.insert(k);
                at = at.or(placed.get(k).copied());
            }
        }
        let keyword = Keyword { text, articles: s.docs.len() as u64, archive: *bg_n, score: *score };
        match at {
            // The fragment joins a word already shown: the pair takes its place.
            Some(i) => out[i].text = keyword.text,
            None if out.len() < max && !out.iter().any(|k| k.text == keyword.text) => {
                placed.insert(key, out.len());
                out.push(keyword);
            }
            None => {}
        }
    }
    Ok(out)
}

/// Analyzes the articles and counts their words.
fn gather(analyzer: &Analyzer, articles: &[&StoredArticle]) -> HashMap<String, Stats> {
    let mut stats: HashMap<String, Stats> = HashMap::new();
    for (doc, a) in articles.iter().enumerate() {
        let text = text_of(a);
        let terms = analyzer.analyze(&text);
        let words = units(&terms);
        for (i, u) in words.iter().enumerate() {
            if !u.eligible {
                continue;
            }
            let key = u.key();
            let surface = text[u.start..u.end].to_owned();
            let s = stats.entry(key).or_default();
            if s.terms.is_empty() {
                s.terms = u.terms.clone();
                s.all = u.all.iter().cloned().collect();
            }
            s.docs.insert(doc);
            s.occurrences += 1;
            *s.surfaces.entry(surface).or_insert(0) += 1;
            let spaced = |a: &Unit, b: &Unit| {
                b.start >= a.end && text[a.end..b.start].chars().all(|c| c == ' ' || c == '\u{a0}')
            };
            if let Some(next) = words.get(i + 1).filter(|w| w.eligible && spaced(u, w)) {
                let e = s.next.entry(next.key()).or_default();
                e.0 += 1;
                *e.1.entry(text[u.start..next.end].to_owned()).or_insert(0) += 1;
            }
            if let Some(prev) = i.checked_sub(1).and_then(|p| words.get(p)).filter(|w| w.eligible && spaced(w, u)) {
                let e = s.prev.entry(prev.key()).or_default();
                e.0 += 1;
                *e.1.entry(text[prev.start..u.end].to_owned()).or_insert(0) += 1;
            }
        }
    }
    stats
}
