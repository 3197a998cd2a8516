//! Load: one client drives the real server over stdio with thousands of interleaved `didChange`,
//! `hover`, `completion` and `codeAction` messages on several documents, keeping a reference
//! model of every text. Checked: every request is answered without error; every hover on a
//! marker code finds that code where the model says it is (no divergence); after the last
//! change, the diagnostics published for each document equal the library's findings on the
//! model's text (no lost diagnostics); the server's memory stays bounded. Requests per second
//! and latency percentiles are printed to stderr.
//!
//! Bounded in count and time: `ERRCODE_STRESS_OPS` operations (default 3000) or
//! `ERRCODE_STRESS_SECONDS` (default 30), whichever comes first. A long run:
//!
//! ```text
//! ERRCODE_STRESS_OPS=200000 ERRCODE_STRESS_SECONDS=600 cargo test --release --test stress -- --nocapture
//! ```

mod support;

use std::time::{Duration, Instant};

use errcode_ls::analysis::{Context, Options, analyze};
use errcode_ls::catalog::{Catalog, CatalogBuilder, Origin, builtin_catalog};
use errcode_ls::recognize::Recognizer;
use errcode_ls::syntax::Language;
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup};
use support::text_model::{self, Unit, boundaries};

/// The documents: a language id, its `Language`, and a starting text.
const DOCUMENTS: &[(&str, Language, &str)] = &[
    (
        "python",
        Language::Python,
        "def handle(code):\n    match code:\n        case \"AIS.0101\":\n            return 1\n        case \"AIS.0102\":\n            return 2\n",
    ),
    (
        "rust",
        Language::Rust,
        "fn handle(code: &str) -> u8 {\r\n    match code {\r\n        \"AIS.0101\" => 1,\r\n        _ => 0,\r\n    }\r\n}\r\n",
    ),
    (
        "go",
        Language::Go,
        "package main\n\nfunc handle(code string) int {\n\tswitch code {\n\tcase \"AIS.0101\":\n\t\treturn 1\n\t}\n\treturn 0\n}\n",
    ),
    ("plaintext", Language::Other, "log: 中文 AIS.0101 😀 failed\r\nAIS.9901 again\n"),
];

/// What edits insert: markers (unknown codes, each a diagnostic), known codes, filler.
const PIECES: &[&str] =
    &[" AIS.9901 ", "\"AIS.9902\"", " AIS.0103", "中文", "😀", "x", "\n", "\r\n", "    ", "é"];

/// A small deterministic generator (xorshift64*), so a failing run can be repeated by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// UTF-16 position of a byte offset, counted here independently of the server.
fn position(text: &str, offset: usize) -> Value {
    text_model::position(text, offset, Unit::Utf16)
}

