//! A scan's summary as a Markdown report for an editor to open: codes by count with their
//! message and solution, and links to the first and last line of each (`file:///…#L123`, which
//! editors open at that line).
//!
//! **Invariant:** text in, text out: the caller scans, names the file and writes the report.

use std::fmt::Write as _;

use super::lines::thousands;
use super::{Code, Tally};
use crate::catalog::Catalog;

/// What the report says about its input.
#[derive(Debug, Clone)]
pub struct Subject<'a> {
    /// The file as the user knows it (a path).
    pub name: &'a str,
    /// The file's URI, for links to its lines.
    pub uri: &'a str,
    /// Why the scan stopped early (a read error), if it did.
    pub error: Option<String>,
}

/// Renders the report of `tally`.
pub fn markdown(catalog: &Catalog, subject: &Subject<'_>, tally: &Tally) -> String {
    let rows = tally.rows();
    let mut out = String::new();
    let _ = writeln!(out, "# Error codes in {}\n", cell(subject.name));
    let total: u64 = rows.iter().map(|r| r.stat.lines).sum();
    let _ = writeln!(
        out,
        "{} lines scanned ({} bytes); {} distinct codes on {} lines.\n",
        thousands(tally.lines),
        thousands(tally.bytes),
        thousands(rows.len() as u64),
        thousands(total)
    );
    if let Some(error) = &subject.error {
        let _ = writeln!(
            out,
            "> **The scan stopped early:** {}. Counts cover what was read before.\n",
            cell(error)
        );
    }
    if rows.is_empty() {
        out.push_str("No error codes found.\n");
        return out;
    }
    out.push_str("| Code | Lines | First | Last | Message | Solution |\n");
    out.push_str("|---|---:|---|---|---|---|\n");
    for row in &rows {
        let (code, message, solution) = match &row.code {
            Code::Known(id) => {
                let entry = catalog.entry(*id);
                (entry.code.clone(), entry.message.clone(), entry.solution.clone())
            }
            Code::Unknown(code) => (code.clone(), "not in the catalog".to_owned(), String::new()),
            Code::Foreign(code) => {
                (code.clone(), "error body of a namespace no catalog knows".to_owned(), String::new())
            }
        };
        let count = if row.stat.by_message > 0 {
            format!("{} ({} by message)", thousands(row.stat.lines), thousands(row.stat.by_message))
        } else {
            thousands(row.stat.lines)
        };
        let link = |line: u64| format!("[{line}]({}#L{line})", subject.uri);
        let _ = writeln!(
            out,
            "| `{}` | {count} | {} | {} | {} | {} |",
            code.replace('`', ""),
            link(row.stat.first.line),
            link(row.stat.last.line),
            cell(&message),
            cell(&solution)
        );
    }
    out
}

/// Text made safe for one Markdown table cell.
fn cell(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use expect_test::expect;

    use super::*;
    use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};
    use crate::recognize::Recognizer;
    use crate::scan::Scanner;

    #[test]
    fn report_lists_codes_by_count_with_links_to_lines() {
        let mut builder = CatalogBuilder::new();
        builder.add("b".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        let catalog = builder.finish().0;
        let recognizer = Recognizer::new(&catalog);
        let log = "start\nfail AIS.0102\nfail AIS.0102 again\nbad AIS.0199\n{\"error_code\": \"OBS.0403\", \"error_msg\": \"x\"}\n";
        let tally = Scanner::new(&catalog, &recognizer).scan(0, log.as_bytes());
        let subject = Subject { name: "/var/log/app.log", uri: "file:///var/log/app.log", error: None };
        let report = markdown(&catalog, &subject, &tally);
        let message =
            &catalog.entry(catalog.lookup("AIS.0102").unwrap_or(crate::catalog::EntryId(0))).message;
        assert!(report.contains(&cell(message)));
        // Messages and solutions come from the catalog; the table's shape and links are checked
        // here without them.
        let shape: String = report
            .lines()
            .map(|line| line.split(" | ").take(4).collect::<Vec<_>>().join(" | ") + "\n")
            .collect();
        expect![[r#"
            # Error codes in /var/log/app.log

            5 lines scanned (98 bytes); 3 distinct codes on 4 lines.

            | Code | Lines | First | Last
            |---|---:|---|---|---|---|
            | `AIS.0102` | 2 | [2](file:///var/log/app.log#L2) | [3](file:///var/log/app.log#L3)
            | `AIS.0199` | 1 | [4](file:///var/log/app.log#L4) | [4](file:///var/log/app.log#L4)
            | `OBS.0403` | 1 | [5](file:///var/log/app.log#L5) | [5](file:///var/log/app.log#L5)
        "#]]
        .assert_eq(&shape);
    }
}
