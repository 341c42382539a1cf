//! The query language: a query string parsed into a syntax tree ([`Query`]).
//!
//! ```text
//! 삼성전자 반도체            both words (or at least one with --any)
//! "광폭 행보"  “광폭 행보”  ‘광폭 행보’   an exact phrase
//! -중국                      without this word
//! 삼성 OR 하이닉스           either
//! (삼성 OR 하이닉스) 반도체  grouping
//! title:이재용  title:"빅테크 CEO"   in the title
//! press:연합뉴스  reporter:이소연  category:경제   exact field values
//! ```
//!
//! `OR` binds weaker than the implicit AND; `-` applies to a word, phrase, field term or
//! group. Three [`Syntax`]es read a query:
//! - [`Syntax::Strict`] (report files, library callers): anything malformed is a
//!   [`ParseError`] that points at the problem (character column and a caret line);
//! - [`Syntax::Lenient`] (`gisa search`): what does not parse — a quote or bracket that pairs
//!   with nothing, a `word:` that is not a field, an `OR` or `-` with nothing to apply to — is
//!   read as plain text, and [`Query::literals`] says what was read so; pasted headlines
//!   (`인텔은 4일(현지시간) ‘슈팅스타(Shooting`, `Domination: 무엇인가`) always search;
//! - [`Syntax::Fixed`] (`gisa search -F`): every whitespace-separated word is a word, no
//!   operators at all (as `grep -F`).
//!
//! Groups nest at most [`MAX_DEPTH`] deep. The nesting is counted on the tokens, without
//! recursion, before any tree is built, so the recursive-descent parser below and every later
//! walk of a [`Query`]'s tree (analysis, compilation, an exporter) recurse a bounded number
//! of levels whatever the input: 20,000 nested parentheses are an error, not a stack overflow.

use std::fmt;
use std::ops::Range;

/// How deep groups (parentheses) may nest in a query.
pub const MAX_DEPTH: usize = 32;

/// How many levels the tree of a [`Query`] may have: each group adds at most an `OR`, an AND
/// and a `-` level to the leaf inside it.
pub const MAX_TREE_DEPTH: usize = 3 * (MAX_DEPTH + 1) + 1;

/// A field a term may be restricted to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The field a `name:` prefix names (English or Korean, any case), if any.
    pub fn from_name(name: &str) -> Option<Field> {
        match name.to_ascii_lowercase().as_str() {
            "title" | "제목" => Some(Field::Title),
            "body" | "본문" => Some(Field::Body),
            "press" | "언론사" => Some(Field::Press),
            "reporter" | "기자" => Some(Field::Reporter),
            "category" | "section" | "분류" => Some(Field::Category),
            _ => None,
        }
    }

    /// The field's name in the query language (`text` for the default field).
    pub fn name(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::Title => "title",
            Field::Body => "body",
            Field::Press => "press",
            Field::Reporter => "reporter",
            Field::Category => "category",
        }
    }

    /// Whether values of the field are matched exactly rather than analyzed.
    pub fn is_exact(self) -> bool {
        matches!(self, Field::Press | Field::Reporter | Field::Category)
    }
}

/// How a query string is read (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Syntax {
    /// The whole language; anything malformed is an error.
    #[default]
    Strict,
    /// The whole language; what does not parse is read as plain text.
    Lenient,
    /// Words only, no operators (`grep -F`).
    Fixed,
}

/// Whether a leaf is a single word or a quoted phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Word,
    Phrase,
}

/// A word or a phrase of a query, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Leaf {
    pub kind: Kind,
    pub field: Field,
    pub text: String,
}

impl Leaf {
    pub fn word(field: Field, text: impl Into<String>) -> Leaf {
        Leaf { kind: Kind::Word, field, text: text.into() }
    }

    pub fn phrase(field: Field, text: impl Into<String>) -> Leaf {
        Leaf { kind: Kind::Phrase, field, text: text.into() }
    }
}

/// A boolean tree over leaves: the parsed query (`Tree<Leaf>`), and the analyzed query the
/// compiler and exporters walk (`Tree<readings::Word>`, see [`super::readings`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tree<L> {
    Leaf(L),
    /// Without this (inside `And`/`Or`: an exclusion of the group).
    Not(Box<Tree<L>>),
    /// All of these (with `--any` at the top: at least one).
    And(Vec<Tree<L>>),
    /// At least one of these.
    Or(Vec<Tree<L>>),
}

/// The parsed query's tree.
pub type Node = Tree<Leaf>;

