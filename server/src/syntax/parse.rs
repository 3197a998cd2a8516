//! Parsing with tree-sitter, from scratch or incrementally: [`ParsedDocument`] owns a text and
//! its tree, and applies an edit by telling tree-sitter what changed, so a keystroke reparses
//! only the region around it.
//!
//! Past 600 lines with its tests, which must reach the segments and trees kept private here.
//!
//! **Invariant:** the only owner of tree-sitter parsers and trees; callers see [`Construct`]s.

use std::ops::Range;

use tree_sitter::{InputEdit, Parser, Point, Tree};

use super::Language;
use super::extract;
use super::model::Construct;
use super::skeleton;

/// The tree-sitter grammar for a language, if errcode-ls parses it.
pub fn grammar(language: Language) -> Option<tree_sitter::Language> {
    Some(match language {
        Language::Rust => tree_sitter_rust::LANGUAGE.into(),
        Language::Python => tree_sitter_python::LANGUAGE.into(),
        Language::Go => tree_sitter_go::LANGUAGE.into(),
        Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
        Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
        Language::Java => tree_sitter_java::LANGUAGE.into(),
        Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
        Language::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
        Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
        Language::Log | Language::Other => return None,
    })
}

/// A document's text and, for parsed languages, its syntax trees, kept in step under edits.
pub struct ParsedDocument {
    language: Language,
    text: String,
    parser: Option<Parser>,
    trees: Trees,
    /// Whether the trees are those a parse from scratch gives (see [`Self::is_exact`]).
    exact: bool,
    /// Function bodies left out of the trees ([`Self::around`]); empty for a whole parse.
    skipped: Vec<Range<usize>>,
}

/// How a document's syntax is held.
enum Trees {
    /// Not parsed (no grammar, or the parser gave up).
    None,
    /// One tree for the whole text, reparsed incrementally by tree-sitter.
    Whole(Tree),
    /// Consecutive runs of top-level statements, each parsed on its own (see [`Segment`]).
    Segments(Vec<Segment>),
}

/// A run of whole top-level statements and the tree of its text alone.
///
/// tree-sitter-python reuses almost nothing of the old tree when it reparses after an edit (its
/// nodes are "fragile" and its lexer states differ from statement to statement), so a keystroke
/// in a 20,000-line module costs a parse of everything after it. A Python module is therefore
/// cut into segments that start at column 0 on a top-level statement: the parser's state there
/// is always the same (no indentation, no open bracket), so a segment parses alone exactly as
/// it does within the module. An edit reparses only the segments it touches. When that gives a
/// syntax error the neighbours are taken in too, a few times; an error that remains stays
/// inside the touched segments instead of spreading over the rest of the module, until the
/// document is parsed from scratch again ([`ParsedDocument::is_exact`]).
///
/// Each segment's tree is parsed with the segment as tree-sitter's included range, so its nodes
/// carry offsets into the whole text and extraction needs no translation.
struct Segment {
    range: Range<usize>,
    tree: Tree,
}

/// Segments group top-level statements until they hold at least this many bytes.
const SEGMENT_BYTES: usize = 4 * 1024;

/// How many times an edit's region takes in its neighbours while it does not parse cleanly.
const SEGMENT_WIDENINGS: usize = 2;

/// Up to this size, an edit that leaves a syntax error reparses the whole text at once (a few
/// milliseconds), so the document stays exact.
const EXACT_BELOW: usize = 32 * 1024;

impl std::fmt::Debug for ParsedDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let trees = match &self.trees {
            Trees::None => 0,
            Trees::Whole(_) => 1,
            Trees::Segments(segments) => segments.len(),
        };
        f.debug_struct("ParsedDocument")
            .field("language", &self.language)
            .field("len", &self.text.len())
            .field("trees", &trees)
            .finish()
    }
}

impl ParsedDocument {
    /// Parses `text`; languages without a grammar keep only the text.
    pub fn new(language: Language, text: impl Into<String>) -> Self {
        let mut document = Self::unparsed(language, text.into());
        document.parse_from_scratch();
        document
    }

