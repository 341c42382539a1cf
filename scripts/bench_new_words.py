#!/usr/bin/env python3
"""Precision and recall of `gisa search NAME` for names newer than the dictionary (issue 10).

    python3 scripts/bench_new_words.py --work /tmp/nw [--engine LABEL=BINARY[,ARGS]]... [--words]

Writes the labeled set (`tests/fixtures/new-words/labeled.jsonl`, made by
`scripts/make_new_words_set.py`) as a JSONL feed under WORK/corpus, indexes it with every
engine (its own index under WORK), and runs `gisa search NAME --limit 10` for each of the
names. An article is relevant to a name when a word of it begins with the name (so
`하이퍼클로바엑스는` counts for 하이퍼클로바, `마켓컬리` does not for 컬리). Prints, per engine:

- precision@10: relevant hits among the hits returned (top 10), over all names;
- recall@10: relevant articles found in the top 10, over all relevant articles;
- queries with a distractor (an article using the name's pieces as ordinary words) in the top 10;
- pieces as words first: each piece of a name searched alone (`시크` of 딥시크, as its
  distractors use it), all hits — the share of (article with the piece as a word, article with
  the name) pairs in which the first ranks above the second (a pair where only one of them is
  returned counts for the one returned), averaged over the pieces searched, and over those of
  two characters or more (one-character pieces such as 딥 or 뉴 are seldom searched alone). 0.5 would be a
  coin toss; a piece that counts as much inside a name as alone puts the names first (short
  articles of the labeled set) more often than not.

`--words`: after a first index, also run `gisa words --add` (the top 500 candidates of at
least 3 articles) into a user dictionary under WORK, rebuild the index with it (`--full`) and
measure again: the "after items 1-3" row. An engine spec may add search options after a comma,
and index options as `index:OPTION` (`--engine equal=BIN,index:--pieces-equal`).
"""
import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "new-words"


def run(cmd, ok=(0,), env=None):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(map(str, cmd[:4]))} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return p


def relevant(doc, name):
    text = doc["title"] + "\n" + doc["body"]
    return re.search(r"(?:^|[\s\"'“‘(\[<·,])" + re.escape(name), text) is not None


def measure(gisa, ix, names, docs, extra):
    rel = {n: {d["id"] for d in docs if relevant(d, n)} for n in names}
    dis = {n: {d["id"] for d in docs if d["kind"] == "distractor" and d["name"] == n} for n in names}
    returned = hit = found = total = with_dis = 0
    misses = []
    for n in names:
        p = run([gisa, "--index", ix, "search", n, "--limit", "10", "--format", "jsonl", *extra], ok=(0, 1))
        ids = [json.loads(l)["id"] for l in p.stdout.splitlines() if l.strip()]
        ids = [i.split(":")[-1] if i.startswith("labeled.jsonl:") else i for i in ids]
        good = [i for i in ids if i in rel[n]]
        returned += len(ids)
        hit += len(good)
        found += len(good)
        total += len(rel[n])
        if any(i in dis[n] for i in ids):
            with_dis += 1
        if len(good) < min(10, len(rel[n])) or len(good) < len(ids):
            misses.append((n, len(good), len(ids), len(rel[n])))
    return {"precision": hit / returned if returned else 0.0, "recall": found / total, "returned": returned,
            "relevant_returned": hit, "relevant": total, "with_distractor": with_dis, "misses": misses,
            "words_first": words_first(gisa, ix, docs, extra)}


def piece_queries(docs):
    """(piece, articles with it as a word, articles with the name) for every piece of every
    name that one of its distractors holds."""
    out = {}
    for d in docs:
        if d["kind"] != "distractor":
            continue
        n = d["name"]
        text = d["title"] + "\n" + d["body"]
        for p in d.get("pieces", []):
            if p in text and n not in text:
                key = (n, p)
                if key not in out:
                    names = {x["id"] for x in docs if x["kind"] == "positive" and x["name"] == n}
                    out[key] = (set(), names)
                out[key][0].add(d["id"])
    return [(p, w, named) for (_, p), (w, named) in sorted(out.items()) if w and named]


