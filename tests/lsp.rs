//! End-to-end tests of the language server: each starts the built binary and talks to it over
//! stdio as an editor does, on real fixture files copied to a temporary workspace.

mod support;

use std::path::{Path, PathBuf};

use expect_test::{Expect, expect};
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup, file_uri, render_ranges};

/// A temporary copy of a fixture folder, a cache folder, and a server started on it.
struct Session {
    dir: tempfile::TempDir,
    client: Client,
}

impl Session {
    /// Starts a server on a copy of `tests/fixtures/lsp/<fixture>`.
    fn start(fixture: &str) -> Session {
        Session::start_with(fixture, |_| {})
    }

    fn start_with(fixture: &str, adjust: impl FnOnce(&mut Setup)) -> Session {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("ws");
        copy_dir(&fixtures().join(fixture), &root);
        let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
        setup.root = Some(root);
        adjust(&mut setup);
        let client = Client::start(setup);
        Session { dir, client }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn uri(&self, relative: &str) -> String {
        file_uri(&self.root().join(relative))
    }

    fn text(&self, relative: &str) -> String {
        std::fs::read_to_string(self.root().join(relative)).expect("fixture file")
    }

    /// Opens a workspace file with its own text; returns its first diagnostics.
    fn open(&mut self, relative: &str, language_id: &str) -> Vec<Value> {
        let (uri, text) = (self.uri(relative), self.text(relative));
        self.client.open(&uri, language_id, &text)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        match self.client.request(method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method} failed: {error}"),
        }
    }

    /// A request at the `nth` occurrence of `needle` in a workspace file, `shift` characters in.
    fn at(&mut self, method: &str, relative: &str, needle: &str, shift: usize, extra: Value) -> Value {
        let text = self.text(relative);
        let position = position_of(&text, needle, shift);
        let mut params = json!({ "textDocument": { "uri": self.uri(relative) }, "position": position });
        if let (Some(params), Some(extra)) = (params.as_object_mut(), extra.as_object()) {
            params.extend(extra.clone());
        }
        self.request(method, params)
    }

    /// Replaces the temporary paths (as URIs or plain paths) and the version in rendered output
    /// with stable names.
    fn stable(&self, text: &str) -> String {
        let cache = self.dir.path().join("cache").join("errcode-ls").join(env!("CARGO_PKG_VERSION"));
        let config_home = self.dir.path().join("config-home");
        text.replace(&file_uri(&cache), "$CACHE")
            .replace(&file_uri(&config_home), "$CONFIG_HOME")
            .replace(&file_uri(&self.root()), "$ROOT")
            .replace(&self.root().display().to_string(), "$ROOT")
    }

    /// Compares rendered output, made stable, with a snapshot.
    fn check(&self, actual: &str, expect: Expect) {
        expect.assert_eq(&self.stable(actual));
    }

