#!/usr/bin/env python3
"""Analyzer benchmark: gisa vs MeCab-ko on the same news text, one core; and start-up.

1. `cargo bench --bench analyzer -- --json`: gisa's MB/s for raw MeCab-ko segmentation and
   for the whole analysis chain, over the shared kit's news text (one thread).
2. The reference MeCab-ko (python-mecab-ko's C++ tagger) on the very same lines: the time of
   `tagger.parse(lattice)` alone, and of the full Python `MeCab().parse()`.
3. Start-up: wall time of whole `gisa analyze 서울` processes (median and p95 of N runs) —
   what every `gisa search` pays before its first analyzed token.

    python3 scripts/bench_analyzer.py [--shared ../shared] [--runs 50]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def news_lines(data):
    """The same lines benches/analyzer.rs reads."""
    lines, cur = [], ""
    blob = (data / "soynlp_news_blob/news.dat").read_text(encoding="utf-8")
    for sentence in blob.split("  "):
        cur += sentence + "  "
        if len(cur.encode()) > 2000:
            lines.append(cur)
            cur = ""
    lines.append(cur)
    for line in (data / "sci_news_sum_kr50/articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            v = json.loads(line)
            for field in ("title", "body"):
                lines.extend(x for x in v.get(field, "").splitlines() if x.strip())
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()
    env = dict(os.environ, GISA_SHARED=args.shared)

    out = subprocess.run(
        ["cargo", "bench", "--quiet", "--bench", "analyzer", "--", "--json"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip().splitlines()[-1]
    g = json.loads(out)

    lines = news_lines(Path(args.shared) / "data")
    nbytes = sum(len(l.encode()) for l in lines)
    assert nbytes == g["bytes"], (nbytes, g["bytes"])
    import mecab
    from mecab.mecab import create_lattice

    m = mecab.MeCab()
    tagger = m._tagger

    def best(fn, runs=3):
        b = float("inf")
        for _ in range(runs):
            t = time.perf_counter()
            fn()
            b = min(b, time.perf_counter() - t)
        return b

    def tagger_only():
        for l in lines:
            tagger.parse(create_lattice(l))

    t_tagger = best(tagger_only)
    t_python = best(lambda: [m.parse(l) for l in lines])

    gisa = ROOT / "target/release/gisa"
    walls = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([str(gisa), "analyze", "서울"], check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
    walls.sort()

    mb = nbytes / 1e6
    print(f"news text: {len(lines)} lines, {mb:.2f} MB (soynlp Naver news blob + 50 sci-news articles)")
    print(f"{'engine (1 core)':<42} {'seconds':>8} {'MB/s':>7}")
    print(f"{'gisa segmentation (MeCab-ko lattice)':<42} {g['segment_s']:>8.3f} {g['segment_mb_s']:>7.2f}")
    print(f"{'gisa whole analysis chain':<42} {g['analyze_s']:>8.3f} {g['analyze_mb_s']:>7.2f}")
    print(f"{'MeCab-ko C++ tagger (python-mecab-ko)':<42} {t_tagger:>8.3f} {mb / t_tagger:>7.2f}")
    print(f"{'MeCab-ko via Python MeCab().parse':<42} {t_python:>8.3f} {mb / t_python:>7.2f}")
    print(f"ratio gisa segmentation / MeCab-ko tagger: {t_tagger / g['segment_s']:.2f}x")
    print(
        f"start-up in process: open dictionary {g['open_dictionary_ms']:.2f} ms, "
        f"build analyzer {g['new_analyzer_ms']:.2f} ms, first term {g['first_term_ms']:.2f} ms"
    )
    print(
        f"whole `gisa analyze 서울` process, {args.runs} runs: median {statistics.median(walls) * 1e3:.1f} ms, "
        f"p95 {walls[int(len(walls) * 0.95) - 1] * 1e3:.1f} ms, min {walls[0] * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    sys.exit(main())
