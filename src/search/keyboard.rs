//! Korean typed with the keyboard in the wrong mode: a Latin word that is the 두벌식
//! (standard two-set) keystrokes of Hangul (`tkatjdwjswk` → 삼성전자, `qksehcp` → 반도체).
//!
//! [`hangul`] reads the keys as jamo and composes them into syllables as a Korean input
//! method does (a consonant between two vowels starts the next syllable; compound vowels and
//! finals join). Hand-written: no crate composes 두벌식 keystrokes, and the rules are
//! short. Whether a reading is searched instead of the word is decided where the index is
//! known (`search::keyboard_fixes`): only a word with no hits whose reading has some.

/// The jamo of a key (Shift for the tense consonants and ㅒ ㅖ).
fn jamo(key: char) -> Option<char> {
    Some(match key {
        'Q' => 'ㅃ',
        'W' => 'ㅉ',
        'E' => 'ㄸ',
        'R' => 'ㄲ',
        'T' => 'ㅆ',
        'O' => 'ㅒ',
        'P' => 'ㅖ',
        c => match c.to_ascii_lowercase() {
            'q' => 'ㅂ',
            'w' => 'ㅈ',
            'e' => 'ㄷ',
            'r' => 'ㄱ',
            't' => 'ㅅ',
            'y' => 'ㅛ',
            'u' => 'ㅕ',
            'i' => 'ㅑ',
            'o' => 'ㅐ',
            'p' => 'ㅔ',
            'a' => 'ㅁ',
            's' => 'ㄴ',
            'd' => 'ㅇ',
            'f' => 'ㄹ',
            'g' => 'ㅎ',
            'h' => 'ㅗ',
            'j' => 'ㅓ',
            'k' => 'ㅏ',
            'l' => 'ㅣ',
            'z' => 'ㅋ',
            'x' => 'ㅌ',
            'c' => 'ㅊ',
            'v' => 'ㅍ',
            'b' => 'ㅠ',
            'n' => 'ㅜ',
            'm' => 'ㅡ',
            _ => return None,
        },
    })
}

const INITIALS: &str = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
const VOWELS: &str = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
/// Finals, after "no final" (index 0).
const FINALS: &str = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

fn index(set: &str, c: char) -> Option<u32> {
    set.chars().position(|x| x == c).and_then(|i| u32::try_from(i).ok())
}

fn is_vowel(c: char) -> bool {
    index(VOWELS, c).is_some()
}

fn compound_vowel(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('ㅗ', 'ㅏ') => 'ㅘ',
        ('ㅗ', 'ㅐ') => 'ㅙ',
        ('ㅗ', 'ㅣ') => 'ㅚ',
        ('ㅜ', 'ㅓ') => 'ㅝ',
        ('ㅜ', 'ㅔ') => 'ㅞ',
        ('ㅜ', 'ㅣ') => 'ㅟ',
        ('ㅡ', 'ㅣ') => 'ㅢ',
        _ => return None,
    })
}

fn compound_final(a: char, b: char) -> Option<char> {
    Some(match (a, b) {
        ('ㄱ', 'ㅅ') => 'ㄳ',
        ('ㄴ', 'ㅈ') => 'ㄵ',
        ('ㄴ', 'ㅎ') => 'ㄶ',
        ('ㄹ', 'ㄱ') => 'ㄺ',
        ('ㄹ', 'ㅁ') => 'ㄻ',
        ('ㄹ', 'ㅂ') => 'ㄼ',
        ('ㄹ', 'ㅅ') => 'ㄽ',
        ('ㄹ', 'ㅌ') => 'ㄾ',
        ('ㄹ', 'ㅍ') => 'ㄿ',
        ('ㄹ', 'ㅎ') => 'ㅀ',
        ('ㅂ', 'ㅅ') => 'ㅄ',
        _ => return None,
    })
}

/// The Hangul a Latin word types on a 두벌식 keyboard, when every key makes a whole
/// syllable (`None` for a word with other characters or a lone jamo: `rr`, `hello`'s ㅗㅔㅣㅣㅐ).
pub fn hangul(word: &str) -> Option<String> {
    if word.is_empty() {
        return None;
    }
    let keys: Vec<char> = word.chars().map(jamo).collect::<Option<_>>()?;
    let vowel_at = |i: usize| keys.get(i).is_some_and(|c| is_vowel(*c));
    let mut out = String::new();
    let mut i = 0;
    while i < keys.len() {
        let initial = index(INITIALS, keys[i])?;
        if !vowel_at(i + 1) {
            return None;
        }
        let mut vowel = keys[i + 1];
        i += 2;
        if let Some(v) = keys.get(i).and_then(|b| compound_vowel(vowel, *b)) {
            vowel = v;
            i += 1;
        }
        let mut last = 0;
        // A consonant is a final unless a vowel follows it (then it starts the next syllable).
        if let Some(&c) = keys.get(i).filter(|c| !is_vowel(**c))
            && !vowel_at(i + 1)
            && let Some(f) = index(FINALS, c)
        {
            last = f + 1;
            i += 1;
            if let Some(cf) = keys.get(i).and_then(|b| compound_final(c, *b))
                && !vowel_at(i + 1)
                && let Some(f) = index(FINALS, cf)
            {
                last = f + 1;
                i += 1;
            }
        }
        let v = index(VOWELS, vowel)?;
        out.push(char::from_u32(0xAC00 + (initial * 21 + v) * 28 + last)?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystrokes_compose_into_syllables() {
        assert_eq!(hangul("tkatjdwjswk").as_deref(), Some("삼성전자"));
        assert_eq!(hangul("qksehcp").as_deref(), Some("반도체"));
        assert_eq!(hangul("dlwotjd").as_deref(), Some("이재성"));
        assert_eq!(hangul("dufeodi").as_deref(), Some("열대야"));
        // Compound vowels and finals; Shift for tense consonants.
        assert_eq!(hangul("ghkdlxld").as_deref(), Some("화이팅"));
        assert_eq!(hangul("dlfrdj").as_deref(), Some("읽어"));
        assert_eq!(hangul("rkqt").as_deref(), Some("값"));
        assert_eq!(hangul("Tkddyd").as_deref(), Some("쌍용"));
        assert_eq!(hangul("Tkdyd").as_deref(), Some("싸용"), "one ㅇ: it starts the next syllable");
        assert_eq!(hangul("dmlrhk").as_deref(), Some("의과"));
        // Words that are no Hangul.
        assert_eq!(hangul("hello"), None);
        assert_eq!(hangul("rr"), None);
        assert_eq!(hangul("HBM"), None);
        // Caps Lock reads as the lower keys: AI would type 먀 (a word with hits is never
        // replaced, see search::keyboard_fixes).
        assert_eq!(hangul("AI").as_deref(), Some("먀"));
        assert_eq!(hangul("samsung1"), None);
        assert_eq!(hangul(""), None);
        assert_eq!(hangul("ehfk").as_deref(), Some("도라"));
        assert_eq!(hangul("eEk"), None, "ㄸ is no final: ㄷ then ㄸㅏ has a lone ㄷ");
    }
}
