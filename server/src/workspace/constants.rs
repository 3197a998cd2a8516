//! The constants holding codes that a source file declares, for the tables that resolve a
//! `case ErrCodes.INVALID:` in one file through a declaration in another: the language
//! server's index reads them with [`declared_in`]; `check` keeps those of the files it parses
//! anyway (`analysis::Prepared::declared`) and reads the excluded files' with [`declared_in`].
//!
//! **Invariant:** parsing and deciding what a constant holds are [`crate::syntax`]'s and
//! [`crate::analysis::constants`]'s. Bounded like the language server's index: files over
//! [`MAX_FILE_BYTES`] do not declare constants for other files.

use crate::analysis::Constants;
use crate::recognize::Recognizer;
use crate::syntax::{Language, ParsedDocument, grammar};

/// Larger files (generated code, dumps) are not read for declarations.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The constants holding codes that `text` declares.
pub fn declared_in(text: &str, language: Language, recognizer: &Recognizer) -> Constants {
    // Only a file holding a code can declare a constant holding one: the others are not parsed.
    let codes: Vec<usize> = recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
    if grammar(language).is_none() || codes.is_empty() {
        return Constants::default();
    }
    // Read around the codes only, never edited.
    let document = ParsedDocument::around(language, text, &codes);
    Constants::from_declarations(&document.constants_near(&codes), language, recognizer)
}
