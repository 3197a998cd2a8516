//! Opening very large documents (a 200 MB log) without ever holding their frame.
//!
//! Left to the framework, a `didOpen` of N bytes is held as the frame (N), decoded into a JSON
//! value (N more, plus a scratch buffer while unescaping) and deserialised into the parameters,
//! and the framework's read buffer keeps its N bytes of capacity for the rest of the session.
//! Instead, [`super::transport`] feeds the body of a frame larger than [`LARGE_OPEN`] to a
//! [`Streamed`] scanner as it arrives from stdin. The scanner follows the JSON structure just
//! enough to find the string at `params.textDocument.text` (wherever it sits among the other
//! members) and unescapes and validates that string chunk by chunk straight into a rope; every
//! other byte of the body is kept as it came, with `""` in place of the text: the *skeleton*.
//! Decoding thus overlaps with the client's writing, and only the rope (plus a few kilobytes)
//! is ever alive. When the body is complete, [`Streamed::finish`] decides:
//! - a well-formed `didOpen` is [`Outcome::Open`]: the transport keeps the rope ([`keep`]) and
//!   forwards the skeleton, the same notification with an empty text, and the `didOpen` handler
//!   [`take`]s the rope back;
//! - anything else comes back [`Outcome::Whole`] (the message with its text put back, for the
//!   usual checks), or [`Outcome::Invalid`] when it is not JSON (a malformed text literal —
//!   invalid UTF-8, a control character, a bad escape, a lone surrogate — or anything else).
//!
//! The text literal is held to the rules `serde_json` applies to the whole body, and the
//! skeleton is parsed by `serde_json` itself, so a body is accepted exactly when the framework
//! would accept it.
//!
//! **Invariant:** a rope is kept only until its `didOpen` is handled (notifications are handled
//! in order, so the handler always finds it); memory held while streaming is the rope plus the
//! skeleton (the body without its text), never the body; no message changes meaning.

use std::collections::VecDeque;
use std::sync::Mutex;

use ropey::{Rope, RopeBuilder};
use serde::Deserialize;
use serde_json::value::RawValue;

/// Frames larger than this are streamed through [`Streamed`]. A frame the framework reads
/// leaves its size in the framework's read buffer for the rest of the session, so a 1 MB
/// source file opened once would cost its size again for good; below a megabyte that is noise.
pub const LARGE_OPEN: usize = 1 << 20;

/// Ropes of `didOpen` texts not yet taken, with their document URI and version, in the order
/// their notifications were forwarded.
static DIVERTED: Mutex<VecDeque<(String, i32, Rope)>> = Mutex::new(VecDeque::new());

/// What a streamed body turned out to be.
#[derive(Debug)]
pub enum Outcome {
    /// A well-formed `didOpen`: forward `forward` (the same notification with `"text": ""`)
    /// and [`keep`] the text for its handler.
    Open { forward: Vec<u8>, uri: String, version: i32, text: Rope },
    /// Any other message, whole, with the same meaning as the body (byte for byte the body
    /// unless a text was taken out and had to be put back).
    Whole(Vec<u8>),
    /// Not JSON: the parse error.
    Invalid(String),
}

/// Keeps the text of a `didOpen` until its handler [`take`]s it.
pub fn keep(uri: String, version: i32, text: Rope) {
    DIVERTED.lock().unwrap_or_else(|e| e.into_inner()).push_back((uri, version, text));
}

/// The text of a streamed `didOpen` of `uri` at `version`, if there is one. Texts kept before
/// it are dropped: notifications are handled in order, so theirs were never handled (the
/// framework rejected their parameters) and nothing will take them.
pub fn take(uri: &str, version: i32) -> Option<Rope> {
    let mut diverted = DIVERTED.lock().unwrap_or_else(|e| e.into_inner());
    let at = diverted.iter().position(|(u, v, _)| u == uri && *v == version)?;
    diverted.drain(..at);
    diverted.pop_front().map(|(_, _, text)| text)
}

