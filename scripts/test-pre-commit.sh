#!/usr/bin/env bash
# Checks the pre-commit hooks of .pre-commit-hooks.yaml as a user meets them: in a temporary
# git repository whose pre-commit hook runs `pre-commit try-repo` on this checkout, a commit
# of a file with a mistyped code is refused and a clean one goes through.
#
#   scripts/test-pre-commit.sh [HOOK_ID...]   (default: both hooks)
#
# `errcode-ls-system` runs the debug binary (put on PATH); `errcode-ls` lets pre-commit build
# and install the package from this checkout with pip (a debug build in the shared target dir).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
tools="$(scripts/python-tools.sh)"
target="${CARGO_TARGET_DIR:-$PWD/target}"
export CARGO_TARGET_DIR="$target"
export MATURIN_PEP517_ARGS="--profile dev"
export PATH="$target/debug:$tools/bin:$PATH"
export NO_COLOR=1
hooks=("$@")
[ "${#hooks[@]}" -gt 0 ] || hooks=(errcode-ls-system errcode-ls)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
verdict() {
  if [ "$1" = ok ]; then passed=$((passed + 1)); echo "ok   $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi
}

for hook in "${hooks[@]}"; do
  project="$work/$hook"
  mkdir -p "$project"
  git -C "$project" init --quiet
  git -C "$project" config user.name test
  git -C "$project" config user.email test@example.invalid
  cat >"$project/.git/hooks/pre-commit" <<HOOK
#!/usr/bin/env bash
exec pre-commit try-repo "$repo" $hook
HOOK
  chmod +x "$project/.git/hooks/pre-commit"

  cp tests/fixtures/terminal/typo.py "$project/client.py"
  git -C "$project" add client.py
  if git -C "$project" commit --quiet -m "a mistyped code" >"$work/out" 2>&1; then
    verdict fail "$hook: a commit with a mistyped code was let through"
    cat "$work/out"
  elif grep -q "client.py:4:19: warning\[unknown-code\]" "$work/out"; then
    verdict ok "$hook: a commit with a mistyped code is refused, naming the finding"
  else
    verdict fail "$hook: the commit was refused for another reason"
    cat "$work/out"
  fi

  sed -i 's/APIG.0380/APIG.0308/' "$project/client.py"
  git -C "$project" add client.py
  if git -C "$project" commit --quiet -m "the right code" >"$work/out" 2>&1; then
    verdict ok "$hook: a clean commit goes through"
  else
    verdict fail "$hook: a clean commit was refused"
    cat "$work/out"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