fn rss(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

struct Model {
    uri: String,
    language: Language,
    text: String,
    version: i64,
}

fn library_diagnostics(
    catalog: &Catalog,
    recognizer: &Recognizer,
    model: &Model,
) -> Vec<(Value, Value, String)> {
    let options = Options::default();
    let cx = Context { catalog, recognizer, options: &options, workspace: None };
    analyze(&model.text, model.language, cx)
        .into_iter()
        .map(|f| (position(&model.text, f.range.start), position(&model.text, f.range.end), f.message))
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

#[test]
fn thousands_of_interleaved_edits_and_requests_on_several_documents_hold() {
    let ops = env("ERRCODE_STRESS_OPS", 3000);
    let budget = Duration::from_secs(env("ERRCODE_STRESS_SECONDS", 30));
    let seed = env("ERRCODE_STRESS_SEED", 0x5eed_cafe);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut client = Client::start(Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache")));
    let mut builder = CatalogBuilder::new();
    builder.add("builtin".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
    let (catalog, _) = builder.finish();
    let recognizer = Recognizer::new(&catalog);

    let mut models: Vec<Model> = DOCUMENTS
        .iter()
        .enumerate()
        .map(|(i, &(id, language, text))| {
            let uri = format!("file:///stress/doc{i}.{id}");
            client.open(&uri, id, text);
            Model { uri, language, text: text.to_owned(), version: 1 }
        })
        .collect();
    let baseline = rss(client.pid());

    let mut rng = Rng(seed);
    let mut latencies: Vec<Duration> = Vec::new();
    let (mut changes, mut hovers_checked, mut peak) = (0u64, 0u64, baseline);
    let started = Instant::now();
    let mut done = 0;
    while done < ops && started.elapsed() < budget {
        done += 1;
        let model = &mut models[rng.below(DOCUMENTS.len())];
        let doc = json!({ "uri": model.uri });
        match rng.below(10) {
            // Half the traffic is typing: one to three edits per notification.
            0..=4 => {
                let mut batch = Vec::new();
                for _ in 0..1 + rng.below(3) {
                    let bounds = boundaries(&model.text);
                    let start = bounds[rng.below(bounds.len())];
                    let end = if rng.below(3) == 0 {
                        let later: Vec<usize> = bounds.iter().copied().filter(|&b| b >= start).collect();
                        later[rng.below(later.len().min(8))]
                    } else {
                        start
                    };
                    // Documents are kept from growing without end so the run measures the server.
                    let text = if model.text.len() > 20_000 { "" } else { PIECES[rng.below(PIECES.len())] };
                    let range =
                        json!({ "start": position(&model.text, start), "end": position(&model.text, end) });
                    batch.push(json!({ "range": range, "text": text }));
                    model.text.replace_range(start..end, text);
                }
                model.version += 1;
                changes += 1;
                client.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": model.uri, "version": model.version }, "contentChanges": batch }),
                );
            }
            5..=6 => {
                // Hover on a marker the model says is there: the server must find the same code.
                let hits: Vec<(usize, usize)> = recognizer
                    .find_iter(model.text.as_bytes())
                    .map(|o| (o.range.start, o.range.end))
                    .collect();
                let (at, expected) = match hits.get(rng.below(hits.len())) {
                    Some(&(start, end)) => (start + (end - start) / 2, Some((start, end))),
                    None => (0, None),
                };
                let params = json!({ "textDocument": doc, "position": position(&model.text, at) });
                let sent = Instant::now();
                let answer = client.request("textDocument/hover", params);
                latencies.push(sent.elapsed());
                let answer = answer.unwrap_or_else(|e| panic!("hover failed: {e}"));
                if let Some((start, end)) = expected {
                    let range =
                        json!({ "start": position(&model.text, start), "end": position(&model.text, end) });
                    assert_eq!(
                        answer["range"], range,
                        "hover found another token than the model in {:?}",
                        model.text
                    );
                    let card = answer["contents"]["value"].as_str().unwrap_or_default();
                    assert!(
                        card.contains(&model.text[start..end]),
                        "card of {}: {card}",
                        &model.text[start..end]
                    );
                    hovers_checked += 1;
                }
            }
            7..=8 => {
                let bounds = boundaries(&model.text);
                let at = bounds[rng.below(bounds.len())];
                let params = json!({ "textDocument": doc, "position": position(&model.text, at) });
                let sent = Instant::now();
                let answer = client.request("textDocument/completion", params);
                latencies.push(sent.elapsed());
                answer.unwrap_or_else(|e| panic!("completion failed: {e}"));
            }
            _ => {
                let end = position(&model.text, model.text.len());
                let params = json!({ "textDocument": doc, "range": { "start": { "line": 0, "character": 0 }, "end": end },
                                     "context": { "diagnostics": [] } });
                let sent = Instant::now();
                let answer = client.request("textDocument/codeAction", params);
                latencies.push(sent.elapsed());
                answer.unwrap_or_else(|e| panic!("codeAction failed: {e}"));
            }
        }
        if done % 500 == 0 {
            peak = peak.max(rss(client.pid()));
        }
    }
    let elapsed = started.elapsed();

    // No lost diagnostics: the last publication of every document matches its final text.
    for model in &models {
        let published = client.diagnostics(&model.uri, Some(model.version));
        let actual: Vec<(Value, Value, String)> = published
            .iter()
            .map(|d| {
                let message = d["message"].as_str().unwrap_or_default().to_owned();
                (d["range"]["start"].clone(), d["range"]["end"].clone(), message)
            })
            .collect();
        assert_eq!(
            actual,
            library_diagnostics(&catalog, &recognizer, model),
            "diagnostics of {} at version {}",
            model.uri,
            model.version
        );
    }
    peak = peak.max(rss(client.pid()));

    latencies.sort();
    let requests = latencies.len();
    let messages = requests as f64 + changes as f64;
    eprintln!(
        "stress: {done} operations in {:.2}s ({requests} requests, {changes} didChange, {hovers_checked} hovers checked \
         against the model) — {:.0} messages/s, {:.0} requests/s; request latency p50 {:?}, p99 {:?}, max {:?}; \
         server RSS {} MB -> peak {} MB",
        elapsed.as_secs_f64(),
        messages / elapsed.as_secs_f64(),
        requests as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        latencies.last().copied().unwrap_or_default(),
        baseline >> 20,
        peak >> 20,
    );
    // Closing clears each document; the clear comes after any repeat of its last publication
    // (the same version may be published twice when its change was signalled twice).
    for model in &models {
        client.notify("textDocument/didClose", json!({ "textDocument": { "uri": model.uri } }));
        assert_eq!(client.diagnostics(&model.uri, None), Vec::<Value>::new());
    }
    assert!(hovers_checked > 0, "the run checked hovers against the model");
    let growth = peak.saturating_sub(baseline);
    assert!(growth < 128 << 20, "the server grew by {} MB during the run", growth >> 20);
    client.shutdown();
}
