//! Where every term of an article's analyzed text stands: the character range of each token
//! of the `text` field (title, summary lines and body), kept in the document store beside the
//! article. A hit's terms are then found from the index's positions and highlighted by these
//! ranges, without analyzing its text again.
//!
//! Tantivy keeps positions but no offsets, so this is the per-document table Lucene keeps in
//! its postings "with offsets". It starts with a version byte and then has one record per
//! token, in the order the analyzer emitted them (positions never decrease), made to be
//! one byte for most tokens (the store's LZ4 does little with such bytes):
//!
//! ```text
//! head     bits 0–1  position − previous position: 0, 1, 2, or 3: a varint follows,
//!                    (delta × 2 + hashed)
//!          bits 2–4  start − previous end: 0–5, or 6: the previous start, or 7: a
//!                    zigzag varint follows
//!          bits 5–7  length: 1–7 characters, or 0: a varint follows
//! hash     two bytes, when hashed
//! ```
//!
//! Where tokens share a position (a compound and its first part, a hanja word and its
//! reading, a piece mark), a term found there is told apart by its length in characters
//! (`삼성전자` covers 4, its part `삼성` 2), or by sharing the same range. Only a position
//! where that would not tell (a stem such as `만나` over `만났다` beside a word of another
//! length) stores a 16-bit hash of each of its terms, and a term is then picked by its hash.

use tantivy::tokenizer::Token;

const VERSION: u8 = 1;

/// One token: its position and character range in the analyzed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Located {
    position: u32,
    start: u32,
    end: u32,
    /// Hash of the term, at a position whose terms are told apart by it.
    hash: Option<u16>,
}

/// The 16-bit hash that tells tokens at one position apart.
fn term_hash(term: &str) -> u16 {
    xxhash_rust::xxh3::xxh3_64(term.as_bytes()) as u16
}

/// The range of the term of `chars` characters among the tokens of one position, told by
/// length alone (`None`: length does not tell).
fn by_length(here: &[Located], chars: usize) -> Option<(u32, u32)> {
    fn same<'a>(mut ts: impl Iterator<Item = &'a Located>) -> Option<(u32, u32)> {
        let first = ts.next()?;
        ts.all(|t| (t.start, t.end) == (first.start, first.end)).then_some((first.start, first.end))
    }
    let fits = |t: &&Located| (t.end - t.start) as usize == chars;
    if here.iter().any(|t| fits(&t)) { same(here.iter().filter(fits)) } else { same(here.iter()) }
}

