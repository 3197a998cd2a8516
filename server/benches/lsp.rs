//! Benchmark of the language server over stdio, against the framework's own floor.
//!
//! Runs, in one process and one run:
//! - the real server (`errcode-ls`), and
//! - a trivial server built from the same stack (tower-lsp-server + tokio), which answers hover
//!   with a fixed string and publishes empty diagnostics on every change: this bench binary
//!   itself, re-executed with `ERRCODE_BENCH_TRIVIAL=1`.
//!
//! It measures hover round-trip and `didChange` → `publishDiagnostics` latency on a
//! 20,000-line source file, the same latency and the memory of the server on a 50 MB log;
//! then, with a generated 10,000-code catalog in the workspace, hover, completion of a code
//! family with thousands of codes, `didOpen` → first diagnostics of a 20,000-line file, the
//! time until that file is parsed and analysed (its first diagnostics, those that need no
//! syntax tree, come before) and resident memory after that, and
//! prints each figure next to the floor as a ratio (the machine is shared and noisy: only
//! ratios from the same run mean anything).
//!
//! Reproduce: `cargo bench --bench lsp` (set `ERRCODE_BENCH_QUICK=1` for a short run, and
//! `ERRCODE_BENCH_SERVER=path/to/errcode-ls` to measure another build).

#[path = "../../tests/support/lsp_client.rs"]
mod lsp_client;

#[path = "../../tests/support/catalog_gen.rs"]
mod catalog_gen;

use std::time::{Duration, Instant};

use lsp_client::{Client, Setup, file_uri};
use serde_json::json;

fn main() {
    if std::env::var_os("ERRCODE_BENCH_TRIVIAL").is_some() {
        trivial::serve();
        return;
    }
    let quick = std::env::var_os("ERRCODE_BENCH_QUICK").is_some();
    let hovers = if quick { 200 } else { 2_000 };
    let changes = if quick { 50 } else { 300 };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let source = source_file(20_000);
    let log = log_file(50 * 1024 * 1024);

    println!("errcode-ls LSP benchmark ({hovers} hovers, {changes} changes per document)\n");
    // `ERRCODE_BENCH_SERVER` measures another build (e.g. an older one) against the same floor.
    let real =
        std::env::var("ERRCODE_BENCH_SERVER").unwrap_or_else(|_| env!("CARGO_BIN_EXE_errcode-ls").to_owned());
    let trivial = std::env::current_exe().expect("the bench binary").display().to_string();

    // Both servers run side by side and requests alternate between them, so drift in the
    // machine's speed affects both sides alike.
    let mut servers = [start(&real, dir.path(), false), start(&trivial, dir.path(), true)];
    let uri = file_uri(&dir.path().join("big.py"));
    for server in &mut servers {
        server.open(&uri, "python", &source);
    }
    // The real server parses the module after its first diagnostics: timing starts once it is
    // parsed, so that no phase measures the parse.
    time_syntax_ready(&mut servers[0], &uri);
    // Hovers and edits are timed in phases of their own: right after a publication of many
    // diagnostics, the client's own allocator is still paying for the message it parsed, which
    // would be counted against the server that sent the most diagnostics.
    let mut hover = [Vec::new(), Vec::new()];
    let mut change = [Vec::new(), Vec::new()];
    for _ in 0..hovers {
        for (n, server) in servers.iter_mut().enumerate() {
            hover[n].push(time_hover(server, &uri, 17));
        }
    }
    for round in 0..changes {
        for (n, server) in servers.iter_mut().enumerate() {
            change[n].push(time_change(server, &uri, round as i64 + 2));
        }
    }
    report("hover round-trip, 20,000-line file", &hover[0], &hover[1]);
    report("didChange → publishDiagnostics, 20,000-line file", &change[0], &change[1]);
    println!(
        "  (absolute: didChange → publishDiagnostics median {:.2} ms on the 20,000-line file)",
        ms(median(&change[0]))
    );
    for server in servers {
        server.shutdown();
    }

    let mut servers = [start(&real, dir.path(), false), start(&trivial, dir.path(), true)];
    let uri = file_uri(&dir.path().join("big.log"));
    let mut open = Vec::new();
    let mut after_open = Vec::new();
    for server in &mut servers {
        let started = Instant::now();
        server.open(&uri, "log", &log);
        open.push(started.elapsed());
        after_open.push(memory_kib(server.pid()));
    }
    let mut hover = [Vec::new(), Vec::new()];
    let mut change = [Vec::new(), Vec::new()];
    for _ in 0..hovers / 4 {
        for (n, server) in servers.iter_mut().enumerate() {
            hover[n].push(time_hover(server, &uri, 3));
        }
    }
    for round in 0..changes.min(30) {
        for (n, server) in servers.iter_mut().enumerate() {
            change[n].push(time_change(server, &uri, round as i64 + 2));
        }
    }
    let after_edits: Vec<(u64, u64)> = servers.iter().map(|s| memory_kib(s.pid())).collect();
    for server in servers {
        server.shutdown();
    }
    large_catalog(&real, &trivial, hovers);
    report("hover round-trip, 50 MB log", &hover[0], &hover[1]);
    report("didChange → publishDiagnostics, 50 MB log", &change[0], &change[1]);
    println!(
        "didOpen → first diagnostics, 50 MB log: errcode-ls {:.1} ms, trivial {:.1} ms ({:.2}x)",
        ms(open[0]),
        ms(open[1]),
        open[0].as_secs_f64() / open[1].as_secs_f64()
    );
    let size_kib = log.len() as f64 / 1024.0;
    for (n, name) in ["errcode-ls", "trivial"].iter().enumerate() {
        let (rss_open, _) = after_open[n];
        let (rss, peak) = after_edits[n];
        println!(
            "memory, 50 MB log, {name}: resident after open {:.0} MiB ({:.2}x the log), after edits {:.0} MiB ({:.2}x), peak {:.0} MiB ({:.2}x)",
            rss_open as f64 / 1024.0,
            rss_open as f64 / size_kib,
            rss as f64 / 1024.0,
            rss as f64 / size_kib,
            peak as f64 / 1024.0,
            peak as f64 / size_kib
        );
    }
}

