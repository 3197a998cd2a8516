//! `errcode_ls._native`: the Python package's native module. Today it exposes the whole
//! program (`main(argv)`), which the `errcode-ls` console script calls; the Python API
//! (`Catalog.load`, `scan`, …) is added here, beside it, without changing the package's shape.
//!
//! **Invariant:** no behaviour of its own: everything goes through the `errcode_ls` library,
//! so the command installed by pip and the binary built by cargo cannot differ.

use std::ffi::OsString;
use std::io::Write;

use pyo3::prelude::*;

mod api;
mod tally;

/// Runs `errcode-ls` with `argv` (the first item names the program) and returns its exit
/// status. The interpreter's lock is released for the whole run, so a language server
/// session does not hold it.
#[pyfunction]
fn main(py: Python<'_>, argv: Vec<OsString>) -> u8 {
    py.detach(|| {
        let code = errcode_ls::cli::main(argv);
        // A Rust program flushes its standard streams when `main` returns; a library loaded by
        // Python has no such moment, so it flushes here before handing back.
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        code
    })
}

#[pymodule]
fn _native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(main, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    api::register(module)?;
    Ok(())
}
