//! Story groups in search results: every hit is marked with its story and the story's other
//! copies ([`annotate`]), and `--collapse` keeps one hit per story, its best-ranked copy
//! ([`search`]).
//!
//! The groups come from the index ([`StoryIndex`], made by `gisa index`). A collapsed page
//! counts stories: `--limit 10 --offset 10` is stories 11–20, so the search asks the index
//! for more hits than the page until it has enough stories (or every hit). The total stays
//! the number of matching articles.

use std::sync::Arc;

use anyhow::Result;
use serde::Serialize;
use tantivy::Searcher;

use super::tally::{Counting, Tally};
use super::{Hit, Request, Results};
use crate::index::GisaIndex;
use crate::index::stories::StoryIndex;

/// Another copy of a hit's story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoryCopy {
    pub id: String,
    pub press: Option<String>,
}

/// The story of an article: its id (the id of its earliest copy, or the article's own when
/// it has none) and its other copies, earliest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Story {
    pub id: String,
    pub copies: Vec<StoryCopy>,
}

impl Story {
    /// The story of the article `id`.
    pub fn of(stories: &StoryIndex, id: &str) -> Story {
        match stories.group(id) {
            None => Story { id: id.to_owned(), copies: Vec::new() },
            Some(g) => Story {
                id: g.story.clone(),
                copies: g
                    .members
                    .iter()
                    .filter(|m| m.id != id)
                    .map(|m| StoryCopy { id: m.id.clone(), press: m.press.clone() })
                    .collect(),
            },
        }
    }

    /// "+2 more: 한겨레, 경향신문" (the press of each copy once, in order), or `None`.
    pub fn more(&self) -> Option<String> {
        if self.copies.is_empty() {
            return None;
        }
        let mut press: Vec<&str> = Vec::new();
        for c in &self.copies {
            let p = c.press.as_deref().unwrap_or("?");
            if !press.contains(&p) {
                press.push(p);
            }
        }
        Some(format!("+{} more: {}", self.copies.len(), press.join(", ")))
    }
}

/// Marks every hit with its story (nothing when the index keeps no story groups).
pub fn annotate(hits: &mut [Hit], stories: &StoryIndex) {
    if !stories.present {
        return;
    }
    for h in hits {
        h.story = Some(Story::of(stories, &h.article.id));
    }
}

/// The first (best-ranked) hit of every story, in order; hits must be annotated.
pub fn first_of_each(hits: Vec<Hit>) -> Vec<Hit> {
    let mut seen = std::collections::HashSet::new();
    hits.into_iter()
        .filter(|h| seen.insert(h.story.as_ref().map_or_else(|| h.article.id.clone(), |s| s.id.clone())))
        .collect()
}

/// The number of stories among the articles a query matches (an article without copies is
/// a story of its own).
pub fn count_stories(
    searcher: &Searcher,
    query: &dyn tantivy::query::Query,
    stories: &Arc<StoryIndex>,
) -> Result<usize> {
    let tally = Tally::new(Vec::new(), Counting::Stories(stories.clone()));
    Ok(usize::try_from(searcher.search(query, &tally)?.total).unwrap_or(usize::MAX))
}

/// The ids of every copy of the stories of `ids` (`ids` included).
pub fn with_copies(ids: impl IntoIterator<Item = String>, stories: &StoryIndex) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    for id in ids {
        if let Some(g) = stories.group(&id) {
            out.extend(g.members.iter().map(|m| m.id.clone()));
        }
        out.insert(id);
    }
    out.into_iter().collect()
}

/// Runs a request with one hit per story: the request's offset and limit count stories.
pub fn search(ix: &GisaIndex, searcher: &Searcher, req: &Request, stories: &StoryIndex) -> Result<Results> {
    if !stories.present || req.limit == 0 {
        let mut results = super::search(ix, searcher, req)?;
        annotate(&mut results.hits, stories);
        return Ok(results);
    }
    let want = req.offset.saturating_add(req.limit);
    let mut fetch = want.saturating_mul(2).saturating_add(10);
    loop {
        let sub = Request { offset: 0, limit: fetch, ..req.clone() };
        let mut results = super::search(ix, searcher, &sub)?;
        let complete = results.hits.len() >= results.total;
        annotate(&mut results.hits, stories);
        let hits = first_of_each(std::mem::take(&mut results.hits));
        if hits.len() >= want || complete || fetch == usize::MAX {
            results.hits = hits.into_iter().skip(req.offset).take(req.limit).collect();
            for (i, h) in results.hits.iter_mut().enumerate() {
                h.rank = req.offset + i + 1;
            }
            return Ok(results);
        }
        fetch = fetch.saturating_mul(4);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_names_each_press_once() {
        let c = |id: &str, p: Option<&str>| StoryCopy { id: id.into(), press: p.map(Into::into) };
        let s = Story {
            id: "a".into(),
            copies: vec![c("b", Some("한겨레")), c("c", Some("경향신문")), c("d", Some("한겨레")), c("e", None)],
        };
        assert_eq!(s.more().unwrap(), "+4 more: 한겨레, 경향신문, ?");
        assert_eq!(Story { id: "a".into(), copies: vec![] }.more(), None);
    }
}
