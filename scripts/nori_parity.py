#!/usr/bin/env python3
"""Parity of an exported Nori analyzer with gisa: what the cluster's Nori field loses.

Builds, in Lucene's own Nori (the Anserini fat jar: Lucene 10.4 with analysis-nori, through
pyjnius), the analyzer of an exported template — nori_tokenizer with its decompound mode,
punctuation and user_dictionary_rules, nori_part_of_speech with its stoptags,
nori_readingform, lowercase — exactly as Elasticsearch/OpenSearch construct it from the
settings. Constructing it is itself the check that Lucene takes the settings (an unknown
stop tag or a malformed user rule fails here as it would on the cluster). Then it analyzes
every sentence of the shared kit's news text (split as scripts/agreement.py splits it) with
that analyzer and with `gisa analyze --format json --each-line` under the index's own
analyzer options (from the export's manifest.json), and prints per source and overall:

- sentences whose term sets are identical;
- share of gisa's terms (occurrences) that Nori also produces in the sentence, and of
  Nori's terms that gisa produces;
- the most frequent disagreements: stretches of text where the two analyses overlap but
  give different terms (`삼성의` → gisa 삼성 | Nori 삼 성의), with a cause for each kind:
  `Nori adds the inflected form` (gisa's terms are all there, and Nori's mixed mode also
  keeps 만났 beside the stem 만나: gisa indexes the stem only), `Nori adds parts` (gisa's
  terms are there, and Nori also splits a pre-analysed entry such as 게 = 것+이),
  `normalization` (gisa applies NFKC first), `segmentation` (the two lattices disagree and
  some gisa term is missing from Nori's). The jar's Nori ships the same mecab-ko-dic 2.1.1-20180720 as gisa (printed
  from its NOTICE), so no difference here comes from the dictionary version.

The exact-terms fields of the export are gisa's terms by construction; this report is about
the Nori-analyzed title/body fields.

Usage (the peers venv has pyjnius and a Java runtime; bench/peers/setup.sh makes it):
    source ~/.cache/gisa-bench-peers/env.sh
    $PEERS_PYTHON scripts/nori_parity.py --gisa target/release/gisa --data ../shared/data \\
        [--export OUT_DIR] [--limit N] [--top 25] [--nori-decompound discard] [--json]

Without --export, the demo corpus is indexed and exported into a temporary folder with
gisa's default options, and that template is used.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from agreement import load_sources  # noqa: E402  (same sentences as the agreement figures)


def export_demo(gisa, tmp):
    ix, out = Path(tmp) / "ix", Path(tmp) / "out"
    for cmd in ([gisa, "--index", ix, "index", HERE.parent / "corpus", "-q"],
                [gisa, "--index", ix, "export", "opensearch", out, "-q"]):
        p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"{' '.join(map(str, cmd))} failed: {p.stderr.strip()}")
    return out


def gisa_flags(options):
    """`gisa analyze` flags for the analyzer options recorded in a manifest."""
    flags = ["--decompound", options["decompound"], "--stop-tags", ",".join(options["stop_tags"])]
    if not options["stem_inflections"]:
        flags.append("--no-stem")
    if not options["normalize"]:
        flags.append("--no-normalize")
    if options["hanja_reading"]:
        flags.append("--hanja-reading")
    if not options["discard_punctuation"]:
        flags.append("--keep-punctuation")
    if options.get("user_dictionary"):
        flags += ["--user-dict", options["user_dictionary"]]
    return flags


def nori_dictionary_version(jar):
    with zipfile.ZipFile(jar) as z:
        for name in ("META-INF/NOTICE.txt", "META-INF/NOTICE"):
            try:
                text = z.read(name).decode("utf-8", "replace")
            except KeyError:
                continue
            m = re.search(r"Nori Korean Morphological Analyzer.*?(mecab-ko-dic-[0-9.]+-[0-9]+)", text, re.S)
            if m:
                return m.group(1)
    return "unknown"


class Nori:
    """Lucene's Nori built from the template's analysis settings, as the engines build it."""

    def __init__(self, jar, analysis, workdir, decompound=None):
        import jnius_config
        jnius_config.add_classpath(jar)
        jnius_config.add_options("-Xmx2g", "--enable-native-access=ALL-UNNAMED", "-Dslf4j.internal.verbosity=WARN")
        from jnius import autoclass, cast
        self.cast = cast
        HashMap = autoclass("java.util.HashMap")
        Paths = autoclass("java.nio.file.Paths")
        self.Class = autoclass("java.lang.Class")
        analyzer = analysis["analyzer"]["gisa_nori"]
        tok = analysis["tokenizer"][analyzer["tokenizer"]]
        assert tok["type"] == "nori_tokenizer", tok
        params = HashMap()
        params.put("decompoundMode", decompound or tok.get("decompound_mode", "discard"))
        self.decompound = decompound or tok.get("decompound_mode", "discard")
        params.put("discardPunctuation", "true" if tok.get("discard_punctuation", True) else "false")
        self.user_rules = tok.get("user_dictionary_rules", [])
        if self.user_rules:
            (Path(workdir) / "userdict.txt").write_text("\n".join(self.user_rules) + "\n", encoding="utf-8")
            params.put("userDictionary", "userdict.txt")
        b = autoclass("org.apache.lucene.analysis.custom.CustomAnalyzer").builder(Paths.get(str(workdir)))
        b = b.withTokenizer("korean", params)
        self.filters = []
        for name in analyzer.get("filter", []):
            f = analysis.get("filter", {}).get(name, {"type": name})
            p = HashMap()
            if f["type"] == "nori_part_of_speech":
                p.put("tags", ",".join(f["stoptags"]))
                b = b.addTokenFilter("koreanPartOfSpeechStop", p)
            elif f["type"] == "nori_readingform":
                b = b.addTokenFilter("koreanReadingForm", p)
            elif f["type"] == "lowercase":
                b = b.addTokenFilter("lowercase", p)
            else:
                sys.exit(f"the template's filter {name} ({f['type']}) is not one this script knows")
            self.filters.append(f["type"])
        self.analyzer = b.build()

    def analyze(self, text):
        """(term, start, end, posType) with code-point offsets."""
        ts = self.analyzer.tokenStream("body", text)
        term = self.cast("org.apache.lucene.analysis.tokenattributes.CharTermAttribute", ts.addAttribute(
            self.Class.forName("org.apache.lucene.analysis.tokenattributes.CharTermAttribute")))
        off = self.cast("org.apache.lucene.analysis.tokenattributes.OffsetAttribute", ts.addAttribute(
            self.Class.forName("org.apache.lucene.analysis.tokenattributes.OffsetAttribute")))
        pos = self.cast("org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute", ts.addAttribute(
            self.Class.forName("org.apache.lucene.analysis.ko.tokenattributes.PartOfSpeechAttribute")))
        # Java offsets count UTF-16 units.
        units = []
        for i, ch in enumerate(text):
            units.extend([i] * (2 if ord(ch) > 0xFFFF else 1))
        units.append(len(text))
        out = []
        ts.reset()
        try:
            while ts.incrementToken():
                t = pos.getPOSType()
                out.append((term.toString(), units[off.startOffset()], units[off.endOffset()],
                            t.name() if t is not None else "MORPHEME"))
            ts.end()
        finally:
            ts.close()
        return out


def gisa_terms(gisa, flags, sentences):
    p = subprocess.run([gisa, "analyze", "--format", "json", "--each-line", *flags],
                       input="\n".join(sentences) + "\n", capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"gisa analyze failed: {p.stderr.strip()}")
    lines = p.stdout.splitlines()
    assert len(lines) == len(sentences), (len(lines), len(sentences))
    return [[(t["token"], t["char_start"], t["char_end"], t["role"]) for t in json.loads(l)["tokens"]] for l in lines]


def components(g, n):
    """Groups both analyses' terms into stretches of overlapping spans."""
    items = sorted([(s, e, "g", i) for i, (_, s, e, _) in enumerate(g)] +
                   [(s, e, "n", i) for i, (_, s, e, _) in enumerate(n)])
    comps, cur, end = [], [], -1
    for s, e, side, i in items:
        if cur and s >= end:
            comps.append(cur)
            cur, end = [], -1
        cur.append((side, i))
        end = max(end, e)
    if cur:
        comps.append(cur)
    return comps


