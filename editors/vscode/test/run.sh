#!/usr/bin/env bash
# End-to-end tests of the VS Code extension in a real VS Code: code-server 4.100.x (the newest
# that runs on node 20) driven by headless Chromium through playwright-core.
#
# Installs what it needs (Debian chromium, ripgrep and build headers; the extension's npm deps
# with `npm ci`; code-server into a cache folder), packages the .vsix with the server binary
# bundled, installs it into a fresh profile, and runs test/e2e.js. Quick when already installed.
#
#   ERRCODE_LS_PATH        server binary to bundle (default: target/debug/errcode-ls, built if missing)
#   ERRCODE_EDITORS_CACHE  where code-server is installed (default: ~/.cache/errcode-ls/editors)
#   ERRCODE_E2E_OUT        where screenshots and logs go (default: editors/vscode/test/.run)
#   ERRCODE_README_SHOT=1  also refresh editors/vscode/images/hover.png
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT=$(dirname "$HERE")
ROOT=$(cd "$EXT/../.." && pwd)
CACHE=${ERRCODE_EDITORS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/errcode-ls/editors}
CS_VERSION=4.100.3
CS_DIR=$CACHE/code-server-$CS_VERSION
OUT=${ERRCODE_E2E_OUT:-$HERE/.run}
T0=$(date +%s)
say() { echo "# [$(($(date +%s) - T0))s] $*"; }

# --- system packages ----------------------------------------------------------------------
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
command -v curl >/dev/null || missing+=(curl)
for pkg in libkrb5-dev build-essential pkg-config python3; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]})); then
  say "apt-get install ${missing[*]}"
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- the server binary --------------------------------------------------------------------
if [ -n "${ERRCODE_LS_PATH:-}" ]; then
  BIN=$ERRCODE_LS_PATH
  [ -x "$BIN" ] || { echo "ERRCODE_LS_PATH=$BIN is not an executable" >&2; echo "0 passed, 1 failed"; exit 1; }
else
  BIN=$ROOT/target/debug/errcode-ls
  if [ ! -x "$BIN" ]; then
    say "cargo build (no $BIN yet)"
    (cd "$ROOT" && cargo build --quiet --bin errcode-ls)
  fi
fi
say "server: $("$BIN" --version) ($BIN)"

