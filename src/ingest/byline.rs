//! Who wrote an article, as Korean news prints it: bylines (`홍길동 기자 hong@…`,
//! `경주=이권효 boriam@donga.com /최지연·박성민 기자`, `홍정수기자`), wire and credit datelines
//! (`(서울=뉴스1) 홍길동 기자 =`, `【서울=뉴시스】`, `[스포츠조선 안소윤 기자]`), bylines glued to
//! the last paragraph or the headline, broadcast sign-offs (`KBS 뉴스 김수연입니다.`), anchor
//! introductions (`신새롬 기자입니다.`, `구민지 기자가 보도합니다.`) and staff credits
//! (`( 취재 : 한지연 / 영상편집 : 변지영 )`).
//!
//! Hand-written: no crate knows Korean bylines. A name is 2–4 Hangul syllables that is not a
//! common word standing before `기자` (사진, 취재, 담당 …) or a press name (`연합뉴스 기자`).

use std::sync::LazyLock;

use regex::Regex;

use super::boilerplate::{self as bp, ends_sentence, is_hangul, squash};

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
const TITLES: &str = "기자|특파원|선임기자|수석기자|전문기자|객원기자|인턴기자|수습기자|편집위원|논설위원|통신원|기상캐스터|캐스터|에디터|리포터|PD";

/// [`TITLES`] as a list, split once.
static TITLE_LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| TITLES.split('|').collect());

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
    "의학",
    "과학",
    "전문의",
    "기상",
    "정리",
    "그래픽",
    "글",
    "사진기자",
    "촬영",
    "출처",
    "제공",
    "자료",
    "이메일",
    "메일",
    "연합",
    "프리랜서",
    "지역",
    "주재",
    "방송사",
    "기자명",
    "작성자",
    "글쓴이",
    "편집자",
    "담당자",
    "기고자",
    "필자",
    "기자단",
    "사진기자",
    "구독",
    "구독자",
];

/// Press-name endings: `연합뉴스 기자` is a press, not a reporter.
const PRESS_ENDINGS: &[&str] = &["뉴스", "일보", "신문", "방송", "경제", "타임스", "미디어", "통신", "데일리", "닷컴"];

/// Words that make a job title with `기자` (`의학전문기자`, `사진기자`, `선임기자`): a word ending
/// in one is not a name.
const TITLE_PREFIXES: &[&str] =
    &["전문", "선임", "수석", "객원", "인턴", "수습", "사진", "취재", "기획", "담당", "대기자"];

/// True if `name` (2–4 Hangul syllables) looks like a person's name.
pub fn plausible_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=4).contains(&n)
        && name.chars().all(is_hangul)
        && !NOT_NAMES.contains(&name)
        && !name.contains("기자")
        && !(n >= 3 && TITLE_PREFIXES.iter().any(|p| name.ends_with(p)))
        && !(n >= 3 && PRESS_ENDINGS.iter().any(|e| name.ends_with(e)))
}

static NAME_TITLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|[^가-힣])([가-힣]{{2,4}})(?:\s?(?:{TITLES})|\s[가-힣]{{1,4}}(?:기자|특파원))(?:$|[^가-힣])"
    ))
    .expect("name regex")
});

fn has_title_word(s: &str) -> bool {
    static WORDS: LazyLock<bp::Phrases> =
        LazyLock::new(|| bp::Phrases::new(&["기자", "특파원", "위원", "통신원", "캐스터", "에디터", "리포터", "PD"]));
    WORDS.any_in(s)
}

/// Every `NAME 기자` (or 특파원, 에디터 …) in `s` whose name is plausible, in order.
pub fn find_reporters(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !has_title_word(s) {
        return out;
    }
    let mut at = 0;
    while at < s.len() {
        let Some(c) = NAME_TITLE_RE.captures_at(s, at) else { break };
        let Some(name) = c.get(1) else { break };
        if plausible_name(name.as_str()) && !out.iter().any(|n| n == name.as_str()) {
            out.push(name.as_str().to_owned());
            at = name.end();
        } else {
            // Retry just after this name's first character.
            at = name.start() + name.as_str().chars().next().map_or(1, char::len_utf8);
        }
        while at < s.len() && !s.is_char_boundary(at) {
            at += 1;
        }
    }
    out
}

