//! New words (issue 10) on the labeled set of `tests/fixtures/new-words/` — 135 post-2018
//! names placed in real news sentences, articles that use their pieces as ordinary words, and
//! plain news: the pieces of a word the dictionary reads only in pieces must stand together
//! in `gisa search`, words the dictionary knows search as before, and `gisa words` finds the
//! names and adds them to a user dictionary.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{gisa, repo};
use serde_json::Value;

struct Fixture {
    _dir: tempfile::TempDir,
    corpus: PathBuf,
    /// Built by this gisa, with `--pieces-apart` (as indexes were before runs were joined)
    /// and with `--pieces-equal` (before pieces were marked).
    joined: PathBuf,
    apart: PathBuf,
    equal: PathBuf,
    docs: Vec<Value>,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("news");
        std::fs::create_dir(&corpus).unwrap();
        let text = std::fs::read_to_string(repo().join("tests/fixtures/new-words/labeled.jsonl")).unwrap();
        let docs: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let feed: String = docs
            .iter()
            .map(|d| serde_json::json!({"id": d["id"], "title": d["title"], "body": d["body"]}).to_string() + "\n")
            .collect();
        std::fs::write(corpus.join("labeled.jsonl"), feed).unwrap();
        let build = |name: &str, extra: &[&str]| {
            let ix = dir.path().join(name);
            let out =
                gisa().arg("--index").arg(&ix).args(["index", "--quiet"]).args(extra).arg(&corpus).output().unwrap();
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
            ix
        };
        let joined = build("joined", &[]);
        let apart = build("apart", &["--pieces-apart"]);
        let equal = build("equal", &["--pieces-equal"]);
        Fixture { corpus, joined, apart, equal, docs, _dir: dir }
    })
}

