//! Skeletons: a text whose function bodies that hold none of some offsets (the codes) are
//! blanked out, so that a file read for the codes in a few of its functions costs the parse of
//! those functions, not of the whole file.
//!
//! A body is found lexically: braces outside strings and comments, or, in Python, the lines
//! indented under a `def`. Blanking keeps every byte offset and newline (the bytes become
//! spaces; a Python body keeps a `0` as its one statement), so the skeleton's tree carries the
//! offsets of the real text. A lexical guess is no proof, so every blanked body is confirmed on
//! the skeleton's own tree ([`confirmed`]): the skeleton parses without an error, and the body
//! is that of a function declaration which holds none of the offsets and stands inside no
//! construct the analysis reads. A body that is not is given back its text; when the skeleton
//! does not parse cleanly the caller parses the whole text.
//!
//! Around the offsets the tree is then the one a parse of the whole text gives, since a
//! function's body, whatever it holds, reduces to one body node. The exception is a syntax
//! error inside a blanked body, which a whole parse may let reach outside it: the skeleton
//! keeps it where it is.
//!
//! Past 600 lines: the lexical rules of every language family sit together, so that a rule
//! two families share (escapes, nested comments) is written once.
//!
//! **Invariant:** grammar node names come from `lang/` ([`super::lang::functions`]); the
//! lexical rules here are those of the language families, not of any grammar.

use std::ops::Range;

use tree_sitter::{Node, Tree};

use super::Language;

/// Bodies shorter than this are not worth blanking.
const MIN_BODY: usize = 96;

/// A function body to blank: the bytes blanked, and where the skeleton's tree shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Body {
    /// Blanked: the inside of the braces, or the indented lines of a Python body.
    pub blank: Range<usize>,
    /// Braced: the body's node spans the braces, `blank.start - 1 .. blank.end + 1`. Indented:
    /// the `0` left at `blank.start` is the body's one statement.
    braced: bool,
    /// Bodies inside this one, tried when this one turns out not to be a function's.
    inner: Vec<Body>,
}

/// The bodies of `text` holding none of `keep` (sorted ascending) that may be function bodies:
/// the outermost such brace pairs, or Python's outermost such `def` bodies. Empty when the
/// text's brackets do not balance as the lexer reads them.
pub(super) fn bodies(language: Language, text: &str, keep: &[usize]) -> Vec<Body> {
    match language {
        Language::Python => python_bodies(text, keep),
        Language::Log | Language::Other => Vec::new(),
        _ => match brace_pairs(language, text.as_bytes()) {
            Some(pairs) => {
                let mut children = vec![Vec::new(); pairs.len()];
                let mut top = Vec::new();
                for (index, pair) in pairs.iter().enumerate() {
                    match pair.parent {
                        Some(parent) => children[parent].push(index),
                        None => top.push(index),
                    }
                }
                outermost_free(&pairs, &children, &top, keep)
            }
            None => Vec::new(),
        },
    }
}

