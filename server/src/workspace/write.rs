//! Writing the user's files safely: all or nothing, never over a change made meanwhile.
//!
//! Each new text goes to a temporary file in the target's own folder (so the final rename
//! stays on one file system and is atomic). Just before renaming, every target is read again
//! and compared with what the edit was computed from: a file changed in the meantime (by the
//! user, or another editor) fails the whole write. A failure at any step leaves every file as
//! it was; temporary files are removed.
//!
//! **Invariant:** the only code that writes the project's or the user's files.

use std::io::Write;
use std::path::{Path, PathBuf};

/// One file to write: what it held when the edit was computed (`None`: it did not exist) and
/// what it must hold.
#[derive(Debug, Clone)]
pub struct Planned {
    pub path: PathBuf,
    pub before: Option<Vec<u8>>,
    pub after: String,
}

/// Why nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("cannot write {}: {error}", path.display())]
    Io { path: PathBuf, error: std::io::Error },
    #[error("{} changed on disk meanwhile; nothing was written (try again)", path.display())]
    Changed { path: PathBuf },
}

/// Reads a file to be edited: its bytes, or `None` when it does not exist yet.
pub fn read_current(path: &Path) -> Result<Option<Vec<u8>>, WriteError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(WriteError::Io { path: path.to_owned(), error }),
    }
}

/// Writes every planned file, or none of them. Files whose text does not change are skipped.
pub fn commit(plans: &[Planned]) -> Result<(), WriteError> {
    let plans: Vec<&Planned> =
        plans.iter().filter(|p| p.before.as_deref() != Some(p.after.as_bytes())).collect();
    let mut temps: Vec<PathBuf> = Vec::new();
    let result = stage_and_rename(&plans, &mut temps);
    for temp in temps {
        let _ = std::fs::remove_file(temp);
    }
    result
}

fn stage_and_rename(plans: &[&Planned], temps: &mut Vec<PathBuf>) -> Result<(), WriteError> {
    for plan in plans {
        temps.push(stage(plan)?);
    }
    for plan in plans {
        if read_current(&plan.path)? != plan.before {
            return Err(WriteError::Changed { path: plan.path.clone() });
        }
    }
    for (n, (plan, temp)) in plans.iter().zip(temps.iter()).enumerate() {
        if let Err(error) = std::fs::rename(temp, &plan.path) {
            // Put back what the earlier renames replaced, so the write stays all or nothing.
            for done in &plans[..n] {
                let _ = match &done.before {
                    Some(bytes) => std::fs::write(&done.path, bytes),
                    None => std::fs::remove_file(&done.path),
                };
            }
            return Err(WriteError::Io { path: plan.path.clone(), error });
        }
    }
    Ok(())
}

/// Writes a plan's text to a temporary file beside its target, with the target's permissions.
fn stage(plan: &Planned) -> Result<PathBuf, WriteError> {
    let io = |error| WriteError::Io { path: plan.path.clone(), error };
    let folder = plan.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = plan.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = std::fs::File::create(&temp).map_err(io)?;
    let written = file.write_all(plan.after.as_bytes()).and_then(|()| file.sync_all());
    if let Err(error) = written {
        let _ = std::fs::remove_file(&temp);
        return Err(io(error));
    }
    if let Ok(metadata) = std::fs::metadata(&plan.path) {
        let _ = std::fs::set_permissions(&temp, metadata.permissions());
    }
    Ok(temp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changed_since_it_was_read_fails_the_whole_write() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::fs::write(&a, "a = 1\n").expect("write a");
        std::fs::write(&b, "b = 2\n").expect("write b");
        let plans = [
            Planned { path: a.clone(), before: Some(b"a = 1\n".to_vec()), after: "a = 10\n".into() },
            Planned { path: b.clone(), before: Some(b"b = 1\n".to_vec()), after: "b = 20\n".into() },
        ];
        let error = commit(&plans).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains("b.toml changed on disk meanwhile"), "{error}");
        assert_eq!(std::fs::read_to_string(&a).ok().as_deref(), Some("a = 1\n"));
        assert_eq!(std::fs::read_to_string(&b).ok().as_deref(), Some("b = 2\n"));
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("list").collect();
        assert_eq!(left.len(), 2, "temporary files are removed");
    }

    #[test]
    fn new_and_existing_files_are_written() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("old.toml");
        let new = dir.path().join("new.toml");
        std::fs::write(&old, "x = 1\n").expect("write");
        let plans = [
            Planned { path: old.clone(), before: Some(b"x = 1\n".to_vec()), after: "x = 2\n".into() },
            Planned { path: new.clone(), before: None, after: "y = 1\n".into() },
        ];
        assert!(commit(&plans).is_ok());
        assert_eq!(std::fs::read_to_string(&old).ok().as_deref(), Some("x = 2\n"));
        assert_eq!(std::fs::read_to_string(&new).ok().as_deref(), Some("y = 1\n"));
    }
}
