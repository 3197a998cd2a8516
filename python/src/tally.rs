//! `Tally` of the Python API: what scans found, as plain data that pickles and merges.
//!
//! Not [`errcode_ls::scan::Tally`], whose positions number inputs by their place in one run and
//! whose codes are catalog indices: here codes are kept by kind and name, and positions name
//! their input by rank and path, so partial tallies made in different processes merge in any
//! order and grouping into what `errcode-ls scan --json` reports for the same inputs.
//!
//! **Invariant:** no scanning: a tally is made from a finished [`errcode_ls::scan::Tally`]
//! ([`PyTally::from_scan`]) and from other tallies only.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use errcode_ls::catalog::Catalog;
use errcode_ls::cli::scan::one_line;
use errcode_ls::scan::html::{ChartData, chart_data, code_text};
use errcode_ls::scan::timeline::parse_bucket;
use errcode_ls::scan::{Code, Timeline};
use errcode_ls::workspace::Loaded;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::{Deserialize, Serialize};

/// What `__reduce__` returns to pickle: a callable and its arguments.
pub type Reduced<'py, A> = (Bound<'py, PyAny>, A);

/// A place in the inputs: an input (by rank and path) and a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Place {
    rank: i64,
    path: String,
    line: u64,
}

impl Ord for Place {
    fn cmp(&self, other: &Self) -> Ordering {
        input_order(self.rank, &self.path, other.rank, &other.path).then(self.line.cmp(&other.line))
    }
}

impl PartialOrd for Place {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Rank first, then the path component by component: a folder's files come in the order
/// `errcode-ls scan DIR` walks them (`a/x` before `a-b/x`, as a walk sorted by name visits).
fn input_order(rank: i64, path: &str, other_rank: i64, other_path: &str) -> Ordering {
    rank.cmp(&other_rank).then_with(|| path.split('/').cmp(other_path.split('/')))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Input {
    rank: i64,
    path: String,
    lines: u64,
    bytes: u64,
}

/// `known`, `unknown`, `foreign`, in the order `scan` sorts ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Known,
    Unknown,
    Foreign,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Known => "known",
            Kind::Unknown => "unknown",
            Kind::Foreign => "foreign",
        }
    }
}

/// A code's identity: its kind, its index in the catalog (for known codes; ties in `scan`'s
/// order are broken by catalog order), and its text.
type Key = (Kind, u32, String);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Stat {
    kind: Kind,
    entry: u32,
    code: String,
    count: u64,
    by_message: u64,
    first: Place,
    last: Place,
    message: Option<String>,
    solution: Option<String>,
}

impl Stat {
    fn key(&self) -> Key {
        (self.kind, self.entry, self.code.clone())
    }
}

/// What `Tally` pickles as.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct State {
    inputs: Vec<Input>,
    codes: Vec<Stat>,
    timeline: Option<Counts>,
}

/// What scans found: per code, the lines mentioning it (`count`), how many of those matched by
/// message only (`by_message`), and the first and last of them (input and line); plus the
/// inputs scanned, with their lines and bytes.
///
/// Tallies of different inputs `merge` into one, in any order and grouping (the result is the
/// same), which is how partial results of many tasks come together. `to_dict()` has the shape of
/// `errcode-ls scan --json`; `to_arrow()` gives one row per code.
#[pyclass(module = "errcode_ls._native", name = "Tally", frozen, eq)]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PyTally {
    inputs: Vec<Input>,
    codes: BTreeMap<Key, Stat>,
    timeline: Option<Counts>,
}

/// Lines per code per minute, and before any timestamp: a [`Timeline`] as data that pickles.
/// Codes by their text, which is all `scan --timeline`'s chart orders and names them by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Counts {
    minutes: BTreeMap<i64, BTreeMap<String, u64>>,
    untimed: BTreeMap<String, u64>,
}

