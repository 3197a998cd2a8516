//! Grid tables (`+---+---+` borders), read with docutils' `GridTableParser`: corner scanning,
//! so row and column spans work. A cell spanning rows gives its text to each row it spans; a
//! cell spanning columns belongs to its first column.
//!
//! Owns only the grid structure; cell bodies are rendered by `body`, entries made by `table`.

use std::borrow::Cow;

use super::{Document, Table, TableRow, WIDE_PAD, body_to_markdown, display_columns};
use crate::catalog::SourcePos;

/// If a grid table starts at line `i`, the index one past its last line.
pub(super) fn table_end(doc: &Document, i: usize) -> Option<usize> {
    let first = doc.lines[i];
    let indent = first.len() - first.trim_start().len();
    let top = first.trim();
    if !(top.starts_with("+-") || top.starts_with("+="))
        || !top.ends_with('+')
        || !top.chars().all(|c| matches!(c, '+' | '-' | '='))
    {
        return None;
    }
    let mut end = i + 1;
    while end < doc.lines.len() {
        let line = doc.lines[end];
        let own_indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        if own_indent != indent || !(body.starts_with('|') || body.starts_with('+')) {
            break;
        }
        end += 1;
    }
    (end > i + 1).then_some(end)
}

/// Reads the grid table on lines `start..end`.
pub(super) fn parse(doc: &Document, start: usize, end: usize) -> Result<Table, String> {
    Ok(Grid::parse(doc, start, end)?.table(doc))
}

/// One cell of a grid: its corners in grid coordinates.
struct Cell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

/// One line of a grid table. An ASCII line's display columns are its bytes, so it is read in
/// place; any other is laid out as characters, one per display column.
enum GridLine<'a> {
    Ascii(&'a str),
    Wide {
        chars: Vec<char>,
        /// Byte offset in the document of each column.
        bytes: Vec<usize>,
    },
}

impl GridLine<'_> {
    fn width(&self) -> usize {
        match self {
            GridLine::Ascii(text) => text.len(),
            GridLine::Wide { chars, .. } => chars.len(),
        }
    }
}

/// A grid table laid out as a rectangle of characters (one per display column).
struct Grid<'a> {
    /// First document line of the table.
    first_line: usize,
    /// Leading spaces of the table in the document.
    indent: usize,
    rows: Vec<GridLine<'a>>,
    /// Grid line of the `+===+` header separator, if any.
    head_separator: Option<usize>,
    cells: Vec<Cell>,
}

