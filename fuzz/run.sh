#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each; FUZZ_SECONDS or $1 to change),
# seeding corpora from the test fixtures. Needs the nightly toolchain; installs cargo-fuzz.
#
#   fuzz/run.sh            # 60 s per target
#   fuzz/run.sh 600        # longer runs
#   fuzz/run.sh 20 recognizer
#
# Targets: catalog_import (RST/Markdown/JSON/TOML importers), recognizer, line_index,
# syntax_fix (match/switch extraction and the fix generator in every parsed language),
# jsonrpc (framing and message handling of the whole server, in process) and large_open (the
# streaming scanner of large didOpen bodies, against serde_json). A crash leaves its
# input in fuzz/artifacts/<target>/; replay it with `cargo +nightly fuzz run <target> <file>`
# and turn it into a regression test. Each run ends with executions per target.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
seconds="${1:-${FUZZ_SECONDS:-60}}"
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cd "$here" && cargo +nightly fuzz list)

seed() {
  local target=$1 dir="$here/corpus/$1"
  mkdir -p "$dir"
  case "$target" in
    catalog_import)
      # The first byte selects the importer (0 rst, 1 md, 2 json, 3 toml, 4 by content).
      local n=0
      for f in "$root"/server/catalogs/*.rst "$root"/tests/fixtures/catalogs/*; do
        case "$f" in *.expected) continue ;; esac
        case "$f" in *.rst) sel='\x00' ;; *.md) sel='\x01' ;; *.json) sel='\x02' ;; *.toml) sel='\x03' ;; *) sel='\x04' ;; esac
        { printf "$sel"; cat "$f"; } > "$dir/seed-$n"; n=$((n + 1))
      done ;;
    recognizer)
      cp "$root"/examples/ocr-client/* "$dir/" 2>/dev/null || true ;;
    syntax_fix)
      # The first byte selects the language, in the order of the target's LANGUAGES table.
      local n=0 sel
      for f in "$root"/tests/fixtures/match/*/*; do
        case "$f" in
          *.rs) sel='\x00' ;; *.py) sel='\x01' ;; *.go) sel='\x02' ;; *.js) sel='\x03' ;;
          *.ts) sel='\x04' ;; *.tsx) sel='\x05' ;; *.java) sel='\x06' ;; *.cs) sel='\x07' ;;
          *.kt) sel='\x08' ;; *.php) sel='\x09' ;; *) continue ;;
        esac
        { printf "$sel"; cat "$f"; } > "$dir/seed-$n"; n=$((n + 1))
      done ;;
    jsonrpc)
      # Mode 0: message bodies separated by 0xFF, each framed by the target; mode 1: raw bytes.
      local open='{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///f/a.py","languageId":"python","version":1,"text":"match c:\n    case \"AIS.0101\": pass\n# AIS.9999 中文😀\r\n"}}}'
      local change='{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///f/a.py","version":2},"contentChanges":[{"range":{"start":{"line":1,"character":4},"end":{"line":2,"character":3}},"text":"AIS.01"}]}}'
      local at='"textDocument":{"uri":"file:///f/a.py"},"position":{"line":1,"character":12}'
      local range='"range":{"start":{"line":0,"character":0},"end":{"line":9,"character":0}}'
      {
        printf '\x00%s\xff%s' "$open" "$change"
        for m in hover completion definition references documentHighlight; do
          printf '\xff{"jsonrpc":"2.0","id":7,"method":"textDocument/%s","params":{%s,"context":{"includeDeclaration":true}}}' "$m" "$at"
        done
        printf '\xff{"jsonrpc":"2.0","id":8,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"file:///f/a.py"},%s,"context":{"diagnostics":[]}}}' "$range"
        printf '\xff{"jsonrpc":"2.0","id":9,"method":"textDocument/inlayHint","params":{"textDocument":{"uri":"file:///f/a.py"},%s}}' "$range"
        printf '\xff{"jsonrpc":"2.0","id":10,"method":"workspace/symbol","params":{"query":"AIS"}}'
        printf '\xff{"jsonrpc":"2.0","method":"textDocument/didClose","params":{"textDocument":{"uri":"file:///f/a.py"}}}'
      } > "$dir/seed-session"
      { printf '\x01'; printf 'Content-Length: %d\r\n\r\n%s' "$(printf %s "$open" | wc -c)" "$open"; printf 'Content-Length: 5\r\n\r\n{"a":'; } > "$dir/seed-raw" ;;
    large_open)
      # The first byte sets the chunk size; the rest is a didOpen body, text first or last.
      local text='"{\"error_code\": \"AIS.0199\"}\r\n\ud83d\ude00\tAIS.0101 caf\u00e9 \\ \/ \b\f\n"'
      local item='"uri":"file:///f/a.log","languageId":"log","version":1'
      printf '\x03{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{%s,"text":%s}}}' "$item" "$text" > "$dir/seed-last"
      printf '\x06{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"text":%s,%s}}}' "$text" "$item" > "$dir/seed-first"
      printf '\x00{"jsonrpc":"2.0","id":3,"method":"x","params":{"textDocument":{"text":"a\u00e9","uri":"u"},"y":[{"text":"b"}]}}' > "$dir/seed-other" ;;
    *) ;;
  esac
}

cd "$here"
summary=()
for target in "${targets[@]}"; do
  seed "$target"
  echo "==> fuzzing $target for ${seconds}s"
  log="$here/artifacts/$target.log"
  mkdir -p "$here/artifacts"
  status=0
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 \
    -timeout=30 -print_final_stats=1 >"$log" 2>&1 || status=$?
  grep -E '^(Done [0-9]+ runs|SUMMARY|artifact_prefix|==[0-9]+== ERROR)' "$log" || true
  runs=$(grep -oE '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' || echo "?")
  summary+=("$(printf '%-16s %12s executions in %ss, corpus %s inputs' "$target" "$runs" "$seconds" \
    "$(find "corpus/$target" -type f | wc -l)")")
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    echo "FAILED: $target (exit $status); see $log"
    exit 1
  fi
done
printf '%s\n' "${summary[@]}"
echo "fuzzing: ${#targets[@]} passed, 0 failed"
