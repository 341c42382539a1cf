//! Story groups: the copies of one story (syndicated, re-edited, re-headlined) found by
//! their [`Fingerprint`]s, kept in `gisa-stories/` inside the index.
//!
//! The writer side is [`Stories`]: every live article's fingerprint with its id, file, press,
//! date and the story it joined (`fingerprints.bin`, binary, ~570 bytes an article). In
//! memory a run keeps each article's entry without its fingerprint — the fingerprints stay in
//! the file, read in file order when a grouping needs them ([`Print`]) — and holds only the
//! fingerprints of the articles it adds, so a run that adds today's articles to a large
//! archive does not load the archive's sketches (516 bytes each). Those it adds go to an
//! unnamed temporary file in the index folder as they come ([`Print::Spilled`]), so a full
//! build of a million articles does not hold 516 MB of them until its grouping. A run
//! adds the articles it indexes and drops those of changed and deleted files; then
//! [`Stories::save`] places the new articles — candidates by locality-sensitive hashing
//! ([`BANDS`] bands of [`ROWS`] bins: two sketches that agree on a whole band are
//! compared), each candidate pair checked by [`fingerprint::same_story`], groups as stars
//! around their earliest article ([`Stories::groups`]) — and writes the groups of two or
//! more (`groups.bin`, looked up in place: [`super::groups`]), which is all a search reads.
//! A run places only what it adds and the few articles dated after the earliest of those (one
//! pass over the others' band keys): today's news, and an article dated in the future by
//! mistake, which every later run places again instead of regrouping the archive around it.
//! Adding an article older than a great many others, or deleting the first copy of a story,
//! regroups them all. Both read fingerprints only, never the articles.
//!
//! The files are written before the commit they describe and checked against the index at
//! the start of every run ([`Stories::reconcile`]): articles the file does not know (an
//! index made before gisa kept stories, a run interrupted between commits) get their
//! fingerprint from their stored body, and fingerprints of articles no longer in the index
//! are dropped. A missing or damaged file is rebuilt that way, never an error.
//!
//! The reader side is [`StoryIndex`]: article id → its group, for `--collapse`, `show
//! --copies`, `similar` and reports.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use indexmap::{IndexMap, IndexSet};
use serde::{Deserialize, Serialize};
use tantivy::{Index, TantivyDocument};

use super::fingerprint::{self, BINS, Fingerprint};
use super::groups::GroupsMap;
use super::schema::Fields;
use crate::ingest::Article;

/// Folder inside the index that holds the story files.
pub const STORIES_DIR: &str = "gisa-stories";
const FINGERPRINTS: &str = "fingerprints.bin";
/// The story groups, for lookups ([`super::groups`]).
pub const GROUPS: &str = "groups.bin";
/// The story groups as indexes before `groups.bin` kept them (read, and replaced by the next
/// `gisa index` run).
const GROUPS_JSON: &str = "groups.json";
/// `fingerprints.bin` as written now (each entry with its leader) and before (without:
/// read, then regrouped whole once).
const MAGIC: &[u8; 8] = b"GISAFP02";
const MAGIC_V1: &[u8; 8] = b"GISAFP01";

/// Bins per band of the locality-sensitive hashing.
pub const ROWS: usize = 3;
/// Bands: two sketches that agree on all the bins of one band are compared. With 3 rows and
/// 85 bands a pair of Jaccard similarity 0.42 (the least similar copies of the labeled set)
/// is compared with probability 0.998, one of 0.3 with 0.90, one of 0.1 with 0.08 and
/// unrelated articles almost never.
pub const BANDS: usize = BINS / ROWS;
/// A band bucket holding more articles than this is left out of the candidates: its bins are
/// text every article of some kind shares (a standard closing line), not a story.
const MAX_BUCKET: usize = 200;
/// Grouped articles dated after the earliest added one that a run places again; with more,
/// it regroups the whole (cheaper then than a placement holding all their fingerprints).
const MAX_PLACED_AGAIN: usize = 10_000;

/// One article's entry.
#[derive(Debug, Clone)]
struct Entry {
    id: Box<str>,
    /// Number of its file in [`Stories::files`].
    file: u32,
    /// Number of its press in [`Stories::presses`].
    press: Option<u32>,
    /// Seconds since the epoch (`i64::MAX` when undated: last in a group).
    date: i64,
    print: Print,
    /// The earliest copy whose story it joined; `None` when it leads one (or stands alone).
    leader: Option<Box<str>>,
}

/// Where an article's fingerprint is.
#[derive(Debug, Clone)]
enum Print {
    /// It has none (a text too short to tell a copy).
    None,
    /// In memory: an article this run added, where no temporary file could be written.
    Held(Box<Fingerprint>),
    /// In the run's temporary file ([`Stories::spill`]), at this byte offset: an article this
    /// run added.
    Spilled(u64),
    /// In the fingerprint file the entries were loaded from or last saved to
    /// ([`Stories::saved`]), at this byte offset.
    Saved(u64),
}

/// Bytes of a fingerprint in `fingerprints.bin`: its shingle count and its bins.
const PRINT_LEN: usize = 4 + BINS * 2;

impl Entry {
    /// Where grouping takes it: earliest first.
    fn key(&self) -> (i64, &str) {
        (self.date, &self.id)
    }

    fn has_print(&self) -> bool {
        !matches!(self.print, Print::None)
    }
}

/// The fingerprints of every live article (the writer's side).
#[derive(Debug, Default)]
pub struct Stories {
    files: IndexSet<Box<str>>,
    presses: IndexSet<Box<str>>,
    /// By id, in the order of the fingerprint file and then as added, so that going through
    /// them reads the file's fingerprints front to back.
    entries: IndexMap<Box<str>, Entry>,
    /// The fingerprint file the [`Print::Saved`] entries point into, open for reading (it
    /// stays readable when a save replaces it by name).
    saved: Option<File>,
    changed: bool,
    /// Whether the entries' leaders are a grouping of them all but [`Stories::added`] (a file
    /// from before leaders were kept is regrouped whole once).
    grouped: bool,
    /// Articles added since the last grouping, in the order added.
    added: Vec<Box<str>>,
    /// Articles removed since the last grouping.
    removed: Vec<Box<str>>,
    /// An article replaced in place since the last grouping: regroup everything.
    replaced: bool,
    /// Where the fingerprints this run adds are written out (the index folder); `None`: they
    /// are held in memory.
    spill_dir: Option<PathBuf>,
    /// The temporary file they are written to, once one is added.
    spill: Option<Spill>,
    /// Another limit than [`MAX_PLACED_AGAIN`] (tests).
    place_again_limit: Option<usize>,
}

/// One member of a story group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub press: Option<String>,
}

/// A story of two or more articles: its members, earliest first. The story's id is the id
/// of its earliest member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    pub story: String,
    pub members: Vec<Member>,
}

#[derive(Debug, Serialize, Deserialize)]
struct GroupsFile {
    version: u32,
    articles: usize,
    groups: Vec<Group>,
}

fn date_secs(a: &Article) -> i64 {
    a.date.as_ref().map_or(i64::MAX, |d| d.datetime.timestamp())
}

impl Stories {
    /// No article yet; the fingerprints added are held in memory.
    pub fn new() -> Stories {
        Stories::default()
    }

    /// No article yet; the fingerprints added are written out to a temporary file in `dir`
    /// (the index folder), which goes away with the process.
    pub fn in_dir(dir: &Path) -> Stories {
        Stories { spill_dir: Some(dir.to_path_buf()), ..Stories::default() }
    }

