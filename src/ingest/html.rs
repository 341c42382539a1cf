//! Saved HTML pages → candidates: structured data first (JSON-LD, `og:`/`article:` metas,
//! script payloads), then what the page prints where its layout ([`super::layouts`]) puts
//! it — headline, dateline, byline, section — and the body: the layout's body element, else
//! the main content found by scoring ([`super::readability`]), read block by block without
//! figures, captions, summaries, scripts, buttons, bylines and hidden text.
//!
//! A "web page, complete" save starts with `<!-- saved from url=(N)URL -->`: that URL is the
//! page's. Inlined `data:` URIs (SingleFile saves) are dropped before parsing, and markup
//! nested too deep for a DOM is read as text.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node};

use super::boilerplate::{self as bp, section_note};
use super::byline::{find_email, parse_byline_line, parse_byline_value};
use super::candidate::{Body, BodyHints, Candidates, DateKind, Source};
use super::dom::{Index, Sel};
use super::layouts::{Layout, Order};
use super::{ExtractError, date, flatten, press, readability, structured};

fn sels(list: &[&str]) -> Vec<Sel> {
    list.iter().filter_map(|s| Sel::new(s)).collect()
}

macro_rules! selectors {
    ($($name:ident = $css:expr;)*) => {
        $(static $name: LazyLock<Vec<Sel>> = LazyLock::new(|| sels(&$css));)*
    };
}

selectors! {
    META = ["meta"];
    CANONICAL = ["link[rel=canonical]"];
    TITLE_TAG = ["title"];
    FIRST_H1 = ["h1"];
    SCRIPT = ["script"];
    NAVER_ACTIVE = [".Nlist_item.is_active", "li.is_active", ".Nitem.is_active"];
    NOTE = [".guide_categorization_item", ".box_noti p", "p.c_text"];
    LINKED_DATA = [r#"script[type="application/ld+json"]"#];
}

/// Element text, whitespace-collapsed.
fn text_of(el: ElementRef<'_>) -> String {
    bp::squash(&el.text().collect::<String>())
}

/// `<meta>` values by lower-cased `property`/`name`/`itemprop` (the first of each wins).
struct Metas(Vec<(String, String)>);

impl Metas {
    fn collect(ix: &Index<'_>) -> Metas {
        let mut v = Vec::new();
        for s in META.iter() {
            for m in ix.select(s) {
                let e = m.value();
                let (mut content, mut keys) = (None, Vec::new());
                for (name, value) in e.attrs() {
                    match name {
                        "content" => content = Some(value),
                        "property" | "name" | "itemprop" => keys.push(value),
                        _ => {}
                    }
                }
                let Some(content) = content else { continue };
                let content = bp::squash(&flatten::decode_entities(content));
                for key in keys {
                    v.push((key.trim().to_ascii_lowercase(), content.clone()));
                }
            }
        }
        Metas(v)
    }

    fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.iter().find(|(key, val)| key == k && !val.is_empty()).map(|(_, v)| v.as_str()))
    }

    fn all<'s>(&'s self, keys: &'s [&str]) -> impl Iterator<Item = &'s str> + 's {
        keys.iter()
            .flat_map(move |k| self.0.iter().filter(move |(key, v)| key == k && !v.is_empty()).map(|(_, v)| v.as_str()))
    }
}

const PUBLISHED_METAS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "og:regdate",
    "date",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
    "article:published_date",
];
const MODIFIED_METAS: &[&str] = &["article:modified_time", "og:updated_time", "datemodified", "last-modified"];

/// Whether an element is never article text: hidden tags and elements, figures and captions,
/// navigation and forms, and the layout's skip classes.
fn skipped(e: &scraper::node::Element, order: &Order) -> bool {
    if matches!(
        e.name(),
        "figure" | "figcaption" | "nav" | "aside" | "form" | "button" | "select" | "input" | "textarea" | "label"
    ) {
        return true;
    }
    for (name, value) in e.attrs() {
        let hidden = match name {
            "dmcf-ptype" => value == "figure",
            "aria-hidden" => value == "true",
            "hidden" => true,
            "style" => {
                let v = value.replace(' ', "").to_ascii_lowercase();
                v.contains("display:none") || v.contains("visibility:hidden")
            }
            _ => false,
        };
        if hidden {
            return true;
        }
    }
    super::dom::classes(e).any(|c| order.skips_class(c))
}

/// The number of bytes of inlined data that [`drop_data_uris`] would drop.
pub fn data_uri_bytes(text: &str) -> usize {
    data_uri_runs(text).map(|(a, b)| b - a).sum()
}

/// Byte ranges of the payloads of long `data:` URIs (`data:image/png;base64,…`).
fn data_uri_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static DATA: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("data:"));
    let b = text.as_bytes();
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(k) = DATA.find(b.get(from..)?) {
            let start = from + k + 5;
            let end = b[start..]
                .iter()
                .position(|&c| matches!(c, b'"' | b'\'' | b')' | b' ' | b'>' | b'<' | b'\n' | b'\r' | b'\t'))
                .map_or(b.len(), |p| start + p);
            from = end.max(start);
            if end - start >= 256 {
                return Some((start, end));
            }
        }
        None
    })
}

/// The text without the payloads of long `data:` URIs (SingleFile saves inline every image).
pub fn drop_data_uris(text: &str) -> Cow<'_, str> {
    let mut runs = data_uri_runs(text).peekable();
    if runs.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() / 4);
    let mut at = 0;
    for (a, b) in runs {
        out.push_str(&text[at..a]);
        at = b;
    }
    out.push_str(&text[at..]);
    Cow::Owned(out)
}

