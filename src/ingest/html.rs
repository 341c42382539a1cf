//! Saved HTML pages: Naver (`#dic_area`), Daum (`div.article_view`), press CMSs
//! (`#article-view-content-div`) and anything else with an article in it.
//!
//! Fields come from the page's own markup first (headline element, byline elements, the
//! `article:*` and `og:*` metas, the canonical link) and fall back to the text. The body is
//! the text of the article container — the first of `#dic_area`, `#articleBodyContents`,
//! `#newsct_article`, `div.article_view`, `#article-view-content-div`, `[itemprop=articleBody]`,
//! `<article>` …, else the element holding the most paragraph text — read block by block
//! (`<p>`, `<div>`, `<br>`), without figures and captions (`<figure>`, `<figcaption>`,
//! `em.img_desc`, `span.end_photo_org`), summaries (`strong.media_end_summary`, `p.summary`:
//! they are the subtitles), scripts, buttons, bylines and copyright lines.

use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset};
use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};

use super::boilerplate::{
    self as bp, ends_sentence, find_email, is_caption, is_chrome, is_copyright, is_end_marker, is_image_note,
    parse_byline_line, parse_byline_value, parse_dateline, press_from_copyright, section_note,
};
use super::date;
use super::{Article, ExtractError};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s:?}: {e:?}"))
}

/// Where the elements a selector can match are found in the [`Index`]: by the id, class, tag
/// or attribute of its rightmost compound.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Id(String),
    Class(String),
    Tag(String),
    Attr(&'static str),
    All,
}

/// Attributes the index keeps lists for (selectors keyed on an attribute only).
const INDEXED_ATTRS: &[&str] = &["itemprop", "data-date-time", "data-published-time"];

/// A compiled selector and its index key.
struct Sel {
    sel: Selector,
    key: Key,
}

impl Sel {
    fn new(css: &str) -> Sel {
        Sel { sel: sel(css), key: key_of(css) }
    }
}

/// The index key of a (simple) selector: `.a .b` → class `b`, `h1.heading` → class `heading`,
/// `#dic_area` → id, `[itemprop=headline]` → attribute, `article h1` → tag `h1`.
fn key_of(css: &str) -> Key {
    let last = css.rsplit([' ', '>']).find(|t| !t.is_empty()).unwrap_or(css);
    let last = last.split(':').next().unwrap_or(last);
    let word = |from: &str| -> String {
        from.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
    };
    if let Some(i) = last.find('#') {
        return Key::Id(word(&last[i + 1..]));
    }
    if let Some(i) = last.find('.') {
        return Key::Class(word(&last[i + 1..]).to_ascii_lowercase());
    }
    let tag = word(last);
    if !tag.is_empty() {
        return Key::Tag(tag.to_ascii_lowercase());
    }
    if let Some(rest) = last.strip_prefix('[') {
        let name = word(rest);
        if let Some(a) = INDEXED_ATTRS.iter().find(|a| **a == name) {
            return Key::Attr(a);
        }
    }
    Key::All
}

/// Every element of a page by id, class, tag and a few attributes, in document order: a
/// selector is then tried on its candidates only, not on the whole tree.
struct Index<'a> {
    id: std::collections::HashMap<&'a str, Vec<ElementRef<'a>>>,
    class: std::collections::HashMap<std::borrow::Cow<'a, str>, Vec<ElementRef<'a>>>,
    tag: std::collections::HashMap<&'a str, Vec<ElementRef<'a>>>,
    attr: std::collections::HashMap<&'static str, Vec<ElementRef<'a>>>,
    all: Vec<ElementRef<'a>>,
}