    /// Parses `text` to be read, not edited (the CLI's one look at a file). Python's segments
    /// only serve edits, and making them parses the module a second time, so they are made only
    /// when the tree has a syntax error: there a segmented parse may recover differently, and
    /// the result stays the one [`Self::new`] gives. Without an error the constructs and
    /// constants are the same either way (see [`Segment`]).
    pub fn once(language: Language, text: impl Into<String>) -> Self {
        let mut document = Self::unparsed(language, text.into());
        match document.parse_range(None, None) {
            Some(tree) if language != Language::Python || !tree.root_node().has_error() => {
                document.trees = Trees::Whole(tree);
            }
            Some(_) => document.parse_from_scratch(),
            None => {}
        }
        document
    }

    /// Parses `text` to be read around `keep` (sorted byte offsets, the codes): the bodies of
    /// the functions that hold none of them are left out of the parse when the rest of the
    /// text shows them to be such bodies (see `skeleton.rs`), else the whole text is parsed as
    /// [`Self::once`] does. Around `keep`, and anywhere outside [`Self::skipped`], the syntax is
    /// what a whole parse gives (but for a syntax error inside a skipped body).
    pub fn around(language: Language, text: impl Into<String>, keep: &[usize]) -> Self {
        let mut document = Self::unparsed(language, text.into());
        let mut bodies = skeleton::bodies(language, &document.text, keep);
        // The bodies a tree does not confirm give way to the bodies inside them once; after
        // that, a tree must confirm every body left.
        for round in 0..3 {
            if bodies.is_empty() || document.parser.is_none() {
                break;
            }
            let blanked = skeleton::blank(&document.text, &bodies);
            let included = included_ranges(&blanked, &skeleton::left_out(&bodies));
            let Some(parser) = document.parser.as_mut() else { break };
            // The parser jumps over what is left out instead of lexing its spaces.
            let Some(tree) =
                parser.set_included_ranges(&included).ok().and_then(|()| parser.parse(&blanked, None))
            else {
                break;
            };
            if tree.root_node().has_error() {
                break;
            }
            let verdicts = skeleton::confirmed(&tree, &blanked, language, &bodies, keep);
            let (mut confirmed, mut rejected) = (Vec::new(), Vec::new());
            for (body, verdict) in bodies.into_iter().zip(verdicts) {
                if verdict { confirmed.push(body) } else { rejected.push(body) }
            }
            if rejected.is_empty() {
                document.skipped = confirmed.iter().map(|body| body.blank.clone()).collect();
                document.trees = Trees::Whole(tree);
                return document;
            }
            bodies = confirmed;
            if round == 0 {
                bodies.extend(rejected.into_iter().flat_map(skeleton::Body::into_inner));
                bodies.sort_by_key(|body| body.blank.start);
            }
        }
        let text = std::mem::take(&mut document.text);
        Self::once(language, text)
    }

    /// The function bodies [`Self::around`] left out of the parse.
    pub fn skipped(&self) -> &[Range<usize>] {
        &self.skipped
    }

    /// Whether one of `offsets` falls in a body [`Self::around`] left out of the parse.
    pub fn skips_any(&self, offsets: &[usize]) -> bool {
        offsets.iter().any(|&o| {
            let after = self.skipped.partition_point(|s| s.start <= o);
            after > 0 && self.skipped[after - 1].contains(&o)
        })
    }

    fn unparsed(language: Language, text: String) -> Self {
        let parser = grammar(language).and_then(|grammar| {
            let mut parser = Parser::new();
            parser.set_language(&grammar).ok()?;
            Some(parser)
        });
        ParsedDocument { language, text, parser, trees: Trees::None, exact: true, skipped: Vec::new() }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Replaces `range` (byte offsets, clamped to the text and to character boundaries) with
    /// `new_text`, and reparses only around it.
    pub fn edit(&mut self, range: Range<usize>, new_text: &str) {
        let start = floor_boundary(&self.text, range.start.min(self.text.len()));
        let old_end = floor_boundary(&self.text, range.end.clamp(start, self.text.len()));
        let new_end = start + new_text.len();
        let start_position = point_at(&self.text, start);
        let old_end_position = point_at(&self.text, old_end);
        self.text.replace_range(start..old_end, new_text);
        if !self.skipped.is_empty() {
            // A skeleton's tree is no base for an incremental parse: parse the text whole.
            self.skipped.clear();
            self.parse_from_scratch();
            return;
        }
        let new_end_position = point_at(&self.text, new_end);
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position,
            old_end_position,
            new_end_position,
        };
        match std::mem::replace(&mut self.trees, Trees::None) {
            Trees::None => self.parse_from_scratch(),
            Trees::Whole(mut tree) => {
                tree.edit(&edit);
                self.trees = self.parse_range(None, Some(&tree)).map_or(Trees::None, Trees::Whole);
            }
            Trees::Segments(segments) => self.edit_segments(segments, &edit),
        }
    }

