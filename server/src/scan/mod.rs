//! Counts the error codes of a log, streaming: which codes occur, on how many lines, first and
//! last line. Feeds of any size go through in constant memory.
//!
//! A [`Scanner`] is built once per catalog. A [`Stream`] takes the log in chunks of any size
//! (a read buffer, a decompressed block) and keeps only the unfinished last line between them,
//! so codes and lines split across chunk boundaries are seen whole. A line longer than
//! [`MAX_LINE`] is scanned in overlapping fragments so even a file without line breaks needs no
//! more memory than that. Streams over different parts of the same input, or over different
//! inputs, give [`Tally`]s that merge, which is how several cores share the work.
//!
//! What counts for a code, per line (a line mentioning a code twice counts once):
//! - the code itself, as [`crate::recognize::Recognizer`] finds it (known codes, and unknown
//!   codes of known namespaces, listed apart);
//! - in JSON error bodies, the value of `"error_code"`/`"errorCode"`, or of `"code"` inside an
//!   `"error"` object, even when its namespace is in no catalog ("foreign" codes);
//! - on a line with no code at all, a catalog message ([`messages`]): counted for its code and
//!   marked as matched by message.
//!
//! Each block of complete lines gets SIMD-prefiltered literal searches for the recogniser's
//! leads, the message gate words and the body mark: one search for all of them, or two when the
//! patterns suit that better ([`interest`]). Work per line is only done on lines that hold a
//! hit, each read whole once; line numbers come from counting newlines between hits.
//!
//! **Invariant:** no IO, no decompression, no output: bytes in, plain data out.

pub mod html;
mod interest;
pub mod lines;
pub mod messages;
pub mod report;
pub mod timeline;
pub mod timestamp;

pub use timeline::Timeline;
pub use timestamp::{Clock, timestamp};

use std::collections::HashMap;

use memchr::{memchr, memmem, memrchr};

use crate::catalog::{Catalog, CodeShape, EntryId};
use crate::recognize::{Recognized, Recognizer};
pub use messages::MessageMatcher;

/// Lines up to this long are kept whole between chunks; longer ones are scanned in fragments.
pub const MAX_LINE: usize = 1 << 20;

/// Bytes a fragment of an over-long line shares with the next one, so a token cut at the
/// fragment boundary is still seen whole (longer than any code plus its context).
const OVERLAP: usize = 512;

/// The leading bytes looked at for a NUL, as tools commonly decide that a file is binary.
pub const BINARY_SNIFF: usize = 8192;

/// A place in the inputs: which input (in the order given) and which line (1-based). Ordered,
/// so the first and last occurrence over several inputs are a `min` and a `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub source: u32,
    pub line: u64,
}

/// How often a code occurs and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stat {
    /// Lines mentioning the code (or its message).
    pub lines: u64,
    /// Of those, lines that had only the code's message, no code.
    pub by_message: u64,
    pub first: Pos,
    pub last: Pos,
}

/// A code as the scan reports it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A catalog code.
    Known(EntryId),
    /// Shaped like a code of a known namespace, but in no catalog (`AIS.0199`).
    Unknown(String),
    /// The code of a JSON error body whose namespace no catalog knows (`OBS.0403`).
    Foreign(String),
}

/// One line of a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub code: Code,
    pub stat: Stat,
}

/// What a scan found, plus facts about the input worth a note.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    known: Vec<Option<Stat>>,
    unknown: HashMap<Box<[u8]>, Stat>,
    foreign: HashMap<Box<[u8]>, Stat>,
    /// Lines seen (a last line without a newline counts).
    pub lines: u64,
    pub bytes: u64,
    /// Offset of a NUL byte near the start: the input looks binary.
    pub binary_at: Option<u64>,
    /// The first line that is not valid UTF-8.
    pub invalid_utf8_line: Option<u64>,
    /// Counts per code over time, when the stream was asked for them ([`Scanner::timed_stream`]).
    pub timeline: Option<Box<Timeline<Code>>>,
}

