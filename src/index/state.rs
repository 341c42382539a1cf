//! What the index knows about every file it has seen, for incremental runs.
//!
//! Each file under the indexed folder has a record: size, modification time, content hash
//! and what became of it (indexed, a duplicate of another file, skipped or failed, and why).
//! A re-run compares the folder with these records and reads only files whose size or
//! modification time changed (and of those re-indexes only the ones whose content hash
//! changed). The records are written to a new file in `gisa-state/` before every commit and
//! the commit's payload names that file, so records and index always describe the same
//! commit: a crash leaves at worst an orphan file, never records that disagree with the
//! index. Without a readable record file the state is rebuilt from the index itself. The
//! record file also holds the commit's [`Lexicon`].
//!
//! The record file is binary (`state-PID-SEQ.bin`, see [`codec`]): paths front-coded in
//! their sorted order, numbers as varints, and a checksum at the end, so a million files take
//! tens of megabytes instead of 160 MB of JSON and load in a fraction of the time — the
//! records are read on every run and written at every commit. Record files in JSON from
//! earlier versions are still read.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Folder inside the index that holds the record files.
pub const STATE_DIR: &str = "gisa-state";

/// What became of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileStatus {
    /// Its articles are in the index (`duplicates` more were the same as articles of
    /// other files).
    Indexed { articles: u32, duplicates: u32 },
    /// Every article in it was already indexed from another file.
    Duplicate,
    /// Not an article (empty, binary, too large); not retried until it changes.
    Skipped { reason: String },
    /// Could not be read or parsed; not retried until it changes.
    Failed { reason: String },
}

/// The record of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileRecord {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
    /// xxh3 of the content.
    pub hash: u64,
    #[serde(flatten)]
    pub status: FileStatus,
    /// Files whose articles this one duplicated: if one of them goes away or changes, this
    /// file is read again so that its articles get indexed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub duplicate_of: Vec<String>,
}

/// Records of every file, by path relative to the indexed folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub files: BTreeMap<String, FileRecord>,
    /// The analysis the committed documents were made with (absent in indexes from before
    /// gisa kept it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<Lexicon>,
    /// Lexicons of runs that re-analyzed for a changed user dictionary and had not made
    /// their last commit: documents of the commit may have been analyzed with them too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<Lexicon>,
}

/// The analysis of a commit: the analyzer's fingerprint and a copy of its user dictionary,
/// so that the next run can tell what a change of the user dictionary touches (see
/// [`super::reanalyze`]). It is saved with the commit it describes, never ahead of it. (A
/// record of the dictionaries a commit was analyzed with, not the loaded dictionaries
/// themselves, which are [`crate::dict::Lexicon`].)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lexicon {
    pub analyzer_fingerprint: String,
    /// The user dictionary's text (`None`: the index has no user dictionary).
    pub user_dictionary: Option<String>,
}

/// The commit payload: which record file belongs to the commit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Payload {
    pub state: String,
}

impl State {
    /// Reads the record file named by a commit payload; `None` if it is missing or damaged.
    pub fn load(index_dir: &Path, payload: Option<&str>) -> Option<State> {
        let (path, name) = record_file(index_dir, payload)?;
        let bytes = fs::read(path).ok()?;
        if name.ends_with(".json") {
            return serde_json::from_slice(&bytes).ok();
        }
        codec::decode(&bytes)
    }

    /// Writes the records to a new file (fsynced) and returns the payload naming it.
    pub fn save(&self, index_dir: &Path, seq: u64) -> Result<String> {
        let dir = index_dir.join(STATE_DIR);
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let name = format!("state-{}-{seq}.bin", std::process::id());
        let path = dir.join(&name);
        let mut file = fs::File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut file);
        codec::encode(self, &mut w).with_context(|| format!("cannot write {}", path.display()))?;
        w.flush()?;
        drop(w);
        file.sync_all()?;
        Ok(serde_json::to_string(&Payload { state: name })?)
    }

    /// Deletes record files other than the one named by `payload`.
    pub fn remove_others(index_dir: &Path, payload: &str) {
        let keep = serde_json::from_str::<Payload>(payload).map(|p| p.state).unwrap_or_default();
        let Ok(entries) = fs::read_dir(index_dir.join(STATE_DIR)) else { return };
        for e in entries.flatten() {
            if e.file_name().to_string_lossy() != keep {
                let _ = fs::remove_file(e.path());
            }
        }
    }

    /// The number of records and their [`counts`](State::counts), read from the head of the
    /// record file named by a commit payload without loading the records (`gisa stats`);
    /// `None` if the file is missing or damaged, or from a version that did not write them.
    pub fn load_counts(index_dir: &Path, payload: Option<&str>) -> Option<(usize, (usize, usize, usize, usize))> {
        let (path, name) = record_file(index_dir, payload)?;
        if !name.ends_with(".bin") {
            return None;
        }
        codec::counts(fs::File::open(path).ok()?)
    }

    /// Counts of files by status: (indexed, duplicate, skipped, failed).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let mut c = (0, 0, 0, 0);
        for r in self.files.values() {
            match r.status {
                FileStatus::Indexed { .. } => c.0 += 1,
                FileStatus::Duplicate => c.1 += 1,
                FileStatus::Skipped { .. } => c.2 += 1,
                FileStatus::Failed { .. } => c.3 += 1,
            }
        }
        c
    }
}

