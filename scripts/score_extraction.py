#!/usr/bin/env python3
"""Score gisa's article extraction against a ground-truth file.

    python3 scripts/score_extraction.py CORPUS_DIR TRUTH.jsonl [--gisa PATH] [--show 5] [--json]

Runs `gisa extract --format jsonl CORPUS_DIR`, joins its articles with the truth on
(path, line) and prints, per field, the share of truth articles extracted exactly:

* title, press, reporter, email, url, category, subtitles: exact string (list) match; a
  field the truth leaves null must come out null;
* date: to the minute, in KST; when the truth has no date but `date_month_day` (a year-less
  Daum page) only the month-day is compared; when it has neither, the date must come from
  the file time (`date_source` = file_time) or be absent;
* body: exact match, and F1 over whitespace tokens and over characters (whitespace
  removed), as multisets.

Articles missing from gisa's output count as wrong for every field (F1 0); articles gisa
found that the truth does not have are listed as extra. Works with the shared bench
generator's truth (`gen_corpus.py`) and with tests/fixtures/corpus-truth.jsonl. Standard
library only.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KST = dt.timezone(dt.timedelta(hours=9))
EXACT = ["title", "press", "reporter", "email", "url", "category", "subtitles"]


def parse_dt(s):
    if not s:
        return None
    try:
        d = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        return None
    if d.tzinfo is None:
        d = d.replace(tzinfo=KST)
    return d.astimezone(KST)


def date_ok(truth: dict, got: dict) -> bool:
    g = parse_dt(got.get("date"))
    t = parse_dt(truth.get("date"))
    if t is not None:
        return g is not None and g.strftime("%Y-%m-%dT%H:%M") == t.strftime("%Y-%m-%dT%H:%M")
    md = truth.get("date_month_day")
    if md:
        return g is not None and g.strftime("%m-%d") == md
    return g is None or got.get("date_source") == "file_time"


def f1(a: list, b: list) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    common = sum((collections.Counter(a) & collections.Counter(b)).values())
    if common == 0:
        return 0.0
    p, r = common / len(b), common / len(a)
    return 2 * p * r / (p + r)


def norm_ws(s: str | None) -> str:
    return " ".join((s or "").split())


def short(v, n=110) -> str:
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v
    s = s.replace("\n", "⏎")
    return s if len(s) <= n else s[: n - 1] + "…"


def corpus_bytes(root: Path) -> int:
    total = 0
    for dp, dns, fns in os.walk(root):
        dns[:] = [d for d in dns if not d.startswith(".")]
        for f in fns:
            if f.rsplit(".", 1)[-1].lower() in ("txt", "html", "htm", "json", "jsonl", "ndjson"):
                try:
                    total += os.path.getsize(os.path.join(dp, f))
                except OSError:
                    pass
    return total


def run_gisa(gisa: str, corpus: str):
    t0 = time.perf_counter()
    proc = subprocess.Popen([gisa, "extract", "--format", "jsonl", corpus],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    got = {}
    dup = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.strip()
        if not line:
            continue
        a = json.loads(line)
        key = (a["path"], a.get("line"))
        if key in got:
            dup += 1
        got[key] = a
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    return got, err.splitlines(), time.perf_counter() - t0, dup


def main() -> int:
    ap = argparse.ArgumentParser(description="Score gisa extract against ground truth.")
    ap.add_argument("corpus")
    ap.add_argument("truth")
    ap.add_argument("--gisa", default=str(ROOT / "target" / "release" / "gisa"))
    ap.add_argument("--show", type=int, default=0, help="example mismatches per field")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = ap.parse_args()

    truth = []
    with open(args.truth, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                truth.append(json.loads(line))
    got, errors, secs, dup = run_gisa(args.gisa, args.corpus)
    size = corpus_bytes(Path(args.corpus))

    fields = EXACT + ["date", "body_exact"]
    ok = collections.Counter()
    by_fmt: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    fmt_n = collections.Counter()
    tok_f1 = chr_f1 = 0.0
    fmt_tok = collections.Counter()
    bad: dict[str, list] = collections.defaultdict(list)
    missing = []
    seen = set()
    for t in truth:
        key = (t["path"], t.get("line"))
        fmt = f"{t.get('format', '?')}/{t.get('layout', '?')}"
        fmt_n[fmt] += 1
        g = got.get(key)
        if g is None:
            missing.append(key)
            continue
        seen.add(key)
        res = {}
        for k in EXACT:
            tv = t.get(k)
            gv = g.get(k)
            if k == "subtitles":
                tv, gv = tv or [], gv or []
            res[k] = tv == gv
            if not res[k]:
                bad[k].append((key, tv, gv))
        res["date"] = date_ok(t, g)
        if not res["date"]:
            bad["date"].append((key, t.get("date") or t.get("date_month_day"), f"{g.get('date')} ({g.get('date_source')})"))
        tb, gb = t.get("body") or "", g.get("body") or ""
        res["body_exact"] = tb == gb
        tf = f1(tb.split(), gb.split())
        cf = f1(list(norm_ws(tb).replace(" ", "")), list(norm_ws(gb).replace(" ", "")))
        tok_f1 += tf
        chr_f1 += cf
        fmt_tok[fmt] += tf
        if not res["body_exact"]:
            bad["body_exact"].append((key, tb, gb, tf))
        for k, v in res.items():
            if v:
                ok[k] += 1
                by_fmt[fmt][k] += 1
    truth_keys = {(t["path"], t.get("line")) for t in truth}
    extra = sorted((k for k in got if k not in truth_keys), key=lambda k: (k[0], k[1] or 0))
    n = len(truth) or 1

    summary = {
        "articles_truth": len(truth),
        "articles_extracted": len(got),
        "missing": len(missing),
        "extra": len(extra),
        "duplicates": dup,
        "errors": len(errors),
        "fields": {k: ok[k] / n for k in fields},
        "body_token_f1": tok_f1 / n,
        "body_char_f1": chr_f1 / n,
        "by_format": {
            fmt: {**{k: by_fmt[fmt][k] / c for k in fields}, "body_token_f1": fmt_tok[fmt] / c, "n": c}
            for fmt, c in sorted(fmt_n.items())
        },
        "seconds": secs,
        "corpus_bytes": size,
        "mb_per_s": size / 1e6 / secs if secs > 0 else None,
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
        return 0

    print(f"truth articles {len(truth)}   extracted {len(got)}   missing {len(missing)}   extra {len(extra)}"
          f"   errors (stderr lines) {len(errors)}")
    print(f"gisa extract: {secs:.2f} s for {size / 1e6:.1f} MB ({summary['mb_per_s'] or 0:.1f} MB/s, "
          "process wall time incl. walk and JSON output)")
    print()
    print(f"{'field':<12} {'exact':>8}")
    for k in fields:
        print(f"{k:<12} {100 * ok[k] / n:>7.2f}%")
    print(f"{'body tok F1':<12} {tok_f1 / n:>8.4f}")
    print(f"{'body chr F1':<12} {chr_f1 / n:>8.4f}")
    print()
    cols = ["title", "date", "press", "reporter", "email", "url", "category", "subtitles", "body_exact"]
    print(f"{'format/layout':<18} {'n':>6} " + " ".join(f"{c[:8]:>8}" for c in cols) + f" {'tokF1':>7}")
    for fmt, c in sorted(fmt_n.items()):
        row = " ".join(f"{100 * by_fmt[fmt][k] / c:>7.1f}%" for k in cols)
        print(f"{fmt:<18} {c:>6} {row} {fmt_tok[fmt] / c:>7.4f}")
    if errors:
        print("\nstderr:")
        for e in errors[:10]:
            print("  " + e)
    if missing:
        print("\nmissing:")
        for k in missing[: max(args.show, 5)]:
            print(f"  {k[0]}" + (f":{k[1]}" if k[1] else ""))
    if extra:
        print("\nextra:")
        for k in extra[: max(args.show, 5)]:
            print(f"  {k[0]}" + (f":{k[1]}" if k[1] else ""))
    if args.show:
        for k in fields:
            if not bad[k]:
                continue
            print(f"\n--- {k}: {len(bad[k])} mismatches")
            for item in bad[k][: args.show]:
                key = f"{item[0][0]}" + (f":{item[0][1]}" if item[0][1] else "")
                print(f"  {key}")
                if k == "body_exact":
                    tb, gb, tf = item[1], item[2], item[3]
                    tl, gl = tb.split("\n"), gb.split("\n")
                    print(f"    token F1 {tf:.4f}; paragraphs truth {len(tl)}, got {len(gl)}")
                    for p in [p for p in gl if p not in tl][:3]:
                        print(f"    + {short(p)}")
                    for p in [p for p in tl if p not in gl][:3]:
                        print(f"    - {short(p)}")
                else:
                    print(f"    truth {short(item[1])}")
                    print(f"    got   {short(item[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
