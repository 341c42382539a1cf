//! The readings of a query's words: the parsed tree analyzed with the index's analyzer.
//!
//! Every analyzed word and phrase of a [`Query`] gets its *readings* — the terms the index
//! would hold for it, grouped into [`Unit`]s — attached to its leaf, so the compiler (and an
//! exporter to another engine's query language) walks one tree that holds everything: the
//! operators as typed and, at each leaf, what it searches for.
//!
//! The words are analyzed together, as the sentence the user typed (MeCab segments a word
//! differently alone and in context: `정성공의` alone is 정성+공의, in `정성공의 아버지는` it
//! is 정성공+의), and each word takes the terms that fall inside it. MeCab also reads a word
//! by what follows it, and a query's last word stands where a sentence ends while in an
//! article it is followed by more text (`김경준의`: 김경+준의 at the end, 김경준+의 inside a
//! sentence), so the sentence is analyzed a second time followed by [`CONTINUATION`]; a word
//! whose two readings differ keeps both.

use super::query::{Field, Kind, Leaf, Query, Tree};
use crate::analysis::{Analyzer, Role, Term};

/// What the query sentence is analyzed again with, after it: a continuation that makes
/// the last word read as it does inside a sentence of an article rather than at the end of
/// one. Measured on 37,060 word occurrences of the shared kit's news text, the reading alone
/// reproduces a word's terms in context for 92.0% of them, this continuation for 96.0%, and
/// the two together for 97.3% (`scripts/query_readings.py`).
pub const CONTINUATION: &str = " 하고";

/// One search unit of a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A term. `minor`: a bound noun, the copula or an auxiliary (`김을동씨` → 씨, `3개` → 개,
    /// `누구인가` → 이), which carries little on its own inside a longer word.
    Term { text: String, minor: bool },
    /// A compound noun: its whole term and its parts in order.
    Compound { whole: String, parts: Vec<String> },
}

impl Unit {
    /// The unit's terms in text order (a compound by its parts).
    pub fn sequence(&self) -> &[String] {
        match self {
            Unit::Term { text, .. } => std::slice::from_ref(text),
            Unit::Compound { parts, .. } => parts,
        }
    }
}

/// One reading of a word: its units in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reading {
    pub units: Vec<Unit>,
    /// What must stand together (without `--any`): for each run of pieces the word holds
    /// (`딥시크` = 딥 + 시크, see `analysis::filters::runs`), its whole term — as a
    /// [`Unit::Compound`] whose parts are the pieces as a phrase when they spell the whole,
    /// with no parts when a piece was dropped (`어도어`: 어 is a stop tag, so only the whole
    /// term stands for it).
    pub together: Vec<Unit>,
}

impl Reading {
    /// The terms of the reading in text order (compounds by their parts): what a phrase of
    /// the word is made of.
    pub fn sequence(&self) -> Vec<String> {
        self.units.iter().flat_map(|u| u.sequence().iter().cloned()).collect()
    }
}

/// A leaf of the analyzed tree: the word or phrase as typed and its readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub leaf: Leaf,
    /// The readings that hold a term (one, or two when the word reads differently inside a
    /// sentence). Empty for an exact field (`press:`, `reporter:`, `category:`, matched as
    /// typed) and for a word with no indexed term (a lone particle, punctuation).
    pub readings: Vec<Reading>,
}

impl Word {
    /// Whether the word is analyzed (not an exact field value).
    pub fn is_analyzed(&self) -> bool {
        !self.leaf.field.is_exact()
    }

    /// Whether the word is left out of the search: analyzed, but with no indexed term.
    pub fn is_ignored(&self) -> bool {
        self.is_analyzed() && self.readings.is_empty()
    }
}

/// A query with the readings of its words: what the compiler compiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analyzed {
    query: Query,
    tree: Tree<Word>,
}

impl Analyzed {
    /// The query it was made from.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The tree: the query's operators, and its words with their readings. As deep as the
    /// query's tree (at most [`super::query::MAX_TREE_DEPTH`] levels).
    pub fn tree(&self) -> &Tree<Word> {
        &self.tree
    }

    /// The words left out because they hold no indexed term, in query order.
    pub fn ignored(&self) -> Vec<String> {
        self.tree.leaves().filter(|w| w.is_ignored()).map(|w| w.leaf.text.clone()).collect()
    }
}

