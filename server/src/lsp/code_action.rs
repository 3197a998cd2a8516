//! `textDocument/codeAction`: quick fixes read from the diagnostics' `data`.
//!
//! Stateless: the fixes were converted to editor edits when the diagnostic was published, so
//! any finding's fixes (unknown-code replacements, missing match arms, …) become actions here
//! without the server remembering anything.
//!
//! **Invariant:** never recomputes analysis.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::diagnostics::DiagnosticData;
use super::guard::guarded;
use super::state::State;

#[tracing::instrument(skip_all)]
pub fn code_action(_state: &State, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
    guarded("textDocument/codeAction", || {
        let uri = params.text_document.uri;
        let mut actions = Vec::new();
        for diagnostic in &params.context.diagnostics {
            if diagnostic.source.as_deref() != Some("errcode") {
                continue;
            }
            let Some(data) = diagnostic.data.clone() else { continue };
            let Ok(data) = serde_json::from_value::<DiagnosticData>(data) else {
                tracing::warn!("a diagnostic's data is not ours; skipped");
                continue;
            };
            for fix in data.fixes {
                let changes = HashMap::from([(uri.clone(), fix.edits)]);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                    is_preferred: fix.preferred.then_some(true),
                    ..CodeAction::default()
                }));
            }
        }
        Some(actions)
    })
}