/// With a 10,000-code catalog (`errcode.toml` naming a generated native catalog): hover
/// against the floor, completion after `"SVC.` (3,334 codes), `didOpen` → first diagnostics of
/// a newly opened 20,000-line file, and resident memory.
fn large_catalog(real: &str, trivial: &str, hovers: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("codes.json"), catalog_gen::json(10_000)).expect("catalog written");
    std::fs::write(dir.path().join("errcode.toml"), "catalogs = [\"codes.json\"]\n").expect("config written");
    let mut servers = [start_in(real, dir.path(), false, true), start_in(trivial, dir.path(), true, true)];
    // A first document: its diagnostics come once the catalog is loaded.
    let small = file_uri(&dir.path().join("small.py"));
    let typed = "code = \"SVC.\"\nother = \"SVC.00003\"\n";
    for server in &mut servers {
        server.open(&small, "python", typed);
    }
    std::thread::sleep(Duration::from_millis(500));
    let mut hover = [Vec::new(), Vec::new()];
    for _ in 0..hovers / 2 {
        for (n, server) in servers.iter_mut().enumerate() {
            let params =
                json!({ "textDocument": { "uri": small }, "position": { "line": 1, "character": 12 } });
            let started = Instant::now();
            let answer = server.request("textDocument/hover", params).expect("hover succeeds");
            hover[n].push(started.elapsed());
            assert!(answer.is_object(), "hover answers: {answer}");
        }
    }
    report("hover round-trip, 10,000-code catalog", &hover[0], &hover[1]);
    let mut completion = Vec::new();
    let mut items = 0;
    for _ in 0..50 {
        let params = json!({ "textDocument": { "uri": small }, "position": { "line": 0, "character": 12 } });
        let started = Instant::now();
        let answer = servers[0].request("textDocument/completion", params).expect("completion succeeds");
        completion.push(started.elapsed());
        items = answer.get("items").or(Some(&answer)).and_then(|i| i.as_array()).map_or(0, Vec::len);
    }
    println!(
        "completion after \"SVC. with a 10,000-code catalog: median {:.2} ms, p99 {:.2} ms ({items} items)",
        ms(median(&completion)),
        ms(percentile(&completion, 0.99))
    );
    let source = source_file(20_000);
    let big = file_uri(&dir.path().join("big.py"));
    let mut open = Vec::new();
    let mut ready = Duration::ZERO;
    for (n, server) in servers.iter_mut().enumerate() {
        let started = Instant::now();
        server.open(&big, "python", &source);
        open.push(started.elapsed());
        if n == 0 {
            time_syntax_ready(server, &big);
            ready = started.elapsed();
        }
    }
    println!(
        "didOpen → first diagnostics, 20,000-line file, 10,000-code catalog: errcode-ls {:.1} ms, trivial {:.1} ms",
        ms(open[0]),
        ms(open[1])
    );
    println!("didOpen → the same file parsed and analysed: errcode-ls {:.1} ms", ms(ready));
    let (rss, peak) = memory_kib(servers[0].pid());
    println!(
        "memory with a 10,000-code catalog and the 20,000-line file open: resident {:.1} MiB, peak {:.1} MiB",
        rss as f64 / 1024.0,
        peak as f64 / 1024.0
    );
    for server in servers {
        server.shutdown();
    }
}

