//! Diagnostics pushed to the client: computed off the request path, coalesced, tagged with
//! the document version, stale results dropped, cleared on close.
//!
//! One worker task receives "document changed" signals. It drains every signal already queued
//! before computing (a burst of keystrokes costs one analysis — the debounce — without adding
//! a fixed delay), analyses a snapshot on the blocking pool, and publishes only if the document
//! still has the analysed version. Fixes travel in each diagnostic's `data`, already converted
//! to editor positions, so code actions need no server-side memory of them.
//!
//! A large source file just opened is not parsed yet: its findings that need no tree (unknown
//! codes) are published first, then the whole analysis's, which hold them all
//! ([`TREE_FREE_FIRST`]).
//!
//! A keystroke that leaves a syntax error in a big Python module is analysed with the error
//! kept local ([`crate::syntax::ParsedDocument::is_exact`]); once typing pauses for
//! [`SETTLE_AFTER`], the module is parsed from scratch off the request path and, if that reads
//! it differently, its diagnostics are published again for the same version.
//!
//! **Invariant:** the only publisher of `textDocument/publishDiagnostics`.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::document::{Content, Source};
use super::position;
use super::state::{Snapshot, State};
use crate::analysis::ignore_in_file::{comment_style, ignore_code_edit};
use crate::analysis::{self, Context, Edit, Finding, Rule, Severity};

/// How long a document with approximate syntax waits without edits before it is parsed anew.
pub const SETTLE_AFTER: Duration = Duration::from_millis(400);

/// Source files at least this large, when first analysed, publish the findings that need no
/// syntax tree before they are parsed (a parse of a 1 MB module takes a good part of a second).
/// Those findings are a part of what the analysis with the tree publishes next, never one it
/// would take back ([`analysis::findings_without_syntax`]); smaller files parse in a few
/// milliseconds and publish once.
pub const TREE_FREE_FIRST: usize = 256 * 1024;

/// What a diagnostic's `data` carries: the fixes, ready to apply, and for an unknown code what
/// accepting or ignoring it needs.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiagnosticData {
    pub fixes: Vec<FixData>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown: Option<UnknownData>,
}

/// An unknown code: its text, and the edit that ignores it in this file (when the file has a
/// comment syntax).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnknownData {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ignore_in_file: Option<Vec<lsp::TextEdit>>,
}

/// One fix in editor terms.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FixData {
    pub title: String,
    pub preferred: bool,
    pub edits: Vec<lsp::TextEdit>,
}

/// Starts the worker; called once when the server is created.
pub fn start_worker(state: &Arc<State>) {
    let Some(mut rx) = state.take_diagnostics_receiver() else { return };
    let state = state.clone();
    tokio::spawn(async move {
        let mut published = Published::default();
        while let Some(first) = rx.recv().await {
            // Nothing is published before the workspace's catalogs are loaded: the placeholder
            // world would report their codes as unknown.
            state.wait_ready().await;
            let mut pending = vec![first];
            while let Ok(uri) = rx.try_recv() {
                if !pending.contains(&uri) {
                    pending.push(uri);
                }
            }
            for uri in pending {
                publish(&state, uri, &mut published).await;
            }
        }
    });
}

/// What was last published per document: the version, which opening of the document and its
/// parse generation, the world (catalog and settings) and the workspace's constants it was
/// computed with. A signal that
/// arrives after its change was already analysed (the change and the signal race the worker)
/// would otherwise publish the same diagnostics twice. Nothing of the document itself is kept:
/// holding its log index here would make the next edit copy it whole.
#[derive(Default)]
struct Published(HashMap<Uri, Computed>);

/// Version, opening, parse generation, world and workspace constants of a publication.
type Computed = (i32, u64, u64, Arc<super::world::World>, Arc<crate::analysis::Constants>);

impl Published {
    fn is_current(&self, uri: &Uri, snapshot: &Snapshot) -> bool {
        self.0.get(uri).is_some_and(|(version, opening, generation, world, constants)| {
            *version == snapshot.document.version
                && *opening == snapshot.document.opening
                && *generation == snapshot.document.content.parse_generation()
                && Arc::ptr_eq(world, &snapshot.world)
                && Arc::ptr_eq(constants, snapshot.index.shared_constants())
        })
    }
}

