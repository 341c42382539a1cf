//! The same article saved twice is indexed once.
//!
//! Two articles are the same when they have the same URL (normalized: no tracking
//! parameters, fragment or `www.`) or the same title and body (whitespace aside) — unless
//! both are records with different ids of their own (a dataset of distinct records that
//! happen to share a text is not one article). The first seen, in path order, is indexed;
//! the others are duplicates, and their file's record names the file that holds the article
//! so that it can take over when that file goes ([`super::plan`]).
//!
//! The keys of every article in the index are loaded at the start of a run, so a copy saved
//! in a later run is recognized too. Keys grow with the corpus, so they are kept small: URL
//! and id as 64-bit hashes, files as numbers into one table of paths — 16 bytes per key
//! and article instead of the strings themselves.

use std::collections::HashMap;

use anyhow::{Result, anyhow};
use indexmap::IndexSet;
use tantivy::Index;
use xxhash_rust::xxh3::xxh3_64;

use super::schema;
use crate::ingest::Article;

/// Where an article with some key lives.
#[derive(Debug, Clone, Copy)]
struct Holder {
    /// Hash of the record's own id, 0 when it has none.
    own_id: u64,
    /// Number of its file in [`Dedup::files`].
    file: u32,
    /// Added by this run (not affected by the file being dropped).
    fresh: bool,
}

/// What to do with an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Index it, under this id.
    New { id: String },
    /// Already indexed, from this file (which may be the same file).
    Duplicate { of: String },
}

/// The dedup keys of every live article.
#[derive(Debug, Default)]
pub struct Dedup {
    /// Paths of files, numbered.
    files: IndexSet<Box<str>>,
    /// By file number: the articles it had in the index were deleted by this run.
    dropped: Vec<bool>,
    content: HashMap<u64, Holder>,
    url: HashMap<u64, Holder>,
    id: HashMap<u64, Holder>,
}

/// Whether an indexed id is a record's own rather than derived from the path.
fn explicit_id(id: &str, path: &str) -> bool {
    id != path && !id.strip_prefix(path).is_some_and(|rest| rest.starts_with(':'))
}

/// The hash of an id or a URL as a key (0 is kept for "none").
fn key(s: &str) -> u64 {
    xxh3_64(s.as_bytes()).max(1)
}

impl Dedup {
    /// No article known yet.
    pub fn new() -> Dedup {
        Dedup::default()
    }

