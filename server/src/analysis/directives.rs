//! `errcode:` comment directives: `errcode: ignore` (the construct below, or the whole file when
//! it stands in the file's leading comments), `errcode: expect AIS.*, APIG.03*` (limit the codes
//! a construct, or every construct of the file, must handle), `errcode: exhaustive` (the
//! construct is meant to handle every code, even where it reads as a classifier) and
//! `errcode: ignore-code AIS.0117` (never report these codes, or code globs, in this file,
//! wherever the directive stands).
//!
//! **Invariant:** reads comments by their text only (a line whose `errcode:` follows a comment
//! marker); it never parses the language, so it works the same in every language.

use std::ops::Range;

use super::CodePatterns;

/// What one directive says.
#[derive(Debug, Clone)]
pub enum Directive {
    Ignore,
    Expect(CodePatterns),
    Exhaustive,
    IgnoreCode(CodePatterns),
}

/// A directive and where it stands.
#[derive(Debug, Clone)]
pub struct Placed {
    pub directive: Directive,
    /// 0-based line.
    pub line: usize,
}

/// Every directive of a text, and the ones that could not be read.
#[derive(Debug, Clone, Default)]
pub struct Directives {
    /// Directives in the file's leading comments: they apply to the whole file.
    pub file: Vec<Directive>,
    /// All well-formed directives, by line.
    pub placed: Vec<Placed>,
    /// Malformed directives: the range of the directive text and what is wrong.
    pub malformed: Vec<(Range<usize>, String)>,
    /// The text of every directive, well-formed or not (patterns there are not codes).
    pub spans: Vec<Range<usize>>,
    /// 0-based lines that hold only a comment (directives stack above a construct through them).
    comment_lines: Vec<bool>,
}

const MARKER: &str = "errcode:";
/// The directives there are, for messages about one that is not.
const KNOWN: &str = "`ignore`, `ignore-code <codes>`, `expect <patterns>` or `exhaustive`";

impl Directives {
    pub fn parse(text: &str) -> Directives {
        let mut out = Directives::default();
        let mut leading = true;
        let mut offset = 0;
        // Most files hold no directive: one search of the whole text spares a search per line.
        let any = memchr::memmem::find(text.as_bytes(), MARKER.as_bytes()).is_some();
        for (line_number, line) in text.split_inclusive('\n').enumerate() {
            let trimmed = line.trim();
            let is_comment = is_comment_line(trimmed);
            out.comment_lines.push(is_comment);
            if !trimmed.is_empty() && !is_comment && !trimmed.starts_with("#!") {
                leading = false;
            }
            if any && let Some(at) = directive_start(line) {
                let body_start = at + MARKER.len();
                let body = strip_comment_end(&line[body_start..]);
                let range = offset + at..offset + body_start + body.trim_end().len();
                out.spans.push(range.clone());
                match read(body) {
                    Ok(directive) => {
                        if leading {
                            out.file.push(directive.clone());
                        }
                        out.placed.push(Placed { directive, line: line_number });
                    }
                    Err(message) => out.malformed.push((range, message)),
                }
            }
            offset += line.len();
        }
        out
    }

    /// Directives for a construct whose first line is `line`: on that line, or in the run of
    /// comment lines directly above it.
    pub fn for_construct(&self, line: usize) -> impl Iterator<Item = &Directive> {
        let mut first = line;
        while first > 0 && self.comment_lines.get(first - 1).copied().unwrap_or(false) {
            first -= 1;
        }
        self.placed.iter().filter(move |p| p.line >= first && p.line <= line).map(|p| &p.directive)
    }
}

fn is_comment_line(trimmed: &str) -> bool {
    ["//", "#", "/*", "*", "--", "<!--"].iter().any(|m| trimmed.starts_with(m))
}

/// Where `errcode:` starts, when a comment marker precedes it with only spaces between.
fn directive_start(line: &str) -> Option<usize> {
    let at = line.find(MARKER)?;
    let before = line[..at].trim_end();
    let is_comment = ["//", "#", "/*", "*", "--", "///", "//!", "<!--"].iter().any(|m| before.ends_with(m));
    is_comment.then_some(at)
}

fn strip_comment_end(body: &str) -> &str {
    let body = body.trim_end_matches(['\n', '\r']);
    let end = [body.find("*/"), body.find("-->")].into_iter().flatten().min();
    end.map_or(body, |end| &body[..end])
}