impl Tally {
    /// Adds another tally's counts. Both must cover different lines (different inputs, or
    /// consecutive parts of one input with `other`'s lines already shifted).
    pub fn merge(&mut self, mut other: Tally) {
        match (&mut self.timeline, other.timeline.take()) {
            (Some(mine), Some(theirs)) => mine.merge(*theirs),
            (mine @ None, theirs) => *mine = theirs,
            (Some(_), None) => {}
        }
        if self.known.len() < other.known.len() {
            self.known.resize(other.known.len(), None);
        }
        for (slot, stat) in self.known.iter_mut().zip(other.known) {
            if let Some(stat) = stat {
                merge_stat(slot, stat);
            }
        }
        for (code, stat) in other.unknown {
            let mut slot = self.unknown.remove(&code);
            merge_stat(&mut slot, stat);
            self.unknown.extend(slot.map(|s| (code, s)));
        }
        for (code, stat) in other.foreign {
            let mut slot = self.foreign.remove(&code);
            merge_stat(&mut slot, stat);
            self.foreign.extend(slot.map(|s| (code, s)));
        }
        self.lines += other.lines;
        self.bytes += other.bytes;
        self.binary_at = self.binary_at.or(other.binary_at);
        self.invalid_utf8_line = self.invalid_utf8_line.or(other.invalid_utf8_line);
    }

    /// The same tally for a part of an input that starts `lines` lines further down.
    /// Adds the counts of `next`, the part of the same input that follows this one (its lines
    /// already shifted): lines at its start without a timestamp take this part's last one.
    pub fn append(&mut self, mut next: Tally) {
        let timeline = next.timeline.take();
        self.merge(next);
        match (&mut self.timeline, timeline) {
            (Some(mine), Some(theirs)) => mine.append(*theirs),
            (mine @ None, theirs) => *mine = theirs,
            (Some(_), None) => {}
        }
    }

    pub fn shifted(mut self, lines: u64) -> Tally {
        let shift = |stat: &mut Stat| {
            stat.first.line += lines;
            stat.last.line += lines;
        };
        self.known.iter_mut().flatten().for_each(shift);
        self.unknown.values_mut().for_each(shift);
        self.foreign.values_mut().for_each(shift);
        self.invalid_utf8_line = self.invalid_utf8_line.map(|l| l + lines);
        self
    }

    /// Every code found, most frequent first (ties by first occurrence).
    pub fn rows(&self) -> Vec<Row> {
        let known = self
            .known
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|stat| Row { code: Code::Known(EntryId(i as u32)), stat }));
        let lossy = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        let unknown = self.unknown.iter().map(|(c, &stat)| Row { code: Code::Unknown(lossy(c)), stat });
        let foreign = self.foreign.iter().map(|(c, &stat)| Row { code: Code::Foreign(lossy(c)), stat });
        let mut rows: Vec<Row> = known.chain(unknown).chain(foreign).collect();
        rows.sort_by(|a, b| {
            b.stat.lines.cmp(&a.stat.lines).then(a.stat.first.cmp(&b.stat.first)).then(a.code.cmp(&b.code))
        });
        rows
    }

    fn record_known(&mut self, id: EntryId, at: Pos, by_message: bool) {
        let index = id.0 as usize;
        if self.known.len() <= index {
            self.known.resize(index + 1, None);
        }
        record(&mut self.known[index], at, by_message);
    }

    fn record_other(map: &mut HashMap<Box<[u8]>, Stat>, code: &[u8], at: Pos) {
        match map.get_mut(code) {
            Some(stat) => record_into(stat, at, false),
            None => {
                map.insert(code.into(), Stat { lines: 1, by_message: 0, first: at, last: at });
            }
        }
    }
}

