//! The one resolver: a reader's candidates → an [`Article`], the same way for every format.
//!
//! - **Body**: the first body alternative that reads as an article, cleaned by
//!   [`super::body`]; a thin page body gives way to a structured copy (JSON-LD
//!   `articleBody`, a script payload) at least twice as long.
//! - **Title**: the first candidate that is not empty, not a press name, not 300+
//!   characters, with a site suffix (`… - 조선일보`) and glued bylines cut; a page element that
//!   holds a structured title (og:title, JSON-LD) and much more is the element with chrome
//!   around the headline, so the structured title wins.
//! - **Date**: the date the page prints with a published label (`입력`/`송고`/`등록` …) wins
//!   over metadata — always when they differ by a whole number of hours (a time zone mislabelled)
//!   or by under a day and a half; metadata (JSON-LD, `article:published_time`, payloads,
//!   record fields) otherwise; published before modified; every offset honoured and the date
//!   given in KST.
//! - **Press**: every candidate through the press table (canonical names; portals dropped;
//!   `All rights reserved` and the like rejected); a credit naming the reporter's own outlet
//!   (`[스포츠조선 안소윤 기자]`, `(서울=뉴스1) 홍길동 기자 =`, `스포츠조선 = 안소윤 기자`) wins, then
//!   what the site says of itself (site name, publisher, author metas, logo, its URL's domain),
//!   then copyright lines, datelines, e-mail domains and Naver office ids — a name the table
//!   knows before one it does not, within each of the two groups.
//! - **Reporters**: all of them, in order: the byline the article ends with, the page's
//!   byline element or the record's field, the credit dateline, structured authors, bylines above the body, sign-offs and
//!   anchor introductions, bylines glued to the headline; `reporter` is the first.
//! - **Fallbacks**, once for all formats: the title from the file name, the date from the
//!   file's time.

use chrono::{DateTime, FixedOffset};

use super::body::{self, Cleaned};
use super::boilerplate::{self as bp, is_chrome};
use super::byline::{find_email, plausible_name, split_title_byline};
use super::candidate::{Body, Cand, Candidates, DateCand, DateKind, DeferredBody, Source};
use super::date;
use super::press::PressTable;
use super::{Article, ArticleDate, DateSource, ExtractError, flatten, html};
use crate::time::kst;

/// What the resolver needs besides the candidates.
pub struct Context<'a> {
    pub press: &'a PressTable,
    /// The file's name (title fallback).
    pub name: &'a str,
    /// The file's modification time (year inference, date fallback).
    pub modified: Option<DateTime<FixedOffset>>,
}

fn clean_str(s: &str) -> String {
    bp::squash(&flatten::decode_entities(s))
}

