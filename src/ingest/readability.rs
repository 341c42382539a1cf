//! The main content of a page in no known layout, found by content scoring in the manner of
//! Mozilla's Readability, tuned for Korean news pages: text runs and paragraphs score their
//! container and its parent (one point, one per comma or sentence end, one per 100
//! characters, up to three), containers are weighted by tag and by class/id words
//! (`article`, `content`, `news`, `view` … up; `comment`, `reply`, `rank`, `related`, `sns` …
//! down), subtrees that are unlikely to hold the article (menus, footers, comment boxes) are
//! not scored at all, and the score is discounted by the share of link text. Siblings of the
//! best container that score well join it (articles split across sibling blocks).
//!
//! Hand-written rather than taken from a crate: it shares the HTML reader's DOM, tag table
//! and skip rules, and on the shared real pages it scores better than `dom_smoothie` (README,
//! "Main-content fallback").

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::flatten::{Role, role};

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "text", "story", "news", "view", "cont", "txt", "detail",
    "read", "artic", "본문",
];
const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "contact",
    "foot",
    "footer",
    "footnote",
    "masthead",
    "media",
    "meta",
    "promo",
    "related",
    "relate",
    "scroll",
    "share",
    "sidebar",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "reply",
    "rank",
    "popular",
    "best",
    "recommend",
    "copyright",
    "sns",
    "btn",
    "menu",
    "gnb",
    "lnb",
    "snb",
    "aside",
    "wing",
    "ad_",
    "ad-",
    "ads",
    "photo",
    "caption",
    "reporter",
    "byline",
    "issue",
    "hot",
    "most",
    "list",
];
const UNLIKELY: &[&str] = &[
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "disqus",
    "footer",
    "gdpr",
    "header",
    "legend",
    "menu",
    "related",
    "relate",
    "remark",
    "replies",
    "reply",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "pagination",
    "pager",
    "popup",
    "gnb",
    "lnb",
    "snb",
    "rank",
    "popular",
    "recommend",
    "aside",
    "wing",
    "sns",
    "share",
    "most_",
    "best_",
    "hot_",
    "login",
    "search",
];
const MAYBE: &[&str] =
    &["and", "article", "body", "column", "content", "main", "shadow", "news", "view", "txt", "text"];

fn class_id(el: &scraper::node::Element) -> String {
    let mut s = String::new();
    if let Some(id) = el.id() {
        s.push_str(id);
    }
    for c in el.classes() {
        s.push(' ');
        s.push_str(c);
    }
    s.to_ascii_lowercase()
}

fn class_weight(ci: &str) -> f64 {
    if ci.is_empty() {
        return 0.0;
    }
    let mut w = 0.0;
    if NEGATIVE.iter().any(|n| ci.contains(n)) {
        w -= 25.0;
    }
    if POSITIVE.iter().any(|p| ci.contains(p)) {
        w += 25.0;
    }
    w
}

