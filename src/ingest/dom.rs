//! A parsed page's elements indexed by id, class, tag and a few attributes, so that each
//! selector is tried on its candidates only, not on the whole tree.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;
use scraper::{ElementRef, Html, Selector};

/// Attributes the index keeps lists for (selectors keyed on an attribute only).
const INDEXED_ATTRS: &[&str] = &["itemprop", "data-date-time", "data-published-time"];

/// Where the elements a selector can match are found in the [`Index`]: by the id, class, tag
/// or attribute of its rightmost compound.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    Id(String),
    Class(String),
    Tag(String),
    Attr(&'static str),
    /// `[class*=byline]`: the elements whose class attribute holds the word, whatever its case.
    ClassContains(String),
    All,
}

/// An element's classes (a class written twice comes twice), without `Element::classes`,
/// which interns each into the global atom table on an element's first call.
pub fn classes<'e>(e: &'e scraper::node::Element) -> impl Iterator<Item = &'e str> + 'e {
    e.attrs().filter(|(n, _)| *n == "class").flat_map(|(_, v)| v.split_ascii_whitespace())
}

/// An attribute test of a [`Compound`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum AttrTest {
    /// `[name]`
    Has,
    /// `[name=value]`
    Equals(String),
    /// `[name*=value]`
    Contains(String),
}

/// One compound selector of the plain kind pages' selectors are: an optional lower-case tag
/// and at most one class, id or attribute test (values compared exactly, as the selector
/// engine does in no-quirks mode for these attributes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Compound {
    tag: Option<String>,
    class: Option<String>,
    id: Option<String>,
    attr: Option<(String, AttrTest)>,
}

impl Compound {
    fn parse(css: &str) -> Option<Compound> {
        let ident = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        let split = css.find(['.', '#', '[']).unwrap_or(css.len());
        let (tag, rest) = css.split_at(split);
        let mut c = Compound::default();
        if !tag.is_empty() {
            if !(tag.as_bytes()[0].is_ascii_lowercase()
                && tag.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
            {
                return None;
            }
            c.tag = Some(tag.to_owned());
        }
        if let Some(class) = rest.strip_prefix('.') {
            if !ident(class) {
                return None;
            }
            c.class = Some(class.to_owned());
        } else if let Some(id) = rest.strip_prefix('#') {
            if !ident(id) {
                return None;
            }
            c.id = Some(id.to_owned());
        } else if let Some(a) = rest.strip_prefix('[') {
            let a = a.strip_suffix(']')?;
            let test = if let Some((name, v)) = a.split_once("*=") {
                (name, Some(AttrTest::Contains(v.to_owned())))
            } else if let Some((name, v)) = a.split_once('=') {
                (name, Some(AttrTest::Equals(v.to_owned())))
            } else {
                (a, Some(AttrTest::Has))
            };
            let (name, Some(t)) = test else { return None };
            // Values of some HTML attributes (`type`, `lang`, …) match in any case: value tests
            // only on attributes whose values match exactly.
            let value_ok = match &t {
                AttrTest::Has => true,
                AttrTest::Equals(v) | AttrTest::Contains(v) => {
                    ident(v) && (matches!(name, "class" | "id" | "itemprop") || name.starts_with("data-"))
                }
            };
            if !(ident(name) && name.bytes().all(|b| !b.is_ascii_uppercase()) && value_ok) {
                return None;
            }
            c.attr = Some((name.to_owned(), t));
        } else if !rest.is_empty() || c.tag.is_none() {
            return None;
        }
        Some(c)
    }

    fn matches(&self, e: &scraper::node::Element) -> bool {
        self.tag.as_ref().is_none_or(|t| e.name() == t)
            && self.id.as_ref().is_none_or(|i| e.id() == Some(i.as_str()))
            && self.class.as_ref().is_none_or(|c| classes(e).any(|x| x == c))
            && self.attr.as_ref().is_none_or(|(name, test)| {
                let v = e.attrs().find(|(n, _)| n == name).map(|(_, v)| v);
                match test {
                    AttrTest::Has => v.is_some(),
                    AttrTest::Equals(want) => v == Some(want.as_str()),
                    AttrTest::Contains(part) => v.is_some_and(|v| v.contains(part.as_str())),
                }
            })
    }
}

/// A selector decided without the selector engine (which sets up a matching context for each
/// element it tries): one compound, or a compound inside another (`A B`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Simple {
    One(Compound),
    /// `A B`, with `A`'s index key (no element has it: nothing can match).
    Inside(Compound, Compound, Key),
    /// Anything else: the selector engine decides.
    No,
}

