//! The format-neutral table every table importer produces, and the one place where a table's
//! header and rows become catalog entries.
//!
//! Format importers (RST grid tables, Markdown pipe tables, …) only find tables and render their
//! cells as Markdown; which column is the code, which rows are notes and how categories are
//! inherited is decided here, the same for every format.

use super::headers::{Column, entry_from_row, is_code_table, looks_like_code};
use super::{Import, SourcePos};

/// A table as read: header cells and body rows, every cell rendered as Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// 1-based line of the table's first line (its top border, or its header row).
    pub line: u32,
    pub header: Vec<String>,
    pub rows: Vec<TableRow>,
}

/// One body row of a [`Table`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub cells: Vec<String>,
    /// Where each cell's text starts (`None` for an empty cell).
    pub positions: Vec<Option<SourcePos>>,
}

/// Turns an error-code table into entries; other tables are ignored. Empty category cells
/// inherit the category above them, then the section heading. A code cell holding prose
/// becomes one of the document's notes.
pub fn import_table(table: &Table, heading: Option<&str>, import: &mut Import) {
    let columns: Vec<Column> = table.header.iter().map(|h| Column::from_header(h)).collect();
    if !is_code_table(&columns) {
        return;
    }
    let Some(code_column) = columns.iter().position(|c| *c == Column::Code) else { return };
    let category_column = columns.iter().position(|c| *c == Column::Category);
    let mut inherited: Option<String> = None;
    for row in &table.rows {
        let cell = |i: usize| row.cells.get(i).map_or("", |c| c.trim());
        if let Some(category) = category_column.map(cell).filter(|c| !c.is_empty()) {
            inherited = Some(category.to_owned());
        }
        let code_cell = cell(code_column);
        if code_cell.is_empty() {
            continue;
        }
        if !looks_like_code(code_cell) {
            import.notes.push(code_cell.to_owned());
            continue;
        }
        let pos = row.positions.get(code_column).copied().flatten().unwrap_or_default();
        import.entries.push(entry_from_row(&columns, &row.cells, pos, inherited.as_deref().or(heading)));
    }
}
