//! The constants holding codes that a set of files declares, read from disk: what `check` passes
//! to analysis so a `case ErrCodes.INVALID:` in one file resolves through a declaration in
//! another.
//!
//! **Invariant:** reads files only; parsing and deciding what a constant holds are
//! [`crate::syntax`]'s and [`crate::analysis::constants`]'s. Bounded like the language server's
//! index: files over [`MAX_FILE_BYTES`] and binary files are skipped.

use std::path::{Path, PathBuf};

use crate::analysis::Constants;
use crate::recognize::Recognizer;
use crate::syntax::{Language, ParsedDocument, grammar};

/// Larger files (generated code, dumps) are not read for declarations.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// Every constant holding a code declared in the source files under `paths` (files or folders,
/// `.gitignore` honoured).
pub fn collect(paths: &[PathBuf], recognizer: &Recognizer) -> Constants {
    let mut constants = Constants::default();
    let Some((first, rest)) = paths.split_first() else { return constants };
    let mut walk = ignore::WalkBuilder::new(first);
    for path in rest {
        walk.add(path);
    }
    for entry in walk.build().flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file())
            || entry.metadata().map_or(true, |m| m.len() > MAX_FILE_BYTES)
        {
            continue;
        }
        if let Some(text) = source_text(entry.path()) {
            constants
                .extend(declared_in(&text, Language::from_path(entry.path()), recognizer).iter().cloned());
        }
    }
    constants
}

/// The constants holding codes that `text` declares.
pub fn declared_in(text: &str, language: Language, recognizer: &Recognizer) -> Constants {
    // Only a file holding a code can declare a constant holding one: the others are not parsed.
    let codes: Vec<usize> = recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
    if grammar(language).is_none() || codes.is_empty() {
        return Constants::default();
    }
    let document = ParsedDocument::new(language, text);
    Constants::from_declarations(&document.constants_near(&codes), language, recognizer)
}

fn source_text(path: &Path) -> Option<String> {
    // Only languages with a grammar declare constants analysis can read.
    grammar(Language::from_path(path))?;
    let bytes = std::fs::read(path).ok()?;
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return None;
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}