impl<L> Tree<L> {
    /// The leaves, left to right (without recursion).
    pub fn leaves(&self) -> Leaves<'_, L> {
        Leaves { stack: vec![self] }
    }

    /// Levels of the tree: 1 for a leaf (counted without recursion).
    pub fn depth(&self) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(self, 1)];
        while let Some((node, d)) = stack.pop() {
            deepest = deepest.max(d);
            match node {
                Tree::Leaf(_) => {}
                Tree::Not(inner) => stack.push((inner, d + 1)),
                Tree::And(items) | Tree::Or(items) => stack.extend(items.iter().map(|i| (i, d + 1))),
            }
        }
        deepest
    }

    /// The same tree with every leaf replaced by `f(leaf)`; `f` sees the leaves left to
    /// right (built without recursion).
    pub fn map<M>(&self, mut f: impl FnMut(&L) -> M) -> Tree<M> {
        enum Step<'t, L> {
            Enter(&'t Tree<L>),
            Not,
            And(usize),
            Or(usize),
        }
        let mut todo = vec![Step::Enter(self)];
        let mut built: Vec<Tree<M>> = Vec::new();
        while let Some(step) = todo.pop() {
            match step {
                Step::Enter(Tree::Leaf(l)) => built.push(Tree::Leaf(f(l))),
                Step::Enter(Tree::Not(inner)) => {
                    todo.push(Step::Not);
                    todo.push(Step::Enter(inner));
                }
                Step::Enter(Tree::And(items)) => {
                    todo.push(Step::And(items.len()));
                    todo.extend(items.iter().rev().map(Step::Enter));
                }
                Step::Enter(Tree::Or(items)) => {
                    todo.push(Step::Or(items.len()));
                    todo.extend(items.iter().rev().map(Step::Enter));
                }
                Step::Not => {
                    if let Some(inner) = built.pop() {
                        built.push(Tree::Not(Box::new(inner)));
                    }
                }
                Step::And(n) => {
                    let items = built.split_off(built.len().saturating_sub(n));
                    built.push(Tree::And(items));
                }
                Step::Or(n) => {
                    let items = built.split_off(built.len().saturating_sub(n));
                    built.push(Tree::Or(items));
                }
            }
        }
        // Every step pushed what it popped plus one: exactly the root is left.
        built.pop().unwrap_or_else(|| Tree::And(Vec::new()))
    }
}

/// Dropped without recursion too, so that even a tree built by code a million levels deep
/// (which [`Query::from_tree`] refuses) goes away safely.
impl<L> Drop for Tree<L> {
    fn drop(&mut self) {
        fn children<L>(node: &mut Tree<L>, out: &mut Vec<Tree<L>>) {
            match node {
                Tree::Leaf(_) => {}
                Tree::Not(inner) => out.push(std::mem::replace(&mut **inner, Tree::And(Vec::new()))),
                Tree::And(items) | Tree::Or(items) => out.append(items),
            }
        }
        let mut stack = Vec::new();
        children(self, &mut stack);
        while let Some(mut node) = stack.pop() {
            children(&mut node, &mut stack);
        }
    }
}

/// Iterator over the leaves of a tree, left to right.
pub struct Leaves<'t, L> {
    stack: Vec<&'t Tree<L>>,
}

impl<'t, L> Iterator for Leaves<'t, L> {
    type Item = &'t L;

    fn next(&mut self) -> Option<&'t L> {
        while let Some(node) = self.stack.pop() {
            match node {
                Tree::Leaf(l) => return Some(l),
                Tree::Not(inner) => self.stack.push(inner),
                Tree::And(items) | Tree::Or(items) => self.stack.extend(items.iter().rev()),
            }
        }
        None
    }
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

    /// The text at the problem (a dozen characters), to quote in a one-line message.
    pub fn near(&self) -> String {
        self.query.chars().skip(self.column).take(12).collect()
    }
}

/// Why a lenient reading took part of a query as plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    QuoteNeverClosed,
    EmptyPhrase,
    ParenNeverClosed,
    ParenClosesNothing,
    EmptyGroup,
    NotAField,
    FieldWithoutValue,
    LoneOr,
    LoneMinus,
    OnlyExclusions,
}

impl Why {
    fn explain(self) -> &'static str {
        match self {
            Why::QuoteNeverClosed => "never closed",
            Why::EmptyPhrase => "an empty phrase",
            Why::ParenNeverClosed => "never closed",
            Why::ParenClosesNothing => "closes nothing",
            Why::EmptyGroup => "an empty group",
            Why::NotAField => "not a field",
            Why::FieldWithoutValue => "no word right after it",
            Why::LoneOr => "nothing on one side",
            Why::LoneMinus => "nothing after it",
            Why::OnlyExclusions => "nothing left to search for without it",
        }
    }
}

/// Part of a query that a lenient reading took as plain text instead of syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Literal {
    /// Character column (0-based) in the query.
    pub column: usize,
    /// What was taken as text (`“`, `(`, `Domination:`, `OR`, …).
    pub text: String,
    pub why: Why,
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at column {} ({})", self.text, self.column + 1, self.why.explain())
    }
}

/// A parsed query: its text, how it was read, its tree, and what a lenient reading took as
/// text. Only [`Query::parse`] and [`Query::from_tree`] make one, so the tree of every
/// `Query` is at most [`MAX_DEPTH`] groups deep and has a word that is not excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    syntax: Syntax,
    tree: Node,
    literals: Vec<Literal>,
    spans: Vec<Range<usize>>,
}

