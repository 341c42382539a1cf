//! Bytes → text: BOMs, UTF-8, UTF-16, EUC-KR/CP949, binary detection, line ends.
//!
//! Order: empty → binary magic → UTF-16 BOM → NUL/control bytes (binary) → UTF-8 BOM →
//! UTF-8 → EUC-KR (`encoding_rs::EUC_KR`, which is windows-949, decoded *without*
//! replacement: a byte sequence that is neither UTF-8 nor CP949 is an [`ExtractError::Encoding`]).
//! Line ends become `\n` (`\r\n` and a lone `\r`).

use std::borrow::Cow;

use super::ExtractError;

/// A file's text and the encoding it was read as: `utf-8`, `utf-8-sig`, `utf-16le`, `utf-16be`,
/// `euc-kr`, or `cp949` (EUC-KR bytes that need CP949's extra Hangul syllables).
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Magic numbers of binary formats people keep beside their saved pages.
const MAGIC: &[&[u8]] = &[
    b"\x89PNG\r\n\x1a\n",
    b"%PDF-",
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"\x1f\x8b",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x7fELF",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"SQLite format 3\x00",
    b"OggS",
    b"ID3\x03",
    b"ID3\x04",
];

fn has_binary_magic(bytes: &[u8]) -> bool {
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && (&bytes[8..12] == b"WEBP" || &bytes[8..12] == b"WAVE") {
        return true;
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return true; // MP4, HEIC, MOV
    }
    // `BM` alone is too short to trust: a BMP also has its file size after it.
    MAGIC.iter().any(|m| bytes.starts_with(m) && (*m != b"BM" || (bytes.len() > 14 && bytes[6..10] == [0, 0, 0, 0])))
}

/// NUL bytes, or more than 2% control characters (other than tab, line feed, form feed,
/// carriage return and escape) in the first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    // Branch-free and counted in runs of 255 bytes, so that the count is vectorized.
    let control = |b: u8| {
        u8::from((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\x0c') & (b != b'\r') & (b != 0x1b) | (b == 0x7f))
    };
    let controls: usize = head.chunks(255).map(|c| usize::from(c.iter().fold(0u8, |n, &b| n + control(b)))).sum();
    controls * 50 > head.len()
}

/// `\r\n` and lone `\r` → `\n`.
fn normalize_newlines(text: Cow<'_, str>) -> String {
    if memchr::memchr(b'\r', text.as_bytes()).is_none() {
        return text.into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(i) = memchr::memchr(b'\r', rest.as_bytes()) {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        if let Some(r) = rest.strip_prefix('\n') {
            rest = r;
        }
    }
    out.push_str(rest);
    out
}

/// True if every double-byte character of valid CP949 `bytes` lies in EUC-KR (KS X 1001):
/// lead and trail bytes both in 0xA1..=0xFE.
fn is_strict_euc_kr(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            i += 1;
            continue;
        }
        let Some(&t) = bytes.get(i + 1) else { return false };
        if !(0xa1..=0xfe).contains(&b) || !(0xa1..=0xfe).contains(&t) {
            return false;
        }
        i += 2;
    }
    true
}

fn finish(text: Cow<'_, str>, encoding: &'static str) -> Result<Decoded, ExtractError> {
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}').is_empty() {
        return Err(ExtractError::Empty);
    }
    Ok(Decoded { text: normalize_newlines(text), encoding })
}

