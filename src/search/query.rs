//! The query language, parsed into a small syntax tree.
//!
//! ```text
//! 삼성전자 반도체            both words (or at least one with --any)
//! "광폭 행보"                an exact phrase
//! -중국                      without this word
//! 삼성 OR 하이닉스           either
//! (삼성 OR 하이닉스) 반도체  grouping
//! title:이재용  title:"빅테크 CEO"   in the title
//! press:연합뉴스  reporter:이소연  category:경제   exact field values
//! ```
//!
//! `OR` binds weaker than the implicit AND; `-` applies to a word, phrase, field term or
//! group. A malformed query is an error that points at the problem: its message carries the
//! character column and a caret line.

use std::fmt;

/// A field a term may be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Title and body (and summary lines), the default.
    Text,
    Title,
    Body,
    Press,
    Reporter,
    Category,
}

impl Field {
    fn from_name(name: &str) -> Option<Field> {
        match name.to_ascii_lowercase().as_str() {
            "title" | "제목" => Some(Field::Title),
            "body" | "본문" => Some(Field::Body),
            "press" | "언론사" => Some(Field::Press),
            "reporter" | "기자" => Some(Field::Reporter),
            "category" | "section" | "분류" => Some(Field::Category),
            _ => None,
        }
    }

    /// Whether values of the field are matched exactly rather than analyzed.
    pub fn is_exact(self) -> bool {
        matches!(self, Field::Press | Field::Reporter | Field::Category)
    }
}

/// The syntax tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Word { field: Field, text: String },
    Phrase { field: Field, text: String },
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

/// A query that cannot be parsed: what is wrong and where (character column, 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub column: usize,
    pub query: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "bad query at column {}: {}", self.column + 1, self.message)
    }
}

impl std::error::Error for ParseError {}

impl ParseError {
    /// The query with a caret under the problem, for a terminal.
    pub fn pointer(&self) -> String {
        let width: usize =
            self.query.chars().take(self.column).map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1)).sum();
        format!("{}\n{}^", self.query, " ".repeat(width))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Word(String),
    Phrase(String),
    /// `field:` immediately followed by a word or phrase.
    FieldPrefix(String),
    Minus,
    Or,
    Open,
    Close,
}

fn lex(q: &str) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars: Vec<char> = q.chars().collect();
    let err = |message: &str, column: usize| ParseError { message: message.to_owned(), column, query: q.to_owned() };
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        match c {
            '(' => {
                out.push((Tok::Open, i));
                i += 1;
            }
            ')' => {
                out.push((Tok::Close, i));
                i += 1;
            }
            '"' | '“' | '”' => {
                let start = i;
                i += 1;
                let mut text = String::new();
                while i < chars.len() && !matches!(chars[i], '"' | '“' | '”') {
                    text.push(chars[i]);
                    i += 1;
                }
                if i == chars.len() {
                    return Err(err("this quote is never closed", start));
                }
                i += 1;
                if text.trim().is_empty() {
                    return Err(err("empty phrase", start));
                }
                out.push((Tok::Phrase(text), start));
            }
            // `-word` excludes; a dash on its own is punctuation.
            '-' if (i == 0 || chars[i - 1].is_whitespace() || chars[i - 1] == '(')
                && i + 1 < chars.len()
                && !chars[i + 1].is_whitespace() =>
            {
                out.push((Tok::Minus, i));
                i += 1;
            }
            _ => {
                let start = i;
                let mut text = String::new();
                while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
                {
                    text.push(chars[i]);
                    i += 1;
                    if chars[i - 1] == ':' {
                        break;
                    }
                }
                // `name:` is a field when the name is a word of letters (`title:`, `제목:`);
                // `3:` or `10:30` is just text.
                if let Some(name) = text.strip_suffix(':')
                    && !name.is_empty()
                    && name.chars().all(char::is_alphabetic)
                    && (name.is_ascii() || Field::from_name(name).is_some())
                {
                    if Field::from_name(name).is_none() {
                        return Err(err(
                            &format!("unknown field {name:?} (fields: title, body, press, reporter, category)"),
                            start,
                        ));
                    }
                    if i >= chars.len() || chars[i].is_whitespace() || chars[i] == ')' {
                        return Err(err(&format!("{name}: needs a word or a \"phrase\" right after it"), start));
                    }
                    out.push((Tok::FieldPrefix(name.to_owned()), start));
                    continue;
                }
                // Keep reading a word that merely contains a colon (e.g. "10:30").
                while i < chars.len() && !chars[i].is_whitespace() && !matches!(chars[i], '(' | ')' | '"' | '“' | '”')
                {
                    text.push(chars[i]);
                    i += 1;
                }
                out.push((if text == "OR" || text == "|" { Tok::Or } else { Tok::Word(text) }, start));
            }
        }
    }
    Ok(out)
}

