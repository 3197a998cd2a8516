//! The catalog importers, specified by fixture documents and their expected readings.
//!
//! Expected outputs live next to the fixtures (`*.expected`); refresh them with
//! `UPDATE_EXPECT=1 cargo test --test catalog` and review the diff.

#[path = "support/catalog_gen.rs"]
mod catalog_gen;

use std::path::Path;
use std::time::Duration;

use errcode_ls::catalog::{self, BUILTIN_TEXT, CatalogBuilder, Import, Origin, rst};
use expect_test::{expect, expect_file};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/catalogs").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
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
        if let Some(status) = &entry.status {
            out.push_str(&format!("  status: {status}\n"));
        }
        for (name, value) in &entry.extra {
            out.push_str(&format!("  {name}: {value}\n"));
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

fn check_fixture(name: &str) {
    let text = fixture(name);
    let import = catalog::import_document(name, &text);
    expect_file![format!("../tests/fixtures/catalogs/{name}.expected")].assert_eq(&render(&import));
}

#[test]
fn seed_matches_docutils() {
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("docutils/seed-cells.json")).expect("snapshot is JSON");
    assert_tables_match(BUILTIN_TEXT, &expected);
}

#[test]
fn sections_fixture_matches_docutils() {
    let expected: serde_json::Value =
        serde_json::from_str(include_str!("docutils/sections-cells.json")).expect("snapshot is JSON");
    assert_tables_match(&fixture("sections.rst"), &expected);
}

fn assert_tables_match(text: &str, expected: &serde_json::Value) {
    let tables = rst::tables(text);
    let expected = expected.as_array().expect("a list of tables");
    assert_eq!(tables.len(), expected.len(), "number of tables");
    for (table, want) in tables.iter().zip(expected) {
        let header: Vec<String> = serde_json::from_value(want["header"].clone()).expect("header");
        assert_eq!(table.header, header, "header of the table at line {}", table.line);
        let rows: Vec<Vec<String>> = serde_json::from_value(want["rows"].clone()).expect("rows");
        assert_eq!(table.rows.len(), rows.len(), "rows of the table at line {}", table.line);
        for (n, (row, want_row)) in table.rows.iter().zip(&rows).enumerate() {
            for (column, (cell, want_cell)) in row.cells.iter().zip(want_row).enumerate() {
                assert_eq!(cell, want_cell, "table at line {}, row {}, column {column}", table.line, n + 1);
            }
        }
    }
}

