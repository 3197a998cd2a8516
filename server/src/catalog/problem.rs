//! Problems found while loading catalogs: each names its file and, where known, its line.

/// Something wrong with a catalog document. Loading goes on; the problem is reported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {kind}", location(file, *line))]
pub struct Problem {
    /// The document, as shown to users (a path, or `builtin:<name>`).
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn new(file: &str, line: Option<u32>, kind: ProblemKind) -> Self {
        Problem { file: file.to_owned(), line, kind }
    }

    /// How loudly to report it: information for what loads but may deserve a look (a column
    /// kept as an extra field), a warning for what was lost.
    pub fn severity(&self) -> Severity {
        match self.kind {
            ProblemKind::UnrecognisedColumns { .. } => Severity::Information,
            _ => Severity::Warning,
        }
    }
}

/// A problem's weight, shown as such by the command line and the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Information,
    Warning,
}

fn location(file: &str, line: Option<u32>) -> String {
    match line {
        Some(line) => format!("{file}:{line}"),
        None => file.to_owned(),
    }
}

/// What kind of problem; callers match on this (e.g. to decide what to show in an editor).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProblemKind {
    #[error("cannot read catalog: {0}")]
    Unreadable(String),
    #[error("no error-code table found (a table needs a column named `Code` or `Error Code`)")]
    NoEntries,
    #[error("the error-code tables hold no code: every code cell is prose (kept as notes)")]
    OnlyNotes,
    #[error("table without an error-code column is skipped; its header reads {found}")]
    NoCodeColumn { found: String },
    #[error("{}", unrecognised(columns))]
    UnrecognisedColumns { columns: Vec<String> },
    #[error("malformed table: {0}")]
    BadTable(String),
    #[error("duplicate code `{code}` (first defined at {first}); this row is ignored")]
    DuplicateCode { code: String, first: String },
    #[error("invalid catalog: {0}")]
    Syntax(String),
    #[error("entry without a code is ignored")]
    MissingCode,
}

fn unrecognised(columns: &[String]) -> String {
    let names = columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
    match columns.len() {
        1 => format!("column {names} is not a known header; its cells are kept as an extra field"),
        _ => format!("columns {names} are not known headers; their cells are kept as extra fields"),
    }
}
