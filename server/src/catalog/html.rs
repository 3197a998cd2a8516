//! HTML importer: `<table>`s of exported documentation pages become format-neutral tables for
//! [`import_table`], parsed with a real HTML parser (html5ever, through `scraper`).
//!
//! The header is the `<thead>` (its last row), else leading rows of `<th>` cells, else the first
//! row. `rowspan` and `colspan` are placed as grid-table spans are: a cell spanning rows gives
//! its text to each row, a cell spanning columns belongs to its first column. Cells are rendered
//! as Markdown (paragraphs, `<br>`, lists, `<pre>`, `<code>`, `<strong>`, `<em>`, `<a href>`,
//! Sphinx admonitions). The nearest `<h1>`–`<h6>` above a table is its heading; `<title>`, else
//! the first `<h1>`, is the document's title.
//!
//! html5ever gives no source offsets, so each cell's position comes from finding its first word
//! in the source, searching forward from the previous cell's: one pass over the text in all.
//!
//! **Invariant:** no IO; no knowledge of which column is the code (that is [`import_table`]'s).

use scraper::{ElementRef, Html, Node};

use super::table::{Table, TableRow, import_table};
use super::{Import, Positions, SourcePos};

/// Imports every error-code table in `text`. `file` names the document in problems.
pub fn parse(file: &str, text: &str) -> Import {
    let _ = file;
    tables_and_title(text, &mut |table, heading, import| import_table(&table, heading, import))
}

/// Every table in `text`, error-code table or not, in document order.
pub fn tables(text: &str) -> Vec<Table> {
    let mut found = Vec::new();
    tables_and_title(text, &mut |table, _, _| found.push(table));
    found
}

type Sink<'s> = &'s mut dyn FnMut(Table, Option<&str>, &mut Import);

fn tables_and_title(text: &str, sink: Sink) -> Import {
    let html = Html::parse_document(text);
    let mut walker =
        Walker { source: text, positions: Positions::new(text), cursor: 0, heading: None, first_h1: None };
    let mut import = Import::default();
    walker.walk(html.root_element(), &mut import, sink);
    let title = html
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "title")
        .map(|e| collapse(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty());
    import.title = title.or(walker.first_h1);
    import
}

/// Walks the document in order, remembering the last heading and how far into the source
/// positions have been found.
struct Walker<'a> {
    source: &'a str,
    positions: Positions<'a>,
    cursor: usize,
    heading: Option<String>,
    first_h1: Option<String>,
}

