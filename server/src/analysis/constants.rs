//! Constants that hold codes: a file's own declarations and the workspace's, and what a named
//! label (`case ErrCodes.INVALID:`, `code == Codes.X`, `{[Codes.X]: …}`) resolves to.
//!
//! A path resolves by its last two segments (`ErrCodes.INVALID` finds the member `INVALID` of
//! `ErrCodes`, however the owner is reached: `com.acme.ErrCodes.INVALID`, `self::INVALID`), a
//! package- or module-qualified name (`errs.Invalid`, `codes.INVALID`) by its name among
//! constants without an owner, and a lone name by its name. A trailing `.code`/`.value`
//! (`ErrorCode.INVALID.code` in Kotlin) is the member's value. A name that two declarations give
//! different codes is ambiguous, and resolves to nothing: analysis never guesses. A name only
//! resolves to a declaration in a language that can reach it ([`family`]: Java and Kotlin share
//! constants, as do JavaScript and TypeScript).
//!
//! **Invariant:** pure; declarations come from [`crate::syntax`] (this file's) or from the
//! caller (the workspace's: the language server's index, `check` over the files it checks).

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use crate::recognize::{Recognized, Recognizer};
use crate::syntax::{Constant, Language, path_segments};

/// A constant whose value is a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub owner: Option<String>,
    pub name: String,
    pub code: String,
    /// The [`family`] of the language that declares it.
    pub family: &'static str,
}

/// Languages whose code can name each other's constants.
pub fn family(language: Language) -> &'static str {
    match language {
        Language::Java | Language::Kotlin => "jvm",
        Language::JavaScript | Language::TypeScript | Language::Tsx => "javascript",
        Language::Rust => "rust",
        Language::Python => "python",
        Language::Go => "go",
        Language::CSharp => "csharp",
        Language::Php => "php",
        Language::Log | Language::Other => "",
    }
}

/// What a named label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved<'a> {
    Code(&'a Declared),
    /// Declared with different codes in different places.
    Ambiguous,
    /// Not a constant this table knows.
    Unknown,
}

/// Constants holding codes, looked up by name and by `Owner.Name`.
#[derive(Debug, Default)]
pub struct Constants {
    declared: Vec<Declared>,
    by_key: HashMap<String, Vec<usize>>,
    /// Every distinct name, for finding where a text uses one.
    names: OnceLock<Option<(AhoCorasick, Vec<String>)>>,
}

impl Clone for Constants {
    fn clone(&self) -> Self {
        let mut out = Constants::default();
        out.extend(self.declared.iter().cloned());
        out
    }
}

/// Member accessors and getters that yield an enum member's value (`ErrorCode.INVALID.code`,
/// `ErrorCode.INVALID.getCode()`).
const ACCESSORS: &[&str] =
    &["code", "value", "Code", "Value", "errorCode", "getCode", "getValue", "getErrorCode"];
/// Leading path segments that name the current class or module.
const SELVES: &[&str] = &["self", "static", "this", "Self", "parent"];

impl Constants {
    /// The constants among `declarations` whose value is exactly one code: for an enum member
    /// with several string arguments, the first that is.
    pub fn from_declarations(declarations: &[Constant], language: Language, recognizer: &Recognizer) -> Self {
        let mut out = Constants::default();
        out.extend(declarations.iter().filter_map(|c| declared(c, family(language), recognizer)));
        out
    }

    pub fn extend(&mut self, declared: impl IntoIterator<Item = Declared>) {
        for declared in declared {
            let index = self.declared.len();
            self.by_key.entry(declared.name.clone()).or_default().push(index);
            if let Some(owner) = &declared.owner {
                self.by_key.entry(format!("{owner}.{}", declared.name)).or_default().push(index);
            }
            self.declared.push(declared);
        }
        self.names = OnceLock::new();
    }

    pub fn is_empty(&self) -> bool {
        self.declared.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Declared> {
        self.declared.iter()
    }

    /// What `path` (a named label's text), written in a language of `family`, stands for.
    pub fn resolve(&self, path: &str, family: &str) -> Resolved<'_> {
        let path = path.strip_suffix("()").unwrap_or(path);
        let mut segments = path_segments(path);
        while segments.len() > 1 && SELVES.contains(&segments[0]) {
            segments.remove(0);
        }
        match self.resolve_segments(&segments, family) {
            Resolved::Unknown if segments.len() > 1 && ACCESSORS.contains(segments.last().unwrap_or(&"")) => {
                self.resolve_segments(&segments[..segments.len() - 1], family)
            }
            resolved => resolved,
        }
    }

