//! Open documents: a rope per document, its version and language, edited in order, plus what
//! analysis keeps between keystrokes.
//!
//! - Source files (languages with a grammar) keep a [`ParsedDocument`]. Edits are logged as they
//!   arrive (cheap, under the state lock) and applied to the parsed document by whoever analyses
//!   a version next, through tree-sitter's incremental edit API: a keystroke reparses only
//!   around itself and never waits for an analysis in progress.
//! - Everything else (logs, plain text) keeps a [`LogIndex`]: codes by line. An edit rescans
//!   only the lines it touched (found with the rope's line index), never the whole file, and no
//!   second copy of the text is kept.
//!
//! **Invariant:** documents change only through [`Document::apply`], which is called while
//! the state lock is held and never across an `.await`.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use ropey::Rope;
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::position;
use crate::analysis::{self, Context, Finding};
use crate::recognize::Recognizer;
use crate::scan::lines::LogIndex;
use crate::syntax::{Language, ParsedDocument};
use crate::text::Encoding;

/// The most diagnostics published for a log: a log with more unknown codes is triaged through
/// its outline (document symbols), and editors would not show more in a useful way.
pub const MAX_LOG_DIAGNOSTICS: usize = 1000;

/// One open document.
#[derive(Debug, Clone)]
pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// Which opening of a document this is: unique per `didOpen` in the process, so results
    /// computed for an earlier opening of the same URI are told apart.
    pub opening: u64,
    pub language: Language,
    pub content: Content,
}

/// What is kept besides the rope, by kind of document.
#[derive(Debug, Clone)]
pub enum Content {
    Source(Arc<Source>),
    Lines(Arc<LogIndex>),
}

impl Content {
    /// How many times the syntax was settled ([`Source::settle`]): the same version analysed
    /// again after it may give other diagnostics.
    pub fn parse_generation(&self) -> u64 {
        match self {
            Content::Source(source) => source.settled.load(Ordering::SeqCst),
            Content::Lines(_) => 0,
        }
    }
}

/// A source file's syntax tree, and the edits it has not seen yet.
#[derive(Debug)]
pub struct Source {
    parsed: Mutex<(Syntax, i32)>,
    pending: Mutex<Vec<(i32, Change)>>,
    settled: AtomicU64,
}

/// A source file's syntax, parsed when it is first needed rather than when the file is opened:
/// `didOpen` returns at once, and the parse (a large module's takes a good part of a second)
/// runs on the blocking pool, after the findings that need no tree have been published
/// ([`Source::is_parsed`]).
#[derive(Debug)]
struct Syntax {
    language: Language,
    /// The text of the version opened, until it is parsed.
    unparsed: String,
    document: Option<ParsedDocument>,
}

impl Syntax {
    /// The parsed document, parsing the opened text first if that has not happened yet.
    fn document(&mut self) -> &mut ParsedDocument {
        let (language, unparsed) = (self.language, &mut self.unparsed);
        self.document.get_or_insert_with(|| {
            let large = unparsed.len() >= super::diagnostics::TREE_FREE_FIRST;
            let document = ParsedDocument::new(language, std::mem::take(unparsed));
            if large {
                super::release_freed_memory();
            }
            document
        })
    }
}

impl Source {
    fn new(language: Language, text: String, version: i32) -> Self {
        Source {
            parsed: Mutex::new((Syntax { language, unparsed: text, document: None }, version)),
            pending: Mutex::new(Vec::new()),
            settled: AtomicU64::new(0),
        }
    }

    /// Whether the text has been parsed since it was opened.
    pub fn is_parsed(&self) -> bool {
        self.parsed.lock().unwrap_or_else(|e| e.into_inner()).0.document.is_some()
    }

    /// Whether the syntax kept for `version` is approximate: an edit left a syntax error that
    /// a parse from scratch might read differently ([`ParsedDocument::is_exact`]).
    pub fn needs_settling(&self, version: i32) -> bool {
        let parsed = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        parsed.1 == version && parsed.0.document.as_ref().is_some_and(|d| !d.is_exact())
    }

