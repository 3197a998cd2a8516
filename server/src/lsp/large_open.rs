//! Opening very large documents (a 200 MB log) without copying their text three times.
//!
//! Left to the framework, a `didOpen` of N bytes is held as the frame (N), decoded into a JSON
//! value (N more, plus a scratch buffer while unescaping) and deserialised into the parameters,
//! and the framework's read buffer keeps its N bytes of capacity for the rest of the session.
//! Instead, [`super::transport`] hands a `didOpen` frame larger than [`LARGE_OPEN`] to
//! [`divert`], which keeps the frame here and forwards the same notification with an empty
//! text. The `didOpen` handler then [`take`]s the frame and unescapes the JSON string straight
//! into a rope, chunk by chunk: at most the frame plus the rope are alive at once, and only the
//! rope stays.
//!
//! **Invariant:** a diverted frame is kept only until its `didOpen` is handled (notifications
//! are handled in order, so the handler always finds it); nothing else changes a message.

use std::collections::HashMap;
use std::sync::Mutex;

use ropey::{Rope, RopeBuilder};
use serde::Deserialize;
use serde_json::value::RawValue;

/// `didOpen` frames larger than this are diverted.
pub const LARGE_OPEN: usize = 4 << 20;

/// Frames diverted and not yet taken, by document URI and version.
/// The frame, and where the text's string literal is in it (without its quotes).
type Diverted = HashMap<(String, i32), (Vec<u8>, std::ops::Range<usize>)>;
static DIVERTED: Mutex<Option<Diverted>> = Mutex::new(None);

#[derive(Deserialize)]
struct Frame<T> {
    jsonrpc: String,
    method: String,
    params: Params<T>,
}

#[derive(Deserialize)]
struct Params<T> {
    #[serde(rename = "textDocument")]
    text_document: Item<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item<T> {
    uri: String,
    language_id: String,
    version: i32,
    text: T,
}

/// Keeps a large `didOpen` frame and returns the frame to forward instead (the same
/// notification with an empty text); any other frame comes back as `Err` unchanged. Parsing
/// the frame here also checks it is well-formed, so a diverted frame is read only once more,
/// by the unescaping.
pub fn divert(body: Vec<u8>) -> Result<Vec<u8>, Vec<u8>> {
    if body.len() <= LARGE_OPEN {
        return Err(body);
    }
    let Ok(frame) = serde_json::from_slice::<Frame<&RawValue>>(&body) else { return Err(body) };
    if frame.method != "textDocument/didOpen" || frame.jsonrpc != "2.0" {
        return Err(body);
    }
    let item = frame.params.text_document;
    let literal = item.text.get();
    let start = literal.as_ptr() as usize - body.as_ptr() as usize;
    if !(literal.len() >= 2 && literal.starts_with('"') && literal.ends_with('"')) {
        return Err(body);
    }
    let span = start + 1..start + literal.len() - 1;
    let forwarded = serde_json::json!({
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": { "textDocument": {
            "uri": item.uri, "languageId": item.language_id, "version": item.version, "text": "",
        } },
    });
    let key = (item.uri.clone(), item.version);
    let Ok(forwarded) = serde_json::to_vec(&forwarded) else { return Err(body) };
    let mut diverted = DIVERTED.lock().unwrap_or_else(|e| e.into_inner());
    diverted.get_or_insert_with(HashMap::new).insert(key, (body, span));
    Ok(forwarded)
}

/// The text of a diverted `didOpen` of `uri` at `version`, as a rope, if there is one.
pub fn take(uri: &str, version: i32) -> Option<Rope> {
    let (body, span) =
        DIVERTED.lock().unwrap_or_else(|e| e.into_inner()).as_mut()?.remove(&(uri.to_owned(), version))?;
    // The frame was parsed as JSON when diverted, so it is UTF-8 and the span a whole literal.
    let literal = std::str::from_utf8(body.get(span)?).ok()?;
    Some(unescape_into_rope(literal))
}

/// Unescapes the inside of a JSON string literal (already validated by the transport) into a
/// rope, a bounded buffer at a time.
pub fn unescape_into_rope(literal: &str) -> Rope {
    const FLUSH: usize = 64 * 1024;
    let mut builder = RopeBuilder::new();
    let mut buffer = String::with_capacity(FLUSH + 8);
    let bytes = literal.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let Some(found) = memchr::memchr(b'\\', &bytes[i..]) else {
            buffer.push_str(&literal[i..]);
            break;
        };
        buffer.push_str(&literal[i..i + found]);
        i += found;
        let (decoded, used) = escape(&literal[i..]);
        buffer.push(decoded);
        i += used;
        if buffer.len() >= FLUSH {
            builder.append(&buffer);
            buffer.clear();
        }
    }
    builder.append(&buffer);
    builder.finish()
}

/// One escape sequence at the start of `s` (which starts with `\`): the character and the
/// bytes it took. A malformed sequence becomes U+FFFD.
fn escape(s: &str) -> (char, usize) {
    let b = s.as_bytes();
    let simple = match b.get(1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let hex = |at: usize| s.get(at..at + 4).and_then(|h| u32::from_str_radix(h, 16).ok());
            let Some(first) = hex(2) else { return ('\u{fffd}', s.len().min(2)) };
            if (0xD800..0xDC00).contains(&first)
                && s.get(6..8) == Some("\\u")
                && let Some(second) = hex(8)
                && (0xDC00..0xE000).contains(&second)
            {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return (char::from_u32(c).unwrap_or('\u{fffd}'), 12);
            }
            return (char::from_u32(first).unwrap_or('\u{fffd}'), 6);
        }
        _ => return ('\u{fffd}', s.len().min(2)),
    };
    (simple, 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unescaping_gives_what_serde_json_decodes() {
        let text = "line \"one\" AIS.0101\r\n\ttab \\ slash / é 😀 \u{1} end\n".repeat(3000);
        let literal = serde_json::to_string(&text).unwrap_or_default();
        let rope = unescape_into_rope(&literal[1..literal.len() - 1]);
        assert_eq!(String::from(&rope), text);
        let escaped = r#"a\u00e9\ud83d\ude00\/\b\f"#;
        assert_eq!(String::from(&unescape_into_rope(escaped)), "aé😀/\u{8}\u{c}");
    }

    #[test]
    fn a_large_open_is_diverted_and_taken_back_whole() {
        let text = "x AIS.0101 \"quoted\"\n".repeat(LARGE_OPEN / 10);
        let frame = serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": "file:///big.log", "languageId": "log", "version": 3, "text": text } },
        });
        let forwarded = divert(serde_json::to_vec(&frame).unwrap_or_default()).unwrap_or_default();
        let forwarded: serde_json::Value = serde_json::from_slice(&forwarded).unwrap_or_default();
        assert_eq!(forwarded["params"]["textDocument"]["text"], "");
        assert_eq!(forwarded["params"]["textDocument"]["version"], 3);
        let rope = take("file:///big.log", 3).map(|r| String::from(&r));
        assert_eq!(rope.as_deref(), Some(text.as_str()));
        assert!(take("file:///big.log", 3).is_none());
    }
}