impl<'a> Index<'a> {
    fn build(doc: &'a Html) -> Index<'a> {
        let mut ix = Index {
            id: Default::default(),
            class: Default::default(),
            tag: Default::default(),
            attr: Default::default(),
            all: Vec::new(),
        };
        for el in doc.root_element().descendent_elements() {
            let e = el.value();
            ix.all.push(el);
            ix.tag.entry(e.name()).or_default().push(el);
            if let Some(id) = e.id() {
                ix.id.entry(id).or_default().push(el);
            }
            for c in e.classes() {
                let key = if c.bytes().any(|b| b.is_ascii_uppercase()) {
                    std::borrow::Cow::Owned(c.to_ascii_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(c)
                };
                ix.class.entry(key).or_default().push(el);
            }
            // `attrs()` once: `attr(name)` interns its argument on every call.
            for (name, _) in e.attrs() {
                if let Some(a) = INDEXED_ATTRS.iter().find(|a| **a == name) {
                    ix.attr.entry(a).or_default().push(el);
                }
            }
        }
        ix
    }

    fn candidates(&self, key: &Key) -> &[ElementRef<'a>] {
        let v = match key {
            Key::Id(i) => self.id.get(i.as_str()),
            Key::Class(c) => self.class.get(c.as_str()),
            Key::Tag(t) => self.tag.get(t.as_str()),
            Key::Attr(a) => self.attr.get(a),
            Key::All => return &self.all,
        };
        v.map_or(&[], Vec::as_slice)
    }

    /// The elements `s` matches, in document order.
    fn select<'s>(&'s self, s: &'s Sel) -> impl Iterator<Item = ElementRef<'a>> + 's {
        self.candidates(&s.key).iter().copied().filter(move |e| s.sel.matches(e))
    }

    /// The first element matched by the first selector of `list` that matches any.
    fn first(&self, list: &[Sel]) -> Option<ElementRef<'a>> {
        list.iter().find_map(|s| self.select(s).next())
    }

    /// Elements matched by the selectors of `list`, selector by selector.
    fn each<'s>(&'s self, list: &'s [Sel]) -> impl Iterator<Item = ElementRef<'a>> + 's {
        list.iter().flat_map(move |s| self.select(s))
    }
}

macro_rules! selectors {
    ($($name:ident = $css:expr;)*) => {
        $(static $name: LazyLock<Vec<Sel>> = LazyLock::new(|| $css.iter().map(|s| Sel::new(s)).collect());)*
    };
}

selectors! {
    META = ["meta"];
    CANONICAL = ["link[rel=canonical]"];
    TITLE_TAG = ["title"];
    HEADLINE = [
        "#title_area", ".media_end_head_headline", "h2.end_tit", "#articleTitle", "h3.tit_view", ".tit_view",
        ".article-view-header .heading", "h1.heading", "h2.heading", "h3.heading", "[itemprop=headline]",
        "h1.headline", "h2.headline", "h1.article_title", ".article_title", ".news_title", "#article_title",
        ".art_tit", "h1.title", "h1.tit", ".view_title", ".article-head-title", "article h1",
    ];
    FIRST_H1 = ["h1"];
    BODY = [
        "#dic_area", "#articleBodyContents", "#articeBody", "#newsEndContents", "#newsct_article", "div.article_view",
        "#article-view-content-div", "[itemprop=articleBody]", "#articleBody", "#article_body", ".article_body",
        "#articletxt", ".article-body", ".news_body", "#news_body_area", ".view_con", ".article_txt", "#CmAdContent",
        "#harmonyContainer", "div.news_end", "#article_content", ".article_content", "#content_body", "article",
    ];
    SUBTITLE = [
        ".media_end_summary", ".article-view-header .subheading", ".subheading", ".sub_title", ".subtitle",
        ".sub-title", ".article_subtitle", ".article-subtitle", ".news_subtitle", "h3.sub_tit", "p.summary",
        ".summary_view", ".article_summary",
    ];
    DATE_ATTR = ["[data-date-time]", "[data-published-time]", "time[datetime]", "[itemprop=datePublished]"];
    DATE_TEXT = [
        ".media_end_head_info_datestamp", ".info_view", ".num_date", ".infomation", ".article_info", ".byline",
        ".date", ".datetime", ".article_date", ".view_date", ".date_time", ".art_date", ".news_date", "time",
    ];
    REPORTER = [
        ".media_end_head_journalist_name", ".byline_s", ".media_end_head_journalist", ".info_view .txt_info",
        ".infomation li", ".writer .name", ".byline", "[itemprop=author]", ".reporter", ".journalist", ".writer",
        ".author", ".art_writer", ".reporter_name", ".name",
    ];
    EMAILS = [".byline_s", ".byline", ".txt_copyright", ".email", ".writer", ".reporter", ".journalist", "[itemprop=author]"];
    PRESS_LOGO = [".media_end_head_top_logo img", ".info_cp img", "a.link_cp img", ".press_logo img", ".logo img"];
    SECTION_EL = [
        ".media_end_categorize_item",
        ".article-view-header .section", "header .section", "p.section", ".article_section", ".section_name",
        ".sec_name", ".breadcrumbs a:last-child", ".location a:last-child",
    ];
    NAVER_ACTIVE = [".Nlist_item.is_active", "li.is_active", ".Nitem.is_active"];
    NOTE = [".guide_categorization_item", ".box_noti p", "p.c_text"];
    COPYRIGHT_EL = [".c_text", ".txt_copyright", ".view-copyright", ".article-copy", ".copyright", "address"];
    SCRIPT = ["script"];
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
                for key in keys {
                    v.push((key.trim().to_ascii_lowercase(), content.trim().to_owned()));
                }
            }
        }
        Metas(v)
    }

    fn get(&self, keys: &[&str]) -> Option<&str> {
        keys.iter().find_map(|k| self.0.iter().find(|(key, val)| key == k && !val.is_empty()).map(|(_, v)| v.as_str()))
    }
}

