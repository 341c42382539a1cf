#!/usr/bin/env python3
"""What story groups cost: indexing with fingerprints vs without, and `gisa similar` latency.

A/B in one sitting on one folder of saved articles (the generated benchmark corpus, or a
subset of it): `gisa index --full` by a gisa without story groups (--base, e.g. the binary
of the commit before them) and by this one (--new), alternated RUNS times each, user+system
CPU seconds and wall time of each run (CPU is the steadier figure on a shared machine);
then the new index's groups, and the whole-process time of `gisa similar ID` for SAMPLE
article ids (p50, p95).

    python3 scripts/bench_stories.py --corpus DIR --work SCRATCH --base OLD_GISA \
        [--new target/release/gisa] [--runs 2] [--sample 50]

(--runs 0 times `similar` on the index an earlier run left.)

Indexes go under --work, never into the repository.
"""
import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall s, CPU s)."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", *map(str, cmd)], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{cmd[0]} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", p.stderr).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", p.stderr).group(1))
    return wall, user + system


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--base", required=True, help="a gisa without story groups")
    ap.add_argument("--new", default="target/release/gisa")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--sample", type=int, default=50)
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    figures = {"base": [], "new": []}
    for run in range(args.runs):
        for name, binary in (("base", args.base), ("new", args.new)):
            index = work / f"index-{name}"
            wall, cpu = timed([binary, "index", "--full", "--quiet", args.corpus, "--index", index])
            figures[name].append((wall, cpu))
            print(f"run {run + 1} {name:4s}: {wall:7.1f} s wall, {cpu:7.1f} s CPU", flush=True)
    for what, k in (("wall", 0), ("CPU", 1)) if args.runs else ():
        b = statistics.median(f[k] for f in figures["base"])
        n = statistics.median(f[k] for f in figures["new"])
        print(f"median {what}: without fingerprints {b:.1f} s, with {n:.1f} s ({(n / b - 1) * 100:+.1f}%)")

    index = work / "index-new"
    groups = json.loads((index / "gisa-stories/groups.json").read_text(encoding="utf-8"))
    sizes = [len(g["members"]) for g in groups["groups"]]
    print(f"{groups['articles']} articles, {len(sizes)} stories with copies "
          f"({sum(sizes)} articles in them, largest {max(sizes, default=0)})")

    p = subprocess.run([args.new, "search", "--index", index, "--format", "jsonl", "--limit", "100000",
                        "--fragments", "0", "--any", "기자 정부 회사 시장 발표"], capture_output=True, text=True)
    ids = [json.loads(line)["id"] for line in p.stdout.splitlines()]
    random.Random(7).shuffle(ids)
    times = []
    for i in ids[: args.sample]:
        t = time.perf_counter()
        subprocess.run([args.new, "similar", "--index", index, "--format", "json", i], capture_output=True)
        times.append((time.perf_counter() - t) * 1000)
    if times:
        times.sort()
        print(f"gisa similar over {len(times)} articles: p50 {statistics.median(times):.0f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms (whole process)")


if __name__ == "__main__":
    main()