/// The binary record file.
///
/// ```text
/// "GISASTATE" 0x01
/// varint n, n bytes of JSON   {"lexicon": …, "pending": […], "files": N}
/// N records, in path order:
///   varint shared   bytes shared with the previous path
///   varint k, k bytes   the rest of the path
///   varint size, zigzag-varint mtime_ns, u64 LE hash
///   u8 status: 0 indexed (varint articles, varint duplicates), 1 duplicate,
///              2 skipped, 3 failed (varint n, n bytes: the reason)
///   varint d, d × (varint n, n bytes)   duplicate_of
/// u64 LE xxh3 of every byte before it
/// ```
///
/// Hand-written: serde's binary formats cannot carry [`FileRecord`]'s flattened, tagged
/// status, and none front-codes sorted keys, which is most of the saving.
mod codec {
    use std::collections::BTreeMap;
    use std::io::{self, Read, Write};

    use serde::{Deserialize, Serialize};
    use xxhash_rust::xxh3::Xxh3;

    use super::{FileRecord, FileStatus, Lexicon, State};

    const MAGIC: &[u8] = b"GISASTATE\x01";

    #[derive(Serialize, Deserialize)]
    struct Header {
        lexicon: Option<Lexicon>,
        pending: Vec<Lexicon>,
        files: u64,
        /// Records by status (indexed, duplicate, skipped, failed), for `gisa stats`.
        counts: [u64; 4],
    }

