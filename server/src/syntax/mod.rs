//! Syntax: which language a document is in, and (with tree-sitter) the constructs that branch on
//! string literals — `match`, `switch`, if/else-if chains, tables keyed by strings, string enums
//! and constant blocks — as a language-neutral [`Construct`] model, and the string constants a
//! file declares ([`Constant`]), which branches may name instead of a literal.
//!
//! **Invariant:** works on `&str` and byte offsets; no IO, no editor positions, no catalog.
//! Grammar node names never leave this module.

mod chain;
mod constants;
mod extract;
mod lang;
mod language;
mod layout;
mod model;
mod nodes;
mod parse;
mod skeleton;
mod table;

pub use language::Language;
pub use model::{
    ArmForm, Branch, Constant, Construct, ConstructKind, InsertMode, Insertion, Label, MemberTemplate,
    path_segments,
};
pub use nodes::{LITERAL_DELIMITERS, may_be_literal_content};
pub use parse::{ParsedDocument, grammar};
