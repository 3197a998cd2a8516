//! Diagnostics and fixes as pure functions: text and catalog in, findings and edits out.
//!
//! **Invariant:** no IO, no JSON-RPC, no editor positions. Ranges are byte offsets into the
//! analysed text; the LSP layer and the CLI translate them for their audiences.

mod arms;
pub mod card;
pub mod completion;
pub mod constants;
mod directives;
mod exhaustive;
mod generated;
pub mod ignore_in_file;
mod rules;
pub mod symbols;
mod unknown_code;

use std::ops::Range;

pub use constants::{Constants, Declared, Resolved, Scope};
pub use directives::{Directive, Directives};
pub use exhaustive::exhaustiveness;
pub use generated::{generated_file, stale_generated};
pub use rules::{Rule, RuleSeverities, Severity};
pub use unknown_code::unknown_codes;

use crate::catalog::{Catalog, EntryId};
use crate::recognize::Recognizer;
use crate::syntax::{Language, ParsedDocument};

/// What analysis needs to know besides the text.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub catalog: &'a Catalog,
    pub recognizer: &'a Recognizer,
    pub options: &'a Options,
    /// Constants holding codes declared across the workspace (by the language server's index,
    /// by `check` over the files it checks), so a label naming one in another file resolves.
    pub workspace: Option<&'a Constants>,
}

/// User choices that change what is reported.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub severities: RuleSeverities,
    /// Codes (glob patterns such as `TEST.*`) never reported.
    pub ignore_codes: CodePatterns,
    /// Which codes a `match`/`switch` must handle.
    pub expected: Expected,
    /// Whether a default branch counts as handling every code (silences `unhandled-codes`).
    pub default_signifies_exhaustive: bool,
    /// Which constructs must be complete.
    pub completeness: Completeness,
}

/// Which constructs `unhandled-codes` checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Completeness {
    /// Those meant to be complete: not classifiers (predicates, constructs mostly about other
    /// namespaces, one or two codes beside a default), unless `errcode: exhaustive` says so.
    #[default]
    Intent,
    /// Every construct that tests a code.
    Always,
}

/// Which codes a `match`/`switch` is expected to handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Expected {
    /// Every code of the namespaces its branches mention.
    #[default]
    Namespace,
    /// Every code of the categories its branches mention.
    Category,
    /// Every code of the catalog.
    Catalog,
}

/// A set of glob patterns over code names (`*` any run, `?` one character).
#[derive(Debug, Clone, Default)]
pub struct CodePatterns {
    patterns: Vec<String>,
    set: Option<globset::GlobSet>,
}

impl CodePatterns {
    /// Compiles the patterns; an invalid one is returned as an error message naming it.
    pub fn new(patterns: &[String]) -> Result<Self, String> {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in patterns {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(false)
                .build()
                .map_err(|e| format!("invalid code pattern `{pattern}`: {e}"))?;
            builder.add(glob);
        }
        let set = builder.build().map_err(|e| e.to_string())?;
        Ok(CodePatterns { patterns: patterns.to_vec(), set: Some(set) })
    }

    pub fn matches(&self, code: &str) -> bool {
        self.set.as_ref().is_some_and(|set| set.is_match(code))
    }

    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// One reported problem in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub range: Range<usize>,
    pub message: String,
    /// Catalog entries the finding refers to (e.g. the suggested or the missing codes).
    pub related: Vec<EntryId>,
    pub fixes: Vec<Fix>,
}

/// An edit that resolves a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
    /// The one fix an editor may apply without asking.
    pub preferred: bool,
}

/// Replace `range` of the analysed text with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub range: Range<usize>,
    pub text: String,
}

/// Applies edits (non-overlapping, any order) to `text`.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut edits: Vec<&Edit> = edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
    let mut out = text.to_owned();
    for edit in edits {
        out.replace_range(edit.range.clone(), &edit.text);
    }
    out
}

