//! Which language a document is written in, from an editor's language id or a file name.

use std::path::Path;

/// Languages whose `match`/`switch` constructs errcode-ls understands, plus logs and plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Rust,
    Python,
    Go,
    JavaScript,
    TypeScript,
    Tsx,
    Java,
    CSharp,
    Kotlin,
    Php,
    /// Log files: codes are scanned, nothing is parsed.
    Log,
    /// Anything else: codes are scanned, nothing is parsed.
    Other,
}

impl Language {
    /// From an LSP `languageId` (as VS Code and Neovim name languages).
    pub fn from_language_id(id: &str) -> Option<Language> {
        Some(match id {
            "rust" => Language::Rust,
            "python" => Language::Python,
            "go" => Language::Go,
            "javascript" | "javascriptreact" | "jsx" => Language::JavaScript,
            "typescript" => Language::TypeScript,
            "typescriptreact" | "tsx" => Language::Tsx,
            "java" => Language::Java,
            "csharp" | "cs" => Language::CSharp,
            "kotlin" => Language::Kotlin,
            "php" => Language::Php,
            "log" => Language::Log,
            _ => return None,
        })
    }

    /// From a file name's extension.
    pub fn from_path(path: &Path) -> Language {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
        match extension {
            "rs" => Language::Rust,
            "py" | "pyi" => Language::Python,
            "go" => Language::Go,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "java" => Language::Java,
            "cs" => Language::CSharp,
            "kt" | "kts" => Language::Kotlin,
            "php" => Language::Php,
            "log" | "out" | "err" => Language::Log,
            // Rotated logs: `app.log.1`, `app.log.2026-11-27`; but not `app.log.errcode.md`.
            _ if extension.bytes().all(|b| b.is_ascii_digit() || b == b'-') && name.contains(".log.") => {
                Language::Log
            }
            _ if name.ends_with("log") && !name.contains('.') => Language::Log,
            _ => Language::Other,
        }
    }

    /// Whether documents in this language are logs (inlay hints and log views on by default).
    pub fn is_log(self) -> bool {
        self == Language::Log
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_come_from_ids_and_extensions() {
        assert_eq!(Language::from_language_id("typescriptreact"), Some(Language::Tsx));
        assert_eq!(Language::from_path(Path::new("src/main.rs")), Language::Rust);
        assert_eq!(Language::from_path(Path::new("/var/log/app.log.1")), Language::Log);
        assert_eq!(Language::from_path(Path::new("gateway.log.gz")), Language::Log);
        assert_eq!(Language::from_path(Path::new("README.md")), Language::Other);
        assert_eq!(Language::from_path(Path::new("/var/log/app.log.2026-11-27")), Language::Log);
        assert_eq!(Language::from_path(Path::new("syslog")), Language::Log);
        assert_eq!(Language::from_path(Path::new("service.log.errcode.md")), Language::Other);
    }
}
