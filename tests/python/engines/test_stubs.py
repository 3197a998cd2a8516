"""The type stubs describe the installed module: mypy accepts correct use and rejects a wrong one."""

import sys
import textwrap

from mypy import api


def check(tmp_path, source):
    path = tmp_path / "use.py"
    path.write_text(textwrap.dedent(source))
    out, err, status = api.run(["--python-executable", sys.executable, "--no-incremental", str(path)])
    return status, out + err


def test_correct_use_type_checks(tmp_path):
    status, out = check(tmp_path, """
        from errcode_ls.api import Catalog, Tally, scan
        catalog = Catalog.load(paths=["errors.md"], builtin=False)
        tally: Tally = scan(b"AIS.0101", catalog, name="x.log").merge(Tally())
        total: int = tally.counts["AIS.0101"] + tally.lines
        kind: str = tally.unknown["AIS.0199"]
        report: dict = tally.to_dict()
    """)
    assert status == 0, out


def test_a_wrong_type_is_reported(tmp_path):
    status, out = check(tmp_path, """
        from errcode_ls.api import scan
        lines: str = scan(b"x").lines
    """)
    assert status == 1 and 'expression has type "int", variable has type "str"' in out, out
