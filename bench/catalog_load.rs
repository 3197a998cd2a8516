//! Catalog loading time by size and format: generated catalogs of 37, 2,500 and 10,000 codes in
//! native JSON, TOML, Markdown and RST grid form; RST error-code pages of 1k to 16k rows; and
//! a page shaped like the largest real one (864 rows, about 1.2 MB: wide cells, bullet lists,
//! a row-spanning status column, codes listed once per status).
//!
//! "Load" is what a command or the language server does before its first answer: import the
//! text, build the catalog, and build the recogniser and the log scanner over it. Each figure is
//! the thread's CPU time (the machine may be shared), the fastest of several runs; time per row
//! should stay flat as the size grows.
//!
//! After the table, each format's series (37 / 2,500 / 10,000 codes; 1k to 16k rows for RST
//! pages) is printed with its scaling factor: the time per row at the largest size over the
//! time per row at the second size (1.0 is linear, 4.0 would be quadratic from 2,500 to
//! 10,000), and whether the largest loads within the 50 ms budget.
//!
//! Usage: `cargo run --release --example catalog_load [FORMAT]` (FORMAT: part of a format's
//! name, to time only those, e.g. `grid` when profiling).

#[path = "../tests/support/catalog_gen.rs"]
mod catalog_gen;

use std::time::{Duration, Instant};

use errcode_ls::catalog::{CatalogBuilder, Origin, import_document};
use errcode_ls::recognize::Recognizer;
use errcode_ls::scan::Scanner;

fn main() {
    let mut cases: Vec<(String, &str, usize, String)> = Vec::new();
    for rows in [37, 2_500, 10_000] {
        cases.push(("native JSON".into(), "c.json", rows, catalog_gen::json(rows)));
        cases.push(("native TOML".into(), "c.toml", rows, catalog_gen::toml(rows)));
        cases.push(("Markdown".into(), "c.md", rows, catalog_gen::markdown(rows)));
        cases.push(("RST grid".into(), "c.rst", rows, catalog_gen::rst(rows)));
    }
    for rows in [1_000, 2_000, 4_000, 8_000, 16_000] {
        cases.push(("RST page".into(), "page.rst", rows, catalog_gen::rst_page(rows)));
    }
    cases.push(("RST page, real shape".into(), "page.rst", 864, catalog_gen::rst_real_page(864)));
    if let Some(filter) = std::env::args().nth(1) {
        cases.retain(|(format, ..)| format.to_lowercase().contains(&filter.to_lowercase()));
    }
    let mut series: Vec<(String, Vec<(usize, f64)>)> = Vec::new();
    println!(
        "{:<22} {:>7} {:>10} {:>7} {:>9} {:>9} {:>9} {:>9} {:>8}",
        "format", "rows", "bytes", "codes", "import", "build", "match", "total ms", "µs/row"
    );
    for (format, file, rows, text) in &cases {
        let (time, codes) = fastest(|| load(file, text));
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let total = time.iter().sum::<Duration>();
        println!(
            "{format:<22} {rows:>7} {:>10} {codes:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>8.2}",
            text.len(),
            ms(time[0]),
            ms(time[1]),
            ms(time[2]),
            ms(total),
            total.as_secs_f64() * 1e6 / *rows as f64
        );
        match series.iter_mut().find(|(f, _)| f == format) {
            Some((_, points)) => points.push((*rows, ms(total))),
            None => series.push((format.clone(), vec![(*rows, ms(total))])),
        }
    }
    println!();
    println!("{:<22} {:<40} {:>8} {:>12}", "series", "total ms by size", "scaling", "largest");
    for (format, points) in series.iter().filter(|(_, points)| points.len() >= 2) {
        let sizes: Vec<String> = points.iter().map(|(rows, ms)| format!("{rows}: {ms:.1}")).collect();
        let [.., (small_rows, small), (big_rows, big)] = points.as_slice() else { continue };
        let scaling = (big / *big_rows as f64) / (small / *small_rows as f64);
        let verdict = if *big < 50.0 { "< 50 ms" } else { "OVER 50 ms" };
        println!("{format:<22} {:<40} {scaling:>8.2} {verdict:>12}", sizes.join(", "));
    }
}

/// Imports, builds the catalog, then the recogniser and the log scanner; returns the time of
/// each step and the number of variants.
fn load(file: &str, text: &str) -> ([Duration; 3], usize) {
    let start = catalog_gen::thread_cpu_time();
    let import = import_document(file, text);
    let imported = catalog_gen::thread_cpu_time() - start;
    let start = catalog_gen::thread_cpu_time();
    let mut builder = CatalogBuilder::new();
    builder.add("generated".into(), Origin::File(file.into()), import);
    let (catalog, _) = builder.finish();
    let built = catalog_gen::thread_cpu_time() - start;
    let start = catalog_gen::thread_cpu_time();
    let recognizer = Recognizer::new(&catalog);
    let scanner = Scanner::new(&catalog, &recognizer);
    std::hint::black_box(&scanner);
    let matched = catalog_gen::thread_cpu_time() - start;
    ([imported, built, matched], catalog.ids().map(|id| catalog.variant_count(id)).sum())
}

/// Each step's fastest of at least three runs, and of as many as fit in about half a second.
fn fastest(mut run: impl FnMut() -> ([Duration; 3], usize)) -> ([Duration; 3], usize) {
    let started = Instant::now();
    let mut best = [Duration::MAX; 3];
    let mut result = 0;
    let mut runs = 0;
    while runs < 3 || (started.elapsed() < Duration::from_millis(500) && runs < 50) {
        let (times, codes) = run();
        for (best, time) in best.iter_mut().zip(times) {
            *best = (*best).min(time);
        }
        result = codes;
        runs += 1;
    }
    (best, result)
}
