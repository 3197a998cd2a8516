//! Generated catalogs of any size in every format the importers read: native JSON and TOML,
//! Markdown pipe tables, reStructuredText grid tables, and RST pages shaped like real
//! error-code pages (a row-spanning status column, wide cells, bullet lists, codes listed once
//! per status). Shared by the linearity test (`tests/catalog.rs`) and `bench/catalog_load.rs`.
//!
//! Nothing here is copied from a real page: the shapes are reproduced, the words are made up.

#![allow(dead_code)]

/// The code of row `n`: three namespaces, five digits.
pub fn code(n: usize) -> String {
    let namespace = ["SVC", "GW", "DB"][n % 3];
    format!("{namespace}.{:05}", n)
}

fn message(n: usize) -> String {
    let words = ["quota", "token", "bucket", "policy", "region", "image", "tenant"];
    format!("The {} of request {n} is invalid.", words[n % words.len()])
}

/// Native JSON with `rows` entries.
pub fn json(rows: usize) -> String {
    let codes: Vec<serde_json::Value> = (0..rows)
        .map(|n| {
            let status = ["400", "403", "404"][n % 3];
            serde_json::json!({
                "code": code(n),
                "category": format!("Module {}", n % 7),
                "message": message(n),
                "description": format!("Request {n} carries a value the service rejects."),
                "solution": "Check the request and send it again.",
                "status": status,
            })
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "name": "Generated API", "codes": codes }))
        .expect("JSON renders")
}

/// Native TOML with `rows` entries.
pub fn toml(rows: usize) -> String {
    let mut out = String::from("name = \"Generated API\"\n");
    for n in 0..rows {
        out.push_str(&format!(
            "\n[[codes]]\ncode = \"{}\"\ncategory = \"Module {}\"\nmessage = \"{}\"\n\
             description = \"Request {n} carries a value the service rejects.\"\n\
             solution = \"Check the request and send it again.\"\nstatus = {}\n",
            code(n),
            n % 7,
            message(n),
            [400, 403, 404][n % 3]
        ));
    }
    out
}

/// A Markdown page with one pipe table of `rows` codes.
pub fn markdown(rows: usize) -> String {
    let mut out = String::from(
        "# Generated API\n\n| Error Code | Error Message | HTTP Status Code | Description | Handling Measure |\n\
         |---|---|---|---|---|\n",
    );
    for n in 0..rows {
        out.push_str(&format!(
            "| {} | {} | {} | Request {n} carries a value the service rejects. | Check the request.<br>Send it again. |\n",
            code(n),
            message(n),
            ["400", "403", "404"][n % 3]
        ));
    }
    out
}

/// One grid-table row: the lines of each cell, and whether the first column's cell goes on
/// into the next row (a row span).
pub struct GridRow {
    pub cells: Vec<Vec<String>>,
    pub first_spans_on: bool,
}

/// A grid table with the given header, column widths and rows.
pub fn grid(header: &[&str], widths: &[usize], rows: &[GridRow]) -> String {
    let border = |fill: char, spanned_first: bool| {
        let mut line = String::new();
        for (i, &w) in widths.iter().enumerate() {
            if i == 0 && spanned_first {
                line.push('|');
                line.extend(std::iter::repeat_n(' ', w + 2));
            } else {
                line.push('+');
                line.extend(std::iter::repeat_n(fill, w + 2));
            }
        }
        line.push_str("+\n");
        line
    };
    let content = |cells: &[&str]| {
        let mut line = String::new();
        for (cell, &w) in cells.iter().zip(widths) {
            line.push_str(&format!("| {cell:w$} "));
        }
        line.push_str("|\n");
        line
    };
    let mut out = border('-', false);
    out.push_str(&content(header));
    out.push_str(&border('=', false));
    for row in rows {
        let height = row.cells.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let cells: Vec<&str> = row.cells.iter().map(|c| c.get(i).map_or("", String::as_str)).collect();
            out.push_str(&content(&cells));
        }
        out.push_str(&border('-', row.first_spans_on));
    }
    out
}