/// Nesting beyond which a page is flattened instead of parsed (real pages stay under ~100).
const MAX_DEPTH: usize = 2000;

/// An estimate of how deep `text`'s elements nest (up to `limit`): opening tags deepen it,
/// closing tags undo that; void and self-closing tags, elements closed implicitly (`p`, `li`,
/// `td` …), comments, scripts and styles do not count.
fn nesting_depth(text: &str, limit: usize) -> usize {
    let b = text.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            match text[i..].find("-->") {
                Some(k) => i += k + 3,
                None => break,
            }
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = b[start..].iter().position(|c| !c.is_ascii_alphanumeric()).map_or(b.len(), |k| start + k);
        let name = &text[start..end];
        let gt = b[end..].iter().position(|&c| c == b'>').map_or(b.len(), |k| end + k);
        if name.is_empty() {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(usize::from(!implicit_close(name)));
        } else if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            match flatten::find_closing(&text[gt.min(b.len())..], name) {
                Some(k) => i = gt + k,
                None => break,
            }
            continue;
        } else if !(implicit_close(name) || (gt > 0 && b.get(gt - 1) == Some(&b'/'))) {
            depth += 1;
            max = max.max(depth);
            if max >= limit {
                return max;
            }
        }
        i = gt.min(b.len());
    }
    max
}

/// Void elements and elements html5ever closes by itself (a parsing matter, not text layout).
fn implicit_close(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "col", "embed", "param", "track", "base",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head", "body", "tbody", "thead", "doctype",
    ];
    name.len() <= 7 && NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

