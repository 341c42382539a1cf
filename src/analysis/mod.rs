//! Korean analysis: text in, search terms with exact offsets out.
//!
//! The chain is Lucene Nori's, stage by stage: NFKC normalization that keeps the way back to
//! the original offsets ([`normalize`]), MeCab-ko segmentation on the mecab-ko-dic dictionary
//! and an optional user dictionary, read as one [`Lexicon`] ([`segmenter`]), then small token
//! filters with explicit options ([`filters`]). [`tokenizer`] wraps the whole chain as a
//! tantivy tokenizer; the same [`Analyzer`] analyzes documents at index time and queries at
//! search time, so both sides always agree on what a word is.

pub mod filters;
pub mod morpheme;
pub mod normalize;
pub mod segmenter;
pub mod token;
pub mod tokenizer;

use std::borrow::Cow;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Result;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use filters::decompound::DecompoundMode;
use filters::{Context, pos::DEFAULT_STOP_TAGS, pos::KNOWN_TAGS};
pub use morpheme::Morpheme;
use segmenter::{Lattice, Segmenter};
pub use token::{Role, Term, Token};

use crate::dict::user::UserDictionary;
use crate::dict::{KoDict, Lexicon, WordKind, WordRef, tags};

/// Segments longer than this (bytes) are cut at a sentence end before segmentation, to keep
/// the lattice small; MeCab gives the same words either side of a sentence end.
const MAX_SEGMENT_BYTES: usize = 64 * 1024;

/// Every option of the analysis chain. Part of an index's identity: an index records the
/// fingerprint of the options it was built with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalyzerOptions {
    /// Part-of-speech tags to drop (a multi-tag entry is judged by its first tag).
    pub stop_tags: Vec<String>,
    pub decompound: DecompoundMode,
    /// Split inflected forms and index the stem.
    pub stem_inflections: bool,
    /// Apply NFKC before analysis.
    pub normalize: bool,
    pub lowercase: bool,
    /// Index Hanja as its Hangul reading.
    pub hanja_reading: bool,
    /// Drop tokens without a letter or digit.
    pub discard_punctuation: bool,
    /// A user dictionary file (mecab-ko-dic CSV or Nori `word parts…` lines).
    pub user_dictionary: Option<PathBuf>,
    /// Index a word the dictionary reads only in pieces (`딥시크` = 딥 + 시크) whole as well,
    /// with `mixed` decompounding (see [`filters::runs`]). Indexes made before this option
    /// have none in their `gisa.json`, which reads as `false`: they keep working as built.
    #[serde(default)]
    pub join_pieces: bool,
    /// Also index each piece of a run that reads as a new name that is a word of its own
    /// (`시크` of 딥시크, not `딥`) a second time as a piece mark, so that a piece searched
    /// alone ranks the articles where it is a word above those where it is a piece of a name
    /// (see [`filters::runs`] and `search::pieces`). Indexes made before this option read as `false` and keep working
    /// as built; `--pieces-equal` builds without marks.
    #[serde(default)]
    pub mark_pieces: bool,
}

impl Default for AnalyzerOptions {
    fn default() -> Self {
        AnalyzerOptions {
            stop_tags: DEFAULT_STOP_TAGS.iter().map(|s| (*s).to_owned()).collect(),
            decompound: DecompoundMode::Mixed,
            stem_inflections: true,
            normalize: true,
            lowercase: true,
            hanja_reading: false,
            discard_punctuation: true,
            user_dictionary: None,
            join_pieces: true,
            mark_pieces: true,
        }
    }
}

/// A morpheme with its features, for `gisa analyze --morphemes` and the agreement check.
#[derive(Debug, Clone, Serialize)]
pub struct MorphemeInfo {
    pub surface: String,
    pub pos: String,
    /// Byte offsets into the original text.
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub reading: String,
    pub expression: String,
    pub source: &'static str,
}

/// The Korean analyzer.
#[derive(Clone)]
pub struct Analyzer {
    segmenter: Segmenter,
    options: AnalyzerOptions,
    stop: tags::TagSet,
    fingerprint: String,
}

thread_local! {
    static BUFFERS: RefCell<(Lattice, Vec<Morpheme>)> = RefCell::new((Lattice::default(), Vec::new()));
}

impl Analyzer {
    /// Builds an analyzer over `dict`; fails on an unknown stop tag or a bad user dictionary.
    pub fn new(dict: Arc<KoDict>, options: AnalyzerOptions) -> Result<Analyzer> {
        let lexicon = Lexicon::load(dict, options.user_dictionary.as_deref())?;
        Analyzer::with_lexicon(lexicon, options)
    }

