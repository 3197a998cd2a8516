#!/usr/bin/env bash
# Checks that the crate publishes: `cargo package` assembles it (metadata, the built-in
# catalogs, no file from outside server/), and `cargo publish --dry-run` builds the packaged
# crate on its own, as `cargo install errcode-ls` will. The packaged build is the one
# verification (package skips its own, identical one).
#
# --allow-dirty: this runs inside the test command, which developers run before they commit;
# the package is built from the files as they are, committed or not. CI's fresh clone is clean.
set -euo pipefail
cd "$(dirname "$0")/.."
# The tests, examples and benchmarks outside server/ are left out by design: cargo's notes that
# it ignores them are not shown.
out="$(cargo package -p errcode-ls --locked --allow-dirty --no-verify 2>&1)" || { echo "$out" >&2; exit 1; }
grep -v '^warning: ignoring' <<<"$out"
listed="$(cargo package -p errcode-ls --locked --allow-dirty --list 2>/dev/null)"
for needed in catalogs/huawei-cloud-ocr.rst src/main.rs src/lib.rs README.md; do
  grep -qx "$needed" <<<"$listed" || { echo "the packaged crate lacks $needed" >&2; exit 1; }
done
# The packaged crate is built as a workspace of its own, which does not see the workspace's
# profile: the same settings are given on the command line so that it reuses the
# dependencies `cargo test` compiled rather than compiling them all again.
cargo publish -p errcode-ls --locked --allow-dirty --dry-run \
  --config 'profile.dev.package."*".opt-level=1' --config 'profile.dev.package."*".debug=false' 2>&1 |
  grep -v '^warning: ignoring'
