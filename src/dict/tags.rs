//! The part-of-speech tags of mecab-ko-dic and the kinds of its entries, as small numbers.
//!
//! gisa's side table stores, for every dictionary word, the number of its first tag and its
//! kind, so the analyzer can drop particles and endings — half of all morphemes — without
//! reading their feature strings.

/// Every tag mecab-ko-dic uses (`UNKNOWN` is its unknown-Hangul class; `NA`, `UNA` and `VSV`
/// mark a few dozen unanalyzable entries), in a fixed order: a tag's number is its index here.
pub const TAGS: &[&str] = &[
    "NNG", "NNP", "NNB", "NNBC", "NR", "NP", "VV", "VA", "VX", "VCP", "VCN", "MM", "MAG", "MAJ", "IC", "JKS", "JKC",
    "JKG", "JKO", "JKB", "JKV", "JKQ", "JX", "JC", "EP", "EF", "EC", "ETN", "ETM", "XPN", "XSN", "XSV", "XSA", "XR",
    "SF", "SE", "SSO", "SSC", "SC", "SY", "SL", "SH", "SN", "SP", "UNKNOWN", "NA", "UNA", "VSV",
];

/// The first tag of a `+`-joined part of speech (`VV` for `VV+EP`).
#[inline]
pub fn first_tag(pos: &str) -> &str {
    pos.split('+').next().unwrap_or(pos)
}

/// Number of a tag (of the first tag of a `+`-joined one).
pub fn tag_id(pos: &str) -> Option<u8> {
    let first = first_tag(pos);
    // A match compiles to a few comparisons; the order must be that of `TAGS` (a test checks).
    match first {
        "NNG" => Some(0),
        "NNP" => Some(1),
        "NNB" => Some(2),
        "NNBC" => Some(3),
        "NR" => Some(4),
        "NP" => Some(5),
        "VV" => Some(6),
        "VA" => Some(7),
        "VX" => Some(8),
        "VCP" => Some(9),
        "VCN" => Some(10),
        "MM" => Some(11),
        "MAG" => Some(12),
        "MAJ" => Some(13),
        "IC" => Some(14),
        "JKS" => Some(15),
        "JKC" => Some(16),
        "JKG" => Some(17),
        "JKO" => Some(18),
        "JKB" => Some(19),
        "JKV" => Some(20),
        "JKQ" => Some(21),
        "JX" => Some(22),
        "JC" => Some(23),
        "EP" => Some(24),
        "EF" => Some(25),
        "EC" => Some(26),
        "ETN" => Some(27),
        "ETM" => Some(28),
        "XPN" => Some(29),
        "XSN" => Some(30),
        "XSV" => Some(31),
        "XSA" => Some(32),
        "XR" => Some(33),
        "SF" => Some(34),
        "SE" => Some(35),
        "SSO" => Some(36),
        "SSC" => Some(37),
        "SC" => Some(38),
        "SY" => Some(39),
        "SL" => Some(40),
        "SH" => Some(41),
        "SN" => Some(42),
        "SP" => Some(43),
        "UNKNOWN" => Some(44),
        "NA" => Some(45),
        "UNA" => Some(46),
        "VSV" => Some(47),
        _ => None,
    }
}

/// The tag with number `id` (`UNKNOWN` for an unknown number).
pub fn tag_name(id: u8) -> &'static str {
    TAGS.get(id as usize).copied().unwrap_or("UNKNOWN")
}

/// A set of tags, as a bit set over their numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TagSet(u64);

impl TagSet {
    /// The set of the named tags; `Err` names the first unknown one.
    pub fn from_names<S: AsRef<str>>(names: &[S]) -> Result<TagSet, String> {
        let mut bits = 0u64;
        for n in names {
            let id = tag_id(n.as_ref()).filter(|_| !n.as_ref().contains('+')).ok_or_else(|| n.as_ref().to_owned())?;
            bits |= 1 << id;
        }
        Ok(TagSet(bits))
    }

    #[inline]
    pub fn contains(self, id: u8) -> bool {
        id < 64 && self.0 & (1 << id) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// The `type` field of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum WordKind {
    Plain = 0,
    /// A compound noun; its expression lists the parts.
    Compound = 1,
    /// An inflected form; its expression lists stem and endings.
    Inflect = 2,
    /// A pre-analyzed sequence (names split into parts, contracted forms).
    Preanalysis = 3,
}

impl WordKind {
    pub fn from_field(kind: &str) -> WordKind {
        match kind {
            "Compound" => WordKind::Compound,
            "Inflect" => WordKind::Inflect,
            "Preanalysis" => WordKind::Preanalysis,
            _ => WordKind::Plain,
        }
    }

    pub fn from_u8(v: u8) -> WordKind {
        match v {
            1 => WordKind::Compound,
            2 => WordKind::Inflect,
            3 => WordKind::Preanalysis,
            _ => WordKind::Plain,
        }
    }
}

/// What the side table says of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordInfo {
    /// MeCab part-of-speech id (`pos-id.def`), which the whitespace penalty is keyed on.
    pub posid: u16,
    /// Number of the first tag in [`TAGS`].
    pub tag: u8,
    pub kind: WordKind,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_numbers_round_trip() {
        for (i, t) in TAGS.iter().enumerate() {
            assert_eq!(tag_id(t), Some(i as u8));
            assert_eq!(tag_name(i as u8), *t);
        }
        assert_eq!(tag_id("VV+EP"), tag_id("VV"));
        assert_eq!(tag_id("XYZ"), None);
        assert!(TAGS.len() <= 64, "tag numbers must fit a TagSet");
        let set = TagSet::from_names(&["JKS", "EF"]).unwrap();
        assert!(set.contains(tag_id("JKS").unwrap()) && !set.contains(tag_id("NNG").unwrap()));
        assert_eq!(TagSet::from_names(&["JKS", "NOPE"]), Err("NOPE".to_owned()));
    }
}
