//! File names as Korean users have them: the path *key* that names a file losslessly in text,
//! and the name decoded for people.
//!
//! A Windows zip unpacked on Linux leaves names in CP949 (`삼성전자 실적.txt` as the bytes
//! `BB EF BC BA …`), which are not UTF-8. gisa keeps such a name two ways:
//!
//! - the **key** (index `path` field, file records, article ids, dedup): a `String` that
//!   round-trips to the exact bytes. A UTF-8 name is its own key, unchanged (indexes built
//!   before keep working, NFD names from macOS stay as they were); a byte that is not part of
//!   valid UTF-8 is written `�XX` (U+FFFD and two upper-case hex digits), and a U+FFFD in a
//!   name is doubled (`��`), so every byte string has exactly one key.
//! - the **display** form (text output, titles taken from file names, JSON `path`): each
//!   `/`-separated part decoded as UTF-8, else as CP949 when it decodes cleanly and reads as
//!   Korean, else lossily.
//!
//! Hand-written because no crate does either for Korean: `OsStr::to_string_lossy` loses the
//! bytes, and the escape must leave every UTF-8 name untouched.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The escape mark: never produced by a lossless UTF-8 name except doubled.
const MARK: char = '\u{fffd}';

/// The key of a name's bytes (see the module comment).
pub fn key_from_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes)
        && !s.contains(MARK)
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            out.push(c);
            if c == MARK {
                out.push(MARK);
            }
        }
        for b in chunk.invalid() {
            out.push(MARK);
            out.push_str(&format!("{b:02X}"));
        }
    }
    Cow::Owned(out)
}

/// The bytes a key names (a key not made by [`key_from_bytes`] — one typed by hand — reads
/// with a lone U+FFFD kept as it is).
pub fn bytes_of_key(key: &str) -> Cow<'_, [u8]> {
    if !key.contains(MARK) {
        return Cow::Borrowed(key.as_bytes());
    }
    let mut out = Vec::with_capacity(key.len());
    let mut rest = key;
    while let Some(i) = rest.find(MARK) {
        out.extend_from_slice(&rest.as_bytes()[..i]);
        let after = &rest[i + MARK.len_utf8()..];
        if let Some(more) = after.strip_prefix(MARK) {
            out.extend_from_slice(MARK.to_string().as_bytes());
            rest = more;
        } else if let Some(b) = after.get(..2).and_then(|h| u8::from_str_radix(h, 16).ok())
            && after.as_bytes()[..2].iter().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())
        {
            out.push(b);
            rest = &after[2..];
        } else {
            out.extend_from_slice(MARK.to_string().as_bytes());
            rest = after;
        }
    }
    out.extend_from_slice(rest.as_bytes());
    Cow::Owned(out)
}

/// True if the key is the name itself (valid UTF-8, nothing escaped).
pub fn is_plain(key: &str) -> bool {
    !key.contains(MARK)
}

/// The bytes of an OS string (on Unix, exactly; elsewhere names are Unicode already).
pub fn os_bytes(s: &OsStr) -> Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        Cow::Borrowed(s.as_bytes())
    }
    #[cfg(not(unix))]
    {
        match s.to_string_lossy() {
            Cow::Borrowed(b) => Cow::Borrowed(b.as_bytes()),
            Cow::Owned(o) => Cow::Owned(o.into_bytes()),
        }
    }
}

/// The OS string of some bytes (the inverse of [`os_bytes`]).
pub fn os_string(bytes: &[u8]) -> OsString {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        OsStr::from_bytes(bytes).to_os_string()
    }
    #[cfg(not(unix))]
    {
        OsString::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// The key of an OS string (a file name, a path, a command-line argument).
pub fn key_of(s: &OsStr) -> String {
    key_from_bytes(&os_bytes(s)).into_owned()
}

/// The relative path a key names, joined to `root`.
pub fn path_of_key(root: &Path, key: &str) -> PathBuf {
    root.join(os_string(&bytes_of_key(key)))
}

/// A name's bytes decoded for people: UTF-8, else CP949 when the bytes decode cleanly and
/// read as Korean, else with replacement characters.
pub fn display_bytes(bytes: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    // encoding_rs's EUC-KR is the WHATWG one: CP949 (Unified Hangul Code), what Windows writes.
    if let Some(s) = encoding_rs::EUC_KR.decode_without_bom_handling_and_without_replacement(bytes)
        && reads_korean(&s)
    {
        return Cow::Owned(s.into_owned());
    }
    String::from_utf8_lossy(bytes)
}

/// Text decoded from a legacy encoding that is plausibly Korean: its non-ASCII characters are
/// mostly Hangul syllables (Latin-1 or Shift-JIS names that happen to decode as CP949 give
/// Hanja and symbols).
fn reads_korean(s: &str) -> bool {
    let (mut hangul, mut other) = (0usize, 0usize);
    for c in s.chars().filter(|c| !c.is_ascii()) {
        if ('가'..='힣').contains(&c) {
            hangul += 1;
        } else {
            other += 1;
        }
    }
    hangul > 0 && hangul >= 2 * other
}

/// A key decoded for people, part by part (a UTF-8 folder may hold a CP949 file).
pub fn display_of_key(key: &str) -> Cow<'_, str> {
    if is_plain(key) {
        return Cow::Borrowed(key);
    }
    let bytes = bytes_of_key(key);
    let parts: Vec<String> = bytes.split(|&b| b == b'/').map(|p| display_bytes(p).into_owned()).collect();
    Cow::Owned(parts.join("/"))
}

