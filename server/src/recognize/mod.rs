//! Finds error codes in any text: source in any language, logs, JSON, Markdown.
//!
//! A [`Recognizer`] is built once per catalog. It searches for every code family's literal lead
//! (`AIS.`, `ModelArts.`, `PAY-`) with one Aho-Corasick automaton (SIMD-accelerated for few
//! patterns, as ripgrep's literal search is), then checks each hit's boundaries and digits. Hits
//! are either a catalog code or a code-shaped token of a known family that the catalog lacks:
//! the "unknown code" candidates.
//!
//! A family's shape is learnt from its catalog codes: a token belongs to the family when its
//! digits have one of the counts the family's codes have, or one digit fewer or more (a dropped
//! or doubled digit is the typo worth reporting). With four-digit `AIS` codes, `AIS.010` and
//! `AIS.01011` are unknown `AIS` codes, while `AIS.0` and `AIS.99` (ship-tracking message types)
//! are not codes at all. A family without a separator (`E1001`) takes only its own counts, so
//! `E123` (a linter's rule) stays plain text.
//!
//! Boundaries are exact: a code is neither preceded nor followed by a word character, nor by a
//! code separator that continues the token (`AIS.01011`, `xAIS.0101`, `v1.AIS.0101`,
//! `AIS.0101.5` and `AIS.01.01` are not `AIS.0101`). Non-ASCII text is no word character, so
//! `返回AIS.0101入参` holds the code.
//!
//! **Invariant:** works on bytes and byte offsets only; no IO, no positions in any encoding; the
//! only shapes it knows are the catalog's.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::catalog::{Catalog, CodeShape, DigitLengths, EntryId};

/// The longest run of digits considered part of a code.
const MAX_DIGITS: usize = 12;

/// What a recognised token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Recognized {
    /// A code the catalog lists.
    Known(EntryId),
    /// A token of a known family's shape that the catalog lacks; `namespace` indexes
    /// [`Catalog::namespaces`].
    Unknown { namespace: usize },
}

/// One recognised token and its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub range: Range<usize>,
    pub kind: Recognized,
}

impl Occurrence {
    pub fn entry(&self) -> Option<EntryId> {
        match self.kind {
            Recognized::Known(id) => Some(id),
            Recognized::Unknown { .. } => None,
        }
    }
}

/// What each search pattern stands for.
#[derive(Debug, Clone)]
enum Lead {
    /// A family's `prefix + separator`, to be followed by as many digits as `lengths` allows.
    Family { namespace: usize, lengths: DigitLengths },
    /// A code with no digit tail, matched by exact spelling.
    Exact(EntryId),
}

/// Recognises a catalog's codes in text. Cheap to share; build a new one when the catalog
/// changes.
#[derive(Debug, Clone)]
pub struct Recognizer {
    searcher: Option<AhoCorasick>,
    /// The searcher's patterns, for callers that fold them into a search of their own.
    patterns: Vec<Vec<u8>>,
    leads: Vec<Lead>,
    codes: HashMap<Box<[u8]>, EntryId>,
    /// Separators that occur inside the catalog's codes: they continue a token.
    joiners: [bool; 256],
}

