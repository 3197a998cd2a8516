//! Open documents: a rope per document, its version and language, edited in order.
//!
//! **Invariant:** documents change only through [`Document::apply`], which is called while
//! the state lock is held and never across an `.await`.

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::position;
use crate::syntax::Language;
use crate::text::Encoding;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    pub language: Language,
}

impl Document {
    pub fn new(uri: &Uri, language_id: &str, version: i32, text: &str) -> Self {
        Document { rope: position::rope(text), version, language: language_of(uri, language_id) }
    }

    /// Applies one change (a range edit, or the full text when it has no range).
    pub fn apply(&mut self, change: &TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            None => self.rope = position::rope(&change.text),
            Some(range) => {
                let bytes = position::byte_range(&self.rope, range, encoding);
                let start = self.rope.byte_to_char(bytes.start);
                let end = self.rope.byte_to_char(bytes.end);
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }
    }

    /// The whole text (a copy; the rope stays the owner).
    pub fn text(&self) -> String {
        String::from(&self.rope)
    }
}

/// The language from the editor's id, or from the file name when the id says nothing.
pub fn language_of(uri: &Uri, language_id: &str) -> Language {
    Language::from_language_id(language_id).unwrap_or_else(|| {
        let path = uri.path().as_str().rsplit('/').next().unwrap_or_default().to_owned();
        Language::from_path(std::path::Path::new(&path))
    })
}