/// `text` with `bodies` blanked (sorted, disjoint).
pub(super) fn blank(text: &str, bodies: &[Body]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for body in bodies {
        for b in &mut bytes[body.blank.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        if !body.braced {
            bytes[body.blank.start] = b'0';
        }
    }
    // Only ASCII bytes were written, each over a whole character's bytes (the ranges start and
    // end at ASCII bytes), so the text stays UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// What a parse of the skeleton leaves out (sorted): each blanked body but the `0` standing
/// for a Python body.
pub(super) fn left_out(bodies: &[Body]) -> Vec<Range<usize>> {
    bodies.iter().map(|b| if b.braced { b.blank.clone() } else { b.blank.start + 1..b.blank.end }).collect()
}

/// For each of `bodies`, whether the skeleton's `tree` (of `skeleton`, the blanked text) shows it
/// as the body of a function declaration holding none of `keep`, inside no construct the
/// analysis reads.
pub(super) fn confirmed(
    tree: &Tree,
    skeleton: &str,
    language: Language,
    bodies: &[Body],
    keep: &[usize],
) -> Vec<bool> {
    let functions: Vec<Option<Node>> = bodies
        .iter()
        .map(|body| function_of(tree, language, body).filter(|f| !holds(keep, &f.byte_range())))
        .collect();
    // One walk finds the constructs around every function.
    let mut starts: Vec<usize> = functions.iter().flatten().map(|f| f.start_byte()).collect();
    starts.sort_unstable();
    let around = super::extract::constructs(tree, skeleton, language, Some(&starts));
    functions
        .iter()
        .map(|f| f.is_some_and(|f| !around.iter().any(|c| c.range.contains(&f.start_byte()))))
        .collect()
}

/// The function declaration `body` is the body of in the skeleton's `tree`, if it is one's.
fn function_of<'t>(tree: &'t Tree, language: Language, body: &Body) -> Option<Node<'t>> {
    let root = tree.root_node();
    let (node, end) = if body.braced {
        let span = body.blank.start - 1..body.blank.end + 1;
        let node = root.descendant_for_byte_range(span.start, span.end)?;
        (node.byte_range() == span).then_some((node, span.end))?
    } else {
        let node = root.descendant_for_byte_range(body.blank.start, body.blank.start + 1)?;
        (node.start_byte() == body.blank.start).then_some((node, body.blank.start + 1))?
    };
    enclosing_function(node, end, language)
}

/// The function declaration whose body `node` is (or lies at the start of, for Python), ending
/// at `end`: `node` or one of its nearest ancestors.
fn enclosing_function(node: Node, end: usize, language: Language) -> Option<Node> {
    let kinds = super::lang::functions(language);
    let mut at = Some(node);
    for _ in 0..4 {
        let candidate = at?;
        if candidate.end_byte() != end {
            return None;
        }
        if kinds.contains(&candidate.kind()) && candidate.id() != node.id() {
            return Some(candidate);
        }
        at = candidate.parent();
    }
    None
}

/// A pair of matching braces, and the pair it lies in.
struct Pair {
    open: usize,
    close: usize,
    parent: Option<usize>,
    /// How many pairs it lies in.
    depth: usize,
}

/// Braces nested deeper than this are no function's: their bodies stay (and the bodies'
/// fallbacks, built by recursion, stay shallow whatever the input).
const MAX_DEPTH: usize = 32;

/// The outermost of the pairs `within` and their inner pairs (`children`: each pair's own)
/// holding no offset of `keep`, each with its inner pairs as fallbacks.
fn outermost_free(pairs: &[Pair], children: &[Vec<usize>], within: &[usize], keep: &[usize]) -> Vec<Body> {
    let mut out = Vec::new();
    for &index in within {
        let pair = &pairs[index];
        if pair.depth > MAX_DEPTH {
            continue;
        }
        let inside = pair.open + 1..pair.close;
        if holds(keep, &inside) {
            out.extend(outermost_free(pairs, children, &children[index], keep));
        } else if inside.len() >= MIN_BODY {
            let inner = outermost_free(pairs, children, &children[index], keep);
            out.push(Body { blank: inside, braced: true, inner });
        }
    }
    out
}

fn holds(keep: &[usize], range: &Range<usize>) -> bool {
    let first = keep.partition_point(|&o| o < range.start);
    keep.get(first).is_some_and(|&o| o < range.end)
}

/// Lexical rules of the brace languages that matter for finding braces.
struct Rules {
    /// `#` starts a line comment (PHP; `#[` is an attribute).
    hash_comments: bool,
    /// Block comments nest (Rust, Kotlin).
    nested_comments: bool,
    /// A `"` string may run over lines (Rust, PHP).
    multiline_strings: bool,
    /// `"""` opens a string that ends at the next `"""` (Java, Kotlin, C#).
    triple_quotes: bool,
    /// `@"` opens a verbatim string, `""` its only escape (C#).
    verbatim: bool,
    /// `r"`, `r#"` … open raw strings (Rust); `'` may start a lifetime.
    rust: bool,
    backtick: Backtick,
    /// `/` may open a regular expression literal (JavaScript).
    regex: bool,
}

