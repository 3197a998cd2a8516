"""The Python API (`errcode_ls.api`) as a user calls it, compared with `errcode-ls scan --json`."""

import gzip
import io
import itertools
import os
import pickle
import random
import threading
import time

import pytest
from conftest import CATALOG_FILE, cli_report, renamed

from errcode_ls.api import Catalog, Tally, expand, merge_all, scan, scan_input


def one_file(logs, name):
    return os.path.join(logs.root, name)


def test_a_plain_file_gives_the_commands_report(logs, catalog):
    path = one_file(logs, "app-00.log")
    assert scan(path, catalog=catalog).to_dict() == cli_report(path)


def test_a_gzip_file_is_recognised_by_its_content(logs, catalog):
    path = one_file(logs, "a/rotated.1")
    tally = scan(path, catalog=catalog)
    assert tally.to_dict() == cli_report(path)
    assert tally.counts == {"AIS.0101": 1, "PAY-1001": 1}


def test_bytes_and_gzip_bytes_give_the_same_counts(catalog):
    text = b"AIS.0101 here\nCard declined by the issuer.\nAIS.0199\n"
    plain = scan(text, catalog=catalog, name="x.log")
    packed = scan(gzip.compress(text), catalog=catalog, name="x.log")
    assert plain == packed
    assert plain.counts == {"AIS.0101": 1, "AIS.0199": 1, "PAY-1001": 1}
    assert plain.by_message == {"PAY-1001": 1}
    assert plain.unknown == {"AIS.0199": "unknown"}


class Recording(io.RawIOBase):
    """A binary file object that records the sizes asked of `read`."""

    def __init__(self, data):
        self.inner = io.BytesIO(data)
        self.asked = []
        self.name = "recorded.log.gz"

    def readable(self):
        return True

    def read(self, n=-1):
        self.asked.append(n)
        return self.inner.read(n)


def test_a_file_object_is_read_in_chunks_never_whole(catalog):
    rng = random.Random(3)
    lines = [f"line {i} {rng.choice(['AIS.0101', 'PAY-2002', 'ok'])}" for i in range(200_000)]
    data = gzip.compress("\n".join(lines).encode() + b"\n")
    stream = Recording(data)
    tally = scan(stream, catalog=catalog)
    assert len(data) > 2 * 256 * 1024
    assert len(stream.asked) > 1
    assert all(0 < n <= 256 * 1024 for n in stream.asked), stream.asked[:5]
    assert tally.to_dict()["inputs"] == [{"path": "recorded.log.gz", "lines": 200_000, "bytes": len(gzip.decompress(data))}]
    assert tally == scan(gzip.decompress(data), catalog=catalog, name="recorded.log.gz")


def test_the_interpreter_runs_other_threads_while_scanning(catalog):
    data = b"request AIS.0101 failed, retrying after PAY-1001 and a long tail of text\n" * 600_000
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("tally", scan(data, catalog=catalog)))
    spins = 0
    started = time.perf_counter()
    worker.start()
    while worker.is_alive():
        spins += 1
    elapsed = time.perf_counter() - started
    assert result["tally"].counts == {"AIS.0101": 600_000, "PAY-1001": 600_000}
    # With the lock held for the whole scan, this loop could not run until the scan ended.
    assert spins > 10_000, (spins, elapsed)


def test_merge_in_any_order_and_grouping_gives_the_folders_report(logs, catalog):
    parts = [scan_input(item, catalog) for item in expand(logs.root)]
    rng = random.Random(5)
    for _ in range(6):
        shuffled = parts[:]
        rng.shuffle(shuffled)
        while len(shuffled) > 1:  # random pairs: a random tree
            i = rng.randrange(len(shuffled) - 1)
            shuffled[i : i + 2] = [shuffled[i].merge(shuffled[i + 1])]
        assert shuffled[0].to_dict() == logs.reference
    assert merge_all(reversed(parts)) == merge_all(parts)
    assert Tally().merge(parts[0]) == parts[0] == parts[0] + Tally()


def test_a_folder_skips_hidden_and_binary_files_as_the_command_does(logs):
    names = [os.path.relpath(path, logs.root) for _, path, _ in expand(logs.root)]
    assert ".hidden.log" not in names and not any(n.startswith(".cache") for n in names)
    assert names.index("a/app-01.log.gz") < names.index("a-b/app-02.log")
    scanned = [i["path"] for i in logs.reference["inputs"]]
    assert [os.path.join(logs.root, n) for n in names if n != "core.bin"] == scanned