    fn resolve_segments(&self, segments: &[&str], family: &str) -> Resolved<'_> {
        let reachable = |i: &usize| self.declared[*i].family == family;
        match segments {
            [] => Resolved::Unknown,
            [name] => self.pick(self.by_key.get(*name).into_iter().flatten().copied().filter(reachable)),
            [.., owner, name] => {
                match self.by_key.get(&format!("{owner}.{name}")).filter(|found| found.iter().any(reachable))
                {
                    Some(found) => self.pick(found.iter().copied().filter(reachable)),
                    // `pkg.Name`, `module.NAME`: a package-level constant reached through its package.
                    None => self.pick(
                        self.by_key
                            .get(*name)
                            .into_iter()
                            .flatten()
                            .copied()
                            .filter(reachable)
                            .filter(|&i| self.declared[i].owner.is_none()),
                    ),
                }
            }
        }
    }

    fn pick(&self, found: impl Iterator<Item = usize>) -> Resolved<'_> {
        let mut result = Resolved::Unknown;
        for index in found {
            let declared = &self.declared[index];
            result = match result {
                Resolved::Unknown => Resolved::Code(declared),
                Resolved::Code(first) if first.code == declared.code => Resolved::Code(first),
                _ => return Resolved::Ambiguous,
            };
        }
        result
    }

    /// The constants declared for `code`, in declaration order.
    pub fn for_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Declared> + 'a {
        self.declared.iter().filter(move |d| d.code == code)
    }

    /// Offsets of every whole-word use of a constant's name in `text`, ascending.
    pub fn name_offsets(&self, text: &str) -> Vec<usize> {
        let Some((automaton, _)) = self.names.get_or_init(|| self.automaton()) else { return Vec::new() };
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
        automaton
            .find_iter(bytes)
            .filter(|m| {
                let glued_before = m.start() > 0 && is_word(bytes[m.start() - 1]);
                let glued_after = bytes.get(m.end()).is_some_and(|&b| is_word(b));
                !glued_before && !glued_after
            })
            .map(|m| m.start())
            .collect()
    }

    fn automaton(&self) -> Option<(AhoCorasick, Vec<String>)> {
        let mut names: Vec<String> = self.declared.iter().map(|d| d.name.clone()).collect();
        names.sort();
        names.dedup();
        if names.is_empty() {
            return None;
        }
        let automaton = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&names)
            .ok()?;
        Some((automaton, names))
    }
}

/// A file's constants first, then the workspace's: what a named label of the file stands for.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub local: &'a Constants,
    pub workspace: Option<&'a Constants>,
    /// The [`family`] of the file's language.
    pub family: &'static str,
}

impl<'a> Scope<'a> {
    pub fn resolve(&self, path: &str) -> Resolved<'a> {
        match self.local.resolve(path, self.family) {
            Resolved::Unknown => self.workspace.map_or(Resolved::Unknown, |w| w.resolve(path, self.family)),
            resolved => resolved,
        }
    }

    /// The constants declared for `code`, the file's first.
    pub fn for_code(&self, code: &'a str) -> Vec<&'a Declared> {
        let mut found: Vec<&Declared> = self.local.for_code(code).collect();
        if let Some(workspace) = self.workspace {
            for declared in workspace.for_code(code).filter(|d| d.family == self.family) {
                if !found.contains(&declared) {
                    found.push(declared);
                }
            }
        }
        found
    }
}

/// The code a declaration holds: the first of its values that is exactly one code.
fn declared(constant: &Constant, family: &'static str, recognizer: &Recognizer) -> Option<Declared> {
    let code = constant.values.iter().find(|v| exact_code(&v.value, recognizer).is_some())?;
    Some(Declared {
        owner: constant.owner.clone(),
        name: constant.name.clone(),
        code: code.value.clone(),
        family,
    })
}

/// What `value` is when it is exactly one code (`"AIS.0101: bad image"` is a message).
pub fn exact_code(value: &str, recognizer: &Recognizer) -> Option<Recognized> {
    let mut found = recognizer.find_iter(value.as_bytes());
    match (found.next(), found.next()) {
        (Some(occurrence), None) if occurrence.range == (0..value.len()) => Some(occurrence.kind),
        _ => None,
    }
}

/// A name in a text that stands for a constant holding a code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedUse {
    /// The whole path (`ErrCodes.INVALID`), as written.
    pub range: std::ops::Range<usize>,
    pub declared: Declared,
}

/// Every use of a constant's name in `text` (its declaration among them) that resolves to a
/// code in `scope`, in text order.
pub fn named_uses(text: &str, scope: Scope<'_>) -> Vec<NamedUse> {
    let mut offsets = scope.local.name_offsets(text);
    if let Some(workspace) = scope.workspace {
        offsets.extend(workspace.name_offsets(text));
    }
    offsets.sort_unstable();
    offsets.dedup();
    let mut out: Vec<NamedUse> = Vec::new();
    for offset in offsets {
        if out.last().is_some_and(|u| u.range.contains(&offset)) {
            continue;
        }
        if let Some(found) = named_use_at(text, offset, scope) {
            out.push(found);
        }
    }
    out
}

