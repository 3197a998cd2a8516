//! Precision and recall of `errcode-ls check` on the corpus of `tests/corpus/`: code shaped like
//! real code that handles these services' codes, in every supported language, plus logs,
//! Markdown and test fixtures. Each corpus file has a sibling `.expected` listing what is right
//! for it (format in `tests/corpus/README.md`); this test runs the built binary over the corpus
//! as a user would, compares, and prints per language and in total the precision and recall of
//! `unknown-code` and `unhandled-codes`, with every false positive and false negative.
//!
//! The figures must not drop below [`FLOORS`], the figures this build reaches; [`GOAL`] is
//! printed beside them. Raise a floor when the tool gets better; never lower one to make a
//! change pass.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The precision and recall the tool aims at, for both rules.
const GOAL: f64 = 0.95;

/// The lowest figures accepted: what this build measures on the corpus.
const FLOORS: &[Floor] = &[
    Floor { rule: UNKNOWN, precision: 1.000, recall: 1.000 },
    Floor { rule: UNHANDLED, precision: 1.000, recall: 1.000 },
];

const UNKNOWN: &str = "unknown-code";
const UNHANDLED: &str = "unhandled-codes";

struct Floor {
    rule: &'static str,
    precision: f64,
    recall: f64,
}

/// What a file is expected to get, or what the tool reported for it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Finding {
    /// An unknown code at a line and (character) column.
    Unknown { line: u32, column: u32, code: String },
    /// Unhandled codes of a construct. An expectation gives the construct's lines; a reported
    /// finding has `first == last`, the line it is reported on.
    Unhandled { first: u32, last: u32, codes: BTreeSet<String> },
}

impl Finding {
    fn rule(&self) -> &'static str {
        match self {
            Finding::Unknown { .. } => UNKNOWN,
            Finding::Unhandled { .. } => UNHANDLED,
        }
    }

    fn describe(&self) -> String {
        match self {
            Finding::Unknown { line, column, code } => format!("{line}:{column} {UNKNOWN} {code}"),
            Finding::Unhandled { first, last, codes } => {
                let lines = if first == last { first.to_string() } else { format!("{first}-{last}") };
                format!("{lines} {UNHANDLED} {}", codes.iter().cloned().collect::<Vec<_>>().join(" "))
            }
        }
    }
}

/// True and false positives and false negatives of one rule.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// Nothing reported counts as fully precise.
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fp) as f64 }
    }

    /// Nothing expected counts as fully recalled.
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 { 1.0 } else { self.tp as f64 / (self.tp + self.fn_) as f64 }
    }

    fn cells(&self) -> String {
        let ratio = |num: usize, den: usize| {
            if den == 0 { "    —".to_owned() } else { format!("{:5.2}", num as f64 / den as f64) }
        };
        format!(
            "{:>3} {:>3} {:>3} {} {}",
            self.tp,
            self.fp,
            self.fn_,
            ratio(self.tp, self.tp + self.fp),
            ratio(self.tp, self.tp + self.fn_)
        )
    }
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus")
}

/// Files under test: everything but the expectations, the project catalog, the configuration
/// and the corpus's README.
fn corpus_files(dir: &Path, root: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).expect("read corpus folder").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for path in entries {
        let rel = path.strip_prefix(root).expect("inside the corpus").to_string_lossy().replace('\\', "/");
        if path.is_dir() {
            if rel != "catalog" {
                corpus_files(&path, root, out);
            }
        } else if !rel.ends_with(".expected") && rel != "README.md" && rel != "errcode.toml" {
            out.push(rel);
        }
    }
}