/// The first `NAME 기자` in `s` whose name is plausible.
pub fn find_reporter(s: &str) -> Option<String> {
    find_reporters(s).into_iter().next()
}

/// A reporter's byline: names, e-mail, and the outlet or place printed before the names
/// (`스포츠조선 = 안소윤 기자`, `[매일경제 한서진 기자]`, `경주=이권효 …`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub names: Vec<String>,
    pub email: Option<String>,
    pub org: Option<String>,
}

impl Byline {
    pub fn name(&self) -> Option<&str> {
        self.names.first().map(String::as_str)
    }
}

/// Roles printed before a byline's names (`글·사진 김민수 기자`).
const ROLES: &[&str] = &["글", "사진", "영상", "취재", "정리", "그래픽", "편집", "촬영", "글사진", "사진글"];

fn is_title_token(t: &str) -> bool {
    if TITLE_LIST.contains(&t) {
        return true;
    }
    ["기자", "특파원"].iter().any(|suffix| {
        t.strip_suffix(suffix).is_some_and(|x| {
            !x.is_empty()
                && x.chars().count() <= 5
                && x.chars().all(is_hangul)
                && (TITLE_PREFIXES.iter().any(|p| x.ends_with(p)) || !plausible_name(x))
        })
    })
}

/// Splits `홍정수기자` into a name and a title.
fn glued_title(t: &str) -> Option<(&str, &str)> {
    for title in TITLE_LIST.iter() {
        if let Some(n) = t.strip_suffix(title)
            && plausible_name(n)
        {
            return Some((n, &t[n.len()..]));
        }
    }
    None
}

/// A line that is only a byline: `이소연 기자 soyeon@kukinews.com`, `김민수 기자 (minsoo@yna.co.kr)`,
/// `minsoo@yna.co.kr`, `정태윤 기자`, `[김민수 기자]`, `글·사진 김민수 기자`, `경향신문 기자 서지원 …`,
/// `경주=이권효 boriam@donga.com /최지연·박성민 기자`, `홍정수기자`, `스포츠조선 = 안소윤 기자`.
pub fn parse_byline_line(line: &str) -> Option<Byline> {
    let t = line.trim();
    if t.is_empty() || t.len() > 270 || !(t.contains('@') || has_title_word(t)) {
        return None;
    }
    if t.chars().count() > 90 {
        return None;
    }
    let email = find_email(t).map(str::to_owned);
    let mut rest = t.to_owned();
    if let Some(e) = &email {
        rest = rest.replace(e.as_str(), " ");
    }
    // Every one of the words has `mail` or `메일` in it: no copies of the line for the others.
    if rest.contains("mail") || rest.contains("메일") {
        for w in ["E-mail", "e-mail", "Email", "email", "이메일", "메일"] {
            rest = rest.replace(w, " ");
        }
    }
    let rest: String = rest
        .chars()
        .map(|c| {
            if matches!(c, '(' | ')' | '（' | '）' | '<' | '>' | '[' | ']' | '〈' | '〉' | '【' | '】' | ':' | '|')
            {
                ' '
            } else {
                c
            }
        })
        .collect();
    // What stands before `=` is a place or an outlet.
    let (org, rest) = match rest.rfind('=') {
        Some(i) => {
            let before = squash(&rest[..i]);
            (Some(before).filter(|b| !b.is_empty() && b.chars().count() <= 20), rest[i + 1..].to_owned())
        }
        None => (None, rest),
    };
    let rest = squash(rest.trim_matches(|c: char| c.is_whitespace() || c == '-' || c == '/'));
    if rest.is_empty() {
        return email.map(|e| Byline { names: Vec::new(), email: Some(e), org });
    }
    if rest.chars().count() > 40 {
        return None;
    }
    // Tokens, separators `·,/` between names.
    let mut toks: Vec<&str> = Vec::new();
    for w in rest.split_whitespace() {
        toks.extend(w.split(['·', ',', '/', '、', ';']).filter(|x| !x.is_empty()));
    }
    if toks.len() > 8 {
        return None;
    }
    let mut names = Vec::new();
    let mut titled = false;
    let mut other: Option<String> = None;
    let mut i = 0;
    let n = toks.len();
    let mut reversed = false;
    while i < n {
        let tok = toks[i];
        if ROLES.contains(&tok) && names.is_empty() {
            i += 1;
            continue;
        }
        if is_title_token(tok) {
            titled = true;
            // `경향신문 기자 서지원`: a title before the name.
            if names.is_empty() && i + 1 < n && plausible_name(toks[i + 1]) {
                reversed = true;
            }
            i += 1;
            continue;
        }
        if let Some((name, _)) = glued_title(tok) {
            names.push(name.to_owned());
            titled = true;
            i += 1;
            continue;
        }
        if plausible_name(tok) {
            names.push(tok.to_owned());
            i += 1;
            continue;
        }
        // One outlet or place, first (`매일경제 한서진 기자`, `[서울신문] …`).
        if names.is_empty() && other.is_none() && !titled && tok.chars().count() <= 12 {
            other = Some(tok.to_owned());
            i += 1;
            continue;
        }
        return None;
    }
    let last_is_title = toks.last().is_some_and(|t| is_title_token(t) || glued_title(t).is_some());
    if names.is_empty() || !titled || !(last_is_title || reversed) {
        // A line of names without a title is not a byline (unless it is only an e-mail).
        return if names.is_empty() && email.is_some() && other.is_none() && !titled {
            Some(Byline { names, email, org })
        } else {
            None
        };
    }
    names.dedup();
    Some(Byline { names, email, org: org.or(other) })
}