#[derive(PartialEq)]
enum Backtick {
    Ignored,
    /// Go's raw strings.
    Raw,
    /// JavaScript's template literals, with `${…}` inside.
    Template,
    /// Kotlin's quoted names, on one line.
    Name,
}

fn rules(language: Language) -> Rules {
    use Language::*;
    Rules {
        hash_comments: language == Php,
        nested_comments: matches!(language, Rust | Kotlin),
        multiline_strings: matches!(language, Rust | Php),
        triple_quotes: matches!(language, Java | Kotlin | CSharp),
        verbatim: language == CSharp,
        rust: language == Rust,
        backtick: match language {
            Go => Backtick::Raw,
            JavaScript | TypeScript | Tsx => Backtick::Template,
            Kotlin => Backtick::Name,
            _ => Backtick::Ignored,
        },
        regex: matches!(language, JavaScript | TypeScript | Tsx),
    }
}

/// Every pair of braces outside strings and comments, in order of their opening; `None` when
/// they do not balance (or a string or comment does not end).
fn brace_pairs(language: Language, text: &[u8]) -> Option<Vec<Pair>> {
    let rules = rules(language);
    let mut pairs: Vec<Pair> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // For each open `${` of a template literal, the depth of `open` it was opened at.
    let mut templates: Vec<usize> = Vec::new();
    // The last byte of code that was not a space or comment, for telling a regex from `/`.
    let mut previous = b'\n';
    let mut i = 0;
    if rules.hash_comments {
        // PHP: code stands between `<?php` (or `<?=`) and `?>`; the rest is text.
        i = php_code_start(text, 0);
    }
    while i < text.len() {
        let b = text[i];
        let next = text.get(i + 1).copied();
        match b {
            b'?' if rules.hash_comments && next == Some(b'>') => i = php_code_start(text, i + 2),
            b'/' if next == Some(b'/') => i = comment_end(text, i, rules.hash_comments),
            b'/' if next == Some(b'*') => i = block_comment_end(text, i, rules.nested_comments)?,
            b'#' if rules.hash_comments && next != Some(b'[') => i = comment_end(text, i, true),
            b'<' if rules.hash_comments && text[i..].starts_with(b"<<<") => {
                i = heredoc_end(text, i)?;
                previous = b'"';
            }
            b'/' if rules.regex && regex_may_start(text, i, previous) => {
                i = regex_end(text, i)?;
                previous = b'/';
            }
            b'"' => {
                i = if rules.triple_quotes && text[i..].starts_with(b"\"\"\"") {
                    find(text, i + 3, b"\"\"\"")? + 3
                } else if rules.verbatim && i > 0 && text[i - 1] == b'@' {
                    verbatim_end(text, i)?
                } else {
                    quoted_end(text, i, b'"', rules.multiline_strings)?
                };
                previous = b'"';
            }
            b'r' if rules.rust && raw_string_start(text, i).is_some() && raw_string_prefix(text, i) => {
                let (hashes, quote) = raw_string_start(text, i)?;
                let mut closing = vec![b'"'];
                closing.extend(std::iter::repeat_n(b'#', hashes));
                i = find(text, quote + 1, &closing)? + closing.len();
                previous = b'"';
            }
            b'\'' if rules.rust => {
                i = rust_quote_end(text, i);
                previous = b'\'';
            }
            b'\'' => {
                i = quoted_end(text, i, b'\'', rules.multiline_strings)?;
                previous = b'\'';
            }
            b'`' if rules.backtick == Backtick::Raw => {
                i = find(text, i + 1, b"`")? + 1;
                previous = b'`';
            }
            b'`' if rules.backtick == Backtick::Name => {
                i = quoted_end(text, i, b'`', false)?;
                previous = b'`';
            }
            b'`' if rules.backtick == Backtick::Template => {
                i = template_part_end(text, i + 1)?;
                if text[i - 1] == b'{' {
                    templates.push(open.len());
                }
                previous = b'`';
            }
            b'{' => {
                pairs.push(Pair { open: i, close: 0, parent: None, depth: 0 });
                open.push(pairs.len() - 1);
                previous = b;
                i += 1;
            }
            b'}' if templates.last() == Some(&open.len()) => {
                // The end of a template literal's `${…}`: back inside the literal.
                templates.pop();
                i = template_part_end(text, i + 1)?;
                if text[i - 1] == b'{' {
                    templates.push(open.len());
                }
                previous = b'`';
            }
            b'}' => {
                let index = open.pop()?;
                pairs[index].close = i;
                previous = b;
                i += 1;
            }
            _ => {
                if !b.is_ascii_whitespace() {
                    previous = b;
                }
                i += 1;
            }
        }
    }
    if !open.is_empty() || !templates.is_empty() {
        return None;
    }
    // Parents, from the nesting: a pair's parent is the nearest earlier pair enclosing it.
    let mut stack: Vec<usize> = Vec::new();
    for index in 0..pairs.len() {
        while stack.last().is_some_and(|&top| pairs[top].close < pairs[index].open) {
            stack.pop();
        }
        pairs[index].parent = stack.last().copied();
        pairs[index].depth = stack.len();
        stack.push(index);
    }
    Some(pairs)
}

