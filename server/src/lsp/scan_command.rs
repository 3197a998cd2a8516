//! `workspace/executeCommand` `errcode.scanLogFile`: the server reads a log from disk (editors
//! do not send files over 50 MB to servers), scans it with the same scanner as
//! `errcode-ls scan`, writes a Markdown report and opens it with `window/showDocument` when the
//! client can. Beside it goes the HTML report of `scan --html` (the codes over time), which an
//! editor that can show HTML (VS Code's webviews) shows too.
//!
//! Arguments: `[file]`, a path or a `file://` URI; optionally `[file, report]` to choose where
//! the report goes (by default the cache folder). The answer is
//! `{"report": URI, "reportPath": path, "html": path, "codes": N, "lines": N}`.
//!
//! **Invariant:** the file is read on the blocking pool in fixed-size chunks (constant memory);
//! nothing of it is kept after the report is written.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{Value, json};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;

use super::state::State;
use crate::cli::scan::tally_file;
use crate::scan::Scanner;
use crate::scan::report::{Subject, markdown};

/// The command's name, as advertised in `executeCommandProvider`.
pub const SCAN_LOG_FILE: &str = "errcode.scanLogFile";

/// Every command the server runs.
pub fn commands() -> Vec<String> {
    vec![SCAN_LOG_FILE.to_owned()]
}

#[tracing::instrument(skip_all)]
pub async fn execute_command(state: &Arc<State>, params: ExecuteCommandParams) -> Result<Option<LSPAny>> {
    if params.command != SCAN_LOG_FILE {
        return Err(invalid(format!("unknown command `{}`", params.command)));
    }
    let file = params
        .arguments
        .first()
        .and_then(Value::as_str)
        .and_then(to_path)
        .ok_or_else(|| invalid(format!("{SCAN_LOG_FILE} needs the log file's path or file:// URI")))?;
    let report_path = params.arguments.get(1).and_then(Value::as_str).and_then(to_path);
    let world = state.world();
    let scanned = tokio::task::spawn_blocking(move || scan_to_report(&world, &file, report_path)).await;
    let (report, html, codes, lines) = match scanned {
        Ok(Ok(done)) => done,
        Ok(Err(message)) => return Err(invalid(message)),
        Err(e) => {
            tracing::error!(error = %e, "scan failed; the server goes on");
            return Err(Error {
                code: ErrorCode::InternalError,
                message: "the scan failed".into(),
                data: None,
            });
        }
    };
    let uri = Uri::from_file_path(&report)
        .ok_or_else(|| invalid(format!("{} cannot be named as a URI", report.display())))?;
    if state.read(|s| s.flags.show_document) {
        let shown = state
            .client
            .show_document(ShowDocumentParams {
                uri: uri.clone(),
                external: Some(false),
                take_focus: Some(true),
                selection: None,
            })
            .await;
        if let Err(e) = shown {
            tracing::warn!(error = %e, "the client did not open the report");
        }
    }
    Ok(Some(json!({
        "report": uri.as_str(),
        "reportPath": report.to_string_lossy(),
        "html": html.to_string_lossy(),
        "codes": codes,
        "lines": lines,
    })))
}

/// Scans `file` and writes its reports; returns where (Markdown, HTML), and how many codes and
/// lines.
fn scan_to_report(
    world: &super::world::World,
    file: &Path,
    report_path: Option<PathBuf>,
) -> std::result::Result<(PathBuf, PathBuf, usize, u64), String> {
    let metadata = std::fs::metadata(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    if !metadata.is_file() {
        return Err(format!("{} is not a file", file.display()));
    }
    let loaded = &world.loaded;
    let scanner = Scanner::new(&loaded.catalog, &loaded.recognizer);
    let (tally, error) = tally_file(&scanner, file, Some(crate::cli::timeline::clock(None)));
    let name = file.display().to_string();
    let uri =
        Uri::from_file_path(file).map(|u| u.as_str().to_owned()).unwrap_or_else(|| format!("file://{name}"));
    let subject = Subject { name: &name, uri: &uri, error: error.map(|e| e.to_string()) };
    let text = markdown(&loaded.catalog, &subject, &tally);
    let report = match report_path {
        Some(path) => path,
        None => default_report_path(file)?,
    };
    if let Some(dir) = report.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(&report, text).map_err(|e| format!("cannot write {}: {e}", report.display()))?;
    let html = report.with_extension("html");
    let inputs = [name];
    let page =
        crate::scan::html::Page { catalog: &loaded.catalog, inputs: &inputs, tally: &tally, bucket: None };
    std::fs::write(&html, crate::scan::html::page(&page))
        .map_err(|e| format!("cannot write {}: {e}", html.display()))?;
    Ok((report, html, tally.rows().len(), tally.lines))
}

/// `$XDG_CACHE_HOME/errcode-ls/reports/<file name>.errcode.md`.
fn default_report_path(file: &Path) -> std::result::Result<PathBuf, String> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| format!("no cache folder: {e}"))?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "log".into());
    Ok(base.cache_dir().join("errcode-ls").join("reports").join(format!("{name}.errcode.md")))
}

fn to_path(argument: &str) -> Option<PathBuf> {
    if argument.starts_with("file:") {
        let uri: Uri = argument.parse().ok()?;
        return uri.to_file_path().map(|p| p.into_owned());
    }
    (!argument.is_empty()).then(|| PathBuf::from(argument))
}

fn invalid(message: String) -> Error {
    Error { code: ErrorCode::InvalidParams, message: message.into(), data: None }
}
