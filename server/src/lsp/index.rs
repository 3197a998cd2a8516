//! The workspace index: where each code occurs in the workspace's files, for references; the
//! constants holding codes that its source files declare (the table analysis resolves named
//! labels through, so `case ErrCodes.X:` in one file finds `X` in another); and where those
//! constants are named. A saved file's declarations update the table at once (and open
//! documents are re-analysed); the names other files use are re-read at the next full build.
//!
//! Built on the blocking pool after `initialized` (and after each catalog reload), walking the
//! root with the `ignore` crate (so `.gitignore` is honoured) within fixed bounds; saved files
//! are re-read one at a time. Requests read whatever index is current and never wait for one.
//!
//! **Invariant:** bounded: at most [`MAX_FILES`] files of at most [`MAX_FILE_BYTES`] each,
//! binary files skipped; never runs on the request path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tower_lsp_server::ls_types::{self as lsp, Uri, notification, request};

use super::position::position_in_text;
use super::state::State;
use crate::analysis::constants::{self, Constants, Scope};
use crate::recognize::Recognizer;
use crate::syntax::{Language, grammar};
use crate::text::{Encoding, LineIndex};
use crate::workspace::constants::declared_in;

/// The most files indexed; a larger workspace is indexed partially (and says so in the log).
pub const MAX_FILES: usize = 20_000;
/// Larger files (generated code, dumps) are skipped.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;
/// The progress token the index reports under, so clients can show (and tests await) it.
pub const PROGRESS_TOKEN: &str = "errcode/index";

/// Occurrences of codes in files, by code text, and the constants holding them.
#[derive(Debug, Clone)]
pub struct Index {
    by_file: HashMap<PathBuf, Vec<(String, lsp::Range)>>,
    /// The constants each source file declares.
    declared_by_file: HashMap<PathBuf, Constants>,
    /// Every file's constants together.
    constants: Arc<Constants>,
    /// Where each file names a constant, with the code it stands for.
    named_by_file: HashMap<PathBuf, Vec<(String, lsp::Range)>>,
}

impl Default for Index {
    fn default() -> Self {
        // Every index without constants shares one empty table, so building an index for a
        // workspace without any changes nothing diagnostics compare.
        static EMPTY: std::sync::LazyLock<Arc<Constants>> = std::sync::LazyLock::new(Default::default);
        Index {
            by_file: HashMap::new(),
            declared_by_file: HashMap::new(),
            constants: EMPTY.clone(),
            named_by_file: HashMap::new(),
        }
    }
}

impl Index {
    /// Every indexed occurrence of `code`, file by file in path order.
    pub fn occurrences<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = (&'a PathBuf, &'a lsp::Range)> + 'a {
        let mut files: Vec<&PathBuf> = self.by_file.keys().collect();
        files.sort();
        files.into_iter().flat_map(move |path| {
            self.by_file[path].iter().filter(move |(c, _)| c == code).map(move |(_, range)| (path, range))
        })
    }

    /// Every indexed use of a constant standing for `code`, file by file in path order.
    pub fn named_occurrences<'a>(
        &'a self,
        code: &'a str,
    ) -> impl Iterator<Item = (&'a PathBuf, &'a lsp::Range)> + 'a {
        let mut files: Vec<&PathBuf> = self.named_by_file.keys().collect();
        files.sort();
        files.into_iter().flat_map(move |path| {
            self.named_by_file[path]
                .iter()
                .filter(move |(c, _)| c == code)
                .map(move |(_, range)| (path, range))
        })
    }

    /// The constants holding codes that the workspace's files declare.
    pub fn constants(&self) -> &Constants {
        &self.constants
    }

    /// The same, shared: a new table is a new `Arc`, so diagnostics can tell it changed.
    pub fn shared_constants(&self) -> &Arc<Constants> {
        &self.constants
    }

    pub fn file_count(&self) -> usize {
        self.by_file.len()
    }

    fn merge_constants(&mut self) {
        let mut all = Constants::default();
        let mut files: Vec<&PathBuf> = self.declared_by_file.keys().collect();
        files.sort();
        for path in files {
            all.extend(self.declared_by_file[path].iter().cloned());
        }
        // An empty table stays the same table: open documents need no new analysis for it.
        if !(all.is_empty() && self.constants.is_empty()) {
            self.constants = Arc::new(all);
        }
    }

    /// Records where `text` (the file at `path`) names the workspace's constants.
    fn name_uses(&mut self, path: &Path, text: &str, encoding: Encoding) {
        let language = Language::from_path(path);
        let empty = Constants::default();
        let local = self.declared_by_file.get(path).unwrap_or(&empty);
        let scope = Scope { local, workspace: Some(&self.constants), family: constants::family(language) };
        let lines = LineIndex::new(text);
        let found: Vec<(String, lsp::Range)> = constants::named_uses(text, scope)
            .into_iter()
            .map(|u| {
                let range = lsp::Range {
                    start: position_in_text(&lines, text, u.range.start, encoding),
                    end: position_in_text(&lines, text, u.range.end, encoding),
                };
                (u.declared.code, range)
            })
            .collect();
        if found.is_empty() {
            self.named_by_file.remove(path);
        } else {
            self.named_by_file.insert(path.to_owned(), found);
        }
    }
}

