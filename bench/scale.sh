#!/usr/bin/env bash
# How scan and check keep pace with ripgrep as catalogs and inputs grow, on generated data.
#
#   bash bench/scale.sh catalogs   # scan of one log: built-in catalog, then generated catalogs
#                                  # of 37 / 2,500 / 10,000 codes; ratio to rg and scaling factor
#   bash bench/scale.sh folder     # scan of a folder of 200 logs, half gzip; ratio to rg -z
#   bash bench/scale.sh tree       # check of a 200 MB tree of 10k source files; ratio to rg,
#                                  # and of the same tree without a code
#   bash bench/scale.sh            # all three
#
# Environment: LOG_MB (150), TREE_MB (200), TREE_FILES (10000), RUNS (5), BENCH_DIR.
# Every figure comes from hyperfine, errcode-ls and its reference interleaved in one run on the
# same files (page-cached), default thread counts. ratio = errcode-ls time / rg time: at most
# 1.0 means errcode-ls is as fast as ripgrep or faster. The reference is `rg -c -F -f codes.txt`
# (codes.txt: the catalog's codes), the closest equivalent work ripgrep does: counting lines
# that hold a code. errcode-ls also counts per code, keeps first/last lines and matches every
# catalog message.
set -euo pipefail

cd "$(dirname "$0")/.."
LOG_MB=${LOG_MB:-150}
TREE_MB=${TREE_MB:-200}
TREE_FILES=${TREE_FILES:-10000}
RUNS=${RUNS:-5}
DIR=${BENCH_DIR:-target/bench}
TARGET=${CARGO_TARGET_DIR:-target}
mkdir -p "$DIR"

for tool in rg hyperfine; do
    command -v "$tool" >/dev/null || {
        echo "installing ripgrep and hyperfine from apt" >&2
        apt-get install -y ripgrep hyperfine >/dev/null 2>&1 ||
            { apt-get update >/dev/null && apt-get install -y ripgrep hyperfine >/dev/null; }
    }
done
cargo build --quiet --release --bin errcode-ls --example genlog --example gentree
BIN=$TARGET/release/errcode-ls
GEN=$TARGET/release/examples/genlog
TREE=$TARGET/release/examples/gentree

# Mean seconds of each command, in order: `time_of JSON INDEX`.
time_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean'])" "$1" "$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
mbps() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", a / b }'; }
codes_of() { # CATALOG_ARGS... -> the codes, one a line
    "$BIN" codes --json "$@" | python3 -c 'import json,sys; print("\n".join(c["code"] for c in json.load(sys.stdin)["codes"]))'
}

catalogs() {
    echo "== scan of one ${LOG_MB} MB log, by catalog size =="
    local first=""
    printf '%-12s %10s %10s %8s %10s\n' catalog scan_s rg_s ratio MB/s
    for codes in builtin 37 2500 10000; do
        local log="$DIR/scale-$codes.log" args=()
        if [[ $codes == builtin ]]; then
            [[ -s $log ]] || "$GEN" "$LOG_MB" "$log" >"$log.expected.json"
        else
            [[ -s $log ]] || "$GEN" "$LOG_MB" "$log" 7 "$codes" >"$log.expected.json"
            args=(--no-builtin --catalog "$log.catalog.json")
        fi
        codes_of "${args[@]}" >"$DIR/codes-$codes.txt"
        cat "$log" >/dev/null
        hyperfine -N -w 1 -r "$RUNS" --export-json "$DIR/h.json" \
            "$BIN scan ${args[*]} $log" "rg -c -F -f $DIR/codes-$codes.txt $log" >/dev/null 2>&1
        local ours theirs
        ours=$(time_of "$DIR/h.json" 0)
        theirs=$(time_of "$DIR/h.json" 1)
        printf '%-12s %10.3f %10.3f %8s %10s\n' "$codes" "$ours" "$theirs" "$(ratio "$ours" "$theirs")" "$(mbps "$LOG_MB" "$ours")"
        [[ $codes == 37 ]] && first=$ours
        [[ $codes == 10000 ]] && echo "throughput falls $(ratio "$ours" "$first")× from 37 to 10,000 codes (goal < 1.5)"
    done
}

folder() {
    echo "== scan of a folder of 200 logs (100 plain, 100 gzip), built-in catalog =="
    local folder="$DIR/folder"
    if [[ ! -s $folder.done ]]; then
        rm -rf "$folder" && mkdir -p "$folder"
        for ((n = 1; n <= 200; n++)); do
            "$GEN" 2 "$folder/app-$n.log" "$n" >/dev/null
            ((n % 2 == 0)) && gzip -6 "$folder/app-$n.log"
        done
        echo done >"$folder.done"
    fi
    codes_of >"$DIR/codes-builtin.txt"
    cat "$folder"/* >/dev/null
    hyperfine -N -w 1 -r "$RUNS" --export-json "$DIR/h.json" \
        "$BIN scan $folder" "rg -z -c -F -f $DIR/codes-builtin.txt $folder" \
        "$BIN scan $(printf "$folder/app-%d.log.gz " $(seq 2 2 200))" >/dev/null 2>&1
    local ours theirs gz
    ours=$(time_of "$DIR/h.json" 0)
    theirs=$(time_of "$DIR/h.json" 1)
    gz=$(time_of "$DIR/h.json" 2)
    echo "errcode-ls scan FOLDER   $ours s"
    echo "rg -z -c -F -f codes.txt $theirs s   ratio $(ratio "$ours" "$theirs")"
    echo "the 100 gzip logs alone  $gz s ($(awk -v a="$gz" -v b="$ours" 'BEGIN { printf "%.0f", 100 * a / b }')% of the folder's time)"
}

tree() {
    echo "== check of a ${TREE_MB} MB tree of ${TREE_FILES} source files =="
    local tree="$DIR/tree" clean="$DIR/tree-clean"
    [[ -s $tree.done ]] || { rm -rf "$tree" && "$TREE" "$tree" "$TREE_MB" "$TREE_FILES" 3 >"$tree.done"; }
    [[ -s $clean.done ]] || { rm -rf "$clean" && "$TREE" "$clean" "$TREE_MB" "$TREE_FILES" 0 >"$clean.done"; }
    codes_of >"$DIR/codes-builtin.txt"
    for t in "$tree" "$clean"; do
        find "$t" -type f -exec cat {} + >/dev/null
        hyperfine -N -w 1 -r "$RUNS" -i --export-json "$DIR/h.json" \
            "$BIN check $t" "rg -c -F -f $DIR/codes-builtin.txt $t" >/dev/null 2>&1
        local ours theirs
        ours=$(time_of "$DIR/h.json" 0)
        theirs=$(time_of "$DIR/h.json" 1)
        echo "$(basename "$t"): errcode-ls check $ours s, rg $theirs s, ratio $(ratio "$ours" "$theirs")"
    done
}

case ${1:-all} in
    catalogs) catalogs ;;
    folder) folder ;;
    tree) tree ;;
    all) catalogs && folder && tree ;;
    *) echo "usage: bench/scale.sh [catalogs|folder|tree|all]" >&2 && exit 2 ;;
esac
