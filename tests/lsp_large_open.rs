//! End-to-end tests of large `didOpen` frames (over the 1 MB streaming threshold), sent over
//! stdio as editors write them: the text member before or after the others, every kind of
//! escape (`\uXXXX` with surrogate pairs, `\n`, `\"`), CRLF lines; malformed and cut frames
//! answered with a parse error while the session goes on; large messages that are not a
//! `didOpen` passed through with the same meaning.

mod support;

use expect_test::expect;
use serde_json::json;
use support::lsp_client::{Client, Setup, render_ranges};

use errcode_ls::lsp::large_open::LARGE_OPEN;

struct Session {
    _dir: tempfile::TempDir,
    client: Client,
}

fn start() -> Session {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let client = Client::start(Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache")));
    Session { _dir: dir, client }
}

impl Session {
    /// Sends `body` as one frame.
    fn send_body(&mut self, body: &[u8]) {
        self.client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
        self.client.send_raw(body);
    }

    /// The next message, which must be an error answer; rendered as `code message (id)`.
    fn error(&mut self) -> String {
        let message = self.client.next_message();
        format!("{} {} (id {})", message["error"]["code"], message["error"]["message"], message["id"])
    }

    /// Proves the server still serves: a small log opens with its diagnostics.
    fn assert_alive(&mut self) {
        let diagnostics = self.client.open("file:///small.log", "log", "x AIS.0199\n");
        assert_eq!(render_ranges(&diagnostics), "0:2-0:10 unknown-code\n", "the server still answers");
    }

    fn outline(&mut self, uri: &str) -> Vec<String> {
        let symbols = self
            .client
            .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }))
            .unwrap_or_default();
        symbols
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s["name"].as_str().map(str::to_owned))
            .collect()
    }
}

/// `head`, then plain lines up to a log larger than the streaming threshold.
fn large_log(head: &str) -> String {
    let mut log = head.to_owned();
    let padding = "2026-01-01T00:00:00 INFO request served in 12 ms\n";
    log.push_str(&padding.repeat(LARGE_OPEN / padding.len() + 1));
    assert!(log.len() > LARGE_OPEN);
    log
}

/// The head of the logs below: unknown codes (diagnostics) after text that is escaped in JSON.
const HEAD: &str = "{\"error_code\": \"AIS.0199\", \"error_msg\": \"é\"}\r\n\
                    😀\ttab AIS.0198 \\ back\\slash, see AIS.0101\r\n\
                    last of the head AIS.0197\n";

/// A `didOpen` body with its `textDocument` members in the given order; `literal` is the
/// text's JSON string literal, quotes included.
fn did_open(uri: &str, literal: &str, text_first: bool) -> String {
    let others = format!(r#""uri":"{uri}","languageId":"log","version":1"#);
    let members = if text_first {
        format!(r#""text":{literal},{others}"#)
    } else {
        format!(r#"{others},"text":{literal}"#)
    };
    format!(
        r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{{members}}}}}}}"#
    )
}

/// A JSON string literal of `text` in ASCII only, as some clients write it: every character
/// past ASCII as `\uXXXX` (UTF-16 units, so pairs of surrogates beyond the BMP), `/` as `\/`.
fn ascii_literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' => out.push_str("\\/"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii() && c >= ' ' => out.push(c),
            c => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
    out
}

#[test]
fn the_text_member_may_come_before_or_after_the_others() {
    let mut s = start();
    let log = large_log(HEAD);
    let literal = serde_json::to_string(&log).unwrap_or_default();
    for (uri, text_first) in [("file:///first.log", true), ("file:///last.log", false)] {
        s.send_body(did_open(uri, &literal, text_first).as_bytes());
        let diagnostics = s.client.diagnostics(uri, Some(1));
        expect![[r#"
            0:16-0:24 unknown-code
            1:7-1:15 unknown-code
            2:17-2:25 unknown-code
        "#]]
        .assert_eq(&render_ranges(&diagnostics));
        // Equal counts: in order of first occurrence (a known code first on a shared line).
        assert_eq!(s.outline(uri), ["AIS.0199 × 1", "AIS.0101 × 1", "AIS.0198 × 1", "AIS.0197 × 1"]);
    }
    s.client.shutdown();
}

#[test]
fn unicode_escapes_and_surrogate_pairs_decode_to_the_same_positions() {
    let mut s = start();
    let log = large_log(HEAD);
    let uri = "file:///ascii.log";
    s.send_body(did_open(uri, &ascii_literal(&log), false).as_bytes());
    let diagnostics = s.client.diagnostics(uri, Some(1));
    // 😀 (two UTF-16 units, sent as a pair of escapes), a tab and `tab `: AIS.0198 at 7.
    expect![[r#"
        0:16-0:24 unknown-code
        1:7-1:15 unknown-code
        2:17-2:25 unknown-code
    "#]]
    .assert_eq(&render_ranges(&diagnostics));
    // Hover, the other direction: a UTF-16 position past the emoji finds the known code.
    let line = HEAD.lines().nth(1).unwrap_or_default();
    let character = line.split("AIS.0101").next().unwrap_or_default().encode_utf16().count();
    let hover = s.client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 1, "character": character + 1 } }),
    );
    let range = hover.unwrap_or_default()["range"].clone();
    assert_eq!(range["start"], json!({ "line": 1, "character": character }));
    assert_eq!(range["end"], json!({ "line": 1, "character": character + 8 }));
    s.client.shutdown();
}

