//! Byte offsets ↔ (line, column) in any of the encodings editors count columns in.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as LSP defines them. Positions past the end of a
//! line clamp to its end (before the line break); lines past the end clamp to the end of text.
//!
//! **Invariant:** the one place where columns are counted; every other module speaks bytes.

/// How columns are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units: LSP's default.
    #[default]
    Utf16,
    /// Unicode scalar values (characters).
    Utf32,
}

impl Encoding {
    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset of the first character of each line.
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + found;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            starts.push(next);
            i = next;
        }
        LineIndex { starts, len: text.len() }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// Byte range of line `line`'s content (without its line break).
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line) else {
            return self.len..self.len;
        };
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }

    /// `(line, column)` of byte `offset`, both 0-based, the column in `encoding` units.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> (u32, u32) {
        let offset = floor_boundary(text, offset.min(self.len));
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let end = offset.min(range.end).max(range.start);
        let column: usize = text[range.start..end].chars().map(|c| encoding.width(c)).sum();
        (line as u32, column as u32)
    }

    /// Byte offset of `(line, column)`. Columns past the line's end clamp to it; a column inside
    /// a character (half a surrogate pair) rounds down to the character's start.
    pub fn offset(&self, text: &str, line: u32, column: u32, encoding: Encoding) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let mut remaining = column as usize;
        for (i, c) in text[range.clone()].char_indices() {
            let width = encoding.width(c);
            if remaining < width {
                return range.start + i;
            }
            remaining -= width;
        }
        range.end
    }
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a😀b\r\n中文AIS.0101\rx\n";

    #[test]
    fn columns_count_in_each_encoding() {
        let index = LineIndex::new(TEXT);
        let b = TEXT.find('b').unwrap();
        assert_eq!(index.position(TEXT, b, Encoding::Utf16), (0, 3));
        assert_eq!(index.position(TEXT, b, Encoding::Utf8), (0, 5));
        assert_eq!(index.position(TEXT, b, Encoding::Utf32), (0, 2));
        let code = TEXT.find("AIS").unwrap();
        assert_eq!(index.position(TEXT, code, Encoding::Utf16), (1, 2));
        assert_eq!(index.position(TEXT, TEXT.find('x').unwrap(), Encoding::Utf16), (2, 0));
    }

    #[test]
    fn every_offset_round_trips() {
        let index = LineIndex::new(TEXT);
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (offset, _) in TEXT.char_indices() {
                if TEXT[offset..].starts_with('\n') && TEXT[..offset].ends_with('\r') {
                    continue; // the middle of a CRLF is not a position
                }
                let (line, col) = index.position(TEXT, offset, encoding);
                assert_eq!(index.offset(TEXT, line, col, encoding), offset, "{encoding:?} at {offset}");
            }
        }
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let index = LineIndex::new(TEXT);
        assert_eq!(index.offset(TEXT, 0, 99, Encoding::Utf16), TEXT.find('\r').unwrap());
        assert_eq!(index.offset(TEXT, 99, 0, Encoding::Utf16), TEXT.len());
        // Half of the emoji's surrogate pair rounds down to the emoji.
        assert_eq!(index.offset(TEXT, 0, 2, Encoding::Utf16), 1);
        assert_eq!(index.position(TEXT, TEXT.len(), Encoding::Utf16), (3, 0));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Text made of the characters that make position arithmetic hard.
    fn tricky_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof!["a", "中", "😀", "\r\n", "\n", "\r", " ", "é", "AIS.0101"],
            0..40,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn every_offset_round_trips_in_every_encoding(text in tricky_text()) {
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                    if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                        continue;
                    }
                    let (line, column) = index.position(&text, offset, encoding);
                    prop_assert_eq!(index.offset(&text, line, column, encoding), offset);
                }
            }
        }

        #[test]
        fn any_position_maps_inside_the_text(text in tricky_text(), line in 0u32..50, column in 0u32..200) {
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
                let offset = index.offset(&text, line, column, encoding);
                prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
            }
        }
    }
}