    /// Replaces the whole text (a full-document sync) and parses it from scratch.
    pub fn replace(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.skipped.clear();
        self.parse_from_scratch();
    }

    /// Whether the syntax is exactly what parsing the text from scratch gives. It is not when
    /// an edit left a syntax error in a segmented document: the error is kept to the touched
    /// segments, where a parse of the whole text might let it reach further (an unclosed `"""`
    /// turns everything up to the next one into a string). Parsing the text anew restores it.
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// Whether the text holds syntax errors (or the language is not parsed at all).
    pub fn has_errors(&self) -> bool {
        let trees = self.trees();
        trees.is_empty() || trees.iter().any(|t| t.root_node().has_error())
    }

    /// Ranges of `ERROR` and missing nodes: where the parser had to recover.
    pub fn error_ranges(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for tree in self.trees() {
            collect_errors(tree, &mut out);
        }
        out
    }

    /// The constructs that branch on string literals, in text order.
    pub fn constructs(&self) -> Vec<Construct> {
        self.trees()
            .into_iter()
            .flat_map(|tree| extract::constructs(tree, &self.text, self.language, None))
            .collect()
    }

    /// The constructs that contain one of `offsets` (sorted ascending; typically where codes
    /// were recognised): the same as [`Self::constructs`] yields around them, found while
    /// skipping every subtree that holds none of the offsets.
    pub fn constructs_near(&self, offsets: &[usize]) -> Vec<Construct> {
        self.trees()
            .into_iter()
            .flat_map(|tree| extract::constructs(tree, &self.text, self.language, Some(offsets)))
            .collect()
    }

    /// Every constant declared with a string value, in text order.
    pub fn constants(&self) -> Vec<super::Constant> {
        self.trees()
            .into_iter()
            .flat_map(|tree| super::constants::constants(tree, &self.text, self.language, None))
            .collect()
    }

    /// The constants declared with a string value containing one of `offsets` (sorted
    /// ascending; typically where codes were recognised), in text order.
    pub fn constants_near(&self, offsets: &[usize]) -> Vec<super::Constant> {
        self.trees()
            .into_iter()
            .flat_map(|tree| super::constants::constants(tree, &self.text, self.language, Some(offsets)))
            .collect()
    }

    /// [`Self::constants_near`] and [`Self::constructs_near`] for the same `offsets`, found in
    /// one walk of each tree instead of two.
    pub fn constants_and_constructs_near(&self, offsets: &[usize]) -> (Vec<super::Constant>, Vec<Construct>) {
        let (mut constants, mut constructs) = (Vec::new(), Vec::new());
        for tree in self.trees() {
            let (more_constants, more_constructs) =
                extract::constants_and_constructs(tree, &self.text, self.language, offsets);
            constants.extend(more_constants);
            constructs.extend(more_constructs);
        }
        (constants, constructs)
    }

    /// The syntax as S-expressions (one per segment), for tests and debugging.
    pub fn sexp(&self) -> String {
        self.trees().iter().map(|t| t.root_node().to_sexp()).collect::<Vec<_>>().join("\n")
    }

