//! `scan --timeline` and `scan --html`: the bucket argument, the timeline as a terminal table,
//! and the report written to its file.
//!
//! **Invariant:** presentation and IO only; the counting is [`crate::scan::Timeline`]'s and the
//! page is [`crate::scan::html`]'s.

use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;

use super::render::{BOLD, DIM};
use crate::scan::html::{ChartData, TOP_CODES};
use crate::scan::timeline::parse_bucket;
use crate::scan::timestamp::{Clock, format_minute, timestamp, year_of};

/// Buckets a terminal shows at most when the size is `auto`.
const TEXT_BUCKETS: usize = 48;

/// `--bucket`: a size in seconds, or `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketArg {
    Auto,
    Seconds(i64),
}

impl BucketArg {
    /// The size, `None` for the chart to choose.
    pub fn seconds(self) -> Option<i64> {
        match self {
            BucketArg::Auto => None,
            BucketArg::Seconds(s) => Some(s),
        }
    }
}

pub fn parse_bucket_arg(text: &str) -> Result<BucketArg, String> {
    if text == "auto" {
        return Ok(BucketArg::Auto);
    }
    parse_bucket(text)
        .map(BucketArg::Seconds)
        .ok_or_else(|| format!("`{text}` is not a bucket size: use `auto` or a whole number of minutes such as `1m`, `5m`, `1h`, `1d`"))
}

/// How this run reads timestamps: syslog lines, which carry no year, are of `syslog_year`, else
/// of the current year.
pub fn clock(syslog_year: Option<i64>) -> Clock {
    let now = || {
        let seconds =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        year_of(i64::try_from(seconds).unwrap_or(0))
    };
    Clock { year: syslog_year.unwrap_or_else(now) }
}

/// The timeline as a table: one row per bucket, one column per top code.
pub fn print_text(chart: &ChartData) -> anyhow::Result<()> {
    let mut out = anstream::stdout().lock();
    writeln!(out)?;
    if chart.starts.is_empty() {
        writeln!(out, "{BOLD}Over time{BOLD:#}: no line had a timestamp")?;
        return Ok(());
    }
    // `auto` chose buckets for a chart; a terminal wants fewer rows.
    let step = chart.starts.len().div_ceil(TEXT_BUCKETS).max(1);
    let minutes = chart.bucket_seconds * step as i64 / 60;
    writeln!(
        out,
        "{BOLD}Over time{BOLD:#} (lines per {} UTC, top {} codes):",
        size_name(minutes),
        chart.series.len().min(TOP_CODES)
    )?;
    let widths: Vec<usize> = chart.series.iter().map(|s| s.code.len().max(4)).collect();
    let mut header = format!("  {:16}", "");
    for (series, width) in chart.series.iter().zip(&widths) {
        header.push_str(&format!("  {:>width$}", series.code));
    }
    writeln!(out, "{DIM}{header}{DIM:#}")?;
    for (row, starts) in chart.starts.chunks(step).enumerate() {
        let start = timestamp(starts[0].as_bytes(), Clock { year: 1970 })
            .map_or_else(|| starts[0].clone(), format_minute);
        let mut line = format!("  {start:16}");
        for (series, width) in chart.series.iter().zip(&widths) {
            let count: u64 =
                series.counts[row * step..(row * step + step).min(series.counts.len())].iter().sum();
            let cell = if count == 0 { "·".to_owned() } else { count.to_string() };
            line.push_str(&format!("  {cell:>width$}"));
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    if chart.untimed > 0 {
        let lines = if chart.untimed == 1 { "line" } else { "lines" };
        writeln!(
            out,
            "{DIM}  {} {lines} before the first timestamp, not in the table{DIM:#}",
            chart.untimed
        )?;
    }
    Ok(())
}

fn size_name(minutes: i64) -> String {
    match minutes {
        m if m % 1440 == 0 => format!("{}d", m / 1440),
        m if m % 60 == 0 => format!("{}h", m / 60),
        m => format!("{m}m"),
    }
}

/// Writes the report: to a temporary file beside `path`, then renamed over it, so a failed
/// write leaves any earlier report whole.
pub fn write_report(path: &Path, html: &str) -> anyhow::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().with_context(|| format!("{}: not a file name", path.display()))?;
    let temporary = dir.join(format!(".{}.tmp{}", name.to_string_lossy(), std::process::id()));
    let written = std::fs::write(&temporary, html).and_then(|()| std::fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(e).with_context(|| format!("{}: cannot write the report", path.display()));
    }
    Ok(())
}