def cause(sent, span, gterms, ni):
    """Why a stretch differs: gisa's terms all there and Nori adds some (an inflected form
    kept whole beside its stem, or the parts of a pre-analysed form), NFKC, or a
    segmentation that loses gisa terms."""
    if unicodedata.normalize("NFKC", sent[span[0]:span[1]]) != sent[span[0]:span[1]]:
        return "normalization"
    missing = collections.Counter(gterms) - collections.Counter(t for t, *_ in ni)
    if missing:
        return "segmentation"
    types = {x[3] for x in ni}
    return "Nori adds the inflected form" if "INFLECT" in types else "Nori adds parts"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gisa", default=str(HERE.parent / "target/release/gisa"))
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared/data"))
    ap.add_argument("--export", help="an export folder (template.json + manifest.json); default: export corpus/")
    ap.add_argument("--jar", default=os.environ.get("ANSERINI_JAR"))
    ap.add_argument("--limit", type=int, default=0, help="sentences per source (0 = all)")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--nori-decompound", choices=["none", "discard", "mixed"],
                    help="what if: build Nori with this decompound mode instead of the template's")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.jar:
        sys.exit("ANSERINI_JAR is not set: source ~/.cache/gisa-bench-peers/env.sh (bench/peers/setup.sh)")
    tmp = tempfile.TemporaryDirectory()
    out = Path(args.export) if args.export else export_demo(args.gisa, tmp.name)
    template = json.loads((out / "template.json").read_text(encoding="utf-8"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    analysis = template["template"]["settings"]["index"]["analysis"]
    nori = Nori(args.jar, analysis, tmp.name, args.nori_decompound)
    flags = gisa_flags(manifest["analyzer"])

    report, total = {}, collections.Counter()
    disagreements = collections.Counter()
    examples = {}
    causes = collections.Counter()
    for name, sents in load_sources(args.data).items():
        if args.limit:
            sents = sents[: args.limit]
        sents = [s.replace("\n", " ") for s in sents]
        st = collections.Counter(sentences=len(sents))
        for sent, g in zip(sents, gisa_terms(args.gisa, flags, sents)):
            n = nori.analyze(sent)
            gt, nt = collections.Counter(t for t, *_ in g), collections.Counter(t for t, *_ in n)
            st["identical_sets"] += set(gt) == set(nt)
            st["gisa_terms"] += sum(gt.values())
            st["nori_terms"] += sum(nt.values())
            common = sum((gt & nt).values())
            st["gisa_in_nori"] += common
            st["nori_in_gisa"] += common
            ns = {(t, s, e) for t, s, e, _ in n}
            st["gisa_in_nori_same_span"] += sum(1 for t, s, e, _ in g if (t, s, e) in ns)
            for comp in components(g, n):
                gi = [g[i] for side, i in comp if side == "g"]
                ni = [n[i] for side, i in comp if side == "n"]
                gterms, nterms = [t for t, *_ in gi], [t for t, *_ in ni]
                if collections.Counter(gterms) == collections.Counter(nterms):
                    continue
                span = (min(x[1] for x in gi + ni), max(x[2] for x in gi + ni))
                c = cause(sent, span, gterms, ni)
                causes[c] += 1
                key = (sent[span[0]:span[1]], " ".join(gterms) or "∅", " ".join(nterms) or "∅", c)
                disagreements[key] += 1
                examples.setdefault(key, sent)
        for k, v in st.items():
            total[k] += v
        report[name] = st
    report["all"] = total
    table = {}
    for name, st in report.items():
        table[name] = {
            "sentences": st["sentences"],
            "identical_term_sets": st["identical_sets"] / max(1, st["sentences"]),
            "gisa_terms": st["gisa_terms"],
            "gisa_terms_nori_produces": st["gisa_in_nori"] / max(1, st["gisa_terms"]),
            "gisa_terms_nori_produces_same_span": st["gisa_in_nori_same_span"] / max(1, st["gisa_terms"]),
            "nori_terms": st["nori_terms"],
            "nori_terms_gisa_produces": st["nori_in_gisa"] / max(1, st["nori_terms"]),
        }
    top = [{"surface": k[0], "gisa": k[1], "nori": k[2], "cause": k[3], "count": c, "example": examples[k][:120]}
           for k, c in disagreements.most_common(args.top)]
    result = {
        "lucene_nori_dictionary": nori_dictionary_version(args.jar),
        "nori_settings": {"decompound_mode": nori.decompound, "filters": nori.filters, "user_dictionary_rules": len(nori.user_rules),
                          "stoptags": next((f["stoptags"] for f in analysis.get("filter", {}).values()
                                            if f.get("type") == "nori_part_of_speech"), None)},
        "gisa_flags": flags,
        "sources": table,
        "disagreements_by_cause": dict(causes),
        "top_disagreements": top,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    print(f"Lucene Nori built from {out / 'template.json'} (dictionary {result['lucene_nori_dictionary']}; "
          f"decompound {nori.decompound}; filters {', '.join(nori.filters)}; {len(nori.user_rules)} user rules) vs gisa analyze {' '.join(flags[:2])} …")
    print(f"{'source':<20} {'sentences':>9} {'same term set':>13} {'gisa terms':>10} {'in Nori':>8} "
          f"{'same span':>9} {'Nori terms':>10} {'in gisa':>8}")
    for name, t in table.items():
        print(f"{name:<20} {t['sentences']:>9} {t['identical_term_sets']:>12.1%} {t['gisa_terms']:>10} "
              f"{t['gisa_terms_nori_produces']:>7.1%} {t['gisa_terms_nori_produces_same_span']:>8.1%} "
              f"{t['nori_terms']:>10} {t['nori_terms_gisa_produces']:>7.1%}")
    n_dis = sum(causes.values())
    print(f"\ndisagreeing stretches: {n_dis} — " + ", ".join(
        f"{c} {v} ({v / max(1, n_dis):.0%})" for c, v in causes.most_common()))
    print(f"\nmost frequent disagreements (surface: gisa | Nori, cause, count):")
    for d in top:
        print(f"  {d['surface']}: {d['gisa']} | {d['nori']}  [{d['cause']}] ×{d['count']}")


if __name__ == "__main__":
    main()
