//! `errcode.toml` and editor settings: one set of keys, read leniently.
//!
//! Each key is read on its own: a key with a wrong type is reported (file, line, key, what was
//! expected) and its default stands, so one typo never discards the rest of the file. The same
//! reader takes editor settings (`initializationOptions`, `workspace/didChangeConfiguration`),
//! where keys may also be spelt in camelCase (`ignoreCodes`).

use std::path::{Path, PathBuf};

use crate::analysis::{CodePatterns, Completeness, Options, Rule, RuleSeverities, Severity};

/// The file name looked for at a workspace root.
pub const CONFIG_FILE: &str = "errcode.toml";

/// Which codes a `match`/`switch` must handle; defined with the analysis options.
pub use crate::analysis::Expected;

/// Inlay hints (the message after each code), per kind of file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlayHints {
    pub source: bool,
    pub logs: bool,
}

impl Default for InlayHints {
    fn default() -> Self {
        InlayHints { source: false, logs: true }
    }
}

/// The effective configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `errcode.toml` this came from, if any.
    pub file: Option<PathBuf>,
    /// User catalogs, resolved against the configuration file's folder.
    pub catalogs: Vec<PathBuf>,
    /// Catalogs named by URL (`https://…`), read from the cache that `catalog update` fills.
    pub urls: Vec<String>,
    /// `remote-catalogs` as this source said it; who may say it is decided by the caller
    /// (see [`super::remote::user_consent`]).
    pub remote_catalogs: Option<bool>,
    /// Whether the built-in catalog is loaded.
    pub builtin: bool,
    pub severities: RuleSeverities,
    /// Paths (globs, relative to the root) that `check` and the workspace index skip.
    pub exclude: Vec<String>,
    /// Codes (globs) never reported.
    pub ignore_codes: Vec<String>,
    pub expected: Expected,
    pub default_signifies_exhaustive: bool,
    pub completeness: Completeness,
    pub inlay_hints: InlayHints,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            catalogs: Vec::new(),
            urls: Vec::new(),
            remote_catalogs: None,
            builtin: true,
            severities: RuleSeverities::default(),
            exclude: Vec::new(),
            ignore_codes: Vec::new(),
            expected: Expected::default(),
            default_signifies_exhaustive: false,
            completeness: Completeness::default(),
            inlay_hints: InlayHints::default(),
        }
    }
}

/// A configuration mistake: where it is and what was expected. The default stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct ConfigProblem {
    pub file: String,
    pub line: Option<u32>,
    pub message: String,
}

