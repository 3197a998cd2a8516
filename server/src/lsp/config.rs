//! Lifecycle and configuration: `initialize` (capabilities, position encoding, settings),
//! `initialized`, `workspace/didChangeConfiguration`, and live reload of catalog files through
//! `workspace/didChangeWatchedFiles`.
//!
//! `initialize` answers at once: it only records what the client said and starts loading the
//! workspace's configuration and catalogs on the blocking pool. `initialized` waits for that
//! load, swaps the world in, and then registers file watchers and refreshes diagnostics (the
//! diagnostics worker holds every publication until then, so nothing is computed with the
//! placeholder world).
//!
//! Catalog URLs the user allowed the server to fetch are fetched once per session, in the
//! background after `initialized`; one that brings new content triggers a reload.
//!
//! A reload builds a whole new world off to the side and swaps it in; problems (a broken
//! catalog, a wrong setting) are logged and shown once with `window/showMessage`, information
//! (a column kept as an extra field) goes to `window/logMessage`, and whatever did load keeps
//! working.
//!
//! **Invariant:** the only module that changes the world or the client registrations.

use std::path::PathBuf;
use std::sync::Arc;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::state::{ClientFlags, FirstLoad, State};
use super::world::{Settings, World};
use super::{diagnostics, index, position};

/// The id under which file watchers are registered (and re-registered after a reload).
const WATCH_REGISTRATION: &str = "errcode/watch-catalogs";

