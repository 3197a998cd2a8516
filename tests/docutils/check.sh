#!/usr/bin/env bash
# Proves the checked-in cell snapshots are docutils' reading of the documents: regenerates them
# with docutils (installed into the project's virtualenv) and fails on any difference.
#
#   tests/docutils/check.sh            check every snapshot
#   UPDATE=1 tests/docutils/check.sh   rewrite the snapshots (then review the diff)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${ERRCODE_VENV:-$root/.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import docutils' 2>/dev/null || "$venv/bin/pip" install --quiet 'docutils>=0.21'
status=0
check() {
  local reading
  reading="$("$venv/bin/python" "$here/seed_cells.py" "$1")"
  if [ "${UPDATE:-}" = 1 ]; then
    printf '%s\n' "$reading" > "$2"
    echo "updated: $(basename "$2")"
  elif diff -u "$2" - <<<"$reading" >/dev/null; then
    echo "ok: $(basename "$2") matches docutils"
  else
    echo "FAILED: $(basename "$2") differs from docutils' reading of $1"
    diff -u "$2" - <<<"$reading" | head -40
    status=1
  fi
}
check "$root/server/catalogs/huawei-cloud-ocr.rst" "$here/seed-cells.json"
# Every RST fixture with a snapshot: tests/fixtures/catalogs/NAME.rst ↔ NAME-cells.json.
for snapshot in "$here"/*-cells.json; do
  name="$(basename "$snapshot" -cells.json)"
  [ "$name" = seed ] && continue
  check "$root/tests/fixtures/catalogs/$name.rst" "$snapshot"
done
exit $status
