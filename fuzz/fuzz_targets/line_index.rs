//! Offsets ↔ positions on any text in every encoding: positions round-trip and never panic,
//! whatever line/column is asked for.
#![no_main]

use errcode_ls::text::{Encoding, LineIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, u32, u32)| {
    let (text, line, column) = input;
    let index = LineIndex::new(&text);
    for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
        let offset = index.offset(&text, line, column, encoding);
        assert!(offset <= text.len() && text.is_char_boundary(offset));
        for (offset, _) in text.char_indices() {
            if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                continue;
            }
            let (line, column) = index.position(&text, offset, encoding);
            assert_eq!(index.offset(&text, line, column, encoding), offset);
        }
    }
});
