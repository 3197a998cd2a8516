#!/usr/bin/env bash
# Proves the checked-in cell snapshots are docutils' reading of the documents: regenerates them
# with docutils (installed into the project's virtualenv) and fails on any difference.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${ERRCODE_VENV:-$root/.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import docutils' 2>/dev/null || "$venv/bin/pip" install --quiet 'docutils>=0.21'
status=0
check() {
  if "$venv/bin/python" "$here/seed_cells.py" "$1" | diff -u "$2" - >/dev/null; then
    echo "ok: $(basename "$2") matches docutils"
  else
    echo "FAILED: $(basename "$2") differs from docutils' reading of $1"
    "$venv/bin/python" "$here/seed_cells.py" "$1" | diff -u "$2" - | head -40
    status=1
  fi
}
check "$root/server/catalogs/huawei-cloud-ocr.rst" "$here/seed-cells.json"
check "$root/tests/fixtures/catalogs/sections.rst" "$here/sections-cells.json"
exit $status
