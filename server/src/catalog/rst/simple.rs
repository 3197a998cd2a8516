//! Simple tables (`=====  =====` borders), read with docutils' `SimpleTableParser`.
//!
//! The top border fixes the columns; an optional `===` rule separates the header rows; a row
//! starts at a line whose first column holds text, and lines whose first column is blank
//! continue it; a `-----` underline below a row joins the columns it spans (the cell belongs to
//! its first column). The last column's text may run past the border.
//!
//! Owns only the table structure; cell bodies are rendered by `body`, entries made by `table`.

use super::{
    Document, Line, Table, TableRow, WIDE_PAD, display_columns, indent_of, render_cell, split_header,
};

/// Whether a simple table's top border (at least two `=` columns) is at line `i`, at the start
/// of a block.
pub(super) fn starts_at(doc: &Document, i: usize) -> bool {
    let starts_block = i == 0 || doc.lines[i - 1].trim().is_empty();
    starts_block && is_top_border(doc.lines[i].trim())
}

fn is_top_border(line: &str) -> bool {
    let mut columns = line.split(' ').filter(|s| !s.is_empty());
    line.starts_with('=')
        && line.bytes().all(|b| matches!(b, b'=' | b' '))
        && columns.next().is_some()
        && columns.next().is_some()
}

/// A line of `=` and spaces, starting with `=`.
fn is_border(line: &str) -> bool {
    line.starts_with('=') && line.trim_end().bytes().all(|b| matches!(b, b'=' | b' '))
}

/// A line of `-` and spaces, starting with `-`: a column-span underline (or a converted border).
fn is_span_line(line: &[char]) -> bool {
    line.first() == Some(&'-') && line.iter().all(|c| matches!(c, '-' | ' '))
}

/// Reads the simple table whose top border is line `start`: the table, or why it is malformed,
/// and the line after it.
pub(super) fn parse(doc: &Document, start: usize) -> (Result<Table, String>, usize) {
    let indent = indent_of(doc.lines[start]);
    let (block, end) = match isolate(doc, start, indent) {
        Ok(found) => found,
        Err((reason, end)) => return (Err(reason), end),
    };
    let lines: Vec<Line> = (start..end).map(|n| doc.line(n).skip(indent)).collect();
    debug_assert_eq!(lines.len(), block);
    (Parser::new(doc, start, &lines).and_then(|p| p.table()), end)
}

/// docutils' `isolate_simple_table`: the table ends at the second border after the top, or at a
/// border followed by a blank line or the end of its block. Returns the number of lines and the
/// line after the table.
fn isolate(doc: &Document, start: usize, indent: usize) -> Result<(usize, usize), (String, usize)> {
    let top_len = doc.lines[start].trim().len();
    // The table's block ends where a line is less indented than the table.
    let mut limit = start + 1;
    while limit < doc.lines.len() {
        let line = doc.lines[limit];
        if !line.trim().is_empty() && indent_of(line) < indent {
            break;
        }
        limit += 1;
    }
    let text = |n: usize| doc.lines[n].get(indent..).unwrap_or("");
    let mut found = 0;
    let mut found_at = None;
    for i in start + 1..limit {
        if !is_border(text(i)) {
            continue;
        }
        if text(i).trim().len() != top_len {
            return Err(("a border of this simple table does not match its top border".into(), i + 1));
        }
        found += 1;
        found_at = Some(i);
        if found == 2 || i + 1 == limit || text(i + 1).trim().is_empty() {
            return Ok((i + 1 - start, i + 1));
        }
    }
    let end = found_at.map_or(limit, |at| at + 1);
    let extra = if found > 0 { " or no blank line after its bottom border" } else { "" };
    Err((format!("no bottom border found for this simple table{extra}"), end))
}

/// One row as docutils records it: its cells as `(first column, columns spanned - 1)` and the
/// block lines it covers.
struct Row {
    cells: Vec<(usize, usize, (usize, usize))>,
    /// First block line of the row.
    start: usize,
    end: usize,
}