#[tracing::instrument(skip_all)]
pub fn initialize(state: &Arc<State>, params: InitializeParams) -> Result<InitializeResult> {
    let caps = &params.capabilities;
    let encoding = position::negotiate(caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
    let workspace = caps.workspace.as_ref();
    let flags = ClientFlags {
        watch_registration: workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false),
        work_done_progress: caps.window.as_ref().and_then(|w| w.work_done_progress).unwrap_or(false),
        inlay_hint_refresh: workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|h| h.refresh_support)
            .unwrap_or(false),
        configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
        show_document: caps.window.as_ref().and_then(|w| w.show_document.as_ref()).is_some_and(|d| d.support),
    };
    #[allow(deprecated)] // `rootUri` is still what older clients send.
    let root: Option<PathBuf> = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .and_then(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .or_else(|| params.root_uri.as_ref().and_then(|u| u.to_file_path().map(|p| p.into_owned())));
    let folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    let settings = Settings { init: params.initialization_options, changed: None };
    // Catalogs can be large: they load in the background and `initialized` applies them.
    let generation = state.next_reload();
    let task = {
        let (root, settings) = (root.clone(), settings.clone());
        tokio::task::spawn_blocking(move || World::load(root.as_deref(), &settings, encoding))
    };
    state.set_first_load(FirstLoad { generation, task });
    state.write(|s| {
        s.encoding = encoding;
        s.flags = flags;
        s.root = root;
        s.folders = folders;
        s.settings = settings;
    });
    let options = TextDocumentSyncOptions {
        open_close: Some(true),
        change: Some(TextDocumentSyncKind::INCREMENTAL),
        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
        ..TextDocumentSyncOptions::default()
    };
    let capabilities = ServerCapabilities {
        position_encoding: Some(position::encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(options)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        completion_provider: Some(CompletionOptions {
            // A code's separator completes its namespace (`AIS.`); quotes alone would offer the
            // whole catalog in every string, so they are not triggers.
            trigger_characters: Some(vec![".".into(), "-".into()]),
            ..CompletionOptions::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions { resolve_provider: Some(false) }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: super::scan_command::commands()
                .into_iter()
                .chain(super::commands::COMMANDS.map(str::to_owned))
                .collect(),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        ..ServerCapabilities::default()
    };
    Ok(InitializeResult {
        capabilities,
        server_info: Some(ServerInfo {
            name: "errcode-ls".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        offset_encoding: None,
    })
}

#[tracing::instrument(skip_all)]
pub fn initialized(state: &Arc<State>) {
    // Requests to the client are made from a task of their own: a notification handler that
    // waits for the client would keep the server from ending when `exit` arrives first.
    let state = state.clone();
    tokio::spawn(async move {
        let Some(FirstLoad { generation, task }) = state.take_first_load() else { return };
        match task.await {
            Ok((world, problems)) => apply(&state, generation, world, problems).await,
            Err(e) => {
                tracing::error!(error = %e, "loading the catalog failed; the built-in one stays");
                state.mark_ready();
            }
        }
    });
}

/// Fetches the world's catalog URLs (those the user allowed) once per session, on the blocking
/// pool; requests meanwhile use the cached copies. A fetch that brings new content reloads the
/// world, which republishes diagnostics.
fn fetch_remote(state: &Arc<State>) {
    let world = state.world();
    let urls: Vec<String> = state
        .write(|s| world.fetch.iter().filter(|url| s.fetched_urls.insert((*url).clone())).cloned().collect());
    if urls.is_empty() {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        let fetched = tokio::task::spawn_blocking(move || {
            let root = crate::workspace::remote::cache_root();
            let limits = crate::workspace::remote::Limits::default();
            urls.iter()
                .map(|url| match &root {
                    Some(root) => {
                        crate::workspace::remote::update(root, url, &limits).map_err(|e| e.to_string())
                    }
                    None => Err(format!("{url}: no cache folder (no home folder or XDG_CACHE_HOME)")),
                })
                .collect::<Vec<_>>()
        })
        .await;
        let mut changed = false;
        let mut failures = Vec::new();
        for result in fetched.unwrap_or_default() {
            match result {
                Ok(updated) => changed |= updated.changed(),
                Err(e) => {
                    tracing::warn!("fetching a remote catalog failed, the cached copy stays: {e}");
                    failures.push(e);
                }
            }
        }
        if !failures.is_empty() {
            let message =
                format!("errcode: fetching failed (cached copies stay in use):\n{}", failures.join("\n"));
            state.client.show_message(MessageType::WARNING, message).await;
        }
        if changed {
            let generation = state.next_reload();
            reload(&state, generation).await;
        }
    });
}

#[tracing::instrument(skip_all)]
pub fn did_change_configuration(state: &Arc<State>, params: DidChangeConfigurationParams) {
    let state = state.clone();
    let generation = state.next_reload();
    tokio::spawn(async move { change_configuration(&state, params, generation).await });
}

async fn change_configuration(state: &Arc<State>, params: DidChangeConfigurationParams, generation: u64) {
    let mut settings = params.settings;
    let pushed = settings.as_object().is_some_and(|o| !o.is_empty());
    if !pushed && state.read(|s| s.flags.configuration) {
        // Clients on the pull model send an empty notification and answer
        // `workspace/configuration` instead.
        let item = ConfigurationItem { scope_uri: None, section: Some("errcode".into()) };
        match state.client.configuration(vec![item]).await {
            Ok(mut values) if !values.is_empty() => settings = values.swap_remove(0),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "workspace/configuration failed; settings unchanged"),
        }
    }
    state.write(|s| s.settings.changed = Some(settings));
    reload(state, generation).await;
}

#[tracing::instrument(skip_all)]
pub fn did_change_watched_files(state: &Arc<State>, params: DidChangeWatchedFilesParams) {
    let world = state.world();
    let relevant: Vec<Option<PathBuf>> = params
        .changes
        .iter()
        .filter(|change| {
            change.uri.to_file_path().is_some_and(|path| world.watched.iter().any(|w| *w == *path))
                || change.uri.as_str().ends_with(crate::workspace::CONFIG_FILE)
        })
        .map(|change| change.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    if relevant.is_empty() {
        return;
    }
    let state = state.clone();
    tokio::spawn(async move {
        // The watcher also reports the server's own writes, already reloaded after writing. A
        // report can overtake the command that wrote: wait (a little) for it to finish.
        for _ in 0..100 {
            if !state.is_writing() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let echoes = tokio::task::spawn_blocking({
            let state = state.clone();
            move || relevant.iter().all(|path| path.as_deref().is_some_and(|p| state.is_own_write(p)))
        })
        .await
        .unwrap_or(false);
        if !echoes {
            let generation = state.next_reload();
            reload(&state, generation).await;
        }
    });
}

/// Reloads now (after the server changed configuration or catalog files itself) and returns
/// once the new world is in place and every open document is queued for diagnostics.
pub async fn reload_now(state: &Arc<State>) {
    let generation = state.next_reload();
    reload(state, generation).await;
}

/// Rebuilds the world from configuration and catalog files, then refreshes everything that
/// depends on it. Reloads may overlap; only the newest (`generation`) is applied.
async fn reload(state: &Arc<State>, generation: u64) {
    let (root, settings, encoding) = state.read(|s| (s.root.clone(), s.settings.clone(), s.encoding));
    let loaded = tokio::task::spawn_blocking(move || World::load(root.as_deref(), &settings, encoding)).await;
    match loaded {
        Ok((world, problems)) => apply(state, generation, world, problems).await,
        Err(e) => tracing::error!(error = %e, "reloading the catalog failed; the previous one stays"),
    }
}

/// Swaps in a loaded world unless a newer load started, then refreshes everything that depends
/// on it.
async fn apply(state: &Arc<State>, generation: u64, world: World, problems: Vec<String>) {
    if !state.is_latest_reload(generation) {
        return;
    }
    let old_watched = state.world().watched.clone();
    let watched = world.watched.clone();
    let information = world.loaded.information.clone();
    state.set_world(world);
    state.mark_ready();
    super::sync::reindex_all(state);
    show_problems(state, problems, information).await;
    let registered = state.read(|s| s.watchers_registered);
    if !registered || old_watched != watched {
        register_watchers(state, &watched, registered).await;
    }
    diagnostics::refresh_all(state);
    if state.read(|s| s.flags.inlay_hint_refresh) {
        let _ = state.client.inlay_hint_refresh().await;
    }
    index::rebuild(state);
    // Settings may just have allowed remote catalogs, or named new URLs.
    fetch_remote(state);
}

/// Shows loading problems in one message and logs information, unless the same ones were
/// shown last time.
async fn show_problems(state: &State, problems: Vec<String>, information: Vec<String>) {
    for problem in &problems {
        tracing::warn!("{problem}");
    }
    let everything: Vec<String> = problems.iter().chain(&information).cloned().collect();
    let fresh = state.write(|s| {
        let fresh = s.shown_problems != everything;
        s.shown_problems = everything;
        fresh
    });
    if fresh && !information.is_empty() {
        let message = format!("errcode: while loading the catalog:\n{}", information.join("\n"));
        state.client.log_message(MessageType::INFO, message).await;
    }
    if fresh && !problems.is_empty() {
        let message = match problems.as_slice() {
            [one] => format!("errcode: {one}"),
            many => format!("errcode: {} problems loading the catalog:\n{}", many.len(), many.join("\n")),
        };
        state.client.show_message(MessageType::WARNING, message).await;
    }
}

async fn register_watchers(state: &State, files: &[PathBuf], replace: bool) {
    if !state.read(|s| s.flags.watch_registration) {
        return;
    }
    if replace {
        let old = Unregistration {
            id: WATCH_REGISTRATION.into(),
            method: "workspace/didChangeWatchedFiles".into(),
        };
        let _ = state.client.unregister_capability(vec![old]).await;
    }
    let watchers: Vec<FileSystemWatcher> = files
        .iter()
        .filter_map(|path| {
            let base = Uri::from_file_path(path.parent()?)?;
            let pattern = path.file_name()?.to_string_lossy().into_owned();
            Some(FileSystemWatcher {
                glob_pattern: GlobPattern::Relative(RelativePattern {
                    base_uri: OneOf::Right(base),
                    pattern,
                }),
                kind: None,
            })
        })
        .collect();
    let options = DidChangeWatchedFilesRegistrationOptions { watchers };
    let registration = Registration {
        id: WATCH_REGISTRATION.into(),
        method: "workspace/didChangeWatchedFiles".into(),
        register_options: serde_json::to_value(options).ok(),
    };
    state.write(|s| s.watchers_registered = true);
    if let Err(e) = state.client.register_capability(vec![registration]).await {
        tracing::warn!(error = %e, "the client refused file watching; catalogs reload on restart only");
    }
}