    fn finish(self) {
        self.client.shutdown();
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/lsp")
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

/// The UTF-16 position of the first `needle` in `text`, `shift` characters in. Counted here
/// independently of the server's own conversion.
fn position_of(text: &str, needle: &str, shift: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` is in the fixture"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = before[line_start..].chars().map(char::len_utf16).sum::<usize>()
        + needle.chars().take(shift).map(char::len_utf16).sum::<usize>();
    json!({ "line": line, "character": column })
}

fn range(value: &Value) -> String {
    let p = |v: &Value| format!("{}:{}", v["line"], v["character"]);
    format!("{}-{}", p(&value["start"]), p(&value["end"]))
}

/// The diagnostics of one rule (fixtures also branch on codes, which other rules report on).
fn of_rule(diagnostics: &[Value], rule: &str) -> Vec<Value> {
    diagnostics.iter().filter(|d| d["code"] == rule).cloned().collect()
}

fn render_diagnostics(diagnostics: &[Value]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} [{}/{}] {} (href {})",
                range(&d["range"]),
                d["severity"],
                d["source"].as_str().unwrap_or("?"),
                d["code"].as_str().unwrap_or("?"),
                d["message"].as_str().unwrap_or("?"),
                d["codeDescription"]["href"].as_str().unwrap_or("none"),
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn render_locations(session: &Session, locations: &Value) -> String {
    let list = match locations {
        Value::Array(list) => list.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    let lines: Vec<String> =
        list.iter().map(|l| format!("{} {}", l["uri"].as_str().unwrap_or("?"), range(&l["range"]))).collect();
    session.stable(&lines.join("\n"))
}

#[test]
fn utf16_is_the_default_position_encoding() {
    let session = Session::start("workspace");
    assert_eq!(session.client.capabilities["capabilities"]["positionEncoding"], "utf-16");
    session.finish();
}

#[test]
fn utf8_is_chosen_when_the_client_offers_it() {
    let mut session = Session::start_with("workspace", |s| s.encodings = vec!["utf-8", "utf-16"]);
    assert_eq!(session.client.capabilities["capabilities"]["positionEncoding"], "utf-8");
    // `AIS.0107` follows CJK and emoji: its UTF-8 column counts bytes.
    let diagnostics = session.open("docs/notes.md", "markdown");
    session.check(&range(&diagnostics[0]["range"]), expect!["2:33-2:41"]);
    session.finish();
}

#[test]
fn diagnostics_on_open_report_unknown_codes_with_their_rule() {
    let mut session = Session::start("workspace");
    let diagnostics = session.open("src/client.py", "python");
    session.check(
        &render_diagnostics(&diagnostics),
        expect!["8:16-8:24 2 [errcode/unknown-code] unknown error code `AIS.0106`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`? (href $CACHE/huawei-cloud-ocr.rst#L31)"],
    );
    session.finish();
}

#[test]
fn diagnostics_in_a_json_log_find_codes_in_error_bodies() {
    let mut session = Session::start("workspace");
    let diagnostics = session.open("logs/gateway.log", "log");
    session.check(&render_diagnostics(&diagnostics), expect!["3:76-3:85 2 [errcode/unknown-code] unknown error code `APIG.0399`; did you mean `APIG.0301`, `APIG.0308`, `APIG.0101`? (href $CACHE/huawei-cloud-ocr.rst#L114)"]);
    session.finish();
}

#[test]
fn utf16_positions_count_cjk_and_emoji_as_editors_do() {
    let mut session = Session::start("workspace");
    let diagnostics = session.open("docs/notes.md", "markdown");
    session.check(&render_diagnostics(&diagnostics), expect!["2:23-2:31 2 [errcode/unknown-code] unknown error code `AIS.0107`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`? (href $CACHE/huawei-cloud-ocr.rst#L31)"]);
    session.finish();
}

#[test]
fn incremental_edits_on_a_crlf_document_with_emoji_move_diagnostics() {
    let mut session = Session::start("workspace");
    let uri = session.uri("docs/notes.md");
    let text = session.text("docs/notes.md").replace('\n', "\r\n");
    let first = session.client.open(&uri, "markdown", &text);
    session.check(&render_diagnostics(&first), expect!["2:23-2:31 2 [errcode/unknown-code] unknown error code `AIS.0107`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`? (href $CACHE/huawei-cloud-ocr.rst#L31)"]);
    // Insert an emoji (a surrogate pair) at the start of line 2, then fix the typo by
    // replacing its last digit: the range is counted after the inserted emoji.
    session.client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [
                { "range": { "start": { "line": 2, "character": 0 }, "end": { "line": 2, "character": 0 } }, "text": "😀" },
            ],
        }),
    );
    let moved = session.client.diagnostics(&uri, Some(2));
    session.check(&render_diagnostics(&moved), expect!["2:25-2:33 2 [errcode/unknown-code] unknown error code `AIS.0107`; did you mean `AIS.0101`, `AIS.0102`, `AIS.0103`? (href $CACHE/huawei-cloud-ocr.rst#L31)"]);
    let end = moved[0]["range"]["end"].clone();
    let last_digit = json!({ "line": end["line"], "character": end["character"].as_i64().unwrap_or(0) - 1 });
    session.client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 3 },
            "contentChanges": [ { "range": { "start": last_digit, "end": end }, "text": "4" } ],
        }),
    );
    let fixed = session.client.diagnostics(&uri, Some(3));
    session.check(&render_diagnostics(&fixed), expect![""]);
    session.finish();
}

#[test]
fn a_full_text_change_replaces_the_document() {
    let mut session = Session::start("workspace");
    let uri = session.uri("src/client.py");
    session.open("src/client.py", "python");
    session.client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [ { "text": "x = 'APIG.0309'\n" } ] }),
    );
    let replaced = session.client.diagnostics(&uri, Some(2));
    session.check(&render_diagnostics(&replaced), expect!["0:5-0:14 2 [errcode/unknown-code] unknown error code `APIG.0309`; did you mean `APIG.0301`, `APIG.0308`, `APIG.0101`? (href $CACHE/huawei-cloud-ocr.rst#L114)"]);
    session.finish();
}

#[test]
fn a_big_python_module_with_a_syntax_error_is_reanalysed_from_scratch_once_typing_pauses() {
    let mut session = Session::start("workspace");
    let function = std::fs::read_to_string(fixtures().join("modules/retry.py")).expect("fixture");
    let module = function.repeat(400);
    let uri = session.uri("src/retries.py");
    let opened = session.client.open(&uri, "python", &module);
    assert_eq!(of_rule(&opened, "unhandled-codes").len(), 400);

    // An unclosed `"""` before the third function: read from scratch, the rest of the module
    // is one string. The keystroke's diagnostics keep the error near where it was typed...
    let lines_per_function = function.lines().count();
    let third = json!({ "line": 2 * lines_per_function, "character": 0 });
    session.client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 },
                "contentChanges": [ { "range": { "start": third, "end": third }, "text": "\"\"\"\n" } ] }),
    );
    let typed = of_rule(&session.client.diagnostics(&uri, Some(2)), "unhandled-codes").len();
    assert!(typed > 2, "the functions far from the error are still read as code: {typed}");
    // ...and once typing pauses, the version is read from scratch and published again.
    let settled = session.client.diagnostics(&uri, Some(2));
    session.check(&render_diagnostics(&of_rule(&settled, "unhandled-codes")), expect![[r#"
        1:10-1:14 2 [errcode/unhandled-codes] 2 error codes not handled: APIG.0101, APIG.0201 (href $CACHE/huawei-cloud-ocr.rst#L106)
        10:10-10:14 2 [errcode/unhandled-codes] 2 error codes not handled: APIG.0101, APIG.0201 (href $CACHE/huawei-cloud-ocr.rst#L106)"#]]);
    session.finish();
}

#[test]
fn a_large_module_shows_its_unknown_codes_before_its_parse_and_the_full_analysis_keeps_them() {
    let mut session = Session::start("workspace");
    let function = std::fs::read_to_string(fixtures().join("modules/retry.py")).expect("fixture");
    // Over 256 KB, so published before it is parsed; an unknown code at the end.
    let module = function.repeat(2_000) + "LEGACY = \"APIG.0309\"\n";
    let uri = session.uri("src/retries.py");
    session.client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "python", "version": 1, "text": module } }),
    );
    let mut publication = || {
        let params =
            session.client.notification("textDocument/publishDiagnostics", |p| p["uri"] == uri.as_str());
        assert_eq!(params["version"], 1);
        params["diagnostics"].as_array().cloned().unwrap_or_default()
    };
    let first = publication();
    let full = publication();
    let line = function.lines().count() * 2_000;
    assert_eq!(render_ranges(&first), format!("{line}:10-{line}:19 unknown-code\n"));
    assert_eq!(of_rule(&full, "unhandled-codes").len(), 2_000);
    assert!(first.iter().all(|d| full.contains(d)), "the first publication is part of the second");
    session.finish();
}

