//! A small LSP client for end-to-end tests and benchmarks: it starts the built server, speaks
//! Content-Length-framed JSON-RPC over its stdio as an editor does, answers the server's own
//! requests (registrations, progress, configuration), and on shutdown asserts that every
//! message the server sent was read by the test.

#![allow(dead_code)] // Each test binary uses a different part of the client.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// How long any single wait for the server may take before the test fails (debug builds on a
/// busy machine are slow; a healthy server answers in milliseconds).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// How to start the server.
#[derive(Debug, Clone)]
pub struct Setup {
    pub binary: PathBuf,
    /// The workspace folder, if any.
    pub root: Option<PathBuf>,
    /// Further workspace folders (a multi-root workspace), after `root`.
    pub more_folders: Vec<PathBuf>,
    /// Where the server may write its cache (the built-in catalog file).
    pub cache: PathBuf,
    /// `XDG_CONFIG_HOME`: where the user-level configuration is read and written (beside the
    /// cache by default, so no test reads or writes the real home folder).
    pub config_home: PathBuf,
    pub init_options: Value,
    /// Position encodings the client offers, in its order of preference.
    pub encodings: Vec<&'static str>,
    /// What the client answers to `workspace/configuration` for the `errcode` section.
    pub settings: Value,
    /// More environment for the server (e.g. `XDG_CONFIG_HOME`).
    pub env: Vec<(String, PathBuf)>,
}

impl Setup {
    pub fn new(binary: impl Into<PathBuf>, cache: impl Into<PathBuf>) -> Self {
        let cache: PathBuf = cache.into();
        Setup {
            binary: binary.into(),
            root: None,
            more_folders: Vec::new(),
            config_home: cache.with_file_name("config-home"),
            cache,
            init_options: Value::Null,
            encodings: vec!["utf-16"],
            settings: Value::Null,
            env: Vec::new(),
        }
    }
}

/// A running server and the test's side of the conversation.
pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    unread: VecDeque<Value>,
    next_id: i64,
    settings: Value,
    /// The `initialize` result.
    pub capabilities: Value,
    /// Registrations the server asked for (`client/registerCapability` params).
    pub registrations: Vec<Value>,
    /// Progress tokens whose work ended.
    pub progress_ended: Vec<String>,
    finished: bool,
}

