//! `errcode-ls catalog diff` and `errcode-ls catalog import` end to end, on
//! `tests/fixtures/catalog_io/`: a vendored catalog (`errors.json`), the docs page it came from
//! after an update (`payments.md`), a second document (`disputes.rst`) and a broken one. URLs
//! are served by an HTTP server the test starts on 127.0.0.1; every run has its own cache and
//! configuration folders.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{Expect, expect};
use support::http_server::{Reply, Server};

struct Dir {
    dir: tempfile::TempDir,
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Dir {
    fn new() -> Dir {
        let dir = Dir { dir: tempfile::tempdir().expect("a temporary folder") };
        for name in ["errors.json", "payments.md", "disputes.rst", "broken.json"] {
            std::fs::copy(fixtures().join(name), dir.path().join(name)).expect("copy a fixture");
        }
        dir
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
            .args(args)
            .current_dir(self.path())
            .env("XDG_CONFIG_HOME", self.path().join(".config"))
            .env("XDG_CACHE_HOME", self.path().join(".cache"))
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        let scrub = |bytes: &[u8]| scrub(&String::from_utf8_lossy(bytes));
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: scrub(&output.stdout),
            stderr: scrub(&output.stderr),
        }
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path().join(name)).unwrap_or_else(|_| "(missing)".into())
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/catalog_io")
}

/// Ports and dates change from run to run.
fn scrub(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut line = line.to_owned();
        if let Some(i) = line.find("127.0.0.1:") {
            let start = i + "127.0.0.1:".len();
            let digits = line[start..].bytes().take_while(u8::is_ascii_digit).count();
            line.replace_range(start..start + digits, "PORT");
        }
        if let Some(end) = line.find(" UTC")
            && end >= 16
        {
            line.replace_range(end - 16..end, "DATE");
        }
        out.push_str(&line);
    }
    out
}

fn check(run: &Run, code: i32, stdout: Expect, stderr: Expect) {
    stdout.assert_eq(&run.stdout);
    stderr.assert_eq(&run.stderr);
    assert_eq!(run.code, code, "exit code");
}

