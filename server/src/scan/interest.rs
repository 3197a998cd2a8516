//! Finds the lines of a log block worth reading: those holding a code's lead (`AIS.`), a
//! message gate or the body mark. The literal search is what a scan spends its time on, so its
//! shape follows the SIMD searcher's, which tells patterns from text by their first bytes:
//! - up to 32 patterns it runs in its fastest form, and one search for everything reads the
//!   block once;
//! - up to 64 in a wider form that is still the better choice while every gate starts with a
//!   capital or a sign, which text rarely does (28 code families and 13 such gates: 68 ms
//!   against 76 ms over 150 MB);
//! - otherwise two searches of the fast form (the leads; the gates and the body mark) over the
//!   same block, still in the cache: lower-case gates make the wide form stop at nearly every
//!   word (28 families and 20 lower-case gates: 103 ms against 135 ms).
//!
//! **Invariant:** bytes in, line bounds out; no catalog, no line numbers.

use aho_corasick::{AhoCorasick, Input, Match, MatchKind};
use memchr::{memchr, memrchr};

/// Patterns the SIMD literal search holds in its fastest form.
const FAST_PATTERNS: usize = 32;

/// Patterns it holds in its wider form, which reads half as many bytes per step.
const WIDE_PATTERNS: usize = 64;

/// A line worth reading: its bounds (without the newline) and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineOfInterest {
    pub start: usize,
    pub end: usize,
    /// It holds a code's lead.
    pub lead: bool,
    /// It holds a message gate or the body mark.
    pub gate: bool,
}

#[derive(Debug)]
enum Searchers {
    /// The leads first, then the gates: pattern numbers below `leads` are leads.
    Together {
        all: AhoCorasick,
        leads: usize,
    },
    Apart {
        leads: Option<AhoCorasick>,
        gates: AhoCorasick,
    },
}

/// Finds [`LineOfInterest`]s for one set of leads and gates.
#[derive(Debug)]
pub struct LineFinder {
    searchers: Searchers,
}

fn automaton(patterns: &[&[u8]]) -> Option<AhoCorasick> {
    if patterns.is_empty() {
        return None;
    }
    AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(patterns).ok()
}

impl LineFinder {
    /// Lines holding one of `leads` come out with [`LineOfInterest::lead`], those holding one of
    /// `gates` or `marks` with [`LineOfInterest::gate`]. Marks are gates known to begin almost
    /// nothing in text whatever their first byte (`rror`), so they never call for two searches.
    /// `None` only if an automaton outgrew its limits.
    pub fn new(leads: &[Vec<u8>], gates: &[&[u8]], marks: &[&[u8]]) -> Option<Self> {
        let leads: Vec<&[u8]> = leads.iter().map(Vec::as_slice).collect();
        let rarely_in_text = gates.iter().all(|gate| !gate.first().is_some_and(u8::is_ascii_lowercase));
        let gates: Vec<&[u8]> = gates.iter().chain(marks).copied().collect();
        let total = leads.len() + gates.len();
        let searchers = if total <= FAST_PATTERNS || (total <= WIDE_PATTERNS && rarely_in_text) {
            let all: Vec<&[u8]> = leads.iter().chain(&gates).copied().collect();
            Searchers::Together { all: automaton(&all)?, leads: leads.len() }
        } else {
            Searchers::Apart { leads: automaton(&leads), gates: automaton(&gates)? }
        };
        Some(LineFinder { searchers })
    }

    /// The lines of interest of `block` that end at or after `from`, in order.
    pub fn lines<'f, 'b>(&'f self, block: &'b [u8], from: usize) -> Lines<'f, 'b> {
        Lines {
            finder: self,
            block,
            from: from.min(block.len()),
            lead: Cached::Unknown,
            gate: Cached::Unknown,
        }
    }
}

/// The next hit of one searcher, kept while it lies ahead (the searcher it comes from may have
/// nothing for many lines, and is not asked again until the scan reaches its hit).
#[derive(Debug, Clone, Copy)]
enum Cached {
    Unknown,
    Hit(usize),
    Exhausted,
}

/// Iterator of [`LineFinder::lines`].
pub struct Lines<'f, 'b> {
    finder: &'f LineFinder,
    block: &'b [u8],
    from: usize,
    lead: Cached,
    gate: Cached,
}

impl Lines<'_, '_> {
    fn line_around(&self, hit: usize, hit_end: usize) -> (usize, usize) {
        let start = memrchr(b'\n', &self.block[..hit]).map_or(0, |i| i + 1);
        let end = memchr(b'\n', &self.block[hit_end..]).map_or(self.block.len(), |i| hit_end + i);
        (start, end)
    }

    fn find(searcher: &AhoCorasick, block: &[u8], from: usize, end: usize) -> Option<Match> {
        searcher.find(Input::new(block).range(from..end))
    }

