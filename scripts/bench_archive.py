#!/usr/bin/env python3
"""Cost of reading an archive: `gisa search --facets` and `gisa trend` against a plain
`gisa search`, whole-process wall time, in one sitting (the three commands alternate per
query, so load on a shared machine hits them alike).

    python3 scripts/bench_archive.py --index IX --truth TRUTH.jsonl [--n 100] [--gisa BIN]

Queries: ../shared/bench/sample_queries.py over the corpus truth (seed 7), as
bench_search.py samples them. Prints p50/p95 per command and the ratios of the p50s.
"""
import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True)
    ap.add_argument("--truth", required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    a = ap.parse_args()
    sampler = ROOT.parent / "shared/bench/sample_queries.py"
    tsv = subprocess.run([sys.executable, sampler, a.truth, "--n", str(a.n), "--seed", "7"],
                         check=True, capture_output=True, text=True).stdout
    queries = [line.split("\t")[-1] for line in tsv.splitlines() if line.strip()]
    commands = {
        "search -n 10": lambda q: ["search", q, "-n", "10"],
        "search -n 10 --facets press,month,category,reporter":
            lambda q: ["search", q, "-n", "10", "--facets", "press,month,category,reporter"],
        "trend --by month": lambda q: ["trend", "--by", "month", "--format", "csv", "--", q],
    }
    times = {k: [] for k in commands}
    for q in queries:
        for name, args in commands.items():
            t = time.perf_counter()
            r = subprocess.run([a.gisa, "--index", a.index, *args(q)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
            times[name].append((time.perf_counter() - t) * 1000)
            if r.returncode not in (0, 1):
                sys.exit(f"{name} failed on {q!r}: status {r.returncode}")
    base = statistics.median(times["search -n 10"])
    print(f"{len(queries)} queries on {a.index}, whole-process wall time (ms)")
    for name, ts in times.items():
        ts.sort()
        p50 = statistics.median(ts)
        p95 = ts[int(0.95 * (len(ts) - 1))]
        print(f"  {name:55} p50 {p50:7.1f}  p95 {p95:7.1f}  ×{p50 / base:.2f} of search")


if __name__ == "__main__":
    main()