impl Config {
    /// The nearest `errcode.toml` in `start` or its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start.ancestors().map(|dir| dir.join(CONFIG_FILE)).find(|candidate| candidate.is_file())
    }

    /// Reads an `errcode.toml`'s text. Relative catalog paths are resolved against `path`'s
    /// folder.
    pub fn from_toml(path: &Path, text: &str) -> (Config, Vec<ConfigProblem>) {
        Config::from_toml_over(Config::default(), path, text)
    }

    /// Reads an `errcode.toml`'s text over `under` (the user-level configuration): each key the
    /// file sets wins, except lists (`catalogs`, `exclude`, `ignore-codes`), which are combined.
    pub fn from_toml_over(under: Config, path: &Path, text: &str) -> (Config, Vec<ConfigProblem>) {
        let lower = under.clone();
        let (mut config, problems) = Config::read_toml(under, path, text);
        config.catalogs = combined(&lower.catalogs, &config.catalogs);
        config.exclude = combined(&lower.exclude, &config.exclude);
        config.ignore_codes = combined(&lower.ignore_codes, &config.ignore_codes);
        config.urls = combined(&lower.urls, &config.urls);
        (config, problems)
    }

    fn read_toml(under: Config, path: &Path, text: &str) -> (Config, Vec<ConfigProblem>) {
        let mut config = Config { file: Some(path.to_owned()), ..under };
        let file = path.display().to_string();
        let value = match toml::from_str::<serde_json::Value>(text) {
            Ok(value) => value,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start));
                let message = format!("{}; using the defaults", e.message().trim());
                return (config, vec![ConfigProblem { file, line, message }]);
            }
        };
        let base = path.parent().unwrap_or(Path::new("."));
        let problems = config.apply(&value, base, &file, |key| find_key_line(text, key));
        (config, problems)
    }

    /// Applies settings (a JSON object of the same keys) on top of this configuration.
    /// `source` names them in problems, `locate` finds a key's line where there is a file.
    pub fn apply(
        &mut self,
        value: &serde_json::Value,
        base: &Path,
        source: &str,
        locate: impl Fn(&str) -> Option<u32>,
    ) -> Vec<ConfigProblem> {
        let mut problems = Vec::new();
        let Some(table) = value.as_object() else {
            if !value.is_null() {
                problems.push(ConfigProblem {
                    file: source.to_owned(),
                    line: None,
                    message: "settings must be a table of keys".into(),
                });
            }
            return problems;
        };
        let mut report = |key: &str, message: String| {
            problems.push(ConfigProblem {
                file: source.to_owned(),
                line: locate(key),
                message: format!("`{key}`: {message}; the default is used"),
            });
        };
        for (key, value) in table {
            match normalize(key).as_str() {
                "catalogs" => match string_list(value) {
                    Some(list) => {
                        let (urls, files): (Vec<String>, Vec<String>) =
                            list.into_iter().partition(|entry| super::remote::is_url(entry));
                        self.catalogs = files.iter().map(|p| base.join(p)).collect();
                        self.urls = urls.into_iter().map(|u| u.trim().to_owned()).collect();
                    }
                    None => report(key, "expected a list of catalog file paths or URLs".into()),
                },
                "remotecatalogs" => match value.as_bool() {
                    Some(on) => self.remote_catalogs = Some(on),
                    None => report(key, "expected true or false".into()),
                },
                "builtin" => match value.as_bool() {
                    Some(on) => self.builtin = on,
                    None => report(key, "expected true or false".into()),
                },
                "exclude" => match string_list(value) {
                    Some(list) => self.exclude = list,
                    None => report(key, "expected a list of path globs".into()),
                },
                "ignorecodes" => match string_list(value) {
                    Some(list) => match CodePatterns::new(&list) {
                        Ok(_) => self.ignore_codes = list,
                        Err(e) => report(key, e),
                    },
                    None => report(key, "expected a list of code globs such as \"TEST.*\"".into()),
                },
                "expected" => match value.as_str() {
                    Some("namespace") => self.expected = Expected::Namespace,
                    Some("category") => self.expected = Expected::Category,
                    Some("catalog") => self.expected = Expected::Catalog,
                    _ => report(key, "expected \"namespace\", \"category\" or \"catalog\"".into()),
                },
                "completeness" => match value.as_str() {
                    Some("intent") => self.completeness = Completeness::Intent,
                    Some("always") => self.completeness = Completeness::Always,
                    _ => report(key, "expected \"intent\" or \"always\"".into()),
                },
                "defaultsignifiesexhaustive" => match value.as_bool() {
                    Some(on) => self.default_signifies_exhaustive = on,
                    None => report(key, "expected true or false".into()),
                },
                "inlayhints" => match value {
                    serde_json::Value::Bool(on) => self.inlay_hints = InlayHints { source: *on, logs: *on },
                    serde_json::Value::Object(kinds) => {
                        for (kind, on) in kinds {
                            match (normalize(kind).as_str(), on.as_bool()) {
                                ("source", Some(on)) => self.inlay_hints.source = on,
                                ("logs", Some(on)) => self.inlay_hints.logs = on,
                                (_, None) => {
                                    report(&format!("{key}.{kind}"), "expected true or false".into())
                                }
                                _ => report(
                                    &format!("{key}.{kind}"),
                                    "unknown key (expected `source` or `logs`)".into(),
                                ),
                            }
                        }
                    }
                    _ => report(key, "expected true, false or a table with `source` and `logs`".into()),
                },
                "rules" => match value.as_object() {
                    Some(rules) => {
                        for (name, severity) in rules {
                            let Some(rule) = Rule::from_name(name) else {
                                let known: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                                report(
                                    &format!("rules.{name}"),
                                    format!("unknown rule (known: {})", known.join(", ")),
                                );
                                continue;
                            };
                            match severity.as_str().map(Severity::parse) {
                                Some(Ok(severity)) => self.severities.set(rule, severity),
                                Some(Err(e)) => report(&format!("rules.{name}"), e),
                                None => report(&format!("rules.{name}"), "expected a severity string".into()),
                            }
                        }
                    }
                    None => report(key, "expected a table of rule = \"severity\"".into()),
                },
                // Editor-only settings (server path, tracing) are the client's business.
                "server" | "trace" => {}
                _ => report(key, "unknown key".into()),
            }
        }
        problems
    }

    /// The analysis options this configuration implies.
    pub fn options(&self) -> Options {
        Options {
            severities: self.severities.clone(),
            ignore_codes: CodePatterns::new(&self.ignore_codes).unwrap_or_default(),
            expected: self.expected,
            default_signifies_exhaustive: self.default_signifies_exhaustive,
            completeness: self.completeness,
        }
    }

    /// The folder the configuration applies to.
    pub fn root(&self) -> Option<&Path> {
        self.file.as_deref().and_then(Path::parent)
    }
}

