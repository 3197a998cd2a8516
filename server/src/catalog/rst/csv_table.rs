//! `.. csv-table::`: comma-separated rows, inline or from a `:file:`, read as docutils'
//! `CSVTable` reads them — Python's `csv` module with `skipinitialspace` and strict quoting,
//! `:delim:`, `:quote:`, `:escape:` and `:keepspace:` honoured, `:header:` adding header rows
//! before the `:header-rows:` taken from the data. Each field is a small RST body.
//!
//! **Invariant:** no IO: the text of a `:file:` comes from the resolver; a file it cannot
//! supply is a problem naming the file, and the rest of the document still loads. Fields of a
//! `:file:` table are positioned at the directive.

use super::{Directive, Document, Line, Resolver, Table, TableRow, body_to_markdown, split_header};
use crate::catalog::{ProblemKind, SourcePos};

/// Reads the csv-table `directive`, asking `resolve` for a `:file:`.
pub(super) fn parse(doc: &Document, directive: &Directive, resolve: Resolver) -> Result<Table, ProblemKind> {
    let bad = |reason: String| ProblemKind::BadTable(format!("csv-table: {reason}"));
    let dialect = Dialect::new(directive).map_err(bad)?;
    let file_text;
    let data: Vec<Line> = match directive.option("file") {
        Some(_) if !directive.content.is_empty() => {
            return Err(bad("it has both a `:file:` and content; give one of them".into()));
        }
        Some(name) => {
            file_text = resolve(name).ok_or_else(|| bad(format!("its `:file:` {name} cannot be read")))?;
            // Positions in another file cannot be given in this document: every field points
            // at the directive.
            file_text.lines().map(|text| Line { text, offset: usize::MAX }).collect()
        }
        None => directive.content.clone(),
    };
    if data.is_empty() {
        return Err(bad("it has no rows (give content or a `:file:`)".into()));
    }
    let anchor = doc.pos(doc.starts[directive.line] + super::indent_of(doc.lines[directive.line]));
    let mut rows = Vec::new();
    if let Some(header) = directive.option("header") {
        let header_lines: Vec<Line> =
            header.split('\n').map(|text| Line { text, offset: usize::MAX }).collect();
        rows.extend(read_rows(&header_lines, &dialect).map_err(bad)?);
    }
    let header_rows = rows.len() + directive.header_rows();
    rows.extend(read_rows(&data, &dialect).map_err(bad)?);
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let table_rows = rows
        .iter()
        .map(|fields| {
            let (cells, positions) = fields
                .iter()
                .map(|field| {
                    let text = body_to_markdown(&field.text.lines().collect::<Vec<_>>());
                    let pos = field_pos(doc, field, anchor);
                    let pos = (!text.is_empty()).then_some(pos);
                    (text, pos)
                })
                .unzip();
            TableRow { cells, positions }
        })
        .collect();
    Ok(split_header(directive.line as u32 + 1, table_rows, header_rows, columns))
}

/// Where a field's text starts: in the document for inline data, else the directive.
fn field_pos(doc: &Document, field: &Field, anchor: SourcePos) -> SourcePos {
    if field.offset == usize::MAX { anchor } else { doc.pos(field.first_text) }
}

/// One CSV field: its unquoted text, and the document offsets of its start and first
/// non-blank character (`usize::MAX` when it is not in the document).
struct Field {
    text: String,
    offset: usize,
    first_text: usize,
}

/// The CSV dialect of a directive (docutils' `DocutilsDialect`).
struct Dialect {
    delimiter: char,
    quote: char,
    escape: Option<char>,
    skip_initial_space: bool,
}

