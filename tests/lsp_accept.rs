//! End to end: accepting and ignoring an unknown code from the editor. Each test starts the
//! built server on a copy of `tests/fixtures/accept/<fixture>`, takes an action offered on the
//! `unknown-code` diagnostic of `AIS.0117`, runs it as an editor does (`workspace/executeCommand`,
//! or applying the edit), and checks the files written and the diagnostics republished.
//! `XDG_CONFIG_HOME` points into the test's temporary folder.

mod support;

use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup, file_uri};

const DOCUMENT: &str = "src/client.py";

struct Session {
    dir: tempfile::TempDir,
    client: Client,
    uri: String,
}

impl Session {
    /// Starts a server on a copy of the fixture and opens `src/client.py`.
    fn start(fixture: &str) -> (Session, Vec<Value>) {
        Session::start_with(fixture, |_| {})
    }

    fn start_with(fixture: &str, prepare: impl FnOnce(&Path)) -> (Session, Vec<Value>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("ws");
        copy_dir(&fixtures().join(fixture), &root);
        prepare(&root);
        let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
        setup.config_home = dir.path().join("config-home");
        setup.root = Some(root.clone());
        let mut client = Client::start(setup);
        let uri = file_uri(&root.join(DOCUMENT));
        let text = std::fs::read_to_string(root.join(DOCUMENT)).expect("fixture");
        let diagnostics = client.open(&uri, "python", &text);
        (Session { dir, client, uri }, diagnostics)
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn config_home(&self) -> PathBuf {
        self.dir.path().join("config-home")
    }

    /// The actions offered on the unknown-code diagnostic among `diagnostics`.
    fn actions(&mut self, diagnostics: &[Value]) -> Vec<Value> {
        let unknown = unknown_code(diagnostics);
        let params = json!({
            "textDocument": { "uri": self.uri },
            "range": unknown["range"],
            "context": { "diagnostics": [unknown] },
        });
        match self.client.request("textDocument/codeAction", params) {
            Ok(Value::Array(actions)) => actions,
            other => panic!("code actions: {other:?}"),
        }
    }

    /// Runs the command of the action titled `title`; returns its answer.
    fn run_action(&mut self, diagnostics: &[Value], title: &str) -> Value {
        let actions = self.actions(diagnostics);
        let action =
            actions.iter().find(|a| a["title"] == title).unwrap_or_else(|| panic!("`{title}` offered"));
        let command = &action["command"];
        let params = json!({ "command": command["command"], "arguments": command["arguments"] });
        match self.client.request("workspace/executeCommand", params) {
            Ok(answer) => answer,
            Err(error) => panic!("{title}: {error}"),
        }
    }

    /// The next diagnostics published for the document (after a reload they keep version 1).
    fn republished(&mut self) -> Vec<Value> {
        let uri = self.uri.clone();
        self.client.diagnostics(&uri, Some(1))
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).unwrap_or_else(|_| "(missing)".into())
    }

    fn stable(&self, text: &str) -> String {
        text.replace(&file_uri(&self.root()), "$ROOT")
            .replace(&self.root().display().to_string(), "$ROOT")
            .replace(&self.config_home().display().to_string(), "$CONFIG_HOME")
            .replace('\r', "<CR>")
    }

    fn check(&self, actual: &str, expect: Expect) {
        expect.assert_eq(&self.stable(actual));
    }