struct Parser<'d, 'a> {
    doc: &'d Document<'a>,
    first_line: usize,
    /// Each block line as display columns, with the document byte offset of each column.
    rows: Vec<Vec<char>>,
    bytes: Vec<Vec<usize>>,
    /// `(start, end)` display columns of each column, from the top border.
    columns: Vec<(usize, usize)>,
    /// Where the top border ends.
    border_end: usize,
    head_body_sep: Option<usize>,
    table: Vec<Row>,
}

impl<'d, 'a> Parser<'d, 'a> {
    fn new(doc: &'d Document<'a>, first_line: usize, lines: &[Line]) -> Result<Self, String> {
        let (mut rows, mut bytes) = (Vec::new(), Vec::new());
        for line in lines {
            let (row, cols) = display_columns(line.text.trim_end(), line.offset);
            rows.push(row);
            bytes.push(cols);
        }
        let last = rows.len() - 1;
        // The top and bottom borders become column-span underlines.
        for n in [0, last] {
            rows[n] = rows[n].iter().map(|&c| if c == '=' { '-' } else { c }).collect();
        }
        let mut head_body_sep = None;
        for (n, row) in rows.iter_mut().enumerate().take(last).skip(1) {
            if is_border(&row.iter().collect::<String>()) {
                if head_body_sep.is_some() {
                    return Err("more than one header separator (`===`) in a simple table".into());
                }
                head_body_sep = Some(n);
                row.iter_mut().filter(|c| **c == '=').for_each(|c| *c = '-');
            }
        }
        let mut parser = Parser {
            doc,
            first_line,
            rows,
            bytes,
            columns: Vec::new(),
            border_end: 0,
            head_body_sep,
            table: Vec::new(),
        };
        parser.columns = parser.parse_columns(0, false)?;
        parser.border_end = parser.columns.last().map_or(0, |c| c.1);
        parser.parse_rows()?;
        Ok(parser)
    }

    /// The `(start, end)` of each run of `-` on block line `n`. Below the top border, the last
    /// run must end where the border's last column ends, and extends as that column has.
    fn parse_columns(&self, n: usize, span_line: bool) -> Result<Vec<(usize, usize)>, String> {
        let line = &self.rows[n];
        let mut columns = Vec::new();
        let mut at = 0;
        while let Some(begin) = line[at..].iter().position(|&c| c == '-').map(|p| p + at) {
            let end = line[begin..].iter().position(|&c| c == ' ').map_or(line.len(), |p| p + begin);
            columns.push((begin, end));
            at = end;
        }
        if span_line {
            let widened_end = self.columns.last().map_or(0, |c| c.1);
            match columns.last_mut() {
                Some(last) if last.1 == self.border_end => last.1 = widened_end,
                _ => {
                    return Err(format!(
                        "a column span in line {} of this simple table is incomplete",
                        self.first_line + n + 1
                    ));
                }
            }
        }
        Ok(columns)
    }

    /// docutils' `parse_table`: rows end at span underlines or where the next row starts.
    fn parse_rows(&mut self) -> Result<(), String> {
        let (first_start, first_end) = self.columns[0];
        let mut start = 1;
        let mut text_found = false;
        for offset in 1..self.rows.len() {
            let line = &self.rows[offset];
            if is_span_line(line) {
                let columns = self.parse_columns(offset, true)?;
                self.parse_row(start, offset, Some(columns))?;
                start = offset + 1;
                text_found = false;
            } else if line
                .get(first_start..first_end.min(line.len()))
                .is_some_and(|s| s.iter().any(|c| *c != ' '))
            {
                if text_found && offset != start {
                    self.parse_row(start, offset, None)?;
                }
                start = offset;
                text_found = true;
            } else if !text_found {
                start = offset + 1;
            }
        }
        Ok(())
    }