    /// The content of every string literal, as [`super::nodes::label_of`] reads it.
    #[cfg(test)]
    pub(crate) fn literal_ranges(&self) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        for tree in self.trees() {
            extract::walk_near(tree, None, |node, _| {
                if super::nodes::is_string_literal(self.language, node.kind())
                    && let Some(label) = super::nodes::label_of(node, &self.text)
                {
                    out.push(label.range);
                }
            });
        }
        out
    }

    fn trees(&self) -> Vec<&Tree> {
        match &self.trees {
            Trees::None => Vec::new(),
            Trees::Whole(tree) => vec![tree],
            Trees::Segments(segments) => segments.iter().map(|s| &s.tree).collect(),
        }
    }

    fn parse_from_scratch(&mut self) {
        self.exact = true;
        let Some(tree) = self.parse_range(None, None) else {
            self.trees = Trees::None;
            return;
        };
        if self.language != Language::Python {
            self.trees = Trees::Whole(tree);
            return;
        }
        let bounds = segment_bounds(&tree, 0..self.text.len());
        // The whole tree goes before the segments are parsed: a large module's tree is tens of
        // megabytes, and the segments' trees can take its place in memory.
        drop(tree);
        self.trees = match self.parse_segments(&bounds) {
            Some(segments) => Trees::Segments(segments),
            None => self.parse_range(None, None).map_or(Trees::None, Trees::Whole),
        };
    }

    /// Reparses the segments an edit touched (already applied to the text), and moves the
    /// trees after them by the edit.
    fn edit_segments(&mut self, mut segments: Vec<Segment>, edit: &InputEdit) {
        // Touched: segments whose closed range meets the edit's, so an edit at a boundary takes
        // in both sides (an indented `def` joins the statement before it).
        let first = segments.partition_point(|s| s.range.end < edit.start_byte).min(segments.len() - 1);
        let last =
            segments.partition_point(|s| s.range.start <= edit.old_end_byte).saturating_sub(1).max(first);
        for segment in &mut segments[last + 1..] {
            segment.tree.edit(edit);
            segment.range = shifted(segment.range.start, edit)..shifted(segment.range.end, edit);
        }
        let (mut first, mut last) = (first, last);
        let mut region = segments[first].range.start..shifted(segments[last].range.end, edit);
        let mut tree = self.parse_range(Some(region.clone()), None);
        for _ in 0..SEGMENT_WIDENINGS {
            let clean = tree.as_ref().is_some_and(|t| !t.root_node().has_error());
            if clean || (first == 0 && last + 1 == segments.len()) {
                break;
            }
            // Segments before the touched ones are where they were; those after have moved.
            if first > 0 {
                first -= 1;
                region.start = segments[first].range.start;
            }
            if last + 1 < segments.len() {
                last += 1;
                region.end = segments[last].range.end;
            }
            tree = self.parse_range(Some(region.clone()), None);
        }
        let clean = tree.as_ref().is_some_and(|t| !t.root_node().has_error());
        let Some(tree) = tree.filter(|_| clean || self.text.len() > EXACT_BELOW) else {
            self.parse_from_scratch();
            return;
        };
        let replacement = if clean && region.len() > 2 * SEGMENT_BYTES {
            self.parse_segments(&segment_bounds(&tree, region.clone()))
        } else {
            None
        };
        let replacement = replacement.unwrap_or_else(|| vec![Segment { range: region, tree }]);
        segments.splice(first..=last, replacement);
        self.exact = segments.iter().all(|s| !s.tree.root_node().has_error());
        self.trees = Trees::Segments(segments);
    }

    /// Parses each range on its own; `None` if the parser gives up on one.
    fn parse_segments(&mut self, bounds: &[Range<usize>]) -> Option<Vec<Segment>> {
        bounds
            .iter()
            .map(|range| {
                Some(Segment { range: range.clone(), tree: self.parse_range(Some(range.clone()), None)? })
            })
            .collect()
    }

    /// Parses `range` of the text (all of it with `None`), reusing `old` when given.
    fn parse_range(&mut self, range: Option<Range<usize>>, old: Option<&Tree>) -> Option<Tree> {
        let parser = self.parser.as_mut()?;
        let included = match range {
            Some(range) => vec![tree_sitter::Range {
                start_byte: range.start,
                end_byte: range.end,
                start_point: point_at(&self.text, range.start),
                end_point: point_at(&self.text, range.end),
            }],
            None => Vec::new(),
        };
        // Only fails for ranges that overlap or run backwards, which ours never do.
        parser.set_included_ranges(&included).ok()?;
        // `parse` only fails when cancelled or without a language, neither of which happens
        // here; a document that cannot be parsed simply has no constructs.
        parser.parse(&self.text, old)
    }
}

