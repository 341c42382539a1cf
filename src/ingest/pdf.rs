//! Pages printed to PDF (a browser's "Save as PDF"): the text layer, page by page (by
//! `pdf-extract`, on `lopdf`), read like a page saved as text, with the document's title
//! (`/Title`, the page's `<title>`) as the headline.
//!
//! What printing adds is undone first: the browser's header and footer on every page (the
//! print date and title; the address and `1/3`), lines wrapped to the page width (joined
//! back: Chrome breaks Korean between any two syllables, so two Hangul syllables are joined
//! without a space unless the word before ends in a particle or an ending; other wraps were
//! at a space), paragraphs cut by a page break (joined when the first part does not end a
//! sentence) and typographic ligatures (`ﬁle` → `file`).

use std::sync::Once;

use super::boilerplate::{ends_sentence, is_hangul, squash};
use super::candidate::{Candidates, Source};
use super::{ExtractError, txt};

thread_local! {
    /// Set while this thread runs the PDF library: a panic there is bad input, reported as an
    /// error, not printed.
    static IN_PDF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic of the PDF library into `None` (without the panic message the
/// default hook would print: the file is reported as malformed instead).
fn guarded<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_PDF.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    IN_PDF.with(|c| c.set(true));
    let r = std::panic::catch_unwind(f).ok();
    IN_PDF.with(|c| c.set(false));
    r
}

/// The document's `/Title`, decoded (UTF-16BE with a byte-order mark, else PDFDocEncoding,
/// which agrees with Latin-1 on letters).
fn doc_title(bytes: &[u8]) -> Option<String> {
    let doc = pdf_extract::Document::load_mem(bytes).ok()?;
    let info = doc.trailer.get(b"Info").ok()?;
    let info = match info.as_reference() {
        Ok(r) => doc.get_object(r).ok()?,
        Err(_) => info,
    };
    let raw = info.as_dict().ok()?.get(b"Title").ok()?.as_str().ok()?;
    let t = if let Some(be) = raw.strip_prefix(b"\xfe\xff") {
        encoding_rs::UTF_16BE.decode_without_bom_handling(be).0.into_owned()
    } else if let Ok(s) = std::str::from_utf8(raw) {
        s.to_owned()
    } else {
        raw.iter().map(|&b| char::from(b)).collect()
    };
    Some(squash(&t)).filter(|t| !t.is_empty())
}

fn unligature(s: &str) -> String {
    s.replace('\u{fb01}', "fi")
        .replace('\u{fb02}', "fl")
        .replace('\u{fb00}', "ff")
        .replace('\u{fb03}', "ffi")
        .replace('\u{fb04}', "ffl")
}

/// A browser's print header or footer line: `12/1/26, 10:00 PM 제목 - 매일경제`,
/// `2024. 6. 18. 오후 3:12 제목`, `https://… 1/2`, `file:///… 3/3`.
fn is_print_chrome(line: &str, title: Option<&str>) -> bool {
    let t = line.trim();
    let page_no = |s: &str| {
        let s = s.trim();
        let mut it = s.rsplit(' ').next().unwrap_or(s).split('/');
        matches!((it.next(), it.next(), it.next()), (Some(a), Some(b), None) if !a.is_empty() && !b.is_empty() && a.bytes().all(|c| c.is_ascii_digit()) && b.bytes().all(|c| c.is_ascii_digit()))
    };
    if (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("file://")) && page_no(t) {
        return true;
    }
    if let Some(title) = title.filter(|x| x.chars().count() >= 4)
        && t.ends_with(title)
        && t.len() > title.len()
    {
        let head = t[..t.len() - title.len()].trim();
        return head.chars().next().is_some_and(|c| c.is_ascii_digit()) && head.chars().count() <= 30;
    }
    false
}

/// The printed width of a line, in Hangul syllables (Latin letters, digits and spaces are
/// about half as wide).
fn width(l: &str) -> f64 {
    l.chars().map(|c| if c.is_ascii() { 0.55 } else { 1.0 }).sum()
}

/// Words of the document, for telling a wrap at a space from a wrap inside a word.
type Words = std::collections::HashMap<String, usize>;

fn words_of(text: &str) -> Words {
    let mut w = Words::new();
    for t in text.split_whitespace() {
        *w.entry(t.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()).or_default() += 1;
    }
    w
}

/// Whether a line wrapped between `before` and `after` is joined without a space. Chrome
/// breaks Korean between any two syllables, so what a wrap lost cannot be seen: two Hangul
/// syllables are joined, unless the words on both sides of the wrap are printed as words of
/// their own elsewhere in the document (`회사 관|계자는` → `관계자는`; `실시간|음성` → `실시간 음성`
/// when `실시간` and `음성` stand alone elsewhere). Other wraps (Latin, digits, punctuation) were
/// at a space.
fn glued(before: &str, after: &str, words: &Words) -> bool {
    let (Some(last), Some(next)) = (before.chars().last(), after.chars().next()) else { return false };
    if !(is_hangul(last) && is_hangul(next)) {
        return false;
    }
    let a = before.rsplit(' ').next().unwrap_or(before).trim_matches(|c: char| !c.is_alphanumeric());
    let b = after.split(' ').next().unwrap_or(after).trim_matches(|c: char| !c.is_alphanumeric());
    let seen = |w: &str| words.get(w).copied().unwrap_or(0) >= 2;
    !(seen(a) && seen(b))
}

/// The lines of one printed page as paragraph lines: a line filling the text width goes on in
/// the next one (a wrap, joined back); a shorter line ends where it ends (a heading, a
/// byline, a paragraph's last line); blank lines and the print header and footer end lines too.
fn paragraphs(page: &str, title: Option<&str>, words: &Words) -> Vec<String> {
    let lines: Vec<&str> = page.split('\n').map(str::trim).collect();
    // The text width: the widest lines (a few outliers aside).
    let mut widths: Vec<f64> = lines.iter().filter(|l| !l.is_empty()).map(|l| width(l)).collect();
    widths.sort_by(f64::total_cmp);
    let full = widths.get(widths.len().saturating_sub(1 + widths.len() / 20)).copied().unwrap_or(0.0);
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let s = squash(cur);
        if !s.is_empty() {
            out.push(s);
        }
        cur.clear();
    };
    let mut open = false;
    // (Blank entries mark the page's blank lines.)
    for l in lines {
        if l.is_empty() || is_print_chrome(l, title) {
            flush(&mut cur, &mut out);
            // A blank line stays (it separates blocks for the text reader).
            if l.is_empty() && out.last().is_some_and(|x| !x.is_empty()) {
                out.push(String::new());
            }
            open = false;
            continue;
        }
        if open {
            if !glued(&cur, l, words) {
                cur.push(' ');
            }
        } else {
            flush(&mut cur, &mut out);
        }
        cur.push_str(l);
        open = full > 0.0 && width(l) >= full * 0.85;
    }
    flush(&mut cur, &mut out);
    out
}