/// The first news article of the page's JSON-LD (`<script type="application/ld+json">`).
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    published: Option<DateTime<FixedOffset>>,
    author: Option<String>,
    publisher: Option<String>,
    section: Option<String>,
    url: Option<String>,
}

impl LinkedData {
    fn collect(ix: &Index<'_>) -> LinkedData {
        static LD: LazyLock<Sel> = LazyLock::new(|| Sel::new(r#"script[type="application/ld+json"]"#));
        for sc in ix.select(&LD) {
            let text: String = sc.text().collect();
            let Ok(v) = serde_json::from_str::<serde_json::Value>(text.trim()) else { continue };
            if let Some(a) = Self::find(&v, 0) {
                return Self::of(a);
            }
        }
        LinkedData::default()
    }

    /// An object whose `@type` is an article type (in arrays and `@graph` too).
    fn find(v: &serde_json::Value, depth: usize) -> Option<&serde_json::Map<String, serde_json::Value>> {
        use serde_json::Value;
        if depth > 4 {
            return None;
        }
        match v {
            Value::Array(a) => a.iter().find_map(|x| Self::find(x, depth + 1)),
            Value::Object(o) => {
                let is_article = |t: &Value| t.as_str().is_some_and(|s| s.ends_with("Article") || s == "Report");
                let typed = match o.get("@type") {
                    Some(Value::Array(ts)) => ts.iter().any(is_article),
                    Some(t) => is_article(t),
                    None => false,
                };
                if typed {
                    return Some(o);
                }
                o.get("@graph").and_then(|g| Self::find(g, depth + 1))
            }
            _ => None,
        }
    }

    fn of(o: &serde_json::Map<String, serde_json::Value>) -> LinkedData {
        use serde_json::Value;
        fn name(v: Option<&Value>) -> Option<String> {
            match v? {
                Value::String(s) => Some(bp::squash(s)).filter(|s| !s.is_empty()),
                Value::Array(a) => a.iter().find_map(|x| name(Some(x))),
                Value::Object(o) => name(o.get("name")),
                _ => None,
            }
        }
        let url = match o.get("mainEntityOfPage") {
            Some(Value::Object(m)) => name(m.get("@id")),
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        }
        .or_else(|| name(o.get("url")))
        .filter(|u| u.starts_with("http"));
        LinkedData {
            headline: name(o.get("headline")).filter(|h| h.chars().count() <= 300),
            published: name(o.get("datePublished")).and_then(|d| date::parse_value(&d)),
            author: name(o.get("author")),
            publisher: name(o.get("publisher")).filter(|p| !bp::is_portal(p)),
            section: name(o.get("articleSection")),
            url,
        }
    }
}

/// Tags whose content is never article text.
fn skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "iframe"
            | "button"
            | "figure"
            | "figcaption"
            | "img"
            | "svg"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "form"
            | "input"
            | "select"
            | "textarea"
            | "nav"
            | "aside"
            | "template"
            | "head"
            | "title"
            | "picture"
            | "canvas"
            | "map"
    )
}