#[test]
fn diff_shows_added_removed_and_changed_codes_and_exits_1() {
    let dir = Dir::new();
    check(
        &dir.run(&["catalog", "diff", "errors.json", "payments.md"]),
        1,
        expect![[r#"
            --- errors.json (3 codes, version 2026-10)
            +++ payments.md (3 codes)
            added    PAY.2002  Refund window closed.
            removed  PAY.1002  Card expired.
            changed  PAY.2001  solution
                solution:
                  - Refund at most the captured amount.
                  + Refund at most the captured amount, or split the refund.
            1 added, 1 removed, 1 changed
        "#]],
        expect![""],
    );
}

#[test]
fn diff_as_json_lists_whole_entries_and_changed_fields() {
    let dir = Dir::new();
    let run = dir.run(&["catalog", "diff", "--json", "errors.json", "payments.md"]);
    check(
        &run,
        1,
        expect![[r#"
            {
              "added": [
                {
                  "category": "Refunds",
                  "code": "PAY.2002",
                  "description": "",
                  "message": "Refund window closed.",
                  "solution": "Refunds are accepted for 180 days after capture."
                }
              ],
              "changed": [
                {
                  "code": "PAY.2001",
                  "fields": {
                    "solution": {
                      "new": "Refund at most the captured amount, or split the refund.",
                      "old": "Refund at most the captured amount."
                    }
                  }
                }
              ],
              "new": {
                "codes": 3,
                "source": "payments.md",
                "version": null
              },
              "old": {
                "codes": 3,
                "source": "errors.json",
                "version": "2026-10"
              },
              "removed": [
                {
                  "category": "Cards",
                  "code": "PAY.1002",
                  "description": "",
                  "message": "Card expired.",
                  "solution": "Ask for a card that has not expired."
                }
              ]
            }
        "#]],
        expect![""],
    );
}

#[test]
fn diff_of_the_same_codes_in_two_formats_is_empty_and_exits_0() {
    let dir = Dir::new();
    let imported = dir.run(&["catalog", "import", "payments.md", "--out", "payments.toml"]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    check(
        &dir.run(&["catalog", "diff", "payments.md", "payments.toml"]),
        0,
        expect![[r#"
            --- payments.md (3 codes)
            +++ payments.toml (3 codes)
            no differences
        "#]],
        expect![""],
    );
}

#[test]
fn diff_with_a_missing_side_is_an_error_not_a_diff() {
    let dir = Dir::new();
    check(
        &dir.run(&["catalog", "diff", "errors.json", "nowhere.md"]),
        2,
        expect![""],
        expect![[r#"
            error: nowhere.md: cannot read catalog: No such file or directory (os error 2)
        "#]],
    );
}

#[test]
fn a_url_is_read_from_the_cache_and_fetched_only_with_fetch() {
    let dir = Dir::new();
    let page = std::fs::read_to_string(fixtures().join("payments.md")).expect("fixture");
    let mut server = Server::start(move |_| Reply::ok("text/markdown", page.clone()));
    let url = server.url("/docs/payments.md");
    check(
        &dir.run(&["catalog", "diff", "errors.json", &url]),
        2,
        expect![""],
        expect![[r#"
            error: http://127.0.0.1:PORT/docs/payments.md: not fetched yet; `--fetch` fetches it (or `errcode-ls catalog update` when `errcode.toml` names it)
        "#]],
    );
    assert!(server.requests().is_empty(), "nothing fetched without --fetch");
    let fetched = dir.run(&["catalog", "diff", "--fetch", "errors.json", &url]);
    assert_eq!((fetched.code, fetched.stderr.as_str()), (1, ""));
    assert!(fetched.stdout.contains("1 added, 1 removed, 1 changed"), "{}", fetched.stdout);
    assert_eq!(server.requests().len(), 1);
    // Without --fetch again, the cached copy is used, with a note saying from when.
    let cached = dir.run(&["catalog", "diff", "errors.json", &url]);
    assert_eq!(cached.stdout, fetched.stdout.clone());
    check(
        &cached,
        1,
        expect![[r#"
            --- errors.json (3 codes, version 2026-10)
            +++ http://127.0.0.1:PORT/docs/payments.md (3 codes)
            added    PAY.2002  Refund window closed.
            removed  PAY.1002  Card expired.
            changed  PAY.2001  solution
                solution:
                  - Refund at most the captured amount.
                  + Refund at most the captured amount, or split the refund.
            1 added, 1 removed, 1 changed
        "#]],
        expect![[r#"
            note: http://127.0.0.1:PORT/docs/payments.md: using the cached copy from DATE UTC (`errcode-ls catalog update` refreshes it)
        "#]],
    );
    assert_eq!(server.requests().len(), 1, "the cached copy was read, not the server");
    server.stop();
}

#[test]
fn import_merges_sources_into_toml_and_reports_what_it_could_not_keep() {
    let dir = Dir::new();
    check(
        &dir.run(&[
            "catalog",
            "import",
            "payments.md",
            "disputes.rst",
            "broken.json",
            "--out",
            "errors.toml",
        ]),
        1,
        expect![[r#"
            imported 5 codes from 3 sources into errors.toml (2 problems above)
        "#]],
        expect![[r#"
            warning: disputes.rst:8: duplicate code `PAY.1001` (first defined at payments.md:7); this row is ignored
            warning: broken.json: invalid catalog: entry 2 of `codes`: missing field `code`
        "#]],
    );
    expect![[r#"
        # Error codes in errcode-ls's native catalog schema, written by `errcode-ls catalog import`.

        name = "Payments API"

        [[codes]]
        code = "PAY.1001"
        category = "Cards"
        message = "Card declined."
        description = ""
        solution = "Ask the customer for another card."

        [[codes]]
        code = "PAY.2001"
        category = "Refunds"
        message = "Refund exceeds the captured amount."
        description = ""
        solution = "Refund at most the captured amount, or split the refund."

        [[codes]]
        code = "PAY.2002"
        category = "Refunds"
        message = "Refund window closed."
        description = ""
        solution = "Refunds are accepted for 180 days after capture."

        [[codes]]
        code = "DSP.3001"
        category = "Disputes"
        message = "Evidence is due."
        description = ""
        solution = "Upload the evidence before the date."

        [[codes]]
        code = "PAY.9001"
        message = "Kept."
        description = ""
        solution = ""
    "#]]
    .assert_eq(&dir.read("errors.toml"));
}

#[test]
fn import_to_json_keeps_the_document_name_and_version_and_loads_back() {
    let dir = Dir::new();
    let run = dir.run(&["catalog", "import", "errors.json", "--out", "vendored.json"]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let written: serde_json::Value = serde_json::from_str(&dir.read("vendored.json")).expect("JSON");
    assert_eq!(
        (written["name"].as_str(), written["version"].as_str()),
        (Some("Payments API"), Some("2026-10"))
    );
    check(
        &dir.run(&["--no-builtin", "--catalog", "vendored.json", "codes"]),
        0,
        expect![[r#"
            # Payments API: version 2026-10
            PAY.1001  Cards    Card declined.
            PAY.1002  Cards    Card expired.
            PAY.2001  Refunds  Refund exceeds the captured amount.
        "#]],
        expect![""],
    );
}

#[test]
fn import_names_the_catalog_as_asked_and_keeps_the_url_it_came_from() {
    let dir = Dir::new();
    let page = std::fs::read_to_string(fixtures().join("payments.md")).expect("fixture");
    let mut server = Server::start(move |_| Reply::ok("text/markdown", page.clone()));
    let url = server.url("/docs/payments.md");
    let run = dir.run(&[
        "catalog",
        "import",
        "--fetch",
        &url,
        "--name",
        "Payments (vendored)",
        "--out",
        "errors.json",
    ]);
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let written: serde_json::Value = serde_json::from_str(&dir.read("errors.json")).expect("JSON");
    assert_eq!(written["name"].as_str(), Some("Payments (vendored)"));
    assert_eq!(written["source"].as_str(), Some(url.as_str()));
    assert_eq!(written["codes"].as_array().map(Vec::len), Some(3));
    server.stop();
}

#[test]
fn import_refuses_an_output_that_is_not_a_native_catalog() {
    let dir = Dir::new();
    check(
        &dir.run(&["catalog", "import", "payments.md", "--out", "errors.md"]),
        2,
        expect![""],
        expect![[r#"
            error: --out errors.md: the file must end in .json or .toml (the native catalog formats)
        "#]],
    );
    assert_eq!(dir.read("errors.md"), "(missing)");
}