#[test]
fn a_stale_change_is_dropped() {
    let mut session = Session::start("workspace");
    let uri = session.uri("src/client.py");
    session.open("src/client.py", "python");
    session.client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 1 }, "contentChanges": [ { "text": "AIS.0199" } ] }),
    );
    // The document still has its opened text: hover on the original typo still works.
    let hover = session.at("textDocument/hover", "src/client.py", "AIS.0106", 2, json!({}));
    assert!(hover["contents"]["value"].as_str().unwrap_or_default().contains("AIS.0106"), "{hover}");
    session.finish();
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut session = Session::start("workspace");
    let uri = session.uri("src/client.py");
    session.open("src/client.py", "python");
    session.client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(session.client.diagnostics(&uri, None), Vec::<Value>::new());
    session.finish();
}

#[test]
fn hover_on_a_known_code_shows_its_card() {
    let mut session = Session::start("workspace");
    session.open("src/handler.ts", "typescript");
    let hover = session.at("textDocument/hover", "src/handler.ts", "APIG.0308", 3, json!({}));
    session.check(&range(&hover["range"]), expect!["3:10-3:19"]);
    session.check(hover["contents"]["value"].as_str().unwrap_or_default(), expect![[r#"
        ### `APIG.0308` — The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute.

        **Category:** APIG

        #### Description

        The request exceeds the default rate limit of the service.

        #### Solution

        Rectify the fault using either of the following methods:

        - Use the retry mechanism to rectify the fault by checking the return value in the code and retrying the requests after a short period of time (for example, 2 to 5 seconds).
        - You can also check whether the result of the previous request is returned at the backend. After the result of the previous request is returned, send the next request.

        ---
        From [Huawei Cloud OCR]($CACHE/huawei-cloud-ocr.rst#L120) (`builtin:huawei-cloud-ocr.rst:120`)
    "#]]);
    session.finish();
}

#[test]
fn hover_on_an_unknown_code_names_the_closest_codes() {
    let mut session = Session::start("workspace");
    session.open("src/handler.ts", "typescript");
    let hover = session.at("textDocument/hover", "src/handler.ts", "APIG.0380", 0, json!({}));
    session.check(hover["contents"]["value"].as_str().unwrap_or_default(), expect![[r#"
        ### `APIG.0380` — not in the catalog

        Closest codes:

        - `APIG.0308` — The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute.
        - `APIG.0301` — Incorrect IAM authentication information.
        - `APIG.0101` — The API does not exist or has not been published in the environment.
    "#]]);
    session.finish();
}

#[test]
fn hover_away_from_codes_answers_null() {
    let mut session = Session::start("workspace");
    session.open("src/handler.ts", "typescript");
    let hover = session.at("textDocument/hover", "src/handler.ts", "export", 1, json!({}));
    assert_eq!(hover, Value::Null);
    session.finish();
}

#[test]
fn definition_of_a_builtin_code_opens_the_cached_catalog_at_its_row() {
    let mut session = Session::start("workspace");
    session.open("cmd/main.go", "go");
    let location = session.at("textDocument/definition", "cmd/main.go", "ModelArts.4204", 4, json!({}));
    session.check(&render_locations(&session, &location), expect!["$CACHE/huawei-cloud-ocr.rst 66:16-66:30"]);
    // The file exists and the range covers the code in it.
    let path = session
        .dir
        .path()
        .join("cache/errcode-ls")
        .join(env!("CARGO_PKG_VERSION"))
        .join("huawei-cloud-ocr.rst");
    let catalog = std::fs::read_to_string(path).expect("the built-in catalog was written to the cache");
    let line =
        catalog.lines().nth(location["range"]["start"]["line"].as_u64().unwrap_or(0) as usize).unwrap_or("");
    let start = location["range"]["start"]["character"].as_u64().unwrap_or(0) as usize;
    assert_eq!(line.chars().skip(start).take(14).collect::<String>(), "ModelArts.4204");
    session.finish();
}

#[test]
fn definition_of_a_user_code_opens_the_user_catalog() {
    let mut session = Session::start("payments");
    session.open("src/charge.rs", "rust");
    let location = session.at("textDocument/definition", "src/charge.rs", "PAY.1001", 1, json!({}));
    session.check(&render_locations(&session, &location), expect!["$ROOT/catalog/payments.md 4:2-4:10"]);
    session.finish();
}

#[test]
fn a_user_catalog_from_errcode_toml_drives_diagnostics() {
    let mut session = Session::start("payments");
    let diagnostics = of_rule(&session.open("src/charge.rs", "rust"), "unknown-code");
    session.check(&render_diagnostics(&diagnostics), expect!["3:9-3:17 2 [errcode/unknown-code] unknown error code `PAY.1003`; did you mean `PAY.1001`, `PAY.1002`, `PAY.2001`? (href $ROOT/catalog/payments.md#L5)"]);
    session.finish();
}

#[test]
fn code_actions_replace_an_unknown_code_and_prefer_a_clear_winner() {
    let mut session = Session::start("workspace");
    let uri = session.uri("src/handler.ts");
    let diagnostics = of_rule(&session.open("src/handler.ts", "typescript"), "unknown-code");
    let actions = session.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": diagnostics[0]["range"],
            "context": { "diagnostics": diagnostics },
        }),
    );
    let rendered: Vec<String> = actions
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let edit = &a["edit"]["changes"][uri.as_str()][0];
            format!(
                "{} [{}] preferred={} → {} {}",
                a["title"].as_str().unwrap_or("?"),
                a["kind"].as_str().unwrap_or("?"),
                a["isPreferred"],
                range(&edit["range"]),
                edit["newText"]
            )
        })
        .collect();
    session.check(
        &rendered.join("\n"),
        expect![[r#"
            Replace with APIG.0308 [quickfix] preferred=true → 5:10-5:19 "APIG.0308"
            Replace with APIG.0301 [quickfix] preferred=null → 5:10-5:19 "APIG.0301"
            Replace with APIG.0101 [quickfix] preferred=null → 5:10-5:19 "APIG.0101"
            Add APIG.0380 to the project catalog [quickfix] preferred=false → null:null-null:null null
            Ignore APIG.0380 in this project [quickfix] preferred=false → null:null-null:null null
            Ignore APIG.0380 in this file [quickfix] preferred=false → 0:0-0:0 "// errcode: ignore-code APIG.0380\n"
            Ignore APIG.0380 everywhere (user settings) [quickfix] preferred=false → null:null-null:null null"#]],
    );
    session.finish();
}

#[test]
fn completion_after_a_namespace_prefix_offers_its_codes() {
    let mut session = Session::start("workspace");
    let uri = session.uri("src/client.py");
    session.open("src/client.py", "python");
    session.client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [ { "range": { "start": { "line": 11, "character": 0 }, "end": { "line": 11, "character": 0 } }, "text": "X = \"AIS.010" } ],
        }),
    );
    session.client.diagnostics(&uri, Some(2));
    let list = session.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 11, "character": 12 } }),
    );
    let items: Vec<String> = list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            format!(
                "{} — {} @{}",
                i["label"].as_str().unwrap_or("?"),
                i["detail"].as_str().unwrap_or("?"),
                range(&i["textEdit"]["range"])
            )
        })
        .collect();
    session.check(
        &items.join("\n"),
        expect![[r#"
        AIS.0101 — The input parameter is invalid. @11:5-11:12
        AIS.0102 — The image format is not supported. @11:5-11:12
        AIS.0103 — The image size does not meet the requirements. @11:5-11:12
        AIS.0104 — The image is not supported or the image quality is poor. @11:5-11:12
        AIS.0105 — Recognition failed. @11:5-11:12"#]],
    );
    let documentation = list["items"][0]["documentation"]["value"].as_str().unwrap_or_default();
    assert!(documentation.starts_with("### `AIS.0101`"), "{documentation}");
    session.finish();
}

#[test]
fn completion_by_words_of_a_message_offers_the_matching_code() {
    let mut session = Session::start("workspace");
    let uri = session.uri("src/client.py");
    session.open("src/client.py", "python");
    session.client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [ { "range": { "start": { "line": 11, "character": 0 }, "end": { "line": 11, "character": 0 } }, "text": "raise Retry(\"throttl" } ],
        }),
    );
    session.client.diagnostics(&uri, Some(2));
    let list = session.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 11, "character": 20 } }),
    );
    let items: Vec<String> = list["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| {
            format!(
                "{} filter={} @{}",
                i["label"].as_str().unwrap_or("?"),
                i["filterText"],
                range(&i["textEdit"]["range"])
            )
        })
        .collect();
    session.check(&items.join("\n"), expect![[r#"APIG.0308 filter="throttl" @11:13-11:20"#]]);
    session.finish();
}

#[test]
fn references_cover_open_documents_and_the_indexed_workspace() {
    let mut session = Session::start("workspace");
    session.client.wait_for_progress_end("errcode/index");
    session.open("src/client.py", "python");
    let locations = session.at(
        "textDocument/references",
        "src/client.py",
        "APIG.0308",
        1,
        json!({ "context": { "includeDeclaration": true } }),
    );
    session.check(
        &render_locations(&session, &locations),
        expect![[r#"
            $CACHE/huawei-cloud-ocr.rst 119:16-119:25
            $ROOT/src/client.py 2:14-2:23
            $ROOT/logs/gateway.log 1:114-1:123
            $ROOT/logs/gateway.log 4:114-4:123
            $ROOT/src/handler.ts 3:10-3:19"#]],
    );
    session.finish();
}

#[test]
fn document_highlight_marks_every_occurrence_in_the_document() {
    let mut session = Session::start("workspace");
    session.open("logs/gateway.log", "log");
    let highlights =
        session.at("textDocument/documentHighlight", "logs/gateway.log", "APIG.0308", 0, json!({}));
    let ranges: Vec<String> =
        highlights.as_array().into_iter().flatten().map(|h| range(&h["range"])).collect();
    session.check(&ranges.join(" "), expect!["1:114-1:123 4:114-4:123"]);
    session.finish();
}

#[test]
fn document_links_point_known_codes_at_their_catalog_lines() {
    let mut session = Session::start("workspace");
    let uri = session.uri("cmd/main.go");
    session.open("cmd/main.go", "go");
    let links = session.request("textDocument/documentLink", json!({ "textDocument": { "uri": uri } }));
    let rendered: Vec<String> = links
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| format!("{} {}", range(&l["range"]), l["target"].as_str().unwrap_or("?")))
        .collect();
    session.check(
        &rendered.join("\n"),
        expect![[r#"
            5:10-5:24 $CACHE/huawei-cloud-ocr.rst#L67
            6:13-6:21 $CACHE/huawei-cloud-ocr.rst#L31"#]],
    );
    session.finish();
}

#[test]
fn workspace_symbols_match_codes_and_message_words() {
    let mut session = Session::start("workspace");
    let symbols = session.request("workspace/symbol", json!({ "query": "throttling" }));
    let rendered: Vec<String> = symbols
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| {
            format!(
                "{} in {} at {}",
                s["name"].as_str().unwrap_or("?"),
                s["containerName"],
                range(&s["location"]["range"])
            )
        })
        .collect();
    session.check(&rendered.join("\n"), expect![[r#"APIG.0308 — The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute. in "Huawei Cloud OCR" at 119:16-119:25"#]]);
    session.finish();
}

fn inlay_hints(session: &mut Session, relative: &str) -> String {
    let uri = session.uri(relative);
    let hints = session.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } } }),
    );
    let rendered: Vec<String> = hints
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            format!(
                "{}:{} {}",
                h["position"]["line"],
                h["position"]["character"],
                h["label"].as_str().unwrap_or("?")
            )
        })
        .collect();
    rendered.join("\n")
}