def words_first(gisa, ix, docs, extra):
    shares, long_shares = [], []
    for piece, word, named in piece_queries(docs):
        p = run([gisa, "--index", ix, "search", piece, "--limit", "100000", "--format", "jsonl", *extra], ok=(0, 1))
        ids = [json.loads(l)["id"] for l in p.stdout.splitlines() if l.strip()]
        rank = {(i.split(":")[-1] if i.startswith("labeled.jsonl:") else i): r for r, i in enumerate(ids)}
        wins = pairs = 0
        for w in word:
            for n in named:
                rw, rn = rank.get(w), rank.get(n)
                if rw is None and rn is None:
                    continue
                pairs += 1
                wins += rn is None or (rw is not None and rw < rn)
        if pairs:
            shares.append(wins / pairs)
            if len(piece) > 1:
                long_shares.append(wins / pairs)
    mean = lambda v: sum(v) / len(v) if v else 0.0
    return mean(shares), len(shares), mean(long_shares), len(long_shares)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--engine", action="append", default=[])
    ap.add_argument("--words", action="store_true")
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()
    engines = args.engine or [f"gisa={ROOT / 'target' / 'release' / 'gisa'}"]
    work = Path(args.work)
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    docs = [json.loads(l) for l in (FIX / "labeled.jsonl").open(encoding="utf-8")]
    with (corpus / "labeled.jsonl").open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps({"id": d["id"], "title": d["title"], "body": d["body"]}, ensure_ascii=False) + "\n")
    names = [n.strip() for n in (FIX / "names.txt").read_text(encoding="utf-8").splitlines() if n.strip()]
    print(f"{len(names)} names, {len(docs)} articles")
    print(f"{'engine':<28} {'precision@10':>12} {'recall@10':>10} {'hits':>6} {'with distractor':>16} "
          f"{'pieces as words first':>22}")
    for spec in engines:
        label, rest = spec.split("=", 1)
        gisa, *extra = rest.split(",")
        index_args = [a[len("index:"):] for a in extra if a.startswith("index:")]
        extra = [a for a in extra if not a.startswith("index:")]
        ix = work / f"ix-{re.sub(r'[^A-Za-z0-9]+', '_', label)}"
        if ix.exists():
            shutil.rmtree(ix)
        run([gisa, "--index", ix, "index", corpus, "--quiet", *index_args])
        rows = [(label, measure(gisa, ix, names, docs, extra))]
        has_words = subprocess.run([gisa, "words", "--help"], capture_output=True).returncode == 0
        if args.words and has_words:
            udict = work / f"user-{ix.name}.txt"
            udict.write_text("")
            t = time.time()
            run([gisa, "--index", ix, "words", "--add", "--user-dict", udict, "--min-count", "3", "--limit", "500"])
            # A changed user dictionary needs a rebuild (re-analysing only the affected
            # articles is not built yet).
            run([gisa, "--index", ix, "index", corpus, "--quiet", "--full", "--user-dict", udict, *index_args], ok=(0,))
            rows.append((f"{label} + gisa words --add", measure(gisa, ix, names, docs, extra)))
            print(f"  (gisa words --add + re-index: {time.time() - t:.1f} s, {len(udict.read_text().splitlines())} words)")
        for lab, r in rows:
            share, queries, long_share, long_queries = r["words_first"]
            print(f"{lab:<28} {r['precision']:>12.4f} {r['recall']:>10.4f} {r['returned']:>6} "
                  f"{r['with_distractor']:>10}/{len(names)} {share:>12.3f} ({queries} pieces; "
                  f"{long_share:.3f} for the {long_queries} of two characters or more)")
            if args.show_misses:
                for m in r["misses"]:
                    print("   ", *m)


if __name__ == "__main__":
    main()
