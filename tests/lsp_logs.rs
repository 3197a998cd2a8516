//! End-to-end tests of logs in the editor: the built server over stdio, on generated logs
//! whose counts are known — the outline with counts, code lenses, inlay hints, occurrences,
//! incremental edits (same diagnostics as a fresh open) and the "Scan Log File" command.

mod support;

use std::fmt::Write as _;
use std::path::Path;

use expect_test::{Expect, expect};
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup, file_uri};

/// A server without a workspace (built-in catalog only) and a temporary folder for files.
struct Session {
    dir: tempfile::TempDir,
    client: Client,
}

impl Session {
    fn start() -> Session {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let client = Client::start(Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache")));
        Session { dir, client }
    }

    fn uri(&self, name: &str) -> String {
        file_uri(&self.dir.path().join(name))
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.client.request(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error}"),
        }
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) -> Vec<Value> {
        self.client.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
        self.client.diagnostics(uri, Some(version))
    }
}

/// A log of `lines` lines: `AIS.0102` on every 3rd line, `APIG.0308` in a JSON error body on
/// every 10th, the unknown `AIS.0199` on every 50th, plain lines in between.
fn generated_log(lines: usize) -> String {
    let mut log = String::new();
    for i in 1..=lines {
        let _ = match i {
            _ if i % 50 == 0 => writeln!(log, "2026-01-01T00:00:{i:05} WARN retry after AIS.0199"),
            _ if i % 10 == 0 => writeln!(
                log,
                r#"2026-01-01T00:00:{i:05} ERROR {{"error_code": "APIG.0308", "error_msg": "The throttling threshold has been reached"}}"#
            ),
            _ if i % 3 == 0 => writeln!(log, "2026-01-01T00:00:{i:05} ERROR ocr failed: AIS.0102"),
            _ => writeln!(log, "2026-01-01T00:00:{i:05} INFO request ok"),
        };
    }
    log
}

/// Diagnostics as `line:col rule message`, one per line.
fn render_diagnostics(diagnostics: &[Value]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {}\n",
                d["range"]["start"]["line"],
                d["range"]["start"]["character"],
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

fn check(actual: String, expect: Expect) {
    expect.assert_eq(&actual);
}

#[test]
fn the_outline_of_a_log_lists_each_code_with_its_count() {
    let mut session = Session::start();
    let uri = session.uri("app.log");
    session.client.open(&uri, "log", &generated_log(200));
    let symbols = session.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let rendered: String = symbols
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            format!(
                "{} @{} — {}\n",
                s["name"].as_str().unwrap_or_default(),
                s["range"]["start"]["line"],
                s["detail"].as_str().unwrap_or_default()
            )
        })
        .collect();
    check(
        rendered,
        expect![[r#"
            AIS.0102 × 60 @2 — The image format is not supported.
            APIG.0308 × 16 @9 — The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute.
            AIS.0199 × 4 @49 — not in the catalog
        "#]],
    );
    session.client.shutdown();
}

#[test]
fn a_code_lens_sits_on_each_codes_first_occurrence() {
    let mut session = Session::start();
    let uri = session.uri("app.log");
    session.client.open(&uri, "log", &generated_log(2500));
    let lenses = session.request("textDocument/codeLens", json!({ "textDocument": { "uri": uri } }));
    let rendered: String = lenses
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            format!(
                "{}:{} {}\n",
                l["range"]["start"]["line"],
                l["range"]["start"]["character"],
                l["command"]["title"].as_str().unwrap_or_default()
            )
        })
        .collect();
    check(
        rendered,
        expect![[r#"
            2:41 AIS.0102 × 750 — The image format is not supported.
            9:45 APIG.0308 × 200 — The throttling threshold has been reached: policy user over ratelimit,limit:XX,…
            49:40 AIS.0199 × 50 — not in the catalog
        "#]],
    );
    session.client.shutdown();
}

#[test]
fn inlay_hints_show_messages_in_logs_by_default() {
    let mut session = Session::start();
    let uri = session.uri("app.log");
    session.client.open(&uri, "log", &generated_log(12));
    let range = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 12, "character": 0 } });
    let hints =
        session.request("textDocument/inlayHint", json!({ "textDocument": { "uri": uri }, "range": range }));
    let rendered: String = hints
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            format!(
                "{}:{} {}\n",
                h["position"]["line"],
                h["position"]["character"],
                h["label"].as_str().unwrap_or_default()
            )
        })
        .collect();
    check(
        rendered,
        expect![[r#"
            2:49 The image format is not supported.
            5:49 The image format is not supported.
            8:49 The image format is not supported.
            9:54 The throttling threshold has been reached: policy user over…
            11:49 The image format is not supported.
        "#]],
    );
    session.client.shutdown();
}

#[test]
fn highlights_list_every_occurrence_of_the_code_under_the_cursor() {
    let mut session = Session::start();
    let uri = session.uri("app.log");
    session.client.open(&uri, "log", &generated_log(200));
    let at = json!({ "textDocument": { "uri": uri }, "position": { "line": 49, "character": 44 } });
    let highlights = session.request("textDocument/documentHighlight", at);
    let lines: Vec<String> = highlights
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| h["range"]["start"]["line"].to_string())
        .collect();
    assert_eq!(lines.join(" "), "49 99 149 199");
    session.client.shutdown();
}

