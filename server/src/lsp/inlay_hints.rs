//! `textDocument/inlayHint`: the message after each known code — on by default in logs, off in
//! source (`inlay-hints.source`, `inlay-hints.logs`).
//!
//! **Invariant:** reads only the requested range of the document.

use std::borrow::Cow;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::guard::guarded;
use super::position;
use super::state::State;
use crate::analysis::card::short_message;

/// Hints longer than this are cut; the full message is in the tooltip.
const MAX_HINT: usize = 60;

#[tracing::instrument(skip_all)]
pub fn inlay_hint(state: &State, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    let Some(snapshot) = state.snapshot(&params.text_document.uri) else { return Ok(None) };
    guarded("textDocument/inlayHint", || {
        let world = &snapshot.world;
        let wanted = world.loaded.config.inlay_hints;
        let on = if snapshot.document.language.is_log() { wanted.logs } else { wanted.source };
        if !on {
            return Some(Vec::new());
        }
        let rope = &snapshot.document.rope;
        let bytes = position::byte_range(rope, params.range, snapshot.encoding);
        // Widen to whole lines so a code cut by the range's edge is still recognised.
        let start = rope.line_to_byte(rope.byte_to_line(bytes.start));
        let end_line = rope.byte_to_line(bytes.end);
        let end =
            if end_line + 1 < rope.len_lines() { rope.line_to_byte(end_line + 1) } else { rope.len_bytes() };
        let text: Cow<str> = rope.byte_slice(start..end).into();
        let catalog = &world.loaded.catalog;
        let hints = world
            .loaded
            .recognizer
            .find_iter(text.as_bytes())
            .filter_map(|o| {
                let entry = catalog.entry(o.entry()?);
                Some(InlayHint {
                    position: position::position(rope, start + o.range.end, snapshot.encoding),
                    label: InlayHintLabel::String(short_message(&entry.message, MAX_HINT)),
                    kind: None,
                    text_edits: None,
                    tooltip: Some(InlayHintTooltip::String(entry.message.clone())),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
            })
            .collect();
        Some(hints)
    })
}