fn put(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

/// The table of `tokens`, whose byte offsets point into `text`, as stored.
pub fn encode(text: &str, tokens: &[Token]) -> Vec<u8> {
    // Byte offsets to characters, counted from the last offset converted: tokens come in
    // text order, with short steps back (a compound's parts start where it starts).
    let mut at = (0usize, 0usize); // (byte, char)
    let mut chars = |byte: usize| -> u32 {
        let byte = byte.min(text.len());
        at = if byte >= at.0 {
            (byte, at.1 + text.get(at.0..byte).map_or(0, |s| s.chars().count()))
        } else {
            (byte, at.1 - text.get(byte..at.0).map_or(0, |s| s.chars().count()))
        };
        u32::try_from(at.1).unwrap_or(u32::MAX)
    };
    let located: Vec<Located> = tokens
        .iter()
        .map(|t| {
            let start = chars(t.offset_from);
            let end = chars(t.offset_to).max(start);
            Located { position: u32::try_from(t.position).unwrap_or(u32::MAX), start, end, hash: None }
        })
        .collect();
    let mut hashed = vec![false; tokens.len()];
    let mut i = 0;
    while i < located.len() {
        let n = located[i..].iter().take_while(|t| t.position == located[i].position).count();
        let here = &located[i..i + n];
        let told = (i..i + n)
            .all(|k| by_length(here, tokens[k].text.chars().count()) == Some((located[k].start, located[k].end)));
        if !told {
            hashed[i..i + n].fill(true);
        }
        i += n;
    }
    let mut out = Vec::with_capacity(1 + tokens.len() * 5 / 4);
    out.push(VERSION);
    let (mut position, mut start, mut end) = (0u32, 0u32, 0u32);
    for (k, t) in located.iter().enumerate() {
        let delta = t.position.saturating_sub(position);
        let pos_code = if hashed[k] || delta > 2 { 3 } else { delta as u8 };
        let gap = i64::from(t.start) - i64::from(end);
        let gap_code = match gap {
            0..=5 => gap as u8,
            _ if t.start == start => 6,
            _ => 7,
        };
        let len = t.end - t.start;
        let len_code = if (1..=7).contains(&len) { len as u8 } else { 0 };
        out.push(pos_code | gap_code << 2 | len_code << 5);
        if pos_code == 3 {
            put(&mut out, u64::from(delta) * 2 + u64::from(hashed[k]));
        }
        if gap_code == 7 {
            put(&mut out, zigzag(gap));
        }
        if len_code == 0 {
            put(&mut out, u64::from(len));
        }
        if hashed[k] {
            out.extend_from_slice(&term_hash(&tokens[k].text).to_le_bytes());
        }
        (position, start, end) = (t.position.max(position), t.start, t.end);
    }
    out
}

/// A decoded table.
#[derive(Debug, Clone, Default)]
pub struct Offsets {
    tokens: Vec<Located>,
}

impl Offsets {
    /// Reads a stored table; `None` if it is not one (another version, or cut short).
    pub fn decode(bytes: &[u8]) -> Option<Offsets> {
        let (&version, mut rest) = bytes.split_first()?;
        if version != VERSION {
            return None;
        }
        let get = |rest: &mut &[u8]| -> Option<u64> {
            let mut v = 0u64;
            for shift in (0..64).step_by(7) {
                let (&b, tail) = rest.split_first()?;
                *rest = tail;
                v |= u64::from(b & 0x7f) << shift;
                if b < 0x80 {
                    return Some(v);
                }
            }
            None
        };
        let mut tokens = Vec::with_capacity(bytes.len());
        let (mut position, mut start, mut end) = (0u32, 0u32, 0u32);
        while let Some((&head, tail)) = rest.split_first() {
            rest = tail;
            let (pos_code, gap_code, len_code) = (head & 3, head >> 2 & 7, head >> 5);
            let (delta, hashed) = match pos_code {
                3 => {
                    let v = get(&mut rest)?;
                    (u32::try_from(v >> 1).ok()?, v & 1 == 1)
                }
                d => (u32::from(d), false),
            };
            position = position.checked_add(delta)?;
            let s = match gap_code {
                0..=5 => end.checked_add(u32::from(gap_code))?,
                6 => start,
                _ => u32::try_from(i64::from(end).checked_add(unzigzag(get(&mut rest)?))?).ok()?,
            };
            let len = match len_code {
                0 => u32::try_from(get(&mut rest)?).ok()?,
                l => u32::from(l),
            };
            let hash = if hashed {
                let (h, tail) = rest.split_first_chunk::<2>()?;
                rest = tail;
                Some(u16::from_le_bytes(*h))
            } else {
                None
            };
            (start, end) = (s, s.checked_add(len)?);
            tokens.push(Located { position, start, end, hash });
        }
        Some(Offsets { tokens })
    }

    /// The character range of `term` at `position`, where the index has it.
    pub fn range(&self, position: u32, term: &str) -> Option<(usize, usize)> {
        let from = self.tokens.partition_point(|t| t.position < position);
        let n = self.tokens[from..].iter().take_while(|t| t.position == position).count();
        let here = &self.tokens[from..from + n];
        let (s, e) = if here.first()?.hash.is_some() {
            let h = term_hash(term);
            here.iter().find(|t| t.hash == Some(h)).map(|t| (t.start, t.end))?
        } else {
            by_length(here, term.chars().count())?
        };
        Some((s as usize, e as usize))
    }

    /// Number of tokens in the table.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, from: usize, to: usize, position: usize) -> Token {
        Token { offset_from: from, offset_to: to, position, text: text.into(), position_length: 1 }
    }

    #[test]
    fn ranges_come_back_in_characters_and_shared_positions_pick_their_term() {
        // 삼성전자가 반도체를 만났다: a compound and its first part share position 0.
        let text = "삼성전자가 반도체를 만났다";
        let tokens = vec![
            token("삼성전자", 0, 12, 0),
            token("삼성", 0, 6, 0),
            token("전자", 6, 12, 1),
            token("반도체", 16, 25, 2),
            token("만나", 29, 38, 3),
        ];
        let table = Offsets::decode(&encode(text, &tokens)).unwrap();
        assert_eq!(table.len(), 5);
        assert_eq!(table.range(0, "삼성전자"), Some((0, 4)));
        assert_eq!(table.range(0, "삼성"), Some((0, 2)));
        assert_eq!(table.range(1, "전자"), Some((2, 4)));
        assert_eq!(table.range(2, "반도체"), Some((6, 9)));
        // A stem covers the inflected word.
        assert_eq!(table.range(3, "만나"), Some((11, 14)));
        assert_eq!(table.range(4, "만나"), None);
        // One byte a token where lengths tell the terms apart.
        assert_eq!(encode(text, &tokens).len(), 1 + tokens.len());
    }

    #[test]
    fn where_lengths_do_not_tell_the_terms_apart_their_hashes_do() {
        // A stem of two characters over three, beside a one-character token of another range.
        let text = "그는 만났다";
        let tokens = vec![token("그", 0, 3, 0), token("만나", 7, 16, 1), token("다", 13, 16, 1)];
        let bytes = encode(text, &tokens);
        // Version, 그, then head, position varint and hash of each (다 steps back: a gap varint).
        assert_eq!(bytes.len(), 1 + 1 + (1 + 1 + 2) + (1 + 1 + 1 + 2), "the shared position carries hashes");
        let table = Offsets::decode(&bytes).unwrap();
        assert_eq!(table.range(1, "만나"), Some((3, 6)));
        assert_eq!(table.range(1, "다"), Some((5, 6)));
        assert_eq!(table.range(0, "그"), Some((0, 1)));
    }

    #[test]
    fn gaps_in_positions_and_steps_back_survive_the_round_trip() {
        let text = "가나 다라 마바 사아 자차";
        let tokens =
            vec![token("가나", 0, 6, 0), token("마바", 14, 20, 5), token("다라", 7, 13, 5), token("자차", 28, 34, 300)];
        let table = Offsets::decode(&encode(text, &tokens)).unwrap();
        assert_eq!(table.range(5, "마바"), Some((6, 8)));
        assert_eq!(table.range(5, "다라"), Some((3, 5)));
        assert_eq!(table.range(300, "자차"), Some((12, 14)));
    }

    #[test]
    fn a_damaged_table_is_refused_not_misread() {
        let tokens = vec![token("서울", 0, 6, 0), token("서울시", 0, 9, 0)];
        let bytes = encode("서울시는 전국에서 가장 큰 도시", &tokens);
        for cut in 0..bytes.len() - 1 {
            assert!(Offsets::decode(&bytes[..cut]).is_none_or(|t| t.len() < 2), "cut at {cut}");
        }
        assert!(Offsets::decode(&[9, 1, 2, 3]).is_none(), "another version");
        assert!(
            Offsets::decode(&[VERSION, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).is_none()
        );
        assert!(Offsets::decode(&[VERSION]).is_some_and(|t| t.is_empty()));
    }
}
