#!/usr/bin/env bash
# Throughput of the recogniser and of `errcode-ls scan` against ripgrep, on generated logs.
#
#   bash bench/run.sh            # 200 MB log for the recogniser, 1 GB log for scan
#   SCAN_MB=256 RUNS=5 bash bench/run.sh
#
# Every figure is a ratio against `rg -c` measured in the same run on the same file (the
# machine is shared and noisy): ratio = rg time / our time, so > 1 means faster than ripgrep.
# Each command runs RUNS times, interleaved with its reference, and the best time counts.
# Counts are checked too: the recogniser must find as many lines as rg, and scan must report
# exactly what the generator wrote.
set -euo pipefail

cd "$(dirname "$0")/.."
RECOGNIZE_MB=${RECOGNIZE_MB:-200}
SCAN_MB=${SCAN_MB:-1024}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-target/bench}
mkdir -p "$DIR"

if ! command -v rg >/dev/null; then
    echo "installing ripgrep from apt" >&2
    (apt-get install -y ripgrep >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y ripgrep >/dev/null; })
fi
cargo build --quiet --release --bin errcode-ls --example genlog --example recognize
BIN=target/release/errcode-ls
GEN=target/release/examples/genlog
REC=target/release/examples/recognize

# The codes of the built-in catalog's namespaces, known or not, with word boundaries: what the
# recogniser finds. The second form, without boundaries, is ripgrep's fastest case.
CODES='\b(AIS|ModelArts|APIG)\.[0-9]+\b'
CODES_FAST='(AIS|ModelArts|APIG)\.[0-9]+'

log() { # SIZE_MB [SEED] -> path of a generated log (made once)
    local path="$DIR/log-$1mb${2:+-$2}.log"
    if [[ ! -s $path || ! -s $path.expected.json ]]; then
        "$GEN" "$1" "$path" ${2:-} >"$path.expected.json"
    fi
    cat "$path" >/dev/null # into the page cache, as for every contender
    echo "$path"
}

