#!/usr/bin/env python3
"""Report benchmark: one `gisa report` of 20 saved searches vs 20 `gisa search` processes.

    python3 scripts/bench_report.py --work W [--articles 100000] [--seed 1] [--repeat 5]

Uses the index and queries that scripts/bench_index.py and `scripts/bench_search.py latency`
leave under W (news{N}-s{seed}.gisa-index, news{N}-s{seed}.q200-s7.tsv): the first 20
queries become the saved searches of a report file (limit 5 each, snippets, every format
renders the same hits). Prints the median wall time over --repeat runs of
  - `gisa report FILE` (text, html and json),
  - the same 20 searches as 20 `gisa search --limit 5` processes, one after another,
  - one `gisa search` process (the start-up and index-open cost a report pays once).
"""
import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wall(cmds):
    t = time.perf_counter()
    for cmd in cmds:
        p = subprocess.run([str(c) for c in cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"{' '.join(map(str, cmd))} failed ({p.returncode}): {p.stderr.strip()}")
    return (time.perf_counter() - t) * 1000


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", required=True)
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    args = ap.parse_args()
    work = Path(args.work)
    name = f"news{args.articles}-s{args.seed}"
    ix, qfile = work / f"{name}.gisa-index", work / f"{name}.q200-s7.tsv"
    if not ix.exists() or not qfile.exists():
        sys.exit(f"{ix} or {qfile} missing: run scripts/bench_index.py and scripts/bench_search.py latency first")
    queries = [line.split("\t", 1)[1].strip() for line in qfile.read_text().splitlines() if "\t" in line][:20]

    with tempfile.TemporaryDirectory() as tmp:
        watch = Path(tmp) / "watch.toml"
        watch.write_text('title = "bench"\nlimit = 5\n' + "".join(
            f"\n[[search]]\nname = {toml_str(f'q{i}')}\nquery = {toml_str(q)}\n" for i, q in enumerate(queries)))
        g = [args.gisa, "--index", ix]
        cases = {f"gisa report, 20 searches, --format {fmt}": [[*g, "report", watch, "--format", fmt]]
                 for fmt in ("text", "html", "json")}
        cases["20 × gisa search --limit 5 (20 processes)"] = [[*g, "search", q, "--limit", "5", "--color", "never"]
                                                             for q in queries]
        cases["1 × gisa search --limit 5"] = [[*g, "search", queries[0], "--limit", "5", "--color", "never"]]
        for cmds in cases.values():  # warm the page cache
            wall(cmds)
        print(f"{name}: median of {args.repeat} runs, wall time")
        print("| run | wall |\n|---|---|")
        for label, cmds in cases.items():
            med = statistics.median(wall(cmds) for _ in range(args.repeat))
            print(f"| {label} | {med:.0f} ms |")


if __name__ == "__main__":
    main()
