//! Highlights from the index: the positions in the postings and the offsets table stored with
//! each article must locate every term exactly where analyzing the article's text puts it,
//! and an incremental run and a user-dictionary re-analysis must keep the tables right.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{dict, gisa, repo};
use gisa::index::GisaIndex;
use gisa::index::offsets::Offsets;
use gisa::index::schema::{from_document, full_text};
use gisa::search::positions;
use tantivy::schema::Value;
use tantivy::{DocAddress, TantivyDocument};

fn index(source: &Path, index: &Path) {
    index_with(source, index, &[]);
}

/// `gisa index` with more options.
fn index_with(source: &Path, index: &Path, options: &[&std::ffi::OsStr]) {
    let out = gisa().arg("--index").arg(index).args(["index", "--quiet"]).args(options).arg(source).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// A scratch folder holding a copy of the demo corpus, and where the copy is.
fn corpus_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    common::corpus::copy_dir(&repo().join("corpus"), &source);
    (dir, source)
}

/// For every article of the index at `dir`: every term the analysis of its text yields is
/// found by the postings at the same positions, and the table gives each the same range.
/// Returns how many term occurrences were compared.
fn check_every_term(dir: &Path) -> usize {
    let ix = GisaIndex::open(dir, dict()).unwrap();
    let searcher = ix.index.reader().unwrap().searcher();
    let offsets_field = ix.fields.offsets.expect("a new index keeps offsets");
    let mut compared = 0;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc_id in segment.doc_ids_alive() {
            let addr = DocAddress::new(ord as u32, doc_id);
            let doc: TantivyDocument = searcher.doc(addr).unwrap();
            let article = from_document(&ix.fields, &doc);
            let text = full_text(&article.title, &article.subtitles, &article.body);
            let table = Offsets::decode(doc.get_first(offsets_field).and_then(|v| v.as_bytes()).unwrap()).unwrap();
            // What analysis says: (term, position, character range).
            let mut expected = BTreeSet::new();
            ix.analyzer.for_each_indexed_term(&text, |term, start, end, position, _, _, _| {
                let s = text[..start].chars().count();
                expected.insert((term.to_owned(), position, s, s + text[start..end].chars().count()));
            });
            assert_eq!(table.len(), expected.len(), "{}: one table entry a token", article.path);
            let terms: Vec<&str> = {
                let mut t: Vec<&str> = expected.iter().map(|(t, ..)| t.as_str()).collect();
                t.sort_unstable();
                t.dedup();
                t
            };
            let found = positions::of_hits(&searcher, ix.fields.text, &terms, &[addr]).unwrap();
            let got: BTreeSet<(String, u32, usize, usize)> = found[0]
                .iter()
                .map(|&(t, p)| {
                    let (s, e) = table.range(p, terms[t]).unwrap_or_else(|| panic!("{} at {p}: no range", terms[t]));
                    (terms[t].to_owned(), p, s, e)
                })
                .collect();
            assert_eq!(got, expected, "{}", article.path);
            compared += expected.len();
        }
    }
    compared
}

#[test]
fn the_index_locates_every_term_where_analysis_puts_it() {
    let dir = tempfile::tempdir().unwrap();
    for (name, source) in [("corpus", repo().join("corpus")), ("saved", repo().join("tests/fixtures/saved"))] {
        let ix = dir.path().join(name);
        index(&source, &ix);
        let compared = check_every_term(&ix);
        assert!(compared > 800, "{name}: {compared} term occurrences");
    }
}

