//! Format-preserving edits of the project's TOML files: adding values to a list of
//! `errcode.toml` (`ignore-codes`, `catalogs`) and entries to a native catalog (`[[codes]]`).
//!
//! Edits go through `toml_edit`, so comments, key order, quoting and the rest of the file stay as
//! the user wrote them. A new list value takes its place in sort order among the values already
//! there (a sorted list stays sorted; nothing already there moves), and a value already present
//! is not added again. A file written with CRLF line breaks keeps them.
//!
//! **Invariant:** text in, text out: no IO (see [`super::write`] for writing the result).

use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// A new catalog entry, before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub code: String,
    pub category: Option<String>,
    pub message: String,
}

/// An edited text and which of the requested values it gained (those already there are not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    pub added: Vec<String>,
}

/// Why a file could not be edited; the file is left as it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("line {line}: not valid TOML ({message}); fix it first")]
    Syntax { line: usize, message: String },
    #[error("`{0}` is not a list, so nothing can be added to it")]
    NotAList(String),
    #[error("`codes` is not a list of `[[codes]]` tables, so no entry can be added to it")]
    NotCodeTables,
}

/// The header of a catalog file created for the first entry.
const NEW_CATALOG_HEADER: &str = "\
# Error codes of this project, in errcode-ls's native catalog schema. Each `[[codes]]` entry has a
# `code` and may have a `category`, `message`, `description` and `solution` (Markdown).
";

/// Adds `values` to the list `key` at the top level of `text` (created when missing).
pub fn add_to_list(text: &str, key: &str, values: &[String]) -> Result<Edited, EditError> {
    let mut doc = parse(text)?;
    let leading = take_leading_comments(&mut doc);
    let root = doc.as_table_mut();
    if !root.contains_key(key) {
        root.insert(key, Item::Value(Value::Array(toml_edit::Array::new())));
        if let (Some(comments), Some(mut new_key)) = (leading, root.key_mut(key)) {
            new_key.leaf_decor_mut().set_prefix(comments);
        }
    }
    let Some(array) = root.get_mut(key).and_then(Item::as_array_mut) else {
        return Err(EditError::NotAList(key.to_owned()));
    };
    let mut added = Vec::new();
    for value in values {
        let present = array.iter().any(|v| v.as_str() == Some(value.as_str()));
        if present || added.contains(value) {
            continue;
        }
        insert_sorted(array, value);
        added.push(value.clone());
    }
    Ok(Edited { text: render(text, &doc), added })
}

/// Appends entries to a native TOML catalog (an empty `text` starts a new one). An entry whose
/// code the file already has is not added.
pub fn add_catalog_entries(text: &str, entries: &[NewEntry]) -> Result<Edited, EditError> {
    let mut doc = parse(text)?;
    let mut added = Vec::new();
    let fresh = text.trim().is_empty();
    let mut leading = take_leading_comments(&mut doc);
    let root = doc.as_table_mut();
    if !root.contains_key("codes") {
        root.insert("codes", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    match root.get_mut("codes") {
        Some(Item::ArrayOfTables(tables)) => {
            for entry in entries {
                let present =
                    tables.iter().any(|t| t.get("code").and_then(Item::as_str) == Some(&entry.code));
                if present || added.contains(&entry.code) {
                    continue;
                }
                let mut table = entry_table(entry);
                if let Some(comments) = leading.take() {
                    table.decor_mut().set_prefix(format!("{comments}\n"));
                }
                tables.push(table);
                added.push(entry.code.clone());
            }
        }
        Some(Item::Value(Value::Array(array))) => {
            for entry in entries {
                let present = array.iter().any(|v| {
                    v.as_inline_table().and_then(|t| t.get("code")).and_then(Value::as_str)
                        == Some(&entry.code)
                });
                if present || added.contains(&entry.code) {
                    continue;
                }
                let mut table = entry_table(entry).into_inline_table();
                table.fmt();
                insert_at(array, array.len(), Value::InlineTable(table));
                added.push(entry.code.clone());
            }
        }
        _ => return Err(EditError::NotCodeTables),
    }
    let rendered = render(text, &doc);
    let text = if fresh { format!("{NEW_CATALOG_HEADER}\n{}", rendered.trim_start()) } else { rendered };
    Ok(Edited { text, added })
}

/// The comments of a file that holds nothing else, which `toml_edit` keeps after everything:
/// taken out so that they stay above what is added.
fn take_leading_comments(doc: &mut DocumentMut) -> Option<String> {
    let trailing = doc.trailing().as_str().unwrap_or("").to_owned();
    if !doc.as_table().is_empty() || trailing.trim().is_empty() {
        return None;
    }
    doc.set_trailing("");
    Some(trailing)
}

fn entry_table(entry: &NewEntry) -> Table {
    let mut table = Table::new();
    table.insert("code", toml_edit::value(entry.code.as_str()));
    if let Some(category) = &entry.category {
        table.insert("category", toml_edit::value(category.as_str()));
    }
    table.insert("message", toml_edit::value(entry.message.as_str()));
    table
}

fn parse(text: &str) -> Result<DocumentMut, EditError> {
    text.parse::<DocumentMut>().map_err(|e| {
        let line = e.span().map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
        EditError::Syntax { line, message: e.message().trim().to_owned() }
    })
}

/// The document as text, with the original's line breaks: `toml_edit` writes `\n` in what it
/// adds, which would leave a CRLF file with mixed endings.
fn render(original: &str, doc: &DocumentMut) -> String {
    let text = doc.to_string();
    if !original.contains("\r\n") {
        return text;
    }
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = '\0';
    for c in text.chars() {
        if c == '\n' && previous != '\r' {
            out.push('\r');
        }
        out.push(c);
        previous = c;
    }
    out
}

/// Inserts `value` before the first value that sorts after it (at the end if none does).
fn insert_sorted(array: &mut toml_edit::Array, value: &str) {
    let index = array.iter().position(|v| v.as_str().is_some_and(|s| s > value)).unwrap_or(array.len());
    insert_at(array, index, Value::from(value));
}

/// Inserts a value in the array's own layout: on a line of its own, indented like its
/// neighbours, when the array spans lines; after a space otherwise. The new value takes over
/// the prefix of the value it displaces (so a comment ending the previous line stays there).
fn insert_at(array: &mut toml_edit::Array, index: usize, mut value: Value) {
    let prefix_of = |v: &Value| v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("").to_owned();
    let prefixes: Vec<String> = array.iter().map(prefix_of).collect();
    let multiline = prefixes.iter().any(|p| p.contains('\n'))
        || array.trailing().as_str().is_some_and(|t| t.contains('\n'));
    let indent = prefixes
        .iter()
        .find(|p| p.contains('\n'))
        .and_then(|p| p.rsplit('\n').next())
        .map_or_else(|| "    ".to_owned(), str::to_owned);
    let fresh_prefix = if multiline { format!("\n{indent}") } else { " ".to_owned() };
    value.decor_mut().clear();
    if index < array.len() {
        let displaced = prefixes[index].clone();
        value.decor_mut().set_prefix(displaced);
        array.insert_formatted(index, value);
        let next = if !multiline && index == 0 { " ".to_owned() } else { fresh_prefix };
        if let Some(old) = array.get_mut(index + 1) {
            old.decor_mut().set_prefix(next);
        }
    } else {
        let prefix = if array.is_empty() && !multiline { String::new() } else { fresh_prefix };
        value.decor_mut().set_prefix(prefix);
        array.insert_formatted(index, value);
    }
}

#[cfg(test)]
mod tests;
