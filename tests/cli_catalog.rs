//! End to end: `errcode-ls catalog add` and `errcode-ls catalog ignore`, run by the built
//! binary in a temporary project (`tests/fixtures/accept/`), with `XDG_CONFIG_HOME` in the
//! test's own folder. Each test shows what was printed and the files written, then that
//! `check` no longer reports the code.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{Expect, expect};

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(fixture: &str) -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/accept").join(fixture),
            &dir.path().join("ws"),
        );
        Project { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn config_home(&self) -> PathBuf {
        self.dir.path().join("config-home")
    }

    /// Runs the binary in `relative` (a folder of the project): exit code and output.
    fn run(&self, relative: &str, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
            .args(args)
            .current_dir(self.root().join(relative))
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("NO_COLOR", "1")
            .output()
            .expect("the binary runs");
        format!(
            "exit {}\n{}{}",
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    }

    fn read(&self, path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|_| "(missing)\n".into())
    }

    fn check(&self, actual: &str, expect: Expect) {
        let stable = actual
            .replace(&self.root().display().to_string(), "$ROOT")
            .replace(&self.config_home().display().to_string(), "$CONFIG_HOME")
            .replace('\r', "<CR>");
        expect.assert_eq(&stable);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy fixture");
        }
    }
}

#[test]
fn catalog_add_from_a_subfolder_creates_the_catalog_beside_a_new_errcode_toml_of_the_current_folder() {
    let project = Project::new("plain");
    let added = project
        .run("src", &["catalog", "add", "AIS.0117", "AIS.0118", "--message", "The image is too dark."]);
    let again = project.run("src", &["catalog", "add", "AIS.0117"]);
    let check = project.run("src", &["check", "--format", "concise", "client.py"]);
    let files = format!(
        "src/errcode.toml:\n{}src/errcode-catalog.toml:\n{}",
        project.read(&project.root().join("src/errcode.toml")),
        project.read(&project.root().join("src/errcode-catalog.toml"))
    );
    project.check(
        &format!("{added}---\n{again}---\n{check}---\n{files}"),
        expect![[r#"
            exit 0
            added AIS.0117 to errcode-catalog.toml (category OCR)
            added AIS.0118 to errcode-catalog.toml (category OCR)
            ---
            exit 0
            AIS.0117 is already in errcode-catalog.toml
            ---
            exit 0
            no problems in 1 file
            ---
            src/errcode.toml:
            catalogs = ["errcode-catalog.toml"]
            src/errcode-catalog.toml:
            # Error codes of this project, in errcode-ls's native catalog schema. Each `[[codes]]` entry has a
            # `code` and may have a `category`, `message`, `description` and `solution` (Markdown).

            [[codes]]
            code = "AIS.0117"
            category = "OCR"
            message = "The image is too dark."

            [[codes]]
            code = "AIS.0118"
            category = "OCR"
            message = "The image is too dark."
        "#]],
    );
}

#[test]
fn catalog_add_takes_a_category_and_keeps_an_existing_errcode_toml() {
    let project = Project::new("configured");
    let added = project.run("src", &["catalog", "add", "ModelArts.4106", "--category", "Training"]);
    let files = format!(
        "errcode.toml:\n{}errcode-catalog.toml:\n{}",
        project.read(&project.root().join("errcode.toml")),
        project.read(&project.root().join("errcode-catalog.toml"))
    );
    project.check(
        &format!("{added}---\n{files}"),
        expect![[r#"
        exit 0
        added ModelArts.4106 to $ROOT/errcode-catalog.toml (category Training)
        ---
        errcode.toml:
        # Settings of the OCR client.<CR>
        builtin = true<CR>
        <CR>
        # Codes our own tests invent.<CR>
        ignore-codes = [<CR>
            "TEST.*",   # fixtures only<CR>
        ]<CR>
        catalogs = ["errcode-catalog.toml"]<CR>
        <CR>
        [rules]<CR>
        unknown-code = "warning"<CR>
        errcode-catalog.toml:
        # Error codes of this project, in errcode-ls's native catalog schema. Each `[[codes]]` entry has a
        # `code` and may have a `category`, `message`, `description` and `solution` (Markdown).

        [[codes]]
        code = "ModelArts.4106"
        category = "Training"
        message = ""
    "#]],
    );
}

#[test]
fn catalog_ignore_adds_codes_to_the_project_once() {
    let project = Project::new("configured");
    let ignored = project.run("src", &["catalog", "ignore", "AIS.0117", "APIG.06*"]);
    let again = project.run("src", &["catalog", "ignore", "AIS.0117"]);
    let check = project.run("src", &["check", "--format", "concise", "client.py"]);
    let config = project.read(&project.root().join("errcode.toml"));
    project.check(
        &format!("{ignored}---\n{again}---\n{check}---\n{config}"),
        expect![[r#"
        exit 0
        AIS.0117 now ignored in $ROOT/errcode.toml
        APIG.06* now ignored in $ROOT/errcode.toml
        ---
        exit 0
        AIS.0117 already ignored in $ROOT/errcode.toml
        ---
        exit 0
        no problems in 1 file
        ---
        # Settings of the OCR client.<CR>
        builtin = true<CR>
        <CR>
        # Codes our own tests invent.<CR>
        ignore-codes = [<CR>
            "AIS.0117",<CR>
            "APIG.06*",<CR>
            "TEST.*",   # fixtures only<CR>
        ]<CR>
        <CR>
        [rules]<CR>
        unknown-code = "warning"<CR>
    "#]],
    );
}

#[test]
fn catalog_ignore_user_writes_the_user_settings_which_check_reads() {
    let project = Project::new("plain");
    let ignored = project.run("", &["catalog", "ignore", "--user", "AIS.0117"]);
    let check = project.run("", &["check", "--format", "concise", "src/client.py"]);
    let user = project.read(&project.config_home().join("errcode-ls/errcode.toml"));
    let config = project.read(&project.root().join("errcode.toml"));
    project.check(
        &format!("{ignored}---\n{check}---\n{user}---\n{config}"),
        expect![[r#"
        exit 0
        AIS.0117 now ignored in $CONFIG_HOME/errcode-ls/errcode.toml
        ---
        exit 0
        no problems in 1 file
        ---
        ignore-codes = ["AIS.0117"]
        ---
        (missing)
    "#]],
    );
}

#[test]
fn catalog_refuses_a_broken_errcode_toml_and_leaves_it_alone() {
    let project = Project::new("configured");
    let config = project.root().join("errcode.toml");
    std::fs::write(&config, "ignore-codes = [\n").expect("break the file");
    let refused = project.run("", &["catalog", "ignore", "AIS.0117"]);
    project.check(&format!("{refused}---\n{}", project.read(&config)), expect![[r#"
        exit 2
        warning: $ROOT/errcode.toml:1: unclosed array, expected `]`; using the defaults
        error: cannot edit $ROOT/errcode.toml: line 1: not valid TOML (unclosed array, expected `]`); fix it first
        ---
        ignore-codes = [
    "#]]);
}

#[test]
fn explain_says_where_a_code_was_added_while_it_has_no_message() {
    let project = Project::new("plain");
    project.run("", &["catalog", "add", "ModelArts.4106"]);
    project.check(
        &project.run("", &["explain", "ModelArts.4106"]),
        expect![[r#"
        exit 0
        ModelArts.4106 — added in errcode-catalog.toml, no message yet
          Category  Platform
          Catalog   errcode-catalog ($ROOT/errcode-catalog.toml:5)
    "#]],
    );
}

#[test]
fn codes_shows_a_catalogs_version_and_source() {
    let project = Project::new("metadata");
    let text = project.run("", &["codes"]);
    let json = project.run("", &["codes", "--json"]);
    let head: Vec<&str> = json.lines().take(5).collect();
    project.check(
        &format!("{text}---\n{}", head.join("\n")),
        expect![[r#"
        exit 0
        # Payments API: version 2026-11, https://payments.example.com/docs/errors
        PAY-1001  Cards  Card declined.
        PAY-1002  Cards  Card expired.
        ---
        exit 0
        {
          "name": "Payments API",
          "version": "2026-11",
          "source": "https://payments.example.com/docs/errors","#]],
    );
}
