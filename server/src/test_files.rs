//! Test fixtures read from disk: every file under some folders, with its language.

use std::path::{Path, PathBuf};

use crate::syntax::Language;

/// The repository's `tests/` folder.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests")
}

/// Every UTF-8 file under `folders`, with its language, in path order.
pub fn under(folders: impl IntoIterator<Item = PathBuf>) -> Vec<(PathBuf, Language, String)> {
    let mut pending: Vec<PathBuf> = folders.into_iter().collect();
    let mut files = Vec::new();
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path.clone(), Language::from_path(&path), text));
            }
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}
