//! End-to-end tests of `errcode-ls scan`: they run the built binary on log files, folders,
//! gzip streams and stdin, as a user would.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use expect_test::{Expect, expect, expect_file};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/scan").join(name)
}

/// Runs `errcode-ls scan ARGS` in `dir` with only the built-in catalog, feeding `stdin`.
fn scan_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        // A folder that does not exist: no user-level configuration is read.
        .env("XDG_CONFIG_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .arg("scan")
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin).expect("stdin takes the log");
    drop(input);
    child.wait_with_output().expect("the binary finishes")
}

fn fixtures_dir() -> PathBuf {
    fixture("")
}

/// Exit code, stdout and stderr as one text for a snapshot.
fn render(output: &Output) -> String {
    format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        output.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn check(args: &[&str], expect: Expect) {
    expect.assert_eq(&render(&scan_in(&fixtures_dir(), args, b"")));
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("compresses in memory");
    encoder.finish().expect("compresses in memory")
}

#[test]
fn summary_lists_codes_by_count_with_lines_message_and_fix() {
    expect_file!["fixtures/scan/app.expected.txt"].assert_eq(&render(&scan_in(
        &fixtures_dir(),
        &["app.log"],
        b"",
    )));
}

#[test]
fn json_output_has_counts_first_and_last_line_and_catalog_text() {
    expect_file!["fixtures/scan/app.expected.json"]
        .assert_eq(&String::from_utf8_lossy(&scan_in(&fixtures_dir(), &["--json", "app.log"], b"").stdout));
}

#[test]
fn stdin_gives_the_same_summary_as_the_file() {
    let log = std::fs::read(fixture("app.log")).expect("fixture");
    let from_stdin = scan_in(&fixtures_dir(), &["-"], &log);
    let from_file = scan_in(&fixtures_dir(), &["app.log"], b"");
    assert_eq!(String::from_utf8_lossy(&from_stdin.stdout), String::from_utf8_lossy(&from_file.stdout));
    assert!(from_stdin.status.success());
}

#[test]
fn gzip_files_are_read_directly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log = std::fs::read(fixture("app.log")).expect("fixture");
    std::fs::write(dir.path().join("app.log.gz"), gzip(&log)).expect("write");
    let from_gzip = scan_in(dir.path(), &["app.log.gz"], b"");
    let from_file = scan_in(&fixtures_dir(), &["app.log"], b"");
    assert_eq!(String::from_utf8_lossy(&from_gzip.stdout), String::from_utf8_lossy(&from_file.stdout));
    assert!(from_gzip.status.success(), "{}", render(&from_gzip));
}

#[test]
fn gzip_on_stdin_is_recognised_by_its_magic_bytes() {
    let log = std::fs::read(fixture("app.log")).expect("fixture");
    let from_stdin = scan_in(&fixtures_dir(), &["-"], &gzip(&log));
    let from_file = scan_in(&fixtures_dir(), &["app.log"], b"");
    assert_eq!(String::from_utf8_lossy(&from_stdin.stdout), String::from_utf8_lossy(&from_file.stdout));
}

