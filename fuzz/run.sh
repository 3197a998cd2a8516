#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (default 60 s each; FUZZ_SECONDS or $1 to change),
# seeding corpora from the test fixtures. Needs the nightly toolchain; installs cargo-fuzz.
#
#   fuzz/run.sh            # 60 s per target
#   fuzz/run.sh 600        # longer runs
#   fuzz/run.sh 20 recognizer
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
    *) ;;
  esac
}

cd "$here"
for target in "${targets[@]}"; do
  seed "$target"
  echo "==> fuzzing $target for ${seconds}s"
  log="$here/artifacts/$target.log"
  mkdir -p "$here/artifacts"
  status=0
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=65536 \
    >"$log" 2>&1 || status=$?
  grep -E '^(Done [0-9]+ runs|SUMMARY|artifact_prefix|==[0-9]+== ERROR)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -40 "$log"
    echo "FAILED: $target (exit $status); see $log"
    exit 1
  fi
done
echo "fuzzing: ${#targets[@]} passed, 0 failed"
