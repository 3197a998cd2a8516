#!/usr/bin/env bash
# Installs the compilers and checkers `tests/gen.rs` runs on generated code, where a registry
# has them: Go, PHP and Kotlin from Debian, TypeScript and Prettier from npm, mypy and Black
# from PyPI. rustc, javac and
# python3 come with the build machine. .NET is not packaged by Debian, so C# is not compiled.
# Idempotent and quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v go >/dev/null || missing+=(golang-go)
command -v php >/dev/null || missing+=(php-cli)
command -v kotlinc >/dev/null || missing+=(kotlin)
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Tools of the test's own, kept in one folder the test looks in (target/gen-tools).
tools="target/gen-tools"
mkdir -p "$tools"
if [[ ! -x "$tools/node_modules/.bin/tsc" || ! -x "$tools/node_modules/.bin/prettier" ]]; then
  npm install --prefix "$tools" --no-audit --no-fund --silent typescript@5 prettier@3 >/dev/null
fi
if [[ ! -x "$tools/venv/bin/mypy" || ! -x "$tools/venv/bin/black" ]]; then
  [[ -x "$tools/venv/bin/pip" ]] || python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet mypy black
fi