/// Schedules every open document (after a catalog or configuration change).
pub fn refresh_all(state: &State) {
    let uris: Vec<Uri> = state.read(|s| s.documents.keys().cloned().collect());
    for uri in uris {
        state.schedule_diagnostics(uri);
    }
}

async fn publish(state: &Arc<State>, uri: Uri, published: &mut Published) {
    let Some(snapshot) = state.snapshot(&uri) else {
        // Closed (or never opened): whatever was shown is cleared.
        published.0.remove(&uri);
        state.client.publish_diagnostics(uri, Vec::new(), None).await;
        return;
    };
    if published.is_current(&uri, &snapshot) {
        return;
    }
    let version = snapshot.document.version;
    let world = snapshot.world.clone();
    let constants = snapshot.index.shared_constants().clone();
    let opening = snapshot.document.opening;
    let generation = snapshot.document.content.parse_generation();
    let source = match &snapshot.document.content {
        Content::Source(source) => Some(source.clone()),
        Content::Lines(_) => None,
    };
    let name = uri.path().as_str().rsplit('/').next().unwrap_or_default().to_owned();
    let mut shown = None;
    if source.as_ref().is_some_and(|s| !s.is_parsed())
        && snapshot.document.rope.len_bytes() >= TREE_FREE_FIRST
    {
        let (first, name) = (snapshot.clone(), name.clone());
        if let Ok(diagnostics) =
            tokio::task::spawn_blocking(move || compute_without_syntax(&first, &name)).await
        {
            if state.version(&uri) != Some(version) {
                return;
            }
            state.client.publish_diagnostics(uri.clone(), diagnostics.clone(), Some(version)).await;
            shown = Some(diagnostics);
        }
    }
    let computed = tokio::task::spawn_blocking(move || compute(&snapshot, &name)).await;
    let diagnostics = match computed {
        Ok(diagnostics) => diagnostics,
        Err(e) => {
            tracing::error!(uri = uri.as_str(), error = %e, "diagnostics failed; the server goes on");
            return;
        }
    };
    if state.version(&uri) != Some(version) {
        // A newer version is queued (or the document closed); its own run publishes.
        return;
    }
    if let Some(source) = source
        && source.needs_settling(version)
    {
        settle_later(state.clone(), uri.clone(), version, source);
    }
    if shown.is_some() {
        // The first analysis of a large file has just parsed it: its scratch space is free.
        super::release_freed_memory();
    }
    published.0.insert(uri.clone(), (version, opening, generation, world, constants));
    if shown.as_ref() != Some(&diagnostics) {
        state.client.publish_diagnostics(uri, diagnostics, Some(version)).await;
    }
}

/// Parses a document anew once it has had no edit for [`SETTLE_AFTER`], and has it analysed
/// again if that changed its syntax.
fn settle_later(state: Arc<State>, uri: Uri, version: i32, source: Arc<Source>) {
    tokio::spawn(async move {
        tokio::time::sleep(SETTLE_AFTER).await;
        if state.version(&uri) != Some(version) {
            return;
        }
        if let Ok(true) = tokio::task::spawn_blocking(move || source.settle(version)).await {
            state.schedule_diagnostics(uri);
        }
    });
}

/// Analyses a snapshot of the file `file_name` and renders the findings as LSP diagnostics.
pub fn compute(snapshot: &Snapshot, file_name: &str) -> Vec<lsp::Diagnostic> {
    let findings = snapshot.document.findings(context(snapshot));
    render(snapshot, file_name, findings)
}

/// The diagnostics of a source file's findings that need no syntax tree
/// ([`analysis::findings_without_syntax`]): a part of what [`compute`] gives for the same
/// snapshot.
fn compute_without_syntax(snapshot: &Snapshot, file_name: &str) -> Vec<lsp::Diagnostic> {
    let findings = analysis::findings_without_syntax(&snapshot.document.text(), context(snapshot));
    render(snapshot, file_name, findings)
}

fn context(snapshot: &Snapshot) -> Context<'_> {
    let loaded = &snapshot.world.loaded;
    Context {
        catalog: &loaded.catalog,
        recognizer: &loaded.recognizer,
        options: &loaded.options,
        workspace: Some(snapshot.index.constants()),
    }
}

