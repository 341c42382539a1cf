#!/usr/bin/env python3
"""Re-analysis for a changed user dictionary against a full rebuild (issue 10 item 2).

    python3 scripts/bench_reanalyze.py --corpus CORPUS --work DIR [--gisa BINARY] [--words 10,100]
        [--threads 2] [--base-index IX]

Indexes CORPUS once without a user dictionary (or copies --base-index, an index of CORPUS
built that way), takes the top N candidates of `gisa words` for every N of --words, and for
each N, in one sitting:

- copies the base index, writes the N words as `WORD,NNP` into a user dictionary and runs a
  plain `gisa index --user-dict FILE CORPUS` on the copy: wall time, and what its summary says
  (articles re-analyzed of those searched, the re-analysis' own time);
- rebuilds with `gisa index --full --user-dict FILE CORPUS` into another folder: wall time;
- runs `gisa search WORD` (every hit) for each of the N words on both indexes and checks
  that the hits are the same articles with the same scores (hits of equal score come in the
  order of the documents in the index, which differs), and the largest score difference.

Prints one line per N and a Markdown table for the README.
"""
import argparse
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, ok=(0,)):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
    if p.returncode not in ok:
        sys.exit(f"{' '.join(map(str, cmd[:6]))} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return p


def timed(cmd):
    """Runs `cmd`: (wall seconds, CPU seconds of the process, its result). The host is shared,
    so CPU time is the figure to compare."""
    t = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = run(cmd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return time.monotonic() - t, cpu, p


def hits(gisa, ix, word):
    p = run([gisa, "--index", ix, "search", word, "--limit", "1000000", "--fragments", "0", "--format", "json"], ok=(0, 1))
    return [(h["id"], h["score"]) for h in json.loads(p.stdout)["hits"]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--gisa", default=ROOT / "target" / "release" / "gisa", type=Path)
    ap.add_argument("--words", default="10,100")
    ap.add_argument("--threads", default="2")
    ap.add_argument("--base-index", type=Path)
    a = ap.parse_args()
    gisa, work = a.gisa.resolve(), a.work
    work.mkdir(parents=True, exist_ok=True)
    base = work / "base"
    if a.base_index:
        base = a.base_index
    elif not (base / "gisa.json").exists():
        secs, _, _ = timed([gisa, "--index", base, "index", "--quiet", "--threads", a.threads, a.corpus])
        print(f"base index (no user dictionary): {secs:.1f} s")
    sizes = [int(n) for n in a.words.split(",")]
    p = run([gisa, "--index", base, "words", "--limit", str(max(sizes)), "--format", "json"])
    words = [c["word"] for c in json.loads(p.stdout)["candidates"]]
    rows = []
    for n in sizes:
        chosen = words[:n]
        ud = work / f"user-{n}.txt"
        ud.write_text("".join(f"{w},NNP\n" for w in chosen), encoding="utf-8")
        ix, full = work / f"ix-{n}", work / f"full-{n}"
        for d in (ix, full):
            if d.exists():
                shutil.rmtree(d)
        shutil.copytree(base, ix)
        t_re, c_re, p = timed([gisa, "--index", ix, "index", "--format", "json", "--threads", a.threads, "--user-dict", ud, a.corpus])
        summary = json.loads(p.stdout)
        r = summary["reanalysis"]
        t_full, c_full, _ = timed([gisa, "--index", full, "index", "--quiet", "--full", "--threads", a.threads, "--user-dict", ud, a.corpus])
        same, worst = 0, 0.0
        for w in chosen:
            x, y = hits(gisa, ix, w), hits(gisa, full, w)
            # Hits of equal score come in the order of the documents in the index.
            if sorted(x, key=lambda h: (-h[1], h[0])) == sorted(y, key=lambda h: (-h[1], h[0])):
                same += 1
            for (_, s1), (_, s2) in zip(sorted(x, key=lambda h: -h[1]), sorted(y, key=lambda h: -h[1])):
                worst = max(worst, abs(s1 - s2) / max(abs(s2), 1e-9))
        row = {
            "words": len(chosen),
            "articles": r["articles_searched"],
            "reanalyzed": r["articles_reanalyzed"],
            "reanalysis_s": r["elapsed_ms"] / 1000,
            "run_s": t_re,
            "full_s": t_full,
            "run_cpu": c_re,
            "full_cpu": c_full,
            "same": same,
            "worst": worst,
        }
        rows.append(row)
        print(
            f"{n} words: {row['reanalyzed']} of {row['articles']} articles re-analyzed in {row['reanalysis_s']:.1f} s "
            f"(whole run {t_re:.1f} s wall, {c_re:.1f} s CPU) vs --full {t_full:.1f} s wall, {c_full:.1f} s CPU "
            f"({c_full / max(c_re, 1e-9):.1f}x in CPU); "
            f"same hits and scores for {same}/{len(chosen)} words, largest score difference {worst:.2%}",
            flush=True,
        )
    print()
    print("| words added | articles re-analyzed | re-analysis (wall) | `gisa index` run, wall / CPU | `--full`, wall / CPU | CPU ratio | same hits and scores | largest score difference |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['words']} | {r['reanalyzed']:,} of {r['articles']:,} ({r['reanalyzed'] / max(r['articles'], 1):.1%}) "
            f"| {r['reanalysis_s']:.1f} s | {r['run_s']:.1f} s / {r['run_cpu']:.1f} s | {r['full_s']:.1f} s / {r['full_cpu']:.1f} s "
            f"| {r['full_cpu'] / max(r['run_cpu'], 1e-9):.1f}× "
            f"| {r['same']}/{r['words']} | {r['worst']:.2%} |"
        )


if __name__ == "__main__":
    main()