/// Analyzes the words of `query` (see the module documentation).
pub fn analyze(analyzer: &Analyzer, query: &Query) -> Analyzed {
    let texts: Vec<&str> = query.tree().leaves().filter(|l| !l.field.is_exact()).map(|l| l.text.as_str()).collect();
    let mut readings = analyze_words(analyzer, &texts).into_iter();
    let tree = query.tree().map(|leaf| {
        let readings = if leaf.field.is_exact() {
            Vec::new()
        } else {
            readings
                .next()
                .unwrap_or_default()
                .iter()
                .map(|terms| Reading { units: units(terms), together: together(terms) })
                .filter(|r| !r.units.is_empty())
                .collect()
        };
        Word { leaf: leaf.clone(), readings }
    });
    Analyzed { query: query.clone(), tree }
}

/// Analyzes the words together as one sentence, separated by spaces (quotes, brackets and
/// operators are not part of it), and hands each word the terms inside it: the terms of the
/// sentence as typed and, when they differ, those of the sentence followed by
/// [`CONTINUATION`] (positions relative to the word).
fn analyze_words(analyzer: &Analyzer, texts: &[&str]) -> Vec<Vec<Vec<Term>>> {
    let mut sentence = String::new();
    let mut spans = Vec::with_capacity(texts.len());
    for t in texts {
        if !sentence.is_empty() {
            sentence.push(' ');
        }
        let start = sentence.len();
        sentence.push_str(t);
        spans.push((start, sentence.len()));
    }
    let typed = analyzer.analyze(&sentence);
    let continued = if sentence.is_empty() { Vec::new() } else { analyzer.analyze(&(sentence.clone() + CONTINUATION)) };
    let within = |terms: &[Term], s: usize, e: usize| {
        let mut mine: Vec<Term> = terms.iter().filter(|t| t.start >= s && t.end <= e).cloned().collect();
        if let Some(first) = mine.first().map(|t| t.position) {
            for t in &mut mine {
                t.position -= first;
            }
        }
        mine
    };
    let same = |a: &[Term], b: &[Term]| {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| x.text == y.text && x.role == y.role && x.position == y.position)
    };
    spans
        .iter()
        .map(|&(s, e)| {
            let a = within(&typed, s, e);
            let b = within(&continued, s, e);
            if same(&a, &b) { vec![a] } else { vec![a, b] }
        })
        .collect()
}

/// Tags of terms that carry little on their own inside a longer word: bound nouns, the
/// copula and auxiliaries.
fn is_minor(pos: &str) -> bool {
    matches!(pos, "NNB" | "NNBC" | "VCP" | "VCN" | "VX")
}

/// Groups a word's terms into units: compounds with their parts, other terms alone.
fn units(terms: &[Term]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut i = 0;
    while i < terms.len() {
        let t = &terms[i];
        if t.role == Role::Joined {
            // Its pieces are units of their own; the whole is in `Reading::together`.
            i += 1;
        } else if t.role == Role::Compound {
            let end = t.position + t.position_length;
            let mut parts = Vec::new();
            let mut j = i + 1;
            while j < terms.len() && terms[j].role == Role::Part && terms[j].position < end {
                parts.push(terms[j].text.clone());
                j += 1;
            }
            units.push(if parts.len() > 1 {
                Unit::Compound { whole: t.text.clone(), parts }
            } else {
                Unit::Term { text: t.text.clone(), minor: false }
            });
            i = j;
        } else {
            units.push(Unit::Term { text: t.text.clone(), minor: is_minor(&t.pos) });
            i += 1;
        }
    }
    units
}

/// The runs of pieces among a word's terms (see [`Reading::together`]).
fn together(terms: &[Term]) -> Vec<Unit> {
    let mut out = Vec::new();
    for (i, t) in terms.iter().enumerate() {
        if t.role != Role::Joined {
            continue;
        }
        let end = t.position + t.position_length;
        let parts: Vec<String> = terms[i + 1..]
            .iter()
            .take_while(|p| p.position < end)
            .filter(|p| p.role != Role::Compound && p.role != Role::Joined)
            .map(|p| p.text.clone())
            .collect();
        let spelled = parts.len() > 1 && parts.concat() == t.text;
        out.push(Unit::Compound { whole: t.text.clone(), parts: if spelled { parts } else { Vec::new() } });
    }
    out
}