impl Walker<'_> {
    fn walk(&mut self, element: ElementRef, import: &mut Import, sink: Sink) {
        for child in element.children() {
            let Some(child) = ElementRef::wrap(child) else { continue };
            match child.value().name() {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    let heading = collapse(&child.text().collect::<String>());
                    if child.value().name() == "h1" && self.first_h1.is_none() {
                        self.first_h1 = Some(heading.clone());
                    }
                    self.heading = Some(heading);
                }
                "table" => {
                    let table = self.table(child);
                    let heading = self.heading.clone();
                    sink(table, heading.as_deref(), import);
                }
                "script" | "style" | "head" => {}
                _ => self.walk(child, import, sink),
            }
        }
    }

    fn table(&mut self, table: ElementRef) -> Table {
        let line = self.find("<table").map_or(1, |at| self.positions.at(at).line);
        // Rows of this table (not of tables nested in its cells), with whether each sits in
        // the `<thead>`.
        let mut rows: Vec<(ElementRef, bool)> = Vec::new();
        for child in table.children().filter_map(ElementRef::wrap) {
            match child.value().name() {
                "tr" => rows.push((child, false)),
                "thead" | "tbody" | "tfoot" => {
                    let head = child.value().name() == "thead";
                    rows.extend(
                        child
                            .children()
                            .filter_map(ElementRef::wrap)
                            .filter(|r| r.value().name() == "tr")
                            .map(|r| (r, head)),
                    );
                }
                _ => {}
            }
        }
        let mut header_rows = rows.iter().take_while(|(_, head)| *head).count();
        if header_rows == 0 {
            header_rows = rows.iter().take_while(|(row, _)| all_th(*row)).count();
        }
        let header_rows = header_rows.max(1).min(rows.len());

        // Place cells on a grid: `spans[c]` is the text a row-spanning cell still owes column c.
        let mut spans: Vec<Owed> = Vec::new();
        let mut placed: Vec<TableRow> = Vec::with_capacity(rows.len());
        for (row, _) in &rows {
            let mut out = TableRow { cells: Vec::new(), positions: Vec::new() };
            let mut column = 0;
            let fill_spans = |out: &mut TableRow, column: &mut usize, spans: &mut Vec<Owed>| {
                while let Some(Some((left, text, pos))) = spans.get_mut(*column) {
                    set(out, *column, text.clone(), *pos);
                    *left -= 1;
                    if *left == 0 {
                        spans[*column] = None;
                    }
                    *column += 1;
                }
            };
            for cell in row.children().filter_map(ElementRef::wrap) {
                if !matches!(cell.value().name(), "td" | "th") {
                    continue;
                }
                fill_spans(&mut out, &mut column, &mut spans);
                let text = cell_markdown(cell);
                let pos = if text.is_empty() { None } else { self.locate(cell) };
                set(&mut out, column, text.clone(), pos);
                let colspan = span_attr(cell, "colspan");
                let rowspan = span_attr(cell, "rowspan");
                if rowspan > 1 {
                    if spans.len() <= column {
                        spans.resize(column + 1, None);
                    }
                    spans[column] = Some((rowspan - 1, text, pos));
                }
                for extra in 1..colspan {
                    set(&mut out, column + extra, String::new(), None);
                }
                column += colspan;
            }
            fill_spans(&mut out, &mut column, &mut spans);
            placed.push(out);
        }
        let columns = placed.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        for row in &mut placed {
            row.cells.resize(columns, String::new());
            row.positions.resize(columns, None);
        }
        let body = placed.split_off(header_rows);
        let header = placed.pop().map(|r| r.cells).unwrap_or_default();
        Table { line, header, rows: body }
    }

    /// The source offset of `needle` at or after the cursor, moving the cursor past it.
    fn find(&mut self, needle: &str) -> Option<usize> {
        let at = self.source.get(self.cursor..)?.find(needle)? + self.cursor;
        self.cursor = at + needle.len();
        Some(at)
    }

    /// Where a cell's text starts: its first word, found forward from the previous cell. A word
    /// the source may spell with character references is not searched for; the cell then takes
    /// the position reached so far.
    fn locate(&mut self, cell: ElementRef) -> Option<SourcePos> {
        let text: String = cell.text().collect();
        let word = text.split_whitespace().next()?;
        let plain =
            word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | ':' | '/'));
        let at = if plain { self.find(word) } else { None };
        Some(self.positions.at(at.unwrap_or(self.cursor)))
    }
}

/// What a row-spanning cell still owes the rows below: rows left, text, position.
type Owed = Option<(usize, String, Option<SourcePos>)>;

fn set(row: &mut TableRow, column: usize, text: String, pos: Option<SourcePos>) {
    if row.cells.len() <= column {
        row.cells.resize(column + 1, String::new());
        row.positions.resize(column + 1, None);
    }
    row.cells[column] = text;
    row.positions[column] = pos;
}

fn all_th(row: ElementRef) -> bool {
    let mut cells =
        row.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "td" | "th"));
    let first = cells.next();
    first.is_some_and(|c| c.value().name() == "th") && cells.all(|c| c.value().name() == "th")
}

fn span_attr(cell: ElementRef, name: &str) -> usize {
    cell.value()
        .attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or(1)
        .min(1000)
}

/// Collapses runs of whitespace to one space and trims.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A cell's content as Markdown blocks, without trailing whitespace on any line.
fn cell_markdown(cell: ElementRef) -> String {
    let rendered = blocks(cell, "");
    rendered.lines().map(str::trim_end).collect::<Vec<_>>().join("\n")
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "aside"
            | "ul"
            | "ol"
            | "pre"
            | "blockquote"
            | "table"
            | "dl"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// The children of `element` as Markdown blocks: runs of inline content become paragraphs,
/// block elements render on their own; blocks are separated by blank lines.
fn blocks(element: ElementRef, indent: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut inline = String::new();
    let flush = |inline: &mut String, out: &mut Vec<String>| {
        let paragraph = tidy_inline(inline);
        if !paragraph.is_empty() {
            out.push(paragraph.replace('\n', &format!("\n{indent}")));
        }
        inline.clear();
    };
    for child in element.children() {
        match child.value() {
            Node::Text(text) => inline.push_str(&spaced(text)),
            Node::Element(e) if is_block(e.name()) => {
                flush(&mut inline, &mut out);
                if let Some(child) = ElementRef::wrap(child) {
                    let block = block(child, indent);
                    if !block.is_empty() {
                        out.push(block);
                    }
                }
            }
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    inline.push_str(&inline_markdown(child));
                }
            }
            _ => {}
        }
    }
    flush(&mut inline, &mut out);
    out.join(&format!("\n{indent}\n{indent}"))
}

