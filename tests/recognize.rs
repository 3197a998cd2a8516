//! What counts as an error code, end to end: `errcode-ls check` and `errcode-ls scan` on the
//! files under `tests/fixtures/recognize/`, run in a fresh folder as a user would run them.
//!
//! A namespace's shape is learnt from its catalog codes (the built-in catalog's `AIS`, `APIG` and
//! `ModelArts` codes all have four digits): tokens with one digit more or fewer are mistyped
//! codes, anything further off, of another namespace, or a pattern, is not a code at all.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::{Command, Output};

use expect_test::{expect, expect_file};
use serde_json::json;
use support::lsp_client::{Client, Setup, file_uri};

/// Runs `errcode-ls ARGS FIXTURE` in a fresh folder holding a copy of the fixture.
fn run(args: &[&str], fixture: &str) -> Output {
    let dir = tempfile::tempdir().expect("temporary folder");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/recognize").join(fixture);
    std::fs::copy(&source, dir.path().join(fixture)).expect("copy fixture");
    Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        .current_dir(dir.path())
        .args(args)
        .arg(fixture)
        .env("NO_COLOR", "1")
        .output()
        .expect("run errcode-ls")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn ship_tracking_message_types_are_not_codes() {
    let output = run(&["check"], "ais_messages.py");
    assert_eq!(stdout(&output), "");
    assert_eq!(output.status.code(), Some(0), "nothing to report");
}

#[test]
fn other_namespaces_placeholders_prefixes_and_patterns_are_not_codes() {
    let output = run(&["check"], "near_misses.ts");
    assert_eq!(stdout(&output), "");
    assert_eq!(output.status.code(), Some(0), "nothing to report");
}

#[test]
fn a_digit_short_or_long_of_the_catalog_is_an_unknown_code() {
    let output = run(&["check", "--format", "concise"], "typos.go");
    expect![[r#"
        typos.go:5:3: warning[unknown-code]: unknown error code `ModelArts.81011`; did you mean `ModelArts.4101`, `ModelArts.4102`, `ModelArts.4103`?
        typos.go:6:3: warning[unknown-code]: unknown error code `AIS.010`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`?
    "#]]
    .assert_eq(&stdout(&output));
    assert_eq!(output.status.code(), Some(1), "findings make `check` fail");
}

#[test]
fn unknown_codes_glued_to_cjk_text_are_reported_at_their_character_column() {
    let output = run(&["check", "--format", "concise"], "cjk.log");
    expect_file!["fixtures/recognize/cjk.log.text"].assert_eq(&stdout(&output));
}

#[test]
fn codes_glued_to_cjk_text_are_counted_by_scan() {
    let scanned = json(&run(&["scan", "--json"], "cjk.log"));
    expect![[r#"
        known AIS.0101 ×1
        unknown AIS.0199 ×1"#]]
    .assert_eq(&codes(&scanned).join("\n"));
}

/// `kind code ×count` for each code of a `scan --json` report, most frequent first.
fn codes(scanned: &serde_json::Value) -> Vec<String> {
    scanned["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .map(|code| {
            format!(
                "{} {} ×{}",
                code["kind"].as_str().expect("kind"),
                code["code"].as_str().expect("code"),
                code["count"]
            )
        })
        .collect()
}

/// `scan` (counts) and `check` (findings) read a log with the same recogniser: every unknown
/// code `scan` counts is an `unknown-code` finding of `check` on the same lines, and neither
/// sees the near misses.
#[test]
fn scan_and_check_agree_on_the_codes_of_a_log() {
    let scanned = json(&run(&["scan", "--json"], "mixed.log"));
    let checked = json(&run(&["check", "--format", "json"], "mixed.log"));

    let mut scan_unknown: BTreeMap<String, u64> = BTreeMap::new();
    for code in scanned["codes"].as_array().expect("codes") {
        let (name, kind) = (code["code"].as_str().expect("code"), code["kind"].as_str().expect("kind"));
        if kind == "unknown" {
            *scan_unknown.entry(name.to_owned()).or_default() += code["count"].as_u64().expect("count");
        }
    }
    let mut check_unknown: BTreeMap<String, u64> = BTreeMap::new();
    for finding in checked.as_array().expect("findings") {
        assert_eq!(finding["rule"], "unknown-code");
        let message = finding["message"].as_str().expect("message");
        let code = message.split('`').nth(1).expect("the message quotes the code");
        *check_unknown.entry(code.to_owned()).or_default() += 1;
    }
    expect![[r#"
        unknown AIS.0199 ×2
        known AIS.0101 ×1
        unknown ModelArts.81011 ×1
        known APIG.0308 ×1"#]]
    .assert_eq(&codes(&scanned).join("\n"));
    assert_eq!(scan_unknown, check_unknown);
}

/// The language server's log index reads a log with the same recogniser: its diagnostics are
/// `check`'s findings, and its outline lists the codes `scan` counts (codes of other namespaces
/// in error bodies are `scan`'s alone).
#[test]
fn the_editor_log_index_agrees_with_check_and_scan() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/recognize/mixed.log");
    let text = std::fs::read_to_string(&fixture).expect("read the fixture");
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut client = Client::start(Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache")));
    let uri = file_uri(&dir.path().join("mixed.log"));
    let diagnostics = client.open(&uri, "log", &text);
    let symbols = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }))
        .expect("the outline is answered");
    client.shutdown();

    let editor: BTreeSet<(u64, String)> = diagnostics
        .iter()
        .map(|d| (d["range"]["start"]["line"].as_u64().expect("line") + 1, quoted_code(&d["message"])))
        .collect();
    let checked = json(&run(&["check", "--format", "json"], "mixed.log"));
    let cli: BTreeSet<(u64, String)> = checked
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| (f["line"].as_u64().expect("line"), quoted_code(&f["message"])))
        .collect();
    let rendered: Vec<String> = editor.iter().map(|(line, code)| format!("{line} {code}")).collect();
    expect!["3 ModelArts.81011 | 5 AIS.0199 | 6 AIS.0199"].assert_eq(&rendered.join(" | "));
    assert_eq!(editor, cli);

    let outline: BTreeSet<String> = symbols
        .as_array()
        .expect("symbols")
        .iter()
        .map(|s| s["name"].as_str().expect("name").split(' ').next().expect("a code").to_owned())
        .collect();
    let scanned = json(&run(&["scan", "--json"], "mixed.log"));
    let counted: BTreeSet<String> = scanned["codes"]
        .as_array()
        .expect("codes")
        .iter()
        .filter(|c| c["kind"] != "foreign")
        .map(|c| c["code"].as_str().expect("code").to_owned())
        .collect();
    expect!["AIS.0101 AIS.0199 APIG.0308 ModelArts.81011"]
        .assert_eq(&outline.iter().cloned().collect::<Vec<_>>().join(" "));
    assert_eq!(outline, counted);
}

/// The code an `unknown-code` message quotes.
fn quoted_code(message: &serde_json::Value) -> String {
    message.as_str().and_then(|m| m.split('`').nth(1)).expect("the message quotes the code").to_owned()
}
