//! End-to-end tests of the command line: they run the built binary as a user would, in
//! temporary folders, and compare what it prints with the expected text.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use expect_test::{Expect, expect};

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn errcode_ls(args: &[&str], cwd: &Path) -> Run {
    errcode_ls_with_stdin(args, cwd, "")
}

fn errcode_ls_with_stdin(args: &[&str], cwd: &Path, stdin: &str) -> Run {
    // No user-level configuration: the real home folder is never read.
    let config_home = tempfile::tempdir().expect("temp dir");
    errcode_ls_in(args, cwd, stdin, config_home.path())
}

/// Runs the binary with `config_home` as `XDG_CONFIG_HOME`.
fn errcode_ls_in(args: &[&str], cwd: &Path, stdin: &str, config_home: &Path) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        .args(args)
        .current_dir(cwd)
        .env("XDG_CONFIG_HOME", config_home)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin is written");
    let output = child.wait_with_output().expect("the binary runs");
    Run {
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        code: output.status.code().unwrap_or(-1),
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// A temporary folder with the given files.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, content).expect("write");
    }
    dir
}

fn check_output(run: &Run, code: i32, stdout: Expect, stderr: Expect) {
    stdout.assert_eq(&run.stdout);
    stderr.assert_eq(&run.stderr);
    assert_eq!(run.code, code, "exit code; stderr: {}", run.stderr);
}

