//! The Python API: `Catalog.load`, `scan` and `Tally`, for notebooks and for the engines
//! (Dask, Spark, Ray) that spread a log folder over many machines.
//!
//! A `Tally` here is plain data, independent of the catalog and of the process that made it:
//! codes by name, positions naming their input by path. That is what lets partial tallies
//! travel between processes (they pickle) and merge in any order. An input is ordered by its
//! `rank` (the place the caller gave it among the inputs), then by its path compared component
//! by component, which is the order `errcode-ls scan DIR` walks a folder in; so the first and
//! last positions of a merged tally are the ones `scan --json` reports for the same inputs.
//!
//! **Invariant:** no scanning or reading logic of its own: sources go through
//! [`errcode_ls::cli::scan::feed_all`] into [`errcode_ls::scan::Stream`] as the command's do; only
//! the Python objects that carry the bytes are read here.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Cursor, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use errcode_ls::cli::scan::{feed_all, one_line};
use errcode_ls::scan::{BINARY_SNIFF, Code, Scanner};
use errcode_ls::workspace::{Config, Loaded, remote};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict};
use serde::{Deserialize, Serialize};

/// Bytes read at a time, as the command reads them.
const CHUNK: usize = 256 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Registers the API's classes and functions on the native module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyCatalog>()?;
    module.add_class::<PyTally>()?;
    module.add_function(wrap_pyfunction!(scan, module)?)?;
    Ok(())
}

/// What `__reduce__` returns to pickle: a callable and its arguments.
type Reduced<'py, A> = (Bound<'py, PyAny>, A);

/// Catalogs loaded in this process, by what was asked: a task that unpickles the same
/// `Catalog` a thousand times loads it once.
type Cache = Mutex<HashMap<(Vec<String>, bool), Arc<Loaded>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// The error catalogs a scan recognises codes with: the built-in one and catalog files.
///
/// A `Catalog` pickles as the arguments it was loaded with, so a worker process that receives
/// one loads the same files itself (once per process) and nothing unpicklable crosses processes.
/// Catalog paths are made absolute when loaded, so they must exist at the same place on the
/// workers (or be URLs that `errcode-ls catalog update` cached there).
#[pyclass(module = "errcode_ls._native", name = "Catalog", frozen)]
pub struct PyCatalog {
    paths: Vec<String>,
    builtin: bool,
    loaded: Arc<Loaded>,
}

#[pymethods]
impl PyCatalog {
    /// Loads the built-in catalog (unless `builtin=False`) and the catalog files in `paths`
    /// (reStructuredText, Markdown, HTML, JSON or TOML). A missing file raises
    /// `FileNotFoundError`; a malformed row is skipped and listed in `problems`.
    #[staticmethod]
    #[pyo3(signature = (paths = Vec::new(), builtin = true))]
    fn load(py: Python<'_>, paths: Vec<PathBuf>, builtin: bool) -> PyResult<PyCatalog> {
        let mut named = Vec::new();
        for path in &paths {
            let text = path.to_string_lossy();
            if remote::is_url(&text) {
                named.push(text.into_owned());
                continue;
            }
            if !path.exists() {
                return Err(PyFileNotFoundError::new_err(format!(
                    "{}: no such catalog file",
                    path.display()
                )));
            }
            let absolute = std::path::absolute(path).map_err(|e| os_error(&path.display().to_string(), e))?;
            named.push(absolute.display().to_string());
        }
        let key = (named.clone(), builtin);
        if let Some(loaded) = cache().lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(PyCatalog { paths: named, builtin, loaded });
        }
        let config = Config {
            builtin,
            catalogs: named.iter().filter(|p| !remote::is_url(p)).map(PathBuf::from).collect(),
            urls: named.iter().filter(|p| remote::is_url(p)).cloned().collect(),
            ..Config::default()
        };
        let loaded = Arc::new(py.detach(|| Loaded::new(config, &[], Vec::new())));
        if let Ok(mut cache) = cache().lock() {
            cache.insert(key, loaded.clone());
        }
        Ok(PyCatalog { paths: named, builtin, loaded })
    }

    /// The catalog files, as absolute paths (or URLs).
    #[getter]
    fn paths(&self) -> Vec<String> {
        self.paths.clone()
    }

    /// Whether the built-in catalog is part of it.
    #[getter]
    fn builtin(&self) -> bool {
        self.builtin
    }

    /// What went wrong while loading (a row skipped, a table not understood), one message each,
    /// naming file and line.
    #[getter]
    fn problems(&self) -> Vec<String> {
        self.loaded.problems.clone()
    }

    /// The number of codes.
    fn __len__(&self) -> usize {
        self.loaded.catalog.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "Catalog.load(paths={:?}, builtin={})",
            self.paths,
            if self.builtin { "True" } else { "False" }
        )
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, (Vec<String>, bool)>> {
        let load = py.get_type::<PyCatalog>().getattr("load")?;
        Ok((load, (self.paths.clone(), self.builtin)))
    }
}