impl Query {
    /// Parses `text` with `syntax`.
    pub fn parse(text: &str, syntax: Syntax) -> Result<Query, ParseError> {
        let (tree, literals, spans) = read(text, syntax)?;
        Ok(Query { text: text.to_owned(), syntax, tree, literals, spans })
    }

    /// A query from a tree built by code (an importer, a test), checked like a parsed one:
    /// at most [`MAX_TREE_DEPTH`] levels, and not only exclusions.
    pub fn from_tree(text: impl Into<String>, tree: Node) -> Result<Query, ParseError> {
        let text = text.into();
        let err = |message: String| ParseError { message, column: 0, query: text.clone() };
        let depth = tree.depth();
        if depth > MAX_TREE_DEPTH {
            return Err(err(format!("the query is nested {depth} levels deep; at most {MAX_TREE_DEPTH}")));
        }
        if tree.leaves().next().is_none() {
            return Err(err("nothing to search for".into()));
        }
        if only_negative(&tree) {
            return Err(err("a query needs at least one word that is not excluded with -".into()));
        }
        Ok(Query { text, syntax: Syntax::Strict, tree, literals: Vec::new(), spans: Vec::new() })
    }

    /// The query as typed.
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn syntax(&self) -> Syntax {
        self.syntax
    }

    pub fn tree(&self) -> &Node {
        &self.tree
    }

    /// Where each leaf's text stands in the query (character ranges, a phrase without its
    /// quotes), in the order of [`Tree::leaves`]; empty for a tree built by code.
    pub fn spans(&self) -> &[Range<usize>] {
        &self.spans
    }

    /// What a lenient reading took as plain text, in query order.
    pub fn literals(&self) -> &[Literal] {
        &self.literals
    }

    /// One line saying how a lenient reading read the query, when it took anything as text.
    pub fn reading_note(&self) -> Option<String> {
        if self.literals.is_empty() {
            return None;
        }
        const SHOWN: usize = 5;
        let mut parts: Vec<String> = self.literals.iter().take(SHOWN).map(Literal::to_string).collect();
        if self.literals.len() > SHOWN {
            parts.push(format!("and {} more", self.literals.len() - SHOWN));
        }
        Some(format!("read as plain text: {}", parts.join(", ")))
    }
}

/// Parses a query strictly (the syntax of report files): the tree, or what is wrong.
pub fn parse(query: &str) -> Result<Node, ParseError> {
    Query::parse(query, Syntax::Strict).map(|q| q.tree)
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

fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”')
}

/// Quote characters that may open a phrase. `’` only closes one (alone it is an apostrophe).
fn is_quote(c: char) -> bool {
    is_double_quote(c) || c == '‘'
}

/// The reading of a query's characters that is fixed before tokens are made: which quote
/// pairs with which, and which quote and bracket characters are plain text.
struct Chars {
    chars: Vec<char>,
    /// For an opening quote, the index of its closing quote.
    closes_at: Vec<Option<usize>>,
    /// Characters that are plain text whatever they are.
    literal: Vec<bool>,
}

impl Chars {
    fn is_syntax(&self, i: usize) -> bool {
        !self.literal[i] && (matches!(self.chars[i], '(' | ')') || self.closes_at[i].is_some())
    }
}

fn error(query: &str, message: impl Into<String>, column: usize) -> ParseError {
    ParseError { message: message.into(), column, query: query.to_owned() }
}

/// Pairs the quotes: `"`, `“` and `”` open and close double-quoted phrases (any of them
/// closes any), `‘` opens a phrase that `’` closes. A double quote that is never closed is
/// an error (or, lenient, text); an unclosed `‘` and a `’` that closes nothing are text in
/// every syntax (apostrophes: `don’t`). Linear: the next closing quote of each kind is known
/// from a scan from the right.
fn pair_quotes(q: &str, lenient: bool, literals: &mut Vec<Literal>) -> Result<Chars, ParseError> {
    let chars: Vec<char> = q.chars().collect();
    let n = chars.len();
    let mut next_double = vec![None; n + 1];
    let mut next_single = vec![None; n + 1];
    for i in (0..n).rev() {
        next_double[i] = if is_double_quote(chars[i]) { Some(i) } else { next_double[i + 1] };
        next_single[i] = if chars[i] == '’' { Some(i) } else { next_single[i + 1] };
    }
    let mut closes_at = vec![None; n];
    let mut literal = vec![false; n];
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if !is_quote(c) {
            // A lone `’` is an apostrophe (text); so are other characters.
            i += 1;
            continue;
        }
        let close = if c == '‘' { next_single[i + 1] } else { next_double[i + 1] };
        match close {
            Some(j) if chars[i + 1..j].iter().any(|c| !c.is_whitespace()) => {
                closes_at[i] = Some(j);
                i = j + 1;
            }
            Some(j) => {
                if !lenient && c != '‘' {
                    return Err(error(q, "empty phrase", i));
                }
                literal[i] = true;
                literal[j] = true;
                if lenient {
                    literals.push(Literal { column: i, text: chars[i..=j].iter().collect(), why: Why::EmptyPhrase });
                }
                i = j + 1;
            }
            None => {
                if !lenient && c != '‘' {
                    return Err(error(q, "this quote is never closed", i));
                }
                if lenient {
                    literals.push(Literal { column: i, text: c.to_string(), why: Why::QuoteNeverClosed });
                }
                literal[i] = true;
                i += 1;
            }
        }
    }
    Ok(Chars { chars, closes_at, literal })
}

