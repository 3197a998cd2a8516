//! The error-code catalog: the model every feature reads, and the importers that build it.
//!
//! A catalog is assembled from one or more *sources* (documents: reStructuredText, Markdown,
//! JSON, TOML). Importers turn text into [`ImportedEntry`] rows; [`CatalogBuilder`] merges them,
//! reporting conflicts as [`Problem`]s instead of failing, so one bad row never loses the rest.
//!
//! A code listed more than once in one document with different content (one row per API module
//! or per HTTP status) keeps every *variant*: [`Catalog::get`] and [`Catalog::lookup`] answer the
//! first, [`Catalog::variants`] all of them. Identical repeats merge silently; a code that two
//! documents define differently is a [`ProblemKind::DuplicateCode`], and the first stays.
//!
//! **Invariant:** nothing here does IO. Importers take `&str` and a display name; reading files
//! is the job of [`crate::workspace`].

mod builtin;
pub mod diff;
mod headers;
pub mod html;
pub mod markdown;
pub mod native;
mod problem;
pub mod rst;
mod shape;
pub mod table;

use std::collections::HashMap;

pub use builtin::{BUILTIN_FILE_NAME, BUILTIN_NAME, BUILTIN_ORIGIN, BUILTIN_TEXT, builtin_catalog};
pub use problem::{Problem, ProblemKind, Severity};
pub use shape::{CodeShape, DigitLengths};

/// Index of an entry in [`Catalog::entries`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntryId(pub u32);

/// Index of a source in [`Catalog::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceId(pub u32);

/// Where a catalog source's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary; `file_name` is what it is called when written out.
    Builtin { file_name: String },
    /// A document on disk (as given, usually absolute).
    File(std::path::PathBuf),
}

/// One catalog document.
#[derive(Debug, Clone)]
pub struct CatalogSource {
    /// Human name: the document's title, or its file name.
    pub name: String,
    pub origin: Origin,
    /// Rows that are not codes (e.g. "If other error codes cannot be rectified, contact
    /// technical support."), kept as general advice.
    pub notes: Vec<String>,
    /// The catalog's version and the URL it comes from, where the document says.
    pub version: Option<String>,
    pub url: Option<String>,
}

impl CatalogSource {
    /// A short label for messages: the file path, or `builtin:<file>` for the embedded catalog.
    pub fn display_path(&self) -> String {
        match &self.origin {
            Origin::Builtin { file_name } => format!("builtin:{file_name}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A position in a catalog document: 1-based line, 1-based column counted in characters, and
/// the byte offset (which editors convert to their own encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct SourcePos {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

impl SourcePos {
    /// The position of byte `offset` in `text`. Counts from the start of `text`: to position
    /// many offsets of one document, use [`Positions`], which costs one pass in all.
    pub fn at(text: &str, offset: usize) -> Self {
        Positions::new(text).at(offset)
    }
}

/// Line starts of one document, so that each position costs a binary search plus the length of
/// its own line — importers position every entry, and counting from the start of the text each
/// time made loading quadratic in the catalog's size.
#[derive(Debug, Clone)]
pub struct Positions<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Positions { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text, and to a character boundary).
    pub fn at(&self, offset: usize) -> SourcePos {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count() as u32 + 1;
        SourcePos { line: line as u32 + 1, column, offset }
    }
}

/// One row of a catalog as an importer read it, before it is given an id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportedEntry {
    pub code: String,
    pub category: Option<String>,
    pub message: String,
    pub description: String,
    pub solution: String,
    /// The HTTP status answered with the code, as written (`400`, `301 Moved Permanently`).
    pub status: Option<String>,
    /// Further columns, in document order: `(header, value)`.
    pub extra: Vec<(String, String)>,
    /// Position of the code cell's text.
    pub pos: SourcePos,
}

impl ImportedEntry {
    /// Whether two rows say the same thing (their positions aside).
    fn same_content(&self, entry: &Entry) -> bool {
        self.category == entry.category
            && self.message == entry.message
            && self.description == entry.description
            && self.solution == entry.solution
            && self.status == entry.status
            && self.extra == entry.extra
    }
}

/// What an importer produced from one document.
#[derive(Debug, Default)]
pub struct Import {
    /// The document's own title, if it has one.
    pub title: Option<String>,
    /// The document's version and source URL, if it names them.
    pub version: Option<String>,
    pub url: Option<String>,
    pub entries: Vec<ImportedEntry>,
    pub notes: Vec<String>,
    pub problems: Vec<Problem>,
    /// How many tables had a code column (whether or not any row held a code).
    pub code_tables: usize,
}

/// A catalog entry: one error code and everything known about it. Text fields are Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub code: String,
    /// The code's family: `AIS` for `AIS.0101`, `SVCSTG.OBS` for `SVCSTG.OBS.4001`.
    pub namespace: String,
    pub category: Option<String>,
    pub message: String,
    pub description: String,
    pub solution: String,
    /// The HTTP status answered with the code, as written (`400`, `301 Moved Permanently`).
    pub status: Option<String>,
    pub extra: Vec<(String, String)>,
    pub source: SourceId,
    pub pos: SourcePos,
}

impl Entry {
    fn new(row: ImportedEntry, namespace: String, source: SourceId) -> Entry {
        Entry {
            code: row.code,
            namespace,
            category: row.category,
            message: row.message,
            description: row.description,
            solution: row.solution,
            status: row.status,
            extra: row.extra,
            source,
            pos: row.pos,
        }
    }
}

/// A family of codes sharing a prefix and separator, from which unknown codes are recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    pub shape: CodeShape,
    /// Fewest and most digits among the catalog's codes of this family.
    pub digits: (usize, usize),
    /// Every digit count among them.
    pub lengths: DigitLengths,
    pub entries: Vec<EntryId>,
}