impl Counts {
    fn of(loaded: &Loaded, timeline: &Timeline<Code>) -> Counts {
        let mut counts = Counts::default();
        for (start, codes) in timeline.buckets(60) {
            for (code, lines) in codes {
                *counts
                    .minutes
                    .entry(start)
                    .or_default()
                    .entry(code_text(&loaded.catalog, &code).to_owned())
                    .or_default() += lines;
            }
        }
        for (code, lines) in timeline.untimed() {
            *counts.untimed.entry(code_text(&loaded.catalog, code).to_owned()).or_default() += lines;
        }
        counts
    }

    fn add(&mut self, other: &Counts) {
        for (minute, codes) in &other.minutes {
            let mine = self.minutes.entry(*minute).or_default();
            for (code, lines) in codes {
                *mine.entry(code.clone()).or_default() += lines;
            }
        }
        for (code, lines) in &other.untimed {
            *self.untimed.entry(code.clone()).or_default() += lines;
        }
    }

    /// The chart `scan --timeline --json` prints, from the command's own code.
    fn chart(&self, bucket: Option<i64>) -> ChartData {
        let mut timeline = Timeline::default();
        for (minute, codes) in &self.minutes {
            for (code, lines) in codes {
                timeline.add_at(Code::Unknown(code.clone()), Some(*minute), *lines);
            }
        }
        for (code, lines) in &self.untimed {
            timeline.add_at(Code::Unknown(code.clone()), None, *lines);
        }
        // Codes are named by their text (`Unknown`), so the chart needs no catalog.
        chart_data(&Catalog::default(), &timeline, bucket)
    }
}

impl PyTally {
    pub fn from_scan(loaded: &Loaded, tally: errcode_ls::scan::Tally, path: String, rank: i64) -> PyTally {
        let place = |line| Place { rank, path: path.clone(), line };
        let mut codes = BTreeMap::new();
        for row in tally.rows() {
            let (kind, entry, code, message, solution) = match &row.code {
                Code::Known(id) => {
                    let e = loaded.catalog.entry(*id);
                    (Kind::Known, id.0, e.code.clone(), Some(e.message.clone()), Some(one_line(&e.solution)))
                }
                Code::Unknown(code) => (Kind::Unknown, 0, code.clone(), None, None),
                Code::Foreign(code) => (Kind::Foreign, 0, code.clone(), None, None),
            };
            let stat = Stat {
                kind,
                entry,
                code,
                count: row.stat.lines,
                by_message: row.stat.by_message,
                first: place(row.stat.first.line),
                last: place(row.stat.last.line),
                message,
                solution,
            };
            codes.insert(stat.key(), stat);
        }
        let inputs = vec![Input { rank, path: path.clone(), lines: tally.lines, bytes: tally.bytes }];
        let timeline = tally.timeline.as_deref().map(|t| Counts::of(loaded, t));
        PyTally { inputs, codes, timeline }
    }

    /// Codes most frequent first, ties by first occurrence, then kind, catalog order and text:
    /// `scan`'s order.
    fn sorted(&self) -> Vec<&Stat> {
        let mut rows: Vec<&Stat> = self.codes.values().collect();
        rows.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| a.first.cmp(&b.first)).then_with(|| a.key().cmp(&b.key()))
        });
        rows
    }

    fn merged(&self, other: &PyTally) -> PyTally {
        let mut inputs: Vec<Input> = self.inputs.iter().chain(&other.inputs).cloned().collect();
        inputs.sort_by(|a, b| {
            input_order(a.rank, &a.path, b.rank, &b.path).then((a.lines, a.bytes).cmp(&(b.lines, b.bytes)))
        });
        let mut codes = self.codes.clone();
        for (key, stat) in &other.codes {
            match codes.get_mut(key) {
                None => {
                    codes.insert(key.clone(), stat.clone());
                }
                Some(mine) => {
                    mine.count += stat.count;
                    mine.by_message += stat.by_message;
                    if stat.first < mine.first {
                        mine.first = stat.first.clone();
                    }
                    if stat.last > mine.last {
                        mine.last = stat.last.clone();
                    }
                }
            }
        }
        let timeline = match (&self.timeline, &other.timeline) {
            (Some(mine), Some(theirs)) => {
                let mut both = mine.clone();
                both.add(theirs);
                Some(both)
            }
            (mine, theirs) => mine.clone().or_else(|| theirs.clone()),
        };
        PyTally { inputs, codes, timeline }
    }

    fn report(&self, bucket: Option<i64>) -> Report<'_> {
        let inputs = self
            .inputs
            .iter()
            .map(|i| ReportInput { path: &i.path, lines: i.lines, bytes: i.bytes })
            .collect();
        let codes = self
            .sorted()
            .into_iter()
            .map(|s| ReportCode {
                code: &s.code,
                kind: s.kind.as_str(),
                count: s.count,
                by_message: s.by_message,
                first: ReportPlace::of(&s.first),
                last: ReportPlace::of(&s.last),
                message: s.message.as_deref(),
                solution: s.solution.as_deref(),
            })
            .collect();
        Report { inputs, codes, timeline: self.timeline.as_ref().map(|t| t.chart(bucket)) }
    }
}