/// A scanner fed one frame body in chunks of any size (see the module comment).
#[derive(Debug, Default)]
pub struct Streamed {
    /// The body as it came, but for the text literal's contents.
    skeleton: Vec<u8>,
    mode: Mode,
    /// Nesting depth; the kinds and whether each container is on the path to the text are
    /// known for the first [`TRACKED`] levels (deeper, no member can be the text).
    depth: usize,
    objects: [bool; TRACKED + 1],
    on_path: [bool; TRACKED + 1],
    /// Whether the structure expects a member name next (else a value or punctuation).
    expect_key: bool,
    /// Whether the member name just read (at a tracked depth) is the next one of the path;
    /// consumed by the value that follows.
    key_on_path: bool,
    /// A member name being read, while it is short enough to be one of the path's.
    key: Option<Vec<u8>>,
    /// Where the text's `""` is in the skeleton, once its literal started.
    placeholder: Option<usize>,
    text: Option<Unescape>,
    /// A second member at the text's path (a duplicate name): the text is put back.
    duplicate: bool,
    error: Option<String>,
}

/// Container levels tracked: the root object, `params`, `textDocument`.
const TRACKED: usize = 3;
/// The member names leading to the text, by depth (1 = inside the root object).
const PATH: [&[u8]; TRACKED] = [b"params", b"textDocument", b"text"];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Between tokens.
    #[default]
    Structure,
    /// Inside a string other than the text; `escaped` after a backslash.
    String { escaped: bool },
    /// Inside the text literal.
    Text,
}

impl Streamed {
    pub fn new() -> Self {
        Self::default()
    }

    /// Scans the next bytes of the body.
    pub fn feed(&mut self, mut bytes: &[u8]) {
        while !bytes.is_empty() && self.error.is_none() {
            let used = match self.mode {
                Mode::Structure => self.structure(bytes),
                Mode::String { escaped } => self.string(bytes, escaped),
                Mode::Text => self.text(bytes),
            };
            bytes = &bytes[used..];
        }
    }

    /// What the body was, once all of it has been fed.
    pub fn finish(mut self) -> Outcome {
        if let Some(error) = self.error {
            return Outcome::Invalid(error);
        }
        if self.mode == Mode::Text {
            return Outcome::Invalid("EOF while parsing a string".into());
        }
        let (Some(placeholder), Some(text)) = (self.placeholder, self.text.take()) else {
            return Outcome::Whole(self.skeleton);
        };
        let text = text.finish();
        // The skeleton is the body with an empty text: JSON exactly when the body is.
        if let Err(e) = serde_json::from_slice::<serde_json::Value>(&self.skeleton) {
            // Its position would be the skeleton's, not the body's.
            let message = e.to_string();
            return Outcome::Invalid(
                message.rsplit_once(" at line ").map_or(message.clone(), |(m, _)| m.into()),
            );
        }
        match open_params(&self.skeleton, placeholder) {
            Some((uri, version)) if !self.duplicate => {
                Outcome::Open { forward: self.skeleton, uri, version, text }
            }
            _ => Outcome::Whole(put_back(&self.skeleton, placeholder, &text)),
        }
    }