best() { # COMMAND... -> best wall time in seconds over RUNS runs (output discarded)
    local best=""
    for ((i = 0; i < RUNS; i++)); do
        local start=$EPOCHREALTIME
        "$@" >/dev/null 2>&1 || true
        best=$(awk -v s="$start" -v e="$EPOCHREALTIME" -v b="$best" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
    done
    awk -v b="$best" 'BEGIN { printf "%.3f", b }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mbps() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }

echo "== recogniser: ${RECOGNIZE_MB} MB log =="
small=$(log "$RECOGNIZE_MB")
ours=$("$REC" "$small")
theirs=$(rg -c "$CODES" "$small")
echo "lines with a code: recognize $ours, rg -c $theirs"
[[ $ours == "$theirs" ]] || { echo "MISMATCH" >&2; exit 1; }
t_rec=$(best "$REC" "$small")
t_rg=$(best rg -c "$CODES" "$small")
t_rg_fast=$(best rg -c "$CODES_FAST" "$small")
echo "recognize FILE                  ${t_rec} s  ($(mbps "$RECOGNIZE_MB" "$t_rec") MB/s)"
echo "rg -c '$CODES' FILE   ${t_rg} s   ratio $(ratio "$t_rg" "$t_rec")"
echo "rg -c '$CODES_FAST' FILE       ${t_rg_fast} s   ratio $(ratio "$t_rg_fast" "$t_rec")"

echo "== scan: ${SCAN_MB} MB log =="
big=$(log "$SCAN_MB")
"$BIN" scan --json "$big" 2>/dev/null >"$DIR/scan.json" || true
python3 - "$big.expected.json" "$DIR/scan.json" <<'EOF'
import json, sys
expected = json.load(open(sys.argv[1]))
got = json.load(open(sys.argv[2]))
e = {k: (v["count"], v["by_message"]) for k, v in expected["codes"].items()}
g = {c["code"]: (c["count"], c["by_message"]) for c in got["codes"]}
assert got["inputs"][0]["lines"] == expected["lines"], "line count differs"
assert e == g, {k: (e.get(k), g.get(k)) for k in set(e) | set(g) if e.get(k) != g.get(k)}
print(f"scan reports exactly the generated counts: {len(g)} codes, {sum(v[0] for v in g.values())} lines")
EOF
# Equivalent work for ripgrep: the codes plus every catalog message (placeholders as `.*`).
"$BIN" codes --json | python3 -c '
import json, re, sys
print(r"\b(AIS|ModelArts|APIG)\.[0-9]+\b")
for c in json.load(sys.stdin)["codes"]:
    m = c["message"].strip().rstrip(".")
    esc = lambda t: re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", t)
    print(".*".join(esc(p.strip()) for p in re.split(r"\bX{2,}\b", m) if p.strip()))
' >"$DIR/patterns.txt"
t_scan=$(best "$BIN" scan "$big")
t_scan1=$(best "$BIN" scan -j1 "$big")
t_rg=$(best rg -c "$CODES" "$big")
t_rg_fast=$(best rg -c "$CODES_FAST" "$big")
t_rg_all=$(best rg -c -f "$DIR/patterns.txt" "$big")
echo "errcode-ls scan FILE            ${t_scan} s  ($(mbps "$SCAN_MB" "$t_scan") MB/s, $(nproc) cores)"
echo "errcode-ls scan -j1 FILE        ${t_scan1} s  ($(mbps "$SCAN_MB" "$t_scan1") MB/s)"
echo "rg -c '$CODES' FILE   ${t_rg} s   ratio $(ratio "$t_rg" "$t_scan") (-j1: $(ratio "$t_rg" "$t_scan1"))"
echo "rg -c '$CODES_FAST' FILE       ${t_rg_fast} s   ratio $(ratio "$t_rg_fast" "$t_scan") (-j1: $(ratio "$t_rg_fast" "$t_scan1"))"
echo "rg -c -f codes+messages FILE    ${t_rg_all} s   ratio $(ratio "$t_rg_all" "$t_scan") (-j1: $(ratio "$t_rg_all" "$t_scan1"))"

echo "== scan: the ${RECOGNIZE_MB} MB log gzip-compressed =="
[[ -s $small.gz ]] || gzip -1 -c "$small" >"$small.gz"
t_scan=$(best "$BIN" scan "$small.gz")
t_zcat=$(best sh -c "zcat '$small.gz' | rg -c '$CODES_FAST'")
t_rgz=$(best rg -z -c "$CODES_FAST" "$small.gz")
echo "errcode-ls scan FILE.gz         ${t_scan} s"
echo "zcat FILE.gz | rg -c '$CODES_FAST'   ${t_zcat} s   ratio $(ratio "$t_zcat" "$t_scan")"
echo "rg -z -c '$CODES_FAST' FILE.gz       ${t_rgz} s   ratio $(ratio "$t_rgz" "$t_scan")"

FILES=${FILES:-4}
FILE_MB=${FILE_MB:-128}
echo "== scan: $FILES files of $FILE_MB MB (ripgrep searches several files in parallel too) =="
files=()
for ((n = 1; n <= FILES; n++)); do files+=("$(log "$FILE_MB" "$n")"); done
t_scan=$(best "$BIN" scan "${files[@]}")
t_scan1=$(best "$BIN" scan -j1 "${files[@]}")
t_rg=$(best rg -c "$CODES" "${files[@]}")
t_rg_fast=$(best rg -c "$CODES_FAST" "${files[@]}")
echo "errcode-ls scan FILES           ${t_scan} s  ($(mbps $((FILES * FILE_MB)) "$t_scan") MB/s; -j1 ${t_scan1} s)"
echo "rg -c '$CODES' FILES  ${t_rg} s   ratio $(ratio "$t_rg" "$t_scan")"
echo "rg -c '$CODES_FAST' FILES      ${t_rg_fast} s   ratio $(ratio "$t_rg_fast" "$t_scan")"
echo "(ratio = rg time / errcode-ls time; > 1 means errcode-ls is faster; best of $RUNS runs)"