const SKIP_CLASSES: &[&str] = &[
    "img_desc",
    "end_photo_org",
    "media_end_summary",
    "summary",
    "txt_caption",
    "caption",
    "photo_caption",
    "vod_player",
    "video_area",
    "ad",
    "ads",
    "advert",
    "banner",
    "copyright",
    "txt_copyright",
    "c_text",
    "related",
    "relation",
    "related_news",
    "link_news",
    "reporter_area",
    "byline",
    "journalist",
    "share",
    "sns",
    "social",
    "tags",
    "hashtag",
    "comment",
    "promotion",
    "subscribe",
    "article-copy",
    "view-copyright",
    "writer",
    "box_noti",
    "guide_categorization_item",
    "nbd_table",
    "subheading",
    "sub_title",
    "subtitle",
    "article_summary",
    "img_info",
    "photo_info",
    "image_desc",
    "figure_frm",
    "link_figure",
    "art_photo",
    "photo",
    "article_photo",
    "byline_s",
    "media_end_head",
    "reporter_info",
];
const SKIP_PREFIXES: &[&str] =
    &["ad_", "ad-", "ads_", "banner", "share", "sns_", "related", "caption", "photo_desc", "vod"];

fn skipped(e: &scraper::node::Element) -> bool {
    if skipped_tag(e.name()) {
        return true;
    }
    for (name, value) in e.attrs() {
        let hidden = match name {
            "dmcf-ptype" => value == "figure",
            "aria-hidden" => value == "true",
            "style" => value.replace(' ', "").contains("display:none"),
            _ => false,
        };
        if hidden {
            return true;
        }
    }
    e.classes().any(|c| {
        SKIP_CLASSES.iter().any(|s| s.eq_ignore_ascii_case(c))
            || SKIP_PREFIXES.iter().any(|p| c.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
    })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "blockquote"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "dl"
            | "dt"
            | "dd"
            | "header"
            | "footer"
            | "pre"
            | "main"
            | "hr"
            | "center"
            | "address"
            | "tbody"
            | "thead"
    )
}

/// Lines of text of `root`, one per block or `<br>`; `skip` says which elements to leave out.
fn lines_of(root: ElementRef<'_>, skip: &dyn Fn(ElementRef<'_>) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let s = bp::squash(cur);
        if !s.is_empty() {
            out.push(s);
        }
        cur.clear();
    };
    let mut stack = vec![(*root, false)];
    while let Some((node, opened)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                cur.push_str(t);
            }
            Node::Element(e) => {
                if opened {
                    if is_block(e.name()) {
                        flush(&mut cur, &mut out);
                    }
                    continue;
                }
                if e.name() == "br" {
                    flush(&mut cur, &mut out);
                    continue;
                }
                if node != *root && ElementRef::wrap(node).is_some_and(skip) {
                    // A skipped inline element still separates words.
                    cur.push(' ');
                    continue;
                }
                if is_block(e.name()) {
                    flush(&mut cur, &mut out);
                }
                stack.push((node, true));
                let children: Vec<_> = node.children().collect();
                for c in children.into_iter().rev() {
                    stack.push((c, false));
                }
            }
            _ => {}
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The element holding the most paragraph text (for pages in no known layout).
fn densest(doc: &Html) -> Option<ElementRef<'_>> {
    let mut best: Option<(ElementRef<'_>, usize)> = None;
    // Score each element by the text of its direct <p> children and its direct text.
    for el in doc.root_element().descendent_elements() {
        let name = el.value().name();
        if skipped_tag(name) || matches!(name, "p" | "span" | "a" | "b" | "strong" | "em" | "i" | "li") {
            continue;
        }
        let mut score = 0usize;
        for c in el.children() {
            match c.value() {
                Node::Text(t) => score += t.trim().chars().count(),
                Node::Element(e) if e.name() == "p" => {
                    if let Some(p) = ElementRef::wrap(c) {
                        let n: usize = p.text().map(|t| t.trim().chars().count()).sum();
                        if n >= 20 {
                            score += n;
                        }
                    }
                }
                _ => {}
            }
        }
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((el, score));
        }
    }
    best.filter(|&(_, s)| s >= 80).map(|(e, _)| e)
}

