//! What Korean news pages print around an article, line by line: menus and buttons, photo
//! captions and image notes, bylines, copyright lines, section notes and the lists that follow
//! an article. Shared by the text and HTML extractors (and the JSON byline field).

use std::sync::LazyLock;

use regex::Regex;

/// Hangul syllable (가–힣).
pub fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// Collapses whitespace runs (including no-break and ideographic spaces) to one space and trims.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Hangul and most text: copy the run up to the next byte that may start whitespace
        // (ASCII whitespace, or the lead byte of U+00A0, U+2000–U+205F, U+3000, U+FEFF).
        if !(b.is_ascii_whitespace() || matches!(b, 0xc2 | 0xe2 | 0xe3 | 0xef)) {
            let run_end =
                bytes[i..].iter().position(|&c| c.is_ascii_whitespace() || matches!(c, 0xc2 | 0xe2 | 0xe3 | 0xef));
            let j = run_end.map_or(bytes.len(), |p| i + p);
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&s[i..j]);
            i = j;
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

/// True if a line ends like a sentence: `.`, `?`, `!`, `…`, or a closing quote/bracket after
/// sentence-final punctuation or a final ending (`다”`, `.’`).
pub fn ends_sentence(line: &str) -> bool {
    let mut it = line.trim_end().chars().rev();
    let Some(last) = it.next() else { return false };
    match last {
        '.' | '?' | '!' | '。' | '…' => true,
        '"' | '”' | '’' | '\'' | ')' | '」' | '』' => {
            matches!(it.next(), Some('.' | '?' | '!' | '다' | '요' | '죠' | '까' | '…' | '니' | '네' | '라'))
        }
        _ => false,
    }
}

static EMAIL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
    )
    .expect("email regex")
});

/// The first e-mail address in `s`.
pub fn find_email(s: &str) -> Option<&str> {
    if !s.contains('@') {
        return None;
    }
    EMAIL_RE.find(s).map(|m| m.as_str().trim_end_matches('.'))
}

/// Job titles that follow a reporter's name.
const TITLES: &str =
    "기자|특파원|선임기자|수석기자|전문기자|객원기자|인턴기자|수습기자|편집위원|논설위원|통신원|기상캐스터";

/// Words that stand before `기자` but are not names.
const NOT_NAMES: &[&str] = &[
    "사진",
    "취재",
    "담당",
    "영상",
    "현장",
    "전문",
    "일선",
    "수습",
    "여성",
    "해당",
    "출입",
    "소속",
    "인턴",
    "객원",
    "편집",
    "선임",
    "수석",
    "온라인",
    "디지털",
    "뉴스",
    "기자",
    "동료",
    "모든",
    "다른",
    "한국",
    "외신",
    "국내",
    "외국",
    "종군",
    "방송",
    "신문",
    "스포츠",
    "연예",
    "경제",
    "정치",
    "사회",
    "문화",
    "국제",
    "기동",
    "데스크",
    "당시",
    "현직",
    "전직",
    "일부",
    "많은",
    "여러",
    "우리",
    "젊은",
    "한명",
    "명의",
    "본지",
    "본사",
    "인천",
    "서울",
    "부산",
    "대구",
    "광주",
    "대전",
    "울산",
    "세종",
    "제주",
    "취재진",
    "영상취재",
    "사진부",
    "공동취재",
];

/// Press-name endings: `연합뉴스 기자` is a press, not a reporter.
const PRESS_ENDINGS: &[&str] = &["뉴스", "일보", "신문", "방송", "경제", "타임스", "미디어", "통신", "데일리"];

/// True if `name` (2–4 Hangul syllables) looks like a person's name.
pub fn plausible_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=4).contains(&n)
        && name.chars().all(is_hangul)
        && !NOT_NAMES.contains(&name)
        && !(n >= 3 && PRESS_ENDINGS.iter().any(|e| name.ends_with(e)))
}

static NAME_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:^|[^가-힣])([가-힣]{{2,4}})\s?(?:{TITLES})(?:$|[^가-힣])")).expect("name regex")
});

/// The first `NAME 기자` (or 특파원 …) in `s` whose name is plausible.
pub fn find_reporter(s: &str) -> Option<String> {
    if !(s.contains("기자")
        || s.contains("특파원")
        || s.contains("위원")
        || s.contains("통신원")
        || s.contains("캐스터"))
    {
        return None;
    }
    let mut at = 0;
    while at < s.len() {
        let c = NAME_TITLE_RE.captures_at(s, at)?;
        let name = c.get(1)?;
        if plausible_name(name.as_str()) {
            return Some(name.as_str().to_owned());
        }
        // Retry just after this name's first character.
        at = name.start() + name.as_str().chars().next().map_or(1, char::len_utf8);
        while at < s.len() && !s.is_char_boundary(at) {
            at += 1;
        }
    }
    None
}

/// A reporter's byline: name and/or e-mail.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub name: Option<String>,
    pub email: Option<String>,
}

static BYLINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:글·사진|사진·글|글|사진|영상|취재|정리)\s*[:=]?\s*)?(?:[\[(]?[가-힣A-Za-z0-9]{{1,12}}[\])]?\s+)?([가-힣]{{2,4}})(?:\s*[·,/]\s*[가-힣]{{2,4}})*\s?(?:{TITLES})$"
    ))
    .expect("byline regex")
});
static BYLINE_REVERSED_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[가-힣A-Za-z0-9]{1,12}\s+)?(?:기자|특파원)\s+([가-힣]{2,4})$").expect("reversed byline regex")
});

/// A line that is only a byline: `이소연 기자 soyeon@kukinews.com`, `김민수 기자 (minsoo@yna.co.kr)`,
/// `minsoo@yna.co.kr`, `정태윤 기자`, `[김민수 기자]`, `글·사진 김민수 기자`, `경향신문 기자 서지원 …`.
pub fn parse_byline_line(line: &str) -> Option<Byline> {
    let t = line.trim();
    static HINT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new("@|기자|특파원|위원|통신원|캐스터").expect("byline hint"));
    if t.is_empty() || t.len() > 270 || !HINT.is_match(t) {
        return None;
    }
    if t.chars().count() > 90 {
        return None;
    }
    let email = find_email(t);
    let mut rest = t.to_owned();
    if let Some(e) = email {
        rest = rest.replacen(e, " ", 1);
    }
    let rest = rest
        .replace(['(', ')', '（', '）', '<', '>', '[', ']', '〈', '〉', '/', '='], " ")
        .replace("E-mail", " ")
        .replace("e-mail", " ")
        .replace("이메일", " ");
    let rest = squash(rest.trim_matches(|c: char| c.is_whitespace() || c == ':' || c == '|' || c == '-'));
    let email = email.map(str::to_owned);
    if rest.is_empty() {
        return email.map(|e| Byline { name: None, email: Some(e) });
    }
    for re in [&*BYLINE_RE, &*BYLINE_REVERSED_RE] {
        if let Some(c) = re.captures(&rest)
            && let Some(n) = c.get(1)
            && plausible_name(n.as_str())
        {
            return Some(Byline { name: Some(n.as_str().to_owned()), email });
        }
    }
    None
}

/// A byline field's value (JSON `byline`/`reporter`, an HTML byline element): a name (`김민수`),
/// a byline (`김민수 기자 (minsoo@yna.co.kr)`), or a name with other words.
pub fn parse_byline_value(s: &str) -> Byline {
    let t = squash(s);
    if let Some(b) = parse_byline_line(&t) {
        return b;
    }
    let email = find_email(&t).map(str::to_owned);
    if let Some(name) = find_reporter(&t) {
        return Byline { name: Some(name), email };
    }
    let rest = match &email {
        Some(e) => t.replace(e.as_str(), " "),
        None => t.clone(),
    };
    let rest = squash(&rest.replace(['(', ')', '<', '>', '[', ']'], " "));
    let word = rest.split([',', '·', '/', ';']).next().unwrap_or("").trim();
    let name = if word.is_empty() || word.chars().count() > 30 { None } else { Some(word.to_owned()) };
    Byline { name, email }
}

static WIRE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[(\[]\s*([^=()\[\]]{{1,20}}?)\s*=\s*([^=()\[\]]{{1,20}}?)\s*[)\]]\s*(?:([가-힣]{{2,4}})(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?(?:{TITLES}))?"
    ))
    .expect("wire regex")
});
static BRACKET_DATELINE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^\[([^\[\]=]{{1,20}}?)\s+([가-힣]{{2,4}})\s?(?:{TITLES})\]")).expect("bracket dateline regex")
});

/// A wire dateline starting a paragraph: `(서울=연합뉴스) 김민수 기자 = …`, `[서울=뉴시스]`,
/// `[매일경제 한서진 기자] …`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    pub press: Option<String>,
    pub reporter: Option<String>,
}

/// The dateline at the start of `para`, if any.
pub fn parse_dateline(para: &str) -> Option<Dateline> {
    let t = para.trim_start();
    if !(t.starts_with('(') || t.starts_with('[')) {
        return None;
    }
    if let Some(c) = WIRE_RE.captures(t) {
        let press = c.get(2).map(|m| m.as_str().trim().to_owned()).filter(|p| !p.is_empty());
        let reporter = c.get(3).map(|m| m.as_str().to_owned()).filter(|n| plausible_name(n));
        return Some(Dateline { press, reporter });
    }
    if let Some(c) = BRACKET_DATELINE_RE.captures(t) {
        let press = c.get(1).map(|m| m.as_str().trim().to_owned());
        let reporter = c.get(2).map(|m| m.as_str().to_owned()).filter(|n| plausible_name(n));
        return Some(Dateline { press, reporter });
    }
    None
}

