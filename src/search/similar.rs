//! Related coverage (`gisa similar ID`): articles about the same thing as one article.
//!
//! More-like-this, as Lucene's `MoreLikeThis` does it: the article's title and body are
//! analyzed with the index's analyzer, its nouns and foreign words scored by tf·idf against
//! the index (BM25's idf; terms in half the archive or more say nothing and are left out),
//! and the [`SimilarOptions::terms`] best become an any-word search (the title's terms
//! count twice, as a title match does in search). The article itself and its own copies —
//! its story group — are not "related": they are left out of the hits and reported apart
//! ([`Similar::story`]); the related hits are collapsed to one per story.

use std::collections::HashMap;

use anyhow::{Result, anyhow};
use chrono::{DateTime, FixedOffset};
use tantivy::{Searcher, Term};

use super::collapse::{self, Story};
use super::{Limits, Params, Results, Sort, Syntax, validate};
use crate::index::GisaIndex;
use crate::index::schema::StoredArticle;
use crate::index::stories::StoryIndex;

/// What to look for.
#[derive(Debug, Clone)]
pub struct SimilarOptions {
    /// Significant terms to search for.
    pub terms: usize,
    pub limit: usize,
    pub offset: usize,
    pub fragments: usize,
    pub since: Option<String>,
    pub until: Option<String>,
    pub press: Vec<String>,
}

impl Default for SimilarOptions {
    fn default() -> SimilarOptions {
        SimilarOptions { terms: 25, limit: 10, offset: 0, fragments: 2, since: None, until: None, press: Vec::new() }
    }
}

/// An article's related coverage.
#[derive(Debug, Clone)]
pub struct Similar {
    /// The article's story and its own copies.
    pub story: Story,
    /// The significant terms searched for, best first, with their weights.
    pub terms: Vec<(String, f32)>,
    /// Related articles, one per story.
    pub results: Results,
}

/// Whether a term's part of speech makes it a subject word: nouns (not bound nouns),
/// foreign words and Hanja.
fn significant_pos(pos: &str) -> bool {
    let first = pos.split(['+', ',']).next().unwrap_or("");
    (first.starts_with("NN") && first != "NNB") || first == "SL" || first == "SH"
}

/// The article's most significant terms by tf·idf, best first.
pub fn significant_terms(ix: &GisaIndex, searcher: &Searcher, article: &StoredArticle, n: usize) -> Vec<(String, f32)> {
    let mut tf: HashMap<String, f32> = HashMap::new();
    for (text, weight) in [(&article.title, 2.0), (&article.body, 1.0)] {
        for t in ix.analyzer.analyze(text) {
            if significant_pos(&t.pos) && t.text.chars().count() >= 2 && !t.text.chars().all(|c| c.is_ascii_digit()) {
                *tf.entry(t.text).or_default() += weight;
            }
        }
    }
    let docs = searcher.num_docs() as f32;
    let mut scored: Vec<(String, f32)> = tf
        .into_iter()
        .filter_map(|(term, tf)| {
            let df = searcher.doc_freq(&Term::from_field_text(ix.fields.text, &term)).ok()? as f32;
            // Terms only this article has find nothing; terms half the archive has say nothing.
            if df < 2.0 || df > docs / 2.0 {
                return None;
            }
            let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
            Some((term, tf.sqrt() * idf))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(n);
    scored
}

/// The related coverage of `article`.
pub fn similar(
    ix: &GisaIndex,
    searcher: &Searcher,
    article: &StoredArticle,
    stories: &StoryIndex,
    opts: &SimilarOptions,
    now: DateTime<FixedOffset>,
) -> Result<Similar> {
    let story = Story::of(stories, &article.id);
    let terms = significant_terms(ix, searcher, article, opts.terms.max(1));
    let params = Params {
        query: terms.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>().join(" "),
        syntax: Syntax::Fixed,
        any: true,
        since: opts.since.clone(),
        until: opts.until.clone(),
        press: opts.press.clone(),
        sort: Sort::Relevance,
        limit: opts.limit,
        offset: opts.offset,
        fragments: opts.fragments,
    };
    let mut results = if terms.is_empty() {
        Results { query: String::new(), ignored: Vec::new(), total: 0, took_ms: 0.0, hits: Vec::new() }
    } else {
        let mut req = validate::validate(&params, now, &Limits::DEFAULT).map_err(|e| anyhow!(e.for_command_line()))?;
        req.exclude_ids =
            std::iter::once(article.id.clone()).chain(story.copies.iter().map(|c| c.id.clone())).collect();
        collapse::search(ix, searcher, &req, stories)?
    };
    results.query = format!("similar:{}", article.id);
    Ok(Similar { story, terms, results })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_words_are_nouns_and_foreign_words() {
        assert!(significant_pos("NNG"));
        assert!(significant_pos("NNP"));
        assert!(significant_pos("SL"));
        assert!(!significant_pos("NNB"));
        assert!(!significant_pos("VV"));
        assert!(!significant_pos("JKS"));
    }
}