fn before(text: &[u8], i: usize) -> u8 {
    if i == 0 { b' ' } else { text[i - 1] }
}

/// Whether the `r` at `i` starts a raw string's prefix (`r`, or the `r` of `br`), not ends a name.
fn raw_string_prefix(text: &[u8], i: usize) -> bool {
    let b = before(text, i);
    !ident_byte(b) || (b == b'b' && !ident_byte(before(text, i - 1)))
}

fn ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// After the line comment at `i`: at its line's end, or in PHP at a `?>` that ends the code.
fn comment_end(text: &[u8], i: usize, php: bool) -> usize {
    let end = line_end(text, i);
    if php && let Some(close) = memchr::memmem::find(&text[i..end], b"?>") {
        return i + close;
    }
    end
}

/// Where PHP code starts again at or after `i`: after the next `<?php`, `<?=` or `<?`.
fn php_code_start(text: &[u8], i: usize) -> usize {
    match find(text, i, b"<?") {
        Some(open) if text[open + 2..].starts_with(b"php") => open + 5,
        Some(open) if text[open + 2..].starts_with(b"=") => open + 3,
        Some(open) => open + 2,
        None => text.len(),
    }
}

/// The offset of the newline ending the line `i` is on (or the text's end).
fn line_end(text: &[u8], i: usize) -> usize {
    memchr::memchr(b'\n', &text[i..]).map_or(text.len(), |n| i + n)
}

fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(text.get(from..)?, needle).map(|n| from + n)
}

