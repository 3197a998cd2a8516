//! The native catalog schema, read from JSON or TOML and printed by `errcode-ls codes --json`.
//!
//! ```json
//! { "name": "Payments API", "version": "2026-11", "source": "https://example.com/errors",
//!   "notes": ["Contact support for any other code."],
//!   "codes": [ { "code": "PAY-1001", "category": "Cards", "message": "Card declined.",
//!                "description": "…", "solution": "…", "status": "402",
//!                "extra": { "Module": "Checkout" } } ] }
//! ```
//! In TOML the same keys are used, with each entry as a `[[codes]]` table. Every field but
//! `code` is optional; `status` may be a string or a number (an `extra` field named like a status,
//! `HTTP Status`, is read as the status). Entries are read one by one, so a
//! malformed entry is reported and the others are kept. A code listed several times is kept as
//! the catalog keeps it: one entry per variant. Each entry's position is its `code` value.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::headers::Column;
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
    /// The HTTP status answered with the code.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "string_or_number")]
    pub status: Option<String>,
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
            status: entry.status.clone(),
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
    if let Ok(typed) = serde_json::from_str::<Typed>(text) {
        return typed.import(file, text);
    }
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => from_value(file, text, value, |v| {
            serde_json::from_value::<NativeEntry>(v).map_err(|e| e.to_string())
        }),
        Err(e) => syntax_error(file, Some(e.line() as u32), e.to_string()),
    }
}

/// A well-formed catalog read straight into its types: no intermediate tree of values. Most
/// catalogs are well formed and read in this one typed pass; anything else (a malformed entry,
/// a number where a string belongs) is read entry by entry from a tree of values, which reports
/// what is wrong and keeps the rest.
#[derive(Deserialize)]
struct Typed {
    name: Option<String>,
    version: Option<String>,
    source: Option<String>,
    #[serde(default)]
    notes: Vec<String>,
    codes: Vec<NativeEntry>,
}

impl Typed {
    fn import(self, file: &str, text: &str) -> Import {
        let mut import = Import {
            title: self.name,
            version: self.version,
            url: self.source,
            notes: self.notes,
            ..Import::default()
        };
        read_entries(file, text, self.codes.into_iter().map(Ok), &mut import);
        import
    }
}

/// Reads a TOML catalog.
pub fn parse_toml(file: &str, text: &str) -> Import {
    if let Ok(typed) = toml::from_str::<Typed>(text) {
        return typed.import(file, text);
    }
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
    read_entries(file, text, codes.into_iter().map(entry), &mut import);
    import
}