fn record(slot: &mut Option<Stat>, at: Pos, by_message: bool) {
    match slot {
        Some(stat) => record_into(stat, at, by_message),
        None => *slot = Some(Stat { lines: 1, by_message: by_message as u64, first: at, last: at }),
    }
}

/// Counts a line for a code. A code seen again on its latest line does not count twice (codes
/// come in line order; a message-only line may come after later code lines of the same block,
/// but never holds a code, so it is never a repeat).
fn record_into(stat: &mut Stat, at: Pos, by_message: bool) {
    if stat.last != at {
        stat.lines += 1;
        stat.by_message += by_message as u64;
        stat.first = stat.first.min(at);
        stat.last = stat.last.max(at);
    }
}

fn merge_stat(slot: &mut Option<Stat>, other: Stat) {
    match slot {
        None => *slot = Some(other),
        Some(stat) => {
            stat.lines += other.lines;
            stat.by_message += other.by_message;
            stat.first = stat.first.min(other.first);
            stat.last = stat.last.max(other.last);
        }
    }
}

/// JSON keys whose string value is an error code. The closing quote is not part of the
/// pattern so that escaped JSON inside a JSON string (`\"error_code\"`) is found too.
const BODY_KEYS: [&[u8]; 3] = [b"\"error_code", b"\"errorCode", b"\"code"];

/// What every line with an error body holds: `"error_code`, `"errorCode`, or `"error"` before
/// a nested `"code"`. Searching for it alone keeps the many `"code": 200` lines of request logs
/// out of the slow path.
const BODY_MARK: &[u8] = b"\"error";

/// What the lines-of-interest search looks for to find [`BODY_MARK`]: a part of it that holds
/// no quote. The SIMD search tells patterns from text by their first bytes, and a quote
/// followed by a lower-case letter begins nearly every key and value of a JSON log, where
/// `rror` begins almost nothing but `error` (150 MB of mixed logs: 27.8 ms against 31.7 ms for
/// the whole search with the built-in catalog's leads and gates, and 27.3 ms without it). The
/// lines it adds (with a bare `error`) are read as candidates and hold no error body.
const BODY_MARK_SEARCHED: &[u8] = b"rror";

/// Finds codes and messages in log text for one catalog.
#[derive(Debug)]
pub struct Scanner<'c> {
    catalog: &'c Catalog,
    recognizer: &'c Recognizer,
    messages: MessageMatcher,
    /// Finds the lines worth a closer look: those holding one of the recogniser's leads, a
    /// message gate word or [`BODY_MARK_SEARCHED`]. `None` only if an automaton outgrew its limits, when
    /// the recogniser has none either.
    lines_of_interest: Option<interest::LineFinder>,
    body_keys: Vec<memmem::Finder<'static>>,
    body_mark: memmem::FinderRev<'static>,
}

impl<'c> Scanner<'c> {
    pub fn new(catalog: &'c Catalog, recognizer: &'c Recognizer) -> Self {
        let messages = MessageMatcher::new(catalog);
        let gates: Vec<&[u8]> = messages.gate_words().iter().map(Vec::as_slice).collect();
        let lines_of_interest = interest::LineFinder::new(recognizer.leads(), &gates, &[BODY_MARK_SEARCHED]);
        Scanner {
            catalog,
            recognizer,
            messages,
            lines_of_interest,
            body_keys: BODY_KEYS.iter().map(|k| memmem::Finder::new(k).into_owned()).collect(),
            body_mark: memmem::FinderRev::new(BODY_MARK).into_owned(),
        }
    }

    /// A stream over one input; `source` numbers the input in [`Pos`].
    pub fn stream(&self, source: u32) -> Stream<'_, 'c> {
        Stream {
            scanner: self,
            source,
            tally: Tally { known: vec![None; self.catalog.len()], ..Tally::default() },
            carry: Vec::new(),
            continuation: false,
            line: 1,
            clock: None,
            time: None,
        }
    }

