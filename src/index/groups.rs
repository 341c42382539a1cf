//! `gisa-stories/groups.bin`: the story groups of an index, laid out for lookups without
//! reading the whole file.
//!
//! Every `gisa search` marks each hit's story, and a search with `--collapse` asks the story
//! of every hit it examines: a handful of lookups. Parsing the groups whole (a JSON file of
//! 5.7 MB and 66,185 members on the 100,000-article benchmark index) took three quarters of a
//! search process. This file is memory-mapped and searched in place: a table of members
//! sorted by article id (binary search), a table of groups, and the strings they point into.
//! Only the pages a lookup touches are read.
//!
//! Layout (little-endian `u32`s; offsets into the string area, which ends the file):
//!
//! ```text
//! "GISAGRP1" articles groups lookup
//! lookup × (id offset, id length, group)               every member, sorted by id bytes
//! groups × (story offset, story length, first, count)  its members: first .. first + count
//! members
//! members × (id offset, id length)                     members numbered group by group,
//! members × (press offset, press length)               earliest first; length u32::MAX: no press
//! strings
//! ```
//!
//! Opening checks what does not grow with the archive: the magic, the tables' bounds, and
//! that the strings the encoder wrote last (the last member's, the last group's) end inside
//! the file, which catches a cut file. Every lookup is bounds-checked where it reads, so an
//! entry damaged inside reads as no group, never out of bounds; `gisa index` checks every
//! entry ([`GroupsMap::verify`]) and rebuilds a damaged file. Hand-written because it is four tables and a binary search: an embedded
//! key-value store would be a dependency larger than the job.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow, bail};

use super::stories::{Group, Member};

const MAGIC: &[u8; 8] = b"GISAGRP1";
const HEADER: usize = 8 + 3 * 4;
const NO_PRESS: u32 = u32::MAX;

/// Writes `groups` (of an index of `articles` articles) in the file's layout to `w`.
pub fn encode(groups: &[Group], articles: usize, w: &mut dyn Write) -> Result<()> {
    let mut strings: Vec<u8> = Vec::new();
    let mut interned: HashMap<&str, (u32, u32)> = HashMap::new();
    let intern = |s: &'_ str, strings: &mut Vec<u8>| -> Result<(u32, u32)> {
        let off = u32::try_from(strings.len()).map_err(|_| anyhow!("story groups too large"))?;
        let len = u32::try_from(s.len()).map_err(|_| anyhow!("story groups too large"))?;
        strings.extend_from_slice(s.as_bytes());
        Ok((off, len))
    };
    // Members in group order, numbered as they come.
    let mut members: Vec<(&Member, u32)> = Vec::new();
    let mut group_rows: Vec<[u32; 4]> = Vec::with_capacity(groups.len());
    for (n, g) in groups.iter().enumerate() {
        let (so, sl) = intern(&g.story, &mut strings)?;
        let first = u32::try_from(members.len())?;
        for m in &g.members {
            members.push((m, u32::try_from(n)?));
        }
        group_rows.push([so, sl, first, u32::try_from(g.members.len())?]);
    }
    let mut ids: Vec<(u32, u32)> = Vec::with_capacity(members.len());
    let mut press: Vec<(u32, u32)> = Vec::with_capacity(members.len());
    for (m, _) in &members {
        ids.push(intern(&m.id, &mut strings)?);
        press.push(match &m.press {
            None => (0, NO_PRESS),
            Some(p) => match interned.get(p.as_str()) {
                Some(&span) => span,
                None => {
                    let span = intern(p, &mut strings)?;
                    interned.insert(p, span);
                    span
                }
            },
        });
    }
    // The lookup table: members sorted by id (an id in two groups keeps the later one, as
    // the map it replaces did).
    let mut sorted: Vec<u32> = (0..u32::try_from(members.len())?).collect();
    sorted.sort_by(|&a, &b| members[a as usize].0.id.cmp(&members[b as usize].0.id).then(a.cmp(&b)));
    sorted.dedup_by(|later, earlier| {
        let same = members[*later as usize].0.id == members[*earlier as usize].0.id;
        if same {
            *earlier = *later;
        }
        same
    });
    // Straight to `w` (a buffered file): the tables in the order of the layout above.
    w.write_all(MAGIC)?;
    let mut put = |v: u32| w.write_all(&v.to_le_bytes());
    for v in [u32::try_from(articles).unwrap_or(u32::MAX), u32::try_from(groups.len())?, u32::try_from(sorted.len())?] {
        put(v)?;
    }
    for &m in &sorted {
        let (off, len) = ids[m as usize];
        for v in [off, len, members[m as usize].1] {
            put(v)?;
        }
    }
    for row in &group_rows {
        for &v in row {
            put(v)?;
        }
    }
    put(u32::try_from(members.len())?)?;
    for &(off, len) in ids.iter().chain(&press) {
        put(off)?;
        put(len)?;
    }
    w.write_all(&strings)?;
    Ok(())
}

