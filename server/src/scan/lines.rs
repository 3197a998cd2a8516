//! Where codes occur in an open log, line by line, kept up to date under edits without
//! rescanning the whole text: the data behind a log's diagnostics, outline, code lenses and
//! occurrence highlights in the editor.
//!
//! Lines are grouped in blocks of about [`BLOCK_LINES`] lines; each block lists its hits with a
//! line number relative to the block. An edit replacing some lines rescans only the new text of
//! those lines, keeps the other hits of the blocks it touches, and shifts nothing else: blocks
//! after the edit need no change at all because their lines are counted from the blocks before
//! them. Blocks are shared (`Arc`), so a copy of the index (a snapshot for a request) costs a
//! pointer per block.
//!
//! Lines break at `\n`, `\r\n` and a lone `\r`, as LSP (and the editor's rope) count them.
//!
//! **Invariant:** no IO and no editor positions: line numbers and byte columns in, plain data
//! out. The caller hands over the text of exactly the lines an edit replaced.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::analysis::{self, Context, Finding};
use crate::catalog::{Catalog, EntryId};
use crate::recognize::{Recognized, Recognizer};

/// Lines per block when a region is (re)built; a block grows or shrinks with edits and is split
/// again when it grows past twice this.
pub const BLOCK_LINES: usize = 512;

/// A code found in a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CodeRef {
    Known(EntryId),
    /// An unknown code of a known namespace, by its number in [`LogIndex::unknown`].
    Unknown(u32),
}

/// One occurrence: the line (in its block), byte column and length of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    line: u32,
    start: u32,
    len: u32,
    code: CodeRef,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Block {
    lines: usize,
    hits: Vec<Hit>,
}

/// An occurrence in the whole document: 0-based line and byte range within the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineHit {
    pub line: usize,
    pub columns: Range<usize>,
    pub code: CodeRef,
}

/// A distinct code of a log: how often it occurs and where first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSummary {
    pub code: CodeRef,
    pub count: usize,
    pub first: LineHit,
}

/// The occurrences of codes in a log, by line.
#[derive(Debug, Clone)]
pub struct LogIndex {
    blocks: Vec<Arc<Block>>,
    /// Unknown codes seen so far, numbered in order of discovery (never shrinks while open).
    unknown: Vec<Arc<str>>,
    unknown_ids: HashMap<Arc<str>, u32>,
}

impl LogIndex {
    /// Indexes a whole text.
    pub fn new(text: &str, recognizer: &Recognizer) -> Self {
        Self::from_parts([text], recognizer)
    }

    /// Indexes a text given in consecutive parts (e.g. slices of a rope), each but the last
    /// ending just after a `\n`, so that no line break is split between two parts.
    pub fn from_parts<T: AsRef<str>>(parts: impl IntoIterator<Item = T>, recognizer: &Recognizer) -> Self {
        let mut index = LogIndex { blocks: Vec::new(), unknown: Vec::new(), unknown_ids: HashMap::new() };
        let mut hits = Vec::new();
        let mut breaks = 0;
        for part in parts {
            breaks += index.scan(part.as_ref(), breaks, recognizer, &mut hits);
        }
        index.blocks = split(breaks + 1, hits);
        index
    }

    /// Lines of the indexed text (a text without line breaks has one).
    pub fn line_count(&self) -> usize {
        self.blocks.iter().map(|b| b.lines).sum()
    }

