#!/usr/bin/env python3
"""Search benchmarks: gisa vs Lucene+Nori (and ripgrep), in one session.

    python3 scripts/bench_search.py latency --work W [--articles 100000] [--seed 1]
    python3 scripts/bench_search.py korquad --work W

`latency`: the whole `gisa search` process (start to exit, 10 hits with snippets) for 200
queries sampled from the generated titles (../shared/bench/sample_queries.py, seed 7), on
the index `scripts/bench_index.py` built under W (built here if missing); against `rg -l`
over the raw files (peers/rg.sh) and Lucene+Nori in a warm JVM (peers/lucene_nori.sh,
whose index bench_index.py also leaves under W). Prints p50/p95/p99 per engine.

`korquad`: retrieval quality on the KorQuAD passage set (../shared/bench/korquad.py):
gisa with `--any` (the questions hold words their passage lacks) against Lucene+Nori BM25
(k1=0.9 b=0.4, the peer's default), MRR@10 and nDCG@10 by ../shared/bench/eval.py on the
`dev` half (the one gisa was tuned on) and the held-out `test` half.

Needs `bench/peers/setup.sh` (PEERS_HOME) for Lucene. Everything generated goes under W.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(cmd, **kw):
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit(f"{Path(str(cmd[0])).name} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    return p.stdout


def stats_of(text):
    """The p50/p95/p99 that benchlib.format_stats printed."""
    m = re.search(r"p50=([\d.]+)ms p95=([\d.]+)ms p99=([\d.]+)ms", text)
    if not m:
        sys.exit(f"no latency figures in:\n{text}")
    return tuple(float(x) for x in m.groups())


def gisa_latency(args, bench, ix, queries, cmd, hits):
    with tempfile.TemporaryDirectory() as tmp:
        js = Path(tmp) / "stats.json"
        run([sys.executable, bench / "gisa_run.py", "--gisa", args.gisa, "--index", ix, "--queries", queries,
             "--out", Path(tmp) / "run", "--hits", hits, "--cmd", cmd, "--stats-json", js])
        st = json.loads(js.read_text())
    return (st["p50_ms"], st["p95_ms"], st["p99_ms"]), st


def latency(args, shared, work):
    bench = shared / "bench"
    name = f"news{args.articles}-s{args.seed}"
    corpus, truth = work / name, work / f"{name}.truth.jsonl"
    ix, lix = work / f"{name}.gisa-index", work / f"{name}.lucene-index"
    if not ix.exists() or not lix.exists():
        run([sys.executable, ROOT / "scripts/bench_index.py", "--articles", args.articles, "--seed", args.seed,
             "--work", work, "--shared", shared, "--gisa", args.gisa, "--no-score"])
    queries = work / f"{name}.q200-s7.tsv"
    queries.write_text(run([sys.executable, bench / "sample_queries.py", truth, "--n", "200", "--seed", "7"]))

    rows = []
    snip, st = gisa_latency(args, bench, ix, queries, "{gisa} search {query} --index {index} --format jsonl "
                            "--limit {hits} --color never", 10)
    rows.append(("gisa search, 10 hits with snippets (process)", snip,
                 f"{st['without_hits']} of {st['queries']} queries without hits"))
    count, _ = gisa_latency(args, bench, ix, queries, "{gisa} search {query} --index {index} --count", 10)
    rows.append(("gisa search --count (process)", count, ""))
    rows.append(("ripgrep `rg -l` over the raw files (process)", stats_of(run(["bash", bench / "peers/rg.sh",
                                                                                 corpus, queries])), "no ranking"))
    with tempfile.TemporaryDirectory() as tmp:
        out = run(["bash", bench / "peers/lucene_nori.sh", "search", lix, queries, Path(tmp) / "run"])
    rows.append(("Lucene+Nori BM25, 100 hits, inside a warm JVM", stats_of(out), "JVM start not included"))

    print(f"{name}: 200 queries ({queries}), whole-process wall time per query")
    print("| engine | p50 | p95 | p99 | note |\n|---|---|---|---|---|")
    for label, (p50, p95, p99), note in rows:
        print(f"| {label} | {p50:.1f} ms | {p95:.1f} ms | {p99:.1f} ms | {note} |")


def evaluate(bench, run_file, kq, half):
    out = run([sys.executable, bench / "eval.py", run_file, kq / "qrels.txt", "--queries",
               kq / f"queries.{half}.tsv", "--json"])
    return json.loads(out)


def korquad(args, shared, work):
    bench = shared / "bench"
    kq = work / "kq"
    if not (kq / "qrels.txt").exists():
        run([sys.executable, bench / "korquad.py", "--out", kq])
    ix = work / "kq.gisa-index"
    shutil.rmtree(ix, ignore_errors=True)
    run([args.gisa, "--index", ix, "index", kq / "docs", "--quiet"])
    lix = work / "kq.lucene-index"
    if not lix.exists():
        run(["bash", bench / "peers/lucene_nori.sh", "index", kq / "docs", lix, "2"])

    print("KorQuAD 1.0 passages: MRR@10 / nDCG@10 (eval.py), per-query p50")
    print("| half | engine | MRR@10 | nDCG@10 | P@1 | p50 |\n|---|---|---|---|---|---|")
    for half in ("dev", "test"):
        queries = kq / f"queries.{half}.tsv"
        with tempfile.TemporaryDirectory() as tmp:
            grun = Path(tmp) / "gisa.run"
            js = Path(tmp) / "stats.json"
            run([sys.executable, bench / "gisa_run.py", "--gisa", args.gisa, "--index", ix, "--queries", queries,
                 "--out", grun, "--hits", "100", "--stats-json", js, "--cmd",
                 "{gisa} search {query} --index {index} --format jsonl --limit {hits} --any --fragments 0"])
            g, gst = evaluate(bench, grun, kq, half), json.loads(js.read_text())
            lrun = Path(tmp) / "lucene.run"
            lp50 = stats_of(run(["bash", bench / "peers/lucene_nori.sh", "search", lix, queries, lrun]))[0]
            lu = evaluate(bench, lrun, kq, half)
        for label, m, p50 in (("gisa --any (process)", g, gst["p50_ms"]),
                              ("Lucene+Nori BM25 (warm JVM)", lu, lp50)):
            print(f"| {half} | {label} | {m['MRR@10']:.4f} | {m['nDCG@10']:.4f} | {m['P@1']:.4f} | {p50:.1f} ms |")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["latency", "korquad"])
    ap.add_argument("--work", required=True, help="scratch folder (corpora, indexes, runs)")
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("PEERS_HOME") and not (Path.home() / ".cache/gisa-bench-peers/env.sh").exists():
        print("note: PEERS_HOME is not set; the Lucene peer needs bench/peers/setup.sh", file=sys.stderr)
    (latency if args.what == "latency" else korquad)(args, Path(args.shared), work)


if __name__ == "__main__":
    main()
