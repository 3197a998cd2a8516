//! What each column of a table holds: header cells are matched against one table of synonyms
//! ([`SYNONYMS`]), and the code column is chosen among the candidates. Shared by every table
//! importer through [`super::table`].
//!
//! **Invariant:** knows header words and cell shapes only; never reads a document's syntax.

use super::{ImportedEntry, SourcePos};

/// What a table column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Code,
    Category,
    Message,
    Description,
    Solution,
    /// The HTTP status answered with the code (`400`, `301 Moved Permanently`).
    Status,
    /// Any other column, kept under its own header.
    Extra(String),
}

impl Column {
    /// The role's name as users read it in reports.
    pub fn label(&self) -> &str {
        match self {
            Column::Code => "code",
            Column::Category => "category",
            Column::Message => "message",
            Column::Description => "description",
            Column::Solution => "solution",
            Column::Status => "HTTP status",
            Column::Extra(_) => "extra field",
        }
    }
}

/// How strongly a header names the code column: a table with two code-like columns takes the
/// stronger (`Error Code` over `Code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Strong,
    Weak,
}

/// A role a header can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Code(Key),
    Category,
    Message,
    Description,
    Solution,
    Status,
}

/// Every header the importers understand, written as read after [`normalize`] (lower case,
/// letters and digits only). One line per synonym; the test below checks each one.
const SYNONYMS: &[(&str, Role)] = &[
    ("errorcode", Role::Code(Key::Strong)),
    ("errorcodes", Role::Code(Key::Strong)),
    ("errcode", Role::Code(Key::Strong)),
    ("errorid", Role::Code(Key::Strong)),
    ("returncode", Role::Code(Key::Strong)),
    ("code", Role::Code(Key::Weak)),
    ("codes", Role::Code(Key::Weak)),
    ("id", Role::Code(Key::Weak)),
    ("statuscode", Role::Status),
    ("statuscodes", Role::Status),
    ("httpstatuscode", Role::Status),
    ("httpstatus", Role::Status),
    ("httpcode", Role::Status),
    ("httpresponsecode", Role::Status),
    ("responsecode", Role::Status),
    ("status", Role::Status),
    ("category", Role::Category),
    ("type", Role::Category),
    ("errortype", Role::Category),
    ("module", Role::Category),
    ("group", Role::Category),
    ("class", Role::Category),
    ("kind", Role::Category),
    ("message", Role::Message),
    ("errormessage", Role::Message),
    ("errormsg", Role::Message),
    ("errmsg", Role::Message),
    ("msg", Role::Message),
    ("errorinformation", Role::Message),
    ("errorinfo", Role::Message),
    ("title", Role::Message),
    ("name", Role::Message),
    ("description", Role::Description),
    ("desc", Role::Description),
    ("details", Role::Description),
    ("detail", Role::Description),
    ("meaning", Role::Description),
    ("cause", Role::Description),
    ("causes", Role::Description),
    ("possiblecause", Role::Description),
    ("possiblecauses", Role::Description),
    ("reason", Role::Description),
    ("explanation", Role::Description),
    ("errordescription", Role::Description),
    ("errorcodedescription", Role::Description),
    ("statuscodedescription", Role::Description),
    ("solution", Role::Solution),
    ("solutions", Role::Solution),
    ("handling", Role::Solution),
    ("handlingmethod", Role::Solution),
    ("handlingmeasure", Role::Solution),
    ("handlingmeasures", Role::Solution),
    ("measure", Role::Solution),
    ("measures", Role::Solution),
    ("troubleshooting", Role::Solution),
    ("resolution", Role::Solution),
    ("fix", Role::Solution),
    ("action", Role::Solution),
    ("remedy", Role::Solution),
    ("suggestion", Role::Solution),
    ("suggestions", Role::Solution),
    ("howtofix", Role::Solution),
    ("whattodo", Role::Solution),
];

/// A header cell reduced to what matters: lower case, letters and digits only.
fn normalize(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn role(header: &str) -> Option<Role> {
    let key = normalize(header);
    SYNONYMS.iter().find(|(synonym, _)| *synonym == key).map(|&(_, role)| role)
}

impl Column {
    /// Reads a header cell on its own: case, spacing and punctuation are ignored and every
    /// synonym of [`SYNONYMS`] is accepted. Which code-like column is *the* code column is a
    /// decision for the whole table: see [`Layout::read`].
    pub fn from_header(header: &str) -> Column {
        match role(header) {
            Some(Role::Code(_)) => Column::Code,
            Some(Role::Category) => Column::Category,
            Some(Role::Message) => Column::Message,
            Some(Role::Description) => Column::Description,
            Some(Role::Solution) => Column::Solution,
            Some(Role::Status) => Column::Status,
            None => Column::Extra(header.trim().to_owned()),
        }
    }
}

/// The columns of one table, decided together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub columns: Vec<Column>,
    /// The code column, if the table has one.
    pub code: Option<usize>,
}

