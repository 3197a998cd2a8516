//! Visits the files of a set of folders on every core, as ripgrep does, and hands back what was
//! made of each in a deterministic order: the order of a sequential walk with each folder's
//! entries sorted by name (roots in the order given, then paths component by component).
//!
//! Used by `check`: reading and analysing files one after another left all but one core idle
//! on a large tree, so the walk runs on `ignore`'s parallel walker (which honours the same
//! ignore files as the sequential one) and results are sorted once at the end.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What happened to one file, in walk order.
pub struct Visited<T> {
    pub path: PathBuf,
    pub result: T,
}

/// Calls `visit` on every file under `roots` (ignore files honoured), on `threads` threads
/// (`None`: one per core), and returns the results with the walker's errors, sorted by root
/// then path. A `None` from `visit` drops the file.
pub fn files<T: Send>(
    roots: &[PathBuf],
    threads: Option<usize>,
    visit: impl Fn(&Path) -> Option<T> + Sync,
) -> (Vec<Visited<T>>, Vec<String>) {
    let Some((first, rest)) = roots.split_first() else { return (Vec::new(), Vec::new()) };
    let mut builder = ignore::WalkBuilder::new(first);
    for root in rest {
        builder.add(root);
    }
    builder.threads(threads.unwrap_or(0));
    let found: Mutex<Vec<(usize, Visited<T>)>> = Mutex::new(Vec::new());
    let errors: Mutex<Vec<String>> = Mutex::new(Vec::new());
    builder.build_parallel().run(|| {
        Box::new(|entry| {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                    let path = entry.path();
                    if let Some(result) = visit(path) {
                        let root = root_of(roots, path);
                        if let Ok(mut found) = found.lock() {
                            found.push((root, Visited { path: path.to_owned(), result }));
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    if let Ok(mut errors) = errors.lock() {
                        errors.push(e.to_string());
                    }
                }
            }
            ignore::WalkState::Continue
        })
    });
    let mut found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    // `Path`'s order compares component by component: a folder's files come right after it,
    // sorted by name, exactly as a sequential walk sorted by file name visits them.
    found.sort_by(|(a_root, a), (b_root, b)| a_root.cmp(b_root).then_with(|| a.path.cmp(&b.path)));
    let mut errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    errors.sort();
    (found.into_iter().map(|(_, visited)| visited).collect(), errors)
}

/// The index of the first root `path` lies under (the walker yields paths joined onto the root
/// as given).
fn root_of(roots: &[PathBuf], path: &Path) -> usize {
    roots.iter().position(|root| path.starts_with(root)).unwrap_or(roots.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel walk gives the order of the sequential walk sorted by file name, whatever
    /// order the threads finish in.
    #[test]
    fn parallel_walk_orders_files_as_a_sorted_sequential_walk() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let names = ["a-c.rs", "a/b.rs", "a/z/y.rs", "a/a.rs", "b.py", "a.b/c.rs", "A.rs", "a0/x.go"];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
            std::fs::write(&path, name).expect("write file");
        }
        let second = tempfile::tempdir().expect("temporary folder");
        std::fs::write(second.path().join("0.rs"), "x").expect("write file");
        let roots = [dir.path().to_owned(), second.path().to_owned()];

        let mut sequential = ignore::WalkBuilder::new(&roots[0]);
        sequential.add(&roots[1]).sort_by_file_name(Ord::cmp);
        let expected: Vec<PathBuf> = sequential
            .build()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
            .map(|e| e.into_path())
            .collect();
        assert_eq!(expected.len(), names.len() + 1);
        for threads in [1, 2, 8] {
            let (visited, errors) =
                files(&roots, Some(threads), |path| Some(std::fs::read(path).ok()?.len()));
            let got: Vec<PathBuf> = visited.into_iter().map(|v| v.path).collect();
            assert_eq!(got, expected, "{threads} threads");
            assert!(errors.is_empty());
        }
    }
}