/// The hits `gisa search` returns (all of them), best first.
fn hits(ix: &Path, query: &str) -> Vec<Value> {
    let out =
        gisa().arg("--index").arg(ix).args(["search", query, "--limit", "10000", "--format", "json"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["hits"].as_array().unwrap().clone()
}

/// The ids `gisa search` returns (all of them).
fn ids(ix: &Path, query: &str) -> Vec<String> {
    hits(ix, query).iter().map(|h| h["id"].as_str().unwrap().rsplit(':').next().unwrap().to_owned()).collect()
}

fn text_of(f: &Fixture, id: &str) -> String {
    let d = f.docs.iter().find(|d| d["id"] == id).unwrap();
    format!("{}\n{}", d["title"].as_str().unwrap(), d["body"].as_str().unwrap())
}

/// Ids of the articles whose text holds `s`.
fn holding(f: &Fixture, s: &str) -> BTreeSet<String> {
    f.docs
        .iter()
        .filter(|d| text_of(f, d["id"].as_str().unwrap()).contains(s))
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_pieces_of_a_new_name_must_stand_together() {
    let f = fixture();
    // 어도어 is 어 (a stop tag) + 도어 to mecab-ko-dic: with pieces apart it finds the
    // articles where 도어 is a door; now only those with 어도어 itself.
    let before: BTreeSet<String> = ids(&f.apart, "어도어").into_iter().collect();
    let after: BTreeSet<String> = ids(&f.joined, "어도어").into_iter().collect();
    let with_it = holding(f, "어도어");
    assert!(before.iter().any(|id| !with_it.contains(id)), "the distractors matched before: {before:?}");
    assert_eq!(after, with_it, "exactly the articles with 어도어");
    // 딥시크 = 딥 + 시크: the articles that use 딥 and 시크 as words no longer match.
    let after = ids(&f.joined, "딥시크");
    assert!(!after.is_empty());
    for id in &after {
        assert!(text_of(f, id).contains("딥시크"), "{id}: {}", text_of(f, id));
    }
    assert!(ids(&f.apart, "딥시크").iter().any(|id| id.starts_with("dis-")), "distractors matched before");
    // A piece still finds the name (시크 finds 딥시크, 도어 finds 어도어).
    let doors = ids(&f.joined, "도어");
    assert!(doors.iter().any(|id| text_of(f, id).contains("어도어")), "{doors:?}");
    assert!(doors.iter().any(|id| !text_of(f, id).contains("어도어")), "{doors:?}");
}

/// Each piece of two characters or more of a name that one of its distractors uses as a word
/// (`시크` of 딥시크), searched alone: the share of (article with the piece as a word, article
/// with the name) pairs in which the first ranks above the second — a pair where only one is
/// returned counts for that one — averaged over the pieces (as `scripts/bench_new_words.py`
/// measures it), and how many.
fn words_first(f: &Fixture, ix: &Path) -> (f64, usize) {
    let mut queries: std::collections::BTreeMap<(String, String), BTreeSet<String>> = Default::default();
    for d in f.docs.iter().filter(|d| d["kind"] == "distractor") {
        let name = d["name"].as_str().unwrap();
        let text = text_of(f, d["id"].as_str().unwrap());
        for p in d["pieces"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()) {
            if p.chars().nth(1).is_some() && text.contains(p) && !text.contains(name) {
                queries
                    .entry((name.to_owned(), p.to_owned()))
                    .or_default()
                    .insert(d["id"].as_str().unwrap().to_owned());
            }
        }
    }
    let mut shares = Vec::new();
    for ((name, piece), word) in &queries {
        let named: Vec<&str> = f
            .docs
            .iter()
            .filter(|d| d["kind"] == "positive" && d["name"] == name.as_str())
            .map(|d| d["id"].as_str().unwrap())
            .collect();
        let ranked = ids(ix, piece);
        let rank = |id: &str| ranked.iter().position(|r| r == id);
        let (mut wins, mut pairs) = (0, 0);
        for w in word {
            for n in &named {
                match (rank(w), rank(n)) {
                    (None, None) => continue,
                    (rw, rn) => wins += usize::from(rn.is_none() || rw.is_some_and(|rw| rn.is_some_and(|rn| rw < rn))),
                }
                pairs += 1;
            }
        }
        if pairs > 0 {
            shares.push(wins as f64 / pairs as f64);
        }
    }
    (shares.iter().sum::<f64>() / shares.len().max(1) as f64, shares.len())
}

#[test]
fn a_piece_searched_alone_ranks_it_as_a_word_above_it_as_a_piece_of_a_name() {
    let f = fixture();
    let (marked, n) = words_first(f, &f.joined);
    let (equal, _) = words_first(f, &f.equal);
    assert!(n >= 100, "only {n} pieces to search");
    assert!(
        marked >= 0.48 && marked > equal + 0.12,
        "pieces as words first: {marked:.3} with marks, {equal:.3} without"
    );
    // 시크 as a word (시크한 옷차림) before 시크 as a piece of 딥시크 — which it still finds.
    let hits = ids(&f.joined, "시크");
    assert!(!text_of(f, &hits[0]).contains("딥시크"), "{}", text_of(f, &hits[0]));
    assert!(hits.iter().any(|id| text_of(f, id).contains("딥시크")), "{hits:?}");
    // The marks change the order only: the same articles match, for pieces and for names.
    for q in ["시크", "도어", "비디아", "진스", "딥시크", "어도어", "반도체", "시장"] {
        let a: BTreeSet<String> = ids(&f.equal, q).into_iter().collect();
        let b: BTreeSet<String> = ids(&f.joined, q).into_iter().collect();
        assert_eq!(a, b, "{q}");
    }
}

/// `gisa.json` of an index, as JSON.
fn meta(ix: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(ix.join("gisa.json")).unwrap()).unwrap()
}

/// How many postings of an index are piece marks.
fn marks(ix: &Path) -> usize {
    postings(ix).keys().filter(|(_, t, _)| t.starts_with('\u{1f}')).count()
}

#[test]
fn an_index_made_before_piece_marks_is_updated_without_them_and_rebuilt_with_them() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    // An index as a gisa before piece marks wrote it: no marks, no `mark_pieces` in gisa.json.
    index_json(&ix, &f.corpus, &["--pieces-equal".as_ref()]);
    assert_eq!(marks(&ix), 0);
    let mut m = meta(&ix);
    m["analyzer"].as_object_mut().unwrap().remove("mark_pieces");
    std::fs::write(ix.join("gisa.json"), serde_json::to_string_pretty(&m).unwrap()).unwrap();
    // A new user dictionary is an update (options on the command line and all), not a rebuild.
    let udict = dir.path().join("user.txt");
    std::fs::write(
        &udict,
        "딥시크,NNP
",
    )
    .unwrap();
    let sum = index_json(&ix, &f.corpus, &["--user-dict".as_ref(), udict.as_os_str()]);
    assert_eq!(sum["reanalysis"]["articles_reanalyzed"], holding(f, "딥시크").len(), "{sum}");
    assert!(meta(&ix)["analyzer"].get("mark_pieces").is_none(), "{}", meta(&ix));
    assert_eq!(marks(&ix), 0);
    assert_eq!(ids(&ix, "딥시크").into_iter().collect::<BTreeSet<_>>(), holding(f, "딥시크"));
    // `--full` rebuilds it with marks.
    index_json(&ix, &f.corpus, &["--full".as_ref()]);
    assert_eq!(meta(&ix)["analyzer"]["mark_pieces"], true);
    assert!(marks(&ix) > 100, "{} mark postings", marks(&ix));
    // An index built with --pieces-equal keeps that choice through a rebuild.
    let equal = dir.path().join("equal");
    index_json(&equal, &f.corpus, &["--pieces-equal".as_ref()]);
    index_json(&equal, &f.corpus, &["--full".as_ref()]);
    assert_eq!(meta(&equal)["analyzer"]["mark_pieces"], false);
    assert_eq!(marks(&equal), 0);
}

#[test]
fn words_the_dictionary_knows_search_as_before() {
    let f = fixture();
    // (평창올림픽 or 연구팀 are not such words: the dictionary reads them 평창+올림픽, 연구+팀.)
    for q in ["북한", "대통령은", "개발했다", "삼성", "만났다", "\"고위급 대표단\""] {
        let a: BTreeSet<String> = ids(&f.apart, q).into_iter().collect();
        let b: BTreeSet<String> = ids(&f.joined, q).into_iter().collect();
        assert_eq!(a, b, "{q}");
    }
}

#[test]
fn gisa_words_finds_the_names_with_counts_and_examples() {
    let f = fixture();
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--min-count", "3", "--limit", "400", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cands = v["candidates"].as_array().unwrap();
    let words: Vec<&str> = cands.iter().map(|c| c["word"].as_str().unwrap()).collect();
    for name in ["딥시크", "엔비디아", "뉴진스", "어도어", "르세라핌", "블랙핑크"] {
        assert!(words.contains(&name), "{name} not among {words:?}");
    }
    let names = std::fs::read_to_string(repo().join("tests/fixtures/new-words/names.txt")).unwrap();
    let found = names.lines().filter(|n| words.contains(n)).count();
    assert!(found >= 80, "only {found} of the 135 names");
    let d = cands.iter().find(|c| c["word"] == "딥시크").unwrap();
    assert_eq!(d["pieces"], serde_json::json!(["딥", "시크"]));
    assert!(d["count"].as_u64().unwrap() >= d["articles"].as_u64().unwrap() && d["articles"].as_u64().unwrap() >= 3);
    assert!(d["example"].as_str().unwrap().contains("딥시크"), "{d}");
    assert!(text_of(f, d["example_id"].as_str().unwrap()).contains("딥시크"));
    for k in ["cohesion", "left_entropy", "right_entropy", "particle_ratio", "score"] {
        assert!(d[k].as_f64().unwrap() > 0.0, "{k}: {d}");
    }
    // Scores are in order; a piece of a name (비디아 of 엔비디아) is no candidate.
    assert!(cands.windows(2).all(|w| w[0]["score"].as_f64() >= w[1]["score"].as_f64()));
    assert!(!words.contains(&"비디아") && !words.contains(&"시크"));
    // CSV and text carry the same first candidate.
    let csv = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--min-count", "3", "-n", "3", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    assert!(csv.starts_with("rank,word,pieces,score,count,articles,cohesion,"), "{csv}");
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let first = csv.lines().nth(1).unwrap().split(',').nth(1).unwrap().to_owned();
    assert_eq!(first, words[0]);
    let text = gisa().arg("--index").arg(&f.joined).args(["words", "--min-count", "3", "-n", "2"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.lines().nth(1).unwrap().contains(words[0]), "{text}");
}

#[test]
fn gisa_words_add_appends_proper_nouns_and_the_index_then_reads_them_whole() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let udict = dir.path().join("user.txt");
    std::fs::write(&udict, "# 내 사전\n하이브\n").unwrap();
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--add", "딥시크", "어도어", "하이브", "--user-dict"])
        .arg(&udict)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("added 2 words"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&udict).unwrap(), "# 내 사전\n하이브\n딥시크,NNP\n어도어,NNP\n");
    // The discovered candidates too (the top 5).
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--min-count", "3", "-n", "5", "--add", "--user-dict"])
        .arg(&udict)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read_to_string(&udict).unwrap().lines().count() >= 6);
    // A new index with the user dictionary reads the names as one word.
    let ix = dir.path().join("ix");
    let out = gisa()
        .arg("--index")
        .arg(&ix)
        .args(["index", "--quiet", "--user-dict"])
        .arg(&udict)
        .arg(&f.corpus)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let a =
        gisa().args(["analyze", "--format", "json", "딥시크가 어도어와", "--user-dict"]).arg(&udict).output().unwrap();
    let v: Value = serde_json::from_slice(&a.stdout).unwrap();
    let terms: Vec<&str> = v["tokens"].as_array().unwrap().iter().map(|t| t["token"].as_str().unwrap()).collect();
    assert_eq!(terms, ["딥시크", "어도어"]);
    let with_it = holding(f, "딥시크");
    assert_eq!(ids(&ix, "딥시크").into_iter().collect::<BTreeSet<_>>(), with_it);
}