impl<'a> Grid<'a> {
    fn parse(doc: &Document<'a>, start: usize, end: usize) -> Result<Grid<'a>, String> {
        let indent = doc.lines[start].len() - doc.lines[start].trim_start().len();
        let mut rows = Vec::new();
        let mut head_separator = None;
        for (n, line) in doc.lines[start..end].iter().enumerate() {
            let body = line[indent..].trim_end();
            let row = if body.is_ascii() {
                GridLine::Ascii(body)
            } else {
                let (chars, bytes) = display_columns(body, doc.starts[start + n] + indent);
                GridLine::Wide { chars, bytes }
            };
            if n > 0 && body.starts_with("+=") && body.chars().all(|c| matches!(c, '+' | '=')) {
                if head_separator.is_some() {
                    return Err("more than one header separator (`+===+`)".into());
                }
                // Read as a plain border (`-` for `=`) by `at`.
                head_separator = Some(n);
            }
            rows.push(row);
        }
        let width = rows[0].width();
        if let Some(n) = rows.iter().position(|r| r.width() != width) {
            return Err(format!(
                "line {} is {} columns wide but the table's top border is {width}; \
                 every line of a grid table must end at the same column",
                start + n + 1,
                rows[n].width()
            ));
        }
        let mut grid = Grid { first_line: start, indent, rows, head_separator, cells: Vec::new() };
        grid.scan_cells()?;
        Ok(grid)
    }

    fn at(&self, row: usize, col: usize) -> char {
        let c = match self.rows.get(row) {
            Some(GridLine::Ascii(text)) => text.as_bytes().get(col).map(|&b| char::from(b)),
            Some(GridLine::Wide { chars, .. }) => chars.get(col).copied(),
            None => None,
        };
        match c {
            Some('=') if Some(row) == self.head_separator => '-',
            c => c.unwrap_or(' '),
        }
    }

    fn bottom(&self) -> usize {
        self.rows.len() - 1
    }

    fn right(&self) -> usize {
        self.rows[0].width() - 1
    }

    /// docutils' corner-scanning parse: from each unvisited top-left corner, find the smallest
    /// closed rectangle, record it as a cell, and queue its top-right and bottom-left corners.
    fn scan_cells(&mut self) -> Result<(), String> {
        let (bottom, right) = (self.bottom(), self.right());
        if self.at(0, 0) != '+' {
            return Err("a grid table must start with `+`".into());
        }
        let mut done = vec![0usize; right + 1];
        let mut done_set = vec![false; right + 1];
        let mut corners = vec![(0usize, 0usize)];
        while !corners.is_empty() {
            let (top, left) = corners.remove(0);
            if top == bottom || left == right || (done_set[left] && top < done[left]) {
                continue;
            }
            let Some((cell_bottom, cell_right)) = self.scan_cell(top, left) else {
                continue;
            };
            for col in left..cell_right {
                done[col] = cell_bottom;
                done_set[col] = true;
            }
            self.cells.push(Cell { top, left, bottom: cell_bottom, right: cell_right });
            for corner in [(top, cell_right), (cell_bottom, left)] {
                if !corners.contains(&corner) {
                    corners.push(corner);
                }
            }
            corners.sort_unstable();
        }
        let complete = (0..right).all(|col| done_set[col] && done[col] == bottom);
        if !complete {
            return Err("cells do not close into a rectangle (a `|` or `+` is misplaced)".into());
        }
        self.cells.sort_by_key(|c| (c.top, c.left));
        Ok(())
    }

    fn scan_cell(&self, top: usize, left: usize) -> Option<(usize, usize)> {
        if self.at(top, left) != '+' {
            return None;
        }
        for col in left + 1..=self.right() {
            match self.at(top, col) {
                '+' => {
                    if let Some(bottom) = self.scan_down(top, left, col) {
                        return Some((bottom, col));
                    }
                }
                '-' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_down(&self, top: usize, left: usize, right: usize) -> Option<usize> {
        for row in top + 1..=self.bottom() {
            match self.at(row, right) {
                '+' => {
                    if self.scan_left(top, left, row, right) {
                        return Some(row);
                    }
                }
                '|' => {}
                _ => return None,
            }
        }
        None
    }

    fn scan_left(&self, top: usize, left: usize, bottom: usize, right: usize) -> bool {
        let bottom_ok = (left + 1..right).all(|col| matches!(self.at(bottom, col), '+' | '-'));
        bottom_ok && self.at(bottom, left) == '+' && self.scan_up(top, left, bottom)
    }

    fn scan_up(&self, top: usize, left: usize, bottom: usize) -> bool {
        (top + 1..bottom).all(|row| matches!(self.at(row, left), '+' | '|'))
    }

    /// The cell's text lines, with docutils' common-indentation stripping, and where its first
    /// character sits in the grid. An ASCII line's part is borrowed from the document (its grid
    /// columns are its bytes); other lines are rebuilt from the grid's characters.
    fn cell_lines(&self, cell: &Cell) -> (Vec<Cow<'a, str>>, Option<(usize, usize)>) {
        let mut lines: Vec<Cow<'a, str>> = (cell.top + 1..cell.bottom)
            .map(|row| {
                let mut line: String = match &self.rows[row] {
                    GridLine::Ascii(text) if Some(row) != self.head_separator => {
                        return Cow::Borrowed(text[cell.left + 1..cell.right].trim_end());
                    }
                    GridLine::Ascii(_) => (cell.left + 1..cell.right).map(|col| self.at(row, col)).collect(),
                    GridLine::Wide { chars, .. } => {
                        chars[cell.left + 1..cell.right].iter().filter(|&&c| c != WIDE_PAD).collect()
                    }
                };
                line.truncate(line.trim_end().len());
                Cow::Owned(line)
            })
            .collect();
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.bytes().take_while(|c| *c == b' ').count())
            .min()
            .unwrap_or(0);
        let mut first = None;
        for (n, line) in lines.iter_mut().enumerate() {
            if line.is_empty() {
                continue;
            }
            // The first `indent` characters are spaces, one byte each.
            match line {
                Cow::Borrowed(text) => *text = &text[indent..],
                Cow::Owned(text) => {
                    text.drain(..indent);
                }
            }
            if first.is_none() {
                first = Some((cell.top + 1 + n, cell.left + 1 + indent));
            }
        }
        (lines, first)
    }

    /// The table's header and body rows as Markdown cells. A cell spanning several rows gives
    /// its text to each of them; a cell spanning columns belongs to its first column.
    fn table(&self, doc: &Document) -> Table {
        let header_bottom = self.head_separator.unwrap_or_else(|| self.cells.first().map_or(0, |c| c.bottom));
        let mut lefts: Vec<usize> = self.cells.iter().map(|c| c.left).collect();
        lefts.sort_unstable();
        lefts.dedup();
        let column_of = |left: usize| lefts.binary_search(&left).unwrap_or(0);

        let mut header = vec![String::new(); lefts.len()];
        for cell in self.cells.iter().filter(|c| c.bottom <= header_bottom) {
            let (lines, _) = self.cell_lines(cell);
            let refs: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
            header[column_of(cell.left)] = body_to_markdown(&refs);
        }
        let mut tops: Vec<usize> =
            self.cells.iter().filter(|c| c.top >= header_bottom).map(|c| c.top).collect();
        tops.sort_unstable();
        tops.dedup();
        let mut rows: Vec<TableRow> = tops
            .iter()
            .map(|_| TableRow { cells: vec![String::new(); lefts.len()], positions: vec![None; lefts.len()] })
            .collect();
        // Each cell is rendered once and given to the rows it spans, found by binary search, so
        // a table costs the size of its cells rather than rows × cells.
        for cell in &self.cells {
            let spanned = tops.partition_point(|&t| t < cell.top)..tops.partition_point(|&t| t < cell.bottom);
            if spanned.is_empty() {
                continue;
            }
            let col = column_of(cell.left);
            let (lines, first) = self.cell_lines(cell);
            let refs: Vec<&str> = lines.iter().map(|l| l.as_ref()).collect();
            let text = body_to_markdown(&refs);
            let pos = first.map(|(r, c)| self.source_pos(doc, r, c));
            for row in &mut rows[spanned] {
                row.cells[col].clone_from(&text);
                row.positions[col] = pos;
            }
        }
        Table { line: self.first_line as u32 + 1, header, rows }
    }

    fn source_pos(&self, doc: &Document, row: usize, grid_col: usize) -> SourcePos {
        let line = self.first_line + row;
        let fallback = doc.starts[line] + self.indent;
        let offset = match &self.rows[row] {
            GridLine::Wide { bytes, .. } => bytes.get(grid_col).copied(),
            GridLine::Ascii(text) => (grid_col < text.len()).then_some(fallback + grid_col),
        };
        doc.pos(offset.unwrap_or(fallback))
    }
}