static SID_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:\bsid1?|\bsection|\bsectionId)\s*[:=]\s*['"]?(1\d\d)\b"#).expect("sid regex"));
static SAVED_FROM_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->").expect("saved-from regex"));

/// Labels of a published date printed on the page.
const DATE_LABELS: &[&str] = &[
    "입력",
    "기사입력",
    "송고",
    "등록",
    "승인",
    "작성",
    "발행",
    "게재",
    "최초",
    "Posted",
    "Published",
    "posted",
    "published",
];

/// Dates printed in `el` (its whole text, if short), labelled.
fn dates_in(el: ElementRef<'_>, c: &mut Candidates) -> bool {
    let t = text_of(el);
    // A dateline opens its element; a long element (buttons and menus after the date) is read
    // from its start.
    let t = bp::prefix(&t, 400);
    if t.is_empty() {
        return false;
    }
    let found = date::find_dates(t);
    for f in &found {
        let kind = match f.label {
            date::Label::Published => DateKind::Published,
            date::Label::Modified => DateKind::Modified,
            date::Label::None => DateKind::Unlabeled,
        };
        c.date(f.datetime, kind, f.has_time, Source::Page);
    }
    !found.is_empty()
}

/// An element whose own text (not its descendants') names a published date label.
fn has_date_label(el: ElementRef<'_>) -> bool {
    el.children().any(|n| match n.value() {
        Node::Text(t) => t.len() < 200 && DATE_LABELS.iter().any(|l| t.contains(l)),
        _ => false,
    })
}

/// True if `el` comes before `container` in the page or inside it.
fn before_or_inside(el: ElementRef<'_>, container: ElementRef<'_>, ix: &Index<'_>) -> bool {
    if el.ancestors().any(|a| a.id() == container.id()) {
        return true;
    }
    for e in ix.all() {
        if e.id() == el.id() {
            return true;
        }
        if e.id() == container.id() {
            return false;
        }
    }
    false
}

/// Strips a site suffix from a `<title>`-like string when the tail is a press or portal name.
pub fn strip_title_suffix(t: &str, table: &press::PressTable, site: Option<&str>) -> String {
    /// The separators, each with its searcher built once (`rfind` builds one per call).
    static SEPS: LazyLock<Vec<(&'static str, memchr::memmem::FinderRev<'static>)>> = LazyLock::new(|| {
        [" : ", " - ", " | ", " _ ", " :: ", " < ", " – ", " — ", " ｜ "]
            .into_iter()
            .map(|s| (s, memchr::memmem::FinderRev::new(s.as_bytes())))
            .collect()
    });
    let t = bp::squash(t);
    for (sep, finder) in SEPS.iter() {
        if let Some(i) = finder.rfind(t.as_bytes()) {
            let tail = t[i + sep.len()..].trim();
            let pressy = [
                "뉴스",
                "일보",
                "신문",
                "경제",
                "방송",
                "미디어",
                "타임스",
                "News",
                "news",
                "NEWS",
                "Times",
                "Daily",
                ".com",
                ".co.kr",
                ".kr",
                "닷컴",
                "TV",
            ]
            .iter()
            .any(|e| tail.ends_with(e));
            let known = table.canonical(tail).is_some() || table.is_portal(tail) || site == Some(tail);
            if i > 0 && tail.chars().count() <= 24 && (known || pressy) {
                return strip_title_suffix(t[..i].trim(), table, site);
            }
        }
    }
    t
}

/// The lines of a page's main content as content scoring alone finds it — no layout table,
/// no structured data (for comparing the scorer with other main-content extractors: see
/// `cargo bench --bench main_content`).
pub fn main_content_lines(text: &str) -> Vec<String> {
    let text = drop_data_uris(text);
    let doc = Html::parse_document(&text);
    let ix = Index::build(&doc);
    let order = Order::of(&ix, None);
    let skip = |e: ElementRef<'_>| skipped(e.value(), &order);
    readability::main_content(&doc, &skip)
        .into_iter()
        .flat_map(|el| flatten::dom_body_lines(el, &skip))
        .filter(|l| !l.link)
        .map(|l| l.text)
        .collect()
}

/// Reads a saved HTML page.
pub fn read(text: &str, name: &str) -> Result<Candidates, ExtractError> {
    let text = drop_data_uris(text);
    let text: &str = &text;
    let saved_from =
        SAVED_FROM_RE.captures(bp::prefix(text, 4096)).and_then(|c| c.get(1)).map(|m| m.as_str().to_owned());
    if nesting_depth(text, MAX_DEPTH) >= MAX_DEPTH {
        // html5ever's tree builder rescans the stack of open elements for many tags: markup
        // nested thousands deep (broken or hostile files) would take minutes. Read it as text.
        let mut c = super::txt::read(&flatten::markup_to_text(text), name)?;
        c.layout = "html-flat".to_owned();
        return Ok(c);
    }
    let doc = Html::parse_document(text);
    let ix = Index::build(&doc);
    let metas = Metas::collect(&ix);

    let mut c = Candidates::default();
    // URL first (the layout may be known by its host).
    for u in metas.all(&["og:url", "twitter:url"]) {
        c.url(u.to_owned(), Source::Meta);
    }
    if let Some(u) = ix.first(&CANONICAL).and_then(|l| l.value().attr("href")) {
        c.url(u.trim().to_owned(), Source::Meta);
    }
    if let Some(u) = saved_from {
        c.url(u, Source::Page);
    }
    let host = c.urls.iter().find_map(|u| press::host_of(&u.value));
    let order = Order::of(&ix, host.as_deref());

    // Structured data.
    let mut st = Candidates::default();
    let ld_sel = LINKED_DATA.first();
    let scripts: Vec<ElementRef<'_>> = ix.each(&SCRIPT).collect();
    let ld: Vec<bool> = scripts.iter().map(|s| ld_sel.is_some_and(|l| l.matches(s))).collect();
    structured::linked_data(
        scripts.iter().zip(&ld).filter(|(_, ld)| **ld).map(|(s, _)| s.text().collect::<String>()),
        &mut st,
    );
    structured::payloads(
        scripts
            .iter()
            .zip(&ld)
            .filter(|(_, ld)| !**ld)
            .map(|(s, _)| s)
            .map(|s| (s.value().id().map(str::to_owned), s.text().collect::<String>())),
        &mut st,
    );

    // Title.
    let site = metas.get(&["og:site_name"]);
    for el in order.sels(|l: &'static Layout| &l.headline).flat_map(|s| ix.select(s)).take(3) {
        let t = text_of(el);
        if !t.is_empty() && t.chars().count() <= 300 {
            c.title(t, Source::Page);
            break;
        }
    }
    for t in metas.all(&["og:title", "twitter:title", "title"]) {
        c.title(t.to_owned(), Source::Meta);
    }
    c.titles.append(&mut st.titles);
    if let Some(t) = ix.first(&TITLE_TAG).map(text_of).filter(|t| !t.is_empty()) {
        c.title(t, Source::TitleTag);
    }
    if let Some(t) = ix.first(&FIRST_H1).map(text_of).filter(|t| !t.is_empty() && t.chars().count() <= 300) {
        c.title(t, Source::Heading);
    }

    // Body: the layout's element with text in it, else the main content by scoring.
    let title_guess = c.titles.first().map(|t| t.value.clone()).unwrap_or_default();
    // Sub-headline elements inside the article element are subtitles, not body.
    let sub_ids: Vec<_> = order.sels(|l| &l.subtitle).flat_map(|s| ix.select(s)).map(|e| e.id()).collect();
    let skip = |e: ElementRef<'_>| {
        skipped(e.value(), &order)
            || (matches!(e.value().name(), "h1" | "h2" | "h3" | "h4")
                && !title_guess.is_empty()
                && text_of(e) == title_guess)
            || sub_ids.contains(&e.id())
    };
    let container = order
        .sels(|l| &l.body)
        .flat_map(|s| ix.select(s).take(2))
        .find(|el| el.text().map(|t| t.trim().chars().count()).sum::<usize>() >= 50);
    let mut containers: Vec<ElementRef<'_>> = match container {
        Some(el) => vec![el],
        None => readability::main_content(&doc, &skip),
    };
    if containers.is_empty() {
        // Too little text to score (a note saved as a page): all of it.
        containers.extend(ix.tag("body").first().copied());
    }
    // Subtitles from their own elements.
    for s in order.sels(|l| &l.subtitle) {
        for el in ix.select(s) {
            // Printed above the article or at its top, not in a box after it.
            if !containers.is_empty() && !containers.iter().any(|k| before_or_inside(el, *k, &ix)) {
                continue;
            }
            // Daum's `p.summary` lines are bullets (`- …`); other summaries are printed as is.
            let bulleted = el.value().name() == "p" && el.value().classes().any(|c| c == "summary");
            for l in flatten::dom_lines(el, &|_| false) {
                let l = match l.strip_prefix("- ") {
                    Some(x) if bulleted => x.trim().to_owned(),
                    _ => l,
                };
                if !l.is_empty() && !c.subtitles.contains(&l) {
                    c.subtitles.push(l);
                }
            }
        }
        if !c.subtitles.is_empty() {
            break;
        }
    }
    if c.subtitles.is_empty() {
        c.subtitles = std::mem::take(&mut st.subtitles);
    }

    let mut lines = Vec::new();
    for el in &containers {
        lines.extend(flatten::dom_body_lines(*el, &skip));
    }
    let body_start = containers.first().map(|e| e.id());
    c.bodies.push(Body {
        source: Some(Source::Page),
        lines,
        limit: None,
        hints: BodyHints { repeated_title: true, lead_subtitles: true, ..BodyHints::default() },
        ..Body::default()
    });
    c.bodies.append(&mut st.bodies);

    // Dates: attributes, the layout's date elements, labelled dates printed before the body.
    for el in order.sels(|l| &l.date_attr).flat_map(|s| ix.select(s)).take(4) {
        let v = el.value();
        let value = ["data-date-time", "data-published-time", "datetime", "content"].iter().find_map(|a| v.attr(a));
        if let Some(dt) = value.and_then(date::parse_value) {
            c.date(dt, DateKind::Published, value.is_some_and(|v| v.contains(':')), Source::Page);
        }
    }
    let mut visible = false;
    for s in order.sels(|l| &l.date) {
        for el in ix.select(s).take(4) {
            visible |= dates_in(el, &mut c);
        }
        if visible {
            break;
        }
    }
    if !visible {
        for el in ix.all().iter().take(6000) {
            if Some(el.id()) == body_start {
                break;
            }
            if has_date_label(*el) && dates_in(*el, &mut c) {
                break;
            }
        }
    }
    for v in metas.all(PUBLISHED_METAS) {
        if let Some(dt) = date::parse_value(v) {
            c.date(dt, DateKind::Published, v.contains(':') || v.len() >= 12, Source::Meta);
        }
    }
    for v in metas.all(MODIFIED_METAS) {
        if let Some(dt) = date::parse_value(v) {
            c.date(dt, DateKind::Modified, v.contains(':') || v.len() >= 12, Source::Meta);
        }
    }
    c.dates.append(&mut st.dates);

    // Press.
    if let Some(s) = site {
        c.press(s.to_owned(), Source::Meta);
    }
    let mut ld_press = std::mem::take(&mut st.presses);
    ld_press.retain(|p| p.source != Source::Credit);
    c.presses.extend(ld_press);
    for a in metas.all(&["og:article:author", "article:author", "dable:author", "twitter:site"]) {
        for part in a.split('|') {
            let p = part.trim().trim_start_matches('@').trim();
            if !p.is_empty() && !p.starts_with("http") && !p.contains("기자") && p.chars().count() <= 30 {
                c.press(p.to_owned(), Source::Meta);
            }
        }
    }
    for img in order.sels(|l| &l.press_logo).flat_map(|s| ix.select(s)).take(3) {
        if let Some(a) = img.value().attr("alt").map(str::trim).filter(|a| !a.is_empty()) {
            c.press(a.to_owned(), Source::Page);
        }
    }
    for el in order.sels(|l| &l.copyright).flat_map(|s| ix.select(s)).take(4) {
        if let Some(p) = bp::press_from_copyright(&text_of(el)) {
            c.press(p, Source::Copyright);
        }
    }

    // Reporters and e-mail.
    for el in order.sels(|l| &l.reporter).flat_map(|s| ix.select(s).take(6)).take(12) {
        let t = text_of(el);
        if t.is_empty() || t.chars().count() > 120 {
            continue;
        }
        // A byline element names the reporter with a title or an e-mail (`홍길동 기자`); a
        // bare name there may be anyone (a subscription box, a photographer).
        let b = parse_byline_line(&t).unwrap_or_else(|| super::byline::Byline {
            names: super::byline::find_reporters(&t),
            email: find_email(&t).map(str::to_owned),
            org: None,
        });
        let mut any = false;
        for n in b.names.iter().filter(|n| super::byline::plausible_name(n)) {
            c.reporter(n.clone(), Source::Page);
            any = true;
        }
        if let Some(e) = b.email {
            c.email(e, Source::Page);
        }
        if let Some(o) = b.org.filter(|_| any) {
            c.press(o, Source::Credit);
        }
    }
    c.reporters.append(&mut st.reporters);
    for a in metas.all(&["author", "article:author", "dable:author", "og:article:author"]) {
        for n in parse_byline_value(a).names {
            c.reporter(n, Source::Meta);
        }
    }
    for el in order.sels(|l| &l.email).flat_map(|s| ix.select(s)).take(8) {
        if let Some(e) = find_email(&text_of(el)) {
            c.email(e.to_owned(), Source::Page);
        }
    }
    c.emails.append(&mut st.emails);
    // Credits found in structured data (`스포츠조선 = 안소윤 기자`).
    c.presses.append(&mut st.presses);

    // URL and category.
    c.urls.append(&mut st.urls);
    for v in metas.all(&["article:section", "og:article:section", "section", "articlesection", "category"]) {
        c.category(v.to_owned(), Source::Meta);
    }
    c.categories.append(&mut st.categories);
    if let Some(t) = order
        .sels(|l| &l.section)
        .flat_map(|s| ix.select(s))
        .map(text_of)
        .find(|t| !t.is_empty() && t.chars().count() <= 20)
    {
        c.category(t, Source::Page);
    }
    if let Some(s) = ix.each(&NOTE).find_map(|e| section_note(&text_of(e))) {
        c.category(s, Source::Page);
    }
    if order.name() == "naver"
        && let Some(t) = ix.each(&NAVER_ACTIVE).map(text_of).find(|t| bp::is_section_label(t))
    {
        c.category(t, Source::Page);
    }
    // Naver's section id in a page script (`sid1=105`, `section:'105'`).
    if let Some(s) = scripts.iter().find_map(|sc| {
        let t: String = sc.text().collect();
        SID_RE.captures(&t).and_then(|m| m.get(1)).and_then(|m| bp::naver_section(m.as_str()))
    }) {
        c.category(s, Source::Page);
    }
    c.layout = order.name().to_owned();
    if c.titles.is_empty() && c.bodies.iter().all(|b| b.lines.is_empty()) {
        return Err(ExtractError::NoArticle("no headline or article text".to_owned()));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset};

    use super::*;
    use crate::ingest::{Article, DateSource, Format};

    fn extract(html: &str, name: &str, modified: Option<DateTime<FixedOffset>>) -> Result<Article, ExtractError> {
        crate::ingest::first_article(Format::Html, html, name, modified)
    }

    fn run(html: &str, name: &str) -> Article {
        match extract(html, name, DateTime::parse_from_rfc3339("2024-06-19T09:00:00+09:00").ok()) {
            Ok(a) => a,
            Err(e) => panic!("{name}: {e}"),
        }
    }

    fn date(a: &Article) -> String {
        a.date.map(|d| d.datetime.to_rfc3339()).unwrap_or_default()
    }

    const NAVER: &str = r##"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>오픈AI GPT-4o 공개 일주일…국내 AI 업계 ‘음성비서’ 경쟁 불붙었다 : 네이버 뉴스</title>
