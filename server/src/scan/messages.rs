//! Finds catalog *messages* in lines that carry no code: `Backend timeout.` in a gateway line
//! counts for `APIG.0201`.
//!
//! Each message becomes a pattern of literal segments separated by placeholders (`XX`, `XXX`:
//! any text). One Aho-Corasick automaton holds a single *anchor* per message, its rarest-looking
//! word, so a line is only looked at closely when an anchor occurs in it; the full pattern is
//! then verified by a literal search in that line alone. No regex is run per message per line.
//!
//! Finding the lines worth a look in a whole log is the caller's search, over the *gate
//! words*: one per message, the text from its most capitalised word on (cheap for the SIMD
//! search, see [`capitalised_gate`]) or else its anchor, gates that begin alike merged into
//! their common start; when that leaves too many, a few words that between them occur in every
//! message (a greedy set cover), so the pass stays a SIMD literal search of a few dozen
//! patterns however many messages the catalog has.
//!
//! **Invariant:** works on bytes of one line at a time and on the catalog; no IO, no line
//! numbers.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, MatchKind};

use crate::catalog::{Catalog, EntryId};

/// A catalog message as a pattern: `segments[0] .* segments[1] .* …` within one line.
#[derive(Debug, Clone)]
struct MessagePattern {
    entry: EntryId,
    segments: Vec<Vec<u8>>,
    /// Literal bytes in the pattern; the longest match wins when several messages match.
    literal_len: usize,
    /// Where the anchor sits: which segment, and how far into it. A line can only match where
    /// an occurrence of the anchor has this segment around it, which rejects most of the many
    /// messages that share an anchor word with one comparison each.
    anchor_segment: usize,
    anchor_offset: usize,
    /// The anchor's index among the matcher's anchor words.
    anchor: usize,
}

/// Recognises catalog messages in lines.
#[derive(Debug, Clone)]
pub struct MessageMatcher {
    anchors: Option<AhoCorasick>,
    anchor_words: Vec<Vec<u8>>,
    /// Words of which every line holding a message holds at least one.
    gate_words: Vec<Vec<u8>>,
    /// For each anchor pattern, the messages that contain it.
    candidates: Vec<Vec<usize>>,
    patterns: Vec<MessagePattern>,
}

/// Messages shorter than this (in literal bytes) are too vague to identify a code on their own.
const MIN_LITERAL: usize = 8;

impl MessageMatcher {
    pub fn new(catalog: &Catalog) -> Self {
        let mut patterns = Vec::new();
        let mut anchor_texts: Vec<Vec<u8>> = Vec::new();
        let mut candidates: Vec<Vec<usize>> = Vec::new();
        let mut anchor_index: HashMap<Vec<u8>, usize> = HashMap::new();
        // A message shared by several codes counts for the first of them (catalog order wins
        // ties), so the later copies are never tried.
        let mut seen: HashSet<Vec<Vec<u8>>> = HashSet::new();
        for id in catalog.ids() {
            let Some(segments) = segments(&catalog.entry(id).message) else { continue };
            let literal_len = segments.iter().map(Vec::len).sum();
            if literal_len < MIN_LITERAL || seen.contains(&segments) {
                continue;
            }
            seen.insert(segments.clone());
            let Some((anchor_segment, anchor_offset, anchor)) = anchor(&segments) else { continue };
            let anchor = *anchor_index.entry(anchor).or_insert_with_key(|anchor| {
                anchor_texts.push(anchor.clone());
                candidates.push(Vec::new());
                anchor_texts.len() - 1
            });
            candidates[anchor].push(patterns.len());
            patterns.push(MessagePattern {
                entry: id,
                segments,
                literal_len,
                anchor_segment,
                anchor_offset,
                anchor,
            });
        }
        let anchors = if anchor_texts.is_empty() {
            None
        } else {
            // Standard semantics allow the overlapping search that finds every anchor of a line.
            AhoCorasick::builder().match_kind(MatchKind::Standard).build(&anchor_texts).ok()
        };
        let own_gates = patterns
            .iter()
            .map(|pattern| {
                capitalised_gate(&pattern.segments).unwrap_or_else(|| anchor_texts[pattern.anchor].clone())
            })
            .collect();
        let own_gates = merge_shared_prefixes(own_gates);
        let gate_words = if own_gates.len() <= GATE_LIMIT {
            own_gates
        } else {
            gate_words(&patterns, &anchor_texts, &candidates)
        };
        MessageMatcher { anchors, anchor_words: anchor_texts, gate_words, candidates, patterns }
    }