    /// Parses `version`'s text from scratch, without holding the lock meanwhile (keystrokes
    /// go on), and keeps the result if no edit came in the meantime. Returns whether that
    /// changed what analysis reads (the constructs), so the version needs analysing again.
    pub fn settle(&self, version: i32) -> bool {
        let (language, text) = {
            let parsed = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
            match &parsed.0.document {
                Some(document) if parsed.1 == version && !document.is_exact() => {
                    (document.language(), document.text().to_owned())
                }
                _ => return false,
            }
        };
        let fresh = ParsedDocument::new(language, text);
        let mut parsed = self.parsed.lock().unwrap_or_else(|e| e.into_inner());
        let newer_edits = !self.pending.lock().unwrap_or_else(|e| e.into_inner()).is_empty();
        if parsed.1 != version || newer_edits {
            return false;
        }
        let Some(document) = parsed.0.document.as_mut().filter(|d| !d.is_exact()) else { return false };
        let changed = fresh.constructs() != document.constructs();
        *document = fresh;
        if changed {
            self.settled.fetch_add(1, Ordering::SeqCst);
        }
        changed
    }
}

/// An edit in byte offsets of the text before it.
#[derive(Debug, Clone)]
enum Change {
    Range(Range<usize>, String),
    Full(String),
}

impl Document {
    pub fn new(uri: &Uri, language_id: &str, version: i32, text: &str, recognizer: &Recognizer) -> Self {
        let language = language_of(uri, language_id);
        let content = if crate::syntax::grammar(language).is_some() {
            Content::Source(Arc::new(Source::new(language, text.to_owned(), version)))
        } else {
            Content::Lines(Arc::new(LogIndex::new(text, recognizer)))
        };
        Document { rope: position::rope(text), version, opening: next_opening(), language, content }
    }

    /// A document whose text arrived as a rope (a large `didOpen`, see
    /// [`super::large_open`]): indexed from the rope a few thousand lines at a time, so no
    /// second copy of the text is made for a log.
    pub fn from_rope(
        uri: &Uri,
        language_id: &str,
        version: i32,
        rope: Rope,
        recognizer: &Recognizer,
    ) -> Self {
        let language = language_of(uri, language_id);
        let content = if crate::syntax::grammar(language).is_some() {
            Content::Source(Arc::new(Source::new(language, String::from(&rope), version)))
        } else {
            Content::Lines(Arc::new(LogIndex::from_parts(line_parts(&rope), recognizer)))
        };
        Document { rope, version, opening: next_opening(), language, content }
    }

    /// Applies one change (a range edit, or the full text when it has no range) that leads to
    /// `version`.
    pub fn apply(
        &mut self,
        change: &TextDocumentContentChangeEvent,
        version: i32,
        encoding: Encoding,
        recognizer: &Recognizer,
    ) {
        let bytes = match change.range {
            None => 0..self.rope.len_bytes(),
            Some(range) => position::byte_range(&self.rope, range, encoding),
        };
        // The lines the edit touches, widened by one on each side so that a line break made or
        // unmade at the edit's edges (`\r` + `\n`) falls inside the rescanned region.
        let old_total = self.rope.len_lines();
        let first = self.rope.byte_to_line(bytes.start).saturating_sub(1);
        let last = (self.rope.byte_to_line(bytes.end) + 2).min(old_total);
        let region_start = self.rope.line_to_byte(first);
        let region_end = if last >= old_total { self.rope.len_bytes() } else { self.rope.line_to_byte(last) };
        let old_len = self.rope.len_bytes();

        match change.range {
            None => self.rope = position::rope(&change.text),
            Some(_) => {
                let start = self.rope.byte_to_char(bytes.start);
                let end = self.rope.byte_to_char(bytes.end);
                self.rope.remove(start..end);
                self.rope.insert(start, &change.text);
            }
        }

        match &mut self.content {
            Content::Source(source) => {
                let change = match change.range {
                    None => Change::Full(change.text.clone()),
                    Some(_) => Change::Range(bytes, change.text.clone()),
                };
                source.pending.lock().unwrap_or_else(|e| e.into_inner()).push((version, change));
            }
            Content::Lines(index) => {
                let index = Arc::make_mut(index);
                if change.range.is_none() {
                    *index = LogIndex::from_parts(line_parts(&self.rope), recognizer);
                    return;
                }
                // The region's end moved by the change in length; everything after it is as
                // it was.
                let end = (region_end + self.rope.len_bytes()).saturating_sub(old_len);
                let end = end.clamp(region_start, self.rope.len_bytes());
                let text: Cow<str> = self.rope.byte_slice(region_start..end).into();
                index.edit(first..last, &text, recognizer);
                if index.line_count() != self.rope.len_lines() {
                    // Cannot happen when the rope and the index count lines alike; if it ever
                    // does, a full rescan keeps the views right.
                    tracing::warn!(lines = self.rope.len_lines(), "log index out of step; rescanned");
                    *index = LogIndex::from_parts(line_parts(&self.rope), recognizer);
                }
            }
        }
    }