/// The constant named by the path at `offset` (`ErrCodes.INVALID`, with the offset anywhere in
/// it), if it resolves to a code in `scope`: the path up to the name at `offset`, or up to the
/// name after it (the cursor on `ErrCodes`). What follows (`.equals(…)`, `.code`) is not part
/// of the name.
pub fn named_use_at(text: &str, offset: usize, scope: Scope<'_>) -> Option<NamedUse> {
    let bytes = text.as_bytes();
    if offset > bytes.len() {
        return None;
    }
    let mut start = offset;
    while start > 0 && (is_name_byte(bytes[start - 1]) || is_joint(bytes[start - 1])) {
        start -= 1;
    }
    while start < bytes.len() && !is_name_byte(bytes[start]) {
        start += 1;
    }
    let mut end = word_end(bytes, offset);
    for _ in 0..2 {
        if start < end && text.is_char_boundary(start) && text.is_char_boundary(end) {
            let path = &text[start..end];
            if let Resolved::Code(declared) = scope.resolve(path) {
                return Some(NamedUse { range: start..end, declared: declared.clone() });
            }
        }
        // The next segment: `ErrCodes|.INVALID`.
        let mut next = end;
        while next < bytes.len() && is_joint(bytes[next]) {
            next += 1;
        }
        if next == end || next >= bytes.len() || !is_name_byte(bytes[next]) {
            return None;
        }
        end = word_end(bytes, next);
    }
    None
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

fn is_joint(b: u8) -> bool {
    matches!(b, b'.' | b':' | b'-' | b'>' | b'?')
}

fn word_end(bytes: &[u8], from: usize) -> usize {
    let mut end = from;
    while end < bytes.len() && is_name_byte(bytes[end]) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Constants {
        let mut constants = Constants::default();
        let declared = |owner: Option<&str>, name: &str, code: &str, family| Declared {
            owner: owner.map(str::to_owned),
            name: name.to_owned(),
            code: code.to_owned(),
            family,
        };
        constants.extend([
            declared(Some("ErrCodes"), "INVALID", "AIS.0101", "jvm"),
            declared(Some("ErrorCode"), "BadFormat", "AIS.0102", "rust"),
            declared(None, "Invalid", "AIS.0101", "go"),
            declared(Some("A"), "TWICE", "AIS.0101", "jvm"),
            declared(Some("B"), "TWICE", "AIS.0102", "jvm"),
        ]);
        constants
    }

    fn resolved(constants: &Constants, path: &str, family: &str) -> Option<String> {
        match constants.resolve(path, family) {
            Resolved::Code(d) => Some(d.code.clone()),
            Resolved::Ambiguous => Some("ambiguous".into()),
            Resolved::Unknown => None,
        }
    }

    #[test]
    fn paths_resolve_by_owner_and_name_package_names_and_accessors() {
        let constants = table();
        assert_eq!(resolved(&constants, "ErrCodes.INVALID", "jvm").as_deref(), Some("AIS.0101"));
        assert_eq!(resolved(&constants, "com.acme.ErrCodes.INVALID", "jvm").as_deref(), Some("AIS.0101"));
        assert_eq!(resolved(&constants, "ErrCodes.INVALID.code", "jvm").as_deref(), Some("AIS.0101"));
        assert_eq!(resolved(&constants, "ErrCodes.INVALID.getCode()", "jvm").as_deref(), Some("AIS.0101"));
        assert_eq!(resolved(&constants, "INVALID", "jvm").as_deref(), Some("AIS.0101"));
        assert_eq!(resolved(&constants, "ErrorCode::BadFormat", "rust").as_deref(), Some("AIS.0102"));
        assert_eq!(resolved(&constants, "errs.Invalid", "go").as_deref(), Some("AIS.0101"));
        assert_eq!(resolved(&constants, "Other.INVALID", "jvm"), None);
        assert_eq!(resolved(&constants, "TWICE", "jvm").as_deref(), Some("ambiguous"));
        assert_eq!(resolved(&constants, "A.TWICE", "jvm").as_deref(), Some("AIS.0101"));
    }

    #[test]
    fn a_name_resolves_only_in_languages_that_can_reach_it() {
        let constants = table();
        assert_eq!(resolved(&constants, "ErrCodes.INVALID", "python"), None);
        assert_eq!(resolved(&constants, "errs.Invalid", "jvm"), None);
    }

    #[test]
    fn uses_are_whole_paths_of_whole_words() {
        let constants = table();
        let scope = Scope { local: &Constants::default(), workspace: Some(&constants), family: "jvm" };
        let text = "if (ErrCodes.INVALID.equals(c) || INVALIDATED || this.INVALID == c) {}";
        let uses: Vec<&str> = named_uses(text, scope).iter().map(|u| &text[u.range.clone()]).collect();
        assert_eq!(uses, ["ErrCodes.INVALID", "this.INVALID"]);
        let on_owner = named_use_at(text, text.find("Codes").unwrap_or(0), scope);
        assert_eq!(on_owner.map(|u| &text[u.range]), Some("ErrCodes.INVALID"));
    }
}