/// Splits the characters into tokens. Lenient, a `name:` that is not a field or has no word
/// right after it is text (and noted).
fn lex(q: &str, cs: &Chars, lenient: bool, literals: &mut Vec<Literal>) -> Result<Vec<(Tok, usize)>, ParseError> {
    let chars = &cs.chars;
    let mut out: Vec<(Tok, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if cs.is_syntax(i) {
            match c {
                '(' => out.push((Tok::Open, i)),
                ')' => out.push((Tok::Close, i)),
                _ => {
                    let end = cs.closes_at[i].unwrap_or(i);
                    out.push((Tok::Phrase(chars[i + 1..end].iter().collect()), i));
                    i = end;
                }
            }
            i += 1;
            continue;
        }
        // `-word` excludes; a dash on its own is punctuation.
        if c == '-'
            && !cs.literal[i]
            && (i == 0 || chars[i - 1].is_whitespace() || (chars[i - 1] == '(' && !cs.literal[i - 1]))
            && i + 1 < chars.len()
            && !chars[i + 1].is_whitespace()
        {
            out.push((Tok::Minus, i));
            i += 1;
            continue;
        }
        let start = i;
        let mut text = String::new();
        // Right after `field:` the word is the value, whatever it holds (`title:press:x`).
        if matches!(out.last(), Some((Tok::FieldPrefix(_), _))) {
            while i < chars.len() && !chars[i].is_whitespace() && !cs.is_syntax(i) {
                text.push(chars[i]);
                i += 1;
            }
            out.push((Tok::Word(text), start));
            continue;
        }
        while i < chars.len() && !chars[i].is_whitespace() && !cs.is_syntax(i) {
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
            let followed = i < chars.len() && !chars[i].is_whitespace() && !(cs.is_syntax(i) && chars[i] == ')');
            let problem = if Field::from_name(name).is_none() {
                Some((
                    Why::NotAField,
                    format!("unknown field {name:?} (fields: title, body, press, reporter, category)"),
                ))
            } else if !followed || (lenient && cs.is_syntax(i) && chars[i] == '(') {
                Some((Why::FieldWithoutValue, format!("{name}: needs a word or a \"phrase\" right after it")))
            } else {
                None
            };
            match problem {
                None => {
                    out.push((Tok::FieldPrefix(name.to_owned()), start));
                    continue;
                }
                Some((_, message)) if !lenient => return Err(error(q, message, start)),
                Some((why, _)) => literals.push(Literal { column: start, text: text.clone(), why }),
            }
        }
        // Keep reading a word that merely contains a colon (e.g. "10:30").
        while i < chars.len() && !chars[i].is_whitespace() && !cs.is_syntax(i) {
            text.push(chars[i]);
            i += 1;
        }
        out.push((if text == "OR" || text == "|" { Tok::Or } else { Tok::Word(text) }, start));
    }
    Ok(out)
}

/// Brackets that pair with nothing, and empty groups: (character column, why).
fn unpaired_brackets(toks: &[(Tok, usize)]) -> Vec<(usize, Why)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new(); // token indices
    for (k, (t, col)) in toks.iter().enumerate() {
        match t {
            Tok::Open => open.push(k),
            Tok::Close => match open.pop() {
                Some(o) if o + 1 == k => {
                    out.push((toks[o].1, Why::EmptyGroup));
                    out.push((*col, Why::EmptyGroup));
                }
                Some(_) => {}
                None => out.push((*col, Why::ParenClosesNothing)),
            },
            _ => {}
        }
    }
    out.extend(open.into_iter().map(|o| (toks[o].1, Why::ParenNeverClosed)));
    out
}

