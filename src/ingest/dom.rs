//! A parsed page's elements indexed by id, class, tag and a few attributes, so that each
//! selector is tried on its candidates only, not on the whole tree.

use std::borrow::Cow;
use std::collections::HashMap;

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

/// A compiled selector and its index key.
#[derive(Debug, Clone)]
pub struct Sel {
    sel: Selector,
    key: Key,
}

impl Sel {
    /// Compiles a selector; `None` if `scraper` cannot read it.
    pub fn new(css: &str) -> Option<Sel> {
        Some(Sel { sel: Selector::parse(css).ok()?, key: key_of(css) })
    }

    pub fn matches(&self, e: &ElementRef<'_>) -> bool {
        self.sel.matches(e)
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
            id: HashMap::new(),
            class: HashMap::new(),
            tag: HashMap::new(),
            attr: HashMap::new(),
            classed: Vec::new(),
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
                    Cow::Owned(c.to_ascii_lowercase())
                } else {
                    Cow::Borrowed(c)
                };
                ix.class.entry(key).or_default().push(el);
            }
            // `attrs()` once: `attr(name)` interns its argument on every call.
            for (name, value) in e.attrs() {
                if name == "class" {
                    ix.classed.push((el, value));
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
        let c = self.candidates(&s.key);
        (0..c.len()).map(move |i| c[i]).filter(move |e| s.sel.matches(e))
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