    /// Replaces lines `old` (0-based, end exclusive) with the lines of `text`: the new content
    /// of exactly those lines, each with its line break, and when `old` reaches the end of the
    /// document, the last line (which has none) too. Only `text` is scanned.
    pub fn edit(&mut self, old: Range<usize>, text: &str, recognizer: &Recognizer) {
        let total = self.line_count();
        let old = old.start.min(total)..old.end.clamp(old.start.min(total), total);
        // The blocks the edit touches: from the one holding `old.start` to the one holding the
        // last replaced line (or the one after an insertion point).
        let mut first = 0;
        let mut first_line = 0;
        while first < self.blocks.len() && first_line + self.blocks[first].lines <= old.start {
            first_line += self.blocks[first].lines;
            first += 1;
        }
        if first == self.blocks.len() && first > 0 && old.start == total {
            // Appending at the very end edits the last block.
            first -= 1;
            first_line -= self.blocks[first].lines;
        }
        let mut last = first;
        let mut end_line = first_line;
        while last < self.blocks.len() {
            end_line += self.blocks[last].lines;
            last += 1;
            if end_line >= old.end.max(old.start + 1) {
                break;
            }
        }
        // Hits of the touched blocks outside the replaced lines are kept, rebased to the start
        // of the touched region.
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut line = first_line;
        for block in &self.blocks[first..last] {
            for hit in &block.hits {
                let at = line + hit.line as usize;
                if at < old.start {
                    before.push(Hit { line: (at - first_line) as u32, ..*hit });
                } else if at >= old.end {
                    after.push((at - old.end, *hit));
                }
            }
            line += block.lines;
        }
        let prefix = old.start - first_line;
        let suffix = end_line.saturating_sub(old.end);
        let mut hits = before;
        let breaks = self.scan(text, prefix, recognizer, &mut hits);
        let new_lines = breaks + usize::from(old.end >= total);
        for (line, hit) in after {
            hits.push(Hit { line: (prefix + new_lines + line) as u32, ..hit });
        }
        let built = split(prefix + new_lines + suffix, hits);
        self.blocks.splice(first..last, built);
    }