/// A compiled selector and its index key.
#[derive(Debug, Clone)]
pub struct Sel {
    sel: Selector,
    key: Key,
    simple: Simple,
}

impl Sel {
    /// Compiles a selector; `None` if `scraper` cannot read it.
    pub fn new(css: &str) -> Option<Sel> {
        Some(Sel { sel: Selector::parse(css).ok()?, key: key_of(css), simple: simple_of(css) })
    }

    pub fn matches(&self, e: &ElementRef<'_>) -> bool {
        match &self.simple {
            Simple::One(c) => c.matches(e.value()),
            Simple::Inside(outer, inner, _) => {
                inner.matches(e.value()) && e.ancestors().filter_map(ElementRef::wrap).any(|a| outer.matches(a.value()))
            }
            Simple::No => self.sel.matches(e),
        }
    }
}

/// The plain forms [`Sel::matches`] decides by itself: a [`Compound`], or two with a space
/// between them.
fn simple_of(css: &str) -> Simple {
    let parts: Vec<&str> = css.split(' ').collect();
    match parts.as_slice() {
        [one] => Compound::parse(one).map_or(Simple::No, Simple::One),
        [outer, inner] => match (Compound::parse(outer), Compound::parse(inner)) {
            (Some(o), Some(i)) => Simple::Inside(o, i, key_of(outer)),
            _ => Simple::No,
        },
        _ => Simple::No,
    }
}

/// The index key of a (simple) selector: `.a .b` → class `b`, `h1.heading` → class `heading`,
/// `#dic_area` → id, `[itemprop=headline]` → attribute, `article h1` → tag `h1`,
/// `[class*=byline]` → the classed elements whose attribute holds `byline`.
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
        // A substring without spaces lies inside one class name: the classed elements whose
        // attribute holds it are a superset of the matches (the selector still decides).
        if name == "class"
            && let Some(v) = rest[name.len()..].strip_prefix("*=")
        {
            let v = v.trim_end_matches(']').trim_matches(['"', '\'']);
            if !v.is_empty() && !v.contains(char::is_whitespace) {
                return Key::ClassContains(v.to_ascii_lowercase());
            }
        }
        if let Some(a) = INDEXED_ATTRS.iter().find(|a| **a == name) {
            return Key::Attr(a);
        }
    }
    Key::All
}

/// Every element of a page by id, class, tag and a few attributes, in document order.
pub struct Index<'a> {
    id: HashMap<&'a str, Vec<ElementRef<'a>>>,
    class: HashMap<Cow<'a, str>, Vec<ElementRef<'a>>>,
    tag: HashMap<&'a str, Vec<ElementRef<'a>>>,
    attr: HashMap<&'static str, Vec<ElementRef<'a>>>,
    /// Elements with a class attribute, and its value.
    classed: Vec<(ElementRef<'a>, &'a str)>,
    all: Vec<ElementRef<'a>>,
}

impl<'a> Index<'a> {
    pub fn build(doc: &'a Html) -> Index<'a> {
        let mut ix = Index {
            id: HashMap::default(),
            class: HashMap::default(),
            tag: HashMap::default(),
            attr: HashMap::default(),
            classed: Vec::new(),
            all: Vec::new(),
        };
        let mut seen: Vec<&'a str> = Vec::new();
        for el in doc.root_element().descendent_elements() {
            let e = el.value();
            ix.all.push(el);
            ix.tag.entry(e.name()).or_default().push(el);
            if let Some(id) = e.id() {
                ix.id.entry(id).or_default().push(el);
            }
            // `attrs()` once: `attr(name)` interns its argument on every call, and so does
            // `classes()` (each class, into the global atom table, on an element's first call).
            seen.clear();
            for (name, value) in e.attrs() {
                if name == "class" {
                    ix.classed.push((el, value));
                    // The element's distinct classes, as `classes()` has them.
                    for c in value.split_ascii_whitespace() {
                        if seen.contains(&c) {
                            continue;
                        }
                        seen.push(c);
                        let key = if c.bytes().any(|b| b.is_ascii_uppercase()) {
                            Cow::Owned(c.to_ascii_lowercase())
                        } else {
                            Cow::Borrowed(c)
                        };
                        ix.class.entry(key).or_default().push(el);
                    }
                }
                if let Some(a) = INDEXED_ATTRS.iter().find(|a| **a == name) {
                    ix.attr.entry(a).or_default().push(el);
                }
            }
        }
        ix
    }

    fn candidates(&self, key: &Key) -> Cow<'_, [ElementRef<'a>]> {
        let v = match key {
            Key::Id(i) => self.id.get(i.as_str()),
            Key::Class(c) => self.class.get(c.as_str()),
            Key::Tag(t) => self.tag.get(t.as_str()),
            Key::Attr(a) => self.attr.get(a),
            Key::ClassContains(w) => {
                let w = w.as_bytes();
                let holds = |v: &str| v.as_bytes().windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
                return Cow::Owned(self.classed.iter().filter(|(_, v)| holds(v)).map(|(e, _)| *e).collect());
            }
            Key::All => return Cow::Borrowed(&self.all),
        };
        Cow::Borrowed(v.map_or(&[], Vec::as_slice))
    }

