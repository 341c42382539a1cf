//! `gisa export` on the demo corpus: bulk files (valid JSON, action/document pairs, size
//! limit), the template (Nori chain, exact analyzer, mappings), the exact-terms fields
//! against `gisa analyze`, `--changed`/`--since` and deletions, the round trip through
//! `gisa index`, the DSL of real queries evaluated over the exported documents against
//! `gisa search`, and bad input.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::gisa;
use predicates::prelude::*;
use serde_json::{Value, json};

/// A scratch copy of the corpus (`common::corpus`), its index and an output folder.
struct Scratch {
    base: common::corpus::Scratch,
    corpus: PathBuf,
    index: PathBuf,
    out: PathBuf,
}

fn scratch(index_args: &[&str]) -> Scratch {
    let base = common::corpus::scratch();
    let s = Scratch { corpus: base.corpus.clone(), index: base.index.clone(), out: base.dir.path().join("out"), base };
    s.index(index_args);
    s
}

impl Scratch {
    fn gisa(&self) -> assert_cmd::Command {
        let mut c = gisa();
        c.arg("--index").arg(&self.index);
        c
    }

    fn index(&self, extra: &[&str]) {
        self.gisa().arg("index").arg(&self.corpus).arg("-q").args(extra).assert().success();
    }

    /// Runs an export to `self.out`; returns (summary, stderr).
    fn export(&self, extra: &[&str]) -> (Value, String) {
        let out = self
            .gisa()
            .args(["export", "opensearch"])
            .arg(&self.out)
            .args(["--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "gisa export failed: {}", String::from_utf8_lossy(&out.stderr));
        (serde_json::from_slice(&out.stdout).expect("JSON summary"), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn template(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.out.join("template.json")).unwrap()).unwrap()
    }

    fn manifest(&self) -> Value {
        serde_json::from_slice(&std::fs::read(self.out.join("manifest.json")).unwrap()).unwrap()
    }

    /// Every bulk file in order: (name, bytes, lines parsed).
    fn bulk(&self) -> Vec<(String, u64, Vec<Value>)> {
        let mut names: Vec<PathBuf> =
            std::fs::read_dir(self.out.join("bulk")).unwrap().map(|e| e.unwrap().path()).collect();
        names.sort();
        names
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                assert!(text.ends_with('\n'), "{} ends with a newline", p.display());
                let lines = text
                    .lines()
                    .enumerate()
                    .map(|(i, l)| {
                        serde_json::from_str(l).unwrap_or_else(|e| panic!("{}:{}: not JSON ({e})", p.display(), i + 1))
                    })
                    .collect();
                (p.file_name().unwrap().to_string_lossy().into_owned(), text.len() as u64, lines)
            })
            .collect()
    }

    /// Index actions (id → document) and delete actions of the current export, checking that
    /// every action is followed by its document.
    fn actions(&self) -> (BTreeMap<String, Value>, BTreeSet<String>) {
        let (mut docs, mut deletes) = (BTreeMap::new(), BTreeSet::new());
        for (name, _, lines) in self.bulk() {
            let mut it = lines.into_iter();
            while let Some(action) = it.next() {
                let obj = action.as_object().unwrap_or_else(|| panic!("{name}: action {action} is not an object"));
                assert_eq!(obj.len(), 1, "{name}: {action}");
                let id = |meta: &Value| {
                    meta["_id"].as_str().unwrap_or_else(|| panic!("{name}: no _id in {action}")).to_owned()
                };
                if let Some(meta) = obj.get("index") {
                    let doc = it.next().unwrap_or_else(|| panic!("{name}: {action} has no document after it"));
                    assert_eq!(doc["id"].as_str(), Some(id(meta).as_str()), "{name}: document id = action _id");
                    assert!(doc.get("index").is_none() && doc.get("delete").is_none(), "{name}: two actions in a row");
                    assert!(docs.insert(id(meta), doc).is_none(), "{name}: id exported twice");
                } else if let Some(meta) = obj.get("delete") {
                    deletes.insert(id(meta));
                } else {
                    panic!("{name}: unknown action {action}");
                }
            }
        }
        (docs, deletes)
    }
}

