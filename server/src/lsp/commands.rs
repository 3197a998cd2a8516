//! `workspace/executeCommand` for accepting and ignoring unknown codes:
//! `errcode.addToCatalog`, `errcode.ignoreInProject` and `errcode.ignoreEverywhere`, each with
//! one argument `{ "code": "AIS.0117", "uri": "file:///…/client.py" }` (`uri`: the document the
//! code was met in; it picks the project).
//!
//! The project is the workspace folder that holds the document (the longest one, in a
//! multi-root workspace), else the workspace root, else the document's own folder. The files
//! are written by [`crate::workspace::project`] on the blocking pool; the server then reloads
//! and republishes every open document's diagnostics, and remembers what it wrote so the file
//! watcher's echo of its own write does not reload a second time. A failure is shown with
//! `window/showMessage` and nothing is written. The answer is
//! `{ "added": [codes], "files": [paths written] }`, or null after a failure.
//!
//! **Invariant:** translation only: arguments in, a workspace operation, a reload out.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::json;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;

use super::state::State;
use crate::workspace::edit::NewEntry;
use crate::workspace::{self, Project};

pub const ADD_TO_CATALOG: &str = "errcode.addToCatalog";
pub const IGNORE_IN_PROJECT: &str = "errcode.ignoreInProject";
pub const IGNORE_EVERYWHERE: &str = "errcode.ignoreEverywhere";

/// The commands of this module.
pub const COMMANDS: [&str; 3] = [ADD_TO_CATALOG, IGNORE_IN_PROJECT, IGNORE_EVERYWHERE];

/// The argument of every command here.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CodeArgs {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uri: Option<Uri>,
    pub code: String,
}

#[tracing::instrument(skip_all, fields(command = %params.command))]
pub async fn execute(state: &Arc<State>, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    let args: CodeArgs = params
        .arguments
        .first()
        .cloned()
        .and_then(|a| serde_json::from_value(a).ok())
        .filter(|a: &CodeArgs| !a.code.trim().is_empty() && !a.code.contains(char::is_whitespace))
        .ok_or_else(|| {
            Error::invalid_params(format!(
                "{} needs one argument {{\"code\": …, \"uri\": …}}",
                params.command
            ))
        })?;
    let command = params.command.clone();
    let folder = project_folder(state, args.uri.as_ref());
    let world = state.world();
    let code = args.code.clone();
    let writing = state.start_writing();
    let done = tokio::task::spawn_blocking(move || -> std::result::Result<_, String> {
        let codes = vec![code.clone()];
        match command.as_str() {
            ADD_TO_CATALOG => {
                let project = Project::of(&folder.ok_or("no folder holds this document")?);
                let category = workspace::category_for(&world.loaded.catalog, &code);
                let entry = NewEntry { code, category, message: String::new() };
                let added = project.add_to_catalog(&[entry]).map_err(|e| e.to_string())?;
                Ok((added, vec![project.catalog_file(), project.config_file]))
            }
            IGNORE_IN_PROJECT => {
                let project = Project::of(&folder.ok_or("no folder holds this document")?);
                let added = project.ignore(&codes).map_err(|e| e.to_string())?;
                Ok((added, vec![project.config_file]))
            }
            _ => {
                let (path, added) = workspace::ignore_for_user(&codes).map_err(|e| e.to_string())?;
                Ok((added, vec![path]))
            }
        }
    })
    .await;
    let (added, files) = match done {
        Ok(Ok(done)) => done,
        Ok(Err(message)) => {
            let message = format!("errcode: {} was not changed: {message}", args.code);
            tracing::warn!("{message}");
            state.client.show_message(MessageType::ERROR, message).await;
            return Ok(None);
        }
        Err(e) => {
            tracing::error!(error = %e, "the command failed; the server goes on");
            return Err(Error::internal_error());
        }
    };
    state.remember_own_writes(&files);
    drop(writing);
    super::config::reload_now(state).await;
    Ok(Some(json!({ "added": added, "files": files })))
}

/// The folder whose project a document belongs to.
fn project_folder(state: &State, uri: Option<&Uri>) -> Option<PathBuf> {
    let document = uri.and_then(|u| u.to_file_path()).map(|p| p.into_owned());
    let (folders, root) = state.read(|s| (s.folders.clone(), s.root.clone()));
    if let Some(document) = &document {
        let holding =
            folders.iter().filter(|f| document.starts_with(f)).max_by_key(|f| f.components().count());
        if let Some(folder) = holding {
            return Some(folder.clone());
        }
    }
    root.or_else(|| document.as_deref().and_then(Path::parent).map(Path::to_path_buf))
}
