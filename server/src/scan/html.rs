//! A scan as one self-contained HTML page: a chart of the top codes over time, the per-code
//! table with each code's message and solution, and the unknown codes. No script and nothing
//! fetched: the chart is SVG drawn here, so the page opens anywhere, offline, and can be mailed.
//! The chart's numbers are also embedded as JSON (`<script type="application/json"
//! id="timeline-data">`) for whoever wants to redraw them.
//!
//! **Invariant:** text in, text out: the caller scans, chooses the bucket and writes the file.

use std::fmt::Write as _;

use serde::Serialize;

use super::timeline::{Timeline, auto_bucket};
use super::timestamp::format_rfc3339;
use super::{Code, Pos, Row, Tally};
use crate::catalog::Catalog;

/// Codes drawn in the chart; the table lists them all.
pub const TOP_CODES: usize = 8;

/// The chart's buckets when the user asks for `auto`: about a screen's width of points.
pub const AUTO_BUCKETS: i64 = 120;

/// Colours of the chart's lines, told apart in print and by most colour-blind readers.
const PALETTE: [&str; TOP_CODES] =
    ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#999999"];

/// What the page describes.
pub struct Page<'a> {
    pub catalog: &'a Catalog,
    /// Input names in the order of [`Pos::source`].
    pub inputs: &'a [String],
    pub tally: &'a Tally,
    /// Bucket size in seconds; `None` chooses one from the time span.
    pub bucket: Option<i64>,
}

/// The chart's numbers.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct ChartData {
    pub bucket_seconds: i64,
    /// Each bucket's start, RFC 3339.
    pub starts: Vec<String>,
    pub series: Vec<Series>,
    /// Lines counted before any timestamp.
    pub untimed: u64,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Series {
    pub code: String,
    pub counts: Vec<u64>,
}

/// The code as the report writes it.
pub fn code_text<'c>(catalog: &'c Catalog, code: &'c Code) -> &'c str {
    match code {
        Code::Known(id) => catalog.entry(*id).code.as_str(),
        Code::Unknown(code) | Code::Foreign(code) => code.as_str(),
    }
}

/// The top codes of `timeline` per bucket.
pub fn chart_data(catalog: &Catalog, timeline: &Timeline<Code>, bucket: Option<i64>) -> ChartData {
    let span = timeline.span().map_or(0, |(first, last)| last - first);
    let bucket_seconds = bucket.unwrap_or_else(|| auto_bucket(span, AUTO_BUCKETS));
    let buckets = timeline.buckets(bucket_seconds);
    let mut totals: Vec<(&Code, u64)> = Vec::new();
    for (_, counts) in &buckets {
        for (code, count) in counts {
            match totals.iter_mut().find(|(c, _)| *c == code) {
                Some((_, total)) => *total += count,
                None => totals.push((code, *count)),
            }
        }
    }
    // Most lines first; ties in the code's order, so the chart is the same on every run.
    totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| code_text(catalog, a.0).cmp(code_text(catalog, b.0))));
    let series = totals
        .iter()
        .take(TOP_CODES)
        .map(|(code, _)| Series {
            code: code_text(catalog, code).to_owned(),
            counts: buckets.iter().map(|(_, counts)| counts.get(*code).copied().unwrap_or(0)).collect(),
        })
        .collect();
    ChartData {
        bucket_seconds,
        starts: buckets.iter().map(|(start, _)| format_rfc3339(*start)).collect(),
        series,
        untimed: timeline.untimed().values().sum(),
    }
}