fn read(body: &str) -> Result<Directive, String> {
    let body = body.trim();
    let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    match word {
        "ignore" if rest.trim().is_empty() => Ok(Directive::Ignore),
        "ignore" => Err(format!("`errcode: ignore` takes nothing after it (found `{}`)", rest.trim())),
        "exhaustive" if rest.trim().is_empty() => Ok(Directive::Exhaustive),
        "exhaustive" => {
            Err(format!("`errcode: exhaustive` takes nothing after it (found `{}`)", rest.trim()))
        }
        "expect" => {
            let patterns: Vec<String> =
                rest.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
            if patterns.is_empty() {
                return Err("`errcode: expect` needs code patterns, e.g. `errcode: expect AIS.*`".into());
            }
            CodePatterns::new(&patterns).map(Directive::Expect)
        }
        "ignore-code" => {
            let patterns: Vec<String> =
                rest.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
            if patterns.is_empty() {
                return Err("`errcode: ignore-code` needs codes, e.g. `errcode: ignore-code AIS.0117`".into());
            }
            CodePatterns::new(&patterns).map(Directive::IgnoreCode)
        }
        "" => Err(format!("empty `errcode:` directive (expected {KNOWN})")),
        other => Err(format!("unknown `errcode:` directive `{other}` (expected {KNOWN})")),
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(text: &str, expect: Expect) {
        let directives = Directives::parse(text);
        let mut lines = Vec::new();
        for directive in &directives.file {
            lines.push(format!("file: {}", describe(directive)));
        }
        for placed in &directives.placed {
            lines.push(format!("line {}: {}", placed.line, describe(&placed.directive)));
        }
        for (range, message) in &directives.malformed {
            lines.push(format!("malformed {range:?} `{}`: {message}", &text[range.clone()]));
        }
        expect.assert_eq(&lines.join("\n"));
    }

    fn describe(directive: &Directive) -> String {
        match directive {
            Directive::Ignore => "ignore".into(),
            Directive::Expect(patterns) => format!("expect {}", patterns.patterns().join(" ")),
            Directive::Exhaustive => "exhaustive".into(),
            Directive::IgnoreCode(patterns) => format!("ignore-code {}", patterns.patterns().join(" ")),
        }
    }

    #[test]
    fn leading_comments_apply_to_the_file_and_later_ones_to_a_line() {
        check(
            "#!/usr/bin/env python3\n# errcode: expect AIS.01*\nimport x\n    # errcode: ignore\nmatch code:\n",
            expect![[r#"
                file: expect AIS.01*
                line 1: expect AIS.01*
                line 3: ignore"#]],
        );
    }

    #[test]
    fn malformed_directives_are_reported_with_their_range() {
        check(
            "// errcode: ignre\nx = 1 /* errcode: expect */\n// errcode: ignore this\n",
            expect![[r#"
                malformed 3..17 `errcode: ignre`: unknown `errcode:` directive `ignre` (expected `ignore`, `ignore-code <codes>`, `expect <patterns>` or `exhaustive`)
                malformed 27..42 `errcode: expect`: `errcode: expect` needs code patterns, e.g. `errcode: expect AIS.*`
                malformed 49..69 `errcode: ignore this`: `errcode: ignore` takes nothing after it (found `this`)"#]],
        );
    }

    #[test]
    fn exhaustive_marks_the_construct_below() {
        check(
            "x = 1\n# errcode: exhaustive\nmatch code:\n# errcode: exhaustive now\n",
            expect![[r#"
                line 1: exhaustive
                malformed 42..65 `errcode: exhaustive now`: `errcode: exhaustive` takes nothing after it (found `now`)"#]],
        );
    }

    #[test]
    fn ignore_code_is_read_in_every_comment_syntax() {
        check(
            "<!-- errcode: ignore-code AIS.0117 -->\n# errcode: ignore-code APIG.0602, ModelArts.41*\n\
             x = 1 /* errcode: ignore-code AIS.0122 */\n-- errcode: ignore-code\n",
            expect![[r#"
                file: ignore-code AIS.0117
                file: ignore-code APIG.0602 ModelArts.41*
                line 0: ignore-code AIS.0117
                line 1: ignore-code APIG.0602 ModelArts.41*
                line 2: ignore-code AIS.0122
                malformed 132..152 `errcode: ignore-code`: `errcode: ignore-code` needs codes, e.g. `errcode: ignore-code AIS.0117`"#]],
        );
    }

    #[test]
    fn the_marker_outside_a_comment_is_not_a_directive() {
        check("let s = \"errcode: ignore\";\n", expect![""]);
    }
}
