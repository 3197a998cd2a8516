//! `.. list-table::`: a table written as a uniform two-level bullet list, read as docutils'
//! `ListTable` reads it. Each first-level item is a row, each of its second-level items a cell
//! (which may hold several paragraphs, lists or directives); `:header-rows:` counts the header
//! rows; `:widths:` and the other layout options do not matter here.
//!
//! Owns only the list structure; cell bodies are rendered by `body`, entries made by `table`.

use super::{Directive, Document, Line, Table, TableRow, dedent, indent_of, render_cell, split_header};
use crate::catalog::ProblemKind;

/// Reads the list-table `directive`.
pub(super) fn parse(doc: &Document, directive: &Directive) -> Result<Table, ProblemKind> {
    let bad = |reason: String| ProblemKind::BadTable(format!("list-table: {reason}"));
    let rows =
        bullet_items(&directive.content).ok_or_else(|| bad("exactly one bullet list expected".into()))?;
    let mut columns = None;
    let mut table_rows = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        let cells = bullet_items(row).ok_or_else(|| {
            bad(format!("row {} does not hold a second-level bullet list (one item per cell)", n + 1))
        })?;
        match columns {
            None => columns = Some(cells.len()),
            Some(expected) if expected != cells.len() => {
                return Err(bad(format!(
                    "row {} has {} cells but row 1 has {expected}; every row needs the same number",
                    n + 1,
                    cells.len()
                )));
            }
            Some(_) => {}
        }
        let (texts, positions) = cells.iter().map(|cell| render_cell(doc, cell)).unzip();
        table_rows.push(TableRow { cells: texts, positions });
    }
    let columns = columns.unwrap_or(0);
    Ok(split_header(directive.line as u32 + 1, table_rows, directive.header_rows(), columns))
}

/// The bullet marker starting `text` (`*`, `-`, `+`, `•`, `‣`, `⁃` followed by a space or the
/// line's end) and its width including the spaces after it.
fn bullet(text: &str) -> Option<(char, usize)> {
    let c = text.chars().next()?;
    if !matches!(c, '*' | '-' | '+' | '•' | '‣' | '⁃') {
        return None;
    }
    let rest = &text[c.len_utf8()..];
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((c, c.len_utf8() + indent_of(rest)))
}

/// `lines` as one bullet list: each item's lines (the text after its marker, then the
/// indented lines below it with their shared indentation removed). `None` unless the lines
/// are exactly one bullet list.
fn bullet_items<'a>(lines: &[Line<'a>]) -> Option<Vec<Vec<Line<'a>>>> {
    let mut items = Vec::new();
    let mut i = lines.iter().position(|l| !l.is_blank())?;
    let (marker, _) = bullet(lines[i].text)?;
    while i < lines.len() {
        let (this, width) = bullet(lines[i].text)?;
        if this != marker {
            return None;
        }
        let mut end = i + 1;
        let mut last = i + 1;
        while end < lines.len() {
            let line = &lines[end];
            if !line.is_blank() {
                if !line.text.starts_with(' ') {
                    break;
                }
                last = end + 1;
            }
            end += 1;
        }
        let mut item = vec![lines[i].skip(width)];
        item.extend(dedent(&lines[i + 1..last]));
        items.push(item);
        i = last;
        while i < lines.len() && lines[i].is_blank() {
            i += 1;
        }
    }
    Some(items)
}
