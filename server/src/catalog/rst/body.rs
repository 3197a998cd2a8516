//! Cell bodies: a table cell's lines read as a small reStructuredText document (paragraphs,
//! bullet and enumerated lists, literal blocks, block quotes, admonitions such as `.. note::`)
//! and rendered as Markdown, with inline markup and backslash escapes resolved as docutils
//! resolves them.
//!
//! Owns no table structure and no positions: every table form hands its cells' text here.

/// Converts a cell (or any small RST body) to Markdown: paragraphs separated by blank lines,
/// lists kept as lists, admonitions as block quotes headed by their title, inline markup
/// translated. Lines carry no trailing whitespace.
pub fn body_to_markdown(lines: &[&str]) -> String {
    let rendered = match plain_paragraphs(lines) {
        Some(rendered) => rendered,
        None => {
            let owned: Vec<String> = lines.iter().map(|l| l.trim_end().to_owned()).collect();
            render_blocks(&parse_blocks(&owned), "")
        }
    };
    let mut out = String::with_capacity(rendered.len());
    for (n, line) in rendered.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(line.trim_end());
    }
    out
}

/// Most cells are paragraphs and nothing else: when no line is indented, starts a list or is
/// explicit markup, the blocks [`parse_blocks`] would find are the runs of non-blank lines, each
/// joined with spaces, rendered as [`render_blocks`] would render them, without building them.
fn plain_paragraphs(lines: &[&str]) -> Option<String> {
    let mut out = String::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, out: &mut String| {
        if !paragraph.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&inline_to_markdown(paragraph));
            paragraph.clear();
        }
    };
    let mut in_paragraph = false;
    for line in lines {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush(&mut paragraph, &mut out);
            in_paragraph = false;
            continue;
        }
        if indent_of(line) > 0 || line == ".." || line.starts_with(".. ") || list_marker(line).is_some() {
            return None;
        }
        if in_paragraph {
            paragraph.push(' ');
        }
        paragraph.push_str(line.trim());
        in_paragraph = true;
    }
    flush(&mut paragraph, &mut out);
    Some(out)
}

/// Converts RST inline markup to Markdown: `**b**` and `*i*` stay, ``` ``lit`` ``` becomes
/// `` `lit` ``, roles and references keep their visible text, escapes are resolved
/// (`4\ *xx*` → `4*xx*`, `\*` → `*`).
pub fn inline_to_markdown(text: &str) -> String {
    // Without a backslash, a star or a backquote nothing can open markup or escape: most cells
    // of real pages are plain sentences, and this keeps them from costing a pass per character.
    if !text.contains(['\\', '*', '`']) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some(next) if next.is_whitespace() => i += 2,
                Some(&next) => {
                    out.push(next);
                    i += 2;
                }
                None => i += 1,
            }
            continue;
        }
        // An escaped space before markup still opens it (`4\ *xx*`).
        let starts_markup = i == 0
            || is_markup_opener(chars[i - 1])
            || (i >= 2 && chars[i - 2] == '\\' && chars[i - 1] == ' ');
        if starts_markup {
            if let Some((rendered, next)) = inline_markup_at(&chars, i) {
                out.push_str(&rendered);
                i = next;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Removes backslash escapes the way docutils does for the text of emphasis, strong and most
/// roles: `\x` is `x`, an escaped whitespace character disappears.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(next) if next.is_whitespace() => {}
            Some(next) => out.push(next),
            None => {}
        }
    }
    out
}

/// A block of a cell's body.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Paragraph(String),
    BulletList(Vec<Vec<Block>>),
    EnumeratedList(Vec<Vec<Block>>),
    Literal(String),
    Quote(Vec<Block>),
    /// `.. note::` and its kin: the title shown (`Note`) and the body.
    Admonition(String, Vec<Block>),
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The width of a list marker at the start of `line` (marker plus following spaces), if any.
fn list_marker(line: &str) -> Option<(bool, usize)> {
    let bytes = line.as_bytes();
    let (bulleted, marker_len) = match bytes.first()? {
        b'-' | b'*' | b'+' => (true, 1),
        _ if line.starts_with('•') => (true, '•'.len_utf8()),
        b'#' if bytes.get(1) == Some(&b'.') => (false, 2),
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if !matches!(bytes.get(digits), Some(b'.') | Some(b')')) {
                return None;
            }
            (false, digits + 1)
        }
        _ => return None,
    };
    match &line[marker_len..] {
        "" => Some((bulleted, marker_len + 1)),
        rest if rest.starts_with(' ') => Some((bulleted, marker_len + indent_of(rest))),
        _ => None,
    }
}

