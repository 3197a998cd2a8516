//! `textDocument/documentLink`: each known code links to its line in the catalog document.
//!
//! **Invariant:** bounded output; a huge log yields at most [`MAX_LINKS`] links.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::guard::guarded;
use super::position;
use super::state::State;

/// Links beyond this many are not worth the editor's rendering time.
const MAX_LINKS: usize = 5_000;

#[tracing::instrument(skip_all)]
pub fn document_link(state: &State, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
    let Some(snapshot) = state.snapshot(&params.text_document.uri) else { return Ok(None) };
    guarded("textDocument/documentLink", || {
        let text = snapshot.document.text();
        let world = &snapshot.world;
        let links = world
            .loaded
            .recognizer
            .find_iter(text.as_bytes())
            .filter_map(|o| {
                let id = o.entry()?;
                let target = world.entry_link(id)?;
                let entry = world.loaded.catalog.entry(id);
                let source = &world.loaded.catalog.source(entry.source).name;
                Some(DocumentLink {
                    range: position::range(&snapshot.document.rope, o.range, snapshot.encoding),
                    target: Some(target),
                    tooltip: Some(format!("{} in {source}", entry.code)),
                    data: None,
                })
            })
            .take(MAX_LINKS)
            .collect();
        Some(links)
    })
}