/// Cuts `range` (parsed as `tree`) into runs of top-level statements of at least
/// [`SEGMENT_BYTES`], each starting at column 0 of a line; together they cover `range`.
fn segment_bounds(tree: &Tree, range: Range<usize>) -> Vec<Range<usize>> {
    let mut starts = vec![range.start];
    let mut cursor = tree.walk();
    if cursor.goto_first_child() {
        loop {
            let node = cursor.node();
            let at = node.start_byte();
            let last = starts.last().copied().unwrap_or(range.start);
            if at >= last + SEGMENT_BYTES
                && at < range.end
                && node.start_position().column == 0
                && !node.is_error()
                && !node.is_extra()
            {
                starts.push(at);
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    let ends = starts.iter().skip(1).copied().chain(std::iter::once(range.end));
    starts.iter().zip(ends).map(|(&start, end)| start..end).collect()
}

/// Where `offset` (after the edit's old end) moves to.
fn shifted(offset: usize, edit: &InputEdit) -> usize {
    (offset + edit.new_end_byte).saturating_sub(edit.old_end_byte)
}

fn collect_errors(tree: &Tree, out: &mut Vec<Range<usize>>) {
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.is_error() || node.is_missing() {
            out.push(node.byte_range());
        }
        if node.has_error() && cursor.goto_first_child() {
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

/// Row and byte column of `offset`, as tree-sitter counts them.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = memchr::memchr_iter(b'\n', before).count();
    let column = offset - memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    Point { row, column }
}

/// The ranges of `text` outside `gaps` (sorted, disjoint), for tree-sitter: points are counted
/// in one pass.
fn included_ranges(text: &str, gaps: &[Range<usize>]) -> Vec<tree_sitter::Range> {
    let bytes = text.as_bytes();
    let mut point = Point { row: 0, column: 0 };
    let mut at = 0;
    let advance = |to: usize, point: &mut Point, at: &mut usize| {
        let span = &bytes[*at..to];
        match memchr::memrchr(b'\n', span) {
            Some(last) => {
                point.row += memchr::memchr_iter(b'\n', span).count();
                point.column = span.len() - last - 1;
            }
            None => point.column += span.len(),
        }
        *at = to;
        *point
    };
    let mut ranges = Vec::with_capacity(gaps.len() + 1);
    let mut start = (0, point);
    for gap in gaps {
        let end_point = advance(gap.start, &mut point, &mut at);
        ranges.push(tree_sitter::Range {
            start_byte: start.0,
            end_byte: gap.start,
            start_point: start.1,
            end_point,
        });
        start = (gap.end, advance(gap.end, &mut point, &mut at));
    }
    let end_point = advance(bytes.len(), &mut point, &mut at);
    ranges.push(tree_sitter::Range {
        start_byte: start.0,
        end_byte: bytes.len(),
        start_point: start.1,
        end_point,
    });
    ranges
}

fn floor_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_edits_give_the_same_tree_as_a_fresh_parse() {
        let original =
            "fn f(c: &str) {\n    match c {\n        \"AIS.0101\" => 1,\n        _ => 0,\n    };\n}\n";
        let mut document = ParsedDocument::new(Language::Rust, original);
        let at = original.find("_ =>").unwrap_or(0);
        document.edit(at..at, "\"AIS.0102\" => 2,\n        ");
        document.edit(0..0, "// é\n");
        let fresh = ParsedDocument::new(Language::Rust, document.text());
        assert_eq!(document.sexp(), fresh.sexp());
        assert_eq!(document.constructs(), fresh.constructs());
        assert_eq!(document.constructs()[0].branches.len(), 3);
    }

    #[test]
    fn constructs_near_offsets_are_those_of_the_full_walk_around_them() {
        let text = "fn f(c: &str) {\n    match c {\n        \"A\" => match c { \"B\" => 1, _ => 2 },\n        _ => 0,\n    };\n    match c { \"C\" => 1, _ => 2 };\n}\n";
        let document = ParsedDocument::new(Language::Rust, text);
        let all = document.constructs();
        assert_eq!(all.len(), 3);
        let at = |needle: &str| text.find(needle).map_or(0, |i| i + 1);
        assert_eq!(document.constructs_near(&[at("\"B\"")]), all[..2].to_vec());
        assert_eq!(document.constructs_near(&[at("\"B\""), at("\"C\"")]), all);
        assert_eq!(document.constructs_near(&[]), Vec::new());
    }

    /// A Python module of `functions` handlers, each with a `match` and an if/elif chain.
    fn python_module(functions: usize) -> String {
        (0..functions)
            .map(|i| {
                format!(
                    "def handler_{i}(code):\n    match code:\n        case \"AIS.0101\":\n            return {i}\n        case \"AIS.0102\" | \"AIS.0103\":\n            return 0\n        case _:\n            return -1\n    if code == \"APIG.0308\":\n        retry()\n    elif code == \"APIG.0201\":\n        wait()\n\n"
                )
            })
            .collect()
    }

    fn segment_count(document: &ParsedDocument) -> usize {
        match &document.trees {
            Trees::Segments(segments) => segments.len(),
            _ => 0,
        }
    }

    #[test]
    fn python_modules_are_parsed_in_segments_with_the_constructs_of_one_tree() {
        let text = python_module(60);
        let document = ParsedDocument::new(Language::Python, text.as_str());
        assert!(segment_count(&document) > 3, "{document:?}");
        let mut whole = Parser::new();
        whole.set_language(&tree_sitter_python::LANGUAGE.into()).expect("the grammar loads");
        let tree = whole.parse(&text, None).expect("a tree");
        assert_eq!(document.constructs(), extract::constructs(&tree, &text, Language::Python, None));
        assert_eq!(document.constructs().len(), 120);
        assert!(!document.has_errors() && document.is_exact());
    }

    #[test]
    fn a_one_shot_parse_of_python_reads_as_the_segmented_parse() {
        let text = python_module(60);
        let once = ParsedDocument::once(Language::Python, text.as_str());
        let segmented = ParsedDocument::new(Language::Python, text.as_str());
        assert_eq!((segment_count(&once), segment_count(&segmented) > 3), (0, true));
        assert_eq!(once.constructs(), segmented.constructs());
        assert_eq!(once.constants(), segmented.constants());
        // With a syntax error, segments recover on their own: the one-shot parse makes them too.
        let broken = format!("{}def broken(:\n    pass\n\n{}", python_module(20), python_module(20));
        let once = ParsedDocument::once(Language::Python, broken.as_str());
        let segmented = ParsedDocument::new(Language::Python, broken.as_str());
        assert!(segment_count(&once) > 1);
        assert_eq!(once.sexp(), segmented.sexp());
    }

    #[test]
    fn indenting_a_def_at_a_segment_boundary_joins_it_to_the_statement_before() {
        let text = python_module(60);
        let mut document = ParsedDocument::new(Language::Python, text.as_str());
        let Trees::Segments(segments) = &document.trees else { panic!("not segmented") };
        let boundary = segments[1].range.start;
        assert!(text[boundary..].starts_with("def "));
        document.edit(boundary..boundary, "    ");
        let fresh = ParsedDocument::new(Language::Python, document.text());
        assert!(document.is_exact());
        assert_eq!(document.constructs(), fresh.constructs());
        assert_eq!(document.sexp().matches("function_definition").count(), 60);
    }

    #[test]
    fn a_syntax_error_typed_in_one_function_stays_there_until_a_fresh_parse() {
        let text = python_module(150);
        let mut document = ParsedDocument::new(Language::Python, text.as_str());
        // An unclosed triple quote: parsed from scratch, the rest of the module is one string.
        let at = text.find("def handler_3(").unwrap_or(0);
        document.edit(at..at, "\"\"\"\n");
        assert!(!document.is_exact());
        let untouched: Vec<Construct> =
            ParsedDocument::new(Language::Python, text.as_str()).constructs().into_iter().skip(260).collect();
        let shifted: Vec<Range<usize>> =
            untouched.iter().map(|c| c.range.start + 4..c.range.end + 4).collect();
        let kept: Vec<Range<usize>> = document.constructs().iter().map(|c| c.range.clone()).collect();
        assert!(shifted.iter().all(|r| kept.contains(r)), "constructs after the error are kept");
        let fresh = ParsedDocument::new(Language::Python, document.text());
        assert!(fresh.is_exact());
        assert!(fresh.constructs().len() < document.constructs().len());
    }

    #[test]
    fn a_syntax_error_in_a_small_module_is_parsed_exactly_at_once() {
        let text = python_module(20);
        let mut document = ParsedDocument::new(Language::Python, text.as_str());
        let at = text.find("def handler_3(").unwrap_or(0);
        document.edit(at..at, "\"\"\"\n");
        assert!(document.is_exact());
        assert_eq!(
            document.constructs(),
            ParsedDocument::new(Language::Python, document.text()).constructs()
        );
    }

    /// Edits that make or break syntax in Python: quotes, brackets, indentation, new clauses.
    const SNIPPETS: &[&str] = &[
        "x",
        " ",
        "    ",
        "\n",
        "\"",
        "\"\"\"",
        "(",
        ")",
        ":",
        "#",
        "\\\n",
        "        case \"AIS.0104\":\n            pass\n",
        "def extra(code):\n    pass\n",
        "match code:\n",
        "",
    ];

    /// A random edit of `text`: where (a fraction of the text, moved to its line's start or
    /// not), how many bytes go, which snippet comes.
    fn random_edit(
        text: &str,
        (at, line_start, deleted, snippet): (f64, bool, usize, usize),
    ) -> (Range<usize>, &'static str) {
        let mut start = (at * text.len() as f64) as usize;
        if line_start {
            start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        }
        (start..(start + deleted).min(text.len()), SNIPPETS[snippet])
    }

    fn edit_strategy() -> impl proptest::strategy::Strategy<Value = (f64, bool, usize, usize)> {
        (0.0..1.0f64, proptest::bool::ANY, 0..24usize, 0..SNIPPETS.len())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn an_edit_that_leaves_segmented_python_exact_matches_a_fresh_parse(edit in edit_strategy()) {
            let mut document = ParsedDocument::new(Language::Python, python_module(150));
            let (range, snippet) = random_edit(document.text(), edit);
            document.edit(range, snippet);
            let fresh = ParsedDocument::new(Language::Python, document.text());
            if document.is_exact() {
                proptest::prop_assert_eq!(document.constructs(), fresh.constructs());
                proptest::prop_assert_eq!(document.error_ranges(), fresh.error_ranges());
            } else {
                proptest::prop_assert!(document.has_errors());
            }
        }

        #[test]
        fn undoing_edits_on_segmented_python_restores_the_exact_parse(
            edits in proptest::collection::vec(edit_strategy(), 1..6)
        ) {
            let original = python_module(150);
            let mut document = ParsedDocument::new(Language::Python, original.as_str());
            let mut undo = Vec::new();
            for edit in edits {
                let (range, snippet) = random_edit(document.text(), edit);
                undo.push((range.start..range.start + snippet.len(), document.text()[range.clone()].to_owned()));
                document.edit(range, snippet);
            }
            for (range, text) in undo.into_iter().rev() {
                document.edit(range, &text);
            }
            proptest::prop_assert_eq!(document.text(), original.as_str());
            proptest::prop_assert!(document.is_exact());
            let fresh = ParsedDocument::new(Language::Python, original.as_str());
            proptest::prop_assert_eq!(document.constructs(), fresh.constructs());
        }
    }

    #[test]
    fn languages_without_a_grammar_have_no_constructs() {
        let document = ParsedDocument::new(Language::Log, "match x { \"AIS.0101\" => 1 }");
        assert!(document.constructs().is_empty());
    }
}
