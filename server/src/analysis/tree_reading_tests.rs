//! `read_tree` finds, in fewer walks, exactly what the two plain walks find: the constants near
//! the codes and the constructs near the codes and every constant's name.

use std::path::PathBuf;

use super::{Constants, Context, Options, read_tree};
use crate::recognize::Recognizer;
use crate::syntax::{Language, ParsedDocument};

/// Every match fixture and corpus file, in path order.
fn source_files() -> Vec<(PathBuf, Language, String)> {
    let root = crate::test_files::tests_dir();
    crate::test_files::under([root.join("fixtures/match"), root.join("corpus")])
}

#[test]
fn one_walk_and_a_walk_around_names_find_what_two_full_walks_find() {
    let (catalog, _) = crate::workspace::load_catalogs(true, &[]);
    let recognizer = Recognizer::new(&catalog);
    let options = Options::default();
    let cx = Context { catalog: &catalog, recognizer: &recognizer, options: &options, workspace: None };
    let files = source_files();
    let mut workspace = Constants::default();
    for (_, language, text) in &files {
        workspace
            .extend(crate::workspace::constants::declared_in(text, *language, &recognizer).iter().cloned());
    }
    let (mut compared, mut with_names_apart) = (0, 0);
    for (path, language, text) in &files {
        if crate::syntax::grammar(*language).is_none() {
            continue;
        }
        let document = ParsedDocument::new(*language, text.as_str());
        let codes: Vec<usize> = recognizer.find_iter(text.as_bytes()).map(|o| o.range.start).collect();
        let reading = read_tree(&document, codes.clone(), Some(&workspace), cx);

        let declared = document.constants_near(&codes);
        let local = Constants::from_declarations(&declared, *language, &recognizer);
        let mut near = codes.clone();
        near.extend(local.name_offsets(text));
        near.extend(workspace.name_offsets(text));
        near.sort_unstable();
        near.dedup();
        assert_eq!(reading.near, near, "{}", path.display());
        assert_eq!(reading.constructs, document.constructs_near(&near), "{}", path.display());
        assert_eq!(
            reading.local.iter().collect::<Vec<_>>(),
            local.iter().collect::<Vec<_>>(),
            "{}",
            path.display()
        );
        compared += 1;
        with_names_apart += near.iter().any(|o| codes.binary_search(o).is_err()) as usize;
    }
    assert!(compared > 100, "{compared} files compared");
    assert!(with_names_apart > 10, "{with_names_apart} files name constants away from codes");
}