    /// The analyzer `options` describe, with `user` as the contents of their user dictionary
    /// (`None`: no user dictionary) instead of what the file holds now — the analyzer an index
    /// was built with, from the copy of the user dictionary it keeps.
    pub fn with_user_text(dict: Arc<KoDict>, options: AnalyzerOptions, user: Option<&str>) -> Result<Analyzer> {
        Analyzer::with_lexicon(Lexicon::with_user_text(dict, user)?, options)
    }

    /// The analyzer `options` describe over `lexicon`, whose user dictionary stands for theirs.
    fn with_lexicon(lexicon: Lexicon, options: AnalyzerOptions) -> Result<Analyzer> {
        let stop = tags::TagSet::from_names(&options.stop_tags).map_err(|tag| {
            anyhow::anyhow!("unknown part-of-speech tag {tag:?} in the stop tags (known: {})", KNOWN_TAGS.join(" "))
        })?;
        let mut hasher = Sha256::new();
        hasher.update(b"gisa-analyzer-1");
        hasher.update(lexicon.system().manifest.fingerprint.as_bytes());
        let mut identity = options.clone();
        identity.user_dictionary = None;
        // Hashed as the options were before `mark_pieces` and `join_pieces` (the last
        // fields) existed when they are off, so the indexes built then keep their fingerprint.
        let mut identity = serde_json::to_string(&identity)?;
        for (suffix, off) in
            [(",\"mark_pieces\":false}", !options.mark_pieces), (",\"join_pieces\":false}", !options.join_pieces)]
        {
            if let Some(before) = identity.strip_suffix(suffix)
                && off
            {
                identity = format!("{before}}}");
            }
        }
        hasher.update(identity.as_bytes());
        if let Some(u) = lexicon.user() {
            hasher.update(u.sha256.as_bytes());
        }
        let fingerprint = hex::encode(&hasher.finalize()[..8]);
        Ok(Analyzer { segmenter: Segmenter::new(lexicon), options, stop, fingerprint })
    }

    /// The analyzer with default options over the dictionary found by `--dict`/`GISA_DICT`.
    pub fn open_default(dict_arg: Option<&std::path::Path>) -> Result<Analyzer> {
        Analyzer::new(Arc::new(KoDict::open_default(dict_arg)?), AnalyzerOptions::default())
    }

    pub fn options(&self) -> &AnalyzerOptions {
        &self.options
    }

    /// The system and user dictionaries it analyzes with.
    pub fn lexicon(&self) -> &Lexicon {
        self.segmenter.lexicon()
    }

    /// The system dictionary.
    pub fn dict(&self) -> &Arc<KoDict> {
        self.lexicon().system_shared()
    }

    /// The user dictionary, if any.
    pub fn user_dictionary(&self) -> Option<&UserDictionary> {
        self.lexicon().user()
    }

    /// Short hash of dictionary, options and user dictionary: equal fingerprints give equal
    /// terms for every text.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The same analyzer with other options (sharing the loaded dictionary).
    pub fn with_options(&self, options: AnalyzerOptions) -> Result<Analyzer> {
        Analyzer::new(self.dict().clone(), options)
    }

    /// Raw MeCab-ko segmentation of `text` (as given, without normalization).
    pub fn segment(&self, text: &str) -> Vec<Morpheme> {
        let mut out = Vec::new();
        BUFFERS.with(|b| {
            let (lattice, _) = &mut *b.borrow_mut();
            for (s, e) in segments(text) {
                self.segmenter.segment(&text[s..e], s, lattice, &mut out);
            }
        });
        out
    }

    /// Segmentation with features, for display.
    pub fn morphemes(&self, text: &str) -> Vec<MorphemeInfo> {
        let lexicon = self.lexicon();
        self.segment(text)
            .into_iter()
            .map(|m| {
                let f = lexicon.features(m.word);
                MorphemeInfo {
                    surface: text[m.start..m.end].to_owned(),
                    pos: f.pos.to_owned(),
                    start: m.start,
                    end: m.end,
                    kind: f.kind.to_owned(),
                    reading: f.reading.to_owned(),
                    expression: f.expression.to_owned(),
                    source: match m.word {
                        WordRef::System(_) => "dictionary",
                        WordRef::Unknown(_) => "unknown",
                        WordRef::User(_) => "user",
                        WordRef::Bos => "bos",
                    },
                }
            })
            .collect()
    }

