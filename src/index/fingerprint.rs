//! An article's near-duplicate fingerprint, and whether two fingerprints are one story.
//!
//! Syndicated Korean news (a 연합뉴스 wire story, a press release) comes back from other
//! outlets with a new headline, another dateline and lede, a different reporter line, a
//! trimmed or extended ending, paragraphs moved. What survives is most of the body's
//! sentences, so the fingerprint is a MinHash of the body's character shingles: the body
//! with everything but letters and digits removed (spacing and punctuation are what
//! outlets change first), cut into overlapping runs of [`SHINGLE`] characters, hashed once
//! each and sketched by one-permutation hashing ([`BINS`] bins, the minimum per bin, empty
//! bins filled from their right neighbour — Shrivastava & Li's densification), 16 bits a
//! bin. Two sketches agree in a bin with probability ≈ the Jaccard similarity of the two
//! shingle sets.
//!
//! Character shingles rather than shingles of analyzed terms: they need no second pass of
//! the morphological analyzer at index time (the analyzer is most of indexing's cost, and
//! the measured goal is ≤ 10% more), and they are as selective for Korean, where a 5-syllable
//! run is nearly always within one or two words. The threshold was chosen on the labeled set
//! of `scripts/near_dup_eval.py` (README, "Near-duplicate stories").
//!
//! [`same_story`] asks for both an estimated Jaccard similarity of [`MIN_JACCARD`] and an
//! estimated containment of the shorter text in the longer of [`MIN_CONTAINMENT`]: a copy
//! with its last paragraph dropped and another lede still shares most of the shorter text,
//! while two outlets' own articles on one event that quote the same briefing share a third
//! of it or less.

use xxhash_rust::xxh3::xxh3_64;

/// Characters per shingle.
pub const SHINGLE: usize = 5;
/// Bins of a sketch.
pub const BINS: usize = 256;
/// Two articles are one story when the estimated Jaccard similarity of their shingles is at
/// least this…
pub const MIN_JACCARD: f64 = 0.35;
/// …and the estimated share of the shorter one's shingles found in the longer one at least
/// this (a one-paragraph brief inside a long feature has a low Jaccard similarity with it:
/// not a copy).
pub const MIN_CONTAINMENT: f64 = 0.55;
/// Texts with fewer shingles than this get no fingerprint: too short to tell a copy from a
/// coincidence (a caption, a one-line brief).
pub const MIN_SHINGLES: usize = 40;

/// The near-duplicate sketch of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Number of shingles of the text.
    pub shingles: u32,
    /// The low 16 bits of each bin's minimum hash.
    pub bins: [u16; BINS],
}

