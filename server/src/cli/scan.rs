//! `errcode-ls scan FILE|DIR|-`: which error codes a log holds, how often, where first and last.
//!
//! The IO edge of [`crate::scan`]: opens files, folders, stdin and gzip streams, reads them in
//! fixed-size chunks (constant memory) or, for big plain files, maps them into memory and feeds
//! the map in chunks of the same size (no copy through a buffer, as ripgrep does), spreads inputs (and parts of big plain files) over the
//! cores, shows a progress bar on a terminal, and prints the merged summary.
//!
//! **Invariant:** no recognition here; every count comes from [`crate::scan::Stream`].

use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use super::render::{self, BOLD, DIM};
use crate::catalog::Catalog;
use crate::scan::{BINARY_SNIFF, Code, Pos, Row, Scanner, Stream, Tally};
use crate::workspace::Loaded;

/// Bytes read at a time: large enough that system calls cost nothing, small enough to stay in
/// the CPU cache while both search passes run over it.
const CHUNK: usize = 256 * 1024;

/// Plain files larger than this are split into parts scanned on several cores.
const SPLIT_ABOVE: u64 = 64 * 1024 * 1024;

/// Plain files at least this big are memory-mapped; below it, setting up the map costs more
/// than the copy it saves.
const MAP_FROM: u64 = 1024 * 1024;

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub json: bool,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    /// Plain files larger than this are split into parts; `None` for [`SPLIT_ABOVE`].
    pub split_above: Option<u64>,
    /// Whether big plain files may be memory-mapped.
    pub mmap: bool,
    /// Count codes over time too, in buckets of this size.
    pub timeline: Option<super::timeline::BucketArg>,
    /// Write an HTML report here.
    pub html: Option<PathBuf>,
    /// How timestamps are read for the timeline.
    pub clock: crate::scan::Clock,
}