    fn parse_row(
        &mut self,
        start: usize,
        end: usize,
        span: Option<Vec<(usize, usize)>>,
    ) -> Result<(), String> {
        if start >= end && span.is_none() {
            return Ok(());
        }
        let mut columns = span.unwrap_or_else(|| self.columns.clone());
        self.check_columns(start, end, &mut columns)?;
        // Match each cell to the columns it spans.
        let mut cells = Vec::with_capacity(columns.len());
        let mut i = 0;
        for &(cell_start, cell_end) in &columns {
            let misaligned = || {
                format!(
                    "a column span in line {} of this simple table is misaligned",
                    self.first_line + end + 1
                )
            };
            if self.columns.get(i).is_none_or(|c| c.0 != cell_start) {
                return Err(misaligned());
            }
            let first = i;
            while self.columns.get(i).is_some_and(|c| c.1 != cell_end) {
                i += 1;
            }
            if i >= self.columns.len() {
                return Err(misaligned());
            }
            cells.push((first, i - first, (cell_start, cell_end)));
            i += 1;
        }
        self.table.push(Row { cells, start, end });
        Ok(())
    }

    /// Text in a column margin is an error; text running past the last column widens it.
    fn check_columns(
        &mut self,
        start: usize,
        end: usize,
        columns: &mut [(usize, usize)],
    ) -> Result<(), String> {
        let last = columns.len() - 1;
        for i in 0..columns.len() {
            let col_end = columns[i].1;
            let next_start = columns.get(i + 1).map_or(usize::MAX, |c| c.0);
            for n in start..end {
                let line = &self.rows[n];
                let has_text = |from: usize, to: usize| {
                    line.get(from.min(line.len())..to.min(line.len()))
                        .is_some_and(|s| s.iter().any(|c| *c != ' '))
                };
                if i == last && has_text(col_end, usize::MAX) {
                    let new_end = line.len();
                    columns[i].1 = columns[i].1.max(new_end);
                    if let Some(main) = self.columns.last_mut() {
                        main.1 = main.1.max(new_end);
                    }
                } else if has_text(col_end, next_start) {
                    return Err(format!(
                        "text in a column margin in line {} of this simple table",
                        self.first_line + n + 1
                    ));
                }
            }
        }
        Ok(())
    }

    /// A cell's lines (docutils' `get_2D_block`: the column's slice of each line, right-trimmed,
    /// with the indentation the lines share removed).
    fn cell_lines(&self, row: &Row, (start, end): (usize, usize)) -> Vec<Line<'a>> {
        let slices: Vec<Line> = (row.start..row.end)
            .map(|n| {
                let line = &self.rows[n];
                let from = start.min(line.len());
                let to = end.min(line.len());
                let text: String = line[from..to].iter().filter(|&&c| c != WIDE_PAD).collect();
                let trimmed_len = text.trim_end().len();
                // The slice is a contiguous piece of the document line.
                let offset = self.bytes[n].get(from).copied().unwrap_or_else(|| self.line_end(n));
                let text = self.doc.text.get(offset..offset + trimmed_len).unwrap_or("");
                Line { text, offset }
            })
            .collect();
        super::dedent(&slices)
    }

    fn line_end(&self, n: usize) -> usize {
        let line = self.first_line + n;
        self.doc.starts[line] + self.doc.lines[line].len()
    }

    fn table(self) -> Result<Table, String> {
        let columns = self.columns.len();
        let first_body = match self.head_body_sep {
            Some(sep) => self.table.iter().position(|r| r.start > sep).unwrap_or(0),
            None => 0,
        };
        let rows: Vec<TableRow> = self
            .table
            .iter()
            .map(|row| {
                let mut out =
                    TableRow { cells: vec![String::new(); columns], positions: vec![None; columns] };
                for &(column, _, range) in &row.cells {
                    let (text, pos) = render_cell(self.doc, &self.cell_lines(row, range));
                    out.cells[column] = text;
                    out.positions[column] = pos;
                }
                out
            })
            .collect();
        Ok(split_header(self.first_line as u32 + 1, rows, first_body, columns))
    }
}