/// An RST page with one plain grid table of `rows` codes (category, code, message,
/// description, solution).
pub fn rst(rows: usize) -> String {
    let header = ["Category", "Error Code", "Error Message", "Description", "Solution"];
    let widths = [10, 12, 44, 52, 40];
    let rows: Vec<GridRow> = (0..rows)
        .map(|n| GridRow {
            cells: vec![
                vec![format!("Module {}", n % 7)],
                vec![code(n)],
                vec![message(n)],
                vec![format!("Request {n} carries a value the service rejects.")],
                vec!["Check the request and send it again.".into()],
            ],
            first_spans_on: false,
        })
        .collect();
    format!("Generated API\n=============\n\n{}", grid(&header, &widths, &rows))
}

/// An RST error-code page: `Status Code | Error Codes | Error Message | Description |
/// Solution`, the status cell spanning the rows of its status, one code in twelve listed again
/// under the next status with other text, one line per cell.
pub fn rst_page(rows: usize) -> String {
    page(rows, false)
}

/// [`rst_page`] shaped like the largest real page (864 rows, about 1.2 MB): wide cells whose
/// text wraps over several lines, and a bullet list in every solution.
pub fn rst_real_page(rows: usize) -> String {
    page(rows, true)
}

fn page(rows: usize, wide: bool) -> String {
    let header = ["Status Code", "Error Codes", "Error Message", "Description", "Solution"];
    let widths = if wide { [11, 14, 60, 60, 90] } else { [11, 14, 40, 56, 38] };
    let statuses = ["400", "401", "403", "404", "409", "500"];
    let per_status = rows.div_ceil(statuses.len()).max(1);
    let wrap = |text: String, width: usize| -> Vec<String> {
        let mut lines = vec![String::new()];
        for word in text.split(' ') {
            let last = lines.last_mut().expect("one line at least");
            if !last.is_empty() && last.len() + 1 + word.len() > width {
                lines.push(word.to_owned());
            } else {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(word);
            }
        }
        lines
    };
    let rows: Vec<GridRow> = (0..rows)
        .map(|n| {
            let status = n / per_status;
            let first_of_status = n % per_status == 0;
            let last_of_status = n % per_status == per_status - 1 || n + 1 == rows;
            // Every twelfth row repeats the code of the row twelve back, under another status.
            let code_n = if n % 12 == 11 && n >= per_status { n - per_status } else { n };
            if !wide {
                return GridRow {
                    cells: vec![
                        if first_of_status { vec![statuses[status % statuses.len()].into()] } else { vec![] },
                        vec![code(code_n)],
                        vec![message(n)],
                        vec![format!("Request {n} carries a value the service rejects.")],
                        vec!["Check the request and send it again.".into()],
                    ],
                    first_spans_on: !last_of_status,
                };
            }
            let long = format!(
                "{} The request {n} was refused because one of its parameters does not meet the \
                 constraints the service documents for this operation, or the account lacks the \
                 permission the operation needs.",
                message(n)
            );
            let mut solution = wrap(
                "Check the following and send the request again after correcting it; if the problem \
                 persists, contact technical support with the request ID:"
                    .into(),
                90,
            );
            solution.push(String::new());
            solution.push("-  The parameter values match the types and ranges in the API reference.".into());
            solution.push("-  The token is valid and belongs to the project of the resource.".into());
            solution.push("-  The resource exists in the region the endpoint serves.".into());
            GridRow {
                cells: vec![
                    if first_of_status { vec![statuses[status % statuses.len()].into()] } else { vec![] },
                    vec![code(code_n)],
                    wrap(message(n), 60),
                    wrap(long, 60),
                    solution,
                ],
                first_spans_on: !last_of_status,
            }
        })
        .collect();
    format!("Error Codes\n===========\n\n{}", grid(&header, &widths, &rows))
}

/// CPU time of the calling thread: on a busy machine, wall time mostly measures waiting for a
/// core, and waits grow with a run's length, which would look like a superlinear cost.
#[cfg(unix)]
pub fn thread_cpu_time() -> std::time::Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `now` is a valid timespec to write into; the clock id is a constant.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    std::time::Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Without a thread CPU clock, wall time.
#[cfg(not(unix))]
pub fn thread_cpu_time() -> std::time::Duration {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}