/// Every finding for a text in `language`, in order of position. Parses from scratch; an editor
/// keeping a [`ParsedDocument`] up to date calls [`analyze_document`] instead.
pub fn analyze(text: &str, language: Language, cx: Context<'_>) -> Vec<Finding> {
    if let Some(findings) = generated_file(text, cx) {
        return findings;
    }
    // Without a grammar, or without a single code or constant holding one, there is no
    // construct to check: skip parsing.
    let no_code = cx.recognizer.find_iter(text.as_bytes()).next().is_none()
        && cx.workspace.is_none_or(|w| w.name_offsets(text).is_empty());
    if crate::syntax::grammar(language).is_none() || no_code {
        let findings = unknown_codes(text, cx);
        if findings.is_empty() {
            // Directives only ever remove findings: a file without any costs no reading of them.
            return findings;
        }
        let mut findings = honour_directives(findings, &Directives::parse(text), text);
        findings.sort_by_key(|f| (f.range.start, f.range.end));
        return findings;
    }
    analyze_document(&ParsedDocument::new(language, text), cx)
}

/// A file analysed as far as it can be without the workspace's constants: what a checker of
/// many files computes for each while reading them, so that every file is parsed at most once,
/// and then [`finish`]es when every file's declarations ([`Prepared::declared`]) are known.
/// [`finish`] gives exactly what [`analyze`] gives with the same workspace, but for a file whose
/// syntax error inside a function without a code would, in a parse of the whole file, spread to
/// the constructs around its codes: preparing parses around the codes only
/// ([`ParsedDocument::around`]).
#[derive(Debug)]
pub struct Prepared {
    language: Language,
    state: Stage,
}

#[derive(Debug)]
enum Stage {
    /// The findings need no workspace: a generated file, or a language without a grammar.
    Done(Vec<Finding>),
    /// A parsed language without a code: only a workspace constant's name could make a
    /// construct here.
    NoCode,
    /// A parsed language whose codes are none of them a whole string literal (they stand in
    /// comments, messages, URLs): no label or constant can hold one, so it is not parsed
    /// unless a workspace constant's name could make a construct.
    Unparsed {
        /// Unknown-code and directive findings.
        findings: Vec<Finding>,
        directives: Directives,
    },
    /// Parsed once: the constructs around the codes and the file's own constants' names.
    Parsed {
        /// Unknown-code and directive findings, complete.
        findings: Vec<Finding>,
        directives: Directives,
        local: Constants,
        /// The offsets the constructs were found around, sorted.
        near: Vec<usize>,
        constructs: Vec<crate::syntax::Construct>,
    },
}

/// The first step of [`analyze`] for `text` in `language`; `cx.workspace` is not read.
pub fn prepare(text: &str, language: Language, cx: Context<'_>) -> Prepared {
    let state = if let Some(findings) = generated_file(text, cx) {
        Stage::Done(findings)
    } else if crate::syntax::grammar(language).is_none() {
        Stage::Done(analyze(text, language, Context { workspace: None, ..cx }))
    } else {
        let bytes = text.as_bytes();
        let mut codes = Vec::new();
        let mut literal = false;
        for occurrence in cx.recognizer.find_iter(bytes) {
            literal = literal || crate::syntax::may_be_literal_content(bytes, occurrence.range.clone());
            codes.push(occurrence.range.start);
        }
        // Were a delimiter part of some code, a code inside a literal might be recognised
        // differently in the literal alone than in the text: then every such file is parsed.
        literal =
            literal || crate::syntax::LITERAL_DELIMITERS.iter().any(|&b| cx.recognizer.continues_token(b));
        if codes.is_empty() {
            Stage::NoCode
        } else if !literal {
            let directives = Directives::parse(text);
            let findings = tree_free(text, &directives, cx);
            Stage::Unparsed { findings, directives }
        } else {
            let document = ParsedDocument::around(language, text, &codes);
            let directives = Directives::parse(text);
            let findings = tree_free(text, &directives, cx);
            let mut reading = read_tree(&document, codes.clone(), None, cx);
            // A name of one of its constants inside a body left out of the parse may stand in a
            // construct there: then the file is parsed whole (rare).
            if document.skips_any(&reading.near) {
                reading = read_tree(&ParsedDocument::once(language, text), codes, None, cx);
            }
            let TreeReading { local, near, constructs } = reading;
            Stage::Parsed { findings, directives, local, near, constructs }
        }
    };
    Prepared { language, state }
}