/// The deepest nesting of groups, and the column of the first bracket beyond `MAX_DEPTH`.
fn too_deep(toks: &[(Tok, usize)]) -> Option<(usize, usize)> {
    let (mut depth, mut deepest, mut first_over) = (0usize, 0usize, None);
    for (t, col) in toks {
        match t {
            Tok::Open => {
                depth += 1;
                deepest = deepest.max(depth);
                if depth > MAX_DEPTH && first_over.is_none() {
                    first_over = Some(*col);
                }
            }
            Tok::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    first_over.map(|col| (deepest, col))
}

/// A query's tree, what was taken as text, and the leaves' spans.
type Read = (Node, Vec<Literal>, Vec<Range<usize>>);

/// The words of a query split at whitespace, with their character ranges.
fn words_of(q: &str) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (byte, char)
    for (ch, (byte, c)) in q.char_indices().chain(std::iter::once((q.len(), ' '))).enumerate() {
        match (c.is_whitespace(), start) {
            (true, Some((b, first))) => {
                out.push((&q[b..byte], first..ch));
                start = None;
            }
            (false, None) => start = Some((byte, ch)),
            _ => {}
        }
    }
    out
}

/// Reads a query: its tree, what was taken as text, and where its leaves stand.
fn read(q: &str, syntax: Syntax) -> Result<Read, ParseError> {
    if syntax == Syntax::Fixed {
        let (mut words, spans): (Vec<Node>, Vec<Range<usize>>) =
            words_of(q).into_iter().map(|(w, span)| (Tree::Leaf(Leaf::word(Field::Text, w)), span)).unzip();
        return match words.len() {
            0 => Err(error(q, "nothing to search for", 0)),
            1 => Ok((words.remove(0), Vec::new(), spans)),
            _ => Ok((Tree::And(words), Vec::new(), spans)),
        };
    }
    let lenient = syntax == Syntax::Lenient;
    let mut literals = Vec::new();
    let mut cs = pair_quotes(q, lenient, &mut literals)?;
    let mut lexed = Vec::new();
    let mut toks = lex(q, &cs, lenient, &mut lexed)?;
    if lenient {
        let unpaired = unpaired_brackets(&toks);
        if !unpaired.is_empty() {
            for &(col, why) in &unpaired {
                cs.literal[col] = true;
                literals.push(Literal { column: col, text: cs.chars[col].to_string(), why });
            }
            lexed.clear();
            toks = lex(q, &cs, lenient, &mut lexed)?;
        }
    }
    if let Some((deepest, col)) = too_deep(&toks) {
        return Err(error(q, format!("groups nested {deepest} deep; a query may nest them {MAX_DEPTH} deep"), col));
    }
    let mut p = Parser::new(toks, q, lenient);
    let mut node = p.or_expr()?;
    if p.pos < p.toks.len() {
        return Err(p.err("this parenthesis closes nothing", p.column()));
    }
    if only_negative(&node) {
        if !lenient {
            return Err(p.err("a query needs at least one word that is not excluded with -", 0));
        }
        // Only exclusions: the dashes are text (`-3도`), not operators.
        let minus: Vec<usize> = p.toks.iter().filter(|(t, _)| *t == Tok::Minus).map(|(_, c)| *c).collect();
        for col in minus {
            cs.literal[col] = true;
            literals.push(Literal { column: col, text: "-".into(), why: Why::OnlyExclusions });
        }
        lexed.clear();
        let toks = lex(q, &cs, lenient, &mut lexed)?;
        p = Parser::new(toks, q, lenient);
        node = p.or_expr()?;
    }
    literals.extend(lexed);
    literals.append(&mut p.literals);
    literals.sort_by_key(|l| l.column);
    Ok((node, literals, p.spans))
}

/// Recursive descent over the tokens. Its recursion is bounded: the tokens were checked to
/// nest at most [`MAX_DEPTH`] groups deep before it runs.
struct Parser<'q> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    query: &'q str,
    lenient: bool,
    literals: Vec<Literal>,
    /// The character range of each leaf made so far, in order.
    spans: Vec<Range<usize>>,
}

