//! Loose matching of table headers to entry fields, shared by the table importers.

use super::{ImportedEntry, SourcePos};

/// What a table column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Code,
    Category,
    Message,
    Description,
    Solution,
    /// Any other column, kept under its own header.
    Extra(String),
}

impl Column {
    /// Reads a header cell: case, spacing and punctuation are ignored, and common synonyms
    /// (`Error Code`/`Code`, `Solution`/`Handling`, …) are accepted.
    pub fn from_header(header: &str) -> Column {
        let key: String =
            header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
        match key.as_str() {
            "code" | "errorcode" | "errcode" | "errorcodes" | "codes" | "returncode" | "statuscode"
            | "errorid" | "id" => Column::Code,
            "category" | "type" | "errortype" | "module" | "group" | "class" | "kind" => Column::Category,
            "message" | "errormessage" | "errormsg" | "msg" | "errorinformation" | "errorinfo" | "title"
            | "name" => Column::Message,
            "description" | "desc" | "details" | "detail" | "meaning" | "cause" | "reason"
            | "explanation" | "errordescription" => Column::Description,
            "solution" | "solutions" | "handling" | "handlingmethod" | "resolution" | "fix" | "action"
            | "remedy" | "measures" | "measure" | "suggestion" | "suggestions" | "howtofix" | "whattodo" => {
                Column::Solution
            }
            _ => Column::Extra(header.trim().to_owned()),
        }
    }
}

/// Whether a header row describes an error-code table.
pub fn is_code_table(columns: &[Column]) -> bool {
    columns.contains(&Column::Code)
}

/// Whether a code cell holds a code (one token) rather than prose such as "If other error codes
/// cannot be rectified, contact technical support.".
pub fn looks_like_code(cell: &str) -> bool {
    let cell = cell.trim();
    !cell.is_empty()
        && cell.len() <= 80
        && !cell.chars().any(char::is_whitespace)
        && cell.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Strips Markdown emphasis and code quoting from a code cell (`**AIS.0101**`, `` `E1` ``).
pub fn bare_code(cell: &str) -> &str {
    cell.trim().trim_matches(|c| c == '*' || c == '`').trim()
}

/// One data row of a table, cells already converted to Markdown, assigned to entry fields.
/// `category` is the fallback (inherited from the row above, or the section heading).
pub fn entry_from_row(
    columns: &[Column],
    cells: &[String],
    code_pos: SourcePos,
    category: Option<&str>,
) -> ImportedEntry {
    let mut entry = ImportedEntry { pos: code_pos, ..Default::default() };
    for (column, cell) in columns.iter().zip(cells) {
        let cell = cell.trim();
        match column {
            Column::Code => entry.code = bare_code(cell).to_owned(),
            Column::Category => {
                if !cell.is_empty() {
                    entry.category = Some(cell.to_owned());
                }
            }
            Column::Message => entry.message = cell.to_owned(),
            Column::Description => entry.description = cell.to_owned(),
            Column::Solution => entry.solution = cell.to_owned(),
            Column::Extra(header) => {
                if !cell.is_empty() {
                    entry.extra.push((header.clone(), cell.to_owned()));
                }
            }
        }
    }
    if entry.category.is_none() {
        entry.category = category.map(str::to_owned);
    }
    entry
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        assert_eq!(Column::from_header(" Error Code "), Column::Code);
        assert_eq!(Column::from_header("error_code"), Column::Code);
        assert_eq!(Column::from_header("Error Message"), Column::Message);
        assert_eq!(Column::from_header("Handling"), Column::Solution);
        assert_eq!(Column::from_header("HTTP Status"), Column::Extra("HTTP Status".into()));
    }

    #[test]
    fn prose_in_a_code_cell_is_not_a_code() {
        assert!(looks_like_code("AIS.0101"));
        assert!(looks_like_code("**E1001**"));
        assert!(!looks_like_code("If other error codes cannot be rectified, contact support."));
        assert!(!looks_like_code(""));
    }
}