#[test]
fn inlay_hints_are_on_for_logs_by_default() {
    let mut session = Session::start("workspace");
    session.open("logs/gateway.log", "log");
    let hints = inlay_hints(&mut session, "logs/gateway.log");
    session.check(
        &hints,
        expect![[r#"
        1:123 The throttling threshold has been reached: policy user over…
        2:74 Request api error! The API XXX is not subscribed.
        4:123 The throttling threshold has been reached: policy user over…"#]],
    );
    session.finish();
}

#[test]
fn inlay_hints_are_off_for_source_by_default() {
    let mut session = Session::start("workspace");
    session.open("cmd/main.go", "go");
    assert_eq!(inlay_hints(&mut session, "cmd/main.go"), "");
    session.finish();
}

#[test]
fn settings_pushed_by_the_editor_turn_on_source_inlay_hints() {
    let mut session = Session::start("workspace");
    session.open("cmd/main.go", "go");
    session.client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "errcode": { "inlayHints": { "source": true } } } }),
    );
    // The reload re-publishes diagnostics for open documents; wait for it.
    let uri = session.uri("cmd/main.go");
    session.client.diagnostics(&uri, Some(1));
    let hints = inlay_hints(&mut session, "cmd/main.go");
    session.check(
        &hints,
        expect![[r#"
        5:24 Request api error! The API XXX is not subscribed.
        6:21 The input parameter is invalid."#]],
    );
    session.finish();
}

#[test]
fn initialization_options_set_rule_severities() {
    let mut session = Session::start_with("workspace", |s| {
        s.init_options = json!({ "rules": { "unknown-code": "error" } });
    });
    let diagnostics = of_rule(&session.open("src/handler.ts", "typescript"), "unknown-code");
    assert_eq!(diagnostics[0]["severity"], 1, "{diagnostics:?}");
    session.finish();
}

#[test]
fn the_server_watches_its_catalog_and_configuration_files() {
    let mut session = Session::start("payments");
    session.client.wait_for_registration();
    let root = file_uri(&session.root());
    let registrations = session.client.registrations[0].to_string().replace(&root, "$ROOT");
    session.check(&registrations, expect![[r#"{"registrations":[{"id":"errcode/watch-catalogs","method":"workspace/didChangeWatchedFiles","registerOptions":{"watchers":[{"globPattern":{"baseUri":"$ROOT/catalog","pattern":"payments.md"}},{"globPattern":{"baseUri":"$ROOT","pattern":"errcode.toml"}},{"globPattern":{"baseUri":"$CONFIG_HOME/errcode-ls","pattern":"errcode.toml"}}]}}]}"#]]);
    session.finish();
}

#[test]
fn an_edited_catalog_is_reloaded_live_and_diagnostics_refresh() {
    let mut session = Session::start("payments");
    let uri = session.uri("src/charge.rs");
    let before = of_rule(&session.open("src/charge.rs", "rust"), "unknown-code");
    assert_eq!(before.len(), 1, "PAY.1003 is unknown at first: {before:?}");
    let catalog = session.root().join("catalog/payments.md");
    let mut text = std::fs::read_to_string(&catalog).expect("catalog");
    text.push_str("| PAY.1003 | 400 | Expired card. | The card has expired. | Ask for a valid card. |\n");
    std::fs::write(&catalog, text).expect("edit catalog");
    session.client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [ { "uri": file_uri(&catalog), "type": 2 } ] }),
    );
    let after = session.client.diagnostics(&uri, Some(1));
    assert_eq!(of_rule(&after, "unknown-code"), Vec::<Value>::new());
    let hover = session.at("textDocument/hover", "src/charge.rs", "PAY.1003", 1, json!({}));
    assert!(hover["contents"]["value"].as_str().unwrap_or_default().contains("Expired card."), "{hover}");
    session.finish();
}

#[test]
fn a_broken_catalog_shows_one_message_and_the_rest_keeps_working() {
    let mut session = Session::start_with("payments", |s| {
        let root = s.root.clone().unwrap_or_default();
        std::fs::write(
            root.join("errcode.toml"),
            "catalogs = [\"catalog/payments.md\", \"catalog/missing.md\"]\nbuiltin = false\n",
        )
        .expect("write config");
    });
    let message = session.client.notification("window/showMessage", |_| true);
    session.check(&message.to_string(), expect![[r#"{"message":"errcode: $ROOT/catalog/missing.md: cannot read catalog: No such file or directory (os error 2)","type":2}"#]]);
    let hover = session.at("textDocument/hover", "src/charge.rs", "PAY.1001", 1, json!({}));
    assert_eq!(hover, Value::Null, "the document is not open yet");
    session.open("src/charge.rs", "rust");
    let hover = session.at("textDocument/hover", "src/charge.rs", "PAY.1001", 1, json!({}));
    assert!(hover["contents"]["value"].as_str().unwrap_or_default().contains("Card declined."), "{hover}");
    session.finish();
}

#[test]
fn requests_past_the_end_or_on_unknown_documents_answer_null() {
    let mut session = Session::start("workspace");
    let uri = session.uri("cmd/main.go");
    session.open("cmd/main.go", "go");
    for (method, position) in [
        ("textDocument/hover", json!({ "line": 999, "character": 0 })),
        ("textDocument/definition", json!({ "line": 0, "character": 999 })),
        ("textDocument/completion", json!({ "line": 999, "character": 999 })),
    ] {
        let answer = session.request(method, json!({ "textDocument": { "uri": uri }, "position": position }));
        assert_eq!(answer, Value::Null, "{method} past the end");
    }
    let never_opened = session.uri("never/opened.py");
    let answer = session.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": never_opened }, "position": { "line": 0, "character": 0 } }),
    );
    assert_eq!(answer, Value::Null);
    session.finish();
}

#[test]
fn malformed_json_rpc_is_answered_and_the_server_goes_on() {
    let mut session = Session::start("workspace");
    session.client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    let error = session.client.next_message();
    session.check(&error.to_string(), expect![[r#"{"error":{"code":-32700,"message":"invalid JSON: key must be a string at line 1 column 2"},"id":null,"jsonrpc":"2.0"}"#]]);
    let symbols = session.request("workspace/symbol", json!({ "query": "AIS.0101" }));
    assert_eq!(symbols.as_array().map(Vec::len), Some(1));
    session.finish();
}

#[test]
fn unknown_methods_are_answered_method_not_found() {
    let mut session = Session::start("workspace");
    let error = session.client.request("errcode/noSuchThing", json!({})).expect_err("an error");
    assert_eq!(error["code"], -32601);
    // Unknown notifications are ignored, and a cancel for a finished request is harmless.
    session.client.notify("$/noSuchNotification", json!({}));
    session.client.notify("$/cancelRequest", json!({ "id": 1 }));
    let symbols = session.request("workspace/symbol", json!({ "query": "APIG" }));
    assert_eq!(symbols.as_array().map(Vec::len), Some(4));
    session.finish();
}

#[test]
fn binary_and_huge_documents_do_not_break_the_server() {
    let mut session = Session::start("workspace");
    let binary = session.uri("blob.bin");
    let mut text: String = (0u8..=255).map(char::from).cycle().take(100_000).collect();
    text.push_str("\u{0}AIS.0109\u{0}");
    let diagnostics = session.client.open(&binary, "plaintext", &text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let huge = session.uri("huge.log");
    let line = "x".repeat(4 * 1024 * 1024) + " AIS.0101\n";
    session.client.open(&huge, "log", &line);
    let hover = session.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": huge }, "position": { "line": 0, "character": 4 * 1024 * 1024 + 3 } }),
    );
    assert!(hover["contents"]["value"].as_str().unwrap_or_default().contains("AIS.0101"));
    session.finish();
}

#[test]
fn exit_without_shutdown_ends_with_status_1() {
    let mut session = Session::start("workspace");
    session.client.notify("exit", Value::Null);
    let Session { client, dir: _dir } = session;
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn hover_on_a_user_code_shows_its_status_and_fields_and_links_its_catalog() {
    let mut session = Session::start("payments");
    session.open("src/charge.rs", "rust");
    let hover = session.at("textDocument/hover", "src/charge.rs", "PAY.1001", 1, json!({}));
    session.check(
        hover["contents"]["value"].as_str().unwrap_or_default(),
        expect![[r#"
            ### `PAY.1001` — Card declined.

            **HTTP status:** 402  
            **Category:** Payments API

            #### Description

            The issuing bank declined the card.

            #### Solution

            Ask the customer for another card.

            ---
            From [Payments API]($ROOT/catalog/payments.md#L5) (`$ROOT/catalog/payments.md:5`)
        "#]],
    );
    session.finish();
}

#[test]
fn errcode_toml_turns_on_source_inlay_hints() {
    let mut session = Session::start("payments");
    session.open("src/charge.rs", "rust");
    let hints = inlay_hints(&mut session, "src/charge.rs");
    session.check(&hints, expect!["2:17 Card declined."]);
    session.finish();
}

/// `initialize` is answered while the workspace's catalog cannot even be read (a named pipe no
/// one writes to yet), and a document's diagnostics are published only once that catalog has
/// loaded, computed with it.
#[cfg(unix)]
#[test]
fn initialize_answers_before_the_catalogs_load_and_diagnostics_follow_them() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("ws");
    std::fs::create_dir_all(&root).expect("workspace folder");
    std::fs::write(root.join("errcode.toml"), "builtin = false\ncatalogs = [\"big.md\"]\n").expect("config");
    let pipe = root.join("big.md");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", pipe.display());
    let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
    setup.root = Some(root.clone());
    // `Client::start` returns once `initialize` is answered; nothing has written the catalog.
    let mut client = Client::start(setup);
    assert_eq!(client.capabilities["capabilities"]["hoverProvider"], true);
    let uri = file_uri(&root.join("app.py"));
    let text = "codes = [\"BIG.0002\", \"BIG.9999\"]\n";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "python", "version": 1, "text": text } }),
    );
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut catalog = String::from("# Big API\n\n| Error Code | Error Message |\n|---|---|\n");
        for n in 1..=5000 {
            catalog.push_str(&format!("| BIG.{n:04} | Failure number {n}. |\n"));
        }
        let mut pipe = std::fs::OpenOptions::new().write(true).open(&pipe).expect("open the pipe");
        pipe.write_all(catalog.as_bytes()).expect("write the catalog");
    });
    let diagnostics = client.diagnostics(&uri, Some(1));
    writer.join().expect("the catalog is written");
    let rendered: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{} {} {}", range(&d["range"]), d["code"].as_str().unwrap_or("?"), d["message"]))
        .collect();
    expect![[r#"0:22-0:30 unknown-code "unknown error code `BIG.9999`; did you mean `BIG.0999`, `BIG.1999`, `BIG.2999`?""#]].assert_eq(&rendered.join("\n"));
    client.shutdown();
}

#[test]
fn hover_on_a_code_listed_once_per_module_shows_every_variant_with_its_status() {
    let mut session = Session::start("repeated");
    session.open("src/jobs.py", "python");
    let hover = session.at("textDocument/hover", "src/jobs.py", "JOB.1001", 2, json!({}));
    session.check(
        hover["contents"]["value"].as_str().unwrap_or_default(),
        expect![[r#"
        ### `JOB.1001` — 3 variants

        #### 1. The job name is invalid.

        **HTTP status:** 400  
        **Category:** Training

        ##### Solution

        Use letters, digits and hyphens.

        ---
        From [Job Service Error Codes]($ROOT/catalog/jobs.rst#L10) (`$ROOT/catalog/jobs.rst:10`)

        #### 2. The notebook name is invalid.

        **HTTP status:** 400  
        **Category:** Notebook

        ##### Solution

        Use at most 64 characters.

        ---
        From [Job Service Error Codes]($ROOT/catalog/jobs.rst#L12) (`$ROOT/catalog/jobs.rst:12`)

        #### 3. The job name does not exist.

        **HTTP status:** 404  
        **Category:** Inference

        ##### Solution

        Check the name of the service.

        ---
        From [Job Service Error Codes]($ROOT/catalog/jobs.rst#L14) (`$ROOT/catalog/jobs.rst:14`)
    "#]],
    );
    session.finish();
}

#[test]
fn definition_of_a_code_listed_once_per_module_answers_every_row() {
    let mut session = Session::start("repeated");
    session.open("src/jobs.py", "python");
    let locations = session.at("textDocument/definition", "src/jobs.py", "JOB.1001", 2, json!({}));
    let rendered: Vec<String> = locations
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| format!("{} {}", l["uri"].as_str().unwrap_or("?"), range(&l["range"])))
        .collect();
    session.check(
        &rendered.join("\n"),
        expect![[r#"
        $ROOT/catalog/jobs.rst 9:16-9:24
        $ROOT/catalog/jobs.rst 11:16-11:24
        $ROOT/catalog/jobs.rst 13:16-13:24"#]],
    );
    session.finish();
}

/// A column no synonym matches is information: logged with `window/logMessage` at the
/// information level, never shown as a warning (an unread `showMessage` would fail `finish`).
#[test]
fn an_unknown_catalog_column_is_logged_as_information() {
    let mut session = Session::start("remarks");
    let logged = session.client.notification("window/logMessage", |p| p["type"] == 3);
    session.check(logged["message"].as_str().unwrap_or_default(), expect![[r#"
        errcode: while loading the catalog:
        $ROOT/catalog/errors.md:3: column `Remarks` is not a known header; its cells are kept as an extra field"#]]);
    session.finish();
}

#[test]
fn a_switch_on_constants_of_another_file_is_checked_through_the_workspace_index() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    let diagnostics = of_rule(&session.open("src/Handler.java", "java"), "unhandled-codes");
    session.check(&render_diagnostics(&diagnostics), expect!["4:16-4:20 2 [errcode/unhandled-codes] 1 error code not handled: AIS.0105 (href $CACHE/huawei-cloud-ocr.rst#L47)"]);
    session.finish();
}

#[test]
fn hover_on_a_constant_of_another_file_shows_its_code_card() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    session.open("src/Handler.java", "java");
    let hover = session.at("textDocument/hover", "src/Handler.java", "INVALID_PARAM", 2, json!({}));
    session.check(&range(&hover["range"]), expect!["5:17-5:39"]);
    session.check(
        hover["contents"]["value"].as_str().unwrap_or_default(),
        expect![[r#"
        `ErrCodes.INVALID_PARAM` = `"AIS.0101"`

        ---

        ### `AIS.0101` — The input parameter is invalid.

        **Category:** OCR

        #### Description

        The input parameter does not meet the requirements.

        #### Solution

        Check whether the input parameters are correct. Possible causes are as follows:

        - Both **image** and **url** set, or the value format is incorrect.
        - **true** or **false** is incorrectly spelled.
        - Incorrect characters are included in the parameter value.

        For details about the parameter value format, see the request parameter description of each API.

        ---
        From [Huawei Cloud OCR]($CACHE/huawei-cloud-ocr.rst#L31) (`builtin:huawei-cloud-ocr.rst:31`)
    "#]],
    );
    session.finish();
}

#[test]
fn definition_of_a_constant_opens_its_code_in_the_catalog() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    session.open("src/Handler.java", "java");
    let location =
        session.at("textDocument/definition", "src/Handler.java", "ErrCodes.BAD_FORMAT", 1, json!({}));
    session.check(&render_locations(&session, &location), expect!["$CACHE/huawei-cloud-ocr.rst 38:16-38:24"]);
    session.finish();
}

#[test]
fn references_of_a_constant_list_its_code_and_every_name_for_it() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    session.open("src/Handler.java", "java");
    let locations = session.at(
        "textDocument/references",
        "src/Handler.java",
        "INVALID_PARAM",
        0,
        json!({ "context": { "includeDeclaration": true } }),
    );
    session.check(
        &render_locations(&session, &locations),
        expect![[r#"
        $CACHE/huawei-cloud-ocr.rst 30:16-30:24
        $ROOT/src/Handler.java 5:17-5:39
        $ROOT/src/Handler.java 18:16-18:24
        $ROOT/src/ErrCodes.java 3:31-3:44
        $ROOT/src/ErrCodes.java 3:48-3:56"#]],
    );
    session.finish();
}

#[test]
fn document_highlight_on_a_constant_marks_its_name_and_its_code() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    session.open("src/Handler.java", "java");
    let highlights =
        session.at("textDocument/documentHighlight", "src/Handler.java", "INVALID_PARAM", 0, json!({}));
    let ranges: Vec<String> =
        highlights.as_array().into_iter().flatten().map(|h| range(&h["range"])).collect();
    session.check(&ranges.join(" "), expect!["5:17-5:39 18:16-18:24"]);
    session.finish();
}

#[test]
fn hover_on_a_constant_at_its_declaration_shows_its_code() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    session.open("src/ErrCodes.java", "java");
    let hover = session.at("textDocument/hover", "src/ErrCodes.java", "POOR_QUALITY", 4, json!({}));
    session.check(&range(&hover["range"]), expect!["6:31-6:43"]);
    let value = hover["contents"]["value"].as_str().unwrap_or_default();
    session.check(value.lines().next().unwrap_or_default(), expect![[r#"`POOR_QUALITY` = `"AIS.0104"`"#]]);
    session.finish();
}

#[test]
fn saving_a_file_of_constants_refreshes_the_diagnostics_of_open_documents() {
    let mut session = Session::start("constants");
    session.client.wait_for_progress_end("errcode/index");
    let before = of_rule(&session.open("src/Handler.java", "java"), "unhandled-codes");
    session.check(&render_diagnostics(&before), expect!["4:16-4:20 2 [errcode/unhandled-codes] 1 error code not handled: AIS.0105 (href $CACHE/huawei-cloud-ocr.rst#L47)"]);
    // `TOO_LARGE` is no longer declared: the switch names something nothing holds.
    let path = session.root().join("src/ErrCodes.java");
    let text = session
        .text("src/ErrCodes.java")
        .replace("    public static final String TOO_LARGE = \"AIS.0103\";\n", "");
    std::fs::write(&path, text).expect("rewrite the constants");
    let uri = session.uri("src/ErrCodes.java");
    session.client.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri } }));
    let handler = session.uri("src/Handler.java");
    let after = of_rule(&session.client.diagnostics(&handler, Some(1)), "unhandled-codes");
    assert_eq!(after, Vec::<Value>::new(), "{}", render_diagnostics(&after));
    session.finish();
}