/// The values of `lower` then those of `upper` not already there.
fn combined<T: Clone + PartialEq>(lower: &[T], upper: &[T]) -> Vec<T> {
    let mut out = lower.to_vec();
    for value in upper {
        if !out.contains(value) {
            out.push(value.clone());
        }
    }
    out
}

/// `ignore-codes`, `ignore_codes` and `ignoreCodes` are the same key.
fn normalize(key: &str) -> String {
    key.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn string_list(value: &serde_json::Value) -> Option<Vec<String>> {
    value.as_array()?.iter().map(|v| v.as_str().map(str::to_owned)).collect()
}

fn line_of(text: &str, offset: usize) -> u32 {
    text[..offset.min(text.len())].bytes().filter(|&b| b == b'\n').count() as u32 + 1
}

/// The line of a key in a TOML text: `a.b` is found as `b = …` after a `[a]` header, or as
/// `a = …` / `a.b = …` at the start of a line.
fn find_key_line(text: &str, key: &str) -> Option<u32> {
    let (table, leaf) = match key.rsplit_once('.') {
        Some((table, leaf)) => (Some(table), leaf),
        None => (None, key),
    };
    let mut in_table = table.is_none();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            in_table = table.is_some_and(|t| line.trim_matches(['[', ']']).trim() == t);
            continue;
        }
        let Some((lhs, _)) = line.split_once('=') else {
            continue;
        };
        let lhs = lhs.trim().trim_matches('"');
        if (in_table && lhs == leaf) || lhs == key {
            return Some(n as u32 + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Config, Vec<String>) {
        let (config, problems) = Config::from_toml(Path::new("/ws/errcode.toml"), text);
        (config, problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn a_full_file_is_read() {
        let (config, problems) = read(
            "catalogs = [\"docs/errors.rst\"]\nbuiltin = false\nexclude = [\"vendor/**\"]\n\
             ignore-codes = [\"TEST.*\"]\n[rules]\nunknown-code = \"error\"\nduplicate-code = \"off\"\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(config.catalogs, [PathBuf::from("/ws/docs/errors.rst")]);
        assert!(!config.builtin);
        assert_eq!(config.severities.get(Rule::UnknownCode), Some(Severity::Error));
        assert_eq!(config.severities.get(Rule::DuplicateCode), None);
        assert!(config.options().ignore_codes.matches("TEST.0001"));
    }

    #[test]
    fn wrong_types_name_file_line_and_key_and_keep_defaults() {
        let (config, problems) =
            read("builtin = \"yes\"\ncatalogs = [\"a.md\"]\n[rules]\nunknown-code = \"loud\"\n");
        expect_test::expect![[r#"
            [
                "/ws/errcode.toml:1: `builtin`: expected true or false; the default is used",
                "/ws/errcode.toml:4: `rules.unknown-code`: unknown severity `loud` (expected \"error\", \"warning\", \"information\", \"hint\" or \"off\"); the default is used",
            ]
        "#]]
        .assert_debug_eq(&problems);
        assert!(config.builtin);
        assert_eq!(config.catalogs.len(), 1);
    }

    #[test]
    fn broken_toml_keeps_all_defaults() {
        let (config, problems) = read("catalogs = [\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("/ws/errcode.toml:"), "{problems:?}");
        assert!(config.builtin);
    }

    #[test]
    fn urls_in_catalogs_stay_urls() {
        let (config, problems) = read(
            "catalogs = [\"docs/errors.rst\", \"https://docs.example.com/raw/errors.md\"]\nremote-catalogs = true\n",
        );
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(config.catalogs, [PathBuf::from("/ws/docs/errors.rst")]);
        assert_eq!(config.urls, ["https://docs.example.com/raw/errors.md"]);
        assert_eq!(config.remote_catalogs, Some(true));
    }

    #[test]
    fn the_workspace_wins_per_key_over_the_user_and_lists_are_combined() {
        let (user, problems) = Config::from_toml(
            Path::new("/home/me/.config/errcode-ls/errcode.toml"),
            "catalogs = [\"mine.toml\"]\nignore-codes = [\"AIS.0117\"]\nexpected = \"catalog\"\n\
             default-signifies-exhaustive = true\n[rules]\nunknown-code = \"hint\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let (config, problems) = Config::from_toml_over(
            user,
            Path::new("/ws/errcode.toml"),
            "catalogs = [\"docs/errors.rst\"]\nignore-codes = [\"TEST.*\", \"AIS.0117\"]\nexpected = \"namespace\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        expect_test::expect![[r#"
            file: Some("/ws/errcode.toml")
            catalogs: ["/home/me/.config/errcode-ls/mine.toml", "/ws/docs/errors.rst"]
            ignore-codes: ["AIS.0117", "TEST.*"]
            expected: Namespace
            default-signifies-exhaustive: true
            unknown-code: Some(Hint)"#]]
        .assert_eq(&format!(
            "file: {:?}\ncatalogs: {:?}\nignore-codes: {:?}\nexpected: {:?}\ndefault-signifies-exhaustive: {}\n\
             unknown-code: {:?}",
            config.file,
            config.catalogs,
            config.ignore_codes,
            config.expected,
            config.default_signifies_exhaustive,
            config.severities.get(Rule::UnknownCode),
        ));
    }

    #[test]
    fn camel_case_editor_settings_are_accepted() {
        let mut config = Config::default();
        let problems = config.apply(
            &serde_json::json!({ "ignoreCodes": ["X.*"], "defaultSignifiesExhaustive": true }),
            Path::new("/"),
            "settings",
            |_| None,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(config.default_signifies_exhaustive);
    }

    #[test]
    fn completeness_is_intent_unless_set_to_always() {
        assert_eq!(Config::default().options().completeness, Completeness::Intent);
        let (config, problems) = read("completeness = \"always\"\n");
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(config.options().completeness, Completeness::Always);
        let (config, problems) = read("completeness = \"sometimes\"\n");
        assert_eq!(
            problems,
            ["/ws/errcode.toml:1: `completeness`: expected \"intent\" or \"always\"; the default is used"]
        );
        assert_eq!(config.completeness, Completeness::Intent);
    }
}