#[test]
fn version_names_the_program() {
    let run = errcode_ls(&["--version"], &repo());
    assert_eq!(run.stdout, format!("errcode-ls {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(run.code, 0);
}

#[test]
fn explain_prints_the_full_card() {
    let run = errcode_ls(&["explain", "AIS.0101"], &repo());
    check_output(
        &run,
        0,
        expect![[r#"
            AIS.0101 — The input parameter is invalid.
              Category  OCR
              Catalog   Huawei Cloud OCR (builtin:huawei-cloud-ocr.rst:31)

            Description
              The input parameter does not meet the requirements.

            Solution
              Check whether the input parameters are correct. Possible causes are as
              follows:

              - Both image and url set, or the value format is incorrect.
              - true or false is incorrectly spelled.
              - Incorrect characters are included in the parameter value.

              For details about the parameter value format, see the request parameter
              description of each API.
        "#]],
        expect![""],
    );
}

#[test]
fn explain_several_codes_with_lists_in_description() {
    let run = errcode_ls(&["explain", "APIG.0301", "ModelArts.4204"], &repo());
    check_output(
        &run,
        0,
        expect![[r#"
            APIG.0301 — Incorrect IAM authentication information.
              Category  APIG
              Catalog   Huawei Cloud OCR (builtin:huawei-cloud-ocr.rst:114)

            Description
              The IAM authentication information is incorrect.

              - decrypt token fail: The token fails to be parsed.
              - token expires: The token has expired.
              - x-auth-token not found: The x-auth-token parameter is not found.

            Solution
              - If the token fails to be parsed, check the method for obtaining the token,
                whether the request body is correct, whether the token is correct, and
                whether the environment for obtaining the token is the same as the
                environment for calling the token.
              - If the token expires, obtain a new token that is valid permanently.
              - Check whether the spelling of X-Auth-Token in the request header is
                correct.

            ModelArts.4204 — Request api error! The API XXX is not subscribed.
              Category  Platform
              Catalog   Huawei Cloud OCR (builtin:huawei-cloud-ocr.rst:67)

            Description
              Failed to request the service because the service has not been subscribed.

            Solution
              - Go to the OCR console, select an appropriate region, and subscribe to the
                API you need.
              - If the service has been subscribed to, check whether the region (or account)
                where the service is subscribed to is the same as the region (or account)
                where the service is called. If they are the same, check whether the URL of
                the API is spelled correctly.
        "#]],
        expect![""],
    );
}

#[test]
fn explain_an_unknown_code_fails_with_did_you_mean() {
    let run = errcode_ls(&["explain", "APIG.0380"], &repo());
    check_output(
        &run,
        1,
        expect![""],
        expect![[r#"
            error: unknown error code `APIG.0380`; did you mean `APIG.0308`, `APIG.0301`, `APIG.0101`?
        "#]],
    );
}

#[test]
fn explain_json_uses_the_native_schema() {
    let run = errcode_ls(&["explain", "--json", "ModelArts.4401"], &repo());
    check_output(
        &run,
        0,
        expect![[r#"
            [
              {
                "code": "ModelArts.4401",
                "category": "Platform",
                "message": "Max concurrency error.",
                "description": "The number of concurrent requests exceeds the upper limit.",
                "solution": "Contact technical support.",
                "catalog": "Huawei Cloud OCR",
                "source": {
                  "file": "builtin:huawei-cloud-ocr.rst",
                  "line": 74,
                  "column": 17
                }
              }
            ]
        "#]],
        expect![""],
    );
}

#[test]
fn codes_lists_the_builtin_catalog() {
    let run = errcode_ls(&["codes"], &repo());
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 37);
    expect![[r#"
        AIS.0101        OCR       The input parameter is invalid.
        AIS.0102        OCR       The image format is not supported.
    "#]]
    .assert_eq(&run.stdout.lines().take(2).map(|l| format!("{l}\n")).collect::<String>());
}

#[test]
fn codes_filters_by_namespace() {
    let run = errcode_ls(&["codes", "--namespace", "APIG"], &repo());
    check_output(
        &run,
        0,
        expect![[r#"
            APIG.0101  APIG  The API does not exist or has not been published in the environment.
            APIG.0201  APIG  Backend timeout.
            APIG.0301  APIG  Incorrect IAM authentication information.
            APIG.0308  APIG  The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute.
        "#]],
        expect![""],
    );
}

#[test]
fn codes_json_round_trips_as_a_catalog() {
    let dir = folder(&[]);
    let first = errcode_ls(&["codes", "--json"], dir.path());
    assert_eq!(first.code, 0, "{}", first.stderr);
    std::fs::write(dir.path().join("export.json"), &first.stdout).expect("write export");
    let again = errcode_ls(&["codes", "--json", "--no-builtin", "--catalog", "export.json"], dir.path());
    assert_eq!(again.code, 0, "{}", again.stderr);
    let strip = |json: &str| {
        let mut value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        value.as_object_mut().expect("object").remove("name");
        for code in value["codes"].as_array_mut().expect("codes") {
            let code = code.as_object_mut().expect("entry");
            code.remove("catalog");
            code.remove("source");
        }
        value
    };
    assert_eq!(strip(&first.stdout), strip(&again.stdout));
}

#[test]
fn user_catalogs_of_every_format_load_next_to_the_builtin_one() {
    let catalogs = fixtures().join("catalogs");
    let run = errcode_ls(
        &[
            "explain",
            "PAY-1002",
            "SVCSTG.OBS.4001",
            "ModelArts.81102",
            "--catalog",
            "payments.md",
            "--catalog",
            "storage.toml",
            "--catalog",
            "sections.rst",
        ],
        &catalogs,
    );
    check_output(
        &run,
        0,
        expect![[r#"
            PAY-1002 — Card expired.
              HTTP status  402
              Category     Cards
              Catalog      Payments API (payments.md:10)

            Description
              The card's expiry date has passed.

            Solution
              - Ask for a new card.
              - Or update the expiry date.

            SVCSTG.OBS.4001 — Bucket not found.
              HTTP status  404
              Category     Buckets
              Catalog      Object Storage (storage.toml:5)

            Description
              The bucket does not exist in this region.

            Solution
              - Check the bucket name.
              - Check the region.

            ModelArts.81102 — Token rejected.
              HTTP status  401
              Category     Gateway
              Catalog      Model Serving Error Codes (sections.rst:21)

            Solution
              1. Check token.
              2. Renew it.
        "#]],
        expect![""],
    );
}

#[test]
fn a_broken_catalog_is_reported_and_the_rest_still_loads() {
    let catalogs = fixtures().join("catalogs");
    let run = errcode_ls(
        &["explain", "BRK.0004", "AIS.0105", "--catalog", "broken.rst", "--catalog", "missing.md"],
        &catalogs,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("BRK.0004 — Fine after all."), "{}", run.stdout);
    assert!(run.stdout.contains("AIS.0105 — Recognition failed."), "{}", run.stdout);
    let stderr = run.stderr.replace(&catalogs.display().to_string(), "<dir>");
    expect![[r#"
        warning: broken.rst:14: malformed table: cells do not close into a rectangle (a `|` or `+` is misplaced)
        warning: missing.md: cannot read catalog: No such file or directory (os error 2)
    "#]]
    .assert_eq(&stderr);
}

#[test]
fn check_reports_unknown_codes_with_suggestions_and_exits_1() {
    let dir = folder(&[
        ("src/client.py", b"if code == \"AIS.0101\":\n    pass\nelif code == \"APIG.0380\":\n    pass\n"),
        ("src/ok.go", b"// AIS.0102 is handled elsewhere\n"),
    ]);
    let run = errcode_ls(&["check", "--format", "concise"], dir.path());
    check_output(
        &run,
        1,
        expect![[r#"
            ./src/client.py:3:15: warning[unknown-code]: unknown error code `APIG.0380`; did you mean `APIG.0308`, `APIG.0301`, `APIG.0101`?
        "#]],
        expect![[r#"
            1 problem in 1 file (2 checked)
        "#]],
    );
}

#[test]
fn check_columns_count_characters_after_cjk_and_emoji() {
    let dir = folder(&[("notes.txt", "错误😀: AIS.0199\r\nok AIS.0101\r\n".as_bytes())]);
    let run = errcode_ls(&["check", "--format", "concise", "notes.txt"], dir.path());
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("notes.txt:1:6: warning[unknown-code]"), "{}", run.stdout);
}

#[test]
fn check_clean_files_exit_0() {
    let dir = folder(&[("a.rs", b"const INVALID_INPUT: &str = \"AIS.0101\";\n")]);
    let run = errcode_ls(&["check", "a.rs"], dir.path());
    check_output(
        &run,
        0,
        expect![""],
        expect![[r#"
        no problems in 1 file
    "#]],
    );
}

#[test]
fn check_json_lists_findings_with_ranges() {
    let dir = folder(&[("x.log", b"error_code=ModelArts.4430\n")]);
    let run = errcode_ls(&["check", "--format", "json", "x.log"], dir.path());
    check_output(
        &run,
        1,
        expect![[r#"
            [
              {
                "path": "x.log",
                "line": 1,
                "column": 12,
                "end_line": 1,
                "end_column": 26,
                "rule": "unknown-code",
                "severity": "warning",
                "message": "unknown error code `ModelArts.4430`; did you mean `ModelArts.4403`, `ModelArts.4103`, `ModelArts.4203`?",
                "related_codes": [
                  "ModelArts.4403",
                  "ModelArts.4103",
                  "ModelArts.4203"
                ]
              }
            ]
        "#]],
        expect![""],
    );
}

#[test]
fn check_honours_gitignore_and_skips_binary_files() {
    let dir = folder(&[
        (".gitignore", b"generated/\n"),
        ("generated/out.txt", b"AIS.0199\n"),
        ("image.bin", b"\x00\x01AIS.0199\x00"),
        ("bad-utf8.txt", b"caf\xe9 AIS.0198\n"),
    ]);
    std::fs::create_dir(dir.path().join(".git")).expect("mark as repository");
    let run = errcode_ls(&["check", "--format", "concise"], dir.path());
    check_output(
        &run,
        1,
        expect![[r#"
            ./bad-utf8.txt:1:6: warning[unknown-code]: unknown error code `AIS.0198`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`?
        "#]],
        expect![[r#"
            warning: ./bad-utf8.txt: not valid UTF-8; read with replacement characters
            1 problem in 1 file (1 checked)
        "#]],
    );
}

#[test]
fn errcode_toml_adds_catalogs_and_configures_rules() {
    let payments = std::fs::read(fixtures().join("catalogs/payments.md")).expect("fixture");
    let dir = folder(&[
        (
            "errcode.toml",
            b"catalogs = [\"docs/payments.md\"]\nbuiltin = false\nignore-codes = [\"PAY-9*\"]\nexclude = [\"vendor/**\"]\n\n[rules]\nunknown-code = \"error\"\n",
        ),
        ("docs/payments.md", &payments),
        // Three catalog codes among a typo, an ignored code and a code of no configured catalog:
        // a handler of the project's catalog (were most of its labels not the catalog's, it
        // would not be one).
        (
            "src/app.ts",
            b"switch (code) { case 'PAY-1001': case 'PAY-1002': case 'PAY-1003': case 'PAY-1009': case 'PAY-9000': case 'AIS.0199': }\n",
        ),
        ("vendor/lib.ts", b"'PAY-1008'\n"),
    ]);
    let run = errcode_ls(&["check", "--format", "concise", "src"], dir.path());
    check_output(
        &run,
        1,
        expect![[r#"
            src/app.ts:1:9: warning[unhandled-codes]: 2 error codes not handled: PAY-2001, PAY-2002
            src/app.ts:1:74: error[unknown-code]: unknown error code `PAY-1009`; did you mean `PAY-1001`, `PAY-1002`, `PAY-1003`?
        "#]],
        expect![[r#"
            2 problems in 1 file (1 checked)
        "#]],
    );
    let everything = errcode_ls(&["check"], dir.path());
    assert!(!everything.stdout.contains("vendor"), "excluded folder was checked: {}", everything.stdout);
}

#[test]
fn a_config_with_wrong_types_names_file_line_and_key() {
    let dir = folder(&[("errcode.toml", b"builtin = \"no\"\n[rules]\nunknown-code = 3\n")]);
    let run = errcode_ls(&["explain", "AIS.0101"], dir.path());
    assert_eq!(run.code, 0, "the defaults stand: {}", run.stderr);
    let stderr = run.stderr.replace(&dir.path().display().to_string(), "<dir>");
    expect![[r#"
        warning: <dir>/errcode.toml:1: `builtin`: expected true or false; the default is used
        warning: <dir>/errcode.toml:3: `rules.unknown-code`: expected a severity string; the default is used
    "#]]
    .assert_eq(&stderr);
}

#[test]
fn the_server_entry_points_are_reserved_for_the_language_server() {
    let run = errcode_ls_with_stdin(&["--help"], &repo(), "");
    assert!(run.stdout.contains("With no command (or `lsp`, or `--stdio`) it runs the language server"));
}

#[test]
fn explain_prints_every_variant_of_a_code_listed_once_per_module() {
    let catalogs = fixtures().join("catalogs");
    let run =
        errcode_ls(&["explain", "JOB.1001", "--no-builtin", "--catalog", "repeated-codes.rst"], &catalogs);
    check_output(
        &run,
        0,
        expect![[r#"
        JOB.1001 (variant 1 of 3) — The job name is invalid.
          HTTP status  400
          Category     Training
          Catalog      Job Service Error Codes (repeated-codes.rst:10)

        Solution
          Use letters, digits and hyphens.

        JOB.1001 (variant 2 of 3) — The notebook name is invalid.
          HTTP status  400
          Category     Notebook
          Catalog      Job Service Error Codes (repeated-codes.rst:12)

        Solution
          Use at most 64 characters.

        JOB.1001 (variant 3 of 3) — The job name does not exist.
          HTTP status  404
          Category     Inference
          Catalog      Job Service Error Codes (repeated-codes.rst:14)

        Solution
          Check the name of the service.
    "#]],
        expect![[r#""#]],
    );
}

#[test]
fn codes_json_keeps_the_http_status_and_every_variant() {
    let catalogs = fixtures().join("catalogs");
    let run = errcode_ls(
        &[
            "codes",
            "--json",
            "--no-builtin",
            "--catalog",
            "status-prose.rst",
            "--catalog",
            "repeated-codes.rst",
        ],
        &catalogs,
    );
    check_output(
        &run,
        0,
        expect![[r#"
        {
          "name": "Object Gateway Error Codes + Job Service Error Codes",
          "codes": [
            {
              "code": "OGW.0301",
              "category": "Object Gateway Error Codes",
              "message": "The bucket moved.",
              "description": "The bucket is served by another endpoint.",
              "solution": "Send the request to the endpoint in the `Location` header.",
              "status": "301 Moved Permanently",
              "catalog": "Object Gateway Error Codes",
              "source": {
                "file": "status-prose.rst",
                "line": 9,
                "column": 27
              }
            },
            {
              "code": "OGW.0400",
              "category": "Object Gateway Error Codes",
              "message": "The request is malformed.",
              "description": "A parameter is missing or invalid.",
              "solution": "Check the request parameters.",
              "status": "400 Bad Request",
              "catalog": "Object Gateway Error Codes",
              "source": {
                "file": "status-prose.rst",
                "line": 11,
                "column": 27
              }
            },
            {
              "code": "OGW.0401",
              "category": "Object Gateway Error Codes",
              "message": "The body is not JSON.",
              "description": "The request body cannot be parsed.",
              "solution": "Send a JSON body.",
              "status": "400 Bad Request",
              "catalog": "Object Gateway Error Codes",
              "source": {
                "file": "status-prose.rst",
                "line": 13,
                "column": 27
              }
            },
            {
              "code": "OGW.0404",
              "category": "Object Gateway Error Codes",
              "message": "The object does not exist.",
              "description": "",
              "solution": "Check the object key.",
              "status": "404 Not Found",
              "catalog": "Object Gateway Error Codes",
              "source": {
                "file": "status-prose.rst",
                "line": 15,
                "column": 27
              }
            },
            {
              "code": "OGW.0409",
              "category": "Object Gateway Error Codes",
              "message": "The bucket name is taken.",
              "description": "",
              "solution": "",
              "status": "409 Conflict",
              "catalog": "Object Gateway Error Codes",
              "source": {
                "file": "status-prose.rst",
                "line": 23,
                "column": 18
              }
            },
            {
              "code": "OGW.0503",
              "category": "Object Gateway Error Codes",
              "message": "The service is busy.",
              "description": "",
              "solution": "",
              "status": "503",
              "catalog": "Object Gateway Error Codes",
              "source": {
                "file": "status-prose.rst",
                "line": 25,
                "column": 18
              }
            },
            {
              "code": "JOB.1001",
              "category": "Training",
              "message": "The job name is invalid.",
              "description": "",
              "solution": "Use letters, digits and hyphens.",
              "status": "400",
              "catalog": "Job Service Error Codes",
              "source": {
                "file": "repeated-codes.rst",
                "line": 10,
                "column": 17
              }
            },
            {
              "code": "JOB.1001",
              "category": "Notebook",
              "message": "The notebook name is invalid.",
              "description": "",
              "solution": "Use at most 64 characters.",
              "status": "400",
              "catalog": "Job Service Error Codes",
              "source": {
                "file": "repeated-codes.rst",
                "line": 12,
                "column": 17
              }
            },
            {
              "code": "JOB.1001",
              "category": "Inference",
              "message": "The job name does not exist.",
              "description": "",
              "solution": "Check the name of the service.",
              "status": "404",
              "catalog": "Job Service Error Codes",
              "source": {
                "file": "repeated-codes.rst",
                "line": 14,
                "column": 17
              }
            },
            {
              "code": "JOB.2001",
              "category": "Training",
              "message": "Access denied.",
              "description": "",
              "solution": "Ask for the job permission.",
              "status": "403",
              "catalog": "Job Service Error Codes",
              "source": {
                "file": "repeated-codes.rst",
                "line": 16,
                "column": 17
              }
            },
            {
              "code": "JOB.3001",
              "category": "Training",
              "message": "Internal error.",
              "description": "",
              "solution": "Retry later.",
              "status": "500",
              "catalog": "Job Service Error Codes",
              "source": {
                "file": "repeated-codes.rst",
                "line": 20,
                "column": 17
              }
            }
          ]
        }
    "#]],
        expect![[r#""#]],
    );
}

#[test]
fn unknown_columns_are_information_and_tables_without_codes_warnings() {
    let catalogs = fixtures().join("catalogs");
    let run = errcode_ls(&["codes", "--no-builtin", "--catalog", "roles-synonyms.rst"], &catalogs);
    check_output(
        &run,
        0,
        expect![[r#"
        SGW.0001  Gateway       Invalid token.
        SGW.0101  Client error  Bucket not found.
        SGW.0201  Objects       Object locked.
        SGW.0301  Quota         Quota exceeded.
    "#]],
        expect![[r#"
        warning: roles-synonyms.rst:47: table without an error-code column is skipped; its header reads `Error Type` (category), `Response Code` (HTTP status), `Description` (description)
        information: roles-synonyms.rst:9: column `Remarks` is not a known header; its cells are kept as an extra field
    "#]],
    );
}