    /// Number of articles known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no article is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn file_number(&mut self, path: &str) -> u32 {
        match self.files.get_index_of(path) {
            Some(n) => n as u32,
            None => self.files.insert_full(path.into()).0 as u32,
        }
    }

    /// Adds an article the index now holds under `id`, from the file `path`.
    pub fn add(&mut self, id: &str, path: &str, article: &Article) {
        let fp = Fingerprint::of(&article.body);
        self.insert(id, path, article.press.as_deref(), date_secs(article), fp);
    }

    fn insert(&mut self, id: &str, path: &str, press: Option<&str>, date: i64, fingerprint: Option<Fingerprint>) {
        let print = fingerprint.map_or(Print::None, |f| self.spilled(f));
        self.put(id, path, press, date, print, None);
        self.changed = true;
        self.added.push(id.into());
    }

    fn put(&mut self, id: &str, path: &str, press: Option<&str>, date: i64, print: Print, leader: Option<Box<str>>) {
        let file = self.file_number(path);
        let press = press.map(|p| match self.presses.get_index_of(p) {
            Some(n) => n as u32,
            None => self.presses.insert_full(p.into()).0 as u32,
        });
        let entry = Entry { id: id.into(), file, press, date, print, leader };
        self.replaced |= self.entries.insert(id.into(), entry).is_some();
    }

    fn press(&self, e: &Entry) -> Option<&str> {
        e.press.and_then(|n| self.presses.get_index(n as usize)).map(|p| &**p)
    }

    /// Drops the entries `gone` says, remembering them for the next grouping.
    fn remove_where(&mut self, gone: impl Fn(&Entry) -> bool) {
        let removed = &mut self.removed;
        self.entries.retain(|_, e| {
            let keep = !gone(e);
            if !keep {
                removed.push(e.id.clone());
            }
            keep
        });
        self.changed |= !self.removed.is_empty();
    }

    /// Drops the articles of a file (changed or deleted).
    pub fn drop_file(&mut self, path: &str) {
        if let Some(n) = self.files.get_index_of(path) {
            self.remove_where(|e| e.file as usize == n);
        }
    }

    /// Whether an index folder has its story files, the groups readable (an older
    /// `groups.json` instead of `groups.bin`, or a damaged `groups.bin`, does not count: the
    /// next run writes `groups.bin`).
    pub fn exist(index_dir: &Path) -> bool {
        let dir = index_dir.join(STORIES_DIR);
        dir.join(FINGERPRINTS).is_file() && GroupsMap::verify(&dir.join(GROUPS)).is_ok()
    }

    /// Reads `gisa-stories/fingerprints.bin` of an index folder; empty when it is missing or
    /// damaged (then [`Stories::reconcile`] rebuilds it from the index).
    pub fn load(index_dir: &Path) -> Stories {
        let Ok(file) = File::open(index_dir.join(STORIES_DIR).join(FINGERPRINTS)) else {
            return Stories::in_dir(index_dir);
        };
        let Some(len) = file.metadata().ok().map(|m| m.len()) else { return Stories::in_dir(index_dir) };
        match decode(BufReader::with_capacity(1 << 16, &file), len) {
            Some(mut stories) => {
                stories.saved = Some(file);
                stories.spill_dir = Some(index_dir.to_path_buf());
                stories
            }
            None => Stories::in_dir(index_dir),
        }
    }

    /// `fp` written to the run's temporary file; held in memory where that cannot be (no
    /// folder given, or the write fails: then the ones after it are held too).
    fn spilled(&mut self, fp: Fingerprint) -> Print {
        if self.spill.is_none()
            && let Some(dir) = &self.spill_dir
        {
            self.spill =
                tempfile::tempfile_in(dir).ok().map(|f| Spill { w: BufWriter::with_capacity(1 << 16, f), at: 0 });
            if self.spill.is_none() {
                self.spill_dir = None;
            }
        }
        let Some(spill) = &mut self.spill else { return Print::Held(Box::new(fp)) };
        let mut raw = [0u8; PRINT_LEN];
        raw[..4].copy_from_slice(&fp.shingles.to_le_bytes());
        for (two, b) in raw[4..].chunks_exact_mut(2).zip(&fp.bins) {
            two.copy_from_slice(&b.to_le_bytes());
        }
        if spill.w.write_all(&raw).is_err() {
            // What was written stays readable; the rest is held.
            self.spill_dir = None;
            return Print::Held(Box::new(fp));
        }
        let at = spill.at;
        spill.at += PRINT_LEN as u64;
        Print::Spilled(at)
    }

    /// Writes out what the temporary file still buffers, so that its fingerprints can be read
    /// (each step that reads them, [`Stories::place_added`], [`Stories::group_all`] and
    /// [`Stories::save`], does this first).
    fn flush_spill(&mut self) -> Result<()> {
        if let Some(spill) = &mut self.spill {
            spill.w.flush().context("cannot write the story fingerprints to a temporary file")?;
        }
        Ok(())
    }

    /// Makes the fingerprints describe exactly the live articles of `index`: drops those of
    /// articles it no longer holds, computes the missing ones from the stored bodies.
    /// Returns how many were computed.
    pub fn reconcile(&mut self, index: &Index, fields: &Fields) -> Result<usize> {
        let reader = index.reader()?;
        let searcher = reader.searcher();
        let mut alive: HashMap<Box<str>, ()> = HashMap::with_capacity(self.entries.len());
        let mut missing = Vec::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let ids = seg.fast_fields().str("id")?.ok_or_else(|| anyhow!("index without an id column"))?;
            let table = super::strings_by_ord(&ids)?;
            for doc in seg.doc_ids_alive() {
                let Some(id) = ids.term_ords(doc).next().and_then(|o| table.get(o as usize)) else { continue };
                if !self.entries.contains_key(id.as_str()) {
                    missing.push(tantivy::DocAddress::new(ord as u32, doc));
                }
                alive.insert(id.as_str().into(), ());
            }
        }
        self.remove_where(|e| !alive.contains_key(&e.id));
        for addr in &missing {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let a = super::schema::from_document(fields, &doc);
            let date = a
                .date
                .as_deref()
                .and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok())
                .map_or(i64::MAX, |d| d.timestamp());
            self.insert(&a.id, &a.path, a.press.as_deref(), date, Fingerprint::of(&a.body));
        }
        Ok(missing.len())
    }

    /// The story groups of the fingerprints (groups of two or more articles), each
    /// earliest first, sorted by story id.
    ///
    /// Groups are stars, not chains: articles are taken earliest first, and each joins the
    /// group of the earliest-led group whose first article it is a copy of (the most similar
    /// one, if several), or starts its own. Two articles that each share half their text with a
    /// third but little with each other (a roundup between two stories) do not make one story.
    ///
    /// Incremental: the articles added since the last grouping are placed, earliest first,
    /// against the leaders of the groups — together with the grouped articles dated after
    /// the earliest of them, which are placed again. In the usual run (today's news) those
    /// are none, or an article dated in the future by mistake. Grouping goes earliest
    /// first and every article looks only at earlier ones, so the groups of the articles
    /// before that date cannot change, and placing the rest in order is what a whole
    /// regrouping does with them. The candidates are found by one pass over the others' band
    /// keys, without a table of every band. A removed article that led a group, a file of an
    /// older version, or more than [`MAX_PLACED_AGAIN`] articles to place again groups every
    /// article again. Both give the same groups, but for one rare case: a band bucket that
    /// grows past [`MAX_BUCKET`] is left out for the placed articles only, where a whole
    /// regrouping leaves it out for the earlier ones too.
    pub fn groups(&mut self) -> Result<Vec<Group>> {
        if !self.place_added()? {
            self.group_all()?;
        }
        self.grouped = true;
        self.added.clear();
        self.removed.clear();
        self.replaced = false;
        Ok(self.collect_groups())
    }

    /// The groups as the entries' leaders say.
    fn collect_groups(&self) -> Vec<Group> {
        let mut by_leader: HashMap<&str, Vec<&Entry>> = HashMap::new();
        for e in self.entries.values() {
            if let Some(l) = &e.leader {
                by_leader.entry(l).or_default().push(e);
            }
        }
        let mut groups: Vec<Group> = by_leader
            .into_iter()
            .filter_map(|(leader, mut members)| {
                members.push(self.entries.get(leader)?);
                members.sort_by(|a, b| a.key().cmp(&b.key()));
                Some(Group {
                    story: leader.to_owned(),
                    members: members
                        .iter()
                        .map(|e| Member { id: e.id.to_string(), press: self.press(e).map(str::to_owned) })
                        .collect(),
                })
            })
            .collect();
        groups.sort_by(|a, b| a.story.cmp(&b.story));
        groups
    }

    /// Calls `each` with every one of `entries` and its fingerprint, if it has one: those in
    /// memory as they are, the saved ones read from the file (one pass, front to back when
    /// `entries` come in the file's order, as [`Stories::entries`] keep them).
    fn each_print<'e>(
        &self,
        entries: impl Iterator<Item = &'e Entry>,
        mut each: impl FnMut(&'e Entry, Option<&Fingerprint>) -> Result<()>,
    ) -> Result<()> {
        let mut file = self.saved.as_ref().map(PrintReader::new);
        let mut spill = self.spill.as_ref().map(SpillReader::new);
        for e in entries {
            match &e.print {
                Print::None => each(e, None)?,
                Print::Held(fp) => each(e, Some(fp))?,
                Print::Saved(at) => {
                    let r = file.as_mut().ok_or_else(|| anyhow!("a saved fingerprint without its file"))?;
                    each(e, Some(&r.read(*at)?))?;
                }
                Print::Spilled(at) => {
                    let r = spill.as_mut().ok_or_else(|| anyhow!("a fingerprint written out without its file"))?;
                    each(e, Some(&r.read(*at)?))?;
                }
            }
        }
        Ok(())
    }

    /// The fingerprints of `entries` (each of which has one), in their order: references to
    /// those in memory, and to those in a file, which are read into `arena`.
    fn prints<'a>(&self, entries: &[&'a Entry], arena: &'a mut Vec<Fingerprint>) -> Result<Vec<&'a Fingerprint>> {
        arena.clear();
        let in_file = |e: &&Entry| matches!(e.print, Print::Saved(_) | Print::Spilled(_));
        self.each_print(entries.iter().copied().filter(in_file), |_, fp| {
            arena.extend(fp.cloned());
            Ok(())
        })?;
        let arena: &'a Vec<Fingerprint> = arena;
        let mut saved = arena.iter();
        entries
            .iter()
            .map(|e| match &e.print {
                Print::Held(fp) => Some(&**fp),
                Print::Saved(_) | Print::Spilled(_) => saved.next(),
                Print::None => None,
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| anyhow!("an article without a fingerprint among those grouped"))
    }

    /// Groups every article again (see [`Stories::groups`]). Holds every fingerprint while it
    /// does: the one step whose memory grows with the archive's sketches.
    fn group_all(&mut self) -> Result<()> {
        self.flush_spill()?;
        let mut entries: Vec<&Entry> = self.entries.values().filter(|e| e.has_print()).collect();
        // Read in the file's order, then put earliest first.
        let mut arena = Vec::new();
        let fps = self.prints(&entries, &mut arena)?;
        let mut order: Vec<u32> = (0..entries.len() as u32).collect();
        order.sort_by(|&a, &b| entries[a as usize].key().cmp(&entries[b as usize].key()));
        let fps: Vec<&Fingerprint> = order.iter().map(|&i| fps[i as usize]).collect();
        entries = order.iter().map(|&i| entries[i as usize]).collect();
        let buckets = Buckets::of(&fps);
        let mut leader: Vec<u32> = (0..entries.len() as u32).collect();
        let mut cands: Vec<u32> = Vec::new();
        for i in 0..entries.len() {
            // Only leaders can lead: the others are left out before the candidates are sorted.
            buckets.earlier(i as u32, |j| leader[j as usize] == j, &mut cands);
            let best = best_leader(fps[i], cands.iter().map(|&j| (j, fps[j as usize])));
            if let Some(j) = best {
                leader[i] = j;
            }
        }
        let leaders: Vec<(Box<str>, Option<Box<str>>)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), (leader[i] as usize != i).then(|| entries[leader[i] as usize].id.clone())))
            .collect();
        for e in self.entries.values_mut() {
            e.leader = None;
        }
        for (id, l) in leaders {
            if let Some(e) = self.entries.get_mut(&id) {
                e.leader = l;
            }
        }
        Ok(())
    }

    /// Places the articles added since the last grouping and the grouped ones dated after the
    /// earliest of them (see [`Stories::groups`]); `false` when the whole must be regrouped.
    /// Reads the other articles' fingerprints once, front to back, keeping only those of the
    /// leaders that share a band with an article placed.
    fn place_added(&mut self) -> Result<bool> {
        self.flush_spill()?;
        if !self.grouped || self.replaced {
            return Ok(false);
        }
        if !self.removed.is_empty() {
            let removed: std::collections::HashSet<&str> = self.removed.iter().map(|r| &**r).collect();
            if self.entries.values().any(|e| e.leader.as_deref().is_some_and(|l| removed.contains(l))) {
                return Ok(false);
            }
        }
        let added: std::collections::HashSet<&str> = self.added.iter().map(|a| &**a).collect();
        let mut new: Vec<&Entry> =
            self.added.iter().filter_map(|id| self.entries.get(id)).filter(|e| e.has_print()).collect();
        new.sort_by(|a, b| a.key().cmp(&b.key()));
        // An id added, dropped and added again is placed once (never as its own candidate).
        new.dedup_by(|a, b| a.id == b.id);
        let Some(first) = new.first().map(|e| (e.date, e.id.clone())) else { return Ok(true) };
        let after = |e: &Entry| e.key() >= (first.0, &*first.1);
        let grouped = || self.entries.values().filter(|e| e.has_print() && !added.contains(&*e.id));
        let again: Vec<&Entry> = grouped().filter(|e| after(e)).collect();
        if again.len() > self.place_again_limit.unwrap_or(MAX_PLACED_AGAIN) {
            return Ok(false);
        }
        if !again.is_empty() {
            new.extend(again);
            new.sort_by(|a, b| a.key().cmp(&b.key()));
        }
        let placed: Vec<Box<str>> = new.iter().map(|e| e.id.clone()).collect();
        let old = || grouped().filter(|e| !after(e));
        let mut arena = Vec::new();
        let new_fps = self.prints(&new, &mut arena)?;
        // The band keys of the new articles, and every article's place in those buckets.
        let mut buckets: HashMap<u64, Bucket> = HashMap::new();
        for (i, fp) in new_fps.iter().enumerate() {
            for band in 0..BANDS {
                let b = buckets.entry(band_key(fp, band)).or_default();
                b.size += 1;
                b.new.push(i as u32);
            }
        }
        // The grouped leaders met in those buckets, with their fingerprints.
        let mut leaders: Vec<(&Entry, Fingerprint)> = Vec::new();
        self.each_print(old(), |e, fp| {
            let Some(fp) = fp else { return Ok(()) };
            let mut kept = None;
            for band in 0..BANDS {
                if let Some(b) = buckets.get_mut(&band_key(fp, band)) {
                    b.size += 1;
                    if e.leader.is_none() {
                        let n = *kept.get_or_insert_with(|| {
                            leaders.push((e, fp.clone()));
                            leaders.len() as u32 - 1
                        });
                        b.old_leaders.push(n);
                    }
                }
            }
            Ok(())
        })?;
        // Earliest first, each new article joins the best leader among the old leaders and
        // the earlier new articles that lead, as `group_all` would.
        let mut follows: Vec<bool> = vec![false; new.len()];
        let mut chosen: Vec<(Box<str>, Box<str>)> = Vec::new();
        for (i, (e, fp)) in new.iter().zip(&new_fps).enumerate() {
            let mut old_cands: Vec<u32> = Vec::new();
            let mut new_cands: Vec<u32> = Vec::new();
            for band in 0..BANDS {
                let Some(b) = buckets.get(&band_key(fp, band)) else { continue };
                if b.size <= 1 || b.size > MAX_BUCKET {
                    continue;
                }
                old_cands.extend(b.old_leaders.iter().copied());
                new_cands.extend(b.new.iter().copied().filter(|&j| (j as usize) < i && !follows[j as usize]));
            }
            old_cands.sort_by(|&a, &b| leaders[a as usize].0.key().cmp(&leaders[b as usize].0.key()));
            old_cands.dedup();
            new_cands.sort_unstable();
            new_cands.dedup();
            // Candidates numbered earliest first: the old ones, then the new ones.
            let cands: Vec<(&Entry, &Fingerprint)> = old_cands
                .iter()
                .map(|&n| (leaders[n as usize].0, &leaders[n as usize].1))
                .chain(new_cands.iter().map(|&j| (new[j as usize], new_fps[j as usize])))
                .collect();
            let best = best_leader(fp, cands.iter().enumerate().map(|(n, c)| (n as u32, c.1)));
            if let Some(c) = best.and_then(|n| cands.get(n as usize)) {
                follows[i] = true;
                chosen.push((e.id.clone(), c.0.id.clone()));
            }
        }
        for id in placed {
            if let Some(e) = self.entries.get_mut(&id) {
                e.leader = None;
            }
        }
        for (id, l) in chosen {
            if let Some(e) = self.entries.get_mut(&id) {
                e.leader = Some(l);
            }
        }
        Ok(true)
    }

    /// Writes the fingerprints and the groups into `gisa-stories/` of an index folder (each
    /// file atomically), when anything changed since they were loaded. The fingerprints held
    /// in memory are then let go: the entries point into the new file.
    pub fn save(&mut self, index_dir: &Path) -> Result<()> {
        let dir = index_dir.join(STORIES_DIR);
        if !self.changed && GroupsMap::verify(&dir.join(GROUPS)).is_ok() {
            return Ok(());
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        self.flush_spill()?;
        let groups = self.groups()?;
        let articles = self.entries.len();
        let mut at = Vec::new();
        write_atomic(&dir, FINGERPRINTS, |w| {
            at = self.encode(w)?;
            Ok(())
        })?;
        let path = dir.join(FINGERPRINTS);
        let file = File::open(&path).with_context(|| format!("cannot read {}", path.display()))?;
        for (e, at) in self.entries.values_mut().zip(at) {
            if e.has_print() {
                e.print = Print::Saved(at);
            }
        }
        self.saved = Some(file);
        // Every fingerprint is in the new file now.
        self.spill = None;
        write_atomic(&dir, GROUPS, |w| super::groups::encode(&groups, articles, w))?;
        match fs::remove_file(dir.join(GROUPS_JSON)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(anyhow!("cannot remove {}: {e}", dir.join(GROUPS_JSON).display()));
            }
            _ => {}
        }
        self.changed = false;
        Ok(())
    }

    /// Writes `fingerprints.bin`; the offset of each entry's fingerprint in it, entry by
    /// entry (meaningless for an entry without one).
    fn encode(&self, w: &mut dyn Write) -> Result<Vec<u64>> {
        let mut w = Counted { w, at: 0 };
        let mut used: IndexSet<&str> = IndexSet::new();
        let numbered: Vec<u32> = self
            .entries
            .values()
            .map(|e| used.insert_full(self.files.get_index(e.file as usize).map_or("", |p| p)).0 as u32)
            .collect();
        w.write_all(MAGIC)?;
        w.write_all(&(used.len() as u32).to_le_bytes())?;
        for p in &used {
            put_str(&mut w, p)?;
        }
        w.write_all(&(numbered.len() as u32).to_le_bytes())?;
        let mut offsets = Vec::with_capacity(numbered.len());
        let mut files = numbered.into_iter();
        // Entry by entry, the saved fingerprints read from the old file in its order.
        self.each_print(self.entries.values(), |e, fp| {
            w.write_all(&files.next().unwrap_or(0).to_le_bytes())?;
            put_str(&mut w, &e.id)?;
            put_str(&mut w, self.press(e).unwrap_or(""))?;
            w.write_all(&e.date.to_le_bytes())?;
            match fp {
                None => {
                    offsets.push(0);
                    w.write_all(&[0])?;
                }
                Some(fp) => {
                    w.write_all(&[1])?;
                    offsets.push(w.at);
                    w.write_all(&fp.shingles.to_le_bytes())?;
                    for b in &fp.bins {
                        w.write_all(&b.to_le_bytes())?;
                    }
                }
            }
            put_str(&mut w, e.leader.as_deref().unwrap_or(""))?;
            Ok(())
        })?;
        Ok(offsets)
    }
}

