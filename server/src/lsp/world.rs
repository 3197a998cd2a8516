//! The server's view of the catalog: configuration merged from `errcode.toml`,
//! `initializationOptions` and `workspace/didChangeConfiguration`, the loaded catalog, and
//! where each entry lives in a file editors can open.
//!
//! Catalog URLs are read from the cache; they are fetched (by `config.rs`, in the background)
//! only when the user allowed it: `remote-catalogs` in a workspace's `errcode.toml` is ignored.
//!
//! The built-in catalog is written once to the cache folder (`$XDG_CACHE_HOME/errcode-ls/`) so
//! that go-to-definition has a real file to open; user catalogs point at their own files.
//!
//! **Invariant:** built whole and swapped atomically (an `Arc<World>`); requests read an old or
//! a new world, never half of one.

use std::path::{Path, PathBuf};

use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::position;
use std::sync::Arc;

use crate::catalog::{BUILTIN_FILE_NAME, BUILTIN_TEXT, Catalog, Entry, EntryId, Origin};
use crate::text::{Encoding, LineIndex};
use crate::workspace::{self, CONFIG_FILE, Config, Loaded, remote};

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
    /// Where each entry's code cell is, in its source file, in the negotiated encoding: by
    /// `EntryId`, one range per variant ([`crate::catalog::Catalog::variants`] order).
    pub entry_ranges: Vec<Vec<Option<lsp::Range>>>,
    /// Files whose change means a reload: the configuration file and the catalogs.
    pub watched: Vec<PathBuf>,
    /// Catalog URLs the server may fetch in the background: empty unless the user allowed
    /// it (`remote-catalogs` in the user-level configuration or the editor's settings).
    pub fetch: Vec<String>,
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
        // A workspace's `errcode.toml` may come with a cloned repository: it names URLs, but
        // only the user says whether the editor may fetch them. The merged configuration holds
        // the user-level file's word too, so consent is read from that file itself below.
        let user_consent = remote::user_consent();
        if config.remote_catalogs.take() == Some(true) && user_consent != Some(true) {
            let file = config.file.as_ref().map_or_else(|| CONFIG_FILE.into(), |f| f.display().to_string());
            let user = workspace::user_config_file()
                .map_or_else(|| "the user-level errcode.toml".into(), |p| p.display().to_string());
            tracing::info!(
                "{file}: `remote-catalogs` is ignored in a workspace's configuration (a cloned repository \
                 must not make the editor fetch); allow it in {user} or in the editor's settings"
            );
        }
        for (value, name) in [(&settings.init, "initializationOptions"), (&settings.changed, "settings")] {
            let Some(value) = value else { continue };
            // Settings may come as `{ "errcode": { … } }` or as the section itself.
            let section = value.get("errcode").unwrap_or(value);
            let found = config.apply(section, &base, &format!("editor {name}"), |_| None);
            problems.extend(found.iter().map(ToString::to_string));
        }
        let allowed = config.remote_catalogs.or(user_consent).unwrap_or(false);
        let fetch = if allowed { config.urls.clone() } else { Vec::new() };
        let mut watched: Vec<PathBuf> = config.catalogs.clone();
        watched.push(config.file.clone().unwrap_or_else(|| base.join(CONFIG_FILE)));
        watched.extend(workspace::user_config_file());
        let mut loaded = Loaded::new(config, &[], problems);
        let mut problems = loaded.problems.clone();
        // A URL about to be fetched in the background is no problem to show; a failed fetch is.
        let fetching: Vec<String> = fetch.iter().map(|url| remote::never_fetched(url).to_string()).collect();
        problems.retain(|problem| !fetching.contains(problem));
        for note in &loaded.notes {
            tracing::info!("{note}");
        }
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
        // The catalogs' texts serve only to place entries: a 10,000-code catalog's are
        // megabytes that no request reads again.
        let entry_ranges = entry_ranges(&loaded.catalog, &std::mem::take(&mut loaded.texts), encoding);
        let source_uris = source_paths.iter().map(|p| p.as_ref().and_then(Uri::from_file_path)).collect();
        (World { loaded, source_uris, entry_ranges, watched, fetch }, problems)
    }

    /// The world before `initialize` names the workspace: the built-in catalog, no file
    /// written or read. No request is served before `initialize`, which loads the real one.
    pub fn unconfigured() -> World {
        let loaded = Loaded::new(Config::default(), &[], Vec::new());
        World {
            loaded,
            source_uris: Vec::new(),
            entry_ranges: Vec::new(),
            watched: Vec::new(),
            fetch: Vec::new(),
        }
    }

    /// The location of an entry's code cell (its first variant's), if its catalog is a file.
    pub fn entry_location(&self, id: EntryId) -> Option<lsp::Location> {
        self.variant_location(id, 0)
    }

    /// The code cell of every variant of an entry that lives in a file, in variant order.
    pub fn variant_locations(&self, id: EntryId) -> Vec<lsp::Location> {
        (0..self.loaded.catalog.variant_count(id)).filter_map(|n| self.variant_location(id, n)).collect()
    }

    fn variant_location(&self, id: EntryId, variant: usize) -> Option<lsp::Location> {
        let entry = self.loaded.catalog.variants(id).nth(variant)?;
        let uri = self.source_uris.get(entry.source.0 as usize)?.clone()?;
        let range = (*self.entry_ranges.get(id.0 as usize)?.get(variant)?)?;
        Some(lsp::Location { uri, range })
    }

    /// A link to an entry's line (`file:///…#L12`), as Markdown and diagnostics use it.
    pub fn entry_link(&self, id: EntryId) -> Option<Uri> {
        self.link_to(self.loaded.catalog.entry(id))
    }

    /// A link to each variant's line, in variant order.
    pub fn variant_links(&self, id: EntryId) -> Vec<Option<Uri>> {
        self.loaded.catalog.variants(id).map(|entry| self.link_to(entry)).collect()
    }

    fn link_to(&self, entry: &Entry) -> Option<Uri> {
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

/// Every variant's code cell as an editor range, from the texts the catalog was loaded from
/// (one line index per source, so this is linear in the catalogs' size).
fn entry_ranges(catalog: &Catalog, texts: &[Arc<str>], encoding: Encoding) -> Vec<Vec<Option<lsp::Range>>> {
    let indexes: Vec<LineIndex> = texts.iter().map(|text| LineIndex::new(text)).collect();
    let range = |entry: &Entry| {
        let source = entry.source.0 as usize;
        let (text, index) = (texts.get(source)?, indexes.get(source)?);
        let start = entry.pos.offset.min(text.len());
        let end = (start + entry.code.len()).min(text.len());
        Some(lsp::Range {
            start: position::position_in_text(index, text, start, encoding),
            end: position::position_in_text(index, text, end, encoding),
        })
    };
    catalog.ids().map(|id| catalog.variants(id).map(range).collect()).collect()
}
