//! `textDocument/codeAction`: quick fixes read from the diagnostics' `data`.
//!
//! Stateless: the fixes were converted to editor edits when the diagnostic was published, so
//! any finding's fixes (unknown-code replacements, missing match arms, …) become actions here
//! without the server remembering anything. An unknown code also gets, after its replacements,
//! the actions that accept or ignore it ("Add X to the project catalog", "Ignore X in this
//! project", "Ignore X in this file", "Ignore X everywhere (user settings)"): quick fixes that
//! carry their diagnostic and are never preferred, so "fix all" never picks them. All but the
//! in-file one run a command (see [`super::commands`]); the in-file one is a plain edit.
//!
//! **Invariant:** never recomputes analysis.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::commands::{ADD_TO_CATALOG, CodeArgs, IGNORE_EVERYWHERE, IGNORE_IN_PROJECT};
use super::diagnostics::{DiagnosticData, UnknownData};
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
            if let Some(unknown) = data.unknown {
                actions.extend(accept_or_ignore(&uri, diagnostic, unknown));
            }
        }
        Some(actions)
    })
}

/// The four ways to accept or ignore an unknown code, in the order they are offered.
fn accept_or_ignore(uri: &Uri, diagnostic: &Diagnostic, unknown: UnknownData) -> Vec<CodeActionOrCommand> {
    let code = &unknown.code;
    let args = CodeArgs { uri: Some(uri.clone()), code: code.clone() };
    let command = |title: String, name: &str| {
        let arguments = serde_json::to_value(&args).ok().map(|a| vec![a]);
        action(diagnostic, title.clone(), None, Some(Command { title, command: name.to_owned(), arguments }))
    };
    let mut actions = vec![
        command(format!("Add {code} to the project catalog"), ADD_TO_CATALOG),
        command(format!("Ignore {code} in this project"), IGNORE_IN_PROJECT),
    ];
    if let Some(edits) = unknown.ignore_in_file {
        let changes = HashMap::from([(uri.clone(), edits)]);
        let edit = WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() };
        actions.push(action(diagnostic, format!("Ignore {code} in this file"), Some(edit), None));
    }
    actions.push(command(format!("Ignore {code} everywhere (user settings)"), IGNORE_EVERYWHERE));
    actions
}

fn action(
    diagnostic: &Diagnostic,
    title: String,
    edit: Option<WorkspaceEdit>,
    command: Option<Command>,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit,
        command,
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}