#[test]
fn tables_stay_right_through_changes_and_a_new_user_dictionary() {
    let (dir, source) = corpus_copy();
    let ix = dir.path().join("ix");
    index(&source, &ix);
    // An edited file and a new one: new documents, merged segments.
    let txt = source.join("added.txt");
    std::fs::write(&txt, "제목: 챗지피티가 만든 반도체\n\n오픈에이아이의 챗지피티가 삼성전자 반도체를 만났다.\n")
        .unwrap();
    index(&source, &ix);
    check_every_term(&ix);
    // A user dictionary word: the articles holding it are analyzed again, with new tables.
    let user = dir.path().join("user.csv");
    std::fs::write(&user, "챗지피티,NNP\n").unwrap();
    index_with(&source, &ix, &["--user-dict".as_ref(), user.as_os_str()]);
    assert!(check_every_term(&ix) > 1000);
    let hits = gisa().arg("--index").arg(&ix).args(["search", "챗지피티", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&hits.stdout).unwrap();
    let hit = &v["hits"][0];
    let snippet = &hit["snippets"][0];
    let (s, e) = (
        snippet["highlights"][0][0].as_u64().unwrap() as usize,
        snippet["highlights"][0][1].as_u64().unwrap() as usize,
    );
    let shown: String = snippet["text"].as_str().unwrap().chars().skip(s).take(e - s).collect();
    assert_eq!(shown, "챗지피티", "{hit}");
}

/// The index in `tests/fixtures/index-without-offsets` was made from `corpus/` by the gisa
/// before offsets tables (schema 2 without the `offsets` field): a user's existing index.
#[test]
fn an_index_made_before_the_tables_is_highlighted_by_analysis_and_grows_without_them() {
    let (dir, source) = corpus_copy();
    let old = dir.path().join("old");
    common::corpus::copy_dir(&repo().join("tests/fixtures/index-without-offsets"), &old);
    // It indexed this copy of the folder.
    let meta_path = old.join("gisa.json");
    let mut meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&meta_path).unwrap()).unwrap();
    meta["source"] = serde_json::Value::String(std::fs::canonicalize(&source).unwrap().to_string_lossy().into_owned());
    std::fs::write(&meta_path, serde_json::to_string_pretty(&meta).unwrap()).unwrap();
    let new = dir.path().join("new");
    index(&source, &new);
    assert!(GisaIndex::open(&old, dict()).unwrap().fields.offsets.is_none());

    let search = |ix: &Path, q: &str| -> serde_json::Value {
        let out =
            gisa().arg("--index").arg(ix).args(["search", q, "--format", "json", "--limit", "20"]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let shown = |v: &serde_json::Value| -> Vec<(String, Vec<String>, Vec<String>)> {
        let mut hits: Vec<_> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                let pick = |text: &str, ranges: &serde_json::Value| -> Vec<String> {
                    ranges
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|r| {
                            let (s, e) = (r[0].as_u64().unwrap() as usize, r[1].as_u64().unwrap() as usize);
                            text.chars().skip(s).take(e - s).collect()
                        })
                        .collect()
                };
                let title = pick(h["title"].as_str().unwrap(), &h["title_highlights"]);
                let body: Vec<String> = h["snippets"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|s| pick(s["text"].as_str().unwrap(), &s["highlights"]))
                    .collect();
                (h["id"].as_str().unwrap().to_owned(), title, body)
            })
            .collect();
        hits.sort();
        hits
    };
    for q in ["삼성전자", "만났다", "서울"] {
        let (o, n) = (search(&old, q), search(&new, q));
        assert_eq!(o["total"], n["total"], "{q}");
        let (o, n) = (shown(&o), shown(&n));
        assert!(!o.is_empty(), "{q}");
        for ((oid, otitle, _), (nid, ntitle, _)) in o.iter().zip(&n) {
            assert_eq!(oid, nid, "{q}");
            assert_eq!(otitle, ntitle, "{q}: {oid}");
        }
        // Bodies: analysis looks at the sentences that promise most, the table at all of them,
        // so the fragments may differ; the old index's are highlighted all the same.
        let marked = |hits: &[(String, Vec<String>, Vec<String>)]| hits.iter().filter(|h| !h.2.is_empty()).count();
        assert!(marked(&o) * 2 > o.len(), "{q}: {o:?}");
        assert!(marked(&n) >= marked(&o), "{q}");
    }
    // A new article goes into the old index, analyzed by tantivy as before, and is highlighted.
    std::fs::write(
        source.join("added.txt"),
        "제목: 평택에서 만난 반도체\n\n삼성전자가 평택에서 반도체 라인을 공개했다.\n",
    )
    .unwrap();
    index(&source, &old);
    let v = search(&old, "평택");
    let hits = shown(&v);
    assert!(
        hits.iter()
            .any(|(id, title, body)| id == "added.txt" && title == &["평택"] && body.contains(&"평택".to_owned())),
        "{hits:?}"
    );
    assert!(GisaIndex::open(&old, dict()).unwrap().fields.offsets.is_none(), "an update does not change the schema");
}