pub fn run(loaded: &Loaded, paths: &[PathBuf], options: &ScanOptions) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    let inputs = expand(paths, &mut failed)?;
    let scanner = Scanner::new(&loaded.catalog, &loaded.recognizer);
    let threads = options.threads.unwrap_or_else(super::pool::cores).max(1);
    let jobs = plan(&inputs, threads, options.split_above.unwrap_or(SPLIT_ABOVE));
    let total: u64 = inputs.iter().map(|i| i.size.unwrap_or(0)).sum();
    let progress = progress_bar(total, inputs.iter().any(|i| i.size.is_none()));

    let clock = options.timeline.map(|_| options.clock);
    let results = super::pool::in_order(
        jobs.iter().collect(),
        threads,
        || vec![0; CHUNK],
        |buffer, job| scan_job(&scanner, &inputs[job.input], job, buffer, &progress, clock, options.mmap),
    );
    progress.finish_and_clear();

    // Parts of one input merge in order, each shifted by the lines before it.
    let mut tally = Tally::default();
    let mut summaries = Vec::new();
    let mut jobs_and_results = jobs.iter().zip(results).peekable();
    for (source, input) in inputs.iter().enumerate() {
        let mut own = Tally::default();
        let mut error = None;
        while let Some((_, result)) = jobs_and_results.next_if(|(job, _)| job.input == source) {
            let (part, part_error) = result;
            error = error.or(part_error);
            let first_part = own.bytes == 0 && own.lines == 0;
            let mut part = part.shifted(own.lines);
            if !first_part {
                // A NUL in the middle of a file does not make it binary.
                part.binary_at = None;
            }
            own.append(part);
        }
        if let Some(e) = error {
            render::warn(&format!("{}: {e}; the summary covers what was read before", input.name));
            failed = true;
        }
        if let Some(offset) = own.binary_at {
            note(&format!("{}: binary data (NUL byte at offset {offset}); scanned as text", input.name));
        }
        if let Some(line) = own.invalid_utf8_line {
            note(&format!("{}:{line}: not valid UTF-8; codes are matched as bytes", input.name));
        }
        summaries.push(InputSummary { path: input.name.clone(), lines: own.lines, bytes: own.bytes });
        tally.merge(own);
    }

    let rows = tally.rows();
    let report = Report { catalog: &loaded.catalog, inputs: &summaries, rows: &rows };
    let chart = match (&tally.timeline, options.timeline) {
        (Some(timeline), Some(bucket)) => {
            Some(crate::scan::html::chart_data(&loaded.catalog, timeline, bucket.seconds()))
        }
        _ => None,
    };
    if let Some(path) = &options.html {
        let names: Vec<String> = summaries.iter().map(|s| s.path.clone()).collect();
        let page = crate::scan::html::Page {
            catalog: &loaded.catalog,
            inputs: &names,
            tally: &tally,
            bucket: options.timeline.and_then(|b| b.seconds()),
        };
        super::timeline::write_report(path, &crate::scan::html::page(&page))?;
    }
    let printed = match (options.json, &chart) {
        (true, chart) => report.print_json(chart.as_ref()),
        (false, Some(chart)) => report.print_text().and_then(|()| super::timeline::print_text(chart)),
        (false, None) => report.print_text(),
    };
    if let Err(e) = printed {
        // `scan … | head` closing the pipe early is not an error worth a message.
        if e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e);
    }
    let mut err = anstream::stderr();
    let plural = |n: u64, word: &str| format!("{} {word}{}", group(n), if n == 1 { "" } else { "s" });
    writeln!(
        err,
        "{DIM}scanned {}: {}, {}{DIM:#}",
        plural(summaries.len() as u64, "input"),
        plural(tally.lines, "line"),
        plural(tally.bytes, "byte")
    )?;
    Ok(if failed {
        ExitCode::from(2)
    } else if rows.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Scans one file (plain or gzip) on the calling thread, as `scan` does: the language server's
/// "Scan Log File" command reads logs too big for an editor to send through here. What was
/// read before an error still counts; the error is returned beside it.
/// With a `clock`, the tally keeps a timeline too.
pub fn tally_file(
    scanner: &Scanner,
    path: &Path,
    clock: Option<crate::scan::Clock>,
) -> (Tally, Option<io::Error>) {
    let mut stream = match clock {
        Some(clock) => scanner.timed_stream(0, clock),
        None => scanner.stream(0),
    };
    let mut buffer = vec![0; CHUNK];
    let gzip = path.extension().is_some_and(|e| e == "gz");
    let result = File::open(path).and_then(|file| feed_all(&mut stream, file, gzip, &mut buffer));
    (stream.finish(), result.err())
}

/// A job's counts, and the error that stopped it early, if any.
type Outcome = (Tally, Option<io::Error>);

/// One file (or stdin) to scan.
#[derive(Debug)]
struct Input {
    /// `None` for stdin.
    path: Option<PathBuf>,
    name: String,
    /// Size on disk, when known.
    size: Option<u64>,
    gzip: bool,
}

/// A piece of work: a whole input, or a byte range of a plain file.
#[derive(Debug)]
struct Job {
    input: usize,
    range: Option<(u64, u64)>,
}

/// Files and folders to inputs. Folders are walked in name order, hidden entries skipped, and
/// `.gitignore` NOT honoured (logs are usually ignored by git); binary files found in a
/// folder are skipped with a note, those named explicitly are scanned.
fn expand(paths: &[PathBuf], failed: &mut bool) -> anyhow::Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input { path: None, name: "<stdin>".into(), size: None, gzip: false });
            continue;
        }
        let meta = std::fs::metadata(path).with_context(|| format!("{}: cannot scan", path.display()))?;
        if !meta.is_dir() {
            inputs.push(input(path, meta.len())?);
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            .standard_filters(false)
            .hidden(true)
            .sort_by_file_name(Ord::cmp)
            .build();
        for dent in walk {
            let dent = match dent {
                Ok(dent) => dent,
                Err(e) => {
                    render::warn(&e.to_string());
                    *failed = true;
                    continue;
                }
            };
            if !dent.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let size = dent.metadata().map_or(0, |m| m.len());
            match input(dent.path(), size) {
                Ok(input) if !input.gzip && is_binary(dent.path()) => {
                    note(&format!("{}: binary file skipped", input.name));
                }
                Ok(input) => inputs.push(input),
                Err(e) => {
                    render::warn(&format!("{e:#}"));
                    *failed = true;
                }
            }
        }
    }
    Ok(inputs)
}

fn input(path: &Path, size: u64) -> anyhow::Result<Input> {
    let mut magic = [0u8; 2];
    let mut file = File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
    let read =
        read_full(&mut file, &mut magic).with_context(|| format!("{}: cannot read", path.display()))?;
    let gzip = magic[..read] == GZIP_MAGIC || path.extension().is_some_and(|e| e == "gz");
    Ok(Input { path: Some(path.to_owned()), name: path.display().to_string(), size: Some(size), gzip })
}

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

