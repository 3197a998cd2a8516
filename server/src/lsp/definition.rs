//! `textDocument/definition` ("go to solution"): a code's entry in its catalog document — every
//! row, when the catalog lists the code several times with different content.
//!
//! **Invariant:** answers only from [`super::world::World`]'s precomputed locations; no IO on
//! the request path.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::cursor::token_at;
use super::guard::guarded;
use super::state::State;

#[tracing::instrument(skip_all)]
pub fn definition(state: &State, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    guarded("textDocument/definition", || {
        let token = token_at(&snapshot, at.position)?;
        let id = snapshot.world.loaded.catalog.lookup(&token.text)?;
        match snapshot.world.variant_locations(id).as_slice() {
            [] => None,
            [one] => Some(GotoDefinitionResponse::Scalar(one.clone())),
            many => Some(GotoDefinitionResponse::Array(many.to_vec())),
        }
    })
}