/// A byline field's value (JSON `byline`/`reporter`, an HTML byline element, a JSON-LD
/// author): a name (`김민수`), a byline (`김민수 기자 (minsoo@yna.co.kr)`), or names among
/// other words (`이정화 에디터 이정화 에디터 Seoul`).
pub fn parse_byline_value(s: &str) -> Byline {
    let t = squash(s);
    if let Some(b) = parse_byline_line(&t) {
        return b;
    }
    let email = find_email(&t).map(str::to_owned);
    let names = find_reporters(&t);
    if !names.is_empty() {
        return Byline { names, email, org: None };
    }
    let rest = match &email {
        Some(e) => t.replace(e.as_str(), " "),
        None => t.clone(),
    };
    let rest = squash(&rest.replace(['(', ')', '<', '>', '[', ']'], " "));
    let names = rest
        .split([',', '·', '/', ';', '|'])
        .map(str::trim)
        .filter(|w| !w.is_empty() && w.chars().count() <= 30)
        .map(str::to_owned)
        .collect();
    Byline { names, email, org: None }
}

static WIRE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[(\[【<]\s*([^=()\[\]【】]{{1,20}}?)\s*=\s*([^=()\[\]【】]{{1,20}}?)\s*[)\]】>]\s*(?:([가-힣]{{2,4}})((?:\s*[·,]\s*[가-힣]{{2,4}})*)\s?(?:{TITLES}))?"
    ))
    .expect("wire regex")
});
static BRACKET_CREDIT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\[【]\s*([^\[\]【】=]{{1,20}}?)\s*(?:=\s*|\s+)([가-힣]{{2,4}})((?:\s*[·,]\s*[가-힣]{{2,4}})*)\s?(?:{TITLES})\s*[\]】]"
    ))
    .expect("bracket credit regex")
});

/// A wire dateline or credit opening a paragraph: `(서울=연합뉴스) 김민수 기자 = …`,
/// `[서울=뉴시스]`, `【서울=뉴시스】이근홍 기자 =`, `[매일경제 한서진 기자] …`, `[스포티비뉴스=유현태 기자]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    pub press: Option<String>,
    pub reporters: Vec<String>,
    /// Byte offset where the credit starts in the paragraph (0 unless a caption is glued before it).
    pub start: usize,
}

impl Dateline {
    pub fn reporter(&self) -> Option<&str> {
        self.reporters.first().map(String::as_str)
    }
}

fn more_names(first: Option<regex::Match<'_>>, more: Option<regex::Match<'_>>) -> Vec<String> {
    let mut v: Vec<String> = first.map(|m| m.as_str().to_owned()).into_iter().collect();
    if let Some(m) = more {
        v.extend(m.as_str().split(['·', ',']).map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned));
    }
    v.retain(|n| plausible_name(n));
    v
}