/// Adds the entries read (or why each could not be) to `import`, positioned in `text`.
fn read_entries(
    file: &str,
    text: &str,
    entries: impl Iterator<Item = Result<NativeEntry, String>>,
    import: &mut Import,
) {
    // Positions are found by searching for each code's quoted value after a `code` key, in
    // document order.
    let positions = Positions::new(text);
    let mut search_from = 0;
    for (n, entry) in entries.enumerate() {
        match entry {
            Ok(native) if native.code.trim().is_empty() => {
                import.problems.push(Problem::new(file, None, ProblemKind::MissingCode))
            }
            Ok(native) => {
                let offset = find_quoted(text, &native.code, search_from);
                search_from = offset.map_or(search_from, |o| o + native.code.len());
                let pos = offset.map(|o| positions.at(o)).unwrap_or_default();
                let mut native = native;
                if native.status.is_none() {
                    // Catalogs written before `status` existed kept it as an extra field.
                    let key = native.extra.keys().find(|k| Column::from_header(k) == Column::Status).cloned();
                    native.status = key.and_then(|k| native.extra.remove(&k));
                }
                import.entries.push(ImportedEntry {
                    code: native.code.trim().to_owned(),
                    category: native.category.filter(|c| !c.is_empty()),
                    message: native.message,
                    description: native.description,
                    solution: native.solution,
                    status: native.status.filter(|s| !s.trim().is_empty()),
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
}

/// Byte offset of the text inside the first `"CODE"` or `'CODE'` at or after `from` that is the
/// value of a `code` key (`"code": "CODE"`, `code = 'CODE'`), else of the first quoted `CODE`.
/// One forward search for the code itself, so that finding every entry in turn stays linear.
fn find_quoted(text: &str, code: &str, from: usize) -> Option<usize> {
    if code.is_empty() {
        return None;
    }
    let rest = text.get(from..)?;
    let bytes = text.as_bytes();
    let mut quoted =
        memchr::memmem::find_iter(rest.as_bytes(), code.as_bytes()).map(|i| from + i).filter(|&start| {
            let end = start + code.len();
            let before = start.checked_sub(1).map(|i| bytes[i]);
            matches!(before, Some(b'"' | b'\'')) && bytes.get(end).copied() == before
        });
    let first = quoted.next()?;
    std::iter::once(first).chain(quoted).find(|&start| after_code_key(bytes, start - 1)).or(Some(first))
}

/// Whether the quote at `quote` follows `code:` / `"code":` / `code =` (spaces allowed).
fn after_code_key(bytes: &[u8], quote: usize) -> bool {
    let mut i = quote;
    let skip_space = |mut i: usize| {
        while i > 0 && bytes[i - 1].is_ascii_whitespace() {
            i -= 1;
        }
        i
    };
    i = skip_space(i);
    if i == 0 || !matches!(bytes[i - 1], b':' | b'=') {
        return false;
    }
    i = skip_space(i - 1);
    let key_end = if i > 0 && matches!(bytes[i - 1], b'"' | b'\'') { i - 1 } else { i };
    let Some(key_start) = key_end.checked_sub(4) else { return false };
    &bytes[key_start..key_end] == b"code"
        && (key_start == 0 || !(bytes[key_start - 1].is_ascii_alphanumeric() || bytes[key_start - 1] == b'_'))
}

/// Reads `"404"` or `404` as the string `404`. A visitor rather than an untagged enum: the
/// enum buffers each value and builds (and drops) an error for every numeric status, which
/// showed in the load time of catalogs with thousands of entries.
fn string_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct Status;
    impl<'de> serde::de::Visitor<'de> for Status {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a status as a string or an integer")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(Some(text.to_owned()))
        }
        fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
            Ok(Some(text))
        }
        fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<Self::Value, E> {
            Ok(Some(number.to_string()))
        }
        fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<Self::Value, E> {
            Ok(Some(number.to_string()))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, inner: D) -> Result<Self::Value, D::Error> {
            inner.deserialize_any(Status)
        }
    }
    deserializer.deserialize_option(Status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_positioned_at_its_code_value_not_an_earlier_mention() {
        let text = r#"{"codes": [
  {"code": "E1", "solution": "Then try \"E2\"."},
  {"code": "E2", "status": 404}
]}"#;
        let import = parse_json("c.json", text);
        let found: Vec<(&str, u32, u32, Option<&str>)> = import
            .entries
            .iter()
            .map(|e| (e.code.as_str(), e.pos.line, e.pos.column, e.status.as_deref()))
            .collect();
        assert_eq!(found, [("E1", 2, 13, None), ("E2", 3, 13, Some("404"))]);
    }

    fn statuses(import: &Import) -> Vec<Option<&str>> {
        import.entries.iter().map(|e| e.status.as_deref()).collect()
    }

    #[test]
    fn a_status_is_read_from_a_string_a_number_or_null() {
        let text = r#"{"codes": [
  {"code": "E1", "status": "429"}, {"code": "E2", "status": 503}, {"code": "E3", "status": null}
]}"#;
        let import = parse_json("c.json", text);
        assert_eq!(statuses(&import), [Some("429"), Some("503"), None]);
        assert!(import.problems.is_empty(), "{:?}", import.problems);
    }

    #[test]
    fn a_toml_status_is_read_from_a_string_or_an_integer() {
        let text = "[[codes]]\ncode = \"E1\"\nstatus = \"429\"\n\n[[codes]]\ncode = \"E2\"\nstatus = 503\n";
        let import = parse_toml("c.toml", text);
        assert_eq!(statuses(&import), [Some("429"), Some("503")]);
        assert!(import.problems.is_empty(), "{:?}", import.problems);
    }

    #[test]
    fn a_fractional_status_is_a_problem_not_a_status() {
        let import = parse_json("c.json", r#"{"codes": [{"code": "E1", "status": 404.5}]}"#);
        assert!(!import.problems.is_empty());
    }
}
