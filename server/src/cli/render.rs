//! Terminal output: Markdown from catalogs rendered as wrapped text, bold where the terminal
//! shows it.

use std::io::Write;

use anstyle::{AnsiColor, Style};

pub const BOLD: Style = Style::new().bold();
pub const DIM: Style = Style::new().dimmed();
pub const WARNING: Style = AnsiColor::Yellow.on_default().bold();
pub const INFO: Style = AnsiColor::Blue.on_default().bold();
pub const ERROR: Style = AnsiColor::Red.on_default().bold();

/// The width text is wrapped to: the terminal's, capped for readability.
pub fn width() -> usize {
    textwrap::termwidth().clamp(40, 100)
}

/// Prints an information message on stderr.
pub fn info(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{INFO}information{INFO:#}: {message}");
}

/// Prints a warning on stderr.
pub fn warn(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{WARNING}warning{WARNING:#}: {message}");
}

/// Prints a note on stderr (something to know, nothing wrong).
pub fn note(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{DIM}note{DIM:#}: {message}");
}

/// Renders catalog Markdown for a terminal: paragraphs wrapped and indented by `indent`, list
/// items hanging, `**bold**` shown bold (anstream drops the styling when output is not a
/// terminal).
pub fn markdown(text: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut bold = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            out.push('\n');
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        let marker_len = list_marker_len(body);
        let first = format!("{indent}{}", &line[..lead + marker_len]);
        let rest = format!("{indent}{}", " ".repeat(lead + marker_len));
        let options = textwrap::Options::new(width).initial_indent(&first).subsequent_indent(&rest);
        for wrapped in textwrap::wrap(&body[marker_len..], options) {
            out.push_str(&emphasis(&wrapped, &mut bold));
            out.push('\n');
        }
    }
    out
}

fn list_marker_len(line: &str) -> usize {
    if line.starts_with("- ") || line.starts_with("* ") {
        return 2;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && line[digits..].starts_with(". ") { digits + 2 } else { 0 }
}

/// `**x**` → bold x. `bold` carries the state across wrapped lines; styling is reset at each
/// line end and restored at the next line's start.
fn emphasis(line: &str, bold: &mut bool) -> String {
    let mut out = String::with_capacity(line.len());
    if *bold {
        out.push_str(&format!("{BOLD}"));
    }
    let mut rest = line;
    while let Some(i) = rest.find("**") {
        out.push_str(&rest[..i]);
        out.push_str(&if *bold { format!("{BOLD:#}") } else { format!("{BOLD}") });
        *bold = !*bold;
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    if *bold {
        out.push_str(&format!("{BOLD:#}"));
    }
    out
}
