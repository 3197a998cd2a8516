//! `errcode-ls check [PATH...]`: every finding of every file, for terminals and CI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::render;
use super::{CheckArgs, Format, fix, report, walk};
use crate::analysis::{self, Context, Finding, Rule, Severity};
use crate::catalog::Origin;
use crate::syntax::Language;
use crate::text::{Encoding, LineIndex};
use crate::workspace::Loaded;

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
    // Constants declared in one checked file and named in another resolve across them.
    let constants = crate::workspace::constants::collect(&paths, &loaded.recognizer);
    let cx = Context {
        catalog: &loaded.catalog,
        recognizer: &loaded.recognizer,
        options: &loaded.options,
        workspace: Some(&constants),
    };

    let cwd = std::env::current_dir();
    // Files are read and analysed on every core; results come back in walk order, and the
    // warnings of each file are printed in that order too.
    let (visited, walk_errors) = walk::files(&paths, None, |path| {
        let absolute = cwd.as_ref().map(|cwd| cwd.join(path)).unwrap_or_else(|_| path.to_owned());
        if is_excluded(&excluded, &root, &absolute) {
            return None;
        }
        Some(check_file(path, cx))
    });
    for error in walk_errors {
        render::warn(&error);
    }
    let mut reports = Vec::new();
    let mut checked = 0usize;
    for walk::Visited { result, .. } in visited {
        if let Some(warning) = result.warning {
            render::warn(&warning);
        }
        checked += result.checked as usize;
        reports.extend(result.report);
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

/// What checking one file gave: a finding report if it has findings, a warning to print.
struct Checked {
    checked: bool,
    warning: Option<String>,
    report: Option<FileReport>,
}

/// Reads and analyses one file; binary files are skipped, unreadable ones give a warning.
fn check_file(path: &Path, cx: Context<'_>) -> Checked {
    let skipped = |warning: Option<String>| Checked { checked: false, warning, report: None };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return skipped(Some(format!("{}: cannot read: {e}", path.display()))),
    };
    if memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some() {
        return skipped(None);
    }
    let (text, warning) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Some(format!("{}: not valid UTF-8; read with replacement characters", path.display())),
        ),
    };
    let findings = analysis::analyze(&text, Language::from_path(path), cx);
    let report = (!findings.is_empty()).then(|| FileReport::new(path.to_owned(), text, findings));
    Checked { checked: true, warning, report }
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
