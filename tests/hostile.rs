//! Hostile and broken input to the command line: each is answered clearly and loses nothing.

use std::path::Path;
use std::process::Command;

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn errcode_ls(args: &[&str], cwd: &Path) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        // A folder that does not exist: no user-level configuration is read.
        .env("XDG_CONFIG_HOME", std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-user-config"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

fn folder(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write");
    }
    dir
}

#[test]
fn a_ten_megabyte_single_line_is_checked() {
    let mut line = "x".repeat(10 * 1024 * 1024);
    line.push_str(" AIS.0199\n");
    let dir = folder(&[("huge.txt", line.into_bytes())]);
    let run = errcode_ls(&["check", "--format", "concise", "huge.txt"], dir.path());
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.starts_with("huge.txt:1:10485762: warning[unknown-code]"), "{}", run.stdout);
}

#[test]
fn a_binary_catalog_is_reported_and_the_builtin_one_still_loads() {
    let dir = folder(&[("garbage.rst", vec![0, 159, 146, 150, 255, 0, 1, 2])]);
    let run = errcode_ls(&["explain", "AIS.0101", "--catalog", "garbage.rst"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("AIS.0101 — The input parameter is invalid."));
    assert_eq!(
        run.stderr,
        "warning: garbage.rst: no error-code table found (a table needs a column named `Code` or `Error Code`)\n"
    );
}

#[test]
fn a_catalog_with_invalid_utf8_is_read_lossily() {
    let mut table = b"| Code | Message |\n|---|---|\n| X-0001 | caf".to_vec();
    table.extend([0xe9, b' ', b'|', b'\n']);
    let dir = folder(&[("latin1.md", table)]);
    let run = errcode_ls(&["explain", "X-0001", "--no-builtin", "--catalog", "latin1.md"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("X-0001 — caf\u{fffd}"), "{}", run.stdout);
}

#[test]
fn a_binary_configuration_file_keeps_the_defaults() {
    let dir = folder(&[("errcode.toml", vec![0, 1, 2, 0xff, b'=', b'['])]);
    let run = errcode_ls(&["explain", "AIS.0101"], dir.path());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("errcode.toml:1:"), "{}", run.stderr);
    assert!(run.stderr.contains("using the defaults"), "{}", run.stderr);
}

#[test]
fn checking_a_missing_path_is_a_clear_error() {
    let dir = folder(&[]);
    let run = errcode_ls(&["check", "nowhere"], dir.path());
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: nowhere: no such file or folder\n");
}

#[test]
fn an_unknown_command_line_flag_is_a_usage_error() {
    let dir = folder(&[]);
    let run = errcode_ls(&["explain", "--colour"], dir.path());
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unexpected argument '--colour'"), "{}", run.stderr);
}
