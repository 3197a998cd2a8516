//! Benchmark of a big log open in the language server, driven over stdio as an editor does.
//!
//! Usage: `logs_lsp BIN LOG [KEYSTROKES]` (see `bench/logs_lsp.sh`). Measures, in one run:
//! - open → first diagnostics of LOG (the client's encoding of the frame included, and shown
//!   apart), against the same round trip on a one-line log and against `BIN scan LOG` (the
//!   terminal's way to read the same file);
//! - keystroke → diagnostics in the middle of LOG, against the same on the one-line log;
//! - the server's peak and current resident memory (`VmHWM`, `VmRSS` from /proc) against the
//!   size of LOG.
//!
//! Figures are ratios against references measured in the same run, since the machine is noisy.

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use lsp_client::{Client, Setup, file_uri};
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(bin), Some(log)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: logs_lsp BIN LOG [KEYSTROKES]");
        std::process::exit(2);
    };
    let keystrokes: usize = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(20);
    let text = std::fs::read_to_string(log).expect("the log is readable UTF-8");
    let size = text.len() as f64;
    let cache = std::env::temp_dir().join(format!("errcode-bench-{}", std::process::id()));

    // The terminal's way to read the same file.
    let start = Instant::now();
    let status = std::process::Command::new(bin)
        .args(["scan", log])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("scan runs");
    let scan = start.elapsed();
    assert!(status.code().is_some(), "scan ended by a signal");

    let mut client = Client::start(Setup::new(PathBuf::from(bin), &cache));
    let pid = client.pid();

    // References: the same round trips on a one-line log.
    let tiny_uri = file_uri(&cache.join("tiny.log"));
    let (tiny_open, tiny_keys) = session(&mut client, &tiny_uri, "one line AIS.0102\n", keystrokes);
    // The same keystroke on a small log with as many diagnostics as the big one publishes (a
    // log's diagnostics are capped): what publishing them costs, whatever the file's size.
    let dense: String = (0..1000).map(|i| format!("{i} retry after AIS.0199\n")).collect();
    let dense_uri = file_uri(&cache.join("dense.log"));
    let (_, dense_keys) = session(&mut client, &dense_uri, &dense, keystrokes);
    let rss_before = memory(pid, "VmRSS");

    let uri = file_uri(&PathBuf::from(log));
    let (open, keys) = session(&mut client, &uri, &text, keystrokes);
    drop(text);
    let peak = memory(pid, "VmHWM");
    let rss = memory(pid, "VmRSS");
    client.shutdown();

    let mb = size / 1e6;
    println!("log: {mb:.0} MB ({keystrokes} keystrokes)");
    println!(
        "open → first diagnostics: {:.3} s = {:.2}× `errcode-ls scan` of the file ({:.3} s), {:.0}× the one-line log's ({:.4} s); of it, the client encoding the frame before writing it: {:.3} s, the rest (the frame crossing the pipe, the server's decoding, indexing, publishing): {:.3} s",
        open.total.as_secs_f64(),
        open.total.as_secs_f64() / scan.as_secs_f64(),
        scan.as_secs_f64(),
        open.total.as_secs_f64() / tiny_open.total.as_secs_f64(),
        tiny_open.total.as_secs_f64(),
        open.encoding.as_secs_f64(),
        (open.total - open.encoding).as_secs_f64(),
    );
    println!(
        "keystroke → diagnostics (median): {:.4} s = {:.2}× a 1,000-line log with as many diagnostics ({:.4} s), {:.0}× the one-line log's ({:.4} s)",
        keys.as_secs_f64(),
        keys.as_secs_f64() / dense_keys.as_secs_f64(),
        dense_keys.as_secs_f64(),
        keys.as_secs_f64() / tiny_keys.as_secs_f64(),
        tiny_keys.as_secs_f64()
    );
    println!(
        "memory: peak {:.0} MB = {:.2}× the file, resident with the log open {:.0} MB = {:.2}× the file (server before opening it: {:.0} MB)",
        peak / 1e6,
        peak / size,
        rss / 1e6,
        (rss - rss_before) / size,
        rss_before / 1e6
    );
    let _ = std::fs::remove_dir_all(&cache);
}

/// Opens `text` as `uri`; returns the time to its first diagnostics and the median time from a
/// keystroke (typing in the middle line) to the diagnostics of that version. Closes it after.
fn session(client: &mut Client, uri: &str, text: &str, keystrokes: usize) -> (Opened, Duration) {
    // The frame is encoded whole before it is written, as editors do (vscode-jsonrpc:
    // `JSON.stringify` of the message, which reads the document's string where it is, then
    // the header and the payload as two writes), so its cost is part of what the user waits
    // for; it is reported apart to show what is the server's.
    let start = Instant::now();
    let body = serde_json::to_vec(&DidOpen {
        jsonrpc: "2.0",
        method: "textDocument/didOpen",
        params: OpenParams { text_document: Item { uri, language_id: "log", version: 1, text } },
    })
    .expect("messages serialise");
    let encoded = start.elapsed();
    client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    client.send_raw(&body);
    client.diagnostics(uri, Some(1));
    let open = Opened { total: start.elapsed(), encoding: encoded };
    drop(body);
    let middle = text.bytes().filter(|&b| b == b'\n').count() / 2;
    let mut times = Vec::with_capacity(keystrokes);
    for i in 0..keystrokes {
        let version = 2 + i as i64;
        let character = i as u32;
        let change = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{
                "range": { "start": { "line": middle, "character": character }, "end": { "line": middle, "character": character } },
                "text": "x",
            }],
        });
        let start = Instant::now();
        client.notify("textDocument/didChange", change);
        client.diagnostics(uri, Some(version));
        times.push(start.elapsed());
    }
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    client.diagnostics(uri, None);
    times.sort();
    (open, times.get(times.len() / 2).copied().unwrap_or_default())
}

/// A `didOpen` notification, borrowing the text as an editor's serialiser does.
#[derive(serde::Serialize)]
struct DidOpen<'a> {
    jsonrpc: &'a str,
    method: &'a str,
    params: OpenParams<'a>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct OpenParams<'a> {
    text_document: Item<'a>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    uri: &'a str,
    language_id: &'a str,
    version: i64,
    text: &'a str,
}

/// The time from starting to encode a `didOpen` to its first diagnostics, and the part of it
/// the client spent encoding the frame.
#[derive(Clone, Copy)]
struct Opened {
    total: Duration,
    encoding: Duration,
}

/// A memory figure of `/proc/PID/status` in bytes.
fn memory(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb * 1024.0)
}