fn start(binary: &str, dir: &std::path::Path, trivial: bool) -> Client {
    start_in(binary, dir, trivial, false)
}

/// Starts a server; with `rooted`, `dir` is its workspace folder (its `errcode.toml` is read).
fn start_in(binary: &str, dir: &std::path::Path, trivial: bool, rooted: bool) -> Client {
    let mut setup = Setup::new(binary, dir.join("cache"));
    if rooted {
        setup.root = Some(dir.to_owned());
    }
    setup.encodings = vec!["utf-16"];
    if trivial {
        // The trivial server is this very binary, told what to be by the environment.
        // SAFETY: set before any other thread of this process reads the environment.
        unsafe { std::env::set_var("ERRCODE_BENCH_TRIVIAL", "1") };
    }
    let client = Client::start(setup);
    // SAFETY: as above; the child has been spawned with its own copy.
    unsafe { std::env::remove_var("ERRCODE_BENCH_TRIVIAL") };
    client
}

/// One hover round-trip at `character` of line 10 (a known code in both documents).
fn time_hover(client: &mut Client, uri: &str, character: u32) -> Duration {
    let params =
        json!({ "textDocument": { "uri": uri }, "position": { "line": 10, "character": character } });
    let started = Instant::now();
    let answer = client.request("textDocument/hover", params).expect("hover succeeds");
    let elapsed = started.elapsed();
    assert!(answer.is_object(), "hover answers: {answer}");
    elapsed
}

/// Time until a hover on a name (`handler_0` on line 0) answers. Resolving a name reads the
/// constants the module declares, which waits for the module's first parse and analysis: once it
/// answers, the server holds the document's syntax and is idle again.
fn time_syntax_ready(client: &mut Client, uri: &str) -> Duration {
    let params = json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 6 } });
    let started = Instant::now();
    client.request("textDocument/hover", params).expect("hover succeeds");
    started.elapsed()
}

/// Latency from an incremental edit (typing or deleting one character on line 5) to the
/// diagnostics for `version`.
fn time_change(client: &mut Client, uri: &str, version: i64) -> Duration {
    let at = json!({ "line": 5, "character": 0 });
    let change = if version % 2 == 0 {
        json!({ "range": { "start": at, "end": at }, "text": "x" })
    } else {
        json!({ "range": { "start": at, "end": { "line": 5, "character": 1 } }, "text": "" })
    };
    let started = Instant::now();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }),
    );
    client.diagnostics(uri, Some(version));
    started.elapsed()
}

fn report(what: &str, real: &[Duration], floor: &[Duration]) {
    let (m, p) = (median(real), percentile(real, 0.99));
    let (fm, fp) = (median(floor), percentile(floor, 0.99));
    println!(
        "{what}: median {:.3} ms vs floor {:.3} ms ({:.2}x); p99 {:.3} ms vs {:.3} ms ({:.2}x)",
        ms(m),
        ms(fm),
        m.as_secs_f64() / fm.as_secs_f64(),
        ms(p),
        ms(fp),
        p.as_secs_f64() / fp.as_secs_f64()
    );
}

