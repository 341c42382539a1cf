//! What Korean news pages print around an article, line by line: menus and buttons, photo
//! captions and image notes, copyright lines, section notes, the lists that follow an article
//! and the publishers' tails (제보 lines, subscription prompts, promotions, service notices).
//! Line classifiers only: the resolver ([`super::body`]) decides what to do with them.
//! Bylines are in [`super::byline`].

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

/// A fixed list of phrases, each searcher built once: "does the line hold any of them" for
/// the body rules, which run on every line of every article. `line.contains(p)` builds a
/// two-way searcher per call on short lines (most of a page), which was a fifth of the rules'
/// cost; an Aho-Corasick automaton is no better on Hangul (its prefilters key on leading
/// bytes, and every Hangul syllable starts with one of four).
pub struct Phrases(Vec<memchr::memmem::Finder<'static>>);

impl Phrases {
    pub fn new(list: &[&'static str]) -> Phrases {
        Phrases(list.iter().map(|p| memchr::memmem::Finder::new(p.as_bytes())).collect())
    }

    /// True if `s` holds one of the phrases.
    pub fn any_in(&self, s: &str) -> bool {
        self.0.iter().any(|f| f.find(s.as_bytes()).is_some())
    }
}

/// A set of fixed words, for whole-word lookups.
fn word_set(lists: &[&[&'static str]]) -> FxHashSet<&'static str> {
    lists.iter().flat_map(|l| l.iter().copied()).collect()
}

/// The lines of `s`, as `s.split('\n')` gives them, found with SIMD `memchr` (std's byte
/// search reads a word at a time: on long bodies that was a tenth of a JSON record's cost).
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', s.as_bytes()).chain(std::iter::once(s.len()));
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let line = &s[start..end];
        start = end + 1;
        Some(line)
    })
}

/// Hangul syllable (가–힣).
pub fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// The longest prefix of `s` of at most `n` bytes that ends on a character boundary.
pub fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Bytes that may start a whitespace character: ASCII whitespace, and the lead bytes of
/// U+0085/U+00A0, U+2000–U+205F, U+3000 and U+FEFF. (Continuation bytes never are.)
const MAY_BE_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_whitespace() || matches!(b, 0xc2 | 0xe2 | 0xe3 | 0xef);
        b += 1;
    }
    t
};

