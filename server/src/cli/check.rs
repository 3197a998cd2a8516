//! `errcode-ls check [PATH...]`: every finding of every file, for terminals and CI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::render;
use super::{CheckArgs, Format, fix, report, walk};
use crate::analysis::{self, Constants, Context, Finding, Rule, Severity};
use crate::catalog::Origin;
use crate::syntax::Language;
use crate::text::{Encoding, LineIndex};
use crate::workspace::Loaded;
use crate::workspace::constants::{MAX_FILE_BYTES, declared_in};

/// Files whose first this-many bytes hold a NUL are binary and skipped.
const BINARY_SNIFF: usize = 8192;

pub fn run(loaded: &Loaded, args: &CheckArgs) -> anyhow::Result<ExitCode> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let excluded = exclusions(loaded)?;
    let root = loaded.config.root().map(Path::to_path_buf).unwrap_or(std::env::current_dir()?);
    for path in &paths {
        if !path.exists() {
            anyhow::bail!("{}: no such file or folder", path.display());
        }
    }
    let alone = Context {
        catalog: &loaded.catalog,
        recognizer: &loaded.recognizer,
        options: &loaded.options,
        workspace: None,
    };

    let cwd = std::env::current_dir();
    // One pass over the files, on every core: each is read, and parsed if it holds a code,
    // once. What needs the constants other files declare waits for the end of the walk.
    let (visited, walk_errors) = walk::files(&paths, None, |path| {
        let absolute = cwd.as_ref().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_owned());
        if is_excluded(&excluded, &root, &absolute) {
            // Not checked, but a constant it declares still names a code where it is used.
            return declarations_of_excluded(path, &loaded.recognizer).map(Visit::Excluded);
        }
        Some(Visit::Checked(Box::new(prepare_file(path, alone))))
    });
    for error in walk_errors {
        render::warn(&error);
    }
    // Constants declared in one checked file and named in another resolve across them.
    let mut constants = Constants::default();
    for visit in &visited {
        let declared = match &visit.result {
            Visit::Excluded(declared) => Some(declared),
            Visit::Checked(file) if file.declares => file.prepared.as_ref().and_then(|p| p.declared()),
            Visit::Checked(_) => None,
        };
        constants.extend(declared.into_iter().flat_map(|d| d.iter().cloned()));
    }
    let cx = Context { workspace: Some(&constants), ..alone };

    let mut checked = 0usize;
    let mut pending = Vec::new();
    for walk::Visited { path, result } in visited {
        let Visit::Checked(file) = result else { continue };
        let file = *file;
        if let Some(warning) = &file.warning {
            render::warn(warning);
        }
        checked += file.prepared.is_some() as usize;
        if let Some(prepared) = file.prepared {
            pending.push((path, prepared, file.text));
        }
    }
    let (reports, warnings) = finish_files(pending, cx);
    for warning in warnings {
        render::warn(&warning);
    }

    let reports = if args.fix { fix::apply(reports, &args.fix_options(), cx)? } else { reports };
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    match args.format {
        _ if args.statistics => report::print_statistics(&loaded.catalog, &reports)?,
        Format::Full => report::print_full(&loaded.catalog, &reports)?,
        Format::Concise => report::print_concise(&reports)?,
        Format::Json => print_json(loaded, &reports)?,
        Format::Sarif => print_sarif(loaded, &reports)?,
    }
    if matches!(args.format, Format::Full | Format::Concise) || args.statistics {
        report::print_summary(&reports, checked)?;
    }
    Ok(if total > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}

/// What the walk made of one file.
enum Visit {
    /// Boxed: the walk's results are sorted, and most files prepare to almost nothing.
    Checked(Box<ReadFile>),
    /// A file the configuration excludes: only the constants it declares.
    Excluded(Constants),
}

/// One file read and analysed as far as it can be alone.
struct ReadFile {
    warning: Option<String>,
    /// `None` for a file skipped (binary or unreadable).
    prepared: Option<analysis::Prepared>,
    /// Whether its constants join the workspace's (files up to [`MAX_FILE_BYTES`], as the
    /// language server's index).
    declares: bool,
    /// Its text, when finishing may need it; re-read otherwise in the rare case it does.
    text: Option<String>,
}

/// Reads `path` and analyses it up to what needs other files; binary files are skipped,
/// unreadable ones give a warning.
fn prepare_file(path: &Path, cx: Context<'_>) -> ReadFile {
    let skipped = |warning: Option<String>| ReadFile { warning, prepared: None, declares: false, text: None };
    let (text, warning) = match read_text(path) {
        Ok(Some(read)) => read,
        Ok(None) => return skipped(None),
        Err(warning) => return skipped(Some(warning)),
    };
    let prepared = analysis::prepare(&text, Language::from_path(path), cx);
    let keep = prepared.needs_text(None);
    ReadFile {
        warning,
        declares: text.len() as u64 <= MAX_FILE_BYTES,
        prepared: Some(prepared),
        text: keep.then_some(text),
    }
}

