#!/usr/bin/env bash
# A big log open in the language server: open → first diagnostics, keystroke → diagnostics and
# memory, as ratios against references measured in the same run (see bench/logs_lsp.rs).
#
#   bash bench/logs_lsp.sh              # 200 MB generated log, 20 keystrokes
#   LOG_MB=50 KEYSTROKES=10 bash bench/logs_lsp.sh
set -euo pipefail

cd "$(dirname "$0")/.."
LOG_MB=${LOG_MB:-200}
KEYSTROKES=${KEYSTROKES:-20}
DIR=${BENCH_DIR:-target/bench}
mkdir -p "$DIR"
cargo build --quiet --release --bin errcode-ls --example genlog --example logs_lsp
LOG="$DIR/log-${LOG_MB}mb.log"
if [[ ! -s $LOG ]]; then
    target/release/examples/genlog "$LOG_MB" "$LOG" >"$LOG.expected.json"
fi
cat "$LOG" >/dev/null # into the page cache, for the server and for `scan` alike
target/release/examples/logs_lsp target/release/errcode-ls "$LOG" "$KEYSTROKES"