fn is_binary(path: &Path) -> bool {
    let mut head = vec![0; BINARY_SNIFF];
    let read = File::open(path).and_then(|mut f| read_full(&mut f, &mut head)).unwrap_or(0);
    memchr::memchr(0, &head[..read]).is_some()
}

/// Reads until `buf` is full or the input ends; returns how much was read.
pub fn read_full(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Splits big plain files into one part per thread, cut at line ends later by [`scan_job`].
fn plan(inputs: &[Input], threads: usize, split_above: u64) -> Vec<Job> {
    let mut jobs = Vec::new();
    for (index, input) in inputs.iter().enumerate() {
        match input.size {
            Some(size) if !input.gzip && threads > 1 && size > split_above => {
                let parts = threads as u64;
                for part in 0..parts {
                    jobs.push(Job {
                        input: index,
                        range: Some((size * part / parts, size * (part + 1) / parts)),
                    });
                }
            }
            _ => jobs.push(Job { input: index, range: None }),
        }
    }
    jobs
}

/// Scans one job. What was read before an error (a truncated gzip file, a disk error) still
/// counts; the error is returned beside it.
fn scan_job(
    scanner: &Scanner,
    input: &Input,
    job: &Job,
    buffer: &mut [u8],
    progress: &ProgressBar,
    clock: Option<crate::scan::Clock>,
    mmap: bool,
) -> Outcome {
    let mut stream = match clock {
        Some(clock) => scanner.timed_stream(job.input as u32, clock),
        None => scanner.stream(job.input as u32),
    };
    let result = read_job(&mut stream, input, job, buffer, progress, mmap);
    (stream.finish(), result.err())
}

fn read_job(
    stream: &mut Stream,
    input: &Input,
    job: &Job,
    buffer: &mut [u8],
    progress: &ProgressBar,
    mmap: bool,
) -> io::Result<()> {
    match (&input.path, job.range) {
        (Some(path), range) if mmap && !input.gzip && input.size.is_some_and(|size| size >= MAP_FROM) => {
            let file = File::open(path)?;
            // SAFETY: the map is only read, as bytes, while `file` stays open. Another process
            // truncating the file meanwhile would fault the reads, as with any reader that maps
            // files (ripgrep); `--no-mmap` is there for logs that can be cut short.
            let map = unsafe { memmap2::Mmap::map(&file)? };
            #[cfg(unix)]
            let _ = map.advise(memmap2::Advice::Sequential);
            let (start, end) = match range {
                Some((start, end)) => (line_start_in(&map, start), line_start_in(&map, end)),
                None => (0, map.len()),
            };
            for chunk in map[start..end].chunks(CHUNK) {
                stream.feed(chunk);
                progress.inc(chunk.len() as u64);
            }
        }
        (Some(path), Some((start, end))) => {
            let file = File::open(path)?;
            let start = line_start_at_or_after(&file, start)?;
            let end = line_start_at_or_after(&file, end)?;
            let mut offset = start;
            while offset < end {
                let want = buffer.len().min((end - offset) as usize);
                let read = file.read_at(&mut buffer[..want], offset)?;
                if read == 0 {
                    break;
                }
                stream.feed(&buffer[..read]);
                progress.inc(read as u64);
                offset += read as u64;
            }
            progress.inc((end - start).saturating_sub(offset - start));
        }
        (Some(path), None) => {
            let file = Counting { inner: File::open(path)?, progress };
            feed_all(stream, file, input.gzip, buffer)?;
        }
        (None, _) => {
            let stdin = io::stdin().lock();
            feed_all(stream, Counting { inner: stdin, progress }, false, buffer)?;
        }
    }
    Ok(())
}

/// [`line_start_at_or_after`] in a mapped file (an offset past its end is its end).
fn line_start_in(map: &[u8], offset: u64) -> usize {
    let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(map.len());
    if offset == 0 {
        return 0;
    }
    memchr::memchr(b'\n', &map[offset - 1..]).map_or(map.len(), |i| offset + i)
}

/// The first line start at or after `offset`: parts begin and end there so no line is split
/// between two parts.
fn line_start_at_or_after(file: &File, offset: u64) -> io::Result<u64> {
    if offset == 0 {
        return Ok(0);
    }
    let mut window = [0u8; 4096];
    let mut at = offset - 1;
    loop {
        let read = file.read_at(&mut window, at)?;
        if read == 0 {
            return Ok(at);
        }
        if let Some(i) = memchr::memchr(b'\n', &window[..read]) {
            return Ok(at + i as u64 + 1);
        }
        at += read as u64;
    }
}

/// Feeds a whole reader, decompressing gzip (detected by its magic bytes, so `-` works too).
/// Public for the Python package, which reads its sources (paths, bytes, file objects) the same way.
pub fn feed_all(stream: &mut Stream, reader: impl Read, gzip: bool, buffer: &mut [u8]) -> io::Result<()> {
    let mut reader = BufReader::with_capacity(64 * 1024, reader);
    let is_gzip = gzip || reader.fill_buf()?.starts_with(&GZIP_MAGIC);
    if is_gzip {
        feed_reader(stream, flate2::bufread::MultiGzDecoder::new(reader), buffer)
    } else {
        feed_reader(stream, reader, buffer)
    }
}

fn feed_reader(stream: &mut Stream, mut reader: impl Read, buffer: &mut [u8]) -> io::Result<()> {
    loop {
        match reader.read(buffer) {
            Ok(0) => return Ok(()),
            Ok(n) => stream.feed(&buffer[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// Counts bytes read from disk (compressed bytes for gzip) into the progress bar.
struct Counting<'p, R> {
    inner: R,
    progress: &'p ProgressBar,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.inc(n as u64);
        Ok(n)
    }
}

/// A progress bar on stderr when it is a terminal; hidden otherwise.
fn progress_bar(total: u64, unknown_size: bool) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = if unknown_size { ProgressBar::new_spinner() } else { ProgressBar::new(total) };
    let template = if unknown_size {
        "{spinner} {bytes} {binary_bytes_per_sec}"
    } else {
        "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(10));
    bar
}

fn note(message: &str) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{DIM}note{DIM:#}: {message}");
}

#[derive(Debug, Serialize)]
struct InputSummary {
    path: String,
    lines: u64,
    bytes: u64,
}

struct Report<'a> {
    catalog: &'a Catalog,
    inputs: &'a [InputSummary],
    rows: &'a [Row],
}

#[derive(Serialize)]
struct JsonReport<'a> {
    inputs: &'a [InputSummary],
    codes: Vec<JsonCode<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timeline: Option<&'a crate::scan::html::ChartData>,
}

#[derive(Serialize)]
struct JsonCode<'a> {
    code: &'a str,
    /// `known`, `unknown` (a known namespace, not in the catalog) or `foreign` (an error body's
    /// code of no known namespace).
    kind: &'static str,
    count: u64,
    by_message: u64,
    first: JsonPos<'a>,
    last: JsonPos<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    solution: Option<String>,
}

#[derive(Serialize)]
struct JsonPos<'a> {
    path: &'a str,
    line: u64,
}

