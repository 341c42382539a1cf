//! Conversion of a compiled MeCab-ko dictionary into a lindera dictionary.
//!
//! The pipeline is: read the binary files ([`super::mecab::Source`]) → write them back as MeCab
//! source files (`lexicon.csv`, `matrix.def`, `char.def`, `unk.def`) → run lindera's
//! `DictionaryBuilder` on that folder → write gisa's side table of part-of-speech ids (which
//! lindera does not keep, and mecab-ko's whitespace penalty needs) → copy the rule files
//! (`*.def`, `dicrc`) that the user dictionary compiler reads. [`super::verify`] then proves
//! the result equal to the source before it is put in place.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;

use super::features::Features;
use super::mecab::{CHAR_TABLE_LEN, CharTable, Source, feature_fields};

/// lindera metadata for a mecab-ko-dic style dictionary (12 CSV columns).
const LINDERA_METADATA: &str = include_str!("../../data/lindera-ko-dic/metadata.json");
/// Connection-id usage frequencies shipped with lindera-ko-dic; lindera relabels the context
/// ids by frequency so that hot matrix cells share cache lines. Costs are unchanged.
const CONTEXT_ID_FREQ: &str = include_str!("../../data/lindera-ko-dic/context_id_freq.txt");

/// Files copied verbatim from the MeCab dictionary folder: the rules that map features to
/// connection ids and part-of-speech ids (used to compile user dictionaries) and `dicrc`
/// (which holds mecab-ko's `left-space-penalty-factor`).
pub const RULE_FILES: [&str; 5] = ["dicrc", "left-id.def", "right-id.def", "pos-id.def", "rewrite.def"];

/// Name of gisa's side table (part-of-speech ids, tags, kinds, trimmed surfaces).
pub const SIDE_TABLE_FILE: &str = "gisa-words.bin";

/// Quotes a CSV field when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// Writes the MeCab source form of `src` into `out` (which must exist).
pub fn write_source(src: &Source, out: &Path) -> Result<()> {
    // Lexicon: one CSV, in sys.dic order (sorted by surface bytes), so that lindera's stable
    // sort keeps every homograph in MeCab's order and word ids equal token indices.
    let mut w = BufWriter::new(fs::File::create(out.join("lexicon.csv"))?);
    for e in &src.lexicon.entries {
        writeln!(w, "{},{},{},{},{}", csv_field(&e.surface), e.left_id, e.right_id, e.cost, e.feature)?;
    }
    w.flush()?;

    let m = &src.matrix;
    let mut w = BufWriter::new(fs::File::create(out.join("matrix.def"))?);
    writeln!(w, "{} {}", m.left_size, m.right_size)?;
    for l in 0..m.left_size {
        for r in 0..m.right_size {
            writeln!(w, "{l} {r} {}", m.cost(l, r))?;
        }
    }
    w.flush()?;

    fs::write(out.join("char.def"), char_def(&src.chars))?;

    let mut w = BufWriter::new(fs::File::create(out.join("unk.def"))?);
    for e in &src.unknown.entries {
        writeln!(w, "{},{},{},{},{}", e.surface, e.left_id, e.right_id, e.cost, e.feature)?;
    }
    w.flush()?;
    Ok(())
}

/// Renders `char.def`: the categories first (so lindera numbers them as MeCab does), then
/// every code-point run sharing the same categories, the default category first. Runs whose
/// only category is `DEFAULT` are left out, since lindera gives unlisted code points that
/// category. Surrogates, U+FEFF and U+FFFE cannot be range bounds: lindera decodes bounds as
/// UTF-16 (which drops a byte-order mark) and Rust strings never hold surrogates.
pub fn char_def(table: &CharTable) -> String {
    let mut out = String::new();
    for c in table.categories() {
        out.push_str(&format!("{} {} {} {}\n", c.name, c.invoke as u8, c.group as u8, c.length));
    }
    let names = &table.category_names;
    let default = names.iter().position(|n| n == "DEFAULT");
    let label = |cp: usize| {
        let info = table.chars[cp];
        let mut cats = vec![names[info.default_type as usize].as_str()];
        for (bit, name) in names.iter().enumerate() {
            if info.types & (1 << bit) != 0 && bit != info.default_type as usize {
                cats.push(name);
            }
        }
        cats.join(" ")
    };
    let listable = |cp: usize| !(0xD800..=0xDFFF).contains(&cp) && cp != 0xFEFF && cp != 0xFFFE;
    let is_default_only = |cp: usize| {
        let info = table.chars[cp];
        Some(info.default_type as usize) == default && info.types == 1 << info.default_type
    };
    let mut cp = 0;
    while cp < CHAR_TABLE_LEN {
        if !listable(cp) || is_default_only(cp) {
            cp += 1;
            continue;
        }
        let start = cp;
        let info = table.chars[cp];
        while cp + 1 < CHAR_TABLE_LEN && listable(cp + 1) && table.chars[cp + 1] == info {
            cp += 1;
        }
        if start == cp {
            out.push_str(&format!("0x{start:04X} {}\n", label(start)));
        } else {
            out.push_str(&format!("0x{start:04X}..0x{cp:04X} {}\n", label(start)));
        }
        cp += 1;
    }
    out
}

