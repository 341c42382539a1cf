#!/usr/bin/env python3
"""Load test of `gisa serve` on loopback with wrk (not a timed test: it prints figures).

    python3 scripts/bench_serve.py --index IX [--queries Q.tsv] [--gisa BIN]
                                   [--clients 8,32] [--duration 30] [--threads 2]

Starts `gisa --index IX serve --addr 127.0.0.1:0`, warms it with one pass over the queries,
then for each client count runs wrk for DURATION seconds of `GET /api/search?q=…` (10 hits
with 2 snippets each, the page's request) rotating over the queries (a Lua script), and
prints requests/s, p50/p90/p99 latency (wrk --latency), errors (non-2xx, socket errors;
must be 0) and the server's RSS before and after, with the load average at the start.

QUERIES: a TSV whose last column is the query (default: the 200 benchmark queries of the
100,000-article corpus, /work/bench/w/news100000-s1.q200-s7.tsv, sampled from its titles
by ../shared/bench/sample_queries.py seed 7).

Needs wrk (Debian: `apt-get install wrk`).
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUERIES = Path("/work/bench/w/news100000-s1.q200-s7.tsv")

LUA = r"""
local paths = {}
for line in io.lines(os.getenv("GISA_BENCH_PATHS")) do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
"""


def rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def queries(path):
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        q = line.split("\t")[-1].strip()
        if q:
            out.append(q)
    return out


def parse_wrk(text):
    def ms(s):
        m = re.match(r"([\d.]+)(us|ms|s)", s)
        v = float(m.group(1))
        return v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v
    lat = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", text, re.M))
    req = re.search(r"(\d+) requests in", text)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "requests": int(req.group(1)) if req else 0,
        "rps": float(rps.group(1)) if rps else 0.0,
        "p50_ms": ms(lat["50"]) if "50" in lat else None,
        "p90_ms": ms(lat["90"]) if "90" in lat else None,
        "p99_ms": ms(lat["99"]) if "99" in lat else None,
        "errors": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True)
    ap.add_argument("--queries", default=str(DEFAULT_QUERIES))
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    ap.add_argument("--clients", default="8,32")
    ap.add_argument("--duration", type=int, default=30)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", help="also write the figures here")
    a = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench_serve: wrk is missing: apt-get install wrk")
    qs = queries(a.queries)
    paths = [
        "/api/search?" + urllib.parse.urlencode({"q": q, "limit": 10, "fragments": 2}) for q in qs
    ]
    tmp = tempfile.mkdtemp(prefix="bench-serve-")
    paths_file = Path(tmp, "paths.txt")
    paths_file.write_text("\n".join(paths) + "\n")
    lua = Path(tmp, "rotate.lua")
    lua.write_text(LUA)

    server = subprocess.Popen([a.gisa, "--index", a.index, "serve", "--addr", "127.0.0.1:0"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        base = server.stdout.readline().strip().rstrip("/")
        if not base.startswith("http://"):
            sys.exit(f"bench_serve: the server did not start ({base!r})")
        rss_start = rss_kb(server.pid)
        # Warm-up: every query once (page cache, mmap), errors counted.
        bad = 0
        t0 = time.time()
        for p in paths:
            try:
                with urllib.request.urlopen(base + p, timeout=30) as r:
                    json.load(r)
            except Exception:
                bad += 1
        warm = time.time() - t0
        rss_warm = rss_kb(server.pid)
        load = os.getloadavg()
        print(f"gisa serve on {a.index}: {len(paths)} queries, warm-up {warm:.1f} s ({bad} errors); "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} cores")
        print(f"RSS at start {rss_start / 1024:.0f} MB, after warm-up {rss_warm / 1024:.0f} MB")
        results = {"index": a.index, "queries": len(paths), "load_average": load, "rss_start_kb": rss_start,
                   "rss_warm_kb": rss_warm, "runs": []}
        print(f"{'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>6} {'RSS MB':>7}")
        for c in [int(x) for x in a.clients.split(",")]:
            env = dict(os.environ, GISA_BENCH_PATHS=str(paths_file))
            out = subprocess.run(
                ["wrk", "-t", str(min(a.threads, c)), "-c", str(c), "-d", f"{a.duration}s", "--timeout", "10s",
                 "--latency", "-s", str(lua), base],
                env=env, capture_output=True, text=True, check=True).stdout
            r = parse_wrk(out)
            r["clients"] = c
            r["rss_kb"] = rss_kb(server.pid)
            r["load_average"] = os.getloadavg()
            results["runs"].append(r)
            print(f"{c:>7} {r['requests']:>9} {r['rps']:>8.1f} {r['p50_ms']:>8.2f} {r['p90_ms']:>8.2f} "
                  f"{r['p99_ms']:>8.2f} {r['errors']:>6} {r['rss_kb'] / 1024:>7.0f}")
        print(f"load average at the end {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if a.json:
            Path(a.json).write_text(json.dumps(results, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