impl Layout {
    /// Reads a header row. `cells(i)` gives the body cells of column `i`, looked at only when
    /// code-like columns compete: a column whose every cell starts with an HTTP status
    /// (`301 Moved Permanently`) is a status column, and of the rest the one named most like an
    /// error code (`Error Code` over `Code`), leftmost at equal strength, is the code column.
    /// The other candidates keep their header as an extra field. A plain `Code` column beside
    /// a status column, none of whose cells has a digit, holds reason phrases (`Continue`, `Bad
    /// Request`): the table lists HTTP statuses, not error codes, and has no code column.
    pub fn read<'c>(header: &[String], cells: impl Fn(usize) -> Vec<&'c str>) -> Layout {
        let roles: Vec<Option<Role>> = header.iter().map(|h| role(h)).collect();
        let mut columns: Vec<Column> = header.iter().map(|h| Column::from_header(h)).collect();
        let candidates: Vec<(usize, Key)> = roles
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Some(Role::Code(key)) => Some((i, *key)),
                _ => None,
            })
            .collect();
        let mut keys: Vec<(usize, Key)> = Vec::new();
        for &(i, key) in &candidates {
            if candidates.len() > 1 && column_holds_statuses(&cells(i)) {
                columns[i] = Column::Status;
            } else {
                keys.push((i, key));
            }
        }
        let mut code = keys.iter().min_by_key(|(i, key)| (*key, *i)).map(|&(i, _)| i);
        if let Some(&(i, Key::Weak)) = keys.iter().find(|(i, _)| Some(*i) == code)
            && columns.contains(&Column::Status)
            && !cells(i).iter().any(|c| c.bytes().any(|b| b.is_ascii_digit()))
        {
            columns[i] = Column::Message;
            keys.retain(|&(k, _)| k != i);
            code = None;
        }
        for &(i, _) in &keys {
            if Some(i) != code {
                columns[i] = Column::Extra(header[i].trim().to_owned());
            }
        }
        Layout { columns, code }
    }

    /// Headers kept as extra fields because no synonym matched them (empty headers aside).
    pub fn unrecognised<'h>(&self, header: &'h [String]) -> Vec<&'h str> {
        header
            .iter()
            .zip(&self.columns)
            .filter(|(h, c)| matches!(c, Column::Extra(_)) && role(h).is_none() && !h.trim().is_empty())
            .map(|(h, _)| h.trim())
            .collect()
    }

    /// Whether the header, though it has no code column, reads like an error-code table: it
    /// names a solution or a status, or a column mentions errors or messages (a `Name | Value`
    /// table does not). Such a table is reported rather than skipped in silence.
    pub fn looks_like_error_table(&self, header: &[String]) -> bool {
        self.code.is_none()
            && (self.columns.iter().any(|c| matches!(c, Column::Solution | Column::Status))
                || header.iter().map(|h| normalize(h)).any(|h| h.contains("error") || h.contains("message")))
    }

    /// `` `Error Type` (category), `Response Code` (HTTP status) `` — the header as read.
    pub fn describe(&self, header: &[String]) -> String {
        header
            .iter()
            .zip(&self.columns)
            .filter(|(h, _)| !h.trim().is_empty())
            .map(|(h, c)| format!("`{}` ({})", h.trim(), c.label()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Whether every non-empty cell starts with a three-digit HTTP status (`404`, `301 Moved
/// Permanently`).
fn column_holds_statuses(cells: &[&str]) -> bool {
    let mut any = false;
    for cell in cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !is_status(cell) {
            return false;
        }
        any = true;
    }
    any
}

/// `404`, `301 Moved Permanently`: a first token of three digits from 100 to 599.
pub fn is_status(cell: &str) -> bool {
    let first = cell.split_whitespace().next().unwrap_or("");
    first.len() == 3
        && first.bytes().all(|b| b.is_ascii_digit())
        && (b'1'..=b'5').contains(&first.as_bytes()[0])
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
            Column::Status => {
                if !cell.is_empty() {
                    entry.status = Some(cell.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
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

    /// The role a header takes on its own.
    fn check(header: &str, expected: Column) {
        assert_eq!(Column::from_header(header), expected, "header `{header}`");
    }

    #[test]
    fn every_synonym_is_read_in_its_written_form() {
        for header in
            ["Error Code", "Error Codes", "Err Code", "Error ID", "Return Code", "Code", "Codes", "ID"]
        {
            check(header, Column::Code);
        }
        for header in [
            "Status Code",
            "Status Codes",
            "HTTP Status Code",
            "HTTP Status",
            "HTTP Code",
            "HTTP Response Code",
            "Response Code",
            "Status",
        ] {
            check(header, Column::Status);
        }
        for header in ["Category", "Type", "Error Type", "Module", "Group", "Class", "Kind"] {
            check(header, Column::Category);
        }
        for header in [
            "Message",
            "Error Message",
            "Error Msg",
            "ErrMsg",
            "Msg",
            "Error Information",
            "Error Info",
            "Title",
            "Name",
        ] {
            check(header, Column::Message);
        }
        for header in [
            "Description",
            "Desc",
            "Details",
            "Detail",
            "Meaning",
            "Cause",
            "Causes",
            "Possible Cause",
            "Possible Causes",
            "Reason",
            "Explanation",
            "Error Description",
            "Error Code Description",
            "Status Code Description",
        ] {
            check(header, Column::Description);
        }
        for header in [
            "Solution",
            "Solutions",
            "Handling",
            "Handling Method",
            "Handling Measure",
            "Handling Measures",
            "Measure",
            "Measures",
            "Troubleshooting",
            "Resolution",
            "Fix",
            "Action",
            "Remedy",
            "Suggestion",
            "Suggestions",
            "How to Fix",
            "What to Do",
        ] {
            check(header, Column::Solution);
        }
    }

    #[test]
    fn the_synonyms_table_covers_each_header_once() {
        let mut keys: Vec<&str> = SYNONYMS.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a synonym is listed twice");
        assert!(SYNONYMS.iter().all(|(k, _)| normalize(k) == *k), "synonyms are written normalised");
    }

    #[test]
    fn headers_ignore_case_spacing_and_punctuation() {
        check(" error_code ", Column::Code);
        check("HTTP-Status", Column::Status);
        check("Remarks", Column::Extra("Remarks".into()));
    }

    fn layout(header: &[&str], columns: &[&[&'static str]]) -> Layout {
        let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
        Layout::read(&header, |i| columns.get(i).map_or_else(Vec::new, |c| c.to_vec()))
    }

    #[test]
    fn a_status_column_is_never_the_code_column() {
        let read =
            layout(&["Status Code", "Error Codes", "Error Message"], &[&["400"], &["APIG.0101"], &["x"]]);
        assert_eq!(read.code, Some(1));
        assert_eq!(read.columns[0], Column::Status);
    }

    #[test]
    fn a_code_like_column_of_statuses_is_a_status_column() {
        let statuses: &[&str] = &["301 Moved Permanently", "404"];
        let read = layout(&["Code", "Error Code"], &[statuses, &["E1"]]);
        assert_eq!((read.code, &read.columns[0]), (Some(1), &Column::Status));
    }

    #[test]
    fn a_code_column_of_reason_phrases_beside_a_status_makes_a_status_table() {
        let read =
            layout(&["Status Code", "Code", "Description"], &[&["100"], &["Continue", "Bad Request"], &[]]);
        assert_eq!((read.code, &read.columns[1]), (None, &Column::Message));
    }

    #[test]
    fn of_two_code_columns_the_one_named_like_an_error_code_wins() {
        let read = layout(&["Code", "Error Code"], &[&["A1"], &["E1"]]);
        assert_eq!(read.code, Some(1));
        assert_eq!(read.columns[0], Column::Extra("Code".into()));
    }

    #[test]
    fn an_error_type_table_has_no_code_column_and_says_what_it_found() {
        let header = ["Error Type".to_string(), "Response Code".into(), "Description".into()];
        let read = Layout::read(&header, |_| Vec::new());
        assert_eq!(read.code, None);
        assert!(read.looks_like_error_table(&header));
        assert_eq!(
            read.describe(&header),
            "`Error Type` (category), `Response Code` (HTTP status), `Description` (description)"
        );
    }

    #[test]
    fn statuses_start_with_three_digits() {
        assert!(is_status("301 Moved Permanently"));
        assert!(is_status("404"));
        assert!(!is_status("4040"));
        assert!(!is_status("APIG.0101"));
        assert!(!is_status("600"));
    }

    #[test]
    fn prose_in_a_code_cell_is_not_a_code() {
        assert!(looks_like_code("AIS.0101"));
        assert!(looks_like_code("**E1001**"));
        assert!(!looks_like_code("If other error codes cannot be rectified, contact support."));
        assert!(!looks_like_code(""));
    }
}
