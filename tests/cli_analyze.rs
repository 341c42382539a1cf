//! `gisa analyze` from the command line: formats, standard input, options and errors.

mod common;

use common::gisa;
use predicates::prelude::*;

fn json_out(args: &[&str], stdin: Option<&str>) -> serde_json::Value {
    let mut cmd = gisa();
    cmd.args(args);
    if let Some(s) = stdin {
        cmd.write_stdin(s);
    }
    let out = cmd.assert().success().get_output().stdout.clone();
    serde_json::from_slice(&out).expect("JSON output")
}

#[test]
fn table_shows_terms_pos_positions_and_offsets() {
    gisa()
        .args(["analyze", "삼성전자는 서울에서 만났다"])
        .assert()
        .success()
        .stdout(predicate::str::contains("TERM"))
        .stdout(predicate::str::is_match(r"삼성전자\s+NNP\s+compound\s+0\s+2\s+0\.\.12").unwrap())
        .stdout(predicate::str::is_match(r"만나\s+VV\s+stem\s+\d+\s+1\s+\d+\.\.\d+\s+만났다").unwrap());
}

#[test]
fn json_gives_byte_and_character_offsets() {
    let text = "😀 이재용 회장이";
    let v = json_out(&["analyze", "--format", "json", text], None);
    let tokens = v["tokens"].as_array().unwrap();
    let names: Vec<&str> = tokens.iter().map(|t| t["token"].as_str().unwrap()).collect();
    assert_eq!(names, ["이재용", "회장"]);
    let chars: Vec<char> = text.chars().collect();
    for t in tokens {
        let (s, e) = (t["start"].as_u64().unwrap() as usize, t["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], t["surface"].as_str().unwrap());
        let (cs, ce) = (t["char_start"].as_u64().unwrap() as usize, t["char_end"].as_u64().unwrap() as usize);
        assert_eq!(chars[cs..ce].iter().collect::<String>(), t["surface"].as_str().unwrap());
    }
    assert_eq!(tokens[0]["char_start"], 2, "the emoji counts as one character");
    assert!(v["analyzer"].as_str().unwrap().len() == 16);
}

#[test]
fn morphemes_show_raw_mecab_ko_segmentation() {
    let v = json_out(&["analyze", "--morphemes", "--format", "json", "만났습니다"], None);
    let m = v["morphemes"].as_array().unwrap();
    assert_eq!(m[0]["surface"], "만났");
    assert_eq!(m[0]["pos"], "VV+EP");
    assert_eq!(m[0]["type"], "Inflect");
    assert_eq!(m[0]["expression"], "만나/VV/*+았/EP/*");
    assert_eq!(m[1]["surface"], "습니다");
}

#[test]
fn standard_input_whole_or_line_by_line() {
    let v = json_out(&["analyze", "--format", "json"], Some("서울은\n부산은\n"));
    let names: Vec<&str> = v["tokens"].as_array().unwrap().iter().map(|t| t["token"].as_str().unwrap()).collect();
    assert_eq!(names, ["서울", "부산"]);
    let out = gisa()
        .args(["analyze", "--each-line", "--format", "json"])
        .write_stdin("서울은\n\n부산은\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "one JSON object per input line, empty ones included");
    assert_eq!(lines[2]["tokens"][0]["token"], "부산");
}

#[test]
fn analyzer_options_from_flags() {
    let v = json_out(&["analyze", "--format", "json", "--decompound", "none", "--stop-tags", "", "삼성전자는"], None);
    let names: Vec<&str> = v["tokens"].as_array().unwrap().iter().map(|t| t["token"].as_str().unwrap()).collect();
    assert_eq!(names, ["삼성전자", "는"]);
    let v = json_out(&["analyze", "--format", "json", "--hanja-reading", "韓國"], None);
    assert_eq!(v["tokens"][0]["token"], "한국");
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let dict = dir.path().join("user.csv");
    std::fs::write(&dict, "좋은말\n삼성전자 삼성 전기\n").unwrap();
    let out = gisa().args(["analyze", "--user-dict"]).arg(&dict).arg("삼성").assert().code(2).get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("user.csv:2:"), "{err}");

    let out = gisa().args(["analyze", "--stop-tags", "JKS,NOPE", "x"]).assert().code(2).get_output().clone();
    assert!(String::from_utf8(out.stderr).unwrap().contains("NOPE"));

    gisa().args(["analyze", "--format", "yaml", "x"]).assert().code(2);
    gisa()
        .args(["analyze", "--user-dict", "/nonexistent/user.csv", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/user.csv"));
    // Standard input that is not UTF-8.
    gisa()
        .arg("analyze")
        .write_stdin(vec![0xC7u8, 0xD1, 0xB1, 0xDB])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("UTF-8"));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `gisa analyze … | head -1`: the reader goes away; gisa exits quietly with status 0.
    let text = "서울은 부산은\n".repeat(50_000);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("gisa"))
        .args(["analyze", "--each-line"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = std::io::Write::write_all(&mut stdin, text.as_bytes());
    });
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success(), "status {:?}, stderr {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty());
}
