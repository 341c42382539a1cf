#!/usr/bin/env python3
"""Search benchmarks: gisa vs Lucene+Nori (and ripgrep), in one session.

    python3 scripts/bench_search.py latency --work W [--articles 100000] [--seed 1]
    python3 scripts/bench_search.py korquad --work W
    ... [--gisa NEW] [--baseline OLD [--rounds 2]] [--no-peers]

`latency`: the whole `gisa search` process (start to exit, 10 hits with snippets) for 200
queries sampled from the generated titles (../shared/bench/sample_queries.py, seed 7), on
the index `scripts/bench_index.py` built under W (built here if missing); against `rg -l`
over the raw files (peers/rg.sh) and Lucene+Nori in a warm JVM (peers/lucene_nori.sh,
whose index bench_index.py also leaves under W). Prints p50/p95/p99 per engine.

`korquad`: retrieval quality on the KorQuAD passage set (../shared/bench/korquad.py):
gisa with `--any` (the questions hold words their passage lacks) against Lucene+Nori BM25
(k1=0.9 b=0.4, the peer's default), MRR@10 and nDCG@10 by ../shared/bench/eval.py on the
`dev` half (the one gisa was tuned on) and the held-out `test` half.

`--baseline OLD`: an A/B in the same sitting (KorQuAD: each binary on an index it built;
latency: `--index NEW_IX --baseline-index OLD_IX` when the two analyze differently). `latency` times both binaries on the same
index, alternating OLD and NEW `--rounds` times, and prints every round and the ratio of
the p50s; `korquad` runs both on the same index and also counts the questions whose
ranking differs (identical rankings: a change did not touch the results). `--no-peers`
leaves out ripgrep and Lucene.

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


SNIPPETS = "{gisa} search {query} --index {index} --format jsonl --limit {hits} --color never"
COUNT = "{gisa} search {query} --index {index} --count"


def latency(args, shared, work):
    bench = shared / "bench"
    name = f"news{args.articles}-s{args.seed}"
    corpus, truth = work / name, work / f"{name}.truth.jsonl"
    ix, lix = work / f"{name}.gisa-index", work / f"{name}.lucene-index"
    if not ix.exists() or (not lix.exists() and not args.no_peers):
        run([sys.executable, ROOT / "scripts/bench_index.py", "--articles", args.articles, "--seed", args.seed,
             "--work", work, "--shared", shared, "--gisa", args.gisa, "--no-score"])
    queries = work / f"{name}.q200-s7.tsv"
    queries.write_text(run([sys.executable, bench / "sample_queries.py", truth, "--n", "200", "--seed", "7"]))

    rows = []
    if args.baseline:
        # A/B: alternate the binaries, round after round, on the same index.
        ratios = []
        for r in range(1, args.rounds + 1):
            bix = Path(args.baseline_index) if args.baseline_index else ix
            nix = Path(args.index) if args.index else ix
            for label, binary, eix in (("baseline", args.baseline, bix), ("new", args.gisa, nix)):
                ab = argparse.Namespace(**{**vars(args), "gisa": binary})
                snip, _ = gisa_latency(ab, bench, eix, queries, SNIPPETS, 10)
                count, _ = gisa_latency(ab, bench, eix, queries, COUNT, 10)
                rows.append((f"round {r}: {label} gisa search, 10 hits with snippets", snip, binary))
                rows.append((f"round {r}: {label} gisa search --count", count, binary))
            ratios.append((rows[-2][1][0] / rows[-4][1][0], rows[-1][1][0] / rows[-3][1][0]))
    else:
        snip, st = gisa_latency(args, bench, ix, queries, SNIPPETS, 10)
        rows.append(("gisa search, 10 hits with snippets (process)", snip,
                     f"{st['without_hits']} of {st['queries']} queries without hits"))
        count, _ = gisa_latency(args, bench, ix, queries, COUNT, 10)
        rows.append(("gisa search --count (process)", count, ""))
    if not args.no_peers:
        rows.append(("ripgrep `rg -l` over the raw files (process)",
                     stats_of(run(["bash", bench / "peers/rg.sh", corpus, queries])), "no ranking"))
        with tempfile.TemporaryDirectory() as tmp:
            out = run(["bash", bench / "peers/lucene_nori.sh", "search", lix, queries, Path(tmp) / "run"])
        rows.append(("Lucene+Nori BM25, 100 hits, inside a warm JVM", stats_of(out), "JVM start not included"))

    print(f"{name}: 200 queries ({queries}), whole-process wall time per query")
    print("| engine | p50 | p95 | p99 | note |\n|---|---|---|---|---|")
    for label, (p50, p95, p99), note in rows:
        print(f"| {label} | {p50:.1f} ms | {p95:.1f} ms | {p99:.1f} ms | {note} |")
    if args.baseline:
        for r, (snip, count) in enumerate(ratios, 1):
            print(f"round {r}: p50 new/baseline {snip:.3f} with snippets, {count:.3f} --count")


def rankings(run_file):
    """qid → the ranked document ids of a TREC run."""
    out = {}
    for line in Path(run_file).read_text().splitlines():
        qid, _, doc, rank, _score, _tag = line.split()
        out.setdefault(qid, []).append((int(rank), doc))
    return {q: [d for _, d in sorted(v)] for q, v in out.items()}


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
    # The baseline gets an index of its own: a binary whose analysis differs cannot open the
    # other's index (its analyzer fingerprint differs).
    bix = work / "kq-baseline.gisa-index"
    if args.baseline:
        shutil.rmtree(bix, ignore_errors=True)
        run([args.baseline, "--index", bix, "index", kq / "docs", "--quiet"])
    lix = work / "kq.lucene-index"
    if not lix.exists() and not args.no_peers:
        run(["bash", bench / "peers/lucene_nori.sh", "index", kq / "docs", lix, "2"])

    print("KorQuAD 1.0 passages: MRR@10 / nDCG@10 (eval.py), per-query p50")
    print("| half | engine | MRR@10 | nDCG@10 | P@1 | p50 |\n|---|---|---|---|---|---|")
    engines = [("gisa --any (process)", args.gisa, ix)]
    if args.baseline:
        engines.insert(0, ("baseline gisa --any (process)", args.baseline, bix))
    notes = []
    for half in ("dev", "test"):
        queries = kq / f"queries.{half}.tsv"
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            ranked = []
            for i, (label, binary, eix) in enumerate(engines):
                grun = Path(tmp) / f"gisa{i}.run"
                js = Path(tmp) / f"stats{i}.json"
                run([sys.executable, bench / "gisa_run.py", "--gisa", binary, "--index", eix, "--queries", queries,
                     "--out", grun, "--hits", "100", "--stats-json", js, "--cmd",
                     "{gisa} search {query} --index {index} --format jsonl --limit {hits} --any --fragments 0"])
                st = json.loads(js.read_text())
                rows.append((label, evaluate(bench, grun, kq, half), st["p50_ms"]))
                ranked.append(rankings(grun))
                if st.get("errors"):
                    notes.append(f"{half}: {label}: {st['errors']} questions could not be searched")
            if args.baseline:
                old, new = ranked
                differ = sorted(q for q in set(old) | set(new) if old.get(q) != new.get(q))
                notes.append(f"{half}: {len(differ)} of {len(set(old) | set(new))} questions ranked differently "
                             f"by the two binaries{': ' + ' '.join(differ) if differ else ''}")
            if not args.no_peers:
                lrun = Path(tmp) / "lucene.run"
                lp50 = stats_of(run(["bash", bench / "peers/lucene_nori.sh", "search", lix, queries, lrun]))[0]
                rows.append(("Lucene+Nori BM25 (warm JVM)", evaluate(bench, lrun, kq, half), lp50))
        for label, m, p50 in rows:
            print(f"| {half} | {label} | {m['MRR@10']:.4f} | {m['nDCG@10']:.4f} | {m['P@1']:.4f} | {p50:.1f} ms |")
    for n in notes:
        print(n)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["latency", "korquad"])
    ap.add_argument("--work", required=True, help="scratch folder (corpora, indexes, runs)")
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--gisa", default=str(ROOT / "target/release/gisa"))
    ap.add_argument("--baseline", help="another gisa binary to compare with, in the same sitting")
    ap.add_argument("--index", help="latency: the index the new binary searches (default: the one under --work)")
    ap.add_argument("--baseline-index", help="latency: the index the baseline searches (default: the same)")
    ap.add_argument("--rounds", type=int, default=2, help="latency A/B rounds (with --baseline)")
    ap.add_argument("--no-peers", action="store_true", help="leave out ripgrep and Lucene")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if not args.no_peers and not os.environ.get("PEERS_HOME") and \
            not (Path.home() / ".cache/gisa-bench-peers/env.sh").exists():
        print("note: PEERS_HOME is not set; the Lucene peer needs bench/peers/setup.sh", file=sys.stderr)
    (latency if args.what == "latency" else korquad)(args, Path(args.shared), work)


if __name__ == "__main__":
    main()
