//! Parsing with tree-sitter, from scratch or incrementally: [`ParsedDocument`] owns a text and
//! its tree, and applies an edit by telling tree-sitter what changed, so a keystroke reparses
//! only the region around it.
//!
//! **Invariant:** the only owner of tree-sitter parsers and trees; callers see [`Construct`]s.

use std::ops::Range;

use tree_sitter::{InputEdit, Parser, Point, Tree};

use super::Language;
use super::extract;
use super::model::Construct;

/// The tree-sitter grammar for a language, if errcode-ls parses it.
pub fn grammar(language: Language) -> Option<tree_sitter::Language> {
    Some(match language {
        Language::Rust => tree_sitter_rust::LANGUAGE.into(),
        Language::Python => tree_sitter_python::LANGUAGE.into(),
        Language::Go => tree_sitter_go::LANGUAGE.into(),
        Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        Language::Java => tree_sitter_java::LANGUAGE.into(),
        Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
        Language::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
        Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
        Language::Log | Language::Other => return None,
    })
}

/// A document's text and, for parsed languages, its syntax tree, kept in step under edits.
pub struct ParsedDocument {
    language: Language,
    text: String,
    parser: Option<Parser>,
    tree: Option<Tree>,
}

impl std::fmt::Debug for ParsedDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedDocument")
            .field("language", &self.language)
            .field("len", &self.text.len())
            .field("parsed", &self.tree.is_some())
            .finish()
    }
}

impl ParsedDocument {
    /// Parses `text`; languages without a grammar keep only the text.
    pub fn new(language: Language, text: impl Into<String>) -> Self {
        let parser = grammar(language).and_then(|grammar| {
            let mut parser = Parser::new();
            parser.set_language(&grammar).ok()?;
            Some(parser)
        });
        let mut document = ParsedDocument { language, text: text.into(), parser, tree: None };
        document.reparse(false);
        document
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces `range` (byte offsets, clamped to the text and to character boundaries) with
    /// `new_text`, and reparses reusing the unchanged parts of the old tree.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let start = floor_boundary(&self.text, range.start.min(self.text.len()));
        let old_end = floor_boundary(&self.text, range.end.clamp(start, self.text.len()));
        let new_end = start + new_text.len();
        let start_position = point_at(&self.text, start);
        let old_end_position = point_at(&self.text, old_end);
        self.text.replace_range(start..old_end, new_text);
        let new_end_position = point_at(&self.text, new_end);
        if let Some(tree) = &mut self.tree {
            tree.edit(&InputEdit {
                start_byte: start,
                old_end_byte: old_end,
                new_end_byte: new_end,
                start_position,
                old_end_position,
                new_end_position,
            });
        }
        self.reparse(true);
    }

    /// Replaces the whole text (a full-document sync) and parses it from scratch.
    pub fn replace(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.reparse(false);
    }

    /// Whether the tree holds syntax errors (or the language is not parsed at all).
    pub fn has_errors(&self) -> bool {
        self.tree.as_ref().is_none_or(|t| t.root_node().has_error())
    }

    /// Ranges of `ERROR` and missing nodes: where the parser had to recover.
    pub fn error_ranges(&self) -> Vec<Range<usize>> {
        let Some(tree) = &self.tree else { return Vec::new() };
        let mut out = Vec::new();
        let mut cursor = tree.walk();
        loop {
            let node = cursor.node();
            if node.is_error() || node.is_missing() {
                out.push(node.byte_range());
            }
            if node.has_error() && cursor.goto_first_child() {
                continue;
            }
            loop {
                if cursor.goto_next_sibling() {
                    break;
                }
                if !cursor.goto_parent() {
                    return out;
                }
            }
        }
    }

    /// The constructs that branch on string literals, in text order.
    pub fn constructs(&self) -> Vec<Construct> {
        match &self.tree {
            Some(tree) => extract::constructs(tree, &self.text, self.language, None),
            None => Vec::new(),
        }
    }

    /// The constructs that contain one of `offsets` (sorted ascending; typically where codes
    /// were recognised): the same as [`Self::constructs`] yields around them, found while
    /// skipping every subtree that holds none of the offsets.
    pub fn constructs_near(&self, offsets: &[usize]) -> Vec<Construct> {
        match &self.tree {
            Some(tree) => extract::constructs(tree, &self.text, self.language, Some(offsets)),
            None => Vec::new(),
        }
    }

    /// The tree as an S-expression, for tests and debugging.
    pub fn sexp(&self) -> String {
        self.tree.as_ref().map(|t| t.root_node().to_sexp()).unwrap_or_default()
    }

    fn reparse(&mut self, incremental: bool) {
        let Some(parser) = &mut self.parser else { return };
        let old = if incremental { self.tree.as_ref() } else { None };
        // `parse` only fails when cancelled or without a language, neither of which happens
        // here; a document that cannot be parsed simply has no constructs.
        self.tree = parser.parse(&self.text, old);
    }
}

/// Row and byte column of `offset`, as tree-sitter counts them.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = memchr::memchr_iter(b'\n', before).count();
    let column = offset - memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    Point { row, column }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_edits_give_the_same_tree_as_a_fresh_parse() {
        let original =
            "fn f(c: &str) {\n    match c {\n        \"AIS.0101\" => 1,\n        _ => 0,\n    };\n}\n";
        let mut document = ParsedDocument::new(Language::Rust, original);
        let at = original.find("_ =>").unwrap_or(0);
        document.edit(at..at, "\"AIS.0102\" => 2,\n        ");
        document.edit(0..0, "// é\n");
        let fresh = ParsedDocument::new(Language::Rust, document.text());
        assert_eq!(document.sexp(), fresh.sexp());
        assert_eq!(document.constructs(), fresh.constructs());
        assert_eq!(document.constructs()[0].branches.len(), 3);
    }

    #[test]
    fn constructs_near_offsets_are_those_of_the_full_walk_around_them() {
        let text = "fn f(c: &str) {\n    match c {\n        \"A\" => match c { \"B\" => 1, _ => 2 },\n        _ => 0,\n    };\n    match c { \"C\" => 1, _ => 2 };\n}\n";
        let document = ParsedDocument::new(Language::Rust, text);
        let all = document.constructs();
        assert_eq!(all.len(), 3);
        let at = |needle: &str| text.find(needle).map_or(0, |i| i + 1);
        assert_eq!(document.constructs_near(&[at("\"B\"")]), all[..2].to_vec());
        assert_eq!(document.constructs_near(&[at("\"B\""), at("\"C\"")]), all);
        assert_eq!(document.constructs_near(&[]), Vec::new());
    }

    #[test]
    fn languages_without_a_grammar_have_no_constructs() {
        let document = ParsedDocument::new(Language::Log, "match x { \"AIS.0101\" => 1 }");
        assert!(document.constructs().is_empty());
    }
}
