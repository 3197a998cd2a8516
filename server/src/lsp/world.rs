//! The server's view of the catalog: configuration merged from `errcode.toml`,
//! `initializationOptions` and `workspace/didChangeConfiguration`, the loaded catalog, and
//! where each entry lives in a file editors can open.
//!
//! The built-in catalog is written once to the cache folder (`$XDG_CACHE_HOME/errcode-ls/`) so
//! that go-to-definition has a real file to open; user catalogs point at their own files.
//!
//! **Invariant:** built whole and swapped atomically (an `Arc<World>`); requests read an old or
//! a new world, never half of one.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::position;
use crate::catalog::{BUILTIN_FILE_NAME, BUILTIN_TEXT, Catalog, EntryId, Origin};
use crate::text::{Encoding, LineIndex};
use crate::workspace::{self, CONFIG_FILE, Config, Loaded};

/// Editor-side settings, as received: `initializationOptions` and the latest
/// `workspace/didChangeConfiguration`.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub init: Option<serde_json::Value>,
    pub changed: Option<serde_json::Value>,
}

/// Everything requests need to know about the catalog.
#[derive(Debug)]
pub struct World {
    pub loaded: Loaded,
    /// The file of each catalog source (by `SourceId`), if it has one editors can open.
    pub source_uris: Vec<Option<Uri>>,
    /// Where each entry's code cell is, in its source file, in the negotiated encoding.
    pub entry_ranges: Vec<Option<lsp::Range>>,
    /// Files whose change means a reload: the configuration file and the catalogs.
    pub watched: Vec<PathBuf>,
}

impl World {
    /// Loads configuration and catalogs for a workspace rooted at `root`. Problems are
    /// returned as messages; whatever loads is used.
    pub fn load(root: Option<&Path>, settings: &Settings, encoding: Encoding) -> (World, Vec<String>) {
        let (mut config, mut problems) = match root {
            Some(root) => workspace::read_config(root),
            None => workspace::read_user_config(),
        };
        let base = root.map(Path::to_path_buf).unwrap_or_default();
        for (value, name) in [(&settings.init, "initializationOptions"), (&settings.changed, "settings")] {
            let Some(value) = value else { continue };
            // Settings may come as `{ "errcode": { … } }` or as the section itself.
            let section = value.get("errcode").unwrap_or(value);
            let found = config.apply(section, &base, &format!("editor {name}"), |_| None);
            problems.extend(found.iter().map(ToString::to_string));
        }
        let mut watched: Vec<PathBuf> = config.catalogs.clone();
        watched.push(config.file.clone().unwrap_or_else(|| base.join(CONFIG_FILE)));
        watched.extend(workspace::user_config_file());
        let loaded = Loaded::new(config, &[], problems);
        let mut problems = loaded.problems.clone();
        let source_paths: Vec<Option<PathBuf>> = loaded
            .catalog
            .sources()
            .iter()
            .map(|source| match &source.origin {
                Origin::File(path) => Some(path.clone()),
                Origin::Builtin { .. } => match write_builtin() {
                    Ok(path) => Some(path),
                    Err(e) => {
                        problems.push(format!("cannot write the built-in catalog to the cache folder: {e}"));
                        None
                    }
                },
            })
            .collect();
        let entry_ranges = entry_ranges(&loaded.catalog, &source_paths, encoding);
        let source_uris = source_paths.iter().map(|p| p.as_ref().and_then(Uri::from_file_path)).collect();
        (World { loaded, source_uris, entry_ranges, watched }, problems)
    }

    /// The world before `initialize` names the workspace: the built-in catalog, no file
    /// written or read. No request is served before `initialize`, which loads the real one.
    pub fn unconfigured() -> World {
        let loaded = Loaded::new(Config::default(), &[], Vec::new());
        World { loaded, source_uris: Vec::new(), entry_ranges: Vec::new(), watched: Vec::new() }
    }

    /// The location of an entry's code cell, if its catalog is a file.
    pub fn entry_location(&self, id: EntryId) -> Option<lsp::Location> {
        let entry = self.loaded.catalog.entry(id);
        let uri = self.source_uris.get(entry.source.0 as usize)?.clone()?;
        let range = (*self.entry_ranges.get(id.0 as usize)?)?;
        Some(lsp::Location { uri, range })
    }

    /// A link to an entry's line (`file:///…#L12`), as Markdown and diagnostics use it.
    pub fn entry_link(&self, id: EntryId) -> Option<Uri> {
        let entry = self.loaded.catalog.entry(id);
        let uri = self.source_uris.get(entry.source.0 as usize)?.as_ref()?;
        format!("{}#L{}", uri.as_str(), entry.pos.line).parse().ok()
    }
}

/// Writes the built-in catalog to the cache folder unless an identical copy is there.
fn write_builtin() -> std::io::Result<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().map_err(|e| std::io::Error::other(e.to_string()))?;
    let dir = base.cache_dir().join("errcode-ls").join(env!("CARGO_PKG_VERSION"));
    let path = dir.join(BUILTIN_FILE_NAME);
    if std::fs::read(&path).is_ok_and(|bytes| bytes == BUILTIN_TEXT.as_bytes()) {
        return Ok(path);
    }
    std::fs::create_dir_all(&dir)?;
    // Write to a temporary name first so a concurrent server never reads half a file.
    let temp = dir.join(format!(".{BUILTIN_FILE_NAME}.{}", std::process::id()));
    std::fs::write(&temp, BUILTIN_TEXT)?;
    std::fs::rename(&temp, &path)?;
    Ok(path)
}

fn entry_ranges(catalog: &Catalog, paths: &[Option<PathBuf>], encoding: Encoding) -> Vec<Option<lsp::Range>> {
    let texts: Vec<Option<(String, LineIndex)>> = catalog
        .sources()
        .iter()
        .zip(paths)
        .map(|(source, path)| {
            let text = match &source.origin {
                Origin::Builtin { .. } => BUILTIN_TEXT.to_owned(),
                Origin::File(_) => String::from_utf8_lossy(&std::fs::read(path.as_ref()?).ok()?).into_owned(),
            };
            let index = LineIndex::new(&text);
            Some((text, index))
        })
        .collect();
    catalog
        .entries()
        .iter()
        .map(|entry| {
            let (text, index) = texts.get(entry.source.0 as usize)?.as_ref()?;
            let start = entry.pos.offset;
            let end = (start + entry.code.len()).min(text.len());
            Some(lsp::Range {
                start: position::position_in_text(index, text, start, encoding),
                end: position::position_in_text(index, text, end, encoding),
            })
        })
        .collect()
}
