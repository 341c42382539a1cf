#!/usr/bin/env python3
"""How well does a query word's analysis reproduce its terms inside an article?

MeCab-ko segments a word by its context. In an article a word is followed by more text; the
last word of a query stands where a sentence ends. For every word (eojeol) of the shared
kit's news text (the sci-news articles and the first 300,000 characters of the soynlp blob)
this compares the word's content terms in its sentence (reference MeCab-ko, Nori's stop tags
dropped) with the terms of the word analyzed alone and followed by a continuation, and
prints the share of word occurrences each reading — or the union of "alone" and it — gets
right. gisa's query compiler uses " 하고" (src/search/mod.rs, CONTINUATION).

    pip install python-mecab-ko==1.3.7
    python3 scripts/query_readings.py [--data ../shared/data]
"""
import argparse
import collections
import json
import re
from pathlib import Path

import mecab

STOP = set("EP EF EC ETN ETM JKS JKC JKG JKO JKB JKV JKQ JX JC IC MAG MAJ MM SP SSC SSO SC SE XPN XSA XSN XSV "
           "UNA NA VSV SF SY".split())
CONTINUATIONS = {"alone": "", "+ 하고": " 하고", "+ 있다": " 있다", "+ .": ".", "+ 것": " 것", "+ 등": " 등"}


def content(tokens):
    return tuple(s for s, p in tokens if p.split("+")[0] not in STOP)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(Path(__file__).resolve().parent.parent.parent / "shared/data"))
    data = Path(ap.parse_args().data)
    m = mecab.MeCab()
    texts = [json.loads(line).get("body", "") for line in
             (data / "sci_news_sum_kr50/articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    texts.append((data / "soynlp_news_blob/news.dat").read_text(encoding="utf-8")[:300000])
    words = collections.Counter()
    for text in texts:
        for sent in re.split(r"(?<=[.?!])\s+", text):
            tokens, i = m.pos(sent), 0
            for eojeol in sent.split():
                acc, cur = "", []
                while i < len(tokens) and len(acc) < len(eojeol):
                    acc += tokens[i][0]
                    cur.append(tokens[i])
                    i += 1
                if acc != eojeol:
                    break
                if re.search("[가-힣]", eojeol):
                    words[(eojeol, content(cur))] += 1
    total = sum(words.values())

    def reading(word, suffix):
        acc, cur = "", []
        for s, p in m.pos(word + suffix):
            if len(acc) >= len(word):
                break
            acc += s
            cur.append((s, p))
        return content(cur)

    readings = {k: {w: reading(w, suf) for w, _ in words} for k, suf in CONTINUATIONS.items()}
    print(f"{total} word occurrences ({len(words)} distinct in context)")
    print("| reading | right | alone or it | readings differ |\n|---|---|---|---|")
    for k in CONTINUATIONS:
        right = sum(n for (w, c), n in words.items() if readings[k][w] == c)
        union = sum(n for (w, c), n in words.items() if c in (readings["alone"][w], readings[k][w]))
        differ = sum(n for (w, c), n in words.items() if readings["alone"][w] != readings[k][w])
        print(f"| {k} | {right / total:.1%} | {union / total:.1%} | {differ / total:.1%} |")


if __name__ == "__main__":
    main()