/// All loaded error codes. Cheap to query; rebuilt as a whole when a source changes.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    sources: Vec<CatalogSource>,
    /// One entry per code: its first variant.
    entries: Vec<Entry>,
    /// Further variants of each entry, by [`EntryId`] (mostly empty).
    variants: Vec<Vec<Entry>>,
    by_code: HashMap<String, EntryId>,
    namespaces: Vec<Namespace>,
}

impl Catalog {
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn sources(&self) -> &[CatalogSource] {
        &self.sources
    }

    pub fn namespaces(&self) -> &[Namespace] {
        &self.namespaces
    }

    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.0 as usize]
    }

    pub fn source(&self, id: SourceId) -> &CatalogSource {
        &self.sources[id.0 as usize]
    }

    pub fn lookup(&self, code: &str) -> Option<EntryId> {
        self.by_code.get(code).copied()
    }

    /// An entry's message, or, for an entry nobody has written a message for yet (accepted
    /// with `errcode-ls catalog add` or from the editor), which file it was added in.
    pub fn message_or_origin(&self, entry: &Entry) -> String {
        if !entry.message.trim().is_empty() {
            return entry.message.clone();
        }
        let path = self.source(entry.source).display_path();
        let file = path.rsplit(['/', '\\']).next().unwrap_or(&path);
        format!("added in {file}, no message yet")
    }

    pub fn get(&self, code: &str) -> Option<&Entry> {
        self.lookup(code).map(|id| self.entry(id))
    }

    /// Every variant of an entry, the entry itself first, in document order.
    pub fn variants(&self, id: EntryId) -> impl Iterator<Item = &Entry> + Clone + '_ {
        let more = self.variants.get(id.0 as usize).map_or(&[][..], Vec::as_slice);
        std::iter::once(self.entry(id)).chain(more)
    }

    /// How many variants an entry has (1 when it is listed once).
    pub fn variant_count(&self, id: EntryId) -> usize {
        1 + self.variants.get(id.0 as usize).map_or(0, Vec::len)
    }

    /// Every variant of `code`, first one first; empty when the catalog lacks it.
    pub fn get_all(&self, code: &str) -> Vec<&Entry> {
        self.lookup(code).map(|id| self.variants(id).collect()).unwrap_or_default()
    }

    pub fn ids(&self) -> impl Iterator<Item = EntryId> + '_ {
        (0..self.entries.len() as u32).map(EntryId)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The namespace a code-shaped token belongs to, if the catalog knows that family.
    pub fn namespace_of(&self, token: &str) -> Option<&Namespace> {
        let (shape, _) = CodeShape::split(token)?;
        self.namespaces.iter().find(|ns| ns.shape == shape)
    }

    /// Codes closest to `token` by edit distance, best first: codes of the same namespace
    /// rank before others at equal distance. Only reasonably close codes are returned.
    pub fn closest(&self, token: &str, limit: usize) -> Vec<EntryId> {
        let own_ns = CodeShape::split(token).map(|(shape, _)| shape);
        let length = token.chars().count();
        let max_distance = (length / 3).max(1);
        let mut scored: Vec<(usize, bool, EntryId)> = self
            .ids()
            .filter_map(|id| {
                let entry = self.entry(id);
                // An edit distance is at least the difference in length: most codes of a large
                // catalog are ruled out without computing one.
                if entry.code.len().abs_diff(token.len()) > max_distance * 4
                    || entry.code.chars().count().abs_diff(length) > max_distance
                {
                    return None;
                }
                let distance = strsim::damerau_levenshtein(token, &entry.code);
                let other_ns = own_ns != CodeShape::split(&entry.code).map(|(shape, _)| shape);
                (distance <= max_distance && distance > 0).then_some((distance, other_ns, id))
            })
            .collect();
        scored.sort();
        scored.into_iter().take(limit).map(|(_, _, id)| id).collect()
    }
}

/// Assembles a [`Catalog`] from imported documents: a code repeated with other content in the
/// same document becomes a variant; across documents, the first definition stays.
#[derive(Debug, Default)]
pub struct CatalogBuilder {
    catalog: Catalog,
    problems: Vec<Problem>,
}

