//! The native catalog schema, read from JSON or TOML and printed by `errcode-ls codes --json`.
//!
//! ```json
//! { "name": "Payments API", "version": "2026-11", "source": "https://example.com/errors",
//!   "notes": ["Contact support for any other code."],
//!   "codes": [ { "code": "PAY-1001", "category": "Cards", "message": "Card declined.",
//!                "description": "…", "solution": "…", "extra": { "HTTP Status": "402" } } ] }
//! ```
//! In TOML the same keys are used, with each entry as a `[[codes]]` table. Every field but
//! `code` is optional. Entries are read one by one, so a malformed entry is reported and the
//! others are kept.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Catalog, Entry, Import, ImportedEntry, Positions, Problem, ProblemKind, SourcePos};

/// A whole catalog document in the native schema.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NativeCatalog {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Which edition of the catalog this is (a version or a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Where the catalog comes from: the URL of the page it reproduces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(default)]
    pub codes: Vec<NativeEntry>,
}

/// One entry in the native schema. `catalog` and `source` are written by `codes --json` to say
/// where an entry was loaded from; they are ignored when reading.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NativeEntry {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub solution: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<NativeSource>,
}

/// Where an entry is defined.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NativeSource {
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl NativeEntry {
    /// The schema form of a loaded entry, with its origin.
    pub fn from_entry(catalog: &Catalog, entry: &Entry) -> Self {
        let source = catalog.source(entry.source);
        NativeEntry {
            code: entry.code.clone(),
            category: entry.category.clone(),
            message: entry.message.clone(),
            description: entry.description.clone(),
            solution: entry.solution.clone(),
            extra: entry.extra.iter().cloned().collect(),
            catalog: Some(source.name.clone()),
            source: Some(NativeSource {
                file: source.display_path(),
                line: entry.pos.line,
                column: entry.pos.column,
            }),
        }
    }
}

/// Reads a JSON catalog.
pub fn parse_json(file: &str, text: &str) -> Import {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => from_value(file, text, value, |v| {
            serde_json::from_value::<NativeEntry>(v).map_err(|e| e.to_string())
        }),
        Err(e) => syntax_error(file, Some(e.line() as u32), e.to_string()),
    }
}

/// Reads a TOML catalog.
pub fn parse_toml(file: &str, text: &str) -> Import {
    match toml::from_str::<serde_json::Value>(text) {
        Ok(value) => from_value(file, text, value, |v| {
            serde_json::from_value::<NativeEntry>(v).map_err(|e| e.to_string())
        }),
        Err(e) => {
            let line = e.span().map(|span| SourcePos::at(text, span.start).line);
            syntax_error(file, line, e.message().to_owned())
        }
    }
}

fn syntax_error(file: &str, line: Option<u32>, message: String) -> Import {
    Import { problems: vec![Problem::new(file, line, ProblemKind::Syntax(message))], ..Default::default() }
}

fn from_value(
    file: &str,
    text: &str,
    value: serde_json::Value,
    entry: impl Fn(serde_json::Value) -> Result<NativeEntry, String>,
) -> Import {
    let mut import = Import::default();
    let serde_json::Value::Object(mut root) = value else {
        return syntax_error(file, Some(1), "expected a table/object with a `codes` list".into());
    };
    import.title = root.get("name").and_then(|n| n.as_str()).map(str::to_owned);
    import.version = root.get("version").and_then(|v| v.as_str()).map(str::to_owned);
    import.url = root.get("source").and_then(|s| s.as_str()).map(str::to_owned);
    if let Some(notes) = root.get("notes").and_then(|n| n.as_array()) {
        import.notes = notes.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect();
    }
    let codes = match root.remove("codes") {
        Some(serde_json::Value::Array(codes)) => codes,
        Some(_) => return syntax_error(file, None, "`codes` must be a list of entries".into()),
        None => return syntax_error(file, None, "missing `codes` list".into()),
    };
    // Positions are found by searching for each code's quoted text, in document order.
    let positions = Positions::new(text);
    let mut search_from = 0;
    for (n, value) in codes.into_iter().enumerate() {
        match entry(value) {
            Ok(native) if native.code.trim().is_empty() => {
                import.problems.push(Problem::new(file, None, ProblemKind::MissingCode))
            }
            Ok(native) => {
                let offset = find_quoted(text, &native.code, search_from);
                search_from = offset.map_or(search_from, |o| o + native.code.len());
                let pos = offset.map(|o| positions.at(o)).unwrap_or_default();
                import.entries.push(ImportedEntry {
                    code: native.code.trim().to_owned(),
                    category: native.category.filter(|c| !c.is_empty()),
                    message: native.message,
                    description: native.description,
                    solution: native.solution,
                    extra: native.extra.into_iter().collect(),
                    pos,
                });
            }
            Err(message) => import.problems.push(Problem::new(
                file,
                None,
                ProblemKind::Syntax(format!("entry {} of `codes`: {message}", n + 1)),
            )),
        }
    }
    import
}

/// Byte offset of the text inside the first `"code"` or `'code'` at or after `from`. One forward
/// search for the code itself, so that finding every entry in turn stays linear.
fn find_quoted(text: &str, code: &str, from: usize) -> Option<usize> {
    if code.is_empty() {
        return None;
    }
    let rest = text.get(from..)?;
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(rest.as_bytes(), code.as_bytes()).map(|i| from + i).find(|&start| {
        let end = start + code.len();
        let before = start.checked_sub(1).map(|i| bytes[i]);
        matches!(before, Some(b'"' | b'\'')) && bytes.get(end).copied() == before
    })
}