/// Reads a `.expected` file: `LINE:COLUMN unknown-code CODE` or `FIRST-LAST unhandled-codes
/// CODE...`, one a line; blank lines and `#` comments are skipped.
fn read_expected(file: &str) -> Vec<Finding> {
    let path = corpus().join(format!("{file}.expected"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{file} has no readable {file}.expected beside it: {e}"));
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("{file}.expected:{}: cannot read `{line}`", index + 1);
        let mut words = line.split_whitespace();
        let (place, rule) =
            (words.next().expect("a non-empty line"), words.next().unwrap_or_else(|| panic!("{}", bad())));
        let codes: Vec<String> = words.map(str::to_owned).collect();
        let number = |s: &str| s.parse::<u32>().unwrap_or_else(|_| panic!("{}", bad()));
        let finding = match rule {
            UNKNOWN => {
                let (line, column) = place.split_once(':').unwrap_or_else(|| panic!("{}", bad()));
                assert_eq!(codes.len(), 1, "{}", bad());
                Finding::Unknown { line: number(line), column: number(column), code: codes[0].clone() }
            }
            UNHANDLED => {
                let (first, last) = place.split_once('-').unwrap_or((place, place));
                assert!(!codes.is_empty(), "{}", bad());
                Finding::Unhandled {
                    first: number(first),
                    last: number(last),
                    codes: codes.into_iter().collect(),
                }
            }
            _ => panic!("{}: unknown rule", bad()),
        };
        out.push(finding);
    }
    out
}

/// Checks that every expectation points at the file's text: an unknown code stands at its line
/// and column, a construct's lines exist. A wrong expectation would otherwise count as the
/// tool's mistake.
fn check_points_at_text(file: &str, expected: &[Finding]) {
    let text = std::fs::read_to_string(corpus().join(file)).expect("read corpus file");
    let lines: Vec<&str> = text.lines().collect();
    for e in expected {
        match e {
            Finding::Unknown { line, column, code } => {
                let at = lines
                    .get(*line as usize - 1)
                    .map(|l| l.chars().skip(*column as usize - 1).collect::<String>());
                assert!(
                    at.as_deref().is_some_and(|rest| rest.starts_with(code.as_str())),
                    "{file}.expected: `{code}` is not at {line}:{column}"
                );
            }
            Finding::Unhandled { first, last, .. } => {
                assert!(
                    1 <= *first && first <= last && (*last as usize) <= lines.len(),
                    "{file}.expected: lines {first}-{last} are not lines of the file"
                );
            }
        }
    }
}

/// Runs `errcode-ls check --format json .` in the corpus and returns its findings of the two
/// measured rules by file.
fn reported() -> BTreeMap<String, Vec<Finding>> {
    let output = Command::new(env!("CARGO_BIN_EXE_errcode-ls"))
        .current_dir(corpus())
        .args(["check", "--format", "json", "."])
        .env("NO_COLOR", "1")
        .output()
        .expect("run errcode-ls");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(matches!(output.status.code(), Some(0 | 1)), "check failed: {stderr}");
    assert!(!stderr.contains("error:"), "the corpus's catalog or configuration is broken: {stderr}");
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).expect("check prints JSON");
    let mut out: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
    for f in findings.as_array().expect("an array of findings") {
        let path = f["path"].as_str().expect("path");
        let path = path.strip_prefix("./").unwrap_or(path).to_owned();
        let line = f["line"].as_u64().expect("line") as u32;
        let finding = match f["rule"].as_str().expect("rule") {
            UNKNOWN => {
                let message = f["message"].as_str().expect("message");
                let code = message.split('`').nth(1).expect("the message quotes the code").to_owned();
                Finding::Unknown { line, column: f["column"].as_u64().expect("column") as u32, code }
            }
            UNHANDLED => {
                let codes = f["related_codes"].as_array().expect("related codes");
                let codes = codes.iter().map(|c| c.as_str().expect("a code").to_owned()).collect();
                Finding::Unhandled { first: line, last: line, codes }
            }
            _ => continue,
        };
        out.entry(path).or_default().push(finding);
    }
    out
}