/// Whether a leaf is a plain word of the default field (the words the proximity boost
/// pairs).
pub fn is_plain_word(leaf: &Leaf) -> bool {
    leaf.kind == Kind::Word && leaf.field == Field::Text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::Syntax;

    fn analyzer() -> Analyzer {
        Analyzer::open_default(None).expect("the Korean dictionary (`make test` installs it)")
    }

    fn words(q: &str) -> Vec<Word> {
        let query = Query::parse(q, Syntax::Strict).unwrap();
        analyze(&analyzer(), &query).tree().leaves().cloned().collect()
    }

    fn term(t: &str) -> Unit {
        Unit::Term { text: t.into(), minor: false }
    }

    #[test]
    fn particles_and_endings_leave_the_stem() {
        let w = words("서울은 만났습니다");
        assert_eq!(w[0].readings, [Reading { units: vec![term("서울")], ..Default::default() }]);
        assert_eq!(w[1].readings[0].units, [term("만나")]);
    }

    #[test]
    fn a_compound_is_one_unit_with_its_parts() {
        let w = words("삼성전자의 반도체");
        assert_eq!(
            w[0].readings,
            [Reading {
                units: vec![Unit::Compound {
                    whole: "삼성전자".into(), parts: vec!["삼성".into(), "전자".into()]
                }],
                together: Vec::new(),
            }]
        );
        assert_eq!(w[0].readings[0].sequence(), ["삼성", "전자"]);
        assert_eq!(
            w[1].readings[0].units,
            [Unit::Compound { whole: "반도체".into(), parts: vec!["반".into(), "도체".into()] }]
        );
    }

    #[test]
    fn a_word_of_several_terms_marks_its_minor_ones() {
        let w = words("김을동씨가");
        let units = &w[0].readings[0].units;
        assert!(units.len() >= 2, "{units:?}");
        assert_eq!(units.last(), Some(&Unit::Term { text: "씨".into(), minor: true }), "{units:?}");
    }

    #[test]
    fn the_last_word_also_reads_as_inside_a_sentence() {
        let w = words("김경준의");
        assert_eq!(w[0].readings.len(), 2, "{:?}", w[0].readings);
        assert!(w[0].readings.iter().any(|r| r.units == [term("김경준")]), "{:?}", w[0].readings);
        // Inside a sentence the word reads one way only.
        let w = words("김경준의 아버지는");
        assert_eq!(w[0].readings, [Reading { units: vec![term("김경준")], ..Default::default() }]);
    }

    #[test]
    fn exact_fields_and_particles_have_no_readings() {
        let query = Query::parse("press:연합뉴스 그리고 삼성 -그러나", Syntax::Strict).unwrap();
        let a = analyze(&analyzer(), &query);
        let w: Vec<&Word> = a.tree().leaves().collect();
        assert!(w[0].readings.is_empty() && !w[0].is_ignored(), "exact, not ignored");
        assert!(w[1].is_ignored() && w[3].is_ignored());
        assert_eq!(a.ignored(), ["그리고", "그러나"]);
        assert_eq!(w[2].readings[0].units, [term("삼성")]);
    }

    #[test]
    fn pieces_of_a_newer_word_must_stand_together() {
        // 딥시크 is 딥 + 시크 to mecab-ko-dic: both are units, and the whole must stand.
        let w = words("딥시크가 공개한");
        let r = &w[0].readings[0];
        assert_eq!(r.units, [term("딥"), term("시크")]);
        assert_eq!(r.together, [Unit::Compound { whole: "딥시크".into(), parts: vec!["딥".into(), "시크".into()] }]);
        // 어도어: the interjection 어 is a stop tag, so 도어 alone does not spell it.
        let w = words("하이브와 어도어의 분쟁");
        assert_eq!(w[1].readings[0].units, [term("도어")]);
        assert_eq!(w[1].readings[0].together, [Unit::Compound { whole: "어도어".into(), parts: Vec::new() }]);
        // A word the dictionary knows needs nothing more.
        for q in ["삼성전자의 반도체", "서울은", "도어 결함"] {
            assert!(words(q).iter().all(|w| w.readings.iter().all(|r| r.together.is_empty())), "{q}");
        }
    }

    #[test]
    fn phrases_read_in_the_sentence_like_words() {
        let w = words("\"광폭 행보\" 이재용");
        assert_eq!(w[0].leaf.kind, Kind::Phrase);
        assert_eq!(w[0].readings[0].sequence(), ["광폭", "행보"]);
    }
}