/// The whole page.
pub fn page(page: &Page<'_>) -> String {
    let rows = page.tally.rows();
    let total: u64 = rows.iter().map(|r| r.stat.lines).sum();
    let mut out = String::new();
    let title = match page.inputs {
        [one] => format!("Error codes in {one}"),
        many => format!("Error codes in {} inputs", many.len()),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    let _ = writeln!(
        out,
        "<p class=\"summary\">{} lines scanned; {} distinct codes on {} lines.</p>",
        page.tally.lines,
        rows.len(),
        total
    );
    if let Some(timeline) = &page.tally.timeline {
        let data = chart_data(page.catalog, timeline, page.bucket);
        chart(&mut out, &data);
    }
    let (known, other): (Vec<&Row>, Vec<&Row>) = rows.iter().partition(|r| matches!(r.code, Code::Known(_)));
    out.push_str("<h2>Codes of the catalog</h2>\n");
    table(&mut out, page, &known, true);
    out.push_str("<h2>Unknown codes</h2>\n");
    table(&mut out, page, &other, false);
    out.push_str("</body>\n</html>\n");
    out
}

/// The SVG chart and its data.
fn chart(out: &mut String, data: &ChartData) {
    const WIDTH: f64 = 960.0;
    const HEIGHT: f64 = 320.0;
    const LEFT: f64 = 56.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 16.0;
    const BOTTOM: f64 = 40.0;
    let json = serde_json::to_string(data).unwrap_or_default().replace("</", "<\\/");
    let _ = writeln!(out, "<h2>Over time</h2>");
    let _ = writeln!(out, "<script type=\"application/json\" id=\"timeline-data\">{json}</script>");
    if data.starts.is_empty() {
        let _ = writeln!(out, "<p class=\"note\">No line had a timestamp, so there is nothing to draw.</p>");
        return;
    }
    let max = data.series.iter().flat_map(|s| s.counts.iter().copied()).max().unwrap_or(0).max(1);
    let n = data.starts.len();
    let x = |i: usize| LEFT + (WIDTH - LEFT - RIGHT) * if n > 1 { i as f64 / (n - 1) as f64 } else { 0.5 };
    let y = |v: u64| TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - v as f64 / max as f64);
    let _ = writeln!(
        out,
        "<svg id=\"timeline-chart\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         data-bucket-seconds=\"{}\" data-buckets=\"{n}\" data-max=\"{max}\">",
        data.bucket_seconds
    );
    let _ = writeln!(
        out,
        "<title>Lines per {} of the top codes, UTC</title>",
        escape(&bucket_name(data.bucket_seconds))
    );
    // Axes, the count at the top and the first, middle and last times.
    let (bottom, right) = (HEIGHT - BOTTOM, WIDTH - RIGHT);
    let _ = writeln!(out, "<path class=\"axis\" d=\"M{LEFT} {TOP} V{bottom} H{right}\"/>");
    let _ = writeln!(
        out,
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{max}</text>",
        LEFT - 6.0,
        TOP + 4.0
    );
    let _ = writeln!(
        out,
        "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">0</text>",
        LEFT - 6.0,
        bottom
    );
    let mut ticks = vec![0, n / 2, n - 1];
    ticks.dedup();
    for i in ticks {
        // The first and last labels stay inside the chart.
        let anchor = match i {
            0 if n > 1 => "start",
            i if i == n - 1 && n > 1 => "end",
            _ => "middle",
        };
        let _ = writeln!(
            out,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            x(i),
            HEIGHT - 14.0,
            escape(&minute(&data.starts[i]))
        );
    }
    for (series, colour) in data.series.iter().zip(PALETTE) {
        let points: Vec<String> =
            series.counts.iter().enumerate().map(|(i, &v)| format!("{:.1},{:.1}", x(i), y(v))).collect();
        let counts: Vec<String> = series.counts.iter().map(u64::to_string).collect();
        let _ = writeln!(
            out,
            "<polyline class=\"series\" data-code=\"{}\" data-counts=\"{}\" stroke=\"{colour}\" points=\"{}\">\
             <title>{}: {} lines</title></polyline>",
            escape(&series.code),
            counts.join(","),
            points.join(" "),
            escape(&series.code),
            series.counts.iter().sum::<u64>()
        );
    }
    out.push_str("</svg>\n<ul class=\"legend\">\n");
    for (series, colour) in data.series.iter().zip(PALETTE) {
        let _ = writeln!(
            out,
            "<li><span class=\"swatch\" style=\"background:{colour}\"></span><code>{}</code></li>",
            escape(&series.code)
        );
    }
    out.push_str("</ul>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">Buckets of {}, from {} to {} UTC; a line without a timestamp counts at the \
         last one before it.{}</p>",
        escape(&bucket_name(data.bucket_seconds)),
        escape(&data.starts.first().map(|s| minute(s)).unwrap_or_default()),
        escape(&data.starts.last().map(|s| minute(s)).unwrap_or_default()),
        if data.untimed > 0 {
            format!(" Lines before the first timestamp, not drawn: {}.", data.untimed)
        } else {
            String::new()
        }
    );
}

/// `2026-03-07 10:40` for a bucket start written `2026-03-07T10:40:00Z`.
fn minute(rfc3339: &str) -> String {
    rfc3339.replacen('T', " ", 1).trim_end_matches(":00Z").to_owned()
}

/// `5 minutes`, `1 hour`.
fn bucket_name(seconds: i64) -> String {
    let (n, unit) = match seconds {
        s if s % 86_400 == 0 => (s / 86_400, "day"),
        s if s % 3600 == 0 => (s / 3600, "hour"),
        s => (s / 60, "minute"),
    };
    if n == 1 { unit.to_owned() } else { format!("{n} {unit}s") }
}

fn table(out: &mut String, page: &Page<'_>, rows: &[&Row], known: bool) {
    if rows.is_empty() {
        out.push_str("<p class=\"note\">None.</p>\n");
        return;
    }
    let id = if known { "codes" } else { "unknown-codes" };
    let _ =
        write!(out, "<table id=\"{id}\">\n<thead><tr><th>Code</th><th>Lines</th><th>First</th><th>Last</th>");
    out.push_str(if known { "<th>Message</th><th>Solution</th>" } else { "<th>Kind</th>" });
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        let code = code_text(page.catalog, &row.code);
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td>{}</td><td>{}</td>",
            escape(code),
            row.stat.lines,
            escape(&position(page.inputs, row.stat.first)),
            escape(&position(page.inputs, row.stat.last))
        );
        match &row.code {
            Code::Known(id) => {
                let entry = page.catalog.entry(*id);
                let _ =
                    write!(out, "<td>{}</td><td>{}</td>", escape(&entry.message), escape(&entry.solution));
            }
            Code::Unknown(_) => out.push_str("<td>a known namespace, not in the catalog</td>"),
            Code::Foreign(_) => out.push_str("<td>an error body's code of no known namespace</td>"),
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn position(inputs: &[String], pos: Pos) -> String {
    match inputs {
        [_] => format!("line {}", pos.line),
        _ => format!("{}:{}", inputs.get(pos.source as usize).map_or("?", String::as_str), pos.line),
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:1000px;\
padding:0 1rem;color:#1b1b1b;background:#fff}h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}\
code{font-family:ui-monospace,monospace}table{border-collapse:collapse;width:100%}\
th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}\
td.n{text-align:right;font-variant-numeric:tabular-nums}.note,.summary{color:#555}\
svg{width:100%;height:auto}.axis{fill:none;stroke:#888}.tick{font-size:11px;fill:#555}\
.series{fill:none;stroke-width:2}.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;\
gap:.5rem 1.25rem}.swatch{display:inline-block;width:.9rem;height:.9rem;margin-right:.35rem;\
vertical-align:-.1rem}";