/// Scans one log and returns its `Tally`.
///
/// `source` is a path (`str` or `os.PathLike`), `bytes`/`bytearray`, or a binary file object
/// (anything with `read(n)`, such as an fsspec or S3 file), which is read in chunks and never
/// held whole. Gzip is recognised by its first bytes (and, for paths, a `.gz` name). The
/// interpreter's lock is released while scanning; a file object's `read` takes it back briefly.
///
/// `name` is the input's name in positions (default: the path, the file object's `name`, or
/// `<bytes>`). `rank` orders inputs when tallies merge (lower first; equal ranks by path).
/// With `skip_binary=True`, a plain source with a NUL byte in its first 8 KiB gives an empty
/// tally with no input, as `errcode-ls scan DIR` skips binary files it finds in a folder.
#[pyfunction]
#[pyo3(signature = (source, catalog = None, *, name = None, rank = 0, skip_binary = false))]
pub fn scan(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    catalog: Option<&Bound<'_, PyCatalog>>,
    name: Option<String>,
    rank: i64,
    skip_binary: bool,
) -> PyResult<PyTally> {
    let loaded = match catalog {
        Some(catalog) => catalog.get().loaded.clone(),
        None => PyCatalog::load(py, Vec::new(), true)?.loaded,
    };
    let scanned = if let Ok(bytes) = source.cast::<PyBytes>() {
        let name = name.unwrap_or_else(|| "<bytes>".into());
        let data = bytes.as_bytes();
        let outcome = py.detach(|| tally_reader(&loaded, data, false, skip_binary));
        (name, outcome)
    } else if let Ok(bytes) = source.cast::<PyByteArray>() {
        let name = name.unwrap_or_else(|| "<bytes>".into());
        let data = bytes.to_vec();
        let outcome = py.detach(|| tally_reader(&loaded, data.as_slice(), false, skip_binary));
        (name, outcome)
    } else if source.hasattr("read")? {
        let name = match name {
            Some(name) => name,
            None => source
                .getattr("name")
                .ok()
                .and_then(|n| n.extract::<String>().ok())
                .unwrap_or("<stream>".into()),
        };
        let reader = PyReader { file: source.clone().unbind() };
        let outcome = py.detach(|| tally_reader(&loaded, reader, false, skip_binary));
        (name, outcome)
    } else if let Ok(path) = source.extract::<PathBuf>() {
        let name = name.unwrap_or_else(|| path.display().to_string());
        let gzip = path.extension().is_some_and(|e| e == "gz");
        let outcome = py.detach(|| {
            std::fs::File::open(&path).and_then(|file| tally_reader(&loaded, file, gzip, skip_binary))
        });
        (name, outcome)
    } else {
        let kind = source.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "scan() needs a path, bytes or a binary file object, not {kind}"
        )));
    };
    match scanned {
        (name, Ok(Some(tally))) => Ok(PyTally::from_scan(&loaded, tally, name, rank)),
        (_, Ok(None)) => Ok(PyTally::default()),
        (name, Err(e)) => Err(os_error(&name, e)),
    }
}

