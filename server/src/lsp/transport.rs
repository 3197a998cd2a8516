//! The stdin side of the wire: frames are checked before the framework sees them.
//!
//! `tower-lsp-server` stops reading its input after the first frame it cannot decode (the
//! framed reader ends on an error), which would end the session on one malformed message. This
//! module reads Content-Length frames itself and passes well-formed ones through untouched.
//! A malformed one (bad JSON, not a JSON-RPC message, missing header, oversized) is replaced
//! by a request for [`MALFORMED_METHOD`], which the server answers with the proper JSON-RPC
//! error (`-32700` parse error, `-32600` invalid request) — so every answer still comes from
//! the framework's single writer and stdout carries nothing but JSON-RPC.
//!
//! Frames larger than [`LARGE_OPEN`] are streamed through [`large_open`] as they arrive, so a
//! large `didOpen`'s text is decoded while the client is still writing it and its frame is
//! never held whole.
//!
//! **Invariant:** never changes the meaning of a well-formed message; never buffers more than
//! one frame.

use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::json;
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream,
};

use super::large_open::{self, LARGE_OPEN, Outcome, Streamed};

/// The internal method a malformed frame is turned into.
pub const MALFORMED_METHOD: &str = "errcode/malformedMessage";
/// Frames larger than this are skipped and answered with an error (VS Code itself stops
/// sending documents at 50 MB; this leaves room for them and bounds memory).
pub const MAX_FRAME: usize = 256 * 1024 * 1024;

/// What a malformed frame is answered with.
#[derive(Debug, Clone, serde::Serialize, Deserialize)]
pub struct Malformed {
    pub code: i64,
    pub message: String,
}

/// Starts checking the process's stdin on a thread of its own, fed by the thread that reads
/// stdin (see [`super::stdio`]); decoding a large `didOpen` happens there too, off the
/// runtime's workers.
pub fn checked_stdin(runtime: tokio::runtime::Handle) -> DuplexStream {
    enlarge_stdin_pipe();
    let (theirs, ours) = tokio::io::duplex(1 << 20);
    let pump_runtime = runtime.clone();
    super::stdio::spawn("frames", move || {
        if let Err(e) = pump_runtime.block_on(pump(super::stdio::BlockingStdin::start(), ours)) {
            tracing::debug!(error = %e, "input closed");
        }
    });
    theirs
}

/// Asks for a 1 MB stdin pipe (Linux's default limit for a user; 64 kB by default) when stdin
/// is one: a 200 MB `didOpen` then crosses in a sixteenth of the reads, each a wake-up of the
/// thread that reads stdin. Nothing happens when stdin is not a pipe or the system says no.
fn enlarge_stdin_pipe() {
    #[cfg(target_os = "linux")]
    // SAFETY: `fcntl` on fd 0 with F_SETPIPE_SZ only resizes the pipe's buffer (or fails).
    unsafe {
        libc::fcntl(0, libc::F_SETPIPE_SZ, PIPE_BUFFER as libc::c_int);
    }
}

/// The stdin pipe size asked for, and the read buffer (a read returns at most what the pipe holds).
const PIPE_BUFFER: usize = 1 << 20;

/// Starts checking `input` and returns the stream the framework reads from.
pub fn checked(input: impl AsyncRead + Unpin + Send + 'static) -> DuplexStream {
    let (theirs, ours) = tokio::io::duplex(1 << 20);
    tokio::spawn(async move {
        if let Err(e) = pump(input, ours).await {
            tracing::debug!(error = %e, "input closed");
        }
    });
    theirs
}

async fn pump(input: impl AsyncRead + Unpin, mut output: DuplexStream) -> std::io::Result<()> {
    let mut reader = BufReader::with_capacity(PIPE_BUFFER, input);
    loop {
        let mut length: Option<usize> = None;
        let mut headers = 0;
        loop {
            let mut line = Vec::new();
            if reader.read_until(b'\n', &mut line).await? == 0 {
                return Ok(());
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim();
            if line.is_empty() {
                if headers > 0 {
                    break;
                }
                continue;
            }
            headers += 1;
            if let Some((name, value)) = line.split_once(':')
                && name.trim().eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().ok();
            }
        }
        let Some(length) = length else {
            forward(&mut output, &substitute(None, -32700, "a frame without a valid Content-Length header"))
                .await?;
            continue;
        };
        if length > MAX_FRAME {
            tokio::io::copy(&mut (&mut reader).take(length as u64), &mut tokio::io::sink()).await?;
            let message = format!("message of {length} bytes is larger than the limit of {MAX_FRAME}");
            forward(&mut output, &substitute(None, -32600, &message)).await?;
            continue;
        }
        let body = if length > LARGE_OPEN {
            // Streamed as it arrives: a large `didOpen`'s text goes straight into a rope.
            match stream(&mut reader, length).await? {
                Outcome::Open { forward: forwarded, uri, version, text } => {
                    match check(&forwarded) {
                        Ok(()) => {
                            large_open::keep(uri, version, text);
                            forward(&mut output, &forwarded).await?;
                        }
                        Err((id, code, message)) => {
                            forward(&mut output, &substitute(id, code, &message)).await?;
                        }
                    }
                    continue;
                }
                Outcome::Invalid(e) => {
                    forward(&mut output, &substitute(None, -32700, &format!("invalid JSON: {e}"))).await?;
                    continue;
                }
                Outcome::Whole(body) => body,
            }
        } else {
            let mut body = vec![0; length];
            reader.read_exact(&mut body).await?;
            body
        };
        match check(&body) {
            Ok(()) => forward(&mut output, &body).await?,
            Err((id, code, message)) => forward(&mut output, &substitute(id, code, &message)).await?,
        }
    }
}