impl Recognizer {
    pub fn new(catalog: &Catalog) -> Self {
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        let mut leads = Vec::new();
        for (index, ns) in catalog.namespaces().iter().enumerate() {
            // A family without a separator (`E1001`) only matches its own digit counts, so a bare
            // letter before a number (`E123`, `W291`) does not become an "unknown code".
            let lengths = if ns.shape.separator.is_empty() { ns.lengths } else { ns.lengths.widened() };
            patterns.push(ns.shape.lead().into_bytes());
            leads.push(Lead::Family { namespace: index, lengths });
        }
        let mut codes = HashMap::new();
        let mut joiners = [false; 256];
        for id in catalog.ids() {
            let code = &catalog.entry(id).code;
            codes.insert(code.as_bytes().into(), id);
            for b in code.bytes().filter(|b| !is_word(*b) && b.is_ascii()) {
                joiners[b as usize] = true;
            }
            if CodeShape::split(code).is_none() {
                patterns.push(code.as_bytes().to_vec());
                leads.push(Lead::Exact(id));
            }
        }
        let searcher = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .or_else(|_| AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns))
                .ok()
        });
        Recognizer { searcher: searcher.flatten(), patterns, leads, codes, joiners }
    }

    /// The literals every recognised token starts with (family leads, codes without digits):
    /// a line holding none of them holds no code.
    pub fn leads(&self) -> &[Vec<u8>] {
        &self.patterns
    }

    /// Every recognised token in `text`, in order.
    pub fn find_iter<'r, 't>(&'r self, text: &'t [u8]) -> impl Iterator<Item = Occurrence> + use<'r, 't> {
        self.searcher
            .iter()
            .flat_map(move |searcher| searcher.find_iter(text))
            .filter_map(move |m| self.confirm(text, m.start(), m.end(), m.pattern().as_usize()))
    }

    /// Whether byte `b` continues a token (a letter, a digit, `_`, or a separator some code
    /// holds): next to a code, such a byte changes what is recognised.
    pub fn continues_token(&self, b: u8) -> bool {
        is_word(b) || self.joiners[b as usize]
    }

    /// The recognised token that contains byte `offset` (or ends exactly at it), if any.
    pub fn at(&self, text: &[u8], offset: usize) -> Option<Occurrence> {
        let offset = offset.min(text.len());
        let is_token = |b: &u8| is_word(*b) || self.joiners[*b as usize];
        let start = text[..offset].iter().rposition(|b| !is_token(b)).map_or(0, |i| i + 1);
        let end = text[offset..].iter().position(|b| !is_token(b)).map_or(text.len(), |i| offset + i);
        let window_start = start.saturating_sub(1);
        let window_end = (end + 1).min(text.len());
        self.find_iter(&text[window_start..window_end])
            .map(|o| Occurrence {
                range: o.range.start + window_start..o.range.end + window_start,
                kind: o.kind,
            })
            .find(|o| o.range.start <= offset && offset <= o.range.end)
    }

    fn confirm(&self, text: &[u8], start: usize, lead_end: usize, pattern: usize) -> Option<Occurrence> {
        if !self.starts_token(text, start) {
            return None;
        }
        match &self.leads[pattern] {
            Lead::Exact(id) => self
                .ends_token(text, lead_end)
                .then_some(Occurrence { range: start..lead_end, kind: Recognized::Known(*id) }),
            Lead::Family { namespace, lengths } => {
                let count =
                    text[lead_end..].iter().take(MAX_DIGITS + 1).take_while(|b| b.is_ascii_digit()).count();
                let end = lead_end + count;
                if count > MAX_DIGITS
                    || !lengths.contains(count)
                    || !self.ends_token(text, end)
                    || continues_as_pattern(&text[end..])
                {
                    return None;
                }
                let kind = match self.codes.get(&text[start..end]) {
                    Some(&id) => Recognized::Known(id),
                    None => Recognized::Unknown { namespace: *namespace },
                };
                Some(Occurrence { range: start..end, kind })
            }
        }
    }

    fn starts_token(&self, text: &[u8], start: usize) -> bool {
        match start.checked_sub(1).map(|i| text[i]) {
            None => true,
            Some(b) if is_word(b) => false,
            Some(b) if self.joiners[b as usize] => start < 2 || !is_word(text[start - 2]),
            Some(_) => true,
        }
    }

    fn ends_token(&self, text: &[u8], end: usize) -> bool {
        match text.get(end) {
            None => true,
            Some(&b) if is_word(b) => false,
            Some(&b) if self.joiners[b as usize] => !text.get(end + 1).is_some_and(|&n| is_word(n)),
            Some(_) => true,
        }
    }
}

/// Whether the text after a code's digits makes it part of a pattern rather than a code:
/// a character class or repetition (`AIS.010[1-5]`, `AIS.010{1,2}`) or a regex class escape
/// (`AIS.010\d`, or `AIS.010\\d` inside a string literal). A string escape such as `\n` after a
/// code leaves it a code.
fn continues_as_pattern(after: &[u8]) -> bool {
    match after {
        [b'[' | b'{', ..] => true,
        [b'\\', b'\\', class, ..] | [b'\\', class, ..] => matches!(class, b'd' | b'D' | b'w' | b'W'),
        _ => false,
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

#[cfg(test)]
mod tests;