fn dateline_at(t: &str) -> Option<Dateline> {
    if let Some(c) = WIRE_RE.captures(t) {
        let (Some(first), Some(second)) = (c.get(1), c.get(2)) else { return None };
        // `[스포티비뉴스=유현태 기자]`: the outlet before `=`, the reporter inside the brackets.
        if let Some(b) = parse_byline_line(second.as_str()).filter(|b| !b.names.is_empty() && b.email.is_none()) {
            let press = Some(first.as_str().trim().to_owned()).filter(|p| !p.is_empty());
            return Some(Dateline { press, reporters: b.names, start: 0 });
        }
        let press = Some(second.as_str().trim().to_owned()).filter(|p| !p.is_empty());
        return Some(Dateline { press, reporters: more_names(c.get(3), c.get(4)), start: 0 });
    }
    if let Some(c) = BRACKET_CREDIT_RE.captures(t) {
        let press = c.get(1).map(|m| m.as_str().trim().to_owned());
        return Some(Dateline { press, reporters: more_names(c.get(2), c.get(3)), start: 0 });
    }
    None
}

/// The dateline at the start of `para`, if any — or within its first 120 bytes when a photo
/// caption was glued before it (`▲ 지아니 인판니노 FIFA 회장[스포티비뉴스=유현태 기자] …`).
pub fn parse_dateline(para: &str) -> Option<Dateline> {
    let t = para.trim_start();
    let lead = para.len() - t.len();
    if t.starts_with(['(', '[', '【', '<'])
        && let Some(d) = dateline_at(t)
    {
        return Some(Dateline { start: lead, ..d });
    }
    if t.starts_with(['▲', '△', '■']) {
        let head = super::boilerplate::prefix(t, 160);
        for (i, c) in head.char_indices().skip(1) {
            if matches!(c, '[' | '【' | '(')
                && let Some(d) = dateline_at(&t[i..])
                && (!d.reporters.is_empty() || d.press.is_some())
            {
                return Some(Dateline { start: lead + i, ..d });
            }
        }
    }
    None
}

static SIGN_OFF_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.{1,16}?)\s*([가-힣]{2,4})\s*(?:\[[^\]]{3,60}\]|\([^)]{3,60}\))?\s*입니다\.?\s*(?:[\[(]?\s*[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\s*[\])]?)?$")
        .expect("sign-off regex")
});

/// A broadcast sign-off: `KBS 뉴스 김수연입니다.`, `MBC뉴스 구민지입니다.`,
/// `연합뉴스TV 신새롬입니다. (romi@yna.co.kr)`, `YTN 김철수[kim@ytn.co.kr]입니다.` → (outlet, name).
pub fn parse_sign_off(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    static MARK: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("입니다".as_bytes()));
    if t.len() > 150 || MARK.find(t.as_bytes()).is_none() {
        return None;
    }
    // The regex ends with `입니다`, `입니다.` or an e-mail address: a cheap test first.
    if !(t.ends_with("입니다") || t.ends_with("입니다.") || t.contains('@')) {
        return None;
    }
    let c = SIGN_OFF_RE.captures(t)?;
    let org = c.get(1)?.as_str().trim();
    let name = c.get(2)?.as_str();
    let org_ok = !org.is_empty()
        && org.chars().count() <= 16
        && (org.chars().any(|c| c.is_ascii_uppercase())
            || PRESS_ENDINGS.iter().any(|e| org.ends_with(e))
            || org.ends_with("TV"));
    (org_ok && plausible_name(name)).then(|| (org.to_owned(), name.to_owned()))
}

static INTRO_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"([가-힣]{{2,4}})\s?(?:{TITLES})(?:가|이|의)?\s?(?:입니다|보도합니다|전합니다|전해드립니다|취재했습니다|보도했습니다|보도입니다|연결합니다|나가\s?있습니다|짚어봅니다|정리했습니다|설명합니다|알아봤습니다|만나봤습니다|보도해\s?드립니다)\.?\s*$"
    ))
    .expect("intro regex")
});