/// The characters that count, letters and digits, lowercased and UTF-8 encoded; with the
/// byte offset of each character (and of the end). Hangul syllables and ASCII, nearly all of
/// a Korean article, skip the Unicode tables (they were 4% of a build's instructions).
fn normalized(text: &str) -> (Vec<u8>, Vec<u32>) {
    let mut bytes = Vec::with_capacity(text.len());
    let mut starts = Vec::with_capacity(text.len() / 3 + 1);
    let mut push = |c: char, bytes: &mut Vec<u8>| {
        starts.push(bytes.len() as u32);
        let mut buf = [0u8; 4];
        bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    for c in text.chars() {
        match c {
            '\u{AC00}'..='\u{D7A3}' | '0'..='9' | 'a'..='z' => push(c, &mut bytes),
            'A'..='Z' => push(c.to_ascii_lowercase(), &mut bytes),
            c if c.is_ascii() => {}
            c if c.is_alphanumeric() => {
                for l in c.to_lowercase() {
                    push(l, &mut bytes);
                }
            }
            _ => {}
        }
    }
    starts.push(bytes.len() as u32);
    (bytes, starts)
}

impl Fingerprint {
    /// The fingerprint of a body, `None` when it is too short to have one.
    pub fn of(body: &str) -> Option<Fingerprint> {
        let (bytes, starts) = normalized(body);
        let chars = starts.len() - 1;
        if chars < SHINGLE + MIN_SHINGLES - 1 {
            return None;
        }
        let mut mins = [u64::MAX; BINS];
        for (&from, &to) in starts.iter().zip(&starts[SHINGLE..]) {
            let h = xxh3_64(&bytes[from as usize..to as usize]);
            // The top bits choose the bin, the rest is the value.
            let bin = (h >> (64 - BINS.trailing_zeros())) as usize;
            let v = h & ((1 << (64 - BINS.trailing_zeros())) - 1);
            if v < mins[bin] {
                mins[bin] = v;
            }
        }
        let shingles = (chars + 1 - SHINGLE) as u32;
        let mut bins = [0u16; BINS];
        for (i, b) in bins.iter_mut().enumerate() {
            // Densification: an empty bin takes the value of the next non-empty one to its
            // right, mixed with the distance, so two texts agree on it only when they agree
            // on that bin.
            let (dist, v) =
                (0..BINS).map(|d| (d, mins[(i + d) % BINS])).find(|(_, v)| *v != u64::MAX).unwrap_or((0, 0));
            let mixed = if dist == 0 { v } else { xxh3_64(&[v.to_le_bytes(), (dist as u64).to_le_bytes()].concat()) };
            *b = mixed as u16;
        }
        Some(Fingerprint { shingles, bins })
    }

    /// Estimated Jaccard similarity of the two shingle sets.
    pub fn jaccard(&self, other: &Fingerprint) -> f64 {
        let same = self.bins.iter().zip(&other.bins).filter(|(a, b)| a == b).count();
        same as f64 / BINS as f64
    }

    /// Estimated share of the shorter text's shingles found in the longer one.
    pub fn containment(&self, other: &Fingerprint) -> f64 {
        self.containment_at(other, self.jaccard(other))
    }

    /// [`Fingerprint::containment`] given the two texts' estimated Jaccard similarity `j`.
    fn containment_at(&self, other: &Fingerprint, j: f64) -> f64 {
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        // |A∩B| = J·|A∪B| and |A∪B| = (|A| + |B|) / (1 + J).
        (j * (a + b) / (1.0 + j) / a.min(b)).min(1.0)
    }
}

/// Whether two fingerprints are copies of one story.
pub fn same_story(a: &Fingerprint, b: &Fingerprint) -> bool {
    story_similarity(a, b).is_some()
}

/// The estimated Jaccard similarity of two copies of one story; `None` when they are not
/// ([`same_story`]). The similarity is computed once, for both tests and the ranking of
/// candidates.
pub fn story_similarity(a: &Fingerprint, b: &Fingerprint) -> Option<f64> {
    let j = a.jaccard(b);
    (j >= MIN_JACCARD && a.containment_at(b, j) >= MIN_CONTAINMENT).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "소두증을 유발한다고 알려진 지카바이러스가 남성의 생식능력도 저하시킬 수 있다는 동물 실험 결과가 나왔다.\n\
        1일 국제학술지 네이처에 따르면 미 워싱턴대 의대 연구진은 수컷 쥐가 지카바이러스에 감염되면 고환 크기가 눈에 띄게 작아지며 정자 수가 감소하고, 성 호르몬인 테스토스테론의 양도 줄어든다는 연구 결과를 발표했다.\n\
        지금까지 지카바이러스는 태아에게 소두증을 일으킨다고 알려져 태아와 여성의 생식기관 감염에 초점을 맞춘 연구들이 많았다.\n\
        소두증은 태아의 뇌가 다 자라지 않아 머리가 비정상적으로 작아지는 질환이다.\n\
        최근에는 브라질 등 남미 뿐 아니라 미국, 동남아시아에서도 환자가 발생하고 있다.";

    #[test]
    fn a_copy_with_another_dateline_and_no_last_paragraph_is_the_same_story() {
        let original = Fingerprint::of(WIRE).unwrap();
        let paragraphs: Vec<&str> = WIRE.lines().collect();
        let copy = format!(
            "(서울=뉴스1) 홍길동 기자 = {}\n{}\n홍길동 기자 hong@news1.kr",
            paragraphs[..4].join("\n"),
            "한편 연구진은 후속 연구를 이어갈 계획이다."
        );
        let copy = Fingerprint::of(&copy).unwrap();
        assert!(original.jaccard(&copy) > 0.5, "{}", original.jaccard(&copy));
        assert!(same_story(&original, &copy));
    }

    #[test]
    fn spacing_and_punctuation_do_not_change_the_fingerprint() {
        let respaced = WIRE.replace(' ', "  ").replace('.', "。").replace(',', "");
        assert_eq!(Fingerprint::of(WIRE), Fingerprint::of(&respaced));
    }

    #[test]
    fn another_article_on_the_same_subject_is_not_the_same_story() {
        let other = "지카바이러스 감염이 남성 불임으로 이어질 수 있다는 우려가 커지고 있다.\n\
            워싱턴대 연구진의 쥐 실험에서 고환이 위축되고 테스토스테론 수치가 떨어졌다는 발표가 나오자 \
            보건당국은 브라질 등 남미를 다녀온 남성에게 귀국 후 6개월간 피임을 권고했다.\n\
            전문가들은 사람에게도 같은 영향이 나타나는지 추가 연구가 필요하다고 지적했다.";
        let (a, b) = (Fingerprint::of(WIRE).unwrap(), Fingerprint::of(other).unwrap());
        assert!(a.jaccard(&b) < 0.1, "{}", a.jaccard(&b));
        assert!(!same_story(&a, &b));
    }

    #[test]
    fn the_fast_paths_keep_the_characters_the_unicode_tables_keep() {
        let text = "삼성전자 HBM3E·ＨＢＭ 2024년 Ωμέγα 三星電子 ㄱㄴ ＡＢＣ İstanbul ß ½ ① ǅ 🙂 ∑ x²";
        let slow: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        let (bytes, starts) = normalized(text);
        assert_eq!(std::str::from_utf8(&bytes).unwrap(), slow);
        assert_eq!(starts.len() - 1, slow.chars().count());
        let at: Vec<u32> = slow.char_indices().map(|(i, _)| i as u32).chain([slow.len() as u32]).collect();
        assert_eq!(starts, at);
    }

    #[test]
    fn short_texts_have_no_fingerprint() {
        assert_eq!(Fingerprint::of("속보: 지진 발생"), None);
        assert_eq!(Fingerprint::of(""), None);
    }
}
