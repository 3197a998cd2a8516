//! errcode-ls: API error codes as first-class citizens of every editor and terminal.
//!
//! See `ARCHITECTURE.md` at the repository root for the code map.

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod generate;
pub mod lsp;
pub mod recognize;
pub mod scan;
pub mod syntax;
pub mod text;
pub mod time;
pub mod workspace;

#[cfg(test)]
mod test_files;