fn articles_in(s: &Scratch) -> u64 {
    let out = s.gisa().args(["stats", "--format", "json"]).assert().success().get_output().stdout.clone();
    serde_json::from_slice::<Value>(&out).unwrap()["articles"].as_u64().unwrap()
}

#[test]
fn bulk_files_are_valid_action_document_pairs_of_every_article() {
    let s = scratch(&[]);
    let (sum, _) = s.export(&[]);
    let n = articles_in(&s);
    assert_eq!(n, 14);
    assert_eq!(sum["indexed"], n);
    assert_eq!(sum["deleted"], 0);
    let (docs, deletes) = s.actions();
    assert_eq!(docs.len() as u64, n);
    assert!(deletes.is_empty());
    // Every field a document carries is mapped (the mapping is strict), and each document
    // has what the JSON reader needs and gisa's exact terms.
    let mapped: BTreeSet<String> =
        s.template()["template"]["mappings"]["properties"].as_object().unwrap().keys().cloned().collect();
    for (id, d) in &docs {
        for k in d.as_object().unwrap().keys() {
            assert!(mapped.contains(k), "{id}: field {k} is not in the mapping");
        }
        for k in ["id", "path", "title", "body", "gisa_text", "gisa_title"] {
            assert!(d.get(k).is_some(), "{id}: no {k}");
        }
    }
    let seed = &docs["daum/kukinews-2024-06-18-lee-jaeyong.txt"];
    assert_eq!(seed["press"], "쿠키뉴스");
    assert_eq!(seed["reporter"], "이소연");
    assert_eq!(seed["date"], "2024-06-18T00:00:00+09:00");
    // The manifest lists the files with their counts, the dictionary and the analyzer.
    let m = s.manifest();
    assert_eq!(m["gisa_export"], 1);
    assert_eq!(m["target"], "opensearch");
    assert_eq!(m["dictionary"]["version"], "2.1.1-20180720");
    assert_eq!(m["analyzer"]["decompound"], "mixed");
    assert_eq!(m["files"][0]["name"], "bulk/00001.ndjson");
    assert_eq!(m["files"][0]["index"], n);
    assert_eq!(m["counts"]["indexed"], n);
    assert!(m["gisa_version"].as_str().is_some_and(|v| !v.is_empty()));
}

#[test]
fn bulk_files_stay_under_the_limit_and_a_big_document_goes_alone() {
    let s = scratch(&[]);
    // The corpus articles are 2.8–9 KB with their terms: 8 KB puts one or two in a file and
    // the largest alone.
    let limit = 8_000u64;
    let (sum, stderr) = s.export(&["--bulk-bytes", "8KB"]);
    let files = s.bulk();
    assert!(files.len() > 3, "a small limit gives several files: {}", files.len());
    let mut alone = Vec::new();
    for (name, bytes, lines) in &files {
        if lines.len() > 2 {
            assert!(*bytes <= limit, "{name} is {bytes} bytes, over {limit}");
        } else if *bytes > limit {
            alone.push(lines[0]["index"]["_id"].as_str().unwrap().to_owned());
        }
    }
    assert!(!alone.is_empty(), "some corpus article with its terms is over 8 KB");
    assert!(files.iter().any(|(_, _, lines)| lines.len() > 2), "some files hold several articles");
    for id in &alone {
        assert!(stderr.contains(id.as_str()) && stderr.contains("file of its own"), "warning for {id}: {stderr}");
    }
    let (docs, _) = s.actions();
    assert_eq!(docs.len() as u64, sum["indexed"].as_u64().unwrap(), "nothing lost to the split");
    assert_eq!(s.manifest()["files"].as_array().unwrap().len(), files.len());
}