impl<'q> Parser<'q> {
    fn new(toks: Vec<(Tok, usize)>, query: &'q str, lenient: bool) -> Parser<'q> {
        Parser { toks, pos: 0, query, lenient, literals: Vec::new(), spans: Vec::new() }
    }

    /// A leaf whose text starts at character `start` of the query.
    fn leaf(&mut self, leaf: Leaf, start: usize) -> Node {
        self.spans.push(start..start + leaf.text.chars().count());
        Tree::Leaf(leaf)
    }

    fn err(&self, message: &str, column: usize) -> ParseError {
        error(self.query, message, column)
    }

    fn end_column(&self) -> usize {
        self.query.chars().count()
    }

    fn peek(&self) -> Option<&Tok> {
        self.peek_at(self.pos)
    }

    fn peek_at(&self, at: usize) -> Option<&Tok> {
        self.toks.get(at).map(|(t, _)| t)
    }

    fn column(&self) -> usize {
        self.toks.get(self.pos).map_or_else(|| self.end_column(), |(_, c)| *c)
    }

    /// Lenient: the operator here (`OR`, `|`, `-`) is read as a word (and noted).
    fn as_text(&mut self, why: Why) -> Node {
        let column = self.column();
        let text = match self.query.chars().nth(column) {
            Some('O') => "OR".to_owned(),
            c => c.map(String::from).unwrap_or_default(),
        };
        self.pos += 1;
        self.literals.push(Literal { column, text: text.clone(), why });
        self.leaf(Leaf::word(Field::Text, text), column)
    }

    /// Whether the `OR` here has something on both sides (`items_before`: whether its
    /// group has something before it).
    fn or_is_operator(&self, items_before: bool) -> bool {
        items_before && !matches!(self.peek_at(self.pos + 1), None | Some(Tok::Close | Tok::Or))
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
        Ok(if alts.len() == 1 { alts.remove(0) } else { Tree::Or(alts) })
    }

    fn and_expr(&mut self) -> Result<Node, ParseError> {
        let mut items = Vec::new();
        while let Some(t) = self.peek() {
            match t {
                Tok::Close => break,
                Tok::Or if !self.lenient || self.or_is_operator(!items.is_empty()) => break,
                Tok::Or => items.push(self.as_text(Why::LoneOr)),
                _ => items.push(self.unary()?),
            }
        }
        if items.is_empty() {
            let col = self.column();
            return Err(match self.peek() {
                Some(Tok::Or) => self.err("OR needs something on both sides", col),
                Some(Tok::Close) => self.err("this parenthesis closes nothing", col),
                _ => self.err("nothing to search for", col),
            });
        }
        Ok(if items.len() == 1 { items.remove(0) } else { Tree::And(items) })
    }

    fn unary(&mut self) -> Result<Node, ParseError> {
        if self.peek() == Some(&Tok::Minus) {
            let col = self.column();
            if matches!(self.peek_at(self.pos + 1), None | Some(Tok::Or | Tok::Close | Tok::Minus)) {
                if self.lenient {
                    return Ok(self.as_text(Why::LoneMinus));
                }
                return Err(self.err("- needs a word, phrase or group after it", col));
            }
            self.pos += 1;
            return Ok(Tree::Not(Box::new(self.primary()?)));
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
            Tok::Word(text) => Ok(self.leaf(Leaf::word(Field::Text, text), col)),
            Tok::Phrase(text) => Ok(self.leaf(Leaf::phrase(Field::Text, text), col + 1)),
            Tok::FieldPrefix(name) => {
                let field = Field::from_name(&name).unwrap_or(Field::Text);
                match self.toks.get(self.pos).cloned() {
                    Some((Tok::Word(text), at)) => {
                        self.pos += 1;
                        Ok(self.leaf(Leaf::word(field, text), at))
                    }
                    Some((Tok::Phrase(text), at)) => {
                        self.pos += 1;
                        Ok(self.leaf(Leaf::phrase(field, text), at + 1))
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

/// Whether a tree matches only by exclusion (recursion bounded by [`MAX_DEPTH`]).
fn only_negative<L>(n: &Tree<L>) -> bool {
    match n {
        Tree::Not(_) => true,
        Tree::And(items) => items.iter().all(only_negative),
        Tree::Or(items) => items.iter().any(only_negative),
        Tree::Leaf(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(t: &str) -> Node {
        Tree::Leaf(Leaf::word(Field::Text, t))
    }

    fn ph(t: &str) -> Node {
        Tree::Leaf(Leaf::phrase(Field::Text, t))
    }

    fn lenient(q: &str) -> Query {
        Query::parse(q, Syntax::Lenient).unwrap_or_else(|e| panic!("{q}: {e}"))
    }

    #[test]
    fn words_phrases_fields_and_operators() {
        assert_eq!(parse("삼성전자 반도체").unwrap(), Tree::And(vec![w("삼성전자"), w("반도체")]));
        assert_eq!(
            parse("\"광폭 행보\" -중국").unwrap(),
            Tree::And(vec![ph("광폭 행보"), Tree::Not(Box::new(w("중국")))])
        );
        assert_eq!(
            parse("(삼성 OR 하이닉스) 반도체").unwrap(),
            Tree::And(vec![Tree::Or(vec![w("삼성"), w("하이닉스")]), w("반도체")])
        );
        assert_eq!(
            parse("title:이재용 press:연합뉴스 reporter:\"이소연\"").unwrap(),
            Tree::And(vec![
                Tree::Leaf(Leaf::word(Field::Title, "이재용")),
                Tree::Leaf(Leaf::word(Field::Press, "연합뉴스")),
                Tree::Leaf(Leaf::phrase(Field::Reporter, "이소연")),
            ])
        );
        assert_eq!(parse("GPT-4o").unwrap(), w("GPT-4o"), "a hyphen inside a word is not exclusion");
        assert_eq!(parse("삼성 - 전자").unwrap(), Tree::And(vec![w("삼성"), w("-"), w("전자")]), "a lone dash is text");
        assert_eq!(parse("10:30 회의").unwrap(), Tree::And(vec![w("10:30"), w("회의")]));
        assert_eq!(parse("컨커 3: 타이베리움").unwrap(), Tree::And(vec![w("컨커"), w("3:"), w("타이베리움")]));
        assert_eq!(parse("출처: 연합").unwrap(), Tree::And(vec![w("출처:"), w("연합")]), "not a field name");
        assert_eq!(parse("a OR b c").unwrap(), Tree::Or(vec![w("a"), Tree::And(vec![w("b"), w("c")])]));
        assert_eq!(parse("a | b").unwrap(), Tree::Or(vec![w("a"), w("b")]));
        assert_eq!(parse("제목:삼성").unwrap(), Tree::Leaf(Leaf::word(Field::Title, "삼성")));
    }

    #[test]
    fn curly_quotes_are_phrase_quotes_when_balanced() {
        assert_eq!(parse("“광폭 행보”").unwrap(), ph("광폭 행보"));
        assert_eq!(parse("”광폭 행보“").unwrap(), ph("광폭 행보"), "any double quote closes any");
        assert_eq!(parse("‘광폭 행보’ 이재용").unwrap(), Tree::And(vec![ph("광폭 행보"), w("이재용")]));
        assert_eq!(
            parse("영화 ‘화차’에서").unwrap(),
            Tree::And(vec![w("영화"), ph("화차"), w("에서")]),
            "a phrase ends at its quote"
        );
        // A single quote that pairs with nothing is an apostrophe or a stray mark: text.
        assert_eq!(parse("don’t stop").unwrap(), Tree::And(vec![w("don’t"), w("stop")]));
        assert_eq!(parse("‘슈팅스타 인텔").unwrap(), Tree::And(vec![w("‘슈팅스타"), w("인텔")]));
        // Inside a double-quoted phrase single quotes are text, and the other way round.
        assert_eq!(parse("\"AI의 A는 ‘인공’\"").unwrap(), ph("AI의 A는 ‘인공’"));
        assert_eq!(parse("‘그는 \"예\"’").unwrap(), ph("그는 \"예\""));
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
            ("title:(a b)", 0, "right after it"),
            ("()", 0, "empty parentheses"),
            ("\"\" 삼성", 0, "empty phrase"),
            ("", 0, "nothing to search"),
            ("   ", 3, "nothing to search"),
            ("삼성 -)", 3, "- needs"),
        ] {
            let e = parse(q).expect_err(q);
            assert_eq!(e.column, col, "{q}: {e}");
            assert!(e.message.contains(what), "{q}: {e}");
        }
        let e = parse("삼성 (반도체").unwrap_err();
        assert_eq!(e.pointer(), "삼성 (반도체\n     ^");
        assert_eq!(e.near(), "(반도체");
    }

    #[test]
    fn deep_nesting_is_an_error_counted_without_recursion() {
        let ok = format!("{}삼성{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert_eq!(parse(&ok).unwrap(), w("삼성"));
        for syntax in [Syntax::Strict, Syntax::Lenient] {
            let deep = format!("{}삼성{}", "(".repeat(20_000), ")".repeat(20_000));
            let e = Query::parse(&deep, syntax).unwrap_err();
            assert!(e.message.contains("nested 20000 deep"), "{e}");
            assert_eq!(e.column, MAX_DEPTH);
            let negated = format!("삼성 {}전자{}", "-(".repeat(20_000), ")".repeat(20_000));
            assert!(Query::parse(&negated, syntax).unwrap_err().message.contains("nested"));
        }
        // Unclosed brackets pasted by the thousand are text when lenient, an error when strict.
        let open = "(".repeat(20_000) + "삼성";
        assert_eq!(lenient(&open).tree(), &w(&open));
        assert!(parse(&open).is_err());
        // A tree built by code is checked too, and walked without recursion.
        let mut t = w("a");
        for _ in 0..100_000 {
            t = Tree::And(vec![t]);
        }
        assert_eq!(t.depth(), 100_001);
        assert_eq!(t.leaves().count(), 1);
        let mapped = t.map(|l| l.text.len());
        assert_eq!(mapped.depth(), 100_001);
        assert!(Query::from_tree("a", t).unwrap_err().message.contains("levels deep"));
        drop(mapped);
    }

    #[test]
    fn lenient_reads_what_does_not_parse_as_text() {
        // The pasted headlines of the issue.
        let q = lenient("인텔은 4일(현지시간) ‘슈팅스타(Shooting");
        assert_eq!(
            q.tree(),
            &Tree::And(vec![w("인텔은"), w("4일"), w("현지시간"), w("‘슈팅스타(Shooting")]),
            "a quote or bracket that pairs with nothing is glued to its word"
        );
        assert_eq!(
            q.literals(),
            [
                Literal { column: 13, text: "‘".into(), why: Why::QuoteNeverClosed },
                Literal { column: 18, text: "(".into(), why: Why::ParenNeverClosed }
            ]
        );
        assert_eq!(
            q.reading_note().unwrap(),
            "read as plain text: ‘ at column 14 (never closed), ( at column 19 (never closed)"
        );
        let q = lenient("Domination: 무엇인가");
        assert_eq!(q.tree(), &Tree::And(vec![w("Domination:"), w("무엇인가")]));
        assert_eq!(q.literals()[0].why, Why::NotAField);
        let q = lenient("ESA 과학자들은 “좋은 징후가 아니다”라면서도");
        assert_eq!(q.tree(), &Tree::And(vec![w("ESA"), w("과학자들은"), ph("좋은 징후가 아니다"), w("라면서도")]));
        assert!(q.literals().is_empty() && q.reading_note().is_none(), "balanced quotes are phrases");
        let q = lenient("박 씨는 “수감돼 있던 어느");
        assert_eq!(q.tree(), &Tree::And(vec![w("박"), w("씨는"), w("“수감돼"), w("있던"), w("어느")]));
        assert_eq!(q.literals(), [Literal { column: 5, text: "“".into(), why: Why::QuoteNeverClosed }]);

        for (q, tree, why) in [
            (
                "동학의 불한당들.)로 보고한",
                Tree::And(vec![w("동학의"), w("불한당들.)로"), w("보고한")]),
                Some(Why::ParenClosesNothing),
            ),
            ("삼성 OR", Tree::And(vec![w("삼성"), w("OR")]), Some(Why::LoneOr)),
            ("OR 삼성", Tree::And(vec![w("OR"), w("삼성")]), Some(Why::LoneOr)),
            ("삼성 | | 전자", Tree::Or(vec![Tree::And(vec![w("삼성"), w("|")]), w("전자")]), Some(Why::LoneOr)),
            ("삼성 () 전자", Tree::And(vec![w("삼성"), w("()"), w("전자")]), Some(Why::EmptyGroup)),
            (
                "https://news.example.com 속보",
                Tree::And(vec![w("https://news.example.com"), w("속보")]),
                Some(Why::NotAField),
            ),
            ("title: 삼성", Tree::And(vec![w("title:"), w("삼성")]), Some(Why::FieldWithoutValue)),
            (
                "title:(a b)",
                Tree::And(vec![w("title:"), Tree::And(vec![w("a"), w("b")])]),
                Some(Why::FieldWithoutValue),
            ),
            ("-3도 한파", Tree::And(vec![Tree::Not(Box::new(w("3도"))), w("한파")]), None),
            ("-삼성", w("-삼성"), Some(Why::OnlyExclusions)),
            ("\"\" 삼성", Tree::And(vec![w("\"\""), w("삼성")]), Some(Why::EmptyPhrase)),
            ("(삼성 -)", Tree::And(vec![w("삼성"), w("-")]), Some(Why::LoneMinus)),
            ("don’t stop", Tree::And(vec![w("don’t"), w("stop")]), None),
        ] {
            let parsed = lenient(q);
            assert_eq!(parsed.tree(), &tree, "{q}");
            assert_eq!(parsed.literals().first().map(|l| l.why), why, "{q}: {:?}", parsed.literals());
        }
        // Right after a field, the word is its value: OR, another field name (found by
        // fuzzing: `title:press:…` was refused even leniently).
        assert_eq!(parse("title:OR").unwrap(), Tree::Leaf(Leaf::word(Field::Title, "OR")));
        assert_eq!(parse("title:press:연합").unwrap(), Tree::Leaf(Leaf::word(Field::Title, "press:연합")));
        // A note lists five things at most.
        let many = lenient(&"(".repeat(20));
        assert!(many.reading_note().unwrap().ends_with("and 15 more"), "{:?}", many.reading_note());
        // Valid syntax reads the same in both.
        for q in ["삼성전자 반도체", "(퀄컴 OR 쪽방촌) 폭염", "반도체 -HBM", "title:이재용 \"광폭 행보\"", "a OR b c"]
        {
            assert_eq!(lenient(q).tree(), &parse(q).unwrap(), "{q}");
            assert!(lenient(q).literals().is_empty());
        }
        // Still errors: nothing to search for.
        assert!(Query::parse("  ", Syntax::Lenient).is_err());
    }

    #[test]
    fn fixed_strings_are_words_only() {
        let q = Query::parse("(삼성 OR \"전자 -반도체 title:x", Syntax::Fixed).unwrap();
        assert_eq!(
            q.tree(),
            &Tree::And(vec![w("(삼성"), w("OR"), w("\"전자"), w("-반도체"), w("title:x")]),
            "no operators, quotes, groups or fields"
        );
        assert_eq!(Query::parse("-삼성", Syntax::Fixed).unwrap().tree(), &w("-삼성"));
        assert!(Query::parse(" ", Syntax::Fixed).is_err());
    }

    #[test]
    fn spans_locate_every_leaf_in_the_query() {
        for (q, syntax) in [
            ("a (b OR -c) title:d \"e f\" ‘g’h", Syntax::Strict),
            ("인텔은 4일(현지시간) ‘슈팅스타(Shooting", Syntax::Lenient),
            ("삼성 OR", Syntax::Lenient),
            ("  (삼성  OR \"전자", Syntax::Fixed),
        ] {
            let parsed = Query::parse(q, syntax).unwrap();
            let chars: Vec<char> = q.chars().collect();
            let texts: Vec<String> = parsed.spans().iter().map(|r| chars[r.clone()].iter().collect()).collect();
            let leaves: Vec<String> = parsed.tree().leaves().map(|l| l.text.clone()).collect();
            assert_eq!(texts, leaves, "{q}");
        }
    }

    #[test]
    fn trees_map_in_order() {
        let t = parse("a (b OR -c) title:d").unwrap();
        let texts: Vec<&str> = t.leaves().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, ["a", "b", "c", "d"]);
        let mut seen = Vec::new();
        let m = t.map(|l| {
            seen.push(l.text.clone());
            l.text.len()
        });
        assert_eq!(seen, ["a", "b", "c", "d"]);
        assert_eq!(
            m,
            Tree::And(vec![
                Tree::Leaf(1),
                Tree::Or(vec![Tree::Leaf(1), Tree::Not(Box::new(Tree::Leaf(1)))]),
                Tree::Leaf(1)
            ])
        );
        assert_eq!(t.depth(), 4);
    }
}