    /// Every occurrence in document order.
    pub fn hits(&self) -> impl Iterator<Item = LineHit> + '_ {
        let mut base = 0;
        self.blocks.iter().flat_map(move |block| {
            let start = base;
            base += block.lines;
            block.hits.iter().map(move |hit| LineHit {
                line: start + hit.line as usize,
                columns: hit.start as usize..(hit.start + hit.len) as usize,
                code: hit.code,
            })
        })
    }

    /// Occurrences on lines `lines` (0-based, end exclusive).
    pub fn hits_in(&self, lines: Range<usize>) -> Vec<LineHit> {
        let mut out = Vec::new();
        let mut base = 0;
        for block in &self.blocks {
            if base >= lines.end {
                break;
            }
            if base + block.lines > lines.start {
                for hit in &block.hits {
                    let line = base + hit.line as usize;
                    if lines.contains(&line) {
                        out.push(LineHit {
                            line,
                            columns: hit.start as usize..(hit.start + hit.len) as usize,
                            code: hit.code,
                        });
                    }
                }
            }
            base += block.lines;
        }
        out
    }

    /// The text of an unknown code.
    pub fn unknown_code(&self, id: u32) -> &str {
        self.unknown.get(id as usize).map_or("", |c| c)
    }

    /// The text of any code.
    pub fn code_text<'a>(&'a self, code: CodeRef, catalog: &'a Catalog) -> &'a str {
        match code {
            CodeRef::Known(id) => &catalog.entry(id).code,
            CodeRef::Unknown(id) => self.unknown_code(id),
        }
    }

    /// The code with this text, if it occurs (or occurred) in the log.
    pub fn code_ref(&self, text: &str, catalog: &Catalog) -> Option<CodeRef> {
        catalog
            .lookup(text)
            .map(CodeRef::Known)
            .or_else(|| self.unknown_ids.get(text).map(|&id| CodeRef::Unknown(id)))
    }

    /// Each distinct code with its count and first occurrence, most frequent first (ties in
    /// order of first occurrence).
    pub fn summary(&self) -> Vec<CodeSummary> {
        let mut by_code: HashMap<CodeRef, CodeSummary> = HashMap::new();
        for hit in self.hits() {
            by_code.entry(hit.code).and_modify(|s| s.count += 1).or_insert_with(|| CodeSummary {
                code: hit.code,
                count: 1,
                first: hit,
            });
        }
        let mut rows: Vec<CodeSummary> = by_code.into_values().collect();
        rows.sort_by(|a, b| {
            b.count.cmp(&a.count).then(a.first.line.cmp(&b.first.line)).then(a.code.cmp(&b.code))
        });
        rows
    }

    /// The `unknown-code` findings of the log, the first `limit` of them, with byte ranges
    /// given by `line_start` (the byte offset where a line starts). The same findings
    /// [`analysis::analyze`] gives for the whole text, computed once per distinct code.
    pub fn findings(
        &self,
        cx: Context<'_>,
        limit: usize,
        line_start: impl Fn(usize) -> usize,
    ) -> Vec<Finding> {
        let mut templates: HashMap<u32, Option<Finding>> = HashMap::new();
        let mut out = Vec::new();
        for hit in self.hits() {
            if out.len() >= limit {
                break;
            }
            let CodeRef::Unknown(id) = hit.code else { continue };
            let template = templates
                .entry(id)
                .or_insert_with(|| analysis::unknown_codes(self.unknown_code(id), cx).into_iter().next());
            let Some(template) = template else { continue };
            let offset = line_start(hit.line) + hit.columns.start;
            let mut finding = template.clone();
            finding.range = offset..offset + hit.columns.len();
            for fix in &mut finding.fixes {
                for edit in &mut fix.edits {
                    edit.range = finding.range.clone();
                }
            }
            out.push(finding);
        }
        out
    }

    /// Scans `text`, whose first line is line `first` of the region, pushing its hits; returns
    /// how many line breaks `text` holds.
    fn scan(&mut self, text: &str, first: usize, recognizer: &Recognizer, hits: &mut Vec<Hit>) -> usize {
        let bytes = text.as_bytes();
        let mut line = first;
        let mut line_start = 0;
        let mut pos = 0;
        for occurrence in recognizer.find_iter(bytes) {
            // Advance line by line up to the occurrence (line breaks: \n, \r\n, lone \r).
            while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[pos..occurrence.range.start]) {
                let at = pos + found;
                pos = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
                line += 1;
                line_start = pos;
            }
            pos = occurrence.range.start.max(pos);
            let code = match occurrence.kind {
                Recognized::Known(id) => CodeRef::Known(id),
                Recognized::Unknown { .. } => CodeRef::Unknown(self.intern(&text[occurrence.range.clone()])),
            };
            hits.push(Hit {
                line: line as u32,
                start: (occurrence.range.start - line_start) as u32,
                len: occurrence.range.len() as u32,
                code,
            });
        }
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[pos..]) {
            let at = pos + found;
            pos = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') { at + 2 } else { at + 1 };
            line += 1;
        }
        line - first
    }

    fn intern(&mut self, code: &str) -> u32 {
        if let Some(&id) = self.unknown_ids.get(code) {
            return id;
        }
        let id = self.unknown.len() as u32;
        let code: Arc<str> = code.into();
        self.unknown.push(code.clone());
        self.unknown_ids.insert(code, id);
        id
    }
}

/// How a code and its count are named in a log's outline: `APIG.0308 × 1,234`.
pub fn count_label(code: &str, count: usize) -> String {
    format!("{code} × {}", thousands(count as u64))
}

/// The title of the code lens on a code's first occurrence:
/// `APIG.0308 × 1,234 — The throttling threshold has been reached`.
pub fn lens_title(code: &str, count: usize, message: Option<&str>) -> String {
    match message {
        Some(message) => format!("{} — {message}", count_label(code, count)),
        None => format!("{} — not in the catalog", count_label(code, count)),
    }
}

