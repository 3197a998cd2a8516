//! reStructuredText importer: every table form docutils reads — grid tables, simple tables,
//! `.. list-table::` and `.. csv-table::` (inline or with `:file:`), each also inside
//! `.. table::` — becomes a format-neutral [`Table`] handed to [`import_table`].
//!
//! This module walks the document (section headings, directives, where tables start); one room
//! per table form reads its structure (`grid`, `simple`, `list_table`, `csv_table`), and `body`
//! renders every cell as Markdown. Where a table has no category column, the nearest section
//! heading above it is the category.
//!
//! **Invariant:** no IO. A `:file:` reference is read by the caller through the resolver given to
//! [`parse_with`]; one it cannot supply is a [`Problem`] and the rest of the document still loads.
//! Each form follows docutils' own parser, which the test suite checks cell by cell.

mod body;
mod csv_table;
mod grid;
mod list_table;
mod simple;

use unicode_width::UnicodeWidthChar;

use super::table::import_table;
pub use super::table::{Table, TableRow};
use super::{Import, Positions, Problem, ProblemKind, SourcePos};
pub use body::{body_to_markdown, inline_to_markdown};

/// Supplies the text of a file a document refers to (a `.. csv-table::`'s `:file:`), named as
/// the document names it; `None` when it cannot be read.
pub type Resolver<'r> = &'r dyn Fn(&str) -> Option<String>;

/// Imports every error-code table in `text`. `file` names the document in problems. A
/// `:file:` reference cannot be read here and is reported; see [`parse_with`].
pub fn parse(file: &str, text: &str) -> Import {
    parse_with(file, text, &|_| None)
}

/// Imports every error-code table in `text`, asking `resolve` for the files its tables refer
/// to.
pub fn parse_with(file: &str, text: &str, resolve: Resolver) -> Import {
    let doc = Document::new(text);
    let mut import = Import::default();
    let mut heading: Option<String> = None;
    let mut problems = Vec::new();
    walk(&doc, resolve, &mut |event| match event {
        Event::Heading(title) => {
            if import.title.is_none() {
                import.title = Some(title.clone());
            }
            heading = Some(title);
        }
        Event::Table(table) => import_table(&table, heading.as_deref(), &mut import),
        Event::Problem(line, kind) => problems.push(Problem::new(file, Some(line), kind)),
    });
    import.problems.extend(problems);
    import
}

/// Every table in `text` that parses, error-code table or not, in document order.
pub fn tables(text: &str) -> Vec<Table> {
    tables_with(text, &|_| None)
}

/// Every table in `text` that parses, asking `resolve` for the files tables refer to.
pub fn tables_with(text: &str, resolve: Resolver) -> Vec<Table> {
    let doc = Document::new(text);
    let mut found = Vec::new();
    walk(&doc, resolve, &mut |event| {
        if let Event::Table(table) = event {
            found.push(table);
        }
    });
    found
}

/// What the walk over a document meets, in order.
enum Event {
    Heading(String),
    Table(Table),
    /// A table that could not be read: its 1-based line and why.
    Problem(u32, ProblemKind),
}

fn walk(doc: &Document, resolve: Resolver, emit: &mut dyn FnMut(Event)) {
    let mut i = 0;
    while i < doc.lines.len() {
        if let Some((title, consumed)) = doc.heading_at(i) {
            emit(Event::Heading(title));
            i += consumed;
            continue;
        }
        let trimmed = doc.lines[i].trim_start();
        if trimmed.starts_with(".. ") {
            if let Some(directive) = Directive::at(doc, i) {
                let end = directive.end;
                let result = match directive.name.as_str() {
                    "list-table" => Some(list_table::parse(doc, &directive)),
                    "csv-table" => Some(csv_table::parse(doc, &directive, resolve)),
                    _ => None,
                };
                let is_table = result.is_some();
                match result {
                    Some(Ok(table)) => emit(Event::Table(table)),
                    Some(Err(reason)) => emit(Event::Problem(directive.line as u32 + 1, reason)),
                    None => {}
                }
                // Tables inside `.. table::` (and other containers) are found by the walk;
                // code blocks hold no tables.
                if is_table || is_code_directive(&directive.name) {
                    i = end;
                    continue;
                }
            }
        }
        if let Some(end) = grid::table_end(doc, i) {
            match grid::parse(doc, i, end) {
                Ok(table) => emit(Event::Table(table)),
                Err(reason) => emit(Event::Problem(i as u32 + 1, ProblemKind::BadTable(reason))),
            }
            i = end;
            continue;
        }
        if simple::starts_at(doc, i) {
            let (result, end) = simple::parse(doc, i);
            match result {
                Ok(table) => emit(Event::Table(table)),
                Err(reason) => emit(Event::Problem(i as u32 + 1, ProblemKind::BadTable(reason))),
            }
            i = end.max(i + 1);
            continue;
        }
        if let Some(end) = literal_block_end(doc, i) {
            i = end;
            continue;
        }
        i += 1;
    }
}