impl Dialect {
    fn new(directive: &Directive) -> Result<Dialect, String> {
        let one_char = |name: &str| -> Result<Option<char>, String> {
            let Some(value) = directive.option(name) else { return Ok(None) };
            let value = match value {
                "tab" => "\t",
                "space" => " ",
                other => other,
            };
            let mut chars = value.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Some(c)),
                _ => Err(format!("`:{name}:` must be one character, not `{value}`")),
            }
        };
        Ok(Dialect {
            delimiter: one_char("delim")?.unwrap_or(','),
            quote: one_char("quote")?.unwrap_or('"'),
            escape: one_char("escape")?,
            skip_initial_space: directive.option("keepspace").is_none(),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    Escaped,
    InField,
    InQuoted,
    EscapedInQuoted,
    QuoteInQuoted,
}

/// Python's `csv.reader` (strict) over `lines`, each ended by a newline: rows of fields. A blank
/// line is an empty row.
fn read_rows(lines: &[Line], dialect: &Dialect) -> Result<Vec<Vec<Field>>, String> {
    let mut rows = Vec::new();
    let mut row: Vec<Field> = Vec::new();
    let mut state = State::StartRecord;
    let mut field = Field { text: String::new(), offset: usize::MAX, first_text: usize::MAX };
    let located =
        |line: &Line, at: usize| if line.offset == usize::MAX { usize::MAX } else { line.offset + at };
    for (n, line) in lines.iter().enumerate() {
        let chars = line.text.char_indices().map(|(at, c)| (located(line, at), c));
        for (offset, c) in chars.chain(std::iter::once((located(line, line.text.len()), '\n'))) {
            let add = |field: &mut Field, c: char| {
                if field.offset == usize::MAX {
                    field.offset = offset;
                }
                if field.first_text == usize::MAX && !c.is_whitespace() {
                    field.first_text = offset;
                }
                field.text.push(c);
            };
            let save = |field: &mut Field, row: &mut Vec<Field>| {
                row.push(std::mem::replace(
                    field,
                    Field { text: String::new(), offset: usize::MAX, first_text: usize::MAX },
                ));
            };
            state = match state {
                State::StartRecord | State::StartField => {
                    if c == '\n' {
                        if state == State::StartField {
                            save(&mut field, &mut row);
                        }
                        rows.push(std::mem::take(&mut row));
                        State::StartRecord
                    } else if c == dialect.quote {
                        State::InQuoted
                    } else if Some(c) == dialect.escape {
                        State::Escaped
                    } else if c == ' ' && dialect.skip_initial_space {
                        State::StartField
                    } else if c == dialect.delimiter {
                        save(&mut field, &mut row);
                        State::StartField
                    } else {
                        add(&mut field, c);
                        State::InField
                    }
                }
                State::Escaped => {
                    add(&mut field, c);
                    State::InField
                }
                State::InField => {
                    if c == '\n' {
                        save(&mut field, &mut row);
                        rows.push(std::mem::take(&mut row));
                        State::StartRecord
                    } else if Some(c) == dialect.escape {
                        State::Escaped
                    } else if c == dialect.delimiter {
                        save(&mut field, &mut row);
                        State::StartField
                    } else {
                        add(&mut field, c);
                        State::InField
                    }
                }
                State::InQuoted => {
                    if Some(c) == dialect.escape {
                        State::EscapedInQuoted
                    } else if c == dialect.quote {
                        if dialect.escape.is_none() { State::QuoteInQuoted } else { State::InField }
                    } else {
                        add(&mut field, c);
                        State::InQuoted
                    }
                }
                State::EscapedInQuoted => {
                    add(&mut field, c);
                    State::InQuoted
                }
                State::QuoteInQuoted => {
                    if c == dialect.quote {
                        add(&mut field, c);
                        State::InQuoted
                    } else if c == dialect.delimiter {
                        save(&mut field, &mut row);
                        State::StartField
                    } else if c == '\n' {
                        save(&mut field, &mut row);
                        rows.push(std::mem::take(&mut row));
                        State::StartRecord
                    } else {
                        return Err(format!(
                            "line {} of its data: `{}` expected after `{}`",
                            n + 1,
                            dialect.delimiter,
                            dialect.quote
                        ));
                    }
                }
            };
        }
    }
    if state != State::StartRecord {
        return Err("its data ends inside a quoted field".into());
    }
    Ok(rows)
}