static SID_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?:\bsid1?|\bsection|\bsectionId)\s*[:=]\s*['"]?(1\d\d)\b"#).expect("sid regex"));

/// Strips a site suffix from a `<title>`: `… : 네이버 뉴스`, `… - 조선일보`, `… | 한겨레` — when the
/// tail is the site (`site`), a portal, or reads like a press name.
fn strip_title_suffix(t: &str, site: Option<&str>) -> String {
    let t = bp::squash(t);
    for sep in [" : ", " - ", " | ", " _ ", " :: ", " < ", " – ", " — "] {
        if let Some(i) = t.rfind(sep) {
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
                "Times",
                "Daily",
                ".com",
                ".co.kr",
                ".kr",
            ]
            .iter()
            .any(|e| tail.ends_with(e));
            if i > 0 && tail.chars().count() <= 24 && (site == Some(tail) || bp::is_portal(tail) || pressy) {
                return t[..i].trim().to_owned();
            }
        }
    }
    t
}

fn file_stem(name: &str) -> String {
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    strip_title_suffix(stem, None)
}

fn layout_of(ix: &Index<'_>) -> &'static str {
    selectors! {
        NAVER = ["#dic_area", "#articleBodyContents", ".media_end_head", "#newsct_article"];
        DAUM = ["div.article_view", "h3.tit_view"];
        PRESS = ["#article-view-content-div", ".article-view-header"];
    }
    if ix.first(&NAVER).is_some() {
        "naver"
    } else if ix.first(&DAUM).is_some() {
        "daum"
    } else if ix.first(&PRESS).is_some() {
        "press"
    } else {
        "generic"
    }
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
            match bp::find_closing(&text[gt.min(b.len())..], name) {
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

/// Void elements and elements html5ever closes by itself.
fn implicit_close(name: &str) -> bool {
    const NAMES: &[&str] = &[
        "br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "col", "embed", "param", "track", "base",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "html", "head", "body", "tbody", "thead", "doctype",
    ];
    name.len() <= 7 && NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// Reads a saved HTML page.
pub fn extract(text: &str, name: &str, modified: Option<DateTime<FixedOffset>>) -> Result<Article, ExtractError> {
    if nesting_depth(text, MAX_DEPTH) >= MAX_DEPTH {
        // html5ever's tree builder rescans the stack of open elements for many tags: markup
        // nested thousands deep (broken or hostile files) would take minutes. Read it as text.
        let mut a = super::txt::extract(&bp::html_to_text(text), name, modified)?;
        a.layout = "html-flat".to_owned();
        return Ok(a);
    }
    let doc = Html::parse_document(text);
    let ix = Index::build(&doc);
    let metas = Metas::collect(&ix);
    let ld = LinkedData::collect(&ix);
    let layout = layout_of(&ix);

    // Title.
    let site = metas.get(&["og:site_name"]);
    let title = ix
        .each(&HEADLINE)
        .map(text_of)
        .find(|t| !t.is_empty() && t.chars().count() <= 300)
        .or_else(|| ld.headline.clone())
        .or_else(|| metas.get(&["og:title", "twitter:title", "title"]).map(|t| strip_title_suffix(t, site)))
        .or_else(|| ix.first(&TITLE_TAG).map(|t| strip_title_suffix(&text_of(t), site)).filter(|t| !t.is_empty()))
        .or_else(|| ix.first(&FIRST_H1).map(text_of).filter(|t| !t.is_empty()))
        .unwrap_or_else(|| file_stem(name));

    // Subtitles from their own elements.
    let mut subtitles: Vec<String> = Vec::new();
    for s in SUBTITLE.iter() {
        for el in ix.select(s) {
            // Daum's `p.summary` lines are bullets (`- …`); other summaries are printed as is.
            let bulleted = el.value().name() == "p" && el.value().classes().any(|c| c == "summary");
            for l in lines_of(el, &|e| skipped_tag(e.value().name())) {
                let l = match l.strip_prefix("- ") {
                    Some(x) if bulleted => x.trim().to_owned(),
                    _ => l,
                };
                if !l.is_empty() && !subtitles.contains(&l) {
                    subtitles.push(l);
                }
            }
        }
        if !subtitles.is_empty() {
            break;
        }
    }

    // Body.
    let container = ix.first(&BODY).or_else(|| densest(&doc));
    // Inside the container: no figures, captions, summaries … and no heading repeating the title.
    let skip = |e: ElementRef<'_>| {
        skipped(e.value()) || (matches!(e.value().name(), "h1" | "h2" | "h3" | "h4") && text_of(e) == title)
    };
    let mut lines = match container {
        Some(c) => lines_of(c, &skip),
        None => Vec::new(),
    };
    let mut end_byline: Option<bp::Byline> = None;
    // Cut at the byline, copyright line or related list after the prose.
    let mut seen = false;
    let mut cut = lines.len();
    for (i, l) in lines.iter().enumerate() {
        if seen && (is_copyright(l) || is_end_marker(l)) {
            cut = i;
            break;
        }
        if seen && let Some(b) = parse_byline_line(l) {
            end_byline = Some(b);
            cut = i;
            break;
        }
        if l.chars().count() >= 12 && !is_caption(l) {
            seen = true;
        }
    }
    if let Some(b) = lines[cut..].iter().skip(1).take(3).find_map(|l| parse_byline_line(l)) {
        let e = end_byline.get_or_insert_with(bp::Byline::default);
        if e.email.is_none() {
            e.email = b.email;
        }
        if e.name.is_none() {
            e.name = b.name;
        }
    }
    lines.truncate(cut);
    lines.retain(|l| {
        !(is_image_note(l)
            || is_chrome(l)
            || is_caption(l)
            || is_copyright(l)
            || date::is_date_line(l)
            || parse_byline_line(l).is_some())
    });
    let mut k = 0;
    // Leading `- ` bullets (Daum's `<p><b>- …</b></p>`) are subtitles.
    let mut bullets = Vec::new();
    while k < lines.len() && lines[k].starts_with("- ") && !ends_sentence(&lines[k]) && lines[k].chars().count() <= 150
    {
        bullets.push(lines[k][2..].trim().to_owned());
        k += 1;
    }
    if subtitles.is_empty() {
        subtitles = bullets;
    }
    let paras: Vec<String> = lines.split_off(k.min(lines.len()));

    // Date.
    let mut full = metas
        .get(&[
            "article:published_time",
            "og:article:published_time",
            "article:published",
            "datepublished",
            "pubdate",
            "publishdate",
            "og:regdate",
            "date",
            "dc.date.issued",
            "sailthru.date",
            "parsely-pub-date",
        ])
        .and_then(date::parse_value)
        .or(ld.published);
    if full.is_none() {
        full = ix.each(&DATE_ATTR).find_map(|el| {
            let v = el.value();
            ["data-date-time", "data-published-time", "datetime", "content"]
                .iter()
                .find_map(|a| v.attr(a))
                .and_then(date::parse_value)
                .or_else(|| date::parse_value(&text_of(el)))
        });
    }
    if full.is_none() {
        let mut found = Vec::new();
        for s in DATE_TEXT.iter() {
            for el in ix.select(s).take(4) {
                let t = text_of(el);
                if t.len() < 300 {
                    found.extend(date::find_dates(&t));
                }
            }
            if found.iter().any(|f| f.label == date::Label::Published) {
                break;
            }
        }
        full = date::pick(&found).map(|f| f.datetime);
    }

    // Press.
    let dateline = paras.first().and_then(|p| parse_dateline(p));
    let mut press = metas
        .get(&["og:site_name"])
        .filter(|p| !bp::is_portal(p))
        .map(str::to_owned)
        .or_else(|| ld.publisher.clone())
        .or_else(|| {
            metas
                .get(&["og:article:author", "article:author", "twitter:creator", "dable:author"])
                .map(|a| a.split('|').next().unwrap_or(a).trim().to_owned())
                .filter(|a| {
                    !a.is_empty()
                        && !bp::is_portal(a)
                        && !a.contains("기자")
                        && !a.starts_with("http")
                        && !a.starts_with('@')
                })
        })
        .or_else(|| {
            ix.each(&PRESS_LOGO).find_map(|i| {
                i.value().attr("alt").map(str::trim).filter(|a| !a.is_empty() && !bp::is_portal(a)).map(str::to_owned)
            })
        })
        .or_else(|| ix.each(&COPYRIGHT_EL).find_map(|e| press_from_copyright(&text_of(e))))
        .or_else(|| dateline.as_ref().and_then(|d| d.press.clone()));
    if press.as_deref().is_some_and(str::is_empty) {
        press = None;
    }
    let page_url = metas
        .get(&["og:url", "twitter:url"])
        .or_else(|| ix.first(&CANONICAL).and_then(|l| l.value().attr("href")))
        .map(|u| u.trim().to_owned())
        .filter(|u| u.starts_with("http"))
        .or_else(|| ld.url.clone());

    // Reporter and e-mail.
    let mut reporter = None;
    let mut email = None;
    for s in REPORTER.iter() {
        for el in ix.select(s).take(6) {
            let t = text_of(el);
            if t.is_empty() || t.chars().count() > 120 {
                continue;
            }
            let b = parse_byline_line(&t).unwrap_or_else(|| {
                let name = bp::find_reporter(&t);
                bp::Byline { name, email: find_email(&t).map(str::to_owned) }
            });
            if reporter.is_none() {
                reporter = b.name;
            }
            if email.is_none() {
                email = b.email;
            }
            if reporter.is_some() {
                break;
            }
        }
        if reporter.is_some() {
            break;
        }
    }
    if let Some(b) = &end_byline {
        if reporter.is_none() {
            reporter = b.name.clone();
        }
        if email.is_none() {
            email = b.email.clone();
        }
    }
    if reporter.is_none() {
        reporter = ld.author.as_deref().and_then(|a| parse_byline_value(a).name).filter(|n| bp::plausible_name(n));
    }
    if reporter.is_none() {
        reporter = metas
            .get(&["author", "article:author", "dable:author"])
            .and_then(|a| parse_byline_value(a).name)
            .filter(|n| bp::plausible_name(n));
    }
    if reporter.is_none() {
        reporter = dateline.as_ref().and_then(|d| d.reporter.clone());
    }
    if email.is_none() {
        email = ix.each(&EMAILS).find_map(|e| find_email(&text_of(e)).map(str::to_owned));
    }

    // URL and category.
    let url = page_url;
    if press.is_none() {
        press = url.as_deref().or(email.as_deref()).and_then(bp::press_from_domain).map(str::to_owned);
    }
    let category = metas
        .get(&["article:section", "og:article:section", "section", "articlesection", "category"])
        .map(str::to_owned)
        .or_else(|| ld.section.clone())
        .or_else(|| {
            SECTION_EL.iter().flat_map(|s| ix.select(s)).map(text_of).find(|t| !t.is_empty() && t.chars().count() <= 20)
        })
        .or_else(|| ix.each(&NOTE).find_map(|e| section_note(&text_of(e))))
        .or_else(|| {
            if layout != "naver" {
                return None;
            }
            ix.each(&NAVER_ACTIVE).map(text_of).find(|t| bp::is_section_label(t))
        })
        .or_else(|| {
            ix.each(&SCRIPT).find_map(|sc| {
                let t: String = sc.text().collect();
                SID_RE
                    .captures(&t)
                    .and_then(|c| c.get(1))
                    .and_then(|m| bp::naver_section(m.as_str()))
                    .map(str::to_owned)
            })
        });

    if paras.is_empty() && title.is_empty() {
        return Err(ExtractError::NoArticle("no headline or article text".to_owned()));
    }
    Ok(Article {
        title,
        subtitles,
        body: bp::join_paragraphs(&paras),
        date: date::resolve(full, None, modified),
        press,
        reporter,
        email,
        url,
        category,
        layout: layout.to_owned(),
        ..Article::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::DateSource;

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
    fn title_suffixes() {
        assert_eq!(strip_title_suffix("제목 : 네이버 뉴스", None), "제목");
        assert_eq!(strip_title_suffix("제목 - 조선일보", None), "제목");
        assert_eq!(strip_title_suffix("제목 | 어느신문", Some("어느신문")), "제목");
        assert_eq!(strip_title_suffix("삼성 - 애플 특허 분쟁 재점화", None), "삼성 - 애플 특허 분쟁 재점화");
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
}
