//! Story groups (issue 11, items 1 and 4) on the demo corpus plus syndicated copies of its
//! 전자신문 HBM article (tests/fixtures/syndicated): `search --collapse`, `story`/`copies`
//! in JSON, `show --copies`, groups kept across new, changed and deleted files, reports
//! collapsing by default and `--new` counting a story once, and `gisa similar`.

mod common;

use std::path::Path;

use common::corpus::{Scratch, copy_dir, scratch};
use common::repo;
use serde_json::Value;

const ORIGINAL: &str = "naver/etnews_20240705_0003211457.txt";
const NEWS1: &str = "syndicated/news1_20240705_hbm.json";
const HANI: &str = "syndicated/hani_20240705_hbm.json";
const OTHER: &str = "syndicated/khan_20240705_hbm_analysis.json";

fn setup() -> Scratch {
    let s = scratch();
    copy_dir(&repo().join("tests/fixtures/syndicated"), &s.corpus.join("syndicated"));
    std::fs::remove_file(s.corpus.join("syndicated/README.md")).ok();
    s.index(&[]);
    s
}

fn json(s: &Scratch, args: &[&str]) -> Value {
    let out = s.gisa().args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

fn ids(hits: &Value) -> Vec<String> {
    hits.as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect()
}

fn copies_of(s: &Scratch, id: &str) -> Vec<String> {
    let v = json(s, &["show", id, "--copies", "--format", "json"]);
    v["copies"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn syndicated_copies_are_one_story_and_another_article_on_the_event_is_not() {
    let s = setup();
    assert_eq!(copies_of(&s, HANI), [ORIGINAL, NEWS1, HANI], "earliest first");
    assert_eq!(copies_of(&s, OTHER), [OTHER]);

    // Without --collapse every copy is a hit, each saying its story and the other copies.
    let v = json(&s, &["search", "HBM", "--format", "json", "-n", "20"]);
    let hits = v["hits"].as_array().unwrap();
    let of = |id: &str| hits.iter().find(|h| h["id"] == id).unwrap_or_else(|| panic!("{id} not a hit"));
    for id in [ORIGINAL, NEWS1, HANI] {
        assert_eq!(of(id)["story"], ORIGINAL);
        let copies: Vec<&str> =
            of(id)["copies"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
        assert_eq!(copies.len(), 2, "{id}: {copies:?}");
        assert!(!copies.contains(&id));
    }
    assert_eq!(of(NEWS1)["copies"][0], serde_json::json!({"id": ORIGINAL, "press": "전자신문"}));

    // --collapse: one hit per story, ranks renumbered, the total still counts articles.
    let c = json(&s, &["search", "HBM", "--collapse", "--format", "json", "-n", "20"]);
    let collapsed = ids(&c["hits"]);
    let in_story = collapsed.iter().filter(|id| [ORIGINAL, NEWS1, HANI].contains(&id.as_str())).count();
    assert_eq!(in_story, 1, "{collapsed:?}");
    assert!(collapsed.contains(&OTHER.to_owned()), "the same-event article is its own story: {collapsed:?}");
    assert_eq!(collapsed.len(), hits.len() - 2);
    assert_eq!(c["total"], v["total"]);
    let ranks: Vec<u64> = c["hits"].as_array().unwrap().iter().map(|h| h["rank"].as_u64().unwrap()).collect();
    assert_eq!(ranks, (1..=collapsed.len() as u64).collect::<Vec<_>>());
    // The copy shown is the best-ranked one.
    let first_copy = ids(&v["hits"]).into_iter().find(|id| [ORIGINAL, NEWS1, HANI].contains(&id.as_str())).unwrap();
    assert!(collapsed.contains(&first_copy));

    // Paging counts stories: page 2 of 1-story pages is the second story.
    let p2 = json(&s, &["search", "HBM", "--collapse", "--format", "json", "-n", "1", "--offset", "1"]);
    assert_eq!(ids(&p2["hits"]), [collapsed[1].clone()]);
    assert_eq!(p2["hits"][0]["rank"], 2);

    // --count --collapse counts stories among every match.
    let count = |args: &[&str]| -> u64 {
        let o = s.gisa().args(["search", "HBM", "--count"]).args(args).output().unwrap();
        String::from_utf8(o.stdout).unwrap().trim().parse().unwrap()
    };
    assert_eq!(count(&[]), v["total"].as_u64().unwrap());
    assert_eq!(count(&["--collapse"]), v["total"].as_u64().unwrap() - 2);

    let text = s.gisa().args(["search", "HBM", "--collapse"]).output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("+2 more: "), "{text}");
    let more = text.lines().find(|l| l.contains("+2 more: ")).unwrap();
    assert_eq!(more.matches(", ").count(), 1, "two outlets named: {more}");
}

#[test]
fn groups_follow_new_changed_and_deleted_files() {
    let s = scratch();
    s.index(&[]);
    assert_eq!(copies_of(&s, ORIGINAL), [ORIGINAL]);
    let out = s.gisa().args(["show", ORIGINAL, "--copies"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "no copies: exit 1");

    // New files join the story.
    let syn = s.corpus.join("syndicated");
    std::fs::create_dir_all(&syn).unwrap();
    for f in [NEWS1, HANI] {
        std::fs::copy(repo().join("tests/fixtures").join(f), s.corpus.join(f)).unwrap();
    }
    s.index(&[]);
    assert_eq!(copies_of(&s, ORIGINAL), [ORIGINAL, NEWS1, HANI]);

    // A copy rewritten into another article leaves it.
    let other = std::fs::read_to_string(repo().join("tests/fixtures").join(OTHER)).unwrap();
    std::fs::write(s.corpus.join(HANI), other).unwrap();
    bump_mtime(&s.corpus.join(HANI));
    s.index(&[]);
    assert_eq!(copies_of(&s, ORIGINAL), [ORIGINAL, NEWS1]);

    // The original deleted: the other copy stands alone.
    std::fs::remove_file(s.corpus.join(ORIGINAL)).unwrap();
    s.index(&[]);
    assert_eq!(copies_of(&s, NEWS1), [NEWS1]);

    // Story files lost (or an index from before them): the next run rebuilds them from the
    // stored articles, without reading a file.
    std::fs::copy(repo().join("corpus").join(ORIGINAL), s.corpus.join(ORIGINAL)).unwrap();
    s.index(&[]);
    std::fs::remove_dir_all(s.index.join("gisa-stories")).unwrap();
    let (_, summary) = s.index(&[]);
    assert_eq!(summary["files_unchanged"], summary["files_seen"]);
    assert_eq!(copies_of(&s, NEWS1), [ORIGINAL, NEWS1]);

    // A damaged groups file: searches say which file and what to run (exit 2, one line),
    // and that run writes it again.
    let groups = s.index.join("gisa-stories/groups.bin");
    let bytes = std::fs::read(&groups).unwrap();
    std::fs::write(&groups, &bytes[..bytes.len() / 2]).unwrap();
    let out = s.gisa().args(["search", "HBM"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("groups.bin is damaged") && err.contains("gisa index") && err.lines().count() == 1, "{err}");
    let (_, summary) = s.index(&[]);
    assert_eq!(summary["files_unchanged"], summary["files_seen"]);
    assert_eq!(std::fs::read(&groups).unwrap(), bytes);
    assert_eq!(copies_of(&s, NEWS1), [ORIGINAL, NEWS1]);
}

fn bump_mtime(path: &Path) {
    let t = filetime::FileTime::from_unix_time(2_000_000_000, 0);
    filetime::set_file_mtime(path, t).unwrap();
}

#[test]
fn reports_collapse_by_default_and_new_counts_a_story_once() {
    let s = scratch();
    s.index(&[]);
    let report = s.dir.path().join("hbm.toml");
    let write = |collapse: &str| {
        std::fs::write(&report, format!("{collapse}[[search]]\nname = \"HBM\"\nquery = \"HBM 출하\"\nlimit = 10\n"))
            .unwrap()
    };
    let run = |args: &[&str]| -> Value {
        let out = s.gisa().arg("report").arg(&report).args(["--format", "json"]).args(args).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };
    write("");
    let first = run(&["--new"]);
    assert_eq!(first["searches"][0]["collapsed"], true);
    assert!(ids(&first["searches"][0]["hits"]).contains(&ORIGINAL.to_owned()));

    // Two syndicated copies of a story already reported arrive: nothing new.
    std::fs::create_dir_all(s.corpus.join("syndicated")).unwrap();
    for f in [NEWS1, HANI] {
        std::fs::copy(repo().join("tests/fixtures").join(f), s.corpus.join(f)).unwrap();
    }
    s.index(&[]);
    let again = run(&["--new"]);
    assert_eq!(again["searches"][0]["new"], 0, "{again}");
    assert!(ids(&again["searches"][0]["hits"]).is_empty());

    // A whole digest names the copies; `collapse = false` lists each.
    let all = run(&[]);
    let hits = &all["searches"][0]["hits"];
    let story: Vec<&Value> = hits.as_array().unwrap().iter().filter(|h| h["story"] == ORIGINAL).collect();
    assert_eq!(story.len(), 1);
    assert_eq!(story[0]["copies"].as_array().unwrap().len(), 2);
    let text = s.gisa().arg("report").arg(&report).output().unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("+2 more: "));
    write("collapse = false\n");
    let every = run(&[]);
    assert_eq!(every["searches"][0]["collapsed"], false);
    let n = every["searches"][0]["hits"].as_array().unwrap().iter().filter(|h| h["story"] == ORIGINAL).count();
    assert_eq!(n, 3);
    assert_eq!(every["searches"][0]["total"].as_u64().unwrap(), all["searches"][0]["total"].as_u64().unwrap() + 2);
}

#[test]
fn similar_lists_related_coverage_with_the_copies_apart() {
    let s = setup();
    let v = json(&s, &["similar", ORIGINAL, "--format", "json"]);
    assert_eq!(v["story"], ORIGINAL);
    let copies: Vec<&str> = v["copies"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(copies, [NEWS1, HANI]);
    let related = ids(&v["hits"]);
    assert!(!related.iter().any(|id| [ORIGINAL, NEWS1, HANI].contains(&id.as_str())), "{related:?}");
    // The same-event article and the other HBM coverage come first; the weather does not come.
    assert_eq!(related[0], OTHER, "{related:?}");
    assert!(related.iter().any(|id| id.contains("mk_20240705")), "{related:?}");
    assert!(!related.iter().any(|id| id.contains("열대야")), "{related:?}");
    let terms: Vec<&str> = v["terms"].as_array().unwrap().iter().map(|t| t["term"].as_str().unwrap()).collect();
    assert!(terms.contains(&"hbm"), "{terms:?}");

    // From a copy, the same: the original is a copy, not related.
    let from_copy = json(&s, &["similar", HANI, "--format", "json"]);
    assert!(!ids(&from_copy["hits"]).contains(&ORIGINAL.to_owned()));
    assert_eq!(ids(&from_copy["hits"])[0], OTHER);

    // Every output format of gisa search.
    let out = |fmt: &str| {
        let o = s.gisa().args(["similar", ORIGINAL, "--format", fmt]).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{fmt}: {}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap()
    };
    let jsonl: Vec<Value> = out("jsonl").lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(jsonl.iter().map(|h| h["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>(), related);
    let csv = out("csv");
    assert!(csv.starts_with("rank,score,id,"));
    assert_eq!(csv.lines().count(), related.len() + 1);
    assert!(out("tsv").lines().nth(1).unwrap().contains(&format!("\t{OTHER}\t")));
    assert!(out("paths").lines().next().unwrap().ends_with(OTHER));
    let text = out("text");
    assert!(text.contains("Its own copies (2)"), "{text}");
    assert!(text.contains("뉴스1") && text.contains("한겨레"));

    let missing = s.gisa().args(["similar", "no-such-article"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no article with id"));
}

#[test]
fn trend_collapse_counts_a_story_once_per_period_and_once_in_all() {
    let s = scratch();
    let syn = s.corpus.join("syndicated");
    std::fs::create_dir_all(&syn).unwrap();
    std::fs::copy(repo().join("tests/fixtures").join(NEWS1), s.corpus.join(NEWS1)).unwrap();
    // The third copy comes out a month later: the story is in July and in August.
    let hani = std::fs::read_to_string(repo().join("tests/fixtures").join(HANI)).unwrap();
    assert!(hani.contains("2024-07-05T"), "fixture date changed");
    std::fs::write(s.corpus.join(HANI), hani.replace("2024-07-05T", "2024-08-01T")).unwrap();
    s.index(&[]);
    assert_eq!(copies_of(&s, ORIGINAL), [ORIGINAL, NEWS1, HANI]);

    let trend = |extra: &[&str]| {
        let args =
            ["trend", "HBM", "--by", "month", "--since", "2024-06-01", "--until", "2024-08-31", "--format", "json"];
        let v = json(&s, &[&args[..], extra].concat());
        let series = &v["series"][0];
        let counts: Vec<u64> = series["counts"].as_array().unwrap().iter().map(|c| c.as_u64().unwrap()).collect();
        (v["counting"].as_str().unwrap().to_owned(), series["total"].as_u64().unwrap(), counts)
    };
    let (what, articles, per_month) = trend(&[]);
    let (what_c, stories, per_month_c) = trend(&["--collapse"]);
    assert_eq!((what.as_str(), what_c.as_str()), ("articles", "stories"));
    // June, July, August: the two July copies count once, the August copy once in August.
    assert_eq!(per_month_c[0], per_month[0]);
    assert_eq!(per_month_c[1], per_month[1] - 1, "{per_month:?} vs {per_month_c:?}");
    assert_eq!(per_month_c[2], per_month[2]);
    assert!(per_month[2] >= 1, "the August copy is counted: {per_month:?}");
    // In all, the three copies are one story.
    assert_eq!(stories, articles - 2);
    // --count --collapse agrees with the trend's total over the same range.
    let out = s
        .gisa()
        .args(["search", "HBM", "--count", "--collapse", "--since", "2024-06-01", "--until", "2024-08-31"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), stories.to_string());

    let text = s
        .gisa()
        .args(["trend", "HBM", "--collapse", "--by", "month", "--since", "2024-06-01", "--until", "2024-08-31"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains(&format!("{stories} stories")), "{text}");
}