/// The title docutils (and Sphinx) give an admonition directive.
fn admonition_title(name: &str) -> Option<&'static str> {
    Some(match name {
        "note" => "Note",
        "important" => "Important",
        "warning" => "Warning",
        "caution" => "Caution",
        "tip" => "Tip",
        "hint" => "Hint",
        "attention" => "Attention",
        "danger" => "Danger",
        "error" => "Error",
        "seealso" => "See also",
        _ => return None,
    })
}

/// An explicit markup block (`.. name:: argument`, `.. _target:`, `.. comment`) at line `i`:
/// the blocks it renders to (none for targets, comments and directives without visible text)
/// and the line after it.
fn explicit_markup(lines: &[String], i: usize) -> (Vec<Block>, usize) {
    let first = &lines[i];
    let end = block_end(lines, i + 1, 1);
    let rest = first[2..].trim_start();
    let Some((name, after)) = directive_name(rest) else {
        return (Vec::new(), end);
    };
    // The directive block: the text after `::`, then the indented lines below it.
    let mut block = vec![after.trim().to_owned()];
    block.extend(dedent(&lines[i + 1..end]));
    let (argument_lines, content) = match block.iter().position(|l| l.trim().is_empty()) {
        Some(blank) => (block[..blank].to_vec(), block[blank + 1..].to_vec()),
        None => (block.clone(), Vec::new()),
    };
    // Options (`:class:`, `:name:`) change nothing visible.
    let (_, argument_lines) = split_options(&argument_lines);
    let rendered = if let Some(title) = admonition_title(&name) {
        // These directives take no argument: text on the directive line is the body's start.
        let mut body = argument_lines;
        if !content.is_empty() {
            body.push(String::new());
            body.extend(content);
        }
        vec![Block::Admonition(title.to_owned(), parse_blocks(&body))]
    } else if name == "admonition" {
        let title = argument_lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        vec![Block::Admonition(inline_to_markdown(&title), parse_blocks(&content))]
    } else if matches!(name.as_str(), "code-block" | "code" | "sourcecode") {
        vec![Block::Literal(trim_blank_lines(&content).join("\n"))]
    } else {
        Vec::new()
    };
    (rendered, end)
}

/// `name:: rest` → (`name`, `rest`) when `rest` starts a directive.
fn directive_name(text: &str) -> Option<(String, &str)> {
    let end = text.find("::")?;
    let name = &text[..end];
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | ':' | '.'));
    valid.then(|| (name.to_ascii_lowercase(), &text[end + 2..]))
}

/// Leading `:name: value` lines of a directive block (its options), and the lines left.
fn split_options(lines: &[String]) -> (Vec<String>, Vec<String>) {
    let first_text = lines.first().is_some_and(|l| !l.trim().is_empty());
    let start = usize::from(first_text);
    let mut end = start;
    while end < lines.len() && is_option_line(&lines[end]) {
        end += 1;
    }
    if end == start {
        return (Vec::new(), lines.to_vec());
    }
    let mut rest: Vec<String> = lines[..start].to_vec();
    rest.extend_from_slice(&lines[end..]);
    (lines[start..end].to_vec(), rest)
}

fn is_option_line(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with(':') && line[1..].find(':').is_some_and(|end| end > 0)
}

fn parse_blocks(lines: &[String]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        if indent_of(line) > 0 {
            // An indented block is a block quote (or a literal block after `::`).
            let end = block_end(lines, i, 1);
            let inner: Vec<String> = dedent(&lines[i..end]);
            if let Some(Block::Paragraph(p)) = blocks.last_mut() {
                if p.ends_with("::") {
                    if p == "::" {
                        blocks.pop();
                    } else {
                        p.truncate(p.len() - if p.ends_with(" ::") { 3 } else { 1 });
                    }
                    blocks.push(Block::Literal(trim_blank_lines(&inner).join("\n")));
                    i = end;
                    continue;
                }
            }
            blocks.push(Block::Quote(parse_blocks(&inner)));
            i = end;
            continue;
        }
        if line == ".." || line.starts_with(".. ") {
            let (rendered, end) = explicit_markup(lines, i);
            blocks.extend(rendered);
            i = end;
            continue;
        }
        if let Some((bulleted, _)) = list_marker(line) {
            let mut items = Vec::new();
            while i < lines.len() {
                let Some((same_kind, width)) = list_marker(&lines[i]) else {
                    break;
                };
                if same_kind != bulleted {
                    break;
                }
                let end = block_end(lines, i + 1, width);
                let mut item = vec![lines[i].get(width..).unwrap_or("").to_owned()];
                item.extend(lines[i + 1..end].iter().map(|l| l.get(width..).unwrap_or("").to_owned()));
                items.push(parse_blocks(&item));
                i = end;
                // Blank lines between items are allowed; anything else ends the list.
                let mut j = i;
                while j < lines.len() && lines[j].trim().is_empty() {
                    j += 1;
                }
                if j < lines.len() && list_marker(&lines[j]).is_some_and(|(b, _)| b == bulleted) {
                    i = j;
                } else {
                    break;
                }
            }
            blocks.push(if bulleted { Block::BulletList(items) } else { Block::EnumeratedList(items) });
            continue;
        }
        let start = i;
        while i < lines.len() && !lines[i].trim().is_empty() && (i == start || indent_of(&lines[i]) == 0) {
            i += 1;
        }
        let text = lines[start..i].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ");
        blocks.push(Block::Paragraph(text));
    }
    blocks
}

