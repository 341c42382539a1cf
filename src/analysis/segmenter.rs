//! Morphological segmentation: MeCab-ko's Viterbi search, on lindera's dictionary.
//!
//! lindera's own `Segmenter` treats whitespace as a node of the lattice and scores the word
//! after a space against that node; MeCab-ko skips whitespace, scores the word against the
//! word before the space, and adds a penalty by part of speech (`left-space-penalty-factor`).
//! The two disagree on about 4% of the tokens of news text, and `Segmenter::new` also spends
//! 0.1–0.25 s building a penalty table that every short-lived `gisa search` would pay. This
//! module therefore runs MeCab-ko's algorithm itself — the same lookup (`Tokenizer::lookup`:
//! whitespace skipping, dictionary prefix search, unknown-word grouping by character class),
//! the same costs, and the same tie-breaking order as MeCab's linked lists — directly on the
//! memory-mapped lindera structures, so that gisa segments exactly as MeCab-ko does and a
//! process is ready to analyze as soon as the dictionary is mapped.

use std::sync::Arc;

use lindera_dictionary::dictionary::character_definition::CategoryId;

use super::morpheme::Morpheme;
use crate::dict::mecab::CharInfo;
use crate::dict::{KoDict, Lexicon, WordRef};

/// MeCab's `DEFAULT_MAX_GROUPING_SIZE`: the longest run of same-class characters (after the
/// first) that becomes one unknown word.
const MAX_GROUPING_SIZE: usize = 24;
/// Number of code points with their own entry in the class table (MeCab maps the rest to U+0000).
const TABLE_LEN: usize = 0x10000;
/// MeCab looks at most 65535 bytes ahead for one word.
const MAX_LOOKAHEAD_BYTES: usize = 65535;

/// The class of every BMP code point, computed once from lindera's character definition.
pub struct CharTable {
    table: Box<[CharInfo]>,
}

impl CharTable {
    pub fn new(dict: &KoDict) -> CharTable {
        let cd = &dict.lindera.character_definition;
        let mut table = vec![CharInfo::default(); TABLE_LEN].into_boxed_slice();
        let mut last: Option<(*const CategoryId, usize, CharInfo)> = None;
        for (cp, slot) in table.iter_mut().enumerate() {
            let Some(c) = char::from_u32(cp as u32) else { continue };
            let cats = cd.lookup_categories(c);
            // Runs of code points share one category slice; reuse the decoded info.
            if let Some((ptr, len, info)) = last
                && ptr == cats.as_ptr()
                && len == cats.len()
            {
                *slot = info;
                continue;
            }
            let info = match cats.first() {
                Some(&first) => {
                    let data = cd.lookup_definition(first);
                    CharInfo {
                        types: cats.iter().fold(0, |acc, CategoryId(id)| acc | (1u32 << id)),
                        default_type: first.0 as u8,
                        length: data.length as u8,
                        group: data.group,
                        invoke: data.invoke,
                    }
                }
                None => CharInfo::default(),
            };
            *slot = info;
            last = Some((cats.as_ptr(), cats.len(), info));
        }
        // Surrogates never occur in a `str`; give them U+0000's class for completeness.
        let nul = table[0];
        for slot in &mut table[0xD800..=0xDFFF] {
            *slot = nul;
        }
        CharTable { table }
    }

    /// MeCab's `getCharInfo`: code points above U+FFFF decode to 0 and take U+0000's class.
    #[inline]
    pub fn get(&self, c: char) -> CharInfo {
        let cp = c as usize;
        if cp < TABLE_LEN { self.table[cp] } else { self.table[0] }
    }
}

/// A lattice node: one candidate word.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Character index where the word's text starts (after skipped whitespace).
    start: u32,
    /// Character index where the word ends.
    end: u32,
    left_id: u16,
    right_id: u16,
    /// Word cost plus the whitespace penalty, when it applies.
    word_cost: i32,
    word: WordRef,
    /// Cost of the best path from BOS through this node.
    path_cost: i64,
    /// Best predecessor (node index).
    prev: u32,
    /// Next node ending at the same position (MeCab's `enext`), `NONE` at the end.
    enext: u32,
}

/// The cheapest path among the left nodes with one right id (see `segment`).
#[derive(Debug, Clone, Copy)]
struct Group {
    right_id: u16,
    cost: i64,
    /// `cost << ORDER_BITS | order`, where `order` is the index of the group's best node in
    /// MeCab's list of nodes ending at this position.
    key: i64,
}

