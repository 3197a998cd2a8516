#!/usr/bin/env python3
"""Measures how the importer agrees with docutils on a folder of RST pages.

    python3 agree.py PATH-TO-errcode-ls FOLDER [--html]

For every `.rst` page under FOLDER: docutils' reading of its error-code tables (tables with an
`Error Code`/`Code` column; see seed_cells.py for how cells are rendered) against the
importer's (`errcode-ls codes --json --no-builtin --catalog PAGE`). Codes are counted by rows:
a row whose code cell holds a code is expected, and imported when the importer lists that
code. For the first row of each imported code, every other non-empty cell is compared with the
importer's reading: equal when one of the fields (message, description, solution, HTTP status,
category or an extra column) of one of the code's entries — a code listed on several rows with
other text is kept once per variant — is exactly the cell. Rows that repeat a code with the same
text are merged by the importer and counted apart. Prints one line per page
with codes imported/expected, cells equal/compared and the importer's time, then the totals,
the slowest page, and each differing cell.

With `--html`, each page is first exported to HTML by docutils' html5 writer and the importer
reads that export instead: the HTML importer measured against the same docutils reading.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import seed_cells  # noqa: E402  (registers the Sphinx roles and directives)

CODE_KEYS = {"code", "errorcode", "errcode", "errorcodes", "codes", "returncode", "errorid", "id"}


def key(header):
    return re.sub(r"[^0-9a-z]", "", header.lower())


def looks_like_code(cell):
    cell = cell.strip().strip("*`").strip()
    return bool(cell) and len(cell) <= 80 and not any(c.isspace() for c in cell) and any(c.isalnum() for c in cell)


def expected_rows(tables):
    """(code, {header: cell}) for every code row of every error-code table."""
    for table in tables:
        keys = [key(h) for h in table["header"]]
        column = next((i for i, k in enumerate(keys) if k in CODE_KEYS), None)
        if column is None:
            continue
        for row in table["rows"]:
            code = row[column].strip().strip("*`").strip()
            if looks_like_code(row[column]):
                others = {
                    table["header"][i]: cell
                    for i, cell in enumerate(row)
                    if i != column and cell.strip()
                }
                yield code, others


def importer_reading(binary, page):
    start = time.perf_counter()
    run = subprocess.run(
        [binary, "codes", "--json", "--no-builtin", "--catalog", page],
        capture_output=True, text=True, check=False,
    )
    elapsed = time.perf_counter() - start
    try:
        codes = json.loads(run.stdout).get("codes", [])
    except json.JSONDecodeError:
        codes = []
    entries = {}
    for entry in codes:
        entries.setdefault(entry["code"], []).append(entry)
    return entries, elapsed


def export_html(page, folder):
    """The page as docutils' html5 writer exports it, written into `folder`."""
    import docutils.core

    with open(page, encoding="utf-8") as f:
        source = f.read()
    html = docutils.core.publish_string(
        source, source_path=page, writer_name="html5",
        settings_overrides={"report_level": 5, "halt_level": 5, "output_encoding": "unicode"},
    )
    target = os.path.join(folder, os.path.basename(page)[: -len(".rst")] + ".html")
    with open(target, "w", encoding="utf-8") as f:
        f.write(html)
    return target


def main(binary, folder, html=False):
    scratch = tempfile.TemporaryDirectory()
    pages = sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(folder)
        for name in names
        if name.endswith(".rst")
    )
    totals = {"pages": 0, "full": 0, "expected": 0, "imported": 0, "compared": 0, "equal": 0, "repeated": 0}
    slowest = (0.0, "")
    differences = []
    for page in pages:
        try:
            tables = seed_cells.read(page)
        except Exception as error:  # a page docutils itself cannot read is skipped, and said so
            print(f"skipped (docutils: {error}): {page}")
            continue
        rows = list(expected_rows(tables))
        if not rows:
            continue
        entries, elapsed = importer_reading(binary, export_html(page, scratch.name) if html else page)
        expected = len(rows)
        imported = compared = equal = repeated = 0
        seen = set()
        for code, cells in rows:
            variants = entries.get(code)
            if variants is None:
                differences.append((page, code, "(code)", code, "not imported"))
                continue
            imported += 1
            # A row repeating an earlier row of the same code word for word is merged.
            row_key = (code, tuple(sorted(cells.items())))
            if row_key in seen:
                repeated += 1
                continue
            seen.add(row_key)
            # The row's cells must all be found in one variant of the code.
            def fields_of(entry):
                fields = [entry.get(f) or "" for f in ("message", "description", "solution", "status")]
                return fields + [entry.get("category") or ""] + list((entry.get("extra") or {}).values())
            best = max(
                (fields_of(entry) for entry in variants),
                key=lambda fields: sum(cell in fields for cell in cells.values()),
            )
            for header, cell in cells.items():
                compared += 1
                if cell in best:
                    equal += 1
                else:
                    differences.append((page, code, header, cell, best))
        totals["pages"] += 1
        totals["full"] += imported == expected
        totals["expected"] += expected
        totals["imported"] += imported
        totals["compared"] += compared
        totals["equal"] += equal
        totals["repeated"] += repeated
        slowest = max(slowest, (elapsed, page))
        rel = os.path.relpath(page, folder)
        extra = f", {repeated} identical repeated rows" if repeated else ""
        print(f"{rel}: codes {imported}/{expected}, cells {equal}/{compared}{extra}, {elapsed * 1000:.0f} ms")
    t = totals
    print(
        f"\nTOTAL: {t['pages']} pages, {t['full']} fully imported; codes {t['imported']}/{t['expected']}; "
        f"cells {t['equal']}/{t['compared']} ({t['repeated']} identical repeated rows merged); slowest {slowest[0] * 1000:.0f} ms "
        f"({os.path.relpath(slowest[1], folder) if slowest[1] else '-'})"
    )
    for page, code, header, cell, got in differences:
        print(f"\nDIFF {os.path.relpath(page, folder)} {code} [{header}]\n  docutils: {cell!r}\n  importer: {got!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], html="--html" in sys.argv[3:]))
