#!/usr/bin/env python3
"""Pasted headlines as queries: do they search, and do they find their own article?

    python3 scripts/bench_headlines.py --truth CORPUS.truth.jsonl --index INDEX \
        --engine before=/work/bench/gisa-base --engine after=target/release/gisa \
        [--engine "after -F=target/release/gisa -F"] [--n 300] [--seed 8]

A user copies a headline from a page and pastes it as the query, as typed: curly quotes,
brackets, `word:` and all. For a seeded sample of `--n` titles of a generated corpus
(../shared/bench/gen_corpus.py writes the truth file) every engine runs
`gisa search TITLE --format jsonl --limit 10 --fragments 0` on the same index, and the
script counts the headlines that search without an error (exit status 0 or 1, not 2) and
those whose own article (same path, and line for a feed) comes first and in the top 10.

`--engine LABEL=BINARY [ARGS…]`: a gisa binary and extra `search` arguments (split like a
shell would), so one run compares the baseline and a new binary on the same index.
Prints one Markdown table and, per engine, the first few headlines that failed.
"""
import argparse
import json
import random
import shlex
import subprocess
import sys
from pathlib import Path


def sample(truth, n, seed):
    """(title, path, line) of `n` articles drawn with `seed` (titles that are not blank)."""
    rows = []
    with open(truth, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            if a.get("title", "").strip():
                rows.append((a["title"], a["path"], a.get("line")))
    return random.Random(seed).sample(rows, n)


def run_one(binary, extra, index, title):
    """(exit status, rank of the own article or None, first stderr line)."""
    argv = [binary, "--index", index, "search", title, "--format", "jsonl", "--limit", "10", "--fragments", "0",
            "--color", "never", *extra]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    hits = [json.loads(l) for l in p.stdout.splitlines() if l.strip()] if p.returncode == 0 else []
    return p.returncode, hits, (p.stderr.strip().splitlines() or [""])[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--truth", required=True, help="the truth file gen_corpus.py wrote beside the corpus")
    ap.add_argument("--index", required=True, help="a gisa index of that corpus")
    ap.add_argument("--engine", action="append", required=True, metavar="LABEL=BINARY [ARGS]")
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--show", type=int, default=5, help="failures listed per engine")
    args = ap.parse_args()

    heads = sample(args.truth, args.n, args.seed)
    engines = []
    for spec in args.engine:
        label, _, cmd = spec.partition("=")
        argv = shlex.split(cmd)
        if not label or not argv:
            sys.exit(f"--engine {spec!r}: use LABEL=BINARY [ARGS]")
        engines.append((label, argv[0], argv[1:]))

    print(f"{len(heads)} headlines of {args.truth} (seed {args.seed}), index {args.index}\n")
    print("| engine | searched without error | own article at rank 1 | own article in the top 10 |")
    print("|---|---|---|---|")
    failures = {}
    for label, binary, extra in engines:
        ok = first = top10 = 0
        failed = []
        for title, path, line in heads:
            code, hits, err = run_one(binary, extra, args.index, title)
            if code in (0, 1):
                ok += 1
            else:
                failed.append((title, err))
            ranks = [i for i, h in enumerate(hits) if h.get("path") == path and h.get("line") == line]
            if ranks:
                top10 += 1
                first += ranks[0] == 0
        n = len(heads)
        print(f"| {label} | {ok}/{n} ({100 * ok / n:.1f}%) | {first}/{n} ({100 * first / n:.1f}%) "
              f"| {top10}/{n} ({100 * top10 / n:.1f}%) |")
        failures[label] = failed
    for label, failed in failures.items():
        if failed:
            print(f"\n{label}: {len(failed)} headlines could not be searched, e.g.:")
            for title, err in failed[:args.show]:
                print(f"  {title!r}: {err}")


if __name__ == "__main__":
    main()
