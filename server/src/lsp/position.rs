//! LSP positions ↔ byte offsets in a rope, in the negotiated encoding.
//!
//! Lines come from the rope (built with only `\n`, `\r\n` and `\r` as breaks, as LSP counts
//! them); columns within a line are counted by [`crate::text::LineIndex`], so there is one
//! implementation of column arithmetic in the whole program.
//!
//! **Invariant:** the only LSP module that turns positions into offsets or back.

use std::borrow::Cow;
use std::ops::Range;

use ropey::Rope;
use tower_lsp_server::ls_types::{self as lsp, PositionEncodingKind};

use crate::text::{Encoding, LineIndex};

/// The encoding to use given what the client offers: UTF-8 when offered (no conversion at
/// all), otherwise LSP's default UTF-16.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

/// The name of an encoding as LSP spells it.
pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// Byte offset of `position`. Lines past the end clamp to the end of text; columns past a
/// line's end clamp to it, before its line break.
pub fn offset(rope: &Rope, position: lsp::Position, encoding: Encoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_byte(line);
    let text: Cow<str> = rope.line(line).into();
    start + LineIndex::new(&text).offset(&text, 0, position.character, encoding)
}

/// The position of byte `offset` (rounded down to a character boundary, clamped to the text).
pub fn position(rope: &Rope, offset: usize, encoding: Encoding) -> lsp::Position {
    let offset = rope.char_to_byte(rope.byte_to_char(offset.min(rope.len_bytes())));
    let line = rope.byte_to_line(offset);
    let start = rope.line_to_byte(line);
    let text: Cow<str> = rope.line(line).into();
    let (_, character) = LineIndex::new(&text).position(&text, offset - start, encoding);
    lsp::Position { line: line as u32, character }
}

/// The LSP range of a byte range.
pub fn range(rope: &Rope, bytes: Range<usize>, encoding: Encoding) -> lsp::Range {
    lsp::Range { start: position(rope, bytes.start, encoding), end: position(rope, bytes.end, encoding) }
}

/// The byte range of an LSP range (start and end clamped; reversed ranges become empty).
pub fn byte_range(rope: &Rope, range: lsp::Range, encoding: Encoding) -> Range<usize> {
    let start = offset(rope, range.start, encoding);
    let end = offset(rope, range.end, encoding).max(start);
    start..end
}

/// Positions in a plain string (a catalog file): the same arithmetic without a rope.
pub fn position_in_text(index: &LineIndex, text: &str, offset: usize, encoding: Encoding) -> lsp::Position {
    let (line, character) = index.position(text, offset, encoding);
    lsp::Position { line, character }
}

/// A rope whose lines break exactly where LSP's do.
pub fn rope(text: &str) -> Rope {
    Rope::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a😀b\r\n中文AIS.0101\rx\nlast";

    fn pos(line: u32, character: u32) -> lsp::Position {
        lsp::Position { line, character }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_and_cjk() {
        let rope = rope(TEXT);
        let b = TEXT.find('b').unwrap_or_default();
        assert_eq!(position(&rope, b, Encoding::Utf16), pos(0, 3));
        assert_eq!(offset(&rope, pos(0, 3), Encoding::Utf16), b);
        let code = TEXT.find("AIS").unwrap_or_default();
        assert_eq!(position(&rope, code, Encoding::Utf16), pos(1, 2));
        assert_eq!(position(&rope, code, Encoding::Utf8), pos(1, 6));
    }

    #[test]
    fn lone_cr_and_crlf_both_end_lines() {
        let rope = rope(TEXT);
        assert_eq!(rope.len_lines(), 4);
        assert_eq!(position(&rope, TEXT.find('x').unwrap_or_default(), Encoding::Utf16), pos(2, 0));
    }

    #[test]
    fn every_character_round_trips_in_each_encoding() {
        let rope = rope(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (at, _) in
                TEXT.char_indices().filter(|&(i, _)| !TEXT[..i].ends_with('\r') || TEXT[i..].starts_with('x'))
            {
                let p = position(&rope, at, encoding);
                assert_eq!(offset(&rope, p, encoding), at, "{encoding:?} at {at}");
            }
            let end = position(&rope, TEXT.len(), encoding);
            assert_eq!(end, pos(3, 4));
            assert_eq!(offset(&rope, end, encoding), TEXT.len());
        }
    }

    #[test]
    fn positions_past_the_end_clamp() {
        let rope = rope(TEXT);
        assert_eq!(offset(&rope, pos(0, 99), Encoding::Utf16), TEXT.find('\r').unwrap_or_default());
        assert_eq!(offset(&rope, pos(99, 0), Encoding::Utf16), TEXT.len());
        assert_eq!(position(&rope, TEXT.len() + 10, Encoding::Utf16), pos(3, 4));
        // Half a surrogate pair rounds down to the emoji's start.
        assert_eq!(offset(&rope, pos(0, 2), Encoding::Utf16), 1);
    }
}
