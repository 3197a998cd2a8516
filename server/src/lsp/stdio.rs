//! Stdin and stdout on threads of their own.
//!
//! tokio's `stdin()` and `stdout()` run every read and every write as a task on the blocking
//! pool: each request wakes a pool thread to start the next read, and each response wakes one
//! per write (the framework writes a frame's header and its body apart). Measured on hover
//! round trips after an edit, those hand-overs cost more than the answer. Here one thread sits
//! in `read` on stdin and hands chunks to the thread that checks frames (see
//! [`super::transport`]), which passes them to the runtime through an in-memory pipe; one
//! thread sits in `write` on stdout and takes whatever is queued in one go, so a response
//! leaves in one `write`.
//!
//! **Invariant:** bytes pass through unchanged and in order; every queue is bounded, so a
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

/// How many chunks read from stdin may wait for the frame checker.
const STDIN_CHUNKS: usize = 2;

/// Stdin as an `AsyncRead` for the thread that checks frames
/// ([`super::transport::checked_stdin`]), never for a runtime worker: a reading thread of its
/// own keeps draining the pipe into a few chunks ahead, so the client's writing, the copy out
/// of the pipe and the checking (or a large `didOpen`'s decoding) overlap; `poll_read` waits
/// for the next chunk, blocking.
pub struct BlockingStdin {
    chunks: std::sync::mpsc::Receiver<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
}

impl BlockingStdin {
    pub fn start() -> Self {
        let (send, chunks) = std::sync::mpsc::sync_channel::<Vec<u8>>(STDIN_CHUNKS);
        spawn("stdin", move || {
            let mut stdin = std::io::stdin().lock();
            let mut buffer = vec![0; 1 << 20];
            loop {
                let read = match stdin.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(read) => read,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => {
                        tracing::debug!(error = %e, "stdin closed");
                        break;
                    }
                };
                if send.send(buffer[..read].to_vec()).is_err() {
                    break;
                }
            }
            // Dropping the sender ends the input for the reader.
        });
        BlockingStdin { chunks, chunk: Vec::new(), at: 0 }
    }
}

impl AsyncRead for BlockingStdin {
    fn poll_read(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = &mut *self;
        if this.at == this.chunk.len() {
            match this.chunks.recv() {
                Ok(chunk) => (this.chunk, this.at) = (chunk, 0),
                // End of input: a read of nothing.
                Err(_) => return Poll::Ready(Ok(())),
            }
        }
        let n = (this.chunk.len() - this.at).min(buf.remaining());
        buf.put_slice(&this.chunk[this.at..this.at + n]);
        this.at += n;
        Poll::Ready(Ok(()))
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