def test_explicit_files_keep_the_given_order(logs, catalog):
    paths = [one_file(logs, "tail.log"), one_file(logs, "a/app-01.log.gz"), one_file(logs, "app-00.log")]
    parts = [scan_input(item, catalog) for item in expand(paths)]
    assert merge_all(reversed(parts)).to_dict() == cli_report(*paths)


def test_file_urls_stream_through_fsspec(logs, catalog):
    path = one_file(logs, "a/app-01.log.gz")
    tally = scan("file://" + path, catalog=catalog)
    assert tally.to_dict() == renamed(cli_report(path), path, "file://" + path)


def test_tallies_and_catalogs_pickle(logs, catalog):
    tally = scan(one_file(logs, "app-00.log"), catalog=catalog)
    assert pickle.loads(pickle.dumps(tally)) == tally
    again = pickle.loads(pickle.dumps(catalog))
    assert again.paths == [str(CATALOG_FILE)] and again.builtin and len(again) == len(catalog)
    assert scan(b"PAY-1001\n", catalog=again).counts == {"PAY-1001": 1}


def test_to_arrow_has_a_row_per_code_in_report_order(logs):
    import pyarrow as pa

    tally = scan(b"AIS.0101\nAIS.0101 PAY-1001\nAIS.0199\n", catalog=Catalog.load(paths=[str(CATALOG_FILE)]), name="m.log")
    table = tally.to_arrow()
    assert table.column_names == [
        "code", "kind", "count", "by_message", "first_path", "first_line", "last_path", "last_line", "message", "solution",
    ]
    assert table.schema.field("count").type == pa.int64()
    rows = table.to_pylist()
    report = tally.to_dict()["codes"]
    assert [r["code"] for r in rows] == [c["code"] for c in report] == ["AIS.0101", "PAY-1001", "AIS.0199"]
    assert rows[0] == {
        "code": "AIS.0101", "kind": "known", "count": 2, "by_message": 0,
        "first_path": "m.log", "first_line": 1, "last_path": "m.log", "last_line": 2,
        "message": "The input parameter is invalid.", "solution": report[0]["solution"],
    }
    assert rows[2]["message"] is None and rows[2]["kind"] == "unknown"


def test_the_default_catalog_is_the_builtin_one():
    assert scan(b"AIS.0101 PAY-1001\n").counts == {"AIS.0101": 1}
    assert Catalog.load(builtin=False, paths=[str(CATALOG_FILE)]).builtin is False
    assert scan(b"AIS.0101 PAY-1001\n", catalog=Catalog.load(paths=[str(CATALOG_FILE)], builtin=False)).counts == {"PAY-1001": 1}


def test_bad_input_raises_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.log"):
        scan(str(tmp_path / "missing.log"))
    with pytest.raises(FileNotFoundError, match="nope.md"):
        Catalog.load(paths=[str(tmp_path / "nope.md")])
    with pytest.raises(TypeError, match="path, bytes or a binary file object"):
        scan(42)
    with pytest.raises(TypeError, match="binary mode"):
        scan(io.StringIO("AIS.0101\n"))
    with pytest.raises(FileNotFoundError, match="absent"):
        expand([str(tmp_path / "absent")])


class Failing(io.RawIOBase):
    """A file object whose second read fails, as a dropped network stream does."""

    def __init__(self):
        self.reads = 0

    def readable(self):
        return True

    def read(self, n=-1):
        self.reads += 1
        if self.reads > 1:
            raise ConnectionResetError("the stream was cut")
        return gzip.compress(b"AIS.0101\n" * 10)[:20]


def test_an_error_of_the_file_object_reaches_the_caller_unchanged():
    with pytest.raises(ConnectionResetError, match="the stream was cut"):
        scan(Failing())


def test_the_timeline_merges_into_the_commands(logs, catalog):
    parts = [scan_input(item, catalog, timeline=True, syslog_year=2026) for item in expand(logs.root)]
    random.Random(11).shuffle(parts)
    merged = merge_all(parts)
    auto = cli_report(logs.root, options=["--timeline", "--syslog-year", "2026"])
    assert merged.to_dict() == auto
    assert auto["timeline"]["series"] and auto["timeline"]["untimed"] > 0
    five = cli_report(logs.root, options=["--timeline", "--bucket", "5m", "--syslog-year", "2026"])
    assert pickle.loads(pickle.dumps(merged)).to_dict("5m") == five
    assert "timeline" not in scan(b"AIS.0101\n").to_dict()
    with pytest.raises(ValueError, match="expected 1m, 5m, 1h, 1d or auto"):
        merged.to_dict("7x")