    /// The keys of every live document of the last commit of `index`.
    pub fn load(index: &Index) -> Result<Dedup> {
        let mut dedup = Dedup::new();
        let reader = index.reader()?;
        let searcher = reader.searcher();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let path = ff.str("path")?.ok_or_else(|| anyhow!("index without a path column"))?;
            let url = ff.str("url")?;
            let id = ff.str("id")?;
            let content = ff.u64("content_key")?;
            let paths = super::strings_by_ord(&path)?;
            let ids = id.as_ref().map(super::strings_by_ord).transpose()?.unwrap_or_default();
            let urls = url.as_ref().map(super::strings_by_ord).transpose()?.unwrap_or_default();
            fn first<'t>(col: &Option<tantivy::columnar::StrColumn>, table: &'t [String], doc: u32) -> Option<&'t str> {
                col.as_ref()
                    .and_then(|c| c.term_ords(doc).next())
                    .and_then(|o| table.get(o as usize).map(String::as_str))
            }
            for doc in seg.doc_ids_alive() {
                let p = path.term_ords(doc).next().and_then(|o| paths.get(o as usize)).map_or("", String::as_str);
                dedup.insert_indexed(
                    p,
                    first(&id, &ids, doc).unwrap_or(""),
                    content.first(doc),
                    first(&url, &urls, doc),
                );
            }
        }
        Ok(dedup)
    }

    fn file_number(&mut self, path: &str) -> u32 {
        let n = match self.files.get_index_of(path) {
            Some(n) => n,
            None => self.files.insert_full(path.into()).0,
        };
        if self.dropped.len() <= n {
            self.dropped.resize(n + 1, false);
        }
        n as u32
    }

    /// Records an article the index holds: its file, id, content key and URL.
    pub fn insert_indexed(&mut self, path: &str, id: &str, content_key: Option<u64>, url: Option<&str>) {
        let file = self.file_number(path);
        let own_id = if explicit_id(id, path) { key(id) } else { 0 };
        let holder = Holder { own_id, file, fresh: false };
        if !id.is_empty() {
            self.id.insert(key(id), holder);
        }
        if let Some(k) = content_key {
            self.content.insert(k, holder);
        }
        if let Some(u) = url.and_then(schema::normalize_url) {
            self.url.insert(key(&u), holder);
        }
    }

    /// The articles `path` had in the index were deleted: they no longer count (those it
    /// adds from now on do).
    pub fn drop_file(&mut self, path: &str) {
        let n = self.file_number(path);
        self.dropped[n as usize] = true;
    }

    /// Whether [`Dedup::drop_file`] was called for `path`.
    pub fn is_dropped(&self, path: &str) -> bool {
        self.files.get_index_of(path).is_some_and(|n| self.dropped[n])
    }

    fn live(&self, h: &Holder) -> bool {
        h.fresh || !self.dropped[h.file as usize]
    }

    fn path_of(&self, h: &Holder) -> String {
        self.files.get_index(h.file as usize).map(|p| p.to_string()).unwrap_or_default()
    }

    /// Decides about one article of the file `path`: a duplicate of an article already
    /// indexed, or new — under its own id unless a live article holds that id already, else
    /// `path_id` — and then recorded as indexed by this run.
    pub fn admit(&mut self, path: &str, path_id: String, article: &Article) -> Verdict {
        let content = schema::content_key(article);
        let url = article.url.as_deref().and_then(schema::normalize_url).map(|u| key(&u));
        let own = article.id.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let own_key = own.map_or(0, key);
        // Same title and body is the same article — unless both records carry their own,
        // different ids (a dataset, not a saved page).
        let distinct_records = |h: &Holder| h.own_id != 0 && own_key != 0 && h.own_id != own_key;
        let holder = self
            .content
            .get(&content)
            .filter(|h| self.live(h) && !distinct_records(h))
            .or_else(|| url.and_then(|u| self.url.get(&u)).filter(|h| self.live(h)));
        if let Some(h) = holder {
            return Verdict::Duplicate { of: self.path_of(h) };
        }
        let id = match own {
            Some(own) if self.id.get(&own_key).is_none_or(|h| !self.live(h)) => own.to_owned(),
            _ => path_id,
        };
        let file = self.file_number(path);
        let own_id = if explicit_id(&id, path) { key(&id) } else { 0 };
        let holder = Holder { own_id, file, fresh: true };
        self.content.insert(content, holder);
        if let Some(u) = url {
            self.url.insert(u, holder);
        }
        self.id.insert(key(&id), holder);
        Verdict::New { id }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        Article { title: title.into(), body: body.into(), ..Default::default() }
    }

    fn new_id(v: Verdict) -> String {
        match v {
            Verdict::New { id } => id,
            other => panic!("expected a new article, got {other:?}"),
        }
    }

    #[test]
    fn the_same_title_and_body_is_one_article() {
        let mut d = Dedup::new();
        let a = article("이재용, 퀄컴 만났다", "이재용 삼성전자 회장이 미국 출장에서 퀄컴 CEO를 만났다.");
        assert_eq!(new_id(d.admit("daum/a.txt", "daum/a.txt".into(), &a)), "daum/a.txt");
        // Saved again with other line breaks and spaces.
        let b = article(" 이재용,  퀄컴 만났다", "이재용 삼성전자 회장이\n미국 출장에서 퀄컴 CEO를  만났다.");
        assert_eq!(d.admit("later/b.txt", "later/b.txt".into(), &b), Verdict::Duplicate { of: "daum/a.txt".into() });
        let c = article("이재용, 퀄컴 만났다", "다른 본문이다.");
        assert_eq!(new_id(d.admit("c.txt", "c.txt".into(), &c)), "c.txt");
    }

    #[test]
    fn the_same_url_is_one_article() {
        let mut d = Dedup::new();
        let mut a = article("반도체 수출 늘었다", "본문 하나.");
        a.url = Some("https://www.example.com/news/1?utm_source=feed".into());
        new_id(d.admit("a.html", "a.html".into(), &a));
        let mut b = article("반도체 수출 증가 (수정)", "고쳐 쓴 본문.");
        b.url = Some("https://example.com/news/1/#top".into());
        assert_eq!(d.admit("b.json", "b.json".into(), &b), Verdict::Duplicate { of: "a.html".into() });
        let mut c = article("다른 기사", "다른 본문.");
        c.url = Some("https://example.com/news/2".into());
        new_id(d.admit("c.json", "c.json".into(), &c));
    }

    #[test]
    fn records_with_distinct_own_ids_are_not_merged() {
        let mut d = Dedup::new();
        let mut a = article("날씨", "맑음.");
        a.id = Some("rec-1".into());
        let mut b = a.clone();
        b.id = Some("rec-2".into());
        assert_eq!(new_id(d.admit("feed.jsonl", "feed.jsonl:1".into(), &a)), "rec-1");
        // The same record again (same id, same text) is a duplicate.
        assert_eq!(d.admit("x.jsonl", "x.jsonl:1".into(), &a), Verdict::Duplicate { of: "feed.jsonl".into() });
        // Another record with the same text is not.
        assert_eq!(new_id(d.admit("feed.jsonl", "feed.jsonl:2".into(), &b)), "rec-2");
        // A copy without an id of its own is a duplicate of the last one holding the text.
        let plain = article("날씨", "맑음.");
        assert!(matches!(d.admit("y.txt", "y.txt".into(), &plain), Verdict::Duplicate { .. }));
    }

    #[test]
    fn a_taken_own_id_falls_back_to_the_path() {
        let mut d = Dedup::new();
        let mut a = article("가", "첫 기사.");
        a.id = Some("own-1".into());
        let mut b = article("나", "둘째 기사.");
        b.id = Some(" own-1 ".into());
        assert_eq!(new_id(d.admit("a.json", "a.json".into(), &a)), "own-1");
        assert_eq!(new_id(d.admit("b.json", "b.json".into(), &b)), "b.json");
    }

    #[test]
    fn articles_of_a_dropped_file_no_longer_count_but_fresh_ones_do() {
        let mut d = Dedup::new();
        // From the last commit: a.txt holds the article, with the key its title+body gives.
        let a = article("제목", "본문.");
        d.insert_indexed("a.txt", "a.txt", Some(schema::content_key(&a)), None);
        assert!(matches!(d.admit("b.txt", "b.txt".into(), &a), Verdict::Duplicate { .. }));
        // a.txt was changed and its old articles deleted: the copy in c.txt is new now.
        d.drop_file("a.txt");
        assert!(d.is_dropped("a.txt") && !d.is_dropped("c.txt") && !d.is_dropped("never-seen.txt"));
        assert_eq!(new_id(d.admit("c.txt", "c.txt".into(), &a)), "c.txt");
        // ... and a.txt, read again in the same run, is now the duplicate.
        assert_eq!(d.admit("a.txt", "a.txt".into(), &a), Verdict::Duplicate { of: "c.txt".into() });
        // A file re-added after being dropped counts with its fresh articles.
        let e = article("새 제목", "새 본문.");
        new_id(d.admit("a.txt", "a.txt".into(), &e));
        assert_eq!(d.admit("f.txt", "f.txt".into(), &e), Verdict::Duplicate { of: "a.txt".into() });
    }

    #[test]
    fn own_ids_loaded_from_the_index_keep_distinct_records_apart() {
        let mut d = Dedup::new();
        let mut a = article("공지", "같은 문장.");
        a.id = Some("r1".into());
        d.insert_indexed("feed.jsonl", "r1", Some(schema::content_key(&a)), None);
        let mut b = a.clone();
        b.id = Some("r2".into());
        assert_eq!(new_id(d.admit("feed2.jsonl", "feed2.jsonl:1".into(), &b)), "r2");
        // A path-derived id is not an own id.
        let c = article("공지2", "다른 문장.");
        d.insert_indexed("feed.jsonl", "feed.jsonl:3", Some(schema::content_key(&c)), None);
        let mut c2 = c.clone();
        c2.id = Some("r9".into());
        assert!(matches!(d.admit("z.jsonl", "z.jsonl:1".into(), &c2), Verdict::Duplicate { .. }));
    }
}