/// Whole lines that are site chrome: skip links, menus, buttons, counters, portal footers.
const CHROME: &[&str] = &[
    "본문 바로가기",
    "컨텐츠 바로가기",
    "콘텐츠 바로가기",
    "메뉴 바로가기",
    "주메뉴 바로가기",
    "검색 바로가기",
    "NAVER 뉴스",
    "NAVER",
    "네이버 뉴스",
    "다음뉴스",
    "Daum",
    "뉴스홈",
    "홈",
    "추천",
    "본문 요약봇",
    "요약봇",
    "자동요약",
    "텍스트 음성 변환 서비스 사용하기",
    "텍스트 음성 변환 서비스",
    "글자 크기 변경하기",
    "글자 크기 변경",
    "글자크기 변경",
    "글자 크기",
    "글씨 크기 조절하기",
    "SNS 보내기",
    "SNS 공유하기",
    "인쇄하기",
    "인쇄",
    "주소복사가 완료되었습니다",
    "주소가 복사되었습니다",
    "URL이 복사되었습니다",
    "기사원문",
    "기사원문 스크랩",
    "스크랩",
    "본문듣기 설정",
    "본문듣기",
    "음성으로 듣기",
    "번역",
    "번역 설정",
    "공유하기",
    "공유",
    "닫기",
    "구독",
    "구독하기",
    "구독중",
    "구독 취소",
    "전체메뉴 버튼",
    "전체메뉴",
    "메뉴",
    "검색",
    "로그인",
    "이 기사를 추천합니다",
    "댓글 쓰기",
    "댓글쓰기",
    "더보기",
    "공감순  최신순  공감비율순",
    "공감순 최신순 공감비율순",
    "이용약관",
    "개인정보처리방침",
    "뉴스 고객센터",
    "뉴스 운영원칙",
    "© NAVER Corp.",
    "기사 섹션 분류 안내",
    "메인에서 바로 보는 언론사 편집 뉴스 지금 바로 구독해보세요!",
    "오후 4시~5시까지 집계한 결과입니다.",
    "URL복사",
    "페이스북",
    "트위터",
    "카카오톡",
    "좋아요",
    "싫어요",
    "기사저장",
    "광고",
    "AD",
    "TOP",
    "맨위로",
    "이전",
    "다음",
    "목록",
    "알고리즘 안내",
    "정정보도 모음",
    "언론사별",
    "기자 프로필",
    "구독자",
    "응원수",
    "글씨크기 조절하기",
    "번역 설정",
    "번역beta",
    "Translated by",
    "본문 듣기",
    "음성 듣기",
    "기사 듣기",
    "요약",
    "기사 요약",
    "AI 요약",
    "공유 더보기",
    "프린트",
    "다른 기사 보기",
    "다른기사 보기",
    "기자의 다른 기사",
    "이 기사를 공유합니다",
    "기사 공유하기",
    "카카오톡 공유하기",
    "페이스북 공유하기",
    "링크 복사하기",
    "좋아요 누르기",
    "댓글 보기",
    "댓글 바로가기",
    "응원하기",
];

/// Words of a share/tool button row (`페이스북 트위터 카카오톡 URL복사 글씨키우기 글씨줄이기 인쇄`).
const BUTTON_WORDS: &[&str] = &[
    "페이스북",
    "트위터",
    "카카오톡",
    "카카오스토리",
    "카카오",
    "밴드",
    "네이버블로그",
    "블로그",
    "URL복사",
    "링크복사",
    "URL",
    "복사",
    "글씨키우기",
    "글씨줄이기",
    "글자크기",
    "글씨크기",
    "인쇄",
    "인쇄하기",
    "스크랩",
    "공유",
    "공유하기",
    "메일",
    "이메일",
    "좋아요",
    "엑스",
    "X",
    "라인",
    "텔레그램",
    "저장",
    "북마크",
    "기사저장",
    "가",
    "+",
    "-",
];

/// Reaction counters (`쏠쏠정보 4`, `좋아요 31`, `댓글 12`, `댓글12`, `공감 38`).
const COUNTERS: &[&str] = &[
    "댓글",
    "공감",
    "좋아요",
    "추천",
    "싫어요",
    "쏠쏠정보",
    "흥미진진",
    "공감백배",
    "분석탁월",
    "후속강추",
    "훈훈해요",
    "슬퍼요",
    "화나요",
    "후속기사 원해요",
    "추천해요",
    "응원해요",
    "놀랐어요",
    "조회",
    "조회수",
];

/// True if a whole line is chrome: a skip link, menu entry, button, counter or portal footer.
pub fn is_chrome(line: &str) -> bool {
    static SET: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| CHROME.iter().copied().collect());
    let t = line.trim();
    if t.is_empty() || t.len() > 200 {
        return false;
    }
    if t.len() <= 100 && SET.contains(t) {
        return true;
    }
    // Bare counts of reactions and comments (`3`, `1,024`).
    if t.len() <= 12 && t.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return true;
    }
    // Counters: `댓글 12`, `댓글12`, `쏠쏠정보 4`.
    if t.len() <= 40 {
        for c in COUNTERS {
            if let Some(rest) = t.strip_prefix(c) {
                let rest = rest.trim();
                if rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'+') {
                    return true;
                }
            }
        }
    }
    is_button_row(t) || is_menu_row(t)
}

