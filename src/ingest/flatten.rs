//! Markup → lines of text: the one tag table and the one flattening path, for parsed pages
//! (a DOM from html5ever) and for markup read without a DOM (HTML inside JSON records and
//! script payloads, pages too deeply nested to parse), plus entity decoding for text that
//! did not come through html5ever (JSON strings, meta values saved escaped twice).
//!
//! A tag is one of: text that is never shown (`script`, `style`, …: dropped with its content),
//! a block (starts and ends a line), a table cell (separates words within its row: a
//! `<td>삼성</td><td>전자</td>` row reads `삼성 전자`, never `삼성전자`), a line break, or
//! inline (its text runs on). Entities are decoded by `html-escape` (the full HTML5 table).

use std::borrow::Cow;

use scraper::{ElementRef, Node};

use super::boilerplate as bp;
use super::candidate::Line;

/// How a tag's content is laid out as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Never rendered as text: dropped with everything inside.
    Hidden,
    /// Starts and ends a line.
    Block,
    /// A table cell: a space on each side.
    Cell,
    /// `<br>`: ends the line.
    Break,
    /// Runs on within the line.
    Inline,
}

/// The tag table.
pub fn role(name: &str) -> Role {
    match name {
        "script" | "style" | "noscript" | "template" | "head" | "title" | "iframe" | "frame" | "frameset"
        | "object" | "embed" | "svg" | "math" | "canvas" | "video" | "audio" | "map" | "select" | "textarea"
        | "button" | "input" | "option" | "datalist" | "img" | "picture" | "source" | "track" | "param" | "meta"
        | "link" | "base" => Role::Hidden,
        "p" | "div" | "section" | "article" | "main" | "header" | "footer" | "nav" | "aside" | "h1" | "h2" | "h3"
        | "h4" | "h5" | "h6" | "hgroup" | "li" | "ul" | "ol" | "dl" | "dt" | "dd" | "blockquote" | "pre" | "table"
        | "thead" | "tbody" | "tfoot" | "tr" | "caption" | "figure" | "figcaption" | "form" | "fieldset" | "legend"
        | "address" | "center" | "hr" | "body" | "html" | "details" | "summary" | "dialog" | "menu" => Role::Block,
        "td" | "th" => Role::Cell,
        "br" => Role::Break,
        _ => Role::Inline,
    }
}

/// Decodes HTML entities (`&#34;`, `&ndash;`, `&laquo;`, `&amp;#39;` once) in a string that
/// did not come through the HTML parser — or came through it escaped twice.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', s.as_bytes()).is_none() {
        return Cow::Borrowed(s);
    }
    html_escape::decode_html_entities(s)
}

/// Lines of text of `root`, one per block or `<br>`; `skip(element)` leaves an element out
/// (it still separates the words around it).
pub fn dom_lines(root: ElementRef<'_>, skip: &dyn Fn(ElementRef<'_>) -> bool) -> Vec<String> {
    dom_body_lines(root, skip).into_iter().map(|l| l.text).collect()
}

/// [`dom_lines`], each line marked when all its text is link text (a related headline).
pub fn dom_body_lines(root: ElementRef<'_>, skip: &dyn Fn(ElementRef<'_>) -> bool) -> Vec<Line> {
    struct Cur {
        text: String,
        /// Whether the line has a character outside links that is not whitespace.
        plain: bool,
        out: Vec<Line>,
    }
    impl Cur {
        fn flush(&mut self) {
            let s = bp::squash(&self.text);
            if !s.is_empty() {
                self.out.push(Line { text: s, link: !self.plain });
            }
            self.text.clear();
            self.plain = false;
        }
    }
    let mut cur = Cur { text: String::new(), plain: false, out: Vec::new() };
    // (node, opened, inside a link)
    let mut stack = vec![(*root, false, false)];
    while let Some((node, opened, in_link)) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                cur.text.push_str(t);
                if !in_link && !cur.plain {
                    cur.plain = t.chars().any(|c| !c.is_whitespace());
                }
            }
            Node::Element(e) => {
                let r = role(e.name());
                if opened {
                    match r {
                        Role::Block => cur.flush(),
                        Role::Cell => cur.text.push(' '),
                        _ => {}
                    }
                    continue;
                }
                match r {
                    Role::Break => {
                        cur.flush();
                        continue;
                    }
                    Role::Hidden if node != *root => {
                        cur.text.push(' ');
                        continue;
                    }
                    _ => {}
                }
                if node != *root && ElementRef::wrap(node).is_some_and(skip) {
                    cur.text.push(' ');
                    continue;
                }
                match r {
                    Role::Block => cur.flush(),
                    Role::Cell => cur.text.push(' '),
                    _ => {}
                }
                let link = in_link || (e.name() == "a" && e.attr("href").is_some_and(|h| !h.starts_with('#')));
                stack.push((node, true, in_link));
                for c in node.children().rev() {
                    stack.push((c, false, link));
                }
            }
            _ => {}
        }
    }
    cur.flush();
    cur.out
}

