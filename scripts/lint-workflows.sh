#!/usr/bin/env bash
# actionlint over .github/workflows/ (and the composite action's YAML is read by GitHub only).
# The release's cross-target jobs cannot run here; this is what checks them.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(scripts/python-tools.sh)"
"$tools/bin/actionlint" -color=false
echo "workflows: actionlint found nothing"