/// A file's text, read with replacement characters (and a warning) when it is not UTF-8;
/// `None` for a binary file (a NUL in its first [`BINARY_SNIFF`] bytes).
fn read_text(path: &Path) -> Result<Option<(String, Option<String>)>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return Ok(None);
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Some(format!("{}: not valid UTF-8; read with replacement characters", path.display())),
        ),
    }))
}

/// The constants an excluded source file declares, when it is one that could declare some.
fn declarations_of_excluded(path: &Path, recognizer: &crate::recognize::Recognizer) -> Option<Constants> {
    let language = Language::from_path(path);
    crate::syntax::grammar(language)?;
    let (text, _) = read_text(path).ok()??;
    (text.len() as u64 <= MAX_FILE_BYTES).then(|| declared_in(&text, language, recognizer))
}

/// Finishes every prepared file with the workspace's constants, in the order given, on every
/// core when files must be read again; returns the reports of files with findings and the
/// warnings of files that could no longer be read.
fn finish_files(
    pending: Vec<(PathBuf, analysis::Prepared, Option<String>)>,
    cx: Context<'_>,
) -> (Vec<FileReport>, Vec<String>) {
    let finish = |(path, prepared, text): (PathBuf, analysis::Prepared, Option<String>)| {
        let text = match text {
            Some(text) => text,
            None if prepared.needs_text(cx.workspace) => match read_text(&path) {
                Ok(Some((text, _))) => text,
                Ok(None) => return Ok(None),
                Err(warning) => return Err(warning),
            },
            None => return Ok(None),
        };
        let findings = analysis::finish(prepared, &text, cx);
        Ok((!findings.is_empty()).then(|| FileReport::new(path, text, findings)))
    };
    let rereads = pending.iter().filter(|(_, p, text)| text.is_none() && p.needs_text(cx.workspace)).count();
    let results: Vec<Result<Option<FileReport>, String>> = if rereads < 64 {
        pending.into_iter().map(finish).collect()
    } else {
        super::pool::in_order(pending, super::pool::cores(), || (), |(), file| finish(file))
    };
    let mut reports = Vec::new();
    let mut warnings = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.extend(report),
            Err(warning) => warnings.push(warning),
        }
    }
    (reports, warnings)
}

/// How much of a very long line is shown on each side of a finding.
const EXCERPT_MARGIN: usize = 160;

/// One file's findings with the text they were computed from.
pub(super) struct FileReport {
    pub path: PathBuf,
    pub text: String,
    pub index: LineIndex,
    pub findings: Vec<Finding>,
}

impl FileReport {
    pub fn new(path: PathBuf, text: String, findings: Vec<Finding>) -> Self {
        FileReport { path, index: LineIndex::new(&text), text, findings }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let (line, column) = self.index.position(&self.text, offset, Encoding::Utf32);
        (line + 1, column + 1)
    }