/// Bits of a group key that hold the node's order (nodes ending at one position are far
/// fewer than 2^24); path costs stay far below 2^39 for the segments gisa analyzes.
const ORDER_BITS: u32 = 24;
const ORDER_MASK: i64 = (1 << ORDER_BITS) - 1;

const NONE: u32 = u32::MAX;
const BOS: u32 = 0;

/// Reusable buffers for segmenting one span of text.
#[derive(Default)]
pub struct Lattice {
    chars: Vec<char>,
    infos: Vec<CharInfo>,
    /// Byte offset of every character, plus the end.
    offsets: Vec<usize>,
    nodes: Vec<Node>,
    /// Head of the list of nodes ending at each character position.
    end_head: Vec<u32>,
    /// Nodes created by the current lookup, in creation order.
    fresh: Vec<Node>,
    groups: Vec<Group>,
    /// Nodes ending at the current position, in MeCab's list order.
    node_by_order: Vec<u32>,
    /// Per right id: (stamp, index of its group) at the current position.
    right_slot: Vec<(u32, u32)>,
    /// Per left id: (stamp, best left node, path cost to it) at the current position.
    left_slot: Vec<(u32, u32, i64)>,
    stamp: u32,
}

/// MeCab-ko's segmenter over a lexicon (the system dictionary and an optional user
/// dictionary).
#[derive(Clone)]
pub struct Segmenter {
    lexicon: Lexicon,
    chars: Arc<CharTable>,
    space: CharInfo,
    unk_ids: Arc<Vec<Vec<u32>>>,
    /// [`KoDict::trimmed_suffix_filter`].
    trimmed_filter: u64,
}

impl Segmenter {
    pub fn new(lexicon: Lexicon) -> Segmenter {
        let dict = lexicon.system();
        let chars = Arc::new(CharTable::new(dict));
        let space = chars.get(' ');
        let unk = &dict.lindera.unknown_dictionary;
        let ncat = dict.lindera.character_definition.categories().len();
        let unk_ids = (0..ncat).map(|c| unk.lookup_word_ids(CategoryId(c)).to_vec()).collect();
        let trimmed_filter = dict.trimmed_suffix_filter();
        Segmenter { lexicon, chars, space, unk_ids: Arc::new(unk_ids), trimmed_filter }
    }