/// Compares one file's findings with its expectations: counts per rule, and a line for each
/// false positive (`+`) and false negative (`-`).
fn compare(file: &str, expected: &[Finding], found: &[Finding], mistakes: &mut Vec<String>) -> [Counts; 2] {
    let mut counts = [Counts::default(); 2];
    let slot = |rule: &str| usize::from(rule == UNHANDLED);
    let mut matched = vec![false; expected.len()];
    for finding in found {
        let hit = expected.iter().enumerate().position(|(i, e)| {
            !matched[i]
                && match (e, finding) {
                    (Finding::Unknown { .. }, Finding::Unknown { .. }) => e == finding,
                    (
                        Finding::Unhandled { first, last, codes },
                        Finding::Unhandled { first: line, codes: reported, .. },
                    ) => (first..=last).contains(&line) && codes == reported,
                    _ => false,
                }
        });
        match hit {
            Some(i) => {
                matched[i] = true;
                counts[slot(finding.rule())].tp += 1;
            }
            None => {
                counts[slot(finding.rule())].fp += 1;
                mistakes.push(format!("  + {file}:{}", finding.describe()));
            }
        }
    }
    for (e, _) in expected.iter().zip(&matched).filter(|(_, m)| !**m) {
        counts[slot(e.rule())].fn_ += 1;
        mistakes.push(format!("  - {file}:{}", e.describe()));
    }
    counts
}

/// The row a file counts in: its language, or the kind of text it is.
fn language(file: &str) -> &'static str {
    match file.rsplit('.').next().unwrap_or("") {
        "rs" => "Rust",
        "py" => "Python",
        "go" => "Go",
        "js" | "mjs" | "cjs" => "JavaScript",
        "ts" | "tsx" => "TypeScript/TSX",
        "java" => "Java",
        "cs" => "C#",
        "kt" | "kts" => "Kotlin",
        "php" => "PHP",
        "log" => "Logs",
        "md" => "Markdown",
        _ => "Fixtures (JSON, YAML)",
    }
}

#[test]
fn precision_and_recall_on_the_corpus_stay_above_their_floors() {
    let root = corpus();
    let mut files = Vec::new();
    corpus_files(&root, &root, &mut files);
    assert!(files.len() >= 60, "the corpus has {} files; it should have at least 60", files.len());

    let reported = reported();
    for path in reported.keys() {
        assert!(files.contains(path), "{path} was checked but is not a corpus file");
    }
    let mut rows: BTreeMap<&str, (usize, [Counts; 2])> = BTreeMap::new();
    let mut mistakes = Vec::new();
    for file in &files {
        let expected = read_expected(file);
        check_points_at_text(file, &expected);
        let found = reported.get(file).map(Vec::as_slice).unwrap_or(&[]);
        let counts = compare(file, &expected, found, &mut mistakes);
        let row = rows.entry(language(file)).or_default();
        row.0 += 1;
        row.1[0].add(counts[0]);
        row.1[1].add(counts[1]);
    }

    let mut total = [Counts::default(); 2];
    let mut table = String::new();
    let columns = " TP  FP  FN  prec   rec";
    writeln!(table, "{:<22} {:>5} | {UNKNOWN:<23} | {UNHANDLED}", "", "").expect("write");
    writeln!(table, "{:<22} {:>5} | {columns} | {columns}", "language", "files").expect("write");
    for (name, (count, counts)) in &rows {
        writeln!(table, "{name:<22} {count:>5} | {} | {}", counts[0].cells(), counts[1].cells())
            .expect("write");
        total[0].add(counts[0]);
        total[1].add(counts[1]);
    }
    writeln!(table, "{:<22} {:>5} | {} | {}", "total", files.len(), total[0].cells(), total[1].cells())
        .expect("write");
    println!("{table}");
    println!("false positives (+) and false negatives (-):");
    for line in &mistakes {
        println!("{line}");
    }

    let mut failures = Vec::new();
    for (counts, floor) in total.iter().zip(FLOORS) {
        let (precision, recall) = (counts.precision(), counts.recall());
        println!(
            "{:<16} precision {precision:.3} (floor {:.3}, goal {GOAL:.2})  recall {recall:.3} (floor {:.3}, goal {GOAL:.2})",
            floor.rule, floor.precision, floor.recall
        );
        if precision < floor.precision {
            failures.push(format!(
                "{} precision {precision:.3} fell below its floor {:.3}",
                floor.rule, floor.precision
            ));
        }
        if recall < floor.recall {
            failures
                .push(format!("{} recall {recall:.3} fell below its floor {:.3}", floor.rule, floor.recall));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
