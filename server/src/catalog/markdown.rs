//! Markdown importer: pipe tables with a code column become catalog entries; the nearest
//! heading above a table is the category of its rows when it has no category column.

use super::table::{Table, TableRow, import_table};
use super::{Import, Positions};

/// Imports every error-code pipe table in `text`. `file` names the document in problems.
pub fn parse(file: &str, text: &str) -> Import {
    let _ = file;
    let mut import = Import::default();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        lines.push((start, raw.trim_end_matches(['\n', '\r'])));
        start += raw.len();
    }
    let positions = Positions::new(text);
    let mut heading: Option<String> = None;
    let mut in_fence: Option<&str> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].1;
        let trimmed = line.trim_start();
        if let Some(fence) = in_fence {
            if trimmed.starts_with(fence) {
                in_fence = None;
            }
            i += 1;
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = Some(&trimmed[..3]);
            i += 1;
            continue;
        }
        if let Some(title) = atx_heading(trimmed) {
            if import.title.is_none() && trimmed.starts_with("# ") {
                import.title = Some(title.clone());
            }
            heading = Some(title);
            i += 1;
            continue;
        }
        if let Some(next) = lines.get(i + 1).map(|l| l.1) {
            if !trimmed.is_empty() && !line.contains('|') && is_setext_underline(next) {
                let title = trimmed.trim().to_owned();
                if import.title.is_none() && next.trim_start().starts_with('=') {
                    import.title = Some(title.clone());
                }
                heading = Some(title);
                i += 2;
                continue;
            }
            if line.contains('|') && is_delimiter_row(next) {
                let header: Vec<String> =
                    split_row(line).into_iter().map(|(_, cell)| cell.to_owned()).collect();
                let mut end = i + 2;
                while end < lines.len() && lines[end].1.contains('|') && !lines[end].1.trim().is_empty() {
                    end += 1;
                }
                let rows =
                    lines[i + 2..end].iter().map(|&(line_start, row)| table_row(&positions, line_start, row));
                let table = Table { line: i as u32 + 1, header, rows: rows.collect() };
                import_table(&table, heading.as_deref(), &mut import);
                i = end;
                continue;
            }
        }
        i += 1;
    }
    import
}

/// One body row: cells as Markdown, each positioned after its emphasis or code quotes.
fn table_row(positions: &Positions, line_start: usize, line: &str) -> TableRow {
    let cells = split_row(line);
    TableRow {
        positions: cells
            .iter()
            .map(|(offset, cell)| {
                let lead = cell.len() - cell.trim_start_matches(['`', '*']).len();
                (!cell.is_empty()).then(|| positions.at(line_start + offset + lead))
            })
            .collect(),
        cells: cells.iter().map(|(_, cell)| cell_to_markdown(cell)).collect(),
    }
}

/// `<br>` inside a cell is a line break; everything else is already Markdown.
fn cell_to_markdown(cell: &str) -> String {
    let mut text = cell.trim().replace("\\|", "|");
    for br in ["<br />", "<br/>", "<br>", "<BR>"] {
        text = text.replace(br, "\n");
    }
    text.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

fn atx_heading(line: &str) -> Option<String> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &line[hashes..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim().to_owned())
}

fn is_setext_underline(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || (t.len() >= 3 && t.bytes().all(|b| b == b'-')))
}

fn is_delimiter_row(line: &str) -> bool {
    let cells = split_row(line);
    !cells.is_empty()
        && line.contains('-')
        && cells.iter().all(|(_, c)| {
            let c = c.trim();
            !c.is_empty() && c.trim_matches(':').bytes().all(|b| b == b'-')
        })
}

/// Splits a table row into `(byte offset of the cell's text in the line, raw cell text)`,
/// honouring `\|` escapes and pipes inside code spans.
fn split_row(line: &str) -> Vec<(usize, &str)> {
    let mut cells = Vec::new();
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut in_code = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'`' => in_code = !in_code,
            b'|' if !in_code => {
                cells.push((start, &line[start..i]));
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    cells.push((start.min(line.len()), &line[start.min(line.len())..]));
    // Leading and trailing pipes leave empty edge cells.
    if line.trim_start().starts_with('|') && !cells.is_empty() {
        cells.remove(0);
    }
    if line.trim_end().ends_with('|') && cells.last().is_some_and(|(_, c)| c.trim().is_empty()) {
        cells.pop();
    }
    cells
        .into_iter()
        .map(|(offset, cell)| {
            let lead = cell.len() - cell.trim_start().len();
            (offset + lead, cell.trim())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_split_on_unescaped_pipes() {
        let cells: Vec<&str> = split_row("| `a|b` | c \\| d | e |").into_iter().map(|c| c.1).collect();
        assert_eq!(cells, ["`a|b`", "c \\| d", "e"]);
    }
}
