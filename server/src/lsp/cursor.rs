//! The code under the cursor: which token a position points at — a code, or the name of a
//! constant holding one.
//!
//! Only the cursor's line is read, so a request on a 50 MB log costs one line's work.
//!
//! **Invariant:** read-only; positions are converted through [`super::position`].

use std::borrow::Cow;
use std::ops::Range;

use tower_lsp_server::ls_types as lsp;

use super::state::Snapshot;
use crate::analysis::constants::{self, Declared, Scope};
use crate::recognize::Recognized;
use crate::text::LineIndex;

/// A recognised token at a position.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte range in the document.
    pub range: Range<usize>,
    pub kind: Recognized,
    pub text: String,
}

/// The code-shaped token at `position`, if any. Positions past the end answer `None`.
pub fn token_at(snapshot: &Snapshot, position: lsp::Position) -> Option<Token> {
    let rope = &snapshot.document.rope;
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return None;
    }
    let start = rope.line_to_byte(line);
    let text: Cow<str> = rope.line(line).into();
    let index = LineIndex::new(&text);
    let content = index.line_range(&text, 0);
    let at = index.offset(&text, 0, position.character, snapshot.encoding);
    let occurrence = snapshot.world.loaded.recognizer.at(text[content].as_bytes(), at)?;
    Some(Token {
        text: text[occurrence.range.clone()].to_owned(),
        range: start + occurrence.range.start..start + occurrence.range.end,
        kind: occurrence.kind,
    })
}

/// The code at `position`: a code's own spelling, or the code a constant's name there holds.
pub fn code_at(snapshot: &Snapshot, position: lsp::Position) -> Option<String> {
    match token_at(snapshot, position) {
        Some(token) => Some(token.text),
        None => Some(named_at(snapshot, position)?.declared.code),
    }
}

/// Where a document's names are resolved: its own declarations, then the workspace index's.
fn scope<'a>(
    document: &super::document::Document,
    snapshot: &'a Snapshot,
    local: &'a crate::analysis::Constants,
) -> Scope<'a> {
    Scope { local, workspace: Some(snapshot.index.constants()), family: constants::family(document.language) }
}

/// A constant's name under the cursor that stands for a code.
#[derive(Debug, Clone)]
pub struct NamedToken {
    /// Byte range of the whole path (`ErrCodes.INVALID`) in the document.
    pub range: Range<usize>,
    pub declared: Declared,
}

/// The name at `position` of a constant holding a code, resolved through the document's own
/// declarations and then the workspace index's.
pub fn named_at(snapshot: &Snapshot, position: lsp::Position) -> Option<NamedToken> {
    let document = &snapshot.document;
    if document.log_index().is_some() || position.line as usize >= document.rope.len_lines() {
        return None;
    }
    let offset = super::position::offset(&document.rope, position, snapshot.encoding);
    // Only a name can be a constant: nothing to resolve beside one.
    let is_name = |at: usize| {
        at < document.rope.len_bytes() && {
            let b = document.rope.byte(at);
            b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
        }
    };
    let on_name = is_name(offset) || (offset > 0 && is_name(offset - 1));
    if !on_name {
        return None;
    }
    let text = document.text();
    let local = document.constants(&snapshot.world.loaded.recognizer);
    let found = constants::named_use_at(&text, offset, scope(document, snapshot, &local))?;
    Some(NamedToken { range: found.range, declared: found.declared })
}

/// Every use in `snapshot`'s document of a constant standing for `code` (its declarations
/// among them), as byte ranges.
pub fn named_uses_of(
    document: &super::document::Document,
    snapshot: &Snapshot,
    code: &str,
) -> Vec<Range<usize>> {
    if document.log_index().is_some() {
        return Vec::new();
    }
    let text = document.text();
    let local = document.constants(&snapshot.world.loaded.recognizer);
    constants::named_uses(&text, scope(document, snapshot, &local))
        .into_iter()
        .filter(|u| u.declared.code == code)
        .map(|u| u.range)
        .collect()
}
