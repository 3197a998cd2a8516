//! Accepting and ignoring codes: the project's own catalog (`errcode-catalog.toml` beside
//! `errcode.toml`), `ignore-codes` in the project's `errcode.toml`, and the user-level
//! configuration (`$XDG_CONFIG_HOME/errcode-ls/errcode.toml`).
//!
//! Each operation reads the files it changes, edits them with [`super::edit`] and writes them
//! with [`super::write`], so a failure changes nothing. The editor and the terminal share it.
//!
//! **Invariant:** decides where things are written, never what a code means: categories come
//! from the catalog given by the caller.

use std::path::{Path, PathBuf};

use super::edit::{self, EditError, NewEntry};
use super::write::{self, Planned, WriteError};
use super::{CONFIG_FILE, Config};
use crate::catalog::Catalog;

/// The project catalog's file name, beside `errcode.toml`.
pub const PROJECT_CATALOG: &str = "errcode-catalog.toml";

/// Why a code could not be accepted or ignored; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    #[error("cannot edit {}: {problem}", path.display())]
    Edit { path: PathBuf, problem: EditError },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{} is not UTF-8 text; it was left as it is", path.display())]
    NotText { path: PathBuf },
    #[error("no folder for user settings could be found (set XDG_CONFIG_HOME or HOME)")]
    NoUserFolder,
}

/// The user-level configuration file: `$XDG_CONFIG_HOME/errcode-ls/errcode.toml`, or
/// `~/.config/errcode-ls/errcode.toml` (the platform's configuration folder on Windows).
pub fn user_config_file() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    let base = etcetera::choose_base_strategy().ok()?;
    Some(base.config_dir().join("errcode-ls").join(CONFIG_FILE))
}

/// A project: the `errcode.toml` that governs it (which may not exist yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub config_file: PathBuf,
}

impl Project {
    /// The project a folder belongs to: the nearest `errcode.toml` in it or above it, else a new
    /// one in the folder itself.
    pub fn of(folder: &Path) -> Project {
        let config_file = Config::discover(folder).unwrap_or_else(|| folder.join(CONFIG_FILE));
        Project { config_file }
    }

    /// The project's own catalog file.
    pub fn catalog_file(&self) -> PathBuf {
        self.folder().join(PROJECT_CATALOG)
    }

    fn folder(&self) -> &Path {
        self.config_file.parent().unwrap_or(Path::new("."))
    }

    /// Adds `codes` (or code globs) to `ignore-codes`; returns those that were not there.
    pub fn ignore(&self, codes: &[String]) -> Result<Vec<String>, ProjectError> {
        add_to_config_list(&self.config_file, "ignore-codes", codes)
    }

    /// Appends entries to the project catalog (creating it) and makes sure `errcode.toml` lists
    /// it (creating that too). Returns the codes added (those already in the file are not).
    pub fn add_to_catalog(&self, entries: &[NewEntry]) -> Result<Vec<String>, ProjectError> {
        let catalog_path = self.catalog_file();
        let (catalog_before, catalog_text) = read_text(&catalog_path)?;
        let edited = edit::add_catalog_entries(&catalog_text, entries)
            .map_err(|problem| ProjectError::Edit { path: catalog_path.clone(), problem })?;
        let mut plans =
            vec![Planned { path: catalog_path.clone(), before: catalog_before, after: edited.text }];
        let (config_before, config_text) = read_text(&self.config_file)?;
        let (config, _) = Config::from_toml(&self.config_file, &config_text);
        let listed = config.catalogs.iter().any(|p| normal(p) == normal(&catalog_path));
        if !listed {
            let with_catalog = edit::add_to_list(&config_text, "catalogs", &[PROJECT_CATALOG.to_owned()])
                .map_err(|problem| ProjectError::Edit { path: self.config_file.clone(), problem })?;
            plans.push(Planned {
                path: self.config_file.clone(),
                before: config_before,
                after: with_catalog.text,
            });
        }
        write::commit(&plans)?;
        Ok(edited.added)
    }
}

/// Adds `codes` to `ignore-codes` of the user-level configuration (creating its folder and file).
pub fn ignore_for_user(codes: &[String]) -> Result<(PathBuf, Vec<String>), ProjectError> {
    let path = user_config_file().ok_or(ProjectError::NoUserFolder)?;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|error| WriteError::Io { path: folder.to_owned(), error })?;
    }
    let added = add_to_config_list(&path, "ignore-codes", codes)?;
    Ok((path, added))
}

/// The category a new code of `code`'s namespace most likely has: the one most entries of its
/// namespace have (the first met on a tie), if any.
pub fn category_for(catalog: &Catalog, code: &str) -> Option<String> {
    let namespace = catalog.namespace_of(code)?;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for &id in &namespace.entries {
        let Some(category) = catalog.entry(id).category.as_deref() else { continue };
        match counts.iter_mut().find(|(c, _)| *c == category) {
            Some((_, n)) => *n += 1,
            None => counts.push((category, 1)),
        }
    }
    let best = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == best).map(|(c, _)| (*c).to_owned())
}

fn add_to_config_list(path: &Path, key: &str, values: &[String]) -> Result<Vec<String>, ProjectError> {
    let (before, text) = read_text(path)?;
    let edited = edit::add_to_list(&text, key, values)
        .map_err(|problem| ProjectError::Edit { path: path.to_owned(), problem })?;
    write::commit(&[Planned { path: path.to_owned(), before, after: edited.text }])?;
    Ok(edited.added)
}

/// A file's bytes (kept to detect a change before writing) and its text ("" when missing).
fn read_text(path: &Path) -> Result<(Option<Vec<u8>>, String), ProjectError> {
    let before = write::read_current(path)?;
    let text = match &before {
        Some(bytes) => {
            String::from_utf8(bytes.clone()).map_err(|_| ProjectError::NotText { path: path.to_owned() })?
        }
        None => String::new(),
    };
    Ok((before, text))
}

/// A path without `.` components, for comparing `./errcode-catalog.toml` with its join.
fn normal(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}
