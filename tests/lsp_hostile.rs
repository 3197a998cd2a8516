//! The language server against hostile and broken input, end to end over stdio: malformed,
//! truncated and oversized frames; requests about documents never opened; positions past the
//! end; stale changes; huge and binary text; and a client that never reads what the server
//! writes. After each, the server still answers (or ends cleanly when its input ends).

mod support;

use std::io::{BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use expect_test::expect;
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup, read_frame, render_ranges};

/// A server without a workspace folder (documents are in memory only) and its cache folder.
struct Session {
    _dir: tempfile::TempDir,
    client: Client,
}

fn start() -> Session {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
    let client = Client::start(setup);
    Session { _dir: dir, client }
}

const URI: &str = "file:///hostile/doc.py";

impl Session {
    /// Proves the server still serves: a request that needs the catalog gets its answer.
    fn assert_alive(&mut self) {
        let symbols = self.client.request("workspace/symbol", json!({ "query": "AIS.0101" }));
        assert_eq!(symbols.map(|s| s.as_array().map(Vec::len)), Ok(Some(1)), "the server still answers");
    }

    /// The next message, which must be an error answer; rendered as `code message (id)`.
    fn error(&mut self) -> String {
        let message = self.client.next_message();
        format!("{} {} (id {})", message["error"]["code"], message["error"]["message"], message["id"])
    }

    fn change(&mut self, version: i64, changes: Value) {
        self.client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": URI, "version": version }, "contentChanges": changes }),
        );
    }
}

