//! The dictionary as the analyzer reads it: the system dictionary (mecab-ko-dic and its
//! unknown-word entries) and the optional user dictionary behind one [`Lexicon`], and the
//! [`WordRef`] that names an entry of either. The segmenter looks up the words that start at
//! a position through it, and the analyzer and its filters read a word's side-table facts and
//! features through it, so nothing carries the two dictionaries around as a pair.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Result, anyhow};

use super::KoDict;
use super::features::Features;
use super::tags::{self, WordInfo, WordKind};
use super::user::{UserDictionary, UserEntry};

/// Bytes of one serialized lindera `WordEntry`: `u32 word id, i16 cost, u16 left, u16 right`.
const WORD_ENTRY_LEN: usize = 10;

/// Which dictionary entry a morpheme is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordRef {
    /// Beginning of sentence (lattice bookkeeping only).
    Bos,
    /// A mecab-ko-dic lexicon entry, by lindera word id.
    System(u32),
    /// An unknown-word entry (`unk.def`), by id.
    Unknown(u32),
    /// A user dictionary entry, by index.
    User(u32),
}

/// A system dictionary entry as the prefix search finds it: lindera word id, word cost and
/// (relabeled) connection ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemWord {
    pub word_id: u32,
    pub cost: i32,
    pub left_id: u16,
    pub right_id: u16,
}

/// The system dictionary and the user dictionary, if any. Cloning shares both.
#[derive(Debug, Clone)]
pub struct Lexicon {
    system: Arc<KoDict>,
    user: Option<Arc<UserDictionary>>,
}

impl Lexicon {
    /// The system dictionary with `user` beside it.
    pub fn new(system: Arc<KoDict>, user: Option<UserDictionary>) -> Lexicon {
        Lexicon { system, user: user.map(Arc::new) }
    }

    /// The system dictionary with the user dictionary in the file `user` (`None`: none).
    pub fn load(system: Arc<KoDict>, user: Option<&Path>) -> Result<Lexicon> {
        let user = match user {
            Some(path) => Some(UserDictionary::load(path, &system)?),
            None => None,
        };
        Ok(Lexicon::new(system, user))
    }

    /// The system dictionary with a user dictionary of the text `user` (`None`: none), such as
    /// the copy an index keeps of the one it was built with.
    pub fn with_user_text(system: Arc<KoDict>, user: Option<&str>) -> Result<Lexicon> {
        let user = match user {
            Some(text) => Some(UserDictionary::parse(text, &system).map_err(|e| anyhow!("user dictionary:{e}"))?),
            None => None,
        };
        Ok(Lexicon::new(system, user))
    }

    /// The system dictionary.
    #[inline]
    pub fn system(&self) -> &KoDict {
        &self.system
    }

    /// The system dictionary, shared.
    pub fn system_shared(&self) -> &Arc<KoDict> {
        &self.system
    }

    /// The user dictionary, if any.
    #[inline]
    pub fn user(&self) -> Option<&UserDictionary> {
        self.user.as_deref()
    }

    /// Calls `f` with every system word whose surface starts `chars`, with its length in
    /// characters: shortest first, homographs in dictionary order (MeCab's order).
    #[inline]
    pub fn for_each_system_word(&self, chars: &[char], mut f: impl FnMut(SystemWord, usize)) {
        for (entries, len) in self.system.lindera.prefix_dictionary.common_prefix_search(chars) {
            for raw in entries.chunks_exact(WORD_ENTRY_LEN) {
                let word = SystemWord {
                    word_id: u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]),
                    cost: i16::from_le_bytes([raw[4], raw[5]]) as i32,
                    left_id: u16::from_le_bytes([raw[6], raw[7]]),
                    right_id: u16::from_le_bytes([raw[8], raw[9]]),
                };
                f(word, len);
            }
        }
    }

    /// Calls `f` with every user word whose surface starts `chars` (index, entry, length in
    /// characters), shortest first, entries of one surface in the order of the file.
    #[inline]
    pub fn for_each_user_word(&self, chars: &[char], mut f: impl FnMut(u32, &UserEntry, usize)) {
        let Some(user) = &self.user else { return };
        let Some(&first) = chars.first() else { return };
        if !user.may_start_with(first) {
            return;
        }
        for k in 1..=user.max_chars().min(chars.len()) {
            for &idx in user.lookup(&chars[..k]) {
                f(idx, user.entry(idx), k);
            }
        }
    }

    /// The side-table facts of `word`: part-of-speech id, first tag and kind.
    #[inline]
    pub fn info(&self, word: WordRef) -> WordInfo {
        match word {
            WordRef::System(id) => self.system.word_info(id),
            WordRef::Unknown(id) => self.system.unknown_info(id),
            WordRef::User(idx) => match &self.user {
                Some(u) => u.entry(idx).info(),
                None => WordInfo { posid: 0, tag: tags::tag_id("UNKNOWN").unwrap_or(0), kind: WordKind::Plain },
            },
            WordRef::Bos => WordInfo { posid: 0, tag: 0, kind: WordKind::Plain },
        }
    }

    /// The features of `word`.
    pub fn features(&self, word: WordRef) -> Features<'_> {
        match word {
            WordRef::System(id) => Features::from_fields(self.system.lindera.word_details_iter(id as usize)),
            WordRef::Unknown(id) => match self.system.lindera.unknown_dictionary.word_details_iter(id) {
                Some(fields) => Features::from_fields(fields),
                None => Features::from_fields(["UNKNOWN"]),
            },
            WordRef::User(idx) => match &self.user {
                Some(u) => u.entry(idx).features(),
                None => Features::from_fields(["UNKNOWN"]),
            },
            WordRef::Bos => Features::from_fields(["BOS/EOS"]),
        }
    }
}
