//! reStructuredText importer: grid tables (as docutils reads them) become catalog entries.
//!
//! Tables may sit at the top level or be indented under a directive such as `.. table::`; a file
//! may hold several. Cells are parsed as small RST documents (paragraphs, bullet and enumerated
//! lists, inline markup) and rendered as Markdown. Where a table has no category column, the
//! nearest section heading above it is the category.
//!
//! The grid algorithm follows docutils' `GridTableParser` (corner scanning, so row and column
//! spans work), which the test suite checks cell by cell against docutils itself.

use unicode_width::UnicodeWidthChar;

use super::table::import_table;
pub use super::table::{Table, TableRow};
use super::{Import, Problem, ProblemKind, SourcePos, floor_char_boundary};

/// Imports every error-code grid table in `text`. `file` names the document in problems.
pub fn parse(file: &str, text: &str) -> Import {
    let doc = Document::new(text);
    let mut import = Import::default();
    let mut heading: Option<String> = None;
    let mut i = 0;
    while i < doc.lines.len() {
        if let Some((title, consumed)) = doc.heading_at(i) {
            if import.title.is_none() {
                import.title = Some(title.clone());
            }
            heading = Some(title);
            i += consumed;
            continue;
        }
        if let Some(end) = doc.grid_table_end(i) {
            match Grid::parse(&doc, i, end) {
                Ok(grid) => import_table(&grid.table(&doc), heading.as_deref(), &mut import),
                Err(reason) => import.problems.push(Problem::new(
                    file,
                    Some(i as u32 + 1),
                    ProblemKind::BadTable(reason),
                )),
            }
            i = end;
            continue;
        }
        i += 1;
    }
    for problem in &mut import.problems {
        file.clone_into(&mut problem.file);
    }
    import
}

