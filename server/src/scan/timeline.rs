//! Counts per code per minute: the shape of an incident over time ("APIG.0308 started at 10:42
//! and stopped at 11:05"), which a table of counts does not show.
//!
//! A line's time is its own timestamp ([`super::timestamp`]) or, without one, the last one
//! seen before it (a stack trace belongs to the line that started it). A part of a log scanned
//! on its own does not know the time its first lines inherit: their counts wait in
//! [`Timeline::leading`] until [`Timeline::append`] puts the part after the one before it.
//! Inputs that are not parts of one log merge with [`Timeline::merge`], where lines before any
//! timestamp stay untimed.
//!
//! **Invariant:** minutes are the unit kept; buckets of any size are made when reading
//! ([`Timeline::buckets`]), so partial timelines merge exactly whatever the bucket asked for.

use std::collections::{BTreeMap, HashMap};

/// A minute, in seconds since the epoch divided by 60.
pub type Minute = i64;

/// Counts of codes (named by the caller's key) per minute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline<K: Eq + std::hash::Hash + Clone> {
    minutes: BTreeMap<Minute, HashMap<K, u64>>,
    /// Counts of lines before the first timestamp of this part.
    leading: HashMap<K, u64>,
    /// The time of the last line (a part whose lines all wait has none).
    last: Option<i64>,
}

impl<K: Eq + std::hash::Hash + Clone> Default for Timeline<K> {
    fn default() -> Self {
        Self { minutes: BTreeMap::new(), leading: HashMap::new(), last: None }
    }
}

/// A bucket's start (seconds since the epoch) and its counts.
pub type Bucket<K> = (i64, HashMap<K, u64>);

impl<K: Eq + std::hash::Hash + Clone> Timeline<K> {
    /// One line mentioning `code`, written at `time` (its own timestamp or the last one before
    /// it), or before any timestamp of this part.
    pub fn count_at(&mut self, code: K, time: Option<i64>) {
        let slot = match time {
            Some(seconds) => self.minutes.entry(seconds.div_euclid(60)).or_default(),
            None => &mut self.leading,
        };
        *slot.entry(code).or_default() += 1;
    }

    /// `lines` lines mentioning `code` at `time`, at once: how a timeline is rebuilt from counts
    /// kept elsewhere (the Python package's tallies, which travel between processes).
    pub fn add_at(&mut self, code: K, time: Option<i64>, lines: u64) {
        let slot = match time {
            Some(seconds) => self.minutes.entry(seconds.div_euclid(60)).or_default(),
            None => &mut self.leading,
        };
        *slot.entry(code).or_default() += lines;
    }

    /// The time of the part's last line: what the leading lines of the part after it inherit.
    pub fn set_last(&mut self, time: Option<i64>) {
        self.last = time.or(self.last);
    }

    /// Puts `next`, the part of the same log that follows this one, after it: its leading lines
    /// take this part's last time.
    pub fn append(&mut self, next: Timeline<K>) {
        match self.last {
            Some(seconds) => {
                let slot = self.minutes.entry(seconds.div_euclid(60)).or_default();
                add(slot, next.leading);
            }
            None => add(&mut self.leading, next.leading),
        }
        self.add_minutes(next.minutes);
        self.last = next.last.or(self.last);
    }

