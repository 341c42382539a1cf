//! User dictionaries: new words and names the system dictionary lacks (신조어, company and
//! product names), in either of the two forms people already keep.
//!
//! - mecab-ko-dic CSV: `surface,left-id,right-id,cost,POS,semantic,jongseong,reading,type,
//!   first-POS,last-POS,expression` — ids and cost may be left empty, trailing fields may be
//!   left out; also the short `surface,POS[,reading]` form;
//! - Nori's form: `word` or `word part part…` (whitespace-separated), a proper noun, split
//!   into the given parts when decompounding.
//!
//! Blank connection ids are computed with the dictionary's own `rewrite.def` and id files,
//! exactly as mecab-dict-index would. Blank costs take Nori's user-word cost, which makes a
//! user word win wherever it matches. `#` starts a comment.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use sha2::{Digest, Sha256};

use super::KoDict;
use super::features::{Features, OwnedFeatures};
use super::rules::FeatureRules;
use super::tags::WordInfo;

/// Nori's cost for a user word (Lucene `UserDictionary.WORD_COST`).
pub const DEFAULT_USER_WORD_COST: i32 = -100_000;

/// One user word.
#[derive(Debug, Clone)]
pub struct UserEntry {
    pub surface: String,
    pub left_id: u16,
    pub right_id: u16,
    pub pos_id: u16,
    pub cost: i32,
    pub features: OwnedFeatures,
}

impl UserEntry {
    pub fn features(&self) -> Features<'_> {
        self.features.borrow()
    }

    /// Part-of-speech id, first tag and kind, as the side table gives them for system words.
    pub fn info(&self) -> WordInfo {
        let f = self.features();
        WordInfo { posid: self.pos_id, tag: f.tag_id().unwrap_or(0), kind: f.word_kind() }
    }
}

impl UserEntry {
    /// Everything that decides how the entry segments and what it indexes, as one string: two
    /// entries of a surface with the same key analyze every text the same way.
    pub fn key(&self) -> String {
        format!(
            "{},{},{},{},{}",
            self.left_id,
            self.right_id,
            self.pos_id,
            self.cost,
            self.features().fields().join(",")
        )
    }
}

/// A compiled user dictionary.
#[derive(Debug, Default)]
pub struct UserDictionary {
    entries: Vec<UserEntry>,
    by_surface: HashMap<Box<[char]>, Vec<u32>>,
    first_chars: HashSet<char>,
    max_chars: usize,
    /// sha256 of the source text, recorded in the analyzer fingerprint.
    pub sha256: String,
    /// The source text.
    pub text: String,
}

/// Whether the last syllable of `word` has a final consonant (`T`/`F`), as mecab-ko-dic
/// records it; `F` for anything that is not a Hangul syllable.
pub fn jongseong(word: &str) -> &'static str {
    match word.chars().last() {
        Some(c @ '\u{AC00}'..='\u{D7A3}') if !(c as u32 - 0xAC00).is_multiple_of(28) => "T",
        _ => "F",
    }
}

impl UserDictionary {
    /// Reads and compiles a user dictionary file against `dict`.
    pub fn load(path: &Path, dict: &KoDict) -> Result<UserDictionary> {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read user dictionary {}", path.display()))?;
        let text = String::from_utf8(bytes).map_err(|_| anyhow!("user dictionary {} is not UTF-8", path.display()))?;
        Self::parse(&text, dict).map_err(|e| anyhow!("user dictionary {}:{e}", path.display()))
    }

    /// Compiles user dictionary text; errors read `LINE: reason`.
    pub fn parse(text: &str, dict: &KoDict) -> Result<UserDictionary> {
        let rules = FeatureRules::load(&dict.dir)?;
        let mut out = UserDictionary {
            sha256: hex::encode(Sha256::digest(text.as_bytes())),
            text: text.to_owned(),
            ..Default::default()
        };
        for (n, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            let line = line.trim_start_matches('\u{feff}');
            if line.is_empty() {
                continue;
            }
            let entry = parse_line(line, &rules, dict).map_err(|e| anyhow!("{}: {e}: {raw:?}", n + 1))?;
            out.push(entry);
        }
        Ok(out)
    }

    fn push(&mut self, entry: UserEntry) {
        let chars: Box<[char]> = entry.surface.chars().collect();
        self.max_chars = self.max_chars.max(chars.len());
        if let Some(&c) = chars.first() {
            self.first_chars.insert(c);
        }
        let idx = self.entries.len() as u32;
        self.by_surface.entry(chars).or_default().push(idx);
        self.entries.push(entry);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, idx: u32) -> &UserEntry {
        &self.entries[idx as usize]
    }

    /// Every entry, in the order of the file.
    pub fn entries(&self) -> &[UserEntry] {
        &self.entries
    }

    /// Whether some word starts with `c` (a cheap test before any lookup).
    #[inline]
    pub fn may_start_with(&self, c: char) -> bool {
        self.first_chars.contains(&c)
    }

    /// Length in characters of the longest word.
    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// Entries whose surface is exactly `chars`.
    pub fn lookup(&self, chars: &[char]) -> &[u32] {
        self.by_surface.get(chars).map_or(&[], Vec::as_slice)
    }
}

fn parse_line(line: &str, rules: &FeatureRules, dict: &KoDict) -> Result<UserEntry> {
    if line.contains(',') { parse_csv(line, rules, dict) } else { parse_nori(line, rules, dict) }
}

