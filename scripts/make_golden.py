#!/usr/bin/env python3
"""Writes golden MeCab-ko tokenizations for gisa's tests.

Runs the reference analyzer (python-mecab-ko 1.3.7 on mecab-ko-dic 2.1.1, the same dictionary
gisa installs) over the sentences of the demo corpus (titles and bodies from its ground
truth) and a list of hand-picked hard cases, and writes one JSON line per sentence:
{"text": ..., "morphemes": [[surface, pos], ...]} to tests/fixtures/golden-mecab-ko.jsonl.
tests/golden.rs checks that gisa segments every one identically.

    pip install python-mecab-ko==1.3.7
    python3 scripts/make_golden.py
"""
import json
import re
from pathlib import Path

import mecab

HARD_CASES = [
    "서울은 회장이 퀄컴과 만났다",
    "만났다 만나서 만났습니다 만나다",
    "삼성전자는 반도체를",
    "메타·아마존·퀄컴 모두 만났다…광폭행보 이어가는 이재용",
    "AI·GPT-4o·iPhone 16을 공개",
    "韓國의 經濟, 與野 대립과 美 中 갈등",
    "😀삼성전자🚀 𠀀한국 😀😀 AI👍",
    "아버지가방에들어가신다",
    "아버지가 방에 들어가신다",
    "ＡＩ 반도체 ㈜카카오 ① ② 10㎞ 35℃",
    "내셔날 지오그래픽 채널, 에듀 테크",
    "2024.06.18. 오후 3:12 입력 2024-06-18 15:12",
    "“삼성의 강점을 살려 삼성답게 미래를 개척하자”고 말했다.",
    "이소연 기자 soyeon@kukinews.com",
    "https://n.news.naver.com/mnews/article/015/0004985123",
    "ㅋㅋㅋ ㅎㅎ ㅠㅠ 헐 대박",
    "갤럭시 S24 시리즈 등 온디바이스 AI 폰",
    "   앞뒤 공백이 있는 문장   ",
    "탭\t문자와  두 칸   공백",
    "Samsung Electronics' Q2 2024 operating profit rose 1,452%.",
]


def sentences(text):
    out = []
    for line in text.splitlines():
        for part in re.split(r"(?<=[.?!])\s+", line):
            if part.strip():
                out.append(part)
    return out


def main():
    root = Path(__file__).resolve().parent.parent
    texts = list(HARD_CASES)
    for line in (root / "tests/fixtures/corpus-truth.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        texts.append(t["title"])
        texts.extend(sentences(t.get("body") or ""))
    seen, unique = set(), []
    for t in texts:
        if t not in seen:
            seen.add(t)
            unique.append(t)
    m = mecab.MeCab()
    out = root / "tests/fixtures/golden-mecab-ko.jsonl"
    with open(out, "w", encoding="utf-8") as f:
        for t in unique:
            pairs = [[x.surface, x.feature.pos] for x in m.parse(t)]
            f.write(json.dumps({"text": t, "morphemes": pairs}, ensure_ascii=False) + "\n")
    print(f"{len(unique)} sentences -> {out}")


if __name__ == "__main__":
    main()
