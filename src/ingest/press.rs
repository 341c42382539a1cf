//! The press table: what a page says about its publisher → the name readers know.
//!
//! Pages name their publisher in many ways: a site label (`og:site_name` "SBS NEWS",
//! "동아닷컴"), a domain (`og:url`, the canonical link, a reporter's e-mail), a copyright line
//! ("ⓒ 한경닷컴"), a Naver office id (`oid=015`). The table (`data/press.toml`, compiled in and
//! parsed once) maps all of these to one canonical name per outlet, and knows the portals
//! (Naver, Daum, …), which are never the press of an article. Users add outlets or override
//! entries with a TOML file of the same form ([`PressTable::with_user_file`]).
//!
//! Names match ignoring case, whitespace and `.·-_&'`; a name not in the table is tried again
//! without a site suffix (`… 뉴스`, `… NEWS`, `…닷컴`). Domains match by the longest suffix
//! (`sports.chosun.com` is 스포츠조선, `www.chosun.com` 조선일보).

use std::path::Path;
use std::sync::{Arc, LazyLock};

use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

const BUILTIN_TOML: &str = include_str!("../../data/press.toml");

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileForm {
    #[serde(default)]
    press: Vec<EntryForm>,
    #[serde(default)]
    portal: Vec<EntryForm>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryForm {
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    naver: Vec<String>,
}

/// One outlet of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    pub name: String,
    pub kind: String,
}

/// The press table (see the module comment).
#[derive(Debug, Clone, Default)]
pub struct PressTable {
    outlets: Vec<Outlet>,
    /// Normalized name or alias → outlet.
    names: HashMap<String, usize>,
    /// Domain → outlet.
    domains: HashMap<String, usize>,
    naver: HashMap<String, usize>,
    portal_names: HashMap<String, String>,
    portal_domains: HashMap<String, String>,
    /// The longest key in `names` and in `portal_names` (bytes): a longer name (a headline
    /// asked whether it is a press name) is no key, whatever its suffix.
    name_key_max: usize,
    portal_key_max: usize,
}

/// The key a name is matched by: lower case, without whitespace and `.·-_&'`.
fn key(s: &str) -> String {
    key_within(s, usize::MAX).unwrap_or_default()
}

/// [`key`], or `None` as soon as it grows past `max` bytes.
fn key_within(s: &str, max: usize) -> Option<String> {
    let mut k = String::with_capacity(s.len().min(max.saturating_add(4)));
    for c in s.chars() {
        if ('가'..='힣').contains(&c) {
            // No case, not a space, not dropped (and most of every name).
            k.push(c);
        } else if !(c.is_whitespace() || matches!(c, '.' | '·' | '-' | '_' | '&' | '\'' | '’' | '‘' | '㈜')) {
            k.extend(c.to_lowercase());
        }
        if k.len() > max {
            return None;
        }
    }
    Some(k)
}

/// Site suffixes a press name may carry (`KBS 뉴스`, `MBC NEWS`, `동아닷컴`).
const SUFFIXES: &[&str] = &["뉴스", "news", "닷컴", "com", "온라인", "인터넷판", "인터넷", "디지털", "online", "(주)"];