    /// A stream that also counts codes over time ([`Tally::timeline`]), reading each line's
    /// timestamp as [`timestamp`] does with `clock`.
    pub fn timed_stream(&self, source: u32, clock: Clock) -> Stream<'_, 'c> {
        let mut stream = self.stream(source);
        stream.clock = Some(clock);
        stream.tally.timeline = Some(Box::default());
        stream
    }

    /// Scans a whole input held in memory.
    pub fn scan(&self, source: u32, text: &[u8]) -> Tally {
        let mut stream = self.stream(source);
        stream.feed(text);
        stream.finish()
    }

    /// Scans `region`, whose first line is line `at.line` of the input; hits starting
    /// before `skip_before` are ignored (already seen in the previous fragment). Returns the
    /// number of newlines in `region`.
    ///
    /// The lines that hold a code's lead, a message gate or a body mark are each read whole,
    /// once; the rest of the text only by the search that finds them.
    fn scan_region(
        &self,
        region: &[u8],
        at: Pos,
        skip_before: usize,
        tally: &mut Tally,
        clock: Option<(Clock, &mut Option<i64>)>,
    ) -> u64 {
        let (clock, time) = match clock {
            Some((clock, time)) => (Some(clock), Some(time)),
            None => (None, None),
        };
        let carried = time.as_deref().copied().flatten();
        let mut times =
            clock.map(|clock| TimeCursor { region, clock, resolved: None, time: carried, carried });
        let mut lines = LineCounter { text: region, pos: 0, line: at.line };
        let found = self.lines_of_interest.iter().flat_map(|finder| finder.lines(region, skip_before));
        for interest::LineOfInterest { start, end, lead: has_lead, gate: has_gate } in found {
            let line = lines.at(start);
            let pos = Pos { source: at.source, line };
            let mut has_code = false;
            if has_lead {
                for occurrence in self.recognizer.find_iter(&region[start..end]) {
                    let range = occurrence.range.start + start..occurrence.range.end + start;
                    if range.start < skip_before {
                        continue;
                    }
                    has_code = true;
                    match occurrence.kind {
                        Recognized::Known(id) => tally.record_known(id, pos, false),
                        Recognized::Unknown { .. } => {
                            Tally::record_other(&mut tally.unknown, &region[range.clone()], pos)
                        }
                    }
                    if let (Some(times), Some(timeline)) = (&mut times, &mut tally.timeline) {
                        let code = match occurrence.kind {
                            Recognized::Known(id) => Code::Known(id),
                            Recognized::Unknown { .. } => {
                                Code::Unknown(String::from_utf8_lossy(&region[range.clone()]).into_owned())
                            }
                        };
                        timeline.count_at(code, times.at(range.start));
                    }
                }
            }
            // A lead that made no code may have hidden a gate starting at the same byte.
            if has_gate || (has_lead && !has_code) {
                let mut foreign = Vec::new();
                let message = self.candidate_line(&region[start..end], has_code, &mut foreign);
                if !foreign.is_empty() || message.is_some() {
                    let time = times.as_mut().and_then(|t| t.at(start));
                    for code in foreign {
                        Tally::record_other(&mut tally.foreign, code, pos);
                        if let Some(timeline) = &mut tally.timeline {
                            timeline
                                .count_at(Code::Foreign(String::from_utf8_lossy(code).into_owned()), time);
                        }
                    }
                    if let Some(id) = message {
                        tally.record_known(id, pos, true);
                        if let Some(timeline) = &mut tally.timeline {
                            timeline.count_at(Code::Known(id), time);
                        }
                    }
                }
            }
        }
        if let (Some(times), Some(time)) = (&mut times, time) {
            *time = region.len().checked_sub(1).map_or(carried, |last| times.at(last));
        }
        lines.at(region.len()) - at.line
    }