/// A row of share/tool buttons.
pub fn is_button_row(t: &str) -> bool {
    let mut n = 0;
    for w in t.split_whitespace() {
        if n > 24 || !BUTTON_WORDS.contains(&w) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// Section names of press-site and portal menus.
pub const SECTIONS: &[&str] = &[
    "전체기사",
    "정치",
    "경제",
    "사회",
    "국제",
    "세계",
    "문화",
    "생활/문화",
    "생활",
    "스포츠",
    "연예",
    "오피니언",
    "포토",
    "영상",
    "IT/과학",
    "IT",
    "과학",
    "랭킹",
    "신문보기",
    "TV",
    "팩트체크",
    "뉴스홈",
    "사설",
    "칼럼",
    "산업",
    "금융",
    "증권",
    "부동산",
    "지역",
    "전국",
    "라이프",
    "건강",
    "교육",
    "여행",
    "기획",
    "연재",
    "북한",
    "외교",
    "국방",
    "노동",
    "환경",
    "날씨",
    "사람들",
    "인물",
    "경제일반",
    "정치일반",
    "사회일반",
    "IT일반",
    "국제일반",
    "속보",
    "단독",
    "많이 본 뉴스",
    "Home",
    "홈",
    "English",
    "뉴스",
    "전체",
    "최신기사",
    "전체뉴스",
];

/// A menu row: several section names on one line (`전체기사  정치  경제 …`).
pub fn is_menu_row(t: &str) -> bool {
    fn check<'a>(parts: impl Iterator<Item = &'a str>) -> bool {
        let (mut n, mut known) = (0usize, 0usize);
        for p in parts {
            if p.chars().count() > 8 {
                return false;
            }
            let k = SECTIONS.contains(&p);
            // Menus start with a section name.
            if n == 0 && !k {
                return false;
            }
            n += 1;
            known += usize::from(k);
        }
        n >= 4 && known * 4 >= n * 3
    }
    if t.len() > 300 {
        return false;
    }
    if t.contains("  ") {
        check(t.split("  ").map(str::trim).filter(|s| !s.is_empty()))
    } else {
        check(t.split_whitespace())
    }
}

/// A section label on its own line (`경제`, `IT/과학`, `생활/문화`).
pub fn is_section_label(t: &str) -> bool {
    let t = t.trim();
    SECTIONS.contains(&t)
        && !matches!(
            t,
            "전체기사"
                | "랭킹"
                | "신문보기"
                | "많이 본 뉴스"
                | "Home"
                | "홈"
                | "뉴스홈"
                | "뉴스"
                | "전체"
                | "최신기사"
                | "전체뉴스"
        )
}

/// A line marked like a photo caption (`▲ …`, `△ …`): a caption when it comes before the
/// article's first paragraph (elsewhere it may be a list item of the body).
pub fn is_arrow_line(line: &str) -> bool {
    line.trim_start().starts_with(['▲', '△', '▼', '▷', '◀'])
}

/// Image notes that follow a photo: `<이미지를 클릭하시면 크게 보실 수 있습니다>`.
pub fn is_image_note(line: &str) -> bool {
    let t = line.trim();
    t.len() < 120
        && (t.contains("이미지를 클릭하시면")
            || t.contains("이미지 크게보기")
            || t.contains("이미지 확대")
            || t.contains("사진 확대")
            || t == "확대보기"
            || t == "사진"
            || t == "이미지"
            || t == "[사진]"
            || t == "[이미지]"
            || t == "동영상 재생"
            || t == "재생")
}

static CAPTION_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:[(\[<{/]\s*(?:사진|그래픽|자료|영상|촬영|출처|제공)\s*(?:제공)?\s*[=:]|^사진\s*[=:]|[ⓒ©]\s*News1|[ⓒ©]\s*뉴스1|/\s*(?:사진|자료)\s*제공\s*=?)",
    )
    .expect("caption regex")
});
static CAPTION_BRACKET_END_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\[(〈<]\s*(?:[^\[\]()]{0,30}(?:제공|사진|공동취재|자료|캡처|캡쳐|촬영|출처|연합뉴스|뉴시스|뉴스1|AP|AFP|로이터|EPA|게티이미지|신화|UPI|DB|그래픽))[^\[\]()]{0,20}[\])〉>]\s*$",
    )
    .expect("caption bracket regex")
});
static WIRE_INSIDE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\S\s*[(\[][가-힣A-Za-z ]{1,12}=[가-힣A-Za-z0-9 ]{1,12}[)\]]").expect("wire inside regex")
});

