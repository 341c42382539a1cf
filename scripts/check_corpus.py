#!/usr/bin/env python3
"""Checks the demo corpus against its ground truth (the truth file is hand-maintained):
every JSON parses, the EUC-KR file is EUC-KR, every article has one truth line, and every
title/press/reporter/body paragraph of the truth appears, in order, in its file.

    python3 scripts/check_corpus.py corpus tests/fixtures/corpus-truth.jsonl
"""
import json, sys, html, re
from pathlib import Path
C = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
TRUTH = Path(sys.argv[2] if len(sys.argv) > 2 else "tests/fixtures/corpus-truth.jsonl")
err = []
def ok(c, m):
    if not c: err.append(m)
files = sorted(p for p in C.rglob("*") if p.is_file() and p.name not in ("README.md", "truth.jsonl"))
# 1. JSON / JSONL parse
for p in files:
    if p.suffix == ".json":
        json.loads(p.read_text("utf-8"))
    if p.suffix == ".jsonl":
        for i, l in enumerate(p.read_text("utf-8").splitlines(), 1):
            json.loads(l)
# 2. EUC-KR
for p in (C / "euc-kr").iterdir():
    b = p.read_bytes()
    b.decode("cp949"); b.decode("euc_kr")
    try:
        b.decode("utf-8"); err.append(f"{p} decodes as utf-8!")
    except UnicodeDecodeError:
        pass
# 3. truth
truth = [json.loads(l) for l in TRUTH.read_text("utf-8").splitlines()]
n_articles = sum(len(p.read_text("utf-8").splitlines()) if p.suffix == ".jsonl" else 1 for p in files)
ok(len(truth) == n_articles, f"truth {len(truth)} vs articles {n_articles}")
ok(len({(t['path'], t['line']) for t in truth}) == len(truth), "duplicate truth keys")
covered = {t["path"] for t in truth}
ok(covered == {p.relative_to(C).as_posix() for p in files}, "truth paths != files")
for t in truth:
    p = C / t["path"]
    ok(p.exists(), f"missing {p}")
    raw = p.read_bytes()
    enc = {"euc-kr": "euc_kr", "utf-8-sig": "utf-8-sig", "utf-8": "utf-8"}[t["encoding"]]
    ok(raw.startswith(b"\xef\xbb\xbf") == (t["encoding"] == "utf-8-sig"), f"BOM mismatch {p}")
    ok((b"\r\n" in raw) == (t["newline"] == "crlf"), f"newline mismatch {p}")
    if t["newline"] == "crlf":
        ok(raw.count(b"\n") == raw.count(b"\r\n"), f"mixed newlines {p}")
    text = raw.decode(enc).replace("\r\n", "\n")
    paras = t["body"].split("\n")
    ok(paras[0].startswith(t["body_starts_with"]) and paras[-1].endswith(t["body_ends_with"]), f"starts/ends {p}")
    ok(t["date"] is None or re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00", t["date"]), f"date fmt {p}")
    ok((t["date"] is None) == ("date_month_day" in t), f"date_month_day {p}")
    if t["format"] == "jsonl":
        rec = json.loads(text.splitlines()[t["line"] - 1])
    elif t["format"] == "json":
        rec = json.loads(text)
    else:
        rec = None
    if rec is not None and "title" in rec:
        for k in ("title", "date", "press", "reporter", "email", "url", "category", "body"):
            ok(rec[k] == t[k], f"{p}:{t['line']} field {k}")
    elif rec is not None:
        ok(rec["headline"] == t["title"] and rec["source"]["name"] == t["press"] and rec["source"]["url"] == t["url"]
           and rec["content"] == paras and rec["section"] == t["category"]
           and t["date"].startswith(rec["published"].replace(" ", "T")) and t["email"] in rec["byline"]
           and rec["byline"].startswith(t["reporter"]), f"schema b {p}")
    else:
        body_text = html.unescape(text) if t["format"] == "html" else text
        for k in ("title", "press", "reporter", "email"):
            ok(t[k] in body_text, f"{p} lacks {k}")
        for para in paras:
            ok(para in body_text, f"{p} lacks paragraph {para[:30]}")
        if t["url"]:
            ok(f'og:url" content="{t["url"]}"' in text, f"{p} og:url")
        if t["format"] == "html":
            ok(f'article:published_time" content="{t["date"]}"' in text, f"{p} published_time")
        # paragraphs appear in order
        pos = [body_text.find(x) for x in paras]
        ok(pos == sorted(pos), f"{p} paragraph order")
seed = C / "daum/kukinews-2024-06-18-lee-jaeyong.txt"
ok(seed.read_bytes() == Path("/work/shared/data/seed/kukinews-2024-06-18-lee-jaeyong.txt").read_bytes(), "seed differs")
dups = [t for t in truth if t["duplicate_of"]]
for d in dups:
    o = next(t for t in truth if t["path"] == d["duplicate_of"])
    ok(all(o[k] == d[k] for k in ("title", "date", "press", "reporter", "email", "url", "category", "body")), "dup mismatch")
print("articles", len(truth), "files", len(files), "errors", len(err))
for e in err: print(" -", e)
sys.exit(1 if err else 0)
