//! `check` in a terminal: the default rendering (source line, underlined span, related codes,
//! fix), colour control, `--statistics`, `--fix` and `--fix-arms`, and the generated shell
//! completions and manual page. Each test copies fixtures from `tests/fixtures/terminal/` into
//! a temporary folder and runs the built binary there.

use std::path::Path;
use std::process::Command;

use expect_test::{Expect, expect};

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

/// A temporary folder holding copies of the named fixtures.
fn project(fixtures: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/terminal");
    for name in fixtures {
        std::fs::copy(source.join(name), dir.path().join(name)).expect("copy fixture");
    }
    dir
}

/// Runs the binary in `cwd` with no colour asked for and no user configuration; `env` adds or
/// removes (`None`) variables.
fn run(args: &[&str], cwd: &Path, env: &[(&str, Option<&str>)]) -> Run {
    let config_home = tempfile::tempdir().expect("temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_errcode-ls"));
    command.args(args).current_dir(cwd).env("XDG_CONFIG_HOME", config_home.path()).env("NO_COLOR", "1");
    command.env_remove("CLICOLOR_FORCE");
    for (key, value) in env {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    let output = command.output().expect("the binary runs");
    Run {
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        code: output.status.code().expect("exit code"),
    }
}

fn check(run: &Run, code: i32, stdout: Expect, stderr: Expect) {
    stdout.assert_eq(&run.stdout);
    stderr.assert_eq(&run.stderr);
    assert_eq!(run.code, code, "exit code; stderr: {}", run.stderr);
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read fixture copy")
}

