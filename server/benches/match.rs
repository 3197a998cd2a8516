//! Benchmark: diagnostics for a 10,000-line Rust file with 200 matches on error codes, as a
//! ratio to the plain recogniser scanning the same file (the reference, measured in the same
//! run because the machine is noisy), plus one keystroke through the incremental reparse.
//!
//! Run: `cargo bench --bench match` (prints medians and ratios; asserts nothing about time).

use std::hint::black_box;
use std::time::{Duration, Instant};

use errcode_ls::analysis::{Context, Options, analyze, analyze_document};
use errcode_ls::catalog::{CatalogBuilder, Origin, builtin_catalog};
use errcode_ls::recognize::Recognizer;
use errcode_ls::syntax::{Language, ParsedDocument};

const MATCHES: usize = 200;
const LINES_PER_MATCH: usize = 50;

/// 200 functions of 50 lines: a match on codes (some arms missing, some with a default) and
/// ordinary code around it.
fn source() -> String {
    let codes = ["AIS.0101", "AIS.0102", "AIS.0103", "APIG.0101", "APIG.0201", "ModelArts.4101"];
    let mut out = String::new();
    for n in 0..MATCHES {
        let mut lines = vec![format!("pub fn handler_{n}(resp: &Response, retries: u32) -> u32 {{")];
        lines.push("    let code = resp.error_code.as_str();".into());
        lines.push(format!("    let limit = retries.saturating_mul({n});"));
        lines.push("    let total = match code {".into());
        for (k, code) in codes.iter().enumerate().filter(|(k, _)| (k + n) % 3 != 0) {
            lines.push(format!("        \"{code}\" if limit > {k} => {{"));
            lines.push(format!("            limit + {k}"));
            lines.push("        }".into());
        }
        if n % 2 == 0 {
            lines.push("        _ => 0,".into());
        }
        lines.push("    };".into());
        while lines.len() < LINES_PER_MATCH - 1 {
            let k = lines.len();
            lines.push(format!("    let value_{k} = total.wrapping_add({k}); // see AIS.0105 for retries"));
        }
        lines.push("}".into());
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Median of `runs` timings of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let mut builder = CatalogBuilder::new();
    builder.add("builtin".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
    let (catalog, _) = builder.finish();
    let recognizer = Recognizer::new(&catalog);
    let options = Options::default();
    let cx = Context { catalog: &catalog, recognizer: &recognizer, options: &options, workspace: None };
    let text = source();
    let lines = text.lines().count();
    let runs = 21;

    let reference = median(runs, || {
        black_box(recognizer.find_iter(black_box(text.as_bytes())).count());
    });
    let full = median(runs, || {
        black_box(analyze(black_box(&text), Language::Rust, cx));
    });
    let mut document = ParsedDocument::new(Language::Rust, text.clone());
    let findings = analyze_document(&document, cx).len();
    let middle = text.len() / 2;
    let mut toggle = false;
    let keystroke_parse = median(runs, || {
        // Type a character in the middle of the file, then delete it: two incremental parses.
        if toggle {
            document.edit(middle..middle + 1, "");
        } else {
            document.edit(middle..middle, "x");
        }
        toggle = !toggle;
    });
    let keystroke_analysis = median(runs, || {
        black_box(analyze_document(&document, cx));
    });

    let walk = median(runs, || {
        black_box(document.constructs());
    });
    let offsets: Vec<usize> = recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
    let near = median(runs, || {
        black_box(document.constructs_near(&offsets));
    });
    let constructs = document.constructs();
    let directives_time = median(runs, || {
        black_box(errcode_ls::analysis::Directives::parse(document.text()));
    });
    let directives = errcode_ls::analysis::Directives::parse(document.text());
    let no_constants = errcode_ls::analysis::Constants::default();
    let scope = errcode_ls::analysis::Scope { local: &no_constants, workspace: None, family: "" };
    let rules = median(runs, || {
        black_box(errcode_ls::analysis::exhaustiveness(document.text(), &constructs, &directives, cx, scope));
    });
    let ratio = |d: Duration| d.as_secs_f64() / reference.as_secs_f64();
    println!("file: {lines} lines, {} bytes, {MATCHES} matches, {findings} findings", text.len());
    println!("recogniser alone (reference):      {reference:>10.2?}   1.0x");
    println!("full analysis (parse + rules):     {full:>10.2?}   {:.1}x", ratio(full));
    println!("keystroke: incremental reparse:    {keystroke_parse:>10.2?}   {:.1}x", ratio(keystroke_parse));
    println!(
        "keystroke: rules on kept tree:     {keystroke_analysis:>10.2?}   {:.1}x",
        ratio(keystroke_analysis)
    );
    println!("  of which: constructs near codes:  {near:>9.2?}   {:.1}x", ratio(near));
    println!("  of which: directives:             {directives_time:>9.2?}   {:.1}x", ratio(directives_time));
    println!("  of which: rules and fixes:        {rules:>9.2?}   {:.1}x", ratio(rules));
    println!("(constructs by a walk of the whole tree: {walk:.2?}, {:.1}x)", ratio(walk));
}