/// Feeds the `length` bytes of a body to a [`Streamed`] scanner as they arrive.
async fn stream(reader: &mut (impl AsyncBufRead + Unpin), length: usize) -> std::io::Result<Outcome> {
    let mut scanner = Streamed::new();
    let mut left = length;
    while left > 0 {
        let available = reader.fill_buf().await?;
        if available.is_empty() {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let used = available.len().min(left);
        scanner.feed(&available[..used]);
        reader.consume(used);
        left -= used;
    }
    Ok(scanner.finish())
}

async fn forward(output: &mut DuplexStream, body: &[u8]) -> std::io::Result<()> {
    output.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).await?;
    output.write_all(body).await?;
    output.flush().await
}

/// The shape every JSON-RPC message has; `params`, `result` and `error` are skipped unread.
#[derive(Deserialize)]
struct Shape {
    jsonrpc: Option<String>,
    method: Option<serde_json::Value>,
    id: Option<serde_json::Value>,
    #[serde(default, deserialize_with = "present")]
    result: bool,
    #[serde(default, deserialize_with = "present")]
    error: bool,
}

/// True when the member is there at all, even as `null` (a `null` result is a valid answer).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    IgnoredAny::deserialize(deserializer).map(|_| true)
}

/// `Err((id, code, message))` for a body the framework could not decode.
fn check(body: &[u8]) -> Result<(), (Option<serde_json::Value>, i64, String)> {
    // The whole body is parsed, not only its shape: skipped members are not validated by
    // serde (invalid UTF-8 or a lone surrogate escape in `params` would pass), and one frame
    // the framework cannot decode ends its reader — the whole session.
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => return Err((None, -32700, format!("invalid JSON: {e}"))),
    };
    let shape = match Shape::deserialize(&value) {
        Ok(shape) => shape,
        Err(e) => return Err((None, -32600, format!("not a JSON-RPC message: {e}"))),
    };
    let id_ok = shape.id.as_ref().is_none_or(|id| id.is_string() || id.is_i64() || id.is_null());
    let id = shape.id.clone().filter(|_| id_ok);
    if shape.jsonrpc.as_deref() != Some("2.0") {
        return Err((id, -32600, "`jsonrpc` must be \"2.0\"".into()));
    }
    if !id_ok {
        return Err((None, -32600, "`id` must be a number or a string".into()));
    }
    match (&shape.method, &shape.id) {
        (Some(method), _) if method.is_string() => Ok(()),
        (Some(_), _) => Err((id, -32600, "`method` must be a string".into())),
        (None, Some(_)) if shape.result || shape.error => Ok(()),
        (None, _) => Err((id, -32600, "a message needs a `method`, or a `result` or `error`".into())),
    }
}

fn substitute(id: Option<serde_json::Value>, code: i64, message: &str) -> Vec<u8> {
    let params = Malformed { code, message: message.to_owned() };
    let request = json!({
        "jsonrpc": "2.0",
        "id": id.unwrap_or(serde_json::Value::Null),
        "method": MALFORMED_METHOD,
        "params": params,
    });
    serde_json::to_vec(&request).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(body: &str) -> Option<i64> {
        check(body.as_bytes()).err().map(|(_, code, _)| code)
    }

    #[test]
    fn well_formed_messages_pass() {
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","method":"exit"}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":"a","result":null}"#), None);
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":3,"error":{"code":1,"message":"no"}}"#), None);
    }

    #[test]
    fn broken_json_is_a_parse_error() {
        assert_eq!(code("{not json"), Some(-32700));
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1"#), Some(-32700));
    }

    #[test]
    fn bodies_the_framework_could_not_decode_are_parse_errors() {
        // Invalid UTF-8 and a lone surrogate escape inside `params`, which a shape-only check
        // skipped unread: passed on, either ended the session.
        assert_eq!(
            check(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\"}").err().map(|e| e.1),
            Some(-32700)
        );
        assert_eq!(code(r#"{"jsonrpc":"2.0","method":"x","params":{"text":"\ud800"}}"#), Some(-32700));
        let deep =
            format!(r#"{{"jsonrpc":"2.0","method":"x","params":{}{}}}"#, "[".repeat(200), "]".repeat(200));
        assert_eq!(code(&deep), Some(-32700));
    }

    #[test]
    fn json_that_is_not_json_rpc_is_an_invalid_request() {
        assert_eq!(code("[1,2]"), Some(-32600));
        assert_eq!(code(r#"{"id":1,"method":"x"}"#), Some(-32600));
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1,"method":7}"#), Some(-32600));
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":{},"method":"x"}"#), Some(-32600));
        assert_eq!(code(r#"{"jsonrpc":"2.0","id":1}"#), Some(-32600));
    }
}
