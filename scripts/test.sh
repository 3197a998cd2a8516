#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit and end-to-end tests, docutils agreement, the
# packages (crate, wheel, pre-commit hook, GitHub Action, workflows linted), and
# the editor integrations in real editors. Installs what it needs; safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "formatting (cargo fmt --check)"
cargo fmt --all -- --check

step "lints (cargo clippy)"
cargo clippy --all-targets --locked -- -D warnings

step "unit and end-to-end tests (cargo test)"
tests/gen/install-tools.sh  # compilers that check generated code (tests/gen.rs)
cargo test --locked

step "the RST importer agrees with docutils"
tests/docutils/check.sh

step "Neovim plugin in headless Neovim 0.11"
ERRCODE_LS_PATH="$PWD/target/debug/errcode-ls" editors/nvim/test/run.sh

step "VS Code extension in code-server, driven by headless Chromium"
ERRCODE_LS_PATH="$PWD/target/debug/errcode-ls" editors/vscode/test/run.sh

step "workflows pass actionlint"
scripts/lint-workflows.sh

step "the crate packages and its publish dry run builds"
scripts/test-crate-package.sh

step "the Python wheel installs into a fresh virtualenv and runs"
scripts/test-python-package.sh

step "the Python API, and the Dask, Spark and Ray adapters against scan --json (local and S3)"
scripts/test-python-engines.sh

step "pre-commit hook blocks a bad commit, passes a clean one"
# (the `errcode-ls` hook, which builds the package from the checkout, takes minutes:
# run `scripts/test-pre-commit.sh errcode-ls` for it)
scripts/test-pre-commit.sh errcode-ls-system

step "GitHub Action script"
scripts/test-github-action.sh

step "the HTML scan report in headless Chromium"
node tests/report/check.js "$PWD/target/debug/errcode-ls" "$PWD/target/report-check"

step "fuzzing smoke run (${FUZZ_SECONDS:-10}s per target; fuzz/run.sh for long runs)"
fuzz/run.sh "${FUZZ_SECONDS:-10}"
