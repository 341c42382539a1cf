//! The body, cleaned the same way whatever the format: where the article ends, which lines
//! are not article text, the summary lines above it, and the bylines and credits around it.
//!
//! Rules, in order:
//! 1. The article ends at the first byline, copyright line, end marker (`관련기사`, section
//!    notes …), publisher tail (제보 lines, subscription prompts, service notices, `(끝)`,
//!    hashtag lines), broadcast sign-off or staff-credit line after some prose; a few lines
//!    after that are read for the byline only.
//! 2. Summary lines at the top (`- …` bullets; Naver's unbulleted summary block) are subtitles.
//! 3. Inside, image notes and the caption before them, captions, chrome, copyright and date
//!    lines, bylines, tails, link-only lines (related headlines) and the press name printed on
//!    its own line are dropped; `▲` captions before the first paragraph where the layout marks
//!    captions so; lines above a wire dateline; the headline printed again.
//! 4. A byline glued to the last paragraph is cut off it; a caption glued before a credit
//!    dateline (`▲ … [스포티비뉴스=유현태 기자] …`) is cut off the first paragraph.
//! 5. A body printed twice (screen and print copy) is kept once.

use super::boilerplate::{
    self as bp, ends_sentence, is_caption, is_chrome, is_copyright, is_end_marker, is_image_note, is_tail,
};
use super::byline::{
    Byline, Dateline, anchor_intro, parse_byline_line, parse_dateline, parse_sign_off, split_glued_byline,
    staff_credits,
};
use super::candidate::{Body, Line};
use super::date;

/// A cleaned body and what was found around it.
#[derive(Debug, Clone, Default)]
pub struct Cleaned {
    pub paras: Vec<String>,
    pub subtitles: Vec<String>,
    /// Bylines at the end of the article (the line it ends at, those after it, one glued to
    /// the last paragraph), in order.
    pub bylines: Vec<Byline>,
    /// Bylines above the body (under the headline).
    pub head_bylines: Vec<Byline>,
    /// The credit dateline opening the first paragraph.
    pub credit: Option<Dateline>,
    /// Reporter names from sign-offs, anchor introductions and staff credits.
    pub spoken: Vec<String>,
    /// Press names from copyright lines in and after the body.
    pub copyright: Vec<String>,
    /// The short line right after the byline the article ends at (a press name on Daum's
    /// saved pages).
    pub after_byline: Option<String>,
}

impl Cleaned {
    pub fn chars(&self) -> usize {
        self.paras.iter().map(|p| p.chars().count()).sum()
    }
}

fn nchars(s: &str) -> usize {
    s.chars().count()
}

/// A line that reads like article prose.
pub fn para_like(l: &str) -> bool {
    let n = nchars(l);
    (n >= 12 && ends_sentence(l)) || n >= 80
}

fn is_bullet(l: &str) -> bool {
    (l.starts_with("- ") || l.starts_with("– ") || l.starts_with("— ") || l.starts_with("ㅡ ")) && nchars(l) > 3
}

fn strip_bullet(l: &str) -> String {
    l.trim_start_matches(['-', '–', '—', 'ㅡ']).trim().to_owned()
}

/// A line the article ends at, once some prose was seen (a byline is told apart by the caller).
fn ends_article(l: &str) -> bool {
    is_copyright(l) || is_end_marker(l) || is_tail(l) || parse_sign_off(l).is_some() || staff_credits(l).is_some()
}

/// Where the body ends.
struct End {
    /// The first byline or end line after some prose (or the limit).
    at: usize,
    /// The byline there.
    byline: Option<Byline>,
    /// The first prose line: from it to `at`, no line that is not a link is a byline or ends
    /// the article (so not a copyright line or a tail either) — the rules after need not ask
    /// again (asking twice was a third of the cleaning's cost).
    prose: usize,
}

/// Where the body ends: the first byline or end line after some prose, and the byline there.
fn find_end(lines: &[Line], limit: usize) -> End {
    let mut seen = None;
    for (i, line) in lines.iter().enumerate().take(limit) {
        let l = line.text.as_str();
        if l.is_empty() || line.link {
            continue;
        }
        if let Some(b) = parse_byline_line(l) {
            if let Some(prose) = seen {
                return End { at: i, byline: Some(b), prose };
            }
            continue;
        }
        if ends_article(l) {
            if let Some(prose) = seen {
                return End { at: i, byline: None, prose };
            }
            continue;
        }
        if seen.is_none() && para_like(l) && !is_caption(l) {
            seen = Some(i);
        }
    }
    End { at: limit, byline: None, prose: seen.unwrap_or(limit) }
}

