#!/usr/bin/env bash
# The Python API and the engine adapters: builds the wheel (dev profile, sharing cargo's target
# dir), installs it with Dask, Spark, Ray, pyarrow, fsspec/s3fs and moto into a virtualenv under
# the target dir, and runs tests/python/engines with pytest: the API and its type stubs (mypy),
# then Dask (LocalCluster of 2 workers), Spark (local[2]) and Ray (local), each on a generated
# log folder and on s3:// URLs served by moto on 127.0.0.1. Installs a Java runtime from
# Debian when none is there (Spark needs one). Idempotent: pip only runs when a package is missing. Prints the step's wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
target="${CARGO_TARGET_DIR:-$PWD/target}"
base="$target/python-engines"
venv="$base/venv"

if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >&2
fi
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
if ! "$venv/bin/python" -c "import maturin, pytest, mypy, dask.bag, distributed, pyspark, ray, pyarrow, fsspec, s3fs, boto3, moto.server" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "maturin>=1.9,<2" "pytest>=8" "dask[bag,distributed]>=2024.8" "pyspark>=4,<5" "ray>=2.40,<3" \
    "pyarrow>=16" "mypy>=1.10" "fsspec>=2024.6" "s3fs>=2024.6" "moto[server]>=5,<6"
fi

wheels="$base/wheels"
rm -rf "$wheels"
"$venv/bin/maturin" build --quiet --profile dev --out "$wheels"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/errcode_ls-*.whl

"$venv/bin/python" -m pytest -q -p no:cacheprovider tests/python/engines
echo "python API and engine tests: $(($(date +%s) - started)) s wall time"
