//! `textDocument/documentHighlight`: every occurrence of the code under the cursor in the same
//! document (also "next/previous occurrence" in editors that bind it).
//!
//! **Invariant:** reads one document snapshot; no workspace access.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::cursor::token_at;
use super::guard::guarded;
use super::references::occurrences_in;
use super::state::State;

#[tracing::instrument(skip_all)]
pub fn document_highlight(
    state: &State,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let at = params.text_document_position_params;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    guarded("textDocument/documentHighlight", || {
        let token = token_at(&snapshot, at.position)?;
        let ranges = occurrences_in(&snapshot.document, &snapshot.world, &token.text, snapshot.encoding);
        Some(
            ranges
                .into_iter()
                .map(|range| DocumentHighlight { range, kind: Some(DocumentHighlightKind::TEXT) })
                .collect(),
        )
    })
}