    /// Structural bytes up to the start of a string; returns the bytes used.
    fn structure(&mut self, bytes: &[u8]) -> usize {
        for (i, &b) in bytes.iter().enumerate() {
            match b {
                b'{' | b'[' => {
                    let on_path = self.take_key_on_path() || self.depth == 0;
                    self.depth += 1;
                    if self.depth <= TRACKED {
                        self.objects[self.depth] = b == b'{';
                        self.on_path[self.depth] =
                            b == b'{' && on_path && (self.depth == 1 || self.on_path[self.depth - 1]);
                    }
                    self.expect_key = b == b'{';
                }
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.key_on_path = false;
                    self.expect_key = false;
                }
                b',' => {
                    self.key_on_path = false;
                    self.expect_key = self.depth <= TRACKED && self.objects[self.depth];
                }
                b':' => self.expect_key = false,
                b'"' => {
                    let at_text = !self.expect_key
                        && self.take_key_on_path()
                        && self.depth == TRACKED
                        && self.on_path[TRACKED];
                    if at_text && self.placeholder.is_none() {
                        self.skeleton.extend_from_slice(&bytes[..=i]);
                        self.placeholder = Some(self.skeleton.len() - 1);
                        self.text = Some(Unescape::default());
                        self.mode = Mode::Text;
                        return i + 1;
                    }
                    self.duplicate |= at_text;
                    let tracked_key = self.expect_key && (1..=TRACKED).contains(&self.depth);
                    self.key = tracked_key.then(Vec::new);
                    self.skeleton.extend_from_slice(&bytes[..=i]);
                    self.mode = Mode::String { escaped: false };
                    return i + 1;
                }
                b' ' | b'\t' | b'\n' | b'\r' => {}
                // A scalar (or garbage, which the final parse rejects) is a value.
                _ => self.key_on_path = false,
            }
        }
        self.skeleton.extend_from_slice(bytes);
        bytes.len()
    }

    fn take_key_on_path(&mut self) -> bool {
        std::mem::take(&mut self.key_on_path)
    }

    /// Bytes of a string other than the text, copied as they are.
    fn string(&mut self, bytes: &[u8], mut escaped: bool) -> usize {
        let mut i = 0;
        let end = loop {
            if escaped {
                if i >= bytes.len() {
                    break None;
                }
                escaped = false;
                i += 1;
                continue;
            }
            match memchr::memchr2(b'"', b'\\', &bytes[i..]) {
                None => break None,
                Some(found) if bytes[i + found] == b'"' => break Some(i + found),
                Some(found) => {
                    escaped = true;
                    i += found + 1;
                }
            }
        };
        let used = end.map_or(bytes.len(), |end| end + 1);
        self.skeleton.extend_from_slice(&bytes[..used]);
        if let Some(key) = &mut self.key {
            key.extend_from_slice(&bytes[..used]);
            if key.len() > 64 {
                self.key = None;
            }
        }
        match end {
            None => self.mode = Mode::String { escaped },
            Some(_) => {
                self.mode = Mode::Structure;
                if let Some(mut key) = self.key.take() {
                    // The name with its closing quote; decoded when it holds escapes.
                    key.pop();
                    self.key_on_path = key_is(&key, PATH[self.depth - 1]);
                }
            }
        }
        used
    }

    /// Bytes of the text literal, unescaped into the rope.
    fn text(&mut self, bytes: &[u8]) -> usize {
        let Some(text) = &mut self.text else { return bytes.len() };
        match text.feed(bytes) {
            Ok(None) => bytes.len(),
            Ok(Some(end)) => {
                self.skeleton.push(b'"');
                self.mode = Mode::Structure;
                end + 1
            }
            Err(e) => {
                self.error = Some(e);
                bytes.len()
            }
        }
    }
}

/// Whether the raw contents of a member name (between its quotes) decode to `name`.
fn key_is(raw: &[u8], name: &[u8]) -> bool {
    if !raw.contains(&b'\\') {
        return raw == name;
    }
    let mut quoted = Vec::with_capacity(raw.len() + 2);
    quoted.push(b'"');
    quoted.extend_from_slice(raw);
    quoted.push(b'"');
    serde_json::from_slice::<String>(&quoted).is_ok_and(|decoded| decoded.as_bytes() == name)
}

#[derive(Deserialize)]
struct Frame<'a> {
    jsonrpc: String,
    method: String,
    #[serde(borrow)]
    params: Params<'a>,
}

#[derive(Deserialize)]
struct Params<'a> {
    #[serde(rename = "textDocument", borrow)]
    text_document: Item<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    uri: String,
    #[allow(dead_code)] // Required, as the framework requires it.
    language_id: String,
    version: i32,
    #[serde(borrow)]
    text: &'a RawValue,
}

/// The URI and version when `skeleton` is a `didOpen` whose text is the `""` at `placeholder`
/// (a duplicate member name anywhere on the way makes the parse fail).
fn open_params(skeleton: &[u8], placeholder: usize) -> Option<(String, i32)> {
    let frame: Frame = serde_json::from_slice(skeleton).ok()?;
    let text = frame.params.text_document.text.get();
    let at = text.as_ptr() as usize - skeleton.as_ptr() as usize;
    (frame.jsonrpc == "2.0" && frame.method == "textDocument/didOpen" && text == "\"\"" && at == placeholder)
        .then_some((frame.params.text_document.uri, frame.params.text_document.version))
}

/// The skeleton with the text, escaped again, in place of its `""`.
fn put_back(skeleton: &[u8], placeholder: usize, text: &Rope) -> Vec<u8> {
    let mut body = Vec::with_capacity(skeleton.len() + text.len_bytes() + text.len_bytes() / 8);
    body.extend_from_slice(&skeleton[..placeholder]);
    let whole = String::from(text);
    // Writing a `String` into a `Vec` cannot fail.
    let _ = serde_json::to_writer(&mut body, &whole);
    body.extend_from_slice(&skeleton[placeholder + 2..]);
    body
}

