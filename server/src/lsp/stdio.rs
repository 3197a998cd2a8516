//! Stdin and stdout on threads of their own.
//!
//! tokio's `stdin()` and `stdout()` run every read and every write as a task on the blocking
//! pool: each request wakes a pool thread to start the next read, and each response wakes one
//! per write (the framework writes a frame's header and its body apart). Measured on hover
//! round trips after an edit, those hand-overs cost more than the answer. Here one thread sits
//! in `read` on stdin (and checks frames there, see [`super::transport`]) and one in `write` on
//! stdout, each joined to the runtime by an in-memory pipe; the writer takes whatever is
//! queued in one go, so a response leaves in one `write`.
//!
//! **Invariant:** bytes pass through unchanged and in order; both pipes are bounded, so a
//! client that stops reading makes the server's writes wait rather than queue without limit.

use std::io::{Read, Write};
use std::os::fd::AsFd;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncReadExt, DuplexStream, ReadBuf};
use tokio::runtime::Handle;

/// The size of the in-memory pipe to stdout and of each write: as much as a pipe holds, so a
/// client that stops reading holds up the server's writes about as soon as with a plain write.
const BUFFER: usize = 64 * 1024;

/// Stdin as an `AsyncRead` that reads in place, blocking: for the thread that owns stdin
/// ([`super::transport::checked_stdin`] runs its frame checking there), never for a runtime
/// worker.
pub struct BlockingStdin(std::io::StdinLock<'static>);

impl BlockingStdin {
    pub fn new() -> Self {
        BlockingStdin(std::io::stdin().lock())
    }
}

impl AsyncRead for BlockingStdin {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        loop {
            match self.0.read(buf.initialize_unfilled()) {
                Ok(read) => {
                    buf.advance(read);
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

/// Stdout, written by a thread of its own, and a receiver told once everything written to it
/// has reached stdout (after the stream is dropped).
pub fn stdout(runtime: Handle) -> std::io::Result<(DuplexStream, std::sync::mpsc::Receiver<()>)> {
    // A file of our own on the same pipe, so writes are not cut at line breaks as the
    // standard library's line-buffered `Stdout` would do.
    let mut stdout = std::fs::File::from(std::io::stdout().as_fd().try_clone_to_owned()?);
    let (theirs, mut ours) = tokio::io::duplex(BUFFER);
    let (done, written) = std::sync::mpsc::channel();
    spawn("stdout", move || {
        let mut buffer = vec![0; BUFFER];
        loop {
            let read = match runtime.block_on(ours.read(&mut buffer)) {
                Ok(0) | Err(_) => break,
                Ok(read) => read,
            };
            if let Err(e) = stdout.write_all(&buffer[..read]) {
                tracing::debug!(error = %e, "stdout closed");
                break;
            }
        }
        let _ = done.send(());
    });
    Ok((theirs, written))
}

pub fn spawn(name: &str, work: impl FnOnce() + Send + 'static) {
    if let Err(e) = std::thread::Builder::new().name(name.to_owned()).spawn(work) {
        tracing::error!(error = %e, "cannot start the {name} thread");
    }
}
