"""Shared fixtures of the Python API and engine tests: a generated folder of plain and gzip
logs, the reference report (`errcode-ls scan --json` on it, from the installed package's
command), and a local S3 stand-in (moto's server on 127.0.0.1) holding the same files.

Nothing here reaches a host other than 127.0.0.1: credentials are dummies, the instance
metadata lookup is off, and Ray's usage report is disabled before any engine starts.
"""

import gzip
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# Set before any engine starts, so that every worker process inherits them.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_DEFAULT_REGION="us-east-1",
    AWS_EC2_METADATA_DISABLED="true",
    RAY_USAGE_STATS_ENABLED="0",
    SPARK_LOCAL_IP="127.0.0.1",
    PYSPARK_PYTHON=sys.executable,
    PYSPARK_DRIVER_PYTHON=sys.executable,
    NO_COLOR="1",
)

REPO = Path(__file__).resolve().parents[3]
CATALOG_FILE = REPO / "tests" / "fixtures" / "scan" / "payments.md"
COMMAND = os.environ.get("ERRCODE_LS_PATH") or str(Path(sys.executable).with_name("errcode-ls"))

# What log lines say: known codes of the built-in catalog and of payments.md, an unknown code of
# a known namespace, a foreign code in an error body, catalog messages without their codes.
LINES = [
    "{t} ERROR ocr request failed: AIS.0101 (retrying)",
    "{t} WARN upstream said AIS.0199 twice: AIS.0199",
    '{t} ERROR body={{"error": {{"code": "OBS.0403", "message": "denied"}}}}',
    '{t} ERROR {{"error_code": "SHOP.7001", "error_msg": "out of stock"}}',
    "{t} ERROR charge failed PAY-1001",
    "{t} ERROR charge refused: Card declined by the issuer.",
    "{t} ERROR limit: PAY-2002 Amount 300 exceeds the daily limit.",
    "{t} ERROR The input parameter is invalid.",
    "{t} ERROR both AIS.0101 and PAY-1001 on one line",
    "{t} INFO request served in 12 ms",
    "{t} INFO GET /health 200",
    "{t} DEBUG cache hit ratio 0.93",
]


@dataclass
class Logs:
    root: str
    #: `errcode-ls scan --json` on `root`.
    reference: dict


@dataclass
class S3:
    url: str
    storage_options: dict


def cli_report(*paths, options=()):
    """`errcode-ls scan --json --catalog payments.md [OPTIONS…] PATHS…`, run where no
    errcode.toml applies."""
    work = tempfile.mkdtemp()
    env = {**os.environ, "XDG_CONFIG_HOME": work, "HOME": work}
    out = subprocess.run(
        [COMMAND, "scan", "--json", "--catalog", str(CATALOG_FILE), *options, *map(str, paths)],
        capture_output=True, text=True, cwd=work, env=env, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def renamed(report, old, new):
    """`report` with each input path starting with `old` starting with `new` instead."""
    def name(path):
        assert path.startswith(old), path
        return new + path[len(old):]

    text = json.dumps(report)
    report = json.loads(text)
    for item in report["inputs"]:
        item["path"] = name(item["path"])
    for code in report["codes"]:
        code["first"]["path"] = name(code["first"]["path"])
        code["last"]["path"] = name(code["last"]["path"])
    return report


def write_log(path, lines, compress):
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(line + "\n" for line in lines).encode()
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)


def generate(root, seed=17, files=24):
    """A folder of `files` logs, half gzip, in nested folders whose names sort differently as
    strings and as paths (`a/` before `a-b/`), plus what a folder scan skips (hidden entries,
    a binary file) and edge cases (an empty file, no final newline, gzip without `.gz`)."""
    rng = random.Random(seed)
    folders = ["", "a", "a-b", "a/deep"]
    for n in range(files):
        lines = []
        for i in range(rng.randint(50, 400)):
            stamp = f"2026-03-01T10:{(i // 60) % 60:02d}:{i % 60:02d}Z"
            lines.append(rng.choice(LINES).format(t=stamp))
        folder = folders[n % len(folders)]
        compress = n % 2 == 1
        name = f"app-{n:02d}.log" + (".gz" if compress else "")
        write_log(root / folder / name, lines, compress)
    write_log(root / "a" / "rotated.1", [LINES[0].format(t="x"), LINES[4].format(t="y")], True)
    (root / "a-b" / "empty.log").write_bytes(b"")
    (root / "tail.log").write_bytes(b"first line\nlast AIS.0101 without newline")
    write_log(root / ".hidden.log", [LINES[0].format(t="hidden")] * 3, False)
    write_log(root / ".cache" / "app.log", [LINES[4].format(t="hidden")] * 3, False)
    (root / "core.bin").write_bytes(b"\x00\x01" + LINES[0].format(t="binary").encode() + b"\n")


@pytest.fixture(scope="session")
def logs(tmp_path_factory):
    root = tmp_path_factory.mktemp("engines") / "logs"
    generate(root)
    return Logs(root=str(root), reference=cli_report(root))


@pytest.fixture(scope="session")
def catalog():
    from errcode_ls.api import Catalog

    return Catalog.load(paths=[str(CATALOG_FILE)])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def s3(logs):
    """moto's S3 server on 127.0.0.1 with the log folder under `s3://logs/2026/`."""
    import boto3
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket="logs")
    for path in sorted(Path(logs.root).rglob("*")):
        if path.is_file():
            client.upload_file(str(path), "logs", "2026/" + path.relative_to(logs.root).as_posix())
    options = {"endpoint_url": endpoint, "key": "testing", "secret": "testing"}
    yield S3(url="s3://logs/2026", storage_options=options)
    server.stop()