/// Letters and digits only, lower case: for comparing titles printed differently.
fn norm(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// A date-time without fractions of a second (pages print minutes; the index keeps seconds).
fn whole_seconds(d: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::Timelike;
    d.with_nanosecond(0).unwrap_or(d)
}

/// The file name as a title: without extension, a browser's `_ 네이버 뉴스`, a trailing
/// `_0001234` and a site suffix.
pub fn title_from_file_name(name: &str, table: &PressTable) -> String {
    let stem = super::txt::file_stem(name);
    html::strip_title_suffix(&stem, table, None)
}

fn pick_title(c: &Candidates, ctx: &Context<'_>, site: Option<&str>, title_names: &mut Vec<String>) -> Option<String> {
    let mut cleaned: Vec<(String, Source)> = Vec::new();
    for t in &c.titles {
        let mut v = clean_str(&t.value);
        if matches!(t.source, Source::TitleTag | Source::Meta | Source::LinkedData | Source::Script) {
            v = html::strip_title_suffix(&v, ctx.press, site);
        }
        if let Some((head, names)) = split_title_byline(&v) {
            if title_names.is_empty() {
                title_names.extend(names);
            }
            v = head;
        }
        let n = v.chars().count();
        if n == 0 || n > 300 || ctx.press.canonical(&v).is_some() || ctx.press.is_portal(&v) || is_chrome(&v) {
            continue;
        }
        cleaned.push((v, t.source));
    }
    let (first, src) = cleaned.first()?.clone();
    if matches!(src, Source::Page | Source::Heading) {
        let nf = norm(&first);
        // A page element holding a structured title and much more: chrome around the headline.
        for (s, ssrc) in &cleaned {
            if !matches!(ssrc, Source::Meta | Source::LinkedData | Source::Script | Source::TitleTag) {
                continue;
            }
            let ns = norm(s);
            if ns.chars().count() >= 6 && nf.contains(&ns) && nf.chars().count() > ns.chars().count() * 13 / 10 + 10 {
                return Some(s.clone());
            }
        }
    }
    Some(first)
}

/// The published date: see the module comment.
fn pick_date(dates: &[DateCand]) -> Option<DateCand> {
    let page = |k: DateKind, timed: bool| {
        dates.iter().find(|d| d.source == Source::Page && d.kind == k && (!timed || d.has_time)).copied()
    };
    let structured = |k: DateKind| {
        let ok = |d: &&DateCand| d.source != Source::Page && d.kind == k;
        dates.iter().filter(ok).find(|d| d.has_time).or_else(|| dates.iter().find(ok)).copied()
    };
    let visible = page(DateKind::Published, true).or_else(|| page(DateKind::Unlabeled, true));
    let meta = structured(DateKind::Published).or_else(|| structured(DateKind::Unlabeled));
    match (visible, meta) {
        (Some(v), Some(m)) => {
            let delta = (v.datetime - m.datetime).num_seconds().abs();
            if delta % 3600 == 0 || delta <= 36 * 3600 { Some(v) } else { Some(m) }
        }
        (Some(v), None) => Some(v),
        (None, Some(m)) => {
            // A printed date without a time of day, on the metadata's day: the metadata's time.
            Some(m)
        }
        (None, None) => page(DateKind::Published, false)
            .or_else(|| page(DateKind::Unlabeled, false))
            .or_else(|| page(DateKind::Modified, false))
            .or_else(|| structured(DateKind::Modified)),
    }
}

/// A press candidate as the table knows it: (canonical or cleaned name, known).
fn canon_press(v: &str, table: &PressTable) -> Option<(String, bool)> {
    let v = clean_str(v);
    let v = v.trim_matches(|c: char| c.is_whitespace() || "()[]<>【】|:·-".contains(c)).to_owned();
    if v.is_empty() || table.is_portal(&v) {
        return None;
    }
    if let Some(k) = table.canonical(&v) {
        return Some((k.to_owned(), true));
    }
    let lower = v.to_lowercase();
    let junk = lower.contains("rights")
        || lower.contains("copyright")
        || v.contains("저작권")
        || v.contains("기자")
        || v.contains('@')
        || lower.starts_with("http")
        || lower.contains("www.")
        || v.chars().count() > 25
        || v.chars().count() < 2
        || v.chars().all(|c| c.is_ascii_digit() || c.is_whitespace());
    (!junk).then_some((v, false))
}

fn pick_press(tier1: &[String], tier2: &[String], credits: &[String], table: &PressTable) -> Option<String> {
    for v in credits {
        if let Some((p, true)) = canon_press(v, table) {
            return Some(p);
        }
    }
    for tier in [tier1, tier2] {
        let cs: Vec<(String, bool)> = tier.iter().filter_map(|v| canon_press(v, table)).collect();
        if let Some((p, _)) = cs.iter().find(|(_, k)| *k).or_else(|| cs.first()) {
            return Some(p.clone());
        }
    }
    None
}

/// A reporter name worth keeping: a Korean name, or (from a record's own field) a short
/// name in another script; never a press name.
fn ok_reporter(n: &str, source: Source, table: &PressTable) -> bool {
    if table.canonical(n).is_some() || table.is_portal(n) {
        return false;
    }
    plausible_name(n)
        || (source == Source::Record
            && n.chars().count() <= 30
            && !n.chars().any(|c| c.is_ascii_digit() || c == '@')
            && !n.contains("기자")
            && !n.chars().any(bp::is_hangul))
}

fn push_unique(v: &mut Vec<String>, n: &str) {
    if !v.iter().any(|x| x == n) {
        v.push(n.to_owned());
    }
}

/// The body alternative to use: the first with text, unless it is thin and a later one is at
/// least twice as long.
fn pick_body(bodies: &mut Vec<Body>, deferred: Option<&DeferredBody>, title: Option<&str>) -> Option<(usize, Cleaned)> {
    let clean = |b: &Body| {
        // Entities left in a line (a reader that did not decode them) are decoded on a copy;
        // most bodies have none and are cleaned as they are.
        let has_amp = |l: &super::candidate::Line| memchr::memchr(b'&', l.text.as_bytes()).is_some();
        if !b.lines.iter().any(has_amp) {
            return body::clean(b, title);
        }
        let mut b = b.clone();
        for l in &mut b.lines {
            if has_amp(l) {
                l.text = clean_str(&l.text);
            }
        }
        body::clean(&b, title)
    };
    // Cleaned lazily: a first alternative that reads as a full article is the pick, and the
    // others are not cleaned (nor the deferred one read) at all — most pages.
    let mut cleaned: Vec<Cleaned> = Vec::with_capacity(bodies.len() + 1);
    let mut i = 0;
    let mut deferred = deferred;
    loop {
        if i == bodies.len() {
            match deferred.take().and_then(super::txt::fallback_body) {
                Some(b) => bodies.push(b),
                None => break,
            }
        }
        let c = clean(&bodies[i]);
        let full = cleaned.iter().all(|c| c.paras.is_empty()) && c.chars() >= 150;
        cleaned.push(c);
        i += 1;
        if full {
            return Some((i - 1, cleaned.swap_remove(i - 1)));
        }
    }
    let first = cleaned.iter().position(|c| !c.paras.is_empty())?;
    let mut pick = first;
    let (best, n) =
        cleaned.iter().enumerate().map(|(i, c)| (i, c.chars())).max_by_key(|&(i, n)| (n, usize::MAX - i))?;
    if n >= cleaned[first].chars() * 2 {
        pick = best;
    }
    Some((pick, cleaned.swap_remove(pick)))
}

/// Resolves one article's candidates.
pub fn resolve(mut c: Candidates, ctx: &Context<'_>) -> Result<Article, ExtractError> {
    let table = ctx.press;
    let site = c.presses.iter().find(|p| p.source == Source::Meta).map(|p| clean_str(&p.value));
    let mut title_names = Vec::new();
    let title0 = pick_title(&c, ctx, site.as_deref(), &mut title_names);

    // Body.
    let picked = pick_body(&mut c.bodies, c.deferred.as_ref(), title0.as_deref());
    let (cleaned, chosen) = match picked {
        Some((i, cl)) => (cl, (i < c.bodies.len()).then(|| c.bodies.swap_remove(i))),
        None => (Cleaned::default(), None),
    };
    let mut layout = std::mem::take(&mut c.layout);
    let mut title = title0;
    if let Some(b) = &chosen {
        if let Some(l) = &b.layout {
            layout = l.clone();
        }
        if title.is_none()
            && let Some(t) = &b.title
        {
            title = Some(clean_str(t));
        }
        if c.dates.is_empty() {
            c.dates.extend(b.dates.iter().copied());
        }
    }
    if cleaned.paras.is_empty() && title.is_none() && c.subtitles.is_empty() && cleaned.subtitles.is_empty() {
        return Err(ExtractError::NoArticle("no headline or article text".to_owned()));
    }

    // Reporters, in order of trust.
    let src_is = |cand: &&Cand, s: &[Source]| s.contains(&cand.source);
    let mut reporters: Vec<String> = Vec::new();
    let add = |n: &str, source: Source, out: &mut Vec<String>| {
        let n = clean_str(n);
        if ok_reporter(&n, source, table) {
            push_unique(out, &n);
        }
    };
    // The byline the article ends with first: it names the reporters in the order the
    // outlet credits them (a header may sort them, or show only the first).
    for b in &cleaned.bylines {
        for n in &b.names {
            add(n, Source::Byline, &mut reporters);
        }
    }
    for r in c.reporters.iter().filter(|r| src_is(r, &[Source::Page, Source::Record])) {
        add(&r.value, r.source, &mut reporters);
    }
    if let Some(d) = &cleaned.credit {
        for n in &d.reporters {
            add(n, Source::Credit, &mut reporters);
        }
    }
    for r in c.reporters.iter().filter(|r| !src_is(r, &[Source::Page, Source::Record])) {
        add(&r.value, r.source, &mut reporters);
    }
    for b in &cleaned.head_bylines {
        for n in &b.names {
            add(n, Source::Byline, &mut reporters);
        }
    }
    for n in cleaned.spoken.iter().chain(&title_names) {
        add(n, Source::SignOff, &mut reporters);
    }

    // E-mail.
    let mut emails: Vec<String> = Vec::new();
    for e in c.emails.iter().filter(|e| src_is(e, &[Source::Page, Source::Record])) {
        emails.push(e.value.clone());
    }
    emails.extend(cleaned.bylines.iter().filter_map(|b| b.email.clone()));
    emails.extend(cleaned.head_bylines.iter().filter_map(|b| b.email.clone()));
    emails.extend(c.emails.iter().filter(|e| !src_is(e, &[Source::Page, Source::Record])).map(|e| e.value.clone()));
    let email = emails.iter().find_map(|e| find_email(e).map(str::to_owned));

    // URL.
    let url = c
        .urls
        .iter()
        .map(|u| u.value.trim())
        .find(|u| u.starts_with("http://") || u.starts_with("https://"))
        .map(str::to_owned)
        .or_else(|| c.urls.iter().map(|u| u.value.trim()).find(|u| u.starts_with("//")).map(|u| format!("https:{u}")));

    // Press.
    let mut tier1: Vec<String> = Vec::new();
    if chosen.as_ref().is_some_and(|b| b.hints.press_after_byline)
        && let Some(p) = &cleaned.after_byline
    {
        tier1.push(p.clone());
    }
    for p in c
        .presses
        .iter()
        .filter(|p| src_is(p, &[Source::Page, Source::Record, Source::Meta, Source::LinkedData, Source::Script]))
    {
        tier1.push(p.value.clone());
    }
    let own_urls: Vec<&str> = c.urls.iter().map(|u| u.value.as_str()).collect();
    for u in &own_urls {
        if let Some(p) = table.by_domain(u) {
            tier1.push(p.to_owned());
        }
    }
    let mut credits: Vec<String> = Vec::new();
    if let Some(d) = &cleaned.credit
        && !d.reporters.is_empty()
        && let Some(p) = &d.press
    {
        credits.push(p.clone());
    }
    for b in cleaned.bylines.iter().chain(&cleaned.head_bylines) {
        if !b.names.is_empty()
            && let Some(o) = &b.org
        {
            credits.push(o.clone());
        }
    }
    credits.extend(c.presses.iter().filter(|p| p.source == Source::Credit).map(|p| p.value.clone()));
    let mut tier2: Vec<String> = Vec::new();
    tier2.extend(c.presses.iter().filter(|p| p.source == Source::Copyright).map(|p| p.value.clone()));
    tier2.extend(cleaned.copyright.iter().cloned());
    if let Some(d) = &cleaned.credit
        && let Some(p) = &d.press
    {
        tier2.push(p.clone());
    }
    for e in &emails {
        if let Some(p) = table.by_domain(e) {
            tier2.push(p.to_owned());
        }
    }
    for u in &own_urls {
        if let Some(p) = table.naver_office_of(u).and_then(|o| table.by_naver_office(&o)) {
            tier2.push(p.to_owned());
        }
    }
    let press = pick_press(&tier1, &tier2, &credits, table);

    // Date.
    let dates: Vec<DateCand> =
        c.dates.iter().map(|d| DateCand { datetime: d.datetime.with_timezone(&kst()), ..*d }).collect();
    let date = match pick_date(&dates) {
        Some(d) => Some(ArticleDate { datetime: d.datetime, source: DateSource::Page }),
        None => date::resolve(None, c.month_day, ctx.modified),
    }
    .map(|d| ArticleDate { datetime: whole_seconds(d.datetime.with_timezone(&kst())), ..d });

    let category = c.categories.iter().map(|x| clean_str(&x.value)).find(|x| !x.is_empty() && x.chars().count() <= 30);
    let mut subtitles: Vec<String> = if c.subtitles.is_empty() {
        cleaned.subtitles.clone()
    } else {
        c.subtitles.iter().map(|s| clean_str(s)).collect()
    };
    subtitles.retain(|s| !s.is_empty());
    let paras = &cleaned.paras;

    let body = bp::join_paragraphs(paras);
    let title = title.unwrap_or_else(|| title_from_file_name(ctx.name, table));
    let title = if title.is_empty() {
        // A title-less record: the first words of its body.
        paras.first().map(|p| p.chars().take(60).collect()).unwrap_or_default()
    } else {
        title
    };
    Ok(Article {
        id: c.id,
        line: c.line,
        title,
        subtitles,
        body,
        date,
        press,
        reporter: reporters.first().cloned(),
        reporters,
        email,
        url,
        category,
        layout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str, kind: DateKind, source: Source) -> DateCand {
        let datetime = DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        DateCand { datetime, kind, has_time: true, source }
    }

    #[test]
    fn dates() {
        let p = |v: &[DateCand]| pick_date(v).map(|d| d.datetime.with_timezone(&kst()).to_rfc3339());
        // A meta in UTC labelled +09:00: the page's 송고시간 wins (whole hours apart).
        let v = [
            at("2023-04-20T04:24:13+09:00", DateKind::Published, Source::Meta),
            at("2023-04-20T13:24:13+09:00", DateKind::Published, Source::Page),
        ];
        assert_eq!(p(&v).as_deref(), Some("2023-04-20T13:24:13+09:00"));
        // UTC honoured.
        let v = [at("2023-04-11T02:40:17Z", DateKind::Published, Source::Meta)];
        assert_eq!(p(&v).as_deref(), Some("2023-04-11T11:40:17+09:00"));
        // Published before modified.
        let v = [
            at("2023-04-20T12:59:00+09:00", DateKind::Modified, Source::Page),
            at("2023-04-20T11:29:00+09:00", DateKind::Published, Source::Page),
        ];
        assert_eq!(p(&v).as_deref(), Some("2023-04-20T11:29:00+09:00"));
        // Minutes apart: what the page prints.
        let v = [
            at("2023-04-11T11:58:00+09:00", DateKind::Published, Source::Page),
            at("2023-04-11T02:40:17Z", DateKind::Published, Source::Meta),
        ];
        assert_eq!(p(&v).as_deref(), Some("2023-04-11T11:58:00+09:00"));
        // Days apart and not whole hours: the page's date is another story's; the metadata.
        let v = [
            at("2016-09-25T00:07:09+09:00", DateKind::Published, Source::Page),
            at("2016-09-17T18:59:00+09:00", DateKind::Published, Source::Meta),
        ];
        assert_eq!(p(&v).as_deref(), Some("2016-09-17T18:59:00+09:00"));
    }
}