    fn finish(self) {
        self.client.shutdown();
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/accept")
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

fn unknown_code(diagnostics: &[Value]) -> Value {
    diagnostics.iter().find(|d| d["code"] == "unknown-code").cloned().expect("an unknown-code diagnostic")
}

fn unknown_codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics.iter().filter(|d| d["code"] == "unknown-code").filter_map(|d| d["message"].as_str()).collect()
}

#[test]
fn an_unknown_code_offers_accepting_and_ignoring_it_after_its_replacements() {
    let (mut session, diagnostics) = Session::start("plain");
    let actions = session.actions(&diagnostics);
    let rendered: Vec<String> = actions
        .iter()
        .map(|a| {
            let how = match (a["command"]["command"].as_str(), a["edit"]["changes"].as_object()) {
                (Some(command), _) => format!("runs {command} {}", a["command"]["arguments"]),
                (None, Some(changes)) => format!("edits {}", Value::Object(changes.clone())),
                (None, None) => "does nothing".into(),
            };
            let carries = a["diagnostics"].as_array().map_or(0, Vec::len);
            format!(
                "{} [{}] preferred={} diagnostics={carries}: {how}",
                a["title"].as_str().unwrap_or("?"),
                a["kind"].as_str().unwrap_or("?"),
                a["isPreferred"]
            )
        })
        .collect();
    session.check(
        &rendered.join("\n"),
        expect![[r##"
            Replace with AIS.0101 [quickfix] preferred=null diagnostics=1: edits {"$ROOT/src/client.py":[{"newText":"AIS.0101","range":{"end":{"character":24,"line":8},"start":{"character":16,"line":8}}}]}
            Replace with AIS.0102 [quickfix] preferred=null diagnostics=1: edits {"$ROOT/src/client.py":[{"newText":"AIS.0102","range":{"end":{"character":24,"line":8},"start":{"character":16,"line":8}}}]}
            Replace with AIS.0103 [quickfix] preferred=null diagnostics=1: edits {"$ROOT/src/client.py":[{"newText":"AIS.0103","range":{"end":{"character":24,"line":8},"start":{"character":16,"line":8}}}]}
            Add AIS.0117 to the project catalog [quickfix] preferred=false diagnostics=1: runs errcode.addToCatalog [{"code":"AIS.0117","uri":"$ROOT/src/client.py"}]
            Ignore AIS.0117 in this project [quickfix] preferred=false diagnostics=1: runs errcode.ignoreInProject [{"code":"AIS.0117","uri":"$ROOT/src/client.py"}]
            Ignore AIS.0117 in this file [quickfix] preferred=false diagnostics=1: edits {"$ROOT/src/client.py":[{"newText":"# errcode: ignore-code AIS.0117\n","range":{"end":{"character":0,"line":1},"start":{"character":0,"line":1}}}]}
            Ignore AIS.0117 everywhere (user settings) [quickfix] preferred=false diagnostics=1: runs errcode.ignoreEverywhere [{"code":"AIS.0117","uri":"$ROOT/src/client.py"}]"##]],
    );
    session.finish();
}

#[test]
fn add_to_the_project_catalog_creates_both_files_and_the_diagnostic_goes() {
    let (mut session, diagnostics) = Session::start("plain");
    let answer = session.run_action(&diagnostics, "Add AIS.0117 to the project catalog");
    session.check(
        &answer.to_string(),
        expect![[r#"{"added":["AIS.0117"],"files":["$ROOT/errcode-catalog.toml","$ROOT/errcode.toml"]}"#]],
    );
    assert_eq!(unknown_codes(&session.republished()), Vec::<&str>::new());
    let files = format!(
        "errcode.toml:\n{}\nerrcode-catalog.toml:\n{}",
        session.read("errcode.toml"),
        session.read("errcode-catalog.toml")
    );
    session.check(
        &files,
        expect![[r#"
        errcode.toml:
        catalogs = ["errcode-catalog.toml"]

        errcode-catalog.toml:
        # Error codes of this project, in errcode-ls's native catalog schema. Each `[[codes]]` entry has a
        # `code` and may have a `category`, `message`, `description` and `solution` (Markdown).

        [[codes]]
        code = "AIS.0117"
        category = "OCR"
        message = ""
    "#]],
    );
    let position = json!({ "line": 8, "character": 18 });
    let at = json!({ "textDocument": { "uri": session.uri }, "position": position });
    let hover = session.client.request("textDocument/hover", at.clone()).expect("hover");
    session.check(
        hover["contents"]["value"].as_str().unwrap_or("?"),
        expect![[r#"
        ### `AIS.0117` — added in errcode-catalog.toml, no message yet

        **Category:** OCR

        ---
        From [errcode-catalog]($ROOT/errcode-catalog.toml#L5) (`$ROOT/errcode-catalog.toml:5`)
    "#]],
    );
    let definition = session.client.request("textDocument/definition", at).expect("definition");
    session.check(&definition.to_string(), expect![[r#"{"range":{"end":{"character":16,"line":4},"start":{"character":8,"line":4}},"uri":"$ROOT/errcode-catalog.toml"}"#]]);
    session.finish();
}

#[test]
fn ignore_in_this_project_keeps_the_comments_and_crlf_of_errcode_toml() {
    let (mut session, diagnostics) = Session::start("configured");
    session.run_action(&diagnostics, "Ignore AIS.0117 in this project");
    assert_eq!(unknown_codes(&session.republished()), Vec::<&str>::new());
    session.check(
        &session.read("errcode.toml"),
        expect![[r##"
        # Settings of the OCR client.<CR>
        builtin = true<CR>
        <CR>
        # Codes our own tests invent.<CR>
        ignore-codes = [<CR>
            "AIS.0117",<CR>
            "TEST.*",   # fixtures only<CR>
        ]<CR>
        <CR>
        [rules]<CR>
        unknown-code = "warning"<CR>
    "##]],
    );
    session.finish();
}

#[test]
fn ignore_everywhere_writes_the_user_settings() {
    let (mut session, diagnostics) = Session::start("plain");
    let answer = session.run_action(&diagnostics, "Ignore AIS.0117 everywhere (user settings)");
    session.check(
        &answer.to_string(),
        expect![[r#"{"added":["AIS.0117"],"files":["$CONFIG_HOME/errcode-ls/errcode.toml"]}"#]],
    );
    assert_eq!(unknown_codes(&session.republished()), Vec::<&str>::new());
    let user =
        std::fs::read_to_string(session.config_home().join("errcode-ls/errcode.toml")).expect("written");
    session.check(
        &user,
        expect![[r#"
        ignore-codes = ["AIS.0117"]
    "#]],
    );
    assert_eq!(session.read("errcode.toml"), "(missing)", "the project is left alone");
    session.finish();
}

#[test]
fn ignore_in_this_file_is_an_edit_the_analysis_honours() {
    let (mut session, diagnostics) = Session::start("plain");
    let actions = session.actions(&diagnostics);
    let action = actions.iter().find(|a| a["title"] == "Ignore AIS.0117 in this file").expect("offered");
    let edits = action["edit"]["changes"][session.uri.as_str()].as_array().cloned().unwrap_or_default();
    let uri = session.uri.clone();
    let changes: Vec<Value> =
        edits.iter().map(|e| json!({ "range": e["range"], "text": e["newText"] })).collect();
    session.client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
    );
    assert_eq!(unknown_codes(&session.client.diagnostics(&uri, Some(2))), Vec::<&str>::new());
    let mut text = session.read(DOCUMENT);
    for edit in &edits {
        // One insertion at a line start: apply it to the fixture's text to show the result.
        let line = edit["range"]["start"]["line"].as_u64().unwrap_or(0) as usize;
        let at: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        text.insert_str(at, edit["newText"].as_str().unwrap_or(""));
    }
    session.check(
        &text.lines().take(4).collect::<Vec<_>>().join("\n"),
        expect![[r##"
        #!/usr/bin/env python3
        # errcode: ignore-code AIS.0117
        """Calls the OCR service and sorts its answers."""
    "##]],
    );
    session.finish();
}

#[test]
fn markdown_gets_the_directive_as_an_html_comment_after_its_front_matter() {
    let (mut session, _) = Session::start("plain");
    let uri = file_uri(&session.root().join("NOTES.md"));
    let text = session.read("NOTES.md");
    let diagnostics = session.client.open(&uri, "markdown", &text);
    let unknown = unknown_code(&diagnostics);
    let params = json!({
        "textDocument": { "uri": uri },
        "range": unknown["range"],
        "context": { "diagnostics": [unknown] },
    });
    let actions = session.client.request("textDocument/codeAction", params).expect("code actions");
    let action = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["title"] == "Ignore AIS.0117 in this file")
        .cloned()
        .expect("offered");
    let edit = &action["edit"]["changes"][uri.as_str()][0];
    session.check(&edit.to_string(), expect![[r#"{"newText":"<!-- errcode: ignore-code AIS.0117 -->\n","range":{"end":{"character":0,"line":3},"start":{"character":0,"line":3}}}"#]]);
    session.client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [ { "range": edit["range"], "text": edit["newText"] } ],
        }),
    );
    assert_eq!(unknown_codes(&session.client.diagnostics(&uri, Some(2))), Vec::<&str>::new());
    session.finish();
}

#[test]
fn in_a_multi_root_workspace_the_folder_holding_the_document_is_the_project() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    copy_dir(&fixtures().join("plain"), &first);
    copy_dir(&fixtures().join("plain"), &second);
    let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
    setup.config_home = dir.path().join("config-home");
    setup.root = Some(first.clone());
    setup.more_folders = vec![second.clone()];
    let mut client = Client::start(setup);
    let uri = file_uri(&second.join(DOCUMENT));
    let text = std::fs::read_to_string(second.join(DOCUMENT)).expect("fixture");
    let diagnostics = client.open(&uri, "python", &text);
    let unknown = unknown_code(&diagnostics);
    let params = json!({ "textDocument": { "uri": uri }, "range": unknown["range"], "context": { "diagnostics": [unknown] } });
    let actions = client.request("textDocument/codeAction", params).expect("code actions");
    let command = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["title"] == "Ignore AIS.0117 in this project")
        .map(|a| a["command"].clone())
        .expect("offered");
    let params = json!({ "command": command["command"], "arguments": command["arguments"] });
    client.request("workspace/executeCommand", params).expect("the command runs");
    client.diagnostics(&uri, Some(1));
    let written = std::fs::read_to_string(second.join("errcode.toml")).unwrap_or_default();
    assert_eq!(written, "ignore-codes = [\"AIS.0117\"]\n");
    assert!(!first.join("errcode.toml").exists(), "the first folder is left alone");
    client.shutdown();
}

#[test]
fn a_write_that_fails_is_shown_and_changes_nothing() {
    let (mut session, diagnostics) = Session::start("configured");
    let root = session.root();
    let before = session.read("errcode.toml");
    // The folder refuses new files: read-only, and (for a root user, whom permissions do not
    // stop) a folder already sits where the server's temporary file would go.
    std::fs::create_dir(root.join(format!(".errcode.toml.{}.tmp", session.client.pid()))).expect("blocker");
    set_read_only(&root, true);
    let answer = session.run_action(&diagnostics, "Ignore AIS.0117 in this project");
    let message = session.client.notification("window/showMessage", |_| true);
    set_read_only(&root, false);
    assert_eq!(answer, Value::Null);
    session.check(&message.to_string(), expect![[r#"{"message":"errcode: AIS.0117 was not changed: cannot write $ROOT/errcode.toml: Is a directory (os error 21)","type":1}"#]]);
    assert_eq!(session.read("errcode.toml"), before, "errcode.toml is unchanged");
    session.finish();
}

#[test]
fn the_watchers_echo_of_the_servers_own_write_is_not_a_change() {
    let (mut session, diagnostics) = Session::start("configured");
    session.run_action(&diagnostics, "Ignore AIS.0117 in this project");
    session.republished();
    let config = file_uri(&session.root().join("errcode.toml"));
    session
        .client
        .notify("workspace/didChangeWatchedFiles", json!({ "changes": [ { "uri": config, "type": 2 } ] }));
    // A reload would republish the document's diagnostics, which `finish` would find unread.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    session.finish();
}

#[cfg(unix)]
fn set_read_only(folder: &Path, read_only: bool) {
    use std::os::unix::fs::PermissionsExt;
    let mode = if read_only { 0o555 } else { 0o755 };
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

#[cfg(not(unix))]
fn set_read_only(folder: &Path, read_only: bool) {
    let mut permissions = std::fs::metadata(folder).expect("metadata").permissions();
    permissions.set_readonly(read_only);
    std::fs::set_permissions(folder, permissions).expect("permissions");
}
