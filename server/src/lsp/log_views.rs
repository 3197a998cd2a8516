//! Views of a log in the editor, answered from its [`LogIndex`]: the outline as a triage index
//! (`textDocument/documentSymbol`: each distinct code with its count), a code lens on each
//! code's first occurrence, and the occurrences of a code (for highlights and references).
//!
//! **Invariant:** reads the index and the rope only; never copies or rescans the text, so a
//! request on a 200 MB log costs what its answer holds.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::document::Document;
use super::guard::guarded;
use super::position;
use super::state::State;
use super::world::World;
use crate::analysis::card::short_message;
use crate::scan::lines::{CodeRef, LineHit, LogIndex, count_label, lens_title};
use crate::text::Encoding;

/// Messages in lens titles are cut to this; the outline's detail has the whole message.
const MAX_LENS_MESSAGE: usize = 80;

#[tracing::instrument(skip_all)]
pub fn document_symbol(
    state: &State,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(snapshot) = state.snapshot(&params.text_document.uri) else { return Ok(None) };
    guarded("textDocument/documentSymbol", || {
        let document = &snapshot.document;
        let index = document.log_index().filter(|_| document.language.is_log())?;
        let catalog = &snapshot.world.loaded.catalog;
        #[allow(deprecated)] // `deprecated` is a required field of the type, though unused.
        let symbols = index
            .summary()
            .into_iter()
            .map(|row| {
                let range = hit_range(document, &row.first, snapshot.encoding);
                let text = index.code_text(row.code, catalog);
                DocumentSymbol {
                    name: count_label(text, row.count),
                    detail: Some(match row.code {
                        CodeRef::Known(id) => catalog.entry(id).message.clone(),
                        CodeRef::Unknown(_) => "not in the catalog".to_owned(),
                    }),
                    kind: SymbolKind::CONSTANT,
                    tags: None,
                    deprecated: None,
                    range,
                    selection_range: range,
                    children: None,
                }
            })
            .collect();
        Some(DocumentSymbolResponse::Nested(symbols))
    })
}

#[tracing::instrument(skip_all)]
pub fn code_lens(state: &State, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
    let Some(snapshot) = state.snapshot(&params.text_document.uri) else { return Ok(None) };
    guarded("textDocument/codeLens", || {
        let document = &snapshot.document;
        let index = document.log_index().filter(|_| document.language.is_log())?;
        let catalog = &snapshot.world.loaded.catalog;
        let lenses = index
            .summary()
            .into_iter()
            .map(|row| {
                let text = index.code_text(row.code, catalog);
                let message = match row.code {
                    CodeRef::Known(id) => Some(short_message(&catalog.entry(id).message, MAX_LENS_MESSAGE)),
                    CodeRef::Unknown(_) => None,
                };
                CodeLens {
                    range: hit_range(document, &row.first, snapshot.encoding),
                    // No command to run: the lens is a label, as editors show an empty command.
                    command: Some(Command {
                        title: lens_title(text, row.count, message.as_deref()),
                        command: String::new(),
                        arguments: None,
                    }),
                    data: None,
                }
            })
            .collect();
        Some(lenses)
    })
}

/// Ranges of every occurrence of `code` in a log, from its index.
pub fn occurrences(
    document: &Document,
    index: &LogIndex,
    world: &World,
    code: &str,
    encoding: Encoding,
) -> Vec<Range> {
    let Some(wanted) = index.code_ref(code, &world.loaded.catalog) else { return Vec::new() };
    index.hits().filter(|hit| hit.code == wanted).map(|hit| hit_range(document, &hit, encoding)).collect()
}

fn hit_range(document: &Document, hit: &LineHit, encoding: Encoding) -> Range {
    let start = document.rope.line_to_byte(hit.line.min(document.rope.len_lines().saturating_sub(1)));
    position::range(&document.rope, start + hit.columns.start..start + hit.columns.end, encoding)
}
