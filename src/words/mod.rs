//! New words: names newer than the dictionary, discovered in the user's own archive.
//!
//! mecab-ko-dic dates from 2018; a name that came after is read as pieces of older words
//! (`딥시크` = 딥 + 시크). An index built with `join_pieces` holds every such run of pieces
//! whole (see [`crate::analysis::filters::runs`]), so the candidates are the index's own
//! terms: [`candidates`] takes the whole terms of at least `min_count` articles that the
//! analyzer reads as a run of pieces. [`stats`] then reads the stored text once and
//! measures each candidate the way Korean unsupervised word extraction does (soynlp's
//! `WordExtractor`): the cohesion of its pieces, the branching entropy of what precedes and
//! follows it, and how often a particle follows it ([`score`]). Nothing here knows any name:
//! everything is learned from the archive, so it finds next year's names too.
//!
//! [`user_dict::append`] adds chosen words to a user dictionary as proper nouns.

pub mod candidates;
pub mod score;
pub mod stats;
pub mod user_dict;

use anyhow::{Result, bail};
use serde::Serialize;

use crate::index::GisaIndex;

/// What to look for.
#[derive(Debug, Clone)]
pub struct Options {
    /// Least number of articles a candidate occurs in.
    pub min_count: u64,
    /// How many candidates to return (the best first).
    pub limit: usize,
}

/// A new-word candidate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Candidate {
    pub word: String,
    /// The pieces the dictionary reads it as.
    pub pieces: Vec<String>,
    pub score: f64,
    /// Occurrences in the stored text, and articles it occurs in.
    pub count: u64,
    pub articles: u64,
    pub cohesion: f64,
    /// Branching entropy (nats) of what precedes and what follows it.
    pub left_entropy: f64,
    pub right_entropy: f64,
    /// Share of its occurrences followed by a particle (이/가/은/는/을/를/의/에/…).
    pub particle_ratio: f64,
    /// The article and sentence of one occurrence.
    pub example_id: String,
    pub example: String,
}

/// What [`discover`] found and how much it read.
#[derive(Debug, Clone, Serialize)]
pub struct Discovery {
    /// Whole terms of runs with at least `min_count` articles.
    pub considered: usize,
    /// Articles read.
    pub articles: u64,
    pub candidates: Vec<Candidate>,
}

/// Discovers new-word candidates in an index.
pub fn discover(ix: &GisaIndex, opts: &Options) -> Result<Discovery> {
    if !ix.meta.analyzer.join_pieces {
        if ix.meta.unrecorded.contains(&"join_pieces") {
            bail!(
                "the index at {} was built before gisa indexed words it reads in pieces whole; \
                 rebuild it with `gisa index --full {}` to discover new words",
                ix.dir.display(),
                ix.meta.source.display()
            );
        }
        bail!(
            "the index at {} was built with --pieces-apart, so it holds no words read in pieces whole; \
             index {} into another --index folder without --pieces-apart to discover new words",
            ix.dir.display(),
            ix.meta.source.display()
        );
    }
    let mut found = candidates::collect(ix, opts.min_count.max(1))?;
    // A candidate that is another one with a particle glued on (`방탄소년단의` when the
    // analyzer took 의 for a noun) is that other one.
    let words: std::collections::HashSet<String> = found.iter().map(|f| f.word.clone()).collect();
    found.retain(|f| {
        let mut chars = f.word.chars();
        let last = chars.next_back();
        !(last.is_some_and(|c| stats::PARTICLES.contains(&c)) && words.contains(chars.as_str()))
    });
    let considered = found.len();
    let measured = stats::measure(ix, &found)?;
    let mut out: Vec<Candidate> = found
        .into_iter()
        .zip(measured.per_word)
        .filter(|(_, s)| s.count > 0)
        .map(|(c, s)| score::candidate(c, s))
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(b.count.cmp(&a.count)).then(a.word.cmp(&b.word)));
    out.truncate(opts.limit);
    Ok(Discovery { considered, articles: measured.articles, candidates: out })
}