#[test]
fn a_truncated_gzip_file_keeps_what_was_read_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let log: String = (1..=20_000).map(|n| format!("request {n} failed with AIS.0101\n")).collect();
    let compressed = gzip(log.as_bytes());
    std::fs::write(dir.path().join("cut.log.gz"), &compressed[..compressed.len() / 2]).expect("write");
    let output = scan_in(dir.path(), &["--json", "cut.log.gz"], b"");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let count = json["codes"][0]["count"].as_u64().unwrap_or(0);
    assert!(count > 0 && count < 20_000, "{count} lines counted");
    expect![[r#"
        exit 2
        warning: cut.log.gz: incomplete deflate stream; the summary covers what was read before"#]]
    .assert_eq(&format!(
        "exit {}\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).lines().next().unwrap_or_default()
    ));
}

#[test]
fn several_files_add_up_with_first_and_last_file_and_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.log"), "x\nAIS.0101 failed\nBackend timeout.\n").expect("write");
    std::fs::write(dir.path().join("b.log"), "AIS.0101 again\ny\nz\nAIS.0101\n").expect("write");
    expect![[r#"
        exit 0
        --- stdout
        Known codes: 2 codes on 4 lines
          3  AIS.0101   a.log:2 … b.log:4
             The input parameter is invalid.
             fix: Check whether the input parameters are correct. Possible causes are a…
          1  APIG.0201  a.log:3  (1 by message)
             Backend timeout.
             fix: Check whether the original API call requests are excessively frequent…
        --- stderr
        scanned 2 inputs: 7 lines, 63 bytes
    "#]]
    .assert_eq(&render(&scan_in(dir.path(), &["a.log", "b.log"], b"")));
}

#[test]
fn folders_are_walked_in_name_order_skipping_hidden_and_binary_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let logs = dir.path().join("logs");
    std::fs::create_dir_all(logs.join("old")).expect("mkdir");
    std::fs::write(logs.join("b.log"), "APIG.0201\n").expect("write");
    std::fs::write(logs.join("old/a.log.gz"), gzip(b"APIG.0201\nAPIG.0201\n")).expect("write");
    std::fs::write(logs.join(".hidden.log"), "APIG.0201\n").expect("write");
    std::fs::write(logs.join("core.bin"), b"\x7fELF\0\0\0APIG.0201\n").expect("write");
    expect![[r#"
        exit 0
        --- stdout
        Known codes: 1 code on 3 lines
          3  APIG.0201  logs/b.log:1 … logs/old/a.log.gz:2
             Backend timeout.
             fix: Check whether the original API call requests are excessively frequent…
        --- stderr
        note: logs/core.bin: binary file skipped
        scanned 2 inputs: 3 lines, 30 bytes
    "#]]
    .assert_eq(&render(&scan_in(dir.path(), &["logs"], b"")));
}

#[test]
fn invalid_utf8_is_noted_and_codes_still_found() {
    check(
        &["latin1.log"],
        expect![[r#"
            exit 0
            --- stdout
            Known codes: 2 codes on 3 lines
              2  AIS.0101   lines 1–3
                 The input parameter is invalid.
                 fix: Check whether the input parameters are correct. Possible causes are a…
              1  APIG.0201  line 2
                 Backend timeout.
                 fix: Check whether the original API call requests are excessively frequent…
            --- stderr
            note: latin1.log:1: not valid UTF-8; codes are matched as bytes
            scanned 1 input: 3 lines, 71 bytes
        "#]],
    );
}

#[test]
fn a_binary_file_named_explicitly_is_scanned_with_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
    bytes.extend_from_slice(b"\nAIS.0102\n");
    bytes.extend((0..=255u8).rev().cycle().take(5000));
    std::fs::write(dir.path().join("dump.bin"), &bytes).expect("write");
    expect![[r#"
        exit 0
        --- stdout
        Known codes: 1 code on 1 line
          1  AIS.0102  line 22
             The image format is not supported.
             fix: Check the image format. For details about the image format supported …
        --- stderr
        note: dump.bin: binary data (NUL byte at offset 0); scanned as text
        note: dump.bin:2: not valid UTF-8; codes are matched as bytes
        scanned 1 input: 42 lines, 10,010 bytes
    "#]]
    .assert_eq(&render(&scan_in(dir.path(), &["dump.bin"], b"")));
}

#[test]
fn a_log_without_codes_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("quiet.log"), "all good\n").expect("write");
    expect![[r#"
        exit 1
        --- stdout
        no error codes found
        --- stderr
        scanned 1 input: 1 line, 9 bytes
    "#]]
    .assert_eq(&render(&scan_in(dir.path(), &["quiet.log"], b"")));
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    check(
        &["nope.log"],
        expect![[r#"
            exit 2
            --- stdout
            --- stderr
            error: nope.log: cannot scan: No such file or directory (os error 2)
        "#]],
    );
}

#[test]
fn catalogs_of_any_shape_work_with_the_built_in_one_left_out() {
    check(
        &["--no-builtin", "--catalog", "payments.md", "payments.log"],
        expect![[r#"
            exit 0
            --- stdout
            Known codes: 2 codes on 3 lines
              2  PAY-1001  lines 2–3  (1 by message)
                 Card declined by the issuer.
                 fix: Ask the customer for another card.
              1  PAY-2002  line 4  (1 by message)
                 Amount XX exceeds the daily limit.
                 fix: Split the payment or raise the limit.

            Unknown codes of known namespaces: 1 code on 1 line
              1  PAY-1999  line 5
            --- stderr
            scanned 1 input: 5 lines, 266 bytes
        "#]],
    );
}

/// A generated log, large enough to span many read chunks (and to be memory-mapped), with codes
/// and message-only lines at known places; scanned whole on one thread and split into parts on
/// three, from a map and through reads.
#[test]
fn generated_log_counts_match_what_was_written_on_any_number_of_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut log = String::new();
    let (mut throttled, mut timeouts, mut by_message, mut unknown) = (Vec::new(), Vec::new(), 0u64, 0u64);
    for line in 1..=60_000u64 {
        if line % 97 == 0 {
            log.push_str(&format!("{{\"error_code\":\"APIG.0308\",\"request\":{line}}}\n"));
            throttled.push(line);
        } else if line % 1013 == 0 {
            log.push_str("proxy: upstream answered Backend timeout.\n");
            timeouts.push(line);
            by_message += 1;
        } else if line % 4099 == 0 {
            log.push_str("backend said AIS.0190\n");
            unknown += 1;
        } else {
            log.push_str(&format!("2026-11-27 INFO request {line} completed in {} ms\n", line % 700));
        }
    }
    std::fs::write(dir.path().join("gen.log"), &log).expect("write");
    let expected = format!(
        "APIG.0308 {} {}..{}\nAPIG.0201 {} ({by_message} by message) {}..{}\nAIS.0190 {unknown}\n",
        throttled.len(),
        throttled[0],
        throttled[throttled.len() - 1],
        timeouts.len(),
        timeouts[0],
        timeouts[timeouts.len() - 1],
    );
    let ways: [&[&str]; 4] = [
        &["-j1"],
        &["-j3", "--split-above", "100000"],
        &["-j1", "--no-mmap"],
        &["-j3", "--split-above", "100000", "--no-mmap"],
    ];
    for args in ways {
        let mut all = vec!["--json", "gen.log"];
        all.extend(args);
        let output = scan_in(dir.path(), &all, b"");
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
        let mut got = String::new();
        for code in json["codes"].as_array().expect("codes") {
            let (name, count) = (code["code"].as_str().unwrap_or("?"), code["count"].as_u64().unwrap_or(0));
            let by_message = code["by_message"].as_u64().unwrap_or(0);
            let (first, last) =
                (code["first"]["line"].as_u64().unwrap_or(0), code["last"]["line"].as_u64().unwrap_or(0));
            got.push_str(&match (code["kind"].as_str(), by_message) {
                (Some("unknown"), _) => format!("{name} {count}\n"),
                (_, 0) => format!("{name} {count} {first}..{last}\n"),
                (_, n) => format!("{name} {count} ({n} by message) {first}..{last}\n"),
            });
        }
        assert_eq!(got, expected, "scan {args:?}");
        assert_eq!(json["inputs"][0]["lines"], 60_000, "scan {args:?}");
    }
}