/// The length of the whitespace character at byte `i` of `s` (a char boundary), or 0.
fn space_at(s: &str, i: usize) -> usize {
    if !MAY_BE_SPACE[usize::from(s.as_bytes()[i])] {
        return 0;
    }
    match s[i..].chars().next() {
        Some(c) if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' => c.len_utf8(),
        _ => 0,
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Some byte of `w` is below `n` (at most 0x80; exact as a yes/no, though not as a mask).
const fn has_less(w: u64, n: u64) -> bool {
    w.wrapping_sub(ONES * n) & !w & HIGHS != 0
}

/// Some byte of `w` is zero.
const fn has_zero(w: u64) -> bool {
    has_less(w, 1)
}

/// Eight bytes `w` (little-endian) that [`squash`] copies as they are: no byte below 0x20,
/// no lead byte of a non-ASCII space (0xc2, 0xe2, 0xe3, 0xef) and no two spaces in a row.
/// `Some(true)` when the last byte is a space (whose successor the caller must check).
fn plain_chunk(w: u64) -> Option<bool> {
    let below_space = has_less(w, 0x20);
    let lead = has_zero(w ^ (ONES * 0xc2)) || has_zero((w | ONES) ^ (ONES * 0xe3)) || has_zero(w ^ (ONES * 0xef));
    if below_space || lead {
        return None;
    }
    // Exactly the space bytes, as their high bits.
    let t = w ^ (ONES * 0x20);
    let spaces = !(((t & !HIGHS).wrapping_add(!HIGHS)) | t | !HIGHS);
    if spaces & (spaces >> 8) != 0 {
        return None;
    }
    Some(spaces >> 63 == 1)
}

/// Collapses whitespace runs (including no-break and ideographic spaces) to one space and trims.
pub fn squash(s: &str) -> String {
    let bytes = s.as_bytes();
    let n = bytes.len();
    let mut out = String::with_capacity(n);
    let mut i = 0;
    loop {
        while i < n {
            let w = space_at(s, i);
            if w == 0 {
                break;
            }
            i += w;
        }
        if i >= n {
            break;
        }
        // Copied as it is: words with one ASCII space between them (most of any text).
        let from = i;
        let mut j = i;
        while j < n {
            // Eight bytes at a time while they hold nothing to look at. A space closing the
            // eight is taken only when the byte after it cannot start a space either.
            while let Some(w) = bytes.get(j..j + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
                let w = u64::from_le_bytes(w);
                let Some(last_space) = plain_chunk(w) else { break };
                if last_space && bytes.get(j + 8).is_none_or(|&b| MAY_BE_SPACE[usize::from(b)]) {
                    break;
                }
                j += 8;
            }
            if j >= n {
                break;
            }
            if !MAY_BE_SPACE[usize::from(bytes[j])] {
                j += 1;
                continue;
            }
            if space_at(s, j) == 0 {
                j += s[j..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            if bytes[j] == b' ' && j + 1 < n && space_at(s, j + 1) == 0 {
                j += 1;
                continue;
            }
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[from..j]);
        i = j;
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
    "요약봇",
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
    static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| word_set(&[CHROME]));
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

/// A row of share/tool buttons and counters (`요약봇 공감 38 댓글 27`).
pub fn is_button_row(t: &str) -> bool {
    static BUTTONS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| word_set(&[BUTTON_WORDS, COUNTERS]));
    static COUNTER_SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| word_set(&[COUNTERS]));
    let mut n = 0;
    let mut after_counter = false;
    for w in t.split_whitespace() {
        let count = w.bytes().all(|b| b.is_ascii_digit() || b == b',');
        if n > 24 || !(BUTTONS.contains(w) || (count && after_counter)) {
            return false;
        }
        after_counter = COUNTER_SET.contains(w);
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
    static SET: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| word_set(&[SECTIONS]));
    fn check<'a>(parts: impl Iterator<Item = &'a str>) -> bool {
        let (mut n, mut known) = (0usize, 0usize);
        for p in parts {
            if p.chars().count() > 8 {
                return false;
            }
            let k = SET.contains(p);
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
    static NOTES: LazyLock<Phrases> = LazyLock::new(|| {
        Phrases::new(&[
            "이미지를 클릭하시면",
            "이미지 크게보기",
            "이미지 확대",
            "사진 확대",
            "기사 내용과 직접적인 관련이 없",
            "기사 내용과 관련이 없",
            "기사와 직접적인 관련이 없",
            "기사와 관련 없는",
            "자료사진입니다",
        ])
    });
    let t = line.trim();
    t.len() < 120
        && (matches!(t, "확대보기" | "사진" | "이미지" | "[사진]" | "[이미지]" | "동영상 재생" | "재생")
            || NOTES.any_in(t))
}

static CITY_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)[가-힣]{1,8}\s?=\s?[가-힣A-Za-z0-9]{2,10}(?:\s[가-힣A-Za-z0-9]{2,10})?$")
        .expect("city credit regex")
});

/// A photo credit ending a line the way wire photo captions end: `… 복구 작업에 나섰다. 경주=뉴스1`.
pub fn ends_with_photo_credit(line: &str) -> bool {
    let t = line.trim_end();
    t.contains('=') && t.len() < 1200 && CITY_CREDIT_RE.is_match(t)
}

/// A credit line alone after an article: `/연합뉴스`, `/AFP 연합뉴스`, `=뉴스1`.
pub fn is_credit_line(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['/', '=']) && t.chars().count() <= 24 && !t.contains("//") && !ends_sentence(t)
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
    static MARKS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(&["ⓒ", "©", "제공"]));
    let gate = memchr::memchr2(b'=', b':', t.as_bytes()).is_some() || MARKS.any_in(t);
    if gate && CAPTION_CREDIT_RE.is_match(t) {
        // A paragraph may quote `(사진=…)` mid-sentence; a caption ends soon after it.
        return !ends_sentence(t) || t.len() < 400;
    }
    if t.ends_with([']', ')', '〉', '>']) && CAPTION_BRACKET_END_RE.is_match(t) {
        return true;
    }
    // `… 시연 장면. 오픈AI 유튜브 캡처`: a screenshot's credit.
    if (t.ends_with(" 캡처") || t.ends_with(" 캡쳐") || t.ends_with(" 화면 갈무리")) && t.chars().count() <= 200
    {
        return true;
    }
    // `여야 원내대표 회동 (서울=연합뉴스) 12일 오전 … ` — a wire dateline inside, not at the start.
    !t.starts_with(['(', '['])
        && !ends_sentence(t)
        && memchr::memchr(b'=', t.as_bytes()).is_some()
        && WIRE_INSIDE_RE.is_match(t)
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
                || rest[i..].starts_with(" &")
                || rest[i..].starts_with('&')
        })
        .map_or(rest.len(), |(i, _)| i);
    let name = rest[..end].trim();
    let name = name.strip_suffix(" Corp").unwrap_or(name).trim();
    if name.is_empty()
        || name.chars().count() > 20
        || name.contains("저작권")
        || name.to_ascii_lowercase().contains("rights")
    {
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
        || t == "키워드"
        || t == "관련 키워드"
        || t == "관련키워드"
        || t == "태그"
        || t == "#태그"
        || t == "Tags"
        || t == "TAGS"
        || t.ends_with(" 헤드라인")
        || t.ends_with(" 랭킹 뉴스")
        || t.starts_with("▶ ")
        || t.starts_with("☞")
        || t.starts_with("※ 이 기사")
}

