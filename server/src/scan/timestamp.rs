//! The time a log line was written, read from the line itself, for the scan's timeline.
//!
//! Recognised, the first found on a line wins (only its first [`LOOK_AT`] bytes are read):
//! - ISO 8601 / RFC 3339: `2026-03-07T10:42:01Z`, `2026-03-07 10:42:01,123+08:00`; a time
//!   without an offset is taken as UTC;
//! - the common log format's `[07/Mar/2026:10:42:01 +0100]`;
//! - syslog's `Mar  7 10:42:01` at the start of a line (after an optional `<PRI>`), which has
//!   no year: the caller supplies one ([`Clock::year`]);
//! - epoch seconds or milliseconds as the number of a JSON field named `ts`, `time`,
//!   `timestamp`, `@timestamp`, `epoch`, `time_ms` or `timestamp_ms` (`"ts": 1772880121`,
//!   `"timestamp":1772880121123`): ten digits are seconds, thirteen milliseconds.
//!
//! **Invariant:** bytes in, seconds since the Unix epoch (UTC) out; no clock, no locale, no IO.

/// How much of a line is searched: timestamps lead their lines or sit in an early JSON field.
pub const LOOK_AT: usize = 512;

/// What a line alone does not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    /// The year of syslog timestamps, which carry none.
    pub year: i64,
}

/// Seconds since the Unix epoch of the first timestamp on `line`, if it has one.
pub fn timestamp(line: &[u8], clock: Clock) -> Option<i64> {
    let line = &line[..line.len().min(LOOK_AT)];
    syslog(line, clock).or_else(|| {
        (0..line.len()).find_map(|at| match line[at] {
            b'0'..=b'9' if at == 0 || !line[at - 1].is_ascii_digit() => iso(&line[at..]),
            b'[' => common_log(&line[at + 1..]),
            b'"' => epoch_field(&line[at + 1..]),
            _ => None,
        })
    })
}