impl Prepared {
    /// The constants holding codes that the file declares.
    pub fn declared(&self) -> Option<&Constants> {
        match &self.state {
            Stage::Parsed { local, .. } => Some(local),
            Stage::Done(_) | Stage::NoCode | Stage::Unparsed { .. } => None,
        }
    }

    /// Whether [`finish`] may find more than nothing in the file with `workspace`: false for a
    /// file without a code when no constant is declared anywhere, whose text need not be kept.
    pub fn needs_text(&self, workspace: Option<&Constants>) -> bool {
        match &self.state {
            Stage::Done(findings) => !findings.is_empty(),
            Stage::NoCode => workspace.is_some_and(|w| !w.is_empty()),
            Stage::Parsed { .. } | Stage::Unparsed { .. } => true,
        }
    }
}

/// Every finding for `text` (the one [`prepare`] saw), in order of position, with the
/// workspace's constants in `cx`: the same as [`analyze`] gives.
pub fn finish(prepared: Prepared, text: &str, cx: Context<'_>) -> Vec<Finding> {
    let language = prepared.language;
    let uses_workspace = |text: &str| cx.workspace.map(|w| w.name_offsets(text)).unwrap_or_default();
    match prepared.state {
        Stage::Done(findings) => findings,
        Stage::NoCode => {
            if uses_workspace(text).is_empty() {
                Vec::new()
            } else {
                analyze_document(&ParsedDocument::once(language, text), cx)
            }
        }
        Stage::Unparsed { mut findings, directives } => {
            if !uses_workspace(text).is_empty() {
                return analyze_document(&ParsedDocument::once(language, text), cx);
            }
            // No construct counts a code; only malformed directives remain to be reported.
            let local = Constants::default();
            let scope = Scope { local: &local, workspace: cx.workspace, family: constants::family(language) };
            findings.extend(exhaustiveness(text, &[], &directives, cx, scope));
            findings.sort_by_key(|f| (f.range.start, f.range.end));
            findings
        }
        Stage::Parsed { mut findings, directives, local, near, constructs } => {
            // A workspace name outside the constructs found so far may stand in another one:
            // that needs the tree again (rare: a file naming constants it does not declare, and
            // holding a code besides).
            if !uses_workspace(text).iter().all(|o| near.binary_search(o).is_ok()) {
                return analyze_document(&ParsedDocument::once(language, text), cx);
            }
            let scope = Scope { local: &local, workspace: cx.workspace, family: constants::family(language) };
            findings.extend(exhaustiveness(text, &constructs, &directives, cx, scope));
            findings.sort_by_key(|f| (f.range.start, f.range.end));
            findings
        }
    }
}

/// What the analysis reads from a document's tree: the constants it declares holding codes,
/// the offsets constructs were looked for around (the codes, and the names of its own and
/// `workspace`'s constants), and the constructs there.
struct TreeReading {
    local: Constants,
    near: Vec<usize>,
    constructs: Vec<crate::syntax::Construct>,
}