    /// The elements `s` matches, in document order.
    pub fn select<'s>(&'s self, s: &'s Sel) -> impl Iterator<Item = ElementRef<'a>> + 's {
        let c = match &s.simple {
            // No element is `A`: no element is inside one (most layouts' selectors on a page
            // of another layout).
            Simple::Inside(_, _, outer) if self.candidates(outer).is_empty() => Cow::Borrowed(&[][..]),
            _ => self.candidates(&s.key),
        };
        (0..c.len()).map(move |i| c[i]).filter(move |e| s.matches(e))
    }

    /// The first element matched by the first selector of `list` that matches any.
    pub fn first(&self, list: &[Sel]) -> Option<ElementRef<'a>> {
        list.iter().find_map(|s| self.select(s).next())
    }

    /// Elements matched by the selectors of `list`, selector by selector.
    pub fn each<'s>(&'s self, list: &'s [Sel]) -> impl Iterator<Item = ElementRef<'a>> + 's {
        list.iter().flat_map(move |s| self.select(s))
    }

    /// Every element, in document order.
    pub fn all(&self) -> &[ElementRef<'a>] {
        &self.all
    }

    /// Elements with this tag name, in document order.
    pub fn tag(&self, name: &str) -> &[ElementRef<'a>] {
        self.tag.get(name).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_selectors_agree_with_the_engine() {
        let doc = Html::parse_document(
            r#"<div id="a" class="Byline x" itemprop="author"><p class="byline">가</p><span class="BYLINE y my_byline_s">나</span>
            <h1 class="title">다</h1><svg><title class="byline">라</title></svg><div class="x-y_z" data-date-time="1">마</div>
            <time datetime="2024">바</time><time>사</time><header><p class="section">아</p><a class="logo"><img></a></header>
            <span itemprop="Author">자</span></div><img class="logo">"#,
        );
        let ix = Index::build(&doc);
        for css in [
            ".byline",
            ".Byline",
            "#a",
            "h1",
            "title",
            "p.byline",
            "span.BYLINE",
            "div.x-y_z",
            ".x-y_z",
            "div .byline",
            "[class*=byline]",
            "[class*=Byline]",
            "[itemprop=author]",
            "[data-date-time]",
            "time[datetime]",
            "header .section",
            ".logo img",
            "#a img",
            "article h1",
            ".Nlist_item.is_active",
        ] {
            let s = Sel::new(css).unwrap_or_else(|| panic!("{css}"));
            let want: Vec<_> = ix.all().iter().filter(|e| s.sel.matches(e)).map(|e| e.id()).collect();
            let got: Vec<_> = ix.select(&s).map(|e| e.id()).collect();
            assert_eq!(got, want, "{css}");
        }
        assert!(matches!(simple_of("h1"), Simple::One(_)));
        assert_eq!(simple_of("H1"), Simple::No);
        assert!(matches!(simple_of(".a .b"), Simple::Inside(..)));
        assert_eq!(simple_of(".a > .b"), Simple::No);
        assert_eq!(simple_of(".a .b .c"), Simple::No);
        assert_eq!(simple_of(".breadcrumbs a:last-child"), Simple::No);
        assert_eq!(simple_of(".Nlist_item.is_active"), Simple::No);
        assert_eq!(simple_of(r#"script[type="application/ld+json"]"#), Simple::No);
        assert_eq!(simple_of("[type=text]"), Simple::No);
    }
}
