//! "Ignore `X` in this file": where an `errcode: ignore-code` directive goes and how it is
//! written, in the file's own comment syntax.
//!
//! The directive goes near the top: after a shebang, a Python encoding line, `<?php`, an XML
//! declaration or doctype, or Markdown front matter (which must stay first). When the file
//! already has an `ignore-code` directive there, the code joins it instead of adding a line.
//!
//! **Invariant:** pure text in, one [`Edit`] out; which comment syntax a file uses is decided
//! from its language or file name alone. Logs and plain text have none, so they get no edit.

use super::Edit;
use crate::syntax::Language;

/// How a file writes a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// A marker that comments out the rest of the line (`//`, `#`, `--`).
    Line(&'static str),
    /// Opening and closing markers (`<!--` … `-->`).
    Block(&'static str, &'static str),
}

/// How many leading lines are searched for an existing directive and the insertion point.
const HEAD_LINES: usize = 64;

/// The comment syntax of a file in `language` named `file_name`, if it has one.
pub fn comment_style(language: Language, file_name: &str) -> Option<CommentStyle> {
    use CommentStyle::{Block, Line};
    match language {
        Language::Python => return Some(Line("#")),
        Language::Rust
        | Language::Go
        | Language::JavaScript
        | Language::TypeScript
        | Language::Tsx
        | Language::Java
        | Language::CSharp
        | Language::Kotlin
        | Language::Php => return Some(Line("//")),
        Language::Log => return None,
        Language::Other => {}
    }
    let name = file_name.to_ascii_lowercase();
    let extension = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    Some(match extension {
        "c" | "h" | "cc" | "cpp" | "cxx" | "hpp" | "m" | "mm" | "swift" | "scala" | "dart" | "groovy"
        | "gradle" | "proto" | "zig" | "sol" | "jsonc" | "json5" => Line("//"),
        "sh" | "bash" | "zsh" | "fish" | "ksh" | "rb" | "pl" | "pm" | "r" | "toml" | "yaml" | "yml"
        | "conf" | "cfg" | "properties" | "env" | "tf" | "hcl" | "nix" | "ps1" | "jl" | "ex" | "exs"
        | "cmake" | "mk" => Line("#"),
        "sql" | "lua" | "hs" | "elm" | "ada" => Line("--"),
        "md" | "markdown" | "html" | "htm" | "xhtml" | "xml" | "svg" => Block("<!--", "-->"),
        "css" => Block("/*", "*/"),
        _ if matches!(name.as_str(), "dockerfile" | "makefile" | "gemfile" | "rakefile") => Line("#"),
        _ => return None,
    })
}

/// The edit that makes `text` ignore `code`: the code joins the first `ignore-code` directive
/// of the file's head, or a new directive line goes near the top.
pub fn ignore_code_edit(text: &str, style: CommentStyle, code: &str) -> Edit {
    if let Some(end) = existing_directive_end(text) {
        return Edit { range: end..end, text: format!(", {code}") };
    }
    let eol =
        if text.split_inclusive('\n').next().is_some_and(|l| l.ends_with("\r\n")) { "\r\n" } else { "\n" };
    let directive = match style {
        CommentStyle::Line(marker) => format!("{marker} errcode: ignore-code {code}"),
        CommentStyle::Block(open, close) => format!("{open} errcode: ignore-code {code} {close}"),
    };
    let at = insertion_point(text);
    let before = if at > 0 && !text[..at].ends_with('\n') { eol } else { "" };
    Edit { range: at..at, text: format!("{before}{directive}{eol}") }
}

/// Where the directive's text ends on the first `errcode: ignore-code` line of the head (before
/// a closing `-->` or `*/` and trailing spaces).
fn existing_directive_end(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n').take(HEAD_LINES) {
        if let Some(at) = line.find("errcode: ignore-code ") {
            let body = line[at..].trim_end_matches(['\n', '\r']);
            let body =
                [body.find("-->"), body.find("*/")].into_iter().flatten().min().map_or(body, |e| &body[..e]);
            return Some(offset + at + body.trim_end().len());
        }
        offset += line.len();
    }
    None
}

