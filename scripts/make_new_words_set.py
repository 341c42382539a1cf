#!/usr/bin/env python3
"""Builds the new-words labeled set (issue 10) from real news sentences.

    python3 scripts/make_new_words_set.py [--data ../shared/data] [--gisa target/release/gisa]

Reads `tests/fixtures/new-words/names.txt` (post-2018 names and terms that mecab-ko-dic
2.1.1-20180720 reads only in pieces; one per line) and writes
`tests/fixtures/new-words/labeled.jsonl`: one article per line, `{"id", "title", "body",
"kind", "name"}`, where `kind` is

- `positive`: three articles per name, the name placed (with a particle fitted to its last
  syllable) into real sentences of the shared kit's news text (the soynlp Naver news blob and
  the sci-news articles) in the place of a noun;
- `distractor`: two articles per name whose sentences use the name's pieces — as the
  analyzer splits it (`gisa analyze`), e.g. 딥시크 → 딥, 시크 — as ordinary words;
- `background`: real sentences with no name at all.

There are fewer sentences (1,927 of 30–160 characters) than places, so sentences are reused,
each time with another word placed in them.

The set is test and benchmark data only: gisa ships no list of names. Deterministic
(fixed seed); `scripts/bench_new_words.py` measures search on it.
"""
import argparse
import itertools
import json
import random
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "new-words"
EOJEOL = re.compile(r"^([가-힣]{2,5})(은|는|이|가|을|를|의|에서|에|와|과|도)$")


def has_batchim(s):
    c = ord(s[-1])
    if 0xAC00 <= c <= 0xD7A3:
        return (c - 0xAC00) % 28 != 0
    return False


def fit(word, particle):
    pairs = {"은": ("은", "는"), "는": ("은", "는"), "이": ("이", "가"), "가": ("이", "가"),
             "을": ("을", "를"), "를": ("을", "를"), "와": ("과", "와"), "과": ("과", "와")}
    if particle in pairs:
        yes, no = pairs[particle]
        return word + (yes if has_batchim(word) else no)
    return word + particle


def sentences(data):
    blob = (data / "soynlp_news_blob" / "news.dat").read_text(encoding="utf-8")
    out = []
    for s in re.split(r"\s{2,}|(?<=다\.)\s", blob):
        out.append(s.strip())
    for line in (data / "sci_news_sum_kr50" / "articles.jsonl").open(encoding="utf-8"):
        body = json.loads(line)["body"]
        out.extend(x.strip() for x in re.split(r"(?<=[.?!])\s+", body))
    keep = []
    for s in out:
        if 30 <= len(s) <= 160 and sum("가" <= c <= "힣" for c in s) > len(s) * 0.6:
            keep.append(s)
    return list(dict.fromkeys(keep))


def place(sentence, word, rng):
    """The sentence with one noun+particle word replaced by `word`+particle, or None."""
    toks = sentence.split(" ")
    slots = [i for i, t in enumerate(toks) if EOJEOL.match(t)]
    if not slots:
        return None
    i = rng.choice(slots)
    m = EOJEOL.match(toks[i])
    toks[i] = fit(word, m.group(2))
    return " ".join(toks)


def headline(s):
    """A sentence cut to a headline's length at a space (never inside a word)."""
    if len(s) <= 60:
        return s
    cut = s.rfind(" ", 0, 60)
    return s[:cut] if cut > 20 else s


def pieces(gisa, name):
    out = subprocess.run([gisa, "analyze", "--format", "json", name], capture_output=True, text=True, check=True)
    toks = json.loads(out.stdout)["tokens"]
    ps = [t["token"] for t in toks if t["pos"].startswith("N") and t["role"] != "compound" and t["token"] != name]
    return [p for p in dict.fromkeys(ps) if p in name]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--gisa", default=str(ROOT / "target" / "release" / "gisa"))
    args = ap.parse_args()
    rng = random.Random(10)
    pool = sentences(Path(args.data))
    rng.shuffle(pool)
    names = [n.strip() for n in (FIX / "names.txt").read_text(encoding="utf-8").splitlines() if n.strip()]
    it = itertools.cycle(pool)  # the pool is reused; each use places another word
    docs = []

    def placed(word):
        for s in it:
            p = place(s, word, rng)
            if p:
                return p
        raise SystemExit("ran out of sentences")

    for n, name in enumerate(names):
        for k in range(3):
            title = headline(placed(name))
            body = " ".join([next(it), placed(name), next(it)])
            docs.append({"id": f"pos-{n:03}-{k}", "title": title, "body": body, "kind": "positive", "name": name})
        ps = pieces(args.gisa, name) or [name[: len(name) // 2], name[len(name) // 2:]]
        for k in range(2):
            body = " ".join([placed(p) for p in ps] + [next(it)])
            docs.append({"id": f"dis-{n:03}-{k}", "title": headline(placed(ps[k % len(ps)])), "body": body,
                         "kind": "distractor", "name": name, "pieces": ps})
    for k in range(500):
        body = " ".join(next(it) for _ in range(3))
        docs.append({"id": f"bg-{k:04}", "title": headline(next(it)), "body": body, "kind": "background", "name": None})
    with (FIX / "labeled.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"{len(names)} names, {len(docs)} articles -> {FIX / 'labeled.jsonl'}")


if __name__ == "__main__":
    main()
