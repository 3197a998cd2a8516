//! Catalogs named on the command line (`catalog diff OLD NEW`, `catalog import SRC...`): files
//! or URLs, read one by one and merged into one [`Catalog`].
//!
//! A URL is read the way every catalog URL is: from the cached copy `catalog update` fills, so
//! nothing goes to the network unless the user asked for it with `--fetch`, which fetches (or
//! revalidates) the copy first, as `catalog update` does. Unlike catalogs named in
//! `errcode.toml`, a source that cannot be read at all (a missing file, a URL never fetched) is
//! an error: a diff or an import missing one side would be wrong, not partial.
//!
//! **Invariant:** reading and fetching only; the documents go to the pure importers.

use std::path::{Path, PathBuf};

use super::remote::{self, Limits, UPDATE_COMMAND};
use crate::catalog::{Catalog, CatalogBuilder, Origin, Problem, import_document_with};

/// Sources merged into one catalog, and what loading them said.
#[derive(Debug)]
pub struct Sources {
    pub catalog: Catalog,
    /// Problems inside the documents (a bad row, a code two sources define differently).
    pub problems: Vec<Problem>,
    /// What the user should know (a URL read from the cache, and from when).
    pub notes: Vec<String>,
}

/// Why the sources could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{}: cannot read catalog: {error}", path.display())]
    Unreadable { path: PathBuf, error: std::io::Error },
    #[error(
        "{url}: not fetched yet; `--fetch` fetches it (or `{UPDATE_COMMAND}` when `errcode.toml` names it)"
    )]
    NotFetched { url: String },
    #[error("{0}")]
    Fetch(#[from] remote::FetchError),
    #[error("no cache folder for catalog URLs (set XDG_CACHE_HOME or HOME)")]
    NoCache,
}

/// Reads `sources` (paths or URLs) in order and merges them. With `fetch`, each URL is fetched
/// into the cache first (a failed fetch is an error even when a cached copy exists: the user
/// asked for the current page).
pub fn load_sources(sources: &[String], fetch: Option<&Limits>) -> Result<Sources, SourceError> {
    let mut builder = CatalogBuilder::new();
    let mut notes = Vec::new();
    for source in sources {
        if remote::is_url(source) {
            remote::check_url(source)?;
            let root = remote::cache_root().ok_or(SourceError::NoCache)?;
            if let Some(limits) = fetch {
                remote::update(&root, source, limits)?;
            }
            let cached = remote::cached(&root, source)
                .ok_or_else(|| SourceError::NotFetched { url: source.clone() })?;
            if fetch.is_none() {
                notes.push(cached.note());
            }
            let import = cached.import();
            let name = import.title.clone().unwrap_or_else(|| source.clone());
            builder.add(name, Origin::File(cached.path.clone()), import);
        } else {
            let path = Path::new(source);
            let bytes = std::fs::read(path)
                .map_err(|error| SourceError::Unreadable { path: path.to_owned(), error })?;
            let text = String::from_utf8_lossy(&bytes);
            let folder = path.parent().unwrap_or(Path::new(""));
            let resolve = |name: &str| std::fs::read_to_string(folder.join(name)).ok();
            let import = import_document_with(source, &text, &resolve);
            let name = import.title.clone().unwrap_or_else(|| source.clone());
            builder.add(name, Origin::File(path.to_owned()), import);
        }
    }
    let (catalog, problems) = builder.finish();
    Ok(Sources { catalog, problems, notes })
}