    /// The whole lines that hold `ranges` (cut to [`EXCERPT_MARGIN`] bytes around them when a
    /// line is very long, as in minified code or logs): their text, the 1-based number of the
    /// first, and the byte offset it starts at (to shift the ranges by).
    pub fn excerpt(&self, ranges: &[std::ops::Range<usize>]) -> (&str, usize, usize) {
        let low = ranges.iter().map(|r| r.start).min().unwrap_or(0);
        let high = ranges.iter().map(|r| r.end).max().unwrap_or(0);
        let first = self.index.line_of(low);
        let last = self.index.line_of(high);
        let mut start = self.index.line_range(&self.text, first).start;
        let mut end = self.index.line_range(&self.text, last).end.max(high);
        if low - start > EXCERPT_MARGIN {
            start = (low - EXCERPT_MARGIN..=low).find(|&i| self.text.is_char_boundary(i)).unwrap_or(low);
        }
        if end - high > EXCERPT_MARGIN {
            end =
                (high..=high + EXCERPT_MARGIN).rev().find(|&i| self.text.is_char_boundary(i)).unwrap_or(high);
        }
        (&self.text[start..end], first + 1, start)
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: String,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    /// The codes the finding is about: replacements (best first) for an unknown code, the
    /// missing codes for unhandled ones.
    related_codes: Vec<&'a str>,
}

fn print_json(loaded: &Loaded, reports: &[FileReport]) -> anyhow::Result<()> {
    let mut all = Vec::new();
    for report in reports {
        for finding in &report.findings {
            let (line, column) = report.line_col(finding.range.start);
            let (end_line, end_column) = report.line_col(finding.range.end);
            all.push(JsonFinding {
                path: report.path.display().to_string(),
                line,
                column,
                end_line,
                end_column,
                rule: finding.rule.name(),
                severity: finding.severity.name(),
                message: &finding.message,
                related_codes: finding
                    .related
                    .iter()
                    .map(|&id| loaded.catalog.entry(id).code.as_str())
                    .collect(),
            });
        }
    }
    let mut out = std::io::stdout();
    writeln!(out, "{}", serde_json::to_string_pretty(&all)?)?;
    Ok(())
}

/// One SARIF 2.1.0 log with one run; columns count UTF-16 code units, as the format's default.
fn print_sarif(loaded: &Loaded, reports: &[FileReport]) -> anyhow::Result<()> {
    use serde_json::{Value, json};

    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|rule| {
            json!({
                "id": rule.name(),
                "shortDescription": { "text": rule_description(*rule) },
                "defaultConfiguration": {
                    "level": loaded.options.severities.get(*rule).map_or("none", sarif_level)
                },
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        let uri = sarif_uri(&report.path);
        let region = |range: &std::ops::Range<usize>| {
            let (line, column) = report.index.position(&report.text, range.start, Encoding::Utf16);
            let (end_line, end_column) = report.index.position(&report.text, range.end, Encoding::Utf16);
            json!({
                "startLine": line + 1,
                "startColumn": column + 1,
                "endLine": end_line + 1,
                "endColumn": end_column + 1,
            })
        };
        for finding in &report.findings {
            let related: Vec<Value> = finding
                .related
                .iter()
                .enumerate()
                .map(|(n, &id)| {
                    let entry = loaded.catalog.entry(id);
                    let mut location = json!({
                        "id": n,
                        "message": { "text": format!("{}: {}", entry.code, entry.message) },
                    });
                    if let Origin::File(path) = &loaded.catalog.source(entry.source).origin {
                        location["physicalLocation"] = json!({
                            "artifactLocation": { "uri": sarif_uri(path) },
                            "region": { "startLine": entry.pos.line, "startColumn": entry.pos.column },
                        });
                    }
                    location
                })
                .collect();
            let fixes: Vec<Value> = finding
                .fixes
                .iter()
                .map(|fix| {
                    json!({
                        "description": { "text": fix.title },
                        "artifactChanges": [{
                            "artifactLocation": { "uri": uri },
                            "replacements": fix.edits.iter().map(|edit| json!({
                                "deletedRegion": region(&edit.range),
                                "insertedContent": { "text": edit.text },
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
            results.push(json!({
                "ruleId": finding.rule.name(),
                "ruleIndex": finding.rule as usize,
                "level": sarif_level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": region(&finding.range),
                    },
                }],
                "relatedLocations": related,
                "fixes": fixes,
            }));
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "errcode-ls",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                },
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    });
    let mut out = std::io::stdout();
    writeln!(out, "{}", serde_json::to_string_pretty(&log)?)?;
    Ok(())
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// A relative path with `/` separators, as SARIF's `uri` wants.
fn sarif_uri(path: &Path) -> String {
    let path = path.strip_prefix(".").unwrap_or(path);
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn rule_description(rule: Rule) -> &'static str {
    match rule {
        Rule::UnknownCode => "A code-shaped token of a known family that the catalog does not list",
        Rule::UnhandledCodes => "A match/switch on error codes leaves catalog codes unhandled",
        Rule::DuplicateCode => "The same error code is handled twice in one match/switch",
        Rule::MalformedDirective => "An `errcode:` comment directive cannot be read",
        Rule::StaleGenerated => "A file `errcode-ls gen` wrote from a catalog that has changed since",
    }
}

fn exclusions(loaded: &Loaded) -> anyhow::Result<globset::GlobSet> {
    let mut builder = globset::GlobSetBuilder::new();
    for pattern in &loaded.config.exclude {
        let glob = globset::Glob::new(pattern)
            .map_err(|e| anyhow::anyhow!("invalid `exclude` pattern `{pattern}`: {e}"))?;
        builder.add(glob);
    }
    Ok(builder.build()?)
}

fn is_excluded(excluded: &globset::GlobSet, root: &Path, path: &Path) -> bool {
    if excluded.is_empty() {
        return false;
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    let relative = relative.strip_prefix(".").unwrap_or(relative);
    excluded.is_match(relative)
        || relative.ancestors().any(|a| !a.as_os_str().is_empty() && excluded.is_match(a))
}