    /// The start of `searcher`'s next hit at or after `from`, from the cache when it is ahead.
    fn next_start(
        cached: &mut Cached,
        searcher: Option<&AhoCorasick>,
        block: &[u8],
        from: usize,
    ) -> Option<usize> {
        match *cached {
            Cached::Hit(at) if at >= from => return Some(at),
            Cached::Exhausted => return None,
            _ => {}
        }
        let found = searcher.and_then(|s| Self::find(s, block, from, block.len())).map(|m| m.start());
        *cached = found.map_or(Cached::Exhausted, Cached::Hit);
        found
    }
}

impl Iterator for Lines<'_, '_> {
    type Item = LineOfInterest;

    fn next(&mut self) -> Option<LineOfInterest> {
        if self.from >= self.block.len() {
            return None;
        }
        let block = self.block;
        let line = match &self.finder.searchers {
            Searchers::Together { all, leads } => {
                let first = Self::find(all, block, self.from, block.len())?;
                let (start, end) = self.line_around(first.start(), first.end());
                // Step one byte past each hit, so that a pattern starting inside another is
                // still seen, until the line is known to hold both kinds.
                let is_lead = |m: &Match| m.pattern().as_usize() < *leads;
                let (mut lead, mut gate) = (is_lead(&first), !is_lead(&first));
                let mut next = first.start() + 1;
                while !(lead && gate) && next < end {
                    let Some(m) = Self::find(all, block, next, end) else { break };
                    lead |= is_lead(&m);
                    gate |= !is_lead(&m);
                    next = m.start() + 1;
                }
                LineOfInterest { start, end, lead, gate }
            }
            Searchers::Apart { leads, gates } => {
                let lead_at = Self::next_start(&mut self.lead, leads.as_ref(), block, self.from);
                let gate_at = Self::next_start(&mut self.gate, Some(gates), block, self.from);
                let first = lead_at.into_iter().chain(gate_at).min()?;
                let (start, end) = self.line_around(first, first + 1);
                let within = |at: Option<usize>| at.is_some_and(|at| at < end);
                LineOfInterest { start, end, lead: within(lead_at), gate: within(gate_at) }
            }
        };
        self.from = line.end + 1;
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(finder: &LineFinder, text: &str) -> Vec<(String, bool, bool)> {
        finder.lines(text.as_bytes(), 0).map(|l| (text[l.start..l.end].to_owned(), l.lead, l.gate)).collect()
    }

    const LOG: &str = "noise\nAIS.0101 failed\nBackend timeout\nnoise\nAPIG.0201 Backend timeout\nend";

    fn expected() -> Vec<(String, bool, bool)> {
        vec![
            ("AIS.0101 failed".into(), true, false),
            ("Backend timeout".into(), false, true),
            ("APIG.0201 Backend timeout".into(), true, true),
        ]
    }

    #[test]
    fn few_patterns_are_found_in_one_search() {
        let finder = LineFinder::new(&[b"AIS.".to_vec(), b"APIG.".to_vec()], &[b"Backend "], &[b"\"error"])
            .expect("small automaton");
        assert!(matches!(finder.searchers, Searchers::Together { .. }));
        assert_eq!(lines(&finder, LOG), expected());
    }

    fn many_leads() -> Vec<Vec<u8>> {
        let mut leads: Vec<Vec<u8>> = (0..40).map(|n| format!("NS{n}.").into_bytes()).collect();
        leads.extend([b"AIS.".to_vec(), b"APIG.".to_vec()]);
        leads
    }

    #[test]
    fn many_patterns_with_capitalised_gates_are_found_in_one_wide_search() {
        let finder = LineFinder::new(&many_leads(), &[b"Backend "], &[b"\"error"]).expect("small automaton");
        assert!(matches!(finder.searchers, Searchers::Together { .. }));
        assert_eq!(lines(&finder, LOG), expected());
    }

    #[test]
    fn a_lower_case_mark_keeps_many_patterns_in_one_wide_search() {
        let finder = LineFinder::new(&many_leads(), &[b"Backend "], &[b"rror"]).expect("small automaton");
        assert!(matches!(finder.searchers, Searchers::Together { .. }));
        let found = lines(&finder, "noise\n{\"error_code\": \"X.1\"}\nBackend timeout\n");
        let expected = [
            ("{\"error_code\": \"X.1\"}".to_owned(), false, true),
            ("Backend timeout".to_owned(), false, true),
        ];
        assert_eq!(found, expected);
    }

    #[test]
    fn many_patterns_with_lower_case_gates_are_found_in_two_searches_with_the_same_lines() {
        let finder = LineFinder::new(&many_leads(), &[b"timeout"], &[b"\"error"]).expect("small automaton");
        assert!(matches!(finder.searchers, Searchers::Apart { .. }));
        assert_eq!(lines(&finder, LOG), expected());
    }

    /// One search finds one pattern per position, the lead before a gate: the line still
    /// comes out, marked as holding a lead, and the caller reads it whole when the lead makes no
    /// code.
    #[test]
    fn a_gate_starting_where_a_lead_does_still_yields_its_line() {
        let finder = LineFinder::new(&[b"AIS.".to_vec()], &[b"AIS.x is gone"], &[]).expect("small automaton");
        let found = lines(&finder, "a AIS.x is gone\n");
        assert_eq!(found, [("a AIS.x is gone".to_owned(), true, false)]);
    }
}