#[test]
fn edits_to_a_log_give_the_diagnostics_of_a_fresh_open() {
    let mut session = Session::start();
    let uri = session.uri("app.log");
    let log = generated_log(3000);
    session.client.open(&uri, "log", &log);
    let edits = [
        // Type an unknown code into line 1500, then delete lines 100..300, then join two lines
        // and add one at the very end.
        json!([{ "range": { "start": { "line": 1500, "character": 0 }, "end": { "line": 1500, "character": 0 } }, "text": "AIS.0198 " }]),
        json!([{ "range": { "start": { "line": 100, "character": 0 }, "end": { "line": 300, "character": 0 } }, "text": "" }]),
        json!([
            { "range": { "start": { "line": 10, "character": 0 }, "end": { "line": 11, "character": 0 } }, "text": "AIS.0197 joined " },
            // After the join, line 2799 is the empty line after the last line break.
            { "range": { "start": { "line": 2799, "character": 0 }, "end": { "line": 2799, "character": 0 } }, "text": "AIS.0196" },
        ]),
    ];
    let mut diagnostics = Vec::new();
    for (version, changes) in (2..).zip(edits) {
        diagnostics = session.change(&uri, version, changes);
    }
    let text = apply_line_edits(&log);
    let fresh = session.client.open(&session.uri("fresh.log"), "log", &text);
    assert_eq!(render_diagnostics(&diagnostics), render_diagnostics(&fresh));
    assert_eq!(diagnostics.len(), 3000 / 50 - 200 / 50 + 3);
    session.client.shutdown();
}

/// The edits of [`edits_to_a_log_give_the_diagnostics_of_a_fresh_open`], applied to a string.
fn apply_line_edits(log: &str) -> String {
    let mut lines: Vec<String> = log.split_inclusive('\n').map(str::to_owned).collect();
    lines[1500].insert_str(0, "AIS.0198 ");
    lines.drain(100..300);
    let joined = format!("AIS.0197 joined {}", lines[11]);
    lines.splice(10..12, [joined]);
    lines.push("AIS.0196".to_owned());
    lines.concat()
}

