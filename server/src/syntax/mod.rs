//! Syntax: which language a document is in, and (with tree-sitter) the constructs that branch on
//! string literals — `match`, `switch`, if/else-if chains, tables keyed by strings, string enums
//! and constant blocks — as a language-neutral [`Construct`] model.
//!
//! **Invariant:** works on `&str` and byte offsets; no IO, no editor positions, no catalog.
//! Grammar node names never leave this module.

mod chain;
mod extract;
mod lang;
mod language;
mod layout;
mod model;
mod nodes;
mod parse;
mod table;

pub use language::Language;
pub use model::{ArmForm, Branch, Construct, ConstructKind, InsertMode, Insertion, Label, MemberTemplate};
pub use parse::{ParsedDocument, grammar};