fn block(element: ElementRef, indent: &str) -> String {
    let name = element.value().name();
    match name {
        "ul" | "ol" => {
            let items: Vec<ElementRef> = element
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().name() == "li")
                .collect();
            items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let marker = if name == "ul" { "- ".to_owned() } else { format!("{}. ", n + 1) };
                    let inner = format!("{indent}{}", " ".repeat(marker.len()));
                    format!("{marker}{}", blocks(*item, &inner))
                })
                .collect::<Vec<_>>()
                .join(&format!("\n{indent}"))
        }
        "pre" => {
            let text: String = element.text().collect();
            let body = text.trim_matches('\n').replace('\n', &format!("\n{indent}"));
            format!("```\n{indent}{body}\n{indent}```")
        }
        "blockquote" => {
            let inner = format!("{indent}> ");
            format!("> {}", blocks(element, &inner))
        }
        "div" | "aside" if element.value().classes().any(|c| c == "admonition") => {
            // Sphinx's and docutils' admonitions: `<div class="admonition note">` (or `<aside>`)
            // holding `<p class="admonition-title">Note</p>` and the body.
            let inner = format!("{indent}> ");
            let title = element
                .children()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().classes().any(|c| c == "admonition-title"))
                .map(|e| collapse(&e.text().collect::<String>()));
            let body: Vec<String> = element
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|e| !e.value().classes().any(|c| c == "admonition-title"))
                .map(|e| {
                    if is_block(e.value().name()) {
                        block(e, &inner)
                    } else {
                        tidy_inline(&inline_markdown(e))
                    }
                })
                .filter(|b| !b.is_empty())
                .collect();
            let mut out = format!("> **{}**", title.unwrap_or_else(|| "Note".into()));
            if !body.is_empty() {
                out.push_str(&format!("\n{inner}\n{inner}{}", body.join(&format!("\n{inner}\n{inner}"))));
            }
            out
        }
        _ => blocks(element, indent),
    }
}

/// Inline content as Markdown; `<br>` is a line break (`\n`), other whitespace is collapsed
/// later by [`tidy_inline`].
fn inline_markdown(element: ElementRef) -> String {
    let inner = || {
        let mut out = String::new();
        for child in element.children() {
            match child.value() {
                Node::Text(text) => out.push_str(&spaced(text)),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        out.push_str(&inline_markdown(child));
                    }
                }
                _ => {}
            }
        }
        out
    };
    let wrap = |mark: &str, text: String| {
        let trimmed = collapse(&text);
        if trimmed.is_empty() { String::new() } else { format!("{mark}{trimmed}{mark}") }
    };
    match element.value().name() {
        "br" => "\n".to_owned(),
        "strong" | "b" => wrap("**", inner()),
        "em" | "i" => wrap("*", inner()),
        "code" | "tt" | "kbd" | "samp" => wrap("`", element.text().collect()),
        // docutils' HTML writer marks inline literals as `<span class="docutils literal">`.
        "span" if element.value().classes().any(|c| c == "literal") => wrap("`", element.text().collect()),
        "a" => {
            let text = collapse(&inner());
            match element.value().attr("href") {
                Some(href) if href.contains("://") && !text.is_empty() => format!("[{text}]({href})"),
                _ => text,
            }
        }
        "script" | "style" => String::new(),
        _ => inner(),
    }
}

/// Collapses whitespace within lines (keeping `<br>` breaks) and trims each line.
fn tidy_inline(text: &str) -> String {
    text.split('\n').map(collapse).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Source line breaks in text are spaces; only `<br>` breaks a line.
fn spaced(text: &str) -> String {
    text.replace(['\n', '\r', '\t'], " ")
}