fn tag_weight(name: &str) -> f64 {
    match name {
        "div" | "article" | "section" | "main" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

fn unlikely(el: &scraper::node::Element) -> bool {
    if matches!(el.name(), "nav" | "aside" | "footer" | "header" | "form" | "menu") {
        return true;
    }
    let ci = class_id(el);
    !ci.is_empty() && UNLIKELY.iter().any(|u| ci.contains(u)) && !MAYBE.iter().any(|m| ci.contains(m))
}

/// Per-element totals: text characters, link-text characters.
#[derive(Default, Clone, Copy)]
struct Totals {
    text: usize,
    link: usize,
}

fn points(text: &str) -> f64 {
    let n = text.chars().count();
    let commas = text.matches([',', '，', '、']).count() + text.matches("다.").count();
    1.0 + commas as f64 + (n as f64 / 100.0).min(3.0)
}

/// The element(s) holding the article text, best first; `skip` leaves elements out of the
/// scoring (captions, bylines …).
pub fn main_content<'a>(doc: &'a Html, skip: &dyn Fn(ElementRef<'_>) -> bool) -> Vec<ElementRef<'a>> {
    let root = doc.root_element();
    let mut totals: HashMap<NodeId, Totals> = HashMap::new();
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    // Depth-first, with the chain of element ancestors.
    let mut chain: Vec<NodeId> = Vec::new();
    let mut stack: Vec<(ego_tree::NodeRef<'a, Node>, bool, bool)> = vec![(*root, false, false)];
    // Text of the current run of inline content per block container: (container, text).
    let mut runs: HashMap<NodeId, String> = HashMap::new();
    while let Some((node, opened, in_link)) = stack.pop() {
        match node.value() {
            Node::Element(e) => {
                if opened {
                    if let Some(id) = chain.pop()
                        && let Some(run) = runs.remove(&id)
                    {
                        // The element's own text (text runs and inline children) as one paragraph of it.
                        if run.trim().chars().count() >= 25 {
                            let p = points(&run);
                            *scores.entry(id).or_default() += p;
                            if let Some(&parent) = chain.last() {
                                *scores.entry(parent).or_default() += p / 2.0;
                            }
                        }
                    }
                    // A paragraph element scores its container and the one above.
                    if e.name() == "p" || e.name() == "pre" || e.name() == "td" {
                        let t = totals.get(&node.id()).copied().unwrap_or_default();
                        if t.text >= 25 {
                            let text: String = ElementRef::wrap(node).map(|el| el.text().collect()).unwrap_or_default();
                            let p = points(&text);
                            if let Some(&parent) = chain.last() {
                                *scores.entry(parent).or_default() += p;
                            }
                            if chain.len() >= 2 {
                                *scores.entry(chain[chain.len() - 2]).or_default() += p / 2.0;
                            }
                        }
                    }
                    continue;
                }
                if role(e.name()) == Role::Hidden || unlikely(e) {
                    continue;
                }
                if node != *root && ElementRef::wrap(node).is_some_and(skip) {
                    continue;
                }
                chain.push(node.id());
                stack.push((node, true, in_link));
                let link = in_link || e.name() == "a";
                let children: Vec<_> = node.children().collect();
                for c in children.into_iter().rev() {
                    stack.push((c, false, link));
                }
            }
            Node::Text(t) => {
                let n = t.trim().chars().count();
                if n == 0 {
                    continue;
                }
                for id in &chain {
                    let x = totals.entry(*id).or_default();
                    x.text += n;
                    if in_link {
                        x.link += n;
                    }
                }
                // The text belongs to the nearest block ancestor's own run (not inside a <p>).
                let block = chain.iter().rev().find_map(|id| {
                    let e = doc.tree.get(*id)?.value().as_element()?;
                    matches!(role(e.name()), Role::Block | Role::Cell).then(|| (*id, e.name()))
                });
                if !in_link
                    && let Some((owner, name)) = block
                    && !matches!(name, "p" | "pre" | "td")
                {
                    runs.entry(owner).or_default().push_str(t);
                }
            }
            _ => {}
        }
    }
    let mut best: Vec<(NodeId, f64)> = scores
        .into_iter()
        .filter_map(|(id, s)| {
            let n = doc.tree.get(id)?;
            let e = n.value().as_element()?;
            let t = totals.get(&id).copied().unwrap_or_default();
            if t.text == 0 {
                return None;
            }
            let density = t.link as f64 / t.text as f64;
            let s = (s + tag_weight(e.name()) + class_weight(&class_id(e))) * (1.0 - density);
            Some((id, s))
        })
        .collect();
    best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let Some(&(top, top_score)) = best.first() else { return Vec::new() };
    if top_score <= 0.0 {
        return Vec::new();
    }
    let Some(top_el) = doc.tree.get(top).and_then(ElementRef::wrap) else { return Vec::new() };
    // Siblings that score well, in document order.
    let score_of: HashMap<NodeId, f64> = best.iter().copied().collect();
    let threshold = (top_score * 0.2).max(10.0);
    let mut out = Vec::new();
    if let Some(parent) = top_el.parent() {
        for sib in parent.children() {
            let Some(el) = ElementRef::wrap(sib) else { continue };
            if sib.id() == top || score_of.get(&sib.id()).is_some_and(|&s| s >= threshold) {
                out.push(el);
            }
        }
    }
    if out.is_empty() {
        out.push(top_el);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_among_menus_and_comments() {
        let para =
            "정부는 올해 반도체 수출이 작년보다 크게 늘 것으로 내다봤다. 업계는 하반기 수요 회복에 기대를 걸고 있다.";
        let html = format!(
            "<html><body><div class=\"gnb\"><a href=\"/\">홈</a><a href=\"/a\">정치</a></div>\
             <div id=\"wrap\"><div class=\"news_view\"><div class=\"cont\">{para}<br><br>{para}<br><br>{para}</div></div>\
             <div class=\"reply_list\"><p>{para}</p></div><ul class=\"rank\"><li><a href=\"#\">{para}</a></li></ul></div></body></html>"
        );
        let doc = Html::parse_document(&html);
        let found = main_content(&doc, &|_| false);
        assert_eq!(found.len(), 1);
        let text: String = found[0].text().collect();
        assert_eq!(text.matches("정부는").count(), 3);
    }

    #[test]
    fn empty_pages() {
        for h in ["", "<html></html>", "<p>짧다</p>", &"<div>".repeat(300)] {
            let doc = Html::parse_document(h);
            let _ = main_content(&doc, &|_| false);
        }
    }
}
