//! Scoring a candidate from its [`WordStats`], after soynlp's `WordExtractor`:
//!
//! - **cohesion**: how much the word holds together from its first character on —
//!   `(L(word) / L(first character)) ^ (1 / (length − 1))`, where `L(x)` counts the words of
//!   the text that begin with `x`. A piece of something longer (`비디아` of 엔비디아) or a
//!   chance meeting of common words scores low;
//! - **branching entropy** of the neighbours on each side (nats): a word is used in many
//!   contexts, so what precedes and what follows it varies; the left and the right piece of
//!   a longer word have one neighbour (entropy 0) on the side of the rest;
//! - **particle ratio**: the share of occurrences a particle follows — the mark of a noun.
//!
//! The score is `cohesion × (1 − e^−H_left) × (1 − e^−H_right) × (½ + ½ particle ratio)`:
//! each factor in 0..1, a candidate needs all of them.

use std::collections::HashMap;

use super::Candidate;
use super::candidates::Found;
use super::stats::{Neighbour, WordStats};

/// Branching entropy (natural log) of a neighbour distribution.
pub fn entropy(counts: &HashMap<Neighbour, u32>) -> f64 {
    let total: f64 = counts.values().map(|&n| f64::from(n)).sum();
    if total == 0.0 {
        return 0.0;
    }
    counts
        .values()
        .map(|&n| {
            let p = f64::from(n) / total;
            -p * p.ln()
        })
        .sum()
}

/// Cohesion of a word of `len` characters found `initial` times at the start of a word,
/// when `first_char_words` words begin with its first character.
pub fn cohesion(initial: u64, first_char_words: u64, len: usize) -> f64 {
    if first_char_words == 0 || len < 2 {
        return 0.0;
    }
    let p = (initial as f64 / first_char_words as f64).min(1.0);
    p.powf(1.0 / (len - 1) as f64)
}

/// The combined score (see the module documentation).
pub fn combined(cohesion: f64, left: f64, right: f64, particle_ratio: f64) -> f64 {
    cohesion * (1.0 - (-left).exp()) * (1.0 - (-right).exp()) * (0.5 + 0.5 * particle_ratio)
}

/// A candidate with its scores.
pub fn candidate(found: Found, s: WordStats) -> Candidate {
    let len = found.word.chars().count();
    let cohesion = cohesion(s.word_initial, s.first_char_words, len);
    let (left_entropy, right_entropy) = (entropy(&s.left), entropy(&s.right));
    let particle_ratio = if s.count == 0 { 0.0 } else { s.followed_by_particle as f64 / s.count as f64 };
    Candidate {
        score: combined(cohesion, left_entropy, right_entropy, particle_ratio),
        word: if s.surface.is_empty() { found.word } else { s.surface },
        pieces: found.pieces,
        count: s.count,
        articles: s.articles,
        cohesion,
        left_entropy,
        right_entropy,
        particle_ratio,
        example_id: s.example_id,
        example: s.example,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_of_one_neighbour_is_zero_and_grows_with_variety() {
        let one: HashMap<Neighbour, u32> = [((true, '엔'), 10)].into();
        assert_eq!(entropy(&one), 0.0);
        let two: HashMap<Neighbour, u32> = [((true, '가'), 5), ((true, '는'), 5)].into();
        assert!((entropy(&two) - 2f64.ln()).abs() < 1e-12);
        assert_eq!(entropy(&HashMap::new()), 0.0);
    }

    #[test]
    fn cohesion_is_the_geometric_mean_of_the_transitions() {
        // 딥시크 begins 40 of the 50 words that begin with 딥: (0.8)^(1/2).
        assert!((cohesion(40, 50, 3) - 0.8f64.sqrt()).abs() < 1e-12);
        assert_eq!(cohesion(5, 0, 3), 0.0);
        assert_eq!(cohesion(10, 5, 2), 1.0, "clamped");
    }

    #[test]
    fn a_piece_of_a_longer_word_scores_low() {
        let word = combined(0.9, 2.0, 2.0, 0.6);
        let piece = combined(0.9, 0.0, 2.0, 0.6);
        assert!(word > 0.5 && piece == 0.0, "{word} {piece}");
    }
}