/// Unescapes a JSON string literal's contents, fed in chunks, into a rope, holding it to the
/// rules `serde_json` checks: no control characters, known escapes, paired surrogates, UTF-8.
///
/// Decoding copies the runs between escapes into a buffer; the checks then run once over each
/// chunk (control characters, in the raw bytes) and over each flushed buffer (UTF-8: escapes
/// decode to whole characters, so the decoded text is UTF-8 exactly when the raw runs are).
/// Logs escape often (every quote of a JSON line), so no check runs per escape.
#[derive(Default)]
struct Unescape {
    builder: RopeBuilder,
    /// Decoded bytes not yet in the rope; may end with a UTF-8 sequence cut by a chunk's end.
    buffer: Vec<u8>,
    escape: Escape,
}

impl std::fmt::Debug for Unescape {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unescape").field("escape", &self.escape).finish_non_exhaustive()
    }
}

/// Decoded bytes gathered before they are checked and added to the rope.
const FLUSH: usize = 64 * 1024;

/// Where an escape sequence cut by the end of a chunk stands.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Escape {
    #[default]
    None,
    Backslash,
    /// `\u` and `digits` hex digits of `value`, after a leading surrogate `high` if any.
    Hex {
        value: u32,
        digits: u8,
        high: Option<u32>,
    },
    /// After a leading surrogate: `\` must follow, then `u`.
    Low {
        high: u32,
        backslash: bool,
    },
}

impl Unescape {
    /// Decodes `bytes`; returns where the closing quote is if it is in them.
    fn feed(&mut self, bytes: &[u8]) -> Result<Option<usize>, String> {
        let end = self.decode(bytes)?;
        if end.is_some() {
            self.flush(true)?;
        } else if self.buffer.len() >= FLUSH {
            self.flush(false)?;
        }
        Ok(end)
    }

    fn decode(&mut self, bytes: &[u8]) -> Result<Option<usize>, String> {
        let mut i = 0;
        loop {
            while self.escape != Escape::None {
                let Some(&b) = bytes.get(i) else { return Ok(None) };
                self.escape_byte(b)?;
                i += 1;
            }
            let rest = &bytes[i..];
            let Some(found) = special(rest) else {
                self.buffer.extend_from_slice(rest);
                return Ok(None);
            };
            self.buffer.extend_from_slice(&rest[..found]);
            i += found;
            match bytes[i] {
                b'"' => return Ok(Some(i)),
                b'\\' => {}
                _ => return Err(CONTROL.into()),
            }
            // The common escapes (a JSON log's quotes) inline; the rest byte by byte.
            match bytes.get(i + 1) {
                Some(&b @ (b'"' | b'\\' | b'/')) => {
                    self.buffer.push(b);
                    i += 2;
                }
                Some(b'n') => {
                    self.buffer.push(b'\n');
                    i += 2;
                }
                _ => {
                    self.escape = Escape::Backslash;
                    i += 1;
                }
            }
        }
    }

    fn escape_byte(&mut self, b: u8) -> Result<(), String> {
        self.escape = match self.escape {
            Escape::None => Escape::None,
            Escape::Backslash => {
                let simple = match b {
                    b'"' => b'"',
                    b'\\' => b'\\',
                    b'/' => b'/',
                    b'b' => 0x08,
                    b'f' => 0x0C,
                    b'n' => b'\n',
                    b'r' => b'\r',
                    b't' => b'\t',
                    b'u' => {
                        self.escape = Escape::Hex { value: 0, digits: 0, high: None };
                        return Ok(());
                    }
                    _ => return Err("invalid escape".into()),
                };
                self.buffer.push(simple);
                Escape::None
            }
            Escape::Hex { value, digits, high } => {
                let digit = (b as char).to_digit(16).ok_or_else(|| "invalid escape".to_owned())?;
                let value = value * 16 + digit;
                if digits < 3 {
                    Escape::Hex { value, digits: digits + 1, high }
                } else {
                    self.code_unit(value, high)?
                }
            }
            Escape::Low { high, backslash: false } if b == b'\\' => Escape::Low { high, backslash: true },
            Escape::Low { high, backslash: true } if b == b'u' => {
                Escape::Hex { value: 0, digits: 0, high: Some(high) }
            }
            Escape::Low { .. } => return Err("unexpected end of hex escape".into()),
        };
        Ok(())
    }

