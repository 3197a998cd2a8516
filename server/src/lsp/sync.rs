//! Text synchronisation: open, change (incremental or full), save, close.
//!
//! Changes are applied synchronously at the start of the notification handler, before any
//! `.await`, so they land in the order the client sent them even though handlers run
//! concurrently. A change whose version is not newer than the document's is stale and dropped.
//!
//! **Invariant:** the only writer of document text.

use tower_lsp_server::ls_types::*;

use super::document::Document;
use super::state::State;

#[tracing::instrument(skip_all)]
pub fn did_open(state: &State, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    // Built before taking the lock: indexing a big log must not hold up other requests.
    let world = state.world();
    let recognizer = &world.loaded.recognizer;
    let diverted =
        if doc.text.is_empty() { super::large_open::take(doc.uri.as_str(), doc.version) } else { None };
    let document = match diverted {
        Some(rope) => Document::from_rope(&doc.uri, &doc.language_id, doc.version, rope, recognizer),
        None => Document::new(&doc.uri, &doc.language_id, doc.version, &doc.text, recognizer),
    };
    drop(doc.text);
    state.write(|s| s.documents.insert(doc.uri.clone(), document));
    state.schedule_diagnostics(doc.uri);
}

#[tracing::instrument(skip_all)]
pub fn did_change(state: &State, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let world = state.world();
    let recognizer = &world.loaded.recognizer;
    let applied = state.write(|s| {
        let encoding = s.encoding;
        let Some(document) = s.documents.get_mut(&uri) else {
            tracing::warn!(uri = uri.as_str(), "change to a document that is not open; ignored");
            return false;
        };
        if version <= document.version {
            tracing::warn!(uri = uri.as_str(), version, current = document.version, "stale change dropped");
            return false;
        }
        for change in &params.content_changes {
            document.apply(change, version, encoding, recognizer);
        }
        document.version = version;
        true
    });
    if applied {
        state.schedule_diagnostics(uri);
    }
}

#[tracing::instrument(skip_all)]
pub fn did_save(state: &std::sync::Arc<State>, params: DidSaveTextDocumentParams) {
    // The workspace index keeps saved files' codes current for references.
    if let Some(path) = params.text_document.uri.to_file_path() {
        super::index::refresh_file(state, &path);
    }
}

#[tracing::instrument(skip_all)]
pub fn did_close(state: &State, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    state.write(|s| s.documents.remove(&uri));
    // The diagnostics worker publishes an empty set for a document that is no longer open;
    // going through it keeps the clear ordered after any publication still in flight.
    state.schedule_diagnostics(uri);
}

/// Rebuilds what documents keep from the catalog (the codes of logs) after the world changed:
/// entry numbers of the old catalog mean nothing in the new one.
pub fn reindex_all(state: &State) {
    let world = state.world();
    state.write(|s| {
        for document in s.documents.values_mut() {
            document.reindex(&world.loaded.recognizer);
        }
    });
}