/// The host of a URL or the domain of an e-mail address, lower case, without `www.`.
pub fn host_of(s: &str) -> Option<String> {
    let s = s.trim();
    let host = if let Some((_, domain)) = s.rsplit_once('@')
        && !s.contains("://")
    {
        domain
    } else {
        let rest = s.split_once("://").map_or(s.trim_start_matches("//"), |(_, r)| r);
        let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
        rest.split(['/', ':', '?', '#']).next().unwrap_or(rest)
    };
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (host.contains('.') && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')).then_some(host)
}

impl PressTable {
    /// The table compiled into gisa.
    pub fn builtin() -> Arc<PressTable> {
        static BUILTIN: LazyLock<Arc<PressTable>> = LazyLock::new(|| {
            // The embedded file is checked by a unit test; an empty table is the fallback.
            Arc::new(PressTable::parse(BUILTIN_TOML).unwrap_or_default())
        });
        BUILTIN.clone()
    }

    fn parse(text: &str) -> Result<PressTable, String> {
        let mut t = PressTable::default();
        t.add(text)?;
        Ok(t)
    }

    /// Adds (or overrides) the entries of a TOML text of the table's form.
    fn add(&mut self, text: &str) -> Result<(), String> {
        let form: FileForm = toml::from_str(text).map_err(|e| e.to_string())?;
        for e in form.press {
            let name = e.name.trim().to_owned();
            if name.is_empty() {
                return Err("a [[press]] entry has an empty name".to_owned());
            }
            let i = match self.names.get(&key(&name)).copied().filter(|&i| self.outlets[i].name == name) {
                Some(i) => {
                    if let Some(k) = e.kind.clone() {
                        self.outlets[i].kind = k;
                    }
                    i
                }
                None => {
                    self.outlets.push(Outlet { name: name.clone(), kind: e.kind.clone().unwrap_or_default() });
                    self.outlets.len() - 1
                }
            };
            for n in std::iter::once(&name).chain(&e.aliases) {
                let k = key(n);
                if !k.is_empty() {
                    self.name_key_max = self.name_key_max.max(k.len());
                    self.names.insert(k, i);
                }
            }
            for d in &e.domains {
                if let Some(h) = host_of(d) {
                    self.domains.insert(h, i);
                }
            }
            for o in &e.naver {
                self.naver.insert(o.trim().to_owned(), i);
            }
        }
        for p in form.portal {
            for n in std::iter::once(&p.name).chain(&p.aliases) {
                let k = key(n);
                self.portal_key_max = self.portal_key_max.max(k.len());
                self.portal_names.insert(k, p.name.clone());
            }
            for d in &p.domains {
                if let Some(h) = host_of(d) {
                    self.portal_domains.insert(h, p.name.clone());
                }
            }
        }
        Ok(())
    }

    /// The built-in table extended by a user's TOML file (same form as `data/press.toml`):
    /// new outlets are added, a `name` already in the table gets the file's aliases and
    /// domains on top of its own, and an alias or domain listed again points where the file
    /// says.
    pub fn with_user_file(path: &Path) -> Result<PressTable, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut t = (*PressTable::builtin()).clone();
        t.add(&text).map_err(|e| format!("{}: {}", path.display(), e.trim_end()))?;
        Ok(t)
    }

    /// Number of outlets (portals not counted).
    pub fn len(&self) -> usize {
        self.outlets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outlets.is_empty()
    }

    /// The outlets, in table order.
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    fn lookup(&self, name: &str) -> Option<usize> {
        let longest_suffix = SUFFIXES.iter().map(|s| s.len()).max().unwrap_or(0);
        let k = key_within(name, self.name_key_max + longest_suffix)?;
        if k.is_empty() {
            return None;
        }
        if let Some(&i) = self.names.get(&k) {
            return Some(i);
        }
        SUFFIXES
            .iter()
            .find_map(|s| k.strip_suffix(s).filter(|r| !r.is_empty()).and_then(|r| self.names.get(r)).copied())
    }

    /// The canonical name of a press name the table knows (`SBS NEWS` → `SBS`).
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.lookup(name).map(|i| self.outlets[i].name.as_str())
    }

    /// The canonical name if the table knows `name`, else `name` as given (trimmed).
    pub fn canonical_or_same(&self, name: &str) -> String {
        self.canonical(name).map_or_else(|| name.trim().to_owned(), str::to_owned)
    }

    /// True if `name` is a portal (네이버, 다음 뉴스, 네이버 스포츠, …).
    pub fn is_portal(&self, name: &str) -> bool {
        key_within(name, self.portal_key_max).is_some_and(|k| !k.is_empty() && self.portal_names.contains_key(&k))
    }

    fn longest_suffix<'a, V>(map: &'a HashMap<String, V>, host: &str) -> Option<&'a V> {
        let mut h = host;
        loop {
            if let Some(v) = map.get(h) {
                return Some(v);
            }
            let (_, rest) = h.split_once('.')?;
            if !rest.contains('.') {
                return None;
            }
            h = rest;
        }
    }

    /// The outlet of a URL's or an e-mail address's domain (`minsoo@yna.co.kr` → 연합뉴스).
    pub fn by_domain(&self, url_or_email: &str) -> Option<&str> {
        let host = host_of(url_or_email)?;
        Self::longest_suffix(&self.domains, &host).map(|&i| self.outlets[i].name.as_str())
    }

    /// True if a URL's domain is a portal's.
    pub fn is_portal_url(&self, url: &str) -> bool {
        host_of(url).is_some_and(|h| Self::longest_suffix(&self.portal_domains, &h).is_some())
    }

    /// The outlet of a Naver News office id (`015` → 한국경제).
    pub fn by_naver_office(&self, oid: &str) -> Option<&str> {
        self.naver.get(oid.trim()).map(|&i| self.outlets[i].name.as_str())
    }

    /// The Naver office id in a Naver article URL (`…/article/015/000…`, `…oid=015…`).
    pub fn naver_office_of(&self, url: &str) -> Option<String> {
        if !self.is_portal_url(url) || !url.contains("naver") {
            return None;
        }
        if let Some(i) = url.find("oid=") {
            let d: String = url[i + 4..].chars().take_while(char::is_ascii_digit).collect();
            return (d.len() == 3).then_some(d);
        }
        let i = url.find("/article/")?;
        let d: String = url[i + 9..].chars().take_while(char::is_ascii_digit).collect();
        (d.len() == 3).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_table_parses_and_is_large() {
        if let Err(e) = PressTable::parse(BUILTIN_TOML) {
            panic!("data/press.toml: {e}");
        }
        let t = PressTable::builtin();
        assert!(t.len() >= 150, "{} outlets", t.len());
        // Every canonical name is its own canonical form, and no name is two outlets.
        let mut seen = std::collections::HashSet::new();
        for o in t.outlets() {
            assert_eq!(t.canonical(&o.name), Some(o.name.as_str()));
            assert!(seen.insert(o.name.clone()), "{} twice", o.name);
            assert!(!o.kind.is_empty(), "{} has no kind", o.name);
        }
    }

    #[test]
    fn names_domains_offices() {
        let t = PressTable::builtin();
        for (given, want) in [
            ("SBS NEWS", "SBS"),
            ("KBS 뉴스", "KBS"),
            ("MBC NEWS", "MBC"),
            ("동아닷컴", "동아일보"),
            ("한경닷컴", "한국경제"),
            ("SPOTV NEWS", "스포티비뉴스"),
            ("연합뉴스TV", "연합뉴스TV"),
            ("연합뉴스", "연합뉴스"),
            ("YONHAP", "연합뉴스"),
            ("CBS노컷뉴스", "노컷뉴스"),
            ("TV CHOSUN", "TV조선"),
            ("jtbc", "JTBC"),
        ] {
            assert_eq!(t.canonical(given), Some(want), "{given}");
        }
        assert_eq!(t.canonical("All rights reserved"), None);
        assert_eq!(t.canonical_or_same(" 어느신문 "), "어느신문");
        assert!(t.is_portal("네이버 스포츠") && t.is_portal("NAVER") && t.is_portal("다음뉴스"));
        assert!(!t.is_portal("스포티비뉴스"));
        assert_eq!(t.by_domain("https://sports.chosun.com/news/x"), Some("스포츠조선"));
        assert_eq!(t.by_domain("https://www.chosun.com/x"), Some("조선일보"));
        assert_eq!(t.by_domain("https://biz.chosun.com/x"), Some("조선비즈"));
        assert_eq!(t.by_domain("antahn22@sportschosun.com"), Some("스포츠조선"));
        assert_eq!(t.by_domain("minsoo@yna.co.kr"), Some("연합뉴스"));
        assert_eq!(t.by_domain("someone@gmail.com"), None);
        assert_eq!(t.by_domain("http://news.naver.com/main/read.nhn?oid=011"), None);
        assert!(t.is_portal_url("https://n.news.naver.com/mnews/article/015/0004985123"));
        assert!(t.is_portal_url("https://sports.news.naver.com/news?oid=477&aid=0000073768"));
        assert_eq!(t.naver_office_of("https://n.news.naver.com/mnews/article/015/0004985123").as_deref(), Some("015"));
        assert_eq!(t.naver_office_of("https://sports.news.naver.com/news?oid=477&aid=1").as_deref(), Some("477"));
        assert_eq!(t.by_naver_office("477"), Some("스포티비뉴스"));
        assert_eq!(t.by_naver_office("011"), Some("서울경제"));
    }

    #[test]
    fn user_file_extends_and_overrides() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("press.toml");
        std::fs::write(
            &p,
            "[[press]]\nname = \"우리동네신문\"\nkind = \"regional\"\naliases = [\"우동신\"]\ndomains = [\"woodong.kr\"]\n\n\
             [[press]]\nname = \"SBS\"\naliases = [\"SBS 8뉴스\"]\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let t = PressTable::with_user_file(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.canonical("우동신"), Some("우리동네신문"));
        assert_eq!(t.by_domain("https://www.woodong.kr/a/1"), Some("우리동네신문"));
        assert_eq!(t.canonical("SBS 8뉴스"), Some("SBS"));
        assert_eq!(t.canonical("SBS NEWS"), Some("SBS"));
        assert_eq!(t.len(), PressTable::builtin().len() + 1);
        std::fs::write(&p, "[[press]]\nnam = \"x\"\n").unwrap_or_else(|e| panic!("{e}"));
        let e = PressTable::with_user_file(&p).err().unwrap_or_default();
        assert!(e.contains("press.toml") && e.contains("nam"), "{e}");
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://www.Chosun.com:443/a?b").as_deref(), Some("chosun.com"));
        assert_eq!(host_of("hong@donga.com").as_deref(), Some("donga.com"));
        assert_eq!(host_of("//news.kbs.co.kr/x").as_deref(), Some("news.kbs.co.kr"));
        assert_eq!(host_of("not a url"), None);
    }
}