    /// Adds the timeline of another input. Associative and commutative: lines before either
    /// input's first timestamp stay untimed.
    pub fn merge(&mut self, other: Timeline<K>) {
        add(&mut self.leading, other.leading);
        self.add_minutes(other.minutes);
        self.last = match (self.last, other.last) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    fn add_minutes(&mut self, minutes: BTreeMap<Minute, HashMap<K, u64>>) {
        for (minute, counts) in minutes {
            add(self.minutes.entry(minute).or_default(), counts);
        }
    }

    /// Lines counted before any timestamp.
    pub fn untimed(&self) -> &HashMap<K, u64> {
        &self.leading
    }

    /// The first and last minute with counts, in seconds since the epoch.
    pub fn span(&self) -> Option<(i64, i64)> {
        let first = self.minutes.keys().next()?;
        let last = self.minutes.keys().next_back()?;
        Some((first * 60, last * 60))
    }

    /// Counts per bucket of `seconds` (a multiple of 60), every bucket between the first and
    /// the last included so a chart's gaps are real.
    pub fn buckets(&self, seconds: i64) -> Vec<Bucket<K>> {
        let size = (seconds / 60).max(1);
        let mut out: Vec<Bucket<K>> = Vec::new();
        let Some((first, last)) = self.span() else { return out };
        let (first, last) = ((first / 60).div_euclid(size), (last / 60).div_euclid(size));
        out.extend((first..=last).map(|b| (b * size * 60, HashMap::new())));
        for (minute, counts) in &self.minutes {
            let index = (minute.div_euclid(size) - first) as usize;
            if let Some((_, slot)) = out.get_mut(index) {
                add(slot, counts.clone());
            }
        }
        out
    }
}

fn add<K: Eq + std::hash::Hash>(into: &mut HashMap<K, u64>, from: HashMap<K, u64>) {
    for (code, count) in from {
        *into.entry(code).or_default() += count;
    }
}

/// Bucket sizes `auto` chooses from, in seconds.
const AUTO_SIZES: &[i64] = &[60, 300, 900, 3600, 6 * 3600, 86_400, 7 * 86_400];

/// The smallest of the usual bucket sizes that draws `span` seconds in at most `max` buckets.
pub fn auto_bucket(span: i64, max: i64) -> i64 {
    AUTO_SIZES.iter().copied().find(|size| span / size < max).unwrap_or(7 * 86_400)
}

/// `1m`, `5m`, `1h`, `90s`, `2d` as seconds (a multiple of a minute, at least one).
pub fn parse_bucket(text: &str) -> Option<i64> {
    let (number, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit())?);
    let number: i64 = number.parse().ok()?;
    let seconds = number.checked_mul(match unit {
        "s" => 1,
        "m" | "min" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    })?;
    (seconds >= 60 && seconds % 60 == 0).then_some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timeline(events: &[(Option<i64>, &'static str)]) -> Timeline<&'static str> {
        let mut t = Timeline::default();
        let mut now = None;
        for &(time, code) in events {
            now = time.or(now);
            t.count_at(code, now);
        }
        t.set_last(now);
        t
    }

    #[test]
    fn lines_without_a_timestamp_inherit_the_last_one() {
        let t = timeline(&[(Some(600), "A"), (None, "A"), (Some(700), "B")]);
        let buckets = t.buckets(60);
        assert_eq!(buckets.len(), 2);
        assert_eq!(buckets[0], (600, HashMap::from([("A", 2)])));
        assert_eq!(buckets[1], (660, HashMap::from([("B", 1)])));
    }

    #[test]
    fn a_part_appended_gives_its_leading_lines_the_previous_parts_time() {
        let whole = timeline(&[(Some(600), "A"), (None, "B"), (None, "B"), (Some(900), "A")]);
        let mut first = timeline(&[(Some(600), "A"), (None, "B")]);
        let second = timeline(&[(None, "B"), (Some(900), "A")]);
        assert_eq!(second.untimed(), &HashMap::from([("B", 1)]));
        first.append(second);
        assert_eq!(first, whole);
    }

    #[test]
    fn merging_inputs_is_associative_and_commutative() {
        let a = timeline(&[(None, "X"), (Some(60), "A")]);
        let b = timeline(&[(Some(7200), "B"), (None, "B")]);
        let c = timeline(&[(Some(120), "A")]);
        let mut left = a.clone();
        left.merge(b.clone());
        left.merge(c.clone());
        let mut right = c;
        let mut bc = b;
        bc.merge(a);
        right.merge(bc);
        assert_eq!(left, right);
        assert_eq!(left.untimed(), &HashMap::from([("X", 1)]));
    }

    #[test]
    fn buckets_cover_the_gaps_between_counts() {
        let t = timeline(&[(Some(0), "A"), (Some(3 * 3600), "A")]);
        let hours = t.buckets(3600);
        assert_eq!(hours.iter().map(|b| b.0).collect::<Vec<_>>(), [0, 3600, 7200, 10800]);
        assert!(hours[1].1.is_empty());
    }

    #[test]
    fn bucket_sizes_read_and_chosen() {
        assert_eq!(parse_bucket("5m"), Some(300));
        assert_eq!(parse_bucket("1h"), Some(3600));
        assert_eq!(parse_bucket("120s"), Some(120));
        assert_eq!(parse_bucket("30s"), None);
        assert_eq!(parse_bucket("h"), None);
        assert_eq!(auto_bucket(30 * 60, 120), 60);
        assert_eq!(auto_bucket(24 * 3600, 120), 900);
    }
}
