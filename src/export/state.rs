//! What the last export to a target held, for `--changed` and deletions.
//!
//! One file per export target (output folder + engine) in the index folder:
//! `gisa-exports/<engine>-<hash of the folder>.state.gz`, gzip of a JSON header line and one
//! line per exported article, `<content hash, 16 hex digits> <id as a JSON string>`: for the
//! 100,000-article benchmark index 6.1 MB before compression, 3.6 MB after, so ~36 MB for a
//! million articles. Loading keeps two 64-bit hashes per article (id, content); the ids of
//! deleted articles are read from the file again, in a second pass, when the deletions are
//! written. The new state is written beside the old one and renamed over it only when the
//! export is complete, so a failed export leaves the last one's state.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Target;

/// Folder inside the index that keeps the export states.
pub const STATE_DIR: &str = "gisa-exports";
/// Version of the state file format.
pub const FORMAT: u32 = 1;

/// The first line of a state file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub gisa_export_state: u32,
    pub target: String,
    pub out_dir: String,
    pub created: String,
}

/// Where the state of exporting an index to `out_dir` for `target` lives.
pub fn state_path(index_dir: &Path, out_dir: &Path, target: Target) -> PathBuf {
    let canonical = out_dir.canonicalize().unwrap_or_else(|_| out_dir.to_path_buf());
    let hash = hex::encode(&Sha256::digest(canonical.to_string_lossy().as_bytes())[..8]);
    index_dir.join(STATE_DIR).join(format!("{}-{hash}.state.gz", target.name()))
}

/// The id hash the state is keyed on.
pub fn id_hash(id: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(id.as_bytes())
}

fn parse_line(line: &str) -> Option<(u64, String)> {
    let (hash, id) = line.split_once(' ')?;
    Some((u64::from_str_radix(hash, 16).ok()?, serde_json::from_str(id).ok()?))
}

/// The previous export: content hash by id hash.
#[derive(Debug, Default)]
pub struct Previous {
    path: Option<PathBuf>,
    pub header: Option<Header>,
    hashes: HashMap<u64, u64>,
}

fn reader(path: &Path) -> Result<std::io::Lines<BufReader<GzDecoder<File>>>> {
    let f = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(BufReader::with_capacity(1 << 16, GzDecoder::new(f)).lines())
}

impl Previous {
    /// Reads a state file; no file is an empty state (nothing exported yet).
    pub fn load(path: &Path) -> Result<Previous> {
        if !path.exists() {
            return Ok(Previous::default());
        }
        let damaged = || anyhow!("{} is damaged; delete it to export everything again", path.display());
        let mut lines = reader(path)?;
        let header: Header =
            serde_json::from_str(&lines.next().ok_or_else(damaged)?.map_err(|_| damaged())?).map_err(|_| damaged())?;
        if header.gisa_export_state != FORMAT {
            bail!("{} was written by another gisa version; delete it to export everything again", path.display());
        }
        let mut hashes = HashMap::new();
        for line in lines {
            let (hash, id) = parse_line(&line.map_err(|_| damaged())?).ok_or_else(damaged)?;
            hashes.insert(id_hash(&id), hash);
        }
        Ok(Previous { path: Some(path.to_path_buf()), header: Some(header), hashes })
    }

    /// Number of articles the last export held.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// The content hash the last export had for an id.
    pub fn get(&self, id_hash: u64) -> Option<u64> {
        self.hashes.get(&id_hash).copied()
    }

    /// Forgets an id (it is still in the index); returns its content hash.
    pub fn take(&mut self, id_hash: u64) -> Option<u64> {
        self.hashes.remove(&id_hash)
    }

    /// Calls `f(id, content hash)` for every id not taken — articles gone since — in the
    /// order of the file.
    pub fn for_each_remaining(&self, mut f: impl FnMut(&str, u64) -> Result<()>) -> Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        if self.hashes.is_empty() {
            return Ok(());
        }
        let damaged = || anyhow!("{} is damaged", path.display());
        for line in reader(path)?.skip(1) {
            let (hash, id) = parse_line(&line.map_err(|_| damaged())?).ok_or_else(damaged)?;
            if self.hashes.contains_key(&id_hash(&id)) {
                f(&id, hash)?;
            }
        }
        Ok(())
    }
}

/// Writes the new state next to the final path; [`StateWriter::commit`] renames it in.
pub struct StateWriter {
    out: GzEncoder<BufWriter<tempfile::NamedTempFile>>,
    articles: u64,
}

impl StateWriter {
    /// Starts a state file in the folder of `path`.
    pub fn create(path: &Path, header: &Header) -> Result<StateWriter> {
        let dir = path.parent().ok_or_else(|| anyhow!("bad state path {}", path.display()))?;
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let tmp = tempfile::Builder::new()
            .prefix(".state-")
            .tempfile_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        let mut out = GzEncoder::new(BufWriter::with_capacity(1 << 16, tmp), Compression::fast());
        serde_json::to_writer(&mut out, header)?;
        out.write_all(b"\n")?;
        Ok(StateWriter { out, articles: 0 })
    }

    pub fn push(&mut self, id: &str, hash: u64) -> Result<()> {
        write!(self.out, "{hash:016x} ")?;
        serde_json::to_writer(&mut self.out, id)?;
        self.out.write_all(b"\n")?;
        self.articles += 1;
        Ok(())
    }

    /// Finishes the file and renames it over `path`; returns the number of articles in it.
    pub fn commit(self, path: &Path) -> Result<u64> {
        let tmp = self.out.finish()?.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).with_context(|| format!("cannot replace {}", path.display()))?;
        Ok(self.articles)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trip_and_remaining() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gisa-exports").join("opensearch-x.state.gz");
        let empty = Previous::load(&path).unwrap();
        assert!(empty.is_empty());
        let header = Header {
            gisa_export_state: FORMAT,
            target: "opensearch".into(),
            out_dir: "out".into(),
            created: "now".into(),
        };
        let mut w = StateWriter::create(&path, &header).unwrap();
        for (id, h) in [("daum/a.txt", 1u64), ("feed.jsonl:3", 2), ("줄\n바꿈 \"id\"", 3)] {
            w.push(id, h).unwrap();
        }
        assert_eq!(w.commit(&path).unwrap(), 3);
        let mut p = Previous::load(&path).unwrap();
        assert_eq!(p.len(), 3);
        assert_eq!(p.header.as_ref().unwrap().out_dir, "out");
        assert_eq!(p.get(id_hash("feed.jsonl:3")), Some(2));
        assert_eq!(p.take(id_hash("daum/a.txt")), Some(1));
        let mut gone = Vec::new();
        p.for_each_remaining(|id, h| {
            gone.push((id.to_owned(), h));
            Ok(())
        })
        .unwrap();
        assert_eq!(gone, vec![("feed.jsonl:3".to_owned(), 2), ("줄\n바꿈 \"id\"".to_owned(), 3)]);
        // No temporary files are left behind.
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(left.len(), 1);
    }

    #[test]
    fn damaged_state_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.state.gz");
        std::fs::write(&path, b"not gzip").unwrap();
        let e = Previous::load(&path).unwrap_err().to_string();
        assert!(e.contains("s.state.gz") && e.contains("damaged"), "{e}");
    }
}