/// An anchor's introduction of the reporter at the end of a line: `… 신새롬 기자입니다.`,
/// `구민지 기자가 보도합니다.`, `홍길동 기자의 보도입니다.`
pub fn anchor_intro(line: &str) -> Option<String> {
    /// How [`INTRO_RE`] can end (before an optional `.`): a cheap test before the regex.
    const ENDINGS: &[&str] = &["입니다", "합니다", "드립니다", "했습니다", "있습니다", "봅니다", "봤습니다"];
    if line.len() > 600 {
        return None;
    }
    let t = line.trim();
    let t0 = t.strip_suffix('.').unwrap_or(t);
    if !ENDINGS.iter().any(|e| t0.ends_with(e)) || !has_title_word(line) {
        return None;
    }
    let c = INTRO_RE.captures(t)?;
    let name = c.get(1)?.as_str();
    plausible_name(name).then(|| name.to_owned())
}

static CREDIT_ROLE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(/·,])(취재|영상취재|촬영|촬영기자|영상편집|편집|그래픽|CG|자료조사|구성|연출|디자인|영상디자인|제작|진행)\s*[:：]\s*")
        .expect("credit regex")
});

/// A line of staff credits (`( 취재 : 한지연 / 영상편집 : 변지영/ VJ : 김형진 )`,
/// `영상편집:김유진`): the names credited for `취재`/`촬영기자`, if it is one.
pub fn staff_credits(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if t.len() > 160 * 4
        || !(memchr::memchr(b':', t.as_bytes()).is_some() || t.contains('：'))
        || t.chars().count() > 160
    {
        return None;
    }
    let ms: Vec<_> = CREDIT_ROLE_RE.captures_iter(t).collect();
    let first = ms.first()?.get(0)?;
    // The credits start the line (after an opening bracket).
    if t[..first.start()].trim_matches(|c: char| c.is_whitespace() || c == '(' || c == '[').chars().count() > 0 {
        return None;
    }
    let mut names = Vec::new();
    for (k, c) in ms.iter().enumerate() {
        let (Some(role), Some(whole)) = (c.get(1), c.get(0)) else { continue };
        if !matches!(role.as_str(), "취재" | "촬영기자") {
            continue;
        }
        let end = ms.get(k + 1).and_then(|n| n.get(0)).map_or(t.len(), |m| m.start());
        for w in t[whole.end()..end].split(['/', ',', '·', ' ', ')']) {
            if plausible_name(w) {
                names.push(w.to_owned());
            }
        }
    }
    Some(names)
}

static GLUED_END_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:^|\s)((?:[가-힣]{{2,4}}(?:\s*[·,]\s*[가-힣]{{2,4}})*\s?(?:{TITLES})\s*)?(?:[(\[<]?\s*[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9.\-]+\.[A-Za-z]{{2,}}\s*[)\]>]?)?)\s*$"
    ))
    .expect("glued byline regex")
});

/// A byline glued to the end of a paragraph (`…주장했다. 김미경기자 the13ook@dt.co.kr`):
/// the paragraph without it, and the byline. Only after a sentence end, so `… 김 기자는`
/// stays.
pub fn split_glued_byline(para: &str) -> Option<(String, Byline)> {
    let t = para.trim_end();
    if !(t.contains('@') || has_title_word(t)) {
        return None;
    }
    let c = GLUED_END_RE.captures(t)?;
    let m = c.get(1)?;
    if m.as_str().trim().is_empty() || m.start() == 0 {
        return None;
    }
    let before = t[..m.start()].trim_end();
    if !ends_sentence(before) || before.chars().count() < 10 {
        return None;
    }
    let b = parse_byline_line(m.as_str())?;
    Some((before.to_owned(), b))
}

