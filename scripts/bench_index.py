#!/usr/bin/env python3
"""Indexing benchmark: gisa vs Lucene+Nori on the same generated articles, in one session.

1. Generates N saved articles with ground truth (../shared/bench/gen_corpus.py), unless the
   folder exists already.
2. `gisa index` from scratch: wall time, CPU, peak RSS, articles/s, MB/s of raw files,
   index size; then a re-run with nothing changed (wall time, bytes read).
3. Lucene 10.4 + Nori (../shared/bench/peers/lucene_nori.sh) indexing the ground-truth file
   (text already extracted), same thread count; wall time and size.
4. Extraction accuracy of the gisa run against the ground truth (scripts/score_extraction.py).

    python3 scripts/bench_index.py --articles 100000 --work /path/to/scratch [--threads 2]
        [--no-lucene] [--no-score]

Needs `bench/peers/setup.sh` (PEERS_HOME) for the Lucene run. Corpora and indexes go under
--work, never into the repository.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time -v; returns (wall s, peak RSS MB, CPU %, stdout)."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *map(str, cmd)], capture_output=True, text=True, **kw)
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
    cpu = re.search(r"Percent of CPU this job got: (\d+)%", p.stderr).group(1)
    return wall, rss, int(cpu), p.stdout


def du(path):
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", required=True, help="scratch folder for the corpus and the indexes")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    ap.add_argument("--no-lucene", action="store_true")
    ap.add_argument("--no-score", action="store_true")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    shared = Path(args.shared)
    corpus = work / f"news{args.articles}-s{args.seed}"
    truth = work / f"{corpus.name}.truth.jsonl"
    if not truth.exists():
        subprocess.run([sys.executable, shared / "bench/gen_corpus.py", "--out", corpus, "--articles",
                        str(args.articles), "--seed", str(args.seed), "--force"], check=True)
    raw_mb = du(corpus) / 1e6

    ix = work / f"{corpus.name}.gisa-index"
    shutil.rmtree(ix, ignore_errors=True)
    gisa = [args.gisa, "--index", ix, "index", corpus, "--format", "json", "--quiet", "--threads", args.threads]
    wall, rss, cpu, out = timed(gisa)
    s = json.loads(out)
    size = du(ix) / 1e6
    rewall, _, _, reout = timed(gisa)
    r = json.loads(reout)

    print(f"corpus: {corpus} — {args.articles} articles, {s['files_seen']} files, {raw_mb:.1f} MB")
    print(f"gisa index (threads={args.threads}): {wall:.1f} s wall, {cpu}% CPU, peak RSS {rss:.0f} MB, "
          f"{s['articles_in_index'] / wall:.0f} articles/s, {raw_mb / wall:.2f} MB/s, index {size:.0f} MB "
          f"({s['articles_in_index']} articles, {s['duplicates']} duplicates, {len(s['skipped'])} skipped, "
          f"{len(s['failed'])} failed)")
    print(f"gisa re-run, nothing changed: {rewall:.2f} s wall ({rewall / wall:.1%} of the build), "
          f"{r['bytes_read']} bytes read, {r['files_unchanged']} files unchanged")

    if not args.no_lucene:
        peers = Path(os.environ.get("PEERS_HOME", Path.home() / ".cache/gisa-bench-peers"))
        lix = work / f"{corpus.name}.lucene-index"
        shutil.rmtree(lix, ignore_errors=True)
        p = subprocess.run([shared / "bench/peers/lucene_nori.sh", "index", truth, lix, str(args.threads)],
                           capture_output=True, text=True, env=dict(os.environ, PEERS_HOME=str(peers)))
        if p.returncode != 0:
            print(f"lucene-nori failed: {p.stderr.strip()[-500:]}")
        else:
            line = p.stdout.strip().splitlines()[-1]
            lwall = float(re.search(r"index: ([\d.]+)s", line).group(1))
            print(line)
            print(f"ratio: Lucene+Nori {lwall:.1f} s / gisa {wall:.1f} s = {lwall / wall:.2f}x "
                  f"(Lucene gets the text already extracted; gisa reads the raw files)")

    if not args.no_score:
        p = subprocess.run([sys.executable, ROOT / "scripts/score_extraction.py", corpus, truth, "--gisa", args.gisa],
                           capture_output=True, text=True)
        print(p.stdout.strip())


if __name__ == "__main__":
    main()