    /// Rescans a log with a new catalog's recogniser (source files do not depend on it).
    pub fn reindex(&mut self, recognizer: &Recognizer) {
        if let Content::Lines(index) = &mut self.content {
            *index = Arc::new(LogIndex::from_parts(line_parts(&self.rope), recognizer));
        }
    }

    /// The whole text (a copy; the rope stays the owner).
    pub fn text(&self) -> String {
        String::from(&self.rope)
    }

    /// The log index, for documents that keep one.
    pub fn log_index(&self) -> Option<&LogIndex> {
        match &self.content {
            Content::Lines(index) => Some(index),
            Content::Source(_) => None,
        }
    }

    /// The constants holding codes this version of the document declares: from the kept tree
    /// when it is of this version (no parse on the request path), else from the text.
    pub fn constants(&self, recognizer: &crate::recognize::Recognizer) -> crate::analysis::Constants {
        let Content::Source(source) = &self.content else { return crate::analysis::Constants::default() };
        {
            let mut parsed = source.parsed.lock().unwrap_or_else(|e| e.into_inner());
            let version = parsed.1;
            let document = parsed.0.document();
            if version == self.version && document.text().len() == self.rope.len_bytes() {
                let text = document.text();
                let codes: Vec<usize> =
                    recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
                return crate::analysis::Constants::from_declarations(
                    &document.constants_near(&codes),
                    self.language,
                    recognizer,
                );
            }
        }
        crate::workspace::constants::declared_in(&self.text(), self.language, recognizer)
    }

    /// Every finding of this version of the document: source files through their incrementally
    /// parsed tree ([`analysis::analyze_document`]), logs from their index.
    pub fn findings(&self, cx: Context<'_>) -> Vec<Finding> {
        match &self.content {
            Content::Lines(index) => {
                index.findings(cx, MAX_LOG_DIAGNOSTICS, |line| self.rope.line_to_byte(line))
            }
            Content::Source(source) => {
                let mut guard = source.parsed.lock().unwrap_or_else(|e| e.into_inner());
                let (syntax, parsed_version) = &mut *guard;
                let document = syntax.document();
                let changes: Vec<Change> = {
                    let mut pending = source.pending.lock().unwrap_or_else(|e| e.into_inner());
                    let ready = pending.partition_point(|(v, _)| *v <= self.version);
                    pending.drain(..ready).map(|(_, c)| c).collect()
                };
                for change in changes {
                    match change {
                        Change::Range(range, text) => document.edit(range, &text),
                        Change::Full(text) => document.replace(text),
                    }
                }
                *parsed_version = (*parsed_version).max(self.version);
                if *parsed_version != self.version || document.text().len() != self.rope.len_bytes() {
                    // An older snapshot than the tree: analyse this version's own text.
                    return analysis::analyze(&self.text(), self.language, cx);
                }
                analysis::analyze_document(document, cx)
            }
        }
    }
}

fn next_opening() -> u64 {
    static OPENINGS: AtomicU64 = AtomicU64::new(0);
    OPENINGS.fetch_add(1, Ordering::Relaxed)
}

/// The rope's text in parts of a few thousand whole lines (each but the last ends with its
/// line break), copied one part at a time.
fn line_parts(rope: &Rope) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    const LINES: usize = 4096;
    let total = rope.len_lines();
    (0..total).step_by(LINES).map(move |first| {
        let start = rope.line_to_byte(first);
        let end = if first + LINES >= total { rope.len_bytes() } else { rope.line_to_byte(first + LINES) };
        rope.byte_slice(start..end).into()
    })
}

/// The language from the editor's id, or from the file name when the id says nothing.
pub fn language_of(uri: &Uri, language_id: &str) -> Language {
    Language::from_language_id(language_id).unwrap_or_else(|| {
        let path = uri.path().as_str().rsplit('/').next().unwrap_or_default().to_owned();
        Language::from_path(std::path::Path::new(&path))
    })
}