/// Naver's summary lines: printed without bullets, one under the other, right at the top of
/// the body and followed by a blank line. Returns where the body continues.
fn naver_summary(lines: &[Line], start: usize, end: usize) -> Option<usize> {
    let first = (start..end).find(|&i| !lines[i].text.is_empty())?;
    let mut g = first;
    while g < end && !lines[g].text.is_empty() {
        g += 1;
    }
    let group = &lines[first..g];
    if g >= end || group.len() > 6 {
        return None;
    }
    // The body must go on after it.
    (g..end).find(|&i| !lines[i].text.is_empty() && !is_caption(&lines[i].text) && !is_image_note(&lines[i].text))?;
    let ok_line = |l: &str| {
        nchars(l) <= 150 && !is_caption(l) && !is_image_note(l) && !is_chrome(l) && parse_byline_line(l).is_none()
    };
    if !group.iter().all(|l| ok_line(&l.text)) || group.iter().any(|l| parse_dateline(&l.text).is_some()) {
        return None;
    }
    // Two lines at least: a single short line may as well be a paragraph.
    (group.len() >= 2).then_some(g)
}

/// Summary bullets (`- …`) at the top of the body: taken when the press name follows them on
/// its own line, else while they do not end like a sentence (a paragraph may start with `- `
/// too). Returns the subtitles and where the body continues.
fn summary_bullets(lines: &[Line], start: usize, end: usize, press: Option<&str>) -> Option<(Vec<String>, usize)> {
    let mut at = Vec::new();
    let mut i = start;
    loop {
        while i < end && lines[i].text.is_empty() {
            i += 1;
        }
        if i < end && is_bullet(&lines[i].text) && !is_caption(&lines[i].text) {
            at.push(i);
            i += 1;
        } else {
            break;
        }
    }
    let last = *at.last()?;
    let next = (last + 1..lines.len()).find(|&j| !lines[j].text.is_empty());
    let press_follows = press.is_some() && next.is_some_and(|j| Some(lines[j].text.as_str()) == press);
    let mut subs = Vec::new();
    let mut cont = start;
    for &b in &at {
        let l = &lines[b].text;
        if !(press_follows || (!ends_sentence(l) && nchars(l) <= 150)) {
            break;
        }
        subs.push(strip_bullet(l));
        cont = b + 1;
    }
    (!subs.is_empty()).then_some((subs, cont))
}

/// A sub-headline at the top of an article element: short, not a sentence, not a marker.
fn is_lead_subtitle(l: &str) -> bool {
    let n = nchars(l);
    (4..=80).contains(&n)
        && !ends_sentence(l)
        && !l.starts_with([
            '[', '(', '<', '◀', '■', '◆', '◇', '▲', '△', '【', '○', '●', '※', '-', '#', '“', '"', '‘', '\'',
        ])
        && !l.ends_with([':', '：'])
        && parse_dateline(l).is_none()
        && !is_caption(l)
}

/// A sequence of paragraphs printed twice in a row (a screen copy and a print copy, or a
/// summary repeated): the index where the repetition starts, if the whole first copy repeats.
fn repeated_from(paras: &[String]) -> Option<usize> {
    if paras.len() < 2 {
        return None;
    }
    let first = &paras[0];
    for j in 1..paras.len() {
        if &paras[j] != first {
            continue;
        }
        // The whole run before it, again.
        if j <= paras.len() - j && paras[..j] == paras[j..2 * j] {
            return Some(j);
        }
    }
    None
}