/// Reads a PDF's text layer.
pub fn read(bytes: &[u8], name: &str) -> Result<Candidates, ExtractError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ExtractError::Malformed("PDF: no %PDF- header".to_owned()));
    }
    let owned = bytes.to_vec();
    let pages = guarded(move || pdf_extract::extract_text_from_mem_by_pages(&owned))
        .ok_or_else(|| ExtractError::Malformed("PDF: cannot read its text".to_owned()))?
        .map_err(|e| ExtractError::Malformed(format!("PDF: {e}")))?;
    let owned = bytes.to_vec();
    let title = guarded(move || doc_title(&owned)).flatten().map(|t| unligature(&t));
    let pages: Vec<String> = pages.iter().map(|p| unligature(p)).collect();
    let words = words_of(&pages.join("\n"));
    let mut paras: Vec<String> = Vec::new();
    for page in &pages {
        let mut ps = paragraphs(page, title.as_deref(), &words);
        while ps.first().is_some_and(String::is_empty) {
            ps.remove(0);
        }
        // A paragraph cut by the page break goes on at the top of the next page.
        if let (Some(last), Some(first)) = (paras.last_mut(), ps.first())
            && !ends_sentence(last)
            && last.chars().count() >= 40
            && first.chars().next().is_some_and(|c| !c.is_ascii_digit())
        {
            if !glued(last, first, &words) {
                last.push(' ');
            }
            last.push_str(first);
            ps.remove(0);
        }
        paras.extend(ps);
    }
    if paras.is_empty() {
        return Err(ExtractError::NoArticle("PDF without a text layer (a scan?)".to_owned()));
    }
    if paras.iter().all(String::is_empty) {
        return Err(ExtractError::NoArticle("PDF without a text layer (a scan?)".to_owned()));
    }
    let text = paras.join("\n");
    let mut c = txt::read(&text, name)?;
    // The document title first: the text reader's headline is a guess.
    for t in &mut c.titles {
        t.source = Source::Heading;
    }
    if let Some(t) = title {
        c.titles.insert(0, super::candidate::Cand { value: t, source: Source::TitleTag });
    }
    // The address printed in the footer, when the page came from the web.
    for page in &pages {
        if let Some(u) = page
            .lines()
            .map(str::trim)
            .find(|l| (l.starts_with("http://") || l.starts_with("https://")) && is_print_chrome(l, None))
        {
            c.url(u.rsplit_once(' ').map_or(u, |(a, _)| a).trim().to_owned(), Source::Url);
            break;
        }
    }
    c.layout = format!("pdf+{}", c.layout);
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_chrome_and_wraps() {
        let t = Some("美 AI 투자 붐 - 매일경제");
        assert!(is_print_chrome("12/1/26, 10:00 PM 美 AI 투자 붐 - 매일경제", t));
        assert!(is_print_chrome("file:///work/i9/corpus/html/mk.html 1/2", t));
        assert!(is_print_chrome("https://www.mk.co.kr/news/1 2/2", None));
        assert!(!is_print_chrome("2024년 7월 5일 美 AI 투자 붐 발표가 있었다 그리고 이어졌다 매일경제", t));
        // Lines as wide as the page wrap; shorter ones end where they end.
        let page = "유족과 개인 소장가를 만났다. 회사 관\n계자는 말했다. 그는 만나온 유족과\n개인 소장가들을 만나왔다고 했다.\n\n규모는 (CAPEX) 전망이다 규모가 늘어\n났다.\n짧은 줄\n끝.";
        let words = words_of(page);
        assert_eq!(
            paragraphs(page, None, &words),
            [
                "유족과 개인 소장가를 만났다. 회사 관계자는 말했다. 그는 만나온 유족과 개인 소장가들을 만나왔다고 했다.",
                "",
                "규모는 (CAPEX) 전망이다 규모가 늘어났다.",
                "짧은 줄",
                "끝."
            ]
        );
    }

    #[test]
    fn not_pdf() {
        for b in [&b""[..], b"%PDF-", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj", b"<html>", &[0u8; 100]] {
            assert!(read(b, "x.pdf").is_err());
        }
    }
}
