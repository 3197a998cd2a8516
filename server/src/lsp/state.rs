//! The shared state behind every handler: open documents, the catalog world, the negotiated
//! encoding and what the client can do.
//!
//! **Invariant:** every lock here is a `std::sync` lock taken for a short, synchronous moment;
//! accessors return owned snapshots so no caller can hold a guard across an `.await`.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use tokio::sync::{mpsc, watch};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::Uri;

use super::document::Document;
use super::index::Index;
use super::world::{Settings, World};
use crate::text::Encoding;

/// What the client said it supports, as far as the server cares.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClientFlags {
    pub watch_registration: bool,
    pub work_done_progress: bool,
    pub inlay_hint_refresh: bool,
    pub configuration: bool,
    pub show_document: bool,
}

/// The mutable part of the state.
#[derive(Debug, Default)]
pub struct Inner {
    pub encoding: Encoding,
    pub documents: HashMap<Uri, Document>,
    pub root: Option<PathBuf>,
    /// Every workspace folder (the first is `root`).
    pub folders: Vec<PathBuf>,
    /// Files the server wrote itself, with what it wrote: the file watcher's report of such a
    /// write is its own echo, not a change to react to.
    pub own_writes: HashMap<PathBuf, Vec<u8>>,
    pub settings: Settings,
    pub flags: ClientFlags,
    /// The problems last shown to the user, so the same ones are not shown twice.
    pub shown_problems: Vec<String>,
    /// Whether file watchers are registered (a later registration replaces them).
    pub watchers_registered: bool,
    /// Catalog URLs already fetched (or being fetched) in this session.
    pub fetched_urls: HashSet<String>,
}

/// State shared by all handlers and background tasks.
#[derive(Debug)]
pub struct State {
    pub client: Client,
    inner: RwLock<Inner>,
    world: RwLock<Arc<World>>,
    index: RwLock<Arc<Index>>,
    diagnostics: mpsc::UnboundedSender<Uri>,
    diagnostics_rx: Mutex<Option<mpsc::UnboundedReceiver<Uri>>>,
    shut_down: AtomicBool,
    reloads: AtomicU64,
    /// Whether the workspace's own catalogs are loaded (`initialize` answers before they are).
    ready: watch::Sender<bool>,
    /// The first load, started by `initialize` and applied once the client is `initialized`.
    first_load: Mutex<Option<FirstLoad>>,
    /// Commands writing files right now (their writes are not remembered yet).
    writing: AtomicU64,
}

/// The load `initialize` starts: its reload generation and the task building the world.
#[derive(Debug)]
pub struct FirstLoad {
    pub generation: u64,
    pub task: tokio::task::JoinHandle<(World, Vec<String>)>,
}

/// A write under way; see [`State::start_writing`].
pub struct WritingGuard<'a>(&'a AtomicU64);

impl Drop for WritingGuard<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A document with what is needed to answer a request about it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub document: Document,
    pub world: Arc<World>,
    pub encoding: Encoding,
    /// The workspace index as it stands (its constants resolve names in the document).
    pub index: Arc<Index>,
}

impl State {
    pub fn new(client: Client) -> Self {
        let (tx, rx) = mpsc::unbounded_channel();
        let world = World::unconfigured();
        State {
            client,
            inner: RwLock::new(Inner::default()),
            world: RwLock::new(Arc::new(world)),
            index: RwLock::new(Arc::new(Index::default())),
            diagnostics: tx,
            diagnostics_rx: Mutex::new(Some(rx)),
            shut_down: AtomicBool::new(false),
            reloads: AtomicU64::new(0),
            ready: watch::Sender::new(false),
            first_load: Mutex::new(None),
            writing: AtomicU64::new(0),
        }
    }

