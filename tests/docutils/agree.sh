#!/usr/bin/env bash
# Measures the importer against docutils on any folder of RST pages (pages you did not write):
# per page and in total, codes imported / expected (by rows), cells equal / compared, time.
#
#   tests/docutils/agree.sh FOLDER           the RST importer
#   tests/docutils/agree.sh FOLDER --html    the HTML importer, on docutils' HTML export of each page
#
# Builds the binary (release, in $CARGO_TARGET_DIR or target/) and installs docutils into the
# project's virtualenv, as check.sh does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
folder="${1:?usage: agree.sh FOLDER [--html]}"
venv="${ERRCODE_VENV:-$root/.venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import docutils' 2>/dev/null || "$venv/bin/pip" install --quiet 'docutils>=0.21'
(cd "$root" && cargo build --release --quiet --bin errcode-ls)
binary="${CARGO_TARGET_DIR:-$root/target}/release/errcode-ls"
exec "$venv/bin/python" "$here/agree.py" "$binary" "$folder" "${@:2}"