impl Client {
    /// Starts the server and completes `initialize`/`initialized`.
    pub fn start(setup: Setup) -> Client {
        let mut command = Command::new(&setup.binary);
        command
            .env("XDG_CACHE_HOME", &setup.cache)
            .env("XDG_CONFIG_HOME", &setup.config_home)
            .env("RUST_LOG", std::env::var("ERRCODE_TEST_LOG").unwrap_or_else(|_| "error".into()))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        command.envs(setup.env.iter().map(|(k, v)| (k, v)));
        if let Some(root) = &setup.root {
            command.current_dir(root);
        }
        let mut child = command.spawn().expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let stdin = child.stdin.take();
        let (tx, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let mut client = Client {
            child,
            stdin,
            incoming,
            unread: VecDeque::new(),
            next_id: 0,
            settings: setup.settings.clone(),
            capabilities: Value::Null,
            registrations: Vec::new(),
            progress_ended: Vec::new(),
            finished: false,
        };
        let root_uri = setup.root.as_deref().map(file_uri);
        let folders = root_uri.as_ref().map(|uri| {
            let mut folders = vec![json!({ "uri": uri, "name": "root" })];
            for (n, folder) in setup.more_folders.iter().enumerate() {
                folders.push(json!({ "uri": file_uri(folder), "name": format!("folder {}", n + 2) }));
            }
            Value::Array(folders)
        });
        let result = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root_uri,
                    "workspaceFolders": folders,
                    "initializationOptions": setup.init_options,
                    "capabilities": {
                        "general": { "positionEncodings": setup.encodings },
                        "window": { "workDoneProgress": true },
                        "workspace": {
                            "configuration": true,
                            "didChangeWatchedFiles": { "dynamicRegistration": true, "relativePatternSupport": true },
                            "inlayHint": { "refreshSupport": true },
                        },
                        "textDocument": {
                            "publishDiagnostics": { "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true },
                        },
                    },
                }),
            )
            .expect("initialize succeeds");
        client.capabilities = result;
        client.notify("initialized", json!({}));
        client
    }

    /// Sends a request and waits for its answer: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(id)
    }

    /// Waits for the response to request `id`, queueing notifications that arrive meanwhile.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        loop {
            let message = self.receive();
            if message.get("method").is_none() && message["id"] == json!(id) {
                return match message.get("error") {
                    Some(error) => Err(error.clone()),
                    None => Ok(message["result"].clone()),
                };
            }
            self.unread.push_back(message);
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Writes bytes as they are (for malformed-input tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).and_then(|_| stdin.flush()).expect("the server reads its stdin");
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).expect("messages serialise");
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    /// The next message that is not a server request handled here (waits).
    pub fn next_message(&mut self) -> Value {
        match self.unread.pop_front() {
            Some(message) => message,
            None => self.receive(),
        }
    }

    /// Waits for a notification `method` whose params satisfy `accept`; other messages stay
    /// queued, unread.
    pub fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(|m| m["method"] == method && accept(&m["params"])) {
            return self.unread.remove(i).map(|m| m["params"].clone()).unwrap_or_default();
        }
        loop {
            let message = self.receive();
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
            self.unread.push_back(message);
        }
    }

    /// The diagnostics published for `uri` at `version` (`None`: published without one).
    /// Earlier publications for the same document are read and discarded, as an editor would.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p.get("version").and_then(Value::as_i64) == version
        });
        self.unread
            .retain(|m| !(m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri));
        params["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Opens a document and waits for its first diagnostics.
    pub fn open(&mut self, uri: &str, language_id: &str, text: &str) -> Vec<Value> {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language_id, "version": 1, "text": text } }),
        );
        self.diagnostics(uri, Some(1))
    }

    /// Waits until the workspace index reports it is done.
    pub fn wait_for_progress_end(&mut self, token: &str) {
        while !self.progress_ended.iter().any(|t| t == token) {
            if let Some(message) = self.receive_one() {
                self.unread.push_back(message);
            }
        }
        self.progress_ended.retain(|t| t != token);
    }

    /// Ends the session as an editor does and checks the server read it: `shutdown`, `exit`,
    /// exit status 0 — and no message from the server was left unread.
    pub fn shutdown(mut self) {
        self.request("shutdown", Value::Null).expect("shutdown succeeds");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().expect("the server exits");
        self.finished = true;
        // Whatever the server wrote before exiting is read now.
        while let Ok(message) = self.incoming.recv_timeout(Duration::from_millis(200)) {
            if let Some(message) = self.handle(message, false) {
                self.unread.push_back(message);
            }
        }
        assert!(status.success(), "the server exits with status 0 after shutdown, got {status}");
        let unread: Vec<&Value> = self.unread.iter().collect();
        assert!(unread.is_empty(), "server messages left unread: {unread:#?}");
    }

    /// Waits for the server process to end by itself (e.g. after `exit` without `shutdown`).
    pub fn wait_exit(mut self) -> std::process::ExitStatus {
        drop(self.stdin.take());
        self.finished = true;
        self.child.wait().expect("the server exits")
    }

    /// Reads one message for the test, answering server-to-client requests and recording
    /// progress on the way.
    fn receive(&mut self) -> Value {
        loop {
            if let Some(message) = self.receive_one() {
                return message;
            }
        }
    }

    /// Reads one message; `None` when it was the client's own business (handled here).
    fn receive_one(&mut self) -> Option<Value> {
        let message = match self.incoming.recv_timeout(TIMEOUT) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server within {TIMEOUT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its stdout"),
        };
        self.handle(message, true)
    }

    /// Handles what an editor handles by itself: server requests (answered when `answer`),
    /// and `$/progress`. Anything else is returned for the test to read.
    fn handle(&mut self, message: Value, answer: bool) -> Option<Value> {
        let method = message.get("method").and_then(Value::as_str).map(str::to_owned);
        match (method.as_deref(), message.get("id")) {
            (Some(method), Some(id)) => {
                let result = match method {
                    "client/registerCapability" => {
                        self.registrations.push(message["params"].clone());
                        Value::Null
                    }
                    "workspace/configuration" => {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        Value::Array(vec![self.settings.clone(); items])
                    }
                    _ => Value::Null,
                };
                if answer {
                    let id = id.clone();
                    self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                }
                None
            }
            (Some("$/progress"), None) => {
                if message["params"]["value"]["kind"] == "end" {
                    let token = message["params"]["token"].as_str().unwrap_or_default().to_owned();
                    self.progress_ended.push(token);
                }
                None
            }
            _ => Some(message),
        }
    }

    /// Waits until the server has asked for at least one registration.
    pub fn wait_for_registration(&mut self) {
        while self.registrations.is_empty() {
            if let Some(message) = self.receive_one() {
                self.unread.push_back(message);
            }
        }
    }

    /// Changes what the client answers to `workspace/configuration`.
    pub fn set_settings(&mut self, settings: Value) {
        self.settings = settings;
    }

    /// The server's process id (for memory measurements).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if !self.finished {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Reads one Content-Length frame; `None` at end of stream.
pub fn read_frame(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

/// `file://` URI of an absolute path.
/// Diagnostics rendered one per line as `line:col-line:col rule`, for snapshots.
pub fn render_ranges(diagnostics: &[Value]) -> String {
    diagnostics
        .iter()
        .map(|d| {
            let r = &d["range"];
            format!(
                "{}:{}-{}:{} {}\n",
                r["start"]["line"],
                r["start"]["character"],
                r["end"]["line"],
                r["end"]["character"],
                d["code"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}