/// Decodes a saved article file.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ExtractError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    // UTF-16 first: its text is full of NUL bytes.
    if let Some(body) = bytes.strip_prefix(b"\xff\xfe") {
        let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(body);
        return if had_errors { Err(ExtractError::Encoding) } else { finish(text, "utf-16le") };
    }
    if let Some(body) = bytes.strip_prefix(b"\xfe\xff") {
        let (text, had_errors) = encoding_rs::UTF_16BE.decode_without_bom_handling(body);
        return if had_errors { Err(ExtractError::Encoding) } else { finish(text, "utf-16be") };
    }
    if has_binary_magic(bytes) || looks_binary(bytes) {
        return Err(ExtractError::Binary);
    }
    if let Some(body) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return match simdutf8::basic::from_utf8(body) {
            Ok(s) => finish(Cow::Borrowed(s), "utf-8-sig"),
            Err(_) => Err(ExtractError::Encoding),
        };
    }
    // Validated with SIMD (the same yes or no as `std::str::from_utf8`, several times faster
    // on Hangul, where std checks character by character).
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return finish(Cow::Borrowed(s), "utf-8");
    }
    match encoding_rs::EUC_KR.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => {
            let enc = if is_strict_euc_kr(bytes) { "euc-kr" } else { "cp949" };
            finish(text, enc)
        }
        None => Err(ExtractError::Encoding),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(b: &[u8]) -> (String, &'static str) {
        match decode(b) {
            Ok(d) => (d.text, d.encoding),
            Err(e) => panic!("decode failed: {e}"),
        }
    }

    fn err(b: &[u8]) -> ExtractError {
        match decode(b) {
            Ok(d) => panic!("decoded as {}: {:?}", d.encoding, d.text),
            Err(e) => e,
        }
    }

    #[test]
    fn utf8_and_bom() {
        assert_eq!(ok("삼성전자 회장\n".as_bytes()), ("삼성전자 회장\n".to_owned(), "utf-8"));
        let mut b = b"\xef\xbb\xbf".to_vec();
        b.extend_from_slice("본문 바로가기\r\nNAVER 뉴스\r\n".as_bytes());
        assert_eq!(ok(&b), ("본문 바로가기\nNAVER 뉴스\n".to_owned(), "utf-8-sig"));
    }

    #[test]
    fn line_ends() {
        assert_eq!(ok("가\r\n나\r다\n라\r\n\r\n".as_bytes()).0, "가\n나\n다\n라\n\n");
    }

    #[test]
    fn euc_kr_and_cp949() {
        // "삼성전자 ‘감산’ 공식화" in EUC-KR.
        let (bytes, _, bad) = encoding_rs::EUC_KR.encode("삼성전자 ‘감산’ 공식화\r\n입력 : 2023-04-07 16:31:05");
        assert!(!bad);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(ok(&bytes), ("삼성전자 ‘감산’ 공식화\n입력 : 2023-04-07 16:31:05".to_owned(), "euc-kr"));
        // 똠 is outside KS X 1001: CP949's extension.
        let (bytes, _, bad) = encoding_rs::EUC_KR.encode("똠방각하 기자");
        assert!(!bad);
        assert_eq!(ok(&bytes), ("똠방각하 기자".to_owned(), "cp949"));
    }

    #[test]
    fn utf16() {
        let mut le = vec![0xff, 0xfe];
        let mut be = vec![0xfe, 0xff];
        for u in "기사 본문\r\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(ok(&le), ("기사 본문\n".to_owned(), "utf-16le"));
        assert_eq!(ok(&be), ("기사 본문\n".to_owned(), "utf-16be"));
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(err(b""), ExtractError::Empty);
        assert_eq!(err(b" \r\n\t\n"), ExtractError::Empty);
        assert_eq!(err(b"\xef\xbb\xbf\n\n"), ExtractError::Empty);
        assert_eq!(err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), ExtractError::Binary);
        assert_eq!(err(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), ExtractError::Binary);
        assert_eq!(err(b"PK\x03\x04\x14\0\0\0"), ExtractError::Binary);
        assert_eq!(err(b"\xff\xd8\xff\xe0\0\x10JFIF"), ExtractError::Binary);
        assert_eq!(err(b"GIF89a\x01\0\x01\0"), ExtractError::Binary);
        assert_eq!(err(b"text with a NUL\0 in it"), ExtractError::Binary);
        let noisy: Vec<u8> = (0..400u32).map(|i| if i % 10 == 0 { 0x01 } else { b'a' }).collect();
        assert_eq!(err(&noisy), ExtractError::Binary);
    }

    #[test]
    fn not_text() {
        // Invalid UTF-8 that is not CP949 either (0xFF is never a CP949 lead byte).
        assert_eq!(err(b"abc \xff\xfe\xff def"), ExtractError::Encoding);
        assert_eq!(err(b"\xef\xbb\xbfabc \xc3\x28"), ExtractError::Encoding);
    }
}
