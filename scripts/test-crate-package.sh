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
profile=(--config 'profile.dev.package."*".opt-level=1' --config 'profile.dev.package."*".debug=false')
cargo publish -p errcode-ls --locked --allow-dirty --dry-run "${profile[@]}" 2>&1 | grep -v '^warning: ignoring'

# Install from the packaged sources, as `cargo install errcode-ls` does from the registry (a
# debug build: it reuses the dry run's), and use the installed command.
target="${CARGO_TARGET_DIR:-$PWD/target}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
root="$(mktemp -d)"
trap 'rm -rf "$root"' EXIT
cargo install --quiet --locked --offline --debug --path "$target/package/errcode-ls-$version" --root "$root" \
  "${profile[@]}"
explained="$("$root/bin/errcode-ls" explain AIS.0101)"
grep -q "The input parameter is invalid." <<<"$explained" ||
  { echo "the installed crate's explain failed" >&2; exit 1; }
status=0
(cd tests/fixtures/terminal && NO_COLOR=1 "$root/bin/errcode-ls" check --format concise typo.py >"$root/check.out" 2>&1) || status=$?
[ "$status" -eq 1 ] && grep -q '^typo.py:4:19: warning\[unknown-code\]' "$root/check.out" ||
  { echo "the installed crate's check failed (exit $status)" >&2; cat "$root/check.out" >&2; exit 1; }
echo "crate: packaged, dry-run published, installed; explain and check work from the installed copy"