    /// A `\uXXXX` code unit, after the leading surrogate `high` if any.
    fn code_unit(&mut self, unit: u32, high: Option<u32>) -> Result<Escape, String> {
        const LONE: &str = "lone leading surrogate in hex escape";
        let c = match (high, unit) {
            (Some(high), 0xDC00..=0xDFFF) => 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00),
            (Some(_), _) | (None, 0xDC00..=0xDFFF) => return Err(LONE.into()),
            (None, 0xD800..=0xDBFF) => return Ok(Escape::Low { high: unit, backslash: false }),
            (None, _) => unit,
        };
        let c = char::from_u32(c).ok_or_else(|| LONE.to_owned())?;
        self.buffer.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(Escape::None)
    }

    /// Checks the buffer and adds it to the rope; a UTF-8 sequence cut at its end waits for the
    /// next bytes unless this is the `last` flush.
    fn flush(&mut self, last: bool) -> Result<(), String> {
        let valid = match std::str::from_utf8(&self.buffer) {
            Ok(_) => self.buffer.len(),
            Err(e) if e.error_len().is_none() && !last => e.valid_up_to(),
            Err(_) => return Err(INVALID_UTF8.into()),
        };
        // Checked just above.
        self.builder.append(std::str::from_utf8(&self.buffer[..valid]).unwrap_or_default());
        self.buffer.drain(..valid);
        Ok(())
    }

    fn finish(mut self) -> Rope {
        // The text ended with its closing quote, which flushed everything.
        let _ = self.flush(true);
        self.builder.finish()
    }
}