/// One past the last line of a block whose continuation lines are indented by at least
/// `indent` (blank lines included, trailing blank lines excluded).
fn block_end(lines: &[String], from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut last_content = from;
    while end < lines.len() {
        let line = &lines[end];
        if line.trim().is_empty() {
            end += 1;
            continue;
        }
        if indent_of(line) < indent {
            break;
        }
        end += 1;
        last_content = end;
    }
    last_content
}

fn dedent(lines: &[String]) -> Vec<String> {
    let indent = lines.iter().filter(|l| !l.trim().is_empty()).map(|l| indent_of(l)).min().unwrap_or(0);
    lines.iter().map(|l| l.get(indent..).unwrap_or("").to_owned()).collect()
}

fn trim_blank_lines(lines: &[String]) -> Vec<String> {
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(start, |e| e + 1);
    lines[start..end].to_vec()
}

fn render_blocks(blocks: &[Block], indent: &str) -> String {
    let rendered: Vec<String> = blocks.iter().map(|b| render_block(b, indent)).collect();
    rendered.join(&format!("\n{indent}\n{indent}"))
}

fn render_block(block: &Block, indent: &str) -> String {
    match block {
        Block::Paragraph(text) => inline_to_markdown(text),
        Block::Literal(text) => {
            let body = text.replace('\n', &format!("\n{indent}"));
            format!("```\n{indent}{body}\n{indent}```")
        }
        Block::Quote(inner) => {
            let inner_indent = format!("{indent}> ");
            format!("> {}", render_blocks(inner, &inner_indent))
        }
        Block::Admonition(title, inner) => {
            let inner_indent = format!("{indent}> ");
            let mut out = format!("> **{title}**");
            if !inner.is_empty() {
                out.push_str(&format!(
                    "\n{inner_indent}\n{inner_indent}{}",
                    render_blocks(inner, &inner_indent)
                ));
            }
            out
        }
        Block::BulletList(items) | Block::EnumeratedList(items) => {
            let bulleted = matches!(block, Block::BulletList(_));
            items
                .iter()
                .enumerate()
                .map(|(n, item)| {
                    let marker = if bulleted { "- ".to_owned() } else { format!("{}. ", n + 1) };
                    let inner_indent = format!("{indent}{}", " ".repeat(marker.len()));
                    format!("{marker}{}", render_blocks(item, &inner_indent))
                })
                .collect::<Vec<_>>()
                .join(&format!("\n{indent}"))
        }
    }
}

fn is_markup_opener(prev: char) -> bool {
    prev.is_whitespace() || matches!(prev, '(' | '[' | '{' | '<' | '\'' | '"' | '-' | '/' | ':' | '\u{0}')
}