/// After the block comment opening at `i`.
fn block_comment_end(text: &[u8], i: usize, nested: bool) -> Option<usize> {
    if !nested {
        return find(text, i + 2, b"*/").map(|n| n + 2);
    }
    let mut depth = 0usize;
    let mut j = i;
    while j + 1 < text.len() {
        match (text[j], text[j + 1]) {
            (b'/', b'*') => {
                depth += 1;
                j += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                j += 2;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// After the string or character literal quoted by `quote` opening at `i`, with backslash
/// escapes. One that meets a line's end where it may not is taken to end there.
fn quoted_end(text: &[u8], i: usize, quote: u8, multiline: bool) -> Option<usize> {
    let mut j = i + 1;
    while j < text.len() {
        match text[j] {
            b'\\' => j += 2,
            b'\n' if !multiline => return Some(j),
            b if b == quote => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// After PHP's heredoc or nowdoc opening at `i` (`<<<ID`, `<<<"ID"`, `<<<'ID'`): after the
/// line that starts, past its indentation, with `ID`.
fn heredoc_end(text: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 3;
    while text.get(j).is_some_and(|&b| b == b' ' || b == b'\t') {
        j += 1;
    }
    if matches!(text.get(j), Some(b'"' | b'\'')) {
        j += 1;
    }
    let name_start = j;
    while text.get(j).is_some_and(|&b| ident_byte(b)) {
        j += 1;
    }
    let name = &text[name_start..j];
    if name.is_empty() {
        // `<<<` without a name is no heredoc: read on after it.
        return Some(i + 3);
    }
    let mut line = line_end(text, j) + 1;
    while line < text.len() {
        let indented = text[line..].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let at = line + indented;
        if text[at..].starts_with(name) && !text.get(at + name.len()).is_some_and(|&b| ident_byte(b)) {
            return Some(at + name.len());
        }
        line = line_end(text, line) + 1;
    }
    None
}

/// After C#'s verbatim string opening at `i` (the `"` after `@`).
fn verbatim_end(text: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        let quote = find(text, j, b"\"")?;
        if text.get(quote + 1) == Some(&b'"') {
            j = quote + 2;
        } else {
            return Some(quote + 1);
        }
    }
}

/// Rust's raw string opening at `i` (`r"`, `r#"`, `br#"` from the `r`): its `#` count and
/// where its quote is.
fn raw_string_start(text: &[u8], i: usize) -> Option<(usize, usize)> {
    let hashes = text[i + 1..].iter().take_while(|&&b| b == b'#').count();
    (text.get(i + 1 + hashes) == Some(&b'"')).then_some((hashes, i + 1 + hashes))
}

/// After a Rust `'` at `i`: a character literal, else a lifetime's quote alone.
fn rust_quote_end(text: &[u8], i: usize) -> usize {
    match text.get(i + 1) {
        Some(b'\\') => quoted_end(text, i, b'\'', false).unwrap_or(text.len()),
        Some(_) => {
            // One character, of up to four bytes, then the closing quote.
            let width = text[i + 1..].iter().skip(1).take_while(|&&b| (0x80..0xC0).contains(&b)).count() + 1;
            if text.get(i + 1 + width) == Some(&b'\'') { i + 2 + width } else { i + 1 }
        }
        None => i + 1,
    }
}

/// Whether the `/` at `i`, after `previous` (the last byte of code before it), opens a regex
/// literal: after an operator or punctuation (`=>` among them), or after a keyword such as
/// `return`.
fn regex_may_start(text: &[u8], i: usize, previous: u8) -> bool {
    const KEYWORDS: &[&[u8]] = &[
        b"return", b"typeof", b"case", b"do", b"else", b"in", b"of", b"new", b"delete", b"void", b"throw",
        b"yield", b"await",
    ];
    if ident_byte(previous) {
        let code = text[..i].trim_ascii_end();
        let word_start = code.iter().rposition(|&b| !ident_byte(b)).map_or(0, |p| p + 1);
        let before_word = code[..word_start].last().copied();
        return before_word != Some(b'.') && KEYWORDS.contains(&&code[word_start..]);
    }
    matches!(
        previous,
        b'(' | b',' | b'=' | b'>' | b':' | b'[' | b'!' | b'&' | b'|' | b'?' | b'{' | b'}' | b';' | b'\n'
    )
}

/// After the regex literal opening at `i`; a `/` that meets the line's end is taken for a
/// division after all.
fn regex_end(text: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    let mut class = false;
    while j < text.len() {
        match text[j] {
            b'\\' => j += 2,
            b'[' => {
                class = true;
                j += 1;
            }
            b']' => {
                class = false;
                j += 1;
            }
            b'/' if !class => return Some(j + 1),
            b'\n' => return Some(i + 1),
            _ => j += 1,
        }
    }
    Some(i + 1)
}

/// From inside a template literal at `i`: after its closing backtick or after the `${` that
/// leaves it for code.
fn template_part_end(text: &[u8], i: usize) -> Option<usize> {
    let mut j = i;
    while j < text.len() {
        match text[j] {
            b'\\' => j += 2,
            b'`' => return Some(j + 1),
            b'$' if text.get(j + 1) == Some(&b'{') => return Some(j + 2),
            _ => j += 1,
        }
    }
    None
}

/// One logical line of Python: where it starts (its first non-space byte), its indentation,
/// and where it ends (its last newline, or the text's end).
struct LogicalLine {
    start: usize,
    indent: usize,
    end: usize,
}

/// Python's outermost `def` bodies holding no offset of `keep`.
fn python_bodies(text: &str, keep: &[usize]) -> Vec<Body> {
    let Some(lines) = logical_lines(text.as_bytes()) else { return Vec::new() };
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let mut body_end = i + 1;
        while lines.get(body_end).is_some_and(|l| l.indent > line.indent) {
            body_end += 1;
        }
        let is_def = {
            let rest = &bytes[line.start..];
            rest.starts_with(b"def ") || rest.starts_with(b"async def ")
        };
        if is_def && body_end > i + 1 {
            let blank = lines[i + 1].start..lines[body_end - 1].end;
            if !holds(keep, &blank) {
                if blank.len() >= MIN_BODY {
                    out.push(Body { blank, braced: false, inner: Vec::new() });
                }
                i = body_end;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The logical lines of a Python text: comments and blank lines are none, a line continues while
/// a bracket is open, a string is open or it ends in a backslash. `None` when a string or a
/// bracket does not close.
fn logical_lines(text: &[u8]) -> Option<Vec<LogicalLine>> {
    let mut lines = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let line_start = i;
        while i < text.len() && (text[i] == b' ' || text[i] == b'\t') {
            i += 1;
        }
        match text.get(i) {
            None => break,
            Some(b'\n' | b'\r' | b'#' | b'\x0c') => {
                i = line_end(text, i) + 1;
                continue;
            }
            Some(_) => {}
        }
        // Tabs count to the next multiple of 8, as Python counts them.
        let indent =
            text[line_start..i].iter().fold(0, |n, &b| if b == b'\t' { (n / 8 + 1) * 8 } else { n + 1 });
        let start = i;
        let mut depth = 0usize;
        while let Some(&b) = text.get(i) {
            match b {
                b'#' => i = line_end(text, i),
                b'\\' => i += 2,
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    i += 1;
                }
                b')' | b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    i += 1;
                }
                b'"' | b'\'' => i = python_string_end(text, i)?,
                b'\n' if depth == 0 => break,
                _ => i += 1,
            }
        }
        if depth > 0 {
            return None;
        }
        lines.push(LogicalLine { start, indent, end: i.min(text.len()) });
        i += 1;
    }
    Some(lines)
}

/// After the Python string whose quote is at `i` (prefixes need no care: they are letters
/// before it).
fn python_string_end(text: &[u8], i: usize) -> Option<usize> {
    let quote = text[i];
    let triple = [quote; 3];
    if text[i..].starts_with(&triple) {
        let mut j = i + 3;
        loop {
            match text.get(j)? {
                b'\\' => j += 2,
                _ if text[j..].starts_with(&triple) => return Some(j + 3),
                _ => j += 1,
            }
        }
    }
    let mut j = i + 1;
    loop {
        match *text.get(j)? {
            b'\\' => j += 2,
            b'\n' => return Some(j),
            b if b == quote => return Some(j + 1),
            _ => j += 1,
        }
    }
}

impl Body {
    /// This body's inner bodies, to try when it is not a function's.
    pub(super) fn into_inner(self) -> Vec<Body> {
        self.inner
    }
}

#[cfg(test)]
#[path = "skeleton_tests.rs"]
mod tests;
