#!/usr/bin/env bash
# Builds the Python package (a debug wheel; releases build optimised ones), installs it into a
# fresh virtualenv with no access to anything but the wheel, and checks the installed command
# (tests/python/wheel_smoke.py). Shares cargo's target dir, as CI does.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(scripts/python-tools.sh)"
target="${CARGO_TARGET_DIR:-$PWD/target}"
wheels="$target/wheels"
rm -rf "$wheels"
"$tools/bin/maturin" build --quiet --profile dev --out "$wheels"
fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
python3 -m venv "$fresh/venv"
"$fresh/venv/bin/python" -m pip install --quiet --no-index --disable-pip-version-check "$wheels"/errcode_ls-*.whl
"$fresh/venv/bin/python" tests/python/wheel_smoke.py "$PWD/tests/fixtures/terminal"