    /// Runs the whole chain and calls `f` with each term, in position order. `f` gets the
    /// term text, byte offsets into `text`, position, position length, tag and role. Piece
    /// marks are not among the terms: they exist only in the index
    /// ([`Analyzer::for_each_indexed_term`]).
    pub fn for_each_term(&self, text: &str, f: impl FnMut(&str, usize, usize, u32, u32, &str, Role)) {
        self.chain(text, false, f);
    }

    /// The terms an index holds for `text`: those of [`Analyzer::for_each_term`] and, with
    /// `mark_pieces`, the piece marks of runs that read as new names (see [`filters::runs`]).
    pub fn for_each_indexed_term(&self, text: &str, f: impl FnMut(&str, usize, usize, u32, u32, &str, Role)) {
        self.chain(text, self.options.mark_pieces, f);
    }

    fn chain(&self, text: &str, marks: bool, mut f: impl FnMut(&str, usize, usize, u32, u32, &str, Role)) {
        let norm = normalize::normalize(text, self.options.normalize);
        let ntext: &str = &norm.text;
        let lexicon = self.lexicon();
        BUFFERS.with(|b| {
            let (lattice, morphemes) = &mut *b.borrow_mut();
            morphemes.clear();
            for (s, e) in segments(ntext) {
                self.segmenter.segment(&ntext[s..e], s, lattice, morphemes);
            }
            let mut tokens: Vec<Token> = morphemes
                .iter()
                .map(|m| {
                    // Plain words are described by the side table alone; entries with an
                    // expression (compounds, inflected forms) need their features.
                    let info = lexicon.info(m.word);
                    let (tag, expression) = match info.kind {
                        WordKind::Plain => (tags::tag_name(info.tag), "*"),
                        _ => {
                            let f = lexicon.features(m.word);
                            (f.pos, f.expression)
                        }
                    };
                    // A few dictionary surfaces end in a space ("내셔날 "); the term does not.
                    let surface = ntext[m.start..m.end].trim_end();
                    Token {
                        text: Cow::Borrowed(surface),
                        start: m.start,
                        end: m.start + surface.len(),
                        tag,
                        tag_id: info.tag,
                        role: Role::Word,
                        pos_inc: 1,
                        pos_len: 1,
                        word: m.word,
                        kind: info.kind,
                        expression,
                    }
                })
                .collect();
            let ctx = Context { lexicon, text: ntext };
            let joined = self.options.join_pieces && self.options.decompound == DecompoundMode::Mixed;
            let runs = filters::runs::find(joined, &tokens);
            filters::decompound::apply(self.options.decompound, &ctx, &mut tokens);
            filters::inflection::apply(self.options.stem_inflections, &ctx, &mut tokens);
            filters::pos::apply(self.stop, &mut tokens);
            filters::punctuation::apply(self.options.discard_punctuation, &mut tokens);
            filters::reading::apply(self.options.hanja_reading, &ctx, &mut tokens);
            filters::lowercase::apply(self.options.lowercase, &mut tokens);
            filters::runs::apply(&runs, ntext, self.options.lowercase, marks, &mut tokens);
            let mut position: i64 = -1;
            for t in &tokens {
                position += t.pos_inc as i64;
                let position = position.max(0) as u32;
                f(&t.text, norm.map_start(t.start), norm.map_end(t.end), position, t.pos_len, t.tag, t.role);
            }
        });
    }

    /// All terms of `text`.
    pub fn analyze(&self, text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        self.for_each_term(text, |term, start, end, position, position_length, pos, role| {
            out.push(Term { text: term.to_owned(), start, end, position, position_length, pos: pos.to_owned(), role });
        });
        out
    }
}

/// Cuts text into the spans segmented one at a time: lines, and long lines at sentence ends.
pub fn segments(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut s = line_start;
        let e = line_start + line.len();
        while e - s > MAX_SEGMENT_BYTES {
            let window = &text[s..s + floor_char_boundary(&text[s..], MAX_SEGMENT_BYTES)];
            // Prefer a whitespace after sentence-final punctuation, then any whitespace.
            let cut = window
                .char_indices()
                .rev()
                .find(|&(i, c)| c.is_whitespace() && i > 0 && window[..i].ends_with(['.', '?', '!', '。']))
                .or_else(|| window.char_indices().rev().find(|&(i, c)| c.is_whitespace() && i > 0))
                .map(|(i, _)| i)
                .unwrap_or(window.len());
            let cut = cut.max(window.chars().next().map_or(1, char::len_utf8));
            out.push((s, s + cut));
            s += cut;
        }
        if e > s {
            out.push((s, e));
        }
        line_start = e;
    }
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