#[test]
fn gisa_words_errors_are_one_line() {
    let f = fixture();
    // An index built with the pieces apart holds no whole runs to discover; one built before
    // runs were joined (no `join_pieces` in gisa.json) is rebuilt with them by --full.
    let out = gisa().arg("--index").arg(&f.apart).args(["words"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--pieces-apart") && err.lines().count() == 1, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    index_json(&old, &f.corpus, &["--pieces-apart".as_ref()]);
    let mut m = meta(&old);
    let a = m["analyzer"].as_object_mut().unwrap();
    a.remove("join_pieces");
    a.remove("mark_pieces");
    std::fs::write(old.join("gisa.json"), serde_json::to_string_pretty(&m).unwrap()).unwrap();
    let out = gisa().arg("--index").arg(&old).args(["words"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--full") && err.lines().count() == 1, "{err}");
    index_json(&old, &f.corpus, &["--full".as_ref()]);
    assert_eq!((meta(&old)["analyzer"]["join_pieces"].as_bool(), marks(&old) > 0), (Some(true), true));
    let out = gisa().arg("--index").arg(&old).args(["words", "--min-count", "3", "-n", "1"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // --add without a user dictionary, and a word no dictionary line can hold.
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--add", "딥시크"])
        .env_remove("GISA_USER_DICT")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--user-dict"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = gisa()
        .arg("--index")
        .arg(&f.joined)
        .args(["words", "--add", "딥 시크", "--user-dict"])
        .arg(dir.path().join("u.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("u.txt").exists());
}

/// Every posting of the analyzed fields (`text`, `title`) of an index, by term and article id:
/// term frequency and positions. Two indexes with equal postings hold the same terms for
/// every article.
fn postings(ix: &Path) -> std::collections::BTreeMap<(String, String, String), (u32, Vec<u32>)> {
    use tantivy::DocSet;
    use tantivy::postings::Postings;
    use tantivy::schema::IndexRecordOption;
    let index = tantivy::Index::open_in_dir(ix).unwrap();
    let schema = index.schema();
    let reader = index.reader().unwrap();
    let searcher = reader.searcher();
    let mut out = std::collections::BTreeMap::new();
    for seg in searcher.segment_readers() {
        let ids = seg.fast_fields().str("id").unwrap().unwrap();
        let id_of = |doc: u32| {
            let ord = ids.term_ords(doc).next().unwrap();
            let mut s = String::new();
            ids.ord_to_str(ord, &mut s).unwrap();
            s
        };
        for name in ["text", "title"] {
            let field = schema.get_field(name).unwrap();
            let inv = seg.inverted_index(field).unwrap();
            let mut terms = inv.terms().stream().unwrap();
            while terms.advance() {
                let term = String::from_utf8(terms.key().to_vec()).unwrap();
                let mut p =
                    inv.read_postings_from_terminfo(terms.value(), IndexRecordOption::WithFreqsAndPositions).unwrap();
                while p.doc() != tantivy::TERMINATED {
                    let doc = p.doc();
                    if seg.alive_bitset().is_none_or(|a| a.is_alive(doc)) {
                        let mut pos = Vec::new();
                        p.positions(&mut pos);
                        out.insert((name.to_owned(), term.clone(), id_of(doc)), (p.term_freq(), pos));
                    }
                    p.advance();
                }
            }
        }
    }
    out
}

/// `gisa search` hits: (id, score), best first.
fn scored(ix: &Path, query: &str) -> Vec<(String, f64)> {
    hits(ix, query).iter().map(|h| (h["id"].as_str().unwrap().to_owned(), h["score"].as_f64().unwrap())).collect()
}

/// `gisa index --format json` on `corpus` into `ix`, with `extra` arguments: the summary.
fn index_json(ix: &Path, corpus: &Path, extra: &[&std::ffi::OsStr]) -> Value {
    let out =
        gisa().arg("--index").arg(ix).args(["index", "--format", "json"]).args(extra).arg(corpus).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The same hits with the same scores as `expected`, each score to 1 part in 10⁶: tantivy adds
/// up the scores of a conjunction in the order of its clauses' costs in the segment, so the
/// same article scores a rounding step apart in a small segment of re-analyzed articles and
/// in a large one (a term or a length that differs moves a score by far more).
fn assert_same_hits(got: &[(String, f64)], expected: &[(String, f64)], what: &str) {
    assert!(!expected.is_empty(), "{what}: no hits");
    let by_id = |h: &[(String, f64)]| h.iter().cloned().collect::<std::collections::BTreeMap<String, f64>>();
    let (g, e) = (by_id(got), by_id(expected));
    assert_eq!(g.keys().collect::<Vec<_>>(), e.keys().collect::<Vec<_>>(), "{what}: other hits");
    for (id, s) in &e {
        assert!((g[id] - s).abs() <= 1e-6 * s.abs().max(1.0), "{what}: {id} scores {} against {s}", g[id]);
    }
    assert!(got.windows(2).all(|w| w[0].1 >= w[1].1), "{what}: not in score order");
}

#[test]
fn a_changed_user_dictionary_re_analyzes_only_the_articles_it_touches() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let (ix, full) = (dir.path().join("ix"), dir.path().join("full"));
    let udict = dir.path().join("user.txt");
    let ud = udict.as_os_str();
    index_json(&ix, &f.corpus, &[]);
    // New names in a user dictionary the index was built without.
    std::fs::write(&udict, "딥시크,NNP\n어도어,NNP\n").unwrap();
    let sum = index_json(&ix, &f.corpus, &["--user-dict".as_ref(), ud]);
    let touched: BTreeSet<String> = holding(f, "딥시크").union(&holding(f, "어도어")).cloned().collect();
    assert!(touched.len() >= 6, "{touched:?}");
    let r = &sum["reanalysis"];
    assert_eq!(r["articles_reanalyzed"], touched.len(), "{sum}");
    assert_eq!((r["words_added"].as_u64(), r["words_removed"].as_u64()), (Some(2), Some(0)), "{sum}");
    assert_eq!(r["articles_searched"], f.docs.len(), "{sum}");
    assert_eq!(sum["articles_added"], 0, "no file was read again: {sum}");
    assert_eq!(sum["articles_in_index"], f.docs.len());
    // The documents are those of a rebuild with the user dictionary: the same terms with the
    // same frequencies and positions for every article, the same hits.
    index_json(&full, &f.corpus, &["--full".as_ref(), "--user-dict".as_ref(), ud]);
    let p = postings(&ix);
    assert!(p.len() > 100_000 && p.keys().any(|(_, t, _)| t == "딥시크"), "{} postings", p.len());
    assert!(p == postings(&full), "the re-analyzed index holds other terms than the rebuild");
    for q in ["딥시크", "어도어", "도어", "시크", "딥시크가", "엔비디아"] {
        assert_same_hits(&scored(&ix, q), &scored(&full, q), q);
    }
    assert_eq!(ids(&ix, "어도어").into_iter().collect::<BTreeSet<_>>(), holding(f, "어도어"));
    // The new dictionary is recorded: the next run has nothing to do.
    let again = index_json(&ix, &f.corpus, &[]);
    assert!(again["reanalysis"].is_null(), "{again}");
    assert_eq!(again["articles_added"], 0);
    // An entry removed: its articles go back to the analysis without it.
    std::fs::write(&udict, "딥시크,NNP\n").unwrap();
    let sum = index_json(&ix, &f.corpus, &[]);
    assert_eq!(sum["reanalysis"]["words_removed"], 1, "{sum}");
    assert_eq!(sum["reanalysis"]["articles_reanalyzed"], holding(f, "어도어").len(), "{sum}");
    index_json(&full, &f.corpus, &["--full".as_ref()]);
    assert!(postings(&ix) == postings(&full), "after the removal");
    assert_same_hits(&scored(&ix, "어도어"), &scored(&full, "어도어"), "어도어 after the removal");
    assert_eq!(ids(&ix, "어도어"), ids(&f.joined, "어도어"), "어도어 as before the dictionary");
    // A word no article holds: nothing re-analyzed, and the dictionary is recorded all the same.
    std::fs::write(&udict, "딥시크,NNP\n쿼크젠바이오,NNP\n").unwrap();
    let sum = index_json(&ix, &f.corpus, &[]);
    assert_eq!(sum["reanalysis"]["words_added"], 1, "{sum}");
    assert_eq!(sum["reanalysis"]["articles_reanalyzed"], 0, "{sum}");
    assert!(index_json(&ix, &f.corpus, &[])["reanalysis"].is_null());
    // `gisa words --add` writes the index's user dictionary; a plain run re-analyzes for it,
    // together with a new file in the same run.
    let out =
        gisa().arg("--index").arg(&ix).args(["words", "--add", "뉴진스", "--user-dict"]).arg(&udict).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let extra = f.corpus.join("extra.json");
    std::fs::write(&extra, r#"{"id": "extra-1", "title": "뉴진스 새 앨범", "body": "뉴진스가 새 앨범을 냈다."}"#)
        .unwrap();
    let sum = index_json(&ix, &f.corpus, &[]);
    std::fs::remove_file(&extra).unwrap();
    assert_eq!(sum["reanalysis"]["articles_reanalyzed"], holding(f, "뉴진스").len(), "{sum}");
    assert_eq!(sum["articles_added"], 1, "{sum}");
    let found: BTreeSet<String> = ids(&ix, "뉴진스").into_iter().collect();
    let mut expected = holding(f, "뉴진스");
    expected.insert("extra-1".to_owned());
    assert_eq!(found, expected);
}

#[test]
fn a_changed_user_dictionary_is_refused_by_searches_until_indexed_and_text_says_what_was_done() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let udict = dir.path().join("user.txt");
    std::fs::write(&udict, "하이브,NNP\n").unwrap();
    index_json(&ix, &f.corpus, &["--user-dict".as_ref(), udict.as_os_str()]);
    std::fs::write(&udict, "하이브,NNP\n어도어,NNP\n").unwrap();
    // A search names the plain `gisa index` that brings the index up to date, not --full.
    let out = gisa().arg("--index").arg(&ix).args(["search", "어도어"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gisa index") && !err.contains("--full") && err.lines().count() == 1, "{err}");
    let out = gisa().arg("--index").arg(&ix).args(["index"]).arg(&f.corpus).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let line = String::from_utf8_lossy(&out.stdout);
    let n = holding(f, "어도어").len();
    assert!(
        line.contains(&format!(
            "user dictionary: 1 word added, 0 removed, 0 changed; {n} of {} articles re-analyzed",
            f.docs.len()
        )),
        "{line}"
    );
    assert_eq!(ids(&ix, "어도어").into_iter().collect::<BTreeSet<_>>(), holding(f, "어도어"));
}

#[test]
fn a_run_killed_after_its_re_analysis_is_finished_by_the_next_run() {
    use std::time::{Duration, Instant};
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("news");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(f.corpus.join("labeled.jsonl"), corpus.join("labeled.jsonl")).unwrap();
    let (ix, full) = (dir.path().join("ix"), dir.path().join("full"));
    index_json(&ix, &corpus, &[]);
    let udict = dir.path().join("user.txt");
    std::fs::write(&udict, "딥시크,NNP\n").unwrap();
    // New files in the same run, read slowly (--throttle-ms) so that the kill lands after
    // the re-analysis was committed and before the run ends.
    for i in 0..400 {
        let rec = serde_json::json!({"id": format!("new-{i}"), "title": format!("새 기사 {i}"), "body": "딥시크와 엔비디아의 경쟁이 이어졌다."});
        std::fs::write(corpus.join(format!("new-{i:03}.json")), rec.to_string()).unwrap();
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gisa"))
        .arg("--index")
        .arg(&ix)
        .args([
            "index",
            "--commit-every",
            "1",
            "--threads",
            "1",
            "--throttle-ms",
            "10",
            "--format",
            "json",
            "--user-dict",
        ])
        .arg(&udict)
        .arg(&corpus)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Its first commit holds the re-analysis; the payload names the process's record file.
    let mine = format!("state-{}-", child.id());
    let start = Instant::now();
    while !std::fs::read_to_string(ix.join("meta.json")).is_ok_and(|m| m.contains(&mine)) {
        assert!(start.elapsed() < Duration::from_secs(120), "no commit after two minutes");
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(child.try_wait().unwrap().is_none(), "the run ended before the kill");
    std::process::Command::new("kill").args(["-9", &child.id().to_string()]).status().unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.stdout.is_empty(), "the run finished: {}", String::from_utf8_lossy(&out.stdout));
    // A copy of the index as the kill left it, for the run that goes back to no dictionary.
    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    for e in walkdir::WalkDir::new(&ix).min_depth(1) {
        let e = e.unwrap();
        let to = back.join(e.path().strip_prefix(&ix).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(e.path(), &to).unwrap();
        }
    }
    // The next run with the dictionary finds the same articles again (the new dictionary was
    // not recorded) and finishes the files.
    let sum = index_json(&ix, &corpus, &["--user-dict".as_ref(), udict.as_os_str()]);
    assert_eq!(sum["reanalysis"]["words_added"], 1, "{sum}");
    let again = sum["reanalysis"]["articles_reanalyzed"].as_u64().unwrap() as usize;
    assert!(again >= holding(f, "딥시크").len(), "{sum}");
    assert_eq!(sum["articles_in_index"], f.docs.len() + 400, "{sum}");
    assert!(index_json(&ix, &corpus, &[])["reanalysis"].is_null());
    index_json(&full, &corpus, &["--full".as_ref(), "--user-dict".as_ref(), udict.as_os_str()]);
    assert!(postings(&ix) == postings(&full), "after the kill and the next run");
    assert_same_hits(&scored(&ix, "딥시크"), &scored(&full, "딥시크"), "딥시크");
    // A plain run on the copy keeps the index's own options (no user dictionary): what the
    // killed run re-analyzed and added with 딥시크 goes back.
    let sum = index_json(&back, &corpus, &[]);
    assert!(sum["reanalysis"]["articles_reanalyzed"].as_u64().unwrap() >= 3, "{sum}");
    let plain = dir.path().join("plain");
    index_json(&plain, &corpus, &[]);
    assert!(postings(&back) == postings(&plain), "after the kill and a run without the dictionary");
    assert_same_hits(&scored(&back, "딥시크"), &scored(&plain, "딥시크"), "딥시크 without the dictionary");
}
