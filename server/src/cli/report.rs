//! `check`'s terminal output: each finding as rustc shows a diagnostic (the source line with
//! the span underlined, the rule, the message, the catalog's line for each related code and the
//! fix that would be applied), the one-line `concise` form, and `--statistics`.
//!
//! The layout is `annotate-snippets`' (the renderer rustc uses), not hand-made: column
//! alignment, tabs, wide characters and multi-line spans are its business. Colour is decided
//! once by anstream (`--color`, `NO_COLOR`, whether stdout is a terminal); this module always
//! renders styled text and lets the stream drop the styling.
//!
//! **Invariant:** prints what [`crate::analysis`] found; judges nothing itself.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Patch, Renderer, Snippet};

use super::check::FileReport;
use super::render::{BOLD, DIM, ERROR, WARNING};
use crate::analysis::{Finding, Rule, Severity};
use crate::catalog::Catalog;

/// Related codes listed under a finding before the rest are summed up in one line.
const RELATED_SHOWN: usize = 5;

/// Every finding of every report, rendered with its source (the default format).
pub fn print_full(catalog: &Catalog, reports: &[FileReport]) -> anyhow::Result<()> {
    // Long lines are cut to the terminal's width; into a file or pipe they are cut to the
    // renderer's own default, so captured output does not depend on who captured it.
    let width = if std::io::stdout().is_terminal() {
        textwrap::termwidth().max(60)
    } else {
        annotate_snippets::renderer::DEFAULT_TERM_WIDTH
    };
    let renderer = Renderer::styled().term_width(width);
    let mut out = anstream::stdout();
    for report in reports {
        let path = report.path.display().to_string();
        for finding in &report.findings {
            let groups = finding_groups(catalog, report, &path, finding);
            writeln!(out, "{}\n", renderer.render(&groups))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// One line per finding: `path:line:column: severity[rule]: message`.
pub fn print_concise(reports: &[FileReport]) -> anyhow::Result<()> {
    let mut out = anstream::stdout();
    for report in reports {
        for finding in &report.findings {
            let (line, column) = report.line_col(finding.range.start);
            let style = if finding.severity == Severity::Error { ERROR } else { WARNING };
            writeln!(
                out,
                "{BOLD}{}:{line}:{column}{BOLD:#}: {style}{}[{}]{style:#}: {}",
                report.path.display(),
                finding.severity,
                finding.rule,
                finding.message
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Counts per rule and code, most frequent first: an unknown or duplicated code counts under
/// its own text, an unhandled-codes finding once under each code it leaves out.
pub fn print_statistics(catalog: &Catalog, reports: &[FileReport]) -> anyhow::Result<()> {
    let mut counts: BTreeMap<(&'static str, String), usize> = BTreeMap::new();
    for report in reports {
        for finding in &report.findings {
            let codes: Vec<String> = match finding.rule {
                Rule::UnknownCode | Rule::DuplicateCode => {
                    vec![
                        report
                            .text
                            .get(finding.range.clone())
                            .unwrap_or_default()
                            .trim_matches(['"', '\''])
                            .to_owned(),
                    ]
                }
                Rule::UnhandledCodes => {
                    finding.related.iter().map(|&id| catalog.entry(id).code.clone()).collect()
                }
                Rule::MalformedDirective | Rule::StaleGenerated => vec![String::new()],
            };
            for code in codes {
                *counts.entry((finding.rule.name(), code)).or_default() += 1;
            }
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let count_width = rows.first().map_or(1, |r| r.1.to_string().len());
    let rule_width = rows.iter().map(|r| r.0.0.len()).max().unwrap_or(0);
    let mut out = anstream::stdout();
    for ((rule, code), count) in rows {
        let line = format!("{count:>count_width$}  {rule:<rule_width$}  {code}");
        writeln!(out, "{}", line.trim_end())?;
    }
    out.flush()?;
    Ok(())
}

/// The closing line on stderr: how many problems in how many files.
pub fn print_summary(reports: &[FileReport], checked: usize) -> anyhow::Result<()> {
    let total: usize = reports.iter().map(|r| r.findings.len()).sum();
    let mut err = anstream::stderr();
    if total == 0 {
        writeln!(err, "{DIM}no problems in {}{DIM:#}", plural(checked, "file"))?;
    } else {
        writeln!(
            err,
            "{} in {} ({checked} checked)",
            plural(total, "problem"),
            plural(reports.len(), "file")
        )?;
    }
    Ok(())
}

pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn finding_groups<'a>(
    catalog: &'a Catalog,
    report: &'a FileReport,
    path: &'a str,
    finding: &'a Finding,
) -> Vec<Group<'a>> {
    let level = match finding.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Information => Level::INFO,
        Severity::Hint => Level::NOTE,
    };
    let (excerpt, first_line, start) = report.excerpt(std::slice::from_ref(&finding.range));
    let span = shift(&finding.range, start);
    let snippet =
        Snippet::source(excerpt).line_start(first_line).annotation(AnnotationKind::Primary.span(span));
    let title = level.primary_title(finding.message.as_str()).id(finding.rule.name());
    let mut primary = if report.line_col(start).1 == 1 {
        title.element(snippet.path(path))
    } else {
        // A cut line: the renderer would count the column from the cut, so the origin is
        // given (it then marks the snippet as a continuation with `:::`).
        let (line, column) = report.line_col(finding.range.start);
        title.element(Origin::path(path).line(line as usize).char_column(column as usize)).element(snippet)
    };
    let related = &finding.related;
    for &id in related.iter().take(RELATED_SHOWN) {
        let entry = catalog.entry(id);
        primary = primary.element(Level::NOTE.message(format!(
            "{}: {}",
            entry.code,
            catalog.message_or_origin(entry)
        )));
    }
    if related.len() > RELATED_SHOWN {
        primary = primary.element(Level::NOTE.message(format!(
            "and {} more (`errcode-ls explain CODE` shows any of them)",
            related.len() - RELATED_SHOWN
        )));
    }
    let mut groups = vec![primary];
    let shown = finding.fixes.iter().find(|f| f.preferred).or(finding.fixes.first());
    if let Some(fix) = shown {
        let ranges: Vec<Range<usize>> = fix.edits.iter().map(|e| e.range.clone()).collect();
        let (excerpt, first_line, start) = report.excerpt(&ranges);
        let patches = fix.edits.iter().map(|e| Patch::new(shift(&e.range, start), e.text.as_str()));
        let title = match (fix.preferred, finding.rule) {
            (true, Rule::UnknownCode) => format!("{} (applied by --fix)", fix.title),
            (true, Rule::UnhandledCodes) => format!("{} (applied by --fix --fix-arms)", fix.title),
            _ => fix.title.clone(),
        };
        groups.push(
            Level::HELP
                .secondary_title(title)
                .element(Snippet::source(excerpt).line_start(first_line).path(path).patches(patches)),
        );
    }
    groups
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start - by..range.end - by
}