    /// A writer that hashes what passes through it.
    struct Hashing<'w, W: Write> {
        inner: &'w mut W,
        hash: Xxh3,
    }

    impl<W: Write> Hashing<'_, W> {
        fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
            self.hash.update(bytes);
            self.inner.write_all(bytes)
        }

        fn varint(&mut self, mut v: u64) -> io::Result<()> {
            let mut buf = [0u8; 10];
            let mut n = 0;
            loop {
                let byte = (v & 0x7f) as u8;
                v >>= 7;
                if v == 0 {
                    buf[n] = byte;
                    n += 1;
                    break;
                }
                buf[n] = byte | 0x80;
                n += 1;
            }
            self.put(&buf[..n])
        }

        fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
            self.varint(b.len() as u64)?;
            self.put(b)
        }
    }

    pub fn encode<W: Write>(state: &State, w: &mut W) -> io::Result<()> {
        let mut out = Hashing { inner: w, hash: Xxh3::new() };
        out.put(MAGIC)?;
        let header = Header {
            lexicon: state.lexicon.clone(),
            pending: state.pending.clone(),
            files: state.files.len() as u64,
            counts: {
                let (i, d, s, f) = state.counts();
                [i as u64, d as u64, s as u64, f as u64]
            },
        };
        out.bytes(&serde_json::to_vec(&header)?)?;
        let mut previous: &[u8] = &[];
        for (path, r) in &state.files {
            let path = path.as_bytes();
            let shared = path.iter().zip(previous).take_while(|(a, b)| a == b).count();
            out.varint(shared as u64)?;
            out.bytes(&path[shared..])?;
            previous = path;
            out.varint(r.size)?;
            out.varint(((r.mtime_ns << 1) ^ (r.mtime_ns >> 63)) as u64)?;
            out.put(&r.hash.to_le_bytes())?;
            match &r.status {
                FileStatus::Indexed { articles, duplicates } => {
                    out.put(&[0])?;
                    out.varint(u64::from(*articles))?;
                    out.varint(u64::from(*duplicates))?;
                }
                FileStatus::Duplicate => out.put(&[1])?,
                FileStatus::Skipped { reason } => {
                    out.put(&[2])?;
                    out.bytes(reason.as_bytes())?;
                }
                FileStatus::Failed { reason } => {
                    out.put(&[3])?;
                    out.bytes(reason.as_bytes())?;
                }
            }
            out.varint(r.duplicate_of.len() as u64)?;
            for d in &r.duplicate_of {
                out.bytes(d.as_bytes())?;
            }
        }
        let sum = out.hash.digest();
        out.inner.write_all(&sum.to_le_bytes())
    }

    /// A varint from the bytes `next` gives; `None` when they end or run past 64 bits.
    fn varint(mut next: impl FnMut() -> Option<u8>) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = next()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// The number of records and the counts by status, from the head of a record file.
    pub fn counts(mut file: impl io::Read) -> Option<(usize, (usize, usize, usize, usize))> {
        let mut magic = [0u8; MAGIC.len()];
        file.read_exact(&mut magic).ok()?;
        if magic != MAGIC {
            return None;
        }
        let len = varint(|| {
            let mut b = [0u8; 1];
            file.read_exact(&mut b).ok().map(|()| b[0])
        })?;
        let mut header = Vec::new();
        file.take(len).read_to_end(&mut header).ok()?;
        let h: Header = serde_json::from_slice(&header).ok()?;
        let n = |v: u64| usize::try_from(v).ok();
        Some((n(h.files)?, (n(h.counts[0])?, n(h.counts[1])?, n(h.counts[2])?, n(h.counts[3])?)))
    }

    /// A cursor over the record bytes; every read is bounds-checked.
    struct Reader<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl<'a> Reader<'a> {
        fn take(&mut self, n: usize) -> Option<&'a [u8]> {
            let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len())?;
            let out = &self.bytes[self.at..end];
            self.at = end;
            Some(out)
        }

        fn varint(&mut self) -> Option<u64> {
            varint(|| self.take(1).and_then(|b| b.first().copied()))
        }

        fn len(&mut self) -> Option<usize> {
            usize::try_from(self.varint()?).ok()
        }

        fn bytes(&mut self) -> Option<&'a [u8]> {
            let n = self.len()?;
            self.take(n)
        }

        fn string(&mut self) -> Option<String> {
            String::from_utf8(self.bytes()?.to_vec()).ok()
        }

        fn u32(&mut self) -> Option<u32> {
            u32::try_from(self.varint()?).ok()
        }
    }

    /// The state in `bytes`; `None` if they are not a whole, undamaged record file.
    pub fn decode(bytes: &[u8]) -> Option<State> {
        let body_len = bytes.len().checked_sub(8)?;
        let (body, sum) = bytes.split_at(body_len);
        if !body.starts_with(MAGIC) || xxhash_rust::xxh3::xxh3_64(body).to_le_bytes() != sum {
            return None;
        }
        let mut r = Reader { bytes: body, at: MAGIC.len() };
        let header: Header = serde_json::from_slice(r.bytes()?).ok()?;
        // Each record takes at least 12 bytes: a count beyond that is damage, not a reason
        // to allocate.
        let files = usize::try_from(header.files).ok().filter(|&n| n <= body.len() / 12)?;
        let mut records: Vec<(String, FileRecord)> = Vec::with_capacity(files);
        let mut path: Vec<u8> = Vec::new();
        for _ in 0..files {
            let shared = r.len()?;
            if shared > path.len() {
                return None;
            }
            path.truncate(shared);
            path.extend_from_slice(r.bytes()?);
            let size = r.varint()?;
            let z = r.varint()?;
            let mtime_ns = ((z >> 1) as i64) ^ -((z & 1) as i64);
            let hash = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
            let status = match r.take(1)?.first()? {
                0 => FileStatus::Indexed { articles: r.u32()?, duplicates: r.u32()? },
                1 => FileStatus::Duplicate,
                2 => FileStatus::Skipped { reason: r.string()? },
                3 => FileStatus::Failed { reason: r.string()? },
                _ => return None,
            };
            let d = r.len()?;
            let mut duplicate_of = Vec::with_capacity(d.min(64));
            for _ in 0..d {
                duplicate_of.push(r.string()?);
            }
            let key = String::from_utf8(path.clone()).ok()?;
            // Strictly ascending, as written: anything else is damage.
            if records.last().is_some_and(|(last, _)| *last >= key) {
                return None;
            }
            records.push((key, FileRecord { size, mtime_ns, hash, status, duplicate_of }));
        }
        if r.at != body.len() {
            return None;
        }
        let files: BTreeMap<String, FileRecord> = records.into_iter().collect();
        Some(State { files, lexicon: header.lexicon, pending: header.pending })
    }
}

/// The record file a commit payload names, and its name; `None` for a payload that names
/// none or names something outside the state folder.
fn record_file(index_dir: &Path, payload: Option<&str>) -> Option<(PathBuf, String)> {
    let payload: Payload = serde_json::from_str(payload?).ok()?;
    if payload.state.contains('/') || payload.state.contains("..") {
        return None;
    }
    Some((index_dir.join(STATE_DIR).join(&payload.state), payload.state))
}

