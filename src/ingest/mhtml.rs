//! MHTML archives (`.mhtml`, `.mht`: Chrome's and Edge's "single file" save): a MIME
//! multipart message (parsed by `mail-parser`, which undoes quoted-printable and base64)
//! whose first HTML part is the page; the other parts are its images, styles and frames. The
//! page goes through the HTML reader; `Snapshot-Content-Location` (else the part's
//! `Content-Location`) is the page's URL.

use std::borrow::Cow;

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Encoding, MessageParser, MimeHeaders, PartType};

use super::candidate::{Candidates, Source};
use super::{ExtractError, decode, html};

/// The page of an archive: its HTML text, encoding and URL.
pub struct Page<'a> {
    pub html: Cow<'a, str>,
    pub encoding: &'static str,
    pub url: Option<String>,
}

/// What an MHTML file gave: the page's candidates and the encoding of its HTML part.
pub struct Read {
    pub candidates: Candidates,
    pub encoding: &'static str,
}

/// The page part of an MHTML archive.
pub fn page(bytes: &[u8]) -> Result<Page<'static>, ExtractError> {
    let head = &bytes[..bytes.len().min(8192)];
    let head_lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    if !head_lower.contains("multipart/") || !head_lower.contains("boundary") {
        return Err(ExtractError::Malformed("MHTML: no multipart header".to_owned()));
    }
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| ExtractError::Malformed("MHTML: not a MIME message".to_owned()))?;
    let snapshot = msg.header_raw("Snapshot-Content-Location").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let htmls: Vec<_> = msg.parts.iter().filter(|p| matches!(p.body, PartType::Html(_))).collect();
    let part = htmls
        .iter()
        .find(|p| snapshot.is_some() && p.content_location().map(str::trim) == snapshot.as_deref())
        .or_else(|| htmls.first())
        .ok_or_else(|| ExtractError::NoArticle("MHTML without an HTML part".to_owned()))?;
    let url = snapshot.or_else(|| part.content_location().map(|s| s.trim().to_owned()));
    let declared = part.content_type().and_then(|c| c.attribute("charset")).is_some();
    let PartType::Html(text) = &part.body else {
        return Err(ExtractError::NoArticle("MHTML without an HTML part".to_owned()));
    };
    if declared {
        return Ok(Page { html: Cow::Owned(text.to_string()), encoding: "utf-8", url });
    }
    // No charset declared: the part's own bytes, detected like any saved page (UTF-8 or EUC-KR).
    let start = (part.offset_body as usize).min(bytes.len());
    let end = (part.offset_end as usize).clamp(start, bytes.len());
    let raw = &bytes[start..end];
    let decoded = match part.encoding {
        Encoding::QuotedPrintable => quoted_printable_decode(raw),
        Encoding::Base64 => base64_decode(raw),
        Encoding::None => Some(raw.to_vec()),
    };
    match decoded.map(|b| decode::decode(&b)) {
        Some(Ok(d)) => Ok(Page { html: Cow::Owned(d.text), encoding: d.encoding, url }),
        _ => Ok(Page { html: Cow::Owned(text.to_string()), encoding: "utf-8", url }),
    }
}

/// Reads an MHTML archive.
pub fn read(bytes: &[u8], name: &str) -> Result<Read, ExtractError> {
    let p = page(bytes)?;
    let mut c = html::read(&p.html, name)?;
    if let Some(u) = p.url {
        // The address the browser saved the page from: after the page's own og:url/canonical.
        c.url(u, Source::Url);
    }
    c.layout = format!("mhtml+{}", c.layout);
    Ok(Read { candidates: c, encoding: p.encoding })
}

/// The size of the page part (less inlined `data:` payloads), for size limits.
pub fn page_size(bytes: &[u8]) -> Option<u64> {
    let p = page(bytes).ok()?;
    Some((p.html.len() - html::data_uri_bytes(&p.html)) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MHT: &str = "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.kr/news/1\r\nSubject: x\r\n\
MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\tboundary=\"----MultipartBoundary--abc----\"\r\n\r\n\
------MultipartBoundary--abc----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\nContent-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://www.example.kr/news/1\r\n\r\n<html><head><meta http-equiv=3D\"Content-Type\" content=3D\"text/html; charset=3DUTF-8\">\
<title>=EC=A0=9C=EB=AA=A9</title></head><body><p>=EB=B3=B8=EB=AC=B8</p></body></html>\r\n\r\n------MultipartBoundary--abc------\r\n";

    #[test]
    fn the_page_part() {
        let p = page(MHT.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.url.as_deref(), Some("https://www.example.kr/news/1"));
        assert!(p.html.contains("<title>제목</title>"), "{}", p.html);
        assert!(p.html.contains("<p>본문</p>"));
    }

    #[test]
    fn not_mhtml() {
        for b in [&b""[..], b"hello", b"Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\n", &[0xff; 64]] {
            assert!(page(b).is_err());
        }
    }
}