/// A writer that counts the bytes through it.
struct Counted<'w> {
    w: &'w mut dyn Write,
    at: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.w.write(buf)?;
        self.at += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Reads saved fingerprints out of `fingerprints.bin`, buffered: reads at rising offsets go
/// through the file once.
struct PrintReader<'f> {
    r: BufReader<&'f File>,
    /// Where the reader is in the file (`None` before the first read).
    pos: Option<u64>,
}

impl<'f> PrintReader<'f> {
    fn new(file: &'f File) -> PrintReader<'f> {
        PrintReader { r: BufReader::with_capacity(1 << 16, file), pos: None }
    }

    fn read(&mut self, at: u64) -> Result<Fingerprint> {
        use std::io::{Seek, SeekFrom};
        let moved = match self.pos {
            Some(pos) => self.r.seek_relative(at as i64 - pos as i64),
            None => self.r.seek(SeekFrom::Start(at)).map(|_| ()),
        };
        let mut raw = [0u8; PRINT_LEN];
        moved.and_then(|()| self.r.read_exact(&mut raw)).context("cannot read the story fingerprints")?;
        self.pos = Some(at + PRINT_LEN as u64);
        Ok(print_of(&raw))
    }
}

/// The run's temporary file of the fingerprints it added, each [`PRINT_LEN`] bytes as in
/// `fingerprints.bin`, one after another.
#[derive(Debug)]
struct Spill {
    w: BufWriter<File>,
    /// Bytes written (the offset of the next one).
    at: u64,
}

/// Reads a [`Spill`] by offset, without moving the file's cursor (the writer's), a block at a
/// time: reads at rising offsets go through it once.
struct SpillReader<'f> {
    file: &'f File,
    buf: Vec<u8>,
    /// The offset of `buf`'s first byte.
    start: u64,
}

