//! Syntax: which language a document is in, and (with tree-sitter) the `match`/`switch`
//! constructs that branch on error codes.
//!
//! **Invariant:** works on `&str` and byte offsets; no IO, no editor positions.

mod language;

pub use language::Language;
