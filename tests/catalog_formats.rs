//! The table forms of documentation pages, one behaviour per test: RST simple tables,
//! `list-table`, `csv-table` (inline and with `:file:`), directives and escapes inside cells
//! (each compared cell by cell with docutils' reading, `tests/docutils/*-cells.json`, which
//! `tests/docutils/check.sh` regenerates with docutils), and HTML tables (snapshots).
//!
//! Refresh snapshots with `UPDATE_EXPECT=1 cargo test --test catalog_formats` and review them.

use std::path::{Path, PathBuf};

use errcode_ls::catalog::{self, Import, html, rst};
use expect_test::{expect, expect_file};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/catalogs")
}

fn fixture(name: &str) -> String {
    let path = fixtures().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads a file a fixture refers to, relative to the fixtures folder.
fn resolve(name: &str) -> Option<String> {
    std::fs::read_to_string(fixtures().join(name)).ok()
}

/// Compares every table the importer reads in `name` with docutils' reading, cell by cell.
fn assert_matches_docutils(name: &str, docutils_json: &str) {
    let expected: serde_json::Value = serde_json::from_str(docutils_json).expect("snapshot is JSON");
    let expected = expected.as_array().expect("a list of tables");
    let tables = rst::tables_with(&fixture(name), &resolve);
    assert_eq!(tables.len(), expected.len(), "number of tables in {name}");
    for (table, want) in tables.iter().zip(expected) {
        let header: Vec<String> = serde_json::from_value(want["header"].clone()).expect("header");
        assert_eq!(table.header, header, "header of the table at line {}", table.line);
        let rows: Vec<Vec<String>> = serde_json::from_value(want["rows"].clone()).expect("rows");
        assert_eq!(table.rows.len(), rows.len(), "rows of the table at line {}", table.line);
        for (n, (row, want_row)) in table.rows.iter().zip(&rows).enumerate() {
            assert_eq!(
                row.cells.len(),
                want_row.len(),
                "cells of row {} of the table at line {}",
                n + 1,
                table.line
            );
            for (column, (cell, want_cell)) in row.cells.iter().zip(want_row).enumerate() {
                assert_eq!(cell, want_cell, "table at line {}, row {}, column {column}", table.line, n + 1);
            }
        }
    }
}

/// A readable dump of everything an import produced.
fn render(import: &Import) -> String {
    let mut out = String::new();
    if let Some(title) = &import.title {
        out.push_str(&format!("title: {title}\n"));
    }
    for entry in &import.entries {
        out.push_str(&format!(
            "\n{} @{}:{} [{}]\n",
            entry.code,
            entry.pos.line,
            entry.pos.column,
            entry.category.as_deref().unwrap_or("-")
        ));
        for (name, value) in
            [("message", &entry.message), ("description", &entry.description), ("solution", &entry.solution)]
        {
            if !value.is_empty() {
                out.push_str(&format!("  {name}: {}\n", value.replace('\n', "\n    | ")));
            }
        }
        for (name, value) in &entry.extra {
            out.push_str(&format!("  {name}: {}\n", value.replace('\n', "\n    | ")));
        }
    }
    for note in &import.notes {
        out.push_str(&format!("\nnote: {note}\n"));
    }
    for problem in &import.problems {
        out.push_str(&format!("\nproblem: {problem}\n"));
    }
    out
}

fn import(name: &str) -> Import {
    catalog::import_document_with(name, &fixture(name), &resolve)
}

/// Every entry's position is where its code is written in `text`.
fn assert_positions_point_at_codes(text: &str, import: &Import) {
    assert!(!import.entries.is_empty());
    for entry in &import.entries {
        let at = &text[entry.pos.offset..];
        assert!(at.starts_with(&entry.code), "{} is positioned at {:?}", entry.code, &at[..at.len().min(20)]);
        let line = text.lines().nth(entry.pos.line as usize - 1).expect("line exists");
        let column: String =
            line.chars().skip(entry.pos.column as usize - 1).take(entry.code.chars().count()).collect();
        assert_eq!(column, entry.code);
    }
}

#[test]
fn simple_table_spans_and_continuation_lines_match_docutils() {
    assert_matches_docutils("simple.rst", include_str!("docutils/simple-cells.json"));
}

#[test]
fn simple_tables_yield_entries_notes_and_heading_categories() {
    expect_file!["../tests/fixtures/catalogs/simple.rst.expected"].assert_eq(&render(&import("simple.rst")));
}

#[test]
fn simple_table_codes_are_positioned_at_their_cells() {
    assert_positions_point_at_codes(&fixture("simple.rst"), &import("simple.rst"));
}

#[test]
fn list_table_rows_nested_bullets_and_paragraphs_match_docutils() {
    assert_matches_docutils("list-table.rst", include_str!("docutils/list-table-cells.json"));
}

#[test]
fn list_table_codes_are_positioned_at_their_cells() {
    assert_positions_point_at_codes(&fixture("list-table.rst"), &import("list-table.rst"));
}

#[test]
fn inline_csv_table_header_option_quotes_and_delimiter_match_docutils() {
    assert_matches_docutils("csv-inline.rst", include_str!("docutils/csv-inline-cells.json"));
}

#[test]
fn inline_csv_table_codes_are_positioned_at_their_fields() {
    assert_positions_point_at_codes(&fixture("csv-inline.rst"), &import("csv-inline.rst"));
}

#[test]
fn csv_table_file_is_read_through_the_resolver_and_matches_docutils() {
    assert_matches_docutils("csv-file.rst", include_str!("docutils/csv-file-cells.json"));
}

#[test]
fn missing_csv_table_file_is_a_problem_naming_file_and_line_and_the_rest_loads() {
    expect_file!["../tests/fixtures/catalogs/csv-file.rst.expected"]
        .assert_eq(&render(&import("csv-file.rst")));
}

#[test]
fn workspace_reads_csv_table_files_next_to_the_document() {
    let (catalog, problems) = errcode_ls::workspace::load_catalogs(false, &[fixtures().join("csv-file.rst")]);
    let codes: Vec<&str> = catalog.entries().iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["MAIL.1001", "MAIL.1002", "MAIL.3001"]);
    let problems: Vec<String> = problems.iter().map(|p| p.kind.to_string()).collect();
    expect![[r#"
        [
            "malformed table: csv-table: its `:file:` csv-file-missing.csv cannot be read",
        ]
    "#]]
    .assert_debug_eq(&problems);
}

#[test]
fn admonitions_in_cells_render_as_titled_quotes_as_docutils_reads_them() {
    assert_matches_docutils("admonitions.rst", include_str!("docutils/admonitions-cells.json"));
}

#[test]
fn escapes_in_text_and_roles_are_removed_as_docutils_removes_them() {
    assert_matches_docutils("escapes.rst", include_str!("docutils/escapes-cells.json"));
}

#[test]
fn html_tables_with_spans_lists_breaks_and_headings() {
    expect_file!["../tests/fixtures/catalogs/kiosk.html.expected"].assert_eq(&render(&import("kiosk.html")));
}

#[test]
fn html_codes_are_positioned_at_their_cells() {
    assert_positions_point_at_codes(&fixture("kiosk.html"), &import("kiosk.html"));
}

#[test]
fn html_tables_without_codes_are_read_too() {
    let tables = html::tables(&fixture("kiosk.html"));
    let last = tables.last().expect("three tables");
    assert_eq!((tables.len(), last.header.clone()), (3, vec!["Day".to_owned(), "Hours".to_owned()]));
}

/// Lines that start, continue or break every table form, shuffled into documents.
const FRAGMENTS: [&str; 24] = [
    "========= ==========",
    "Error Code Message",
    "E.1       text",
    "          more",
    "--------- ----------",
    "-----",
    "===== =====  ======",
    ".. list-table::",
    "   :header-rows: 1",
    "   * - Error Code",
    "     - E.2",
    "   *",
    ".. csv-table::",
    "   :header: \"Error Code\", Message",
    "   E.3, \"quoted, field",
    "   :file: x.csv",
    "+-----+-----+",
    "| E.4 | 推理 |",
    "   .. note:: 4\\ *xx*",
    "",
    "<table><tr><th>Code</th><td rowspan=3>E.5</td></tr>",
    "<td colspan=\"2\">x</td></table>",
    "\\",
    "   ",
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    #[test]
    fn any_mix_of_table_fragments_imports_without_panicking_with_positions_inside(
        picks in proptest::collection::vec(0..FRAGMENTS.len(), 0..40),
        html_file in proptest::bool::ANY,
    ) {
        let text: String = picks.iter().map(|&i| format!("{}\n", FRAGMENTS[i])).collect();
        let name = if html_file { "page.html" } else { "page.rst" };
        let import = catalog::import_document_with(name, &text, &|_| Some("E.9,x\n\"open".into()));
        for entry in &import.entries {
            proptest::prop_assert!(entry.pos.offset <= text.len() && text.is_char_boundary(entry.pos.offset));
        }
    }
}
