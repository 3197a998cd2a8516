//! Property: random sequences of incremental edits (random ranges; CJK, emoji, CRLF), sent to
//! the real server over stdio as `didChange` notifications, leave its document equal to a
//! reference string kept by the test.
//!
//! The server's text is revealed without any debug hook: the texts are built from marker codes
//! (`AIS.99nn`, unknown to the catalog, so each one is a diagnostic naming itself) and filler.
//! After the last edit, the diagnostics published for the final version must equal those the
//! library computes on the reference string, with ranges converted by this file's own
//! position arithmetic. A lost, doubled or misplaced character moves or breaks a marker. Both
//! UTF-16 (LSP's default) and UTF-8 position encodings are checked.

mod support;

use std::cell::RefCell;

use errcode_ls::analysis::{Context, Options, analyze};
use errcode_ls::catalog::{CatalogBuilder, Origin, builtin_catalog};
use errcode_ls::recognize::Recognizer;
use errcode_ls::syntax::Language;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use support::lsp_client::{Client, Setup};
use support::text_model::{Unit, boundaries, position};

/// What texts are made of: markers, filler, multi-byte characters and both line breaks.
const PIECES: &[&str] = &[
    "AIS.9901",
    "AIS.9902 ",
    " AIS.9903",
    "x",
    "中文",
    "😀",
    "👩‍💻",
    "é",
    " ",
    "\r\n",
    "\n",
    "\t",
    "AIS.0101",
];

/// One edit, its range given as fractions of the reference text at the time it is applied.
#[derive(Debug, Clone)]
struct EditSpec {
    start: f64,
    length: f64,
    text: String,
    /// Whether this edit starts a new `didChange` notification (otherwise it joins the last one).
    new_notification: bool,
}

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..max).prop_map(|pieces| pieces.concat())
}

fn edits_strategy() -> impl Strategy<Value = (String, Vec<EditSpec>)> {
    let edit = (0.0..=1.0f64, prop_oneof![Just(0.0), 0.0..0.3f64], text_strategy(6), any::<bool>()).prop_map(
        |(start, length, text, new_notification)| EditSpec { start, length, text, new_notification },
    );
    (text_strategy(40), prop::collection::vec(edit, 1..40))
}

struct Harness {
    client: Client,
    _dir: tempfile::TempDir,
    unit: Unit,
    documents: usize,
    catalog: errcode_ls::catalog::Catalog,
    recognizer: Recognizer,
}

impl Harness {
    fn start(unit: Unit) -> Harness {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut setup = Setup::new(env!("CARGO_BIN_EXE_errcode-ls"), dir.path().join("cache"));
        setup.encodings = vec![if unit == Unit::Utf8 { "utf-8" } else { "utf-16" }];
        let client = Client::start(setup);
        let expected = if unit == Unit::Utf8 { "utf-8" } else { "utf-16" };
        assert_eq!(client.capabilities["capabilities"]["positionEncoding"], expected);
        let mut builder = CatalogBuilder::new();
        builder.add("builtin".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        let (catalog, _) = builder.finish();
        let recognizer = Recognizer::new(&catalog);
        Harness { client, _dir: dir, unit, documents: 0, catalog, recognizer }
    }

    /// The diagnostics the server must publish for `text`: the library's findings on the
    /// reference, as `(range, message)` in this file's position arithmetic.
    fn expected(&self, text: &str) -> Vec<(Value, Value, String)> {
        let options = Options::default();
        let cx = Context {
            catalog: &self.catalog,
            recognizer: &self.recognizer,
            options: &options,
            workspace: None,
        };
        analyze(text, Language::Other, cx)
            .into_iter()
            .map(|f| {
                (position(text, f.range.start, self.unit), position(text, f.range.end, self.unit), f.message)
            })
            .collect()
    }

    /// Opens a fresh document, applies the edits to it and to the reference, and compares.
    fn check(&mut self, initial: &str, edits: &[EditSpec]) -> Result<(), TestCaseError> {
        self.documents += 1;
        let uri = format!("file:///edits/doc{}.txt", self.documents);
        self.client.open(&uri, "plaintext", initial);
        let mut reference = initial.to_owned();
        let mut version = 1;
        let mut batch: Vec<Value> = Vec::new();
        for (i, edit) in edits.iter().enumerate() {
            let bounds = boundaries(&reference);
            let start_at = ((bounds.len() - 1) as f64 * edit.start) as usize;
            let end_at =
                (start_at + ((bounds.len() - 1) as f64 * edit.length) as usize).min(bounds.len() - 1);
            let (start, end) = (bounds[start_at], bounds[end_at]);
            let range = json!({ "start": position(&reference, start, self.unit), "end": position(&reference, end, self.unit) });
            batch.push(json!({ "range": range, "text": edit.text }));
            reference.replace_range(start..end, &edit.text);
            let last = i + 1 == edits.len();
            if last || edits[i + 1].new_notification {
                version += 1;
                self.client.notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": batch }),
                );
                batch = Vec::new();
            }
        }
        let published = self.client.diagnostics(&uri, Some(version));
        let actual: Vec<(Value, Value, String)> = published
            .iter()
            .map(|d| {
                let message = d["message"].as_str().unwrap_or_default().to_owned();
                (d["range"]["start"].clone(), d["range"]["end"].clone(), message)
            })
            .collect();
        self.client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri } }));
        self.client.diagnostics(&uri, None);
        prop_assert_eq!(actual, self.expected(&reference), "reference text: {:?}", reference);
        Ok(())
    }
}

fn run(unit: Unit) {
    let harness = RefCell::new(Harness::start(unit));
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48);
    let mut runner = TestRunner::new(Config { cases, failure_persistence: None, ..Config::default() });
    let outcome =
        runner.run(&edits_strategy(), |(initial, edits)| harness.borrow_mut().check(&initial, &edits));
    if let Err(e) = outcome {
        panic!("{e}");
    }
    harness.into_inner().client.shutdown();
}

#[test]
fn random_incremental_edits_leave_the_document_equal_to_the_reference_in_utf16() {
    run(Unit::Utf16);
}

#[test]
fn random_incremental_edits_leave_the_document_equal_to_the_reference_in_utf8() {
    run(Unit::Utf8);
}
