#!/usr/bin/env python3
"""Agreement of gisa's segmentation with the reference MeCab-ko analyzer.

Splits the text of the shared kit's three sources (Naver news blob, sci-news articles,
KorQuAD contexts) into sentences, segments every sentence with python-mecab-ko (MeCab-ko on
the same mecab-ko-dic) and with `gisa analyze --morphemes --each-line --format json`, and
reports, per source and overall:

- tokens: share of reference tokens (surface, POS, character span) that gisa produced
  identically — the "equal surface+POS at sentence level" figure;
- surface: the same, ignoring the POS;
- sentences: share of sentences segmented identically.

Usage:
    python3 scripts/agreement.py --gisa target/release/gisa --data ../shared/data
        [--limit N] [--show-diffs 10] [--json]

Needs `pip install python-mecab-ko==1.3.7` (the reference; not a gisa dependency).
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path


UNIT = "sentence"


def sentences_of(text):
    if UNIT == "line":
        return [l.strip() for l in text.splitlines() if l.strip()]
    out = []
    for line in text.splitlines():
        # Sentence ends: . ? ! followed by whitespace; the soynlp blob separates sentences
        # by two spaces without a period.
        for part in re.split(r"(?<=[.?!])\s+|\s{2,}", line):
            part = part.strip()
            if part:
                out.append(part)
    return out


def load_sources(data):
    data = Path(data)
    sources = {}
    blob = (data / "soynlp_news_blob" / "news.dat").read_text(encoding="utf-8")
    sources["soynlp_news_blob"] = sentences_of(blob)
    sci = []
    for line in (data / "sci_news_sum_kr50" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            sci.extend(sentences_of(rec.get("title", "")))
            sci.extend(sentences_of(rec.get("body", "")))
    sources["sci_news_sum_kr50"] = sci
    kq = json.loads((data / "korquad_v1_dev" / "KorQuAD_v1.0_dev.json").read_text(encoding="utf-8"))
    ctx = []
    for article in kq["data"]:
        for para in article["paragraphs"]:
            ctx.extend(sentences_of(para["context"]))
    sources["korquad_v1_dev"] = ctx
    return sources


def with_spans(sentence, pairs):
    """Gives MeCab's (surface, pos) pairs character spans by finding them in order."""
    out, at = [], 0
    for surface, pos in pairs:
        i = sentence.find(surface, at)
        if i < 0:
            return None
        out.append((i, i + len(surface), surface, pos))
        at = i + len(surface)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gisa", default="target/release/gisa")
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--limit", type=int, default=0, help="sentences per source (0 = all)")
    ap.add_argument("--show-diffs", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--unit", choices=["sentence", "line"], default="sentence",
                    help="compare per sentence (default) or per input line (paragraph)")
    args = ap.parse_args()
    global UNIT
    UNIT = args.unit

    try:
        import mecab  # python-mecab-ko
    except ImportError:
        sys.exit("agreement.py needs the reference analyzer: pip install python-mecab-ko==1.3.7")
    ref = mecab.MeCab()

    sources = load_sources(args.data)
    report = {}
    total = {"ref_tokens": 0, "equal": 0, "equal_surface": 0, "sentences": 0, "equal_sentences": 0}
    diffs = []
    for name, sents in sources.items():
        if args.limit:
            sents = sents[: args.limit]
        # One gisa process for all sentences of the source.
        sents = [s.replace("\n", " ") for s in sents]
        proc = subprocess.run(
            [args.gisa, "analyze", "--morphemes", "--each-line", "--format", "json"],
            input="\n".join(sents) + "\n",
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            sys.exit(f"gisa failed: {proc.stderr.strip()}")
        lines = proc.stdout.splitlines()
        assert len(lines) == len(sents), (len(lines), len(sents))
        st = {"ref_tokens": 0, "equal": 0, "equal_surface": 0, "sentences": len(sents), "equal_sentences": 0}
        for sent, line in zip(sents, lines):
            got = json.loads(line)
            g = [(m["char_start"], m["char_end"], m["surface"], m["pos"]) for m in got["morphemes"]]
            r = with_spans(sent, ref.pos(sent))
            if r is None:
                continue
            gs = set(g)
            gsurf = {(a, b, s) for a, b, s, _ in g}
            st["ref_tokens"] += len(r)
            st["equal"] += sum(1 for t in r if t in gs)
            st["equal_surface"] += sum(1 for a, b, s, _ in r if (a, b, s) in gsurf)
            if r == g:
                st["equal_sentences"] += 1
            elif len(diffs) < args.show_diffs:
                diffs.append((name, sent, r, g))
        for k in total:
            total[k] += st[k]
        report[name] = st
    report["all"] = total
    for st in report.values():
        st["token_agreement"] = st["equal"] / max(1, st["ref_tokens"])
        st["surface_agreement"] = st["equal_surface"] / max(1, st["ref_tokens"])
        st["sentence_agreement"] = st["equal_sentences"] / max(1, st["sentences"])
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{'source':<20} {'sentences':>9} {'tokens':>8} {'surface+POS':>12} {'surface':>9} {'same sentence':>14}")
        for name, st in report.items():
            print(
                f"{name:<20} {st['sentences']:>9} {st['ref_tokens']:>8} {st['token_agreement']:>11.4%} "
                f"{st['surface_agreement']:>9.4%} {st['sentence_agreement']:>13.4%}"
            )
    for name, sent, r, g in diffs:
        print(f"\n[{name}] {sent[:300]}")
        rs, gs = set(r), set(g)
        print("  mecab-ko only:", [f"{t[2]}/{t[3]}" for t in r if t not in gs][:12])
        print("  gisa only:    ", [f"{t[2]}/{t[3]}" for t in g if t not in rs][:12])


if __name__ == "__main__":
    main()