fn is_code_directive(name: &str) -> bool {
    matches!(name, "code-block" | "code" | "sourcecode" | "literalinclude" | "parsed-literal")
}

/// After a paragraph ending in `::`, the indented literal block below it holds no tables: the
/// line after that block.
fn literal_block_end(doc: &Document, i: usize) -> Option<usize> {
    let line = doc.lines[i];
    if !line.trim_end().ends_with("::") || line.trim_start().starts_with("..") {
        return None;
    }
    let indent = indent_of(line);
    let mut end = i + 1;
    let mut last = i + 1;
    while end < doc.lines.len() {
        let next = doc.lines[end];
        if !next.trim().is_empty() {
            if indent_of(next) <= indent {
                break;
            }
            last = end + 1;
        }
        end += 1;
    }
    (last > i + 1).then_some(last)
}

/// One line of a block: its text (indentation already removed) and the byte offset of that
/// text in the document.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    offset: usize,
}

impl<'a> Line<'a> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The line without its first `n` bytes (blank lines stay blank).
    fn skip(&self, n: usize) -> Line<'a> {
        let n = n.min(self.text.len());
        match self.text.get(n..) {
            Some(text) => Line { text, offset: self.offset + n },
            None => Line { text: "", offset: self.offset + self.text.len() },
        }
    }
}

/// Removes the indentation the non-blank lines share.
fn dedent<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    let indent = lines.iter().filter(|l| !l.is_blank()).map(|l| indent_of(l.text)).min().unwrap_or(0);
    lines.iter().map(|l| l.skip(indent)).collect()
}

/// A cell's lines rendered as Markdown, with the position of its first character (`None` when
/// the cell is empty).
fn render_cell(doc: &Document, lines: &[Line]) -> (String, Option<SourcePos>) {
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let first = lines.iter().find(|l| !l.is_blank()).map(|l| doc.pos(l.offset + indent_of(l.text)));
    (body_to_markdown(&texts), first)
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// A directive (`.. name:: argument`) with its options and content.
struct Directive<'a> {
    name: String,
    /// 0-based line of the `..`.
    line: usize,
    /// `(name, value)`, value lines joined with `\n`.
    options: Vec<(String, String)>,
    content: Vec<Line<'a>>,
    /// The line after the directive's block.
    end: usize,
}