/// Rebuilds the index in the background, reporting work-done progress when the client can
/// show it.
pub fn rebuild(state: &Arc<State>) {
    let Some(root) = state.read(|s| s.root.clone()) else { return };
    let state = state.clone();
    tokio::spawn(async move {
        let progress = state.read(|s| s.flags.work_done_progress);
        let token = lsp::ProgressToken::String(PROGRESS_TOKEN.to_owned());
        if progress {
            let created = state
                .client
                .send_request::<request::WorkDoneProgressCreate>(lsp::WorkDoneProgressCreateParams {
                    token: token.clone(),
                })
                .await;
            if created.is_ok() {
                report(
                    &state,
                    &token,
                    lsp::WorkDoneProgress::Begin(lsp::WorkDoneProgressBegin {
                        title: "errcode: indexing the workspace".into(),
                        ..Default::default()
                    }),
                )
                .await;
            }
        }
        let world = state.world();
        let encoding = state.encoding();
        let exclude = world.loaded.config.exclude.clone();
        let built =
            tokio::task::spawn_blocking(move || build(&root, &exclude, &world.loaded.recognizer, encoding))
                .await;
        let message = match built {
            Ok(index) => {
                let message = format!("{} files indexed", index.file_count());
                let constants = !index.constants.is_empty();
                state.set_index(index);
                if constants {
                    // Open documents may name constants the index has just found.
                    let open: Vec<Uri> = state.read(|s| s.documents.keys().cloned().collect());
                    for uri in open {
                        state.schedule_diagnostics(uri);
                    }
                }
                message
            }
            Err(e) => {
                tracing::error!(error = %e, "the workspace index failed; references cover open documents only");
                "indexing failed".to_owned()
            }
        };
        if progress {
            report(
                &state,
                &token,
                lsp::WorkDoneProgress::End(lsp::WorkDoneProgressEnd { message: Some(message) }),
            )
            .await;
        }
    });
}

async fn report(state: &State, token: &lsp::ProgressToken, value: lsp::WorkDoneProgress) {
    state
        .client
        .send_notification::<notification::Progress>(lsp::ProgressParams {
            token: token.clone(),
            value: lsp::ProgressParamsValue::WorkDone(value),
        })
        .await;
}

/// Re-reads one file into the index (after a save), in the background.
pub fn refresh_file(state: &Arc<State>, path: &Path) {
    let state = state.clone();
    let path = path.to_owned();
    tokio::task::spawn_blocking(move || {
        let world = state.world();
        let recognizer = &world.loaded.recognizer;
        let encoding = state.encoding();
        let mut index = (*state.index()).clone();
        let text = read_text(&path);
        match text.as_deref().and_then(|t| scan_text(t, recognizer, encoding)) {
            Some(found) => index.by_file.insert(path.clone(), found),
            None => index.by_file.remove(&path),
        };
        let declared = text
            .as_deref()
            .map(|t| declared_in(t, Language::from_path(&path), recognizer))
            .filter(|d| !d.is_empty());
        let listed = |c: Option<&Constants>| c.map(|c| c.iter().cloned().collect::<Vec<_>>());
        let changed = listed(index.declared_by_file.get(&path)) != listed(declared.as_ref());
        match declared {
            Some(declared) => index.declared_by_file.insert(path.clone(), declared),
            None => index.declared_by_file.remove(&path),
        };
        if changed {
            index.merge_constants();
        }
        match &text {
            Some(text) => index.name_uses(&path, text, encoding),
            None => {
                index.named_by_file.remove(&path);
            }
        }
        state.set_index(index);
        if changed {
            // Names in open documents may stand for other codes now.
            let open: Vec<Uri> = state.read(|s| s.documents.keys().cloned().collect());
            for uri in open {
                state.schedule_diagnostics(uri);
            }
        }
    });
}

/// Walks `root` and records every recognised code.
pub fn build(root: &Path, exclude: &[String], recognizer: &Recognizer, encoding: Encoding) -> Index {
    let mut globs = globset::GlobSetBuilder::new();
    for pattern in exclude {
        if let Ok(glob) = globset::Glob::new(pattern) {
            globs.add(glob);
        }
    }
    let excluded = globs.build().unwrap_or_else(|_| globset::GlobSet::empty());
    let mut index = Index::default();
    let mut sources = Vec::new();
    let mut seen = 0;
    for entry in ignore::WalkBuilder::new(root).build().flatten() {
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        let path = entry.path();
        if excluded.is_match(path.strip_prefix(root).unwrap_or(path)) {
            continue;
        }
        if entry.metadata().map_or(true, |m| m.len() > MAX_FILE_BYTES) {
            continue;
        }
        seen += 1;
        if seen > MAX_FILES {
            tracing::warn!(root = %root.display(), "workspace larger than {MAX_FILES} files; indexed partially");
            break;
        }
        let Some(text) = read_text(path) else { continue };
        if let Some(found) = scan_text(&text, recognizer, encoding) {
            index.by_file.insert(path.to_owned(), found);
        }
        let language = Language::from_path(path);
        if grammar(language).is_some() {
            sources.push(path.to_owned());
            let declared = declared_in(&text, language, recognizer);
            if !declared.is_empty() {
                index.declared_by_file.insert(path.to_owned(), declared);
            }
        }
    }
    index.merge_constants();
    if !index.constants.is_empty() {
        // Where the constants are named: a second reading of the source files, once every
        // declaration is known.
        for path in sources {
            if let Some(text) = read_text(&path) {
                index.name_uses(&path, &text, encoding);
            }
        }
    }
    index
}

fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() as u64 > MAX_FILE_BYTES || bytes[..bytes.len().min(8192)].contains(&0) {
        return None;
    }
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn scan_text(text: &str, recognizer: &Recognizer, encoding: Encoding) -> Option<Vec<(String, lsp::Range)>> {
    let lines = LineIndex::new(text);
    let found: Vec<(String, lsp::Range)> = recognizer
        .find_iter(text.as_bytes())
        .map(|o| {
            let range = lsp::Range {
                start: position_in_text(&lines, text, o.range.start, encoding),
                end: position_in_text(&lines, text, o.range.end, encoding),
            };
            (text[o.range].to_owned(), range)
        })
        .collect();
    (!found.is_empty()).then_some(found)
}