/// A photo caption line: `… /사진=연합뉴스`, `… (사진=한겨레 DB)`, `… [공동취재]`,
/// `… /뉴스1 © News1`, a Yonhap caption with the dateline in the middle.
pub fn is_caption(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 900 {
        return false;
    }
    // Every credit form has `=`, `:`, `ⓒ`/`©` or `제공` in it: a cheap gate before the regex.
    let b = t.as_bytes();
    let gate = b.contains(&b'=') || b.contains(&b':') || t.contains(['ⓒ', '©']) || t.contains("제공");
    if gate && CAPTION_CREDIT_RE.is_match(t) {
        // A paragraph may quote `(사진=…)` mid-sentence; a caption ends soon after it.
        return !ends_sentence(t) || t.len() < 400;
    }
    if t.ends_with([']', ')', '〉', '>']) && CAPTION_BRACKET_END_RE.is_match(t) {
        return true;
    }
    // `여야 원내대표 회동 (서울=연합뉴스) 12일 오전 … ` — a wire dateline inside, not at the start.
    t.contains('=') && !t.starts_with(['(', '[']) && !ends_sentence(t) && WIRE_INSIDE_RE.is_match(t)
}

/// A copyright line: `Copyright ⓒ 전자신문. All rights reserved.`, `<저작권자 © 한겨레, 무단 전재 …>`,
/// `ⓒ 서울신문 무단전재 및 재배포금지`. Short lines only: a paragraph about copyright law is not one.
pub fn is_copyright(line: &str) -> bool {
    static HINT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i:copyright|all rights reserved)|무단|^[ⓒ©]|^\([cC]\)|^[<\[]?저작권자").expect("copyright regex")
    });
    let t = line.trim();
    if t.is_empty() || t.len() > 300 || !HINT.is_match(t) {
        return false;
    }
    t.contains("Copyright")
        || t.contains("COPYRIGHT")
        || (t.contains("copyright") && t.len() < 120)
        || t.contains("All rights reserved")
        || t.contains("All Rights Reserved")
        || (t.contains("무단")
            && (t.contains("전재") || t.contains("배포") || t.contains("복제"))
            && (t.starts_with(['<', 'ⓒ', '©'])
                || (t.len() <= 240
                    && (!ends_sentence(t)
                        || t.chars().count() <= 30
                        || ["금지.", "금합니다.", "금지합니다.", "금지됩니다."].iter().any(|e| t.ends_with(e))))))
        || t.starts_with(['ⓒ', '©'])
        || t.starts_with("(c)")
        || t.starts_with("(C)")
        || t.starts_with("<저작권자")
        || t.starts_with("[저작권자")
        || (t.starts_with("저작권자") && (t.contains('©') || t.contains('ⓒ') || t.contains("(c)")))
}

/// Portal or platform names that are not the press.
pub fn is_portal(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    matches!(
        n.as_str(),
        "naver"
            | "naver corp"
            | "naver corp."
            | "네이버"
            | "네이버 뉴스"
            | "네이버뉴스"
            | "naver 뉴스"
            | "daum"
            | "다음"
            | "다음뉴스"
            | "다음 뉴스"
            | "kakao"
            | "kakao corp"
            | "kakao corp."
            | "카카오"
            | "nate"
            | "네이트"
            | "네이트뉴스"
            | "zum"
            | "줌"
            | "google"
            | "google news"
            | "msn"
            | "yahoo"
    )
}

/// The press named by a copyright line.
pub fn press_from_copyright(line: &str) -> Option<String> {
    let t = line.trim();
    let mut rest = None;
    for mark in ["ⓒ", "©", "(c)", "(C)", "Copyright", "COPYRIGHT", "copyright"] {
        if let Some(p) = t.find(mark) {
            let after = &t[p + mark.len()..];
            // `Copyright ⓒ X`: continue past the second mark.
            let after = after.trim_start();
            let after = ["ⓒ", "©", "(c)", "(C)"].iter().find_map(|m| after.strip_prefix(m)).unwrap_or(after);
            rest = Some(after);
            break;
        }
    }
    let rest = rest?.trim_start_matches(|c: char| c.is_whitespace() || c.is_ascii_digit() || c == '-');
    let end = rest
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | ',' | ':' | '|' | '<' | '>' | '(' | '[' | '/' | '\'')
                || rest[i..].starts_with(" 무단")
                || rest[i..].starts_with("무단")
                || rest[i..].starts_with(" All")
                || rest[i..].starts_with(" all")
                || rest[i..].starts_with(" 및")
        })
        .map_or(rest.len(), |(i, _)| i);
    let name = rest[..end].trim();
    let name = name.strip_suffix(" Corp").unwrap_or(name).trim();
    if name.is_empty() || name.chars().count() > 20 || is_portal(name) || name.contains("저작권") {
        return None;
    }
    Some(name.to_owned())
}