<meta property="og:title" content="오픈AI GPT-4o 공개 일주일…국내 AI 업계 ‘음성비서’ 경쟁 불붙었다">
<meta property="og:url" content="https://n.news.naver.com/mnews/article/015/0004985123">
<meta property="og:site_name" content="한국경제">
<meta property="article:published_time" content="2024-05-20T07:31:00+09:00">
<link rel="canonical" href="https://n.news.naver.com/mnews/article/015/0004985123">
<script>window.__ARTICLE__={section:'105',press:'015'};var ad_slot="광고 영역";</script></head>
<body><div id="header"><a href="#content" class="skip">본문 바로가기</a><ul class="nav"><li><a href="/section/0">정치</a></li><li><a href="/section/1">경제</a></li></ul></div>
<div class="media_end_head"><h2 id="title_area" class="media_end_head_headline"><span>오픈AI GPT-4o 공개 일주일…국내 AI 업계 ‘음성비서’ 경쟁 불붙었다</span></h2>
<span class="media_end_head_info_datestamp_time _ARTICLE_DATE_TIME" data-date-time="2024-05-20 07:31:00">2024.05.20. 오전 7:31</span>
<em class="media_end_head_journalist_name">이하은 기자</em><button class="media_end_head_autosummary_button">요약봇</button></div>
<article id="dic_area" class="go_trans _article_content">
<strong class="media_end_summary">음성·이미지 실시간 처리…평균 응답 0.32초<br>네이버·카카오, 음성 대화 기능 출시 앞당겨</strong><br><br>
<span class="end_photo_org"><img src="https://imgnews.pstatic.net/x.jpg" alt=""><em class="img_desc">오픈AI가 공개한 새 AI 모델 ‘GPT-4o’ 시연 장면. 오픈AI 유튜브 캡처</em></span><br><br>
오픈AI가 새 인공지능(AI) 모델 ‘GPT-4o’를 공개한 지 일주일 만에 국내 AI 업계의 음성비서 경쟁에 불이 붙었다.<br><br>풀어야 할 과제도 적지 않다. 딥페이크 음성이 보이스피싱에 악용될 수 있다는 우려도 나온다.
</article>
<div class="byline"><p><span class="byline_s">이하은 기자 (haeun@hankyung.com)</span></p></div>
<p class="c_text">Copyright ⓒ 한국경제. All rights reserved. 무단 전재 및 재배포 금지.</p>
<aside class="related"><h4>이 시각 주요뉴스</h4><ul><li><a href="#">통신3사, 5G 중간요금제 추가 출시</a></li></ul></aside>
<div id="footer"><address>Copyright © 한국경제. All rights reserved.</address></div></body></html>"##;

    #[test]
    fn naver_page() {
        let a = run(NAVER, "hankyung_20240520_0004985123.html");
        assert_eq!(a.layout, "naver");
        assert_eq!(a.title, "오픈AI GPT-4o 공개 일주일…국내 AI 업계 ‘음성비서’ 경쟁 불붙었다");
        assert_eq!(date(&a), "2024-05-20T07:31:00+09:00");
        assert_eq!(a.date.map(|d| d.source), Some(DateSource::Page));
        assert_eq!(a.press.as_deref(), Some("한국경제"));
        assert_eq!(a.reporter.as_deref(), Some("이하은"));
        assert_eq!(a.email.as_deref(), Some("haeun@hankyung.com"));
        assert_eq!(a.url.as_deref(), Some("https://n.news.naver.com/mnews/article/015/0004985123"));
        assert_eq!(a.category.as_deref(), Some("IT/과학"));
        assert_eq!(
            a.subtitles,
            ["음성·이미지 실시간 처리…평균 응답 0.32초", "네이버·카카오, 음성 대화 기능 출시 앞당겨"]
        );
        assert_eq!(
            a.body,
            "오픈AI가 새 인공지능(AI) 모델 ‘GPT-4o’를 공개한 지 일주일 만에 국내 AI 업계의 음성비서 경쟁에 불이 붙었다.\n\
             풀어야 할 과제도 적지 않다. 딥페이크 음성이 보이스피싱에 악용될 수 있다는 우려도 나온다."
        );
        // Without metas: the page's own elements and the section id still give every field.
        let bare = NAVER
            .lines()
            .filter(|l| !l.starts_with("<meta property=\"og") && !l.starts_with("<meta property=\"article"))
            .collect::<Vec<_>>()
            .join("\n");
        let b = run(&bare, "x.html");
        assert_eq!(b.title, a.title);
        assert_eq!(date(&b), "2024-05-20T07:31:00+09:00");
        assert_eq!(b.press.as_deref(), Some("한국경제"));
        assert_eq!(b.url.as_deref(), Some("https://n.news.naver.com/mnews/article/015/0004985123"));
        assert_eq!(b.body, a.body);
    }

    #[test]
    fn daum_page() {
        let html = r##"<html><head><title>근대 여성화가 6인의 ‘잃어버린 시간’…국립현대미술관 특별전 개막</title>
<meta property="og:url" content="https://v.daum.net/v/20231114090512874"><meta property="og:site_name" content="경향신문">
<meta property="og:regDate" content="20231114090500"><meta property="article:section" content="문화"></head><body>
<div id="kakaoHead"><ul id="kakaoGnb"><li><a href="/">홈</a></li><li><a href="/society">사회</a></li></ul></div>
<h3 class="tit_view" data-translation="">근대 여성화가 6인의 ‘잃어버린 시간’…국립현대미술관 특별전 개막</h3>
<div class="info_view"><span class="txt_info">서지원 기자</span><span class="txt_info">입력 <span class="num_date">2023. 11. 14. 09:05</span></span><span class="txt_info">수정 <span class="num_date">2023. 11. 14. 10:17</span></span><button><span class="num_cmt">댓글 4</span></button></div>
<div class="article_view" data-translation-body=""><section dmcf-sid="v3pWQk2eHL">
<p dmcf-ptype="general" class="summary">- 1920~60년대 회화·드로잉 130여점 한자리에</p>
<p dmcf-ptype="general" class="summary">- 편지·잡지 표지 등 아카이브 200여점도 공개</p>
<figure class="figure_frm origin_fig" dmcf-ptype="figure"><p class="link_figure"><img src="x.jpg" alt=""></p><figcaption class="txt_caption default_figure">14일 서울 종로구 국립현대미술관 서울관 전시장 모습. 국립현대미술관 제공</figcaption></figure>
<p dmcf-ptype="general">한국 근대미술사에서 오랫동안 ‘예외적 존재’로만 언급돼 온 여성 화가들의 작품이 한자리에 모였다.</p>
<p dmcf-ptype="general">관람료는 2000원이며 매주 수·토요일에는 오후 9시까지 야간 개장한다.</p>
</section></div>
<p class="txt_copyright">경향신문 기자 서지원 jiwon@khan.co.kr</p>
<div class="box_noti"><p>기사가 속한 카테고리는 언론사가 분류합니다.</p></div></body></html>"##;
        let a = run(html, "khan.html");
        assert_eq!(a.layout, "daum");
        assert_eq!(a.title, "근대 여성화가 6인의 ‘잃어버린 시간’…국립현대미술관 특별전 개막");
        assert_eq!(date(&a), "2023-11-14T09:05:00+09:00");
        assert_eq!(a.press.as_deref(), Some("경향신문"));
        assert_eq!(a.reporter.as_deref(), Some("서지원"));
        assert_eq!(a.email.as_deref(), Some("jiwon@khan.co.kr"));
        assert_eq!(a.category.as_deref(), Some("문화"));
        assert_eq!(
            a.subtitles,
            ["1920~60년대 회화·드로잉 130여점 한자리에", "편지·잡지 표지 등 아카이브 200여점도 공개"]
        );
        assert_eq!(
            a.body,
            "한국 근대미술사에서 오랫동안 ‘예외적 존재’로만 언급돼 온 여성 화가들의 작품이 한자리에 모였다.\n\
             관람료는 2000원이며 매주 수·토요일에는 오후 9시까지 야간 개장한다."
        );
        // Daum serving its own name as og:site_name: the press comes from the press logo.
        let portal = html.replace(r#"content="경향신문""#, r#"content="다음뉴스""#).replace(
            "<h3 class=",
            r#"<em class="info_cp"><a class="link_cp" href="/channel/khan"><img class="thumb_g" src="khan.png" alt="경향신문"></a></em><h3 class="#,
        );
        assert_eq!(run(&portal, "khan.html").press.as_deref(), Some("경향신문"));
        // The date from the `입력` span when there is no meta.
        let no_meta = html.replace(r#"<meta property="og:regDate" content="20231114090500">"#, "");
        assert_eq!(date(&run(&no_meta, "khan.html")), "2023-11-14T09:05:00+09:00");
        // Bullets without a summary class are the subtitles.
        let bullets = html
            .replace(r#" class="summary">- "#, "><b>- ")
            .replace("한자리에</p>", "한자리에</b></p>")
            .replace("200여점도 공개</p>", "200여점도 공개</b></p>");
        let b = run(&bullets, "khan.html");
        assert_eq!(
            b.subtitles,
            ["1920~60년대 회화·드로잉 130여점 한자리에", "편지·잡지 표지 등 아카이브 200여점도 공개"]
        );
        assert!(b.body.starts_with("한국 근대미술사에서"));
    }

    #[test]
    fn press_cms_page() {
        let html = r##"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>美 AI 투자 붐에 삼성 반도체 ‘훈풍’…HBM 공급 협상 속도 - 매일경제</title>
<meta property="og:site_name" content="매일경제"><meta property="article:published_time" content="2024-07-05T14:20:00+09:00">
<link rel="canonical" href="https://www.mk.co.kr/news/articleView.html?idxno=110592"></head><body>
<header class="article-view-header"><p class="section">경제</p><h1 class="heading">美 AI 투자 붐에 삼성 반도체 ‘훈풍’…HBM 공급 협상 속도</h1>
<h2 class="subheading">빅테크 올해 설비투자 2000억달러 넘을 듯</h2>
<ul class="infomation"><li><i class="icon-user"></i> 한서진 기자</li><li><i class="icon-clock"></i> 입력 2024.07.05 14:20</li></ul></header>
<article id="article-view-content-div" class="article-veiw-body" itemprop="articleBody">
<figure><img src="/news/photo/202407/x.jpg"><figcaption>경기 평택시 삼성전자 평택캠퍼스 반도체 생산라인</figcaption></figure>
<p>[매일경제 한서진 기자] 미국 빅테크의 인공지능(AI) 데이터센터 투자 경쟁이 이어지고 있다.</p>
<p>다만 변수도 있다. 지정학 리스크를 함께 봐야 한다는 목소리가 나온다.</p>
<p>한서진 기자 seojin.han@mk.co.kr</p>
</article><div class="article-copy">저작권자 © 매일경제 무단전재 및 재배포 금지</div>
<aside class="related"><h4>이 시각 주요뉴스</h4><ul><li><a href="#">코스피 2860선 회복</a></li></ul></aside></body></html>"##;
        let a = run(html, "mk_20240705_110592.html");
        assert_eq!(a.layout, "press");
        assert_eq!(a.title, "美 AI 투자 붐에 삼성 반도체 ‘훈풍’…HBM 공급 협상 속도");
        assert_eq!(date(&a), "2024-07-05T14:20:00+09:00");
        assert_eq!(a.press.as_deref(), Some("매일경제"));
        assert_eq!(a.reporter.as_deref(), Some("한서진"));
        assert_eq!(a.email.as_deref(), Some("seojin.han@mk.co.kr"));
        assert_eq!(a.url.as_deref(), Some("https://www.mk.co.kr/news/articleView.html?idxno=110592"));
        assert_eq!(a.category.as_deref(), Some("경제"));
        assert_eq!(a.subtitles, ["빅테크 올해 설비투자 2000억달러 넘을 듯"]);
        assert_eq!(
            a.body,
            "[매일경제 한서진 기자] 미국 빅테크의 인공지능(AI) 데이터센터 투자 경쟁이 이어지고 있다.\n\
             다만 변수도 있다. 지정학 리스크를 함께 봐야 한다는 목소리가 나온다."
        );
    }

    #[test]
    fn old_naver_and_generic_pages() {
        let old = r##"<html><head><title>국회, 예산안 처리 : 네이버 뉴스</title></head><body>
<div class="article_info"><h3 id="articleTitle">국회, 예산안 처리</h3><span class="t11">기사입력 2015-12-03 01:12</span></div>
<div id="articleBodyContents" class="_article_body_contents">
<script type="text/javascript">function _flash_removeCallback() {}</script>
(서울=연합뉴스) 김민수 기자 = 국회는 3일 새벽 본회의를 열어 내년도 예산안을 처리했다.<br /><br />여야는 막판까지 쟁점 예산을 두고 진통을 겪었다.<br /><br />minsoo@yna.co.kr<br />
<a href="http://news.naver.com/main/list.nhn?sid1=100">▶ 연합뉴스 뉴스를 네이버에서 보기</a><br />
<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>
</div></body></html>"##;
        let a = run(old, "x.html");
        assert_eq!(a.title, "국회, 예산안 처리");
        assert_eq!(date(&a), "2015-12-03T01:12:00+09:00");
        assert_eq!(a.press.as_deref(), Some("연합뉴스"));
        assert_eq!(a.reporter.as_deref(), Some("김민수"));
        assert_eq!(a.email.as_deref(), Some("minsoo@yna.co.kr"));
        assert_eq!(
            a.body,
            "(서울=연합뉴스) 김민수 기자 = 국회는 3일 새벽 본회의를 열어 내년도 예산안을 처리했다.\n여야는 막판까지 쟁점 예산을 두고 진통을 겪었다."
        );

        let generic = r##"<html><head><title>반도체 수출 8개월 연속 증가 | 어느신문</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"반도체 수출 8개월 연속 증가",
"datePublished":"2024-07-01T09:30:00+09:00","author":{"@type":"Person","name":"김민수 기자"},"publisher":{"@type":"Organization","name":"어느신문"},
"articleSection":"경제","mainEntityOfPage":{"@id":"https://news.example.kr/123"}}</script></head>
<body><div class="menu"><a href="/">홈</a> <a href="/eco">경제</a></div>
<div class="content"><div class="left"><p>반도체 수출이 8개월 연속 늘었다. 산업통상자원부는 1일 6월 반도체 수출이 134억달러를 기록했다고 밝혔다.</p>
<p>메모리 가격이 오르고 AI 서버 수요가 늘어난 덕분이다. 정부는 하반기에도 증가세가 이어질 것으로 내다봤다.</p></div>
<div class="right"><p>많이 본 뉴스</p></div></div></body></html>"##;
        let g = run(generic, "x.html");
        assert_eq!(g.layout, "generic");
        assert_eq!(g.title, "반도체 수출 8개월 연속 증가");
        assert_eq!(date(&g), "2024-07-01T09:30:00+09:00");
        assert_eq!(g.press.as_deref(), Some("어느신문"));
        assert_eq!(g.reporter.as_deref(), Some("김민수"));
        assert_eq!(g.category.as_deref(), Some("경제"));
        assert_eq!(g.url.as_deref(), Some("https://news.example.kr/123"));
        assert_eq!(g.body.lines().count(), 2);
        assert!(g.body.starts_with("반도체 수출이 8개월"));
    }

    #[test]
    fn naver_page_as_served() {
        // Today's Naver markup: no og:site_name, the press in og:article:author, the date in a
        // data attribute, the caption inside the article, the e-mail as the last line.
        let html = r##"<html><head><meta property="og:title" content="與野, 민생법안 27건 본회의 처리 합의">
<meta property="og:article:author" content="연합뉴스 | 네이버"><meta property="og:url" content="https://n.news.naver.com/mnews/article/001/0015201234?sid=100"></head>
<body><div id="ct" class="newsct" role="main"><div class="media_end_head go_trans">
<div class="media_end_head_title"><h2 id="title_area" class="media_end_head_headline"><span>與野, 민생법안 27건 본회의 처리 합의</span></h2></div>
<div class="media_end_head_info nv_notrans"><div class="media_end_head_journalist"><a href="#" class="media_end_head_journalist_box"><em class="media_end_head_journalist_name">김민수 기자</em></a></div>
<div class="media_end_head_info_datestamp"><div class="media_end_head_info_datestamp_bunch"><span class="media_end_head_info_datestamp_term">입력</span>
<span class="media_end_head_info_datestamp_time _ARTICLE_DATE_TIME" data-date-time="2025-02-12 15:12:01">2025.02.12. 오후 3:12</span></div></div></div>
<div class="media_end_categorize"><a href="#" class="media_end_categorize_item">정치</a></div></div>
<div id="newsct_article" class="newsct_article _article_body"><article id="dic_area" class="go_trans _article_content">
<span class="end_photo_org"><div class="nbd_im_w"><img id="img1" src="x.jpg"></div><em class="img_desc">여야 원내대표 회동 [연합뉴스 자료사진]</em></span><br><br>
(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 처리하기로 합의했다.<br><br>여야는 실무회의도 다음 주 중 열기로 했다.<br><br>minsoo@yna.co.kr<br>
</article></div><div class="byline"><p class="byline_p"><span class="byline_s">김민수 기자(minsoo@yna.co.kr)</span></p></div>
<div class="copyright"><div class="c_text"><p>Copyright ⓒ 연합뉴스. All rights reserved. 무단 전재 및 재배포 금지.</p></div></div></div></body></html>"##;
        let a = run(html, "x.html");
        assert_eq!(a.title, "與野, 민생법안 27건 본회의 처리 합의");
        assert_eq!(date(&a), "2025-02-12T15:12:01+09:00");
        assert_eq!(a.press.as_deref(), Some("연합뉴스"));
        assert_eq!(a.reporter.as_deref(), Some("김민수"));
        assert_eq!(a.email.as_deref(), Some("minsoo@yna.co.kr"));
        assert_eq!(a.category.as_deref(), Some("정치"));
        assert_eq!(
            a.body,
            "(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 처리하기로 합의했다.\n여야는 실무회의도 다음 주 중 열기로 했다."
        );
    }

    #[test]
    fn odd_pages_do_not_panic() {
        for h in [
            "",
            "<html>",
            "<p>",
            "<div id=\"dic_area\"></div>",
            "<<<>>>",
            &"<div>".repeat(5000),
            "<!--",
            "<script>",
            "</",
        ] {
            let _ = extract(h, "x.html", None);
        }
        // Nested far too deep for a DOM: read as text (how fast: `cargo bench --bench extract`).
        let deep = format!(
            "{}<p>깊이 묻힌 본문이다. 그래도 읽혀야 한다.</p>{}",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        );
        let a = run(&deep, "deep.html");
        assert_eq!(a.layout, "html-flat");
        assert_eq!(a.body, "깊이 묻힌 본문이다. 그래도 읽혀야 한다.");
        assert_eq!(nesting_depth("<div><p>a<div/><br><img src=x></div>", 100), 1);
        let a = run("<html><body><p>짧은 글.</p></body></html>", "그냥 메모.html");
        assert_eq!(a.date.map(|d| d.source), Some(DateSource::FileTime));
    }
    #[test]
    fn data_uris_are_dropped() {
        let big = "A".repeat(5000);
        let h = format!(
            "<img src=\"data:image/png;base64,{big}\"><p style=\"background:url(data:image/gif;base64,{big})\">본문</p><a href=\"data:x\">x</a>"
        );
        let d = drop_data_uris(&h);
        assert_eq!(d, "<img src=\"data:\"><p style=\"background:url(data:)\">본문</p><a href=\"data:x\">x</a>");
        assert_eq!(data_uri_bytes(&h), h.len() - d.len());
        assert!(matches!(drop_data_uris("<p>data: 없음</p>"), Cow::Borrowed(_)));
    }

    #[test]
    fn title_suffixes() {
        let t = press::PressTable::builtin();
        assert_eq!(strip_title_suffix("제목 : 네이버 뉴스", &t, None), "제목");
        assert_eq!(strip_title_suffix("제목 - 조선일보", &t, None), "제목");
        assert_eq!(strip_title_suffix("제목 | 어느신문", &t, Some("어느신문")), "제목");
        assert_eq!(strip_title_suffix("제목 : 뉴스 : 동아닷컴", &t, None), "제목");
        assert_eq!(strip_title_suffix("삼성 - 애플 특허 분쟁 재점화", &t, None), "삼성 - 애플 특허 분쟁 재점화");
    }

    #[test]
    fn depth() {
        assert_eq!(nesting_depth("<div><p>a<div/><br><img src=x></div>", 100), 1);
    }
}