/// Renders findings of a snapshot of the file `file_name` as LSP diagnostics.
fn render(snapshot: &Snapshot, file_name: &str, mut findings: Vec<Finding>) -> Vec<lsp::Diagnostic> {
    let document = &snapshot.document;
    if matches!(document.content, Content::Lines(_))
        && !document.language.is_log()
        && mentions_directive(&document.rope)
    {
        // Files without grammar (Markdown, shell, YAML…) are indexed like logs; their
        // `errcode: ignore-code` directives are honoured here.
        findings = analysis::without_ignored(findings, &document.text());
    }
    let style = comment_style(document.language, file_name);
    let head = style.map(|_| head(&document.rope));
    findings
        .iter()
        .map(|f| {
            let ignore = match (style, &head) {
                (Some(style), Some(head)) if f.rule == Rule::UnknownCode => {
                    let code = String::from(document.rope.byte_slice(f.range.clone()));
                    Some(ignore_code_edit(head, style, &code))
                }
                _ => None,
            };
            to_diagnostic(snapshot, f, ignore)
        })
        .collect()
}

/// Whether the text holds `errcode:` at all (searched chunk by chunk, with the chunks' seams).
fn mentions_directive(rope: &ropey::Rope) -> bool {
    const MARKER: &[u8] = b"errcode:";
    let finder = memchr::memmem::Finder::new(MARKER);
    let mut seam: Vec<u8> = Vec::new();
    for chunk in rope.chunks() {
        let bytes = chunk.as_bytes();
        seam.extend_from_slice(&bytes[..bytes.len().min(MARKER.len() - 1)]);
        if finder.find(&seam).is_some() || finder.find(bytes).is_some() {
            return true;
        }
        seam.clear();
        seam.extend_from_slice(&bytes[bytes.len().saturating_sub(MARKER.len() - 1)..]);
    }
    false
}

/// The first lines of a document: where an `ignore-code` directive is looked for and goes.
fn head(rope: &ropey::Rope) -> String {
    let lines = rope.len_lines().min(64);
    String::from(rope.slice(..rope.line_to_char(lines)))
}

fn to_diagnostic(snapshot: &Snapshot, finding: &Finding, ignore: Option<Edit>) -> lsp::Diagnostic {
    let rope = &snapshot.document.rope;
    let encoding = snapshot.encoding;
    let world = &snapshot.world;
    let fixes: Vec<FixData> = finding
        .fixes
        .iter()
        .map(|fix| FixData {
            title: fix.title.clone(),
            preferred: fix.preferred,
            edits: fix
                .edits
                .iter()
                .map(|e| lsp::TextEdit {
                    range: position::range(rope, e.range.clone(), encoding),
                    new_text: e.text.clone(),
                })
                .collect(),
        })
        .collect();
    let related_information: Vec<lsp::DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|&id| {
            let location = world.entry_location(id)?;
            let entry = world.loaded.catalog.entry(id);
            Some(lsp::DiagnosticRelatedInformation {
                location,
                message: format!("{}: {}", entry.code, entry.message),
            })
        })
        .collect();
    let href = finding.related.first().and_then(|&id| world.entry_link(id));
    let unknown = (finding.rule == Rule::UnknownCode).then(|| UnknownData {
        code: String::from(rope.byte_slice(finding.range.clone())),
        ignore_in_file: ignore.map(|edit| {
            vec![lsp::TextEdit { range: position::range(rope, edit.range, encoding), new_text: edit.text }]
        }),
    });
    let data = (!fixes.is_empty() || unknown.is_some()).then_some(DiagnosticData { fixes, unknown });
    lsp::Diagnostic {
        range: position::range(rope, finding.range.clone(), encoding),
        severity: Some(severity(finding.severity)),
        code: Some(lsp::NumberOrString::String(finding.rule.name().to_owned())),
        code_description: href.map(|href| lsp::CodeDescription { href }),
        source: Some("errcode".to_owned()),
        message: finding.message.clone(),
        related_information: (!related_information.is_empty()).then_some(related_information),
        tags: None,
        data: data.map(|data| serde_json::to_value(data).unwrap_or_default()),
    }
}

fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}
