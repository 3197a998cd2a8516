//! The boundary with the file system: finding `errcode.toml`, reading catalog files, and
//! assembling the catalog a command or an editor session works with.
//!
//! **Invariant:** the only module (besides the CLI and LSP edges) that reads files; everything it
//! reads is handed to the pure importers in [`crate::catalog`].

pub mod config;
pub mod constants;
pub mod edit;
pub mod project;
pub mod remote;
pub mod sources;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use config::{CONFIG_FILE, Config, ConfigProblem, Expected, InlayHints};
pub use project::{PROJECT_CATALOG, Project, ProjectError, category_for, ignore_for_user, user_config_file};

use crate::analysis::Options;
use crate::catalog::{
    BUILTIN_FILE_NAME, BUILTIN_NAME, BUILTIN_TEXT, Catalog, CatalogBuilder, Origin, Problem, ProblemKind,
    Severity, builtin_catalog, import_document_with,
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
    /// What loaded but may deserve a look (a column kept as an extra field), as messages.
    pub information: Vec<String>,
    /// Each catalog source's text, by `SourceId`, as it was read (for positions in editors; the
    /// language server lets them go once it has placed the entries).
    pub texts: Vec<Arc<str>>,
    /// What the user should know although nothing is wrong (a remote catalog read from the
    /// cache, and from when).
    pub notes: Vec<String>,
}

impl Loaded {
    /// Loads the catalogs `config` names (plus `extra_catalogs`), reporting but surviving any
    /// that are broken.
    pub fn new(config: Config, extra_catalogs: &[PathBuf], mut problems: Vec<String>) -> Loaded {
        let mut files = config.catalogs.clone();
        files.extend(extra_catalogs.iter().cloned());
        let mut notes = Vec::new();
        let (catalog, catalog_problems, texts) =
            load_catalogs_and_urls(config.builtin, &files, &config.urls, &mut notes);
        let mut information = Vec::new();
        for problem in &catalog_problems {
            match problem.severity() {
                Severity::Warning => problems.push(problem.to_string()),
                Severity::Information => information.push(problem.to_string()),
            }
        }
        let recognizer = Recognizer::new(&catalog);
        let options = config.options();
        Loaded {
            config,
            catalog: Arc::new(catalog),
            recognizer: Arc::new(recognizer),
            options: Arc::new(options),
            problems,
            information,
            texts,
            notes,
        }
    }
}

/// Reads the configuration that applies to `start` (a folder): the nearest `errcode.toml`
/// above it over the user-level one ([`user_config_file`]), or either alone, or the defaults.
pub fn read_config(start: &Path) -> (Config, Vec<String>) {
    let (user, mut problems) = read_user_config();
    let Some(path) = Config::discover(start) else {
        return (user, problems);
    };
    let (config, more) = read_config_file_over(user, &path);
    problems.extend(more);
    (config, problems)
}

/// Reads one `errcode.toml` over the user-level configuration.
pub fn read_config_file(path: &Path) -> (Config, Vec<String>) {
    let (user, mut problems) = read_user_config();
    let (config, more) = read_config_file_over(user, path);
    problems.extend(more);
    (config, problems)
}

/// The user-level configuration, or the defaults when there is none.
pub fn read_user_config() -> (Config, Vec<String>) {
    match user_config_file() {
        Some(path) if path.is_file() => {
            let (mut config, problems) = read_config_file_over(Config::default(), &path);
            // Settings of the user's own; `file` names a project's configuration.
            config.file = None;
            (config, problems)
        }
        _ => (Config::default(), Vec::new()),
    }
}

fn read_config_file_over(under: Config, path: &Path) -> (Config, Vec<String>) {
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let (config, problems) = Config::from_toml_over(under, path, &text);
            (config, problems.iter().map(ToString::to_string).collect())
        }
        Err(e) => (under, vec![format!("{}: cannot read configuration: {e}", path.display())]),
    }
}

/// Builds a catalog from the built-in page (if wanted) and catalog files. A file that cannot
/// be read or parsed is reported; everything else still loads.
pub fn load_catalogs(builtin: bool, files: &[PathBuf]) -> (Catalog, Vec<Problem>) {
    let (catalog, problems, _) = load_catalogs_and_urls(builtin, files, &[], &mut Vec::new());
    (catalog, problems)
}

/// [`load_catalogs`], plus the cached copies of catalog URLs (a note per URL says from when), and
/// each source's text by `SourceId`, so that nothing needs to read a catalog file twice. A URL
/// never fetched is reported like an unreadable file.
pub fn load_catalogs_and_urls(
    builtin: bool,
    files: &[PathBuf],
    urls: &[String],
    notes: &mut Vec<String>,
) -> (Catalog, Vec<Problem>, Vec<Arc<str>>) {
    let mut builder = CatalogBuilder::new();
    let mut texts: Vec<Arc<str>> = Vec::new();
    if builtin {
        let origin = Origin::Builtin { file_name: BUILTIN_FILE_NAME.to_owned() };
        builder.add(BUILTIN_NAME.to_owned(), origin, builtin_catalog());
        texts.push(Arc::from(BUILTIN_TEXT));
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
                texts.push(Arc::from(text.as_ref()));
            }
            Err(e) => builder.problem(Problem::new(&display, None, ProblemKind::Unreadable(e.to_string()))),
        }
    }
    let cache = remote::cache_root();
    for url in urls {
        if let Err(e) = remote::check_url(url) {
            let message = e.to_string();
            let message = message.strip_prefix(&format!("{url}: ")).unwrap_or(&message).to_owned();
            builder.problem(Problem::new(url, None, ProblemKind::Unreadable(message)));
            continue;
        }
        match cache.as_deref().and_then(|root| remote::cached(root, url)) {
            Some(cached) => {
                let import = cached.import();
                let name = import
                    .title
                    .clone()
                    .filter(|t| !is_generic_title(t))
                    .unwrap_or_else(|| file_stem(&cached.path));
                notes.push(cached.note());
                builder.add(name, Origin::File(cached.path.clone()), import);
                texts.push(Arc::from(cached.text.as_str()));
            }
            None => builder.problem(remote::never_fetched(url)),
        }
    }
    let (catalog, problems) = builder.finish();
    (catalog, problems, texts)
}

/// Titles like "Error Codes" say nothing about which API a catalog is for.
fn is_generic_title(title: &str) -> bool {
    let lower = title.to_ascii_lowercase();
    matches!(lower.as_str(), "error codes" | "errors" | "error code" | "status codes" | "codes")
}

fn file_stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}