fn median(samples: &[Duration]) -> Duration {
    percentile(samples, 0.5)
}

fn percentile(samples: &[Duration], q: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    sorted.get(((sorted.len() as f64 - 1.0) * q).round() as usize).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Resident and peak memory of a process, in KiB (Linux `/proc`).
fn memory_kib(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// A Python file of `lines` lines with codes here and there (one unknown per 500 lines).
fn source_file(lines: usize) -> String {
    let mut text = String::new();
    for n in 0..lines {
        // Functions of 50 lines, as real modules are cut: an edit reparses its own function.
        let line = match n % 50 {
            0 => format!("def handler_{n}(code):\n"),
            10 => "    if code == \"AIS.0101\":\n".to_owned(),
            20 => "        raise Retry(\"APIG.0308\")\n".to_owned(),
            30 if n % 500 == 30 => format!("    LEGACY_{n} = \"ModelArts.49{:02}\"\n", n % 100),
            _ => format!("    value_{n} = compute({n}, flag=True)  # plain code line\n"),
        };
        text.push_str(&line);
    }
    text
}

/// A gateway log of about `bytes` bytes with JSON error bodies (one unknown code per 1,000
/// lines). Line 10 starts with a known code so hovers land on one.
fn log_file(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut n = 0;
    while text.len() < bytes {
        let line = match n % 10 {
            _ if n == 10 => "APIG.0308 throttled\n".to_owned(),
            3 => format!(
                "2026-11-02T10:00:{:02}Z ERROR id={n} {{\"error_msg\": \"The throttling threshold has been reached\", \"error_code\": \"APIG.0308\"}}\n",
                n % 60
            ),
            7 if n % 1000 == 7 => format!(
                "2026-11-02T10:00:{:02}Z ERROR id={n} {{\"error_code\": \"ModelArts.49{:02}\"}}\n",
                n % 60,
                n % 100
            ),
            _ => format!("2026-11-02T10:00:{:02}Z INFO  id={n} request served in {} ms\n", n % 60, n % 997),
        };
        text.push_str(&line);
        n += 1;
    }
    text
}

/// The floor: the smallest server the same stack allows.
mod trivial {
    use tower_lsp_server::jsonrpc::Result;
    use tower_lsp_server::ls_types::*;
    use tower_lsp_server::{Client, LanguageServer, LspService, Server};

    struct Trivial {
        client: Client,
    }

    impl LanguageServer for Trivial {
        async fn initialize(&self, _: InitializeParams) -> Result<InitializeResult> {
            Ok(InitializeResult {
                capabilities: ServerCapabilities {
                    hover_provider: Some(HoverProviderCapability::Simple(true)),
                    text_document_sync: Some(TextDocumentSyncCapability::Kind(
                        TextDocumentSyncKind::INCREMENTAL,
                    )),
                    ..ServerCapabilities::default()
                },
                ..InitializeResult::default()
            })
        }

        async fn shutdown(&self) -> Result<()> {
            Ok(())
        }

        async fn did_open(&self, params: DidOpenTextDocumentParams) {
            let doc = params.text_document;
            self.client.publish_diagnostics(doc.uri, Vec::new(), Some(doc.version)).await;
        }

        async fn did_change(&self, params: DidChangeTextDocumentParams) {
            let doc = params.text_document;
            self.client.publish_diagnostics(doc.uri, Vec::new(), Some(doc.version)).await;
        }

        async fn hover(&self, _: HoverParams) -> Result<Option<Hover>> {
            Ok(Some(Hover { contents: HoverContents::Scalar(MarkedString::String("x".into())), range: None }))
        }
    }

    pub fn serve() {
        let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
        runtime.block_on(async {
            let (service, socket) = LspService::new(|client| Trivial { client });
            Server::new(tokio::io::stdin(), tokio::io::stdout(), socket).serve(service).await;
        });
    }
}
