#!/usr/bin/env bash
# Sets up errcode-ls (a release build) and runs its main job on the built-in catalog: explain a
# few codes, then check the example project for unknown or mistyped codes.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> building errcode-ls (release)"
cargo build --release --locked
bin=target/release/errcode-ls
"$bin" --version

echo
echo "==> errcode-ls explain AIS.0101 APIG.0308"
"$bin" explain AIS.0101 APIG.0308

echo
echo "==> errcode-ls check examples/   (exit status 1 means problems were found)"
"$bin" check examples/ || true