impl Report<'_> {
    fn code<'r>(&'r self, row: &'r Row) -> (&'r str, &'static str) {
        match &row.code {
            Code::Known(id) => (self.catalog.entry(*id).code.as_str(), "known"),
            Code::Unknown(code) => (code.as_str(), "unknown"),
            Code::Foreign(code) => (code.as_str(), "foreign"),
        }
    }

    fn pos(&self, pos: Pos) -> JsonPos<'_> {
        JsonPos { path: &self.inputs[pos.source as usize].path, line: pos.line }
    }

    fn print_json(&self, timeline: Option<&crate::scan::html::ChartData>) -> anyhow::Result<()> {
        let codes = self
            .rows
            .iter()
            .map(|row| {
                let (code, kind) = self.code(row);
                let entry = match row.code {
                    Code::Known(id) => Some(self.catalog.entry(id)),
                    _ => None,
                };
                JsonCode {
                    code,
                    kind,
                    count: row.stat.lines,
                    by_message: row.stat.by_message,
                    first: self.pos(row.stat.first),
                    last: self.pos(row.stat.last),
                    message: entry.map(|e| e.message.as_str()),
                    solution: entry.map(|e| one_line(&e.solution)),
                }
            })
            .collect();
        let mut out = io::stdout().lock();
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&JsonReport { inputs: self.inputs, codes, timeline })?
        )?;
        Ok(())
    }

    fn print_text(&self) -> anyhow::Result<()> {
        let mut out = anstream::stdout().lock();
        if self.rows.is_empty() {
            writeln!(out, "no error codes found")?;
            return Ok(());
        }
        let width = render::width();
        let count_width = self.rows.iter().map(|r| group(r.stat.lines).len()).max().unwrap_or(1);
        let code_width = self.rows.iter().map(|r| self.code(r).0.chars().count()).max().unwrap_or(0);
        let indent = " ".repeat(2 + count_width + 2);
        let groups = [
            ("known", "Known codes"),
            ("unknown", "Unknown codes of known namespaces"),
            ("foreign", "Codes of other namespaces in error bodies"),
        ];
        let mut first_group = true;
        for (kind, title) in groups {
            let rows: Vec<&Row> = self.rows.iter().filter(|r| self.code(r).1 == kind).collect();
            if rows.is_empty() {
                continue;
            }
            if !first_group {
                writeln!(out)?;
            }
            first_group = false;
            let lines: u64 = rows.iter().map(|r| r.stat.lines).sum();
            let codes = if rows.len() == 1 { "code" } else { "codes" };
            let line_word = if lines == 1 { "line" } else { "lines" };
            writeln!(out, "{BOLD}{title}{BOLD:#}: {} {codes} on {} {line_word}", rows.len(), group(lines))?;
            for row in rows {
                let (code, _) = self.code(row);
                let by_message = if row.stat.by_message > 0 {
                    format!("  ({} by message)", group(row.stat.by_message))
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "  {:>count_width$}  {BOLD}{code:code_width$}{BOLD:#}  {}{by_message}",
                    group(row.stat.lines),
                    self.span(row)
                )?;
                if let Code::Known(id) = row.code {
                    let entry = self.catalog.entry(id);
                    writeln!(out, "{indent}{}", clip(&entry.message, width.saturating_sub(indent.len())))?;
                    let fix = one_line(&entry.solution);
                    if !fix.is_empty() {
                        let fix = clip(&fix, width.saturating_sub(indent.len() + 5));
                        writeln!(out, "{indent}{DIM}fix:{DIM:#} {fix}")?;
                    }
                }
            }
        }
        Ok(())
    }

    /// `line 12`, `lines 12–98`, or with file names when there are several inputs.
    fn span(&self, row: &Row) -> String {
        let at = |pos: Pos| {
            if self.inputs.len() > 1 {
                format!("{}:{}", self.inputs[pos.source as usize].path, group(pos.line))
            } else {
                group(pos.line)
            }
        };
        let (first, last) = (row.stat.first, row.stat.last);
        match (first == last, self.inputs.len() > 1) {
            (true, false) => format!("line {}", at(first)),
            (true, true) => at(first),
            (false, false) => format!("lines {}–{}", at(first), at(last)),
            (false, true) => format!("{} … {}", at(first), at(last)),
        }
    }
}

