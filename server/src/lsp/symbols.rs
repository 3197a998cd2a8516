//! `workspace/symbol`: catalog entries matching a query by code or message words.
//!
//! **Invariant:** matching is [`crate::analysis::symbols::search`]; this module only attaches
//! locations.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::guard::guarded;
use super::state::State;
use crate::analysis::symbols::search;

/// Enough for a picker; more is noise.
const MAX_SYMBOLS: usize = 200;

#[tracing::instrument(skip_all)]
pub fn workspace_symbol(
    state: &State,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let world = state.world();
    guarded("workspace/symbol", || {
        let catalog = &world.loaded.catalog;
        let symbols = search(catalog, &params.query, MAX_SYMBOLS)
            .into_iter()
            .filter_map(|id| {
                let entry = catalog.entry(id);
                let location = world.entry_location(id)?;
                Some(WorkspaceSymbol {
                    name: format!("{} — {}", entry.code, entry.message),
                    kind: SymbolKind::CONSTANT,
                    tags: None,
                    container_name: Some(catalog.source(entry.source).name.clone()),
                    location: OneOf::Left(location),
                    data: None,
                })
            })
            .collect();
        Some(WorkspaceSymbolResponse::Nested(symbols))
    })
}