/// Runs lindera's dictionary builder on a MeCab source folder.
pub fn build_lindera(source_dir: &Path, out: &Path) -> Result<()> {
    let metadata: Metadata = serde_json::from_str(LINDERA_METADATA).context("embedded lindera metadata is invalid")?;
    let freq = source_dir.join("context_id_freq.txt");
    fs::write(&freq, CONTEXT_ID_FREQ)?;
    DictionaryBuilder::new(metadata)
        .with_context_id_freq(&freq)
        .build_dictionary(source_dir, out)
        .map_err(|e| anyhow!("lindera could not build the dictionary: {e}"))
}

/// Writes gisa's side table of what lindera does not keep, indexed by lindera word id
/// (which [`super::verify`] proves equal to the sys.dic token index) and then by unknown-word
/// id: each word's MeCab part-of-speech id (mecab-ko's whitespace penalty is keyed on it),
/// the number of its first tag and its kind (so the analyzer need not read feature strings
/// to drop a particle); and the whitespace lindera trimmed off the end of a few surfaces.
///
/// Layout (little-endian): `u32 words, u32 unknowns, (u16 posid, u8 tag, u8 kind) × (words +
/// unknowns), u32 n, n × (u32 word id, u8 length, suffix bytes)`.
pub fn write_side_table(src: &Source, out: &Path) -> Result<()> {
    let mut bytes = Vec::with_capacity(8 + 4 * (src.lexicon.entries.len() + src.unknown.entries.len()));
    bytes.extend_from_slice(&(src.lexicon.entries.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&(src.unknown.entries.len() as u32).to_le_bytes());
    for e in src.lexicon.entries.iter().chain(&src.unknown.entries) {
        let fields = feature_fields(&e.feature);
        let features = Features::from_fields(fields.iter().map(String::as_str));
        let tag = features
            .tag_id()
            .ok_or_else(|| anyhow!("entry {} has an unknown part of speech {:?}", e.surface, features.pos))?;
        bytes.extend_from_slice(&e.pos_id.to_le_bytes());
        bytes.push(tag);
        bytes.push(features.word_kind() as u8);
    }
    let trimmed: Vec<(usize, &str)> = src
        .lexicon
        .entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let key = e.surface.trim();
            (key.len() != e.surface.len()).then(|| (i, e.surface.strip_prefix(key).unwrap_or("")))
        })
        .collect();
    bytes.extend_from_slice(&(trimmed.len() as u32).to_le_bytes());
    for (i, suffix) in trimmed {
        anyhow::ensure!(
            suffix.len() < 256 && src.lexicon.entries[i].surface.starts_with(src.lexicon.entries[i].surface.trim()),
            "surface {:?} has leading whitespace, which lindera cannot key",
            src.lexicon.entries[i].surface
        );
        bytes.extend_from_slice(&(i as u32).to_le_bytes());
        bytes.push(suffix.len() as u8);
        bytes.extend_from_slice(suffix.as_bytes());
    }
    fs::write(out.join(SIDE_TABLE_FILE), bytes)?;
    Ok(())
}

/// Copies the rule files from the MeCab folder. `dicrc` is required (it carries the space
/// penalty); the id definition files are needed only to compile user dictionaries, so a
/// folder without them still converts.
pub fn copy_rules(mecab_dir: &Path, out: &Path) -> Result<()> {
    for name in RULE_FILES {
        let from = mecab_dir.join(name);
        if from.is_file() {
            fs::copy(&from, out.join(name)).with_context(|| format!("cannot copy {}", from.display()))?;
        } else if name == "dicrc" {
            return Err(anyhow!("{} has no dicrc", mecab_dir.display()));
        }
    }
    Ok(())
}
