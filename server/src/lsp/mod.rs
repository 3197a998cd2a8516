//! The language server: LSP 3.17 over stdio, on `tower-lsp-server` (the maintained
//! continuation of tower-lsp).
//!
//! [`Backend`] only delegates: each feature has its own module taking a snapshot of the state
//! (documents are ropes, so a snapshot is cheap) and computing its answer from the pure core.
//!
//! **Invariant:** never holds a lock across `.await`; nothing but JSON-RPC goes to stdout
//! (logs go to stderr through `tracing`); no request can take the process down.

mod backend;
mod code_action;
mod commands;
mod completion;
mod config;
mod cursor;
mod definition;
mod diagnostics;
mod document;
mod document_link;
mod guard;
mod highlight;
mod hover;
mod index;
mod inlay_hints;
pub mod large_open;
mod log_views;
pub mod position;
mod references;
mod scan_command;
mod state;
mod stdio;
mod symbols;
mod sync;
pub mod transport;
mod world;

use std::process::ExitCode;

use tower_lsp_server::{LspService, Server};

pub use backend::Backend;

/// Runs the server on stdin/stdout until the client says `exit` or closes the stream.
/// The exit code is 0 after a `shutdown` request, 1 otherwise (as LSP asks).
pub fn run_stdio() -> anyhow::Result<ExitCode> {
    init_logging();
    limit_malloc_arenas();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let (stdout, written) = stdio::stdout(runtime.handle().clone())?;
    let stdin = transport::checked_stdin(runtime.handle().clone());
    let shut_down = runtime.block_on(async {
        let (service, socket) = LspService::build(Backend::new)
            .custom_method(transport::MALFORMED_METHOD, Backend::malformed)
            .finish();
        let state = service.inner().state();
        Server::new(stdin, stdout, socket).serve(service).await;
        state.was_shut_down()
    });
    // The last answers leave before the process ends (unless the client stopped reading).
    let _ = written.recv_timeout(std::time::Duration::from_secs(2));
    // Background work (the workspace index) must not keep the process alive after `exit`.
    runtime.shutdown_background();
    Ok(if shut_down { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

/// glibc gives each thread that allocates its own arena and keeps what those arenas once held:
/// with analyses of a huge document running on the blocking pool, resident memory grew by the
/// size of the document per pool thread (measured: +50 MB after edits to a 50 MB log; +25 MB
/// with two arenas, +6 MB with one). One arena costs nothing measurable here: the server's
/// threads rarely allocate at the same time.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only tunes the allocator; it is called before the runtime starts any
    // thread, so no allocation races with it.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        // Large blocks (a document's text, copied for an analysis) always get pages of their
        // own, returned when freed. Left to glibc, the threshold rises to the size of the
        // largest block freed, and later copies land in the heap, where they stay resident.
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

/// Hands the heap's free pages back to the system. glibc keeps memory freed inside its heap
/// resident until it is reused: after a large module's first parse (whose scratch space is
/// about the size of its tree) or a catalog reload, that is tens of megabytes nothing may ever
/// reuse. Trimming walks the free lists once (about a millisecond for a heap of 100 MB), so it
/// is only called after such events.
pub(crate) fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free memory to the system; it is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Logs go to stderr; the level comes from `RUST_LOG` (default: warnings).
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
