//! Calendar arithmetic in UTC, proleptic Gregorian, without a time-zone database: what log
//! timestamps and cache notes need, and no more.
//!
//! **Invariant:** pure integer arithmetic on seconds since the Unix epoch.

/// Seconds since the epoch of a UTC date and time, if it is one.
pub fn civil(year: i64, month: i64, day: i64, hour: i64, minute: i64, second: i64) -> Option<i64> {
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

    #[test]
    fn dates_round_trip_through_seconds() {
        assert_eq!(format_minute(0), "1970-01-01 00:00");
        assert_eq!(civil(2024, 2, 29, 0, 0, 0).map(format_minute), Some("2024-02-29 00:00".into()));
        assert_eq!(civil(2023, 2, 29, 0, 0, 0), None);
        assert_eq!(format_rfc3339(951_827_696), "2000-02-29T12:34:56Z");
        assert_eq!(year_of(1_796_083_200), 2026);
    }
}
