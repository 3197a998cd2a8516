//! `check --fix`: applies the fixes an editor would apply without asking, writes every changed
//! file at once through [`crate::workspace::write`], and checks the new texts again.
//!
//! Which fixes: a mistyped code's replacement when one catalog code is a clear winner (the
//! analysis marks it preferred), and, only with `--fix-arms`, the preferred "add the missing
//! arms" of an unhandled-codes finding (new branches are code a reviewer should see asked
//! for). A fix overlapping one already taken in the same file waits for the next run.
//!
//! **Invariant:** a file is written only if it still holds the bytes that were analysed and
//! its fixed text parses with no more syntax errors than before; otherwise it is left as it is
//! and said so. All files are written or none.

use std::io::Write;
use std::ops::Range;

use super::check::FileReport;
use super::render::{self, BOLD};
use super::report::plural;
use crate::analysis::{self, Context, Edit, Finding, Fix, Rule};
use crate::syntax::{Language, ParsedDocument};
use crate::workspace::write::{self, Planned};

/// Which fixes `--fix` may apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// Also add the missing arms of unhandled-codes findings.
    pub arms: bool,
}

/// Applies the chosen fixes of every report and returns the reports of the texts as they now
/// are (files that were not changed keep their findings).
pub fn apply(
    reports: Vec<FileReport>,
    options: &FixOptions,
    cx: Context<'_>,
) -> anyhow::Result<Vec<FileReport>> {
    let mut plans = Vec::new();
    let mut changed = Vec::new();
    let mut kept = Vec::new();
    for report in reports {
        let chosen = choose(&report.findings, options);
        if chosen.is_empty() {
            kept.push(report);
            continue;
        }
        let edits: Vec<Edit> = chosen.iter().flat_map(|f| f.edits.iter().cloned()).collect();
        let after = analysis::apply_edits(&report.text, &edits);
        match plan(&report, &after) {
            Ok(before) => {
                let titles: Vec<String> = chosen.iter().map(|f| f.title.clone()).collect();
                plans.push(Planned { path: report.path.clone(), before: Some(before), after: after.clone() });
                changed.push((report.path, after, titles));
            }
            Err(reason) => {
                render::warn(&format!("{}: {reason}; not fixed", report.path.display()));
                kept.push(report);
            }
        }
    }
    write::commit(&plans).map_err(|e| anyhow::anyhow!("--fix: {e}"))?;

    let mut err = anstream::stderr();
    let applied: usize = changed.iter().map(|c| c.2.len()).sum();
    for (path, _, titles) in &changed {
        writeln!(err, "{BOLD}fixed{BOLD:#} {}: {}", path.display(), titles.join("; "))?;
    }
    if applied > 0 {
        writeln!(err, "{} applied in {}", plural(applied, "fix"), plural(changed.len(), "file"))?;
    }

    for (path, text, _) in changed {
        let findings = analysis::analyze(&text, Language::from_path(&path), cx);
        if !findings.is_empty() {
            kept.push(FileReport::new(path, text, findings));
        }
    }
    kept.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(kept)
}

/// The fixes to apply to one file: one per finding at most, none overlapping another.
fn choose<'a>(findings: &'a [Finding], options: &FixOptions) -> Vec<&'a Fix> {
    let mut taken: Vec<Range<usize>> = Vec::new();
    let mut chosen = Vec::new();
    for finding in findings {
        let wanted = match finding.rule {
            // A generated file's fix regenerates it from the catalog: what its header asks for.
            Rule::UnknownCode | Rule::StaleGenerated => true,
            Rule::UnhandledCodes => options.arms,
            Rule::DuplicateCode | Rule::MalformedDirective => false,
        };
        let Some(fix) = finding.fixes.iter().find(|f| f.preferred) else { continue };
        if !wanted || fix.edits.iter().any(|e| taken.iter().any(|t| overlaps(t, &e.range))) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.range.clone()));
        chosen.push(fix);
    }
    chosen
}

/// Whether two edits touch the same text; two insertions at one point count as overlapping,
/// since their order would be a guess.
fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    (a.start < b.end && b.start < a.end) || a.start == b.start
}

/// The file's current bytes, if the fixed text may replace them.
fn plan(report: &FileReport, after: &str) -> Result<Vec<u8>, String> {
    let before = write::read_current(&report.path).map_err(|e| e.to_string())?.ok_or("the file is gone")?;
    if before != report.text.as_bytes() {
        return Err("the file changed since it was read, or is not valid UTF-8".into());
    }
    let language = Language::from_path(&report.path);
    if crate::syntax::grammar(language).is_some() {
        let errors = |text: &str| ParsedDocument::new(language, text).error_ranges().len();
        if errors(after) > errors(&report.text) {
            return Err("the fixed text would not parse".into());
        }
    }
    Ok(before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report_of(dir: &std::path::Path, name: &str, text: &str) -> FileReport {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        FileReport::new(path, text.to_owned(), Vec::new())
    }

    #[test]
    fn a_fixed_text_with_a_new_syntax_error_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let report = report_of(dir.path(), "a.py", "if code == \"AIS.0101\":\n    pass\n");
        let broken = "if code == \"AIS.0101\":\n    pass\n  elif (:\n";
        assert_eq!(plan(&report, broken), Err("the fixed text would not parse".to_owned()));
    }

    #[test]
    fn a_fixed_text_that_parses_is_planned_over_the_current_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = "if code == \"AIS.0101\":\n    pass\n";
        let report = report_of(dir.path(), "a.py", text);
        assert_eq!(plan(&report, &text.replace("0101", "0102")), Ok(text.as_bytes().to_vec()));
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let report = report_of(dir.path(), "a.txt", "AIS.0199\n");
        std::fs::write(&report.path, "edited meanwhile\n").expect("write");
        assert!(plan(&report, "AIS.0101\n").expect_err("refused").contains("changed since it was read"));
    }

    #[test]
    fn two_insertions_at_one_point_overlap_and_touching_ranges_do_not() {
        assert!(overlaps(&(5..5), &(5..5)));
        assert!(overlaps(&(2..6), &(5..9)));
        assert!(!overlaps(&(2..5), &(5..9)));
    }
}