/// The offset of the first line a comment may take: past lines that must stay first.
fn insertion_point(text: &str) -> usize {
    let lines: Vec<&str> = text.split_inclusive('\n').take(HEAD_LINES).collect();
    let mut first = 0;
    let trimmed = |n: usize| lines.get(n).map_or("", |l| l.trim());
    if matches!(trimmed(0), "---" | "+++") {
        // Front matter: up to and including its closing line.
        let fence = trimmed(0);
        if let Some(close) = (1..lines.len()).find(|&n| trimmed(n) == fence) {
            first = close + 1;
        }
    } else {
        let head = trimmed(0);
        let must_lead = (head.starts_with("#!") && !head.starts_with("#!["))
            || head.starts_with("<?")
            || head.to_ascii_lowercase().starts_with("<!doctype");
        if must_lead {
            first = 1;
        }
        // PEP 263: an encoding declaration on the first or second line.
        if first < 2 && trimmed(first).starts_with('#') && trimmed(first).contains("coding") {
            first += 1;
        }
    }
    lines[..first.min(lines.len())].iter().map(|l| l.len()).sum()
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::analysis::apply_edits;

    fn check(language: Language, file_name: &str, text: &str, expect: Expect) {
        let rendered = match comment_style(language, file_name) {
            Some(style) => {
                apply_edits(text, &[ignore_code_edit(text, style, "AIS.0117")]).replace('\r', "<CR>")
            }
            None => "(no comment syntax)".to_owned(),
        };
        expect.assert_eq(&rendered);
    }

    #[test]
    fn a_python_directive_goes_after_the_shebang_and_encoding_lines() {
        check(
            Language::Python,
            "client.py",
            "#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nimport os\n",
            expect![[r#"
                #!/usr/bin/env python3
                # -*- coding: utf-8 -*-
                # errcode: ignore-code AIS.0117
                import os
            "#]],
        );
    }

    #[test]
    fn markdown_gets_an_html_comment_after_its_front_matter() {
        check(
            Language::Other,
            "README.md",
            "---\ntitle: Errors\n---\n# Errors\n",
            expect![[r#"
                ---
                title: Errors
                ---
                <!-- errcode: ignore-code AIS.0117 -->
                # Errors
            "#]],
        );
    }

    #[test]
    fn php_keeps_its_opening_tag_first_and_crlf_stays() {
        check(
            Language::Php,
            "h.php",
            "<?php\r\n$x = 1;\r\n",
            expect![[r#"
                <?php<CR>
                // errcode: ignore-code AIS.0117<CR>
                $x = 1;<CR>
            "#]],
        );
    }

    #[test]
    fn a_rust_inner_attribute_is_not_a_shebang() {
        check(
            Language::Rust,
            "lib.rs",
            "#![allow(dead_code)]\nfn main() {}\n",
            expect![[r#"
                // errcode: ignore-code AIS.0117
                #![allow(dead_code)]
                fn main() {}
            "#]],
        );
    }

    #[test]
    fn a_second_code_joins_the_existing_directive() {
        check(
            Language::Other,
            "notes.html",
            "<!DOCTYPE html>\n<!-- errcode: ignore-code APIG.0602 -->\n<p>AIS.0117</p>\n",
            expect![[r#"
                <!DOCTYPE html>
                <!-- errcode: ignore-code APIG.0602, AIS.0117 -->
                <p>AIS.0117</p>
            "#]],
        );
    }

    #[test]
    fn shell_and_yaml_use_hash_comments_and_an_unterminated_last_line_is_kept() {
        check(
            Language::Other,
            "deploy.sh",
            "#!/bin/sh",
            expect!["#!/bin/sh\n# errcode: ignore-code AIS.0117\n"],
        );
        check(
            Language::Other,
            "ci.yml",
            "code: AIS.0117\n",
            expect![[r#"
            # errcode: ignore-code AIS.0117
            code: AIS.0117
        "#]],
        );
    }

    #[test]
    fn the_inserted_directive_silences_the_code_and_only_it() {
        use crate::analysis::{Context, Options, analyze};
        use crate::catalog::{CatalogBuilder, Origin, builtin_catalog};
        use crate::recognize::Recognizer;
        let mut builder = CatalogBuilder::new();
        builder.add("builtin".into(), Origin::Builtin { file_name: "b".into() }, builtin_catalog());
        let (catalog, _) = builder.finish();
        let recognizer = Recognizer::new(&catalog);
        let options = Options::default();
        let cx = Context { catalog: &catalog, recognizer: &recognizer, options: &options, workspace: None };
        for (language, name, text) in [
            (Language::Python, "a.py", "if code == \"AIS.0117\" or code == \"AIS.0119\":\n    pass\n"),
            (Language::Other, "a.md", "Seen: `AIS.0117`, `AIS.0119`.\n"),
        ] {
            let style = comment_style(language, name).expect("a comment syntax");
            let edited = apply_edits(text, &[ignore_code_edit(text, style, "AIS.0117")]);
            let reported: Vec<&str> =
                analyze(&edited, language, cx).iter().map(|f| &edited[f.range.clone()]).collect();
            assert_eq!(reported, ["AIS.0119"], "{name}: {edited}");
        }
    }

    #[test]
    fn logs_and_plain_text_have_no_comment_syntax() {
        check(Language::Log, "app.log", "AIS.0117\n", expect!["(no comment syntax)"]);
        check(Language::Other, "notes.txt", "AIS.0117\n", expect!["(no comment syntax)"]);
    }
}