impl<'a> Directive<'a> {
    fn at(doc: &Document<'a>, i: usize) -> Option<Directive<'a>> {
        let first = doc.lines[i];
        let indent = indent_of(first);
        let rest = first[indent..].strip_prefix(".. ")?.trim_start();
        let name_end = rest.find("::")?;
        let name = &rest[..name_end];
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
        {
            return None;
        }
        let mut end = i + 1;
        let mut last = i + 1;
        while end < doc.lines.len() {
            let line = doc.lines[end];
            if !line.trim().is_empty() {
                if indent_of(line) <= indent {
                    break;
                }
                last = end + 1;
            }
            end += 1;
        }
        let block: Vec<Line> = (i + 1..last).map(|n| doc.line(n)).collect();
        let block = dedent(&block);
        // Arguments and options run to the first blank line; the content follows it.
        let blank = block.iter().position(Line::is_blank).unwrap_or(block.len());
        let mut options: Vec<(String, String)> = Vec::new();
        for line in &block[..blank] {
            let text = line.text;
            if let Some(field) = text.strip_prefix(':').and_then(|t| t.split_once(':')) {
                if !field.0.is_empty() && !field.0.contains(' ') {
                    options.push((field.0.to_ascii_lowercase(), field.1.trim().to_owned()));
                    continue;
                }
            }
            if let Some((_, value)) = options.last_mut() {
                // A continuation line of the previous option's value.
                if !value.is_empty() {
                    value.push('\n');
                }
                value.push_str(text.trim());
            }
        }
        let content = block.get(blank + 1..).map(dedent).unwrap_or_default();
        Some(Directive { name: name.to_ascii_lowercase(), line: i, options, content, end: last })
    }

    fn option(&self, name: &str) -> Option<&str> {
        self.options.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// `:header-rows:` (0 when absent or not a number).
    fn header_rows(&self) -> usize {
        self.option("header-rows").and_then(|v| v.trim().parse().ok()).unwrap_or(0)
    }
}

/// Splits read rows into the table's header and body: the last of the header rows names the
/// columns; a table without header rows takes its first row as the header, as every format does.
fn split_header(line: u32, mut rows: Vec<TableRow>, header_rows: usize, columns: usize) -> Table {
    let taken = if header_rows == 0 { 1.min(rows.len()) } else { header_rows.min(rows.len()) };
    let head: Vec<TableRow> = rows.drain(..taken).collect();
    let mut header = head.last().map(|r| r.cells.clone()).unwrap_or_default();
    header.resize(columns, String::new());
    for row in &mut rows {
        row.cells.resize(columns, String::new());
        row.positions.resize(columns, None);
    }
    Table { line, header, rows }
}

/// Source text split into lines with their byte offsets.
struct Document<'a> {
    text: &'a str,
    lines: Vec<&'a str>,
    starts: Vec<usize>,
    positions: Positions<'a>,
}

impl<'a> Document<'a> {
    fn new(text: &'a str) -> Self {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            starts.push(start);
            start += line.len();
            lines.push(line.trim_end_matches(['\n', '\r']));
        }
        Document { text, lines, starts, positions: Positions::new(text) }
    }

    fn line(&self, n: usize) -> Line<'a> {
        Line { text: self.lines[n], offset: self.starts[n] }
    }

    fn pos(&self, offset: usize) -> SourcePos {
        self.positions.at(offset)
    }

    /// A section title at line `i` (underlined, optionally overlined): its text and how many
    /// lines it takes.
    fn heading_at(&self, i: usize) -> Option<(String, usize)> {
        let line = *self.lines.get(i)?;
        if is_adornment(line) {
            // Overline, title, underline.
            let title = self.lines.get(i + 1)?.trim();
            let under = *self.lines.get(i + 2)?;
            if !title.is_empty() && is_adornment(under) && under.starts_with(&line[..1]) {
                return Some((inline_to_markdown(title), 3));
            }
            return None;
        }
        let next = *self.lines.get(i + 1)?;
        let title = line.trim_end();
        if title.is_empty() || line.starts_with(char::is_whitespace) || !is_adornment(next) {
            return None;
        }
        if next.chars().count() < title.chars().map(char_width).sum::<usize>() {
            return None;
        }
        if title.starts_with(['+', '|']) {
            return None;
        }
        Some((inline_to_markdown(title), 2))
    }
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

fn is_adornment(line: &str) -> bool {
    let line = line.trim_end();
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_punctuation()
        && !matches!(first, '+' | '|')
        && line.len() >= 3
        && line.chars().all(|c| c == first)
}

/// Pad placed after a double-width character so that table columns line up by display width.
const WIDE_PAD: char = '\u{0}';

/// A line as a row of display columns (a double-width character takes two, the second being
/// [`WIDE_PAD`]) and the byte offset in the document of each column.
fn display_columns(line: &str, offset: usize) -> (Vec<char>, Vec<usize>) {
    let mut row = Vec::with_capacity(line.len());
    let mut bytes = Vec::with_capacity(line.len());
    for (at, c) in line.char_indices() {
        row.push(c);
        bytes.push(offset + at);
        if char_width(c) == 2 {
            row.push(WIDE_PAD);
            bytes.push(offset + at);
        }
    }
    (row, bytes)
}