/// `scan --json`'s report, field for field and in its order.
#[derive(Serialize)]
struct Report<'a> {
    inputs: Vec<ReportInput<'a>>,
    codes: Vec<ReportCode<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<ChartData>,
}

#[derive(Serialize)]
struct ReportInput<'a> {
    path: &'a str,
    lines: u64,
    bytes: u64,
}

#[derive(Serialize)]
struct ReportCode<'a> {
    code: &'a str,
    kind: &'static str,
    count: u64,
    by_message: u64,
    first: ReportPlace<'a>,
    last: ReportPlace<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    solution: Option<&'a str>,
}

#[derive(Serialize)]
struct ReportPlace<'a> {
    path: &'a str,
    line: u64,
}

impl ReportPlace<'_> {
    fn of(place: &Place) -> ReportPlace<'_> {
        ReportPlace { path: &place.path, line: place.line }
    }
}

#[pymethods]
impl PyTally {
    /// An empty tally: no inputs, no codes (the neutral element of `merge`).
    #[new]
    fn new() -> PyTally {
        PyTally::default()
    }

    /// A new tally with the counts of both: counts add up, first and last positions are the
    /// earliest and latest of either. The inputs must be different ones.
    fn merge(&self, other: &PyTally) -> PyTally {
        self.merged(other)
    }

    fn __add__(&self, other: &PyTally) -> PyTally {
        self.merged(other)
    }

    /// Lines per code: `{code: count}`.
    #[getter]
    fn counts(&self) -> BTreeMap<String, u64> {
        self.codes.values().map(|s| (s.code.clone(), s.count)).collect()
    }