impl<'f> SpillReader<'f> {
    fn new(spill: &'f Spill) -> SpillReader<'f> {
        SpillReader { file: spill.w.get_ref(), buf: Vec::new(), start: 0 }
    }

    fn read(&mut self, at: u64) -> Result<Fingerprint> {
        let held = at >= self.start && at + PRINT_LEN as u64 <= self.start + self.buf.len() as u64;
        if !held {
            self.buf.resize(1 << 16, 0);
            let mut filled = 0;
            while filled < PRINT_LEN {
                let n = self
                    .file
                    .read_at(&mut self.buf[filled..], at + filled as u64)
                    .context("cannot read the story fingerprints back from their temporary file")?;
                if n == 0 {
                    return Err(anyhow!("the temporary file of story fingerprints ends early"));
                }
                filled += n;
            }
            self.buf.truncate(filled);
            self.start = at;
        }
        let from = (at - self.start) as usize;
        let raw: &[u8; PRINT_LEN] =
            self.buf[from..from + PRINT_LEN].try_into().map_err(|_| anyhow!("a short story fingerprint"))?;
        Ok(print_of(raw))
    }
}

/// A fingerprint from its bytes in the file.
fn print_of(raw: &[u8; PRINT_LEN]) -> Fingerprint {
    let mut bins = [0u16; BINS];
    for (b, two) in bins.iter_mut().zip(raw[4..].chunks_exact(2)) {
        *b = u16::from_le_bytes([two[0], two[1]]);
    }
    Fingerprint { shingles: u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]), bins }
}