struct Parser<'q> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    query: &'q str,
}

impl Parser<'_> {
    fn err(&self, message: &str, column: usize) -> ParseError {
        ParseError { message: message.to_owned(), column, query: self.query.to_owned() }
    }

    fn end_column(&self) -> usize {
        self.query.chars().count()
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.toks.get(self.pos).map_or_else(|| self.end_column(), |(_, c)| *c)
    }

    fn or_expr(&mut self) -> Result<Node, ParseError> {
        let mut alts = vec![self.and_expr()?];
        while self.peek() == Some(&Tok::Or) {
            let col = self.column();
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::Close | Tok::Or)) {
                return Err(self.err("OR needs something on both sides", col));
            }
            alts.push(self.and_expr()?);
        }
        Ok(if alts.len() == 1 { alts.remove(0) } else { Node::Or(alts) })
    }

    fn and_expr(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        while let Some(t) = self.peek() {
            if matches!(t, Tok::Or | Tok::Close) {
                break;
            }
            items.push(self.unary()?);
        }
        if items.is_empty() {
            let col = self.column();
            return Err(match self.peek() {
                Some(Tok::Or) => self.err("OR needs something on both sides", col),
                Some(Tok::Close) => self.err("this parenthesis closes nothing", col),
                _ => self.err("nothing to search for", col),
            });
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Node::And(items) })
    }

    fn unary(&mut self) -> Result<Node, ParseError> {
        if self.peek() == Some(&Tok::Minus) {
            let col = self.column();
            self.pos += 1;
            if matches!(self.peek(), None | Some(Tok::Or | Tok::Close | Tok::Minus)) {
                return Err(self.err("- needs a word, phrase or group after it", col));
            }
            return Ok(Node::Not(Box::new(self.primary()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, ParseError> {
        let col = self.column();
        let Some((tok, _)) = self.toks.get(self.pos).cloned() else {
            return Err(self.err("nothing to search for", col));
        };
        self.pos += 1;
        match tok {
            Tok::Word(text) => Ok(Node::Word { field: Field::Text, text }),
            Tok::Phrase(text) => Ok(Node::Phrase { field: Field::Text, text }),
            Tok::FieldPrefix(name) => {
                let field = Field::from_name(&name).unwrap_or(Field::Text);
                match self.toks.get(self.pos).cloned() {
                    Some((Tok::Word(text), _)) => {
                        self.pos += 1;
                        Ok(Node::Word { field, text })
                    }
                    Some((Tok::Phrase(text), _)) => {
                        self.pos += 1;
                        Ok(Node::Phrase { field, text })
                    }
                    _ => Err(self.err(&format!("{name}: needs a word or a \"phrase\" right after it"), col)),
                }
            }
            Tok::Open => {
                if self.peek() == Some(&Tok::Close) {
                    return Err(self.err("empty parentheses", col));
                }
                let inner = self.or_expr()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(self.err("this parenthesis is never closed", col));
                }
                self.pos += 1;
                Ok(inner)
            }
            Tok::Close => Err(self.err("this parenthesis closes nothing", col)),
            Tok::Or => Err(self.err("OR needs something on both sides", col)),
            Tok::Minus => Err(self.err("- needs a word, phrase or group after it", col)),
        }
    }
}

/// Parses a query.
pub fn parse(query: &str) -> Result<Node, ParseError> {
    let toks = lex(query)?;
    let mut p = Parser { toks, pos: 0, query };
    let node = p.or_expr()?;
    if p.pos < p.toks.len() {
        return Err(p.err("this parenthesis closes nothing", p.column()));
    }
    if only_negative(&node) {
        return Err(p.err("a query needs at least one word that is not excluded with -", 0));
    }
    Ok(node)
}

fn only_negative(n: &Node) -> bool {
    match n {
        Node::Not(_) => true,
        Node::And(items) => items.iter().all(only_negative),
        Node::Or(items) => items.iter().any(only_negative),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: &str) -> Node {
        Node::Word { field: Field::Text, text: t.into() }
    }

    #[test]
    fn words_phrases_fields_and_operators() {
        assert_eq!(parse("삼성전자 반도체").unwrap(), Node::And(vec![w("삼성전자"), w("반도체")]));
        assert_eq!(
            parse("\"광폭 행보\" -중국").unwrap(),
            Node::And(vec![
                Node::Phrase { field: Field::Text, text: "광폭 행보".into() },
                Node::Not(Box::new(w("중국")))
            ])
        );
        assert_eq!(
            parse("(삼성 OR 하이닉스) 반도체").unwrap(),
            Node::And(vec![Node::Or(vec![w("삼성"), w("하이닉스")]), w("반도체")])
        );
        assert_eq!(
            parse("title:이재용 press:연합뉴스 reporter:\"이소연\"").unwrap(),
            Node::And(vec![
                Node::Word { field: Field::Title, text: "이재용".into() },
                Node::Word { field: Field::Press, text: "연합뉴스".into() },
                Node::Phrase { field: Field::Reporter, text: "이소연".into() },
            ])
        );
        assert_eq!(parse("GPT-4o").unwrap(), w("GPT-4o"), "a hyphen inside a word is not exclusion");
        assert_eq!(parse("삼성 - 전자").unwrap(), Node::And(vec![w("삼성"), w("-"), w("전자")]), "a lone dash is text");
        assert_eq!(parse("10:30 회의").unwrap(), Node::And(vec![w("10:30"), w("회의")]));
        assert_eq!(parse("컨커 3: 타이베리움").unwrap(), Node::And(vec![w("컨커"), w("3:"), w("타이베리움")]));
        assert_eq!(parse("출처: 연합").unwrap(), Node::And(vec![w("출처:"), w("연합")]), "not a field name");
        assert_eq!(parse("a OR b c").unwrap(), Node::Or(vec![w("a"), Node::And(vec![w("b"), w("c")])]));
    }

    #[test]
    fn errors_point_at_the_problem() {
        for (q, col, what) in [
            ("\"삼성 전자", 0, "never closed"),
            ("삼성 (반도체", 3, "never closed"),
            ("삼성 )", 3, "closes nothing"),
            ("삼성 OR", 3, "both sides"),
            ("OR 삼성", 0, "both sides"),
            ("-삼성", 0, "at least one word"),
            ("writer:김", 0, "unknown field"),
            ("title: 삼성", 0, "right after it"),
            ("()", 0, "empty parentheses"),
            ("", 0, "nothing to search"),
        ] {
            let e = parse(q).expect_err(q);
            assert_eq!(e.column, col, "{q}: {e}");
            assert!(e.message.contains(what), "{q}: {e}");
        }
        let e = parse("삼성 (반도체").unwrap_err();
        assert_eq!(e.pointer(), "삼성 (반도체\n     ^");
    }
}