/// A mapped groups file, checked when opened.
#[derive(Debug)]
pub struct GroupsMap {
    map: memmap2::Mmap,
    groups: usize,
    lookup: usize,
    members: usize,
    /// Byte offsets of the tables.
    groups_at: usize,
    ids_at: usize,
    press_at: usize,
    strings_at: usize,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map_or(0, |s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

impl GroupsMap {
    /// Maps the file at `path` and checks its tables' bounds (its header: nothing that grows
    /// with the archive, so a `gisa search` opens a million articles' groups as fast as a
    /// hundred). Each lookup is bounds-checked where it reads: an entry pointing outside the
    /// file reads as no group, never as a panic; [`GroupsMap::verify`] finds such entries.
    pub fn open(path: &Path) -> Result<GroupsMap> {
        let file = fs::File::open(path)?;
        // SAFETY: the file is only ever replaced by a rename, never written in place, so the
        // mapped bytes do not change under the reader.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        GroupsMap::check(map)
    }

    /// [`GroupsMap::open`], and every entry checked: what `gisa index` asks before it keeps a
    /// file rather than writing it again.
    pub fn verify(path: &Path) -> Result<GroupsMap> {
        let g = GroupsMap::open(path)?;
        g.check_entries()?;
        Ok(g)
    }

    fn check(map: memmap2::Mmap) -> Result<GroupsMap> {
        let b: &[u8] = &map;
        if b.len() < HEADER || &b[..8] != MAGIC {
            bail!("not a groups file");
        }
        let groups = u32_at(b, 12) as usize;
        let lookup = u32_at(b, 16) as usize;
        let groups_at = HEADER + lookup * 12;
        let members_at = groups_at + groups * 16;
        let members = u32_at(b, members_at) as usize;
        let ids_at = members_at + 4;
        let press_at = ids_at + members * 8;
        let strings_at = press_at + members * 8;
        if strings_at > b.len() || lookup > members {
            bail!("truncated");
        }
        // The encoder appends each group's story, then each member's id and new press: the
        // last of those ends the file, so a cut file fails here.
        let strings = b.len() - strings_at;
        let ends_inside = |at: usize| {
            let (off, len) = (u32_at(b, at), u32_at(b, at + 4));
            len == NO_PRESS || (off as usize).checked_add(len as usize).is_some_and(|e| e <= strings)
        };
        let last_member = members.checked_sub(1);
        let last_group = groups.checked_sub(1);
        if last_member.is_some_and(|m| !ends_inside(ids_at + m * 8) || !ends_inside(press_at + m * 8))
            || last_group.is_some_and(|g| !ends_inside(groups_at + g * 16))
        {
            bail!("truncated");
        }
        Ok(GroupsMap { map, groups, lookup, members, groups_at, ids_at, press_at, strings_at })
    }

    fn check_entries(&self) -> Result<()> {
        let b: &[u8] = &self.map;
        let strings = b.len() - self.strings_at;
        let span_ok = |off: u32, len: u32| (off as usize).checked_add(len as usize).is_some_and(|e| e <= strings);
        for i in 0..self.lookup {
            let at = HEADER + i * 12;
            if !span_ok(u32_at(b, at), u32_at(b, at + 4)) || u32_at(b, at + 8) as usize >= self.groups {
                bail!("a member points outside the file");
            }
        }
        for i in 0..self.groups {
            let at = self.groups_at + i * 16;
            let (first, count) = (u32_at(b, at + 8) as usize, u32_at(b, at + 12) as usize);
            if !span_ok(u32_at(b, at), u32_at(b, at + 4)) || first.checked_add(count).is_none_or(|e| e > self.members) {
                bail!("a group points outside the file");
            }
        }
        for i in 0..self.members {
            let (io, il) = (u32_at(b, self.ids_at + i * 8), u32_at(b, self.ids_at + i * 8 + 4));
            let (po, pl) = (u32_at(b, self.press_at + i * 8), u32_at(b, self.press_at + i * 8 + 4));
            if !span_ok(io, il) || (pl != NO_PRESS && !span_ok(po, pl)) {
                bail!("a member points outside the file");
            }
        }
        Ok(())
    }

    fn text(&self, off: u32, len: u32) -> &str {
        let s = self.strings_at + off as usize;
        self.map.get(s..s + len as usize).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.groups
    }

    /// Whether there is no group.
    pub fn is_empty(&self) -> bool {
        self.groups == 0
    }

    /// The number of the group of article `id`.
    pub fn number(&self, id: &str) -> Option<usize> {
        let b: &[u8] = &self.map;
        let (mut lo, mut hi) = (0, self.lookup);
        while lo < hi {
            let mid = (lo + hi) / 2;
            let at = HEADER + mid * 12;
            let key = self.text(u32_at(b, at), u32_at(b, at + 4));
            match key.as_bytes().cmp(id.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(u32_at(b, at + 8) as usize).filter(|&n| n < self.groups),
            }
        }
        None
    }

    /// Group number `n`.
    pub fn group(&self, n: usize) -> Option<Group> {
        if n >= self.groups {
            return None;
        }
        let b: &[u8] = &self.map;
        let at = self.groups_at + n * 16;
        let story = self.text(u32_at(b, at), u32_at(b, at + 4)).to_owned();
        let (first, count) = (u32_at(b, at + 8) as usize, u32_at(b, at + 12) as usize);
        let members = (first..first.saturating_add(count).min(self.members))
            .map(|m| {
                let id = self.text(u32_at(b, self.ids_at + m * 8), u32_at(b, self.ids_at + m * 8 + 4)).to_owned();
                let (po, pl) = (u32_at(b, self.press_at + m * 8), u32_at(b, self.press_at + m * 8 + 4));
                let press = (pl != NO_PRESS).then(|| self.text(po, pl).to_owned());
                Member { id, press }
            })
            .collect();
        Some(Group { story, members })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(story: &str, members: &[(&str, Option<&str>)]) -> Group {
        Group {
            story: story.to_owned(),
            members: members
                .iter()
                .map(|(id, p)| Member { id: (*id).to_owned(), press: p.map(str::to_owned) })
                .collect(),
        }
    }

    fn written(groups: &[Group]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groups.bin");
        let mut bytes = Vec::new();
        encode(groups, 10, &mut bytes).unwrap();
        fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn lookups_find_every_member_and_nothing_else() {
        let groups = vec![
            group("연합-1", &[("연합-1", Some("연합뉴스")), ("뉴스1-7", Some("뉴스1")), ("x", None)]),
            group("b", &[("b", Some("한겨레")), ("a", Some("연합뉴스"))]),
        ];
        let (_dir, path) = written(&groups);
        let m = GroupsMap::open(&path).unwrap();
        assert_eq!(m.len(), 2);
        for (n, g) in groups.iter().enumerate() {
            assert_eq!(m.group(n).as_ref(), Some(g));
            for member in &g.members {
                assert_eq!(m.number(&member.id), Some(n), "{}", member.id);
            }
        }
        for id in ["", "c", "연합", "연합-10", "zz"] {
            assert_eq!(m.number(id), None, "{id}");
        }
        assert_eq!(m.group(2), None);
        let (_dir, path) = written(&[]);
        let m = GroupsMap::open(&path).unwrap();
        assert!(m.is_empty() && m.number("a").is_none());
    }

    #[test]
    fn a_damaged_file_is_refused_when_verified_and_never_panics_a_reader() {
        let groups = vec![group("a", &[("a", Some("연합뉴스")), ("b", None)])];
        let (_dir, path) = written(&groups);
        let bytes = fs::read(&path).unwrap();
        for cut in [0, 7, 19, 30, bytes.len() - 1] {
            fs::write(&path, &bytes[..cut]).unwrap();
            assert!(GroupsMap::verify(&path).is_err(), "cut at {cut}");
            assert!(GroupsMap::open(&path).is_err(), "cut at {cut}");
        }
        // A member whose id points past the strings.
        let mut bad = bytes.clone();
        bad[HEADER..HEADER + 4].copy_from_slice(&1_000_000u32.to_le_bytes());
        fs::write(&path, &bad).unwrap();
        assert!(GroupsMap::verify(&path).is_err());
        // A reader that opened it anyway reads that member as no group, and the rest as written.
        let m = GroupsMap::open(&path).unwrap();
        assert_eq!(m.number("a"), None);
        assert_eq!(m.number("b"), Some(0));
        // Every byte of the tables garbled: lookups answer without a panic.
        let mut garbled = bad.clone();
        for (i, x) in garbled.iter_mut().enumerate().skip(20) {
            *x = (i * 131 % 251) as u8;
        }
        fs::write(&path, &garbled).unwrap();
        if let Ok(m) = GroupsMap::open(&path) {
            for n in 0..4 {
                let _ = m.group(n);
            }
            for id in ["a", "b", "zz"] {
                let _ = m.number(id);
            }
        }
        let mut bad = bytes;
        bad[..8].copy_from_slice(b"GISAGRP0");
        fs::write(&path, &bad).unwrap();
        assert!(GroupsMap::open(&path).is_err());
    }
}