impl CatalogBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one imported document. Its problems, and any duplicate codes, are kept for
    /// [`CatalogBuilder::finish`].
    pub fn add(&mut self, name: String, origin: Origin, import: Import) -> SourceId {
        let source = SourceId(self.catalog.sources.len() as u32);
        let source_entry =
            CatalogSource { name, origin, notes: import.notes, version: import.version, url: import.url };
        let file = source_entry.display_path();
        self.catalog.sources.push(source_entry);
        self.problems.extend(import.problems);
        for row in import.entries {
            if let Some(&first) = self.catalog.by_code.get(&row.code) {
                if self.catalog.variants(first).any(|v| row.same_content(v)) {
                    continue;
                }
                let first = self.catalog.entry(first);
                if first.source != source {
                    let first_file = self.catalog.source(first.source).display_path();
                    self.problems.push(Problem::new(
                        &file,
                        Some(row.pos.line),
                        ProblemKind::DuplicateCode {
                            code: row.code.clone(),
                            first: format!("{first_file}:{}", first.pos.line),
                        },
                    ));
                    continue;
                }
                let variant = Entry::new(row, first.namespace.clone(), source);
                let id = self.catalog.by_code[&variant.code];
                self.catalog.variants[id.0 as usize].push(variant);
                continue;
            }
            let id = EntryId(self.catalog.entries.len() as u32);
            let namespace = match CodeShape::split(&row.code) {
                Some((shape, _)) => shape.prefix,
                None => row.code.clone(),
            };
            self.catalog.by_code.insert(row.code.clone(), id);
            self.catalog.entries.push(Entry::new(row, namespace, source));
            self.catalog.variants.push(Vec::new());
        }
        source
    }

    /// Records a problem that is not tied to an import (e.g. a catalog file that is missing).
    pub fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub fn finish(mut self) -> (Catalog, Vec<Problem>) {
        let mut namespaces: Vec<Namespace> = Vec::new();
        let mut by_shape: HashMap<CodeShape, usize> = HashMap::new();
        for id in self.catalog.ids() {
            let Some((shape, digits)) = CodeShape::split(&self.catalog.entry(id).code) else {
                continue;
            };
            match by_shape.get(&shape) {
                Some(&n) => {
                    let ns = &mut namespaces[n];
                    ns.digits = (ns.digits.0.min(digits), ns.digits.1.max(digits));
                    ns.lengths.insert(digits);
                    ns.entries.push(id);
                }
                None => {
                    by_shape.insert(shape.clone(), namespaces.len());
                    namespaces.push(Namespace {
                        shape,
                        digits: (digits, digits),
                        lengths: DigitLengths::of(digits),
                        entries: vec![id],
                    });
                }
            }
        }
        self.catalog.namespaces = namespaces;
        // The entries grew by doubling: a 10,000-code catalog's spare capacity alone is over a
        // megabyte, kept for as long as the catalog is.
        self.catalog.entries.shrink_to_fit();
        self.catalog.variants.shrink_to_fit();
        (self.catalog, self.problems)
    }
}

/// Builds a catalog from one document's text, choosing the importer by file extension.
/// Unknown extensions are tried as reStructuredText, then Markdown. Files the document refers
/// to are reported as unreadable; see [`import_document_with`].
pub fn import_document(file: &str, text: &str) -> Import {
    import_document_with(file, text, &|_| None)
}

/// [`import_document`], asking `resolve` for the text of files the document refers to (a
/// `.. csv-table::`'s `:file:`, named as the document names it).
pub fn import_document_with(file: &str, text: &str, resolve: rst::Resolver) -> Import {
    import_named(file, file, text, resolve)
}

/// [`import_document`] for a text whose format is named by `format_name` (a file name whose
/// extension picks the importer) while problems name `display` (the URL a cached copy came
/// from, say).
pub fn import_document_as(display: &str, format_name: &str, text: &str) -> Import {
    import_named(display, format_name, text, &|_| None)
}

fn import_named(file: &str, format_name: &str, text: &str, resolve: rst::Resolver) -> Import {
    let lower = format_name.to_ascii_lowercase();
    let import = if lower.ends_with(".json") {
        native::parse_json(file, text)
    } else if lower.ends_with(".toml") {
        native::parse_toml(file, text)
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
        markdown::parse(file, text)
    } else if lower.ends_with(".rst") || lower.ends_with(".txt") || lower.ends_with(".rest") {
        rst::parse_with(file, text, resolve)
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        html::parse(file, text)
    } else {
        let rst = rst::parse_with(file, text, resolve);
        if rst.entries.is_empty() { markdown::parse(file, text) } else { rst }
    };
    let mut import = import;
    for problem in import.problems.iter_mut().filter(|p| p.file.is_empty()) {
        file.clone_into(&mut problem.file);
    }
    if import.entries.is_empty() && !import.problems.iter().any(|p| p.severity() == Severity::Warning) {
        let kind = if import.code_tables > 0 { ProblemKind::OnlyNotes } else { ProblemKind::NoEntries };
        import.problems.push(Problem::new(file, None, kind));
    }
    import
}

pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
