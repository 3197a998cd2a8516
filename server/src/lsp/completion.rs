//! `textDocument/completion`: catalog codes where a code is being written.
//!
//! **Invariant:** what to offer is decided by [`crate::analysis::completion`]; this module only
//! reads the cursor's line and builds items.

use std::borrow::Cow;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::guard::guarded;
use super::position;
use super::state::State;
use crate::analysis::card::{self, SourceLink};
use crate::analysis::completion::complete;

#[tracing::instrument(skip_all)]
pub fn completion(state: &State, params: CompletionParams) -> Result<Option<CompletionResponse>> {
    let at = params.text_document_position;
    let Some(snapshot) = state.snapshot(&at.text_document.uri) else { return Ok(None) };
    guarded("textDocument/completion", || {
        let rope = &snapshot.document.rope;
        let line = at.position.line as usize;
        if line >= rope.len_lines() {
            return None;
        }
        let cursor = position::offset(rope, at.position, snapshot.encoding);
        let line_start = rope.line_to_byte(line);
        let prefix: Cow<str> = rope.byte_slice(line_start..cursor).into();
        let world = &snapshot.world;
        let catalog = &world.loaded.catalog;
        let offer = complete(catalog, &prefix)?;
        let range = position::range(
            rope,
            line_start + offer.replace.start..line_start + offer.replace.end,
            snapshot.encoding,
        );
        let typed = &prefix[offer.replace.clone()];
        let items = offer
            .items
            .iter()
            .enumerate()
            .map(|(rank, candidate)| {
                let entry = catalog.entry(candidate.entry);
                let link =
                    SourceLink { target: world.entry_link(candidate.entry).map(|u| u.as_str().to_owned()) };
                CompletionItem {
                    label: entry.code.clone(),
                    kind: Some(CompletionItemKind::CONSTANT),
                    detail: Some(entry.message.clone()),
                    documentation: Some(Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: card::entry_card(catalog, entry, &link),
                    })),
                    // A match by message must survive the editor's own filtering on the typed word.
                    filter_text: candidate.by_message.then(|| typed.to_owned()),
                    sort_text: Some(format!("{rank:05}")),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                        range,
                        new_text: entry.code.clone(),
                    })),
                    ..CompletionItem::default()
                }
            })
            .collect();
        Some(CompletionResponse::List(CompletionList { is_incomplete: false, items }))
    })
}