    /// A line holding a message anchor or a body key: its foreign body codes (pushed to
    /// `foreign`), then, on a line without any code, the code whose message it holds.
    fn candidate_line<'l>(
        &self,
        line: &'l [u8],
        mut has_code: bool,
        foreign: &mut Vec<&'l [u8]>,
    ) -> Option<EntryId> {
        for key in &self.body_keys {
            let mut rest = 0;
            while let Some(i) = key.find(&line[rest..]) {
                let key_start = rest + i;
                rest = key_start + key.needle().len();
                if key.needle() == b"\"code" && self.body_mark.rfind(&line[..key_start]).is_none() {
                    continue;
                }
                if let Some(code) = string_value(&line[rest..])
                    && self.is_foreign(code)
                {
                    foreign.push(code);
                    has_code = true;
                }
            }
        }
        if has_code || self.messages.is_empty() { None } else { self.messages.match_line(line) }
    }

    /// Code-shaped, and of no namespace the recogniser already reports.
    fn is_foreign(&self, code: &[u8]) -> bool {
        let Ok(code) = std::str::from_utf8(code) else { return false };
        code.len() <= 64
            && code.bytes().all(|b| b.is_ascii_graphic())
            && CodeShape::split(code).is_some()
            && self.catalog.lookup(code).is_none()
            && self.catalog.namespace_of(code).is_none()
    }
}

/// The string value after a JSON key's name: `": "VALUE"` or, escaped, `\": \"VALUE\"`.
fn string_value(after_key: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    let skip_quote = |i: &mut usize| {
        if after_key.get(*i) == Some(&b'\\') {
            *i += 1;
        }
        (after_key.get(*i) == Some(&b'"')).then(|| *i += 1)
    };
    let skip_space = |i: &mut usize| {
        while after_key.get(*i).is_some_and(|b| b.is_ascii_whitespace()) {
            *i += 1;
        }
    };
    skip_quote(&mut i)?;
    skip_space(&mut i);
    (after_key.get(i) == Some(&b':')).then_some(())?;
    i += 1;
    skip_space(&mut i);
    skip_quote(&mut i)?;
    let value = &after_key[i..];
    let len = value.iter().position(|&b| b == b'"' || b == b'\\')?;
    Some(&value[..len])
}

/// The time of lines visited in increasing order: a line's own timestamp, else the last one
/// before it. Each line is parsed at most once per pass, walking back only to the line resolved
/// before, so a log without timestamps costs one look per line, not one per hit.
struct TimeCursor<'t> {
    region: &'t [u8],
    clock: Clock,
    /// The start of the line last resolved, and its time.
    resolved: Option<usize>,
    time: Option<i64>,
    /// The time at the end of the text before `region`.
    carried: Option<i64>,
}

impl TimeCursor<'_> {
    fn at(&mut self, offset: usize) -> Option<i64> {
        let region = self.region;
        let line_start = memrchr(b'\n', &region[..offset.min(region.len())]).map_or(0, |i| i + 1);
        if self.resolved.is_some_and(|r| r > line_start) {
            // Visited out of order: start again from the region's start.
            (self.resolved, self.time) = (None, self.carried);
        }
        let mut start = line_start;
        let time = loop {
            if Some(start) == self.resolved {
                break self.time;
            }
            let end = memchr(b'\n', &region[start..]).map_or(region.len(), |i| start + i);
            if let Some(t) = timestamp(&region[start..end], self.clock) {
                break Some(t);
            }
            if start == 0 {
                break self.carried;
            }
            start = memrchr(b'\n', &region[..start - 1]).map_or(0, |i| i + 1);
        };
        (self.resolved, self.time) = (Some(line_start), time);
        time
    }
}

/// Line numbers of offsets visited in increasing order, counting newlines in between.
struct LineCounter<'t> {
    text: &'t [u8],
    pos: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn at(&mut self, offset: usize) -> u64 {
        if offset > self.pos {
            self.line += memchr::memchr_iter(b'\n', &self.text[self.pos..offset]).count() as u64;
            self.pos = offset;
        }
        self.line
    }
}