#[test]
fn a_frame_without_content_length_is_a_parse_error_and_the_session_goes_on() {
    let mut s = start();
    s.client.send_raw(b"Content-Type: application/vscode-jsonrpc\r\n\r\n");
    expect![[r#"-32700 "a frame without a valid Content-Length header" (id null)"#]].assert_eq(&s.error());
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn a_content_length_that_is_not_a_number_is_a_parse_error() {
    let mut s = start();
    s.client.send_raw(b"Content-Length: twelve\r\n\r\n");
    expect![[r#"-32700 "a frame without a valid Content-Length header" (id null)"#]].assert_eq(&s.error());
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn an_oversized_frame_is_skipped_unread_and_answered() {
    let mut s = start();
    let limit = errcode_ls::lsp::transport::MAX_FRAME;
    s.client.send_raw(format!("Content-Length: {}\r\n\r\n", limit + 1).as_bytes());
    // Streamed in chunks: neither side ever holds the frame whole.
    let chunk = vec![b' '; 1 << 20];
    let mut left = limit + 1;
    while left > 0 {
        let n = left.min(chunk.len());
        s.client.send_raw(&chunk[..n]);
        left -= n;
    }
    expect![[r#"-32600 "message of 268435457 bytes is larger than the limit of 268435456" (id null)"#]]
        .assert_eq(&s.error());
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn invalid_utf8_inside_a_message_is_a_parse_error() {
    let mut s = start();
    let body = b"{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"x\",\"params\":\"\xff\xfe\"}";
    s.client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    s.client.send_raw(body);
    expect![[r#"-32700 "invalid JSON: invalid unicode code point at line 1 column 48" (id null)"#]]
        .assert_eq(&s.error());
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn a_lone_surrogate_escape_in_document_text_is_rejected_and_nothing_is_opened() {
    let mut s = start();
    let body = format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"uri":"{URI}","languageId":"python","version":1,"text":"AIS.9999 \ud800"}}}}}}"#
    );
    s.client.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    expect![[r#"-32700 "invalid JSON: unexpected end of hex escape at line 1 column 164" (id null)"#]]
        .assert_eq(&s.error());
    let hover = s.client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 1 } }),
    );
    assert_eq!(hover, Ok(Value::Null), "the document was never opened");
    s.client.shutdown();
}

#[test]
fn a_request_with_params_of_the_wrong_shape_is_invalid_params() {
    let mut s = start();
    let error = s.client.request("textDocument/hover", json!({ "textDocument": 5 })).expect_err("an error");
    assert_eq!(error["code"], -32602, "{error}");
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn a_frame_truncated_by_the_end_of_input_ends_the_server_cleanly() {
    let mut s = start();
    s.client.request("shutdown", Value::Null).expect("shutdown succeeds");
    s.client.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":\"2.0\",");
    let Session { client, _dir } = s;
    // Status 0: the input ended after `shutdown`; a panic would be 101.
    assert_eq!(client.wait_exit().code(), Some(0));
}

#[test]
fn every_request_about_a_never_opened_document_answers_empty() {
    let mut s = start();
    let doc = json!({ "uri": "file:///never/opened.rs" });
    let at = json!({ "line": 0, "character": 0 });
    let range = json!({ "start": at, "end": { "line": 3, "character": 0 } });
    let requests = [
        ("textDocument/hover", json!({ "textDocument": doc, "position": at })),
        ("textDocument/definition", json!({ "textDocument": doc, "position": at })),
        (
            "textDocument/references",
            json!({ "textDocument": doc, "position": at, "context": { "includeDeclaration": true } }),
        ),
        ("textDocument/documentHighlight", json!({ "textDocument": doc, "position": at })),
        ("textDocument/completion", json!({ "textDocument": doc, "position": at })),
        ("textDocument/documentLink", json!({ "textDocument": doc })),
        ("textDocument/inlayHint", json!({ "textDocument": doc, "range": range })),
        (
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": range, "context": { "diagnostics": [] } }),
        ),
    ];
    for (method, params) in requests {
        let answer = s.client.request(method, params).unwrap_or_else(|e| panic!("{method}: {e}"));
        let empty = answer.is_null() || answer.as_array().is_some_and(Vec::is_empty);
        assert!(empty, "{method} answered {answer}");
    }
    s.client.shutdown();
}

#[test]
fn positions_far_past_the_end_and_reversed_ranges_answer_without_error() {
    let mut s = start();
    s.client.open(URI, "python", "x = \"AIS.0101\"\r\n# 😀 中文 AIS.0109\r\n");
    let doc = json!({ "uri": URI });
    let far = [
        json!({ "line": u32::MAX, "character": u32::MAX }),
        json!({ "line": 0, "character": u32::MAX }),
        json!({ "line": 1, "character": 4 }), // inside the emoji's surrogate pair
        json!({ "line": 2, "character": 0 }),
    ];
    for at in &far {
        let reversed = json!({ "start": at, "end": { "line": 0, "character": 0 } });
        let requests = [
            ("textDocument/hover", json!({ "textDocument": doc, "position": at })),
            ("textDocument/definition", json!({ "textDocument": doc, "position": at })),
            ("textDocument/documentHighlight", json!({ "textDocument": doc, "position": at })),
            ("textDocument/completion", json!({ "textDocument": doc, "position": at })),
            ("textDocument/inlayHint", json!({ "textDocument": doc, "range": reversed })),
            (
                "textDocument/codeAction",
                json!({ "textDocument": doc, "range": reversed, "context": { "diagnostics": [] } }),
            ),
        ];
        for (method, params) in requests {
            if let Err(e) = s.client.request(method, params) {
                panic!("{method} at {at}: {e}");
            }
        }
    }
    s.client.shutdown();
}

#[test]
fn a_change_past_the_end_appends_and_a_reversed_range_inserts_at_its_start() {
    let mut s = start();
    s.client.open(URI, "python", "a = 1\n");
    let far = json!({ "line": 99, "character": 99 });
    s.change(2, json!([{ "range": { "start": far, "end": far }, "text": "b = 'AIS.9990'\n" }]));
    let reversed = json!({ "start": { "line": 0, "character": 4 }, "end": { "line": 0, "character": 1 } });
    s.change(3, json!([{ "range": reversed, "text": "'AIS.9991' + " }]));
    expect![[r#"
        0:5-0:13 unknown-code
        1:5-1:13 unknown-code
    "#]]
    .assert_eq(&render_ranges(&s.client.diagnostics(URI, Some(3))));
    s.client.shutdown();
}

#[test]
fn changes_with_a_stale_or_repeated_version_are_dropped_and_later_ones_apply() {
    let mut s = start();
    s.client.open(URI, "python", "");
    s.change(3, json!([{ "text": "x = 'AIS.9990'\n" }]));
    s.change(2, json!([{ "text": "stale = 'AIS.9991'\n" }]));
    s.change(3, json!([{ "text": "repeated = 'AIS.9992'\n" }]));
    let end = json!({ "line": 1, "character": 0 });
    s.change(4, json!([{ "range": { "start": end, "end": end }, "text": "y = 'AIS.9993'\n" }]));
    expect![[r#"
        0:5-0:13 unknown-code
        1:5-1:13 unknown-code
    "#]]
    .assert_eq(&render_ranges(&s.client.diagnostics(URI, Some(4))));
    s.client.shutdown();
}

#[test]
fn a_change_to_a_never_opened_document_is_ignored() {
    let mut s = start();
    s.change(2, json!([{ "text": "x = 'AIS.9990'\n" }]));
    let hover = s.client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 6 } }),
    );
    assert_eq!(hover, Ok(Value::Null));
    assert_eq!(render_ranges(&s.client.open(URI, "python", "clean = 1\n")), "");
    s.client.shutdown();
}

#[test]
fn a_ten_megabyte_line_of_cjk_is_served_with_utf16_columns() {
    let mut s = start();
    let width = 3_500_000; // three bytes each: 10.5 MB on one line
    let text = "中".repeat(width) + " AIS.9990 AIS.0101";
    let diagnostics = s.client.open(URI, "plaintext", &text);
    let expected = format!("0:{}-0:{} unknown-code\n", width + 1, width + 9);
    assert_eq!(render_ranges(&diagnostics), expected);
    let hover = s.client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": width + 12 } }),
    );
    let card = hover.expect("hover answers")["contents"]["value"].as_str().unwrap_or_default().to_owned();
    assert!(card.contains("AIS.0101"), "{card}");
    s.client.shutdown();
}

#[test]
fn binary_text_with_control_characters_is_analysed_like_any_text() {
    let mut s = start();
    let text: String = (0u32..0x2000).filter_map(char::from_u32).collect::<String>() + "\u{0}AIS.9990\u{7f}";
    let diagnostics = s.client.open(URI, "rust", &text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    s.assert_alive();
    s.client.shutdown();
}

/// Resident memory of a process, in bytes (Linux).
fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kb.expect("VmRSS in /proc/<pid>/status") * 1024
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// A client that never reads stdout: once the pipe is full the server's writes wait, and then
/// it must stop reading rather than pile up messages in memory. The document has a long URI
/// and many findings, so whatever the server queued would cost kilobytes per message.
#[test]
fn a_client_that_never_reads_does_not_make_the_server_queue_without_limit() {
    const CHANGES: usize = 20_000;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        // A folder that does not exist: no user-level configuration is read.
        .env("XDG_CONFIG_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .env("XDG_CACHE_HOME", dir.path())
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    stdin
        .write_all(&frame(&json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": { "processId": null, "capabilities": {} } })))
        .expect("write");
    assert_eq!(read_frame(&mut stdout).map(|m| m["id"].clone()), Some(json!(0)));
    stdin
        .write_all(&frame(&json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} })))
        .expect("write");
    let uri = format!("file:///{}/doc.py", "long".repeat(500));
    let line = "x = 'AIS.9990' + 'AIS.9991' + 'AIS.9992' + 'AIS.9993'\n";
    let text = line.repeat(50); // 200 unknown codes: every publication is tens of kilobytes
    stdin
        .write_all(&frame(&json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": uri, "languageId": "python", "version": 1, "text": text } } })))
        .expect("write");
    let baseline = rss(child.id());

    let written = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (written, done, uri) = (written.clone(), done.clone(), uri.clone());
        std::thread::spawn(move || {
            for version in 2..CHANGES as i64 + 2 {
                // Swapping two characters keeps the text's size and its findings' count.
                let at = json!({ "line": version % 50, "character": 0 });
                let message = json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": { "uri": uri, "version": version },
                    "contentChanges": [{ "range": { "start": at, "end": { "line": version % 50, "character": 1 } },
                                         "text": if version % 2 == 0 { "y" } else { "x" } }] } });
                // An editor asks as it types: every tenth message is a hover, whose answer
                // (a card of about a kilobyte) must be written before the next one is read.
                let hover = json!({ "jsonrpc": "2.0", "id": version, "method": "textDocument/hover", "params": {
                    "textDocument": { "uri": uri }, "position": { "line": 0, "character": 7 } } });
                if stdin.write_all(&frame(&message)).is_err()
                    || (version % 10 == 0 && stdin.write_all(&frame(&hover)).is_err())
                {
                    break;
                }
                written.fetch_add(1, Ordering::SeqCst);
            }
            done.store(true, Ordering::SeqCst);
            stdin
        })
    };
    // Wait until the writer is done or has been held up (the server stopped reading) for 3 s.
    let mut peak = 0;
    let (mut last, mut since) = (0, Instant::now());
    while !done.load(Ordering::SeqCst) && since.elapsed() < Duration::from_secs(3) {
        std::thread::sleep(Duration::from_millis(100));
        peak = peak.max(rss(child.id()));
        let now = written.load(Ordering::SeqCst);
        if now != last {
            (last, since) = (now, Instant::now());
        }
    }
    peak = peak.max(rss(child.id()));
    let growth = peak.saturating_sub(baseline);
    eprintln!(
        "never-reading client: {} of {CHANGES} changes accepted, server RSS {} MB -> peak {} MB",
        written.load(Ordering::SeqCst),
        baseline >> 20,
        peak >> 20
    );
    assert!(growth < 64 << 20, "the server grew by {} MB while its client did not read", growth >> 20);
    assert!(!done.load(Ordering::SeqCst), "the server stopped reading instead of buffering everything");

    // Now read: the server catches up, takes every change and still answers.
    let (answered, shutdown_answered) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        while let Some(message) = read_frame(&mut stdout) {
            if message["id"] == json!("bye") {
                let _ = answered.send(());
            }
        }
        let mut rest = Vec::new();
        let _ = stdout.read_to_end(&mut rest);
    });
    let mut stdin = writer.join().expect("the writer finishes");
    assert_eq!(written.load(Ordering::SeqCst), CHANGES as u64, "every change was taken");
    stdin.write_all(&frame(&json!({ "jsonrpc": "2.0", "id": "bye", "method": "shutdown" }))).expect("write");
    shutdown_answered.recv_timeout(Duration::from_secs(120)).expect("shutdown is answered");
    stdin.write_all(&frame(&json!({ "jsonrpc": "2.0", "method": "exit" }))).expect("write");
    drop(stdin);
    assert!(child.wait().expect("the server exits").success());
    reader.join().expect("the reader finishes");
}
