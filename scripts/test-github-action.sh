#!/usr/bin/env bash
# Runs the GitHub Action's script (scripts/github-action.sh) as action.yml does, against the
# debug binary and the fixtures, and checks its outputs. Closes with "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-$PWD/target}"
export ERRCODE_LS="$target/debug/errcode-ls" NO_COLOR=1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/repo/src" "$work/clean"
cp tests/fixtures/terminal/typo.py tests/fixtures/terminal/switch.py "$work/repo/src/"
printf 'code = "AIS.0101"\n' >"$work/clean/ok.py"
passed=0
failed=0
verdict() {
  if [ "$1" = ok ]; then passed=$((passed + 1)); echo "ok   $2"; else failed=$((failed + 1)); echo "FAIL $2"; fi
}

# Findings: the check step succeeds, writes SARIF and the count; the verdict step fails.
out="$work/output-findings"
if (cd "$work/repo" && GITHUB_OUTPUT="$out" ERRCODE_PATHS="src" ERRCODE_SARIF="$work/findings.sarif" \
  "$OLDPWD/scripts/github-action.sh" check >/dev/null); then
  verdict ok "check step succeeds when there are findings (the upload must still run)"
else
  verdict fail "check step failed on findings"
fi
grep -qx "findings=2" "$out" && verdict ok "findings=2 written to GITHUB_OUTPUT" || verdict fail "GITHUB_OUTPUT: $(cat "$out")"
python3 - "$work/findings.sarif" <<'PY' && verdict ok "SARIF 2.1.0 with both results and their rules" || verdict fail "SARIF content"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
rules = sorted(r["ruleId"] for r in log["runs"][0]["results"])
assert rules == ["unhandled-codes", "unknown-code"], rules
uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
assert uris == {"src/typo.py", "src/switch.py"}, uris
PY
if ERRCODE_FINDINGS=2 ERRCODE_FAIL=true scripts/github-action.sh verdict 2>/dev/null; then
  verdict fail "verdict passed with findings"
else
  verdict ok "verdict fails the job on findings"
fi
ERRCODE_FINDINGS=2 ERRCODE_FAIL=false scripts/github-action.sh verdict &&
  verdict ok "fail-on-findings: false lets the job pass" || verdict fail "fail-on-findings: false ignored"

# No findings: everything passes.
out="$work/output-clean"
(cd "$work/clean" && GITHUB_OUTPUT="$out" ERRCODE_SARIF="$work/clean.sarif" "$OLDPWD/scripts/github-action.sh" check >/dev/null) &&
  grep -qx "findings=0" "$out" && ERRCODE_FINDINGS=0 scripts/github-action.sh verdict &&
  verdict ok "a clean repository passes with findings=0" || verdict fail "clean repository"

# A path that does not exist is an error of the check step itself.
if (cd "$work/clean" && ERRCODE_PATHS="nowhere" ERRCODE_SARIF="$work/x.sarif" \
  "$OLDPWD/scripts/github-action.sh" check >/dev/null 2>&1); then
  verdict fail "a missing path passed"
else
  verdict ok "an unusable input fails the check step"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
