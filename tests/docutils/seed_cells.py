#!/usr/bin/env python3
"""Reads an RST page with docutils (the reference parser) and prints every grid-table cell as
the Markdown that errcode-ls's importer must produce for it, as JSON.

    python3 seed_cells.py ../../server/catalogs/huawei-cloud-ocr.rst > seed-cells.json

The output is checked in; the `seed_matches_docutils` test compares the importer with it, and
`check.sh` regenerates it with docutils to prove it is docutils' reading.
"""
import json
import sys

import docutils.core
import docutils.nodes as n
from docutils.parsers.rst import roles


def sphinx_ref(name, rawtext, text, lineno, inliner, options=None, content=None):
    """`:ref:` is Sphinx's; like Sphinx, show the title of `Title <target>`."""
    title = text
    if text.endswith(">") and "<" in text:
        title = text[: text.rindex("<")].rstrip()
    return [n.Text(title)], []


roles.register_local_role("ref", sphinx_ref)


def inline(node):
    out = []
    for child in node.children:
        if isinstance(child, n.Text):
            out.append(str(child).replace("\n", " "))
        elif isinstance(child, n.strong):
            out.append("**" + inline(child) + "**")
        elif isinstance(child, n.emphasis) or isinstance(child, n.title_reference):
            out.append("*" + inline(child) + "*")
        elif isinstance(child, n.literal):
            out.append("`" + child.astext() + "`")
        elif isinstance(child, n.reference):
            uri = child.get("refuri")
            text = inline(child)
            out.append(f"[{text}]({uri})" if uri and "://" in uri else text)
        elif isinstance(child, n.target):
            continue
        else:
            out.append(inline(child))
    return "".join(out)


def blocks(node, indent=""):
    rendered = [block(child, indent) for child in node.children if not isinstance(child, n.system_message)]
    return f"\n\n{indent}".join(rendered)


def block(node, indent):
    if isinstance(node, n.paragraph):
        return inline(node)
    if isinstance(node, (n.bullet_list, n.enumerated_list)):
        items = []
        for k, item in enumerate(node.children):
            marker = "- " if isinstance(node, n.bullet_list) else f"{k + 1}. "
            items.append(marker + blocks(item, indent + " " * len(marker)))
        return f"\n{indent}".join(items)
    if isinstance(node, n.literal_block):
        body = node.astext().replace("\n", "\n" + indent)
        return f"```\n{indent}{body}\n{indent}```"
    if isinstance(node, n.block_quote):
        return "> " + blocks(node, indent + "> ")
    raise SystemExit(f"unexpected node in a cell: {node.tagname}")


def main(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    doctree = docutils.core.publish_doctree(
        source, settings_overrides={"report_level": 5, "halt_level": 5}
    )
    tables = []
    for table in doctree.findall(n.table):
        group = table.next_node(n.tgroup)
        head = group.next_node(n.thead)
        body = group.next_node(n.tbody)
        header = [inline(entry.next_node(n.paragraph)) if entry.children else "" for entry in head.next_node(n.row).children]
        columns = len(group.findall(n.colspec) and list(group.findall(n.colspec)))
        # Place entries on a grid: a cell spanning rows (morerows) gives its text to each row it
        # spans, a cell spanning columns (morecols) belongs to its first column.
        pending = {}  # column -> (rows left, text)
        rows = []
        for row in body.children:
            cells = [None] * columns
            for column, (left, text) in list(pending.items()):
                cells[column] = text
                if left == 1:
                    del pending[column]
                else:
                    pending[column] = (left - 1, text)
            column = 0
            for entry in row.children:
                while cells[column] is not None:
                    column += 1
                text = blocks(entry)
                cells[column] = text
                for extra in range(1, entry.get("morecols", 0) + 1):
                    cells[column + extra] = ""
                if entry.get("morerows", 0):
                    pending[column] = (entry["morerows"], text)
                column += 1 + entry.get("morecols", 0)
            rows.append([c or "" for c in cells])
        tables.append({"header": header, "rows": rows})
    json.dump(tables, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
