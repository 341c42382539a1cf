#!/bin/sh
# Fuzzes gisa's parsers of untrusted input (not part of CI).
#
#   scripts/fuzz.sh [MINUTES] [TARGET…]
#
# Runs each cargo-fuzz target of fuzz/ for MINUTES (default 5; all targets by default:
# extract_txt extract_html extract_json extract_jsonl extract_mhtml extract_pdf user_dict date
# query report_file),
# seeded from the repository's fixtures (corpus/, tests/fixtures, examples/, the README's
# user-dictionary example, the hand-picked queries of fuzz/fixed-seeds/),
# and prints the executions and crashes of each. A crash stops libFuzzer; the script keeps
# the input in fuzz/artifacts/TARGET/ and goes on fuzzing for the rest of the time.
# Replay one with: fuzz/target/x86_64-unknown-linux-gnu/release/TARGET FILE
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and the Korean dictionary (user_dict
# target). The toolchain is stable: RUSTC_BOOTSTRAP=1 lets it take the sanitizer flags.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MINUTES=${1:-5}
[ $# -gt 0 ] && shift
TARGETS=${*:-extract_txt extract_html extract_json extract_jsonl extract_mhtml extract_pdf user_dict date query report_file}
case $MINUTES in *[!0-9]* | '') echo "usage: scripts/fuzz.sh [MINUTES] [TARGET…]" >&2; exit 2 ;; esac

command -v cargo-fuzz >/dev/null 2>&1 || { echo "fuzz.sh: needs cargo-fuzz: cargo install cargo-fuzz" >&2; exit 2; }
export RUSTC_BOOTSTRAP=1
(cd fuzz && cargo fuzz build -O)
BIN=$ROOT/fuzz/target/x86_64-unknown-linux-gnu/release

# Seeds, rebuilt every run from the fixtures (fuzz/seeds is not kept in git).
seed() { # seed TARGET FILE…
    mkdir -p "fuzz/seeds/$1"
    t=$1
    shift
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "fuzz/seeds/$t/$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
    done
    return 0
}
rm -rf fuzz/seeds
mkdir -p fuzz/seeds
cp -R fuzz/fixed-seeds/. fuzz/seeds/
find examples tests/fixtures -name '*.toml' -print | while read -r f; do seed report_file "$f"; done
find corpus -name '*.txt' -print | while read -r f; do seed extract_txt "$f"; done
find corpus -name '*.htm*' -print | while read -r f; do seed extract_html "$f"; done
find corpus -name '*.json' -print | while read -r f; do seed extract_json "$f"; done
find corpus -name '*.jsonl' -print | while read -r f; do seed extract_jsonl "$f"; done
seed extract_jsonl tests/fixtures/corpus-truth.jsonl
find tests/fixtures -name '*.mht*' -print | while read -r f; do seed extract_mhtml "$f"; done
# PDFs as a browser prints them: a few of the corpus's pages through headless Chromium, if any.
if command -v chromium >/dev/null 2>&1; then
    mkdir -p fuzz/seeds/extract_pdf
    find corpus -name '*.htm*' -print | head -3 | while read -r f; do
        chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$ROOT/fuzz/seeds/.chromium" \
            --print-to-pdf="fuzz/seeds/extract_pdf/$(basename "$f").pdf" "file://$ROOT/$f" >/dev/null 2>&1 || true
    done
    rm -rf fuzz/seeds/.chromium
fi
python3 - <<'EOF'
# user_dict: the README's example, and the fixture lexicon's CSV lines in groups of 20.
# date: every line of the corpus with a 4-digit number, after 8 bytes of a file time.
import pathlib, re, struct
root = pathlib.Path(".")
ud = root / "fuzz/seeds/user_dict"
ud.mkdir(parents=True, exist_ok=True)
readme = (root / "README.md").read_text()
m = re.search(r"\*\*User dictionary\*\*.*?```\n(.*?)```", readme, re.S)
if m:
    (ud / "readme").write_text(m.group(1))
lex = (root / "tests/fixtures/tiny-mecab-ko/lexicon.csv").read_text().splitlines()
for i in range(0, len(lex), 20):
    (ud / f"lexicon-{i}").write_text("\n".join(lex[i:i + 20]) + "\n")
dates = root / "fuzz/seeds/date"
dates.mkdir(parents=True, exist_ok=True)
n = 0
for f in sorted((root / "corpus").rglob("*")):
    if not f.is_file() or f.suffix not in (".txt", ".html", ".json", ".jsonl"):
        continue
    for line in f.read_bytes().decode("utf-8", "replace").splitlines():
        if re.search(r"\d{4}", line) and len(line) < 300:
            (dates / f"line-{n}").write_bytes(struct.pack("<q", 1718690000) + line.encode())
            n += 1
EOF

printf '%-14s %8s %14s %10s %8s\n' target minutes executions exec/s crashes
total_crashes=0
for t in $TARGETS; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    before=$(ls "fuzz/artifacts/$t" | wc -l)
    deadline=$(( $(date +%s) + MINUTES * 60 ))
    execs=0
    log=fuzz/artifacts/$t.log
    : > "$log"
    while :; do
        left=$(( deadline - $(date +%s) ))
        [ "$left" -gt 0 ] || break
        # -timeout: an input taking 10 s is a hang worth a report; -rss_limit_mb: 2 GB.
        dict=
        [ "$t" = query ] && dict=-dict=fuzz/query.dict
        "$BIN/$t" $dict -max_total_time="$left" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
            -artifact_prefix="fuzz/artifacts/$t/" "fuzz/corpus/$t" "fuzz/seeds/$t" >>"$log" 2>&1 || true
        n=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
        execs=$(( execs + ${n:-0} ))
        # Count each run's stats once.
        sed -i 's/stat::number_of_executed_units/stat::counted_units/' "$log"
    done
    crashes=$(( $(ls "fuzz/artifacts/$t" | wc -l) - before ))
    total_crashes=$(( total_crashes + crashes ))
    printf '%-14s %8s %14s %10s %8s\n' "$t" "$MINUTES" "$execs" "$(( execs / (MINUTES * 60 > 0 ? MINUTES * 60 : 1) ))" "$crashes"
done
[ "$total_crashes" -eq 0 ] || { echo "crash inputs: fuzz/artifacts/TARGET/ (logs: fuzz/artifacts/TARGET.log)"; exit 1; }