/// Phrases of publisher tails: a line holding one is not article text, and the article ends
/// before it. Fixed forms publishers print under their stories (no reporter writes them in one).
const TAIL_PHRASES: &[&str] = &[
    // 제보 (tip-off) lines
    "기사문의 및 제보",
    "기사 문의 및 제보",
    "제보를 기다립니다",
    "카톡/라인",
    "jebo",
    "▷ 전화",
    "▷ 이메일",
    "▷ 카카오톡",
    // subscription prompts
    "뉴스스탠드 구독",
    "홈페이지 바로가기",
    // service notices
    "서비스된 기사입니다",
    "금융정보 단말기",
    "URL이 복사",
    "주소가 복사",
    "링크가 복사",
    "으로 이 기사 읽기",
    "로 이 기사 읽기",
    // promotions
    "(클릭!)",
    "[클릭]",
    // the crisis-line notice required under suicide reports
    "말하기 어려운 고민",
    "☎109",
    "☎ 109",
    "☎1393",
    "☎ 1393",
];

/// Shorter forms that are tails only as a line of their own (short, not a sentence):
/// `디지털타임스 채널 구독`, `기사제공 스포티비뉴스`, `원문 보기`.
const TAIL_LABELS: &[&str] = &[
    "채널 구독",
    "채널구독",
    "구독하기",
    "구독해보세요",
    "구독 많은 기자",
    "네이버에서 구독",
    "기사제공",
    "기사 제공",
    "원문 보기",
    "원문보기",
    "기사원문",
    "제보하기",
    "바로가기",
];

/// A publisher's tail line (see [`TAIL_PHRASES`], [`TAIL_LABELS`]), a wire story's end mark
/// `(끝)`, or a line of hashtags only (`#윤석열 #우크라이나`).
pub fn is_tail(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 400 {
        return false;
    }
    if matches!(t, "(끝)" | "<끝>" | "[끝]" | "끝") {
        return true;
    }
    if t.starts_with('#') && t.split_whitespace().all(|w| w.starts_with('#') && w.chars().count() >= 2) {
        return true;
    }
    if t.len() > 250 {
        return false;
    }
    static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(TAIL_PHRASES));
    static LABELS: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(TAIL_LABELS));
    PHRASES.any_in(t) || (t.chars().count() <= 50 && !ends_sentence(t) && LABELS.any_in(t))
}

static SECTION_NOTE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"언론사에서\s*(.+?)\s*섹션으로\s*분류").expect("section note regex"));