/// A file's name (its last part) decoded for people: the title of a file without one.
pub fn display_name(path: &Path) -> String {
    path.file_name().map(|n| display_bytes(&os_bytes(n)).into_owned()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cp949(s: &str) -> Vec<u8> {
        let (b, _, bad) = encoding_rs::EUC_KR.encode(s);
        assert!(!bad);
        b.into_owned()
    }

    #[test]
    fn utf8_names_are_their_own_keys() {
        for name in ["2024/06/삼성전자 실적.txt", "a b.txt", "news/cafe\u{301}.html", "100%.txt", "x\\y.txt"] {
            assert_eq!(key_from_bytes(name.as_bytes()), name);
            assert!(matches!(key_from_bytes(name.as_bytes()), Cow::Borrowed(_)));
            assert_eq!(bytes_of_key(name), name.as_bytes());
            assert_eq!(display_of_key(name), name);
        }
        // NFD (macOS) stays decomposed: the key is the bytes on disk.
        let nfd = "\u{1109}\u{1161}\u{11b7}\u{1109}\u{1165}\u{11bc}.txt";
        assert_eq!(key_from_bytes(nfd.as_bytes()), nfd);
    }

    #[test]
    fn cp949_names_round_trip_and_read_korean() {
        let raw = [b"2024/".to_vec(), cp949("삼성전자 실적.txt")].concat();
        let key = key_from_bytes(&raw).into_owned();
        assert!(!is_plain(&key));
        // `BB` is no UTF-8; `EF BC BA` (the rest of 삼 and the start of 성) happens to be `Ｚ`:
        // kept as text, the bytes still come back exactly.
        assert!(key.starts_with("2024/\u{fffd}BBＺ\u{fffd}C0"), "{key}");
        assert_eq!(bytes_of_key(&key), raw.as_slice());
        assert_eq!(display_of_key(&key), "2024/삼성전자 실적.txt");
        assert_eq!(display_bytes(&cp949("서울은 맑다")), "서울은 맑다");
    }

    #[test]
    fn every_byte_string_has_one_key() {
        let cases: Vec<Vec<u8>> = vec![
            vec![0xff, 0xfe],
            "\u{fffd}".as_bytes().to_vec(),
            [b"\xef\xbf\xbdBB".as_slice(), b"\xbb"].concat(),
            "\u{fffd}\u{fffd}41".as_bytes().to_vec(),
            vec![0x80],
            (0u8..=255).collect(),
        ];
        let keys: Vec<String> = cases.iter().map(|c| key_from_bytes(c).into_owned()).collect();
        for (c, k) in cases.iter().zip(&keys) {
            assert_eq!(bytes_of_key(k).as_ref(), c.as_slice(), "{k:?}");
        }
        for i in 0..keys.len() {
            for j in i + 1..keys.len() {
                assert_ne!(keys[i], keys[j]);
            }
        }
    }

    #[test]
    fn names_that_are_not_korean_are_shown_lossily() {
        // Latin-1 `café.txt`: not UTF-8, not CP949 that reads as Korean.
        let latin1 = b"caf\xe9.txt";
        assert_eq!(display_bytes(latin1), "caf\u{fffd}.txt");
        // A hand-typed key with a lone mark reads as it is.
        assert_eq!(bytes_of_key("a\u{fffd}zz").as_ref(), "a\u{fffd}zz".as_bytes());
    }

    #[cfg(unix)]
    #[test]
    fn os_strings_keep_their_bytes() {
        let raw = cp949("기사.txt");
        let os = os_string(&raw);
        assert_eq!(os_bytes(&os).as_ref(), raw.as_slice());
        let key = key_of(&os);
        assert_eq!(path_of_key(Path::new("/news"), &key), Path::new("/news").join(&os));
        assert_eq!(display_name(&Path::new("/news").join(&os)), "기사.txt");
    }
}
