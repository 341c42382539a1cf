//! Fuzz target: a query string through the whole searcher — parsed in every syntax,
//! validated, analyzed with the installed Korean dictionary, compiled, run on a small
//! in-memory index, its matches highlighted and cut into fragments. Nothing may panic or
//! overflow the stack, and the parser's promises must hold:
//! - strict: an error has one line and a column inside the query;
//! - lenient: only an empty, too deep, too long or too wordy query is an error, and a query
//!   strict accepts reads the same;
//! - fixed: only a query without words is an error;
//! - every leaf's span slices its text out of the query; trees stay within their depth.

#![no_main]

use std::sync::OnceLock;

use gisa::analysis::Analyzer;
use gisa::index::schema::{self, Fields};
use gisa::search::query::{MAX_TREE_DEPTH, Syntax};
use gisa::search::{Limits, compile, readings, snippet, validate};
use libfuzzer_sys::fuzz_target;
use tantivy::collector::{Count, TopDocs};
use tantivy::{Index, Searcher, TantivyDocument};

const DOCS: &[(&str, &str)] = &[
    ("삼성전자 반도체 호황", "삼성전자의 반도체 시장 점유율이 올랐다. 이재용 회장은 퀄컴과 만났다."),
    ("“선풍기 하나로” 폭염 속 쪽방촌", "폭염이 이어지며 쪽방촌 주민들이 ‘찜통더위’를 버텼다. GPT-4o 10:30 AI."),
    ("Domination: 무엇인가", "인텔은 4일(현지시간) ‘슈팅스타(Shooting Star)’ 드론을 선보였다."),
];

struct Fixture {
    analyzer: Analyzer,
    fields: Fields,
    searcher: Searcher,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let analyzer = Analyzer::open_default(None).expect("the Korean dictionary: run `gisa dict install`");
        let (schema, fields) = schema::build();
        let index = Index::create_in_ram(schema);
        gisa::index::register_analyzer(&index, &analyzer);
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for (title, body) in DOCS {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.title, title);
            doc.add_text(fields.body, body);
            doc.add_text(fields.text, format!("{title}\n{body}"));
            doc.add_text(fields.press, "연합뉴스");
            w.add_document(doc).expect("add");
        }
        w.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        Fixture { analyzer, fields, searcher }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let f = fixture();
    let chars: Vec<char> = text.chars().collect();
    let strict = validate::query(text, Syntax::Strict, &Limits::DEFAULT);
    for syntax in [Syntax::Strict, Syntax::Lenient, Syntax::Fixed] {
        let q = match validate::query(text, syntax, &Limits::DEFAULT) {
            Ok(q) => q,
            Err(e) => {
                assert!(!e.message.contains('\n'), "{e:?}");
                let allowed = ["nothing to search for", "nested", "characters; a query", "words and phrases"];
                if syntax != Syntax::Strict {
                    assert!(allowed.iter().any(|a| e.message.contains(a)), "{syntax:?} refused {text:?}: {e}");
                }
                continue;
            }
        };
        assert!(q.tree().depth() <= MAX_TREE_DEPTH);
        let leaves: Vec<String> = q.tree().leaves().map(|l| l.text.clone()).collect();
        let spanned: Vec<String> = q.spans().iter().map(|r| chars[r.clone()].iter().collect()).collect();
        assert_eq!(leaves, spanned, "spans of {text:?}");
        if syntax == Syntax::Lenient
            && let Ok(s) = &strict
        {
            assert_eq!(s.tree(), q.tree(), "lenient reads valid syntax as strict does: {text:?}");
        }
        let _ = q.reading_note();
        let analyzed = readings::analyze(&f.analyzer, &q);
        for any in [false, true] {
            let c = compile::compile(&f.fields, &analyzed, any);
            let (top, _n) = f.searcher.search(&c.query, &(TopDocs::with_limit(3).order_by_score(), Count)).expect("search");
            for (title, body) in DOCS.iter().take(top.len().max(1)) {
                let _ = snippet::highlight(&f.analyzer, title, &c.title_matchers);
                let hl = snippet::highlight(&f.analyzer, body, &c.body_matchers);
                let _ = snippet::fragments(body, &hl, 3);
            }
        }
    }
});
