//! The `LanguageServer` implementation: one line per method, delegating to the feature
//! modules.
//!
//! Requests that read the catalog first wait until the workspace's catalogs are loaded
//! (`initialize` answers before they are; see [`super::config`]).
//!
//! **Invariant:** no logic here; a method that is not listed is answered "method not found" by
//! the framework, as LSP asks.

use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::state::State;
use super::transport::Malformed;
use super::{
    code_action, commands, completion, config, definition, diagnostics, document_link, highlight, hover,
    inlay_hints, log_views, references, scan_command, symbols, sync,
};

/// The server: a handle on the shared state.
#[derive(Debug)]
pub struct Backend {
    state: Arc<State>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        let state = Arc::new(State::new(client));
        diagnostics::start_worker(&state);
        Backend { state }
    }

    pub fn state(&self) -> Arc<State> {
        self.state.clone()
    }

    /// Answers a frame that [`super::transport`] found malformed with its JSON-RPC error.
    pub async fn malformed(&self, params: Malformed) -> Result<()> {
        tracing::warn!(code = params.code, "malformed message: {}", params.message);
        Err(tower_lsp_server::jsonrpc::Error {
            code: params.code.into(),
            message: params.message.into(),
            data: None,
        })
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        config::initialize(&self.state, params)
    }

    async fn initialized(&self, _: InitializedParams) {
        config::initialized(&self.state);
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.mark_shut_down();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        sync::did_open(&self.state, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        sync::did_change(&self.state, params);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        sync::did_save(&self.state, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        sync::did_close(&self.state, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        config::did_change_configuration(&self.state, params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        config::did_change_watched_files(&self.state, params);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.state.wait_ready().await;
        hover::hover(&self.state, params)
    }

    async fn goto_definition(&self, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
        self.state.wait_ready().await;
        definition::definition(&self.state, params)
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.state.wait_ready().await;
        references::references(&self.state, params)
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        self.state.wait_ready().await;
        highlight::document_highlight(&self.state, params)
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.state.wait_ready().await;
        document_link::document_link(&self.state, params)
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.state.wait_ready().await;
        completion::completion(&self.state, params)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.state.wait_ready().await;
        code_action::code_action(&self.state, params)
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.state.wait_ready().await;
        inlay_hints::inlay_hint(&self.state, params)
    }

    async fn document_symbol(&self, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
        self.state.wait_ready().await;
        log_views::document_symbol(&self.state, params)
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.state.wait_ready().await;
        log_views::code_lens(&self.state, params)
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
        self.state.wait_ready().await;
        if commands::COMMANDS.contains(&params.command.as_str()) {
            return commands::execute(&self.state, params).await;
        }
        scan_command::execute_command(&self.state, params).await
    }

    async fn symbol(&self, params: WorkspaceSymbolParams) -> Result<Option<WorkspaceSymbolResponse>> {
        self.state.wait_ready().await;
        symbols::workspace_symbol(&self.state, params)
    }
}