# --- the extension's node dependencies (exact versions from package-lock.json) -------------
stamp=$EXT/node_modules/.errcode-lock
if [ ! -f "$stamp" ] || ! cmp -s "$EXT/package-lock.json" "$stamp"; then
  say "npm ci"
  (cd "$EXT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$EXT/package-lock.json" "$stamp"
fi

# --- unit tests: finding the server binary (no editor needed) -------------------------------
rm -rf "$OUT" && mkdir -p "$OUT"/{user/User,ext,shots}
unit_status=0
(cd "$EXT" && npm run --silent test:unit) >"$OUT/unit.log" 2>&1 || unit_status=$?
unit_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$OUT/unit.log" | tail -n 1)
unit_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$OUT/unit.log" | tail -n 1)
unit_pass=${unit_pass:-0}
unit_fail=${unit_fail:-0}
if [ "$unit_status" != 0 ] && [ "$unit_fail" = 0 ]; then unit_fail=1; fi
grep -E '^(not )?ok [0-9]+ - ' "$OUT/unit.log" | sed 's/^/unit: /'
[ "$unit_status" = 0 ] || sed -n '/^not ok/,/^  \.\.\./p' "$OUT/unit.log"

# --- code-server ----------------------------------------------------------------------------
CS=$CS_DIR/node_modules/.bin/code-server
if [ ! -x "$CS" ] || [ ! -f "$CS_DIR/.installed" ]; then
  say "installing code-server $CS_VERSION into $CS_DIR"
  mkdir -p "$CS_DIR"
  # @vscode/ripgrep's postinstall downloads rg from GitHub, which is unreachable: seed its
  # download cache (under os.tmpdir()) with Debian's rg instead.
  export TMPDIR=$CACHE/tmp
  RGC=$TMPDIR/vscode-ripgrep-cache-1.15.11
  mkdir -p "$RGC/seed" && cp "$(command -v rg)" "$RGC/seed/rg"
  tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$RGC/seed" rg
  (cd "$CS_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } &&
    # unsafe-perm: the postinstall refuses to run as root otherwise; yes: node-pty runs
    # `npx node-gyp`, which would prompt; nodedir: use the installed node headers.
    npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >/dev/null)
  unset TMPDIR
  touch "$CS_DIR/.installed"
fi

# --- package and install the extension into a fresh profile ----------------------------------
VSIX=$OUT/errcode.vsix
say "packaging the .vsix"
(cd "$EXT" && ERRCODE_LS_BUNDLE=$BIN ERRCODE_VSIX_OUT=$VSIX node scripts/package.mjs >"$OUT/package.log" 2>&1) ||
  { cat "$OUT/package.log"; echo "0 passed, 1 failed"; exit 1; }
cp "$HERE/user-settings.json" "$OUT/user/User/settings.json"
"$CS" --user-data-dir "$OUT/user" --extensions-dir "$OUT/ext" --install-extension "$VSIX" >"$OUT/install.log" 2>&1 ||
  { cat "$OUT/install.log"; echo "0 passed, 1 failed"; exit 1; }
cp -r "$HERE/workspace" "$OUT/ws"

# --- start code-server and run the tests ------------------------------------------------------
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Without ERRCODE_LS_PATH, so the extension takes the binary bundled in the .vsix.
# XDG_CONFIG_HOME of its own: the server's user-level errcode.toml is never the real one.
env -u ERRCODE_LS_PATH XDG_CACHE_HOME="$OUT/xdg-cache" XDG_CONFIG_HOME="$OUT/xdg-config" "$CS" --auth none --bind-addr "127.0.0.1:$PORT" \
  --disable-telemetry --disable-update-check --disable-workspace-trust \
  --user-data-dir "$OUT/user" --extensions-dir "$OUT/ext" "$OUT/ws" >"$OUT/code-server.log" 2>&1 &
CS_PID=$!
trap 'kill $CS_PID 2>/dev/null; wait $CS_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 200); do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break
  sleep 0.1
done
say "code-server on port $PORT"

README_SHOT=
[ "${ERRCODE_README_SHOT:-}" = 1 ] && README_SHOT=$EXT/images/hover.png
status=0
(cd "$EXT" && ERRCODE_E2E_URL="http://127.0.0.1:$PORT/?folder=$OUT/ws" ERRCODE_E2E_SHOTS=$OUT/shots \
  ERRCODE_E2E_CATALOG=$ROOT/server/catalogs/huawei-cloud-ocr.rst ERRCODE_E2E_README_SHOT=$README_SHOT \
  ERRCODE_E2E_LOGS=$OUT/user/logs ERRCODE_E2E_WS=$OUT/ws \
  node test/e2e.js) >"$OUT/e2e.log" 2>&1 || status=$?
# The server's log, as the "errcode" output channel wrote it, helps when a test failed.
if [ "$status" != 0 ]; then
  find "$OUT/user/logs" -name '*errcode*' -type f -exec sh -c 'echo "# --- $1"; tail -n 40 "$1"' _ {} \; 2>/dev/null || true
fi
grep -v ' passed, [0-9]* failed$' "$OUT/e2e.log" || true
say "screenshots in $OUT/shots"
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$OUT/e2e.log" | tail -n 1)
e2e_pass=0
e2e_fail=1 # no summary line: the driver did not get to the end
if [ -n "$summary" ]; then
  e2e_pass=${summary%% passed*}
  e2e_fail=${summary#*passed, }
  e2e_fail=${e2e_fail%% failed}
fi
failed=$((unit_fail + e2e_fail))
echo "$((unit_pass + e2e_pass)) passed, $failed failed"
[ "$failed" = 0 ] && [ "$status" = 0 ] && [ "$unit_status" = 0 ]