/// Lines that end an article's text in saved pages: section notes, related and popular lists,
/// recommendations, portal footers.
pub fn is_end_marker(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 300 {
        return false;
    }
    t.starts_with("이 기사는 언론사에서")
        || t.starts_with("기사 섹션 분류 안내")
        || t.starts_with("기사의 섹션 정보는")
        || t.starts_with("기사가 속한 카테고리는")
        || t.starts_with("언론사는 한 기사를")
        || t == "관련기사"
        || t == "관련 기사"
        || t == "관련뉴스"
        || t == "관련 뉴스"
        || t == "많이 본 뉴스"
        || t == "많이 본 기사"
        || t == "이 시각 주요뉴스"
        || t == "이 시각 추천뉴스"
        || t == "주요뉴스"
        || t == "이 기사를 추천합니다"
        || t == "함께 볼만한 뉴스"
        || t == "추천 기사"
        || t == "인기 기사"
        || t == "최신 기사"
        || t.ends_with(" 헤드라인")
        || t.ends_with(" 랭킹 뉴스")
        || t.starts_with("▶ ")
        || t.starts_with("☞")
        || t.starts_with("※ 이 기사")
}

static SECTION_NOTE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"언론사에서\s*(.+?)\s*섹션으로\s*분류").expect("section note regex"));

/// Naver's section note: `이 기사는 언론사에서 경제 섹션으로 분류했습니다.` → `경제`.
pub fn section_note(line: &str) -> Option<String> {
    if !line.contains("섹션으로") {
        return None;
    }
    let c = SECTION_NOTE_RE.captures(line)?;
    let s = c.get(1)?.as_str().trim();
    // Several sections: `경제, IT/과학` → the first.
    let first = s.split([',', '·']).next().unwrap_or(s).trim();
    (!first.is_empty() && first.chars().count() <= 20).then(|| first.to_owned())
}

/// Web and mail domains of Korean news organizations (for pages that name their press nowhere
/// else).
const PRESS_DOMAINS: &[(&str, &str)] = &[
    ("yna.co.kr", "연합뉴스"),
    ("yonhapnews.co.kr", "연합뉴스"),
    ("newsis.com", "뉴시스"),
    ("news1.kr", "뉴스1"),
    ("biz.chosun.com", "조선비즈"),
    ("chosun.com", "조선일보"),
    ("joongang.co.kr", "중앙일보"),
    ("joins.com", "중앙일보"),
    ("donga.com", "동아일보"),
    ("hani.co.kr", "한겨레"),
    ("khan.co.kr", "경향신문"),
    ("hankookilbo.com", "한국일보"),
    ("kmib.co.kr", "국민일보"),
    ("seoul.co.kr", "서울신문"),
    ("segye.com", "세계일보"),
    ("munhwa.com", "문화일보"),
    ("mk.co.kr", "매일경제"),
    ("hankyung.com", "한국경제"),
    ("sedaily.com", "서울경제"),
    ("mt.co.kr", "머니투데이"),
    ("fnnews.com", "파이낸셜뉴스"),
    ("heraldcorp.com", "헤럴드경제"),
    ("asiae.co.kr", "아시아경제"),
    ("edaily.co.kr", "이데일리"),
    ("etnews.com", "전자신문"),
    ("dt.co.kr", "디지털타임스"),
    ("inews24.com", "아이뉴스24"),
    ("zdnet.co.kr", "지디넷코리아"),
    ("kukinews.com", "쿠키뉴스"),
    ("nocutnews.co.kr", "노컷뉴스"),
    ("ohmynews.com", "오마이뉴스"),
    ("pressian.com", "프레시안"),
    ("kbs.co.kr", "KBS"),
    ("imbc.com", "MBC"),
    ("sbs.co.kr", "SBS"),
    ("ytn.co.kr", "YTN"),
    ("jtbc.co.kr", "JTBC"),
    ("newspim.com", "뉴스핌"),
    ("nate.com", ""),
];

/// The press of an e-mail address or URL's domain (`minsoo@yna.co.kr` → 연합뉴스).
pub fn press_from_domain(s: &str) -> Option<&'static str> {
    let host = s.rsplit('@').next().unwrap_or(s);
    let host = host.split("://").last().unwrap_or(host);
    let host = host.split(['/', ':', '?']).next().unwrap_or(host).to_ascii_lowercase();
    PRESS_DOMAINS
        .iter()
        .find(|(d, _)| host == *d || host.ends_with(&format!(".{d}")))
        .map(|(_, p)| *p)
        .filter(|p| !p.is_empty())
}

/// Naver's section ids (`sid1`).
pub fn naver_section(id: &str) -> Option<&'static str> {
    Some(match id {
        "100" => "정치",
        "101" => "경제",
        "102" => "사회",
        "103" => "생활/문화",
        "104" => "세계",
        "105" => "IT/과학",
        "106" => "연예",
        "107" => "스포츠",
        "110" => "오피니언",
        _ => return None,
    })
}

/// Tags that break a line when markup is flattened to text.
fn breaks_line(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "table"
            | "ul"
            | "ol"
            | "dd"
            | "dt"
            | "figure"
            | "figcaption"
            | "title"
            | "main"
    )
}

