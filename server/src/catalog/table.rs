//! The format-neutral table every table importer produces, and the one place where a table's
//! header and rows become catalog entries.
//!
//! Format importers (RST grid tables, Markdown pipe tables, …) only find tables and render their
//! cells as Markdown; which column is the code, which rows are notes and how categories are
//! inherited is decided here, the same for every format.

use super::headers::{Column, Layout, entry_from_row, looks_like_code};
use super::{Import, Problem, ProblemKind, SourcePos};

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

/// Turns an error-code table into entries. Empty category cells inherit the category above
/// them, then the section heading. A code cell holding prose becomes one of the document's
/// notes. Columns no synonym matches are reported once (information); a table that reads like
/// an error-code table but has no code column is reported with the header found. Problems are
/// given an empty file name, which [`super::import_document`] fills in.
pub fn import_table(table: &Table, heading: Option<&str>, import: &mut Import) {
    let layout = Layout::read(&table.header, |i| {
        table.rows.iter().map(|row| row.cells.get(i).map_or("", String::as_str)).collect()
    });
    let Some(code_column) = layout.code else {
        if layout.looks_like_error_table(&table.header) {
            let found = layout.describe(&table.header);
            import.problems.push(Problem::new("", Some(table.line), ProblemKind::NoCodeColumn { found }));
        }
        return;
    };
    import.code_tables += 1;
    let unrecognised = layout.unrecognised(&table.header);
    if !unrecognised.is_empty() {
        let columns = unrecognised.into_iter().map(str::to_owned).collect();
        import.problems.push(Problem::new(
            "",
            Some(table.line),
            ProblemKind::UnrecognisedColumns { columns },
        ));
    }
    let category_column = layout.columns.iter().position(|c| *c == Column::Category);
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
        import.entries.push(entry_from_row(
            &layout.columns,
            &row.cells,
            pos,
            inherited.as_deref().or(heading),
        ));
    }
}
