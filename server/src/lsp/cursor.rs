//! The code under the cursor: which token a position points at.
//!
//! Only the cursor's line is read, so a request on a 50 MB log costs one line's work.
//!
//! **Invariant:** read-only; positions are converted through [`super::position`].

use std::borrow::Cow;
use std::ops::Range;

use tower_lsp_server::ls_types as lsp;

use super::state::Snapshot;
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