#[test]
fn template_has_the_nori_chain_the_exact_analyzer_and_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let user_dict = dir.path().join("user.txt");
    std::fs::write(&user_dict, "뉴진스\n카카오뱅크 카카오 뱅크\n힙하다,VA\n갓생,NNG\n").unwrap();
    let ud = user_dict.to_str().unwrap();
    let s = scratch(&["--hanja-reading", "--user-dict", ud]);
    let (_, stderr) = s.export(&[]);
    assert!(stderr.contains("힙하다") && stderr.contains("nouns only"), "the verb is reported: {stderr}");
    assert!(!stderr.contains("뉴진스"), "{stderr}");
    let t = s.template();
    assert_eq!(t["index_patterns"], json!(["gisa", "gisa-*"]));
    let a = &t["template"]["settings"]["index"]["analysis"];
    let tok = &a["tokenizer"]["gisa_nori_tokenizer"];
    assert_eq!(tok["type"], "nori_tokenizer");
    assert_eq!(tok["decompound_mode"], "mixed");
    assert_eq!(tok["discard_punctuation"], true);
    assert_eq!(tok["user_dictionary_rules"], json!(["뉴진스", "카카오뱅크 카카오 뱅크", "갓생"]));
    assert_eq!(a["filter"]["gisa_pos_stop"]["type"], "nori_part_of_speech");
    // OpenSearch 3 runs Lucene 10: mecab-ko-dic's own tags, gisa's stop tags one to one.
    let stop = |t: &Value| -> BTreeSet<String> {
        t["template"]["settings"]["index"]["analysis"]["filter"]["gisa_pos_stop"]["stoptags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let detailed = stop(&t);
    assert_eq!(detailed.len(), 30);
    for tag in ["EP", "EF", "ETM", "JKS", "JKO", "JX", "IC", "MAG", "XSN", "VSV"] {
        assert!(detailed.contains(tag), "{tag} in {detailed:?}");
    }
    assert!(!detailed.contains("E") && !detailed.contains("J") && !detailed.contains("NNG"), "{detailed:?}");
    assert_eq!(s.manifest()["engine_version"], 3);
    assert_eq!(a["analyzer"]["gisa_nori"]["filter"], json!(["gisa_pos_stop", "nori_readingform", "lowercase"]));
    assert_eq!(a["analyzer"]["gisa_exact"]["tokenizer"], "gisa_terms");
    assert_eq!(a["tokenizer"]["gisa_terms"]["type"], "whitespace");
    assert!(a["analyzer"]["gisa_exact"].get("filter").is_none(), "no lowercasing beyond gisa's");
    let p = &t["template"]["mappings"]["properties"];
    assert_eq!(t["template"]["mappings"]["dynamic"], "strict");
    assert_eq!(p["date"]["type"], "date");
    for k in ["press", "reporter", "category", "id", "url", "path"] {
        assert_eq!(p[k]["type"], "keyword", "{k}");
    }
    for k in ["title", "body", "url", "path"] {
        assert_eq!(p[k]["store"], true, "{k} is stored");
    }
    assert_eq!(p["body"]["analyzer"], "gisa_nori");
    for k in ["gisa_text", "gisa_text_compounds", "gisa_title", "gisa_title_compounds"] {
        assert_eq!(p[k]["analyzer"], "gisa_exact", "{k}");
    }
    // OpenSearch 2 runs Lucene 9, whose Nori folds particles into J and endings into E.
    s.gisa().args(["export", "opensearch"]).arg(&s.out).args(["--engine-version", "2", "-q"]).assert().success();
    let folded = stop(&s.template());
    assert!(folded.contains("E") && folded.contains("J") && !folded.contains("JKS"), "{folded:?}");
    assert_eq!(folded.len(), 18, "Elasticsearch 8's documented defaults: {folded:?}");
    // Hanja readings are in the exact terms too: 韓 → 한.
    let (docs, _) = s.actions();
    let chosun = docs.values().find(|d| d["press"] == "조선비즈").expect("the chosunbiz article");
    assert!(chosun["title"].as_str().unwrap().contains('韓'));
    assert!(chosun["gisa_title"].as_str().unwrap().split(' ').any(|t| t == "한"), "{}", chosun["gisa_title"]);
}

/// `gisa analyze --format json` of `text`: (term, role) in order.
fn analyze(text: &str) -> Vec<(String, String)> {
    let out = gisa().args(["analyze", "--format", "json"]).arg(text).assert().success().get_output().stdout.clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    v["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["token"].as_str().unwrap().to_owned(), t["role"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn exact_fields_carry_gisas_terms_parts_in_order_and_compounds_apart() {
    let s = scratch(&[]);
    s.export(&[]);
    let (docs, _) = s.actions();
    for (id, d) in &docs {
        let mut text = d["title"].as_str().unwrap().to_owned();
        for sub in d["subtitles"].as_array().into_iter().flatten() {
            text.push('\n');
            text.push_str(sub.as_str().unwrap());
        }
        text.push('\n');
        text.push_str(d["body"].as_str().unwrap());
        let terms = analyze(&text);
        // Compound wholes and joined runs of pieces (딥시크) are wholes, in their own field.
        let whole = |r: &str| r == "compound" || r == "joined";
        let parts: Vec<&str> = terms.iter().filter(|(_, r)| !whole(r)).map(|(t, _)| t.as_str()).collect();
        let wholes: Vec<&str> = terms.iter().filter(|(_, r)| whole(r)).map(|(t, _)| t.as_str()).collect();
        assert_eq!(d["gisa_text"].as_str().unwrap(), parts.join(" "), "{id}");
        assert_eq!(d["gisa_text_compounds"].as_str().unwrap(), wholes.join(" "), "{id}");
    }
    // Real Korean: particles dropped, stems, compounds and their parts.
    let seed = &docs["daum/kukinews-2024-06-18-lee-jaeyong.txt"];
    let text: Vec<&str> = seed["gisa_text"].as_str().unwrap().split(' ').collect();
    assert!(text.contains(&"만나"), "만났다 → 만나");
    assert!(!text.contains(&"만났다") && !text.contains(&"는"));
    assert!(seed["gisa_title"].as_str().unwrap().starts_with("메타 아마존 퀄컴"), "{}", seed["gisa_title"]);
    let compounds: Vec<&str> =
        docs.values().flat_map(|d| d["gisa_text_compounds"].as_str().unwrap().split(' ')).collect();
    assert!(compounds.contains(&"삼성전자"), "삼성전자 is a compound whole");
    let with_parts = docs.values().any(|d| d["gisa_text"].as_str().unwrap().contains("삼성 전자"));
    assert!(with_parts, "its parts stand in sequence in gisa_text");
}

#[test]
fn changed_exports_what_was_added_changed_and_deleted() {
    let s = scratch(&[]);
    s.export(&[]);
    // Nothing changed: nothing exported.
    let (sum, _) = s.export(&["--changed"]);
    assert_eq!(
        (sum["indexed"].as_u64(), sum["deleted"].as_u64(), sum["skipped"].as_u64()),
        (Some(0), Some(0), Some(14))
    );
    assert_eq!(s.actions().0.len(), 0);

    let changed = "press/hani_20240807_1152364.txt";
    let p = s.corpus.join(changed);
    let text = std::fs::read_to_string(&p).unwrap();
    let edited = text.replacen("해가 질 무렵", "정정 보도: 이 기사의 수치를 바로잡았다. 해가 질 무렵", 1);
    assert_ne!(text, edited);
    std::fs::write(&p, edited).unwrap();
    let deleted = "euc-kr/seoul_20230407_500123.txt";
    std::fs::remove_file(s.corpus.join(deleted)).unwrap();
    let added = "json/new_20240901_1.json";
    std::fs::write(
        s.corpus.join(added),
        r#"{"id": "new-1", "title": "반도체 수출 석 달째 늘었다", "body": "반도체 수출이 석 달째 늘었다고 산업통상자원부가 밝혔다.", "date": "2024-09-01T10:00:00+09:00", "press": "연합뉴스"}"#,
    )
    .unwrap();
    s.index(&[]);
    let (sum, _) = s.export(&["--changed"]);
    let (docs, deletes) = s.actions();
    assert_eq!(docs.keys().cloned().collect::<Vec<_>>(), vec!["new-1".to_owned(), changed.to_owned()]);
    assert_eq!(deletes.into_iter().collect::<Vec<_>>(), vec![deleted.to_owned()]);
    assert_eq!((sum["indexed"].as_u64(), sum["deleted"].as_u64()), (Some(2), Some(1)));
    assert_eq!(s.manifest()["mode"], "changed");
    assert!(docs[changed]["body"].as_str().unwrap().contains("정정 보도"));
    // And then nothing again; the deletion is not repeated.
    let (sum, _) = s.export(&["--changed"]);
    assert_eq!((sum["indexed"].as_u64(), sum["deleted"].as_u64()), (Some(0), Some(0)));
    // The state is per target: an Elasticsearch export to the same folder starts afresh.
    let load = s.manifest()["load"].clone();
    let out = s
        .gisa()
        .args(["export", "elasticsearch"])
        .arg(&s.out)
        .args(["--changed", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["indexed"], 14);
    // Loading differs by engine: the plugin tool and the default credentials.
    let es = s.manifest()["load"].clone();
    assert!(load["plugin"].as_str().unwrap().starts_with("bin/opensearch-plugin install analysis-nori"));
    assert!(es["plugin"].as_str().unwrap().starts_with("bin/elasticsearch-plugin install analysis-nori"));
    let template = es["template"].as_str().unwrap();
    assert!(template.contains("_index_template/gisa") && template.contains("elastic:"), "{template}");
    assert!(es["bulk"].as_str().unwrap().contains("/gisa/_bulk"));
}

#[test]
fn since_exports_articles_dated_from_then_and_keeps_the_state() {
    let s = scratch(&[]);
    let (sum, _) = s.export(&["--since", "2024-06-18"]);
    let (docs, deletes) = s.actions();
    assert!(deletes.is_empty());
    assert!(!docs.is_empty() && (docs.len() as u64) < 14, "{}", docs.len());
    assert_eq!(sum["indexed"].as_u64().unwrap() + sum["skipped"].as_u64().unwrap(), 14);
    for (id, d) in &docs {
        assert!(d["date"].as_str().unwrap() >= "2024-06-18", "{id}: {}", d["date"]);
    }
    // What --since left out counts as not yet exported for --changed.
    let (sum2, _) = s.export(&["--changed"]);
    assert_eq!(sum2["indexed"], sum["skipped"]);
}

#[test]
fn the_bulk_files_index_back_to_the_same_search_results() {
    let s = scratch(&[]);
    s.export(&[]);
    let back = s.base.dir.path().join("back");
    let out = gisa()
        .arg("--index")
        .arg(&back)
        .arg("index")
        .arg(s.out.join("bulk"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["articles_added"], 14);
    assert!(summary["failed"].as_array().unwrap().is_empty());
    let hits = |ix: &Path, q: &str, extra: &[&str]| -> Vec<(String, String, String)> {
        let out = gisa()
            .arg("--index")
            .arg(ix)
            .args(["search", q, "--format", "jsonl", "-n", "50"])
            .args(extra)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).unwrap();
                (
                    v["id"].as_str().unwrap().to_owned(),
                    format!("{:.4}", v["score"].as_f64().unwrap()),
                    v["snippets"].to_string(),
                )
            })
            .collect()
    };
    for (q, extra) in [
        ("삼성전자", &[][..]),
        ("반도체", &[]),
        ("이재용 OR 퀄컴", &[]),
        ("\"광폭 행보\"", &[]),
        ("서울 -폭염", &[]),
        ("title:이재용", &[]),
        ("press:연합뉴스", &[]),
        ("만났다", &[]),
        ("기자", &["--sort", "-date"]),
        ("정부", &["--since", "2024-01-01", "--press", "연합뉴스"]),
    ] {
        // Hits of equal score come in the order of the documents in each index, which two
        // builds need not share: ranked by relevance, ties are compared in id order.
        let ranked = |mut h: Vec<(String, String, String)>| {
            if !extra.contains(&"--sort") {
                h.sort_by(|x, y| {
                    y.1.parse::<f64>().unwrap().total_cmp(&x.1.parse::<f64>().unwrap()).then(x.0.cmp(&y.0))
                });
            }
            h
        };
        let a = ranked(hits(&s.index, q, extra));
        assert_eq!(a, ranked(hits(&back, q, extra)), "{q} {extra:?}");
        assert!(!a.is_empty() || q == "정부", "{q} finds something");
    }
    // Every article reads back with the same fields.
    for id in s.actions().0.keys() {
        let show = |ix: &Path| -> Value {
            let out = gisa()
                .arg("--index")
                .arg(ix)
                .args(["show", "--format", "json", id])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone();
            serde_json::from_slice(&out).unwrap()
        };
        let (a, b) = (show(&s.index), show(&back));
        for k in ["id", "title", "subtitles", "body", "date", "press", "reporter", "email", "url", "category"] {
            assert_eq!(a[k], b[k], "{id}: {k}");
        }
    }
}

/// A small evaluator of the Query DSL the builder emits, over exported documents: enough to
/// check that the DSL matches what gisa matches (no cluster runs here).
fn matches(q: &Value, d: &Value) -> bool {
    let (kind, body) = q.as_object().and_then(|o| o.iter().next()).expect("a query object");
    let tokens = |field: &str| -> Vec<String> {
        d[field].as_str().unwrap_or("").split_whitespace().map(str::to_owned).collect()
    };
    let field_arg = || body.as_object().and_then(|o| o.iter().next()).expect("field");
    match kind.as_str() {
        "match_all" => true,
        "match_none" => false,
        "term" => {
            let (field, arg) = field_arg();
            let want = arg["value"].as_str().unwrap();
            if field.starts_with("gisa_") {
                tokens(field).iter().any(|t| t == want)
            } else {
                d[field].as_str() == Some(want)
            }
        }
        "terms" => {
            let (field, vals) = field_arg();
            vals.as_array().unwrap().iter().any(|v| d[field].as_str() == v.as_str())
        }
        "match_phrase" => {
            let (field, arg) = field_arg();
            let want: Vec<&str> = arg["query"].as_str().unwrap().split(' ').collect();
            let toks = tokens(field);
            if arg.get("slop").is_some() {
                want.iter().all(|w| toks.iter().any(|t| t == w))
            } else {
                toks.windows(want.len()).any(|w| w.iter().zip(&want).all(|(a, b)| a == b))
            }
        }
        "range" => {
            let (field, r) = field_arg();
            let Some(v) = d[field].as_str() else { return false };
            let t = chrono::DateTime::parse_from_rfc3339(v).unwrap();
            let bound = |k: &str| r.get(k).map(|b| chrono::DateTime::parse_from_rfc3339(b.as_str().unwrap()).unwrap());
            bound("gte").is_none_or(|b| t >= b) && bound("lte").is_none_or(|b| t <= b)
        }
        "dis_max" => body["queries"].as_array().unwrap().iter().any(|q| matches(q, d)),
        "bool" => {
            let list = |k: &str| body.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
            let (must, should, not, filter) = (list("must"), list("should"), list("must_not"), list("filter"));
            must.iter().chain(&filter).all(|q| matches(q, d))
                && !not.iter().any(|q| matches(q, d))
                && (!must.is_empty() || !filter.is_empty() || should.iter().any(|q| matches(q, d)))
        }
        other => panic!("the evaluator does not know {other}"),
    }
}

/// The request body `gisa search QUERY --dsl ENGINE` prints.
fn dsl_of(s: &Scratch, engine: &str, q: &str, extra: &[&str]) -> Value {
    let out = s.gisa().args(["search", q, "--dsl", engine]).args(extra).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{q}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_dsl_of_real_queries_matches_what_gisa_finds() {
    let s = scratch(&[]);
    s.export(&[]);
    let (docs, _) = s.actions();
    for (q, extra) in [
        ("삼성전자", &[][..]),
        ("삼성", &[]),
        ("삼성전자의 반도체", &[]),
        ("\"광폭 행보\"", &[]),
        ("반도체 -중국", &[]),
        ("이재용 OR 퀄컴", &[]),
        ("(퀄컴 OR 아마존) 이재용", &[]),
        ("(퀄컴 OR -반도체)", &[]),
        ("title:이재용", &[]),
        ("body:만났습니다", &[]),
        ("press:연합뉴스 정부", &[]),
        ("폭염 열대야 찜통더위", &["--any"]),
        ("반도체시장", &[]),
        ("기자 -(폭염 OR 반도체)", &[]),
        ("-폭염", &[]),
        ("기자", &["--since", "2024-06-01", "--until", "2024-06-30"]),
        ("기자", &["--press", "연합뉴스"]),
        // Pasted text reads leniently, as gisa search reads it.
        ("“좋은 징후가 아니다”라면서도 반도체", &[]),
    ] {
        let body = dsl_of(&s, "opensearch", q, extra);
        assert_eq!(body, dsl_of(&s, "elasticsearch", q, extra), "{q}: the same body for both engines");
        let got: BTreeSet<String> =
            docs.iter().filter(|(_, d)| matches(&body["query"], d)).map(|(id, _)| id.clone()).collect();
        let out = s.gisa().args(["search", q, "--format", "jsonl", "-n", "100"]).args(extra).output().unwrap();
        let want: BTreeSet<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(got, want, "{q} {extra:?}: {body}");
    }
    // What the DSL of one query looks like with real analysis: the compound by its whole or
    // its parts, the particle gone; filters, order and paging from the options.
    let body = dsl_of(&s, "opensearch", "삼성전자의 반도체", &["--press", "연합뉴스", "--sort", "date", "-n", "5"]);
    let text = body["query"].to_string();
    assert!(text.contains(r#"{"term":{"gisa_text_compounds":{"value":"삼성전자"}}}"#), "{text}");
    assert!(text.contains(r#"{"match_phrase":{"gisa_text":{"query":"삼성 전자"}}}"#), "{text}");
    assert!(!text.contains('의'), "{text}");
    assert_eq!(body["query"]["bool"]["filter"], json!([{"terms": {"press": ["연합뉴스"]}}]));
    assert_eq!(body["sort"], json!([{"date": {"order": "asc"}}]));
    assert_eq!((body["size"].as_u64(), body["from"].as_u64()), (Some(5), Some(0)));
    // Bad options fail before anything is printed, as for a search.
    let out = s.gisa().args(["search", "반도체", "--dsl", "opensearch", "--since", "1000000000d"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let one_line = || predicate::str::is_match("^gisa: [^\n]+\n$").unwrap();
    gisa()
        .arg("--index")
        .arg(dir.path().join("nope"))
        .args(["export", "opensearch"])
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(one_line().and(predicate::str::contains("no index at")));
    let s = scratch(&[]);
    // `gisa export opensearch OUT EXTRA…` fails with one line containing `needle`.
    let refused = |out: &Path, extra: &[&str], needle: &str| {
        s.gisa()
            .args(["export", "opensearch"])
            .arg(out)
            .args(extra)
            .assert()
            .code(2)
            .stderr(one_line().and(predicate::str::contains(needle.to_owned())));
    };
    let file = s.base.dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    refused(&file, &[], "is a file");
    refused(&file.join("sub"), &[], "cannot create");
    // An unwritable place (root ignores file modes; /proc refuses new folders to everyone).
    refused(Path::new("/proc/gisa-export-test"), &[], "/proc/gisa-export-test");
    // A folder holding someone else's template.json is not overwritten.
    let foreign = s.base.dir.path().join("foreign");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("template.json"), "{\"mine\": true}").unwrap();
    refused(&foreign, &[], "not from a gisa export");
    assert_eq!(std::fs::read_to_string(foreign.join("template.json")).unwrap(), "{\"mine\": true}");
    refused(&s.out, &["--name", "Bad Name"], "--name");
    refused(&s.out, &["--since", "someday"], "--since");
    s.gisa()
        .args(["export", "opensearch"])
        .arg(&s.out)
        .args(["--bulk-bytes", "10XB"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("size unit"));
    assert!(!s.out.exists(), "nothing written by failed runs");
    // A damaged state file is named, and the export stops before writing anything.
    s.export(&[]);
    let state = std::fs::read_dir(s.index.join("gisa-exports")).unwrap().next().unwrap().unwrap().path();
    std::fs::write(&state, b"garbage").unwrap();
    refused(&s.out, &["--changed"], "damaged");
    assert_eq!(s.actions().0.len(), 14, "the previous export is intact");
}
