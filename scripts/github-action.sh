#!/usr/bin/env bash
# The steps of the GitHub Action (action.yml), kept here so they can be run and tested
# outside GitHub (scripts/test-github-action.sh).
#
#   github-action.sh check     runs `errcode-ls check --format sarif` on $ERRCODE_PATHS
#                              (space-separated; default .) with $ERRCODE_CONFIG if set, writes
#                              $ERRCODE_SARIF, and `findings=N` to $GITHUB_OUTPUT. Findings do
#                              not fail this step (the upload comes next); errors do.
#   github-action.sh verdict   fails when $ERRCODE_FINDINGS > 0 and $ERRCODE_FAIL is true.
set -euo pipefail
command="${ERRCODE_LS:-errcode-ls}"

case "${1:-}" in
  check)
    read -r -a paths <<<"${ERRCODE_PATHS:-.}"
    [ "${#paths[@]}" -gt 0 ] || paths=(.)
    args=(check --format sarif)
    [ -n "${ERRCODE_CONFIG:-}" ] && args+=(--config "$ERRCODE_CONFIG")
    sarif="${ERRCODE_SARIF:-errcode-ls.sarif}"
    status=0
    "$command" "${args[@]}" "${paths[@]}" >"$sarif" || status=$?
    if [ "$status" -gt 1 ]; then
      echo "::error title=errcode-ls::errcode-ls check failed (exit $status); see the log above" >&2
      exit "$status"
    fi
    findings="$(python3 -c 'import json, sys; print(sum(len(r["results"]) for r in json.load(open(sys.argv[1]))["runs"]))' "$sarif")"
    echo "findings=$findings" >>"${GITHUB_OUTPUT:-/dev/null}"
    echo "errcode-ls: $findings finding(s); SARIF written to $sarif"
    ;;
  verdict)
    findings="${ERRCODE_FINDINGS:-0}"
    if [ "${ERRCODE_FAIL:-true}" = true ] && [ "$findings" -gt 0 ]; then
      echo "::error title=errcode-ls::$findings finding(s); see code scanning or run errcode-ls check" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 check|verdict" >&2
    exit 2
    ;;
esac