/// Cleans a reader's body. `title` is the headline (printed again above some bodies).
pub fn clean(body: &Body, title: Option<&str>) -> Cleaned {
    let lines = &body.lines;
    let limit = body.limit.unwrap_or(lines.len()).min(lines.len());
    let hints = &body.hints;
    let press = hints.press_line.as_deref();
    let mut out = Cleaned::default();

    let End { at: end, byline: end_byline, prose } = find_end(lines, limit);
    if end_byline.is_some() {
        out.after_byline = lines
            .iter()
            .skip(end + 1)
            .map(|l| l.text.as_str())
            .find(|l| !l.is_empty())
            .filter(|l| nchars(l) <= 25 && !ends_sentence(l) && !is_end_marker(l) && !is_copyright(l) && !is_chrome(l))
            .map(str::to_owned);
    }
    // Bylines, sign-offs, credits and copyright lines after the end.
    let cut_at_byline = end_byline.is_some();
    let mut bylines: Vec<Byline> = end_byline.into_iter().collect();
    for (k, line) in lines.iter().enumerate().skip(end).take(8) {
        let l = line.text.as_str();
        if l.is_empty() {
            continue;
        }
        if (k > end || !cut_at_byline)
            && let Some(b) = parse_byline_line(l)
        {
            bylines.push(b);
        }
        if let Some((_, name)) = parse_sign_off(l) {
            out.spoken.push(name);
        }
        if let Some(names) = staff_credits(l) {
            out.spoken.extend(names);
        }
    }
    for line in lines.iter().skip(end).take(60) {
        if is_copyright(&line.text)
            && let Some(p) = bp::press_from_copyright(&line.text)
        {
            out.copyright.push(p);
        }
    }

    // Summary lines at the top.
    let mut start = 0;
    if hints.naver_summary
        && let Some(g) = naver_summary(lines, 0, end)
    {
        out.subtitles.extend(lines[..g].iter().filter(|l| !l.text.is_empty()).map(|l| l.text.clone()));
        start = g;
    } else if let Some((bullets, g)) = summary_bullets(lines, 0, end, press) {
        out.subtitles = bullets;
        start = g;
    }

    // Lines that are not article text.
    let mut drop = vec![false; end.saturating_sub(start)];
    for i in start..end {
        let line = &lines[i];
        let l = line.text.as_str();
        if l.is_empty() {
            continue;
        }
        if is_image_note(l) {
            drop[i - start] = true;
            // The caption is the line before the note.
            if let Some(j) = (start..i).rev().take(4).find(|&j| !lines[j].text.is_empty()) {
                drop[j - start] = true;
            }
            continue;
        }
        // Known to be neither a byline, a copyright line nor a tail (see `End::prose`).
        let plain = i >= prose && !line.link;
        if !plain
            && l.len() < 300
            && let Some(b) = parse_byline_line(l)
        {
            drop[i - start] = true;
            out.head_bylines.push(b);
            continue;
        }
        if line.link
            || press == Some(l)
            || is_chrome(l)
            || is_caption(l)
            || (!plain && (is_copyright(l) || is_tail(l)))
            || bp::is_credit_line(l)
            || date::is_date_line(l)
        {
            drop[i - start] = true;
        }
    }
    let kept: Vec<usize> = (start..end).filter(|&i| !lines[i].text.is_empty() && !drop[i - start]).collect();
    let text = |i: usize| lines[i].text.as_str();
    let mut k = 0;
    // Press sites mark photo captions with `▲` before the first paragraph (portals do not: a
    // `▲` line there is text). Without a photo credit, a blank line must follow it.
    while hints.arrow_captions
        && k < kept.len()
        && bp::is_arrow_line(text(kept[k]))
        && lines.get(kept[k] + 1).is_none_or(|l| l.text.is_empty() || bp::is_arrow_line(&l.text))
    {
        k += 1;
    }
    // Photo captions before the first paragraph, told by the credit they end with
    // (`… 경주=뉴스1`) or a photographer's byline glued to them (`… 최혁중 기자 sajinman@…`).
    let photo_captions = |k: &mut usize| {
        while kept.len() >= *k + 3
            && (bp::ends_with_photo_credit(text(kept[*k])) || split_glued_byline(text(kept[*k])).is_some())
            && parse_dateline(text(kept[*k])).is_none()
        {
            *k += 1;
        }
    };
    photo_captions(&mut k);
    // Lines above a wire dateline paragraph are captions (`… (서울=연합뉴스) … [공동취재]`).
    if let Some(d) =
        (k..kept.len().min(k + 3)).find(|&d| parse_dateline(text(kept[d])).is_some_and(|x| x.reporter().is_some()))
        && d > k
        && kept[k..d].iter().all(|&i| !para_like(text(i)) || text(i).contains('='))
    {
        k = d;
    }
    if hints.repeated_title && k < kept.len() && title.is_some_and(|t| bp::squash(text(kept[k])) == bp::squash(t)) {
        // The headline printed again above the body.
        k += 1;
    }
    // Sub-headlines printed at the top of a page's article element: short lines that do not
    // end like a sentence, before the first paragraph (not markers such as `[앵커]`).
    if hints.lead_subtitles && out.subtitles.is_empty() {
        let mut j = k;
        while j < kept.len() && j < k + 4 && is_lead_subtitle(text(kept[j])) {
            j += 1;
        }
        if j > k && kept.get(j).is_some_and(|&i| para_like(text(i))) {
            out.subtitles = kept[k..j].iter().map(|&i| lines[i].text.clone()).collect();
            k = j;
        }
        photo_captions(&mut k);
    }
    let mut paras: Vec<String> = kept[k..].iter().map(|&i| lines[i].text.clone()).collect();

    // A caption glued before the credit of the first paragraph.
    if let Some(first) = paras.first_mut()
        && let Some(d) = parse_dateline(first)
    {
        if d.start > 0 {
            *first = first[d.start..].trim().to_owned();
        }
        out.credit = Some(Dateline { start: 0, ..d });
    }
    // A byline glued to the last paragraph.
    if let Some(last) = paras.last_mut()
        && let Some((text, b)) = split_glued_byline(last)
    {
        *last = text;
        bylines.insert(0, b);
    }
    if let Some(j) = repeated_from(&paras) {
        paras.truncate(j);
    }
    // Anchor introductions name the reporter of a broadcast script.
    for p in paras.iter().take(6) {
        if let Some(n) = anchor_intro(p) {
            out.spoken.push(n);
        }
    }
    out.bylines = bylines;
    out.paras = paras;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::candidate::Source;

    fn body(lines: &[&str]) -> Body {
        Body::from_lines(Source::Page, lines.iter().copied())
    }

    #[test]
    fn tails_cut_the_article() {
        let c = clean(
            &body(&[
                "◀ 앵커 ▶",
                "정부와 여당이 양곡관리법 개정안에 대한 거부권 행사를 건의하겠다고 밝혔습니다.",
                "구민지 기자가 보도합니다.",
                "여야 정국은 더 얼어붙을 걸로 보입니다.",
                "MBC뉴스 구민지입니다.",
                "MBC 뉴스는 24시간 여러분의 제보를 기다립니다.",
                "▷ 전화 02-784-4000 ▷ 이메일 mbcjebo@mbc.co.kr",
            ]),
            None,
        );
        assert_eq!(c.paras.len(), 4);
        assert_eq!(c.paras[3], "여야 정국은 더 얼어붙을 걸로 보입니다.");
        assert_eq!(c.spoken, ["구민지", "구민지"]);
    }

    #[test]
    fn glued_bylines_and_captions() {
        let c = clean(
            &body(&[
                "▲ 지아니 인판니노 FIFA 회장[스포티비뉴스=유현태 기자] 지아니 인판티노 국제축구연맹(FIFA) 회장이 비판에 대해 입을 열었다.",
                "그는 \"축구를 떠나라고 당부하고 싶다\"고 덧붙였다. 유현태기자 yht@spotvnews.co.kr",
            ]),
            None,
        );
        assert!(c.paras[0].starts_with("[스포티비뉴스=유현태 기자] 지아니"));
        assert_eq!(c.paras[1], "그는 \"축구를 떠나라고 당부하고 싶다\"고 덧붙였다.");
        assert_eq!(c.credit.as_ref().and_then(|d| d.reporter()), Some("유현태"));
        assert_eq!(c.bylines[0].name(), Some("유현태"));
    }

    #[test]
    fn printed_twice() {
        let a = ["첫 문단이 여기 있습니다.", "둘째 문단이 여기 있습니다.", "셋째 문단입니다."];
        let mut lines: Vec<&str> = a.to_vec();
        lines.extend(a);
        assert_eq!(clean(&body(&lines), None).paras, a);
        let once = ["같은 말이다.", "다른 말이다.", "같은 말이다."];
        assert_eq!(clean(&body(&once), None).paras.len(), 3);
    }

    #[test]
    fn link_lines_are_dropped() {
        let mut b = body(&[
            "본문 첫 문장이 여기 있고 충분히 길어서 산문으로 보입니다.",
            "[EPL] 36R 프리뷰(금) - 첼시, 우승까지 '-1'",
            "마지막 문단입니다. 정말로요.",
        ]);
        b.lines[1].link = true;
        assert_eq!(clean(&b, None).paras.len(), 2);
    }
}