#[test]
fn seed_yields_its_37_codes_and_one_note() {
    let import = catalog::builtin_catalog();
    assert_eq!(import.entries.len(), 37);
    assert!(import.problems.is_empty(), "{:?}", import.problems);
    expect![[r#"
        [
            "If other error codes cannot be rectified, contact technical support.",
        ]
    "#]]
    .assert_debug_eq(&import.notes);
    let per_category = |c: &str| import.entries.iter().filter(|e| e.category.as_deref() == Some(c)).count();
    assert_eq!((per_category("OCR"), per_category("Platform"), per_category("APIG")), (5, 28, 4));
}

#[test]
fn seed_reads_as_expected() {
    expect_file!["../tests/fixtures/catalogs/huawei-cloud-ocr.rst.expected"]
        .assert_eq(&render(&catalog::builtin_catalog()));
}

#[test]
fn rst_sections_directives_spans_and_cjk() {
    check_fixture("sections.rst");
}

#[test]
fn markdown_tables_with_headings_as_categories() {
    check_fixture("payments.md");
}

#[test]
fn native_json_keeps_good_entries_and_reports_bad_ones() {
    check_fixture("storage.json");
}

#[test]
fn native_toml_reads_the_same_schema() {
    check_fixture("storage.toml");
}

#[test]
fn broken_rst_reports_problems_and_keeps_the_rest() {
    let text = fixture("broken.rst");
    let mut builder = CatalogBuilder::new();
    builder.add(
        "broken".into(),
        Origin::File("broken.rst".into()),
        catalog::import_document("broken.rst", &text),
    );
    let (catalog, problems) = builder.finish();
    let codes: Vec<&str> = catalog.entries().iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["BRK.0001", "BRK.0002", "BRK.0004"]);
    expect![[r#"
        [
            "broken.rst:14: malformed table: cells do not close into a rectangle (a `|` or `+` is misplaced)",
        ]
    "#]]
    .assert_debug_eq(&problems.iter().map(ToString::to_string).collect::<Vec<_>>());
}

#[test]
fn an_empty_or_unrelated_document_is_a_problem() {
    let import = catalog::import_document("notes.md", "# Notes\n\nNothing here.\n");
    expect![[r#"
        [
            "notes.md: no error-code table found (a table needs a column named `Code` or `Error Code`)",
        ]
    "#]]
    .assert_debug_eq(&import.problems.iter().map(ToString::to_string).collect::<Vec<_>>());
}

#[test]
fn code_positions_point_at_the_code_cell() {
    let import = catalog::builtin_catalog();
    for entry in &import.entries {
        let line = BUILTIN_TEXT.lines().nth(entry.pos.line as usize - 1).expect("line exists");
        let column: String =
            line.chars().skip(entry.pos.column as usize - 1).take(entry.code.chars().count()).collect();
        assert_eq!(column, entry.code);
        assert_eq!(&BUILTIN_TEXT[entry.pos.offset..entry.pos.offset + entry.code.len()], entry.code);
    }
}

/// Loading grows linearly with the catalog: four times the rows cost about four times the time,
/// well under the sixteen times a quadratic step would (at these sizes a quadratic step in the
/// grid reader, rows × cells, measured 7×; linear formats measure 3.5–4.2×). Each size is timed in CPU time as the fastest
/// of several runs, and the ratio as the best of three tries, so a busy machine does not fail it.
#[test]
fn loading_time_grows_linearly_with_the_rows() {
    let formats: [(&str, &str, Generator, usize); 5] = [
        ("native JSON", "c.json", catalog_gen::json, 150),
        ("native TOML", "c.toml", catalog_gen::toml, 150),
        ("Markdown", "c.md", catalog_gen::markdown, 150),
        ("RST grid", "c.rst", catalog_gen::rst, 80),
        ("RST page", "page.rst", catalog_gen::rst_page, 250),
    ];
    for (format, file, generate, rows) in formats {
        let (small, large) = (generate(rows), generate(4 * rows));
        let ratio = (0..3)
            .map(|_| fastest_load(file, &large).as_secs_f64() / fastest_load(file, &small).as_secs_f64())
            .fold(f64::INFINITY, f64::min);
        assert!(ratio < 6.0, "{format}: {} rows take {ratio:.1}× the time of {rows}", 4 * rows);
    }
}

/// Writes a catalog of so many rows.
type Generator = fn(usize) -> String;

/// Import, catalog and recogniser, the fastest of five runs.
fn fastest_load(file: &str, text: &str) -> Duration {
    (0..5)
        .map(|_| {
            let start = catalog_gen::thread_cpu_time();
            let mut builder = CatalogBuilder::new();
            builder.add("generated".into(), Origin::File(file.into()), catalog::import_document(file, text));
            let (catalog, _) = builder.finish();
            std::hint::black_box(errcode_ls::recognize::Recognizer::new(&catalog));
            catalog_gen::thread_cpu_time() - start
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn every_header_synonym_takes_its_role_and_an_error_type_table_is_reported() {
    check_fixture("roles-synonyms.rst");
}

#[test]
fn status_cells_with_reason_phrases_are_statuses_not_codes() {
    check_fixture("status-prose.rst");
}

#[test]
fn a_code_listed_once_per_module_keeps_every_row() {
    check_fixture("repeated-codes.rst");
}

/// Variants per code once two catalogs are merged: repeats inside a document with other text
/// are variants, identical repeats (inside a document or across documents) merge silently,
/// and only a code two documents define differently is a problem.
#[test]
fn repeated_codes_merge_into_variants_and_only_cross_catalog_conflicts_are_reported() {
    let mut builder = CatalogBuilder::new();
    for name in ["repeated-codes.rst", "repeated-other.md"] {
        let import = catalog::import_document(name, &fixture(name));
        builder.add(name.into(), Origin::File(name.into()), import);
    }
    let (catalog, problems) = builder.finish();
    let mut out = String::new();
    for id in catalog.ids() {
        let variants: Vec<String> = catalog
            .variants(id)
            .map(|v| {
                let source = catalog.source(v.source).display_path();
                format!("{} [{}] @{source}:{}", v.message, v.status.as_deref().unwrap_or("-"), v.pos.line)
            })
            .collect();
        out.push_str(&format!("{}: {}\n", catalog.entry(id).code, variants.join(" | ")));
    }
    for problem in problems {
        out.push_str(&format!("problem: {problem}\n"));
    }
    expect![[r#"
        JOB.1001: The job name is invalid. [400] @repeated-codes.rst:10 | The notebook name is invalid. [400] @repeated-codes.rst:12 | The job name does not exist. [404] @repeated-codes.rst:14
        JOB.2001: Access denied. [403] @repeated-codes.rst:16
        JOB.3001: Internal error. [500] @repeated-codes.rst:20
        JOB.4001: Quota exceeded. [429] @repeated-other.md:10
        problem: repeated-other.md:9: duplicate code `JOB.3001` (first defined at repeated-codes.rst:20); this row is ignored
    "#]].assert_eq(&out);
}

/// A table with a code column whose cells are all prose imports notes, and the problem says
/// so rather than claiming there is no code column.
#[test]
fn a_code_table_holding_only_prose_is_reported_as_such() {
    check_fixture("roles-prose-only.md");
}
