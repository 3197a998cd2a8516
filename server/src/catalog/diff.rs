//! What changed between two catalogs: codes added, removed, and changed (category, message,
//! description, solution, HTTP status, or how many variants a code has), by code.
//!
//! **Invariant:** pure; both catalogs are already loaded.

use super::{Catalog, Entry};

/// The difference from an old catalog to a new one, each list in code order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogDiff<'a> {
    pub added: Vec<&'a Entry>,
    pub removed: Vec<&'a Entry>,
    pub changed: Vec<Changed<'a>>,
}

impl CatalogDiff<'_> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// A code both catalogs list, with what differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed<'a> {
    pub code: &'a str,
    pub fields: Vec<FieldChange>,
}

/// One field's old and new text (empty when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: String,
    pub new: String,
}

/// Compares the first variant of each code (what hover and `explain` show first), and the
/// number of variants.
pub fn diff<'a>(old: &'a Catalog, new: &'a Catalog) -> CatalogDiff<'a> {
    let mut out = CatalogDiff::default();
    for id in new.ids() {
        let entry = new.entry(id);
        match old.lookup(&entry.code) {
            None => out.added.push(entry),
            Some(old_id) => {
                let mut fields = fields(old.entry(old_id), entry);
                let (before, after) = (old.variant_count(old_id), new.variant_count(id));
                if before != after {
                    fields.push(FieldChange {
                        field: "variants",
                        old: before.to_string(),
                        new: after.to_string(),
                    });
                }
                if !fields.is_empty() {
                    out.changed.push(Changed { code: &entry.code, fields });
                }
            }
        }
    }
    out.removed = old.ids().map(|id| old.entry(id)).filter(|e| new.lookup(&e.code).is_none()).collect();
    out.added.sort_by(|a, b| a.code.cmp(&b.code));
    out.removed.sort_by(|a, b| a.code.cmp(&b.code));
    out.changed.sort_by(|a, b| a.code.cmp(b.code));
    out
}

fn fields(old: &Entry, new: &Entry) -> Vec<FieldChange> {
    let pairs: [(&'static str, &str, &str); 5] = [
        ("category", old.category.as_deref().unwrap_or(""), new.category.as_deref().unwrap_or("")),
        ("message", &old.message, &new.message),
        ("description", &old.description, &new.description),
        ("solution", &old.solution, &new.solution),
        ("status", old.status.as_deref().unwrap_or(""), new.status.as_deref().unwrap_or("")),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, a, b)| FieldChange { field, old: a.to_owned(), new: b.to_owned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CatalogBuilder, Origin, import_document};

    fn catalog(markdown: &str) -> Catalog {
        let mut builder = CatalogBuilder::new();
        builder.add("t".into(), Origin::File("t.md".into()), import_document("t.md", markdown));
        builder.finish().0
    }

    const HEAD: &str = "| Error Code | HTTP Status | Message |\n|---|---|---|\n";

    #[test]
    fn a_new_variant_of_a_code_is_a_change() {
        let old = catalog(&format!("{HEAD}| E1001 | 400 | Bad input. |\n"));
        let new =
            catalog(&format!("{HEAD}| E1001 | 400 | Bad input. |\n| E1001 | 422 | Unreadable input. |\n"));
        let changes = diff(&old, &new);
        assert_eq!((changes.added.len(), changes.removed.len()), (0, 0));
        let fields: Vec<(&str, &str, &str)> =
            changes.changed[0].fields.iter().map(|f| (f.field, f.old.as_str(), f.new.as_str())).collect();
        assert_eq!(fields, [("variants", "1", "2")]);
    }

    #[test]
    fn a_status_change_is_a_change_and_identical_catalogs_differ_in_nothing() {
        let old = catalog(&format!("{HEAD}| E1001 | 400 | Bad input. |\n"));
        let new = catalog(&format!("{HEAD}| E1001 | 422 | Bad input. |\n"));
        assert_eq!(diff(&old, &new).changed[0].fields[0].field, "status");
        assert!(diff(&old, &old).is_empty());
    }
}