/// Inline markup starting at `i`: its Markdown rendering and the index after it.
fn inline_markup_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let rest = &chars[i..];
    let starts = |s: &str| rest.iter().copied().take(s.chars().count()).eq(s.chars());
    if starts("**") {
        let (inner, next) = closed_by(chars, i + 2, "**")?;
        return Some((format!("**{}**", unescape(&inner)), next));
    }
    if starts("``") {
        let (inner, next) = closed_by(chars, i + 2, "``")?;
        return Some((format!("`{inner}`"), next));
    }
    if starts(":") {
        // :role:`text` or :role:`text <target>`
        let name_len = rest[1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
            .count();
        let after = 1 + name_len;
        if name_len >= 2 && rest.get(after - 1) == Some(&':') && rest.get(after) == Some(&'`') {
            let role: String = rest[1..after - 1].iter().collect();
            let (inner, next) = closed_by(chars, i + after + 1, "`")?;
            let rendered = match role.as_str() {
                // `:code:` keeps its backslashes, as docutils does.
                "code" => format!("`{inner}`"),
                "literal" | "command" | "file" | "samp" => format!("`{}`", unescape(&inner)),
                "strong" => format!("**{}**", unescape(&inner)),
                "emphasis" => format!("*{}*", unescape(&inner)),
                _ => unescape(&reference_text(&inner)),
            };
            return Some((rendered, next));
        }
        return None;
    }
    if starts("`") {
        let (inner, mut next) = closed_by(chars, i + 1, "`")?;
        if chars.get(next) == Some(&'_') {
            next += 1;
            if chars.get(next) == Some(&'_') {
                next += 1;
            }
            return Some((hyperlink(&inner), next));
        }
        return Some((format!("*{}*", unescape(&inner)), next));
    }
    if starts("*") {
        let (inner, next) = closed_by(chars, i + 1, "*")?;
        return Some((format!("*{}*", unescape(&inner)), next));
    }
    None
}

/// Finds `end` closing markup opened just before `from`: content must not start or end with
/// whitespace, and the closer must be followed by whitespace, punctuation or the end.
fn closed_by(chars: &[char], from: usize, end: &str) -> Option<(String, usize)> {
    let end: Vec<char> = end.chars().collect();
    if chars.get(from).is_none_or(|c| c.is_whitespace()) {
        return None;
    }
    let mut j = from + 1;
    while j + end.len() <= chars.len() {
        if chars[j..j + end.len()] == end[..] && !chars[j - 1].is_whitespace() && chars[j - 1] != '\\' {
            let after = chars.get(j + end.len());
            if after.is_none_or(|c| c.is_whitespace() || (c.is_ascii_punctuation() && *c != end[0])) {
                return Some((chars[from..j].iter().collect(), j + end.len()));
            }
        }
        j += 1;
    }
    None
}

/// `Endpoint <ocr_03_0062>` → `Endpoint`.
fn reference_text(inner: &str) -> String {
    match (inner.rfind('<'), inner.ends_with('>')) {
        (Some(open), true) if open > 0 => inner[..open].trim_end().to_owned(),
        _ => inner.to_owned(),
    }
}

/// `` `text <https://…>`_ `` → `[text](https://…)`; a reference to a local target keeps its text.
fn hyperlink(inner: &str) -> String {
    let text = unescape(&reference_text(inner));
    match (inner.rfind('<'), inner.ends_with('>')) {
        (Some(open), true) if open > 0 && inner[open + 1..].contains("://") => {
            format!("[{text}]({})", &inner[open + 1..inner.len() - 1])
        }
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_markup_becomes_markdown() {
        assert_eq!(inline_to_markdown("**true** or **false**"), "**true** or **false**");
        assert_eq!(inline_to_markdown("see :ref:`Endpoint <ocr_03_0062>`."), "see Endpoint.");
        assert_eq!(inline_to_markdown("use ``curl``"), "use `curl`");
        assert_eq!(inline_to_markdown("`docs <https://example.com>`_"), "[docs](https://example.com)");
        assert_eq!(inline_to_markdown("a*b and 2 * 3"), "a*b and 2 * 3");
    }

    #[test]
    fn escapes_are_removed_as_docutils_removes_them() {
        assert_eq!(inline_to_markdown("4\\ *xx* or 5\\ *xx*"), "4*xx* or 5*xx*");
        assert_eq!(inline_to_markdown("a \\* b"), "a * b");
        assert_eq!(inline_to_markdown(":strong:`i\\*j` *g\\*h*"), "**i*j** *g*h*");
        assert_eq!(inline_to_markdown(":code:`a\\\\b` ``e\\f``"), "`a\\\\b` `e\\f`");
    }

    #[test]
    fn bodies_keep_paragraphs_and_lists() {
        let body = ["Check:", "", "-  one", "   continued", "-  two", "", "After."];
        expect_test::expect![[r#"
            Check:

            - one continued
            - two

            After."#]]
        .assert_eq(&body_to_markdown(&body));
    }

    #[test]
    fn admonitions_become_titled_quotes() {
        let body = ["Retry later.", "", ".. note::", "", "   Quotas reset hourly.", "", "   Ask support."];
        expect_test::expect![[r#"
            Retry later.

            > **Note**
            >
            > Quotas reset hourly.
            >
            > Ask support."#]]
        .assert_eq(&body_to_markdown(&body));
    }
}
