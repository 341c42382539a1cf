#!/usr/bin/env python3
"""Precision and recall of gisa's story groups (near-duplicate detection) on a labeled set.

The set is built from real text in the shared kit (never stored in the repository):
  * the 50 real sci-news articles (data/sci_news_sum_kr50/articles.jsonl) and the real
    Naver news of soynlp's news.dat (data/soynlp_news_blob), cut into articles at their
    reporter e-mails, with the portal's ▶/☞ link lines dropped;
  * for every source article with 5+ paragraphs, COPIES syndicated copies made the way
    syndication makes them: another outlet's dateline `(서울=뉴스1) 홍길동 기자 =` on the
    lede, a reporter line at the end, a new headline, and at random another outlet's lede
    (the first paragraph rewritten: its words in another order), the last paragraph dropped
    or a paragraph added, two paragraphs swapped;
  * hard negatives: for every sci-news article, a different article on the same event
    that shares its names and most of its words — every sentence of it with its words in
    another order, one sentence (the quote every outlet takes from a press release) kept
    verbatim, and a paragraph of background from another article; plus every pair of the
    real news.dat articles, many of them on the same events of one week (평창 올림픽,
    북한 대표단 방남), naturally.

Every article goes into one JSON Lines file, `gisa index` indexes it, and the groups it
writes (`INDEX/gisa-stories/groups.json`) are scored over pairs: a pair is a true copy when
both come from the same source article. Prints precision, recall, the pairs it got wrong
and the figures per transformation.

usage: scripts/near_dup_eval.py [--gisa target/release/gisa] [--kit ../shared] [--out DIR]
"""

import argparse
import itertools
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

COPIES = 2
OUTLETS = [
    ("뉴스1", "news1.kr"),
    ("뉴시스", "newsis.com"),
    ("연합뉴스", "yna.co.kr"),
    ("한겨레", "hani.co.kr"),
    ("경향신문", "khan.co.kr"),
    ("머니투데이", "mt.co.kr"),
    ("이데일리", "edaily.co.kr"),
    ("헤럴드경제", "heraldcorp.com"),
]
CITIES = ["서울", "세종", "부산", "대전", "수원", "광주"]
REPORTERS = [("홍길동", "hong"), ("김민지", "minji"), ("이서준", "sjlee"), ("박하은", "haeun"), ("최도윤", "doyoon")]


def blob_articles(path):
    """Real articles of news.dat: text between reporter e-mails, link lines dropped."""
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"[\w.]+@[\w.]+\.(?:com|kr|net)", text)
    out = []
    for part in parts:
        sents = []
        for s in re.split(r"\s{2,}|(?<=다\.)\s*", part):
            s = s.strip()
            if len(s) < 15 or any(x in s for x in "▶☞[]<>") or "기자" in s[:12] or "구독" in s:
                continue
            sents.append(s)
        if len(sents) >= 6:
            out.append(sents)
    # news.dat holds some stories more than once (the same page crawled twice, one outlet's
    # copy of another's): those are one source, not a negative pair. An article that shares
    # half of its text or more verbatim with an earlier one (exact shingle containment ≥ 0.5)
    # is left out.
    kept, seen = [], []
    for sents in out:
        sh = shingles("".join(sents))
        if all(len(sh & o) < 0.5 * min(len(sh), len(o)) for o in seen):
            kept.append(sents)
            seen.append(sh)
    return kept


def shingles(text):
    t = "".join(c for c in text if c.isalnum()).lower()
    return {t[i : i + 5] for i in range(len(t) - 4)}


def shuffled_words(rng, sentence):
    """The sentence's words in another order: a rewrite that keeps every name and word."""
    words = sentence.split()
    rng.shuffle(words)
    return " ".join(words)


def syndicate(rng, paras, others):
    """A syndicated copy of an article's paragraphs, and the transformations applied."""
    press, domain = rng.choice(OUTLETS)
    name, user = rng.choice(REPORTERS)
    paras = list(paras)
    done = ["dateline", "reporter line", "new headline"]
    if rng.random() < 0.5:
        paras[0] = shuffled_words(rng, paras[0])
        done.append("new lede")
    if rng.random() < 0.5:
        paras.pop()
        done.append("last paragraph dropped")
    elif rng.random() < 0.5:
        paras.append("한편 " + rng.choice(rng.choice(others)))
        done.append("paragraph added")
    if len(paras) > 4 and rng.random() < 0.4:
        i = rng.randrange(1, len(paras) - 2)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
        done.append("paragraphs swapped")
    paras[0] = f"({rng.choice(CITIES)}={press}) {name} 기자 = {paras[0]}"
    paras.append(f"{name} 기자 {user}@{domain}")
    return press, paras, done


