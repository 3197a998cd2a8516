//! `errcode-ls check` on files with matches over error codes, run as a CI job would run it.

use std::path::Path;
use std::process::{Command, Output};

use expect_test::expect_file;

/// Copies a fixture into a fresh folder (no `errcode.toml` above it) and runs `check` there.
fn check_fixture(fixture: &str, format: &str) -> Output {
    check_fixture_with(fixture, format, None)
}

/// The same, with `config` as the folder's `errcode.toml`.
fn check_fixture_with(fixture: &str, format: &str, config: Option<&str>) -> Output {
    let dir = tempfile::tempdir().expect("temporary folder");
    if let Some(config) = config {
        std::fs::write(dir.path().join("errcode.toml"), config).expect("write errcode.toml");
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/match").join(fixture);
    let name = source.file_name().expect("fixture has a name");
    std::fs::copy(&source, dir.path().join(name)).expect("copy fixture");
    Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        // A folder that does not exist: no user-level configuration is read.
        .env("XDG_CONFIG_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .current_dir(dir.path())
        .args(["check", "--format", format])
        .arg(name)
        .env("NO_COLOR", "1")
        .output()
        .expect("run errcode-ls")
}

#[test]
fn check_prints_unhandled_codes_as_text() {
    let output = check_fixture("python/match_case.py", "text");
    assert_eq!(output.status.code(), Some(1), "findings make `check` fail");
    expect_file!["fixtures/match/cli/match_case.text"].assert_eq(&String::from_utf8_lossy(&output.stdout));
}

#[test]
fn check_writes_sarif_2_1_0_with_fixes() {
    let output = check_fixture("go/switch.go", "sarif");
    assert_eq!(output.status.code(), Some(1), "findings make `check` fail");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let log: serde_json::Value = serde_json::from_str(&stdout).expect("SARIF output is JSON");
    assert_eq!(log["version"], "2.1.0");
    let stable = stdout.replace(env!("CARGO_PKG_VERSION"), "<version>");
    expect_file!["fixtures/match/cli/switch.go.sarif"].assert_eq(&stable);
}

#[test]
fn check_passes_a_retry_predicate() {
    let output = check_fixture("intent/predicate.go", "text");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stdout));
}

#[test]
fn check_reports_a_retry_predicate_when_completeness_is_always() {
    let output = check_fixture_with("intent/predicate.go", "text", Some("completeness = \"always\"\n"));
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("predicate.go:5:9: information[unhandled-codes]: 3 error codes not handled: AIS.0101, AIS.0102, AIS.0103"),
        "{stdout}"
    );
}

/// Runs `check --format json` on `files` (copied from `tests/fixtures/match/<folder>`) and
/// lists each finding as `path:line rule message`.
fn check_files(folder: &str, files: &[&str], checked: &[&str]) -> (Option<i32>, String) {
    check_files_with(folder, files, checked, None)
}

/// The same, with `config` as the folder's `errcode.toml`.
fn check_files_with(
    folder: &str,
    files: &[&str],
    checked: &[&str],
    config: Option<&str>,
) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("temporary folder");
    if let Some(config) = config {
        std::fs::write(dir.path().join("errcode.toml"), config).expect("write errcode.toml");
    }
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/match").join(folder);
    for file in files {
        std::fs::copy(source.join(file), dir.path().join(file)).expect("copy fixture");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        .env("XDG_CONFIG_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .args(checked)
        .output()
        .expect("run errcode-ls");
    let findings: Vec<serde_json::Value> =
        serde_json::from_slice(&output.stdout).expect("`check --format json` prints a JSON list");
    let lines: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{}:{} {} {}",
                f["path"].as_str().unwrap_or("?"),
                f["line"],
                f["rule"].as_str().unwrap_or("?"),
                f["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    (output.status.code(), lines.join("\n"))
}

#[test]
fn check_resolves_constants_declared_in_another_checked_file() {
    let (status, findings) = check_files("constants/cross", &["codes.ts", "handler.ts"], &["."]);
    assert_eq!(status, Some(1), "{findings}");
    expect_test::expect!["./handler.ts:4 unhandled-codes 2 error codes not handled: AIS.0104, AIS.0105"]
        .assert_eq(&findings);
}

#[test]
fn check_of_one_file_does_not_guess_what_names_declared_elsewhere_hold() {
    let (status, findings) = check_files("constants/cross", &["codes.ts", "handler.ts"], &["handler.ts"]);
    assert_eq!(status, Some(0), "{findings}");
    assert_eq!(findings, "");
}

/// A file holding a code of its own outside the construct that names constants declared in
/// another file: the names still resolve.
#[test]
fn check_resolves_names_in_a_file_that_also_holds_a_code() {
    let (status, findings) = check_files("constants/cross", &["codes.ts", "logged.ts"], &["."]);
    assert_eq!(status, Some(1), "{findings}");
    expect_test::expect!["./logged.ts:5 unhandled-codes 2 error codes not handled: AIS.0104, AIS.0105"]
        .assert_eq(&findings);
}

/// A file the configuration excludes is not reported on, but the constants it declares still
/// stand for their codes where other files name them.
#[test]
fn check_resolves_names_declared_in_an_excluded_file() {
    let (status, findings) = check_files_with(
        "constants/cross",
        &["codes.ts", "handler.ts"],
        &["."],
        Some("exclude = [\"codes.ts\"]\n"),
    );
    assert_eq!(status, Some(1), "{findings}");
    expect_test::expect!["./handler.ts:4 unhandled-codes 2 error codes not handled: AIS.0104, AIS.0105"]
        .assert_eq(&findings);
}

/// A file whose codes stand only in prose still gets its unknown codes and malformed
/// directives reported.
#[test]
fn check_reports_a_file_whose_codes_are_prose() {
    let (status, findings) = check_files("cli", &["mentions.py"], &["."]);
    assert_eq!(status, Some(1), "{findings}");
    expect_test::expect![[r#"
        ./mentions.py:1 unknown-code unknown error code `AIS.0199`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`?
        ./mentions.py:3 malformed-directive unknown `errcode:` directive `expect-all` (expected `ignore`, `ignore-code <codes>`, `expect <patterns>` or `exhaustive`)"#]]
    .assert_eq(&findings);
}

/// Files without a code are read again once a constant is known to be declared; among many,
/// the one naming it is still found, and reported in walk order.
#[test]
fn check_finds_names_among_many_files_without_a_code() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/match/constants/cross");
    std::fs::copy(source.join("codes.ts"), dir.path().join("codes.ts")).expect("copy fixture");
    for n in 0..100 {
        let text = if n % 40 == 7 {
            std::fs::read_to_string(source.join("handler.ts")).expect("fixture exists")
        } else {
            format!("export const limit{n} = {n};\n")
        };
        std::fs::write(dir.path().join(format!("m{n:03}.ts")), text).expect("write file");
    }
    let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        .env("XDG_CONFIG_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "."])
        .env("NO_COLOR", "1")
        .output()
        .expect("run errcode-ls");
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    expect_test::expect![[r#"
        ./m007.ts:4:11: warning[unhandled-codes]: 2 error codes not handled: AIS.0104, AIS.0105
        ./m047.ts:4:11: warning[unhandled-codes]: 2 error codes not handled: AIS.0104, AIS.0105
        ./m087.ts:4:11: warning[unhandled-codes]: 2 error codes not handled: AIS.0104, AIS.0105
    "#]]
    .assert_eq(&String::from_utf8_lossy(&output.stdout));
}