#[test]
fn the_default_output_shows_the_line_the_span_the_related_codes_and_the_fix() {
    let dir = project(&["typo.py"]);
    check(
        &run(&["check", "typo.py"], dir.path(), &[]),
        1,
        expect![[r#"
            warning[unknown-code]: unknown error code `APIG.0380`; did you mean `APIG.0308`, `APIG.0301`, `APIG.0101`?
             --> typo.py:4:19
              |
            4 |     elif code == "APIG.0380":
              |                   ^^^^^^^^^
              |
              = note: APIG.0308: The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute.
              = note: APIG.0301: Incorrect IAM authentication information.
              = note: APIG.0101: The API does not exist or has not been published in the environment.
            help: Replace with APIG.0308 (applied by --fix)
              |
            4 -     elif code == "APIG.0380":
            4 +     elif code == "APIG.0308":
              |

        "#]],
        expect![[r#"
            1 problem in 1 file (1 checked)
        "#]],
    );
}

#[test]
fn an_unhandled_codes_finding_shows_the_arms_that_fix_arms_would_add() {
    let dir = project(&["switch.py"]);
    check(
        &run(&["check", "switch.py"], dir.path(), &[]),
        1,
        expect![[r#"
            warning[unhandled-codes]: 3 error codes not handled: AIS.0103, AIS.0104, AIS.0105
              --> switch.py:1:7
               |
             1 | match code:
               |       ^^^^
               |
               = note: AIS.0103: The image size does not meet the requirements.
               = note: AIS.0104: The image is not supported or the image quality is poor.
               = note: AIS.0105: Recognition failed.
            help: Add 3 missing arms (applied by --fix --fix-arms)
               |
             6 +     case "AIS.0103":
             7 +         # AIS.0103: The image size does not meet the requirements.
             8 +         raise NotImplementedError("error code AIS.0103")
             9 +     case "AIS.0104":
            10 +         # AIS.0104: The image is not supported or the image quality is poor.
            11 +         raise NotImplementedError("error code AIS.0104")
            12 +     case "AIS.0105":
            13 +         # AIS.0105: Recognition failed.
            14 +         raise NotImplementedError("error code AIS.0105")
               |

        "#]],
        expect![[r#"
            1 problem in 1 file (1 checked)
        "#]],
    );
}

#[test]
fn a_very_long_line_is_cut_around_the_finding_and_keeps_its_true_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    let line = format!("{} AIS.0199 {}\n", "x".repeat(100_000), "y".repeat(100_000));
    std::fs::write(dir.path().join("minified.js"), line).expect("write");
    let run = run(&["check", "minified.js"], dir.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(" --> minified.js:1:100002\n"), "{}", run.stdout);
    assert!(run.stdout.len() < 4_000, "the line was printed whole: {} bytes", run.stdout.len());
}

#[test]
fn concise_keeps_one_line_per_finding() {
    let dir = project(&["typo.py", "switch.py"]);
    check(
        &run(&["check", "--format", "concise", "."], dir.path(), &[]),
        1,
        expect![[r#"
            ./switch.py:1:7: warning[unhandled-codes]: 3 error codes not handled: AIS.0103, AIS.0104, AIS.0105
            ./typo.py:4:19: warning[unknown-code]: unknown error code `APIG.0380`; did you mean `APIG.0308`, `APIG.0301`, `APIG.0101`?
        "#]],
        expect![[r#"
            2 problems in 2 files (2 checked)
        "#]],
    );
}

#[test]
fn the_former_name_text_still_selects_the_one_line_format() {
    let dir = project(&["typo.py"]);
    let text = run(&["check", "--format", "text", "typo.py"], dir.path(), &[]);
    let concise = run(&["check", "--format", "concise", "typo.py"], dir.path(), &[]);
    assert_eq!(text.stdout, concise.stdout);
    assert_eq!(text.stdout.lines().count(), 1, "{}", text.stdout);
}

#[test]
fn color_always_styles_a_pipe_and_no_color_turns_auto_off() {
    let dir = project(&["typo.py"]);
    let always = run(&["check", "--color", "always", "typo.py"], dir.path(), &[]);
    assert!(always.stdout.contains("\x1b["), "no escape codes: {}", always.stdout);
    let auto_no_color = run(&["check", "typo.py"], dir.path(), &[("CLICOLOR_FORCE", Some("1"))]);
    assert!(!auto_no_color.stdout.contains("\x1b["), "NO_COLOR ignored: {}", auto_no_color.stdout);
    let never = run(
        &["check", "--color", "never", "typo.py"],
        dir.path(),
        &[("NO_COLOR", None), ("CLICOLOR_FORCE", Some("1"))],
    );
    assert!(!never.stdout.contains("\x1b["), "--color never ignored: {}", never.stdout);
    assert_eq!(never.stdout, auto_no_color.stdout);
}

#[test]
fn statistics_count_findings_per_rule_and_code() {
    let dir = project(&["typo.py", "switch.py", "unclear.ts", "run.log"]);
    check(
        &run(&["check", "--statistics", "."], dir.path(), &[]),
        1,
        expect![[r#"
            1  unhandled-codes  AIS.0103
            1  unhandled-codes  AIS.0104
            1  unhandled-codes  AIS.0105
            1  unknown-code     AIS.0199
            1  unknown-code     APIG.0380
            1  unknown-code     ModelArts.4430
        "#]],
        expect![[r#"
            4 problems in 4 files (4 checked)
        "#]],
    );
}

#[test]
fn fix_replaces_clear_typos_only_and_reports_what_is_left() {
    let dir = project(&["typo.py", "switch.py", "unclear.ts"]);
    let unclear = read(dir.path(), "unclear.ts");
    let switch = read(dir.path(), "switch.py");
    check(
        &run(&["check", "--fix", "--format", "concise", "."], dir.path(), &[]),
        1,
        expect![[r#"
            ./switch.py:1:7: warning[unhandled-codes]: 3 error codes not handled: AIS.0103, AIS.0104, AIS.0105
            ./unclear.ts:2:12: warning[unknown-code]: unknown error code `AIS.0199`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`?
        "#]],
        expect![[r#"
            fixed ./typo.py: Replace with APIG.0308
            1 fix applied in 1 file
            2 problems in 2 files (3 checked)
        "#]],
    );
    expect![[r#"
        def handle(code):
            if code == "AIS.0101":
                return retry()
            elif code == "APIG.0308":
                return backoff()
    "#]]
    .assert_eq(&read(dir.path(), "typo.py"));
    assert_eq!(read(dir.path(), "unclear.ts"), unclear, "no clear winner: left alone");
    assert_eq!(read(dir.path(), "switch.py"), switch, "arms are added only with --fix-arms");
}

#[test]
fn fix_arms_adds_the_missing_arms_and_the_file_then_checks_clean() {
    let dir = project(&["switch.py"]);
    check(
        &run(&["check", "--fix", "--fix-arms", "switch.py"], dir.path(), &[]),
        0,
        expect![""],
        expect![[r#"
            fixed switch.py: Add 3 missing arms
            1 fix applied in 1 file
            no problems in 1 file
        "#]],
    );
    expect![[r#"
        match code:
            case "AIS.0101":
                pass
            case "AIS.0102":
                pass
            case "AIS.0103":
                # AIS.0103: The image size does not meet the requirements.
                raise NotImplementedError("error code AIS.0103")
            case "AIS.0104":
                # AIS.0104: The image is not supported or the image quality is poor.
                raise NotImplementedError("error code AIS.0104")
            case "AIS.0105":
                # AIS.0105: Recognition failed.
                raise NotImplementedError("error code AIS.0105")
    "#]]
    .assert_eq(&read(dir.path(), "switch.py"));
}

#[test]
fn fix_leaves_a_file_that_is_not_valid_utf8_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = b"caf\xe9 = \"APIG.0380\"\n";
    std::fs::write(dir.path().join("latin1.py"), bytes).expect("write");
    let run = run(&["check", "--fix", "--format", "concise", "latin1.py"], dir.path(), &[]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("latin1.py: the file changed since it was read, or is not valid UTF-8; not fixed"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(dir.path().join("latin1.py")).expect("read"), bytes);
}

#[test]
fn fix_arms_without_fix_is_a_usage_error() {
    let dir = project(&["switch.py"]);
    let run = run(&["check", "--fix-arms", "switch.py"], dir.path(), &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--fix"), "{}", run.stderr);
}

#[test]
fn completions_are_generated_for_each_shell_from_the_command_line_definition() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (shell, marker) in
        [("bash", "complete -F"), ("zsh", "#compdef errcode-ls"), ("fish", "complete -c errcode-ls")]
    {
        let run = run(&["completions", shell], dir.path(), &[]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("fix-arms"), "{shell} script lacks check's flags");
    }
}

#[test]
fn the_manual_page_is_roff_naming_the_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = run(&["man"], dir.path(), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains(".TH errcode-ls 1"), "{}", run.stdout);
    for command in ["explain", "check", "scan", "completions"] {
        assert!(run.stdout.contains(command), "the manual page does not name `{command}`");
    }
}