/// The first `"`, `\\` or control character (below U+0020) in `bytes`, eight bytes at a time:
/// the runs between a log's escapes are short, too short for a call into `memchr` to pay off.
#[inline]
fn special(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES << 7;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let v = u64::from_le_bytes(word);
        // A byte of `x` is flagged when it is zero (lowest flag exact; borrows only flag bytes
        // above a true one), or when it is below 0x20 for the control test.
        let quote = v ^ (ONES * u64::from(b'"'));
        let backslash = v ^ (ONES * u64::from(b'\\'));
        let flags = (quote.wrapping_sub(ONES) & !quote)
            | (backslash.wrapping_sub(ONES) & !backslash)
            | (v.wrapping_sub(ONES * 0x20) & !v);
        let flags = flags & HIGH;
        if flags != 0 {
            return Some(at + flags.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20).map(|i| at + i)
}

const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const INVALID_UTF8: &str = "invalid unicode code point";

#[cfg(test)]
mod tests {
    use super::*;

    /// One test for the shared store, so no other test's `take` drops texts kept here.
    #[test]
    fn kept_texts_are_taken_once_and_drop_those_kept_before_them_that_no_handler_took() {
        let uri = |n: u8| format!("file:///taking-{n}.log");
        keep(uri(1), 1, Rope::from_str("never handled"));
        keep(uri(2), 1, Rope::from_str("second"));
        keep(uri(3), 1, Rope::from_str("third"));
        assert_eq!(take(&uri(2), 1).map(String::from), Some("second".to_owned()));
        assert_eq!(take(&uri(2), 1), None);
        assert_eq!(take(&uri(1), 1), None);
        assert_eq!(take(&uri(3), 1).map(String::from), Some("third".to_owned()));
    }

    /// Streams `body` in chunks of `size` bytes.
    fn stream(body: &[u8], size: usize) -> Outcome {
        let mut scanner = Streamed::new();
        for chunk in body.chunks(size.max(1)) {
            scanner.feed(chunk);
        }
        scanner.finish()
    }

    fn open(text: &str) -> Vec<u8> {
        let frame = serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": "file:///big.log", "languageId": "log", "version": 3, "text": text } },
        });
        serde_json::to_vec(&frame).unwrap_or_default()
    }

    /// The text and forwarded frame of an `Open`, or what it was instead.
    fn opened(outcome: Outcome) -> Result<(String, serde_json::Value), String> {
        match outcome {
            Outcome::Open { forward, uri, version, text } => {
                assert_eq!((uri.as_str(), version), ("file:///big.log", 3));
                Ok((String::from(&text), serde_json::from_slice(&forward).unwrap_or_default()))
            }
            Outcome::Whole(body) => Err(format!("whole: {}", String::from_utf8_lossy(&body))),
            Outcome::Invalid(e) => Err(format!("invalid: {e}")),
        }
    }

    #[test]
    fn the_text_is_unescaped_whatever_the_chunks() {
        let text = "line \"one\" AIS.0101\r\n\ttab \\ slash / é 😀 \u{1} \u{7f} end\n".repeat(50);
        let body = open(&text);
        for size in [1, 2, 3, 5, 7, 11, 64, 4096, body.len()] {
            let (decoded, forward) = opened(stream(&body, size)).unwrap_or_default();
            assert_eq!(decoded, text, "chunks of {size}");
            assert_eq!(forward["params"]["textDocument"]["text"], "");
            assert_eq!(forward["params"]["textDocument"]["languageId"], "log");
        }
    }

    #[test]
    fn escapes_are_decoded_as_serde_json_does() {
        let literal = r#"a\u00e9\ud83d\ude00\/\b\f\u0041\"\\"#;
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{{"textDocument":{{"text":"{literal}","uri":"file:///big.log","languageId":"log","version":3}}}}}}"#
        );
        let expected: String = serde_json::from_str(&format!("\"{literal}\"")).unwrap_or_default();
        for size in 1..=13 {
            let decoded = opened(stream(body.as_bytes(), size)).map(|(text, _)| text);
            assert_eq!(decoded.as_deref(), Ok(expected.as_str()), "chunks of {size}");
        }
    }

    #[test]
    fn malformed_text_literals_are_invalid_json() {
        let empty = String::from_utf8(open("")).unwrap_or_default();
        for literal in
            [r"\ud800", r"\ud800x", r"\ud800\u0041", r"\udc00", r"\x", r"\u12g4", "tab\there", r"\u+123"]
        {
            let body = empty.replace(r#""text":"""#, &format!(r#""text":"{literal}""#));
            assert!(serde_json::from_str::<serde_json::Value>(&body).is_err(), "{literal}");
            for size in [1, 4, body.len()] {
                assert!(
                    matches!(stream(body.as_bytes(), size), Outcome::Invalid(_)),
                    "{literal} in chunks of {size}"
                );
            }
        }
        let mut body = open("ok é ok");
        let at = body.iter().position(|&b| b == 0xC3).unwrap_or_default();
        body[at + 1] = b'x';
        assert!(matches!(stream(&body, 7), Outcome::Invalid(_)));
    }

    #[test]
    fn other_messages_come_back_as_they_were() {
        let change = br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///a","version":2},"contentChanges":[{"text":"x \"y\""}]}}"#;
        assert!(matches!(stream(change, 5), Outcome::Whole(body) if body == change));
        // The text's path in another method: its text is put back.
        let save = br#"{"jsonrpc":"2.0","method":"x/y","params":{"textDocument":{"uri":"file:///a","text":"a\u00e9\n"}}}"#;
        let Outcome::Whole(body) = stream(save, 3) else { panic!("not whole") };
        let (put, original): (serde_json::Value, serde_json::Value) = (
            serde_json::from_slice(&body).unwrap_or_default(),
            serde_json::from_slice(save).unwrap_or_default(),
        );
        assert_eq!(put, original);
    }

    #[test]
    fn a_duplicate_text_member_is_not_diverted() {
        let body = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///big.log","languageId":"log","version":3,"text":"a","text":"b"}}}"#;
        assert!(matches!(stream(body, 4), Outcome::Whole(_)));
    }

    #[test]
    fn escaped_member_names_are_recognised() {
        let body = br#"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"text\u0044ocument":{"uri":"file:///big.log","languageId":"log","version":3,"te\u0078t":"abc"}}}"#;
        assert_eq!(opened(stream(body, 2)).map(|(text, _)| text).as_deref(), Ok("abc"));
    }

    #[test]
    fn broken_json_around_the_text_is_invalid() {
        let body = open("some text");
        assert!(matches!(stream(&body[..body.len() - 1], 3), Outcome::Invalid(_)));
        // Cut inside the text.
        let inside = body.windows(4).position(|w| w == b"some").unwrap_or_default() + 2;
        assert!(matches!(stream(&body[..inside], 3), Outcome::Invalid(_)));
    }

    #[test]
    fn the_word_scan_finds_what_a_byte_scan_finds() {
        let naive = |b: &[u8]| b.iter().position(|&c| c == b'"' || c == b'\\' || c < 0x20);
        let alphabet = [b'a', b'"', b'\\', 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xA2, 0xFF, b'!', b']'];
        // Every special byte at every offset of a run, with every other byte after it.
        for len in 0..20 {
            for at in 0..len {
                for &first in &alphabet {
                    for &later in &alphabet {
                        let mut run = vec![b'x'; len];
                        run[at] = first;
                        for b in run.iter_mut().skip(at + 1) {
                            *b = later;
                        }
                        assert_eq!(special(&run), naive(&run), "{run:?}");
                    }
                }
            }
        }
    }
}