    /// Codes shaped like a known namespace's but in no catalog, and codes of error bodies of
    /// other namespaces: `{code: "unknown" | "foreign"}`.
    #[getter]
    fn unknown(&self) -> BTreeMap<String, &'static str> {
        self.codes
            .values()
            .filter(|s| s.kind != Kind::Known)
            .map(|s| (s.code.clone(), s.kind.as_str()))
            .collect()
    }

    /// Lines matched only by a code's catalog message, per code that has any: `{code: lines}`.
    #[getter]
    fn by_message(&self) -> BTreeMap<String, u64> {
        self.codes.values().filter(|s| s.by_message > 0).map(|s| (s.code.clone(), s.by_message)).collect()
    }

    /// Lines scanned, over all inputs.
    #[getter]
    fn lines(&self) -> u64 {
        self.inputs.iter().map(|i| i.lines).sum()
    }

    /// Bytes scanned (decompressed), over all inputs.
    #[getter]
    fn bytes(&self) -> u64 {
        self.inputs.iter().map(|i| i.bytes).sum()
    }

    /// The number of distinct codes.
    fn __len__(&self) -> usize {
        self.codes.len()
    }

    /// The report as `errcode-ls scan --json` prints it for the same inputs (named as given):
    /// `{"inputs": [{path, lines, bytes}], "codes": [{code, kind, count, by_message, first,
    /// last, message?, solution?}]}`, codes most frequent first. A tally scanned with
    /// `timeline=True` adds `timeline`, as `scan --timeline --json` does, in buckets of
    /// `bucket` (`"1m"`, `"5m"`, `"1h"`, `"1d"`, or `"auto"`, the default).
    #[pyo3(signature = (bucket = "auto"))]
    fn to_dict<'py>(&self, py: Python<'py>, bucket: &str) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json(bucket)?,))
    }

    /// `to_dict()` as JSON text, formatted as `scan --json` prints it.
    #[pyo3(signature = (bucket = "auto"))]
    fn to_json(&self, bucket: &str) -> PyResult<String> {
        let bucket = match bucket {
            "auto" => None,
            size => Some(parse_bucket(size).ok_or_else(|| {
                PyValueError::new_err(format!("bucket {size:?}: expected 1m, 5m, 1h, 1d or auto"))
            })?),
        };
        serde_json::to_string_pretty(&self.report(bucket)).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// One row per code, in `to_dict()`'s order, as a `pyarrow.Table` with columns `code, kind,
    /// count, by_message, first_path, first_line, last_path, last_line, message, solution`
    /// (`message` and `solution` are null for codes in no catalog). Needs pyarrow.
    fn to_arrow<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pa = py.import("pyarrow")?;
        let rows = self.sorted();
        let columns = PyDict::new(py);
        columns.set_item("code", rows.iter().map(|s| s.code.as_str()).collect::<Vec<_>>())?;
        columns.set_item("kind", rows.iter().map(|s| s.kind.as_str()).collect::<Vec<_>>())?;
        columns.set_item("count", rows.iter().map(|s| s.count).collect::<Vec<_>>())?;
        columns.set_item("by_message", rows.iter().map(|s| s.by_message).collect::<Vec<_>>())?;
        columns.set_item("first_path", rows.iter().map(|s| s.first.path.as_str()).collect::<Vec<_>>())?;
        columns.set_item("first_line", rows.iter().map(|s| s.first.line).collect::<Vec<_>>())?;
        columns.set_item("last_path", rows.iter().map(|s| s.last.path.as_str()).collect::<Vec<_>>())?;
        columns.set_item("last_line", rows.iter().map(|s| s.last.line).collect::<Vec<_>>())?;
        columns.set_item("message", rows.iter().map(|s| s.message.as_deref()).collect::<Vec<_>>())?;
        columns.set_item("solution", rows.iter().map(|s| s.solution.as_deref()).collect::<Vec<_>>())?;
        let (string, int64) = (pa.call_method0("string")?, pa.call_method0("int64")?);
        let fields = [
            ("code", &string),
            ("kind", &string),
            ("count", &int64),
            ("by_message", &int64),
            ("first_path", &string),
            ("first_line", &int64),
            ("last_path", &string),
            ("last_line", &int64),
            ("message", &string),
            ("solution", &string),
        ];
        let fields = fields
            .iter()
            .map(|(name, ty)| pa.call_method1("field", (*name, *ty)))
            .collect::<PyResult<Vec<_>>>()?;
        let schema = pa.call_method1("schema", (fields,))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("schema", schema)?;
        pa.call_method("table", (columns,), Some(&kwargs))
    }

    fn __repr__(&self) -> String {
        format!("<Tally: {} codes, {} inputs, {} lines>", self.codes.len(), self.inputs.len(), self.lines())
    }

    /// Rebuilds a tally from `__reduce__`'s state.
    #[staticmethod]
    fn _from_state(state: &str) -> PyResult<PyTally> {
        let state: State = serde_json::from_str(state).map_err(|e| PyValueError::new_err(e.to_string()))?;
        let codes = state.codes.into_iter().map(|s| (s.key(), s)).collect();
        Ok(PyTally { inputs: state.inputs, codes, timeline: state.timeline })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, (String,)>> {
        let state = State {
            inputs: self.inputs.clone(),
            codes: self.codes.values().cloned().collect(),
            timeline: self.timeline.clone(),
        };
        let state = serde_json::to_string(&state).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((py.get_type::<PyTally>().getattr("_from_state")?, (state,)))
    }
}
