//! Remote catalogs end to end: `catalog update` fetching from an HTTP server the test starts on
//! 127.0.0.1, the other commands reading the cached copy, and the language server fetching
//! only when the user (not the workspace) allowed it. Every run gets its own cache and
//! configuration folders (`XDG_CACHE_HOME`, `XDG_CONFIG_HOME`).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use expect_test::{Expect, expect};
use serde_json::{Value, json};
use support::http_server::{Reply, Server};
use support::lsp_client::{Client, Setup, file_uri};

/// A workspace with an `errcode.toml`, and empty cache and user configuration folders.
struct Workspace {
    dir: tempfile::TempDir,
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

impl Workspace {
    /// `catalogs` are written into the workspace's `errcode.toml` (the built-in catalog off).
    fn new(catalogs: &[String], extra: &str) -> Workspace {
        let dir = tempfile::tempdir().expect("a temporary folder");
        for sub in ["ws", "cache", "config"] {
            std::fs::create_dir_all(dir.path().join(sub)).expect("mkdir");
        }
        let list: Vec<String> = catalogs.iter().map(|c| format!("{c:?}")).collect();
        let toml = format!("builtin = false\ncatalogs = [{}]\n{extra}", list.join(", "));
        std::fs::write(dir.path().join("ws/errcode.toml"), toml).expect("write errcode.toml");
        Workspace { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("ws")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
            .args(args)
            .current_dir(self.root())
            .env("XDG_CACHE_HOME", self.cache())
            .env("XDG_CONFIG_HOME", self.config_home())
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100")
            .stdin(Stdio::null())
            .output()
            .expect("the binary runs");
        Run {
            stdout: self.scrub(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.scrub(&String::from_utf8_lossy(&output.stderr)),
            code: output.status.code().unwrap_or(-1),
        }
    }

    /// Output with the temporary folders, ports and today's date replaced by fixed words.
    fn scrub(&self, text: &str) -> String {
        let text = text.replace(&self.cache().display().to_string(), "$CACHE");
        let mut out = String::new();
        for line in text.split_inclusive('\n') {
            out.push_str(&scrub_line(line));
        }
        out
    }

    /// The cached body of the one URL fetched.
    fn cached_bodies(&self) -> Vec<String> {
        let mut bodies = Vec::new();
        let Ok(dirs) = std::fs::read_dir(self.cache().join("errcode-ls/catalogs")) else { return bodies };
        for dir in dirs.flatten() {
            for file in std::fs::read_dir(dir.path()).expect("a cache folder").flatten() {
                if file.file_name() != "meta.json" {
                    bodies.push(std::fs::read_to_string(file.path()).expect("a cached body"));
                }
            }
        }
        bodies
    }
}

/// `127.0.0.1:PORT`, the cache folder's hash and `YYYY-MM-DD HH:MM UTC` become fixed words.
fn scrub_line(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("127.0.0.1:") {
        out.push_str(&rest[..i + "127.0.0.1:".len()]);
        rest = &rest[i + "127.0.0.1:".len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str("PORT");
        rest = &rest[digits..];
    }
    out.push_str(rest);
    if let Some(i) = out.find("catalogs/") {
        let start = i + "catalogs/".len();
        let hex = out[start..].bytes().take_while(u8::is_ascii_hexdigit).count();
        if hex == 16 {
            out.replace_range(start..start + 16, "HASH");
        }
    }
    match out.find(" UTC") {
        Some(end) if end >= 16 && out.is_char_boundary(end - 16) => {
            format!("{}DATE{}", &out[..end - 16], &out[end + 4..])
        }
        _ => out,
    }
}

fn check(run: &Run, code: i32, stdout: Expect, stderr: Expect) {
    stdout.assert_eq(&run.stdout);
    stderr.assert_eq(&run.stderr);
    assert_eq!(run.code, code, "exit code; stderr: {}", run.stderr);
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/remote").join(name);
    std::fs::read_to_string(path).expect("fixture")
}

fn markdown(body: String) -> Reply {
    Reply::ok("text/markdown; charset=utf-8", body)
}

#[test]
fn update_fetches_a_catalog_that_explain_then_reads_from_the_cache() {
    let server = Server::start(|_| markdown(fixture("billing.md")));
    let ws = Workspace::new(&[server.url("/docs/errors/billing.md")], "");

    let before = ws.run(&["explain", "BILL.0002"]);
    check(
        &before,
        1,
        expect![""],
        expect![[r#"
            warning: http://127.0.0.1:PORT/docs/errors/billing.md: cannot read catalog: not fetched yet; `errcode-ls catalog update` fetches it into the cache
            error: unknown error code `BILL.0002` (`errcode-ls codes` lists the catalog)
        "#]],
    );

    let update = ws.run(&["catalog", "update"]);
    check(
        &update,
        0,
        expect![[r#"
        fetched http://127.0.0.1:PORT/docs/errors/billing.md (3 codes)
    "#]],
        expect![""],
    );

    let explain = ws.run(&["explain", "BILL.0002"]);
    check(
        &explain,
        0,
        expect![[r#"
            BILL.0002 — Invoice already paid.
              Category  Billing API
              Catalog   Billing API ($CACHE/errcode-ls/catalogs/HASH/billing.md:8)

            Description
              The invoice was settled by an earlier payment.

            Solution
              Refresh the invoice status before retrying the payment.
        "#]],
        expect![[r#"
            note: http://127.0.0.1:PORT/docs/errors/billing.md: using the cached copy from DATE (`errcode-ls catalog update` refreshes it)
        "#]],
    );
    assert_eq!(server.requests().len(), 1, "explain never fetches");
}

#[test]
fn a_catalog_url_on_the_command_line_is_fetched_and_read_like_a_configured_one() {
    let server = Server::start(|_| markdown(fixture("billing.md")));
    let ws = Workspace::new(&[], "");
    let url = server.url("/billing.md");
    let update = ws.run(&["catalog", "update", "--catalog", &url]);
    check(
        &update,
        0,
        expect![[r#"
        fetched http://127.0.0.1:PORT/billing.md (3 codes)
    "#]],
        expect![""],
    );
    let codes = ws.run(&["codes", "--catalog", &url]);
    check(
        &codes,
        0,
        expect![[r#"
        BILL.0001  Billing API  Invoice not found.
        BILL.0002  Billing API  Invoice already paid.
        BILL.0003  Billing API  Currency mismatch.
    "#]],
        expect![[r#"
        note: http://127.0.0.1:PORT/billing.md: using the cached copy from DATE (`errcode-ls catalog update` refreshes it)
    "#]],
    );
}

#[test]
fn update_revalidates_with_the_etag_and_a_304_keeps_the_cached_copy() {
    let server = Server::start(|request| match request.header("if-none-match") {
        Some("\"billing-v1\"") => Reply::status(304),
        _ => markdown(fixture("billing.md"))
            .header("ETag", "\"billing-v1\"")
            .header("Last-Modified", "Mon, 30 Nov 2026 08:00:00 GMT"),
    });
    let ws = Workspace::new(&[server.url("/billing.md")], "");
    assert_eq!(ws.run(&["catalog", "update"]).code, 0);

    let again = ws.run(&["catalog", "update"]);
    check(
        &again,
        0,
        expect![[r#"
        unchanged (not modified) http://127.0.0.1:PORT/billing.md (3 codes)
    "#]],
        expect![""],
    );
    let requests = server.requests();
    assert_eq!(requests[0].header("if-none-match"), None);
    assert_eq!(requests[1].header("if-none-match"), Some("\"billing-v1\""));
    assert_eq!(requests[1].header("if-modified-since"), Some("Mon, 30 Nov 2026 08:00:00 GMT"));
    assert_eq!(ws.cached_bodies(), [fixture("billing.md")]);
    assert_eq!(ws.run(&["explain", "BILL.0003"]).code, 0);
}

#[test]
fn a_404_is_reported_the_cached_copy_stays_and_the_other_catalogs_load() {
    let gone = Arc::new(AtomicBool::new(false));
    let server = {
        let gone = gone.clone();
        Server::start(move |request| match request.path.as_str() {
            "/billing.md" if !gone.load(Ordering::SeqCst) => markdown(fixture("billing.md")),
            _ => Reply::status(404),
        })
    };
    let ws =
        Workspace::new(&[server.url("/billing.md"), server.url("/missing.md"), "shipping.md".into()], "");
    std::fs::write(ws.root().join("shipping.md"), fixture("shipping.md")).expect("write a local catalog");

    let first = ws.run(&["catalog", "update"]);
    check(
        &first,
        1,
        expect![[r#"
            fetched http://127.0.0.1:PORT/billing.md (3 codes)
        "#]],
        expect![[r#"
            error: http://127.0.0.1:PORT/missing.md: the server answered 404
        "#]],
    );

    gone.store(true, Ordering::SeqCst);
    let second = ws.run(&["catalog", "update"]);
    check(
        &second,
        1,
        expect![""],
        expect![[r#"
            error: http://127.0.0.1:PORT/billing.md: the server answered 404; the cached copy is kept
            error: http://127.0.0.1:PORT/missing.md: the server answered 404
        "#]],
    );
    assert_eq!(ws.cached_bodies(), [fixture("billing.md")]);

    let explain = ws.run(&["explain", "BILL.0001", "SHIP.0101"]);
    assert_eq!(explain.code, 0, "{}", explain.stderr);
    assert!(explain.stdout.contains("BILL.0001 — Invoice not found."), "{}", explain.stdout);
    assert!(explain.stdout.contains("SHIP.0101 — Address not deliverable."), "{}", explain.stdout);
    assert!(
        explain.stderr.contains("missing.md: cannot read catalog: not fetched yet"),
        "{}",
        explain.stderr
    );
}

#[test]
fn a_server_that_never_answers_times_out_at_the_read_timeout() {
    let server = Server::start(|_| Reply::Silence);
    let ws = Workspace::new(&[server.url("/billing.md")], "");
    let started = Instant::now();
    let run = ws.run(&["catalog", "update", "--read-timeout", "1"]);
    let took = started.elapsed();
    check(
        &run,
        1,
        expect![""],
        expect![[r#"
        error: http://127.0.0.1:PORT/billing.md: no answer within the read timeout of 1 s
    "#]],
    );
    assert!(took < Duration::from_secs(15), "the timeout bounds the wait, took {took:?}");
}

#[test]
fn an_oversized_catalog_is_refused_at_the_size_limit() {
    let server = Server::start(|_| markdown(fixture("billing.md").repeat(20)));
    let ws = Workspace::new(&[server.url("/billing.md")], "");
    let run = ws.run(&["catalog", "update", "--max-size", "4096"]);
    check(
        &run,
        1,
        expect![""],
        expect![[r#"
        error: http://127.0.0.1:PORT/billing.md: the catalog is larger than the limit of 4096 bytes (4 KiB)
    "#]],
    );
    assert!(ws.cached_bodies().is_empty(), "nothing is cached");
}

#[test]
fn a_redirect_loop_stops_after_five_redirects() {
    let server = Server::start(|_| Reply::status(302).header("Location", "/loop.md"));
    let ws = Workspace::new(&[server.url("/loop.md")], "");
    let run = ws.run(&["catalog", "update"]);
    check(
        &run,
        1,
        expect![""],
        expect![[r#"
        error: http://127.0.0.1:PORT/loop.md: more than 5 redirects (the last one to http://127.0.0.1:PORT/loop.md)
    "#]],
    );
    assert_eq!(server.requests().len(), 6, "the first request and five redirects");
}

#[test]
fn a_rendered_html_page_is_refused_with_a_hint_to_use_the_raw_file() {
    let server = Server::start(|_| {
        Reply::ok("text/html; charset=utf-8", "<!DOCTYPE html>\n<html><body>billing.md</body></html>\n")
    });
    let ws = Workspace::new(&[server.url("/team/docs/blob/main/billing.md")], "");
    let run = ws.run(&["catalog", "update"]);
    check(
        &run,
        1,
        expect![""],
        expect![[r#"
        error: http://127.0.0.1:PORT/team/docs/blob/main/billing.md: the server sent an HTML page, not a catalog file; point the URL at the raw file
    "#]],
    );
    assert!(ws.cached_bodies().is_empty(), "nothing is cached");
}

#[test]
fn an_html_documentation_page_is_read_by_the_html_importer() {
    let server = Server::start(|_| Reply::ok("text/html; charset=utf-8", fixture("billing.html")));
    let ws = Workspace::new(&[], "");
    let url = server.url("/docs/billing/errors");
    let update = ws.run(&["catalog", "update", "--catalog", &url]);
    check(
        &update,
        0,
        expect![[r#"
        fetched http://127.0.0.1:PORT/docs/billing/errors (2 codes)
    "#]],
        expect![""],
    );
    let codes = ws.run(&["codes", "--catalog", &url]);
    check(
        &codes,
        0,
        expect![[r#"
            BILL.0001  Error Codes  Invoice not found.
            BILL.0002  Error Codes  Invoice already paid.
        "#]],
        expect![[r#"
        note: http://127.0.0.1:PORT/docs/billing/errors: using the cached copy from DATE (`errcode-ls catalog update` refreshes it)
    "#]],
    );
}

#[test]
fn a_redirect_to_plain_http_elsewhere_is_not_followed() {
    let server =
        Server::start(|_| Reply::status(302).header("Location", "http://docs.example.com/billing.md"));
    let ws = Workspace::new(&[server.url("/billing.md")], "");
    let run = ws.run(&["catalog", "update"]);
    check(
        &run,
        1,
        expect![""],
        expect![[r#"
        error: http://127.0.0.1:PORT/billing.md: redirected to http://docs.example.com/billing.md, which is not fetched (only https://, or http:// to this machine)
    "#]],
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn offline_the_commands_keep_working_from_the_cache() {
    let mut server = Server::start(|_| markdown(fixture("billing.md")));
    let ws = Workspace::new(&[server.url("/billing.md")], "");
    assert_eq!(ws.run(&["catalog", "update"]).code, 0);
    server.stop();

    let update = ws.run(&["catalog", "update", "--connect-timeout", "1"]);
    assert_eq!(update.code, 1);
    assert!(update.stderr.contains("cannot reach the server"), "{}", update.stderr);
    assert!(update.stderr.ends_with("; the cached copy is kept\n"), "{}", update.stderr);

    let codes = ws.run(&["codes"]);
    check(
        &codes,
        0,
        expect![[r#"
            BILL.0001  Billing API  Invoice not found.
            BILL.0002  Billing API  Invoice already paid.
            BILL.0003  Billing API  Currency mismatch.
        "#]],
        expect![[r#"
            note: http://127.0.0.1:PORT/billing.md: using the cached copy from DATE (`errcode-ls catalog update` refreshes it)
        "#]],
    );
}

/// A language server on a workspace whose `errcode.toml` names `url`; `user_config` is the
/// user-level `errcode.toml` (if any).
fn start_server(ws: &Workspace, user_config: Option<&str>) -> Client {
    if let Some(text) = user_config {
        let dir = ws.config_home().join("errcode-ls");
        std::fs::create_dir_all(&dir).expect("mkdir");
        std::fs::write(dir.join("errcode.toml"), text).expect("write the user configuration");
    }
    let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), ws.cache());
    setup.root = Some(ws.root());
    setup.env.push(("XDG_CONFIG_HOME".into(), ws.config_home()));
    Client::start(setup)
}

fn open_notes(ws: &Workspace, client: &mut Client) -> (String, Vec<Value>) {
    std::fs::write(ws.root().join("notes.md"), fixture("notes.md")).expect("write notes");
    let uri = file_uri(&ws.root().join("notes.md"));
    let diagnostics = client.open(&uri, "markdown", &fixture("notes.md"));
    (uri, diagnostics)
}

fn not_fetched_yet_message(client: &mut Client) {
    client.notification("window/showMessage", |p| {
        p["message"].as_str().is_some_and(|m| m.contains("not fetched yet"))
    });
}

#[test]
fn a_workspace_configuration_cannot_make_the_server_fetch() {
    let server = Server::start(|_| markdown(fixture("billing.md")));
    let ws = Workspace::new(&[server.url("/billing.md")], "remote-catalogs = true\n");
    let mut client = start_server(&ws, None);
    not_fetched_yet_message(&mut client);
    let (_, diagnostics) = open_notes(&ws, &mut client);
    assert_eq!(diagnostics, Vec::<Value>::new(), "BILL is no known namespace without the catalog");
    // A fetch would start right after `initialized`; give it time to show itself.
    std::thread::sleep(Duration::from_millis(1500));
    client.shutdown();
    assert_eq!(server.requests().len(), 0, "the server fetched although only the workspace allowed it");
}

#[test]
fn the_users_consent_fetches_in_the_background_and_republishes_diagnostics() {
    // The answer waits until the test has seen the diagnostics made without the catalog.
    let gate = Arc::new((Mutex::new(false), Condvar::new()));
    let server = {
        let gate = gate.clone();
        Server::start(move |_| {
            let (open, opened) = &*gate;
            let mut open = open.lock().unwrap_or_else(|e| e.into_inner());
            while !*open {
                open = opened.wait(open).unwrap_or_else(|e| e.into_inner());
            }
            markdown(fixture("billing.md"))
        })
    };
    let ws = Workspace::new(&[server.url("/billing.md")], "");
    // No "not fetched yet" message: the server is fetching it.
    let mut client = start_server(&ws, Some("remote-catalogs = true\n"));
    let (uri, diagnostics) = open_notes(&ws, &mut client);
    assert_eq!(diagnostics, Vec::<Value>::new(), "served from the (empty) cache while the fetch waits");

    *gate.0.lock().unwrap_or_else(|e| e.into_inner()) = true;
    gate.1.notify_all();
    let published = client.notification("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri.as_str() && p["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
    });
    let messages: Vec<&str> = published["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["message"].as_str())
        .collect();
    expect![[r#"
        [
            "unknown error code `BILL.0009`; did you mean `BILL.0001`, `BILL.0002`, `BILL.0003`?",
        ]
    "#]]
    .assert_debug_eq(&messages);
    client.shutdown();
    assert_eq!(server.requests().len(), 1);
    assert_eq!(json!(ws.cached_bodies()), json!([fixture("billing.md")]));
}
