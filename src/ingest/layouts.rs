//! The page layouts the HTML reader knows (`data/layouts.toml`, compiled in and parsed once):
//! per layout, the selectors of its headline, body, dateline, byline … A page's selectors are
//! its own layout's first, then the generic ones, then the other layouts' (a page may mix
//! them).

use std::sync::LazyLock;

use serde::Deserialize;

use super::dom::{Index, Sel};

const LAYOUTS_TOML: &str = include_str!("../../data/layouts.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    layout: Vec<LayoutForm>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct LayoutForm {
    name: String,
    detect: Vec<String>,
    domains: Vec<String>,
    headline: Vec<String>,
    body: Vec<String>,
    subtitle: Vec<String>,
    date: Vec<String>,
    date_attr: Vec<String>,
    reporter: Vec<String>,
    email: Vec<String>,
    press_logo: Vec<String>,
    section: Vec<String>,
    copyright: Vec<String>,
    skip: Vec<String>,
    skip_prefix: Vec<String>,
}

/// One layout with its selectors compiled.
#[derive(Debug, Default)]
pub struct Layout {
    pub name: String,
    pub detect: Vec<Sel>,
    pub domains: Vec<String>,
    pub headline: Vec<Sel>,
    pub body: Vec<Sel>,
    pub subtitle: Vec<Sel>,
    pub date: Vec<Sel>,
    pub date_attr: Vec<Sel>,
    pub reporter: Vec<Sel>,
    pub email: Vec<Sel>,
    pub press_logo: Vec<Sel>,
    pub section: Vec<Sel>,
    pub copyright: Vec<Sel>,
    pub skip: Vec<String>,
    pub skip_prefix: Vec<String>,
}

fn compile(list: &[String], bad: &mut Vec<String>) -> Vec<Sel> {
    list.iter()
        .filter_map(|css| {
            let s = Sel::new(css);
            if s.is_none() {
                bad.push(css.clone());
            }
            s
        })
        .collect()
}

/// The parsed table and the selectors it could not compile (a unit test requires none).
fn parse(text: &str) -> Result<(Vec<Layout>, Vec<String>), String> {
    let form: FileForm = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut bad = Vec::new();
    let layouts = form
        .layout
        .into_iter()
        .map(|f| Layout {
            detect: compile(&f.detect, &mut bad),
            headline: compile(&f.headline, &mut bad),
            body: compile(&f.body, &mut bad),
            subtitle: compile(&f.subtitle, &mut bad),
            date: compile(&f.date, &mut bad),
            date_attr: compile(&f.date_attr, &mut bad),
            reporter: compile(&f.reporter, &mut bad),
            email: compile(&f.email, &mut bad),
            press_logo: compile(&f.press_logo, &mut bad),
            section: compile(&f.section, &mut bad),
            copyright: compile(&f.copyright, &mut bad),
            skip: f.skip.iter().map(|s| s.to_ascii_lowercase()).collect(),
            skip_prefix: f.skip_prefix.iter().map(|s| s.to_ascii_lowercase()).collect(),
            domains: f.domains,
            name: f.name,
        })
        .collect();
    Ok((layouts, bad))
}

static LAYOUTS: LazyLock<Vec<Layout>> = LazyLock::new(|| {
    // Checked by a unit test; without a table every page is read by content scoring.
    parse(LAYOUTS_TOML).map(|(l, _)| l).unwrap_or_default()
});

/// The skip classes (lower case) and class prefixes of all layouts.
struct Skips {
    names: rustc_hash::FxHashSet<String>,
    prefixes: Vec<String>,
}

static SKIPS: LazyLock<Skips> = LazyLock::new(|| {
    let mut prefixes: Vec<String> = Vec::new();
    for p in LAYOUTS.iter().flat_map(|l| &l.skip_prefix) {
        if !prefixes.contains(p) {
            prefixes.push(p.clone());
        }
    }
    Skips { names: LAYOUTS.iter().flat_map(|l| l.skip.iter().cloned()).collect(), prefixes }
});

/// All layouts, the generic one last.
pub fn all() -> &'static [Layout] {
    &LAYOUTS
}

/// The layouts in the order a page tries them: its own, generic, the others.
pub struct Order {
    pub own: Option<&'static Layout>,
    list: Vec<&'static Layout>,
}

impl Order {
    /// The layout of a page (by its elements, else by its URL's host).
    pub fn of(ix: &Index<'_>, host: Option<&str>) -> Order {
        let layouts = all();
        let generic = layouts.iter().find(|l| l.name == "generic");
        let own =
            layouts.iter().filter(|l| l.name != "generic").find(|l| ix.first(&l.detect).is_some()).or_else(|| {
                let host = host?;
                layouts.iter().find(|l| l.domains.iter().any(|d| host == d || host.ends_with(&format!(".{d}"))))
            });
        let mut list: Vec<&'static Layout> = own.into_iter().collect();
        list.extend(generic);
        list.extend(layouts.iter().filter(|l| own.is_none_or(|o| !std::ptr::eq(o, *l)) && l.name != "generic"));
        Order { own, list }
    }

    /// The layout's name (`generic` when no layout matched).
    pub fn name(&self) -> &str {
        self.own.map_or("generic", |l| l.name.as_str())
    }

    /// The selectors of one field, layout by layout.
    pub fn sels<'s>(&'s self, field: fn(&'static Layout) -> &'static [Sel]) -> impl Iterator<Item = &'static Sel> + 's {
        self.list.iter().flat_map(move |l| field(l).iter())
    }

    /// True if an element with these classes is never article text on this page.
    pub fn skips_class(&self, class: &str) -> bool {
        // Every page's list holds every layout: the skip classes of all of them, gathered once.
        let s = &*SKIPS;
        let known = if class.bytes().any(|b| b.is_ascii_uppercase()) {
            s.names.contains(class.to_ascii_lowercase().as_str())
        } else {
            s.names.contains(class)
        };
        known || s.prefixes.iter().any(|p| class.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_every_selector_compiles() {
        let (layouts, bad) = match parse(LAYOUTS_TOML) {
            Ok(x) => x,
            Err(e) => panic!("data/layouts.toml: {e}"),
        };
        assert!(bad.is_empty(), "selectors scraper cannot read: {bad:?}");
        assert_eq!(layouts.last().map(|l| l.name.as_str()), Some("generic"));
        assert!(layouts.iter().all(|l| !l.name.is_empty()));
    }
}
