//! The Python API: `Catalog.load` and `scan` (`Tally` is in `tally.rs`), for notebooks and for
//! the engines (Dask, Spark, Ray) that spread a log folder over many machines.
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

use std::collections::HashMap;
use std::io::{self, Cursor, Read};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use errcode_ls::cli::scan::{feed_all, read_full};
use errcode_ls::scan::{BINARY_SNIFF, Clock, Scanner};
use errcode_ls::workspace::{Config, Loaded, remote};
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes};

use crate::tally::{PyTally, Reduced};

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
/// With `timeline=True`, codes are also counted per minute, as `scan --timeline` does
/// (`syslog_year` is the year of syslog timestamps, which have none; default: this year).
#[pyfunction]
#[pyo3(signature = (
    source, catalog = None, *, name = None, rank = 0, skip_binary = false, timeline = false, syslog_year = None
))]
#[allow(clippy::too_many_arguments)] // Python's keyword arguments
pub fn scan(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    catalog: Option<&Bound<'_, PyCatalog>>,
    name: Option<String>,
    rank: i64,
    skip_binary: bool,
    timeline: bool,
    syslog_year: Option<i64>,
) -> PyResult<PyTally> {
    let clock = match (timeline, syslog_year) {
        (false, _) => None,
        (true, Some(year)) => Some(Clock { year }),
        (true, None) => {
            let year = py.import("datetime")?.getattr("date")?.call_method0("today")?.getattr("year")?;
            Some(Clock { year: year.extract()? })
        }
    };
    let options = Options { clock, skip_binary };
    let loaded = match catalog {
        Some(catalog) => catalog.get().loaded.clone(),
        None => PyCatalog::load(py, Vec::new(), true)?.loaded,
    };
    let scanned = if let Ok(bytes) = source.cast::<PyBytes>() {
        let name = name.unwrap_or_else(|| "<bytes>".into());
        let data = bytes.as_bytes();
        let outcome = py.detach(|| tally_reader(&loaded, data, false, options));
        (name, outcome)
    } else if let Ok(bytes) = source.cast::<PyByteArray>() {
        let name = name.unwrap_or_else(|| "<bytes>".into());
        let data = bytes.to_vec();
        let outcome = py.detach(|| tally_reader(&loaded, data.as_slice(), false, options));
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
        let outcome = py.detach(|| tally_reader(&loaded, reader, false, options));
        (name, outcome)
    } else if let Ok(path) = source.extract::<PathBuf>() {
        let name = name.unwrap_or_else(|| path.display().to_string());
        let gzip = path.extension().is_some_and(|e| e == "gz");
        let outcome = py.detach(|| {
            std::fs::File::open(&path).and_then(|file| tally_reader(&loaded, file, gzip, options))
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

/// How `scan` was asked to read a source.
#[derive(Debug, Clone, Copy)]
struct Options {
    /// Count codes over time too, reading timestamps with this clock.
    clock: Option<Clock>,
    skip_binary: bool,
}

/// Scans a reader; `None` when `skip_binary` and it looks binary.
fn tally_reader(
    loaded: &Loaded,
    mut reader: impl Read,
    gzip_name: bool,
    options: Options,
) -> io::Result<Option<errcode_ls::scan::Tally>> {
    let skip_binary = options.skip_binary;
    let mut head = vec![0; BINARY_SNIFF];
    let filled = read_full(&mut reader, &mut head)?;
    head.truncate(filled);
    let gzip = gzip_name || head.starts_with(&GZIP_MAGIC);
    if skip_binary && !gzip && head.contains(&0) {
        return Ok(None);
    }
    let scanner = Scanner::new(&loaded.catalog, &loaded.recognizer);
    let mut stream = match options.clock {
        Some(clock) => scanner.timed_stream(0, clock),
        None => scanner.stream(0),
    };
    let mut buffer = vec![0; CHUNK];
    feed_all(&mut stream, Cursor::new(head).chain(reader), gzip, &mut buffer)?;
    Ok(Some(stream.finish()))
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