    /// The anchor words, one per message (several messages may share one).
    pub fn anchor_words(&self) -> &[Vec<u8>] {
        &self.anchor_words
    }

    /// Words of which any line holding a message holds at least one, for callers that look
    /// for candidate lines in a large buffer before calling [`MessageMatcher::match_line`] on
    /// them. At most [`GATE_LIMIT`] when the messages allow it.
    pub fn gate_words(&self) -> &[Vec<u8>] {
        &self.gate_words
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The code whose message `line` contains, the most specific (longest) one when several
    /// do.
    pub fn match_line(&self, line: &[u8]) -> Option<EntryId> {
        let anchors = self.anchors.as_ref()?;
        // The best so far as (literal bytes, pattern index): longest first, catalog order on ties.
        let mut best: Option<(usize, usize)> = None;
        for found in anchors.find_overlapping_iter(line) {
            for &index in &self.candidates[found.pattern().as_usize()] {
                let pattern = &self.patterns[index];
                let beats = |(len, at): (usize, usize)| {
                    pattern.literal_len > len || (pattern.literal_len == len && index < at)
                };
                if best.is_some_and(|b| !beats(b)) {
                    continue;
                }
                if pattern.fits_anchor_at(line, found.start()) && pattern.matches(line) {
                    best = Some((pattern.literal_len, index));
                }
            }
        }
        best.map(|(_, index)| self.patterns[index].entry)
    }
}

impl MessagePattern {
    /// Whether the segment holding the anchor is in `line` around an anchor found at `at`.
    fn fits_anchor_at(&self, line: &[u8], at: usize) -> bool {
        at.checked_sub(self.anchor_offset)
            .and_then(|start| line.get(start..))
            .is_some_and(|rest| rest.starts_with(&self.segments[self.anchor_segment]))
    }