/// `2026-03-07T10:42:01.123+08:00` and its variants, at the start of `s`.
fn iso(s: &[u8]) -> Option<i64> {
    let year = digits(s, 0, 4)?;
    if s.get(4) != Some(&b'-') || s.get(7) != Some(&b'-') || !matches!(s.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (month, day) = (digits(s, 5, 2)?, digits(s, 8, 2)?);
    let (hour, minute) = (digits(s, 11, 2)?, digits(s, 14, 2)?);
    if s.get(13) != Some(&b':') {
        return None;
    }
    let mut at = 16;
    let mut second = 0;
    if s.get(at) == Some(&b':') {
        second = digits(s, at + 1, 2)?;
        at += 3;
        // Fractions of a second (`.123`, `,123`) do not move the minute.
        if matches!(s.get(at), Some(b'.' | b',')) {
            at += 1;
            while s.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
        }
    }
    let offset = offset(&s[at..]).unwrap_or(0);
    civil(year, month, day, hour, minute, second).map(|t| t - offset)
}

/// A UTC offset (`Z`, `+08:00`, `-0700`, ` +0100`) in seconds east of UTC.
fn offset(s: &[u8]) -> Option<i64> {
    let s = s.strip_prefix(b" ").unwrap_or(s);
    match s.first()? {
        b'Z' | b'z' => Some(0),
        sign @ (b'+' | b'-') => {
            let hours = digits(s, 1, 2)?;
            let minutes = match s.get(3) {
                Some(b':') => digits(s, 4, 2)?,
                _ => digits(s, 3, 2)?,
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            let east = hours * 3600 + minutes * 60;
            Some(if *sign == b'-' { -east } else { east })
        }
        _ => None,
    }
}

/// `07/Mar/2026:10:42:01 +0100]`, the inside of the common log format's brackets.
fn common_log(s: &[u8]) -> Option<i64> {
    let day = digits(s, 0, 2)?;
    if s.get(2) != Some(&b'/') || s.get(6) != Some(&b'/') || s.get(11) != Some(&b':') {
        return None;
    }
    let month = month(s.get(3..6)?)?;
    let year = digits(s, 7, 4)?;
    let (hour, minute, second) = (digits(s, 12, 2)?, digits(s, 15, 2)?, digits(s, 18, 2)?);
    if s.get(14) != Some(&b':') || s.get(17) != Some(&b':') {
        return None;
    }
    let offset = offset(&s[20..]).unwrap_or(0);
    civil(year, month, day, hour, minute, second).map(|t| t - offset)
}

/// `Mar  7 10:42:01` at the start of a syslog line, after an optional `<PRI>`.
fn syslog(line: &[u8], clock: Clock) -> Option<i64> {
    let s = match line.strip_prefix(b"<") {
        Some(rest) => &rest[rest.iter().position(|&b| b == b'>')? + 1..],
        None => line,
    };
    let month = month(s.get(0..3)?)?;
    if s.get(3) != Some(&b' ') {
        return None;
    }
    // The day is padded with a space (`Mar  7`) or written with two digits (`Mar 07`).
    let day = match (s.get(4)?, s.get(5)?) {
        (b' ', d) if d.is_ascii_digit() => i64::from(d - b'0'),
        _ => digits(s, 4, 2)?,
    };
    if s.get(6) != Some(&b' ') || s.get(9) != Some(&b':') || s.get(12) != Some(&b':') {
        return None;
    }
    civil(clock.year, month, day, digits(s, 7, 2)?, digits(s, 10, 2)?, digits(s, 13, 2)?)
}

/// Field names whose number is an epoch time.
const EPOCH_FIELDS: &[&[u8]] =
    &[b"ts", b"time", b"timestamp", b"@timestamp", b"epoch", b"time_ms", b"timestamp_ms"];

/// `ts": 1772880121` — the rest of a JSON member after its opening quote.
fn epoch_field(s: &[u8]) -> Option<i64> {
    let end = s.iter().position(|&b| b == b'"')?;
    if !EPOCH_FIELDS.contains(&&s[..end]) {
        return None;
    }
    let rest = &s[end + 1..];
    let colon = rest.iter().position(|&b| !b.is_ascii_whitespace())?;
    if rest[colon] != b':' {
        return None;
    }
    let rest = &rest[colon + 1..];
    let start = rest.iter().position(|&b| !b.is_ascii_whitespace())?;
    let number = &rest[start..];
    let len = number.iter().take_while(|b| b.is_ascii_digit()).count();
    // A fraction (`1772880121.5`) is read as whole seconds.
    let value = digits(number, 0, len)?;
    match len {
        10 => Some(value),
        13 => Some(value.div_euclid(1000)),
        _ => None,
    }
}

/// A month's English abbreviation (`Mar`), as syslog and the common log format write it.
fn month(name: &[u8]) -> Option<i64> {
    const MONTHS: [&[u8; 3]; 12] =
        [b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec"];
    MONTHS.iter().position(|m| m.as_slice() == name).map(|i| i as i64 + 1)
}

/// The number written by `len` ASCII digits at `at`.
fn digits(s: &[u8], at: usize, len: usize) -> Option<i64> {
    let field = s.get(at..at.checked_add(len)?)?;
    if len == 0 || len > 18 || !field.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(field.iter().fold(0, |n, d| n * 10 + i64::from(d - b'0')))
}

/// Seconds since the epoch of a UTC date and time, if it is one.
fn civil(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<i64> {
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The UTC date and time of `seconds` since the epoch: year, month, day, hour, minute, second
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_seconds(seconds: i64) -> [i64; 6] {
    let days = seconds.div_euclid(86_400);
    let in_day = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    [year, month, day, in_day / 3600, in_day % 3600 / 60, in_day % 60]
}

/// `seconds` since the epoch as `2026-03-07 10:42` (UTC).
pub fn format_minute(seconds: i64) -> String {
    let [year, month, day, hour, minute, _] = civil_from_seconds(seconds);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
}

/// `seconds` since the epoch as RFC 3339, `2026-03-07T10:42:00Z`.
pub fn format_rfc3339(seconds: i64) -> String {
    let [year, month, day, hour, minute, second] = civil_from_seconds(seconds);
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
}

/// The year (UTC) of `seconds` since the epoch.
pub fn year_of(seconds: i64) -> i64 {
    civil_from_seconds(seconds)[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLOCK: Clock = Clock { year: 2026 };
    /// 2026-03-07T10:42:01Z.
    const T: i64 = 1_772_880_121;

    fn at(line: &str) -> Option<i64> {
        timestamp(line.as_bytes(), CLOCK)
    }

    #[test]
    fn rfc3339_with_zulu_offset_and_fraction() {
        assert_eq!(at("2026-03-07T10:42:01Z ERROR AIS.0101"), Some(T));
        assert_eq!(at("2026-03-07T10:42:01.123456Z x"), Some(T));
        assert_eq!(at("2026-03-07T18:42:01+08:00 x"), Some(T));
        assert_eq!(at("2026-03-07T03:42:01-0700 x"), Some(T));
    }

    #[test]
    fn iso_with_a_space_and_no_offset_is_utc() {
        assert_eq!(at("2026-03-07 10:42:01,123 [main] ERROR AIS.0101"), Some(T));
        assert_eq!(at("[2026-03-07 10:42:01] x"), Some(T));
    }

    #[test]
    fn common_log_format() {
        assert_eq!(at(r#"10.0.0.1 - - [07/Mar/2026:11:42:01 +0100] "GET / HTTP/1.1" 500"#), Some(T));
    }

    #[test]
    fn syslog_takes_the_year_from_the_clock() {
        assert_eq!(at("Mar  7 10:42:01 host app[12]: AIS.0101"), Some(T));
        assert_eq!(at("<34>Mar 07 10:42:01 host app: x"), Some(T));
    }

    #[test]
    fn epoch_seconds_and_milliseconds_in_json_fields() {
        assert_eq!(at(r#"{"level":"error","ts":1772880121,"code":"AIS.0101"}"#), Some(T));
        assert_eq!(at(r#"{"timestamp": 1772880121123, "code":"AIS.0101"}"#), Some(T));
        assert_eq!(at(r#"{"ts":1772880121.25}"#), Some(T));
    }

    #[test]
    fn numbers_that_are_not_times_are_not_read() {
        assert_eq!(at(r#"{"count":1772880121,"code":"AIS.0101"}"#), None);
        assert_eq!(at("request 2026-13-40T10:42:01Z"), None);
        assert_eq!(at("version 12026-03-07 10:42"), None);
        assert_eq!(at("AIS.0101 failed"), None);
        assert_eq!(at("May the code be with you"), None);
    }

    #[test]
    fn minutes_are_formatted_back() {
        assert_eq!(format_minute(T), "2026-03-07 10:42");
        assert_eq!(format_minute(0), "1970-01-01 00:00");
        assert_eq!(civil(2024, 2, 29, 0, 0, 0).map(format_minute), Some("2024-02-29 00:00".into()));
        assert_eq!(format_rfc3339(T), "2026-03-07T10:42:01Z");
        assert_eq!(year_of(T), 2026);
    }
}