/// The bucket key of a fingerprint in one band (the band number in the top bits).
fn band_key(fp: &Fingerprint, band: usize) -> u64 {
    let mut key = band as u64;
    for b in &fp.bins[band * ROWS..(band + 1) * ROWS] {
        key = (key << 16) | u64::from(*b);
    }
    key
}

/// The candidate `fp` is a copy of and most similar to (the earliest of equals), by number.
fn best_leader<'a>(fp: &Fingerprint, cands: impl Iterator<Item = (u32, &'a Fingerprint)>) -> Option<u32> {
    cands
        .filter_map(|(j, c)| fingerprint::story_similarity(fp, c).map(|s| (j, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(j, _)| j)
}

/// The band buckets of 2 to [`MAX_BUCKET`] articles (numbered earliest first), and the
/// buckets each article is in: the candidates of an article are the earlier members of its
/// buckets. Kept as two flat lists, a few bytes per article and band it shares, where a
/// list of each article's earlier candidates would grow with the square of the buckets
/// (124 million candidates for 300,000 articles).
#[derive(Debug, Default)]
struct Buckets {
    /// Each bucket's members, ascending, one bucket after another.
    members: Vec<u32>,
    /// Where each bucket starts in `members`, and last where the last one ends.
    starts: Vec<usize>,
    /// Each article's buckets, article after article.
    of: Vec<u32>,
    /// Where each article's buckets start in `of`, and last where the last one ends.
    of_starts: Vec<usize>,
}

impl Buckets {
    /// The buckets of `fps`, band by band: each band's keys sorted, runs of 2 to
    /// [`MAX_BUCKET`] kept.
    fn of(fps: &[&Fingerprint]) -> Buckets {
        let mut b = Buckets::default();
        let mut counts: Vec<usize> = vec![0; fps.len()];
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(fps.len());
        for band in 0..BANDS {
            keys.clear();
            keys.extend(fps.iter().enumerate().map(|(i, fp)| (band_key(fp, band), i as u32)));
            keys.sort_unstable();
            for run in keys.chunk_by(|x, y| x.0 == y.0).filter(|r| r.len() > 1 && r.len() <= MAX_BUCKET) {
                b.starts.push(b.members.len());
                b.members.extend(run.iter().map(|&(_, i)| i));
                for &(_, i) in run {
                    counts[i as usize] += 1;
                }
            }
        }
        b.starts.push(b.members.len());
        // Each article's buckets: counted above, placed by a running sum.
        b.of_starts.reserve(fps.len() + 1);
        let mut at = 0;
        for c in &counts {
            b.of_starts.push(at);
            at += c;
        }
        b.of_starts.push(at);
        let mut next = b.of_starts[..fps.len()].to_vec();
        b.of = vec![0; at];
        for (bucket, w) in b.starts.windows(2).enumerate() {
            for &i in &b.members[w[0]..w[1]] {
                b.of[next[i as usize]] = bucket as u32;
                next[i as usize] += 1;
            }
        }
        b
    }

    /// The members of `i`'s buckets that come before it and that `keep` keeps, ascending and
    /// each once.
    fn earlier(&self, i: u32, keep: impl Fn(u32) -> bool, out: &mut Vec<u32>) {
        out.clear();
        let i_ = i as usize;
        for &bucket in &self.of[self.of_starts[i_]..self.of_starts[i_ + 1]] {
            let members = &self.members[self.starts[bucket as usize]..self.starts[bucket as usize + 1]];
            out.extend(members[..members.partition_point(|&j| j < i)].iter().copied().filter(|&j| keep(j)));
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// A band bucket of the articles being placed: how many articles share it, which new ones,
/// and the grouped articles in it that lead (by number in the list of those met).
#[derive(Default)]
struct Bucket {
    size: usize,
    new: Vec<u32>,
    old_leaders: Vec<u32>,
}

fn put_str(w: &mut dyn Write, s: &str) -> std::io::Result<()> {
    w.write_all(&(s.len() as u32).to_le_bytes())?;
    w.write_all(s.as_bytes())
}

/// A cursor over `fingerprints.bin`, read front to back; every read is checked, and a
/// length is never trusted beyond what the file can hold.
struct Input<R> {
    r: R,
    at: u64,
    len: u64,
}

impl<R: Read> Input<R> {
    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut b = [0u8; N];
        self.r.read_exact(&mut b).ok()?;
        self.at += N as u64;
        Some(b)
    }
    fn u32(&mut self) -> Option<u32> {
        self.bytes().map(u32::from_le_bytes)
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as u64;
        if n > self.len.saturating_sub(self.at) {
            return None;
        }
        let mut s = Vec::with_capacity(n as usize);
        (&mut self.r).take(n).read_to_end(&mut s).ok()?;
        self.at += n;
        String::from_utf8(s).ok().filter(|s| s.len() as u64 == n)
    }
    /// The offset of the fingerprint that starts here, skipped.
    fn print(&mut self) -> Option<u64> {
        let at = self.at;
        self.bytes::<PRINT_LEN>()?;
        Some(at)
    }
}

/// The entries of a `fingerprints.bin` of `len` bytes, their fingerprints left in the file.
fn decode(r: impl Read, len: u64) -> Option<Stories> {
    let mut r = Input { r, at: 0, len };
    let v2 = match &r.bytes::<8>()? {
        m if m == MAGIC => true,
        m if m == MAGIC_V1 => false,
        _ => return None,
    };
    let mut stories = Stories::new();
    let files = r.u32()? as usize;
    let mut paths = Vec::with_capacity(files.min(len as usize / 4));
    for _ in 0..files {
        paths.push(r.str()?);
    }
    let n = r.u32()? as usize;
    stories.entries.reserve(n.min(len as usize / 21));
    for _ in 0..n {
        let file = r.u32()? as usize;
        let path = paths.get(file)?;
        let id = r.str()?;
        let press = Some(r.str()?).filter(|p| !p.is_empty());
        let date = i64::from_le_bytes(r.bytes()?);
        let print = match r.bytes::<1>()? {
            [0] => Print::None,
            [1] => Print::Saved(r.print()?),
            _ => return None,
        };
        let leader = if v2 { Some(r.str()?).filter(|l| !l.is_empty()).map(Into::into) } else { None };
        stories.put(&id, path, press.as_deref(), date, print, leader);
    }
    if r.at != len || r.bytes::<1>().is_some() {
        return None;
    }
    // Leaders name articles of the file (else it is regrouped whole).
    stories.grouped =
        v2 && stories.entries.values().all(|e| e.leader.as_deref().is_none_or(|l| stories.entries.contains_key(l)));
    Some(stories)
}

/// Writes `dir/name` through a temporary file in `dir`, fsynced and renamed over it.
fn write_atomic(dir: &Path, name: &str, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    let mut w = BufWriter::new(tmp);
    fill(&mut w).with_context(|| format!("cannot write {}", dir.join(name).display()))?;
    let tmp = w.into_inner().map_err(|e| anyhow!("cannot write {}: {}", dir.join(name).display(), e.error()))?;
    tmp.as_file().sync_all()?;
    tmp.persist(dir.join(name)).map_err(|e| anyhow!("cannot write {}: {}", dir.join(name).display(), e.error))?;
    Ok(())
}

/// The story groups of an index, for readers: article id → its group.
#[derive(Debug, Default)]
pub struct StoryIndex {
    table: Table,
    /// Whether the index has story files at all (an index made before gisa kept stories
    /// has none until its next `gisa index` run).
    pub present: bool,
}

#[derive(Debug, Default)]
enum Table {
    #[default]
    Empty,
    /// Groups in memory: given, or read from an older index's `groups.json`.
    Owned { groups: Vec<Group>, by_id: HashMap<String, usize> },
    /// `groups.bin`, looked up in place.
    Mapped(GroupsMap),
}

impl StoryIndex {
    /// Opens `gisa-stories/groups.bin` of an index folder (or the `groups.json` of an older
    /// one); no groups when neither exists. Opening reads nothing but the file's tables'
    /// bounds: a lookup reads the pages it needs.
    pub fn open(index_dir: &Path) -> Result<StoryIndex> {
        let dir = index_dir.join(STORIES_DIR);
        let path = dir.join(GROUPS);
        let damaged = |path: &Path, e: &dyn std::fmt::Display| {
            anyhow!("{} is damaged ({e}); run `gisa index` on the folder again to rebuild it", path.display())
        };
        match GroupsMap::open(&path) {
            Ok(map) => return Ok(StoryIndex { table: Table::Mapped(map), present: true }),
            Err(e) if path.is_file() => return Err(damaged(&path, &e)),
            Err(_) => {}
        }
        let path = dir.join(GROUPS_JSON);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(StoryIndex::default()),
            Err(e) => return Err(anyhow!("cannot read {}: {e}", path.display())),
        };
        let file: GroupsFile = serde_json::from_slice(&bytes).map_err(|e| damaged(&path, &e))?;
        Ok(StoryIndex::of_groups(file.groups))
    }

    /// The index of these groups (story files present).
    pub fn of_groups(groups: Vec<Group>) -> StoryIndex {
        let mut by_id = HashMap::new();
        for (n, g) in groups.iter().enumerate() {
            for m in &g.members {
                by_id.insert(m.id.clone(), n);
            }
        }
        StoryIndex { table: Table::Owned { groups, by_id }, present: true }
    }

    /// The number of an article's group, `None` when it has no copies.
    pub fn number(&self, id: &str) -> Option<usize> {
        match &self.table {
            Table::Empty => None,
            Table::Owned { by_id, .. } => by_id.get(id).copied(),
            Table::Mapped(m) => m.number(id),
        }
    }

    /// The group of an article, `None` when it has no copies.
    pub fn group(&self, id: &str) -> Option<Group> {
        let n = self.number(id)?;
        match &self.table {
            Table::Empty => None,
            Table::Owned { groups, .. } => groups.get(n).cloned(),
            Table::Mapped(m) => m.group(n),
        }
    }

    /// The story an article belongs to: its group's id, or its own.
    pub fn story(&self, id: &str) -> String {
        self.group(id).map_or_else(|| id.to_owned(), |g| g.story)
    }

    /// Every group, in order (read whole).
    pub fn groups(&self) -> Vec<Group> {
        match &self.table {
            Table::Empty => Vec::new(),
            Table::Owned { groups, .. } => groups.clone(),
            Table::Mapped(m) => (0..m.len()).filter_map(|n| m.group(n)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(body: &str, press: &str) -> Article {
        Article {
            id: None,
            line: None,
            title: String::new(),
            subtitles: Vec::new(),
            body: body.to_owned(),
            date: None,
            press: Some(press.to_owned()),
            reporter: None,
            reporters: Vec::new(),
            email: None,
            url: None,
            category: None,
            layout: "generic".to_owned(),
        }
    }

    const BODY: &str = "한국은행 금융통화위원회는 11일 통화정책방향 회의를 열고 기준금리를 연 3.50%로 동결했다. \
        이번 동결로 기준금리는 열두 차례 연속 같은 수준을 유지하게 됐다. \
        금통위는 물가 상승률이 둔화하고 있지만 가계부채 증가세와 환율 변동성을 고려해 신중한 입장을 유지했다고 설명했다. \
        시장에서는 하반기 금리 인하 가능성에 주목하고 있다.";
    const OTHER: &str = "삼성전자가 2분기 반도체 부문에서 영업이익 6조원을 넘기며 시장 예상을 웃돌았다. \
        고대역폭메모리 판매가 늘고 메모리 가격이 오른 것이 실적을 끌어올렸다. \
        회사는 하반기에도 인공지능 서버 수요가 이어질 것으로 내다봤다.";

    /// A 연합뉴스 article `a` and its 뉴스1 copy `b`.
    fn a_story() -> Stories {
        let mut s = Stories::new();
        s.add("a", "a.txt", &article(BODY, "연합뉴스"));
        s.add("b", "b.txt", &article(&format!("(서울=뉴스1) 홍길동 기자 = {BODY}"), "뉴스1"));
        s
    }

    #[test]
    fn copies_group_and_survive_a_save_and_a_load() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = a_story();
        s.add("c", "c.txt", &article(OTHER, "한겨레"));
        s.save(dir.path()).unwrap();
        let ix = StoryIndex::open(dir.path()).unwrap();
        let g = ix.group("b").unwrap();
        assert_eq!(g.members.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(ix.story("b"), ix.story("a"));
        assert!(ix.group("c").is_none());
        assert_eq!(ix.story("c"), "c");

        let mut again = Stories::load(dir.path());
        assert_eq!(again.len(), 3);
        assert_eq!(again.groups().unwrap(), s.groups().unwrap());
        again.drop_file("b.txt");
        again.save(dir.path()).unwrap();
        assert!(StoryIndex::open(dir.path()).unwrap().group("a").is_none());
    }

    #[test]
    fn fingerprints_added_are_written_out_and_group_and_save_as_held_ones() {
        let (held_dir, spilled_dir) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut held = Stories::new();
        let mut spilled = Stories::in_dir(spilled_dir.path());
        for s in [&mut held, &mut spilled] {
            for i in 0..300 {
                // Stories of three copies each, and a few alone, over several 64 KiB blocks.
                let body = format!("{i}번째 이야기. {}", if i % 7 == 0 { OTHER } else { BODY });
                let body = if i % 3 == 0 { body } else { format!("{} {body}", i / 3) };
                s.add(&format!("n{i}"), &format!("n{i}.txt"), &article(&body, "뉴스"));
            }
        }
        assert!(held.entries.values().all(|e| matches!(e.print, Print::Held(_))));
        assert!(spilled.entries.values().all(|e| matches!(e.print, Print::Spilled(_))));
        assert_eq!(spilled.spill.as_ref().map(|s| s.at), Some(300 * PRINT_LEN as u64));
        // Read back in another order than written (a grouping reads earliest first).
        let mut back = Vec::new();
        spilled.flush_spill().unwrap();
        spilled
            .each_print(spilled.entries.values().rev(), |e, fp| {
                back.push((e.id.clone(), fp.cloned()));
                Ok(())
            })
            .unwrap();
        let mut want = Vec::new();
        held.each_print(held.entries.values().rev(), |e, fp| {
            want.push((e.id.clone(), fp.cloned()));
            Ok(())
        })
        .unwrap();
        assert_eq!(back, want);
        held.save(held_dir.path()).unwrap();
        spilled.save(spilled_dir.path()).unwrap();
        assert!(spilled.spill.is_none(), "saved: the temporary file is let go");
        assert!(spilled.entries.values().all(|e| matches!(e.print, Print::Saved(_))));
        let file = |d: &Path| fs::read(d.join(STORIES_DIR).join(FINGERPRINTS)).unwrap();
        assert_eq!(file(held_dir.path()), file(spilled_dir.path()));
        assert_eq!(held.groups().unwrap(), spilled.groups().unwrap());
        assert!(!held.groups().unwrap().is_empty());
        // Nothing is left in the index folder but the story files.
        let names: Vec<_> = fs::read_dir(spilled_dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [STORIES_DIR]);
    }

    #[test]
    fn an_older_index_s_groups_json_is_read_and_replaced_by_groups_bin() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = a_story();
        s.save(dir.path()).unwrap();
        let groups = s.groups().unwrap();
        assert_eq!(groups.len(), 1);
        // The index as an older gisa left it: groups.json only.
        let stories = dir.path().join(STORIES_DIR);
        fs::remove_file(stories.join(GROUPS)).unwrap();
        let file = GroupsFile { version: 1, articles: 2, groups: groups.clone() };
        fs::write(stories.join(GROUPS_JSON), serde_json::to_vec(&file).unwrap()).unwrap();
        let old = StoryIndex::open(dir.path()).unwrap();
        assert_eq!((old.present, old.groups()), (true, groups.clone()));
        assert_eq!(old.story("b"), "a");
        assert!(!Stories::exist(dir.path()), "the next run writes groups.bin");
        let mut again = Stories::load(dir.path());
        again.changed = true;
        again.save(dir.path()).unwrap();
        assert!(Stories::exist(dir.path()) && !stories.join(GROUPS_JSON).exists());
        assert_eq!(StoryIndex::open(dir.path()).unwrap().groups(), groups);
        // A damaged groups.bin is an error that names it, never a panic, and the next run
        // (which finds no readable groups) writes it again.
        fs::write(stories.join(GROUPS), b"GISAGRP1\x05").unwrap();
        let err = StoryIndex::open(dir.path()).unwrap_err().to_string();
        assert!(err.contains("groups.bin is damaged") && err.contains("gisa index"), "{err}");
        assert!(!Stories::exist(dir.path()));
        Stories::load(dir.path()).save(dir.path()).unwrap();
        assert_eq!(StoryIndex::open(dir.path()).unwrap().groups(), groups);
    }

    /// Real sentences: those of the demo corpus's text articles.
    fn sentences() -> Vec<String> {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut out = Vec::new();
        for dir in ["naver", "daum", "press"] {
            let mut files: Vec<_> = fs::read_dir(corpus.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
            files.sort();
            for f in files {
                let text = fs::read_to_string(f).unwrap();
                out.extend(
                    text.split_inclusive("다.").map(str::trim).filter(|s| s.chars().count() >= 25).map(str::to_owned),
                );
            }
        }
        out
    }

    /// Articles over `days` days: six stories a day, each of four sentences of its own, run
    /// by three outlets over two days (a wire copy with its dateline, a copy, a re-edit
    /// without the last sentence and with a line added).
    fn archive(days: usize) -> Vec<(String, i64, String)> {
        let pool = sentences();
        assert!(pool.len() >= days * 6 * 4, "{} sentences", pool.len());
        let mut out = Vec::new();
        for day in 0..days {
            for story in 0..6 {
                let at = (day * 6 + story) * 4;
                let text = pool[at..at + 4].join(" ");
                let secs = 1_720_000_000 + day as i64 * 86_400 + story as i64 * 60;
                let id = |kind: &str| format!("d{day}-s{story}-{kind}");
                out.push((id("wire"), secs, format!("(서울=연합뉴스) 김기자 기자 = {text}")));
                out.push((id("copy"), secs + 3_600, text.clone()));
                let cut = pool[at..at + 3].join(" ");
                out.push((id("next"), secs + 86_400 + 30, format!("{cut} 관련 기사가 이어진다.")));
            }
        }
        out
    }

    fn stories_of(articles: &[(String, i64, String)]) -> Stories {
        let mut s = Stories::new();
        for (id, date, body) in articles {
            s.insert(id, &format!("{id}.txt"), Some("뉴스"), *date, Fingerprint::of(body));
        }
        s
    }

    #[test]
    fn placing_new_articles_groups_them_as_a_whole_regrouping_does() {
        let mut all = archive(4);
        // Up to the middle of day 2, then the rest: some of the new join old stories.
        all.sort_by_key(|a| a.1);
        let (old, new) = all.split_at(all.len() / 2);
        assert!(new.iter().any(|a| a.0.starts_with("d1-")) && new.iter().any(|a| a.0.starts_with("d2-")));
        let whole = stories_of(&all).groups().unwrap();
        // Every story is one group led by its wire copy (the re-edit of a short one may
        // fall below the thresholds and stand alone).
        assert_eq!(whole.len(), 24, "{whole:?}");
        assert!(whole.iter().all(|g| g.members.len() >= 2 && g.story.ends_with("-wire")), "{whole:?}");
        assert!(whole.iter().filter(|g| g.members.len() == 3).count() >= 20, "{whole:?}");

        let dir = tempfile::tempdir().unwrap();
        let mut first = stories_of(old);
        first.save(dir.path()).unwrap();
        let mut later = Stories::load(dir.path());
        assert!(later.grouped, "leaders are kept in the file");
        for (id, date, body) in new {
            later.insert(id, &format!("{id}.txt"), Some("뉴스"), *date, Fingerprint::of(body));
        }
        assert!(later.place_added().unwrap(), "today's articles are placed, not regrouped");
        later.save(dir.path()).unwrap();
        assert_eq!(StoryIndex::open(dir.path()).unwrap().groups(), whole);
        assert_eq!(Stories::load(dir.path()).groups().unwrap(), whole);
    }

    #[test]
    fn an_older_article_places_those_after_it_again_or_regroups_the_whole() {
        let all = archive(4);
        let dir = tempfile::tempdir().unwrap();
        // Every article but one of the first day, then that one.
        let late = all.iter().position(|a| a.0 == "d0-s2-copy").unwrap();
        let without: Vec<_> = all.iter().enumerate().filter(|(i, _)| *i != late).map(|(_, a)| a.clone()).collect();
        stories_of(&without).save(dir.path()).unwrap();
        let (id, date, body) = &all[late];
        let want = stories_of(&all).groups().unwrap();
        // The articles after it are placed again; with a lower limit, everything is regrouped.
        for (limit, placed) in [(None, true), (Some(10), false)] {
            let mut s = Stories::load(dir.path());
            s.place_again_limit = limit;
            s.insert(id, &format!("{id}.txt"), Some("뉴스"), *date, Fingerprint::of(body));
            assert_eq!(s.place_added().unwrap(), placed, "limit {limit:?}");
            if !placed {
                s.group_all().unwrap();
            }
            assert_eq!(s.collect_groups(), want, "limit {limit:?}");
        }
        let mut s = Stories::load(dir.path());
        s.insert(id, &format!("{id}.txt"), Some("뉴스"), *date, Fingerprint::of(body));
        assert_eq!(s.groups().unwrap(), want);

        // The wire copy that leads its story is deleted: its copies are regrouped.
        s.save(dir.path()).unwrap();
        let mut s = Stories::load(dir.path());
        s.drop_file("d1-s0-wire.txt");
        assert!(!s.place_added().unwrap());
        let rest: Vec<_> = all.iter().filter(|a| a.0 != "d1-s0-wire").cloned().collect();
        let want = stories_of(&rest).groups().unwrap();
        assert_eq!(s.groups().unwrap(), want);
        assert!(want.iter().any(|g| g.members.iter().any(|m| m.id == "d1-s0-copy")), "{want:?}");
        // A copy that follows (not leads) is just left out.
        s.save(dir.path()).unwrap();
        let mut s = Stories::load(dir.path());
        s.drop_file("d2-s3-copy.txt");
        assert!(s.place_added().unwrap());
        let rest: Vec<_> = rest.into_iter().filter(|a| a.0 != "d2-s3-copy").collect();
        assert_eq!(s.groups().unwrap(), stories_of(&rest).groups().unwrap());
    }

    #[test]
    fn an_article_dated_in_the_future_is_placed_again_by_each_run_not_regrouped_around() {
        // A copy of a day-3 story dated 2060 by mistake arrives with days 0-1; its wire
        // original comes with days 2-3 and, earlier, becomes its leader, as a whole
        // regrouping makes it.
        let mut all = archive(4);
        let typo = all.iter().position(|a| a.0 == "d3-s0-copy").unwrap();
        all[typo].1 = 2_840_000_000;
        let day = |a: &(String, i64, String), days: &[&str]| days.iter().any(|d| a.0.starts_with(d));
        let first: Vec<_> = all.iter().filter(|a| day(a, &["d0-", "d1-"]) || a.0 == "d3-s0-copy").cloned().collect();
        let dir = tempfile::tempdir().unwrap();
        stories_of(&first).save(dir.path()).unwrap();
        let mut so_far = first;
        for days in [["d2-"], ["d3-"]] {
            let mut s = Stories::load(dir.path());
            for (id, date, body) in all.iter().filter(|a| day(a, &days) && a.0 != "d3-s0-copy") {
                s.insert(id, &format!("{id}.txt"), Some("뉴스"), *date, Fingerprint::of(body));
                so_far.push((id.clone(), *date, body.clone()));
            }
            assert!(s.place_added().unwrap(), "{days:?}: placed, not regrouped");
            s.save(dir.path()).unwrap();
            assert_eq!(Stories::load(dir.path()).groups().unwrap(), stories_of(&so_far).groups().unwrap(), "{days:?}");
        }
        let groups = StoryIndex::open(dir.path()).unwrap();
        assert_eq!(groups.story("d3-s0-copy"), "d3-s0-wire");
    }

    #[test]
    fn a_file_from_before_leaders_were_kept_is_regrouped_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = stories_of(&archive(2));
        s.save(dir.path()).unwrap();
        let path = dir.path().join(STORIES_DIR).join(FINGERPRINTS);
        // Rewrite it in the first format: the same entries without leaders.
        let v2 = Stories::load(dir.path());
        let mut v1 = Vec::new();
        v2.encode(&mut v1).unwrap();
        let mut r = Input { r: &v1[MAGIC.len()..], at: MAGIC.len() as u64, len: v1.len() as u64 };
        let mut out = MAGIC_V1.to_vec();
        let files = r.u32().unwrap();
        out.extend_from_slice(&files.to_le_bytes());
        for _ in 0..files {
            put_str(&mut out, &r.str().unwrap()).unwrap();
        }
        let n = r.u32().unwrap();
        out.extend_from_slice(&n.to_le_bytes());
        for _ in 0..n {
            out.extend_from_slice(&r.bytes::<4>().unwrap());
            put_str(&mut out, &r.str().unwrap()).unwrap();
            put_str(&mut out, &r.str().unwrap()).unwrap();
            out.extend_from_slice(&r.bytes::<8>().unwrap());
            let has = r.bytes::<1>().unwrap();
            out.extend_from_slice(&has);
            if has == [1] {
                out.extend_from_slice(&r.bytes::<PRINT_LEN>().unwrap());
            }
            r.str().unwrap();
        }
        fs::write(&path, out).unwrap();
        let mut old = Stories::load(dir.path());
        assert_eq!(old.len(), s.len());
        assert!(!old.grouped && !old.place_added().unwrap());
        assert_eq!(old.groups().unwrap(), s.groups().unwrap());
    }

    /// Fingerprints with bins of their own but for bands shared by many: band 0 by 250
    /// (over [`MAX_BUCKET`]), band 1 by every third (150), band 2 by sevens, band 3 by pairs.
    fn crowded() -> Vec<Fingerprint> {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        (0..450u32)
            .map(|k| {
                let mut fp = Fingerprint { shingles: 100, bins: [0; BINS] };
                for b in fp.bins.iter_mut() {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *b = x as u16;
                }
                let mut set = |band: usize, v: u16| fp.bins[band * ROWS..(band + 1) * ROWS].fill(v);
                if k < 250 {
                    set(0, 1);
                }
                if k % 3 == 0 {
                    set(1, 2);
                }
                set(2, (k / 7) as u16);
                set(3, (k / 2) as u16);
                fp
            })
            .collect()
    }

    #[test]
    fn bucket_lists_give_the_candidates_a_list_per_article_gives() {
        let fps = crowded();
        let fps: Vec<&Fingerprint> = fps.iter().collect();
        // The definition: every bucket of 2 to MAX_BUCKET, its members before each later one.
        let mut want: Vec<Vec<u32>> = vec![Vec::new(); fps.len()];
        for band in 0..BANDS {
            let mut buckets: HashMap<u64, Vec<u32>> = HashMap::new();
            for (i, fp) in fps.iter().enumerate() {
                buckets.entry(band_key(fp, band)).or_default().push(i as u32);
            }
            for m in buckets.values().filter(|m| m.len() > 1 && m.len() <= MAX_BUCKET) {
                for (k, &later) in m.iter().enumerate().skip(1) {
                    want[later as usize].extend_from_slice(&m[..k]);
                }
            }
        }
        let buckets = Buckets::of(&fps);
        let mut got = Vec::new();
        for (i, w) in want.iter_mut().enumerate() {
            w.sort_unstable();
            w.dedup();
            buckets.earlier(i as u32, |_| true, &mut got);
            assert_eq!(&got, w, "article {i}");
        }
        // The crowded bands are there (every third of the first 300 articles) and the
        // overfull one is not (article 1 has only its pair's and its seven's).
        assert_eq!(want[300].iter().filter(|&&j| j % 3 == 0).count(), 100);
        assert_eq!(want[1], [0]);
        assert!(want.iter().map(Vec::len).sum::<usize>() > 10_000);
    }

    #[test]
    fn a_loaded_archive_keeps_its_fingerprints_in_the_file_until_a_grouping_reads_them() {
        let all = archive(4);
        let (old, new) = all.split_at(all.len() / 2);
        let dir = tempfile::tempdir().unwrap();
        let mut first = stories_of(old);
        assert!(first.entries.values().all(|e| matches!(e.print, Print::Held(_))));
        first.save(dir.path()).unwrap();
        // Saving lets go of the fingerprints: the entries point into the file just written.
        assert!(first.entries.values().all(|e| matches!(e.print, Print::Saved(_))));
        let mut later = Stories::load(dir.path());
        assert!(later.entries.values().all(|e| matches!(e.print, Print::Saved(_))));
        // Each saved fingerprint reads back as the one computed from its text.
        let mut read = Vec::new();
        later
            .each_print(later.entries.values(), |e, fp| {
                read.extend(fp.map(|fp| (e.id.to_string(), fp.clone())));
                Ok(())
            })
            .unwrap();
        let want: Vec<_> = old.iter().map(|(id, _, body)| (id.clone(), Fingerprint::of(body).unwrap())).collect();
        assert_eq!(read, want);
        for (id, date, body) in new {
            later.insert(id, &format!("{id}.txt"), Some("뉴스"), *date, Fingerprint::of(body));
        }
        later.save(dir.path()).unwrap();
        assert_eq!(later.groups().unwrap(), stories_of(&all).groups().unwrap());
        // A fingerprint file cut short under a loaded archive is an error, not a panic.
        let mut s = Stories::load(dir.path());
        s.replaced = true;
        fs::write(dir.path().join(STORIES_DIR).join(FINGERPRINTS), b"GISAFP02").unwrap();
        let err = s.groups().unwrap_err();
        assert!(format!("{err:#}").contains("cannot read the story fingerprints"), "{err:#}");
    }

    #[test]
    fn a_damaged_fingerprint_file_reads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Stories::new();
        s.add("a", "a.txt", &article(BODY, "연합뉴스"));
        s.save(dir.path()).unwrap();
        let path = dir.path().join(STORIES_DIR).join(FINGERPRINTS);
        let bytes = fs::read(&path).unwrap();
        for cut in [0, 5, 12, bytes.len() - 1] {
            fs::write(&path, &bytes[..cut]).unwrap();
            assert!(Stories::load(dir.path()).is_empty(), "cut at {cut}");
        }
    }
}
