//! `textDocument/definition` ("go to solution"): a code's entry in its catalog document — every
//! row, when the catalog lists the code several times with different content. On a constant's
//! name, the entry of the code it holds.
//!
//! **Invariant:** answers only from [`super::world::World`]'s precomputed locations; no IO on
//! the request path.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::cursor::{named_at, token_at};
use super::guard::guarded;
use super::state::State;

#[tracing::instrument(skip_all)]
pub fn definition(state: &State, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    guarded("textDocument/definition", || {
        let code = match token_at(&snapshot, at.position) {
            Some(token) => token.text,
            None => named_at(&snapshot, at.position)?.declared.code,
        };
        let id = snapshot.world.loaded.catalog.lookup(&code)?;
        match snapshot.world.variant_locations(id).as_slice() {
            [] => None,
            [one] => Some(GotoDefinitionResponse::Scalar(one.clone())),
            many => Some(GotoDefinitionResponse::Array(many.to_vec())),
        }
    })
}
