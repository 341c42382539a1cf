#!/usr/bin/env python3
"""Export benchmark: `gisa export opensearch` of a whole index, then `--changed` with nothing
changed, timed with peak memory.

    python3 scripts/bench_export.py --index IX --out OUT [--threads 2] [--bulk-bytes 10MB]

IX is an index built by `gisa index` (e.g. the 100,000-article benchmark index of
scripts/bench_index.py). The export writes state into IX (`gisa-exports/`): point it at a
copy if IX must stay untouched. Prints, for each run: wall time, articles exported per
second (of wall time and of CPU time: the host is shared, CPU time is the steadier figure),
bulk files and MB written, MB/s, peak RSS (from GNU time when present, else from
getrusage of the children).
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


TIME = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)


def run(cmd):
    cmd = [str(c) for c in cmd]
    if TIME:
        cmd = [TIME, "-f", "maxrss_kb=%M cpu_s=%U+%S", *cmd]
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()}")
    rss = [line for line in p.stderr.splitlines() if line.startswith("maxrss_kb=")]
    if rss:
        fields = dict(f.split("=") for f in rss[-1].split())
        rss_mb = int(fields["maxrss_kb"]) / 1024
        cpu = sum(float(x) for x in fields["cpu_s"].split("+"))
    else:  # the largest child so far
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        cpu = float("nan")
    return json.loads(p.stdout), wall, cpu, rss_mb


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--bulk-bytes", default="10MB")
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    args = ap.parse_args()
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    for d in Path(args.index).glob("gisa-exports"):
        shutil.rmtree(d)
    base = [args.gisa, "--index", args.index, "export", "opensearch", out, "--format", "json", "--quiet",
            "--threads", str(args.threads), "--bulk-bytes", args.bulk_bytes]
    print(f"{'run':<28} {'wall s':>7} {'CPU s':>7} {'articles':>9} {'art/s':>7} {'art/CPU s':>9} {'files':>5} "
          f"{'MB':>8} {'MB/s':>6} {'peak RSS MB':>11}")
    for label, extra in (("full export", []), ("--changed, nothing changed", ["--changed"])):
        s, wall, cpu, rss = run(base + extra)
        mb = s["bytes"] / 1e6
        print(f"{label:<28} {wall:>7.1f} {cpu:>7.1f} {s['indexed']:>9} {s['indexed'] / wall:>7.0f} "
              f"{s['indexed'] / max(cpu, 0.01):>9.0f} {len(s['files']):>5} {mb:>8.1f} {mb / wall:>6.1f} {rss:>11.0f}")
    state = list(Path(args.index).glob("gisa-exports/*.state.gz"))
    if state:
        print(f"state file: {state[0].stat().st_size / 1e6:.1f} MB for {s['articles_in_index']} articles")


if __name__ == "__main__":
    main()