/// Sends `body` as one frame and checks it is answered with the parse error `expected`, and
/// that the server then goes on answering.
fn answered_as_a_parse_error(body: &[u8], expected: expect_test::Expect) {
    let mut s = start();
    s.send_body(body);
    expected.assert_eq(&s.error());
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn a_lone_surrogate_in_a_large_text_is_a_parse_error_and_the_session_goes_on() {
    let literal = serde_json::to_string(&large_log(HEAD)).unwrap_or_default();
    let broken = literal.replacen("last of the head", "last \\ud800 of the head", 1);
    answered_as_a_parse_error(
        did_open("file:///broken.log", &broken, false).as_bytes(),
        expect![[r#"-32700 "invalid JSON: unexpected end of hex escape" (id null)"#]],
    );
}

#[test]
fn invalid_utf8_in_a_large_text_is_a_parse_error_and_the_session_goes_on() {
    let literal = serde_json::to_string(&large_log(HEAD)).unwrap_or_default();
    let mut body = did_open("file:///binary.log", &literal, true).into_bytes();
    let at = body.len() / 2;
    body[at] = 0xFF;
    answered_as_a_parse_error(
        &body,
        expect![[r#"-32700 "invalid JSON: invalid unicode code point" (id null)"#]],
    );
}

#[test]
fn a_large_frame_cut_inside_its_text_is_a_parse_error_and_the_session_goes_on() {
    let literal = serde_json::to_string(&large_log(HEAD)).unwrap_or_default();
    let body = did_open("file:///cut.log", &literal, false);
    answered_as_a_parse_error(
        &body.as_bytes()[..body.len() - 100],
        expect![[r#"-32700 "invalid JSON: EOF while parsing a string" (id null)"#]],
    );
}

#[test]
fn a_large_frame_broken_after_its_text_is_a_parse_error_and_the_session_goes_on() {
    let literal = serde_json::to_string(&large_log(HEAD)).unwrap_or_default();
    let body = did_open("file:///unclosed.log", &literal, true);
    // The last brace is missing.
    answered_as_a_parse_error(
        &body.as_bytes()[..body.len() - 1],
        expect![[r#"-32700 "invalid JSON: EOF while parsing an object" (id null)"#]],
    );
}

#[test]
fn a_large_request_with_a_text_that_is_not_an_open_is_answered_as_usual() {
    let mut s = start();
    let literal = serde_json::to_string(&large_log(HEAD)).unwrap_or_default();
    // Same path to a text, another method: it reaches the framework with its text.
    let body = format!(
        r#"{{"jsonrpc":"2.0","id":41,"method":"errcode/noSuchMethod","params":{{"textDocument":{{"uri":"file:///x.log","text":{literal}}}}}}}"#
    );
    s.send_body(body.as_bytes());
    expect![[r#"-32601 "Method not found" (id 41)"#]].assert_eq(&s.error());
    s.assert_alive();
    s.client.shutdown();
}

#[test]
fn a_large_full_text_change_after_a_large_open_gives_the_new_diagnostics() {
    let mut s = start();
    let uri = "file:///changed.log";
    let literal = serde_json::to_string(&large_log(HEAD)).unwrap_or_default();
    s.send_body(did_open(uri, &literal, false).as_bytes());
    assert_eq!(s.client.diagnostics(uri, Some(1)).len(), 3);
    let changed = large_log("only AIS.0196 now\n");
    s.client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": changed }] }),
    );
    expect![[r#"
        0:5-0:13 unknown-code
    "#]]
    .assert_eq(&render_ranges(&s.client.diagnostics(uri, Some(2))));
    s.client.shutdown();
}

#[test]
fn a_streamed_python_module_is_analysed_with_its_syntax() {
    let mut s = start();
    let uri = "file:///retries.py";
    let function = "def retry_delay(code):\n    match code:\n        case \"APIG.0308\":\n            return 30\n        case \"APIG.0301\":\n            return 5\n    return None\n\n";
    let copies = LARGE_OPEN / function.len() + 1;
    let module = function.repeat(copies) + "LEGACY = \"APIG.0309\"\n";
    s.client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "python", "version": 1, "text": module } }),
    );
    // The unknown code comes first, before the parse; then every match's missing codes.
    let mut publication = || {
        let params = s.client.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri);
        params["diagnostics"].as_array().cloned().unwrap_or_default()
    };
    assert_eq!(publication().len(), 1);
    let full = publication();
    let unhandled = full.iter().filter(|d| d["code"] == "unhandled-codes").count();
    assert_eq!((full.len(), unhandled), (copies + 1, copies));
    s.client.shutdown();
}