/// Markup flattened to text without a DOM: tags dropped (block tags and `<br>` break lines),
/// comments, scripts and styles removed, common entities decoded. For bodies that crawlers
/// saved as HTML, and for pages too deeply nested to parse in reasonable time.
pub fn html_to_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() / 2);
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("<!--") {
            rest = r.find("-->").map_or("", |j| &r[j + 3..]);
            continue;
        }
        let Some(j) = rest.find('>') else {
            out.push_str(rest);
            rest = "";
            break;
        };
        let inner = &rest[1..j];
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &rest[j + 1..];
        if !inner.starts_with('/') && matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
            // Skip to the closing tag (ASCII case-insensitively).
            rest = find_closing(rest, &name).map_or("", |k| &rest[k..]);
            continue;
        }
        if breaks_line(&name) {
            out.push('\n');
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

/// Where `</name` (ASCII case-insensitive) starts in `s`.
pub fn find_closing(s: &str, name: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut from = 0;
    while let Some(k) = s[from..].find("</") {
        let at = from + k;
        let tag = b.get(at + 2..at + 2 + name.len())?;
        if tag.eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&#39;`, `&apos;`, `&nbsp;`, `&middot;` and numeric references.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| c == ';' || c.is_whitespace() || c == '&').map(|k| k + 1);
        let decoded = end.filter(|&k| rest[k..].starts_with(';') && k <= 10).and_then(|k| {
            let ent = &rest[1..k];
            let c = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                "middot" => Some('·'),
                "hellip" => Some('…'),
                "lsquo" => Some('‘'),
                "rsquo" => Some('’'),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => {
                    let n = ent.strip_prefix("#x").or_else(|| ent.strip_prefix("#X"));
                    let v = match n {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => ent.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    v.and_then(char::from_u32)
                }
            };
            c.map(|c| (c, k + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Paragraph lines kept as they are, trimmed; a paragraph is never empty.
pub fn join_paragraphs<S: AsRef<str>>(paras: &[S]) -> String {
    let mut out = String::new();
    for p in paras {
        let p = p.as_ref().trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(name: Option<&str>, email: Option<&str>) -> Option<Byline> {
        Some(Byline { name: name.map(str::to_owned), email: email.map(str::to_owned) })
    }

    #[test]
    fn byline_lines() {
        assert_eq!(
            parse_byline_line("이소연 기자 soyeon@kukinews.com"),
            by(Some("이소연"), Some("soyeon@kukinews.com"))
        );
        assert_eq!(parse_byline_line("김민수 기자 (minsoo@yna.co.kr)"), by(Some("김민수"), Some("minsoo@yna.co.kr")));
        assert_eq!(parse_byline_line("minsoo@yna.co.kr"), by(None, Some("minsoo@yna.co.kr")));
        assert_eq!(parse_byline_line("정태윤 기자"), by(Some("정태윤"), None));
        assert_eq!(parse_byline_line("[김민수 기자]"), by(Some("김민수"), None));
        assert_eq!(parse_byline_line("황보은 기자 boeun@news1.kr"), by(Some("황보은"), Some("boeun@news1.kr")));
        assert_eq!(
            parse_byline_line("경향신문 기자 서지원 jiwon@khan.co.kr"),
            by(Some("서지원"), Some("jiwon@khan.co.kr"))
        );
        assert_eq!(parse_byline_line("워싱턴=김민수 특파원"), by(Some("김민수"), None));
        assert_eq!(parse_byline_line("연합뉴스 기자"), None);
        assert_eq!(parse_byline_line("기자들과 만나 “민생 앞에 여야가 따로 없다”고 말했다."), None);
        assert_eq!(parse_byline_line("사진 기자"), None);
    }

    #[test]
    fn byline_values() {
        assert_eq!(parse_byline_value("이하은").name.as_deref(), Some("이하은"));
        let b = parse_byline_value("최윤서 기자 (yunseo@chosun.com)");
        assert_eq!((b.name.as_deref(), b.email.as_deref()), (Some("최윤서"), Some("yunseo@chosun.com")));
        assert_eq!(parse_byline_value("김민수·이소연 기자").name.as_deref(), Some("김민수"));
    }

    #[test]
    fn reporters_in_text() {
        assert_eq!(find_reporter("(서울=연합뉴스) 김민수 기자 = 여야가").as_deref(), Some("김민수"));
        assert_eq!(find_reporter("원내대변인은 회동 직후 기자들과 만나"), None);
        assert_eq!(find_reporter("연합뉴스 기자 김민수"), None);
    }

    #[test]
    fn datelines() {
        let d = parse_dateline("(서울=연합뉴스) 김민수 기자 = 여야가 12일").expect("dateline");
        assert_eq!((d.press.as_deref(), d.reporter.as_deref()), (Some("연합뉴스"), Some("김민수")));
        let d = parse_dateline("[서울=뉴시스] 윤현우 기자 = 국내 연구진이").expect("dateline");
        assert_eq!((d.press.as_deref(), d.reporter.as_deref()), (Some("뉴시스"), Some("윤현우")));
        let d = parse_dateline("[매일경제 한서진 기자] 미국 빅테크의").expect("dateline");
        assert_eq!((d.press.as_deref(), d.reporter.as_deref()), (Some("매일경제"), Some("한서진")));
        assert!(parse_dateline("(사진) 설명").is_none());
        assert!(parse_dateline("삼성전자가 올해").is_none());
    }

    #[test]
    fn captions() {
        assert!(is_caption("삼성전자 평택캠퍼스 전경 /사진=삼성전자"));
        assert!(is_arrow_line(
            "▲ 23일 서울 잠실야구장에서 열린 두산전 연장 11회말 끝내기 안타를 친 LG 신재혁이 동료들의 축하를 받고 있다."
        ));
        assert!(is_caption("▲ 서울 서초구 삼성전자 서초사옥 (사진=서울신문 DB)"));
        assert!(is_caption(
            "여야 원내대표 회동 (서울=연합뉴스) 12일 오전 서울 여의도 국회의장실에서 여야 원내대표가 회동하고 있다. [공동취재]"
        ));
        assert!(is_caption(
            "21일 오전 서울 중구 청계천을 찾은 시민들이 물가에 발을 담그고 더위를 식히고 있다. /뉴스1 © News1"
        ));
        assert!(!is_caption("(서울=연합뉴스) 김민수 기자 = 여야가 12일 민생법안 27건을 처리하기로 합의했다."));
        assert!(!is_caption(
            "삼성전자가 인공지능(AI) 서버용 고대역폭메모리(HBM) 출하를 크게 늘리면서 2분기 메모리 사업 수익성이 시장 예상을 웃돌 것으로 보인다."
        ));
    }

    #[test]
    fn chrome_and_markers() {
        for l in ["본문 바로가기", "댓글 12", "댓글12", "댓글", "주소복사가 완료되었습니다", "쏠쏠정보 4", "SNS 보내기"]
        {
            assert!(is_chrome(l), "{l}");
        }
        assert!(is_chrome("페이스북 트위터 카카오톡 URL복사 글씨키우기 글씨줄이기 인쇄"));
        assert!(is_chrome("전체기사  정치  경제  사회  국제  문화  스포츠  연예  오피니언  포토  영상"));
        assert!(!is_chrome("정치"));
        assert!(!is_chrome("삼성전자, AI 서버 수요에 HBM 출하 ‘껑충’"));
        assert!(is_image_note("<이미지를 클릭하시면 크게 보실 수 있습니다>"));
        assert!(is_end_marker("전자신문 헤드라인"));
        assert!(is_end_marker("기사가 속한 카테고리는 언론사가 분류합니다."));
        assert_eq!(section_note("이 기사는 언론사에서 IT/과학 섹션으로 분류했습니다.").as_deref(), Some("IT/과학"));
    }

    #[test]
    fn copyright_press() {
        let p = |s| press_from_copyright(s);
        assert_eq!(
            p("Copyright ⓒ 전자신문. All rights reserved. 무단 전재 및 재배포 금지.").as_deref(),
            Some("전자신문")
        );
        assert_eq!(p("<저작권자 © 조선일보, 무단 전재 및 재배포 금지>").as_deref(), Some("조선일보"));
        assert_eq!(p("<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>").as_deref(), Some("연합뉴스"));
        assert_eq!(p("ⓒ 서울신문 무단전재 및 재배포금지").as_deref(), Some("서울신문"));
        assert_eq!(p("Copyright ⓒ 2023 조선일보. All rights reserved.").as_deref(), Some("조선일보"));
        assert_eq!(p("© NAVER Corp."), None);
        assert!(is_copyright("ⓒ 한겨레신문사 : 무단전재 및 재배포 금지"));
    }

    #[test]
    fn press_domains() {
        assert_eq!(press_from_domain("minsoo@yna.co.kr"), Some("연합뉴스"));
        assert_eq!(press_from_domain("https://biz.chosun.com/x/y"), Some("조선비즈"));
        assert_eq!(press_from_domain("https://www.chosun.com/x"), Some("조선일보"));
        assert_eq!(press_from_domain("someone@gmail.com"), None);
    }

    #[test]
    fn markup_to_text() {
        let t = html_to_text(
            "<p>문단 <b>하나</b>.</p><script>var x = \"<p>no</p>\";</SCRIPT><!-- c --><p>둘&nbsp;&amp; &#49892;&#x30;</p>x&y",
        );
        assert_eq!(t, "\n문단 하나.\n\n둘 & 실0\nx&y");
    }

    #[test]
    fn squashing() {
        assert_eq!(squash("  가나\u{a0}\u{a0}다  \n라…“마”\u{3000}바 \u{feff}"), "가나 다 라…“마” 바");
        assert_eq!(squash(""), "");
        assert_eq!(squash(" \t\n"), "");
        assert_eq!(squash("abc"), "abc");
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("이같이 합의했다."));
        assert!(ends_sentence("“그래도 견딘다”고 했다."));
        assert!(ends_sentence("“하반기에도 공급이 빠듯할 것”이라고 말했다”"));
        assert!(!ends_sentence("증권가 “메모리 영업이익 4조원 안팎”"));
        assert!(!ends_sentence("HBM3E 12단 고객사 검증 속도…평택 D램 라인 일부 전환"));
    }
}
