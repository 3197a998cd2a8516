//! `textDocument/references`: a code's occurrences in open documents and in the workspace
//! index — its literals and the names of constants holding it — plus its catalog entry when the
//! declaration is asked for. On a constant's name, the same for the code it holds.
//!
//! **Invariant:** never scans files on the request path; files not open are answered from
//! [`super::index::Index`] as it stands.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::cursor::{code_at, named_uses_of};
use super::document::Document;
use super::guard::guarded;
use super::position;
use super::state::Snapshot;
use super::state::State;
use super::world::World;
use crate::text::Encoding;

#[tracing::instrument(skip_all)]
pub fn references(state: &State, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let at = params.text_document_position;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    let open: Vec<(Uri, Document)> =
        state.read(|s| s.documents.iter().map(|(u, d)| (u.clone(), d.clone())).collect());
    let index = state.index();
    guarded("textDocument/references", || {
        let code = code_at(&snapshot, at.position)?;
        let world = &snapshot.world;
        let mut locations = Vec::new();
        if params.context.include_declaration
            && let Some(location) = world.loaded.catalog.lookup(&code).and_then(|id| world.entry_location(id))
        {
            locations.push(location);
        }
        let mut open_paths = Vec::new();
        let mut open = open;
        open.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        for (uri, document) in &open {
            open_paths.extend(uri.to_file_path().map(|p| p.into_owned()));
            for range in uses_in(document, &snapshot, &code) {
                locations.push(Location { uri: uri.clone(), range });
            }
        }
        let mut indexed: Vec<(&std::path::PathBuf, &Range)> =
            index.occurrences(&code).chain(index.named_occurrences(&code)).collect();
        indexed.sort_by_key(|(path, range)| (path.as_path(), range.start.line, range.start.character));
        for (path, range) in indexed {
            if open_paths.iter().any(|p| p == path) {
                continue;
            }
            if let Some(uri) = Uri::from_file_path(path) {
                locations.push(Location { uri, range: *range });
            }
        }
        Some(locations)
    })
}

/// Every use of `code` in a document, in order: its literals and the names of constants
/// holding it.
pub fn uses_in(document: &Document, snapshot: &Snapshot, code: &str) -> Vec<Range> {
    let mut ranges = occurrences_in(document, &snapshot.world, code, snapshot.encoding);
    ranges.extend(
        named_uses_of(document, snapshot, code)
            .into_iter()
            .map(|r| position::range(&document.rope, r, snapshot.encoding)),
    );
    ranges.sort_by_key(|r| (r.start.line, r.start.character));
    ranges
}

/// Ranges of every occurrence of `code` in a document.
pub fn occurrences_in(document: &Document, world: &World, code: &str, encoding: Encoding) -> Vec<Range> {
    if let Some(index) = document.log_index() {
        // Logs answer from their index: no copy and no rescan of a big file.
        return super::log_views::occurrences(document, index, world, code, encoding);
    }
    let text = document.text();
    world
        .loaded
        .recognizer
        .find_iter(text.as_bytes())
        .filter(|o| &text[o.range.clone()] == code)
        .map(|o| position::range(&document.rope, o.range, encoding))
        .collect()
}