/// Naver's section note: `이 기사는 언론사에서 경제 섹션으로 분류했습니다.` → `경제`.
pub fn section_note(line: &str) -> Option<String> {
    static MARK: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("섹션으로".as_bytes()));
    MARK.find(line.as_bytes())?;
    let c = SECTION_NOTE_RE.captures(line)?;
    let s = c.get(1)?.as_str().trim();
    // Several sections: `경제, IT/과학` → the first.
    let first = s.split([',', '·']).next().unwrap_or(s).trim();
    (!first.is_empty() && first.chars().count() <= 20).then(|| first.to_owned())
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
    fn tails() {
        for l in [
            "연합뉴스TV 기사문의 및 제보 : 카톡/라인 jebo23",
            "MBC 뉴스는 24시간 여러분의 제보를 기다립니다.",
            "▷ 전화 02-784-4000 ▷ 이메일 mbcjebo@mbc.co.kr ▷ 카카오톡 @mbc제보",
            "디지털타임스 채널 구독 / 뉴스스탠드 구독",
            "본 기사는 인포맥스 금융정보 단말기에서 2시간 더 빠른 13시 17분에 서비스된 기사입니다.",
            "日文으로 이 기사 읽기",
            "최신 유행 트렌드 총집결 #흥(클릭!)",
            "#윤석열 #우크라이나 #무기지원",
            "(끝)",
            "기사제공 스포티비뉴스",
        ] {
            assert!(is_tail(l), "{l}");
        }
        for l in [
            "유료 구독자가 1년 새 두 배로 늘었다.",
            "OTT 채널 구독료가 오른다는 소식에 이용자들이 반발했다.",
            "그는 제보자의 신원을 밝히지 않았다.",
            "#1 해시태그로 시작하는 문장이지만 이어지는 글이 있다.",
            "경찰은 끝내 범인을 찾지 못했다.",
        ] {
            assert!(!is_tail(l), "{l}");
        }
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
        assert_eq!(p("© NAVER Corp.").as_deref(), Some("NAVER"));
        assert_eq!(p("ⓒ SBS & SBS Digital News Lab all rights reserved.").as_deref(), Some("SBS"));
        assert_eq!(p("Copyright ⓒ 조선일보 & Chosun.com").as_deref(), Some("조선일보"));
        assert_eq!(p("<저작권자 ⓒ SPOTV NEWS 무단전재 및 재배포 금지>").as_deref(), Some("SPOTV NEWS"));
        assert_eq!(p("All rights reserved"), None);
        assert!(is_copyright("ⓒ 한겨레신문사 : 무단전재 및 재배포 금지"));
    }

    #[test]
    fn squashing() {
        assert_eq!(squash("  가나\u{a0}\u{a0}다  \n라…“마”\u{3000}바 \u{feff}"), "가나 다 라…“마” 바");
        assert_eq!(squash(""), "");
        assert_eq!(squash(" \t\n"), "");
        assert_eq!(squash("abc"), "abc");
        // The definition, char by char: whitespace is what `char::is_whitespace` says (and
        // U+FEFF, U+200B), except U+000B and U+1680, whose lead bytes squash never looks at.
        let space =
            |c: char| (c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}') && !matches!(c, '\u{b}' | '\u{1680}');
        let reference = |s: &str| s.split(space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
        let alphabet = [
            '가', 'a', ' ', ' ', '\n', '\t', '\r', '\u{b}', '\u{a0}', '\u{85}', '·', '…', '“', '\u{2009}', '\u{3000}',
            '\u{feff}', '\u{200b}', '\u{1680}', '©', 'ⓒ', '!', '힣', '\u{7f}', '\u{1f}', '\u{e000}',
        ];
        let mut x: u64 = 1;
        // Long enough for the eight-byte steps, with words long enough to take them.
        for round in 0..6000 {
            let mut s = String::new();
            for _ in 0..(x % 97) {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                if round % 2 == 1 && !(x >> 40).is_multiple_of(3) {
                    s.push(['가', 'a', '나'][(x >> 20) as usize % 3]);
                    continue;
                }
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s.push(alphabet[(x >> 33) as usize % alphabet.len()]);
            }
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            assert_eq!(squash(&s), reference(&s), "{s:?}");
        }
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
