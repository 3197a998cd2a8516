//! The streaming scanner of large `didOpen` bodies ([`errcode_ls::lsp::large_open::Streamed`])
//! against `serde_json` on the whole body: fed in chunks of any size, it must call a body
//! invalid only when `serde_json` rejects it, give back any other message with the same
//! meaning, and take out exactly the text `serde_json` decodes of a `didOpen`.
//!
//! Input: the first byte sets the chunk size (1 to 16 bytes, so that every escape, surrogate
//! pair and UTF-8 sequence is cut somewhere); the rest is the body.
#![no_main]

use errcode_ls::lsp::large_open::{Outcome, Streamed};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&size, body)) = data.split_first() else { return };
    let mut scanner = Streamed::new();
    for chunk in body.chunks(usize::from(size % 16) + 1) {
        scanner.feed(chunk);
    }
    let whole = serde_json::from_slice::<Value>(body);
    match scanner.finish() {
        Outcome::Invalid(e) => assert!(whole.is_err(), "called invalid ({e}) but serde_json accepts it"),
        Outcome::Whole(back) => match whole {
            Ok(value) => assert_eq!(serde_json::from_slice::<Value>(&back).ok(), Some(value)),
            Err(_) => assert!(serde_json::from_slice::<Value>(&back).is_err(), "a broken body came back whole"),
        },
        Outcome::Open { forward, uri, version, text } => {
            let value = whole.expect("an open is JSON");
            let mut forwarded: Value = serde_json::from_slice(&forward).expect("the forwarded open is JSON");
            assert_eq!(forwarded["params"]["textDocument"]["text"], "");
            forwarded["params"]["textDocument"]["text"] = Value::String(String::from(&text));
            assert_eq!(forwarded, value);
            assert_eq!(value["method"], "textDocument/didOpen");
            assert_eq!(value["params"]["textDocument"]["uri"], uri.as_str());
            assert_eq!(value["params"]["textDocument"]["version"], version);
        }
    }
});
