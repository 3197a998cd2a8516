//! The client's own view of a text, for tests that keep a reference model: where a client may
//! point, and LSP positions counted independently of the server.
#![allow(dead_code)] // Each test binary uses a different part.

use serde_json::{Value, json};

/// How a client counts columns.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Utf8,
    Utf16,
}

/// Character boundaries a client may point at: never between `\r` and `\n`.
pub fn boundaries(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
        .collect();
    out.push(text.len());
    out
}

/// LSP position of a byte offset: lines end at `\n` (the model texts hold no lone `\r`),
/// columns count UTF-8 bytes or UTF-16 code units.
pub fn position(text: &str, offset: usize, unit: Unit) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = match unit {
        Unit::Utf8 => offset - line_start,
        Unit::Utf16 => before[line_start..].chars().map(char::len_utf16).sum(),
    };
    json!({ "line": line, "character": column })
}