    fn matches(&self, line: &[u8]) -> bool {
        let mut rest = line;
        for segment in &self.segments {
            match find_in_line(rest, segment) {
                Some(at) => rest = &rest[at + segment.len()..],
                None => return false,
            }
        }
        true
    }
}

/// Where `needle` first occurs in a line. A line is short and a message is verified against
/// few of them, so no searcher is built (building one costs more than searching a line, and a
/// prebuilt one per message segment costs the catalog's load time).
fn find_in_line(line: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut from = 0;
    while let Some(i) = memchr::memchr(first, line.get(from..)?) {
        let at = from + i;
        if line[at..].starts_with(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Gate words past this many would make the search for lines an automaton walk per byte instead of
/// a SIMD literal search (which holds 64 patterns, the recogniser's leads included); a catalog
/// whose messages need more gates than this shares gate words.
pub const GATE_LIMIT: usize = 32;

/// Words too common in logs to gate on: nearly every line would be a candidate.
const COMMON_IN_LOGS: &[&str] = &[
    "request", "requests", "response", "error", "errors", "failed", "failure", "info", "debug", "warn",
    "warning", "status", "code", "user", "with", "from", "that", "this", "have", "been", "when", "will",
    "into", "than", "then", "there", "which", "message", "null", "true", "false", "http", "https", "data",
    "value", "name", "type", "path", "service", "server", "client", "time",
];

/// A small set of words such that every message pattern contains one of them (a greedy set
/// cover: the word in the most uncovered messages first, the rarer-looking on a tie). Messages
/// still uncovered at [`GATE_LIMIT`] words gate on their own anchor.
fn gate_words(patterns: &[MessagePattern], anchors: &[Vec<u8>], candidates: &[Vec<usize>]) -> Vec<Vec<u8>> {
    let mut ids: HashMap<&[u8], u32> = HashMap::new();
    let mut words: Vec<&[u8]> = Vec::new();
    let mut pattern_words: Vec<Vec<u32>> = Vec::with_capacity(patterns.len());
    for pattern in patterns {
        let mut own: Vec<u32> = Vec::new();
        for segment in &pattern.segments {
            for word in segment.split(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')) {
                if word.len() < 4 || COMMON_IN_LOGS.iter().any(|c| word.eq_ignore_ascii_case(c.as_bytes())) {
                    continue;
                }
                let id = *ids.entry(word).or_insert_with(|| {
                    words.push(word);
                    words.len() as u32 - 1
                });
                own.push(id);
            }
        }
        own.sort_unstable();
        own.dedup();
        pattern_words.push(own);
    }
    let mut count = vec![0u32; words.len()];
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); words.len()];
    for (index, own) in pattern_words.iter().enumerate() {
        for &id in own {
            count[id as usize] += 1;
            holders[id as usize].push(index as u32);
        }
    }
    let score = |word: &[u8]| word.iter().map(|&b| rarity(b)).sum::<usize>();
    let mut covered = vec![false; patterns.len()];
    let mut gates: Vec<Vec<u8>> = Vec::new();
    while gates.len() < GATE_LIMIT {
        let best = (0..words.len())
            .filter(|&id| count[id] > 0)
            .max_by_key(|&id| (count[id], score(words[id]), std::cmp::Reverse(id)));
        let Some(best) = best else { break };
        gates.push(words[best].to_vec());
        for &index in &holders[best] {
            if !std::mem::replace(&mut covered[index as usize], true) {
                for &id in &pattern_words[index as usize] {
                    count[id as usize] -= 1;
                }
            }
        }
    }
    for (anchor, members) in anchors.iter().zip(candidates) {
        if members.iter().any(|&index| !covered[index]) && !gates.contains(anchor) {
            gates.push(anchor.clone());
        }
    }
    gates
}

/// Gates longer than this add nothing: a gate only has to be rare, not to identify.
const GATE_LEN: usize = 16;

/// A gate for one message that a SIMD literal search finds cheaply: the text from a
/// capitalised word on (`Backend timeout`, `IAM authentica`). The search tells candidates from
/// the rest of the text by their first bytes, and logs are mostly lower case, digits and
/// punctuation, so a gate starting with capitals is rarely a false candidate, where a lower
/// case word (`throttling`) is one at nearly every other word. The word that starts with the
/// most capitals wins, the earliest on a tie; `None` when no such word leaves at least
/// [`MIN_GATE`] bytes of its segment.
fn capitalised_gate(segments: &[Vec<u8>]) -> Option<Vec<u8>> {
    let mut best: Option<(usize, &[u8])> = None;
    for segment in segments {
        for start in 0..segment.len() {
            let at_word_start = start == 0 || !segment[start - 1].is_ascii_alphanumeric();
            if !at_word_start || !segment[start].is_ascii_uppercase() || segment.len() - start < MIN_GATE {
                continue;
            }
            let capitals = segment[start..].iter().take(4).filter(|b| b.is_ascii_uppercase()).count();
            if best.is_none_or(|(c, _)| capitals > c) {
                best = Some((capitals, &segment[start..segment.len().min(start + GATE_LEN)]));
            }
        }
    }
    best.map(|(_, gate)| gate.to_vec())
}

/// A capitalised gate shorter than this could be a common word (`The`, `Error`).
const MIN_GATE: usize = 8;

/// Gates that begin alike (`Backend service`, `Backend timeout`) become their common start when
/// that is still [`MIN_GATE`] long: any line holding one holds it, and fewer patterns keep the
/// search in its fastest form (see `scan::interest`).
fn merge_shared_prefixes(mut gates: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    gates.sort();
    gates.dedup();
    let mut merged: Vec<Vec<u8>> = Vec::with_capacity(gates.len());
    for gate in gates {
        if let Some(last) = merged.last_mut() {
            let common = last.iter().zip(&gate).take_while(|(a, b)| a == b).count();
            // Sorted, so `last` may be a start of `gate`, never the other way round.
            if common == last.len() || common >= MIN_GATE {
                last.truncate(common);
                continue;
            }
        }
        merged.push(gate);
    }
    merged
}

/// Splits a message into the literal segments between placeholders. A trailing full stop is
/// dropped (logs often omit it), as is surrounding white space. `None` for an empty message.
fn segments(message: &str) -> Option<Vec<Vec<u8>>> {
    let message = message.trim();
    let message = message.strip_suffix('.').unwrap_or(message).trim_end();
    if message.is_empty() {
        return None;
    }
    let bytes = message.as_bytes();
    let mut segments = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if is_placeholder_at(bytes, i) {
            let len = bytes[i..].iter().take_while(|&&b| b == b'X').count();
            segments.push(bytes[start..i].to_vec());
            i += len;
            start = i;
        } else {
            i += 1;
        }
    }
    segments.push(bytes[start..].to_vec());
    // A placeholder at either end matches anything, including nothing: drop empty segments.
    let segments: Vec<Vec<u8>> =
        segments.into_iter().map(|s| s.trim_ascii().to_vec()).filter(|s| !s.is_empty()).collect();
    (!segments.is_empty()).then_some(segments)
}

/// `XX`, `XXX`, … standing alone as a word (not the `X` of `XML` or the `XX` of `XXLarge`).
fn is_placeholder_at(bytes: &[u8], i: usize) -> bool {
    let len = bytes[i..].iter().take_while(|&&b| b == b'X').count();
    if len < 2 {
        return false;
    }
    let before = i.checked_sub(1).map(|j| bytes[j]);
    let after = bytes.get(i + len).copied();
    let is_word = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
    !is_word(before) && !is_word(after)
}

/// The word of a message most likely to be rare in a log, as the message's search anchor:
/// long words with uncommon letters win ("throttling" over "the"). Returned with the index of
/// its segment and its offset in it.
fn anchor(segments: &[Vec<u8>]) -> Option<(usize, usize, Vec<u8>)> {
    let mut best: Option<(usize, usize, usize, &[u8])> = None;
    for (index, segment) in segments.iter().enumerate() {
        // Each word is followed by exactly one separator byte, so offsets add up.
        let mut offset = 0;
        for word in segment.split(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')) {
            let score: usize = word.iter().map(|&b| rarity(b)).sum();
            if word.len() >= 3 && best.is_none_or(|(s, ..)| score > s) {
                best = Some((score, index, offset, word));
            }
            offset += word.len() + 1;
        }
    }
    match best {
        Some((_, index, offset, word)) => Some((index, offset, word.to_vec())),
        // No word of three letters: the longest segment is the anchor.
        None => {
            let (index, segment) = segments.iter().enumerate().max_by_key(|(_, s)| s.len())?;
            Some((index, 0, segment.clone()))
        }
    }
}

/// How uncommon a byte is in English-like log text, 1 (common) to 10 (rare).
fn rarity(b: u8) -> usize {
    match b.to_ascii_lowercase() {
        b'e' | b't' | b'a' | b'o' | b'i' | b'n' => 2,
        b's' | b'r' | b'h' | b'l' | b'd' => 3,
        b'c' | b'u' | b'm' | b'f' | b'p' | b'g' | b'w' | b'y' => 5,
        b'b' | b'v' | b'k' => 7,
        b'x' | b'j' | b'q' | b'z' => 9,
        b'0'..=b'9' => 4,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(message: &str) -> Vec<String> {
        segments(message)
            .unwrap_or_default()
            .iter()
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect()
    }

    #[test]
    fn placeholders_split_messages_and_a_full_stop_is_optional() {
        assert_eq!(
            seg(
                "The throttling threshold has been reached: policy user over ratelimit,limit:XX,time:1 minute."
            ),
            [
                "The throttling threshold has been reached: policy user over ratelimit,limit:",
                ",time:1 minute"
            ]
        );
        assert_eq!(
            seg("Request api error! The API XXX is not subscribed."),
            ["Request api error! The API", "is not subscribed"]
        );
    }

    fn matcher(messages: &[(&str, &str)]) -> (Catalog, MessageMatcher) {
        let codes: Vec<String> = messages
            .iter()
            .map(|(code, message)| format!(r#"{{"code": "{code}", "message": "{message}"}}"#))
            .collect();
        let text = format!(r#"{{"codes": [{}]}}"#, codes.join(","));
        let mut builder = crate::catalog::CatalogBuilder::new();
        builder.add(
            "m".into(),
            crate::catalog::Origin::File("m.json".into()),
            crate::catalog::import_document("m.json", &text),
        );
        let catalog = builder.finish().0;
        let matcher = MessageMatcher::new(&catalog);
        (catalog, matcher)
    }

    fn code_of(catalog: &Catalog, matcher: &MessageMatcher, line: &str) -> Option<String> {
        matcher.match_line(line.as_bytes()).map(|id| catalog.entry(id).code.clone())
    }

    #[test]
    fn a_message_shared_by_several_codes_counts_for_the_first() {
        let (catalog, matcher) =
            matcher(&[("GEN.0001", "The quota does not exist."), ("GEN.0002", "The quota does not exist.")]);
        assert_eq!(
            code_of(&catalog, &matcher, "lookup: The quota does not exist").as_deref(),
            Some("GEN.0001")
        );
    }

    #[test]
    fn an_anchor_word_elsewhere_in_the_line_does_not_hide_the_message() {
        let (catalog, matcher) = matcher(&[
            ("GEN.0001", "The throttling threshold has been reached"),
            ("GEN.0002", "All throttling is off"),
        ]);
        assert_eq!(matcher.anchor_words(), [b"throttling".to_vec()]);
        let line = "throttling: All throttling is off; throttling threshold unknown";
        assert_eq!(code_of(&catalog, &matcher, line).as_deref(), Some("GEN.0002"));
        let line = "throttling? The throttling threshold has been reached";
        assert_eq!(code_of(&catalog, &matcher, line).as_deref(), Some("GEN.0001"));
    }

    #[test]
    fn gates_start_at_the_most_capitalised_word() {
        let gate = |message: &str| {
            capitalised_gate(&segments(message).unwrap_or_default())
                .map(|g| String::from_utf8_lossy(&g).into_owned())
        };
        assert_eq!(gate("Incorrect IAM authentication information.").as_deref(), Some("IAM authenticati"));
        assert_eq!(gate("The throttling threshold has been reached").as_deref(), Some("The throttling t"));
        assert_eq!(gate("Backend timeout.").as_deref(), Some("Backend timeout"));
        // Too short to be rare, or no capital at all: the message gates on its anchor word.
        assert_eq!(gate("Not OK XX"), None);
        assert_eq!(gate("quota exceeded for XXX"), None);
    }

    #[test]
    fn gates_that_begin_alike_merge_into_their_common_start() {
        let gates = |words: &[&str]| {
            merge_shared_prefixes(words.iter().map(|w| w.as_bytes().to_vec()).collect())
                .iter()
                .map(|g| String::from_utf8_lossy(g).into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            gates(&[
                "Backend timeout",
                "Backend service ",
                "Invalid token",
                "Request url need",
                "Backend service "
            ]),
            ["Backend ", "Invalid token", "Request url need"]
        );
        // A shorter common start could be a common word: kept apart.
        assert_eq!(gates(&["The image size", "The input param"]), ["The image size", "The input param"]);
        // A gate that is another's start covers it.
        assert_eq!(gates(&["quota", "quotas"]), ["quota"]);
    }

    #[test]
    fn x_inside_words_is_not_a_placeholder() {
        assert_eq!(seg("XML parse of XXLarge failed"), ["XML parse of XXLarge failed"]);
    }

    #[test]
    fn anchors_prefer_long_rare_words() {
        let (segment, offset, anchor) =
            anchor(&[b"The throttling threshold has been reached".to_vec()]).unwrap_or_default();
        assert_eq!((segment, offset, String::from_utf8_lossy(&anchor).as_ref()), (0, 4, "throttling"));
    }
}
