//! Korean analysis on real Korean text: particles, inflections, compounds, mixed scripts,
//! Hanja, characters above U+FFFF — and offsets checked by slicing the original text.

mod common;

use common::{analyzer, analyzer_with, terms};
use gisa::analysis::{DecompoundMode, Role};

fn has(list: &[String], term: &str) -> bool {
    list.iter().any(|t| t == term)
}

#[test]
fn particles_are_dropped_and_the_noun_stays() {
    let a = analyzer();
    assert_eq!(terms(&a, "서울은"), ["서울"]);
    assert_eq!(terms(&a, "회장이"), ["회장"]);
    assert_eq!(terms(&a, "퀄컴과"), ["퀄컴"]);
    assert_eq!(
        terms(&a, "이재용 삼성전자 회장이 미국 서부를 찾았다"),
        ["이재용", "삼성전자", "삼성", "전자", "회장", "미국", "서부", "찾"]
    );
}

#[test]
fn inflected_forms_share_their_stem() {
    let a = analyzer();
    for form in ["만났다", "만나서", "만났습니다", "만나다"] {
        let t = terms(&a, form);
        assert!(has(&t, "만나"), "{form} → {t:?}");
        assert!(
            !t.iter().any(|x| x == "었" || x == "았" || x == "습니다" || x == "다"),
            "{form} keeps an ending: {t:?}"
        );
    }
    // The stem's offsets cover the inflected word with its endings, for highlighting.
    let text = "CEO들과 잇따라 만났다.";
    let stem = a.analyze(text).into_iter().find(|t| t.text == "만나").expect("stem");
    assert_eq!(&text[stem.start..stem.end], "만났다");
    assert_eq!(stem.role, Role::Stem);
}

#[test]
fn compounds_index_the_whole_word_and_its_parts() {
    let a = analyzer();
    let text = "삼성전자는 반도체를";
    let t = a.analyze(text);
    let view: Vec<(&str, u32, &str)> = t.iter().map(|t| (t.text.as_str(), t.position, &text[t.start..t.end])).collect();
    assert_eq!(
        view[..3],
        [("삼성전자", 0, "삼성전자"), ("삼성", 0, "삼성"), ("전자", 1, "전자")],
        "mixed mode puts the whole word and the first part at one position"
    );
    assert_eq!(t[0].role, Role::Compound);
    assert_eq!(t[0].position_length, 2);
    // The word after the compound follows its last part.
    let next = t.iter().find(|t| t.text == "반도체").expect("반도체");
    assert_eq!(next.position, 2);

    let discard = analyzer_with(|o| o.decompound = DecompoundMode::Discard);
    assert_eq!(terms(&discard, "삼성전자는"), ["삼성", "전자"]);
    let none = analyzer_with(|o| o.decompound = DecompoundMode::None);
    assert_eq!(terms(&none, "삼성전자는"), ["삼성전자"]);
}

#[test]
fn middle_dot_lists_split_into_names() {
    let a = analyzer();
    assert_eq!(terms(&a, "메타·아마존·퀄컴"), ["메타", "아마존", "퀄컴"]);
    assert_eq!(terms(&a, "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용")[..3], ["메타", "아마존", "퀄컴"]);
}

#[test]
fn latin_text_is_lowercased_and_numbers_kept() {
    let a = analyzer();
    let text = "AI·GPT-4o·iPhone 16을 공개";
    let t = a.analyze(text);
    let view: Vec<(&str, &str)> = t.iter().map(|t| (t.text.as_str(), &text[t.start..t.end])).collect();
    assert_eq!(
        view,
        [("ai", "AI"), ("gpt", "GPT"), ("4", "4"), ("o", "o"), ("iphone", "iPhone"), ("16", "16"), ("공개", "공개")]
    );
}

#[test]
fn full_width_and_compatibility_characters_are_normalized() {
    let a = analyzer();
    let text = "ＡＩ 반도체 ㈜카카오";
    let t = a.analyze(text);
    let view: Vec<(&str, &str)> = t.iter().map(|t| (t.text.as_str(), &text[t.start..t.end])).collect();
    assert_eq!(
        view,
        [("ai", "ＡＩ"), ("반도체", "반도체"), ("반", "반"), ("도체", "도체"), ("주", "㈜"), ("카카오", "카카오")]
    );
}

#[test]
fn hanja_is_kept_or_read_as_hangul() {
    let plain = analyzer();
    assert_eq!(terms(&plain, "韓國의 經濟"), ["韓國", "經濟"]);
    let reading = analyzer_with(|o| o.hanja_reading = true);
    let text = "韓國의 經濟, 與野 대립";
    let t = reading.analyze(text);
    let view: Vec<(&str, &str)> = t.iter().map(|t| (t.text.as_str(), &text[t.start..t.end])).collect();
    assert_eq!(view, [("한국", "韓國"), ("경제", "經濟"), ("여야", "與野"), ("대립", "대립")]);
}

