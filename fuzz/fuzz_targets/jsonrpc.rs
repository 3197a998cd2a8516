//! JSON-RPC message handling, in process: fuzzed bytes go through the same path as the server's
//! stdin — the frame checker ([`errcode_ls::lsp::transport::checked`]), the framework's
//! decoder, and the [`Backend`]'s handlers — after a fixed `initialize`/`initialized`, and are
//! followed by `shutdown`/`exit`. The server must not panic or hang, and everything it writes
//! must be well-formed Content-Length frames of JSON-RPC 2.0 messages.
//!
//! Input: the first byte picks the mode. Even: the rest is a list of message bodies separated
//! by `0xFF` (a byte JSON text never holds), each framed correctly, so the fuzzer explores
//! handlers. Odd: the rest is the raw byte stream, so it explores framing.
//!
//! Methods that make the server read files named by the client (`didSave`, watched files,
//! configuration with catalog paths) are renamed before sending: the harness stays hermetic
//! (a fuzzed path such as `/dev/zero` would test the machine, not the server).
#![no_main]

use std::sync::Once;

use errcode_ls::lsp::Backend;
use errcode_ls::lsp::transport::{self, MALFORMED_METHOD};
use libfuzzer_sys::fuzz_target;
use tokio::io::AsyncReadExt;
use tower_lsp_server::{LspService, Server};

const PROLOGUE: [&str; 2] = [
    r#"{"jsonrpc":"2.0","id":"init","method":"initialize","params":{"processId":null,"capabilities":{"general":{"positionEncodings":["utf-16"]}}}}"#,
    r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
];
const EPILOGUE: [&str; 2] = [
    r#"{"jsonrpc":"2.0","id":"bye","method":"shutdown"}"#,
    r#"{"jsonrpc":"2.0","method":"exit"}"#,
];
/// Methods whose handling reads files the client names; see the module comment.
const FILE_READING: [&[u8]; 3] = [b"didSave", b"didChangeWatchedFiles", b"didChangeConfiguration"];

fn frame(out: &mut Vec<u8>, body: &[u8]) {
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    out.extend_from_slice(body);
}

fn neutralise(data: &mut [u8]) {
    for method in FILE_READING {
        let mut at = 0;
        while let Some(i) = data[at..].windows(method.len()).position(|w| w == method) {
            data[at + i] = b'X';
            at += i + 1;
        }
    }
}

/// Splits the server's output into frames, checking each one.
fn check_output(mut output: &[u8]) {
    while !output.is_empty() {
        let end = output.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete header");
        let header = std::str::from_utf8(&output[..end]).expect("an ASCII header");
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("a Content-Length header, got {header:?}"));
        let body = &output[end + 4..end + 4 + length];
        let message: serde_json::Value = serde_json::from_slice(body).expect("a JSON body");
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        assert_ne!(message["method"], MALFORMED_METHOD, "the internal method never leaves the server");
        output = &output[end + 4 + length..];
    }
}

fuzz_target!(|data: &[u8]| {
    static CACHE: Once = Once::new();
    CACHE.call_once(|| {
        let dir = std::env::temp_dir().join(format!("errcode-ls-fuzz-{}", std::process::id()));
        // SAFETY: set once, before any thread of the server exists.
        unsafe { std::env::set_var("XDG_CACHE_HOME", dir) };
    });
    let Some((&mode, rest)) = data.split_first() else { return };
    let mut rest = rest.to_vec();
    neutralise(&mut rest);
    let mut input = Vec::new();
    for body in PROLOGUE {
        frame(&mut input, body.as_bytes());
    }
    if mode % 2 == 0 {
        for body in rest.split(|&b| b == 0xFF) {
            frame(&mut input, body);
        }
    } else {
        input.extend_from_slice(&rest);
    }
    for body in EPILOGUE {
        frame(&mut input, body.as_bytes());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let output = runtime.block_on(async move {
        let (service, socket) =
            LspService::build(Backend::new).custom_method(MALFORMED_METHOD, Backend::malformed).finish();
        let stdin = transport::checked(std::io::Cursor::new(input));
        let (stdout, mut theirs) = tokio::io::duplex(1 << 16);
        let reader = tokio::spawn(async move {
            let mut output = Vec::new();
            let _ = theirs.read_to_end(&mut output).await;
            output
        });
        Server::new(stdin, stdout, socket).serve(service).await;
        reader.await.unwrap_or_default()
    });
    runtime.shutdown_background();
    check_output(&output);
});