#[test]
fn edits_to_source_files_give_the_diagnostics_of_a_fresh_open() {
    let mut session = Session::start();
    let uri = session.uri("handler.rs");
    let source = "fn handle(code: &str) -> u8 {\n    match code {\n        \"AIS.0101\" => 1,\n        _ => 0,\n    }\n}\n";
    session.client.open(&uri, "rust", source);
    let insert = json!([{ "range": { "start": { "line": 3, "character": 0 }, "end": { "line": 3, "character": 0 } }, "text": "        \"AIS.0102\" => 2,\n        \"AIS.0199\" => 3,\n" }]);
    session.change(&uri, 2, insert);
    let rename = json!([{ "range": { "start": { "line": 1, "character": 10 }, "end": { "line": 1, "character": 14 } }, "text": "code.trim()" }]);
    let diagnostics = session.change(&uri, 3, rename);
    let text = source
        .replace("        _ => 0", "        \"AIS.0102\" => 2,\n        \"AIS.0199\" => 3,\n        _ => 0")
        .replace("match code {", "match code.trim() {");
    let fresh = session.client.open(&session.uri("fresh.rs"), "rust", &text);
    assert_eq!(render_diagnostics(&diagnostics), render_diagnostics(&fresh));
    check(
        render_diagnostics(&diagnostics),
        expect![[r#"
            1:10 unhandled-codes 3 error codes not handled: AIS.0103, AIS.0104, AIS.0105 (left to the default branch)
            4:9 unknown-code unknown error code `AIS.0199`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`?
        "#]],
    );
    session.client.shutdown();
}

#[test]
fn the_scan_command_is_advertised() {
    let session = Session::start();
    assert_eq!(
        session.client.capabilities["capabilities"]["executeCommandProvider"]["commands"],
        json!([
            "errcode.scanLogFile",
            "errcode.addToCatalog",
            "errcode.ignoreInProject",
            "errcode.ignoreEverywhere"
        ])
    );
    session.client.shutdown();
}

#[test]
fn scan_log_file_writes_a_markdown_report_with_links_to_lines() {
    let mut session = Session::start();
    let log = session.dir.path().join("big.log");
    std::fs::write(&log, generated_log(100)).expect("the log is written");
    let report_path = session.dir.path().join("report.md");
    let answer = session.request(
        "workspace/executeCommand",
        json!({ "command": "errcode.scanLogFile", "arguments": [file_uri(&log), report_path.to_string_lossy()] }),
    );
    assert_eq!(answer["report"], json!(file_uri(&report_path)));
    assert_eq!(answer["codes"], json!(3));
    let report = std::fs::read_to_string(&report_path).expect("the report is written");
    let root = file_uri(session.dir.path());
    check(
        report.replace(&root, "$DIR").replace(&session.dir.path().display().to_string(), "$DIR"),
        expect![[r##"
            # Error codes in $DIR/big.log

            100 lines scanned (4,858 bytes); 3 distinct codes on 40 lines.

            | Code | Lines | First | Last | Message | Solution |
            |---|---:|---|---|---|---|
            | `AIS.0102` | 30 | [3]($DIR/big.log#L3) | [99]($DIR/big.log#L99) | The image format is not supported. | Check the image format. For details about the image format supported by each service, see "Constraints and Limitations" in the related API section. |
            | `APIG.0308` | 8 | [10]($DIR/big.log#L10) | [90]($DIR/big.log#L90) | The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute. | Rectify the fault using either of the following methods: - Use the retry mechanism to rectify the fault by checking the return value in the code and retrying the requests after a short period of time (for example, 2 to 5 seconds). - You can also check whether the result of the previous request is returned at the backend. After the result of the previous request is returned, send the next request. |
            | `AIS.0199` | 2 | [50]($DIR/big.log#L50) | [100]($DIR/big.log#L100) | not in the catalog |  |
        "##]],
    );
    session.client.shutdown();
}

#[test]
fn scan_log_file_reads_gzip_logs_into_the_cache_folder_by_default() {
    let mut session = Session::start();
    let log = session.dir.path().join("rotated.log.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut encoder, generated_log(30).as_bytes()).expect("compressed");
    std::fs::write(&log, encoder.finish().expect("compressed")).expect("the log is written");
    let answer = session.request(
        "workspace/executeCommand",
        json!({ "command": "errcode.scanLogFile", "arguments": [log.to_string_lossy()] }),
    );
    let written = Path::new(answer["reportPath"].as_str().unwrap_or_default()).to_owned();
    assert!(written.starts_with(session.dir.path().join("cache")), "{}", written.display());
    let report = std::fs::read_to_string(&written).expect("the report is written");
    assert!(report.contains("| `AIS.0102` | 9 |"), "{report}");
    assert_eq!(answer["lines"], json!(30));
    session.client.shutdown();
}

#[test]
fn scan_log_file_of_a_missing_file_is_an_error_naming_it() {
    let mut session = Session::start();
    let missing = session.dir.path().join("nope.log");
    let error = session
        .client
        .request(
            "workspace/executeCommand",
            json!({ "command": "errcode.scanLogFile", "arguments": [missing.to_string_lossy()] }),
        )
        .expect_err("a missing file is an error");
    assert!(error["message"].as_str().unwrap_or_default().contains("nope.log"), "{error}");
    session.client.shutdown();
}

#[test]
fn a_log_too_large_to_pass_through_the_framework_opens_with_the_same_views() {
    let mut session = Session::start();
    let uri = session.uri("huge.log");
    let log = generated_log(100_000);
    assert!(log.len() > 4 << 20, "the log must be larger than the diverting threshold");
    let diagnostics = session.client.open(&uri, "log", &log);
    // 2,000 unknown codes; a log publishes the first 1,000.
    assert_eq!(diagnostics.len(), 1000);
    assert_eq!(diagnostics[0]["range"]["start"], json!({ "line": 49, "character": 40 }));
    let symbols = session.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let names: Vec<&str> =
        symbols.as_array().into_iter().flatten().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["AIS.0102 × 30,000", "APIG.0308 × 8,000", "AIS.0199 × 2,000"]);
    // The JSON bodies' escaped quotes came through unescaped: the code sits where it is in the text.
    let line = log.lines().nth(9).unwrap_or_default();
    let at = line.find("APIG.0308").unwrap_or_default();
    let highlight = session.request(
        "textDocument/documentHighlight",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 9, "character": at + 1 } }),
    );
    assert_eq!(highlight.as_array().map(Vec::len), Some(8000));
    assert_eq!(highlight[0]["range"]["start"], json!({ "line": 9, "character": at }));
    session.client.shutdown();
}

#[test]
fn scan_log_file_writes_the_html_report_with_the_codes_over_time_beside_it() {
    let mut session = Session::start();
    let log = session.dir.path().join("incident.log");
    std::fs::write(
        &log,
        "2026-01-01T10:00:00Z ERROR AIS.0102\n2026-01-01T10:01:30Z WARN APIG.0308\n  again APIG.0308\n",
    )
    .expect("the log is written");
    let report_path = session.dir.path().join("report.md");
    let answer = session.request(
        "workspace/executeCommand",
        json!({ "command": "errcode.scanLogFile", "arguments": [file_uri(&log), report_path.to_string_lossy()] }),
    );
    let html_path = session.dir.path().join("report.html");
    assert_eq!(answer["html"], json!(html_path.to_string_lossy()));
    let html = std::fs::read_to_string(&html_path).expect("the HTML report is written");
    assert!(html.contains(r#"data-code="APIG.0308" data-counts="0,2""#), "{html}");
    assert!(html.contains(r#"data-code="AIS.0102" data-counts="1,0""#), "{html}");
    session.client.shutdown();
}