fn parse_nori(line: &str, rules: &FeatureRules, dict: &KoDict) -> Result<UserEntry> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let surface = words[0];
    let parts = &words[1..];
    let (kind, expression) = if parts.is_empty() {
        ("*".to_owned(), "*".to_owned())
    } else {
        if parts.concat() != surface {
            bail!("the parts {} do not spell the word {surface}", parts.join(" "));
        }
        if parts.len() == 1 {
            bail!("a word with parts needs at least two of them");
        }
        let expr: Vec<String> = parts.iter().map(|p| format!("{p}/NNP/*")).collect();
        ("Compound".to_owned(), expr.join("+"))
    };
    let features = OwnedFeatures {
        pos: "NNP".into(),
        semantic: "*".into(),
        jongseong: jongseong(surface).into(),
        reading: surface.into(),
        kind,
        first_pos: "*".into(),
        last_pos: "*".into(),
        expression,
    };
    entry(surface, None, None, DEFAULT_USER_WORD_COST, features, rules, dict)
}

fn parse_csv(line: &str, rules: &FeatureRules, dict: &KoDict) -> Result<UserEntry> {
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line.as_bytes());
    let rec = rdr.records().next().ok_or_else(|| anyhow!("empty line"))?.map_err(|e| anyhow!("not valid CSV ({e})"))?;
    let f: Vec<&str> = rec.iter().map(str::trim).collect();
    let surface = f[0];
    if surface.is_empty() {
        bail!("the surface (first field) is empty");
    }
    if surface.chars().any(char::is_whitespace) {
        bail!("the surface {surface:?} contains whitespace");
    }
    let is_tag = |s: &str| !s.is_empty() && s.split('+').all(|t| t.chars().all(|c| c.is_ascii_uppercase()));
    let (left, right, cost, feats): (Option<&str>, Option<&str>, Option<&str>, Vec<&str>) = match f.len() {
        2 | 3 if is_tag(f[1]) => (None, None, None, f[1..].to_vec()),
        n if n >= 5 => (Some(f[1]), Some(f[2]), Some(f[3]), f[4..].to_vec()),
        _ => bail!("expected `surface,POS[,reading]` or `surface,left-id,right-id,cost,POS,...` (12 fields)"),
    };
    if feats.len() > 8 {
        bail!("too many fields ({}); mecab-ko-dic lines have 12", f.len());
    }
    let pos = feats[0];
    if !is_tag(pos) {
        bail!("{pos:?} is not a part-of-speech tag such as NNP or NNG");
    }
    let get = |i: usize, default: &str| -> String {
        match feats.get(i).copied() {
            Some(v) if !v.is_empty() && v != "*" => v.to_owned(),
            _ => default.to_owned(),
        }
    };
    let reading_default = if f.len() <= 3 { surface } else { "*" };
    let features = OwnedFeatures {
        pos: pos.to_owned(),
        semantic: get(1, "*"),
        jongseong: get(2, jongseong(surface)),
        reading: if f.len() == 3 { get(1, surface) } else { get(3, reading_default) },
        kind: if f.len() <= 3 { "*".into() } else { get(4, "*") },
        first_pos: if f.len() <= 3 { "*".into() } else { get(5, "*") },
        last_pos: if f.len() <= 3 { "*".into() } else { get(6, "*") },
        expression: if f.len() <= 3 { "*".into() } else { get(7, "*") },
    };
    let features = if f.len() == 3 { OwnedFeatures { semantic: "*".into(), ..features } } else { features };
    let parse_id = |s: Option<&str>, what: &str| -> Result<Option<u16>> {
        match s {
            None | Some("") => Ok(None),
            Some(v) => v.parse().map(Some).map_err(|_| anyhow!("{what} {v:?} is not a number")),
        }
    };
    let left_id = parse_id(left, "left id")?;
    let right_id = parse_id(right, "right id")?;
    let cost = match cost {
        None | Some("") => DEFAULT_USER_WORD_COST,
        Some(v) => v.parse().map_err(|_| anyhow!("cost {v:?} is not a number"))?,
    };
    if features.kind != "*" && features.borrow().expression_parts().is_empty() {
        bail!("type {} needs an expression like 삼성/NNP/*+전자/NNG/*", features.kind);
    }
    entry(surface, left_id, right_id, cost, features, rules, dict)
}

fn entry(
    surface: &str,
    left_id: Option<u16>,
    right_id: Option<u16>,
    cost: i32,
    features: OwnedFeatures,
    rules: &FeatureRules,
    dict: &KoDict,
) -> Result<UserEntry> {
    let fields = features.borrow().fields();
    let ids = rules.ids(&fields).map_err(|e| anyhow!("cannot place {} in the dictionary ({e})", features.pos))?;
    let (lsize, rsize) = (dict.manifest_left_size(), dict.manifest_right_size());
    let left = left_id.unwrap_or(ids.left);
    let right = right_id.unwrap_or(ids.right);
    if left as usize >= lsize || right as usize >= rsize {
        bail!("connection ids {left},{right} are out of range for this dictionary");
    }
    Ok(UserEntry {
        surface: surface.to_owned(),
        left_id: dict.map_left_id(left),
        right_id: dict.map_right_id(right),
        pos_id: ids.pos,
        cost,
        features,
    })
}
