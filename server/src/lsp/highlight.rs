//! `textDocument/documentHighlight`: every occurrence of the code under the cursor in the same
//! document — its literals and the names of constants holding it; on such a name, the same for
//! its code (also "next/previous occurrence" in editors that bind it).
//!
//! **Invariant:** reads one document snapshot; no workspace access.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::cursor::code_at;
use super::guard::guarded;
use super::references::uses_in;
use super::state::State;

#[tracing::instrument(skip_all)]
pub fn document_highlight(
    state: &State,
    params: DocumentHighlightParams,
) -> Result<Option<Vec<DocumentHighlight>>> {
    let at = params.text_document_position_params;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    guarded("textDocument/documentHighlight", || {
        let code = code_at(&snapshot, at.position)?;
        let ranges = uses_in(&snapshot.document, &snapshot, &code);
        Some(
            ranges
                .into_iter()
                .map(|range| DocumentHighlight { range, kind: Some(DocumentHighlightKind::TEXT) })
                .collect(),
        )
    })
}