/// Where `</name` (ASCII case-insensitive) starts in `s`.
pub fn find_closing(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = s[from..].find("</") {
        let at = from + k;
        let tag = b.get(at + 2..at + 2 + name.len())?;
        if tag.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// Markup flattened to text without a DOM, by the same tag table: hidden elements dropped
/// with their content, blocks and `<br>` on lines of their own, cells apart, comments
/// removed, entities decoded. Lines are joined by `\n` (blank lines where blocks close).
pub fn markup_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() / 2);
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |j| &r[j + 3..]);
            continue;
        }
        let after = &rest[1..];
        let closing = after.starts_with('/');
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() {
            // Not a tag (`<출연 : …>`, `a < b`): text, as a browser shows it.
            out.push('<');
            rest = after;
            continue;
        }
        let Some(j) = rest.find('>') else {
            rest = "";
            break;
        };
        rest = &rest[j + 1..];
        match role(&name) {
            Role::Hidden if !closing => {
                let void = matches!(
                    name.as_str(),
                    "img" | "input" | "meta" | "link" | "base" | "source" | "track" | "param" | "embed"
                );
                if !void {
                    rest = find_closing(rest, &name).map_or("", |k| {
                        let tail = &rest[k..];
                        tail.find('>').map_or("", |e| &tail[e + 1..])
                    });
                }
                out.push(' ');
            }
            Role::Block | Role::Break => out.push('\n'),
            Role::Cell | Role::Hidden => out.push(' '),
            Role::Inline => {}
        }
    }
    out.push_str(rest);
    decode_entities(&out).into_owned()
}

/// [`markup_to_text`] as squashed, non-empty lines.
pub fn markup_lines(s: &str) -> Vec<String> {
    bp::lines(&markup_to_text(s)).map(bp::squash).filter(|l| !l.is_empty()).collect()
}

/// True if a string holds markup worth flattening (a body saved as HTML): a block, break or
/// cell tag.
pub fn looks_like_markup(s: &str) -> bool {
    memchr::memchr_iter(b'<', s.as_bytes()).any(|i| {
        let rest = s[i + 1..].trim_start_matches('/');
        let n = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
        matches!(role(&rest[..n].to_ascii_lowercase()), Role::Block | Role::Break | Role::Cell)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn lines(html: &str) -> Vec<String> {
        let doc = Html::parse_document(html);
        dom_lines(doc.root_element(), &|_| false)
    }

    #[test]
    fn cells_never_glue_words() {
        let h = "<table><tr><td>삼성</td><td>전자</td></tr><tr><th>LG</th><td>에너지</td></tr></table>";
        assert_eq!(lines(h), ["삼성 전자", "LG 에너지"]);
        assert_eq!(markup_lines(h), ["삼성 전자", "LG 에너지"]);
    }

    #[test]
    fn dom_and_markup_agree() {
        let h = "<div><p>문단 <b>하나</b>.</p><script>var x = \"<p>no</p>\";</script><!-- c --><p>둘&nbsp;&amp; &#49892;&#x30;</p>\
                 <ul><li>가</li><li>나</li></ul>x&amp;y<br>끝<span>말</span><span>이</span><iframe><a href='x'>광고</a></iframe></div>";
        let want = ["문단 하나.", "둘 & 실0", "가", "나", "x&y", "끝말이"];
        assert_eq!(lines(h), want);
        assert_eq!(markup_lines(h), want);
    }

    #[test]
    fn entities_and_not_tags() {
        assert_eq!(decode_entities("&#34;밤 깎게&#34; &ndash; &laquo;x&raquo; AT&T"), "\"밤 깎게\" – «x» AT&T");
        assert_eq!(markup_lines("<p><출연 : 이은희 교수></p><p>a < b</p>"), ["<출연 : 이은희 교수>", "a < b"]);
        assert!(looks_like_markup("첫 문단<br>둘째"));
        assert!(looks_like_markup("<p>문단</p>"));
        assert!(!looks_like_markup("a < b 그리고 <출연 : 김씨>"));
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<", "<p", "</", "<!--", "<script>", "<scr", "<td", "&#xffffffff;", "<p>&#0;</p>", "<<<>>>"] {
            let _ = markup_to_text(s);
            let _ = looks_like_markup(s);
        }
    }
}