/// Every grid table in `text` that parses, error-code table or not.
pub fn tables(text: &str) -> Vec<Table> {
    let doc = Document::new(text);
    let mut found = Vec::new();
    let mut i = 0;
    while i < doc.lines.len() {
        match doc.grid_table_end(i) {
            Some(end) => {
                if let Ok(grid) = Grid::parse(&doc, i, end) {
                    found.push(grid.table(&doc));
                }
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Converts a cell (or any small RST body) to Markdown: paragraphs separated by blank lines,
/// lists kept as lists, inline markup translated.
pub fn body_to_markdown(lines: &[&str]) -> String {
    let owned: Vec<String> = lines.iter().map(|l| l.trim_end().to_owned()).collect();
    render_blocks(&parse_blocks(&owned), "")
}

/// Converts RST inline markup to Markdown: `**b**` and `*i*` stay, ``` ``lit`` ``` becomes
/// `` `lit` ``, roles and references keep their visible text, escapes are resolved.
pub fn inline_to_markdown(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some(next) if next.is_whitespace() => i += 2,
                Some(&next) => {
                    out.push(next);
                    i += 2;
                }
                None => i += 1,
            }
            continue;
        }
        let starts_markup = i == 0 || is_markup_opener(chars[i - 1]);
        if starts_markup {
            if let Some((rendered, next)) = inline_markup_at(&chars, i) {
                out.push_str(&rendered);
                i = next;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Source text split into lines with their byte offsets.
struct Document<'a> {
    text: &'a str,
    lines: Vec<&'a str>,
    starts: Vec<usize>,
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
        Document { text, lines, starts }
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

    /// If a grid table starts at line `i`, the index one past its last line.
    fn grid_table_end(&self, i: usize) -> Option<usize> {
        let first = self.lines[i];
        let indent = first.len() - first.trim_start().len();
        let top = first.trim();
        if !(top.starts_with("+-") || top.starts_with("+="))
            || !top.ends_with('+')
            || !top.chars().all(|c| matches!(c, '+' | '-' | '='))
        {
            return None;
        }
        let mut end = i + 1;
        while end < self.lines.len() {
            let line = self.lines[end];
            let own_indent = line.len() - line.trim_start().len();
            let body = line.trim_start();
            if own_indent != indent || !(body.starts_with('|') || body.starts_with('+')) {
                break;
            }
            end += 1;
        }
        (end > i + 1).then_some(end)
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

/// Pad placed after a double-width character so that grid columns line up by display width.
const WIDE_PAD: char = '\u{0}';

/// One cell of a grid: its corners in grid coordinates and its text lines.
struct Cell {
    top: usize,
    left: usize,
    bottom: usize,
    right: usize,
}

/// A grid table laid out as a rectangle of characters (one per display column).
struct Grid {
    /// First document line of the table.
    first_line: usize,
    /// Leading spaces of the table in the document.
    indent: usize,
    rows: Vec<Vec<char>>,
    /// Byte offset of each grid column in each document line.
    byte_columns: Vec<Vec<usize>>,
    /// Grid line of the `+===+` header separator, if any.
    head_separator: Option<usize>,
    cells: Vec<Cell>,
}

impl Grid {
    fn parse(doc: &Document, start: usize, end: usize) -> Result<Grid, String> {
        let indent = doc.lines[start].len() - doc.lines[start].trim_start().len();
        let mut rows = Vec::new();
        let mut byte_columns = Vec::new();
        let mut head_separator = None;
        for (n, line) in doc.lines[start..end].iter().enumerate() {
            let body = line[indent..].trim_end();
            let mut row = Vec::with_capacity(body.len());
            let mut cols = Vec::with_capacity(body.len());
            for (offset, c) in body.char_indices() {
                row.push(c);
                cols.push(indent + offset);
                if char_width(c) == 2 {
                    row.push(WIDE_PAD);
                    cols.push(indent + offset);
                }
            }
            if n > 0 && body.starts_with("+=") && body.chars().all(|c| matches!(c, '+' | '=')) {
                if head_separator.is_some() {
                    return Err("more than one header separator (`+===+`)".into());
                }
                head_separator = Some(n);
                row = row.into_iter().map(|c| if c == '=' { '-' } else { c }).collect();
            }
            rows.push(row);
            byte_columns.push(cols);
        }
        let width = rows[0].len();
        if let Some(n) = rows.iter().position(|r| r.len() != width) {
            return Err(format!(
                "line {} is {} columns wide but the table's top border is {width}; \
                 every line of a grid table must end at the same column",
                start + n + 1,
                rows[n].len()
            ));
        }
        let mut grid =
            Grid { first_line: start, indent, rows, byte_columns, head_separator, cells: Vec::new() };
        grid.scan_cells()?;
        Ok(grid)
    }

    fn at(&self, row: usize, col: usize) -> char {
        self.rows.get(row).and_then(|r| r.get(col)).copied().unwrap_or(' ')
    }

    fn bottom(&self) -> usize {
        self.rows.len() - 1
    }

    fn right(&self) -> usize {
        self.rows[0].len() - 1
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
    /// character sits in the grid.
    fn cell_lines(&self, cell: &Cell) -> (Vec<String>, Option<(usize, usize)>) {
        let mut lines: Vec<String> = (cell.top + 1..cell.bottom)
            .map(|row| {
                self.rows[row][cell.left + 1..cell.right]
                    .iter()
                    .filter(|&&c| c != WIDE_PAD)
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect();
        let indent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| l.chars().take_while(|c| *c == ' ').count())
            .min()
            .unwrap_or(0);
        let mut first = None;
        for (n, line) in lines.iter_mut().enumerate() {
            if line.is_empty() {
                continue;
            }
            *line = line.chars().skip(indent).collect();
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
            header[column_of(cell.left)] =
                lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ");
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
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
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
        let byte_in_line = self.byte_columns[row].get(grid_col).copied().unwrap_or(self.indent);
        let start = doc.starts[line];
        let offset = floor_char_boundary(doc.text, (start + byte_in_line).min(doc.text.len()));
        let column = doc.text.get(start..offset).map_or(0, |l| l.chars().count()) as u32 + 1;
        SourcePos { line: line as u32 + 1, column, offset }
    }
}

/// A block of a cell's body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Paragraph(String),
    BulletList(Vec<Vec<Block>>),
    EnumeratedList(Vec<Vec<Block>>),
    Literal(String),
    Quote(Vec<Block>),
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The width of a list marker at the start of `line` (marker plus following spaces), if any.
fn list_marker(line: &str) -> Option<(bool, usize)> {
    let bytes = line.as_bytes();
    let (bulleted, marker_len) = match bytes.first()? {
        b'-' | b'*' | b'+' => (true, 1),
        _ if line.starts_with('•') => (true, '•'.len_utf8()),
        b'#' if bytes.get(1) == Some(&b'.') => (false, 2),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if !matches!(bytes.get(digits), Some(b'.') | Some(b')')) {
                return None;
            }
            (false, digits + 1)
        }
        _ => return None,
    };
    match &line[marker_len..] {
        "" => Some((bulleted, marker_len + 1)),
        rest if rest.starts_with(' ') => Some((bulleted, marker_len + indent_of(rest))),
        _ => None,
    }
}

fn parse_blocks(lines: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        if indent_of(line) > 0 {
            // An indented block is a block quote (or a literal block after `::`).
            let end = block_end(lines, i, 1);
            let inner: Vec<String> = dedent(&lines[i..end]);
            if let Some(Block::Paragraph(p)) = blocks.last_mut() {
                if p.ends_with("::") {
                    p.truncate(p.len() - if p.ends_with(" ::") { 3 } else { 1 });
                    blocks.push(Block::Literal(trim_blank_lines(&inner).join("\n")));
                    i = end;
                    continue;
                }
            }
            blocks.push(Block::Quote(parse_blocks(&inner)));
            i = end;
            continue;
        }
        if let Some((bulleted, _)) = list_marker(line) {
            let mut items = Vec::new();
            while i < lines.len() {
                let Some((same_kind, width)) = list_marker(&lines[i]) else {
                    break;
                };
                if same_kind != bulleted {
                    break;
                }
                let end = block_end(lines, i + 1, width);
                let mut item = vec![lines[i].get(width..).unwrap_or("").to_owned()];
                item.extend(lines[i + 1..end].iter().map(|l| l.get(width..).unwrap_or("").to_owned()));
                items.push(parse_blocks(&item));
                i = end;
                // Blank lines between items are allowed; anything else ends the list.
                let mut j = i;
                while j < lines.len() && lines[j].trim().is_empty() {
                    j += 1;
                }
                if j < lines.len() && list_marker(&lines[j]).is_some_and(|(b, _)| b == bulleted) {
                    i = j;
                } else {
                    break;
                }
            }
            blocks.push(if bulleted { Block::BulletList(items) } else { Block::EnumeratedList(items) });
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].trim().is_empty() && (i == start || indent_of(&lines[i]) == 0) {
            i += 1;
        }
        let text = lines[start..i].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        blocks.push(Block::Paragraph(text));
    }
    blocks
}

/// One past the last line of a block whose continuation lines are indented by at least
/// `indent` (blank lines included, trailing blank lines excluded).
fn block_end(lines: &[String], from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut last_content = from;
    while end < lines.len() {
        let line = &lines[end];
        if line.trim().is_empty() {
            end += 1;
            continue;
        }
        if indent_of(line) < indent {
            break;
        }
        end += 1;
        last_content = end;
    }
    last_content
}

fn dedent(lines: &[String]) -> Vec<String> {
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent_of(l)).min().unwrap_or(0);
    lines.iter().map(|l| l.get(indent..).unwrap_or("").to_owned()).collect()
}

fn trim_blank_lines(lines: &[String]) -> Vec<String> {
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(start, |e| e + 1);
    lines[start..end].to_vec()
}

fn render_blocks(blocks: &[Block], indent: &str) -> String {
    let rendered: Vec<String> = blocks.iter().map(|b| render_block(b, indent)).collect();
    rendered.join(&format!("\n{indent}\n{indent}")).replace(&format!("{indent}\n"), "\n")
}

fn render_block(block: &Block, indent: &str) -> String {
    match block {
        Block::Paragraph(text) => inline_to_markdown(text),
        Block::Literal(text) => {
            let body = text.replace('\n', &format!("\n{indent}"));
            format!("```\n{indent}{body}\n{indent}```")
        }
        Block::Quote(inner) => {
            let inner_indent = format!("{indent}> ");
            format!("> {}", render_blocks(inner, &inner_indent))
        }
        Block::BulletList(items) | Block::EnumeratedList(items) => {
            let bulleted = matches!(block, Block::BulletList(_));
            items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let marker = if bulleted { "- ".to_owned() } else { format!("{}. ", n + 1) };
                    let inner_indent = format!("{indent}{}", " ".repeat(marker.len()));
                    format!("{marker}{}", render_blocks(item, &inner_indent))
                })
                .collect::<Vec<_>>()
                .join(&format!("\n{indent}"))
        }
    }
}

fn is_markup_opener(prev: char) -> bool {
    prev.is_whitespace() || matches!(prev, '(' | '[' | '{' | '<' | '\'' | '"' | '-' | '/' | ':' | '\u{0}')
}

/// Inline markup starting at `i`: its Markdown rendering and the index after it.
fn inline_markup_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let rest = &chars[i..];
    let starts = |s: &str| rest.iter().copied().take(s.chars().count()).eq(s.chars());
    if starts("**") {
        let (inner, next) = closed_by(chars, i + 2, "**")?;
        return Some((format!("**{}**", inline_to_markdown(&inner)), next));
    }
    if starts("``") {
        let (inner, next) = closed_by(chars, i + 2, "``")?;
        return Some((format!("`{inner}`"), next));
    }
    if starts(":") {
        // :role:`text` or :role:`text <target>`
        let name_len = rest[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .count();
        let after = 1 + name_len;
        if name_len >= 2 && rest.get(after - 1) == Some(&':') && rest.get(after) == Some(&'`') {
            let role: String = rest[1..after - 1].iter().collect();
            let (inner, next) = closed_by(chars, i + after + 1, "`")?;
            let text = reference_text(&inner);
            let rendered = match role.as_str() {
                "code" | "literal" | "command" | "file" | "samp" => format!("`{text}`"),
                "strong" => format!("**{text}**"),
                "emphasis" => format!("*{text}*"),
                _ => text,
            };
            return Some((rendered, next));
        }
        return None;
    }
    if starts("`") {
        let (inner, mut next) = closed_by(chars, i + 1, "`")?;
        if chars.get(next) == Some(&'_') {
            next += 1;
            if chars.get(next) == Some(&'_') {
                next += 1;
            }
            return Some((hyperlink(&inner), next));
        }
        return Some((format!("*{}*", inner), next));
    }
    if starts("*") {
        let (inner, next) = closed_by(chars, i + 1, "*")?;
        return Some((format!("*{}*", inline_to_markdown(&inner)), next));
    }
    None
}

/// Finds `end` closing markup opened just before `from`: content must not start or end with
/// whitespace, and the closer must be followed by whitespace, punctuation or the end.
fn closed_by(chars: &[char], from: usize, end: &str) -> Option<(String, usize)> {
    let end: Vec<char> = end.chars().collect();
    if chars.get(from).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut j = from + 1;
    while j + end.len() <= chars.len() {
        if chars[j..j + end.len()] == end[..] && !chars[j - 1].is_whitespace() && chars[j - 1] != '\\' {
            let after = chars.get(j + end.len());
            if after.is_none_or(|c| c.is_whitespace() || (c.is_ascii_punctuation() && *c != end[0])) {
                return Some((chars[from..j].iter().collect(), j + end.len()));
            }
        }
        j += 1;
    }
    None
}

/// `Endpoint <ocr_03_0062>` → `Endpoint`.
fn reference_text(inner: &str) -> String {
    match (inner.rfind('<'), inner.ends_with('>')) {
        (Some(open), true) if open > 0 => inner[..open].trim_end().to_owned(),
        _ => inner.to_owned(),
    }
}

/// `` `text <https://…>`_ `` → `[text](https://…)`; a reference to a local target keeps its text.
fn hyperlink(inner: &str) -> String {
    let text = reference_text(inner);
    match (inner.rfind('<'), inner.ends_with('>')) {
        (Some(open), true) if open > 0 && inner[open + 1..].contains("://") => {
            format!("[{text}]({})", &inner[open + 1..inner.len() - 1])
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_becomes_markdown() {
        assert_eq!(inline_to_markdown("**true** or **false**"), "**true** or **false**");
        assert_eq!(inline_to_markdown("see :ref:`Endpoint <ocr_03_0062>`."), "see Endpoint.");
        assert_eq!(inline_to_markdown("use ``curl``"), "use `curl`");
        assert_eq!(inline_to_markdown("4\\ *xx* or 5\\ *xx*"), "4*xx* or 5*xx*");
        assert_eq!(inline_to_markdown("`docs <https://example.com>`_"), "[docs](https://example.com)");
        assert_eq!(inline_to_markdown("a*b and 2 * 3"), "a*b and 2 * 3");
    }

    #[test]
    fn bodies_keep_paragraphs_and_lists() {
        let body = ["Check:", "", "-  one", "   continued", "-  two", "", "After."];
        expect_test::expect![[r#"
            Check:

            - one continued
            - two

            After."#]]
        .assert_eq(&body_to_markdown(&body));
    }
}