def same_event(rng, paras, others):
    """A different article on the same event: same names and words, its own sentences."""
    keep = rng.randrange(len(paras))
    body = [p if i == keep else shuffled_words(rng, p) for i, p in enumerate(paras)]
    rng.shuffle(body)
    body.append(rng.choice(rng.choice(others)))
    return body


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gisa", default="target/release/gisa")
    ap.add_argument("--kit", default="../shared")
    ap.add_argument("--out", help="folder for the labeled corpus and its index (default: a temporary one)")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    kit = Path(args.kit)
    sci = [json.loads(line) for line in open(kit / "data/sci_news_sum_kr50/articles.jsonl", encoding="utf-8")]
    sources = [("sci", a["title"], [p for p in a["body"].split("\n") if p.strip()]) for a in sci]
    blob = blob_articles(kit / "data/soynlp_news_blob/news.dat")
    sources += [("blob", s[0][:40], s) for s in blob]
    others = [s[2] for s in sources]

    records, label, kinds = [], {}, {}

    def add(rid, title, paras, press, source, kind):
        records.append({"id": rid, "title": title, "press": press, "body": "\n".join(paras),
                        "date": f"2024-07-{1 + len(records) % 28:02d}T09:00:00+09:00"})
        label[rid] = source
        kinds[rid] = kind

    for n, (origin, title, paras) in enumerate(sources):
        src = f"s{n:03d}"
        add(f"{src}-orig", title, paras, "원문", src, "original")
        if len(paras) < 5:
            continue
        for c in range(COPIES):
            press, copy, done = syndicate(rng, paras, others)
            add(f"{src}-copy{c}", f"[{press}] " + shuffled_words(rng, title), copy, press, src, "+".join(done))
        if origin == "sci":
            add(f"{src}-event", "같은 사건 다른 기사: " + title, same_event(rng, paras, others), "다른매체",
                f"{src}-event", "same-event negative")

    out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="gisa-neardup-"))
    corpus = out / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    with open(corpus / "labeled.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    index = out / "index"
    subprocess.run([args.gisa, "index", "--full", str(corpus), "--index", str(index)], check=True,
                   stdout=subprocess.DEVNULL)
    groups = json.loads((index / "gisa-stories/groups.json").read_text(encoding="utf-8"))["groups"]
    story = {}
    for g in groups:
        for m in g["members"]:
            story[m["id"]] = g["story"]

    ids = [r["id"] for r in records]
    tp = fp = fn = 0
    wrong = []
    by_kind = {}
    for a, b in itertools.combinations(ids, 2):
        truth = label[a] == label[b]
        said = a in story and story.get(a) == story.get(b)
        if truth and said:
            tp += 1
        elif said:
            fp += 1
            wrong.append(("false copy", a, b))
        elif truth:
            fn += 1
            wrong.append(("missed copy", a, b))
        if truth:
            for k in {kinds[a], kinds[b]} - {"original"}:
                for t in k.split("+"):
                    hit, tot = by_kind.get(t, (0, 0))
                    by_kind[t] = (hit + said, tot + 1)
    negatives_event = sum(1 for r in ids if kinds[r] == "same-event negative")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"labeled set: {len(ids)} articles from {len(sources)} real ones ({len(sci)} sci-news, {len(blob)} news.dat), "
          f"{tp + fn} true copy pairs, {negatives_event} same-event negatives, "
          f"{len(ids) * (len(ids) - 1) // 2 - tp - fn} negative pairs")
    print(f"precision {p:.4f}  recall {r:.4f}  (TP {tp}, FP {fp}, FN {fn})")
    for t, (hit, tot) in sorted(by_kind.items()):
        print(f"  recall with {t:24s} {hit}/{tot}")
    fps = {}
    for what, a, b in wrong:
        key = (what, kinds[a] if what == "missed copy" else kinds[a].split("+")[0], kinds[b].split("+")[0])
        fps.setdefault(key, []).append((a, b))
    for key, pairs in sorted(fps.items()):
        print(f"  {key[0]} ({key[1]} ~ {key[2]}): {len(pairs)}, e.g. {pairs[:3]}")
    return 0 if p >= 0.98 and r >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
