//! `textDocument/hover`: the entry's card, or "not in the catalog" with the closest codes.
//!
//! **Invariant:** the card's text comes from [`crate::analysis::card`]; this module only finds
//! the token and wraps the answer.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::cursor::{named_at, token_at};
use super::guard::guarded;
use super::position;
use super::state::State;
use crate::analysis::card::{self, SourceLink};
use crate::recognize::Recognized;

/// How many neighbours an unknown code's card names.
const CLOSEST: usize = 3;

#[tracing::instrument(skip_all)]
pub fn hover(state: &State, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    guarded("textDocument/hover", || {
        let world = &snapshot.world;
        let catalog = &world.loaded.catalog;
        let Some(token) = token_at(&snapshot, at.position) else {
            // A constant's name stands for its code: the code's card, under the name.
            let named = named_at(&snapshot, at.position)?;
            let code = &named.declared.code;
            let card = card_of(world, code, catalog.lookup(code));
            let name = snapshot.document.rope.byte_slice(named.range.clone()).to_string();
            let markdown = format!("`{name}` = `\"{code}\"`\n\n---\n\n{card}");
            return Some(Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: markdown,
                }),
                range: Some(position::range(&snapshot.document.rope, named.range, snapshot.encoding)),
            });
        };
        let known = match token.kind {
            Recognized::Known(id) => Some(id),
            Recognized::Unknown { .. } => None,
        };
        let markdown = card_of(world, &token.text, known);
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: markdown }),
            range: Some(position::range(&snapshot.document.rope, token.range, snapshot.encoding)),
        })
    })
}

/// The card of `code`: its entry's, with links to every variant, or "not in the catalog" with
/// the closest codes.
fn card_of(world: &super::world::World, code: &str, known: Option<crate::catalog::EntryId>) -> String {
    let catalog = &world.loaded.catalog;
    match known {
        Some(id) => {
            let links: Vec<SourceLink> = world
                .variant_links(id)
                .into_iter()
                .map(|uri| SourceLink { target: uri.map(|u| u.as_str().to_owned()) })
                .collect();
            card::code_card(catalog, id, &links)
        }
        None => card::unknown_card(catalog, code, &catalog.closest(code, CLOSEST)),
    }
}