/// A catalog solution as one line: its first paragraph, joined with the first list item when
/// that paragraph only introduces a list ("…either of the following methods:"). Public so that
/// the Python package's `Tally.to_dict()` says it as `scan --json` does.
pub fn one_line(markdown: &str) -> String {
    let mut lines = markdown.lines().map(str::trim).filter(|l| !l.is_empty()).map(|l| {
        let l = l.strip_prefix("- ").or_else(|| l.strip_prefix("* ")).unwrap_or(l);
        l.replace("**", "")
    });
    let Some(first) = lines.next() else { return String::new() };
    let line = match lines.next() {
        Some(next) if first.ends_with(':') => format!("{first} {next}"),
        _ => first,
    };
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts text to `width` characters, marking the cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width || width < 2 {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(width - 1).collect();
    clipped.push('…');
    clipped
}

/// `1234567` → `1,234,567`.
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn solutions_become_one_line() {
        assert_eq!(
            one_line(
                "Rectify the fault using either of the following methods:\n\n- Use the **retry** mechanism.\n- Other."
            ),
            "Rectify the fault using either of the following methods: Use the retry mechanism."
        );
        assert_eq!(one_line("Contact technical support."), "Contact technical support.");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!([group(0), group(999), group(1000), group(1234567)], ["0", "999", "1,000", "1,234,567"]);
    }
}