/// Reads the tree around `codes` (the recognised codes' offsets, ascending). One walk finds the
/// constants and the constructs around the codes; the names of constants, known only after it,
/// need a second walk only where they stand apart from every code. The constructs are those
/// `constructs_near` finds around all the offsets, in the same order.
fn read_tree(
    document: &ParsedDocument,
    codes: Vec<usize>,
    workspace: Option<&Constants>,
    cx: Context<'_>,
) -> TreeReading {
    let text = document.text();
    let (declared, mut constructs) = document.constants_and_constructs_near(&codes);
    let local = Constants::from_declarations(&declared, document.language(), cx.recognizer);
    let mut names = local.name_offsets(text);
    if let Some(workspace) = workspace {
        names.extend(workspace.name_offsets(text));
    }
    names.sort_unstable();
    names.dedup();
    let apart: Vec<usize> = names.iter().copied().filter(|o| codes.binary_search(o).is_err()).collect();
    if !apart.is_empty() {
        let before = constructs.len();
        for construct in document.constructs_near(&apart) {
            if !constructs[..before].contains(&construct) {
                constructs.push(construct);
            }
        }
        if constructs.len() > before {
            // Back into the walk's order: by start, an enclosing construct first.
            constructs.sort_by_key(|c| (c.range.start, std::cmp::Reverse(c.range.end)));
        }
    }
    let mut near = codes;
    near.extend(names);
    near.sort_unstable();
    near.dedup();
    TreeReading { local, near, constructs }
}

/// The findings of [`analyze_document`] (and [`analyze`]) that need no syntax tree: a stale
/// generated file's, else the unknown codes its directives leave. They are computed by the same
/// code `analyze_document` runs first and nothing read from a tree takes one away, so each of
/// them is among `analyze_document`'s findings for the same text: an editor may show them
/// while a long parse is under way without ever having to take one back.
pub fn findings_without_syntax(text: &str, cx: Context<'_>) -> Vec<Finding> {
    if let Some(findings) = generated_file(text, cx) {
        return findings;
    }
    let mut findings = tree_free(text, &Directives::parse(text), cx);
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}

/// The part of [`analyze_document`] that reads no tree (see [`findings_without_syntax`]).
fn tree_free(text: &str, directives: &Directives, cx: Context<'_>) -> Vec<Finding> {
    honour_directives(unknown_codes(text, cx), directives, text)
}

/// Unknown-code findings without those a file's directives rule out, for a text whose findings
/// were computed elsewhere (an editor's index of a file without grammar).
pub fn without_ignored(findings: Vec<Finding>, text: &str) -> Vec<Finding> {
    honour_directives(findings, &Directives::parse(text), text)
}

/// Drops unknown codes written inside directives (`errcode: expect ModelArts.41*` names a
/// pattern, not a mistyped code) and those an `errcode: ignore-code` directive names.
fn honour_directives(mut findings: Vec<Finding>, directives: &Directives, text: &str) -> Vec<Finding> {
    let ignored: Vec<&CodePatterns> = directives
        .placed
        .iter()
        .filter_map(|p| match &p.directive {
            Directive::IgnoreCode(patterns) => Some(patterns),
            _ => None,
        })
        .collect();
    findings.retain(|f| {
        let in_directive =
            directives.spans.iter().any(|span| span.start <= f.range.start && f.range.end <= span.end);
        let named = f.rule == Rule::UnknownCode
            && text.get(f.range.clone()).is_some_and(|code| ignored.iter().any(|p| p.matches(code)));
        !in_directive && !named
    });
    findings
}

/// Every finding for a parsed document, in order of position.
pub fn analyze_document(document: &ParsedDocument, cx: Context<'_>) -> Vec<Finding> {
    let text = document.text();
    if let Some(findings) = generated_file(text, cx) {
        return findings;
    }
    let directives = Directives::parse(text);
    let mut findings = tree_free(text, &directives, cx);
    if crate::syntax::grammar(document.language()).is_some() {
        // Only a construct that contains a code, or a constant holding one, can branch on codes.
        let codes: Vec<usize> = cx.recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
        let language = document.language();
        let TreeReading { local, constructs, .. } = read_tree(document, codes, cx.workspace, cx);
        let scope = Scope { local: &local, workspace: cx.workspace, family: constants::family(language) };
        findings.extend(exhaustiveness(text, &constructs, &directives, cx, scope));
    }
    findings.sort_by_key(|f| (f.range.start, f.range.end));
    findings
}

#[cfg(test)]
mod tree_reading_tests;