/// `1234567` as `1,234,567`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Cuts `lines` lines with their `hits` (sorted, lines relative to the region) into blocks.
fn split(lines: usize, hits: Vec<Hit>) -> Vec<Arc<Block>> {
    if lines == 0 {
        return Vec::new();
    }
    if lines <= 2 * BLOCK_LINES {
        return vec![Arc::new(Block { lines, hits })];
    }
    let mut blocks = Vec::with_capacity(lines / BLOCK_LINES + 1);
    let mut hits = hits.into_iter().peekable();
    let mut start = 0;
    while start < lines {
        let count = if lines - start < 2 * BLOCK_LINES { lines - start } else { BLOCK_LINES };
        let end = start + count;
        let mut own = Vec::new();
        while let Some(hit) = hits.next_if(|h| (h.line as usize) < end) {
            own.push(Hit { line: hit.line - start as u32, ..hit });
        }
        blocks.push(Arc::new(Block { lines: count, hits: own }));
        start = end;
    }
    blocks
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};

    fn builtin() -> Catalog {
        let mut builder = CatalogBuilder::new();
        builder.add("b".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        builder.finish().0
    }

    /// Every hit as `line:start-end CODE`, one per line.
    fn render(index: &LogIndex, catalog: &Catalog) -> String {
        index
            .hits()
            .map(|h| {
                format!(
                    "{}:{}-{} {}\n",
                    h.line,
                    h.columns.start,
                    h.columns.end,
                    index.code_text(h.code, catalog)
                )
            })
            .collect()
    }

    /// The text of lines `lines` of `text` (as LSP counts lines), and whether they reach the end.
    fn lines_of(text: &str, lines: Range<usize>) -> Range<usize> {
        let index = crate::text::LineIndex::new(text);
        let start = index.line_range(text, lines.start).start;
        let end = if lines.end >= index.line_count() {
            text.len()
        } else {
            index.line_range(text, lines.end).start
        };
        start..end
    }

    /// Applies `new_text` over `range` of `text` both to an index (rescanning the touched lines,
    /// widened by one on each side as the server does) and from scratch; both must agree.
    fn check_edit(text: &str, range: Range<usize>, new_text: &str, expect: Expect) {
        let catalog = builtin();
        let recognizer = Recognizer::new(&catalog);
        let mut index = LogIndex::new(text, &recognizer);
        let old_lines = crate::text::LineIndex::new(text);
        let first = old_lines.line_of(range.start).saturating_sub(1);
        let last = (old_lines.line_of(range.end) + 2).min(old_lines.line_count());
        let mut edited = text.to_owned();
        edited.replace_range(range.clone(), new_text);
        let old_region = lines_of(text, first..last);
        let delta = edited.len() as isize - text.len() as isize;
        let new_region = old_region.start..(old_region.end as isize + delta) as usize;
        index.edit(first..last, &edited[new_region], &recognizer);
        let fresh = LogIndex::new(&edited, &recognizer);
        assert_eq!(render(&index, &catalog), render(&fresh, &catalog));
        assert_eq!(index.line_count(), fresh.line_count());
        expect.assert_eq(&render(&index, &catalog));
    }

    #[test]
    fn hits_have_lines_and_byte_columns() {
        let catalog = builtin();
        let recognizer = Recognizer::new(&catalog);
        let index = LogIndex::new("a AIS.0101\r\nb\rAIS.0199 x AIS.0101\nlast", &recognizer);
        expect![[r#"
            0:2-10 AIS.0101
            2:0-8 AIS.0199
            2:11-19 AIS.0101
        "#]]
        .assert_eq(&render(&index, &catalog));
        assert_eq!(index.line_count(), 4);
    }

    #[test]
    fn an_index_built_from_parts_is_that_of_the_whole_text() {
        let catalog = builtin();
        let recognizer = Recognizer::new(&catalog);
        let text: String = (0..3000).map(|i| format!("{i} AIS.{:04}\r\n", 101 + i % 5)).collect();
        let parts: Vec<&str> = text.split_inclusive('\n').collect();
        let whole = LogIndex::new(&text, &recognizer);
        let built = LogIndex::from_parts(parts.chunks(700).map(|c| c.concat()), &recognizer);
        assert_eq!(built.hits().collect::<Vec<_>>(), whole.hits().collect::<Vec<_>>());
        assert_eq!(built.line_count(), whole.line_count());
    }

    #[test]
    fn typing_inside_a_line_rescans_it() {
        check_edit(
            "x AIS.0101\ny AIS.0102\nz AIS.0103\n",
            13..14,
            "AIS.0199 ",
            expect![[r#"
                0:2-10 AIS.0101
                1:2-10 AIS.0199
                2:2-10 AIS.0103
            "#]],
        );
    }

    #[test]
    fn inserting_and_deleting_lines_moves_later_hits() {
        check_edit(
            "a AIS.0101\nb\nc AIS.0102\n",
            11..11,
            "new AIS.0103\nmore\n",
            expect![[r#"
                0:2-10 AIS.0101
                1:4-12 AIS.0103
                4:2-10 AIS.0102
            "#]],
        );
        check_edit(
            "a AIS.0101\nb\nc AIS.0102\nd AIS.0103",
            0..14,
            "",
            expect![[r#"
                0:1-9 AIS.0102
                1:2-10 AIS.0103
            "#]],
        );
    }

    #[test]
    fn edits_far_into_a_log_of_many_blocks_agree_with_a_fresh_scan() {
        let text: String = (0..5000).map(|i| format!("{i} req AIS.{:04} done\n", 101 + i % 7)).collect();
        let at = text.find("2600 req").unwrap_or_default();
        let catalog = builtin();
        let recognizer = Recognizer::new(&catalog);
        let mut index = LogIndex::new(&text, &recognizer);
        assert!(index.blocks.len() > 4);
        let mut edited = text.clone();
        // Join two lines, then split one, then type at the very end.
        for (range, new) in
            [(at - 1..at, " "), (at + 3..at + 4, "\n"), (edited.len()..edited.len(), "AIS.0199")]
        {
            let old_lines = crate::text::LineIndex::new(&edited);
            let first = old_lines.line_of(range.start).saturating_sub(1);
            let last = (old_lines.line_of(range.end) + 2).min(old_lines.line_count());
            let old_region = lines_of(&edited, first..last);
            let before = edited.len();
            edited.replace_range(range, new);
            let end = old_region.end + edited.len() - before;
            index.edit(first..last, &edited[old_region.start..end], &recognizer);
            let fresh = LogIndex::new(&edited, &recognizer);
            assert_eq!(index.hits().collect::<Vec<_>>(), fresh.hits().collect::<Vec<_>>());
            assert_eq!(index.line_count(), fresh.line_count());
        }
    }

    #[test]
    fn summary_counts_each_code_with_its_first_occurrence() {
        let catalog = builtin();
        let recognizer = Recognizer::new(&catalog);
        let index = LogIndex::new("AIS.0102\nAIS.0101 AIS.0101\nAIS.0199\nAIS.0101\nAIS.0102\n", &recognizer);
        let rendered: String = index
            .summary()
            .iter()
            .map(|s| {
                format!(
                    "{} × {} first {}:{}\n",
                    index.code_text(s.code, &catalog),
                    s.count,
                    s.first.line,
                    s.first.columns.start
                )
            })
            .collect();
        expect![[r#"
            AIS.0101 × 3 first 1:0
            AIS.0102 × 2 first 0:0
            AIS.0199 × 1 first 2:0
        "#]]
        .assert_eq(&rendered);
    }

    #[test]
    fn labels_group_thousands() {
        assert_eq!(count_label("APIG.0308", 1234), "APIG.0308 × 1,234");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(
            lens_title("APIG.0308", 7, Some("The throttling threshold has been reached")),
            "APIG.0308 × 7 — The throttling threshold has been reached"
        );
        assert_eq!(lens_title("AIS.0199", 1, None), "AIS.0199 × 1 — not in the catalog");
    }

    #[test]
    fn findings_are_those_of_the_whole_text_analysis() {
        let catalog = builtin();
        let recognizer = Recognizer::new(&catalog);
        let options = crate::analysis::Options::default();
        let cx = Context { catalog: &catalog, recognizer: &recognizer, options: &options, workspace: None };
        let text = "ok AIS.0101\nbad AIS.0199 and AIS.0109\r\nAIS.0199\n";
        let index = LogIndex::new(text, &recognizer);
        let lines = crate::text::LineIndex::new(text);
        let found = index.findings(cx, usize::MAX, |line| lines.line_range(text, line).start);
        let whole = analysis::analyze(text, crate::syntax::Language::Log, cx);
        assert_eq!(found, whole);
        assert_eq!(found.len(), 3);
        assert_eq!(index.findings(cx, 2, |line| lines.line_range(text, line).start).len(), 2);
    }
}