    /// The dictionaries it segments with.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn char_table(&self) -> &CharTable {
        &self.chars
    }

    /// Segments `text` as one MeCab sentence and appends its morphemes (byte offsets into
    /// `text`, shifted by `base`) to `out`.
    pub fn segment(&self, text: &str, base: usize, lattice: &mut Lattice, out: &mut Vec<Morpheme>) {
        let lat = lattice;
        lat.chars.clear();
        lat.offsets.clear();
        lat.infos.clear();
        for (i, c) in text.char_indices() {
            lat.chars.push(c);
            lat.offsets.push(i);
            lat.infos.push(self.chars.get(c));
        }
        lat.offsets.push(text.len());
        let n = lat.chars.len();
        if n == 0 {
            return;
        }
        lat.nodes.clear();
        lat.end_head.clear();
        lat.end_head.resize(n + 1, NONE);
        lat.nodes.push(Node {
            start: 0,
            end: 0,
            left_id: 0,
            right_id: 0,
            word_cost: 0,
            word: WordRef::Bos,
            path_cost: 0,
            prev: NONE,
            enext: NONE,
        });
        lat.end_head[0] = BOS;

        for pos in 0..n {
            if lat.end_head[pos] == NONE {
                continue;
            }
            self.lookup(pos, lat);
            // MeCab prepends each new node to its `bnext` list and then connects the list
            // from the head: the last created node is connected first.
            let fresh = std::mem::take(&mut lat.fresh);
            if fresh.is_empty() {
                lat.fresh = fresh;
                continue;
            }
            // The left nodes grouped by right id: within a group the connection cost is the
            // same, so only the cheapest path (the first one met, on a tie) can win. Each
            // group remembers where its node sits in MeCab's list, to break ties between
            // groups exactly as MeCab's strict `<` over the whole list does.
            // Slot tables are stamped per position instead of cleared.
            if lat.stamp == u32::MAX {
                lat.right_slot.iter_mut().for_each(|s| s.0 = 0);
                lat.left_slot.iter_mut().for_each(|s| s.0 = 0);
                lat.stamp = 0;
            }
            lat.stamp += 1;
            let stamp = lat.stamp;
            lat.groups.clear();
            lat.node_by_order.clear();
            let mut l = lat.end_head[pos];
            while l != NONE {
                let lnode = &lat.nodes[l as usize];
                let order = lat.node_by_order.len() as i64;
                lat.node_by_order.push(l);
                let rid = lnode.right_id as usize;
                if rid >= lat.right_slot.len() {
                    lat.right_slot.resize(rid + 1, (0, 0));
                }
                let slot = &mut lat.right_slot[rid];
                if slot.0 == stamp {
                    let g = &mut lat.groups[slot.1 as usize];
                    if lnode.path_cost < g.cost {
                        g.cost = lnode.path_cost;
                        g.key = (lnode.path_cost << ORDER_BITS) + order;
                    }
                } else {
                    *slot = (stamp, lat.groups.len() as u32);
                    lat.groups.push(Group {
                        right_id: lnode.right_id,
                        cost: lnode.path_cost,
                        key: (lnode.path_cost << ORDER_BITS) + order,
                    });
                }
                l = lnode.enext;
            }
            let matrix = &self.lexicon.system().lindera.connection_cost_matrix;
            // The best left node depends on the right node's left id only (its word cost
            // adds the same amount to every path), so it is found once per left id. The
            // minimum is taken over `cost << ORDER_BITS | order`: the cheapest path, and on
            // a tie the node met first in MeCab's list, without a branch.
            for node in fresh.iter().rev() {
                let lid = node.left_id as usize;
                if lid >= lat.left_slot.len() {
                    lat.left_slot.resize(lid + 1, (0, NONE, 0));
                }
                let (best, path) = if lat.left_slot[lid].0 == stamp {
                    (lat.left_slot[lid].1, lat.left_slot[lid].2)
                } else {
                    let row = matrix.row(node.left_id as u32);
                    let mut best_key = i64::MAX;
                    for g in &lat.groups {
                        let key = g.key + ((row[g.right_id as usize] as i64) << ORDER_BITS);
                        best_key = best_key.min(key);
                    }
                    let order = (best_key & ORDER_MASK) as usize;
                    let best = lat.node_by_order[order];
                    let path = best_key >> ORDER_BITS;
                    lat.left_slot[lid] = (stamp, best, path);
                    (best, path)
                };
                let best_cost = path + node.word_cost as i64;
                let mut node = *node;
                node.path_cost = best_cost;
                node.prev = best;
                let idx = lat.nodes.len() as u32;
                node.enext = lat.end_head[node.end as usize];
                lat.end_head[node.end as usize] = idx;
                lat.nodes.push(node);
            }
            lat.fresh = fresh;
            lat.fresh.clear();
        }

        // EOS connects to the nodes of the last position that has any (trailing whitespace
        // belongs to no word).
        let Some(last) = (0..=n).rev().find(|&p| lat.end_head[p] != NONE) else { return };
        let mut best = NONE;
        let mut best_cost = i64::MAX;
        let mut l = lat.end_head[last];
        while l != NONE {
            let lnode = &lat.nodes[l as usize];
            let cost = lnode.path_cost + self.connection(lnode.right_id, 0) as i64;
            if cost < best_cost {
                best_cost = cost;
                best = l;
            }
            l = lnode.enext;
        }
        let first_new = out.len();
        let mut cur = best;
        while cur != NONE && cur != BOS {
            let node = &lat.nodes[cur as usize];
            out.push(Morpheme {
                start: base + lat.offsets[node.start as usize],
                end: base + lat.offsets[node.end as usize],
                word: node.word,
            });
            cur = node.prev;
        }
        out[first_new..].reverse();
    }

    #[inline]
    fn connection(&self, right_of_left: u16, left_of_right: u16) -> i32 {
        self.lexicon.system().lindera.connection_cost_matrix.cost(right_of_left as u32, left_of_right as u32)
    }

    /// MeCab's `Tokenizer::lookup` at character position `pos`: every word that can start
    /// there (after skipping whitespace), pushed to `lat.fresh` in MeCab's creation order.
    fn lookup(&self, pos: usize, lat: &mut Lattice) {
        let n = lat.chars.len();
        let mut begin = pos;
        while begin < n && lat.infos[begin].is_kind_of(self.space) {
            begin += 1;
        }
        if begin == n {
            return;
        }
        let skipped = begin > pos;
        self.lookup_at(begin, skipped, lat);
    }

    /// The lookup itself at a non-space position: dictionary, user dictionary, unknown words.
    fn lookup_at(&self, begin: usize, skipped: bool, lat: &mut Lattice) {
        let n = lat.chars.len();
        let cinfo = lat.infos[begin];
        // The 64 KiB lookahead cap, in characters.
        let limit_byte = lat.offsets[begin] + MAX_LOOKAHEAD_BYTES;
        let end = if lat.offsets[n] > limit_byte {
            lat.offsets.partition_point(|&o| o <= limit_byte).saturating_sub(1).max(begin + 1)
        } else {
            n
        };

        // System dictionary, shortest match first, homographs in dictionary order.
        let (chars, fresh): (&[char], _) = (&lat.chars, &mut lat.fresh);
        self.lexicon.for_each_system_word(&chars[begin..end], |w, len| {
            let dict = self.lexicon.system();
            let mut word_end = begin + len;
            if self.trimmed_filter >> (w.word_id % 64) & 1 != 0
                && let Some(suffix) = dict.trimmed_suffix(w.word_id)
            {
                // The MeCab surface ends in whitespace that lindera trimmed from the key.
                let rest = &chars[word_end..end];
                let suffix_chars = suffix.chars().count();
                if rest.len() < suffix_chars || !rest.iter().zip(suffix.chars()).all(|(a, b)| *a == b) {
                    return;
                }
                word_end += suffix_chars;
            }
            // The part-of-speech id matters only for the whitespace penalty.
            let posid = if skipped { dict.word_posid(w.word_id) } else { 0 };
            self.push(
                fresh,
                begin,
                word_end,
                w.left_id,
                w.right_id,
                w.cost,
                posid,
                skipped,
                WordRef::System(w.word_id),
            );
        });
        // User dictionary entries come after the system dictionary's, as in MeCab.
        self.lexicon.for_each_user_word(&chars[begin..end], |idx, e, k| {
            self.push(fresh, begin, begin + k, e.left_id, e.right_id, e.cost, e.pos_id, skipped, WordRef::User(idx));
        });

        if !lat.fresh.is_empty() && !cinfo.invoke {
            return;
        }

        // Unknown words.
        let mut begin3 = begin + 1;
        let mut group_end = usize::MAX;
        if cinfo.group {
            let tmp = begin3;
            let mut c = cinfo;
            let mut clen = 0;
            while begin3 < end && c.is_kind_of(lat.infos[begin3]) {
                c = lat.infos[begin3];
                begin3 += 1;
                clen += 1;
            }
            if clen <= MAX_GROUPING_SIZE {
                self.push_unknown(&mut lat.fresh, begin, begin3, cinfo, skipped);
            }
            group_end = begin3;
            begin3 = tmp;
        }
        for _ in 1..=cinfo.length {
            if begin3 > end {
                break;
            }
            if begin3 == group_end {
                continue;
            }
            self.push_unknown(&mut lat.fresh, begin, begin3, cinfo, skipped);
            // At the end of the text MeCab reads the terminating NUL, which either ends the
            // loop or steps past the end; both create nothing more.
            if begin3 == end || !cinfo.is_kind_of(lat.infos[begin3]) {
                break;
            }
            begin3 += 1;
        }
        if lat.fresh.is_empty() {
            self.push_unknown(&mut lat.fresh, begin, begin3.min(end), cinfo, skipped);
        }
    }

    fn push_unknown(&self, fresh: &mut Vec<Node>, begin: usize, end: usize, cinfo: CharInfo, skipped: bool) {
        let dict = self.lexicon.system();
        let unk = &dict.lindera.unknown_dictionary;
        for &id in &self.unk_ids[cinfo.default_type as usize] {
            let w = unk.word_entry(id);
            let posid = dict.unknown_info(id).posid;
            self.push(
                fresh,
                begin,
                end,
                w.left_id() as u16,
                w.right_id() as u16,
                w.word_cost() as i32,
                posid,
                skipped,
                WordRef::Unknown(id),
            );
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn push(
        &self,
        fresh: &mut Vec<Node>,
        begin: usize,
        end: usize,
        left_id: u16,
        right_id: u16,
        cost: i32,
        posid: u16,
        skipped: bool,
        word: WordRef,
    ) {
        let penalty = if skipped { self.lexicon.system().space_penalty(posid) } else { 0 };
        fresh.push(Node {
            start: begin as u32,
            end: end as u32,
            left_id,
            right_id,
            word_cost: cost + penalty,
            word,
            path_cost: 0,
            prev: NONE,
            enext: NONE,
        });
    }
}
