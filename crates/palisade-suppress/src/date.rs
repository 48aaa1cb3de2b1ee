//! Calendar dates (`YYYY-MM-DD`) without a date-time dependency.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The environment variable that overrides "today" (`YYYY-MM-DD`), for tests
/// and for reproducible CI runs.
pub const TODAY_ENV: &str = "PALISADE_TODAY";

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// Parses exactly `YYYY-MM-DD` and checks that the day exists.
    pub fn parse(s: &str) -> Result<Date, String> {
        let b = s.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(format!("invalid date {s:?}: expected YYYY-MM-DD"));
        }
        let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
        let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
            return Err(format!("invalid date {s:?}: expected YYYY-MM-DD"));
        };
        let (year, month, day) = (year as i32, month as u8, day as u8);
        if !(1..=12).contains(&month) {
            return Err(format!("invalid date {s:?}: month {month} does not exist"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(format!(
                "invalid date {s:?}: day {day} does not exist in that month"
            ));
        }
        Ok(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = if m <= 2 { y + 1 } else { y };
        Date {
            year: y as i32,
            month: m as u8,
            day: d as u8,
        }
    }

    /// Today in UTC from the system clock.
    pub fn today_utc() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        Date::from_days(secs.div_euclid(86_400))
    }

    /// Today: `PALISADE_TODAY` when set (an error when it is not a date),
    /// else the system clock (UTC).
    pub fn today() -> Result<Date, String> {
        match std::env::var(TODAY_ENV) {
            Ok(s) if !s.trim().is_empty() => {
                Date::parse(s.trim()).map_err(|e| format!("{TODAY_ENV}: {e}"))
            }
            _ => Ok(Date::today_utc()),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_validates() {
        let d = Date::parse("2024-02-29").unwrap();
        assert_eq!((d.year, d.month, d.day), (2024, 2, 29));
        assert_eq!(d.to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("2023-00-10").is_err());
        assert!(Date::parse("2023-1-10").is_err());
        assert!(Date::parse("2023/01/10").is_err());
        assert!(Date::parse("tomorrow").is_err());
        assert!(Date::parse("2023-04-31").is_err());
        assert!(Date::parse("").is_err());
    }

    #[test]
    fn civil_from_days() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_782).to_string(), "2024-02-29");
        assert_eq!(Date::from_days(-1).to_string(), "1969-12-31");
        assert_eq!(Date::from_days(10_957).to_string(), "2000-01-01");
    }

    #[test]
    fn ordering() {
        assert!(Date::parse("2024-01-31").unwrap() < Date::parse("2024-02-01").unwrap());
        assert!(Date::parse("2023-12-31").unwrap() < Date::parse("2024-01-01").unwrap());
    }
}
