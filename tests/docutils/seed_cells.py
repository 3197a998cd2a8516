#!/usr/bin/env python3
"""Reads an RST page with docutils (the reference parser) and prints every table — grid,
simple, list-table, csv-table, inside `.. table::` or not — with each cell as the Markdown that
errcode-ls's importer must produce for it, as JSON.

    python3 seed_cells.py ../../server/catalogs/huawei-cloud-ocr.rst > seed-cells.json

Cells are rendered from docutils' nodes by their visible text (escapes resolved), so the
reading is the page's, not docutils' internal markers. A node kind the importer does not render
shows up as `<unsupported:NAME>`, which no importer output matches. Sphinx roles and the
`code-block` directive are registered as Sphinx defines them, since the pages are Sphinx sources.

The output for the fixtures is checked in; `tests/catalog.rs` compares the importer with it,
and `check.sh` regenerates it with docutils to prove it is docutils' reading.
"""
import json
import sys

import docutils.core
import docutils.nodes as n
from docutils.parsers.rst import directives, roles
from docutils.parsers.rst.directives.admonitions import BaseAdmonition
from docutils.parsers.rst.directives.body import CodeBlock


def title_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Sphinx's cross-reference roles show the title of `Title <target>`."""
    title = n.unescape(text)
    if title.endswith(">") and "<" in title:
        title = title[: title.rindex("<")].rstrip()
    return [n.Text(title)], []


def literal_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """Sphinx's `:command:`, `:file:`, `:samp:` render as literals."""
    return [n.literal(rawtext, n.unescape(text))], []


for role in ("ref", "doc", "term", "numref", "guilabel", "menuselection", "kbd", "abbr", "program",
             "option", "envvar", "keyword", "dfn", "mimetype", "class", "func", "meth", "mod"):
    roles.register_local_role(role, title_role)
for role in ("command", "file", "samp"):
    roles.register_local_role(role, literal_role)


class SeeAlso(BaseAdmonition):
    """Sphinx's `seealso`: an admonition titled "See also"."""

    node_class = n.admonition

    def run(self):
        (node,) = super().run()
        node.insert(0, n.title("See also", "See also"))
        return [node]


directives.register_directive("code-block", CodeBlock)
directives.register_directive("sourcecode", CodeBlock)
directives.register_directive("seealso", SeeAlso)

ADMONITIONS = {
    n.note: "Note", n.important: "Important", n.warning: "Warning", n.caution: "Caution",
    n.tip: "Tip", n.hint: "Hint", n.attention: "Attention", n.danger: "Danger", n.error: "Error",
}
INVISIBLE = (n.system_message, n.target, n.comment, n.substitution_definition, n.title)


def inline(node):
    out = []
    for child in node.children:
        if isinstance(child, n.Text):
            out.append(child.astext().replace("\n", " "))
        elif isinstance(child, n.strong):
            out.append("**" + inline(child) + "**")
        elif isinstance(child, (n.emphasis, n.title_reference)):
            out.append("*" + inline(child) + "*")
        elif isinstance(child, n.literal):
            out.append("`" + child.astext() + "`")
        elif isinstance(child, n.reference):
            uri = child.get("refuri")
            text = inline(child)
            out.append(f"[{text}]({uri})" if uri and "://" in uri else text)
        elif isinstance(child, (n.target, n.system_message, n.problematic)):
            if isinstance(child, n.problematic):
                out.append(child.astext())
        elif isinstance(child, n.inline):
            out.append(inline(child))
        else:
            out.append(f"<unsupported:{child.tagname}>")
    return "".join(out)


def blocks(node, indent=""):
    rendered = [block(child, indent) for child in node.children if not isinstance(child, INVISIBLE)]
    return f"\n{indent}\n{indent}".join(rendered)


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
    title = ADMONITIONS.get(type(node))
    if title is None and isinstance(node, n.admonition):
        title = inline(node.next_node(n.title))
    if title is not None:
        inner = indent + "> "
        body = blocks(node, inner)
        return f"> **{title}**" + (f"\n{inner}\n{inner}{body}" if body else "")
    return f"<unsupported:{node.tagname}>"


def cell(entry):
    """A cell's Markdown, without trailing whitespace on any line."""
    return "\n".join(line.rstrip() for line in blocks(entry).split("\n"))


def place(rows, columns):
    """Puts entries on a grid: a cell spanning rows (morerows) gives its text to each row it
    spans, a cell spanning columns (morecols) belongs to its first column."""
    pending = {}  # column -> (rows left, text)
    placed = []
    for row in rows:
        cells = [None] * columns
        for column, (left, text) in list(pending.items()):
            cells[column] = text
            if left == 1:
                del pending[column]
            else:
                pending[column] = (left - 1, text)
        column = 0
        for entry in row.children:
            while column < columns and cells[column] is not None:
                column += 1
            text = cell(entry)
            cells[column] = text
            for extra in range(1, entry.get("morecols", 0) + 1):
                cells[column + extra] = ""
            if entry.get("morerows", 0):
                pending[column] = (entry["morerows"], text)
            column += 1 + entry.get("morecols", 0)
        placed.append([c or "" for c in cells])
    return placed


def read(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    doctree = docutils.core.publish_doctree(
        source, source_path=path, settings_overrides={"report_level": 5, "halt_level": 5}
    )
    tables = []
    for table in doctree.findall(n.table):
        group = table.next_node(n.tgroup)
        columns = sum(isinstance(c, n.colspec) for c in group.children)
        head = next((c for c in group.children if isinstance(c, n.thead)), None)
        body = next(c for c in group.children if isinstance(c, n.tbody))
        rows = place(body.children, columns)
        if head is not None and len(head.children):
            header = place(head.children, columns)[-1]
        else:
            # A table without header rows names its columns with its first row, as the
            # importer reads every format.
            header, rows = (rows[0], rows[1:]) if rows else ([""] * columns, [])
        tables.append({"line": table.line, "header": header, "rows": rows})
    return tables


def main(path):
    tables = [{"header": t["header"], "rows": t["rows"]} for t in read(path)]
    json.dump(tables, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
