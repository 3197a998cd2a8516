//! The boundary with the file system: finding `errcode.toml`, reading catalog files, and
//! assembling the catalog a command or an editor session works with.
//!
//! **Invariant:** the only module (besides the CLI and LSP edges) that reads files; everything it
//! reads is handed to the pure importers in [`crate::catalog`].

pub mod config;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use config::{CONFIG_FILE, Config, ConfigProblem, Expected, InlayHints};

use crate::analysis::Options;
use crate::catalog::{
    BUILTIN_FILE_NAME, BUILTIN_NAME, Catalog, CatalogBuilder, Origin, Problem, ProblemKind, builtin_catalog,
    import_document_with,
};
use crate::recognize::Recognizer;

/// A catalog ready for use, with what its configuration asked for.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: Config,
    pub catalog: Arc<Catalog>,
    pub recognizer: Arc<Recognizer>,
    pub options: Arc<Options>,
    /// Everything that went wrong while loading, as messages naming file and line.
    pub problems: Vec<String>,
}

impl Loaded {
    /// Loads the catalogs `config` names (plus `extra_catalogs`), reporting but surviving any
    /// that are broken.
    pub fn new(config: Config, extra_catalogs: &[PathBuf], mut problems: Vec<String>) -> Loaded {
        let mut files = config.catalogs.clone();
        files.extend(extra_catalogs.iter().cloned());
        let (catalog, catalog_problems) = load_catalogs(config.builtin, &files);
        problems.extend(catalog_problems.iter().map(ToString::to_string));
        let recognizer = Recognizer::new(&catalog);
        let options = config.options();
        Loaded {
            config,
            catalog: Arc::new(catalog),
            recognizer: Arc::new(recognizer),
            options: Arc::new(options),
            problems,
        }
    }
}

/// Reads the configuration that applies to `start` (a folder): the nearest `errcode.toml`
/// above it, or the defaults.
pub fn read_config(start: &Path) -> (Config, Vec<String>) {
    let Some(path) = Config::discover(start) else {
        return (Config::default(), Vec::new());
    };
    read_config_file(&path)
}

/// Reads one `errcode.toml`.
pub fn read_config_file(path: &Path) -> (Config, Vec<String>) {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let (config, problems) = Config::from_toml(path, &text);
            (config, problems.iter().map(ToString::to_string).collect())
        }
        Err(e) => (Config::default(), vec![format!("{}: cannot read configuration: {e}", path.display())]),
    }
}

/// Builds a catalog from the built-in page (if wanted) and catalog files. A file that cannot
/// be read or parsed is reported; everything else still loads.
pub fn load_catalogs(builtin: bool, files: &[PathBuf]) -> (Catalog, Vec<Problem>) {
    let mut builder = CatalogBuilder::new();
    if builtin {
        let origin = Origin::Builtin { file_name: BUILTIN_FILE_NAME.to_owned() };
        builder.add(BUILTIN_NAME.to_owned(), origin, builtin_catalog());
    }
    for path in files {
        let display = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                // A document's `:file:` references are read relative to its folder.
                let folder = path.parent().unwrap_or(Path::new(""));
                let resolve = |name: &str| std::fs::read_to_string(folder.join(name)).ok();
                let import = import_document_with(&display, &text, &resolve);
                let name =
                    import.title.clone().filter(|t| !is_generic_title(t)).unwrap_or_else(|| file_stem(path));
                builder.add(name, Origin::File(path.clone()), import);
            }
            Err(e) => builder.problem(Problem::new(&display, None, ProblemKind::Unreadable(e.to_string()))),
        }
    }
    builder.finish()
}

/// Titles like "Error Codes" say nothing about which API a catalog is for.
fn is_generic_title(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    matches!(lower.as_str(), "error codes" | "errors" | "error code" | "status codes" | "codes")
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}