#[test]
fn emoji_and_supplementary_characters_keep_offsets_exact() {
    let a = analyzer();
    let text = "😀삼성전자🚀 𠀀한국 😀😀 AI👍";
    let t = a.analyze(text);
    for term in &t {
        assert!(text.is_char_boundary(term.start) && text.is_char_boundary(term.end));
    }
    let view: Vec<(&str, &str)> = t.iter().map(|t| (t.text.as_str(), &text[t.start..t.end])).collect();
    assert!(view.contains(&("삼성전자", "삼성전자")), "{view:?}");
    assert!(view.contains(&("한국", "한국")), "{view:?}");
    assert!(view.contains(&("ai", "AI")), "{view:?}");
    assert!(!view.iter().any(|(term, _)| term.contains('😀')), "emoji are not terms: {view:?}");
}

#[test]
fn word_terms_are_exactly_the_text_they_point_at() {
    // On a whole real article: every plain word term equals (lower-cased) the original text
    // at its offsets, and positions never go backwards.
    let a = analyzer();
    let text = std::fs::read_to_string(common::repo().join("corpus/daum/kukinews-2024-06-18-lee-jaeyong.txt")).unwrap();
    let t = a.analyze(&text);
    assert!(t.len() > 500);
    let mut last = 0;
    for term in &t {
        assert!(term.position >= last, "positions go backwards at {term:?}");
        last = term.position;
        let surface = &text[term.start..term.end];
        match term.role {
            Role::Word | Role::Compound | Role::Joined => assert_eq!(term.text, surface.to_lowercase(), "{term:?}"),
            Role::Part => assert!(surface.contains(&term.text) || term.text.len() > surface.len() / 2, "{term:?}"),
            Role::Stem => assert!(!surface.is_empty()),
        }
    }
}

#[test]
fn arbitrary_text_never_panics() {
    // A deterministic mix of Hangul, jamo, Hanja, Latin, digits, symbols, combining marks,
    // emoji, whitespace and control characters.
    let pools: [&[char]; 9] = [
        &['가', '한', '국', '삼', '성', '은', '는', '다', '았', '서'],
        &['ㄱ', 'ㅏ', 'ㅎ', '\u{1100}', '\u{1161}', '\u{11A8}'],
        &['韓', '國', '大', '金', '恩'],
        &['A', 'z', 'Ａ', 'é', 'ß'],
        &['0', '9', '①', '½'],
        &['.', '·', '…', '“', '”', '-', ',', '\u{301}'],
        &['😀', '𠀀', '🚀', '\u{FE0F}', '\u{200D}'],
        &[' ', '\n', '\t', '\u{3000}', '\u{A0}'],
        &['\u{0}', '\u{FEFF}', '\u{FFFD}', '\u{7F}'],
    ];
    let a = analyzer();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..300 {
        let mut s = String::new();
        for _ in 0..(seed % 60) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let pool = pools[(seed % 9) as usize];
            s.push(pool[((seed >> 8) as usize) % pool.len()]);
        }
        terms(&a, &s);
        a.morphemes(&s);
    }
}

#[test]
fn user_dictionary_adds_words_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("user.txt");
    std::fs::write(
        &path,
        "# 신조어와 회사 이름\n뉴진스\n카카오뱅크 카카오 뱅크\n챗지피티,,,,NNP,*,F,챗지피티,*,*,*,*\n",
    )
    .unwrap();
    let base = analyzer();
    assert_ne!(terms(&base, "뉴진스가"), ["뉴진스"], "the system dictionary does not know it");
    let a = analyzer_with(|o| o.user_dictionary = Some(path.clone()));
    assert_eq!(terms(&a, "뉴진스가 챗지피티를"), ["뉴진스", "챗지피티"]);
    let text = "카카오뱅크는";
    let t = a.analyze(text);
    let view: Vec<(&str, u32, &str)> = t.iter().map(|t| (t.text.as_str(), t.position, &text[t.start..t.end])).collect();
    assert_eq!(view, [("카카오뱅크", 0, "카카오뱅크"), ("카카오", 0, "카카오"), ("뱅크", 1, "뱅크")]);
    assert_ne!(a.fingerprint(), base.fingerprint(), "a user dictionary changes the analyzer identity");
}

#[test]
fn user_dictionary_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    for (content, expect) in [
        ("좋은단어\n삼성전자 삼성 전기\n", ":2: the parts 삼성 전기 do not spell the word 삼성전자"),
        ("단어,NNQ\n", ":1: cannot place NNQ"),
        ("단어,,,비싼,NNP\n", ":1: cost \"비싼\" is not a number"),
        ("\"깨진,NNP\n", ":1: expected `surface,POS[,reading]`"),
    ] {
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, content).unwrap();
        let options = gisa::analysis::AnalyzerOptions { user_dictionary: Some(path.clone()), ..Default::default() };
        let err = gisa::analysis::Analyzer::new(common::dict(), options).err().expect("must fail");
        let msg = format!("{err:#}");
        assert!(msg.contains(expect) && msg.contains("bad.csv"), "{content:?} → {msg}");
        assert!(!msg.contains('\n'));
    }
}

#[test]
fn stop_tags_can_be_changed() {
    let keep_all = analyzer_with(|o| o.stop_tags.clear());
    assert_eq!(terms(&keep_all, "서울은"), ["서울", "은"]);
    let err = gisa::analysis::Analyzer::new(
        common::dict(),
        gisa::analysis::AnalyzerOptions { stop_tags: vec!["JKS".into(), "PARTICLE".into()], ..Default::default() },
    )
    .err()
    .expect("unknown tag");
    assert!(err.to_string().contains("PARTICLE"));
}