/// One input fed in chunks. Keeps the unfinished last line between chunks.
#[derive(Debug)]
pub struct Stream<'s, 'c> {
    scanner: &'s Scanner<'c>,
    source: u32,
    tally: Tally,
    carry: Vec<u8>,
    /// `carry` starts in the middle of an over-long line whose earlier part was scanned.
    continuation: bool,
    /// The line `carry` (or the next chunk) starts on.
    line: u64,
    /// How timestamps are read, when the tally keeps a timeline.
    clock: Option<Clock>,
    /// The time of the last line scanned (its own timestamp or the one it inherited).
    time: Option<i64>,
}

impl Stream<'_, '_> {
    /// Scans the next bytes of the input.
    pub fn feed(&mut self, mut chunk: &[u8]) {
        if self.tally.bytes < BINARY_SNIFF as u64 && self.tally.binary_at.is_none() {
            let sniff = &chunk[..chunk.len().min(BINARY_SNIFF - self.tally.bytes as usize)];
            self.tally.binary_at = memchr(0, sniff).map(|i| self.tally.bytes + i as u64);
        }
        self.tally.bytes += chunk.len() as u64;
        if !self.carry.is_empty() {
            match memchr(b'\n', chunk) {
                Some(i) => {
                    self.carry.extend_from_slice(&chunk[..=i]);
                    chunk = &chunk[i + 1..];
                    let carry = std::mem::take(&mut self.carry);
                    self.scan(&carry);
                    self.carry = carry;
                    self.carry.clear();
                    self.continuation = false;
                }
                None => {
                    self.carry.extend_from_slice(chunk);
                    self.flush_long_line();
                    return;
                }
            }
        }
        match memrchr(b'\n', chunk) {
            Some(i) => {
                self.scan(&chunk[..=i]);
                self.carry.extend_from_slice(&chunk[i + 1..]);
            }
            None => self.carry.extend_from_slice(chunk),
        }
        self.flush_long_line();
    }

    /// Scans what is left (a last line without a newline) and returns the counts.
    pub fn finish(mut self) -> Tally {
        if !self.carry.is_empty() {
            let carry = std::mem::take(&mut self.carry);
            self.scan(&carry);
            self.tally.lines = self.line;
        } else {
            self.tally.lines = self.line - 1;
        }
        if let Some(timeline) = &mut self.tally.timeline {
            timeline.set_last(self.time);
        }
        self.tally
    }

    fn scan(&mut self, region: &[u8]) {
        let skip_before = if self.continuation { 2 } else { 0 };
        let at = Pos { source: self.source, line: self.line };
        // Fragments of an over-long line may cut a character at either end: not checked.
        if self.tally.invalid_utf8_line.is_none()
            && !self.continuation
            && let Err(e) = simdutf8::compat::from_utf8(region)
            && e.error_len().is_some()
        {
            let before = &region[..e.valid_up_to()];
            self.tally.invalid_utf8_line =
                Some(self.line + memchr::memchr_iter(b'\n', before).count() as u64);
        }
        let clock = self.clock.map(|clock| (clock, &mut self.time));
        let newlines = self.scanner.scan_region(region, at, skip_before, &mut self.tally, clock);
        self.line += newlines;
    }

    /// Keeps memory bounded on a line longer than [`MAX_LINE`]: scans what there is and keeps
    /// only the tail that a token could still continue from.
    fn flush_long_line(&mut self) {
        if self.carry.len() <= MAX_LINE {
            return;
        }
        let carry = std::mem::take(&mut self.carry);
        self.scan(&carry);
        self.carry = carry;
        self.carry.drain(..self.carry.len() - OVERLAP);
        self.continuation = true;
    }
}

#[cfg(test)]
mod tests;