/// The path of the state folder of an index.
pub fn state_dir(index_dir: &Path) -> PathBuf {
    index_dir.join(STATE_DIR)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_load_and_cleanup() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = State::default();
        s.files.insert(
            "2024/06/a.txt".into(),
            FileRecord {
                size: 10,
                mtime_ns: 5,
                hash: 7,
                status: FileStatus::Indexed { articles: 1, duplicates: 0 },
                duplicate_of: vec![],
            },
        );
        s.files.insert(
            "b.txt".into(),
            FileRecord {
                size: 0,
                mtime_ns: 1,
                hash: 0,
                status: FileStatus::Skipped { reason: "empty file".into() },
                duplicate_of: vec![],
            },
        );
        let p1 = s.save(dir.path(), 1).unwrap();
        let p2 = s.save(dir.path(), 2).unwrap();
        assert_eq!(State::load(dir.path(), Some(&p1)), Some(s.clone()));
        State::remove_others(dir.path(), &p2);
        assert_eq!(State::load(dir.path(), Some(&p1)), None, "older record files are removed");
        assert_eq!(State::load(dir.path(), Some(&p2)), Some(s));
        assert_eq!(State::load(dir.path(), Some("{\"state\":\"../../etc/passwd\"}")), None);
        assert_eq!(State::load(dir.path(), None), None);
    }

    fn varied() -> State {
        let mut s = State::default();
        let rec =
            |size, mtime_ns, status| FileRecord { size, mtime_ns, hash: u64::MAX - size, status, duplicate_of: vec![] };
        s.files.insert("2024/06/a.txt".into(), rec(10, 5, FileStatus::Indexed { articles: 3, duplicates: 1 }));
        s.files.insert("2024/06/ab.txt".into(), rec(1 << 40, -7, FileStatus::Duplicate));
        s.files
            .insert("2024/06/기사 #1.html".into(), rec(0, i64::MIN, FileStatus::Skipped { reason: "빈 파일".into() }));
        s.files.insert("2024/07/b.json".into(), rec(9, i64::MAX, FileStatus::Failed { reason: "bad JSON".into() }));
        s.files.get_mut("2024/06/ab.txt").unwrap().duplicate_of = vec!["2024/06/a.txt".into(), "x/기사.txt".into()];
        s.lexicon =
            Some(Lexicon { analyzer_fingerprint: "fp".into(), user_dictionary: Some("딥시크,NNP\n".into()) });
        s.pending = vec![Lexicon { analyzer_fingerprint: "old".into(), user_dictionary: None }];
        s
    }

    #[test]
    fn the_binary_record_file_round_trips_every_kind_of_record() {
        let s = varied();
        let mut bytes = Vec::new();
        codec::encode(&s, &mut bytes).unwrap();
        assert_eq!(codec::decode(&bytes), Some(s.clone()));
        assert_eq!(codec::counts(&bytes[..]), Some((4, (1, 1, 1, 1))));
        let empty = State::default();
        let mut b = Vec::new();
        codec::encode(&empty, &mut b).unwrap();
        assert_eq!(codec::decode(&b), Some(empty));
        // Front coding: a folder's path is written once, not once per file.
        let mut many = State::default();
        for i in 0..1000 {
            let r = FileRecord {
                size: 4000 + i,
                mtime_ns: 1_700_000_000_000_000_000,
                hash: i * 7919,
                ..s.files["2024/06/a.txt"].clone()
            };
            many.files.insert(format!("news/2024/06/연합뉴스/article-{i:05}.html"), r);
        }
        let (mut b, json) = (Vec::new(), serde_json::to_vec(&many).unwrap());
        codec::encode(&many, &mut b).unwrap();
        assert_eq!(codec::decode(&b).as_ref(), Some(&many));
        assert!(b.len() * 4 < json.len(), "{} bytes against {} of JSON", b.len(), json.len());
    }

    #[test]
    fn a_damaged_or_cut_record_file_is_refused() {
        let mut bytes = Vec::new();
        codec::encode(&varied(), &mut bytes).unwrap();
        for i in 0..bytes.len() {
            let mut d = bytes.clone();
            d[i] ^= 0x20;
            assert_eq!(codec::decode(&d), None, "byte {i} flipped");
            assert_eq!(codec::decode(&bytes[..i]), None, "cut at {i}");
        }
    }

    #[test]
    fn record_files_in_json_from_earlier_versions_still_load() {
        let dir = tempfile::tempdir().unwrap();
        let s = varied();
        fs::create_dir_all(state_dir(dir.path())).unwrap();
        fs::write(state_dir(dir.path()).join("state-1-1.json"), serde_json::to_vec(&s).unwrap()).unwrap();
        let payload = serde_json::to_string(&Payload { state: "state-1-1.json".into() }).unwrap();
        assert_eq!(State::load(dir.path(), Some(&payload)), Some(s.clone()));
        let p2 = s.save(dir.path(), 2).unwrap();
        assert!(p2.contains(".bin"), "{p2}");
        State::remove_others(dir.path(), &p2);
        assert_eq!(State::load(dir.path(), Some(&p2)), Some(s));
        assert_eq!(State::load(dir.path(), Some(&payload)), None);
    }
}