/// Scans a reader; `None` when `skip_binary` and it looks binary.
fn tally_reader(
    loaded: &Loaded,
    mut reader: impl Read,
    gzip_name: bool,
    skip_binary: bool,
) -> io::Result<Option<errcode_ls::scan::Tally>> {
    let mut head = vec![0; BINARY_SNIFF];
    let filled = read_full(&mut reader, &mut head)?;
    head.truncate(filled);
    let gzip = gzip_name || head.starts_with(&GZIP_MAGIC);
    if skip_binary && !gzip && head.contains(&0) {
        return Ok(None);
    }
    let scanner = Scanner::new(&loaded.catalog, &loaded.recognizer);
    let mut stream = scanner.stream(0);
    let mut buffer = vec![0; CHUNK];
    feed_all(&mut stream, Cursor::new(head).chain(reader), gzip, &mut buffer)?;
    Ok(Some(stream.finish()))
}

fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// A Python binary file object as a `Read`: each call takes the interpreter's lock for the
/// duration of one `read(n)`.
struct PyReader {
    file: Py<PyAny>,
}

impl Read for PyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        Python::attach(|py| {
            let data = self.file.call_method1(py, "read", (buf.len(),))?;
            let data = data.bind(py);
            if data.is_none() {
                return Err(PyValueError::new_err(
                    "the file object returned None (non-blocking reads are not supported)",
                ));
            }
            let owned;
            let bytes: &[u8] = match data.cast::<PyBytes>() {
                Ok(bytes) => bytes.as_bytes(),
                Err(_) => {
                    owned = data.extract::<Vec<u8>>().map_err(|_| {
                        PyTypeError::new_err(
                            "the file object's read() must return bytes (open it in binary mode)",
                        )
                    })?;
                    &owned
                }
            };
            let n = bytes.len().min(buf.len());
            buf[..n].copy_from_slice(&bytes[..n]);
            if bytes.len() > buf.len() {
                return Err(PyValueError::new_err("the file object's read(n) returned more than n bytes"));
            }
            Ok(n)
        })
        .map_err(io::Error::other)
    }
}

/// An IO error as the Python exception a user expects, naming the input; a Python exception
/// raised by a file object's `read` passes through unchanged.
fn os_error(name: &str, e: io::Error) -> PyErr {
    if e.get_ref().is_some_and(|inner| inner.is::<PyErr>()) {
        if let Some(inner) = e.into_inner()
            && let Ok(err) = inner.downcast::<PyErr>()
        {
            return *err;
        }
        return PyOSError::new_err(format!("{name}: read failed"));
    }
    let message = format!("{name}: {e}");
    match e.kind() {
        io::ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
        io::ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
        _ => PyOSError::new_err(message),
    }
}

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
}

impl PyTally {
    fn from_scan(loaded: &Loaded, tally: errcode_ls::scan::Tally, path: String, rank: i64) -> PyTally {
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
        PyTally { inputs, codes }
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
        PyTally { inputs, codes }
    }

    fn report(&self) -> Report<'_> {
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
        Report { inputs, codes }
    }
}

/// `scan --json`'s report, field for field and in its order.
#[derive(Serialize)]
struct Report<'a> {
    inputs: Vec<ReportInput<'a>>,
    codes: Vec<ReportCode<'a>>,
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
    /// last, message?, solution?}]}`, codes most frequent first.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?.call_method1("loads", (self.to_json()?,))
    }

    /// `to_dict()` as JSON text, formatted as `scan --json` prints it.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string_pretty(&self.report()).map_err(|e| PyValueError::new_err(e.to_string()))
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
        Ok(PyTally { inputs: state.inputs, codes })
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Reduced<'py, (String,)>> {
        let state = State { inputs: self.inputs.clone(), codes: self.codes.values().cloned().collect() };
        let state = serde_json::to_string(&state).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((py.get_type::<PyTally>().getattr("_from_state")?, (state,)))
    }
}