    /// Reads the mutable state. A poisoned lock (a panic elsewhere) is recovered: the data is
    /// plain and each write leaves it consistent.
    pub fn read<T>(&self, f: impl FnOnce(&Inner) -> T) -> T {
        f(&self.inner.read().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        f(&mut self.inner.write().unwrap_or_else(|e| e.into_inner()))
    }

    pub fn world(&self) -> Arc<World> {
        self.world.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_world(&self, world: World) {
        let old =
            std::mem::replace(&mut *self.world.write().unwrap_or_else(|e| e.into_inner()), Arc::new(world));
        drop(old);
        // Loading left the parsed catalog files' scratch space behind, and the old world may be
        // gone with it.
        super::release_freed_memory();
    }

    pub fn index(&self) -> Arc<Index> {
        self.index.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set_index(&self, index: Index) {
        *self.index.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(index);
    }

    pub fn encoding(&self) -> Encoding {
        self.read(|s| s.encoding)
    }

    /// A snapshot of one open document, or `None` for a document never opened.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (document, encoding) = self.read(|s| Some((s.documents.get(uri)?.clone(), s.encoding)))?;
        Some(Snapshot { document, world: self.world(), encoding, index: self.index() })
    }

    pub fn version(&self, uri: &Uri) -> Option<i32> {
        self.read(|s| s.documents.get(uri).map(|d| d.version))
    }

    /// Asks for fresh diagnostics of `uri` (coalesced with other pending requests).
    pub fn schedule_diagnostics(&self, uri: Uri) {
        let _ = self.diagnostics.send(uri);
    }

    pub fn take_diagnostics_receiver(&self) -> Option<mpsc::UnboundedReceiver<Uri>> {
        self.diagnostics_rx.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Starts a reload; returns its generation.
    pub fn next_reload(&self) -> u64 {
        self.reloads.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// Whether no reload started after `generation`.
    pub fn is_latest_reload(&self, generation: u64) -> bool {
        self.reloads.load(Ordering::SeqCst) == generation
    }

    /// Records that the workspace's catalogs are loaded; [`State::wait_ready`] returns from now on.
    pub fn mark_ready(&self) {
        self.ready.send_replace(true);
    }

    /// Waits until the workspace's catalogs are loaded.
    pub async fn wait_ready(&self) {
        let mut ready = self.ready.subscribe();
        let _ = ready.wait_for(|ready| *ready).await;
    }

    pub fn set_first_load(&self, load: FirstLoad) {
        *self.first_load.lock().unwrap_or_else(|e| e.into_inner()) = Some(load);
    }

    pub fn take_first_load(&self) -> Option<FirstLoad> {
        self.first_load.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    /// Marks a command's write as under way until the guard is dropped (after its files are
    /// remembered), so a watcher report that overtakes it waits for it.
    pub fn start_writing(&self) -> WritingGuard<'_> {
        self.writing.fetch_add(1, Ordering::SeqCst);
        WritingGuard(&self.writing)
    }

    pub fn is_writing(&self) -> bool {
        self.writing.load(Ordering::SeqCst) > 0
    }

    /// Remembers what the server just wrote to `files`.
    pub fn remember_own_writes(&self, files: &[PathBuf]) {
        let written: Vec<(PathBuf, Vec<u8>)> =
            files.iter().filter_map(|f| Some((f.clone(), std::fs::read(f).ok()?))).collect();
        self.write(|s| s.own_writes.extend(written));
    }

    /// Whether `path` holds what the server last wrote to it (a watcher event about it is the
    /// echo of that write). A file that holds something else is forgotten.
    pub fn is_own_write(&self, path: &std::path::Path) -> bool {
        let Some(written) = self.read(|s| s.own_writes.get(path).cloned()) else { return false };
        let same = std::fs::read(path).is_ok_and(|now| now == written);
        if !same {
            self.write(|s| s.own_writes.remove(path));
        }
        same
    }

    pub fn mark_shut_down(&self) {
        self.shut_down.store(true, Ordering::SeqCst);
    }

    pub fn was_shut_down(&self) -> bool {
        self.shut_down.load(Ordering::SeqCst)
    }
}