/// Bylines glued to the end of a headline (`심장정지 환자 못살리는 119 구급차 김철중 의학전문기자
/// 박시영 기자 日文`): the headline without them, and the names.
pub fn split_title_byline(title: &str) -> Option<(String, Vec<String>)> {
    if !has_title_word(title) {
        return None;
    }
    static GROUP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"\s([가-힣]{{2,4}})(?:\s?(?:{TITLES})|\s[가-힣]{{1,4}}(?:기자|특파원))(?:\s|$)"))
            .expect("title byline regex")
    });
    let mut at = 0;
    while let Some(m) = GROUP.captures_at(title, at) {
        let (Some(whole), Some(name)) = (m.get(0), m.get(1)) else { break };
        if plausible_name(name.as_str()) {
            let head = title[..whole.start()].trim_end();
            let tail = &title[whole.start()..];
            let names = find_reporters(tail);
            // Everything after it is `NAME TITLE` groups, and at most a short non-Hangul mark
            // (`日文`).
            let mut pending = 0usize;
            let mut rest_ok = true;
            for w in tail.split([' ', '·', ',', '/']).filter(|w| !w.is_empty()) {
                if is_title_token(w) || glued_title(w).is_some() {
                    pending = 0;
                } else if plausible_name(w) {
                    pending += 1;
                } else if pending > 0 || w.chars().count() > 4 || w.chars().any(is_hangul) {
                    rest_ok = false;
                    break;
                }
            }
            let rest_ok = rest_ok && pending == 0;
            if !names.is_empty() && head.chars().count() >= 4 && rest_ok {
                return Some((head.to_owned(), names));
            }
        }
        at = whole.end().saturating_sub(1).max(at + 1);
        while at < title.len() && !title.is_char_boundary(at) {
            at += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(names: &[&str], email: Option<&str>) -> Option<Byline> {
        Some(Byline {
            names: names.iter().map(|s| (*s).to_owned()).collect(),
            email: email.map(str::to_owned),
            org: None,
        })
    }

    fn names(b: Option<Byline>) -> Vec<String> {
        b.map(|b| b.names).unwrap_or_default()
    }

    #[test]
    fn byline_lines() {
        assert_eq!(parse_byline_line("이소연 기자 soyeon@kukinews.com"), by(&["이소연"], Some("soyeon@kukinews.com")));
        assert_eq!(parse_byline_line("김민수 기자 (minsoo@yna.co.kr)"), by(&["김민수"], Some("minsoo@yna.co.kr")));
        assert_eq!(parse_byline_line("minsoo@yna.co.kr"), by(&[], Some("minsoo@yna.co.kr")));
        assert_eq!(parse_byline_line("정태윤 기자"), by(&["정태윤"], None));
        assert_eq!(parse_byline_line("[김민수 기자]"), by(&["김민수"], None));
        assert_eq!(parse_byline_line("홍정수기자"), by(&["홍정수"], None));
        assert_eq!(names(parse_byline_line("글·사진 김민수 기자")), ["김민수"]);
        assert_eq!(names(parse_byline_line("경향신문 기자 서지원 jiwon@khan.co.kr")), ["서지원"]);
        assert_eq!(names(parse_byline_line("워싱턴=김민수 특파원")), ["김민수"]);
        assert_eq!(names(parse_byline_line("김철중 의학전문기자")), ["김철중"]);
        assert_eq!(names(parse_byline_line("방주희 PD")), ["방주희"]);
        assert_eq!(names(parse_byline_line("이정화 에디터")), ["이정화"]);
        let b = parse_byline_line("경주=이권효 boriam@donga.com /최지연·박성민 기자").unwrap_or_default();
        assert_eq!(b.names, ["이권효", "최지연", "박성민"]);
        assert_eq!(b.email.as_deref(), Some("boriam@donga.com"));
        let b = parse_byline_line("스포츠조선 = 안소윤 기자").unwrap_or_default();
        assert_eq!((b.names, b.org.as_deref()), (vec!["안소윤".to_owned()], Some("스포츠조선")));
        assert_eq!(parse_byline_line("연합뉴스 기자"), None);
        assert_eq!(parse_byline_line("기자들과 만나 “민생 앞에 여야가 따로 없다”고 말했다."), None);
        assert_eq!(parse_byline_line("사진 기자"), None);
        assert_eq!(parse_byline_line("기자회견을 열었다"), None);
    }

    #[test]
    fn byline_values() {
        assert_eq!(parse_byline_value("이하은").name(), Some("이하은"));
        let b = parse_byline_value("최윤서 기자 (yunseo@chosun.com)");
        assert_eq!((b.name(), b.email.as_deref()), (Some("최윤서"), Some("yunseo@chosun.com")));
        assert_eq!(parse_byline_value("김민수·이소연 기자").names, ["김민수", "이소연"]);
        assert_eq!(parse_byline_value("이정화 에디터 이정화 에디터 Seoul").names, ["이정화"]);
    }

    #[test]
    fn reporters_in_text() {
        assert_eq!(find_reporter("(서울=연합뉴스) 김민수 기자 = 여야가").as_deref(), Some("김민수"));
        assert_eq!(find_reporter("원내대변인은 회동 직후 기자들과 만나"), None);
        assert_eq!(find_reporter("연합뉴스 기자 김민수"), None);
    }

    #[test]
    fn datelines() {
        let d = parse_dateline("(서울=연합뉴스) 김민수 기자 = 여야가 12일").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter()), (Some("연합뉴스"), Some("김민수")));
        let d = parse_dateline("[서울=뉴시스] 윤현우 기자 = 국내 연구진이").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter()), (Some("뉴시스"), Some("윤현우")));
        let d = parse_dateline("【서울=뉴시스】이근홍 기자 = 안철수").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter()), (Some("뉴시스"), Some("이근홍")));
        let d = parse_dateline("[매일경제 한서진 기자] 미국 빅테크의").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter()), (Some("매일경제"), Some("한서진")));
        let d = parse_dateline("[스포티비뉴스=유현태 기자] 지아니").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter()), (Some("스포티비뉴스"), Some("유현태")));
        let d = parse_dateline("▲ 지아니 인판니노 FIFA 회장[스포티비뉴스=유현태 기자] 지아니").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter(), d.start > 0), (Some("스포티비뉴스"), Some("유현태"), true));
        let d = parse_dateline("(연천=연합뉴스) 경기도 연천군은").unwrap_or_default();
        assert_eq!((d.press.as_deref(), d.reporter()), (Some("연합뉴스"), None));
        assert!(parse_dateline("(사진) 설명").is_none());
        assert!(parse_dateline("삼성전자가 올해").is_none());
    }

    #[test]
    fn broadcast_lines() {
        assert_eq!(parse_sign_off("KBS 뉴스 김수연입니다."), Some(("KBS 뉴스".to_owned(), "김수연".to_owned())));
        assert_eq!(parse_sign_off("MBC뉴스 구민지입니다.").map(|x| x.1).as_deref(), Some("구민지"));
        assert_eq!(parse_sign_off("연합뉴스TV 신새롬입니다. (romi@yna.co.kr)").map(|x| x.1).as_deref(), Some("신새롬"));
        assert_eq!(parse_sign_off("YTN 김철수[kimcs@ytn.co.kr]입니다.").map(|x| x.1).as_deref(), Some("김철수"));
        assert_eq!(parse_sign_off("그것이 제가 드릴 말씀입니다."), None);
        assert_eq!(anchor_intro("[앵커] … 신새롬 기자입니다.").as_deref(), Some("신새롬"));
        assert_eq!(anchor_intro("구민지 기자가 보도합니다.").as_deref(), Some("구민지"));
        assert_eq!(anchor_intro("기자들이 모였습니다."), None);
        assert_eq!(
            staff_credits("( 취재 : 한지연 / 영상편집 : 변지영/ VJ : 김형진 )"),
            Some(vec!["한지연".to_owned()])
        );
        assert_eq!(staff_credits("영상편집:김유진"), Some(vec![]));
        assert_eq!(staff_credits("그는 취재: 없다고 했다 가나다라마바사"), None);
    }

    #[test]
    fn glued() {
        let (p, b) = split_glued_byline("청산해야 할 적폐일 뿐\"이라고 주장했다. 김미경기자 the13ook@dt.co.kr")
            .unwrap_or_default();
        assert_eq!(p, "청산해야 할 적폐일 뿐\"이라고 주장했다.");
        assert_eq!((b.name(), b.email.as_deref()), (Some("김미경"), Some("the13ook@dt.co.kr")));
        assert!(split_glued_byline("그는 이렇게 말했다고 김 기자는").is_none());
        assert!(split_glued_byline("회의가 열렸다. 참석한 기자").is_none());
        let (t, n) = split_title_byline("심장정지 환자 못살리는 119 구급차 김철중 의학전문기자 박시영 기자 日文")
            .unwrap_or_default();
        assert_eq!(t, "심장정지 환자 못살리는 119 구급차");
        assert_eq!(n, ["김철중", "박시영"]);
        assert!(split_title_byline("검찰, 홍길동 기자 압수수색").is_none());
        assert!(split_title_byline("검찰 수사관, 홍길동 기자 자택 압수수색").is_none());
        assert!(split_title_byline("삼성전자 반도체 호황").is_none());
    }
}
